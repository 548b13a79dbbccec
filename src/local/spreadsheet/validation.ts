import type { RuntimeContext } from '../core/context';
import { notSupported, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { Book } from './book';
import { DataValidationCriteria, enumKey } from './enums';
import { findSheet, RangeRef, type SpecValue, type ValidationSpec } from './model';
import { DateCell, formatDisplay, FormulaCell, type CellValue } from './values';

/**
 * Data validation (docs/apps-script/spreadsheet.md §6): the builder, the read-back object, and the write rule: a script write
 * that breaks a rule with allowInvalid=false throws "The data you entered in cell U2 violates the data
 * validation rules set on this cell." ("Scripts do not bypass a reject-input rule", FIELD).
 */

/** Turns builder arguments (Dates of any realm, Ranges) into stored spec values. */
export function toSpecValue(ctx: RuntimeContext, value: unknown): SpecValue {
  if (ctx.isDate(value)) return new DateCell(value.getTime());
  if (Array.isArray(value)) return value.map((v) => toSpecValue(ctx, v));
  if (value && typeof value === 'object' && typeof (value as { _ref?: unknown })._ref === 'function') {
    return (value as { _ref(): RangeRef })._ref();
  }
  if (value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null)
    return value;
  return String(value);
}

/** Stored spec values as scripts read them back (getCriteriaValues). */
export function fromSpecValue(book: Book, value: SpecValue): unknown {
  if (value instanceof DateCell) return book.ctx.makeDate(value.ms);
  if (value instanceof RangeRef) {
    const sheet = findSheet(book.model, value.sheetId);
    if (!sheet) return null;
    return book.range(sheet, {
      row: value.row,
      col: value.col,
      endRow: value.row + value.numRows - 1,
      endCol: value.col + value.numCols - 1,
      form: 'cells',
    });
  }
  if (Array.isArray(value)) return value.map((v) => fromSpecValue(book, v));
  return value;
}

export class DataValidation extends GasObject {
  constructor(
    private readonly book: Book,
    readonly _spec: ValidationSpec,
  ) {
    super(book.ctx);
  }
  getCriteriaType(): unknown {
    return DataValidationCriteria[this._spec.criteria as keyof typeof DataValidationCriteria];
  }
  getCriteriaValues(): unknown[] {
    return this._spec.values.map((v) => fromSpecValue(this.book, v));
  }
  getAllowInvalid(): boolean {
    return this._spec.allowInvalid;
  }
  getHelpText(): string | null {
    return this._spec.helpText;
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder(this.book, { ...this._spec, values: [...this._spec.values] });
  }
}
defineGasClass(DataValidation, 'SpreadsheetApp', 'DataValidation');

export class DataValidationBuilder extends GasObject {
  private spec: ValidationSpec;

  constructor(
    private readonly book: Book,
    spec?: ValidationSpec,
  ) {
    super(book.ctx);
    // "The default for new data validation rules is true." (setAllowInvalid docs)
    this.spec = spec ?? { criteria: '', values: [], allowInvalid: true, helpText: null };
  }

  private _set(criteria: string, values: unknown[]): this {
    this.spec = { ...this.spec, criteria, values: values.map((v) => toSpecValue(this.ctx, v)) };
    return this;
  }

  /** requireCheckbox(), (checked), (checked, unchecked): getCriteriaValues() gives [], [checked], [checked, unchecked]. */
  requireCheckbox(...args: unknown[]): this {
    if (args.length > 2) throw signatureError(args, 'SpreadsheetApp.DataValidationBuilder.requireCheckbox');
    return this._set('CHECKBOX', args);
  }
  requireDate(): this {
    return this._set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: unknown): this {
    return this._set('DATE_AFTER', [date]);
  }
  requireDateBefore(date: unknown): this {
    return this._set('DATE_BEFORE', [date]);
  }
  requireDateBetween(start: unknown, end: unknown): this {
    return this._set('DATE_BETWEEN', [start, end]);
  }
  requireDateNotBetween(start: unknown, end: unknown): this {
    return this._set('DATE_NOT_BETWEEN', [start, end]);
  }
  requireDateEqualTo(date: unknown): this {
    return this._set('DATE_EQUAL_TO', [date]);
  }
  requireDateOnOrAfter(date: unknown): this {
    return this._set('DATE_ON_OR_AFTER', [date]);
  }
  requireDateOnOrBefore(date: unknown): this {
    return this._set('DATE_ON_OR_BEFORE', [date]);
  }
  requireFormulaSatisfied(formula: string): this {
    return this._set('CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): this {
    return this._set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberNotBetween(start: number, end: number): this {
    return this._set('NUMBER_NOT_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(n: number): this {
    return this._set('NUMBER_EQUAL_TO', [n]);
  }
  requireNumberNotEqualTo(n: number): this {
    return this._set('NUMBER_NOT_EQUAL_TO', [n]);
  }
  requireNumberGreaterThan(n: number): this {
    return this._set('NUMBER_GREATER_THAN', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThan(n: number): this {
    return this._set('NUMBER_LESS_THAN', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireTextContains(text: string): this {
    return this._set('TEXT_CONTAINS', [text]);
  }
  requireTextDoesNotContain(text: string): this {
    return this._set('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  requireTextEqualTo(text: string): this {
    return this._set('TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail(): this {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this._set('TEXT_IS_VALID_URL', []);
  }
  /** getCriteriaValues() gives [values, showDropdown]; showDropdown defaults to true. */
  requireValueInList(values: unknown[], showDropdown?: boolean): this {
    return this._set('VALUE_IN_LIST', [values.map((v) => String(v)), showDropdown ?? true]);
  }
  requireValueInRange(range: unknown, showDropdown?: boolean): this {
    return this._set('VALUE_IN_RANGE', [range, showDropdown ?? true]);
  }
  /**
   * withCriteria(criteria, args). The *_RELATIVE criteria (a RelativeDate argument) have no builder method
   * (DOCS data-validation-builder) and the Sheets API says "Relative dates are not supported in data validation"
   * (DISC ConditionValue.relativeDate): what Apps Script does with them here is unknown, so not supported.
   */
  withCriteria(criteria: unknown, args: unknown[]): this {
    const key = enumKey(criteria);
    if (!Object.prototype.hasOwnProperty.call(DataValidationCriteria, key))
      throw signatureError([criteria, args], 'SpreadsheetApp.DataValidationBuilder.withCriteria');
    if (key.endsWith('_RELATIVE'))
      throw notSupported(`DataValidationBuilder.withCriteria(DataValidationCriteria.${key})`);
    return this._set(key, args ?? []);
  }
  setAllowInvalid(allowInvalid: boolean): this {
    this.spec = { ...this.spec, allowInvalid: Boolean(allowInvalid) };
    return this;
  }
  setHelpText(helpText: string): this {
    this.spec = { ...this.spec, helpText: helpText === null || helpText === undefined ? null : String(helpText) };
    return this;
  }
  getCriteriaType(): unknown {
    return this.spec.criteria === ''
      ? null
      : DataValidationCriteria[this.spec.criteria as keyof typeof DataValidationCriteria];
  }
  getCriteriaValues(): unknown[] {
    return this.spec.values.map((v) => fromSpecValue(this.book, v));
  }
  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }
  getHelpText(): string | null {
    return this.spec.helpText;
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder(this.book, { ...this.spec, values: [...this.spec.values] });
  }
  build(): DataValidation {
    return new DataValidation(this.book, { ...this.spec, values: [...this.spec.values] });
  }
}
defineGasClass(DataValidationBuilder, 'SpreadsheetApp', 'DataValidationBuilder');

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_TEXT = /^(https?:\/\/)?[^\s/$.?#].[^\s]*\.[^\s]+$/i;

function num(v: SpecValue | undefined): number {
  return typeof v === 'number' ? v : v instanceof DateCell ? v.ms : Number(v);
}

/**
 * Whether a stored value passes a rule. Empty cells always pass. List membership compares the cell's
 * displayed text exactly (case-sensitive: the stricter reading, UNCONFIRMED). CUSTOM_FORMULA cannot be
 * evaluated locally and passes (the runtime computes no formulas; see values.ts).
 */
export function passesValidation(book: Book, spec: ValidationSpec, value: CellValue | undefined): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (value instanceof FormulaCell) return true;
  const { timeZone, locale } = book.model;
  const text = typeof value === 'string' ? value : formatDisplay(value, null, timeZone, locale);
  const v = spec.values;
  const isNumber = typeof value === 'number';
  const isDate = value instanceof DateCell;
  const n = isDate ? (value as DateCell).ms : (value as number);
  switch (spec.criteria) {
    case 'VALUE_IN_LIST':
      return Array.isArray(v[0]) && (v[0] as SpecValue[]).some((item) => String(item) === text);
    case 'VALUE_IN_RANGE': {
      const ref = v[0];
      if (!(ref instanceof RangeRef)) return true;
      const sheet = findSheet(book.model, ref.sheetId);
      if (!sheet) return false;
      for (let r = ref.row - 1; r < ref.row - 1 + ref.numRows; r++) {
        for (let c = ref.col - 1; c < ref.col - 1 + ref.numCols; c++) {
          const cell = sheet.values.get(r, c);
          if (cell === undefined) continue;
          if (formatDisplay(cell, sheet.attrAt('numberFormat', r, c) ?? null, timeZone, locale) === text) return true;
        }
      }
      return false;
    }
    case 'CHECKBOX':
      if (v.length === 0) return value === true || value === false;
      return v.some((allowed) => allowed === value || String(allowed) === text);
    case 'NUMBER_BETWEEN':
      return isNumber && n >= num(v[0]) && n <= num(v[1]);
    case 'NUMBER_NOT_BETWEEN':
      return isNumber && (n < num(v[0]) || n > num(v[1]));
    case 'NUMBER_EQUAL_TO':
      return isNumber && n === num(v[0]);
    case 'NUMBER_NOT_EQUAL_TO':
      return isNumber && n !== num(v[0]);
    case 'NUMBER_GREATER_THAN':
      return isNumber && n > num(v[0]);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return isNumber && n >= num(v[0]);
    case 'NUMBER_LESS_THAN':
      return isNumber && n < num(v[0]);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return isNumber && n <= num(v[0]);
    case 'DATE_IS_VALID_DATE':
      return isDate;
    case 'DATE_AFTER':
      return isDate && n > num(v[0]);
    case 'DATE_BEFORE':
      return isDate && n < num(v[0]);
    case 'DATE_ON_OR_AFTER':
      return isDate && n >= num(v[0]);
    case 'DATE_ON_OR_BEFORE':
      return isDate && n <= num(v[0]);
    case 'DATE_EQUAL_TO':
      return isDate && n === num(v[0]);
    case 'DATE_BETWEEN':
      return isDate && n >= num(v[0]) && n <= num(v[1]);
    case 'DATE_NOT_BETWEEN':
      return isDate && (n < num(v[0]) || n > num(v[1]));
    case 'TEXT_CONTAINS':
      return text.includes(String(v[0]));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(String(v[0]));
    case 'TEXT_EQUAL_TO':
      return text === String(v[0]);
    case 'TEXT_IS_VALID_EMAIL':
      return typeof value === 'string' && EMAIL.test(value);
    case 'TEXT_IS_VALID_URL':
      return typeof value === 'string' && URL_TEXT.test(value);
    default:
      return true;
  }
}

export function validationErrorText(a1: string): string {
  return `The data you entered in cell ${a1} violates the data validation rules set on this cell.`;
}
