import type { DashboardChart } from '../../shared/rules/kpi-layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

/**
 * The dashboard's embedded charts (docs/product-rules.md §6: satisfaction distribution, new vs active per month, pipeline by
 * stage), created once and updated in place on every refresh, never duplicated. Ours are recognised by
 * their title in any of the three languages (docs/apps-script/filter-views-and-charts.md §5: options are
 * read back with getOptions().get('title')), so a change of workbook language retitles them instead of
 * adding new ones. Cost: 1 + 2 per chart on the sheet to find them, then one builder chain per chart.
 */
export interface ChartsReport {
  created: number;
  updated: number;
}

function titleOf(chart: EmbeddedChart): string {
  const title: unknown = chart.getOptions().get('title');
  return typeof title === 'string' ? title : '';
}

export function upsertDashboardCharts(sheet: Sheet, charts: readonly DashboardChart[]): ChartsReport {
  const existing = sheet.getCharts().map((chart) => ({ chart, title: titleOf(chart) }));
  const report: ChartsReport = { created: 0, updated: 0 };
  for (const wanted of charts) {
    const found = existing.find((entry) => wanted.titles.includes(entry.title));
    const { row, column, numRows, numColumns } = wanted.range;
    const source = sheet.getRange(row, column, numRows, numColumns);
    const builder = found ? found.chart.modify().clearRanges() : sheet.newChart();
    const chart = builder
      .addRange(source)
      .setChartType(Charts.ChartType[wanted.type])
      .setOption('title', wanted.title)
      .setOption('legend', { position: wanted.key === 'trend' ? 'bottom' : 'none' })
      .setPosition(wanted.anchor.row, wanted.anchor.column, 0, 0)
      .build();
    if (found) {
      sheet.updateChart(chart);
      report.updated++;
    } else {
      sheet.insertChart(chart);
      report.created++;
    }
  }
  return report;
}
