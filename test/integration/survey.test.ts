import { appendRecords, readTable } from '../../src/server/workbook/table';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import type { ActionResult } from '../../src/shared/rpc/result';
import type { SavedSurvey } from '../../src/shared/rpc/ticket-survey';
import type { MyDayView } from '../../src/shared/rpc/contract';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/** Issue 8: satisfaction surveys. Now = Mon 2024-06-03 09:00 in Shanghai. */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const iso = (value: unknown): string | null =>
  Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).toISOString() : null;

function setUp() {
  const started = startAddon({ user: OWNER });
  started.host.run('runInstall', [{ language: 'zh-CN' }]);
  expect(saveCustomer(started.host, customerFields())).toMatchObject({ ok: true, value: { ok: true } });
  useRuntimeGlobals(started.runtime);
  return started;
}

type Host = ReturnType<typeof setUp>['host'];
const ratings = (a: number, b: number, c: number, d: number, e: number) => ({
  productQuality: String(a),
  responseSpeed: String(b),
  communication: String(c),
  problemSolving: String(d),
  overall: String(e),
});

function survey(host: Host, fields: Record<string, string>, id = requestId(), ticketId = '', customerRow?: number) {
  return host.run<ActionResult<SavedSurvey>>('saveSurvey', [
    { requestId: id, customerId: 'C20240603001', customerRow, ticketId, fields: { date: '2024-06-03', ...fields } },
  ]);
}

const customer = () => readTable(TEMPLATES.customers, loadDocumentProperties()).records[0]?.values ?? {};
const surveys = () => readTable(TEMPLATES.satisfaction, loadDocumentProperties()).records.map((r) => r.values);
const followUps = () => readTable(TEMPLATES.followUps, loadDocumentProperties()).records.map((r) => r.values);

