import type { AddonHost } from '../../src/local/harness/addon-host';
import type { LocalRuntime } from '../../src/local/runtime';
import { RECENT_EDITS_PROPERTY } from '../../src/server/actions/edit-customer-requests';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable } from '../../src/server/workbook/table';
import type { EditCustomerForm, EditableCustomer, SavedCustomerEdit } from '../../src/shared/rpc/edit-customer';
import type { ActionResult } from '../../src/shared/rpc/result';
import { columnLetter } from '../../src/shared/schema/a1';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { documentProperties, sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/**
 * Edit customer (issue 19 item 7) through the entry points the sidebar calls: the form with the selected
 * row's customer, a customer opened from the picker, and the save: only changed cells, intake's rules, a
 * duplicate warning, a conflict answer for a stale form, the next follow-up due re-derived when the grade
 * changes, one Log row per save; retries and a busy lock change nothing twice and lose nothing.
 */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const OTHER = { email: 'rep@example.com', locale: 'zh_CN' };
type Language = 'zh-CN' | 'en';

function setUp(language: Language = 'zh-CN') {
  const started = startAddon({ user: language === 'en' ? { ...OWNER, locale: 'en_US' } : OWNER });
  expect(started.host.run('runInstall', [{ language }])).toMatchObject({ ok: true, value: { ok: true } });
  expect(saveCustomer(started.host, customerFields())).toMatchObject({
    ok: true,
    value: { ok: true, value: { id: 'C20240603001' } },
  });
  useRuntimeGlobals(started.runtime);
  return started;
}

function unwrap<T>(run: { ok: boolean; value?: unknown }): ActionResult<T> {
  expect(run).toMatchObject({ ok: true });
  return run.value as ActionResult<T>;
}

/** Opens the form on the selected customer row, as the sidebar does. */
function openForm(host: AddonHost, runtime: LocalRuntime, row = 2): EditableCustomer {
  sheetForTable(spreadsheetOf(runtime), 'customers').getRange(`A${row}:C${row}`).activate();
  const form = unwrap<EditCustomerForm>(host.run('getEditCustomerForm'));
  if (!form.ok || !form.value.selected) throw new Error(`no customer on row ${row}: ${JSON.stringify(form)}`);
  return form.value.selected;
}

function request(loaded: EditableCustomer, changes: Record<string, string | boolean>, id = requestId()) {
  return {
    requestId: id,
    customerId: loaded.id,
    customerRow: loaded.row,
    original: loaded.values,
    fields: { ...loaded.values, ...changes },
  };
}

function save(
  host: AddonHost,
  loaded: EditableCustomer,
  changes: Record<string, string | boolean>,
  options: { requestId?: string; allowDuplicate?: boolean; user?: typeof OWNER } = {},
): ActionResult<SavedCustomerEdit> {
  return unwrap<SavedCustomerEdit>(
    host.run(
      'saveCustomerEdit',
      [
        {
          requestId: options.requestId ?? requestId(),
          customerId: loaded.id,
          customerRow: loaded.row,
          original: loaded.values,
          fields: { ...loaded.values, ...changes },
          allowDuplicate: options.allowDuplicate ?? false,
        },
      ],
      options.user ? { user: options.user } : {},
    ),
  );
}

function customers() {
  return readTable(TEMPLATES.customers, loadDocumentProperties()).records.map((record) => record.values);
}

function logRows() {
  return readTable(TEMPLATES.log, loadDocumentProperties())
    .records.map((record) => record.values)
    .filter((values) => values.action === 'editCustomer');
}

/** Types into a customer cell as a user would (the sheet, not the add-on). */
function userEdit(runtime: LocalRuntime, key: string, text: string, row = 2): void {
  const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
  const column = stampedColumnsOf(sheet)[key] as number;
  const a1 = `${columnLetter(column)}${row}`;
  runtime.workbook.userEdit(sheet.getName(), a1, text);
}

describe('the edit form', () => {
  it('opens the customer of the selected row with the intake fields filled in', () => {
    const { host, runtime } = setUp();
    sheetForTable(spreadsheetOf(runtime), 'customers').getRange('B2').activate();
    const form = unwrap<EditCustomerForm>(host.run('getEditCustomerForm'));
    expect(form).toMatchObject({
      ok: true,
      value: {
        language: 'zh-CN',
        team: [{ email: 'boss@example.com' }],
        selected: {
          id: 'C20240603001',
          row: 2,
          nextFollowUpDue: '2024-06-10 09:00',
          values: {
            customerType: 'enterprise',
            name: '深圳市星河科技有限公司',
            phone: '13800138000',
            email: 'li.lei@example.com',
            source: 'tradeShow',
            intentGrade: 'high',
            owner: 'boss@example.com',
            coOwner: '',
            doNotContact: false,
          },
        },
      },
    });
    expect(form.ok && form.value.fields.map((field) => field.key)).toContain('needs');
    expect(form.ok && form.value.fields.find((field) => field.key === 'name')).toMatchObject({
      label: '客户名称',
      required: true,
    });
  });

  it('opens nothing when another sheet is active, and a customer from the picker by row hint or by id', () => {
    const { host, runtime } = setUp();
    saveCustomer(host, customerFields({ name: '第二家公司', phone: '13911112222', email: 'b@x.cn' }));
    sheetForTable(spreadsheetOf(runtime), 'followUps').activate();
    expect(unwrap<EditCustomerForm>(host.run('getEditCustomerForm'))).toMatchObject({
      ok: true,
      value: { selected: null },
    });
    // A stale hint (rows sorted since the lookup) is checked against the id, and the customer found by id.
    for (const customerRow of [3, 2, 999, undefined]) {
      expect(unwrap(host.run('getCustomerForEdit', [{ customerId: 'C20240603002', customerRow }]))).toMatchObject({
        ok: true,
        value: { id: 'C20240603002', row: 3, values: { name: '第二家公司' } },
      });
    }
    expect(unwrap(host.run('getCustomerForEdit', [{ customerId: 'C20990101001' }]))).toMatchObject({
      ok: false,
      error: { kind: 'notFound' },
    });
    expect(unwrap(host.run('getCustomerForEdit', [{ customerId: 42 }]))).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: '请选择客户。' },
    });
  });
});

