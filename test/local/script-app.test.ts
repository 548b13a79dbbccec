import { RuntimeContext, type LocalUser } from '../../src/local/core/context';
import { createScriptApp } from '../../src/local/services/script-app';
import { isoWeekOfYear } from '../../src/local/services/triggers-schedule';
import { errorOf } from '../support/errors';

/* Facts: docs/apps-script/services.md §1 (ScriptApp and triggers). */

const OWNER: LocalUser = { email: 'owner@example.com', locale: 'zh_CN' };
const OTHER: LocalUser = { email: 'other@example.com', locale: 'en' };
// Monday 2024-06-03 09:00 in Asia/Shanghai (01:00 UTC).
const START = Date.parse('2024-06-03T09:00:00+08:00');
const HOUR = 3_600_000;

/* eslint-disable @typescript-eslint/no-explicit-any -- scripts call the runtime untyped, as Apps Script code does */
function setup(options: { addOn?: boolean; tz?: string } = {}) {
  const ctx = new RuntimeContext({ startMs: START, user: OWNER });
  const made = createScriptApp(ctx, {
    documentId: 'doc-1',
    scriptTimeZone: options.tz ?? 'Asia/Shanghai',
    addOn: options.addOn,
  });
  return { ctx, ScriptApp: made.ScriptApp as any, triggers: made.triggers, state: made.state };
}

