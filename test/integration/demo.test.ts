import { loadDemo, loadDemoData } from '../../src/local/demo/load';
import { generateDemoData } from '../../src/local/demo/generate';
import { matchKeysOf } from '../../src/server/workbook/match-keys';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { readTable } from '../../src/server/workbook/table';
import type { Language } from '../../src/shared/i18n/language';
import { translate } from '../../src/shared/i18n/translate';
import { cadenceDays } from '../../src/shared/rules/cadence';
import { ticketDues } from '../../src/shared/rules/deadlines';
import { valueTier } from '../../src/shared/rules/grading';
import { settingsWith } from '../../src/shared/rules/settings';
import { isDateObject } from '../../src/shared/rules/settings-parse';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { addLocalDays, localDaysBetween } from '../../src/shared/time/local';
import { fixedOffsetZone } from '../../src/shared/time/zone';
import { startAddon } from '../support/addon';
import { sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, saveCustomer } from '../support/intake';

/**
 * Issue 19 item 6: the demo data follows the Settings in force (tiers, cadences, thresholds) — the loader
 * generates it with the workbook's Settings and the add-on's own rules — and its customers carry the match
 * keys intake writes, so duplicate checks find them.
 */
const ZONE = fixedOffsetZone('Asia/Shanghai', 480);
const CHANGED = {
  tierStrategicMin: 200_000,
  tierKeyMin: 80_000,
  cadenceDaysHigh: 5,
  cadenceDaysMedium: 10,
  cadenceDaysLow: 21,
  cadenceDaysMaxKeyTier: 5,
  sleepingDays: 45,
  ticketFirstResponseHoursHigh: 2,
  ticketResolutionDaysHigh: 2,
};
const USER = (language: Language) => ({
  email: 'owner@example.com',
  locale: language === 'en' ? 'en' : 'zh_CN',
});

function installed(language: Language) {
  const started = startAddon({ user: USER(language) });
  expect(started.host.run('runInstall', [{ language }])).toMatchObject({ ok: true, value: { ok: true } });
  useRuntimeGlobals(started.runtime);
  return started;
}

/** A manager types new values into Settings. */
function changeSettings(runtime: ReturnType<typeof startAddon>['runtime'], values: Record<string, number>): void {
  const sheet = sheetForTable(spreadsheetOf(runtime), 'settings');
  const columns = stampedColumnsOf(sheet);
  const keys = sheet
    .getRange(2, columns.key as number, sheet.getLastRow() - 1, 1)
    .getValues()
    .map((row) => String(row[0]));
  for (const [key, value] of Object.entries(values)) {
    const index = keys.indexOf(key);
    expect(index).toBeGreaterThanOrEqual(0);
    sheet.getRange(index + 2, columns.value as number).setValue(value);
  }
}

/** Dates come from the runtime's realm: recognised by shape, not instanceof. */
const ms = (value: unknown): number | null => (isDateObject(value) ? value.getTime() : null);

