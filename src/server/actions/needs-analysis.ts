import { type MessageKey } from '../../shared/i18n/translate';
import type { NeedsAnalysisForm, NeedsAnalysisRecord, SavedNeedsAnalysis } from '../../shared/rpc/needs-analysis';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { nextFollowUpDue } from '../../shared/rules/cadence';
import { BUDGET_FIT, NEED_CLARITY, sameFieldValue, suggestIntentGrade } from '../../shared/rules/grading';
import { ANALYSIS_COLUMNS, parsePainPoints, parseRole, validateNeedsAnalysis } from '../../shared/rules/grading-input';
import type { FieldValue } from '../../shared/schema/cells';
import { columnOf, enumLabel, TEMPLATES } from '../../shared/schema/templates';
import { formatLocal } from '../../shared/time/local';
import { describeFields } from '../forms/describe';
import { readSettings } from '../workbook/settings';
import { openTables } from '../workbook/open-tables';
import { appendRecords, openTable, writeFields, type Table, type TableRecord } from '../workbook/table';
import { allocateIds } from '../workbook/ids';
import { milestoneDeadline } from '../../shared/rules/deadlines';
import { processActionFields } from '../../shared/rules/process-actions';
import { findRecord, readRows, recordWithId } from '../workbook/targeted-reads';
import { readCustomerHistory } from '../workbook/customer-history';
import { HISTORY_KEYS } from '../../shared/rules/my-day-index';
import { WriteBatch } from '../workbook/write-batch';
import { summaryOf } from './customer-lookup';
import { rowHint } from '../../shared/rules/follow-up-input';
import { showSidebar } from '../ui/sidebar';
import {
  actionContext,
  asActionFailure,
  ensureInstalled,
  lockedAction,
  ensureInstalledForReading,
  type ActionContext,
} from './context';
import { parseRequestId } from './requests';
import { fieldErrorsFailure, pageMessages, requestObject, mergedCustomerFailure } from './submission';

const PAGE_MESSAGES: readonly MessageKey[] = [
  'needsAnalysis.title',
  'needsAnalysis.intro',
  'needsAnalysis.painPointsHelp',
  'needsAnalysis.decisionChain',
  'needsAnalysis.who',
  'needsAnalysis.concern',
  'needsAnalysis.grading',
  'needsAnalysis.needClarity',
  'needsAnalysis.budgetFit',
  'needsAnalysis.suggested',
  'needsAnalysis.answerBoth',
  'needsAnalysis.overridden',
  'needsAnalysis.status',
  'needsAnalysis.value',
  'needsAnalysis.submit',
  'needsAnalysis.saved',
  'needsAnalysis.savedNoNext',
  'needsAnalysis.proposalAction',
  'needsAnalysis.alreadySaved',
  'needsAnalysis.another',
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
  'validation.amount',
  'validation.customer',
];

/** What the form shows of a customer (recordOf). */
const RECORD_KEYS = [
  'id',
  'name',
  'contactName',
  'phone',
  'owner',
  'stage',
  'doNotContact',
  ...ANALYSIS_COLUMNS,
  'needsAnalyzedAt',
  'needsAnalysisDue',
  'annualValue',
  'valueTier',
  'segment',
] as const;

/** What a save reads of the customer: the form's columns and what the cadence needs. */
const SAVE_KEYS = [
  ...RECORD_KEYS,
  'needsAnalysisOverdue',
  'lastContactAt',
  'createdAt',
  'corePool',
  'nextFollowUpDue',
  'followUpOverdue',
  'mergedInto',
] as const;

const text = (value: FieldValue | undefined): string => (value === null || value === undefined ? '' : String(value));

function instant(value: FieldValue | undefined): number | null {
  return Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : null;
}

function recordOf(record: TableRecord, context: ActionContext): NeedsAnalysisRecord {
  const { values } = record;
  const { zone, language } = context;
  const when = (value: FieldValue | undefined): string => {
    const at = instant(value);
    return at === null ? '' : formatLocal(at, zone, 'datetime');
  };
  const label = (key: string): string => {
    const raw = text(values[key]);
    return raw === '' ? '' : (enumLabel(columnOf(TEMPLATES.customers, key), raw, language) ?? raw);
  };
  return {
    customer: summaryOf(record),
    painPoints: parsePainPoints(values.painPoints),
    explicitNeeds: text(values.explicitNeeds),
    potentialNeeds: text(values.potentialNeeds),
    decisionMaker: parseRole(values.decisionMaker),
    influencer: parseRole(values.influencer),
    endUser: parseRole(values.endUser),
    budgetRange: text(values.budgetRange),
    annualValueEstimate: typeof values.annualValueEstimate === 'number' ? String(values.annualValueEstimate) : '',
    intentGrade: text(values.intentGrade),
    needsAnalyzedAt: when(values.needsAnalyzedAt),
    needsAnalysisDue: when(values.needsAnalysisDue),
    annualValue: typeof values.annualValue === 'number' ? String(values.annualValue) : '',
    valueTier: label('valueTier'),
    segment: label('segment'),
  };
}

