import { RuntimeContext, type LocalUser } from '../../src/local/core/context';
import { createLockService } from '../../src/local/services/lock';
import { errorOf } from '../support/errors';

/* Facts: docs/apps-script-behaviour.md "LockService" (gas-fakes testlock.js "Lock timeout failures"). */

const OWNER: LocalUser = { email: 'owner@example.com', locale: 'zh_CN' };
const START = Date.parse('2024-06-03T09:00:00+08:00');
const TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/* eslint-disable @typescript-eslint/no-explicit-any -- scripts call the runtime untyped */
function setup() {
  const ctx = new RuntimeContext({ startMs: START, user: OWNER });
  const made = createLockService(ctx);
  return { ctx, LockService: made.LockService as any, lockState: made.lockState };
}

describe('Lock with zero and negative timeouts', () => {
  test('tryLock(negative) returns false and leaves a free lock free; no virtual time passes', () => {
    const { ctx, LockService, lockState } = setup();
    ctx.runExecution({ label: 'run:a' }, () => {
      const lock = LockService.getScriptLock();
      const before = ctx.now();
      expect(lock.tryLock(-100)).toBe(false);
      expect(lock.hasLock()).toBe(false);
      expect(lockState()).toEqual({});
      expect(ctx.now()).toBe(before);
      // tryLock(0) takes a free lock at once
      expect(lock.tryLock(0)).toBe(true);
      expect(lock.hasLock()).toBe(true);
    });
  });

  test('waitLock(negative) throws the lock-timeout exception and does not take the lock', () => {
    const { ctx, LockService, lockState } = setup();
    ctx.runExecution({ label: 'run:a' }, () => {
      const lock = LockService.getDocumentLock();
      expect(errorOf(() => lock.waitLock(-1))).toEqual({ name: 'Exception', message: TIMEOUT });
      expect(lock.hasLock()).toBe(false);
      expect(lockState()).toEqual({});
      expect(() => lock.waitLock(0)).not.toThrow();
      expect(lock.hasLock()).toBe(true);
    });
  });

  test('a lock this execution already holds stays held ("no effect if the lock has already been acquired")', () => {
    const { ctx, LockService } = setup();
    ctx.runExecution({ label: 'run:a' }, () => {
      const lock = LockService.getUserLock();
      lock.waitLock(1000);
      expect(lock.tryLock(-5)).toBe(true);
      expect(() => lock.waitLock(-5)).not.toThrow();
      expect(lock.hasLock()).toBe(true);
    });
  });

  test('negative timeouts against a lock held by another execution fail without waiting', () => {
    const { ctx, LockService } = setup();
    ctx.runExecution({ label: 'run:first' }, () => {
      LockService.getScriptLock().waitLock(1000);
      const before = ctx.now();
      ctx.runExecution({ label: 'run:second' }, () => {
        expect(LockService.getScriptLock().tryLock(-1)).toBe(false);
        expect(errorOf(() => LockService.getScriptLock().waitLock(-1))).toEqual({
          name: 'Exception',
          message: TIMEOUT,
        });
      });
      expect(ctx.now()).toBe(before);
    });
  });
});
