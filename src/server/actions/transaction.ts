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
import { localDate, startOfDate } from '../../shared/time/local';
import { describeFields } from '../forms/describe';
import { allocateIds } from '../workbook/ids';
import { withDocumentLock } from '../workbook/lock';
import { appendRecords, readTable, writeFields, type FieldValues } from '../workbook/table';
import { showSidebar } from '../ui/sidebar';
import {
  actionContext,
  asActionFailure,
  ensureInstalled,
  ensureInstalledForReading,
  type ActionContext,
} from './context';
import { summaryOf } from './follow-up';
import { parseRequestId } from './requests';

/**
 * Record transaction (issue 13, SPEC §1 Transactions, §2): appends one T row for a customer and, when it is
 * the customer's first purchase, sets the customer's status to won and stage to deal closed. Annual value,
 * tier, segment, purchase activity and the other purchase columns follow on the next grading (menu "Grade
 * all customers" or the daily scan), which reads every transaction at once.
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

/** The form, pre-filled with the customer of the selected row when the customers sheet is active. */
export function getTransactionForm(): ActionResult<TransactionForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const customers = readTable(TEMPLATES.customers, context.properties, context.spreadsheet);
    let selected: CustomerSummary | null = null;
    if (context.spreadsheet.getActiveSheet().getSheetId() === customers.layout.sheetId) {
      const row = context.spreadsheet.getActiveRange()?.getRow() ?? 0;
      const record = customers.records.find((candidate) => candidate.row === row);
      if (record) selected = summaryOf(record);
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

/**
 * google.script.run: records one transaction. Validated here whatever the sidebar checked; under the
 * document lock; a retried request id returns the row it already saved. Cost: one read each of Customers
 * and Transactions, one append, and one customer write for a first purchase, whatever the table sizes.
 */
export function saveTransaction(request: unknown): ActionResult<SavedTransaction> {
  const context = actionContext();
  const { t } = context;
  const body = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  const requestId = parseRequestId(body.requestId);
  if (!requestId) return fail('validation', t('error.requestId'));
  const { values, errors } = validateTransactionInput(body, localDate(context.nowMs, context.zone));
  if (Object.keys(errors).length > 0) {
    const fields: Record<string, string> = {};
    for (const [field, key] of Object.entries(errors)) if (key) fields[field] = t(key);
    return fail('validation', t('error.validation'), fields);
  }
  try {
    return withDocumentLock(() => {
      ensureInstalled(context);
      const { spreadsheet, properties, zone, nowMs, language } = context;
      const transactions = readTable(TEMPLATES.transactions, properties, spreadsheet);
      const retried = transactions.records.find((record) => record.values.requestId === requestId);
      if (retried) {
        return ok({ id: String(retried.values.id), row: retried.row, firstPurchase: false, alreadySaved: true });
      }
      const customers = readTable(TEMPLATES.customers, properties, spreadsheet);
      const customer = customers.records.find((record) => record.values.id === values.customerId);
      if (!customer) {
        return fail<SavedTransaction>('notFound', t('error.notFound'), { customerId: t('error.notFound') });
      }
      const others = transactions.records
        .filter((record) => record.values.customerId === values.customerId)
        .map((record) => record.values);
      const firstPurchase = isFirstPurchase(values.refund, others);

      const id = allocateIds(
        'T',
        1,
        properties,
        zone,
        nowMs,
        transactions.records.map((record) => String(record.values.id ?? '')),
      )[0] as string;
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
      const range = appendRecords(transactions, [record], language);
      if (firstPurchase) {
        writeFields(
          customers,
          [{ row: customer.row, values: { status: 'won', stage: 'dealClosed', updatedAt: now } }],
          language,
        );
      }
      range?.activate();
      return ok({ id, row: transactions.grid.length, firstPurchase, alreadySaved: false });
    });
  } catch (error) {
    return asActionFailure(error, t);
  }
}
