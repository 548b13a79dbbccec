import { appendRecords, readTable } from '../../src/server/workbook/table';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };

function installed(language: 'en' | 'zh-CN' | 'zh-TW' = 'zh-CN') {
  const started = startAddon({ user: OWNER });
  expect(started.host.run('runInstall', [{ language }])).toMatchObject({ ok: true, value: { ok: true } });
  return started;
}

function customerRows(runtime: ReturnType<typeof installed>['runtime']) {
  useRuntimeGlobals(runtime);
  return readTable(TEMPLATES.customers, loadDocumentProperties()).records;
}

describe('saving a new customer', () => {
  it('appends one normalized row with an id, stamps, stage, status and the first follow-up due, and selects it', () => {
    const { host, runtime } = installed();
    const result = saveCustomer(
      host,
      customerFields({ phone: '＋８６ １３８－００１３－８０００', name: ' 深圳市星河科技有限公司 ' }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        ok: true,
        value: {
          id: 'C20240603001',
          row: 2,
          sheetName: '客户',
          firstFollowUpDue: '2024-06-10 09:00',
          alreadySaved: false,
        },
      },
    });
    const [record] = customerRows(runtime);
    expect(record?.values).toMatchObject({
      id: 'C20240603001',
      name: '深圳市星河科技有限公司',
      phone: '+8613800138000',
      email: 'li.lei@example.com',
      customerType: 'enterprise',
      source: 'tradeShow',
      stage: 'initialContact',
      status: 'active',
      intentGrade: 'high',
      owner: 'boss@example.com',
      possibleDuplicateOf: null,
    });
    expect((record?.values.createdAt as Date).toISOString()).toBe('2024-06-03T01:00:00.000Z');
    expect((record?.values.nextFollowUpDue as Date).toISOString()).toBe('2024-06-10T01:00:00.000Z');
    expect(typeof record?.values.requestId).toBe('string');
    // The new row is selected on the customers sheet.
    const active = runtime.workbook.active();
    expect(active).toMatchObject({ sheetName: '客户' });
    expect(JSON.stringify(active)).toContain('2');
  });

  it('schedules the first interview by the intent grade: high 7, medium 14, low 30 days, none → medium', () => {
    const { host } = installed();
    const dues = ['high', 'medium', 'low', ''].map((grade, index) => {
      const result = saveCustomer(
        host,
        customerFields({
          intentGrade: grade,
          phone: `1390000000${index}`,
          email: `c${index}@x.cn`,
          name: `公司${index}`,
        }),
      );
      return result.ok && result.value.ok ? result.value.value.firstFollowUpDue : result;
    });
    expect(dues).toEqual(['2024-06-10 09:00', '2024-06-17 09:00', '2024-07-03 09:00', '2024-06-17 09:00']);
  });

  it('schedules nothing for a do-not-contact customer', () => {
    const { host, runtime } = installed();
    const result = saveCustomer(host, customerFields({ doNotContact: true }));
    expect(result).toMatchObject({ ok: true, value: { ok: true, value: { firstFollowUpDue: '' } } });
    expect(customerRows(runtime)[0]?.values).toMatchObject({ doNotContact: true, nextFollowUpDue: null });
  });

  it('stores formula-like text as text', () => {
    const { host, runtime } = installed();
    saveCustomer(host, customerFields({ needs: '=cmd|" /C calc"!A0', contactTitle: '+总监', notes: '@all -urgent' }));
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const columns = stampedColumnsOf(sheet);
    expect(sheet.getRange(2, columns.needs as number).getFormula()).toBe('');
    expect(customerRows(runtime)[0]?.values).toMatchObject({
      needs: '=cmd|" /C calc"!A0',
      contactTitle: '+总监',
      notes: '@all -urgent',
    });
  });
});

