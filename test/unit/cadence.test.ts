import type { FollowUpInput } from '../../src/shared/rules/cadence';
import {
  sleepingBefore,
  cadenceDays,
  contactCapCheck,
  contactCapOf,
  contactWindow,
  corePoolRevisitDue,
  firstInterviewDue,
  isOverdue,
  isSleeping,
  nextFollowUpDue,
} from '../../src/shared/rules/cadence';
import { defaultSettings, settingsWith } from '../../src/shared/rules/settings';
import { TEMPLATES, columnOf } from '../../src/shared/schema/templates';
import { formatLocal } from '../../src/shared/time/local';
import { fixedOffsetZone, transitionZone } from '../../src/shared/time/zone';

/** The follow-up cadence, contact caps and sleeping flag (docs/product-rules.md §2, seed 000 step 3, seed 002). */

const utc = (text: string): number => Date.parse(`${text}Z`);
const shanghai = fixedOffsetZone('Asia/Shanghai', 480);
/** A Shanghai wall time ('2024-06-03T10:00') as an instant. */
const sh = (local: string): number => utc(local) - 8 * 3_600_000;
const show = (instant: number | null): string | null =>
  instant === null ? null : formatLocal(instant, shanghai, 'datetime');
const settings = defaultSettings();

function customer(overrides: Partial<FollowUpInput>): FollowUpInput {
  return {
    lastContactAt: null,
    createdAt: sh('2024-06-03T10:00'),
    intentGrade: 'medium',
    valueTier: 'standard',
    segment: 'regular',
    corePool: false,
    doNotContact: false,
    explicitDue: null,
    outboundTouches: [],
    ...overrides,
  };
}

describe('the enum keys used here are the templates keys', () => {
  const keys = (table: 'customers', column: string): string[] =>
    (columnOf(TEMPLATES[table], column).options ?? []).map((option) => option.key);
  it('intentGrade, valueTier and segment', () => {
    expect(keys('customers', 'intentGrade')).toEqual(['high', 'medium', 'low']);
    expect(keys('customers', 'valueTier')).toEqual(['strategic', 'key', 'standard']);
    expect(keys('customers', 'segment')).toEqual(['highValue', 'growth', 'dormant', 'regular']);
  });

  it('the scheduled reasons are followUps.reason keys', () => {
    const reasons = (columnOf(TEMPLATES.followUps, 'reason').options ?? []).map((option) => option.key);
    for (const reason of ['firstInterview', 'cadence', 'deepRevisit']) expect(reasons).toContain(reason);
  });
});

describe('cadence days: intent high 7 / medium 14 / low 30, strategic and key tiers at most 7', () => {
  it.each([
    ['high', 'strategic', 7],
    ['high', 'key', 7],
    ['high', 'standard', 7],
    ['medium', 'strategic', 7],
    ['medium', 'key', 7],
    ['medium', 'standard', 14],
    ['low', 'strategic', 7],
    ['low', 'key', 7],
    ['low', 'standard', 30],
    [null, 'standard', 30], // no grade yet: low
    ['urgent', 'standard', 30], // unknown grade: low
    ['medium', null, 14], // no tier yet: standard
    [null, 'key', 7],
  ])('intent %s, tier %s → %i days', (grade, tier, days) => {
    expect(cadenceDays(grade, tier, settings)).toBe(days);
  });

  it('follow the Settings values', () => {
    const custom = settingsWith({
      cadenceDaysHigh: 5,
      cadenceDaysMedium: 10,
      cadenceDaysLow: 20,
      cadenceDaysMaxKeyTier: 12,
    });
    expect(cadenceDays('high', 'strategic', custom)).toBe(5); // the grade is already more frequent
    expect(cadenceDays('medium', 'key', custom)).toBe(10);
    expect(cadenceDays('low', 'key', custom)).toBe(12);
    expect(cadenceDays('low', 'standard', custom)).toBe(20);
  });
});

