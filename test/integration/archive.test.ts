import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, type FieldValues } from '../../src/server/workbook/table';
import type { ActionResult } from '../../src/shared/rpc/result';
import type { ArchiveForm, ArchiveResult } from '../../src/shared/rpc/archive';
import { checksumOf } from '../../src/shared/rules/archive';
import { TEMPLATES, type TableKey } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { documentProperties, sheetForTable, spreadsheetOf, useRuntimeGlobals } from '../support/gas';

/** Archive old records (issue 20 item 1) through google.script.run on the built add-on. */
const BOSS = { email: 'boss@example.com', locale: 'zh_CN' };
const REP = { email: 'rep@example.com', locale: 'zh_CN' };
const NOW = Date.parse('2025-03-10T02:00:00Z');
const at = (iso: string) => new Date(Date.parse(iso));
type Started = ReturnType<typeof startAddon>;

/** Rows per year and table: done / open follow-ups, closed / open / archived tickets, surveys. */
function setUp(language: 'zh-CN' | 'en' = 'zh-CN', perYear = 30): Started {
  const started = startAddon({ user: { ...BOSS, locale: language === 'en' ? 'en' : 'zh_CN' }, startTime: NOW });
  started.host.run('runInstall', [{ language }]);
  useRuntimeGlobals(started.runtime);
  seed('team', language, [{ name: '代表', email: REP.email, role: 'rep', active: true }]);
  seed('customers', language, [
    {
      id: 'C1',
      name: '客户一',
      customerType: 'individual',
      contactName: '某',
      source: 'other',
      needs: '—',
      owner: REP.email,
    },
  ]);
  const followUps: FieldValues[] = [];
  const tickets: FieldValues[] = [];
  const surveys: FieldValues[] = [];
  let serial = 0;
  for (const year of [2022, 2023, 2024, 2025]) {
    for (let index = 0; index < perYear; index++) {
      serial++;
      const when = at(`${year}-0${1 + (index % 9)}-1${index % 10}T03:00:00Z`);
      const done = index % 3 !== 0;
      followUps.push({
        id: `G${serial}`,
        customerId: 'C1',
        at: when,
        channel: 'phone',
        content: index === 4 ? '=1+1 literal' : `第 ${serial} 次`,
        owner: REP.email,
        status: done ? 'done' : 'open',
        doneAt: done ? when : null,
        nextAction: done ? null : '回访',
      });
      if (index % 2 === 0)
        tickets.push({
          id: `F${serial}`,
          customerId: 'C1',
          ticketType: 'consultation',
          category: 'product',
          description: `问题 ${serial}`,
          priority: 'medium',
          assignee: REP.email,
          status: index % 4 === 0 ? 'closed' : 'inProgress',
          reportedAt: when,
          archivedAt: index % 8 === 2 ? when : null,
        });
      if (index % 3 === 1)
        surveys.push({
          id: `S${serial}`,
          customerId: 'C1',
          date: when,
          overall: 4,
          suggestions: index % 6 === 1 ? '建议' : null,
          suggestionAnsweredAt: index % 12 === 1 ? when : null,
        });
    }
  }
  seed('followUps', language, followUps);
  seed('tickets', language, tickets);
  seed('satisfaction', language, surveys);
  return started;
}

function seed(table: TableKey, language: 'zh-CN' | 'en', records: FieldValues[]): void {
  appendRecords(readTable(TEMPLATES[table], loadDocumentProperties()), records, language);
}

type Sheetish = GoogleAppsScript.Spreadsheet.Sheet;
/** Data rows of a table's sheet as getValues gives them (every column). */
function rowsOf(sheet: Sheetish): unknown[][] {
  const last = sheet.getLastRow();
  return last < 2 ? [] : sheet.getRange(2, 1, last - 1, sheet.getLastColumn()).getValues();
}

