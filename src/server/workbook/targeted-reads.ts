import { columnLetter } from '../../shared/schema/a1';
import { readCell, type FieldValue } from '../../shared/schema/cells';
import type { ColumnTemplate } from '../../shared/schema/template-types';
import { columnOf, TEMPLATES, type TableKey } from '../../shared/schema/templates';
import { escapeRegex } from '../../shared/rules/normalize';
import type { Zone } from '../../shared/time/zone';
import { quotedA1 } from './layout';
import { batchGetValues } from './values-api';
import { lastRowOf, runsOf, spreadsheetIdOf, type FieldValues, type Table, type TableRecord } from './table';

/**
 * Reads shaped by the action (issue 18): a sidebar action finds its records by key with a server-side
 * search on the key column (TextFinder), then reads only those rows, and only the columns it uses, so its
 * cost does not grow with the table. Batch jobs read each column they use once (readColumns).
 *
 * TextFinder matches what a cell displays; ids, e-mails and request ids are text cells, so their display
 * is their value. Matching is case-insensitive (Apps Script's default): callers compare the value read
 * back when case matters.
 */
export interface FindOptions {
  /** The text is a regular expression (anchor it with ^…$ for whole-cell matches). */
  regex?: boolean;
}

/**
 * Rows (1-based, ascending) whose `key` cell (or any of the `key` columns) equals `text`, or matches the
 * regex. One search per run of adjacent columns (one for a single key).
 */
export function findRows(
  table: Table,
  key: string | readonly string[],
  text: string,
  options: FindOptions = {},
): number[] {
  return searchColumns(table, typeof key === 'string' ? [key] : key, text, options.regex ? 'regex' : 'entireCell');
}

/**
 * Rows whose `key` cell contains `text`: a superset of findRows' whole-cell matches for one call less (no
 * matchEntireCell), for callers that check the values they read back anyway. With fixed-width ids (C-…,
 * G-…, T-…) a key is never part of another key, so there are no extra rows in practice.
 */
export function findCandidateRows(table: Table, key: string, text: string): number[] {
  return searchColumns(table, [key], text, 'contains');
}

/**
 * Rows where any of the `keys` columns contains `text` (or matches the regex): one search per run of
 * adjacent columns (normally one), for a lookup box that matches ids, names and phones at once.
 */
export function findRowsContaining(table: Table, keys: readonly string[], text: string, regex = false): number[] {
  return searchColumns(table, keys, text, regex ? 'regex' : 'contains');
}

function searchColumns(
  table: Table,
  keys: readonly string[],
  text: string,
  mode: 'entireCell' | 'contains' | 'regex',
): number[] {
  const rows = new Set<number>();
  for (const found of searchCells(table, keys, text, mode).values()) for (const row of found) rows.add(row);
  return [...rows].sort((a, b) => a - b);
}

/** The rows matched in each of the `keys` columns: one search per run of adjacent columns. */
function searchCells(
  table: Table,
  keys: readonly string[],
  text: string,
  mode: 'entireCell' | 'contains' | 'regex',
): Map<string, Set<number>> {
  const byPosition = new Map<number, string>();
  for (const key of keys) {
    const at = table.layout.columns[key];
    if (at !== undefined) byPosition.set(at, key);
  }
  const out = new Map<string, Set<number>>(keys.map((key) => [key, new Set<number>()]));
  const positions = [...byPosition.keys()].sort((a, b) => a - b);
  if (positions.length === 0 || text === '') return out;
  for (const [from, to] of runsOf(positions)) {
    const a1 = `${columnLetter(from)}2:${columnLetter(to)}`;
    const finder = table.spreadsheet.getRange(quotedA1(table.layout.sheetName, a1)).createTextFinder(text);
    if (mode === 'regex') finder.useRegularExpression(true);
    else if (mode === 'entireCell') finder.matchEntireCell(true);
    for (const cell of finder.findAll()) {
      const key = from === to ? byPosition.get(from) : byPosition.get(cell.getColumn());
      if (key !== undefined) out.get(key)?.add(cell.getRow());
    }
  }
  return out;
}

/**
 * Rows where every one of `patterns`' columns matches its whole-cell regular expression: one search when the
 * columns are adjacent (the searched range spans them; each found cell counts for its own column), else one
 * search per column. With one search the patterns are joined, so a cell that happens to match another
 * column's pattern counts as a match: callers check the values they read back.
 */
