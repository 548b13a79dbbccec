import { gradeAll } from '../../src/server/jobs/grade-all';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, type FieldValues } from '../../src/server/workbook/table';
import { spreadsheetZone } from '../../src/server/platform/zone';
import type { LocalRuntime } from '../../src/local/runtime';
import { GRADED_COLUMNS } from '../../src/shared/rules/grading';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { GRADING_COLUMNS } from '../../src/server/jobs/job-columns';
import { startAddon } from '../support/addon';
import { columnsOnceBound, wholeTablesCells } from '../support/job-cells';
import { spreadsheetOf, useRuntimeGlobals } from '../support/gas';

/**
 * "Grade all customers" (menu) on the built add-on: one read of each table, only changed cells written in
 * one block per changed column, one Log row, nothing written to the data the second time, and the same
 * service calls at 100 and at 10,000 customers.
 */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const DAY = 86_400_000;

function setUp() {
  const started = startAddon({ user: OWNER });
  started.host.run('runInstall', [{ language: 'zh-CN' }]);
  started.host.open();
  useRuntimeGlobals(started.runtime);
  return started;
}

/** Shanghai wall time as a Date. */
const sh = (local: string): Date => new Date(Date.parse(`${local}Z`) - 8 * 3_600_000);

function seed(table: 'customers' | 'followUps' | 'transactions', records: FieldValues[]): void {
  appendRecords(readTable(TEMPLATES[table], loadDocumentProperties()), records, 'zh-CN');
}

function customers() {
  return readTable(TEMPLATES.customers, loadDocumentProperties()).records.map((record) => record.values);
}

function logRows() {
  return readTable(TEMPLATES.log, loadDocumentProperties()).records.map((record) => record.values);
}

const baseCustomer = (id: string, values: FieldValues = {}): FieldValues => ({
  id,
  name: `客户${id}`,
  customerType: 'enterprise',
  industry: '制造业',
  contactName: '李雷',
  source: 'other',
  needs: '—',
  owner: 'boss@example.com',
  stage: 'initialContact',
  status: 'active',
  createdAt: sh('2023-01-05T09:00'),
  ...values,
});

/** Clock: 2024-06-03 09:00 Shanghai (the runtime's default). */
function seedSmallWorkbook(): void {
  seed('customers', [
    baseCustomer('C1', { annualValueEstimate: 1_000_000 }),
    baseCustomer('C2', { industry: 'Software', status: 'won', stage: 'dealClosed' }), // has purchases
    baseCustomer('C3', { annualValueEstimate: 20_000, satisfactionScore: 95 }),
  ]);
  seed('followUps', [
    {
      id: 'G1',
      customerId: 'C1',
      at: sh('2024-05-20T10:00'),
      direction: 'outbound',
      channel: 'phone',
      responded: 'no',
      reason: 'manual',
      status: 'done',
    },
    {
      id: 'G2',
      customerId: 'C1',
      at: sh('2024-05-27T10:00'),
      direction: 'outbound',
      channel: 'wechat',
      responded: 'no',
      reason: 'manual',
      status: 'done',
    },
    {
      id: 'G3',
      customerId: 'C2',
      at: sh('2024-05-30T10:00'),
      direction: 'inbound',
      channel: 'visit',
      responded: 'yes',
      reason: 'manual',
      status: 'done',
    },
  ]);
  seed('transactions', [
    {
      id: 'T1',
      customerId: 'C2',
      date: sh('2024-04-01T00:00'),
      product: '设备',
      category: '设备',
      amount: 300_000,
      refund: false,
    },
    {
      id: 'T2',
      customerId: 'C2',
      date: sh('2024-05-15T00:00'),
      product: '耗材',
      category: '耗材',
      amount: 100_000,
      refund: false,
    },
    {
      id: 'T3',
      customerId: 'C2',
      date: sh('2024-05-16T00:00'),
      product: '耗材',
      category: '耗材',
      amount: 100_000,
      refund: true,
    },
  ]);
}

