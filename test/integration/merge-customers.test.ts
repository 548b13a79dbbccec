import type { AddonHost } from '../../src/local/harness/addon-host';
import type { LocalRuntime } from '../../src/local/runtime';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, type FieldValues } from '../../src/server/workbook/table';
import type { MergeForm, SavedMerge } from '../../src/shared/rpc/merge-customers';
import type { ActionResult } from '../../src/shared/rpc/result';
import { columnLetter } from '../../src/shared/schema/a1';
import { TEMPLATES, type TableKey } from '../../src/shared/schema/templates';
import {
  FOLLOW_UP_FIELDS,
  needsAnalysisRequest,
  SURVEY_FIELDS,
  ticketFields,
  TRANSACTION_FIELDS,
} from '../../bench/workloads';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/**
 * Merge duplicates (issue 19 item 9) through the entry points the sidebar calls: the form opened on a customer
 * flagged "possible duplicate of", the save with field picks; the duplicate's follow-ups, tickets, surveys and
 * transactions re-pointed to the kept customer, the duplicate's row kept and marked, one Log row; retries,
 * bad input, stale forms and a busy lock change nothing twice and lose nothing.
 */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const OTHER = { email: 'rep@example.com', locale: 'zh_CN' };
type Language = 'zh-CN' | 'en';
const KEPT = 'C20240603001';
const DUPLICATE = 'C20240603002';

function unwrap<T>(run: { ok: boolean; value?: unknown }): ActionResult<T> {
  expect(run).toMatchObject({ ok: true });
  return run.value as ActionResult<T>;
}

function seed(table: TableKey, language: Language, records: FieldValues[]): void {
  appendRecords(readTable(TEMPLATES[table], loadDocumentProperties()), records, language);
}

function rows(table: TableKey, keys: readonly string[]): Record<string, unknown>[] {
  return readTable(TEMPLATES[table], loadDocumentProperties()).records.map((record) =>
    Object.fromEntries(keys.map((key) => [key, record.values[key]])),
  );
}

function logRows(): Record<string, unknown>[] {
  return rows('log', ['action', 'user', 'rowsChanged', 'details']).filter((row) => row.action === 'mergeCustomers');
}

/**
 * Two customers of the same company: the first saved by intake, the second saved anyway although its phone
 * matched (so flagged "possible duplicate of" the first), with history in all four tables.
 */
function setUp(language: Language = 'zh-CN') {
  const started = startAddon({ user: language === 'en' ? { ...OWNER, locale: 'en_US' } : OWNER });
  const { host } = started;
  expect(host.run('runInstall', [{ language }])).toMatchObject({ ok: true, value: { ok: true } });
  expect(saveCustomer(host, customerFields({ notes: null, contactTitle: '' }))).toMatchObject({
    value: { ok: true, value: { id: KEPT } },
  });
  expect(
    saveCustomer(
      host,
      customerFields({
        name: '星河科技',
        contactTitle: '总经理',
        email: '',
        address: '深圳市福田区',
        intentGrade: 'medium',
        notes: '展会上认识',
      }),
      { allowDuplicate: true },
    ),
  ).toMatchObject({ value: { ok: true, value: { id: DUPLICATE } } });
  useRuntimeGlobals(started.runtime);
  const at = new Date(Date.parse('2024-06-01T02:00:00Z'));
  const followUp = (id: string, customerId: string): FieldValues => ({
    id,
    customerId,
    customerName: customerId === KEPT ? '深圳市星河科技有限公司' : '星河科技',
    at,
    direction: 'outbound',
    channel: 'phone',
    content: '沟通',
    owner: OWNER.email,
    status: 'done',
  });
  seed('followUps', language, [followUp('G1', DUPLICATE), followUp('G2', KEPT), followUp('G3', DUPLICATE)]);
  seed('tickets', language, [
    { id: 'F1', customerId: DUPLICATE, customerName: '星河科技', description: '问题', assignee: OWNER.email },
  ]);
  seed('satisfaction', language, [{ id: 'S1', customerId: DUPLICATE, customerName: '星河科技', date: at, score: 80 }]);
  seed('transactions', language, [
    { id: 'T1', customerId: DUPLICATE, customerName: '星河科技', date: at, amount: 5000 },
    { id: 'T2', customerId: KEPT, customerName: '深圳市星河科技有限公司', date: at, amount: 100 },
  ]);
  return started;
}

