import { type MessageKey } from '../../shared/i18n/translate';
import type { CustomerSummary } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import type {
  CustomerHistory,
  SavedTicket,
  SurveySummary,
  TicketForm,
  TicketView,
} from '../../shared/rpc/ticket-survey';
import { ticketDues } from '../../shared/rules/deadlines';
import {
  CUSTOMER_ID,
  TICKET_FIELDS,
  TICKET_ID,
  TICKET_REQUIRED,
  validateTicketInput,
} from '../../shared/rules/ticket-input';
import { isSlaBreached } from '../../shared/rules/ticket-workflow';
import { headerLabel, TEMPLATES } from '../../shared/schema/templates';
import { formatLocal, instantOf } from '../../shared/time/local';
import { describeFields } from '../forms/describe';
import { allocateIds } from '../workbook/ids';
import { readCachedLayout } from '../workbook/layout';
import { withDocumentLock } from '../workbook/lock';
import { readSettings } from '../workbook/settings';
import { appendRecords, readTable, type TableRecord } from '../workbook/table';
import { readTeam } from '../workbook/team';
import { showSidebar } from '../ui/sidebar';
import {
  actionContext,
  asActionFailure,
  ensureInstalled,
  ensureInstalledForReading,
  type ActionContext,
} from './context';
import { summaryOf } from './customer-lookup';
import { parseRequestId } from './requests';
import { localText, recentOf, text, ticketView } from './ticket-common';
import { fieldErrorsFailure, pageMessages, requestObject } from './submission';

/**
 * Service tickets (issue 8): the "New ticket" sidebar, which also runs a ticket's workflow (take, resolve,
 * customer confirmation: see ticket-workflow.ts). Opened on a row of the tickets sheet it shows that ticket.
 */
const TICKET_MESSAGES: readonly MessageKey[] = [
  'ticket.title',
  'ticket.workflowTitle',
  'ticket.modeNew',
  'ticket.modeWorkflow',
  'ticket.findTicket',
  'ticket.find',
  'ticket.submit',
  'ticket.saved',
  'ticket.another',
  'ticket.dueHint',
  'ticket.recent',
  'ticket.noRecent',
  'ticket.details',
  'ticket.take',
  'ticket.resolve',
  'ticket.confirm',
  'ticket.closedNote',
  'ticket.updated',
  'ticket.followUpsCreated',
  'ticket.sla',
  'ticket.open',
  'followUp.customer',
  'followUp.search',
  'followUp.noMatches',
  'intake.saving',
  'common.required',
  'common.none',
  'common.loading',
  'error.validation',
  'validation.required',
  'validation.tooLong',
  'validation.option',
  'validation.owner',
  'validation.dateTime',
  'validation.dueBeforeReported',
  'validation.customer',
  'ticket.scoreRange',
];

export const WORKFLOW_FIELDS = ['resolution', 'confirmation', 'score'] as const;

export function localInputValue(instant: number, context: ActionContext): string {
  return formatLocal(instant, context.zone, 'datetime').replace(' ', 'T');
}

/** Menu: New ticket. */
export function showNewTicket(): void {
  showSidebar('ticket', actionContext().t('ticket.title'));
}

/** Menu: Update ticket (the same sidebar; it opens on the ticket of the selected tickets row). */
export function showTicketWorkflow(): void {
  showSidebar('ticket', actionContext().t('ticket.workflowTitle'));
}

/**
 * The selected row's record when the active sheet is `table`'s sheet. The sheet is recognised by the id
 * remembered with the table's layout, so no table is read unless its sheet is the active one.
 */
export function selectedRecord(
  context: ActionContext,
  table: 'customers' | 'tickets',
): { record: TableRecord | undefined; active: boolean } {
  const cached = readCachedLayout(TEMPLATES[table], context.properties);
  const sheet = context.spreadsheet.getActiveSheet();
  if (!cached || sheet.getSheetId() !== cached.sheetId) return { record: undefined, active: false };
  const row = context.spreadsheet.getActiveRange()?.getRow() ?? 0;
  const data = readTable(TEMPLATES[table], context.properties, context.spreadsheet);
  return { record: data.records.find((candidate) => candidate.row === row), active: true };
}

/** The customer and ticket of the selection: a customers row, or a tickets row (its ticket and customer). */
export function selection(context: ActionContext): { customer: CustomerSummary | null; ticket: TableRecord | null } {
  const customerRow = selectedRecord(context, 'customers');
  if (customerRow.active) return { customer: customerRow.record ? summaryOf(customerRow.record) : null, ticket: null };
  const ticketRow = selectedRecord(context, 'tickets').record ?? null;
  if (!ticketRow) return { customer: null, ticket: null };
  const customers = readTable(TEMPLATES.customers, context.properties, context.spreadsheet);
  const customer = customers.records.find((record) => record.values.id === ticketRow.values.customerId);
  return { customer: customer ? summaryOf(customer) : null, ticket: ticketRow };
}

