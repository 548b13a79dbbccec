import type { AddonHost } from '../../src/local/harness/addon-host';
import type { LocalRuntime } from '../../src/local/runtime';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable } from '../../src/server/workbook/table';
import type { ActionResult } from '../../src/shared/rpc/result';
import { columnLetter } from '../../src/shared/schema/a1';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, saveCustomer } from '../support/intake';

/**
 * Direct edits made safe (issue 19 item 8), through the trigger event Sheets sends: the harness's edits by
 * hand fire the add-on's onEdit simple trigger in AuthMode.LIMITED. Phones and e-mails typed by hand are
 * stored as intake stores them and the row's match keys follow, so intake's duplicate check finds the row;
 * rows whose required fields or dropdown values became invalid are marked in the Needs fixing column and
 * unmarked when fixed; a pasted block costs a few block calls whatever its size or the table's; edits
 * elsewhere and script writes change nothing.
 */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
type Language = 'zh-CN' | 'en';
const ID = 'C20240603001';

function setUp(language: Language = 'zh-CN', fields: Record<string, string | boolean | null> = {}) {
  const started = startAddon({ user: language === 'en' ? { ...OWNER, locale: 'en_US' } : OWNER });
  expect(started.host.run('runInstall', [{ language }])).toMatchObject({ ok: true, value: { ok: true } });
  expect(saveCustomer(started.host, customerFields({ phone: '010-5678 1234', ...fields }))).toMatchObject({
    ok: true,
    value: { ok: true, value: { id: ID } },
  });
  useRuntimeGlobals(started.runtime);
  const sheet = sheetForTable(spreadsheetOf(started.runtime), 'customers');
  const columns = stampedColumnsOf(sheet);
  const cell = (key: string, row = 2): string => `${columnLetter(columns[key] as number)}${row}`;
  const sheetName = sheet.getName();
  const read = (key: string, row = 2): unknown => started.runtime.workbook.values(sheetName, cell(key, row))[0]?.[0];
  return { ...started, sheetName, columns, cell, read };
}

type Setup = ReturnType<typeof setUp>;

function duplicatesOf(host: AddonHost, fields: Record<string, string | boolean | null>): unknown {
  const run = saveCustomer(host, customerFields(fields));
  expect(run).toMatchObject({ ok: true });
  const result = (run as { value: ActionResult<unknown> }).value;
  return result.ok ? null : (result.error as { duplicates?: unknown }).duplicates;
}

function writesOf(runtime: LocalRuntime): string[] {
  return Object.keys(runtime.meter.snapshot().byMethod).filter((key) =>
    /\.(set\w*|clear\w*|insert\w*|delete\w*|append\w*)$/.test(key),
  );
}

