import { appendRecords, readTable, type FieldValues } from '../../src/server/workbook/table';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { searchSpans } from '../../src/server/actions/customer-lookup';
import type { CustomerSummary } from '../../src/shared/rpc/contract';
import type { ActionResult } from '../../src/shared/rpc/result';
import { columnLetter } from '../../src/shared/schema/a1';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, saveCustomer } from '../support/intake';

/** The customer picker's lookup box (follow-up, needs analysis, ticket and survey sidebars), issue 18. */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };

function setUp(language: 'zh-CN' | 'en' = 'zh-CN') {
  const started = startAddon({ user: OWNER });
  started.host.run('runInstall', [{ language }]);
  expect(saveCustomer(started.host, customerFields())).toMatchObject({ ok: true, value: { ok: true } });
  expect(
    saveCustomer(
      started.host,
      customerFields({
        name: 'Northwind Traders',
        industry: '星河物流',
        contactName: 'Ann Lee',
        contactTitle: '星河经理',
        phone: '021 5555 0101',
        email: 'ann@northwind.example',
      }),
    ),
  ).toMatchObject({ ok: true, value: { ok: true, value: { id: 'C20240603002' } } });
  useRuntimeGlobals(started.runtime);
  return started;
}

type Host = ReturnType<typeof setUp>['host'];

function lookup(host: Host, query: unknown): CustomerSummary[] {
  const result = host.run<ActionResult<CustomerSummary[]>>('searchCustomers', [query]);
  if (!result.ok || !result.value.ok) throw new Error(`lookup failed: ${JSON.stringify(result)}`);
  return result.value.value;
}
const ids = (host: Host, query: string) => lookup(host, query).map((summary) => summary.id);

/** `count` more customers (ids C2024010100001 …), named by `name`, with other fields from `extra`. */
function addCustomers(count: number, name: (i: number) => string, extra: (i: number) => FieldValues = () => ({})) {
  appendRecords(
    readTable(TEMPLATES.customers, loadDocumentProperties()),
    Array.from({ length: count }, (_, i) => ({
      id: `C20240101${String(i + 1).padStart(5, '0')}`,
      name: name(i),
      customerType: 'individual',
      contactName: '某',
      source: 'other',
      needs: '—',
      owner: 'boss@example.com',
      ...extra(i),
    })),
    'zh-CN',
  );
}

describe('customer lookup', () => {
  it('finds by name, contact and id (any case), by phone digits whatever the separators, and by e-mail', () => {
    const { host, runtime } = setUp();
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    // Phones typed into the sheet by hand, with spaces, dashes and a country code.
    const phone = stampedColumnsOf(sheet).phone as number;
    sheet.getRange(2, phone).setValue('+86 138-0013-8000');
    sheet.getRange(3, phone).setValue('(021) 5555.0101');
    expect(ids(host, '星河科技')).toEqual(['C20240603001']);
    expect(ids(host, 'northwind')).toEqual(['C20240603002']);
    expect(ids(host, 'ANN LEE')).toEqual(['C20240603002']);
    expect(ids(host, 'c20240603002')).toEqual(['C20240603002']);
    expect(ids(host, 'C202406030')).toEqual(['C20240603001', 'C20240603002']);
    expect(ids(host, '13800138000')).toEqual(['C20240603001']);
    expect(ids(host, '138 0013 8000')).toEqual(['C20240603001']);
    expect(ids(host, '５５５５０１０１')).toEqual(['C20240603002']); // full-width digits
    expect(ids(host, 'Ann@Northwind.Example')).toEqual(['C20240603002']);
    expect(lookup(host, '李雷')[0]).toMatchObject({
      id: 'C20240603001',
      name: '深圳市星河科技有限公司',
      contactName: '李雷',
      phone: '+86 138-0013-8000',
      owner: 'boss@example.com',
      row: 2,
    });
  });

  it('ignores text of the columns between the searched ones (industry, title) and partial e-mails', () => {
    const { host } = setUp('en');
    // "星河" is in the first customer's name and in the second one's industry and contact title.
    expect(ids(host, '星河')).toEqual(['C20240603001']);
    expect(ids(host, '物流')).toEqual([]);
    // An e-mail matches whole (any case), not part of it.
    expect(ids(host, 'ann@northwind')).toEqual([]);
    expect(ids(host, 'ANN@northwind.example')).toEqual(['C20240603002']);
    expect(ids(host, '   ')).toEqual([]);
  });

  it('still finds every column after a user moved the e-mail column far away (e-mails by their match key)', () => {
    const { host, runtime } = setUp();
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const email = stampedColumnsOf(sheet).email as number;
    runtime.meter.reset();
    expect(ids(host, 'ann@northwind.example')).toEqual(['C20240603002']);
    const adjacent = runtime.meter.snapshot();
    sheet.moveColumns(sheet.getRange(`${columnLetter(email)}:${columnLetter(email)}`), sheet.getLastColumn() + 1);
    expect(stampedColumnsOf(sheet).email).toBeGreaterThan(20);
    lookup(host, 'warm-up'); // the layout is resolved again once after the move
    runtime.meter.reset();
    expect(ids(host, 'ann@northwind.example')).toEqual(['C20240603002']);
    expect(ids(host, '138 0013 8000')).toEqual(['C20240603001']);
    const apart = runtime.meter.snapshot();
    // An e-mail is looked up in the match-keys column wherever its own column is: one search, before and after;
    // a phone in the match keys (one search: a phone has the digits, so the id column is not searched).
    expect(adjacent.byMethod['SpreadsheetApp.TextFinder.findAll']).toBe(1);
    expect(apart.byMethod['SpreadsheetApp.TextFinder.findAll']).toBe(2);
  });

  it('finds a phone or e-mail typed into the sheet by hand (the onEdit trigger keeps their match keys)', () => {
    const { host, runtime } = setUp();
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const columns = stampedColumnsOf(sheet);
    const at = (key: string) => `${columnLetter(columns[key] as number)}3`;
    host.userType(sheet.getName(), at('phone'), '+86 139-1234-5678');
    host.userType(sheet.getName(), at('email'), ' Ann.Lee@Northwind.example ');
    expect(ids(host, '1391234 5678')).toEqual(['C20240603002']);
    expect(ids(host, 'ann.lee@northwind.example')).toEqual(['C20240603002']);
    // The old ones are no match any more.
    expect(ids(host, '021 5555 0101')).toEqual([]);
    expect(ids(host, 'ann@northwind.example')).toEqual([]);
  });

  it('returns at most 20 customers', () => {
    const { host } = setUp();
    addCustomers(30, (i) => `星河分公司${i}`);
    expect(lookup(host, '星河')).toHaveLength(20);
  });

  it('refuses a query that is not text or too long, in the workbook language', () => {
    const { host } = setUp('en');
    for (const query of [42, null, 'x'.repeat(201)]) {
      expect(host.run('searchCustomers', [query])).toMatchObject({
        ok: true,
        value: { ok: false, error: { kind: 'validation', message: expect.stringMatching(/query/) } },
      });
    }
  });

  it('groups nearby columns into one search span', () => {
    expect(searchSpans([1, 2, 6, 8, 9])).toEqual([[1, 9]]);
    expect(searchSpans([9, 1, 2, 6, 8, 30])).toEqual([
      [1, 9],
      [30, 30],
    ]);
    expect(searchSpans([3, 8])).toEqual([
      [3, 3],
      [8, 8],
    ]);
    expect(searchSpans([])).toEqual([]);
  });
});

