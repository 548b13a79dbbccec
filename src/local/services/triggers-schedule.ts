import { zonedParts, zonedTimeToUtc } from '../core/timezone';

/**
 * When a time-driven (CLOCK) trigger fires: pure calendar arithmetic, no runtime objects.
 *
 * Apps Script picks a random time inside a window ("if you create a recurring 9 AM trigger, Apps Script
 * chooses a time between 9 AM and 10 AM", guides/triggers/installable; nearMinute is "plus or minus 15
 * minutes"; docs/apps-script/services.md §1). The local runtime must be deterministic, so it always fires at the START of
 * that window: hh:00 plus the nearMinute() value (0 when nearMinute was not called) in the trigger's
 * time zone. Tests can rely on that exact minute; real Apps Script may be up to an hour later.
 */
export type ClockSchedule =
  /** after(ms), at(date), atDate(y, m, d): fires once, then the trigger is deleted. */
  | { kind: 'once'; atMs: number }
  | { kind: 'minutes'; every: number }
  | { kind: 'hours'; every: number; minute: number }
  | { kind: 'days'; every: number; hour: number; minute: number }
  /** weekDay: 1 = Monday … 7 = Sunday (ISO, as the event's `day-of-week`). */
  | { kind: 'weeks'; every: number; weekDay: number; hour: number; minute: number }
  | { kind: 'monthDay'; day: number; hour: number; minute: number };

export interface ScheduledClock {
  schedule: ClockSchedule;
  timeZone: string;
  createdAtMs: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Every instant the trigger fires in the half-open window (fromMs, toMs], ascending. */
export function occurrencesBetween(trigger: ScheduledClock, fromMs: number, toMs: number): number[] {
  if (!(toMs > fromMs)) return [];
  const { schedule, timeZone, createdAtMs } = trigger;
  switch (schedule.kind) {
    case 'once':
      return schedule.atMs > fromMs && schedule.atMs <= toMs ? [schedule.atMs] : [];
    case 'minutes':
      return arithmetic(createdAtMs + schedule.every * MINUTE_MS, schedule.every * MINUTE_MS, fromMs, toMs);
    case 'hours': {
      const period = schedule.every * HOUR_MS;
      // First run one period after creation, at the chosen minute of that hour (always after creation).
      const first = atMinuteOfHour(createdAtMs + period, schedule.minute, timeZone);
      return arithmetic(first, period, fromMs, toMs);
    }
    case 'days':
      return calendarDays(trigger, 1, schedule.every, schedule.hour, schedule.minute, fromMs, toMs);
    case 'weeks':
      return calendarDays(trigger, 7, schedule.every, schedule.hour, schedule.minute, fromMs, toMs, schedule.weekDay);
    case 'monthDay':
      return monthDays(trigger, schedule.day, schedule.hour, schedule.minute, fromMs, toMs);
  }
}

/** first, first + period, … restricted to (fromMs, toMs]. */
function arithmetic(first: number, period: number, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  let k = first > fromMs ? 0 : Math.floor((fromMs - first) / period) + 1;
  for (let t = first + k * period; t <= toMs; k += 1, t = first + k * period) {
    if (t > fromMs) out.push(t);
  }
  return out;
}

function atMinuteOfHour(ms: number, minute: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  return ms - (p.minute * MINUTE_MS + p.second * 1000 + p.millisecond) + minute * MINUTE_MS;
}

/** Days since 1970-01-01 of the local calendar date shown in `timeZone` at `ms`. */
function localDayIndex(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  return Math.round(Date.UTC(p.year, p.month - 1, p.day) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday for a day index (1970-01-01 was a Thursday). */
export function isoWeekdayOfDayIndex(dayIndex: number): number {
  return ((((dayIndex + 3) % 7) + 7) % 7) + 1;
}

function instantOfLocalDay(dayIndex: number, hour: number, minute: number, timeZone: string): number {
  const d = new Date(dayIndex * DAY_MS);
  return zonedTimeToUtc(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute },
    timeZone,
  );
}

/**
 * Daily (stepDays 1) and weekly (stepDays 7) schedules: the first run is the first matching local day on
 * or after the creation day whose hh:mm is still ahead, then every `every` days/weeks.
 */
function calendarDays(
  trigger: ScheduledClock,
  stepDays: number,
  every: number,
  hour: number,
  minute: number,
  fromMs: number,
  toMs: number,
  weekDay?: number,
): number[] {
  const { timeZone, createdAtMs } = trigger;
  let firstDay = localDayIndex(createdAtMs, timeZone) - 1;
  const matches = (day: number): boolean =>
    (weekDay === undefined || isoWeekdayOfDayIndex(day) === weekDay) &&
    instantOfLocalDay(day, hour, minute, timeZone) > createdAtMs;
  while (!matches(firstDay)) firstDay += 1;
  const step = stepDays * every;
  const fromDay = localDayIndex(fromMs, timeZone) - 1;
  let k = fromDay <= firstDay ? 0 : Math.floor((fromDay - firstDay) / step);
  const out: number[] = [];
  for (;;) {
    const t = instantOfLocalDay(firstDay + k * step, hour, minute, timeZone);
    if (t > toMs) break;
    if (t > fromMs) out.push(t);
    k += 1;
  }
  return out;
}

/** onMonthDay(d): every month that has day d (months without it are skipped). */
function monthDays(
  trigger: ScheduledClock,
  day: number,
  hour: number,
  minute: number,
  fromMs: number,
  toMs: number,
): number[] {
  const { timeZone, createdAtMs } = trigger;
  const start = zonedParts(Math.max(fromMs, createdAtMs), timeZone);
  let year = start.year;
  let month = start.month - 1; // one month back covers a window that starts just before midnight
  if (month === 0) {
    month = 12;
    year -= 1;
  }
  const out: number[] = [];
  for (;;) {
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day <= daysInMonth) {
      const t = zonedTimeToUtc({ year, month, day, hour, minute }, timeZone);
      if (t > toMs) break;
      if (t > fromMs && t > createdAtMs) out.push(t);
    } else if (zonedTimeToUtc({ year, month, day: 1 }, timeZone) > toMs) {
      break;
    }
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/** ISO-8601 week number of a local calendar date (the event's `week-of-year`). */
export function isoWeekOfYear(year: number, month: number, day: number): number {
  const dayIndex = Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
  const weekday = isoWeekdayOfDayIndex(dayIndex);
  // The week belongs to the year of its Thursday.
  const thursday = dayIndex + (4 - weekday);
  const thursdayYear = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Math.round(Date.UTC(thursdayYear, 0, 1) / DAY_MS);
  return Math.floor((thursday - jan1) / 7) + 1;
}
