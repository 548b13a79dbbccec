import type { Instant, LocalDate } from './calendar';
import { MS_PER_HOUR, MS_PER_MINUTE, addDays, dateParts, daysBetween, formatDate } from './calendar';
import type { Zone } from './zone';

/**
 * Instants seen in the spreadsheet's time zone: the local calendar date of a timestamp, the instant of a
 * local wall time, and day arithmetic that keeps the wall time across daylight-saving changes. Dates in
 * this product are always the spreadsheet's (docs/product-rules.md §1 ids, §8 "dates in the spreadsheet's time zone"),
 * never the server's or the browser's.
 */

export interface LocalParts {
  /** 'yyyy-MM-dd' */
  date: LocalDate;
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight, fractional when the instant has seconds (as instantOf takes them). */
  minutesOfDay: number;
  /** The zone's offset from UTC at this instant, in minutes. */
  offset: number;
}

function checkInstant(instant: Instant): void {
  if (!Number.isFinite(instant)) throw new RangeError(`invalid instant ${instant}`);
}

export function localParts(instant: Instant, zone: Zone): LocalParts {
  checkInstant(instant);
  const offset = zone.offsetAt(instant);
  // The wall clock, read as if it were UTC: Date's UTC getters then give the local fields.
  const wall = new Date(instant + offset * MS_PER_MINUTE);
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + 1;
  const day = wall.getUTCDate();
  const hour = wall.getUTCHours();
  const minute = wall.getUTCMinutes();
  const second = wall.getUTCSeconds();
  const millisecond = wall.getUTCMilliseconds();
  return {
    date: formatDate(year, month, day),
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    weekday: ((wall.getUTCDay() + 6) % 7) + 1,
    minutesOfDay: hour * 60 + minute + (second * 1000 + millisecond) / MS_PER_MINUTE,
    offset,
  };
}

/** The local calendar date of an instant, 'yyyy-MM-dd'. */
export function localDate(instant: Instant, zone: Zone): LocalDate {
  return localParts(instant, zone).date;
}

/** The local date as 'yyyyMMdd', the day part of record ids (docs/product-rules.md §1: C20240601001). */
export function localDayKey(instant: Instant, zone: Zone): string {
  return localDate(instant, zone).replace(/-/g, '');
}

/**
 * The instant a wall time (milliseconds after midnight as if UTC, i.e. the local clock reading) happens.
 * Two passes find the offset in force at that instant. On a daylight-saving overlap (a wall time that
 * happens twice, autumn) the earlier instant wins; in a gap (a wall time that never happens, spring) the
 * clock moves forward by the gap, so 02:30 on a spring-forward night becomes 03:30, as java.time does.
 */
function instantOfWall(wall: number, zone: Zone): Instant {
  const guess = zone.offsetAt(wall);
  const first = zone.offsetAt(wall - guess * MS_PER_MINUTE);
  if (first === guess) return earliestWith(wall, guess, zone);
  const second = zone.offsetAt(wall - first * MS_PER_MINUTE);
  if (second === first) return earliestWith(wall, first, zone);
  return wall - Math.min(first, second) * MS_PER_MINUTE;
}

/** Real overlaps are at most two hours (double summer time); look three hours back for a larger offset. */
const OVERLAP_LOOKBACK_MS = 3 * MS_PER_HOUR;

function earliestWith(wall: number, offset: number, zone: Zone): Instant {
  const instant = wall - offset * MS_PER_MINUTE;
  const earlier = zone.offsetAt(instant - OVERLAP_LOOKBACK_MS);
  if (earlier > offset && zone.offsetAt(wall - earlier * MS_PER_MINUTE) === earlier) {
    return wall - earlier * MS_PER_MINUTE;
  }
  return instant;
}

/**
 * The instant of a local date at a wall time, given in minutes after midnight (8:30 → 510; fractions for
 * seconds). Correct across daylight-saving changes (see instantOfWall).
 */
export function instantOf(date: LocalDate, minutesOfDay: number, zone: Zone): Instant {
  if (!Number.isFinite(minutesOfDay)) throw new RangeError(`invalid minutes of day ${minutesOfDay}`);
  const { year, month, day } = dateParts(date);
  return instantOfWall(Date.UTC(year, month - 1, day) + Math.round(minutesOfDay * MS_PER_MINUTE), zone);
}

/** Local midnight of the instant's local date (01:00 where midnight falls in a daylight-saving gap). */
export function startOfLocalDay(instant: Instant, zone: Zone): Instant {
  return instantOf(localDate(instant, zone), 0, zone);
}

/** The instant of a local date's midnight. */
export function startOfDate(date: LocalDate, zone: Zone): Instant {
  return instantOf(date, 0, zone);
}

/** The instant n local calendar days later (earlier when negative), at the same wall time. */
export function addLocalDays(instant: Instant, days: number, zone: Zone): Instant {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  const parts = localParts(instant, zone);
  return instantOf(addDays(parts.date, days), parts.minutesOfDay, zone);
}

/** Calendar days between the local dates of two instants (b − a): 23:59 to 00:01 the next day is 1. */
export function localDaysBetween(a: Instant, b: Instant, zone: Zone): number {
  return daysBetween(localDate(a, zone), localDate(b, zone));
}

const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value));

/** 'yyyy-MM-dd' or 'yyyy-MM-dd HH:mm' in the zone (the formats of the date and datetime columns). */
export function formatLocal(instant: Instant, zone: Zone, style: 'date' | 'datetime'): string {
  const parts = localParts(instant, zone);
  return style === 'date' ? parts.date : `${parts.date} ${pad2(parts.hour)}:${pad2(parts.minute)}`;
}
