import type { MessageKey } from '../../shared/i18n/translate';
import type { CustomerSummary } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import type { SavedSurvey, SurveyForm } from '../../shared/rpc/ticket-survey';
import { rowHint } from '../../shared/rules/follow-up-input';
import { lowSatisfactionDue, milestoneDeadline, type Deadline } from '../../shared/rules/deadlines';
import { hasSuggestions, suggestionExcerpt } from '../../shared/rules/survey-suggestions';
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
import type { Zone } from '../../shared/time/zone';
import { describeFields } from '../forms/describe';
import { allocateIds } from '../workbook/ids';
import { readCachedLayout } from '../workbook/layout';
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
  type TableRecord,
} from '../workbook/table';
import { findCandidateRows, findRecord, readRows, readRowsOf, recordWithId } from '../workbook/targeted-reads';
import { confirmRows, readCustomerHistory } from '../workbook/customer-history';
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
import { asInstant, plannedFollowUp, text } from './ticket-common';
import { fieldErrorsFailure, pageMessages, requestObject, mergedCustomerFailure } from './submission';

/**
 * Satisfaction surveys (issue 8, docs/product-rules.md §2 Satisfaction): the sidebar and its save. The server computes the
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
  'survey.savedSuggestion',
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
/** What a retry reads of the follow-ups the first save created (found by the same request id). */
const CREATED_KEYS = ['id', 'reason', 'relatedId', 'nextActionDue', 'requestId'] as const;
/** What it reads of the customer's row: the follow-up's owner and name, the score and core-pool cells. */
const CUSTOMER_KEYS = ['id', 'name', 'owner', 'satisfactionScore', 'corePool', 'updatedAt', 'mergedInto'] as const;
/** What it reads of the follow-ups related to the ticket answered (its open "survey due" action). */
const SURVEY_DUE_KEYS = ['relatedId', 'reason', 'status', 'doneAt', 'overdue', 'updatedAt'] as const;

/** The answer to a retried submission: what the first save created, nothing written again. */
function retriedAnswer(
  retried: TableRecord,
  followUps: Table,
  requestId: string,
  customer: TableRecord | null,
  zone: Zone,
): SavedSurvey {
  const surveyId = text(retried.values.id);
  const created = findCandidateRows(followUps, 'requestId', requestId);
  const records = readRows(followUps, created, CREATED_KEYS, zone).filter(
    (record) => record.values.requestId === requestId && record.values.relatedId === surveyId,
  );
  const due = (record: TableRecord | undefined): string => {
    const at = asInstant(record?.values.nextActionDue);
    return at === null ? '' : formatLocal(at, zone, 'datetime');
  };
  const low = records.find((record) => record.values.reason === 'lowSatisfaction');
  const suggestion = records.find((record) => record.values.reason === 'suggestionAnswer');
  return {
    id: surveyId,
    row: retried.row,
    score: typeof retried.values.score === 'number' ? retried.values.score : 0,
    followUpId: low ? text(low.values.id) : '',
    followUpDue: due(low),
    suggestionFollowUpId: suggestion ? text(suggestion.values.id) : '',
    suggestionDue: due(suggestion),
    corePool: customer?.values.corePool === true,
    alreadySaved: true,
  };
}

/**
 * google.script.run: saves a survey answer (S id). A retried request (same request id) writes nothing
 * again, so a low score or a suggestion never gets two follow-ups. A low answer gets a follow-up for the
 * owner within 24 h; suggestions get an "answer the suggestions" follow-up due 15 working days later (docs/product-rules.md
 * §2; issue 19 item 2). Answering a ticket's survey closes that ticket's open "survey due" action.
 *
 * Reads only what it needs: the customer's row (the sidebar's row hint) in the same batch as the headers and
 * Settings, a search of the request-id column (retries) and, when a ticket is answered, of the follow-ups'
 * related-id column; the customer is searched by id only when the hint is stale. The id serials come from
 * the counters in document properties (held and written in one call); every write in one batched call.
 */
