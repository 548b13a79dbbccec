import { appendRecords, readTable, writeFields } from '../../src/server/workbook/table';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import type { MyDayView } from '../../src/shared/rpc/contract';
import type { ActionResult } from '../../src/shared/rpc/result';
import type { SavedSurvey } from '../../src/shared/rpc/ticket-survey';
import { hasSuggestions, suggestionExcerpt } from '../../src/shared/rules/survey-suggestions';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/**
 * Issue 19 item 2 (docs/product-rules.md §2 "Deals and delivery": survey suggestions answered within 15 working days): a survey
 * with suggestions creates an "answer the suggestions" follow-up for the customer's owner, due 15 working days
 * later, open, dated, so the daily scan flags it once overdue. Now = Mon 2024-06-03 09:00 in Shanghai.
 */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const REP = { email: 'rep@example.com', locale: 'en_US' };
const iso = (value: unknown): string | null =>
  Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).toISOString() : null;

function setUp(language: 'zh-CN' | 'en' = 'zh-CN') {
  const started = startAddon({ user: OWNER });
  started.host.run('runInstall', [{ language }]);
  started.host.open();
  expect(saveCustomer(started.host, customerFields())).toMatchObject({ ok: true, value: { ok: true } });
  useRuntimeGlobals(started.runtime);
  return started;
}

type Host = ReturnType<typeof setUp>['host'];
const GOOD = { productQuality: '4', responseSpeed: '4', communication: '4', problemSolving: '4', overall: '4' };
const LOW = { ...GOOD, responseSpeed: '2' };

function survey(
  host: Host,
  fields: Record<string, string>,
  options: { id?: string; customerId?: string; user?: typeof OWNER } = {},
) {
  return host.run<ActionResult<SavedSurvey>>(
    'saveSurvey',
    [
      {
        requestId: options.id ?? requestId(),
        customerId: options.customerId ?? 'C20240603001',
        customerRow: 2,
        ticketId: '',
        fields: { date: '2024-06-03', ...fields },
      },
    ],
    options.user ? { user: options.user } : {},
  );
}

const saved = (result: ReturnType<typeof survey>): SavedSurvey => {
  if (!result.ok || !result.value.ok) throw new Error(`save failed: ${JSON.stringify(result)}`);
  return result.value.value;
};
const surveys = () => readTable(TEMPLATES.satisfaction, loadDocumentProperties()).records.map((r) => r.values);
const followUps = () => readTable(TEMPLATES.followUps, loadDocumentProperties()).records.map((r) => r.values);

