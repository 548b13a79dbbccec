import { GasException } from '../core/errors';
import { cellA1, columnToLetters, parseA1, splitSheetName } from './a1';
import { GoogleJsonResponseException } from './advanced-sheets';
import type { Book } from './book';
import type { CellValue } from './values';
import {
  checkCellLength,
  DateCell,
  dateToSerial,
  formatDisplay,
  FormulaCell,
  UNCOMPUTED_FORMULA_VALUE,
} from './values';
import type { SheetModel } from './model';
import { passesValidation, validationErrorText } from './validation';

/**
 * Sheets API v4 spreadsheets.values through the Advanced Sheets service (docs/apps-script/filter-views-and-charts.md §8):
 *   Values.get(spreadsheetId, range[, {valueRenderOption, dateTimeRenderOption, majorDimension}])
 *   Values.batchGet(spreadsheetId, {ranges, valueRenderOption, dateTimeRenderOption, majorDimension})
 *   Values.update(valueRange, spreadsheetId, range, {valueInputOption, includeValuesInResponse, …})
 *   Values.batchUpdate({valueInputOption, data: [{range, values, majorDimension}], includeValuesInResponse,
 *     responseValueRenderOption, responseDateTimeRenderOption}, spreadsheetId)
 * (request body first, then path parameters, then optional ones: the Advanced-service signature rule.)
 * Replies are the API's JSON: trailing empty rows and cells left out, `values` absent when nothing is there,
 * ranges echoed in A1 with the sheet name and bounded by the grid ("Sheet1!A1:B1000" for "A:B").
 * Errors are GoogleJsonResponseException with the API's texts ("Unable to parse range: X", "Range (X) exceeds
 * grid limits. Max rows: N, max columns: M", "Requested writing within range [X], but tried writing to row
 * [N]", "'valueInputOption' is required but not specified").
 */

type Json = Record<string, unknown>;

const RENDER_OPTIONS = ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'];
const DATE_OPTIONS = ['SERIAL_NUMBER', 'FORMATTED_STRING'];
const DIMENSIONS = ['ROWS', 'COLUMNS'];
const INPUT_OPTIONS = ['RAW', 'USER_ENTERED'];

/** A resolved A1 range: 0-based rows/columns, exclusive ends, bounded by the grid. */
export interface Target {
  sheet: SheetModel;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  /** One cell given ("A1"): a write may run on from it. */
  single: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A sheet name as the API writes it in replies: bare when it is a plain word that cannot be read as a cell
 * ("Sheet1", "Solar"), quoted otherwise ("'Lighthouse Results'", "'A1'"). That non-ASCII names such as
 * "客户" come back quoted is UNCONFIRMED (the rule the API's own parser needs; observed for names with spaces).
 */
export function apiSheetName(name: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) &&
    !/^[A-Za-z]{1,3}[0-9]+$/.test(name) &&
    !/^[Rr][0-9]*[Cc][0-9]*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

function rangeText(t: Target): string {
  const start = cellA1(t.r0 + 1, t.c0 + 1);
  const end = cellA1(t.r1, t.c1);
  return `${apiSheetName(t.sheet.name)}!${start === end ? start : `${start}:${end}`}`;
}

/** The first sheet not hidden: "A1:B2 refers to … the first visible sheet" (DISC A1 notation). */
function firstVisibleSheet(book: Book): SheetModel {
  return book.model.sheets.find((s) => !s.hidden) ?? (book.model.sheets[0] as SheetModel);
}

/**
 * Reads an API range: "Sheet1!A1:B2", "'My sheet'!B:B", "A1:B2" (first visible sheet), or a sheet name alone
 * (the whole sheet). Text that reads as A1 is A1 even if a sheet has that name ("D001" is cell D1, as the API
 * does); names are matched exactly (case UNCONFIRMED).
 */
export function resolve(book: Book, text: unknown): Target {
  if (typeof text !== 'string' || text.trim() === '') throw new ApiError(400, `Unable to parse range: ${String(text)}`);
  const { sheetName, rangePart } = splitSheetName(text.trim());
  let sheet: SheetModel | undefined;
  let cells: string | null = rangePart;
  if (sheetName !== null) {
    sheet = book.sheetByName(sheetName);
  } else {
    try {
      parseA1(rangePart);
      sheet = firstVisibleSheet(book);
    } catch {
      const bare = /^'((?:[^']|'')+)'$/.exec(rangePart);
      sheet = book.sheetByName(bare ? (bare[1] as string).replace(/''/g, "'") : rangePart);
      cells = null;
    }
  }
  if (!sheet) throw new ApiError(400, `Unable to parse range: ${text}`);
  if (cells === null || (sheetName !== null && cells === '')) {
    return { sheet, r0: 0, c0: 0, r1: sheet.maxRows, c1: sheet.maxColumns, single: false };
  }
  let ref;
  try {
    ref = parseA1(cells);
  } catch {
    throw new ApiError(400, `Unable to parse range: ${text}`);
  }
  const r1 = ref.endRow ?? sheet.maxRows;
  const c1 = ref.endCol ?? sheet.maxColumns;
  if (ref.row > sheet.maxRows || ref.col > sheet.maxColumns || r1 > sheet.maxRows || c1 > sheet.maxColumns) {
    throw new ApiError(
      400,
      `Range (${text}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`,
    );
  }
  const single = ref.form === 'cells' && ref.row === ref.endRow && ref.col === ref.endCol;
  return { sheet, r0: ref.row - 1, c0: ref.col - 1, r1, c1, single };
}

