import { LANGUAGES } from '../../src/shared/i18n/language';
import type { ColumnTemplate } from '../../src/shared/schema/template-types';
import {
  TEMPLATES,
  columnOf,
  defaultNumberFormat,
  enumKeyFromLabel,
  enumLabel,
  findColumnByHeader,
  headerLabel,
  templateFor,
  type TableKey,
} from '../../src/shared/schema/templates';

/** The look-ups the workbook layer, cells and sidebars use instead of hard-coded headers (docs/product-rules.md §1, §8). */

const all = Object.values(TEMPLATES);

describe('look-ups', () => {
  const allColumns = all.flatMap((template) => template.columns.map((column) => [template, column] as const));
  const enumColumns = allColumns.filter(([, column]) => column.options);

  it('enumKeyFromLabel round-trips every label in every language, and the key itself', () => {
    for (const [, column] of enumColumns) {
      for (const option of column.options ?? []) {
        for (const language of LANGUAGES) {
          const label = enumLabel(column, option.key, language) as string;
          expect(label).toBe(option.label[language]);
          expect({ label, key: enumKeyFromLabel(column, label) }).toEqual({ label, key: option.key });
        }
        expect(enumKeyFromLabel(column, option.key)).toBe(option.key);
      }
    }
  });

  it('enumKeyFromLabel ignores case, spaces and full-width forms; unknown or empty text is null', () => {
    const channel = columnOf(TEMPLATES.followUps, 'channel');
    expect(enumKeyFromLabel(channel, '  wechat ')).toBe('wechat');
    expect(enumKeyFromLabel(channel, 'WECHAT')).toBe('wechat');
    expect(enumKeyFromLabel(channel, 'company GROUP chat')).toBe('groupChat');
    expect(enumKeyFromLabel(channel, 'Ｅ－ｍａｉｌ')).toBe('email');
    expect(enumKeyFromLabel(channel, '簡訊')).toBe('sms');
    expect(enumKeyFromLabel(channel, '传真')).toBeNull();
    expect(enumKeyFromLabel(channel, '')).toBeNull();
    expect(enumKeyFromLabel(channel, '   ')).toBeNull();
    expect(enumKeyFromLabel(columnOf(TEMPLATES.customers, 'name'), 'Phone')).toBeNull();
    const size = columnOf(TEMPLATES.customers, 'size');
    expect(enumKeyFromLabel(size, '小型(<50人)')).toBe('small'); // half-width brackets typed
  });

  it('enumLabel gives null for an unknown option', () => {
    expect(enumLabel(columnOf(TEMPLATES.customers, 'stage'), 'negotiation', 'en')).toBeNull();
    expect(enumLabel(columnOf(TEMPLATES.customers, 'stage'), 'dealClosed', 'zh-TW')).toBe('成交');
  });

  it('findColumnByHeader finds every column by its label in any language or by its key', () => {
    for (const [template, column] of allColumns) {
      for (const language of LANGUAGES) {
        expect(findColumnByHeader(template, headerLabel(column, language))?.key).toBe(column.key);
        expect(findColumnByHeader(template, ` ${headerLabel(column, language).toUpperCase()} `)?.key).toBe(column.key);
      }
      expect(findColumnByHeader(template, column.key)?.key).toBe(column.key);
    }
    expect(findColumnByHeader(TEMPLATES.customers, '客戶名稱')?.key).toBe('name');
    expect(findColumnByHeader(TEMPLATES.customers, 'Favourite colour')).toBeNull();
    expect(findColumnByHeader(TEMPLATES.customers, '')).toBeNull();
  });

  it('defaultNumberFormat keeps phones, ids and text as plain text and formats dates, money and scores', () => {
    const format = (table: TableKey, key: string): string => defaultNumberFormat(columnOf(TEMPLATES[table], key));
    expect(format('customers', 'phone')).toBe('@');
    expect(format('customers', 'id')).toBe('@');
    expect(format('followUps', 'customerId')).toBe('@');
    expect(format('customers', 'email')).toBe('@');
    expect(format('customers', 'owner')).toBe('@');
    expect(format('customers', 'stage')).toBe('@');
    expect(format('customers', 'needs')).toBe('@');
    expect(format('team', 'phone')).toBe('@');
    expect(format('customers', 'birthday')).toBe('yyyy-mm-dd');
    expect(format('followUps', 'at')).toBe('yyyy-mm-dd hh:mm');
    expect(format('transactions', 'amount')).toBe('¥#,##0.00');
    expect(format('satisfaction', 'overall')).toBe('0');
    expect(format('satisfaction', 'score')).toBe('0.0');
    expect(format('transactions', 'quantity')).toBe('0');
    expect(defaultNumberFormat({ key: 'rate', label: { en: 'r', 'zh-CN': 'r', 'zh-TW': 'r' }, type: 'percent' })).toBe(
      '0%',
    );
    expect(format('customers', 'doNotContact')).not.toBe('@'); // a checkbox must stay a boolean
    // No template overrides a text-like column with a number format.
    for (const [, column] of allColumns) {
      if (['id', 'ref', 'phone', 'email', 'user', 'text', 'longtext', 'enum', 'multienum'].includes(column.type)) {
        expect({ column: column.key, format: column.numberFormat ?? defaultNumberFormat(column) }).toEqual({
          column: column.key,
          format: '@',
        });
      }
    }
  });

  it('templateFor and columnOf reject unknown names; templates are frozen', () => {
    expect(templateFor('customers')).toBe(TEMPLATES.customers);
    expect(() => templateFor('orders')).toThrow('Unknown table "orders"');
    expect(() => columnOf(TEMPLATES.customers, 'fax')).toThrow('Table "customers" has no column "fax"');
    expect(Object.isFrozen(TEMPLATES.customers.columns[0]?.label)).toBe(true);
    expect(() => (TEMPLATES.customers.columns as ColumnTemplate[]).pop()).toThrow(TypeError);
  });
});
