import type { FieldValues } from '../../src/server/workbook/table';
import { appendRecords, readTable, MissingColumnsError } from '../../src/server/workbook/table';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import type { ColumnTemplate, TableTemplate } from '../../src/shared/schema/template-types';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, useRuntimeGlobals, type SheetT } from '../support/gas';

/**
 * docs/product-rules.md §8: users move, rename, hide and insert columns, sort rows and rename sheets; the table layer
 * still reads the same records, and repair restores what is missing without changing any existing cell.
 * The server modules run in-process on the same runtime the built add-on is loaded into.
 */
const customers = TEMPLATES.customers as TableTemplate;

function columnOfType(type: ColumnTemplate['type'], except: string[] = []): ColumnTemplate {
  const column = customers.columns.find(
    (candidate) => candidate.type === type && !candidate.computed && !except.includes(candidate.key),
  );
  if (!column) throw new Error(`customers template has no ${type} column`);
  return column;
}

const textColumn = columnOfType('text');
const phoneColumn = columnOfType('phone');
const enumColumn = columnOfType('enum');
const option = (enumColumn.options ?? [])[1] ?? (enumColumn.options ?? [])[0];

function sampleRecords(count: number): FieldValues[] {
  return Array.from({ length: count }, (_, i) => ({
    [textColumn.key]: `客户 ${String(count - i).padStart(3, '0')}`,
    [phoneColumn.key]: i % 2 === 0 ? `+86138000000${String(i).padStart(2, '0')}` : `0010${i}`,
    [enumColumn.key]: option?.key ?? null,
  }));
}

function setUp() {
  const started = startAddon({ user: { email: 'boss@example.com', locale: 'zh_CN' } });
  expect(started.host.run('runInstall', [{ language: 'zh-CN' }])).toMatchObject({ ok: true, value: { ok: true } });
  useRuntimeGlobals(started.runtime);
  const table = readTable(customers, loadDocumentProperties());
  appendRecords(table, sampleRecords(6), 'zh-CN');
  const sheet = sheetForTable(spreadsheetOf(started.runtime), 'customers');
  return { ...started, sheet };
}

function readValues(): FieldValues[] {
  const table = readTable(customers, loadDocumentProperties());
  return table.records.map((record) => record.values);
}

function sortByText(records: FieldValues[]): FieldValues[] {
  return records.slice().sort((a, b) => String(a[textColumn.key]).localeCompare(String(b[textColumn.key])));
}

function columnIndexOf(sheet: SheetT, key: string): number {
  const found = sheet.createDeveloperMetadataFinder().withKey('crm.column').withValue(key).find();
  const column = found[0]?.getLocation().getColumn();
  if (!column) throw new Error(`column ${key} not stamped`);
  return column.getColumn();
}

describe('reading a table after users changed the sheet', () => {
  it('keeps phones with + and leading zeros, and enum keys, as written', () => {
    setUp();
    const records = readValues();
    expect(records).toHaveLength(6);
    expect(records[0]?.[phoneColumn.key]).toBe('+8613800000000');
    expect(records[1]?.[phoneColumn.key]).toBe('00101');
    expect(records[0]?.[enumColumn.key]).toBe(option?.key);
  });

  it('returns the same records after columns are moved, renamed, hidden and inserted, rows sorted and the sheet renamed', () => {
    const { sheet } = setUp();
    const before = sortByText(readValues());
    const phone = columnIndexOf(sheet, phoneColumn.key);
    sheet.moveColumns(sheet.getRange(1, phone, sheet.getMaxRows(), 1), 1);
    sheet.getRange(1, columnIndexOf(sheet, textColumn.key)).setValue('公司全称（改名）');
    sheet.hideColumns(columnIndexOf(sheet, enumColumn.key));
    sheet.insertColumnsBefore(2, 2);
    sheet.getRange(1, 2).setValue('我的备注');
    sheet.getRange(2, 2, 6, 1).setValues([['a'], ['b'], ['c'], ['d'], ['e'], ['f']]);
    // Sheet.sort keeps the frozen header in place, as sorting from the UI does.
    sheet.sort(columnIndexOf(sheet, textColumn.key), false);
    sheet.setName('我的客户');
    expect(sortByText(readValues())).toEqual(before);
  });

  it('names the sheet and the missing column when a required column was deleted', () => {
    const { sheet } = setUp();
    sheet.deleteColumn(columnIndexOf(sheet, phoneColumn.key));
    expect(() => readValues()).toThrow(MissingColumnsError);
  });
});

