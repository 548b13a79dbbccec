/// <reference types="google-apps-script" />
import { loadAddon, type AddonHost } from '../src/local/harness/addon-host';
import { generateDemoData, type DemoData } from '../src/local/demo/generate';
import { loadDemoData } from '../src/local/demo/load';
import { createLocalRuntime, type LocalRuntime } from '../src/local/runtime';
import type { LocalUser } from '../src/local/core/context';
import { NEW_SHEET_COLUMNS } from '../src/local/spreadsheet/model';
import { TEMPLATES, type TableKey } from '../src/shared/schema/templates';
import { COST_MODEL, executionCost, type ExecutionCost } from './cost-model';

/**
 * One benchmark workbook: the playground's demo data (src/local/demo) generated at a size and written
 * straight into the sheets in one block per table, the built add-on loaded, the menu built. The meter is
 * reset before every measured execution.
 */
export interface BenchSize {
  label: string;
  customers: number;
  followUpsPerCustomer: number;
  ticketsPerCustomer: number;
  surveysPerCustomer: number;
  transactionsPerCustomer: number;
}

export interface Workbench {
  runtime: LocalRuntime;
  host: AddonHost;
  data: DemoData;
  /** Where each table lives, as a hand-written script would hard-code it: sheet name and column numbers. */
  tables: Record<TableKey, NaiveTable>;
  rep: LocalUser;
  owner: LocalUser;
  /** When on, the virtual clock moves by the projected service time of every call (see projectClock). */
  projecting: { on: boolean };
}

export interface NaiveTable {
  sheetName: string;
  /** Column key → 1-based column. */
  columns: Record<string, number>;
  width: number;
}

export const OWNER: LocalUser = { email: 'owner@example.com', locale: 'zh_CN' };
export const REP: LocalUser = { email: 'li.na@example.com', locale: 'zh_CN' };

export function standardSize(customers: number, label = `${customers / 1000}k`): BenchSize {
  return {
    label,
    customers,
    followUpsPerCustomer: 5,
    ticketsPerCustomer: 0.5,
    surveysPerCustomer: 0.5,
    transactionsPerCustomer: 1.5,
  };
}

/** Cells one customer brings (a row of each table × its average count × its sheet's width). */
export function cellsPerCustomer(size: BenchSize): number {
  // A sheet is never narrower than a new sheet's 26 columns.
  const width = (table: TableKey) => Math.max(NEW_SHEET_COLUMNS, TEMPLATES[table].columns.length);
  return (
    width('customers') +
    size.followUpsPerCustomer * width('followUps') +
    size.ticketsPerCustomer * width('tickets') +
    size.surveysPerCustomer * width('satisfaction') +
    size.transactionsPerCustomer * width('transactions')
  );
}

function tableLayout(runtime: LocalRuntime, table: TableKey): NaiveTable {
  const app = runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const found = app.getActiveSpreadsheet().createDeveloperMetadataFinder().withKey('crm.table').withValue(table).find();
  const sheet = found[0]?.getLocation().getSheet();
  if (!sheet) throw new Error(`bench: no sheet for ${table}`);
  const columns: Record<string, number> = {};
  for (const metadata of sheet.createDeveloperMetadataFinder().withKey('crm.column').find()) {
    const column = metadata.getLocation().getColumn();
    if (column) columns[metadata.getValue() ?? ''] = column.getColumn();
  }
  return { sheetName: sheet.getName(), columns, width: Math.max(sheet.getLastColumn(), ...Object.values(columns)) };
}

export function prepareWorkbench(size: BenchSize, distDir: string, seed = 1): Workbench {
  const data = generateDemoData({
    seed,
    customers: size.customers,
    followUpsPerCustomer: size.followUpsPerCustomer,
    ticketsPerCustomer: size.ticketsPerCustomer,
    surveysPerCustomer: size.surveysPerCustomer,
    transactionsPerCustomer: size.transactionsPerCustomer,
  });
  return workbenchFor(data, distDir);
}

/** A workbench holding `data`; `startMs` sets the runtime's clock (default: the runtime's own start). */
export function workbenchFor(data: DemoData, distDir: string, startMs?: number): Workbench {
  const runtime = createLocalRuntime({
    htmlDir: distDir,
    user: OWNER,
    ...(startMs === undefined ? {} : { startTime: startMs }),
  });
  const host = loadAddon(runtime, distDir);
  loadDemoData(runtime, host, data, { language: 'zh-CN' });
  host.open({ authMode: 'FULL' });
  // A rep who opens a sidebar has authorized the add-on (its first use asks them), as the owner has.
  runtime.ctx.authorizedUsers.add(REP.email);
  const keys = Object.keys(TEMPLATES) as TableKey[];
  const tables = Object.fromEntries(keys.map((key) => [key, tableLayout(runtime, key)])) as Record<
    TableKey,
    NaiveTable
  >;
  leaveSpareRowsIn(runtime, tables);
  const projecting = { on: false };
  projectClock(runtime, projecting);
  // Script CPU excludes the runtime's own service work (bench/cost-model.ts): time it from here on.
  runtime.meter.timeServices = true;
  runtime.meter.reset();
  return { runtime, host, data, tables, rep: REP, owner: OWNER, projecting };
}