interface RenderOptions {
  valueRenderOption: string;
  dateTimeRenderOption: string;
}

function renderOptions(args: Json, valueKey: string, dateKey: string): RenderOptions {
  const valueRenderOption = String(args[valueKey] ?? 'FORMATTED_VALUE');
  const dateTimeRenderOption = String(args[dateKey] ?? 'SERIAL_NUMBER');
  if (!RENDER_OPTIONS.includes(valueRenderOption))
    throw new ApiError(400, `Invalid value at '${valueKey}' (${valueRenderOption})`);
  if (!DATE_OPTIONS.includes(dateTimeRenderOption))
    throw new ApiError(400, `Invalid value at '${dateKey}' (${dateTimeRenderOption})`);
  return { valueRenderOption, dateTimeRenderOption };
}

function majorDimensionOf(args: Json): string {
  const dim = String(args.majorDimension ?? 'ROWS');
  if (!DIMENSIONS.includes(dim)) throw new ApiError(400, `Invalid value at 'major_dimension' (${dim})`);
  return dim;
}

/**
 * One stored value as the API renders it (DISC ValueRenderOption / DateTimeRenderOption):
 *  FORMATTED_VALUE: the displayed text, as getDisplayValue; dateTimeRenderOption is ignored.
 *  UNFORMATTED_VALUE: numbers, booleans and text as stored; dates as serial numbers (SERIAL_NUMBER, the
 *    default) or their displayed text (FORMATTED_STRING); a formula's value ("#NAME?" locally, uncomputed).
 *  FORMULA: formulas as "=…", everything else as UNFORMATTED_VALUE.
 */
function render(book: Book, sheet: SheetModel, r: number, c: number, options: RenderOptions): unknown {
  const v = sheet.values.get(r, c);
  if (v === undefined) return '';
  const { timeZone, locale } = book.model;
  const format = () => sheet.attrAt('numberFormat', r, c) ?? null;
  if (options.valueRenderOption === 'FORMATTED_VALUE') return formatDisplay(v, format(), timeZone, locale);
  if (v instanceof FormulaCell) return options.valueRenderOption === 'FORMULA' ? v.formula : UNCOMPUTED_FORMULA_VALUE;
  if (v instanceof DateCell) {
    return options.dateTimeRenderOption === 'SERIAL_NUMBER'
      ? dateToSerial(v.ms, timeZone)
      : formatDisplay(v, format(), timeZone, locale);
  }
  return v;
}

