import {
  addDays,
  dateInYear,
  dateParts,
  dateFromDayNumber,
  dayNumber,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isLocalDate,
  isoWeekday,
  parseLocalDate,
  parseMonthDay,
  startOfIsoWeek,
  startOfMonth,
  startOfNextMonth,
} from '../../src/shared/time/calendar';

/** Calendar dates without a zone: the arithmetic every deadline is built on. */

describe('leap years and month lengths', () => {
  it.each([
    [2024, true],
    [2023, false],
    [2000, true], // divisible by 400
    [1900, false], // divisible by 100 only
    [2100, false],
  ])('%i is leap: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it('February has 29 days in leap years, 28 otherwise; the 30-day months have 30', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect([4, 6, 9, 11].map((month) => daysInMonth(2024, month))).toEqual([30, 30, 30, 30]);
    expect([1, 3, 5, 7, 8, 10, 12].map((month) => daysInMonth(2024, month))).toEqual([31, 31, 31, 31, 31, 31, 31]);
  });
});

describe('strict local dates', () => {
  it('accepts real yyyy-MM-dd dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2024-2-29')).toBe(false);
    expect(isLocalDate('2024-13-01')).toBe(false);
    expect(isLocalDate(20240229)).toBe(false);
  });

  it('a malformed date given to the arithmetic is a programming error with a clear message', () => {
    expect(() => dateParts('2024/06/01')).toThrow('invalid local date "2024/06/01" (expected yyyy-MM-dd)');
    expect(() => dayNumber('2023-02-29')).toThrow(RangeError);
  });
});

describe('day arithmetic', () => {
  it('numbers days from 1970-01-01 and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2024-06-01')).toBe(19875);
    expect(dateFromDayNumber(19875)).toBe('2024-06-01');
    expect(dateFromDayNumber(-1)).toBe('1969-12-31');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-31', 30)).toBe('2024-03-01');
  });

  it('counts calendar days between dates (b − a)', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-06-10', '2024-06-01')).toBe(-9);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('gives ISO weekdays, Monday = 1 … Sunday = 7', () => {
    expect(isoWeekday('1970-01-01')).toBe(4); // Thursday
    expect(isoWeekday('2024-06-03')).toBe(1); // Monday
    expect(isoWeekday('2024-06-09')).toBe(7); // Sunday
    expect(isoWeekday('1969-12-29')).toBe(1); // before the epoch
    expect(isoWeekday('2024-10-01')).toBe(2); // National Day 2024 was a Tuesday
  });

  it('finds the Monday of the week and the month boundaries', () => {
    expect(startOfIsoWeek('2024-06-09')).toBe('2024-06-03'); // Sunday belongs to the week before
    expect(startOfIsoWeek('2024-06-03')).toBe('2024-06-03');
    expect(startOfIsoWeek('2025-01-01')).toBe('2024-12-30'); // a week across New Year
    expect(startOfMonth('2024-02-29')).toBe('2024-02-01');
    expect(startOfNextMonth('2024-02-10')).toBe('2024-03-01');
    expect(startOfNextMonth('2024-12-31')).toBe('2025-01-01');
  });

  it('puts Feb 29 on Feb 28 in common years', () => {
    expect(dateInYear(2025, 2, 29)).toBe('2025-02-28');
    expect(dateInYear(2028, 2, 29)).toBe('2028-02-29');
    expect(dateInYear(2025, 6, 1)).toBe('2025-06-01');
  });
});

describe('dates as users type them', () => {
  it.each([
    ['2024-06-01', '2024-06-01'],
    ['2024/6/1', '2024-06-01'],
    ['2024/06/01', '2024-06-01'],
    ['2024.6.1', '2024-06-01'],
    ['2024-6-1', '2024-06-01'],
    ['2024年6月1日', '2024-06-01'],
    ['2024年10月1号', '2024-10-01'],
    ['2024 年 6 月 1 日', '2024-06-01'],
    ['2024年6月1', '2024-06-01'],
    ['２０２４年６月１日', '2024-06-01'], // full-width digits from a Chinese input method
    ['  20240601 ', '2024-06-01'],
    ['2024-02-29', '2024-02-29'],
  ])('%s → %s', (text, date) => {
    expect(parseLocalDate(text)).toBe(date);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-06-31', '24-06-01', '06/01/2024', 'tomorrow', '', '2024-06-01 08:00'])(
    'refuses %j',
    (text) => {
      expect(parseLocalDate(text)).toBeNull();
    },
  );

  it('reads a recurring month and day, with or without a year', () => {
    expect(parseMonthDay('1985-06-01')).toEqual({ month: 6, day: 1 });
    expect(parseMonthDay('06-01')).toEqual({ month: 6, day: 1 });
    expect(parseMonthDay('6/1')).toEqual({ month: 6, day: 1 });
    expect(parseMonthDay('6月1日')).toEqual({ month: 6, day: 1 });
    expect(parseMonthDay('02-29')).toEqual({ month: 2, day: 29 });
    expect(parseMonthDay('2000-02-29')).toEqual({ month: 2, day: 29 });
    expect(parseMonthDay('02-30')).toBeNull();
    expect(parseMonthDay('13/1')).toBeNull();
    expect(parseMonthDay('someday')).toBeNull();
  });
});
