import { gasError, notSupported, signatureError } from '../core/errors';
import { checkFindText, TextFinder } from './text-finder';
import { defineGasClass, GasObject } from '../core/gas-object';
import { isValidTimeZone } from '../core/timezone';
import { User } from '../services/session';
import type { Book } from './book';
import { enumKey } from './enums';
import { addMetadata, DeveloperMetadata, DeveloperMetadataFinder } from './metadata';
import { NEW_SHEET_COLUMNS, NEW_SHEET_ROWS, nextSheetId, SheetModel, type NamedRangeModel } from './model';
import { listProtections, rangeOfRect, type Protection } from './protection';
import { Range } from './range';
import type { Sheet } from './sheet';
import { appendRowTo, checkSheetName, dataRange, lastColumnWithContent, lastRowWithContent } from './sheet-ops';
import { checkGrowth } from './structure';

/**
 * The one bound spreadsheet (DOCS spreadsheet). Sheet-level conveniences (getDataRange, appendRow…) act on
 * the active sheet, as in Apps Script.
 */

/** Named-range names (docs/apps-script/filter-views-and-charts.md §7; rules UNCONFIRMED, the facts file's suggested regex). */
const NAMED_RANGE_NAME = /^(?!(true|false)$)(?![A-Za-z]{1,3}\d+$)(?![Rr]\d*[Cc]\d*$)[A-Za-z_][A-Za-z0-9_]{0,249}$/i;

export function activeRangeOf(book: Book): Range | null {
  const ar = book.model.activeRange;
  if (!ar) return null;
  const sheet = book.sheetById(ar.sheetId);
  if (!sheet) return null;
  return book.range(sheet, { row: ar.r0 + 1, col: ar.c0 + 1, endRow: ar.r1, endCol: ar.c1, form: 'cells' });
}

/** The current cell is the top-left of the selection (A1 of the active sheet when nothing is selected). */
export function currentCellOf(book: Book): Range {
  const ar = book.model.activeRange;
  const sheet = (ar && book.sheetById(ar.sheetId)) || book.activeSheetModel();
  const row = ar ? ar.r0 + 1 : 1;
  const col = ar ? ar.c0 + 1 : 1;
  return book.range(sheet, { row, col, endRow: row, endCol: col, form: 'cells' });
}

export function setActiveSheetModel(book: Book, sheet: unknown, method: string): Sheet {
  const model = (sheet as { _model?: unknown } | null)?._model;
  if (!(model instanceof SheetModel)) throw signatureError([sheet], method);
  book.model.activeSheetId = model.id;
  if (book.model.activeRange?.sheetId !== model.id) book.model.activeRange = null;
  return book.sheet(model);
}

export class Spreadsheet extends GasObject {
  constructor(private readonly book: Book) {
    super(book.ctx);
  }

  getId(): string {
    return this.book.model.id;
  }
  getName(): string {
    return this.book.model.name;
  }
  rename(newName: string): void {
    this.book.model.name = String(newName);
  }
  getUrl(): string {
    return this.book.model.url;
  }

  // ---- sharing (spreadsheets made with SpreadsheetApp.create; the bound document's sharing is not modelled) ----

  _access(method: string): { owner: string; editors: string[] } {
    const access = this.book.model.access;
    if (!access) throw notSupported(`Spreadsheet.${method} on the bound document (its sharing is not modelled)`);
    return access;
  }
  /** addEditor(emailAddress | user): the user may then open it (openById) and edit it. */
  addEditor(emailAddress: unknown): Spreadsheet {
    const email = emailOf(emailAddress, [emailAddress], 'addEditor');
    const access = this._access('addEditor');
    if (!access.editors.includes(email) && email !== access.owner) access.editors.push(email);
    return this;
  }
  addEditors(emailAddresses: unknown): Spreadsheet {
    if (!Array.isArray(emailAddresses)) throw signatureError([emailAddresses], 'SpreadsheetApp.Spreadsheet.addEditors');
    const access = this._access('addEditors');
    for (const e of emailAddresses) {
      const email = emailOf(e, [emailAddresses], 'addEditors');
      if (!access.editors.includes(email) && email !== access.owner) access.editors.push(email);
    }
    return this;
  }
  removeEditor(emailAddress: unknown): Spreadsheet {
    const email = emailOf(emailAddress, [emailAddress], 'removeEditor');
    const access = this._access('removeEditor');
    access.editors = access.editors.filter((e) => e !== email);
    return this;
  }
  /** getEditors(): the owner and the editors, as Users (DOCS: "Gets the list of editors for this Spreadsheet"). */
  getEditors(): User[] {
    const access = this._access('getEditors');
    return [access.owner, ...access.editors].map((email) => new User(this.ctx, email));
  }

