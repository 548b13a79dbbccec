import { gasError, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { Book } from './book';
import { normalizeColor } from './colors';
import type { SheetModel, SpecValue } from './model';
import type { Range } from './range';
import { FORMAT_KEYS } from './range-base';

/**
 * RangeList (DOCS range-list): "A collection of one or more Range instances in the same sheet", made by
 * Sheet.getRangeList(a1Notations). Each method applies to every range, in list order, and returns the
 * RangeList; one script call is one metered call (the ranges are driven through their internals).
 * Modelled: getRanges, activate, clear, clearContent, clearFormat, clearNote, clearDataValidations, setValue,
 * setFormula, setNumberFormat, setBackground, setFontColor, setFontWeight, setNote, check, uncheck. Any other
 * RangeList method throws "not supported by the local runtime" (the GasObject guard).
 * A write is not atomic across ranges: a validation rejection in the second range leaves the first written
 * (UNCONFIRMED; each range is its own write).
 */
export class RangeList extends GasObject {
  constructor(
    private readonly book: Book,
    private readonly ranges: readonly Range[],
  ) {
    super(book.ctx);
  }

  /** "Returns a list of one or more Range instances in the same sheet." (a fresh array each call) */
  getRanges(): Range[] {
    return [...this.ranges];
  }

  /**
   * "Selects the list of Range instances. The last range in the list is set as the active range." (DOCS) The
   * local selection holds one block, so only the last range is kept as the selection.
   */
  activate(): RangeList {
    const last = this.ranges[this.ranges.length - 1];
    if (last) last._activate();
    return this;
  }

  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
  }): RangeList {
    const parts = options ?? {};
    const all = !parts.contentsOnly && !parts.formatOnly && !parts.validationsOnly && !parts.commentsOnly;
    for (const range of this.ranges) {
      if (all || parts.contentsOnly) range._clearValues();
      if (all || parts.formatOnly) range._clearAttrs(FORMAT_KEYS);
      if (!all && parts.validationsOnly) range._clearAttrs(['validation']);
    }
    return this;
  }
  clearContent(): RangeList {
    for (const range of this.ranges) range._clearValues();
    return this;
  }
  clearFormat(): RangeList {
    for (const range of this.ranges) range._clearAttrs(FORMAT_KEYS);
    return this;
  }
  clearNote(): RangeList {
    for (const range of this.ranges) range._clearAttrs(['note']);
    return this;
  }
  clearDataValidations(): RangeList {
    for (const range of this.ranges) range._clearAttrs(['validation']);
    return this;
  }

  /** "Sets the value for each Range in the range list." — parsed like Range.setValue (typed input). */
  setValue(value: unknown): RangeList {
    for (const range of this.ranges) range._write((_i, _j, fmt) => this.book.fromScript(value, fmt));
    return this;
  }
  setFormula(formula: string): RangeList {
    for (const range of this.ranges) range._write((_i, _j, fmt) => this.book.formulaFromScript(formula, fmt));
    return this;
  }
  setNumberFormat(format: string): RangeList {
    const value = format === null || format === undefined ? undefined : String(format);
    for (const range of this.ranges) range._setAttr('numberFormat', value);
    return this;
  }
  setBackground(color: string | null): RangeList {
    const value = normalizeColor(color) ?? undefined;
    for (const range of this.ranges) range._setAttr('background', value);
    return this;
  }
  setFontColor(color: string | null): RangeList {
    const value = normalizeColor(color) ?? undefined;
    for (const range of this.ranges) range._setAttr('fontColor', value);
    return this;
  }
  setFontWeight(fontWeight: string | null): RangeList {
    const value = fontWeight === null || fontWeight === 'normal' ? undefined : String(fontWeight);
    for (const range of this.ranges) range._setAttr('fontWeight', value);
    return this;
  }
  setNote(note: string | null): RangeList {
    const value = note === null || note === undefined || note === '' ? undefined : String(note);
    for (const range of this.ranges) range._setAttr('note', value);
    return this;
  }

  /**
   * check() / uncheck(): "Changes the state of the checkboxes in the range to 'checked'. Ignores the cells in
   * the range which currently do not contain either the checked or unchecked value configured." (DOCS
   * range-list#check) Cells without a checkbox rule are left alone too.
   */
  check(): RangeList {
    this._setCheckboxes(true);
    return this;
  }
  uncheck(): RangeList {
    this._setCheckboxes(false);
    return this;
  }

  _setCheckboxes(checked: boolean): void {
    let written = 0;
    for (const range of this.ranges) {
      const sheet: SheetModel = range._sheet;
      const [r0, c0, nr, nc] = [range._r0(), range._c0(), range._nr(), range._nc()];
      for (let r = r0; r < r0 + nr; r++) {
        for (let c = c0; c < c0 + nc; c++) {
          const spec = sheet.attrAt('validation', r, c);
          if (!spec || spec.criteria !== 'CHECKBOX') continue;
          // A rule without custom values uses TRUE/FALSE; requireCheckbox(checked) has no unchecked value ("").
          const on: SpecValue = spec.values.length === 0 ? true : (spec.values[0] as SpecValue);
          const off: SpecValue | undefined = spec.values.length === 0 ? false : spec.values[1];
          const current = sheet.values.get(r, c);
          const isOn = current === on;
          const isOff = off === undefined ? current === undefined : current === off;
          if (!isOn && !isOff) continue;
          const next = checked ? on : off;
          if (next === undefined || next === null) sheet.values.set(r, c, undefined);
          else if (typeof next === 'object') continue;
          else sheet.values.set(r, c, next);
          written++;
        }
      }
    }
    this.ctx.meter.recordCells(0, written);
  }
}
defineGasClass(RangeList, 'SpreadsheetApp', 'RangeList');

/**
 * Sheet.getRangeList(a1Notations): each notation is read as Sheet.getRange(a1Notation) reads it (its errors,
 * e.g. "Range not found"); a "Sheet!" prefix naming another sheet is refused ("Range not found", UNCONFIRMED
 * text), since a RangeList is "in the same sheet". An empty list gives an empty RangeList (UNCONFIRMED).
 */
export function rangeListOf(book: Book, sheet: SheetModel, a1Notations: unknown): RangeList {
  if (!Array.isArray(a1Notations) || a1Notations.some((a) => typeof a !== 'string'))
    throw signatureError([a1Notations], 'SpreadsheetApp.Sheet.getRangeList');
  const ranges = (a1Notations as string[]).map((a1) => {
    const range = book.rangeFromA1(sheet, a1);
    if (range._sheet !== sheet) throw gasError('Range not found');
    return range;
  });
  return new RangeList(book, ranges);
}
