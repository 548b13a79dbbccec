import { gasError } from '../core/errors';
import { zonedParts, zonedTimeToUtc, type ZonedParts } from '../core/timezone';
import { MONTH_NAMES } from '../core/english-names';

/**
 * How cells are stored, and how strings written by scripts are read "as if a user typed them"
 * (docs/apps-script/spreadsheet.md §3, the USER_ENTERED rule).
 *
 * Stored cell values are compact: `null` (empty), string, number, boolean, or one of two tiny frozen classes
 * for dates and formulas. Dates are kept as epoch ms and turned into script-realm Dates only when read.
 */
export class DateCell {
  constructor(readonly ms: number) {
    Object.freeze(this);
  }
}

export class FormulaCell {
  constructor(readonly formula: string) {
    Object.freeze(this);
  }
}

export type CellValue = null | string | number | boolean | DateCell | FormulaCell;

/**
 * The local runtime does not compute formulas: getValue/getDisplayValue of a formula cell give this error
 * value, so code that reads formula results locally sees an obviously wrong value instead of a plausible one.
 * (Real Sheets would give the computed result; "#NAME?" is what Sheets shows for a formula it cannot evaluate.)
 */
export const UNCOMPUTED_FORMULA_VALUE = '#NAME?';

/** §10: "Your input contains more than the maximum of 50000 characters in a single cell." (FIELD) */
export const MAX_CELL_CHARS = 50000;