/** A ValueRange for a target: "Empty trailing rows and columns are omitted." (DISC ValueRange.values) */
function valueRange(book: Book, t: Target, options: RenderOptions, dimension: string): Json {
  // Rows past the sheet's last stored row are empty: they would be trimmed anyway.
  const rEnd = Math.min(t.r1, t.sheet.values.lastRow());
  const byRows = dimension === 'ROWS';
  const [outerFrom, outerTo] = byRows ? [t.r0, rEnd] : [t.c0, t.c1];
  const [innerFrom, innerTo] = byRows ? [t.c0, t.c1] : [t.r0, rEnd];
  const lines: unknown[][] = [];
  for (let o = outerFrom; o < outerTo; o++) {
    const line: unknown[] = [];
    let used = 0;
    for (let i = innerFrom; i < innerTo; i++) {
      const cell = byRows ? render(book, t.sheet, o, i, options) : render(book, t.sheet, i, o, options);
      line.push(cell);
      if (cell !== '') used = line.length;
    }
    line.length = used;
    lines.push(line);
  }
  while (lines.length > 0 && (lines[lines.length - 1] as unknown[]).length === 0) lines.pop();
  const out: Json = { range: rangeText(t), majorDimension: dimension };
  if (lines.length > 0) out.values = lines;
  return out;
}

/**
 * Cells metered as read for a range: the API leaves out the empty rows below the sheet's last row with
 * content (unlike getValues, which pads them), so an open-ended "Settings!A:E" costs its rows of data, not
 * the sheet's 1,000 rows.
 */
function cellsReturned(t: Target): number {
  return Math.max(0, Math.min(t.r1, t.sheet.values.lastRow()) - t.r0) * (t.c1 - t.c0);
}

function apiCall<T>(method: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ApiError) throw new GoogleJsonResponseException(method, err.code, err.message);
    throw err;
  }
}

function checkId(book: Book, spreadsheetId: unknown): void {
  if (spreadsheetId !== book.model.id) throw new ApiError(404, 'Requested entity was not found.');
}

/** The advanced service sends the request as JSON: Dates become ISO strings, undefined keys vanish. */
function asJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function valuesGet(book: Book, spreadsheetId: string, range: string, optionalArgs?: Json): Json {
  return apiCall('sheets.spreadsheets.values.get', () => {
    checkId(book, spreadsheetId);
    const args = asJson(optionalArgs ?? {});
    const options = renderOptions(args, 'valueRenderOption', 'dateTimeRenderOption');
    const dimension = majorDimensionOf(args);
    const target = resolve(book, range);
    book.ctx.meter.recordCells(cellsReturned(target), 0);
    return valueRange(book, target, options, dimension);
  });
}

export function valuesBatchGet(book: Book, spreadsheetId: string, optionalArgs?: Json): Json {
  return apiCall('sheets.spreadsheets.values.batchGet', () => {
    checkId(book, spreadsheetId);
    const args = asJson(optionalArgs ?? {});
    const options = renderOptions(args, 'valueRenderOption', 'dateTimeRenderOption');
    const dimension = majorDimensionOf(args);
    const ranges = args.ranges === undefined ? [] : Array.isArray(args.ranges) ? args.ranges : [args.ranges];
    // Every range is resolved first: one bad range fails the whole call.
    const targets = ranges.map((text) => resolve(book, text));
    let cells = 0;
    for (const t of targets) cells += cellsReturned(t);
    book.ctx.meter.recordCells(cells, 0);
    const out: Json = { spreadsheetId };
    if (targets.length > 0) out.valueRanges = targets.map((t) => valueRange(book, t, options, dimension));
    return out;
  });
}

