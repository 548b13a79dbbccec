import type { MessageKey } from '../../shared/i18n/translate';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import type { UpdatedTicket } from '../../shared/rpc/ticket-survey';
import { cleanLongText, TICKET_ID } from '../../shared/rules/ticket-input';
import {
  isTicketAction,
  isTicketStatus,
  nextTicketStatus,
  planTicketAction,
  type PlannedFollowUp,
  type TicketConfirmation,
} from '../../shared/rules/ticket-workflow';
import { rowHint } from '../../shared/rules/follow-up-input';
import { toHalfWidth } from '../../shared/rules/normalize';
import { columnOf, enumLabel, TEMPLATES } from '../../shared/schema/templates';
import { allocateIds } from '../workbook/ids';
import { openTables } from '../workbook/open-tables';
import { readSettings } from '../workbook/settings';
import { appendRecords, writeFields, type FieldValues, type Table, type TableRecord } from '../workbook/table';
import { findCandidateRows, readRowsOf, recordWithId } from '../workbook/targeted-reads';
import { WriteBatch } from '../workbook/write-batch';
import { ensureInstalled, lockedAction } from './context';
import { parseRequestId } from './requests';
import { asInstant, hintedRecords, plannedFollowUp, text, ticketView, TICKET_VIEW_KEYS } from './ticket-common';
import { requestObject } from './submission';

const MAX_LONG_TEXT = 10000;

interface ParsedUpdate {
  requestId: string;
  ticketId: string;
  /** Where the sidebar last saw the ticket (a hint, checked against the id); 0 when unknown. */
  ticketRow: number;
  fromStatus: string;
  action: 'take' | 'resolve' | 'confirm';
  resolution: string | null;
  confirmation: TicketConfirmation | null;
  score: number | null;
}

/** Checks an update request; field errors are message keys. */
function parseUpdate(request: unknown): { update: ParsedUpdate | null; errors: Record<string, MessageKey> } {
  const body = requestObject(request);
  const errors: Record<string, MessageKey> = {};
  const requestId = parseRequestId(body.requestId);
  const ticketId = typeof body.ticketId === 'string' ? body.ticketId.trim() : '';
  if (!TICKET_ID.test(ticketId)) errors.ticketId = 'validation.option';
  if (!isTicketStatus(body.fromStatus)) errors.fromStatus = 'validation.option';
  if (!isTicketAction(body.action)) errors.action = 'validation.option';
  const resolution = cleanLongText(body.resolution);
  if (resolution.length > MAX_LONG_TEXT) errors.resolution = 'validation.tooLong';
  const confirmation =
    body.confirmation === 'satisfied' || body.confirmation === 'needsImprovement' ? body.confirmation : null;
  if (body.confirmation !== undefined && body.confirmation !== '' && confirmation === null) {
    errors.confirmation = 'validation.option';
  }
  const rawScore = typeof body.score === 'string' ? toHalfWidth(body.score).trim() : body.score;
  let score: number | null = null;
  if (rawScore !== undefined && rawScore !== null && rawScore !== '') {
    score = typeof rawScore === 'number' ? rawScore : /^-?\d+(\.\d+)?$/.test(String(rawScore)) ? Number(rawScore) : NaN;
    if (!(Number.isInteger(score) && score >= 1 && score <= 5)) errors.score = 'ticket.scoreRange';
  }
  if (!requestId || Object.keys(errors).length > 0) return { update: null, errors };
  return {
    update: {
      requestId,
      ticketId,
      ticketRow: rowHint(body.ticketRow),
      fromStatus: body.fromStatus as string,
      action: body.action as ParsedUpdate['action'],
      resolution: resolution === '' ? null : resolution,
      confirmation,
      score,
    },
    errors,
  };
}