/** Opens the form on the duplicate's row, as the sidebar does from the menu. */
function openForm(host: AddonHost, runtime: LocalRuntime, row = 3): MergeForm {
  sheetForTable(spreadsheetOf(runtime), 'customers').getRange(`A${row}:C${row}`).activate();
  const form = unwrap<MergeForm>(host.run('getMergeForm', []));
  if (!form.ok) throw new Error(JSON.stringify(form));
  return form.value;
}

function mergeRequest(form: MergeForm, picks: Record<string, string>, id = requestId()) {
  if (!form.kept || !form.other) throw new Error('no pair');
  return {
    requestId: id,
    keptId: form.kept.id,
    keptRow: form.kept.row,
    otherId: form.other.id,
    otherRow: form.other.row,
    original: { kept: form.kept.values, other: form.other.values },
    picks,
  };
}

function merge(host: AddonHost, body: unknown, user = OWNER): ActionResult<SavedMerge> {
  return unwrap<SavedMerge>(host.run('saveMerge', [body], { user }));
}

const OWNED = ['followUps', 'tickets', 'satisfaction', 'transactions'] as const;

describe.each<[Language, Record<string, string>]>([
  [
    'zh-CN',
    {
      log: `${DUPLICATE}（星河科技）已合并至 ${KEPT}（深圳市星河科技有限公司）。\n采用 ${DUPLICATE} 的字段：联系人职务、地址、备注\n转到 ${KEPT}：2 条跟进、1 个工单、1 份调查、1 笔交易。`,
      same: '请选择两个不同的客户。',
      alreadyMerged: `${DUPLICATE} 已合并至 ${KEPT}。`,
      intoMerged: `${DUPLICATE} 本身已合并至 ${KEPT}：请改为合并到 ${KEPT}。`,
      stale: `在您打开表单之后，有人修改了 ${DUPLICATE}（联系人职务）。本次未合并任何内容；表单已显示当前的值。`,
      busy: '其他人正在保存，请稍后再试。',
      required: '必填。',
      invalid: '合并后的客户信息不完整或无效：请为标出的字段选择另一个值。',
      grade: '中意向',
      recordUnderKept: `${DUPLICATE} 已合并至 ${KEPT}：请改为记在 ${KEPT} 名下。`,
    },
  ],
  [
    'en',
    {
      log: `${DUPLICATE} (星河科技) merged into ${KEPT} (深圳市星河科技有限公司).\nTaken from ${DUPLICATE}: Contact title, Address, Notes\nMoved to ${KEPT}: 2 follow-up(s), 1 ticket(s), 1 survey(s), 1 transaction(s).`,
      same: 'Pick two different customers.',
      alreadyMerged: `${DUPLICATE} is already merged into ${KEPT}.`,
      intoMerged: `${DUPLICATE} was itself merged into ${KEPT}: merge into ${KEPT} instead.`,
      stale: `Someone changed ${DUPLICATE} (Contact title) after you opened the form. Nothing was merged; the form now shows the current values.`,
      busy: 'Someone else is saving right now. Please try again in a moment.',
      required: 'Required.',
      invalid: 'The merged customer would not be valid: pick another value for the highlighted fields.',
      grade: 'Medium intent',
      recordUnderKept: `${DUPLICATE} was merged into ${KEPT}: record this under ${KEPT} instead.`,
    },
  ],
])('merging duplicates (%s)', (language, text) => {
  it('opens on the flagged row: the customer it duplicates is kept, both shown side by side', () => {
    const { host, runtime } = setUp(language);
    const form = openForm(host, runtime);
    expect(form.kept).toMatchObject({ id: KEPT, row: 2, mergedInto: '' });
    expect(form.other).toMatchObject({ id: DUPLICATE, row: 3, possibleDuplicateOf: KEPT });
    expect(form.other?.shown.intentGrade).toBe(text.grade);
    expect(form.other?.values.phone).toBe('13800138000');
    expect(form.fields.map((field) => field.key)).toContain('contactTitle');
    expect(form.info.map((field) => field.key)).toEqual(expect.arrayContaining(['valueTier', 'lastContactAt']));
    // By ids too, in either order.
    const byIds = unwrap<MergeForm>(host.run('getMergeForm', [{ keptId: DUPLICATE, otherId: KEPT }]));
    expect(byIds).toMatchObject({ ok: true, value: { kept: { id: DUPLICATE }, other: { id: KEPT } } });
  });

  it('writes the picked values, re-points all four tables, keeps and marks the duplicate, logs it', () => {
    const { host, runtime } = setUp(language);
    const form = openForm(host, runtime);
    const before = rows('customers', ['id', 'updatedAt']);
    runtime.clock.advance(3600 * 1000);
    // The defaults take the duplicate's notes (the kept one has none); the user also takes its title and
    // address, and keeps the kept customer's grade.
    const picks = { notes: 'other', contactTitle: 'other', address: 'other', intentGrade: 'kept' };
    const result = merge(host, mergeRequest(form, picks));
    expect(result).toEqual({
      ok: true,
      value: {
        keptId: KEPT,
        mergedId: DUPLICATE,
        fromOther: ['contactTitle', 'address', 'notes'],
        moved: { followUps: 2, tickets: 1, satisfaction: 1, transactions: 1 },
        alreadySaved: false,
      },
    });
    const customers = rows('customers', [
      'id',
      'name',
      'contactTitle',
      'address',
      'notes',
      'intentGrade',
      'mergedInto',
      'possibleDuplicateOf',
      'matchKeys',
      'updatedAt',
    ]);
    // Both rows are still there: the duplicate is marked, never deleted.
    expect(customers).toHaveLength(2);
    expect(customers[0]).toMatchObject({
      id: KEPT,
      name: '深圳市星河科技有限公司',
      contactTitle: '总经理',
      address: '深圳市福田区',
      notes: '展会上认识',
      intentGrade: 'high',
      mergedInto: null,
    });
    expect(customers[0]?.matchKeys).toMatch(/^\|p:13800138000\|e:li\.lei@example\.com\|c:.+\|r:req-/);
    expect((customers[0]?.updatedAt as Date).getTime()).toBeGreaterThan((before[0]?.updatedAt as Date).getTime());
    expect(customers[1]).toMatchObject({
      id: DUPLICATE,
      name: '星河科技',
      mergedInto: KEPT,
      possibleDuplicateOf: null,
    });
    // The duplicate keeps only its request key (a retried intake still finds its row), no contact keys.
    expect(customers[1]?.matchKeys).toMatch(new RegExp(`^\\|m:${KEPT}\\|r:req-[^|]+\\|$`));
    for (const table of OWNED) {
      for (const row of rows(table, ['customerId', 'customerName'])) {
        expect({ table, ...row }).toEqual({ table, customerId: KEPT, customerName: '深圳市星河科技有限公司' });
      }
    }
    expect(rows('followUps', ['id'])).toHaveLength(3);
    expect(logRows()).toEqual([{ action: 'mergeCustomers', user: OWNER.email, rowsChanged: 7, details: text.log }]);
  });

  it('turns away records for the merged customer, naming the kept one; the lookup finds only the kept', () => {
    const { host, runtime } = setUp(language);
    expect(merge(host, mergeRequest(openForm(host, runtime), {}))).toMatchObject({ ok: true });
    const lookup = unwrap<{ id: string }[]>(host.run('searchCustomers', ['星河']));
    expect(lookup.ok && lookup.value.map((customer) => customer.id)).toEqual([KEPT]);
    const counts = () => OWNED.map((table) => rows(table, ['id']).length);
    const before = counts();
    const customerRow = 3;
    const saves: [string, Record<string, unknown>][] = [
      ['saveFollowUp', { customerId: DUPLICATE, customerRow, fields: FOLLOW_UP_FIELDS, markEarlierDone: true }],
      ['saveNeedsAnalysis', { ...needsAnalysisRequest(DUPLICATE), customerRow }],
      ['saveTicket', { customerId: DUPLICATE, customerRow, fields: ticketFields(OWNER.email) }],
      ['saveSurvey', { customerId: DUPLICATE, customerRow, ticketId: '', fields: SURVEY_FIELDS }],
      ['saveTransaction', { customerId: DUPLICATE, customerRow, fields: TRANSACTION_FIELDS }],
    ];
    for (const [name, body] of saves) {
      const result = unwrap(host.run(name, [{ requestId: requestId(), ...body }], { user: OWNER }));
      expect({ name, result }).toEqual({
        name,
        result: {
          ok: false,
          error: { kind: 'validation', message: text.recordUnderKept, fields: { customerId: text.recordUnderKept } },
        },
      });
    }
    expect(counts()).toEqual(before);
    expect(rows('customers', ['intentGrade'])[1]).toEqual({ intentGrade: 'medium' });
  });

  it('answers a retried request with what the first did, writing nothing twice', () => {
    const { host, runtime } = setUp(language);
    const form = openForm(host, runtime);
    const body = mergeRequest(form, { contactTitle: 'other' });
    const first = merge(host, body);
    expect(first).toMatchObject({ ok: true, value: { alreadySaved: false } });
    runtime.meter.reset();
    const again = merge(host, body);
    expect(again).toEqual({ ok: true, value: { ...(first.ok ? first.value : {}), alreadySaved: true } });
    expect(runtime.meter.snapshot().cellsWritten).toBe(0);
    expect(logRows()).toHaveLength(1);
    // A new request for the same pair is refused: the duplicate is merged already.
    expect(merge(host, { ...body, requestId: requestId() })).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: text.alreadyMerged },
    });
    // Merging into the merged customer is refused too.
    const into = unwrap<MergeForm>(host.run('getMergeForm', [{ keptId: DUPLICATE, otherId: KEPT }]));
    if (!into.ok) throw new Error('form');
    expect(merge(host, mergeRequest(into.value, {}))).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: text.intoMerged },
    });
    expect(logRows()).toHaveLength(1);
  });

  it('merges a retry whose first attempt never reached the cells', () => {
    const { host, runtime } = setUp(language);
    const form = openForm(host, runtime);
    const body = mergeRequest(form, {});
    runtime.meter.beforeNextCall('Sheets.Values.batchUpdate', () => {
      throw new Error('Service unavailable');
    });
    runtime.meter.beforeNextCall('SpreadsheetApp.Range.setValues', () => {
      throw new Error('Service unavailable');
    });
    expect(host.run('saveMerge', [body])).toMatchObject({ ok: false });
    expect(rows('customers', ['mergedInto'])[1]).toEqual({ mergedInto: null });
    expect(merge(host, body)).toMatchObject({ ok: true, value: { alreadySaved: false, moved: { followUps: 2 } } });
    expect(rows('customers', ['mergedInto'])[1]).toEqual({ mergedInto: KEPT });
    expect(logRows()).toHaveLength(1);
  });

  it('refuses bad input with a clear message and writes nothing', () => {
    const { host, runtime } = setUp(language);
    const form = openForm(host, runtime);
    const body = mergeRequest(form, {});
    runtime.meter.reset();
    expect(merge(host, { ...body, otherId: KEPT, otherRow: 2 })).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: text.same },
    });
    expect(merge(host, { ...body, requestId: 'x' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(merge(host, { ...body, keptId: 42 })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(merge(host, { ...body, picks: { phone: 'both' } })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(merge(host, { ...body, picks: { id: 'other' } })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(merge(host, { ...body, keptId: 'C20990101001', keptRow: undefined })).toMatchObject({
      ok: false,
      error: { kind: 'notFound' },
    });
    expect(unwrap(host.run('getMergeForm', [{ keptId: KEPT, otherId: KEPT }]))).toMatchObject({
      ok: false,
      error: { message: text.same },
    });
    expect(runtime.meter.snapshot().cellsWritten).toBe(0);
    expect(rows('customers', ['mergedInto'])).toEqual([{ mergedInto: null }, { mergedInto: null }]);
  });

  it('refuses a pick that would leave the kept customer invalid, naming the field', () => {
    const { host, runtime } = setUp(language);
    // The duplicate's contact name is cleared by hand: taking it would leave a required field empty.
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const at = stampedColumnsOf(sheet).contactName as number;
    sheet.getRange(`${columnLetter(at)}3`).setValue('');
    const form = openForm(host, runtime);
    expect(merge(host, mergeRequest(form, { contactName: 'other' }))).toEqual({
      ok: false,
      error: { kind: 'validation', message: text.invalid, fields: { contactName: text.required } },
    });
    expect(logRows()).toHaveLength(0);
  });

  it('refuses a stale form: one of the two changed since it loaded', () => {
    const { host, runtime } = setUp(language);
    const form = openForm(host, runtime);
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const at = stampedColumnsOf(sheet).contactTitle as number;
    sheet.getRange(`${columnLetter(at)}3`).setValue('副总经理');
    runtime.meter.reset();
    expect(merge(host, mergeRequest(form, { contactTitle: 'other' }))).toEqual({
      ok: false,
      error: { kind: 'conflict', message: text.stale },
    });
    expect(runtime.meter.snapshot().cellsWritten).toBe(0);
    // Loaded again, it goes through with the current value.
    const fresh = openForm(host, runtime);
    expect(merge(host, mergeRequest(fresh, { contactTitle: 'other' }))).toMatchObject({ ok: true });
    expect(rows('customers', ['contactTitle'])[0]).toEqual({ contactTitle: '副总经理' });
  });

  it('answers busy while another save holds the lock; nothing is lost and the retry goes through', () => {
    const { host, runtime } = setUp(language);
    const form = openForm(host, runtime);
    const body = mergeRequest(form, { contactTitle: 'other' });
    let second: ActionResult<SavedMerge> | null = null;
    runtime.meter.beforeNextCall('Sheets.Values.batchUpdate', () => {
      second = merge(host, body, OTHER);
    });
    // Another rep's edit of an unrelated field holds the lock while the merge arrives.
    const edit = unwrap<{ values: Record<string, string>; row: number; id: string }>(
      host.run('getCustomerForEdit', [{ customerId: KEPT }]),
    );
    if (!edit.ok) throw new Error('edit form');
    expect(
      unwrap(
        host.run('saveCustomerEdit', [
          {
            requestId: requestId(),
            customerId: KEPT,
            customerRow: edit.value.row,
            original: edit.value.values,
            fields: { ...edit.value.values, needs: '采购办公设备和会议系统' },
          },
        ]),
      ),
    ).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: false, error: { kind: 'busy', message: text.busy } });
    expect(rows('customers', ['mergedInto'])[1]).toEqual({ mergedInto: null });
    // Pressed again: the edit touched a field the form did not load differently… it did (needs): stale.
    expect(merge(host, body, OTHER)).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const fresh = openForm(host, runtime);
    expect(merge(host, mergeRequest(fresh, { contactTitle: 'other' }), OTHER)).toMatchObject({
      ok: true,
      value: { moved: { followUps: 2, tickets: 1, satisfaction: 1, transactions: 1 } },
    });
    expect(rows('customers', ['needs', 'contactTitle'])[0]).toEqual({
      needs: '采购办公设备和会议系统',
      contactTitle: '总经理',
    });
    expect(logRows().map((row) => row.user)).toEqual([OTHER.email]);
  });
});

