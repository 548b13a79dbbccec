import type { CellValue } from '../../shared/schema/cells';
import { columnLetter } from '../../shared/schema/a1';
import type { Zone } from '../../shared/time/zone';
import { quotedA1, type DocumentPropertiesSnapshot } from './layout';
import { journalWrites } from './my-day-index';
import { LAST_ROW_PROPERTY_PREFIX } from './open-tables';
import { ensureRows, spreadsheetIdOf, type Table } from './table';
import { valuesApi } from './values-api';

/**
 * All the writes of one sidebar save in ONE call (issue 18: ≤ 20 calls per action). SpreadsheetApp needs a
 * getRange + setValues per block: a follow-up save that appends its row, updates the customer and closes
 * two earlier actions spends ten calls writing. The workbook layer (appendRecords, writeFields) puts its
 * blocks here when given a batch, and `commit` sends them in one `Sheets.Spreadsheets.Values.batchUpdate`
 * with valueInputOption USER_ENTERED, which parses text as typing it would, as setValues does (so the
 * leading apostrophe that keeps "=…" as text works the same way). Dates go as "yyyy-MM-dd HH:mm:ss" wall
 * time in the spreadsheet's zone, which Sheets reads as a date-time in every locale.
 *
 * When the Advanced service is off or not authorized, or the request fails (a sheet that has to grow:
 * "exceeds grid limits"), the blocks are written the SpreadsheetApp way instead, growing full sheets first.
 * batchUpdate checks every range before writing any, so nothing is written twice.
 *
 * Call `commit` under the document lock, before releasing it: the API writes land at once, so the next
 * execution to take the lock reads them (SpreadsheetApp would need a flush first).
 */
export interface PendingBlock {
  table: Table;
  row: number;
  column: number;
  values: CellValue[][];
}

export class WriteBatch {
  private readonly blocks: PendingBlock[] = [];
  /** The last row each table's appends need, to grow the sheet on the SpreadsheetApp path. */
  private readonly needed = new Map<Table, number>();

  /**
   * With the action's document properties, commit first notes the rows it rewrites for My day's index
   * (my-day-index.ts) and sends the properties the action set meanwhile (an id serial), in one call, before
   * the cells: a serial is stored before the row that uses it, so a failure can skip a serial, never reuse it.
   */
  constructor(
    private readonly zone: Zone,
    private readonly properties?: DocumentPropertiesSnapshot,
  ) {}

  add(block: PendingBlock): void {
    this.blocks.push(block);
  }

  /**
   * Rows appended to a table up to `lastRow`: the sheet must have them (the SpreadsheetApp path grows it), and
   * commit notes `lastRow` as the table's last-row hint for the next save (openTables).
   */
  needRows(table: Table, lastRow: number): void {
    this.needed.set(table, Math.max(lastRow, this.needed.get(table) ?? 0));
  }

  get size(): number {
    return this.blocks.length;
  }

  /** Writes everything added so far (one call on the usual path) and empties the batch. */
  commit(): void {
    const blocks = this.blocks.splice(0);
    const needed = [...this.needed];
    this.needed.clear();
    if (this.properties) {
      const written = new Map<string, Set<number>>();
      for (const block of blocks) {
        const rows = written.get(block.table.template.table) ?? new Set<number>();
        for (let row = block.row; row < block.row + block.values.length; row++) rows.add(row);
        written.set(block.table.template.table, rows);
      }
      journalWrites(this.properties, written);
      for (const [table, lastRow] of needed) {
        this.properties.set(LAST_ROW_PROPERTY_PREFIX + table.template.table, String(lastRow));
      }
      this.properties.sendHeld();
    }
    if (blocks.length === 0) return;
    const api = valuesApi();
    const first = blocks[0] as PendingBlock;
    if (api) {
      try {
        api.batchUpdate(
          {
            valueInputOption: 'USER_ENTERED',
            data: blocks.map((block) => ({
              range: blockA1(block),
              values: block.values.map((line) => line.map((cell) => apiValue(cell, this.zone))),
            })),
          },
          spreadsheetIdOf(first.table),
        );
        return;
      } catch {
        // Not authorized, or a sheet too short for an append: the SpreadsheetApp path below.
      }
    }
    for (const [table, lastRow] of needed) ensureRows(table, lastRow);
    for (const block of blocks) block.table.spreadsheet.getRange(blockA1(block)).setValues(block.values);
  }
}

function blockA1(block: PendingBlock): string {
  const rows = block.values.length;
  const columns = block.values[0]?.length ?? 1;
  const a1 = `${columnLetter(block.column)}${block.row}:${columnLetter(block.column + columns - 1)}${block.row + rows - 1}`;
  return quotedA1(block.table.layout.sheetName, a1);
}

/** A cell as the Values API takes it: JSON values; a Date as wall-clock text in the spreadsheet's zone. */
export function apiValue(cell: CellValue, zone: Zone): string | number | boolean {
  if (cell instanceof Date || Object.prototype.toString.call(cell) === '[object Date]') {
    const ms = (cell as Date).getTime();
    const wall = new Date(ms + zone.offsetAt(ms) * 60000);
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    return (
      `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
      `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`
    );
  }
  return cell as string | number | boolean;
}
