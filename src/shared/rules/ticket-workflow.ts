import type { MessageKey } from '../i18n/translate';
import type { Instant } from '../time/calendar';
import type { Zone } from '../time/zone';
import { lowSatisfactionDue, milestoneDeadline, ticketDues } from './deadlines';
import type { SettingsValues } from './settings';

/**
 * A ticket's life (docs/product-rules.md §2 Tickets, seeds 003 and 004), pure so the sidebar offers only what the server
 * will accept:
 *
 *   pending ──take──▶ inProgress ──resolve──▶ resolved ──confirm: satisfied──▶ closed (archived)
 *      └──────────────resolve──────────────────▲   └──confirm: needs improvement──▶ inProgress
 *
 * Taking stamps the first response; resolving straight from pending (answered on the first call) stamps it
 * too. A closed ticket accepts nothing: nothing is ever deleted, and it stays archived.
 */
export const TICKET_STATUSES = ['pending', 'inProgress', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_ACTIONS = ['take', 'resolve', 'confirm'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export type TicketConfirmation = 'satisfied' | 'needsImprovement';

const TRANSITIONS: Readonly<Record<TicketStatus, Partial<Record<TicketAction, readonly TicketStatus[]>>>> = {
  pending: { take: ['inProgress'], resolve: ['resolved'] },
  inProgress: { resolve: ['resolved'] },
  // Which of the two depends on the customer's answer.
  resolved: { confirm: ['closed', 'inProgress'] },
  closed: {},
};

export function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);
}

export function isTicketAction(value: unknown): value is TicketAction {
  return typeof value === 'string' && (TICKET_ACTIONS as readonly string[]).includes(value);
}

/** The actions a ticket in this status accepts, in workflow order. An unknown status accepts none. */
export function allowedTicketActions(status: unknown): TicketAction[] {
  if (!isTicketStatus(status)) return [];
  return TICKET_ACTIONS.filter((action) => TRANSITIONS[status][action] !== undefined);
}

/** The status after an action, or null when the action is not allowed in that status. */
export function nextTicketStatus(
  status: unknown,
  action: TicketAction,
  confirmation: TicketConfirmation | null = null,
): TicketStatus | null {
  if (!isTicketStatus(status) || !TRANSITIONS[status][action]) return null;
  if (action === 'take') return 'inProgress';
  if (action === 'resolve') return 'resolved';
  if (confirmation === 'satisfied') return 'closed';
  if (confirmation === 'needsImprovement') return 'inProgress';
  return null;
}

