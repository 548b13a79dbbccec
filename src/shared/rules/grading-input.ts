import type { MessageKey } from '../i18n/translate';
import { BUDGET_FIT, NEED_CLARITY, suggestIntentGrade, type BudgetFit, type NeedClarity } from './grading';
import { cleanText, toHalfWidth } from './normalize';

/**
 * The needs-analysis form's rules (docs/product-rules.md §2, seed 000 step 2 《客户需求分析表》), shared by the sidebar and the
 * server, and how its answers are kept in the Customers row:
 * - pain points are a ranked list: one per line in the form, stored numbered ("1. …\n2. …");
 * - each role of the decision chain (decision maker, influencer, end user) is "who — what they care about"
 *   in its one column ("王总（总经理） — 交期和价格");
 * - "need is explicit / partly / vague" and "budget matches / unconfirmed / mismatch" only drive the
 *   suggested grade; they are not stored (the grade the rep keeps is).
 */
export const ROLES = ['decisionMaker', 'influencer', 'endUser'] as const;
export type Role = (typeof ROLES)[number];

export const ANALYSIS_TEXT_FIELDS = ['explicitNeeds', 'potentialNeeds', 'budgetRange'] as const;
export type AnalysisTextField = (typeof ANALYSIS_TEXT_FIELDS)[number];

/** The Customers columns the needs analysis writes (besides the stamps and the schedule). */
export const ANALYSIS_COLUMNS = [
  'painPoints',
  'explicitNeeds',
  'potentialNeeds',
  'decisionMaker',
  'influencer',
  'endUser',
  'budgetRange',
  'annualValueEstimate',
  'intentGrade',
] as const;

export interface RoleInput {
  who: string;
  concern: string;
}

/** The validated answers, as the Customers columns hold them (null = empty cell). */
export interface NeedsAnalysisValues {
  customerId: string;
  cells: {
    painPoints: string | null;
    explicitNeeds: string | null;
    potentialNeeds: string | null;
    decisionMaker: string | null;
    influencer: string | null;
    endUser: string | null;
    budgetRange: string | null;
    annualValueEstimate: number | null;
    intentGrade: 'high' | 'medium' | 'low';
  };
  needClarity: NeedClarity | null;
  budgetFit: BudgetFit | null;
}

export type NeedsAnalysisField =
  | 'customerId'
  | 'painPoints'
  | AnalysisTextField
  | `${Role}${'' | 'Concern'}`
  | 'annualValueEstimate'
  | 'needClarity'
  | 'budgetFit'
  | 'intentGrade';

export type NeedsAnalysisErrors = Partial<Record<NeedsAnalysisField, MessageKey>>;

const MAX_TEXT = 1000;
const MAX_LONG_TEXT = 10000;
const MAX_PAIN_POINTS = 20;
const ROLE_SEPARATOR = ' — ';
const INTENT_GRADES = ['high', 'medium', 'low'] as const;

function longText(value: unknown): string {
  return typeof value === 'string' ? toHalfWidth(value).replace(/\r\n?/g, '\n').trim() : '';
}

function shortText(value: unknown): string {
  return typeof value === 'string' ? cleanText(value) : '';
}

/** "1. a\n2. b" (or "1、a", "(1) a", "- a", plain lines) → ['a', 'b']. */
export function parsePainPoints(cell: unknown): string[] {
  if (typeof cell !== 'string') return [];
  return cell
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^\s*(?:\(?\d+[.、)）]|[-*•·])\s*/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((line) => line !== '');
}

export function formatPainPoints(points: readonly string[]): string {
  return points.map((point, index) => `${index + 1}. ${point}`).join('\n');
}

/** "who — concern" → parts; a cell without the separator is all "who". */
export function parseRole(cell: unknown): RoleInput {
  if (typeof cell !== 'string' || cell.trim() === '') return { who: '', concern: '' };
  const text = cell.trim();
  if (text.startsWith(ROLE_SEPARATOR.trim())) return { who: '', concern: text.slice(1).trim() };
  const at = text.indexOf(ROLE_SEPARATOR);
  return at < 0
    ? { who: text, concern: '' }
    : { who: text.slice(0, at).trim(), concern: text.slice(at + ROLE_SEPARATOR.length).trim() };
}

