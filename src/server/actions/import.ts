import type {
  ImportCheck,
  ImportChunkResult,
  ImportDefaults,
  ImportForm,
  ImportRowProblem,
  ImportRowRequest,
} from '../../shared/csv/contract';
import { IMPORT_FIELDS, isImportField, type ImportField } from '../../shared/csv/mapping';
import { IMPORT_REQUIRED } from '../../shared/csv/plan';
import { rowProblems } from '../../shared/csv/report';
import {
  DuplicateIndex,
  duplicateCandidateOf,
  fileDuplicates,
  markIdCollisions,
  prepareRow,
  type ImportRules,
  type PreparedRow,
} from '../../shared/csv/rows';
import type { MessageKey } from '../../shared/i18n/translate';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import {
  TRANSACTION_IMPORT_FIELDS,
  TRANSACTION_IMPORT_REQUIRED,
  transactionImportLabel,
} from '../../shared/rules/transaction-import';
import { firstInterviewDue } from '../../shared/rules/cadence';
import type { CustomerValues } from '../../shared/rules/customer-input';
import { customerMatchKeys, type DuplicateMatch } from '../../shared/rules/duplicates';
import type { SettingsValues } from '../../shared/rules/settings';
import { columnOf, enumLabel, TEMPLATES } from '../../shared/schema/templates';
import { allocateIds } from '../workbook/ids';
import { appendLog } from '../workbook/log';
import { readSettings } from '../workbook/settings';
import { openTables } from '../workbook/open-tables';
import { appendRecords, type Table } from '../workbook/table';
import { readColumns, readRows } from '../workbook/targeted-reads';
import { readTeam } from '../workbook/team';
import { showSidebar } from '../ui/sidebar';
import { actionContext, asActionFailure, ensureInstalled, type ActionContext, underLock } from './context';
import { IMPORT_CHUNK_ROWS, MAX_IMPORT_CELL, dryRunChunk, parseChunkEnvelope, rowRequestId } from './import-chunks';
import { pageMessages } from './submission';

/**
 * Import customers from CSV (docs/product-rules.md §7, issue 11). The sidebar decodes and parses the file, proposes the
 * column mapping and checks the whole file (intake rules, duplicates within the file); then it sends the
 * rows in chunks: first `validateImportChunk` for every chunk (a dry run against the sheet: nothing is
 * written), and only when the whole file passed (or the rep chose to skip the problem rows) `importChunk`
 * for every chunk. Each row is stored with requestId `<importId>:<line>`, so a chunk sent again (a retry, a
 * resumed import) is recognised row by row and never adds a second row.
 */
export const IMPORT_MAX_ROWS = 20000;

const IMPORT_MESSAGES: readonly MessageKey[] = [
  'import.title',
  'import.intro',
  'import.introTransactions',
  'import.table',
  'import.pickFile',
  'import.fileInfo',
  'import.encoding.utf-8',
  'import.encoding.gb18030',
  'import.encoding.utf-16le',
  'import.encoding.utf-16be',
  'import.delimiter.comma',
  'import.delimiter.semicolon',
  'import.delimiter.tab',
  'import.mapping',
  'import.ignoreColumn',
  'import.defaults',
  'import.defaultOwner',
  'import.defaultType',
  'import.defaultSource',
  'import.defaultNeeds',
  'import.preview',
  'import.check',
  'import.checking',
  'import.checkedAll',
  'import.problems',
  'import.line',
  'import.skipBad',
  'import.start',
  'import.importing',
  'import.done',
  'import.doneTransactions',
  'import.resumed',
  'import.stopped',
  'import.nothingToImport',
  'import.emptyFile',
  'import.tooManyRows',
  'import.unterminatedQuote',
  'import.missingRequired',
  'import.missingColumns',
  'import.or',
  'import.duplicateOfLine',
  'import.duplicateOfCustomer',
  'import.badId',
  'import.idTaken',
  'intake.duplicateReason.phone',
  'intake.duplicateReason.email',
  'intake.duplicateReason.company',
  'common.none',
  'common.loading',
  'validation.required',
  'validation.tooLong',
  'validation.industryRequired',
  'validation.option',
  'validation.phone',
  'validation.email',
  'validation.contactRequired',
  'validation.owner',
  'validation.coOwnerSame',
  'validation.date',
];

