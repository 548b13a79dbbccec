import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { LANGUAGES } from '../../src/shared/i18n/language';
import type { ColumnTemplate, Localized, TableTemplate } from '../../src/shared/schema/template-types';
import {
  RECORD_TABLES,
  TEMPLATES,
  columnOf,
  enumLabel,
  isTableKey,
  normalizeLabel,
  type TableKey,
} from '../../src/shared/schema/templates';

const TEMPLATE_DIR = join(__dirname, '..', '..', 'sheets-templates');
const SCHEMA_FILE = 'template.schema.json';
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(TEMPLATE_DIR, file), 'utf8'));
const templateFiles = readdirSync(TEMPLATE_DIR).filter((file) => file.endsWith('.json') && file !== SCHEMA_FILE);
const all = Object.values(TEMPLATES);
const recordsLike = all.filter((template) => template.columns.length > 0);
const withOptions = (template: TableTemplate): ColumnTemplate[] =>
  template.columns.filter((column) => column.type === 'enum' || column.type === 'multienum');

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

function expectLocalized(where: string, value: Localized | undefined): void {
  expect(value).toBeDefined();
  for (const language of LANGUAGES) {
    expect({ where, language, text: value?.[language]?.trim() || '(empty)' }).not.toEqual(
      expect.objectContaining({ text: '(empty)' }),
    );
  }
}

describe('template files', () => {
  const ajv = new Ajv2020({ allErrors: true });
  const validate = ajv.compile(readJson(SCHEMA_FILE) as object);

  it.each(templateFiles)('%s validates against template.schema.json and references it', (file) => {
    const json = readJson(file) as Record<string, unknown>;
    const valid = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(json.$schema).toBe(`./${SCHEMA_FILE}`);
    expect(`${String(json.table)}.json`).toBe(file);
  });

  it('every file is loaded by templates.ts and every loaded table has a file', () => {
    expect(templateFiles.map((file) => file.replace(/\.json$/, '')).sort()).toEqual(Object.keys(TEMPLATES).sort());
  });

  it('the schema is strict: unknown properties, unknown types and missing translations are rejected', () => {
    const base = readJson('tickets.json') as TableTemplate;
    const mutate = (change: (copy: TableTemplate & Record<string, unknown>) => void): boolean => {
      const copy = JSON.parse(JSON.stringify(base)) as TableTemplate & Record<string, unknown>;
      change(copy);
      return validate(copy) as boolean;
    };
    expect(mutate(() => undefined)).toBe(true);
    expect(mutate((copy) => (copy.colour = 'red'))).toBe(false);
    expect(mutate((copy) => Object.assign(copy.columns[0] as object, { colour: 'red' }))).toBe(false);
    expect(mutate((copy) => Object.assign(copy.columns[0] as object, { type: 'string' }))).toBe(false);
    expect(mutate((copy) => Object.assign(copy, { kind: 'report' }))).toBe(false);
    expect(mutate((copy) => delete (copy.columns[0]?.label as Partial<Localized>)['zh-TW'])).toBe(false);
    expect(mutate((copy) => Object.assign(copy.columns[0]?.label as object, { en: ' ' }))).toBe(false);
    expect(mutate((copy) => delete copy.columns.find((column) => column.type === 'enum')?.options)).toBe(false);
    expect(mutate((copy) => Object.assign(copy, { idPrefix: 'FF' }))).toBe(false);
    expect(
      mutate((copy) =>
        copy.conditionalFormats?.push({
          key: 'x',
          when: { column: 'a', is: 'yes' },
          scope: 'row',
          background: '#fff',
        } as never),
      ),
    ).toBe(false);
    expect(mutate((copy) => Object.assign(copy, { kind: 'settings' }))).toBe(false); // settings rows required
  });
});

