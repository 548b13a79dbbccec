import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import gasLocal from 'gas-local';
import type { AuthModeKey, LocalUser } from '../core/context';
import type { LocalRuntime } from '../runtime';
import { User } from '../services/session';
import type { EditedBlock } from '../spreadsheet/user-edits';
import { cellA1 } from '../spreadsheet/a1';
import { assertTransportable, containsDate, jsonCopy } from './script-run';

/**
 * Loads the built add-on (dist/Code.js) with gas-local into a vm context whose globals are a local
 * runtime, and drives it the way Google Sheets does: onOpen/onInstall with their event objects and auth
 * modes, menu clicks, google.script.run calls, and time-driven triggers when the clock passes them.
 * Each of these is one execution (ctx.runExecution): locks are released when it ends, and the effective
 * user of a trigger is its owner.
 */
export type RunResult<T = unknown> = { ok: true; value: T } | { ok: false; error: { name: string; message: string } };

export interface TriggerRun {
  handler: string;
  ownerEmail: string;
  atMs: number;
  ok: boolean;
  error?: string;
}

/** One run of the onEdit simple trigger, as the executions page would list it. */
export interface EditTriggerRun {
  /** The edited block, e.g. "Customers!B2:D5". */
  range: string;
  userEmail: string;
  authMode: AuthModeKey;
  ok: boolean;
  error?: string;
}

/** Who edits, and the mode the add-on's onEdit runs in (LIMITED; NONE where the add-on is not enabled). */
export interface UserEditOptions {
  user?: LocalUser;
  authMode?: 'LIMITED' | 'NONE';
}

export class AddonHost {
  readonly context: vm.Context;
  /** Every time-driven trigger execution, as the Apps Script executions page would list it. */
  readonly triggerRuns: TriggerRun[] = [];
  /** Every run of the onEdit simple trigger, fired by the user edits below (never by script writes). */
  readonly editRuns: EditTriggerRun[] = [];
  private readonly parseInScript: (text: string) => unknown;
  private lastTriggerCheckMs: number;

  constructor(
    readonly runtime: LocalRuntime,
    distDir: string,
  ) {
    this.context = vm.createContext({ ...runtime.globals });
    installVirtualDate(this.context, () => runtime.clock.now());
    runtime.ctx.setDateConstructor(vm.runInContext('Date', this.context) as DateConstructor);
    this.parseInScript = vm.runInContext('JSON.parse', this.context) as (text: string) => unknown;
    // gas-local loads every .js file of the folder into the context, like the files of an Apps Script project.
    gasLocal.require(distDir, this.context, { filter: (file: string) => path.extname(file) === '.js' });
    this.lastTriggerCheckMs = runtime.clock.now();
  }

  /** Names of the top-level functions Apps Script could call (menus, triggers, google.script.run). */
  globalFunctionNames(): string[] {
    return (vm.runInContext('Object.keys(globalThis)', this.context) as string[])
      .filter((name) => typeof this.context[name] === 'function' && !(name in this.runtime.globals))
      .sort();
  }

