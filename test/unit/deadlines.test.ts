import type { DeadlineAction } from '../../src/shared/rules/deadlines';
import {
  careReminderDue,
  lowSatisfactionDue,
  milestoneDeadline,
  needsAnalysisDue,
  ticketDues,
} from '../../src/shared/rules/deadlines';
import { defaultSettings, settingsWith } from '../../src/shared/rules/settings';
import { TEMPLATES, columnOf } from '../../src/shared/schema/templates';
import { formatLocal } from '../../src/shared/time/local';
import { NO_HOLIDAYS } from '../../src/shared/time/working-days';
import { fixedOffsetZone, transitionZone } from '../../src/shared/time/zone';

/** Deadlines of milestones, tickets and care dates (docs/product-rules.md §2 "Deals and delivery", "Tickets", seed 003). */

const utc = (text: string): number => Date.parse(`${text}Z`);
const shanghai = fixedOffsetZone('Asia/Shanghai', 480);
const sh = (local: string): number => utc(local) - 8 * 3_600_000;
const show = (instant: number): string => formatLocal(instant, shanghai, 'datetime');
const settings = defaultSettings();
const nationalDay = new Set([
  '2024-10-01',
  '2024-10-02',
  '2024-10-03',
  '2024-10-04',
  '2024-10-05',
  '2024-10-06',
  '2024-10-07',
]);
const holidaySettings = settingsWith({ holidays: nationalDay });

describe('needs analysis and low-satisfaction follow-ups: within 24 h, moved off days off', () => {
  it('is due 24 hours after the needs interview', () => {
    expect(show(needsAnalysisDue(sh('2024-06-06T15:00'), settings, shanghai))).toBe('2024-06-07 15:00');
  });

  it('24 hours after a Friday interview is Saturday: due Monday at the same time', () => {
    expect(show(needsAnalysisDue(sh('2024-06-07T15:00'), settings, shanghai))).toBe('2024-06-10 15:00');
  });

  it('skips the Settings holidays (National Day week)', () => {
    expect(show(needsAnalysisDue(sh('2024-09-30T10:00'), holidaySettings, shanghai))).toBe('2024-10-08 10:00');
    // An explicit holiday list overrides the Settings one.
    expect(show(needsAnalysisDue(sh('2024-09-30T10:00'), holidaySettings, shanghai, NO_HOLIDAYS))).toBe(
      '2024-10-01 10:00',
    );
  });

  it('follows the Settings hours', () => {
    expect(show(needsAnalysisDue(sh('2024-06-06T15:00'), settingsWith({ needsAnalysisHours: 4 }), shanghai))).toBe(
      '2024-06-06 19:00',
    );
    expect(show(lowSatisfactionDue(sh('2024-06-07T18:00'), settings, shanghai))).toBe('2024-06-10 18:00');
    expect(show(lowSatisfactionDue(sh('2024-06-05T18:00'), settings, shanghai))).toBe('2024-06-06 18:00');
  });
});

