import type { Language } from '../../shared/i18n/language';
import { changedValues, gradeCustomers } from '../../shared/rules/grading';
import { isMergedCustomer } from '../../shared/rules/merge-customers';
import type { SettingsValues } from '../../shared/rules/settings';
import { closedWonUpdate } from '../../shared/rules/transaction-input';
import type { Zone } from '../../shared/time/zone';
import { archiveReadsFor, archivedYears } from '../workbook/archive-reads';
import type { DocumentPropertiesSnapshot } from '../workbook/layout';
import type { FieldValues } from '../workbook/table';
import { WriteBatch } from '../workbook/write-batch';
import type { ScanStep } from './daily-scan';
import { GRADING_COLUMNS } from './job-columns';
import { JobTables } from './job-tables';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Most customers grading sets to closed-won in one run (see gradeAll). */
export const WON_PER_RUN = 20;

export interface GradeAllContext {
  spreadsheet: Spreadsheet;
  properties: DocumentPropertiesSnapshot;
  zone: Zone;
  nowMs: number;
  language: Language;
}

export interface GradeAllReport {
  /** Customers graded. */
  examined: number;
  /** Customers with at least one graded cell changed. */
  changed: number;
  /** Cells written. */
  cellsChanged: number;
  /** Settings industryAverages entries that could not be read (ignored). */
  badIndustryAverages: string[];
  settings: SettingsValues;
}

/**
 * "Grade all customers" (docs/product-rules.md §2), the part the menu item and the daily scan share: the tables opened
 * together with Settings (one batch read), then only the columns grading uses (job-columns.ts), each read
 * once per execution (the scan shares its reads between steps through `tables`), the pure grading of every
 * customer (shared/rules/grading.ts), then ONE writeFields of the graded columns that changed: a block per
 * changed column over the rows that changed it, nothing when nothing changed (a second run makes no
 * setValues). The caller holds the document lock and writes the Log row (the scan writes its own, one per run).
 */
export function gradeAll(context: GradeAllContext, tables: JobTables = new JobTables(context)): GradeAllReport {
  const { nowMs, zone, language, properties } = context;
  tables.prepare([GRADING_COLUMNS]);
  const settings = tables.settings();
  tables.load(GRADING_COLUMNS);
  // A merged customer (Merge duplicates) keeps the row it had; its history is the kept customer's now.
  const records = tables
    .records('customers', GRADING_COLUMNS.customers)
    .filter((record) => !isMergedCustomer(record.values));
  const { graded, averages, rescheduled } = gradeCustomers({
    customers: records.map((record) => record.values),
    // Touches the archive moved out count too (the preferred channel, the last outbound touches and the last
    // contact look at all of a customer's history): every archive's follow-ups, older, first.
    followUps: [
      ...archiveReadsFor(tables, context).values('followUps', GRADING_COLUMNS.followUps, archivedYears(properties)),
      ...tables.values('followUps', GRADING_COLUMNS.followUps),
    ],
    transactions: tables.values('transactions', GRADING_COLUMNS.transactions),
    settings,
    nowMs,
    zone,
  });
  const updates: { row: number; values: FieldValues }[] = [];
  let promoted = 0;
  records.forEach((record, index) => {
    const next = graded[index] as (typeof graded)[number];
    const changed: FieldValues = changedValues(record.values, next) as FieldValues;
    const due = rescheduled[index];
    if (due !== undefined) changed.nextFollowUpDue = due === null ? null : new Date(due);
    // docs/product-rules.md §2 "A first transaction sets status won and stage deal closed": Record transaction and the CSV
    // import do it when they write; grading agrees for purchases typed into the sheet. Status and stage are
    // columns users edit, written run by run of rows, so at most WON_PER_RUN customers a run (the rest on the
    // next run) keeps the cost constant whatever was typed.
    const won = closedWonUpdate(record.values.status, next.firstPurchaseAt !== null);
    if (won && promoted++ < WON_PER_RUN) {
      changed.status = won.status;
      if (record.values.stage !== won.stage) changed.stage = won.stage;
    }
    if (Object.keys(changed).length > 0) updates.push({ row: record.row, values: changed });
  });
  // The graded (computed) columns in a block per column; the few promotions' status and stage, columns users
  // edit written run by run, in one batched write instead of a call pair per run.
  const promotions = new WriteBatch(zone);
  const cellsChanged =
    tables.write('customers', updates.map(gradedPart), language) +
    tables.write('customers', updates.flatMap(promotionPart), language, promotions);
  promotions.commit();
  return {
    examined: records.length,
    changed: updates.length,
    cellsChanged,
    badIndustryAverages: averages.bad,
    settings,
  };
}

type Update = { row: number; values: FieldValues };

const PROMOTION_KEYS = ['status', 'stage'];

function gradedPart(update: Update): Update {
  const values: FieldValues = {};
  for (const [key, value] of Object.entries(update.values)) if (!PROMOTION_KEYS.includes(key)) values[key] = value;
  return { row: update.row, values };
}

function promotionPart(update: Update): Update[] {
  const values: FieldValues = {};
  for (const key of PROMOTION_KEYS) if (key in update.values) values[key] = update.values[key] as FieldValues[string];
  return Object.keys(values).length > 0 ? [{ row: update.row, values }] : [];
}

// The daily scan grades every customer after its flags and before the dashboard (docs/product-rules.md §5: "refreshes
// tiers, segments"); its Log row counts the customers examined and the cells changed.
export const gradingScanStep: ScanStep = {
  name: 'grading',
  run(context, _settings, totals, _timeUp, tables) {
    const report = gradeAll(context, tables);
    totals.rowsExamined += report.examined;
    totals.changedCells += report.cellsChanged;
  },
};
