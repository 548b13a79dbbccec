import type { Language } from '../../shared/i18n/language';
import type { SettingsValues } from '../../shared/rules/settings';
import { readCell, type FieldValue } from '../../shared/schema/cells';
import type { ColumnTemplate } from '../../shared/schema/template-types';
import type { TableKey } from '../../shared/schema/templates';
import type { Zone } from '../../shared/time/zone';
import type { DocumentPropertiesSnapshot } from '../workbook/layout';
import { openTables } from '../workbook/open-tables';
import { readSettings } from '../workbook/settings';
import {
  appendRecords,
  lastRowOf,
  writeFields,
  type FieldValues,
  type Table,
  type TableRecord,
} from '../workbook/table';
import { readColumnsOf } from '../workbook/column-reads';
import { readTeam, type TeamMember } from '../workbook/team';
import type { WriteBatch } from '../workbook/write-batch';
import type { JobColumns } from './job-columns';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface JobTablesContext {
  spreadsheet: Spreadsheet;
  properties: DocumentPropertiesSnapshot;
  zone: Zone;
}

/**
 * The tables of one batch-job execution (issue 18: each needed column read once per execution). Tables are
 * opened together (their header rows, and the whole Settings and Team tables, in one Values.batchGet); a
 * step then loads the columns it uses (`load`: the columns not read yet in this execution, of all its tables,
 * in one batchGet, column-reads.ts) and takes the records. Values are derived once per column from the
 * tables' grids and kept current by the job's own writes (`write`, `append`), so a later step sees what an
 * earlier one wrote, as a fresh read would, without reading it again.
 *
 * A record is a row with content in any column of its table read so far in the execution (a whole-table read
 * also counted the user's own columns: a row holding only a user's note is no record here).
 */
export class JobTables {
  private readonly tables: Partial<Record<TableKey, Table>> = {};
  private settingsValues: SettingsValues | undefined;
  private teamMembers: TeamMember[] | undefined;
  private readonly ids: { spreadsheetId?: string } = {};
  private readonly caches: Partial<Record<TableKey, RecordCache>> = {};
  /** Tables read whole when opened. */
  private readonly whole = new Set<TableKey>();

  constructor(readonly context: JobTablesContext) {}

  /**
   * Opens the tables not open yet: the header rows of `open`, the whole of `whole` (small tables: Settings,
   * Team), normally in one call. A table that can't be opened (missing, or a column missing) throws here.
   */
  open(request: { open?: readonly TableKey[]; whole?: readonly TableKey[] }): void {
    const open = (request.open ?? []).filter((key) => !this.tables[key]);
    const whole = (request.whole ?? []).filter((key) => !this.tables[key]);
    if (open.length + whole.length === 0) return;
    const { properties, spreadsheet, zone } = this.context;
    const opened = openTables({ open, whole }, properties, spreadsheet, zone);
    for (const key of [...open, ...whole]) {
      const table = opened[key];
      if (!table) continue;
      // One spreadsheet id for every table of the execution: asked for at most once.
      if (table.ids?.spreadsheetId) this.ids.spreadsheetId = table.ids.spreadsheetId;
      table.ids = this.ids;
      this.tables[key] = table;
      if (whole.includes(key)) this.whole.add(key);
    }
  }

  /**
   * Opens what a job needs up front in one call (the tables of `columns`, Settings and Team). When one of them
   * can't be opened, nothing is kept and each step opens its tables itself, failing at the step that needs the
   * broken table, as a step reading its own tables would.
   */
  prepare(columns: readonly JobColumns[], whole: readonly TableKey[] = ['settings', 'team']): void {
    const open = new Set<TableKey>();
    for (const list of columns) for (const key of Object.keys(list) as TableKey[]) open.add(key);
    try {
      this.open({ open: [...open], whole });
    } catch {
      // Opened again step by step (see above).
    }
  }

  /** The table, opened (header only) when it isn't yet. */
  table(key: TableKey): Table {
    if (!this.tables[key]) this.open({ open: [key] });
    return this.tables[key] as Table;
  }

  settings(): SettingsValues {
    if (!this.settingsValues) {
      this.open({ whole: ['settings'] });
      const { properties, spreadsheet, zone } = this.context;
      this.settingsValues = readSettings(properties, spreadsheet, zone, this.tables.settings).values;
    }
    return this.settingsValues;
  }

  team(): TeamMember[] {
    if (!this.teamMembers) {
      this.open({ whole: ['team'] });
      this.teamMembers = readTeam(this.context.properties, this.context.spreadsheet, this.tables.team);
    }
    return this.teamMembers;
  }

  /**
   * The records of a table with (at least) the fields `keys` that the sheet has, reading the columns not read
   * yet in this execution. Rows in sheet order. The values objects are shared between the calls of an
   * execution and hold every column read so far: treat them as read-only (write with `write` / `append`).
   */
  records(key: TableKey, keys: readonly string[]): TableRecord[] {
    this.load({ [key]: keys });
    return this.cacheOf(key, this.table(key)).records();
  }

