import { RuntimeContext, type LocalUser } from '../../src/local/core/context';
import { createLockService } from '../../src/local/services/lock';
import { errorOf } from '../support/errors';

/* Facts: docs/apps-script/services.md §3 (LockService). */

const OWNER: LocalUser = { email: 'owner@example.com', locale: 'zh_CN' };
const OTHER: LocalUser = { email: 'other@example.com', locale: 'en' };
const START = Date.parse('2024-06-03T09:00:00+08:00');

/* eslint-disable @typescript-eslint/no-explicit-any -- scripts call the runtime untyped */
function setup(documentId?: string | null) {
  const ctx = new RuntimeContext({ startMs: START, user: OWNER });
  const made = createLockService(ctx, documentId === undefined ? {} : { documentId });
  return { ctx, LockService: made.LockService as any, lockState: made.lockState };
}

describe('LockService', () => {
  test('getDocumentLock is null without a containing document; other locks always exist', () => {
    const { LockService } = setup(null);
    expect(LockService.getDocumentLock()).toBeNull();
    expect(String(LockService.getScriptLock())).toBe('Lock');
    expect(String(LockService.getUserLock())).toBe('Lock');
  });

  test('a lock is not held until tryLock/waitLock; releaseLock without holding has no effect', () => {
    const { ctx, LockService, lockState } = setup();
    ctx.runExecution({ label: 'run:a' }, () => {
      const lock = LockService.getDocumentLock();
      expect(lock.hasLock()).toBe(false);
      lock.releaseLock();
      expect(lock.tryLock(1000)).toBe(true);
      expect(lock.hasLock()).toBe(true);
      // "no effect if the lock has already been acquired"
      expect(lock.tryLock(1000)).toBe(true);
      expect(() => lock.waitLock(1000)).not.toThrow();
      expect(Object.keys(lockState())).toEqual(['document:bound-document']);
      expect(lockState()['document:bound-document']?.label).toBe('run:a');
      lock.releaseLock();
      expect(lock.hasLock()).toBe(false);
      expect(lockState()).toEqual({});
    });
  });

  test('real exclusion: a nested execution cannot take a held lock; tryLock false after the timeout elapses', () => {
    const { ctx, LockService } = setup();
    ctx.runExecution({ label: 'run:first' }, () => {
      expect(LockService.getDocumentLock().tryLock(10_000)).toBe(true);
      const before = ctx.now();
      ctx.runExecution({ label: 'run:second' }, () => {
        const lock = LockService.getDocumentLock();
        expect(lock.tryLock(5000)).toBe(false);
        expect(lock.hasLock()).toBe(false);
        // releaseLock by a non-holder has no effect on the holder
        lock.releaseLock();
      });
      expect(ctx.now() - before).toBe(5000);
      expect(LockService.getDocumentLock().hasLock()).toBe(true);
    });
  });

  test('waitLock throws the FIELD timeout message', () => {
    const { ctx, LockService } = setup();
    ctx.runExecution({ label: 'run:first' }, () => {
      LockService.getScriptLock().waitLock(1000);
      ctx.runExecution({ user: OTHER, label: 'run:second' }, () => {
        expect(errorOf(() => LockService.getScriptLock().waitLock(30_000))).toEqual({
          name: 'Exception',
          message: 'Lock timeout: another process was holding the lock for too long.',
        });
      });
    });
  });

  test('locks are released when the holding execution ends, even by an exception', () => {
    const { ctx, LockService, lockState } = setup();
    expect(() =>
      ctx.runExecution({ label: 'run:crash' }, () => {
        LockService.getDocumentLock().waitLock(1000);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(lockState()).toEqual({});
    ctx.runExecution({ label: 'run:next' }, () => {
      expect(LockService.getDocumentLock().tryLock(0)).toBe(true);
    });
  });

  test('scopes: script lock is global, user lock is per user, document lock per document', () => {
    const { ctx, LockService, lockState } = setup('doc-9');
    ctx.runExecution({ label: 'run:owner' }, () => {
      expect(LockService.getUserLock().tryLock(0)).toBe(true);
      ctx.runExecution({ user: OTHER, label: 'run:other' }, () => {
        expect(LockService.getUserLock().tryLock(0)).toBe(true);
        expect(LockService.getDocumentLock().tryLock(0)).toBe(true);
        expect(Object.keys(lockState()).sort()).toEqual([
          'document:doc-9',
          'user:other@example.com',
          'user:owner@example.com',
        ]);
      });
      expect(LockService.getDocumentLock().tryLock(0)).toBe(true);
      ctx.runExecution({ user: OTHER, label: 'run:other2' }, () => {
        expect(LockService.getScriptLock().tryLock(0)).toBe(true);
        expect(LockService.getDocumentLock().tryLock(0)).toBe(false);
      });
    });
  });

  test('bad timeout types do not match the signature', () => {
    const { LockService } = setup();
    expect(errorOf(() => LockService.getScriptLock().tryLock('10'))).toEqual({
      name: 'Exception',
      message: "The parameters (String) don't match the method signature for LockService.Lock.tryLock.",
    });
  });

  test('calls are metered under LockService', () => {
    const { ctx, LockService } = setup();
    const { cost } = ctx.meter.measure(() => {
      const lock = LockService.getDocumentLock();
      lock.waitLock(100);
      lock.releaseLock();
    });
    expect(cost.byMethod).toEqual({
      'LockService.LockService.getDocumentLock': 1,
      'LockService.Lock.waitLock': 1,
      'LockService.Lock.releaseLock': 1,
    });
  });
});
