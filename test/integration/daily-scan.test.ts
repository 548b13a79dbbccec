import { appendRecords, readTable, writeFields } from '../../src/server/workbook/table';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { SCAN_COLUMNS } from '../../src/server/jobs/daily-scan';
import { startAddon } from '../support/addon';
import { columnsOnceBound, wholeTablesCells } from '../support/job-cells';
import { sheetForTable, spreadsheetOf, stampedColumnsOf, useRuntimeGlobals } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

const BOSS = { email: 'boss@example.com', locale: 'zh_CN' };
const REP = { email: 'rep@example.com', locale: 'zh_CN' };
const DAY = 24 * 3600 * 1000;

function setUp(options: { mailDailyQuota?: number } = {}) {
  const started = startAddon({ user: BOSS, ...options });
  started.host.run('runInstall', [{ language: 'zh-CN' }]);
  started.host.open();
  useRuntimeGlobals(started.runtime);
  return started;
}

function addTeamMember(email: string, name: string, role = 'rep'): void {
  const team = readTable(TEMPLATES.team, loadDocumentProperties());
  appendRecords(team, [{ name, email, role, active: true }], 'zh-CN');
}

function followUpRows() {
  return readTable(TEMPLATES.followUps, loadDocumentProperties()).records.map((record) => record.values);
}

function logRows() {
  return readTable(TEMPLATES.log, loadDocumentProperties()).records.map((record) => record.values);
}

function logFollowUp(host: ReturnType<typeof setUp>['host'], customerId: string, due: string, user = BOSS) {
  return host.run(
    'saveFollowUp',
    [
      {
        requestId: requestId(),
        customerId,
        fields: {
          at: '2024-06-03T10:00',
          direction: 'outbound',
          channel: 'phone',
          content: '沟通',
          nextAction: '报价',
          nextActionDue: due,
        },
      },
    ],
    { user },
  );
}

describe('Daily scan on/off', () => {
  it('installs exactly one daily trigger at the digest hour in the sheet’s zone, and removes it', () => {
    const { host, runtime } = setUp();
    runtime.ui.queueAlertResponse('YES');
    host.clickMenu('toggleDailyScan');
    expect(runtime.triggers.list()).toEqual([
      expect.objectContaining({ handlerFunction: 'runDailyScanTrigger', ownerEmail: 'boss@example.com' }),
    ]);
    expect(runtime.ui.alerts.at(-1)?.prompt).toBe(
      '每日扫描已开启：每天 8:00（Asia/Shanghai）由您（boss@example.com）运行，摘要邮件从您的账号发送。',
    );
    // Clicked again but answered "no": still exactly one trigger.
    runtime.ui.queueAlertResponse('NO');
    host.clickMenu('toggleDailyScan');
    expect(runtime.triggers.list()).toHaveLength(1);
    runtime.ui.queueAlertResponse('YES');
    host.clickMenu('toggleDailyScan');
    expect(runtime.triggers.list()).toEqual([]);
    expect(runtime.ui.alerts.at(-1)?.prompt).toBe('每日扫描已关闭。');
  });

  it('tells a second user who runs the scan instead of creating another trigger', () => {
    const { host, runtime } = setUp();
    runtime.ui.queueAlertResponse('YES');
    host.clickMenu('toggleDailyScan');
    host.open({ user: REP });
    host.clickMenu('toggleDailyScan', { user: REP });
    expect(runtime.triggers.list()).toHaveLength(1);
    expect(runtime.ui.alerts.at(-1)?.prompt).toBe(
      '每日扫描已由 boss@example.com 运行（摘要从该账号发送）。只有该用户可以关闭；不会创建第二个扫描。',
    );
  });
});