describe.each<[Language, Record<string, string>]>([
  [
    'zh-CN',
    {
      required: '必填。',
      phone: '请输入 6–20 位数字，可带开头的 + 号、空格或短横线。',
      log: '客户 C20240603001（深圳市星河科技有限公司）已编辑：\n联系电话：13800138000 → 13912345678\n需求描述：采购办公设备,预算5万 → 采购办公设备和会议系统\n意向等级：高意向 → 低意向\n下次跟进时间：2024-06-10 09:00 → 2024-07-03 09:00',
      busy: '其他人正在保存，请稍后再试。',
      stale: '在您打开表单之后，有人修改了该客户的联系电话。本次未保存任何内容。',
      option: '请从列表中选择。',
      owner: '请选择团队名单中的成员。',
      staleField: '现为：13700000000',
    },
  ],
  [
    'en',
    {
      required: 'Required.',
      phone: 'Use digits with an optional leading +, spaces or dashes (6–20 digits).',
      log: 'Customer C20240603001 (深圳市星河科技有限公司) edited:\nPhone: 13800138000 → 13912345678\nNeeds description: 采购办公设备,预算5万 → 采购办公设备和会议系统\nIntent grade: High intent → Low intent\nNext follow-up due: 2024-06-10 09:00 → 2024-07-03 09:00',
      busy: 'Someone else is saving right now. Please try again in a moment.',
      stale: 'Someone changed Phone of this customer after you opened the form. Nothing was saved.',
      staleField: 'Now: 13700000000',
      option: 'Pick one of the listed values.',
      owner: 'Pick a member of the team list.',
    },
  ],
])('saving an edit (%s)', (language, text) => {
  it('writes only the changed cells, the match keys and updatedAt, re-derives the due, and logs who changed what', () => {
    const { host, runtime } = setUp(language);
    const loaded = openForm(host, runtime);
    const before = customers()[0] ?? {};
    runtime.clock.advance(3600 * 1000);
    runtime.meter.reset();
    const result = save(host, loaded, {
      phone: '139 1234 5678',
      needs: '采购办公设备和会议系统',
      intentGrade: 'low',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'C20240603001',
        row: 2,
        changed: ['phone', 'needs', 'intentGrade'],
        // Low intent: 30 days from creation (no contact yet), not the 7 of the old high grade.
        nextFollowUpDue: '2024-07-03 09:00',
        rescheduled: true,
        alreadySaved: false,
      },
    });
    const after = customers()[0] ?? {};
    expect(after).toMatchObject({ phone: '13912345678', needs: '采购办公设备和会议系统', intentGrade: 'low' });
    expect(after.matchKeys).toBe(String(before.matchKeys).replace('p:13800138000', 'p:13912345678'));
    expect((after.nextFollowUpDue as Date).toISOString()).toBe('2024-07-03T01:00:00.000Z');
    expect((after.updatedAt as Date).toISOString()).toBe('2024-06-03T02:00:00.000Z');
    // Everything else is as it was.
    const changed = Object.keys(after).filter((key) => String(after[key]) !== String(before[key]));
    expect(changed.sort()).toEqual([
      'followUpOverdue',
      'intentGrade',
      'matchKeys',
      'needs',
      'nextFollowUpDue',
      'phone',
      'updatedAt',
    ]);
    // The changed cells, the cells between them that are the add-on's own, and one Log row.
    const written = runtime.meter.snapshot().cellsWritten;
    expect(written).toBeLessThanOrEqual(60);

    const log = logRows();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ user: 'boss@example.com', rowsChanged: 1, result: 'ok', details: text.log });
    expect((log[0]?.time as Date).toISOString()).toBe('2024-06-03T02:00:00.000Z');
  });

  it('saves nothing and logs nothing when nothing changed', () => {
    const { host, runtime } = setUp(language);
    const loaded = openForm(host, runtime);
    const before = customers()[0];
    // Retyping a phone in another format is no change (normalized like intake).
    const result = save(host, loaded, { phone: '138-0013-8000', name: ' 深圳市星河科技有限公司 ' });
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'C20240603001',
        row: 2,
        changed: [],
        nextFollowUpDue: '2024-06-10 09:00',
        rescheduled: false,
        alreadySaved: false,
      },
    });
    expect(customers()[0]).toEqual(before);
    expect(logRows()).toHaveLength(0);
  });

  it('refuses bad input with clear messages and writes nothing', () => {
    const { host, runtime } = setUp(language);
    const loaded = openForm(host, runtime);
    const before = customers()[0];
    runtime.meter.reset();
    expect(save(host, loaded, { phone: '12-34', contactName: '' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: { phone: text.phone, contactName: text.required } },
    });
    expect(runtime.meter.snapshot().cellsWritten).toBe(0);
    expect(save(host, loaded, { source: 'pigeon' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: { source: text.option } },
    });
    expect(save(host, loaded, { owner: 'stranger@example.com' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: { owner: text.owner } },
    });
    expect(
      unwrap(host.run('saveCustomerEdit', [{ requestId: 'x', customerId: 'C20240603001', fields: {} }])),
    ).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(
      unwrap(host.run('saveCustomerEdit', [{ requestId: requestId(), customerId: '', fields: loaded.values }])),
    ).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(customers()[0]).toEqual(before);
    expect(logRows()).toHaveLength(0);
  });

  it('saves a retried submission once: one change, one Log row', () => {
    const { host, runtime } = setUp(language);
    const loaded = openForm(host, runtime);
    const id = requestId();
    const first = save(host, loaded, { notes: '老客户介绍' }, { requestId: id });
    expect(first).toMatchObject({ ok: true, value: { changed: ['notes'], alreadySaved: false } });
    // Someone edits the notes again before the lost answer's retry arrives: the retry must not undo it.
    userEdit(runtime, 'notes', '已改');
    const retry = save(host, loaded, { notes: '老客户介绍' }, { requestId: id });
    expect(retry).toMatchObject({ ok: true, value: { id: 'C20240603001', alreadySaved: true } });
    expect(customers()[0]?.notes).toBe('已改');
    expect(logRows()).toHaveLength(1);
    expect(JSON.parse(documentProperties(runtime).getProperty(RECENT_EDITS_PROPERTY) ?? '[]')).toHaveLength(1);
  });

  it('writes a retried save whose first attempt never reached the cells', () => {
    const { host, runtime } = setUp(language);
    const loaded = openForm(host, runtime);
    const id = requestId();
    runtime.meter.beforeNextCall('Sheets.Values.batchUpdate', () => {
      throw new Error('Service unavailable');
    });
    runtime.meter.beforeNextCall('SpreadsheetApp.Range.setValues', () => {
      throw new Error('Service unavailable');
    });
    expect(host.run('saveCustomerEdit', [request(loaded, { notes: '第一次' }, id)])).toMatchObject({ ok: false });
    expect(customers()[0]?.notes).toBeNull();
    expect(save(host, loaded, { notes: '第一次' }, { requestId: id })).toMatchObject({
      ok: true,
      value: { changed: ['notes'], alreadySaved: false },
    });
    expect(customers()[0]?.notes).toBe('第一次');
    expect(logRows()).toHaveLength(1);
  });

  it('answers busy while another save holds the lock; nothing is lost and the retry goes through', () => {
    const { host, runtime } = setUp(language);
    const loaded = openForm(host, runtime);
    let second: ActionResult<SavedCustomerEdit> | null = null;
    const secondId = requestId();
    runtime.meter.beforeNextCall('Sheets.Values.batchUpdate', () => {
      second = save(host, loaded, { address: '深圳市福田区' }, { requestId: secondId, user: OTHER });
    });
    expect(save(host, loaded, { contactTitle: '总经理' })).toMatchObject({
      ok: true,
      value: { changed: ['contactTitle'] },
    });
    expect(second).toMatchObject({ ok: false, error: { kind: 'busy', message: text.busy } });
    expect(customers()[0]).toMatchObject({ contactTitle: '总经理', address: '深圳市南山区科技园' });
    // The rep presses save again (same request): the other field's change doesn't conflict with it.
    expect(save(host, loaded, { address: '深圳市福田区' }, { requestId: secondId, user: OTHER })).toMatchObject({
      ok: true,
      value: { changed: ['address'] },
    });
    expect(customers()[0]).toMatchObject({ contactTitle: '总经理', address: '深圳市福田区' });
    expect(logRows().map((row) => row.user)).toEqual(['boss@example.com', 'rep@example.com']);
  });

  it('says so when the row changed under the form, instead of overwriting; other fields still save', () => {
    const { host, runtime } = setUp(language);
    const loaded = openForm(host, runtime);
    userEdit(runtime, 'phone', '13700000000');
    const stale = save(host, loaded, { phone: '13912345678' });
    expect(stale).toEqual({
      ok: false,
      error: { kind: 'conflict', message: text.stale, fields: { phone: text.staleField } },
    });
    expect(customers()[0]?.phone).toBe('13700000000');
    expect(logRows()).toHaveLength(0);
    // A field nobody else touched saves, and the other user's phone stays.
    expect(save(host, loaded, { tags: 'VIP' })).toMatchObject({ ok: true, value: { changed: ['tags'] } });
    expect(customers()[0]).toMatchObject({ phone: '13700000000', tags: 'VIP' });
    // Reloaded, the rep's change goes through.
    expect(save(host, openForm(host, runtime), { phone: '13912345678' })).toMatchObject({
      ok: true,
      value: { changed: ['phone'] },
    });
  });
});

