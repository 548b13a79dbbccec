import type { Language } from '../../shared/i18n/language';
import { translatorFor } from '../../shared/i18n/translate';
import {
  decodeIndexEntry,
  decodeLean,
  encodeIndexEntry,
  HISTORY_BLOCK,
  HISTORY_CELL_KEYS,
  historyEntries,
  INDEX_MAX_AGE_MS,
  INDEX_SOURCE_KEYS,
  INDEXED_TABLES,
  indexEntries,
  MY_DAY_KEYS,
  ownerBlocks,
  type IndexedTable,
  type IndexEntry,
  type LeanCell,
} from '../../shared/rules/my-day-index';
import {
  REF_SOURCE_KEYS,
  REF_TABLES,
  REFS_BLOCK,
  REFS_CELL_KEYS,
  refsEntries,
  type RefSourceRecord,
  type RefTable,
} from '../../shared/rules/customer-refs';
import type { SettingsValues } from '../../shared/rules/settings';
import type { FieldValue } from '../../shared/schema/cells';
import type { TableTemplate } from '../../shared/schema/template-types';
import type { Zone } from '../../shared/time/zone';
import type { DocumentPropertiesSnapshot } from './layout';
import { openTables } from './open-tables';
import { lastRowOf, type Table, type TableRecord } from './table';
import { readColumns, readRowsOf, type RowsRequest } from './targeted-reads';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The My day index in the workbook (issue 18). My day used to search the owner and status columns of three
 * large tables and read the scattered rows it found: 7 s at 10,000 customers, 26 s at 36,000. The index keeps,
 * on one hidden sheet, the records that can be on a rep's lists (src/shared/rules/my-day-index.ts), one row
 * per rep and record, sorted by rep: My day reads its rep's block in one range. It is a cache, never the truth:
 *
 * - built by My day when missing or older than INDEX_MAX_AGE_MS (and by the daily scan), from one read of
 *   the columns My day uses;
 * - rows appended to the tables after it was built are read from the tables (an open-ended range from the
 *   row count taken at build), and rows the add-on rewrote are listed in a journal (WriteBatch.commit) and
 *   read again; a record read again replaces its index entries;
 * - jobs that rewrite many rows (grade all, imports) drop it, and edits typed into the sheet are picked up
 *   at the next build (within a day).
 */
const META_PROPERTY = 'crm.myDayIndex';
const JOURNAL_PROPERTY = 'crm.myDayIndex.written';
/** The index sheet's id, kept when the index is dropped: the next build reuses the sheet, never adds one. */
const SHEET_PROPERTY = 'crm.myDayIndex.sheet';
/** More journaled rows than this and the index is dropped instead (rebuilt by the next My day). */
const MAX_JOURNAL_ROWS = 1500;
/** Longest text kept per field: the sidebar shows a line, and a cell holds at most 50,000 characters. */
const MAX_TEXT = 300;

export interface IndexMeta {
  sheetId: number;
  sheetName: string;
  builtMs: number;
  /** Entries on the sheet (rows 2 … entries + 1). */
  entries: number;
  /** Each table's last row when the index was built: later rows are read from the table. */
  lastRows: Record<IndexedTable, number>;
  /** Each rep's block: first entry (0-based) and count. */
  blocks: Record<string, [number, number]>;
  /** The Settings the index was built with (a change of the sleeping threshold changes who is in it). */
  sleepingDays: number;
  /** Built with the customers' follow-up history block (HISTORY_BLOCK; indexes built before it have none). */
  history?: boolean;
  /** Where each bucket of the history block starts, 0-based within the block (rules `historyBucketOf`). */
  historyBuckets?: number[];
  /** Each table's record id at its last row at the build: a check that no row above it was deleted since. */
  lastIds?: Partial<Record<IndexedTable, string>>;
  /** The sheet's layout (INDEX_FORMAT). Others are built again. */
  format?: number;
}

/*
 * The customers' rows block (rules/customer-refs.ts, read by workbook/customer-refs.ts for a merge).
 */
const REFS_PROPERTY = 'crm.myDayIndex.refs';
/** Customers whose rows a merge moved since the build (their listed rows are incomplete): JSON list of ids. */
const CHANGED_PROPERTY = 'crm.myDayIndex.refsChanged';
/** More changed customers than this and the whole block is treated as changed. */
const MAX_CHANGED = 200;

