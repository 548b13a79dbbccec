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
import { rowHint } from '../../shared/rules/follow-up-input';
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
import { archivedRecordsOf, archivedYears, type ArchivedRecord } from '../workbook/archive-reads';
import { allocateIds } from '../workbook/ids';
import { readCachedLayout } from '../workbook/layout';
import { openTables } from '../workbook/open-tables';
import { readSettings } from '../workbook/settings';
import { appendRecords, lastRowOf, openTable, selectRows, type Table, type TableRecord } from '../workbook/table';
import { findCandidateRows, findRecord, readRows, readRowsOf, recordWithId } from '../workbook/targeted-reads';
import { readTeam, type TeamMember } from '../workbook/team';
import { WriteBatch } from '../workbook/write-batch';
import { showSidebar } from '../ui/sidebar';
import {
  actionContext,
  asActionFailure,
  ensureInstalled,
  ensureInstalledForReading,
  lockedAction,
  type ActionContext,
} from './context';
import { SUMMARY_KEYS, summaryOf } from './customer-lookup';
import { parseRequestId } from './requests';
import {
  hintedRecords,
  localText,
  newestFirst,
  selectedRow,
  text,
  ticketView,
  TICKET_VIEW_KEYS,
} from './ticket-common';
import { fieldErrorsFailure, pageMessages, requestObject, mergedCustomerFailure } from './submission';

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

/** What a customer summary needs of the tickets' customer, and what a new ticket copies from it. */
const SAVE_CUSTOMER_KEYS = ['id', 'name', 'mergedInto'] as const;
/** What a retried save answers with. */
const RETRY_KEYS = ['id', 'firstResponseDue', 'resolutionDue', 'requestId'] as const;
/** What the history shows of a survey. */
const SURVEY_KEYS = ['id', 'customerId', 'date', 'ticketId', 'score', 'nps', 'followUpId'] as const;
/** Tickets and surveys the history shows per customer. */
export const HISTORY_LIMIT = 10;

type Selected = { customer: CustomerSummary | null; ticket: TableRecord | null; team: TeamMember[] };

/**
 * The team, and the customer and ticket of the selection: a customers row gives its customer; a tickets row
 * its ticket and that ticket's customer (found by id). The sheet is recognised by the id kept with each
 * table's layout, so no table is opened unless its sheet is the active one; only the selected row is read,
 * in the same batch as the headers and the Team table.
 */
function selection(context: ActionContext): Selected {
  const { properties, spreadsheet, zone } = context;
  const sheetId = spreadsheet.getActiveSheet().getSheetId();
  const on = (table: 'customers' | 'tickets'): boolean =>
    readCachedLayout(TEMPLATES[table], properties)?.sheetId === sheetId;
  const table = on('customers') ? 'customers' : on('tickets') ? 'tickets' : null;
  if (!table) return { customer: null, ticket: null, team: readTeam(properties, spreadsheet) };
  const row = spreadsheet.getActiveRange()?.getRow() ?? 0;
  const keys = table === 'customers' ? SUMMARY_KEYS : TICKET_VIEW_KEYS;
  const opened = openTables(
    {
      open: table === 'customers' ? ['customers'] : ['tickets', 'customers'],
      whole: ['team'],
      rows: [{ table, rows: [row], keys }],
    },
    properties,
    spreadsheet,
    zone,
  );
  const team = readTeam(properties, spreadsheet, opened.team);
  const customers = opened.customers as Table;
  if (table === 'customers') {
    const record = selectedRow(customers, row, keys, zone);
    return { customer: record ? summaryOf(record) : null, ticket: null, team };
  }
  const ticket = selectedRow(opened.tickets as Table, row, keys, zone) ?? null;
  const customerId = text(ticket?.values.customerId);
  const customer = customerId === '' ? null : findRecord(customers, 'id', customerId, SUMMARY_KEYS, zone);
  return { customer: customer ? summaryOf(customer) : null, ticket, team };
}

/** google.script.run: the ticket form, pre-filled from the selected customers or tickets row. */
export function getTicketForm(): ActionResult<TicketForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const { customer, ticket, team: everyone } = selection(context);
    const team = everyone.filter((member) => member.active);
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

