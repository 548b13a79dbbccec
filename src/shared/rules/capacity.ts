import type { Translator } from '../i18n/translate';
import { addDays, daysBetween, isLocalDate, type LocalDate } from '../time/calendar';

/**
 * The workbook's capacity gauge (issue 20 item 3): how much of the spreadsheet's cell limit is used, how fast
 * that grows, and when the workbook would be full at that rate. Pure: the cell count comes from the server
 * (workbook/capacity.ts), the samples from a document property.
 *
 * What counts: every cell of every sheet's grid, empty or not — the sum of maxRows × maxColumns
 * (docs/apps-script/spreadsheet.md §10, docs/apps-script-behaviour.md "Workbook capacity").
 *
 * Growth rate, and why from samples: the scan (and each dashboard refresh) stores the day's cell count in a
 * small ring of (date, cells) samples, one per day over the last 90 days, in document property
 * crm.capacity.samples. That measures exactly what the limit counts — the grid, which also grows with the
 * Log, the My day index and sheets people add themselves, and in steps when rows are inserted — for one
 * property write a day and no read of any table. The other way, rows created in the record tables over 90 days
 * × their columns, would read four date columns every day and still miss all of that. The rate is the sum of
 * the day-to-day INCREASES over the span of the samples: a drop (Archive old records, rows deleted) is a
 * one-off that lowers the count the projection starts from, not a change in how fast records arrive.
 * Until the samples span a week there is no rate ("measuring since …").
 */

/** docs/apps-script/spreadsheet.md §10: 10 million cells per spreadsheet. */
export const WORKBOOK_CELL_LIMIT = 10_000_000;
export const CAPACITY_SAMPLES_PROPERTY = 'crm.capacity.samples';
/** Samples older than this are dropped; the rate is measured over what is left. */
export const GROWTH_WINDOW_DAYS = 90;
/** Fewer days between the first and the last sample give no rate. */
export const MIN_SPAN_DAYS = 7;
/** A date further away than this is shown as "not within 10 years". */
export const HORIZON_YEARS = 10;

export interface CapacitySample {
  day: LocalDate;
  cells: number;
}

/** Reads the ring (JSON [["yyyy-MM-dd", cells], …]); unreadable entries are skipped, an unreadable value is empty. */
export function parseCapacitySamples(raw: string | undefined): CapacitySample[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const samples: CapacitySample[] = [];
  for (const entry of data) {
    if (!Array.isArray(entry)) continue;
    const [day, cells] = entry as unknown[];
    if (!isLocalDate(day) || typeof cells !== 'number' || !Number.isFinite(cells) || cells < 0) continue;
    samples.push({ day, cells: Math.round(cells) });
  }
  return sorted(samples);
}

export function formatCapacitySamples(samples: readonly CapacitySample[]): string {
  return JSON.stringify(samples.map((sample) => [sample.day, sample.cells]));
}

function sorted(samples: CapacitySample[]): CapacitySample[] {
  const byDay = new Map<LocalDate, number>();
  for (const sample of samples) byDay.set(sample.day, sample.cells);
  return [...byDay].map(([day, cells]) => ({ day, cells })).sort((a, b) => (a.day < b.day ? -1 : 1));
}

/**
 * The ring with today's count: today's earlier sample is replaced (the day's last count stands), samples
 * older than the window or dated after today (a changed time zone) are dropped. At most one per day, so at
 * most GROWTH_WINDOW_DAYS + 1 entries (about 2 KB).
 */
export function withSample(samples: readonly CapacitySample[], today: LocalDate, cells: number): CapacitySample[] {
  const kept = samples.filter((sample) => {
    const age = daysBetween(sample.day, today);
    return age > 0 && age <= GROWTH_WINDOW_DAYS;
  });
  return sorted([...kept, { day: today, cells }]);
}

/** Cells added per day over the samples (increases only), or null while they span less than MIN_SPAN_DAYS. */
export function growthPerDay(samples: readonly CapacitySample[]): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) return null;
  const span = daysBetween(first.day, last.day);
  if (span < MIN_SPAN_DAYS) return null;
  let added = 0;
  for (let i = 1; i < samples.length; i++) {
    const step = (samples[i] as CapacitySample).cells - (samples[i - 1] as CapacitySample).cells;
    if (step > 0) added += step;
  }
  return added / span;
}

export type CapacityProjection =
  /** The samples span less than MIN_SPAN_DAYS: no rate yet. */
  | { kind: 'measuring'; since: LocalDate }
  | { kind: 'full' }
  /** No growth over the window: never at this rate. */
  | { kind: 'noGrowth' }
  | { kind: 'beyond'; years: number }
  | { kind: 'date'; date: LocalDate };

export interface CapacityFigures {
  cells: number;
  limit: number;
  /** cells ÷ limit, 0–1. */
  share: number;
  /** Cells added per day, null while measuring. */
  perDay: number | null;
  projection: CapacityProjection;
  /** Settings capacityWarningPercent. */
  warningPercent: number;
  /** cells ≥ warningPercent % of the limit. */
  warn: boolean;
}

export function projectFull(
  cells: number,
  perDay: number | null,
  today: LocalDate,
  since: LocalDate,
  limit = WORKBOOK_CELL_LIMIT,
): CapacityProjection {
  if (cells >= limit) return { kind: 'full' };
  if (perDay === null) return { kind: 'measuring', since };
  if (perDay <= 0) return { kind: 'noGrowth' };
  const days = Math.ceil((limit - cells) / perDay);
  if (days > Math.floor(HORIZON_YEARS * 365.25)) return { kind: 'beyond', years: HORIZON_YEARS };
  return { kind: 'date', date: addDays(today, days) };
}

/** Whether `cells` reaches the warning threshold (whole-number arithmetic: 7,000,000 of 10 M is 70 %). */
export function reachesWarning(cells: number, warningPercent: number, limit = WORKBOOK_CELL_LIMIT): boolean {
  return cells * 100 >= warningPercent * limit;
}

/** The gauge's figures from today's count and the ring that already holds it (withSample). */
export function capacityFigures(
  cells: number,
  samples: readonly CapacitySample[],
  today: LocalDate,
  warningPercent: number,
  limit = WORKBOOK_CELL_LIMIT,
): CapacityFigures {
  const perDay = growthPerDay(samples);
  const since = samples[0]?.day ?? today;
  return {
    cells,
    limit,
    share: cells / limit,
    perDay,
    projection: projectFull(cells, perDay, today, since, limit),
    warningPercent,
    warn: reachesWarning(cells, warningPercent, limit),
  };
}

/** The limit as shown: 10,000,000. */
export function formatCellCount(cells: number): string {
  return String(Math.round(cells)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The share as a percent with one decimal, rounded down so 69.96 % is not shown as a warning's "70.0". */
export function formatShare(share: number): string {
  return (Math.floor(share * 1000) / 10).toFixed(1);
}

/** The projection in words (the dashboard cell, the digest line). */
export function projectionText(projection: CapacityProjection, t: Translator): string {
  switch (projection.kind) {
    case 'measuring':
      return t('capacity.projection.measuring', { since: projection.since, days: MIN_SPAN_DAYS });
    case 'full':
      return t('capacity.projection.full');
    case 'noGrowth':
      return t('capacity.projection.noGrowth');
    case 'beyond':
      return t('capacity.projection.beyond', { years: projection.years });
    case 'date':
      return projection.date;
  }
}

/** Where the remedy is in the menu: Manager tools › Archive old records…. */
export function archiveMenuPath(t: Translator): string {
  return `${t('menu.group.manager')} › ${t('menu.archive')}`;
}