/** Menu: Import customers (CSV). */
export function showImport(): void {
  showSidebar('import', actionContext().t('import.title'));
}

function options(field: 'customerType' | 'source', context: ActionContext): { key: string; label: string }[] {
  const column = columnOf(TEMPLATES.customers, field);
  return (column.options ?? []).map((option) => ({
    key: option.key,
    label: enumLabel(column, option.key, context.language) ?? option.key,
  }));
}

/**
 * google.script.run: what the import sidebar needs (the tables, each table's field labels, team, defaults,
 * chunk size, messages). The sidebar proposes a transactions file's mapping with the shared module.
 */
export function getImportForm(): ActionResult<ImportForm> {
  const context = actionContext();
  try {
    return underLock(context, () => {
      ensureInstalled(context);
      const team = readTeam(context.properties, context.spreadsheet).filter((member) => member.active);
      return ok({
        language: context.language,
        tables: (['customers', 'transactions'] as const).map((key) => ({
          key,
          label: TEMPLATES[key].sheetName[context.language],
        })),
        fields: IMPORT_FIELDS.map((key) => ({
          key,
          label: columnOf(TEMPLATES.customers, key).label[context.language],
          required: IMPORT_REQUIRED.includes(key),
        })),
        transactionFields: TRANSACTION_IMPORT_FIELDS.map((key) => ({
          key,
          label: transactionImportLabel(key, context.language),
          required: TRANSACTION_IMPORT_REQUIRED.some((group) => group.length === 1 && group[0] === key),
        })),
        team: team.map((member) => ({ email: member.email, name: member.name })),
        currentUser: team.some((member) => member.email === context.userEmail) ? context.userEmail : '',
        customerTypes: options('customerType', context),
        sources: options('source', context),
        chunkSize: IMPORT_CHUNK_ROWS,
        maxRows: IMPORT_MAX_ROWS,
        messages: pageMessages(context.language, IMPORT_MESSAGES),
      });
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

interface ChunkRequest {
  importId: string;
  chunkIndex: number;
  rows: ImportRowRequest[];
  defaults: ImportDefaults;
}

/** Every entry point checks its own input (docs/product-rules.md §8): null when the request is not a valid chunk. */
function parseChunk(raw: unknown): ChunkRequest | null {
  const envelope = parseChunkEnvelope(raw, isImportField);
  if (!envelope) return null;
  const { importId, chunkIndex, rows, body } = envelope;
  const defaults: ImportDefaults = {};
  const rawDefaults = (typeof body.defaults === 'object' && body.defaults !== null ? body.defaults : {}) as Record<
    string,
    unknown
  >;
  for (const key of ['owner', 'customerType', 'source', 'needs'] as const) {
    const value = rawDefaults[key];
    if (typeof value === 'string' && value.length <= MAX_IMPORT_CELL) defaults[key] = value;
  }
  return { importId, chunkIndex, rows, defaults };
}

interface CheckedChunk {
  customers: Table;
  /** The ids in the sheet, in row order. */
  sheetIds: string[];
  settings: SettingsValues;
  /** Rows of this import already in the sheet: line → id. */
  already: Map<number, string>;
  /** Rows not yet imported, converted and validated. */
  fresh: PreparedRow[];
  problems: ImportRowProblem[];
}

/**
 * The Customers columns a chunk's check reads for every row (issue 18: not the whole table, and not again
 * per chunk row): ids (imported ids must be unique), request ids (rows of this import already written) and
 * the match keys (duplicates). The contact columns are read only for the rows the keys point at, and for rows
 * without keys (typed by hand since the last daily scan derived them).
 */
const CHECK_KEYS = ['id', 'requestId', 'matchKeys'] as const;
const DUPLICATE_DETAIL_KEYS = ['customerType', 'name', 'phone', 'email', 'contactName', 'owner'] as const;

/** The duplicate keys of a match-keys cell (`|p:…|e:…|c:…|r:…|`), without the request id. */
function keysOfCell(cell: unknown): string[] {
  return typeof cell === 'string' ? cell.split('|').filter((part) => part !== '' && !part.startsWith('r:')) : [];
}

/**
 * Validates a chunk against the intake rules, itself and the sheet: one batch read opening Customers with
 * Team and Settings, one of the id, request-id and match-keys columns, and one of the contact columns of the
 * few rows that may be duplicates.
 */
function checkChunk(context: ActionContext, chunk: ChunkRequest): CheckedChunk {
  const { properties, spreadsheet, t, language, zone } = context;
  const opened = openTables({ open: ['customers'], whole: ['team', 'settings'] }, properties, spreadsheet, zone);
  const team = readTeam(properties, spreadsheet, opened.team).filter((member) => member.active);
  const settings = readSettings(properties, spreadsheet, zone, opened.settings).values;
  const customers = opened.customers as Table;
  const records = readColumns(customers, CHECK_KEYS, zone);
  const byRequest = new Map<string, string>();
  const sheetIds: string[] = [];
  const idAt = new Map<number, string>();
  const rowsByKey = new Map<string, number[]>();
  const unkeyed: number[] = [];
  const keyed = 'matchKeys' in customers.layout.columns;
  for (const record of records) {
    const id = String(record.values.id ?? '');
    if (id) sheetIds.push(id);
    idAt.set(record.row, id);
    const requestId = record.values.requestId;
    if (typeof requestId === 'string' && requestId.startsWith(`${chunk.importId}:`)) byRequest.set(requestId, id);
    const keys = keyed ? keysOfCell(record.values.matchKeys) : [];
    if (keys.length === 0) unkeyed.push(record.row);
    for (const key of keys) {
      const list = rowsByKey.get(key);
      if (list) list.push(record.row);
      else rowsByKey.set(key, [record.row]);
    }
  }
  const rules: ImportRules = {
    team: team.map((member) => ({ email: member.email, name: member.name })),
    defaults: chunk.defaults,
  };
  const already = new Map<number, string>();
  const fresh: PreparedRow[] = [];
  for (const row of chunk.rows) {
    const existing = byRequest.get(rowRequestId(chunk.importId, row.line));
    if (existing !== undefined) already.set(row.line, existing);
    else fresh.push(prepareRow(row.line, row.fields, rules));
  }
  markIdCollisions(fresh, new Set(sheetIds));
  const inChunk = fileDuplicates(fresh);
  const checked = fresh.filter((row) => Object.keys(row.errors).length === 0 && !inChunk.has(row.line));
  // The rows that may be duplicates: those sharing a key with a checked row, and those without keys.
  const suspects = new Set(unkeyed);
  for (const row of checked) {
    for (const key of keysOfCell(customerMatchKeys(duplicateCandidateOf(row.values)))) {
      for (const at of rowsByKey.get(key) ?? []) suspects.add(at);
    }
  }
  const details =
    suspects.size > 0 && checked.length > 0 ? readRows(customers, [...suspects], DUPLICATE_DETAIL_KEYS, zone) : [];
  const index = new DuplicateIndex(
    details.map((record) => ({
      ...duplicateCandidateOf(record.values as unknown as CustomerValues),
      id: idAt.get(record.row) ?? '',
      row: record.row,
    })),
  );
  const againstSheet = new Map<number, DuplicateMatch[]>();
  for (const row of checked) {
    const matches = index.find(duplicateCandidateOf(row.values));
    if (matches.length > 0) againstSheet.set(row.line, matches);
  }
  const label = (field: ImportField): string => columnOf(TEMPLATES.customers, field).label[language];
  const problems = [
    ...rowProblems(fresh, inChunk, 'file', label, t),
    ...rowProblems(
      fresh.filter((row) => !inChunk.has(row.line)),
      againstSheet,
      'sheet',
      label,
      t,
    ).filter((problem) => problem.kind === 'duplicate'),
  ].sort((a, b) => a.line - b.line);
  return { customers, sheetIds, settings, already, fresh, problems };
}

/** google.script.run: the dry run of one chunk. Writes nothing. */
export function validateImportChunk(request: unknown): ActionResult<ImportCheck> {
  return dryRunChunk(request, parseChunk, checkChunk);
}

/**
 * google.script.run: writes one chunk, all of it or nothing: the rows are checked again under the lock
 * and any problem (e.g. a duplicate someone saved since the dry run) returns the problems with nothing
 * written. Rows of this import already in the sheet are skipped, so a retried chunk adds nothing twice.
 * New rows get C ids in one allocation (rows bringing a unique id of their own keep it) and are appended
 * with one block write; one Log row records the chunk.
 */
export function importChunk(request: unknown): ActionResult<ImportChunkResult> {
  const context = actionContext();
  const chunk = parseChunk(request);
  if (!chunk) return fail('validation', context.t('import.badRequest'));
  try {
    return underLock(context, () => {
      ensureInstalled(context);
      const { spreadsheet, properties, zone, nowMs, language } = context;
      const { customers, sheetIds, settings, already, fresh, problems } = checkChunk(context, chunk);
      const sheetName = customers.layout.sheetName;
      if (problems.length > 0) {
        return ok({ written: false, imported: 0, alreadyImported: already.size, ids: [], problems, sheetName });
      }
      // The serial continues after the ids in the sheet (imported rows may bring their own) and in the file.
      const existingIds = [...sheetIds, ...fresh.map((row) => row.id ?? '')];
      const needIds = fresh.filter((row) => row.id === null).length;
      const newIds = needIds > 0 ? allocateIds('C', needIds, properties, zone, nowMs, existingIds) : [];
      const now = new Date(nowMs);
      let next = 0;
      const written = fresh.map((row) => {
        const id = row.id ?? (newIds[next++] as string);
        const { values } = row;
        const due = values.doNotContact
          ? null
          : firstInterviewDue(nowMs, (values.intentGrade as string | null) ?? 'medium', 'standard', settings, zone);
        return {
          line: row.line,
          id,
          record: {
            ...values,
            id,
            stage: 'initialContact',
            status: 'active',
            valueTier: 'standard',
            nextFollowUpDue: due === null ? null : new Date(due),
            createdAt: now,
            updatedAt: now,
            requestId: rowRequestId(chunk.importId, row.line),
            // Intake finds duplicates (and its retries) by one search of this column (issue 18).
            matchKeys: customerMatchKeys(duplicateCandidateOf(values), rowRequestId(chunk.importId, row.line)),
          },
        };
      });
      appendRecords(
        customers,
        written.map((item) => item.record),
        language,
      );
      if (written.length > 0) {
        appendLog(
          {
            startedMs: nowMs,
            action: 'import',
            user: context.userEmail,
            rowsExamined: chunk.rows.length,
            rowsChanged: written.length,
            durationMs: Date.now() - nowMs,
            result: 'ok',
            details: context.t('import.logDetails', {
              importId: chunk.importId,
              chunk: chunk.chunkIndex + 1,
              count: written.length,
            }),
          },
          properties,
          spreadsheet,
          language,
        );
      }
      const ids = [
        ...[...already].map(([line, id]) => ({ line, id })),
        ...written.map((item) => ({ line: item.line, id: item.id })),
      ].sort((a, b) => a.line - b.line);
      return ok({
        written: true,
        imported: written.length,
        alreadyImported: already.size,
        ids,
        problems: [],
        sheetName,
      });
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}
