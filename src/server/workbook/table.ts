import type { Language } from '../../shared/i18n/language';
import { columnLetter } from '../../shared/schema/a1';
import { asLiteralText, readCell, writeCell, type CellValue, type FieldValue } from '../../shared/schema/cells';
import type { ColumnTemplate, TableTemplate } from '../../shared/schema/template-types';
import {
  findTableSheet,
  layoutFromCache,
  quotedA1,
  readCachedLayout,
  resolveLayout,
  wholeColumnsA1,
  type DocumentPropertiesSnapshot,
  type TableLayout,
} from './layout';
import type { WriteBatch } from './write-batch';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Table access in blocks (docs/product-rules.md §8 "Fast"): a table is read with ONE getValues over its columns
 * (addressed by A1 on the spreadsheet, so no Sheet object is needed), new records are written with one
 * setValues, and updates are written as a few blocks. Never a call per row or per cell.
 */
export type FieldValues = Record<string, FieldValue>;

export interface TableRecord {
  /** 1-based sheet row, valid until rows are sorted, inserted or deleted. */
  row: number;
  values: FieldValues;
}

export interface Table {
  template: TableTemplate;
  layout: TableLayout;
  /** The records read so far: all of them after readTable, only the ones asked for after openTable. */
  records: TableRecord[];
  /**
   * Cells as read, index = row − 1 (index 0 = header); kept current by our writes. Sparse after a targeted
   * read: rows not read are `undefined`, and a row read for some columns has holes in the others. Writes
   * never rewrite a cell that was not read (see writeFields).
   */
  grid: (unknown[] | undefined)[];
  /** The last row with content on the sheet, when known (whole read, getLastRow or our own append). */
  lastRow: number | null;
  /** The sheet's row count when the read covered whole columns; null when unknown. */
  maxRows: number | null;
  spreadsheet: Spreadsheet;
  /** The Sheet object, fetched at most once per execution when a method needs it. */
  sheet?: Sheet;
  /** The spreadsheet's id once asked for (the Values API needs it), shared by the tables opened together. */
  ids?: { spreadsheetId?: string };
}

/** The spreadsheet id, asked for once per execution and kept with the table (and the tables opened with it). */
export function spreadsheetIdOf(table: Table): string {
  table.ids = table.ids ?? {};
  table.ids.spreadsheetId = table.ids.spreadsheetId ?? table.spreadsheet.getId();
  return table.ids.spreadsheetId;
}

export class TableNotFoundError extends Error {
  constructor(readonly table: string) {
    super(`table ${table} not found`);
    this.name = 'TableNotFoundError';
  }
}

export class MissingColumnsError extends Error {
  constructor(
    readonly table: string,
    readonly sheetName: string,
    readonly columns: readonly ColumnTemplate[],
  ) {
    super(`sheet ${sheetName} lacks columns ${columns.map((column) => column.key).join(', ')}`);
    this.name = 'MissingColumnsError';
  }
}

function isBlankRow(row: readonly unknown[]): boolean {
  return row.every((cell) => cell === '' || cell === null);
}

/** Fast path: whole columns by A1, validated by the header row in the same read. */
function readWithCachedLayout(
  spreadsheet: Spreadsheet,
  template: TableTemplate,
  properties: DocumentPropertiesSnapshot,
): { layout: TableLayout; values: unknown[][] } | null {
  const cached = readCachedLayout(template, properties);
  if (!cached) return null;
  const width = Math.max(cached.headers.length, ...Object.values(cached.columns), 1);
  let values: unknown[][];
  try {
    values = spreadsheet.getRange(wholeColumnsA1(cached.sheetName, width)).getValues();
  } catch {
    return null; // the sheet was renamed or deleted: resolve again
  }
  const layout = layoutFromCache(template, cached, values[0]);
  return layout ? { layout, values } : null;
}

/** Reads a whole table. Common path: two calls (getRange + getValues). */
export function readTable(
  template: TableTemplate,
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(),
): Table {
  let layout: TableLayout;
  let values: unknown[][];
  let maxRows: number | null;
  const fast = readWithCachedLayout(spreadsheet, template, properties);
  if (fast) {
    ({ layout, values } = fast);
    maxRows = values.length;
  } else {
    const cached = readCachedLayout(template, properties);
    const sheet = (cached && spreadsheet.getSheetById(cached.sheetId)) || findTableSheet(spreadsheet, template);
    if (!sheet) throw new TableNotFoundError(template.table);
    values = sheet.getDataRange().getValues();
    layout = resolveLayout(template, sheet, values[0], properties);
    maxRows = null;
  }
  return tableFromValues(template, layout, values, spreadsheet, maxRows);
}