describe('duplicates, owners and do-not-contact', () => {
  it('warns when a changed phone is another customer’s, and saves anyway when confirmed', () => {
    const { host, runtime } = setUp();
    saveCustomer(host, customerFields({ name: '第二家公司', phone: '13911112222', email: 'b@x.cn' }));
    const second = openForm(host, runtime, 3);
    const warned = save(host, second, { phone: '+86 138 0013 8000' });
    expect(warned).toMatchObject({
      ok: false,
      error: {
        kind: 'duplicate',
        duplicates: [{ id: 'C20240603001', reasons: ['phone'], name: '深圳市星河科技有限公司' }],
      },
    });
    expect(customers()[1]?.phone).toBe('13911112222');
    // Editing something else does not warn about contact details the rep didn't touch.
    expect(save(host, second, { notes: '备注' })).toMatchObject({ ok: true });
    const anyway = save(host, openForm(host, runtime, 3), { phone: '+86 138 0013 8000' }, { allowDuplicate: true });
    expect(anyway).toMatchObject({ ok: true, value: { changed: ['phone'] } });
    expect(customers()[1]).toMatchObject({ phone: '+8613800138000', possibleDuplicateOf: 'C20240603001' });
  });

  it('keeps the match keys in step when a phone is cleared (the e-mail stays the contact)', () => {
    const { host, runtime } = setUp();
    expect(save(host, openForm(host, runtime), { phone: '' })).toMatchObject({
      ok: true,
      value: { changed: ['phone'] },
    });
    expect(customers()[0]).toMatchObject({ phone: null });
    expect(String(customers()[0]?.matchKeys)).not.toContain('p:');
    expect(String(customers()[0]?.matchKeys)).toContain('|e:li.lei@example.com|');
  });

  it('keeps an owner who left the team as is, but a new owner must be on the team list', () => {
    const { host, runtime } = setUp();
    userEdit(runtime, 'owner', 'gone@example.com');
    const loaded = openForm(host, runtime);
    expect(save(host, loaded, { notes: '交接中' })).toMatchObject({ ok: true, value: { changed: ['notes'] } });
    expect(save(host, openForm(host, runtime), { owner: 'stranger@example.com' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: { owner: '请选择团队名单中的成员。' } },
    });
  });

  it('schedules nothing for a do-not-contact customer, and the cadence again when it is cleared', () => {
    const { host, runtime } = setUp();
    expect(save(host, openForm(host, runtime), { doNotContact: true })).toMatchObject({
      ok: true,
      value: { changed: ['doNotContact'], nextFollowUpDue: '', rescheduled: true },
    });
    expect(customers()[0]).toMatchObject({ doNotContact: true, nextFollowUpDue: null, followUpOverdue: false });
    expect(save(host, openForm(host, runtime), { doNotContact: false })).toMatchObject({
      ok: true,
      value: { nextFollowUpDue: '2024-06-10 09:00', rescheduled: true },
    });
    expect(logRows()[0]?.details).toBe(
      '客户 C20240603001（深圳市星河科技有限公司）已编辑：\n请勿打扰：否 → 是\n下次跟进时间：2024-06-10 09:00 → （无）',
    );
  });
});