describe('next follow-up due', () => {
  it('a new customer gets a first interview by the cadence of its grade, from creation', () => {
    expect(nextFollowUpDue(customer({ intentGrade: 'medium' }), settings, shanghai)).toEqual({
      due: sh('2024-06-17T10:00'),
      reason: 'firstInterview',
      cadenceDays: 14,
      postponedFrom: null,
    });
    expect(firstInterviewDue(sh('2024-06-03T10:00'), 'high', 'standard', settings, shanghai)).toBe(
      sh('2024-06-10T10:00'),
    );
    expect(firstInterviewDue(sh('2024-06-03T10:00'), 'low', 'key', settings, shanghai)).toBe(sh('2024-06-10T10:00'));
  });

  it('is last contact + cadence, in local calendar days at the same wall time', () => {
    // 23:30 in Shanghai is 15:30 UTC: the due date is 7 local days later at 23:30, June 8.
    const due = nextFollowUpDue(
      customer({ intentGrade: 'high', lastContactAt: utc('2024-06-01T15:30') }),
      settings,
      shanghai,
    );
    expect(due).toEqual({ due: utc('2024-06-08T15:30'), reason: 'cadence', cadenceDays: 7, postponedFrom: null });
    expect(show(due.due)).toBe('2024-06-08 23:30');
    const low = nextFollowUpDue(
      customer({ intentGrade: 'low', lastContactAt: sh('2024-02-10T09:00') }),
      settings,
      shanghai,
    );
    expect(show(low.due)).toBe('2024-03-11 09:00'); // through Feb 29, 2024
  });

  it('strategic and key tiers are due within 7 days whatever the grade', () => {
    const due = nextFollowUpDue(
      customer({ intentGrade: 'low', valueTier: 'strategic', lastContactAt: sh('2024-06-03T10:00') }),
      settings,
      shanghai,
    );
    expect(show(due.due)).toBe('2024-06-10 10:00');
    expect(due.cadenceDays).toBe(7);
  });

  it('an explicit next-action due date wins, even over the cap', () => {
    const explicitDue = sh('2024-06-05T15:00');
    const input = customer({
      intentGrade: 'high',
      segment: 'highValue',
      lastContactAt: sh('2024-06-04T09:00'),
      outboundTouches: [sh('2024-06-03T09:00'), sh('2024-06-04T09:00')],
      explicitDue,
    });
    expect(nextFollowUpDue(input, settings, shanghai)).toEqual({
      due: explicitDue,
      reason: 'explicit',
      cadenceDays: 0,
      postponedFrom: null,
    });
  });

  it('do-not-contact customers get nothing scheduled, explicit date or not', () => {
    const input = customer({ doNotContact: true, explicitDue: sh('2024-06-05T15:00') });
    expect(nextFollowUpDue(input, settings, shanghai)).toEqual({
      due: null,
      reason: 'doNotContact',
      cadenceDays: 0,
      postponedFrom: null,
    });
  });

  it('a core-pool customer gets the deep revisit when it comes before the cadence', () => {
    const input = customer({
      intentGrade: 'low',
      corePool: true,
      lastContactAt: sh('2024-06-01T10:00'),
      lastDeepRevisitAt: sh('2024-03-10T14:00'),
    });
    const due = nextFollowUpDue(input, settings, shanghai);
    expect(due.reason).toBe('deepRevisit');
    expect(show(due.due)).toBe('2024-06-08 14:00'); // 90 days after March 10
    // Without a deep revisit yet, the 90 days run from creation; here the cadence comes first.
    const fresh = nextFollowUpDue({ ...input, lastDeepRevisitAt: null }, settings, shanghai);
    expect(fresh.reason).toBe('cadence');
    expect(show(fresh.due)).toBe('2024-07-01 10:00');
  });

  it('core-pool revisits are every 90 local days (leap year included)', () => {
    expect(show(corePoolRevisitDue(sh('2024-01-01T10:00'), settings, shanghai))).toBe('2024-03-31 10:00');
    expect(show(corePoolRevisitDue(sh('2023-01-01T10:00'), settings, shanghai))).toBe('2023-04-01 10:00');
  });
});

