import { createHash } from 'node:crypto';
import type { RuntimeContext } from '../core/context';
import { defineGasClass, GasObject } from '../core/gas-object';

/**
 * Session (reference/base/session, reference/base/user; docs/apps-script/services.md §7).
 *
 * Email visibility, kept simple and stricter than real life:
 *  - NONE, LIMITED and CUSTOM_FUNCTION give "User data: Locale only" (docs/apps-script/services.md §2 table): both
 *    getActiveUser().getEmail() and getEffectiveUser().getEmail() return '' there ("If security policies
 *    do not allow access to the user's email address, this method returns a blank string"). Real Apps
 *    Script does show it when the developer runs their own script or shares a Workspace domain; the
 *    runtime does not model domains.
 *  - FULL: the effective user's email is always known; the active user's only when the active user IS the
 *    effective user (e.g. not in an installable trigger fired by another user's action).
 * getActiveUserLocale() is allowed in every mode ("Locale only").
 */
export class User extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly email: string,
  ) {
    super(ctx);
  }

  getEmail(): string {
    return this.email;
  }

  /** Deprecated alias of getEmail in Apps Script. */
  getUserLoginId(): string {
    return this.email;
  }
}
defineGasClass(User, 'Session', 'User');

class SessionFacade extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly scriptTimeZone: string,
  ) {
    super(ctx);
  }

  getActiveUser(): User {
    const { authMode, user, effectiveUser } = this.ctx.execution;
    const visible = authMode === 'FULL' && user.email === effectiveUser.email;
    return new User(this.ctx, visible ? user.email : '');
  }

  getEffectiveUser(): User {
    const { authMode, effectiveUser } = this.ctx.execution;
    return new User(this.ctx, authMode === 'FULL' ? effectiveUser.email : '');
  }

  /**
   * The active user's language, e.g. "en", "ja", "zh_CN": Java style with a region only where the language
   * needs one (UNCONFIRMED format, docs/apps-script/services.md §7); the runtime returns the LocalUser's locale verbatim.
   */
  getActiveUserLocale(): string {
    return this.ctx.execution.user.locale;
  }

  /** "an ordinary time zone like America/New_York, or an offset like GMT+4:00". */
  getScriptTimeZone(): string {
    return this.scriptTimeZone;
  }

  /**
   * An opaque key per active user, stable within the runtime (Apps Script rotates it every 30 days; the
   * rotation is not modelled). Available in every auth mode: it reveals no user data.
   */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`temporary-active-user-key:${this.ctx.execution.user.email}`).digest('base64');
  }
}
defineGasClass(SessionFacade, 'Session', 'Session');

export function createSession(ctx: RuntimeContext, options: { scriptTimeZone: string }): { Session: unknown } {
  return { Session: new SessionFacade(ctx, options.scriptTimeZone) };
}
