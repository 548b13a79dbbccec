import { startAddon } from '../support/addon';
import { documentProperties, spreadsheetOf } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/**
 * The My day index keeps one hidden sheet: when it is dropped (Grade all, the daily scan's failed write, an
 * archive run that deleted rows), the next build writes over the same sheet instead of adding "… 2", "… 3",
 * each of which would keep a whole index's cells toward the workbook's 10 M (bench/README.md, three years).
 */
const REP = { email: 'boss@example.com', locale: 'zh_CN' };

function setUp() {
  const started = startAddon({ user: REP });
  started.host.run('runInstall', [{ language: 'zh-CN' }]);
  saveCustomer(started.host, customerFields());
  started.host.run('saveFollowUp', [
    {
      requestId: requestId(),
      customerId: 'C20240603001',
      fields: {
        at: '2024-06-03T08:00',
        direction: 'outbound',
        channel: 'phone',
        content: '沟通',
        nextAction: '回访',
        nextActionDue: '2024-06-03T18:00',
      },
    },
  ]);
  return started;
}

function indexSheets(runtime: ReturnType<typeof startAddon>['runtime']): string[] {
  return spreadsheetOf(runtime)
    .getSheets()
    .map((sheet) => sheet.getName())
    .filter((name) => name.startsWith('我的今天索引'));
}

function dueToday(host: ReturnType<typeof startAddon>['host']): string[] {
  const result = host.run<{ ok: true; value: { sections: { key: string; items: { id: string }[] }[] } }>(
    'getMyDay',
    [],
    { user: REP },
  );
  if (!result.ok || !result.value.ok) throw new Error(JSON.stringify(result));
  const section = result.value.value.sections.find((candidate) => candidate.key === 'dueToday');
  return (section?.items ?? []).map((item) => item.id);
}

describe('the My day index sheet', () => {
  it('is written over again after Grade all dropped the index, not added again', () => {
    const { host, runtime } = setUp();
    expect(dueToday(host)).toEqual(['G20240603001']);
    expect(indexSheets(runtime)).toEqual(['我的今天索引']);
    host.open();
    host.clickMenu('gradeAllCustomers');
    runtime.meter.reset();
    expect(dueToday(host)).toEqual(['G20240603001']);
    // Built again (its rows written) on the sheet it had.
    expect(runtime.meter.snapshot().byMethod['SpreadsheetApp.Spreadsheet.insertSheet']).toBeUndefined();
    expect(indexSheets(runtime)).toEqual(['我的今天索引']);
    expect(spreadsheetOf(runtime).getSheetByName('我的今天索引')?.isSheetHidden()).toBe(true);
  });

  it('is made again, once, when the user deleted it', () => {
    const { host, runtime } = setUp();
    expect(dueToday(host)).toEqual(['G20240603001']);
    spreadsheetOf(runtime).deleteSheet(spreadsheetOf(runtime).getSheetByName('我的今天索引') as never);
    host.open();
    host.clickMenu('gradeAllCustomers');
    expect(dueToday(host)).toEqual(['G20240603001']);
    host.clickMenu('gradeAllCustomers');
    expect(dueToday(host)).toEqual(['G20240603001']);
    expect(indexSheets(runtime)).toEqual(['我的今天索引']);
  });

  it('holds one entry a cell in one column (it counts toward the workbook’s 10 M cells)', () => {
    const { host, runtime } = setUp();
    expect(dueToday(host)).toEqual(['G20240603001']);
    const sheet = spreadsheetOf(runtime).getSheetByName('我的今天索引');
    expect(sheet?.getMaxColumns()).toBe(1);
    const cells = sheet?.getDataRange().getValues() ?? [];
    expect(String(cells[0]?.[0])).toContain('记录');
    // Rep, table, id, record: tab-separated in the one cell.
    expect(cells.slice(1).some((row) => String(row[0]).startsWith('boss@example.com\tfollowUps\tG20240603001\t'))).toBe(
      true,
    );
  });

  it('built by an earlier version in four columns is built again into one, on the same sheet', () => {
    const { host, runtime } = setUp();
    expect(dueToday(host)).toEqual(['G20240603001']);
    const spreadsheet = spreadsheetOf(runtime);
    const sheet = spreadsheet.getSheetByName('我的今天索引');
    if (!sheet) throw new Error('no index sheet');
    // What the four-column layout left: its columns, and a meta without a format.
    sheet.insertColumnsAfter(1, 3);
    sheet.getRange(1, 1, 1, 4).setValues([['负责人', '表', '编号', '记录']]);
    const properties = documentProperties(runtime);
    const meta = JSON.parse(properties.getProperty('crm.myDayIndex') ?? '{}') as Record<string, unknown>;
    delete meta.format;
    properties.setProperty('crm.myDayIndex', JSON.stringify(meta));
    expect(dueToday(host)).toEqual(['G20240603001']);
    expect(indexSheets(runtime)).toEqual(['我的今天索引']);
    expect(sheet.getMaxColumns()).toBe(1);
    expect(String(sheet.getRange(1, 1).getValue())).toContain('记录');
    expect(JSON.parse(properties.getProperty('crm.myDayIndex') ?? '{}')).toMatchObject({ format: 3 });
  });
});
