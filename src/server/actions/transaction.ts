import { catalogue, type MessageKey } from '../../shared/i18n/translate';
import type { CustomerSummary, PageMessages } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import type { SavedTransaction, TransactionForm } from '../../shared/rpc/transaction';
import {
  isFirstPurchase,
  TRANSACTION_FIELDS,
  TRANSACTION_REQUIRED,
  validateTransactionInput,
} from '../../shared/rules/transaction-input';
import { TEMPLATES } from '../../shared/schema/templates';
import { rowHint } from '../../shared/rules/follow-up-input';
import { localDate, startOfDate } from '../../shared/time/local';
import { describeFields } from '../forms/describe';
import { allocateIds } from '../workbook/ids';
import { readCachedLayout } from '../workbook/layout';
import { openTables } from '../workbook/open-tables';
import {
  appendRecords,
  lastRowOf,
  openTable,
  selectRows,
  writeFields,
  type FieldValues,
  type Table,
} from '../workbook/table';
import { findCandidateRows, readRows, readWithHint, recordWithId } from '../workbook/targeted-reads';
import { WriteBatch } from '../workbook/write-batch';
import { showSidebar } from '../ui/sidebar';
import {
  actionContext,
  asActionFailure,
  ensureInstalled,
  lockedAction,
  ensureInstalledForReading,
  type ActionContext,
} from './context';
import { mergedCustomerFailure } from './submission';
import { SUMMARY_KEYS, summaryOf } from './customer-lookup';
import { parseRequestId } from './requests';

/**
 * Record transaction (issue 13, docs/product-rules.md §1 Transactions, §2): appends one T row for a customer and, when it is
 * the customer's first purchase, sets the customer's status to won and stage to deal closed. Annual value,
 * tier, segment, purchase activity and the other purchase columns follow on the next grading (menu "Grade
 * all customers" or the daily scan), which reads every transaction at once; the save itself reads only the
 * customer's transactions (found by one search of their customer-id column) and the customer's row.
 */
const FORM_MESSAGES: readonly MessageKey[] = [
  'transaction.title',
  'transaction.submit',
  'transaction.saved',
  'transaction.savedFirst',
  'transaction.another',
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
  'validation.futureDate',
  'validation.amount',
  'validation.quantity',
  'validation.customer',
];

function messagesFor(context: ActionContext): PageMessages {
  const all = catalogue(context.language);
  const messages: PageMessages = {};
  for (const key of FORM_MESSAGES) messages[key] = all[key];
  return messages;
}

/** Menu: Record transaction. */
export function showRecordTransaction(): void {
  showSidebar('transaction', actionContext().t('transaction.title'));
}

/**
 * The form, pre-filled with the customer of the selected row when the customers sheet is active: only that
 * row's summary columns are read (the sheet is recognised by the id kept with the table's layout).
 */
