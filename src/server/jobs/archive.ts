import { columnLetter } from '../../shared/schema/a1';
import { readCell } from '../../shared/schema/cells';
import { columnOf, TEMPLATES } from '../../shared/schema/templates';
import {
  ARCHIVED_TABLES,
  ARCHIVE_RULES,
  archiveYear,
  checksumOf,
  rowDigest,
  type ArchivedTable,
} from '../../shared/rules/archive';
import { installWorkbookInto } from '../install/install-workbook';
import type { ActionContext } from '../actions/context';
import { underLock } from '../actions/context';
import { headerTexts, quotedA1, scratchProperties, type DocumentPropertiesSnapshot } from '../workbook/layout';
import { appendLog } from '../workbook/log';
import { dropMyDayIndex } from '../workbook/my-day-index';
import {
  ensureRows,
  lastRowOf,
  openTable,
  runsOf,
  sheetOf,
  spreadsheetIdOf,
  writeFields,
  type Table,
} from '../workbook/table';
import { findRecord, readColumns } from '../workbook/targeted-reads';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The archive run (issue 20 item 1): closed follow-ups, closed or archived tickets and answered surveys dated
 * before a cut-off year move, chunk by chunk, into one archive spreadsheet per year, created with the same
 * templates and language. Safe by construction:
 *  - a chunk is copied, read back and compared (row count and checksum, and each row's digest) before any
 *    source row is deleted; source rows are deleted by runs, bottom up, after their ids were checked again
 *    at those rows, so a user's sort in between deletes nothing wrong;
 *  - every archived row keeps its record id, and the archive's ids are read before copying: a row already
 *    there (a run that stopped between copy and delete) is compared, not copied again;
 *  - the run's position (cut-off, counts, the chunk being deleted) is a document property written before and
 *    after each deletion, so a run stopped anywhere (an error, the 6-minute limit) is finished by the next one
 *    and counts every row once.
 * Each chunk runs under the document lock (sidebar saves wait only for one chunk). Chunks are taken from the
 * bottom of the sheet, so deleting one never moves the rows still to archive.
 */
export const ARCHIVE_RUN_PROPERTY = 'crm.archive.run';
/** The archive spreadsheets by year: {"2023": {"id": "…", "installed": true, "name": "… · archive 2023"}}. */
export const ARCHIVE_FILES_PROPERTY = 'crm.archive.files';
export const ARCHIVE_TRIGGER_HANDLER = 'continueArchive';

/** Most rows moved per chunk, and the tallest span of source rows read for one. */
export const CHUNK_ROWS = 500;
export const CHUNK_SPAN_ROWS = 2000;
/** Time an execution spends before it saves its position and hands over to a trigger (6-minute limit). */
export const EXECUTION_BUDGET_MS = 4.5 * 60 * 1000;
export const CONTINUE_AFTER_MS = 60 * 1000;

export interface ArchiveFile {
  id: string;
  installed: boolean;
  /** The name it was created with (files recorded before names were kept have none). */
  name?: string;
}

export interface ArchiveCursor {
  before: number;
  startedMs: number;
  user: string;
  moved: Record<ArchivedTable, number>;
  /** Eligible rows left in place: blank or repeated ids (they cannot be told apart in an archive). */
  skipped: Record<ArchivedTable, number>;
  /** The chunk whose source rows are being deleted (verified in the archive). */
  pending: { table: ArchivedTable; ids: string[] } | null;
  executions: number;
  years: number[];
}

/** The archive spreadsheets recorded so far, by year (for history reads and the capacity gauge too). */
export function archiveFiles(properties: DocumentPropertiesSnapshot): Record<string, ArchiveFile> {
  try {
    const parsed = JSON.parse(properties.values[ARCHIVE_FILES_PROPERTY] ?? '{}') as Record<string, ArchiveFile>;
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** The id of the archive spreadsheet holding `year`'s records, or null. */
export function archiveIdForYear(properties: DocumentPropertiesSnapshot, year: number): string | null {
  return archiveFiles(properties)[String(year)]?.id ?? null;
}

export function readCursor(properties: DocumentPropertiesSnapshot): ArchiveCursor | null {
  const raw = properties.values[ARCHIVE_RUN_PROPERTY];
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ArchiveCursor;
  } catch {
    return null;
  }
}

function saveCursor(properties: DocumentPropertiesSnapshot, cursor: ArchiveCursor | null): void {
  properties.set(ARCHIVE_RUN_PROPERTY, cursor ? JSON.stringify(cursor) : '');
}

const zeroCounts = (): Record<ArchivedTable, number> => ({ followUps: 0, tickets: 0, satisfaction: 0 });

export function newCursor(before: number, user: string, startedMs: number): ArchiveCursor {
  return {
    before,
    startedMs,
    user,
    moved: zeroCounts(),
    skipped: zeroCounts(),
    pending: null,
    executions: 0,
    years: [],
  };
}

export interface ExecutionOutcome {
  done: boolean;
  cursor: ArchiveCursor;
}

/** What an execution learnt about a source table (read once, kept current as its chunks are deleted). */
export interface SourceModel {
  table: Table;
  /** Rows eligible for the archive, ascending, with their ids and years. */
  eligible: { row: number; id: string; year: number }[];
  skipped: number;
  /** Ids present in the table now (to settle a chunk whose deletion was interrupted). */
  ids: Set<string>;
}

interface ArchiveTable {
  table: Table;
  /** Archive row by record id. */
  rows: Map<string, number>;
  /** Header texts of the archive sheet (user columns are matched by header). */
  header: string[];
  /** Archive columns formatted as plain text ("@"), which store what they are given as it is. */
  plainText: Set<number>;
}

/** Per execution: the archive spreadsheets opened and their tables. */
class ArchiveBooks {
  private readonly books = new Map<number, Spreadsheet>();
  private readonly tables = new Map<string, ArchiveTable>();

  constructor(private readonly context: ActionContext) {}

  /** The year's archive, created, recorded and installed when missing. */
  book(year: number): Spreadsheet {
    const known = this.books.get(year);
    if (known) return known;
    const { properties, spreadsheet, language, t } = this.context;
    let file = archiveFiles(properties)[String(year)];
    let book: Spreadsheet;
    if (file) book = SpreadsheetApp.openById(file.id);
    else {
      const name = t('archive.fileName', { name: spreadsheet.getName(), year });
      book = SpreadsheetApp.create(name);
      // Recorded at once: a run stopped before the install finishes reopens this file, never makes another.
      file = { id: book.getId(), installed: false, name };
      this.record(year, file);
    }
    if (!file.installed) {
      book.setSpreadsheetTimeZone(this.context.zone.name);
      installWorkbookInto(book, language);
      this.record(year, { ...file, installed: true });
    }
    this.books.set(year, book);
    return book;
  }

  private record(year: number, file: ArchiveFile): void {
    const files = archiveFiles(this.context.properties);
    files[String(year)] = file;
    this.context.properties.set(ARCHIVE_FILES_PROPERTY, JSON.stringify(files));
  }

  table(year: number, key: ArchivedTable): ArchiveTable {
    const cacheKey = `${year}:${key}`;
    const known = this.tables.get(cacheKey);
    if (known) return known;
    const book = this.book(year);
    // The archive's own layout cache can't be stored (its properties are out of reach): found by metadata.
    const table = openTable(TEMPLATES[key], scratchProperties(), book);
    const rows = new Map<string, number>();
    for (const record of readColumns(table, ['id'])) {
      const id = String(record.values.id ?? '');
      if (id && !rows.has(id)) rows.set(id, record.row);
    }
    const header = headerTexts(table.grid[0]);
    const width = Math.max(header.length, ...Object.values(table.layout.columns));
    const formats = book.getRange(quotedA1(table.layout.sheetName, `A2:${columnLetter(width)}2`)).getNumberFormats();
    const plainText = new Set<number>();
    (formats[0] ?? []).forEach((format, index) => {
      if (format === '@') plainText.add(index + 1);
    });
    const archive = { table, rows, header, plainText };
    this.tables.set(cacheKey, archive);
    return archive;
  }
}

/** Runs chunks until the work is done or the time budget is spent; each chunk under the document lock. */
export function runArchiveExecution(context: ActionContext, budgetMs = EXECUTION_BUDGET_MS): ExecutionOutcome {
  const startedAt = Date.now();
  const books = new ArchiveBooks(context);
  const models = new Map<ArchivedTable, SourceModel>();
  let cursor = underLock(context, () => {
    const current = readCursor(context.properties);
    if (!current) throw new Error('no archive run in progress');
    current.executions++;
    saveCursor(context.properties, current);
    return current;
  });
  for (const key of ARCHIVED_TABLES) {
    for (;;) {
      if (Date.now() - startedAt >= budgetMs) return { done: false, cursor };
      const step = underLock(context, () => archiveChunk(context, key, books, models));
      cursor = step.cursor;
      if (step.empty) break;
    }
  }
  cursor = underLock(context, () => finishRun(context, startedAt));
  return { done: true, cursor };
}

/** The link that opens an archive spreadsheet. */
export function archiveUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

/**
 * Settings' "Archive spreadsheets" row ("2022: <link>", a line a year), written again at the end of every run so
 * users see where their years went. The document property stays the add-on's record: an edit here moves nothing.
 * A workbook whose Settings predate the row gets it from the next repair (Settings template v2).
 */
function writeArchiveFilesSetting(context: ActionContext): void {
  const { properties, spreadsheet, language, zone } = context;
  // Only that row: found by its key, read with the value it holds (writeFields skips an unchanged cell).
  const settings = openTable(TEMPLATES.settings, properties, spreadsheet);
  const record = findRecord(settings, 'key', 'archiveFiles', ['value'], zone);
  if (!record) return;
  const lines = Object.entries(archiveFiles(properties))
    .filter(([, file]) => file.installed)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([year, file]) => `${year}: ${archiveUrl(file.id)}`);
  writeFields(settings, [{ row: record.row, values: { value: lines.join('\n') } }], language);
}

/** Writes the run's Log row and Settings' list of archives, and clears its position. */
function finishRun(context: ActionContext, executionStartedMs: number): ArchiveCursor {
  writeArchiveFilesSetting(context);
  const { properties, spreadsheet, language, t } = context;
  const cursor = readCursor(properties) as ArchiveCursor;
  const moved = cursor.moved.followUps + cursor.moved.tickets + cursor.moved.satisfaction;
  const skipped = cursor.skipped.followUps + cursor.skipped.tickets + cursor.skipped.satisfaction;
  appendLog(
    {
      startedMs: cursor.startedMs,
      action: 'archive',
      user: cursor.user,
      rowsExamined: moved + skipped,
      rowsChanged: moved,
      durationMs: Date.now() - executionStartedMs,
      result: 'ok',
      details: t('archive.logDetails', {
        before: cursor.before,
        followUps: cursor.moved.followUps,
        tickets: cursor.moved.tickets,
        surveys: cursor.moved.satisfaction,
        skipped,
        years: cursor.years.length > 0 ? cursor.years.join(', ') : '—',
        executions: cursor.executions,
      }),
    },
    properties,
    spreadsheet,
    language,
  );
  saveCursor(properties, null);
  return cursor;
}

/** A source table's rows eligible before `before` (ids, id column, date and decision columns read: one batch). */
export function sourceModel(context: ActionContext, key: ArchivedTable, before: number): SourceModel {
  const rule = ARCHIVE_RULES[key];
  const table = openTable(TEMPLATES[key], context.properties, context.spreadsheet);
  const records = readColumns(table, ['id', rule.date, ...rule.keys], context.zone);
  const count = new Map<string, number>();
  for (const record of records) {
    const id = String(record.values.id ?? '');
    if (id) count.set(id, (count.get(id) ?? 0) + 1);
  }
  const eligible: SourceModel['eligible'] = [];
  let skipped = 0;
  for (const record of records) {
    const year = archiveYear(key, record.values, before, context.zone);
    if (year === null) continue;
    const id = String(record.values.id ?? '');
    if (!id || (count.get(id) ?? 0) > 1) skipped++;
    else eligible.push({ row: record.row, id, year });
  }
  return { table, eligible, skipped, ids: new Set(count.keys()) };
}

interface ChunkStep {
  empty: boolean;
  cursor: ArchiveCursor;
}

/** One chunk of one table: copy, read back and compare, then delete the source rows. Under the lock. */
function archiveChunk(
  context: ActionContext,
  key: ArchivedTable,
  books: ArchiveBooks,
  models: Map<ArchivedTable, SourceModel>,
): ChunkStep {
  const { properties } = context;
  const cursor = readCursor(properties);
  if (!cursor) throw new Error('no archive run in progress');
  let model = models.get(key);
  if (!model) {
    model = sourceModel(context, key, cursor.before);
    models.set(key, model);
    // A chunk whose deletion was interrupted: its rows no longer in the table were deleted (and are archived).
    if (cursor.pending && cursor.pending.table === key) {
      const ids = model.ids;
      cursor.moved[key] += cursor.pending.ids.filter((id) => !ids.has(id)).length;
      cursor.pending = null;
      saveCursor(properties, cursor);
    }
  }
  if (model.eligible.length === 0) {
    cursor.skipped[key] = model.skipped;
    saveCursor(properties, cursor);
    return { empty: true, cursor };
  }

  // The bottom-most eligible rows within one span: deleting them leaves the rows above where they are.
  const chunk: SourceModel['eligible'] = [];
  const bottom = (model.eligible[model.eligible.length - 1] as { row: number }).row;
  for (let index = model.eligible.length - 1; index >= 0 && chunk.length < CHUNK_ROWS; index--) {
    const entry = model.eligible[index] as SourceModel['eligible'][number];
    if (entry.row <= bottom - CHUNK_SPAN_ROWS) break;
    chunk.unshift(entry);
  }
  const source = model.table;
  const top = (chunk[0] as { row: number }).row;
  const width = Math.max(source.layout.width, ...Object.values(source.layout.columns));
  const span = readBlock(source, top, bottom, 1, width);

  // Checked again from the cells just read (a save between chunks may have changed a row, a sort moved it).
  const rule = ARCHIVE_RULES[key];
  const template = TEMPLATES[key];
  const decide = ['id', rule.date, ...rule.keys];
  const ready: { row: number; id: string; year: number; cells: unknown[] }[] = [];
  let stale = false;
  for (const entry of chunk) {
    const cells = span[entry.row - top] ?? [];
    const values: Record<string, unknown> = {};
    for (const name of decide)
      values[name] = readCell(columnOf(template, name), cells[source.layout.columns[name]! - 1]);
    const year = archiveYear(key, values, cursor.before, context.zone);
    if (values.id !== entry.id || year !== entry.year) stale = true;
    else ready.push({ ...entry, cells });
  }
  if (stale) {
    // Read the table again on the next step; nothing was copied or deleted.
    models.delete(key);
    if (ready.length === 0) return { empty: false, cursor };
  }

  const header = headerTexts(source.grid[0]);
  const verified: { row: number; id: string }[] = [];
  const byYear = new Map<number, typeof ready>();
  for (const entry of ready) byYear.set(entry.year, [...(byYear.get(entry.year) ?? []), entry]);
  for (const [year, entries] of byYear) {
    const archive = books.table(year, key);
    const mapping = columnMapping(source, header, archive, entries);
    const expected = entries.map((entry) => mapRow(entry.cells, mapping, archive));
    copyAndVerify(archive, entries, expected);
    for (const entry of entries) verified.push({ row: entry.row, id: entry.id });
    if (!cursor.years.includes(year)) cursor.years = [...cursor.years, year].sort((a, b) => a - b);
  }

  // Recorded before deleting: a run stopped during the deletion counts these rows once, on resume.
  cursor.pending = { table: key, ids: verified.map((entry) => entry.id) };
  saveCursor(properties, cursor);
  const deleted = deleteVerified(source, verified);
  // Rows below the deleted ones moved up: the My day index's rows and row counts no longer hold (the next
  // My day or scan builds it again; saves search meanwhile).
  if (deleted.length > 0) dropMyDayIndex(properties);
  cursor.moved[key] += deleted.length;
  cursor.pending = null;
  saveCursor(properties, cursor);

  const gone = new Set(deleted.map((entry) => entry.row));
  if (deleted.length !== verified.length) models.delete(key);
  else {
    model.eligible = model.eligible.filter((entry) => !gone.has(entry.row));
    for (const entry of deleted) model.ids.delete(entry.id);
  }
  return { empty: false, cursor };
}

/** One block of cells, read with SpreadsheetApp as getValues gives them (two calls). */
function readBlock(table: Table, fromRow: number, toRow: number, fromColumn: number, toColumn: number): unknown[][] {
  const a1 = `${columnLetter(fromColumn)}${fromRow}:${columnLetter(toColumn)}${toRow}`;
  return table.spreadsheet.getRange(quotedA1(table.layout.sheetName, a1)).getValues();
}

/** Archive column (1-based) for each source column copied: template columns by key, the user's by header. */
function columnMapping(
  source: Table,
  header: readonly string[],
  archive: ArchiveTable,
  entries: readonly { cells: unknown[] }[],
): Map<number, number> {
  const mapping = new Map<number, number>();
  const templateAt = new Map<number, string>();
  for (const [name, at] of Object.entries(source.layout.columns)) templateAt.set(at, name);
  const archiveTemplateAt = new Set(Object.values(archive.table.layout.columns));
  const width = Math.max(source.layout.width, ...Object.values(source.layout.columns));
  const added: string[] = [];
  for (let at = 1; at <= width; at++) {
    const name = templateAt.get(at);
    if (name !== undefined) {
      const target = archive.table.layout.columns[name];
      if (target !== undefined) mapping.set(at, target);
      continue;
    }
    // A user's column: kept beside the record in the archive, under the same header.
    const used = entries.some((entry) => !isEmptyCell(entry.cells[at - 1]));
    const title = header[at - 1] || `#${columnLetter(at)}`;
    if (!used && !header[at - 1]) continue;
    let target = archive.header.findIndex((text, index) => text === title && !archiveTemplateAt.has(index + 1)) + 1;
    if (target === 0) {
      archive.header.push(title);
      added.push(title);
      target = archive.header.length;
    }
    mapping.set(at, target);
  }
  if (added.length > 0) addHeaders(archive, added);
  return mapping;
}

function addHeaders(archive: ArchiveTable, added: readonly string[]): void {
  const sheet = sheetOf(archive.table);
  const first = archive.header.length - added.length + 1;
  const maxColumns = sheet.getMaxColumns();
  if (archive.header.length > maxColumns) sheet.insertColumnsAfter(maxColumns, archive.header.length - maxColumns);
  sheet.getRange(1, first, 1, added.length).setValues([added.map((title) => `'${title}`)]);
  archive.table.layout.width = archive.header.length;
}

function isEmptyCell(cell: unknown): boolean {
  return cell === '' || cell === null || cell === undefined;
}

function mapRow(cells: readonly unknown[], mapping: ReadonlyMap<number, number>, archive: ArchiveTable): unknown[] {
  const row: unknown[] = new Array<unknown>(archiveWidth(archive)).fill('');
  for (const [from, to] of mapping) row[to - 1] = isEmptyCell(cells[from - 1]) ? '' : cells[from - 1];
  return row;
}

function archiveWidth(archive: ArchiveTable): number {
  return Math.max(archive.header.length, archive.table.layout.width, ...Object.values(archive.table.layout.columns));
}

/** Text setValues would read as something else (a number, a date, a boolean, a formula): kept as text. */
const PARSED_AS_VALUE = /^\s*(?:[-+=@']|[\d.,:/\s%$¥€£()]+$|(?:true|false)\s*$)/i;

/**
 * What setValues is given for a value read with getValues: text that would parse gets Sheets' text marker,
 * except in plain-text ("@") columns, which keep what they are given as it is.
 */
function writable(cell: unknown, plainText: boolean): string | number | boolean | Date {
  if (typeof cell === 'string') return cell !== '' && !plainText && PARSED_AS_VALUE.test(cell) ? `'${cell}` : cell;
  return cell as number | boolean | Date;
}

/** The archive's row for setValues, column by column. */
function writableRow(archive: ArchiveTable, row: readonly unknown[]): (string | number | boolean | Date)[] {
  return row.map((cell, index) => writable(cell, archive.plainText.has(index + 1)));
}

class ArchiveMismatchError extends Error {
  constructor(table: string, detail: string) {
    super(`archive copy of ${table} does not match its source (${detail}): nothing was deleted`);
    this.name = 'ArchiveMismatchError';
  }
}

/**
 * Appends the rows the archive does not hold yet (one setValues), reads back every row of the chunk from the
 * archive and compares count, checksum and each row's digest. A row found already archived but different (a
 * stopped run, then an edit) is rewritten with the source's cells and compared again.
 */
function copyAndVerify(
  archive: ArchiveTable,
  entries: readonly { id: string }[],
  expected: readonly unknown[][],
): void {
  const table = archive.table;
  const width = archiveWidth(archive);
  const fresh: number[] = [];
  entries.forEach((entry, index) => {
    if (!archive.rows.has(entry.id)) fresh.push(index);
  });
  if (fresh.length > 0) {
    const first = lastRowOf(table) + 1;
    const last = first + fresh.length - 1;
    ensureRows(table, last);
    const block = fresh.map((index) => writableRow(archive, expected[index] as unknown[]));
    table.spreadsheet
      .getRange(quotedA1(table.layout.sheetName, `A${first}:${columnLetter(width)}${last}`))
      .setValues(block as (string | number | boolean | Date)[][]);
    fresh.forEach((index, offset) => archive.rows.set((entries[index] as { id: string }).id, first + offset));
    table.lastRow = last;
  }
  const rows = entries.map((entry) => archive.rows.get(entry.id) as number);
  const readBack = readArchiveRows(archive, rows, width);
  const differing = rows.filter((_, index) => rowDigest(readBack[index] ?? []) !== rowDigest(expected[index] ?? []));
  if (differing.length > 0) {
    const wrong = new Set(differing);
    for (const [from, to] of runsOf([...wrong].sort((a, b) => a - b))) {
      const block: (string | number | boolean | Date)[][] = [];
      for (let row = from; row <= to; row++) block.push(writableRow(archive, expected[rows.indexOf(row)] as unknown[]));
      table.spreadsheet
        .getRange(quotedA1(table.layout.sheetName, `A${from}:${columnLetter(width)}${to}`))
        .setValues(block as (string | number | boolean | Date)[][]);
    }
    const again = readArchiveRows(archive, rows, width);
    rows.forEach((_, index) => {
      readBack[index] = again[index] as unknown[];
    });
  }
  const copied = checksumOf(readBack);
  const original = checksumOf(expected);
  if (copied.rows !== original.rows || copied.checksum !== original.checksum) {
    throw new ArchiveMismatchError(table.template.table, `${copied.rows}/${original.rows} rows`);
  }
}

/** The archive rows given, in that order: one block per run of consecutive rows (usually one). */
function readArchiveRows(archive: ArchiveTable, rows: readonly number[], width: number): unknown[][] {
  const byRow = new Map<number, unknown[]>();
  for (const [from, to] of runsOf([...rows].sort((a, b) => a - b))) {
    readBlock(archive.table, from, to, 1, width).forEach((cells, offset) => byRow.set(from + offset, cells));
  }
  return rows.map((row) => byRow.get(row) ?? []);
}

/** What the deletion uses of the Advanced service (one batchUpdate of deleteDimension requests). */
interface DeleteApi {
  batchUpdate(resource: { requests: Record<string, unknown>[] }, spreadsheetId: string): unknown;
}

function deleteApi(): DeleteApi | null {
  // The global is absent when the project has no Advanced Sheets service.
  if (typeof Sheets === 'undefined' || !Sheets || !Sheets.Spreadsheets) return null;
  return Sheets.Spreadsheets as unknown as DeleteApi;
}

/** The source ids at rows top..bottom (one block of the id column). */
function idsAt(source: Table, top: number, bottom: number): string[] {
  const idAt = source.layout.columns.id as number;
  return readBlock(source, top, bottom, idAt, idAt).map((row) => String(row[0] ?? ''));
}

/**
 * Deletes the verified source rows whose id is still at that row (the id column read again, one block): all
 * runs in ONE Sheets.Spreadsheets.batchUpdate of deleteDimension requests, bottom up, so rows a user's sort
 * scattered cost no call each (docs/apps-script-behaviour.md "Deleting rows in one batchUpdate"). Without the
 * Advanced service, or when that call fails (it is atomic: nothing was deleted), the ids are read again and
 * the rows still in place go by Sheet.deleteRows per run, bottom up. A sheet keeps one row below its frozen
 * header. Returns the deleted.
 */
function deleteVerified(
  source: Table,
  verified: readonly { row: number; id: string }[],
): { row: number; id: string }[] {
  if (verified.length === 0) return [];
  const top = Math.min(...verified.map((entry) => entry.row));
  const bottom = Math.max(...verified.map((entry) => entry.row));
  const stillThere = (ids: readonly string[]) => verified.filter((entry) => ids[entry.row - top] === entry.id);
  let deletable = stillThere(idsAt(source, top, bottom));
  if (deletable.length === 0) return [];
  const sheet = sheetOf(source);
  const maxRows = sheet.getMaxRows();
  if (maxRows - deletable.length <= Math.max(1, sheet.getFrozenRows())) sheet.insertRowsAfter(maxRows, 1);
  const runs = runsOf(deletable.map((entry) => entry.row).sort((a, b) => a - b));
  const api = deleteApi();
  let done = false;
  if (api) {
    const requests = runs
      .slice()
      .reverse()
      .map(([from, to]) => ({
        deleteDimension: {
          range: { sheetId: source.layout.sheetId, dimension: 'ROWS', startIndex: from - 1, endIndex: to },
        },
      }));
    try {
      api.batchUpdate({ requests }, spreadsheetIdOf(source));
      done = true;
    } catch (error) {
      console.warn(`archive: batch deletion failed, deleting by runs: ${String(error)}`);
      deletable = stillThere(idsAt(source, top, bottom));
    }
  }
  if (!done) {
    const fallback = runsOf(deletable.map((entry) => entry.row).sort((a, b) => a - b));
    for (let index = fallback.length - 1; index >= 0; index--) {
      const [from, to] = fallback[index] as [number, number];
      sheet.deleteRows(from, to - from + 1);
    }
  }
  source.lastRow = null;
  source.maxRows = null;
  return deletable;
}