/** google.script.run: the ticket form, pre-filled from the selected customers or tickets row. */
export function getTicketForm(): ActionResult<TicketForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const team = readTeam(context.properties, context.spreadsheet).filter((member) => member.active);
    const { customer, ticket } = selection(context);
    return ok({
      language: context.language,
      fields: describeFields(TEMPLATES.tickets, TICKET_FIELDS, TICKET_REQUIRED, context.language),
      workflowFields: describeFields(TEMPLATES.tickets, WORKFLOW_FIELDS, [], context.language),
      labels: Object.fromEntries(
        TEMPLATES.tickets.columns.map((column) => [column.key, headerLabel(column, context.language)]),
      ),
      team: team.map((member) => ({ email: member.email, name: member.name })),
      currentUser: team.some((member) => member.email === context.userEmail) ? context.userEmail : '',
      selected: customer,
      selectedTicket: ticket ? ticketView(ticket, context.zone, context.language) : null,
      now: localInputValue(context.nowMs, context),
      messages: pageMessages(context.language, TICKET_MESSAGES),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/** google.script.run: one ticket by id (the workflow's "find ticket"). */
export function getTicket(ticketId: unknown): ActionResult<TicketView> {
  const context = actionContext();
  const id = typeof ticketId === 'string' ? ticketId.trim().toUpperCase() : '';
  if (!TICKET_ID.test(id)) return fail('validation', context.t('error.invalidRequest', { detail: 'ticketId' }));
  try {
    const tickets = readTable(TEMPLATES.tickets, context.properties, context.spreadsheet);
    const record = tickets.records.find((candidate) => candidate.values.id === id);
    if (!record) return fail('notFound', context.t('error.notFound'));
    return ok(ticketView(record, context.zone, context.language));
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/** google.script.run: a customer's recent tickets and surveys (newest first), shown by both sidebars. */
export function getCustomerHistory(customerId: unknown): ActionResult<CustomerHistory> {
  const context = actionContext();
  const id = typeof customerId === 'string' ? customerId.trim() : '';
  if (!CUSTOMER_ID.test(id)) return fail('validation', context.t('validation.customer'));
  try {
    const { properties, spreadsheet, zone, language } = context;
    const customers = readTable(TEMPLATES.customers, properties, spreadsheet);
    const customer = customers.records.find((record) => record.values.id === id);
    if (!customer) return fail('notFound', context.t('error.notFound'));
    const tickets = readTable(TEMPLATES.tickets, properties, spreadsheet);
    const surveys = readTable(TEMPLATES.satisfaction, properties, spreadsheet);
    return ok({
      customer: summaryOf(customer),
      tickets: recentOf(tickets, id).map((record) => ticketView(record, zone, language)),
      surveys: recentOf(surveys, id).map((record): SurveySummary => ({
        id: text(record.values.id),
        date: localText(record.values.date, zone, 'date'),
        ticketId: text(record.values.ticketId),
        score: typeof record.values.score === 'number' ? record.values.score : null,
        nps: typeof record.values.nps === 'number' ? record.values.nps : null,
        followUpId: text(record.values.followUpId),
      })),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/**
 * google.script.run: opens a ticket (F id) for a customer. Its first-response and resolution dues come
 * from the priority (Settings hours and working days, holidays skipped) unless the rep overrides them; a
 * retried request (same request id) adds no second row. The new row is selected.
 */
export function saveTicket(request: unknown): ActionResult<SavedTicket> {
  const context = actionContext();
  const { t } = context;
  const body = requestObject(request);
  const requestId = parseRequestId(body.requestId);
  if (!requestId) return fail('validation', t('error.requestId'));
  try {
    return withDocumentLock(() => {
      ensureInstalled(context);
      const { spreadsheet, properties, zone, nowMs, language } = context;
      const team = readTeam(properties, spreadsheet).filter((member) => member.active);
      const { values, errors } = validateTicketInput(
        body,
        team.map((member) => member.email),
      );
      const invalid = fieldErrorsFailure<SavedTicket>(errors, t);
      if (invalid) return invalid;
      const settings = readSettings(properties, spreadsheet, zone).values;
      const customers = readTable(TEMPLATES.customers, properties, spreadsheet);
      const tickets = readTable(TEMPLATES.tickets, properties, spreadsheet);
      const retried = tickets.records.find((record) => record.values.requestId === requestId);
      if (retried) {
        return ok({
          id: text(retried.values.id),
          row: retried.row,
          firstResponseDue: localText(retried.values.firstResponseDue, zone),
          resolutionDue: localText(retried.values.resolutionDue, zone),
          alreadySaved: true,
        });
      }
      const customer = customers.records.find((record) => record.values.id === values.customerId);
      if (!customer) return fail<SavedTicket>('notFound', t('error.notFound'), { customerId: t('error.notFound') });

      const local = (value: { date: string; minutes: number }): number => instantOf(value.date, value.minutes, zone);
      const reportedAt = values.reportedAt ? local(values.reportedAt) : nowMs;
      const computed = ticketDues(values.priority, reportedAt, settings, zone);
      const firstResponseDue = values.firstResponseDue ? local(values.firstResponseDue) : computed.firstResponseDue;
      const resolutionDue = values.resolutionDue ? local(values.resolutionDue) : computed.resolutionDue;
      const id = allocateIds(
        'F',
        1,
        properties,
        zone,
        nowMs,
        tickets.records.map((record) => text(record.values.id)),
      )[0] as string;
      const now = new Date(nowMs);
      const range = appendRecords(
        tickets,
        [
          {
            id,
            customerId: values.customerId,
            customerName: customer.values.name,
            ticketType: values.ticketType,
            category: values.category,
            description: values.description,
            priority: values.priority,
            reportedAt: new Date(reportedAt),
            assignee: values.assignee,
            status: 'pending',
            firstResponseDue: new Date(firstResponseDue),
            resolutionDue: new Date(resolutionDue),
            slaBreached: isSlaBreached(
              { firstResponseDue, firstResponseAt: null, resolutionDue, resolvedAt: null, status: 'pending' },
              nowMs,
            ),
            createdAt: now,
            updatedAt: now,
            requestId,
          },
        ],
        language,
      );
      range?.activate();
      return ok({
        id,
        row: tickets.grid.length,
        firstResponseDue: formatLocal(firstResponseDue, zone, 'datetime'),
        resolutionDue: formatLocal(resolutionDue, zone, 'datetime'),
        alreadySaved: false,
      });
    });
  } catch (error) {
    return asActionFailure(error, t);
  }
}
