import type { Language } from '../../shared/i18n/language';
import { columnLetter } from '../../shared/schema/a1';
import type { ColumnTemplate, TableTemplate } from '../../shared/schema/template-types';
import { findColumnByHeader, headerLabel } from '../../shared/schema/templates';
import {
  COLUMN_METADATA_KEY,
  LAYOUT_PROPERTY_PREFIX,
  TABLE_METADATA_KEY,
  TEMPLATE_VERSION_PROPERTY_PREFIX,
} from '../workbook/keys';
import { headerTexts, layoutFromCache, readCachedLayout, type DocumentPropertiesSnapshot } from '../workbook/layout';
import { applyConditionalFormats, desiredRules } from './conditional-formats';
import { buildValidation, numberFormatOf, sameValidation, validationSpecOf } from './column-rules';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What installing or repairing one table did; empty lists and zeros mean "already right". */
export interface TableInstallReport {
  table: string;
  sheetName: string;
  createdSheet: boolean;
  /** Foreign sheet that had our name: left untouched, the table went to another sheet. */
  foreignSheet?: string;
  addedColumns: string[];
  restampedColumns: string[];
  fixedFormats: string[];
  fixedValidations: string[];
  fixedHeader: boolean;
  fixedRules: boolean;
}

export const HEADER_PROTECTION = 'crm.header';
export const RULES_PROPERTY_PREFIX = 'crm.rules.';
export const HEADER_BACKGROUND = '#e8f0fe';
export const COMPUTED_HEADER_BACKGROUND = '#f1f3f4';
export const DEFAULT_WIDTH = 120;

/**
 * Creates or repairs one records table so it matches its template, without ever deleting, moving or
 * overwriting user data or user columns (docs/product-rules.md §8): missing columns are added at the end, lost
 * developer metadata is re-stamped, formats and validations restored. Everything is compared first,
 * so a second run makes no write call at all.
 */
export function installRecordsTable(
  spreadsheet: Spreadsheet,
  template: TableTemplate,
  language: Language,
  properties: DocumentPropertiesSnapshot,
): TableInstallReport {
  const located = locateOrCreateSheet(spreadsheet, template, language);
  const { sheet } = located;
  const report = emptyTableReport(template, sheet.getName(), located);

  const lastColumn = sheet.getLastColumn();
  const header = lastColumn > 0 ? (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] as unknown[]) : [];
  // Reading every column's metadata costs several calls per column: when the layout cached at the last
  // install/read still matches the header row exactly, the stamps are where they were.
  const cached = readCachedLayout(template, properties);
  const fast = cached && cached.sheetId === sheet.getSheetId() ? layoutFromCache(template, cached, header) : null;
  const columns = fast && fast.missing.length === 0 ? { ...fast.columns } : stampedColumns(sheet, template);
  const headerCells = header.map((cell) => String(cell).trim());

  // Columns whose metadata was lost but whose header still names them: re-stamp.
  headerCells.forEach((text, index) => {
    const column = text ? findColumnByHeader(template, text) : null;
    if (!column || column.key in columns || Object.values(columns).includes(index + 1)) return;
    stampColumn(sheet, index + 1, column.key);
    columns[column.key] = index + 1;
    report.restampedColumns.push(column.key);
  });

  // Missing columns: appended after the last used column, header written, metadata stamped.
  const missing = template.columns.filter((column) => !(column.key in columns));
  if (missing.length > 0) {
    const first = Math.max(lastColumn, 0) + 1;
    const needed = first + missing.length - 1;
    if (needed > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed - sheet.getMaxColumns());
    const labels = missing.map((column) => headerLabel(column, language));
    const headerRange = sheet.getRange(1, first, 1, missing.length);
    headerRange.setValues([labels]);
    headerRange.setFontWeight('bold');
    headerRange.setBackgrounds([
      missing.map((column) => (column.computed ? COMPUTED_HEADER_BACKGROUND : HEADER_BACKGROUND)),
    ]);
    missing.forEach((column, offset) => {
      const index = first + offset;
      stampColumn(sheet, index, column.key);
      columns[column.key] = index;
      sheet.setColumnWidth(index, column.width ?? DEFAULT_WIDTH);
      if (column.hidden) sheet.hideColumns(index);
      report.addedColumns.push(column.key);
    });
    headerCells.push(...labels);
  }

  const width = Math.max(headerCells.length, ...Object.values(columns));
  report.fixedHeader = ensureHeaderRow(sheet, width);
  const dataRows = sheet.getMaxRows() - 1;
  if (dataRows > 0) {
    report.fixedFormats = ensureNumberFormats(sheet, template.columns, columns, width, dataRows);
    report.fixedValidations = ensureValidations(sheet, template.columns, columns, width, dataRows, language);
  }

  const previous = parseList(properties.values[RULES_PROPERTY_PREFIX + template.table]);
  const applied = applyConditionalFormats(sheet, desiredRules(template, columns, width, language), previous);
  if (applied) {
    report.fixedRules = true;
    properties.set(RULES_PROPERTY_PREFIX + template.table, JSON.stringify(applied));
  }

  properties.set(TEMPLATE_VERSION_PROPERTY_PREFIX + template.table, String(template.version));
  properties.set(
    LAYOUT_PROPERTY_PREFIX + template.table,
    JSON.stringify({
      sheetId: sheet.getSheetId(),
      sheetName: sheet.getName(),
      headers: headerTexts(headerCells),
      columns,
    }),
  );
  return report;
}