describe('validation, on the server too', () => {
  it.each([
    [{ name: '' }, 'name', '必填。'],
    [{ contactName: '   ' }, 'contactName', '必填。'],
    [{ source: '' }, 'source', '必填。'],
    [{ source: 'tv' }, 'source', '请从列表中选择。'],
    [{ needs: '' }, 'needs', '必填。'],
    [{ industry: '' }, 'industry', '企业客户必填。'],
    [{ phone: '12-34' }, 'phone', '请输入 6–20 位数字，可带开头的 + 号、空格或短横线。'],
    [{ phone: '138abc0000' }, 'phone', '请输入 6–20 位数字，可带开头的 + 号、空格或短横线。'],
    [{ email: 'li@@x' }, 'email', '请输入有效的邮箱，例如 name@example.com。'],
    [{ phone: '', email: '' }, 'phone', '请至少填写电话或邮箱之一。'],
    [{ owner: 'stranger@example.com' }, 'owner', '请选择团队名单中的成员。'],
    [{ owner: '' }, 'owner', '必填。'],
    [{ birthday: '2024-13-45' }, 'birthday', '请输入日期，例如 2024-06-01。'],
    [{ customerType: 'robot' }, 'customerType', '请从列表中选择。'],
  ])('rejects %p with the localized message on %s and writes nothing', (overrides, field, message) => {
    const { host, runtime } = installed();
    const result = saveCustomer(host, customerFields(overrides));
    expect(result).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'validation', message: '请修改标出的字段。' } },
    });
    expect(result.ok && !result.value.ok && result.value.error.fields?.[field]).toBe(message);
    expect(customerRows(runtime)).toHaveLength(0);
  });

  it('accepts an individual without industry, and answers in English in an English workbook', () => {
    const { host } = installed('en');
    expect(saveCustomer(host, customerFields({ customerType: 'individual', industry: '' }))).toMatchObject({
      ok: true,
      value: { ok: true },
    });
    expect(saveCustomer(host, customerFields({ phone: '1', email: '' }))).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: { fields: { phone: 'Use digits with an optional leading +, spaces or dashes (6–20 digits).' } },
      },
    });
  });

  it('refuses a request without a usable request id, and garbage arguments', () => {
    const { host } = installed();
    expect(host.run('saveCustomer', [{ fields: customerFields() }])).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'validation' } },
    });
    expect(host.run('saveCustomer', ['nonsense'])).toMatchObject({ ok: true, value: { ok: false } });
    expect(host.run('saveCustomer', [null])).toMatchObject({ ok: true, value: { ok: false } });
    expect(host.run('saveCustomer', [{ requestId: 'x', fields: customerFields() }])).toMatchObject({
      ok: true,
      value: { ok: false },
    });
  });
});

describe('duplicates', () => {
  it.each([
    [
      'phone with full-width digits',
      { phone: '１３８００１３８０００', email: 'other@x.cn', name: '别的公司' },
      ['phone'],
    ],
    ['phone with +86', { phone: '+86 138 0013 8000', email: 'other@x.cn', name: '别的公司' }, ['phone']],
    ['phone with 0086', { phone: '0086-13800138000', email: '', name: '别的公司' }, ['phone']],
    ['e-mail in another case', { phone: '13900000000', email: 'LI.LEI@example.COM', name: '别的公司' }, ['email']],
    [
      'company without its legal suffix',
      { phone: '13900000000', email: 'other@x.cn', name: '深圳市 星河科技' },
      ['company'],
    ],
  ])('finds a match by %s and saves nothing until "create anyway"', (_label, overrides, reasons) => {
    const { host, runtime } = installed();
    saveCustomer(host, customerFields());
    const second = saveCustomer(host, customerFields(overrides));
    expect(second).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: {
          kind: 'duplicate',
          duplicates: [{ id: 'C20240603001', row: 2, name: '深圳市星河科技有限公司', reasons }],
        },
      },
    });
    expect(customerRows(runtime)).toHaveLength(1);
    const forced = saveCustomer(host, customerFields(overrides), { allowDuplicate: true });
    expect(forced).toMatchObject({ ok: true, value: { ok: true, value: { id: 'C20240603002' } } });
    expect(customerRows(runtime)[1]?.values.possibleDuplicateOf).toBe('C20240603001');
  });

  it('does not match individuals by name', () => {
    const { host } = installed();
    saveCustomer(host, customerFields({ customerType: 'individual', name: '王芳', industry: '' }));
    expect(
      saveCustomer(
        host,
        customerFields({
          customerType: 'individual',
          name: '王芳',
          industry: '',
          phone: '13911112222',
          email: 'f@x.cn',
        }),
      ),
    ).toMatchObject({
      ok: true,
      value: { ok: true },
    });
  });
});