  getSpreadsheetTimeZone(): string {
    return this.book.model.timeZone;
  }
  setSpreadsheetTimeZone(timeZone: string): void {
    // UNCONFIRMED wording for an unknown zone.
    if (!isValidTimeZone(timeZone)) throw gasError(`Invalid argument: ${timeZone}`);
    this.book.model.timeZone = timeZone;
  }
  getSpreadsheetLocale(): string {
    return this.book.model.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.book.model.locale = String(locale);
  }

  // ---- sheets ----

  createTextFinder(findText: unknown): TextFinder {
    const text = checkFindText(findText, 'SpreadsheetApp.Spreadsheet.createTextFinder');
    const scopes = this.book.model.sheets.map((m) => ({
      sheet: m,
      row: 1,
      col: 1,
      endRow: m.maxRows,
      endCol: m.maxColumns,
    }));
    return new TextFinder(this.book, scopes, text);
  }

  getSheets(): Sheet[] {
    return this.book.model.sheets.map((s) => this.book.sheet(s));
  }
  getNumSheets(): number {
    return this.book.model.sheets.length;
  }
  /** null when missing (DOCS). */
  getSheetByName(name: string): Sheet | null {
    const model = this.book.sheetByName(String(name));
    return model ? this.book.sheet(model) : null;
  }
  getSheetById(id: number): Sheet | null {
    const model = this.book.sheetById(Number(id));
    return model ? this.book.sheet(model) : null;
  }

