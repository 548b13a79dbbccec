import type { Instant, LocalDate } from '../time/calendar';
import { addDays, dateInYear, dateParts, parseMonthDay } from '../time/calendar';
import { addLocalDays, localDate, startOfDate } from '../time/local';
import type { Holidays } from '../time/working-days';
import { addHoursOnWorkingDays, addWorkingDays } from '../time/working-days';
import type { Zone } from '../time/zone';
import { dateOfCell, isDateObject } from './settings-parse';
import type { SettingsValues } from './settings';

/**
 * Deadlines of the deals-and-delivery milestones, tickets, low-satisfaction follow-ups and care dates
 * (docs/product-rules.md §2, seeds 000, 003, 004). Two kinds of durations, as the product rules words them:
 * - "N working days after": the same wall time N working days later (Mon–Fri minus Settings holidays);
 * - "within N hours": N elapsed hours, moved to the same wall time on the next working day when it lands
 *   on a weekend or holiday.
 * Calendar-day periods (the weekly delivery update, care dates) ignore working days.
 * `holidays` defaults to the Settings holidays.
 */

/** The needs-analysis sheet is due needsAnalysisHours (24) after the needs interview. */
export function needsAnalysisDue(
  interviewAt: Instant,
  settings: SettingsValues,
  zone: Zone,
  holidays: Holidays = settings.holidays,
): Instant {
  return addHoursOnWorkingDays(interviewAt, settings.needsAnalysisHours, zone, holidays);
}

/** A low survey rating or ticket score: a follow-up for the owner within lowSatisfactionFollowUpHours (24). */
export function lowSatisfactionDue(
  at: Instant,
  settings: SettingsValues,
  zone: Zone,
  holidays: Holidays = settings.holidays,
): Instant {
  return addHoursOnWorkingDays(at, settings.lowSatisfactionFollowUpHours, zone, holidays);
}

/**
 * The action a milestone (or process event) starts. All but needsAnalysis are followUps.reason keys;
 * needsAnalysis is the customer's needs-analysis due (Customers.needsAnalysisDue), not a follow-up row.
 */
export type DeadlineAction =
  | 'needsAnalysis'
  | 'proposalDue'
  | 'objectionAnswer'
  | 'handoverDue'
  | 'deliveryUpdateDue'
  | 'acceptanceDue'
  | 'surveyDue'
  | 'suggestionAnswer';

/**
 * What starts a deadline: a followUps.milestone key, or one of the events that are not follow-up
 * milestones: the needs analysis saved, a ticket resolved, a survey answer with suggestions.
 */
export type DeadlineEvent =
  | 'none'
  | 'needsInterview'
  | 'proposalSent'
  | 'objection'
  | 'contractSigned'
  | 'handover'
  | 'deliveryUpdate'
  | 'delivered'
  | 'accepted'
  | 'survey'
  | 'revisit'
  | 'needsAnalyzed'
  | 'ticketResolved'
  | 'surveySuggestion';

export interface Deadline {
  action: DeadlineAction;
  due: Instant;
}

/**
 * The deadline a milestone starts (docs/product-rules.md §2 "Deals and delivery", seed 000 steps 4–5), or null for those
 * without one (none, proposalSent, survey, revisit, unknown keys):
 * - needsInterview → needs analysis within 24 h;
 * - needsAnalyzed → proposal 3 working days later;
 * - objection → answered within 24 h;
 * - contractSigned → handover 1 working day later;
 * - handover, deliveryUpdate → the next delivery update 7 days later, while delivering;
 * - delivered → acceptance 3 working days later;
 * - accepted, ticketResolved → survey 7 working days later;
 * - surveySuggestion → the suggestion answered within 15 working days.
 */
