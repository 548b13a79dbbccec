import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, writeFields, type FieldValues } from '../../src/server/workbook/table';
import type { ActionResult } from '../../src/shared/rpc/result';
import type { ReassignForm, ReassignResult } from '../../src/shared/rpc/reassign';
import { TEMPLATES, type TableKey } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { spreadsheetOf, sheetForTable, useRuntimeGlobals } from '../support/gas';
import { requestId } from '../support/intake';

/** Reassign customers (issue 19 item 10) through google.script.run on the built add-on. */
const BOSS = { email: 'boss@example.com', locale: 'zh_CN' };
const LEAVER = 'li.na@example.com';
const HEIR = 'wang.wei@example.com';

function setUp(language: 'zh-CN' | 'en' = 'zh-CN') {
  const started = startAddon({ user: { ...BOSS, locale: language === 'en' ? 'en' : 'zh_CN' } });
  started.host.run('runInstall', [{ language }]);
  useRuntimeGlobals(started.runtime);
  seed('team', language, [
    { name: '李娜', email: LEAVER, role: 'rep', active: true },
    { name: '王伟', email: HEIR, role: 'rep', active: true },
  ]);
  const now = new Date(Date.parse('2024-06-01T02:00:00Z'));
  const customer = (id: string, owner: string, coOwner: string | null = null): FieldValues => ({
    id,
    name: `客户${id}`,
    customerType: 'individual',
    contactName: '某',
    source: 'other',
    needs: '—',
    owner,
    coOwner,
    createdAt: now,
  });
  seed('customers', language, [
    customer('C1', LEAVER),
    customer('C2', BOSS.email),
    customer('C3', LEAVER, HEIR),
    customer('C4', BOSS.email, LEAVER),
  ]);
  const action = (id: string, customerId: string, owner: string, status: string): FieldValues => ({
    id,
    customerId,
    at: now,
    content: 'x',
    owner,
    status,
    nextAction: '回访',
    nextActionDue: new Date(Date.parse('2024-06-05T02:00:00Z')),
  });
  seed('followUps', language, [
    action('G1', 'C1', LEAVER, 'open'),
    action('G2', 'C1', LEAVER, 'done'),
    action('G3', 'C2', BOSS.email, 'open'),
    action('G4', 'C4', LEAVER, 'open'),
  ]);
  const ticket = (id: string, customerId: string, status: string): FieldValues => ({
    id,
    customerId,
    ticketType: 'consultation',
    category: 'product',
    description: '问题',
    priority: 'medium',
    assignee: LEAVER,
    status,
    reportedAt: now,
  });
  seed('tickets', language, [ticket('F1', 'C1', 'pending'), ticket('F2', 'C3', 'closed')]);
  return started;
}

function seed(table: TableKey, language: 'zh-CN' | 'en', records: FieldValues[]): void {
  appendRecords(readTable(TEMPLATES[table], loadDocumentProperties()), records, language);
}

function values(table: TableKey, keys: string[]): unknown[][] {
  return readTable(TEMPLATES[table], loadDocumentProperties()).records.map((record) =>
    keys.map((key) => record.values[key]),
  );
}

function reassign(host: ReturnType<typeof setUp>['host'], body: Record<string, unknown>, user = BOSS) {
  return host.run<ActionResult<ReassignResult>>('saveReassign', [{ requestId: requestId(), ...body }], { user });
}

