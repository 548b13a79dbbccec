import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable } from '../../src/server/workbook/table';
import type { Language } from '../../src/shared/i18n/language';
import type { FieldValue } from '../../src/shared/schema/cells';
import { TEMPLATES, type TableKey } from '../../src/shared/schema/templates';
import { DASHBOARD_COLUMNS } from '../../src/server/jobs/job-columns';
import { startAddon } from '../support/addon';
import { columnsOnceBound, wholeTablesCells } from '../support/job-cells';
import { documentProperties, useRuntimeGlobals } from '../support/gas';

/**
 * Refresh dashboard (issue 9, docs/product-rules.md §6) on the built bundle: the Dashboard sheet written as values in a few
 * block writes, the three charts created once and updated in place, per-owner rows for the whole team,
 * the three languages, and a constant number of service calls whatever the table sizes.
 * The runtime starts on Monday 2024-06-03 09:00 in Asia/Shanghai: this month is 2024-06, last month 2024-05.
 */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const SHEET_NAMES: Record<Language, string> = { en: 'Dashboard', 'zh-CN': '仪表板', 'zh-TW': '儀表板' };
const at = (iso: string) => new Date(`${iso}+08:00`);

function setUp(language: Language = 'zh-CN') {
  const started = startAddon({ user: OWNER });
  started.host.run('runInstall', [{ language }]);
  started.host.open();
  useRuntimeGlobals(started.runtime);
  const add = (table: TableKey, rows: Record<string, FieldValue>[]) =>
    appendRecords(readTable(TEMPLATES[table], loadDocumentProperties()), rows, language);
  return { ...started, add, sheet: SHEET_NAMES[language] };
}

/** A small workbook whose figures are worked out by hand below. */
function seed(add: ReturnType<typeof setUp>['add']) {
  add('team', [
    { name: 'Lin', email: 'lin@example.com', role: 'rep', active: true },
    { name: 'Wu', email: 'wu@example.com', role: 'rep', active: true },
  ]);
  add('customers', [
    // Created in May, contacted on June 1st, won on June 2nd (a transaction).
    {
      id: 'C20240510001',
      name: 'A',
      owner: 'lin@example.com',
      createdAt: at('2024-05-10T10:00'),
      segment: 'highValue',
      stage: 'dealClosed',
      status: 'won',
    },
    // Created in June, never contacted.
    {
      id: 'C20240601001',
      name: 'B',
      owner: 'lin@example.com',
      createdAt: at('2024-06-01T10:00'),
      stage: 'initialContact',
      status: 'active',
    },
    // Old, last contact 2024-04-01: sleeping in May and June.
    {
      id: 'C20240301001',
      name: 'C',
      owner: 'boss@example.com',
      createdAt: at('2024-03-01T10:00'),
      stage: 'needsAnalysis',
      status: 'active',
      churnRisk: true,
    },
    // Lost.
    {
      id: 'C20240302001',
      name: 'D',
      owner: 'boss@example.com',
      createdAt: at('2024-03-02T10:00'),
      stage: 'proposalConfirmed',
      status: 'lost',
    },
  ]);
  add('followUps', [
    {
      id: 'G20240601001',
      customerId: 'C20240510001',
      at: at('2024-06-01T10:00'),
      direction: 'outbound',
      responded: 'yes',
      channel: 'phone',
      // A gift sent with the call (issue 19 item 4: care spend).
      cost: 120,
      owner: 'lin@example.com',
      status: 'done',
      createdAt: at('2024-06-01T10:00'),
    },
    {
      id: 'G20240401001',
      customerId: 'C20240301001',
      at: at('2024-04-01T10:00'),
      direction: 'outbound',
      responded: 'no',
      owner: 'boss@example.com',
      status: 'open',
      nextActionDue: at('2024-04-08T10:00'),
      createdAt: at('2024-04-01T10:00'),
    },
  ]);
  add('transactions', [
    { id: 'T20240602001', customerId: 'C20240510001', date: at('2024-06-02T00:00'), amount: 1000, refund: false },
  ]);
  add('tickets', [
    // Reported June 1st 08:00, answered 10:00: 2 h, within its 4 h first-response due.
    {
      id: 'F20240601001',
      customerId: 'C20240510001',
      reportedAt: at('2024-06-01T08:00'),
      firstResponseAt: at('2024-06-01T10:00'),
      firstResponseDue: at('2024-06-01T12:00'),
      assignee: 'lin@example.com',
      priority: 'high',
      status: 'inProgress',
    },
  ]);
  add('satisfaction', [
    { id: 'S20240602001', customerId: 'C20240510001', date: at('2024-06-02T00:00'), overall: 4, score: 84, nps: 9 },
    { id: 'S20240602002', customerId: 'C20240510001', date: at('2024-06-02T00:00'), overall: 5, score: 96, nps: 5 },
  ]);
}

