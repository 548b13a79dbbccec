import type { RuntimeContext } from '../core/context';
import { gasError, notSupported, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import { isValidTimeZone, zonedParts, zonedTimeToUtc } from '../core/timezone';
import { EventType, isoWeekdayOf, TriggerSource } from './script-app-enums';
import type { TriggerRecord, TriggerStore } from './triggers';
import type { ClockSchedule } from './triggers-schedule';

/**
 * What scripts touch of triggers: ScriptApp.newTrigger(fn) → TriggerBuilder → ClockTriggerBuilder →
 * create() → Trigger (reference/script/clock-trigger-builder, reference/script/trigger; docs/apps-script/services.md §1).
 */
export interface TriggerEnvironment {
  readonly store: TriggerStore;
  readonly documentId: string;
  readonly scriptTimeZone: string;
  /** Add-on rules apply (one time-driven trigger per user per document, at most hourly). */
  readonly addOn: boolean;
}

/** Quota table: "Triggers | 20 / user / script" (guides/services/quotas; docs/apps-script/services.md §1). */
export const MAX_TRIGGERS_PER_USER = 20;

export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const TOO_MANY_ADDON_TRIGGERS =
  'This add-on has created too many time-based triggers in this document for this Google user account.';
/**
 * UNCONFIRMED wording: the rule is official ("Time-driven triggers cannot run more frequently than once per
 * hour", workspace/add-ons/concepts/editor-triggers#restrictions_2), the text is not. Thrown at create().
 */
export const ADDON_TOO_FREQUENT =
  'Add-ons cannot create time-based triggers that run more frequently than once per hour.';
/** UNCONFIRMED wording (one emulator uses it); the restriction itself is documented usage. */
export const AT_HOUR_MISUSE = 'atHour() can only be used with everyDays() or everyWeeks().';
/** UNCONFIRMED wording: a clock trigger needs exactly one schedule. */
export const MISSING_SCHEDULE =
  'Clock trigger has no schedule: call after(), at(), atDate(), everyMinutes(), everyHours(), everyDays(), everyWeeks(), onWeekDay() or onMonthDay() before create().';
export const CONFLICTING_SCHEDULE = 'Clock trigger has more than one schedule.';

export class Trigger extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly record: TriggerRecord,
  ) {
    super(ctx);
  }

  getHandlerFunction(): string {
    return this.record.handlerFunction;
  }

  getUniqueId(): string {
    return this.record.uid;
  }

  getEventType(): unknown {
    return EventType.CLOCK;
  }

  /** "a time based trigger returns CLOCK" (reference/script/trigger). */
  getTriggerSource(): unknown {
    return TriggerSource.CLOCK;
  }

  /** "For clock events this returns null." */
  getTriggerSourceId(): null {
    return null;
  }

  _uid(): string {
    return this.record.uid;
  }
}
defineGasClass(Trigger, 'ScriptApp', 'Trigger');

export class TriggerBuilder extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly env: TriggerEnvironment,
    private readonly handlerFunction: string,
  ) {
    super(ctx);
  }

  timeBased(): ClockTriggerBuilder {
    return new ClockTriggerBuilder(this.ctx, this.env, this.handlerFunction);
  }

  // The add-on only installs time-driven triggers; event triggers are not modelled (brief B).
  forSpreadsheet(): never {
    throw notSupported('TriggerBuilder.forSpreadsheet (only time-driven triggers are modelled)');
  }

  forDocument(): never {
    throw notSupported('TriggerBuilder.forDocument');
  }

  forForm(): never {
    throw notSupported('TriggerBuilder.forForm');
  }

  forUserCalendar(): never {
    throw notSupported('TriggerBuilder.forUserCalendar');
  }
}
defineGasClass(TriggerBuilder, 'ScriptApp', 'TriggerBuilder');

const EVERY_MINUTES_ALLOWED = [1, 5, 10, 15, 30];

type OneOff =
  { kind: 'after'; ms: number } | { kind: 'at'; ms: number } | { kind: 'atDate'; y: number; m: number; d: number };