  private scriptFunction(name: string): (...args: unknown[]) => unknown {
    const fn: unknown = this.context[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    return fn as (...args: unknown[]) => unknown;
  }

  private authModeValue(mode: AuthModeKey): unknown {
    const scriptApp = this.runtime.globals.ScriptApp as { AuthMode: Record<AuthModeKey, unknown> };
    return scriptApp.AuthMode[mode];
  }

  /** The document opens: onOpen(e) in LIMITED (or NONE for an add-on not yet used in this document). */
  open(options: { authMode?: AuthModeKey; user?: LocalUser } = {}): void {
    const authMode = options.authMode ?? 'LIMITED';
    const user = options.user ?? this.runtime.ctx.defaultUser;
    this.runtime.ctx.runExecution({ user, authMode, label: 'trigger:onOpen' }, () => {
      const event = this.makeEvent({
        authMode: this.authModeValue(authMode),
        source: this.activeSpreadsheetOrNull(authMode),
      });
      this.scriptFunction('onOpen')(event);
    });
  }

  /** Installed from the store: onInstall(e) runs in FULL. */
  install(options: { user?: LocalUser } = {}): void {
    const user = options.user ?? this.runtime.ctx.defaultUser;
    this.runtime.ctx.runExecution({ user, authMode: 'FULL', label: 'trigger:onInstall' }, () => {
      this.scriptFunction('onInstall')(this.makeEvent({ authMode: this.authModeValue('FULL') }));
    });
  }

  /** A click on an item of the add-on menu, by function name or caption; the item must be in the menu. */
  clickMenu(item: string, options: { user?: LocalUser } = {}): void {
    const functionName = this.runtime.ui.findMenuFunction(item);
    if (!functionName) throw new Error(`The add-on menu has no item "${item}"`);
    const user = options.user ?? this.runtime.ctx.defaultUser;
    this.runtime.ctx.runExecution({ user, authMode: 'FULL', label: `menu:${functionName}` }, () => {
      this.scriptFunction(functionName)();
    });
  }

  /**
   * google.script.run.<name>(...args) from a sidebar: arguments checked and copied into the script realm,
   * the result copied back (null when it contains a Date), exceptions delivered as a failure.
   */
  run<T = unknown>(name: string, args: unknown[] = [], options: { user?: LocalUser } = {}): RunResult<T> {
    try {
      args.forEach((arg, index) => assertTransportable(arg, `args[${index}]`));
    } catch (error) {
      return { ok: false, error: { name: 'Error', message: (error as Error).message } };
    }
    const user = options.user ?? this.runtime.ctx.defaultUser;
    const copiedArgs = args.map((arg) => jsonCopy(arg === undefined ? null : arg, this.parseInScript));
    try {
      const value = this.runtime.ctx.runExecution({ user, authMode: 'FULL', label: `run:${name}` }, () =>
        this.scriptFunction(name)(...copiedArgs),
      );
      if (containsDate(value)) return { ok: true, value: null as T };
      return { ok: true, value: jsonCopy(value) as T };
    } catch (error) {
      const err = error as { name?: string; message?: string };
      return { ok: false, error: { name: err.name ?? 'Error', message: err.message ?? String(error) } };
    }
  }

  /** Runs a top-level function directly, as the editor's Run button would (FULL, no JSON rules). */
  call(name: string, args: unknown[] = [], options: { user?: LocalUser } = {}): unknown {
    const user = options.user ?? this.runtime.ctx.defaultUser;
    return this.runtime.ctx.runExecution({ user, authMode: 'FULL', label: `call:${name}` }, () =>
      this.scriptFunction(name)(...args),
    );
  }

  // ---- edits by hand: the change lands as in the Sheets UI, then the bound script's onEdit(e) runs ----

  /**
   * A user types `text` into one cell (Enter). A strict validation rule refuses it with Sheets' text (thrown;
   * no event). Then onEdit(e) runs with value and oldValue (docs/apps-script-behaviour.md, "Edits by hand").
   */
  userType(sheetName: string, a1: string, text: string, options: UserEditOptions = {}): EditTriggerRun | null {
    return this.fireEdit(this.runtime.workbook.edits.type(sheetName, a1, text), options);
  }

  /** A user selects a block and presses Delete: contents go, formats and rules stay; one event for the block. */
  userClear(sheetName: string, a1: string, options: UserEditOptions = {}): EditTriggerRun | null {
    return this.fireEdit(this.runtime.workbook.edits.clear(sheetName, a1), options);
  }

  /** A user pastes text copied elsewhere (rows of cells) at `a1`: one event for the whole block, no value. */
  userPaste(
    sheetName: string,
    a1: string,
    rows: readonly (readonly string[])[],
    options: UserEditOptions = {},
  ): EditTriggerRun | null {
    return this.fireEdit(this.runtime.workbook.edits.paste(sheetName, a1, rows), options);
  }

  /** Ctrl+C / Ctrl+V inside the spreadsheet: values, formats and data validation of the source land. */
  userCopyPaste(
    from: { sheetName: string; a1: string },
    to: { sheetName: string; a1: string },
    options: UserEditOptions = {},
  ): EditTriggerRun | null {
    return this.fireEdit(this.runtime.workbook.edits.copyPaste(from.sheetName, from.a1, to.sheetName, to.a1), options);
  }

  /**
   * A user inserts rows: a change to the sheet's structure, not to a value, so no edit event (only an
   * installable change trigger would see it, and add-on code here installs none).
   */
  userInsertRows(sheetName: string, beforeRow: number, count = 1): void {
    this.runtime.workbook.userInsertRows(sheetName, beforeRow, count);
  }

  /**
   * Runs onEdit(e) for an edit that landed, when the script has one: an execution of its own in LIMITED
   * (or NONE), as the editing user, whose email the event and Session do not reveal. A failure is only
   * recorded: a simple trigger has no UI to show it, and the edit stays.
   */
  private fireEdit(block: EditedBlock, options: UserEditOptions): EditTriggerRun | null {
    if (typeof this.context.onEdit !== 'function') return null;
    const authMode = options.authMode ?? 'LIMITED';
    const user = options.user ?? this.runtime.ctx.defaultUser;
    const a1 =
      block.numRows === 1 && block.numColumns === 1
        ? cellA1(block.row, block.column)
        : `${cellA1(block.row, block.column)}:${cellA1(block.row + block.numRows - 1, block.column + block.numColumns - 1)}`;
    const run: EditTriggerRun = { range: `${block.sheetName}!${a1}`, userEmail: user.email, authMode, ok: true };
    try {
      this.runtime.ctx.runExecution({ user, authMode, label: 'trigger:onEdit' }, () => {
        // In NONE the document can't be read, so the event carries neither the range nor the spreadsheet
        // (UNCONFIRMED: the stricter reading, as for onOpen).
        const objects = authMode === 'NONE' ? undefined : this.runtime.workbook.edits.eventObjects(block);
        const event = this.makeEvent({
          authMode: this.authModeValue(authMode),
          range: objects?.range,
          source: objects?.source,
          user: new User(this.runtime.ctx, ''),
          value: block.value,
          oldValue: block.oldValue,
        });
        this.scriptFunction('onEdit')(event);
      });
    } catch (error) {
      run.ok = false;
      run.error = (error as Error).message;
    }
    this.editRuns.push(run);
    return run;
  }

  /**
   * Moves the virtual clock forward and fires every time-driven trigger that comes due on the way, in time
   * order, each with the clock set to its own fire time (so the handler's `new Date()` is that time).
   * A handler may switch triggers (e.g. daily → hourly): the schedule is then looked up again from there.
   */
  advance(ms: number): TriggerRun[] {
    const target = this.runtime.clock.now() + ms;
    const runs: TriggerRun[] = [];
    let from = this.lastTriggerCheckMs;
    let pending = this.runtime.triggers.due(from, target);
    while (pending.length > 0) {
      const due = pending.shift() as (typeof pending)[number];
      const before = this.triggerSignature();
      if (due.atMs > this.runtime.clock.now()) this.runtime.clock.setTime(due.atMs);
      runs.push(this.runTrigger(due));
      from = due.atMs;
      if (this.triggerSignature() !== before) {
        const seen = new Set(pending.map((item) => `${item.uid}@${item.atMs}`));
        const stillThere = new Set(this.runtime.triggers.list().map((record) => record.uid));
        pending = pending.filter((item) => stillThere.has(item.uid) || item.schedule.kind === 'once');
        for (const item of this.runtime.triggers.due(from, target)) {
          if (!seen.has(`${item.uid}@${item.atMs}`)) pending.push(item);
        }
        pending.sort((a, b) => a.atMs - b.atMs);
      }
    }
    if (target > this.runtime.clock.now()) this.runtime.clock.setTime(target);
    this.lastTriggerCheckMs = target;
    return runs;
  }

  /** Fires the triggers that came due since the last check, after the clock was moved by other means. */
  fireDueTriggers(): TriggerRun[] {
    return this.advance(0);
  }

  private triggerSignature(): string {
    return this.runtime.triggers
      .list()
      .map((record) => record.uid)
      .join(',');
  }

  private runTrigger(due: ReturnType<LocalRuntime['triggers']['due']>[number]): TriggerRun {
    const owner = { email: due.ownerEmail, locale: this.runtime.ctx.defaultUser.locale };
    const run: TriggerRun = { handler: due.handlerFunction, ownerEmail: due.ownerEmail, atMs: due.atMs, ok: true };
    try {
      this.runtime.ctx.runExecution(
        { user: owner, effectiveUser: owner, authMode: 'FULL', label: `trigger:${due.handlerFunction}` },
        () => this.scriptFunction(due.handlerFunction)(due.event),
      );
    } catch (error) {
      // Add-on triggers send no failure mail (docs/apps-script/services.md §1): the failure is only in the executions log.
      run.ok = false;
      run.error = (error as Error).message;
    }
    this.triggerRuns.push(run);
    return run;
  }

  private activeSpreadsheetOrNull(authMode: AuthModeKey): unknown {
    if (authMode === 'NONE') return undefined;
    const app = this.runtime.globals.SpreadsheetApp as { getActiveSpreadsheet(): unknown };
    return app.getActiveSpreadsheet();
  }

  private makeEvent(fields: Record<string, unknown>): Record<string, unknown> {
    const event = vm.runInContext('({})', this.context) as Record<string, unknown>;
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) event[key] = value;
    return event;
  }
}

