import { gasError } from '../core/errors';
import { formatOffset, resolveJavaZone, type JavaZone } from './java-date-format-zone';
import { MONTH_NAMES, WEEKDAY_NAMES } from '../core/english-names';

/**
 * Java SE SimpleDateFormat patterns, as Utilities.formatDate uses them ("Formats date according to
 * specification described in Java SE SimpleDateFormat class", docs/apps-script/services.md §8), with the English (en_US)
 * symbols: month and day names in English, AM/PM, and US week rules (weeks start on Sunday, week 1 is the
 * week containing January 1st) for w, W and Y.
 *
 * Pattern syntax (SimpleDateFormat javadoc): ASCII letters are pattern letters, text in single quotes is
 * literal, '' is a single quote (inside or outside quotes), every other character is literal. A letter that
 * is not a pattern letter throws IllegalArgumentException "Illegal pattern character 'x'"; Apps Script passes
 * that message through as an Exception (UNCONFIRMED wording beyond Java's own message).
 */
export type PatternToken = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; count: number };

/** Every letter SimpleDateFormat defines ("GyMdkHmsSEDFwWahKzZYuXL"). */
const PATTERN_LETTERS = new Set('GyMdkHmsSEDFwWahKzZYuXL'.split(''));
/** Fields rendered as numbers (so two of them side by side parse with fixed widths). */
export const NUMERIC_LETTERS = new Set('yYdkHmsSDFwWhKu'.split(''));

export const MONTHS: readonly string[] = MONTH_NAMES;
export const WEEKDAYS: readonly string[] = WEEKDAY_NAMES;

const compiled = new Map<string, PatternToken[]>();

export function compileJavaPattern(pattern: string): PatternToken[] {
  let tokens = compiled.get(pattern);
  if (!tokens) {
    tokens = tokenize(pattern);
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, tokens);
  }
  return tokens;
}

function tokenize(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  const pushLiteral = (text: string): void => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        pushLiteral("'");
        i += 2;
        continue;
      }
      let text = '';
      i += 1;
      for (;;) {
        if (i >= pattern.length) throw gasError('Unterminated quote');
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        text += pattern[i];
        i += 1;
      }
      pushLiteral(text);
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      if (!PATTERN_LETTERS.has(ch)) throw gasError(`Illegal pattern character '${ch}'`);
      let count = 1;
      while (pattern[i + count] === ch) count += 1;
      tokens.push({ kind: 'field', letter: ch, count });
      i += count;
      continue;
    }
    pushLiteral(ch);
    i += 1;
  }
  return tokens;
}

/** Calendar fields of an instant in a zone; week fields follow the en_US rules. */
export interface LocalFields {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday0: number; // 0 = Sunday
  dayOfYear: number;
  offsetMinutes: number;
}

export function localFields(ms: number, zone: JavaZone): LocalFields {
  const offsetMinutes = zone.offsetMinutesAt(ms);
  const local = new Date(ms + offsetMinutes * 60000);
  const year = local.getUTCFullYear();
  const startOfYear = Date.UTC(year, 0, 1);
  const startOfDay = Date.UTC(year, local.getUTCMonth(), local.getUTCDate());
  return {
    year,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday0: local.getUTCDay(),
    dayOfYear: Math.round((startOfDay - startOfYear) / 86400000) + 1,
    offsetMinutes,
  };
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** en_US week of year (Sunday first, minimal days 1): the days of late December in the week holding the
 *  next January 1st are week 1 of the next week-year, as java.util.GregorianCalendar reports them. */
export function usWeekOfYear(f: LocalFields): { week: number; weekYear: number } {
  const jan1Weekday = (((f.weekday0 - (f.dayOfYear - 1)) % 7) + 7) % 7;
  const daysInYear = isLeap(f.year) ? 366 : 365;
  const nextJan1Weekday = (jan1Weekday + daysInYear) % 7;
  if (nextJan1Weekday !== 0 && f.dayOfYear >= daysInYear + 1 - nextJan1Weekday) {
    return { week: 1, weekYear: f.year + 1 };
  }
  return { week: Math.floor((f.dayOfYear - 1 + jan1Weekday) / 7) + 1, weekYear: f.year };
}

function pad(value: number, width: number): string {
  const text = String(Math.abs(value));
  return (value < 0 ? '-' : '') + (text.length >= width ? text : '0'.repeat(width - text.length) + text);
}

export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const tokens = compileJavaPattern(pattern);
  const zone = resolveJavaZone(timeZone);
  const f = localFields(ms, zone);
  let out = '';
  for (const token of tokens) {
    out += token.kind === 'literal' ? token.text : formatField(token.letter, token.count, f, zone, ms);
  }
  return out;
}

function formatField(letter: string, count: number, f: LocalFields, zone: JavaZone, ms: number): string {
  switch (letter) {
    case 'G':
      return f.year > 0 ? 'AD' : 'BC';
    case 'y':
      // "If the number of pattern letters is 2, the year is truncated to 2 digits; otherwise it is
      // interpreted as a number" (SimpleDateFormat javadoc).
      return count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
    case 'Y': {
      const { weekYear } = usWeekOfYear(f);
      return count === 2 ? pad(weekYear % 100, 2) : pad(weekYear, count);
    }
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[f.month - 1] as string;
      if (count === 3) return (MONTHS[f.month - 1] as string).slice(0, 3);
      return pad(f.month, count);
    case 'd':
      return pad(f.day, count);
    case 'E':
      return count >= 4 ? (WEEKDAYS[f.weekday0] as string) : (WEEKDAYS[f.weekday0] as string).slice(0, 3);
    case 'u':
      return pad(f.weekday0 === 0 ? 7 : f.weekday0, count);
    case 'D':
      return pad(f.dayOfYear, count);
    case 'F':
      return pad(Math.floor((f.day - 1) / 7) + 1, count);
    case 'w':
      return pad(usWeekOfYear(f).week, count);
    case 'W': {
      const firstOfMonthWeekday = (((f.weekday0 - (f.day - 1)) % 7) + 7) % 7;
      return pad(Math.floor((f.day - 1 + firstOfMonthWeekday) / 7) + 1, count);
    }
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(f.hour, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      // Java's S is the millisecond NUMBER padded to the count (S → "7", SSS → "007"), not a fraction.
      return pad(f.millisecond, count);
    case 'z':
      return count >= 4 ? zone.longName(ms) : zone.shortName(ms);
    case 'Z':
      return formatOffset(f.offsetMinutes, '');
    case 'X':
      if (f.offsetMinutes === 0) return 'Z';
      if (count === 1) return formatOffset(f.offsetMinutes, '').slice(0, 3);
      if (count === 2) return formatOffset(f.offsetMinutes, '');
      if (count === 3) return formatOffset(f.offsetMinutes, ':');
      throw gasError('invalid ISO 8601 format: length=' + count);
    default:
      throw gasError(`Illegal pattern character '${letter}'`);
  }
}
