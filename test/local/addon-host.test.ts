/// <reference types="google-apps-script" />
import os from 'node:os';
import path from 'node:path';
import { loadAddon, type AddonHost } from '../../src/local/harness/addon-host';
import { createLocalRuntime, type LocalRuntime } from '../../src/local/runtime';

/**
 * The harness on a tiny probe project (test/fixtures/probe-script), so its Apps Script behaviour is pinned
 * independently of the add-on: google.script.run transport rules, executions, the virtual clock seen by
 * the script, the meter and lock exclusion between executions.
 */
const PROBE_DIR = path.resolve(__dirname, '../fixtures/probe-script');

type SheetLike = {
  getRange(row: number, column: number, rows: number, columns: number): { setValues(values: unknown[][]): unknown };
  getLastRow(): number;
};
type AppLike = {
  getActiveSpreadsheet(): { insertSheet(name: string): SheetLike; getSheetByName(name: string): SheetLike };
};

function start(): { runtime: LocalRuntime; host: AddonHost; app: AppLike } {
  const runtime = createLocalRuntime({ htmlDir: PROBE_DIR });
  const host = loadAddon(runtime, PROBE_DIR);
  return { runtime, host, app: runtime.globals.SpreadsheetApp as AppLike };
}

function seedDataSheet(app: AppLike, rows: number): void {
  const sheet = app.getActiveSpreadsheet().insertSheet('Data');
  const values: unknown[][] = [['name', 'n', 'mark']];
  for (let i = 1; i <= rows; i++) values.push([`customer ${i}`, i, '']);
  if (rows + 1 > 1000) {
    (sheet as unknown as { insertRowsAfter(after: number, count: number): void }).insertRowsAfter(
      1000,
      rows + 1 - 1000,
    );
  }
  sheet.getRange(1, 1, values.length, 3).setValues(values);
}

describe('google.script.run transport rules (docs/apps-script/services.md §10)', () => {
  it('delivers a copy of plain arguments, made in the script realm', () => {
    const { host } = start();
    expect(host.run('echo', [{ a: [1, 'x', null, true] }])).toEqual({ ok: true, value: { a: [1, 'x', null, true] } });
    expect(host.run('argumentTypes', [1, [1, 2]])).toEqual({ ok: true, value: ['number', true, true, true] });
  });

  it('turns undefined inside arrays into null and drops undefined object fields', () => {
    const { host } = start();
    expect(host.run('echo', [[1, undefined, 3]])).toEqual({ ok: true, value: [1, null, 3] });
    expect(host.run('echo', [{ a: 1, b: undefined }])).toEqual({ ok: true, value: { a: 1 } });
  });

  it('fails the request when an argument holds a Date or a function, without running the server function', () => {
    const { host, runtime } = start();
    runtime.meter.reset();
    const withDate = host.run('echo', [{ when: new Date() }]);
    expect(withDate.ok).toBe(false);
    expect(withDate.ok ? '' : withDate.error.message).toMatch(/illegal value/);
    expect(host.run('echo', [() => 1]).ok).toBe(false);
    expect(runtime.meter.snapshot().calls).toBe(0);
  });

  it('returns null for the whole result when it contains a Date', () => {
    const { host } = start();
    expect(host.run('returnsDate')).toEqual({ ok: true, value: null });
  });

  it('returns undefined for a function that returns nothing, and failures as messages', () => {
    const { host } = start();
    expect(host.run('returnsNothing')).toEqual({ ok: true, value: undefined });
    expect(host.run('fails')).toEqual({ ok: false, error: { name: 'Error', message: 'the probe failed on purpose' } });
  });

  it('reports a missing server function as a failure', () => {
    const { host } = start();
    const result = host.run('noSuchFunction');
    expect(result.ok).toBe(false);
  });
});

describe('the script realm', () => {
  it("sees the runtime's virtual clock through new Date()", () => {
    const { host, runtime } = start();
    expect(host.run('nowIso')).toEqual({ ok: true, value: new Date(runtime.clock.now()).toISOString() });
    runtime.clock.advance(86400000);
    expect(host.run('nowIso')).toEqual({ ok: true, value: '2024-06-04T01:00:00.000Z' });
  });

  it('lists the top-level functions of the project as callable globals', () => {
    const { host } = start();
    expect(host.globalFunctionNames()).toEqual(
      expect.arrayContaining(['echo', 'readAndMark', 'appendUnderLock', 'onOpen', 'menuProbe']),
    );
  });
});

describe('the meter', () => {
  it('counts the same service calls for the same action on 10 and on 10,000 rows; cells grow', () => {
    const costs = [10, 10000].map((rows) => {
      const { host, runtime, app } = start();
      seedDataSheet(app, rows);
      runtime.meter.reset();
      expect(host.run('readAndMark', ['Data'])).toEqual({ ok: true, value: rows });
      return runtime.meter.snapshot();
    });
    const [small, large] = costs as [
      ReturnType<LocalRuntime['meter']['snapshot']>,
      ReturnType<LocalRuntime['meter']['snapshot']>,
    ];
    expect(large.calls).toBe(small.calls);
    expect(large.byMethod).toEqual(small.byMethod);
    expect(small.byMethod).toEqual({
      'SpreadsheetApp.SpreadsheetApp.getActiveSpreadsheet': 1,
      'SpreadsheetApp.Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.Sheet.getDataRange': 1,
      'SpreadsheetApp.Range.getValues': 1,
      'SpreadsheetApp.Sheet.getRange': 1,
      'SpreadsheetApp.Range.setValues': 1,
    });
    expect(small.cellsRead).toBe(11 * 3);
    expect(large.cellsRead).toBe(10001 * 3);
    expect(large.cellsWritten).toBe(10000);
  });
});

