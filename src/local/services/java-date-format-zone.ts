import { isValidTimeZone, zoneOffsetMinutes } from '../core/timezone';

/**
 * Time zones as java.util.TimeZone resolves them for Utilities.formatDate/parseDate (docs/apps-script/services.md §8: "Java SE
 * SimpleDateFormat"):
 *  - IANA ids ("Asia/Shanghai", "America/New_York", "UTC") through core/timezone.ts (Intl);
 *  - custom ids "GMT+8", "GMT+08:00", "GMT-0530" as fixed offsets (java.util.TimeZone custom id syntax,
 *    minutes allowed, unlike core/timezone's normalizer);
 *  - anything else falls back to GMT, as TimeZone.getTimeZone does for an unknown id. That Apps Script keeps
 *    this Java fallback (rather than throwing) is UNCONFIRMED; it is the behaviour commonly reported.
 */
export interface JavaZone {
  readonly id: string;
  offsetMinutesAt(ms: number): number;
  /** Pattern letters z..zzz, e.g. "CST", "EDT", "GMT+08:00". */
  shortName(ms: number): string;
  /** Pattern letters zzzz, e.g. "China Standard Time". */
  longName(ms: number): string;
}

const CUSTOM_ID = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/;
const cache = new Map<string, JavaZone>();

export function resolveJavaZone(timeZone: string): JavaZone {
  let zone = cache.get(timeZone);
  if (!zone) {
    zone = buildZone(timeZone);
    cache.set(timeZone, zone);
  }
  return zone;
}

function buildZone(timeZone: string): JavaZone {
  const custom = CUSTOM_ID.exec(timeZone);
  if (custom) {
    const hours = Number(custom[2]);
    const minutes = Number(custom[3] ?? '0');
    if (hours <= 23 && minutes <= 59) {
      const offset = (custom[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
      return fixedZone(offset === 0 ? 'GMT' : `GMT${formatOffset(offset, ':')}`, offset);
    }
  }
  if (timeZone === 'GMT' || timeZone === 'UTC' || timeZone === 'Z') {
    return fixedZone(timeZone === 'UTC' ? 'UTC' : 'GMT', 0);
  }
  if (isValidTimeZone(timeZone)) return ianaZone(timeZone);
  return fixedZone('GMT', 0);
}

function fixedZone(id: string, offset: number): JavaZone {
  const longName = id === 'UTC' ? 'Coordinated Universal Time' : id === 'GMT' ? 'Greenwich Mean Time' : id;
  return {
    id,
    offsetMinutesAt: () => offset,
    shortName: () => id,
    longName: () => longName,
  };
}

/**
 * Java's short names for zones where Intl's en-US short name is just "GMT+8" (CLDR has no abbreviation
 * there, the JDK's TimeZoneNames do). Only common zones are listed; others fall back to Intl's name when it
 * is an abbreviation, else to "GMT+08:00" as Java prints zones without names. UNCONFIRMED per zone.
 */
const JAVA_SHORT_NAMES: Record<string, [standard: string, daylight: string]> = {
  'Asia/Shanghai': ['CST', 'CDT'],
  'Asia/Chongqing': ['CST', 'CDT'],
  'Asia/Harbin': ['CST', 'CDT'],
  'Asia/Taipei': ['CST', 'CDT'],
  'Asia/Macau': ['CST', 'CDT'],
  'Asia/Hong_Kong': ['HKT', 'HKST'],
  'Asia/Tokyo': ['JST', 'JDT'],
  'Asia/Seoul': ['KST', 'KDT'],
  'Asia/Singapore': ['SGT', 'SGT'],
  'Asia/Kolkata': ['IST', 'IST'],
  'Asia/Calcutta': ['IST', 'IST'],
  'Europe/London': ['GMT', 'BST'],
  'Europe/Dublin': ['GMT', 'IST'],
  'Europe/Paris': ['CET', 'CEST'],
  'Europe/Berlin': ['CET', 'CEST'],
  'Europe/Madrid': ['CET', 'CEST'],
  'Europe/Rome': ['CET', 'CEST'],
  'Europe/Amsterdam': ['CET', 'CEST'],
  'Europe/Brussels': ['CET', 'CEST'],
  'Europe/Vienna': ['CET', 'CEST'],
  'Europe/Zurich': ['CET', 'CEST'],
  'Europe/Stockholm': ['CET', 'CEST'],
  'Europe/Moscow': ['MSK', 'MSD'],
  'Australia/Sydney': ['AEST', 'AEDT'],
  'Australia/Melbourne': ['AEST', 'AEDT'],
  'Etc/UTC': ['UTC', 'UTC'],
  'Etc/GMT': ['GMT', 'GMT'],
};

function ianaZone(timeZone: string): JavaZone {
  const shortFormatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
  const longFormatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' });
  const nameOf = (formatter: Intl.DateTimeFormat, ms: number): string =>
    formatter.formatToParts(new Date(ms)).find((part) => part.type === 'timeZoneName')?.value ?? '';
  // Offsets only change on quarter-hour boundaries, so one Intl lookup per 15-minute bucket is enough;
  // formatting a 100k-row column of dates then costs Intl calls only for distinct quarter-hours.
  const offsets = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const bucket = Math.floor(ms / 900000);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      if (offsets.size > 100000) offsets.clear();
      offset = zoneOffsetMinutes(bucket * 900000, timeZone);
      offsets.set(bucket, offset);
    }
    return offset;
  };
  const isDaylight = (ms: number): boolean => {
    const year = new Date(ms).getUTCFullYear();
    const standard = Math.min(offsetAt(Date.UTC(year, 0, 1)), offsetAt(Date.UTC(year, 6, 1)));
    return offsetAt(ms) !== standard;
  };
  return {
    id: timeZone,
    offsetMinutesAt: offsetAt,
    shortName(ms) {
      const known = JAVA_SHORT_NAMES[timeZone];
      if (known) return isDaylight(ms) ? known[1] : known[0];
      const intl = nameOf(shortFormatter, ms);
      if (/^[A-Z]{2,5}$/.test(intl)) return intl;
      const offset = offsetAt(ms);
      return offset === 0 ? 'GMT' : `GMT${formatOffset(offset, ':')}`;
    },
    longName(ms) {
      return nameOf(longFormatter, ms);
    },
  };
}

/** "+08:00" (separator ':') or "+0800" (separator ''). */
export function formatOffset(offsetMinutes: number, separator: string): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}${separator}${mm}`;
}
