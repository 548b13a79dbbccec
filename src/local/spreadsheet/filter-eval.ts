import { notSupported } from '../core/errors';
import { zonedParts } from '../core/timezone';
import type { FilterViewJson, SheetModel } from './model';
import type { GridRangeJson } from './filter-views';
import { dateToSerial, DateCell, formatDisplay, parseTypedInput, type CellValue } from './values';

/**
 * Which rows a filter view shows, for the playground (Sheets applies views in the UI only; scripts never
 * see them). Follows the FilterCriteria semantics in docs/apps-script/filter-views-and-charts.md §1: a row is shown when,
 * for every filtered column, its displayed value is not in `hiddenValues` and the `condition` holds.
 * Text comparisons ignore case (as Sheets' filter menu does; UNCONFIRMED). CUSTOM_FORMULA needs formula
 * evaluation and is "not supported".
 */
export interface FilterClock {
  timeZone: string;
  locale: string;
  nowMs: number;
}

interface ConditionJson {
  type?: string;
  values?:
    { userEnteredValue?: string; relativeDate?: string }[] | { userEnteredValue?: string; relativeDate?: string };
}

interface CriteriaJson {
  hiddenValues?: string[];
  condition?: ConditionJson;
}

/** Per-column criteria from filterSpecs (preferred, "takes precedence") or the deprecated criteria map. */
export function criteriaByColumn(view: FilterViewJson): Map<number, CriteriaJson> {
  const out = new Map<number, CriteriaJson>();
  if (Array.isArray(view.filterSpecs)) {
    for (const spec of view.filterSpecs as { columnIndex?: number; filterCriteria?: CriteriaJson }[]) {
      if (spec.filterCriteria) out.set(spec.columnIndex ?? 0, spec.filterCriteria);
    }
    return out;
  }
  if (view.criteria && typeof view.criteria === 'object') {
    for (const [key, value] of Object.entries(view.criteria as Record<string, CriteriaJson>))
      out.set(Number(key), value);
  }
  return out;
}

function conditionValues(condition: ConditionJson): { userEnteredValue?: string; relativeDate?: string }[] {
  if (!condition.values) return [];
  return Array.isArray(condition.values) ? condition.values : [condition.values];
}

function relativeDaySerial(relative: string, clock: FilterClock): number {
  const p = zonedParts(clock.nowMs, clock.timeZone);
  const today = Date.UTC(p.year, p.month - 1, p.day);
  const day = 86400000;
  const serialOf = (utcMidnight: number) => utcMidnight / day + 25569;
  switch (relative) {
    case 'TODAY':
      return serialOf(today);
    case 'YESTERDAY':
      return serialOf(today - day);
    case 'TOMORROW':
      return serialOf(today + day);
    case 'PAST_WEEK':
      return serialOf(today - 7 * day);
    case 'PAST_MONTH':
      return serialOf(Date.UTC(p.year, p.month - 2, p.day));
    case 'PAST_YEAR':
      return serialOf(Date.UTC(p.year - 1, p.month - 1, p.day));
    default:
      return NaN;
  }
}

function numericOf(value: CellValue | undefined, timeZone: string): number | null {
  if (typeof value === 'number') return value;
  if (value instanceof DateCell) return dateToSerial(value.ms, timeZone);
  return null;
}

function parsedNumber(text: string | undefined, clock: FilterClock): number | null {
  if (text === undefined) return null;
  return numericOf(parseTypedInput(text, null, clock.timeZone) ?? undefined, clock.timeZone);
}

function conditionHolds(
  condition: ConditionJson,
  value: CellValue | undefined,
  display: string,
  clock: FilterClock,
): boolean {
  const values = conditionValues(condition);
  const first = values[0];
  const text = display.toLowerCase();
  const arg = (first?.userEnteredValue ?? '').toLowerCase();
  const n = numericOf(value, clock.timeZone);
  const a = parsedNumber(first?.userEnteredValue, clock);
  const b = parsedNumber(values[1]?.userEnteredValue, clock);
  switch (condition.type) {
    case 'BLANK':
      return display === '';
    case 'NOT_BLANK':
      return display !== '';
    case 'TEXT_EQ':
      return text === arg;
    case 'TEXT_CONTAINS':
      return text.includes(arg);
    case 'TEXT_NOT_CONTAINS':
      return !text.includes(arg);
    case 'TEXT_STARTS_WITH':
      return text.startsWith(arg);
    case 'TEXT_ENDS_WITH':
      return text.endsWith(arg);
    case 'NUMBER_EQ':
      return n !== null && a !== null && n === a;
    case 'NUMBER_NOT_EQ':
      return n === null || a === null || n !== a;
    case 'NUMBER_GREATER':
      return n !== null && a !== null && n > a;
    case 'NUMBER_GREATER_THAN_EQ':
      return n !== null && a !== null && n >= a;
    case 'NUMBER_LESS':
      return n !== null && a !== null && n < a;
    case 'NUMBER_LESS_THAN_EQ':
      return n !== null && a !== null && n <= a;
    case 'NUMBER_BETWEEN':
      return n !== null && a !== null && b !== null && n >= a && n <= b;
    case 'NUMBER_NOT_BETWEEN':
      return n !== null && a !== null && b !== null && (n < a || n > b);
    case 'DATE_BEFORE':
    case 'DATE_AFTER':
    case 'DATE_EQ': {
      if (!(value instanceof DateCell) && typeof value !== 'number') return false;
      const day = Math.floor(n as number);
      const target = first?.relativeDate
        ? relativeDaySerial(first.relativeDate, clock)
        : a === null
          ? NaN
          : Math.floor(a);
      if (Number.isNaN(target)) return false;
      if (condition.type === 'DATE_BEFORE') return day < target;
      if (condition.type === 'DATE_AFTER') return day > target;
      return day === target;
    }
    case 'CUSTOM_FORMULA':
      throw notSupported('filter view condition CUSTOM_FORMULA (the local runtime computes no formulas)');
    default:
      throw notSupported(`filter view condition ${String(condition.type)}`);
  }
}

/**
 * The 1-based sheet rows of the view's range that stay visible, header row excluded (the first row of the
 * range is the header and always shows). Rows past the sheet's last row with content are not listed.
 */
export function rowsVisibleInFilterView(sheet: SheetModel, view: FilterViewJson, clock: FilterClock): number[] {
  const range = (view.range ?? {}) as GridRangeJson;
  const start = range.startRowIndex ?? 0;
  const end = Math.min(range.endRowIndex ?? sheet.maxRows, sheet.values.lastRow());
  const criteria = criteriaByColumn(view);
  const visible: number[] = [];
  for (let r = start + 1; r < end; r++) {
    let shown = true;
    for (const [col, crit] of criteria) {
      const value = sheet.values.get(r, col);
      const display = formatDisplay(
        value ?? null,
        sheet.attrAt('numberFormat', r, col) ?? null,
        clock.timeZone,
        clock.locale,
      );
      if (crit.hiddenValues && crit.hiddenValues.includes(display)) shown = false;
      else if (crit.condition && !conditionHolds(crit.condition, value, display, clock)) shown = false;
      if (!shown) break;
    }
    if (shown) visible.push(r + 1);
  }
  return visible;
}
