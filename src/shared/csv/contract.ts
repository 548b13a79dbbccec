/**
 * JSON types of the CSV import and export calls (referenced from src/shared/rpc/contract.ts).
 */
import type { Language } from '../i18n/language';
import type { TableKey } from '../schema/templates';
import type { TransactionImportField } from '../rules/transaction-import';
import type { ImportField } from './mapping';
import type { RawImportRow } from './rows';

type PageMessages = Partial<Record<string, string>>;

export interface ImportFieldChoice<F extends string = ImportField> {
  key: F;
  label: string;
  required: boolean;
}

export interface ImportOption {
  key: string;
  label: string;
}

export type ImportTable = Extract<TableKey, 'customers' | 'transactions'>;

export interface ImportTableChoice {
  key: ImportTable;
  label: string;
}

export interface ImportForm {
  language: Language;
  /** The tables a file can go to (customers, transactions), named as their sheets are. */
  tables: ImportTableChoice[];
  /** Fields a CSV column can be mapped to, labelled in the workbook's language. */
  fields: ImportFieldChoice[];
  /** The same for a transactions file (TRANSACTION_IMPORT_FIELDS; required: each of date, product, amount). */
  transactionFields: ImportFieldChoice<TransactionImportField>[];
  /** Active team members: owners, and the owner names a CSV may use. */
  team: { email: string; name: string }[];
  currentUser: string;
  customerTypes: ImportOption[];
  sources: ImportOption[];
  /** Rows per google.script.run call. */
  chunkSize: number;
  /** Largest file (data rows) accepted. */
  maxRows: number;
  messages: PageMessages;
}

/** Values for empty cells, chosen by the rep. */
export type ImportDefaults = Partial<Record<'owner' | 'customerType' | 'source' | 'needs', string>>;

export interface ImportRowRequest {
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
  fields: RawImportRow;
}

export interface ImportChunkRequest {
  /** One id per import run (the client's request id): rows are stored with requestId `<importId>:<line>`. */
  importId: string;
  chunkIndex: number;
  rows: ImportRowRequest[];
  defaults: ImportDefaults;
}

export interface ImportDuplicate {
  /** The existing customer's id, '' for a row of the same file. */
  id: string;
  /** Sheet row of the existing customer, or null. */
  row: number | null;
  /** File line of the earlier row, or null. */
  line: number | null;
  name: string;
  reasons: string[];
}

export interface ImportRowProblem {
  line: number;
  kind: 'invalid' | 'duplicate';
  /** Localized sentences, e.g. "Phone: Use digits…" or "Same phone as line 4". */
  messages: string[];
  duplicates: ImportDuplicate[];
}

export interface ImportCheck {
  checked: number;
  problems: ImportRowProblem[];
  /** Rows of this import already in the sheet (a resumed import). */
  alreadyImported: number;
}

export interface ImportChunkResult {
  /** False when a row had a problem: then nothing of this chunk was written. */
  written: boolean;
  imported: number;
  alreadyImported: number;
  /** The id of every row of the chunk that is in the sheet now, by line. */
  ids: { line: number; id: string }[];
  problems: ImportRowProblem[];
  sheetName: string;
}

export interface ExportTableChoice {
  key: string;
  label: string;
}

export interface ExportOptions {
  language: Language;
  tables: ExportTableChoice[];
  messages: PageMessages;
}

export interface ExportFile {
  fileName: string;
  /** CSV text without BOM; the sidebar adds it when it makes the file. */
  csv: string;
  rows: number;
}
