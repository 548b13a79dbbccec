import type { RuntimeContext } from '../core/context';
import { gasError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { StatePart } from '../core/state';
import { messageFromArguments, recipientCount, type MailMessage } from './mail-message';

/**
 * MailApp (reference/mail/mail-app; docs/apps-script/services.md §6): sendEmail's four overloads into an Outbox the tests
 * read, with the daily recipient quota on the virtual clock.
 *
 * Quota: "Quotas are based on the number of email recipients" — 100 a day for consumer accounts — per
 * effective user, and "Quotas are per user and reset 24 hours after the first request" (docs/apps-script/services.md §11):
 * the window opens at the first send and the full quota is back 24 h later. A message whose recipients
 * exceed what is left is refused whole (stricter than a partial send).
 */
export const DAILY_QUOTA_EXCEEDED = 'Service invoked too many times for one day: email.'; // FIELD
export const DEFAULT_DAILY_QUOTA = 100;
const DAY_MS = 86_400_000;

export interface SentMail {
  /** The effective user (the trigger owner in a trigger). */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  sentAtMs: number;
}

/** Sent messages, oldest first (not for scripts; not metered). */
export class Outbox {
  private messages: SentMail[] = [];

  list(): SentMail[] {
    return this.messages.map((mail) => ({ ...mail, to: [...mail.to], cc: [...mail.cc], bcc: [...mail.bcc] }));
  }

  clear(): void {
    this.messages = [];
  }

  _push(mail: SentMail): void {
    this.messages.push(mail);
  }

  _replace(messages: SentMail[]): void {
    this.messages = messages.map((mail) => ({ ...mail }));
  }
}

interface QuotaWindow {
  startMs: number;
  used: number;
}

class MailQuota {
  readonly windows = new Map<string, QuotaWindow>();

  constructor(readonly daily: number) {}

  remaining(email: string, nowMs: number): number {
    const window = this.windows.get(email);
    if (!window || nowMs >= window.startMs + DAY_MS) return this.daily;
    return Math.max(0, this.daily - window.used);
  }

  spend(email: string, count: number, nowMs: number): void {
    const window = this.windows.get(email);
    if (!window || nowMs >= window.startMs + DAY_MS) this.windows.set(email, { startMs: nowMs, used: count });
    else window.used += count;
  }
}

class MailAppFacade extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly outbox: Outbox,
    private readonly quota: MailQuota,
  ) {
    super(ctx);
  }

  /**
   * sendEmail(message) | (recipient, subject, body) | (recipient, subject, body, options) |
   * (to, replyTo, subject, body). Needs FULL and an authorized user (send_mail scope).
   */
  sendEmail(...args: unknown[]): void {
    this.ctx.requireAuth('full', 'MailApp.sendEmail');
    const message: MailMessage = messageFromArguments(args);
    const from = this.ctx.execution.effectiveUser.email;
    const now = this.ctx.now();
    const count = recipientCount(message);
    if (count > this.quota.remaining(from, now)) throw gasError(DAILY_QUOTA_EXCEEDED);
    this.quota.spend(from, count, now);
    this.outbox._push({ from, ...message, sentAtMs: now });
  }

  /**
   * "the number of recipients you can send emails to for the rest of the day". Not gated on authorization:
   * the official add-on sample calls it exactly when authorization is REQUIRED (editor-triggers Code.gs).
   */
  getRemainingDailyQuota(): number {
    this.ctx.requireAuth('properties', 'MailApp.getRemainingDailyQuota');
    return this.quota.remaining(this.ctx.execution.effectiveUser.email, this.ctx.now());
  }
}
defineGasClass(MailAppFacade, 'MailApp', 'MailApp');

export function createMailApp(
  ctx: RuntimeContext,
  options: { dailyQuota?: number } = {},
): { MailApp: unknown; outbox: Outbox; state: StatePart } {
  const outbox = new Outbox();
  const quota = new MailQuota(options.dailyQuota ?? DEFAULT_DAILY_QUOTA);
  const state: StatePart = {
    name: 'mail',
    serialize: () => ({ outbox: outbox.list(), quota: Object.fromEntries(quota.windows) }),
    restore: (data: unknown) => {
      const saved = (data ?? {}) as { outbox?: SentMail[]; quota?: Record<string, QuotaWindow> };
      outbox._replace(saved.outbox ?? []);
      quota.windows.clear();
      for (const [email, window] of Object.entries(saved.quota ?? {})) quota.windows.set(email, { ...window });
    },
  };
  return { MailApp: new MailAppFacade(ctx, outbox, quota), outbox, state };
}
