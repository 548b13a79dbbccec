import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, writeFields } from '../../src/server/workbook/table';
import type { ActionResult } from '../../src/shared/rpc/result';
import type { SavedNeedsAnalysis } from '../../src/shared/rpc/needs-analysis';
import { TEMPLATES, columnOf, enumLabel, headerLabel } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/** The needs analysis & grading sidebar's server side, through google.script.run on the built add-on. */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };

function setUp(overrides: Record<string, string | boolean | null> = {}) {
  const started = startAddon({ user: OWNER });
  started.host.run('runInstall', [{ language: 'zh-CN' }]);
  expect(saveCustomer(started.host, customerFields(overrides))).toMatchObject({
    ok: true,
    value: { ok: true, value: { id: 'C20240603001' } },
  });
  useRuntimeGlobals(started.runtime);
  return started;
}

function analysis(overrides: Record<string, unknown> = {}) {
  return {
    requestId: requestId(),
    customerId: 'C20240603001',
    painPoints: ['交期太长', '售后响应慢'],
    explicitNeeds: '采购 50 台办公电脑',
    potentialNeeds: '后续可能需要运维服务',
    decisionMaker: { who: '王总', concern: '价格和交期' },
    influencer: { who: '李雷', concern: '配置' },
    endUser: { who: '', concern: '' },
    budgetRange: '30万–50万',
    annualValueEstimate: '60万',
    needClarity: 'vague',
    budgetFit: 'unconfirmed',
    intentGrade: '',
    ...overrides,
  };
}

type Host = ReturnType<typeof setUp>['host'];
const save = (host: Host, body: Record<string, unknown>) =>
  host.run<ActionResult<SavedNeedsAnalysis>>('saveNeedsAnalysis', [body]);

function customer() {
  return readTable(TEMPLATES.customers, loadDocumentProperties()).records[0]?.values ?? {};
}

function logInterview(host: Host): void {
  host.run('saveFollowUp', [
    {
      requestId: requestId(),
      customerId: 'C20240603001',
      fields: {
        at: '2024-06-03T08:00',
        direction: 'outbound',
        channel: 'visit',
        content: '需求访谈',
        milestone: 'needsInterview',
      },
    },
  ]);
}

