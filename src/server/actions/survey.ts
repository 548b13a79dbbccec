import type { MessageKey } from '../../shared/i18n/translate';
import type { CustomerSummary } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import type { SavedSurvey, SurveyForm } from '../../shared/rpc/ticket-survey';
import { rowHint } from '../../shared/rules/follow-up-input';
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
import { readCachedLayout } from '../workbook/layout';
import { withDocumentLock } from '../workbook/lock';
import { openTables } from '../workbook/open-tables';
import { readSettings } from '../workbook/settings';
import {
  appendRecords,
  lastRowOf,
  openTable,
  selectRows,
  writeFields,
  type FieldValues,
  type Table,
} from '../workbook/table';
import { findCandidateRows, findRecord, readRows, readWithHint, recordWithId } from '../workbook/targeted-reads';
import { WriteBatch } from '../workbook/write-batch';
import { showSidebar } from '../ui/sidebar';
import {
  actionContext,
  asActionFailure,
  ensureInstalled,
  ensureInstalledForReading,
  type ActionContext,
} from './context';
import { SUMMARY_KEYS, summaryOf } from './customer-lookup';
import { parseRequestId } from './requests';
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

/**
 * The customer (and ticket) of the selection, reading only the selected row: a customers row gives its
 * customer; a tickets row its ticket id and customer (found by id). The sheet is recognised by the id kept
 * with each table's layout, so no table is opened unless its sheet is the active one.
 */
function surveySelection(context: ActionContext): { customer: CustomerSummary | null; ticketId: string } {
  const { properties, spreadsheet, zone } = context;
  const sheetId = spreadsheet.getActiveSheet().getSheetId();
  const activeRow = (): number => spreadsheet.getActiveRange()?.getRow() ?? 0;
  if (readCachedLayout(TEMPLATES.customers, properties)?.sheetId === sheetId) {
    const customers = openTable(TEMPLATES.customers, properties, spreadsheet);
    const record = readRows(customers, [activeRow()], SUMMARY_KEYS, zone)[0];
    return { customer: record ? summaryOf(record) : null, ticketId: '' };
  }
  if (readCachedLayout(TEMPLATES.tickets, properties)?.sheetId !== sheetId) return { customer: null, ticketId: '' };
  const tickets = openTable(TEMPLATES.tickets, properties, spreadsheet);
  const ticket = readRows(tickets, [activeRow()], ['id', 'customerId'], zone)[0];
  if (!ticket) return { customer: null, ticketId: '' };
  const customerId = text(ticket.values.customerId);
  const customers = openTable(TEMPLATES.customers, properties, spreadsheet);
  const customer = customerId === '' ? null : findRecord(customers, 'id', customerId, SUMMARY_KEYS, zone);
  return { customer: customer ? summaryOf(customer) : null, ticketId: text(ticket.values.id) };
}

/** google.script.run: the survey form, for the customer (and ticket) of the selected row. */
export function getSurveyForm(): ActionResult<SurveyForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const { customer, ticketId } = surveySelection(context);
    return ok({
      language: context.language,
      fields: describeFields(TEMPLATES.satisfaction, SURVEY_FIELDS, SURVEY_REQUIRED, context.language),
      selected: customer,
      selectedTicketId: ticketId,
      today: localDate(context.nowMs, context.zone),
      messages: pageMessages(context.language, SURVEY_MESSAGES),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/** What a survey save reads of a survey found by its request id (a retried submission). */
const RETRY_KEYS = ['id', 'score', 'followUpId', 'requestId'] as const;
/** What it reads of the customer's row: the follow-up's owner and name, the score and core-pool cells. */
const CUSTOMER_KEYS = ['id', 'name', 'owner', 'satisfactionScore', 'corePool', 'updatedAt'] as const;
/** What it reads of the follow-ups related to the ticket answered (its open "survey due" action). */
const SURVEY_DUE_KEYS = ['relatedId', 'reason', 'status', 'doneAt', 'overdue', 'updatedAt'] as const;

/**
 * google.script.run: saves a survey answer (S id). A retried request (same request id) writes nothing
 * again, so a low score never gets two follow-ups. Answering a ticket's survey closes that ticket's open
 * "survey due" action. Reads only what it needs: a search of the request-id column (retries), of the
 * follow-ups' related-id column when a ticket is answered, the customer's row (the sidebar's row hint, else
 * a search of the id column), all in one batch read; every write in one batched call.
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
  const hintRow = rowHint(body.customerRow);
  try {
    return withDocumentLock(() => {
      ensureInstalled(context);
      const { spreadsheet, properties, zone, nowMs, language } = context;
      const opened = openTables(
        { open: ['customers', 'satisfaction', 'followUps'], whole: ['settings'] },
        properties,
        spreadsheet,
        zone,
      );
      const settings = readSettings(properties, spreadsheet, zone, opened.settings).values;
      const customers = opened.customers as Table;
      const surveys = opened.satisfaction as Table;
      const followUps = opened.followUps as Table;
      const read = readWithHint(
        [
          { table: surveys, rows: findCandidateRows(surveys, 'requestId', requestId), keys: RETRY_KEYS },
          {
            table: followUps,
            rows: values.ticketId ? findCandidateRows(followUps, 'relatedId', values.ticketId) : [],
            keys: SURVEY_DUE_KEYS,
          },
        ],
        { table: customers, rows: hintRow ? [hintRow] : [], keys: CUSTOMER_KEYS },
        zone,
      );
      const [retryRead = [], relatedRead = []] = read.needed;
      const customer = recordWithId(read.hinted, customers, values.customerId, CUSTOMER_KEYS, zone);
      const retried = retryRead.find((record) => record.values.requestId === requestId);
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
      // Serials from the counters in document properties (under the lock): no read of the id columns.
      const id = allocateIds('S', 1, properties, zone, nowMs, [])[0] as string;
      const now = new Date(nowMs);
      // Every write of this save goes in one batched call, sent before the lock is released.
      const writes = new WriteBatch(zone);
      let followUpId = '';
      let followUpDue: number | null = null;
      if (low) {
        followUpId = allocateIds('G', 1, properties, zone, nowMs, [])[0] as string;
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
          writes,
        );
      }
      if (values.ticketId) {
        const surveyDue = relatedRead.filter(
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
          writes,
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
      const row = lastRowOf(surveys) + 1;
      appendRecords(surveys, [record], language, writes);
      writeFields(
        customers,
        [{ row: customer.row, values: { satisfactionScore: score, corePool, updatedAt: now } }],
        language,
        writes,
      );
      writes.commit();
      selectRows(surveys, row);
      return ok({
        id,
        row,
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
