import type { MessageKey } from '../i18n/translate';
import type { ColumnTemplate } from '../schema/template-types';
import { columnOf, TEMPLATES } from '../schema/templates';
import { parseLocalDate } from '../time/calendar';
import { cleanText, normalizeEmail, phoneDigits, toHalfWidth } from './normalize';

/**
 * The new-customer form's rules (docs/product-rules.md §2 intake), shared by the sidebar (checks as the rep types) and the
 * server (checks again: a sidebar can be bypassed). Field keys are the customers template's column keys.
 */
export const INTAKE_FIELDS = [
  'customerType',
  'name',
  'industry',
  'size',
  'contactName',
  'contactTitle',
  'phone',
  'email',
  'address',
  'source',
  'needs',
  'needKeywords',
  'tags',
  'intentGrade',
  'owner',
  'coOwner',
  'birthday',
  'anniversary',
  'doNotContact',
  'notes',
] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];

/** The fields a customer must have (docs/product-rules.md §2 intake); enterprises also need an industry. */
export const INTAKE_REQUIRED: readonly IntakeField[] = [
  'customerType',
  'name',
  'contactName',
  'source',
  'needs',
  'owner',
];

/** What the sidebar sends: strings (dates as yyyy-mm-dd), and a boolean for the do-not-contact box. */
export type CustomerInput = Partial<Record<IntakeField, string | boolean | null>>;

/** The normalized values, ready to store. */
export type CustomerValues = Record<IntakeField, string | boolean | null>;

export type FieldErrors = Partial<Record<IntakeField, MessageKey>>;

const customers = TEMPLATES.customers;
const column = (key: IntakeField): ColumnTemplate => columnOf(customers, key);

/** Sheets' cell limit is 50,000 characters; forms stay far below it. */
const MAX_TEXT = 1000;
const MAX_LONG_TEXT = 10000;

/** Digits with an optional leading +, spaces and dashes (and brackets), 6–20 digits (docs/product-rules.md §2). */
export function isValidPhone(text: string): boolean {
  const clean = toHalfWidth(text).trim();
  if (!/^\+?[\d\s\-()（）]+$/.test(clean)) return false;
  const digits = clean.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 20;
}

/** A normal address: local@domain.tld, no spaces, one @. */
export function isValidEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(normalizeEmail(text));
}

function text(raw: unknown): string {
  return typeof raw === 'string' ? cleanText(raw) : typeof raw === 'number' ? String(raw) : '';
}

/** Multi-line free text: trimmed and half-width, line breaks kept. */
function longText(raw: unknown): string {
  return typeof raw === 'string'
    ? toHalfWidth(raw)
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .join('\n')
        .trim()
    : '';
}

export interface CustomerValidation {
  values: CustomerValues;
  errors: FieldErrors;
}

/**
 * Validates and normalizes a submission. `teamEmails` (lower case) are the people who may own customers;
 * pass null on the client when the list is not known, to skip that check.
 */
export function validateCustomerInput(raw: unknown, teamEmails: readonly string[] | null): CustomerValidation {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const values = {} as CustomerValues;

  for (const key of INTAKE_FIELDS) {
    const col = column(key);
    const value = input[key];
    if (col.type === 'boolean') {
      values[key] = value === true || value === 'true';
      continue;
    }
    const cleaned = col.type === 'longtext' ? longText(value) : text(value);
    if (cleaned.length > (col.type === 'longtext' ? MAX_LONG_TEXT : MAX_TEXT)) errors[key] = 'validation.tooLong';
    values[key] = cleaned === '' ? null : cleaned;
  }

  for (const key of INTAKE_REQUIRED) if (values[key] === null) errors[key] = 'validation.required';
  if (values.customerType === 'enterprise' && values.industry === null) errors.industry = 'validation.industryRequired';

  for (const key of ['customerType', 'size', 'source', 'intentGrade'] as const) {
    const value = values[key];
    if (value === null) continue;
    if (!(column(key).options ?? []).some((option) => option.key === value)) errors[key] = 'validation.option';
  }

  const phone = values.phone as string | null;
  const email = values.email as string | null;
  if (phone !== null) {
    if (isValidPhone(phone)) values.phone = phoneDigits(phone);
    else errors.phone = 'validation.phone';
  }
  if (email !== null) {
    if (isValidEmail(email)) values.email = normalizeEmail(email);
    else errors.email = 'validation.email';
  }
  if (phone === null && email === null) {
    errors.phone = 'validation.contactRequired';
    errors.email = 'validation.contactRequired';
  }

  for (const key of ['owner', 'coOwner'] as const) {
    const value = values[key];
    if (value === null) continue;
    const normalized = normalizeEmail(String(value));
    values[key] = normalized;
    if (!isValidEmail(normalized) || (teamEmails !== null && !teamEmails.includes(normalized))) {
      errors[key] = 'validation.owner';
    }
  }
  if (values.coOwner !== null && values.coOwner === values.owner) errors.coOwner = 'validation.coOwnerSame';

  for (const key of ['birthday', 'anniversary'] as const) {
    const value = values[key];
    if (value === null) continue;
    const date = parseLocalDate(String(value));
    if (date) values[key] = date;
    else errors[key] = 'validation.date';
  }
  return { values, errors };
}
