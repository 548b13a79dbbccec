import type { CustomerSummary } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { isMergedCustomer } from '../../shared/rules/merge-customers';
import { escapeRegex, normalizeEmail, phoneMatchKey, toHalfWidth } from '../../shared/rules/normalize';
import { TEMPLATES } from '../../shared/schema/templates';
import { columnLetter } from '../../shared/schema/a1';
import { quotedA1 } from '../workbook/layout';
import { openTable, type Table, type TableRecord } from '../workbook/table';
import { MAX_ROW_RUNS, readRows } from '../workbook/targeted-reads';
import { actionContext, asActionFailure } from './context';

/**
 * The customer picker of the follow-up, needs-analysis, ticket and survey sidebars: a customer's summary and
 * the lookup box.
 */

/** What a customer summary (picker, pre-filled form) shows. */
export const SUMMARY_KEYS = ['id', 'name', 'contactName', 'phone', 'email', 'owner', 'stage', 'doNotContact'] as const;

/** What the lookup reads of the rows it found: the summary, and whether the customer was merged into another. */
const LOOKUP_KEYS = [...SUMMARY_KEYS, 'mergedInto'] as const;

/** The columns the customer lookup box searches when the sheet has no match-keys column. */
const SEARCH_KEYS = ['id', 'name', 'contactName', 'phone', 'email'] as const;
/** Customers a lookup shows. */
const SHOWN = 20;
/**
 * Rows read for a lookup: more than the 20 shown (a regex hit may not hold up against the row read), and no more
 * than one batch read takes row by row (MAX_ROW_RUNS), so scattered hits never pull in the rows between.
 */
const SEARCH_READ_LIMIT = MAX_ROW_RUNS;
/**
 * Searched columns with at most this many other columns between them are searched as one span: a search
 * costs four calls (range, finder, regex option, findAll), a column between costs only cells searched, and
 * hits in it are dropped by column. In the template the lookup columns (id, name, contact, phone, e-mail) lie
 * within nine columns: one search. A column a user moved far away gets a search of its own.
 */
const MAX_COLUMNS_BETWEEN = 3;

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

/** Positions grouped into spans [from, to] whose neighbours have at most MAX_COLUMNS_BETWEEN columns between. */
export function searchSpans(positions: readonly number[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const at of [...new Set(positions)].sort((a, b) => a - b)) {
    const last = spans[spans.length - 1];
    if (last && at - last[1] - 1 <= MAX_COLUMNS_BETWEEN) last[1] = at;
    else spans.push([at, at]);
  }
  return spans;
}

/**
 * Rows (ascending) where a cell of one of `keys`' columns matches the regular expression: one server-side
 * search per span of nearby columns (normally one); cells found in the columns between are ignored.
 */
function rowsMatching(table: Table, keys: readonly string[], pattern: string, spans = searchSpans): number[] {
  const positions = keys.flatMap((key) => {
    const at = table.layout.columns[key];
    return at === undefined ? [] : [at];
  });
  const wanted = new Set(positions);
  const rows = new Set<number>();
  for (const [from, to] of spans(positions)) {
    const a1 = quotedA1(table.layout.sheetName, `${columnLetter(from)}2:${columnLetter(to)}`);
    const finder = table.spreadsheet.getRange(a1).createTextFinder(pattern).useRegularExpression(true);
    for (const cell of finder.findAll()) if (wanted.has(cell.getColumn())) rows.add(cell.getRow());
  }
  return [...rows].sort((a, b) => a - b);
}

/** Characters of a phone number as typed: digits, separators and a leading "+". */
const PHONE_LIKE = /^[\d\s+\-().]+$/;

/** A customer id or its start as typed ("C2024…", "c20240603001"): searched in the id column only. */
const ID_LIKE = /^c\d{4,}$/;

/**
 * The rows that may match, by what the query looks like (issue 18: a lookup searched nine columns, 324k cells at
 * 36k customers; each column searched costs its rows' worth, so at 100k customers one column is ~1.3 s under
 * bench/README.md's cost model). Phones and e-mails are found in the hidden match-keys column, where every
 * customer's phone key and e-mail are kept (written by the add-on, by the onEdit trigger for rows typed by hand,
 * and again by the daily scan). An id ("C" and digits) is searched in the id column; a query of digits only in
 * the id column too (ids hold the date), but only when no phone has them. Any other text in the name column,
 * then in the contact column only when the names gave fewer than a page of customers. Without a match-keys
 * column (a layout before repair), the id … e-mail columns in one span, phones by their digits whatever the
 * separators.
 */
function candidateRows(customers: Table, needle: string, phoneNeedle: string): number[] {
  if (customers.layout.columns.matchKeys === undefined) {
    const pattern = phoneNeedle === '' ? escapeRegex(needle) : `${escapeRegex(needle)}|${digitsPattern(phoneNeedle)}`;
    return rowsMatching(customers, SEARCH_KEYS, pattern);
  }
  const keyParts: string[] = [];
  if (needle.includes('@')) keyParts.push(`\\|e:${escapeRegex(needle)}\\|`);
  if (phoneNeedle !== '') keyParts.push(`\\|p:[^|]*${escapeRegex(phoneNeedle)}`);
  const rows = new Set<number>();
  const search = (key: string, pattern: string) => {
    for (const row of rowsMatching(customers, [key], pattern)) rows.add(row);
  };
  if (keyParts.length > 0) search('matchKeys', keyParts.join('|'));
  if (ID_LIKE.test(needle) || (PHONE_LIKE.test(needle) && rows.size === 0)) search('id', escapeRegex(needle));
  else if (!PHONE_LIKE.test(needle) && !needle.includes('@')) {
    search('name', escapeRegex(needle));
    if (rows.size < SHOWN) search('contactName', escapeRegex(needle));
  }
  return [...rows].sort((a, b) => a - b);
}

/** google.script.run: customers whose id, name, contact or phone contains the query (at most 20). */
export function searchCustomers(query: unknown): ActionResult<CustomerSummary[]> {
  const context = actionContext();
  if (typeof query !== 'string' || query.length > 200) {
    return fail('validation', context.t('error.invalidRequest', { detail: 'query' }));
  }
  const needle = toHalfWidth(query).trim().toLowerCase();
  if (needle === '') return ok([]);
  // An id holds digits, never a phone: only its column is searched.
  const phoneNeedle = /\d{4,}/.test(needle) && !ID_LIKE.test(needle) ? phoneMatchKey(needle) : '';
  try {
    const customers = openTable(TEMPLATES.customers, context.properties, context.spreadsheet);
    // Server-side searches (substring, any case), then only the first rows found are read.
    const rows = candidateRows(customers, needle, phoneNeedle).slice(0, SEARCH_READ_LIMIT);
    const found: CustomerSummary[] = [];
    for (const record of readRows(customers, rows, LOOKUP_KEYS, context.zone)) {
      // A merged customer is no one to record anything for: its row stays for the record, the kept one is found.
      if (isMergedCustomer(record.values)) continue;
      const summary = summaryOf(record);
      const haystack = `${summary.id} ${summary.name} ${summary.contactName}`.toLowerCase();
      const phoneHit = phoneNeedle !== '' && phoneMatchKey(summary.phone).includes(phoneNeedle);
      if (haystack.includes(needle) || phoneHit || normalizeEmail(String(record.values.email ?? '')) === needle) {
        found.push(summary);
        if (found.length === SHOWN) break;
      }
    }
    return ok(found);
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}
