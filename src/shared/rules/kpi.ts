import type { Zone } from '../time/zone';
import { isOverdue, sleepingBefore, type Segment } from './cadence';
import {
  inPeriod,
  indexCustomers,
  isLost,
  latestBefore,
  monthPeriod,
  ms,
  num,
  text,
  type CustomerIndex,
  type MonthPeriod,
  type Values,
} from './kpi-data';
import { segmentStrategy, type StrategyFigures } from './kpi-strategy';
import type { SettingsValues } from './settings';

export { monthPeriod, type MonthPeriod } from './kpi-data';

/**
 * The dashboard's figures (docs/product-rules.md §6, seed 004's monthly report, seed 002's KPIs), for the current and the
 * previous calendar month, overall and per owner. Pure: records as the table layer reads them (enum KEYS,
 * Dates) in, numbers out; a rate whose denominator is 0 is null, which the sheet shows as "–", never NaN.
 *
 * Definitions (where the product rules leaves room, these are the choices):
 * - total: customers created before the period's cutoff (a row without a creation time always counts);
 *   new: created in the month.
 * - active / sleeping are taken at the period's as-of moment (month end, or now): active = a contact within
 *   sleepingDays (30) local days; sleeping = none for sleepingDays (counted from creation when never
 *   contacted, as cadence.isSleeping). Seed 004 reports the sleeping ones as 流失 (churned). Lost and churned
 *   customers are neither: they count as lost.
 * - lost: status lost or churned. The workbook keeps no status history, so this is today's status of the
 *   customers that existed in the period.
 * - conversion (seed 004: 成交客户数 / 跟进客户数): customers contacted in the month whose deal (first purchase,
 *   "contract signed" follow-up or first purchase date) also falls in the month ÷ customers contacted in it.
 * - follow-ups done: contacts logged in the month; overdue: actions open at the as-of moment whose due had
 *   passed (an action done later still counts as open then).
 * - response rate (seed 002) per current segment: outbound touches in the month answered "yes" ÷ outbound
 *   touches. Repeat-purchase rate: customers touched in the month who bought in it after an earlier purchase
 *   ÷ customers touched; only shown when the workbook has transactions.
 * - tickets reported in the month: mean first response (first response at − reported at, hours) and the
 *   share that breached a due (first response or resolution late as of the as-of moment).
 * - surveys dated in the month: mean overall rating (1–5) and its distribution, mean score (20–100), NPS =
 *   % promoters (9–10) − % detractors (0–6).
 * - Owners: customers, conversion and surveys count for the customer's owner; follow-ups for the rep who
 *   logged them (else the customer's owner); tickets for their assignee (else the customer's owner).
 * - Snapshot figures (core pool, churn risks open / escalated, pipeline by stage) exist only for now:
 *   the workbook keeps no history of those flags.
 */
export interface KpiInput {
  customers: readonly Values[];
  followUps: readonly Values[];
  tickets: readonly Values[];
  satisfaction: readonly Values[];
  transactions: readonly Values[];
  /** Team members' e-mails, each gets a per-owner row even with no customers. */
  team: readonly string[];
  settings: SettingsValues;
  zone: Zone;
  nowMs: number;
  /** Months in the trend (new vs active by month), the current one included. Default 6. */
  trendMonths?: number;
}

export interface PeriodFigures {
  totalCustomers: number;
  newCustomers: number;
  activeCustomers: number;
  sleepingCustomers: number;
  lostCustomers: number;
  followedUpCustomers: number;
  convertedCustomers: number;
  conversionRate: number | null;
  followUpsDone: number;
  overdueFollowUps: number;
  ticketsReported: number;
  ticketsBreached: number;
  slaBreachRate: number | null;
  ticketsAnswered: number;
  avgFirstResponseHours: number | null;
  surveys: number;
  satisfactionMean: number | null;
  /** Surveys per overall rating 1, 2, 3, 4, 5. */
  satisfactionDistribution: [number, number, number, number, number];
  meanScore: number | null;
  npsResponses: number;
  nps: number | null;
}

