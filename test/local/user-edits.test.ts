/// <reference types="google-apps-script" />
import path from 'node:path';
import { loadAddon, type AddonHost } from '../../src/local/harness/addon-host';
import { createLocalRuntime, type LocalRuntime } from '../../src/local/runtime';

/**
 * Edits by hand fire the bound script's onEdit simple trigger (docs/apps-script-behaviour.md, "Edits by hand
 * and the onEdit simple trigger"), pinned on a probe script (test/fixtures/edit-probe) that records what its
 * event carried: the fields of the Edit event object, value/oldValue only for one cell, AuthMode.LIMITED
 * with no user e-mail, no event for script writes or row inserts, services that need authorization refused,
 * a failing trigger leaving the edit in place, and the event's objects costing no metered call.
 */
const PROBE_DIR = path.resolve(__dirname, '../fixtures/edit-probe');

interface Seen {
  authMode: string;
  keys: string[];
  hasValue: boolean;
  hasOldValue: boolean;
  value: string | null;
  valueType: string;
  oldValue: string | null;
  userEmail: string | null;
  sheetName?: string;
  a1?: string;
  sourceId?: string;
  sessionEmail?: string;
}

function start(): { runtime: LocalRuntime; host: AddonHost } {
  const runtime = createLocalRuntime({ htmlDir: PROBE_DIR });
  const host = loadAddon(runtime, PROBE_DIR);
  host.call('setUpSheet');
  return { runtime, host };
}

function props(runtime: LocalRuntime): GoogleAppsScript.Properties.Properties {
  const service = runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService;
  return service.getDocumentProperties() as GoogleAppsScript.Properties.Properties;
}

function lastEdit(runtime: LocalRuntime): Seen {
  return JSON.parse(props(runtime).getProperty('lastEdit') ?? 'null') as Seen;
}

function editRuns(runtime: LocalRuntime): number {
  return Number(props(runtime).getProperty('editRuns') ?? '0');
}

describe('a cell typed by hand', () => {
  it('runs onEdit in LIMITED with authMode, range, source, user, value and oldValue', () => {
    const { runtime, host } = start();
    host.userType('Data', 'A2', 'first');
    const run = host.userType('Data', 'A2', 'second');
    expect(run).toEqual({ range: 'Data!A2', userEmail: 'owner@example.com', authMode: 'LIMITED', ok: true });
    expect(lastEdit(runtime)).toEqual({
      authMode: 'LIMITED',
      keys: ['authMode', 'oldValue', 'range', 'source', 'user', 'value'],
      hasValue: true,
      hasOldValue: true,
      value: 'second',
      valueType: 'string',
      oldValue: 'first',
      // A simple trigger is not told who edited (services facts §7): blank, from the event and from Session.
      userEmail: '',
      sheetName: 'Data',
      a1: 'A2',
      sourceId: runtime.workbook.spreadsheetId(),
      sessionEmail: '',
    });
    expect(editRuns(runtime)).toBe(2);
  });

  it('gives no oldValue for a cell that was empty, and values as strings (numbers, booleans, dates)', () => {
    const { runtime, host } = start();
    host.userType('Data', 'B2', '42');
    expect(lastEdit(runtime)).toMatchObject({ hasOldValue: false, value: '42', valueType: 'string' });
    host.userType('Data', 'B2', 'true');
    expect(lastEdit(runtime)).toMatchObject({ value: 'TRUE', oldValue: '42' });
    host.userType('Data', 'B3', '2024-06-01');
    // A date arrives as its serial number (UNCONFIRMED, reported by users).
    expect(lastEdit(runtime)).toMatchObject({ value: '45444' });
  });

  it('clearing one cell sends its old value and no value', () => {
    const { runtime, host } = start();
    host.userType('Data', 'A2', 'gone soon');
    host.userClear('Data', 'A2');
    expect(lastEdit(runtime)).toMatchObject({ hasValue: false, oldValue: 'gone soon', a1: 'A2' });
    expect(runtime.workbook.values('Data', 'A2')).toEqual([['']]);
  });

  it('an entry a strict rule refuses throws Sheets’ text and fires nothing', () => {
    const { runtime, host } = start();
    expect(() => host.userType('Data', 'C2', 'zzz')).toThrow(
      'The data you entered in cell C2 violates the data validation rules set on this cell.',
    );
    expect(editRuns(runtime)).toBe(0);
    expect(host.editRuns).toHaveLength(0);
  });
});

