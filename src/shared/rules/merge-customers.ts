import type { FieldValue } from '../schema/cells';
import type { EditFormValues } from './customer-edit';
import { INTAKE_FIELDS, validateCustomerInput, type CustomerInput, type IntakeField } from './customer-input';
import type { MergeSide } from '../rpc/merge-customers';

/**
 * Merge duplicates (issue 19 item 9), the rules the sidebar and the server share. A merged customer keeps its
 * row, with `mergedInto` holding the id of the customer it was merged into; such a row is no live customer:
 * My day, the digests, duplicate checks, the dashboard's figures and grading leave it out.
 */
type Values = Readonly<Record<string, FieldValue | undefined>>;

/** The customer was merged into another one (its row is kept for the record only). */
export function isMergedCustomer(values: Values): boolean {
  const into = values.mergedInto;
  return into !== null && into !== undefined && String(into).trim() !== '';
}

function blank(value: string | boolean | null | undefined): boolean {
  return value === null || value === undefined || value === '';
}

/** The default pick per field: the kept customer's value, or the other's when the kept one is blank. */
export function defaultPicks(kept: EditFormValues, other: EditFormValues): Record<IntakeField, MergeSide> {
  const picks = {} as Record<IntakeField, MergeSide>;
  for (const key of INTAKE_FIELDS) picks[key] = blank(kept[key]) && !blank(other[key]) ? 'other' : 'kept';
  return picks;
}

/** A request's picks: only intake fields, each 'kept' or 'other'; null when anything else is there. */
export function parsePicks(raw: unknown): Partial<Record<IntakeField, MergeSide>> | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: Partial<Record<IntakeField, MergeSide>> = {};
  for (const [key, side] of Object.entries(raw as Record<string, unknown>)) {
    if (!(INTAKE_FIELDS as readonly string[]).includes(key) || (side !== 'kept' && side !== 'other')) return null;
    out[key as IntakeField] = side;
  }
  return out;
}

/** The merged customer's intake fields: each from the side picked (the kept customer's when not picked). */
export function mergedInput(
  kept: EditFormValues,
  other: EditFormValues,
  picks: Readonly<Partial<Record<IntakeField, MergeSide>>>,
): CustomerInput {
  const out: CustomerInput = {};
  for (const key of INTAKE_FIELDS) out[key] = picks[key] === 'other' ? other[key] : kept[key];
  return out;
}

/** The fields whose values differ once normalized like intake (so "138 0013 8000" equals "13800138000"). */
export function differingFields(a: CustomerInput, b: CustomerInput): IntakeField[] {
  const left = validateCustomerInput(a, null).values;
  const right = validateCustomerInput(b, null).values;
  return INTAKE_FIELDS.filter((key) => left[key] !== right[key]);
}

/**
 * The fields of a customer that changed since the form loaded it: `loaded` is what the form sent back
 * (MergeCustomer.values), `current` the row now (editFormValues). Compared as shown, not normalized: a phone
 * re-typed in another format is a change someone made.
 */
export function staleFields(loaded: CustomerInput, current: EditFormValues): IntakeField[] {
  const same = (a: string | boolean | null | undefined, b: string | boolean): boolean =>
    typeof b === 'boolean' ? (a === true || a === 'true') === b : String(a ?? '') === b;
  return INTAKE_FIELDS.filter((key) => !same(loaded[key], current[key]));
}

/**
 * Rows that still point at a merged customer, re-pointed to the customer it was merged into (following a chain
 * of merges to its end; a chain that loops is left alone). A merge re-points every row it finds, so these are
 * rows it could not see: a customer id typed by hand into a row after the index it used was built, or a merge
 * whose write was cut short. `customers` are the id, name and mergedInto of every customer.
 */
export function mergedReferenceUpdates(
  customers: readonly Values[],
  rows: readonly { row: number; values: Values }[],
): { row: number; values: { customerId: string; customerName: string | null } }[] {
  const into = new Map<string, string>();
  const names = new Map<string, string>();
  for (const customer of customers) {
    const id = String(customer.id ?? '').trim();
    if (id === '') continue;
    names.set(id, String(customer.name ?? ''));
    if (isMergedCustomer(customer)) into.set(id, String(customer.mergedInto).trim());
  }
  const finalOf = (id: string): string | null => {
    let at = id;
    for (let step = 0; step <= into.size; step++) {
      const next = into.get(at);
      if (next === undefined) return at === id ? null : at;
      at = next;
    }
    return null; // a loop of merges
  };
  const updates: { row: number; values: { customerId: string; customerName: string | null } }[] = [];
  for (const { row, values } of rows) {
    const id = String(values.customerId ?? '').trim();
    if (id === '' || !into.has(id)) continue;
    const target = finalOf(id);
    if (target === null || !names.has(target)) continue;
    updates.push({ row, values: { customerId: target, customerName: names.get(target) || null } });
  }
  return updates;
}
