import type { Language } from '../../shared/i18n/language';
import { TEMPLATES } from '../../shared/schema/templates';
import type { DocumentPropertiesSnapshot } from './layout';
import { appendRecords, readTable, type FieldValues } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The Log sheet (docs/product-rules.md §1): one row per scan / import / repair / grading run, written with ONE appendRecords
 * (one setValues) after reading the table (getRange + getValues). Write it under the document lock.
 */
export type LogResult = 'ok' | 'partial' | 'failed';

export interface LogEntry {
  /** When the run started (epoch ms). */
  startedMs: number;
  /** What ran, a short stable name ('gradeAll', 'dailyScan', 'import', …). */
  action: string;
  /** Who ran it (e-mail), '' when Apps Script can't tell. */
  user: string;
  rowsExamined: number;
  rowsChanged: number;
  durationMs: number;
  result: LogResult;
  /** Counts, warnings or the error, as a sentence in the workbook's language. */
  details: string;
}

/** Longest details text written: a cell holds at most 50,000 characters. */
const MAX_DETAILS = 5000;

/** The Log row for an entry, for appendLog or for an action that appends it in its own batched write. */
export function logRecord(entry: LogEntry): FieldValues {
  return {
    time: new Date(entry.startedMs),
    action: entry.action,
    user: entry.user,
    rowsExamined: entry.rowsExamined,
    rowsChanged: entry.rowsChanged,
    durationMs: Math.max(0, Math.round(entry.durationMs)),
    result: entry.result,
    details: entry.details.length > MAX_DETAILS ? `${entry.details.slice(0, MAX_DETAILS - 1)}…` : entry.details,
  };
}

export function appendLog(
  entry: LogEntry,
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet,
  language: Language,
): void {
  const table = readTable(TEMPLATES.log, properties, spreadsheet);
  appendRecords(table, [logRecord(entry)], language);
}
