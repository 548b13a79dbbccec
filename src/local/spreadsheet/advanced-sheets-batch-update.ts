import { notSupported } from '../core/errors';
import { cellA1 } from './a1';
import {
  clone,
  colorFromJson,
  conditionalRuleFromJson,
  conditionalRuleJson,
  isObject,
  maskPaths,
  metadataJson,
  numberFormatFromJson,
  parseFieldMask,
  protectedRangeJson,
  rectFromGridRange,
  RequestError,
  validationFromJson,
  type GridShape,
  type Json,
} from './advanced-sheets-json';
import { sheetPropertiesJson } from './advanced-sheets-get';
import { ApiError } from './advanced-sheets-values';
import type { Book } from './book';
import type { GridRangeJson } from './filter-views';
import {
  NEW_SHEET_COLUMNS,
  NEW_SHEET_ROWS,
  nextSheetId,
  SheetModel,
  totalCells,
  MAX_WORKBOOK_CELLS,
  type AttrKey,
  type CellAttributes,
  type FilterViewJson,
  type MetadataLocation,
  type Rect,
  type WorkbookModel,
} from './model';
import { cellLimitError, deleteLines, insertLines } from './structure';
import { passesValidation, validationErrorText } from './validation';
import { checkCellLength, FormulaCell, type CellValue } from './values';

/**
 * spreadsheets.batchUpdate({requests}, spreadsheetId) on the in-memory workbook
 * (https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/batchUpdate and
 * …/spreadsheets/request). "Each request is validated before being applied. If any request is not valid then
 * the entire request will fail and nothing will be applied": every request is first checked against the shape
 * of the workbook as the earlier requests leave it (sheets, sizes, ids), then all are applied. Replies mirror
 * the requests ({} when a kind has no reply). Errors read "Invalid requests[i].<kind>: <reason>"
 * (docs/apps-script/filter-views-and-charts.md §2). Request kinds and fields the runtime does not model throw notSupported.
 *
 * Modelled kinds: addSheet, deleteSheet, updateSheetProperties, insertDimension, appendDimension,
 * deleteDimension, updateDimensionProperties, updateCells, repeatCell, setDataValidation, addConditionalFormatRule,
 * deleteConditionalFormatRule, addProtectedRange, createDeveloperMetadata, and the filter-view kinds
 * (addFilterView, updateFilterView, deleteFilterView, duplicateFilterView).
 */

/** The workbook as the checks see it while requests are validated in order. */
interface ShapeSheet extends GridShape {
  title: string;
  rules: number;
  frozenRows: number;
  frozenColumns: number;
}
interface Shape {
  sheets: ShapeSheet[];
  metadataIds: Set<number>;
  protectionIds: Set<number>;
  cells: number;
  views: Map<number, FilterViewJson[]>;
}

type Apply = (book: Book) => unknown;

function shapeOf(wb: WorkbookModel): Shape {
  return {
    sheets: wb.sheets.map((s) => ({
      id: s.id,
      title: s.name,
      rows: s.maxRows,
      columns: s.maxColumns,
      rules: s.conditionalRules.length,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
    })),
    metadataIds: new Set(wb.metadata.map((m) => m.id)),
    protectionIds: new Set(wb.protections.map((p) => p.id)),
    cells: totalCells(wb),
    views: new Map(wb.sheets.map((s) => [s.id, clone(s.filterViews)])),
  };
}

function sheetIn(shape: Shape, id: number): ShapeSheet | null {
  return shape.sheets.find((s) => s.id === id) ?? null;
}

function modelSheet(book: Book, id: number): SheetModel {
  const sheet = book.sheetById(id);
  if (!sheet) throw new Error(`sheet ${id} vanished during batchUpdate`);
  return sheet;
}

function integer(value: unknown, field: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new RequestError(`Invalid value at '${field}' (${String(value)})`);
  return value;
}

function onlyKeys(body: Json, allowed: string[], kind: string, notModelled: string[] = []): void {
  for (const key of Object.keys(body)) {
    if (allowed.includes(key)) continue;
    if (notModelled.includes(key)) throw notSupported(`Sheets.Spreadsheets.batchUpdate ${kind}.${key}`);
    throw new RequestError(`Unknown name "${key}" at '${kind}'.`);
  }
}

function fieldsOf(body: Json): string[] {
  const fields = typeof body.fields === 'string' ? body.fields.trim() : '';
  if (fields === '') throw new RequestError('At least one field must be specified.');
  return fields === '*' ? ['*'] : maskPaths(parseFieldMask(fields));
}

/** Sheets refuses a second sheet of the same name, whatever the case (as Spreadsheet.insertSheet). */
function checkTitle(shape: Shape, title: string, self: number | null): void {
  if (title.trim() === '') throw new RequestError('The sheet name must not be empty.');
  const lower = title.toLowerCase();
  if (shape.sheets.some((s) => s.id !== self && s.title.toLowerCase() === lower))
    throw new RequestError(`A sheet with the name "${title}" already exists. Please enter another name.`);
}

function growBy(shape: Shape, cells: number): void {
  if (shape.cells + cells > MAX_WORKBOOK_CELLS) throw new RequestError(cellLimitError().message);
  shape.cells += cells;
}

// ---- sheets ---------------------------------------------------------------------------------------------

