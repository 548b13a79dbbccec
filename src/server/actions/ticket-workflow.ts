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
import { toHalfWidth } from '../../shared/rules/normalize';
import { columnOf, enumLabel, TEMPLATES } from '../../shared/schema/templates';
import { allocateIds } from '../workbook/ids';
import { withDocumentLock } from '../workbook/lock';
import { readSettings } from '../workbook/settings';
import { appendRecords, readTable, writeFields, type FieldValues } from '../workbook/table';
import { actionContext, asActionFailure, ensureInstalled } from './context';
import { parseRequestId } from './requests';
import { asInstant, plannedFollowUp, text, ticketView } from './ticket-common';
import { requestObject } from './submission';

const MAX_LONG_TEXT = 10000;

interface ParsedUpdate {
  requestId: string;
  ticketId: string;
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
      fromStatus: body.fromStatus as string,
      action: body.action as ParsedUpdate['action'],
      resolution: resolution === '' ? null : resolution,
      confirmation,
      score,
    },
    errors,
  };
}

/**
 * google.script.run: one step of a ticket's workflow (take, resolve, customer confirmation with an
 * optional 1–5 score), checked against the allowed transitions (src/shared/rules/ticket-workflow.ts).
 * The request names the status the rep saw: if the ticket has meanwhile reached the status this step
 * leads to, it is a retry and nothing is written again; any other change is refused ("reload").
 * Follow-ups: survey due after a resolution (an open one for this ticket is moved, not duplicated), a
 * second follow-up for the assignee after "needs improvement" (closed again by the next resolution), a
 * 24 h follow-up for the customer's owner after a low score.
 */
export function updateTicket(request: unknown): ActionResult<UpdatedTicket> {
  const context = actionContext();
  const { t } = context;
  const { update, errors } = parseUpdate(request);
  if (!update) {
    if (Object.keys(errors).length === 0) return fail('validation', t('error.requestId'));
    const fields: Record<string, string> = {};
    for (const [field, key] of Object.entries(errors)) fields[field] = t(key);
    return fail('validation', t('error.validation'), fields);
  }
  try {
    return withDocumentLock(() => {
      ensureInstalled(context);
      const { spreadsheet, properties, zone, nowMs, language } = context;
      const tickets = readTable(TEMPLATES.tickets, properties, spreadsheet);
      const ticket = tickets.records.find((record) => record.values.id === update.ticketId);
      if (!ticket) return fail<UpdatedTicket>('notFound', t('error.notFound'));
      const status = ticket.values.status;
      if (status !== update.fromStatus) {
        const view = ticketView(ticket, zone, language);
        if (status === nextTicketStatus(update.fromStatus, update.action, update.confirmation)) {
          return ok({ ticket: view, followUps: [], alreadySaved: true });
        }
        return fail<UpdatedTicket>('conflict', t('ticket.changed', { status: view.statusLabel || text(status) }));
      }
      const settings = readSettings(properties, spreadsheet, zone).values;
      // Only steps that may schedule follow-ups need the customer's owner and the follow-ups table.
      const needsActions = update.action !== 'take';
      const customers = needsActions ? readTable(TEMPLATES.customers, properties, spreadsheet) : null;
      const customer = customers?.records.find((record) => record.values.id === ticket.values.customerId);
      const plan = planTicketAction(
        {
          status,
          priority: ticket.values.priority as string | null,
          assignee: text(ticket.values.assignee),
          customerOwner: text(customer?.values.owner),
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
      if (!plan.ok) {
        const statusLabel = enumLabel(columnOf(TEMPLATES.tickets, 'status'), text(status), language) ?? text(status);
        const message = t(plan.message, { status: statusLabel });
        return fail<UpdatedTicket>('validation', message, { [plan.field]: message });
      }
      const { change } = plan;
      const now = new Date(nowMs);
      const values: FieldValues = { status: change.status, updatedAt: now, slaBreached: change.fields.slaBreached };
      for (const [key, value] of Object.entries(change.fields)) {
        if (key === 'slaBreached') continue;
        values[key] = typeof value === 'number' && key !== 'score' ? new Date(value) : (value as FieldValues[string]);
      }
      writeFields(tickets, [{ row: ticket.row, values }], language);
      Object.assign(ticket.values, values);

      const created: string[] = [];
      if (needsActions) {
        const followUps = readTable(TEMPLATES.followUps, properties, spreadsheet);
        const related = followUps.records.filter(
          (record) => record.values.relatedId === update.ticketId && record.values.status === 'open',
        );
        const updates: { row: number; values: FieldValues }[] = [];
        const toCreate: PlannedFollowUp[] = [];
        for (const planned of change.followUps) {
          const open = planned.reason === 'surveyDue' && related.find((record) => record.values.reason === 'surveyDue');
          if (open) updates.push({ row: open.row, values: { nextActionDue: new Date(planned.due), updatedAt: now } });
          else toCreate.push(planned);
        }
        if (update.action === 'resolve') {
          for (const record of related.filter((candidate) => candidate.values.reason === 'ticketFollowUp')) {
            updates.push({ row: record.row, values: { status: 'done', doneAt: now, overdue: false, updatedAt: now } });
          }
        }
        writeFields(followUps, updates, language);
        const ids =
          toCreate.length === 0
            ? []
            : allocateIds(
                'G',
                toCreate.length,
                properties,
                zone,
                nowMs,
                followUps.records.map((record) => text(record.values.id)),
              );
        const score = update.score === null ? '' : String(update.score);
        appendRecords(
          followUps,
          toCreate.map((planned, index) =>
            plannedFollowUp({
              id: ids[index] as string,
              customer,
              customerId: text(ticket.values.customerId),
              reason: planned.reason,
              relatedId: update.ticketId,
              owner: planned.owner,
              due: planned.due,
              action: t(`ticket.action.${planned.reason}` as MessageKey, { id: update.ticketId, score }),
              nowMs,
              requestId: update.requestId,
            }),
          ),
          language,
        );
        created.push(...ids);
      }
      return ok({ ticket: ticketView(ticket, zone, language), followUps: created, alreadySaved: false });
    });
  } catch (error) {
    return asActionFailure(error, t);
  }
}
