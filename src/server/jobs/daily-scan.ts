import { translatorFor } from '../../shared/i18n/translate';
import { memberDigest, renderDigest, teamSummary, type MemberDigest } from '../../shared/rules/digest';
import { careActionsDue, followUpOverdueUpdates, ticketSlaUpdates } from '../../shared/rules/scan-flags';
import type { SettingsValues } from '../../shared/rules/settings';
import { LAST_SCAN_PROPERTY } from '../../shared/rules/kpi-layout';
import { TEMPLATES } from '../../shared/schema/templates';
import { localDate } from '../../shared/time/local';
import type { ActionContext } from '../actions/context';
import { workbookCapacity } from '../workbook/capacity';
import { allocateIds } from '../workbook/ids';
import { appendLog } from '../workbook/log';
import { findTableSheet } from '../workbook/layout';
import { MATCH_KEY_COLUMNS, staleMatchKeys } from '../workbook/match-keys';
import { dropMyDayIndex, indexSource, markRefsChanged, refsSource, writeMyDayIndex } from '../workbook/my-day-index';
import { lastRowOf } from '../workbook/table';
import { REF_TABLES } from '../../shared/rules/customer-refs';
import { isMergedCustomer, mergedReferenceUpdates } from '../../shared/rules/merge-customers';
import { dashboardScanStep, refreshDashboardSheet } from './dashboard';
import { gradingScanStep } from './grade-all';
import {
  DASHBOARD_COLUMNS,
  DIGEST_COLUMNS,
  FLAGS_COLUMNS,
  GRADING_COLUMNS,
  MATCH_KEYS_COLUMNS,
  MERGED_REFERENCE_COLUMNS,
  MY_DAY_COLUMNS,
  REFS_COLUMNS,
} from './job-columns';
import { JobTables } from './job-tables';
import { installScanTrigger, scanOwner, SCAN_MODE_PROPERTY } from './scan-trigger';

/**
 * The daily scan (docs/product-rules.md §5, issue 7): recomputes flags (overdue follow-ups, SLA breaches, care actions),
 * derives again the duplicate-check keys of customers edited by hand, runs the steps other jobs register
 * (grading, dashboard), mails each active team member a digest of their own items within the mail quota,
 * and writes one Log row. The steps share one JobTables (issue 18): each column a step uses is read once per
 * execution, and only the columns some step uses. Idempotent: a second run the same day changes
 * no data and sends no second mail. It watches its own time: when a step ends past the budget it saves a
 * cursor and switches its one trigger to hourly; the next run resumes there, and the trigger goes back to
 * daily when the work is done.
 */
const CURSOR_PROPERTY = 'crm.scan.cursor';
const DIGEST_SENT_PREFIX = 'crm.digest.';
/** Apps Script stops an execution at 6 minutes; leave room for the last step and the Log row. */
export const SCAN_TIME_BUDGET_MS = 4 * 60 * 1000;

export interface ScanTotals {
  changedCells: number;
  createdActions: number;
  mailsSent: number;
  rowsExamined: number;
  /** Members whose digest could not be sent because the mail quota ran out. */
  mailShortfall: string[];
}

/** A step of the scan: each must fit in one execution; the cursor moves between steps. */
export interface ScanStep {
  name: string;
  /**
   * Returns false when it stopped early because `timeUp()` said so; the scan then saves its place at this
   * step, and the step must be safe to run again (the digests skip members already mailed today).
   * `tables` are this execution's reads, shared by the steps.
   */
  run(
    context: ActionContext,
    settings: SettingsValues,
    totals: ScanTotals,
    timeUp: () => boolean,
    tables: JobTables,
  ): boolean | void;
}

