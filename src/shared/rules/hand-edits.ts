import type { Language } from '../i18n/language';
import { translate, type MessageKey } from '../i18n/translate';
import type { FieldValue } from '../schema/cells';
import { columnOf, enumKeyFromLabel, headerLabel, TEMPLATES } from '../schema/templates';
import type { ColumnTemplate } from '../schema/template-types';
import { INTAKE_REQUIRED, isValidEmail, isValidPhone } from './customer-input';
import { normalizeEmail, phoneDigits } from './normalize';

/**
 * What the add-on does with a row typed or pasted by hand in the sheet (the onEdit trigger, issue 19 item 8),
 * as pure rules: phones and e-mails are stored the way intake stores them (only when they are valid, so what
 * the user typed is never lost), and the row's problems are listed for the add-on's "Needs fixing" column:
 * intake's required fields, an enterprise without industry, no phone and no e-mail, a phone, e-mail, owner
 * or date it cannot read, and a dropdown value that is none of the options in any language.
 */

/** The columns the add-on re-normalizes when a user edits them, per table. */
export const NORMALIZED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  customers: ['phone', 'email'],
  team: ['phone', 'email'],
};

/** A phone or e-mail as intake would store it; null when it is blank or not valid (left as typed). */
export function normalizedContact(type: 'phone' | 'email', value: FieldValue): string | null {
  if (value === null || isDate(value) || typeof value === 'boolean') return null;
  const text = String(value);
  if (text.trim() === '') return null;
  if (type === 'phone') return isValidPhone(text) ? phoneDigits(text) : null;
  return isValidEmail(text) ? normalizeEmail(text) : null;
}

export interface RowProblem {
  key: string;
  message: MessageKey;
}

const customers = TEMPLATES.customers;

/** Dropdown columns a user fills in (computed ones are the add-on's). */
const CHOICE_COLUMNS: readonly ColumnTemplate[] = customers.columns.filter(
  (column) => column.type === 'enum' && !column.computed,
);
const DATE_COLUMNS: readonly ColumnTemplate[] = customers.columns.filter(
  (column) => (column.type === 'date' || column.type === 'datetime') && !column.computed,
);

/** The columns checkCustomerRow reads. */
export const CHECKED_COLUMNS: readonly string[] = [
  ...new Set([
    ...INTAKE_REQUIRED,
    'industry',
    'phone',
    'email',
    'coOwner',
    ...CHOICE_COLUMNS.map((column) => column.key),
    ...DATE_COLUMNS.map((column) => column.key),
  ]),
];

function isDate(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function blank(value: FieldValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * A Customers row's problems, in column order. `values` are raw cells by column key (as getValues returns
 * them); enum cells may hold a label in any language or a key. A row with nothing in it has none.
 */
export function checkCustomerRow(values: Readonly<Record<string, unknown>>): RowProblem[] {
  const cell = (key: string): FieldValue => {
    const raw = values[key];
    if (raw === undefined || raw === null || raw === '') return null;
    return raw as FieldValue;
  };
  const found = new Map<string, MessageKey>();
  for (const key of INTAKE_REQUIRED) if (blank(cell(key))) found.set(key, 'validation.required');
  for (const column of CHOICE_COLUMNS) {
    const value = cell(column.key);
    if (!blank(value) && enumKeyFromLabel(column, String(value)) === null) found.set(column.key, 'validation.option');
  }
  const type = cell('customerType');
  if (!blank(type) && enumKeyFromLabel(columnOf(customers, 'customerType'), String(type)) === 'enterprise') {
    if (blank(cell('industry'))) found.set('industry', 'validation.industryRequired');
  }
  const phone = cell('phone');
  const email = cell('email');
  if (blank(phone) && blank(email)) found.set('phone', 'validation.contactRequired');
  if (!blank(phone) && !isValidPhone(String(phone))) found.set('phone', 'validation.phone');
  if (!blank(email) && !isValidEmail(String(email))) found.set('email', 'validation.email');
  for (const key of ['owner', 'coOwner']) {
    const value = cell(key);
    if (!blank(value) && !isValidEmail(String(value))) found.set(key, 'validation.owner');
  }
  for (const column of DATE_COLUMNS) {
    const value = cell(column.key);
    if (!blank(value) && !isDate(value)) found.set(column.key, 'validation.date');
  }
  return customers.columns
    .filter((column) => found.has(column.key))
    .map((column) => ({ key: column.key, message: found.get(column.key) as MessageKey }));
}

/** The "Needs fixing" text for a row's problems, in the workbook's language ('' when there are none). */
export function rowCheckText(problems: readonly RowProblem[], language: Language): string {
  const items = problems.map((problem) =>
    translate(language, 'rowCheck.item', {
      field: headerLabel(columnOf(customers, problem.key), language),
      problem: translate(language, problem.message),
    }),
  );
  return items.join(language === 'en' ? ' ' : '');
}
