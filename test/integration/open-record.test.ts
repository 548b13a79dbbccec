import { appendRecords, readTable } from '../../src/server/workbook/table';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import type { ActionResult } from '../../src/shared/rpc/result';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/** "Open existing" (a duplicate at intake, a My day entry): the record's row by id, selected (issue 18). */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };

function setUp(language: 'zh-CN' | 'en' = 'zh-CN') {
  const started = startAddon({ user: OWNER });
  started.host.run('runInstall', [{ language }]);
  expect(saveCustomer(started.host, customerFields())).toMatchObject({ ok: true, value: { ok: true } });
  expect(
    saveCustomer(started.host, customerFields({ name: '另一家公司', phone: '13911112222', email: 'b@x.cn' })),
  ).toMatchObject({ ok: true, value: { ok: true, value: { id: 'C20240603002' } } });
  useRuntimeGlobals(started.runtime);
  return started;
}

type Host = ReturnType<typeof setUp>['host'];
const open = (host: Host, table: unknown, id: unknown) =>
  host.run<ActionResult<{ row: number }>>('openRecord', [{ table, id }]);

describe('open a record', () => {
  it('selects the row of the id, wherever sorting moved it', () => {
    const { host, runtime } = setUp();
    const spreadsheet = spreadsheetOf(runtime);
    const sheet = sheetForTable(spreadsheet, 'customers');
    expect(open(host, 'customers', 'C20240603002')).toEqual({ ok: true, value: { ok: true, value: { row: 3 } } });
    expect(spreadsheet.getActiveSheet().getName()).toBe(sheet.getName());
    expect(spreadsheet.getActiveRange()?.getRow()).toBe(3);
    expect(spreadsheet.getActiveRange()?.getNumRows()).toBe(1);
    // Sorted by name descending: the second customer moves to row 2.
    sheet.getRange(2, 1, 2, sheet.getLastColumn()).sort({ column: 2, ascending: true });
    const row = open(host, 'customers', 'C20240603002');
    expect(row).toMatchObject({ ok: true, value: { ok: true } });
    const found = row.ok && row.value.ok ? row.value.value.row : 0;
    expect(sheet.getRange(found, 1).getValue()).toBe('C20240603002');
    expect(spreadsheet.getActiveRange()?.getRow()).toBe(found);
  });

  it('opens a follow-up of another table by its id', () => {
    const { host, runtime } = setUp();
    for (const content of ['第一次', '第二次']) {
      const fields = { at: '2024-06-03T08:00', direction: 'outbound', channel: 'phone', content };
      host.run('saveFollowUp', [{ requestId: requestId(), customerId: 'C20240603001', fields }]);
    }
    const followUps = readTable(TEMPLATES.followUps, loadDocumentProperties());
    const first = followUps.records.find((record) => record.values.content === '第一次');
    expect(open(host, 'followUps', first?.values.id)).toEqual({
      ok: true,
      value: { ok: true, value: { row: first?.row } },
    });
    expect(spreadsheetOf(runtime).getActiveSheet().getName()).toBe(followUps.layout.sheetName);
  });

  it('matches the whole id and its case: a prefix or another case is not found', () => {
    const { host } = setUp('en');
    for (const id of ['C2024060300', 'c20240603002', 'C20240603003']) {
      expect(open(host, 'customers', id)).toMatchObject({
        ok: true,
        value: { ok: false, error: { kind: 'notFound' } },
      });
    }
  });

  it('refuses an unknown table, a table without records and a missing id', () => {
    const { host } = setUp('en');
    for (const [table, id] of [
      ['nope', 'C20240603001'],
      ['settings', 'x'],
      ['customers', ''],
      ['customers', 42],
    ]) {
      expect(open(host, table, id)).toMatchObject({
        ok: true,
        value: { ok: false, error: { kind: 'validation', message: expect.stringMatching(/table\/id/) } },
      });
    }
  });
});

describe('cost', () => {
  it('makes the same calls and reads the same cells with 10 and 10,000 customers: the id column is searched', () => {
    const costs = [10, 10000].map((count) => {
      const { host, runtime } = setUp();
      appendRecords(
        readTable(TEMPLATES.customers, loadDocumentProperties()),
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
      const last = `C20240101${String(count).padStart(5, '0')}`;
      open(host, 'customers', 'C20240603001');
      runtime.meter.reset();
      expect(open(host, 'customers', last)).toEqual({ ok: true, value: { ok: true, value: { row: count + 3 } } });
      return runtime.meter.snapshot();
    });
    expect(costs[1]?.byMethod).toEqual(costs[0]?.byMethod);
    expect(costs[1]?.cellsRead).toBe(costs[0]?.cellsRead);
    expect(costs[0]?.calls).toBeLessThanOrEqual(20);
    // The header row only; the search looks through the id column (one column's worth), up to the hit.
    expect(costs[1]?.cellsRead).toBeLessThanOrEqual(100);
    expect(costs[1]?.cellsSearched).toBeLessThanOrEqual(10000 + 2);
  });
});
