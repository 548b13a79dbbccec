/**
 * The sidebar's side of an import, kept pure so tests drive exactly what the sidebar does: bytes → text
 * (encoding detected) → records (delimiter detected) → mapped rows, checked as a whole file (intake rules,
 * duplicates within the file) → chunks for google.script.run.
 */
import type { ActionResult } from '../rpc/result';
import { mapTransactionRecord, type RawTransactionRow, type TransactionImportField } from '../rules/transaction-import';
import type { ImportCheck, ImportChunkResult, ImportDefaults, ImportRowProblem, ImportRowRequest } from './contract';
import { decodeCsvBytes, type CsvEncoding, type DecoderFactory } from './decode';
import { mapRecord, type ColumnMapping, type ImportField } from './mapping';
import { detectDelimiter, parseCsv, type CsvDelimiter, type CsvRecord } from './parse';
import { rowProblems, type Say } from './report';
import { fileDuplicates, markIdCollisions, prepareRow, type ImportMember } from './rows';

export interface ImportFile {
  encoding: CsvEncoding;
  bom: boolean;
  delimiter: CsvDelimiter;
  headers: string[];
  /** Data records (after the header), with their file lines. */
  records: CsvRecord[];
  unterminatedQuote: boolean;
}

export function readImportFile(bytes: Uint8Array, makeDecoder: DecoderFactory): ImportFile {
  const { text, encoding, bom } = decodeCsvBytes(bytes, makeDecoder);
  const delimiter = detectDelimiter(text);
  const { records, unterminatedQuote } = parseCsv(text, delimiter);
  const [header, ...data] = records;
  return {
    encoding,
    bom,
    delimiter,
    headers: (header?.cells ?? []).map((cell) => cell.trim()),
    records: data,
    unterminatedQuote,
  };
}

/** Fields every customer needs (docs/product-rules.md §2 intake) that neither a column nor a default provides. */
export const IMPORT_REQUIRED: readonly ImportField[] = [
  'customerType',
  'name',
  'contactName',
  'source',
  'needs',
  'owner',
];

export function unmappedRequired(mapping: ColumnMapping, defaults: ImportDefaults): ImportField[] {
  const mapped = new Set(mapping.filter((field): field is ImportField => field !== null));
  return IMPORT_REQUIRED.filter((field) => !mapped.has(field) && !(defaults as Partial<Record<string, string>>)[field]);
}

export interface FileCheck<R = ImportRowRequest> {
  /** Every data row, mapped (what the server is sent). */
  rows: R[];
  /** Invalid rows and duplicates within the file, by line. */
  problems: ImportRowProblem[];
}

/** The whole-file check the sidebar runs before sending anything. */
export function checkFile(
  file: ImportFile,
  mapping: ColumnMapping,
  defaults: ImportDefaults,
  team: readonly ImportMember[],
  fieldLabel: (field: ImportField) => string,
  say: Say,
): FileCheck {
  const rows = file.records.map((record) => ({ line: record.line, fields: mapRecord(record.cells, mapping) }));
  const prepared = rows.map((row) => prepareRow(row.line, row.fields, { team, defaults }));
  markIdCollisions(prepared);
  const problems = rowProblems(prepared, fileDuplicates(prepared), 'file', fieldLabel, say);
  return { rows, problems };
}

/** One row of a transactions file as sent to the server: its line and its cells by transaction field. */
export interface TransactionRowRequest {
  line: number;
  fields: RawTransactionRow;
}

/**
 * The transactions file as the sidebar sends it. Each row is checked by the server's dry run (its customer
 * can only be found against the sheet; rows don't depend on each other), so the file check adds no problems.
 */
export function checkTransactionFile(
  file: ImportFile,
  mapping: readonly (TransactionImportField | null)[],
): FileCheck<TransactionRowRequest> {
  return {
    rows: file.records.map((record) => ({ line: record.line, fields: mapTransactionRecord(record.cells, mapping) })),
    problems: [],
  };
}