function addSheet(wb: WorkbookModel, shape: Shape, body: Json): Apply {
  onlyKeys(body, ['properties'], 'addSheet');
  const props = isObject(body.properties) ? body.properties : {};
  onlyKeys(props, ['sheetId', 'title', 'index', 'sheetType', 'hidden', 'gridProperties'], 'addSheet.properties', [
    'tabColor',
    'tabColorStyle',
    'rightToLeft',
    'dataSourceSheetProperties',
  ]);
  if (props.sheetType !== undefined && props.sheetType !== 'GRID')
    throw notSupported(`Sheets.Spreadsheets.batchUpdate addSheet of a ${String(props.sheetType)} sheet`);
  const grid = isObject(props.gridProperties) ? props.gridProperties : {};
  onlyKeys(
    grid,
    ['rowCount', 'columnCount', 'frozenRowCount', 'frozenColumnCount'],
    'addSheet.properties.gridProperties',
    ['hideGridlines', 'rowGroupControlAfter', 'columnGroupControlAfter'],
  );
  let id: number;
  if (props.sheetId !== undefined) {
    id = integer(props.sheetId, 'addSheet.properties.sheetId');
    if (sheetIn(shape, id)) throw new RequestError(`Invalid sheetId ${id}: a sheet with that ID already exists.`);
  } else {
    do id = nextSheetId(wb);
    while (sheetIn(shape, id));
  }
  let title: string;
  if (props.title !== undefined) title = String(props.title);
  else {
    let n = shape.sheets.length + 1;
    while (shape.sheets.some((s) => s.title.toLowerCase() === `sheet${n}`)) n++;
    title = `Sheet${n}`;
  }
  checkTitle(shape, title, null);
  const rows = grid.rowCount === undefined ? NEW_SHEET_ROWS : integer(grid.rowCount, 'gridProperties.rowCount', 1);
  const columns =
    grid.columnCount === undefined ? NEW_SHEET_COLUMNS : integer(grid.columnCount, 'gridProperties.columnCount', 1);
  const frozenRows =
    grid.frozenRowCount === undefined ? 0 : integer(grid.frozenRowCount, 'gridProperties.frozenRowCount');
  const frozenColumns =
    grid.frozenColumnCount === undefined ? 0 : integer(grid.frozenColumnCount, 'gridProperties.frozenColumnCount');
  if (frozenRows >= rows || frozenColumns >= columns)
    throw new RequestError("You can't freeze all visible rows (or columns) on the sheet.");
  growBy(shape, rows * columns);
  const index =
    props.index === undefined ? shape.sheets.length : Math.min(shape.sheets.length, integer(props.index, 'index'));
  shape.sheets.splice(index, 0, { id, title, rows, columns, rules: 0, frozenRows, frozenColumns });
  shape.views.set(id, []);
  const hidden = props.hidden === true;
  return (book) => {
    const sheet = new SheetModel(id, title, rows, columns);
    sheet.frozenRows = frozenRows;
    sheet.frozenColumns = frozenColumns;
    sheet.hidden = hidden;
    const at = Math.min(book.model.sheets.length, index);
    book.model.sheets.splice(at, 0, sheet);
    return { addSheet: { properties: sheetPropertiesJson(sheet, at) } };
  };
}

function deleteSheet(shape: Shape, body: Json): Apply {
  onlyKeys(body, ['sheetId'], 'deleteSheet');
  const id = integer(body.sheetId ?? 0, 'deleteSheet.sheetId');
  const at = shape.sheets.findIndex((s) => s.id === id);
  if (at < 0) throw new RequestError(`No sheet with id: ${id}`);
  if (shape.sheets.length <= 1) throw new RequestError("You can't remove all the sheets in a document.");
  const [removed] = shape.sheets.splice(at, 1);
  shape.cells -= (removed as ShapeSheet).rows * (removed as ShapeSheet).columns;
  shape.views.delete(id);
  return (book) => {
    const wb = book.model;
    const sheet = modelSheet(book, id);
    const index = wb.sheets.indexOf(sheet);
    wb.sheets.splice(index, 1);
    wb.metadata = wb.metadata.filter((m) => m.location.type === 'SPREADSHEET' || m.location.sheetId !== id);
    wb.protections = wb.protections.filter((p) => p.sheetId !== id);
    wb.namedRanges = wb.namedRanges.filter((n) => n.sheetId !== id);
    if (wb.activeSheetId === id) {
      wb.activeSheetId = (wb.sheets[Math.max(0, index - 1)] as SheetModel).id;
      wb.activeRange = null;
    }
    return {};
  };
}

function updateSheetProperties(shape: Shape, body: Json): Apply {
  onlyKeys(body, ['properties', 'fields'], 'updateSheetProperties');
  const props = isObject(body.properties) ? body.properties : {};
  const id = typeof props.sheetId === 'number' ? props.sheetId : 0;
  const target = sheetIn(shape, id);
  if (!target) throw new RequestError(`No sheet with id: ${id}`);
  const grid = isObject(props.gridProperties) ? props.gridProperties : {};
  const fields = fieldsOf(body);
  const paths = fields.includes('*')
    ? ['title', 'hidden', 'gridProperties.frozenRowCount', 'gridProperties.frozenColumnCount']
    : fields;
  const changes: ((sheet: SheetModel) => void)[] = [];
  for (const path of paths) {
    switch (path) {
      case 'title': {
        const title = String(props.title ?? '');
        checkTitle(shape, title, id);
        target.title = title;
        changes.push((sheet) => (sheet.name = title));
        break;
      }
      case 'hidden': {
        const hidden = props.hidden === true;
        changes.push((sheet) => (sheet.hidden = hidden));
        break;
      }
      case 'gridProperties.frozenRowCount': {
        const n = grid.frozenRowCount === undefined ? 0 : integer(grid.frozenRowCount, 'frozenRowCount');
        if (n >= target.rows) throw new RequestError("You can't freeze all visible rows on the sheet.");
        target.frozenRows = n;
        changes.push((sheet) => (sheet.frozenRows = n));
        break;
      }
      case 'gridProperties.frozenColumnCount': {
        const n = grid.frozenColumnCount === undefined ? 0 : integer(grid.frozenColumnCount, 'frozenColumnCount');
        if (n >= target.columns) throw new RequestError("You can't freeze all visible columns on the sheet.");
        target.frozenColumns = n;
        changes.push((sheet) => (sheet.frozenColumns = n));
        break;
      }
      case 'sheetId':
        throw new RequestError('sheetId cannot be changed once set.');
      default:
        if (/^(index|tabColor|tabColorStyle|rightToLeft|gridProperties|sheetType)\b/.test(path))
          throw notSupported(`Sheets.Spreadsheets.batchUpdate updateSheetProperties field ${path}`);
        throw new RequestError(`Invalid field mask: ${path}`);
    }
  }
  return (book) => {
    const sheet = modelSheet(book, id);
    for (const change of changes) change(sheet);
    return {};
  };
}

// ---- dimensions -----------------------------------------------------------------------------------------

function dimensionSpan(shape: Shape, range: unknown, field: string, bounded: boolean) {
  if (!isObject(range)) throw new RequestError(`${field} must be set.`);
  const id = typeof range.sheetId === 'number' ? range.sheetId : 0;
  const sheet = sheetIn(shape, id);
  if (!sheet) throw new RequestError(`No grid with id: ${id}`);
  if (range.dimension !== 'ROWS' && range.dimension !== 'COLUMNS')
    throw new RequestError(`Invalid value at '${field}.dimension' (${String(range.dimension)})`);
  const axis: 'rows' | 'columns' = range.dimension === 'ROWS' ? 'rows' : 'columns';
  const size = axis === 'rows' ? sheet.rows : sheet.columns;
  const start = range.startIndex === undefined ? 0 : integer(range.startIndex, `${field}.startIndex`);
  let end: number;
  if (range.endIndex === undefined) {
    if (bounded) throw new RequestError(`${field}.endIndex must be set.`);
    end = size;
  } else end = integer(range.endIndex, `${field}.endIndex`);
  if (end <= start) throw new RequestError(`Invalid ${field}: endIndex must be greater than startIndex.`);
  return { sheet, axis, start, end, size };
}

