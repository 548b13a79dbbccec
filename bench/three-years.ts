/// <reference types="google-apps-script" />
import {
  DEMO_TEAM,
  generateDemoData,
  type DemoData,
  type DemoRecord,
  type DemoTeamMember,
} from '../src/local/demo/generate';
import { loadDemoData } from '../src/local/demo/load';
import { projectedMs, type ExecutionCost } from './cost-model';
import { addonWorkloads, WORKLOADS, type WorkloadKey, type WorkloadRun } from './workloads';
import { expectOk, leaveSpareRowsIn, measure, workbenchFor, workbookCells, type Workbench } from './workbench';

/**
 * "Three years of a five-rep team" (issue 20 item 7): a workbook grown year by year with the bench's demo
 * generator (one generateDemoData per calendar year, loaded after the rows already there), kept twice: once
 * as it is, once with the add-on's real yearly archive run (runArchive, then the continueArchive trigger while
 * it hands over) at the start of every new year with the default cut-off. Reports the workbook's cells at
 * each year's end, when the workbook without archiving reaches 10 M cells, what each archive run cost per
 * execution, and the sidebar actions on the archived workbook against a fresh one of the same live size.
 */
export interface TeamPlan {
  /** Shown in RESULTS.md. */
  label: string;
  /** Follow-ups the team logs a year (5 reps × 30 touches × ~267 working days ≈ 40,000). */
  followUpsPerYear: number;
  /** New customers a year (each gets its year's follow-ups: followUpsPerYear ÷ customersPerYear on average). */
  customersPerYear: number;
  ticketsPerCustomer: number;
  surveysPerCustomer: number;
  transactionsPerCustomer: number;
  /** The first calendar year of use. */
  firstYear: number;
  years: number;
  /** Keep loading further years (month by month) into the workbook without archiving until it is full. */
  toTheLimit: boolean;
}

/** Five reps and the manager: the demo team (three reps) and two more. */
export const FIVE_REP_TEAM: readonly DemoTeamMember[] = [
  ...DEMO_TEAM,
  { name: '陈静', email: 'chen.jing@example.com', role: 'rep', phone: '+86 135 3579 2468' },
  { name: '刘洋', email: 'liu.yang@example.com', role: 'rep', phone: '+86 158 8642 9753' },
];

/** The workload: ~120,000 follow-ups over three years. */
export const THREE_YEARS: TeamPlan = {
  label: 'three years of a five-rep team',
  followUpsPerYear: 40_000,
  customersPerYear: 4_000,
  ticketsPerCustomer: 0.5,
  surveysPerCustomer: 0.5,
  transactionsPerCustomer: 1.5,
  firstYear: 2022,
  years: 3,
  toTheLimit: true,
};

export const CELL_LIMIT = 10_000_000;
const TABLES = ['customers', 'followUps', 'tickets', 'satisfaction', 'transactions'] as const;
type RecordTable = (typeof TABLES)[number];
const ARCHIVED = ['followUps', 'tickets', 'satisfaction'] as const;
/** jobs/archive.ts: the run's position (empty when no run is under way) and the trigger's delay. */
const ARCHIVE_RUN_PROPERTY = 'crm.archive.run';
const ARCHIVE_FILES_PROPERTY = 'crm.archive.files';
const CONTINUE_AFTER_MS = 60_000;
const HOUR = 3_600_000;

/** The last working evening of a year and the first working morning of the next (China time). */
export const yearEndMs = (year: number) => Date.parse(`${year}-12-31T18:00:00+08:00`);
export const archiveMs = (year: number) => Date.parse(`${year}-01-02T09:00:00+08:00`);

/** One calendar year of the team's records: customers created in it, their follow-ups, tickets… up to its end. */
export function yearData(plan: TeamPlan, year: number): DemoData {
  return generateDemoData({
    seed: year,
    customers: plan.customersPerYear,
    followUpsPerCustomer: plan.followUpsPerYear / plan.customersPerYear,
    ticketsPerCustomer: plan.ticketsPerCustomer,
    surveysPerCustomer: plan.surveysPerCustomer,
    transactionsPerCustomer: plan.transactionsPerCustomer,
    nowMs: yearEndMs(year),
    team: [...FIVE_REP_TEAM],
  });
}