type Workbook = ReturnType<typeof setUp>['runtime']['workbook'];

/** Label in column A → the row's cells. */
function rowsByLabel(workbook: Workbook, sheet: string): Map<string, unknown[]> {
  return new Map(workbook.values(sheet).map((row) => [String(row[0]), row.slice(1)]));
}

describe('Refresh dashboard', () => {
  it('writes the figures as values: headline, per owner (whole team), segments, chart sources; "–" for no data', () => {
    const { host, runtime, add, sheet } = setUp('en');
    seed(add);
    expect(host.run('refreshDashboard')).toMatchObject({
      ok: true,
      value: { ok: true, value: { sheetName: 'Dashboard' } },
    });
    const rows = rowsByLabel(runtime.workbook, sheet);
    expect(runtime.workbook.values(sheet, 'A1:A3').flat()).toEqual([
      'CRM dashboard',
      'As of 2024-06-03 09:00 (Asia/Shanghai)',
      'Last daily scan: never run',
    ]);
    expect(rows.get('Figure')?.slice(0, 2)).toEqual(['This month (2024-06)', 'Last month (2024-05)']);
    expect(rows.get('Total customers')?.slice(0, 2)).toEqual([4, 3]);
    expect(rows.get('New customers')?.slice(0, 2)).toEqual([1, 1]);
    // June: A contacted June 1st. May (as of May 31st): A created May 10th, never contacted → neither.
    expect(rows.get('Active (contact within 30 days)')?.slice(0, 2)).toEqual([1, 0]);
    expect(rows.get('Sleeping (no contact for 30 days)')?.slice(0, 2)).toEqual([1, 1]);
    expect(rows.get('Lost or churned (status)')?.slice(0, 2)).toEqual([1, 1]);
    // June: 1 customer followed up (A), won in June → 100 %; May: nobody followed up → "–".
    expect(rows.get('Conversion rate (won ÷ followed up)')?.slice(0, 2)).toEqual([1, '–']);
    expect(rows.get('Overdue follow-ups')?.slice(0, 2)).toEqual([1, 1]);
    expect(rows.get('Average ticket first response (hours)')?.slice(0, 2)).toEqual([2, '–']);
    expect(rows.get('Satisfaction mean (1–5)')?.slice(0, 2)).toEqual([4.5, '–']);
    expect(rows.get('Mean survey score (20–100)')?.slice(0, 2)).toEqual([90, '–']);
    // One promoter (9), one detractor (5): 50 % − 50 % = 0.
    expect(rows.get('NPS (target 40)')?.slice(0, 2)).toEqual([0, '–']);
    expect(rows.get('Churn risks open (now)')?.slice(0, 2)).toEqual([1, '–']);
    // Per owner: every team member, then other owners found in the data.
    const owners = runtime.workbook.values(sheet).filter((row) => ['boss', 'Lin', 'Wu'].includes(String(row[0])));
    expect(owners.map((row) => [row[0], row[1], row[2]])).toEqual([
      ['boss', 2, 0],
      ['Lin', 2, 1],
      ['Wu', 0, 0],
    ]);
    // Segments: high-value had 1 outbound touch answered "yes" (100 % vs 80 % target) and a first purchase only.
    expect(rows.get('High-value active')?.slice(0, 8)).toEqual([
      1,
      1,
      1,
      0.8,
      'On target',
      0,
      0.15,
      'Alert: 20% or more under target',
    ]);
    // Strategy matrix: high-value has 1 customer (A, Lin) touched once in 90 days → every 90 days vs 30; the one
    // June touch was by phone (a target channel) → 100 %; load 1–1 vs 20–30; no care cost recorded → "–".
    expect(rows.get('Days between outbound touches per customer (last 90 days)')?.slice(0, 6)).toEqual([
      90,
      30,
      '–',
      30,
      '–',
      90,
    ]);
    expect(rows.get('Outbound touches through the target channels (this month)')?.slice(0, 6)).toEqual([
      1,
      'Phone + Visit',
      '–',
      'Company group chat + SMS',
      '–',
      'SMS + E-mail',
    ]);
    expect(rows.get('Customers per owner (min–max, now)')?.slice(0, 6)).toEqual([
      '1–1',
      '20–30',
      '–',
      '50–80',
      '–',
      '100–150',
    ]);
    // Care spend: A's 120 yuan in the last 12 months against ≥ 500; nobody in growth or dormant.
    expect(rows.get('Care spend per customer (yuan, last 12 months)')?.slice(0, 6)).toEqual([
      120,
      '≥ 500',
      '–',
      '≥ 200',
      '–',
      '≤ 50',
    ]);
    expect(rows.get('Customers over the yearly budget (last 12 months)')?.slice(0, 6)).toEqual([
      '–',
      '–',
      '–',
      '–',
      0,
      0,
    ]);
    // Number formats: rates in percent, the "–" cells as text.
    const display = new Map(runtime.workbook.displayValues(sheet).map((row) => [row[0], row.slice(1)]));
    expect(display.get('Conversion rate (won ÷ followed up)')?.slice(0, 2)).toEqual(['100.0%', '–']);
    expect(display.get('Satisfaction mean (1–5)')?.[0]).toBe('4.50');
    // Chart sources.
    expect(runtime.workbook.values(sheet).filter((row) => row[0] === '2024-06')).toEqual([
      ['2024-06', 1, 1, ...Array(10).fill('')],
    ]);
  });

  it('refreshing twice gives the identical sheet and the same three charts, updated in place', () => {
    const { host, runtime, add, sheet } = setUp('zh-CN');
    seed(add);
    host.clickMenu('refreshDashboard');
    const first = {
      values: runtime.workbook.values(sheet),
      formats: runtime.workbook.cellFormats(sheet),
      charts: runtime.workbook.charts(sheet),
    };
    expect(first.charts.map((chart) => [chart.type, chart.options.title, chart.ranges])).toEqual([
      ['COLUMN', '满意度分布', [expect.stringMatching(/^A\d+:B\d+$/)]],
      ['LINE', '新增与活跃客户', [expect.stringMatching(/^A\d+:C\d+$/)]],
      ['BAR', '商机阶段分布', [expect.stringMatching(/^A\d+:B\d+$/)]],
    ]);
    // The satisfaction chart reads the rating / surveys block: header + ratings 1..5.
    const satisfaction = runtime.workbook.values(sheet, first.charts[0]?.ranges[0]);
    expect(satisfaction).toEqual([
      ['评分', '调研份数'],
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 1],
      [5, 1],
    ]);
    host.clickMenu('refreshDashboard');
    expect(runtime.workbook.values(sheet)).toEqual(first.values);
    expect(runtime.workbook.cellFormats(sheet)).toEqual(first.formats);
    expect(runtime.workbook.charts(sheet)).toEqual(first.charts);
    expect(runtime.workbook.toasts().map((toast) => toast.message)).toEqual(['仪表板已刷新。', '仪表板已刷新。']);
  });

  it('a new team member adds a row and moves the chart sources: the charts follow, still three', () => {
    const { host, runtime, add, sheet } = setUp('en');
    seed(add);
    host.run('refreshDashboard');
    const before = runtime.workbook.charts(sheet);
    add('team', [{ name: 'Zhou', email: 'zhou@example.com', role: 'rep', active: true }]);
    host.run('refreshDashboard');
    const after = runtime.workbook.charts(sheet);
    expect(after.map((chart) => chart.chartId)).toEqual(before.map((chart) => chart.chartId));
    expect(after.map((chart) => chart.ranges[0])).toEqual(
      before.map((chart) => (chart.ranges[0] ?? '').replace(/\d+/g, (row) => String(Number(row) + 1))),
    );
  });

  it('works in all three languages; a language change retitles the charts instead of adding new ones', () => {
    const titles: Record<Language, string> = {
      en: 'CRM dashboard',
      'zh-CN': '客户管理仪表板',
      'zh-TW': '客戶管理儀表板',
    };
    // The strategy matrix's rows (issue 13): label → high-value actual and target, dormant budget target.
    const strategy: Record<Language, [string, unknown[]][]> = {
      en: [
        ['Segment strategy: actual vs target (2024-06)', []],
        ['Days between outbound touches per customer (last 90 days)', [90, 30]],
        ['Outbound touches through the target channels (this month)', [1, 'Phone + Visit']],
        ['Customers per owner (min–max, now)', ['1–1', '20–30']],
        ['Care spend per customer (yuan, last 12 months)', [120, '≥ 500']],
      ],
      'zh-CN': [
        ['分层策略：实际与目标对比（2024-06）', []],
        ['每户主动触达间隔天数（近 90 天）', [90, 30]],
        ['经首选渠道的主动触达占比（本月）', [1, '电话 + 拜访']],
        ['人均负责户数（最少–最多，当前）', ['1–1', '20–30']],
        ['单户互动费用（元，近 12 个月）', [120, '≥ 500']],
      ],
      'zh-TW': [
        ['分層策略：實際與目標對比（2024-06）', []],
        ['每戶主動接觸間隔天數（近 90 天）', [90, 30]],
        ['經首選渠道的主動接觸占比（本月）', [1, '電話 + 拜訪']],
        ['人均負責戶數（最少–最多，目前）', ['1–1', '20–30']],
        ['單戶互動費用（元，近 12 個月）', [120, '≥ 500']],
      ],
    };
    for (const language of ['en', 'zh-CN', 'zh-TW'] as const) {
      const { host, runtime, add, sheet } = setUp(language);
      seed(add);
      host.run('refreshDashboard');
      expect(runtime.workbook.values(sheet, 'A1')).toEqual([[titles[language]]]);
      const rows = rowsByLabel(runtime.workbook, sheet);
      for (const [title, cells] of strategy[language])
        expect([title, rows.get(title)?.slice(0, cells.length)]).toEqual([title, cells]);
      expect(runtime.workbook.charts(sheet)).toHaveLength(3);
      if (language !== 'zh-TW') continue;
      documentProperties(runtime).setProperty('crm.language', 'en');
      host.run('refreshDashboard');
      expect(runtime.workbook.charts(sheet).map((chart) => chart.options.title)).toEqual([
        'Satisfaction distribution',
        'New vs active customers',
        'Pipeline by stage',
      ]);
    }
  });

  it('shows the last scan from crm.lastScan, with a mail-quota shortfall', () => {
    const { host, runtime, sheet } = setUp('en');
    documentProperties(runtime).setProperty(
      'crm.lastScan',
      JSON.stringify({
        atMs: Date.parse('2024-06-03T08:00:00+08:00'),
        ok: true,
        message: 'done',
        mailShortfall: ['a@x.cn', 'b@x.cn'],
      }),
    );
    host.run('refreshDashboard');
    expect(runtime.workbook.values(sheet, 'A3:A4').flat()).toEqual([
      'Last daily scan: 2024-06-03 08:00, completed',
      'Digests not sent for lack of mail quota: 2',
    ]);
    documentProperties(runtime).setProperty(
      'crm.lastScan',
      JSON.stringify({
        atMs: Date.parse('2024-06-03T08:00:00+08:00'),
        ok: false,
        message: 'Settings unreadable',
        mailShortfall: [],
      }),
    );
    host.run('refreshDashboard');
    expect(runtime.workbook.values(sheet, 'A3:A4').flat()).toEqual([
      'Last daily scan: 2024-06-03 08:00, failed: Settings unreadable',
      '',
    ]);
  });

  it('the daily scan refreshes it as one of its steps; the next refresh shows that scan', () => {
    const { host, runtime, add, sheet } = setUp('en');
    seed(add);
    host.run('runDailyScanNow');
    expect(runtime.workbook.values(sheet, 'A1')).toEqual([['CRM dashboard']]);
    expect(runtime.workbook.charts(sheet)).toHaveLength(3);
    host.run('refreshDashboard');
    expect(runtime.workbook.values(sheet, 'A3')).toEqual([['Last daily scan: 2024-06-03 09:00, completed']]);
  });

  it('touches no other sheet', () => {
    const { host, runtime, add } = setUp('en');
    seed(add);
    const others = () =>
      runtime.workbook
        .sheets()
        .filter((s) => s.name !== 'Dashboard')
        .map((s) => [s.name, runtime.workbook.values(s.name), runtime.workbook.cellFormats(s.name)]);
    const before = JSON.stringify(others());
    host.run('refreshDashboard');
    expect(JSON.stringify(others())).toBe(before);
  });
});

