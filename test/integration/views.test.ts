import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, writeFields, type FieldValues } from '../../src/server/workbook/table';
import { catalogue } from '../../src/shared/i18n/translate';
import { TEMPLATES, type TableKey } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';

const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
type Started = ReturnType<typeof startAddon>;
type View = { filterViewId: number; title: string; range?: Record<string, number>; sheetName: string };

function setUp(options: Parameters<typeof startAddon>[0] = {}): Started {
  const started = startAddon({ user: OWNER, ...options });
  expect(started.host.run('runInstall', [{ language: 'zh-CN' }])).toMatchObject({ ok: true, value: { ok: true } });
  useRuntimeGlobals(started.runtime);
  return started;
}

function append(table: TableKey, records: FieldValues[]): void {
  appendRecords(readTable(TEMPLATES[table], loadDocumentProperties()), records, 'zh-CN');
}

function customer(id: string, values: FieldValues): FieldValues {
  return {
    id,
    name: `客户${id}`,
    customerType: 'individual',
    contactName: '某',
    source: 'other',
    needs: '—',
    ...values,
  };
}

/**
 * Rows 2–5 of Customers, 2–4 of Follow-ups, 2–7 of Tickets. Team: the installing manager (seeded by install
 * as "boss"), an active rep, one who left, and a second row for the manager (ignored: one view per e-mail).
 */
function seed(): void {
  append('team', [
    { name: '王芳', email: 'wang@example.com', role: 'rep', active: true },
    { name: '李雷', email: 'li@example.com', role: 'rep', active: false },
    { name: '老板', email: 'Boss@Example.com', role: 'manager', active: true },
  ]);
  append('customers', [
    customer('C1', { owner: 'wang@example.com', valueTier: 'strategic', segment: 'highValue', annualValue: 900000 }),
    customer('C2', { owner: 'boss@example.com', valueTier: 'key', segment: 'growth', sleeping: true }),
    customer('C3', { owner: 'wang@example.com', valueTier: 'strategic', segment: 'regular', churnRisk: true }),
    customer('C4', { owner: 'li@example.com', valueTier: 'standard', segment: 'dormant', sleeping: false }),
  ]);
  append('followUps', [
    { id: 'G1', customerId: 'C1', status: 'open', overdue: true, owner: 'wang@example.com' },
    { id: 'G2', customerId: 'C1', status: 'done', overdue: true, owner: 'wang@example.com' },
    { id: 'G3', customerId: 'C2', status: 'open', overdue: false, owner: 'boss@example.com' },
  ]);
  const archived = new Date('2024-06-01T02:00:00Z');
  append('tickets', [
    { id: 'F1', customerId: 'C1', priority: 'high', status: 'pending' },
    { id: 'F2', customerId: 'C1', priority: 'high', status: 'resolved' },
    { id: 'F3', customerId: 'C2', priority: 'high', status: 'closed', archivedAt: archived },
    { id: 'F4', customerId: 'C2', priority: 'medium', status: 'inProgress', slaBreached: true },
    { id: 'F5', customerId: 'C3', priority: 'high', status: 'inProgress' },
    { id: 'F6', customerId: 'C3', priority: 'low', status: 'closed', slaBreached: true, archivedAt: archived },
  ]);
}

function views({ runtime }: Started): View[] {
  return runtime.workbook.filterViews() as unknown as View[];
}

function viewNamed(started: Started, title: string): View {
  const found = views(started).filter((view) => view.title === title);
  expect(found).toHaveLength(1);
  return found[0] as View;
}

/** The sheet rows a view shows, as the playground shows them. */
function visible(started: Started, title: string): number[] {
  return started.runtime.workbook.rowsVisibleInFilterView(viewNamed(started, title).filterViewId);
}

function lastAlert({ runtime }: Started): { title: string; prompt: string } {
  return runtime.ui.alerts.at(-1) as { title: string; prompt: string };
}

/** Records the batchUpdate requests the add-on sends (the script sees this same Sheets object). */
function spyOnBatchUpdate({ runtime }: Started): unknown[][] {
  const spreadsheets = (runtime.globals.Sheets as { Spreadsheets: Record<string, unknown> }).Spreadsheets;
  const original = (spreadsheets.batchUpdate as (...args: unknown[]) => unknown).bind(spreadsheets);
  const calls: unknown[][] = [];
  spreadsheets.batchUpdate = (resource: { requests: unknown[] }, id: string) => {
    calls.push(resource.requests);
    return original(resource, id);
  };
  return calls;
}

const kinds = (requests: unknown[] | undefined): string[] =>
  (requests ?? []).map((request) => Object.keys(request as object)[0] as string);