/** The block's description, in a document property of its own (the index's property is near its 9 KB). */
export interface RefsMeta {
  /** The index build this block belongs to (IndexMeta.builtMs): another build's block is not used. */
  builtMs: number;
  /** Where each bucket starts, 0-based within the block. */
  buckets: number[];
  /** Each table's last row at the build: later rows are read from the table. */
  lastRows: Record<RefTable, number>;
  /** The record id on each table's last row at the build: a check that no row above it moved since. */
  lastIds: Partial<Record<RefTable, string>>;
}

/** The block's entries and description from the four tables' id and customer-id columns, as read at the build. */
export function refsBlock(
  records: readonly RefSourceRecord[],
  lastRows: Record<RefTable, number>,
  builtMs: number,
): { entries: IndexEntry[]; meta: RefsMeta } {
  const { entries, bucketStarts } = refsEntries(records);
  return { entries, meta: { builtMs, buckets: bucketStarts, lastRows, lastIds: lastIdsOf(records, lastRows) } };
}

/** Records the block's description (after the index's own), and forgets the customers changed before. */
export function writeRefsMeta(properties: DocumentPropertiesSnapshot, meta: RefsMeta | null): void {
  const value = meta ? JSON.stringify(meta) : '';
  if ((properties.values[REFS_PROPERTY] ?? '') !== value) properties.set(REFS_PROPERTY, value);
  if (properties.values[CHANGED_PROPERTY]) properties.set(CHANGED_PROPERTY, '');
}

export function readRefsMeta(properties: DocumentPropertiesSnapshot): RefsMeta | null {
  const raw = properties.values[REFS_PROPERTY];
  if (!raw) return null;
  try {
    const meta = JSON.parse(raw) as RefsMeta;
    return typeof meta.builtMs === 'number' && Array.isArray(meta.buckets) && meta.lastRows ? meta : null;
  } catch {
    return null;
  }
}

export function changedCustomers(properties: DocumentPropertiesSnapshot): string[] | 'all' {
  const raw = properties.values[CHANGED_PROPERTY];
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed === 'all' ? 'all' : Array.isArray(parsed) ? parsed.map(String) : 'all';
  } catch {
    return 'all';
  }
}

/**
 * Notes that rows were moved onto these customers (a merge re-pointed the other's rows to the kept one): their
 * listed rows are incomplete until the next build, so a merge of one of them searches. Call under the lock.
 */
export function markRefsChanged(properties: DocumentPropertiesSnapshot, customerIds: readonly string[]): void {
  if (!readRefsMeta(properties)) return;
  const changed = changedCustomers(properties);
  if (changed === 'all') return;
  const next = [...new Set([...changed, ...customerIds])];
  properties.set(CHANGED_PROPERTY, JSON.stringify(next.length > MAX_CHANGED ? 'all' : next));
}

/**
 * The layout this build writes (IndexMeta.format): 2 = one entry a cell in column A (encodeIndexEntry); 3 = the
 * same, with lean customers' cells (rules `LeanCell`) carrying their due date and sleep start before the record.
 */
const INDEX_FORMAT = 3;

export type Journal = Partial<Record<IndexedTable, number[]>>;

export function readIndexMeta(properties: DocumentPropertiesSnapshot): IndexMeta | null {
  const raw = properties.values[META_PROPERTY];
  if (!raw) return null;
  try {
    const meta = JSON.parse(raw) as IndexMeta;
    const valid = typeof meta.sheetId === 'number' && typeof meta.builtMs === 'number' && meta.blocks;
    return valid && meta.format === INDEX_FORMAT ? meta : null;
  } catch {
    return null;
  }
}

export function readJournal(properties: DocumentPropertiesSnapshot): Journal {
  const raw = properties.values[JOURNAL_PROPERTY];
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Journal;
  } catch {
    return {};
  }
}

/** Whether an index can serve My day now; otherwise it is built again first. */
export function indexUsable(meta: IndexMeta | null, nowMs: number, settings: SettingsValues): meta is IndexMeta {
  return (
    meta !== null &&
    nowMs >= meta.builtMs &&
    nowMs - meta.builtMs <= INDEX_MAX_AGE_MS &&
    meta.sleepingDays === settings.sleepingDays
  );
}

/** Drops the index (a job rewrote many rows): the next My day builds it again. */
export function dropMyDayIndex(properties: DocumentPropertiesSnapshot): void {
  if (properties.values[META_PROPERTY]) properties.set(META_PROPERTY, '');
  if (properties.values[JOURNAL_PROPERTY]) properties.set(JOURNAL_PROPERTY, '');
}

/**
 * Notes rows the add-on is about to rewrite in indexed tables, so My day reads them again. Only rows that
 * existed when the index was built: later ones are read anyway. Call under the document lock.
 */
