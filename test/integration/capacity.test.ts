import { appendRecords, readTable, writeFields } from '../../src/server/workbook/table';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import type { Language } from '../../src/shared/i18n/language';
import type { FieldValue } from '../../src/shared/schema/cells';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { documentProperties, spreadsheetOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/**
 * The capacity gauge and the digest's capacity warning (issue 20 item 3) on the built bundle. The runtime
 * starts on Monday 2024-06-03 09:00 in Asia/Shanghai. Cells are grown by inserting empty rows: the limit
 * counts the grid, not the values.
 */
const BOSS = { email: 'boss@example.com', locale: 'zh_CN' };
const REP = { email: 'rep@example.com', locale: 'zh_CN' };
const LIMIT = 10_000_000;
const SAMPLES = 'crm.capacity.samples';
const DASHBOARD: Record<Language, string> = { en: 'Dashboard', 'zh-CN': '仪表板', 'zh-TW': '儀表板' };

const TEXTS = {
  en: {
    cells: 'Cells used (rows × columns of every sheet, empty ones too)',
    share: 'Share of the cell limit used',
    growth: 'Growth (cells added per day, last 90 days)',
    projected: 'Projected full at this rate',
    section: 'Workbook capacity',
    noGrowth: 'not at the current rate',
    measuring: 'measuring since 2024-06-03 (a rate needs 7 days of daily counts)',
    ok: 'Below the 70% warning',
    warning: '70% or more used: a manager should run Manager tools › Archive old records…',
    digestWarning:
      /^The workbook uses ([\d,]+) of its 10,000,000 cells \((\d+\.\d)%; the warning is at (\d+)%\)\. Projected full: (.+)\. Run Manager tools › Archive old records… from the add-on menu to move closed records out of it\.$/m,
  },
  'zh-CN': {
    cells: '已用单元格（各工作表行数 × 列数，含空单元格）',
    share: '已用占上限比例',
    growth: '增速（每天新增单元格，近 90 天）',
    projected: '按此增速预计用满日期',
    section: '表格容量',
    noGrowth: '按当前增速不会用满',
    measuring: '自 2024-06-03 起统计中（需 7 天的每日计数才能算出增速）',
    ok: '低于 70% 预警线',
    warning: '已用 70% 或以上：请主管运行 主管工具 › 归档旧记录…',
    digestWarning:
      /^本表格已用 ([\d,]+) 个单元格，上限 10,000,000（(\d+\.\d)%；预警线 (\d+)%）。预计用满：(.+)。请从插件菜单运行 主管工具 › 归档旧记录…，把已结束的记录移出本表格。$/m,
  },
} as const;

function setUp(language: Language, options: { advancedSheetsEnabled?: boolean } = {}) {
  const started = startAddon({ user: BOSS, ...options });
  started.host.run('runInstall', [{ language }]);
  started.host.open();
  useRuntimeGlobals(started.runtime);
  return started;
}

type Runtime = ReturnType<typeof setUp>['runtime'];

/** The grid of every sheet, as the limit counts it, read through the API. */
function gridCells(runtime: Runtime): number {
  const cells = spreadsheetOf(runtime)
    .getSheets()
    .reduce((sum, sheet) => sum + sheet.getMaxRows() * sheet.getMaxColumns(), 0);
  runtime.meter.reset();
  return cells;
}

/** Adds `cells` empty cells (rounded up to whole rows) to a sheet of the user's: no values written. */
function grow(runtime: Runtime, cells: number): void {
  const spreadsheet = spreadsheetOf(runtime);
  const sheet = spreadsheet.getSheetByName('Big') ?? spreadsheet.insertSheet('Big');
  sheet.insertRowsAfter(sheet.getMaxRows(), Math.ceil(cells / sheet.getMaxColumns()));
  runtime.meter.reset();
}

/** Grows the workbook to `percent` % of the limit, give or take a row. */
function growTo(runtime: Runtime, percent: number): void {
  grow(runtime, (LIMIT * percent) / 100 - gridCells(runtime));
}

function gauge(runtime: Runtime, language: Language): Map<string, unknown[]> {
  const values = runtime.workbook.values(DASHBOARD[language]);
  return new Map(values.map((row) => [String(row[0]), row.slice(1, 3)]));
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function addMember(email: string, name: string, role: 'rep' | 'manager', language: Language): void {
  appendRecords(readTable(TEMPLATES.team, loadDocumentProperties()), [{ name, email, role, active: true }], language);
}

function setSetting(key: string, value: FieldValue, language: Language): void {
  const table = readTable(TEMPLATES.settings, loadDocumentProperties());
  const record = table.records.find((candidate) => candidate.values.key === key);
  if (!record) throw new Error(`no Settings row ${key}`);
  writeFields(table, [{ row: record.row, values: { value } }], language);
}

describe.each(['en', 'zh-CN'] as const)('the Dashboard capacity gauge (%s)', (language) => {
  const text = TEXTS[language];

  it('shows cells used of 10,000,000, the share, the growth per day and the projected full date', () => {
    const { host, runtime } = setUp(language);
    grow(runtime, 1_000_000);
    const cells = gridCells(runtime);
    // Thirty days ago the workbook had 300,000 cells fewer: 10,000 a day.
    documentProperties(runtime).setProperty(SAMPLES, JSON.stringify([['2024-05-04', cells - 300_000]]));
    runtime.meter.reset();
    expect(host.run('refreshDashboard')).toMatchObject({ ok: true, value: { ok: true } });
    const cost = runtime.meter.snapshot();
    const rows = gauge(runtime, language);
    expect(rows.get(text.cells)).toEqual([cells, `${language === 'en' ? 'of' : '上限'} 10,000,000`]);
    expect(rows.get(text.share)?.[0]).toBeCloseTo(cells / LIMIT, 12);
    expect(rows.get(text.growth)?.[0]).toBe(10_000);
    const days = Math.ceil((LIMIT - cells) / 10_000);
    expect(rows.get(text.projected)?.[0]).toBe(addDays('2024-06-03', days));
    const values = runtime.workbook.values(DASHBOARD[language]);
    expect(values.findIndex((row) => row[0] === text.section)).toBe(4);
    expect(values.flat()).toContain(text.ok);
    // The count is two calls: the spreadsheet's id and the grid sizes.
    expect(cost.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    // Today's count joined the samples.
    expect(JSON.parse(documentProperties(runtime).getProperty(SAMPLES) ?? '[]')).toEqual([
      ['2024-05-04', cells - 300_000],
      ['2024-06-03', cells],
    ]);
  });

  it('says "measuring since" with no samples, and "not at the current rate" when the grid did not grow', () => {
    const { host, runtime } = setUp(language);
    host.run('refreshDashboard');
    expect(gauge(runtime, language).get(text.projected)?.[0]).toBe(text.measuring);
    expect(gauge(runtime, language).get(text.growth)?.[0]).toBe('–');
    const cells = gridCells(runtime);
    documentProperties(runtime).setProperty(SAMPLES, JSON.stringify([['2024-05-20', cells]]));
    host.run('refreshDashboard');
    expect(gauge(runtime, language).get(text.projected)?.[0]).toBe(text.noGrowth);
    expect(gauge(runtime, language).get(text.growth)?.[0]).toBe(0);
  });

  it('keeps the chart sources on their blocks below the gauge', () => {
    const { host, runtime } = setUp(language);
    host.run('refreshDashboard');
    const charts = runtime.workbook.charts(DASHBOARD[language]);
    const first = runtime.workbook.values(DASHBOARD[language], charts[0]?.ranges[0]);
    expect(first.map((row) => row[0]).slice(1)).toEqual([1, 2, 3, 4, 5]);
  });

  it('counts the same without the Advanced Sheets service (SpreadsheetApp, two calls per sheet)', () => {
    const { host, runtime } = setUp(language, { advancedSheetsEnabled: false });
    grow(runtime, 250_000);
    const cells = gridCells(runtime);
    const sheets = spreadsheetOf(runtime).getSheets().length;
    runtime.meter.reset();
    host.run('refreshDashboard');
    expect(gauge(runtime, language).get(text.cells)?.[0]).toBe(cells);
    expect(runtime.meter.snapshot().byMethod['SpreadsheetApp.Sheet.getMaxColumns']).toBeGreaterThanOrEqual(sheets);
  });

  it('turns red and names the menu item at 70 %', () => {
    const { host, runtime } = setUp(language);
    growTo(runtime, 71);
    host.run('refreshDashboard');
    const values = runtime.workbook.values(DASHBOARD[language]);
    const row = values.findIndex((line) => line[1] === text.warning) + 1;
    expect(row).toBeGreaterThan(0);
    const sheet = spreadsheetOf(runtime).getSheetByName(DASHBOARD[language]);
    expect(sheet?.getRange(row, 2).getFontColor()).toBe('#cc0000');
  });
});

function logFollowUp(host: ReturnType<typeof setUp>['host'], customerId: string, user: typeof BOSS) {
  return host.run(
    'saveFollowUp',
    [
      {
        requestId: requestId(),
        customerId,
        fields: {
          at: '2024-06-01T10:00',
          direction: 'outbound',
          channel: 'phone',
          content: 'call',
          nextAction: 'quote',
          nextActionDue: '2024-06-02T17:00',
        },
      },
    ],
    { user },
  );
}

/** A boss (manager, with an overdue item), a second manager with nothing of their own, a rep with an item. */
function team(language: Language) {
  const started = setUp(language);
  const { host } = started;
  addMember('rep@example.com', 'Rep', 'rep', language);
  addMember('lead@example.com', 'Lead', 'manager', language);
  saveCustomer(host, customerFields());
  saveCustomer(host, customerFields({ name: 'B', phone: '13911112222', email: 'b@x.cn', owner: 'rep@example.com' }), {
    user: REP,
  });
  logFollowUp(host, 'C20240603001', BOSS);
  logFollowUp(host, 'C20240603002', REP);
  return started;
}

function mailsTo(runtime: Runtime, email: string) {
  return runtime.outbox.list().filter((mail) => mail.to.includes(email));
}

describe.each(['en', 'zh-CN'] as const)('the digest’s capacity warning (%s)', (language) => {
  const text = TEXTS[language];

  it('at 70 % or more: every manager’s digest carries it once, first; the rep’s does not', () => {
    const { host, runtime } = team(language);
    growTo(runtime, 72);
    const cells = gridCells(runtime);
    host.clickMenu('runDailyScanNow');
    for (const email of ['boss@example.com', 'lead@example.com']) {
      const mails = mailsTo(runtime, email);
      expect(mails).toHaveLength(1);
      const body = mails[0]?.body ?? '';
      const match = text.digestWarning.exec(body);
      expect(match?.slice(1)).toEqual([
        cells.toLocaleString('en-US'),
        (Math.floor((cells / LIMIT) * 1000) / 10).toFixed(1),
        '70',
        text.measuring,
      ]);
      expect(body.match(new RegExp(text.section, 'g'))).toHaveLength(1);
      expect(mails[0]?.htmlBody).toContain('<p style="color:#cc0000">');
    }
    // First in the mail, before the boss's own overdue follow-up.
    const boss = mailsTo(runtime, 'boss@example.com')[0]?.body ?? '';
    expect(boss.indexOf('G20240603001')).toBeGreaterThan(boss.indexOf(text.section));
    // The lead has no items of their own: the warning alone is worth the mail.
    expect(mailsTo(runtime, 'lead@example.com')[0]?.body).not.toContain('G20240603');
    const rep = mailsTo(runtime, 'rep@example.com');
    expect(rep).toHaveLength(1);
    expect(rep[0]?.body).toContain('G20240603002');
    expect(rep[0]?.body).not.toContain(text.section);
    // The same day again: no second mail.
    host.clickMenu('runDailyScanNow');
    expect(mailsTo(runtime, 'boss@example.com')).toHaveLength(1);
  });

  it('below 70 %: nobody’s digest carries it, and a manager with nothing of their own gets no mail', () => {
    const { host, runtime } = team(language);
    growTo(runtime, 69);
    host.clickMenu('runDailyScanNow');
    expect(mailsTo(runtime, 'boss@example.com')).toHaveLength(1);
    expect(mailsTo(runtime, 'rep@example.com')).toHaveLength(1);
    expect(mailsTo(runtime, 'lead@example.com')).toHaveLength(0);
    for (const mail of runtime.outbox.list()) expect(mail.body).not.toContain(text.section);
  });

  it('follows Settings capacityWarningPercent', () => {
    const { host, runtime } = team(language);
    growTo(runtime, 55);
    setSetting('capacityWarningPercent', 50, language);
    host.clickMenu('runDailyScanNow');
    const match = text.digestWarning.exec(mailsTo(runtime, 'lead@example.com')[0]?.body ?? '');
    expect(match?.[3]).toBe('50');
  });
});
