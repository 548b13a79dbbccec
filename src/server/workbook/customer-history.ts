import { HISTORY_BLOCK, HISTORY_MAX_AGE_MS, decodeIndexEntry, historyBucketOf } from '../../shared/rules/my-day-index';
import type { Zone } from '../../shared/time/zone';
import type { DocumentPropertiesSnapshot } from './layout';
import { indexTable, readIndexMeta, readJournal, type IndexMeta } from './my-day-index';
import type { Table, TableRecord } from './table';
import { escapeRegex } from '../../shared/rules/normalize';
import { findCandidateRows, findRows, readRowsOf, readWithHint, type RowsRequest } from './targeted-reads';

/**
 * A customer's follow-ups as a save needs them (issue 18): the retry check, the contact caps, the open actions a
 * save closes or looks for. Searching the customer-id column of Follow-ups costs a column's worth of cells, and
 * that column is the workbook's longest (182k rows at 36k customers: about 2.3 s of the 3 s a save took). The My
 * day index keeps, in its history block, every open follow-up, the recent outbound touches and the rows created
 * just before the build, keyed by customer id and ordered by a hash bucket of it (rules/my-day-index.ts
 * `belongsInHistory`, `historyEntries`). So a save searches nothing: it reads in one batch its customer's bucket
 * (about a hundred entries), Follow-ups' rows appended since the build (the tail, whole width: it also tells where
 * the table ends), the rows the add-on rewrote since (the journal) and the sidebar's hinted customer row.
 *
 * The index is a cache: what it says of a row is as of the build. Rows read again (tail, journal) win over it;
 * rows known only from it are read again before a save writes to them (`confirmOpen`). The search of the whole
 * column is used instead when there is no usable index (none yet, older than HISTORY_MAX_AGE_MS, built before
 * the history block, dropped by a job) or when the table's last row at the build no longer holds the record it
 * held (rows deleted or sorted by hand since): the result is the same, only the cost differs. Edits typed by hand
 * into older rows reach the history at the next build, as they reach My day.
 */
export interface CustomerHistory {
  /** The customer's follow-ups a save needs: open ones, recent outbound touches, rows created recently. */
  records: TableRecord[];
  /** Rows of `records` known only from the index (values as of its build): read again before writing them. */
  fromIndex: ReadonlySet<number>;
  /** The hinted rows read in the same batch (the caller checks they still hold its record). */
  hinted: TableRecord[];
  /** The other rows the caller asked for in the same batch (`also`), one result per request. */
  also: TableRecord[][];
}

/**
 * The customer's history, and the hinted rows. Sets `followUps.lastRow` when the tail told where the table ends,
 * so an append needs no getLastRow. `searchInstead` names a narrower search for when the index can't serve (a
 * ticket's related actions by its id, say): the rows it finds, whoever's, are then the history.
 */
export function readCustomerHistory(
  followUps: Table,
  customer: string | readonly string[],
  keys: readonly string[],
  hint: RowsRequest,
  properties: DocumentPropertiesSnapshot,
  zone: Zone,
  nowMs: number,
  also: readonly RowsRequest[] = [],
  searchInstead?: { key: string; value: string },
): CustomerHistory {
  // The id tells a row read again from the index's copy of it; the customer id whose it is now.
  keys = [...new Set(['id', 'customerId', ...keys])];
  // Several customers at once (a manager's reassignment of selected rows): their entries, in one read.
  const ids = new Set((typeof customer === 'string' ? [customer] : customer).filter((id) => id !== ''));
  const meta = readIndexMeta(properties);
  const viaIndex =
    meta && usableForHistory(meta, nowMs) ? fromIndex(meta, followUps, ids, keys, hint, also, properties, zone) : null;
  return viaIndex ?? searched(followUps, ids, keys, hint, also, zone, searchInstead);
}

function usableForHistory(meta: IndexMeta, nowMs: number): boolean {
  return (
    meta.history === true &&
    Array.isArray(meta.historyBuckets) &&
    meta.historyBuckets.length > 0 &&
    typeof meta.lastIds?.followUps === 'string' &&
    meta.lastIds.followUps !== '' &&
    meta.lastRows.followUps >= 2 &&
    nowMs >= meta.builtMs &&
    nowMs - meta.builtMs <= HISTORY_MAX_AGE_MS
  );
}

/** The whole customer-id column searched, the rows found and the hinted ones read in one batch. */
function searched(
  followUps: Table,
  ids: ReadonlySet<string>,
  keys: readonly string[],
  hint: RowsRequest,
  also: readonly RowsRequest[],
  zone: Zone,
  searchInstead?: { key: string; value: string },
): CustomerHistory {
  const [only, ...more] = [...ids];
  const rows = searchInstead
    ? findCandidateRows(followUps, searchInstead.key, searchInstead.value)
    : only === undefined
      ? []
      : more.length === 0
        ? findCandidateRows(followUps, 'customerId', only)
        : findRows(followUps, 'customerId', `^\\s*(?:${[...ids].map(escapeRegex).join('|')})\\s*$`, { regex: true });
  const read = readWithHint([{ table: followUps, rows, keys }, ...also], hint, zone);
  const [found = [], ...others] = read.needed;
  const records = searchInstead
    ? found.filter((record) => record.values[searchInstead.key] === searchInstead.value)
    : found.filter((record) => ids.has(String(record.values.customerId ?? '')));
  return { records, fromIndex: new Set(), hinted: read.hinted, also: others };
}