/** Refuses a layout that lacks a visible template column (users must not lose a field silently). */
export function checkColumns(template: TableTemplate, layout: TableLayout): void {
  const missing = template.columns.filter((column) => layout.missing.includes(column.key) && !column.hidden);
  if (missing.length > 0) throw new MissingColumnsError(template.table, layout.sheetName, missing);
}

/** A whole table from the values of its columns (row 0 = header), as readTable and batch reads get them. */
export function tableFromValues(
  template: TableTemplate,
  layout: TableLayout,
  values: unknown[][],
  spreadsheet: Spreadsheet,
  maxRows: number | null,
): Table {
  checkColumns(template, layout);
  let end = values.length;
  while (end > 1 && isBlankRow(values[end - 1] as unknown[])) end--;
  const grid = values.slice(0, end);
  const columns = template.columns.filter((column) => column.key in layout.columns);
  const records: TableRecord[] = [];
  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r] as unknown[];
    if (isBlankRow(cells)) continue;
    const record: FieldValues = {};
    for (const column of columns)
      record[column.key] = readCell(column, cells[(layout.columns[column.key] as number) - 1]);
    records.push({ row: r + 1, values: record });
  }
  return { template, layout, records, grid, lastRow: grid.length, maxRows, spreadsheet };
}

/**
 * Opens a table without reading its records (issue 18: read what the action needs): the cached layout is
 * checked against the header row alone (one getRange + getValues of one row), so the cost does not grow
 * with the table. Records are then found by key (findRows) and read row by row or column by column
 * (targeted-reads.ts). Falls back to resolving the layout when the header changed or the sheet moved.
 */
export function openTable(
  template: TableTemplate,
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(),
): Table {
  const cached = readCachedLayout(template, properties);
  let layout: TableLayout | null = null;
  let header: unknown[] = [];
  if (cached) {
    const width = Math.max(cached.headers.length, ...Object.values(cached.columns), 1);
    try {
      header = (spreadsheet.getRange(quotedA1(cached.sheetName, `A1:${columnLetter(width)}1`)).getValues()[0] ??
        []) as unknown[];
      layout = layoutFromCache(template, cached, header);
    } catch {
      layout = null; // the sheet was renamed or deleted: resolve again
    }
  }
  let sheet: Sheet | undefined;
  if (!layout) {
    const found = (cached && spreadsheet.getSheetById(cached.sheetId)) || findTableSheet(spreadsheet, template);
    if (!found) throw new TableNotFoundError(template.table);
    sheet = found;
    header = (found.getRange(1, 1, 1, Math.max(1, found.getLastColumn())).getValues()[0] ?? []) as unknown[];
    layout = resolveLayout(template, found, header, properties);
  }
  checkColumns(template, layout);
  const table: Table = { template, layout, records: [], grid: [header], lastRow: null, maxRows: null, spreadsheet };
  if (sheet) table.sheet = sheet;
  return table;
}

/** The table's Sheet, fetched once (one call) the first time a method needs it. */
export function sheetOf(table: Table): Sheet {
  if (!table.sheet) {
    const sheet = table.spreadsheet.getSheetById(table.layout.sheetId);
    if (!sheet) throw new TableNotFoundError(table.template.table);
    table.sheet = sheet;
  }
  return table.sheet;
}

/** The last row with content (any column, the user's too: appending below it never overwrites). */
export function lastRowOf(table: Table): number {
  if (table.lastRow === null) table.lastRow = Math.max(1, sheetOf(table).getLastRow());
  return table.lastRow;
}

/** What getValues returns after writing `cell`: Sheets drops the leading text-marker apostrophe. */
function storedValue(cell: CellValue): CellValue {
  return typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell;
}

function sameCell(current: unknown, next: CellValue): boolean {
  const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';
  if (isDate(current) || isDate(next)) {
    return isDate(current) && isDate(next) && current.getTime() === next.getTime();
  }
  return current === storedValue(next);
}

