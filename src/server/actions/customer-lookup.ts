import type { CustomerSummary } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { escapeRegex, normalizeEmail, phoneMatchKey, toHalfWidth } from '../../shared/rules/normalize';
import { TEMPLATES } from '../../shared/schema/templates';
import { openTable, type TableRecord } from '../workbook/table';
import { findRowsContaining, readRows } from '../workbook/targeted-reads';
import { actionContext, asActionFailure } from './context';

/**
 * The customer picker of the follow-up, needs-analysis, ticket and survey sidebars: a customer's summary and
 * the lookup box.
 */

/** What a customer summary (picker, pre-filled form) shows. */
export const SUMMARY_KEYS = ['id', 'name', 'contactName', 'phone', 'email', 'owner', 'stage', 'doNotContact'] as const;

/** The columns the customer lookup box searches. */
const SEARCH_KEYS = ['id', 'name', 'contactName', 'phone', 'email'] as const;
/** Rows read for a lookup: more than the 20 shown, since a hit may be in a column not shown. */
const SEARCH_READ_LIMIT = 60;

/** Digits in order, with any separators between them (spaces, dashes, dots, brackets). */
function digitsPattern(digits: string): string {
  return digits.split('').join('[^0-9]{0,3}');
}

export function summaryOf(record: TableRecord): CustomerSummary {
  const value = (key: string): string => (record.values[key] === null ? '' : String(record.values[key]));
  return {
    id: value('id'),
    name: value('name'),
    contactName: value('contactName'),
    phone: value('phone'),
    owner: value('owner'),
    stage: value('stage'),
    doNotContact: record.values.doNotContact === true,
    row: record.row,
  };
}

/** google.script.run: customers whose id, name, contact or phone contains the query (at most 20). */
export function searchCustomers(query: unknown): ActionResult<CustomerSummary[]> {
  const context = actionContext();
  if (typeof query !== 'string' || query.length > 200) {
    return fail('validation', context.t('error.invalidRequest', { detail: 'query' }));
  }
  const needle = toHalfWidth(query).trim().toLowerCase();
  if (needle === '') return ok([]);
  const phoneNeedle = /\d{4,}/.test(needle) ? phoneMatchKey(needle) : '';
  try {
    const customers = openTable(TEMPLATES.customers, context.properties, context.spreadsheet);
    // One server-side search over the id … e-mail columns (substring, any case; phones by their digits
    // whatever the separators), then only the first rows found are read.
    const pattern = phoneNeedle === '' ? escapeRegex(needle) : `${escapeRegex(needle)}|${digitsPattern(phoneNeedle)}`;
    const rows = findRowsContaining(customers, SEARCH_KEYS, pattern, true).slice(0, SEARCH_READ_LIMIT);
    const found: CustomerSummary[] = [];
    for (const record of readRows(customers, rows, SUMMARY_KEYS, context.zone)) {
      const summary = summaryOf(record);
      const haystack = `${summary.id} ${summary.name} ${summary.contactName}`.toLowerCase();
      const phoneHit = phoneNeedle !== '' && phoneMatchKey(summary.phone).includes(phoneNeedle);
      if (haystack.includes(needle) || phoneHit || normalizeEmail(String(record.values.email ?? '')) === needle) {
        found.push(summary);
        if (found.length === 20) break;
      }
    }
    return ok(found);
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}
