import vm from 'node:vm';
import { RuntimeContext } from '../../src/local/core/context';
import { createUtilities } from '../../src/local/services/utilities';

/**
 * Utilities.formatDate / parseDate: Java SE SimpleDateFormat semantics (docs/apps-script/services.md §8, "Formats date
 * according to specification described in Java SE SimpleDateFormat class").
 */
type DateUtilities = {
  formatDate(date: unknown, tz: unknown, pattern: unknown): string;
  parseDate(text: unknown, tz: unknown, pattern: unknown): Date;
};

const START = Date.parse('2024-06-03T09:00:00+08:00');

function setup(): { ctx: RuntimeContext; u: DateUtilities } {
  const ctx = new RuntimeContext({ startMs: START, user: { email: 'owner@example.com', locale: 'en' } });
  return { ctx, u: createUtilities(ctx).Utilities as DateUtilities };
}

// Monday 3 June 2024, 09:05:07.089 in Shanghai (01:05:07.089 UTC).
const SAMPLE = new Date(Date.parse('2024-06-03T09:05:07.089+08:00'));

describe('Utilities.formatDate (SimpleDateFormat patterns, docs/apps-script/services.md §8)', () => {
  const { u } = setup();
  const fmt = (pattern: string, tz = 'Asia/Shanghai', date = SAMPLE): string => u.formatDate(date, tz, pattern);

  test.each([
    ['yyyy-MM-dd HH:mm:ss.SSS', '2024-06-03 09:05:07.089'],
    ['y yy yyy yyyyy', '2024 24 2024 02024'],
    ['M MM MMM MMMM', '6 06 Jun June'],
    ['d dd', '3 03'],
    ['E EEE EEEE u', 'Mon Mon Monday 1'],
    ['H HH h hh a', '9 09 9 09 AM'],
    ['m mm s ss S SSS SSSS', '5 05 7 07 89 089 0089'],
    ['D w W F G', '155 23 2 1 AD'], // 1 June 2024 is a Saturday: the 3rd is in week 2 of the month
    ['z zzzz Z X XX XXX', 'CST China Standard Time +0800 +08 +0800 +08:00'],
    ["'at' HH 'o''clock'", "at 09 o'clock"],
    ["''yy''", "'24'"],
    ['dd/MM/yyyy', '03/06/2024'],
  ])('%s → %s', (pattern, expected) => {
    expect(fmt(pattern)).toBe(expected);
  });

  test('time zones: IANA with DST, UTC, custom GMT offsets with minutes', () => {
    expect(fmt('yyyy-MM-dd HH:mm z Z', 'UTC')).toBe('2024-06-03 01:05 UTC +0000');
    expect(fmt('HH:mm z Z XXX', 'America/New_York')).toBe('21:05 EDT -0400 -04:00');
    expect(fmt('HH:mm z', 'America/New_York', new Date(Date.UTC(2024, 0, 15, 12)))).toBe('07:00 EST');
    expect(fmt('HH:mm Z z', 'GMT+5:30')).toBe('06:35 +0530 GMT+05:30');
    expect(fmt('HH:mm X', 'GMT')).toBe('01:05 Z');
    expect(fmt('HH:mm z', 'Europe/London')).toBe('02:05 BST');
  });

  test('an unknown zone id formats in GMT, as java.util.TimeZone.getTimeZone falls back', () => {
    expect(fmt('HH:mm z', 'Mars/Olympus')).toBe('01:05 GMT');
  });

  test('12/24-hour variants at midnight and noon (k is 1–24, K is 0–11)', () => {
    const midnight = new Date(Date.UTC(2024, 5, 3, 0, 0));
    const noon = new Date(Date.UTC(2024, 5, 3, 12, 0));
    expect(fmt('H k K h a', 'UTC', midnight)).toBe('0 24 0 12 AM');
    expect(fmt('H k K h a', 'UTC', noon)).toBe('12 12 0 12 PM');
  });

  test('US week rules: the last days of December belong to week 1 of the next week-year', () => {
    const dec29 = new Date(Date.UTC(2024, 11, 29, 12)); // a Sunday
    const dec28 = new Date(Date.UTC(2024, 11, 28, 12)); // a Saturday
    expect(fmt('YYYY-ww', 'UTC', dec29)).toBe('2025-01');
    expect(fmt('YYYY-ww yyyy', 'UTC', dec28)).toBe('2024-52 2024');
    expect(fmt('w', 'UTC', new Date(Date.UTC(2024, 0, 7, 12)))).toBe('2'); // Sunday 7 Jan starts week 2
  });

  test("an unknown pattern letter throws Java's message (UNCONFIRMED wording)", () => {
    expect(() => fmt('yyyy-MM-dd Q')).toThrow("Illegal pattern character 'Q'");
    expect(() => fmt('hello')).toThrow("Illegal pattern character 'e'");
    expect(() => fmt("'open")).toThrow('Unterminated quote');
  });

  test('arguments that match no overload throw the signature error', () => {
    expect(() => u.formatDate('2024-06-03', 'UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
    expect(() => u.formatDate(new Date(NaN), 'UTC', 'yyyy')).toThrow('Invalid argument: date');
  });

  test('accepts Dates of the script realm (vm context)', () => {
    const scriptDate = vm.runInNewContext('new Date(Date.UTC(2024, 5, 3, 1, 5))') as Date;
    expect(u.formatDate(scriptDate, 'Asia/Shanghai', 'HH:mm')).toBe('09:05');
  });
});

describe('Utilities.parseDate (lenient SimpleDateFormat.parse)', () => {
  const { u, ctx } = setup();
  const parse = (text: string, pattern: string, tz = 'Asia/Shanghai'): number =>
    u.parseDate(text, tz, pattern).getTime();

  test('numbers and literals, in the given zone', () => {
    expect(parse('2024-06-03 09:05', 'yyyy-MM-dd HH:mm')).toBe(Date.parse('2024-06-03T09:05:00+08:00'));
    expect(parse('2024-06-03 09:05', 'yyyy-MM-dd HH:mm', 'UTC')).toBe(Date.parse('2024-06-03T09:05:00Z'));
    expect(parse('03/06/2024', 'dd/MM/yyyy')).toBe(Date.parse('2024-06-03T00:00:00+08:00'));
  });

  test('abutting numeric fields read fixed widths', () => {
    expect(parse('20240603', 'yyyyMMdd')).toBe(Date.parse('2024-06-03T00:00:00+08:00'));
    expect(parse('202406030905', 'yyyyMMddHHmm')).toBe(Date.parse('2024-06-03T09:05:00+08:00'));
  });

  test('month and day names, AM/PM, any case', () => {
    expect(parse('Mon, 3 Jun 2024 9:05 PM', 'EEE, d MMM yyyy h:mm a')).toBe(Date.parse('2024-06-03T21:05:00+08:00'));
    expect(parse('3 june 2024 12:30 am', 'd MMMM yyyy hh:mm a')).toBe(Date.parse('2024-06-03T00:30:00+08:00'));
  });

  test('a zone in the text wins over the timeZone argument', () => {
    expect(parse('2024-06-03T09:05:00+0200', "yyyy-MM-dd'T'HH:mm:ssZ")).toBe(Date.parse('2024-06-03T09:05:00+02:00'));
    expect(parse('2024-06-03T09:05:00Z', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(Date.parse('2024-06-03T09:05:00Z'));
    expect(parse('2024-06-03 09:05 GMT-05:00', 'yyyy-MM-dd HH:mm z')).toBe(Date.parse('2024-06-03T09:05:00-05:00'));
  });

  test('lenient: out-of-range fields roll over; two-digit years use the 80/20 century window', () => {
    expect(parse('2024-13-01', 'yyyy-MM-dd')).toBe(Date.parse('2025-01-01T00:00:00+08:00'));
    expect(parse('03/06/24', 'dd/MM/yy')).toBe(Date.parse('2024-06-03T00:00:00+08:00'));
    expect(parse('03/06/50', 'dd/MM/yy')).toBe(Date.parse('1950-06-03T00:00:00+08:00'));
  });

  test('trailing text is ignored; a mismatch throws (message UNCONFIRMED, Java ParseException text)', () => {
    expect(parse('2024-06-03 and more', 'yyyy-MM-dd')).toBe(Date.parse('2024-06-03T00:00:00+08:00'));
    expect(() => parse('June', 'yyyy-MM-dd')).toThrow('Unparseable date: "June"');
    expect(() => parse('2024/06/03', 'yyyy-MM-dd')).toThrow('Unparseable date: "2024/06/03"');
  });

  test('returns a Date of the script realm', () => {
    const ScriptDate = vm.runInNewContext('Date') as DateConstructor;
    ctx.setDateConstructor(ScriptDate);
    expect(u.parseDate('2024-06-03', 'UTC', 'yyyy-MM-dd')).toBeInstanceOf(ScriptDate);
    ctx.setDateConstructor(Date);
  });

  test('round trip with formatDate', () => {
    const pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    const text = u.formatDate(SAMPLE, 'America/New_York', pattern);
    expect(text).toBe('2024-06-02T21:05:07.089-04:00');
    expect(parse(text, pattern)).toBe(SAMPLE.getTime());
  });
});