function insertDimension(shape: Shape, body: Json): Apply {
  onlyKeys(body, ['range', 'inheritFromBefore'], 'insertDimension');
  const { sheet, axis, start, end, size } = dimensionSpan(shape, body.range, 'insertDimension.range', true);
  if (start > size) throw new RequestError(`Cannot insert ${axis} at index ${start}: the grid has ${size} ${axis}.`);
  const before = body.inheritFromBefore === true;
  if (before && start === 0) throw new RequestError('Cannot inherit from before when inserting at the start.');
  const count = end - start;
  growBy(shape, count * (axis === 'rows' ? sheet.columns : sheet.rows));
  if (axis === 'rows') sheet.rows += count;
  else sheet.columns += count;
  const id = sheet.id;
  return (book) => {
    // inheritFromBefore false (the default) takes the formats of the line after, when there is one.
    const source = before ? start - 1 : start < size ? start : null;
    insertLines(book.model, modelSheet(book, id), axis, start, count, source);
    return {};
  };
}

function appendDimension(shape: Shape, body: Json): Apply {
  onlyKeys(body, ['sheetId', 'dimension', 'length'], 'appendDimension');
  const id = typeof body.sheetId === 'number' ? body.sheetId : 0;
  const sheet = sheetIn(shape, id);
  if (!sheet) throw new RequestError(`No grid with id: ${id}`);
  if (body.dimension !== 'ROWS' && body.dimension !== 'COLUMNS')
    throw new RequestError(`Invalid value at 'appendDimension.dimension' (${String(body.dimension)})`);
  const axis: 'rows' | 'columns' = body.dimension === 'ROWS' ? 'rows' : 'columns';
  const length = integer(body.length, 'appendDimension.length', 1);
  growBy(shape, length * (axis === 'rows' ? sheet.columns : sheet.rows));
  const at = axis === 'rows' ? sheet.rows : sheet.columns;
  if (axis === 'rows') sheet.rows += length;
  else sheet.columns += length;
  return (book) => {
    // Appended lines are blank: they copy no neighbour's formats (UNCONFIRMED).
    insertLines(book.model, modelSheet(book, id), axis, at, length, null);
    return {};
  };
}

/**
 * deleteDimension: the rows or columns [startIndex, endIndex) go, as Sheet.deleteRows does (values, formats,
 * metadata, rules and ranges shift up). Later requests see the grid without them, so several runs are sent
 * bottom-up. Deleting every non-frozen row or column is refused with the API's text
 * (docs/apps-script-behaviour.md "Deleting rows in one batchUpdate").
 */
function deleteDimension(shape: Shape, body: Json): Apply {
  onlyKeys(body, ['range'], 'deleteDimension');
  const { sheet, axis, start, end, size } = dimensionSpan(shape, body.range, 'deleteDimension.range', false);
  if (end > size) throw new RequestError(`Invalid deleteDimension.range: the grid has ${size} ${axis}, not ${end}.`);
  const count = end - start;
  const frozen = axis === 'rows' ? sheet.frozenRows : sheet.frozenColumns;
  const frozenDeleted = Math.max(0, Math.min(frozen, end) - start);
  if (size - frozen - (count - frozenDeleted) <= 0)
    throw new RequestError(`Sorry, it is not possible to delete all non-frozen ${axis}.`);
  shape.cells -= count * (axis === 'rows' ? sheet.columns : sheet.rows);
  if (axis === 'rows') {
    sheet.rows -= count;
    sheet.frozenRows -= frozenDeleted;
  } else {
    sheet.columns -= count;
    sheet.frozenColumns -= frozenDeleted;
  }
  const id = sheet.id;
  return (book) => {
    deleteLines(book.model, modelSheet(book, id), axis, start, count);
    return {};
  };
}

function updateDimensionProperties(shape: Shape, body: Json): Apply {
  onlyKeys(body, ['range', 'properties', 'fields'], 'updateDimensionProperties', ['dataSourceSheetRange']);
  const { sheet, axis, start, end, size } = dimensionSpan(shape, body.range, 'updateDimensionProperties.range', false);
  if (end > size)
    throw new RequestError(`Invalid updateDimensionProperties.range: the grid has ${size} ${axis}, not ${end}.`);
  const props = isObject(body.properties) ? body.properties : {};
  const fields = fieldsOf(body);
  const paths = fields.includes('*') ? ['pixelSize', 'hiddenByUser'] : fields;
  const changes: ((sheet: SheetModel, index: number) => void)[] = [];
  for (const path of paths) {
    if (path === 'pixelSize') {
      const px = props.pixelSize === undefined ? null : integer(props.pixelSize, 'properties.pixelSize');
      changes.push((s, i) => {
        const map = axis === 'rows' ? s.rowHeights : s.columnWidths;
        if (px === null) map.delete(i);
        else map.set(i, px);
      });
    } else if (path === 'hiddenByUser') {
      const hidden = props.hiddenByUser === true;
      changes.push((s, i) => {
        const map = axis === 'rows' ? s.hiddenRows : s.hiddenColumns;
        if (hidden) map.set(i, true);
        else map.delete(i);
      });
    } else if (path === 'hiddenByFilter' || path === 'developerMetadata' || path === 'dataSourceColumnReference') {
      throw new RequestError(`${path} is read-only.`);
    } else throw new RequestError(`Invalid field mask: ${path}`);
  }
  const id = sheet.id;
  return (book) => {
    const s = modelSheet(book, id);
    for (let i = start; i < end; i++) for (const change of changes) change(s, i);
    return {};
  };
}

// ---- cells ----------------------------------------------------------------------------------------------

/** CellData paths the model holds, and real ones it does not. */
const FORMAT_PATHS = [
  'numberFormat',
  'backgroundColor',
  'horizontalAlignment',
  'verticalAlignment',
  'wrapStrategy',
  'textFormat.bold',
  'textFormat.italic',
  'textFormat.fontSize',
  'textFormat.fontFamily',
  'textFormat.foregroundColor',
];
const FORMAT_ALIASES: Record<string, string> = {
  backgroundColorStyle: 'backgroundColor',
  'textFormat.foregroundColorStyle': 'textFormat.foregroundColor',
};
const UNMODELLED_FORMAT =
  /^(borders|padding|textDirection|textRotation|hyperlinkDisplayType|textFormat\.(strikethrough|underline|link))/;
const UNMODELLED_CELL = /^(hyperlink|textFormatRuns|pivotTable|dataSourceTable|dataSourceFormula|chipRuns)\b/;
const READ_ONLY_CELL = /^(effectiveValue|formattedValue|effectiveFormat)\b/;

type CellPath = 'userEnteredValue' | 'note' | 'dataValidation' | `format:${string}`;