const flagsStep: ScanStep = {
  name: 'flags',
  run(context, settings, totals, _timeUp, tables) {
    const { properties, language, nowMs, zone } = context;
    tables.load(FLAGS_COLUMNS);
    const followUps = tables.records('followUps', FLAGS_COLUMNS.followUps);
    const tickets = tables.records('tickets', FLAGS_COLUMNS.tickets);
    totals.rowsExamined += followUps.length + tickets.length;
    totals.changedCells += tables.write('followUps', followUpOverdueUpdates(followUps, nowMs), language);
    totals.changedCells += tables.write('tickets', ticketSlaUpdates(tickets, nowMs), language);

    // A merged customer (Merge duplicates) gets no care actions: the kept customer does.
    const customers = tables.values('customers', FLAGS_COLUMNS.customers).filter((values) => !isMergedCustomer(values));
    totals.rowsExamined += customers.length;
    const related = new Set(followUps.map((record) => String(record.values.relatedId ?? '')));
    const care = careActionsDue(customers, related, nowMs, settings, zone);
    if (care.length === 0) return;
    const t = translatorFor(language);
    // The serials come from the counter under the lock, as every save's do: no read of the id column.
    const ids = allocateIds('G', care.length, properties, zone, nowMs, []);
    const now = new Date(nowMs);
    tables.append(
      'followUps',
      care.map((action, index) => ({
        id: ids[index] ?? null,
        customerId: action.customerId,
        customerName: action.customerName,
        at: now,
        direction: 'outbound',
        channel: 'other',
        content: t(action.kind === 'birthday' ? 'scan.care.birthday' : 'scan.care.anniversary', {
          date: action.occurrence,
        }),
        nextAction: t('scan.care.action'),
        nextActionDue: new Date(action.dueMs),
        reason: 'care',
        relatedId: action.relatedId,
        owner: action.owner,
        status: 'open',
        overdue: action.dueMs < nowMs,
        createdAt: now,
        updatedAt: now,
      })),
      language,
    );
    totals.createdActions += care.length;
  },
};

/**
 * Match keys (issue 18): intake finds duplicates by one search of the hidden matchKeys column, which the
 * add-on writes with each row it adds; a phone, e-mail or company typed or changed by hand leaves it stale,
 * so the scan derives the keys again for every customer and writes the ones that differ (one block of the
 * column over the rows that changed). A sheet without the column (an old layout before repair) is skipped.
 */
const matchKeysStep: ScanStep = {
  name: 'matchKeys',
  run(context, _settings, totals, _timeUp, tables) {
    const customers = tables.table('customers');
    if (!('matchKeys' in customers.layout.columns)) return;
    const stale = staleMatchKeys(tables.records('customers', MATCH_KEY_COLUMNS));
    totals.changedCells += tables.write('customers', stale, context.language);
  },
};

const digestStep: ScanStep = {
  name: 'digests',
  run(context, settings, totals, timeUp, tables) {
    const { properties, spreadsheet, language, nowMs, zone } = context;
    const today = localDate(nowMs, zone);
    const team = tables.team().filter((member) => member.active);
    tables.load(DIGEST_COLUMNS);
    const customers = tables
      .values('customers', DIGEST_COLUMNS.customers)
      .filter((values) => !isMergedCustomer(values));
    const input = {
      customers,
      followUps: tables.values('followUps', DIGEST_COLUMNS.followUps),
      tickets: tables.values('tickets', DIGEST_COLUMNS.tickets),
      nowMs,
      zone,
      settings,
    };
    const digests: MemberDigest[] = team.map((member) => memberDigest(member, input));
    const summary = teamSummary(digests);
    const duplicateIds = customers
      .filter((customer) => customer.possibleDuplicateOf !== null && customer.possibleDuplicateOf !== undefined)
      .filter(
        (customer) =>
          customer.createdAt instanceof Date && localDate(customer.createdAt.getTime(), zone) >= addDaysText(today, -1),
      )
      .map((customer) => String(customer.id));
    // Issue 20 item 3: the workbook's cells against the limit (two calls; keeps today's growth sample too).
    const capacity = workbookCapacity(context, settings.capacityWarningPercent);
    let remaining = MailApp.getRemainingDailyQuota();
    let sentNow = 0;
    for (const digest of digests) {
      if (sentNow > 0 && timeUp()) return false;
      const isManager = digest.member.role === 'manager';
      if (digest.total === 0 && !(isManager && (duplicateIds.length > 0 || capacity.warn))) continue;
      if (properties.values[DIGEST_SENT_PREFIX + digest.member.email] === today) continue;
      if (remaining < 1) {
        totals.mailShortfall.push(digest.member.email);
        continue;
      }
      const mail = renderDigest(digest, {
        language,
        spreadsheetUrl: spreadsheet.getUrl(),
        nowMs,
        zone,
        sleepingDays: settings.sleepingDays,
        summary: isManager ? summary : null,
        duplicateIds: isManager ? duplicateIds : [],
        capacity: isManager ? capacity : null,
      });
      MailApp.sendEmail({
        to: mail.to,
        subject: mail.subject,
        body: mail.body,
        htmlBody: mail.htmlBody,
        name: translatorFor(language)('app.name'),
      });
      properties.set(DIGEST_SENT_PREFIX + digest.member.email, today);
      remaining -= 1;
      sentNow += 1;
      totals.mailsSent += 1;
    }
  },
};

