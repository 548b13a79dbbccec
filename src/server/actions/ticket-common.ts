import type { Language } from '../../shared/i18n/language';
import type { TicketView } from '../../shared/rpc/ticket-survey';
import { allowedTicketActions } from '../../shared/rules/ticket-workflow';
import type { FieldValue } from '../../shared/schema/cells';
import { columnOf, enumLabel, TEMPLATES } from '../../shared/schema/templates';
import { formatLocal } from '../../shared/time/local';
import type { Zone } from '../../shared/time/zone';
import { readRows } from '../workbook/targeted-reads';
import type { FieldValues, Table, TableRecord } from '../workbook/table';

/** Helpers shared by the ticket, ticket-workflow and survey actions. */

export function asInstant(value: FieldValue | undefined): number | null {
  return Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : null;
}

export function text(value: FieldValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function localText(value: FieldValue | undefined, zone: Zone, style: 'date' | 'datetime' = 'datetime'): string {
  const instant = asInstant(value);
  return instant === null ? '' : formatLocal(instant, zone, style);
}

function label(key: string, value: FieldValue | undefined, language: Language): string {
  if (value === null || value === undefined) return '';
  return enumLabel(columnOf(TEMPLATES.tickets, key), String(value), language) ?? String(value);
}

export function ticketView(record: TableRecord, zone: Zone, language: Language): TicketView {
  const v = record.values;
  const score = typeof v.score === 'number' ? v.score : null;
  return {
    id: text(v.id),
    customerId: text(v.customerId),
    customerName: text(v.customerName),
    ticketType: label('ticketType', v.ticketType, language),
    category: label('category', v.category, language),
    description: text(v.description),
    priority: text(v.priority),
    priorityLabel: label('priority', v.priority, language),
    status: text(v.status),
    statusLabel: label('status', v.status, language),
    assignee: text(v.assignee),
    reportedAt: localText(v.reportedAt, zone),
    firstResponseDue: localText(v.firstResponseDue, zone),
    firstResponseAt: localText(v.firstResponseAt, zone),
    resolutionDue: localText(v.resolutionDue, zone),
    slaBreached: v.slaBreached === true,
    resolution: text(v.resolution),
    resolvedAt: localText(v.resolvedAt, zone),
    confirmation: text(v.confirmation),
    confirmationLabel: label('confirmation', v.confirmation, language),
    score,
    archivedAt: localText(v.archivedAt, zone),
    actions: allowedTicketActions(v.status),
    row: record.row,
  };
}

/** The columns a ticket view shows, which are also all the workflow decides on (ticketView, planTicketAction). */
export const TICKET_VIEW_KEYS = [
  'id',
  'customerId',
  'customerName',
  'ticketType',
  'category',
  'description',
  'priority',
  'reportedAt',
  'assignee',
  'status',
  'firstResponseDue',
  'firstResponseAt',
  'resolutionDue',
  'slaBreached',
  'resolution',
  'resolvedAt',
  'confirmation',
  'score',
  'archivedAt',
] as const;

/** Records newest first (by id: ids grow with the date and serial), at most `limit`. */
export function newestFirst(records: readonly TableRecord[], limit: number): TableRecord[] {
  return [...records].sort((a, b) => (text(b.values.id) < text(a.values.id) ? -1 : 1)).slice(0, limit);
}

/** The records openTables read at a sidebar's row hint (none when the hint was stale or not read). */
export function hintedRecords(table: Table, row: number): TableRecord[] {
  return row < 2 ? [] : table.records.filter((record) => record.row === row);
}

/**
 * The selected row of `table` as read with openTables' `rows`; when that read could not happen (the table's
 * header had changed, so its layout was resolved again), the row is read now. Undefined for a blank row.
 * Only for a row known to exist on the sheet (the active range): a stale hint goes through recordWithId.
 */
export function selectedRow(table: Table, row: number, keys: readonly string[], zone: Zone): TableRecord | undefined {
  if (row < 2) return undefined;
  if (table.grid[row - 1] !== undefined) return table.records.find((record) => record.row === row);
  return readRows(table, [row], keys, zone)[0];
}

/**
 * A follow-up row for an action the add-on schedules (a ticket's second follow-up, a low rating, a survey
 * due). Direction and channel stay empty: it is a planned action, not a touch, so contact caps and the
 * churn rule ("two outbound touches unanswered") don't count it.
 */
export function plannedFollowUp(options: {
  id: string;
  customer: TableRecord | undefined;
  customerId: string;
  reason: string;
  relatedId: string;
  owner: string;
  due: number;
  action: string;
  nowMs: number;
  requestId: string;
}): FieldValues {
  const now = new Date(options.nowMs);
  return {
    id: options.id,
    customerId: options.customerId,
    customerName: options.customer?.values.name ?? null,
    at: now,
    topic: options.action,
    content: options.action,
    reason: options.reason,
    relatedId: options.relatedId,
    nextAction: options.action,
    nextActionDue: new Date(options.due),
    owner: options.owner,
    status: 'open',
    overdue: false,
    createdAt: now,
    updatedAt: now,
    requestId: options.requestId,
  };
}
