import { type MessageKey } from '../../shared/i18n/translate';
import type { CustomerSummary, FollowUpForm, SavedFollowUp } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { contactCapCheck, nextFollowUpDue } from '../../shared/rules/cadence';
import { needsAnalysisDue } from '../../shared/rules/deadlines';
import {
  defaultTouchCost,
  FOLLOW_UP_FIELDS,
  FOLLOW_UP_REQUIRED,
  validateFollowUpInput,
} from '../../shared/rules/follow-up-input';
import { columnOf, enumLabel, TEMPLATES } from '../../shared/schema/templates';
import { formatLocal, instantOf } from '../../shared/time/local';
import { describeFields } from '../forms/describe';
import { allocateIds } from '../workbook/ids';
import { readSettings } from '../workbook/settings';
import { openTables } from '../workbook/open-tables';
import {
  appendRecords,
  lastRowOf,
  openTable,
  selectRows,
  writeFields,
  type Table,
  type TableRecord,
} from '../workbook/table';
import { findCandidateRows, readRows, recordWithId } from '../workbook/targeted-reads';
import { confirmOpen, readCustomerHistory } from '../workbook/customer-history';
import { HISTORY_KEYS } from '../../shared/rules/my-day-index';
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
import { fulfilledReasons, milestoneAction, processActionFields } from '../../shared/rules/process-actions';
import { parseRequestId } from './requests';
import { fieldErrorsFailure, pageMessages, requestObject, mergedCustomerFailure } from './submission';

const FORM_MESSAGES: readonly MessageKey[] = [
  'followUp.title',
  'followUp.customer',
  'followUp.search',
  'followUp.noMatches',
  'followUp.stageAfter',
  'followUp.keepStage',
  'followUp.markEarlierDone',
  'followUp.submit',
  'followUp.saved',
  'followUp.savedNoNext',
  'followUp.closedActions',
  'followUp.processAction',
  'followUp.another',
  'intake.saving',
  'common.required',
  'common.none',
  'error.validation',
  'validation.required',
  'validation.tooLong',
  'validation.option',
  'validation.dateTime',
  'validation.dueBeforeContact',
  'validation.dueRequired',
  'validation.cost',
  'validation.customer',
];

function localInputValue(instant: number, context: ActionContext): string {
  return formatLocal(instant, context.zone, 'datetime').replace(' ', 'T');
}

/** Menu: Log follow-up. */
export function showLogFollowUp(): void {
  showSidebar('follow-up', actionContext().t('followUp.title'));
}

