import type { RuntimeContext } from '../core/context';
import { notSupported, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { StatePart } from '../core/state';
import {
  AuthMode,
  AuthorizationStatus,
  EventType,
  InstallationSource,
  isAuthMode,
  TriggerSource,
  WeekDay,
} from './script-app-enums';
import { TriggerStore } from './triggers';
import { Trigger, TriggerBuilder, type TriggerEnvironment } from './triggers-api';

/**
 * ScriptApp (reference/script/script-app; docs/apps-script/services.md §1): installable time-driven triggers with the
 * add-on rules, authorization info and the enums. Triggers belong to the EFFECTIVE user of the execution
 * that creates them and only that user sees them ("A given account cannot see triggers installed from a
 * second account", guides/triggers/installable).
 */
export interface ScriptAppOptions {
  documentId: string;
  scriptTimeZone?: string;
  /** Apply the add-on trigger rules (one time-driven trigger per user per document, at most hourly). Default true. */
  addOn?: boolean;
  /** ScriptApp.getScriptId(). */
  scriptId?: string;
}

const DEFAULT_SCRIPT_ID = '1LocalRuntimeScriptId0000000000000000000000000000000000';

class AuthorizationInfo extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly required: boolean,
    private readonly scriptId: string,
  ) {
    super(ctx);
  }

  getAuthorizationStatus(): unknown {
    return this.required ? AuthorizationStatus.REQUIRED : AuthorizationStatus.NOT_REQUIRED;
  }

  /** "null if no authorization is required" (reference/script/authorization-info). */
  getAuthorizationUrl(): string | null {
    return this.required ? `https://script.google.com/macros/d/${this.scriptId}/authorize` : null;
  }
}
defineGasClass(AuthorizationInfo, 'ScriptApp', 'AuthorizationInfo');

class ScriptAppService extends GasObject {
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly EventType = EventType;
  readonly InstallationSource = InstallationSource;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;

  constructor(
    ctx: RuntimeContext,
    private readonly env: TriggerEnvironment,
    private readonly scriptId: string,
  ) {
    super(ctx);
  }

  /** Creating triggers needs the script.scriptapp scope, i.e. FULL and an authorized user. */
  newTrigger(functionName: unknown): TriggerBuilder {
    if (typeof functionName !== 'string') throw signatureError([functionName], 'ScriptApp.newTrigger');
    this.ctx.requireAuth('full', 'ScriptApp.newTrigger');
    return new TriggerBuilder(this.ctx, this.env, functionName);
  }

  /** "all installable triggers associated with the current project and current user" — every document. */
  getProjectTriggers(): Trigger[] {
    this.ctx.requireAuth('full', 'ScriptApp.getProjectTriggers');
    const owner = this.ctx.execution.effectiveUser.email;
    return this.env.store.ownedBy(owner).map((record) => new Trigger(this.ctx, record));
  }

  /** "installable triggers owned by this user in the given spreadsheet, for this script or add-on only". */
  getUserTriggers(document: unknown): Trigger[] {
    const documentId = documentIdOf(document);
    if (documentId === undefined) throw signatureError([document], 'ScriptApp.getUserTriggers');
    this.ctx.requireAuth('full', 'ScriptApp.getUserTriggers');
    const owner = this.ctx.execution.effectiveUser.email;
    return this.env.store.ownedBy(owner, documentId).map((record) => new Trigger(this.ctx, record));
  }

  /**
   * "Removes the given trigger so it no longer runs." Only the caller's own triggers can be reached. A
   * trigger already deleted is ignored (UNCONFIRMED: Apps Script's behaviour for a stale Trigger is
   * undocumented; deleting twice leaves the documented post-condition true).
   */
  deleteTrigger(trigger: unknown): void {
    if (!(trigger instanceof Trigger)) throw signatureError([trigger], 'ScriptApp.deleteTrigger');
    this.ctx.requireAuth('full', 'ScriptApp.deleteTrigger');
    const record = this.env.store.get(trigger._uid());
    if (record && record.ownerEmail === this.ctx.execution.effectiveUser.email) this.env.store.remove(record.uid);
  }

  /** REQUIRED when the effective user has not authorized the add-on (ctx.authorizedUsers). */
  getAuthorizationInfo(authMode: unknown): AuthorizationInfo {
    if (!isAuthMode(authMode)) throw signatureError([authMode], 'ScriptApp.getAuthorizationInfo');
    const required = !this.ctx.authorizedUsers.has(this.ctx.execution.effectiveUser.email);
    return new AuthorizationInfo(this.ctx, required, this.scriptId);
  }

  getScriptId(): string {
    return this.scriptId;
  }

  getInstallationSource(): unknown {
    return this.env.addOn ? InstallationSource.WEB_STORE_ADD_ON : InstallationSource.NONE;
  }

  getOAuthToken(): never {
    throw notSupported('ScriptApp.getOAuthToken');
  }

  getIdentityToken(): never {
    throw notSupported('ScriptApp.getIdentityToken');
  }

  getService(): never {
    throw notSupported('ScriptApp.getService');
  }
}
defineGasClass(ScriptAppService, 'ScriptApp', 'ScriptApp');

/**
 * The id of a Spreadsheet (or other document) handed to getUserTriggers, without a metered call: the
 * spreadsheet runtime's objects expose `_getId()`; a plain `getId` is the fallback for other fakes.
 */
function documentIdOf(document: unknown): string | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const candidate = document as { _getId?: () => unknown; getId?: () => unknown };
  const id = typeof candidate._getId === 'function' ? candidate._getId() : candidate.getId?.();
  return typeof id === 'string' ? id : undefined;
}

export function createScriptApp(
  ctx: RuntimeContext,
  options: ScriptAppOptions,
): { ScriptApp: unknown; triggers: TriggerStore; state: StatePart } {
  const store = new TriggerStore(AuthMode.FULL);
  const env: TriggerEnvironment = {
    store,
    documentId: options.documentId,
    scriptTimeZone: options.scriptTimeZone ?? 'Asia/Shanghai',
    addOn: options.addOn ?? true,
  };
  const ScriptApp = new ScriptAppService(ctx, env, options.scriptId ?? DEFAULT_SCRIPT_ID);
  return { ScriptApp, triggers: store, state: store.statePart('triggers') };
}
