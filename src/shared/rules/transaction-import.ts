import type { Language } from '../i18n/language';
import type { MessageKey } from '../i18n/translate';
import { columnOf, findColumnByHeader, normalizeLabel, TEMPLATES } from '../schema/templates';
import type { LocalDate } from '../time/calendar';
import { cleanText, phoneMatchKey } from './normalize';
import { validateTransactionFields, type TransactionValues } from './transaction-input';

/**
 * Importing transactions from CSV (docs/product-rules.md §7 "Import customers (and transactions)", issue 13): which CSV
 * column feeds which transaction field (template labels in any language, keys, common synonyms), and each
 * row checked with the Record transaction form's rules. A row names its customer by id, or else by name or
 * phone, which must match exactly one customer. Pure: used by the server and by tests.
 */
export const TRANSACTION_IMPORT_FIELDS = [
  'customerId',
  'customerName',
  'phone',
  'date',
  'product',
  'category',
  'quantity',
  'amount',
  'refund',
  'notes',
] as const;
export type TransactionImportField = (typeof TRANSACTION_IMPORT_FIELDS)[number];
export type RawTransactionRow = Partial<Record<TransactionImportField, string>>;

export function isTransactionImportField(value: unknown): value is TransactionImportField {
  return typeof value === 'string' && (TRANSACTION_IMPORT_FIELDS as readonly string[]).includes(value);
}

const SYNONYMS: Readonly<Record<TransactionImportField, readonly string[]>> = {
  customerId: ['客户编号', '客戶編號', '客户ID', 'Customer ID', 'Customer no', 'Client ID'],
  customerName: [
    '客户',
    '客戶',
    '客户名称',
    '客戶名稱',
    '公司名称',
    '公司',
    'Customer',
    'Customer name',
    'Company',
    'Account',
  ],
  phone: ['手机', '手機', '电话', '電話', '联系电话', '手机号', 'Phone', 'Mobile', 'Tel'],
  date: ['日期', '交易日期', '下单日期', '訂單日期', '订单日期', '成交日期', 'Date', 'Order date', 'Transaction date'],
  product: ['产品', '產品', '商品', '服务', '產品/服務', '产品名称', 'Product', 'Item', 'Service', 'Product name'],
  category: ['品类', '品類', '类别', '類別', '分类', 'Category', 'Product category'],
  quantity: ['数量', '數量', 'Qty', 'Quantity', 'Units'],
  amount: ['金额', '金額', '总金额', '成交金额', '订单金额', 'Amount', 'Total', 'Value', 'Revenue', 'Price'],
  refund: ['退款', '是否退款', '已退款', 'Refund', 'Refunded'],
  notes: ['备注', '備註', 'Notes', 'Note', 'Remarks', 'Comment'],
};

let synonymIndex: Map<string, TransactionImportField> | null = null;

/** The field a header names: a Transactions label (any language) or key, then a synonym. */
export function transactionFieldForHeader(header: string): TransactionImportField | null {
  const column = findColumnByHeader(TEMPLATES.transactions, header);
  if (column && isTransactionImportField(column.key)) return column.key;
  if (!synonymIndex) {
    synonymIndex = new Map();
    for (const [field, words] of Object.entries(SYNONYMS) as [TransactionImportField, readonly string[]][]) {
      for (const word of words) {
        const key = normalizeLabel(word);
        if (!synonymIndex.has(key)) synonymIndex.set(key, field);
      }
    }
  }
  return synonymIndex.get(normalizeLabel(header)) ?? null;
}

