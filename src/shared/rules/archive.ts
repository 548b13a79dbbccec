import type { MessageKey } from '../i18n/translate';
import type { Zone } from '../time/zone';

/**
 * Archive old records (issue 20 item 1): which rows may leave the workbook for a yearly archive spreadsheet,
 * and the checksum that proves a copy holds what the source held before the source rows are deleted.
 * Customers are never archived; neither is anything still open.
 */
export const ARCHIVED_TABLES = ['followUps', 'tickets', 'satisfaction'] as const;
export type ArchivedTable = (typeof ARCHIVED_TABLES)[number];

type FieldValues = Readonly<Record<string, unknown>>;

interface TableRule {
  /** The record's date: it decides the archive year (the period the record counts in). */
  date: string;
  /** Columns read to decide (besides id and date). */
  keys: readonly string[];
  /** Closed for good, so history only. */
  closed(values: FieldValues): boolean;
  /** When it was closed (must be before the cut-off too), or null. */
  closedAt(values: FieldValues): unknown;
}

export const ARCHIVE_RULES: Readonly<Record<ArchivedTable, TableRule>> = {
  followUps: {
    date: 'at',
    keys: ['status', 'doneAt'],
    closed: (values) => values.status === 'done',
    closedAt: (values) => values.doneAt,
  },
  tickets: {
    date: 'reportedAt',
    keys: ['status', 'resolvedAt', 'archivedAt'],
    closed: (values) => values.status === 'closed' || isDate(values.archivedAt),
    closedAt: (values) => (isDate(values.archivedAt) ? values.archivedAt : values.resolvedAt),
  },
  satisfaction: {
    date: 'date',
    keys: ['suggestions', 'suggestionAnsweredAt'],
    // A survey whose suggestions still wait for an answer stays where the answer will be recorded.
    closed: (values) => isBlank(values.suggestions) || isDate(values.suggestionAnsweredAt),
    closedAt: (values) => values.suggestionAnsweredAt,
  },
};

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || String(value).trim() === '';
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime());
}

/** The calendar year of an instant in the spreadsheet's zone. */
export function yearIn(zone: Zone, date: Date): number {
  const ms = date.getTime();
  return new Date(ms + zone.offsetAt(ms) * 60000).getUTCFullYear();
}

/**
 * The archive year of a record, or null when it stays: closed, dated, and dated (and closed, when a closing
 * date is known) before 1 January of `beforeYear` in the spreadsheet's zone.
 */
export function archiveYear(table: ArchivedTable, values: FieldValues, beforeYear: number, zone: Zone): number | null {
  const rule = ARCHIVE_RULES[table];
  const date = values[rule.date];
  if (!isDate(date) || !rule.closed(values)) return null;
  const year = yearIn(zone, date);
  if (year >= beforeYear) return null;
  const closedAt = rule.closedAt(values);
  if (isDate(closedAt) && yearIn(zone, closedAt) >= beforeYear) return null;
  return year;
}

/** The default cut-off: records before the start of the year `keepYears` years ago (1: last year's start). */
export function defaultBeforeYear(currentYear: number, keepYears: number): number {
  const keep = Number.isFinite(keepYears) && keepYears >= 0 ? Math.floor(keepYears) : 1;
  return currentYear - keep;
}

/** Earliest cut-off year accepted (nothing in a CRM is older). */
export const MIN_BEFORE_YEAR = 1990;

/** The run's cut-off year from a request, or the message key saying why not. */
export function parseBeforeYear(raw: unknown, currentYear: number): { year: number } | { error: MessageKey } {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^\d{4}$/.test(text)) return { error: 'archive.badYear' };
  const year = Number(text);
  if (year < MIN_BEFORE_YEAR || year > currentYear) return { error: 'archive.badYear' };
  return { year };
}

/** A cell as compared: typed, so a date and its serial number, or 1 and "1", differ. */
function canonicalCell(cell: unknown): string {
  if (cell === null || cell === undefined || cell === '') return '';
  if (isDate(cell)) return `d${cell.getTime()}`;
  if (typeof cell === 'number') return `n${cell}`;
  if (typeof cell === 'boolean') return cell ? 'T' : 'F';
  return `s${String(cell)}`;
}

/** FNV-1a (32 bits) of a row's cells, typed. */
export function rowDigest(cells: readonly unknown[]): number {
  let end = cells.length;
  while (end > 0 && canonicalCell(cells[end - 1]) === '') end--;
  let hash = 0x811c9dc5;
  for (let index = 0; index < end; index++) {
    const text = `${canonicalCell(cells[index])}\u0001`;
    for (let at = 0; at < text.length; at++) {
      hash ^= text.charCodeAt(at);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash >>> 0;
}

/** Rows' count and checksum (the sum of their digests, so order does not matter). */
export function checksumOf(rows: readonly (readonly unknown[])[]): { rows: number; checksum: number } {
  let sum = 0;
  for (const row of rows) sum = (sum + rowDigest(row)) % 0x100000000;
  return { rows: rows.length, checksum: sum };
}
