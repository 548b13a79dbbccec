import { appendRecords, readTable, writeFields } from '../../src/server/workbook/table';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import type { ActionResult } from '../../src/shared/rpc/result';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
type Saved = {
  id: string;
  row: number;
  nextFollowUpDue: string;
  closedActions: number;
  capWarning: string | null;
  alreadySaved: boolean;
};

function setUp(overrides: Record<string, string | boolean | null> = {}) {
  const started = startAddon({ user: OWNER });
  started.host.run('runInstall', [{ language: 'zh-CN' }]);
  const saved = saveCustomer(started.host, customerFields(overrides));
  expect(saved).toMatchObject({ ok: true, value: { ok: true, value: { id: 'C20240603001' } } });
  useRuntimeGlobals(started.runtime);
  return started;
}

function log(
  host: ReturnType<typeof setUp>['host'],
  fields: Record<string, string>,
  extra: Record<string, unknown> = {},
) {
  return host.run<ActionResult<Saved>>('saveFollowUp', [
    {
      requestId: requestId(),
      customerId: 'C20240603001',
      fields: {
        at: '2024-06-03T10:00',
        direction: 'outbound',
        channel: 'phone',
        content: '确认预算，发送产品清单',
        ...fields,
      },
      ...extra,
    },
  ]);
}

function customer() {
  return readTable(TEMPLATES.customers, loadDocumentProperties()).records[0]?.values ?? {};
}

function followUps() {
  return readTable(TEMPLATES.followUps, loadDocumentProperties()).records.map((record) => record.values);
}

function setCustomer(values: Record<string, string | boolean | Date | null>): void {
  const table = readTable(TEMPLATES.customers, loadDocumentProperties());
  writeFields(table, [{ row: 2, values }], 'zh-CN');
}

