import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, writeFields, type FieldValues } from '../../src/server/workbook/table';
import type { ActionResult } from '../../src/shared/rpc/result';
import { TEMPLATES, type TableKey } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/**
 * Record transaction (issue 13) on the built bundle: the sidebar's server side, first purchase → won,
 * retries, validation, the effect on the next grading, the dashboard's segments against the strategy
 * targets, and constant service calls at 10 and 10,000 customers / 100,000 transactions.
 * The runtime starts on Monday 2024-06-03 09:00 in Asia/Shanghai.
 */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const CUSTOMER = 'C20240603001';
type Saved = { id: string; row: number; firstPurchase: boolean; alreadySaved: boolean };
const at = (iso: string) => new Date(`${iso}+08:00`);

function setUp(overrides: Record<string, string | boolean | null> = {}) {
  const started = startAddon({ user: OWNER });
  started.host.run('runInstall', [{ language: 'zh-CN' }]);
  started.host.open();
  expect(saveCustomer(started.host, customerFields(overrides))).toMatchObject({
    ok: true,
    value: { ok: true, value: { id: CUSTOMER } },
  });
  useRuntimeGlobals(started.runtime);
  return started;
}

function record(
  host: ReturnType<typeof setUp>['host'],
  fields: Record<string, string | boolean>,
  options: { requestId?: string; customerId?: string; customerRow?: number } = {},
) {
  return host.run<ActionResult<Saved>>('saveTransaction', [
    {
      requestId: options.requestId ?? requestId(),
      customerId: options.customerId ?? CUSTOMER,
      customerRow: options.customerRow,
      fields: { date: '2024-06-01', product: '办公椅', category: '家具', quantity: '10', amount: '12,800', ...fields },
    },
  ]);
}

const rows = (table: TableKey) =>
  readTable(TEMPLATES[table], loadDocumentProperties()).records.map((entry) => entry.values);
const seed = (table: TableKey, records: FieldValues[]) =>
  appendRecords(readTable(TEMPLATES[table], loadDocumentProperties()), records, 'zh-CN');

describe('Record transaction', () => {
  it('is a menu item that opens its sidebar, and the form pre-fills the selected customer', () => {
    const { host, runtime } = setUp();
    host.clickMenu('记录交易');
    expect(runtime.ui.sidebar).toMatchObject({ title: '记录交易' });
    sheetForTable(spreadsheetOf(runtime), 'customers').getRange('B2').activate();
    const form =
      host.run<ActionResult<{ selected: { id: string }; today: string; fields: { key: string }[] }>>(
        'getTransactionForm',
      );
    expect(form).toMatchObject({
      ok: true,
      value: { ok: true, value: { selected: { id: CUSTOMER }, today: '2024-06-03' } },
    });
    expect(form.ok && form.value.ok && form.value.value.fields.map((field) => field.key)).toEqual([
      'date',
      'product',
      'category',
      'quantity',
      'amount',
      'refund',
      'notes',
    ]);
  });

  it('appends a T row; the first purchase sets status won and stage deal closed, a later one changes nothing', () => {
    const { host } = setUp();
    expect(rows('customers')[0]).toMatchObject({ status: 'active', stage: 'initialContact' });
    expect(record(host, { product: '=HYPERLINK("http://x")', notes: '+含安装' })).toEqual({
      ok: true,
      value: { ok: true, value: { id: 'T20240603001', row: 2, firstPurchase: true, alreadySaved: false } },
    });
    expect(rows('transactions')[0]).toMatchObject({
      id: 'T20240603001',
      customerId: CUSTOMER,
      customerName: '深圳市星河科技有限公司',
      product: '=HYPERLINK("http://x")', // stored as text, never run
      category: '家具',
      quantity: 10,
      amount: 12_800,
      refund: false,
      owner: 'boss@example.com',
      notes: '+含安装',
    });
    expect((rows('transactions')[0]?.date as Date).toISOString()).toBe('2024-05-31T16:00:00.000Z');
    expect(rows('customers')[0]).toMatchObject({ status: 'won', stage: 'dealClosed' });

    // The rep moves the customer back; a second purchase is not a first one and leaves that alone.
    const customers = readTable(TEMPLATES.customers, loadDocumentProperties());
    writeFields(customers, [{ row: 2, values: { stage: 'proposalConfirmed' } }], 'zh-CN');
    expect(record(host, { amount: '5000', date: '2024-06-02' })).toMatchObject({
      ok: true,
      value: { ok: true, value: { id: 'T20240603002', firstPurchase: false } },
    });
    expect(rows('customers')[0]).toMatchObject({ status: 'won', stage: 'proposalConfirmed' });
  });

  it('a refund is not a first purchase', () => {
    const { host } = setUp();
    expect(record(host, { refund: true })).toMatchObject({
      ok: true,
      value: { ok: true, value: { firstPurchase: false } },
    });
    expect(rows('customers')[0]).toMatchObject({ status: 'active' });
  });

  it('never doubles a transaction when a submission is retried', () => {
    const { host } = setUp();
    const id = requestId();
    record(host, {}, { requestId: id });
    expect(record(host, {}, { requestId: id })).toEqual({
      ok: true,
      value: { ok: true, value: { id: 'T20240603001', row: 2, firstPurchase: false, alreadySaved: true } },
    });
    expect(rows('transactions')).toHaveLength(1);
  });

  it('validates on the server with localized messages', () => {
    const { host } = setUp();
    expect(record(host, { amount: '-3', date: '2024-06-04', product: '' })).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: {
          kind: 'validation',
          fields: { amount: '请输入金额（元），例如 500000 或 50万。', date: '日期不能晚于今天。', product: '必填。' },
        },
      },
    });
    expect(record(host, {}, { customerId: 'C20240603999' })).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'notFound' } },
    });
    expect(host.run('saveTransaction', [{ customerId: CUSTOMER, fields: {} }])).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'validation' } },
    });
    expect(host.run('saveTransaction', ['junk'])).toMatchObject({ ok: true, value: { ok: false } });
    expect(rows('transactions')).toHaveLength(0);
  });
});

