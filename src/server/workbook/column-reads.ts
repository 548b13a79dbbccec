import { columnLetter } from '../../shared/schema/a1';
import type { Zone } from '../../shared/time/zone';
import { quotedA1 } from './layout';
import { runsOf, spreadsheetIdOf, type Table } from './table';
import { readColumns } from './targeted-reads';
import { batchGetValues, type BatchRange } from './values-api';

/**
 * Whole columns of several tables in ONE call, for batch jobs (issue 18): every run of adjacent columns of
 * every table goes in one Sheets.Spreadsheets.Values.batchGet as an open-ended range (`'Sheet'!B2:D`), which
 * the API answers down to the last row with content, so the tables' last rows need not be asked first
 * (readColumns asks each sheet: two calls a table). The cells land in each table's grid, as readColumns
 * leaves them, for writeFields to compare with; no records are built (the caller derives what it needs).
 *
 * The last row read is not the sheet's last row (a user's own column may go further): `table.lastRow` is left
 * as it was, and appendRecords asks the sheet when it needs it. When the Advanced service is off or the batch
 * fails, each table is read with readColumns instead (SpreadsheetApp).
 */
export interface ColumnsRequest {
  table: Table;
  /** Column keys; those the sheet lacks are skipped. */
  keys: readonly string[];
}

interface PlannedRun {
  table: Table;
  from: number;
  to: number;
  range: BatchRange;
}

/** Reads the columns of every request: one call on the usual path, whatever the number of tables. */
export function readColumnsOf(requests: readonly ColumnsRequest[], zone: Zone): void {
  const planned: PlannedRun[] = [];
  for (const { table, keys } of requests) {
    const positions = [...new Set(keys.map((key) => table.layout.columns[key]))]
      .filter((at): at is number => at !== undefined)
      .sort((a, b) => a - b);
    const dates = new Set(
      table.template.columns
        .filter((column) => (column.type === 'date' || column.type === 'datetime') && keys.includes(column.key))
        .map((column) => table.layout.columns[column.key])
        .filter((at): at is number => at !== undefined),
    );
    for (const [from, to] of runsOf(positions)) {
      const dateColumns = new Set<number>();
      for (let at = from; at <= to; at++) if (dates.has(at)) dateColumns.add(at - from);
      const a1 = quotedA1(table.layout.sheetName, `${columnLetter(from)}2:${columnLetter(to)}`);
      planned.push({ table, from, to, range: { a1, columns: to - from + 1, dateColumns } });
    }
  }
  const first = planned[0];
  if (!first) return;
  const values = batchGetValues(
    () => spreadsheetIdOf(first.table),
    planned.map((run) => run.range),
    zone,
  );
  if (!values) {
    for (const request of requests) readColumns(request.table, request.keys, zone);
    return;
  }
  // Each table's extent: the longest of its blocks (the API stops each at its own last row with content) and
  // of what its grid held already, so every column read has a cell ('' when empty) in every row known.
  const extent = new Map<Table, number>();
  planned.forEach((run, index) => {
    const rows = (values[index] as unknown[][]).length + 1;
    extent.set(run.table, Math.max(extent.get(run.table) ?? run.table.grid.length, rows));
  });
  planned.forEach((run, index) => fill(run, values[index] as unknown[][], extent.get(run.table) as number));
}

/** The block's cells into the grid, rows 2 to `last`. */
function fill(run: PlannedRun, cells: readonly unknown[][], last: number): void {
  const { table, from, to } = run;
  for (let row = 2; row <= last; row++) {
    const line = cells[row - 2];
    const gridRow = table.grid[row - 1] ?? [];
    for (let column = from; column <= to; column++) {
      const cell = line?.[column - from];
      gridRow[column - 1] = cell === undefined || cell === null ? '' : cell;
    }
    table.grid[row - 1] = gridRow;
  }
}
