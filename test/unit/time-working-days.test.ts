import { addDays, isoWeekday } from '../../src/shared/time/calendar';
import { formatLocal } from '../../src/shared/time/local';
import {
  NO_HOLIDAYS,
  addHoursOnWorkingDays,
  addWorkingDays,
  addWorkingDaysToDate,
  isWorkingDay,
  nextWorkingDate,
  workingDaysBetween,
} from '../../src/shared/time/working-days';
import { fixedOffsetZone, transitionZone } from '../../src/shared/time/zone';

/** docs/product-rules.md §2: working days are Mon–Fri minus Settings holidays; hours landing on a day off move on. */

const utc = (text: string): number => Date.parse(`${text}Z`);
const shanghai = fixedOffsetZone('Asia/Shanghai', 480);
const newYork = transitionZone('America/New_York', -300, [
  { from: utc('2024-03-10T07:00'), offset: -240 },
  { from: utc('2024-11-03T06:00'), offset: -300 },
]);
/** National Day week 2024: Tuesday 1 October to Monday 7 October, as a Settings holiday list. */
const nationalDay = new Set([
  '2024-10-01',
  '2024-10-02',
  '2024-10-03',
  '2024-10-04',
  '2024-10-05',
  '2024-10-06',
  '2024-10-07',
]);
const local = (instant: number): string => formatLocal(instant, shanghai, 'datetime');

describe('working days', () => {
  it('are Monday to Friday minus holidays', () => {
    expect(isWorkingDay('2024-09-30', nationalDay)).toBe(true); // Monday
    expect(isWorkingDay('2024-09-28', nationalDay)).toBe(false); // Saturday
    expect(isWorkingDay('2024-09-29', nationalDay)).toBe(false); // Sunday (a make-up workday in China, not modelled)
    expect(isWorkingDay('2024-10-01', nationalDay)).toBe(false); // Tuesday, holiday
    expect(isWorkingDay('2024-10-08', nationalDay)).toBe(true);
    expect(isWorkingDay('2024-10-01', NO_HOLIDAYS)).toBe(true);
  });

  it('the next working date is the date itself or the first one after it', () => {
    expect(nextWorkingDate('2024-06-05', NO_HOLIDAYS)).toBe('2024-06-05');
    expect(nextWorkingDate('2024-06-08', NO_HOLIDAYS)).toBe('2024-06-10');
    expect(nextWorkingDate('2024-09-28', nationalDay)).toBe('2024-09-30');
    expect(nextWorkingDate('2024-10-01', nationalDay)).toBe('2024-10-08');
  });

  it.each([
    ['2024-06-07', 1, '2024-06-10'], // Friday + 1 → Monday
    ['2024-06-08', 1, '2024-06-10'], // Saturday + 1 → Monday
    ['2024-06-09', 1, '2024-06-10'], // Sunday + 1 → Monday
    ['2024-06-05', 3, '2024-06-10'], // Wednesday + 3 → Monday
    ['2024-06-03', 5, '2024-06-10'], // a full week
    ['2024-06-05', 0, '2024-06-05'], // 0 on a working day: the day itself
    ['2024-06-08', 0, '2024-06-10'], // 0 on a weekend: the next working day
    ['2024-06-10', -1, '2024-06-07'], // Monday − 1 → Friday
    ['2024-12-31', 2, '2025-01-02'],
  ])('%s + %i working days = %s', (date, days, expected) => {
    expect(addWorkingDaysToDate(date, days, NO_HOLIDAYS)).toBe(expected);
  });

  it('skip the National Day week', () => {
    expect(addWorkingDaysToDate('2024-09-30', 1, nationalDay)).toBe('2024-10-08');
    expect(addWorkingDaysToDate('2024-09-27', 3, nationalDay)).toBe('2024-10-09'); // Sep 30, Oct 8, Oct 9
    expect(addWorkingDaysToDate('2024-10-03', 1, nationalDay)).toBe('2024-10-08');
    expect(addWorkingDaysToDate('2024-09-26', 15, nationalDay)).toBe('2024-10-24');
  });

  it('refuse a fractional count', () => {
    expect(() => addWorkingDaysToDate('2024-06-05', 1.5, NO_HOLIDAYS)).toThrow(
      'working days must be a whole number, got 1.5',
    );
  });

  it('keep the wall time of the start, in the zone', () => {
    // Friday 15:00 in Shanghai (07:00 UTC) + 1 working day → Monday 15:00.
    expect(local(addWorkingDays(utc('2024-06-07T07:00'), 1, shanghai, NO_HOLIDAYS))).toBe('2024-06-10 15:00');
    // Friday 23:30 local is still Friday in Shanghai though UTC says 15:30 Friday: + 1 → Monday 23:30.
    expect(local(addWorkingDays(utc('2024-06-07T15:30'), 1, shanghai, NO_HOLIDAYS))).toBe('2024-06-10 23:30');
    // Saturday 00:30 local (Friday 16:30 UTC) counts from Saturday: + 1 → Monday 00:30.
    expect(local(addWorkingDays(utc('2024-06-07T16:30'), 1, shanghai, NO_HOLIDAYS))).toBe('2024-06-10 00:30');
    const wednesday = utc('2024-06-05T02:00');
    expect(addWorkingDays(wednesday, 0, shanghai, NO_HOLIDAYS)).toBe(wednesday);
  });

  it('keep the wall time across a daylight-saving change', () => {
    // Friday 09:00 EST + 1 working day → Monday 09:00 EDT (one hour fewer in UTC).
    expect(addWorkingDays(utc('2024-03-08T14:00'), 1, newYork, NO_HOLIDAYS)).toBe(utc('2024-03-11T13:00'));
  });
});

