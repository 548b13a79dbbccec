import { notSupported } from '../core/errors';
import { compileJavaPattern, MONTHS, NUMERIC_LETTERS, WEEKDAYS, type PatternToken } from './java-date-format';
import { resolveJavaZone } from './java-date-format-zone';

/**
 * Utilities.parseDate(text, timeZone, pattern): SimpleDateFormat.parse in its default LENIENT mode
 * (docs/apps-script/services.md §8 "parseDate works the same way" as formatDate). What is reproduced:
 *  - spaces/tabs before a field are skipped; literals must match exactly;
 *  - a numeric field directly followed by another numeric field reads exactly `count` digits
 *    ("yyyyMMdd"), otherwise as many digits as there are;
 *  - month names (full or short, any case) for MMM/MMMM, day names for E (read, then ignored as Java does
 *    when a day of month is known), AM/PM for a;
 *  - yy with exactly two digits maps into the 100 years starting 80 years before now (Java's default
 *    century);
 *  - lenient overflow: month 13, day 32, hour 25 roll over (Date.UTC does the same arithmetic);
 *  - z/Z/X read "GMT+08:00", "+0800", "+08:00", "+08", "Z", "UTC", "GMT"; the zone read wins over timeZone;
 *  - text after the pattern is ignored (parse(String) only fails when nothing could be parsed).
 * Returns null when the text does not match; the caller throws. Week-based letters (Y, w, W, F, u) are not
 * modelled for parsing and throw "not supported".
 */
interface ParsedFields {
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hour24?: number;
  hour12?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  millisecond?: number;
  offsetMinutes?: number;
}

export function parseJavaDate(text: string, timeZone: string, pattern: string, nowMs: number): number | null {
  const tokens = compileJavaPattern(pattern);
  const fields: ParsedFields = {};
  let pos = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as PatternToken;
    if (token.kind === 'literal') {
      if (!text.startsWith(token.text, pos)) return null;
      pos += token.text.length;
      continue;
    }
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos += 1;
    const next = tokens[t + 1];
    const abutting = next !== undefined && next.kind === 'field' && isNumericField(next.letter, next.count);
    const consumed = parseField(token.letter, token.count, text, pos, abutting, fields, nowMs);
    if (consumed === null) return null;
    pos += consumed;
  }
  return toEpoch(fields, timeZone);
}

/** M and L are numbers only with one or two letters; MMM is a name. */
function isNumericField(letter: string, count: number): boolean {
  return NUMERIC_LETTERS.has(letter) || ((letter === 'M' || letter === 'L') && count <= 2);
}

function readNumber(text: string, pos: number, maxDigits: number): { value: number; length: number } | null {
  let end = pos;
  const negative = text[end] === '-';
  if (negative) end += 1;
  const digitsStart = end;
  while (
    end < text.length &&
    end - digitsStart < maxDigits &&
    text.charCodeAt(end) >= 48 &&
    text.charCodeAt(end) <= 57
  ) {
    end += 1;
  }
  if (end === digitsStart) return null;
  const value = Number(text.slice(digitsStart, end));
  return { value: negative ? -value : value, length: end - pos };
}

function matchName(text: string, pos: number, names: readonly string[]): { index: number; length: number } | null {
  // Full names first, then three-letter abbreviations, longest match wins, case-insensitive.
  let best: { index: number; length: number } | null = null;
  const rest = text.slice(pos).toLowerCase();
  names.forEach((name, index) => {
    for (const candidate of [name, name.slice(0, 3)]) {
      if (rest.startsWith(candidate.toLowerCase()) && (!best || candidate.length > best.length)) {
        best = { index, length: candidate.length };
      }
    }
  });
  return best;
}

