import { gasError, signatureError } from '../core/errors';
import type { Book } from './book';
import type { SheetModel } from './model';
import type { Range } from './range';
import { permuteRows, insertLines } from './structure';
import { DateCell, FormulaCell, type CellValue } from './values';

/** Sheet logic shared by Sheet and Spreadsheet (which has getDataRange/appendRow… of the active sheet). */

/**
 * Duplicate names are refused with the Sheets text (spreadsheet.md §1); compared case-insensitively
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

/** Sheets' sort order: numbers and dates, then text (case-insensitive), then booleans; empty cells last. */
function rank(v: Exclude<CellValue, null> | undefined): [number, number | string] {
  if (v === undefined || v === '') return [4, 0];
  if (typeof v === 'number') return [0, v];
  if (v instanceof DateCell) return [0, v.ms / 86400000 + 25569];
  if (typeof v === 'string') return [1, v.toLowerCase()];
  if (typeof v === 'boolean') return [2, v ? 1 : 0];
  if (v instanceof FormulaCell) return [3, v.formula];
  return [3, 0];
}

export function sortSheet(sheet: SheetModel, col: number, ascending: boolean): void {
  const r0 = sheet.frozenRows;
  const last = lastRowWithContent(sheet);
  if (last <= r0) return;
  const order: number[] = [];
  for (let r = r0; r < last; r++) order.push(r);
  const keys = new Map(order.map((r) => [r, rank(sheet.values.get(r, col))]));
  order.sort((a, b) => {
    const [ka, va] = keys.get(a) as [number, number | string];
    const [kb, vb] = keys.get(b) as [number, number | string];
    if (ka === 4 || kb === 4) return ka - kb; // empty cells stay last either way
    const cmp = ka !== kb ? ka - kb : va < vb ? -1 : va > vb ? 1 : 0;
    return (ascending ? cmp : -cmp) || a - b;
  });
  permuteRows(sheet, r0, order);
}
