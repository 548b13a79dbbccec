import { notSupported, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { Book } from './book';
import { ConditionalFormatRuleBuilder } from './conditional-format';
import * as enums from './enums';
import { Range } from './range';
import type { Sheet } from './sheet';
import { activeRangeOf, currentCellOf, Selection, setActiveSheetModel, type Spreadsheet } from './spreadsheet';
import { DataValidationBuilder } from './validation';

/**
 * The SpreadsheetApp global. Document access needs an auth mode that may read the document
 * (`ctx.requireAuth('document')`: onOpen in AuthMode.NONE cannot read the workbook); getUi() and the
 * builders work in every mode (menus are built in NONE). Only the bound spreadsheet exists.
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
  /** Only the bound document exists locally; any other id is "not supported". */
  openById(id: string): Spreadsheet {
    const doc = this._doc('openById');
    if (id !== this.book.model.id)
      throw notSupported(`SpreadsheetApp.openById("${id}") of a document other than the bound one`);
    return doc;
  }
  openByUrl(url: string): Spreadsheet {
    const doc = this._doc('openByUrl');
    if (!String(url).includes(this.book.model.id))
      throw notSupported('SpreadsheetApp.openByUrl of a document other than the bound one');
    return doc;
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
