import { LANGUAGES, type Language } from '../../src/shared/i18n/language';
import { writeCalls } from '../../src/local/core/meter';
import type { ColumnTemplate, TableTemplate } from '../../src/shared/schema/template-types';
import { TEMPLATES, defaultNumberFormat, enumLabel, headerLabel } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { documentProperties, sheetForTable, spreadsheetOf, stampedColumnsOf } from '../support/gas';

const ALL = Object.values(TEMPLATES) as TableTemplate[];
const RECORD_LIKE = ALL.filter((template) => template.kind !== 'dashboard');

function install(language: Language) {
  const started = startAddon({ user: { email: 'boss@example.com', locale: 'zh_CN' } });
  const result = started.host.run<{ ok: boolean; value: { lines: string[]; unchanged: boolean } }>('runInstall', [
    { language },
  ]);
  expect(result).toEqual({ ok: true, value: expect.objectContaining({ ok: true }) });
  return started;
}

function formatOf(column: ColumnTemplate): string {
  return column.numberFormat ?? defaultNumberFormat(column);
}

describe.each(LANGUAGES)('a fresh install in %s', (language) => {
  const { runtime } = install(language);
  const spreadsheet = spreadsheetOf(runtime);

  it('creates one sheet per table, named in the workbook language, and stores the language', () => {
    for (const template of ALL) {
      expect(sheetForTable(spreadsheet, template.table).getName()).toBe(template.sheetName[language]);
    }
    expect(documentProperties(runtime).getProperty('crm.language')).toBe(language);
    // The new spreadsheet's empty default sheet is gone; nothing else was added.
    expect(
      spreadsheet
        .getSheets()
        .map((sheet) => sheet.getName())
        .sort(),
    ).toEqual(ALL.map((template) => template.sheetName[language]).sort());
  });

  it.each(RECORD_LIKE.map((template) => [template.table, template] as const))(
    '%s: headers, column metadata, formats, validations, widths and hidden columns as the template says',
    (_table, template) => {
      const sheet = sheetForTable(spreadsheet, template.table);
      const width = template.columns.length;
      expect(sheet.getRange(1, 1, 1, width).getValues()[0]).toEqual(
        template.columns.map((column) => headerLabel(column, language)),
      );
      const stamped = stampedColumnsOf(sheet);
      expect(stamped).toEqual(Object.fromEntries(template.columns.map((column, index) => [column.key, index + 1])));
      const formats = sheet.getRange(2, 1, 1, width).getNumberFormats()[0];
      const lastFormats = sheet.getRange(sheet.getMaxRows(), 1, 1, width).getNumberFormats()[0];
      const validations = sheet.getRange(2, 1, 1, width).getDataValidations()[0] ?? [];
      template.columns.forEach((column, index) => {
        expect({ column: column.key, format: formats?.[index] }).toEqual({
          column: column.key,
          format: formatOf(column),
        });
        expect({ column: column.key, format: lastFormats?.[index] }).toEqual({
          column: column.key,
          format: formatOf(column),
        });
        if (column.width) expect(sheet.getColumnWidth(index + 1)).toBe(column.width);
        expect({ column: column.key, hidden: sheet.isColumnHiddenByUser(index + 1) }).toEqual({
          column: column.key,
          hidden: Boolean(column.hidden),
        });
        const rule = validations[index] ?? null;
        if (column.type === 'enum') {
          expect(rule).not.toBeNull();
          expect(String(rule?.getCriteriaType())).toBe('VALUE_IN_LIST');
          expect(rule?.getCriteriaValues()[0]).toEqual(
            (column.options ?? []).map((option) => enumLabel(column, option.key, language)),
          );
          expect(rule?.getAllowInvalid()).toBe(false);
          expect(rule?.getHelpText()).not.toBe('');
        }
      });
    },
  );

  it('makes every header row bold, frozen and protected with a warning', () => {
    for (const template of RECORD_LIKE) {
      const sheet = sheetForTable(spreadsheet, template.table);
      expect(sheet.getFrozenRows()).toBe(1);
      expect(sheet.getRange(1, 1, 1, template.columns.length).getFontWeights()[0]).toEqual(
        template.columns.map(() => 'bold'),
      );
      const protections = sheet.getProtections(
        (runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).ProtectionType.RANGE,
      );
      expect(protections).toHaveLength(1);
      expect(protections[0]?.isWarningOnly()).toBe(true);
      expect(protections[0]?.getRange().getA1Notation()).toBe('1:1');
    }
  });

  it('fills Settings with every default and starts the team with the installing user', () => {
    const settings = sheetForTable(spreadsheet, 'settings');
    const template = TEMPLATES.settings;
    const keyColumn = stampedColumnsOf(settings).key as number;
    const valueColumn = stampedColumnsOf(settings).value as number;
    const rows = settings.getRange(2, 1, settings.getLastRow() - 1, settings.getLastColumn()).getValues();
    const byKey = new Map(rows.map((row) => [row[keyColumn - 1], row[valueColumn - 1]]));
    for (const setting of template.settings ?? []) {
      const expected =
        setting.type === 'language'
          ? language
          : Array.isArray(setting.default)
            ? setting.default.join(', ')
            : setting.default;
      expect({ key: setting.key, value: byKey.get(setting.key) }).toEqual({ key: setting.key, value: expected });
    }
    const team = sheetForTable(spreadsheet, 'team');
    const teamColumns = stampedColumnsOf(team);
    expect(team.getLastRow()).toBe(2);
    expect(team.getRange(2, teamColumns.email as number).getValue()).toBe('boss@example.com');
  });

  it('adds highlight rules for the flags the template declares', () => {
    for (const template of RECORD_LIKE.filter((candidate) => (candidate.conditionalFormats ?? []).length > 0)) {
      const rules = sheetForTable(spreadsheet, template.table).getConditionalFormatRules();
      expect(rules).toHaveLength(template.conditionalFormats?.length ?? 0);
    }
  });
});