export function milestoneDeadline(
  milestone: DeadlineEvent | string,
  at: Instant,
  settings: SettingsValues,
  zone: Zone,
  holidays: Holidays = settings.holidays,
): Deadline | null {
  const workingDays = (action: DeadlineAction, days: number): Deadline => ({
    action,
    due: addWorkingDays(at, days, zone, holidays),
  });
  const hours = (action: DeadlineAction, count: number): Deadline => ({
    action,
    due: addHoursOnWorkingDays(at, count, zone, holidays),
  });
  switch (milestone) {
    case 'needsInterview':
      return hours('needsAnalysis', settings.needsAnalysisHours);
    case 'needsAnalyzed':
      return workingDays('proposalDue', settings.proposalDueWorkingDays);
    case 'objection':
      return hours('objectionAnswer', settings.objectionResponseHours);
    case 'contractSigned':
      return workingDays('handoverDue', settings.handoverDueWorkingDays);
    case 'handover':
    case 'deliveryUpdate':
      return { action: 'deliveryUpdateDue', due: addLocalDays(at, settings.deliveryUpdateDays, zone) };
    case 'delivered':
      return workingDays('acceptanceDue', settings.acceptanceDueWorkingDays);
    case 'accepted':
    case 'ticketResolved':
      return workingDays('surveyDue', settings.surveyDueWorkingDays);
    case 'surveySuggestion':
      return workingDays('suggestionAnswer', settings.suggestionAnswerWorkingDays);
    default:
      return null;
  }
}

export type TicketPriority = 'high' | 'medium' | 'low';

export interface TicketDues {
  firstResponseDue: Instant;
  resolutionDue: Instant;
}

/**
 * A ticket's dues by priority (docs/product-rules.md §2, seed 003): first response in hours (high 4, medium 24, low 72;
 * landing on a non-working day moves it to the same time on the next working day), resolution in working
 * days (1 / 2 / 5) at the time of day it was reported. An unknown priority is treated as medium.
 */
export function ticketDues(
  priority: TicketPriority | string | null,
  reportedAt: Instant,
  settings: SettingsValues,
  zone: Zone,
  holidays: Holidays = settings.holidays,
): TicketDues {
  const [hours, days] =
    priority === 'high'
      ? [settings.ticketFirstResponseHoursHigh, settings.ticketResolutionDaysHigh]
      : priority === 'low'
        ? [settings.ticketFirstResponseHoursLow, settings.ticketResolutionDaysLow]
        : [settings.ticketFirstResponseHoursMedium, settings.ticketResolutionDaysMedium];
  return {
    firstResponseDue: addHoursOnWorkingDays(reportedAt, hours, zone, holidays),
    resolutionDue: addWorkingDays(reportedAt, days, zone, holidays),
  };
}

export interface CareReminder {
  /** The next birthday / anniversary on or after today (local date). */
  occurrence: LocalDate;
  /** careReminderDaysBefore (7) days before it. */
  reminderDate: LocalDate;
  /** Local midnight of reminderDate; in the past when the occurrence is less than 7 days away. */
  due: Instant;
}

/**
 * The next care action for a birthday or partnership anniversary (seed 003): careReminderDaysBefore
 * (7) calendar days before its next occurrence on or after today. The date may be a full date
 * ('1985-06-01', '1985/6/1', '1985年6月1日', a date cell) or a month and day ('06-01', '6月1日'); Feb 29
 * falls on Feb 28 in common years. Null when the value is empty or not a date.
 */
export function careReminderDue(
  birthdayOrAnniversary: string | Date | null,
  now: Instant,
  settings: SettingsValues,
  zone: Zone,
): CareReminder | null {
  if (birthdayOrAnniversary === null) return null;
  const monthDay = isDateObject(birthdayOrAnniversary)
    ? dateParts(dateOfCell(birthdayOrAnniversary, zone))
    : parseMonthDay(birthdayOrAnniversary);
  if (!monthDay) return null;
  const today = localDate(now, zone);
  const year = dateParts(today).year;
  let occurrence = dateInYear(year, monthDay.month, monthDay.day);
  if (occurrence < today) occurrence = dateInYear(year + 1, monthDay.month, monthDay.day);
  const reminderDate = addDays(occurrence, -settings.careReminderDaysBefore);
  return { occurrence, reminderDate, due: startOfDate(reminderDate, zone) };
}