/**
 * Rows still pointing at a merged customer (a customer id typed by hand into a row the merge could not see,
 * a merge cut short) are re-pointed to the customer it was merged into, with its name: a merge's promise that
 * every record follows the kept customer holds by the next morning at the latest. Uses columns other steps
 * read (customers' id, name and mergedInto; each record table's customer id): no extra read.
 */
const mergedReferencesStep: ScanStep = {
  name: 'mergedReferences',
  run(context, _settings, totals, _timeUp, tables) {
    tables.load(MERGED_REFERENCE_COLUMNS);
    const customers = tables.values('customers', MERGED_REFERENCE_COLUMNS.customers);
    if (!customers.some(isMergedCustomer)) return;
    const targets = new Set<string>();
    for (const table of REF_TABLES) {
      const updates = mergedReferenceUpdates(customers, tables.records(table, MERGED_REFERENCE_COLUMNS[table]));
      totals.changedCells += tables.write(table, updates, context.language);
      for (const update of updates) targets.add(update.values.customerId);
    }
    // Until the index step builds again (it may run in the next execution), their listed rows are incomplete.
    if (targets.size > 0) markRefsChanged(context.properties, [...targets]);
  },
};

/**
 * The My day index for the next morning (workbook/my-day-index.ts), from this execution's column reads, after
 * the steps that write flags, grades and care actions. A failure costs the first My day a build, not the scan.
 */
const myDayIndexStep: ScanStep = {
  name: 'myDayIndex',
  run(context, settings, _totals, _timeUp, tables) {
    tables.load(MY_DAY_COLUMNS);
    tables.load(REFS_COLUMNS);
    const { records, lastRows } = indexSource(
      (table) => tables.records(table, MY_DAY_COLUMNS[table]),
      (table) => lastRowOf(tables.table(table)),
    );
    const refs = refsSource(
      (table) => tables.records(table, REFS_COLUMNS[table]),
      (table) => lastRowOf(tables.table(table)),
    );
    try {
      writeMyDayIndex(
        records,
        lastRows,
        context.properties,
        context.spreadsheet,
        settings,
        context.zone,
        context.nowMs,
        context.language,
        refs,
      );
    } catch (error) {
      console.warn(`My day index not written: ${String(error)}`);
      dropMyDayIndex(context.properties);
    }
  },
};

