import { RuntimeContext, type LocalUser } from '../../src/local/core/context';
import { createMailApp } from '../../src/local/services/mail';
import { errorOf } from '../support/errors';

/* Facts: docs/apps-script/services.md §6 (MailApp) and §11 (quotas reset 24 h after the first request). */

const OWNER: LocalUser = { email: 'owner@example.com', locale: 'zh_CN' };
const OTHER: LocalUser = { email: 'other@example.com', locale: 'en' };
const START = Date.parse('2024-06-03T09:00:00+08:00');
const DAY = 86_400_000;

/* eslint-disable @typescript-eslint/no-explicit-any -- scripts call the runtime untyped */
function setup(dailyQuota?: number) {
  const ctx = new RuntimeContext({ startMs: START, user: OWNER });
  const made = createMailApp(ctx, dailyQuota === undefined ? undefined : { dailyQuota });
  return { ctx, MailApp: made.MailApp as any, outbox: made.outbox, state: made.state };
}

describe('sendEmail overloads (reference/mail/mail-app)', () => {
  test('(recipient, subject, body)', () => {
    const { MailApp, outbox } = setup();
    MailApp.sendEmail('a@example.com', 'Hi', 'Body');
    expect(outbox.list()).toEqual([
      {
        from: OWNER.email,
        to: ['a@example.com'],
        cc: [],
        bcc: [],
        subject: 'Hi',
        body: 'Body',
        htmlBody: null,
        name: null,
        replyTo: null,
        noReply: false,
        sentAtMs: START,
      },
    ]);
  });

  test('(recipient, subject, body, options) with cc, bcc, htmlBody, name, replyTo', () => {
    const { MailApp, outbox } = setup();
    MailApp.sendEmail('a@example.com, b@example.com', 'S', 'B', {
      cc: 'c@example.com',
      bcc: 'd@example.com',
      htmlBody: '<b>B</b>',
      name: 'CRM',
      replyTo: 'r@example.com',
    });
    const [mail] = outbox.list();
    expect(mail?.to).toEqual(['a@example.com', 'b@example.com']);
    expect(mail?.cc).toEqual(['c@example.com']);
    expect(mail?.bcc).toEqual(['d@example.com']);
    expect([mail?.htmlBody, mail?.name, mail?.replyTo]).toEqual(['<b>B</b>', 'CRM', 'r@example.com']);
    expect(MailApp.getRemainingDailyQuota()).toBe(96);
  });

  test('(to, replyTo, subject, body)', () => {
    const { MailApp, outbox } = setup();
    MailApp.sendEmail('a@example.com', 'reply@example.com', 'Subj', 'Text');
    expect(outbox.list()[0]).toMatchObject({
      to: ['a@example.com'],
      replyTo: 'reply@example.com',
      subject: 'Subj',
      body: 'Text',
    });
  });

  test('(message) object, "Name <address>" recipients accepted', () => {
    const { MailApp, outbox } = setup();
    MailApp.sendEmail({ to: 'Li Lei <li@example.com>', subject: 'S', htmlBody: '<p>x</p>', noReply: true });
    expect(outbox.list()[0]).toMatchObject({
      to: ['Li Lei <li@example.com>'],
      body: '',
      htmlBody: '<p>x</p>',
      noReply: true,
    });
  });

  test('arguments matching no overload give the signature error', () => {
    const { MailApp } = setup();
    expect(errorOf(() => MailApp.sendEmail('a@example.com', 'S'))).toEqual({
      name: 'Exception',
      message: "The parameters (String,String) don't match the method signature for MailApp.sendEmail.",
    });
  });

  test('attachments are not modelled and say so', () => {
    const { MailApp } = setup();
    expect(() => MailApp.sendEmail('a@example.com', 'S', 'B', { attachments: [{}] })).toThrow(
      'not supported by the local runtime: MailApp.sendEmail attachments',
    );
  });
});