describe('the scan on the virtual clock', () => {
  it('flags an overdue follow-up the day after its due date, mails only the owner’s own items, once a day', () => {
    const { host, runtime } = setUp();
    addTeamMember('rep@example.com', '小王');
    saveCustomer(host, customerFields());
    saveCustomer(
      host,
      customerFields({ name: '乙公司', phone: '13911112222', email: 'b@x.cn', owner: 'rep@example.com' }),
      { user: REP },
    );
    logFollowUp(host, 'C20240603001', '2024-06-05T17:00');
    logFollowUp(host, 'C20240603002', '2024-06-07T17:00', REP);
    runtime.ui.queueAlertResponse('YES');
    host.clickMenu('toggleDailyScan');

    // Tue 06-04 08:00: nothing overdue yet.
    expect(host.advance(DAY)).toEqual([expect.objectContaining({ handler: 'runDailyScanTrigger', ok: true })]);
    expect(followUpRows().map((row) => row.overdue)).toEqual([false, false]);
    // Thu 06-06 08:00: the boss's action (due 06-05 17:00) is overdue; the rep's is not.
    host.advance(2 * DAY);
    expect(followUpRows().map((row) => row.overdue)).toEqual([true, false]);
    const sheet = sheetForTable(spreadsheetOf(runtime), 'followUps');
    expect(sheet.getRange(2, stampedColumnsOf(sheet).overdue as number).getValue()).toBe(true);

    const bossMails = runtime.outbox.list().filter((mail) => mail.to.includes('boss@example.com'));
    expect(bossMails.length).toBeGreaterThan(0);
    const last = bossMails.at(-1);
    expect(last?.subject).toContain('表格客户管理');
    expect(last?.body).toContain('G20240603001');
    expect(last?.body).not.toContain('G20240603002');
    expect(last?.htmlBody).toContain('<a href="https://docs.google.com/spreadsheets/d/');
    for (const mail of runtime.outbox.list().filter((candidate) => candidate.to.includes('rep@example.com'))) {
      expect(mail.body).not.toContain('G20240603001');
    }

    // Running again the same day changes no data and sends no second mail.
    const mailsBefore = runtime.outbox.list().length;
    const grid = sheet.getDataRange().getValues();
    runtime.meter.reset();
    host.clickMenu('runDailyScanNow');
    expect(runtime.outbox.list()).toHaveLength(mailsBefore);
    expect(sheet.getDataRange().getValues()).toEqual(grid);
    expect(logRows().at(-1)).toMatchObject({ action: 'dailyScan', result: 'ok' });
  });

  it('sends as many digests as the quota allows and logs the rest, also on the dashboard status', () => {
    const { host, runtime } = setUp({ mailDailyQuota: 2 });
    addTeamMember('rep@example.com', '小王');
    addTeamMember('rep2@example.com', '小李');
    saveCustomer(host, customerFields());
    saveCustomer(
      host,
      customerFields({ name: '乙公司', phone: '13911112222', email: 'b@x.cn', owner: 'rep@example.com' }),
    );
    saveCustomer(
      host,
      customerFields({ name: '丙公司', phone: '13911113333', email: 'c@x.cn', owner: 'rep2@example.com' }),
    );
    for (const id of ['C20240603001', 'C20240603002', 'C20240603003']) logFollowUp(host, id, '2024-06-04T09:00');
    runtime.clock.setTime(Date.parse('2024-06-05T00:00:00Z'));
    host.clickMenu('runDailyScanNow');
    expect(runtime.outbox.list()).toHaveLength(2);
    const log = logRows().at(-1);
    expect(log).toMatchObject({ action: 'dailyScan', result: 'partial' });
    expect(String(log?.details)).toContain('邮件配额已用完：1 封摘要未发送');
    const lastScan = JSON.parse(loadDocumentProperties().values['crm.lastScan'] ?? '{}');
    expect(lastScan).toMatchObject({ ok: true, mailShortfall: [expect.any(String)] });
  });

  it('records a failure in the Log and leaves the data as it was', () => {
    const { host, runtime } = setUp();
    saveCustomer(host, customerFields());
    const sheet = sheetForTable(spreadsheetOf(runtime), 'followUps');
    sheet.deleteColumn(stampedColumnsOf(sheet).overdue as number);
    const customers = sheetForTable(spreadsheetOf(runtime), 'customers').getDataRange().getValues();
    host.clickMenu('runDailyScanNow');
    expect(logRows().at(-1)).toMatchObject({ action: 'dailyScan', result: 'failed' });
    expect(String(logRows().at(-1)?.details)).toContain('每日扫描失败');
    expect(sheetForTable(spreadsheetOf(runtime), 'customers').getDataRange().getValues()).toEqual(customers);
    expect(JSON.parse(loadDocumentProperties().values['crm.lastScan'] ?? '{}')).toMatchObject({ ok: false });
    // The dashboard says what failed too, and the Log keeps the stack.
    const dashboard = sheetForTable(spreadsheetOf(runtime), 'dashboard')
      .getDataRange()
      .getDisplayValues()
      .flat()
      .join('\n');
    expect(dashboard).toContain('每日扫描失败');
    expect(String(logRows().at(-1)?.details)).toMatch(/\n\s*at /);
  });

  it('stops cleanly when the add-on lost its authorization', () => {
    const { host, runtime } = setUp();
    runtime.ui.queueAlertResponse('YES');
    host.clickMenu('toggleDailyScan');
    runtime.ctx.authorizedUsers.delete('boss@example.com');
    const runs = host.advance(DAY);
    expect(runs).toEqual([expect.objectContaining({ ok: true })]);
    expect(runtime.outbox.list()).toEqual([]);
    expect(runtime.logs.entries.some((entry) => entry.message.includes('每日扫描需要重新授权'))).toBe(true);
    expect(logRows().at(-1)).toMatchObject({
      action: 'dailyScan',
      result: 'failed',
      details: '每日扫描需要重新授权：请从菜单打开一次插件。',
    });
  });
});