export function formatRole(role: RoleInput): string | null {
  if (role.who === '' && role.concern === '') return null;
  if (role.concern === '') return role.who;
  return role.who === '' ? `${ROLE_SEPARATOR.trim()} ${role.concern}` : `${role.who}${ROLE_SEPARATOR}${role.concern}`;
}

/** A yuan amount as typed: "500000", "500,000", "¥500000", "50万", full-width digits. Null when not one. */
export function parseAmount(text: string): number | null {
  const half = toHalfWidth(text)
    .replace(/\uFFE5/g, '¥')
    .trim();
  const match = /^[¥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?\s*(万)?\s*(元)?$/.exec(half);
  if (!match) return null;
  const value = Number((match[1] as string).replace(/,/g, '') + (match[2] ?? '')) * (match[3] ? 10000 : 1);
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : null;
}

function oneOf<T extends string>(options: readonly T[], value: string): T | null {
  return (options as readonly string[]).includes(value) ? (value as T) : null;
}

/**
 * Checks and normalizes a needs analysis (from the form, as `unknown` on the server). The grade is
 * required; when it is empty but both grading questions are answered, the suggestion is taken.
 */
export function validateNeedsAnalysis(raw: unknown): { values: NeedsAnalysisValues; errors: NeedsAnalysisErrors } {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const errors: NeedsAnalysisErrors = {};
  const customerId = shortText(body.customerId);
  if (!/^[A-Za-z]\d{8,}$/.test(customerId)) errors.customerId = 'validation.customer';

  const rawPoints = Array.isArray(body.painPoints) ? body.painPoints : [];
  const points = rawPoints.flatMap((point) => (typeof point === 'string' ? parsePainPoints(point) : []));
  if (points.length > MAX_PAIN_POINTS || points.some((point) => point.length > MAX_TEXT)) {
    errors.painPoints = 'validation.tooLong';
  }
  const painPoints = points.length === 0 ? null : formatPainPoints(points);

  const texts = {} as Record<AnalysisTextField, string | null>;
  for (const key of ANALYSIS_TEXT_FIELDS) {
    const value = key === 'budgetRange' ? shortText(body[key]) : longText(body[key]);
    if (value.length > (key === 'budgetRange' ? MAX_TEXT : MAX_LONG_TEXT)) errors[key] = 'validation.tooLong';
    texts[key] = value === '' ? null : value;
  }

  const roles = {} as Record<Role, string | null>;
  for (const role of ROLES) {
    const input = (typeof body[role] === 'object' && body[role] !== null ? body[role] : {}) as Record<string, unknown>;
    const who = shortText(input.who).split(ROLE_SEPARATOR).join(' - ');
    const concern = shortText(input.concern);
    if (who.length > MAX_TEXT) errors[role] = 'validation.tooLong';
    if (concern.length > MAX_TEXT) errors[`${role}Concern`] = 'validation.tooLong';
    roles[role] = formatRole({ who, concern });
  }

  const amountText = typeof body.annualValueEstimate === 'string' ? body.annualValueEstimate.trim() : '';
  const amount = amountText === '' ? null : parseAmount(amountText);
  if (amountText !== '' && amount === null) errors.annualValueEstimate = 'validation.amount';

  const needText = shortText(body.needClarity);
  const budgetText = shortText(body.budgetFit);
  const needClarity = oneOf(NEED_CLARITY, needText);
  const budgetFit = oneOf(BUDGET_FIT, budgetText);
  if (needText !== '' && needClarity === null) errors.needClarity = 'validation.option';
  if (budgetText !== '' && budgetFit === null) errors.budgetFit = 'validation.option';

  const gradeText = shortText(body.intentGrade);
  let intentGrade = oneOf(INTENT_GRADES, gradeText);
  if (gradeText === '') intentGrade = suggestIntentGrade(needClarity, budgetFit)?.grade ?? null;
  if (intentGrade === null) errors.intentGrade = gradeText === '' ? 'validation.required' : 'validation.option';

  return {
    values: {
      customerId,
      cells: {
        painPoints,
        explicitNeeds: texts.explicitNeeds,
        potentialNeeds: texts.potentialNeeds,
        decisionMaker: roles.decisionMaker,
        influencer: roles.influencer,
        endUser: roles.endUser,
        budgetRange: texts.budgetRange,
        annualValueEstimate: amount,
        intentGrade: intentGrade ?? 'low',
      },
      needClarity,
      budgetFit,
    },
    errors,
  };
}