describe('milestone deadlines (deals and delivery)', () => {
  const friday = sh('2024-06-07T16:00');

  it.each([
    ['needsInterview', 'needsAnalysis', '2024-06-10 16:00'], // 24 h → Saturday → Monday
    ['needsAnalyzed', 'proposalDue', '2024-06-12 16:00'], // 3 working days
    ['objection', 'objectionAnswer', '2024-06-10 16:00'], // 24 h → Saturday → Monday
    ['contractSigned', 'handoverDue', '2024-06-10 16:00'], // 1 working day
    ['handover', 'deliveryUpdateDue', '2024-06-14 16:00'], // every 7 calendar days while delivering
    ['deliveryUpdate', 'deliveryUpdateDue', '2024-06-14 16:00'],
    ['delivered', 'acceptanceDue', '2024-06-12 16:00'], // 3 working days
    ['accepted', 'surveyDue', '2024-06-18 16:00'], // 7 working days
    ['ticketResolved', 'surveyDue', '2024-06-18 16:00'],
    ['surveySuggestion', 'suggestionAnswer', '2024-06-28 16:00'], // 15 working days
  ])('%s on a Friday 16:00 → %s due %s', (milestone, action, due) => {
    const deadline = milestoneDeadline(milestone, friday, settings, shanghai);
    expect(deadline && { action: deadline.action, due: show(deadline.due) }).toEqual({ action, due });
  });

  it.each(['none', 'proposalSent', 'survey', 'revisit', 'somethingElse', ''])('%j has no deadline', (milestone) => {
    expect(milestoneDeadline(milestone, friday, settings, shanghai)).toBeNull();
  });

  it('working days skip the National Day week from Settings', () => {
    const at = (milestone: string, local: string): string | null => {
      const deadline = milestoneDeadline(milestone, sh(local), holidaySettings, shanghai);
      return deadline && show(deadline.due);
    };
    expect(at('delivered', '2024-09-27T10:00')).toBe('2024-10-09 10:00'); // Sep 30, Oct 8, Oct 9
    expect(at('accepted', '2024-09-30T10:00')).toBe('2024-10-16 10:00');
    expect(at('contractSigned', '2024-09-30T10:00')).toBe('2024-10-08 10:00');
    expect(at('objection', '2024-09-29T10:00')).toBe('2024-09-30 10:00'); // Sunday + 24 h = Monday
    expect(at('deliveryUpdate', '2024-09-27T10:00')).toBe('2024-10-04 10:00'); // calendar days: holidays don't matter
  });

  it('a holiday list passed in replaces the Settings one', () => {
    const dragonBoat = new Set(['2024-06-10']);
    const deadline = milestoneDeadline('contractSigned', friday, settings, shanghai, dragonBoat);
    expect(deadline && show(deadline.due)).toBe('2024-06-11 16:00');
  });

  it('follows the Settings durations', () => {
    const custom = settingsWith({ proposalDueWorkingDays: 5, objectionResponseHours: 4, deliveryUpdateDays: 14 });
    expect(show(milestoneDeadline('needsAnalyzed', friday, custom, shanghai)?.due ?? 0)).toBe('2024-06-14 16:00');
    expect(show(milestoneDeadline('objection', friday, custom, shanghai)?.due ?? 0)).toBe('2024-06-07 20:00');
    expect(show(milestoneDeadline('deliveryUpdate', friday, custom, shanghai)?.due ?? 0)).toBe('2024-06-21 16:00');
  });

  it('the follow-up actions are followUps.reason keys and the milestones followUps.milestone keys', () => {
    const reasons = (columnOf(TEMPLATES.followUps, 'reason').options ?? []).map((option) => option.key);
    const actions: DeadlineAction[] = [
      'proposalDue',
      'objectionAnswer',
      'handoverDue',
      'deliveryUpdateDue',
      'acceptanceDue',
      'surveyDue',
      'suggestionAnswer',
    ];
    for (const action of actions) expect(reasons).toContain(action);
    const milestones = (columnOf(TEMPLATES.followUps, 'milestone').options ?? []).map((option) => option.key);
    expect(milestones).toEqual([
      'none',
      'needsInterview',
      'proposalSent',
      'objection',
      'contractSigned',
      'handover',
      'deliveryUpdate',
      'delivered',
      'accepted',
      'survey',
      'revisit',
    ]);
  });
});

describe('ticket dues: first response in hours, resolution in working days', () => {
  const dues = (priority: string | null, local: string, s = settings) => {
    const result = ticketDues(priority, sh(local), s, shanghai);
    return { firstResponseDue: show(result.firstResponseDue), resolutionDue: show(result.resolutionDue) };
  };

  it.each([
    ['high', { firstResponseDue: '2024-06-07 14:00', resolutionDue: '2024-06-10 10:00' }], // 4 h, 1 working day
    ['medium', { firstResponseDue: '2024-06-10 10:00', resolutionDue: '2024-06-11 10:00' }], // 24 h → Sat → Mon, 2
    ['low', { firstResponseDue: '2024-06-10 10:00', resolutionDue: '2024-06-14 10:00' }], // 72 h = Monday, 5
    [null, { firstResponseDue: '2024-06-10 10:00', resolutionDue: '2024-06-11 10:00' }], // unknown: medium
  ])('%s priority reported Friday 10:00', (priority, expected) => {
    expect(dues(priority, '2024-06-07T10:00')).toEqual(expected);
  });

  it('4 hours after Friday 22:00 is Saturday 02:00: due Monday 02:00', () => {
    expect(dues('high', '2024-06-07T22:00')).toEqual({
      firstResponseDue: '2024-06-10 02:00',
      resolutionDue: '2024-06-10 22:00',
    });
  });

  it('72 hours after Thursday 10:00 is Sunday: due Monday 10:00', () => {
    expect(dues('low', '2024-06-06T10:00').firstResponseDue).toBe('2024-06-10 10:00');
  });

  it('a ticket reported on Saturday counts its working days from Monday', () => {
    expect(dues('high', '2024-06-08T11:00')).toEqual({
      firstResponseDue: '2024-06-10 15:00', // Saturday 15:00 → Monday 15:00
      resolutionDue: '2024-06-10 11:00',
    });
  });

  it('skips the National Day week', () => {
    expect(dues('high', '2024-09-30T21:00', holidaySettings)).toEqual({
      firstResponseDue: '2024-10-08 01:00',
      resolutionDue: '2024-10-08 21:00',
    });
    expect(dues('medium', '2024-09-29T10:00', holidaySettings)).toEqual({
      firstResponseDue: '2024-09-30 10:00', // Sunday + 24 h = Monday, a working day
      resolutionDue: '2024-10-08 10:00', // Sep 30, then Oct 8
    });
  });

  it('keeps the wall time across a daylight-saving change', () => {
    const newYork = transitionZone('America/New_York', -300, [{ from: utc('2024-03-10T07:00'), offset: -240 }]);
    // Saturday 23:00 EST + 4 h = Sunday 04:00 EDT → Monday 04:00 EDT; resolution Monday 23:00 EDT.
    const result = ticketDues('high', utc('2024-03-10T04:00'), settings, newYork);
    expect(result).toEqual({ firstResponseDue: utc('2024-03-11T08:00'), resolutionDue: utc('2024-03-12T03:00') });
  });
});