/** A planned write: target cells and what to store (undefined = clear); null cells are skipped. */
interface Planned {
  target: Target;
  rows: number;
  cols: number;
  cells: { r: number; c: number; value: Exclude<CellValue, null> | undefined }[];
  updatedRows: number;
  updatedColumns: number;
}

function storedFrom(
  book: Book,
  raw: boolean,
  value: unknown,
  numberFormat: string | undefined,
): Exclude<CellValue, null> | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'string') throw new ApiError(400, `Invalid value: ${JSON.stringify(value)}`);
  if (!raw) return book.fromScript(value, numberFormat);
  // RAW: "The values the user has entered will not be parsed and will be stored as-is." (DISC)
  checkCellLength(value);
  return value === '' ? undefined : value;
}

function plan(book: Book, entry: Json, raw: boolean, index: number | null): Planned {
  const target = resolve(book, entry.range);
  const dimension = majorDimensionOf(entry);
  const given = entry.values === undefined ? [] : entry.values;
  if (!Array.isArray(given) || given.some((line) => !Array.isArray(line)))
    throw new ApiError(400, `Invalid ${index === null ? '' : `data[${index}].`}values: a list of lists is required`);
  // COLUMNS: each inner list is one column.
  let grid = given as unknown[][];
  if (dimension === 'COLUMNS') {
    const height = Math.max(0, ...grid.map((line) => line.length));
    grid = Array.from({ length: height }, (_, r) => grid.map((line) => line[r] ?? null));
  }
  const rows = grid.length;
  const cols = Math.max(0, ...grid.map((line) => line.length));
  const spanRows = target.single ? Infinity : target.r1 - target.r0;
  const spanCols = target.single ? Infinity : target.c1 - target.c0;
  if (rows > spanRows || cols > spanCols) {
    const where =
      rows > spanRows ? `row [${target.r0 + spanRows + 1}]` : `column [${columnToLetters(target.c0 + spanCols + 1)}]`;
    throw new ApiError(400, `Requested writing within range [${rangeText(target)}], but tried writing to ${where}`);
  }
  if (target.r0 + rows > target.sheet.maxRows || target.c0 + cols > target.sheet.maxColumns) {
    throw new ApiError(
      400,
      `Range (${String(entry.range)}) exceeds grid limits. Max rows: ${target.sheet.maxRows}, max columns: ${target.sheet.maxColumns}`,
    );
  }
  const cells: Planned['cells'] = [];
  const touchedRows = new Set<number>();
  const touchedCols = new Set<number>();
  grid.forEach((line, i) =>
    line.forEach((value, j) => {
      // "Null values will be skipped. To set a cell to an empty value, set the string value to an empty string."
      if (value === null || value === undefined) return;
      const r = target.r0 + i;
      const c = target.c0 + j;
      let stored: Exclude<CellValue, null> | undefined;
      try {
        stored = storedFrom(book, raw, value, target.sheet.attrAt('numberFormat', r, c));
      } catch (err) {
        if (err instanceof GasException) throw new ApiError(400, err.message);
        throw err;
      }
      const spec = target.sheet.attrAt('validation', r, c);
      // Reject-input rules are enforced on API writes too (UNCONFIRMED; the stricter reading, as for scripts).
      if (spec && !spec.allowInvalid && !passesValidation(book, spec, stored)) {
        throw new ApiError(400, validationErrorText(cellA1(r + 1, c + 1)));
      }
      cells.push({ r, c, value: stored });
      touchedRows.add(r);
      touchedCols.add(c);
    }),
  );
  return {
    target: { ...target, r1: target.r0 + Math.max(rows, 1), c1: target.c0 + Math.max(cols, 1) },
    rows,
    cols,
    cells,
    updatedRows: touchedRows.size,
    updatedColumns: touchedCols.size,
  };
}

function apply(book: Book, planned: Planned): void {
  const grid = planned.target.sheet.values;
  for (const { r, c, value } of planned.cells) grid.set(r, c, value);
  book.ctx.meter.recordCells(0, planned.cells.length);
}

