import { customerMatchKeys } from '../../shared/rules/duplicates';
import type { FieldValue } from '../../shared/schema/cells';

/**
 * The hidden `matchKeys` column of Customers (issue 18) holds `|p:<phone key>|e:<e-mail>|c:<company key>|r:<request
 * id>|`, so intake finds possible duplicates (and its own retried save) with one regular-expression search of
 * one column. The add-on writes it with every row it adds; a phone, e-mail or company typed or changed by
 * hand in the sheet ("138 0013 8000", "+86 …", full-width digits) leaves it stale or empty until the daily scan
 * (or a repair) derives it again from the row: these are the pure parts both use.
 */

/** The Customers columns the keys are derived from, and the stored keys. */
export const MATCH_KEY_COLUMNS = [
  'customerType',
  'name',
  'phone',
  'email',
  'requestId',
  'mergedInto',
  'matchKeys',
] as const;

type Values = Readonly<Record<string, FieldValue | undefined>>;

function textOf(value: FieldValue | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return value instanceof Date ? null : String(value);
}

/**
 * The match keys the add-on would write for a row with these values (typed values: customerType as its key).
 * A customer merged into another (Merge duplicates) has no contact keys, so no duplicate check finds it, only
 * `|m:<kept id>|` and its request key, so a retried intake of the submission that created it still does.
 */
export function matchKeysOf(values: Values): string {
  const mergedInto = textOf(values.mergedInto);
  if (mergedInto !== null) {
    const requestId = textOf(values.requestId);
    return `|m:${mergedInto}|${requestId ? `r:${requestId}|` : ''}`;
  }
  return customerMatchKeys(
    {
      customerType: textOf(values.customerType),
      name: textOf(values.name),
      phone: textOf(values.phone),
      email: textOf(values.email),
    },
    textOf(values.requestId),
  );
}

export interface MatchKeysUpdate {
  row: number;
  values: { matchKeys: string | null };
}

/**
 * The rows whose stored match keys differ from the ones derived from their phone, e-mail, company and request
 * id (read with MATCH_KEY_COLUMNS), with the keys to write (null clears a cell whose row has nothing to match
 * any more). Rows whose keys are current are left out, so writing the result changes only stale cells.
 */
export function staleMatchKeys(records: readonly { row: number; values: Values }[]): MatchKeysUpdate[] {
  const updates: MatchKeysUpdate[] = [];
  for (const { row, values } of records) {
    const derived = matchKeysOf(values);
    const stored = textOf(values.matchKeys) ?? '';
    if (derived !== stored) updates.push({ row, values: { matchKeys: derived === '' ? null : derived } });
  }
  return updates;
}
