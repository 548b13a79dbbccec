import type { Segment } from './cadence';
import { inPeriod, isLost, ms, text, type MonthPeriod, type Values } from './kpi-data';
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
 * - Yearly care budget: the Settings target only. No care cost is recorded anywhere in the workbook (follow-ups
 *   and transactions carry no cost), so there is no actual figure: the dashboard shows "–".
 */
export const STRATEGY_SEGMENTS = ['highValue', 'growth', 'dormant'] as const satisfies readonly Segment[];
export type StrategySegment = (typeof STRATEGY_SEGMENTS)[number];

export const TOUCH_WINDOW_DAYS = 90;
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
      };
    case 'growth':
      return {
        touchDays: s.strategyGrowthCareDays,
        channels: s.strategyGrowthChannels,
        loadMin: s.strategyLoadGrowthMin,
        loadMax: s.strategyLoadGrowthMax,
        budget: { bound: 'atLeast', amount: s.strategyBudgetGrowthMin },
      };
    case 'dormant':
      return {
        touchDays: s.strategyDormantWakeUpDays,
        channels: s.strategyDormantChannels,
        loadMin: s.strategyLoadDormantMin,
        loadMax: s.strategyLoadDormantMax,
        budget: { bound: 'atMost', amount: s.strategyBudgetDormantMax },
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

function isStrategySegment(value: unknown): value is StrategySegment {
  return (STRATEGY_SEGMENTS as readonly unknown[]).includes(value);
}

interface Tally {
  customers: number;
  touches: number;
  monthTouches: number;
  targetChannelTouches: number;
  perOwner: Map<string, number>;
}

export function segmentStrategy(input: StrategyInput): StrategyFigures[] {
  const { settings, nowMs, period } = input;
  const tallies = new Map<StrategySegment, Tally>(
    STRATEGY_SEGMENTS.map((segment) => [
      segment,
      { customers: 0, touches: 0, monthTouches: 0, targetChannelTouches: 0, perOwner: new Map() },
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
  for (const followUp of input.followUps) {
    if (followUp.direction !== 'outbound') continue;
    const member = members.get(text(followUp.customerId));
    if (!member) continue;
    const at = ms(followUp.at);
    if (at === null) continue;
    const tally = tallies.get(member.segment) as Tally;
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
    };
  });
}