export function journalWrites(properties: DocumentPropertiesSnapshot, written: ReadonlyMap<string, Iterable<number>>) {
  const meta = readIndexMeta(properties);
  if (!meta) return;
  const journal = readJournal(properties);
  let changed = false;
  for (const table of INDEXED_TABLES) {
    const rows = written.get(table);
    if (!rows) continue;
    const known = new Set(journal[table] ?? []);
    for (const row of rows) {
      if (row <= meta.lastRows[table] && !known.has(row)) {
        known.add(row);
        changed = true;
      }
    }
    journal[table] = [...known].sort((a, b) => a - b);
  }
  if (!changed) return;
  const total = INDEXED_TABLES.reduce((sum, table) => sum + (journal[table]?.length ?? 0), 0);
  if (total > MAX_JOURNAL_ROWS) dropMyDayIndex(properties);
  else properties.set(JOURNAL_PROPERTY, JSON.stringify(journal));
}

const INDEX_TEMPLATE: TableTemplate = {
  table: 'myDayIndex',
  version: 1,
  kind: 'records',
  sheetName: { 'zh-CN': '我的今天索引', 'zh-TW': '我的今天索引', en: 'My day index' },
  columns: [{ key: 'entry', label: { 'zh-CN': '记录', 'zh-TW': '記錄', en: 'Entry' }, type: 'text' }],
};

export function indexTable(meta: IndexMeta, spreadsheet: Spreadsheet, ids: Table['ids']): Table {
  return {
    template: INDEX_TEMPLATE,
    layout: {
      table: INDEX_TEMPLATE.table,
      sheetId: meta.sheetId,
      sheetName: meta.sheetName,
      columns: { entry: 1 },
      missing: [],
      width: 1,
    },
    records: [],
    grid: [],
    lastRow: null,
    maxRows: null,
    spreadsheet,
    ids,
  };
}

export interface IndexedRecords {
  /** The rep's block, as built, but for its lean customers. */
  indexed: IndexEntry[];
  /** The rep's lean customers, their records undecoded (rules `pickLeanCustomers`). */
  lean: LeanCell[];
  /** Records read from the tables: appended since the build or rewritten by the add-on. They win. */
  fresh: { table: IndexedTable; values: Record<string, FieldValue> }[];
}

/**
 * A rep's entries and the records written since the build, in one batch read: the rep's block of the index
 * sheet, each table from its row count at build to its end, and the journaled rows.
 */
export function readIndexFor(
  email: string,
  meta: IndexMeta,
  properties: DocumentPropertiesSnapshot,
  tables: Record<IndexedTable, Table>,
  zone: Zone,
): IndexedRecords {
  const journal = readJournal(properties);
  const index = indexTable(meta, tables.customers.spreadsheet, tables.customers.ids);
  const [first, count] = meta.blocks[email] ?? [0, 0];
  const block: number[] = [];
  for (let entry = first; entry < first + count; entry++) block.push(entry + 2);
  const requests: RowsRequest[] = [
    { table: index, rows: block, raw: true },
    ...INDEXED_TABLES.map((table) => ({
      table: tables[table],
      rows: journal[table] ?? [],
      keys: MY_DAY_KEYS[table],
      // From the last row at build (it exists, so the range is on the sheet), to the end.
      from: Math.max(2, meta.lastRows[table]),
    })),
  ];
  const [entries = [], ...read] = readRowsOf(requests, zone);
  const indexed: IndexEntry[] = [];
  const lean: LeanCell[] = [];
  for (const record of entries) {
    const cell = decodeLean(record.values.entry);
    if (cell) {
      lean.push(cell);
      continue;
    }
    const entry = decodeIndexEntry(record.values.entry);
    if (entry && entry.owner === email) indexed.push(entry);
  }
  const fresh = INDEXED_TABLES.flatMap((table, at) =>
    (read[at] ?? []).map((record) => ({ table, values: record.values })),
  );
  return { indexed, lean, fresh };
}

/**
 * Builds the index again from one read of the columns My day uses (each once) and writes it over the old
 * one (a sheet of its own, created hidden the first time). Returns the entries, so the caller can answer at
 * once. Call under the document lock.
 */
export function buildMyDayIndex(
  tables: Record<IndexedTable, Table>,
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet,
  settings: SettingsValues,
  zone: Zone,
  nowMs: number,
  language: Language,
): IndexEntry[] {
  const { records, lastRows } = indexSource(
    (table) => readColumns(tables[table], INDEX_SOURCE_KEYS[table], zone),
    (table) => lastRowOf(tables[table]),
  );
  const refs = refsFromIndexSource(records, lastRows, properties, spreadsheet, zone);
  return writeMyDayIndex(records, lastRows, properties, spreadsheet, settings, zone, nowMs, language, refs);
}

