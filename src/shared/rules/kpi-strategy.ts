import type { Segment } from './cadence';
import { inPeriod, isLost, ms, num, text, type MonthPeriod, type Values } from './kpi-data';
import type { SettingsValues } from './settings';

/**
 * The segment strategy matrix (seed 002, issue 13) on the dashboard: per strategy segment (high-value,
 * growth, dormant), what was done against the Settings targets (strategy* keys). Pure.
 *
 * Definitions (the choices where the issue leaves room):
 * - Touch interval: the average number of days between outbound touches per customer over the last
 *   TOUCH_WINDOW_DAYS (90) days up to now = 90 × customers ÷ outbound touches in the window. Customers are the
 *   segment's current members that are not lost or churned (created before now); customers never touched
 *   count too, so they lengthen the interval. No touch at all: "–". Target: the light-touch (high-value), care
 *   (growth) and wake-up (dormant) days. Judged as a frequency (1 ÷ interval) like the response rate: on
 *   target when interval ≤ target days, an alert when the frequency is responseRateAlertPercent (20) % or more
 *   under the target's (interval > target ÷ 0.8), else below target.
 * - Channel share: outbound touches in the month to the segment's customers made through one of its target
 *   channels (strategy*Channels) ÷ outbound touches in the month to them. No target (empty list) or no touch: "–".
 * - Staff load: the segment's customers (not lost or churned) per owner, as min–max over the owners that have
 *   at least one of them (customers without an owner are left out). Within the Settings range: on target.
 * - Care spend (issue 19 item 4): the costs recorded on the follow-ups (Follow-ups `cost`, yuan; a form left
 *   blank stores the channel's default from Settings) dated in the last CARE_WINDOW_DAYS (365) days up to now,
 *   either direction, of the segment's current customers. A follow-up without a cost (typed by hand, older
 *   than the column, a scheduled action) counts nothing; negative amounts are ignored.
 *   - Per customer: spend ÷ customers (customers without any cost count, as 0). Against the yearly care
 *     budget per customer: a floor (high-value ≥ 500, growth ≥ 200) is on target at or above it, an alert
 *     responseRateAlertPercent (20) % or more under it; a ceiling (dormant ≤ 50) is on target at or below it,
 *     an alert 20 % or more over it (seed 002's "single-customer cost over budget by 20 %"); else below.
 *   - Over budget: for a ceiling, the customers whose own spend is above it, worst first (a floor has none:
 *     "–"). None: on target; any 20 % or more over: an alert; else below.
 *   - Cost per touch: spend ÷ the follow-ups with a cost, against strategyCostPerTouch*Max (growth ≤ 30,
 *     dormant ≤ 10; high-value has none: "–"), judged as a ceiling.
 */
export const STRATEGY_SEGMENTS = ['highValue', 'growth', 'dormant'] as const satisfies readonly Segment[];
export type StrategySegment = (typeof STRATEGY_SEGMENTS)[number];

export const TOUCH_WINDOW_DAYS = 90;
/** The care-spend window: the last 12 months. */
export const CARE_WINDOW_DAYS = 365;
/** How many over-budget customers the dashboard names. */
export const OVER_BUDGET_LISTED = 5;
const DAY_MS = 86_400_000;

export type StrategyStatus = 'ok' | 'below' | 'alert' | 'noData';

export interface StrategyFigures {
  segment: StrategySegment;
  /** Not lost or churned, created before now. */
  customers: number;
  touchesInWindow: number;
  touchIntervalDays: number | null;
  touchTargetDays: number;
  touchStatus: StrategyStatus;
  monthTouches: number;
  targetChannelTouches: number;
  channelShare: number | null;
  /** Channel keys from Settings. */
  targetChannels: readonly string[];
  owners: number;
  loadMin: number | null;
  loadMax: number | null;
  loadTargetMin: number;
  loadTargetMax: number;
  /** 'below' means outside the range (under the minimum or over the maximum). */
  loadStatus: StrategyStatus;
  /** Yuan per customer per year; `bound` says whether the target is a floor or a ceiling. */
  budgetTarget: { bound: 'atLeast' | 'atMost'; amount: number };
  /** Yuan recorded on the current customers' follow-ups in the last CARE_WINDOW_DAYS. */
  careSpend: number;
  /** Follow-ups of theirs in the window with a cost. */
  costedTouches: number;
  /** careSpend ÷ customers; null without customers. */
  careSpendPerCustomer: number | null;
  budgetStatus: StrategyStatus;
  /** For a ceiling budget: the customers spent above it, worst first (ids and yuan); null for a floor. */
  overBudget: { count: number; first: { id: string; spend: number }[] } | null;
  overBudgetStatus: StrategyStatus;
  /** careSpend ÷ costedTouches; null without one. */
  costPerTouch: number | null;
  /** Yuan per touch, at most; null when Settings has none for the segment. */
  costPerTouchTarget: number | null;
  costPerTouchStatus: StrategyStatus;
}

