import type { FieldValue } from '../schema/cells';
import type { Instant, LocalDate } from '../time/calendar';
import { MS_PER_DAY, MS_PER_HOUR, dateInYear, dateParts, daysBetween } from '../time/calendar';
import { localDate, startOfDate } from '../time/local';
import type { Zone } from '../time/zone';
import type { Segment, ValueTier } from './cadence';
import { isSleeping, nextFollowUpDue } from './cadence';
import { toHalfWidth } from './normalize';
import type { SettingsValues } from './settings';
import { dateOfCell, isDateObject, parseSettingNumber } from './settings-parse';

/**
 * Grading (docs/product-rules.md §2 "Needs analysis and grading", "Follow-up cadence and risk"; seeds 000, 002, 004): the
 * intent grade the needs-analysis form suggests, and every computed column of a customer that "Grade all
 * customers" (and the daily scan) refreshes, from one read of Customers, Follow-ups and Transactions.
 * Pure: records are the table layer's typed values (enum KEYS, Dates, numbers, null for empty cells).
 *
 * Conventions (the product's choices where the product rules is silent):
 * - Periods in days count local calendar days in the spreadsheet's zone: something that happened N days
 *   ago is "within the last D days" when N < D (89 days ago is within 90, 90 days ago is not), like the
 *   sleeping flag (no contact for ≥ 30 days).
 * - "Trailing 12 months" are the local dates after the same date one year earlier, up to today (the 6-month
 *   spend likewise, by calendar months); the 12 months before are the year before that.
 * - A contact is a follow-up row whose reason is 'manual' or empty (an interaction someone logged, not an
 *   action the scan planned) with a date-time `at` not in the future.
 * - A purchase is a transaction with a date and a numeric amount that is not a refund; refunds are left out
 *   entirely (not subtracted).
 * - Activity (segments, churn) is the latest of last contact, last purchase and the customer's creation: a
 *   customer entered within the activity window counts as active, so a new lead is not "dormant".
 */
type Values = Readonly<Record<string, FieldValue | undefined>>;

// ---------------------------------------------------------------------------------------------------------
// Intent grade suggestion
// ---------------------------------------------------------------------------------------------------------

export const NEED_CLARITY = ['explicit', 'partial', 'vague'] as const;
export const BUDGET_FIT = ['matches', 'unconfirmed', 'mismatch'] as const;
export type NeedClarity = (typeof NEED_CLARITY)[number];
export type BudgetFit = (typeof BUDGET_FIT)[number];
export type IntentGradeKey = 'high' | 'medium' | 'low';

export interface IntentSuggestion {
  grade: IntentGradeKey;
  /** Why, as the inputs that decided it (for the form's explanation), most decisive first. */
  because: Array<NeedClarity | BudgetFit>;
}

/**
 * docs/product-rules.md §2: high = explicit need and budget matches; medium = need partly explicit or budget unconfirmed;
 * low = vague need or budget mismatch. Low wins over medium (a vague need with a matching budget is low),
 * medium over high. Null until both inputs are given.
 */
export function suggestIntentGrade(need: NeedClarity | null, budget: BudgetFit | null): IntentSuggestion | null {
  if (need === null || budget === null) return null;
  const low: Array<NeedClarity | BudgetFit> = [];
  if (need === 'vague') low.push(need);
  if (budget === 'mismatch') low.push(budget);
  if (low.length > 0) return { grade: 'low', because: low };
  const medium: Array<NeedClarity | BudgetFit> = [];
  if (need === 'partial') medium.push(need);
  if (budget === 'unconfirmed') medium.push(budget);
  if (medium.length > 0) return { grade: 'medium', because: medium };
  return { grade: 'high', because: [need, budget] };
}

// ---------------------------------------------------------------------------------------------------------
// Value tier and industry averages
// ---------------------------------------------------------------------------------------------------------

/** strategic ≥ tierStrategicMin (1,000,000); key ≥ tierKeyMin (500,000); standard below or unknown. */
export function valueTier(annualValue: number | null, settings: SettingsValues): ValueTier {
  if (annualValue === null) return 'standard';
  if (annualValue >= settings.tierStrategicMin) return 'strategic';
  if (annualValue >= settings.tierKeyMin) return 'key';
  return 'standard';
}

