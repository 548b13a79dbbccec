import { columnLetter } from '../../shared/schema/a1';
import { readCell } from '../../shared/schema/cells';
import { TEMPLATES, type TableKey } from '../../shared/schema/templates';
import type { Zone } from '../../shared/time/zone';
import { layoutFromCache, quotedA1, readCachedLayout, type DocumentPropertiesSnapshot } from './layout';
import { checkColumns, openTable, readTable, runsOf, tableFromValues, type Table } from './table';
import { batchGetValues, type BatchRange } from './values-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Everything an action needs to start, in one call (issue 18): the header rows of the tables it will
 * search (to check their cached layouts) and the whole of the small tables it reads in full (Settings,
 * Team), with one Sheets.Spreadsheets.Values.batchGet. A table whose layout isn't cached or whose header
 * changed, or a batch the Advanced service can't answer, is opened the usual way (openTable / readTable),
 * which resolves the layout again: the result is the same, only the calls differ.
 */
export interface OpenRequest {
  /** Tables opened for targeted reads (header only). */
  open?: readonly TableKey[];
  /** Small tables read whole. */
  whole?: readonly TableKey[];
  /**
   * Rows of opened tables read in the same batch, only the columns of `keys` (a sidebar's row hint). They
   * join the table's records and grid as a targeted read would; rows of a table whose header changed are
   * not read. A row past the end of the sheet makes the batch fail: it is then sent again without rows.
   */
  rows?: readonly { table: TableKey; rows: readonly number[]; keys: readonly string[] }[];
  /**
   * Opened tables the action will append to. Where the last append left a note of the table's last row
   * (LAST_ROW_PROPERTY_PREFIX, written by WriteBatch.commit), that row and the next are read in the same batch:
   * when the noted row holds something and the next is blank, that is the last row, and the append needs no
   * getLastRow (two calls). Otherwise (rows added, deleted or typed below by hand) nothing is assumed.
   */
  appendTo?: readonly TableKey[];
}

/** Document property per table: its last row as our last append left it (a hint, checked before use). */
export const LAST_ROW_PROPERTY_PREFIX = 'crm.lastRow.';

/** The noted last row of a table, or null. */
function lastRowHint(key: TableKey, properties: DocumentPropertiesSnapshot): number | null {
  const hint = Number(properties.values[LAST_ROW_PROPERTY_PREFIX + key]);
  return Number.isInteger(hint) && hint >= 1 ? hint : null;
}

interface RowBlock {
  key: TableKey;
  fromRow: number;
  toRow: number;
  fromColumn: number;
  toColumn: number;
}

/** The blocks (row run × column run, by the cached layout) of the rows asked for. */
function rowBlocks(request: OpenRequest, properties: DocumentPropertiesSnapshot): RowBlock[] {
  const blocks: RowBlock[] = [];
  for (const { table: key, rows, keys } of request.rows ?? []) {
    const cached = readCachedLayout(TEMPLATES[key], properties);
    if (!cached) continue;
    const positions = keys.flatMap((column) => (cached.columns[column] === undefined ? [] : [cached.columns[column]]));
    const sorted = [...new Set(rows)].filter((row) => Number.isInteger(row) && row >= 2).sort((a, b) => a - b);
    for (const [fromRow, toRow] of runsOf(sorted)) {
      for (const [fromColumn, toColumn] of runsOf([...new Set(positions as number[])].sort((a, b) => a - b))) {
        blocks.push({ key, fromRow, toRow, fromColumn, toColumn });
      }
    }
  }
  return blocks;
}

/** Puts a block read into its table's grid and records (the columns read; other cells stay unread). */
function fillRows(table: Table, block: RowBlock, cells: unknown[][]): void {
  const columns = table.template.columns.filter((column) => {
    const at = table.layout.columns[column.key];
    return at !== undefined && at >= block.fromColumn && at <= block.toColumn;
  });
  for (let row = block.fromRow; row <= block.toRow; row++) {
    const line = cells[row - block.fromRow] ?? [];
    const gridRow = table.grid[row - 1] ?? [];
    for (let column = block.fromColumn; column <= block.toColumn; column++) {
      gridRow[column - 1] = line[column - block.fromColumn] ?? '';
    }
    table.grid[row - 1] = gridRow;
    if (line.every((cell) => cell === '' || cell === null)) continue;
    const values = Object.fromEntries(
      columns.map((column) => [
        column.key,
        readCell(column, gridRow[(table.layout.columns[column.key] as number) - 1]),
      ]),
    );
    const known = table.records.find((record) => record.row === row);
    if (known) Object.assign(known.values, values);
    else table.records.push({ row, values });
  }
}