/** The rows the archive must take, by table: closed, dated and closed before 2024 (the default cut-off). */
function eligibleIds(started: Started): Record<string, string[]> {
  const book = spreadsheetOf(started.runtime);
  const pick = (table: string, keep: (values: FieldValues) => boolean) =>
    readTable(TEMPLATES[table as TableKey], loadDocumentProperties(), book)
      .records.filter((record) => keep(record.values))
      .map((record) => String(record.values.id));
  const before = (value: unknown) =>
    Object.prototype.toString.call(value) === '[object Date]' &&
    (value as Date).getTime() < Date.parse('2023-12-31T16:00:00Z');
  return {
    followUps: pick('followUps', (v) => v.status === 'done' && before(v.at)),
    tickets: pick('tickets', (v) => (v.status === 'closed' || Boolean(v.archivedAt)) && before(v.reportedAt)),
    satisfaction: pick(
      'satisfaction',
      (v) => before(v.date) && (v.suggestions === null || v.suggestionAnsweredAt !== null),
    ),
  };
}

/** Source rows (whole width) by id, for the checksum comparison. */
function rowsById(sheet: Sheetish): Map<string, unknown[]> {
  const idAt = (sheetColumns(sheet).id as number) - 1;
  return new Map(rowsOf(sheet).map((row) => [String(row[idAt]), row]));
}

function sheetColumns(sheet: Sheetish): Record<string, number> {
  const out: Record<string, number> = {};
  for (const metadata of sheet.createDeveloperMetadataFinder().withKey('crm.column').find()) {
    const column = metadata.getLocation().getColumn();
    if (column) out[metadata.getValue() as string] = column.getColumn();
  }
  return out;
}

/** A row of the source, reordered into the archive's columns by key (both sheets are the templates'). */
function inArchiveOrder(row: unknown[], from: Record<string, number>, to: Record<string, number>): unknown[] {
  const out: unknown[] = [];
  for (const [key, at] of Object.entries(to)) out[at - 1] = from[key] ? row[from[key] - 1] : '';
  return out;
}

function archiveBooks(started: Started): Record<string, GoogleAppsScript.Spreadsheet.Spreadsheet> {
  const raw = documentProperties(started.runtime).getProperty('crm.archive.files') ?? '{}';
  const files = JSON.parse(raw) as Record<string, { id: string }>;
  const out: Record<string, GoogleAppsScript.Spreadsheet.Spreadsheet> = {};
  for (const [year, file] of Object.entries(files)) out[year] = SpreadsheetApp.openById(file.id);
  return out;
}

function run(started: Started, before: unknown = 2024, user = BOSS) {
  return started.host.run<ActionResult<ArchiveResult>>('runArchive', [{ before }], { user });
}

function value<T>(result: { ok: boolean; value?: unknown }): T {
  const outer = result as { ok: true; value: ActionResult<T> };
  expect(outer.ok).toBe(true);
  if (!outer.value.ok) throw new Error(`action failed: ${JSON.stringify(outer.value)}`);
  return outer.value.value;
}

/** Everything the archive holds, per table: ids (each once) and the source-ordered rows' checksum. */
function expectArchived(
  started: Started,
  expected: Record<string, string[]>,
  originals: Record<string, Map<string, unknown[]>>,
) {
  const book = spreadsheetOf(started.runtime);
  const books = archiveBooks(started);
  expect(Object.keys(books).sort()).toEqual(['2022', '2023']);
  for (const table of ['followUps', 'tickets', 'satisfaction']) {
    const source = sheetForTable(book, table);
    const sourceColumns = sheetColumns(source);
    const left = rowsById(source);
    // Nothing eligible is left; everything else is.
    for (const id of expected[table] as string[]) expect(left.has(id)).toBe(false);
    expect(left.size).toBe((originals[table] as Map<string, unknown[]>).size - (expected[table] as string[]).length);
    const archived: string[] = [];
    const archivedRows: unknown[][] = [];
    const sourceRows: unknown[][] = [];
    for (const year of ['2022', '2023']) {
      const sheet = sheetForTable(books[year] as GoogleAppsScript.Spreadsheet.Spreadsheet, table);
      const columns = sheetColumns(sheet);
      for (const [id, row] of rowsById(sheet)) {
        archived.push(id);
        archivedRows.push(row.slice(0, Math.max(...Object.values(columns))));
        const original = (originals[table] as Map<string, unknown[]>).get(id) as unknown[];
        expect(original).toBeDefined();
        sourceRows.push(inArchiveOrder(original, sourceColumns, columns));
      }
    }
    expect(archived.slice().sort()).toEqual((expected[table] as string[]).slice().sort());
    expect(new Set(archived).size).toBe(archived.length);
    expect(checksumOf(archivedRows)).toEqual(checksumOf(sourceRows));
  }
}

