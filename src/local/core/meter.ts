/**
 * Counts every call the script makes into a service (by service and by `Class.method`), and the cells read
 * and written. Tests assert costs with it ("the same action makes the same calls at 10 and 10,000 rows");
 * benchmarks turn the counts into projected Apps Script time.
 */
export interface MeterSnapshot {
  calls: number;
  byService: Record<string, number>;
  byMethod: Record<string, number>;
  cellsRead: number;
  cellsWritten: number;
  /** Cells a server-side search (TextFinder) looked through: charged like reading (bench/README.md). */
  cellsSearched: number;
  /**
   * Calls of methods that only read what the object already holds (a Range's own coordinates): they do not
   * contact the spreadsheet backend, so they are kept out of `calls`/`byService`/`byMethod`. Which methods
   * count is listed in gas-object.ts (ACCESSOR_METHODS).
   */
  accessorCalls: number;
  accessorByMethod: Record<string, number>;
  /**
   * CPU time (ms) the local runtime's own service implementations used while `timeServices` was on: the
   * in-memory stand-in for Google's back end (serving a getValues, running a TextFinder search). The benchmark
   * subtracts it from the execution's CPU, since the calls and cells above already charge the back end's work.
   */
  serviceCpuMs: number;
}

export class Meter {
  private calls = 0;
  private byService = new Map<string, number>();
  private byMethod = new Map<string, number>();
  private cellsRead = 0;
  private cellsWritten = 0;
  private cellsSearched = 0;
  private accessorCalls = 0;
  private accessorByMethod = new Map<string, number>();
  private serviceCpuMicros = 0;
  private serviceDepth = 0;
  /** When on (the benchmark), each metered call's CPU is added to `serviceCpuMs`; off by default (tests). */
  timeServices = false;
  private readonly hooks = new Map<string, (() => void)[]>();

  recordCall(service: string, method: string): void {
    this.calls += 1;
    this.byService.set(service, (this.byService.get(service) ?? 0) + 1);
    const key = `${service}.${method}`;
    this.byMethod.set(key, (this.byMethod.get(key) ?? 0) + 1);
    this.fireHook(key);
  }

  /** A call answered from the object itself (see MeterSnapshot.accessorCalls); `beforeNextCall` hooks still fire. */
  recordAccessor(service: string, method: string): void {
    this.accessorCalls += 1;
    const key = `${service}.${method}`;
    this.accessorByMethod.set(key, (this.accessorByMethod.get(key) ?? 0) + 1);
    this.fireHook(key);
  }

  /**
   * Runs one metered service method, timing its CPU when `timeServices` is on. Only the outermost call is
   * timed: a facade that reached another public method would otherwise be counted twice.
   */
  runService<T>(fn: () => T): T {
    if (!this.timeServices || this.serviceDepth > 0) return fn();
    this.serviceDepth += 1;
    const start = process.cpuUsage();
    try {
      return fn();
    } finally {
      const used = process.cpuUsage(start);
      this.serviceCpuMicros += used.user + used.system;
      this.serviceDepth -= 1;
    }
  }

  private fireHook(key: string): void {
    const pending = this.hooks.get(key);
    if (pending && pending.length > 0) {
      const hook = pending.shift() as () => void;
      if (pending.length === 0) this.hooks.delete(key);
      hook();
    }
  }

  /**
   * Runs `hook` once, just before the next call of `Service.Class.method` executes. Tests use it to start a
   * second execution at an exact point of the first (e.g. while it holds the document lock), which is how
   * concurrency is simulated in a single-threaded runtime.
   */
  beforeNextCall(methodKey: string, hook: () => void): void {
    const pending = this.hooks.get(methodKey) ?? [];
    pending.push(hook);
    this.hooks.set(methodKey, pending);
  }

  recordCells(read: number, written: number): void {
    this.cellsRead += read;
    this.cellsWritten += written;
  }

  /** A server-side search over `cells` cells (TextFinder.findNext/findAll/findPrevious). */
  recordSearch(cells: number): void {
    this.cellsSearched += cells;
  }

  reset(): void {
    this.calls = 0;
    this.byService.clear();
    this.byMethod.clear();
    this.cellsRead = 0;
    this.cellsWritten = 0;
    this.cellsSearched = 0;
    this.accessorCalls = 0;
    this.accessorByMethod.clear();
    this.serviceCpuMicros = 0;
  }

  snapshot(): MeterSnapshot {
    return {
      calls: this.calls,
      byService: Object.fromEntries(this.byService),
      byMethod: Object.fromEntries(this.byMethod),
      cellsRead: this.cellsRead,
      cellsWritten: this.cellsWritten,
      cellsSearched: this.cellsSearched,
      accessorCalls: this.accessorCalls,
      accessorByMethod: Object.fromEntries(this.accessorByMethod),
      serviceCpuMs: this.serviceCpuMicros / 1000,
    };
  }

  /** Runs `fn` and returns what it cost, leaving the running totals to include it. */
  measure<T>(fn: () => T): { result: T; cost: MeterSnapshot } {
    const before = this.snapshot();
    const result = fn();
    return { result, cost: diffSnapshots(before, this.snapshot()) };
  }
}

export function diffSnapshots(before: MeterSnapshot, after: MeterSnapshot): MeterSnapshot {
  const diffMap = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [key, value] of Object.entries(b)) {
      const delta = value - (a[key] ?? 0);
      if (delta !== 0) out[key] = delta;
    }
    return out;
  };
  return {
    calls: after.calls - before.calls,
    byService: diffMap(before.byService, after.byService),
    byMethod: diffMap(before.byMethod, after.byMethod),
    cellsRead: after.cellsRead - before.cellsRead,
    cellsWritten: after.cellsWritten - before.cellsWritten,
    cellsSearched: after.cellsSearched - before.cellsSearched,
    accessorCalls: after.accessorCalls - before.accessorCalls,
    accessorByMethod: diffMap(before.accessorByMethod, after.accessorByMethod),
    serviceCpuMs: after.serviceCpuMs - before.serviceCpuMs,
  };
}

const WRITE_METHOD =
  /^(set|insert|delete|append|clear|add|remove|move|hide|show|protect|update|auto|sort|copy|merge|create|put|send|unhide|rename)/;

/** Methods whose names look like writes but only create in-memory helpers. */
const READ_ONLY_METHOD = /^(create\w*Finder|createAddonMenu|createMenu|createHtmlOutput\w*|createTemplate\w*)$/;

/**
 * The calls that change state, for "a second install makes no writes" assertions. Keys are
 * `Service.Class.method`; builder classes only assemble values in memory, so they never count.
 */
export function writeCalls(snapshot: MeterSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(snapshot.byMethod)) {
    const parts = key.split('.');
    const method = parts[parts.length - 1] ?? '';
    const className = parts[parts.length - 2] ?? '';
    if (className.endsWith('Builder') || READ_ONLY_METHOD.test(method)) continue;
    if (WRITE_METHOD.test(method)) out[key] = value;
  }
  return out;
}
