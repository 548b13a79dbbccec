import { notSupported } from '../core/errors';
import type { Book } from './book';
import {
  clone,
  colorJson,
  conditionalRuleJson,
  isObject,
  metadataJson,
  numberFormatJson,
  parseFieldMask,
  pick,
  protectedRangeJson,
  RequestError,
  validationJson,
  gridRangeJson,
  type Json,
  type Mask,
} from './advanced-sheets-json';
import { ApiError, resolve, type Target } from './advanced-sheets-values';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, type SheetModel, type WorkbookModel } from './model';
import { DateCell, dateToSerial, formatDisplay, FormulaCell, type CellValue } from './values';

/**
 * spreadsheets.get(spreadsheetId, {fields, ranges, includeGridData}) on the in-memory workbook
 * (https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/get):
 *  - `fields` is a partial-response mask; only what it names is returned, and asking for `sheets.data`
 *    returns grid data ("If a field mask is set, the includeGridData parameter is ignored");
 *  - `ranges` (A1) limit the answer to "the portions of the spreadsheet that intersect the requested ranges":
 *    only sheets a range touches are listed, with one GridData per range;
 *  - defaults are left out (zero ids and indexes, empty lists), as docs/apps-script/filter-views-and-charts.md §2 records.
 * Fields the model cannot represent (charts, merges, banding, effectiveFormat…) throw notSupported when asked
 * for; a name the resource does not have is refused as "Invalid field selection <name>" (the text Google's
 * partial-response layer gives; UNCONFIRMED for Sheets).
 */

/** Known names of the resource; `true` = modelled leaf, `false` = real field the runtime does not model. */
type Schema = { [name: string]: Schema | boolean };

const DIMENSION: Schema = {
  pixelSize: true,
  hiddenByUser: true,
  hiddenByFilter: true,
  developerMetadata: true,
  dataSourceColumnReference: false,
};
const CELL: Schema = {
  userEnteredValue: true,
  effectiveValue: true,
  formattedValue: true,
  userEnteredFormat: true,
  effectiveFormat: false,
  hyperlink: false,
  note: true,
  textFormatRuns: false,
  dataValidation: true,
  pivotTable: false,
  dataSourceTable: false,
  dataSourceFormula: false,
  chipRuns: false,
};
const SCHEMA: Schema = {
  spreadsheetId: true,
  spreadsheetUrl: true,
  properties: {
    title: true,
    locale: true,
    timeZone: true,
    autoRecalc: false,
    defaultFormat: false,
    iterativeCalculationSettings: false,
    spreadsheetTheme: false,
    importFunctionsExternalUrlAccessAllowed: false,
  },
  namedRanges: true,
  developerMetadata: true,
  dataSources: false,
  dataSourceSchedules: false,
  sheets: {
    properties: {
      sheetId: true,
      title: true,
      index: true,
      sheetType: true,
      hidden: true,
      gridProperties: {
        rowCount: true,
        columnCount: true,
        frozenRowCount: true,
        frozenColumnCount: true,
        hideGridlines: false,
        rowGroupControlAfter: false,
        columnGroupControlAfter: false,
      },
      tabColor: false,
      tabColorStyle: false,
      rightToLeft: false,
      dataSourceSheetProperties: false,
    },
    data: {
      startRow: true,
      startColumn: true,
      rowData: { values: CELL },
      rowMetadata: DIMENSION,
      columnMetadata: DIMENSION,
    },
    conditionalFormats: true,
    filterViews: true,
    protectedRanges: true,
    developerMetadata: true,
    merges: false,
    basicFilter: false,
    charts: false,
    bandedRanges: false,
    rowGroups: false,
    columnGroups: false,
    slicers: false,
    tables: false,
  },
};

/** Checks the mask's names against the schema, down to the modelled leaves. */
function checkMask(mask: Mask, schema: Schema, prefix: string): void {
  for (const [name, sub] of mask) {
    if (name === '*') continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const node = schema[name];
    if (node === undefined) throw new RequestError(`Invalid field selection ${path}`);
    if (node === false) throw notSupported(`Sheets.Spreadsheets.get field ${path}`);
    if (node !== true && sub !== null) checkMask(sub, node, path);
  }
}