describe('executions and the document lock', () => {
  it('lets two executions in turn both save', () => {
    const { host, app } = start();
    seedDataSheet(app, 2);
    expect(host.run('appendUnderLock', ['Data', 'A'])).toEqual({ ok: true, value: 'saved' });
    expect(host.run('appendUnderLock', ['Data', 'B'])).toEqual({ ok: true, value: 'saved' });
    expect(app.getActiveSpreadsheet().getSheetByName('Data').getLastRow()).toBe(5);
  });

  it('keeps a second execution out while the first holds the lock: it is told busy, no row is lost or doubled', () => {
    const { host, runtime, app } = start();
    seedDataSheet(app, 2);
    let second: unknown;
    runtime.meter.beforeNextCall('SpreadsheetApp.Range.setValues', () => {
      second = host.run('appendUnderLock', ['Data', 'B'], { user: { email: 'rep@example.com', locale: 'en' } });
    });
    const before = runtime.clock.now();
    expect(host.run('appendUnderLock', ['Data', 'A'])).toEqual({ ok: true, value: 'saved' });
    expect(second).toEqual({ ok: true, value: 'busy' });
    // The waiter really waited its 2 s timeout on the virtual clock.
    expect(runtime.clock.now() - before).toBeGreaterThanOrEqual(2000);
    expect(app.getActiveSpreadsheet().getSheetByName('Data').getLastRow()).toBe(4);
  });
});

describe('onOpen', () => {
  it('receives an event whose authMode is the ScriptApp.AuthMode value', () => {
    const { host, runtime } = start();
    host.open({ authMode: 'LIMITED' });
    const props = (
      runtime.globals.PropertiesService as { getScriptProperties(): { getProperty(k: string): string | null } }
    )
      .getScriptProperties()
      .getProperty('lastOpenMode');
    expect(props).toBe('LIMITED');
  });
});

describe('time-driven triggers through the harness', () => {
  it('fires a daily trigger when the virtual clock passes its hour, as its owner, with a time-driven event', () => {
    const { host, runtime } = start();
    const uid = host.call('scheduleDaily', [9]) as string;
    // 2024-06-03 09:00 Asia/Shanghai is the start; the next 09:00 is tomorrow.
    expect(host.advance(12 * 3600 * 1000)).toEqual([]);
    const runs = host.advance(24 * 3600 * 1000);
    expect(runs).toEqual([
      expect.objectContaining({ handler: 'dailyProbe', ownerEmail: 'owner@example.com', ok: true }),
    ]);
    const props = (
      runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService
    ).getDocumentProperties();
    expect(props?.getProperty('runs')).toBe('1');
    expect(JSON.parse(props?.getProperty('lastEvent') ?? '{}')).toEqual({
      authMode: 'FULL',
      hour: 9,
      dayOfWeek: 2,
      timezone: 'Asia/Shanghai',
      triggerUid: uid,
      effectiveUser: 'owner@example.com',
      now: '2024-06-04T01:00:00.000Z',
    });
    host.advance(24 * 3600 * 1000);
    expect(props?.getProperty('runs')).toBe('2');
  });
});

describe('saving and loading the whole runtime', () => {
  it('round-trips the workbook, properties, triggers, mail and the clock through a JSON file', () => {
    const { host, runtime, app } = start();
    seedDataSheet(app, 3);
    host.call('scheduleDaily', [8]);
    (runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService)
      .getDocumentProperties()
      ?.setProperty('k', 'v');
    (runtime.globals.MailApp as GoogleAppsScript.Mail.MailApp).sendEmail('rep@example.com', '摘要', 'body');
    runtime.clock.advance(3600 * 1000);
    const file = path.join(os.tmpdir(), `runtime-${process.pid}.json`);
    runtime.saveToFile(file);

    const restored = createLocalRuntime({ htmlDir: PROBE_DIR });
    restored.loadFromFile(file);
    const sheet = (restored.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
      .getActiveSpreadsheet()
      .getSheetByName('Data');
    expect(sheet?.getRange(1, 1, 4, 2).getValues()).toEqual([
      ['name', 'n'],
      ['customer 1', 1],
      ['customer 2', 2],
      ['customer 3', 3],
    ]);
    expect(
      (restored.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService)
        .getDocumentProperties()
        ?.getProperty('k'),
    ).toBe('v');
    expect(restored.triggers.list().map((trigger) => trigger.handlerFunction)).toEqual(['dailyProbe']);
    expect(restored.outbox.list().map((mail) => mail.subject)).toEqual(['摘要']);
    expect(restored.clock.now()).toBe(runtime.clock.now());
  });
});

describe('what the runtime does not model', () => {
  it('throws "not supported by the local runtime" for an Apps Script method it lacks, instead of pretending', () => {
    const { app } = start();
    const sheet = app.getActiveSpreadsheet().insertSheet('X') as unknown as {
      getRange(a1: string): Record<string, () => unknown>;
    };
    expect(() => sheet.getRange('A1:B2').merge?.()).toThrow('not supported by the local runtime: Range.merge');
  });
});
