import type { FieldValue } from '../schema/cells';
import { localDate } from '../time/local';
import type { Zone } from '../time/zone';
import { isOverdue } from './cadence';
import { careReminderDue } from './deadlines';
import type { SettingsValues } from './settings';

/**
 * The flags the daily scan keeps current besides grading (docs/product-rules.md §5): overdue follow-ups, ticket SLA
 * breaches, and the care actions for birthdays and partnership anniversaries. Pure: records in, the cells
 * to change (or the rows to add) out, so a second run the same day changes nothing.
 */
type Values = Readonly<Record<string, FieldValue | undefined>>;

export interface RowUpdate {
  row: number;
  values: Record<string, FieldValue>;
}

function ms(value: FieldValue | undefined): number | null {
  return Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : null;
}

/** An open follow-up whose next-action due date has passed is overdue; done ones never are. */
export function followUpOverdueUpdates(rows: readonly { row: number; values: Values }[], nowMs: number): RowUpdate[] {
  const updates: RowUpdate[] = [];
  for (const { row, values } of rows) {
    const overdue = values.status === 'open' && isOverdue(ms(values.nextActionDue), nowMs);
    if ((values.overdue === true) !== overdue) updates.push({ row, values: { overdue } });
  }
  return updates;
}

/**
 * A ticket breaches its SLA when the first response is late (due passed with no response, or a response
 * after the due) or the resolution is late (due passed unresolved, or resolved after the due). A breach
 * stays flagged once it happened: a late answer does not undo it. Archived tickets keep their flag.
 */
export function ticketSlaUpdates(rows: readonly { row: number; values: Values }[], nowMs: number): RowUpdate[] {
  const updates: RowUpdate[] = [];
  for (const { row, values } of rows) {
    if (values.id === null || values.id === undefined) continue;
    const late = (due: number | null, done: number | null): boolean =>
      due !== null && (done === null ? nowMs > due : done > due);
    const breached =
      late(ms(values.firstResponseDue), ms(values.firstResponseAt)) ||
      late(ms(values.resolutionDue), ms(values.resolvedAt));
    if ((values.slaBreached === true) !== breached) updates.push({ row, values: { slaBreached: breached } });
  }
  return updates;
}

export interface CareAction {
  customerId: string;
  customerName: string;
  owner: string;
  kind: 'birthday' | 'anniversary';
  /** The day being celebrated, yyyy-mm-dd. */
  occurrence: string;
  /** When the care action is due (careReminderDaysBefore before the occurrence). */
  dueMs: number;
  /** Stable id of the action (followUps.relatedId), so it is created once per customer, kind and year. */
  relatedId: string;
}

/**
 * Care actions that should exist now (docs/product-rules.md §2, seed 003): a birthday or anniversary within the reminder
 * window (default 7 days ahead) gets one action, unless one with the same relatedId exists. Do-not-contact,
 * lost and churned customers get none.
 */
export function careActionsDue(
  customers: readonly Values[],
  existingRelatedIds: ReadonlySet<string>,
  nowMs: number,
  settings: SettingsValues,
  zone: Zone,
): CareAction[] {
  const actions: CareAction[] = [];
  const today = localDate(nowMs, zone);
  for (const customer of customers) {
    if (customer.doNotContact === true || customer.status === 'lost' || customer.status === 'churned') continue;
    for (const kind of ['birthday', 'anniversary'] as const) {
      const reminder = careReminderDue((customer[kind] ?? null) as string | Date | null, nowMs, settings, zone);
      if (!reminder) continue;
      // Only once the reminder date has come, and not for a day already past.
      if (localDate(reminder.due, zone) > today || reminder.occurrence < today) continue;
      const relatedId = `care:${String(customer.id)}:${kind}:${reminder.occurrence}`;
      if (existingRelatedIds.has(relatedId)) continue;
      actions.push({
        customerId: String(customer.id ?? ''),
        customerName: String(customer.name ?? ''),
        owner: String(customer.owner ?? ''),
        kind,
        occurrence: reminder.occurrence,
        dueMs: reminder.due,
        relatedId,
      });
    }
  }
  return actions;
}