/** The form, pre-filled with the customer of the selected row when the customers sheet is active. */
export function getFollowUpForm(): ActionResult<FollowUpForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const customers = openTable(TEMPLATES.customers, context.properties, context.spreadsheet);
    let selected: CustomerSummary | null = null;
    const sheet = context.spreadsheet.getActiveSheet();
    if (sheet.getSheetId() === customers.layout.sheetId) {
      const row = context.spreadsheet.getActiveRange()?.getRow() ?? 0;
      const record = readRows(customers, [row], SUMMARY_KEYS)[0];
      if (record) selected = summaryOf(record);
    }
    const stage = columnOf(TEMPLATES.customers, 'stage');
    return ok({
      language: context.language,
      fields: describeFields(TEMPLATES.followUps, FOLLOW_UP_FIELDS, FOLLOW_UP_REQUIRED, context.language),
      stages: (stage.options ?? []).map((option) => ({
        key: option.key,
        label: enumLabel(stage, option.key, context.language) ?? option.key,
      })),
      selected,
      now: localInputValue(context.nowMs, context),
      messages: pageMessages(context.language, FORM_MESSAGES),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

function asInstant(value: unknown): number | null {
  return Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : null;
}

/** What a follow-up save reads of the customer's row (cadence, caps, stage). */
const CUSTOMER_CADENCE_KEYS = [
  'id',
  'name',
  'doNotContact',
  'segment',
  'owner',
  'lastContactAt',
  'createdAt',
  'intentGrade',
  'valueTier',
  'corePool',
  'stage',
  'nextFollowUpDue',
  'followUpOverdue',
  'sleeping',
  'needsAnalysisDue',
  'needsAnalysisOverdue',
  'updatedAt',
  'mergedInto',
] as const;

function outboundTouches(history: readonly TableRecord[]): number[] {
  return history
    .filter((record) => record.values.direction === 'outbound')
    .map((record) => asInstant(record.values.at))
    .filter((at): at is number => at !== null);
}

/**
 * google.script.run: logs a follow-up. Appends it (G id), closes the customer's earlier open actions when
 * asked, and updates the customer: last contact, stage, next follow-up due by the cadence (an explicit
 * next-action date wins), needs-analysis due 24 h after a needs interview. Outbound touches to a
 * do-not-contact customer are refused; inbound ones are logged. Going over the contact cap warns.
 */
export function saveFollowUp(request: unknown): ActionResult<SavedFollowUp> {
  const body = requestObject(request);
  return lockedAction((context) => {
    const { t } = context;
    const requestId = parseRequestId(body.requestId);
    if (!requestId) return fail('validation', t('error.requestId'));
    const { values, errors } = validateFollowUpInput(body);
    const invalid = fieldErrorsFailure<SavedFollowUp>(errors, t);
    if (invalid) return invalid;
    ensureInstalled(context);
    const { spreadsheet, properties, zone, nowMs, language } = context;
    const opened = openTables(
      { open: ['customers', 'followUps'], whole: ['settings'], appendTo: ['followUps'] },
      properties,
      spreadsheet,
      zone,
    );
    const settings = readSettings(properties, spreadsheet, zone, opened.settings).values;
    const customers = opened.customers as Table;
    const followUps = opened.followUps as Table;
    // The customer's follow-ups (from the My day index's history block, or one search of the customer-id
    // column) serve the retry check (a retried submission names the same customer), the contact cap and
    // closing earlier actions. The customer's row from the sidebar's hint is read in the same batch; it is used
    // only if it still holds that customer (rows may have been sorted or deleted since), else searched for.
    const customerHistory = readCustomerHistory(
      followUps,
      values.customerId,
      HISTORY_KEYS,
      { table: customers, rows: values.customerRow ? [values.customerRow] : [], keys: CUSTOMER_CADENCE_KEYS },
      properties,
      zone,
      nowMs,
    );
    const history = customerHistory.records;

    const retried = history.find((record) => record.values.requestId === requestId);
    if (retried) {
      return ok({
        id: String(retried.values.id),
        row: retried.row,
        nextFollowUpDue: '',
        closedActions: 0,
        capWarning: null,
        alreadySaved: true,
        processAction: '',
        processActionDue: '',
      });
    }
    const customer = recordWithId(customerHistory.hinted, customers, values.customerId, CUSTOMER_CADENCE_KEYS, zone);
    if (!customer) return fail<SavedFollowUp>('notFound', t('error.notFound'), { customerId: t('error.notFound') });
    const merged = mergedCustomerFailure<SavedFollowUp>(customer, t);
    if (merged) return merged;
    const direction = values.fields.direction;
    if (customer.values.doNotContact === true && direction === 'outbound') {
      return fail<SavedFollowUp>('forbidden', t('followUp.doNotContact'), { direction: t('followUp.doNotContact') });
    }

    const at = instantOf(values.at?.date ?? '', values.at?.minutes ?? 0, zone);
    const explicitDue = values.nextActionDue
      ? instantOf(values.nextActionDue.date, values.nextActionDue.minutes, zone)
      : null;
    const touches = outboundTouches(history);
    const segment = customer.values.segment as string | null;
    let capWarning: string | null = null;
    if (direction === 'outbound') {
      const check = contactCapCheck(segment, touches, at, settings, zone);
      if (check.exceeded) {
        const segmentColumn = columnOf(TEMPLATES.customers, 'segment');
        capWarning = t('followUp.capWarning', {
          segment: enumLabel(segmentColumn, segment ?? 'regular', language) ?? '',
          used: check.used,
          cap: check.cap ?? 0,
          window: t(check.window.kind === 'week' ? 'followUp.window.week' : 'followUp.window.month'),
        });
      }
    }

    // The rep who logs the contact owns it; when Apps Script can't tell who that is, the customer's owner.
    const owner = context.userEmail || String(customer.values.owner ?? '');
    // A milestone starts the process's next action (handover, acceptance, …) for the customer's owner.
    const milestone = values.fields.milestone;
    const process = customer.values.doNotContact === true ? null : milestoneAction(milestone, at, settings, zone);
    const [id, processId] = allocateIds('G', process ? 2 : 1, properties, zone, nowMs, []) as [string, string?];
    const now = new Date(nowMs);
    const hasNextAction = values.fields.nextAction !== null || explicitDue !== null;
    // Every write of this save goes in one batched call, sent before the lock is released.
    const writes = new WriteBatch(zone, properties);
    const row = lastRowOf(followUps) + 1;
    appendRecords(
      followUps,
      [
        {
          ...values.fields,
          // A cost left blank is the channel's default cost per touch from Settings (issue 19 item 4).
          cost: values.fields.cost ?? defaultTouchCost(values.fields.channel, settings),
          id,
          customerId: values.customerId,
          customerName: customer.values.name,
          at: new Date(at),
          nextActionDue: explicitDue === null ? null : new Date(explicitDue),
          reason: 'manual',
          owner,
          status: hasNextAction ? 'open' : 'done',
          doneAt: hasNextAction ? null : new Date(at),
          overdue: false,
          createdAt: now,
          updatedAt: now,
          requestId,
        },
        ...(process && processId
          ? [
              processActionFields({
                id: processId,
                deadline: process,
                customerId: values.customerId,
                customerName: customer.values.name ?? null,
                owner: String(customer.values.owner ?? '') || owner,
                relatedId: `${process.action}:${id}`,
                nowMs,
                language,
              }),
            ]
          : []),
      ],
      language,
      writes,
    );

    // Earlier open actions are closed when the rep asks, and those this milestone carries out in any case.
    const fulfilled = fulfilledReasons(milestone);
    const toClose = (records: readonly TableRecord[]) =>
      records.filter(
        (record) =>
          record.values.status === 'open' &&
          (values.markEarlierDone || fulfilled.includes(String(record.values.reason ?? ''))),
      );
    // Rows known only from the index are read again first; if rows moved since its build, searched for.
    const open =
      confirmOpen(followUps, customerHistory, toClose(history), zone) ??
      toClose(
        readRows(followUps, findCandidateRows(followUps, 'customerId', values.customerId), HISTORY_KEYS, zone).filter(
          (record) => record.values.customerId === values.customerId,
        ),
      );
    let closedActions = 0;
    if (open.length > 0) {
      writeFields(
        followUps,
        open.map((record) => ({
          row: record.row,
          values: { status: 'done', doneAt: now, overdue: false, updatedAt: now },
        })),
        language,
        writes,
      );
      closedActions = open.length;
    }

    const previousContact = asInstant(customer.values.lastContactAt);
    const lastContactAt = previousContact === null || at > previousContact ? at : previousContact;
    // The customer's next step is the sooner of the rep's own next action and the process action.
    const firstDue = process && (explicitDue === null || process.due < explicitDue) ? process.due : explicitDue;
    const due = nextFollowUpDue(
      {
        lastContactAt,
        createdAt: asInstant(customer.values.createdAt) ?? at,
        intentGrade: customer.values.intentGrade as string | null,
        valueTier: customer.values.valueTier as string | null,
        segment,
        corePool: customer.values.corePool === true,
        doNotContact: customer.values.doNotContact === true,
        explicitDue: firstDue,
        outboundTouches: direction === 'outbound' ? [...touches, at] : touches,
      },
      settings,
      zone,
    ).due;
    const update: Record<string, Date | string | boolean | null> = {
      lastContactAt: new Date(lastContactAt),
      nextFollowUpDue: due === null ? null : new Date(due),
      followUpOverdue: due !== null && nowMs > due,
      sleeping: false,
      updatedAt: now,
    };
    if (values.stageAfter) update.stage = values.stageAfter;
    if (values.fields.milestone === 'needsInterview') {
      update.needsAnalysisDue = new Date(needsAnalysisDue(at, settings, zone));
      update.needsAnalysisOverdue = false;
    }
    writeFields(customers, [{ row: customer.row, values: update }], language, writes);
    writes.commit();
    selectRows(followUps, row);
    return ok({
      id,
      row,
      nextFollowUpDue: due === null ? '' : formatLocal(due, zone, 'datetime'),
      closedActions,
      capWarning,
      alreadySaved: false,
      processAction: process
        ? (enumLabel(columnOf(TEMPLATES.followUps, 'reason'), process.action, language) ?? '')
        : '',
      processActionDue: process ? formatLocal(process.due, zone, 'datetime') : '',
    });
  });
}