  /**
   * insertSheet(), (sheetIndex), (sheetName), (sheetName, sheetIndex): a 1000×26 sheet that becomes the active
   * sheet (DOCS). Default names "Sheet2", "Sheet3"…; without an index it goes last (UNCONFIRMED position).
   * sheetIndex is 0-based ("To insert a sheet as the first one… set it to 0").
   */
  insertSheet(...args: unknown[]): Sheet {
    if (args.some((a) => a !== null && typeof a === 'object')) {
      throw notSupported('Spreadsheet.insertSheet with options (templates)');
    }
    let name: string | null = null;
    let index: number | null = null;
    if (typeof args[0] === 'string') {
      name = args[0];
      if (typeof args[1] === 'number') index = args[1];
    } else if (typeof args[0] === 'number') {
      index = args[0];
    } else if (args.length > 0 && args[0] !== undefined) {
      throw signatureError(args, 'SpreadsheetApp.Spreadsheet.insertSheet');
    }
    const wb = this.book.model;
    if (name === null) {
      let n = wb.sheets.length + 1;
      while (wb.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    checkSheetName(this.book, name, null);
    checkGrowth(wb, NEW_SHEET_ROWS * NEW_SHEET_COLUMNS);
    const sheet = new SheetModel(nextSheetId(wb), name, NEW_SHEET_ROWS, NEW_SHEET_COLUMNS);
    const at = index === null ? wb.sheets.length : Math.max(0, Math.min(wb.sheets.length, Math.floor(index)));
    wb.sheets.splice(at, 0, sheet);
    wb.activeSheetId = sheet.id;
    wb.activeRange = null;
    return this.book.sheet(sheet);
  }

  deleteSheet(sheet: Sheet): void {
    const model = (sheet as unknown as { _model?: unknown })?._model;
    if (!(model instanceof SheetModel)) throw signatureError([sheet], 'SpreadsheetApp.Spreadsheet.deleteSheet');
    const wb = this.book.model;
    if (wb.sheets.length <= 1) throw gasError("You can't remove all the sheets in a document.");
    const index = wb.sheets.indexOf(model);
    if (index < 0) return;
    wb.sheets.splice(index, 1);
    wb.metadata = wb.metadata.filter((m) => m.location.type === 'SPREADSHEET' || m.location.sheetId !== model.id);
    wb.protections = wb.protections.filter((p) => p.sheetId !== model.id);
    wb.namedRanges = wb.namedRanges.filter((n) => n.sheetId !== model.id);
    if (wb.activeSheetId === model.id) {
      wb.activeSheetId = (wb.sheets[Math.max(0, index - 1)] as SheetModel).id;
      wb.activeRange = null;
    }
  }

  getActiveSheet(): Sheet {
    return this.book.sheet(this.book.activeSheetModel());
  }
  setActiveSheet(sheet: Sheet): Sheet {
    return setActiveSheetModel(this.book, sheet, 'SpreadsheetApp.Spreadsheet.setActiveSheet');
  }
  getActiveRange(): Range | null {
    return activeRangeOf(this.book);
  }
  getActiveCell(): Range {
    return currentCellOf(this.book);
  }
  getCurrentCell(): Range {
    return currentCellOf(this.book);
  }
  setActiveRange(range: Range): Range {
    if (!(range instanceof Range)) throw signatureError([range], 'SpreadsheetApp.Spreadsheet.setActiveRange');
    range._activate();
    return range;
  }
  setActiveSelection(range: Range | string): Range {
    const target = typeof range === 'string' ? this.book.rangeFromA1(this.book.activeSheetModel(), range) : range;
    if (!(target instanceof Range)) throw signatureError([range], 'SpreadsheetApp.Spreadsheet.setActiveSelection');
    target._activate();
    return target;
  }
  getSelection(): Selection {
    return new Selection(this.book);
  }

  /** getRange("Sheet!A1:B2"); without a sheet name, the active sheet. */
  getRange(a1Notation: string): Range {
    if (typeof a1Notation !== 'string') throw signatureError([a1Notation], 'SpreadsheetApp.Spreadsheet.getRange');
    return this.book.rangeFromA1(this.book.activeSheetModel(), a1Notation);
  }
  getDataRange(): Range {
    return dataRange(this.book, this.book.activeSheetModel());
  }
  getLastRow(): number {
    return lastRowWithContent(this.book.activeSheetModel());
  }
  getLastColumn(): number {
    return lastColumnWithContent(this.book.activeSheetModel());
  }
  appendRow(rowContents: unknown[]): Sheet {
    const sheet = this.book.activeSheetModel();
    appendRowTo(this.book, sheet, rowContents);
    return this.book.sheet(sheet);
  }

  /** toast(msg[, title[, timeoutSeconds]]): recorded for the playground and tests (default 5 s). */
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.book.model.toasts.push({
      message: String(msg),
      title: title === undefined || title === null ? '' : String(title),
      timeoutSeconds: timeoutSeconds === undefined || timeoutSeconds === null ? 5 : Number(timeoutSeconds),
      atMs: this.ctx.now(),
    });
  }

  // ---- named ranges ----

  /** setNamedRange(name, range): an existing name is re-pointed (UNCONFIRMED; §7 suggests validation). */
  setNamedRange(name: string, range: Range): void {
    if (typeof name !== 'string' || !(range instanceof Range))
      throw signatureError([name, range], 'SpreadsheetApp.Spreadsheet.setNamedRange');
    if (!NAMED_RANGE_NAME.test(name)) throw gasError(`The name "${name}" is not a valid name for a named range.`);
    upsertNamedRange(this.book, name, range);
  }
  getRangeByName(name: string): Range | null {
    const named = this.book.model.namedRanges.find((n) => n.name.toLowerCase() === String(name).toLowerCase());
    if (!named) return null;
    const sheet = this.book.sheetById(named.sheetId);
    return sheet ? rangeOfRect(this.book, sheet, named.rect) : null;
  }
  getNamedRanges(): NamedRange[] {
    return this.book.model.namedRanges.map((n) => new NamedRange(this.book, n));
  }
  removeNamedRange(name: string): void {
    this.book.model.namedRanges = this.book.model.namedRanges.filter(
      (n) => n.name.toLowerCase() !== String(name).toLowerCase(),
    );
  }

  // ---- metadata and protection ----

  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): Spreadsheet {
    addMetadata(this.book, { kind: 'spreadsheet' }, [key, valueOrVisibility, visibility].slice(0, arguments.length));
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this.book.model.metadata
      .filter((m) => m.location.type === 'SPREADSHEET')
      .map((m) => new DeveloperMetadata(this.book, m));
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return new DeveloperMetadataFinder(this.book, { kind: 'spreadsheet' });
  }
  getProtections(type: unknown): Protection[] {
    return listProtections(this.book, null, enumKey(type));
  }
}
defineGasClass(Spreadsheet, 'SpreadsheetApp', 'Spreadsheet');

