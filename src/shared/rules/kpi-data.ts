import type { FieldValue } from '../schema/cells';
import { addDays, startOfMonth, startOfNextMonth, type Instant } from '../time/calendar';
import { localDate, startOfDate } from '../time/local';
import type { Zone } from '../time/zone';

/**
 * The dashboard's raw material (docs/product-rules.md §6): calendar months in the spreadsheet's zone, and the per-customer
 * indexes (contacts, deals, purchases) every figure of kpi.ts is counted from. Pure.
 */
export type Values = Readonly<Record<string, FieldValue | undefined>>;

export function ms(value: FieldValue | undefined): number | null {
  return Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : null;
}

export function text(value: FieldValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function num(value: FieldValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function isLost(customer: Values): boolean {
  return customer.status === 'lost' || customer.status === 'churned';
}

/**
 * A calendar month in the spreadsheet's zone. Records count in it when `start <= t < cutoff`; the cutoff is
 * the end of the month, or just after now for the month under way (rows dated in the future don't count).
 * "As of" figures (active, sleeping, overdue) are taken at `asOf = cutoff - 1 ms`.
 */
export interface MonthPeriod {
  /** 'yyyy-MM' */
  key: string;
  start: Instant;
  end: Instant;
  cutoff: Instant;
  asOf: Instant;
}

/** The month containing `nowMs` (monthsBack 0), the one before (1), and so on. */
export function monthPeriod(nowMs: Instant, zone: Zone, monthsBack: number): MonthPeriod {
  let first = startOfMonth(localDate(nowMs, zone));
  for (let k = 0; k < monthsBack; k++) first = startOfMonth(addDays(first, -1));
  const start = startOfDate(first, zone);
  const end = startOfDate(startOfNextMonth(first), zone);
  const cutoff = Math.min(end, nowMs + 1);
  return { key: first.slice(0, 7), start, end, cutoff, asOf: cutoff - 1 };
}

export function inPeriod(t: number | null, period: MonthPeriod): t is number {
  return t !== null && t >= period.start && t < period.cutoff;
}

/** Ascending instants per customer id. */
export type TimesById = Map<string, number[]>;

function push(map: TimesById, id: string, t: number | null): void {
  if (!id || t === null) return;
  const list = map.get(id);
  if (list) list.push(t);
  else map.set(id, [t]);
}

function sorted(map: TimesById): TimesById {
  for (const list of map.values()) list.sort((a, b) => a - b);
  return map;
}

/** The latest instant before `cutoff` in an ascending list, or null. Binary search: months × customers stays cheap. */
export function latestBefore(list: readonly number[] | undefined, cutoff: number): number | null {
  if (!list || list.length === 0) return null;
  let lo = 0;
  let hi = list.length; // first index with list[i] >= cutoff
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < cutoff) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : (list[lo - 1] as number);
}

export interface CustomerIndex {
  /** Logged contacts (follow-ups with a contact time, either direction) plus the customer's last contact. */
  contacts: TimesById;
  /** Purchases: transactions that are not refunds, by date. */
  purchases: TimesById;
  /** When each customer's deal was closed: the first purchase, "contract signed" follow-up or first purchase at. */
  dealAt: Map<string, number>;
  /** customer id → the customer's record. */
  byId: Map<string, Values>;
}

export function indexCustomers(
  customers: readonly Values[],
  followUps: readonly Values[],
  transactions: readonly Values[],
): CustomerIndex {
  const contacts: TimesById = new Map();
  const purchases: TimesById = new Map();
  const dealAt = new Map<string, number>();
  const byId = new Map<string, Values>();
  const deal = (id: string, t: number | null) => {
    if (!id || t === null) return;
    const known = dealAt.get(id);
    if (known === undefined || t < known) dealAt.set(id, t);
  };
  for (const customer of customers) {
    const id = text(customer.id);
    byId.set(id, customer);
    push(contacts, id, ms(customer.lastContactAt));
    deal(id, ms(customer.firstPurchaseAt));
  }
  for (const followUp of followUps) {
    const id = text(followUp.customerId);
    const at = ms(followUp.at);
    push(contacts, id, at);
    if (followUp.milestone === 'contractSigned') deal(id, at);
  }
  for (const transaction of transactions) {
    if (transaction.refund === true) continue;
    const id = text(transaction.customerId);
    const at = ms(transaction.date);
    push(purchases, id, at);
    deal(id, at);
  }
  return { contacts: sorted(contacts), purchases: sorted(purchases), dealAt, byId };
}

/**
 * What the figures read of Follow-ups for the per-customer index (indexCustomers: contacts and deals), which
 * looks at all of a customer's history, however old (a first deal years ago, the last contact before a month).
 */
export const INDEX_FOLLOW_UP_KEYS = ['customerId', 'at', 'milestone'] as const;

/**
 * The periods the dashboard's figures count rows in, besides the index (docs/product-rules.md §6): tickets and
 * surveys in the current and previous month; follow-ups there too, and in the strategy's windows up to now
 * (touches in the last 90 days, care spend in the last `careDays` days). Instants, inclusive.
 */
export function dashboardPeriods(
  nowMs: Instant,
  zone: Zone,
  careDays: number,
): { months: { from: Instant; to: Instant }; followUps: { from: Instant; to: Instant } } {
  const previous = monthPeriod(nowMs, zone, 1);
  return {
    months: { from: previous.start, to: nowMs },
    followUps: { from: Math.min(previous.start, nowMs - careDays * 86_400_000), to: nowMs },
  };
}
