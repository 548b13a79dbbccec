import { companyMatchKey, normalizeEmail, phoneMatchKey } from './normalize';

/**
 * Duplicate check before insert (SPEC §2): same normalized phone, same normalized e-mail, or, for
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
