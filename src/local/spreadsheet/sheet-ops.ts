import { gasError, signatureError } from '../core/errors';
import type { Book } from './book';
import type { SheetModel } from './model';
import type { Range } from './range';
import { permuteRows, insertLines } from './structure';
import { sortedOrder } from './range-sort';

/** Sheet logic shared by Sheet and Spreadsheet (which has getDataRange/appendRow… of the active sheet). */

/**
 * Duplicate names are refused with the Sheets text (docs/apps-script/spreadsheet.md §1); compared case-insensitively
 * (UNCONFIRMED, from UI experience).
 */
export function checkSheetName(book: Book, name: string, self: SheetModel | null): void {
  const lower = name.toLowerCase();
  if (book.model.sheets.some((s) => s !== self && s.name.toLowerCase() === lower)) {
    throw gasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }
}

/** getLastRow: "the position of the last row that has content" (0 when empty; §4). */
export function lastRowWithContent(sheet: SheetModel): number {
  return sheet.values.lastRow();
}

export function lastColumnWithContent(sheet: SheetModel): number {
  return sheet.values.lastColumn();
}

/** A1 to the last row/column with content; a 1×1 A1 range on an empty sheet. */
export function dataRange(book: Book, sheet: SheetModel): Range {
  const lastRow = Math.max(1, lastRowWithContent(sheet));
  const lastCol = Math.max(1, lastColumnWithContent(sheet));
  return book.range(sheet, { row: 1, col: 1, endRow: lastRow, endCol: lastCol, form: 'cells' });
}

export function appendRowTo(book: Book, sheet: SheetModel, rowContents: unknown): void {
  if (!Array.isArray(rowContents) || rowContents.length === 0)
    throw signatureError([rowContents], 'SpreadsheetApp.Sheet.appendRow');
  const last = lastRowWithContent(sheet);
  // Growth follows gas-fakes' reading of appendRow (insertRowAfter when full; UNCONFIRMED from Google).
  if (last >= sheet.maxRows) insertLines(book.model, sheet, 'rows', sheet.maxRows, 1, sheet.maxRows - 1);
  if (rowContents.length > sheet.maxColumns) {
    insertLines(
      book.model,
      sheet,
      'columns',
      sheet.maxColumns,
      rowContents.length - sheet.maxColumns,
      sheet.maxColumns - 1,
    );
  }
  const row = last + 1;
  const range = book.range(sheet, { row, col: 1, endRow: row, endCol: rowContents.length, form: 'cells' });
  range._write((_i, j, fmt) => book.fromScript(rowContents[j], fmt));
}

/**
 * Sheet.sort: the rows below the frozen rows, down to the last row with content, move whole (every column,
 * formats and rules with them), in Sheets' order (range-sort.ts).
 */
export function sortSheet(book: Book, sheet: SheetModel, col: number, ascending: boolean): void {
  const r0 = sheet.frozenRows;
  const last = lastRowWithContent(sheet);
  if (last <= r0) return;
  const order = sortedOrder(sheet, r0, last, 0, sheet.maxColumns, [{ col, ascending }]);
  permuteRows(sheet, r0, order);
  book.ctx.meter.recordCells(0, (last - r0) * Math.max(1, lastColumnWithContent(sheet)));
}