function snapshotSources(started: Started): Record<string, Map<string, unknown[]>> {
  const book = spreadsheetOf(started.runtime);
  const out: Record<string, Map<string, unknown[]>> = {};
  for (const table of ['followUps', 'tickets', 'satisfaction']) out[table] = rowsById(sheetForTable(book, table));
  return out;
}

/**
 * Runs `hook` just before the next deletion of a verified chunk: the Sheets.Spreadsheets.batchUpdate made while
 * the run's position names a chunk being deleted (the archive's install makes batchUpdates too, before that).
 */
function beforeNextDeletion(started: Started, hook: () => void): void {
  const check = () => {
    const cursor = JSON.parse(documentProperties(started.runtime).getProperty('crm.archive.run') || 'null') as {
      pending: unknown;
    } | null;
    if (cursor?.pending) hook();
    else started.runtime.meter.beforeNextCall('Sheets.Spreadsheets.batchUpdate', check);
  };
  started.runtime.meter.beforeNextCall('Sheets.Spreadsheets.batchUpdate', check);
}

function logRows(started: Started): unknown[][] {
  return readTable(TEMPLATES.log, loadDocumentProperties(), spreadsheetOf(started.runtime))
    .records.filter((record) => record.values.action === 'archive')
    .map((record) => [record.values.rowsChanged, record.values.details]);
}