/** The mask's paths as the cell parts the model writes. */
function cellPaths(fields: string[]): CellPath[] {
  const out = new Set<CellPath>();
  for (const path of fields) {
    if (path === '*') {
      out.add('userEnteredValue');
      out.add('note');
      out.add('dataValidation');
      for (const f of FORMAT_PATHS) out.add(`format:${f}`);
    } else if (path === 'userEnteredValue' || path === 'note' || path === 'dataValidation') out.add(path);
    else if (path === 'userEnteredFormat') for (const f of FORMAT_PATHS) out.add(`format:${f}`);
    else if (path.startsWith('userEnteredFormat.')) {
      const sub = FORMAT_ALIASES[path.slice(18)] ?? path.slice(18);
      if (sub === 'textFormat') {
        for (const f of FORMAT_PATHS) if (f.startsWith('textFormat.')) out.add(`format:${f}`);
      } else if (FORMAT_PATHS.includes(sub)) out.add(`format:${sub}`);
      else if (UNMODELLED_FORMAT.test(sub))
        throw notSupported(`Sheets.Spreadsheets.batchUpdate cell field userEnteredFormat.${sub}`);
      else throw new RequestError(`Invalid field mask: ${path}`);
    } else if (UNMODELLED_CELL.test(path)) throw notSupported(`Sheets.Spreadsheets.batchUpdate cell field ${path}`);
    else if (READ_ONLY_CELL.test(path)) throw new RequestError(`${path} is read-only.`);
    else throw new RequestError(`Invalid field mask: ${path}`);
  }
  return [...out];
}

const H_ALIGN: Record<string, string> = { LEFT: 'left', CENTER: 'center', RIGHT: 'right' };
const V_ALIGN: Record<string, string> = { TOP: 'top', MIDDLE: 'middle', BOTTOM: 'bottom' };

interface CellWrite {
  value?: Exclude<CellValue, null> | null;
  attrs: { key: AttrKey; value: unknown }[];
}

function extendedValueOf(value: unknown, field: string): Exclude<CellValue, null> | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new RequestError(`Invalid value at '${field}'.`);
  const keys = Object.keys(value);
  if (keys.length !== 1) throw new RequestError(`Invalid value at '${field}': exactly one kind of value must be set.`);
  const v = value[keys[0] as string];
  switch (keys[0]) {
    case 'stringValue':
      checkCellLength(String(v));
      return String(v) === '' ? null : String(v);
    case 'numberValue':
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new RequestError(`Invalid value at '${field}.numberValue'.`);
      return v;
    case 'boolValue':
      return v === true;
    case 'formulaValue': {
      const text = String(v);
      checkCellLength(text);
      return text.startsWith('=') && text.length > 1 ? new FormulaCell(text) : text;
    }
    case 'errorValue':
      throw notSupported('Sheets.Spreadsheets.batchUpdate errorValue');
    default:
      throw new RequestError(`Invalid value at '${field}': unknown value kind ${keys[0] as string}.`);
  }
}

/** What one CellData writes for the selected parts (a part left out of the CellData clears it). */
function cellWrite(cell: unknown, paths: CellPath[], field: string): CellWrite {
  const data = isObject(cell) ? cell : {};
  const format = isObject(data.userEnteredFormat) ? data.userEnteredFormat : {};
  const text = isObject(format.textFormat) ? format.textFormat : {};
  for (const key of Object.keys(format))
    if (UNMODELLED_FORMAT.test(key) && paths.some((p) => p.startsWith('format:')))
      throw notSupported(`Sheets.Spreadsheets.batchUpdate cell field userEnteredFormat.${key}`);
  const out: CellWrite = { attrs: [] };
  const set = <K extends AttrKey>(key: K, value: CellAttributes[K] | undefined): void => {
    out.attrs.push({ key, value });
  };
  for (const path of paths) {
    switch (path) {
      case 'userEnteredValue':
        out.value = extendedValueOf(data.userEnteredValue, `${field}.userEnteredValue`);
        break;
      case 'note':
        set('note', typeof data.note === 'string' && data.note !== '' ? data.note : undefined);
        break;
      case 'dataValidation':
        set(
          'validation',
          data.dataValidation === undefined
            ? undefined
            : validationFromJson(data.dataValidation, `${field}.dataValidation`),
        );
        break;
      case 'format:numberFormat':
        set(
          'numberFormat',
          format.numberFormat === undefined
            ? undefined
            : numberFormatFromJson(format.numberFormat, `${field}.userEnteredFormat.numberFormat`),
        );
        break;
      case 'format:backgroundColor': {
        const color = format.backgroundColorStyle ?? format.backgroundColor;
        set(
          'background',
          color === undefined ? undefined : colorFromJson(color, `${field}.userEnteredFormat.backgroundColor`),
        );
        break;
      }
      case 'format:horizontalAlignment': {
        const v = format.horizontalAlignment;
        if (v !== undefined && !H_ALIGN[String(v)])
          throw new RequestError(`Invalid value at 'horizontalAlignment' (${String(v)})`);
        set('horizontalAlignment', v === undefined ? undefined : H_ALIGN[String(v)]);
        break;
      }
      case 'format:verticalAlignment': {
        const v = format.verticalAlignment;
        if (v !== undefined && !V_ALIGN[String(v)])
          throw new RequestError(`Invalid value at 'verticalAlignment' (${String(v)})`);
        set('verticalAlignment', v === undefined ? undefined : V_ALIGN[String(v)]);
        break;
      }
      case 'format:wrapStrategy': {
        const v = format.wrapStrategy;
        if (v === 'CLIP' || v === 'LEGACY_WRAP')
          throw notSupported(`Sheets.Spreadsheets.batchUpdate wrapStrategy ${v}`);
        if (v !== undefined && v !== 'WRAP' && v !== 'OVERFLOW_CELL')
          throw new RequestError(`Invalid value at 'wrapStrategy' (${String(v)})`);
        set('wrap', v === undefined ? undefined : v === 'WRAP');
        break;
      }
      case 'format:textFormat.bold':
        set('fontWeight', text.bold === true ? 'bold' : undefined);
        break;
      case 'format:textFormat.italic':
        set('fontStyle', text.italic === true ? 'italic' : undefined);
        break;
      case 'format:textFormat.fontSize':
        set('fontSize', text.fontSize === undefined ? undefined : integer(text.fontSize, 'textFormat.fontSize', 1));
        break;
      case 'format:textFormat.fontFamily':
        set('fontFamily', typeof text.fontFamily === 'string' && text.fontFamily !== '' ? text.fontFamily : undefined);
        break;
      case 'format:textFormat.foregroundColor': {
        const color = text.foregroundColorStyle ?? text.foregroundColor;
        set('fontColor', color === undefined ? undefined : colorFromJson(color, 'textFormat.foregroundColor'));
        break;
      }
      default:
        throw new RequestError(`Invalid field mask: ${String(path)}`);
    }
  }
  return out;
}