describe('saving a needs analysis', () => {
  it('stores the answers, takes the suggested grade, stamps the analysis and reschedules by the new grade', () => {
    const { host, runtime } = setUp({ intentGrade: 'high' });
    logInterview(host);
    expect(customer().needsAnalysisDue).not.toBeNull();
    expect(customer()).toMatchObject({ stage: 'initialContact' });

    const result = save(host, analysis());
    // vague need → low: 30 days after the last contact (2024-07-03 08:00) by the cadence, but the proposal
    // action the analysis starts (3 working days: Monday 09:00 → Thursday 09:00) is the next step.
    expect(result).toEqual({
      ok: true,
      value: {
        ok: true,
        value: {
          id: 'C20240603001',
          row: 2,
          intentGrade: 'low',
          suggestedGrade: 'low',
          stage: 'needsAnalysis',
          nextFollowUpDue: '2024-06-06 09:00',
          alreadySaved: false,
          proposalDue: '2024-06-06 09:00',
        },
      },
    });
    const values = customer();
    expect(values).toMatchObject({
      painPoints: '1. 交期太长\n2. 售后响应慢',
      explicitNeeds: '采购 50 台办公电脑',
      potentialNeeds: '后续可能需要运维服务',
      decisionMaker: '王总 — 价格和交期',
      influencer: '李雷 — 配置',
      endUser: null,
      budgetRange: '30万–50万',
      annualValueEstimate: 600000,
      intentGrade: 'low',
      stage: 'needsAnalysis',
      needsAnalysisDue: null,
      needsAnalysisOverdue: false,
      followUpOverdue: false,
    });
    expect((values.needsAnalyzedAt as Date).getTime()).toBe(runtime.clock.now());
    // The sheet shows labels in the workbook's language.
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[];
    const row = sheet.getRange(2, 1, 1, sheet.getLastColumn()).getValues()[0] as unknown[];
    const cell = (key: string) => row[headers.indexOf(headerLabel(columnOf(TEMPLATES.customers, key), 'zh-CN'))];
    expect(cell('intentGrade')).toBe('低意向');
    expect(cell('stage')).toBe(enumLabel(columnOf(TEMPLATES.customers, 'stage'), 'needsAnalysis', 'zh-CN'));
    expect(cell('painPoints')).toBe('1. 交期太长\n2. 售后响应慢');
  });

  it("keeps the rep's own grade over the suggestion, and a later stage as it is", () => {
    const { host } = setUp({ intentGrade: 'low' });
    writeFields(
      readTable(TEMPLATES.customers, loadDocumentProperties()),
      [{ row: 2, values: { stage: 'proposalConfirmed' } }],
      'zh-CN',
    );
    const first = save(host, analysis({ intentGrade: 'high', needClarity: 'explicit', budgetFit: 'mismatch' }));
    // Never contacted: the cadence counts from creation (2024-06-03 09:00) + 7 days; past the proposal, the
    // analysis starts no proposal action.
    expect(first).toMatchObject({
      ok: true,
      value: {
        ok: true,
        value: {
          intentGrade: 'high',
          suggestedGrade: 'low',
          stage: 'proposalConfirmed',
          nextFollowUpDue: '2024-06-10 09:00',
          proposalDue: '',
        },
      },
    });
    expect(customer()).toMatchObject({ intentGrade: 'high', stage: 'proposalConfirmed' });
  });

  it('is retry-safe: the same analysis again is recognised and writes nothing', () => {
    const { host, runtime } = setUp();
    const body = analysis();
    save(host, body);
    runtime.clock.setTime(runtime.clock.now() + 60_000);
    runtime.meter.reset();
    expect(save(host, body)).toMatchObject({ ok: true, value: { ok: true, value: { alreadySaved: true } } });
    expect(runtime.meter.snapshot().byMethod['SpreadsheetApp.Range.setValues']).toBeUndefined();
    // A changed answer is a new save: re-stamped.
    expect(save(host, analysis({ budgetRange: '50万以上' }))).toMatchObject({
      ok: true,
      value: { ok: true, value: { alreadySaved: false } },
    });
    expect((customer().needsAnalyzedAt as Date).getTime()).toBe(runtime.clock.now());
  });

  it('lets an open action with an explicit due date win over the cadence', () => {
    const { host } = setUp();
    host.run('saveFollowUp', [
      {
        requestId: requestId(),
        customerId: 'C20240603001',
        fields: {
          at: '2024-06-03T08:00',
          direction: 'outbound',
          channel: 'phone',
          content: '约了演示',
          nextAction: '产品演示',
          nextActionDue: '2024-06-05T15:00',
        },
      },
    ]);
    expect(save(host, analysis())).toMatchObject({
      ok: true,
      value: { ok: true, value: { nextFollowUpDue: '2024-06-05 15:00' } },
    });
  });

  it('validates on the server with localized messages', () => {
    const { host } = setUp();
    expect(
      save(host, analysis({ annualValueEstimate: '很多', intentGrade: 'urgent', needClarity: 'x', customerId: 'C1' })),
    ).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: {
          kind: 'validation',
          message: '请修改标出的字段。',
          fields: {
            annualValueEstimate: '请输入金额（元），例如 500000 或 50万。',
            intentGrade: '请从列表中选择。',
            needClarity: '请从列表中选择。',
            customerId: '请选择客户。',
          },
        },
      },
    });
    expect(save(host, analysis({ customerId: 'C20240603999' }))).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'notFound' } },
    });
    expect(save(host, analysis({ requestId: 'x' }))).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'validation' } },
    });
    expect(host.run('saveNeedsAnalysis', [null])).toMatchObject({ ok: true, value: { ok: false } });
  });
});

describe('the form', () => {
  it("pre-fills the selected row's customer with its analysis, and loads a searched one", () => {
    const { host, runtime } = setUp();
    save(host, analysis({ intentGrade: 'medium' }));
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    sheet.getRange('A2:C2').activate();
    const form =
      host.run<ActionResult<{ selected: unknown; fields: { key: string; label: string }[] }>>('getNeedsAnalysisForm');
    expect(form).toMatchObject({
      ok: true,
      value: {
        ok: true,
        value: {
          language: 'zh-CN',
          needClarity: [
            { key: 'explicit', label: '明确' },
            { key: 'partial', label: '部分明确' },
            { key: 'vague', label: '模糊' },
          ],
          selected: {
            customer: { id: 'C20240603001', name: '深圳市星河科技有限公司' },
            painPoints: ['交期太长', '售后响应慢'],
            decisionMaker: { who: '王总', concern: '价格和交期' },
            endUser: { who: '', concern: '' },
            annualValueEstimate: '600000',
            intentGrade: 'medium',
            needsAnalyzedAt: '2024-06-03 09:00',
            needsAnalysisDue: '',
          },
        },
      },
    });
    const fields = form.ok && form.value.ok ? form.value.value.fields : [];
    expect(fields.map((field) => field.key)).toEqual([
      'painPoints',
      'explicitNeeds',
      'potentialNeeds',
      'decisionMaker',
      'influencer',
      'endUser',
      'budgetRange',
      'annualValueEstimate',
      'intentGrade',
    ]);
    expect(host.run('getNeedsAnalysis', ['C20240603001'])).toMatchObject({
      ok: true,
      value: { ok: true, value: { customer: { id: 'C20240603001' }, intentGrade: 'medium' } },
    });
    expect(host.run('getNeedsAnalysis', ['C20240603999'])).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'notFound' } },
    });
    expect(host.run('getNeedsAnalysis', [42])).toMatchObject({ ok: true, value: { ok: false } });
  });
});