/** How industries are compared: trimmed, half-width, case-insensitive, inner white space collapsed. */
export function industryKey(industry: unknown): string {
  if (typeof industry !== 'string') return '';
  return toHalfWidth(industry).trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface IndustryAverageOverrides {
  /** By industryKey. */
  values: Map<string, number>;
  /** Entries that could not be read, as typed. */
  bad: string[];
}

/**
 * The Settings `industryAverages` text: entries "industry: amount" separated by semicolons (; or ；) or
 * new lines; the separator inside an entry may be ':', '：' or '='. The amount is a number as Settings
 * reads them ("300000", "300,000", "¥300000"), or with 万 (×10,000: "30万"). An industry named twice: the
 * last entry counts. Example: "制造业: 300000; Software: 500,000; 零售业：8万".
 */
export function parseIndustryAverages(text: string): IndustryAverageOverrides {
  const values = new Map<string, number>();
  const bad: string[] = [];
  for (const raw of toHalfWidth(text).split(/[;；\n]+/)) {
    const entry = raw.trim();
    if (entry === '') continue;
    const match = /^(.+?)\s*[:：=]\s*(.+)$/.exec(entry);
    const name = match ? industryKey(match[1]) : '';
    let amountText = match ? (match[2] as string).trim() : '';
    let factor = 1;
    if (/万$/.test(amountText)) {
      factor = 10000;
      amountText = amountText.slice(0, -1);
    }
    const amount = amountText === '' ? null : parseSettingNumber(amountText);
    if (name === '' || amount === null || amount <= 0 || !/^[¥$]?\s*[\d.,\s]+$/.test(amountText)) {
      bad.push(entry);
      continue;
    }
    values.set(name, amount * factor);
  }
  return { values, bad };
}

export interface IndustryAverages {
  /** Average annual value per industryKey, from customers with purchases, then the Settings overrides. */
  byIndustry: Map<string, number>;
  /**
   * The average over all customers with purchases: the baseline for a customer without an industry or of an
   * industry nobody with purchases is in (and that Settings does not list). Null when nobody has purchases.
   */
  overall: number | null;
  bad: string[];
}

/**
 * Industry averages (docs/product-rules.md §2): the mean annual value of the customers WITH purchases in each industry;
 * customers without an industry count only towards the overall average. A Settings value replaces the
 * computed one for its industry (or adds an industry nobody with purchases is in).
 */
export function industryAverages(
  customers: readonly { industry: unknown; annualValue: number | null; hasPurchases: boolean }[],
  overridesText: string,
): IndustryAverages {
  const sums = new Map<string, { sum: number; count: number }>();
  let total = 0;
  let count = 0;
  for (const customer of customers) {
    if (!customer.hasPurchases || customer.annualValue === null) continue;
    total += customer.annualValue;
    count++;
    const key = industryKey(customer.industry);
    if (key === '') continue;
    const entry = sums.get(key) ?? { sum: 0, count: 0 };
    entry.sum += customer.annualValue;
    entry.count++;
    sums.set(key, entry);
  }
  const byIndustry = new Map<string, number>();
  for (const [key, entry] of sums) byIndustry.set(key, entry.sum / entry.count);
  const overrides = parseIndustryAverages(overridesText);
  for (const [key, value] of overrides.values) byIndustry.set(key, value);
  return { byIndustry, overall: count > 0 ? total / count : null, bad: overrides.bad };
}

export function averageFor(industry: unknown, averages: IndustryAverages): number | null {
  const key = industryKey(industry);
  return (key !== '' ? averages.byIndustry.get(key) : undefined) ?? averages.overall;
}

// ---------------------------------------------------------------------------------------------------------
// Segment
// ---------------------------------------------------------------------------------------------------------

/**
 * Segment (docs/product-rules.md §2, seed 002): highValue = annual value ≥ 150 % of the industry average and active;
 * growth = ≥ 80 % and active; dormant = < 50 % and not active; regular = everyone else. An unknown annual
 * value counts as 0; without any average to compare with, nobody is highValue, growth or dormant.
 */
export function segmentOf(
  annualValue: number | null,
  average: number | null,
  active: boolean,
  settings: SettingsValues,
): Segment {
  if (average === null || average <= 0) return 'regular';
  const percent = ((annualValue ?? 0) / average) * 100;
  if (active && percent >= settings.segmentHighValuePercent) return 'highValue';
  if (active && percent >= settings.segmentGrowthPercent) return 'growth';
  if (!active && percent < settings.segmentDormantPercent) return 'dormant';
  return 'regular';
}

/** Whether an event `at` lies within the last `days` local calendar days (0 … days − 1 days ago). */
export function withinDays(at: Instant | null, now: Instant, days: number, zone: Zone): boolean {
  if (at === null) return false;
  const ago = daysBetween(localDate(at, zone), localDate(now, zone));
  return ago >= 0 && ago < days;
}

// ---------------------------------------------------------------------------------------------------------
// Purchases
// ---------------------------------------------------------------------------------------------------------

export interface Purchase {
  date: LocalDate;
  amount: number;
  category: string;
}

/** The same date `months` calendar months earlier (Mar 31 − 1 month → Feb 28/29). */
export function monthsBefore(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) - months;
  return dateInYear(Math.floor(index / 12), (index % 12) + 1, day);
}