describe('the next grading', () => {
  it("updates the customer's annual value, tier, segment, purchase columns and keeps status won", () => {
    const { host } = setUp();
    // Another 制造业 customer with purchases so the industry has an average: 100,000 a year.
    seed('customers', [
      {
        id: 'C20240101001',
        name: '对照客户',
        customerType: 'enterprise',
        industry: '制造业',
        contactName: '某',
        source: 'other',
        needs: '—',
        status: 'won',
        stage: 'dealClosed',
        createdAt: at('2024-01-01T09:00'),
      },
    ]);
    seed('transactions', [
      { id: 'T1', customerId: 'C20240101001', date: at('2024-03-01T00:00'), amount: 100_000, refund: false },
    ]);
    record(host, { amount: '40万', date: '2024-05-01', category: '设备' });
    record(host, { amount: '30万', date: '2024-06-01', category: '耗材' });
    record(host, { amount: '1000', date: '2024-06-02', category: '耗材', refund: true });
    host.clickMenu('gradeAllCustomers');
    // Annual value 700,000 (the refund left out) → key tier; industry average (700,000 + 100,000) / 2 =
    // 400,000 → 175 % and active → high value; 2 purchases in 90 days → high activity.
    expect(rows('customers')[0]).toMatchObject({
      annualValue: 700_000,
      valueTier: 'key',
      segment: 'highValue',
      purchaseActivity: 'high',
      categoryPreference: '耗材, 设备',
      averageOrderValue: 350_000,
      status: 'won',
      stage: 'dealClosed',
    });
    // 25 % of the average, last purchase 94 days ago: dormant.
    expect(rows('customers')[1]).toMatchObject({ annualValue: 100_000, segment: 'dormant' });
  });

  it('sets closed-won for purchases typed into the sheet, at most 20 customers a run', () => {
    const { host } = setUp();
    const ids = Array.from({ length: 25 }, (_, i) => `C20240101${String(i + 1).padStart(3, '0')}`);
    seed(
      'customers',
      ids.map((id) => ({
        id,
        name: id,
        customerType: 'individual',
        contactName: '某',
        status: 'active',
        stage: 'proposalConfirmed',
      })),
    );
    seed(
      'transactions',
      ids.map((id, i) => ({ id: `T${i}`, customerId: id, date: at('2024-05-01T00:00'), amount: 10, refund: false })),
    );
    host.clickMenu('gradeAllCustomers');
    const won = () => rows('customers').filter((values) => values.status === 'won' && values.stage === 'dealClosed');
    expect(won()).toHaveLength(20);
    host.clickMenu('gradeAllCustomers');
    expect(won()).toHaveLength(25);
    // The intake customer has no purchase: still active.
    expect(rows('customers')[0]).toMatchObject({ status: 'active' });
  });
});