describe('logging a follow-up', () => {
  it('appends it with a G id and moves the customer: last contact, next due by the cadence (high: 7 days)', () => {
    const { host } = setUp();
    const result = log(host, { responded: 'yes', mood: 'satisfied', feedback: '需提供竞品对比' });
    expect(result).toEqual({
      ok: true,
      value: {
        ok: true,
        value: {
          id: 'G20240603001',
          row: 2,
          nextFollowUpDue: '2024-06-10 10:00',
          closedActions: 0,
          capWarning: null,
          alreadySaved: false,
          processAction: '',
          processActionDue: '',
        },
      },
    });
    expect(followUps()[0]).toMatchObject({
      id: 'G20240603001',
      customerId: 'C20240603001',
      customerName: '深圳市星河科技有限公司',
      direction: 'outbound',
      channel: 'phone',
      responded: 'yes',
      mood: 'satisfied',
      status: 'done',
      reason: 'manual',
      owner: 'boss@example.com',
    });
    expect((customer().lastContactAt as Date).toISOString()).toBe('2024-06-03T02:00:00.000Z');
    expect((customer().nextFollowUpDue as Date).toISOString()).toBe('2024-06-10T02:00:00.000Z');
  });

  it.each([
    ['high', 'standard', '2024-06-10 10:00'],
    ['medium', 'standard', '2024-06-17 10:00'],
    ['low', 'standard', '2024-07-03 10:00'],
    ['low', 'key', '2024-06-10 10:00'],
    ['medium', 'strategic', '2024-06-10 10:00'],
  ])('schedules the next follow-up for intent %s, tier %s at %s', (intentGrade, valueTier, due) => {
    const { host } = setUp();
    setCustomer({ intentGrade, valueTier });
    expect(log(host, {})).toMatchObject({ ok: true, value: { ok: true, value: { nextFollowUpDue: due } } });
  });

  it('lets an explicit next-action date win, and keeps the action open', () => {
    const { host } = setUp();
    const result = log(host, { nextAction: '6月15日前发送竞品对比', nextActionDue: '2024-06-05T17:00' });
    expect(result).toMatchObject({ ok: true, value: { ok: true, value: { nextFollowUpDue: '2024-06-05 17:00' } } });
    expect(followUps()[0]).toMatchObject({ status: 'open', nextAction: '6月15日前发送竞品对比' });
  });

  it('closes the earlier open actions when asked', () => {
    const { host } = setUp();
    log(host, { nextAction: '报价', nextActionDue: '2024-06-05T17:00' });
    log(host, { nextAction: '演示', nextActionDue: '2024-06-06T17:00', at: '2024-06-03T11:00' });
    const third = log(host, { at: '2024-06-03T12:00' }, { markEarlierDone: true });
    expect(third).toMatchObject({ ok: true, value: { ok: true, value: { closedActions: 2 } } });
    expect(followUps().map((record) => record.status)).toEqual(['done', 'done', 'done']);
  });

  it('changes the stage when the rep says so, and starts the needs-analysis clock after a needs interview', () => {
    const { host } = setUp();
    log(host, { milestone: 'needsInterview' }, { stageAfter: 'needsAnalysis' });
    expect(customer()).toMatchObject({ stage: 'needsAnalysis', needsAnalysisOverdue: false });
    expect((customer().needsAnalysisDue as Date).toISOString()).toBe('2024-06-04T02:00:00.000Z');
  });

  it('refuses outbound touches to a do-not-contact customer but logs inbound ones', () => {
    const { host } = setUp({ doNotContact: true });
    expect(log(host, {})).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: { kind: 'forbidden', message: '该客户要求勿扰：不能记录外呼跟进。客户主动联系仍可记录。' },
      },
    });
    expect(followUps()).toHaveLength(0);
    expect(log(host, { direction: 'inbound', channel: 'wechat' })).toMatchObject({
      ok: true,
      value: { ok: true, value: { nextFollowUpDue: '' } },
    });
    expect(followUps()).toHaveLength(1);
    expect(customer().nextFollowUpDue).toBeNull();
  });

  it('warns when an outbound touch goes over the segment cap (high-value: 2 a week), and saves it', () => {
    const { host } = setUp();
    setCustomer({ segment: 'highValue' });
    expect(log(host, { at: '2024-06-03T10:00' })).toMatchObject({
      ok: true,
      value: { ok: true, value: { capWarning: null } },
    });
    expect(log(host, { at: '2024-06-04T10:00' })).toMatchObject({
      ok: true,
      value: { ok: true, value: { capWarning: null } },
    });
    const third = log(host, { at: '2024-06-05T10:00' });
    expect(third).toMatchObject({ ok: true, value: { ok: true } });
    expect(third.ok && third.value.ok && third.value.value.capWarning).toContain('上限 2 次');
    expect(followUps()).toHaveLength(3);
  });

  it('validates on the server with localized messages', () => {
    const { host } = setUp();
    const result = log(host, { content: '', channel: 'pigeon', at: '2024-02-30T10:00', nextAction: '报价' });
    expect(result).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: {
          kind: 'validation',
          fields: {
            content: '必填。',
            channel: '请从列表中选择。',
            at: '请输入日期和时间。',
            nextActionDue: '请为下一步设置截止时间。',
          },
        },
      },
    });
    expect(host.run('saveFollowUp', [{ requestId: requestId(), customerId: 'C99', fields: {} }])).toMatchObject({
      ok: true,
      value: { ok: false, error: { fields: { customerId: '请选择客户。' } } },
    });
    expect(
      host.run('saveFollowUp', [
        {
          requestId: requestId(),
          customerId: 'C20240603999',
          fields: { at: '2024-06-03T10:00', direction: 'inbound', channel: 'phone', content: 'x' },
        },
      ]),
    ).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'notFound' } } });
  });

  it('saves a retried submission once', () => {
    const { host } = setUp();
    const id = requestId();
    const body = {
      requestId: id,
      customerId: 'C20240603001',
      fields: { at: '2024-06-03T10:00', direction: 'outbound', channel: 'phone', content: 'x' },
    };
    host.run('saveFollowUp', [body]);
    expect(host.run('saveFollowUp', [body])).toMatchObject({
      ok: true,
      value: { ok: true, value: { id: 'G20240603001', alreadySaved: true } },
    });
    expect(followUps()).toHaveLength(1);
  });

  it('gives a save that waited for the lock a fresh id (what the save holding the lock wrote is seen)', () => {
    const { host, runtime } = setUp();
    const body = (content: string) => ({
      requestId: requestId(),
      customerId: 'C20240603001',
      fields: { at: '2024-06-03T10:00', direction: 'inbound', channel: 'phone', content },
    });
    let first: unknown;
    // The second save asks for the lock while the first one runs start to finish (tryLock waits in Apps Script).
    runtime.meter.beforeNextCall('LockService.Lock.tryLock', () => {
      first = host.run('saveFollowUp', [body('先到')]);
    });
    const second = host.run('saveFollowUp', [body('后到')]);
    expect(first).toMatchObject({ ok: true, value: { ok: true, value: { id: 'G20240603001' } } });
    expect(second).toMatchObject({ ok: true, value: { ok: true, value: { id: 'G20240603002' } } });
    expect(followUps().map((record) => [record.id, record.content])).toEqual([
      ['G20240603001', '先到'],
      ['G20240603002', '后到'],
    ]);
  });
});

