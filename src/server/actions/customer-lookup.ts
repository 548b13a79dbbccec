import type { CustomerSummary } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { escapeRegex, normalizeEmail, phoneMatchKey, toHalfWidth } from '../../shared/rules/normalize';
import { TEMPLATES } from '../../shared/schema/templates';
import { columnLetter } from '../../shared/schema/a1';
import { quotedA1 } from '../workbook/layout';
import { openTable, type Table, type TableRecord } from '../workbook/table';
import { readRows } from '../workbook/targeted-reads';
import { actionContext, asActionFailure } from './context';

/**
 * The customer picker of the follow-up, needs-analysis, ticket and survey sidebars: a customer's summary and
 * the lookup box.
 */

/** What a customer summary (picker, pre-filled form) shows. */
export const SUMMARY_KEYS = ['id', 'name', 'contactName', 'phone', 'email', 'owner', 'stage', 'doNotContact'] as const;

/** The columns the customer lookup box searches when the sheet has no match-keys column. */
const SEARCH_KEYS = ['id', 'name', 'contactName', 'phone', 'email'] as const;
/** Rows read for a lookup: more than the 20 shown, since a hit may be in a column not shown. */
const SEARCH_READ_LIMIT = 60;
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

/** Only runs of adjacent columns, each searched on its own (no columns between are searched). */
function adjacentRuns(positions: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const at of [...new Set(positions)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && at === last[1] + 1) last[1] = at;
    else runs.push([at, at]);
  }
  return runs;
}

/** Characters of a phone number as typed: digits, separators and a leading "+". */
const PHONE_LIKE = /^[\d\s+\-().]+$/;

/** A customer id or its start as typed ("C2024…", "c20240603001"): searched in the id column only. */
const ID_LIKE = /^c\d{4,}$/;

/**
 * The rows that may match, by what the query looks like (issue 18: a lookup searched nine columns, 324k cells at
 * 36k customers). Phones and e-mails are found in the hidden match-keys column, where every customer's phone key
 * and e-mail are kept (written by the add-on, by the onEdit trigger for rows typed by hand, and again by the
 * daily scan); an id ("C" and digits) in the id column, any other text in the name and contact columns (two
 * columns' worth at most, issue 18); a query of digits only also searches the id column (ids hold the date). Without a match-keys column (a layout before repair),
 * the id … e-mail columns in one span, phones by their digits whatever the separators.
 */
function candidateRows(customers: Table, needle: string, phoneNeedle: string): number[] {
  if (customers.layout.columns.matchKeys === undefined) {
    const pattern = phoneNeedle === '' ? escapeRegex(needle) : `${escapeRegex(needle)}|${digitsPattern(phoneNeedle)}`;
    return rowsMatching(customers, SEARCH_KEYS, pattern);
  }
  const keyParts: string[] = [];
  if (needle.includes('@')) keyParts.push(`\\|e:${escapeRegex(needle)}\\|`);
  if (phoneNeedle !== '') keyParts.push(`\\|p:[^|]*${escapeRegex(phoneNeedle)}`);
  const textKeys =
    PHONE_LIKE.test(needle) || ID_LIKE.test(needle) ? ['id'] : needle.includes('@') ? [] : ['name', 'contactName'];
  const rows = new Set<number>();
  if (keyParts.length > 0) for (const row of rowsMatching(customers, ['matchKeys'], keyParts.join('|'))) rows.add(row);
  if (textKeys.length > 0) {
    for (const row of rowsMatching(customers, textKeys, escapeRegex(needle), adjacentRuns)) rows.add(row);
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
