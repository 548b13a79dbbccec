import type { Language } from '../../shared/i18n/language';
import { asLiteralText, readCell, writeCell, type CellValue, type FieldValue } from '../../shared/schema/cells';
import type { ColumnTemplate, TableTemplate } from '../../shared/schema/template-types';
import {
  cachedLayout,
  findTableSheet,
  layoutFromCache,
  resolveLayout,
  type DocumentPropertiesSnapshot,
  type TableLayout,
} from './layout';

/**
 * Table access in blocks (SPEC §8 "Fast"): a table is read with one getValues, appended with one
 * setValues, and updated column block by column block. Never a call per row or per cell.
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
  records: TableRecord[];
  /** Raw cell grid as read (row 0 = header), kept so partial writes can fill gaps without re-reading. */
  grid: unknown[][];
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

/** Reads a whole table: one read of the data block (plus the layout look-up, cached between runs). */
export function readTable(template: TableTemplate, properties: DocumentPropertiesSnapshot): Table {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  let layout: TableLayout | null;
  let grid: unknown[][];
  const fromCache = cachedLayout(spreadsheet, template, properties);
  if (fromCache) {
    grid = fromCache.sheet.getDataRange().getValues();
    layout = layoutFromCache(template, fromCache.sheet, fromCache.cached, grid[0]);
    if (!layout) layout = resolveLayout(template, fromCache.sheet, grid[0], properties);
  } else {
    const sheet = findTableSheet(spreadsheet, template);
    if (!sheet) throw new TableNotFoundError(template.table);
    grid = sheet.getDataRange().getValues();
    layout = resolveLayout(template, sheet, grid[0], properties);
  }
  const missingRequired = template.columns.filter((column) => layout.missing.includes(column.key) && !column.hidden);
  if (missingRequired.length > 0)
    throw new MissingColumnsError(template.table, layout.sheet.getName(), missingRequired);
  const columns = template.columns.filter((column) => column.key in layout.columns);
  const records: TableRecord[] = [];
  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r] as unknown[];
    if (cells.every((cell) => cell === '')) continue;
    const values: FieldValues = {};
    for (const column of columns)
      values[column.key] = readCell(column, cells[(layout.columns[column.key] as number) - 1]);
    records.push({ row: r + 1, values });
  }
  return { template, layout, records, grid };
}

/**
 * Appends records below the last row with content, in ONE setValues over the full width of the table
 * (user columns in between get empty cells, as a user's blank row would). Grows the sheet first when
 * needed: getRange past the last row throws instead of growing (apps-script-facts spreadsheet.md §4).
 */
export function appendRecords(table: Table, records: readonly FieldValues[], language: Language): number {
  if (records.length === 0) return table.grid.length + 1;
  const { sheet, columns } = table.layout;
  const width = Math.max(table.grid[0]?.length ?? 0, ...Object.values(columns));
  const firstRow = table.grid.length + 1;
  const lastRow = firstRow + records.length - 1;
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  const block: CellValue[][] = records.map((record) => {
    const row: CellValue[] = new Array<CellValue>(width).fill('');
    for (const column of table.template.columns) {
      const index = columns[column.key];
      if (index === undefined || !(column.key in record)) continue;
      row[index - 1] = writeCell(column, record[column.key] ?? null, language);
    }
    return row;
  });
  sheet.getRange(firstRow, 1, records.length, width).setValues(block);
  for (const row of block) table.grid.push(row.map(storedValue));
  records.forEach((values, index) => table.records.push({ row: firstRow + index, values: { ...values } }));
  return firstRow;
}

/**
 * Writes the given fields of the given rows and returns how many cells changed; unchanged cells cost
 * nothing. Script-owned (computed) columns are written as ONE block per column over the span of rows
 * touched, the rows in between rewritten with what was just read (users don't type there). Columns users
 * edit are written run by run of consecutive changed rows, so no cell a user may have touched since the
 * read (or holding their own formula) is ever rewritten.
 */
export function writeFields(
  table: Table,
  updates: readonly { row: number; values: FieldValues }[],
  language: Language,
): number {
  const { sheet, columns } = table.layout;
  const byColumn = new Map<ColumnTemplate, Map<number, CellValue>>();
  for (const update of updates) {
    for (const [key, value] of Object.entries(update.values)) {
      const column = table.template.columns.find((candidate) => candidate.key === key);
      const columnIndex = columns[key];
      if (!column || columnIndex === undefined) continue;
      const cell = writeCell(column, value, language);
      if (sameCell(table.grid[update.row - 1]?.[columnIndex - 1], cell)) continue;
      let rows = byColumn.get(column);
      if (!rows) byColumn.set(column, (rows = new Map()));
      rows.set(update.row, cell);
    }
  }
  let changed = 0;
  for (const [column, rows] of byColumn) {
    const columnIndex = columns[column.key] as number;
    const rowNumbers = [...rows.keys()].sort((a, b) => a - b);
    const spans = column.computed ? [rowNumbers] : consecutiveRuns(rowNumbers);
    for (const span of spans) {
      const first = span[0] as number;
      const last = span[span.length - 1] as number;
      const block: CellValue[][] = [];
      for (let row = first; row <= last; row++) {
        const gridRow = table.grid[row - 1];
        const next = rows.get(row);
        if (next === undefined) {
          const current = gridRow?.[columnIndex - 1] ?? '';
          block.push([typeof current === 'string' ? asLiteralText(current) : (current as CellValue)]);
        } else {
          block.push([next]);
          if (gridRow) gridRow[columnIndex - 1] = storedValue(next);
        }
      }
      sheet.getRange(first, columnIndex, block.length, 1).setValues(block);
    }
    changed += rows.size;
  }
  return changed;
}

function consecutiveRuns(sortedRows: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const row of sortedRows) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === row - 1) run.push(row);
    else runs.push([row]);
  }
  return runs;
}

/** What getValues returns after writing `cell`: Sheets drops the leading text-marker apostrophe. */
function storedValue(cell: CellValue): CellValue {
  return typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell;
}

function sameCell(current: unknown, next: CellValue): boolean {
  if (current instanceof Date || next instanceof Date) {
    return current instanceof Date && next instanceof Date && current.getTime() === next.getTime();
  }
  return current === storedValue(next);
}
