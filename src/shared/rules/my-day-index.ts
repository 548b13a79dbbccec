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

/**
 * The index's block of customers' follow-up history (issue 18): a follow-up or needs-analysis save reads its
 * customer's entries there instead of searching the whole customer-id column of Follow-ups (182k cells at 36k
 * customers). Owners are trimmed e-mails, so a key starting with a space is never a rep's block. The block is
 * ordered by a hash bucket of the customer id, so a save reads its customer's bucket, about a hundred entries.
 */
export const HISTORY_BLOCK = ' history';
/** What a save reads of a customer's earlier follow-ups: the retry check, contact caps, open actions, proposal. */
export const HISTORY_KEYS = [
  'id',
  'customerId',
  'at',
  'direction',
  'status',
  'reason',
  'requestId',
  'nextActionDue',
  'createdAt',
] as const;
/** A history entry's cell: its follow-up's history columns and the row it was on at the build. */
export const HISTORY_CELL_KEYS = [...HISTORY_KEYS, 'row'] as const;
/**
 * Outbound touches this recent at the build stay in the history block: the contact caps count the calendar
 * week or month of a touch (rules/cadence.ts), and the margin covers an index up to HISTORY_MAX_AGE_MS old.
 */
export const HISTORY_TOUCH_DAYS = 45;
/** Rows created this recently at the build stay in it too: a retried save finds the row its first try wrote. */
export const HISTORY_CREATED_DAYS = 2;
/** An older index is not used for history (the rows appended since would make a long read): search instead. */
export const HISTORY_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** Every column the index build reads: My day's, and Follow-ups' history columns. */
export const INDEX_SOURCE_KEYS: Readonly<Record<IndexedTable, readonly string[]>> = {
  ...MY_DAY_KEYS,
  followUps: [...new Set([...MY_DAY_KEYS.followUps, ...HISTORY_KEYS])],
};

/** How far ahead an index looks: a customer due (or sleeping) later than this is left out of it. */
export const INDEX_HORIZON_DAYS = 8;
/**
 * An index older than this is built again by the My day that finds it (well inside the horizon; also picks up
 * edits typed by hand). Longer than a day between two daily scans: a daily trigger fires anywhere in the hour it
 * names (docs/apps-script/services.md, time-driven triggers), so two scans can be up to ~25 h apart, and a rep
 * opening My day just before the next scan must not wait for a build in the sidebar (65 s at 34k customers).
 */
export const INDEX_MAX_AGE_MS = 26 * 3600 * 1000;
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
  // Parsed objects are rewritten in place (a plain loop: My day decodes tens of thousands at 100k customers).
  const out = parsed as Record<string, unknown>;
  for (const key in out) {
    const value = out[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') continue;
    if (typeof value === 'object' && value !== null && typeof (value as { d?: unknown }).d === 'number') {
      out[key] = new Date((value as { d: number }).d);
    } else delete out[key];
  }
  return out as Record<string, FieldValue>;
}

/**
 * An entry as one cell: rep, table and id, then the record (encodeIndexRecord), tab-separated. One column, not
 * four: the index counts toward the workbook's 10 M cells, and a near-full workbook must still hold it.
 */
export function encodeIndexEntry(entry: IndexEntry, keys: readonly string[]): string {
  if (entry.lean) {
    const { due, sleepSince } = entry.lean;
    const record = encodeIndexRecord(entry.values, keys);
    return `${entry.owner}\t${LEAN_TAG}\t${entry.id}\t${due ?? ''}\t${sleepSince ?? ''}\t${record}`;
  }
  return `${entry.owner}\t${entry.table}\t${entry.id}\t${encodeIndexRecord(entry.values, keys)}`;
}

/** An entry back from its cell; null when the cell isn't one (edited by hand). */
export function decodeIndexEntry(cell: unknown): IndexEntry | null {
  if (typeof cell !== 'string') return null;
  // Three tabs, found rather than split: the record after them may hold more (tens of thousands a My day).
  const afterOwner = cell.indexOf('\t');
  const afterTable = afterOwner < 0 ? -1 : cell.indexOf('\t', afterOwner + 1);
  const afterId = afterTable < 0 ? -1 : cell.indexOf('\t', afterTable + 1);
  if (afterId < 0) return null;
  const table = cell.slice(afterOwner + 1, afterTable);
  if (!(INDEXED_TABLES as readonly string[]).includes(table)) return null;
  const values = decodeIndexRecord(cell.slice(afterId + 1));
  if (!values) return null;
  return {
    owner: cell.slice(0, afterOwner),
    table: table as IndexedTable,
    id: cell.slice(afterTable + 1, afterId),
    values,
  };
}

