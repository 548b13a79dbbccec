import { gasError, signatureError } from '../core/errors';
import { defineGasClass, GasEnumValue, GasObject } from '../core/gas-object';
import type { Book } from './book';
import { Color, normalizeColor } from './colors';
import { BooleanCriteria, enumKey, RelativeDate } from './enums';
import type { CfFormat, CfRuleModel, ConditionModel, Rect, SheetModel, SpecValue } from './model';
import { rangeOfRect } from './protection';
import { Range } from './range';
import { fromSpecValue, toSpecValue } from './validation';

/**
 * Conditional format rules (docs/apps-script/spreadsheet.md §8, docs/apps-script/filter-views-and-charts.md §6). The runtime stores and returns
 * rules faithfully; it does not render them (no formulas are computed locally).
 */

function rectOfRange(range: Range): Rect {
  const { form } = range._coords;
  return {
    r0: range._r0(),
    c0: range._c0(),
    r1: form === 'columns' ? null : range._r0() + range._nr(),
    c1: form === 'rows' ? null : range._c0() + range._nc(),
  };
}

/** A rule as built or as read from a sheet: its ranges are rects on `sheet`. */
interface RuleState {
  sheet: SheetModel | null;
  model: CfRuleModel;
}

function cloneModel(model: CfRuleModel): CfRuleModel {
  return {
    ranges: model.ranges.map((r) => ({ ...r })),
    condition: model.condition ? { type: model.condition.type, values: [...model.condition.values] } : null,
    format: { ...model.format },
  };
}

function rangesOf(book: Book, state: RuleState): Range[] {
  const sheet = state.sheet;
  if (!sheet) return [];
  return state.model.ranges.map((rect) => rangeOfRect(book, sheet, rect));
}

export class ConditionalFormatRuleBuilder extends GasObject {
  private state: RuleState;

  constructor(
    private readonly book: Book,
    state?: RuleState,
  ) {
    super(book.ctx);
    this.state = state ?? { sheet: null, model: { ranges: [], condition: null, format: {} } };
  }

  private _when(type: string, values: unknown[]): this {
    this.state.model.condition = { type, values: values.map((v) => this._value(v)) };
    return this;
  }

  private _value(v: unknown): SpecValue {
    if (v instanceof GasEnumValue) return v.key;
    return toSpecValue(this.ctx, v);
  }

  private _whenDate(plain: string, date: unknown): this {
    if (date instanceof GasEnumValue && date.enumName === 'RelativeDate')
      return this._when(`${plain}_RELATIVE`, [date.key]);
    return this._when(plain, [date]);
  }

  whenCellEmpty(): this {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): this {
    return this._when('CELL_NOT_EMPTY', []);
  }
  whenDateAfter(date: unknown): this {
    return this._whenDate('DATE_AFTER', date);
  }
  whenDateBefore(date: unknown): this {
    return this._whenDate('DATE_BEFORE', date);
  }
  whenDateEqualTo(date: unknown): this {
    return this._whenDate('DATE_EQUAL_TO', date);
  }
  whenFormulaSatisfied(formula: string): this {
    if (typeof formula !== 'string')
      throw signatureError([formula], 'SpreadsheetApp.ConditionalFormatRuleBuilder.whenFormulaSatisfied');
    return this._when('CUSTOM_FORMULA', [formula]);
  }
  whenNumberBetween(start: number, end: number): this {
    return this._when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberNotBetween(start: number, end: number): this {
    return this._when('NUMBER_NOT_BETWEEN', [start, end]);
  }
  whenNumberEqualTo(n: number): this {
    return this._when('NUMBER_EQUAL_TO', [n]);
  }
  whenNumberNotEqualTo(n: number): this {
    return this._when('NUMBER_NOT_EQUAL_TO', [n]);
  }
  whenNumberGreaterThan(n: number): this {
    return this._when('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberLessThan(n: number): this {
    return this._when('NUMBER_LESS_THAN', [n]);
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  whenTextContains(text: string): this {
    return this._when('TEXT_CONTAINS', [text]);
  }
  whenTextDoesNotContain(text: string): this {
    return this._when('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  whenTextEqualTo(text: string): this {
    return this._when('TEXT_EQUAL_TO', [text]);
  }
  whenTextStartsWith(text: string): this {
    return this._when('TEXT_STARTS_WITH', [text]);
  }
  whenTextEndsWith(text: string): this {
    return this._when('TEXT_ENDS_WITH', [text]);
  }
  withCriteria(criteria: unknown, args: unknown[]): this {
    return this._when(enumKey(criteria), args ?? []);
  }

  /** "Passing in null removes the background color format setting from the rule." */
  setBackground(color: string | null): this {
    const hex = normalizeColor(color);
    if (hex === null) delete this.state.model.format.background;
    else this.state.model.format.background = hex;
    return this;
  }
  setFontColor(color: string | null): this {
    const hex = normalizeColor(color);
    if (hex === null) delete this.state.model.format.fontColor;
    else this.state.model.format.fontColor = hex;
    return this;
  }
  setBold(bold: boolean | null): this {
    return this._flag('bold', bold);
  }
  setItalic(italic: boolean | null): this {
    return this._flag('italic', italic);
  }
  setStrikethrough(strike: boolean | null): this {
    return this._flag('strikethrough', strike);
  }
  setUnderline(underline: boolean | null): this {
    return this._flag('underline', underline);
  }
  private _flag(key: 'bold' | 'italic' | 'strikethrough' | 'underline', value: boolean | null): this {
    if (value === null || value === undefined) delete this.state.model.format[key];
    else this.state.model.format[key] = Boolean(value);
    return this;
  }

  /** "This operation replaces any existing ranges." All ranges must be on one sheet. */
  setRanges(ranges: Range[]): this {
    if (!Array.isArray(ranges) || ranges.some((r) => !(r instanceof Range))) {
      throw signatureError([ranges], 'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges');
    }
    this.state.sheet = ranges.length > 0 ? (ranges[0] as Range)._sheet : null;
    this.state.model.ranges = ranges.map(rectOfRange);
    return this;
  }
  getRanges(): Range[] {
    return rangesOf(this.book, this.state);
  }
  getBooleanCondition(): BooleanCondition | null {
    return this.state.model.condition
      ? new BooleanCondition(this.book, this.state.model.condition, this.state.model.format)
      : null;
  }
  getGradientCondition(): null {
    return null;
  }
  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this.book, {
      sheet: this.state.sheet,
      model: cloneModel(this.state.model),
    });
  }
  build(): ConditionalFormatRule {
    return new ConditionalFormatRule(this.book, { sheet: this.state.sheet, model: cloneModel(this.state.model) });
  }
}
defineGasClass(ConditionalFormatRuleBuilder, 'SpreadsheetApp', 'ConditionalFormatRuleBuilder');

export class ConditionalFormatRule extends GasObject {
  constructor(
    private readonly book: Book,
    readonly _state: RuleState,
  ) {
    super(book.ctx);
  }
  getRanges(): Range[] {
    return rangesOf(this.book, this._state);
  }
  getBooleanCondition(): BooleanCondition | null {
    const { condition, format } = this._state.model;
    return condition ? new BooleanCondition(this.book, condition, format) : null;
  }
  getGradientCondition(): null {
    return null;
  }
  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this.book, {
      sheet: this._state.sheet,
      model: cloneModel(this._state.model),
    });
  }
}
defineGasClass(ConditionalFormatRule, 'SpreadsheetApp', 'ConditionalFormatRule');