describe('saving a survey', () => {
  it('scores 1,2,3,4,5 as 60.0 and, with a dimension ≤ 2, creates exactly one follow-up even when retried', () => {
    const { host } = setUp();
    const id = requestId();
    const first = survey(host, { ...ratings(1, 2, 3, 4, 5), nps: '6', comments: '+ 响应慢' }, id);
    expect(first).toEqual({
      ok: true,
      value: {
        ok: true,
        value: {
          id: 'S20240603001',
          row: 2,
          score: 60,
          followUpId: 'G20240603001',
          followUpDue: '2024-06-04 09:00',
          suggestionFollowUpId: '',
          suggestionDue: '',
          corePool: false,
          alreadySaved: false,
        },
      },
    });
    expect(survey(host, { ...ratings(1, 2, 3, 4, 5), nps: '6' }, id)).toMatchObject({
      ok: true,
      value: {
        ok: true,
        value: {
          id: 'S20240603001',
          followUpId: 'G20240603001',
          followUpDue: '2024-06-04 09:00',
          suggestionFollowUpId: '',
          alreadySaved: true,
        },
      },
    });
    expect(surveys()).toEqual([
      expect.objectContaining({
        id: 'S20240603001',
        customerName: '深圳市星河科技有限公司',
        productQuality: 1,
        overall: 5,
        score: 60,
        nps: 6,
        comments: '+ 响应慢',
        followUpId: 'G20240603001',
      }),
    ]);
    expect(followUps()).toEqual([
      expect.objectContaining({
        id: 'G20240603001',
        reason: 'lowSatisfaction',
        relatedId: 'S20240603001',
        owner: 'boss@example.com',
        status: 'open',
      }),
    ]);
    expect(iso(followUps()[0]?.nextActionDue)).toBe('2024-06-04T01:00:00.000Z');
    expect(customer()).toMatchObject({ satisfactionScore: 60, corePool: false });
  });

  it("shows the low-satisfaction follow-up in the owner's My day once it is overdue", () => {
    const { host, runtime } = setUp();
    survey(host, ratings(3, 3, 3, 3, 2)); // 56.0, and overall 2
    runtime.clock.advance(25 * 3_600_000); // Tue 10:00: the 24 h follow-up is overdue
    const day = host.run<ActionResult<MyDayView>>('getMyDay');
    expect(day.ok && day.value.ok && day.value.value.sections.find((s) => s.key === 'overdue')?.items).toEqual([
      expect.objectContaining({ table: 'followUps', id: 'G20240603001', when: '2024-06-04 09:00' }),
    ]);
  });

  it('puts a 90+ customer in the core pool without a follow-up', () => {
    const { host } = setUp();
    expect(survey(host, ratings(5, 5, 4, 5, 5))).toMatchObject({
      ok: true,
      value: { ok: true, value: { score: 96, followUpId: '', corePool: true } },
    });
    expect(customer()).toMatchObject({ satisfactionScore: 96, corePool: true });
    expect(followUps()).toHaveLength(0);
    // A later, ordinary survey updates the score but keeps the customer in the pool.
    expect(survey(host, ratings(4, 4, 4, 4, 3))).toMatchObject({ ok: true, value: { ok: true, value: { score: 76 } } });
    expect(customer()).toMatchObject({ satisfactionScore: 76, corePool: true });
  });

  it('3,3,3,3,3 = 60.0 is not low: no dimension ≤ 2 and not below 60', () => {
    const { host } = setUp();
    expect(survey(host, ratings(3, 3, 3, 3, 3))).toMatchObject({
      ok: true,
      value: { ok: true, value: { score: 60, followUpId: '' } },
    });
  });

  it('closes the survey-due action of the ticket it answers', () => {
    const { host } = setUp();
    host.run('saveTicket', [
      {
        requestId: requestId(),
        customerId: 'C20240603001',
        fields: {
          ticketType: 'afterSales',
          category: 'service',
          priority: 'medium',
          description: '安装指导',
          assignee: 'boss@example.com',
          reportedAt: '2024-06-03T08:00',
        },
      },
    ]);
    host.run('updateTicket', [
      {
        requestId: requestId(),
        ticketId: 'F20240603001',
        fromStatus: 'pending',
        action: 'resolve',
        resolution: '已指导',
      },
    ]);
    expect(followUps()).toEqual([expect.objectContaining({ reason: 'surveyDue', status: 'open' })]);
    expect(survey(host, ratings(4, 4, 5, 4, 4), requestId(), 'F20240603001')).toMatchObject({
      ok: true,
      value: { ok: true, value: { score: 84 } },
    });
    expect(surveys()[0]).toMatchObject({ ticketId: 'F20240603001' });
    expect(followUps()).toEqual([expect.objectContaining({ reason: 'surveyDue', status: 'done' })]);
  });

  it('validates on the server with localized messages', () => {
    const { host } = setUp();
    expect(survey(host, { ...ratings(0, 6, 3, 3, 3), overall: '', nps: '11', date: '2024-02-30' })).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: {
          kind: 'validation',
          fields: {
            productQuality: '请选择1到5分。',
            responseSpeed: '请选择1到5分。',
            overall: '必填。',
            nps: '请输入0到10的整数。',
            date: expect.any(String),
          },
        },
      },
    });
    expect(surveys()).toHaveLength(0);
  });

  it('pre-fills the customer and ticket of the selected tickets row', () => {
    const { host, runtime } = setUp();
    host.run('saveTicket', [
      {
        requestId: requestId(),
        customerId: 'C20240603001',
        fields: {
          ticketType: 'consultation',
          category: 'other',
          priority: 'low',
          description: '咨询',
          assignee: 'boss@example.com',
          reportedAt: '2024-06-03T08:00',
        },
      },
    ]);
    sheetForTable(spreadsheetOf(runtime), 'tickets').getRange('B2').activate();
    expect(host.run('getSurveyForm')).toMatchObject({
      ok: true,
      value: {
        ok: true,
        value: { selected: { id: 'C20240603001' }, selectedTicketId: 'F20240603001', today: '2024-06-03' },
      },
    });
  });
});

describe('the customer row hint', () => {
  it("uses the picker's row when it still holds the customer, and searches for the customer when it doesn't", () => {
    const { host } = setUp();
    // The right row, an empty row below the data and a row past the end of the sheet: the same save each time.
    for (const hint of [2, 3, 5_000_000]) {
      expect(survey(host, ratings(4, 4, 4, 4, 4), requestId(), '', hint)).toMatchObject({
        ok: true,
        value: { ok: true, value: { score: 80, alreadySaved: false } },
      });
    }
    expect(surveys()).toHaveLength(3);
    expect(customer()).toMatchObject({ satisfactionScore: 80 });
  });
});