/** A sheet's properties as the API shapes them (sheetId 0 and index 0 left out). */
export function sheetPropertiesJson(sheet: SheetModel, index: number): Json {
  const gridProperties: Json = { rowCount: sheet.maxRows, columnCount: sheet.maxColumns };
  if (sheet.frozenRows) gridProperties.frozenRowCount = sheet.frozenRows;
  if (sheet.frozenColumns) gridProperties.frozenColumnCount = sheet.frozenColumns;
  const properties: Json = { title: sheet.name, sheetType: 'GRID', gridProperties };
  if (sheet.id !== 0) properties.sheetId = sheet.id;
  if (index !== 0) properties.index = index;
  if (sheet.hidden) properties.hidden = true;
  return properties;
}

function extendedValue(value: Exclude<CellValue, null>, timeZone: string, effective: boolean): Json {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (value instanceof DateCell) return { numberValue: dateToSerial(value.ms, timeZone) };
  if (value instanceof FormulaCell) {
    // The local runtime does not compute formulas (values.ts): their effective value is unknown here.
    if (effective) throw notSupported('Sheets.Spreadsheets.get effectiveValue of a formula');
    return { formulaValue: value.formula };
  }
  throw notSupported('Sheets.Spreadsheets.get of this cell value');
}

const H_ALIGN: Record<string, string> = { left: 'LEFT', center: 'CENTER', right: 'RIGHT' };
const V_ALIGN: Record<string, string> = { top: 'TOP', middle: 'MIDDLE', bottom: 'BOTTOM' };

/** userEnteredFormat of a cell: only what was set (CellFormat). */
function cellFormat(sheet: SheetModel, r: number, c: number): Json | null {
  const out: Json = {};
  const text: Json = {};
  const numberFormat = sheet.attrAt('numberFormat', r, c);
  if (numberFormat !== undefined) out.numberFormat = numberFormatJson(numberFormat);
  const background = sheet.attrAt('background', r, c);
  if (background !== undefined) {
    out.backgroundColor = colorJson(background);
    out.backgroundColorStyle = { rgbColor: colorJson(background) };
  }
  const h = sheet.attrAt('horizontalAlignment', r, c);
  if (h !== undefined && H_ALIGN[h]) out.horizontalAlignment = H_ALIGN[h];
  const v = sheet.attrAt('verticalAlignment', r, c);
  if (v !== undefined && V_ALIGN[v]) out.verticalAlignment = V_ALIGN[v];
  const wrap = sheet.attrAt('wrap', r, c);
  if (wrap !== undefined) out.wrapStrategy = wrap ? 'WRAP' : 'OVERFLOW_CELL';
  const weight = sheet.attrAt('fontWeight', r, c);
  if (weight !== undefined) text.bold = weight === 'bold';
  const style = sheet.attrAt('fontStyle', r, c);
  if (style !== undefined) text.italic = style === 'italic';
  const size = sheet.attrAt('fontSize', r, c);
  if (size !== undefined) text.fontSize = size;
  const family = sheet.attrAt('fontFamily', r, c);
  if (family !== undefined) text.fontFamily = family;
  const color = sheet.attrAt('fontColor', r, c);
  if (color !== undefined) {
    text.foregroundColor = colorJson(color);
    text.foregroundColorStyle = { rgbColor: colorJson(color) };
  }
  if (Object.keys(text).length > 0) out.textFormat = text;
  return Object.keys(out).length > 0 ? out : null;
}

function cellData(book: Book, sheet: SheetModel, r: number, c: number, mask: Mask | null): Json {
  const wants = (name: string): boolean => mask === null || mask.has(name) || mask.has('*');
  const out: Json = {};
  const value = sheet.values.get(r, c);
  const { timeZone, locale } = book.model;
  if (value !== undefined) {
    if (wants('userEnteredValue')) out.userEnteredValue = extendedValue(value, timeZone, false);
    if (wants('effectiveValue')) out.effectiveValue = extendedValue(value, timeZone, true);
    if (wants('formattedValue'))
      out.formattedValue = formatDisplay(value, sheet.attrAt('numberFormat', r, c) ?? null, timeZone, locale);
  }
  if (wants('userEnteredFormat')) {
    const format = cellFormat(sheet, r, c);
    if (format) out.userEnteredFormat = format;
  }
  if (wants('effectiveFormat') && mask === null) throw notSupported('Sheets.Spreadsheets.get effectiveFormat');
  const note = sheet.attrAt('note', r, c);
  if (note && wants('note')) out.note = note;
  const validation = sheet.attrAt('validation', r, c);
  if (validation && wants('dataValidation')) out.dataValidation = validationJson(validation, book.model);
  return mask === null ? out : (pick(out, mask) as Json);
}