/**
 * Replaces the script realm's Date so `new Date()` and `Date.now()` read the runtime's virtual clock;
 * Dates it makes are ordinary Dates of that realm (instanceof Date holds).
 */
function installVirtualDate(context: vm.Context, now: () => number): void {
  const patch = vm.runInContext(
    `(function (now) {
      var RealDate = Date;
      function VirtualDate() {
        if (!new.target) return new RealDate(now()).toString();
        if (arguments.length === 0) return new RealDate(now());
        // new Date(ms) / new Date(date) first: the script makes tens of thousands (the bench counts its CPU).
        if (arguments.length === 1) return new RealDate(arguments[0]);
        return Reflect.construct(RealDate, Array.prototype.slice.call(arguments));
      }
      VirtualDate.prototype = RealDate.prototype;
      VirtualDate.now = function () { return now(); };
      VirtualDate.UTC = RealDate.UTC;
      VirtualDate.parse = RealDate.parse;
      Object.defineProperty(RealDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true });
      globalThis.Date = VirtualDate;
    })`,
    context,
  ) as (now: () => number) => void;
  patch(now);
}

export function loadAddon(runtime: LocalRuntime, distDir = path.resolve(__dirname, '../../../dist')): AddonHost {
  readFileSync(path.join(distDir, 'Code.js')); // fail early and clearly when the bundle was not built
  return new AddonHost(runtime, distDir);
}
