import type { Instant, LocalDate } from '../time/calendar';
import { addDays, startOfIsoWeek, startOfMonth, startOfNextMonth } from '../time/calendar';
import { addLocalDays, localDate, localDaysBetween, startOfDate } from '../time/local';
import type { Zone } from '../time/zone';
import type { SettingsValues } from './settings';

/**
 * The follow-up cadence (docs/product-rules.md §2, seed 000 step 3, seed 002): when a customer is next due for a touch,
 * the contact caps per segment, and the sleeping / overdue flags. Enum values are the option KEYS of
 * sheets-templates/customers.json (intentGrade, valueTier, segment); unknown or empty values are read
 * as the most conservative choice (low intent, standard tier, regular segment).
 */

export type IntentGrade = 'high' | 'medium' | 'low';
export type ValueTier = 'strategic' | 'key' | 'standard';
export type Segment = 'highValue' | 'growth' | 'dormant' | 'regular';

/**
 * Days between follow-ups: intent high 7, medium 14, low 30 (Settings); strategic and key tiers at most
 * cadenceDaysMaxKeyTier (7) whatever their intent. An unknown or missing grade counts as low.
 */
export function cadenceDays(
  intentGrade: IntentGrade | string | null,
  valueTier: ValueTier | string | null,
  settings: SettingsValues,
): number {
  const byGrade =
    intentGrade === 'high'
      ? settings.cadenceDaysHigh
      : intentGrade === 'medium'
        ? settings.cadenceDaysMedium
        : settings.cadenceDaysLow;
  const keyTier = valueTier === 'strategic' || valueTier === 'key';
  return keyTier ? Math.min(byGrade, settings.cadenceDaysMaxKeyTier) : byGrade;
}

// ---------------------------------------------------------------------------------------------------------
// Contact caps (seed 002): high-value at most 2 outbound touches a week, dormant at most 1 a month, the
// other segments from Settings, 0 meaning no cap.
//
// Windows are calendar windows in the spreadsheet's time zone, not rolling ones, so a rep can see which
// touches count: a "week" is the ISO week, Monday 00:00 to the next Monday 00:00; a "month" is the
// calendar month, the 1st 00:00 to the next 1st 00:00. A window includes its start and excludes its end.
// ---------------------------------------------------------------------------------------------------------

export type CapWindowKind = 'week' | 'month';

export interface ContactWindow {
  kind: CapWindowKind;
  /** First local date of the window (a Monday, or the 1st). */
  startDate: LocalDate;
  /** First local date after the window. */
  endDate: LocalDate;
  /** Local midnight at startDate (inclusive). */
  start: Instant;
  /** Local midnight at endDate (exclusive): where the next window starts. */
  end: Instant;
}

export function contactWindow(kind: CapWindowKind, at: Instant, zone: Zone): ContactWindow {
  const date = localDate(at, zone);
  const startDate = kind === 'week' ? startOfIsoWeek(date) : startOfMonth(date);
  const endDate = kind === 'week' ? addDays(startDate, 7) : startOfNextMonth(date);
  return { kind, startDate, endDate, start: startOfDate(startDate, zone), end: startOfDate(endDate, zone) };
}

export interface ContactCap {
  /** Most outbound touches per window; null when the segment has no cap (Settings value 0). */
  cap: number | null;
  kind: CapWindowKind;
}

export function contactCapOf(segment: Segment | string | null, settings: SettingsValues): ContactCap {
  const capOf = (value: number, kind: CapWindowKind): ContactCap => ({ cap: value > 0 ? value : null, kind });
  switch (segment) {
    case 'highValue':
      return capOf(settings.contactCapHighValuePerWeek, 'week');
    case 'dormant':
      return capOf(settings.contactCapDormantPerMonth, 'month');
    case 'growth':
      return capOf(settings.contactCapGrowthPerWeek, 'week');
    default:
      return capOf(settings.contactCapRegularPerWeek, 'week');
  }
}

export interface ContactCapCheck {
  /** null: no cap for this segment. */
  cap: number | null;
  /** Outbound touches already logged in the window containing `at`. */
  used: number;
  /** Touches still allowed in the window (null: no cap). */
  remaining: number | null;
  window: ContactWindow;
  /** True when one more outbound touch at `at` goes over the cap: the form warns the rep. */
  exceeded: boolean;
}

/**
 * Whether an outbound touch at `at` stays within the segment's cap. `outboundTouches` are the instants of
 * the touches already logged (not including the one being checked).
 */