describe('contact caps: windows are the ISO week (Mon–Sun) and the calendar month, in the zone', () => {
  it('high-value: 2 a week, dormant: 1 a month, growth and regular: Settings (0 = no cap)', () => {
    expect(contactCapOf('highValue', settings)).toEqual({ cap: 2, kind: 'week' });
    expect(contactCapOf('dormant', settings)).toEqual({ cap: 1, kind: 'month' });
    expect(contactCapOf('growth', settings)).toEqual({ cap: null, kind: 'week' });
    expect(contactCapOf('regular', settings)).toEqual({ cap: null, kind: 'week' });
    expect(contactCapOf(null, settingsWith({ contactCapRegularPerWeek: 3 }))).toEqual({ cap: 3, kind: 'week' });
  });

  it('a week runs from Monday 00:00 to the next Monday 00:00 local time', () => {
    const window = contactWindow('week', sh('2024-06-09T23:30'), shanghai); // a Sunday night
    expect(window).toEqual({
      kind: 'week',
      startDate: '2024-06-03',
      endDate: '2024-06-10',
      start: sh('2024-06-03T00:00'),
      end: sh('2024-06-10T00:00'),
    });
    expect(window.end).toBe(utc('2024-06-09T16:00')); // UTC still says Sunday
  });

  it('a month runs from the 1st 00:00 to the next 1st, February 29 included', () => {
    expect(contactWindow('month', sh('2024-02-29T22:00'), shanghai)).toEqual({
      kind: 'month',
      startDate: '2024-02-01',
      endDate: '2024-03-01',
      start: sh('2024-02-01T00:00'),
      end: sh('2024-03-01T00:00'),
    });
    expect(contactWindow('month', sh('2024-12-15T08:00'), shanghai).endDate).toBe('2025-01-01');
  });

  it('counts the touches in the window of the new touch and warns on the one over the cap', () => {
    const touches = [sh('2024-06-03T09:00'), sh('2024-06-05T09:00')];
    expect(contactCapCheck('highValue', touches.slice(0, 1), sh('2024-06-06T09:00'), settings, shanghai)).toMatchObject(
      {
        cap: 2,
        used: 1,
        remaining: 1,
        exceeded: false,
      },
    );
    expect(contactCapCheck('highValue', touches, sh('2024-06-06T09:00'), settings, shanghai)).toMatchObject({
      cap: 2,
      used: 2,
      remaining: 0,
      exceeded: true,
    });
    expect(contactCapCheck('growth', touches, sh('2024-06-06T09:00'), settings, shanghai)).toMatchObject({
      cap: null,
      used: 2,
      remaining: null,
      exceeded: false,
    });
  });

  it('at the window edge: Monday 00:00 local starts a new week, Sunday 23:59 belongs to the old one', () => {
    const touches = [sh('2024-06-03T00:00'), sh('2024-06-09T23:59:59.999')];
    expect(contactCapCheck('highValue', touches, sh('2024-06-05T12:00'), settings, shanghai).used).toBe(2);
    expect(contactCapCheck('highValue', touches, sh('2024-06-10T00:00'), settings, shanghai)).toMatchObject({
      used: 0,
      exceeded: false,
    });
    // Monday 00:30 in Shanghai is Sunday 16:30 UTC: it counts in the new local week.
    const mondayNight = utc('2024-06-09T16:30');
    expect(contactCapCheck('highValue', [mondayNight], sh('2024-06-11T10:00'), settings, shanghai).used).toBe(1);
    expect(contactCapCheck('highValue', [mondayNight], sh('2024-06-09T10:00'), settings, shanghai).used).toBe(0);
  });

  it('dormant customers: one touch in May 31 does not count in June', () => {
    const touches = [sh('2024-05-31T23:30')];
    expect(contactCapCheck('dormant', touches, sh('2024-05-31T23:45'), settings, shanghai).exceeded).toBe(true);
    expect(contactCapCheck('dormant', touches, sh('2024-06-01T00:00'), settings, shanghai).exceeded).toBe(false);
  });
});

describe('the cadence never schedules past the cap', () => {
  const fast = settingsWith({ cadenceDaysHigh: 2, cadenceDaysLow: 10 });

  it('a high-value customer with 2 touches this week is moved to Monday 00:00 of the next week', () => {
    const input = customer({
      intentGrade: 'high',
      segment: 'highValue',
      lastContactAt: sh('2024-06-04T09:00'),
      outboundTouches: [sh('2024-06-03T09:00'), sh('2024-06-04T09:00')],
    });
    expect(nextFollowUpDue(input, fast, shanghai)).toEqual({
      due: sh('2024-06-10T00:00'),
      reason: 'cadence',
      cadenceDays: 2,
      postponedFrom: sh('2024-06-06T09:00'),
    });
    // One touch only: room left, the cadence date stands.
    const roomy = nextFollowUpDue({ ...input, outboundTouches: [sh('2024-06-04T09:00')] }, fast, shanghai);
    expect(roomy).toMatchObject({ due: sh('2024-06-06T09:00'), postponedFrom: null });
  });

  it('skips as many windows as are full', () => {
    const input = customer({
      intentGrade: 'high',
      segment: 'highValue',
      lastContactAt: sh('2024-06-04T09:00'),
      // This week's two touches, and two already logged for next week (planned visits entered early).
      outboundTouches: [sh('2024-06-03T09:00'), sh('2024-06-04T09:00'), sh('2024-06-10T09:00'), sh('2024-06-11T09:00')],
    });
    expect(show(nextFollowUpDue(input, fast, shanghai).due)).toBe('2024-06-17 00:00');
  });

  it('a dormant customer touched this month is moved to the 1st of next month', () => {
    const input = customer({
      intentGrade: 'low',
      segment: 'dormant',
      lastContactAt: sh('2024-02-01T09:00'),
      outboundTouches: [sh('2024-02-01T09:00')],
    });
    const due = nextFollowUpDue(input, fast, shanghai);
    expect(show(due.postponedFrom)).toBe('2024-02-11 09:00');
    expect(show(due.due)).toBe('2024-03-01 00:00');
    // With the default 30-day cadence the due date is already in March: nothing to move.
    expect(nextFollowUpDue(input, settings, shanghai)).toMatchObject({
      due: sh('2024-03-02T09:00'),
      postponedFrom: null,
    });
  });

  it('segments without a cap are never moved; a Settings cap for regular customers applies', () => {
    const input = customer({
      intentGrade: 'high',
      segment: 'regular',
      lastContactAt: sh('2024-06-04T09:00'),
      outboundTouches: [sh('2024-06-04T09:00')],
    });
    expect(nextFollowUpDue(input, fast, shanghai).postponedFrom).toBeNull();
    const capped = settingsWith({ cadenceDaysHigh: 2, contactCapRegularPerWeek: 1 });
    expect(show(nextFollowUpDue(input, capped, shanghai).due)).toBe('2024-06-10 00:00');
    expect(show(nextFollowUpDue({ ...input, segment: 'unknown' }, capped, shanghai).due)).toBe('2024-06-10 00:00');
  });

  it('an inbound contact resets the cadence but does not use the cap', () => {
    const input = customer({
      intentGrade: 'high',
      segment: 'highValue',
      lastContactAt: sh('2024-06-05T09:00'), // the customer called
      outboundTouches: [sh('2024-06-03T09:00')],
    });
    expect(nextFollowUpDue(input, fast, shanghai)).toMatchObject({ due: sh('2024-06-07T09:00'), postponedFrom: null });
  });
});

