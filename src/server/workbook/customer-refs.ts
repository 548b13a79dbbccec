import { HISTORY_MAX_AGE_MS, decodeIndexEntry, historyBucketOf } from '../../shared/rules/my-day-index';
import { REF_TABLES, REFS_BLOCK, customerRowsOf, type RefTable } from '../../shared/rules/customer-refs';
import type { Zone } from '../../shared/time/zone';
import type { DocumentPropertiesSnapshot } from './layout';
import { changedCustomers, indexTable, readIndexMeta, readRefsMeta } from './my-day-index';
import type { Table, TableRecord } from './table';
import { readRowsOf, type RowsRequest } from './targeted-reads';

/**
 * Where a customer's records are, from the My day index's customer-rows block (rules/customer-refs.ts), for a
 * merge (issue 19 item 9): it must re-point every follow-up, ticket, survey and transaction of the merged
 * customer, and searching the four customer-id columns cost a column of each (257k cells at 34k customers).
 *
 * Like the rest of the index this is a cache, checked before it is trusted: the merge reads the customer's
 * bucket of the block and every row appended to the four tables since the build (one batch read), then reads the
 * listed rows and keeps those that still hold the customer's record. When a listed row no longer does (rows
 * sorted or deleted by hand since the build), when a table's last row at the build holds another record, when a
 * merge since the build moved rows onto this customer (`markRefsChanged`), or when there is no usable block,
 * the merge searches the columns instead: the result is the same, only the cost differs. A customer id typed by
 * hand into an older row since the build is not in the block: the rows it names are found by the next build.
 * The block is written with the index (my-day-index.ts `writeMyDayIndex`), its description in its own property.
 */
export interface FoundRefs {
  /** Rows to read per table: those listed at the build and those appended since that hold the customer's record. */
  rows: Record<RefTable, number[]>;
  /** The rows listed at the build: each must still hold the customer's record (refsConfirmed). */
  listed: Record<RefTable, number[]>;
}

/**
 * The customer's rows in the four tables from the block, in one batch read; null when the block can't answer
 * (none, another build's, too old, the customer changed by a merge since, a table's rows moved, too many rows to
 * list): the caller searches the columns.
 */
export function customerRefs(
  tables: Record<RefTable, Table>,
  customerId: string,
  properties: DocumentPropertiesSnapshot,
  zone: Zone,
  nowMs: number,
): FoundRefs | null {
  const meta = readIndexMeta(properties);
  const refs = readRefsMeta(properties);
  if (!meta || !refs || refs.builtMs !== meta.builtMs || nowMs < meta.builtMs) return null;
  if (nowMs - meta.builtMs > HISTORY_MAX_AGE_MS) return null;
  const changed = changedCustomers(properties);
  if (changed === 'all' || changed.includes(customerId)) return null;
  const [first, count] = meta.blocks[REFS_BLOCK] ?? [0, 0];
  const bucket = historyBucketOf(customerId, refs.buckets.length);
  const entryRows: number[] = [];
  const end = Math.min(count, refs.buckets[bucket + 1] ?? count);
  for (let entry = refs.buckets[bucket] ?? count; entry < end; entry++) entryRows.push(first + entry + 2);
  const index = indexTable(meta, tables.followUps.spreadsheet, tables.followUps.ids);
  const requests: RowsRequest[] = [
    { table: index, rows: entryRows, keys: ['entry'], raw: true },
    // Each table from its last row at the build to its end: the anchor, then the rows appended since.
    ...REF_TABLES.map((table) => ({
      table: tables[table],
      rows: [],
      keys: ['id', 'customerId'],
      from: Math.max(2, refs.lastRows[table]),
    })),
  ];
  let read: TableRecord[][];
  try {
    read = readRowsOf(requests, zone);
  } catch {
    return null; // a sheet is shorter than at the build (rows deleted by hand)
  }
  const [entries = [], ...tails] = read;
  let listedRows: ReturnType<typeof customerRowsOf> | undefined;
  for (const cell of entries) {
    const entry = decodeIndexEntry(cell.values.entry);
    if (entry && entry.owner === REFS_BLOCK && entry.id === customerId) listedRows = customerRowsOf(entry.values);
  }
  if (listedRows === null) return null; // too many rows to list
  const listed = listedRows ?? { followUps: [], tickets: [], satisfaction: [], transactions: [] };
  const rows = {} as Record<RefTable, number[]>;
  for (const [at, table] of REF_TABLES.entries()) {
    const tail = tails[at] ?? [];
    const lastRow = refs.lastRows[table];
    if (lastRow >= 2) {
      const anchor = tail[0];
      if (!anchor || anchor.row !== lastRow || String(anchor.values.id ?? '') !== (refs.lastIds[table] ?? '')) {
        return null;
      }
    }
    const appended = tail
      .filter((record) => record.row > lastRow && String(record.values.customerId ?? '').trim() === customerId)
      .map((record) => record.row);
    rows[table] = [...new Set([...listed[table], ...appended])].sort((a, b) => a - b);
  }
  return { rows, listed };
}

/**
 * Whether every row the block listed still holds one of the customer's records, given the records read from the
 * rows (already filtered to the customer), one list per table in REF_TABLES order. When one does not, rows moved
 * since the build: search instead.
 */
export function refsConfirmed(found: FoundRefs, owned: readonly (readonly TableRecord[])[]): boolean {
  return REF_TABLES.every((table, at) => {
    const held = new Set((owned[at] ?? []).map((record) => record.row));
    return found.listed[table].every((row) => held.has(row));
  });
}
