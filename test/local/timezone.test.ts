import { zonedParts, zoneOffsetMinutes, zonedTimeToUtc } from '../../src/local/core/timezone';

/**
 * The runtime's wall clock (src/local/core/timezone.ts) answers most instants from its UTC day's offset and asks
 * Intl only twice a day and on days the offset changes: it must agree with Intl at every instant, change days,
 * half-hour zones and historical offsets with seconds included.
 */
function intlParts(ms: number, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  });
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value;
  const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
    isoWeekday: weekdays[parts.weekday as string],
  };
}

describe('the local runtime’s wall clock', () => {
  it.each([
    ['America/New_York', '2024-03-08T00:00:00Z', '2024-03-12T00:00:00Z'],
    ['America/New_York', '2024-11-01T00:00:00Z', '2024-11-05T00:00:00Z'],
    ['Europe/London', '2024-03-29T00:00:00Z', '2024-04-02T00:00:00Z'],
    ['Australia/Lord_Howe', '2024-04-05T00:00:00Z', '2024-04-08T00:00:00Z'],
    ['Asia/Shanghai', '1900-12-30T00:00:00Z', '1901-01-03T00:00:00Z'],
    ['Asia/Shanghai', '2024-06-01T00:00:00Z', '2024-06-03T00:00:00Z'],
    ['Asia/Kathmandu', '1985-12-30T00:00:00Z', '1986-01-02T00:00:00Z'],
  ])('agrees with Intl every 7 minutes 13 seconds in %s from %s', (zone, from, to) => {
    for (let ms = Date.parse(from); ms < Date.parse(to); ms += 433_000) {
      expect([ms, zonedParts(ms, zone)]).toEqual([ms, intlParts(ms, zone)]);
    }
  });

  it('keeps offsets and local-to-UTC conversion across a change', () => {
    expect(zoneOffsetMinutes(Date.parse('2024-03-10T06:59:00Z'), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(Date.parse('2024-03-10T07:00:00Z'), 'America/New_York')).toBe(-240);
    expect(zonedTimeToUtc({ year: 2024, month: 3, day: 10, hour: 12 }, 'America/New_York')).toBe(
      Date.parse('2024-03-10T16:00:00Z'),
    );
    expect(zonedTimeToUtc({ year: 2024, month: 6, day: 3, hour: 9 }, 'Asia/Shanghai')).toBe(
      Date.parse('2024-06-03T01:00:00Z'),
    );
  });
});