export function findRowsMatchingAll(table: Table, patterns: Readonly<Record<string, string>>): number[] {
  const keys = Object.keys(patterns);
  const positions = keys.map((key) => table.layout.columns[key]);
  if (positions.some((at) => at === undefined)) return [];
  const sorted = (positions as number[]).slice().sort((a, b) => a - b);
  const adjacent = runsOf(sorted).length === 1;
  const matched: Map<string, Set<number>> = adjacent
    ? searchCells(table, keys, `^(?:${keys.map((key) => `(?:${patterns[key] as string})`).join('|')})$`, 'regex')
    : new Map(
        keys.map((key) => [key, new Set(findRows(table, key, `^(?:${patterns[key] as string})$`, { regex: true }))]),
      );
  const [first, ...rest] = keys.map((key) => matched.get(key) ?? new Set<number>());
  return [...(first ?? [])].filter((row) => rest.every((set) => set.has(row))).sort((a, b) => a - b);
}

/** The first row whose key cell is `value` exactly (case too), read with the given columns; or null. */
export function findRecord(
  table: Table,
  key: string,
  value: string,
  keys?: readonly string[],
  zone?: Zone,
): TableRecord | null {
  const rows = findCandidateRows(table, key, value);
  if (rows.length === 0) return null;
  const wanted = keys && !keys.includes(key) ? [...keys, key] : keys;
  return readRows(table, rows, wanted, zone).find((record) => record.values[key] === value) ?? null;
}

interface Block {
  fromRow: number;
  /** null: to the last row with content (an open-ended range such as A120:K). */
  toRow: number | null;
  fromColumn: number;
  toColumn: number;
}

/**
 * Row runs per table in one read. Scattered rows (a rep's customers among everyone's) would otherwise make
 * one range per row, and a batchGet carries its ranges in the request URL, which has a length limit
 * (UNCONFIRMED exact figure; 40 ranges of ~30 characters keep it near 1 KB a column run). Above it, the
 * runs closest together are merged and the rows between are read too: more cells, bounded calls and URL.
 */
export const MAX_ROW_RUNS = 40;

/** Merges the closest runs (smallest gaps first) until at most `max` are left. */
export function cappedRuns(runs: readonly [number, number][], max: number): [number, number][] {
  if (runs.length <= max) return runs.map(([a, b]) => [a, b]);
  const gaps = runs.slice(1).map((run, index) => ({ index, gap: run[0] - (runs[index] as [number, number])[1] }));
  const merge = new Set(
    gaps
      .sort((a, b) => a.gap - b.gap || a.index - b.index)
      .slice(0, runs.length - max)
      .map((entry) => entry.index),
  );
  const out: [number, number][] = [];
  runs.forEach(([from, to], index) => {
    const last = out[out.length - 1];
    if (last && merge.has(index - 1)) last[1] = to;
    else out.push([from, to]);
  });
  return out;
}

function columnsFor(table: Table, keys: readonly string[] | undefined): ColumnTemplate[] {
  const present = table.template.columns.filter((column) => column.key in table.layout.columns);
  return keys ? present.filter((column) => keys.includes(column.key)) : present;
}

function columnRunsFor(table: Table, columns: readonly ColumnTemplate[], keys: readonly string[] | undefined) {
  if (!keys) return [[1, table.layout.width] as [number, number]];
  const positions = columns.map((column) => table.layout.columns[column.key] as number).sort((a, b) => a - b);
  return runsOf(positions);
}

/** Rows of one table to read: only the columns of `keys` (all of the table's columns when omitted). */
export interface RowsRequest {
  table: Table;
  rows: readonly number[];
  keys?: readonly string[];
  /**
   * Also every row from this one to the last with content (the rows appended since a row count was taken),
   * without knowing where the sheet ends. The row must exist on the sheet.
   */
  from?: number;
  /**
   * Values only, as the sheet holds them: no cell conversion, nothing kept on the table (its grid and records).
   * For the add-on's own cache sheets (the My day index), read in tens of thousands of rows and never written
   * back cell by cell: building table records for them was a fifth of My day's CPU at 100k customers.
   */
  raw?: boolean;
}

/**
 * Reads the given rows (whole table width, or only the columns of `keys`) in as few blocks as the rows
 * allow: one block per run of consecutive rows × run of adjacent columns. Several blocks go in one
 * Sheets.Spreadsheets.Values.batchGet when the Advanced service is on (one call whatever the number of
 * blocks); otherwise one getRange + getValues per block. Records come back in row order; rows that are
 * blank in the columns read are left out. The grid keeps what was read, so writeFields can compare.
 */
export function readRows(table: Table, rows: readonly number[], keys?: readonly string[], zone?: Zone): TableRecord[] {
  return readRowsOf([{ table, rows, keys }], zone)[0] as TableRecord[];
}

