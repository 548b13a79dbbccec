import { gasError, notSupported } from '../core/errors';
import { cellA1, parseA1 } from './a1';
import type { Book } from './book';
import type { SheetModel } from './model';
import type { Range } from './range';
import { pasteRange, planForType } from './range-copy';
import type { Spreadsheet } from './spreadsheet';
import { passesValidation, validationErrorText } from './validation';
import { dateToSerial, DateCell, FormulaCell, parseTypedInput, type CellValue } from './values';

/**
 * What a person does to cell contents in the Sheets UI, as the edit trigger sees it (docs/apps-script-
 * behaviour.md, "Edits by hand and the onEdit simple trigger"). Each action changes the model the way the UI
 * does and returns the edited block, with `value` / `oldValue` only where Sheets gives them (one cell typed
 * or cleared). Nothing here is metered: these are the user's actions, not the script's. The harness
 * (src/local/harness/addon-host.ts) turns an EditedBlock into the onEdit event and runs the bound script.
 */
export interface EditedBlock {
  sheetName: string;
  /** 1-based top-left and size of the edited block. */
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  /** "New cell value after the edit. Only available if the edited range is a single cell." */
  value?: string;
  /** The value before the edit, single cell only; absent when the cell was empty. */
  oldValue?: string;
}

interface Block {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

export function createUserEdits(book: Book) {
  const sheetNamed = (name: string): SheetModel => {
    const sheet = book.sheetByName(name);
    if (!sheet) throw new Error(`no sheet named "${name}"`);
    return sheet;
  };
  const blockOf = (sheet: SheetModel, a1: string): Block => {
    const ref = parseA1(a1);
    const endRow = ref.endRow ?? sheet.maxRows;
    const endCol = ref.endCol ?? sheet.maxColumns;
    if (endRow > sheet.maxRows || endCol > sheet.maxColumns) throw gasError(OUTSIDE);
    return { row: ref.row, col: ref.col, numRows: endRow - ref.row + 1, numCols: endCol - ref.col + 1 };
  };
  const stored = (sheet: SheetModel, r: number, c: number): CellValue => sheet.values.get(r, c) ?? null;
  const edited = (sheet: SheetModel, b: Block, single?: { value: CellValue; old: CellValue }): EditedBlock => {
    const out: EditedBlock = {
      sheetName: sheet.name,
      row: b.row,
      column: b.col,
      numRows: b.numRows,
      numColumns: b.numCols,
    };
    if (single) {
      const value = eventText(single.value, book.model.timeZone);
      const old = eventText(single.old, book.model.timeZone);
      if (value !== undefined) out.value = value;
      if (old !== undefined) out.oldValue = old;
    }
    return out;
  };
  /** Parses typed text for a cell and applies its strict rule the way the UI refuses an entry. */
  const typedValue = (sheet: SheetModel, r: number, c: number, text: string): CellValue => {
    const value = parseTypedInput(text, sheet.attrAt('numberFormat', r, c) ?? null, book.model.timeZone);
    if (value instanceof FormulaCell) throw notSupported('a formula typed or pasted by hand (onEdit event values)');
    const spec = sheet.attrAt('validation', r, c);
    if (value !== null && spec && !spec.allowInvalid && !passesValidation(book, spec, value)) {
      throw gasError(validationErrorText(cellA1(r + 1, c + 1)));
    }
    return value;
  };

  return {
    /** Typing `text` into one cell (Enter): parsed like typed input; '' empties the cell like Delete. */
    type(sheetName: string, a1: string, text: string): EditedBlock {
      const sheet = sheetNamed(sheetName);
      const b = blockOf(sheet, a1);
      if (b.numRows !== 1 || b.numCols !== 1) throw new Error(`type() takes one cell, not ${a1}`);
      const [r, c] = [b.row - 1, b.col - 1];
      const old = stored(sheet, r, c);
      const value = typedValue(sheet, r, c, text);
      sheet.values.set(r, c, value === null ? undefined : value);
      return edited(sheet, b, { value, old });
    },

    /** Selecting a block and pressing Delete: contents go, formats and data validation stay. */
    clear(sheetName: string, a1: string): EditedBlock {
      const sheet = sheetNamed(sheetName);
      const b = blockOf(sheet, a1);
      const single =
        b.numRows === 1 && b.numCols === 1 ? { value: null, old: stored(sheet, b.row - 1, b.col - 1) } : undefined;
      for (let i = 0; i < b.numRows; i++) {
        for (let j = 0; j < b.numCols; j++) sheet.values.set(b.row - 1 + i, b.col - 1 + j, undefined);
      }
      return edited(sheet, b, single);
    },

    /**
     * Pasting text copied outside the spreadsheet (rows of tab-separated cells) with its top-left at `a1`:
     * each cell is parsed like typed input in the target cell's format; the target keeps its formats and
     * rules, and a strict rule refuses the whole paste with the typing text (UNCONFIRMED: the stricter
     * reading). The event carries the block and neither value nor oldValue.
     */
    paste(sheetName: string, a1: string, rows: readonly (readonly string[])[]): EditedBlock {
      const sheet = sheetNamed(sheetName);
      const ref = parseA1(a1);
      const width = Math.max(0, ...rows.map((line) => line.length));
      if (rows.length === 0 || width === 0) throw new Error('paste() needs at least one cell');
      const b: Block = { row: ref.row, col: ref.col, numRows: rows.length, numCols: width };
      if (b.row - 1 + b.numRows > sheet.maxRows || b.col - 1 + b.numCols > sheet.maxColumns) throw gasError(OUTSIDE);
      const values = rows.map((line, i) =>
        Array.from({ length: width }, (_, j) => typedValue(sheet, b.row - 1 + i, b.col - 1 + j, line[j] ?? '')),
      );
      values.forEach((line, i) =>
        line.forEach((value, j) => sheet.values.set(b.row - 1 + i, b.col - 1 + j, value === null ? undefined : value)),
      );
      return edited(sheet, b);
    },

    /**
     * Ctrl+C on `fromA1` of one sheet, Ctrl+V at `toA1` of another (or the same): a normal paste carries the
     * source cells' values, formats and data validation (as Range.copyTo PASTE_NORMAL does), so a dropdown
     * can be replaced by the source's rule or by none. The event carries the pasted block only.
     */
    copyPaste(fromSheet: string, fromA1: string, toSheet: string, toA1: string): EditedBlock {
      const source = sheetNamed(fromSheet);
      const dest = sheetNamed(toSheet);
      const s = blockOf(source, fromA1);
      const to = parseA1(toA1);
      const range = book.range(source, {
        row: s.row,
        col: s.col,
        endRow: s.row + s.numRows - 1,
        endCol: s.col + s.numCols - 1,
        form: 'cells',
      });
      for (let i = 0; i < s.numRows; i++) {
        for (let j = 0; j < s.numCols; j++) {
          if (stored(source, s.row - 1 + i, s.col - 1 + j) instanceof FormulaCell) {
            throw notSupported('copying formulas by hand (references are not shifted locally)');
          }
        }
      }
      pasteRange(book, range, dest, to.row - 1, to.col - 1, s.numRows, s.numCols, planForType('PASTE_NORMAL'), false);
      return edited(dest, { row: to.row, col: to.col, numRows: s.numRows, numCols: s.numCols });
    },

    /**
     * The objects an edit event carries: `range` (the edited block) and `source` (the bound spreadsheet),
     * objects of the script API handed over without a metered call, as Apps Script builds them for onEdit.
     */
    eventObjects(block: EditedBlock): { range: Range; source: Spreadsheet } {
      const sheet = sheetNamed(block.sheetName);
      const range = book.range(sheet, {
        row: block.row,
        col: block.column,
        endRow: block.row + block.numRows - 1,
        endCol: block.column + block.numColumns - 1,
        form: 'cells',
      });
      return { range, source: book.spreadsheet() };
    },
  };
}

export type UserEdits = ReturnType<typeof createUserEdits>;

/**
 * A cell value as the edit event's `value` / `oldValue` string: text as is, numbers as JavaScript prints
 * them, booleans "TRUE" / "FALSE", dates as their serial number (FIELD: reported by users; UNCONFIRMED),
 * an empty cell undefined.
 */
export function eventText(value: CellValue, timeZone: string): string | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof DateCell) return String(dateToSerial(value.ms, timeZone));
  throw notSupported('a formula cell as an edit event value');
}
