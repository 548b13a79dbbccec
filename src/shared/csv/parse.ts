/**
 * CSV parsing (RFC 4180 as Excel and WPS write it): quoted fields with "" escapes, delimiters and line
 * breaks inside quotes, CRLF / LF / CR line ends. Each record keeps the 1-based line of the file where it
 * starts, so problems are reported by the line number a user sees in a text editor (the header is line 1).
 */
export type CsvDelimiter = ',' | ';' | '\t';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  records: CsvRecord[];
  /** A quote was still open at the end of the file (the last record then runs to the end). */
  unterminatedQuote: boolean;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Parses the text; blank lines are dropped. `limit` stops after that many records (for previews). */
export function parseCsv(text: string, delimiter: CsvDelimiter, limit = Infinity): ParsedCsv {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = (): void => {
    cells.push(cell);
    if (!isBlank(cells)) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  while (i < n && records.length < limit) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        // A line break inside quotes belongs to the cell, normalized to \n.
        cell += '\n';
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      // A quote opens a quoted field only at its start (spaces before it are dropped, as Excel does).
      cell = '';
      quoted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    cell += ch;
    i++;
  }
  const unterminatedQuote = quoted;
  if (records.length < limit && (cell !== '' || cells.length > 0)) endRecord();
  return { records, unterminatedQuote };
}

/**
 * The delimiter of a file: the candidate (comma, semicolon, tab) that splits the first records into the
 * same number of cells (more than one) most consistently, quotes respected. Comma when nothing fits.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const sample = text.length > 64 * 1024 ? text.slice(0, 64 * 1024) : text;
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const delimiter of CSV_DELIMITERS) {
    const { records } = parseCsv(sample, delimiter, 21);
    // The last record of a cut sample may be incomplete.
    const rows = sample.length < text.length && records.length > 1 ? records.slice(0, -1) : records;
    const width = rows[0]?.cells.length ?? 0;
    if (width < 2) continue;
    const consistent = rows.filter((record) => record.cells.length === width).length / rows.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  }
  return best;
}