/** readRows for several tables at once: all their blocks in one batch read. One result per request. */
export function readRowsOf(requests: readonly RowsRequest[], zone?: Zone): TableRecord[][] {
  const planned = requests.map(({ table, rows, keys, from, raw }) => {
    const open = from !== undefined && from >= 2 ? from : null;
    const sorted = [...new Set(rows)].filter((row) => row >= 2 && (open === null || row < open)).sort((a, b) => a - b);
    const columns = columnsFor(table, keys);
    const columnRuns = columnRunsFor(table, columns, keys);
    const blocks: Block[] = [];
    if (sorted.length > 0) {
      for (const [fromRow, toRow] of cappedRuns(runsOf(sorted), MAX_ROW_RUNS)) {
        for (const [fromColumn, toColumn] of columnRuns) blocks.push({ fromRow, toRow, fromColumn, toColumn });
      }
    }
    if (open !== null) {
      for (const [fromColumn, toColumn] of columnRuns)
        blocks.push({ fromRow: open, toRow: null, fromColumn, toColumn });
    }
    return { table, sorted, columns, blocks, raw: raw === true };
  });
  const values = readBlocks(
    planned.flatMap(({ table, columns, blocks }) => blocks.map((block) => ({ table, columns, block }))),
    zone,
  );
  let next = 0;
  return planned.map(({ table, sorted, columns, blocks, raw }) => {
    if (raw) return rawRecords(table, columns, blocks, sorted, values.slice(next, (next += blocks.length)));
    const rows = new Set(sorted);
    for (const block of blocks) {
      const cells = values[next++] as unknown[][];
      // An open-ended block ends where the values do (trailing blank rows are not returned).
      const toRow = block.toRow ?? block.fromRow + cells.length - 1;
      fillGrid(table, { ...block, toRow }, cells);
      if (block.toRow === null) for (let row = block.fromRow; row <= toRow; row++) rows.add(row);
    }
    return recordsOf(
      table,
      [...rows].sort((a, b) => a - b),
      columns,
    );
  });
}

/**
 * readRowsOf for the rows an action needs plus the row a sidebar hinted at (where it last saw a record), in
 * one batch read. A hint is only a guess (rows get sorted and deleted), so callers check what they read back
 * (recordWithId); a hint past the end of the sheet makes the batch fail, and then only the needed rows are read.
 */
export function readWithHint(
  needed: readonly RowsRequest[],
  hinted: RowsRequest,
  zone?: Zone,
): { needed: TableRecord[][]; hinted: TableRecord[] } {
  if (hinted.rows.length > 0) {
    try {
      const read = readRowsOf([...needed, hinted], zone);
      return { needed: read.slice(0, needed.length), hinted: read[needed.length] as TableRecord[] };
    } catch {
      // The hinted row is gone: read the needed rows alone.
    }
  }
  return { needed: readRowsOf(needed, zone), hinted: [] };
}

/** The hinted record when it still holds `id`, else the record found by searching the id column; or null. */
export function recordWithId(
  hinted: readonly TableRecord[],
  table: Table,
  id: string,
  keys: readonly string[],
  zone?: Zone,
): TableRecord | null {
  return hinted.find((record) => record.values.id === id) ?? findRecord(table, 'id', id, keys, zone);
}

/** A raw request's records (RowsRequest.raw): the rows asked for and the open-ended block's, not blank, in order. */
function rawRecords(
  table: Table,
  columns: readonly ColumnTemplate[],
  blocks: readonly Block[],
  sorted: readonly number[],
  values: readonly unknown[][][],
): TableRecord[] {
  const wanted = new Set(sorted);
  const byRow = new Map<number, FieldValues>();
  blocks.forEach((block, at) => {
    const cells = values[at] ?? [];
    const toRow = block.toRow ?? block.fromRow + cells.length - 1;
    for (let row = block.fromRow; row <= toRow; row++) {
      if (block.toRow !== null && !wanted.has(row)) continue;
      const line = cells[row - block.fromRow] ?? [];
      const record = byRow.get(row) ?? {};
      for (const column of columns) {
        const position = (table.layout.columns[column.key] as number) - block.fromColumn;
        if (position < 0 || position > block.toColumn - block.fromColumn) continue;
        const cell = line[position];
        if (cell !== '' && cell !== undefined && cell !== null) record[column.key] = cell as FieldValue;
      }
      byRow.set(row, record);
    }
  });
  const out: TableRecord[] = [];
  for (const [row, record] of byRow) if (Object.keys(record).length > 0) out.push({ row, values: record });
  return out.sort((a, b) => a.row - b.row);
}