export function contactCapCheck(
  segment: Segment | string | null,
  outboundTouches: readonly Instant[],
  at: Instant,
  settings: SettingsValues,
  zone: Zone,
): ContactCapCheck {
  const { cap, kind } = contactCapOf(segment, settings);
  const window = contactWindow(kind, at, zone);
  let used = 0;
  for (const touch of outboundTouches) if (touch >= window.start && touch < window.end) used++;
  return {
    cap,
    used,
    remaining: cap === null ? null : Math.max(0, cap - used),
    window,
    exceeded: cap !== null && used >= cap,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Next follow-up due
// ---------------------------------------------------------------------------------------------------------

export interface FollowUpInput {
  /** Last logged contact (either direction); null for a customer nobody has contacted yet. */
  lastContactAt: Instant | null;
  createdAt: Instant;
  intentGrade: IntentGrade | string | null;
  valueTier: ValueTier | string | null;
  segment: Segment | string | null;
  corePool: boolean;
  doNotContact: boolean;
  /** The due date of an open follow-up the rep set by hand ("next action due"): it wins (docs/product-rules.md §2). */
  explicitDue: Instant | null;
  /** Recent outbound touches, for the contact cap. */
  outboundTouches: readonly Instant[];
  /** Core pool only: the last deep revisit; the 90-day clock starts at createdAt when there was none. */
  lastDeepRevisitAt?: Instant | null;
}

/** Why the due date is what it is; the scheduled kinds are followUps.reason keys. */
export type FollowUpDueReason = 'doNotContact' | 'explicit' | 'firstInterview' | 'cadence' | 'deepRevisit';

export interface FollowUpDue {
  /** null: nothing is scheduled (do-not-contact customers). */
  due: Instant | null;
  reason: FollowUpDueReason;
  /** The cadence used (days), 0 when none was. */
  cadenceDays: number;
  /** The date the cadence asked for when the contact cap moved it to a later window, else null. */
  postponedFrom: Instant | null;
}

/** Windows to look ahead for room under the cap; touches are past events, so one or two suffice. */
const MAX_WINDOWS_AHEAD = 60;

/**
 * When the customer is next due (docs/product-rules.md §2):
 * - do-not-contact: nothing is scheduled;
 * - an explicit next-action due date wins as it is (the rep chose it, the cap is the form's warning);
 * - else last contact + cadence (cadenceDays), or creation + cadence for a customer never contacted
 *   (the first-interview action); a core-pool customer's deep revisit (every 90 days from the last one)
 *   replaces it when that comes first. Days are local calendar days at the same wall time;
 * - the cadence never schedules past the contact cap: when the window (ISO week or calendar month) that
 *   contains the proposed date already holds `cap` outbound touches, the date moves to the start of the
 *   next window with room (local midnight on Monday or the 1st).
 */
export function nextFollowUpDue(input: FollowUpInput, settings: SettingsValues, zone: Zone): FollowUpDue {
  if (input.doNotContact) return { due: null, reason: 'doNotContact', cadenceDays: 0, postponedFrom: null };
  if (input.explicitDue !== null) {
    return { due: input.explicitDue, reason: 'explicit', cadenceDays: 0, postponedFrom: null };
  }
  const days = cadenceDays(input.intentGrade, input.valueTier, settings);
  let reason: FollowUpDueReason = input.lastContactAt === null ? 'firstInterview' : 'cadence';
  let proposed = addLocalDays(input.lastContactAt ?? input.createdAt, days, zone);
  if (input.corePool) {
    const revisit = corePoolRevisitDue(input.lastDeepRevisitAt ?? input.createdAt, settings, zone);
    if (revisit < proposed) {
      proposed = revisit;
      reason = 'deepRevisit';
    }
  }
  let due = proposed;
  for (let window = 0; window < MAX_WINDOWS_AHEAD; window++) {
    const check = contactCapCheck(input.segment, input.outboundTouches, due, settings, zone);
    if (!check.exceeded) break;
    due = check.window.end;
  }
  return { due, reason, cadenceDays: days, postponedFrom: due === proposed ? null : proposed };
}

/** A new customer's first-interview action: due by the cadence of its intent grade (and tier) from creation. */
export function firstInterviewDue(
  createdAt: Instant,
  intentGrade: IntentGrade | string | null,
  valueTier: ValueTier | string | null,
  settings: SettingsValues,
  zone: Zone,
): Instant {
  return addLocalDays(createdAt, cadenceDays(intentGrade, valueTier, settings), zone);
}

/** Core-pool customers get a deep revisit every corePoolRevisitDays (90, quarterly, seed 000). */
export function corePoolRevisitDue(lastDeepRevisitOrCreatedAt: Instant, settings: SettingsValues, zone: Zone): Instant {
  return addLocalDays(lastDeepRevisitOrCreatedAt, settings.corePoolRevisitDays, zone);
}

/** A due date has passed (an open follow-up, or a customer with no newer contact). No due date: never. */
export function isOverdue(due: Instant | null, now: Instant): boolean {
  return due !== null && now > due;
}

/**
 * Sleeping (docs/product-rules.md §2, seed 004's 沉默客户): no contact for sleepingDays (30) local calendar days, counted
 * from creation for a customer never contacted. Distinct from the dormant segment.
 */
export function isSleeping(
  lastContactAt: Instant | null,
  createdAt: Instant,
  now: Instant,
  settings: SettingsValues,
  zone: Zone,
): boolean {
  return localDaysBetween(lastContactAt ?? createdAt, now, zone) >= settings.sleepingDays;
}

/**
 * isSleeping for many customers at one `now`: the instant before which a last contact (or creation) makes a
 * customer sleeping, the start of the local day sleepingDays − 1 days before today. One comparison a customer
 * instead of two local-date conversions (My day tests tens of thousands at 100k customers).
 */
export function sleepingBefore(now: Instant, settings: SettingsValues, zone: Zone): Instant {
  return startOfDate(addDays(localDate(now, zone), 1 - settings.sleepingDays), zone);
}
