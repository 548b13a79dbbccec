import type { Language } from '../i18n/language';
import type { CustomerSummary, FormField, PageMessages } from './contract';

/**
 * Contract types of the needs-analysis & grading sidebar (referenced from contract.ts). JSON only: dates
 * travel as local 'yyyy-mm-dd hh:mm' text in the spreadsheet's zone.
 */

export interface NeedsAnalysisRole {
  who: string;
  concern: string;
}

/** A customer's current analysis, as the form shows it. */
export interface NeedsAnalysisRecord {
  customer: CustomerSummary;
  painPoints: string[];
  explicitNeeds: string;
  potentialNeeds: string;
  decisionMaker: NeedsAnalysisRole;
  influencer: NeedsAnalysisRole;
  endUser: NeedsAnalysisRole;
  budgetRange: string;
  /** The typed estimate in yuan, '' when none. */
  annualValueEstimate: string;
  intentGrade: string;
  /** When the analysis was last saved ('' never). */
  needsAnalyzedAt: string;
  /** When it is due ('' when no interview is waiting for one). */
  needsAnalysisDue: string;
  /** Computed by Grade all: the annual value, tier and segment as labels ('' when not graded yet). */
  annualValue: string;
  valueTier: string;
  segment: string;
}

export interface NeedsAnalysisForm {
  language: Language;
  /** Labels, types and options of the analysis columns (painPoints … intentGrade), from the template. */
  fields: FormField[];
  /** The grading questions: options with labels. */
  needClarity: { key: string; label: string }[];
  budgetFit: { key: string; label: string }[];
  /** The analysis of the selected row's customer, if the customers sheet is active. */
  selected: NeedsAnalysisRecord | null;
  messages: PageMessages;
}

export interface SaveNeedsAnalysisRequest {
  requestId: string;
  customerId: string;
  /** The row the picker last saw the customer on (CustomerSummary.row), a hint checked by id; 0 if unknown. */
  customerRow?: number;
  painPoints: string[];
  explicitNeeds: string;
  potentialNeeds: string;
  decisionMaker: NeedsAnalysisRole;
  influencer: NeedsAnalysisRole;
  endUser: NeedsAnalysisRole;
  budgetRange: string;
  annualValueEstimate: string;
  needClarity: string;
  budgetFit: string;
  intentGrade: string;
}

export interface SavedNeedsAnalysis {
  id: string;
  row: number;
  intentGrade: string;
  /** The suggested grade for the answers given ('' when the grading questions were left open). */
  suggestedGrade: string;
  stage: string;
  /** Next follow-up due by the new grade's cadence, local ('' when nothing is scheduled). */
  nextFollowUpDue: string;
  /** True when the customer already held exactly this analysis (a retry): nothing was written. */
  alreadySaved: boolean;
  /** When the proposal action this save created is due, local ('' when none was created). */
  proposalDue: string;
}