export interface StrategyInput {
  customers: readonly Values[];
  followUps: readonly Values[];
  settings: SettingsValues;
  nowMs: number;
  /** The month the channel share is counted in. */
  period: MonthPeriod;
}

interface SegmentTargets {
  touchDays: number;
  channels: readonly string[];
  loadMin: number;
  loadMax: number;
  budget: StrategyFigures['budgetTarget'];
  costPerTouchMax: number | null;
}

function targetsOf(segment: StrategySegment, s: SettingsValues): SegmentTargets {
  switch (segment) {
    case 'highValue':
      return {
        touchDays: s.strategyHighValueLightTouchDays,
        channels: s.strategyHighValueChannels,
        loadMin: s.strategyLoadHighValueMin,
        loadMax: s.strategyLoadHighValueMax,
        budget: { bound: 'atLeast', amount: s.strategyBudgetHighValueMin },
        costPerTouchMax: null,
      };
    case 'growth':
      return {
        touchDays: s.strategyGrowthCareDays,
        channels: s.strategyGrowthChannels,
        loadMin: s.strategyLoadGrowthMin,
        loadMax: s.strategyLoadGrowthMax,
        budget: { bound: 'atLeast', amount: s.strategyBudgetGrowthMin },
        costPerTouchMax: s.strategyCostPerTouchGrowthMax,
      };
    case 'dormant':
      return {
        touchDays: s.strategyDormantWakeUpDays,
        channels: s.strategyDormantChannels,
        loadMin: s.strategyLoadDormantMin,
        loadMax: s.strategyLoadDormantMax,
        budget: { bound: 'atMost', amount: s.strategyBudgetDormantMax },
        costPerTouchMax: s.strategyCostPerTouchDormantMax,
      };
  }
}

/** Interval against target days, judged as a frequency (see above). */
export function touchStatus(interval: number | null, targetDays: number, alertPercent: number): StrategyStatus {
  if (interval === null) return 'noData';
  if (interval <= targetDays) return 'ok';
  const frequency = 1 / interval;
  return frequency < (1 / targetDays) * (1 - alertPercent / 100) ? 'alert' : 'below';
}

/**
 * An amount against a budget (see above): a floor is missed when under it (an alert `alertPercent` % or more
 * under), a ceiling when over it (an alert `alertPercent` % or more over).
 */
export function budgetStatus(
  actual: number | null,
  target: StrategyFigures['budgetTarget'],
  alertPercent: number,
): StrategyStatus {
  if (actual === null) return 'noData';
  const share = alertPercent / 100;
  if (target.bound === 'atLeast') {
    if (actual >= target.amount) return 'ok';
    return actual < target.amount * (1 - share) ? 'alert' : 'below';
  }
  if (actual <= target.amount) return 'ok';
  return actual > target.amount * (1 + share) ? 'alert' : 'below';
}

function isStrategySegment(value: unknown): value is StrategySegment {
  return (STRATEGY_SEGMENTS as readonly unknown[]).includes(value);
}

interface Tally {
  customers: number;
  touches: number;
  monthTouches: number;
  targetChannelTouches: number;
  perOwner: Map<string, number>;
  spend: number;
  costedTouches: number;
  /** customer id → yuan in the care window (current members with a cost only). */
  spendByCustomer: Map<string, number>;
}

