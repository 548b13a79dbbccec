import type { Language } from '../../shared/i18n/language';
import { parseSettingLanguage } from '../../shared/rules/settings-parse';
import type { ColumnTemplate, TableTemplate } from '../../shared/schema/template-types';
import { normalizeLabel, TEMPLATES } from '../../shared/schema/templates';
import { LAYOUT_PROPERTY_PREFIX } from '../workbook/keys';
import {
  findTableSheet,
  headerTexts,
  loadDocumentProperties,
  type DocumentPropertiesSnapshot,
} from '../workbook/layout';
import { MissingColumnsError, readTable, TableNotFoundError, writeFields, type Table } from '../workbook/table';
import { buildValidation, validationSpecOf } from './column-rules';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Relabelling after the workbook language changed in Settings (issue 11, docs/product-rules.md §1): sheet names, header
 * cells, enum cells (labels), their dropdowns and the Settings rows' names, units and descriptions move
 * from one language to the other, and nothing a user typed is lost:
 *  - a sheet or header the user renamed (text that is no template label) keeps its name;
 *  - an enum cell holding something that is no label of its column is left as it is;
 *  - only changed cells are written (writeFields), in blocks.
 *
 * How install/repair calls it, under the document lock:
 *   const from = properties.values[LANGUAGE_PROPERTY];          // the language the workbook was built in
 *   const to = settingsLanguage(properties, spreadsheet);       // the Settings `language` row, or null
 *   const language = isLanguage(from) && to && to !== from ? to : requested ?? from;
 *   ... repair every table with `language` (dropdowns and conditional formats follow it) ...
 *   if (language !== from && isLanguage(from)) relabelWorkbook(from, language, properties, spreadsheet);
 *   properties.set(LANGUAGE_PROPERTY, language);
 * Before the repair works too (tables missing a column are then skipped); after it is the safer order.
 */
export interface RelabelReport {
  from: Language;
  to: Language;
  sheetsRenamed: string[];
  headersChanged: number;
  cellsChanged: number;
}

/** The Settings `language` row, parsed (a language code or a word such as 简体中文 / English); null if unusable. */
export function settingsLanguage(
  properties: DocumentPropertiesSnapshot = loadDocumentProperties(),
  spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(),
): Language | null {
  let table: Table;
  try {
    table = readTable(TEMPLATES.settings, properties, spreadsheet);
  } catch (error) {
    if (error instanceof TableNotFoundError) return null;
    throw error;
  }
  const row = table.records.find((record) => record.values.key === 'language');
  return row ? parseSettingLanguage(row.values.value) : null;
}

/** The text is one of the template's labels (any language), i.e. not something the user typed. */
function isTemplateLabel(text: unknown, labels: Record<Language, string>): boolean {
  const normalized = normalizeLabel(String(text ?? ''));
  return normalized !== '' && Object.values(labels).some((label) => normalizeLabel(label) === normalized);
}