export function checkCellLength(text: string): void {
  if (text.length > MAX_CELL_CHARS) {
    throw gasError(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
}

const NUMBER_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const SPACED_DIGITS = /^[+-]?\d+(?: \d+)+$/;
const CURRENCY_PREFIX = /^([+-]?)[$¥€£]\s?/;
const DATE_TEXT = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME_TEXT = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function parseNumberText(text: string): number | null {
  let body = text;
  let percent = false;
  if (body.endsWith('%')) {
    percent = true;
    body = body.slice(0, -1).trim();
  }
  // "¥1,234.50" is read as 1234.5 (Sheets keeps the currency only as a format). UNCONFIRMED for zh_CN.
  body = body.replace(CURRENCY_PREFIX, '$1');
  // "22 34" → 2234 (github.com/vlucas/sheetquery/issues/20).
  if (SPACED_DIGITS.test(body)) body = body.replace(/ /g, '');
  if (body === '' || body === '+' || body === '-' || body === '.' || !NUMBER_TEXT.test(body)) return null;
  if (!/\d/.test(body)) return null;
  const n = Number(body.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  return percent ? n / 100 : n;
}

/** Days per month check, so "2024-02-30" stays text as in Sheets. */
function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The Sheets epoch: serial 0 = 1899-12-30 00:00 local wall time. */
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/**
 * A string written by setValue(s)/appendRow, read like typed input (§3):
 * "00123" → 123, "+8613800000000" → 8613800000000 (UNCONFIRMED, best estimate), "1,234" → 1234,
 * "12%" → 0.12, "2024-06-01" / "2024/6/1" / "2024-06-01 10:00" → Dates in the spreadsheet time zone
 * (UNCONFIRMED, follows from USER_ENTERED), "TRUE"/"false" → booleans, "=…" → a formula, "'…" → literal text.
 * Under the plain-text format "@" the string is kept as is, formulas included (UNCONFIRMED for "=").
 */
export function parseTypedInput(text: string, numberFormat: string | null, timeZone: string): CellValue {
  checkCellLength(text);
  if (text === '') return null;
  if (numberFormat === '@') return text;
  if (text.startsWith("'")) return text.slice(1);
  if (text.startsWith('=') && text.length > 1) return new FormulaCell(text);
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  const n = parseNumberText(trimmed);
  if (n !== null) return n;
  const date = DATE_TEXT.exec(trimmed);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const hour = date[4] === undefined ? 0 : Number(date[4]);
    const minute = date[5] === undefined ? 0 : Number(date[5]);
    const second = date[6] === undefined ? 0 : Number(date[6]);
    if (validYmd(y, m, d) && hour < 24 && minute < 60 && second < 60) {
      return new DateCell(zonedTimeToUtc({ year: y, month: m, day: d, hour, minute, second }, timeZone));
    }
  }
  const time = TIME_TEXT.exec(trimmed);
  if (time) {
    const [hour, minute, second] = [Number(time[1]), Number(time[2]), Number(time[3] ?? '0')];
    // A bare time is a time of day on the Sheets epoch date (serial 0.x).
    if (hour < 24 && minute < 60 && second < 60) {
      return new DateCell(zonedTimeToUtc({ year: 1899, month: 12, day: 30, hour, minute, second }, timeZone));
    }
  }
  return text;
}

/** Serial day number of a Date in a time zone (days since 1899-12-30 local midnight, fraction = time). */
export function dateToSerial(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return (wall - SERIAL_EPOCH_UTC) / 86400000;
}

/** A cell's date-time as shown on the wall clock of the spreadsheet's zone. */
export type WallTime = ZonedParts;

function serialToWall(serial: number): WallTime {
  const d = new Date(SERIAL_EPOCH_UTC + Math.round(serial * 86400000));
  const dow = d.getUTCDay();
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    isoWeekday: dow === 0 ? 7 : dow,
  };
}

/** The number format Apps Script reports for a cell nobody formatted (UNCONFIRMED, commonly seen value). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

function defaultDateFormat(wall: WallTime, locale: string): string {
  const hasTime = wall.hour !== 0 || wall.minute !== 0 || wall.second !== 0;
  // Sheets' automatic date format follows the locale; en_US uses M/d/yyyy, most others ISO-like.
  // UNCONFIRMED for zh_CN ("yyyy-mm-dd" is our best estimate).
  if (locale === 'en_US' || locale === 'en') return hasTime ? 'm/d/yyyy h:mm:ss' : 'm/d/yyyy';
  return hasTime ? 'yyyy-mm-dd h:mm:ss' : 'yyyy-mm-dd';
}

/** Numbers in Sheets' automatic format: up to 15 significant digits, no float noise. */
function formatGeneralNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/**
 * getDisplayValue of one stored value under a number format (DOCS range#getDisplayValues: "takes into account
 * date, time and currency formatting"). Supported formats: dates ("yyyy-mm-dd", "yyyy-mm-dd hh:mm", …),
 * numbers ("0", "0.0", "#,##0", "¥#,##0.00", "0%", "0.00%"), text "@", several ";"-sections.
 */
export function formatDisplay(value: CellValue, numberFormat: string | null, timeZone: string, locale: string): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof FormulaCell) return UNCOMPUTED_FORMULA_VALUE;
  const format = numberFormat && numberFormat !== DEFAULT_NUMBER_FORMAT && numberFormat !== '@' ? numberFormat : null;
  if (value instanceof DateCell) {
    const serial = dateToSerial(value.ms, timeZone);
    if (format && !isDateFormat(format)) return formatNumber(serial, format);
    const wall = serialToWall(serial);
    return formatDate(wall, format ?? defaultDateFormat(wall, locale));
  }
  if (!format) return formatGeneralNumber(value);
  if (isDateFormat(format)) return formatDate(serialToWall(value), format);
  return formatNumber(value, format);
}

function stripQuoted(format: string): string {
  return format.replace(/"[^"]*"/g, '').replace(/\\./g, '');
}

export function isDateFormat(format: string): boolean {
  return /[ydhs]/i.test(stripQuoted(format).replace(/\[[^\]]*\]/g, '')) || /^[^0#]*m[^0#]*$/i.test(stripQuoted(format));
}