describe('blocks: paste and Delete', () => {
  it('a pasted block is one event for the whole block, with neither value nor oldValue', () => {
    const { runtime, host } = start();
    host.userType('Data', 'A2', 'old');
    host.userPaste('Data', 'A2', [
      ['x', '1'],
      ['y', '2'],
      ['z', '3'],
    ]);
    expect(editRuns(runtime)).toBe(2);
    expect(lastEdit(runtime)).toMatchObject({ a1: 'A2:B4', hasValue: false, hasOldValue: false });
    expect(runtime.workbook.values('Data', 'A2:B4')).toEqual([
      ['x', 1],
      ['y', 2],
      ['z', 3],
    ]);
  });

  it('a paste of text that breaks a strict rule is refused whole (the stricter reading)', () => {
    const { runtime, host } = start();
    expect(() =>
      host.userPaste('Data', 'B2', [
        ['1', 'a'],
        ['2', 'zzz'],
      ]),
    ).toThrow(/cell C3 violates/);
    expect(runtime.workbook.values('Data', 'B2:C3')).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(editRuns(runtime)).toBe(0);
  });

  it('a copy inside the spreadsheet brings the source’s rules: a dropdown cell can end up holding anything', () => {
    const { runtime, host } = start();
    host.userCopyPaste({ sheetName: 'Scratch', a1: 'A1:A2' }, { sheetName: 'Data', a1: 'C2' });
    expect(lastEdit(runtime)).toMatchObject({ a1: 'C2:C3', hasValue: false });
    expect(runtime.workbook.values('Data', 'C2:C3')).toEqual([['zzz'], ['b']]);
    // The dropdown stays on C4:C10 only.
    expect(runtime.workbook.validations('Data').map((rule) => rule.a1)).toEqual(['C4:C10']);
  });

  it('Delete over a block is one event without values', () => {
    const { runtime, host } = start();
    host.userPaste('Data', 'A2', [['x'], ['y']]);
    host.userClear('Data', 'A2:A3');
    expect(lastEdit(runtime)).toMatchObject({ a1: 'A2:A3', hasValue: false, hasOldValue: false });
  });
});

describe('what does not fire onEdit', () => {
  it('a script writing a cell (Range.setValue) does not', () => {
    const { runtime, host } = start();
    expect(host.run('scriptWrite', ['Data', 'A5', 'by script'])).toEqual({ ok: true, value: 0 });
    expect(runtime.workbook.values('Data', 'A5')).toEqual([['by script']]);
    expect(editRuns(runtime)).toBe(0);
    expect(host.editRuns).toHaveLength(0);
  });

  it('inserting rows does not (a structural change, not a value edit)', () => {
    const { runtime, host } = start();
    host.userInsertRows('Data', 2, 3);
    expect(editRuns(runtime)).toBe(0);
  });

  it('an edit in a project without onEdit runs nothing', () => {
    const runtime = createLocalRuntime({ htmlDir: PROBE_DIR });
    const host = loadAddon(runtime, path.resolve(__dirname, '../fixtures/probe-script'));
    (runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
      .getActiveSpreadsheet()
      .insertSheet('Data');
    expect(host.userType('Data', 'A1', 'x')).toBeNull();
    expect(host.editRuns).toHaveLength(0);
  });
});

describe('the limits of a simple trigger', () => {
  it('cannot use a service that needs authorization; the failure is recorded and the edit stays', () => {
    const { runtime, host } = start();
    props(runtime).setProperty('onEditTries', 'mail');
    const run = host.userType('Data', 'A2', 'kept');
    expect(run).toMatchObject({
      ok: false,
      error: 'You do not have permission to call MailApp.sendEmail. (AuthMode.LIMITED)',
    });
    expect(runtime.workbook.values('Data', 'A2')).toEqual([['kept']]);
    expect(runtime.outbox.list()).toHaveLength(0);
  });

  it('cannot open a sidebar', () => {
    const { runtime, host } = start();
    props(runtime).setProperty('onEditTries', 'sidebar');
    expect(host.userType('Data', 'A2', 'x')?.ok).toBe(false);
  });

  it('an exception inside onEdit is not shown to the user: only the run records it', () => {
    const { runtime, host } = start();
    props(runtime).setProperty('onEditTries', 'throw');
    expect(() => host.userType('Data', 'A2', 'x')).not.toThrow();
    expect(host.editRuns.at(-1)).toMatchObject({ ok: false, error: 'onEdit failed on purpose' });
  });

  it('in AuthMode.NONE the event carries no range or spreadsheet, and the document cannot be read', () => {
    const { runtime, host } = start();
    const run = host.userType('Data', 'A2', 'x', { authMode: 'NONE' });
    // Document properties are not available in NONE either: the probe fails where it records the event.
    expect(run).toMatchObject({ ok: false, authMode: 'NONE' });
    expect(run?.error).toMatch(/AuthMode\.NONE/);
    expect(editRuns(runtime)).toBe(0);
  });

  it('the event’s range and spreadsheet cost no metered call', () => {
    const { runtime, host } = start();
    runtime.meter.reset();
    host.userType('Data', 'A2', 'x');
    const byMethod = runtime.meter.snapshot().byMethod;
    // The probe's own calls only: properties, the range's sheet and its name, source.getId, Session.
    expect(Object.keys(byMethod).some((key) => key.includes('getActiveSpreadsheet'))).toBe(false);
    expect(Object.keys(byMethod).some((key) => key.endsWith('.getRange'))).toBe(false);
  });
});