/** google.script.run: one ticket by id (the workflow's "find ticket"): one search of the id column, one row read. */
export function getTicket(ticketId: unknown): ActionResult<TicketView> {
  const context = actionContext();
  const id = typeof ticketId === 'string' ? ticketId.trim().toUpperCase() : '';
  if (!TICKET_ID.test(id)) return fail('validation', context.t('error.invalidRequest', { detail: 'ticketId' }));
  try {
    const tickets = openTable(TEMPLATES.tickets, context.properties, context.spreadsheet);
    const record = findRecord(tickets, 'id', id, TICKET_VIEW_KEYS, context.zone);
    if (!record) return fail('notFound', context.t('error.notFound'));
    return ok(ticketView(record, context.zone, context.language));
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/**
 * google.script.run: a customer's recent tickets and surveys (newest first, at most HISTORY_LIMIT each), shown
 * by both sidebars. The customer and their tickets and surveys are found by one search each of the id and
 * customer-id columns; then only the columns shown of the rows shown are read, in one batch. A customer with
 * more rows than are shown has their ids read first (in that batch) to pick the newest: one batch read more.
 * A list with room left shows the customer's archived rows after the workbook's (archivedHistory), marked with
 * the archive's year, read-only.
 */
export function getCustomerHistory(customerId: unknown): ActionResult<CustomerHistory> {
  const context = actionContext();
  const id = typeof customerId === 'string' ? customerId.trim() : '';
  if (!CUSTOMER_ID.test(id)) return fail('validation', context.t('validation.customer'));
  try {
    const { properties, spreadsheet, zone, language } = context;
    const opened = openTables({ open: ['customers', 'tickets', 'satisfaction'] }, properties, spreadsheet, zone);
    const customers = opened.customers as Table;
    const lists = [
      { table: opened.tickets as Table, keys: TICKET_VIEW_KEYS as readonly string[] },
      { table: opened.satisfaction as Table, keys: SURVEY_KEYS as readonly string[] },
    ].map((list) => ({ ...list, rows: findCandidateRows(list.table, 'customerId', id) }));
    const customerRows = findCandidateRows(customers, 'id', id);
    // Few enough rows: their shown columns at once. More: their ids first, then the newest ones' columns.
    const first = readRowsOf(
      [
        { table: customers, rows: customerRows, keys: SUMMARY_KEYS },
        ...lists.map(({ table, rows, keys }) => ({
          table,
          rows,
          keys: rows.length <= HISTORY_LIMIT ? keys : ['id', 'customerId'],
        })),
      ],
      zone,
    );
    const customer = first[0]?.find((record) => record.values.id === id);
    if (!customer) return fail('notFound', context.t('error.notFound'));
    const mine = lists.map((list, index) =>
      newestFirst(
        (first[index + 1] ?? []).filter((record) => record.values.customerId === id),
        HISTORY_LIMIT,
      ),
    );
    const more = lists.map((list, index) => list.rows.length > HISTORY_LIMIT && (mine[index] ?? []).length > 0);
    if (more.some(Boolean)) {
      const again = readRowsOf(
        lists.map(({ table, keys }, index) => ({
          table,
          rows: more[index] ? (mine[index] ?? []).map((record) => record.row) : [],
          keys,
        })),
        zone,
      );
      lists.forEach((_, index) => {
        if (more[index]) mine[index] = newestFirst(again[index] ?? [], HISTORY_LIMIT);
      });
    }
    const [tickets = [], surveys = []] = mine;
    // Room left in a list: the customer's archived rows, from the newest archive. Only the workbook's rows
    // created after every archived year are surely newer than them (rows left behind, e.g. still open, may be
    // older): the rest compete with the archived ones by id (which starts with the creation date).
    const archivedUpTo = archivedYears(properties).pop();
    const room = (records: readonly TableRecord[]) =>
      archivedUpTo === undefined
        ? 0
        : HISTORY_LIMIT - records.filter((record) => Number(text(record.values.id).slice(1, 5)) > archivedUpTo).length;
    const archived = archivedHistory(context, id, room(tickets), room(surveys));
    const survey = (record: TableRecord, archivedIn?: number): SurveySummary => ({
      id: text(record.values.id),
      date: localText(record.values.date, zone, 'date'),
      ticketId: text(record.values.ticketId),
      score: typeof record.values.score === 'number' ? record.values.score : null,
      nps: typeof record.values.nps === 'number' ? record.values.nps : null,
      followUpId: text(record.values.followUpId),
      ...(archivedIn === undefined ? {} : { archivedIn }),
    });
    const ticket = (record: TableRecord, archivedIn?: number): TicketView => {
      if (archivedIn === undefined) return ticketView(record, zone, language);
      // Read-only: no workflow step and no row hint (the row is the archive's).
      const { row: _row, ...view } = ticketView(record, zone, language);
      return { ...view, actions: [], archivedIn };
    };
    return ok({
      customer: summaryOf(customer),
      tickets: newestOfBoth(tickets, archived.tickets).map(({ record, year }) => ticket(record, year)),
      surveys: newestOfBoth(surveys, archived.surveys).map(({ record, year }) => survey(record, year)),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/** The newest HISTORY_LIMIT of the workbook's and the archives' records, by id, each with its archive's year. */
function newestOfBoth(
  records: readonly TableRecord[],
  archived: readonly ArchivedRecord[],
): { record: TableRecord; year?: number }[] {
  return [...records.map((record) => ({ record })), ...archived.map((record) => ({ record, year: record.year }))]
    .sort((a, b) => (text(b.record.values.id) < text(a.record.values.id) ? -1 : 1))
    .slice(0, HISTORY_LIMIT);
}

/**
 * The customer's archived tickets and surveys a history has room for (workbook/archive-reads.ts): nothing is
 * read when both lists are full or nothing was archived; else the newest archive is searched (a bounded number
 * per view), newest first within it.
 */
function archivedHistory(
  context: ActionContext,
  customerId: string,
  ticketRoom: number,
  surveyRoom: number,
): { tickets: ArchivedRecord[]; surveys: ArchivedRecord[] } {
  if ((ticketRoom <= 0 && surveyRoom <= 0) || archivedYears(context.properties).length === 0)
    return { tickets: [], surveys: [] };
  const found = archivedRecordsOf(context, customerId, [
    { table: 'tickets', keys: TICKET_VIEW_KEYS, room: ticketRoom },
    { table: 'satisfaction', keys: SURVEY_KEYS, room: surveyRoom },
  ]).records;
  const newest = (list: ArchivedRecord[] | undefined, room: number) =>
    [...(list ?? [])]
      .sort((a, b) => b.year - a.year || (text(b.values.id) < text(a.values.id) ? -1 : 1))
      .slice(0, Math.max(0, room));
  return { tickets: newest(found[0], ticketRoom), surveys: newest(found[1], surveyRoom) };
}

/**
 * google.script.run: opens a ticket (F id) for a customer. Its first-response and resolution dues come
 * from the priority (Settings hours and working days, holidays skipped) unless the rep overrides them; a
 * retried request (same request id) adds no second row. The new row is selected. Cost, whatever the table
 * sizes: the headers, Settings, Team and the customer's row the picker hinted at in one batch read (without a
 * usable hint, one search of the customers' id column and a row read more), one search of the tickets'
 * request-id column, the id from the counter, and the row in one batched write.
 */
export function saveTicket(request: unknown): ActionResult<SavedTicket> {
  const body = requestObject(request);
  return lockedAction((context) => {
    const { t } = context;
    const requestId = parseRequestId(body.requestId);
    if (!requestId) return fail('validation', t('error.requestId'));
    const hintRow = rowHint(body.customerRow);
    ensureInstalled(context);
    const { spreadsheet, properties, zone, nowMs, language } = context;
    const opened = openTables(
      {
        open: ['customers', 'tickets'],
        whole: ['settings', 'team'],
        rows: hintRow ? [{ table: 'customers', rows: [hintRow], keys: SAVE_CUSTOMER_KEYS }] : [],
        appendTo: ['tickets'],
      },
      properties,
      spreadsheet,
      zone,
    );
    const team = readTeam(properties, spreadsheet, opened.team).filter((member) => member.active);
    const { values, errors } = validateTicketInput(
      body,
      team.map((member) => member.email),
    );
    const invalid = fieldErrorsFailure<SavedTicket>(errors, t);
    if (invalid) return invalid;
    const settings = readSettings(properties, spreadsheet, zone, opened.settings).values;
    const customers = opened.customers as Table;
    const tickets = opened.tickets as Table;
    const retryRows = findCandidateRows(tickets, 'requestId', requestId);
    const retried =
      retryRows.length === 0
        ? undefined
        : readRows(tickets, retryRows, RETRY_KEYS, zone).find((record) => record.values.requestId === requestId);
    if (retried) {
      return ok({
        id: text(retried.values.id),
        row: retried.row,
        firstResponseDue: localText(retried.values.firstResponseDue, zone),
        resolutionDue: localText(retried.values.resolutionDue, zone),
        alreadySaved: true,
      });
    }
    const customer = recordWithId(
      hintedRecords(customers, hintRow),
      customers,
      values.customerId,
      SAVE_CUSTOMER_KEYS,
      zone,
    );
    if (!customer) return fail<SavedTicket>('notFound', t('error.notFound'), { customerId: t('error.notFound') });
    const merged = mergedCustomerFailure<SavedTicket>(customer, t);
    if (merged) return merged;

    const local = (value: { date: string; minutes: number }): number => instantOf(value.date, value.minutes, zone);
    const reportedAt = values.reportedAt ? local(values.reportedAt) : nowMs;
    const computed = ticketDues(values.priority, reportedAt, settings, zone);
    const firstResponseDue = values.firstResponseDue ? local(values.firstResponseDue) : computed.firstResponseDue;
    const resolutionDue = values.resolutionDue ? local(values.resolutionDue) : computed.resolutionDue;
    // The serial comes from the counter in document properties (under the lock): no read of the id column.
    const id = allocateIds('F', 1, properties, zone, nowMs, [])[0] as string;
    const now = new Date(nowMs);
    // The row goes in one batched call, sent before the lock is released.
    const writes = new WriteBatch(zone, properties);
    const row = lastRowOf(tickets) + 1;
    appendRecords(
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
      writes,
    );
    writes.commit();
    selectRows(tickets, row);
    return ok({
      id,
      row,
      firstResponseDue: formatLocal(firstResponseDue, zone, 'datetime'),
      resolutionDue: formatLocal(resolutionDue, zone, 'datetime'),
      alreadySaved: false,
    });
  });
}