describe('a survey with suggestions', () => {
  it('creates an open "answer the suggestions" follow-up for the owner, due 15 working days later (zh-CN)', () => {
    const { host } = setUp();
    const result = saved(survey(host, { ...GOOD, suggestions: '希望增加上门培训，\n并提供操作手册' }));
    expect(result).toEqual({
      id: 'S20240603001',
      row: 2,
      score: 80,
      followUpId: '',
      followUpDue: '',
      suggestionFollowUpId: 'G20240603001',
      suggestionDue: '2024-06-24 09:00', // three weeks of Mon–Fri
      corePool: false,
      alreadySaved: false,
    });
    expect(followUps()).toEqual([
      expect.objectContaining({
        id: 'G20240603001',
        customerId: 'C20240603001',
        customerName: '深圳市星河科技有限公司',
        reason: 'suggestionAnswer',
        relatedId: 'S20240603001',
        owner: 'boss@example.com',
        status: 'open',
        overdue: false,
        direction: null,
        channel: null,
        // Typed text is cleaned as every long text is (half-width punctuation), and quoted on one line.
        nextAction: '答复满意度调查 S20240603001 的建议：希望增加上门培训, 并提供操作手册',
        content: '希望增加上门培训,\n并提供操作手册',
      }),
    ]);
    expect(iso(followUps()[0]?.nextActionDue)).toBe('2024-06-24T01:00:00.000Z');
    // The survey points at the follow-up it created.
    expect(surveys()).toEqual([expect.objectContaining({ id: 'S20240603001', followUpId: 'G20240603001' })]);
  });

  it('counts working days as the deadline rules do: a Settings holiday moves the due a day', () => {
    const { host } = setUp();
    const settings = readTable(TEMPLATES.settings, loadDocumentProperties());
    const holidays = settings.records.find((record) => record.values.key === 'holidays');
    writeFields(settings, [{ row: holidays?.row as number, values: { value: '2024-06-10' } }], 'zh-CN');
    expect(saved(survey(host, { ...GOOD, suggestions: '希望增加上门培训' })).suggestionDue).toBe('2024-06-25 09:00');
  });

  it('with a low score too: two follow-ups (24 h and 15 working days), and a retry creates neither again', () => {
    const { host } = setUp();
    const id = requestId();
    const first = saved(survey(host, { ...LOW, suggestions: '响应太慢，建议设专人对接' }, { id }));
    expect(first).toMatchObject({
      id: 'S20240603001',
      score: 72,
      followUpId: 'G20240603001',
      followUpDue: '2024-06-04 09:00',
      suggestionFollowUpId: 'G20240603002',
      suggestionDue: '2024-06-24 09:00',
      alreadySaved: false,
    });
    // Another save between the first attempt and its retry.
    saved(survey(host, GOOD));
    const retried = saved(survey(host, { ...LOW, suggestions: '响应太慢，建议设专人对接' }, { id }));
    expect(retried).toEqual({ ...first, alreadySaved: true });
    expect(surveys().map((values) => [values.id, values.followUpId])).toEqual([
      ['S20240603001', 'G20240603001'],
      ['S20240603002', null],
    ]);
    expect(followUps().map((values) => [values.id, values.reason, values.relatedId])).toEqual([
      ['G20240603001', 'lowSatisfaction', 'S20240603001'],
      ['G20240603002', 'suggestionAnswer', 'S20240603001'],
    ]);
  });

  it('is flagged by the daily scan and listed as overdue in My day once its 15 working days have passed', () => {
    const { host, runtime } = setUp();
    saved(survey(host, { ...GOOD, suggestions: '希望增加上门培训' }));
    runtime.clock.setTime(Date.parse('2024-06-24T02:00:00Z')); // Mon 10:00, an hour past the due
    host.clickMenu('runDailyScanNow');
    expect(followUps()).toEqual([expect.objectContaining({ id: 'G20240603001', overdue: true, status: 'open' })]);
    const day = host.run<ActionResult<MyDayView>>('getMyDay');
    expect(day.ok && day.value.ok && day.value.value.sections.find((s) => s.key === 'overdue')?.items).toEqual([
      expect.objectContaining({ table: 'followUps', id: 'G20240603001', when: '2024-06-24 09:00' }),
    ]);
  });

  it('in an English workbook: the action in English, quoting the start of long suggestions; the text in full', () => {
    const { host } = setUp('en');
    // The customer's owner cell was cleared in the sheet: the follow-up goes to the rep who saved the survey.
    writeFields(readTable(TEMPLATES.customers, loadDocumentProperties()), [{ row: 2, values: { owner: null } }], 'en');
    const long = `Please add on-site training for new staff. ${'Also more documentation. '.repeat(5)}`.trim();
    const result = saved(survey(host, { ...GOOD, suggestions: long }, { user: REP }));
    expect(result.suggestionFollowUpId).toBe('G20240603001');
    expect(followUps()).toEqual([
      expect.objectContaining({
        owner: 'rep@example.com',
        reason: 'suggestionAnswer',
        nextAction: `Answer the suggestions of survey S20240603001: ${suggestionExcerpt(long)}`,
        content: long,
      }),
    ]);
    expect(suggestionExcerpt(long)).toMatch(/^Please add on-site training for new staff\. Also more docu.*…$/);
  });

  it('saying there is nothing to suggest ("无", "none", "-") creates no follow-up', () => {
    const { host } = setUp();
    for (const suggestions of ['无', '没有。', ' None ', '-', '']) {
      expect(saved(survey(host, { ...GOOD, suggestions }))).toMatchObject({ suggestionFollowUpId: '' });
    }
    expect(surveys()).toHaveLength(5);
    expect(followUps()).toHaveLength(0);
    expect(surveys()[0]).toMatchObject({ suggestions: '无', followUpId: null });
    expect([hasSuggestions(null), hasSuggestions('暂无'), hasSuggestions('N/A'), hasSuggestions('无需改进')]).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it('refuses bad input with a clear message and writes nothing', () => {
    const { host } = setUp('en');
    expect(survey(host, { ...GOOD, suggestions: 'x'.repeat(10001) })).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'validation', fields: { suggestions: expect.stringMatching(/long/i) } } },
    });
    expect(survey(host, { ...GOOD, overall: '', suggestions: 'Faster delivery' })).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'validation', fields: { overall: 'Required.' } } },
    });
    expect(
      host.run('saveSurvey', [{ requestId: '', customerId: 'C20240603001', fields: { ...GOOD, suggestions: 'x' } }]),
    ).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'validation' } } });
    expect(survey(host, { ...GOOD, suggestions: 'Faster delivery' }, { customerId: 'C20240603999' })).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'notFound' } },
    });
    expect(surveys()).toHaveLength(0);
    expect(followUps()).toHaveLength(0);
  });

  it('a save that arrives while another holds the lock is told to retry; the one holding it loses nothing', () => {
    const { host, runtime } = setUp();
    let second: unknown;
    runtime.meter.beforeNextCall('Sheets.Values.batchUpdate', () => {
      second = survey(host, { ...GOOD, suggestions: '第二份建议' });
    });
    expect(saved(survey(host, { ...LOW, suggestions: '第一份建议' }))).toMatchObject({
      followUpId: 'G20240603001',
      suggestionFollowUpId: 'G20240603002',
    });
    expect(second).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'busy', message: '其他人正在保存，请稍后再试。' } },
    });
    expect(surveys()).toHaveLength(1);
    expect(followUps().map((values) => values.content)).toEqual([expect.any(String), '第一份建议']);
  });

  it('gives a save that waited for the lock fresh ids for its survey and follow-ups', () => {
    const { host, runtime } = setUp();
    let first: ReturnType<typeof survey> | undefined;
    runtime.meter.beforeNextCall('LockService.Lock.tryLock', () => {
      first = survey(host, { ...LOW, suggestions: '先到' });
    });
    const second = saved(survey(host, { ...GOOD, suggestions: '后到' }));
    expect(first && saved(first)).toMatchObject({
      id: 'S20240603001',
      followUpId: 'G20240603001',
      suggestionFollowUpId: 'G20240603002',
    });
    expect(second).toMatchObject({ id: 'S20240603002', suggestionFollowUpId: 'G20240603003' });
    expect(followUps().map((values) => [values.id, values.relatedId])).toEqual([
      ['G20240603001', 'S20240603001'],
      ['G20240603002', 'S20240603001'],
      ['G20240603003', 'S20240603002'],
    ]);
  });
});

