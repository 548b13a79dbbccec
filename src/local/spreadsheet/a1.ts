import { gasError } from '../core/errors';

/**
 * A1 notation as Apps Script reads it (shared/apps-script-facts/spreadsheet.md §11): "$C$3", "5:7", "D:F",
 * open-ended "B1:B" and "A2:2", an optional "Sheet!" or "'My sheet'!" prefix, reversed corners normalised.
 * A bare column ("B") or row ("5") is "Range not found" (§1, FIELD).
 */

/** A parsed reference; rows/columns are 1-based; an end of `null` means "to the sheet's last row/column". */
export interface A1Ref {
  sheetName: string | null;
  row: number;
  col: number;
  /** Inclusive end row, or null when the row span is unbounded ("D:F", "B1:B"). */
  endRow: number | null;
  /** Inclusive end column, or null when unbounded ("5:7", "A2:2"). */
  endCol: number | null;
  /** "D:F" = whole columns, "5:7" = whole rows, anything else = cells. */
  form: 'cells' | 'columns' | 'rows';
}

/** Apps Script's largest sheet is 18,278 columns (ZZZ) (§10). */
export const MAX_COLUMNS = 18278;

export function columnToLetters(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.toUpperCase().charCodeAt(i) - 64);
  return n;
}

interface Endpoint {
  col: number | null;
  row: number | null;
}

const ENDPOINT = /^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$/;

function parseEndpoint(text: string): Endpoint | null {
  const match = ENDPOINT.exec(text);
  if (!match || (!match[1] && !match[2])) return null;
  const col = match[1] ? lettersToColumn(match[1]) : null;
  const row = match[2] ? Number(match[2]) : null;
  if (row === 0 || (col !== null && col > MAX_COLUMNS)) return null;
  return { col, row };
}

/** Splits "Sheet 1!A1:B2" / "'It''s'!A1" into the sheet name and the range part. */
export function splitSheetName(a1: string): { sheetName: string | null; rangePart: string } {
  const quoted = /^'((?:[^']|'')+)'!(.*)$/.exec(a1);
  if (quoted) return { sheetName: (quoted[1] as string).replace(/''/g, "'"), rangePart: quoted[2] as string };
  const bang = a1.lastIndexOf('!');
  if (bang > 0) return { sheetName: a1.slice(0, bang), rangePart: a1.slice(bang + 1) };
  return { sheetName: null, rangePart: a1 };
}

export function parseA1(a1: string): A1Ref {
  const notFound = () => gasError('Range not found');
  const { sheetName, rangePart } = splitSheetName(a1.trim());
  const parts = rangePart.split(':');
  if (parts.length > 2) throw notFound();
  const first = parseEndpoint((parts[0] as string).trim());
  if (!first) throw notFound();
  if (parts.length === 1) {
    if (first.col === null || first.row === null) throw notFound();
    return { sheetName, row: first.row, col: first.col, endRow: first.row, endCol: first.col, form: 'cells' };
  }
  const second = parseEndpoint((parts[1] as string).trim());
  if (!second) throw notFound();
  // "D:F": both column-only; "5:7": both row-only; "B1:B" / "A2:2": one side open-ended.
  const colsGiven = first.col !== null || second.col !== null;
  const rowsGiven = first.row !== null || second.row !== null;
  if (!colsGiven || !rowsGiven) {
    if (!colsGiven && (first.row === null || second.row === null)) throw notFound();
    if (!rowsGiven && (first.col === null || second.col === null)) throw notFound();
  }
  const [row, endRow] = span(first.row, second.row);
  const [col, endCol] = span(first.col, second.col);
  const form = !rowsGiven ? 'columns' : !colsGiven ? 'rows' : 'cells';
  return { sheetName, row, col, endRow, endCol, form };
}

/** Orders the two ends (reversed ranges are normalised); a missing end makes the span open-ended. */
function span(a: number | null, b: number | null): [number, number | null] {
  if (a !== null && b !== null) return [Math.min(a, b), Math.max(a, b)];
  if (a === null && b === null) return [1, null];
  // "B1:B" → rows 1..end; "A:B5" → rows 1..5 (Sheets reads the missing end as the sheet's edge).
  if (a !== null) return [a, null];
  return [1, b];
}

export function cellA1(row: number, col: number): string {
  return `${columnToLetters(col)}${row}`;
}

/** Quotes a sheet name for "Sheet!A1" when it is not a plain word, as Sheets does. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