/** The tables sidebar actions append to. */
const RECORD_TABLES: readonly TableKey[] = ['customers', 'followUps', 'tickets', 'satisfaction', 'transactions'];

/** Empty rows the add-on leaves below the data when it grows a full sheet (GROWTH_HEADROOM_ROWS). */
export const SPARE_ROWS = 100;

/** Spare rows below the data of every record table (after a load that left sheets exactly full). */
export function leaveSpareRowsIn(runtime: LocalRuntime, tables: Record<TableKey, NaiveTable>): void {
  for (const key of RECORD_TABLES) leaveSpareRows(runtime, tables[key]);
}

/**
 * The demo loader leaves a sheet with more rows than a new sheet's 1,000 exactly full, so the first append
 * would pay for growing it, at some sizes and not others (Tickets has 500 rows at 1k, 1,500 at 3k). A workbook
 * in use has had its sheets grown by the add-on, with spare rows below the data: every table gets up to
 * SPARE_ROWS of them, so each measured save is a typical one, not the one in a hundred that grows the sheet.
 */
function leaveSpareRows(runtime: LocalRuntime, table: NaiveTable): void {
  const app = runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const sheet = app.getActiveSpreadsheet().getSheetByName(table.sheetName);
  if (!sheet) return;
  const spare = sheet.getMaxRows() - sheet.getLastRow();
  if (spare < SPARE_ROWS) sheet.insertRowsAfter(sheet.getMaxRows(), SPARE_ROWS - spare);
}

/**
 * While `flag.on`, every metered call and cell moves the virtual clock by its projected Apps Script time,
 * so code that watches the clock (the daily scan's 4-minute budget) sees the time it would really take.
 */
function projectClock(runtime: LocalRuntime, flag: { on: boolean }): void {
  const meter = runtime.meter;
  const recordCall = meter.recordCall.bind(meter);
  const recordCells = meter.recordCells.bind(meter);
  const recordSearch = meter.recordSearch.bind(meter);
  const recordAccessor = meter.recordAccessor.bind(meter);
  let owed = 0;
  const spend = (ms: number) => {
    owed += ms;
    const whole = Math.floor(owed);
    if (whole > 0) {
      owed -= whole;
      runtime.clock.advance(whole);
    }
  };
  meter.recordCall = (service: string, method: string) => {
    recordCall(service, method);
    if (flag.on) spend(COST_MODEL.callMs);
  };
  meter.recordCells = (read: number, written: number) => {
    recordCells(read, written);
    if (flag.on) spend((read + written) * COST_MODEL.cellMs);
  };
  meter.recordSearch = (cells: number) => {
    recordSearch(cells);
    if (flag.on) spend(cells * COST_MODEL.searchCellMs);
  };
  meter.recordAccessor = (service: string, method: string) => {
    recordAccessor(service, method);
    if (flag.on) spend(COST_MODEL.accessorMs);
  };
}

/** Cells of every sheet's grid, as the 10 M-cell limit counts them. */
export function workbookCells(runtime: LocalRuntime): number {
  const app = runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return app
    .getActiveSpreadsheet()
    .getSheets()
    .reduce((sum, sheet) => sum + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
}

/** Runs one execution's worth of work and returns what it cost (the meter is reset first). */
export function measure<T>(bench: Workbench, fn: () => T): { result: T; cost: ExecutionCost } {
  bench.runtime.meter.reset();
  const before = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(before);
  return { result, cost: executionCost(bench.runtime.meter.snapshot(), (used.user + used.system) / 1000) };
}

/** Unwraps host.run(...) → ActionResult, throwing when the add-on failed (a benchmark must not time errors). */
export function expectOk<T>(run: { ok: boolean; value?: unknown; error?: unknown }, what: string): T {
  const result = run.ok ? (run.value as { ok: boolean; value?: T; error?: unknown }) : null;
  if (!result || !result.ok) throw new Error(`bench: ${what} failed: ${JSON.stringify(run).slice(0, 500)}`);
  return result.value as T;
}