describe('cost', () => {
  it('reads and searches the same cells with 10 and 10,000 surveys and follow-ups, in at most 20 calls', () => {
    const costs = [10, 10000].map((count) => {
      const { host, runtime } = setUp();
      const rows = (prefix: string, extra: Record<string, string>) =>
        Array.from({ length: count }, (_, i) => ({
          id: `${prefix}20240101${String(i + 1).padStart(5, '0')}`,
          customerId: 'C20240603001',
          requestId: `r-${prefix}-${i}`,
          ...extra,
        }));
      const props = loadDocumentProperties();
      appendRecords(readTable(TEMPLATES.satisfaction, props), rows('S', { overall: '4' }), 'zh-CN');
      appendRecords(
        readTable(TEMPLATES.followUps, props),
        rows('G', { content: '—', status: 'done', relatedId: 'F20240101001' }),
        'zh-CN',
      );
      survey(host, ratings(4, 4, 4, 4, 4)); // grows the sheets if needed, outside the measured saves
      const measure = (fields: Record<string, string>, customerRow?: number, id = requestId()) => {
        runtime.meter.reset();
        expect(survey(host, fields, id, '', customerRow)).toMatchObject({ ok: true, value: { ok: true } });
        return runtime.meter.snapshot();
      };
      const retryId = requestId();
      const both = { ...ratings(1, 2, 3, 4, 5), suggestions: '希望增加上门培训' };
      return {
        low: measure(ratings(1, 2, 3, 4, 5), 2),
        // A low score with suggestions: two follow-ups, appended together, their ids taken together.
        both: measure(both, 2, retryId),
        core: measure(ratings(5, 5, 5, 5, 5), 2),
        searched: measure(ratings(1, 2, 3, 4, 5)),
        retried: measure(both, 2, retryId),
      };
    });
    for (const kind of ['low', 'both', 'core', 'searched', 'retried'] as const) {
      expect(costs[1]?.[kind].byMethod).toEqual(costs[0]?.[kind].byMethod);
      expect(costs[1]?.[kind].cellsRead).toBe(costs[0]?.[kind].cellsRead);
      // A few rows' worth: headers, Settings, the customer's row and the rows found, never a table.
      expect(costs[1]?.[kind].cellsRead).toBeLessThan(1000);
    }
    // With the picker's row hint (read in the batch that checks the headers): at most 20 calls whatever
    // follow-ups the survey creates; the customer's owner is the follow-ups' owner, so the user's e-mail is
    // never asked for.
    expect(costs[0]?.core.calls).toBeLessThanOrEqual(18);
    expect(costs[0]?.low.calls).toBeLessThanOrEqual(20);
    // Two follow-ups cost no more than one (appended together; the first save left the last-row hint).
    expect(costs[0]?.both.calls).toBeLessThanOrEqual(costs[0]?.low.calls ?? 0);
    expect(costs[0]?.low.byService.Session).toBeUndefined();
    // A retry writes nothing; it finds what the first save created by the request id (one search more).
    expect(costs[0]?.retried.calls).toBeLessThanOrEqual(20);
    expect(costs[0]?.retried.byMethod['Sheets.Values.batchUpdate']).toBeUndefined();
    // Without a usable hint, one search of the customers' id column and a read of the row found (one batch) more.
    // (At most four: it also finds the tables' last rows from the hints the earlier saves left.)
    expect(costs[0]?.searched.calls).toBeLessThanOrEqual((costs[0]?.low.calls ?? 0) + 4);
    expect(costs[0]?.searched.calls).toBeGreaterThan(costs[0]?.low.calls ?? 0);
    // Searched: the surveys' request-id column (and the customers' id column without a hint), not the
    // 10,000 follow-ups.
    expect(costs[1]?.low.cellsSearched).toBeLessThanOrEqual(10000 + 200);
    expect(costs[1]?.searched.cellsSearched).toBeLessThanOrEqual(10000 + 200 + 1000);
  });

  it('a low-score and a core-pool survey cost the same calls with 10 and 10,000 surveys and follow-ups', () => {
    const costs = [10, 10000].map((count) => {
      const { host, runtime } = setUp();
      const rows = (prefix: string, extra: Record<string, string>) =>
        Array.from({ length: count }, (_, i) => ({
          id: `${prefix}20240101${String(i + 1).padStart(5, '0')}`,
          customerId: 'C20240603001',
          ...extra,
        }));
      const props = loadDocumentProperties();
      appendRecords(readTable(TEMPLATES.satisfaction, props), rows('S', { overall: '4' }), 'zh-CN');
      appendRecords(readTable(TEMPLATES.followUps, props), rows('G', { content: '—', status: 'done' }), 'zh-CN');
      survey(host, ratings(4, 4, 4, 4, 4)); // grows the sheets if needed, outside the measured saves
      const measure = (fields: Record<string, string>) => {
        runtime.meter.reset();
        expect(survey(host, fields)).toMatchObject({ ok: true, value: { ok: true } });
        return runtime.meter.snapshot();
      };
      return { low: measure(ratings(1, 2, 3, 4, 5)), core: measure(ratings(5, 5, 5, 5, 5)) };
    });
    expect(costs[1]?.low.byMethod).toEqual(costs[0]?.low.byMethod);
    expect(costs[1]?.core.byMethod).toEqual(costs[0]?.core.byMethod);
    expect(costs[0]?.core.byService.SpreadsheetApp).toBeLessThanOrEqual(12);
    expect(costs[0]?.low.byService.SpreadsheetApp).toBeLessThanOrEqual(16);
  });
});
