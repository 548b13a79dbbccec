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
      const declared = template.conditionalFormats ?? [];
      // With several row flags, each also colours its own cell (conditional-formats.ts desiredRules).
      const rowFlags = declared.filter((rule) => rule.scope === 'row').length;
      expect(rules).toHaveLength(declared.length + (rowFlags > 1 ? rowFlags : 0));
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

/**
 * Issue 18: install and repair through the Advanced Sheets service — two spreadsheets.get, one batchUpdate —
 * and the SpreadsheetApp path (service off or not authorized) leaving the same workbook.
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Everything install sets, read back with SpreadsheetApp, keyed by sheet name (sheet ids differ by path). */
function describeWorkbook(runtime: ReturnType<typeof startAddon>['runtime']): unknown {
  const app = runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const spreadsheet = app.getActiveSpreadsheet();
  const rows = (sheet: Sheet, row: number) => sheet.getRange(row, 1, 1, sheet.getMaxColumns());
  const validation = (rule: GoogleAppsScript.Spreadsheet.DataValidation | null) =>
    rule && {
      type: String(rule.getCriteriaType()),
      values: rule.getCriteriaValues(),
      allowInvalid: rule.getAllowInvalid(),
      help: rule.getHelpText(),
    };
  return spreadsheet.getSheets().map((sheet) => {
    const tableStamp = sheet
      .getDeveloperMetadata()
      .filter((m) => m.getKey() === 'crm.table')
      .map((m) => m.getValue());
    const columns = sheet.getMaxColumns();
    const widths: number[] = [];
    const hidden: boolean[] = [];
    for (let c = 1; c <= columns; c++) {
      widths.push(sheet.getColumnWidth(c));
      hidden.push(sheet.isColumnHiddenByUser(c));
    }
    return {
      name: sheet.getName(),
      tableStamp,
      size: [sheet.getMaxRows(), columns, sheet.getFrozenRows()],
      values: sheet.getDataRange().getValues(),
      header: {
        weights: rows(sheet, 1).getFontWeights()[0],
        backgrounds: rows(sheet, 1).getBackgrounds()[0],
      },
      formats: [2, sheet.getMaxRows()].map((row) => rows(sheet, row).getNumberFormats()[0]),
      validations: [2, sheet.getMaxRows()].map((row) =>
        (rows(sheet, row).getDataValidations()[0] ?? []).map(validation),
      ),
      widths,
      hidden,
      stamps: stampedColumnsOf(sheet),
      rules: sheet.getConditionalFormatRules().map((rule) => {
        const condition = rule.getBooleanCondition() as unknown as {
          getCriteriaValues(): unknown[];
          getBackgroundObject(): GoogleAppsScript.Spreadsheet.Color | null;
          getFontColorObject(): GoogleAppsScript.Spreadsheet.Color | null;
        };
        return {
          ranges: rule.getRanges().map((range) => range.getA1Notation()),
          values: condition.getCriteriaValues(),
          background: condition.getBackgroundObject()?.asRgbColor().asHexString(),
          font: condition.getFontColorObject()?.asRgbColor().asHexString() ?? null,
        };
      }),
      protections: sheet
        .getProtections(app.ProtectionType.RANGE)
        .map((p) => [p.getRange().getA1Notation(), p.getDescription(), p.isWarningOnly()]),
    };
  });
}

function propertiesOf(runtime: ReturnType<typeof startAddon>['runtime']): Record<string, string> {
  const all = { ...documentProperties(runtime).getProperties() };
  delete all['crm.installedAt'];
  // Layout caches name the sheet ids, which each path picks its own way.
  for (const key of Object.keys(all))
    if (key.startsWith('crm.layout.')) all[key] = JSON.parse(all[key] as string).sheetName;
  return all;
}

function installWith(language: Language, advanced: boolean) {
  const started = startAddon({ user: { email: 'boss@example.com', locale: 'zh_CN' }, advancedSheetsEnabled: advanced });
  started.runtime.meter.reset();
  const result = started.host.run<{ ok: boolean; value: { unchanged: boolean } }>('runInstall', [{ language }]);
  expect(result).toMatchObject({ ok: true, value: { ok: true } });
  return { ...started, calls: started.runtime.meter.snapshot() };
}

