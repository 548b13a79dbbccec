import { notSupported } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { Book } from './book';
import type { GridRangeJson } from './filter-views';
import { findSheet, type FilterViewJson, type WorkbookModel } from './model';
import { valuesBatchGet, valuesBatchUpdate, valuesGet, valuesUpdate } from './advanced-sheets-values';

/**
 * The Advanced Sheets service, limited to what filter views need (filter-views-and-charts.md §1–3):
 * `Sheets.Spreadsheets.get(id, {fields})` and `Sheets.Spreadsheets.batchUpdate({requests}, id)` with
 * add/update/delete/duplicateFilterView. batchUpdate is atomic ("If any request is not valid then the entire
 * request will fail and nothing will be applied") and replies mirror the requests ({} when no reply).
 * The service needs the full `spreadsheets` scope (services.md §12), so it requires FULL authorization.
 */

export class GoogleJsonResponseException extends Error {
  readonly details: { code: number; message: string };
  constructor(method: string, code: number, message: string) {
    super(`API call to ${method} failed with error: ${message}`);
    this.name = 'GoogleJsonResponseException';
    this.details = { code, message };
  }
}

/** Condition types allowed in filters (the DISC table in §1); validation-only types are rejected. */
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

class RequestError extends Error {}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
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

/** Checks a view and returns it as stored (both filterSpecs and criteria populated, §1). */
function normalizeView(wb: WorkbookModel, view: Record<string, unknown>, id: number): FilterViewJson {
  if (view.range !== undefined && view.namedRangeId !== undefined) {
    throw new RequestError('Only one of range, namedRangeId or tableId may be set.');
  }
  if (view.namedRangeId !== undefined) throw notSupported('filter views on a named range');
  const range = (view.range ?? {}) as GridRangeJson;
  const sheetId = range.sheetId ?? 0;
  const sheet = findSheet(wb, sheetId);
  if (!sheet) throw new RequestError(`No grid with id: ${sheetId}`);
  const out: FilterViewJson = { filterViewId: id };
  if (view.title !== undefined) out.title = String(view.title);
  out.range = compactRange({ ...range, sheetId });
  const specs: { columnIndex: number; filterCriteria: CriteriaJson }[] = [];
  if (Array.isArray(view.filterSpecs)) {
    for (const spec of view.filterSpecs as { columnIndex?: number; filterCriteria?: CriteriaJson }[]) {
      const column = spec.columnIndex ?? 0;
      checkCriteria(spec.filterCriteria ?? {}, sheet.maxColumns, column);
      specs.push({ columnIndex: column, filterCriteria: clone(spec.filterCriteria ?? {}) });
    }
  } else if (view.criteria && typeof view.criteria === 'object') {
    for (const [key, criteria] of Object.entries(view.criteria as Record<string, CriteriaJson>)) {
      checkCriteria(criteria, sheet.maxColumns, Number(key));
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

type Views = Map<number, FilterViewJson[]>;

function locate(views: Views, id: number): { sheetId: number; index: number } | null {
  for (const [sheetId, list] of views) {
    const index = list.findIndex((v) => v.filterViewId === id);
    if (index >= 0) return { sheetId, index };
  }
  return null;
}

function applyRequest(wb: WorkbookModel, views: Views, kind: string, body: Record<string, unknown>): unknown {
  switch (kind) {
    case 'addFilterView': {
      const filter = (body.filter ?? {}) as Record<string, unknown>;
      let id = typeof filter.filterViewId === 'number' ? filter.filterViewId : null;
      if (id !== null && locate(views, id)) throw new RequestError(`Filter view with id ${id} already exists.`);
      if (id === null) {
        do id = newFilterViewId(wb);
        while (locate(views, id));
      }
      const stored = normalizeView(wb, filter, id);
      const sheetId = (stored.range as GridRangeJson).sheetId ?? 0;
      views.get(sheetId)?.push(stored);
      return { addFilterView: { filter: clone(stored) } };
    }
    case 'updateFilterView': {
      const filter = (body.filter ?? {}) as Record<string, unknown>;
      const fields = typeof body.fields === 'string' ? body.fields.trim() : '';
      // "At least one field must be specified… A single "*" can be used as short-hand for listing every field."
      if (fields === '') throw new RequestError('At least one field must be specified.');
      const id = Number(filter.filterViewId);
      const at = locate(views, id);
      if (!at) throw new RequestError(`No filter view with id: ${String(filter.filterViewId)}`);
      const list = views.get(at.sheetId) as FilterViewJson[];
      const current = list[at.index] as FilterViewJson;
      const merged: Record<string, unknown> = { ...current };
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
      const stored = normalizeView(wb, merged, id);
      const newSheetId = (stored.range as GridRangeJson).sheetId ?? 0;
      list.splice(at.index, 1);
      views.get(newSheetId)?.push(stored);
      return {};
    }
    case 'deleteFilterView': {
      const id = Number(body.filterId);
      const at = locate(views, id);
      if (!at) throw new RequestError(`No filter view with id: ${String(body.filterId)}`);
      views.get(at.sheetId)?.splice(at.index, 1);
      return {};
    }
    case 'duplicateFilterView': {
      const id = Number(body.filterId);
      const at = locate(views, id);
      if (!at) throw new RequestError(`No filter view with id: ${String(body.filterId)}`);
      const source = (views.get(at.sheetId) as FilterViewJson[])[at.index] as FilterViewJson;
      let newId = newFilterViewId(wb);
      while (locate(views, newId)) newId = newFilterViewId(wb);
      const copy = { ...clone(source), filterViewId: newId };
      views.get(at.sheetId)?.push(copy);
      return { duplicateFilterView: { filter: clone(copy) } };
    }
    default:
      throw notSupported(`Sheets.Spreadsheets.batchUpdate request "${kind}"`);
  }
}

/** spreadsheets.get as the API shapes it: empty lists and zero ids/indexes left out. */
export function spreadsheetResource(wb: WorkbookModel): Record<string, unknown> {
  const sheets = wb.sheets.map((sheet, index) => {
    const gridProperties: Record<string, number> = { rowCount: sheet.maxRows, columnCount: sheet.maxColumns };
    if (sheet.frozenRows) gridProperties.frozenRowCount = sheet.frozenRows;
    if (sheet.frozenColumns) gridProperties.frozenColumnCount = sheet.frozenColumns;
    const properties: Record<string, unknown> = { title: sheet.name, sheetType: 'GRID', gridProperties };
    if (sheet.id !== 0) properties.sheetId = sheet.id;
    if (index !== 0) properties.index = index;
    if (sheet.hidden) properties.hidden = true;
    const out: Record<string, unknown> = { properties };
    if (sheet.filterViews.length > 0) out.filterViews = clone(sheet.filterViews);
    return out;
  });
  return {
    spreadsheetId: wb.id,
    properties: { title: wb.name, locale: wb.locale, timeZone: wb.timeZone },
    sheets,
    spreadsheetUrl: wb.url,
  };
}

export class SheetsSpreadsheets extends GasObject {
  constructor(private readonly book: Book) {
    super(book.ctx);
  }

  private _checkId(id: unknown, method: string): void {
    if (id !== this.book.model.id)
      throw new GoogleJsonResponseException(method, 404, 'Requested entity was not found.');
  }

  /** get(spreadsheetId[, {fields}]): `fields` is accepted and ignored — the whole resource is returned. */
  get(spreadsheetId: string, _optionalArgs?: { fields?: string }): Record<string, unknown> {
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.get');
    this._checkId(spreadsheetId, 'sheets.spreadsheets.get');
    return spreadsheetResource(this.book.model);
  }

  batchUpdate(resource: { requests?: unknown[] }, spreadsheetId: string): Record<string, unknown> {
    const method = 'sheets.spreadsheets.batchUpdate';
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.batchUpdate');
    this._checkId(spreadsheetId, method);
    const requests = resource?.requests;
    if (!Array.isArray(requests))
      throw new GoogleJsonResponseException(method, 400, 'Invalid JSON payload: requests must be a list.');
    const wb = this.book.model;
    const working: Views = new Map(wb.sheets.map((s) => [s.id, clone(s.filterViews)]));
    const counterBefore = wb.counters.filterView;
    const replies: unknown[] = [];
    requests.forEach((request, i) => {
      const kinds = Object.keys((request ?? {}) as object);
      const kind = kinds[0] ?? '';
      if (kinds.length !== 1) {
        wb.counters.filterView = counterBefore;
        throw new GoogleJsonResponseException(
          method,
          400,
          `Invalid requests[${i}]: exactly one request kind must be set.`,
        );
      }
      try {
        replies.push(
          applyRequest(
            wb,
            working,
            kind,
            ((request as Record<string, unknown>)[kind] ?? {}) as Record<string, unknown>,
          ),
        );
      } catch (err) {
        wb.counters.filterView = counterBefore;
        if (err instanceof RequestError)
          throw new GoogleJsonResponseException(method, 400, `Invalid requests[${i}].${kind}: ${err.message}`);
        throw err;
      }
    });
    for (const sheet of wb.sheets) sheet.filterViews = working.get(sheet.id) ?? [];
    return { spreadsheetId: wb.id, replies };
  }
}
defineGasClass(SheetsSpreadsheets, 'Sheets', 'Spreadsheets');

/**
 * spreadsheets.values: get, batchGet, update and batchUpdate are modelled in advanced-sheets-values.ts;
 * append and clear say they are not modelled instead of failing with a TypeError.
 */
export class SheetsValues extends GasObject {
  constructor(private readonly book: Book) {
    super(book.ctx);
  }

  private _unsupported(method: string): never {
    throw notSupported(`Sheets.Spreadsheets.Values.${method}`);
  }
  get(spreadsheetId: string, range: string, optionalArgs?: Record<string, unknown>): Record<string, unknown> {
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.Values.get');
    return valuesGet(this.book, spreadsheetId, range, optionalArgs);
  }
  batchGet(spreadsheetId: string, optionalArgs?: Record<string, unknown>): Record<string, unknown> {
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.Values.batchGet');
    return valuesBatchGet(this.book, spreadsheetId, optionalArgs);
  }
  update(
    resource: Record<string, unknown>,
    spreadsheetId: string,
    range: string,
    optionalArgs?: Record<string, unknown>,
  ): Record<string, unknown> {
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.Values.update');
    return valuesUpdate(this.book, resource, spreadsheetId, range, optionalArgs);
  }
  batchUpdate(resource: Record<string, unknown>, spreadsheetId: string): Record<string, unknown> {
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.Values.batchUpdate');
    return valuesBatchUpdate(this.book, resource, spreadsheetId);
  }
  append(): never {
    return this._unsupported('append');
  }
  clear(): never {
    return this._unsupported('clear');
  }
}
defineGasClass(SheetsValues, 'Sheets', 'Values');

/** The `Sheets` global: only `Sheets.Spreadsheets.get` / `.batchUpdate` are modelled. */
export class SheetsService extends GasObject {
  readonly Spreadsheets: SheetsSpreadsheets & { Values: SheetsValues };
  constructor(book: Book) {
    super(book.ctx);
    const spreadsheets = new SheetsSpreadsheets(book) as SheetsSpreadsheets & { Values: SheetsValues };
    Object.defineProperty(spreadsheets, 'Values', { value: new SheetsValues(book), enumerable: true });
    this.Spreadsheets = spreadsheets;
  }
}
defineGasClass(SheetsService, 'Sheets', 'Sheets');

export function createAdvancedSheets(book: Book): SheetsService {
  return new SheetsService(book);
}
