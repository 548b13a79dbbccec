import {
  cellsTouched,
  COST_MODEL,
  maxOver,
  projectedMs,
  serviceMs,
  serviceParts,
  sumCosts,
  type ExecutionCost,
} from './cost-model';
import { SIDEBAR_BOUNDS, WORKLOADS, type WorkloadDef, type WorkloadKey, type WorkloadRun } from './workloads';
import type { BenchSize } from './workbench';

/** What one size's process reports (bench/run.ts), and the Markdown it becomes (bench/RESULTS.md). */
export interface SizeResult {
  size: BenchSize;
  cells: number;
  loadMs: number;
  rows: Record<string, number>;
  workloads: Partial<
    Record<WorkloadKey, { addon: WorkloadRun; naive: WorkloadRun; wallMs: { addon: number; naive: number } }>
  >;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

function seconds(ms: number): string {
  if (ms < 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 600_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(0)} min`;
}

function verdict(ms: number, kind: 'sidebar' | 'job'): string {
  const limit = kind === 'sidebar' ? COST_MODEL.sidebarLimitMs : COST_MODEL.executionLimitMs;
  const name = kind === 'sidebar' ? '30 s' : '6 min';
  if (ms > COST_MODEL.executionLimitMs) return `**over 6 min**`;
  return ms <= limit ? `ok (< ${name})` : `**over ${name}**`;
}

/** How a measure grows from the smallest to the largest size, as an exponent of the customer count. */
export function growth(points: readonly { customers: number; value: number }[]): string {
  const sorted = [...points].filter((p) => p.value > 0).sort((a, b) => a.customers - b.customers);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || first === last) return 'n/a';
  if (points.every((p) => p.value === first.value)) return 'constant';
  const k = Math.log(last.value / first.value) / Math.log(last.customers / first.customers);
  if (k < 0.1) return `constant (×${(last.value / first.value).toFixed(2)})`;
  // E.g. a constant part plus one searched column: grows, but well below in proportion to the rows.
  if (k < 0.85) return `sublinear (n^${k.toFixed(2)})`;
  if (k < 1.15) return `linear (n^${k.toFixed(2)})`;
  return `worse than linear (n^${k.toFixed(2)})`;
}

function worst(run: WorkloadRun): ExecutionCost {
  return run.executions.reduce((a, b) => (projectedMs(b) > projectedMs(a) ? b : a));
}

const mark = (text: string, ok: boolean) => (ok ? `${text} ok` : `**${text} over**`);

/** The size's rows of a table (header row included), as the searched-cells bound counts them. */
function tableRows(r: SizeResult, table: string): number {
  return (r.rows[table] ?? 0) + 1;
}

/** The largest table (by rows) an action has to find rows in, at one size. */
function largestSearched(r: SizeResult, workload: WorkloadDef): { table: string; rows: number } {
  return (workload.click?.searches ?? []).reduce(
    (best, table) => (tableRows(r, table) > best.rows ? { table, rows: tableRows(r, table) } : best),
    { table: '–', rows: 0 },
  );
}

/**
 * Issue 18's bounds for every sidebar action a rep clicks, at the largest standard size and at 100k thin (or
 * whatever sizes this run has): each execution's projected time, calls, cells read and cells searched, and the
 * ratio to the naive baseline, each marked ok/over.
 */
export function sidebarSummary(results: readonly SizeResult[]): string[] {
  const standard = results.filter((r) => r.size.followUpsPerCustomer === 5);
  const largest = standard.reduce<SizeResult | null>(
    (best, r) => (!best || r.size.customers > best.size.customers ? r : best),
    null,
  );
  const sizes = results.filter((r) => r === largest || r.size.followUpsPerCustomer !== 5);
  const clicks = WORKLOADS.filter((workload) => workload.click);
  if (sizes.length === 0) return [];
  const label = (r: SizeResult) => r.size.label.replace(/ \(.*\)$/, '');
  const lines: string[] = [];
  lines.push('');
  lines.push(`## Sidebar actions at ${sizes.map(label).join(' and ')}`);
  lines.push('');
  lines.push(
    `Issue 18's bounds, per execution (one rep click; the ticket update's take and resolve and the lookup's two ` +
      `searches are separate clicks): projected ≤ ${seconds(SIDEBAR_BOUNDS.projectedMs)} (My day ≤ ` +
      `${seconds(SIDEBAR_BOUNDS.myDayProjectedMs)}), ≤ ${SIDEBAR_BOUNDS.calls} calls, ≤ ` +
      `${int(SIDEBAR_BOUNDS.cellsRead)} cells read, cells searched ≤ two columns' worth of the largest table ` +
      'the action has to find rows in (2 × its rows incl. the header; the tables are listed per action in ' +
      'bench/workloads.ts), and the naive baseline at least 50× slower (whole workload) at 10k customers and ' +
      'above. The CSV import (20 executions of 500 rows) has its own table below.',
  );
  lines.push('');
  lines.push(
    '| action | size | projected | calls | cells read | cells searched / bound (2 columns of) | ratio to naive |',
  );
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const workload of clicks) {
    for (const r of sizes) {
      const pair = r.workloads[workload.key];
      if (!pair) continue;
      const runs = pair.addon.executions;
      const ms = maxOver(runs, projectedMs);
      const calls = maxOver(runs, (cost) => cost.calls);
      const read = maxOver(runs, (cost) => cost.cellsRead);
      const searched = maxOver(runs, (cost) => cost.cellsSearched);
      const table = largestSearched(r, workload);
      const ratio = projectedMs(sumCosts(pair.naive.executions)) / projectedMs(sumCosts(runs));
      const boundMs = workload.click?.boundMs ?? SIDEBAR_BOUNDS.projectedMs;
      lines.push(
        `| ${workload.title} | ${label(r)} | ${mark(seconds(ms), ms <= boundMs)} | ` +
          `${mark(int(calls), calls <= SIDEBAR_BOUNDS.calls)} | ${mark(int(read), read <= SIDEBAR_BOUNDS.cellsRead)} | ` +
          `${mark(`${int(searched)} / ${int(2 * table.rows)} (${table.table})`, searched <= 2 * table.rows)} | ` +
          `${r.size.customers < 10_000 ? `${ratio.toFixed(1)}× (no bound under 10k)` : mark(`${ratio.toFixed(1)}×`, ratio >= 50)} |`,
      );
    }
  }
  const tenK = results.find((r) => r.size.customers === 10_000 && r.size.followUpsPerCustomer === 5);
  if (tenK) {
    const ratios = clicks
      .map((workload) => {
        const pair = tenK.workloads[workload.key];
        if (!pair) return null;
        const ratio = projectedMs(sumCosts(pair.naive.executions)) / projectedMs(sumCosts(pair.addon.executions));
        return `${workload.title} ${mark(`${ratio.toFixed(1)}×`, ratio >= 50)}`;
      })
      .filter((entry): entry is string => entry !== null);
    lines.push('');
    lines.push(`Ratio to naive at 10k (bound ≥ 50×): ${ratios.join('; ')}.`);
  }
  return lines;
}