describe('milestones start the next step of the process (docs/product-rules.md §2 "Deals and delivery")', () => {
  const actions = () => followUps().filter((row) => row.reason !== 'manual');

  it.each([
    ['contractSigned', 'handoverDue', '交接期限', '2024-06-04 10:00'],
    ['objection', 'objectionAnswer', '异议响应', '2024-06-04 10:00'],
    ['delivered', 'acceptanceDue', '验收期限', '2024-06-06 10:00'],
    ['accepted', 'surveyDue', '满意度调查期限', '2024-06-12 10:00'],
    ['deliveryUpdate', 'deliveryUpdateDue', '交付进度同步期限', '2024-06-10 10:00'],
  ])('%s → an open %s action for the owner, due %s', (milestone, reason, label, due) => {
    const { host } = setUp();
    const saved = log(host, { milestone });
    expect(saved).toMatchObject({
      ok: true,
      value: { ok: true, value: { id: 'G20240603001', processAction: label, processActionDue: due } },
    });
    expect(actions()).toEqual([
      expect.objectContaining({
        id: 'G20240603002',
        reason,
        relatedId: `${reason}:G20240603001`,
        status: 'open',
        owner: 'boss@example.com',
        nextAction: label,
      }),
    ]);
    // The customer's next step is that action when it comes first.
    expect(customer().nextFollowUpDue).toEqual(actions()[0]?.nextActionDue);
  });

  it('marks done the action a milestone carries out, and a retry adds nothing', () => {
    const { host } = setUp();
    log(host, { milestone: 'contractSigned' });
    const body = {
      requestId: requestId(),
      customerId: 'C20240603001',
      fields: {
        at: '2024-06-04T09:00',
        direction: 'outbound',
        channel: 'visit',
        content: '完成交接',
        milestone: 'handover',
      },
    };
    expect(host.run('saveFollowUp', [body])).toMatchObject({
      ok: true,
      value: { ok: true, value: { closedActions: 1, processAction: '交付进度同步期限' } },
    });
    expect(host.run('saveFollowUp', [body])).toMatchObject({
      ok: true,
      value: { ok: true, value: { alreadySaved: true } },
    });
    expect(actions().map((row) => [row.reason, row.status])).toEqual([
      ['handoverDue', 'done'],
      ['deliveryUpdateDue', 'open'],
    ]);
  });

  it('starts nothing for a do-not-contact customer (inbound contacts are still logged)', () => {
    const { host } = setUp({ doNotContact: true });
    expect(log(host, { direction: 'inbound', milestone: 'contractSigned' })).toMatchObject({
      ok: true,
      value: { ok: true, value: { processAction: '' } },
    });
    expect(actions()).toEqual([]);
  });

  it('labels the action in the workbook language (en)', () => {
    const started = startAddon({ user: { email: 'boss@example.com', locale: 'en' } });
    started.host.run('runInstall', [{ language: 'en' }]);
    saveCustomer(started.host, customerFields());
    useRuntimeGlobals(started.runtime);
    expect(log(started.host, { milestone: 'delivered' })).toMatchObject({
      ok: true,
      value: { ok: true, value: { processAction: 'Acceptance due', processActionDue: '2024-06-06 10:00' } },
    });
  });
});