function myDay(host: AddonHost): Record<string, string[]> {
  const result = unwrap<{ sections: { key: string; items: { id: string }[] }[] }>(host.run('getMyDay', []));
  if (!result.ok) throw new Error(JSON.stringify(result));
  return Object.fromEntries(result.value.sections.map((section) => [section.key, section.items.map((i) => i.id)]));
}

describe.each<Language>(['zh-CN', 'en'])('a merged customer is no live customer (%s)', (language) => {
  it('is left out of My day, duplicate checks and grading; repair and the scan keep it so', () => {
    const { host, runtime } = setUp(language);
    runtime.clock.setTime(Date.parse('2024-07-04T01:00:00Z')); // a month on: both customers are sleeping
    expect(myDay(host).sleeping).toEqual([KEPT, DUPLICATE]);
    expect(merge(host, mergeRequest(openForm(host, runtime), {}))).toMatchObject({ ok: true });
    expect(myDay(host).sleeping).toEqual([KEPT]);

    // Duplicate checks: a new customer with the duplicate's phone and name matches the kept customer only.
    const intake = saveCustomer(host, customerFields({ name: '星河科技', email: '' }));
    expect(intake).toMatchObject({ value: { ok: false, error: { kind: 'duplicate' } } });
    const duplicates = intake.ok && !intake.value.ok ? (intake.value.error.duplicates ?? []) : [];
    expect(duplicates.map((match) => match.id)).toEqual([KEPT]);

    // Grading: the kept customer is graded on both histories; the merged row is left as the merge left it.
    const graded = ['annualValue', 'valueTier', 'lastContactAt', 'sleeping', 'followUpOverdue', 'matchKeys'];
    const before = rows('customers', graded)[1];
    host.open();
    host.clickMenu('gradeAllCustomers');
    const [kept, merged] = rows('customers', graded);
    expect(kept?.annualValue).toBe(5100);
    expect((kept?.lastContactAt as Date).toISOString()).toBe('2024-06-01T02:00:00.000Z');
    expect(merged).toEqual(before);
    expect(merged).toMatchObject({ sleeping: false, followUpOverdue: false });

    // Repair and the daily scan derive the match keys again: the merged row keeps no contact keys, and the
    // scan writes it no care action and no flags.
    expect(unwrap(host.run('runInstall', [{ language }]))).toMatchObject({ ok: true });
    host.clickMenu('runDailyScanNow');
    expect(rows('customers', graded)[1]).toEqual(before);
    expect(rows('followUps', ['customerId']).every((row) => row.customerId === KEPT)).toBe(true);
    expect(myDay(host).sleeping).toEqual([KEPT]);
  });
});