describe('archiving old records', () => {
  it('moves exactly the eligible rows into one archive per year, checksums equal, customers untouched, logs once', () => {
    const started = setUp();
    const expected = eligibleIds(started);
    const originals = snapshotSources(started);
    const customersBefore = rowsOf(sheetForTable(spreadsheetOf(started.runtime), 'customers'));
    const form = value<ArchiveForm>(started.host.run('getArchiveForm', [], { user: BOSS }));
    expect(form).toMatchObject({ defaultBefore: 2024, maxBefore: 2025, files: [], inProgress: null });

    const result = value<ArchiveResult>(run(started, form.defaultBefore));
    expect(result).toMatchObject({
      done: true,
      before: 2024,
      moved: {
        followUps: expected.followUps?.length,
        tickets: expected.tickets?.length,
        surveys: expected.satisfaction?.length,
      },
      skipped: 0,
    });
    expect(result.files.map((file) => file.year)).toEqual([2022, 2023]);
    expect(result.message).toContain('已归档 2024 年之前');
    expectArchived(started, expected, originals);
    const names = Object.values(archiveBooks(started)).map((book) => book.getName());
    expect(names.sort()).toEqual(expect.arrayContaining([expect.stringMatching(/· 归档 2022$/)]));
    expect(rowsOf(sheetForTable(spreadsheetOf(started.runtime), 'customers'))).toEqual(customersBefore);
    const total =
      (expected.followUps?.length ?? 0) + (expected.tickets?.length ?? 0) + (expected.satisfaction?.length ?? 0);
    expect(logRows(started)).toEqual([[total, expect.stringContaining('2022, 2023')]]);
    // The archive is in the workbook's language, with the same sheets.
    const archive = archiveBooks(started)['2022'] as GoogleAppsScript.Spreadsheet.Spreadsheet;
    expect(sheetForTable(archive, 'followUps').getName()).toBe(
      sheetForTable(spreadsheetOf(started.runtime), 'followUps').getName(),
    );

    // Again: a no-op (nothing moved, archives unchanged, a second Log row saying nothing moved).
    const again = value<ArchiveResult>(run(started));
    expect(again).toMatchObject({ done: true, moved: { followUps: 0, tickets: 0, surveys: 0 } });
    expect(again.message).toBe('2024 年之前没有可归档的记录。');
    expectArchived(started, expected, originals);
  });

  it('lists every year’s archive, with its link, in Settings after each run (an edit there moves nothing)', () => {
    const started = setUp('en', 20);
    const settingValue = () =>
      readTable(TEMPLATES.settings, loadDocumentProperties(), spreadsheetOf(started.runtime)).records.find(
        (record) => record.values.key === 'archiveFiles',
      )?.values.value;
    expect(settingValue()).toBeNull(); // blank until the first run
    // A workbook whose Settings predate the row (template v1): the run's repair adds it first.
    const settingsSheet = sheetForTable(spreadsheetOf(started.runtime), 'settings');
    const oldRow = readTable(TEMPLATES.settings, loadDocumentProperties(), spreadsheetOf(started.runtime)).records.find(
      (record) => record.values.key === 'archiveFiles',
    )?.row as number;
    settingsSheet.deleteRow(oldRow);
    documentProperties(started.runtime).setProperty('crm.templateVersion.settings', '1');
    expect(settingValue()).toBeUndefined();
    value<ArchiveResult>(run(started));
    expect(documentProperties(started.runtime).getProperty('crm.templateVersion.settings')).toBe('2');
    const books = archiveBooks(started);
    const expected = ['2022', '2023']
      .map((year) => `${year}: https://docs.google.com/spreadsheets/d/${books[year]?.getId()}/edit`)
      .join('\n');
    expect(settingValue()).toBe(expected);
    // Typed over by hand: the next run writes it again; the add-on's own record of the files is unchanged.
    const settings = readTable(TEMPLATES.settings, loadDocumentProperties(), spreadsheetOf(started.runtime));
    const row = settings.records.find((record) => record.values.key === 'archiveFiles')?.row as number;
    sheetForTable(spreadsheetOf(started.runtime), 'settings')
      .getRange(row, settings.layout.columns.value as number)
      .setValue('gone');
    expect(value<ArchiveResult>(run(started)).files.map((file) => file.year)).toEqual([2022, 2023]);
    expect(settingValue()).toBe(expected);
  });

  it('deletes each chunk’s rows in one batchUpdate, never one call per row or per run', () => {
    const started = setUp('en', 60);
    let deletions = 0;
    const count = () => {
      deletions++;
      beforeNextDeletion(started, count);
    };
    beforeNextDeletion(started, count);
    const { result, cost } = started.runtime.meter.measure(() => value<ArchiveResult>(run(started)));
    const moved = result.moved.followUps + result.moved.tickets + result.moved.surveys;
    expect(moved).toBeGreaterThan(100);
    // Eligible rows interleave with open ones (many runs), yet one deletion call per table's chunk.
    expect(deletions).toBe(3);
    expect(cost.byMethod['SpreadsheetApp.Sheet.deleteRows'] ?? 0).toBe(0);
    expect(cost.byMethod['SpreadsheetApp.Sheet.deleteRow'] ?? 0).toBe(0);
    expect(cost.byMethod['SpreadsheetApp.Range.setValue'] ?? 0).toBe(0);
  });

  it('deletes by runs, bottom up, when the batch deletion is refused (atomic: nothing was deleted)', () => {
    const started = setUp('en', 60);
    const expected = eligibleIds(started);
    const originals = snapshotSources(started);
    let refused = 0;
    const refuse = () => {
      refused++;
      beforeNextDeletion(started, refuse);
      throw new Error('API call to sheets.spreadsheets.batchUpdate failed with error: Internal error encountered.');
    };
    beforeNextDeletion(started, refuse);
    const { result, cost } = started.runtime.meter.measure(() => value<ArchiveResult>(run(started)));
    expect(refused).toBe(3);
    expect(result.done).toBe(true);
    expectArchived(started, expected, originals);
    const moved = result.moved.followUps + result.moved.tickets + result.moved.surveys;
    const deletes = cost.byMethod['SpreadsheetApp.Sheet.deleteRows'] ?? 0;
    expect(deletes).toBeGreaterThan(0);
    expect(deletes).toBeLessThan(moved / 1.5);
  });

  it.each([
    ['after a chunk is copied, before it is deleted', 0],
    ['after it is deleted, before the position is saved', 1],
  ])('a crash %s loses and doubles nothing on resume', (_, afterDelete) => {
    const started = setUp();
    const expected = eligibleIds(started);
    const originals = snapshotSources(started);
    const meter = started.runtime.meter;
    const crash = () => {
      throw new Error('injected crash');
    };
    if (afterDelete === 0)
      beforeNextDeletion(started, () => {
        // The batch fails (atomic: nothing deleted), then the run stops before its fallback deletes a row.
        meter.beforeNextCall('SpreadsheetApp.Sheet.deleteRows', crash);
        crash();
      });
    else
      beforeNextDeletion(started, () =>
        // The first setProperty after the deletion is the saved position.
        meter.beforeNextCall('PropertiesService.Properties.setProperty', crash),
      );
    const crashed = run(started);
    expect(JSON.stringify(crashed)).toContain('injected crash');
    const cursor = documentProperties(started.runtime).getProperty('crm.archive.run');
    expect(cursor).toBeTruthy();
    // The form says a run is in progress; running again finishes it with the same counts.
    const form = value<ArchiveForm>(started.host.run('getArchiveForm', [], { user: BOSS }));
    expect(form.inProgress).toMatchObject({ before: 2024 });
    const resumed = value<ArchiveResult>(run(started));
    expect(resumed).toMatchObject({
      done: true,
      moved: {
        followUps: expected.followUps?.length,
        tickets: expected.tickets?.length,
        surveys: expected.satisfaction?.length,
      },
    });
    expectArchived(started, expected, originals);
    expect(logRows(started)).toHaveLength(1);
    expect(documentProperties(started.runtime).getProperty('crm.archive.run') ?? '').toBe('');
  });

  it('stops at its time budget, saves its position and a trigger continues it', () => {
    const started = setUp();
    const expected = eligibleIds(started);
    const originals = snapshotSources(started);
    // Time passes while the first chunk is deleted: the budget is spent after it.
    beforeNextDeletion(started, () => started.runtime.clock.advance(5 * 60 * 1000));
    const first = value<ArchiveResult>(run(started));
    expect(first.done).toBe(false);
    expect(first.message).toContain('一分钟后自动继续');
    const triggers = started.runtime.triggers.list();
    expect(triggers).toHaveLength(1);
    expect(JSON.stringify(triggers[0])).toContain('continueArchive');
    started.host.run('continueArchive', [], { user: BOSS });
    expect(started.runtime.triggers.list()).toEqual([]);
    expectArchived(started, expected, originals);
    expect(logRows(started)).toHaveLength(1);
  });

  it('refuses a non-manager and bad input with a clear message, and moves nothing', () => {
    const started = setUp('en');
    const originals = snapshotSources(started);
    expect(run(started, 2024, { ...REP, locale: 'en' })).toMatchObject({
      ok: true,
      value: {
        ok: false,
        error: { kind: 'forbidden', message: 'Only managers on the Team sheet can archive records.' },
      },
    });
    expect(started.host.run('getArchiveForm', [], { user: { ...REP, locale: 'en' } })).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'forbidden' } },
    });
    for (const bad of ['20x4', 2026, 1800, '', null, '2024.5']) {
      expect(run(started, bad)).toMatchObject({
        ok: true,
        value: {
          ok: false,
          error: {
            kind: 'validation',
            message: 'Give a four-digit year, no later than this year (records before 1 January of it are archived).',
          },
        },
      });
    }
    expect(snapshotSources(started)).toEqual(originals);
    expect(documentProperties(started.runtime).getProperty('crm.archive.files')).toBeNull();
  });
});