function gradeInProcess(runtime: LocalRuntime) {
  const properties = loadDocumentProperties();
  const spreadsheet = spreadsheetOf(runtime);
  const nowMs = runtime.clock.now();
  return gradeAll({
    spreadsheet,
    properties,
    zone: spreadsheetZone(spreadsheet.getSpreadsheetTimeZone(), nowMs),
    nowMs,
    language: 'zh-CN',
  });
}

describe('Grade all customers', () => {
  it('grades every customer, writes only the changed cells and one Log row; a second run writes no data', () => {
    const { host, runtime } = setUp();
    seedSmallWorkbook();
    runtime.meter.reset();
    host.clickMenu('gradeAllCustomers');
    const first = runtime.meter.snapshot();

    const [c1, c2, c3] = customers();
    expect(c1).toMatchObject({
      annualValue: 1_000_000,
      valueTier: 'strategic',
      // Average of customers with purchases: only C2 (Software, 400,000); 制造业 has none → overall.
      segment: 'highValue',
      preferredChannel: 'wechat',
      churnRisk: true,
      churnRiskReasons: 'unansweredTouches',
      churnEscalated: false,
      purchaseActivity: 'low',
      sleeping: false,
    });
    expect((c1?.lastContactAt as Date).toISOString()).toBe(sh('2024-05-27T10:00').toISOString());
    expect((c1?.churnRiskSince as Date).getTime()).toBe(runtime.clock.now());
    expect(c2).toMatchObject({
      annualValue: 400_000,
      valueTier: 'standard',
      segment: 'growth', // 100 % of its industry average (Software: C2 alone), and active
      averageOrderValue: 200_000,
      spendLast6Months: 400_000,
      purchaseActivity: 'high',
      categoryPreference: '耗材, 设备',
      preferredChannel: 'visit',
      churnRisk: false,
      corePool: false,
    });
    // 20,000 is 5 % of the overall average (400,000) and C3 had no contact or purchase in 90 days.
    expect(c3).toMatchObject({ annualValue: 20_000, segment: 'dormant', corePool: true, sleeping: true });

    // The graded cells that now hold something were all empty before: C1 14 (no purchases, no category,
    // no churn-free fields), C2 17 (no churn reasons, no since), C3 10 (no contact, no purchase).
    const filled = customers().map(
      (values) => GRADED_COLUMNS.filter((key) => values[key] !== null && values[key] !== undefined).length,
    );
    expect(filled).toEqual([14, 17, 10]);
    // Three rows: one block per row over the graded columns (adjacent, all script-owned: annualValue …
    // corePool, 23 columns, unchanged ones rewritten as read) and the Log row's 8 cells.
    expect(first.byMethod['SpreadsheetApp.Range.setValues']).toBe(3 + 1);
    expect(first.cellsWritten).toBe(3 * 23 + 8);

    expect(logRows()).toEqual([
      expect.objectContaining({
        action: 'gradeAll',
        user: 'boss@example.com',
        rowsExamined: 3,
        rowsChanged: 3,
        result: 'ok',
        details: '已分级 3 位客户：3 位有变化。',
      }),
    ]);

    // The job itself (what the daily scan calls) a second time: no setValues at all.
    runtime.meter.reset();
    expect(gradeInProcess(runtime)).toMatchObject({ examined: 3, changed: 0, cellsChanged: 0 });
    const second = runtime.meter.snapshot();
    expect(second.cellsWritten).toBe(0);
    expect(Object.keys(second.byMethod).filter((method) => /set|insert|append/i.test(method))).toEqual([]);

    // The menu again: only its Log row.
    runtime.meter.reset();
    host.clickMenu('gradeAllCustomers');
    const again = runtime.meter.snapshot();
    expect(again.byMethod['SpreadsheetApp.Range.setValues']).toBe(1);
    expect(again.cellsWritten).toBe(8);
    expect(logRows()[1]).toMatchObject({ rowsExamined: 3, rowsChanged: 0 });
  });

  it('rewrites a changed cell only: a new purchase changes the purchase columns of one customer', () => {
    const { host, runtime } = setUp();
    seedSmallWorkbook();
    host.clickMenu('gradeAllCustomers');
    seed('transactions', [
      { id: 'T4', customerId: 'C3', date: sh('2024-06-01T00:00'), category: '服务', amount: 30_000, refund: false },
    ]);
    runtime.meter.reset();
    const report = gradeInProcess(runtime);
    // annualValue 20,000 → 30,000, first/last purchase, average order, 6-month spend, activity, category,
    // and the segment: 制造业 now has an average (C3's own 30,000) and C3 is active → growth.
    // It is C3's first purchase, typed into the sheet: grading also sets status won and stage deal closed
    // (docs/product-rules.md §2), 8 + 2 cells.
    expect(report).toMatchObject({ changed: 1, cellsChanged: 10 });
    // One row, so one block over its adjacent columns annualValue … categoryPreference: the unchanged
    // valueTier between them is rewritten with the value just read (9 cells, one setValues), and one block
    // over the adjacent stage and status (2 cells), which the promotions of a run send in one batched write.
    const cost = runtime.meter.snapshot();
    expect(cost.byMethod['SpreadsheetApp.Range.setValues']).toBe(1);
    expect(cost.byMethod['Sheets.Values.batchUpdate']).toBe(1);
    expect(cost.cellsWritten).toBe(11);
    expect(customers()[2]).toMatchObject({
      status: 'won',
      stage: 'dealClosed',
      annualValue: 30_000,
      segment: 'growth',
      purchaseActivity: 'medium',
      categoryPreference: '服务',
    });
  });

  it('is a step of the daily scan, so "Run daily scan now" grades too', () => {
    const { host } = setUp();
    seedSmallWorkbook();
    host.clickMenu('runDailyScanNow');
    expect(customers().map((values) => [values.annualValue, values.valueTier, values.segment])).toEqual([
      [1_000_000, 'strategic', 'highValue'],
      [400_000, 'standard', 'growth'],
      [20_000, 'standard', 'dormant'],
    ]);
    expect(logRows().map((row) => row.action)).toEqual(['dailyScan']);
  });

  it('moves a cadence due with the new tier, and leaves a due a rep or the process chose (issue 19 item 3)', () => {
    const { host } = setUp();
    const lastContactAt = sh('2024-06-01T10:00');
    // Intent low, standard tier: contacted on 06-01, so due 30 days later by the cadence.
    seed('customers', [
      baseCustomer('C1', {
        intentGrade: 'low',
        valueTier: 'standard',
        lastContactAt,
        nextFollowUpDue: sh('2024-07-01T10:00'),
        annualValueEstimate: 1_200_000,
      }),
      // The same, but the due is an action date the rep set (not what the cadence gives).
      baseCustomer('C2', {
        intentGrade: 'low',
        valueTier: 'standard',
        lastContactAt,
        nextFollowUpDue: sh('2024-06-20T15:00'),
        annualValueEstimate: 1_200_000,
      }),
    ]);
    seed('followUps', [
      { id: 'G1', customerId: 'C1', at: lastContactAt, direction: 'outbound', channel: 'phone', content: 'x' },
      { id: 'G2', customerId: 'C2', at: lastContactAt, direction: 'outbound', channel: 'phone', content: 'x' },
    ]);
    host.clickMenu('gradeAllCustomers');
    const [c1, c2] = customers();
    // Strategic now (1,200,000 a year): the strategic cadence is 7 days.
    expect(c1).toMatchObject({ valueTier: 'strategic', nextFollowUpDue: sh('2024-06-08T10:00') });
    expect(c2).toMatchObject({ valueTier: 'strategic', nextFollowUpDue: sh('2024-06-20T15:00') });
    // Nothing moves a second time.
    host.clickMenu('gradeAllCustomers');
    expect(customers()[0]?.nextFollowUpDue).toEqual(sh('2024-06-08T10:00'));
  });

  it('names unreadable Settings industry averages in the toast and the Log row', () => {
    const { host, runtime } = setUp();
    seedSmallWorkbook();
    const settings = readTable(TEMPLATES.settings, loadDocumentProperties());
    const row = settings.records.find((record) => record.values.key === 'industryAverages')?.row ?? 0;
    const column = settings.layout.columns.value as number;
    spreadsheetOf(runtime)
      .getSheetByName(settings.layout.sheetName)
      ?.getRange(row, column)
      .setValue('制造业: 很多; Software: 100000');
    host.clickMenu('gradeAllCustomers');
    // With Software's average at 100,000, C2's 400,000 is 400 %: high-value.
    expect(customers()[1]).toMatchObject({ segment: 'highValue' });
    expect(logRows()[0]?.details).toContain('已忽略“制造业: 很多”');
    const toasts = runtime.workbook.toasts();
    expect(toasts[toasts.length - 1]).toMatchObject({ title: '全部客户重新分级' });
  });
});