describe('install and repair in few calls (issue 18)', () => {
  it('a first install makes at most 40 calls (was ~1,800), through two gets and one batchUpdate', () => {
    const { calls } = installWith('zh-CN', true);
    expect(calls.calls).toBeLessThanOrEqual(40);
    expect(calls.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(calls.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    expect(calls.byMethod['PropertiesService.Properties.setProperties']).toBe(1);
    expect(calls.byMethod['PropertiesService.Properties.setProperty']).toBeUndefined();
  });

  it('a repair that finds everything in place makes at most 15 calls (was ~830) and writes nothing', () => {
    const { runtime, host } = installWith('en', true);
    runtime.meter.reset();
    const again = host.run<{ ok: true; value: { unchanged: boolean } }>('runInstall', [{ language: 'en' }]);
    expect(again.ok && again.value.value.unchanged).toBe(true);
    const calls = runtime.meter.snapshot();
    expect(calls.calls).toBeLessThanOrEqual(15);
    expect(calls.byMethod['Sheets.Spreadsheets.get']).toBe(2);
    expect(calls.byMethod['Sheets.Spreadsheets.batchUpdate']).toBeUndefined();
    expect(writeCalls(calls)).toEqual({});
  });

  it.each(LANGUAGES)('leaves the same workbook and properties as the SpreadsheetApp path (%s)', (language) => {
    const viaApi = installWith(language, true);
    const viaSpreadsheetApp = installWith(language, false);
    expect(viaSpreadsheetApp.calls.byMethod['Sheets.Spreadsheets.get']).toBeUndefined();
    expect(describeWorkbook(viaApi.runtime)).toEqual(describeWorkbook(viaSpreadsheetApp.runtime));
    expect(propertiesOf(viaApi.runtime)).toEqual(propertiesOf(viaSpreadsheetApp.runtime));
  });

  it('repairs a damaged workbook as the SpreadsheetApp path does', () => {
    const damage = (runtime: ReturnType<typeof startAddon>['runtime']) => {
      const spreadsheet = spreadsheetOf(runtime);
      const customers = sheetForTable(spreadsheet, 'customers');
      const columns = stampedColumnsOf(customers);
      // A lost column stamp, a column deleted, a header no longer bold, a rule and a validation removed,
      // the header row unfrozen and unprotected, a number format changed; a user's own column and rule.
      customers
        .getDeveloperMetadata()
        .concat(customers.getRange('A:A').getDeveloperMetadata())
        .filter((m) => m.getKey() === 'crm.column' && m.getValue() === 'name')
        .forEach((m) => m.remove());
      customers.deleteColumn(columns.industry as number);
      customers.getRange(1, 1).setFontWeight('normal');
      customers.setConditionalFormatRules(customers.getConditionalFormatRules().slice(1));
      customers.getRange(2, stampedColumnsOf(customers).customerType as number, 10, 1).clearDataValidations();
      customers.setFrozenRows(0);
      customers
        .getProtections(
          (runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).ProtectionType.RANGE,
        )[0]
        ?.remove();
      customers.getRange(2, stampedColumnsOf(customers).phone as number, 999, 1).setNumberFormat('0');
      const tickets = sheetForTable(spreadsheet, 'tickets');
      tickets.getRange(1, tickets.getLastColumn() + 2).setValue('My notes');
      tickets.getRange(5, tickets.getLastColumn()).setValue('see call');
    };
    const run = (advanced: boolean) => {
      const { runtime, host } = installWith('zh-CN', advanced);
      damage(runtime);
      runtime.meter.reset();
      const repaired = host.run<{ ok: true; value: { unchanged: boolean; lines: string[] } }>('runInstall', [
        { language: 'zh-CN' },
      ]);
      return { runtime, repaired, calls: runtime.meter.snapshot() };
    };
    const viaApi = run(true);
    const viaSpreadsheetApp = run(false);
    expect(viaApi.repaired).toEqual(viaSpreadsheetApp.repaired);
    expect(viaApi.repaired.ok && viaApi.repaired.value.value.unchanged).toBe(false);
    expect(describeWorkbook(viaApi.runtime)).toEqual(describeWorkbook(viaSpreadsheetApp.runtime));
    expect(propertiesOf(viaApi.runtime)).toEqual(propertiesOf(viaSpreadsheetApp.runtime));
    expect(viaApi.calls.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(viaApi.calls.calls).toBeLessThanOrEqual(20);
  });

  it('falls back to SpreadsheetApp when the user has not authorized the Advanced service', () => {
    const started = startAddon({ user: { email: 'boss@example.com', locale: 'zh_CN' } });
    const ctx = started.runtime.ctx;
    const original = ctx.requireAuth.bind(ctx);
    // The Sheets API is refused as for a user who has not granted its scope; SpreadsheetApp still works.
    ctx.requireAuth = (needed, method) => {
      if (method.startsWith('Sheets.')) throw new Error(`You do not have permission to call ${method}.`);
      original(needed, method);
    };
    const result = started.host.run('runInstall', [{ language: 'en' }]);
    expect(result).toMatchObject({ ok: true, value: { ok: true } });
    ctx.requireAuth = original;
    const reference = installWith('en', false);
    expect(describeWorkbook(started.runtime)).toEqual(describeWorkbook(reference.runtime));
  });
});

describe('repair re-derives the match keys of customers typed by hand (issue 18)', () => {
  it.each([true, false])(
    'fills in the keys of a row added in the sheet, and only that cell (Advanced service %s)',
    (advanced) => {
      const { runtime, host } = installWith('zh-CN', advanced);
      const customers = sheetForTable(spreadsheetOf(runtime), 'customers');
      const columns = stampedColumnsOf(customers);
      customers.getRange(2, columns.name as number).setValue('手填客户');
      customers.getRange(2, columns.phone as number).setValue('138 0013 8000');
      runtime.meter.reset();
      const repaired = host.run<{ ok: true; value: { unchanged: boolean } }>('runInstall', [{ language: 'zh-CN' }]);
      expect(repaired.ok && repaired.value.value.unchanged).toBe(false);
      const keys = String(customers.getRange(2, columns.matchKeys as number).getValue());
      expect(keys).toContain('|p:');
      expect(keys).toContain('13800138000');
      if (advanced) expect(runtime.meter.snapshot().calls).toBeLessThanOrEqual(15);
      runtime.meter.reset();
      const again = host.run<{ ok: true; value: { unchanged: boolean } }>('runInstall', [{ language: 'zh-CN' }]);
      expect(again.ok && again.value.value.unchanged).toBe(true);
    },
  );
});

describe('where the user lands (issue 19 item 6)', () => {
  it.each([
    ['zh-CN', true, '客户'],
    ['zh-CN', false, '客户'],
    ['en', true, 'Customers'],
    ['en', false, 'Customers'],
  ] as const)(
    'a first install in %s (Advanced service %s) shows the Customers sheet, not the Log',
    (language, advanced, sheet) => {
      const { runtime, calls } = installWith(language, advanced);
      expect(runtime.workbook.active().sheetName).toBe(sheet);
      if (advanced) expect(calls.calls).toBeLessThanOrEqual(40);
    },
  );

  it('a repair leaves the user on the sheet they are on', () => {
    const { runtime, host } = installWith('en', true);
    const spreadsheet = spreadsheetOf(runtime);
    spreadsheet.setActiveSheet(sheetForTable(spreadsheet, 'tickets'));
    const repaired = host.run<{ ok: true; value: { unchanged: boolean } }>('runInstall', [{ language: 'en' }]);
    expect(repaired).toMatchObject({ ok: true, value: { ok: true, value: { unchanged: true } } });
    expect(runtime.workbook.active().sheetName).toBe('Tickets');
  });
});
