/**
 * One imported row → a customer, with the same rules as the intake form (validateCustomerInput, reused)
 * and the same duplicate test (findDuplicates, reused). Shared by the sidebar (checks the whole file before
 * anything is sent, including duplicates within the file) and the server (checks again, and against the
 * sheet). Enum cells may hold a label in any language or the key; owners a team member's e-mail or name.
 */
import type { MessageKey } from '../i18n/translate';
import { INTAKE_FIELDS, validateCustomerInput, type CustomerValues, type IntakeField } from '../rules/customer-input';
import { findDuplicates, type DuplicateMatch, type ExistingCustomer } from '../rules/duplicates';
import { companyMatchKey, normalizeEmail, phoneMatchKey } from '../rules/normalize';
import { columnOf, enumKeyFromLabel, normalizeLabel, TEMPLATES } from '../schema/templates';
import type { ImportField } from './mapping';
import { unguardCell } from './write';

export type RawImportRow = Partial<Record<ImportField, string>>;

export interface ImportMember {
  email: string;
  name: string;
}

export interface ImportRules {
  /** Active team members (owners must be on the list); null on a client that doesn't know it. */
  team: readonly ImportMember[] | null;
  /** Values for empty cells, chosen by the rep (owner, customer type, source, needs…), as keys. */
  defaults: Partial<Record<IntakeField, string>>;
}

export type RowErrors = Partial<Record<ImportField, MessageKey>>;

export interface PreparedRow {
  line: number;
  values: CustomerValues;
  /** The id the row brought (kept when unique), or null. */
  id: string | null;
  errors: RowErrors;
}

const ENUM_SYNONYMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  customerType: {
    企业: 'enterprise',
    企業: 'enterprise',
    公司: 'enterprise',
    company: 'enterprise',
    business: 'enterprise',
    b2b: 'enterprise',
    个人: 'individual',
    個人: 'individual',
    person: 'individual',
    personal: 'individual',
    b2c: 'individual',
  },
  intentGrade: { 高: 'high', 中: 'medium', 低: 'low', a: 'high', b: 'medium', c: 'low' },
};

/** Text ids an imported row may bring: letters, digits, _ . - (e.g. C20240601001 or CRM-1234). */
const IMPORTED_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

function enumKey(field: string, text: string): string {
  const column = columnOf(TEMPLATES.customers, field);
  return enumKeyFromLabel(column, text) ?? ENUM_SYNONYMS[field]?.[normalizeLabel(text)] ?? text;
}

function ownerEmail(text: string, team: readonly ImportMember[] | null): string {
  if (text === '' || !team || text.includes('@')) return text;
  const wanted = normalizeLabel(text);
  const member = team.find((candidate) => normalizeLabel(candidate.name) === wanted);
  return member ? member.email : text;
}

/** Converts and validates one mapped row. */
export function prepareRow(line: number, raw: RawImportRow, rules: ImportRules): PreparedRow {
  const input: Record<string, string | boolean> = {};
  for (const field of INTAKE_FIELDS) {
    let text = unguardCell(String(raw[field] ?? '').trim());
    if (text === '') text = rules.defaults[field] ?? '';
    if (field === 'customerType' || field === 'size' || field === 'source' || field === 'intentGrade') {
      input[field] = text === '' ? '' : enumKey(field, text);
    } else if (field === 'doNotContact') {
      input[field] = /^(true|yes|y|1|x|是|✓|√)$/i.test(text);
    } else if (field === 'owner' || field === 'coOwner') {
      input[field] = ownerEmail(text, rules.team);
    } else {
      input[field] = text;
    }
  }
  const { values, errors } = validateCustomerInput(
    input,
    rules.team ? rules.team.map((member) => normalizeEmail(member.email)) : null,
  );
  const rowErrors: RowErrors = { ...errors };
  const idText = unguardCell(String(raw.id ?? '').trim());
  let id: string | null = null;
  if (idText !== '') {
    if (IMPORTED_ID.test(idText)) id = idText;
    else rowErrors.id = 'import.badId';
  }
  return { line, values, id, errors: rowErrors };
}

export function duplicateCandidateOf(values: CustomerValues): ExistingCustomer {
  return {
    id: '',
    row: 0,
    customerType: values.customerType as string | null,
    name: values.name as string | null,
    phone: values.phone as string | null,
    email: values.email as string | null,
    contactName: values.contactName as string | null,
    owner: values.owner as string | null,
  };
}

/**
 * Customers indexed by their duplicate keys (phone, e-mail, company), so checking thousands of rows costs
 * a look-up each; the reasons still come from findDuplicates over the few candidates found.
 */
export class DuplicateIndex {
  private readonly byKey = new Map<string, ExistingCustomer[]>();

  constructor(existing: readonly ExistingCustomer[] = []) {
    for (const customer of existing) this.add(customer);
  }

  private static keys(customer: ExistingCustomer): string[] {
    const keys: string[] = [];
    const phone = customer.phone ? phoneMatchKey(customer.phone) : '';
    if (phone.length >= 6) keys.push(`p:${phone}`);
    const email = customer.email ? normalizeEmail(customer.email) : '';
    if (email) keys.push(`e:${email}`);
    if (customer.customerType === 'enterprise' && customer.name) {
      const company = companyMatchKey(customer.name);
      if (company) keys.push(`c:${company}`);
    }
    return keys;
  }

  add(customer: ExistingCustomer): void {
    for (const key of DuplicateIndex.keys(customer)) {
      const list = this.byKey.get(key);
      if (list) list.push(customer);
      else this.byKey.set(key, [customer]);
    }
  }

  find(candidate: ExistingCustomer): DuplicateMatch[] {
    const seen = new Set<ExistingCustomer>();
    for (const key of DuplicateIndex.keys(candidate))
      for (const customer of this.byKey.get(key) ?? []) seen.add(customer);
    return seen.size === 0 ? [] : findDuplicates(candidate, [...seen]);
  }
}

/** Duplicates within the file: each valid row against the valid rows above it (the first one is kept). */
export function fileDuplicates(rows: readonly PreparedRow[]): Map<number, DuplicateMatch[]> {
  const index = new DuplicateIndex();
  const out = new Map<number, DuplicateMatch[]>();
  for (const row of rows) {
    if (Object.keys(row.errors).length > 0) continue;
    const candidate = { ...duplicateCandidateOf(row.values), id: row.id ?? '', row: row.line };
    const matches = index.find(candidate);
    if (matches.length > 0) out.set(row.line, matches);
    else index.add(candidate);
  }
  return out;
}

/**
 * Imported ids must be unique (docs/product-rules.md §1): an id already in `taken` (the sheet's) or used by a row above
 * marks the row with import.idTaken.
 */
export function markIdCollisions(rows: readonly PreparedRow[], taken: ReadonlySet<string> = new Set()): void {
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.id === null) continue;
    if (taken.has(row.id) || seen.has(row.id)) row.errors.id = 'import.idTaken';
    seen.add(row.id);
  }
}
