import { gasError, signatureError } from '../core/errors';
import { defineGasClass } from '../core/gas-object';
import { normalizeColor } from './colors';
import { addMetadata, metadataOnRange, DeveloperMetadataFinder } from './metadata';
import type { Book } from './book';
import { SheetModel, type AttrKey, type CellAttributes, type ValidationSpec } from './model';
import { copyToCoordinates, copyToPlan, pasteRange } from './range-copy';
import { permuteBlock, sortedOrder, sortKeysOf } from './range-sort';
import { newRangeProtection } from './protection';
import { RangeBase } from './range-base';
import { DataValidation, toSpecValue } from './validation';
import { DEFAULT_NUMBER_FORMAT } from './values';

export type { RangeForm } from './range-base';

/** Defaults Apps Script reports for cells nobody formatted. */
const ATTR_DEFAULTS: { [K in AttrKey]?: CellAttributes[K] } = {
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontColor: '#000000',
  fontSize: 10,
  fontFamily: 'Arial',
  background: '#ffffff',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrap: false,
  note: '',
};

/** A block of cells (DOCS range): formats, validation, protection and metadata; values in range-base.ts. */
export class Range extends RangeBase {
  // ---- per-cell attributes ----

  _getAttr<K extends AttrKey>(key: K, fallback: CellAttributes[K]): CellAttributes[K] {
    return this._sheet.attrAt(key, this._r0(), this._c0()) ?? fallback;
  }

  _getAttrs<K extends AttrKey>(key: K, fallback: CellAttributes[K]): CellAttributes[K][][] {
    const grid = this._sheet.attrs[key] as { get(r: number, c: number): CellAttributes[K] | undefined } | undefined;
    return this._map((r, c) => (grid ? grid.get(r, c) : undefined) ?? fallback);
  }

  _setAttr<K extends AttrKey>(key: K, value: CellAttributes[K] | undefined): void {
    const [r0, c0, nr, nc] = [this._r0(), this._c0(), this._nr(), this._nc()];
    const grid = this._sheet.attr(key);
    if (value === undefined) {
      grid.clear(r0, c0, r0 + nr, c0 + nc);
      return;
    }
    for (let i = 0; i < nr; i++) {
      const row = grid.rowForWrite(r0 + i);
      for (let j = 0; j < nc; j++) row[c0 + j] = value;
    }
  }

  _setAttrMatrix<K extends AttrKey>(
    key: K,
    data: unknown,
    method: string,
    convert: (v: unknown) => CellAttributes[K] | undefined,
  ): void {
    const matrix = this._checkMatrix(data, [data], method);
    const [r0, c0] = [this._r0(), this._c0()];
    const grid = this._sheet.attr(key);
    matrix.forEach((line, i) => line.forEach((v, j) => grid.set(r0 + i, c0 + j, convert(v))));
  }

  getNumberFormat(): string {
    return this._getAttr('numberFormat', DEFAULT_NUMBER_FORMAT);
  }
  getNumberFormats(): string[][] {
    return this._getAttrs('numberFormat', DEFAULT_NUMBER_FORMAT);
  }
  setNumberFormat(format: string): Range {
    this._setAttr('numberFormat', format === null || format === undefined ? undefined : String(format));
    return this;
  }
  setNumberFormats(formats: string[][]): Range {
    this._setAttrMatrix('numberFormat', formats, 'setNumberFormats', (v) =>
      v === null || v === undefined ? undefined : String(v),
    );
    return this;
  }

