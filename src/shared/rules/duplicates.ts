import { companyMatchKey, escapeRegex, normalizeEmail, phoneMatchKey } from './normalize';

/**
 * Duplicate check before insert (docs/product-rules.md §2): same normalized phone, same normalized e-mail, or, for
 * enterprises, the same normalized company name.
 */
export type DuplicateReason = 'phone' | 'email' | 'company';

export interface DuplicateCandidate {
  customerType: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
}

export interface ExistingCustomer extends DuplicateCandidate {
  id: string;
  row: number;
  contactName: string | null;
  owner: string | null;
}

export interface DuplicateMatch {
  id: string;
  row: number;
  name: string;
  contactName: string;
  owner: string;
  reasons: DuplicateReason[];
}

export function findDuplicates(candidate: DuplicateCandidate, existing: readonly ExistingCustomer[]): DuplicateMatch[] {
  const phone = candidate.phone ? phoneMatchKey(candidate.phone) : '';
  const email = candidate.email ? normalizeEmail(candidate.email) : '';
  const company = candidate.customerType === 'enterprise' && candidate.name ? companyMatchKey(candidate.name) : '';
  const matches: DuplicateMatch[] = [];
  for (const customer of existing) {
    const reasons: DuplicateReason[] = [];
    if (phone.length >= 6 && customer.phone && phoneMatchKey(customer.phone) === phone) reasons.push('phone');
    if (email && customer.email && normalizeEmail(customer.email) === email) reasons.push('email');
    if (
      company &&
      customer.customerType === 'enterprise' &&
      customer.name &&
      companyMatchKey(customer.name) === company
    ) {
      reasons.push('company');
    }
    if (reasons.length > 0) {
      matches.push({
        id: customer.id,
        row: customer.row,
        name: customer.name ?? '',
        contactName: customer.contactName ?? '',
        owner: customer.owner ?? '',
        reasons,
      });
    }
  }
  return matches;
}

/**
 * The customer's searchable match keys (issue 18), kept in the hidden `matchKeys` column so a duplicate
 * check is one server-side search of one column instead of a read of the whole table:
 * `|p:<phone key>|e:<e-mail>|c:<company key>|r:<request id>|`, each part only when present. Phones typed
 * by hand in any format ("138 0013 8000", "+86 …", full-width) produce the same key as at intake.
 */
export function customerMatchKeys(customer: DuplicateCandidate, requestId?: string | null): string {
  const parts = matchKeyParts(customer);
  if (requestId) parts.push(`r:${requestId}`);
  return parts.length === 0 ? '' : `|${parts.join('|')}|`;
}

function matchKeyParts(customer: DuplicateCandidate): string[] {
  const parts: string[] = [];
  const phone = customer.phone ? phoneMatchKey(customer.phone) : '';
  if (phone.length >= 6) parts.push(`p:${phone}`);
  const email = customer.email ? normalizeEmail(customer.email) : '';
  if (email) parts.push(`e:${email}`);
  const company = customer.customerType === 'enterprise' && customer.name ? companyMatchKey(customer.name) : '';
  if (company) parts.push(`c:${company}`);
  return parts;
}

/**
 * A regular expression (for TextFinder.useRegularExpression) matching the match-keys cell of any customer
 * that shares a key with `candidate`, or whose row came from `requestId`. Null when there is nothing to
 * look for.
 */
export function matchKeysPattern(candidate: DuplicateCandidate, requestId?: string | null): string | null {
  const parts = matchKeyParts(candidate);
  if (requestId) parts.push(`r:${requestId}`);
  if (parts.length === 0) return null;
  return `\\|(${parts.map(escapeRegex).join('|')})\\|`;
}