  /**
   * Reads the columns of `columns` not read yet in this execution, of all its tables in one call
   * (readColumnsOf), so a step that uses several tables asks for them once.
   */
  load(columns: JobColumns): void {
    const requests: { key: TableKey; table: Table; keys: string[] }[] = [];
    for (const [key, keys] of Object.entries(columns) as [TableKey, readonly string[]][]) {
      const table = this.table(key);
      const cache = this.cacheOf(key, table);
      const missing = keys.filter((column) => column in table.layout.columns && !cache.read.has(column));
      if (missing.length > 0) requests.push({ key, table, keys: missing });
    }
    if (requests.length === 0) return;
    readColumnsOf(requests, this.context.zone);
    for (const { key, table, keys } of requests) this.cacheOf(key, table).add(keys);
  }

  /** The values of each record (what the pure rules take). */
  values(key: TableKey, keys: readonly string[]): FieldValues[] {
    return this.records(key, keys).map((record) => record.values);
  }

  /** writeFields on the table, keeping this execution's records current. Returns the cells changed. */
  write(
    key: TableKey,
    updates: readonly { row: number; values: FieldValues }[],
    language: Language,
    batch?: WriteBatch,
  ): number {
    const table = this.table(key);
    const changed = writeFields(table, updates, language, batch);
    if (changed > 0) this.cacheOf(key, table).refresh(updates);
    return changed;
  }

  /** appendRecords on the table, keeping this execution's records current. */
  append(key: TableKey, records: readonly FieldValues[], language: Language): void {
    const table = this.table(key);
    const first = lastRowOf(table) + 1;
    appendRecords(table, records, language);
    this.cacheOf(key, table).appended(first);
  }

  private cacheOf(key: TableKey, table: Table): RecordCache {
    let cache = this.caches[key];
    if (!cache) {
      cache = new RecordCache(table);
      // A table read whole (Settings, Team) has every column in its grid already.
      if (this.whole.has(key)) cache.add(Object.keys(table.layout.columns));
      this.caches[key] = cache;
    }
    return cache;
  }
}

function isBlank(cell: unknown): boolean {
  return cell === '' || cell === null || cell === undefined;
}

/**
 * readCell for one column. Enum cells hold one of a few labels, so their keys are looked up once per distinct
 * text (the label search normalizes text), not once per cell.
 */
function cellReader(column: ColumnTemplate): (cell: unknown) => FieldValue {
  if (column.type !== 'enum' && column.type !== 'multienum') return (cell) => readCell(column, cell);
  const known = new Map<unknown, FieldValue>();
  return (cell) => {
    if (typeof cell !== 'string') return readCell(column, cell);
    let value = known.get(cell);
    if (value === undefined) {
      value = readCell(column, cell);
      known.set(cell, value);
    }
    return value;
  };
}

/**
 * The typed values of the columns read so far, per row, derived once from the table's grid (what was read,
 * kept current by writeFields / appendRecords). A row is a record once one of the columns read has content.
 */
class RecordCache {
  readonly read = new Set<string>();
  /** Index = sheet row. */
  private readonly rows: (FieldValues | undefined)[] = [];
  private readonly filled: boolean[] = [];

  private readonly byKey: Map<string, ColumnTemplate>;

  constructor(private readonly table: Table) {
    this.byKey = new Map(table.template.columns.map((column) => [column.key, column]));
  }

  private lastRow(): number {
    return this.table.lastRow ?? this.table.grid.length;
  }

  /** Derives the values of newly read columns for every row. */
  add(keys: readonly string[], from = 2): void {
    const { layout, template } = this.table;
    const fresh = keys.filter((key) => !this.read.has(key) && key in layout.columns);
    for (const key of fresh) this.read.add(key);
    const columns = template.columns.filter((column) => fresh.includes(column.key));
    this.derive(columns, from);
  }

  private derive(columns: readonly ColumnTemplate[], from: number): void {
    const { layout, grid } = this.table;
    const at = columns.map((column) => (layout.columns[column.key] as number) - 1);
    const keys = columns.map((column) => column.key);
    const parse = columns.map(cellReader);
    const last = this.lastRow();
    for (let row = from; row <= last; row++) {
      const cells = grid[row - 1];
      if (!cells) continue;
      const values = (this.rows[row] = this.rows[row] ?? {});
      for (let index = 0; index < columns.length; index++) {
        const cell = cells[at[index] as number];
        if (!isBlank(cell)) this.filled[row] = true;
        values[keys[index] as string] = (parse[index] as (cell: unknown) => FieldValue)(cell);
      }
    }
  }

  /** After a write: the written cells as they now read. */
  refresh(updates: readonly { row: number; values: FieldValues }[]): void {
    const { layout, grid } = this.table;
    for (const update of updates) {
      const values = this.rows[update.row];
      const cells = grid[update.row - 1];
      if (!values || !cells) continue;
      for (const key of Object.keys(update.values)) {
        const column = this.byKey.get(key);
        const at = layout.columns[key];
        if (!column || at === undefined || !this.read.has(key)) continue;
        const cell = cells[at - 1];
        values[key] = readCell(column, cell);
        if (!isBlank(cell)) this.filled[update.row] = true;
      }
    }
  }

  /** After an append starting at `first`: the new rows' values of the columns read. */
  appended(first: number): void {
    const columns = this.table.template.columns.filter((column) => this.read.has(column.key));
    this.derive(columns, first);
  }

  records(): TableRecord[] {
    const out: TableRecord[] = [];
    const last = this.lastRow();
    for (let row = 2; row <= last; row++) {
      const values = this.rows[row];
      if (values && this.filled[row]) out.push({ row, values });
    }
    return out;
  }
}