function fromIndex(
  meta: IndexMeta,
  followUps: Table,
  ids: ReadonlySet<string>,
  keys: readonly string[],
  hint: RowsRequest,
  also: readonly RowsRequest[],
  properties: DocumentPropertiesSnapshot,
  zone: Zone,
): CustomerHistory | null {
  const index = indexTable(meta, followUps.spreadsheet, followUps.ids);
  // The customer's bucket of the history block: its entries are among those rows (no search).
  const [first, count] = meta.blocks[HISTORY_BLOCK] ?? [0, 0];
  const starts = meta.historyBuckets ?? [0];
  const entryRows: number[] = [];
  for (const bucket of new Set([...ids].map((id) => historyBucketOf(id, starts.length)))) {
    const end = Math.min(count, starts[bucket + 1] ?? count);
    for (let entry = starts[bucket] ?? count; entry < end; entry++) entryRows.push(first + entry + 2);
  }
  const tailFrom = meta.lastRows.followUps;
  const journal = (readJournal(properties).followUps ?? []).filter((row) => row < tailFrom);
  const requests: RowsRequest[] = [
    { table: index, rows: entryRows, keys: ['entry'], raw: true },
    { table: followUps, rows: journal, keys },
    // Whole width from the last row at the build: the rows appended since, and where the table now ends.
    { table: followUps, rows: [], from: tailFrom },
  ];
  let read: TableRecord[][];
  try {
    read = readRowsOf([...requests, ...also, ...(hint.rows.length > 0 ? [hint] : [])], zone);
  } catch {
    return null; // the sheet is shorter than at the build (rows deleted by hand): search instead
  }
  const [entries = [], rewritten = [], tail = []] = read;
  const others = read.slice(3, 3 + also.length);
  const hinted = read[3 + also.length] ?? [];
  // The row that was last at the build must still hold the record it held, or rows above it moved.
  const anchor = tail[0];
  if (!anchor || anchor.row !== tailFrom || String(anchor.values.id ?? '') !== meta.lastIds?.followUps) return null;
  followUps.lastRow = Math.max(...tail.map((record) => record.row));

  // Rows read again win, whichever customer they now belong to (a merge re-points rows).
  const fresh = new Map<string, TableRecord>();
  for (const record of [...rewritten, ...tail.slice(1)]) {
    const id = String(record.values.id ?? '');
    if (id !== '') fresh.set(id, record);
  }
  const records: TableRecord[] = [];
  const known = new Set<number>();
  for (const cell of entries) {
    const entry = decodeIndexEntry(cell.values.entry);
    if (!entry || entry.owner !== HISTORY_BLOCK || !ids.has(entry.id)) continue;
    const values = entry.values;
    const row = typeof values.row === 'number' ? values.row : null;
    if (row === null || !ids.has(String(values.customerId ?? ''))) continue;
    if (fresh.has(String(values.id ?? ''))) continue;
    delete values.row;
    records.push({ row, values });
    known.add(row);
  }
  for (const record of fresh.values()) if (ids.has(String(record.values.customerId ?? ''))) records.push(record);
  records.sort((a, b) => a.row - b.row);
  return { records, fromIndex: known, hinted, also: others };
}

/**
 * `candidates` as their rows hold them now: rows known only from the index are read again (the columns of
 * `keys`, one batch) and replaced by what they hold, when they still hold the same record. Null when one of them
 * holds another record (rows moved since the build): the caller searches instead.
 */
export function confirmRows(
  followUps: Table,
  history: CustomerHistory,
  candidates: readonly TableRecord[],
  keys: readonly string[],
  zone: Zone,
): TableRecord[] | null {
  const stale = candidates.filter((record) => history.fromIndex.has(record.row));
  if (stale.length === 0) return [...candidates];
  const wanted = [...new Set(['id', ...keys])];
  const [current = []] = readRowsOf(
    [{ table: followUps, rows: stale.map((record) => record.row), keys: wanted }],
    zone,
  );
  const byRow = new Map(current.map((record) => [record.row, record]));
  const out: TableRecord[] = [];
  for (const record of candidates) {
    if (!history.fromIndex.has(record.row)) {
      out.push(record);
      continue;
    }
    const now = byRow.get(record.row);
    if (!now || now.values.id !== record.values.id) return null;
    out.push({ row: record.row, values: { ...record.values, ...now.values } });
  }
  return out;
}

/** The open records among `candidates` as their rows hold them now (confirmRows), or null. */
export function confirmOpen(
  followUps: Table,
  history: CustomerHistory,
  candidates: readonly TableRecord[],
  zone: Zone,
): TableRecord[] | null {
  const confirmed = confirmRows(followUps, history, candidates, ['status'], zone);
  return confirmed && confirmed.filter((record) => record.values.status === 'open');
}
