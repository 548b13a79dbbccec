import type { FieldValue } from '../schema/cells';
import { historyBucketOf, inBucketOrder, type IndexEntry } from './my-day-index';

/**
 * The index's block of where each customer's records are (issue 19 item 9, issue 18): for every customer id, the
 * rows of Follow-ups, Tickets, Satisfaction and Transactions that held one of its records when the index was
 * built. A merge must re-point every record of the merged customer; finding them by searching the customer-id
 * columns costs a column of each table (257k cells at 34k customers: over 3 s of a 2 s budget). With this block
 * the merge reads its customer's bucket (about a hundred entries) and the rows appended since the build, then
 * reads those rows and checks each still holds the customer's record (workbook/customer-refs.ts).
 *
 * An entry is keyed by customer id (table 'customers', owner REFS_BLOCK); its values hold, per table, the rows
 * as comma-separated numbers. The block is ordered by the same hash bucket as the history block.
 */
export const REFS_BLOCK = ' refs';

/** The tables whose rows belong to a customer by their customerId column. */
export const REF_TABLES = ['followUps', 'tickets', 'satisfaction', 'transactions'] as const;
export type RefTable = (typeof REF_TABLES)[number];

/** What the build reads of each table for the block: the record id (the last row's, an anchor) and its customer. */
export const REF_SOURCE_KEYS = ['id', 'customerId'] as const;

/** About this many entries per bucket, as in the history block; at most this many buckets (a property holds 9 KB). */
const REF_BUCKET_ENTRIES = 128;
const MAX_REF_BUCKETS = 512;
/**
 * A customer with more rows than fit in one cell (50,000 characters) is marked, not listed: a merge of it
 * searches instead. 40,000 characters is about 6,000 rows.
 */
const MAX_ROWS_TEXT = 40_000;
const OVERFLOW_KEY = 'overflow';

export interface RefSourceRecord {
  table: RefTable;
  row: number;
  values: Readonly<Record<string, FieldValue | undefined>>;
}

/** Rows per table of one customer, as the block lists them; null when too many to list (search instead). */
export type CustomerRows = Record<RefTable, number[]> | null;

/** The block's entries, one per customer with records, ordered by bucket; and where each bucket starts. */
export function refsEntries(records: readonly RefSourceRecord[]): { entries: IndexEntry[]; bucketStarts: number[] } {
  const byCustomer = new Map<string, Record<RefTable, number[]>>();
  for (const { table, row, values } of records) {
    const raw = values.customerId;
    const customerId = raw === null || raw === undefined ? '' : String(raw).trim();
    if (customerId === '') continue;
    let rows = byCustomer.get(customerId);
    if (!rows) {
      rows = { followUps: [], tickets: [], satisfaction: [], transactions: [] };
      byCustomer.set(customerId, rows);
    }
    rows[table].push(row);
  }
  const buckets = Math.min(MAX_REF_BUCKETS, Math.max(1, Math.ceil(byCustomer.size / REF_BUCKET_ENTRIES)));
  const kept: { bucket: number; entry: IndexEntry }[] = [];
  for (const [customerId, rows] of byCustomer) {
    const values: Record<string, FieldValue> = {};
    let length = 0;
    for (const table of REF_TABLES) {
      if (rows[table].length === 0) continue;
      const listed = rows[table].join(',');
      values[table] = listed;
      length += listed.length;
    }
    kept.push({
      bucket: historyBucketOf(customerId, buckets),
      entry: {
        owner: REFS_BLOCK,
        table: 'customers',
        id: customerId,
        values: length > MAX_ROWS_TEXT ? { [OVERFLOW_KEY]: true } : values,
      },
    });
  }
  return inBucketOrder(kept, buckets);
}

/** The keys an entry's cell stores (encodeIndexEntry writes only these). */
export const REFS_CELL_KEYS = [...REF_TABLES, OVERFLOW_KEY] as const;

/** A customer's rows from its entry's values; null when the entry says there were too many to list. */
export function customerRowsOf(values: Readonly<Record<string, FieldValue>>): CustomerRows {
  if (values[OVERFLOW_KEY] === true) return null;
  const out: Record<RefTable, number[]> = { followUps: [], tickets: [], satisfaction: [], transactions: [] };
  for (const table of REF_TABLES) {
    const listed = values[table];
    // Written as text; a number would be a cell edited by hand, taken as the one row it names.
    const parts = typeof listed === 'number' ? [listed] : typeof listed === 'string' ? listed.split(',') : [];
    for (const part of parts) {
      const row = Number(part);
      if (Number.isInteger(row) && row >= 2) out[table].push(row);
    }
  }
  return out;
}
