import type { MessageKey } from '../i18n/translate';
import { parseLocalDate, type LocalDate } from '../time/calendar';
import { parseAmount } from './grading-input';
import { cleanText, toHalfWidth } from './normalize';

/**
 * The Record transaction form's rules (docs/product-rules.md §1 Transactions, §2 "A first transaction sets status won and
 * stage deal closed"), shared by the sidebar and the server. Amounts are yuan as reps type them ("12800",
 * "12,800", "¥12800", "1.28万"); the date is a local date in the spreadsheet's zone and may not lie after
 * today there (a deal is recorded once it happened).
 */
export const TRANSACTION_FIELDS = ['date', 'product', 'category', 'quantity', 'amount', 'refund', 'notes'] as const;
export type TransactionField = (typeof TRANSACTION_FIELDS)[number];

export const TRANSACTION_REQUIRED: readonly TransactionField[] = ['date', 'product', 'amount'];

export type TransactionFieldErrors = Partial<Record<TransactionField | 'customerId', MessageKey>>;

export interface TransactionValues {
  customerId: string;
  /** 'yyyy-MM-dd' (null only when invalid). */
  date: LocalDate | null;
  product: string | null;
  category: string | null;
  quantity: number | null;
  amount: number | null;
  refund: boolean;
  notes: string | null;
}

const MAX_TEXT = 1000;
const MAX_LONG_TEXT = 10000;
/** Larger amounts are taken for typing mistakes (a trillion yuan). */
export const MAX_AMOUNT = 1e12;

/** A quantity as typed: a non-negative number with up to 3 decimals ("2", "1.5", "１０"); null otherwise. */
export function parseQuantity(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw : null;
  if (typeof raw !== 'string') return null;
  const text = toHalfWidth(raw).replace(/,/g, '').trim();
  if (!/^\d{1,9}(\.\d{1,3})?$/.test(text)) return null;
  return Number(text);
}

/** An amount from the form or a CSV cell: a number, or text as parseAmount reads it. */
export function parseTransactionAmount(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? Math.round(raw * 100) / 100 : null;
  if (typeof raw !== 'string') return null;
  return parseAmount(raw);
}

/** Yes / no as a checkbox, a CSV cell or a typed word gives it; null when it is none of them. */
export function parseRefund(raw: unknown): boolean | null {
  if (raw === true || raw === false) return raw;
  if (raw === null || raw === undefined) return false;
  if (typeof raw !== 'string') return null;
  const text = toHalfWidth(raw).trim().toLowerCase();
  if (text === '' || /^(false|no|n|0|否|不是|非)$/.test(text)) return false;
  if (/^(true|yes|y|1|是|✓|退款|已退款)$/.test(text)) return true;
  return null;
}

function textOf(raw: unknown, long: boolean): string {
  if (typeof raw === 'number') return String(raw);
  if (typeof raw !== 'string') return '';
  return long ? toHalfWidth(raw).replace(/\r\n?/g, '\n').trim() : cleanText(raw);
}

/**
 * Checks and normalizes one transaction (the form's `fields`, or a CSV row mapped to the same keys).
 * `today` (the spreadsheet zone's local date) refuses future dates; without it no such check is made.
 */
export function validateTransactionFields(
  input: Readonly<Record<string, unknown>>,
  today: LocalDate | null,
): { values: Omit<TransactionValues, 'customerId'>; errors: TransactionFieldErrors } {
  const errors: TransactionFieldErrors = {};
  const product = textOf(input.product, false);
  const category = textOf(input.category, false);
  const notes = textOf(input.notes, true);
  if (product.length > MAX_TEXT) errors.product = 'validation.tooLong';
  if (category.length > MAX_TEXT) errors.category = 'validation.tooLong';
  if (notes.length > MAX_LONG_TEXT) errors.notes = 'validation.tooLong';
  if (product === '') errors.product = 'validation.required';

  const dateText = textOf(input.date, false);
  const date = dateText === '' ? null : parseLocalDate(dateText);
  if (dateText === '') errors.date = 'validation.required';
  else if (date === null) errors.date = 'validation.date';
  else if (today !== null && date > today) errors.date = 'validation.futureDate';

  const amountText = textOf(input.amount, false);
  const amount = amountText === '' ? null : parseTransactionAmount(input.amount);
  if (amountText === '') errors.amount = 'validation.required';
  else if (amount === null || amount > MAX_AMOUNT) errors.amount = 'validation.amount';

  const quantityText = textOf(input.quantity, false);
  const quantity = quantityText === '' ? null : parseQuantity(input.quantity);
  if (quantityText !== '' && quantity === null) errors.quantity = 'validation.quantity';

  const refund = parseRefund(input.refund);
  if (refund === null) errors.refund = 'validation.option';

  return {
    values: {
      date,
      product: product === '' ? null : product,
      category: category === '' ? null : category,
      quantity,
      amount,
      refund: refund === true,
      notes: notes === '' ? null : notes,
    },
    errors,
  };
}

/** The whole form body: { customerId, fields }. */
export function validateTransactionInput(
  raw: unknown,
  today: LocalDate | null,
): { values: TransactionValues; errors: TransactionFieldErrors } {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const input = (typeof body.fields === 'object' && body.fields !== null ? body.fields : {}) as Record<string, unknown>;
  const { values, errors } = validateTransactionFields(input, today);
  const customerId = typeof body.customerId === 'string' ? body.customerId.trim() : '';
  if (!/^C\d{11,}$/.test(customerId)) errors.customerId = 'validation.customer';
  return { values: { customerId, ...values }, errors };
}

/**
 * docs/product-rules.md §2: "A first transaction sets status won and stage deal closed". A purchase is a transaction that is
 * not a refund; it is the customer's first when none of the customer's other transactions is a purchase.
 */
export function isFirstPurchase(
  refund: boolean,
  otherTransactions: readonly { refund?: unknown; amount?: unknown; date?: unknown }[],
): boolean {
  if (refund) return false;
  return !otherTransactions.some((row) => isPurchase(row));
}

/** Grading's definition (shared/rules/grading.ts): a dated, numeric, non-refund transaction. */
export function isPurchase(row: { refund?: unknown; amount?: unknown; date?: unknown }): boolean {
  return (
    row.refund !== true &&
    typeof row.amount === 'number' &&
    Object.prototype.toString.call(row.date) === '[object Date]'
  );
}

/**
 * What grading does for a customer with purchases whose status still says nothing happened (empty or
 * active): closed-won, as the first transaction would have set it. Won, lost and churned are kept (a rep
 * decided them). Null when nothing changes.
 */
export function closedWonUpdate(status: unknown, hasPurchases: boolean): { status: 'won'; stage: 'dealClosed' } | null {
  if (!hasPurchases) return null;
  const open = status === null || status === undefined || status === '' || status === 'active';
  return open ? { status: 'won', stage: 'dealClosed' } : null;
}