describe('retries and concurrency', () => {
  it('saves a submission sent twice with the same request id only once', () => {
    const { host, runtime } = installed();
    const id = requestId();
    const first = saveCustomer(host, customerFields(), { requestId: id });
    const again = saveCustomer(host, customerFields(), { requestId: id });
    expect(first).toMatchObject({ ok: true, value: { ok: true, value: { id: 'C20240603001', alreadySaved: false } } });
    expect(again).toMatchObject({
      ok: true,
      value: { ok: true, value: { id: 'C20240603001', row: 2, alreadySaved: true } },
    });
    expect(customerRows(runtime)).toHaveLength(1);
  });

  it('gives a save that waited for the lock the next id, not the one the save before it took', () => {
    const { host, runtime } = installed();
    let first: unknown;
    // Apps Script's tryLock waits: the first save runs start to finish while the second one waits for the lock.
    runtime.meter.beforeNextCall('LockService.Lock.tryLock', () => {
      first = saveCustomer(host, customerFields({ name: '先到公司', phone: '13911112222', email: 'a@y.cn' }));
    });
    const second = saveCustomer(host, customerFields());
    expect(first).toMatchObject({ ok: true, value: { ok: true, value: { id: 'C20240603001' } } });
    expect(second).toMatchObject({ ok: true, value: { ok: true, value: { id: 'C20240603002' } } });
    expect(customerRows(runtime).map((record) => record.values.id)).toEqual(['C20240603001', 'C20240603002']);
  });

  it('tells a second execution that arrives while the first holds the lock to try again; no row lost or doubled', () => {
    const { host, runtime } = installed();
    let second: unknown;
    runtime.meter.beforeNextCall('Sheets.Values.batchUpdate', () => {
      second = saveCustomer(host, customerFields({ name: '另一家公司', phone: '13911112222', email: 'x@y.cn' }), {
        user: { email: 'rep@example.com', locale: 'zh_CN' },
      });
    });
    const first = saveCustomer(host, customerFields());
    expect(first).toMatchObject({ ok: true, value: { ok: true, value: { id: 'C20240603001' } } });
    expect(second).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'busy', message: '其他人正在保存，请稍后再试。' } },
    });
    expect(customerRows(runtime).map((record) => record.values.id)).toEqual(['C20240603001']);
  });

  it('never reuses an id, across deleted rows and across days', () => {
    const { host, runtime } = installed();
    for (let i = 0; i < 3; i++)
      saveCustomer(host, customerFields({ name: `公司${i}`, phone: `1390000000${i}`, email: `c${i}@x.cn` }));
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    sheet.deleteRows(3, 2); // C…002 and C…003 are gone
    const next = saveCustomer(host, customerFields({ name: '公司9', phone: '13900000009', email: 'c9@x.cn' }));
    expect(next).toMatchObject({ ok: true, value: { ok: true, value: { id: 'C20240603004' } } });
    runtime.clock.advance(24 * 3600 * 1000);
    const tomorrow = saveCustomer(host, customerFields({ name: '公司10', phone: '13900000010', email: 'c10@x.cn' }));
    expect(tomorrow).toMatchObject({ ok: true, value: { ok: true, value: { id: 'C20240604001' } } });
  });

  it('uses the spreadsheet time zone for the id date (23:30 in Shanghai is already the next UTC day… or not)', () => {
    const { host, runtime } = installed();
    runtime.clock.setTime(Date.parse('2024-06-03T15:30:00Z')); // 23:30 in Asia/Shanghai
    expect(saveCustomer(host, customerFields())).toMatchObject({
      ok: true,
      value: { ok: true, value: { id: 'C20240603001' } },
    });
    runtime.clock.setTime(Date.parse('2024-06-03T16:30:00Z')); // 00:30 on June 4th in Shanghai
    expect(saveCustomer(host, customerFields({ name: '公司B', phone: '13911110000', email: 'b@x.cn' }))).toMatchObject({
      ok: true,
      value: { ok: true, value: { id: 'C20240604001' } },
    });
  });
});

describe('a sheet users rearranged', () => {
  it('still lands every value in its own column after columns were moved, renamed and inserted', () => {
    const { host, runtime } = installed();
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const before = stampedColumnsOf(sheet);
    sheet.moveColumns(sheet.getRange(`${letter(before.email as number)}:${letter(before.email as number)}`), 1);
    sheet.insertColumnsBefore(3, 1);
    sheet.getRange(1, 3).setValue('我的列');
    sheet.getRange(1, stampedColumnsOf(sheet).name as number).setValue('公司（全称）');
    saveCustomer(host, customerFields());
    const columns = stampedColumnsOf(sheet);
    expect(sheet.getRange(2, columns.email as number).getValue()).toBe('li.lei@example.com');
    expect(sheet.getRange(2, columns.name as number).getValue()).toBe('深圳市星河科技有限公司');
    expect(sheet.getRange(2, 3).getValue()).toBe('');
    expect(customerRows(runtime)[0]?.values.phone).toBe('13800138000');
  });
});

describe('cost', () => {
  it('makes the same small number of service calls with 10 and with 10,000 customers', () => {
    const costs = [10, 10000].map((count) => {
      const { host, runtime } = installed();
      useRuntimeGlobals(runtime);
      const table = readTable(TEMPLATES.customers, loadDocumentProperties());
      const rows = Array.from({ length: count }, (_, i) => ({
        id: `C20240101${String(i + 1).padStart(5, '0')}`,
        name: `客户${i}`,
        customerType: 'individual',
        contactName: `联系人${i}`,
        phone: `1380000${String(i).padStart(4, '0')}`,
        source: 'other',
        needs: '—',
        owner: 'boss@example.com',
      }));
      appendRecords(table, rows, 'zh-CN');
      saveCustomer(host, customerFields({ phone: '13999999999', email: 'warmup@x.cn', name: '预热' }));
      runtime.meter.reset();
      expect(saveCustomer(host, customerFields())).toMatchObject({ ok: true, value: { ok: true } });
      return runtime.meter.snapshot();
    });
    expect(costs[1]?.byMethod).toEqual(costs[0]?.byMethod);
    // Targeted reads (issue 18): a few more calls than one whole-table read, but the cells read stay a few
    // rows' worth and the cells searched one key column, whatever the table size.
    expect(costs[0]?.byService.SpreadsheetApp).toBeLessThanOrEqual(18);
    expect(costs[1]?.cellsRead).toBe(costs[0]?.cellsRead);
    expect(costs[1]?.cellsSearched).toBeLessThanOrEqual(2 * 10000 + 1000);
  });
});

function letter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
