import path from 'node:path';
import { sumCosts } from '../../bench/cost-model';
import { addonWorkloads, naiveWorkloads, type WorkloadKey } from '../../bench/workloads';
import { prepareWorkbench, standardSize, type Workbench } from '../../bench/workbench';

/**
 * Keeps the benchmark's call counts from regressing (issue 12), without timing anything: the workloads of
 * `npm run bench` (bench/workloads.ts, the built dist/Code.js on the local runtime with the demo data) at two
 * small sizes. Sidebar actions and the menu jobs make exactly the same calls at 1,000 and 3,000 customers, and
 * exactly the numbers below; the naive baseline's calls grow with the rows, so the ratios in RESULTS.md mean
 * something.
 */
const DIST = path.resolve(__dirname, '../../dist');

/** Service calls per execution, as measured when the benchmark was written. Lower is fine: update them. */
const EXPECTED_CALLS: Partial<Record<WorkloadKey, number>> = {
  // Targeted reads (issue 18) trade a few calls for cells that no longer grow with the table.
  intake: 30,
  followUp: 44,
  myDay: 42,
};
// Both sizes have more rows than a new sheet's 1,000, so appends grow full sheets alike.
const SMALL = 1000;
const LARGE = 3000;

function callsOf(bench: Workbench, key: WorkloadKey) {
  const run = addonWorkloads[key](bench);
  return { executions: run.executions.length, ...sumCosts(run.executions) };
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

  it.each(['intake', 'followUp', 'myDay'] as const)('%s: the same calls at 1,000 and 3,000 customers', (key) => {
    const a = callsOf(small, key);
    const b = callsOf(large, key);
    expect(b.byMethod).toEqual(a.byMethod);
    expect(a.calls).toBeLessThanOrEqual(EXPECTED_CALLS[key] ?? 0);
    // Only the rows found by a search are read: the cells read stay far below a whole-table read.
    expect(b.cellsRead).toBeLessThan(60000);
  });

  it.each(['gradeAll', 'dashboard', 'dailyScan'] as const)(
    '%s: one execution, calls independent of the number of customers',
    (key) => {
      const a = callsOf(small, key);
      const b = callsOf(large, key);
      expect(a.executions).toBe(1);
      expect(b.executions).toBe(1);
      expect(b.calls).toBeLessThanOrEqual(a.calls * 1.5 + 20);
      expect(b.calls).toBeLessThan(250);
    },
  );

  it('csvImport: 20 executions (10 checks, 10 writes of 500 rows), each with a constant number of calls', () => {
    const run = addonWorkloads.csvImport(small);
    expect(run.executions).toHaveLength(20);
    const calls = run.executions.map((execution) => execution.calls);
    expect(Math.max(...calls)).toBeLessThanOrEqual(26);
    expect(run.note).toMatch(/^5000 imported/);
  });
});
