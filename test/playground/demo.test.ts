import { DEMO_TEAM, generateDemoData } from '../../src/local/demo/generate';
import { loadDemoData } from '../../src/local/demo/load';
import { TEMPLATES, enumKeyFromLabel, findColumn } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, stampedColumnsOf } from '../support/gas';

const NOW = Date.parse('2024-06-03T09:00:00+08:00');

describe('generateDemoData', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateDemoData({ seed: 7, customers: 10 })).toEqual(generateDemoData({ seed: 7, customers: 10 }));
    expect(generateDemoData({ seed: 8, customers: 10 }).customers).not.toEqual(
      generateDemoData({ seed: 7, customers: 10 }).customers,
    );
  });

  it('sizes tables from the customer count (about 5× follow-ups, 0.5× tickets and surveys)', () => {
    const data = generateDemoData({ seed: 3, customers: 200 });
    expect(data.customers).toHaveLength(200);
    expect(data.followUps.length).toBeGreaterThan(200 * 4);
    expect(data.followUps.length).toBeLessThan(200 * 6.5);
    expect(data.tickets).toHaveLength(100);
    expect(data.satisfaction).toHaveLength(100);
    expect(data.team.map((member) => member.email)).toEqual(DEMO_TEAM.map((member) => member.email));
  });

  it('uses only template column keys and option keys, ids in the add-on format, dates in the past year', () => {
    const data = generateDemoData({ seed: 5, customers: 60, nowMs: NOW });
    for (const table of ['customers', 'followUps', 'tickets', 'satisfaction', 'transactions'] as const) {
      const template = TEMPLATES[table];
      const prefix = template.idPrefix as string;
      const ids = new Set<string>();
      for (const record of data[table]) {
        expect(String(record.id)).toMatch(new RegExp(`^${prefix}20(23|24)\\d{4}\\d{3,}$`));
        ids.add(String(record.id));
        for (const [key, value] of Object.entries(record)) {
          const column = findColumn(template, key);
          expect({ table, key, known: column !== null }).toEqual({ table, key, known: true });
          if (value === null || !column) continue;
          if (column.type === 'enum') expect((column.options ?? []).map((o) => o.key)).toContain(value);
          if (column.type === 'date' || column.type === 'datetime') {
            expect(typeof value).toBe('number');
            expect(value as number).toBeGreaterThan(NOW - 367 * 86_400_000);
          }
          if (column.type === 'score') {
            expect(value as number).toBeGreaterThanOrEqual(column.min as number);
            expect(value as number).toBeLessThanOrEqual(column.max as number);
          }
        }
      }
      expect(ids.size).toBe(data[table].length);
    }
    const names = data.customers.map((c) => String(c.name));
    expect(names.some((name) => /[\u4e00-\u9fff]/.test(name))).toBe(true);
    expect(names.some((name) => /^[A-Za-z]/.test(name))).toBe(true);
    expect(data.customers.some((c) => /^\+86 1\d{2} \d{4} \d{4}$/.test(String(c.phone)))).toBe(true);
    expect(data.customers.some((c) => /^0\d{2,3}-\d{7,8}$/.test(String(c.phone)))).toBe(true);
    // Every follow-up, ticket and survey points at an existing customer.
    const customerIds = new Set(data.customers.map((c) => c.id));
    for (const record of [...data.followUps, ...data.tickets, ...data.satisfaction, ...data.transactions]) {
      expect(customerIds.has(record.customerId)).toBe(true);
    }
  });
});

describe('loadDemoData', () => {
  it('installs in the requested language, then writes each table in one block into the stamped columns', () => {
    const { runtime, host } = startAddon();
    const data = generateDemoData({ seed: 2, customers: 12 });
    const before = runtime.meter.snapshot();
    const report = loadDemoData(runtime, host, data, { language: 'en' });
    expect(report.installed).toBe(true);
    expect(report.language).toBe('en');
    expect(report.rows.customers).toBe(12);
    expect(report.rows.team).toBe(DEMO_TEAM.length - 1); // the installer added the owner already
    const after = runtime.meter.snapshot();
    expect(after).not.toEqual(before);

    const spreadsheet = spreadsheetOf(runtime);
    const customers = sheetForTable(spreadsheet, 'customers');
    const columns = stampedColumnsOf(customers);
    expect(customers.getLastRow()).toBe(13);
    const first = data.customers[0] as Record<string, unknown>;
    expect(customers.getRange(2, columns.id as number).getValue()).toBe(first.id);
    expect(customers.getRange(2, columns.phone as number).getValue()).toBe(first.phone);
    const stageLabel = customers.getRange(2, columns.stage as number).getValue() as string;
    expect(enumKeyFromLabel(findColumn(TEMPLATES.customers, 'stage')!, stageLabel)).toBe(first.stage);
    const created = customers.getRange(2, columns.createdAt as number).getValue() as Date;
    expect(created.getTime()).toBe(first.createdAt);
    const followUps = sheetForTable(spreadsheet, 'followUps');
    expect(followUps.getLastRow()).toBe(data.followUps.length + 1);
    const team = sheetForTable(spreadsheet, 'team');
    expect(team.getLastRow()).toBe(DEMO_TEAM.length + 1);
  });

  it('keeps the installed language and appends after existing rows on a second load', () => {
    const { runtime, host } = startAddon();
    expect(host.run('runInstall', [{ language: 'zh-TW' }]).ok).toBe(true);
    const data = generateDemoData({ seed: 4, customers: 5 });
    const report = loadDemoData(runtime, host, data, { language: 'en' });
    expect(report).toEqual(expect.objectContaining({ installed: false, language: 'zh-TW' }));
    loadDemoData(runtime, host, data);
    const customers = sheetForTable(spreadsheetOf(runtime), 'customers');
    expect(customers.getLastRow()).toBe(11);
    expect(customers.getName()).toBe('客戶');
  });
});
