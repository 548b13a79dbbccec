import { gasError, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import { cellA1, columnToLetters } from './a1';
import type { Book, RangeCoords } from './book';
import { RangeRef, type AttrKey, type SheetModel } from './model';
import type { Range } from './range';
import { passesValidation, validationErrorText } from './validation';
import { checkFindText, TextFinder } from './text-finder';
import { formatDisplay, FormulaCell, type CellValue } from './values';

/** How the range was addressed: "D:F" (whole columns) and "5:7" (whole rows) keep that A1 form. */
export type RangeForm = 'cells' | 'columns' | 'rows';

type Stored = Exclude<CellValue, null>;

/**
 * The geometry, values and clearing half of Range (DOCS range); range.ts adds formats, validation,
 * protection and metadata. Both halves are registered as "Range" for the meter.
 * Coordinates are fixed when the Range is made; whole-row/column forms stay open-ended so "D:F" covers
 * rows added later.
 */
export abstract class RangeBase extends GasObject {
  constructor(
    protected readonly book: Book,
    readonly _sheet: SheetModel,
    readonly _coords: RangeCoords,
  ) {
    super(book.ctx);
  }

  _r0(): number {
    return this._coords.row - 1;
  }
  _c0(): number {
    return this._coords.col - 1;
  }
  _nr(): number {
    return (this._coords.endRow ?? this._sheet.maxRows) - this._coords.row + 1;
  }
  _nc(): number {
    return (this._coords.endCol ?? this._sheet.maxColumns) - this._coords.col + 1;
  }
  _ref(): RangeRef {
    return new RangeRef(this._sheet.id, this._coords.row, this._coords.col, this._nr(), this._nc());
  }

  _a1(): string {
    const { row, col, form } = this._coords;
    const endRow = row + this._nr() - 1;
    const endCol = col + this._nc() - 1;
    if (form === 'columns') return `${columnToLetters(col)}:${columnToLetters(endCol)}`;
    if (form === 'rows') return `${row}:${endRow}`;
    if (endRow === row && endCol === col) return cellA1(row, col);
    return `${cellA1(row, col)}:${cellA1(endRow, endCol)}`;
  }

  // ---- values ----

  getValue(): unknown {
    this.ctx.meter.recordCells(1, 0);
    return this.book.toScript(this._sheet.values.get(this._r0(), this._c0()));
  }

  getValues(): unknown[][] {
    const [r0, c0, nr, nc] = [this._r0(), this._c0(), this._nr(), this._nc()];
    this.ctx.meter.recordCells(nr * nc, 0);
    const rows = this._sheet.values.rows;
    const out: unknown[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const row = rows[r0 + i];
      const line: unknown[] = new Array(nc);
      if (row === undefined) {
        line.fill('');
      } else {
        for (let j = 0; j < nc; j++) {
          const v = row[c0 + j];
          line[j] = v === undefined ? '' : typeof v === 'object' ? this.book.toScript(v) : v;
        }
      }
      out[i] = line;
    }
    return out;
  }

  getDisplayValue(): string {
    this.ctx.meter.recordCells(1, 0);
    return this._display(this._r0(), this._c0());
  }

  getDisplayValues(): string[][] {
    this.ctx.meter.recordCells(this._nr() * this._nc(), 0);
    return this._map((r, c) => this._display(r, c));
  }

  _display(r: number, c: number): string {
    const { timeZone, locale } = this.book.model;
    return formatDisplay(
      this._sheet.values.get(r, c) ?? null,
      this._sheet.attrAt('numberFormat', r, c) ?? null,
      timeZone,
      locale,
    );
  }

  _map<T>(fn: (r: number, c: number) => T): T[][] {
    const [r0, c0, nr, nc] = [this._r0(), this._c0(), this._nr(), this._nc()];
    const out: T[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const line: T[] = new Array(nc);
      for (let j = 0; j < nc; j++) line[j] = fn(r0 + i, c0 + j);
      out[i] = line;
    }
    return out;
  }

  /** §1: rows are checked before columns (order UNCONFIRMED); N is the offending row's length. */
  _checkMatrix(data: unknown, args: unknown[], method: string): unknown[][] {
    if (!Array.isArray(data)) throw signatureError(args, `SpreadsheetApp.Range.${method}`);
    const nr = this._nr();
    const nc = this._nc();
    if (data.length !== nr) {
      throw gasError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${nr}.`,
      );
    }
    for (const row of data as unknown[]) {
      if (!Array.isArray(row)) throw signatureError(args, `SpreadsheetApp.Range.${method}`);
      if (row.length !== nc) {
        throw gasError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${nc}.`,
        );
      }
    }
    return data as unknown[][];
  }

  /** Parses, validates (all cells first, so a rejected write changes nothing), then stores. */
  _write(produce: (i: number, j: number, numberFormat: string | undefined) => Stored | undefined): void {
    const [r0, c0, nr, nc] = [this._r0(), this._c0(), this._nr(), this._nc()];
    const formats = this._sheet.attrs.numberFormat;
    const validations = this._sheet.attrs.validation;
    const parsed: (Stored | undefined)[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const line: (Stored | undefined)[] = new Array(nc);
      for (let j = 0; j < nc; j++) line[j] = produce(i, j, formats ? formats.get(r0 + i, c0 + j) : undefined);
      parsed[i] = line;
    }
    if (validations) {
      for (let i = 0; i < nr; i++) {
        for (let j = 0; j < nc; j++) {
          const spec = validations.get(r0 + i, c0 + j);
          if (spec && !spec.allowInvalid && !passesValidation(this.book, spec, (parsed[i] as Stored[])[j])) {
            throw gasError(validationErrorText(cellA1(r0 + i + 1, c0 + j + 1)));
          }
        }
      }
    }
    const grid = this._sheet.values;
    for (let i = 0; i < nr; i++) {
      const line = parsed[i] as (Stored | undefined)[];
      const row = grid.rowForWrite(r0 + i);
      for (let j = 0; j < nc; j++) {
        const v = line[j];
        if (v === undefined) delete row[c0 + j];
        else row[c0 + j] = v;
      }
    }
    this.ctx.meter.recordCells(0, nr * nc);
  }

  setValue(value: unknown): this {
    this._write((_i, _j, fmt) => this.book.fromScript(value, fmt));
    return this;
  }

  setValues(values: unknown[][]): this {
    const data = this._checkMatrix(values, [values], 'setValues');
    this._write((i, j, fmt) => this.book.fromScript((data[i] as unknown[])[j], fmt));
    return this;
  }

  getFormula(): string {
    this.ctx.meter.recordCells(1, 0);
    const v = this._sheet.values.get(this._r0(), this._c0());
    return v instanceof FormulaCell ? v.formula : '';
  }

  getFormulas(): string[][] {
    this.ctx.meter.recordCells(this._nr() * this._nc(), 0);
    return this._map((r, c) => {
      const v = this._sheet.values.get(r, c);
      return v instanceof FormulaCell ? v.formula : '';
    });
  }

  setFormula(formula: string): this {
    this._write((_i, _j, fmt) => this.book.formulaFromScript(formula, fmt));
    return this;
  }

  setFormulas(formulas: string[][]): this {
    const data = this._checkMatrix(formulas, [formulas], 'setFormulas');
    this._write((i, j, fmt) => this.book.formulaFromScript((data[i] as unknown[])[j], fmt));
    return this;
  }

  isBlank(): boolean {
    const [r0, c0, nr, nc] = [this._r0(), this._c0(), this._nr(), this._nc()];
    for (let i = 0; i < nr; i++) {
      const row = this._sheet.values.rows[r0 + i];
      if (row === undefined) continue;
      for (let j = 0; j < nc; j++) if (row[c0 + j] !== undefined) return false;
    }
    return true;
  }

  // ---- clearing ----

  _clearAttrs(keys: AttrKey[]): void {
    const [r0, c0] = [this._r0(), this._c0()];
    for (const key of keys) this._sheet.attrs[key]?.clear(r0, c0, r0 + this._nr(), c0 + this._nc());
  }

  _clearValues(): void {
    const [r0, c0] = [this._r0(), this._c0()];
    this._sheet.values.clear(r0, c0, r0 + this._nr(), c0 + this._nc());
  }

  clearContent(): this {
    this._clearValues();
    return this;
  }

  clearFormat(): this {
    this._clearAttrs(FORMAT_KEYS);
    return this;
  }

  clearDataValidations(): this {
    this._clearAttrs(['validation']);
    return this;
  }

  clearNote(): this {
    this._clearAttrs(['note']);
    return this;
  }

  /** clear() = contents and formats ("Clears the range of contents and formats."); options pick parts. */
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
  }): this {
    if (
      !options ||
      (!options.contentsOnly && !options.formatOnly && !options.validationsOnly && !options.commentsOnly)
    ) {
      this._clearValues();
      this._clearAttrs(FORMAT_KEYS);
      return this;
    }
    if (options.contentsOnly) this._clearValues();
    if (options.formatOnly) this._clearAttrs(FORMAT_KEYS);
    if (options.validationsOnly) this._clearAttrs(['validation']);
    return this;
  }

  // ---- geometry ----

  getA1Notation(): string {
    return this._a1();
  }
  getRow(): number {
    return this._coords.row;
  }
  getRowIndex(): number {
    return this._coords.row;
  }
  getColumn(): number {
    return this._coords.col;
  }
  getColumnIndex(): number {
    return this._coords.col;
  }
  getNumRows(): number {
    return this._nr();
  }
  getNumColumns(): number {
    return this._nc();
  }
  getHeight(): number {
    return this._nr();
  }
  getWidth(): number {
    return this._nc();
  }
  /** "Returns the end row position." (not the sheet's last row with content; docs/apps-script/spreadsheet.md §4) */
  getLastRow(): number {
    return this._coords.row + this._nr() - 1;
  }
  getLastColumn(): number {
    return this._coords.col + this._nc() - 1;
  }
  createTextFinder(findText: unknown): TextFinder {
    const text = checkFindText(findText, 'SpreadsheetApp.Range.createTextFinder');
    const scope = {
      sheet: this._sheet,
      row: this._coords.row,
      col: this._coords.col,
      endRow: this._coords.row + this._nr() - 1,
      endCol: this._coords.col + this._nc() - 1,
    };
    return new TextFinder(this.book, [scope], text);
  }

  getSheet(): unknown {
    return this.book.sheet(this._sheet);
  }
  getGridId(): number {
    return this._sheet.id;
  }
  isStartRowBounded(): boolean {
    return this._coords.form !== 'columns';
  }
  isEndRowBounded(): boolean {
    return this._coords.form !== 'columns';
  }
  isStartColumnBounded(): boolean {
    return this._coords.form !== 'rows';
  }
  isEndColumnBounded(): boolean {
    return this._coords.form !== 'rows';
  }

  /** offset(rowOffset, columnOffset[, numRows[, numColumns]]) with getRange's bound errors. */
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    const args = [rowOffset, columnOffset, numRows, numColumns].filter((a) => a !== undefined);
    return this.book.checkedCells(
      this._sheet,
      args,
      'SpreadsheetApp.Range.offset',
      this._coords.row + rowOffset,
      this._coords.col + columnOffset,
      numRows ?? this._nr(),
      numColumns ?? this._nc(),
    );
  }

  /** getCell(row, column), relative to this range (1-based). Error text UNCONFIRMED ("Cell reference out of range"). */
  getCell(row: number, column: number): Range {
    if (typeof row !== 'number' || typeof column !== 'number')
      throw signatureError([row, column], 'SpreadsheetApp.Range.getCell');
    if (row < 1 || column < 1 || row > this._nr() || column > this._nc()) throw gasError('Cell reference out of range');
    const r = this._coords.row + row - 1;
    const c = this._coords.col + column - 1;
    return this.book.range(this._sheet, { row: r, col: c, endRow: r, endCol: c, form: 'cells' });
  }

  /** Makes this the active range, and its sheet the active sheet. */
  activate(): this {
    this._activate();
    return this;
  }
  activateAsCurrentCell(): this {
    this._activate();
    return this;
  }
  _activate(): void {
    const r0 = this._r0();
    const c0 = this._c0();
    this.book.model.activeSheetId = this._sheet.id;
    this.book.model.activeRange = { sheetId: this._sheet.id, r0, c0, r1: r0 + this._nr(), c1: c0 + this._nc() };
  }
}
defineGasClass(RangeBase, 'SpreadsheetApp', 'Range');

export const FORMAT_KEYS: AttrKey[] = [
  'numberFormat',
  'fontWeight',
  'fontStyle',
  'fontColor',
  'fontSize',
  'fontFamily',
  'background',
  'horizontalAlignment',
  'verticalAlignment',
  'wrap',
];
