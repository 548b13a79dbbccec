import {
  addLocalDays,
  formatLocal,
  instantOf,
  localDate,
  localDayKey,
  localDaysBetween,
  localParts,
  startOfDate,
  startOfLocalDay,
} from '../../src/shared/time/local';
import type { Zone } from '../../src/shared/time/zone';
import {
  UTC_ZONE,
  fixedOffsetZone,
  memoizedZone,
  parseUtcOffset,
  transitionZone,
  zoneFromOffsetText,
} from '../../src/shared/time/zone';

/** Instants seen in the spreadsheet's zone (docs/product-rules.md §8: dates in the spreadsheet's time zone). */

const utc = (text: string): number => Date.parse(`${text}Z`);
const shanghai = fixedOffsetZone('Asia/Shanghai', 480);
/** America/New_York 2024 (tzdb): EDT from 2024-03-10 02:00 EST, EST again from 2024-11-03 02:00 EDT. */
const newYork = transitionZone('America/New_York', -300, [
  { from: utc('2024-03-10T07:00'), offset: -240 },
  { from: utc('2024-11-03T06:00'), offset: -300 },
]);
/** Europe/London 2024: BST from 2024-03-31 01:00 UTC to 2024-10-27 01:00 UTC. */
const london = transitionZone('Europe/London', 0, [
  { from: utc('2024-10-27T01:00'), offset: 0 },
  { from: utc('2024-03-31T01:00'), offset: 60 },
]);

describe('zones', () => {
  it('a fixed-offset zone has one offset; an absurd offset is refused', () => {
    expect(shanghai.offsetAt(0)).toBe(480);
    expect(shanghai.offsetAt(utc('2024-06-01T00:00'))).toBe(480);
    expect(UTC_ZONE.offsetAt(utc('2024-06-01T00:00'))).toBe(0);
    expect(() => fixedOffsetZone('Mars/Olympus', 24 * 60)).toThrow('invalid UTC offset 1440 minutes');
  });

  it('a transition table gives each instant the offset in force (transitions in any order)', () => {
    expect(london.offsetAt(utc('2024-03-31T00:59'))).toBe(0);
    expect(london.offsetAt(utc('2024-03-31T01:00'))).toBe(60);
    expect(london.offsetAt(utc('2024-10-27T00:59'))).toBe(60);
    expect(london.offsetAt(utc('2024-10-27T01:00'))).toBe(0);
    expect(newYork.offsetAt(utc('2023-12-31T00:00'))).toBe(-300);
  });

  it('a memoized zone asks the underlying zone twice per day, and per 15-minute slot on a day the offset changes', () => {
    let calls = 0;
    const counted: Zone = {
      name: 'America/New_York',
      offsetAt: (instant) => {
        calls++;
        return newYork.offsetAt(instant);
      },
    };
    const memo = memoizedZone(counted);
    const instants = [
      utc('2024-03-10T06:50'),
      utc('2024-03-10T06:59'),
      utc('2024-03-10T07:00'),
      utc('2024-03-10T07:14'),
    ];
    expect(instants.map((instant) => memo.offsetAt(instant))).toEqual([-300, -300, -240, -240]);
    // The change day: its first and last slot differ, so each slot asked about is looked up.
    expect(calls).toBe(4);
    // An ordinary day: its first and last slot, whatever the number of instants.
    calls = 0;
    const day = Array.from({ length: 96 }, (_, index) => utc('2024-07-04T00:00') + index * 15 * 60_000 + 7_000);
    expect(new Set(day.map((instant) => memo.offsetAt(instant)))).toEqual(new Set([-240]));
    expect(calls).toBe(2);
    // The day before and after the change, to the minute.
    expect(memo.offsetAt(utc('2024-03-09T23:59'))).toBe(-300);
    expect(memo.offsetAt(utc('2024-03-11T00:00'))).toBe(-240);
    expect(memo.name).toBe('America/New_York');
  });
});