describe('the dashboard', () => {
  it('shows each segment against its strategy targets, from the Settings matrix', () => {
    const { host, runtime } = setUp();
    seed('customers', [
      {
        id: 'C20240101001',
        name: '高价值',
        customerType: 'individual',
        contactName: '某',
        segment: 'highValue',
        status: 'won',
        createdAt: at('2024-01-01T09:00'),
      },
    ]);
    seed('followUps', [
      { id: 'G1', customerId: 'C20240101001', at: at('2024-06-01T10:00'), direction: 'outbound', responded: 'yes' },
      { id: 'G2', customerId: 'C20240101001', at: at('2024-06-02T10:00'), direction: 'outbound', responded: 'no' },
    ]);
    host.clickMenu('refreshDashboard');
    const sheet = runtime.workbook.values('仪表板');
    const row = sheet.find((cells) => cells[0] === '高价值活跃客户');
    // 1 customer, 2 outbound touches, 1 answered: 50 % against the 80 % target, 37.5 % under it → alert.
    expect(row?.slice(1, 6)).toEqual([1, 2, 0.5, 0.8, expect.stringContaining('预警')]);
  });
});

function seedMany(count: number) {
  const id = (i: number) => `C20240101${String(i + 1).padStart(5, '0')}`;
  seed(
    'customers',
    Array.from({ length: count }, (_, i) => ({
      id: id(i),
      name: `客户${i}`,
      customerType: 'individual',
      industry: ['制造业', '零售'][i % 2] as string,
      contactName: '某',
      source: 'other',
      needs: '—',
      status: 'won',
      owner: 'boss@example.com',
      createdAt: at('2023-01-01T09:00'),
    })),
  );
  // Ten transactions per customer, a pattern of period 10 in the customer's index (so 10 and 10,000
  // customers change the same columns): dates over five months, two categories, a refund for even ones.
  const transactions: FieldValues[] = [];
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < 10; j++) {
      transactions.push({
        id: `T2024010${String(i * 10 + j + 1).padStart(7, '0')}`,
        customerId: id(i),
        date: at(`2024-0${((i + j) % 5) + 1}-01T00:00`),
        category: ['设备', '耗材'][(i + j) % 2] as string,
        amount: 100 * (((i + j) % 5) + 1),
        refund: j === 9 && i % 2 === 0,
      });
    }
  }
  seed('transactions', transactions);
}

