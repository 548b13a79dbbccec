import { columnLetter } from '../../shared/schema/a1';
import { readCell, type FieldValue } from '../../shared/schema/cells';
import type { ColumnTemplate } from '../../shared/schema/template-types';
import { TEMPLATES } from '../../shared/schema/templates';
import type { ArchivedTable } from '../../shared/rules/archive';
import { dashboardPeriods, INDEX_FOLLOW_UP_KEYS } from '../../shared/rules/kpi-data';
import type { Instant } from '../../shared/time/calendar';
import type { Zone } from '../../shared/time/zone';
import { archiveFiles } from '../jobs/archive';
import { LAYOUT_PROPERTY_PREFIX } from './keys';
import {
  layoutFromCache,
  quotedA1,
  scratchProperties,
  type CachedLayout,
  type DocumentPropertiesSnapshot,
  type TableLayout,
} from './layout';
import { openTable, runsOf, type FieldValues, type Table } from './table';
import { cappedRuns, findCandidateRows, MAX_ROW_RUNS, readColumns, readRows } from './targeted-reads';
import { batchGetValues, valuesApi, type BatchRange } from './values-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Reading history that the archive (jobs/archive.ts, issue 20) moved out of the workbook, for every reader of
 * Follow-ups, Tickets and Satisfaction history, so archiving changes no KPI, no grade and no history view
 * (docs/product-rules.md §2 "Archive"). An archive spreadsheet holds the records DATED in its year (and closed
 * before the cut-off), in the same templates and language, so its columns are found as the workbook's are.
 *
 * - An archive is read only when the period a figure looks at overlaps its year (`yearsOverlapping`): the
 *   callers say which years each table's columns are needed for.
 * - Jobs (ArchiveReads, one per execution): every column asked for of every archive asked for is read once
 *   per execution; the columns missing so far of all tables of one archive go in ONE
 *   Sheets.Spreadsheets.Values.batchGet on the archive's id (the API reads any spreadsheet the user can open:
 *   docs/apps-script-behaviour.md, "The Advanced Sheets service on other spreadsheets"), with the tables'
 *   header rows, which check the cached layouts.
 * - Sidebars (archivedRecordsOf, one customer): each archive table's customer-id column read in one batchGet
 *   (with the header rows; an archive's layout not yet cached: it is opened and that column searched), then
 *   only the rows found in one more; the newest archive first, at most ARCHIVES_PER_VIEW, and only while the
 *   view still has room.
 * - Archive layouts are cached in one document property (an archive's own properties are out of the script's
 *   reach), by archive id; a header that no longer reads as cached (columns moved by hand) resolves the layout
 *   again by developer metadata and header texts, as the workbook's tables do.
 * Without the Advanced service everything is read with SpreadsheetApp (the same records, more calls).
 */
export const ARCHIVE_LAYOUTS_PROPERTY = 'crm.archive.layouts';

type ArchiveLayouts = Record<string, Partial<Record<ArchivedTable, CachedLayout>>>;

export interface ArchivedRecord {
  /** The archive's year (the year the record is dated in). */
  year: number;
  row: number;
  values: FieldValues;
}

export interface ArchiveReadsContext {
  properties: DocumentPropertiesSnapshot;
  zone: Zone;
}

/** The years archived so far (archives installed), ascending. */
export function archivedYears(properties: DocumentPropertiesSnapshot): number[] {
  return Object.entries(archiveFiles(properties))
    .filter(([year, file]) => /^\d{4}$/.test(year) && file && typeof file.id === 'string' && file.installed)
    .map(([year]) => Number(year))
    .sort((a, b) => a - b);
}

/** The calendar year of an instant in the spreadsheet's zone. */
function yearOf(instant: Instant, zone: Zone): number {
  return new Date(instant + zone.offsetAt(instant) * 60000).getUTCFullYear();
}

/** The archived years a period [from, to] (instants, inclusive) overlaps, in the spreadsheet's zone. */
export function yearsOverlapping(
  properties: DocumentPropertiesSnapshot,
  from: Instant,
  to: Instant,
  zone: Zone,
): number[] {
  const first = yearOf(from, zone);
  const last = yearOf(to, zone);
  return archivedYears(properties).filter((year) => year >= first && year <= last);
}

function readLayouts(properties: DocumentPropertiesSnapshot): ArchiveLayouts {
  try {
    const parsed = JSON.parse(properties.values[ARCHIVE_LAYOUTS_PROPERTY] ?? '{}') as ArchiveLayouts;
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

function cachedLayout(properties: DocumentPropertiesSnapshot, id: string, key: ArchivedTable): CachedLayout | null {
  const cached = readLayouts(properties)[id]?.[key];
  return cached && typeof cached.sheetName === 'string' && Array.isArray(cached.headers) ? cached : null;
}

/** The archive ids still recorded keep their layouts; others are dropped. */
function storeLayout(properties: DocumentPropertiesSnapshot, id: string, key: ArchivedTable, layout: CachedLayout) {
  const known = new Set(Object.values(archiveFiles(properties)).map((file) => file.id));
  const layouts = readLayouts(properties);
  for (const other of Object.keys(layouts)) if (!known.has(other)) delete layouts[other];
  layouts[id] = { ...(layouts[id] ?? {}), [key]: layout };
  properties.set(ARCHIVE_LAYOUTS_PROPERTY, JSON.stringify(layouts));
}

/** A table of an archive, its layout resolved the slow way (metadata, headers) and cached. */
function resolveArchiveTable(
  properties: DocumentPropertiesSnapshot,
  book: Spreadsheet,
  id: string,
  key: ArchivedTable,
): Table {
  // openTable caches what it resolves in the properties it is given: a scratch set, copied into ours.
  const scratch = scratchProperties();
  const table = openTable(TEMPLATES[key], scratch, book);
  const raw = scratch.values[LAYOUT_PROPERTY_PREFIX + key];
  if (raw) storeLayout(properties, id, key, JSON.parse(raw) as CachedLayout);
  table.ids = { spreadsheetId: id };
  return table;
}

/** A Table over an archive's sheet from its cached layout (checked by the caller against the header read). */
function cachedTable(book: Spreadsheet, id: string, key: ArchivedTable, cached: CachedLayout): Table {
  const layout = layoutFromCache(TEMPLATES[key], cached, cached.headers) as TableLayout;
  return {
    template: TEMPLATES[key],
    layout,
    records: [],
    grid: [cached.headers],
    lastRow: null,
    maxRows: null,
    spreadsheet: book,
    ids: { spreadsheetId: id },
  };
}

function headerRange(cached: CachedLayout): BatchRange {
  const width = Math.max(cached.headers.length, ...Object.values(cached.columns), 1);
  return { a1: quotedA1(cached.sheetName, `A1:${columnLetter(width)}1`), rows: 1, columns: width };
}

/** Column templates of `keys` the layout has, and the runs of adjacent positions they make. */
function columnPlan(layout: TableLayout, key: ArchivedTable, keys: readonly string[]) {
  const columns = TEMPLATES[key].columns.filter((column) => keys.includes(column.key) && column.key in layout.columns);
  const positions = columns.map((column) => layout.columns[column.key] as number).sort((a, b) => a - b);
  return { columns, runs: runsOf([...new Set(positions)]) };
}

function dateOffsets(layout: TableLayout, columns: readonly ColumnTemplate[], from: number, to: number): Set<number> {
  const out = new Set<number>();
  for (const column of columns) {
    if (column.type !== 'date' && column.type !== 'datetime') continue;
    const at = layout.columns[column.key] as number;
    if (at >= from && at <= to) out.add(at - from);
  }
  return out;
}

/** readCell per column, enum labels looked up once per distinct text. */
function cellReader(column: ColumnTemplate): (cell: unknown) => FieldValue {
  if (column.type !== 'enum' && column.type !== 'multienum') return (cell) => readCell(column, cell);
  const known = new Map<string, FieldValue>();
  return (cell) => {
    if (typeof cell !== 'string') return readCell(column, cell);
    if (!known.has(cell)) known.set(cell, readCell(column, cell));
    return known.get(cell) as FieldValue;
  };
}

const isBlank = (cell: unknown) => cell === '' || cell === null || cell === undefined;

/** What an execution has read of one archive table. */
interface TableState {
  read: Set<string>;
  /** Values by sheet row; `filled`: rows with content in a column read. */
  rows: Map<number, FieldValues>;
  filled: Set<number>;
}

/**
 * The archive reads of one job execution (the daily scan shares one between its steps through its JobTables:
 * `archiveReadsFor`). Callers ask for the columns of each table they need and the years they need them for;
 * each column of each archive is read once.
 */
export class ArchiveReads {
  private readonly books = new Map<number, Spreadsheet>();
  private readonly states = new Map<string, TableState>();

  constructor(private readonly context: ArchiveReadsContext) {}

  /** Reads what `requests` ask for and was not read yet: one batchGet per archive on the usual path. */
  load(requests: readonly { table: ArchivedTable; keys: readonly string[]; years: readonly number[] }[]): void {
    const { properties } = this.context;
    const files = archiveFiles(properties);
    const byYear = new Map<number, Map<ArchivedTable, Set<string>>>();
    for (const { table, keys, years } of requests) {
      for (const year of years) {
        const state = this.state(year, table);
        const missing = keys.filter((key) => !state.read.has(key));
        if (missing.length === 0) continue;
        const tables = byYear.get(year) ?? new Map<ArchivedTable, Set<string>>();
        const wanted = tables.get(table) ?? new Set<string>();
        for (const key of missing) wanted.add(key);
        tables.set(table, wanted);
        byYear.set(year, tables);
      }
    }
    for (const [year, tables] of [...byYear].sort((a, b) => a[0] - b[0])) {
      const file = files[String(year)];
      if (!file?.installed) continue;
      this.loadArchive(year, file.id, tables);
    }
  }

  /** The records of `table` in the archives of `years` (loaded first), rows in archive then sheet order. */
  records(table: ArchivedTable, keys: readonly string[], years: readonly number[]): ArchivedRecord[] {
    this.load([{ table, keys, years }]);
    const out: ArchivedRecord[] = [];
    for (const year of [...years].sort((a, b) => a - b)) {
      const state = this.states.get(`${year}:${table}`);
      if (!state) continue;
      for (const row of [...state.filled].sort((a, b) => a - b)) {
        out.push({ year, row, values: state.rows.get(row) as FieldValues });
      }
    }
    return out;
  }

  /** The values of `records` (what the pure rules take alongside the workbook's rows). */
  values(table: ArchivedTable, keys: readonly string[], years: readonly number[]): FieldValues[] {
    return this.records(table, keys, years).map((record) => record.values);
  }

  private state(year: number, table: ArchivedTable): TableState {
    const key = `${year}:${table}`;
    let state = this.states.get(key);
    if (!state) this.states.set(key, (state = { read: new Set(), rows: new Map(), filled: new Set() }));
    return state;
  }

  private book(year: number, id: string): Spreadsheet {
    let book = this.books.get(year);
    if (!book) this.books.set(year, (book = SpreadsheetApp.openById(id)));
    return book;
  }

  /** The missing columns of one archive's tables: header rows and columns in one batchGet. */
  private loadArchive(year: number, id: string, tables: Map<ArchivedTable, Set<string>>): void {
    const { properties, zone } = this.context;
    type Plan = {
      table: ArchivedTable;
      keys: string[];
      cached: CachedLayout;
      layout: TableLayout;
      columns: ColumnTemplate[];
      runs: [number, number][];
    };
    const plans: Plan[] = [];
    const slow: { table: ArchivedTable; keys: string[] }[] = [];
    for (const [table, wanted] of tables) {
      const keys = [...wanted];
      const cached = cachedLayout(properties, id, table);
      if (!cached) {
        slow.push({ table, keys });
        continue;
      }
      const layout = layoutFromCache(TEMPLATES[table], cached, cached.headers) as TableLayout;
      plans.push({ table, keys, cached, layout, ...columnPlan(layout, table, keys) });
    }
    const ranges: BatchRange[] = [];
    for (const plan of plans) {
      ranges.push(headerRange(plan.cached));
      for (const [from, to] of plan.runs) {
        ranges.push({
          a1: quotedA1(plan.cached.sheetName, `${columnLetter(from)}2:${columnLetter(to)}`),
          columns: to - from + 1,
          dateColumns: dateOffsets(plan.layout, plan.columns, from, to),
        });
      }
    }
    const values = ranges.length > 0 ? batchGetValues(() => id, ranges, zone) : null;
    let next = 0;
    for (const plan of plans) {
      if (!values) {
        slow.push({ table: plan.table, keys: plan.keys });
        continue;
      }
      const header = (values[next++] as unknown[][])[0];
      const blocks = plan.runs.map(() => values[next++] as unknown[][]);
      if (!layoutFromCache(TEMPLATES[plan.table], plan.cached, header)) {
        // Columns moved or renamed in the archive by hand: resolved again, then read again.
        slow.push({ table: plan.table, keys: plan.keys });
        continue;
      }
      const state = this.state(year, plan.table);
      plan.runs.forEach(([from, to], index) => {
        const block = blocks[index] as unknown[][];
        const columns = plan.columns.filter((column) => {
          const at = plan.layout.columns[column.key] as number;
          return at >= from && at <= to;
        });
        this.fill(
          state,
          columns,
          block.map((line) => columns.map((column) => line[(plan.layout.columns[column.key] as number) - from])),
        );
      });
      for (const key of plan.keys) state.read.add(key);
    }
    for (const { table, keys } of slow) {
      const opened = resolveArchiveTable(properties, this.book(year, id), id, table);
      const columns = columnPlan(opened.layout, table, keys).columns;
      const records = readColumns(
        opened,
        columns.map((column) => column.key),
        zone,
      );
      const state = this.state(year, table);
      const last = records.reduce((max, record) => Math.max(max, record.row), 1);
      const lines: unknown[][] = [];
      for (let row = 2; row <= last; row++) {
        const cells = opened.grid[row - 1] ?? [];
        lines.push(columns.map((column) => cells[(opened.layout.columns[column.key] as number) - 1]));
      }
      this.fill(state, columns, lines);
      for (const key of keys) state.read.add(key);
    }
  }

  /** Cells of `columns`, rows from 2 on, into the table's values. */
  private fill(state: TableState, columns: readonly ColumnTemplate[], lines: readonly (readonly unknown[])[]): void {
    const readers = columns.map(cellReader);
    lines.forEach((line, index) => {
      const row = index + 2;
      const values = state.rows.get(row) ?? {};
      columns.forEach((column, at) => {
        const cell = line[at];
        if (!isBlank(cell)) state.filled.add(row);
        values[column.key] = (readers[at] as (cell: unknown) => FieldValue)(cell);
      });
      state.rows.set(row, values);
    });
  }
}

/**
 * The archived rows the dashboard's figures need (docs/product-rules.md §6), to count with the workbook's:
 * - Follow-ups' index columns (customer id, date, milestone) of every archive: a customer's first deal and last
 *   contact before a month look at all of their history;
 * - the rest of the dashboard's Follow-ups columns of the archives the current and previous months and the
 *   strategy's windows overlap (care spend: the last 365 days), Tickets and Satisfaction of those the two
 *   months overlap. Rows of the other years have only the index columns: no windowed figure counts them.
 */
export function dashboardArchive(
  reads: ArchiveReads,
  context: ArchiveReadsContext & { nowMs: Instant },
  columns: Record<ArchivedTable, readonly string[]>,
  careDays: number,
): Record<ArchivedTable, FieldValues[]> {
  const { properties, zone, nowMs } = context;
  const all = archivedYears(properties);
  if (all.length === 0) return { followUps: [], tickets: [], satisfaction: [] };
  const periods = dashboardPeriods(nowMs, zone, careDays);
  const months = yearsOverlapping(properties, periods.months.from, periods.months.to, zone);
  const followUpYears = yearsOverlapping(properties, periods.followUps.from, periods.followUps.to, zone);
  reads.load([
    { table: 'followUps', keys: INDEX_FOLLOW_UP_KEYS, years: all },
    { table: 'followUps', keys: columns.followUps, years: followUpYears },
    { table: 'tickets', keys: columns.tickets, years: months },
    { table: 'satisfaction', keys: columns.satisfaction, years: months },
  ]);
  return {
    followUps: reads.values('followUps', INDEX_FOLLOW_UP_KEYS, all),
    tickets: reads.values('tickets', columns.tickets, months),
    satisfaction: reads.values('satisfaction', columns.satisfaction, months),
  };
}

const perExecution = new WeakMap<object, ArchiveReads>();

/** The ArchiveReads of an execution, keyed by an object the execution's steps share (its JobTables). */
export function archiveReadsFor(execution: object, context: ArchiveReadsContext): ArchiveReads {
  let reads = perExecution.get(execution);
  if (!reads) perExecution.set(execution, (reads = new ArchiveReads(context)));
  return reads;
}

// ---------------------------------------------------------------------------------------------------------
// One customer's archived records (sidebars)
// ---------------------------------------------------------------------------------------------------------

/** What a history view asks of one archived table: the columns it shows and how many rows it has room for. */
export interface CustomerArchiveRequest {
  table: ArchivedTable;
  keys: readonly string[];
  /** Rows the view still has room for; 0: this table is not searched. */
  room: number;
}

export interface CustomerArchiveResult {
  /** Per request, the customer's archived records (newest archive first, sheet order within one). */
  records: ArchivedRecord[][];
  /** Archives searched, newest first. */
  years: number[];
  /** Archives left unsearched although a view still had room (the per-view bound). */
  unsearched: number[];
}

/**
 * Archives one history view looks into at most: with their layouts cached each costs two batchGets (the
 * customer-id columns, then the rows found; customerRowsByColumn), so two keep a view within issue 18's 20 calls.
 */
export const ARCHIVES_PER_VIEW = 2;

/**
 * A customer's records in the archives, for a history view: the newest archive first, then older ones while
 * a table still has room and the per-view bound allows. In each archive, one search of each table's
 * customer-id column (whole cell not required: the value read back is compared), then the rows found, only
 * the columns asked for, with the header rows that check the cached layouts, in one batchGet.
 */
export function archivedRecordsOf(
  context: ArchiveReadsContext,
  customerId: string,
  requests: readonly CustomerArchiveRequest[],
  maxArchives = ARCHIVES_PER_VIEW,
): CustomerArchiveResult {
  const { properties } = context;
  const files = archiveFiles(properties);
  const records: ArchivedRecord[][] = requests.map(() => []);
  const years: number[] = [];
  const unsearched: number[] = [];
  const room = requests.map((request) => request.room);
  for (const year of archivedYears(properties).reverse()) {
    if (room.every((left) => left <= 0)) break;
    if (years.length >= maxArchives) {
      unsearched.push(year);
      continue;
    }
    const id = (files[String(year)] as { id: string }).id;
    years.push(year);
    const found = customerRowsIn(context, year, id, customerId, requests, room);
    found.forEach((list, index) => {
      (records[index] as ArchivedRecord[]).push(...list);
      room[index] = (room[index] as number) - list.length;
    });
  }
  return { records, years, unsearched };
}

function customerRowsIn(
  context: ArchiveReadsContext,
  year: number,
  id: string,
  customerId: string,
  requests: readonly CustomerArchiveRequest[],
  room: readonly number[],
): ArchivedRecord[][] {
  const { properties, zone } = context;
  if (valuesApi()) {
    const byColumn = customerRowsByColumn(context, year, id, customerId, requests, room);
    if (byColumn) return byColumn;
  }
  const book = SpreadsheetApp.openById(id);
  if (!valuesApi()) return customerRowsSlowly(context, year, book, customerId, requests, room);
  const attempt = (resolve: boolean): ArchivedRecord[][] | null => {
    const plans = requests.map((request, index): RowsPlan | null => {
      if ((room[index] as number) <= 0) return null;
      const cached = resolve ? null : cachedLayout(properties, id, request.table);
      const table = cached
        ? cachedTable(book, id, request.table, cached)
        : resolveArchiveTable(properties, book, id, request.table);
      const layoutNow = cachedLayout(properties, id, request.table) as CachedLayout;
      const rows = findCandidateRows(table, 'customerId', customerId);
      return { request, layout: table.layout, cached: layoutNow, rows, ...rowsPlanColumns(table.layout, request) };
    });
    return readPlannedRows(id, year, customerId, plans, zone);
  };
  // A header that no longer reads as cached: layouts resolved again; a failed batch: SpreadsheetApp.
  return attempt(false) ?? attempt(true) ?? customerRowsSlowly(context, year, book, customerId, requests, room);
}

/** One archived table's read for a history view: where the customer's rows are and which columns to read. */
interface RowsPlan {
  request: CustomerArchiveRequest;
  layout: TableLayout;
  cached: CachedLayout;
  rows: number[];
  columns: ColumnTemplate[];
  runs: [number, number][];
}

function rowsPlanColumns(layout: TableLayout, request: CustomerArchiveRequest) {
  return columnPlan(layout, request.table, [...new Set([...request.keys, 'customerId'])]);
}

/**
 * With every layout the view needs cached: each table's customer-id column read whole, with the header rows that
 * check the layouts, in one batchGet on the archive's id, then the rows found in one more: two calls an archive
 * and no openById, so a view can look into two archives within 20 calls. Null when a layout is not cached or no
 * longer holds, or a batch fails: the caller opens the archive and searches.
 */
function customerRowsByColumn(
  context: ArchiveReadsContext,
  year: number,
  id: string,
  customerId: string,
  requests: readonly CustomerArchiveRequest[],
  room: readonly number[],
): ArchivedRecord[][] | null {
  const { properties, zone } = context;
  const plans: (RowsPlan | null)[] = [];
  for (const [index, request] of requests.entries()) {
    if ((room[index] as number) <= 0) {
      plans.push(null);
      continue;
    }
    const cached = cachedLayout(properties, id, request.table);
    const layout = cached && layoutFromCache(TEMPLATES[request.table], cached, cached.headers);
    if (!cached || !layout || layout.columns.customerId === undefined) return null;
    plans.push({ request, layout, cached, rows: [], ...rowsPlanColumns(layout, request) });
  }
  const live = plans.filter((plan): plan is RowsPlan => plan !== null);
  if (live.length === 0) return requests.map(() => []);
  const ranges = live.flatMap((plan) => {
    const letter = columnLetter(plan.layout.columns.customerId as number);
    return [headerRange(plan.cached), { a1: quotedA1(plan.cached.sheetName, `${letter}2:${letter}`), columns: 1 }];
  });
  const values = batchGetValues(() => id, ranges, zone);
  if (!values) return null;
  for (const [index, plan] of live.entries()) {
    const header = (values[2 * index] as unknown[][])[0];
    if (!layoutFromCache(TEMPLATES[plan.request.table], plan.cached, header)) return null;
    (values[2 * index + 1] as unknown[][]).forEach((line, at) => {
      if (String(line[0] ?? '').trim() === customerId) plan.rows.push(at + 2);
    });
  }
  if (live.every((plan) => plan.rows.length === 0)) return requests.map(() => []);
  return readPlannedRows(id, year, customerId, plans, zone);
}

/**
 * The planned rows' columns, with the header rows that check the cached layouts, in one batchGet; only rows that
 * still hold the customer. Null when the batch fails or a header no longer reads as cached.
 */
function readPlannedRows(
  id: string,
  year: number,
  customerId: string,
  plans: readonly (RowsPlan | null)[],
  zone: Zone,
): ArchivedRecord[][] | null {
  const ranges: BatchRange[] = [];
  for (const plan of plans) {
    if (!plan) continue;
    ranges.push(headerRange(plan.cached));
    for (const [fromRow, toRow] of cappedRuns(runsOf(plan.rows), MAX_ROW_RUNS)) {
      for (const [from, to] of plan.runs) {
        ranges.push({
          a1: quotedA1(plan.cached.sheetName, `${columnLetter(from)}${fromRow}:${columnLetter(to)}${toRow}`),
          rows: toRow - fromRow + 1,
          columns: to - from + 1,
          dateColumns: dateOffsets(plan.layout, plan.columns, from, to),
        });
      }
    }
  }
  const values = batchGetValues(() => id, ranges, zone);
  if (!values) return null;
  let next = 0;
  const out: ArchivedRecord[][] = [];
  for (const plan of plans) {
    if (!plan) {
      out.push([]);
      continue;
    }
    const { layout, columns } = plan;
    const readers = columns.map(cellReader);
    const cellsByRow = new Map<number, unknown[]>();
    const header = (values[next++] as unknown[][])[0];
    if (!layoutFromCache(TEMPLATES[plan.request.table], plan.cached, header)) return null;
    for (const [fromRow, toRow] of cappedRuns(runsOf(plan.rows), MAX_ROW_RUNS)) {
      for (const [from, to] of plan.runs) {
        const block = values[next++] as unknown[][];
        for (let row = fromRow; row <= toRow; row++) {
          const cells = cellsByRow.get(row) ?? [];
          const line = block[row - fromRow] ?? [];
          for (let at = from; at <= to; at++) cells[at - 1] = line[at - from];
          cellsByRow.set(row, cells);
        }
      }
    }
    const list: ArchivedRecord[] = [];
    for (const row of [...cellsByRow.keys()].sort((a, b) => a - b)) {
      const cells = cellsByRow.get(row) as unknown[];
      const recordValues: FieldValues = {};
      columns.forEach((column, index) => {
        const reader = readers[index] as (cell: unknown) => FieldValue;
        recordValues[column.key] = reader(cells[(layout.columns[column.key] as number) - 1]);
      });
      if (recordValues.customerId === customerId) list.push({ year, row, values: recordValues });
    }
    out.push(list);
  }
  return out;
}

/** Without the Advanced service: each table opened (its header checked), searched and its rows read. */
function customerRowsSlowly(
  context: ArchiveReadsContext,
  year: number,
  book: Spreadsheet,
  customerId: string,
  requests: readonly CustomerArchiveRequest[],
  room: readonly number[],
): ArchivedRecord[][] {
  const { properties, zone } = context;
  const id = book.getId();
  return requests.map((request, index) => {
    if ((room[index] as number) <= 0) return [];
    const cached = cachedLayout(properties, id, request.table);
    const table = cached
      ? openTable(TEMPLATES[request.table], scratchFor(cached, request.table), book)
      : resolveArchiveTable(properties, book, id, request.table);
    const rows = findCandidateRows(table, 'customerId', customerId);
    const keys = [...new Set([...request.keys, 'customerId'])];
    return readRows(table, rows, keys, zone)
      .filter((record) => record.values.customerId === customerId)
      .map((record) => ({ year, row: record.row, values: record.values }));
  });
}

/** Properties holding one archive table's cached layout, for the workbook's own table readers. */
function scratchFor(cached: CachedLayout, key: ArchivedTable): DocumentPropertiesSnapshot {
  return scratchProperties({ [LAYOUT_PROPERTY_PREFIX + key]: JSON.stringify(cached) });
}