function updateReply(book: Book, spreadsheetId: string, p: Planned, responseOptions: RenderOptions | null): Json {
  const out: Json = { spreadsheetId };
  if (p.rows > 0 && p.cols > 0) out.updatedRange = rangeText(p.target);
  if (p.updatedRows) out.updatedRows = p.updatedRows;
  if (p.updatedColumns) out.updatedColumns = p.updatedColumns;
  if (p.cells.length) out.updatedCells = p.cells.length;
  if (responseOptions && p.rows > 0 && p.cols > 0)
    out.updatedData = valueRange(book, p.target, responseOptions, 'ROWS');
  return out;
}

function inputOption(value: unknown, prefix: string): boolean {
  if (value === undefined || value === null || value === 'INPUT_VALUE_OPTION_UNSPECIFIED')
    throw new ApiError(400, "'valueInputOption' is required but not specified");
  if (!INPUT_OPTIONS.includes(String(value)))
    throw new ApiError(400, `Invalid value at '${prefix}value_input_option' (${String(value)})`);
  return value === 'RAW';
}

function responseOptionsOf(args: Json): RenderOptions | null {
  if (args.includeValuesInResponse !== true) return null;
  return renderOptions(args, 'responseValueRenderOption', 'responseDateTimeRenderOption');
}

export function valuesUpdate(
  book: Book,
  resource: Json,
  spreadsheetId: string,
  range: string,
  optionalArgs?: Json,
): Json {
  return apiCall('sheets.spreadsheets.values.update', () => {
    checkId(book, spreadsheetId);
    const body = asJson(resource ?? {});
    const args = asJson(optionalArgs ?? {});
    const raw = inputOption(args.valueInputOption, '');
    if (body.range !== undefined && body.range !== range) {
      // UNCONFIRMED wording; the API refuses a body range that differs from the path's.
      throw new ApiError(400, `Requested range [${String(body.range)}] does not match the path range [${range}]`);
    }
    const planned = plan(book, { ...body, range }, raw, null);
    apply(book, planned);
    return updateReply(book, spreadsheetId, planned, responseOptionsOf(args));
  });
}

/** batchUpdate: every entry is checked before anything is written, so a bad entry changes nothing. */
export function valuesBatchUpdate(book: Book, resource: Json, spreadsheetId: string): Json {
  return apiCall('sheets.spreadsheets.values.batchUpdate', () => {
    checkId(book, spreadsheetId);
    const body = asJson(resource ?? {});
    const raw = inputOption(body.valueInputOption, '');
    const data = body.data === undefined ? [] : body.data;
    if (!Array.isArray(data)) throw new ApiError(400, "Invalid value at 'data': a list of ValueRanges is required");
    const responseOptions = responseOptionsOf(body);
    const planned = (data as Json[]).map((entry, i) => {
      try {
        return plan(book, entry ?? {}, raw, i);
      } catch (err) {
        if (err instanceof ApiError && !err.message.startsWith('Invalid data['))
          throw new ApiError(err.code, `Invalid data[${i}]: ${err.message}`);
        throw err;
      }
    });
    for (const p of planned) apply(book, p);
    const out: Json = { spreadsheetId };
    const rows = planned.reduce((n, p) => n + p.updatedRows, 0);
    const cols = planned.reduce((n, p) => n + p.updatedColumns, 0);
    const cells = planned.reduce((n, p) => n + p.cells.length, 0);
    const sheets = new Set(planned.filter((p) => p.cells.length > 0).map((p) => p.target.sheet.id)).size;
    if (rows) out.totalUpdatedRows = rows;
    if (cols) out.totalUpdatedColumns = cols;
    if (cells) out.totalUpdatedCells = cells;
    if (sheets) out.totalUpdatedSheets = sheets;
    if (planned.length > 0) out.responses = planned.map((p) => updateReply(book, spreadsheetId, p, responseOptions));
    return out;
  });
}
