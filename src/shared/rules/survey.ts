import type { MessageKey } from '../i18n/translate';
import { parseLocalDate, type LocalDate } from '../time/calendar';
import { toHalfWidth } from './normalize';
import type { SettingsValues } from './settings';
import { CUSTOMER_ID, TICKET_ID, cleanLongText } from './ticket-input';
import { isRating } from './ticket-workflow';

/**
 * Satisfaction surveys (docs/product-rules.md §2 Satisfaction, seeds 000, 002, 003, 004), shared by the sidebar and the
 * server: the form's checks, the 20–100 score, what a low or a high score sets off, and NPS.
 */
export const SURVEY_DIMENSIONS = [
  'productQuality',
  'responseSpeed',
  'communication',
  'problemSolving',
  'overall',
] as const;
export type SurveyDimension = (typeof SURVEY_DIMENSIONS)[number];
export type SurveyRatings = Record<SurveyDimension, number>;

export const SURVEY_FIELDS = ['date', ...SURVEY_DIMENSIONS, 'nps', 'comments', 'suggestions'] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number];
export const SURVEY_REQUIRED: readonly SurveyField[] = ['date', ...SURVEY_DIMENSIONS];

/** Score = mean of the five ratings × 20, one decimal (1,2,3,4,5 → 60.0; all 5 → 100.0). */
export function surveyScore(ratings: SurveyRatings): number {
  const sum = SURVEY_DIMENSIONS.reduce((total, key) => total + ratings[key], 0);
  // mean × 20 = sum × 4: an exact integer for whole ratings; rounding is for safety with other inputs.
  return Math.round(((sum / SURVEY_DIMENSIONS.length) * 20 + Number.EPSILON) * 10) / 10;
}

/** Any dimension ≤ lowRatingMax (2), or the score below lowScoreBelow (60): the owner follows up in 24 h. */
export function isLowSatisfaction(ratings: SurveyRatings, score: number, settings: SettingsValues): boolean {
  return SURVEY_DIMENSIONS.some((key) => ratings[key] <= settings.lowRatingMax) || score < settings.lowScoreBelow;
}

/** Score ≥ corePoolMinScore (90): the customer joins the core pool (seed 000). */
export function joinsCorePool(score: number, settings: SettingsValues): boolean {
  return score >= settings.corePoolMinScore;
}

export interface NpsSummary {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters (9–10) − % detractors (0–6), one decimal; null when nobody answered. */
  nps: number | null;
}

/**
 * Net promoter score of a period's answers (seed 002, target ≥ 40). Surveys without an answer (null, or
 * anything not a whole number 0–10) are left out of the count.
 */
export function netPromoterScore(answers: readonly unknown[]): NpsSummary {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const answer of answers) {
    if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < 0 || answer > 10) continue;
    if (answer >= 9) promoters++;
    else if (answer >= 7) passives++;
    else detractors++;
  }
  const responses = promoters + passives + detractors;
  const nps = responses === 0 ? null : Math.round(((promoters - detractors) / responses) * 1000) / 10;
  return { responses, promoters, passives, detractors, nps };
}

export type SurveyFieldErrors = Partial<Record<SurveyField | 'customerId' | 'ticketId', MessageKey>>;

export interface SurveyValues {
  customerId: string;
  ticketId: string | null;
  date: LocalDate | null;
  ratings: SurveyRatings;
  nps: number | null;
  comments: string | null;
  suggestions: string | null;
}

const MAX_LONG_TEXT = 10000;

/** A whole number from a form value ('4', ' ４ ', 4); null when empty; NaN when not a whole number. */
function wholeNumber(raw: unknown): number | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : NaN;
  if (typeof raw !== 'string') return NaN;
  const text = toHalfWidth(raw).trim();
  if (text === '') return null;
  return /^\d+$/.test(text) ? Number(text) : NaN;
}

export function validateSurveyInput(raw: unknown): { values: SurveyValues; errors: SurveyFieldErrors } {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const input = (typeof body.fields === 'object' && body.fields !== null ? body.fields : {}) as Record<string, unknown>;
  const errors: SurveyFieldErrors = {};
  const customerId = typeof body.customerId === 'string' ? body.customerId.trim() : '';
  if (!CUSTOMER_ID.test(customerId)) errors.customerId = 'validation.customer';
  const ticketText = typeof body.ticketId === 'string' ? body.ticketId.trim() : '';
  if (ticketText !== '' && !TICKET_ID.test(ticketText)) errors.ticketId = 'validation.option';

  const dateText = typeof input.date === 'string' ? toHalfWidth(input.date).trim() : '';
  const date = dateText === '' ? null : parseLocalDate(dateText);
  if (dateText === '') errors.date = 'validation.required';
  else if (date === null) errors.date = 'validation.date';

  const ratings = {} as SurveyRatings;
  for (const key of SURVEY_DIMENSIONS) {
    const value = wholeNumber(input[key]);
    ratings[key] = value ?? 0;
    if (value === null) errors[key] = 'validation.required';
    else if (!isRating(value)) errors[key] = 'survey.ratingRange';
  }
  const nps = wholeNumber(input.nps);
  if (nps !== null && !(nps >= 0 && nps <= 10)) errors.nps = 'survey.npsRange';

  const comments = cleanLongText(input.comments);
  const suggestions = cleanLongText(input.suggestions);
  if (comments.length > MAX_LONG_TEXT) errors.comments = 'validation.tooLong';
  if (suggestions.length > MAX_LONG_TEXT) errors.suggestions = 'validation.tooLong';
  return {
    values: {
      customerId,
      ticketId: ticketText === '' ? null : ticketText,
      date,
      ratings,
      nps: nps !== null && Number.isInteger(nps) ? nps : null,
      comments: comments === '' ? null : comments,
      suggestions: suggestions === '' ? null : suggestions,
    },
    errors,
  };
}
