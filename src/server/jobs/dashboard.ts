import { computeDashboard } from '../../shared/rules/kpi';
import { CARE_WINDOW_DAYS } from '../../shared/rules/kpi-strategy';
import { isMergedCustomer } from '../../shared/rules/merge-customers';
import { dashboardSheet, LAST_SCAN_PROPERTY, parseLastScan, type DashboardSheet } from '../../shared/rules/kpi-layout';
import { withCapacityGauge } from '../../shared/rules/capacity-gauge';
import { asLiteralText } from '../../shared/schema/cells';
import { TEMPLATES, type TableKey } from '../../shared/schema/templates';
import type { ActionContext } from '../actions/context';
import { spreadsheetTimeZone } from '../actions/context';
import { archiveReadsFor, dashboardArchive } from '../workbook/archive-reads';
import { workbookCapacity } from '../workbook/capacity';
import { findTableSheet } from '../workbook/layout';
import { TableNotFoundError } from '../workbook/table';
import type { ScanStep } from './daily-scan';
import { upsertDashboardCharts, type ChartsReport } from './dashboard-charts';
import { DASHBOARD_COLUMNS } from './job-columns';
import { JobTables } from './job-tables';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Refresh dashboard (docs/product-rules.md §6, issue 9): reads the columns the figures use (job-columns.ts), each once per
 * execution (the scan's step shares the scan's reads), computes the figures in src/shared
 * (kpi.ts), lays them out (kpi-layout.ts) and writes the Dashboard sheet as VALUES in one block (one call
 * per attribute: number formats, values, weights, backgrounds, font colours), replacing what was there and
 * touching no other sheet; then creates or updates the three embedded charts. The number of service calls
 * does not depend on the number of rows. Call under the document lock (the menu action and the daily scan
 * both hold it).
 */
export type DashboardContext = Pick<ActionContext, 'spreadsheet' | 'properties' | 'language' | 'zone' | 'nowMs'>;

export interface DashboardReport {
  sheetName: string;
  rows: number;
  columns: number;
  owners: number;
  charts: ChartsReport;
}

const TITLE_FONT_SIZE = 14;
const FIRST_COLUMN_WIDTH = 300;
const COLUMN_WIDTH = 120;

export function refreshDashboardSheet(
  context: DashboardContext,
  tables: JobTables = new JobTables(context),
): DashboardReport {
  const { spreadsheet, properties, language, zone, nowMs } = context;
  tables.prepare([DASHBOARD_COLUMNS]);
  const settings = tables.settings();
  tables.load(DASHBOARD_COLUMNS);
  const records = (table: keyof typeof DASHBOARD_COLUMNS & TableKey) => tables.values(table, DASHBOARD_COLUMNS[table]);
  const team = tables.team();
  // Archived rows the periods shown need (workbook/archive-reads.ts), older than the workbook's: counted first.
  const archived = dashboardArchive(archiveReadsFor(tables, context), context, DASHBOARD_COLUMNS, CARE_WINDOW_DAYS);
  const figures = computeDashboard({
    // A merged customer (Merge duplicates) is counted once, as the customer it was merged into.
    customers: records('customers').filter((values) => !isMergedCustomer(values)),
    followUps: [...archived.followUps, ...records('followUps')],
    tickets: [...archived.tickets, ...records('tickets')],
    satisfaction: [...archived.satisfaction, ...records('satisfaction')],
    transactions: records('transactions'),
    team: team.map((member) => member.email),
    settings,
    zone,
    nowMs,
  });
  const plain = dashboardSheet(figures, {
    language,
    settings,
    zone,
    timeZone: spreadsheetTimeZone(spreadsheet, properties),
    nowMs,
    lastScan: parseLastScan(properties.values[LAST_SCAN_PROPERTY]),
    ownerNames: new Map(team.map((member) => [member.email, member.name])),
  });
  // The capacity gauge under the status lines (issue 20 item 3, capacity-gauge.ts).
  const layout = withCapacityGauge(plain, workbookCapacity(context, settings.capacityWarningPercent), language);
  const sheet = findTableSheet(spreadsheet, TEMPLATES.dashboard);
  if (!sheet) throw new TableNotFoundError('dashboard');
  writeDashboard(sheet, layout);
  const charts = upsertDashboardCharts(sheet, layout.charts);
  return {
    sheetName: sheet.getName(),
    rows: layout.values.length,
    columns: layout.width,
    owners: figures.owners.length,
    charts,
  };
}

/** Replaces the sheet's cells and formats with the layout's block. Charts are kept (Sheet.clear leaves them). */
function writeDashboard(sheet: Sheet, layout: DashboardSheet): void {
  const rows = layout.values.length;
  const columns = layout.width;
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  sheet.clear();
  const block = sheet.getRange(1, 1, rows, columns);
  // Formats first: a text-formatted cell keeps "2024-06" as text instead of reading it as a date.
  block.setNumberFormats(layout.numberFormats);
  // Texts that start with = + - @ are stored literally (docs/product-rules.md §8); owner names come from the Team sheet.
  block.setValues(
    layout.values.map((line) => line.map((cell) => (typeof cell === 'string' ? asLiteralText(cell) : cell))),
  );
  block.setFontWeights(layout.fontWeights);
  block.setBackgrounds(layout.backgrounds);
  block.setFontColors(layout.fontColors);
  sheet.getRange(1, 1).setFontSize(TITLE_FONT_SIZE);
  sheet.setColumnWidth(1, FIRST_COLUMN_WIDTH);
  if (columns > 1) sheet.setColumnWidths(2, columns - 1, COLUMN_WIDTH);
}

/** The daily scan refreshes the dashboard after grading (docs/product-rules.md §5). */
export const dashboardScanStep: ScanStep = {
  name: 'dashboard',
  run: (context, _settings, _totals, _timeUp, tables) => void refreshDashboardSheet(context, tables),
};
