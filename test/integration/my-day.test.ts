import { startAddon } from '../support/addon';
import { spreadsheetOf } from '../support/gas';
import { customerFields, requestId, saveCustomer } from '../support/intake';

const REP = { email: 'boss@example.com', locale: 'zh_CN' };

describe('My day through the sidebar API', () => {
  it("shows the rep's own items as time moves on, in the workbook language", () => {
    const { host, runtime } = startAddon({ user: REP });
    host.run('runInstall', [{ language: 'zh-CN' }]);
    saveCustomer(host, customerFields({ intentGrade: 'high' }));
    host.run('saveFollowUp', [
      {
        requestId: requestId(),
        customerId: 'C20240603001',
        fields: {
          at: '2024-06-03T10:00',
          direction: 'outbound',
          channel: 'phone',
          content: '初次沟通',
          nextAction: '发送报价',
          nextActionDue: '2024-06-04T17:00',
        },
      },
    ]);
    const sections = () => {
      const result = host.run<{
        ok: true;
        value: { sections: { key: string; items: { id: string; when: string }[] }[] };
      }>('getMyDay');
      if (!result.ok || !result.value.ok) throw new Error(JSON.stringify(result));
      return Object.fromEntries(
        result.value.value.sections.map((section) => [
          section.key,
          section.items.map((item) => `${item.id}@${item.when}`),
        ]),
      );
    };
    expect(sections()).toEqual({ overdue: [], dueToday: [], pastNextFollowUp: [], sleeping: [], openTickets: [] });
    runtime.clock.setTime(Date.parse('2024-06-04T01:00:00Z')); // 09:00 on the 4th
    expect(sections().dueToday).toEqual(['G20240603001@2024-06-04 17:00']);
    runtime.clock.setTime(Date.parse('2024-06-05T01:00:00Z'));
    expect(sections().overdue).toEqual(['G20240603001@2024-06-04 17:00']);
    runtime.clock.setTime(Date.parse('2024-07-04T01:00:00Z')); // a month later
    const later = sections();
    expect(later.sleeping).toEqual(['C20240603001@2024-06-03 10:00']);
    // The open action stands for the customer's next step: the customer is not listed twice.
    expect(later.overdue).toEqual(['G20240603001@2024-06-04 17:00']);
    expect(later.pastNextFollowUp).toEqual([]);
    // Once the action is done, the customer's own next follow-up date shows.
    host.run('saveFollowUp', [
      {
        requestId: requestId(),
        customerId: 'C20240603001',
        fields: { at: '2024-06-04T16:00', direction: 'inbound', channel: 'wechat', content: '客户回复' },
        markEarlierDone: true,
      },
    ]);
    expect(sections().pastNextFollowUp).toEqual(['C20240603001@2024-06-11 16:00']);
  });

  it('refuses when Apps Script cannot tell who the user is', () => {
    const { host } = startAddon({ user: { email: '', locale: 'en' } });
    expect(host.run('getMyDay')).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'forbidden' } } });
  });

  it("doesn't show another rep's items", () => {
    const { host } = startAddon({ user: REP });
    host.run('runInstall', [{ language: 'zh-CN' }]);
    saveCustomer(host, customerFields());
    const other = host.run<{ ok: true; value: { sections: { items: unknown[] }[] } }>('getMyDay', [], {
      user: { email: 'rep2@example.com', locale: 'zh_CN' },
    });
    expect(
      other.ok && other.value.ok && other.value.value.sections.every((section) => section.items.length === 0),
    ).toBe(true);
  });
});

