import { relabelWorkbook, settingsLanguage } from '../../src/server/install/relabel';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { readTable, writeFields } from '../../src/server/workbook/table';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, saveCustomer } from '../support/intake';

/**
 * The language changed in Settings: relabelWorkbook moves sheet names, headers, enum cells, dropdowns
 * and Settings texts to the new language without losing anything a user typed (issue 11).
 */
describe('relabel after a language change', () => {
  function workbookWithData() {
    const started = startAddon({ user: { email: 'boss@example.com', locale: 'zh_CN' } });
    const { host, runtime } = started;
    expect(host.run('runInstall', [{ language: 'zh-CN' }])).toMatchObject({ ok: true, value: { ok: true } });
    expect(saveCustomer(host, customerFields())).toMatchObject({ ok: true, value: { ok: true } });
    expect(
      saveCustomer(
        host,
        customerFields({ name: '王芳', customerType: 'individual', industry: '', phone: '13911112222', email: '' }),
      ),
    ).toMatchObject({ ok: true, value: { ok: true } });
    useRuntimeGlobals(runtime);
    const spreadsheet = spreadsheetOf(runtime);
    const sheet = sheetForTable(spreadsheet, 'customers');
    const columns = stampedColumnsOf(sheet);
    // What users do: rename a header, type their own text into an enum cell's neighbour column, add a column.
    sheet.getRange(1, columns.address as number).setValue('送货地址');
    const mine = sheet.getMaxColumns() + 1;
    sheet.insertColumnAfter(sheet.getMaxColumns());
    sheet.getRange(1, mine).setValue('我的备注');
    sheet.getRange(2, mine).setValue('大客户，慎重');
    // The Settings language row changed to English.
    const settings = readTable(TEMPLATES.settings, loadDocumentProperties());
    const row = settings.records.find((record) => record.values.key === 'language');
    writeFields(settings, [{ row: row?.row as number, values: { value: 'English' } }], 'zh-CN');
    return { host, runtime, spreadsheet };
  }

  it('reads the new language from Settings and relabels names, headers, enum cells and settings texts', () => {
    const { runtime, spreadsheet } = workbookWithData();
    const before = readTable(TEMPLATES.customers, loadDocumentProperties()).records.map((record) => record.values);
    expect(settingsLanguage()).toBe('en');

    const report = relabelWorkbook('zh-CN', 'en');
    expect(report.sheetsRenamed).toEqual(
      expect.arrayContaining(['客户 → Customers', '设置 → Settings', '团队 → Team', '运行日志 → Log']),
    );
    expect(report.headersChanged).toBeGreaterThan(50);

    const sheet = sheetForTable(spreadsheet, 'customers');
    expect(sheet.getName()).toBe('Customers');
    const columns = stampedColumnsOf(sheet);
    const cell = (row: number, key: string) => sheet.getRange(row, columns[key] as number).getValue();
    expect([cell(1, 'name'), cell(1, 'customerType'), cell(1, 'source')]).toEqual([
      'Customer name',
      'Customer type',
      'Source',
    ]);
    expect(cell(1, 'address')).toBe('送货地址'); // renamed by the user: kept
    expect([cell(2, 'customerType'), cell(2, 'source'), cell(2, 'stage'), cell(2, 'status')]).toEqual([
      'Enterprise',
      'Trade show',
      'Initial contact',
      'Active',
    ]);
    expect(cell(3, 'customerType')).toBe('Individual');
    expect(cell(2, 'name')).toBe('深圳市星河科技有限公司'); // data is data, never translated
    const last = sheet.getLastColumn();
    expect([sheet.getRange(1, last).getValue(), sheet.getRange(2, last).getValue()]).toEqual([
      '我的备注',
      '大客户，慎重',
    ]);
    // The dropdown offers the English labels.
    expect(
      sheet
        .getRange(2, columns.source as number)
        .getDataValidation()
        ?.getCriteriaValues()[0],
    ).toContain('Trade show');
    // Same values read back (enum keys), through the new cached layout.
    runtime.meter.reset();
    const after = readTable(TEMPLATES.customers, loadDocumentProperties()).records.map((record) => record.values);
    expect(after).toEqual(before);
    expect(runtime.meter.snapshot().byService.SpreadsheetApp).toBeLessThanOrEqual(3);

    const settingsSheet = sheetForTable(spreadsheet, 'settings');
    const settingsText = settingsSheet
      .getDataRange()
      .getValues()
      .map((row) => row.join('|'))
      .join('\n');
    expect(settingsText).toContain('Workbook language');
    expect(settingsText).not.toContain('工作簿语言');
    expect(sheetForTable(spreadsheet, 'team').getRange(2, 3).getValue()).toBe('Manager');
  });

  it('is followed by a repair in the new language that settles, and a second relabel changes nothing', () => {
    const { host, runtime, spreadsheet } = workbookWithData();
    relabelWorkbook('zh-CN', 'en');
    // Repair in the new language brings the rest in line (conditional formats name labels); a second
    // repair has nothing left to do.
    expect(host.run('runInstall', [{ language: 'en' }])).toMatchObject({ ok: true, value: { ok: true } });
    expect(host.run('runInstall', [{ language: 'en' }])).toMatchObject({
      ok: true,
      value: { ok: true, value: { language: 'en', unchanged: true } },
    });
    useRuntimeGlobals(runtime);
    expect(relabelWorkbook('zh-CN', 'en')).toEqual({
      from: 'zh-CN',
      to: 'en',
      sheetsRenamed: [],
      headersChanged: 0,
      cellsChanged: 0,
    });
    expect(sheetForTable(spreadsheet, 'customers').getName()).toBe('Customers');
    // The add-on keeps working in English.
    expect(
      saveCustomer(
        host,
        customerFields({ name: 'Acme', phone: '13700000000', email: 'a@acme.test', source: 'referral' }),
      ),
    ).toMatchObject({ ok: true, value: { ok: true, value: { sheetName: 'Customers' } } });
    const sheet = sheetForTable(spreadsheet, 'customers');
    expect(sheet.getRange(4, stampedColumnsOf(sheet).source as number).getValue()).toBe('Referral');
  });

  it('keeps an enum cell whose text is no label of its column', () => {
    const { runtime, spreadsheet } = workbookWithData();
    const sheet = sheetForTable(spreadsheet, 'customers');
    const at = stampedColumnsOf(sheet).stage as number;
    sheet.getRange(3, at).clearDataValidations();
    sheet.getRange(3, at).setValue('谈判中（自定义）');
    useRuntimeGlobals(runtime);
    relabelWorkbook('zh-CN', 'zh-TW');
    expect(sheet.getRange(2, at).getValue()).toBe('初期接觸');
    expect(sheet.getRange(3, at).getValue()).toBe('谈判中（自定义）');
    expect(sheet.getName()).toBe('客戶');
  });
});
