import { gasError } from '../core/errors';

/**
 * Utilities.parseCsv(csv[, delimiter]) → String[][] ("a tabular 2D array representation of a CSV string",
 * docs/apps-script/services.md §8), RFC 4180 style:
 *  - a field in double quotes may hold the delimiter, CR/LF and "" (one quote);
 *  - rows end at LF, CRLF or a lone CR;
 *  - rows keep their own lengths (no padding), unquoted fields keep their spaces;
 *  - a quote inside an unquoted field is kept as a character.
 * Trailing line break: ONE final line break does not add an empty row ("a,b\n" → [["a","b"]]). Apps Script's
 * own behaviour is UNCONFIRMED; gas-fakes (src/services/utilities/fakeutilities.js, parseCsv, comment "match
 * Apps Script behavior for trailing newline") made the same choice. A blank line in the middle is a row
 * with one empty field, and "" parses to [].
 * An unterminated quoted field keeps what was read (lenient, like most CSV readers; UNCONFIRMED).
 */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  if (delimiter.length !== 1) throw gasError(`Invalid argument: delimiter`);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  /** A quoted field was read on the current row, so even an empty last field makes a row ('""' → [[""]]). */
  let quotedOnRow = false;
  let i = 0;
  const length = csv.length;
  const endRow = (): void => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
    quotedOnRow = false;
  };
  while (i < length) {
    const ch = csv[i] as string;
    if (ch === '"' && field === '') {
      // Quoted field: read to the closing quote.
      i += 1;
      let quoted = '';
      for (;;) {
        if (i >= length) break;
        const c = csv[i] as string;
        if (c === '"') {
          if (csv[i + 1] === '"') {
            quoted += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        quoted += c;
        i += 1;
      }
      field = quoted;
      quotedOnRow = true;
      // Anything between the closing quote and the next delimiter is kept, as lenient readers do.
      while (i < length && csv[i] !== delimiter && csv[i] !== '\n' && csv[i] !== '\r') {
        field += csv[i];
        i += 1;
      }
      continue;
    }
    if (ch === delimiter) {
      row.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      endRow();
      i += ch === '\r' && csv[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    i += 1;
  }
  if (field !== '' || row.length > 0 || quotedOnRow) endRow();
  return rows;
}
