import { ticketDues } from '../../src/shared/rules/deadlines';
import { defaultSettings, settingsWith } from '../../src/shared/rules/settings';
import { validateTicketInput } from '../../src/shared/rules/ticket-input';
import {
  allowedTicketActions,
  isSlaBreached,
  nextTicketStatus,
  planTicketAction,
  type TicketState,
} from '../../src/shared/rules/ticket-workflow';
import { formatLocal } from '../../src/shared/time/local';
import { fixedOffsetZone, transitionZone } from '../../src/shared/time/zone';

/** Issue 8: ticket SLA dues, the allowed status transitions and what each step schedules. */
const shanghai = fixedOffsetZone('Asia/Shanghai', 480);
const sh = (local: string): number => Date.parse(`${local}Z`) - 8 * 3_600_000;
const show = (instant: number): string => formatLocal(instant, shanghai, 'datetime');
const settings = defaultSettings();
const HOUR = 3_600_000;

describe('SLA dues by priority', () => {
  const dues = (priority: string, local: string, s = settings) => {
    const result = ticketDues(priority, sh(local), s, shanghai);
    return [show(result.firstResponseDue), show(result.resolutionDue)];
  };

  it.each([
    // Thursday 15:00: high 4 h / 1 working day; medium 24 h / 2; low 72 h (Sunday → Monday) / 5.
    ['high', '2024-06-06T15:00', ['2024-06-06 19:00', '2024-06-07 15:00']],
    ['medium', '2024-06-06T15:00', ['2024-06-07 15:00', '2024-06-10 15:00']],
    ['low', '2024-06-06T15:00', ['2024-06-10 15:00', '2024-06-13 15:00']],
  ])('%s reported %s across the weekend', (priority, local, expected) => {
    expect(dues(priority, local)).toEqual(expected);
  });

  it.each([
    // Sept 30 2024 (Monday) before National Day: every due skips Oct 1–7 (and the weekend of Oct 5–6).
    ['high', ['2024-09-30 14:00', '2024-10-08 10:00']],
    ['medium', ['2024-10-08 10:00', '2024-10-09 10:00']],
    ['low', ['2024-10-08 10:00', '2024-10-14 10:00']],
  ])('%s reported Monday 2024-09-30 10:00 skips the National Day holidays', (priority, expected) => {
    const holidays = settingsWith({
      holidays: new Set(['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07']),
    });
    expect(dues(priority, '2024-09-30T10:00', holidays)).toEqual(expected);
  });

  it('follows Settings: high-priority first response in 2 h instead of 4', () => {
    expect(dues('high', '2024-06-06T15:00', settingsWith({ ticketFirstResponseHoursHigh: 2 }))[0]).toBe(
      '2024-06-06 17:00',
    );
  });

  it('counts in the spreadsheet time zone: New York across the spring-forward night', () => {
    // -05:00 until 2024-03-10 07:00 UTC, then -04:00.
    const newYork = transitionZone('America/New_York', -300, [
      { from: Date.parse('2024-03-10T07:00:00Z'), offset: -240 },
    ]);
    // Friday 2024-03-08 21:00 EST, medium: 24 h → Saturday 21:00 EST → moved to Monday 21:00 EDT.
    const result = ticketDues('medium', Date.parse('2024-03-09T02:00:00Z'), settings, newYork);
    expect(new Date(result.firstResponseDue).toISOString()).toBe('2024-03-12T01:00:00.000Z');
    // 2 working days: Tuesday 21:00 EDT.
    expect(new Date(result.resolutionDue).toISOString()).toBe('2024-03-13T01:00:00.000Z');
    // The same report in Shanghai (Saturday 10:00 local) is due Monday 10:00 local.
    expect(show(ticketDues('medium', Date.parse('2024-03-09T02:00:00Z'), settings, shanghai).firstResponseDue)).toBe(
      '2024-03-11 10:00',
    );
  });
});

describe('allowed status transitions', () => {
  it.each([
    ['pending', ['take', 'resolve']],
    ['inProgress', ['resolve']],
    ['resolved', ['confirm']],
    ['closed', []],
    ['待处理', []],
  ])('%s accepts %p', (status, actions) => {
    expect(allowedTicketActions(status)).toEqual(actions);
  });

  it('leads where the workflow says', () => {
    expect(nextTicketStatus('pending', 'take')).toBe('inProgress');
    expect(nextTicketStatus('pending', 'resolve')).toBe('resolved');
    expect(nextTicketStatus('inProgress', 'take')).toBeNull();
    expect(nextTicketStatus('resolved', 'confirm', 'satisfied')).toBe('closed');
    expect(nextTicketStatus('resolved', 'confirm', 'needsImprovement')).toBe('inProgress');
    expect(nextTicketStatus('resolved', 'confirm')).toBeNull();
    expect(nextTicketStatus('closed', 'resolve')).toBeNull();
    expect(nextTicketStatus('closed', 'confirm', 'needsImprovement')).toBeNull();
  });
});

