import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable, type FieldValues } from '../../src/server/workbook/table';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { documentProperties, spreadsheetOf, useRuntimeGlobals } from '../support/gas';
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

describe('sleeping customers from the index', () => {
  const DAY = 24 * 3600 * 1000;
  const NOW = Date.parse('2024-06-03T02:00:00Z'); // 10:00 in Shanghai

  type View = { sections: { key: string; total: number; items: { id: string }[] }[] };
  function sleeping(host: ReturnType<typeof startAddon>['host']): { total: number; ids: string[] } {
    const result = host.run<{ ok: true; value: View }>('getMyDay', [], { user: REP });
    if (!result.ok || !result.value.ok) throw new Error(JSON.stringify(result));
    const section = result.value.value.sections.find((candidate) => candidate.key === 'sleeping');
    return { total: section?.total ?? -1, ids: (section?.items ?? []).map((item) => item.id) };
  }

  /**
   * 120 customers of the rep asleep for 100 to 219 days (C…0001 longest), 10 more whose last contact was 29 days
   * ago (asleep from tomorrow at the default 30-day threshold), none with a next follow-up date: the index keeps
   * them as sleep-only cells and My day decodes only the 50 it shows.
   */
  function setUp() {
    const started = startAddon({ user: REP, startTime: NOW });
    const { host, runtime } = started;
    host.run('runInstall', [{ language: 'zh-CN' }]);
    useRuntimeGlobals(runtime);
    const customer = (n: number, daysAgo: number): FieldValues =>
      repCustomer(n, { createdAt: new Date(NOW - 400 * DAY), lastContactAt: new Date(NOW - daysAgo * DAY) });
    appendRecords(
      readTable(TEMPLATES.customers, loadDocumentProperties()),
      [
        ...Array.from({ length: 120 }, (_, i) => customer(i + 1, 219 - i)),
        ...Array.from({ length: 10 }, (_, i) => customer(121 + i, 29)),
      ],
      'zh-CN',
    );
    return started;
  }
  const id = (n: number) => `C2023${String(n).padStart(7, '0')}`;
  /** A customer of the rep, numbered n, with the given dates. */
  const repCustomer = (n: number, dates: FieldValues): FieldValues => ({
    id: id(n),
    name: `客户${n}`,
    customerType: 'individual',
    contactName: '某',
    phone: `139${String(n).padStart(8, '0')}`,
    source: 'other',
    needs: '—',
    owner: REP.email,
    ...dates,
  });

  it('lists the 50 longest asleep and counts them all, the same from the index as from the tables', () => {
    const { host } = setUp();
    const built = sleeping(host); // the first My day builds the index from the tables
    const fromIndex = sleeping(host);
    expect(built).toEqual({ total: 120, ids: Array.from({ length: 50 }, (_, i) => id(i + 1)) });
    expect(fromIndex).toEqual(built);
    expect(JSON.parse(loadDocumentProperties().values['crm.myDayIndex'] ?? '{}')).toMatchObject({ format: 3 });
  });

  it('a customer contacted since the build leaves the list and the count; customers falling asleep join it', () => {
    const { host, runtime } = setUp();
    sleeping(host);
    expect(
      host.run('saveFollowUp', [
        {
          requestId: requestId(),
          customerId: id(1),
          fields: { at: '2024-06-03T09:30', direction: 'outbound', channel: 'phone', content: '回访' },
        },
      ]),
    ).toMatchObject({ ok: true, value: { ok: true } });
    expect(sleeping(host)).toEqual({ total: 119, ids: Array.from({ length: 50 }, (_, i) => id(i + 2)) });
    // The next morning, from the same index: the ten contacted 29 days ago have fallen asleep, counted last.
    const builtMs = () =>
      (JSON.parse(loadDocumentProperties().values['crm.myDayIndex'] ?? '{}') as { builtMs: number }).builtMs;
    const before = builtMs();
    runtime.clock.setTime(NOW + 20 * 3600 * 1000);
    expect(sleeping(host)).toEqual({ total: 129, ids: Array.from({ length: 50 }, (_, i) => id(i + 2)) });
    expect(builtMs()).toBe(before);
  });

  it('answers exactly as a build from the tables would, for customers past due, sleeping, both or neither', () => {
    const { host, runtime } = setUp();
    // 300 more customers with next follow-up dates in the past, within the index horizon, beyond it or none, last
    // contacts from 0 to 99 days ago, and open actions of the rep for one in seven (a pseudo-random mix).
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const dues = [null, -40, -3, -1, 0.2, 2, 5, 12, 40];
    const customers: FieldValues[] = [];
    const actions: FieldValues[] = [];
    for (let n = 200; n < 500; n++) {
      const due = dues[next(dues.length)] ?? null;
      customers.push(
        repCustomer(n, {
          createdAt: new Date(NOW - 300 * DAY),
          lastContactAt: new Date(NOW - next(100) * DAY - next(24) * 3600 * 1000),
          nextFollowUpDue: due === null ? null : new Date(NOW + due * DAY),
        }),
      );
      if (next(7) === 0) {
        actions.push({
          id: `G2024${String(n).padStart(7, '0')}`,
          customerId: id(n),
          customerName: `客户${n}`,
          at: new Date(NOW - 5 * DAY),
          direction: 'outbound',
          channel: 'phone',
          owner: REP.email,
          status: 'open',
          nextAction: '回访',
          nextActionDue: new Date(NOW + (next(10) - 5) * DAY),
        });
      }
    }
    appendRecords(readTable(TEMPLATES.customers, loadDocumentProperties()), customers, 'zh-CN');
    appendRecords(readTable(TEMPLATES.followUps, loadDocumentProperties()), actions, 'zh-CN');
    const view = () => {
      const result = host.run<{ ok: true; value: View }>('getMyDay', [], { user: REP });
      if (!result.ok || !result.value.ok) throw new Error(JSON.stringify(result));
      return result.value.value.sections.map((section) => ({
        key: section.key,
        total: section.total,
        ids: section.items.map((item) => item.id),
      }));
    };
    const rebuilt = () => {
      documentProperties(runtime).deleteProperty('crm.myDayIndex');
      return view();
    };
    const built = view();
    // Most of the rep's block is lean cells: their records are decoded only for the items shown.
    const meta = JSON.parse(loadDocumentProperties().values['crm.myDayIndex'] ?? '{}') as { sheetId: number };
    const indexSheet = spreadsheetOf(runtime)
      .getSheets()
      .find((sheet) => sheet.getSheetId() === meta.sheetId);
    const cells = (indexSheet?.getDataRange().getValues() ?? []).map((row) => String(row[0]));
    expect(cells.filter((cell) => cell.includes('\tlean\t')).length).toBeGreaterThan(300);
    expect(built.find((section) => section.key === 'pastNextFollowUp')?.total).toBeGreaterThan(50);
    expect(built.find((section) => section.key === 'sleeping')?.total).toBeGreaterThan(50);
    expect(view()).toEqual(built);
    // Later the same day and the next morning, from the same index, then from a build at that time.
    for (const later of [6 * 3600 * 1000, 22 * 3600 * 1000]) {
      runtime.clock.setTime(NOW + later);
      const fromIndex = view();
      expect(rebuilt()).toEqual(fromIndex);
      documentProperties(runtime).deleteProperty('crm.myDayIndex');
      runtime.clock.setTime(NOW);
      view(); // the index as built at NOW again
    }
  });
});