function parseField(
  letter: string,
  count: number,
  text: string,
  pos: number,
  abutting: boolean,
  fields: ParsedFields,
  nowMs: number,
): number | null {
  const maxDigits = abutting ? count : 32;
  const numeric = (): { value: number; length: number } | null => readNumber(text, pos, maxDigits);
  switch (letter) {
    case 'G': {
      const era = /^(AD|BC)/i.exec(text.slice(pos));
      return era ? 2 : null;
    }
    case 'y': {
      const n = numeric();
      if (!n) return null;
      const twoDigitYear = count <= 2 && n.length === 2 && /^\d\d$/.test(text.substr(pos, 2));
      fields.year = twoDigitYear ? resolveTwoDigitYear(n.value, nowMs) : n.value;
      return n.length;
    }
    case 'M':
    case 'L': {
      if (count >= 3) {
        const name = matchName(text, pos, MONTHS);
        if (!name) return null;
        fields.month = name.index + 1;
        return name.length;
      }
      const n = numeric();
      if (!n) return null;
      fields.month = n.value;
      return n.length;
    }
    case 'E': {
      const name = matchName(text, pos, WEEKDAYS);
      return name ? name.length : null;
    }
    case 'a': {
      const marker = /^(AM|PM)/i.exec(text.slice(pos));
      if (!marker) return null;
      fields.pm = (marker[1] as string).toUpperCase() === 'PM';
      return 2;
    }
    case 'z':
    case 'Z':
    case 'X':
      return parseZone(text, pos, fields);
    case 'd':
    case 'D':
    case 'H':
    case 'k':
    case 'h':
    case 'K':
    case 'm':
    case 's':
    case 'S': {
      const n = numeric();
      if (!n) return null;
      assignNumeric(letter, n.value, fields);
      return n.length;
    }
    default:
      throw notSupported(`Utilities.parseDate pattern letter '${letter}'`);
  }
}

function assignNumeric(letter: string, value: number, fields: ParsedFields): void {
  if (letter === 'd') fields.day = value;
  else if (letter === 'D') fields.dayOfYear = value;
  else if (letter === 'H') fields.hour24 = value;
  else if (letter === 'k') fields.hour24 = value === 24 ? 0 : value;
  else if (letter === 'h') fields.hour12 = value === 12 ? 0 : value;
  else if (letter === 'K') fields.hour12 = value;
  else if (letter === 'm') fields.minute = value;
  else if (letter === 's') fields.second = value;
  else fields.millisecond = value;
}

/** Java: a two-digit year lands within 80 years before and 20 years after the time of parsing. */
function resolveTwoDigitYear(twoDigits: number, nowMs: number): number {
  const start = new Date(nowMs).getUTCFullYear() - 80;
  let year = Math.floor(start / 100) * 100 + twoDigits;
  if (year < start) year += 100;
  return year;
}

function parseZone(text: string, pos: number, fields: ParsedFields): number | null {
  const rest = text.slice(pos);
  const gmt = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?/.exec(rest);
  if (gmt) {
    fields.offsetMinutes = gmt[1] ? signedMinutes(gmt[1], gmt[2] as string, gmt[3]) : 0;
    return gmt[0].length;
  }
  if (rest.startsWith('Z')) {
    fields.offsetMinutes = 0;
    return 1;
  }
  const offset = /^([+-])(\d{2})(?::?(\d{2}))?/.exec(rest);
  if (offset) {
    fields.offsetMinutes = signedMinutes(offset[1] as string, offset[2] as string, offset[3]);
    return offset[0].length;
  }
  return null;
}

function signedMinutes(sign: string, hours: string, minutes: string | undefined): number {
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? '0'));
}

function toEpoch(fields: ParsedFields, timeZone: string): number {
  let hour = fields.hour24;
  if (hour === undefined) hour = (fields.hour12 ?? 0) + (fields.pm ? 12 : 0);
  const year = fields.year ?? 1970;
  let month = fields.month ?? 1;
  let day = fields.day ?? 1;
  if (fields.dayOfYear !== undefined && fields.month === undefined && fields.day === undefined) {
    month = 1;
    day = fields.dayOfYear;
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, fields.minute ?? 0, fields.second ?? 0, fields.millisecond ?? 0);
  const wall = date.getTime();
  if (fields.offsetMinutes !== undefined) return wall - fields.offsetMinutes * 60000;
  // Two passes, as core/timezone's zonedTimeToUtc, so DST edges resolve like a wall clock.
  const zone = resolveJavaZone(timeZone);
  const guess = wall - zone.offsetMinutesAt(wall) * 60000;
  return wall - zone.offsetMinutesAt(guess) * 60000;
}
