import type { Language } from '../i18n/language';
import type { CustomerInput } from '../rules/customer-input';
import type { EditFormValues } from '../rules/customer-edit';
import type { FormField, PageMessages, TeamChoice } from './contract';

/** The edit-customer sidebar's calls (issue 19 item 7). */

/** A customer as the edit form loads it. */
export interface EditableCustomer {
  id: string;
  /** The sheet row it was read from: a hint sent back with the save (checked against the id). */
  row: number;
  values: EditFormValues;
  /** The next follow-up due, local 'yyyy-mm-dd hh:mm' ('' none). */
  nextFollowUpDue: string;
}

export interface EditCustomerForm {
  language: Language;
  fields: FormField[];
  /** Active team members, who may own customers. */
  team: TeamChoice[];
  /** The customer of the selected row when the Customers sheet is active. */
  selected: EditableCustomer | null;
  messages: PageMessages;
}

export interface OpenCustomerRequest {
  customerId: string;
  customerRow?: number;
}

export interface SaveCustomerEditRequest {
  /** Generated once per loaded form: a retried save is recognised and changes (and logs) nothing again. */
  requestId: string;
  customerId: string;
  customerRow?: number;
  /** The values as the form loaded them (EditableCustomer.values): what a conflict is checked against. */
  original: CustomerInput;
  /** The values as the rep leaves them. */
  fields: CustomerInput;
  /** The rep saw that another customer has these contact details and chose to save anyway. */
  allowDuplicate?: boolean;
}

export interface SavedCustomerEdit {
  id: string;
  row: number;
  /** The fields written (form field keys); empty when nothing had changed. */
  changed: string[];
  /** The next follow-up due after the save, local 'yyyy-mm-dd hh:mm' ('' none). */
  nextFollowUpDue: string;
  /** True when the grade or do-not-contact change moved the next follow-up due. */
  rescheduled: boolean;
  /** True when this request had been saved already (a retry): nothing was written. */
  alreadySaved: boolean;
}