describe.each(['zh-CN', 'en'] as const)('demo data (%s)', (language) => {
  it('follows the Settings in force: tiers, cadences, sleeping and SLA dues by the add-on rules', () => {
    const { runtime, host } = installed(language);
    changeSettings(runtime, CHANGED);
    const settings = settingsWith(CHANGED);
    const { report } = loadDemo(runtime, host, { customers: 60, seed: 3 });
    expect(report).toMatchObject({ installed: false, language });
    const now = runtime.clock.now();
    const properties = loadDocumentProperties();
    const customers = readTable(TEMPLATES.customers, properties).records.map((record) => record.values);
    expect(customers).toHaveLength(60);

    // Tiers by the changed thresholds, and all three of them present.
    for (const customer of customers) {
      expect(customer.valueTier).toBe(valueTier(customer.annualValue as number | null, settings));
    }
    expect(new Set(customers.map((customer) => customer.valueTier))).toEqual(new Set(['strategic', 'key', 'standard']));

    // Sleeping after 45 days without contact (the default would be 30).
    for (const customer of customers) {
      const since = ms(customer.lastContactAt) ?? (ms(customer.createdAt) as number);
      expect(customer.sleeping).toBe(localDaysBetween(since, now, ZONE) >= 45);
    }
    expect(customers.some((customer) => customer.sleeping === true)).toBe(true);

    // Each open action is due one cadence after the last contact, by grade and tier (5 / 10 / 21, key tiers 5),
    // unless the contact cap moved it to a later window; the customer's next follow-up is the same date.
    const followUps = readTable(TEMPLATES.followUps, properties).records.map((record) => record.values);
    const open = followUps.filter((row) => row.status === 'open');
    expect(open.length).toBeGreaterThan(10);
    let onCadence = 0;
    for (const row of open) {
      const customer = customers.find((candidate) => candidate.id === row.customerId);
      const due = ms(row.nextActionDue) as number;
      expect(ms(customer?.nextFollowUpDue)).toBe(due);
      const days = cadenceDays(customer?.intentGrade as string, customer?.valueTier as string, settings);
      const cadenceDue = addLocalDays(ms(customer?.lastContactAt) as number, days, ZONE);
      expect(due).toBeGreaterThanOrEqual(cadenceDue);
      if (due === cadenceDue) onCadence++;
      expect(row.overdue).toBe(now > due);
      expect(customer?.followUpOverdue).toBe(now > due);
    }
    expect(onCadence).toBeGreaterThan(open.length / 2);

    // Ticket dues from the SLA settings (high: 2 h first response, 2 working days to resolve).
    const tickets = readTable(TEMPLATES.tickets, properties).records.map((record) => record.values);
    expect(tickets.length).toBeGreaterThan(0);
    for (const ticket of tickets) {
      const dues = ticketDues(ticket.priority as string, ms(ticket.reportedAt) as number, settings, ZONE);
      expect([ms(ticket.firstResponseDue), ms(ticket.resolutionDue)]).toEqual([
        dues.firstResponseDue,
        dues.resolutionDue,
      ]);
    }

    // Grade all, run now, finds every graded column already as the add-on computes it.
    host.open();
    host.clickMenu('gradeAllCustomers');
    const toast = runtime.workbook.toasts().at(-1) as { message: string };
    expect(toast.message).toBe(translate(language, 'grading.done', { examined: 60, changed: 0 }));
  });

  it('writes the match keys intake writes, so a duplicate check finds a demo customer', () => {
    const { runtime, host } = installed(language);
    loadDemo(runtime, host, { customers: 20, seed: 5 });
    const customers = readTable(TEMPLATES.customers, loadDocumentProperties()).records;
    for (const { values } of customers) expect(values.matchKeys).toBe(matchKeysOf(values));
    // A repair finds nothing stale to derive again.
    const repaired = host.run<{ ok: true; value: { unchanged: boolean } }>('runInstall', [{ language }]);
    expect(repaired).toMatchObject({ ok: true, value: { ok: true, value: { unchanged: true } } });

    const demo = customers.find((record) => typeof record.values.phone === 'string')?.values;
    const phone = String(demo?.phone).replace(/\s+/g, '');
    const second = saveCustomer(
      host,
      customerFields({
        phone,
        email: 'someone.else@example.org',
        name: 'Unrelated Trading Co',
        owner: 'owner@example.com',
      }),
      { user: USER(language) },
    );
    expect(second).toMatchObject({
      ok: true,
      value: { ok: false, error: { kind: 'duplicate', duplicates: [expect.objectContaining({ id: demo?.id })] } },
    });
    expect(readTable(TEMPLATES.customers, loadDocumentProperties()).records).toHaveLength(20);
  });
});

describe('ids after the demo', () => {
  it('moves the id counters past the demo rows, so the next saves get new ids', () => {
    const { runtime, host } = installed('zh-CN');
    loadDemo(runtime, host, { customers: 200, seed: 3 });
    const ids = (table: 'customers' | 'followUps') =>
      readTable(TEMPLATES[table], loadDocumentProperties()).records.map((record) => String(record.values.id));
    const before = { customers: ids('customers'), followUps: ids('followUps') };
    // The demo has actions dated today (the clock's day), so today's serials are taken.
    expect(before.followUps).toContain('G20240603001');
    const saved = saveCustomer(
      host,
      customerFields({
        phone: '13700001111',
        email: 'new@example.org',
        name: '全新客户有限公司',
        owner: 'owner@example.com',
      }),
      {
        user: USER('zh-CN'),
      },
    );
    const id = saved.ok && saved.value.ok ? saved.value.value.id : '';
    expect(id).toMatch(/^C\d{11,}$/);
    expect(before.customers).not.toContain(id);
    const logged = host.run<{ ok: true; value: { id: string } }>(
      'saveFollowUp',
      [
        {
          requestId: 'demo-ids-0001',
          customerId: id,
          fields: { at: '2024-06-03T10:00', direction: 'outbound', channel: 'phone', content: '沟通' },
        },
      ],
      { user: USER('zh-CN') },
    );
    const loggedId = logged.ok && logged.value.ok ? logged.value.value.id : '';
    expect(loggedId).toMatch(/^G/);
    expect(before.followUps).not.toContain(loggedId);
    expect(new Set(ids('followUps')).size).toBe(ids('followUps').length);
  });
});

describe('demo data generated beforehand', () => {
  it('with the template defaults matches what loadDemo writes into a workbook at its defaults', () => {
    const { runtime, host } = installed('zh-CN');
    const { data } = loadDemo(runtime, host, { customers: 15, seed: 9 });
    expect(generateDemoData({ customers: 15, seed: 9, nowMs: runtime.clock.now() })).toEqual(data);
    const other = startAddon({ user: USER('zh-CN') });
    loadDemoData(other.runtime, other.host, data, { language: 'zh-CN' });
    useRuntimeGlobals(other.runtime);
    const keys = readTable(TEMPLATES.customers, loadDocumentProperties()).records.map(
      (record) => record.values.matchKeys,
    );
    expect(keys.every((key) => typeof key === 'string' && key.startsWith('|'))).toBe(true);
  });
});