export type Rows = Record<RecordTable, number>;

function rowsOf(data: DemoData): Rows {
  return Object.fromEntries(TABLES.map((table) => [table, data[table].length])) as Rows;
}

function merged(a: DemoData, b: DemoData): DemoData {
  const out = { ...a };
  for (const table of TABLES) out[table] = [...a[table], ...b[table]];
  return out;
}

/** A year's records by the month they were created in (China time), to find the month a workbook fills up. */
function months(data: DemoData): DemoData[] {
  return Array.from({ length: 12 }, (_, month) => {
    const slice: DemoData = { ...data, team: month === 0 ? data.team : [] };
    const inMonth = (record: DemoRecord) => new Date(Number(record.createdAt) + 8 * HOUR).getUTCMonth() === month;
    for (const table of TABLES) slice[table] = data[table].filter(inMonth);
    return slice;
  });
}

/** Appends records after the rows already there (the demo loader), then leaves the usual spare rows. */
function append(bench: Workbench, data: DemoData): void {
  loadDemoData(bench.runtime, bench.host, data, { language: 'zh-CN' });
  leaveSpareRowsIn(bench.runtime, bench.tables);
  bench.data = merged(bench.data, data);
}

/**
 * The evening of a year's last day, as the team left it: My day has been opened (or the nightly scan ran), so
 * the My day index sheet holds the day's index, sized to it (it counts toward the 10 M cells too).
 */
function yearEnd(bench: Workbench, year: number): YearEnd {
  expectOk(bench.host.run('getMyDay', [], { user: bench.rep }), 'getMyDay');
  return { year, cells: workbookCells(bench.runtime), rows: rowsOf(bench.data), indexCells: indexCells(bench) };
}

