import type { Language } from '../../shared/i18n/language';
import type { ColumnTemplate, TableTemplate } from '../../shared/schema/template-types';
import { findColumnByHeader, headerLabel } from '../../shared/schema/templates';
import type { Zone } from '../../shared/time/zone';
import {
  COLUMN_METADATA_KEY,
  LAYOUT_PROPERTY_PREFIX,
  TABLE_METADATA_KEY,
  TEMPLATE_VERSION_PROPERTY_PREFIX,
} from '../workbook/keys';
import { headerTexts, type DocumentPropertiesSnapshot, type TableLayout } from '../workbook/layout';
import { tableFromValues, type Table } from '../workbook/table';
import { dateFromSerial } from '../workbook/values-api';
import { numberFormatOf, validationSpecOf, type ValidationSpec } from './column-rules';
import { desiredRules, type DesiredRule } from './conditional-formats';
import {
  COMPUTED_HEADER_BACKGROUND,
  DEFAULT_WIDTH,
  emptyTableReport,
  HEADER_BACKGROUND,
  HEADER_PROTECTION,
  parseList,
  RULES_PROPERTY_PREFIX,
  type TableInstallReport,
} from './install-table';

/**
 * Install / repair through the Advanced Sheets service (issue 18): the layout of every sheet is read with
 * two `Sheets.Spreadsheets.get` calls (sheets and their stamps; then rows 1–2 of our sheets, whole Settings and
 * Team, column stamps, highlight rules and protections, limited by `ranges` and a field mask) and everything
 * that must change is sent in ONE `Sheets.Spreadsheets.batchUpdate`. It decides exactly what install-table.ts
 * decides with SpreadsheetApp (same comparisons, same report), so both paths leave the same workbook; that
 * path stays the fallback when the service is off or not authorized (then every call here returns null
 * before anything was written: batchUpdate is atomic).
 */

type Json = Record<string, unknown>;

/** What the install uses of the Advanced service, typed with our own JSON shapes. */
export interface SheetsApi {
  get(spreadsheetId: string, optionalArgs: { fields: string; ranges?: string[] }): Json;
  batchUpdate(resource: { requests: Json[] }, spreadsheetId: string): Json;
}

export function sheetsApi(): SheetsApi | null {
  // The global is absent when the project has no Advanced Sheets service.
  if (typeof Sheets === 'undefined' || !Sheets || !Sheets.Spreadsheets) return null;
  return Sheets.Spreadsheets as unknown as SheetsApi;
}

/** Something the API path does not handle (a formula in Settings, an unexpected shape): use SpreadsheetApp. */
export class FallbackError extends Error {}

const LIST_FIELDS =
  'properties.timeZone,sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount,frozenRowCount)),developerMetadata(metadataKey,metadataValue))';
const LAYOUT_FIELDS =
  'sheets(properties.sheetId,conditionalFormats,protectedRanges(description,range),' +
  'data(startRow,rowData.values(userEnteredValue,userEnteredFormat(numberFormat,textFormat.bold),dataValidation),' +
  'columnMetadata.developerMetadata(metadataKey,metadataValue)))';

export interface ApiSheet {
  sheetId: number;
  title: string;
  rows: number;
  columns: number;
  frozenRows: number;
  /** The `crm.table` stamp on the sheet, if any. */
  table: string | null;
}

/** One sheet's layout as the second get returns it. */
export interface SheetLayout {
  /** Row values by sheet row − 1 (rows 1–2; the whole sheet for Settings and Team, read with Values). */
  rows: unknown[][];
  bold: boolean[];
  formats: (string | null)[];
  validations: (ValidationSpec | 'other' | null)[];
  /** crm.column key → 1-based column, first stamp of each key. */
  stamps: Record<string, number>;
  rules: Json[];
  protections: { description: string; whole: boolean }[];
}

export interface WorkbookLayout {
  spreadsheetId: string;
  timeZone: string;
  sheets: ApiSheet[];
  layouts: Map<number, SheetLayout>;
}