export const PIPELINE_STAGES = ['initialContact', 'needsAnalysis', 'proposalConfirmed', 'dealClosed'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export interface SnapshotFigures {
  corePool: number;
  churnRisksOpen: number;
  churnRisksEscalated: number;
  /** Customers that are not lost or churned, by stage (an empty stage counts as initial contact). */
  pipeline: Record<PipelineStage, number>;
}

export type TargetStatus = 'ok' | 'below' | 'alert' | 'noData' | 'noTarget';

export interface SegmentFigures {
  segment: Segment;
  customers: number;
  outboundTouches: number;
  responded: number;
  responseRate: number | null;
  /** Target as a fraction (0.8 = 80 %); null for segments without one (regular). */
  responseTarget: number | null;
  responseStatus: TargetStatus;
  touchedCustomers: number;
  repeatBuyers: number;
  repeatRate: number | null;
  repeatTarget: number | null;
  repeatStatus: TargetStatus;
}

export interface MonthTrend {
  key: string;
  newCustomers: number;
  activeCustomers: number;
}

export interface OwnerFigures {
  owner: string;
  current: PeriodFigures;
  previous: PeriodFigures;
  snapshot: SnapshotFigures;
}

export interface DashboardFigures {
  current: MonthPeriod;
  previous: MonthPeriod;
  overall: { current: PeriodFigures; previous: PeriodFigures; snapshot: SnapshotFigures };
  /** Team members first (in team order), then any other owner found in the data ('' = no owner). */
  owners: OwnerFigures[];
  segments: { current: SegmentFigures[]; previous: SegmentFigures[] };
  /** The strategy matrix per segment, actual against target, now and this month (kpi-strategy.ts). */
  strategy: StrategyFigures[];
  trend: MonthTrend[];
  hasTransactions: boolean;
}

export const SEGMENTS: readonly Segment[] = ['highValue', 'growth', 'dormant', 'regular'];

/** A rate with "–" semantics: null when nothing was counted. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

const HOUR_MS = 3_600_000;
const ALL = '*';

interface Tally {
  total: number;
  created: number;
  active: number;
  sleeping: number;
  lost: number;
  followedUp: number;
  converted: number;
  followUpsDone: number;
  overdue: number;
  tickets: number;
  breached: number;
  answered: number;
  responseHours: number;
  surveys: number;
  overallSum: number;
  distribution: [number, number, number, number, number];
  scores: number;
  scoreSum: number;
  npsResponses: number;
  promoters: number;
  detractors: number;
}

function emptyTally(): Tally {
  return {
    total: 0,
    created: 0,
    active: 0,
    sleeping: 0,
    lost: 0,
    followedUp: 0,
    converted: 0,
    followUpsDone: 0,
    overdue: 0,
    tickets: 0,
    breached: 0,
    answered: 0,
    responseHours: 0,
    surveys: 0,
    overallSum: 0,
    distribution: [0, 0, 0, 0, 0],
    scores: 0,
    scoreSum: 0,
    npsResponses: 0,
    promoters: 0,
    detractors: 0,
  };
}

function figures(tally: Tally): PeriodFigures {
  return {
    totalCustomers: tally.total,
    newCustomers: tally.created,
    activeCustomers: tally.active,
    sleepingCustomers: tally.sleeping,
    lostCustomers: tally.lost,
    followedUpCustomers: tally.followedUp,
    convertedCustomers: tally.converted,
    conversionRate: ratio(tally.converted, tally.followedUp),
    followUpsDone: tally.followUpsDone,
    overdueFollowUps: tally.overdue,
    ticketsReported: tally.tickets,
    ticketsBreached: tally.breached,
    slaBreachRate: ratio(tally.breached, tally.tickets),
    ticketsAnswered: tally.answered,
    avgFirstResponseHours: ratio(tally.responseHours, tally.answered),
    surveys: tally.surveys,
    satisfactionMean: ratio(tally.overallSum, tally.surveys),
    satisfactionDistribution: [...tally.distribution],
    meanScore: ratio(tally.scoreSum, tally.scores),
    npsResponses: tally.npsResponses,
    nps: tally.npsResponses > 0 ? ((tally.promoters - tally.detractors) / tally.npsResponses) * 100 : null,
  };
}

/** The survey's score: the computed column, else the mean of the five ratings × 20 (docs/product-rules.md §2). */
function surveyScore(survey: Values): number | null {
  const stored = num(survey.score);
  if (stored !== null) return stored;
  const ratings = ['productQuality', 'responseSpeed', 'communication', 'problemSolving', 'overall'].map((key) =>
    num(survey[key]),
  );
  if (ratings.some((rating) => rating === null)) return null;
  return ((ratings as number[]).reduce((a, b) => a + b, 0) / ratings.length) * 20;
}

/** A due is missed when it passed unanswered by the as-of moment, or the answer came after it. */
function missed(due: number | null, done: number | null, period: MonthPeriod): boolean {
  if (due === null) return false;
  return done !== null && done < period.cutoff ? done > due : period.asOf > due;
}

class PeriodCounter {
  readonly tallies = new Map<string, Tally>([[ALL, emptyTally()]]);

  constructor(
    private readonly input: KpiInput,
    private readonly index: CustomerIndex,
    readonly period: MonthPeriod,
  ) {}

  /** Adds to the overall tally and the owner's. */
  add(owner: string, change: (tally: Tally) => void): void {
    change(this.tallies.get(ALL) as Tally);
    let tally = this.tallies.get(owner);
    if (!tally) this.tallies.set(owner, (tally = emptyTally()));
    change(tally);
  }

  ownerOfCustomer(customerId: string): string {
    return text(this.index.byId.get(customerId)?.owner).toLowerCase();
  }

  run(): this {
    this.countCustomers();
    this.countFollowUps();
    this.countTickets();
    this.countSurveys();
    return this;
  }

  private countCustomers(): void {
    const { period, index } = this;
    const { settings, zone } = this.input;
    // Active (contacted within sleepingDays local days) and sleeping, as one threshold for the period.
    const asleepBefore = sleepingBefore(period.asOf, settings, zone);
    for (const customer of this.input.customers) {
      const created = ms(customer.createdAt);
      if (created !== null && created >= period.cutoff) continue;
      const id = text(customer.id);
      const contacts = index.contacts.get(id);
      const last = latestBefore(contacts, period.cutoff);
      const lost = isLost(customer);
      const active = !lost && last !== null && last >= asleepBefore;
      const sleeping = !lost && (last ?? created ?? 0) < asleepBefore;
      const followedUp = last !== null && last >= period.start;
      const deal = index.dealAt.get(id) ?? null;
      this.add(text(customer.owner).toLowerCase(), (tally) => {
        tally.total++;
        if (inPeriod(created, period)) tally.created++;
        if (active) tally.active++;
        if (sleeping) tally.sleeping++;
        if (lost) tally.lost++;
        if (followedUp) {
          tally.followedUp++;
          if (inPeriod(deal, period)) tally.converted++;
        }
      });
    }
  }

  private countFollowUps(): void {
    const { period } = this;
    for (const followUp of this.input.followUps) {
      const owner = text(followUp.owner).toLowerCase() || this.ownerOfCustomer(text(followUp.customerId));
      const at = ms(followUp.at);
      const existedAt = ms(followUp.createdAt) ?? at;
      const doneAt = ms(followUp.doneAt);
      const openThen =
        (existedAt === null || existedAt < period.cutoff) &&
        (followUp.status === 'open' || (doneAt !== null && doneAt >= period.cutoff));
      const overdue = openThen && isOverdue(ms(followUp.nextActionDue), period.asOf);
      const done = inPeriod(at, period);
      if (!done && !overdue) continue;
      this.add(owner, (tally) => {
        if (done) tally.followUpsDone++;
        if (overdue) tally.overdue++;
      });
    }
  }

  private countTickets(): void {
    const { period } = this;
    for (const ticket of this.input.tickets) {
      const reported = ms(ticket.reportedAt) ?? ms(ticket.createdAt);
      if (!inPeriod(reported, period)) continue;
      const owner = text(ticket.assignee).toLowerCase() || this.ownerOfCustomer(text(ticket.customerId));
      const firstResponseDue = ms(ticket.firstResponseDue);
      const resolutionDue = ms(ticket.resolutionDue);
      const firstResponse = ms(ticket.firstResponseAt);
      const breached =
        firstResponseDue === null && resolutionDue === null
          ? ticket.slaBreached === true
          : missed(firstResponseDue, firstResponse, period) || missed(resolutionDue, ms(ticket.resolvedAt), period);
      const answered = firstResponse !== null && firstResponse < period.cutoff;
      this.add(owner, (tally) => {
        tally.tickets++;
        if (breached) tally.breached++;
        if (answered) {
          tally.answered++;
          tally.responseHours += Math.max(0, (firstResponse as number) - reported) / HOUR_MS;
        }
      });
    }
  }

  private countSurveys(): void {
    const { period } = this;
    for (const survey of this.input.satisfaction) {
      if (!inPeriod(ms(survey.date) ?? ms(survey.createdAt), period)) continue;
      const overall = num(survey.overall);
      const score = surveyScore(survey);
      const nps = num(survey.nps);
      this.add(this.ownerOfCustomer(text(survey.customerId)), (tally) => {
        if (overall !== null && overall >= 1 && overall <= 5) {
          tally.surveys++;
          tally.overallSum += overall;
          tally.distribution[Math.round(overall) - 1]++;
        }
        if (score !== null) {
          tally.scores++;
          tally.scoreSum += score;
        }
        if (nps !== null && nps >= 0 && nps <= 10) {
          tally.npsResponses++;
          if (nps >= 9) tally.promoters++;
          else if (nps <= 6) tally.detractors++;
        }
      });
    }
  }

  figuresOf(owner: string): PeriodFigures {
    return figures(this.tallies.get(owner) ?? emptyTally());
  }
}

function emptySnapshot(): SnapshotFigures {
  return {
    corePool: 0,
    churnRisksOpen: 0,
    churnRisksEscalated: 0,
    pipeline: { initialContact: 0, needsAnalysis: 0, proposalConfirmed: 0, dealClosed: 0 },
  };
}

function snapshots(customers: readonly Values[]): Map<string, SnapshotFigures> {
  const out = new Map<string, SnapshotFigures>([[ALL, emptySnapshot()]]);
  for (const customer of customers) {
    const owner = text(customer.owner).toLowerCase();
    if (!out.has(owner)) out.set(owner, emptySnapshot());
    for (const snapshot of [out.get(ALL), out.get(owner)] as SnapshotFigures[]) {
      if (customer.corePool === true) snapshot.corePool++;
      if (customer.churnRisk === true) snapshot.churnRisksOpen++;
      if (customer.churnEscalated === true) snapshot.churnRisksEscalated++;
      if (!isLost(customer)) {
        const stage = (PIPELINE_STAGES as readonly string[]).includes(text(customer.stage))
          ? (customer.stage as PipelineStage)
          : 'initialContact';
        snapshot.pipeline[stage]++;
      }
    }
  }
  return out;
}

function targetStatus(rate: number | null, target: number | null, alertPercent: number): TargetStatus {
  if (rate === null) return 'noData';
  if (target === null) return 'noTarget';
  if (rate >= target) return 'ok';
  // Seed 002: "响应率低于目标20%时" — read as 20 % of the target (80 % target → alert below 64 %).
  return rate < target * (1 - alertPercent / 100) ? 'alert' : 'below';
}

function segmentFigures(input: KpiInput, index: CustomerIndex, period: MonthPeriod, hasTransactions: boolean) {
  const { settings } = input;
  const targets: Record<Segment, [number | null, number | null]> = {
    highValue: [settings.responseRateTargetHighValue, settings.repeatPurchaseTargetHighValue],
    growth: [settings.responseRateTargetGrowth, settings.repeatPurchaseTargetGrowth],
    dormant: [settings.responseRateTargetDormant, settings.repeatPurchaseTargetDormant],
    regular: [null, null],
  };
  const segmentOf = (customer: Values | undefined): Segment =>
    (SEGMENTS as readonly string[]).includes(text(customer?.segment)) ? (customer?.segment as Segment) : 'regular';
  const counts = new Map<Segment, { customers: number; touches: number; yes: number; touched: Set<string> }>(
    SEGMENTS.map((segment) => [segment, { customers: 0, touches: 0, yes: 0, touched: new Set<string>() }]),
  );
  for (const customer of input.customers) {
    const created = ms(customer.createdAt);
    if (created === null || created < period.cutoff)
      (counts.get(segmentOf(customer)) as { customers: number }).customers++;
  }
  for (const followUp of input.followUps) {
    if (followUp.direction !== 'outbound' || !inPeriod(ms(followUp.at), period)) continue;
    const id = text(followUp.customerId);
    const count = counts.get(segmentOf(index.byId.get(id)));
    if (!count) continue;
    count.touches++;
    if (followUp.responded === 'yes') count.yes++;
    count.touched.add(id);
  }
  return SEGMENTS.map((segment): SegmentFigures => {
    const count = counts.get(segment) as { customers: number; touches: number; yes: number; touched: Set<string> };
    let repeatBuyers = 0;
    for (const id of count.touched) {
      const purchases = index.purchases.get(id) ?? [];
      if (purchases.some((t, i) => i > 0 && inPeriod(t, period))) repeatBuyers++;
    }
    const [responsePercent, repeatPercent] = targets[segment];
    const responseTarget = responsePercent === null ? null : responsePercent / 100;
    const repeatTarget = repeatPercent === null ? null : repeatPercent / 100;
    const responseRate = ratio(count.yes, count.touches);
    const repeatRate = hasTransactions ? ratio(repeatBuyers, count.touched.size) : null;
    return {
      segment,
      customers: count.customers,
      outboundTouches: count.touches,
      responded: count.yes,
      responseRate,
      responseTarget,
      responseStatus: targetStatus(responseRate, responseTarget, settings.responseRateAlertPercent),
      touchedCustomers: count.touched.size,
      repeatBuyers,
      repeatRate,
      repeatTarget,
      repeatStatus: targetStatus(repeatRate, repeatTarget, settings.responseRateAlertPercent),
    };
  });
}

export function computeDashboard(input: KpiInput): DashboardFigures {
  const index = indexCustomers(input.customers, input.followUps, input.transactions);
  const months = Math.max(2, input.trendMonths ?? 6);
  const periods = Array.from({ length: months }, (_, back) => monthPeriod(input.nowMs, input.zone, back));
  const counters = periods.map((period, back) =>
    back < 2 ? new PeriodCounter(input, index, period).run() : counterForTrend(input, index, period),
  );
  const [current, previous] = counters as [PeriodCounter, PeriodCounter];
  const snapshot = snapshots(input.customers);
  const hasTransactions = input.transactions.some((transaction) => ms(transaction.date) !== null);

  const ownerKeys: string[] = [];
  const seen = new Set<string>();
  const addOwner = (owner: string) => {
    if (seen.has(owner)) return;
    seen.add(owner);
    ownerKeys.push(owner);
  };
  for (const email of input.team) addOwner(email.toLowerCase());
  const others = [...current.tallies.keys(), ...previous.tallies.keys(), ...snapshot.keys()]
    .filter((owner) => owner !== ALL && !seen.has(owner))
    .sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  others.forEach(addOwner);

  return {
    current: current.period,
    previous: previous.period,
    overall: {
      current: current.figuresOf(ALL),
      previous: previous.figuresOf(ALL),
      snapshot: snapshot.get(ALL) as SnapshotFigures,
    },
    owners: ownerKeys.map((owner) => ({
      owner,
      current: current.figuresOf(owner),
      previous: previous.figuresOf(owner),
      snapshot: snapshot.get(owner) ?? emptySnapshot(),
    })),
    segments: {
      current: segmentFigures(input, index, current.period, hasTransactions),
      previous: segmentFigures(input, index, previous.period, hasTransactions),
    },
    strategy: segmentStrategy({
      customers: input.customers,
      followUps: input.followUps,
      settings: input.settings,
      nowMs: input.nowMs,
      period: current.period,
    }),
    trend: counters
      .map((counter) => {
        const all = counter.figuresOf(ALL);
        return { key: counter.period.key, newCustomers: all.newCustomers, activeCustomers: all.activeCustomers };
      })
      .reverse(),
    hasTransactions,
  };
}

/** Older trend months need only the customer counts (new, active), not follow-ups, tickets or surveys. */
function counterForTrend(input: KpiInput, index: CustomerIndex, period: MonthPeriod): PeriodCounter {
  return new PeriodCounter({ ...input, followUps: [], tickets: [], satisfaction: [] }, index, period).run();
}