describe('zones from offset text (what the server gets from Utilities.formatDate(d, tz, "Z"))', () => {
  it.each([
    ['+0800', 480],
    ['+08:00', 480],
    ['-0430', -270],
    ['+0545', 345],
    ['GMT+08:00', 480],
    ['UTC-5', -300],
    ['Z', 0],
    ['UTC', 0],
    [' +0000 ', 0],
  ])('%j → %i minutes', (text, minutes) => {
    expect(parseUtcOffset(text)).toBe(minutes);
  });

  it.each(['', '0800', '+08:75', '+2500', 'Asia/Shanghai'])('%j is not an offset', (text) => {
    expect(parseUtcOffset(text)).toBeNull();
  });

  it('builds a memoized zone from a formatter and refuses text it cannot read', () => {
    let calls = 0;
    const zone = zoneFromOffsetText('America/New_York', (instant) => {
      calls++;
      return newYork.offsetAt(instant) === -240 ? '-0400' : '-0500';
    });
    expect(localDate(utc('2024-07-01T03:00'), zone)).toBe('2024-06-30');
    expect(formatLocal(utc('2024-07-01T03:00'), zone, 'datetime')).toBe('2024-06-30 23:00');
    expect(instantOf('2024-01-15', 9 * 60, zone)).toBe(utc('2024-01-15T14:00'));
    const before = calls;
    localDate(utc('2024-07-01T03:05'), zone);
    expect(calls).toBe(before);
    const broken = zoneFromOffsetText('Broken/Zone', () => 'GMT+8 (China)');
    expect(() => localDate(0, broken)).toThrow('unreadable UTC offset "GMT+8 (China)" for Broken/Zone');
  });
});

describe('Asia/Shanghai across midnight', () => {
  it('23:30 local is 15:30 UTC the same day; 00:30 local is 16:30 UTC the day before', () => {
    expect(localDate(utc('2024-06-01T15:30'), shanghai)).toBe('2024-06-01');
    expect(localDate(utc('2024-06-01T16:30'), shanghai)).toBe('2024-06-02'); // UTC still says June 1
    expect(localDate(utc('2024-05-31T16:00'), shanghai)).toBe('2024-06-01'); // local midnight exactly
    expect(localDate(utc('2024-05-31T15:59:59.999'), shanghai)).toBe('2024-05-31');
  });

  it('gives the day key of ids in the local date (docs/product-rules.md §1: C20240601001)', () => {
    expect(localDayKey(utc('2024-05-31T16:00'), shanghai)).toBe('20240601');
    expect(localDayKey(utc('2024-12-31T16:00'), shanghai)).toBe('20250101'); // New Year in Shanghai first
  });

  it('gives every local part', () => {
    expect(localParts(utc('2024-06-02T15:45:30.250'), shanghai)).toEqual({
      date: '2024-06-02',
      year: 2024,
      month: 6,
      day: 2,
      hour: 23,
      minute: 45,
      second: 30,
      millisecond: 250,
      weekday: 7, // Sunday
      minutesOfDay: 23 * 60 + 45 + 30.25 / 60,
      offset: 480,
    });
  });

  it('finds the instant of a local wall time', () => {
    expect(instantOf('2024-06-02', 30, shanghai)).toBe(utc('2024-06-01T16:30'));
    expect(instantOf('2024-06-01', 23 * 60 + 30, shanghai)).toBe(utc('2024-06-01T15:30'));
    expect(instantOf('2024-06-01', 0, shanghai)).toBe(utc('2024-05-31T16:00'));
    expect(() => instantOf('2024-06-31', 0, shanghai)).toThrow(RangeError);
    expect(() => instantOf('2024-06-01', Number.NaN, shanghai)).toThrow('invalid minutes of day NaN');
  });

  it('starts the local day at local midnight, not UTC midnight', () => {
    expect(startOfLocalDay(utc('2024-06-01T20:00'), shanghai)).toBe(utc('2024-06-01T16:00')); // 04:00 on June 2
    expect(startOfLocalDay(utc('2024-06-01T15:00'), shanghai)).toBe(utc('2024-05-31T16:00')); // 23:00 on June 1
    expect(startOfDate('2024-06-01', shanghai)).toBe(utc('2024-05-31T16:00'));
  });

  it('counts calendar days between local dates, not 24-hour spans', () => {
    // 23:59 to 00:01 the next local day: two minutes, one calendar day, while UTC sees the same date.
    expect(localDaysBetween(utc('2024-06-01T15:59'), utc('2024-06-01T16:01'), shanghai)).toBe(1);
    expect(localDaysBetween(utc('2024-06-01T16:01'), utc('2024-06-02T15:59'), shanghai)).toBe(0);
    expect(localDaysBetween(utc('2024-06-02T00:00'), utc('2024-06-01T00:00'), shanghai)).toBe(-1);
  });

  it('adds local days at the same wall time, across months and leap days', () => {
    expect(addLocalDays(utc('2024-02-28T01:00'), 1, shanghai)).toBe(utc('2024-02-29T01:00'));
    expect(addLocalDays(utc('2024-05-31T16:30:15.5'), 30, shanghai)).toBe(utc('2024-06-30T16:30:15.5'));
    expect(addLocalDays(utc('2024-06-01T10:00'), -1, shanghai)).toBe(utc('2024-05-31T10:00'));
    expect(() => addLocalDays(utc('2024-06-01T10:00'), 1.5, shanghai)).toThrow('days must be a whole number, got 1.5');
  });

  it('formats dates and date-times in the zone', () => {
    expect(formatLocal(utc('2024-06-01T16:05'), shanghai, 'date')).toBe('2024-06-02');
    expect(formatLocal(utc('2024-06-01T16:05'), shanghai, 'datetime')).toBe('2024-06-02 00:05');
    expect(formatLocal(utc('2024-06-01T01:02'), UTC_ZONE, 'datetime')).toBe('2024-06-01 01:02');
  });

  it('refuses an instant that is not a number', () => {
    expect(() => localDate(Number.NaN, shanghai)).toThrow('invalid instant NaN');
  });
});