describe('deadlines in hours (docs/product-rules.md: moved to the same time on the next working day)', () => {
  const reportedAt = (localText: string): number => utc(localText) - 8 * 3_600_000; // Shanghai wall time

  it('stay put when they land on a working day', () => {
    expect(local(addHoursOnWorkingDays(reportedAt('2024-06-07T10:00'), 4, shanghai, NO_HOLIDAYS))).toBe(
      '2024-06-07 14:00',
    );
    expect(local(addHoursOnWorkingDays(reportedAt('2024-06-06T10:00'), 24, shanghai, NO_HOLIDAYS))).toBe(
      '2024-06-07 10:00',
    );
  });

  it('landing on Saturday move to Monday at the same time', () => {
    expect(local(addHoursOnWorkingDays(reportedAt('2024-06-07T22:00'), 4, shanghai, NO_HOLIDAYS))).toBe(
      '2024-06-10 02:00',
    );
    expect(local(addHoursOnWorkingDays(reportedAt('2024-06-07T10:00'), 24, shanghai, NO_HOLIDAYS))).toBe(
      '2024-06-10 10:00',
    );
    // Thursday + 72 h is Sunday 10:00 → Monday 10:00.
    expect(local(addHoursOnWorkingDays(reportedAt('2024-06-06T10:00'), 72, shanghai, NO_HOLIDAYS))).toBe(
      '2024-06-10 10:00',
    );
  });

  it('landing in the National Day week move to the Tuesday after it', () => {
    expect(local(addHoursOnWorkingDays(reportedAt('2024-09-30T16:00'), 24, shanghai, nationalDay))).toBe(
      '2024-10-08 16:00',
    );
    expect(local(addHoursOnWorkingDays(reportedAt('2024-09-30T16:00'), 4, shanghai, nationalDay))).toBe(
      '2024-09-30 20:00',
    );
  });

  it('count elapsed hours across a daylight-saving change, then keep the wall time', () => {
    // Saturday 09:00 EST + 24 h = Sunday 10:00 EDT (the night lost an hour) → Monday 10:00 EDT.
    expect(addHoursOnWorkingDays(utc('2024-03-09T14:00'), 24, newYork, NO_HOLIDAYS)).toBe(utc('2024-03-11T14:00'));
  });

  it('refuse hours that are not a number', () => {
    expect(() => addHoursOnWorkingDays(0, Number.NaN, shanghai, NO_HOLIDAYS)).toThrow('invalid hours NaN');
  });
});

describe('working days between two dates', () => {
  const bruteForce = (from: string, to: string, holidays: ReadonlySet<string>): number => {
    let count = 0;
    for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
      if (isoWeekday(date) <= 5 && !holidays.has(date)) count++;
    }
    return count;
  };

  it('counts the working days after the first up to the last', () => {
    expect(workingDaysBetween('2024-06-07', '2024-06-10', NO_HOLIDAYS)).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2024-09-27', '2024-10-08', nationalDay)).toBe(2); // Sep 30 and Oct 8
    expect(workingDaysBetween('2024-06-07', '2024-06-07', NO_HOLIDAYS)).toBe(0);
    expect(workingDaysBetween('2024-06-10', '2024-06-07', NO_HOLIDAYS)).toBe(0);
    expect(workingDaysBetween('2024-01-01', '2024-12-31', NO_HOLIDAYS)).toBe(261); // 2024 has 262 weekdays
  });

  it('agrees with counting day by day, holidays on weekends included', () => {
    const holidays = new Set([...nationalDay, '2024-06-08', '2024-06-10', 'not a date']);
    for (const [from, to] of [
      ['2024-06-01', '2024-06-30'],
      ['2024-06-05', '2024-06-11'],
      ['2024-09-01', '2024-10-31'],
      ['2024-02-26', '2024-03-04'],
      ['2023-12-29', '2025-01-06'],
    ] as const) {
      expect([from, to, workingDaysBetween(from, to, holidays)]).toEqual([from, to, bruteForce(from, to, holidays)]);
    }
  });
});
