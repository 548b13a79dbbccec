import { REF_SOURCE_KEYS } from '../../shared/rules/customer-refs';
import { GRADED_COLUMNS } from '../../shared/rules/grading';
import type { TableKey } from '../../shared/schema/templates';
import { INDEX_SOURCE_KEYS } from '../../shared/rules/my-day-index';
import { MATCH_KEY_COLUMNS } from '../workbook/match-keys';

/**
 * The columns each batch job reads (issue 18: read the columns a job uses, once per execution, not whole
 * tables). Each list is what the job's pure rules (src/shared/rules) and its own server code look at;
 * test/server/job-columns.test.ts runs the rules over demo data with records that record every field read
 * and fails when one reads a field missing here, so a rule that starts using a new field can't silently
 * get `undefined` in production.
 *
 * A record is a row with content in at least one of the columns the execution has read of its table, so
 * every list of Customers includes `name` (required at intake, typed first by hand): a row typed into the
 * sheet with only a name is still graded, scanned and counted.
 */
export type JobColumns = Partial<Record<TableKey, readonly string[]>>;

/** Overdue follow-ups, ticket SLA breaches and care actions (rules/scan-flags.ts). */
export const FLAGS_COLUMNS = {
  followUps: ['status', 'nextActionDue', 'overdue', 'relatedId'],
  tickets: ['id', 'firstResponseDue', 'firstResponseAt', 'resolutionDue', 'resolvedAt', 'slaBreached'],
  customers: ['id', 'name', 'owner', 'status', 'doNotContact', 'birthday', 'anniversary', 'mergedInto'],
} as const satisfies JobColumns;

/** What a customer's match keys are derived from, and the stored keys (workbook/match-keys.ts). */
export const MATCH_KEYS_COLUMNS = { customers: MATCH_KEY_COLUMNS } as const satisfies JobColumns;

/** Grading (rules/grading.ts gradeCustomers + changedValues, closed-won promotion in jobs/grade-all.ts). */
export const GRADING_COLUMNS = {
  customers: [
    'id',
    'name',
    'status',
    'stage',
    'industry',
    'annualValueEstimate',
    'createdAt',
    'nextFollowUpDue',
    'needsAnalysisDue',
    'needsAnalyzedAt',
    'satisfactionScore',
    // What the cadence depends on besides the graded columns: a due the cadence set moves with the grade.
    'intentGrade',
    'doNotContact',
    // A merged customer (Merge duplicates) is not graded: its history belongs to the kept customer now.
    'mergedInto',
    ...GRADED_COLUMNS,
  ],
  followUps: ['customerId', 'at', 'direction', 'channel', 'responded', 'reason'],
  transactions: ['customerId', 'date', 'category', 'amount', 'refund'],
} as const satisfies JobColumns;

/** The digests (rules/digest.ts memberDigest → rules/my-day.ts buildMyDay; duplicates for managers). */
export const DIGEST_COLUMNS = {
  customers: [
    'id',
    'name',
    'contactName',
    'owner',
    'coOwner',
    'status',
    'doNotContact',
    'nextFollowUpDue',
    'lastContactAt',
    'createdAt',
    'churnRisk',
    'churnRiskSince',
    'churnEscalated',
    'possibleDuplicateOf',
    'mergedInto',
  ],
  followUps: ['id', 'customerId', 'customerName', 'topic', 'content', 'nextAction', 'nextActionDue', 'owner', 'status'],
  tickets: ['id', 'customerName', 'description', 'assignee', 'status', 'slaBreached', 'resolutionDue', 'archivedAt'],
} as const satisfies JobColumns;

/** The dashboard's figures (rules/kpi.ts computeDashboard, kpi-data.ts, kpi-strategy.ts). */
export const DASHBOARD_COLUMNS = {
  customers: [
    'id',
    'name',
    'owner',
    'stage',
    'status',
    'segment',
    'createdAt',
    'lastContactAt',
    'firstPurchaseAt',
    'churnRisk',
    'churnEscalated',
    'corePool',
    'mergedInto',
  ],
  followUps: [
    'customerId',
    'at',
    'direction',
    'channel',
    'responded',
    'milestone',
    'nextActionDue',
    'owner',
    'status',
    'doneAt',
    'createdAt',
    // Care spend against the yearly budgets (kpi-strategy.ts, issue 19 item 4).
    'cost',
  ],
  tickets: [
    'customerId',
    'assignee',
    'reportedAt',
    'firstResponseDue',
    'firstResponseAt',
    'resolutionDue',
    'resolvedAt',
    'slaBreached',
    'createdAt',
  ],
  satisfaction: ['customerId', 'date', 'overall', 'score', 'nps', 'createdAt'],
  transactions: ['customerId', 'date', 'refund'],
} as const satisfies JobColumns;

/** The tables a set of column lists reads. */
export function tablesOf(...lists: readonly JobColumns[]): TableKey[] {
  const keys = new Set<TableKey>();
  for (const list of lists) for (const key of Object.keys(list) as TableKey[]) keys.add(key);
  return [...keys];
}

/**
 * The My day index the scan builds for the next morning, with its customers' history block (rules/my-day-index.ts,
 * workbook/my-day-index.ts).
 */
export const MY_DAY_COLUMNS = INDEX_SOURCE_KEYS satisfies JobColumns;

/** The My day index's customer-rows block (rules/customer-refs.ts): each record table's id and customer id. */
export const REFS_COLUMNS = {
  followUps: REF_SOURCE_KEYS,
  tickets: REF_SOURCE_KEYS,
  satisfaction: REF_SOURCE_KEYS,
  transactions: REF_SOURCE_KEYS,
} as const satisfies JobColumns;

/** Rows pointing at a merged customer (the scan re-points them): customers' ids and names, each table's customer id. */
export const MERGED_REFERENCE_COLUMNS = {
  customers: ['id', 'name', 'mergedInto'],
  followUps: ['customerId'],
  tickets: ['customerId'],
  satisfaction: ['customerId'],
  transactions: ['customerId'],
} as const satisfies JobColumns;