describe('care reminders: 7 days before the next birthday or anniversary', () => {
  const care = (date: string | Date | null, nowLocal: string, s = settings) => {
    const reminder = careReminderDue(date, sh(nowLocal), s, shanghai);
    return reminder && { ...reminder, due: show(reminder.due) };
  };

  it("reminds 7 days before this year's occurrence, at local midnight", () => {
    expect(care('1985-06-20', '2024-06-01T10:00')).toEqual({
      occurrence: '2024-06-20',
      reminderDate: '2024-06-13',
      due: '2024-06-13 00:00',
    });
    expect(care('6月20日', '2024-06-01T10:00')?.occurrence).toBe('2024-06-20');
    expect(care('06-20', '2024-06-01T10:00')?.occurrence).toBe('2024-06-20');
  });

  it('a reminder inside the 7 days is already due; a date passed this year moves to next year', () => {
    expect(care('06-05', '2024-06-01T10:00')).toEqual({
      occurrence: '2024-06-05',
      reminderDate: '2024-05-29',
      due: '2024-05-29 00:00',
    });
    expect(care('05-20', '2024-06-01T10:00')?.occurrence).toBe('2025-05-20');
    expect(care('06-01', '2024-06-01T23:00')?.occurrence).toBe('2024-06-01'); // today still counts
    expect(care('01-03', '2024-12-20T10:00')).toMatchObject({ occurrence: '2025-01-03', reminderDate: '2024-12-27' });
  });

  it('a Feb 29 birthday is remembered on Feb 28 in common years', () => {
    expect(care('2000-02-29', '2025-01-10T10:00')).toMatchObject({
      occurrence: '2025-02-28',
      reminderDate: '2025-02-21',
    });
    expect(care('2000-02-29', '2027-12-01T10:00')).toMatchObject({
      occurrence: '2028-02-29',
      reminderDate: '2028-02-22',
    });
    expect(care('02-29', '2024-02-29T08:00')?.occurrence).toBe('2024-02-29');
    // Past Feb 28 in 2025, the next one is Feb 28, 2026 (a common year too).
    expect(care('02-29', '2025-03-01T08:00')?.occurrence).toBe('2026-02-28');
  });

  it('uses the local date in Shanghai, not the UTC one', () => {
    // 2024-06-19 16:30 UTC is June 20, 00:30 in Shanghai: the birthday is today.
    const reminder = careReminderDue('06-20', utc('2024-06-19T16:30'), settings, shanghai);
    expect(reminder?.occurrence).toBe('2024-06-20');
    // 2024-06-20 16:30 UTC is June 21 in Shanghai: next year's.
    expect(careReminderDue('06-20', utc('2024-06-20T16:30'), settings, shanghai)?.occurrence).toBe('2025-06-20');
  });

  it('reads date cells in the zone', () => {
    const cell = new Date(utc('1985-06-19T16:00')); // 1985-06-20 00:00 in Shanghai
    expect(care(cell, '2024-06-01T10:00')?.occurrence).toBe('2024-06-20');
  });

  it('follows the Settings days before', () => {
    expect(care('06-20', '2024-06-01T10:00', settingsWith({ careReminderDaysBefore: 0 }))?.reminderDate).toBe(
      '2024-06-20',
    );
    expect(care('06-20', '2024-06-01T10:00', settingsWith({ careReminderDaysBefore: 30 }))?.reminderDate).toBe(
      '2024-05-21',
    );
  });

  it('nothing for an empty or unreadable date', () => {
    expect(care(null, '2024-06-01T10:00')).toBeNull();
    expect(care('', '2024-06-01T10:00')).toBeNull();
    expect(care('someday', '2024-06-01T10:00')).toBeNull();
    expect(care('02-30', '2024-06-01T10:00')).toBeNull();
  });
});
