import type { Language } from '../i18n/language';
import type { TicketAction } from '../rules/ticket-workflow';
import type { CustomerSummary, FormField, PageMessages, TeamChoice } from './contract';

/**
 * The JSON types of the ticket and satisfaction-survey sidebars (issue 8), referenced from contract.ts.
 * Date-times travel as local text in the spreadsheet's zone ('yyyy-mm-dd hh:mm', '' when empty): a Date in
 * a google.script.run result would turn the whole result into null.
 */

/** A ticket as the sidebars show it; enum values come both as keys and as labels in the workbook language. */
export interface TicketView {
  id: string;
  customerId: string;
  customerName: string;
  ticketType: string;
  category: string;
  description: string;
  priority: string;
  priorityLabel: string;
  status: string;
  statusLabel: string;
  assignee: string;
  reportedAt: string;
  firstResponseDue: string;
  firstResponseAt: string;
  resolutionDue: string;
  slaBreached: boolean;
  resolution: string;
  resolvedAt: string;
  confirmation: string;
  confirmationLabel: string;
  score: number | null;
  archivedAt: string;
  /** What the workflow accepts now (src/shared/rules/ticket-workflow.ts). */
  actions: TicketAction[];
  /** The ticket's sheet row when it was read: a hint sent back with a workflow step (checked on the server). */
  row?: number;
  /** The year of the archive spreadsheet the ticket was moved to (a customer's history shows archived rows). */
  archivedIn?: number;
}

export interface TicketForm {
  language: Language;
  /** New-ticket fields, described from the tickets template. */
  fields: FormField[];
  /** Workflow fields (resolution, confirmation, score), described from the tickets template. */
  workflowFields: FormField[];
  /** Every tickets column's header in the workbook language, by column key. */
  labels: Record<string, string>;
  team: TeamChoice[];
  /** The rep's own e-mail when on the team list (the assignee default), else ''. */
  currentUser: string;
  /** The customer of the selected row (customers sheet), or of the selected ticket. */
  selected: CustomerSummary | null;
  /** The ticket of the selected row of the tickets sheet: the sidebar opens on its workflow. */
  selectedTicket: TicketView | null;
  /** Now in the spreadsheet's zone, 'yyyy-mm-ddThh:mm'. */
  now: string;
  messages: PageMessages;
}

export interface SaveTicketRequest {
  requestId: string;
  customerId: string;
  /** The customer's sheet row as the picker saw it (a hint, checked on the server). */
  customerRow?: number;
  fields: Record<string, string>;
}

export interface SavedTicket {
  id: string;
  row: number;
  firstResponseDue: string;
  resolutionDue: string;
  alreadySaved: boolean;
}

export interface UpdateTicketRequest {
  requestId: string;
  ticketId: string;
  /** The ticket's sheet row as the sidebar saw it (TicketView.row: a hint, checked on the server). */
  ticketRow?: number;
  /** The status the rep saw: a change made meanwhile by someone else is refused, a retry is recognised. */
  fromStatus: string;
  action: TicketAction;
  resolution?: string;
  confirmation?: string;
  /** 1–5 as text or number; '' for none. */
  score?: string | number;
}

export interface UpdatedTicket {
  ticket: TicketView;
  /** Follow-up ids created by this step (second follow-up, low score, survey due). */
  followUps: string[];
  alreadySaved: boolean;
}

/** A survey as the survey sidebar lists it. */
export interface SurveySummary {
  id: string;
  date: string;
  ticketId: string;
  score: number | null;
  nps: number | null;
  followUpId: string;
  /** The year of the archive spreadsheet the survey was moved to. */
  archivedIn?: number;
}

export interface CustomerHistory {
  customer: CustomerSummary;
  /** Newest first, at most 10: the workbook's, then (room left) archived ones, marked with archivedIn. */
  tickets: TicketView[];
  surveys: SurveySummary[];
}

export interface SurveyForm {
  language: Language;
  fields: FormField[];
  selected: CustomerSummary | null;
  /** The ticket of the selected tickets row, as the survey's ticket. */
  selectedTicketId: string;
  /** Today in the spreadsheet's zone, 'yyyy-mm-dd'. */
  today: string;
  messages: PageMessages;
}

export interface SaveSurveyRequest {
  requestId: string;
  customerId: string;
  /** The customer's sheet row as the picker saw it (a hint, checked on the server). */
  customerRow?: number;
  ticketId?: string;
  fields: Record<string, string>;
}

export interface SavedSurvey {
  id: string;
  row: number;
  score: number;
  /** The low-satisfaction follow-up created, '' when none. */
  followUpId: string;
  followUpDue: string;
  /** The "answer the suggestions" follow-up created (due 15 working days later), '' when none. */
  suggestionFollowUpId?: string;
  suggestionDue?: string;
  /** The customer is (now) in the core pool. */
  corePool: boolean;
  alreadySaved: boolean;
}