  getFontWeight(): string {
    return this._getAttr('fontWeight', 'normal');
  }
  getFontWeights(): string[][] {
    return this._getAttrs('fontWeight', 'normal');
  }
  setFontWeight(weight: string | null): Range {
    this._setAttr('fontWeight', weight === null || weight === 'normal' ? undefined : String(weight));
    return this;
  }
  setFontWeights(weights: (string | null)[][]): Range {
    this._setAttrMatrix('fontWeight', weights, 'setFontWeights', (v) =>
      v === null || v === 'normal' ? undefined : String(v),
    );
    return this;
  }
  getFontStyle(): string {
    return this._getAttr('fontStyle', 'normal');
  }
  setFontStyle(style: string | null): Range {
    this._setAttr('fontStyle', style === null || style === 'normal' ? undefined : String(style));
    return this;
  }
  getFontSize(): number {
    return this._getAttr('fontSize', 10);
  }
  setFontSize(size: number): Range {
    this._setAttr('fontSize', size === null ? undefined : Number(size));
    return this;
  }
  getFontFamily(): string {
    return this._getAttr('fontFamily', 'Arial');
  }
  setFontFamily(family: string | null): Range {
    this._setAttr('fontFamily', family === null ? undefined : String(family));
    return this;
  }
  getFontColor(): string {
    return this._getAttr('fontColor', ATTR_DEFAULTS.fontColor as string);
  }
  setFontColor(color: string | null): Range {
    this._setAttr('fontColor', normalizeColor(color) ?? undefined);
    return this;
  }
  setFontColors(colors: (string | null)[][]): Range {
    this._setAttrMatrix('fontColor', colors, 'setFontColors', (v) => normalizeColor(v as string | null) ?? undefined);
    return this;
  }
  getFontColors(): string[][] {
    return this._getAttrs('fontColor', '#000000');
  }
  getBackground(): string {
    return this._getAttr('background', '#ffffff');
  }
  getBackgrounds(): string[][] {
    return this._getAttrs('background', '#ffffff');
  }
  setBackground(color: string | null): Range {
    this._setAttr('background', normalizeColor(color) ?? undefined);
    return this;
  }
  setBackgrounds(colors: (string | null)[][]): Range {
    this._setAttrMatrix('background', colors, 'setBackgrounds', (v) => normalizeColor(v as string | null) ?? undefined);
    return this;
  }
  getHorizontalAlignment(): string {
    return this._getAttr('horizontalAlignment', 'general');
  }
  setHorizontalAlignment(alignment: string | null): Range {
    this._setAttr('horizontalAlignment', alignment === null ? undefined : String(alignment).toLowerCase());
    return this;
  }
  getVerticalAlignment(): string {
    return this._getAttr('verticalAlignment', 'bottom');
  }
  setVerticalAlignment(alignment: string | null): Range {
    this._setAttr('verticalAlignment', alignment === null ? undefined : String(alignment).toLowerCase());
    return this;
  }
  getWrap(): boolean {
    return this._getAttr('wrap', false);
  }
  setWrap(wrap: boolean): Range {
    this._setAttr('wrap', wrap ? true : undefined);
    return this;
  }
  getNote(): string {
    return this._getAttr('note', '');
  }
  getNotes(): string[][] {
    return this._getAttrs('note', '');
  }
  setNote(note: string | null): Range {
    this._setAttr('note', note === null || note === '' || note === undefined ? undefined : String(note));
    return this;
  }
  setNotes(notes: (string | null)[][]): Range {
    this._setAttrMatrix('note', notes, 'setNotes', (v) =>
      v === null || v === '' || v === undefined ? undefined : String(v),
    );
    return this;
  }

  // ---- data validation ----

  getDataValidation(): DataValidation | null {
    const spec = this._sheet.attrAt('validation', this._r0(), this._c0());
    return spec ? new DataValidation(this.book, spec) : null;
  }
  getDataValidations(): (DataValidation | null)[][] {
    const grid = this._sheet.attrs.validation;
    return this._map((r, c) => {
      const spec = grid?.get(r, c);
      return spec ? new DataValidation(this.book, spec) : null;
    });
  }
  setDataValidation(rule: DataValidation | null): Range {
    if (rule !== null && !(rule instanceof DataValidation))
      throw signatureError([rule], 'SpreadsheetApp.Range.setDataValidation');
    this._setAttr('validation', rule ? rule._spec : undefined);
    return this;
  }
  setDataValidations(rules: (DataValidation | null)[][]): Range {
    this._setAttrMatrix('validation', rules, 'setDataValidations', (v) =>
      v instanceof DataValidation ? v._spec : undefined,
    );
    return this;
  }