describe('planning a step', () => {
  const now = sh('2024-06-03T12:00'); // Monday
  const state = (overrides: Partial<TicketState> = {}): TicketState => ({
    status: 'resolved',
    priority: 'medium',
    assignee: 'rep@example.com',
    customerOwner: 'owner@example.com',
    firstResponseDue: sh('2024-06-04T09:00'),
    firstResponseAt: sh('2024-06-03T10:00'),
    resolutionDue: sh('2024-06-05T09:00'),
    resolvedAt: sh('2024-06-03T11:00'),
    ...overrides,
  });
  const input = { resolution: null, confirmation: null, score: null } as const;

  it('needs improvement with a 2: back in progress, second follow-up (24 h, medium) and a 24 h low-score one', () => {
    const plan = planTicketAction(
      state(),
      { ...input, action: 'confirm', confirmation: 'needsImprovement', score: 2 },
      now,
      settings,
      shanghai,
    );
    expect(plan.ok && plan.change.status).toBe('inProgress');
    expect(plan.ok && plan.change.followUps.map((f) => [f.reason, f.owner, show(f.due)])).toEqual([
      ['ticketFollowUp', 'rep@example.com', '2024-06-04 12:00'],
      ['lowSatisfaction', 'owner@example.com', '2024-06-04 12:00'],
    ]);
  });

  it('satisfied with a 3: closed and archived now, nothing scheduled', () => {
    const plan = planTicketAction(
      state(),
      { ...input, action: 'confirm', confirmation: 'satisfied', score: 3 },
      now,
      settings,
      shanghai,
    );
    expect(plan).toEqual({
      ok: true,
      change: {
        status: 'closed',
        fields: { confirmation: 'satisfied', score: 3, archivedAt: now, slaBreached: false },
        followUps: [],
      },
    });
  });

  it('resolving straight from pending stamps the first response and schedules the survey 7 working days later', () => {
    const plan = planTicketAction(
      state({ status: 'pending', firstResponseAt: null, resolvedAt: null }),
      { ...input, action: 'resolve', resolution: '电话指导' },
      now,
      settings,
      shanghai,
    );
    expect(plan.ok && plan.change.fields).toMatchObject({
      firstResponseAt: now,
      resolvedAt: now,
      resolution: '电话指导',
    });
    expect(plan.ok && plan.change.followUps.map((f) => [f.reason, f.owner, show(f.due)])).toEqual([
      ['surveyDue', 'owner@example.com', '2024-06-12 12:00'],
    ]);
  });

  it('refuses a score outside 1–5, a resolution without text and a step the status does not allow', () => {
    const confirm = (score: number) =>
      planTicketAction(
        state(),
        { ...input, action: 'confirm', confirmation: 'satisfied', score },
        now,
        settings,
        shanghai,
      );
    expect(confirm(0)).toEqual({ ok: false, field: 'score', message: 'ticket.scoreRange' });
    expect(confirm(6)).toEqual({ ok: false, field: 'score', message: 'ticket.scoreRange' });
    expect(confirm(2.5)).toEqual({ ok: false, field: 'score', message: 'ticket.scoreRange' });
    expect(
      planTicketAction(state({ status: 'inProgress' }), { ...input, action: 'resolve' }, now, settings, shanghai),
    ).toEqual({
      ok: false,
      field: 'resolution',
      message: 'validation.required',
    });
    expect(
      planTicketAction(
        state({ status: 'closed' }),
        { ...input, action: 'resolve', resolution: 'x' },
        now,
        settings,
        shanghai,
      ),
    ).toEqual({ ok: false, field: 'action', message: 'ticket.notAllowed' });
  });

  it('flags the SLA: a late first response, a late resolution, or an open ticket past its due', () => {
    const base = { firstResponseDue: 10 * HOUR, resolutionDue: 20 * HOUR };
    expect(
      isSlaBreached({ ...base, firstResponseAt: 11 * HOUR, resolvedAt: 12 * HOUR, status: 'resolved' }, 30 * HOUR),
    ).toBe(true);
    expect(
      isSlaBreached({ ...base, firstResponseAt: 9 * HOUR, resolvedAt: 19 * HOUR, status: 'closed' }, 30 * HOUR),
    ).toBe(false);
    expect(
      isSlaBreached({ ...base, firstResponseAt: 9 * HOUR, resolvedAt: null, status: 'inProgress' }, 21 * HOUR),
    ).toBe(true);
    expect(isSlaBreached({ ...base, firstResponseAt: null, resolvedAt: null, status: 'pending' }, 11 * HOUR)).toBe(
      true,
    );
    expect(isSlaBreached({ ...base, firstResponseAt: null, resolvedAt: null, status: 'pending' }, 9 * HOUR)).toBe(
      false,
    );
  });
});

describe('the new-ticket form', () => {
  it('checks types, the team list and due overrides', () => {
    const { values, errors } = validateTicketInput(
      {
        customerId: 'C20240603001',
        fields: {
          ticketType: 'complaint',
          category: 'product',
          priority: 'high',
          description: '  卡纸\r\n  两次 ',
          assignee: 'REP@example.com',
          reportedAt: '2024-06-03T10:00',
          resolutionDue: '2024-06-03T09:00',
        },
      },
      ['rep@example.com'],
    );
    expect(errors).toEqual({ resolutionDue: 'validation.dueBeforeReported' });
    expect(values).toMatchObject({ description: '卡纸\n两次', assignee: 'rep@example.com', firstResponseDue: null });
    expect(validateTicketInput({ customerId: 'x', fields: { priority: 'urgent' } }, []).errors).toEqual({
      customerId: 'validation.customer',
      ticketType: 'validation.required',
      category: 'validation.required',
      priority: 'validation.option',
      description: 'validation.required',
      assignee: 'validation.required',
      reportedAt: 'validation.required',
    });
  });
});
