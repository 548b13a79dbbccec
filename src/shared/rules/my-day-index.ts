import type { FieldValue } from '../schema/cells';
import type { Zone } from '../time/zone';
import { isSleeping } from './cadence';
import { isMergedCustomer } from './merge-customers';
import type { SettingsValues } from './settings';

/**
 * The My day index (issue 18): what decides and shows a rep's lists, kept per rep in one hidden sheet so
 * My day reads one block of rows instead of searching and reading three large tables. Pure rules: which
 * records go in, under which reps, and how a record is stored in one cell and read back. The index is a
 * cache: My day also reads the rows written since it was built, and those win (workbook/my-day-index.ts).
 */

type Values = Readonly<Record<string, FieldValue | undefined>>;

export const INDEXED_TABLES = ['customers', 'followUps', 'tickets'] as const;
export type IndexedTable = (typeof INDEXED_TABLES)[number];

/** Every column My day uses of each table: what decides the lists and what the sidebar shows. */
export const MY_DAY_KEYS: Readonly<Record<IndexedTable, readonly string[]>> = {
  customers: [
    'id',
    'name',
    'contactName',
    'owner',
    'coOwner',
    'doNotContact',
    'status',
    'nextFollowUpDue',
    'lastContactAt',
    'createdAt',
    'mergedInto',
  ],
  followUps: ['id', 'customerId', 'customerName', 'owner', 'status', 'nextActionDue', 'nextAction', 'topic', 'content'],
  tickets: ['id', 'customerId', 'customerName', 'assignee', 'status', 'archivedAt', 'resolutionDue', 'description'],
};

/** How far ahead an index looks: a customer due (or sleeping) later than this is left out of it. */
export const INDEX_HORIZON_DAYS = 8;
/** An index older than this is built again (well inside the horizon; also picks up edits typed by hand). */
export const INDEX_MAX_AGE_MS = 20 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

function text(value: FieldValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function ms(value: FieldValue | undefined): number | null {
  return Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : null;
}

/** The reps whose My day may list the record (lower-case e-mails, no blanks, no repeats). */
export function indexOwners(table: IndexedTable, values: Values): string[] {
  const fields = table === 'customers' ? ['owner', 'coOwner'] : table === 'followUps' ? ['owner'] : ['assignee'];
  const owners = fields.map((field) => text(values[field]).trim().toLowerCase()).filter((owner) => owner !== '');
  return [...new Set(owners)];
}

/**
 * Whether a record can be on a list before the index's horizon: open actions with a due date (all of them:
 * one due later still keeps its customer off "past next follow-up"), open tickets, and customers who may be
 * contacted and are due or sleeping by the horizon. Dates only move on when a row is written, and a written
 * row is read again by My day, so what is left out here can't be missed.
 */
export function belongsInIndex(
  table: IndexedTable,
  values: Values,
  builtMs: number,
  settings: SettingsValues,
  zone: Zone,
): boolean {
  if (table === 'followUps') return values.status === 'open' && ms(values.nextActionDue) !== null;
  if (table === 'tickets') {
    return (values.status === 'pending' || values.status === 'inProgress') && ms(values.archivedAt) === null;
  }
  if (values.doNotContact === true || values.status === 'lost' || values.status === 'churned') return false;
  if (isMergedCustomer(values)) return false;
  const horizon = builtMs + INDEX_HORIZON_DAYS * DAY_MS;
  const due = ms(values.nextFollowUpDue);
  if (due !== null && due <= horizon) return true;
  const created = ms(values.createdAt);
  return created !== null && isSleeping(ms(values.lastContactAt), created, horizon, settings, zone);
}

/** A record's My day columns as one cell's text (dates as epoch ms, tagged). */
export function encodeIndexRecord(values: Values, keys: readonly string[]): string {
  const out: Record<string, string | number | boolean | { d: number }> = {};
  for (const key of keys) {
    const value = values[key];
    if (value === null || value === undefined || value === '') continue;
    const at = ms(value);
    out[key] = at !== null ? { d: at } : (value as string | number | boolean);
  }
  return JSON.stringify(out);
}

/** The record back from encodeIndexRecord; null when the cell isn't one (edited by hand). */
export function decodeIndexRecord(cell: unknown): Record<string, FieldValue> | null {
  if (typeof cell !== 'string' || !cell.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const out: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value === 'object' && value !== null && typeof (value as { d?: unknown }).d === 'number') {
      out[key] = new Date((value as { d: number }).d);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[key] = value;
    }
  }
  return out;
}

export interface IndexEntry {
  owner: string;
  table: IndexedTable;
  id: string;
  values: Record<string, FieldValue>;
}

/** The index's entries for some records: one per rep who may see it, sorted by rep so each has one block. */
export function indexEntries(
  records: readonly { table: IndexedTable; values: Values }[],
  builtMs: number,
  settings: SettingsValues,
  zone: Zone,
): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const { table, values } of records) {
    const id = text(values.id);
    if (id === '' || !belongsInIndex(table, values, builtMs, settings, zone)) continue;
    for (const owner of indexOwners(table, values)) entries.push({ owner, table, id, values: { ...values } as never });
  }
  return entries.sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
}

/** First row (0-based among the entries) and count of each rep's block. */
export function ownerBlocks(entries: readonly IndexEntry[]): Record<string, [number, number]> {
  const blocks: Record<string, [number, number]> = {};
  entries.forEach((entry, index) => {
    const block = blocks[entry.owner];
    if (block) block[1] += 1;
    else blocks[entry.owner] = [index, 1];
  });
  return blocks;
}

/**
 * A rep's records for My day: the index block's entries, except records read again from their rows
 * (written since the index was built, or appended after it), which replace them, whoever they now belong to.
 */
export function mergeIndexed(
  email: string,
  indexed: readonly IndexEntry[],
  fresh: readonly { table: IndexedTable; values: Values }[],
): Record<IndexedTable, Values[]> {
  const out: Record<IndexedTable, Map<string, Values>> = {
    customers: new Map(),
    followUps: new Map(),
    tickets: new Map(),
  };
  for (const entry of indexed) if (entry.owner === email) out[entry.table].set(entry.id, entry.values);
  for (const { table, values } of fresh) {
    const id = text(values.id);
    if (id === '') continue;
    out[table].delete(id);
    if (indexOwners(table, values).includes(email)) out[table].set(id, values);
  }
  return {
    customers: [...out.customers.values()],
    followUps: [...out.followUps.values()],
    tickets: [...out.tickets.values()],
  };
}
