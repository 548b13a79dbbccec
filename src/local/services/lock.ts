import type { RuntimeContext } from '../core/context';
import { gasError, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';

/**
 * LockService (reference/lock/lock-service, reference/lock/lock; docs/apps-script/services.md §3) with REAL exclusion
 * between simulated executions. A lock is held by an execution id. JavaScript is single-threaded, so while
 * a nested execution (ctx.runExecution inside another) waits, the holder cannot run and release: a wait
 * for a lock held by another execution always times out, after moving the virtual clock by the timeout.
 * Everything an execution holds is released when it ends ("The lock is automatically released when the
 * script terminates").
 */
export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.'; // FIELD

export interface LockHolder {
  executionId: number;
  label: string;
  acquiredAtMs: number;
}

class LockTable {
  /** "script", "document:<id>", "user:<email>" → holder. */
  readonly held = new Map<string, LockHolder>();

  releaseAll(executionId: number): void {
    for (const [key, holder] of this.held) if (holder.executionId === executionId) this.held.delete(key);
  }
}

export class Lock extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly table: LockTable,
    private readonly key: string,
  ) {
    super(ctx);
  }

  /** true when acquired (or already held by this execution: "no effect if the lock has already been acquired"). */
  tryLock(timeoutInMillis: unknown): boolean {
    return this._acquire([timeoutInMillis], 'tryLock');
  }

  /** Like tryLock, but "throws an exception when the lock could not be acquired instead of returning false". */
  waitLock(timeoutInMillis: unknown): void {
    if (!this._acquire([timeoutInMillis], 'waitLock')) throw gasError(LOCK_TIMEOUT);
  }

  hasLock(): boolean {
    return this.table.held.get(this.key)?.executionId === this.ctx.execution.id;
  }

  /** "no effect if the lock has not been acquired" — nor when another execution holds it. */
  releaseLock(): void {
    if (this.table.held.get(this.key)?.executionId === this.ctx.execution.id) this.table.held.delete(this.key);
  }

  _acquire(args: unknown[], method: string): boolean {
    const timeout = args[0];
    if (typeof timeout !== 'number' || !Number.isFinite(timeout)) {
      throw signatureError(args, `LockService.Lock.${method}`);
    }
    // No documented maximum timeout (docs/apps-script/services.md §3, UNCONFIRMED).
    const execution = this.ctx.execution;
    const holder = this.table.held.get(this.key);
    if (holder !== undefined && holder.executionId === execution.id) return true;
    // A negative timeout never acquires, even a free lock (gas-fakes testlock.js "Lock timeout failures",
    // run against live Apps Script): tryLock gives false, waitLock throws LOCK_TIMEOUT. No time passes.
    if (timeout < 0) return false;
    if (holder === undefined) {
      this.table.held.set(this.key, {
        executionId: execution.id,
        label: execution.label,
        acquiredAtMs: this.ctx.now(),
      });
      return true;
    }
    this.ctx.clock.advance(Math.trunc(timeout));
    return false;
  }
}
defineGasClass(Lock, 'LockService', 'Lock');

class LockServiceFacade extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly table: LockTable,
    private readonly documentId: string | null,
  ) {
    super(ctx);
  }

  /** null "outside of the context of a containing document" (standalone script, web app). */
  getDocumentLock(): Lock | null {
    if (this.documentId === null) return null;
    return new Lock(this.ctx, this.table, `document:${this.documentId}`);
  }

  /** One lock for every user of the script. */
  getScriptLock(): Lock {
    return new Lock(this.ctx, this.table, 'script');
  }

  /** Private to the user the script runs as. */
  getUserLock(): Lock {
    return new Lock(this.ctx, this.table, `user:${this.ctx.execution.effectiveUser.email}`);
  }
}
defineGasClass(LockServiceFacade, 'LockService', 'LockService');

export interface LockServiceOptions {
  /** The bound document; null = a standalone script (getDocumentLock() returns null). */
  documentId?: string | null;
}

export function createLockService(
  ctx: RuntimeContext,
  options: LockServiceOptions = {},
): { LockService: unknown; lockState: () => Record<string, LockHolder> } {
  const table = new LockTable();
  ctx.addListener({ onExecutionEnd: (execution) => table.releaseAll(execution.id) });
  const documentId = options.documentId === undefined ? 'bound-document' : options.documentId;
  return {
    LockService: new LockServiceFacade(ctx, table, documentId),
    /** Who holds what, keyed "script", "document:<id>", "user:<email>" (for tests; not metered). */
    lockState: () => Object.fromEntries([...table.held].map(([key, holder]) => [key, { ...holder }])),
  };
}