describe('tables and columns', () => {
  it('table keys are unique and match their record key', () => {
    const keys = Object.keys(TEMPLATES) as TableKey[];
    expect(duplicates(all.map((template) => template.table))).toEqual([]);
    for (const key of keys) expect(TEMPLATES[key].table).toBe(key);
    expect(keys.sort()).toEqual(
      [
        'customers',
        'dashboard',
        'followUps',
        'log',
        'satisfaction',
        'settings',
        'team',
        'tickets',
        'transactions',
      ].sort(),
    );
  });

  it('kinds: records tables, settings, dashboard without columns, log', () => {
    expect(Object.fromEntries(all.map((template) => [template.table, template.kind]))).toEqual({
      customers: 'records',
      followUps: 'records',
      tickets: 'records',
      satisfaction: 'records',
      transactions: 'records',
      team: 'records',
      settings: 'settings',
      dashboard: 'dashboard',
      log: 'log',
    });
    expect(TEMPLATES.dashboard.columns).toEqual([]);
  });

  it('id prefixes are C, G, F, S, T, unique, and only on the record tables', () => {
    const prefixes = Object.fromEntries(all.filter((t) => t.idPrefix).map((t) => [t.table, t.idPrefix]));
    expect(prefixes).toEqual({ customers: 'C', followUps: 'G', tickets: 'F', satisfaction: 'S', transactions: 'T' });
    expect(duplicates(Object.values(prefixes) as string[])).toEqual([]);
    expect([...RECORD_TABLES].sort()).toEqual(Object.keys(prefixes).sort());
  });

  it.each(recordsLike.map((t) => [t.table, t] as const))('%s: column keys are unique', (_table, template) => {
    expect(duplicates(template.columns.map((column) => column.key))).toEqual([]);
  });

  it.each(all.map((t) => [t.table, t] as const))(
    '%s: every label, help, option and sheet name exists in en, zh-CN and zh-TW',
    (_t, template) => {
      expectLocalized(`${template.table}.sheetName`, template.sheetName);
      for (const column of template.columns) {
        expectLocalized(`${template.table}.${column.key}`, column.label);
        if (column.help) expectLocalized(`${template.table}.${column.key}.help`, column.help);
        for (const option of column.options ?? []) expectLocalized(`${column.key}.${option.key}`, option.label);
      }
      for (const setting of template.settings ?? []) {
        expectLocalized(`${setting.key}.label`, setting.label);
        expectLocalized(`${setting.key}.description`, setting.description);
        if (setting.unit) expectLocalized(`${setting.key}.unit`, setting.unit);
      }
    },
  );

  it('sheet names are unique in each language and never collide across languages', () => {
    const owner = new Map<string, string>();
    for (const template of all) {
      for (const name of new Set(Object.values(template.sheetName))) {
        expect({ name, table: owner.get(name) ?? template.table }).toEqual({ name, table: template.table });
        owner.set(name, template.table);
      }
    }
  });

  it.each(recordsLike.map((t) => [t.table, t] as const))(
    '%s: header labels are unique in each language, and no label or key names two columns in any language',
    (_t, template) => {
      for (const language of LANGUAGES) {
        expect(duplicates(template.columns.map((column) => normalizeLabel(column.label[language])))).toEqual([]);
      }
      const owner = new Map<string, string>();
      for (const column of template.columns) {
        for (const text of new Set([column.key, ...Object.values(column.label)].map(normalizeLabel))) {
          expect({ text, column: owner.get(text) ?? column.key }).toEqual({ text, column: column.key });
          owner.set(text, column.key);
        }
      }
    },
  );

  it.each(all.flatMap((t) => withOptions(t).map((c) => [`${t.table}.${c.key}`, c] as const)))(
    '%s: option keys unique, labels unique per language, no text shared by two options',
    (_name, column) => {
      const options = column.options ?? [];
      expect(options.length).toBeGreaterThan(1);
      expect(duplicates(options.map((option) => option.key))).toEqual([]);
      for (const language of LANGUAGES) {
        expect(duplicates(options.map((option) => normalizeLabel(option.label[language])))).toEqual([]);
      }
      const owner = new Map<string, string>();
      for (const option of options) {
        expect(option.key).toMatch(/^[a-z][A-Za-z0-9]*$/);
        for (const text of new Set([option.key, ...Object.values(option.label)].map(normalizeLabel))) {
          expect({ text, option: owner.get(text) ?? option.key }).toEqual({ text, option: option.key });
          owner.set(text, option.key);
        }
      }
    },
  );

  it.each(RECORD_TABLES.map((table) => [table] as const))(
    '%s has an id first, created/updated stamps and a hidden request id',
    (table) => {
      const template = TEMPLATES[table];
      expect(template.columns[0]).toMatchObject({ key: 'id', type: 'id', computed: true });
      expect(columnOf(template, 'createdAt')).toMatchObject({ type: 'datetime', computed: true });
      expect(columnOf(template, 'updatedAt')).toMatchObject({ type: 'datetime', computed: true });
      expect(columnOf(template, 'requestId')).toMatchObject({ hidden: true, computed: true, type: 'text' });
      // Customers also keep the normalized keys duplicate checks search (issue 18).
      expect(template.columns.filter((column) => column.hidden).map((column) => column.key)).toEqual(
        table === 'customers' ? ['requestId', 'matchKeys'] : ['requestId'],
      );
      if (table !== 'customers')
        expect(columnOf(template, 'customerId')).toMatchObject({ type: 'ref', refTable: 'customers' });
    },
  );

  it('ref columns point at existing tables; score columns have bounds', () => {
    for (const template of all) {
      for (const column of template.columns) {
        if (column.refTable !== undefined) expect(isTableKey(column.refTable)).toBe(true);
        if (column.type === 'score') {
          expect(typeof column.min).toBe('number');
          expect(typeof column.max).toBe('number');
          expect(column.min as number).toBeLessThan(column.max as number);
        }
      }
    }
    for (const key of ['productQuality', 'responseSpeed', 'communication', 'problemSolving', 'overall']) {
      expect(columnOf(TEMPLATES.satisfaction, key)).toMatchObject({ type: 'score', min: 1, max: 5, required: true });
    }
    expect(columnOf(TEMPLATES.satisfaction, 'score')).toMatchObject({ min: 20, max: 100, computed: true });
    expect(columnOf(TEMPLATES.satisfaction, 'nps')).toMatchObject({ min: 0, max: 10 });
    expect(columnOf(TEMPLATES.satisfaction, 'nps').required).toBeUndefined();
    expect(columnOf(TEMPLATES.tickets, 'score')).toMatchObject({ min: 1, max: 5 });
  });

  it('widths suit the content: ids narrow, long text wide, flags narrow', () => {
    for (const template of all) {
      for (const column of template.columns) {
        const width = column.width as number;
        expect({ column: `${template.table}.${column.key}`, hasWidth: typeof width }).toEqual({
          column: `${template.table}.${column.key}`,
          hasWidth: 'number',
        });
        if (column.type === 'id' || column.type === 'ref') expect(width).toBeGreaterThanOrEqual(110);
        if (column.type === 'id' || column.type === 'ref') expect(width).toBeLessThanOrEqual(140);
        if (column.type === 'longtext') expect(width).toBeGreaterThanOrEqual(200);
        if (column.type === 'boolean') expect(width).toBeLessThanOrEqual(110);
      }
    }
    expect(columnOf(TEMPLATES.customers, 'name').width).toBeGreaterThanOrEqual(180);
  });
});

