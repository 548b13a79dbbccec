import type { FieldValue } from '../schema/cells';
import { formatLocal } from '../time/local';
import type { Zone } from '../time/zone';
import {
  INTAKE_FIELDS,
  validateCustomerInput,
  type CustomerInput,
  type CustomerValues,
  type FieldErrors,
  type IntakeField,
} from './customer-input';
import type { DuplicateCandidate } from './duplicates';

/**
 * The edit-customer form's rules (issue 19 item 7), shared by the sidebar and the server. A customer is
 * edited with intake's validation and normalization (customer-input.ts); what is written is only what the
 * rep changed in the form, and only where it differs from the sheet; a field the rep changed that someone
 * else changed in the sheet since the form loaded is a conflict, never silently overwritten.
 */

/** What the form shows for one field: text (dates as yyyy-mm-dd), or a boolean for the checkbox. */
export type EditFormValues = Record<IntakeField, string | boolean>;

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime());
}

/**
 * A customer row as read (typed values: enum keys, Dates) → the form's values. Dates are shown as local
 * dates of the spreadsheet's zone; anything else as the text it holds, so nothing the sheet holds is hidden.
 */
export function editFormValues(values: Readonly<Record<string, FieldValue | undefined>>, zone: Zone): EditFormValues {
  const out = {} as EditFormValues;
  for (const key of INTAKE_FIELDS) {
    const value = values[key];
    if (key === 'doNotContact') out[key] = value === true;
    else if (value === null || value === undefined) out[key] = '';
    else if (isDate(value)) out[key] = formatLocal(value.getTime(), zone, 'date');
    else out[key] = String(value);
  }
  return out;
}

/** Each field's normalized value whatever its errors: how two submissions of the same field compare. */
function normalized(input: CustomerInput | EditFormValues): CustomerValues {
  return validateCustomerInput(input, null).values;
}

/** The fields whose normalized values differ between the form as loaded and as submitted. */
export function editedFields(original: CustomerInput, submitted: CustomerInput): IntakeField[] {
  const before = normalized(original);
  const after = normalized(submitted);
  return INTAKE_FIELDS.filter((key) => before[key] !== after[key]);
}

export interface FieldChange {
  key: IntakeField;
  /** The sheet's value as the form shows it ('' empty). */
  before: string | boolean;
  /** The normalized value to store (null clears the cell). */
  after: string | boolean | null;
}

export interface CustomerEditPlan {
  errors: FieldErrors;
  /** The submission, validated and normalized like intake. */
  values: CustomerValues;
  /** What the rep changed where it differs from the sheet now: the cells to write. */
  changes: FieldChange[];
  /** Fields the rep changed that someone else changed in the sheet since the form loaded (with another value). */
  conflicts: IntakeField[];
}

/**
 * Plans an edit. `original` is the form as it was loaded, `submitted` what the rep sends, `current` the row
 * as it is now (editFormValues), `teamEmails` who may own customers (lower case). A field counts as changed
 * when the rep changed it in the form (normalized, so re-typing "138 0013 8000" as "13800138000" is no
 * change); it is written when its new value differs from the sheet's; it conflicts when the sheet no longer
 * holds what the form loaded and holds something other than the new value.
 */
export function planCustomerEdit(
  original: CustomerInput,
  submitted: CustomerInput,
  current: EditFormValues,
  teamEmails: readonly string[] | null,
): CustomerEditPlan {
  const { values, errors } = validateCustomerInput(submitted, teamEmails);
  const loaded = normalized(original);
  const now = normalized(current);
  const changes: FieldChange[] = [];
  const conflicts: IntakeField[] = [];
  for (const key of editedFields(original, submitted)) {
    if (values[key] === now[key]) continue;
    if (loaded[key] !== now[key]) conflicts.push(key);
    changes.push({ key, before: current[key], after: values[key] });
  }
  return { errors, values, changes, conflicts };
}

/** The fields whose change can make the customer match another one (docs/product-rules.md §2 duplicate check). */
export const CONTACT_KEY_FIELDS: readonly IntakeField[] = ['customerType', 'name', 'phone', 'email'];

/**
 * What to look for among the other customers: only the contact keys the rep changed, so editing the notes
 * of a customer does not warn about a duplicate that was already there. Null when no contact key changed.
 */
export function changedContactKeys(values: CustomerValues, edited: readonly IntakeField[]): DuplicateCandidate | null {
  const nameChanged = edited.includes('name') || edited.includes('customerType');
  const candidate: DuplicateCandidate = {
    customerType: values.customerType as string | null,
    name: nameChanged ? (values.name as string | null) : null,
    phone: edited.includes('phone') ? (values.phone as string | null) : null,
    email: edited.includes('email') ? (values.email as string | null) : null,
  };
  return candidate.name || candidate.phone || candidate.email ? candidate : null;
}

/** Changing the grade or the do-not-contact flag moves the next follow-up due (issue 19 item 3). */
export function reschedulesFollowUp(changes: readonly FieldChange[]): boolean {
  return changes.some((change) => change.key === 'intentGrade' || change.key === 'doNotContact');
}