describe('match keys of rows edited by hand', () => {
  it('derives them again, so intake finds a phone typed into the sheet in any format; a second scan writes none', () => {
    const { host, runtime } = setUp();
    saveCustomer(host, customerFields());
    saveCustomer(host, customerFields({ name: '乙公司', phone: '13911112222', email: 'b@x.cn' }));
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const columns = stampedColumnsOf(sheet);
    const keysOf = (row: number) => sheet.getRange(row, columns.matchKeys as number).getValue() as string;
    const intact = keysOf(3);
    // A rep corrects the first customer's phone in the sheet (full-width digits, spaces) and types a third
    // customer into the sheet by hand.
    sheet.getRange(2, columns.phone as number).setValue('１３７ ００１３ ７０００');
    sheet.getRange(4, columns.id as number).setValue('C20240101001');
    sheet.getRange(4, columns.name as number).setValue('手填公司');
    sheet.getRange(4, columns.phone as number).setValue('+86 136-0013-6000');
    const stale = saveCustomer(host, customerFields({ name: '丙', email: 'c@x.cn', phone: '13700137000' }));
    expect(stale).toMatchObject({ ok: true, value: { ok: true } });
    sheet.deleteRow(5); // the customer just saved: the scan should find the sheet as the rep left it

    runtime.meter.reset();
    host.clickMenu('runDailyScanNow');
    expect(keysOf(2)).toMatch(/^\|p:13700137000\|/);
    expect(keysOf(3)).toBe(intact);
    expect(keysOf(4)).toBe('|p:13600136000|');
    for (const [phone, id] of [
      ['137 0013 7000', 'C20240603001'],
      ['13600136000', 'C20240101001'],
    ] as const) {
      const again = saveCustomer(host, customerFields({ name: '新', email: '', phone }));
      expect(again).toMatchObject({
        ok: true,
        value: { ok: false, error: { kind: 'duplicate', duplicates: [expect.objectContaining({ id })] } },
      });
    }
    // A second scan finds every key current: no match-keys cell written.
    const before = sheet.getRange(2, columns.matchKeys as number, 3, 1).getValues();
    host.clickMenu('runDailyScanNow');
    expect(sheet.getRange(2, columns.matchKeys as number, 3, 1).getValues()).toEqual(before);
  });
});

describe('care actions', () => {
  it('creates one care action 7 days before a birthday, once', () => {
    const { host } = setUp();
    saveCustomer(host, customerFields({ birthday: '1985-06-12' }));
    host.clickMenu('runDailyScanNow');
    expect(followUpRows().filter((row) => row.reason === 'care')).toEqual([]);
    const customers = readTable(TEMPLATES.customers, loadDocumentProperties());
    writeFields(customers, [{ row: 2, values: { birthday: new Date(Date.parse('1985-06-08T16:00:00Z')) } }], 'zh-CN');
    host.clickMenu('runDailyScanNow');
    host.clickMenu('runDailyScanNow');
    const care = followUpRows().filter((row) => row.reason === 'care');
    expect(care).toHaveLength(1);
    expect(care[0]).toMatchObject({
      relatedId: 'care:C20240603001:birthday:2024-06-09',
      status: 'open',
      owner: 'boss@example.com',
    });
  });
});