describe.each(['zh-CN', 'en'] as const)('edits by hand (%s)', (language) => {
  const t = (zh: string, en: string): string => (language === 'en' ? en : zh);

  it('stores a phone typed as "138 0013 8000" as intake does, and intake then finds the row as a duplicate', () => {
    const { host, runtime, sheetName, cell, read } = setUp(language);
    expect(String(read('matchKeys'))).toContain('|p:01056781234|');
    // The rep corrects the phone of the first customer by hand…
    const before = runtime.meter.snapshot().calls;
    const run = host.userType(sheetName, cell('phone'), '138 0013 8000');
    expect(run).toMatchObject({ ok: true, authMode: 'LIMITED' });
    expect(runtime.meter.snapshot().calls).toBeGreaterThan(before);
    expect(read('phone')).toBe('13800138000');
    expect(String(read('matchKeys'))).toContain('|p:13800138000|');
    expect(read('rowCheck')).toBe('');
    // …and the next intake with that number in another format is warned about this customer.
    expect(duplicatesOf(host, { name: '第三家公司', phone: '13800138000', email: 'third@example.com' })).toEqual([
      expect.objectContaining({ id: ID, reasons: ['phone'] }),
    ]);
  });

  it('stores an e-mail in lower case, and leaves an invalid one as typed, marked', () => {
    const { host, sheetName, cell, read } = setUp(language);
    host.userType(sheetName, cell('email'), '  Wang.Wu@Example.COM ');
    expect(read('email')).toBe('wang.wu@example.com');
    expect(String(read('matchKeys'))).toContain('|e:wang.wu@example.com|');
    host.userType(sheetName, cell('email'), 'wang.wu at example');
    expect(read('email')).toBe('wang.wu at example');
    expect(read('rowCheck')).toBe(
      t(
        '邮箱：请输入有效的邮箱，例如 name@example.com。',
        'E-mail: Enter a valid e-mail address, e.g. name@example.com.',
      ),
    );
  });

  it('marks a dropdown value that is none of the options, and unmarks the row when it is fixed', () => {
    const { host, runtime, sheetName, cell, read } = setUp(language);
    // A value copied from a sheet of the user's own: the paste brings that cell's (absent) rule along.
    spreadsheetOf(runtime).insertSheet('Scratch').getRange('A1').setValue('VIP');
    host.userCopyPaste({ sheetName: 'Scratch', a1: 'A1' }, { sheetName, a1: cell('source') });
    expect(read('source')).toBe('VIP');
    expect(read('rowCheck')).toBe(t('客户来源：请从列表中选择。', 'Source: Pick one of the listed values.'));
    // A label in another of the add-on's languages is a valid value: not marked, not changed.
    host.userType(sheetName, cell('source'), language === 'en' ? '老客户转介绍' : 'Referral');
    expect(read('rowCheck')).toBe('');
    host.userType(sheetName, cell('source'), 'VIP again');
    expect(read('rowCheck')).not.toBe('');
    host.userType(sheetName, cell('source'), t('行业展会', 'Trade show'));
    expect(read('source')).toBe(t('行业展会', 'Trade show'));
    expect(read('rowCheck')).toBe('');
  });

  it('marks a required field cleared, keeps the rest of the row, and unmarks it when filled in again', () => {
    const { host, sheetName, cell, read } = setUp(language);
    host.userClear(sheetName, cell('contactName'));
    expect(read('contactName')).toBe('');
    expect(read('rowCheck')).toBe(t('联系人姓名：必填。', 'Contact name: Required.'));
    host.userClear(sheetName, `${cell('phone')}:${cell('email')}`);
    expect(read('rowCheck')).toBe(
      t(
        '联系人姓名：必填。联系电话：请至少填写电话或邮箱之一。',
        'Contact name: Required. Phone: Enter a phone number or an e-mail address.',
      ),
    );
    // No contact key left: the row's match keys keep only its company name.
    expect(read('matchKeys')).toMatch(/^\|c:深圳市星河科技\|r:[^|]+\|$/);
    host.userType(sheetName, cell('contactName'), '韩梅梅');
    host.userType(sheetName, cell('phone'), '139-1234-5678');
    expect(read('phone')).toBe('13912345678');
    expect(read('rowCheck')).toBe('');
    expect(read('name')).toBe('深圳市星河科技有限公司');
  });

  it('handles a pasted block of rows in a few block calls: phones stored, keys derived, bad rows marked', () => {
    const { host, runtime, sheetName, columns, cell, read } = setUp(language);
    const first = columns.name as number;
    const last = columns.owner as number;
    const order = TEMPLATES.customers.columns.filter(
      (column) => (columns[column.key] as number) >= first && (columns[column.key] as number) <= last,
    );
    expect(order.map((column) => column.key)).toEqual([
      'name',
      'customerType',
      'industry',
      'size',
      'contactName',
      'contactTitle',
      'phone',
      'email',
      'address',
      'source',
      'needs',
      'needKeywords',
      'tags',
      'owner',
    ]);
    const line = (i: number): string[] =>
      order.map((column) => {
        switch (column.key) {
          case 'name':
            return `手填客户${i}`;
          case 'customerType':
            return t('个人客户', 'Individual');
          case 'contactName':
            return i % 10 === 0 ? '' : `联系人${i}`;
          case 'phone':
            return `139 0000 ${String(i).padStart(4, '0')}`;
          case 'source':
            return t('其他', 'Other');
          case 'needs':
            return '—';
          case 'owner':
            return OWNER.email;
          default:
            return '';
        }
      });
    const paste = (count: number, startRow: number) => {
      runtime.meter.reset();
      const run = host.userPaste(
        sheetName,
        `${columnLetter(first)}${startRow}`,
        Array.from({ length: count }, (_, i) => line(startRow + i)),
      );
      expect(run).toMatchObject({ ok: true });
      return runtime.meter.snapshot();
    };
    const few = paste(8, 3);
    const many = paste(200, 11);
    expect(many.byMethod).toEqual(few.byMethod);
    expect(few.calls).toBeLessThanOrEqual(16);
    expect(many.byMethod['SpreadsheetApp.Range.setValues']).toBe(3);
    for (const row of [3, 7, 150, 210]) {
      expect(read('phone', row)).toBe(`139 0000 ${String(row).padStart(4, '0')}`.replace(/ /g, ''));
      expect(read('matchKeys', row)).toBe(`|p:1390000${String(row).padStart(4, '0')}|`);
    }
    expect(read('rowCheck', 9)).toBe('');
    expect(read('rowCheck', 10)).toBe(t('联系人姓名：必填。', 'Contact name: Required.'));
    expect(read('rowCheck', 210)).toBe(t('联系人姓名：必填。', 'Contact name: Required.'));
    // The row typed at intake is untouched, and intake finds a pasted row by its phone.
    expect(read('phone')).toBe('01056781234');
    expect(duplicatesOf(host, { name: '新客户', phone: '+86 13900000150', email: 'x@example.com' })).toEqual([
      expect.objectContaining({ row: 150, reasons: ['phone'] }),
    ]);
    expect(cell('rowCheck', 1)).toMatch(/1$/);
  });

  it('does nothing for edits outside the tables, in user columns, on the header row, or on tables it leaves alone', () => {
    const { host, runtime, sheetName, columns, cell, read } = setUp(language);
    spreadsheetOf(runtime).insertSheet('My notes');
    const width = Math.max(...Object.values(columns));
    // A column of the user's own, added after the table's.
    runtime.workbook.userInsertColumns(sheetName, width + 1, 1);
    const cases: [string, string, string][] = [
      ['My notes', 'A1', '138 0013 8000'],
      ['My notes', 'B7', 'VIP'],
      [sheetName, `${columnLetter(width + 1)}2`, '138 0013 8000'],
      [sheetName, cell('phone', 1), t('电话', 'Phone')],
      [spreadsheetOf(runtime).getSheets()[1]?.getName() as string, 'Z5', 'x'],
    ];
    for (const [sheet, a1, text] of cases) {
      runtime.meter.reset();
      expect(host.userType(sheet, a1, text)).toMatchObject({ ok: true });
      expect({ sheet, a1, writes: writesOf(runtime) }).toEqual({ sheet, a1, writes: [] });
      expect(runtime.meter.snapshot().calls).toBeLessThanOrEqual(8);
    }
    expect(read('phone')).toBe('01056781234');
    expect(read('rowCheck')).toBe('');
  });

  it('is not fired by the add-on’s own writes', () => {
    const { host } = setUp(language);
    const runs = host.editRuns.length;
    expect(
      saveCustomer(host, customerFields({ name: '第二家公司', phone: '139 1111 2222', email: 'b@example.com' })),
    ).toMatchObject({ ok: true, value: { ok: true } });
    host.open();
    host.clickMenu('runDailyScanNow');
    expect(host.editRuns).toHaveLength(runs);
  });
});

