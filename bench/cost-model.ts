import type { MeterSnapshot } from '../src/local/core/meter';

/**
 * The cost model that turns what the local runtime counted into a projected Apps Script time
 * (bench/README.md explains where each constant comes from):
 *
 *   projected ms = service calls × CALL_MS + cells read or written × CELL_MS + Node CPU ms × CPU_FACTOR
 *
 * Every metered call counts the same (a SpreadsheetApp read, a Properties read, a lock): Apps Script sends
 * each to a Google back end. Builders and in-memory helpers are metered too, so the model errs high.
 */
export const COST_MODEL = {
  /** One service round trip: ~12 s for 400 setValues+flush pairs ≈ 30 ms each (README, source 2). */
  callMs: 30,
  /** Per cell moved: a 4,000-cell setValues took under 50 ms ≈ 0.0125 ms a cell (README, source 2). */
  cellMs: 0.0125,
  /** Our JavaScript: Node's CPU time, counted twice for Apps Script's shared, slower V8 (an assumption). */
  cpuFactor: 2,
  /** Sidebar patience (SPEC: a rep waits at most this long for a save) and the execution limit. */
  sidebarLimitMs: 30_000,
  executionLimitMs: 6 * 60_000,
} as const;

export interface ExecutionCost {
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Node CPU time of the execution on the local runtime (our logic + the in-memory services). */
  cpuMs: number;
  byService: Record<string, number>;
  byMethod: Record<string, number>;
}

export function serviceMs(cost: Pick<ExecutionCost, 'calls' | 'cellsRead' | 'cellsWritten'>): number {
  return cost.calls * COST_MODEL.callMs + (cost.cellsRead + cost.cellsWritten) * COST_MODEL.cellMs;
}

export function projectedMs(cost: Pick<ExecutionCost, 'calls' | 'cellsRead' | 'cellsWritten' | 'cpuMs'>): number {
  return serviceMs(cost) + cost.cpuMs * COST_MODEL.cpuFactor;
}

export function executionCost(snapshot: MeterSnapshot, cpuMs: number): ExecutionCost {
  return {
    calls: snapshot.calls,
    cellsRead: snapshot.cellsRead,
    cellsWritten: snapshot.cellsWritten,
    cpuMs,
    byService: snapshot.byService,
    byMethod: snapshot.byMethod,
  };
}

/** Sums executions (e.g. the ten chunks of an import) into one cost. */
export function sumCosts(costs: readonly ExecutionCost[]): ExecutionCost {
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
  };
  const total: ExecutionCost = { calls: 0, cellsRead: 0, cellsWritten: 0, cpuMs: 0, byService: {}, byMethod: {} };
  for (const cost of costs) {
    total.calls += cost.calls;
    total.cellsRead += cost.cellsRead;
    total.cellsWritten += cost.cellsWritten;
    total.cpuMs += cost.cpuMs;
    add(total.byService, cost.byService);
    add(total.byMethod, cost.byMethod);
  }
  return total;
}
