import { memoizedZone, zoneFromOffsetText, type Zone } from '../../shared/time/zone';
import { ZONE_CHECKED_PROPERTY } from '../workbook/keys';
import type { DocumentPropertiesSnapshot } from '../workbook/layout';

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

/**
 * `checked` says Intl has already been seen to agree with Utilities for this zone (remembered in document
 * properties by the caller), so no Utilities call is needed; `onAgreed` is told when this call proved it.
 */
export function spreadsheetZone(
  timeZone: string,
  nowMs: number,
  checked = false,
  onAgreed: () => void = () => undefined,
): Zone {
  const fromIntl = intlOffset(timeZone);
  if (fromIntl && checked) return memoizedZone({ name: timeZone, offsetAt: fromIntl });
  const viaUtilities = zoneFromOffsetText(timeZone, (ms) => Utilities.formatDate(new Date(ms), timeZone, 'Z'));
  if (fromIntl && fromIntl(nowMs) === viaUtilities.offsetAt(nowMs)) {
    onAgreed();
    return memoizedZone({ name: timeZone, offsetAt: fromIntl });
  }
  return viaUtilities;
}

/**
 * The zone, with Intl's agreement with Utilities checked once per zone and remembered in document properties
 * (ZONE_CHECKED_PROPERTY): the first action after install (or after the file's zone changed) pays one
 * Utilities call and one property write, later ones nothing. Install calls it so no save pays.
 */
export function checkedZone(timeZone: string, nowMs: number, properties: DocumentPropertiesSnapshot): Zone {
  return spreadsheetZone(timeZone, nowMs, properties.values[ZONE_CHECKED_PROPERTY] === timeZone, () =>
    properties.set(ZONE_CHECKED_PROPERTY, timeZone),
  );
}