describe('conditional formats', () => {
  it.each(all.filter((t) => t.conditionalFormats).map((t) => [t.table, t] as const))(
    '%s: every rule names an existing column of the right kind',
    (_t, template) => {
      const rules = template.conditionalFormats ?? [];
      expect(duplicates(rules.map((rule) => rule.key))).toEqual([]);
      for (const rule of rules) {
        const column = columnOf(template, rule.when.column);
        if ('is' in rule.when) expect(column.type).toBe('boolean');
        if ('equalsOption' in rule.when) expect(enumLabel(column, rule.when.equalsOption, 'en')).not.toBeNull();
        if ('lessThanOrEqual' in rule.when) expect(['score', 'number', 'money', 'percent']).toContain(column.type);
        if ('before' in rule.when) expect(['date', 'datetime']).toContain(column.type);
      }
    },
  );

  it('highlights overdue follow-ups, sleeping, churn risk, needs analysis overdue, SLA breaches, low scores and tiers', () => {
    const when = (table: TableKey): unknown[] => (TEMPLATES[table].conditionalFormats ?? []).map((rule) => rule.when);
    expect(when('followUps')).toContainEqual({ column: 'overdue', is: 'true' });
    expect(when('customers')).toEqual(
      expect.arrayContaining([
        { column: 'sleeping', is: 'true' },
        { column: 'churnRisk', is: 'true' },
        { column: 'needsAnalysisOverdue', is: 'true' },
        { column: 'followUpOverdue', is: 'true' },
        { column: 'valueTier', equalsOption: 'strategic' },
        { column: 'valueTier', equalsOption: 'key' },
        { column: 'satisfactionScore', lessThanOrEqual: 59.9 },
      ]),
    );
    expect(when('tickets')).toEqual(
      expect.arrayContaining([
        { column: 'slaBreached', is: 'true' },
        { column: 'score', lessThanOrEqual: 2 },
      ]),
    );
    expect(when('satisfaction')).toEqual(
      expect.arrayContaining([
        ...['productQuality', 'responseSpeed', 'communication', 'problemSolving', 'overall'].map((column) => ({
          column,
          lessThanOrEqual: 2,
        })),
        // Scores have one decimal, so "< 60" is "≤ 59.9".
        { column: 'score', lessThanOrEqual: 59.9 },
      ]),
    );
  });
});