/** What a step reads of the customer: the owner of the actions it schedules, the name they carry. */
const CUSTOMER_KEYS = ['id', 'name', 'owner'] as const;
/** What a resolution reads of the ticket's follow-ups: its open survey due (moved) and second follow-up (closed). */
const RELATED_KEYS = ['relatedId', 'reason', 'status', 'nextActionDue', 'doneAt', 'overdue', 'updatedAt'] as const;

/**
 * google.script.run: one step of a ticket's workflow (take, resolve, customer confirmation with an
 * optional 1–5 score), checked against the allowed transitions (src/shared/rules/ticket-workflow.ts).
 * The request names the status the rep saw: if the ticket has meanwhile reached the status this step
 * leads to, it is a retry and nothing is written again; any other change is refused ("reload").
 * Follow-ups: survey due after a resolution (an open one for this ticket is moved, not duplicated), a
 * second follow-up for the assignee after "needs improvement" (closed again by the next resolution), a
 * 24 h follow-up for the customer's owner after a low score.
 *
 * Cost, whatever the table sizes: the headers, Settings and the ticket's row the sidebar hinted at in one
 * batch read (without a usable hint, one search of the tickets' id column and a row read more). A step that
 * schedules follow-ups searches the customers' id column for the ticket's customer (their owner); a
 * resolution of a ticket resolved before (reopened by "needs improvement") searches the follow-ups'
 * related-id column for the actions it moves or closes; the rows found are read in one batch. All writes
 * go in one batched call.
 */