describe('the cost of a merge', () => {
  function measure(count: number) {
    const { host, runtime } = setUp();
    appendRecords(
      readTable(TEMPLATES.customers, loadDocumentProperties()),
      Array.from({ length: count }, (_, i) => ({
        id: `C20240101${String(i + 1).padStart(5, '0')}`,
        name: `客户${i}`,
        customerType: 'individual',
        contactName: '某',
        phone: `1390000${String(i).padStart(4, '0')}`,
        source: 'other',
        needs: '—',
        owner: OWNER.email,
      })),
      'zh-CN',
    );
    sheetForTable(spreadsheetOf(runtime), 'customers').getRange('A3').activate();
    runtime.meter.reset();
    const form = unwrap<MergeForm>(host.run('getMergeForm', []));
    const formCost = runtime.meter.snapshot();
    if (!form.ok) throw new Error('form');
    runtime.meter.reset();
    expect(merge(host, mergeRequest(form.value, { contactTitle: 'other' }))).toMatchObject({ ok: true });
    return { form: formCost, save: runtime.meter.snapshot() };
  }

  it('makes the same calls and reads the same cells with 10 and with 10,000 customers', () => {
    const small = measure(10);
    const large = measure(10000);
    for (const name of ['form', 'save'] as const) {
      const [a, b] = [small[name], large[name]];
      expect({ name, byMethod: b.byMethod, cellsRead: b.cellsRead, cellsWritten: b.cellsWritten }).toEqual({
        name,
        byMethod: a.byMethod,
        cellsRead: a.cellsRead,
        cellsWritten: a.cellsWritten,
      });
    }
    // The form: the selected row, one search of the id column for the customer it duplicates.
    expect(small.form.calls).toBeLessThanOrEqual(15);
    // The save: the lock, the headers with both rows in one batch, one search per re-pointed table (4 × 3
    // calls), their rows in one batch, the user for the Log, one batched write with the properties.
    expect(small.save.calls).toBeLessThanOrEqual(27);
    expect(small.save.byMethod['Sheets.Values.batchUpdate']).toBe(1);
    expect(large.save.cellsRead).toBeLessThanOrEqual(1000);
    expect(large.save.cellsSearched).toBeLessThanOrEqual(20);
  });
});

