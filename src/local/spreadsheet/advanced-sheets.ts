import { notSupported } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { Book } from './book';
import type { Json } from './advanced-sheets-json';
import { spreadsheetsBatchUpdate } from './advanced-sheets-batch-update';
import { spreadsheetsGet } from './advanced-sheets-get';
import { ApiError, valuesBatchGet, valuesBatchUpdate, valuesGet, valuesUpdate } from './advanced-sheets-values';

/**
 * The Advanced Sheets service: `Sheets.Spreadsheets.get(id, {fields, ranges})` (advanced-sheets-get.ts),
 * `Sheets.Spreadsheets.batchUpdate({requests}, id)` (advanced-sheets-batch-update.ts) and
 * `Sheets.Spreadsheets.Values` (advanced-sheets-values.ts). Each call works on the spreadsheet its id names:
 * the bound one or any other of the runtime the effective user may open (an archive made with
 * SpreadsheetApp.create), as the Sheets API does for every spreadsheet the caller can access; one they may not
 * open answers 403 "The caller does not have permission", an unknown id 404 (docs/apps-script-behaviour.md,
 * "The Advanced Sheets service on other spreadsheets").
 * The service needs the full `spreadsheets` scope (docs/apps-script/services.md §12), so it requires FULL authorization.
 */

export class GoogleJsonResponseException extends Error {
  readonly details: { code: number; message: string };
  constructor(method: string, code: number, message: string) {
    super(`API call to ${method} failed with error: ${message}`);
    this.name = 'GoogleJsonResponseException';
    this.details = { code, message };
  }
}

/**
 * The spreadsheet a request's id names: any spreadsheet of the runtime the effective user may open; an id no
 * spreadsheet has is left to the method's own check (404 "Requested entity was not found.").
 */
function targetBook(book: Book, spreadsheetId: unknown, method: string): Book {
  const found = book.bookById(spreadsheetId);
  if (!found) return book;
  if (!found.canAccess(book.ctx.execution.effectiveUser.email))
    throw new GoogleJsonResponseException(method, 403, 'The caller does not have permission');
  return found;
}

function apiCall<T>(method: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ApiError) throw new GoogleJsonResponseException(method, err.code, err.message);
    throw err;
  }
}

export class SheetsSpreadsheets extends GasObject {
  constructor(private readonly book: Book) {
    super(book.ctx);
  }

  /** get(spreadsheetId[, {fields, ranges, includeGridData}]): advanced-sheets-get.ts. */
  get(spreadsheetId: string, optionalArgs?: { fields?: string; ranges?: string[]; includeGridData?: boolean }): Json {
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.get');
    const book = targetBook(this.book, spreadsheetId, 'sheets.spreadsheets.get');
    return apiCall('sheets.spreadsheets.get', () => spreadsheetsGet(book, spreadsheetId, optionalArgs));
  }

  /** batchUpdate({requests}, spreadsheetId): advanced-sheets-batch-update.ts. */
  batchUpdate(resource: { requests?: unknown[] }, spreadsheetId: string): Json {
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.batchUpdate');
    const book = targetBook(this.book, spreadsheetId, 'sheets.spreadsheets.batchUpdate');
    return apiCall('sheets.spreadsheets.batchUpdate', () => spreadsheetsBatchUpdate(book, resource, spreadsheetId));
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
    return valuesGet(
      targetBook(this.book, spreadsheetId, 'sheets.spreadsheets.values.get'),
      spreadsheetId,
      range,
      optionalArgs,
    );
  }
  batchGet(spreadsheetId: string, optionalArgs?: Record<string, unknown>): Record<string, unknown> {
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.Values.batchGet');
    return valuesBatchGet(
      targetBook(this.book, spreadsheetId, 'sheets.spreadsheets.values.batchGet'),
      spreadsheetId,
      optionalArgs,
    );
  }
  update(
    resource: Record<string, unknown>,
    spreadsheetId: string,
    range: string,
    optionalArgs?: Record<string, unknown>,
  ): Record<string, unknown> {
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.Values.update');
    return valuesUpdate(
      targetBook(this.book, spreadsheetId, 'sheets.spreadsheets.values.update'),
      resource,
      spreadsheetId,
      range,
      optionalArgs,
    );
  }
  batchUpdate(resource: Record<string, unknown>, spreadsheetId: string): Record<string, unknown> {
    this.ctx.requireAuth('full', 'Sheets.Spreadsheets.Values.batchUpdate');
    return valuesBatchUpdate(
      targetBook(this.book, spreadsheetId, 'sheets.spreadsheets.values.batchUpdate'),
      resource,
      spreadsheetId,
    );
  }
  append(): never {
    return this._unsupported('append');
  }
  clear(): never {
    return this._unsupported('clear');
  }
}
defineGasClass(SheetsValues, 'Sheets', 'Values');

/** The `Sheets` global: `Sheets.Spreadsheets.get` / `.batchUpdate` and `Sheets.Spreadsheets.Values`. */
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
