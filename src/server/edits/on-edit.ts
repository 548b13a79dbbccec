import type { Language } from '../../shared/i18n/language';
import { checkCustomerRow, NORMALIZED_COLUMNS, normalizedContact, rowCheckText } from '../../shared/rules/hand-edits';
import { readCell, writeCell, type FieldValue } from '../../shared/schema/cells';
import type { TableTemplate } from '../../shared/schema/template-types';
import { TEMPLATES } from '../../shared/schema/templates';
import { workbookLanguage } from '../platform/language';
import { TABLE_METADATA_KEY } from '../workbook/keys';
import {
  layoutFromCache,
  loadDocumentProperties,
  readCachedLayout,
  resolveLayout,
  type DocumentPropertiesSnapshot,
  type TableLayout,
} from '../workbook/layout';
import { MATCH_KEY_COLUMNS, matchKeysOf } from '../workbook/match-keys';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Direct edits made safe (issue 19 item 8). The onEdit simple trigger runs after a user types, pastes or
 * deletes in the sheet (never after a script's writes), in AuthMode.LIMITED: the bound document and the
 * document properties only, no Sheets API, no UI, at most 30 seconds (docs/apps-script-behaviour.md, "Edits
 * by hand and the onEdit simple trigger"). For the rows of the edited block on an add-on table it
 *  - stores the phones and e-mails the user just typed the way intake stores them (valid ones only);
 *  - on Customers, derives the row's match keys again, so duplicate checks find the row by its new phone,
 *    e-mail or company name;
 *  - on Customers, writes the row's problems into the add-on's "Needs fixing" column (rowCheck), or empties
 *    it when the row is right. Nothing the user typed is refused or changed otherwise.
 * The edited block is read in one getValues (with the header row, to check the columns are where the cached
 * layout says), and each group of adjacent columns to write is one setValues over the rows that change:
 * a pasted block of many rows costs the same few calls as one cell. Writes happen under the document lock,
 * taken with a short wait; when it is busy the edit is left as typed and the daily scan's match-key repair
 * catches up. Edits elsewhere (another sheet, user columns, the header row) read nothing more.
 */

/** How long the trigger waits for the document lock: a save holds it for a second or two. */
export const EDIT_LOCK_WAIT_MS = 2000;
/** Rows of one edit that are looked at (a whole-column paste is cut here; 2,000 rows ≈ 124k cells read). */
export const MAX_EDIT_ROWS = 2000;

/** The tables whose hand edits are looked at. */
const HANDLED_TABLES = ['customers', 'team'] as const;
type HandledTable = (typeof HANDLED_TABLES)[number];

export interface EditOutcome {
  /** What happened, for the log line and tests. */
  kind: 'ignored' | 'busy' | 'handled';
  reason?: string;
  table?: HandledTable;
  rows?: number;
  normalized?: number;
  matchKeys?: number;
  flagged?: number;
  cleared?: number;
}

function isHandled(table: string): table is HandledTable {
  return (HANDLED_TABLES as readonly string[]).includes(table);
}

/** The add-on table a sheet holds: by the layout cache (no call), else by the sheet's developer metadata. */
function tableOfSheet(sheet: Sheet, sheetId: number, properties: DocumentPropertiesSnapshot): TableTemplate | null {
  for (const template of Object.values(TEMPLATES)) {
    const cached = readCachedLayout(template, properties);
    if (cached && cached.sheetId === sheetId) return template;
  }
  for (const metadata of sheet.createDeveloperMetadataFinder().withKey(TABLE_METADATA_KEY).find()) {
    const table = metadata.getValue();
    const template = Object.values(TEMPLATES).find((candidate) => candidate.table === table);
    if (template) return template;
  }
  return null;
}

/** Runs of adjacent columns, each written with one setValues. */
function columnRuns(columns: readonly number[]): number[][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const column of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === column - 1) last.push(column);
    else runs.push([column]);
  }
  return runs;
}

export function handleEdit(event: GoogleAppsScript.Events.SheetsOnEdit | undefined): EditOutcome {
  if (!event || String(event.authMode) === 'NONE' || !event.range) return { kind: 'ignored', reason: 'no range' };
  const range: Range = event.range;
  const edited: EditedBlock = {
    firstRow: range.getRow(),
    lastRow: range.getRow() + range.getNumRows() - 1,
    firstColumn: range.getColumn(),
    lastColumn: range.getColumn() + range.getNumColumns() - 1,
  };
  if (edited.lastRow < 2) return { kind: 'ignored', reason: 'header row' };

  const sheet = range.getSheet();
  const properties = loadDocumentProperties();
  const template = tableOfSheet(sheet, range.getGridId(), properties);
  if (!template || !isHandled(template.table)) return { kind: 'ignored', reason: 'not a handled table' };
  const table = template.table;

  const layout = currentLayout(sheet, template, properties);
  const editedKeys = Object.entries(layout.columns)
    .filter(([, column]) => column >= edited.firstColumn && column <= edited.lastColumn)
    .map(([key]) => key);
  if (editedKeys.length === 0) return { kind: 'ignored', reason: 'no table column edited', table };

  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(EDIT_LOCK_WAIT_MS)) {
    console.warn(
      `onEdit: the document is busy; ${sheet.getName()} rows ${edited.firstRow}–${edited.lastRow} were left as typed`,
    );
    return { kind: 'busy', table };
  }
  try {
    return reviewRows(sheet, template, layout, new Set(editedKeys), workbookLanguage(properties.values), edited);
  } finally {
    lock.releaseLock();
  }
}

