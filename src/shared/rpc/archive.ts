import type { Language } from '../i18n/language';
import type { PageMessages } from './contract';

/** The Archive old records sidebar (issue 20 item 1, managers). */
export interface ArchiveFileInfo {
  year: number;
  id: string;
  /** The spreadsheet's name as created ("<workbook> · archive <year>"), or the year for older records. */
  name: string;
  url: string;
}

export interface ArchiveForm {
  language: Language;
  /** The cut-off proposed: records dated before 1 January of this year (Settings: archiveKeepYears). */
  defaultBefore: number;
  /** The latest cut-off accepted (this year: everything before it). */
  maxBefore: number;
  /** The archive spreadsheets made so far. */
  files: ArchiveFileInfo[];
  /** A run stopped at the time limit or by an error, continued by the next run (its cut-off), or null. */
  inProgress: { before: number; moved: number } | null;
  messages: PageMessages;
}

export interface ArchiveRequest {
  /** Archive records dated before 1 January of this year. */
  before: number | string;
}

export interface ArchiveResult {
  /** False when the run stopped at its time budget: it goes on by itself (a trigger) or on the next run. */
  done: boolean;
  before: number;
  moved: { followUps: number; tickets: number; surveys: number };
  skipped: number;
  files: ArchiveFileInfo[];
  /** What happened, as a sentence in the workbook's language. */
  message: string;
}

/** What a run with this cut-off would move now (counted, nothing written). */
export interface ArchivePreview {
  before: number;
  eligible: { followUps: number; tickets: number; surveys: number };
  /** Eligible rows that would stay: blank or repeated ids. */
  skipped: number;
  /** The archive years the rows belong to, ascending. */
  years: number[];
  /** The counts as a sentence in the workbook's language. */
  message: string;
}