describe('the last-row hint of appends', () => {
  const body = (content: string) => ({
    requestId: requestId(),
    customerId: 'C20240603001',
    fields: { at: '2024-06-03T10:00', direction: 'inbound', channel: 'phone', content },
  });

  it('lets the next save append without asking for the last row, and never writes over a row typed below', () => {
    const { host, runtime } = setUp();
    host.run('saveFollowUp', [body('一')]);
    runtime.meter.reset();
    host.run('saveFollowUp', [body('二')]);
    expect(runtime.meter.snapshot().byMethod['SpreadsheetApp.Sheet.getLastRow']).toBeUndefined();
    // A row typed into the sheet below the add-on's last append: the hint no longer holds.
    appendRecords(readTable(TEMPLATES.followUps, loadDocumentProperties()), [{ content: '手工录入' }], 'zh-CN');
    runtime.meter.reset();
    host.run('saveFollowUp', [body('三')]);
    expect(runtime.meter.snapshot().byMethod['SpreadsheetApp.Sheet.getLastRow']).toBe(1);
    expect(followUps().map((row) => row.content)).toEqual(['一', '二', '手工录入', '三']);
  });

  it('does not trust a hint whose row was emptied (rows deleted by hand)', () => {
    const { host, runtime } = setUp();
    host.run('saveFollowUp', [body('一')]);
    host.run('saveFollowUp', [body('二')]);
    sheetForTable(spreadsheetOf(runtime), 'followUps').deleteRow(3);
    host.run('saveFollowUp', [body('三')]);
    expect(followUps().map((row) => row.content)).toEqual(['一', '三']);
  });
});

describe('the form', () => {
  it('pre-fills the customer of the selected row, and finds customers by name, phone or id', () => {
    const { host, runtime } = setUp();
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    sheet.getRange('A2:C2').activate();
    expect(host.run('getFollowUpForm')).toMatchObject({
      ok: true,
      value: {
        ok: true,
        value: { selected: { id: 'C20240603001', name: '深圳市星河科技有限公司' }, now: '2024-06-03T09:00' },
      },
    });
    for (const query of ['星河', '138 0013', 'c20240603001', '李雷']) {
      expect(host.run('searchCustomers', [query])).toMatchObject({
        ok: true,
        value: { ok: true, value: [{ id: 'C20240603001' }] },
      });
    }
    expect(host.run('searchCustomers', ['不存在'])).toMatchObject({ ok: true, value: { ok: true, value: [] } });
    expect(host.run('searchCustomers', [42])).toMatchObject({ ok: true, value: { ok: false } });
  });
});

describe('cost', () => {
  it('makes the same small number of service calls with 10 and with 10,000 customers', () => {
    const costs = [10, 10000].map((count) => {
      const { host, runtime } = setUp();
      const table = readTable(TEMPLATES.customers, loadDocumentProperties());
      appendRecords(
        table,
        Array.from({ length: count }, (_, i) => ({
          id: `C20240101${String(i + 1).padStart(5, '0')}`,
          name: `客户${i}`,
          customerType: 'individual',
          contactName: '某',
          source: 'other',
          needs: '—',
          owner: 'boss@example.com',
        })),
        'zh-CN',
      );
      log(host, { at: '2024-06-03T09:30' });
      runtime.meter.reset();
      expect(log(host, {})).toMatchObject({ ok: true, value: { ok: true } });
      return runtime.meter.snapshot();
    });
    expect(costs[1]?.byMethod).toEqual(costs[0]?.byMethod);
    // Targeted reads (issue 18): a few more calls than one whole-table read, but the cells read stay a few
    // rows' worth and the cells searched one key column, whatever the table size.
    expect(costs[0]?.byService.SpreadsheetApp).toBeLessThanOrEqual(24);
    expect(costs[1]?.cellsRead).toBe(costs[0]?.cellsRead);
    expect(costs[1]?.cellsSearched).toBeLessThanOrEqual(2 * 10000 + 1000);
  });
});
