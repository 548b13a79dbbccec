import type { Instant, LocalDate } from './calendar';
import { MS_PER_HOUR, addDays, dayNumber, isLocalDate, isoWeekday } from './calendar';
import { instantOf, localParts } from './local';
import type { Zone } from './zone';

/**
 * Working days (docs/product-rules.md §2): Monday to Friday, minus the holidays listed in Settings ('yyyy-MM-dd', in the
 * spreadsheet's time zone). Deadlines "in working days" keep the wall time of the event they count from;
 * a deadline "in hours" that lands on a non-working day moves to the same time on the next working day.
 *
 * Chinese make-up working weekends (调休) are not modelled: Settings lists days off only.
 */

export type Holidays = ReadonlySet<LocalDate>;

export const NO_HOLIDAYS: Holidays = new Set<LocalDate>();

export function isWorkingDay(date: LocalDate, holidays: Holidays): boolean {
  return isoWeekday(date) <= 5 && !holidays.has(date);
}

/** The date itself when it is a working day, else the next working day after it. */
export function nextWorkingDate(date: LocalDate, holidays: Holidays): LocalDate {
  let current = date;
  // Holidays are a finite list, so a working day comes within holidays.size + 3 steps.
  while (!isWorkingDay(current, holidays)) current = addDays(current, 1);
  return current;
}

/**
 * The date n working days after (n < 0: before) a date. Counting starts from the next day, whatever the
 * start is: Saturday + 1 working day is Monday, Friday + 1 is Monday. n = 0 gives the date itself when it
 * is a working day, else the next working day (a deadline never lands on a day off).
 */
export function addWorkingDaysToDate(date: LocalDate, days: number, holidays: Holidays): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`working days must be a whole number, got ${days}`);
  if (days === 0) return nextWorkingDate(date, holidays);
  const step = days > 0 ? 1 : -1;
  let current = date;
  for (let remaining = Math.abs(days); remaining > 0;) {
    current = addDays(current, step);
    if (isWorkingDay(current, holidays)) remaining--;
  }
  return current;
}

/** The instant n working days later (see addWorkingDaysToDate), at the same local wall time. */
export function addWorkingDays(instant: Instant, days: number, zone: Zone, holidays: Holidays): Instant {
  const parts = localParts(instant, zone);
  const date = addWorkingDaysToDate(parts.date, days, holidays);
  return date === parts.date ? instant : instantOf(date, parts.minutesOfDay, zone);
}

/**
 * The instant `hours` elapsed hours later; when that lands on a non-working day it moves to the same wall
 * time on the next working day (docs/product-rules.md §2). A high-priority ticket reported Friday 22:00 with 4 h to answer
 * is due Monday 02:00; one reported Friday 10:00 is due Friday 14:00.
 */
export function addHoursOnWorkingDays(instant: Instant, hours: number, zone: Zone, holidays: Holidays): Instant {
  if (!Number.isFinite(hours)) throw new RangeError(`invalid hours ${hours}`);
  const due = instant + hours * MS_PER_HOUR;
  const parts = localParts(due, zone);
  const date = nextWorkingDate(parts.date, holidays);
  return date === parts.date ? due : instantOf(date, parts.minutesOfDay, zone);
}

/**
 * Working days after `from` up to and including `to` (0 when to ≤ from): Friday → Monday is 1. For
 * reports (how many working days a ticket took).
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, holidays: Holidays): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (end <= start) return 0;
  const span = end - start;
  // Whole weeks have 5 weekdays each; walk the remainder, then subtract the holidays in range.
  let count = Math.floor(span / 7) * 5;
  let current = addDays(from, Math.floor(span / 7) * 7);
  while (current !== to) {
    current = addDays(current, 1);
    if (isoWeekday(current) <= 5) count++;
  }
  holidays.forEach((holiday) => {
    if (!isLocalDate(holiday)) return;
    const day = dayNumber(holiday);
    if (day > start && day <= end && isoWeekday(holiday) <= 5) count--;
  });
  return count;
}