export function getTransactionForm(): ActionResult<TransactionForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const { properties, spreadsheet } = context;
    let selected: CustomerSummary | null = null;
    const sheetId = spreadsheet.getActiveSheet().getSheetId();
    const cached = readCachedLayout(TEMPLATES.customers, properties);
    if (!cached || cached.sheetId === sheetId) {
      const customers = openTable(TEMPLATES.customers, properties, spreadsheet);
      if (sheetId === customers.layout.sheetId) {
        const row = spreadsheet.getActiveRange()?.getRow() ?? 0;
        const record = readRows(customers, [row], SUMMARY_KEYS, context.zone)[0];
        if (record) selected = summaryOf(record);
      }
    }
    return ok({
      language: context.language,
      fields: describeFields(TEMPLATES.transactions, TRANSACTION_FIELDS, TRANSACTION_REQUIRED, context.language),
      selected,
      today: localDate(context.nowMs, context.zone),
      messages: messagesFor(context),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/** What a save reads of the customer's transactions: the retry check and "first purchase". */
const HISTORY_KEYS = ['id', 'customerId', 'date', 'amount', 'refund', 'requestId'] as const;
/** What it reads of the customer's row: the new row's name and owner, the cells a first purchase sets. */
const CUSTOMER_KEYS = ['id', 'name', 'owner', 'stage', 'status', 'updatedAt', 'mergedInto'] as const;

/**
 * google.script.run: records one transaction. Validated here whatever the sidebar checked; under the
 * document lock; a retried request id returns the row it already saved. Cost, whatever the table sizes:
 * one search of the transactions' customer-id column, whose rows (the customer's transactions: the retry
 * check and "first purchase") are read with the customer's row the sidebar hinted at in one batch (without a
 * usable hint, one search of the customers' id column more), and all writes in one batched call.
 */
export function saveTransaction(request: unknown): ActionResult<SavedTransaction> {
  const body = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  return lockedAction((context) => {
    const { t } = context;
    const requestId = parseRequestId(body.requestId);
    if (!requestId) return fail('validation', t('error.requestId'));
    const { values, errors } = validateTransactionInput(body, localDate(context.nowMs, context.zone));
    if (Object.keys(errors).length > 0) {
      const fields: Record<string, string> = {};
      for (const [field, key] of Object.entries(errors)) if (key) fields[field] = t(key);
      return fail('validation', t('error.validation'), fields);
    }
    const hintRow = rowHint(body.customerRow);
    ensureInstalled(context);
    const { spreadsheet, properties, zone, nowMs, language } = context;
    const opened = openTables(
      { open: ['customers', 'transactions'], appendTo: ['transactions'] },
      properties,
      spreadsheet,
      zone,
    );
    const customers = opened.customers as Table;
    const transactions = opened.transactions as Table;
    // The customer's transactions serve the retry check (a retried submission names the same customer)
    // and "first purchase"; the hinted customer row is used only if it still holds that customer.
    const read = readWithHint(
      [
        {
          table: transactions,
          rows: findCandidateRows(transactions, 'customerId', values.customerId),
          keys: HISTORY_KEYS,
        },
      ],
      { table: customers, rows: hintRow ? [hintRow] : [], keys: CUSTOMER_KEYS },
      zone,
    );
    const [historyRead = []] = read.needed;
    const history = historyRead.filter((record) => record.values.customerId === values.customerId);
    const retried = history.find((record) => record.values.requestId === requestId);
    if (retried) {
      return ok({ id: String(retried.values.id), row: retried.row, firstPurchase: false, alreadySaved: true });
    }
    const customer = recordWithId(read.hinted, customers, values.customerId, CUSTOMER_KEYS, zone);
    if (!customer) {
      return fail<SavedTransaction>('notFound', t('error.notFound'), { customerId: t('error.notFound') });
    }
    const merged = mergedCustomerFailure<SavedTransaction>(customer, t);
    if (merged) return merged;
    const firstPurchase = isFirstPurchase(
      values.refund,
      history.map((record) => record.values),
    );

    // The serial comes from the counter in document properties (under the lock): no read of the id column.
    const id = allocateIds('T', 1, properties, zone, nowMs, [])[0] as string;
    const now = new Date(nowMs);
    const record: FieldValues = {
      id,
      customerId: values.customerId,
      customerName: customer.values.name ?? null,
      date: new Date(startOfDate(values.date ?? '', zone)),
      product: values.product,
      category: values.category,
      quantity: values.quantity,
      amount: values.amount,
      refund: values.refund,
      // The rep who records the deal owns it; when Apps Script can't tell who that is, the customer's owner.
      owner: context.userEmail || String(customer.values.owner ?? '') || null,
      notes: values.notes,
      createdAt: now,
      updatedAt: now,
      requestId,
    };
    // Every write of this save goes in one batched call, sent before the lock is released.
    const writes = new WriteBatch(zone, properties);
    const row = lastRowOf(transactions) + 1;
    appendRecords(transactions, [record], language, writes);
    if (firstPurchase) {
      writeFields(
        customers,
        [{ row: customer.row, values: { status: 'won', stage: 'dealClosed', updatedAt: now } }],
        language,
        writes,
      );
    }
    writes.commit();
    selectRows(transactions, row);
    return ok({ id, row, firstPurchase, alreadySaved: false });
  });
}