export function saveSurvey(request: unknown): ActionResult<SavedSurvey> {
  const body = requestObject(request);
  return lockedAction((context) => {
    const { t } = context;
    const requestId = parseRequestId(body.requestId);
    if (!requestId) return fail('validation', t('error.requestId'));
    const { values, errors } = validateSurveyInput(body);
    const invalid = fieldErrorsFailure<SavedSurvey>(errors, t);
    if (invalid) return invalid;
    const hintRow = rowHint(body.customerRow);
    ensureInstalled(context);
    const { spreadsheet, properties, zone, nowMs, language } = context;
    const opened = openTables(
      {
        open: ['customers', 'satisfaction', 'followUps'],
        whole: ['settings'],
        rows: hintRow ? [{ table: 'customers', rows: [hintRow], keys: CUSTOMER_KEYS }] : [],
        appendTo: ['satisfaction', 'followUps'],
      },
      properties,
      spreadsheet,
      zone,
    );
    const settings = readSettings(properties, spreadsheet, zone, opened.settings).values;
    const customers = opened.customers as Table;
    const surveys = opened.satisfaction as Table;
    const followUps = opened.followUps as Table;
    const retryRows = { table: surveys, rows: findCandidateRows(surveys, 'requestId', requestId), keys: RETRY_KEYS };
    // Answering a ticket's survey closes its open "survey due" action: one of the customer's open follow-ups,
    // from the My day index's history block (or one search), read in the same batch as the retry check.
    const history = values.ticketId
      ? readCustomerHistory(
          followUps,
          values.customerId,
          SURVEY_DUE_KEYS,
          { table: customers, rows: [], keys: CUSTOMER_KEYS },
          properties,
          zone,
          nowMs,
          [retryRows],
          { key: 'relatedId', value: values.ticketId },
        )
      : null;
    const retryRead = (history ? history.also[0] : readRowsOf([retryRows], zone)[0]) ?? [];
    const hinted = customers.records.filter((record) => record.row === hintRow);
    const customer = recordWithId(hinted, customers, values.customerId, CUSTOMER_KEYS, zone);
    const retried = retryRead.find((record) => record.values.requestId === requestId);
    if (retried) return ok(retriedAnswer(retried, followUps, requestId, customer, zone));
    if (!customer) return fail<SavedSurvey>('notFound', t('error.notFound'), { customerId: t('error.notFound') });
    const merged = mergedCustomerFailure<SavedSurvey>(customer, t);
    if (merged) return merged;

    const score = surveyScore(values.ratings);
    const low = isLowSatisfaction(values.ratings, score, settings);
    const suggestions = hasSuggestions(values.suggestions) ? (values.suggestions as string) : null;
    const corePool = customer.values.corePool === true || joinsCorePool(score, settings);
    // Serials from the counters in document properties (under the lock): no read of the id columns. Both
    // follow-ups take their G ids at once.
    const id = allocateIds('S', 1, properties, zone, nowMs, [])[0] as string;
    const followUpCount = (low ? 1 : 0) + (suggestions ? 1 : 0);
    const followUpIds = followUpCount > 0 ? allocateIds('G', followUpCount, properties, zone, nowMs, []) : [];
    const now = new Date(nowMs);
    const owner = text(customer.values.owner) || context.userEmail;
    const planned = (followUpId: string, reason: string, due: number, action: string) =>
      plannedFollowUp({
        id: followUpId,
        customer,
        customerId: values.customerId,
        reason,
        relatedId: id,
        owner,
        due,
        action,
        nowMs,
        requestId,
      });
    const created: FieldValues[] = [];
    let followUpId = '';
    let followUpDue: number | null = null;
    if (low) {
      followUpId = followUpIds[0] as string;
      followUpDue = lowSatisfactionDue(nowMs, settings, zone);
      const action = t('survey.action.lowSatisfaction', { id, score: score.toFixed(1) });
      created.push(planned(followUpId, 'lowSatisfaction', followUpDue, action));
    }
    let suggestionFollowUpId = '';
    let suggestionDue: number | null = null;
    if (suggestions) {
      suggestionFollowUpId = followUpIds[followUpIds.length - 1] as string;
      suggestionDue = (milestoneDeadline('surveySuggestion', nowMs, settings, zone) as Deadline).due;
      const action = t('survey.action.suggestion', { id, excerpt: suggestionExcerpt(suggestions) });
      // The customer's words in full as the follow-up's content; the action line quotes their start.
      created.push({
        ...planned(suggestionFollowUpId, 'suggestionAnswer', suggestionDue, action),
        content: suggestions,
      });
    }
    // Every write of this save goes in one batched call, sent before the lock is released.
    const writes = new WriteBatch(zone, properties);
    if (created.length > 0) appendRecords(followUps, created, language, writes);
    if (history) {
      const isSurveyDue = (record: TableRecord) =>
        record.values.reason === 'surveyDue' && record.values.status === 'open';
      // Rows known only from the index are read again (the index keeps no related id) before they are closed.
      const candidates = history.records.filter(isSurveyDue);
      const confirmed =
        confirmRows(followUps, history, candidates, SURVEY_DUE_KEYS, zone) ??
        readRows(followUps, findCandidateRows(followUps, 'relatedId', values.ticketId ?? ''), SURVEY_DUE_KEYS, zone);
      const surveyDue = confirmed.filter(
        (record) => isSurveyDue(record) && record.values.relatedId === values.ticketId,
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
      // The follow-up this survey created: the low-satisfaction one, else the suggestions' one.
      followUpId: followUpId || suggestionFollowUpId || null,
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
    const local = (at: number | null): string => (at === null ? '' : formatLocal(at, zone, 'datetime'));
    return ok({
      id,
      row,
      score,
      followUpId,
      followUpDue: local(followUpDue),
      suggestionFollowUpId,
      suggestionDue: local(suggestionDue),
      corePool,
      alreadySaved: false,
    });
  });
}