/** A proposed mapping: each field fed by at most one column (the first header naming it). */
export function proposeTransactionMapping(headers: readonly string[]): (TransactionImportField | null)[] {
  const used = new Set<TransactionImportField>();
  return headers.map((header) => {
    const field = transactionFieldForHeader(header.trim());
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

/**
 * What a file must map for every row to have a chance: each group needs one mapped column (date, product,
 * amount, and the customer by id, name or phone). There are no defaults for empty cells here.
 */
export const TRANSACTION_IMPORT_REQUIRED: readonly (readonly TransactionImportField[])[] = [
  ['customerId', 'customerName', 'phone'],
  ['date'],
  ['product'],
  ['amount'],
];

/** The groups of TRANSACTION_IMPORT_REQUIRED that no column of `mapping` feeds. */
export function unmappedTransactionRequired(
  mapping: readonly (TransactionImportField | null)[],
): (readonly TransactionImportField[])[] {
  const mapped = new Set(mapping);
  return TRANSACTION_IMPORT_REQUIRED.filter((group) => !group.some((field) => mapped.has(field)));
}

/** A field's label in the workbook's language (the customer's name and phone as the Customers sheet says). */
export function transactionImportLabel(field: TransactionImportField, language: Language): string {
  if (field === 'customerName') return columnOf(TEMPLATES.customers, 'name').label[language];
  if (field === 'phone') return columnOf(TEMPLATES.customers, 'phone').label[language];
  return columnOf(TEMPLATES.transactions, field).label[language];
}

/** The cells of one record as field → raw text, by the mapping. */
export function mapTransactionRecord(
  cells: readonly string[],
  mapping: readonly (TransactionImportField | null)[],
): RawTransactionRow {
  const out: RawTransactionRow = {};
  mapping.forEach((field, index) => {
    if (field) out[field] = cells[index] ?? '';
  });
  return out;
}

export interface CustomerRef {
  id: string;
  name: string;
  phone: string;
  row: number;
}

/** Customers by id, by name (trimmed, half-width, case-insensitive) and by phone (match key). */
export class CustomerLookup {
  private readonly byId = new Map<string, CustomerRef>();
  private readonly byName = new Map<string, CustomerRef[]>();
  private readonly byPhone = new Map<string, CustomerRef[]>();

  constructor(customers: readonly CustomerRef[]) {
    for (const customer of customers) {
      if (customer.id === '') continue;
      this.byId.set(customer.id, customer);
      push(this.byName, nameKey(customer.name), customer);
      push(this.byPhone, customer.phone === '' ? '' : phoneMatchKey(customer.phone), customer);
    }
  }

  /** The customer a row names, or why not: an unknown id, no match, or several matches. */
  find(row: RawTransactionRow): { customer: CustomerRef } | { error: MessageKey } {
    const id = cleanText(row.customerId ?? '').toUpperCase();
    if (id !== '') {
      const customer = this.byId.get(id);
      return customer ? { customer } : { error: 'transactionImport.unknownCustomer' };
    }
    const name = nameKey(row.customerName ?? '');
    const phone = cleanText(row.phone ?? '') === '' ? '' : phoneMatchKey(row.phone ?? '');
    if (name === '' && phone === '') return { error: 'transactionImport.noCustomer' };
    let matches = name !== '' ? (this.byName.get(name) ?? []) : (this.byPhone.get(phone) ?? []);
    if (name !== '' && phone !== '' && matches.length > 1) {
      matches = matches.filter((customer) => phoneMatchKey(customer.phone) === phone);
    }
    if (matches.length === 0) return { error: 'transactionImport.unknownCustomer' };
    if (matches.length > 1) return { error: 'transactionImport.ambiguousCustomer' };
    return { customer: matches[0] as CustomerRef };
  }
}

function nameKey(name: string): string {
  return cleanText(name).toLowerCase();
}

function push(map: Map<string, CustomerRef[]>, key: string, customer: CustomerRef): void {
  if (key === '') return;
  const list = map.get(key);
  if (list) list.push(customer);
  else map.set(key, [customer]);
}

export interface PreparedTransaction {
  line: number;
  customer: CustomerRef | null;
  values: Omit<TransactionValues, 'customerId'>;
  /** Field → message key; the customer reference is reported on 'customerId'. */
  errors: Partial<Record<TransactionImportField, MessageKey>>;
}

/** One CSV row checked: the customer it names and the Record transaction rules. */
export function prepareTransactionRow(
  line: number,
  row: RawTransactionRow,
  customers: CustomerLookup,
  today: LocalDate,
): PreparedTransaction {
  const { values, errors } = validateTransactionFields(row, today);
  const out: PreparedTransaction['errors'] = { ...errors };
  const found = customers.find(row);
  if ('error' in found) out.customerId = found.error;
  return { line, customer: 'customer' in found ? found.customer : null, values, errors: out };
}