/**
 * The customer-rows block's source for a build outside the scan: Follow-ups and Tickets from the records the
 * index was built from (they hold id and customer id), Satisfaction and Transactions from one batch read of
 * those two columns, to where they end. Null when either table is missing or unreadable: the block is left out.
 */
function refsFromIndexSource(
  records: readonly IndexSourceRecord[],
  lastRows: Record<IndexedTable, number>,
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet,
  zone: Zone,
): RefsSource | null {
  const more = openTables({ open: ['satisfaction', 'transactions'] }, properties, spreadsheet, zone);
  const { satisfaction, transactions } = more;
  if (!satisfaction || !transactions) return null;
  let read: TableRecord[][];
  try {
    read = readRowsOf(
      [satisfaction, transactions].map((table) => ({ table, rows: [], keys: REF_SOURCE_KEYS, from: 2 })),
      zone,
    );
  } catch {
    return null;
  }
  const [surveys = [], sales = []] = read;
  const lastOf = (rows: readonly TableRecord[]) => rows.reduce((last, record) => Math.max(last, record.row), 1);
  return refsSource(
    (table) =>
      table === 'satisfaction'
        ? surveys
        : table === 'transactions'
          ? sales
          : records.filter((record) => record.table === table),
    (table) =>
      table === 'satisfaction' ? lastOf(surveys) : table === 'transactions' ? lastOf(sales) : lastRows[table],
  );
}

/** What the customer-rows block is built from: the four tables' id and customer-id columns, and their last rows. */
export interface RefsSource {
  records: RefSourceRecord[];
  lastRows: Record<RefTable, number>;
}

/** The customer-rows block's source from `read` (the columns of REF_SOURCE_KEYS) and each table's last row. */
export function refsSource(
  read: (table: RefTable) => readonly SourceRow[],
  lastRow: (table: RefTable) => number,
): RefsSource {
  return sourceOf(REF_TABLES, read, lastRow);
}

type SourceRow = { row: number; values: Readonly<Record<string, FieldValue | undefined>> };

/** Every record `read` gives of each of `tables`, tagged with its table, and each table's last row. */
function sourceOf<T extends string>(
  tables: readonly T[],
  read: (table: T) => readonly SourceRow[],
  lastRow: (table: T) => number,
): { records: { table: T; row: number; values: SourceRow['values'] }[]; lastRows: Record<T, number> } {
  const records = tables.flatMap((table) =>
    read(table).map((record) => ({ table, row: record.row, values: record.values })),
  );
  const lastRows = {} as Record<T, number>;
  for (const table of tables) lastRows[table] = lastRow(table);
  return { records, lastRows };
}

/** The record id on each table's last row (a check, later, that no row above it was deleted or moved). */
function lastIdsOf<T extends string>(
  records: readonly { table: T; row: number; values: SourceRow['values'] }[],
  lastRows: Record<T, number>,
): Partial<Record<T, string>> {
  const lastIds: Partial<Record<T, string>> = {};
  for (const record of records) {
    if (record.row === lastRows[record.table]) lastIds[record.table] = String(record.values.id ?? '');
  }
  return lastIds;
}

/** A record the index is built from: its table, its row and the columns of INDEX_SOURCE_KEYS. */
export interface IndexSourceRecord {
  table: IndexedTable;
  row: number;
  values: Readonly<Record<string, FieldValue | undefined>>;
}

/** Every record of the indexed tables (read by `read`, the columns of INDEX_SOURCE_KEYS) and each table's last row. */
export function indexSource(
  read: (table: IndexedTable) => readonly SourceRow[],
  lastRow: (table: IndexedTable) => number,
): { records: IndexSourceRecord[]; lastRows: Record<IndexedTable, number> } {
  return sourceOf(INDEXED_TABLES, read, lastRow);
}

/**
 * Writes the index of `records` (every record of the three tables, with the columns of MY_DAY_KEYS, as read
 * when each table ended at `lastRows`) over the old one: the daily scan's step, from its own column reads.
 */
