import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, writeFields } from '../../src/server/workbook/table';
import type { ActionResult } from '../../src/shared/rpc/result';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { needsAnalysisRequest } from '../../bench/workloads';
import { startAddon } from '../support/addon';
import { documentProperties, sheetForTable, spreadsheetOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/**
 * A follow-up or needs-analysis save reads its customer's follow-ups from the My day index's history block
 * (src/server/workbook/customer-history.ts) instead of searching Follow-ups' customer-id column: the same
 * answers as the search, whatever was written since the build, by the add-on or by hand.
 */
const REP = { email: 'boss@example.com', locale: 'zh_CN' };
type Saved = { id: string; closedActions: number; alreadySaved: boolean; capWarning: string | null };
type Started = ReturnType<typeof startAddon>;
/** The customers' rows, as a sidebar hints them (the customer is then not searched for). */
const ROWS: Record<string, number> = { C20240603001: 2, C20240603002: 3 };

function setUp(language: 'zh-CN' | 'en' = 'zh-CN'): Started {
  const started = startAddon({ user: REP });
  started.host.run('runInstall', [{ language }]);
  saveCustomer(started.host, customerFields());
  saveCustomer(started.host, customerFields({ name: '第二家', phone: '13911112222', email: 'b@y.cn' }));
  started.runtime.clock.setTime(Date.parse('2024-06-03T04:00:00Z')); // 12:00 on the 3rd
  useRuntimeGlobals(started.runtime);
  return started;
}

function log(
  started: Started,
  customerId: string,
  fields: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): Saved {
  const result = started.host.run<ActionResult<Saved>>('saveFollowUp', [
    {
      requestId: requestId(),
      customerId,
      customerRow: ROWS[customerId],
      fields: { at: '2024-06-03T10:00', direction: 'outbound', channel: 'phone', content: '沟通', ...fields },
      ...extra,
    },
  ]);
  if (!result.ok || !result.value.ok) throw new Error(JSON.stringify(result));
  return result.value.value;
}

/** An open action for the customer (a next step with a date). */
const action = (started: Started, customerId: string, due = '2024-06-05T10:00') =>
  log(started, customerId, { nextAction: '回访', nextActionDue: due });

/** The nightly build, as the first My day of the day does it. */
function buildIndex(started: Started): void {
  const result = started.host.run<ActionResult<unknown>>('getMyDay', [], { user: REP });
  expect(result).toMatchObject({ ok: true, value: { ok: true } });
  expect(JSON.parse(documentProperties(started.runtime).getProperty('crm.myDayIndex') ?? '{}')).toMatchObject({
    history: true,
  });
}

function followUps() {
  return readTable(TEMPLATES.followUps, loadDocumentProperties()).records;
}

function statusOf(id: string): unknown {
  return followUps().find((record) => record.values.id === id)?.values.status;
}

/** Service calls by method of the next save, and whether it searched Follow-ups. */
function searchedFollowUps(started: Started, save: () => void): boolean {
  started.runtime.meter.reset();
  save();
  return Object.keys(started.runtime.meter.snapshot().byMethod).some((key) => key.includes('TextFinder'));
}

describe.each(['zh-CN', 'en'] as const)('a save reads its customer from the index (%s)', (language) => {
  it("closes the customer's earlier open actions known from the index, only that customer's, searching nothing", () => {
    const started = setUp(language);
    const first = action(started, 'C20240603001');
    const other = action(started, 'C20240603002');
    log(started, 'C20240603001'); // a closed touch
    buildIndex(started);
    let saved: Saved | null = null;
    expect(
      searchedFollowUps(started, () => (saved = log(started, 'C20240603001', {}, { markEarlierDone: true }))),
    ).toBe(false);
    expect(saved).toMatchObject({ closedActions: 1, alreadySaved: false });
    expect(statusOf(first.id)).toBe('done');
    expect(statusOf(other.id)).toBe('open');
  });

  it('sees rows appended and rows rewritten by the add-on since the build', () => {
    const started = setUp(language);
    const before = action(started, 'C20240603001');
    buildIndex(started);
    const after = action(started, 'C20240603001', '2024-06-06T10:00'); // appended since the build
    const closedSince = action(started, 'C20240603002');
    log(started, 'C20240603002', {}, { markEarlierDone: true }); // rewritten since: closed
    const saved = log(started, 'C20240603001', {}, { markEarlierDone: true });
    expect(saved.closedActions).toBe(2);
    expect([statusOf(before.id), statusOf(after.id), statusOf(closedSince.id)]).toEqual(['done', 'done', 'done']);
    // Nothing left open for the first customer: the next save closes nothing.
    expect(log(started, 'C20240603001', {}, { markEarlierDone: true }).closedActions).toBe(0);
  });

  it('recognises a retry whose first try was saved before the build', () => {
    const started = setUp(language);
    const body = {
      requestId: requestId(),
      customerId: 'C20240603001',
      fields: { at: '2024-06-03T10:00', direction: 'outbound', channel: 'phone', content: '第一次' },
    };
    const first = started.host.run<ActionResult<Saved>>('saveFollowUp', [body]);
    buildIndex(started);
    started.runtime.clock.setTime(Date.parse('2024-06-03T05:00:00Z'));
    const retried = started.host.run<ActionResult<Saved>>('saveFollowUp', [body]);
    expect(retried).toMatchObject({ ok: true, value: { ok: true, value: { alreadySaved: true } } });
    expect(first.ok && first.value.ok && retried.ok && retried.value.ok && retried.value.value.id).toBe(
      first.ok && first.value.ok && first.value.value.id,
    );
    expect(followUps()).toHaveLength(1);
  });

  it('counts the touches known from the index against the contact cap', () => {
    const started = setUp(language);
    // Sleeping segment: one outbound touch a month (Settings' contact caps).
    writeFields(
      readTable(TEMPLATES.customers, loadDocumentProperties()),
      [{ row: 2, values: { segment: 'dormant' } }],
      language,
    );
    log(started, 'C20240603001', { at: '2024-06-01T10:00' });
    buildIndex(started);
    const saved = log(started, 'C20240603001', { at: '2024-06-03T11:00' });
    expect(saved.capWarning).not.toBeNull();
  });

  it('leaves an action closed by hand since the build as the user left it', () => {
    const started = setUp(language);
    const open = action(started, 'C20240603001');
    buildIndex(started);
    const row = followUps().find((record) => record.values.id === open.id)?.row as number;
    const doneByHand = new Date(Date.parse('2024-06-02T08:00:00Z'));
    writeFields(
      readTable(TEMPLATES.followUps, loadDocumentProperties()),
      [{ row, values: { status: 'done', doneAt: doneByHand } }],
      language,
    );
    expect(log(started, 'C20240603001', {}, { markEarlierDone: true }).closedActions).toBe(0);
    expect(followUps().find((record) => record.values.id === open.id)?.values.doneAt).toEqual(doneByHand);
  });

  it('searches instead when rows were deleted by hand since the build, with the same result', () => {
    const started = setUp(language);
    const touch = log(started, 'C20240603002');
    const open = action(started, 'C20240603001');
    const other = action(started, 'C20240603002');
    buildIndex(started);
    const sheet = sheetForTable(spreadsheetOf(started.runtime), 'followUps');
    sheet.deleteRow(followUps().find((record) => record.values.id === touch.id)?.row as number);
    let saved: Saved | null = null;
    expect(
      searchedFollowUps(started, () => (saved = log(started, 'C20240603001', {}, { markEarlierDone: true }))),
    ).toBe(true);
    expect(saved).toMatchObject({ closedActions: 1 });
    expect([statusOf(open.id), statusOf(other.id)]).toEqual(['done', 'open']);
    // The new row went right below the last one: no gap, nothing written over.
    const ids = followUps().map((record) => record.values.id);
    expect(ids).toEqual([open.id, other.id, (saved as unknown as Saved).id]);
  });

  it('searches instead when the sheet was sorted by hand since the build, and closes the right rows', () => {
    const started = setUp(language);
    const open = action(started, 'C20240603001');
    const other = action(started, 'C20240603002');
    log(started, 'C20240603002');
    buildIndex(started);
    const sheet = sheetForTable(spreadsheetOf(started.runtime), 'followUps');
    // Newest first, by the id column.
    sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).sort({ column: 1, ascending: false });
    const saved = log(started, 'C20240603001', {}, { markEarlierDone: true });
    expect(saved.closedActions).toBe(1);
    expect([statusOf(open.id), statusOf(other.id)]).toEqual(['done', 'open']);
  });

  it('is dropped by an archive run that deleted rows, and saves and My day stay right', () => {
    const started = setUp(language);
    const old = log(started, 'C20240603001', { at: '2022-05-01T10:00' }); // closed, before last year
    const open = action(started, 'C20240603001', '2024-06-03T18:00');
    const other = action(started, 'C20240603002', '2024-06-03T19:00');
    buildIndex(started);
    const archived = started.host.run<ActionResult<{ moved: Record<string, number> }>>('runArchive', [
      { before: 2023 },
    ]);
    expect(archived).toMatchObject({ ok: true, value: { ok: true, value: { moved: { followUps: 1 } } } });
    expect(statusOf(old.id)).toBeUndefined();
    // Rows moved up: the index (its rows, its row counts) no longer holds, so it is gone.
    expect(documentProperties(started.runtime).getProperty('crm.myDayIndex') ?? '').toBe('');
    const later = action(started, 'C20240603002', '2024-06-03T20:00');
    let saved: Saved | null = null;
    expect(
      searchedFollowUps(started, () => (saved = log(started, 'C20240603001', {}, { markEarlierDone: true }))),
    ).toBe(true);
    expect(saved).toMatchObject({ closedActions: 1 });
    expect([statusOf(open.id), statusOf(other.id), statusOf(later.id)]).toEqual(['done', 'open', 'open']);
    const myDay = started.host.run<ActionResult<{ sections: { key: string; items: { id: string }[] }[] }>>(
      'getMyDay',
      [],
      { user: REP },
    );
    const ids = myDay.ok && myDay.value.ok ? myDay.value.value.sections.flatMap((section) => section.items) : [];
    expect(ids.map((item) => item.id)).toEqual(expect.arrayContaining([other.id, later.id]));
    expect(ids.map((item) => item.id)).not.toContain(open.id);
  });

  it("lets an edit of the grade keep the open action's earlier due from the index, searching nothing", () => {
    const started = setUp(language);
    action(started, 'C20240603001', '2024-06-05T10:00');
    buildIndex(started);
    sheetForTable(spreadsheetOf(started.runtime), 'customers').getRange('A2:C2').activate();
    const form =
      started.host.run<ActionResult<{ selected: { id: string; row: number; values: Record<string, unknown> } }>>(
        'getEditCustomerForm',
      );
    if (!form.ok || !form.value.ok) throw new Error(JSON.stringify(form));
    const loaded = form.value.value.selected;
    let saved: unknown = null;
    const searched = searchedFollowUps(started, () => {
      saved = started.host.run<ActionResult<{ nextFollowUpDue: string; rescheduled: boolean }>>('saveCustomerEdit', [
        {
          requestId: requestId(),
          customerId: loaded.id,
          customerRow: loaded.row,
          original: loaded.values,
          fields: { ...loaded.values, intentGrade: 'low' },
          allowDuplicate: false,
        },
      ]);
    });
    expect(searched).toBe(false);
    // Low intent alone would say a month out; the open action's due (from the index) comes first.
    expect(saved).toMatchObject({
      ok: true,
      value: { ok: true, value: { rescheduled: true, nextFollowUpDue: '2024-06-05 10:00' } },
    });
  });

  it("closes a ticket's open survey-due action known from the index when its survey is answered", () => {
    const started = setUp(language);
    appendRecords(
      readTable(TEMPLATES.followUps, loadDocumentProperties()),
      [
        {
          id: 'G20240601001',
          customerId: 'C20240603001',
          at: new Date(Date.parse('2024-06-01T02:00:00Z')),
          content: '回访满意度',
          owner: REP.email,
          status: 'open',
          reason: 'surveyDue',
          relatedId: 'F20240601001',
          nextAction: '满意度调查',
          nextActionDue: new Date(Date.parse('2024-06-10T02:00:00Z')),
        },
      ],
      language,
    );
    action(started, 'C20240603001'); // another open action of the customer: left open
    buildIndex(started);
    started.runtime.meter.reset();
    const answered = started.host.run<ActionResult<{ alreadySaved: boolean }>>('saveSurvey', [
      {
        requestId: requestId(),
        customerId: 'C20240603001',
        customerRow: 2,
        ticketId: 'F20240601001',
        fields: {
          date: '2024-06-03',
          productQuality: '4',
          responseSpeed: '4',
          communication: '4',
          problemSolving: '4',
          overall: '4',
        },
      },
    ]);
    expect(answered).toMatchObject({ ok: true, value: { ok: true, value: { alreadySaved: false } } });
    // One search: the surveys' request ids (the retry check); Follow-ups were not searched.
    expect(started.runtime.meter.snapshot().byMethod['SpreadsheetApp.Range.createTextFinder']).toBe(1);
    expect(followUps().map((record) => [record.values.id, record.values.status])).toEqual([
      ['G20240601001', 'done'],
      ['G20240603001', 'open'],
    ]);
  });

  it('keeps a re-saved needs analysis from adding a second proposal action opened before the build', () => {
    const started = setUp(language);
    const analysis = (explicitNeeds: string) =>
      started.host.run<ActionResult<{ proposalDue: string }>>('saveNeedsAnalysis', [
        { ...needsAnalysisRequest('C20240603001'), requestId: requestId(), customerRow: 2, explicitNeeds },
      ]);
    expect(analysis('采购 50 台')).toMatchObject({ ok: true, value: { ok: true } });
    buildIndex(started);
    started.runtime.meter.reset();
    expect(analysis('采购 80 台')).toMatchObject({ ok: true, value: { ok: true, value: { proposalDue: '' } } });
    expect(Object.keys(started.runtime.meter.snapshot().byMethod).some((key) => key.includes('TextFinder'))).toBe(
      false,
    );
    expect(followUps().filter((record) => record.values.reason === 'proposalDue')).toHaveLength(1);
  });
});