export class BooleanCondition extends GasObject {
  constructor(
    private readonly book: Book,
    private readonly condition: ConditionModel,
    private readonly format: CfFormat,
  ) {
    super(book.ctx);
  }
  override toString(): string {
    return 'ConditionalFormatBooleanCondition';
  }
  getCriteriaType(): unknown {
    return BooleanCriteria[this.condition.type as keyof typeof BooleanCriteria] ?? null;
  }
  /** Relative dates come back as RelativeDate values (their String() is "TODAY"; §6 table). */
  getCriteriaValues(): unknown[] {
    return this.condition.values.map((v) =>
      this.condition.type.endsWith('_RELATIVE') && typeof v === 'string'
        ? (RelativeDate[v as keyof typeof RelativeDate] ?? v)
        : fromSpecValue(this.book, v),
    );
  }
  getBackgroundObject(): Color | null {
    return this.format.background ? new Color(this.ctx, this.format.background) : null;
  }
  getFontColorObject(): Color | null {
    return this.format.fontColor ? new Color(this.ctx, this.format.fontColor) : null;
  }
  /** Deprecated string form, still present in Apps Script. */
  getBackground(): string | null {
    return this.format.background ?? null;
  }
  getFontColor(): string | null {
    return this.format.fontColor ?? null;
  }
  getBold(): boolean | null {
    return this.format.bold ?? null;
  }
  getItalic(): boolean | null {
    return this.format.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    return this.format.strikethrough ?? null;
  }
  getUnderline(): boolean | null {
    return this.format.underline ?? null;
  }
}
defineGasClass(BooleanCondition, 'SpreadsheetApp', 'BooleanCondition');

/** Sheet.setConditionalFormatRules: "Replaces all currently existing conditional format rules". */
export function rulesToModels(rules: unknown, sheet: SheetModel): CfRuleModel[] {
  if (!Array.isArray(rules)) throw signatureError([rules], 'SpreadsheetApp.Sheet.setConditionalFormatRules');
  return rules.map((rule) => {
    if (!(rule instanceof ConditionalFormatRule))
      throw signatureError([rules], 'SpreadsheetApp.Sheet.setConditionalFormatRules');
    if (rule._state.sheet !== null && rule._state.sheet !== sheet) {
      // UNCONFIRMED wording; a rule's ranges must be on the sheet it is set on.
      throw gasError('The conditional format rule cannot reference a different sheet.');
    }
    return cloneModel(rule._state.model);
  });
}

export function ruleFromModel(book: Book, sheet: SheetModel, model: CfRuleModel): ConditionalFormatRule {
  return new ConditionalFormatRule(book, { sheet, model: cloneModel(model) });
}