export interface IndexEntry {
  owner: string;
  table: IndexedTable;
  id: string;
  values: Record<string, FieldValue>;
  /**
   * Set on a "lean" customer (LeanCell): what My day needs to tell whether it is on a list and where, kept in
   * front of its record so My day decodes only the records it shows. At 100k customers a rep's block is mostly
   * these (customers past their next follow-up date, sleeping customers).
   */
  lean?: { due: number | null; sleepSince: number | null };
}

/** The table field of a lean customer's cell (encodeIndexEntry): decodeIndexEntry passes it by. */
const LEAN_TAG = 'lean';

/**
 * A customer whose lists can't change while the index lasts but by a fresher read of its row: its next follow-up
 * date was already past at the build (it stays past), or is beyond the horizon or absent (only sleeping can list
 * it). `due` is that past date (null otherwise), `sleepSince` its last contact or else its creation (null when it
 * has no creation date: never sleeping). The record is decoded only when shown (`pickLeanCustomers`).
 */
export interface LeanCell {
  id: string;
  due: number | null;
  sleepSince: number | null;
  cell: string;
  /** Where the record (encodeIndexRecord) starts in the cell. */
  recordAt: number;
}

/** Whether a customer entry is lean (LeanCell) in an index built at `builtMs`, and its two instants. */
export function leanOf(values: Values, builtMs: number): IndexEntry['lean'] {
  const due = ms(values.nextFollowUpDue);
  const horizon = builtMs + INDEX_HORIZON_DAYS * DAY_MS;
  if (due !== null && due >= builtMs && due <= horizon) return undefined;
  const created = ms(values.createdAt);
  return {
    due: due !== null && due < builtMs ? due : null,
    sleepSince: created === null ? null : (ms(values.lastContactAt) ?? created),
  };
}

const instantField = (field: string): number | null => (field === '' ? null : Number(field));

/** A lean customer's id and instants from its cell (no JSON parse); null for any other cell. */
export function decodeLean(cell: unknown): LeanCell | null {
  if (typeof cell !== 'string') return null;
  const afterOwner = cell.indexOf('\t');
  if (afterOwner < 0 || !cell.startsWith(LEAN_TAG + '\t', afterOwner + 1)) return null;
  const afterTable = afterOwner + LEAN_TAG.length + 1;
  const afterId = cell.indexOf('\t', afterTable + 1);
  const afterDue = afterId < 0 ? -1 : cell.indexOf('\t', afterId + 1);
  const afterSince = afterDue < 0 ? -1 : cell.indexOf('\t', afterDue + 1);
  if (afterSince < 0) return null;
  const due = instantField(cell.slice(afterId + 1, afterDue));
  const sleepSince = instantField(cell.slice(afterDue + 1, afterSince));
  if (Number.isNaN(due) || Number.isNaN(sleepSince)) return null;
  return { id: cell.slice(afterTable + 1, afterId), due, sleepSince, cell, recordAt: afterSince + 1 };
}

/** The customer record of a lean cell; null when the cell was edited out of shape. */
export function leanValues(lean: LeanCell): Record<string, FieldValue> | null {
  return decodeIndexRecord(lean.cell.slice(lean.recordAt));
}

const byInstantThenId =
  (instant: (cell: LeanCell) => number) =>
  (a: LeanCell, b: LeanCell): number =>
    instant(a) - instant(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The lean customers My day lists, from a rep's lean cells: past their next follow-up date (unless an open action
 * of the rep stands for it: `withOpenAction`) and asleep before `asleepBefore`, leaving out those read again from
 * the table (`freshIds`, which the caller lists itself). Only the first `limit` of each list (by date, then id, as
 * buildMyDay orders them) are decoded; the others are counted in `uncounted`, so totals stay exact.
 */