describe('the My day index', () => {
  type Sections = Record<string, string[]>;
  const OTHER = { email: 'rep2@example.com', locale: 'zh_CN' };

  function myDay(host: ReturnType<typeof startAddon>['host'], user = REP): Sections {
    const result = host.run<{ ok: true; value: { sections: { key: string; items: { id: string }[] }[] } }>(
      'getMyDay',
      [],
      { user },
    );
    if (!result.ok || !result.value.ok) throw new Error(JSON.stringify(result));
    return Object.fromEntries(
      result.value.value.sections.map((section) => [section.key, section.items.map((item) => item.id)]),
    );
  }

  function followUp(
    host: ReturnType<typeof startAddon>['host'],
    customerId: string,
    extra: Record<string, unknown> = {},
    fields: Record<string, string> = {},
  ) {
    const saved = host.run<{ ok: true; value: { ok: boolean } }>('saveFollowUp', [
      {
        requestId: requestId(),
        customerId,
        fields: {
          at: '2024-06-03T10:00',
          direction: 'outbound',
          channel: 'phone',
          content: '沟通',
          nextAction: '回访',
          nextActionDue: '2024-06-03T18:00',
          ...fields,
        },
        ...extra,
      },
    ]);
    expect(saved).toMatchObject({ ok: true, value: { ok: true } });
  }

  function indexSheets(runtime: ReturnType<typeof startAddon>['runtime']) {
    const book = spreadsheetOf(runtime);
    return book.getSheets().filter((sheet) => sheet.getName().startsWith('我的今天索引'));
  }

  function setUp() {
    const started = startAddon({ user: REP });
    started.host.run('runInstall', [{ language: 'zh-CN' }]);
    saveCustomer(started.host, customerFields());
    saveCustomer(started.host, customerFields({ name: '第二家', phone: '13911112222', email: 'b@y.cn' }));
    started.runtime.clock.setTime(Date.parse('2024-06-03T04:00:00Z')); // 12:00 on the 3rd
    return started;
  }

  it('is built once, hidden, without moving the rep off their sheet', () => {
    const { host, runtime } = setUp();
    followUp(host, 'C20240603001');
    const active = spreadsheetOf(runtime).getActiveSheet().getName();
    expect(myDay(host).dueToday).toEqual(['G20240603001']);
    const [sheet, ...more] = indexSheets(runtime);
    expect(more).toEqual([]);
    expect(sheet?.isSheetHidden()).toBe(true);
    expect(spreadsheetOf(runtime).getActiveSheet().getName()).toBe(active);
    runtime.meter.reset();
    expect(myDay(host).dueToday).toEqual(['G20240603001']);
    // Served from the index: no search, no lock, no write.
    const calls = runtime.meter.snapshot().byMethod;
    expect(Object.keys(calls).filter((key) => /TextFinder|Lock\.|setValues|batchUpdate/.test(key))).toEqual([]);
  });

  it('shows what the add-on wrote since it was built: new rows, closed actions, another rep', () => {
    const { host, runtime } = setUp();
    followUp(host, 'C20240603001');
    expect(myDay(host).dueToday).toEqual(['G20240603001']);
    expect(myDay(host, OTHER).dueToday).toEqual([]);
    // A new action for the second customer (a row appended after the build) …
    followUp(host, 'C20240603002', {}, { nextActionDue: '2024-06-03T20:00' });
    // … the first customer's action closed by a later contact (a row rewritten) …
    followUp(host, 'C20240603001', { markEarlierDone: true }, { nextAction: '', nextActionDue: '' });
    // … and an action logged by the other rep.
    host.run(
      'saveFollowUp',
      [
        {
          requestId: requestId(),
          customerId: 'C20240603002',
          fields: {
            at: '2024-06-03T11:00',
            direction: 'outbound',
            channel: 'phone',
            content: 'x',
            nextAction: '寄样品',
            nextActionDue: '2024-06-03T19:00',
          },
        },
      ],
      { user: OTHER },
    );
    runtime.meter.reset();
    expect(myDay(host).dueToday).toEqual(['G20240603002']);
    expect(myDay(host, OTHER).dueToday).toEqual(['G20240603004']);
    expect(runtime.meter.snapshot().byMethod['SpreadsheetApp.Spreadsheet.insertSheet']).toBeUndefined();
    // A build from scratch gives the same lists.
    spreadsheetOf(runtime).deleteSheet(indexSheets(runtime)[0] as never);
    expect(myDay(host).dueToday).toEqual(['G20240603002']);
    expect(myDay(host, OTHER).dueToday).toEqual(['G20240603004']);
  });

  it('is built again when over a day old, when its sheet was deleted, and after Grade all', () => {
    const { host, runtime } = setUp();
    followUp(host, 'C20240603001', {}, { nextActionDue: '2024-06-04T18:00' });
    expect(myDay(host).dueToday).toEqual([]);
    const builds = () => runtime.meter.snapshot().byMethod['SpreadsheetApp.Sheet.getMaxRows'] ?? 0;
    // 10:00 on the 4th, 22 h later: before the next daily scan could have built it, so it still answers.
    runtime.clock.setTime(Date.parse('2024-06-04T02:00:00Z'));
    runtime.meter.reset();
    expect(myDay(host).dueToday).toEqual(['G20240603001']);
    expect(builds()).toBe(0);
    // 15:00 on the 4th, 27 h later: older than two daily scans can be apart (INDEX_MAX_AGE_MS), built again.
    runtime.clock.setTime(Date.parse('2024-06-04T07:00:00Z'));
    runtime.meter.reset();
    expect(myDay(host).dueToday).toEqual(['G20240603001']);
    expect(builds()).toBe(1);
    spreadsheetOf(runtime).deleteSheet(indexSheets(runtime)[0] as never);
    runtime.meter.reset();
    expect(myDay(host).dueToday).toEqual(['G20240603001']);
    expect(indexSheets(runtime)).toHaveLength(1);
    host.open();
    host.clickMenu('gradeAllCustomers');
    runtime.meter.reset();
    expect(myDay(host).dueToday).toEqual(['G20240603001']);
    expect(builds()).toBe(1);
  });

  it('is built by the daily scan, so the first My day of the day reads it', () => {
    const { host, runtime } = setUp();
    followUp(host, 'C20240603001');
    host.open();
    host.clickMenu('runDailyScanNow');
    expect(indexSheets(runtime)).toHaveLength(1);
    runtime.meter.reset();
    expect(myDay(host).dueToday).toEqual(['G20240603001']);
    expect(runtime.meter.snapshot().byMethod['LockService.Lock.tryLock']).toBeUndefined();
  });

  it('answers by searching the tables when another save holds the lock during a build', () => {
    const { host, runtime } = setUp();
    followUp(host, 'C20240603001');
    let during: Sections | null = null;
    runtime.meter.beforeNextCall('Sheets.Values.batchUpdate', () => {
      during = myDay(host);
    });
    followUp(host, 'C20240603002', {}, { nextActionDue: '2024-06-03T20:00' });
    expect(during).toMatchObject({ dueToday: ['G20240603001'] });
    expect(indexSheets(runtime)).toHaveLength(0);
    expect(myDay(host).dueToday).toEqual(['G20240603001', 'G20240603002']);
  });
});