function writeCell(sheet: SheetModel, r: number, c: number, write: CellWrite): void {
  for (const { key, value } of write.attrs) sheet.attr(key).set(r, c, value as never);
  if (write.value !== undefined) sheet.values.set(r, c, write.value ?? undefined);
}

/**
 * A value that breaks a reject-input rule is refused, as the Values API here does (UNCONFIRMED whether API
 * writes bypass validation). Checked before anything is applied, against the rules the cells had before the
 * batch (a rule set by an earlier request of the same batch is not seen).
 */
function checkValues(
  book: Book,
  sheetId: number,
  area: { r0: number; c0: number; r1: number; c1: number },
  writeAt: (r: number, c: number) => CellWrite | null,
): void {
  const sheet = book.sheetById(sheetId);
  const rules = sheet?.attrs.validation;
  if (!sheet || !rules) return;
  for (let r = area.r0; r < Math.min(area.r1, rules.rows.length); r++) {
    if (!rules.rows[r]) continue;
    for (let c = area.c0; c < area.c1; c++) {
      const spec = rules.get(r, c);
      const value = spec ? writeAt(r, c)?.value : undefined;
      if (spec && !spec.allowInvalid && value !== undefined && value !== null && !passesValidation(book, spec, value))
        throw new RequestError(validationErrorText(cellA1(r + 1, c + 1)));
    }
  }
}

function boundedRect(sheet: ShapeSheet, rect: Rect): { r0: number; c0: number; r1: number; c1: number } {
  return { r0: rect.r0, c0: rect.c0, r1: rect.r1 ?? sheet.rows, c1: rect.c1 ?? sheet.columns };
}

function updateCells(book: Book, shape: Shape, body: Json): Apply {
  onlyKeys(body, ['rows', 'fields', 'start', 'range'], 'updateCells');
  if ((body.start === undefined) === (body.range === undefined))
    throw new RequestError('Exactly one of start or range must be set.');
  const paths = cellPaths(fieldsOf(body));
  const rows = body.rows === undefined ? [] : body.rows;
  if (!Array.isArray(rows)) throw new RequestError("Invalid value at 'updateCells.rows'.");
  let sheetId: number;
  let area: { r0: number; c0: number; r1: number; c1: number };
  const lookup = (id: number) => sheetIn(shape, id);
  if (body.start !== undefined) {
    const start = isObject(body.start) ? body.start : {};
    sheetId = typeof start.sheetId === 'number' ? start.sheetId : 0;
    const sheet = lookup(sheetId);
    if (!sheet) throw new RequestError(`No grid with id: ${sheetId}`);
    const r0 = start.rowIndex === undefined ? 0 : integer(start.rowIndex, 'start.rowIndex');
    const c0 = start.columnIndex === undefined ? 0 : integer(start.columnIndex, 'start.columnIndex');
    const width = Math.max(
      0,
      ...rows.map((row) => (isObject(row) && Array.isArray(row.values) ? row.values.length : 0)),
    );
    area = { r0, c0, r1: r0 + rows.length, c1: c0 + width };
    if (area.r1 > sheet.rows || area.c1 > sheet.columns)
      throw new RequestError(
        `Range ('${sheet.title}'!${cellA1(r0 + 1, c0 + 1)}) exceeds grid limits. Max rows: ${sheet.rows}, max columns: ${sheet.columns}`,
      );
  } else {
    const located = rectFromGridRange(body.range, 'updateCells.range', lookup);
    sheetId = located.sheetId;
    area = boundedRect(lookup(sheetId) as ShapeSheet, located.rect);
  }
  const writes: (CellWrite | null)[][] = rows.map((row, i) => {
    const values = isObject(row) && Array.isArray(row.values) ? row.values : [];
    return values.map((cell, j) => cellWrite(cell, paths, `updateCells.rows[${i}].values[${j}]`));
  });
  const clear = body.range !== undefined ? cellWrite({}, paths, 'updateCells') : null;
  const writeAt = (r: number, c: number): CellWrite | null => writes[r - area.r0]?.[c - area.c0] ?? clear;
  if (paths.includes('userEnteredValue')) checkValues(book, sheetId, area, writeAt);
  return (book) => {
    const sheet = modelSheet(book, sheetId);
    let written = 0;
    for (let r = area.r0; r < area.r1; r++) {
      for (let c = area.c0; c < area.c1; c++) {
        // With a range, cells the rows leave out are cleared for the fields (DISC UpdateCellsRequest.range).
        const write = writeAt(r, c);
        if (!write) continue;
        writeCell(sheet, r, c, write);
        written++;
      }
    }
    book.ctx.meter.recordCells(0, written);
    return {};
  };
}

function repeatCell(book: Book, shape: Shape, body: Json): Apply {
  onlyKeys(body, ['range', 'cell', 'fields'], 'repeatCell');
  const paths = cellPaths(fieldsOf(body));
  const located = rectFromGridRange(body.range, 'repeatCell.range', (id) => sheetIn(shape, id));
  const area = boundedRect(sheetIn(shape, located.sheetId) as ShapeSheet, located.rect);
  const write = cellWrite(body.cell, paths, 'repeatCell.cell');
  if (paths.includes('userEnteredValue')) checkValues(book, located.sheetId, area, () => write);
  return (book) => {
    const sheet = modelSheet(book, located.sheetId);
    for (let r = area.r0; r < area.r1; r++) for (let c = area.c0; c < area.c1; c++) writeCell(sheet, r, c, write);
    book.ctx.meter.recordCells(0, (area.r1 - area.r0) * (area.c1 - area.c0));
    return {};
  };
}

function setDataValidation(shape: Shape, body: Json): Apply {
  onlyKeys(body, ['range', 'rule'], 'setDataValidation', ['filteredRowsIncluded']);
  const located = rectFromGridRange(body.range, 'setDataValidation.range', (id) => sheetIn(shape, id));
  const area = boundedRect(sheetIn(shape, located.sheetId) as ShapeSheet, located.rect);
  // "If no rule is set, any data validation in the range is cleared."
  const spec = body.rule === undefined ? undefined : validationFromJson(body.rule, 'setDataValidation.rule');
  return (book) => {
    const grid = modelSheet(book, located.sheetId).attr('validation');
    if (!spec) grid.clear(area.r0, area.c0, area.r1, area.c1);
    else
      for (let r = area.r0; r < area.r1; r++) {
        const row = grid.rowForWrite(r);
        for (let c = area.c0; c < area.c1; c++) row[c] = spec;
      }
    return {};
  };
}

// ---- conditional formats, protection, metadata ----------------------------------------------------------

