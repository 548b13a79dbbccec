/** Raised when another execution holds the document lock for longer than a sidebar should wait. */
export class BusyError extends Error {
  constructor() {
    super('The document is busy');
    this.name = 'BusyError';
  }
}

/**
 * Runs a read-modify-write under the document lock (SPEC §8: concurrent writes without it lose rows).
 * Short waits: a rep would rather see "busy, try again" than a frozen sidebar.
 */
export function withDocumentLock<T>(body: () => T, timeoutMs = 10000): T {
  const lock = LockService.getDocumentLock();
  if (!lock) throw new BusyError();
  // Re-entrant: an action that installs the workbook first already holds the lock; the inner call must not
  // release it early.
  if (lock.hasLock()) return body();
  if (!lock.tryLock(timeoutMs)) throw new BusyError();
  try {
    return body();
  } finally {
    lock.releaseLock();
  }
}