  /**
   * insertCheckboxes(), (checked), (checked, unchecked) (DOCS range#insertCheckboxes): a CHECKBOX rule whose
   * getCriteriaValues() are [], [checked] or [checked, unchecked]; every cell is then set to false, to '' (the
   * unchecked state of a one-value checkbox) or to the unchecked value.
   */
  insertCheckboxes(...args: unknown[]): Range {
    if (args.length > 2) throw signatureError(args, 'SpreadsheetApp.Range.insertCheckboxes');
    // The rule rejects other values (allowInvalid=false): the stricter reading, UNCONFIRMED.
    const spec: ValidationSpec = {
      criteria: 'CHECKBOX',
      values: args.map((v) => toSpecValue(this.ctx, v)),
      allowInvalid: false,
      helpText: null,
    };
    this._setAttr('validation', spec);
    if (args.length === 0) this._write(() => false);
    else if (args.length === 1) this._write(() => undefined);
    else this._write((_i, _j, fmt) => this.book.fromScript(args[1], fmt));
    return this;
  }

  // ---- copying (range-copy.ts) ----

  /**
   * copyTo(destination), (destination, copyPasteType, transposed), (destination, {contentsOnly, formatOnly}):
   * pasted at the destination's top-left, repeated over a larger destination; same spreadsheet only.
   */
  copyTo(...args: unknown[]): void {
    const { plan, transposed } = copyToPlan(args, (v) => v instanceof Range);
    const dest = args[0] as Range;
    if (dest.book !== this.book) throw gasError('Target range and source range must be on the same spreadsheet.');
    pasteRange(this.book, this, dest._sheet, dest._r0(), dest._c0(), dest._nr(), dest._nc(), plan, transposed);
  }
  /** copyValuesToRange(sheet | gridId, column, columnEnd, row, rowEnd). */
  copyValuesToRange(...args: unknown[]): void {
    copyToCoordinates(this.book, this, args, 'copyValuesToRange', sheetModelOf, bookOfSheet);
  }
  /** copyFormatToRange(sheet | gridId, column, columnEnd, row, rowEnd). */
  copyFormatToRange(...args: unknown[]): void {
    copyToCoordinates(this.book, this, args, 'copyFormatToRange', sheetModelOf, bookOfSheet);
  }

  // ---- sorting (range-sort.ts) ----

  /**
   * sort(sortSpecObj): a column number, {column, ascending}, or an array of them (columns are the sheet's).
   * Only this range's cells move, formats and rules with them; frozen rows inside the range are sorted too.
   */
  sort(...args: unknown[]): Range {
    const [c0, nc] = [this._c0(), this._nc()];
    const keys = sortKeysOf(args[0], args, c0 + 1, c0 + nc);
    const [r0, nr] = [this._r0(), this._nr()];
    const order = sortedOrder(this._sheet, r0, r0 + nr, c0, c0 + nc, keys);
    permuteBlock(this._sheet, r0, c0, c0 + nc, order);
    this.ctx.meter.recordCells(0, nr * nc);
    return this;
  }

  // ---- protection and metadata ----

  protect(): unknown {
    return newRangeProtection(this.book, this._sheet, this);
  }

  getDeveloperMetadata(): unknown[] {
    return metadataOnRange(this.book, this);
  }

  /** Overloads: (key), (key, visibility), (key, value), (key, value, visibility). */
  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): Range {
    addMetadata(
      this.book,
      { kind: 'range', range: this },
      [key, valueOrVisibility, visibility].slice(0, arguments.length),
    );
    return this;
  }

  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return new DeveloperMetadataFinder(this.book, { kind: 'range', range: this });
  }
}
defineGasClass(Range, 'SpreadsheetApp', 'Range');

function sheetModelOf(value: unknown): SheetModel | null {
  const model = (value as { _model?: unknown } | null)?._model;
  return model instanceof SheetModel ? model : null;
}

function bookOfSheet(value: unknown): Book | null {
  return ((value as { book?: Book } | null)?.book as Book | undefined) ?? null;
}
