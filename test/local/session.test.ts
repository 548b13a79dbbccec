import { RuntimeContext, type LocalUser } from '../../src/local/core/context';
import { createSession } from '../../src/local/services/session';

/* Facts: docs/apps-script/services.md §7 (Session) and §2 (what each auth mode allows). */

const OWNER: LocalUser = { email: 'owner@example.com', locale: 'zh_CN' };
const OTHER: LocalUser = { email: 'other@example.com', locale: 'en' };

/* eslint-disable @typescript-eslint/no-explicit-any -- scripts call the runtime untyped */
function setup() {
  const ctx = new RuntimeContext({ startMs: 0, user: OWNER });
  return { ctx, Session: createSession(ctx, { scriptTimeZone: 'Asia/Shanghai' }).Session as any };
}

describe('Session', () => {
  test('FULL: active and effective user emails are known', () => {
    const { ctx, Session } = setup();
    ctx.runExecution({ label: 'menu' }, () => {
      expect(Session.getActiveUser().getEmail()).toBe(OWNER.email);
      expect(Session.getEffectiveUser().getEmail()).toBe(OWNER.email);
      expect(String(Session.getActiveUser())).toBe('User');
    });
  });

  test('installable trigger fired for another user: effective = installer, active email blank', () => {
    const { ctx, Session } = setup();
    ctx.runExecution({ user: OTHER, effectiveUser: OWNER, label: 'trigger' }, () => {
      expect(Session.getEffectiveUser().getEmail()).toBe(OWNER.email);
      expect(Session.getActiveUser().getEmail()).toBe('');
    });
  });

  test('NONE and LIMITED give "Locale only": blank emails, locale still available', () => {
    const { ctx, Session } = setup();
    for (const authMode of ['NONE', 'LIMITED'] as const) {
      ctx.runExecution({ user: OTHER, authMode, label: 'onOpen' }, () => {
        expect(Session.getActiveUser().getEmail()).toBe('');
        expect(Session.getEffectiveUser().getEmail()).toBe('');
        expect(Session.getActiveUserLocale()).toBe('en');
      });
    }
  });

  test('locale is the active user’s, Java style (zh_CN); script time zone as configured', () => {
    const { Session } = setup();
    expect(Session.getActiveUserLocale()).toBe('zh_CN');
    expect(Session.getScriptTimeZone()).toBe('Asia/Shanghai');
  });

  test('temporary active user key: stable per user, different between users, opaque', () => {
    const { ctx, Session } = setup();
    const mine = Session.getTemporaryActiveUserKey();
    expect(Session.getTemporaryActiveUserKey()).toBe(mine);
    expect(mine).not.toContain('owner');
    const theirs = ctx.runExecution({ user: OTHER, label: 'x' }, () => Session.getTemporaryActiveUserKey());
    expect(theirs).not.toBe(mine);
  });

  test('unmodelled methods throw "not supported"; calls are metered under Session', () => {
    const { ctx, Session } = setup();
    expect(() => Session.getTimeZone()).toThrow('not supported by the local runtime: Session.getTimeZone');
    const { cost } = ctx.meter.measure(() => Session.getActiveUser().getEmail());
    expect(cost.byMethod).toEqual({ 'Session.Session.getActiveUser': 1, 'Session.User.getEmail': 1 });
  });
});
