import { signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { Book } from './book';
import { ProtectionType } from './enums';
import { findSheet, type ProtectionModel, type Rect, type SheetModel } from './model';
import type { Range } from './range';

/**
 * Protections (docs/apps-script/spreadsheet.md §7). Range.protect() always makes a new one ("creates a new protected range
 * that overlaps the existing one"); Sheet.protect() returns the sheet's existing one. The script runs as the
 * owner, whom protections never block, so writes are not checked against them. Editors are not modelled
 * (addEditor/getEditors throw "not supported").
 */
function rectOf(range: Range): Rect {
  const r0 = range._r0();
  const c0 = range._c0();
  const { form } = range._coords;
  return {
    r0,
    c0,
    r1: form === 'columns' ? null : r0 + range._nr(),
    c1: form === 'rows' ? null : c0 + range._nc(),
  };
}

function create(book: Book, sheet: SheetModel, type: 'RANGE' | 'SHEET', rect: Rect | null): ProtectionModel {
  book.model.counters.protection += 1;
  const model: ProtectionModel = {
    id: book.model.counters.protection,
    type,
    sheetId: sheet.id,
    rect,
    description: '',
    warningOnly: false, // "By default, protected ranges or sheets are not warning-based."
    editors: [],
    unprotected: [],
  };
  book.model.protections.push(model);
  return model;
}

export function newRangeProtection(book: Book, sheet: SheetModel, range: Range): Protection {
  return new Protection(book, create(book, sheet, 'RANGE', rectOf(range)));
}

export function sheetProtection(book: Book, sheet: SheetModel): Protection {
  const existing = book.model.protections.find((p) => p.type === 'SHEET' && p.sheetId === sheet.id);
  return new Protection(book, existing ?? create(book, sheet, 'SHEET', null));
}

/** getProtections(type) on a sheet (sheet = null: the whole spreadsheet). */
export function listProtections(book: Book, sheet: SheetModel | null, type: string): Protection[] {
  return book.model.protections
    .filter((p) => p.type === type && (sheet === null || p.sheetId === sheet.id))
    .map((p) => new Protection(book, p));
}

export function rangeOfRect(book: Book, sheet: SheetModel, rect: Rect): Range {
  const form = rect.r1 === null && rect.r0 === 0 ? 'columns' : rect.c1 === null && rect.c0 === 0 ? 'rows' : 'cells';
  return book.range(sheet, {
    row: rect.r0 + 1,
    col: rect.c0 + 1,
    endRow: rect.r1 === null ? (form === 'columns' ? null : sheet.maxRows) : rect.r1,
    endCol: rect.c1 === null ? (form === 'rows' ? null : sheet.maxColumns) : rect.c1,
    form,
  });
}

export class Protection extends GasObject {
  constructor(
    private readonly book: Book,
    readonly _model: ProtectionModel,
  ) {
    super(book.ctx);
  }
  getProtectionType(): unknown {
    return ProtectionType[this._model.type];
  }
  getRange(): Range | null {
    const sheet = findSheet(this.book.model, this._model.sheetId);
    if (!sheet) return null;
    const rect = this._model.rect ?? { r0: 0, c0: 0, r1: sheet.maxRows, c1: sheet.maxColumns };
    return rangeOfRect(this.book, sheet, rect);
  }
  getDescription(): string {
    return this._model.description;
  }
  setDescription(description: string): Protection {
    this._model.description = String(description ?? '');
    return this;
  }
  isWarningOnly(): boolean {
    return this._model.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): Protection {
    if (typeof warningOnly !== 'boolean')
      throw signatureError([warningOnly], 'SpreadsheetApp.Protection.setWarningOnly');
    this._model.warningOnly = warningOnly;
    return this;
  }
  /** The script's user owns the document, so they can always edit. */
  canEdit(): boolean {
    return true;
  }
  getUnprotectedRanges(): Range[] {
    const sheet = findSheet(this.book.model, this._model.sheetId);
    if (!sheet) return [];
    return this._model.unprotected.map((rect) => rangeOfRect(this.book, sheet, rect));
  }
  setUnprotectedRanges(ranges: Range[]): Protection {
    this._model.unprotected = ranges.map(rectOf);
    return this;
  }
  remove(): void {
    this.book.model.protections = this.book.model.protections.filter((p) => p !== this._model);
  }
}
defineGasClass(Protection, 'SpreadsheetApp', 'Protection');