/** Menu: Needs analysis & grading. */
export function showNeedsAnalysis(): void {
  showSidebar('needs-analysis', actionContext().t('needsAnalysis.title'));
}

/** The form: field labels from the template, the grading questions, and the selected row's customer. */
export function getNeedsAnalysisForm(): ActionResult<NeedsAnalysisForm> {
  const context = actionContext();
  const { t } = context;
  try {
    ensureInstalledForReading(context);
    const customers = openTable(TEMPLATES.customers, context.properties, context.spreadsheet);
    let selected: NeedsAnalysisRecord | null = null;
    if (context.spreadsheet.getActiveSheet().getSheetId() === customers.layout.sheetId) {
      const row = context.spreadsheet.getActiveRange()?.getRow() ?? 0;
      const record = row >= 2 ? readRows(customers, [row], RECORD_KEYS, context.zone)[0] : undefined;
      if (record) selected = recordOf(record, context);
    }
    return ok({
      language: context.language,
      fields: describeFields(TEMPLATES.customers, ANALYSIS_COLUMNS, ['intentGrade'], context.language),
      needClarity: NEED_CLARITY.map((key) => ({ key, label: t(`needsAnalysis.need.${key}`) })),
      budgetFit: BUDGET_FIT.map((key) => ({ key, label: t(`needsAnalysis.budget.${key}`) })),
      selected,
      messages: pageMessages(context.language, PAGE_MESSAGES),
    });
  } catch (error) {
    return asActionFailure(error, t);
  }
}

/** google.script.run: one customer's current analysis (after picking it in the search). */
export function getNeedsAnalysis(customerId: unknown): ActionResult<NeedsAnalysisRecord> {
  const context = actionContext();
  const { t } = context;
  if (typeof customerId !== 'string' || customerId.length > 40) {
    return fail('validation', t('error.invalidRequest', { detail: 'customerId' }));
  }
  try {
    const customers = openTable(TEMPLATES.customers, context.properties, context.spreadsheet);
    const record = findRecord(customers, 'id', customerId.trim(), RECORD_KEYS, context.zone);
    return record ? ok(recordOf(record, context)) : fail('notFound', t('error.notFound'));
  } catch (error) {
    return asActionFailure(error, t);
  }
}

/**
 * google.script.run: saves a needs analysis to the customer's row (docs/product-rules.md §2, seed 000 step 2): the
 * answers and the intent grade the rep kept (the suggestion is recomputed and returned), needsAnalyzedAt
 * stamped, the needs-analysis due and overdue flag cleared, the stage moved from initial contact to needs
 * analysis, and the next follow-up due rescheduled by the new grade's cadence (an open action's explicit
 * due date still wins).
 *
 * Retry-safe as an idempotent update: the row is updated in place (no row is added), and when it already
 * holds exactly these answers with the analysis stamped and nothing left due, the request is recognised
 * as already saved and nothing is written (not even a new stamp). The request id is required like every
 * submission's and is what makes two different submissions of one form distinct to the client.
 */