describe('cost', () => {
  it('a survey with suggestions answering a ticket: the same calls and cells read with 10 and 10,000 rows', () => {
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
        [
          ...rows('G', { content: '—', status: 'done', relatedId: 'F20240101001' }),
          { id: 'G20240102001', customerId: 'C20240603001', relatedId: 'F20240603001', reason: 'surveyDue' },
        ],
        'zh-CN',
      );
      saved(survey(host, GOOD)); // grows the sheets if needed, outside the measured saves
      const measure = (ticketId: string) => {
        runtime.meter.reset();
        const body = { requestId: requestId(), customerId: 'C20240603001', customerRow: 2, ticketId };
        const fields = { date: '2024-06-03', ...LOW, suggestions: '建议设专人对接' };
        expect(host.run('saveSurvey', [{ ...body, fields }])).toMatchObject({ ok: true, value: { ok: true } });
        return runtime.meter.snapshot();
      };
      return { plain: measure(''), ticket: measure('F20240603001') };
    });
    for (const kind of ['plain', 'ticket'] as const) {
      expect(costs[1]?.[kind].byMethod).toEqual(costs[0]?.[kind].byMethod);
      expect(costs[1]?.[kind].cellsRead).toBe(costs[0]?.[kind].cellsRead);
      expect(costs[1]?.[kind].cellsRead).toBeLessThan(1000);
    }
    expect(costs[0]?.plain.calls).toBeLessThanOrEqual(20);
    // Answering a ticket searches the follow-ups' related-id column and reads the rows found: four calls more.
    // (At most four: the earlier save left the follow-ups' last-row hint, which saves finding the last row.)
    expect(costs[0]?.ticket.calls).toBeLessThanOrEqual((costs[0]?.plain.calls ?? 0) + 4);
    expect(costs[0]?.ticket.calls).toBeGreaterThan(costs[0]?.plain.calls ?? 0);
    expect(costs[1]?.ticket.cellsSearched).toBeLessThanOrEqual(2 * 10000 + 200);
  });
});