/** Sum of purchases dated after `from` (exclusive) up to `to` (inclusive). */
function spendBetween(purchases: readonly Purchase[], from: LocalDate, to: LocalDate): number {
  let sum = 0;
  for (const purchase of purchases) if (purchase.date > from && purchase.date <= to) sum += purchase.amount;
  return sum;
}

export type PurchaseActivity = 'high' | 'medium' | 'low';

/**
 * Purchase activity (docs/product-rules.md §2): purchases within the last purchaseActivityDays (90, "3 months") local days,
 * ≥ purchaseActivityHighMin (2) high, 1 medium, 0 low.
 */
export function purchaseActivity(
  purchases: readonly Purchase[],
  today: LocalDate,
  settings: SettingsValues,
): PurchaseActivity {
  let count = 0;
  for (const purchase of purchases) {
    const ago = daysBetween(purchase.date, today);
    if (ago >= 0 && ago < settings.purchaseActivityDays) count++;
  }
  if (count >= settings.purchaseActivityHighMin) return 'high';
  return count >= 1 ? 'medium' : 'low';
}

/**
 * Category preference: the category bought most often; a second one when it ties with it (three or more
 * tied: the two bought most recently, then by name). '' without any categorized purchase.
 */
export function categoryPreference(purchases: readonly Purchase[]): string {
  const stats = new Map<string, { count: number; last: LocalDate }>();
  for (const purchase of purchases) {
    const category = purchase.category.trim();
    if (category === '') continue;
    const entry = stats.get(category) ?? { count: 0, last: '' };
    entry.count++;
    if (purchase.date > entry.last) entry.last = purchase.date;
    stats.set(category, entry);
  }
  const ranked = [...stats.entries()].sort(
    (a, b) =>
      b[1].count - a[1].count || (a[1].last < b[1].last ? 1 : a[1].last > b[1].last ? -1 : 0) || (a[0] < b[0] ? -1 : 1),
  );
  const first = ranked[0];
  if (!first) return '';
  const second = ranked[1];
  return second && second[1].count === first[1].count ? `${first[0]}, ${second[0]}` : first[0];
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

// ---------------------------------------------------------------------------------------------------------
// Churn risk
// ---------------------------------------------------------------------------------------------------------

export type ChurnReason = 'unansweredTouches' | 'spendDrop' | 'inactive';

export interface Touch {
  at: Instant;
  direction: string | null;
  responded: string | null;
  channel: string | null;
}

export interface ChurnInput {
  segment: Segment;
  tier: ValueTier;
  /** Contacts of the customer, any order. */
  touches: readonly Touch[];
  spendLast12: number;
  spendPrevious12: number;
  /** Latest contact, purchase or creation. */
  lastActivity: Instant | null;
}

/**
 * Churn risk (docs/product-rules.md §2, seed 002), for a high-value (active) customer or a strategic / key one: the last
 * churnUnansweredTouches (2) outbound touches all marked responded 'no'; or trailing-12-month spend down by
 * ≥ churnSpendDropPercent (30 %) against the 12 months before (which had spend); or no activity for
 * churnInactiveDays (90) days. Reasons in that order; none for other customers.
 */
export function churnReasons(input: ChurnInput, now: Instant, settings: SettingsValues, zone: Zone): ChurnReason[] {
  const eligible = input.segment === 'highValue' || input.tier === 'strategic' || input.tier === 'key';
  if (!eligible) return [];
  const reasons: ChurnReason[] = [];
  const outbound = input.touches.filter((touch) => touch.direction === 'outbound').sort((a, b) => a.at - b.at);
  const needed = settings.churnUnansweredTouches;
  const last = outbound.slice(-needed);
  if (last.length === needed && last.every((touch) => touch.responded === 'no')) reasons.push('unansweredTouches');
  if (
    input.spendPrevious12 > 0 &&
    input.spendLast12 <= input.spendPrevious12 * (1 - settings.churnSpendDropPercent / 100)
  ) {
    reasons.push('spendDrop');
  }
  if (input.lastActivity === null || !withinDays(input.lastActivity, now, settings.churnInactiveDays, zone)) {
    reasons.push('inactive');
  }
  return reasons;
}

// ---------------------------------------------------------------------------------------------------------
// Grading one workbook
// ---------------------------------------------------------------------------------------------------------

/** The Customers columns grading owns and writes (all script-owned / computed). */
export const GRADED_COLUMNS = [
  'annualValue',
  'valueTier',
  'segment',
  'firstPurchaseAt',
  'lastPurchaseAt',
  'averageOrderValue',
  'spendLast6Months',
  'purchaseActivity',
  'categoryPreference',
  'preferredChannel',
  'lastContactAt',
  'followUpOverdue',
  'needsAnalysisOverdue',
  'sleeping',
  'churnRisk',
  'churnRiskReasons',
  'churnRiskSince',
  'churnEscalated',
  'corePool',
] as const;
export type GradedColumn = (typeof GRADED_COLUMNS)[number];
export type GradedValues = Record<GradedColumn, FieldValue>;

export interface GradingInput {
  customers: readonly Values[];
  followUps: readonly Values[];
  transactions: readonly Values[];
  settings: SettingsValues;
  nowMs: number;
  zone: Zone;
}

export interface GradingOutput {
  /** One entry per input customer, in order. */
  graded: GradedValues[];
  averages: IndustryAverages;
  /**
   * Per customer, in order: the next follow-up due rescheduled because grading changed what the cadence
   * depends on (tier, segment, core pool, last contact), or undefined when it stays as stored.
   */
  rescheduled: (Instant | null | undefined)[];
}

function ms(value: FieldValue | undefined): Instant | null {
  return isDateObject(value) ? value.getTime() : null;
}

function text(value: FieldValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function mostUsedChannel(touches: readonly Touch[]): string | null {
  const stats = new Map<string, { count: number; last: Instant }>();
  for (const touch of touches) {
    if (!touch.channel) continue;
    const entry = stats.get(touch.channel) ?? { count: 0, last: 0 };
    entry.count++;
    entry.last = Math.max(entry.last, touch.at);
    stats.set(touch.channel, entry);
  }
  let best: [string, { count: number; last: Instant }] | null = null;
  for (const item of stats) {
    if (!best || item[1].count > best[1].count || (item[1].count === best[1].count && item[1].last > best[1].last)) {
      best = item;
    }
  }
  return best ? best[0] : null;
}

/** Local midnight of a local date, as a Date cell value (date columns). */
function dateCell(date: LocalDate, zone: Zone): Date {
  return new Date(startOfDate(date, zone));
}

/**
 * Every graded column of every customer (docs/product-rules.md §2), in one pass over the three tables. Follow-ups and
 * transactions are grouped by customer id first, so the work is linear in the number of rows.
 */
export function gradeCustomers(input: GradingInput): GradingOutput {
  const { settings, nowMs, zone } = input;
  const today = localDate(nowMs, zone);

  const touchesBy = new Map<string, Touch[]>();
  for (const row of input.followUps) {
    const reason = text(row.reason);
    if (reason !== '' && reason !== 'manual') continue;
    const at = ms(row.at);
    if (at === null || at > nowMs) continue;
    pushTo(touchesBy, text(row.customerId), {
      at,
      direction: row.direction === null || row.direction === undefined ? null : String(row.direction),
      responded: row.responded === null || row.responded === undefined ? null : String(row.responded),
      channel: row.channel === null || row.channel === undefined ? null : String(row.channel),
    });
  }
  const purchasesBy = new Map<string, Purchase[]>();
  for (const row of input.transactions) {
    if (row.refund === true || typeof row.amount !== 'number' || !isDateObject(row.date)) continue;
    pushTo(purchasesBy, text(row.customerId), {
      date: dateOfCell(row.date, zone),
      amount: row.amount,
      category: text(row.category),
    });
  }

  const yearAgo = monthsBefore(today, 12);
  const twoYearsAgo = monthsBefore(today, 24);
  const sixMonthsAgo = monthsBefore(today, 6);

  const base = input.customers.map((customer) => {
    const id = text(customer.id);
    const purchases = purchasesBy.get(id) ?? [];
    const hasPurchases = purchases.length > 0;
    const spendLast12 = spendBetween(purchases, yearAgo, today);
    const estimate = typeof customer.annualValueEstimate === 'number' ? customer.annualValueEstimate : null;
    const annualValue = hasPurchases ? round2(spendLast12) : estimate;
    return { customer, id, purchases, hasPurchases, spendLast12, annualValue };
  });
  const averages = industryAverages(
    base.map((item) => ({
      industry: item.customer.industry,
      annualValue: item.annualValue,
      hasPurchases: item.hasPurchases,
    })),
    settings.industryAverages,
  );

  const rescheduled: (Instant | null | undefined)[] = [];
  const graded = base.map(({ customer, id, purchases, hasPurchases, spendLast12, annualValue }): GradedValues => {
    const touches = touchesBy.get(id) ?? [];
    let lastTouch: Instant | null = null;
    for (const touch of touches) if (lastTouch === null || touch.at > lastTouch) lastTouch = touch.at;
    const lastContactAt = lastTouch ?? ms(customer.lastContactAt);

    let first: LocalDate | null = null;
    let last: LocalDate | null = null;
    let total = 0;
    for (const purchase of purchases) {
      if (first === null || purchase.date < first) first = purchase.date;
      if (last === null || purchase.date > last) last = purchase.date;
      total += purchase.amount;
    }
    const createdAt = ms(customer.createdAt);
    const lastPurchase = last === null ? null : startOfDate(last, zone);
    const lastActivity = [lastContactAt, lastPurchase, createdAt].reduce<Instant | null>(
      (latest, at) => (at !== null && (latest === null || at > latest) ? at : latest),
      null,
    );
    const active = withinDays(lastActivity, nowMs, settings.activityWindowDays, zone);
    const tier = valueTier(annualValue, settings);
    const segment = segmentOf(annualValue, averageFor(customer.industry, averages), active, settings);

    const reasons = churnReasons(
      {
        segment,
        tier,
        touches,
        spendLast12,
        spendPrevious12: spendBetween(purchases, twoYearsAgo, yearAgo),
        lastActivity,
      },
      nowMs,
      settings,
      zone,
    );
    const storedSince = ms(customer.churnRiskSince);
    const since = reasons.length === 0 ? null : (storedSince ?? nowMs);
    const touchedSince = since !== null && lastTouch !== null && lastTouch > since;
    const escalated = since !== null && nowMs - since > settings.churnEscalationDays * MS_PER_DAY && !touchedSince;

    // docs/product-rules.md §2 cadences follow the grade: a due the cadence set (it is what the stored tier, segment and
    // last contact give) moves with them; one a rep or the process chose (an open action's date) stays.
    const stored = ms(customer.nextFollowUpDue);
    const cadence = (values: {
      tier: FieldValue | undefined;
      segment: FieldValue | undefined;
      corePool: boolean;
      lastContactAt: Instant | null;
    }) =>
      nextFollowUpDue(
        {
          lastContactAt: values.lastContactAt,
          createdAt: ms(customer.createdAt) ?? nowMs,
          intentGrade: text(customer.intentGrade) || null,
          valueTier: text(values.tier) || null,
          segment: text(values.segment) || null,
          corePool: values.corePool,
          doNotContact: customer.doNotContact === true,
          explicitDue: null,
          outboundTouches: touches.filter((touch) => touch.direction === 'outbound').map((touch) => touch.at),
        },
        settings,
        zone,
      ).due;
    const score = typeof customer.satisfactionScore === 'number' ? customer.satisfactionScore : null;
    const corePool = customer.corePool === true || (score !== null && score >= settings.corePoolMinScore);
    const inputsChanged =
      text(customer.valueTier) !== tier ||
      text(customer.segment) !== segment ||
      (customer.corePool === true) !== corePool ||
      ms(customer.lastContactAt) !== lastContactAt;
    let reschedule: Instant | null | undefined;
    if (inputsChanged && stored !== null) {
      const was = cadence({
        tier: customer.valueTier,
        segment: customer.segment,
        corePool: customer.corePool === true,
        lastContactAt: ms(customer.lastContactAt),
      });
      const now = cadence({ tier, segment, corePool, lastContactAt });
      if (was === stored && now !== stored) reschedule = now;
    }
    rescheduled.push(reschedule);
    const due = reschedule === undefined ? stored : reschedule;
    const followUpOverdue = due !== null && nowMs > due && !(lastContactAt !== null && lastContactAt > due);

    const analysisDue = ms(customer.needsAnalysisDue);
    const analyzedAt = ms(customer.needsAnalyzedAt);
    const interviewAtLatest = analysisDue === null ? null : analysisDue - settings.needsAnalysisHours * MS_PER_HOUR;
    const analyzedSinceInterview = analyzedAt !== null && interviewAtLatest !== null && analyzedAt >= interviewAtLatest;
    const needsAnalysisOverdue = analysisDue !== null && nowMs > analysisDue && !analyzedSinceInterview;

    return {
      annualValue,
      valueTier: tier,
      segment,
      firstPurchaseAt: first === null ? null : dateCell(first, zone),
      lastPurchaseAt: last === null ? null : dateCell(last, zone),
      averageOrderValue: hasPurchases ? round2(total / purchases.length) : null,
      spendLast6Months: hasPurchases ? round2(spendBetween(purchases, sixMonthsAgo, today)) : null,
      purchaseActivity: purchaseActivity(purchases, today, settings),
      categoryPreference: categoryPreference(purchases),
      preferredChannel: mostUsedChannel(touches),
      lastContactAt: lastContactAt === null ? null : new Date(lastContactAt),
      followUpOverdue,
      needsAnalysisOverdue,
      sleeping: createdAt !== null && isSleeping(lastContactAt, createdAt, nowMs, settings, zone),
      churnRisk: reasons.length > 0,
      churnRiskReasons: reasons.join(','),
      churnRiskSince: since === null ? null : new Date(since),
      churnEscalated: escalated,
      corePool,
    };
  });
  return { graded, averages, rescheduled };
}

/** Two field values are the same cell content: Dates by instant, '' and null alike, numbers exactly. */
export function sameFieldValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const blank = (value: FieldValue | undefined): boolean => value === null || value === undefined || value === '';
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (isDateObject(a) || isDateObject(b)) return isDateObject(a) && isDateObject(b) && a.getTime() === b.getTime();
  return a === b;
}

/** The graded values that differ from what the customer row holds (what must be written). */
export function changedValues(current: Values, next: GradedValues): Partial<GradedValues> {
  const changed: Partial<GradedValues> = {};
  for (const key of GRADED_COLUMNS) if (!sameFieldValue(current[key], next[key])) changed[key] = next[key];
  return changed;
}