describe('a scan that waited for the lock', () => {
  it('gives its care action the id after a follow-up saved while it waited, not the same one', () => {
    const { host, runtime } = setUp();
    saveCustomer(host, customerFields({ birthday: '1985-06-09' }));
    // Apps Script's tryLock waits: a rep's save runs start to finish while the scan waits for the lock.
    runtime.meter.beforeNextCall('LockService.Lock.tryLock', () => {
      expect(logFollowUp(host, 'C20240603001', '2024-06-20T10:00')).toMatchObject({
        ok: true,
        value: { ok: true, value: { id: 'G20240603001' } },
      });
    });
    host.clickMenu('runDailyScanNow');
    const rows = followUpRows();
    expect(rows.map((row) => [row.id, row.reason])).toEqual([
      ['G20240603001', 'manual'],
      ['G20240603002', 'care'],
    ]);
  });
});

describe('flags on the expected days, in Asia/Shanghai', () => {
  function saveTicket(host: ReturnType<typeof setUp>['host'], priority: string, reportedAt: string) {
    return host.run('saveTicket', [
      {
        requestId: requestId(),
        customerId: 'C20240603001',
        fields: {
          ticketType: 'technicalSupport',
          category: 'product',
          priority,
          description: '设备无法开机',
          assignee: 'boss@example.com',
          reportedAt,
        },
      },
    ]);
  }

  function ticketFlags(): Record<string, boolean> {
    return Object.fromEntries(
      readTable(TEMPLATES.tickets, loadDocumentProperties()).records.map((record) => [
        String(record.values.priority),
        record.values.slaBreached === true,
      ]),
    );
  }

  it('breaches SLAs at the first scan after the priority’s hours, skipping weekends and Settings holidays', () => {
    const { host, runtime } = setUp();
    saveCustomer(host, customerFields());
    // Monday 2024-06-10 is made a holiday in Settings.
    const settings = readTable(TEMPLATES.settings, loadDocumentProperties());
    const holidays = settings.records.find((record) => record.values.key === 'holidays');
    writeFields(settings, [{ row: holidays?.row as number, values: { value: '2024-06-10' } }], 'zh-CN');
    // Reported Friday 2024-06-07 17:00: high is due 21:00 Friday; medium's 24 h land on Saturday → the next
    // working day at 17:00 is Tuesday (Monday is a holiday).
    runtime.clock.setTime(Date.parse('2024-06-07T09:00:00Z'));
    expect(saveTicket(host, 'high', '2024-06-07T17:00')).toMatchObject({ ok: true, value: { ok: true } });
    expect(saveTicket(host, 'medium', '2024-06-07T17:00')).toMatchObject({ ok: true, value: { ok: true } });
    runtime.ui.queueAlertResponse('YES');
    host.clickMenu('toggleDailyScan');
    const dueOf = (priority: string) =>
      (
        readTable(TEMPLATES.tickets, loadDocumentProperties()).records.find(
          (record) => record.values.priority === priority,
        )?.values.firstResponseDue as Date
      ).toISOString();
    expect(dueOf('high')).toBe('2024-06-07T13:00:00.000Z');
    expect(dueOf('medium')).toBe('2024-06-11T09:00:00.000Z');
    host.advance(DAY); // Saturday 08:00
    expect(ticketFlags()).toEqual({ high: true, medium: false });
    host.advance(3 * DAY); // Tuesday 08:00: medium is due at 17:00 today
    expect(ticketFlags()).toEqual({ high: true, medium: false });
    host.advance(DAY); // Wednesday 08:00
    expect(ticketFlags()).toEqual({ high: true, medium: true });
  });

  it('marks a customer sleeping on the 30th day without contact, counted in local days across midnight', () => {
    const { host, runtime } = setUp();
    // Created at 23:30 local on 2024-06-03 (15:30 UTC): day 30 is 2024-07-03 local.
    runtime.clock.setTime(Date.parse('2024-06-03T15:30:00Z'));
    saveCustomer(host, customerFields());
    runtime.ui.queueAlertResponse('YES');
    host.clickMenu('toggleDailyScan');
    const sleeping = () => readTable(TEMPLATES.customers, loadDocumentProperties()).records[0]?.values.sleeping;
    // Scans run at 08:00 local; jump to 2024-07-02 07:00 local, then one day at a time.
    host.advance(Date.parse('2024-07-01T23:00:00Z') - runtime.clock.now());
    expect(sleeping()).toBe(false);
    host.advance(DAY); // 2024-07-03 07:00 local: the 08:00 scan of 07-02 ran (day 29)
    expect(sleeping()).toBe(false);
    host.advance(2 * 3600 * 1000); // 2024-07-03 09:00 local: the 08:00 scan of day 30 ran
    expect(sleeping()).toBe(true);
    const sheet = sheetForTable(spreadsheetOf(runtime), 'customers');
    const rules = sheet.getConditionalFormatRules();
    expect(rules.length).toBeGreaterThan(0);
  });
});