/** A report that says only whether the sheet was created or a foreign one was found; the rest is filled in. */
export function emptyTableReport(
  template: TableTemplate,
  sheetName: string,
  located: { created: boolean; foreign?: string },
): TableInstallReport {
  return {
    table: template.table,
    sheetName,
    createdSheet: located.created,
    foreignSheet: located.foreign,
    addedColumns: [],
    restampedColumns: [],
    fixedFormats: [],
    fixedValidations: [],
    fixedHeader: false,
    fixedRules: false,
  };
}

export function parseList(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The table's sheet: found by its metadata stamp, else adopted by name when it is empty or its header
 * names our columns; a same-named sheet with foreign content is left alone and the table gets a new
 * sheet beside it.
 */
export function locateOrCreateSheet(
  spreadsheet: Spreadsheet,
  template: TableTemplate,
  language: Language,
): { sheet: Sheet; created: boolean; foreign?: string } {
  const stamped = spreadsheet
    .createDeveloperMetadataFinder()
    .withKey(TABLE_METADATA_KEY)
    .withValue(template.table)
    .withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET)
    .find();
  const stampedSheet = stamped.length > 0 ? stamped[0]?.getLocation().getSheet() : null;
  if (stampedSheet) return { sheet: stampedSheet, created: false };

  let foreign: string | undefined;
  for (const name of new Set(Object.values(template.sheetName))) {
    const candidate = spreadsheet.getSheetByName(name);
    if (!candidate) continue;
    if (looksLikeOurs(candidate, template)) {
      candidate.addDeveloperMetadata(
        TABLE_METADATA_KEY,
        template.table,
        SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
      );
      return { sheet: candidate, created: false };
    }
    foreign = foreign ?? name;
  }
  const baseName = template.sheetName[language];
  let name = baseName;
  for (let n = 2; spreadsheet.getSheetByName(name); n++) name = `${baseName} (${n})`;
  const sheet = spreadsheet.insertSheet(name);
  sheet.addDeveloperMetadata(TABLE_METADATA_KEY, template.table, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  return { sheet, created: true, foreign };
}

function looksLikeOurs(sheet: Sheet, template: TableTemplate): boolean {
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0) return true;
  const header = sheet.getRange(1, 1, 1, lastColumn).getValues()[0] as unknown[];
  return header.some((cell) => findColumnByHeader(template, String(cell).trim()) !== null);
}

/** Column key → 1-based column, from the metadata stamped on whole columns. */
function stampedColumns(sheet: Sheet, template: TableTemplate): Record<string, number> {
  const known = new Set(template.columns.map((column) => column.key));
  const columns: Record<string, number> = {};
  for (const metadata of sheet.createDeveloperMetadataFinder().withKey(COLUMN_METADATA_KEY).find()) {
    const key = metadata.getValue();
    const location = metadata.getLocation().getColumn();
    if (key && known.has(key) && location && !(key in columns)) columns[key] = location.getColumn();
  }
  return columns;
}

function stampColumn(sheet: Sheet, column: number, key: string): void {
  const letter = columnLetter(column);
  sheet
    .getRange(`${letter}:${letter}`)
    .addDeveloperMetadata(COLUMN_METADATA_KEY, key, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
}

/** Header row: bold, frozen, protected with a warning (docs/product-rules.md §4). Returns whether anything changed. */
function ensureHeaderRow(sheet: Sheet, width: number): boolean {
  let changed = false;
  if (sheet.getFrozenRows() < 1) {
    sheet.setFrozenRows(1);
    changed = true;
  }
  if (width > 0) {
    const weights = sheet.getRange(1, 1, 1, width).getFontWeights()[0] as string[];
    if (weights.some((weight) => weight !== 'bold')) {
      sheet.getRange(1, 1, 1, width).setFontWeight('bold');
      changed = true;
    }
  }
  const protections = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
  if (!protections.some((protection) => protection.getDescription() === HEADER_PROTECTION)) {
    sheet.getRange('1:1').protect().setDescription(HEADER_PROTECTION).setWarningOnly(true);
    changed = true;
  }
  return changed;
}

/**
 * Number formats, probed on the first data row in one call; a column whose format differs gets its whole
 * data range set. Plain text "@" on phone/id/text columns is what keeps "+86…" and leading zeros.
 */
function ensureNumberFormats(
  sheet: Sheet,
  templateColumns: readonly ColumnTemplate[],
  columns: Record<string, number>,
  width: number,
  dataRows: number,
): string[] {
  const probe = sheet.getRange(2, 1, 1, width).getNumberFormats()[0] as string[];
  const fixed: string[] = [];
  for (const column of templateColumns) {
    const index = columns[column.key];
    if (index === undefined) continue;
    const format = numberFormatOf(column);
    if (probe[index - 1] === format) continue;
    sheet.getRange(2, index, dataRows, 1).setNumberFormat(format);
    fixed.push(column.key);
  }
  return fixed;
}

function ensureValidations(
  sheet: Sheet,
  templateColumns: readonly ColumnTemplate[],
  columns: Record<string, number>,
  width: number,
  dataRows: number,
  language: Language,
): string[] {
  const probe = sheet.getRange(2, 1, 1, width).getDataValidations()[0] ?? [];
  const fixed: string[] = [];
  for (const column of templateColumns) {
    const index = columns[column.key];
    if (index === undefined) continue;
    const spec = validationSpecOf(column, language);
    // Columns we don't validate keep whatever rule a user gave them.
    if (!spec || sameValidation(probe[index - 1] ?? null, spec)) continue;
    sheet.getRange(2, index, dataRows, 1).setDataValidation(buildValidation(spec));
    fixed.push(column.key);
  }
  return fixed;
}
