import { buildGridView } from '../../src/local/playground/sheet-view';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, type FieldValues } from '../../src/server/workbook/table';
import type { Language } from '../../src/shared/i18n/language';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';

/**
 * Issue 19 item 5: on Customers, a customer both overdue and sleeping shows both. Sheets formats a cell with
 * the first rule that matches it, so the overdue row colour used to hide the sleeping one; each row flag now
 * also colours its own cell ahead of the row rules. Colours are read as the playground paints the grid
 * (src/local/playground/conditional-colors.ts evaluates the installed rules, first match wins).
 */
const COLOUR = {
  followUpOverdue: '#fce5cd',
  sleeping: '#fff2cc',
  churnRisk: '#f4cccc',
};

type Started = ReturnType<typeof startAddon>;

function setUp(language: Language): Started {
  const started = startAddon({ user: { email: 'boss@example.com', locale: language === 'en' ? 'en' : 'zh_CN' } });
  expect(started.host.run('runInstall', [{ language }])).toMatchObject({ ok: true, value: { ok: true } });
  useRuntimeGlobals(started.runtime);
  return started;
}

function customer(id: string, flags: FieldValues, language: Language): void {
  const table = readTable(TEMPLATES.customers, loadDocumentProperties());
  const record: FieldValues = {
    id,
    name: `Customer ${id}`,
    customerType: 'individual',
    contactName: 'Someone',
    source: 'other',
    needs: '—',
    followUpOverdue: false,
    sleeping: false,
    churnRisk: false,
    ...flags,
  };
  appendRecords(table, [record], language);
}

/** Background of each named column's cell in the rows of these ids, as the playground paints them. */
function paint(
  started: Started,
  ids: readonly string[],
  keys: readonly string[],
): Record<string, Record<string, string>> {
  const sheet = sheetForTable(spreadsheetOf(started.runtime), 'customers');
  const columns = stampedColumnsOf(sheet);
  const grid = buildGridView(started.runtime.workbook, sheet.getName(), { nowMs: started.runtime.clock.now() });
  const out: Record<string, Record<string, string>> = {};
  for (const row of grid.rows) {
    const id = row.cells[(columns.id as number) - 1]?.v ?? '';
    if (!ids.includes(id)) continue;
    out[id] = {};
    for (const key of keys) out[id][key] = row.cells[(columns[key] as number) - 1]?.bg ?? 'none';
  }
  return out;
}

describe.each(['zh-CN', 'en'] as const)('Customers highlights (%s)', (language) => {
  it('shows overdue and sleeping side by side when a customer is both', () => {
    const started = setUp(language);
    customer('C1', { followUpOverdue: true, sleeping: true }, language);
    customer('C2', { sleeping: true }, language);
    customer('C3', { followUpOverdue: true }, language);
    customer('C4', { churnRisk: true, sleeping: true }, language);
    customer('C5', {}, language);
    const keys = ['name', 'followUpOverdue', 'sleeping', 'churnRisk'];
    expect(paint(started, ['C1', 'C2', 'C3', 'C4', 'C5'], keys)).toEqual({
      // The row shows the overdue colour, the sleeping cell its own.
      C1: {
        name: COLOUR.followUpOverdue,
        followUpOverdue: COLOUR.followUpOverdue,
        sleeping: COLOUR.sleeping,
        churnRisk: COLOUR.followUpOverdue,
      },
      C2: {
        name: COLOUR.sleeping,
        followUpOverdue: COLOUR.sleeping,
        sleeping: COLOUR.sleeping,
        churnRisk: COLOUR.sleeping,
      },
      C3: {
        name: COLOUR.followUpOverdue,
        followUpOverdue: COLOUR.followUpOverdue,
        sleeping: COLOUR.followUpOverdue,
        churnRisk: COLOUR.followUpOverdue,
      },
      C4: {
        name: COLOUR.churnRisk,
        followUpOverdue: COLOUR.churnRisk,
        sleeping: COLOUR.sleeping,
        churnRisk: COLOUR.churnRisk,
      },
      C5: { name: 'none', followUpOverdue: 'none', sleeping: 'none', churnRisk: 'none' },
    });
  });

  it('repair brings a workbook with the earlier rules (row colours only) up to date, keeping a user rule', () => {
    const started = setUp(language);
    customer('C1', { followUpOverdue: true, sleeping: true }, language);
    const sheet = sheetForTable(spreadsheetOf(started.runtime), 'customers');
    const app = started.runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const installed = sheet.getConditionalFormatRules();
    // The earlier install wrote no flag-cell rules: drop every one-column rule on a flag column.
    const columns = stampedColumnsOf(sheet);
    const flagColumns = new Set(
      ['churnEscalated', 'churnRisk', 'needsAnalysisOverdue', 'followUpOverdue', 'sleeping'].map((key) => columns[key]),
    );
    const earlier = installed.filter((rule) => {
      const range = rule.getRanges()[0] as GoogleAppsScript.Spreadsheet.Range;
      return !(range.getNumColumns() === 1 && flagColumns.has(range.getColumn()));
    });
    expect(earlier.length).toBe(installed.length - 5);
    const mine = app
      .newConditionalFormatRule()
      .whenTextEqualTo('VIP')
      .setBackground('#00ff00')
      .setRanges([sheet.getRange('B2:B')])
      .build();
    sheet.setConditionalFormatRules([...earlier, mine]);
    expect(paint(started, ['C1'], ['sleeping']).C1?.sleeping).toBe(COLOUR.followUpOverdue);

    started.runtime.meter.reset();
    const repaired = started.host.run<{ ok: true; value: { unchanged: boolean } }>('runInstall', [{ language }]);
    expect(repaired).toMatchObject({ ok: true, value: { ok: true, value: { unchanged: false } } });
    const calls = started.runtime.meter.snapshot();
    expect(calls.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(calls.calls).toBeLessThanOrEqual(15);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(installed.length + 1);
    expect(rules.at(-1)?.getBooleanCondition()?.getCriteriaValues()).toEqual(['VIP']);
    expect(paint(started, ['C1'], ['name', 'sleeping'])).toEqual({
      C1: { name: COLOUR.followUpOverdue, sleeping: COLOUR.sleeping },
    });
    const again = started.host.run<{ ok: true; value: { unchanged: boolean } }>('runInstall', [{ language }]);
    expect(again).toMatchObject({ ok: true, value: { ok: true, value: { unchanged: true } } });
  });
});