const ALL_TITLES = [
  'CRM · 战略客户',
  'CRM · 重点客户',
  'CRM · 普通客户',
  'CRM · 高价值活跃客户',
  'CRM · 潜力成长客户',
  'CRM · 沉睡客户',
  'CRM · 一般客户',
  'CRM · 沉默客户',
  'CRM · 流失风险客户',
  'CRM · 逾期跟进',
  'CRM · 未结工单 · 高优先级',
  'CRM · 未结工单 · 中优先级',
  'CRM · 未结工单 · 低优先级',
  'CRM · SLA 超时工单',
  'CRM · 负责人：王芳',
  'CRM · 负责人：boss',
];

describe('Create manager views', () => {
  it('creates every view on its sheet, unbounded, and each shows exactly its rows', () => {
    const started = setUp();
    seed();
    const calls = spyOnBatchUpdate(started);
    started.host.open();
    started.host.clickMenu('创建主管视图');

    expect(calls).toHaveLength(1);
    expect(kinds(calls[0])).toEqual(ALL_TITLES.map(() => 'addFilterView'));
    expect(
      views(started)
        .map((view) => `${view.sheetName}|${view.title}`)
        .sort(),
    ).toEqual(
      ALL_TITLES.map((title) => {
        const sheet = title.includes('工单') ? '服务工单' : title.includes('跟进') ? '跟进记录' : '客户';
        return `${sheet}|${title}`;
      }).sort(),
    );
    for (const view of views(started)) {
      expect(view.range).not.toHaveProperty('endRowIndex');
      expect(view.range).not.toHaveProperty('startRowIndex'); // 0: the header row, left out by the API
    }
    // Customers: C1 row 2, C2 row 3, C3 row 4, C4 row 5.
    expect(visible(started, 'CRM · 战略客户')).toEqual([2, 4]);
    expect(visible(started, 'CRM · 重点客户')).toEqual([3]);
    expect(visible(started, 'CRM · 普通客户')).toEqual([5]);
    expect(visible(started, 'CRM · 高价值活跃客户')).toEqual([2]);
    expect(visible(started, 'CRM · 沉睡客户')).toEqual([5]);
    expect(visible(started, 'CRM · 沉默客户')).toEqual([3]);
    expect(visible(started, 'CRM · 流失风险客户')).toEqual([4]);
    expect(visible(started, 'CRM · 负责人：王芳')).toEqual([2, 4]);
    expect(visible(started, 'CRM · 负责人：boss')).toEqual([3]);
    // Follow-ups: only the open overdue action G1.
    expect(visible(started, 'CRM · 逾期跟进')).toEqual([2]);
    // Tickets: F1 row 2 … F6 row 7. Resolved, closed and archived ones are hidden.
    expect(visible(started, 'CRM · 未结工单 · 高优先级')).toEqual([2, 6]);
    expect(visible(started, 'CRM · 未结工单 · 中优先级')).toEqual([5]);
    expect(visible(started, 'CRM · 未结工单 · 低优先级')).toEqual([]);
    expect(visible(started, 'CRM · SLA 超时工单')).toEqual([5]);
    // Sorted by resolution due, at the column where it is.
    const resolutionDue = stampedColumnsOf(sheetForTable(spreadsheetOf(started.runtime), 'tickets')).resolutionDue;
    expect((viewNamed(started, 'CRM · 未结工单 · 高优先级') as View & { sortSpecs?: unknown }).sortSpecs).toEqual([
      { dimensionIndex: (resolutionDue as number) - 1, sortOrder: 'ASCENDING' },
    ]);

    const alert = lastAlert(started);
    expect(alert.title).toBe('主管视图');
    expect(alert.prompt.split('\n').slice(0, 3)).toEqual([
      '已创建（16）：',
      '  • CRM · 战略客户',
      '  • CRM · 重点客户',
    ]);
    expect(alert.prompt).toContain('  • CRM · 负责人：boss');
    expect(alert.prompt).not.toContain('老板');
    expect(alert.prompt).not.toContain('李雷');
  });

  it('re-running sends no request when nothing changed; a tampered view is updated in place', () => {
    const started = setUp();
    seed();
    started.host.open();
    started.host.clickMenu('createManagerViews');
    const ids = views(started)
      .map((view) => view.filterViewId)
      .sort();
    const calls = spyOnBatchUpdate(started);

    started.host.clickMenu('createManagerViews');
    expect(calls).toEqual([]);
    expect(lastAlert(started).prompt).toBe('全部 16 个主管视图均已是最新，未做任何更改。');

    // A manager edits our strategic view by hand (shows everything now) and adds a view of their own.
    const strategic = viewNamed(started, 'CRM · 战略客户');
    const sheets = started.runtime.globals.Sheets as {
      Spreadsheets: { batchUpdate(resource: { requests: object[] }, spreadsheetId: string): unknown };
    };
    const id = spreadsheetOf(started.runtime).getId();
    sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            updateFilterView: {
              filter: { filterViewId: strategic.filterViewId, filterSpecs: [] },
              fields: 'filterSpecs',
            },
          },
          { addFilterView: { filter: { title: '我的视图', range: { sheetId: strategic.range?.sheetId ?? 0 } } } },
        ],
      },
      id,
    );
    expect(visible(started, 'CRM · 战略客户')).toEqual([2, 3, 4, 5]);
    started.host.clickMenu('createManagerViews');
    expect(kinds(calls.at(-1))).toEqual(['updateFilterView']);
    expect(visible(started, 'CRM · 战略客户')).toEqual([2, 4]);
    expect(viewNamed(started, 'CRM · 战略客户').filterViewId).toBe(strategic.filterViewId);
    expect(viewNamed(started, '我的视图')).toBeDefined();
    expect(
      views(started)
        .filter((view) => view.title.startsWith('CRM · '))
        .map((view) => view.filterViewId)
        .sort(),
    ).toEqual(ids);
    expect(lastAlert(started).prompt.split('\n').slice(0, 3)).toEqual([
      '已更新（1）：',
      '  • CRM · 战略客户',
      '无需更改：15 个',
    ]);
  });

  it('targets the columns where they are now, after the user moved columns', () => {
    const started = setUp();
    const sheet = sheetForTable(spreadsheetOf(started.runtime), 'customers');
    const tierColumn = stampedColumnsOf(sheet).valueTier as number;
    sheet.moveColumns(sheet.getRange(1, tierColumn, sheet.getMaxRows(), 1), 1); // value tier to column A
    seed();
    started.host.open();
    started.host.clickMenu('createManagerViews');
    const strategic = viewNamed(started, 'CRM · 战略客户') as View & { filterSpecs: { columnIndex?: number }[] };
    // The tier, and "not merged" on the merge-pointer column.
    expect(strategic.filterSpecs).toHaveLength(2);
    expect(strategic.filterSpecs[0]?.columnIndex ?? 0).toBe(0); // column A (0 is left out by the API)
    expect(strategic.filterSpecs[1]?.columnIndex).toBe((stampedColumnsOf(sheet).mergedInto as number) - 1);
    expect(visible(started, 'CRM · 战略客户')).toEqual([2, 4]);

    // Moved again after the views exist: a re-run still filters the right cells.
    const ownerColumn = stampedColumnsOf(sheet).owner as number;
    sheet.moveColumns(sheet.getRange(1, ownerColumn, sheet.getMaxRows(), 1), 2);
    started.host.clickMenu('createManagerViews');
    const owner = viewNamed(started, 'CRM · 负责人：王芳') as View & { filterSpecs: { columnIndex?: number }[] };
    expect(owner.filterSpecs[0]?.columnIndex).toBe(1);
    expect(visible(started, 'CRM · 负责人：王芳')).toEqual([2, 4]);
    expect(visible(started, 'CRM · 战略客户')).toEqual([2, 4]);
    expect(views(started).filter((view) => view.title === 'CRM · 负责人：王芳')).toHaveLength(1);

    // A customer merged into another (Merge duplicates marks its row) leaves the customers' views.
    sheet.getRange(4, stampedColumnsOf(sheet).mergedInto as number).setValue('C20240101001');
    expect(visible(started, 'CRM · 战略客户')).toEqual([2]);
    expect(visible(started, 'CRM · 负责人：王芳')).toEqual([2]);
  });

  it('adds a view for a new team member and deletes it when they are made inactive', () => {
    const started = setUp();
    seed();
    started.host.open();
    started.host.clickMenu('createManagerViews');
    append('team', [{ name: '韩梅梅', email: 'han@example.com', role: 'rep', active: true }]);
    append('customers', [customer('C5', { owner: 'han@example.com', valueTier: 'standard' })]);
    const calls = spyOnBatchUpdate(started);

    started.host.clickMenu('createManagerViews');
    expect(kinds(calls[0])).toEqual(['addFilterView']);
    expect(visible(started, 'CRM · 负责人：韩梅梅')).toEqual([6]);
    expect(visible(started, 'CRM · 普通客户')).toEqual([5, 6]); // the unbounded range covers the new row
    expect(lastAlert(started).prompt.split('\n').slice(0, 2)).toEqual(['已创建（1）：', '  • CRM · 负责人：韩梅梅']);

    const team = readTable(TEMPLATES.team, loadDocumentProperties());
    const han = team.records.find((record) => record.values.email === 'han@example.com');
    writeFields(team, [{ row: han?.row as number, values: { active: false } }], 'zh-CN');
    started.host.clickMenu('createManagerViews');
    expect(kinds(calls[1])).toEqual(['deleteFilterView']);
    expect(views(started).some((view) => view.title.includes('韩梅梅'))).toBe(false);
    expect(lastAlert(started).prompt.split('\n').slice(0, 2)).toEqual(['已删除（1）：', '  • CRM · 负责人：韩梅梅']);
  });

  it('says how to enable the Advanced Sheets service when it is off, and changes nothing', () => {
    const started = setUp({ advancedSheetsEnabled: false });
    started.host.open();
    started.host.clickMenu('createManagerViews');
    expect(lastAlert(started)).toEqual(
      expect.objectContaining({ title: '主管视图', prompt: catalogue('zh-CN')['views.advancedOff'] }),
    );
    expect(lastAlert(started).prompt).toContain('扩展程序 ▸ Apps Script ▸ 服务');
    expect(views(started)).toEqual([]);
  });

  it('installs the workbook first when it is not installed yet (views in the user locale)', () => {
    const started = startAddon({ user: { email: 'boss@example.com', locale: 'en' } });
    started.host.open();
    started.host.clickMenu('createManagerViews');
    expect(views(started).map((view) => view.title)).toEqual(
      expect.arrayContaining(['CRM · Strategic customers', 'CRM · Open tickets · High priority']),
    );
    expect(lastAlert(started).title).toBe('Manager views');
  });
});

