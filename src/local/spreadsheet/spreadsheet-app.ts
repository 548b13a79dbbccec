import { gasError, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import { MAX_COLUMNS } from './a1';
import type { Book } from './book';
import type { SpreadsheetDrive } from './drive';
import { MAX_WORKBOOK_CELLS, NEW_SHEET_COLUMNS, NEW_SHEET_ROWS } from './model';
import { cellLimitError } from './structure';
import { ConditionalFormatRuleBuilder } from './conditional-format';
import * as enums from './enums';
import { Range } from './range';
import type { Sheet } from './sheet';
import { activeRangeOf, currentCellOf, Selection, setActiveSheetModel, type Spreadsheet } from './spreadsheet';
import { DataValidationBuilder } from './validation';

/**
 * The SpreadsheetApp global. Document access needs an auth mode that may read the document
 * (`ctx.requireAuth('document')`: onOpen in AuthMode.NONE cannot read the workbook); getUi() and the
 * builders work in every mode (menus are built in NONE). Other spreadsheets of the runtime (drive.ts) are made
 * with create and opened with openById/openByUrl.
 */
export class SpreadsheetAppService extends GasObject {
  readonly DataValidationCriteria = enums.DataValidationCriteria;
  readonly BooleanCriteria = enums.BooleanCriteria;
  readonly RelativeDate = enums.RelativeDate;
  readonly ProtectionType = enums.ProtectionType;
  readonly DeveloperMetadataVisibility = enums.DeveloperMetadataVisibility;
  readonly DeveloperMetadataLocationType = enums.DeveloperMetadataLocationType;
  readonly Dimension = enums.Dimension;
  readonly ColorType = enums.ColorType;
  readonly WrapStrategy = enums.WrapStrategy;
  readonly SheetType = enums.SheetType;
  readonly CopyPasteType = enums.CopyPasteType;
  readonly AutoFillSeries = enums.AutoFillSeries;
  readonly Direction = enums.Direction;

  constructor(
    private readonly book: Book,
    private readonly uiProvider: () => object,
    private readonly drive: SpreadsheetDrive,
  ) {
    super(book.ctx);
  }

  private _doc(method: string): Spreadsheet {
    this.ctx.requireAuth('document', `SpreadsheetApp.${method}`);
    return this.book.spreadsheet();
  }

  getActiveSpreadsheet(): Spreadsheet {
    return this._doc('getActiveSpreadsheet');
  }
  getActive(): Spreadsheet {
    return this._doc('getActive');
  }
  getActiveSheet(): Sheet {
    this._doc('getActiveSheet');
    return this.book.sheet(this.book.activeSheetModel());
  }
  getActiveRange(): Range | null {
    this._doc('getActiveRange');
    return activeRangeOf(this.book);
  }
  getCurrentCell(): Range {
    this._doc('getCurrentCell');
    return currentCellOf(this.book);
  }
  getSelection(): Selection {
    this._doc('getSelection');
    return new Selection(this.book);
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this._doc('setActiveSheet');
    return setActiveSheetModel(this.book, sheet, 'SpreadsheetApp.setActiveSheet');
  }
  setActiveRange(range: Range): Range {
    this._doc('setActiveRange');
    if (!(range instanceof Range)) throw signatureError([range], 'SpreadsheetApp.setActiveRange');
    range._activate();
    return range;
  }
  /**
   * openById(id): any spreadsheet of the runtime the effective user may open (docs/apps-script-behaviour.md,
   * "Several spreadsheets"). An unknown id fails with Apps Script's generic text; one the user may not open
   * with the Drive permission text. Opening another document needs the full spreadsheets scope.
   */
  openById(...args: unknown[]): Spreadsheet {
    const [id] = args;
    if (args.length !== 1 || id === undefined || id === null) throw signatureError(args, 'SpreadsheetApp.openById');
    return this._open(String(id), 'openById');
  }

  /**
   * openByUrl(url): the id is taken from ".../spreadsheets/d/<id>/..." (a slash must follow the id) or the
   * older ".../spreadsheet/ccc?key=<id>"; any other text fails with "Invalid argument: url".
   */
  openByUrl(...args: unknown[]): Spreadsheet {
    const [url] = args;
    if (args.length !== 1 || url === undefined || url === null) throw signatureError(args, 'SpreadsheetApp.openByUrl');
    const id = spreadsheetIdOfUrl(String(url));
    if (id === null) {
      this.ctx.requireAuth('full', 'SpreadsheetApp.openByUrl');
      throw gasError('Invalid argument: url');
    }
    return this._open(id, 'openByUrl');
  }

  _open(id: string, method: 'openById' | 'openByUrl'): Spreadsheet {
    this.ctx.requireAuth('full', `SpreadsheetApp.${method}`);
    const target = this.book.bookById(id);
    if (!target)
      throw gasError(`Unexpected error while getting the method or property ${method} on object SpreadsheetApp.`);
    if (!target.canAccess(this.ctx.execution.effectiveUser.email))
      throw gasError('You do not have permission to access the requested document.');
    return target.spreadsheet();
  }

  /**
   * create(name[, rows, columns]): a new spreadsheet owned by the effective user, with one sheet of
   * rows × columns (default 1000 × 26), not made active. The grid counts against that spreadsheet's own
   * 10 M-cell limit.
   */
  create(...args: unknown[]): Spreadsheet {
    const [name, rows, columns] = args;
    if (args.length !== 1 && args.length !== 3) throw signatureError(args, 'SpreadsheetApp.create');
    if (typeof name !== 'string') throw signatureError(args, 'SpreadsheetApp.create');
    if (args.length === 3 && (typeof rows !== 'number' || typeof columns !== 'number'))
      throw signatureError(args, 'SpreadsheetApp.create');
    this.ctx.requireAuth('full', 'SpreadsheetApp.create');
    const nr = typeof rows === 'number' ? Math.floor(rows) : NEW_SHEET_ROWS;
    const nc = typeof columns === 'number' ? Math.floor(columns) : NEW_SHEET_COLUMNS;
    // Texts for a bad size are UNCONFIRMED (the Invalid-argument form Apps Script uses for url).
    if (!(nr >= 1)) throw gasError('Invalid argument: rows');
    if (!(nc >= 1) || nc > MAX_COLUMNS) throw gasError('Invalid argument: columns');
    if (nr * nc > MAX_WORKBOOK_CELLS) throw cellLimitError();
    const book = this.drive.create(name, nr, nc, this.ctx.execution.effectiveUser.email);
    return book.spreadsheet();
  }

  /** Writes are applied at once locally, so there is nothing to flush. */
  flush(): void {
    /* intentionally empty */
  }
  getUi(): object {
    return this.uiProvider();
  }
  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder(this.book);
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this.book);
  }
}
defineGasClass(SpreadsheetAppService, 'SpreadsheetApp', 'SpreadsheetApp');

/** The spreadsheet id in a URL openByUrl accepts, or null ("Invalid argument: url"). */
export function spreadsheetIdOfUrl(url: string): string | null {
  const modern = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([A-Za-z0-9_-]+)\//.exec(url);
  if (modern) return modern[1] as string;
  const legacy = /^https:\/\/docs\.google\.com\/spreadsheet\/ccc\?(?:[^#]*&)?key=([A-Za-z0-9_-]+)/.exec(url);
  return legacy ? (legacy[1] as string) : null;
}