export function renderResults(results: readonly SizeResult[], meta: Record<string, string>): string {
  const lines: string[] = [];
  lines.push('# Benchmark results');
  lines.push('');
  lines.push(
    `Generated by \`npm run bench\` (${meta.date ?? ''}, Node ${meta.node ?? ''}, ${meta.cpus ?? ''} CPUs, ` +
      `total run ${meta.totalSeconds ?? '?'} s). Do not edit: run the benchmark again. Cost model and sources: ` +
      '[README.md](README.md).',
  );
  lines.push('');
  lines.push(
    `Projected Apps Script time = calls × ${COST_MODEL.callMs} ms + cells read or written × ${COST_MODEL.cellMs} ms + ` +
      `cells searched × ${COST_MODEL.searchCellMs} ms + accessor calls × ${COST_MODEL.accessorMs} ms + ` +
      `script CPU × ${COST_MODEL.cpuFactor}. Script CPU is Node's CPU time for the execution minus what the ` +
      'local runtime spent inside its own service methods (shown as runtime CPU, not charged: it stands in for ' +
      "Google's back end, which the call and cell terms already charge). " +
      'Cells searched (looked through by a server-side TextFinder search, ' +
      'itself one call) are charged like cells read, and accessor calls (Range coordinate getters such as ' +
      'getRow or getA1Notation, not counted in calls) at an assumed 0.01 ms: neither has a published figure ' +
      '(README.md), so both are shown in their own columns. "Worst execution" is the longest single execution (an import is ' +
      '20 executions of ≤ 500 rows; a scan that runs out of its 4-minute budget continues in another); ' +
      'it is what the 30-second sidebar patience and the 6-minute execution limit apply to. Ratio = naive ' +
      'projected time ÷ add-on projected time, measured in the same run on a second workbook with the same data.',
  );
  lines.push('');
  lines.push('## Workbooks');
  lines.push('');
  lines.push('| size | customers | follow-ups | tickets | surveys | transactions | workbook cells | load (both) |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    lines.push(
      `| ${r.size.label} | ${int(r.rows.customers ?? 0)} | ${int(r.rows.followUps ?? 0)} | ${int(r.rows.tickets ?? 0)} | ` +
        `${int(r.rows.satisfaction ?? 0)} | ${int(r.rows.transactions ?? 0)} | ${int(r.cells)} | ${seconds(r.loadMs)} |`,
    );
  }
  if (meta.notFitting) {
    lines.push('');
    lines.push(meta.notFitting);
  }
  lines.push(...sidebarSummary(results));
  for (const workload of WORKLOADS) {
    const rows = results.filter((r) => r.workloads[workload.key]);
    if (rows.length === 0) continue;
    lines.push('');
    lines.push(`## ${workload.title}`);
    lines.push('');
    lines.push(
      '| size | executions | calls | accessor calls | cells read | cells searched | cells written | script CPU | ' +
        'runtime CPU (not charged) | ' +
        'projected total | worst execution | vs limit | naive calls | naive projected | ratio |',
    );
    lines.push(
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
    );
    for (const r of rows) {
      const pair = r.workloads[workload.key];
      if (!pair) continue;
      const ours = sumCosts(pair.addon.executions);
      const theirs = sumCosts(pair.naive.executions);
      const worstMs = projectedMs(worst(pair.addon));
      const accessorMs = serviceParts(ours).accessors;
      lines.push(
        `| ${r.size.label} | ${pair.addon.executions.length} | ${int(ours.calls)} | ` +
          `${int(ours.accessorCalls)} (${accessorMs < 10 ? accessorMs.toFixed(1) : int(accessorMs)} ms) | ` +
          `${int(ours.cellsRead)} | ${int(ours.cellsSearched)} | ${int(ours.cellsWritten)} | ` +
          `${int(ours.cpuMs)} ms | ${int(ours.runtimeCpuMs)} ms | ${seconds(projectedMs(ours))} | ${seconds(worstMs)} | ` +
          `${verdict(worstMs, workload.kind)} | ${int(theirs.calls)} | ${seconds(projectedMs(theirs))} ` +
          `(${verdict(projectedMs(theirs), workload.kind)}) | ${(projectedMs(theirs) / projectedMs(ours)).toFixed(1)}× |`,
      );
    }
    const standard = rows.filter((r) => r.size.followUpsPerCustomer === 5);
    const series = (pick: (r: SizeResult) => number) =>
      growth(standard.map((r) => ({ customers: r.size.customers, value: pick(r) })));
    const runOf = (r: SizeResult) => r.workloads[workload.key]?.addon.executions ?? [];
    const worstCalls = (r: SizeResult) => maxOver(runOf(r), (cost) => cost.calls);
    const touched = (r: SizeResult) => cellsTouched(sumCosts(runOf(r)));
    const allCalls = rows.map(worstCalls);
    const sameCalls = allCalls.every((calls) => calls === allCalls[0]);
    const touchedAt = rows.map((r) => `${r.size.label} ${int(touched(r))}`).join(', ');
    lines.push('');
    lines.push(
      `Growth with size (add-on, ${standard.map((r) => r.size.label).join(' → ')}): calls per execution ` +
        `${sameCalls ? `constant (${allCalls[0] ?? 0} at every size, incl. ${rows.map((r) => r.size.label).join(', ')})` : series(worstCalls)}; ` +
        `cells touched (read + searched + written) ${series(touched)} (${touchedAt}); ` +
        `projected time ${series((r) => projectedMs(sumCosts(runOf(r))))}. ` +
        `Naive calls ${series((r) => sumCosts(r.workloads[workload.key]?.naive.executions ?? []).calls)}.`,
    );
    const notes = rows.map((r) => `${r.size.label}: ${r.workloads[workload.key]?.addon.note ?? ''}`).join('; ');
    lines.push('');
    lines.push(`What it did: ${notes}.`);
  }
  lines.push('');
  lines.push('## Service time only');
  lines.push('');
  lines.push(
    'Projected service time (calls and cells, without CPU) of the add-on at each size, to compare with the ' +
      'published measurements in the README:',
  );
  lines.push('');
  lines.push(`| workload | ${results.map((r) => r.size.label).join(' | ')} |`);
  lines.push(`| --- | ${results.map(() => '---:').join(' | ')} |`);
  for (const workload of WORKLOADS) {
    const cells = results.map((r) => {
      const pair = r.workloads[workload.key];
      return pair ? seconds(serviceMs(sumCosts(pair.addon.executions))) : '–';
    });
    lines.push(`| ${workload.title} | ${cells.join(' | ')} |`);
  }
  if (meta.extrapolation) {
    lines.push('');
    lines.push(meta.extrapolation);
  }
  lines.push('');
  return lines.join('\n');
}