export function updateTicket(request: unknown): ActionResult<UpdatedTicket> {
  return lockedAction((context) => {
    const { t } = context;
    const { update, errors } = parseUpdate(request);
    if (!update) {
      if (Object.keys(errors).length === 0) return fail('validation', t('error.requestId'));
      const fields: Record<string, string> = {};
      for (const [field, key] of Object.entries(errors)) fields[field] = t(key);
      return fail('validation', t('error.validation'), fields);
    }
    ensureInstalled(context);
    const { spreadsheet, properties, zone, nowMs, language } = context;
    // Only steps that may schedule follow-ups need the customers and follow-ups tables.
    const needsActions = update.action !== 'take';
    const opened = openTables(
      {
        open: needsActions ? ['tickets', 'customers', 'followUps'] : ['tickets'],
        whole: ['settings'],
        rows: update.ticketRow ? [{ table: 'tickets', rows: [update.ticketRow], keys: TICKET_VIEW_KEYS }] : [],
        appendTo: needsActions ? ['followUps'] : [],
      },
      properties,
      spreadsheet,
      zone,
    );
    const tickets = opened.tickets as Table;
    const ticket = recordWithId(
      hintedRecords(tickets, update.ticketRow),
      tickets,
      update.ticketId,
      TICKET_VIEW_KEYS,
      zone,
    );
    if (!ticket) return fail<UpdatedTicket>('notFound', t('error.notFound'));
    const status = ticket.values.status;
    if (status !== update.fromStatus) {
      const view = ticketView(ticket, zone, language);
      if (status === nextTicketStatus(update.fromStatus, update.action, update.confirmation)) {
        return ok({ ticket: view, followUps: [], alreadySaved: true });
      }
      return fail<UpdatedTicket>('conflict', t('ticket.changed', { status: view.statusLabel || text(status) }));
    }
    const settings = readSettings(properties, spreadsheet, zone, opened.settings).values;
    const plan = (customerOwner: string) =>
      planTicketAction(
        {
          status,
          priority: ticket.values.priority as string | null,
          assignee: text(ticket.values.assignee),
          customerOwner,
          firstResponseDue: asInstant(ticket.values.firstResponseDue),
          firstResponseAt: asInstant(ticket.values.firstResponseAt),
          resolutionDue: asInstant(ticket.values.resolutionDue),
          resolvedAt: asInstant(ticket.values.resolvedAt),
        },
        update,
        nowMs,
        settings,
        zone,
      );
    const draft = plan('');
    if (!draft.ok) {
      const statusLabel = enumLabel(columnOf(TEMPLATES.tickets, 'status'), text(status), language) ?? text(status);
      const message = t(draft.message, { status: statusLabel });
      return fail<UpdatedTicket>('validation', message, { [draft.field]: message });
    }

    // The customer (their owner gets the actions scheduled) when there are actions to schedule, and the
    // ticket's earlier actions when it was resolved before: only then can a survey due or a second follow-up
    // of it be open (both are created by resolving and by "needs improvement").
    const customers = opened.customers as Table | undefined;
    const followUps = opened.followUps as Table | undefined;
    const customerId = text(ticket.values.customerId);
    const wantsCustomer = customers !== undefined && draft.change.followUps.length > 0 && customerId !== '';
    const wantsRelated =
      followUps !== undefined && update.action === 'resolve' && asInstant(ticket.values.resolvedAt) !== null;
    const read = readRowsOf(
      [
        ...(customers && wantsCustomer
          ? [{ table: customers, rows: findCandidateRows(customers, 'id', customerId), keys: CUSTOMER_KEYS }]
          : []),
        ...(followUps && wantsRelated
          ? [{ table: followUps, rows: findCandidateRows(followUps, 'relatedId', update.ticketId), keys: RELATED_KEYS }]
          : []),
      ],
      zone,
    );
    const customer = wantsCustomer ? read[0]?.find((record) => record.values.id === customerId) : undefined;
    const related: TableRecord[] = wantsRelated
      ? (read[wantsCustomer ? 1 : 0] ?? []).filter(
          (record) => record.values.relatedId === update.ticketId && record.values.status === 'open',
        )
      : [];
    const planned = plan(text(customer?.values.owner));
    if (!planned.ok) return fail<UpdatedTicket>('validation', t(planned.message));
    const { change } = planned;

    const now = new Date(nowMs);
    const values: FieldValues = { status: change.status, updatedAt: now, slaBreached: change.fields.slaBreached };
    for (const [key, value] of Object.entries(change.fields)) {
      if (key === 'slaBreached') continue;
      values[key] = typeof value === 'number' && key !== 'score' ? new Date(value) : (value as FieldValues[string]);
    }
    // Every write of this step goes in one batched call, sent before the lock is released.
    const writes = new WriteBatch(zone, properties);
    writeFields(tickets, [{ row: ticket.row, values }], language, writes);
    Object.assign(ticket.values, values);

    const created: string[] = [];
    if (followUps && needsActions) {
      const updates: { row: number; values: FieldValues }[] = [];
      const toCreate: PlannedFollowUp[] = [];
      for (const step of change.followUps) {
        const open = step.reason === 'surveyDue' && related.find((record) => record.values.reason === 'surveyDue');
        if (open) updates.push({ row: open.row, values: { nextActionDue: new Date(step.due), updatedAt: now } });
        else toCreate.push(step);
      }
      if (update.action === 'resolve') {
        for (const record of related.filter((candidate) => candidate.values.reason === 'ticketFollowUp')) {
          updates.push({ row: record.row, values: { status: 'done', doneAt: now, overdue: false, updatedAt: now } });
        }
      }
      writeFields(followUps, updates, language, writes);
      // Serials from the counter in document properties (under the lock): no read of the id column.
      const ids = toCreate.length === 0 ? [] : allocateIds('G', toCreate.length, properties, zone, nowMs, []);
      const score = update.score === null ? '' : String(update.score);
      appendRecords(
        followUps,
        toCreate.map((step, index) =>
          plannedFollowUp({
            id: ids[index] as string,
            customer,
            customerId,
            reason: step.reason,
            relatedId: update.ticketId,
            owner: step.owner,
            due: step.due,
            action: t(`ticket.action.${step.reason}` as MessageKey, { id: update.ticketId, score }),
            nowMs,
            requestId: update.requestId,
          }),
        ),
        language,
        writes,
      );
      created.push(...ids);
    }
    writes.commit();
    return ok({ ticket: ticketView(ticket, zone, language), followUps: created, alreadySaved: false });
  });
}
