import { gasError } from '../core/errors';
import { cellA1, quoteSheetName } from './a1';
import type { Book } from './book';
import type { ChartModel, SheetModel } from './model';

/**
 * Embedded charts as plain data (docs/apps-script/filter-views-and-charts.md §5): stored per sheet in SheetModel.charts,
 * saved with the workbook (persistence.ts). The script-facing builder and chart objects (charts.ts) only
 * ever hold copies; a change reaches the sheet through Sheet.insertChart / updateChart / removeChart.
 */
export type ChartSpec = Omit<ChartModel, 'chartId'>;
export type ChartRangeModel = ChartModel['ranges'][number];

export function copySpec(spec: ChartSpec): ChartSpec {
  return {
    type: spec.type,
    ranges: spec.ranges.map((range) => ({ ...range })),
    options: JSON.parse(JSON.stringify(spec.options)) as Record<string, unknown>,
    position: { ...spec.position },
  };
}

/**
 * A new chart sits at row 1, column 1 with no offset until setPosition says otherwise (UNCONFIRMED:
 * the reference gives no default anchor; Sheets' own "Insert chart" places charts near the selection).
 */
export function emptySpec(): ChartSpec {
  return { type: null, ranges: [], options: {}, position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 } };
}

/**
 * Chart ids are "a stable identifier for the chart that is unique across the spreadsheet" (§5): a
 * workbook-wide counter, never reused after a removal. Real ids are large integers; these look alike.
 */
function nextChartId(book: Book): number {
  const counter = (book.model.counters.chart ?? 0) + 1;
  book.model.counters.chart = counter;
  return 1_000_000_000 + counter * 7_919;
}

/**
 * Apps Script needs a chart type to draw anything; the builder has none until setChartType.
 * UNCONFIRMED: the exact text of the error for a chart without a type (stricter choice: refuse it).
 */
function checkType(spec: ChartSpec): void {
  if (spec.type === null) throw gasError('A chart type must be set before the chart is added to the sheet.');
}

export function insertChartModel(book: Book, sheet: SheetModel, spec: ChartSpec): ChartModel {
  checkType(spec);
  const model: ChartModel = { chartId: nextChartId(book), ...copySpec(spec) };
  sheet.charts.push(model);
  return model;
}

/**
 * UNCONFIRMED: the error texts for updating or removing a chart that is not (or no longer) on the sheet;
 * no source quotes them. The stricter behaviour is kept: the call fails rather than doing nothing.
 */
function indexOfChart(sheet: SheetModel, chartId: number | null): number {
  const index = chartId === null ? -1 : sheet.charts.findIndex((chart) => chart.chartId === chartId);
  if (index === -1) throw gasError('The chart was not found on this sheet.');
  return index;
}

export function updateChartModel(sheet: SheetModel, chartId: number | null, spec: ChartSpec): void {
  const index = indexOfChart(sheet, chartId);
  checkType(spec);
  sheet.charts[index] = { chartId: chartId as number, ...copySpec(spec) };
}

export function removeChartModel(sheet: SheetModel, chartId: number | null): void {
  sheet.charts.splice(indexOfChart(sheet, chartId), 1);
}

/** A chart's source range in A1, qualified with its sheet's name when it lies on another sheet. */
export function chartRangeA1(book: Book, owner: SheetModel, range: ChartRangeModel): string {
  const a1 =
    range.numRows === 1 && range.numCols === 1
      ? cellA1(range.row, range.col)
      : `${cellA1(range.row, range.col)}:${cellA1(range.row + range.numRows - 1, range.col + range.numCols - 1)}`;
  if (range.sheetId === owner.id) return a1;
  const sheet = book.sheetById(range.sheetId);
  return `${quoteSheetName(sheet?.name ?? '#REF')}!${a1}`;
}

/** What the inspector shows of a sheet's charts: plain data for tests and the playground. */
export interface ChartInfo {
  chartId: number;
  type: string | null;
  ranges: string[];
  options: Record<string, unknown>;
  position: ChartModel['position'];
}

export function chartInfos(book: Book, sheet: SheetModel): ChartInfo[] {
  return sheet.charts.map((chart) => ({
    chartId: chart.chartId,
    type: chart.type,
    ranges: chart.ranges.map((range) => chartRangeA1(book, sheet, range)),
    options: JSON.parse(JSON.stringify(chart.options)) as Record<string, unknown>,
    position: { ...chart.position },
  }));
}