describe('overdue and sleeping', () => {
  it('a due date is overdue once it has passed; no due date never is', () => {
    const due = sh('2024-06-10T10:00');
    expect(isOverdue(due, due - 1)).toBe(false);
    expect(isOverdue(due, due)).toBe(false);
    expect(isOverdue(due, due + 1)).toBe(true);
    expect(isOverdue(null, due)).toBe(false);
  });

  it('sleeping after 30 local calendar days without contact, not 30 × 24 hours', () => {
    const last = utc('2024-05-02T15:30'); // May 2, 23:30 in Shanghai
    // June 1, 00:10 local: 29 days and 40 minutes later, but the 30th calendar day.
    expect(isSleeping(last, last, sh('2024-06-01T00:10'), settings, shanghai)).toBe(true);
    expect(isSleeping(last, last, sh('2024-05-31T23:59'), settings, shanghai)).toBe(false);
  });

  it('counts from creation for a customer nobody contacted, and follows Settings', () => {
    const created = sh('2024-05-01T10:00');
    expect(isSleeping(null, created, sh('2024-05-31T09:00'), settings, shanghai)).toBe(true);
    expect(isSleeping(null, created, sh('2024-05-30T23:00'), settings, shanghai)).toBe(false);
    expect(isSleeping(null, created, sh('2024-05-31T09:00'), settingsWith({ sleepingDays: 45 }), shanghai)).toBe(false);
    expect(isSleeping(sh('2024-05-30T10:00'), created, sh('2024-05-31T09:00'), settings, shanghai)).toBe(false);
  });

  it('counts calendar days across a daylight-saving change', () => {
    const newYork = transitionZone('America/New_York', -300, [{ from: utc('2024-03-10T07:00'), offset: -240 }]);
    const last = utc('2024-03-01T14:00'); // March 1, 09:00 EST
    // March 31, 00:30 EDT: 29 days 14.5 hours later (one hour lost), the 30th calendar day.
    expect(isSleeping(last, last, utc('2024-03-31T04:30'), settings, newYork)).toBe(true);
    expect(isSleeping(last, last, utc('2024-03-31T03:30'), settings, newYork)).toBe(false);
  });
});

describe('sleepingBefore: isSleeping as one threshold', () => {
  const newYork = transitionZone('America/New_York', -300, [
    { from: utc('2024-03-10T07:00'), offset: -240 },
    { from: utc('2024-11-03T06:00'), offset: -300 },
  ]);
  it.each([
    ['Asia/Shanghai', shanghai, utc('2024-06-03T01:30')],
    ['America/New_York across the spring change', newYork, utc('2024-04-05T15:00')],
    ['America/New_York across the autumn change', newYork, utc('2024-11-20T04:30')],
  ])('agrees with isSleeping for every hour of 40 days before now (%s)', (_, zone, now) => {
    for (const days of [1, 30, 31]) {
      const rules = settingsWith({ sleepingDays: days });
      const threshold = sleepingBefore(now, rules, zone);
      for (let at = now - 40 * 86_400_000; at <= now; at += 1_800_000) {
        expect([at, at < threshold]).toEqual([at, isSleeping(at, at, now, rules, zone)]);
      }
    }
  });
});
