import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, type FieldValues } from '../../src/server/workbook/table';
import type { ActionResult } from '../../src/shared/rpc/result';
import type { ArchiveResult } from '../../src/shared/rpc/archive';
import type { CustomerHistory } from '../../src/shared/rpc/ticket-survey';
import { ARCHIVES_PER_VIEW } from '../../src/server/workbook/archive-reads';
import { GRADED_COLUMNS } from '../../src/shared/rules/grading';
import { TEMPLATES, type TableKey } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { documentProperties, sheetForTable, spreadsheetOf, useRuntimeGlobals } from '../support/gas';

/**
 * History stays whole (issue 20 item 2), through the built add-on: archiving a year changes no dashboard
 * figure (this month, last month, the trend, the strategy's windows) and no grade, because grading, the
 * dashboard and the customer history read the archived rows the period needs (workbook/archive-reads.ts).
 */
const BOSS = { email: 'boss@example.com', locale: 'zh_CN' };
const REPS = ['lin@example.com', 'wu@example.com'];
const DAY = 86_400_000;
type Started = ReturnType<typeof startAddon>;
type Language = 'zh-CN' | 'en';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** yyyyMMdd of an instant in Asia/Shanghai (the runtime's zone). */
const dayKey = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
const customerId = (index: number) => `C20210601${pad(index + 1, 3)}`;

function seed(table: TableKey, language: Language, records: FieldValues[]): void {
  appendRecords(readTable(TEMPLATES[table], loadDocumentProperties()), records, language);
}

/**
 * Eight customers with three years of history: touches in both directions on several channels (one channel
 * a period, so the preferred channel depends on the archived ones), deals signed
 * early, costs, open actions left behind, tickets and surveys; a key customer whose last outbound touches,
 * all unanswered, are archived (the churn rule must still see them); one who signs again this month.
 */
function setUp(language: Language, nowIso: string): Started & { nowMs: number } {
  const nowMs = Date.parse(nowIso);
  const started = startAddon({ user: { ...BOSS, locale: language === 'en' ? 'en' : 'zh_CN' }, startTime: nowMs });
  started.host.run('runInstall', [{ language }]);
  useRuntimeGlobals(started.runtime);
  seed(
    'team',
    language,
    REPS.map((email, index) => ({ name: `Rep ${index}`, email, role: 'rep', active: true })),
  );
  const owners = [...REPS, BOSS.email];
  const customers: FieldValues[] = [];
  const followUps: FieldValues[] = [];
  const tickets: FieldValues[] = [];
  const surveys: FieldValues[] = [];
  const transactions: FieldValues[] = [];
  const start = Date.parse('2022-01-05T02:00:00Z');
  let serial = 0;
  for (let index = 0; index < 8; index++) {
    const id = customerId(index);
    const owner = owners[index % owners.length] as string;
    customers.push({
      id,
      name: `Customer ${index}`,
      customerType: 'enterprise',
      industry: index % 2 ? 'Retail' : 'Software',
      contactName: 'Contact',
      source: 'other',
      needs: '—',
      owner,
      annualValueEstimate: 100_000 * (index + 1),
      createdAt: new Date(Date.parse('2021-06-01T02:00:00Z') + index * DAY),
    });
    // Customer 2 stops answering in 2024 and is not touched again: a key customer with archived touches only.
    const lastTouch = index === 2 ? Date.parse('2024-10-01T00:00:00Z') : nowMs - 2 * DAY;
    const step = (11 + index) * DAY;
    for (let k = 0, at = start + index * DAY; at < lastTouch; k++, at += step) {
      serial++;
      const outbound = k % 3 !== 0 || index === 2;
      // One channel a period (2022–23, 2024, 2025): whichever years are archived, forgetting them changes the
      // most-used channel.
      const thisYear = at >= Date.parse('2024-12-31T16:00:00Z');
      const lastYear = !thisYear && at >= Date.parse('2023-12-31T16:00:00Z');
      const open = k % 13 === 5;
      followUps.push({
        id: `G${dayKey(at)}${pad(serial, 4)}`,
        customerId: id,
        at: new Date(at),
        direction: outbound ? 'outbound' : 'inbound',
        channel: thisYear ? 'phone' : lastYear ? 'email' : index % 2 ? 'wechat' : 'visit',
        responded: outbound ? (index === 2 || k % 4 ? 'no' : 'yes') : null,
        milestone: k === 2 ? 'contractSigned' : null,
        cost: k % 2 ? 10 * (index + 1) : null,
        reason: k % 7 === 0 ? 'cadence' : 'manual',
        content: `touch ${serial}`,
        owner,
        status: open ? 'open' : 'done',
        doneAt: open ? null : new Date(at + 3600_000),
        nextAction: open ? 'call back' : null,
        nextActionDue: open ? new Date(at + 3 * DAY) : null,
        createdAt: new Date(at),
      });
    }
    // Customer 5 signs again this month (a deal "in the month" only if the archived first one is forgotten).
    if (index === 5) {
      serial++;
      followUps.push({
        id: `G${dayKey(nowMs - DAY)}${pad(serial, 4)}`,
        customerId: id,
        at: new Date(nowMs - DAY),
        direction: 'outbound',
        channel: 'phone',
        milestone: 'contractSigned',
        content: 'signed again',
        owner,
        status: 'done',
        doneAt: new Date(nowMs - DAY),
        createdAt: new Date(nowMs - DAY),
      });
    }
    const ticketStep = (index === 0 ? 40 : 50 + index) * DAY;
    for (let k = 0, at = start + 5 * DAY + index * DAY; at < nowMs - DAY; k++, at += ticketStep) {
      serial++;
      const resolvedOnly = index !== 0 && k % 5 === 0;
      tickets.push({
        id: `F${dayKey(at)}${pad(serial, 4)}`,
        customerId: id,
        customerName: `Customer ${index}`,
        ticketType: 'consultation',
        category: 'product',
        description: `issue ${serial}`,
        priority: k % 2 ? 'high' : 'medium',
        reportedAt: new Date(at),
        assignee: owner,
        status: resolvedOnly ? 'resolved' : 'closed',
        firstResponseDue: new Date(at + 4 * 3600_000),
        firstResponseAt: new Date(at + (k % 2 ? 2 : 6) * 3600_000),
        resolutionDue: new Date(at + 3 * DAY),
        resolvedAt: new Date(at + (k % 3 ? 1 : 4) * DAY),
        archivedAt: k % 4 === 1 ? new Date(at + 5 * DAY) : null,
        createdAt: new Date(at),
      });
    }
    const surveyStep = (index === 0 ? 30 : 60) * DAY;
    for (let k = 0, at = start + 9 * DAY + index * DAY; at < nowMs - DAY; k++, at += surveyStep) {
      serial++;
      const rating = 1 + ((k + index) % 5);
      surveys.push({
        id: `S${dayKey(at)}${pad(serial, 4)}`,
        customerId: id,
        date: new Date(at),
        productQuality: rating,
        responseSpeed: 5,
        communication: 4,
        problemSolving: rating,
        overall: rating,
        nps: (k * 3 + index) % 11,
        suggestions: k % 9 === 4 ? 'more' : null,
        createdAt: new Date(at),
      });
    }
    // Customer 5 buys nothing: its deal is the archived "contract signed" only.
    for (let k = 0, at = start + 20 * DAY; index !== 5 && at < nowMs - DAY; k++, at += 90 * DAY) {
      serial++;
      transactions.push({
        id: `T${dayKey(at)}${pad(serial, 4)}`,
        customerId: id,
        date: new Date(at),
        product: 'P',
        category: k % 2 ? 'a' : 'b',
        amount: index === 2 ? 150_000 : 5_000 * (index + 1),
        owner,
      });
    }
  }
  seed('customers', language, customers);
  seed('followUps', language, followUps);
  seed('tickets', language, tickets);
  seed('satisfaction', language, surveys);
  seed('transactions', language, transactions);
  return { ...started, nowMs };
}

function value<T>(result: { ok: boolean; value?: unknown }): T {
  const outer = result as { ok: true; value: ActionResult<T> };
  expect(outer.ok).toBe(true);
  if (!outer.value.ok) throw new Error(`action failed: ${JSON.stringify(outer.value)}`);
  return outer.value.value;
}

type Sheetish = GoogleAppsScript.Spreadsheet.Sheet;
const customersSheet = (started: Started): Sheetish => sheetForTable(spreadsheetOf(started.runtime), 'customers');
const allValues = (sheet: Sheetish) => sheet.getDataRange().getValues();

/** Grade all customers at `nowMs` (the menu item); every customer's graded columns and next due. */
function grade(started: Started & { nowMs: number }): Record<string, unknown>[] {
  started.runtime.clock.setTime(started.nowMs);
  started.host.run('gradeAllCustomers', [], { user: BOSS });
  return readTable(TEMPLATES.customers, loadDocumentProperties()).records.map((record) => {
    const out: Record<string, unknown> = { id: record.values.id, nextFollowUpDue: record.values.nextFollowUpDue };
    for (const key of GRADED_COLUMNS) out[key] = record.values[key];
    return out;
  });
}

/**
 * Refresh dashboard at `nowMs`: the sheet's values without the capacity gauge (the rows between the blank line
 * under the status lines and the next blank line), whose cell count archiving does change.
 */
function dashboard(started: Started & { nowMs: number }): unknown[][] {
  started.runtime.clock.setTime(started.nowMs);
  started.host.run('refreshDashboard', [], { user: BOSS });
  const rows = allValues(sheetForTable(spreadsheetOf(started.runtime), 'dashboard'));
  const blank = (row: unknown[]) => row.every((cell) => cell === '');
  const first = rows.findIndex(blank);
  const next = rows.findIndex((row, index) => index > first && blank(row));
  expect(next - first).toBeGreaterThan(2);
  return [...rows.slice(0, first + 1), ...rows.slice(next)];
}

function archive(started: Started, before: number): ArchiveResult {
  const result = value<ArchiveResult>(started.host.run('runArchive', [{ before }], { user: BOSS }));
  expect(result.done).toBe(true);
  return result;
}

function history(started: Started, id: string): CustomerHistory {
  return value<CustomerHistory>(started.host.run('getCustomerHistory', [id], { user: BOSS }));
}

/** The source table's dates of one column, as instants. */
function datesLeft(started: Started, table: TableKey, column: string): number[] {
  return readTable(TEMPLATES[table], loadDocumentProperties())
    .records.map((record) => record.values[column])
    .filter((cell): cell is Date => cell instanceof Date)
    .map((cell) => cell.getTime());
}

describe.each([
  // Archiving the year before this one, in January: last month and the care-spend year are in the archive.
  ['en', '2025-01-20T02:00:00Z', 2025, [2022, 2023, 2024]],
  // The default cut-off in March: the archived years feed only the per-customer history (deals, contacts).
  ['zh-CN', '2025-03-10T02:00:00Z', 2024, [2022, 2023]],
] as const)('history stays whole (%s, now %s, archived before %d)', (language, nowIso, before, years) => {
  it('every dashboard figure and every grade is the same after archiving; without the archives they would not be', () => {
    const started = setUp(language, nowIso);
    const ungraded = allValues(customersSheet(started));
    const gradesBefore = grade(started);
    const dashboardBefore = dashboard(started);

    const result = archive(started, before);
    expect(result.files.map((file) => file.year)).toEqual(years);
    expect(result.moved.followUps).toBeGreaterThan(100);
    // Nothing of the archived years' closed rows is left in the workbook.
    const cutoff = Date.parse(`${before - 1}-12-31T16:00:00Z`);
    const doneBefore = readTable(TEMPLATES.followUps, loadDocumentProperties()).records.filter(
      (record) =>
        record.values.status === 'done' && record.values.at instanceof Date && record.values.at.getTime() < cutoff,
    );
    expect(doneBefore).toEqual([]);
    expect(datesLeft(started, 'satisfaction', 'date').filter((at) => at < cutoff).length).toBeLessThan(10);

    // The same grades from the same (ungraded) start, and a second run changes nothing.
    customersSheet(started).getDataRange().setValues(ungraded);
    expect(grade(started)).toEqual(gradesBefore);
    expect(grade(started)).toEqual(gradesBefore);
    expect(dashboard(started)).toEqual(dashboardBefore);

    // The test can tell: with the archives forgotten, grades and figures change.
    const properties = documentProperties(started.runtime);
    const files = properties.getProperty('crm.archive.files') as string;
    properties.deleteProperty('crm.archive.files');
    customersSheet(started).getDataRange().setValues(ungraded);
    expect(grade(started)).not.toEqual(gradesBefore);
    expect(dashboard(started)).not.toEqual(dashboardBefore);
    properties.setProperty('crm.archive.files', files);
    customersSheet(started).getDataRange().setValues(ungraded);
    expect(grade(started)).toEqual(gradesBefore);
    expect(dashboard(started)).toEqual(dashboardBefore);
  });

  it('jobs read each archive once per execution: one Values.batchGet per archive needed, nothing else more', () => {
    const started = setUp(language, nowIso);
    const meter = started.runtime.meter;
    const cost = (run: () => void) => {
      meter.reset();
      run();
      return meter.snapshot();
    };
    grade(started);
    dashboard(started);
    const gradeBefore = cost(() => grade(started));
    const dashboardBefore = cost(() => dashboard(started));
    archive(started, before);
    // The first executions find the archives' layouts (by metadata) and keep them; later ones only read.
    grade(started);
    dashboard(started);
    const gradeAfter = cost(() => grade(started));
    const dashboardAfter = cost(() => dashboard(started));
    const plus = (calls: Record<string, number>, method: string, more: number) => ({
      ...calls,
      [method]: (calls[method] ?? 0) + more,
    });
    // Grading: every archive's follow-up touches. The dashboard: every archive's index columns, the rest in
    // the same call for the archives its periods overlap.
    expect(gradeAfter.byMethod).toEqual(plus(gradeBefore.byMethod, 'Sheets.Values.batchGet', years.length));
    expect(dashboardAfter.byMethod).toEqual(plus(dashboardBefore.byMethod, 'Sheets.Values.batchGet', years.length));
  });

  it('a customer’s history is the same after columns of an archive were moved by hand', () => {
    const started = setUp(language, nowIso);
    const id = customerId(0);
    archive(started, before);
    const shown = history(started, id); // keeps the archives' layouts
    const files = JSON.parse(documentProperties(started.runtime).getProperty('crm.archive.files') ?? '{}') as Record<
      string,
      { id: string }
    >;
    for (const file of Object.values(files)) {
      const book = SpreadsheetApp.openById(file.id);
      for (const table of ['tickets', 'satisfaction'] as const) sheetForTable(book, table).insertColumnBefore(1);
    }
    const strip = <T extends object>(view: T) => ({ ...view, row: undefined });
    const again = history(started, id);
    expect(again.tickets.map(strip)).toEqual(shown.tickets.map(strip));
    expect(again.surveys.map(strip)).toEqual(shown.surveys.map(strip));
    expect(history(started, id)).toEqual(again);
  });

  it('a customer’s ticket and survey history shows archived rows, marked and read-only, in bounded calls', () => {
    const started = setUp(language, nowIso);
    const id = customerId(0);
    const shown = history(started, id);
    expect(shown.tickets).toHaveLength(10);
    expect(shown.surveys).toHaveLength(10);
    archive(started, before);
    const meter = started.runtime.meter;
    history(started, id); // finds and keeps the newest archive's layouts
    meter.reset();
    const after = history(started, id);
    const cost = meter.snapshot();
    const strip = (view: { row?: number; actions?: unknown; archivedIn?: number }) => {
      const { row: _row, actions: _actions, archivedIn: _archived, ...rest } = view;
      return rest;
    };
    // The same newest ten, in the same order, with the same contents.
    expect(after.tickets.map(strip)).toEqual(shown.tickets.map(strip));
    expect(after.surveys.map(strip)).toEqual(shown.surveys.map(strip));
    const newest = years[years.length - 1] as number;
    const archivedTickets = after.tickets.filter((view) => view.archivedIn !== undefined);
    const archivedSurveys = after.surveys.filter((view) => view.archivedIn !== undefined);
    if (before === 2025) {
      // Last year's rows come from its archive: marked with the year, no workflow step, no row hint.
      expect(archivedTickets.length).toBeGreaterThan(5);
      expect(archivedSurveys.length).toBeGreaterThan(5);
      for (const view of archivedTickets) expect(view).toMatchObject({ actions: [] });
      for (const view of archivedTickets) expect(view.row).toBeUndefined();
      // The newest archive first; the one before it too while a list has room (at most two a view).
      expect(archivedTickets.some((view) => view.archivedIn === newest)).toBe(true);
      expect([...archivedTickets, ...archivedSurveys].every((view) => years.includes(view.archivedIn as never))).toBe(
        true,
      );
      // Layouts known from the first view: no archive opened; each archive's customer-id columns in one batch,
      // the rows found in one more; within 20 calls.
      expect(cost.byMethod['SpreadsheetApp.SpreadsheetApp.openById'] ?? 0).toBe(0);
      const opened = new Set([...archivedTickets, ...archivedSurveys].map((view) => view.archivedIn)).size;
      expect(opened).toBeLessThanOrEqual(ARCHIVES_PER_VIEW);
      expect(cost.byMethod['Sheets.Values.batchGet']).toBeLessThanOrEqual(3 + 2 * opened);
      expect(cost.calls).toBeLessThanOrEqual(20);
    } else {
      // The workbook fills both lists: no archive is opened.
      expect(archivedTickets).toEqual([]);
      expect(archivedSurveys).toEqual([]);
      expect(cost.byMethod['SpreadsheetApp.SpreadsheetApp.openById'] ?? 0).toBe(0);
    }
  });
});