describe('the cost of an edit by hand', () => {
  function measure(count: number) {
    const setup = setUp('zh-CN');
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
    setup.runtime.meter.reset();
    expect(setup.host.userType(setup.sheetName, setup.cell('phone', 5), '+86 137 0000 0005')).toMatchObject({
      ok: true,
    });
    // A leading "+" is written behind Sheets' text marker (asLiteralText), which the add-on reads back without.
    expect(setup.read('phone', 5)).toMatch(/^'?\+8613700000005$/);
    expect(setup.read('matchKeys', 5)).toMatch(/^\|p:13700000005\|/);
    return setup.runtime.meter.snapshot();
  }

  it('makes the same calls and reads the same cells with 10 and with 10,000 customers', () => {
    const small = measure(10);
    const large = measure(10000);
    expect({ byMethod: large.byMethod, cellsRead: large.cellsRead, cellsWritten: large.cellsWritten }).toEqual({
      byMethod: small.byMethod,
      cellsRead: small.cellsRead,
      cellsWritten: small.cellsWritten,
    });
    expect(small.calls).toBeLessThanOrEqual(16);
    expect(small.byMethod['LockService.Lock.tryLock']).toBe(1);
    expect(small.cellsRead).toBeLessThanOrEqual(2 * 70);
  });

  it('leaves the row as typed when the document is busy, and says so in the log', () => {
    const setup: Setup = setUp('zh-CN');
    const lock = (setup.runtime.globals.LockService as GoogleAppsScript.Lock.LockService).getDocumentLock();
    setup.runtime.ctx.runExecution({ label: 'other save' }, () => {
      expect(lock.tryLock(1000)).toBe(true);
      expect(setup.host.userType(setup.sheetName, setup.cell('phone'), '138 0013 8000')).toMatchObject({ ok: true });
      lock.releaseLock();
    });
    expect(setup.read('phone')).toBe('138 0013 8000');
    expect(setup.runtime.logs.messages('WARNING').some((line) => line.includes('busy'))).toBe(true);
  });
});
