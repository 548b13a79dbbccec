/** Raised when another execution holds the document lock for longer than a sidebar should wait. */
export class BusyError extends Error {
  constructor() {
    super('The document is busy');
    this.name = 'BusyError';
  }
}

/**
 * How deep this script is inside withDocumentLock. An action that installs the workbook first already holds
 * the lock, and the inner call must neither wait for it nor release it early. `Lock.hasLock()` tells, but is
 * a service call on every save; it is only asked when this counter says we may be nested (rare: a first
 * install). In Apps Script module state is per execution, so the counter alone would do; the local harness
 * runs overlapping executions in one module, where hasLock tells them apart.
 */
let held = 0;

/**
 * Runs a read-modify-write under the document lock (docs/product-rules.md §8: concurrent writes without it lose rows).
 * Short waits: a rep would rather see "busy, try again" than a frozen sidebar.
 */
export function withDocumentLock<T>(body: () => T, timeoutMs = 10000): T {
  const lock = LockService.getDocumentLock();
  if (!lock) throw new BusyError();
  if (held > 0 && lock.hasLock()) return nested(body);
  if (!lock.tryLock(timeoutMs)) throw new BusyError();
  try {
    return nested(body);
  } finally {
    lock.releaseLock();
  }
}

function nested<T>(body: () => T): T {
  held++;
  try {
    return body();
  } finally {
    held--;
  }
}