describe('the proposal action (docs/product-rules.md §2 "Deals and delivery": proposal due 3 working days after the analysis)', () => {
  function actions() {
    return readTable(TEMPLATES.followUps, loadDocumentProperties())
      .records.map((record) => record.values)
      .filter((values) => values.reason === 'proposalDue');
  }

  it('is an open follow-up for the owner, due 3 working days later, made once however often it is saved', () => {
    const { host } = setUp();
    save(host, analysis());
    expect(actions()).toEqual([
      expect.objectContaining({
        id: 'G20240603001',
        customerId: 'C20240603001',
        status: 'open',
        owner: 'boss@example.com',
        nextAction: '方案提交期限',
        nextActionDue: new Date(Date.parse('2024-06-06T01:00:00Z')),
        relatedId: 'proposalDue:C20240603001',
      }),
    ]);
    // Saved again with other answers (a new request): still one open proposal action.
    expect(save(host, analysis({ explicitNeeds: '采购 80 台办公电脑' }))).toMatchObject({
      ok: true,
      value: { ok: true, value: { alreadySaved: false, proposalDue: '' } },
    });
    expect(actions()).toHaveLength(1);
  });

  it('skips the weekend, and is labelled in the workbook language', () => {
    const { host, runtime } = (() => {
      const started = startAddon({ user: { email: 'boss@example.com', locale: 'en' } });
      started.host.run('runInstall', [{ language: 'en' }]);
      saveCustomer(started.host, customerFields());
      useRuntimeGlobals(started.runtime);
      return started;
    })();
    runtime.clock.setTime(Date.parse('2024-06-06T02:00:00Z')); // Thursday 10:00
    expect(save(host, analysis())).toMatchObject({
      ok: true,
      value: { ok: true, value: { proposalDue: '2024-06-11 10:00' } },
    });
    expect(actions()).toEqual([expect.objectContaining({ nextAction: 'Proposal due', status: 'open' })]);
  });

  it('is not made for a do-not-contact customer', () => {
    const { host } = setUp({ doNotContact: true });
    expect(save(host, analysis())).toMatchObject({ ok: true, value: { ok: true, value: { proposalDue: '' } } });
    expect(actions()).toEqual([]);
  });

  it('is flagged overdue by the daily scan once its day has passed', () => {
    const { host, runtime } = setUp();
    save(host, analysis());
    runtime.clock.setTime(Date.parse('2024-06-07T01:00:00Z'));
    host.open();
    host.clickMenu('runDailyScanNow');
    expect(actions()).toEqual([expect.objectContaining({ overdue: true })]);
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
      runtime.meter.reset();
      // As the sidebar sends it: with the row the picker found the customer in.
      expect(save(host, analysis({ customerRow: 2 }))).toMatchObject({ ok: true, value: { ok: true } });
      return runtime.meter.snapshot();
    });
    expect(costs[1]?.byMethod).toEqual(costs[0]?.byMethod);
    // Targeted reads (issue 18): the customer found by id and its follow-ups by customer id, never a whole
    // table read; the same cells read at 10 and 10,000 customers; the changed cells in one batched write.
    expect(costs[1]?.cellsRead).toBe(costs[0]?.cellsRead);
    expect(costs[0]?.byMethod['SpreadsheetApp.Range.getValues']).toBeUndefined();
    expect(costs[0]?.byMethod['Sheets.Values.batchUpdate']).toBe(1);
    expect(costs[0]?.calls).toBeLessThanOrEqual(20);
  });
});
