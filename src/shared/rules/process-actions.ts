import type { Language } from '../i18n/language';
import type { FieldValue } from '../schema/cells';
import { columnOf, enumLabel, TEMPLATES } from '../schema/templates';
import type { Deadline } from './deadlines';

/**
 * The dated follow-up action a step of the process starts (SPEC "Deals and delivery": the proposal after the
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