describe('searching no more columns than the query needs', () => {
  it('finds digits no phone holds in the id column, and stops at the name column when it gives a page', () => {
    const { host, runtime } = setUp();
    expect(ids(host, '20240603002')).toEqual(['C20240603002']);
    addCustomers(25, (i) => `星河分店${i}`);
    runtime.meter.reset();
    const found = lookup(host, '星河');
    expect(found).toHaveLength(20);
    expect(found.every((summary) => summary.name.includes('星河'))).toBe(true);
    // A page of names: the contact column is not searched.
    expect(runtime.meter.snapshot().byMethod['SpreadsheetApp.TextFinder.findAll']).toBe(1);
    // Fewer than a page: the contacts too.
    runtime.meter.reset();
    expect(ids(host, 'Ann Lee')).toEqual(['C20240603002']);
    expect(runtime.meter.snapshot().byMethod['SpreadsheetApp.TextFinder.findAll']).toBe(2);
  });
});

describe('cost', () => {
  it('makes the same calls and reads the same cells with 10 and 10,000 customers, searching two columns at most', () => {
    const costs = [10, 10000].map((count) => {
      const { host, runtime } = setUp();
      addCustomers(
        count,
        (i) => `客户${i}`,
        (i) => ({ phone: `1390000${String(i).padStart(4, '0')}` }),
      );
      lookup(host, 'warm-up');
      return ['星河', '0013 8000', 'C20240603001'].map((query) => {
        runtime.meter.reset();
        expect(ids(host, query)).toEqual(['C20240603001']);
        return runtime.meter.snapshot();
      });
    });
    for (const index of [0, 1, 2]) {
      const [small, large] = [costs[0]?.[index], costs[1]?.[index]];
      expect(large?.byMethod).toEqual(small?.byMethod);
      expect(large?.cellsRead).toBe(small?.cellsRead);
      expect(small?.calls).toBeLessThanOrEqual(20);
      // A name: the name column, then the contact column (fewer than a page found); a phone: the match keys
      // (found there, so not the id column); an id: its column.
      expect(small?.byMethod['SpreadsheetApp.TextFinder.findAll']).toBe(index === 0 ? 2 : 1);
      // A few rows' worth read (header, the rows found), never a table.
      expect(large?.cellsRead).toBeLessThan(500);
      // Searched: two columns of the 10,012 rows at most (was the nine-column id … e-mail span).
      expect(large?.cellsSearched).toBeLessThanOrEqual(2 * 10012);
    }
  });
});