export function openTables(
  request: OpenRequest,
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet,
  zone: Zone,
): Partial<Record<TableKey, Table>> {
  const wanted = [
    ...(request.open ?? []).map((key) => ({ key, whole: false })),
    ...(request.whole ?? []).map((key) => ({ key, whole: true })),
  ];
  const plans: { key: TableKey; whole: boolean; range: BatchRange }[] = [];
  const out: Partial<Record<TableKey, Table>> = {};
  const slow = (key: TableKey, whole: boolean): void => {
    out[key] = whole
      ? readTable(TEMPLATES[key], properties, spreadsheet)
      : openTable(TEMPLATES[key], properties, spreadsheet);
  };
  for (const { key, whole } of wanted) {
    const template = TEMPLATES[key];
    const cached = readCachedLayout(template, properties);
    if (!cached) continue;
    const width = Math.max(cached.headers.length, ...Object.values(cached.columns), 1);
    const dateColumns = new Set(
      template.columns
        .filter((column) => (column.type === 'date' || column.type === 'datetime') && column.key in cached.columns)
        .map((column) => (cached.columns[column.key] as number) - 1),
    );
    const a1 = whole ? `A1:${columnLetter(width)}` : `A1:${columnLetter(width)}1`;
    plans.push({ key, whole, range: { a1: quotedA1(cached.sheetName, a1), columns: width, dateColumns } });
  }
  const ids: { spreadsheetId?: string } = {};
  const spreadsheetId = (): string => (ids.spreadsheetId = ids.spreadsheetId ?? spreadsheet.getId());
  const ranges = plans.map((plan) => plan.range);
  // Rows asked for, of the tables opened here for targeted reads, by their cached layout.
  const blocks = rowBlocks(request, properties).filter((block) =>
    plans.some((plan) => plan.key === block.key && !plan.whole),
  );
  const blockRanges = blocks.map((block): BatchRange => {
    const plan = plans.find((candidate) => candidate.key === block.key && !candidate.whole);
    const sheetName = readCachedLayout(TEMPLATES[block.key], properties)?.sheetName ?? '';
    const dateColumns = [...(plan?.range.dateColumns ?? [])]
      .map((at) => at + 1) // 0-based from column A → 1-based
      .filter((at) => at >= block.fromColumn && at <= block.toColumn)
      .map((at) => at - block.fromColumn);
    const a1 = `${columnLetter(block.fromColumn)}${block.fromRow}:${columnLetter(block.toColumn)}${block.toRow}`;
    return {
      a1: quotedA1(sheetName, a1),
      rows: block.toRow - block.fromRow + 1,
      columns: block.toColumn - block.fromColumn + 1,
      dateColumns: new Set(dateColumns),
    };
  });
  // The noted last row of each table appended to, and the row after it, over the table's columns.
  const tails = (request.appendTo ?? []).flatMap((key) => {
    const hint = lastRowHint(key, properties);
    const plan = plans.find((candidate) => candidate.key === key && !candidate.whole);
    const sheetName = readCachedLayout(TEMPLATES[key], properties)?.sheetName;
    if (hint === null || !plan || !sheetName) return [];
    const width = plan.range.columns ?? 1;
    const range: BatchRange = {
      a1: quotedA1(sheetName, `A${hint}:${columnLetter(width)}${hint + 1}`),
      rows: 2,
      columns: width,
    };
    return [{ key, hint, range }];
  });
  const extra = [...blockRanges, ...tails.map((tail) => tail.range)];
  let values = plans.length >= 2 ? batchGetValues(spreadsheetId, [...ranges, ...extra], zone) : null;
  // A hinted row past the end of the sheet fails the whole batch: ask again for the tables alone.
  if (!values && extra.length > 0 && plans.length >= 2) values = batchGetValues(spreadsheetId, ranges, zone);
  const rowsRead =
    values && values.length > ranges.length ? values.slice(ranges.length, ranges.length + blocks.length) : [];
  const tailsRead =
    values && values.length > ranges.length + blocks.length ? values.slice(ranges.length + blocks.length) : [];
  if (values) {
    plans.forEach((plan, index) => {
      const template = TEMPLATES[plan.key];
      const cached = readCachedLayout(template, properties);
      const cells = values[index] as unknown[][];
      const layout = cached ? layoutFromCache(template, cached, cells[0]) : null;
      if (!layout) return; // header changed: resolved below the usual way
      if (plan.whole) {
        out[plan.key] = tableFromValues(template, layout, cells.length > 0 ? cells : [[]], spreadsheet, null);
      } else {
        checkColumns(template, layout);
        out[plan.key] = {
          template,
          layout,
          records: [],
          grid: [cells[0] ?? []],
          lastRow: null,
          maxRows: null,
          spreadsheet,
        };
      }
    });
  }
  // Rows read with a table whose header checked out (the columns were where the cache said).
  const fast = new Set(Object.keys(out));
  blocks.forEach((block, index) => {
    const table = out[block.key];
    const cells = rowsRead[index];
    if (table && cells && fast.has(block.key)) fillRows(table, block, cells);
  });
  tails.forEach((tail, index) => {
    const table = out[tail.key];
    const [last = [], next = []] = tailsRead[index] ?? [];
    const blank = (line: readonly unknown[]) => line.every((cell) => cell === '' || cell === null);
    if (table && fast.has(tail.key) && !blank(last) && blank(next)) table.lastRow = tail.hint;
  });
  for (const { key, whole } of wanted) if (!out[key]) slow(key, whole);
  // The tables opened together share the id, so later batch reads don't ask for it again.
  for (const table of Object.values(out)) if (table) table.ids = ids;
  return out;
}
