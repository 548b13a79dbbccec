import type { MessageKey } from '../../shared/i18n/translate';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import type { SavedSurvey, SurveyForm } from '../../shared/rpc/ticket-survey';
import { lowSatisfactionDue } from '../../shared/rules/deadlines';
import {
  isLowSatisfaction,
  joinsCorePool,
  SURVEY_FIELDS,
  SURVEY_REQUIRED,
  surveyScore,
  validateSurveyInput,
} from '../../shared/rules/survey';
import { TEMPLATES } from '../../shared/schema/templates';
import { formatLocal, localDate, startOfDate } from '../../shared/time/local';
import { describeFields } from '../forms/describe';
import { allocateIds } from '../workbook/ids';
import { withDocumentLock } from '../workbook/lock';
import { readSettings } from '../workbook/settings';
import { appendRecords, readTable, writeFields, type FieldValues } from '../workbook/table';
import { showSidebar } from '../ui/sidebar';
import { actionContext, asActionFailure, ensureInstalled, ensureInstalledForReading } from './context';
import { parseRequestId } from './requests';
import { selection } from './ticket';
import { plannedFollowUp, text } from './ticket-common';
import { fieldErrorsFailure, pageMessages, requestObject } from './submission';

/**
 * Satisfaction surveys (issue 8, SPEC §2 Satisfaction): the sidebar and its save. The server computes the
 * 20–100 score; a low answer gets a 24 h follow-up for the customer's owner (shown in My day), a 90+ score
 * puts the customer in the core pool, and the customer's satisfaction score is the latest survey's.
 */
const SURVEY_MESSAGES: readonly MessageKey[] = [
  'survey.title',
  'survey.ticket',
  'survey.noTicket',
  'survey.submit',
  'survey.saved',
  'survey.savedLow',
  'survey.savedCore',
  'survey.another',
  'survey.recent',
  'survey.noRecent',
  'survey.scorePreview',
  'survey.ratingRange',
  'survey.npsRange',
  'followUp.customer',
  'followUp.search',
  'followUp.noMatches',
  'intake.saving',
  'common.required',
  'common.none',
  'error.validation',
  'validation.required',
  'validation.tooLong',
  'validation.option',
  'validation.date',
  'validation.customer',
];

/** Menu: Satisfaction survey. */
export function showSurvey(): void {
  showSidebar('survey', actionContext().t('survey.title'));
}

/** google.script.run: the survey form, for the customer (and ticket) of the selected row. */
export function getSurveyForm(): ActionResult<SurveyForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const { customer, ticket } = selection(context);
    return ok({
      language: context.language,
      fields: describeFields(TEMPLATES.satisfaction, SURVEY_FIELDS, SURVEY_REQUIRED, context.language),
      selected: customer,
      selectedTicketId: ticket ? text(ticket.values.id) : '',
      today: localDate(context.nowMs, context.zone),
      messages: pageMessages(context.language, SURVEY_MESSAGES),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/**
 * google.script.run: saves a survey answer (S id). A retried request (same request id) writes nothing
 * again, so a low score never gets two follow-ups. Answering a ticket's survey closes that ticket's open
 * "survey due" action.
 */
export function saveSurvey(request: unknown): ActionResult<SavedSurvey> {
  const context = actionContext();
  const { t } = context;
  const body = requestObject(request);
  const requestId = parseRequestId(body.requestId);
  if (!requestId) return fail('validation', t('error.requestId'));
  const { values, errors } = validateSurveyInput(body);
  const invalid = fieldErrorsFailure<SavedSurvey>(errors, t);
  if (invalid) return invalid;
  try {
    return withDocumentLock(() => {
      ensureInstalled(context);
      const { spreadsheet, properties, zone, nowMs, language } = context;
      const settings = readSettings(properties, spreadsheet, zone).values;
      const customers = readTable(TEMPLATES.customers, properties, spreadsheet);
      const surveys = readTable(TEMPLATES.satisfaction, properties, spreadsheet);
      const customer = customers.records.find((record) => record.values.id === values.customerId);
      const retried = surveys.records.find((record) => record.values.requestId === requestId);
      if (retried) {
        return ok({
          id: text(retried.values.id),
          row: retried.row,
          score: typeof retried.values.score === 'number' ? retried.values.score : 0,
          followUpId: text(retried.values.followUpId),
          followUpDue: '',
          corePool: customer?.values.corePool === true,
          alreadySaved: true,
        });
      }
      if (!customer) return fail<SavedSurvey>('notFound', t('error.notFound'), { customerId: t('error.notFound') });

      const score = surveyScore(values.ratings);
      const low = isLowSatisfaction(values.ratings, score, settings);
      const corePool = customer.values.corePool === true || joinsCorePool(score, settings);
      const followUps = low || values.ticketId ? readTable(TEMPLATES.followUps, properties, spreadsheet) : null;
      const id = allocateIds(
        'S',
        1,
        properties,
        zone,
        nowMs,
        surveys.records.map((record) => text(record.values.id)),
      )[0] as string;
      const now = new Date(nowMs);
      let followUpId = '';
      let followUpDue: number | null = null;
      if (followUps && low) {
        followUpId = allocateIds(
          'G',
          1,
          properties,
          zone,
          nowMs,
          followUps.records.map((record) => text(record.values.id)),
        )[0] as string;
        followUpDue = lowSatisfactionDue(nowMs, settings, zone);
        appendRecords(
          followUps,
          [
            plannedFollowUp({
              id: followUpId,
              customer,
              customerId: values.customerId,
              reason: 'lowSatisfaction',
              relatedId: id,
              owner: text(customer.values.owner) || context.userEmail,
              due: followUpDue,
              action: t('survey.action.lowSatisfaction', { id, score: score.toFixed(1) }),
              nowMs,
              requestId,
            }),
          ],
          language,
        );
      }
      if (followUps && values.ticketId) {
        const surveyDue = followUps.records.filter(
          (record) =>
            record.values.relatedId === values.ticketId &&
            record.values.reason === 'surveyDue' &&
            record.values.status === 'open',
        );
        writeFields(
          followUps,
          surveyDue.map((record) => ({
            row: record.row,
            values: { status: 'done', doneAt: now, overdue: false, updatedAt: now },
          })),
          language,
        );
      }
      const record: FieldValues = {
        id,
        customerId: values.customerId,
        customerName: customer.values.name,
        ticketId: values.ticketId,
        date: values.date === null ? null : new Date(startOfDate(values.date, zone)),
        ...values.ratings,
        score,
        nps: values.nps,
        comments: values.comments,
        suggestions: values.suggestions,
        followUpId: followUpId || null,
        createdAt: now,
        updatedAt: now,
        requestId,
      };
      const range = appendRecords(surveys, [record], language);
      writeFields(
        customers,
        [{ row: customer.row, values: { satisfactionScore: score, corePool, updatedAt: now } }],
        language,
      );
      range?.activate();
      return ok({
        id,
        row: surveys.grid.length,
        score,
        followUpId,
        followUpDue: followUpDue === null ? '' : formatLocal(followUpDue, zone, 'datetime'),
        corePool,
        alreadySaved: false,
      });
    });
  } catch (error) {
    return asActionFailure(error, t);
  }
}