function addConditionalFormatRule(shape: Shape, body: Json): Apply {
  onlyKeys(body, ['rule', 'index'], 'addConditionalFormatRule');
  const { sheetId, model } = conditionalRuleFromJson(body.rule, 'addConditionalFormatRule.rule', (id) =>
    sheetIn(shape, id),
  );
  const sheet = sheetIn(shape, sheetId) as ShapeSheet;
  // index is a plain int32: left out it is 0, so the rule goes first.
  const index = body.index === undefined ? 0 : integer(body.index, 'addConditionalFormatRule.index');
  if (index > sheet.rules)
    throw new RequestError(`Invalid index ${index}: the sheet has ${sheet.rules} conditional format rules.`);
  sheet.rules += 1;
  return (book) => {
    modelSheet(book, sheetId).conditionalRules.splice(index, 0, model);
    return {};
  };
}

function deleteConditionalFormatRule(shape: Shape, body: Json): Apply {
  onlyKeys(body, ['sheetId', 'index'], 'deleteConditionalFormatRule');
  const sheetId = typeof body.sheetId === 'number' ? body.sheetId : 0;
  const sheet = sheetIn(shape, sheetId);
  if (!sheet) throw new RequestError(`No grid with id: ${sheetId}`);
  const index = body.index === undefined ? 0 : integer(body.index, 'deleteConditionalFormatRule.index');
  if (index >= sheet.rules) throw new RequestError(`No conditional format on sheet ${sheetId} at index ${index}`);
  sheet.rules -= 1;
  return (book) => {
    const model = modelSheet(book, sheetId);
    const [rule] = model.conditionalRules.splice(index, 1);
    return { deleteConditionalFormatRule: { rule: rule ? conditionalRuleJson(rule, sheetId, book.model) : {} } };
  };
}

function addProtectedRange(wb: WorkbookModel, shape: Shape, body: Json): Apply {
  onlyKeys(body, ['protectedRange'], 'addProtectedRange');
  const p = isObject(body.protectedRange) ? body.protectedRange : null;
  if (!p) throw new RequestError('protectedRange must be set.');
  onlyKeys(
    p,
    ['protectedRangeId', 'range', 'description', 'warningOnly', 'requestingUserCanEdit', 'unprotectedRanges'],
    'addProtectedRange.protectedRange',
    ['namedRangeId', 'tableId', 'editors'],
  );
  const located = rectFromGridRange(p.range, 'protectedRange.range', (id) => sheetIn(shape, id));
  const range = p.range as GridRangeJson;
  const whole =
    range.startRowIndex === undefined &&
    range.endRowIndex === undefined &&
    range.startColumnIndex === undefined &&
    range.endColumnIndex === undefined;
  let id: number;
  if (p.protectedRangeId !== undefined) {
    id = integer(p.protectedRangeId, 'protectedRange.protectedRangeId', 1);
    if (shape.protectionIds.has(id)) throw new RequestError(`A protected range with ID ${id} already exists.`);
  } else {
    do wb.counters.protection += 1;
    while (shape.protectionIds.has(wb.counters.protection));
    id = wb.counters.protection;
  }
  if (whole && wb.protections.some((x) => x.type === 'SHEET' && x.sheetId === located.sheetId))
    throw new RequestError('The sheet is already protected.');
  const unprotected = Array.isArray(p.unprotectedRanges)
    ? p.unprotectedRanges.map(
        (r, i) => rectFromGridRange(r, `unprotectedRanges[${i}]`, (sid) => sheetIn(shape, sid)).rect,
      )
    : [];
  if (unprotected.length > 0 && !whole)
    throw new RequestError('Unprotected ranges are only allowed on a protected sheet.');
  shape.protectionIds.add(id);
  const description = typeof p.description === 'string' ? p.description : '';
  const warningOnly = p.warningOnly === true;
  return (book) => {
    const model = {
      id,
      type: whole ? ('SHEET' as const) : ('RANGE' as const),
      sheetId: located.sheetId,
      rect: whole ? null : located.rect,
      description,
      warningOnly,
      editors: [],
      unprotected,
    };
    book.model.protections.push(model);
    book.model.counters.protection = Math.max(book.model.counters.protection, id);
    return { addProtectedRange: { protectedRange: protectedRangeJson(model, modelSheet(book, located.sheetId)) } };
  };
}

function createDeveloperMetadata(wb: WorkbookModel, shape: Shape, body: Json): Apply {
  onlyKeys(body, ['developerMetadata'], 'createDeveloperMetadata');
  const m = isObject(body.developerMetadata) ? body.developerMetadata : null;
  if (!m) throw new RequestError('developerMetadata must be set.');
  onlyKeys(m, ['metadataId', 'metadataKey', 'metadataValue', 'location', 'visibility'], 'developerMetadata');
  if (typeof m.metadataKey !== 'string' || m.metadataKey === '') throw new RequestError('metadataKey must be set.');
  if (m.visibility !== 'DOCUMENT' && m.visibility !== 'PROJECT')
    throw new RequestError(`Invalid value at 'developerMetadata.visibility' (${String(m.visibility)})`);
  const loc = isObject(m.location) ? m.location : null;
  if (!loc) throw new RequestError('developerMetadata.location must be set.');
  const kinds = ['spreadsheet', 'sheetId', 'dimensionRange'].filter((k) => loc[k] !== undefined && loc[k] !== false);
  if (kinds.length !== 1)
    throw new RequestError('Exactly one of spreadsheet, sheetId or dimensionRange must be set in the location.');
  let location: MetadataLocation;
  if (kinds[0] === 'spreadsheet') location = { type: 'SPREADSHEET' };
  else if (kinds[0] === 'sheetId') {
    const id = integer(loc.sheetId, 'location.sheetId');
    if (!sheetIn(shape, id)) throw new RequestError(`No sheet with id: ${id}`);
    location = { type: 'SHEET', sheetId: id };
  } else {
    const span = dimensionSpan(shape, loc.dimensionRange, 'location.dimensionRange', true);
    if (span.end - span.start !== 1)
      throw new RequestError(
        'The dimensionRange must represent a single row or column; it cannot be unbounded or span multiple rows or columns.',
      );
    if (span.end > span.size)
      throw new RequestError(`Invalid location.dimensionRange: the grid has ${span.size} ${span.axis}.`);
    location = { type: span.axis === 'rows' ? 'ROW' : 'COLUMN', sheetId: span.sheet.id, index: span.start };
  }
  let id: number;
  if (m.metadataId !== undefined) {
    id = integer(m.metadataId, 'developerMetadata.metadataId', 1);
    if (shape.metadataIds.has(id)) throw new RequestError(`Developer metadata with ID ${id} already exists.`);
  } else {
    do wb.counters.metadata += 1;
    while (shape.metadataIds.has(wb.counters.metadata));
    id = wb.counters.metadata;
  }
  shape.metadataIds.add(id);
  const model = {
    id,
    key: m.metadataKey,
    value: m.metadataValue === undefined ? null : String(m.metadataValue),
    visibility: m.visibility,
    location,
  } as const;
  return (book) => {
    const stored = { ...model, location: { ...model.location } };
    book.model.metadata.push(stored);
    book.model.counters.metadata = Math.max(book.model.counters.metadata, id);
    return { createDeveloperMetadata: { developerMetadata: metadataJson(stored) } };
  };
}

