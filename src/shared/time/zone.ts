import type { Instant } from './calendar';
import { MS_PER_MINUTE } from './calendar';

/**
 * The spreadsheet's time zone as a function. Apps Script's Intl support can't be relied on (and the
 * sidebars may run in a browser set to another zone), so the knowledge comes in from outside: the server
 * builds a Zone from Utilities.formatDate / Session, tests from a fixed offset or a transition table.
 */

/** Offset of the spreadsheet's zone from UTC at an instant, in minutes (Asia/Shanghai → 480). */
export type OffsetAt = (instantMs: number) => number;

export interface Zone {
  /** IANA name ("Asia/Shanghai"), for messages and logs only: all arithmetic goes through offsetAt. */
  readonly name: string;
  readonly offsetAt: OffsetAt;
}

function checkOffset(minutes: number): void {
  if (!Number.isFinite(minutes) || Math.abs(minutes) > 18 * 60) {
    throw new RangeError(`invalid UTC offset ${minutes} minutes`);
  }
}

/** A zone without daylight saving time: Asia/Shanghai is fixedOffsetZone('Asia/Shanghai', 480). */
export function fixedOffsetZone(name: string, minutes: number): Zone {
  checkOffset(minutes);
  return { name, offsetAt: () => minutes };
}

export const UTC_ZONE: Zone = fixedOffsetZone('UTC', 0);

/** From this instant on (inclusive), the zone is `offset` minutes from UTC. */
export interface OffsetTransition {
  readonly from: Instant;
  readonly offset: number;
}

/**
 * A zone from a table of offset changes (daylight saving time), for tests and for a server that has
 * looked the transitions up once. Before the first transition the zone is `initialOffset`.
 */
export function transitionZone(name: string, initialOffset: number, transitions: readonly OffsetTransition[]): Zone {
  checkOffset(initialOffset);
  const sorted = [...transitions].sort((a, b) => a.from - b.from);
  sorted.forEach((transition) => checkOffset(transition.offset));
  return {
    name,
    offsetAt(instant: number): number {
      // Binary search for the last transition at or before the instant.
      let low = 0;
      let high = sorted.length - 1;
      let offset = initialOffset;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const transition = sorted[middle] as OffsetTransition;
        if (transition.from <= instant) {
          offset = transition.offset;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      return offset;
    },
  };
}

/**
 * Every real-world offset change since 1970 happens at a whole quarter hour of UTC (tzdb), so an offset
 * looked up once holds for its whole 15-minute slot.
 */
const SLOT_MS = 15 * MS_PER_MINUTE;
const CACHE_LIMIT = 50_000;

/** A UTC day: offsets are first looked up per day (its first and last slot), then per slot where they differ. */
const DAY_MS = 24 * 60 * MS_PER_MINUTE;

/**
 * The same zone, remembering offsets. For a server whose offsetAt is expensive (Utilities.formatDate is a
 * service call, Intl's formatToParts costs microseconds): a daily scan asks about the same few days over and
 * over, My day about thousands of different instants. A UTC day whose first and last 15-minute slots have the
 * same offset has it throughout (offsets change at most twice a year, never twice within a day and back), so
 * one lookup pair serves every instant of that day; a day with a change is looked up per slot.
 */
export function memoizedZone(zone: Zone): Zone {
  const slots = new Map<number, number>();
  const days = new Map<number, number | null>();
  const slotOffset = (slot: number): number => {
    let offset = slots.get(slot);
    if (offset === undefined) {
      offset = zone.offsetAt(slot * SLOT_MS);
      if (slots.size >= CACHE_LIMIT) slots.clear();
      slots.set(slot, offset);
    }
    return offset;
  };
  return {
    name: zone.name,
    offsetAt(instant: number): number {
      const day = Math.floor(instant / DAY_MS);
      let whole = days.get(day);
      if (whole === undefined) {
        const first = slotOffset((day * DAY_MS) / SLOT_MS);
        const last = slotOffset(((day + 1) * DAY_MS) / SLOT_MS - 1);
        whole = first === last ? first : null;
        if (days.size >= CACHE_LIMIT) days.clear();
        days.set(day, whole);
      }
      return whole ?? slotOffset(Math.floor(instant / SLOT_MS));
    },
  };
}

/**
 * Minutes from a UTC offset as formatters write it: "+0800", "+08:00", "-0430", "GMT+08:00", "UTC", "Z"
 * (Utilities.formatDate(date, zone, "Z") gives "+0800"). Null for anything else.
 */
export function parseUtcOffset(text: string): number | null {
  const trimmed = String(text).trim();
  if (/^(?:Z|UTC|GMT)$/i.test(trimmed)) return 0;
  const match = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(trimmed);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? '0');
  if (minutes > 18 * 60 || Number(match[3] ?? '0') >= 60) return null;
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * A zone from a function that formats an instant's UTC offset as text, memoized. On the server:
 * `zoneFromOffsetText(tz, (ms) => Utilities.formatDate(new Date(ms), tz, 'Z'))`. A text it cannot read is
 * a bug in the caller, so it throws.
 */
export function zoneFromOffsetText(name: string, formatOffset: (instantMs: number) => string): Zone {
  return memoizedZone({
    name,
    offsetAt(instant: number): number {
      const text = formatOffset(instant);
      const offset = parseUtcOffset(text);
      if (offset === null) throw new RangeError(`unreadable UTC offset "${text}" for ${name}`);
      return offset;
    },
  });
}