describe('reassigning a leaver’s customers', () => {
  it('moves all their customers, co-ownerships, open actions and open tickets, marks them inactive, logs it', () => {
    const { host } = setUp();
    const body = { requestId: requestId(), from: LEAVER, to: HEIR, scope: 'all', deactivate: true };
    expect(host.run('saveReassign', [body], { user: BOSS })).toEqual({
      ok: true,
      value: { ok: true, value: { customers: 2, coOwned: 1, followUps: 2, tickets: 1, deactivated: true } },
    });
    expect(values('customers', ['id', 'owner', 'coOwner'])).toEqual([
      ['C1', HEIR, null],
      ['C2', BOSS.email, null],
      // The heir was co-owner of C3: now the owner, so no co-owner.
      ['C3', HEIR, null],
      ['C4', BOSS.email, HEIR],
    ]);
    expect(values('followUps', ['id', 'owner'])).toEqual([
      ['G1', HEIR],
      ['G2', LEAVER], // done: history stays as it was
      ['G3', BOSS.email],
      ['G4', HEIR],
    ]);
    expect(values('tickets', ['id', 'assignee'])).toEqual([
      ['F1', HEIR],
      ['F2', LEAVER], // closed
    ]);
    expect(values('team', ['email', 'active'])).toContainEqual([LEAVER, false]);
    const log = values('log', ['action', 'rowsChanged', 'details']);
    expect(log[log.length - 1]).toEqual([
      'reassign',
      6,
      `${LEAVER} → ${HEIR}：2 个客户、1 个协作负责、2 个未完成行动、1 个未关闭工单；标记停用：1。`,
    ]);
    // Sent again (a retry): nothing left to move, nothing written, no second Log row.
    expect(host.run('saveReassign', [body], { user: BOSS })).toEqual({
      ok: true,
      value: { ok: true, value: { customers: 0, coOwned: 0, followUps: 0, tickets: 0, deactivated: false } },
    });
    expect(values('log', ['action']).filter(([action]) => action === 'reassign')).toHaveLength(1);
    // My day and the digests follow the owner columns: the heir now has the leaver's open action.
    const day = host.run<ActionResult<{ sections: { key: string; items: { id: string }[] }[] }>>('getMyDay', [], {
      user: { email: HEIR, locale: 'zh_CN' },
    });
    const ids = day.ok && day.value.ok ? day.value.value.sections.flatMap((s) => s.items.map((i) => i.id)) : [];
    expect(ids).toEqual(expect.arrayContaining(['F1']));
  });

  it('moves only the selected rows of the Customers sheet, with those customers’ open actions and tickets', () => {
    const { host, runtime } = setUp();
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    sheet.activate();
    sheet.getRange('A2:C2').activate(); // C1 only
    const form = host.run<ActionResult<ReassignForm>>('getReassignForm', [], { user: BOSS });
    expect(form).toMatchObject({ ok: true, value: { ok: true, value: { selectedRows: [2] } } });
    const members = form.ok && form.value.ok ? form.value.value.members : [];
    expect(members.find((member) => member.email === LEAVER)).toMatchObject({ customers: 2, active: true });
    expect(reassign(host, { from: LEAVER, to: HEIR, scope: 'selected', rows: [2], deactivate: false })).toEqual({
      ok: true,
      value: { ok: true, value: { customers: 1, coOwned: 0, followUps: 1, tickets: 1, deactivated: false } },
    });
    expect(values('customers', ['id', 'owner'])).toEqual([
      ['C1', HEIR],
      ['C2', BOSS.email],
      ['C3', LEAVER],
      ['C4', BOSS.email],
    ]);
    expect(values('followUps', ['id', 'owner'])[3]).toEqual(['G4', LEAVER]);
  });

  it.each(['zh-CN', 'en'] as const)(
    'finds a selection’s open actions in the My day index, as their rows hold them now (%s)',
    (language) => {
      const { host, runtime } = setUp(language);
      // The nightly build; then, since: an action appended, and G1 handed to the boss by hand.
      runtime.clock.setTime(Date.parse('2024-06-03T04:00:00Z'));
      expect(host.run('getMyDay', [], { user: BOSS })).toMatchObject({ ok: true, value: { ok: true } });
      seed('followUps', language, [
        {
          id: 'G5',
          customerId: 'C3',
          at: new Date(),
          content: 'x',
          owner: LEAVER,
          status: 'open',
          nextAction: '回访',
          nextActionDue: new Date(Date.parse('2024-06-06T02:00:00Z')),
        },
      ]);
      const table = readTable(TEMPLATES.followUps, loadDocumentProperties());
      writeFields(table, [{ row: 2, values: { owner: BOSS.email } }], language);
      runtime.meter.reset();
      expect(reassign(host, { from: LEAVER, to: HEIR, scope: 'selected', rows: [2, 4], deactivate: false })).toEqual({
        ok: true,
        value: { ok: true, value: { customers: 2, coOwned: 0, followUps: 1, tickets: 1, deactivated: false } },
      });
      // Follow-ups were not searched: the history block and the rows appended since gave them.
      const searches = runtime.meter.snapshot().byMethod['SpreadsheetApp.Range.createTextFinder'] ?? 0;
      expect(searches).toBe(1); // Tickets' customer-id column only
      expect(values('followUps', ['id', 'owner'])).toEqual([
        ['G1', BOSS.email],
        ['G2', LEAVER],
        ['G3', BOSS.email],
        ['G4', LEAVER],
        ['G5', HEIR],
      ]);
      expect(values('tickets', ['id', 'assignee'])).toEqual([
        ['F1', HEIR],
        ['F2', LEAVER],
      ]);
    },
  );

  it('refuses bad input with localized messages and writes nothing', () => {
    const { host, runtime } = setUp('en');
    const before = runtime.meter.snapshot();
    expect(reassign(host, { from: LEAVER, to: LEAVER, scope: 'all' })).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: { kind: 'validation', fields: { to: 'Choose someone else than the current owner.' } },
      },
    });
    expect(reassign(host, { from: 'nobody@example.com', to: HEIR, scope: 'all' })).toMatchObject({
      ok: true,
      value: { ok: false, error: { fields: { from: 'Not on the Team sheet.' } } },
    });
    expect(reassign(host, { from: LEAVER, to: HEIR, scope: 'selected', rows: [] })).toMatchObject({
      ok: true,
      value: { ok: false, error: { fields: { scope: expect.stringContaining('Select the customers') } } },
    });
    expect(runtime.meter.snapshot().byMethod['Sheets.Values.batchUpdate'] ?? 0).toBe(
      before.byMethod['Sheets.Values.batchUpdate'] ?? 0,
    );
    expect(values('customers', ['owner'])[0]).toEqual([LEAVER]);
  });

  it('is for managers only', () => {
    const { host } = setUp('en');
    const rep = { email: HEIR, locale: 'en' };
    expect(host.run('getReassignForm', [], { user: rep })).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: { kind: 'forbidden', message: 'Only a manager on the Team sheet can reassign customers.' },
      },
    });
    expect(reassign(host, { from: LEAVER, to: HEIR, scope: 'all' }, rep)).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'forbidden' } },
    });
  });

  it('answers busy when a save holds the lock, and nothing is lost', () => {
    const { host, runtime } = setUp();
    let during: unknown;
    runtime.meter.beforeNextCall('Sheets.Values.batchUpdate', () => {
      during = reassign(host, { from: LEAVER, to: HEIR, scope: 'all' });
    });
    expect(reassign(host, { from: BOSS.email, to: HEIR, scope: 'all' })).toMatchObject({
      ok: true,
      value: { ok: true },
    });
    expect(during).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'busy' } } });
    expect(values('customers', ['id', 'owner'])).toEqual([
      ['C1', LEAVER],
      ['C2', HEIR],
      ['C3', LEAVER],
      ['C4', HEIR],
    ]);
  });
});