describe('daylight saving time (America/New_York, Europe/London)', () => {
  it('reads local times on both sides of a transition', () => {
    expect(formatLocal(utc('2024-03-10T06:59'), newYork, 'datetime')).toBe('2024-03-10 01:59'); // EST
    expect(formatLocal(utc('2024-03-10T07:00'), newYork, 'datetime')).toBe('2024-03-10 03:00'); // EDT
    expect(formatLocal(utc('2024-11-03T05:30'), newYork, 'datetime')).toBe('2024-11-03 01:30'); // EDT
    expect(formatLocal(utc('2024-11-03T06:30'), newYork, 'datetime')).toBe('2024-11-03 01:30'); // EST, again
  });

  it('finds instants of ordinary wall times with the offset in force then', () => {
    expect(instantOf('2024-01-15', 9 * 60, newYork)).toBe(utc('2024-01-15T14:00'));
    expect(instantOf('2024-07-15', 9 * 60, newYork)).toBe(utc('2024-07-15T13:00'));
    expect(instantOf('2024-03-10', 3 * 60, newYork)).toBe(utc('2024-03-10T07:00')); // first minute of EDT
    expect(instantOf('2024-11-03', 2 * 60 + 30, newYork)).toBe(utc('2024-11-03T07:30')); // after the overlap
  });

  it('moves a wall time in the spring gap forward by the gap (02:30 → 03:30)', () => {
    expect(instantOf('2024-03-10', 2 * 60 + 30, newYork)).toBe(utc('2024-03-10T07:30'));
    expect(formatLocal(instantOf('2024-03-10', 2 * 60 + 30, newYork), newYork, 'datetime')).toBe('2024-03-10 03:30');
    expect(instantOf('2024-03-31', 60 + 30, london)).toBe(utc('2024-03-31T01:30')); // 01:30 → 02:30 BST
  });

  it('takes the earlier of two instants in the autumn overlap', () => {
    expect(instantOf('2024-11-03', 60 + 30, newYork)).toBe(utc('2024-11-03T05:30')); // 01:30 EDT, not EST
    expect(instantOf('2024-10-27', 60 + 30, london)).toBe(utc('2024-10-27T00:30')); // 01:30 BST, not GMT
  });

  it('adds days at the same wall time, so a day across a transition is 23 or 25 hours', () => {
    const saturday9 = utc('2024-03-09T14:00'); // 09:00 EST
    expect(addLocalDays(saturday9, 1, newYork)).toBe(utc('2024-03-10T13:00')); // 09:00 EDT, 23 h later
    const autumn9 = utc('2024-11-02T13:00'); // 09:00 EDT
    expect(addLocalDays(autumn9, 1, newYork)).toBe(utc('2024-11-03T14:00')); // 09:00 EST, 25 h later
    expect(addLocalDays(autumn9, 7, newYork) - autumn9).toBe((7 * 24 + 1) * 3_600_000);
  });

  it('starts the transition day at its local midnight', () => {
    expect(startOfLocalDay(utc('2024-03-10T12:00'), newYork)).toBe(utc('2024-03-10T05:00'));
    expect(startOfLocalDay(utc('2024-11-03T12:00'), newYork)).toBe(utc('2024-11-03T04:00'));
    expect(localDaysBetween(utc('2024-03-10T05:00'), utc('2024-03-11T04:00'), newYork)).toBe(1);
  });

  it('starts a day whose midnight falls in a gap at the first wall time that exists (01:00)', () => {
    // Like Brazil before 2019: clocks jumped from 00:00 to 01:00.
    const midnightGap = transitionZone('Test/MidnightGap', -180, [{ from: utc('2018-11-04T03:00'), offset: -120 }]);
    expect(startOfDate('2018-11-04', midnightGap)).toBe(utc('2018-11-04T03:00'));
    expect(formatLocal(startOfDate('2018-11-04', midnightGap), midnightGap, 'datetime')).toBe('2018-11-04 01:00');
    expect(localDate(utc('2018-11-04T02:59'), midnightGap)).toBe('2018-11-03');
  });
});
