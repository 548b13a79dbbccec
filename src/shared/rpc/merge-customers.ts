import type { Language } from '../i18n/language';
import type { CustomerInput, IntakeField } from '../rules/customer-input';
import type { EditFormValues } from '../rules/customer-edit';
import type { PageMessages } from './contract';

/** The Merge duplicates sidebar's calls (issue 19 item 9). */

/** Which of the two customers a field's value is taken from. */
export type MergeSide = 'kept' | 'other';

/** One of the two customers as the merge form shows it. */
export interface MergeCustomer {
  id: string;
  /** The sheet row it was read from: a hint sent back with the save (checked against the id). */
  row: number;
  /** The intake fields as the form loaded them: sent back with the save to tell a stale form. */
  values: EditFormValues;
  /** Every field shown (intake and computed ones), as text in the workbook's language ('' empty). */
  shown: Record<string, string>;
  /** The customer this one was merged into ('' none): such a customer can't be merged again. */
  mergedInto: string;
  /** Its "possible duplicate of" flag ('' none). */
  possibleDuplicateOf: string;
}

export interface MergeForm {
  language: Language;
  /** The intake fields, picked field by field. */
  fields: { key: IntakeField; label: string }[];
  /** Computed fields shown for information (not picked: grading derives them again). */
  info: { key: string; label: string }[];
  /** The customer to keep: the one the selected row is a possible duplicate of, or the first id asked for. */
  kept: MergeCustomer | null;
  /** The duplicate merged into it: the selected row, or the second id asked for. */
  other: MergeCustomer | null;
  messages: PageMessages;
}

/** Both ids, or none (the selected row of the Customers sheet and its "possible duplicate of"). */
export interface MergeFormRequest {
  keptId?: string;
  otherId?: string;
}

export interface SaveMergeRequest {
  /** Generated once per loaded pair: a retried save is recognised and merges (and logs) nothing again. */
  requestId: string;
  keptId: string;
  keptRow?: number;
  otherId: string;
  otherRow?: number;
  /** Both customers' intake fields as the form loaded them (MergeCustomer.values). */
  original: { kept: CustomerInput; other: CustomerInput };
  /** The fields whose value is taken from the other customer; a field left out keeps the kept customer's. */
  picks: Partial<Record<IntakeField, MergeSide>>;
}

export interface SavedMerge {
  keptId: string;
  mergedId: string;
  /** The fields written to the kept customer with the other's value. */
  fromOther: IntakeField[];
  /** Rows re-pointed from the merged customer to the kept one, per table. */
  moved: { followUps: number; tickets: number; satisfaction: number; transactions: number };
  /** True when this request had been saved already (a retry): nothing was merged twice. */
  alreadySaved: boolean;
}