describe('installing again', () => {
  it('changes nothing: no write call at all, and says so', () => {
    const { runtime, host } = install('zh-CN');
    runtime.meter.reset();
    const again = host.run<{ ok: true; value: { unchanged: boolean; lines: string[] } }>('runInstall', [
      { language: 'zh-CN' },
    ]);
    expect(again).toEqual({ ok: true, value: { ok: true, value: expect.objectContaining({ unchanged: true }) } });
    expect(writeCalls(runtime.meter.snapshot())).toEqual({});
  });
});

describe('asking the language', () => {
  it('opens the install dialog on first use, defaulting to the user locale', () => {
    const { runtime, host } = startAddon({ user: { email: 'rep@example.com', locale: 'zh_TW' } });
    host.open();
    host.clickMenu('showInstall');
    expect(runtime.ui.dialogs.at(-1)).toEqual(expect.objectContaining({ kind: 'modal', title: '安裝表格客戶管理' }));
    expect(host.run('getInstallOptions')).toMatchObject({
      ok: true,
      value: { ok: true, value: { defaultLanguage: 'zh-TW', languages: ['en', 'zh-CN', 'zh-TW'] } },
    });
  });

  it('repairs straight away in the stored language once installed, and reports it', () => {
    const { runtime, host } = install('en');
    host.open();
    host.clickMenu('showInstall');
    expect(runtime.ui.dialogs).toHaveLength(0);
    expect(runtime.ui.alerts.at(-1)).toEqual(
      expect.objectContaining({ title: 'Install Sheets CRM', prompt: 'Everything is in place; nothing was changed.' }),
    );
  });

  it('rejects a language it does not offer, with a localized message', () => {
    const { host } = startAddon({ user: { email: 'rep@example.com', locale: 'zh_CN' } });
    expect(host.run('runInstall', [{ language: 'fr' }])).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'validation', message: '请选择所提供的语言之一。' } },
    });
    expect(host.run('runInstall', ['garbage'])).toMatchObject({ ok: true, value: { ok: false } });
  });
});

describe('a foreign sheet with our name', () => {
  it('is left untouched and reported; the table goes beside it', () => {
    const { runtime, host } = startAddon({ user: { email: 'boss@example.com', locale: 'zh_CN' } });
    const spreadsheet = spreadsheetOf(runtime);
    const foreign = spreadsheet.insertSheet('客户');
    foreign.getRange(1, 1, 2, 2).setValues([
      ['季度', '销售额'],
      ['Q1', 100],
    ]);
    const result = host.run<{ ok: true; value: { lines: string[] } }>('runInstall', [{ language: 'zh-CN' }]);
    expect(foreign.getRange(1, 1, 2, 2).getValues()).toEqual([
      ['季度', '销售额'],
      ['Q1', 100],
    ]);
    expect(foreign.getLastColumn()).toBe(2);
    expect(sheetForTable(spreadsheet, 'customers').getName()).toBe('客户 (2)');
    expect(result.ok && result.value.value.lines.join('\n')).toContain('表“客户”已有其他内容，未作改动');
  });
});

describe('template versions', () => {
  it('are stored per table so later template changes can be migrated by repair', () => {
    const { runtime } = install('en');
    for (const template of RECORD_LIKE) {
      expect(documentProperties(runtime).getProperty(`crm.templateVersion.${template.table}`)).toBe(
        String(template.version),
      );
    }
  });
});

describe('changing the language in Settings', () => {
  it('is applied by the next repair: sheet names, headers and enum cells relabelled, data kept', () => {
    const { runtime, host } = install('zh-CN');
    const saved = host.run('saveCustomer', [
      {
        requestId: 'relabel-test-0001',
        fields: {
          customerType: 'enterprise',
          name: '深圳市星河科技有限公司',
          industry: '制造业',
          contactName: '李雷',
          phone: '13800138000',
          source: 'tradeShow',
          needs: '采购',
          owner: 'boss@example.com',
        },
      },
    ]);
    expect(saved).toMatchObject({ ok: true, value: { ok: true } });
    const spreadsheet = spreadsheetOf(runtime);
    const settings = sheetForTable(spreadsheet, 'settings');
    const columns = stampedColumnsOf(settings);
    const rows = settings.getRange(2, 1, settings.getLastRow() - 1, settings.getLastColumn()).getValues();
    const languageRow = rows.findIndex((row) => row[(columns.key as number) - 1] === 'language') + 2;
    settings.getRange(languageRow, columns.value as number).setValue('English');
    host.open();
    host.clickMenu('showInstall');
    const customers = sheetForTable(spreadsheet, 'customers');
    expect(customers.getName()).toBe('Customers');
    const customerColumns = stampedColumnsOf(customers);
    expect(customers.getRange(1, customerColumns.name as number).getValue()).toBe(
      headerLabel(TEMPLATES.customers.columns.find((column) => column.key === 'name') as ColumnTemplate, 'en'),
    );
    expect(customers.getRange(2, customerColumns.customerType as number).getValue()).toBe(
      enumLabel(
        TEMPLATES.customers.columns.find((column) => column.key === 'customerType') as ColumnTemplate,
        'enterprise',
        'en',
      ),
    );
    expect(customers.getRange(2, customerColumns.name as number).getValue()).toBe('深圳市星河科技有限公司');
    expect(documentProperties(runtime).getProperty('crm.language')).toBe('en');
  });
});