function gridNumber(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** The sheets and their table stamps (first get). */
export function listSheets(api: SheetsApi, spreadsheetId: string): { timeZone: string; sheets: ApiSheet[] } {
  const resource = api.get(spreadsheetId, { fields: LIST_FIELDS });
  const sheets = ((resource.sheets ?? []) as Json[]).map((sheet) => {
    const properties = (sheet.properties ?? {}) as Json;
    const grid = (properties.gridProperties ?? {}) as Json;
    const stamp = ((sheet.developerMetadata ?? []) as Json[]).find((m) => m.metadataKey === TABLE_METADATA_KEY);
    return {
      sheetId: gridNumber(properties.sheetId),
      title: String(properties.title ?? ''),
      rows: gridNumber(grid.rowCount),
      columns: gridNumber(grid.columnCount),
      frozenRows: gridNumber(grid.frozenRowCount),
      table: stamp && typeof stamp.metadataValue === 'string' ? stamp.metadataValue : null,
    };
  });
  return { timeZone: String(((resource.properties ?? {}) as Json).timeZone ?? ''), sheets };
}

/** A1 of rows of a sheet for `ranges` ('Name'!1:2). */
function sheetRange(title: string, rows: string): string {
  return `'${title.replace(/'/g, "''")}'!${rows}`;
}

const AUTOMATIC_FORMAT = '0.###############';

function cellValue(cell: Json | undefined): unknown {
  const value = (cell?.userEnteredValue ?? null) as Json | null;
  if (!value) return '';
  if ('formulaValue' in value) throw new FallbackError('formula in a layout row');
  if ('stringValue' in value) return String(value.stringValue);
  if ('numberValue' in value) return Number(value.numberValue);
  if ('boolValue' in value) return value.boolValue === true;
  throw new FallbackError('unexpected cell value');
}

/** An API DataValidationRule in the terms of column-rules.ts ('other' = a rule we never write). */
function validationOf(rule: unknown): ValidationSpec | 'other' | null {
  if (!rule || typeof rule !== 'object') return null;
  const { condition, strict, inputMessage, showCustomUi } = rule as Json;
  const type = String((condition as Json | undefined)?.type ?? '');
  const values = (((condition as Json | undefined)?.values ?? []) as Json[]).map((v) => v.userEnteredValue);
  const common = { allowInvalid: strict !== true, helpText: typeof inputMessage === 'string' ? inputMessage : '' };
  switch (type) {
    case 'ONE_OF_LIST':
      return { criteria: 'VALUE_IN_LIST', values: [values.map(String), showCustomUi === true], ...common };
    case 'NUMBER_BETWEEN':
      return { criteria: 'NUMBER_BETWEEN', values: values.map(Number), ...common };
    case 'BOOLEAN':
      return { criteria: 'CHECKBOX', values, ...common };
    case 'DATE_IS_VALID':
      return { criteria: 'DATE_IS_VALID_DATE', values, ...common };
    default:
      return 'other';
  }
}

function sameSpec(existing: ValidationSpec | 'other' | null, spec: ValidationSpec): boolean {
  if (!existing || existing === 'other') return false;
  return (
    existing.criteria === spec.criteria &&
    JSON.stringify(existing.values) === JSON.stringify(spec.values) &&
    existing.allowInvalid === spec.allowInvalid &&
    existing.helpText === spec.helpText
  );
}

/** The second get: rows 1–2 of the given sheets, with their rules, protections and column stamps. */
export function readLayouts(
  api: SheetsApi,
  spreadsheetId: string,
  sheets: readonly ApiSheet[],
): Map<number, SheetLayout> {
  const out = new Map<number, SheetLayout>();
  if (sheets.length === 0) return out;
  const resource = api.get(spreadsheetId, {
    fields: LAYOUT_FIELDS,
    ranges: sheets.map((sheet) => sheetRange(sheet.title, '1:2')),
  });
  for (const sheet of (resource.sheets ?? []) as Json[]) {
    const sheetId = gridNumber(((sheet.properties ?? {}) as Json).sheetId);
    const grid = (((sheet.data ?? []) as Json[])[0] ?? {}) as Json;
    const rowData = (grid.rowData ?? []) as Json[];
    const cellsOf = (r: number): Json[] => (((rowData[r] ?? {}) as Json).values as Json[]) ?? [];
    const header = cellsOf(0);
    const probe = cellsOf(1);
    const stamps: Record<string, number> = {};
    ((grid.columnMetadata ?? []) as Json[]).forEach((column, index) => {
      for (const m of (column.developerMetadata ?? []) as Json[]) {
        const key = m.metadataValue;
        if (m.metadataKey === COLUMN_METADATA_KEY && typeof key === 'string' && !(key in stamps))
          stamps[key] = index + 1;
      }
    });
    out.set(sheetId, {
      rows: rowData.map((_row, r) => cellsOf(r).map(cellValue)),
      bold: header.map(
        (cell) => ((cell.userEnteredFormat as Json | undefined)?.textFormat as Json | undefined)?.bold === true,
      ),
      formats: probe.map((cell) => {
        const format = (cell.userEnteredFormat as Json | undefined)?.numberFormat as Json | undefined;
        return typeof format?.pattern === 'string' ? format.pattern : null;
      }),
      validations: probe.map((cell) => validationOf(cell.dataValidation)),
      stamps,
      rules: (sheet.conditionalFormats ?? []) as Json[],
      protections: ((sheet.protectedRanges ?? []) as Json[]).map((p) => {
        const range = (p.range ?? {}) as Json;
        const whole = ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'].every(
          (k) => range[k] === undefined,
        );
        return { description: String(p.description ?? ''), whole };
      }),
    });
  }
  return out;
}

