/**
 * Wall-clock arithmetic in IANA time zones (Apps Script uses Joda/IANA names such as "Asia/Shanghai"),
 * built on Intl so no tz database ships with the runtime.
 */
export interface ZonedParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 1 = Monday … 7 = Sunday (ISO, as in Apps Script's time-driven event `day-of-week`). */
  isoWeekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: normalizeTimeZone(timeZone),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Accepts "GMT+8", "GMT+08:00" and "UTC" besides IANA names (Apps Script accepts these offsets too). */
function normalizeTimeZone(timeZone: string): string {
  const match = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(timeZone);
  if (match) {
    const minutes = Number(match[3] ?? '0');
    if (minutes !== 0) throw new RangeError(`unsupported offset time zone ${timeZone}`);
    // Etc/GMT signs are inverted by POSIX convention.
    return `Etc/GMT${match[1] === '+' ? '-' : '+'}${Number(match[2])}`;
  }
  return timeZone;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall clock at `ms` as Intl formats it (the ground truth; microseconds a call). */
function formattedParts(ms: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
    isoWeekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
  };
}

/** Wall clock minus UTC at `ms`, in milliseconds (exact, historical offsets with seconds included). */
function offsetMsAt(ms: number, timeZone: string): number {
  const p = formattedParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - ms;
}

const DAY_MS = 86_400_000;
const OFFSET_CACHE_LIMIT = 100_000;
/** Per zone, per UTC day: the offset in force all day, or null when it changes within the day. */
const dayOffsets = new Map<string, Map<number, number | null>>();

/**
 * The offset in force throughout the UTC day of `ms`, when its first and last second have the same one (zones
 * change offset at most a few times a year, never twice within a day and back); null on a day of a change.
 */
function wholeDayOffset(ms: number, timeZone: string): number | null {
  let days = dayOffsets.get(timeZone);
  if (!days) dayOffsets.set(timeZone, (days = new Map()));
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = offsetMsAt(day * DAY_MS, timeZone);
    offset = first === offsetMsAt((day + 1) * DAY_MS - 1000, timeZone) ? first : null;
    if (days.size >= OFFSET_CACHE_LIMIT) days.clear();
    days.set(day, offset);
  }
  return offset;
}

/**
 * The wall clock in `timeZone` at `ms`. The runtime converts every date cell it serves (Values.batchGet's
 * serial numbers, getValues), tens of thousands an execution: on a day without an offset change the parts are
 * computed from the day's offset, which Intl is asked for twice a day; on a change day, Intl each time.
 */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const offset = wholeDayOffset(ms, timeZone);
  if (offset === null) return formattedParts(ms, timeZone);
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: ((ms % 1000) + 1000) % 1000,
    isoWeekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay(),
  };
}

/** Offset of the zone from UTC at instant `ms`, in minutes (Asia/Shanghai → +480). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return Math.round((asUtc - ms) / 60000);
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local time.
 */
export function zonedTimeToUtc(
  local: {
    year: number;
    month: number;
    day: number;
    hour?: number;
    minute?: number;
    second?: number;
    millisecond?: number;
  },
  timeZone: string,
): number {
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour ?? 0,
    local.minute ?? 0,
    local.second ?? 0,
    local.millisecond ?? 0,
  );
  // Two passes: the offset at the first guess is right except within an hour of a DST change.
  const firstGuess = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60000;
  return asUtc - zoneOffsetMinutes(firstGuess, timeZone) * 60000;
}