// ---- filter views ---------------------------------------------------------------------------------------

/** Condition types allowed in filters (the DISC table in docs/apps-script/filter-views-and-charts.md §1). */
const FILTER_CONDITIONS: Record<string, 0 | 1 | 2> = {
  NUMBER_GREATER: 1,
  NUMBER_GREATER_THAN_EQ: 1,
  NUMBER_LESS: 1,
  NUMBER_LESS_THAN_EQ: 1,
  NUMBER_EQ: 1,
  NUMBER_NOT_EQ: 1,
  TEXT_EQ: 1,
  DATE_EQ: 1,
  NUMBER_BETWEEN: 2,
  NUMBER_NOT_BETWEEN: 2,
  TEXT_CONTAINS: 1,
  TEXT_NOT_CONTAINS: 1,
  TEXT_STARTS_WITH: 1,
  TEXT_ENDS_WITH: 1,
  DATE_BEFORE: 1,
  DATE_AFTER: 1,
  BLANK: 0,
  NOT_BLANK: 0,
  CUSTOM_FORMULA: 1,
};
const RELATIVE_DATES = ['PAST_YEAR', 'PAST_MONTH', 'PAST_WEEK', 'YESTERDAY', 'TODAY', 'TOMORROW'];

interface CriteriaJson {
  hiddenValues?: unknown;
  condition?: { type?: unknown; values?: unknown };
  visibleBackgroundColor?: unknown;
  visibleForegroundColor?: unknown;
}

function checkCriteria(criteria: CriteriaJson, maxColumns: number, column: number): void {
  if (column < 0 || column >= maxColumns)
    throw new RequestError(`Invalid column index ${column}: the grid has ${maxColumns} columns.`);
  if (criteria.hiddenValues !== undefined && !Array.isArray(criteria.hiddenValues))
    throw new RequestError('hiddenValues must be a list.');
  const condition = criteria.condition;
  if (!condition) return;
  const type = String(condition.type);
  const expected = FILTER_CONDITIONS[type];
  if (expected === undefined) {
    // UNCONFIRMED wording; the DISC enum marks these types "Supported by data validation" only (§1).
    throw new RequestError(`Invalid ConditionType ${type} for a filter.`);
  }
  const values =
    condition.values === undefined ? [] : Array.isArray(condition.values) ? condition.values : [condition.values];
  if (values.length !== expected) {
    throw new RequestError(
      `${type} condition requires ${expected === 0 ? 'no' : expected === 2 ? 'exactly two' : 'exactly one'} ConditionValue${expected === 1 ? '' : 's'}.`,
    );
  }
  for (const v of values as { relativeDate?: unknown; userEnteredValue?: unknown }[]) {
    if (v && v.relativeDate !== undefined) {
      if (type !== 'DATE_BEFORE' && type !== 'DATE_AFTER')
        throw new RequestError(`relativeDate is not valid for ${type}.`);
      if (!RELATIVE_DATES.includes(String(v.relativeDate)))
        throw new RequestError(`Invalid relativeDate ${String(v.relativeDate)}.`);
    } else if (!v || typeof v.userEnteredValue !== 'string') {
      throw new RequestError(`${type} condition value must have a userEnteredValue or relativeDate.`);
    }
  }
}

/** Omits zero/empty defaults as the API does (§2 "Defaults are left out of responses"). */
function compactRange(range: GridRangeJson): GridRangeJson {
  const out: GridRangeJson = {};
  for (const key of ['sheetId', 'startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'] as const) {
    const v = range[key];
    if (typeof v === 'number' && v !== 0) out[key] = v;
    else if (typeof v === 'number' && (key === 'endRowIndex' || key === 'endColumnIndex')) out[key] = v;
  }
  return out;
}

/** Checks a view and returns it as stored (both filterSpecs and criteria populated, §1). */
function normalizeView(shape: Shape, view: Json, id: number): FilterViewJson {
  if (view.range !== undefined && view.namedRangeId !== undefined) {
    throw new RequestError('Only one of range, namedRangeId or tableId may be set.');
  }
  if (view.namedRangeId !== undefined) throw notSupported('filter views on a named range');
  const range = (view.range ?? {}) as GridRangeJson;
  const sheetId = range.sheetId ?? 0;
  const sheet = sheetIn(shape, sheetId);
  if (!sheet) throw new RequestError(`No grid with id: ${sheetId}`);
  const out: FilterViewJson = { filterViewId: id };
  if (view.title !== undefined) out.title = String(view.title);
  out.range = compactRange({ ...range, sheetId });
  const specs: { columnIndex: number; filterCriteria: CriteriaJson }[] = [];
  if (Array.isArray(view.filterSpecs)) {
    for (const spec of view.filterSpecs as { columnIndex?: number; filterCriteria?: CriteriaJson }[]) {
      const column = spec.columnIndex ?? 0;
      checkCriteria(spec.filterCriteria ?? {}, sheet.columns, column);
      specs.push({ columnIndex: column, filterCriteria: clone(spec.filterCriteria ?? {}) });
    }
  } else if (view.criteria && typeof view.criteria === 'object') {
    for (const [key, criteria] of Object.entries(view.criteria as Record<string, CriteriaJson>)) {
      checkCriteria(criteria, sheet.columns, Number(key));
      specs.push({ columnIndex: Number(key), filterCriteria: clone(criteria) });
    }
  }
  if (specs.length > 0) {
    out.filterSpecs = specs.map((s) => (s.columnIndex === 0 ? { filterCriteria: s.filterCriteria } : s));
    out.criteria = Object.fromEntries(specs.map((s) => [String(s.columnIndex), s.filterCriteria]));
  }
  if (Array.isArray(view.sortSpecs) && view.sortSpecs.length > 0) out.sortSpecs = clone(view.sortSpecs);
  return out;
}

function newFilterViewId(wb: WorkbookModel): number {
  wb.counters.filterView += 1;
  return (wb.counters.filterView * 48_271 + 1_000_003) % 2_147_483_647;
}

function locateView(views: Map<number, FilterViewJson[]>, id: number): { sheetId: number; index: number } | null {
  for (const [sheetId, list] of views) {
    const index = list.findIndex((v) => v.filterViewId === id);
    if (index >= 0) return { sheetId, index };
  }
  return null;
}