export class ClockTriggerBuilder extends GasObject {
  private oneOff: OneOff | undefined;
  private minutes: number | undefined;
  private hours: number | undefined;
  private days: number | undefined;
  private weeks: number | undefined;
  private weekDay: number | undefined;
  private monthDay: number | undefined;
  private hour: number | undefined;
  private minute: number | undefined;
  private timeZone: string | undefined;

  constructor(
    ctx: RuntimeContext,
    private readonly env: TriggerEnvironment,
    private readonly handlerFunction: string,
  ) {
    super(ctx);
  }

  /** "minimum duration (in milliseconds) after the current time that the trigger runs". */
  after(durationMilliseconds: unknown): this {
    const ms = this._integer([durationMilliseconds], 'after', 0, Number.MAX_SAFE_INTEGER, 'durationMilliseconds');
    this.oneOff = { kind: 'after', ms: this.ctx.now() + ms };
    return this;
  }

  at(date: unknown): this {
    if (!this.ctx.isDate(date) || Number.isNaN(date.getTime())) {
      throw signatureError([date], 'ScriptApp.ClockTriggerBuilder.at');
    }
    this.oneOff = { kind: 'at', ms: date.getTime() };
    return this;
  }

  /** "fires on the given date, by default near midnight" (month is 1–12, as the doc's example). */
  atDate(year: unknown, month: unknown, day: unknown): this {
    const args = [year, month, day];
    this.oneOff = {
      kind: 'atDate',
      y: this._integer(args, 'atDate', 1970, 9999, 'year', year),
      m: this._integer(args, 'atDate', 1, 12, 'month', month),
      d: this._integer(args, 'atDate', 1, 31, 'day', day),
    };
    return this;
  }

  atHour(hour: unknown): this {
    this.hour = this._integer([hour], 'atHour', 0, 23, 'hour');
    return this;
  }

  everyDays(n: unknown): this {
    this.days = this._integer([n], 'everyDays', 1, 100_000, 'n');
    return this;
  }

  /** No documented restriction on n (docs/apps-script/services.md §1); any positive integer is accepted. */
  everyHours(n: unknown): this {
    this.hours = this._integer([n], 'everyHours', 1, 100_000, 'n');
    return this;
  }

  /** "n must be 1, 5, 10, 15 or 30" (clock-trigger-builder). Error wording UNCONFIRMED. */
  everyMinutes(n: unknown): this {
    const value = this._integer([n], 'everyMinutes', 1, 30, 'n');
    if (!EVERY_MINUTES_ALLOWED.includes(value)) {
      throw gasError('Invalid argument: n. everyMinutes() accepts 1, 5, 10, 15 or 30.');
    }
    this.minutes = value;
    return this;
  }

  everyWeeks(n: unknown): this {
    this.weeks = this._integer([n], 'everyWeeks', 1, 100_000, 'n');
    return this;
  }

  /** "An invalid timezone string causes the script to throw an error" — wording UNCONFIRMED. */
  inTimezone(timezone: unknown): this {
    if (typeof timezone !== 'string') throw signatureError([timezone], 'ScriptApp.ClockTriggerBuilder.inTimezone');
    if (!isValidTimeZone(timezone)) throw gasError('Invalid argument: timezone');
    this.timeZone = timezone;
    return this;
  }

  /** The runtime fires exactly at this minute (Apps Script: ± 15 minutes). */
  nearMinute(minute: unknown): this {
    this.minute = this._integer([minute], 'nearMinute', 0, 59, 'minute');
    return this;
  }

  onMonthDay(day: unknown): this {
    this.monthDay = this._integer([day], 'onMonthDay', 1, 31, 'day');
    return this;
  }

  onWeekDay(day: unknown): this {
    const iso = isoWeekdayOf(day);
    if (iso === undefined) throw signatureError([day], 'ScriptApp.ClockTriggerBuilder.onWeekDay');
    this.weekDay = iso;
    return this;
  }