export function segmentStrategy(input: StrategyInput): StrategyFigures[] {
  const { settings, nowMs, period } = input;
  const tallies = new Map<StrategySegment, Tally>(
    STRATEGY_SEGMENTS.map((segment) => [
      segment,
      {
        customers: 0,
        touches: 0,
        monthTouches: 0,
        targetChannelTouches: 0,
        perOwner: new Map(),
        spend: 0,
        costedTouches: 0,
        spendByCustomer: new Map(),
      },
    ]),
  );
  /** customer id → [segment, still a member for the per-customer figures (not lost)]. */
  const members = new Map<string, { segment: StrategySegment; current: boolean }>();
  for (const customer of input.customers) {
    if (!isStrategySegment(customer.segment)) continue;
    const created = ms(customer.createdAt);
    const exists = created === null || created <= nowMs;
    const current = exists && !isLost(customer);
    members.set(text(customer.id), { segment: customer.segment, current });
    if (!current) continue;
    const tally = tallies.get(customer.segment) as Tally;
    tally.customers++;
    const owner = text(customer.owner).trim().toLowerCase();
    if (owner) tally.perOwner.set(owner, (tally.perOwner.get(owner) ?? 0) + 1);
  }
  const windowStart = nowMs - TOUCH_WINDOW_DAYS * DAY_MS;
  const careStart = nowMs - CARE_WINDOW_DAYS * DAY_MS;
  for (const followUp of input.followUps) {
    const id = text(followUp.customerId);
    const member = members.get(id);
    if (!member) continue;
    const at = ms(followUp.at);
    if (at === null) continue;
    const tally = tallies.get(member.segment) as Tally;
    const cost = num(followUp.cost);
    if (member.current && cost !== null && cost >= 0 && at > careStart && at <= nowMs) {
      tally.spend += cost;
      tally.costedTouches++;
      tally.spendByCustomer.set(id, (tally.spendByCustomer.get(id) ?? 0) + cost);
    }
    if (followUp.direction !== 'outbound') continue;
    if (member.current && at > windowStart && at <= nowMs) tally.touches++;
    if (inPeriod(at, period)) {
      tally.monthTouches++;
      if (targetsOf(member.segment, settings).channels.includes(text(followUp.channel))) tally.targetChannelTouches++;
    }
  }
  return STRATEGY_SEGMENTS.map((segment): StrategyFigures => {
    const tally = tallies.get(segment) as Tally;
    const targets = targetsOf(segment, settings);
    const interval =
      tally.touches > 0 && tally.customers > 0 ? (TOUCH_WINDOW_DAYS * tally.customers) / tally.touches : null;
    const loads = [...tally.perOwner.values()];
    const alertPercent = settings.responseRateAlertPercent;
    const perCustomer = tally.customers > 0 ? round2(tally.spend / tally.customers) : null;
    const costPerTouch = tally.costedTouches > 0 ? round2(tally.spend / tally.costedTouches) : null;
    const over = targets.budget.bound === 'atMost' ? overBudget(tally.spendByCustomer, targets.budget.amount) : null;
    const loadMin = loads.length ? Math.min(...loads) : null;
    const loadMax = loads.length ? Math.max(...loads) : null;
    return {
      segment,
      customers: tally.customers,
      touchesInWindow: tally.touches,
      touchIntervalDays: interval,
      touchTargetDays: targets.touchDays,
      touchStatus: touchStatus(interval, targets.touchDays, settings.responseRateAlertPercent),
      monthTouches: tally.monthTouches,
      targetChannelTouches: tally.targetChannelTouches,
      channelShare:
        tally.monthTouches > 0 && targets.channels.length > 0 ? tally.targetChannelTouches / tally.monthTouches : null,
      targetChannels: targets.channels,
      owners: loads.length,
      loadMin,
      loadMax,
      loadTargetMin: targets.loadMin,
      loadTargetMax: targets.loadMax,
      loadStatus:
        loadMin === null || loadMax === null
          ? 'noData'
          : loadMin >= targets.loadMin && loadMax <= targets.loadMax
            ? 'ok'
            : 'below',
      budgetTarget: targets.budget,
      careSpend: round2(tally.spend),
      costedTouches: tally.costedTouches,
      careSpendPerCustomer: perCustomer,
      budgetStatus: budgetStatus(perCustomer, targets.budget, alertPercent),
      overBudget: over && { count: over.length, first: over.slice(0, OVER_BUDGET_LISTED) },
      overBudgetStatus:
        over === null
          ? 'noData'
          : over.length === 0
            ? 'ok'
            : over.some((customer) => budgetStatus(customer.spend, targets.budget, alertPercent) === 'alert')
              ? 'alert'
              : 'below',
      costPerTouch,
      costPerTouchTarget: targets.costPerTouchMax,
      costPerTouchStatus:
        targets.costPerTouchMax === null
          ? 'noData'
          : budgetStatus(costPerTouch, { bound: 'atMost', amount: targets.costPerTouchMax }, alertPercent),
    };
  });
}

/** Yuan to the cent: sums of decimal amounts (0.1 + 0.2) read as typed. */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The customers spent above a ceiling, the most first (ids in order on a tie). */
function overBudget(spendByCustomer: ReadonlyMap<string, number>, ceiling: number): { id: string; spend: number }[] {
  return [...spendByCustomer]
    .map(([id, spend]) => ({ id, spend: round2(spend) }))
    .filter((customer) => customer.spend > ceiling)
    .sort((a, b) => b.spend - a.spend || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