function fillGrid(table: Table, block: Block & { toRow: number }, cells: unknown[][]): void {
  for (let row = block.fromRow; row <= block.toRow; row++) {
    const line = cells[row - block.fromRow] ?? [];
    const gridRow = table.grid[row - 1] ?? [];
    for (let column = block.fromColumn; column <= block.toColumn; column++) {
      const cell = line[column - block.fromColumn];
      gridRow[column - 1] = cell === undefined || cell === null ? '' : cell;
    }
    table.grid[row - 1] = gridRow;
  }
}

/**
 * Reads whole columns (rows 2 to the last row with content) for a batch job: one block per run of adjacent
 * columns, each read once per execution. Returns the records that are not blank in those columns.
 */
export function readColumns(table: Table, keys: readonly string[], zone?: Zone): TableRecord[] {
  const last = lastRowOf(table);
  if (last < 2) return [];
  const columns = columnsFor(table, keys);
  const blocks = columnRunsFor(table, columns, keys).map(([fromColumn, toColumn]) => ({
    fromRow: 2,
    toRow: last,
    fromColumn,
    toColumn,
  }));
  const values = readBlocks(
    blocks.map((block) => ({ table, columns, block })),
    zone,
  );
  blocks.forEach((block, index) => fillGrid(table, block, values[index] as unknown[][]));
  const rows: number[] = [];
  for (let row = 2; row <= last; row++) rows.push(row);
  return recordsOf(table, rows, columns);
}

function recordsOf(table: Table, rows: readonly number[], columns: readonly ColumnTemplate[]): TableRecord[] {
  const out: TableRecord[] = [];
  const known = new Map(table.records.map((record, index) => [record.row, index]));
  for (const row of rows) {
    const cells = table.grid[row - 1] as unknown[];
    const values: FieldValues = {};
    let blank = true;
    for (const column of columns) {
      const cell = cells[(table.layout.columns[column.key] as number) - 1];
      if (cell !== '' && cell !== undefined && cell !== null) blank = false;
      values[column.key] = readCell(column, cell);
    }
    if (blank) continue;
    const record = { row, values };
    const index = known.get(row);
    if (index === undefined) table.records.push(record);
    else table.records[index] = { row, values: { ...(table.records[index] as TableRecord).values, ...values } };
    out.push(record);
  }
  return out;
}

function blockA1(table: Table, block: Block): string {
  return quotedA1(
    table.layout.sheetName,
    `${columnLetter(block.fromColumn)}${block.fromRow}:${columnLetter(block.toColumn)}${block.toRow ?? ''}`,
  );
}

/** More blocks than this go in one batchGet; fewer are read with SpreadsheetApp (no id, no conversion). */
const BATCH_FROM_BLOCKS = 2;

interface PlannedBlock {
  table: Table;
  columns: readonly ColumnTemplate[];
  block: Block;
}

function readBlocks(planned: readonly PlannedBlock[], zone: Zone | undefined): unknown[][][] {
  const oneByOne = () =>
    planned.map(({ table, block }) => table.spreadsheet.getRange(blockA1(table, block)).getValues());
  const first = planned[0];
  if (!zone || !first || planned.length < BATCH_FROM_BLOCKS) return oneByOne();
  const ranges = planned.map(({ table, columns, block }) => {
    const dateAt = [...dateColumnsOf(table, columns)].filter((at) => at >= block.fromColumn && at <= block.toColumn);
    return {
      a1: blockA1(table, block),
      rows: block.toRow === null ? undefined : block.toRow - block.fromRow + 1,
      columns: block.toColumn - block.fromColumn + 1,
      dateColumns: new Set(dateAt.map((at) => at - block.fromColumn)),
    };
  });
  return batchGetValues(() => spreadsheetIdOf(first.table), ranges, zone) ?? oneByOne();
}

/** 1-based positions of the table's date and date-time columns among `columns`. */
export function dateColumnsOf(table: Table, columns: readonly ColumnTemplate[]): Set<number> {
  return new Set(
    columns
      .filter((column) => column.type === 'date' || column.type === 'datetime')
      .map((column) => table.layout.columns[column.key] as number),
  );
}

/** The labels of the given options in every language (and their keys), as a regular-expression alternation. */
export function optionsPattern(table: TableKey, column: string, keys: readonly string[]): string {
  const template = columnOf(TEMPLATES[table], column);
  const labels = new Set<string>();
  for (const option of template.options ?? []) {
    if (!keys.includes(option.key)) continue;
    for (const label of Object.values(option.label)) labels.add(escapeRegex(label));
    labels.add(escapeRegex(option.key));
  }
  return [...labels].join('|');
}
