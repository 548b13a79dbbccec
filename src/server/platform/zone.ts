import { memoizedZone, zoneFromOffsetText, type Zone } from '../../shared/time/zone';

/**
 * The spreadsheet's time zone as a shared `Zone`. Utilities.formatDate(…, 'Z') is the documented way to
 * learn an offset in Apps Script, but it is a service call; Intl with a timeZone is used instead when this
 * V8 has the zone data, after one Utilities call proves it agrees. Offsets are memoized per quarter hour.
 */
function intlOffset(timeZone: string): ((ms: number) => number) | null {
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour12: false,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    return (ms) => {
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(ms))) parts[part.type] = Number(part.value);
      const asUtc = Date.UTC(
        parts.year ?? 1970,
        (parts.month ?? 1) - 1,
        parts.day ?? 1,
        (parts.hour ?? 0) % 24, // some engines print midnight as 24 with hour12: false
        parts.minute ?? 0,
        parts.second ?? 0,
      );
      return Math.round((asUtc - (ms - (((ms % 1000) + 1000) % 1000))) / 60000);
    };
  } catch {
    return null;
  }
}

export function spreadsheetZone(timeZone: string, nowMs: number): Zone {
  const viaUtilities = zoneFromOffsetText(timeZone, (ms) => Utilities.formatDate(new Date(ms), timeZone, 'Z'));
  const fromIntl = intlOffset(timeZone);
  if (fromIntl && fromIntl(nowMs) === viaUtilities.offsetAt(nowMs)) {
    return memoizedZone({ name: timeZone, offsetAt: fromIntl });
  }
  return viaUtilities;
}
