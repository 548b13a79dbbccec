import type { FieldValue } from '../schema/cells';
import { addDays } from '../time/calendar';
import { localDate, startOfDate } from '../time/local';
import type { Zone } from '../time/zone';
import { isOverdue, sleepingBefore } from './cadence';
import { isMergedCustomer } from './merge-customers';
import type { SettingsValues } from './settings';

/**
 * "My day" (docs/product-rules.md §3): one rep's overdue follow-ups, actions due today, customers past their next
 * follow-up date, sleeping customers and open tickets. Pure, over records as the table layer reads them.
 */
type Values = Readonly<Record<string, FieldValue | undefined>>;

export interface MyDayEntry {
  table: 'customers' | 'followUps' | 'tickets';
  id: string;
  /** Customer name (or ticket description) to show. */
  title: string;
  /** The action, contact or priority, as stored (keys are labelled by the caller). */
  detail: string;
  /** When it is or was due (epoch ms), or when the customer was last contacted for sleeping ones. */
  at: number | null;
}

export interface MyDay {
  overdue: MyDayEntry[];
  dueToday: MyDayEntry[];
  pastNextFollowUp: MyDayEntry[];
  sleeping: MyDayEntry[];
  openTickets: MyDayEntry[];
}

export interface MyDayInput {
  email: string;
  customers: readonly Values[];
  followUps: readonly Values[];
  tickets: readonly Values[];
  nowMs: number;
  zone: Zone;
  settings: SettingsValues;
}

function ms(value: FieldValue | undefined): number | null {
  return Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : null;
}

function text(value: FieldValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Soonest first; the same instant by id, so a list cut to its first items is the same however it was read. */
const byTime = (a: MyDayEntry, b: MyDayEntry): number =>
  (a.at ?? Infinity) - (b.at ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The customers with an open action of the rep's that has a due date: the action stands for the customer's next
 * step, so the customer is not listed as past its next follow-up date as well.
 */
export function customersWithOpenAction(email: string, followUps: readonly Values[]): Set<string> {
  const out = new Set<string>();
  for (const followUp of followUps) {
    if (followUp.status !== 'open' || ms(followUp.nextActionDue) === null) continue;
    const owner = followUp.owner;
    if (owner !== email && (owner === null || owner === undefined || text(owner).toLowerCase() !== email)) continue;
    out.add(text(followUp.customerId));
  }
  return out;
}

export function buildMyDay(input: MyDayInput): MyDay {
  const { email, nowMs, zone, settings } = input;
  const today = localDate(nowMs, zone);
  // Today as an instant range, and the sleeping threshold: comparisons, not a local date per record.
  const todayStarts = startOfDate(today, zone);
  const tomorrowStarts = startOfDate(addDays(today, 1), zone);
  const isToday = (at: number) => at >= todayStarts && at < tomorrowStarts;
  const asleepBefore = sleepingBefore(nowMs, settings, zone);
  // Most owners are stored as the rep's e-mail exactly: compare before lower-casing (a rep has tens of thousands).
  const mine = (owner: FieldValue | undefined): boolean =>
    owner === email || (owner !== null && owner !== undefined && owner !== '' && text(owner).toLowerCase() === email);
  // Names only of the customers an action or a ticket names (a rep may have tens of thousands of customers).
  const named = new Set<string>();
  for (const record of [...input.followUps, ...input.tickets]) named.add(text(record.customerId));
  const customerName = new Map<string, string>();
  for (const customer of input.customers) {
    const id = text(customer.id);
    if (named.has(id)) customerName.set(id, text(customer.name));
  }
  const result: MyDay = { overdue: [], dueToday: [], pastNextFollowUp: [], sleeping: [], openTickets: [] };

  // A customer whose next step is an open action already listed is not listed a second time.
  const withOpenAction = customersWithOpenAction(email, input.followUps);
  for (const followUp of input.followUps) {
    if (!mine(followUp.owner) || followUp.status !== 'open') continue;
    const due = ms(followUp.nextActionDue);
    if (due === null) continue;
    const entry: MyDayEntry = {
      table: 'followUps',
      id: text(followUp.id),
      title: customerName.get(text(followUp.customerId)) || text(followUp.customerName),
      detail: text(followUp.nextAction) || text(followUp.topic) || text(followUp.content),
      at: due,
    };
    if (isOverdue(due, nowMs)) result.overdue.push(entry);
    else if (isToday(due)) result.dueToday.push(entry);
  }

  for (const customer of input.customers) {
    if (!(mine(customer.owner) || mine(customer.coOwner))) continue;
    if (customer.doNotContact === true || customer.status === 'lost' || customer.status === 'churned') continue;
    if (isMergedCustomer(customer)) continue;
    const id = text(customer.id);
    const entry = (at: number | null, detail: string): MyDayEntry => ({
      table: 'customers',
      id,
      title: text(customer.name),
      detail,
      at,
    });
    const due = withOpenAction.has(id) ? null : ms(customer.nextFollowUpDue);
    if (isOverdue(due, nowMs)) result.pastNextFollowUp.push(entry(due, text(customer.contactName)));
    else if (due !== null && isToday(due)) result.dueToday.push(entry(due, text(customer.contactName)));
    const created = ms(customer.createdAt);
    const lastContact = ms(customer.lastContactAt);
    if (created !== null && (lastContact ?? created) < asleepBefore) {
      result.sleeping.push(entry(lastContact ?? created, text(customer.contactName)));
    }
  }

  for (const ticket of input.tickets) {
    if (!mine(ticket.assignee) || ms(ticket.archivedAt) !== null) continue;
    if (ticket.status !== 'pending' && ticket.status !== 'inProgress') continue;
    result.openTickets.push({
      table: 'tickets',
      id: text(ticket.id),
      title: customerName.get(text(ticket.customerId)) || text(ticket.customerName),
      detail: text(ticket.description),
      at: ms(ticket.resolutionDue),
    });
  }
  for (const list of Object.values(result)) list.sort(byTime);
  return result;
}