/** The views of the sheets as they stand when a filter-view request is applied. */
function removeView(book: Book, id: number): void {
  for (const sheet of book.model.sheets) sheet.filterViews = sheet.filterViews.filter((v) => v.filterViewId !== id);
}
function pushView(book: Book, view: FilterViewJson): void {
  const sheetId = ((view.range as GridRangeJson | undefined)?.sheetId ?? 0) as number;
  modelSheet(book, sheetId).filterViews.push(clone(view));
}

function filterViewRequest(wb: WorkbookModel, shape: Shape, kind: string, body: Json): Apply {
  const views = shape.views;
  switch (kind) {
    case 'addFilterView': {
      const filter = (body.filter ?? {}) as Json;
      let id = typeof filter.filterViewId === 'number' ? filter.filterViewId : null;
      if (id !== null && locateView(views, id)) throw new RequestError(`Filter view with id ${id} already exists.`);
      if (id === null) {
        do id = newFilterViewId(wb);
        while (locateView(views, id));
      }
      const stored = normalizeView(shape, filter, id);
      views.get((stored.range as GridRangeJson).sheetId ?? 0)?.push(stored);
      return (book) => {
        pushView(book, stored);
        return { addFilterView: { filter: clone(stored) } };
      };
    }
    case 'updateFilterView': {
      const filter = (body.filter ?? {}) as Json;
      const fields = typeof body.fields === 'string' ? body.fields.trim() : '';
      // "At least one field must be specified… A single "*" can be used as short-hand for listing every field."
      if (fields === '') throw new RequestError('At least one field must be specified.');
      const id = Number(filter.filterViewId);
      const at = locateView(views, id);
      if (!at) throw new RequestError(`No filter view with id: ${String(filter.filterViewId)}`);
      const list = views.get(at.sheetId) as FilterViewJson[];
      const merged: Json = { ...(list[at.index] as FilterViewJson) };
      const names =
        fields === '*'
          ? ['title', 'range', 'criteria', 'filterSpecs', 'sortSpecs', 'namedRangeId']
          : fields.split(',').map((f) => f.trim().split(/[.(]/)[0] as string);
      for (const name of names) {
        if (name === 'filterViewId') continue;
        if (filter[name] === undefined) delete merged[name];
        else merged[name] = filter[name];
      }
      // A spec list given in an update "takes precedence" over the criteria map.
      if (names.includes('filterSpecs') && filter.filterSpecs !== undefined) delete merged.criteria;
      else if (names.includes('criteria')) delete merged.filterSpecs;
      const stored = normalizeView(shape, merged, id);
      list.splice(at.index, 1);
      views.get((stored.range as GridRangeJson).sheetId ?? 0)?.push(stored);
      return (book) => {
        removeView(book, id);
        pushView(book, stored);
        return {};
      };
    }
    case 'deleteFilterView': {
      const id = Number(body.filterId);
      const at = locateView(views, id);
      if (!at) throw new RequestError(`No filter view with id: ${String(body.filterId)}`);
      views.get(at.sheetId)?.splice(at.index, 1);
      return (book) => {
        removeView(book, id);
        return {};
      };
    }
    default: {
      // duplicateFilterView
      const id = Number(body.filterId);
      const at = locateView(views, id);
      if (!at) throw new RequestError(`No filter view with id: ${String(body.filterId)}`);
      const source = (views.get(at.sheetId) as FilterViewJson[])[at.index] as FilterViewJson;
      let newId = newFilterViewId(wb);
      while (locateView(views, newId)) newId = newFilterViewId(wb);
      const copy = { ...clone(source), filterViewId: newId };
      views.get(at.sheetId)?.push(copy);
      return (book) => {
        pushView(book, copy);
        return { duplicateFilterView: { filter: clone(copy) } };
      };
    }
  }
}

// ---- the call -------------------------------------------------------------------------------------------

function checkRequest(book: Book, shape: Shape, kind: string, body: Json): Apply {
  const wb = book.model;
  switch (kind) {
    case 'addSheet':
      return addSheet(wb, shape, body);
    case 'deleteSheet':
      return deleteSheet(shape, body);
    case 'updateSheetProperties':
      return updateSheetProperties(shape, body);
    case 'insertDimension':
      return insertDimension(shape, body);
    case 'appendDimension':
      return appendDimension(shape, body);
    case 'deleteDimension':
      return deleteDimension(shape, body);
    case 'updateDimensionProperties':
      return updateDimensionProperties(shape, body);
    case 'updateCells':
      return updateCells(book, shape, body);
    case 'repeatCell':
      return repeatCell(book, shape, body);
    case 'setDataValidation':
      return setDataValidation(shape, body);
    case 'addConditionalFormatRule':
      return addConditionalFormatRule(shape, body);
    case 'deleteConditionalFormatRule':
      return deleteConditionalFormatRule(shape, body);
    case 'addProtectedRange':
      return addProtectedRange(wb, shape, body);
    case 'createDeveloperMetadata':
      return createDeveloperMetadata(wb, shape, body);
    case 'addFilterView':
    case 'updateFilterView':
    case 'deleteFilterView':
    case 'duplicateFilterView':
      return filterViewRequest(wb, shape, kind, body);
    default:
      throw notSupported(`Sheets.Spreadsheets.batchUpdate request "${kind}"`);
  }
}

/** batchUpdate({requests}, spreadsheetId): checks every request in order, then applies them all. */
export function spreadsheetsBatchUpdate(book: Book, resource: unknown, spreadsheetId: unknown): Json {
  const wb = book.model;
  if (spreadsheetId !== wb.id) throw new ApiError(404, 'Requested entity was not found.');
  const body = (isObject(resource) ? clone(resource) : {}) as Json;
  for (const key of Object.keys(body))
    if (key !== 'requests') {
      if (['includeSpreadsheetInResponse', 'responseRanges', 'responseIncludeGridData'].includes(key))
        throw notSupported(`Sheets.Spreadsheets.batchUpdate ${key}`);
      throw new ApiError(400, `Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
    }
  const requests = body.requests;
  if (!Array.isArray(requests)) throw new ApiError(400, 'Invalid JSON payload: requests must be a list.');
  const counters = { ...wb.counters };
  const shape = shapeOf(wb);
  const steps: { apply: Apply }[] = [];
  requests.forEach((request, i) => {
    const kinds = isObject(request) ? Object.keys(request) : [];
    if (kinds.length !== 1) {
      wb.counters = counters;
      throw new ApiError(400, `Invalid requests[${i}]: exactly one request kind must be set.`);
    }
    const kind = kinds[0] as string;
    try {
      const value = (request as Json)[kind];
      steps.push({ apply: checkRequest(book, shape, kind, isObject(value) ? value : {}) });
    } catch (err) {
      wb.counters = counters;
      if (err instanceof RequestError) throw new ApiError(400, `Invalid requests[${i}].${kind}: ${err.message}`);
      throw err;
    }
  });
  const replies = steps.map((step) => step.apply(book));
  return { spreadsheetId: wb.id, replies };
}