describe('cost', () => {
  it('the next grading after a recorded transaction makes the same calls at 10 and 10,000 customers / 100,000 transactions', () => {
    const costs = [10, 10_000].map((count) => {
      const { host, runtime } = setUp();
      seedMany(count);
      host.clickMenu('gradeAllCustomers');
      expect(record(host, { date: '2024-06-02', amount: '100' }, { customerId: 'C2024010100002' })).toMatchObject({
        ok: true,
        value: { ok: true, value: { firstPurchase: false } },
      });
      runtime.meter.reset();
      host.clickMenu('gradeAllCustomers');
      const snapshot = runtime.meter.snapshot();
      // Customer index 1: its ten purchases, 100 … 500 twice (3,000, Jan–May 2024), + 100 on 2024-06-02; small
      // enough to move no other customer's segment (零售 average 3,000 → 3,020), so only this row changes.
      expect(rows('customers')[2]).toMatchObject({ annualValue: 3_100, purchaseActivity: 'high', segment: 'growth' });
      return snapshot;
    });
    expect(costs[1]?.byMethod).toEqual(costs[0]?.byMethod);
    expect(costs[0]?.byService.SpreadsheetApp).toBeLessThanOrEqual(30);
  }, 180_000);

  it('makes the same service calls at 10 and at 10,000 customers / 100,000 transactions', () => {
    const costs = [10, 10_000].map((count) => {
      const { host, runtime } = setUp();
      const id = (i: number) => `C20240101${String(i + 1).padStart(5, '0')}`;
      seed(
        'customers',
        Array.from({ length: count }, (_, i) => ({
          id: id(i),
          name: `客户${i}`,
          customerType: 'individual',
          contactName: '某',
          source: 'other',
          needs: '—',
          status: 'won',
          owner: 'boss@example.com',
        })),
      );
      seed(
        'transactions',
        Array.from({ length: count * 10 }, (_, k) => ({
          id: `T2024010${String(k + 1).padStart(7, '0')}`,
          customerId: id(k % count),
          date: at('2024-05-01T00:00'),
          amount: 100,
          refund: false,
        })),
      );
      record(host, { date: '2024-06-02' }); // the first save pays for growing the sheet
      runtime.meter.reset();
      expect(record(host, {})).toMatchObject({ ok: true, value: { ok: true, value: { firstPurchase: false } } });
      return runtime.meter.snapshot();
    });
    expect(costs[1]?.byMethod).toEqual(costs[0]?.byMethod);
    expect(costs[0]?.byService.SpreadsheetApp).toBeLessThanOrEqual(12);
  }, 120_000);

  it('reads and searches the same cells at 10 and 10,000 customers / 100,000 transactions, in at most 20 calls', () => {
    const costs = [10, 10_000].map((count) => {
      const { host, runtime } = setUp();
      const id = (i: number) => `C20240101${String(i + 1).padStart(5, '0')}`;
      seed(
        'customers',
        Array.from({ length: count }, (_, i) => ({
          id: id(i),
          name: `客户${i}`,
          customerType: 'individual',
          contactName: '某',
          source: 'other',
          needs: '—',
          status: 'won',
          owner: 'boss@example.com',
        })),
      );
      seed(
        'transactions',
        Array.from({ length: count * 10 }, (_, k) => ({
          id: `T2024010${String(k + 1).padStart(7, '0')}`,
          customerId: id(k % count),
          date: at('2024-05-01T00:00'),
          amount: 100,
          refund: false,
          requestId: `r-${k}`,
        })),
      );
      record(host, {}, { customerId: id(0) }); // the first save pays for growing the sheet
      const measure = (first: boolean, options: { requestId?: string; customerId?: string; customerRow?: number }) => {
        runtime.meter.reset();
        expect(record(host, {}, options)).toMatchObject({
          ok: true,
          value: { ok: true, value: { firstPurchase: first } },
        });
        return runtime.meter.snapshot();
      };
      const retryId = requestId();
      return {
        // The customer saved at set-up is row 2; the seeded ones follow from row 3.
        first: measure(true, { customerRow: 2, requestId: retryId }),
        later: measure(false, { customerRow: 2 }),
        other: measure(false, { customerId: id(1), customerRow: 4 }),
        searched: measure(false, { customerId: id(1) }),
        retried: measure(false, { customerRow: 2, requestId: retryId }),
      };
    });
    for (const kind of ['first', 'later', 'other', 'searched', 'retried'] as const) {
      expect(costs[1]?.[kind].byMethod).toEqual(costs[0]?.[kind].byMethod);
      expect(costs[1]?.[kind].cellsRead).toBe(costs[0]?.[kind].cellsRead);
      // The customer's row and transactions (a dozen rows), a few columns each: never a table.
      expect(costs[1]?.[kind].cellsRead).toBeLessThan(300);
    }
    expect(costs[0]?.first.calls).toBeLessThanOrEqual(20);
    expect(costs[0]?.later.calls).toBeLessThanOrEqual(20);
    expect(costs[0]?.other.calls).toBeLessThanOrEqual(20);
    // Without a usable hint, one search of the customers' id column and a read of the row found more.
    expect(costs[0]?.searched.calls).toBe((costs[0]?.other.calls ?? 0) + 4);
    // Searched: the transactions' customer-id column only (100,000 rows + spare rows), with a hint.
    expect(costs[1]?.other.cellsSearched).toBeLessThanOrEqual(100_000 + 200);
    expect(costs[1]?.searched.cellsSearched).toBeLessThanOrEqual(100_000 + 200 + 10_000 + 200);
  }, 120_000);
});