function dimensionJson(
  wb: WorkbookModel,
  sheet: SheetModel,
  type: 'ROW' | 'COLUMN',
  index: number,
  mask: Mask | null,
): Json {
  const sizes = type === 'ROW' ? sheet.rowHeights : sheet.columnWidths;
  const hidden = type === 'ROW' ? sheet.hiddenRows : sheet.hiddenColumns;
  const out: Json = { pixelSize: sizes.get(index) ?? (type === 'ROW' ? DEFAULT_ROW_HEIGHT : DEFAULT_COLUMN_WIDTH) };
  if (hidden.has(index)) out.hiddenByUser = true;
  const metadata = wb.metadata.filter(
    (m) => m.location.type === type && m.location.sheetId === sheet.id && m.location.index === index,
  );
  if (metadata.length > 0) out.developerMetadata = metadata.map(metadataJson);
  return mask === null ? out : (pick(out, mask) as Json);
}

/** The last row holding anything at all (values or formats), 0-based exclusive. */
function lastUsedRow(sheet: SheetModel): number {
  let last = 0;
  for (const grid of sheet.allGrids()) last = Math.max(last, grid.lastRow());
  return last;
}

interface GridTarget {
  sheet: SheetModel;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** One GridData; rowData stops at the last row with content and each row at its last non-empty cell. */
function gridData(book: Book, t: GridTarget, mask: Mask | null): { json: Json; cells: number } {
  const wants = (name: string): Mask | null | undefined =>
    mask === null || mask.has('*') ? null : mask.has(name) ? (mask.get(name) ?? null) : undefined;
  const out: Json = {};
  if (t.r0 !== 0 && wants('startRow') !== undefined) out.startRow = t.r0;
  if (t.c0 !== 0 && wants('startColumn') !== undefined) out.startColumn = t.c0;
  let cells = 0;
  const rowMask = wants('rowData');
  if (rowMask !== undefined) {
    const valuesMask =
      rowMask === null || rowMask.has('*') ? null : rowMask.has('values') ? (rowMask.get('values') ?? null) : undefined;
    const rows: Json[] = [];
    if (valuesMask !== undefined) {
      const end = Math.min(t.r1, lastUsedRow(t.sheet));
      for (let r = t.r0; r < end; r++) {
        const values: Json[] = [];
        let used = 0;
        for (let c = t.c0; c < t.c1; c++) {
          const cell = cellData(book, t.sheet, r, c, valuesMask);
          values.push(cell);
          if (Object.keys(cell).length > 0) used = values.length;
        }
        values.length = used;
        rows.push(used > 0 ? { values } : {});
      }
      while (rows.length > 0 && Object.keys(rows[rows.length - 1] as Json).length === 0) rows.pop();
      cells = rows.length * (t.c1 - t.c0);
    }
    if (rows.length > 0) out.rowData = rows;
  }
  const rowMeta = wants('rowMetadata');
  if (rowMeta !== undefined) {
    const list: Json[] = [];
    for (let r = t.r0; r < t.r1; r++) list.push(dimensionJson(book.model, t.sheet, 'ROW', r, rowMeta));
    if (list.length > 0) out.rowMetadata = list;
  }
  const columnMeta = wants('columnMetadata');
  if (columnMeta !== undefined) {
    const list: Json[] = [];
    for (let c = t.c0; c < t.c1; c++) list.push(dimensionJson(book.model, t.sheet, 'COLUMN', c, columnMeta));
    if (list.length > 0) out.columnMetadata = list;
  }
  return { json: out, cells };
}

/** Everything of a sheet except its grid data, as the API lists it (empty lists left out). */
function sheetParts(book: Book, sheet: SheetModel, index: number, mask: Mask | null): Json {
  const wb = book.model;
  const wants = (name: string): boolean => mask === null || mask.has(name) || mask.has('*');
  const out: Json = {};
  if (wants('properties')) out.properties = sheetPropertiesJson(sheet, index);
  if (wants('conditionalFormats') && sheet.conditionalRules.length > 0)
    out.conditionalFormats = sheet.conditionalRules.map((rule) => conditionalRuleJson(rule, sheet.id, wb));
  if (wants('filterViews') && sheet.filterViews.length > 0) out.filterViews = clone(sheet.filterViews);
  const protections = wb.protections.filter((p) => p.sheetId === sheet.id);
  if (wants('protectedRanges') && protections.length > 0)
    out.protectedRanges = protections.map((p) => protectedRangeJson(p, sheet));
  const metadata = wb.metadata.filter((m) => m.location.type === 'SHEET' && m.location.sheetId === sheet.id);
  if (wants('developerMetadata') && metadata.length > 0) out.developerMetadata = metadata.map(metadataJson);
  if (mask === null && sheet.charts.length > 0) throw notSupported('Sheets.Spreadsheets.get of sheets with charts');
  return out;
}

function subMask(mask: Mask | null, name: string): Mask | null | undefined {
  if (mask === null || mask.has('*')) return null;
  return mask.has(name) ? (mask.get(name) ?? null) : undefined;
}

/**
 * The spreadsheet resource. `fields` absent: the default resource (no grid data unless includeGridData).
 * Returns the resource and the cells of grid data it holds (metered as read).
 */
export function spreadsheetResource(
  book: Book,
  options: { fields?: string; ranges?: string[]; includeGridData?: boolean } = {},
): { resource: Json; cells: number } {
  const wb = book.model;
  const mask =
    options.fields === undefined || options.fields.trim() === '' ? null : parseFieldMask(options.fields.trim());
  if (mask) checkMask(mask, SCHEMA, '');
  const sheetsMask = subMask(mask, 'sheets');
  const dataMask =
    mask === null
      ? options.includeGridData
        ? null
        : undefined
      : sheetsMask === undefined
        ? undefined
        : subMask(sheetsMask, 'data');

  let targets: Target[] | null = null;
  if (options.ranges && options.ranges.length > 0) targets = options.ranges.map((range) => resolve(book, range));

  let cells = 0;
  const out: Json = {};
  if (subMask(mask, 'spreadsheetId') !== undefined) out.spreadsheetId = wb.id;
  const propertiesMask = subMask(mask, 'properties');
  if (propertiesMask !== undefined)
    out.properties = pick({ title: wb.name, locale: wb.locale, timeZone: wb.timeZone }, propertiesMask);
  if (sheetsMask !== undefined) {
    const sheets: Json[] = [];
    wb.sheets.forEach((sheet, index) => {
      const mine = targets ? targets.filter((t) => t.sheet === sheet) : null;
      if (mine && mine.length === 0) return;
      const json = sheetParts(book, sheet, index, sheetsMask);
      if (dataMask !== undefined) {
        const grids = (mine ?? [{ sheet, r0: 0, c0: 0, r1: sheet.maxRows, c1: sheet.maxColumns }]).map((t) => {
          const grid = gridData(book, t, dataMask);
          cells += grid.cells;
          return grid.json;
        });
        json.data = grids;
      }
      sheets.push(sheetsMask === null ? json : (pick(json, sheetsMask) as Json));
    });
    out.sheets = sheets;
  }
  if (subMask(mask, 'namedRanges') !== undefined && wb.namedRanges.length > 0) {
    out.namedRanges = pick(
      wb.namedRanges.map((n) => ({ namedRangeId: n.id, name: n.name, range: gridRangeJson(n.sheetId, n.rect) })),
      subMask(mask, 'namedRanges') ?? null,
    );
  }
  if (mask === null || subMask(mask, 'spreadsheetUrl') !== undefined) out.spreadsheetUrl = wb.url;
  const topMetadata = wb.metadata.filter((m) => m.location.type === 'SPREADSHEET');
  if (subMask(mask, 'developerMetadata') !== undefined && topMetadata.length > 0)
    out.developerMetadata = pick(topMetadata.map(metadataJson), subMask(mask, 'developerMetadata') ?? null);
  return { resource: out, cells };
}

/** get(spreadsheetId[, {fields, ranges, includeGridData}]) with the API's errors. */
export function spreadsheetsGet(book: Book, spreadsheetId: unknown, optionalArgs: unknown): Json {
  if (spreadsheetId !== book.model.id) throw new ApiError(404, 'Requested entity was not found.');
  const args = isObject(optionalArgs) ? optionalArgs : {};
  for (const key of Object.keys(args)) {
    if (!['fields', 'ranges', 'includeGridData', 'excludeTablesInBandedRanges'].includes(key))
      throw new ApiError(400, `Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter.`);
  }
  const ranges =
    args.ranges === undefined
      ? undefined
      : Array.isArray(args.ranges)
        ? args.ranges.map(String)
        : [String(args.ranges)];
  let result: { resource: Json; cells: number };
  try {
    result = spreadsheetResource(book, {
      fields: args.fields === undefined ? undefined : String(args.fields),
      ranges,
      includeGridData: args.includeGridData === true,
    });
  } catch (err) {
    if (err instanceof RequestError) throw new ApiError(400, err.message);
    throw err;
  }
  book.ctx.meter.recordCells(result.cells, 0);
  return result.resource;
}