describe('cost', () => {
  /**
   * Customer i: odd ones have no purchases (their estimate counts), every tenth+1 a strategic estimate and
   * its last two outbound touches unanswered (a churn risk); five follow-ups each, one purchase per even one.
   * Every residue pattern repeats within 100 customers, so both sizes change the same columns.
   */
  function seedMany(count: number): void {
    const channels = ['phone', 'wechat', 'sms', 'visit', 'email'];
    const id = (i: number) => `C${String(i + 1).padStart(6, '0')}`;
    seed(
      'customers',
      Array.from({ length: count }, (_, i) =>
        baseCustomer(id(i), {
          industry: ['制造业', 'Software', ''][i % 3] as string,
          annualValueEstimate: i % 10 === 1 ? 1_200_000 : (i % 10) * 50_000,
          satisfactionScore: i % 7 === 0 ? 92 : null,
          nextFollowUpDue: sh('2024-05-01T10:00'),
          needsAnalysisDue: i % 5 === 0 ? sh('2024-05-01T10:00') : null,
          // Even customers have purchases: their first transaction made them won (docs/product-rules.md §2).
          ...(i % 2 === 0 ? { status: 'won', stage: 'dealClosed' } : {}),
        }),
      ),
    );
    const now = sh('2024-06-03T09:00').getTime();
    const followUps: FieldValues[] = [];
    for (let i = 0; i < count; i++) {
      for (let f = 0; f < 5; f++) {
        followUps.push({
          id: `G${i * 5 + f + 1}`,
          customerId: id(i),
          at: new Date(now - ((i % 60) + 1 + 10 * f) * DAY),
          direction: f < 2 ? 'outbound' : 'inbound',
          channel: channels[(i + f) % channels.length] as string,
          responded: i % 10 === 1 ? 'no' : 'yes',
          reason: 'manual',
          status: 'done',
        });
      }
    }
    seed('followUps', followUps);
    seed(
      'transactions',
      Array.from({ length: Math.ceil(count / 2) }, (_, k) => ({
        id: `T${k + 1}`,
        customerId: id(k * 2),
        date: new Date(now - ((k % 50) * 8 + 1) * DAY),
        category: ['设备', '耗材', '服务'][k % 3] as string,
        amount: 10_000 * ((k % 50) + 1),
        refund: false,
      })),
    );
  }

  it('makes the same service calls with 10,000 customers / 50,000 follow-ups as with 100 / 500', () => {
    const costs = [100, 10_000].map((count) => {
      const { host, runtime } = setUp();
      seedMany(count);
      runtime.meter.reset();
      host.clickMenu('gradeAllCustomers');
      const snapshot = runtime.meter.snapshot();
      // Issue 18: only the columns grading uses, each once.
      expect(snapshot.cellsRead).toBeLessThanOrEqual(columnsOnceBound(runtime, [GRADING_COLUMNS], 20000));
      if (count === 10_000) {
        expect(snapshot.cellsRead).toBeLessThan(
          0.6 * wholeTablesCells(runtime, ['customers', 'followUps', 'transactions']),
        );
      }
      const log = logRows()[0];
      expect(log).toMatchObject({ rowsExamined: count, rowsChanged: count, result: 'ok' });
      return snapshot;
    });
    expect(costs[1]?.byMethod).toEqual(costs[0]?.byMethod);
    // One block per changed graded column (all 19 change somewhere) + the Log row.
    expect(costs[0]?.byMethod['SpreadsheetApp.Range.setValues']).toBe(19 + 1);
    expect(costs[0]?.byService.SpreadsheetApp).toBeLessThanOrEqual(60);
  }, 120_000);
});
