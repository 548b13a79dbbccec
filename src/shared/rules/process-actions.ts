import type { Language } from '../i18n/language';
import type { FieldValue } from '../schema/cells';
import { columnOf, enumLabel, TEMPLATES } from '../schema/templates';
import { milestoneDeadline, type Deadline } from './deadlines';
import type { SettingsValues } from './settings';
import type { Zone } from '../time/zone';

/**
 * The dated follow-up action a step of the process starts (docs/product-rules.md §2 "Deals and delivery": the proposal after the
 * needs analysis, the handover after a signed contract, …; each "becomes a dated follow-up action that the
 * scan can flag"). An open follow-up row for the customer's owner, its reason the deadline's action and its
 * next action that reason's label in the workbook language. `relatedId` ties it to what started it, so the
 * same step never makes a second one.
 */
export interface ProcessActionInput {
  id: string;
  deadline: Deadline;
  customerId: string;
  customerName: FieldValue;
  owner: string;
  relatedId: string;
  nowMs: number;
  language: Language;
}

export function processActionFields(input: ProcessActionInput): Record<string, FieldValue> {
  const now = new Date(input.nowMs);
  const label = enumLabel(columnOf(TEMPLATES.followUps, 'reason'), input.deadline.action, input.language) ?? '';
  return {
    id: input.id,
    customerId: input.customerId,
    customerName: input.customerName,
    at: now,
    content: label,
    nextAction: label,
    nextActionDue: new Date(input.deadline.due),
    reason: input.deadline.action,
    relatedId: input.relatedId,
    owner: input.owner,
    status: 'open',
    overdue: input.deadline.due < input.nowMs,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The process action a logged milestone starts (objection → answered within 24 h, contract signed → handover
 * in 1 working day, handover / delivery update → the next update in 7 days, delivered → acceptance in 3
 * working days, accepted → survey in 7 working days), or null. A needs interview starts the customer's
 * needs-analysis due instead (a customer field, not an action row).
 */
export function milestoneAction(
  milestone: string | null | undefined,
  at: number,
  settings: SettingsValues,
  zone: Zone,
): Deadline | null {
  if (!milestone || milestone === 'needsInterview') return null;
  return milestoneDeadline(milestone, at, settings, zone);
}

/**
 * The open actions a logged milestone carries out: a proposal sent is the proposal that was due, a handover
 * the handover, a delivery update (or the delivery itself) the update that was due, an acceptance the
 * acceptance, a survey the survey. They are marked done when the milestone is logged.
 */
const FULFILS: Readonly<Record<string, readonly string[]>> = {
  proposalSent: ['proposalDue'],
  handover: ['handoverDue'],
  deliveryUpdate: ['deliveryUpdateDue'],
  delivered: ['deliveryUpdateDue'],
  accepted: ['acceptanceDue'],
  survey: ['surveyDue'],
};

export function fulfilledReasons(milestone: string | null | undefined): readonly string[] {
  return (milestone && FULFILS[milestone]) || [];
}
