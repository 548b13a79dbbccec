/**
 * Writing CSV for Excel (docs/product-rules.md §7): UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the
 * local ANSI code page and Chinese turns into mojibake), CRLF line ends, RFC 4180 quoting. Cells that a
 * spreadsheet would run as a formula get a leading apostrophe (CSV injection); importing strips it again.
 */
import type { CsvDelimiter } from './parse';

export const CSV_BOM = '\uFEFF';

/** Formula-like: starts with = @ tab CR, or + / - followed by something other than a number or a phone. */
export function isFormulaLike(cell: string): boolean {
  if (/^[=@\t\r]/.test(cell)) return true;
  return /^[+-]/.test(cell) && !/^[+-][\d\s().-]*$/.test(cell);
}

/** The cell as written: formula-like text guarded with an apostrophe. */
export function guardCell(cell: string): string {
  return isFormulaLike(cell) ? `'${cell}` : cell;
}

/** Undoes guardCell on import: "'=SUM(A1)" → "=SUM(A1)" (stored as text by the workbook layer). */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") && isFormulaLike(cell.slice(1)) ? cell.slice(1) : cell;
}

function quote(cell: string, delimiter: CsvDelimiter): string {
  const needs =
    cell.includes(delimiter) ||
    cell.includes('"') ||
    cell.includes('\n') ||
    cell.includes('\r') ||
    cell !== cell.trim();
  return needs ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows → CSV text (without BOM; add CSV_BOM when making the file). */
export function toCsv(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ','): string {
  return rows.map((row) => row.map((cell) => quote(guardCell(cell), delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