describe('the sleeping view (issue 19 item 5)', () => {
  it.each([
    ['en', 'en', 'CRM · Sleeping customers', 'Customers'],
    ['zh_CN', 'zh-CN', 'CRM · 沉默客户', '客户'],
  ] as const)(
    'in %s lists sleeping customers, overdue or not, longest without contact first',
    (locale, language, title, sheet) => {
      const started = startAddon({ user: { email: 'boss@example.com', locale } });
      expect(started.host.run('runInstall', [{ language }])).toMatchObject({ ok: true, value: { ok: true } });
      useRuntimeGlobals(started.runtime);
      appendRecords(
        readTable(TEMPLATES.customers, loadDocumentProperties()),
        [
          customer('C1', { sleeping: true, followUpOverdue: true, lastContactAt: new Date('2024-03-01T02:00:00Z') }),
          customer('C2', { sleeping: false, followUpOverdue: true }),
          customer('C3', { sleeping: true, lastContactAt: new Date('2024-01-01T02:00:00Z') }),
          customer('C4', { sleeping: false }),
        ],
        language,
      );
      started.host.open();
      started.host.clickMenu('createManagerViews');
      const view = viewNamed(started, title) as View & { sortSpecs?: unknown };
      expect(view.sheetName).toBe(sheet);
      expect(visible(started, title)).toEqual([2, 4]); // C1 (also overdue) and C3
      const lastContact = stampedColumnsOf(sheetForTable(spreadsheetOf(started.runtime), 'customers')).lastContactAt;
      expect(view.sortSpecs).toEqual([{ dimensionIndex: (lastContact as number) - 1, sortOrder: 'ASCENDING' }]);
    },
  );
});

describe('cost', () => {
  it('makes the same calls and reads the same cells with 10 and 10,000 customers: one get, one batchUpdate', () => {
    const costs = [10, 10000].map((count) => {
      const started = setUp();
      seed();
      append(
        'customers',
        Array.from({ length: count }, (_, i) =>
          customer(`C9${String(i).padStart(6, '0')}`, { owner: 'wang@example.com', valueTier: 'standard' }),
        ),
      );
      started.host.open();
      started.runtime.meter.reset();
      started.host.clickMenu('createManagerViews');
      expect(lastAlert(started).prompt).toContain('已创建（16）');
      return started.runtime.meter.snapshot();
    });
    expect(costs[1]?.byMethod).toEqual(costs[0]?.byMethod);
    // Only header rows (and the small Team table) are read: the customers' rows cost nothing.
    expect(costs[1]?.cellsRead).toBe(costs[0]?.cellsRead);
    expect(costs[0]?.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    expect(costs[0]?.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(costs[0]?.byService.SpreadsheetApp).toBeLessThanOrEqual(12);
  });
});