  create(): Trigger {
    const owner = this.ctx.execution.effectiveUser.email;
    const timeZone = this.timeZone ?? this.env.scriptTimeZone;
    const createdAtMs = this.ctx.now();
    const schedule = this._schedule(timeZone, createdAtMs);
    const { store, documentId, addOn } = this.env;
    if (addOn) {
      if (schedule.kind === 'minutes') throw gasError(ADDON_TOO_FREQUENT);
      // "Each add-on can only have one trigger of each type, per user, per document" (editor-triggers).
      if (store.ownedBy(owner, documentId).length > 0) throw gasError(TOO_MANY_ADDON_TRIGGERS);
    }
    if (store.ownedBy(owner).length >= MAX_TRIGGERS_PER_USER) throw gasError(TOO_MANY_TRIGGERS);
    const record = store.add({
      handlerFunction: this.handlerFunction,
      ownerEmail: owner,
      documentId,
      eventType: 'CLOCK',
      schedule,
      timeZone,
      createdAtMs,
    });
    return new Trigger(this.ctx, record);
  }

  /** Turns the builder calls into one schedule, rejecting missing or conflicting ones. */
  _schedule(timeZone: string, createdAtMs: number): ClockSchedule {
    const weekly = this.weeks !== undefined || this.weekDay !== undefined;
    const chosen = [this.oneOff, this.minutes, this.hours, this.days, weekly ? true : undefined, this.monthDay];
    const count = chosen.filter((value) => value !== undefined).length;
    if (count === 0) throw gasError(MISSING_SCHEDULE);
    if (count > 1) throw gasError(CONFLICTING_SCHEDULE);
    const hourAllowed =
      this.days !== undefined || weekly || this.monthDay !== undefined || this.oneOff?.kind === 'atDate';
    if (this.hour !== undefined && !hourAllowed) throw gasError(AT_HOUR_MISUSE);
    // Without atHour the runtime uses midnight (atDate's documented default); Apps Script picks a random
    // hour for everyDays/everyWeeks without atHour — UNCONFIRMED, the deterministic choice is ours.
    const hour = this.hour ?? 0;
    const minute = this.minute ?? 0;
    if (this.oneOff) {
      let atMs: number;
      if (this.oneOff.kind === 'atDate') {
        const { y, m, d } = this.oneOff;
        atMs = zonedTimeToUtc({ year: y, month: m, day: d, hour, minute }, timeZone);
      } else {
        atMs = this.oneOff.ms;
      }
      // A time already past fires at the next trigger check (Apps Script runs overdue one-offs soon).
      return { kind: 'once', atMs: Math.max(atMs, createdAtMs + 1) };
    }
    if (this.minutes !== undefined) return { kind: 'minutes', every: this.minutes };
    if (this.hours !== undefined) return { kind: 'hours', every: this.hours, minute };
    if (this.days !== undefined) return { kind: 'days', every: this.days, hour, minute };
    if (this.monthDay !== undefined) return { kind: 'monthDay', day: this.monthDay, hour, minute };
    // everyWeeks without onWeekDay: the weekday of creation (UNCONFIRMED default).
    const weekDay = this.weekDay ?? zonedParts(createdAtMs, timeZone).isoWeekday;
    return { kind: 'weeks', every: this.weeks ?? 1, weekDay, hour, minute };
  }

  /** Integer argument check: non-numbers do not match the signature; out-of-range values are invalid. */
  _integer(args: unknown[], method: string, min: number, max: number, name: string, value: unknown = args[0]): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw signatureError(args, `ScriptApp.ClockTriggerBuilder.${method}`);
    }
    const n = Math.trunc(value);
    // Apps Script's generic wording for a bad value ("Invalid argument: <parameter>"); UNCONFIRMED here.
    if (n < min || n > max) throw gasError(`Invalid argument: ${name}`);
    return n;
  }
}
defineGasClass(ClockTriggerBuilder, 'ScriptApp', 'ClockTriggerBuilder');