/** A block of cells by A1 on the spreadsheet: one getRange call, no Sheet object needed. */
function blockRange(table: Table, row: number, column: number, rows: number, columns: number): Range {
  const a1 = `${columnLetter(column)}${row}:${columnLetter(column + columns - 1)}${row + rows - 1}`;
  return table.spreadsheet.getRange(quotedA1(table.layout.sheetName, a1));
}

/** Runs of consecutive numbers (duplicates ignored): [2,3,4,7] → [[2,4],[7,7]]. */
export function runsOf(sorted: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const value of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === value - 1) last[1] = value;
    else if (!last || last[1] < value) runs.push([value, value]);
  }
  return runs;
}

/**
 * Appends records below the last row with content: one block per run of adjacent table columns (normally
 * one), so a user's own columns (and any formulas they filled down there) are never written. With a batch
 * the blocks join the action's one batched write (write-batch.ts) and null is returned (select the rows with
 * selectRows); without, they are written now with setValues, growing the sheet first only when it is full
 * (getRange past the last row throws instead of growing: apps-script-behaviour.md), and the range of the
 * first block is returned.
 */
export function appendRecords(
  table: Table,
  records: readonly FieldValues[],
  language: Language,
  batch?: WriteBatch,
): Range | null {
  if (records.length === 0) return null;
  const { columns } = table.layout;
  const firstRow = lastRowOf(table) + 1;
  const lastRow = firstRow + records.length - 1;
  if (batch) batch.needRows(table, lastRow);
  else ensureRows(table, lastRow);
  const width = Math.max(table.layout.width, ...Object.values(columns));
  const rows: CellValue[][] = records.map(() => new Array<CellValue>(width).fill(''));
  records.forEach((record, index) => {
    for (const column of table.template.columns) {
      const at = columns[column.key];
      if (at === undefined || !(column.key in record)) continue;
      (rows[index] as CellValue[])[at - 1] = writeCell(column, record[column.key] ?? null, language);
    }
  });
  let first: Range | null = null;
  for (const [from, to] of runsOf(Object.values(columns).sort((a, b) => a - b))) {
    const values = rows.map((row) => row.slice(from - 1, to));
    if (batch) batch.add({ table, row: firstRow, column: from, values });
    else {
      const range = blockRange(table, firstRow, from, records.length, to - from + 1);
      range.setValues(values);
      first = first ?? range;
    }
  }
  rows.forEach((row, index) => {
    table.grid[firstRow - 1 + index] = row.map(storedValue);
  });
  table.lastRow = lastRow;
  records.forEach((values, index) => table.records.push({ row: firstRow + index, values: { ...values } }));
  return first;
}

/** Empty rows added beyond what an append needs when the sheet is full. */
export const GROWTH_HEADROOM_ROWS = 100;

/**
 * Makes the sheet at least `lastRow` rows tall (getRange past the last row throws instead of growing),
 * adding headroom so the next saves don't each pay for growing it again.
 */
export function ensureRows(table: Table, lastRow: number): void {
  if (table.maxRows !== null && lastRow <= table.maxRows) return;
  const sheet = sheetOf(table);
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) {
    sheet.insertRowsAfter(maxRows, lastRow - maxRows + GROWTH_HEADROOM_ROWS);
    table.maxRows = lastRow + GROWTH_HEADROOM_ROWS;
  } else {
    table.maxRows = maxRows;
  }
}

/** Selects rows of the table (its columns only) for the user to see what a save wrote: two calls. */
export function selectRows(table: Table, firstRow: number, count = 1): void {
  const positions = Object.values(table.layout.columns);
  const from = Math.min(...positions);
  const to = Math.max(...positions);
  blockRange(table, firstRow, from, count, to - from + 1).activate();
}

interface PendingCell {
  row: number;
  column: number;
  cell: CellValue;
}

/**
 * Writes the given fields of the given rows and returns how many cells changed; unchanged cells cost
 * nothing. Cells are grouped into as few rectangular blocks as safely possible:
 *  - by row (few rows, several fields: a save from a sidebar): adjacent changed cells of a row form one
 *    block, which may also span script-owned (computed) columns between them, rewritten with what was
 *    just read;
 *  - by column (many rows: grading, the daily scan): one block per computed column over the span of rows
 *    touched; columns users edit are written run by run of consecutive rows instead.
 * A block never covers a user's own column or a user-editable cell that is not being changed, so no
 * value a user typed since the read (or their formula) is ever rewritten. With a batch, the blocks join the
 * action's one batched write (write-batch.ts) instead of being written now.
 */
