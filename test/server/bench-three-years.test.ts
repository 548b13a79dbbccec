import path from 'node:path';
import { runThreeYears, THREE_YEARS, type ThreeYearsResult, type TeamPlan } from '../../bench/three-years';

/**
 * The "three years of a five-rep team" workload of `npm run bench` (bench/three-years.ts) at a small rate, so the
 * jest run stays fast: the yearly archive runs through dist/Code.js move old rows and shrink the workbook, and
 * the sidebar actions on the archived workbook cost exactly what they cost on a fresh one with the same records.
 * Counts only, no times.
 */
const DIST = path.resolve(__dirname, '../../dist');
const SMALL: TeamPlan = {
  ...THREE_YEARS,
  label: 'three small years',
  followUpsPerYear: 1500,
  customersPerYear: 150,
  // Enough tickets that one reported in a year's last two days is still pending (the ticket update takes it).
  ticketsPerCustomer: 5,
  toTheLimit: false,
};

describe('benchmark: three years of a team, with and without yearly archiving', () => {
  let result: ThreeYearsResult;
  beforeAll(() => {
    result = runThreeYears(SMALL, DIST);
  });

  it('archives at the start of each new year with the default cut-off: nothing the first time, then last year', () => {
    expect(result.archives.map((run) => [run.year, run.before])).toEqual([
      [2023, 2022],
      [2024, 2023],
      [2025, 2024],
    ]);
    const [first, ...later] = result.archives;
    expect(first?.moved).toEqual({ followUps: 0, tickets: 0, satisfaction: 0 });
    expect(first?.cellsAfter).toBe(first?.cellsBefore);
    for (const run of later) {
      // Most of a year's follow-ups are closed; every one of its surveys without a suggestion left.
      expect(run.moved.followUps).toBeGreaterThan(SMALL.followUpsPerYear * 0.8);
      expect(run.cellsAfter).toBeLessThan(run.cellsBefore);
      expect(run.executions).toHaveLength(1);
    }
  });

  it('keeps the workbook smaller with archiving, the same rows of customers and transactions', () => {
    const without = result.withoutArchive[2];
    const withArchive = result.withArchive[2];
    expect(withArchive?.cells).toBeLessThan(without?.cells ?? 0);
    expect(withArchive?.rows.customers).toBe(without?.rows.customers);
    expect(withArchive?.rows.transactions).toBe(without?.rows.transactions);
    expect(result.live.fresh).toEqual(result.live.archived);
  });

  it('gives every sidebar action the same calls and cells on the archived workbook as on a fresh one', () => {
    expect(result.sidebar.length).toBeGreaterThanOrEqual(10);
    for (const pair of result.sidebar) {
      const counts = (run: typeof pair.archived) =>
        run.executions.map((cost) => [cost.calls, cost.cellsRead, cost.cellsSearched, cost.cellsWritten]);
      expect([pair.key, ...counts(pair.archived)]).toEqual([pair.key, ...counts(pair.fresh)]);
    }
  });
});