/** Rows in chunks of `size` (one google.script.run call each). */
export function chunksOf<T>(rows: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** Problems merged by line (the same line may be reported by the file check and by the server). */
export function mergeProblems(...lists: readonly (readonly ImportRowProblem[])[]): ImportRowProblem[] {
  const byLine = new Map<number, ImportRowProblem>();
  for (const list of lists) {
    for (const problem of list) {
      const seen = byLine.get(problem.line);
      if (!seen) byLine.set(problem.line, { ...problem, messages: [...problem.messages] });
      else for (const message of problem.messages) if (!seen.messages.includes(message)) seen.messages.push(message);
    }
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

/** One chunk of rows of either table (ImportChunkRequest for customers). */
export interface ChunkRequestOf<R> {
  importId: string;
  chunkIndex: number;
  rows: R[];
  defaults: ImportDefaults;
}

/**
 * The two server calls, as the sidebar makes them (callServer) and tests drive them: validateImportChunk
 * and importChunk for customers, validateTransactionImportChunk and importTransactionChunk for transactions.
 */
export interface ImportCalls<R = ImportRowRequest> {
  validate(request: ChunkRequestOf<R>): Promise<ActionResult<ImportCheck>>;
  write(request: ChunkRequestOf<R>): Promise<ActionResult<ImportChunkResult>>;
}

export type Progress = (done: number, total: number) => void;

export type DryRunOutcome =
  { ok: true; problems: ImportRowProblem[]; alreadyImported: number } | { ok: false; message: string };

/** Phase 1, nothing written: every chunk checked against the sheet; problems merged with the file's. */
export async function dryRun<R>(
  check: FileCheck<R>,
  importId: string,
  defaults: ImportDefaults,
  chunkSize: number,
  calls: ImportCalls<R>,
  onProgress: Progress = () => undefined,
): Promise<DryRunOutcome> {
  const lists: ImportRowProblem[][] = [check.problems];
  let alreadyImported = 0;
  let done = 0;
  const chunks = chunksOf(check.rows, chunkSize);
  for (let index = 0; index < chunks.length; index++) {
    const rows = chunks[index] as R[];
    let result: ActionResult<ImportCheck>;
    try {
      result = await calls.validate({ importId, chunkIndex: index, rows, defaults });
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    if (!result.ok) return { ok: false, message: result.error.message };
    lists.push(result.value.problems);
    alreadyImported += result.value.alreadyImported;
    done += rows.length;
    onProgress(done, check.rows.length);
  }
  return { ok: true, problems: mergeProblems(...lists), alreadyImported };
}

export type WriteOutcome =
  | { ok: true; imported: number; alreadyImported: number; ids: { line: number; id: string }[] }
  | {
      ok: false;
      imported: number;
      alreadyImported: number;
      /** Why it stopped: a server or transport message, or the problems found at write time. */
      message: string;
      problems: ImportRowProblem[];
    };

/**
 * Phase 2: the rows to import (the whole file, or without the problem rows when the rep chose to skip
 * them), chunk by chunk. A failed chunk stops the run; running it again with the same import id resumes:
 * rows already written are recognised by their request ids and not added again.
 */
export async function writeRows<R>(
  rows: readonly R[],
  importId: string,
  defaults: ImportDefaults,
  chunkSize: number,
  calls: ImportCalls<R>,
  onProgress: Progress = () => undefined,
): Promise<WriteOutcome> {
  let imported = 0;
  let alreadyImported = 0;
  const ids: { line: number; id: string }[] = [];
  const chunks = chunksOf(rows, chunkSize);
  let done = 0;
  for (let index = 0; index < chunks.length; index++) {
    const chunk = chunks[index] as R[];
    let result: ActionResult<ImportChunkResult>;
    try {
      result = await calls.write({ importId, chunkIndex: index, rows: chunk, defaults });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, imported, alreadyImported, message, problems: [] };
    }
    if (!result.ok) return { ok: false, imported, alreadyImported, message: result.error.message, problems: [] };
    if (!result.value.written) {
      return { ok: false, imported, alreadyImported, message: '', problems: result.value.problems };
    }
    imported += result.value.imported;
    alreadyImported += result.value.alreadyImported;
    ids.push(...result.value.ids);
    done += chunk.length;
    onProgress(done, rows.length);
  }
  return { ok: true, imported, alreadyImported, ids };
}