/** Cells of the hidden My day index sheets (one, unless a dropped index left its sheet behind). */
function indexCells(bench: Workbench): number {
  return app(bench)
    .getActiveSpreadsheet()
    .getSheets()
    .filter((sheet) => sheet.isSheetHidden() && sheet.getName().startsWith('我的今天索引'))
    .reduce((sum, sheet) => sum + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
}

/** Moves the clock (firing any time trigger that comes due, as the runtime does). */
function advanceTo(bench: Workbench, ms: number): void {
  const now = bench.runtime.clock.now();
  if (ms > now) bench.host.advance(ms - now);
}

function app(bench: Workbench): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return bench.runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

function documentProperty(bench: Workbench, key: string): string {
  const service = bench.runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService;
  return service.getDocumentProperties()?.getProperty(key) ?? '';
}

/** The record ids still in a table's sheet. */
function liveIds(bench: Workbench, table: RecordTable): Set<string> {
  const layout = bench.tables[table];
  const sheet = app(bench).getActiveSpreadsheet().getSheetByName(layout.sheetName);
  const column = layout.columns.id;
  if (!sheet || !column) throw new Error(`bench: no id column in ${table}`);
  const last = sheet.getLastRow();
  if (last < 2) return new Set();
  return new Set(
    sheet
      .getRange(2, column, last - 1, 1)
      .getValues()
      .map((row) => String(row[0])),
  );
}

/** The workbench's records as its sheets now hold them (the archive deleted some), in sheet order. */
function settleData(bench: Workbench): void {
  const data = { ...bench.data };
  for (const table of ARCHIVED) {
    const ids = liveIds(bench, table);
    data[table] = data[table].filter((record) => ids.has(String(record.id)));
  }
  bench.data = data;
}

/** Cells of the archive spreadsheets the runs made (each is a file of its own, with its own 10 M cells). */
function archiveCells(bench: Workbench): Record<string, number> {
  const files = JSON.parse(documentProperty(bench, ARCHIVE_FILES_PROPERTY) || '{}') as Record<string, { id: string }>;
  const out: Record<string, number> = {};
  for (const [year, file] of Object.entries(files)) {
    const book = app(bench).openById(file.id);
    out[year] = book.getSheets().reduce((sum, sheet) => sum + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
  }
  return out;
}

export interface ArchiveRun {
  /** The year it ran at the start of, and its cut-off (records dated before 1 January of `before`). */
  year: number;
  before: number;
  executions: ExecutionCost[];
  moved: Record<'followUps' | 'tickets' | 'satisfaction', number>;
  cellsBefore: number;
  cellsAfter: number;
  /** Live rows after the run. */
  rowsAfter: Rows;
  message: string;
}

/**
 * The manager's run with the form's default cut-off (Manager tools › Archive old records…, then Archive),
 * and each continueArchive trigger it hands over to, with the clock moved by every call's projected time so
 * the run's own time budget decides when it stops.
 */
function yearlyArchive(bench: Workbench, year: number): ArchiveRun {
  const form = expectOk<{ defaultBefore: number }>(
    bench.host.run('getArchiveForm', [], { user: bench.owner }),
    'getArchiveForm',
  );
  const before = Object.fromEntries(ARCHIVED.map((table) => [table, bench.data[table].length]));
  const cellsBefore = workbookCells(bench.runtime);
  const executions: ExecutionCost[] = [];
  let message: string;
  bench.projecting.on = true;
  try {
    const first = measure(bench, () =>
      expectOk<{ done: boolean; message: string }>(
        bench.host.run('runArchive', [{ before: String(form.defaultBefore) }], { user: bench.owner }),
        'runArchive',
      ),
    );
    executions.push(first.cost);
    message = first.result.message;
    for (let turn = 0; documentProperty(bench, ARCHIVE_RUN_PROPERTY); turn++) {
      if (turn >= 50) throw new Error('bench: the archive run did not finish in 50 executions');
      const { result: runs, cost } = measure(bench, () => bench.host.advance(CONTINUE_AFTER_MS + 1000));
      const failed = runs.find((run) => !run.ok);
      if (failed) throw new Error(`bench: ${failed.handler} failed: ${failed.error ?? ''}`);
      if (runs.length === 0) throw new Error('bench: the archive run stopped without a continuation trigger');
      executions.push(cost);
    }
  } finally {
    bench.projecting.on = false;
  }
  settleData(bench);
  const moved = { followUps: 0, tickets: 0, satisfaction: 0 };
  for (const table of ARCHIVED) moved[table] = (before[table] ?? 0) - bench.data[table].length;
  return {
    year,
    before: form.defaultBefore,
    executions,
    moved,
    cellsBefore,
    cellsAfter: workbookCells(bench.runtime),
    rowsAfter: rowsOf(bench.data),
    message,
  };
}

export interface YearEnd {
  year: number;
  cells: number;
  rows: Rows;
  /** Of `cells`: the My day index sheet(s). */
  indexCells: number;
}

export interface SidebarPair {
  key: WorkloadKey;
  title: string;
  archived: WorkloadRun;
  fresh: WorkloadRun;
}

export interface ThreeYearsResult {
  plan: TeamPlan;
  /** Records generated per year (the same both ways). */
  generated: { year: number; rows: Rows }[];
  withoutArchive: YearEnd[];
  withArchive: YearEnd[];
  archives: ArchiveRun[];
  /** Cells of each year's archive spreadsheet after the last run. */
  archiveFiles: Record<string, number>;
  /** Without archiving: the first month whose records no longer fit (null when not run to the limit). */
  full: { year: number; month: number; cellsBefore: number; error: string } | null;
  /** Live rows of the archived workbook after the last run, and of the fresh one built to match. */
  live: { archived: Rows; fresh: Rows };
  sidebar: SidebarPair[];
  wallMs: number;
}

/** The refusal of a write that would take the workbook past 10 M cells (Sheets' text, as the runtime gives it). */
const isCellLimit = (error: unknown) => /above the limit of 10000000 cells/.test(String((error as Error)?.message));

/** Runs the workload; `log` gets one line per sidebar action (the bench prints them). */
export function runThreeYears(
  plan: TeamPlan,
  distDir: string,
  log: (line: string) => void = () => {},
): ThreeYearsResult {
  const started = performance.now();
  const years = Array.from({ length: plan.years }, (_, index) => plan.firstYear + index);
  const data = new Map(years.map((year) => [year, yearData(plan, year)]));
  const yearOf = (year: number) => data.get(year) ?? yearData(plan, year);
  const generated = years.map((year) => ({ year, rows: rowsOf(yearOf(year)) }));
  const first = plan.firstYear;
  const last = years[years.length - 1] as number;

  // Without archiving: the years loaded one after the other; then, when asked, further years month by month
  // until a month's records no longer fit.
  const withoutArchive: YearEnd[] = [];
  let full: ThreeYearsResult['full'] = null;
  {
    const bench = workbenchFor(yearOf(first), distDir, yearEndMs(first));
    withoutArchive.push(yearEnd(bench, first));
    for (const year of years.slice(1)) {
      advanceTo(bench, yearEndMs(year));
      append(bench, yearOf(year));
      withoutArchive.push(yearEnd(bench, year));
    }
    for (let year = last + 1; plan.toTheLimit && !full && year < last + 30; year++) {
      const slices = months(yearData(plan, year));
      for (let month = 0; month < 12 && !full; month++) {
        const cellsBefore = workbookCells(bench.runtime);
        try {
          append(bench, slices[month] as DemoData);
        } catch (error) {
          if (!isCellLimit(error)) throw error;
          full = { year, month: month + 1, cellsBefore, error: (error as Error).message };
        }
      }
      if (!full) {
        advanceTo(bench, yearEndMs(year));
        withoutArchive.push(yearEnd(bench, year));
      }
    }
  }

  // With the yearly archive run at the start of each new year (the first one finds nothing old enough).
  const withArchive: YearEnd[] = [];
  const archives: ArchiveRun[] = [];
  const archived = workbenchFor(yearOf(first), distDir, yearEndMs(first));
  withArchive.push(yearEnd(archived, first));
  for (const year of [...years.slice(1), last + 1]) {
    advanceTo(archived, archiveMs(year));
    archives.push(yearlyArchive(archived, year));
    if (year > last) break;
    advanceTo(archived, yearEndMs(year));
    append(archived, yearOf(year));
    withArchive.push(yearEnd(archived, year));
  }
  const files = archiveCells(archived);

  // The sidebar actions on the archived workbook and on a fresh one holding the same live records, at the same
  // time (the afternoon after the last run), in the same order.
  const liveRows = rowsOf(archived.data);
  const at = archiveMs(last + 1) + 5 * HOUR;
  advanceTo(archived, at);
  // The same live records, loaded into a new workbook: only the archive's history differs.
  const freshData: DemoData = { ...archived.data };
  const fresh = workbenchFor(freshData, distDir, at);
  const sidebar: SidebarPair[] = [];
  for (const workload of WORKLOADS) {
    if (!workload.click) continue;
    const a = addonWorkloads[workload.key](archived);
    const b = addonWorkloads[workload.key](fresh);
    sidebar.push({ key: workload.key, title: workload.title, archived: a, fresh: b });
    log(
      `  years ${workload.key}: archived ${a.executions.map((e) => e.calls).join('+')} calls, ` +
        `fresh ${b.executions.map((e) => e.calls).join('+')} calls — ${a.note} | ${b.note}`,
    );
  }
  return {
    plan,
    generated,
    withoutArchive,
    withArchive,
    archives,
    archiveFiles: files,
    full,
    live: { archived: liveRows, fresh: rowsOf(freshData) },
    sidebar,
    wallMs: performance.now() - started,
  };
}

/** The longest execution of an archive run, by projected time. */
export function worstExecution(run: ArchiveRun): ExecutionCost {
  return run.executions.reduce((a, b) => (projectedMs(b) > projectedMs(a) ? b : a));
}
