/**
 * The runtime's settable clock. Script code sees it through the vm context's `Date` (see
 * `installVirtualDate`), services use it for trigger times, cache expiry, lock waits and `Utilities.sleep`.
 */
export class VirtualClock {
  private nowMs: number;
  private readonly listeners = new Set<(fromMs: number, toMs: number) => void>();

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** Moves time forward (never backward: Apps Script time does not go back within a project). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.setTime(this.nowMs + ms);
  }

  setTime(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`invalid clock time ${ms}`);
    const from = this.nowMs;
    this.nowMs = ms;
    for (const listener of this.listeners) listener(from, ms);
  }

  /** Called after every change, e.g. so the playground can fire time-driven triggers that came due. */
  onChange(listener: (fromMs: number, toMs: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