export function writeMyDayIndex(
  records: readonly IndexSourceRecord[],
  lastRows: Record<IndexedTable, number>,
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet,
  settings: SettingsValues,
  zone: Zone,
  nowMs: number,
  language: Language,
  refsFrom: RefsSource | null = null,
): IndexEntry[] {
  // The history block first, in bucket order, then the customer-rows block, then the reps' blocks (each block is
  // one run of rows).
  const history = historyEntries(
    records.filter((record) => record.table === 'followUps'),
    nowMs,
  );
  const refs = refsFrom ? refsBlock(refsFrom.records, refsFrom.lastRows, nowMs) : null;
  const entries = [...history.entries, ...(refs?.entries ?? []), ...indexEntries(records, nowMs, settings, zone)];
  const previous = readIndexMeta(properties);
  const sheet = indexSheet(spreadsheet, previous, language, properties);
  const rows = entries.map((entry) => [
    entry.owner === REFS_BLOCK
      ? // Row lists are kept whole (rules/customer-refs.ts caps them below a cell's size): never shortened.
        encodeIndexEntry(entry, REFS_CELL_KEYS)
      : encodeIndexEntry(
          { ...entry, values: shortened(entry.values) },
          entry.owner === HISTORY_BLOCK ? HISTORY_CELL_KEYS : MY_DAY_KEYS[entry.table],
        ),
  ]);
  const lastIds = lastIdsOf(records, lastRows);
  // The sheet is sized to its entries (it counts toward the workbook's 10 M cells): grow or shrink first.
  const maxRows = sheet.getMaxRows();
  const wanted = Math.max(2, rows.length + 1);
  if (maxRows < wanted) sheet.insertRowsAfter(maxRows, wanted - maxRows);
  else if (maxRows > wanted) sheet.deleteRows(wanted + 1, maxRows - wanted);
  if (rows.length > 0) sheet.getRange(2, 1, rows.length, 1).setValues(rows);
  else sheet.getRange(2, 1, 1, 1).clearContent();
  const meta: IndexMeta = {
    sheetId: sheet.getSheetId(),
    sheetName: sheet.getName(),
    builtMs: nowMs,
    entries: rows.length,
    lastRows,
    blocks: ownerBlocks(entries),
    sleepingDays: settings.sleepingDays,
    history: true,
    historyBuckets: history.bucketStarts,
    lastIds,
    format: INDEX_FORMAT,
  };
  properties.set(META_PROPERTY, JSON.stringify(meta));
  if (properties.values[JOURNAL_PROPERTY]) properties.set(JOURNAL_PROPERTY, '');
  writeRefsMeta(properties, refs?.meta ?? null);
  // My day reads only reps' blocks: the customer-rows block is not handed back.
  return refs ? entries.filter((entry) => entry.owner !== REFS_BLOCK) : entries;
}

function shortened(values: Readonly<Record<string, FieldValue | undefined>>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' && value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
  }
  return out;
}

/**
 * The index's sheet: the one built last time if it is still there (also after the index was dropped), else a
 * new hidden one, recorded before it is filled. One column: an earlier build's wider sheet is narrowed.
 */
function indexSheet(
  spreadsheet: Spreadsheet,
  previous: IndexMeta | null,
  language: Language,
  properties: DocumentPropertiesSnapshot,
): GoogleAppsScript.Spreadsheet.Sheet {
  const kept = Number(properties.values[SHEET_PROPERTY] || NaN);
  const id = previous ? previous.sheetId : Number.isInteger(kept) ? kept : null;
  const found = id === null ? null : spreadsheet.getSheetById(id);
  if (found) {
    // A sheet of the four-column layout (IndexMeta.format 1): its extra columns go, its header is rewritten.
    if (found.getMaxColumns() > 1) {
      found.deleteColumns(2, found.getMaxColumns() - 1);
      found.getRange(1, 1).setValue(indexHeader(language));
    }
    return found;
  }
  const base = INDEX_TEMPLATE.sheetName[language];
  let name = base;
  for (let n = 2; spreadsheet.getSheetByName(name); n++) name = `${base} ${n}`;
  // insertSheet makes the new sheet the active one: the rep stays where they were.
  const active = spreadsheet.getActiveSheet();
  const sheet = spreadsheet.insertSheet(name, spreadsheet.getNumSheets());
  sheet.getRange(1, 1).setValue(indexHeader(language));
  if (sheet.getMaxColumns() > 1) sheet.deleteColumns(2, sheet.getMaxColumns() - 1);
  active.activate();
  sheet.hideSheet();
  properties.set(SHEET_PROPERTY, String(sheet.getSheetId()));
  return sheet;
}

/** The index sheet's one header cell: what the column holds and that it is the add-on's to rebuild. */
function indexHeader(language: Language): string {
  return `${INDEX_TEMPLATE.columns[0]?.label[language] ?? ''} — ${translatorFor(language)('myDay.indexNote')}`;
}