function emailOf(value: unknown, args: unknown[], method: string): string {
  if (typeof value === 'string') return value;
  // The User's own field, not getEmail(): one script call is one metered call.
  if (value instanceof User) return (value as unknown as { email: string }).email;
  throw signatureError(args, `SpreadsheetApp.Spreadsheet.${method}`);
}

function upsertNamedRange(book: Book, name: string, range: Range): NamedRangeModel {
  const rect = {
    r0: range._r0(),
    c0: range._c0(),
    r1: range._coords.form === 'columns' ? null : range._r0() + range._nr(),
    c1: range._coords.form === 'rows' ? null : range._c0() + range._nc(),
  };
  const existing = book.model.namedRanges.find((n) => n.name.toLowerCase() === name.toLowerCase());
  if (existing) {
    existing.sheetId = range._sheet.id;
    existing.rect = rect;
    return existing;
  }
  book.model.counters.namedRange += 1;
  const model: NamedRangeModel = { id: `nr${book.model.counters.namedRange}`, name, sheetId: range._sheet.id, rect };
  book.model.namedRanges.push(model);
  return model;
}

export class NamedRange extends GasObject {
  constructor(
    private readonly book: Book,
    private readonly model: NamedRangeModel,
  ) {
    super(book.ctx);
  }
  getName(): string {
    return this.model.name;
  }
  setName(name: string): NamedRange {
    if (!NAMED_RANGE_NAME.test(name)) throw gasError(`The name "${name}" is not a valid name for a named range.`);
    this.model.name = name;
    return this;
  }
  getRange(): Range | null {
    const sheet = this.book.sheetById(this.model.sheetId);
    return sheet ? rangeOfRect(this.book, sheet, this.model.rect) : null;
  }
  setRange(range: Range): NamedRange {
    this.model.sheetId = range._sheet.id;
    this.model.rect = {
      r0: range._r0(),
      c0: range._c0(),
      r1: range._r0() + range._nr(),
      c1: range._c0() + range._nc(),
    };
    return this;
  }
  remove(): void {
    this.book.model.namedRanges = this.book.model.namedRanges.filter((n) => n !== this.model);
  }
}
defineGasClass(NamedRange, 'SpreadsheetApp', 'NamedRange');

export class Selection extends GasObject {
  constructor(private readonly book: Book) {
    super(book.ctx);
  }
  getActiveRange(): Range | null {
    return activeRangeOf(this.book);
  }
  getCurrentCell(): Range | null {
    return this.book.model.activeRange ? currentCellOf(this.book) : null;
  }
  getActiveSheet(): Sheet {
    return this.book.sheet(this.book.activeSheetModel());
  }
}
defineGasClass(Selection, 'SpreadsheetApp', 'Selection');