/** A ticket score or a survey dimension: a whole number 1–5. */
export function isRating(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * SLA breached (docs/product-rules.md §2): the first response came (or, still missing, is) after its due, or the resolution
 * came (or, still open, is) after its due. A closed ticket keeps the flag it had when it was resolved.
 */
export function isSlaBreached(
  ticket: {
    firstResponseDue: Instant | null;
    firstResponseAt: Instant | null;
    resolutionDue: Instant | null;
    resolvedAt: Instant | null;
    status: unknown;
  },
  nowMs: Instant,
): boolean {
  const open = ticket.status === 'pending' || ticket.status === 'inProgress';
  const responded = ticket.firstResponseAt ?? (open ? nowMs : null);
  const resolved = open ? nowMs : ticket.resolvedAt;
  const late = (at: Instant | null, due: Instant | null): boolean => at !== null && due !== null && at > due;
  return late(responded, ticket.firstResponseDue) || late(resolved, ticket.resolutionDue);
}

/** What the workflow needs to know about a ticket (instants as epoch ms). */
export interface TicketState {
  status: unknown;
  priority: string | null;
  assignee: string;
  /** The customer's owner: low scores and survey-due actions go to them (the assignee when unknown). */
  customerOwner: string;
  firstResponseDue: Instant | null;
  firstResponseAt: Instant | null;
  resolutionDue: Instant | null;
  resolvedAt: Instant | null;
}

export interface TicketActionInput {
  action: TicketAction;
  resolution: string | null;
  confirmation: TicketConfirmation | null;
  score: number | null;
}

/** A follow-up action to create (followUps.reason keys). */
export interface PlannedFollowUp {
  reason: 'ticketFollowUp' | 'lowSatisfaction' | 'surveyDue';
  owner: string;
  due: Instant;
}

export interface TicketChange {
  status: TicketStatus;
  /** Ticket fields to write; instants as epoch ms, null clears. */
  fields: {
    firstResponseAt?: Instant;
    resolution?: string;
    resolvedAt?: Instant;
    confirmation?: TicketConfirmation | null;
    score?: number | null;
    archivedAt?: Instant;
    slaBreached: boolean;
  };
  followUps: PlannedFollowUp[];
}

export type TicketPlan = { ok: true; change: TicketChange } | { ok: false; field: string; message: MessageKey };

/**
 * What an action does to a ticket at `nowMs`:
 * - take: in progress, first response stamped (kept when already there);
 * - resolve (resolution text required): resolved at now, first response stamped if missing, the previous
 *   confirmation and score cleared (the customer is asked again), and the survey due 7 working days later
 *   for the customer's owner (surveyDueWorkingDays);
 * - confirm "satisfied": closed, archived at now; "needs improvement": back in progress with a second
 *   follow-up for the assignee, due by the ticket's first-response time for its priority (Settings
 *   ticketFirstResponseHours*: 4 / 24 / 72 h); either way a score ≤ lowRatingMax (2) adds a follow-up for
 *   the customer's owner within lowSatisfactionFollowUpHours (24 h).
 */
export function planTicketAction(
  ticket: TicketState,
  input: TicketActionInput,
  nowMs: Instant,
  settings: SettingsValues,
  zone: Zone,
): TicketPlan {
  if (input.score !== null && !isRating(input.score))
    return { ok: false, field: 'score', message: 'ticket.scoreRange' };
  if (input.action === 'confirm' && input.confirmation === null) {
    return { ok: false, field: 'confirmation', message: 'validation.required' };
  }
  if (input.action === 'resolve' && (input.resolution ?? '') === '') {
    return { ok: false, field: 'resolution', message: 'validation.required' };
  }
  const status = nextTicketStatus(ticket.status, input.action, input.confirmation);
  if (status === null) return { ok: false, field: 'action', message: 'ticket.notAllowed' };

  const owner = ticket.customerOwner || ticket.assignee;
  const fields: TicketChange['fields'] = { slaBreached: false };
  const followUps: PlannedFollowUp[] = [];
  let firstResponseAt = ticket.firstResponseAt;
  let resolvedAt = ticket.resolvedAt;
  if (input.action === 'take' || input.action === 'resolve') {
    if (firstResponseAt === null) firstResponseAt = fields.firstResponseAt = nowMs;
  }
  if (input.action === 'resolve') {
    fields.resolution = input.resolution ?? '';
    resolvedAt = fields.resolvedAt = nowMs;
    fields.confirmation = null;
    fields.score = null;
    const survey = milestoneDeadline('ticketResolved', nowMs, settings, zone);
    if (survey) followUps.push({ reason: 'surveyDue', owner, due: survey.due });
  }
  if (input.action === 'confirm') {
    fields.confirmation = input.confirmation;
    fields.score = input.score;
    if (input.confirmation === 'satisfied') fields.archivedAt = nowMs;
    else {
      followUps.push({
        reason: 'ticketFollowUp',
        owner: ticket.assignee || owner,
        due: ticketDues(ticket.priority, nowMs, settings, zone).firstResponseDue,
      });
    }
    if (input.score !== null && input.score <= settings.lowRatingMax) {
      followUps.push({ reason: 'lowSatisfaction', owner, due: lowSatisfactionDue(nowMs, settings, zone) });
    }
  }
  // A reopened ticket is measured against its original dues, so a rejected resolution stays visible.
  fields.slaBreached = isSlaBreached(
    {
      firstResponseDue: ticket.firstResponseDue,
      firstResponseAt,
      resolutionDue: ticket.resolutionDue,
      resolvedAt: status === 'inProgress' ? null : resolvedAt,
      status,
    },
    nowMs,
  );
  return { ok: true, change: { status, fields, followUps } };
}
