import type { StatePart } from '../core/state';
import { zonedParts } from '../core/timezone';
import { isoWeekOfYear, occurrencesBetween, type ClockSchedule } from './triggers-schedule';

/**
 * The installed time-driven triggers of the project, across users and documents. Scripts see them through
 * ScriptApp (script-app.ts); the harness and tests use this store directly (not metered) to list them and
 * to learn which came due when the virtual clock moved.
 */
export interface TriggerRecord {
  /** getUniqueId(): a decimal string, as Apps Script's (e.g. "4034124084959907503"). */
  readonly uid: string;
  readonly handlerFunction: string;
  /** The effective user of the execution that created it; the trigger runs as this user. */
  readonly ownerEmail: string;
  /** The document the add-on was used in when creating it (add-on rules are per user per document). */
  readonly documentId: string;
  readonly eventType: 'CLOCK';
  readonly schedule: ClockSchedule;
  /** inTimezone(tz), else the script's time zone. */
  readonly timeZone: string;
  readonly createdAtMs: number;
}

/**
 * The time-driven event object (docs/apps-script/services.md §1, guides/triggers/events#time-driven_events). Dashed names
 * must be read as e['day-of-month'].
 */
export interface TimeDrivenEvent {
  authMode: unknown;
  'day-of-month': number;
  'day-of-week': number;
  hour: number;
  minute: number;
  month: number;
  second: number;
  timezone: string;
  triggerUid: string;
  'week-of-year': number;
  year: number;
}

export interface DueTrigger extends TriggerRecord {
  /** When it fires (the deterministic start of Apps Script's firing window, see triggers-schedule.ts). */
  readonly atMs: number;
  readonly event: TimeDrivenEvent;
}

/** The first id handed out; later ids count up from it so tests see stable ids. */
const FIRST_UID = 4034124084959907503n;

export class TriggerStore {
  private records: TriggerRecord[] = [];
  private nextSeq = 0;

  /** @param fullAuthMode ScriptApp.AuthMode.FULL, the authMode of every time-driven event. */
  constructor(private readonly fullAuthMode: unknown) {}

  /** Every installed trigger, oldest first (copies: changing them changes nothing). */
  list(): TriggerRecord[] {
    return this.records.map((record) => ({ ...record, schedule: { ...record.schedule } }));
  }

  get(uid: string): TriggerRecord | undefined {
    return this.records.find((record) => record.uid === uid);
  }

  /** Deletes a trigger; true when it existed. */
  remove(uid: string): boolean {
    const before = this.records.length;
    this.records = this.records.filter((record) => record.uid !== uid);
    return this.records.length !== before;
  }

  /** Triggers owned by `ownerEmail` (optionally only those created in `documentId`). */
  ownedBy(ownerEmail: string, documentId?: string): TriggerRecord[] {
    return this.records.filter(
      (record) => record.ownerEmail === ownerEmail && (documentId === undefined || record.documentId === documentId),
    );
  }

  add(record: Omit<TriggerRecord, 'uid'>): TriggerRecord {
    const full: TriggerRecord = { ...record, uid: (FIRST_UID + BigInt(this.nextSeq) * 7919n).toString() };
    this.nextSeq += 1;
    this.records.push(full);
    return full;
  }

  /**
   * Every firing in the half-open window (fromMs, toMs] — a trigger due exactly at the new clock time fires
   * now — in time order (creation order on ties). One-off triggers are deleted once they fired, as Apps
   * Script does after an after()/at() trigger ran.
   */
  due(fromMs: number, toMs: number): DueTrigger[] {
    const out: DueTrigger[] = [];
    for (const record of this.records) {
      for (const atMs of occurrencesBetween(record, fromMs, toMs)) {
        out.push({ ...record, atMs, event: this.eventFor(record, atMs) });
      }
    }
    const fired = new Set(out.filter((due) => due.schedule.kind === 'once').map((due) => due.uid));
    if (fired.size > 0) this.records = this.records.filter((record) => !fired.has(record.uid));
    // Array.prototype.sort is stable, so ties keep creation order.
    return out.sort((a, b) => a.atMs - b.atMs);
  }

  private eventFor(record: TriggerRecord, atMs: number): TimeDrivenEvent {
    const p = zonedParts(atMs, record.timeZone);
    return {
      authMode: this.fullAuthMode,
      'day-of-month': p.day,
      'day-of-week': p.isoWeekday,
      hour: p.hour,
      minute: p.minute,
      month: p.month,
      second: p.second,
      timezone: record.timeZone,
      triggerUid: record.uid,
      'week-of-year': isoWeekOfYear(p.year, p.month, p.day),
      year: p.year,
    };
  }

  /** Save/load of the runtime (core/state.ts): records hold only JSON values. */
  statePart(name: string): StatePart {
    return {
      name,
      serialize: () => ({ nextSeq: this.nextSeq, records: this.list() }),
      restore: (data: unknown) => {
        const saved = data as { nextSeq?: number; records?: TriggerRecord[] } | null;
        this.records = (saved?.records ?? []).map((record) => ({ ...record, schedule: { ...record.schedule } }));
        this.nextSeq = saved?.nextSeq ?? this.records.length;
      },
    };
  }
}