describe('cost of the scan', () => {
  it('makes the same service calls over 10,000 customers / 50,000 follow-ups / 5,000 tickets as over 10 / 50 / 5', () => {
    const costs = [10, 10000].map((customers) => {
      const { host, runtime } = setUp();
      const now = new Date(runtime.clock.now());
      const tables = {
        customers: readTable(TEMPLATES.customers, loadDocumentProperties()),
        followUps: readTable(TEMPLATES.followUps, loadDocumentProperties()),
        tickets: readTable(TEMPLATES.tickets, loadDocumentProperties()),
      };
      appendRecords(
        tables.customers,
        Array.from({ length: customers }, (_, i) => ({
          id: `C20240101${String(i + 1).padStart(5, '0')}`,
          name: `客户${i}`,
          customerType: 'individual',
          contactName: '某',
          source: 'other',
          needs: '—',
          owner: 'boss@example.com',
          status: 'active',
          stage: 'initialContact',
          createdAt: now,
        })),
        'zh-CN',
      );
      appendRecords(
        tables.followUps,
        Array.from({ length: customers * 5 }, (_, i) => ({
          id: `G20240101${String(i + 1).padStart(6, '0')}`,
          customerId: `C20240101${String((i % customers) + 1).padStart(5, '0')}`,
          at: now,
          direction: 'outbound',
          channel: 'phone',
          content: '沟通',
          owner: 'boss@example.com',
          status: i % 3 === 0 ? 'open' : 'done',
          nextActionDue: i % 3 === 0 ? new Date(now.getTime() - DAY) : null,
        })),
        'zh-CN',
      );
      appendRecords(
        tables.tickets,
        Array.from({ length: customers / 2 }, (_, i) => ({
          id: `F20240101${String(i + 1).padStart(5, '0')}`,
          customerId: 'C2024010100001',
          ticketType: 'consultation',
          category: 'product',
          description: '问题',
          priority: 'high',
          assignee: 'boss@example.com',
          status: 'pending',
          reportedAt: now,
          firstResponseDue: new Date(now.getTime() - 3600 * 1000),
          resolutionDue: new Date(now.getTime() + DAY),
        })),
        'zh-CN',
      );
      host.clickMenu('runDailyScanNow'); // first run: flags everything
      runtime.clock.advance(DAY);
      runtime.meter.reset();
      host.clickMenu('runDailyScanNow');
      const snapshot = runtime.meter.snapshot();
      useRuntimeGlobals(runtime);
      // Issue 18: each column a step uses read once per execution, whatever the number of steps using it.
      expect(snapshot.cellsRead).toBeLessThanOrEqual(columnsOnceBound(runtime, SCAN_COLUMNS, 20000));
      if (customers === 10000) {
        const whole = wholeTablesCells(runtime, ['customers', 'followUps', 'tickets', 'satisfaction', 'transactions']);
        expect(snapshot.cellsRead).toBeLessThan(0.8 * whole);
      }
      return snapshot;
    });
    expect(Object.keys(costs[1]?.byMethod ?? {}).sort()).toEqual(Object.keys(costs[0]?.byMethod ?? {}).sort());
    expect(costs[1]?.byService.SpreadsheetApp).toBe(costs[0]?.byService.SpreadsheetApp);
  }, 120000);
});