const DATE_TOKEN = /"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p|\.0+|[^"\\ydmhsa.]+|./gi;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatDate(wall: WallTime, format: string): string {
  const tokens = format.match(DATE_TOKEN) ?? [];
  const lower = tokens.map((t) => t.toLowerCase());
  const twelveHour = lower.some((t) => t === 'am/pm' || t === 'a/p');
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const t = lower[i] as string;
    // "m"/"mm" mean minutes right after an hour or right before a seconds token.
    const prev = lower
      .slice(0, i)
      .reverse()
      .find((x) => /^[a-z]/.test(x) && x !== 'am/pm');
    const next = lower.slice(i + 1).find((x) => /^[a-z]/.test(x));
    const minute =
      (t === 'm' || t === 'mm') &&
      ((prev !== undefined && prev.startsWith('h')) || (next !== undefined && next.startsWith('s')));
    const hour12 = wall.hour % 12 === 0 ? 12 : wall.hour % 12;
    if (t.startsWith('"')) out += token.slice(1, -1);
    else if (t.startsWith('\\')) out += token.slice(1);
    else if (t === 'yyyy') out += pad(wall.year, 4);
    else if (t === 'yy') out += pad(wall.year % 100, 2);
    else if (t === 'mmmm') out += MONTH_NAMES[wall.month - 1];
    else if (t === 'mmm') out += (MONTH_NAMES[wall.month - 1] as string).slice(0, 3);
    else if (t === 'mm') out += minute ? pad(wall.minute, 2) : pad(wall.month, 2);
    else if (t === 'm') out += minute ? String(wall.minute) : String(wall.month);
    else if (t === 'dddd') out += DAYS[wall.isoWeekday - 1];
    else if (t === 'ddd') out += (DAYS[wall.isoWeekday - 1] as string).slice(0, 3);
    else if (t === 'dd') out += pad(wall.day, 2);
    else if (t === 'd') out += String(wall.day);
    else if (t === 'hh') out += pad(twelveHour ? hour12 : wall.hour, 2);
    else if (t === 'h') out += String(twelveHour ? hour12 : wall.hour);
    else if (t === 'ss') out += pad(wall.second, 2);
    else if (t === 's') out += String(wall.second);
    else if (t === 'am/pm') out += wall.hour < 12 ? 'AM' : 'PM';
    else if (t === 'a/p') out += wall.hour < 12 ? 'A' : 'P';
    else if (/^\.0+$/.test(t)) out += '.' + pad(wall.millisecond, 3).slice(0, t.length - 1);
    else out += token;
  }
  return out;
}

function literalText(part: string): string {
  return part
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/[_*]./g, '');
}

export function formatNumber(value: number, format: string): string {
  const sections = format.split(';');
  let section = sections[0] as string;
  let abs = value;
  let sign = value < 0 ? '-' : '';
  if (value < 0 && sections.length > 1) {
    section = sections[1] as string;
    sign = '';
    abs = -value;
  } else if (value === 0 && sections.length > 2) {
    section = sections[2] as string;
  } else {
    abs = Math.abs(value);
  }
  const core = /[#0?][#0?,]*(?:\.[#0?]*)?|\.[#0?]+/.exec(section.replace(/"[^"]*"/g, (m) => '\u0000'.repeat(m.length)));
  if (!core) return sign + literalText(section);
  const prefix = literalText(section.slice(0, core.index));
  const suffix = literalText(section.slice(core.index + core[0].length));
  const pattern = core[0];
  if (/%/.test(prefix + suffix)) abs *= 100;
  const [intPattern = '', decPattern = ''] = pattern.split('.');
  const maxDecimals = (decPattern.match(/[#0?]/g) ?? []).length;
  const minDecimals = (decPattern.match(/0/g) ?? []).length;
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const grouping = intPattern.includes(',');
  let [intPart = '0', decPart = ''] = abs.toFixed(maxDecimals).split('.');
  while (decPart.length > minDecimals && decPart.endsWith('0')) decPart = decPart.slice(0, -1);
  if (intPart === '0' && minInt === 0) intPart = '';
  intPart = intPart.padStart(minInt, '0');
  if (grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = decPart.length > 0 ? `${intPart}.${decPart}` : intPart;
  const isZero = Number(abs.toFixed(maxDecimals)) === 0;
  return (isZero ? '' : sign) + prefix + number + suffix;
}
