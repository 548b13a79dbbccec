import path from 'node:path';
import { maxOver, sumCosts, type ExecutionCost } from '../../bench/cost-model';
import { addonWorkloads, naiveWorkloads, SIDEBAR_BOUNDS, WORKLOADS, type WorkloadKey } from '../../bench/workloads';
import { prepareWorkbench, standardSize, type Workbench } from '../../bench/workbench';
import type { TableKey } from '../../src/shared/schema/templates';

/**
 * Keeps the benchmark's costs from regressing (issues 12 and 18), without timing anything: the workloads of
 * `npm run bench` (bench/workloads.ts, the built dist/Code.js on the local runtime with the demo data) at two
 * small sizes. Every sidebar action makes exactly the same calls at 1,000 and 3,000 customers and at most
 * issue 18's 20 calls per execution; intake, follow-up save and My day read and search far less than a whole
 * table; the menu jobs' calls don't grow with the rows; the naive baseline's calls do, so the ratios in
 * RESULTS.md mean something.
 */
const DIST = path.resolve(__dirname, '../../dist');

/** The sidebar actions a rep clicks (bench/workloads.ts `click`), in the benchmark's order. */
const SIDEBAR = WORKLOADS.filter((workload) => workload.click).map((workload) => workload.key);

/** Service calls per execution (issue 18: ≤ 20 for a sidebar action). Lower is fine. */
const EXPECTED_CALLS: Partial<Record<WorkloadKey, number>> = Object.fromEntries(
  SIDEBAR.map((key) => [key, SIDEBAR_BOUNDS.calls]),
);

/**
 * Cells read + searched beyond two columns of the largest table an action touches: header rows, the whole
 * (small) Settings and Team tables, the rows found and shown. Far below a whole-table read (Customers alone is
 * ~60 columns × 3,000 rows at LARGE).
 */
const SMALL_CONSTANT = 2000;

/** The tables whose rows bound the cells read + searched, per action (the largest counts). */
/**
 * Columns' worth of the largest table an action may read + search (issue 18: two). My day reads its rep's
 * block of the My day index and the rows written since the index was built.
 */
const COLUMNS_WORTH: Partial<Record<WorkloadKey, number>> = { intake: 2, followUp: 2, myDay: 2 };

const TOUCHED: Partial<Record<WorkloadKey, readonly TableKey[]>> = {
  intake: ['customers'],
  followUp: ['customers', 'followUps'],
  myDay: ['customers', 'followUps', 'tickets'],
};

// Both sizes have more rows than a new sheet's 1,000, so appends grow full sheets alike.
const SMALL = 1000;
const LARGE = 3000;

function costsOf(bench: Workbench, key: WorkloadKey): { executions: ExecutionCost[]; total: ExecutionCost } {
  const run = addonWorkloads[key](bench);
  return { executions: run.executions, total: sumCosts(run.executions) };
}

/** Data rows of a table in a workbench, header included. */
function rowsOf(bench: Workbench, table: TableKey): number {
  const data = bench.data as unknown as Record<string, unknown[] | undefined>;
  return (data[table]?.length ?? 0) + 1;
}

describe('benchmark workloads: call counts', () => {
  let small: Workbench;
  let large: Workbench;
  beforeAll(() => {
    small = prepareWorkbench(standardSize(SMALL), DIST);
    large = prepareWorkbench(standardSize(LARGE), DIST);
  });

  it("the naive baseline's calls grow with the rows (a call per row or cell)", () => {
    const a = sumCosts(naiveWorkloads.myDay(small).executions).calls;
    const b = sumCosts(naiveWorkloads.myDay(large).executions).calls;
    // 2 calls per row of customers, follow-ups and tickets: 3× the rows, ~3× the calls.
    expect(b / a).toBeGreaterThan(2.5);
  });

  it.each(SIDEBAR)('%s: the same calls at 1,000 and 3,000 customers, at most 20 per execution', (key) => {
    const a = costsOf(small, key);
    const b = costsOf(large, key);
    expect(b.executions).toHaveLength(a.executions.length);
    expect(b.total.byMethod).toEqual(a.total.byMethod);
    expect(maxOver(a.executions, (cost) => cost.calls)).toBeLessThanOrEqual(EXPECTED_CALLS[key] ?? 0);
  });

  it.each(Object.keys(TOUCHED) as WorkloadKey[])(
    '%s: at 3,000 customers, cells read + searched stay within a few columns of the largest table touched',
    (key) => {
      const { total } = costsOf(large, key);
      const largest = Math.max(...(TOUCHED[key] ?? []).map((table) => rowsOf(large, table)));
      const bound = (COLUMNS_WORTH[key] ?? 2) * largest + SMALL_CONSTANT;
      expect(total.cellsRead + total.cellsSearched).toBeLessThanOrEqual(bound);
    },
  );

  it.each(['gradeAll', 'dashboard', 'dailyScan'] as const)(
    '%s: one execution, calls independent of the number of customers',
    (key) => {
      const a = costsOf(small, key);
      const b = costsOf(large, key);
      expect(a.executions).toHaveLength(1);
      expect(b.executions).toHaveLength(1);
      expect(b.total.calls).toBeLessThanOrEqual(a.total.calls * 1.5 + 20);
      // Issue 18: a job reads each column it uses once, so its calls stay far below this. The scan's last
      // steps (the My day index: ~16 calls the day it creates its sheet, ~8 after; the dashboard's charts)
      // are fixed costs.
      expect(b.total.calls).toBeLessThan(175);
    },
  );

  it('csvImport: 20 executions (10 checks, 10 writes of 500 rows), each with a constant number of calls', () => {
    const run = addonWorkloads.csvImport(small);
    expect(run.executions).toHaveLength(20);
    const calls = run.executions.map((execution) => execution.calls);
    expect(Math.max(...calls)).toBeLessThanOrEqual(23);
    expect(run.note).toMatch(/^5000 imported/);
  });
});