describe('cost', () => {
  it('makes the same service calls over 100 and 10,000 customers (a second refresh, charts in place)', () => {
    const costs = [100, 10000].map((count) => {
      const { host, runtime, add } = setUp('zh-CN');
      seed(add);
      add(
        'customers',
        Array.from({ length: count }, (_, i) => ({
          id: `C20240101${String(i + 1).padStart(5, '0')}`,
          name: `客户${i}`,
          owner: i % 2 ? 'lin@example.com' : 'wu@example.com',
          createdAt: at('2024-01-01T10:00'),
          lastContactAt: at('2024-05-20T10:00'),
          segment: i % 3 ? 'growth' : 'dormant',
          stage: 'needsAnalysis',
          status: 'active',
        })),
      );
      add(
        'followUps',
        Array.from({ length: count }, (_, i) => ({
          id: `G20240520${String(i + 1).padStart(5, '0')}`,
          customerId: `C20240101${String(i + 1).padStart(5, '0')}`,
          at: at('2024-05-20T10:00'),
          direction: 'outbound',
          responded: i % 2 ? 'yes' : 'no',
          owner: 'lin@example.com',
          status: 'done',
        })),
      );
      host.run('refreshDashboard');
      runtime.meter.reset();
      expect(host.run('refreshDashboard')).toMatchObject({ ok: true, value: { ok: true } });
      const snapshot = runtime.meter.snapshot();
      useRuntimeGlobals(runtime);
      // Issue 18: only the columns the figures use, each once.
      expect(snapshot.cellsRead).toBeLessThanOrEqual(columnsOnceBound(runtime, [DASHBOARD_COLUMNS], 20000));
      if (count === 10000) {
        const tables: TableKey[] = ['customers', 'followUps', 'tickets', 'satisfaction', 'transactions'];
        expect(snapshot.cellsRead).toBeLessThan(0.4 * wholeTablesCells(runtime, tables));
      }
      return snapshot;
    });
    expect(costs[1]?.byMethod).toEqual(costs[0]?.byMethod);
    // Opening the tables (one batch read), each table's last row (10) and its columns (one batch read each),
    // finding the sheet (7), the block write (12), the charts (37 for three in place).
    expect(costs[0]?.byService.SpreadsheetApp).toBeLessThanOrEqual(72);
  });
});