describe('cost', () => {
  const EDITS: [string, Record<string, string>][] = [
    // A contact key changed: one search of the match-keys column for possible duplicates.
    ['phone', { phone: '13912345678' }],
    // The grade changed: one search of the follow-ups' customer-id column for the cadence.
    ['grade', { intentGrade: 'medium' }],
    // Both at once: both searches.
    ['phone and grade', { phone: '13912345678', intentGrade: 'medium' }],
  ];

  function measure(count: number) {
    const { host, runtime } = setUp();
    const table = readTable(TEMPLATES.customers, loadDocumentProperties());
    appendRecords(
      table,
      Array.from({ length: count }, (_, i) => ({
        id: `C20240101${String(i + 1).padStart(5, '0')}`,
        name: `客户${i}`,
        customerType: 'individual',
        contactName: '某',
        phone: `1390000${String(i).padStart(4, '0')}`,
        source: 'other',
        needs: '—',
        owner: 'boss@example.com',
      })),
      'zh-CN',
    );
    const costs: Record<string, ReturnType<LocalRuntime['meter']['snapshot']>> = {};
    sheetForTable(spreadsheetOf(runtime), 'customers').getRange('A2').activate();
    runtime.meter.reset();
    const form = unwrap<EditCustomerForm>(host.run('getEditCustomerForm'));
    costs.form = runtime.meter.snapshot();
    const loaded = form.ok ? form.value.selected : null;
    if (!loaded) throw new Error('no customer selected');
    runtime.meter.reset();
    host.run('getCustomerForEdit', [{ customerId: loaded.id, customerRow: loaded.row }]);
    costs.picker = runtime.meter.snapshot();
    for (const [name, changes] of EDITS) {
      const current = unwrap<EditableCustomer>(host.run('getCustomerForEdit', [{ customerId: loaded.id }]));
      if (!current.ok) throw new Error('customer not found');
      const back = { phone: '13800138000', intentGrade: 'high' };
      save(host, current.value, back);
      const reset = unwrap<EditableCustomer>(host.run('getCustomerForEdit', [{ customerId: loaded.id }]));
      if (!reset.ok) throw new Error('customer not found');
      runtime.meter.reset();
      expect(save(host, reset.value, changes)).toMatchObject({ ok: true, value: { changed: Object.keys(changes) } });
      costs[name] = runtime.meter.snapshot();
    }
    return costs;
  }

  it('makes the same calls and reads the same cells with 10 and with 10,000 customers', () => {
    const small = measure(10);
    const large = measure(10000);
    for (const name of ['form', 'picker', ...EDITS.map(([edit]) => edit)]) {
      const [a, b] = [small[name], large[name]];
      expect({ name, byMethod: b?.byMethod, cellsRead: b?.cellsRead, cellsWritten: b?.cellsWritten }).toEqual({
        name,
        byMethod: a?.byMethod,
        cellsRead: a?.cellsRead,
        cellsWritten: a?.cellsWritten,
      });
    }
    expect(small.form?.calls).toBeLessThanOrEqual(10);
    expect(small.picker?.calls).toBeLessThanOrEqual(10);
    expect(small.phone?.calls).toBeLessThanOrEqual(20);
    expect(small.grade?.calls).toBeLessThanOrEqual(20);
    // Both searches in one save (a contact key and the grade changed together): one call over the bound.
    expect(small['phone and grade']?.calls).toBeLessThanOrEqual(21);
    // A few rows' worth of cells: the Settings and Team tables, the headers, the customer's row.
    expect(large.phone?.cellsRead).toBeLessThanOrEqual(1000);
    expect(large.phone?.cellsSearched).toBeLessThanOrEqual(10010 + 10);
  });
});
