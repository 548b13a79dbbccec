import { gasError } from '../core/errors';

/**
 * A1 notation as Apps Script reads it (docs/apps-script/spreadsheet.md §11): "$C$3", "5:7", "D:F",
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

const R1C1_CELL = /^[Rr](\d+)[Cc](\d+)$/;

/**
 * Sheet.getRange(a1Notation) and the other "A1 notation or R1C1 notation" string arguments (DOCS
 * sheet#getRange(String)): A1 first; text that is not A1 is read as absolute R1C1, "R5C3" or "R2C2:R4C5"
 * (GF-TEST testsheets.js "getRange with R1C1 notation": "R5C3" → C5, reversed corners normalised, lower case
 * accepted, "RC1" stays the A1 cell RC1). Relative R1C1 ("R[1]C[1]") and whole-row/column R1C1 forms are
 * "Range not found" (UNCONFIRMED).
 */
export function parseRangeNotation(text: string): A1Ref {
  try {
    return parseA1(text);
  } catch (a1Error) {
    const { sheetName, rangePart } = splitSheetName(text.trim());
    const parts = rangePart.split(':').map((p) => R1C1_CELL.exec(p.trim()));
    if (parts.length > 2 || parts.some((m) => m === null)) throw a1Error;
    const cells = (parts as RegExpExecArray[]).map((m) => ({ row: Number(m[1]), col: Number(m[2]) }));
    if (cells.some((c) => c.row < 1 || c.col < 1 || c.col > MAX_COLUMNS)) throw a1Error;
    const first = cells[0] as { row: number; col: number };
    const last = cells[cells.length - 1] as { row: number; col: number };
    return {
      sheetName,
      row: Math.min(first.row, last.row),
      col: Math.min(first.col, last.col),
      endRow: Math.max(first.row, last.row),
      endCol: Math.max(first.col, last.col),
      form: 'cells',
    };
  }
}
