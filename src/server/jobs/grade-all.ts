import type { Language } from '../../shared/i18n/language';
import { changedValues, gradeCustomers } from '../../shared/rules/grading';
import type { SettingsValues } from '../../shared/rules/settings';
import { closedWonUpdate } from '../../shared/rules/transaction-input';
import { TEMPLATES } from '../../shared/schema/templates';
import type { Zone } from '../../shared/time/zone';
import type { DocumentPropertiesSnapshot } from '../workbook/layout';
import { readSettings } from '../workbook/settings';
import { readTable, writeFields, type FieldValues } from '../workbook/table';
import type { ScanStep } from './daily-scan';

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
 * "Grade all customers" (SPEC §2), the part the menu item and the daily scan share: ONE read each of
 * Settings, Customers, Follow-ups and Transactions, the pure grading of every customer
 * (shared/rules/grading.ts), then ONE writeFields of the graded columns that changed: a block per changed
 * column over the rows that changed it, nothing when nothing changed (a second run makes no setValues).
 * The caller holds the document lock and writes the Log row (the scan writes its own, one per run).
 */
export function gradeAll(context: GradeAllContext, knownSettings?: SettingsValues): GradeAllReport {
  const { spreadsheet, properties, zone, nowMs, language } = context;
  const settings = knownSettings ?? readSettings(properties, spreadsheet, zone).values;
  const customers = readTable(TEMPLATES.customers, properties, spreadsheet);
  const followUps = readTable(TEMPLATES.followUps, properties, spreadsheet);
  const transactions = readTable(TEMPLATES.transactions, properties, spreadsheet);
  const { graded, averages } = gradeCustomers({
    customers: customers.records.map((record) => record.values),
    followUps: followUps.records.map((record) => record.values),
    transactions: transactions.records.map((record) => record.values),
    settings,
    nowMs,
    zone,
  });
  const updates: { row: number; values: FieldValues }[] = [];
  let promoted = 0;
  customers.records.forEach((record, index) => {
    const next = graded[index] as (typeof graded)[number];
    const changed: FieldValues = changedValues(record.values, next) as FieldValues;
    // SPEC §2 "A first transaction sets status won and stage deal closed": Record transaction and the CSV
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
  const cellsChanged = writeFields(customers, updates, language);
  return {
    examined: customers.records.length,
    changed: updates.length,
    cellsChanged,
    badIndustryAverages: averages.bad,
    settings,
  };
}

// The daily scan grades every customer after its flags and before the dashboard (SPEC §5: "refreshes
// tiers, segments"); its Log row counts the customers examined and the cells changed.
export const gradingScanStep: ScanStep = {
  name: 'grading',
  run(context, settings, totals) {
    const report = gradeAll(context, settings);
    totals.rowsExamined += report.examined;
    totals.changedCells += report.cellsChanged;
  },
};