export function pickLeanCustomers(
  cells: readonly LeanCell[],
  freshIds: ReadonlySet<string>,
  withOpenAction: ReadonlySet<string>,
  nowMs: number,
  asleepBefore: number,
  limit: number,
): { decoded: Record<string, FieldValue>[]; uncounted: { pastNextFollowUp: number; sleeping: number } } {
  const isPast = (cell: LeanCell) => cell.due !== null && nowMs > cell.due && !withOpenAction.has(cell.id);
  const isAsleep = (cell: LeanCell) => cell.sleepSince !== null && cell.sleepSince < asleepBefore;
  const past: LeanCell[] = [];
  const asleep: LeanCell[] = [];
  for (const cell of cells) {
    if (freshIds.has(cell.id)) continue;
    if (isPast(cell)) past.push(cell);
    if (isAsleep(cell)) asleep.push(cell);
  }
  const shownPast = past.sort(byInstantThenId((cell) => cell.due as number)).slice(0, limit);
  const shownAsleep = asleep.sort(byInstantThenId((cell) => cell.sleepSince as number)).slice(0, limit);
  const chosen = new Map<string, LeanCell>();
  for (const cell of [...shownPast, ...shownAsleep]) chosen.set(cell.id, cell);
  const decoded: Record<string, FieldValue>[] = [];
  let decodedPast = 0;
  let decodedAsleep = 0;
  for (const cell of chosen.values()) {
    const values = leanValues(cell);
    if (!values) continue;
    decoded.push(values);
    if (isPast(cell)) decodedPast += 1;
    if (isAsleep(cell)) decodedAsleep += 1;
  }
  return {
    decoded,
    uncounted: { pastNextFollowUp: past.length - decodedPast, sleeping: asleep.length - decodedAsleep },
  };
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
    const lean = table === 'customers' ? leanOf(values, builtMs) : undefined;
    for (const owner of indexOwners(table, values)) {
      entries.push({ owner, table, id, values: { ...values } as never, ...(lean ? { lean } : {}) });
    }
  }
  return entries.sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
}

/**
 * Whether a follow-up is in the history block: every open one (a save may close it, a needs analysis looks for
 * an open proposal), outbound touches of the last HISTORY_TOUCH_DAYS, and rows created in the last
 * HISTORY_CREATED_DAYS. Closed, older rows matter to no save.
 */
export function belongsInHistory(values: Values, builtMs: number): boolean {
  if (text(values.id) === '' || text(values.customerId).trim() === '') return false;
  if (values.status === 'open') return true;
  const at = ms(values.at);
  if (values.direction === 'outbound' && at !== null && at >= builtMs - HISTORY_TOUCH_DAYS * DAY_MS) return true;
  const created = ms(values.createdAt);
  return created !== null && created >= builtMs - HISTORY_CREATED_DAYS * DAY_MS;
}

/** Most buckets of the history block: their starts are kept in the index's document property (9 KB a value). */
const MAX_HISTORY_BUCKETS = 512;
/** About this many entries per bucket: a save reads its customer's bucket, so its cost stays flat. */
const HISTORY_BUCKET_ENTRIES = 128;

/** The bucket of a customer id among `buckets` (FNV-1a of the id: spreads similar ids evenly). */
export function historyBucketOf(customerId: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < customerId.length; at++) {
    hash ^= customerId.charCodeAt(at);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return buckets <= 1 ? 0 : hash % buckets;
}

/**
 * The history block's entries, keyed by customer id, with their row, ordered by bucket of customer id; and where
 * each bucket starts (0-based within the block). A save reads only its customer's bucket: no search at all.
 */
export function historyEntries(
  records: readonly { row: number; values: Values }[],
  builtMs: number,
): { entries: IndexEntry[]; bucketStarts: number[] } {
  const kept: { bucket: number; entry: IndexEntry }[] = [];
  const chosen = records.filter((record) => belongsInHistory(record.values, builtMs));
  const buckets = Math.min(MAX_HISTORY_BUCKETS, Math.max(1, Math.ceil(chosen.length / HISTORY_BUCKET_ENTRIES)));
  for (const { row, values } of chosen) {
    const customerId = text(values.customerId).trim();
    const stored: Record<string, FieldValue> = { row };
    for (const key of HISTORY_KEYS) if (values[key] !== undefined) stored[key] = values[key] as FieldValue;
    kept.push({
      bucket: historyBucketOf(customerId, buckets),
      entry: { owner: HISTORY_BLOCK, table: 'followUps', id: customerId, values: stored },
    });
  }
  return inBucketOrder(kept, buckets);
}

/** Entries ordered by their bucket, and where each of `buckets` buckets starts (0-based among them). */
export function inBucketOrder(
  kept: { bucket: number; entry: IndexEntry }[],
  buckets: number,
): { entries: IndexEntry[]; bucketStarts: number[] } {
  kept.sort((a, b) => a.bucket - b.bucket);
  const bucketStarts: number[] = [];
  let at = 0;
  for (let bucket = 0; bucket < buckets; bucket++) {
    bucketStarts.push(at);
    while (at < kept.length && (kept[at] as { bucket: number }).bucket === bucket) at++;
  }
  return { entries: kept.map((item) => item.entry), bucketStarts };
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