export function saveNeedsAnalysis(request: unknown): ActionResult<SavedNeedsAnalysis> {
  const body = requestObject(request);
  return lockedAction((context) => {
    const { t } = context;
    if (!parseRequestId(body.requestId)) return fail('validation', t('error.requestId'));
    const { values, errors } = validateNeedsAnalysis(body);
    const invalid = fieldErrorsFailure<SavedNeedsAnalysis>(errors, t);
    if (invalid) return invalid;
    const suggestion = suggestIntentGrade(values.needClarity, values.budgetFit);
    const hintRow = rowHint(body.customerRow);
    ensureInstalled(context);
    const { spreadsheet, properties, zone, nowMs, language } = context;
    const opened = openTables(
      { open: ['customers', 'followUps'], whole: ['settings'], appendTo: ['followUps'] },
      properties,
      spreadsheet,
      zone,
    );
    const customers = opened.customers as Table;
    const followUps = opened.followUps as Table;
    // The customer's follow-ups (the My day index's history block, or one search of their customer-id column)
    // and the customer's row from the sidebar's hint, in one batch read; without a usable hint the customer is
    // searched for by id.
    const { records: history, hinted } = readCustomerHistory(
      followUps,
      values.customerId,
      HISTORY_KEYS,
      { table: customers, rows: hintRow ? [hintRow] : [], keys: SAVE_KEYS },
      properties,
      zone,
      nowMs,
    );
    const customer = recordWithId(hinted, customers, values.customerId, SAVE_KEYS, zone);
    if (!customer) {
      return fail<SavedNeedsAnalysis>('notFound', t('error.notFound'), { customerId: t('error.notFound') });
    }
    const merged = mergedCustomerFailure<SavedNeedsAnalysis>(customer, t);
    if (merged) return merged;
    const current = customer.values;
    const stage = current.stage === null || current.stage === 'initialContact' ? 'needsAnalysis' : text(current.stage);
    const formatDue = (value: FieldValue | undefined): string => {
      const at = instant(value);
      return at === null ? '' : formatLocal(at, zone, 'datetime');
    };
    const result = (alreadySaved: boolean, due: FieldValue | undefined, proposalDue = ''): SavedNeedsAnalysis => ({
      id: values.customerId,
      row: customer.row,
      intentGrade: values.cells.intentGrade,
      suggestedGrade: suggestion?.grade ?? '',
      stage,
      nextFollowUpDue: formatDue(due),
      alreadySaved,
      proposalDue,
    });

    const unchanged = (Object.keys(values.cells) as (keyof typeof values.cells)[]).every((key) =>
      sameFieldValue(current[key], values.cells[key]),
    );
    if (
      unchanged &&
      instant(current.needsAnalyzedAt) !== null &&
      current.needsAnalysisDue === null &&
      current.needsAnalysisOverdue !== true &&
      current.stage === stage
    ) {
      return ok(result(true, current.nextFollowUpDue));
    }

    const settings = readSettings(properties, spreadsheet, zone, opened.settings).values;
    let explicitDue: number | null = null;
    const touches: number[] = [];
    for (const record of history) {
      if (record.values.customerId !== values.customerId) continue;
      const at = instant(record.values.at);
      if (record.values.direction === 'outbound' && at !== null) touches.push(at);
      const due = instant(record.values.nextActionDue);
      if (record.values.status === 'open' && due !== null && (explicitDue === null || due < explicitDue)) {
        explicitDue = due;
      }
    }
    // The proposal is due 3 working days after the analysis (docs/product-rules.md §2 "Deals and delivery"): an open action,
    // unless the customer already has one open, is past the proposal, or may not be contacted.
    const proposalOpen = history.some(
      (record) =>
        record.values.customerId === values.customerId &&
        record.values.status === 'open' &&
        record.values.reason === 'proposalDue',
    );
    const beyondProposal = stage === 'proposalConfirmed' || stage === 'dealClosed';
    const proposal =
      proposalOpen || beyondProposal || current.doNotContact === true
        ? null
        : milestoneDeadline('needsAnalyzed', nowMs, settings, zone);
    if (proposal && (explicitDue === null || proposal.due < explicitDue)) explicitDue = proposal.due;
    const due = nextFollowUpDue(
      {
        lastContactAt: instant(current.lastContactAt),
        createdAt: instant(current.createdAt) ?? nowMs,
        intentGrade: values.cells.intentGrade,
        valueTier: text(current.valueTier) || null,
        segment: text(current.segment) || null,
        corePool: current.corePool === true,
        doNotContact: current.doNotContact === true,
        explicitDue,
        outboundTouches: touches,
      },
      settings,
      zone,
    ).due;
    const now = new Date(nowMs);
    const nextDue = due === null ? null : new Date(due);
    // The row's changed cells in one batched call (they span several runs of columns).
    const writes = new WriteBatch(zone, properties);
    writeFields(
      customers,
      [
        {
          row: customer.row,
          values: {
            ...values.cells,
            stage,
            needsAnalyzedAt: now,
            needsAnalysisDue: null,
            needsAnalysisOverdue: false,
            nextFollowUpDue: nextDue,
            followUpOverdue: due !== null && nowMs > due,
            updatedAt: now,
          },
        },
      ],
      language,
      writes,
    );
    if (proposal) {
      const id = allocateIds('G', 1, properties, zone, nowMs, [])[0] as string;
      const owner = text(current.owner) || context.userEmail;
      appendRecords(
        followUps,
        [
          processActionFields({
            id,
            deadline: proposal,
            customerId: values.customerId,
            customerName: current.name ?? null,
            owner,
            relatedId: `proposalDue:${values.customerId}`,
            nowMs,
            language,
          }),
        ],
        language,
        writes,
      );
    }
    writes.commit();
    return ok(result(false, nextDue, proposal ? formatLocal(proposal.due, zone, 'datetime') : ''));
  });
}