describe('a merge finds the rows from the My day index (customer-rows block)', () => {
  const THIRD = 'C20240603003';

  /** The index as the nightly scan or the first My day of a day leaves it. */
  function buildIndex(host: AddonHost): void {
    expect(host.run('getMyDay', [], { user: OWNER })).toMatchObject({ ok: true, value: { ok: true } });
    const refs = JSON.parse(String(loadDocumentProperties().values['crm.myDayIndex.refs'] ?? 'null')) as {
      lastRows: Record<string, number>;
    } | null;
    expect(refs?.lastRows).toEqual({ followUps: 4, tickets: 2, satisfaction: 2, transactions: 3 });
  }

  function owners(table: TableKey): Record<string, unknown> {
    return Object.fromEntries(rows(table, ['id', 'customerId']).map((row) => [row.id, row.customerId]));
  }

  it('re-points every record without searching a customer-id column, rows appended since the build too', () => {
    const { host, runtime } = setUp();
    buildIndex(host);
    const at = new Date(Date.parse('2024-06-02T02:00:00Z'));
    seed('followUps', 'zh-CN', [
      { id: 'G4', customerId: DUPLICATE, customerName: '星河科技', at, direction: 'inbound', channel: 'phone' },
    ]);
    seed('transactions', 'zh-CN', [{ id: 'T3', customerId: DUPLICATE, customerName: '星河科技', date: at, amount: 9 }]);
    const form = openForm(host, runtime);
    runtime.meter.reset();
    expect(merge(host, mergeRequest(form, {}))).toMatchObject({
      ok: true,
      value: { moved: { followUps: 3, tickets: 1, satisfaction: 1, transactions: 2 } },
    });
    const cost = runtime.meter.snapshot();
    expect(cost.cellsSearched).toBe(0);
    expect(Object.keys(cost.byMethod).filter((key) => key.includes('TextFinder'))).toEqual([]);
    expect(owners('followUps')).toEqual({ G1: KEPT, G2: KEPT, G3: KEPT, G4: KEPT });
    expect(owners('transactions')).toEqual({ T1: KEPT, T2: KEPT, T3: KEPT });
    expect(owners('tickets')).toEqual({ F1: KEPT });
    expect(owners('satisfaction')).toEqual({ S1: KEPT });
  });

  it('searches instead when rows were sorted by hand since the build, and still moves every record', () => {
    const { host, runtime } = setUp();
    buildIndex(host);
    // Follow-ups sorted by id, newest first: G3, G2, G1 (the listed rows 2 and 4 now hold G3 and G1, row 3 G2).
    const sheet = sheetForTable(spreadsheetOf(runtime), 'followUps');
    const idColumn = stampedColumnsOf(sheet).id as number;
    sheet.getRange(2, 1, 3, sheet.getLastColumn()).sort({ column: idColumn, ascending: false });
    // Transactions: T2 (the kept customer's) moved above T1.
    const transactions = sheetForTable(spreadsheetOf(runtime), 'transactions');
    transactions
      .getRange(2, 1, 2, transactions.getLastColumn())
      .sort({ column: stampedColumnsOf(transactions).id as number, ascending: false });
    const form = openForm(host, runtime);
    runtime.meter.reset();
    expect(merge(host, mergeRequest(form, {}))).toMatchObject({
      ok: true,
      value: { moved: { followUps: 2, tickets: 1, satisfaction: 1, transactions: 1 } },
    });
    expect(runtime.meter.snapshot().cellsSearched).toBeGreaterThan(0);
    expect(owners('followUps')).toEqual({ G1: KEPT, G2: KEPT, G3: KEPT });
    expect(owners('transactions')).toEqual({ T1: KEPT, T2: KEPT });
  });

  it('after a merge since the build, merging the kept customer on moves the rows it took over as well', () => {
    const { host, runtime } = setUp();
    expect(
      saveCustomer(host, customerFields({ name: '远山贸易', phone: '13912345678', email: 'yuan@example.com' })),
    ).toMatchObject({ value: { ok: true, value: { id: THIRD } } });
    useRuntimeGlobals(runtime);
    buildIndex(host);
    expect(merge(host, mergeRequest(openForm(host, runtime), {}))).toMatchObject({ ok: true });
    // KEPT now holds DUPLICATE's rows, which the block lists under DUPLICATE: KEPT's entry is marked changed.
    const form = unwrap<MergeForm>(host.run('getMergeForm', [{ keptId: THIRD, otherId: KEPT }]));
    if (!form.ok) throw new Error(JSON.stringify(form));
    expect(merge(host, mergeRequest(form.value, {}))).toMatchObject({
      ok: true,
      value: { moved: { followUps: 3, tickets: 1, satisfaction: 1, transactions: 2 } },
    });
    expect(owners('followUps')).toEqual({ G1: THIRD, G2: THIRD, G3: THIRD });
    expect(owners('transactions')).toEqual({ T1: THIRD, T2: THIRD });
    // The next build forgets the mark: its block lists the rows as they are.
    expect(loadDocumentProperties().values['crm.myDayIndex.refsChanged']).toBe(JSON.stringify([KEPT, THIRD]));
    runtime.clock.advance(27 * 3600 * 1000);
    expect(host.run('getMyDay', [], { user: OWNER })).toMatchObject({ ok: true, value: { ok: true } });
    expect(loadDocumentProperties().values['crm.myDayIndex.refsChanged'] ?? '').toBe('');
  });

  it('a row typed by hand with the merged id, unseen by the merge, follows the kept customer at the next scan', () => {
    const { host, runtime } = setUp();
    buildIndex(host);
    // Typed into the sheet after the build, over an older row: the block does not list it.
    const sheet = sheetForTable(spreadsheetOf(runtime), 'tickets');
    const columns = stampedColumnsOf(sheet);
    seed('tickets', 'zh-CN', [
      { id: 'F2', customerId: KEPT, customerName: '深圳市星河科技有限公司', description: '咨询' },
    ]);
    const form = openForm(host, runtime);
    runtime.clock.advance(60 * 1000);
    expect(merge(host, mergeRequest(form, {}))).toMatchObject({ ok: true, value: { moved: { tickets: 1 } } });
    // Then a ticket's customer id typed by hand: the merged duplicate's.
    sheet.getRange(3, columns.customerId as number).setValue(DUPLICATE);
    expect(owners('tickets')).toEqual({ F1: KEPT, F2: DUPLICATE });
    host.open();
    host.clickMenu('runDailyScanNow');
    expect(rows('tickets', ['id', 'customerId', 'customerName'])).toEqual([
      { id: 'F1', customerId: KEPT, customerName: '深圳市星河科技有限公司' },
      { id: 'F2', customerId: KEPT, customerName: '深圳市星河科技有限公司' },
    ]);
  });

  it('costs the same at 10 and at 10,000 follow-ups of other customers, searching nothing', () => {
    const measure = (count: number) => {
      const { host, runtime } = setUp();
      seed(
        'followUps',
        'zh-CN',
        Array.from({ length: count }, (_, i) => ({
          id: `G9${String(i).padStart(6, '0')}`,
          customerId: `C20230101${String(i % 500).padStart(5, '0')}`,
          customerName: '别人',
          direction: 'outbound',
          channel: 'phone',
          owner: OTHER.email,
          status: 'done',
        })),
      );
      expect(host.run('getMyDay', [], { user: OWNER })).toMatchObject({ ok: true, value: { ok: true } });
      const form = openForm(host, runtime);
      runtime.meter.reset();
      expect(merge(host, mergeRequest(form, {}))).toMatchObject({ ok: true, value: { moved: { followUps: 2 } } });
      return runtime.meter.snapshot();
    };
    const small = measure(10);
    const large = measure(10000);
    expect(large.byMethod).toEqual(small.byMethod);
    expect(large.cellsSearched).toBe(0);
    // The customer's bucket of the block: about 128 entries however many customers have records.
    expect(large.cellsRead).toBeLessThanOrEqual(small.cellsRead + 256);
    expect(large.calls).toBeLessThanOrEqual(20);
  });
});
