/**
 * Calendar dates without a time zone: 'yyyy-MM-dd' strings (LocalDate), the proleptic Gregorian calendar,
 * and the date formats users type in sheets and forms. Pure arithmetic on day numbers (days since
 * 1970-01-01), so it runs the same in Apps Script's V8, the sidebars and Node.
 */

/** A calendar date as 'yyyy-MM-dd' (the form Settings holidays and date cells are compared in). */
export type LocalDate = string;

/** Milliseconds since the Unix epoch: an instant, independent of any zone. */
export type Instant = number;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

export interface DateParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real date with a four-digit year (Date.UTC maps years 0–99 to 19xx, so those are refused). */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value));

export function formatDate(year: number, month: number, day: number): LocalDate {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

const STRICT_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a well-formed, real 'yyyy-MM-dd' ('2023-02-29' is not). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = STRICT_DATE.exec(value);
  return match !== null && isValidDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The parts of a 'yyyy-MM-dd'; anything else is a programming error (parse user input first). */
export function dateParts(date: LocalDate): DateParts {
  const match = STRICT_DATE.exec(date);
  if (!match || !isValidDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new RangeError(`invalid local date "${date}" (expected yyyy-MM-dd)`);
  }
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** Days since 1970-01-01 (negative before). */
/** Day numbers already worked out: jobs ask for the same few thousand dates again and again. */
const dayNumbers = new Map<string, number>();

export function dayNumber(date: LocalDate): number {
  let days = dayNumbers.get(date);
  if (days === undefined) {
    const { year, month, day } = dateParts(date);
    days = Date.UTC(year, month - 1, day) / MS_PER_DAY;
    if (dayNumbers.size >= 100_000) dayNumbers.clear();
    dayNumbers.set(date, days);
  }
  return days;
}

export function dateFromDayNumber(days: number): LocalDate {
  const utc = new Date(days * MS_PER_DAY);
  return formatDate(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** Calendar days from a to b (b − a), e.g. 2024-02-28 → 2024-03-01 is 2 in a leap year. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday (4). */
export function isoWeekday(date: LocalDate): number {
  const offset = (((dayNumber(date) + 3) % 7) + 7) % 7; // 0 = Monday
  return offset + 1;
}

/** The Monday of the ISO week (Mon–Sun) that contains the date. */
export function startOfIsoWeek(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

export function startOfMonth(date: LocalDate): LocalDate {
  const { year, month } = dateParts(date);
  return formatDate(year, month, 1);
}

/** The first day of the month after the date's month. */
export function startOfNextMonth(date: LocalDate): LocalDate {
  const { year, month } = dateParts(date);
  return month === 12 ? formatDate(year + 1, 1, 1) : formatDate(year, month + 1, 1);
}

/**
 * The date of month/day in a year; Feb 29 falls on Feb 28 in common years (a birthday on a leap day is
 * still celebrated every year, docs/product-rules.md §2 care dates).
 */
export function dateInYear(year: number, month: number, day: number): LocalDate {
  return formatDate(year, month, Math.min(day, daysInMonth(year, month)));
}

/**
 * Full-width digits and punctuation (typed by Chinese input methods) to ASCII, white space trimmed. Done
 * by code point rather than String.prototype.normalize, which needs ICU that Apps Script may lack.
 */
function halfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

// yyyy-M-d, yyyy/M/d, yyyy.M.d, yyyy年M月d日 (日 optional), yyyyMMdd.
const LOOSE_DATE =
  /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?|(\d{2})(\d{2}))$/;

/**
 * A date as users type it: '2024-06-01', '2024/6/1', '2024.6.1', '2024年6月1日', '20240601', also with
 * full-width digits. Returns 'yyyy-MM-dd', or null when the text is not a real date ('2023-02-29').
 */
export function parseLocalDate(text: string): LocalDate | null {
  const match = LOOSE_DATE.exec(halfWidth(String(text)));
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2] ?? match[4] ?? match[6]);
  const day = Number(match[3] ?? match[5] ?? match[7]);
  return isValidDate(year, month, day) ? formatDate(year, month, day) : null;
}

export interface MonthDay {
  month: number;
  day: number;
}

const LOOSE_MONTH_DAY = /^(\d{1,2})\s*(?:[-/.]\s*(\d{1,2})|月\s*(\d{1,2})\s*[日号號]?)$/;

/**
 * A recurring date (birthday, partnership anniversary): a full date as parseLocalDate accepts, or a month
 * and day alone ('06-01', '6/1', '6月1日'). Feb 29 is accepted (it is a real date in leap years).
 */
export function parseMonthDay(text: string): MonthDay | null {
  const full = parseLocalDate(text);
  if (full) {
    const { month, day } = dateParts(full);
    return { month, day };
  }
  const match = LOOSE_MONTH_DAY.exec(halfWidth(String(text)));
  if (!match) return null;
  const month = Number(match[1]);
  const day = Number(match[2] ?? match[3]);
  return isValidDate(2000, month, day) ? { month, day } : null;
}