export function writeFields(
  table: Table,
  updates: readonly { row: number; values: FieldValues }[],
  language: Language,
  batch?: WriteBatch,
): number {
  const { columns } = table.layout;
  const computedAt = new Set<number>();
  for (const column of table.template.columns) {
    const at = columns[column.key];
    if (column.computed && at !== undefined) computedAt.add(at);
  }
  const pending: PendingCell[] = [];
  for (const update of updates) {
    for (const [key, value] of Object.entries(update.values)) {
      const column = table.template.columns.find((candidate) => candidate.key === key);
      const at = columns[key];
      if (!column || at === undefined) continue;
      const cell = writeCell(column, value, language);
      if (sameCell(table.grid[update.row - 1]?.[at - 1], cell)) continue;
      pending.push({ row: update.row, column: at, cell });
    }
  }
  if (pending.length === 0) return 0;
  const rows = new Set(pending.map((item) => item.row));
  const byCell = new Map(pending.map((item) => [`${item.row}:${item.column}`, item.cell]));
  const valueAt = (row: number, column: number): CellValue => {
    const next = byCell.get(`${row}:${column}`);
    if (next !== undefined) return next;
    const current = table.grid[row - 1]?.[column - 1] ?? '';
    return typeof current === 'string' ? asLiteralText(current) : (current as CellValue);
  };
  // A cell outside the update may be rewritten (to bridge a block) only if it is computed AND was read.
  const bridgeable = (row: number, column: number): boolean =>
    computedAt.has(column) && table.grid[row - 1]?.[column - 1] !== undefined;
  const blocks = rows.size <= 20 ? rowBlocks(pending, bridgeable) : columnBlocks(pending, bridgeable);
  for (const block of blocks) {
    const values: CellValue[][] = [];
    for (let row = block.row; row < block.row + block.rows; row++) {
      const line: CellValue[] = [];
      for (let column = block.column; column < block.column + block.columns; column++) line.push(valueAt(row, column));
      values.push(line);
    }
    if (batch) batch.add({ table, row: block.row, column: block.column, values });
    else blockRange(table, block.row, block.column, block.rows, block.columns).setValues(values);
  }
  for (const item of pending) {
    const gridRow = table.grid[item.row - 1];
    if (gridRow) gridRow[item.column - 1] = storedValue(item.cell);
  }
  return pending.length;
}

interface Block {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

type Bridgeable = (row: number, column: number) => boolean;

function rowBlocks(pending: readonly PendingCell[], bridgeable: Bridgeable): Block[] {
  const byRow = new Map<number, number[]>();
  for (const item of pending) {
    const list = byRow.get(item.row);
    if (list) list.push(item.column);
    else byRow.set(item.row, [item.column]);
  }
  const blocks: Block[] = [];
  for (const [row, changed] of byRow) {
    const sorted = changed.sort((a, b) => a - b);
    let start = sorted[0] as number;
    let end = start;
    for (const column of sorted.slice(1)) {
      let canBridge = true;
      for (let between = end + 1; between < column; between++) if (!bridgeable(row, between)) canBridge = false;
      if (canBridge) end = column;
      else {
        blocks.push({ row, column: start, rows: 1, columns: end - start + 1 });
        start = end = column;
      }
    }
    blocks.push({ row, column: start, rows: 1, columns: end - start + 1 });
  }
  return blocks;
}

function columnBlocks(pending: readonly PendingCell[], bridgeable: Bridgeable): Block[] {
  const byColumn = new Map<number, number[]>();
  for (const item of pending) {
    const list = byColumn.get(item.column);
    if (list) list.push(item.row);
    else byColumn.set(item.column, [item.row]);
  }
  const blocks: Block[] = [];
  for (const [column, rowList] of byColumn) {
    const sorted = rowList.sort((a, b) => a - b);
    // Computed columns: one block over the rows touched, bridging rows in between that were read; columns
    // users edit: one block per run of consecutive rows.
    let start = sorted[0] as number;
    let end = start;
    for (const row of sorted.slice(1)) {
      let canBridge = true;
      for (let between = end + 1; between < row && canBridge; between++) canBridge = bridgeable(between, column);
      if (canBridge) end = row;
      else {
        blocks.push({ row: start, column, rows: end - start + 1, columns: 1 });
        start = end = row;
      }
    }
    blocks.push({ row: start, column, rows: end - start + 1, columns: 1 });
  }
  return blocks;
}