export const EMPTY_LAYOUT: SheetLayout = {
  rows: [],
  bold: [],
  formats: [],
  validations: [],
  stamps: {},
  rules: [],
  protections: [],
};

// ---- requests -----------------------------------------------------------------------------------------------

function hexColor(hex: string): Json {
  const out: Json = {};
  const parts: [string, number][] = [
    ['red', parseInt(hex.slice(1, 3), 16)],
    ['green', parseInt(hex.slice(3, 5), 16)],
    ['blue', parseInt(hex.slice(5, 7), 16)],
  ];
  for (const [key, value] of parts) if (value !== 0) out[key] = value / 255;
  return out;
}

function colorHex(color: unknown): string | null {
  if (!color || typeof color !== 'object') return null;
  const c = color as Json;
  const channel = (key: string) =>
    Math.round(gridNumber(c[key]) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${channel('red')}${channel('green')}${channel('blue')}`;
}

function numberFormatJson(pattern: string): Json {
  if (pattern === '@') return { type: 'TEXT', pattern };
  if (/[yd]/i.test(pattern.replace(/"[^"]*"/g, '')))
    return { type: /h/i.test(pattern) ? 'DATE_TIME' : 'DATE', pattern };
  if (/%/.test(pattern)) return { type: 'PERCENT', pattern };
  if (/[¥$€£]/.test(pattern)) return { type: 'CURRENCY', pattern };
  return { type: 'NUMBER', pattern };
}

function validationRule(spec: ValidationSpec): Json {
  let condition: Json;
  const rule: Json = {};
  switch (spec.criteria) {
    case 'VALUE_IN_LIST':
      condition = {
        type: 'ONE_OF_LIST',
        values: (spec.values[0] as string[]).map((label) => ({ userEnteredValue: label })),
      };
      if (spec.values[1] === true) rule.showCustomUi = true;
      break;
    case 'NUMBER_BETWEEN':
      condition = { type: 'NUMBER_BETWEEN', values: spec.values.map((v) => ({ userEnteredValue: String(v) })) };
      break;
    case 'CHECKBOX':
      condition = { type: 'BOOLEAN' };
      break;
    default:
      condition = { type: 'DATE_IS_VALID' };
  }
  rule.condition = condition;
  if (!spec.allowInvalid) rule.strict = true;
  if (spec.helpText) rule.inputMessage = spec.helpText;
  return rule;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A desired rule's "A2:K" as a GridRange down to the sheet's last row, as getRange('A2:K') gives it. */
function ruleRange(sheetId: number, a1: string, rows: number): Json {
  const match = /^([A-Z]+)(\d+):([A-Z]+)$/.exec(a1);
  if (!match) throw new FallbackError(`unexpected rule range ${a1}`);
  return {
    sheetId,
    startRowIndex: Number(match[2]) - 1,
    endRowIndex: rows,
    startColumnIndex: columnNumber(match[1] as string) - 1,
    endColumnIndex: columnNumber(match[3] as string),
  };
}

function ruleFormula(rule: Json): string | null {
  const condition = ((rule.booleanRule ?? {}) as Json).condition as Json | undefined;
  if (!condition || condition.type !== 'CUSTOM_FORMULA') return null;
  const value = ((condition.values ?? []) as Json[])[0]?.userEnteredValue;
  return typeof value === 'string' ? value : null;
}

/** As conditional-formats.ts sameRule: formula, one range starting where ours does, same background. */
function sameRule(existing: Json, desired: DesiredRule): boolean {
  if (ruleFormula(existing) !== desired.formula) return false;
  const ranges = (existing.ranges ?? []) as Json[];
  const match = /^([A-Z]+)(\d+):([A-Z]+)$/.exec(desired.a1);
  const range = ranges[0];
  if (ranges.length !== 1 || !range || !match) return false;
  if (gridNumber(range.startRowIndex) + 1 !== Number(match[2])) return false;
  if (gridNumber(range.startColumnIndex) + 1 !== columnNumber(match[1] as string)) return false;
  if (range.endColumnIndex !== columnNumber(match[3] as string)) return false;
  const format = ((existing.booleanRule as Json).format ?? {}) as Json;
  return colorHex(format.backgroundColor) === desired.background;
}

// ---- planning one table --------------------------------------------------------------------------------------

export interface PlannedTable {
  report: TableInstallReport;
  requests: Json[];
  layout: TableLayout;
  /** The sheet's values as read (header first), padded to the table's width: for Settings/Team seeding. */
  values: unknown[][];
  maxRows: number;
}

export interface SheetTarget {
  sheetId: number;
  title: string;
  rows: number;
  columns: number;
  frozenRows: number;
  created: boolean;
  foreign?: string;
  /** Requests that create or adopt the sheet (addSheet, its stamp). */
  requests: Json[];
}

function metadataRequest(location: Json, value: string, key: string): Json {
  return {
    createDeveloperMetadata: {
      developerMetadata: { metadataKey: key, metadataValue: value, location, visibility: 'PROJECT' },
    },
  };
}

export function sheetStampRequest(sheetId: number, table: string): Json {
  return metadataRequest({ sheetId }, table, TABLE_METADATA_KEY);
}

function columnStamp(sheetId: number, column: number, key: string): Json {
  return metadataRequest(
    { dimensionRange: { sheetId, dimension: 'COLUMNS', startIndex: column - 1, endIndex: column } },
    key,
    COLUMN_METADATA_KEY,
  );
}

/**
 * What installRecordsTable does, as requests: re-stamp columns whose header still names them, append missing
 * columns (header, stamp, width, hidden), header bold/frozen/protected, number formats and validations of the
 * data rows, our highlight rules. `lastColumn` is asked (one SpreadsheetApp read) only when columns are missing
 * from an existing sheet: they go after the last column with content, as before.
 */
export function planRecordsTable(
  template: TableTemplate,
  language: Language,
  target: SheetTarget,
  snapshot: SheetLayout,
  properties: DocumentPropertiesSnapshot,
  lastColumn: () => number,
): PlannedTable {
  const report = emptyTableReport(template, target.title, target);
  const requests: Json[] = [...target.requests];
  const { sheetId } = target;
  const header = (snapshot.rows[0] ?? []) as unknown[];
  const known = new Set(template.columns.map((column) => column.key));
  const columns: Record<string, number> = {};
  for (const [key, at] of Object.entries(snapshot.stamps)) if (known.has(key)) columns[key] = at;
  const headerCells = headerTexts(header);

  headerCells.forEach((text, index) => {
    const column = text ? findColumnByHeader(template, text) : null;
    if (!column || column.key in columns || Object.values(columns).includes(index + 1)) return;
    requests.push(columnStamp(sheetId, index + 1, column.key));
    columns[column.key] = index + 1;
    report.restampedColumns.push(column.key);
  });

  const maxColumns = target.columns;
  const missing = template.columns.filter((column) => !(column.key in columns));
  if (missing.length > 0) {
    const used = target.created ? 0 : lastColumn();
    const first = used + 1;
    const needed = first + missing.length - 1;
    if (needed > maxColumns) {
      requests.push({
        insertDimension: {
          range: { sheetId, dimension: 'COLUMNS', startIndex: maxColumns, endIndex: needed },
          inheritFromBefore: true,
        },
      });
    }
    requests.push({
      updateCells: {
        start: { sheetId, rowIndex: 0, columnIndex: first - 1 },
        rows: [
          {
            values: missing.map((column) => ({
              userEnteredValue: { stringValue: headerLabel(column, language) },
              userEnteredFormat: {
                textFormat: { bold: true },
                backgroundColor: hexColor(column.computed ? COMPUTED_HEADER_BACKGROUND : HEADER_BACKGROUND),
              },
            })),
          },
        ],
        fields: 'userEnteredValue,userEnteredFormat(textFormat.bold,backgroundColor)',
      },
    });
    missing.forEach((column, offset) => {
      const index = first + offset;
      requests.push(columnStamp(sheetId, index, column.key));
      columns[column.key] = index;
      requests.push({
        updateDimensionProperties: {
          range: { sheetId, dimension: 'COLUMNS', startIndex: index - 1, endIndex: index },
          properties: { pixelSize: column.width ?? DEFAULT_WIDTH, hiddenByUser: Boolean(column.hidden) },
          fields: column.hidden ? 'pixelSize,hiddenByUser' : 'pixelSize',
        },
      });
      report.addedColumns.push(column.key);
    });
    while (headerCells.length < used) headerCells.push('');
    headerCells.push(...missing.map((column) => headerLabel(column, language)));
  }

  const width = Math.max(headerCells.length, ...Object.values(columns));
  // Header row: bold, frozen, protected with a warning (docs/product-rules.md §4).
  if (target.frozenRows < 1) {
    requests.push({
      updateSheetProperties: {
        properties: { sheetId, gridProperties: { frozenRowCount: 1 } },
        fields: 'gridProperties.frozenRowCount',
      },
    });
    report.fixedHeader = true;
  }
  const added = new Set(missing.map((column) => columns[column.key] as number));
  const bold = (column: number): boolean => snapshot.bold[column - 1] === true || added.has(column);
  if (width > 0 && Array.from({ length: width }, (_, i) => i + 1).some((column) => !bold(column))) {
    requests.push({
      repeatCell: {
        range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: width },
        cell: { userEnteredFormat: { textFormat: { bold: true } } },
        fields: 'userEnteredFormat.textFormat.bold',
      },
    });
    report.fixedHeader = true;
  }
  if (!snapshot.protections.some((p) => !p.whole && p.description === HEADER_PROTECTION)) {
    requests.push({
      addProtectedRange: {
        protectedRange: {
          range: { sheetId, startRowIndex: 0, endRowIndex: 1 },
          description: HEADER_PROTECTION,
          warningOnly: true,
        },
      },
    });
    report.fixedHeader = true;
  }

  // Number formats and validations, probed on the first data row as install-table.ts does.
  const dataRows = target.rows - 1;
  if (dataRows > 0) {
    for (const column of template.columns) {
      const index = columns[column.key];
      if (index === undefined) continue;
      const format = numberFormatOf(column);
      if ((snapshot.formats[index - 1] ?? AUTOMATIC_FORMAT) === format) continue;
      requests.push({
        repeatCell: {
          range: {
            sheetId,
            startRowIndex: 1,
            endRowIndex: target.rows,
            startColumnIndex: index - 1,
            endColumnIndex: index,
          },
          cell: { userEnteredFormat: { numberFormat: numberFormatJson(format) } },
          fields: 'userEnteredFormat.numberFormat',
        },
      });
      report.fixedFormats.push(column.key);
    }
    for (const column of template.columns) {
      const index = columns[column.key];
      if (index === undefined) continue;
      const spec = validationSpecOf(column, language);
      if (!spec || sameSpec(snapshot.validations[index - 1] ?? null, spec)) continue;
      requests.push({
        setDataValidation: {
          range: {
            sheetId,
            startRowIndex: 1,
            endRowIndex: target.rows,
            startColumnIndex: index - 1,
            endColumnIndex: index,
          },
          rule: validationRule(spec),
        },
      });
      report.fixedValidations.push(column.key);
    }
  }

  // Highlight rules: ours first, the user's kept after them (conditional-formats.ts applyConditionalFormats).
  const desired = desiredRules(template, columns, width, language);
  const previous = parseList(properties.values[RULES_PROPERTY_PREFIX + template.table]);
  const ours = new Set([...previous, ...desired.map((rule) => rule.formula)]);
  const oursNow = snapshot.rules.filter((rule) => ours.has(ruleFormula(rule) ?? ''));
  const upToDate =
    oursNow.length === desired.length && desired.every((rule, index) => sameRule(oursNow[index] as Json, rule));
  if (!upToDate) {
    for (let index = snapshot.rules.length - 1; index >= 0; index--) {
      if (ours.has(ruleFormula(snapshot.rules[index] as Json) ?? ''))
        requests.push({ deleteConditionalFormatRule: { sheetId, index } });
    }
    desired.forEach((rule, index) => {
      const format: Json = { backgroundColor: hexColor(rule.background) };
      if (rule.fontColor) format.textFormat = { foregroundColor: hexColor(rule.fontColor) };
      requests.push({
        addConditionalFormatRule: {
          index,
          rule: {
            ranges: [ruleRange(sheetId, rule.a1, target.rows)],
            booleanRule: {
              condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: rule.formula }] },
              format,
            },
          },
        },
      });
    });
    report.fixedRules = true;
    properties.set(RULES_PROPERTY_PREFIX + template.table, JSON.stringify(desired.map((rule) => rule.formula)));
  }

  properties.set(TEMPLATE_VERSION_PROPERTY_PREFIX + template.table, String(template.version));
  properties.set(
    LAYOUT_PROPERTY_PREFIX + template.table,
    JSON.stringify({ sheetId, sheetName: target.title, headers: headerTexts(headerCells), columns }),
  );
  const layout: TableLayout = {
    table: template.table,
    sheetId,
    sheetName: target.title,
    columns,
    missing: [],
    width,
  };
  const values: unknown[][] = [headerCells.slice(0, width), ...snapshot.rows.slice(1)].map((row) => {
    const out = row.slice(0, width);
    while (out.length < width) out.push('');
    return out;
  });
  return { report, requests, layout, values, maxRows: target.rows };
}

/** Cells as getValues gives them: numbers in date columns become Dates in the spreadsheet's zone. */
export function tableOf(
  planned: PlannedTable,
  template: TableTemplate,
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spreadsheetId: string,
  zone: Zone,
): Table {
  const dated = new Set(
    template.columns
      .filter((column: ColumnTemplate) => column.type === 'date' || column.type === 'datetime')
      .map((column) => (planned.layout.columns[column.key] as number) - 1),
  );
  const values = planned.values.map((row, r) =>
    r === 0
      ? row
      : row.map((cell, c) => (typeof cell === 'number' && dated.has(c) ? dateFromSerial(cell, zone) : cell)),
  );
  const table = tableFromValues(template, planned.layout, values, spreadsheet, planned.maxRows);
  table.ids = { spreadsheetId };
  return table;
}

/** Unique title for a new sheet: "客户", else "客户 (2)"… (as install-table.ts). */
export function freeTitle(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

/** A sheet id no sheet has: deterministic per spreadsheet and table, like the large ids Sheets hands out. */
export function freeSheetId(spreadsheetId: string, table: string, taken: Set<number>): number {
  let hash = 5381;
  for (const ch of `${spreadsheetId}:${table}`) hash = ((hash * 33) ^ ch.charCodeAt(0)) >>> 0;
  let id = 100_000_000 + (hash % 1_900_000_000);
  while (taken.has(id)) id = id + 1 > 2_000_000_000 ? 100_000_000 : id + 1;
  taken.add(id);
  return id;
}
