import type { Language } from '../i18n/language';
import type { PageMessages } from './contract';

/** The Reassign customers sidebar (issue 19 item 10): a manager hands one owner's customers to another. */
export interface ReassignForm {
  language: Language;
  /** Every team member, active or not, with how many customers they own. */
  members: { email: string; name: string; active: boolean; customers: number }[];
  /** Data rows selected on the Customers sheet when the form opened (empty when another sheet was active). */
  selectedRows: number[];
  messages: PageMessages;
}

export interface ReassignRequest {
  requestId: string;
  from: string;
  to: string;
  /** All of `from`'s customers, or only the rows selected when the form opened. */
  scope: 'all' | 'selected';
  rows?: number[];
  /** Mark `from` inactive on the Team sheet (a rep who left). */
  deactivate: boolean;
}

export interface ReassignResult {
  customers: number;
  coOwned: number;
  followUps: number;
  tickets: number;
  deactivated: boolean;
}