function addDaysText(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Flags first, then the match keys, grading (tiers, segments, churn, sleeping), the digests, and the
 * dashboard last so it shows this run's status and any mail-quota shortfall.
 */
export function scanSteps(): ScanStep[] {
  return [
    flagsStep,
    matchKeysStep,
    gradingScanStep,
    digestStep,
    mergedReferencesStep,
    myDayIndexStep,
    dashboardScanStep,
  ];
}

/** Every column a scan step reads, opened together at the start of an execution. */
export const SCAN_COLUMNS = [
  FLAGS_COLUMNS,
  MATCH_KEYS_COLUMNS,
  GRADING_COLUMNS,
  DIGEST_COLUMNS,
  MERGED_REFERENCE_COLUMNS,
  MY_DAY_COLUMNS,
  REFS_COLUMNS,
  DASHBOARD_COLUMNS,
];

export interface ScanResult {
  ok: boolean;
  /** Another run will finish the work (the trigger was switched to hourly). */
  continued: boolean;
  totals: ScanTotals;
  message: string;
}

/**
 * Runs the scan, resuming from the saved cursor when an earlier run of the same day ran out of time.
 * Never throws for an expected failure: the Log row and crm.lastScan say what happened (add-on triggers
 * send no failure mail, so this is the only place a failure shows).
 */
export function runScan(
  context: ActionContext,
  clockMs: () => number = () => Date.now(),
  steps: readonly ScanStep[] = scanSteps(),
): ScanResult {
  const started = clockMs();
  const t = translatorFor(context.language);
  const totals: ScanTotals = { changedCells: 0, createdActions: 0, mailsSent: 0, rowsExamined: 0, mailShortfall: [] };
  const { properties, spreadsheet, zone, nowMs } = context;
  const today = localDate(nowMs, zone);
  const cursor = parseCursor(properties.values[CURSOR_PROPERTY], today);
  let result: ScanResult;
  let stack = '';
  try {
    const tables = new JobTables(context);
    tables.prepare(SCAN_COLUMNS);
    const settings = tables.settings();
    let next = cursor;
    const timeUp = (): boolean => clockMs() - started > SCAN_TIME_BUDGET_MS;
    for (; next < steps.length; next++) {
      if (next > cursor && timeUp()) break;
      const step = steps[next] as ScanStep;
      if (step === dashboardScanStep) saveLastScan(context, true, t('scan.done', summaryParams(totals)), totals);
      if (step.run(context, settings, totals, timeUp, tables) === false) {
        properties.set(CURSOR_PROPERTY, JSON.stringify({ day: today, step: next }));
        break;
      }
      properties.set(CURSOR_PROPERTY, JSON.stringify({ day: today, step: next + 1 }));
    }
    const continued = next < steps.length;
    switchMode(context, settings, continued ? 'hourly' : 'daily');
    if (!continued) properties.set(CURSOR_PROPERTY, '');
    const parts = [
      t('scan.done', { changed: totals.changedCells, created: totals.createdActions, mails: totals.mailsSent }),
    ];
    if (totals.mailShortfall.length > 0) {
      parts.push(
        t('scan.mailShortfall', { count: totals.mailShortfall.length, emails: totals.mailShortfall.join(', ') }),
      );
    }
    if (continued) parts.push(t('scan.continuing'));
    result = { ok: true, continued, totals, message: parts.join(' ') };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result = { ok: false, continued: false, totals, message: t('scan.failed', { message }) };
    stack = error instanceof Error && error.stack ? error.stack : '';
  }
  saveLastScan(context, result.ok, result.message, totals);
  if (!result.ok) showFailureOnDashboard(context, result.message);
  appendLog(
    {
      startedMs: nowMs,
      action: 'dailyScan',
      user: context.userEmail,
      rowsExamined: totals.rowsExamined,
      rowsChanged: totals.changedCells + totals.createdActions,
      durationMs: clockMs() - started,
      result: !result.ok ? 'failed' : result.continued || totals.mailShortfall.length > 0 ? 'partial' : 'ok',
      // A failure keeps its stack in the Log: add-on triggers send no failure mail (docs/apps-script/services.md §1).
      details: stack ? `${result.message}\n${stack}` : result.message,
    },
    properties,
    spreadsheet,
    context.language,
  );
  return result;
}

function summaryParams(totals: ScanTotals): Record<string, number> {
  return { changed: totals.changedCells, created: totals.createdActions, mails: totals.mailsSent };
}

export function saveLastScan(context: ActionContext, ok: boolean, message: string, totals: ScanTotals): void {
  context.properties.set(
    LAST_SCAN_PROPERTY,
    JSON.stringify({ atMs: context.nowMs, ok, message, mailShortfall: totals.mailShortfall }),
  );
}

/**
 * After a failed scan the dashboard says so (docs/product-rules.md §5). When it can't be recomputed either (the failure is
 * often a missing column the dashboard needs too), its first row is replaced by the failure, which the next
 * successful refresh rewrites; if even that fails, the Log row still says what happened.
 */
function showFailureOnDashboard(context: ActionContext, message: string): void {
  try {
    refreshDashboardSheet(context);
  } catch {
    try {
      const sheet = findTableSheet(context.spreadsheet, TEMPLATES.dashboard);
      sheet?.getRange(1, 1, 1, 2).setValues([[translatorFor(context.language)('scan.title'), message]]);
    } catch (error) {
      console.warn(
        `dashboard not updated after a failed scan: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function parseCursor(raw: string | undefined, today: string): number {
  if (!raw) return 0;
  try {
    const cursor = JSON.parse(raw) as { day?: string; step?: number };
    return cursor.day === today && typeof cursor.step === 'number' ? cursor.step : 0;
  } catch {
    return 0;
  }
}

/** Only the scan's owner can change its trigger (a script sees only its user's triggers). */
function switchMode(context: ActionContext, settings: SettingsValues, mode: 'daily' | 'hourly'): void {
  const { properties, spreadsheet, zone, userEmail } = context;
  if (scanOwner(properties) !== userEmail || !userEmail) return;
  if ((properties.values[SCAN_MODE_PROPERTY] || 'daily') === mode) return;
  installScanTrigger(spreadsheet, properties, mode, settings.digestHour, zone.name, userEmail);
}
