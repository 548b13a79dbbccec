import { VirtualClock } from './clock';
import { gasError } from './errors';
import { Meter } from './meter';

/**
 * What every local service shares: the clock, the meter, the users, the current execution (who runs, in
 * which auth mode) and the `Date` constructor of the script's realm.
 */

/** ScriptApp.AuthMode keys (docs/apps-script/services.md §2). */
export type AuthModeKey = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

export interface LocalUser {
  email: string;
  /** Session.getActiveUserLocale(), e.g. "en", "zh_CN", "zh_TW" (Java style; docs/apps-script/services.md §7). */
  locale: string;
}

export interface Execution {
  readonly id: number;
  /** The user whose action runs (a menu click, a google.script.run call, or the trigger's owner). */
  readonly user: LocalUser;
  /** Session.getEffectiveUser(): the trigger installer for triggers, otherwise the active user. */
  readonly effectiveUser: LocalUser;
  readonly authMode: AuthModeKey;
  /** What started it, for logs and tests: "menu:onOpen", "run:saveCustomer", "trigger:dailyScan"… */
  readonly label: string;
  readonly startedAtMs: number;
}

export interface ExecutionListener {
  /** Called when an execution ends (normally or by an exception): locks are released here. */
  onExecutionEnd?(execution: Execution): void;
}

export class RuntimeContext {
  readonly clock: VirtualClock;
  readonly meter = new Meter();
  /** Script realm's Date: gas-local runs Code.js in a vm context whose Date differs from Node's. */
  private dateCtor: DateConstructor = Date;
  private readonly executionStack: Execution[] = [];
  private nextExecutionId = 1;
  private readonly listeners: ExecutionListener[] = [];
  /** The user who owns the document (and the default user of executions started without one). */
  defaultUser: LocalUser;
  /** Users who have authorized the add-on (FULL scopes). Others get AuthorizationStatus.REQUIRED. */
  readonly authorizedUsers = new Set<string>();

  constructor(options: { startMs: number; user: LocalUser }) {
    this.clock = new VirtualClock(options.startMs);
    this.defaultUser = options.user;
    this.authorizedUsers.add(options.user.email);
  }

  setDateConstructor(ctor: DateConstructor): void {
    this.dateCtor = ctor;
  }

  /** A Date of the script's realm, so `value instanceof Date` holds in Code.js. */
  makeDate(ms: number): Date {
    return new this.dateCtor(ms);
  }

  /** True for Dates of any realm (the script's or Node's). */
  isDate(value: unknown): value is Date {
    return Object.prototype.toString.call(value) === '[object Date]';
  }

  now(): number {
    return this.clock.now();
  }

  addListener(listener: ExecutionListener): void {
    this.listeners.push(listener);
  }

  get execution(): Execution {
    const top = this.executionStack[this.executionStack.length - 1];
    if (top) return top;
    // Library use without an explicit execution (unit tests of the runtime): an implicit FULL one.
    return this.beginImplicit();
  }

  /** Executions can nest: a test may start a second one while the first holds a lock. */
  runExecution<T>(
    options: { user?: LocalUser; effectiveUser?: LocalUser; authMode?: AuthModeKey; label: string },
    body: () => T,
  ): T {
    const user = options.user ?? this.defaultUser;
    const execution: Execution = {
      id: this.nextExecutionId++,
      user,
      effectiveUser: options.effectiveUser ?? user,
      authMode: options.authMode ?? 'FULL',
      label: options.label,
      startedAtMs: this.clock.now(),
    };
    this.executionStack.push(execution);
    try {
      return body();
    } finally {
      this.executionStack.pop();
      for (const listener of this.listeners) listener.onExecutionEnd?.(execution);
    }
  }

  private implicitExecution: Execution | undefined;

  private beginImplicit(): Execution {
    if (!this.implicitExecution) {
      this.implicitExecution = {
        id: 0,
        user: this.defaultUser,
        effectiveUser: this.defaultUser,
        authMode: 'FULL',
        label: 'implicit',
        startedAtMs: this.clock.now(),
      };
    }
    return this.implicitExecution;
  }

  /**
   * Enforces what an auth mode allows (docs/apps-script/services.md §2 table): NONE may only build menus and use
   * Logger/Utilities; LIMITED may touch the bound document and properties but not user data or UI
   * beyond menus. The text follows Apps Script's permission error (UNCONFIRMED wording beyond the prefix).
   */
  requireAuth(needed: 'document' | 'properties' | 'ui' | 'full', qualifiedMethod: string): void {
    const mode = this.execution.authMode;
    const allowed =
      mode === 'FULL' ||
      (mode === 'LIMITED' && (needed === 'document' || needed === 'properties')) ||
      (mode === 'CUSTOM_FUNCTION' && needed === 'properties');
    if (!allowed) {
      throw gasError(`You do not have permission to call ${qualifiedMethod}. (AuthMode.${mode})`);
    }
    if (needed === 'full' && !this.authorizedUsers.has(this.execution.effectiveUser.email)) {
      throw gasError(
        `You do not have permission to call ${qualifiedMethod}. Authorization is required to perform that action.`,
      );
    }
  }
}