function relabelTable(
  spreadsheet: Spreadsheet,
  template: TableTemplate,
  from: Language,
  to: Language,
  properties: DocumentPropertiesSnapshot,
  report: RelabelReport,
): void {
  const table = readTable(template, properties, spreadsheet);
  const sheet = spreadsheet.getSheetById(table.layout.sheetId);
  if (!sheet) return;
  const { columns } = table.layout;
  const dataRows = sheet.getMaxRows() - 1;

  // 1. Enum cells, after their dropdowns (a strict dropdown rejects a script write of a label it lacks).
  const enumColumns = template.columns.filter(
    (column): column is ColumnTemplate =>
      (column.type === 'enum' || column.type === 'multienum') && column.key in columns,
  );
  if (enumColumns.length > 0 && table.records.length > 0) {
    for (const column of enumColumns) {
      const spec = validationSpecOf(column, to);
      if (spec && dataRows > 0) {
        sheet.getRange(2, columns[column.key] as number, dataRows, 1).setDataValidation(buildValidation(spec));
      }
    }
    const updates = table.records.map((record) => {
      const values: Record<string, string | null> = {};
      for (const column of enumColumns) {
        const value = record.values[column.key];
        // readCell gave the option key for a known label, the text itself otherwise: unknown text is kept.
        if (typeof value === 'string') values[column.key] = value;
      }
      return { row: record.row, values };
    });
    report.cellsChanged += writeFields(table, updates, to);
  }

  // 2. Settings rows: name, unit and description, unless the user rewrote them.
  if (template.kind === 'settings') {
    const updates: { row: number; values: Record<string, string> }[] = [];
    for (const record of table.records) {
      const setting = (template.settings ?? []).find((candidate) => candidate.key === record.values.key);
      if (!setting) continue;
      const values: Record<string, string> = {};
      if (isTemplateLabel(record.values.setting, setting.label)) values.setting = setting.label[to];
      if (setting.unit && isTemplateLabel(record.values.unit, setting.unit)) values.unit = setting.unit[to];
      if (isTemplateLabel(record.values.description, setting.description)) values.description = setting.description[to];
      updates.push({ row: record.row, values });
    }
    report.cellsChanged += writeFields(table, updates, to);
  }

  // 3. Header cells that still show a template label; a header the user renamed stays.
  const header = [...((table.grid[0] as unknown[] | undefined) ?? [])];
  let headerChanged = 0;
  for (const column of template.columns) {
    const at = columns[column.key];
    if (at === undefined) continue;
    const current = header[at - 1];
    if (isTemplateLabel(current, column.label) && current !== column.label[to]) {
      header[at - 1] = column.label[to];
      headerChanged++;
    }
  }
  if (headerChanged > 0) {
    sheet.getRange(1, 1, 1, header.length).setValues([header.map((cell) => (cell === null ? '' : cell)) as string[]]);
    report.headersChanged += headerChanged;
  }

  // 4. The sheet's name, when it is still ours in the old language and the new name is free.
  let sheetName = table.layout.sheetName;
  if (sheetName === template.sheetName[from] && sheetName !== template.sheetName[to]) {
    if (!spreadsheet.getSheetByName(template.sheetName[to])) {
      sheet.setName(template.sheetName[to]);
      report.sheetsRenamed.push(`${sheetName} → ${template.sheetName[to]}`);
      sheetName = template.sheetName[to];
    }
  }

  // The cached layout follows the new header and name, so the next read takes the fast path.
  properties.set(
    LAYOUT_PROPERTY_PREFIX + template.table,
    JSON.stringify({ sheetId: table.layout.sheetId, sheetName, headers: headerTexts(header), columns }),
  );
}

/** Relabels every table of the workbook from one language to another. Call under the document lock. */
export function relabelWorkbook(
  from: Language,
  to: Language,
  properties: DocumentPropertiesSnapshot = loadDocumentProperties(),
  spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(),
): RelabelReport {
  const report: RelabelReport = { from, to, sheetsRenamed: [], headersChanged: 0, cellsChanged: 0 };
  if (from === to) return report;
  for (const template of Object.values(TEMPLATES) as TableTemplate[]) {
    if (template.kind === 'dashboard') {
      const sheet = findTableSheet(spreadsheet, template);
      const name = sheet?.getName();
      if (sheet && name === template.sheetName[from] && !spreadsheet.getSheetByName(template.sheetName[to])) {
        sheet.setName(template.sheetName[to]);
        report.sheetsRenamed.push(`${name} → ${template.sheetName[to]}`);
      }
      continue;
    }
    try {
      relabelTable(spreadsheet, template, from, to, properties, report);
    } catch (error) {
      // A table not installed yet, or missing a column: repair creates it in the new language (calling
      // relabel after the repair loop avoids the second case).
      if (!(error instanceof TableNotFoundError) && !(error instanceof MissingColumnsError)) throw error;
    }
  }
  return report;
}