describe('validation', () => {
  test('no recipient at all (FIELD message)', () => {
    const { MailApp, outbox } = setup();
    expect(errorOf(() => MailApp.sendEmail({ to: '', subject: 'S', body: 'B' }))).toEqual({
      name: 'Exception',
      message: 'Failed to send email: no recipient',
    });
    expect(errorOf(() => MailApp.sendEmail(' , ', 'S', 'B')).message).toBe('Failed to send email: no recipient');
    expect(outbox.list()).toEqual([]);
  });

  test('invalid address (FIELD message "Invalid email: x")', () => {
    const { MailApp } = setup();
    expect(errorOf(() => MailApp.sendEmail('ok@example.com, not-an-address', 'S', 'B')).message).toBe(
      'Invalid email: not-an-address',
    );
    expect(errorOf(() => MailApp.sendEmail('a@example.com', 'S', 'B', { replyTo: 'nope' })).message).toBe(
      'Invalid email: nope',
    );
  });

  test('at most 50 recipients per message (to + cc + bcc)', () => {
    const { MailApp } = setup();
    const many = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`).join(',');
    MailApp.sendEmail(many(30, 't'), 'S', 'B', { cc: many(20, 'c') });
    expect(errorOf(() => MailApp.sendEmail(many(30, 't'), 'S', 'B', { bcc: many(21, 'b') })).message).toBe(
      'Limit exceeded: Email Recipients Per Message.',
    );
  });

  test('body over 200 KB (consumer) is refused', () => {
    const { MailApp } = setup();
    MailApp.sendEmail('a@example.com', 'S', 'x'.repeat(200 * 1024));
    expect(errorOf(() => MailApp.sendEmail('a@example.com', 'S', 'x'.repeat(200 * 1024 + 1))).message).toBe(
      'Limit exceeded: Email Body Size.',
    );
  });
});

describe('daily recipient quota', () => {
  test('counts recipients per effective user; refuses a message that does not fit; resets 24 h after the first send', () => {
    const { ctx, MailApp, outbox } = setup(5);
    MailApp.sendEmail('a@example.com,b@example.com', 'S', 'B');
    ctx.clock.advance(DAY / 2);
    MailApp.sendEmail('c@example.com', 'S', 'B', { cc: 'd@example.com' });
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    expect(errorOf(() => MailApp.sendEmail('e@example.com,f@example.com', 'S', 'B'))).toEqual({
      name: 'Exception',
      message: 'Service invoked too many times for one day: email.',
    });
    expect(outbox.list()).toHaveLength(2);
    // Another user has their own quota.
    ctx.authorizedUsers.add(OTHER.email);
    ctx.runExecution({ user: OTHER, label: 'menu' }, () => expect(MailApp.getRemainingDailyQuota()).toBe(5));
    // Trigger runs spend the trigger owner's quota.
    ctx.runExecution({ user: OTHER, effectiveUser: OWNER, label: 'trigger' }, () => {
      MailApp.sendEmail('g@example.com', 'S', 'B');
      expect(outbox.list()[2]?.from).toBe(OWNER.email);
    });
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    ctx.clock.advance(DAY / 2 - 1);
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    ctx.clock.advance(1);
    expect(MailApp.getRemainingDailyQuota()).toBe(5);
  });

  test('the default quota is 100 (consumer accounts)', () => {
    const { MailApp } = setup();
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
  });
});

describe('authorization, outbox, state, meter', () => {
  test('sending needs FULL and an authorized user; the quota can be read without authorization', () => {
    const { ctx, MailApp } = setup();
    ctx.runExecution({ authMode: 'LIMITED', label: 'onOpen' }, () => {
      expect(errorOf(() => MailApp.sendEmail('a@example.com', 'S', 'B')).message).toBe(
        'You do not have permission to call MailApp.sendEmail. (AuthMode.LIMITED)',
      );
    });
    ctx.runExecution({ user: OTHER, label: 'trigger' }, () => {
      expect(errorOf(() => MailApp.sendEmail('a@example.com', 'S', 'B')).message).toBe(
        'You do not have permission to call MailApp.sendEmail. Authorization is required to perform that action.',
      );
      expect(MailApp.getRemainingDailyQuota()).toBe(100);
    });
  });

  test('outbox.clear() and save/load of outbox and quota', () => {
    const a = setup(10);
    a.MailApp.sendEmail('a@example.com', 'S', 'B');
    const b = setup(10);
    b.state.restore(JSON.parse(JSON.stringify(a.state.serialize())));
    expect(b.outbox.list()).toEqual(a.outbox.list());
    expect(b.MailApp.getRemainingDailyQuota()).toBe(9);
    a.outbox.clear();
    expect(a.outbox.list()).toEqual([]);
  });

  test('metered under MailApp', () => {
    const { ctx, MailApp } = setup();
    const { cost } = ctx.meter.measure(() => MailApp.sendEmail('a@example.com', 'S', 'B'));
    expect(cost.byMethod).toEqual({ 'MailApp.MailApp.sendEmail': 1 });
  });
});
