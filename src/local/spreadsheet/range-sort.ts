import { gasError, notSupported, signatureError } from '../core/errors';
import type { SheetModel } from './model';
import { DateCell, FormulaCell, type CellValue } from './values';

/**
 * Range.sort and Sheet.sort (docs/apps-script-behaviour.md, "Range.sort and Sheet.sort"). Sheets' ascending
 * order: numbers (dates by their serial value) first, then text compared without regard to case, then
 * booleans (FALSE before TRUE); empty cells go last whichever the direction. Equal keys keep their order.
 */

type Stored = Exclude<CellValue, null>;

export interface SortKey {
  /** 0-based sheet column. */
  col: number;
  ascending: boolean;
}

/** Text order: case-insensitive (and accent-insensitive) collation with a fixed locale, so runs agree. */
const collator = new Intl.Collator('en', { sensitivity: 'base' });

function typeRank(v: Stored): number {
  if (typeof v === 'number' || v instanceof DateCell) return 0;
  if (typeof v === 'string') return 1;
  return 2; // boolean
}

function compareValues(a: Stored, b: Stored): number {
  const [ra, rb] = [typeRank(a), typeRank(b)];
  if (ra !== rb) return ra - rb;
  if (ra === 0) {
    const na = a instanceof DateCell ? a.ms / 86_400_000 + 25_569 : (a as number);
    const nb = b instanceof DateCell ? b.ms / 86_400_000 + 25_569 : (b as number);
    return na - nb;
  }
  if (ra === 1) return collator.compare(a as string, b as string);
  return Number(a) - Number(b);
}

/**
 * Sort keys from Range.sort's sortSpecObj: a column number, {column, ascending}, or an array of them. Columns
 * are the sheet's (1-based) and must lie within [firstCol, lastCol].
 */
export function sortKeysOf(spec: unknown, args: unknown[], firstCol: number, lastCol: number): SortKey[] {
  const method = 'SpreadsheetApp.Range.sort';
  const list = Array.isArray(spec) ? spec : [spec];
  if (args.length !== 1 || list.length === 0) throw signatureError(args, method);
  return list.map((item: unknown) => {
    let column: unknown;
    let ascending: unknown = true;
    if (typeof item === 'number') column = item;
    else if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      column = (item as { column?: unknown }).column;
      if ('ascending' in item) ascending = (item as { ascending?: unknown }).ascending;
    } else throw signatureError(args, method);
    if (typeof column !== 'number' || !Number.isFinite(column) || typeof ascending !== 'boolean') {
      throw signatureError(args, method);
    }
    const col = Math.floor(column);
    // Wording UNCONFIRMED (gas-fakes' text; no live message found).
    if (col < firstCol || col > lastCol) {
      throw gasError(`The column to sort by (${col}) is outside the range's columns (${firstCol}-${lastCol}).`);
    }
    return { col: col - 1, ascending };
  });
}

/** A1-like references in a formula, outside string literals (as in range-copy.ts). */
const FORMULA_REF = /(\$?[A-Za-z]{1,3}\$?\d+|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)(?![\w(])/;

/**
 * The new order of rows [r0, r1): `order[i]` is the old row that lands at r0 + i. Refuses what the runtime
 * cannot order as Sheets would: a formula in a key column (its value is not computed locally), or a formula
 * with cell references that would move to another row (Sheets adjusts such references; the runtime does not).
 */
export function sortedOrder(
  sheet: SheetModel,
  r0: number,
  r1: number,
  c0: number,
  c1: number,
  keys: SortKey[],
): number[] {
  const rows: number[] = [];
  for (let r = r0; r < r1; r++) rows.push(r);
  for (const key of keys) {
    for (const r of rows) {
      if (sheet.values.get(r, key.col) instanceof FormulaCell) {
        throw notSupported('sorting by a column holding formulas (formula results are not computed locally)');
      }
    }
  }
  const blank = (v: Stored | undefined): boolean => v === undefined || v === '';
  rows.sort((a, b) => {
    for (const key of keys) {
      const va = sheet.values.get(a, key.col);
      const vb = sheet.values.get(b, key.col);
      const [ba, bb] = [blank(va), blank(vb)];
      if (ba || bb) {
        if (ba && bb) continue;
        return ba ? 1 : -1; // empty cells last, ascending or not
      }
      const cmp = compareValues(va as Stored, vb as Stored);
      if (cmp !== 0) return key.ascending ? cmp : -cmp;
    }
    return a - b;
  });
  rows.forEach((source, i) => {
    if (source === r0 + i) return;
    const line = sheet.values.rows[source];
    if (!line) return;
    for (let c = c0; c < Math.min(c1, line.length); c++) {
      const v = line[c];
      if (v instanceof FormulaCell && FORMULA_REF.test(v.formula.replace(/"[^"]*"/g, '""'))) {
        throw notSupported('sorting rows whose formulas hold cell references (references are not adjusted locally)');
      }
    }
  });
  return rows;
}

/** Moves the cells of columns [c0, c1) of rows [r0, r0 + order.length) by `order`, in every layer. */
export function permuteBlock(sheet: SheetModel, r0: number, c0: number, c1: number, order: number[]): void {
  for (const grid of sheet.allGrids()) {
    const old = order.map((source) => {
      const line = grid.rows[source];
      return line ? line.slice(c0, c1) : [];
    });
    order.forEach((_source, i) => {
      const cells = old[i] as unknown[];
      for (let c = c0; c < c1; c++) grid.set(r0 + i, c, cells[c - c0]);
    });
  }
}
