import type { MeterSnapshot } from '../src/local/core/meter';

/**
 * The cost model that turns what the local runtime counted into a projected Apps Script time
 * (bench/README.md explains where each constant comes from and which are assumptions):
 *
 *   projected ms = service calls × CALL_MS
 *                + (cells read + cells written) × CELL_MS
 *                + cells searched × SEARCH_CELL_MS
 *                + accessor calls × ACCESSOR_MS
 *                + script CPU ms × CPU_FACTOR
 *
 * Script CPU is the execution's Node CPU minus the CPU the local runtime spent inside its own service
 * methods (MeterSnapshot.serviceCpuMs): that work stands in for Google's back end, whose time the per-call and
 * per-cell terms already charge, so counting it again would bill a read twice.
 *
 * Every metered call counts the same (a SpreadsheetApp read, a Properties read, a lock, a TextFinder search):
 * Apps Script sends each to a Google back end. Builders and in-memory helpers are metered too, so the model
 * errs high. Range coordinate getters (getRow, getNumRows, getA1Notation, …) are not in `calls`: the meter
 * counts them separately as accessor calls.
 */
export const COST_MODEL = {
  /** One service round trip: ~12 s for 400 setValues+flush pairs ≈ 30 ms each (README, source 2). */
  callMs: 30,
  /** Per cell moved: a 4,000-cell setValues took under 50 ms ≈ 0.0125 ms a cell (README, source 2). */
  cellMs: 0.0125,
  /**
   * Per cell a server-side TextFinder search looked through. No published figure: charged like a cell read
   * (conservative: the back end compares a cell it already holds instead of sending it to the script).
   */
  searchCellMs: 0.0125,
  /** Per Range coordinate getter: an assumption (the Range object holds its coordinates; no published figure). */
  accessorMs: 0.01,
  /** Our JavaScript: Node's CPU time, counted twice for Apps Script's shared, slower V8 (an assumption). */
  cpuFactor: 2,
  /** Sidebar patience (docs/product-rules.md: a rep waits at most this long for a save) and the execution limit. */
  sidebarLimitMs: 30_000,
  executionLimitMs: 6 * 60_000,
} as const;

export interface ExecutionCost {
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Cells server-side searches (TextFinder) looked through. */
  cellsSearched: number;
  /** Range coordinate getters (not in `calls`). */
  accessorCalls: number;
  /** Script CPU: Node CPU of the execution outside the local runtime's service methods (our logic). */
  cpuMs: number;
  /** Node CPU inside the local runtime's service methods: shown, not charged (the back end's terms cover it). */
  runtimeCpuMs: number;
  byService: Record<string, number>;
  byMethod: Record<string, number>;
}

type ServiceCounts = Pick<ExecutionCost, 'calls' | 'cellsRead' | 'cellsWritten'> &
  Partial<Pick<ExecutionCost, 'cellsSearched' | 'accessorCalls'>>;

/** The parts of the service time, in ms, so a report can show each term. */
export function serviceParts(cost: ServiceCounts): { calls: number; cells: number; search: number; accessors: number } {
  return {
    calls: cost.calls * COST_MODEL.callMs,
    cells: (cost.cellsRead + cost.cellsWritten) * COST_MODEL.cellMs,
    search: (cost.cellsSearched ?? 0) * COST_MODEL.searchCellMs,
    accessors: (cost.accessorCalls ?? 0) * COST_MODEL.accessorMs,
  };
}

export function serviceMs(cost: ServiceCounts): number {
  const parts = serviceParts(cost);
  return parts.calls + parts.cells + parts.search + parts.accessors;
}

export function projectedMs(cost: ServiceCounts & Pick<ExecutionCost, 'cpuMs'>): number {
  return serviceMs(cost) + cost.cpuMs * COST_MODEL.cpuFactor;
}

/** Cells an execution touched: read, searched and written. */
export function cellsTouched(cost: ServiceCounts): number {
  return cost.cellsRead + (cost.cellsSearched ?? 0) + cost.cellsWritten;
}

/** `totalCpuMs` is the execution's whole Node CPU; the runtime's share (snapshot.serviceCpuMs) is split off. */
export function executionCost(snapshot: MeterSnapshot, totalCpuMs: number): ExecutionCost {
  // Older runtimes' snapshots had neither searched cells nor accessor calls.
  const counts = snapshot as Partial<Pick<MeterSnapshot, 'cellsSearched' | 'accessorCalls' | 'serviceCpuMs'>>;
  const runtimeCpuMs = Math.min(totalCpuMs, counts.serviceCpuMs ?? 0);
  return {
    calls: snapshot.calls,
    cellsRead: snapshot.cellsRead,
    cellsWritten: snapshot.cellsWritten,
    cellsSearched: counts.cellsSearched ?? 0,
    accessorCalls: counts.accessorCalls ?? 0,
    cpuMs: totalCpuMs - runtimeCpuMs,
    runtimeCpuMs,
    byService: snapshot.byService,
    byMethod: snapshot.byMethod,
  };
}

/** Sums executions (e.g. the ten chunks of an import) into one cost. */
export function sumCosts(costs: readonly ExecutionCost[]): ExecutionCost {
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
  };
  const total: ExecutionCost = {
    calls: 0,
    cellsRead: 0,
    cellsWritten: 0,
    cellsSearched: 0,
    accessorCalls: 0,
    cpuMs: 0,
    runtimeCpuMs: 0,
    byService: {},
    byMethod: {},
  };
  for (const cost of costs) {
    total.calls += cost.calls;
    total.cellsRead += cost.cellsRead;
    total.cellsWritten += cost.cellsWritten;
    // Results written before these were metered have neither.
    total.cellsSearched += (cost as Partial<ExecutionCost>).cellsSearched ?? 0;
    total.accessorCalls += (cost as Partial<ExecutionCost>).accessorCalls ?? 0;
    total.cpuMs += cost.cpuMs;
    total.runtimeCpuMs += (cost as Partial<ExecutionCost>).runtimeCpuMs ?? 0;
    add(total.byService, cost.byService);
    add(total.byMethod, cost.byMethod);
  }
  return total;
}

/** The largest value of one measure over the executions of a workload (what one execution may cost). */
export function maxOver(costs: readonly ExecutionCost[], pick: (cost: ExecutionCost) => number): number {
  return costs.reduce((max, cost) => Math.max(max, pick(cost)), 0);
}
