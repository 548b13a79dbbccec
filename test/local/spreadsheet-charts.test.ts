import { restoreWorkbook, serializeWorkbook } from '../../src/local/spreadsheet/persistence';
import { errorOf, makeService } from './spreadsheet-fixture';

/** Charts: docs/apps-script/filter-views-and-charts.md §5 (EmbeddedChartBuilder, EmbeddedChart, ContainerInfo, ChartOptions). */
function withCharts() {
  const made = makeService();
  const Charts = made.service.globals.Charts as { ChartType: Record<string, unknown> };
  return { ...made, Charts };
}

describe('embedded charts (docs/apps-script/filter-views-and-charts.md §5)', () => {
  it('the reference snippet: newChart…build, insertChart; ids are null until read back from the sheet', () => {
    const { sheet, Charts, workbook } = withCharts();
    const builder = sheet
      .newChart()
      .addRange(sheet.getRange('A1:B6'))
      .setChartType(Charts.ChartType.LINE)
      .setOption('title', 'My Line Chart!');
    // toString shapes as live Apps Script prints them (gas-fakes tests).
    expect(String(builder)).toMatch(
      /^com\.google\.apps\.maestro\.server\.beans\.trix\.impl\.ChartPropertyApiEmbeddedChartBuilder@[0-9a-f]+$/,
    );
    const chart = builder.build();
    expect(String(chart)).toBe('EmbeddedChart');
    expect(chart.getChartId()).toBeNull();
    expect(sheet.insertChart(chart)).toBeUndefined();
    // The built object stays detached: the sheet's chart has the id.
    expect(chart.getChartId()).toBeNull();
    const [stored] = sheet.getCharts();
    expect(typeof stored.getChartId()).toBe('number');
    expect(stored.getOptions().get('title')).toBe('My Line Chart!');
    expect(stored.getRanges().map((r: { getA1Notation(): string }) => r.getA1Notation())).toEqual(['A1:B6']);
    expect(workbook.charts('Sheet1')).toEqual([
      {
        chartId: stored.getChartId(),
        type: 'LINE',
        ranges: ['A1:B6'],
        options: { title: 'My Line Chart!' },
        position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
      },
    ]);
  });

  it('ChartOptions.get is null for an unset option; getOrDefault knows the 600 × 371 overlay size', () => {
    const { sheet, Charts } = withCharts();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.PIE).build());
    const options = sheet.getCharts()[0].getOptions();
    expect(options.get('title')).toBeNull();
    expect([options.getOrDefault('width'), options.getOrDefault('height')]).toEqual([600, 371]);
  });

  it('ContainerInfo anchors are 1-indexed as given to setPosition; offsets in pixels', () => {
    const { sheet, Charts } = withCharts();
    const builder = sheet.newChart().setChartType(Charts.ChartType.BAR).setPosition(5, 3, 10, 20);
    const container = builder.getContainer();
    expect([
      container.getAnchorRow(),
      container.getAnchorColumn(),
      container.getOffsetX(),
      container.getOffsetY(),
    ]).toEqual([5, 3, 10, 20]);
    expect(String(builder.getChartType())).toBe('BAR');
    expect(sheet.newChart().getChartType()).toBeNull();
    sheet.insertChart(builder.build());
    expect(sheet.getCharts()[0].getContainerInfo().getAnchorRow()).toBe(5);
  });

  it('modify()…build() keeps the id; changes reach the sheet only with updateChart, in place', () => {
    const { sheet, Charts, workbook } = withCharts();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A1:B3')).build());
    const original = sheet.getCharts()[0];
    const id = original.getChartId();
    const changed = original
      .modify()
      .clearRanges()
      .addRange(sheet.getRange('C1:D9'))
      .setChartType(Charts.ChartType.COLUMN)
      .setOption('title', 'Updated!')
      .setPosition(2, 2, 0, 0)
      .build();
    expect(changed.getChartId()).toBe(id);
    expect(workbook.charts('Sheet1')[0]?.type).toBe('LINE'); // not saved yet
    sheet.updateChart(changed);
    expect(workbook.charts('Sheet1')).toEqual([
      {
        chartId: id,
        type: 'COLUMN',
        ranges: ['C1:D9'],
        options: { title: 'Updated!' },
        position: { anchorRow: 2, anchorColumn: 2, offsetX: 0, offsetY: 0 },
      },
    ]);
    // The chart read before the update is a snapshot.
    expect(original.getOptions().get('title')).toBeNull();
  });

  it('removeRange drops an equal range; ranges on another sheet are qualified in the inspector', () => {
    const { ss, sheet, Charts, workbook } = withCharts();
    const data = ss.insertSheet('Data 2');
    const builder = sheet
      .newChart()
      .setChartType(Charts.ChartType.BAR)
      .addRange(sheet.getRange('A1:A3'))
      .addRange(data.getRange('B2:C4'))
      .removeRange(sheet.getRange('A1:A3'));
    sheet.insertChart(builder.build());
    expect(workbook.charts('Sheet1')[0]?.ranges).toEqual(["'Data 2'!B2:C4"]);
  });

  it('removeChart removes it; updating or removing a chart not on the sheet fails (UNCONFIRMED text)', () => {
    const { sheet, Charts, ss } = withCharts();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.LINE).build());
    const chart = sheet.getCharts()[0];
    sheet.removeChart(chart);
    expect(sheet.getCharts()).toEqual([]);
    expect(errorOf(() => sheet.removeChart(chart))).toEqual({
      name: 'Exception',
      message: 'The chart was not found on this sheet.',
    });
    const other = ss.insertSheet('Other');
    other.insertChart(other.newChart().setChartType(Charts.ChartType.LINE).build());
    expect(errorOf(() => sheet.updateChart(other.getCharts()[0])).message).toBe(
      'The chart was not found on this sheet.',
    );
    // A new chart (id null) cannot be "updated".
    expect(errorOf(() => sheet.updateChart(sheet.newChart().setChartType(Charts.ChartType.LINE).build())).message).toBe(
      'The chart was not found on this sheet.',
    );
  });

  it('ids are unique across the spreadsheet and never reused after a removal', () => {
    const { sheet, Charts, ss } = withCharts();
    const add = (target: typeof sheet) =>
      target.insertChart(target.newChart().setChartType(Charts.ChartType.LINE).build());
    add(sheet);
    const first = sheet.getCharts()[0].getChartId();
    sheet.removeChart(sheet.getCharts()[0]);
    add(ss.insertSheet('Two'));
    add(sheet);
    const ids = [ss.getSheetByName('Two').getCharts()[0].getChartId(), sheet.getCharts()[0].getChartId()];
    expect(new Set([first, ...ids]).size).toBe(3);
  });

  it('wrong arguments are signature errors; a chart without a type is refused; as*Chart is not supported', () => {
    const { sheet } = withCharts();
    expect(errorOf(() => sheet.newChart().setChartType('DONUT')).message).toBe(
      "The parameters (String) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setChartType.",
    );
    expect(errorOf(() => sheet.newChart().addRange('A1:B2')).message).toBe(
      "The parameters (String) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.",
    );
    expect(errorOf(() => sheet.insertChart({})).message).toBe(
      "The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.insertChart.",
    );
    expect(errorOf(() => sheet.insertChart(sheet.newChart().build())).message).toBe(
      'A chart type must be set before the chart is added to the sheet.',
    );
    expect(errorOf(() => sheet.newChart().asColumnChart()).message).toBe(
      'not supported by the local runtime: EmbeddedChartBuilder.asColumnChart',
    );
  });

  it('every call is metered as SpreadsheetApp.<Class>.<method> (Charts.ChartOptions for options)', () => {
    const { sheet, Charts, ctx } = withCharts();
    ctx.meter.reset();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.LINE).setOption('title', 't').build());
    sheet.getCharts()[0].getOptions().get('title');
    expect(ctx.meter.snapshot().byMethod).toEqual({
      'SpreadsheetApp.Sheet.newChart': 1,
      'SpreadsheetApp.EmbeddedChartBuilder.setChartType': 1,
      'SpreadsheetApp.EmbeddedChartBuilder.setOption': 1,
      'SpreadsheetApp.EmbeddedChartBuilder.build': 1,
      'SpreadsheetApp.Sheet.insertChart': 1,
      'SpreadsheetApp.Sheet.getCharts': 1,
      'SpreadsheetApp.EmbeddedChart.getOptions': 1,
      'Charts.ChartOptions.get': 1,
    });
  });

  it('charts are saved and loaded with the workbook; deleting the sheet deletes its charts', () => {
    const { sheet, Charts, ss, service, workbook } = withCharts();
    const two = ss.insertSheet('Two');
    two.insertChart(two.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('A1:B2')).build());
    const saved = JSON.parse(JSON.stringify(service.state.serialize()));
    const before = workbook.charts('Two');
    service.state.restore(saved);
    expect(workbook.charts('Two')).toEqual(before);
    expect(restoreWorkbook(serializeWorkbook(restoreWorkbook(saved))).counters.chart).toBe(1);
    ss.deleteSheet(ss.getSheetByName('Two'));
    expect(workbook.sheets().map((s) => s.name)).toEqual(['Sheet1']);
  });
});