describe('Trigger objects (reference/script/trigger)', () => {
  test('a created clock trigger reports handler, string id, CLOCK type/source and null source id', () => {
    const { ScriptApp } = setup();
    const trigger = ScriptApp.newTrigger('dailyScan').timeBased().everyDays(1).atHour(8).create();
    expect(trigger.getHandlerFunction()).toBe('dailyScan');
    expect(typeof trigger.getUniqueId()).toBe('string');
    expect(trigger.getUniqueId()).toMatch(/^\d{19}$/);
    expect(trigger.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(trigger.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    expect(trigger.getTriggerSourceId()).toBeNull();
    expect(String(trigger)).toBe('Trigger');
    expect(String(ScriptApp.EventType.CLOCK)).toBe('CLOCK');
  });

  test('getProjectTriggers lists only the effective user’s triggers; deleteTrigger removes by id', () => {
    const { ctx, ScriptApp, triggers } = setup({ addOn: false });
    ScriptApp.newTrigger('a').timeBased().everyHours(1).create();
    ctx.runExecution({ user: OTHER, label: 'other' }, () => {
      ctx.authorizedUsers.add(OTHER.email);
      ScriptApp.newTrigger('b').timeBased().everyHours(2).create();
      expect(ScriptApp.getProjectTriggers().map((t: any) => t.getHandlerFunction())).toEqual(['b']);
    });
    const mine = ScriptApp.getProjectTriggers();
    expect(mine.map((t: any) => t.getHandlerFunction())).toEqual(['a']);
    ScriptApp.deleteTrigger(mine[0]);
    expect(ScriptApp.getProjectTriggers()).toEqual([]);
    expect(triggers.list().map((t) => [t.handlerFunction, t.ownerEmail])).toEqual([['b', OTHER.email]]);
    // Deleting a stale trigger again is a no-op (UNCONFIRMED, documented in script-app.ts).
    expect(() => ScriptApp.deleteTrigger(mine[0])).not.toThrow();
    expect(triggers.list()).toHaveLength(1);
  });

  test('a trigger created in an installable trigger run belongs to the effective user (the installer)', () => {
    const { ctx, ScriptApp, triggers } = setup();
    ctx.runExecution({ user: OTHER, effectiveUser: OWNER, label: 'trigger:x' }, () => {
      ScriptApp.newTrigger('h').timeBased().everyHours(1).create();
    });
    expect(triggers.list()[0]?.ownerEmail).toBe(OWNER.email);
  });

  test('getUserTriggers(ss) filters by document id (read via _getId, not metered)', () => {
    const { ctx, ScriptApp } = setup();
    ScriptApp.newTrigger('h').timeBased().everyHours(1).create();
    const thisDoc = { _getId: () => 'doc-1' };
    const otherDoc = { _getId: () => 'doc-2' };
    expect(ScriptApp.getUserTriggers(thisDoc).map((t: any) => t.getHandlerFunction())).toEqual(['h']);
    expect(ScriptApp.getUserTriggers(otherDoc)).toEqual([]);
    expect(errorOf(() => ScriptApp.getUserTriggers('doc-1')).message).toBe(
      "The parameters (String) don't match the method signature for ScriptApp.getUserTriggers.",
    );
    expect(ctx.meter.snapshot().byMethod['ScriptApp.ScriptApp.getUserTriggers']).toBe(3);
  });
});

describe('ClockTriggerBuilder validation (clock-trigger-builder)', () => {
  test('everyMinutes accepts only 1, 5, 10, 15, 30 (wording UNCONFIRMED)', () => {
    const { ScriptApp } = setup({ addOn: false });
    expect(errorOf(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(7))).toEqual({
      name: 'Exception',
      message: 'Invalid argument: n. everyMinutes() accepts 1, 5, 10, 15 or 30.',
    });
    expect(ScriptApp.newTrigger('f').timeBased().everyMinutes(5).create().getHandlerFunction()).toBe('f');
  });

  test('atHour with everyHours throws at create()', () => {
    const { ScriptApp } = setup();
    expect(errorOf(() => ScriptApp.newTrigger('f').timeBased().everyHours(2).atHour(5).create()).message).toBe(
      'atHour() can only be used with everyDays() or everyWeeks().',
    );
  });

  test('inTimezone rejects an invalid zone and accepts IANA names', () => {
    const { ScriptApp, triggers } = setup();
    expect(errorOf(() => ScriptApp.newTrigger('f').timeBased().inTimezone('Mars/Olympus')).message).toBe(
      'Invalid argument: timezone',
    );
    ScriptApp.newTrigger('f').timeBased().inTimezone('America/New_York').everyDays(1).atHour(7).create();
    expect(triggers.list()[0]?.timeZone).toBe('America/New_York');
  });

  test('no schedule, two schedules and bad argument types are refused', () => {
    const { ScriptApp } = setup();
    expect(errorOf(() => ScriptApp.newTrigger('f').timeBased().create()).message).toMatch(
      /^Clock trigger has no schedule/,
    );
    expect(errorOf(() => ScriptApp.newTrigger('f').timeBased().everyDays(1).everyHours(1).create()).message).toBe(
      'Clock trigger has more than one schedule.',
    );
    expect(errorOf(() => ScriptApp.newTrigger('f').timeBased().atHour('8')).message).toBe(
      "The parameters (String) don't match the method signature for ScriptApp.ClockTriggerBuilder.atHour.",
    );
    expect(errorOf(() => ScriptApp.newTrigger('f').timeBased().atHour(24)).message).toBe('Invalid argument: hour');
    expect(errorOf(() => ScriptApp.newTrigger('f').timeBased().onWeekDay('MONDAY')).message).toBe(
      "The parameters (String) don't match the method signature for ScriptApp.ClockTriggerBuilder.onWeekDay.",
    );
  });

  test('event-source triggers are not modelled and say so', () => {
    const { ScriptApp } = setup();
    expect(errorOf(() => ScriptApp.newTrigger('f').forSpreadsheet({})).message).toMatch(
      /^not supported by the local runtime: TriggerBuilder.forSpreadsheet/,
    );
  });
});

describe('add-on trigger rules (editor-triggers#restrictions)', () => {
  test('a second time-driven trigger for the same user and document throws the FIELD message', () => {
    const { ScriptApp, triggers } = setup();
    ScriptApp.newTrigger('dailyScan').timeBased().everyDays(1).atHour(8).create();
    expect(errorOf(() => ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create())).toEqual({
      name: 'Exception',
      message: 'This add-on has created too many time-based triggers in this document for this Google user account.',
    });
    expect(triggers.list()).toHaveLength(1);
  });

  test('another user may create their own trigger in the same document', () => {
    const { ctx, ScriptApp, triggers } = setup();
    ScriptApp.newTrigger('dailyScan').timeBased().everyDays(1).create();
    ctx.authorizedUsers.add(OTHER.email);
    ctx.runExecution({ user: OTHER, label: 'menu' }, () =>
      ScriptApp.newTrigger('dailyScan').timeBased().everyDays(1).create(),
    );
    expect(triggers.list().map((t) => t.ownerEmail)).toEqual([OWNER.email, OTHER.email]);
  });

  test('add-ons may not run time-driven triggers more often than hourly: everyMinutes throws', () => {
    const { ScriptApp } = setup();
    expect(errorOf(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(30).create()).message).toBe(
      'Add-ons cannot create time-based triggers that run more frequently than once per hour.',
    );
  });

  test('20 triggers per user per script (quota table), FIELD message on the 21st', () => {
    const { ScriptApp } = setup({ addOn: false });
    for (let i = 0; i < 20; i += 1) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(errorOf(() => ScriptApp.newTrigger('f20').timeBased().everyHours(1).create()).message).toBe(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(ScriptApp.getProjectTriggers()).toHaveLength(20);
  });
});

describe('authorization (AuthMode, getAuthorizationInfo)', () => {
  test('AuthMode and AuthorizationStatus enums; REQUIRED with a URL for an unauthorized effective user', () => {
    const { ctx, ScriptApp } = setup();
    expect(Object.keys(ScriptApp.AuthMode)).toEqual(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
    expect(Object.keys(ScriptApp.WeekDay)).toContain('MONDAY');
    const mine = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
    expect(mine.getAuthorizationStatus()).toBe(ScriptApp.AuthorizationStatus.NOT_REQUIRED);
    expect(mine.getAuthorizationUrl()).toBeNull();
    ctx.runExecution({ user: OTHER, label: 'trigger' }, () => {
      const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
      expect(info.getAuthorizationStatus()).toBe(ScriptApp.AuthorizationStatus.REQUIRED);
      expect(info.getAuthorizationUrl()).toMatch(/^https:\/\/script\.google\.com\/macros\/d\/.+\/authorize$/);
    });
    expect(errorOf(() => ScriptApp.getAuthorizationInfo('FULL')).message).toBe(
      "The parameters (String) don't match the method signature for ScriptApp.getAuthorizationInfo.",
    );
  });

  test('creating or listing triggers needs FULL and an authorized user', () => {
    const { ctx, ScriptApp } = setup();
    ctx.runExecution({ authMode: 'LIMITED', label: 'onOpen' }, () => {
      expect(errorOf(() => ScriptApp.newTrigger('f')).message).toBe(
        'You do not have permission to call ScriptApp.newTrigger. (AuthMode.LIMITED)',
      );
      expect(errorOf(() => ScriptApp.getProjectTriggers()).message).toBe(
        'You do not have permission to call ScriptApp.getProjectTriggers. (AuthMode.LIMITED)',
      );
    });
    ctx.runExecution({ user: OTHER, label: 'menu' }, () => {
      expect(errorOf(() => ScriptApp.newTrigger('f')).message).toBe(
        'You do not have permission to call ScriptApp.newTrigger. Authorization is required to perform that action.',
      );
    });
  });

  test('getOAuthToken is not supported; getScriptId is a string', () => {
    const { ScriptApp } = setup();
    expect(errorOf(() => ScriptApp.getOAuthToken()).message).toBe(
      'not supported by the local runtime: ScriptApp.getOAuthToken',
    );
    expect(typeof ScriptApp.getScriptId()).toBe('string');
    expect(String(ScriptApp.getInstallationSource())).toBe('WEB_STORE_ADD_ON');
  });
});

describe('TriggerStore.due: when triggers fire (deterministic start of the firing window)', () => {
  test('daily atHour(8) fires at 08:00 in the trigger time zone with the time-driven event object', () => {
    const { ScriptApp, triggers } = setup();
    const uid = ScriptApp.newTrigger('dailyScan').timeBased().everyDays(1).atHour(8).create().getUniqueId();
    // Created Monday 09:00 Shanghai: the first run is Tuesday 08:00 (00:00 UTC).
    expect(triggers.due(START, START + 22 * HOUR)).toEqual([]);
    const due = triggers.due(START, START + 3 * 24 * HOUR);
    expect(due.map((d) => new Date(d.atMs).toISOString())).toEqual([
      '2024-06-04T00:00:00.000Z',
      '2024-06-05T00:00:00.000Z',
      '2024-06-06T00:00:00.000Z',
    ]);
    expect(due[0]?.ownerEmail).toBe(OWNER.email);
    expect(due[0]?.handlerFunction).toBe('dailyScan');
    expect(due[0]?.event).toEqual({
      authMode: ScriptApp.AuthMode.FULL,
      'day-of-month': 4,
      'day-of-week': 2,
      hour: 8,
      minute: 0,
      month: 6,
      second: 0,
      timezone: 'Asia/Shanghai',
      triggerUid: uid,
      'week-of-year': 23,
      year: 2024,
    });
  });

  test('the window is half-open (from, to]: a run exactly at `to` fires once, not again next window', () => {
    const { ScriptApp, triggers } = setup();
    ScriptApp.newTrigger('h').timeBased().everyHours(1).create();
    const first = START + HOUR; // 10:00
    expect(triggers.due(START, first).map((d) => d.atMs)).toEqual([first]);
    expect(triggers.due(first, first + HOUR - 1)).toEqual([]);
  });

  test('everyHours(n) with nearMinute fires at that minute every n hours', () => {
    const { ScriptApp, triggers } = setup();
    ScriptApp.newTrigger('h').timeBased().everyHours(6).nearMinute(15).create();
    // Created 09:00: 15:15, 21:15, 03:15, then 09:15 next day (one period after creation, at minute 15).
    const due = triggers.due(START, START + 25 * HOUR);
    expect(due.map((d) => `${d.event.hour}:${d.event.minute}`)).toEqual(['15:15', '21:15', '3:15', '9:15']);
  });

  test('everyWeeks + onWeekDay + atHour, in a trigger time zone', () => {
    const { ScriptApp, triggers } = setup();
    ScriptApp.newTrigger('w')
      .timeBased()
      .onWeekDay(ScriptApp.WeekDay.FRIDAY)
      .everyWeeks(2)
      .atHour(18)
      .inTimezone('America/New_York')
      .create();
    const due = triggers.due(START, START + 35 * 24 * HOUR);
    expect(due.map((d) => new Date(d.atMs).toISOString())).toEqual([
      '2024-06-07T22:00:00.000Z',
      '2024-06-21T22:00:00.000Z',
      '2024-07-05T22:00:00.000Z',
    ]);
    expect(due.every((d) => d.event['day-of-week'] === 5 && d.event.timezone === 'America/New_York')).toBe(true);
  });

  test('onMonthDay(31) skips months without a 31st', () => {
    const { ScriptApp, triggers } = setup();
    ScriptApp.newTrigger('m').timeBased().onMonthDay(31).atHour(6).create();
    const due = triggers.due(START, Date.parse('2024-10-01T00:00:00Z'));
    expect(due.map((d) => `${d.event.month}/${d.event['day-of-month']} ${d.event.hour}h`)).toEqual([
      '7/31 6h',
      '8/31 6h',
    ]);
  });

  test('one-off after(ms) fires once and is then removed; at(date) in the past fires at the next check', () => {
    const { ScriptApp, triggers } = setup({ addOn: false });
    ScriptApp.newTrigger('later')
      .timeBased()
      .after(10 * 60_000)
      .create();
    ScriptApp.newTrigger('past')
      .timeBased()
      .at(new Date(START - HOUR))
      .create();
    const due = triggers.due(START, START + HOUR);
    expect(due.map((d) => [d.handlerFunction, d.atMs - START])).toEqual([
      ['past', 1],
      ['later', 600_000],
    ]);
    expect(triggers.list()).toEqual([]);
    expect(triggers.due(START + HOUR, START + 10 * HOUR)).toEqual([]);
  });

  test('atDate fires at local midnight of that date (plus atHour)', () => {
    const { ScriptApp, triggers } = setup();
    ScriptApp.newTrigger('d').timeBased().atDate(2024, 6, 10).atHour(7).create();
    const due = triggers.due(START, START + 30 * 24 * HOUR);
    expect(due.map((d) => new Date(d.atMs).toISOString())).toEqual(['2024-06-09T23:00:00.000Z']);
  });

  test('several triggers come out in time order and a daily trigger is cheap over a year', () => {
    const { ctx, ScriptApp, triggers } = setup();
    ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(10).create();
    ctx.authorizedUsers.add(OTHER.email);
    ctx.runExecution({ user: OTHER, label: 'menu' }, () =>
      ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create(),
    );
    const due = triggers.due(START, START + 2 * HOUR);
    // Both first fire at 10:00: ties keep creation order.
    expect(due.map((d) => d.handlerFunction)).toEqual(['daily', 'hourly', 'hourly']);
    expect(triggers.due(START, START + 365 * 24 * HOUR).filter((d) => d.handlerFunction === 'daily')).toHaveLength(365);
  });

  test('ISO week-of-year', () => {
    expect(isoWeekOfYear(2024, 1, 1)).toBe(1);
    expect(isoWeekOfYear(2021, 1, 3)).toBe(53);
    expect(isoWeekOfYear(2024, 12, 30)).toBe(1);
  });

  test('remove(uid) and save/load keep triggers and id sequence', () => {
    const { ScriptApp, triggers, state } = setup({ addOn: false });
    const a = ScriptApp.newTrigger('a').timeBased().everyHours(1).create().getUniqueId();
    ScriptApp.newTrigger('b').timeBased().everyHours(1).create();
    expect(triggers.remove(a)).toBe(true);
    expect(triggers.remove(a)).toBe(false);
    const saved = JSON.parse(JSON.stringify(state.serialize())) as unknown;
    const other = setup({ addOn: false });
    other.state.restore(saved);
    expect(other.triggers.list()).toEqual(triggers.list());
    const c = other.ScriptApp.newTrigger('c').timeBased().everyHours(1).create().getUniqueId();
    expect(triggers.list().map((t) => t.uid)).not.toContain(c);
    expect(other.triggers.list().map((t) => t.uid)).toContain(c);
  });
});

describe('metering', () => {
  test('each script call is one metered call under ScriptApp', () => {
    const { ctx, ScriptApp } = setup();
    const { cost } = ctx.meter.measure(() => ScriptApp.newTrigger('f').timeBased().everyDays(1).atHour(3).create());
    expect(cost.byMethod).toEqual({
      'ScriptApp.ScriptApp.newTrigger': 1,
      'ScriptApp.TriggerBuilder.timeBased': 1,
      'ScriptApp.ClockTriggerBuilder.everyDays': 1,
      'ScriptApp.ClockTriggerBuilder.atHour': 1,
      'ScriptApp.ClockTriggerBuilder.create': 1,
    });
  });
});
