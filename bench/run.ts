import { readFileSync, writeFileSync } from 'node:fs';
import type { ExecutionCost } from './cost-model';
import { renderResults, type SizeResult } from './report';
import { addonWorkloads, naiveWorkloads, WORKLOADS, type WorkloadKey } from './workloads';
import { cellsPerCustomer, prepareWorkbench, standardSize, workbookCells, type BenchSize } from './workbench';
import { kpiMathsSection } from './kpi-maths';
import { runThreeYears, THREE_YEARS, type ThreeYearsResult } from './three-years';
import { threeYearsSection } from './three-years-report';

const CELL_LIMIT = 10_000_000;
/**
 * Room left for the workloads' own growth (5,000 imported customers, care actions, Log rows), fixed sheets and the
 * My day index sheet (5 columns × its entries: each rep's candidates and the customers' history block, about
 * 0.4 M cells at 36k customers). 700k was enough before the history block and the wider Customers and Follow-ups
 * templates; the 36k import then hit the 10 M limit.
 */
const HEADROOM = 1_200_000;

/** The sizes of issue 12: 1k, 10k, the largest standard-mix workbook under 10 M cells, and 100k when it fits. */
function plan(): { sizes: { size: BenchSize; only: WorkloadKey[] | null }[]; notFitting: string } {
  const perCustomer = cellsPerCustomer(standardSize(1000));
  const largest = Math.floor((CELL_LIMIT - HEADROOM) / perCustomer / 1000) * 1000;
  const sizes: { size: BenchSize; only: WorkloadKey[] | null }[] = [
    { size: standardSize(1000), only: null },
    { size: standardSize(10_000), only: null },
    { size: standardSize(largest, `${largest / 1000}k (10 M cells)`), only: null },
  ];
  const hundredK = 100_000 * perCustomer;
  let notFitting = '';
  if (hundredK + HEADROOM > CELL_LIMIT) {
    // 100k customers with the standard mix can't exist in one spreadsheet; 100k customer ROWS can, with fewer
    // follow-ups: that size shows the sidebar actions' calls stay constant up to 100k customers.
    const thin: BenchSize = {
      label: '100k thin',
      customers: 100_000,
      followUpsPerCustomer: 0.5,
      ticketsPerCustomer: 0.1,
      surveysPerCustomer: 0.1,
      transactionsPerCustomer: 0,
    };
    sizes.push({ size: thin, only: WORKLOADS.filter((workload) => workload.click).map((workload) => workload.key) });
    notFitting =
      `100k customers with the standard mix (5× follow-ups, 0.5× tickets, 0.5× surveys, 1.5× transactions) need ` +
      `${(hundredK / 1e6).toFixed(1)} M cells (${perCustomer.toFixed(1)} a customer), over the 10 M-cell limit of a ` +
      `spreadsheet (the local runtime refuses it as Sheets does), so the standard mix is measured at ` +
      `${largest.toLocaleString('en-US')} customers, the largest that fits with room for the workloads. ` +
      `"100k thin" has 100,000 customer rows with 0.5× follow-ups, 0.1× tickets and surveys and no transactions ` +
      `(${((100_000 * cellsPerCustomer(thin)) / 1e6).toFixed(1)} M cells): it is run for the sidebar actions a rep ` +
      `clicks (not the import), to show what they cost at 100k customers.`;
  } else {
    sizes.push({ size: standardSize(100_000), only: null });
  }
  return { sizes, notFitting };
}

/**
 * Entry of the bundled benchmark (scripts/bench.mjs builds and runs it):
 *   node bench.cjs plan                                                            the sizes
 *   node bench.cjs size '<BenchSize json>' <out.json> <distDir> [workload,...]   one size, add-on and naive
 *   node bench.cjs render <results.json> <RESULTS.md>                              the report
 *   node bench.cjs kpi                                                             the KPI maths section
 *   node bench.cjs years <out.json> <distDir>                                      three years of a team
 *   node bench.cjs years-render <years.json>                                       its section
 * Each size runs in its own process so memory is returned between sizes.
 */
function runSize(size: BenchSize, out: string, distDir: string, only: readonly WorkloadKey[] | null): void {
  const started = performance.now();
  // Two workbooks with the same data: the add-on's and the naive baseline's, run through the same steps.
  const addon = prepareWorkbench(size, distDir);
  const naive = prepareWorkbench(size, distDir);
  const loadMs = performance.now() - started;
  const cells = workbookCells(addon.runtime);
  const result: SizeResult = {
    size,
    cells,
    loadMs,
    rows: {
      customers: addon.data.customers.length,
      followUps: addon.data.followUps.length,
      tickets: addon.data.tickets.length,
      satisfaction: addon.data.satisfaction.length,
      transactions: addon.data.transactions.length,
    },
    workloads: {},
  };
  for (const workload of WORKLOADS) {
    if (only && !only.includes(workload.key)) continue;
    const t0 = performance.now();
    const ours = addonWorkloads[workload.key](addon);
    const t1 = performance.now();
    const theirs = naiveWorkloads[workload.key](naive);
    const t2 = performance.now();
    result.workloads[workload.key] = { addon: ours, naive: theirs, wallMs: { addon: t1 - t0, naive: t2 - t1 } };
    const sum = (pick: (e: ExecutionCost) => number) => ours.executions.reduce((s, e) => s + pick(e), 0);
    console.error(
      `  ${size.label} ${workload.key}: add-on ${sum((e) => e.calls)} calls, ${sum((e) => e.cellsRead)} read, ` +
        `${sum((e) => e.cellsSearched)} searched, ${sum((e) => e.accessorCalls)} accessors ` +
        `(${Math.round(t1 - t0)} ms), naive ${theirs.executions.reduce((s, e) => s + e.calls, 0)} calls ` +
        `(${Math.round(t2 - t1)} ms) — ${ours.note} | ${theirs.note}`,
    );
  }
  writeFileSync(out, JSON.stringify(result));
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'plan') {
  process.stdout.write(JSON.stringify(plan()));
} else if (mode === 'size') {
  const [sizeJson, out, distDir, only] = args as [string, string, string, string | undefined];
  runSize(JSON.parse(sizeJson) as BenchSize, out, distDir, only ? (only.split(',') as WorkloadKey[]) : null);
} else if (mode === 'kpi') {
  // 25k customers come with 75k other records: 100k records in all; then 100k customers (400k records).
  process.stdout.write(kpiMathsSection([25_000, 100_000]));
} else if (mode === 'years') {
  const [out, distDir] = args as [string, string];
  writeFileSync(out, JSON.stringify(runThreeYears(THREE_YEARS, distDir, (line) => console.error(line))));
} else if (mode === 'years-render') {
  const [input] = args as [string];
  process.stdout.write(threeYearsSection(JSON.parse(readFileSync(input, 'utf8')) as ThreeYearsResult));
} else if (mode === 'render') {
  const [input, output, meta] = args as [string, string, string];
  const results = JSON.parse(readFileSync(input, 'utf8')) as SizeResult[];
  writeFileSync(output, renderResults(results, JSON.parse(meta) as Record<string, string>));
} else {
  console.error('usage: bench.cjs size <json> <out> <dist> [workloads] | render <in> <out> <meta>');
  process.exit(2);
}