describe('repair after a column was deleted', () => {
  it('adds the column back at the end and changes no existing cell', () => {
    const { sheet, host } = setUp();
    sheet.insertColumnsBefore(1, 1);
    sheet.getRange(1, 1, 3, 1).setValues([['my notes'], ['keep me'], ['=1+1']]);
    sheet.deleteColumn(columnIndexOf(sheet, phoneColumn.key));
    const before = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
    const formulasBefore = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
    const result = host.run<{ ok: true; value: { lines: string[] } }>('runInstall', [{ language: 'zh-CN' }]);
    expect(result).toMatchObject({ ok: true, value: { ok: true } });
    const after = sheet.getRange(1, 1, before.length, before[0]?.length ?? 0).getValues();
    expect(after).toEqual(before);
    expect(sheet.getRange(1, 1, before.length, before[0]?.length ?? 0).getFormulas()).toEqual(formulasBefore);
    expect(columnIndexOf(sheet, phoneColumn.key)).toBe((before[0]?.length ?? 0) + 1);
    expect(readValues().map((record) => record[textColumn.key])).toHaveLength(6);
  });
});

describe('what the table layer writes', () => {
  it('stores formula-like text and signed numbers as literal text', () => {
    setUp();
    const table = readTable(customers, loadDocumentProperties());
    appendRecords(
      table,
      [
        { [textColumn.key]: '=cmd|" /C calc"!A0', [phoneColumn.key]: '+8613912345678' },
        { [textColumn.key]: '@import', [phoneColumn.key]: '-5' },
      ],
      'zh-CN',
    );
    const records = readValues();
    expect(records.slice(-2).map((record) => [record[textColumn.key], record[phoneColumn.key]])).toEqual([
      ['=cmd|" /C calc"!A0', '+8613912345678'],
      ['@import', '-5'],
    ]);
  });

  it('reads a table with the same service calls at 10 and at 10,000 rows', () => {
    const costs = [10, 10000].map((count) => {
      const { runtime } = setUp();
      const table = readTable(customers, loadDocumentProperties());
      appendRecords(table, sampleRecords(count), 'zh-CN');
      runtime.meter.reset();
      expect(readValues()).toHaveLength(count + 6);
      return runtime.meter.snapshot();
    });
    expect(costs[1]?.byMethod).toEqual(costs[0]?.byMethod);
    expect(costs[0]?.calls).toBeLessThanOrEqual(6);
  });
});

describe('repair restores what users broke, and only that', () => {
  it('re-stamps a column a user re-created by hand instead of adding a second one', () => {
    const { sheet, host } = setUp();
    const phone = columnIndexOf(sheet, phoneColumn.key);
    const header = sheet.getRange(1, phone).getValue();
    sheet.deleteColumn(phone);
    const width = sheet.getLastColumn();
    sheet.insertColumnAfter(width);
    sheet.getRange(1, width + 1).setValue(header);
    host.run('runInstall', [{ language: 'zh-CN' }]);
    expect(columnIndexOf(sheet, phoneColumn.key)).toBe(width + 1);
    expect(sheet.getLastColumn()).toBe(width + 1);
  });

  it('restores a cleared dropdown and a changed number format', () => {
    const { sheet, host } = setUp();
    const enumIndex = columnIndexOf(sheet, enumColumn.key);
    const phoneIndex = columnIndexOf(sheet, phoneColumn.key);
    sheet.getRange(2, enumIndex, sheet.getMaxRows() - 1, 1).clearDataValidations();
    sheet.getRange(2, phoneIndex, sheet.getMaxRows() - 1, 1).setNumberFormat('0');
    const result = host.run<{ ok: true; value: { lines: string[]; unchanged: boolean } }>('runInstall', [
      { language: 'zh-CN' },
    ]);
    expect(result).toMatchObject({ ok: true, value: { ok: true, value: { unchanged: false } } });
    expect(sheet.getRange(2, enumIndex).getDataValidation()?.getAllowInvalid()).toBe(false);
    expect(sheet.getRange(2, phoneIndex).getNumberFormat()).toBe('@');
    expect(readValues()[0]?.[phoneColumn.key]).toBe('+8613800000000');
  });
});