/**
 * Where the table's columns are now: the cached layout when the header row reads as it was cached (one read
 * of the header), else found again by the columns' developer metadata and labels (and cached).
 */
function currentLayout(sheet: Sheet, template: TableTemplate, properties: DocumentPropertiesSnapshot): TableLayout {
  const cached = readCachedLayout(template, properties);
  if (cached) {
    const width = Math.max(1, cached.headers.length, ...Object.values(cached.columns));
    const header = sheet.getRange(1, 1, 1, width).getValues()[0];
    const layout = layoutFromCache(template, cached, header);
    if (layout) return layout;
  }
  const header = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
  return resolveLayout(template, sheet, header, properties);
}

interface EditedBlock {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

function reviewRows(
  sheet: Sheet,
  template: TableTemplate,
  layout: TableLayout,
  editedKeys: ReadonlySet<string>,
  language: Language,
  edited: EditedBlock,
): EditOutcome {
  const table = template.table as HandledTable;
  const columns = layout.columns;
  const firstRow = Math.max(2, edited.firstRow);
  const lastRow = Math.min(edited.lastRow, firstRow + MAX_EDIT_ROWS - 1);
  if (lastRow < edited.lastRow) {
    console.warn(`onEdit: only rows ${firstRow}–${lastRow} of ${firstRow}–${edited.lastRow} were checked`);
  }
  const rows = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, Math.max(1, layout.width)).getValues();

  /** New cell contents by 1-based column, then by row offset in the block. */
  const writes = new Map<number, Map<number, unknown>>();
  const put = (key: string, offset: number, cell: unknown): void => {
    const column = columns[key] as number;
    const byRow = writes.get(column) ?? new Map<number, unknown>();
    byRow.set(offset, cell);
    writes.set(column, byRow);
  };
  const outcome: EditOutcome = {
    kind: 'handled',
    table,
    rows: rows.length,
    normalized: 0,
    matchKeys: 0,
    flagged: 0,
    cleared: 0,
  };
  const count = (field: 'normalized' | 'matchKeys' | 'flagged' | 'cleared'): void => {
    outcome[field] = (outcome[field] ?? 0) + 1;
  };
  const columnTemplate = (key: string) => template.columns.find((candidate) => candidate.key === key);

  rows.forEach((row, offset) => {
    const raw: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(columns)) raw[key] = row[column - 1];

    for (const key of NORMALIZED_COLUMNS[table] ?? []) {
      const column = columnTemplate(key);
      if (!editedKeys.has(key) || !column) continue;
      const typed = readCell(column, raw[key]);
      const normalized = normalizedContact(key === 'phone' ? 'phone' : 'email', typed);
      if (normalized !== null && normalized !== typed) {
        put(key, offset, writeCell(column, normalized, language));
        raw[key] = normalized;
        count('normalized');
      }
    }
    if (table !== 'customers') return;

    if (columns.matchKeys !== undefined) {
      const typed: Record<string, FieldValue> = {};
      for (const key of MATCH_KEY_COLUMNS) {
        const column = columnTemplate(key);
        if (column) typed[key] = readCell(column, raw[key]);
      }
      const derived = matchKeysOf(typed);
      if (derived !== (isEmpty(raw.matchKeys) ? '' : String(raw.matchKeys))) {
        put('matchKeys', offset, derived);
        count('matchKeys');
      }
    }
    if (columns.rowCheck !== undefined) {
      const isRecord = Object.keys(columns).some(
        (key) => key !== 'rowCheck' && key !== 'matchKeys' && !isEmpty(raw[key]),
      );
      const text = isRecord ? rowCheckText(checkCustomerRow(raw), language) : '';
      const stored = isEmpty(raw.rowCheck) ? '' : String(raw.rowCheck);
      if (text !== stored) {
        put('rowCheck', offset, text);
        if (text === '') count('cleared');
      }
      if (text !== '') count('flagged');
    }
  });

  writeChanges(sheet, firstRow, rows, writes);
  if (writes.size > 0) console.log(`onEdit ${table} rows ${firstRow}–${lastRow}: ${JSON.stringify(outcome)}`);
  return outcome;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Each run of adjacent changed columns is one setValues over the rows from its first to its last change;
 * the other cells of that span are written back as read (they are cells of the user's edit or the add-on's
 * own columns, read under the lock a moment ago).
 */
function writeChanges(
  sheet: Sheet,
  firstRow: number,
  rows: readonly (readonly unknown[])[],
  writes: ReadonlyMap<number, ReadonlyMap<number, unknown>>,
): void {
  for (const run of columnRuns([...writes.keys()])) {
    const offsets = run.flatMap((column) => [...(writes.get(column)?.keys() ?? [])]);
    const top = Math.min(...offsets);
    const bottom = Math.max(...offsets);
    const block: unknown[][] = [];
    for (let offset = top; offset <= bottom; offset++) {
      block.push(
        run.map((column) => {
          const changed = writes.get(column);
          return changed?.has(offset) ? changed.get(offset) : guardText(rows[offset]?.[column - 1]);
        }),
      );
    }
    sheet.getRange(firstRow + top, run[0] as number, block.length, run.length).setValues(block);
  }
}

/** A cell written back as read: text that Sheets would parse as a formula keeps its literal marker. */
function guardText(cell: unknown): unknown {
  if (typeof cell === 'string' && /^[=+\-@]/.test(cell)) return `'${cell}`;
  return cell ?? '';
}
