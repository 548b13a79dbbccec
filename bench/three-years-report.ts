import { COST_MODEL, projectedMs, type ExecutionCost } from './cost-model';
import { CELL_LIMIT, worstExecution, type Rows, type ThreeYearsResult, type YearEnd } from './three-years';

/** The "Three years of a five-rep team" section of RESULTS.md (issue 20 item 7), from bench/three-years.ts. */
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const share = (cells: number) => `${((cells / CELL_LIMIT) * 100).toFixed(1)} %`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
}

const rowsText = (rows: Rows) =>
  `${int(rows.customers)} / ${int(rows.followUps)} / ${int(rows.tickets)} / ${int(rows.satisfaction)} / ${int(rows.transactions)}`;

/** Calls, cells read and cells searched of each execution, as "a+b" when there are several. */
function perExecution(executions: readonly ExecutionCost[], pick: (cost: ExecutionCost) => number): string {
  return executions.map((cost) => int(pick(cost))).join(' + ');
}

export function threeYearsSection(result: ThreeYearsResult): string {
  const { plan } = result;
  const first = plan.firstYear;
  const last = first + plan.years - 1;
  const lines: string[] = [];
  lines.push(`## Three years of a five-rep team`);
  lines.push('');
  lines.push(
    `Issue 20 item 7 (bench/three-years.ts, bench/README.md). Five reps and a manager; each year ` +
      `${int(plan.followUpsPerYear)} follow-ups (30 touches a rep a working day × 5 reps × ~267 working days), ` +
      `${int(plan.customersPerYear)} new customers (so ${plan.followUpsPerYear / plan.customersPerYear} follow-ups ` +
      `each in the year they come in), ${plan.ticketsPerCustomer} tickets, ${plan.surveysPerCustomer} surveys and ` +
      `${plan.transactionsPerCustomer} transactions a new customer: one run of the bench's demo generator per ` +
      `calendar year ${first}–${last} (seed = the year, dated up to 31 December 18:00), appended below the rows ` +
      `already there, My day opened on each year's last evening (its index sheet counts too). "With archiving": ` +
      `Archive old records with the form's default cut-off (Settings archiveKeepYears 1: records dated before ` +
      `1 January of last year) on 2 January of each new year, through runArchive and the continueArchive ` +
      `trigger of dist/Code.js, the clock moved by every call's projected time so the run's own time budget ` +
      `decides when it hands over. Generated rows a year: ` +
      result.generated.map((year) => `${year.year} ${rowsText(year.rows)}`).join('; ') +
      ` (customers / follow-ups / tickets / surveys / transactions). Run in ${seconds(result.wallMs)}.`,
  );
  lines.push('');

  // Cells at each year's end, and after each archive run.
  lines.push(
    '| when | without archiving: rows (customers / follow-ups / tickets / surveys / transactions) | cells (of 10 M) | with yearly archiving: rows | cells (of 10 M) |',
  );
  lines.push('| --- | --- | ---: | --- | ---: |');
  const withByYear = new Map(result.withArchive.map((end) => [end.year, end]));
  const cell = (end: YearEnd | undefined) =>
    end ? [rowsText(end.rows), `${int(end.cells)} (${share(end.cells)})`] : ['–', '–'];
  const afterRun = (year: number) => {
    const run = result.archives.find((candidate) => candidate.year === year);
    if (run && run.cellsAfter !== run.cellsBefore) {
      lines.push(
        `| 2 Jan ${year}, after the archive run | | | ${rowsText(run.rowsAfter)} | ` +
          `${int(run.cellsAfter)} (${share(run.cellsAfter)}) |`,
      );
    }
  };
  for (const without of result.withoutArchive) {
    afterRun(without.year);
    lines.push(
      `| end of ${without.year} | ${cell(without).join(' | ')} | ${cell(withByYear.get(without.year)).join(' | ')} |`,
    );
  }
  if (!result.withoutArchive.some((end) => end.year === last + 1)) afterRun(last + 1);
  lines.push('');
  const index = result.withoutArchive[result.withoutArchive.length - 1];
  if (result.full) {
    const { year, month, cellsBefore } = result.full;
    const used = (year - first) * 12 + (month - 1);
    lines.push(
      `Without archiving the workbook is full in ${MONTHS[month - 1]} ${year}: ${int(cellsBefore)} cells at the ` +
        `start of that month, and its records no longer fit ("${result.full.error}"), after ` +
        `${Math.floor(used / 12)} years and ${used % 12} months of use (years after ${last} generated the same way, ` +
        `loaded month by month).`,
    );
  } else {
    lines.push(`Without archiving: not run to the 10 M limit (plan.toTheLimit off).`);
  }
  const runs = result.archives.filter((run) => sumMoved(run.moved) > 0);
  const lastTwo = runs.slice(-2);
  if (lastTwo.length === 2) {
    const [a, b] = lastTwo as [(typeof runs)[number], (typeof runs)[number]];
    const growth = b.cellsAfter - a.cellsAfter;
    const years = growth > 0 ? (CELL_LIMIT - b.cellsAfter) / growth : Infinity;
    lines.push(
      `With yearly archiving the workbook after a run grew by ${int(growth)} cells in a year (${a.year} → ` +
        `${b.year}: customers and transactions are never archived, open actions and unanswered suggestions ` +
        `stay): at that rate it would reach 10 M in about ${Number.isFinite(years) ? Math.floor(years) : '∞'} ` +
        `more years (a projection, not measured).`,
    );
  }
  if (index) {
    lines.push(
      `Of the cells, the hidden My day index sheet holds ${int(index.indexCells)} at the end of ${index.year} ` +
        `without archiving (each year's: ` +
        result.withoutArchive.map((end) => `${end.year} ${int(end.indexCells)}`).join(', ') +
        `).`,
    );
  }
  lines.push('');

  // The archive runs.
  lines.push(
    '| archive run | cut-off (dated before 1 Jan) | moved: follow-ups / tickets / surveys | executions | worst execution: calls | cells read | cells written | projected | vs 6 min |',
  );
  lines.push('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const run of result.archives) {
    const worst = worstExecution(run);
    const ms = projectedMs(worst);
    lines.push(
      `| 2 Jan ${run.year} | ${run.before} | ${int(run.moved.followUps)} / ${int(run.moved.tickets)} / ` +
        `${int(run.moved.satisfaction)} | ${run.executions.length} | ${int(worst.calls)} | ${int(worst.cellsRead)} | ` +
        `${int(worst.cellsWritten)} | ${seconds(ms)} | ${ms <= COST_MODEL.executionLimitMs ? 'ok' : '**over**'} |`,
    );
  }
  lines.push('');
  lines.push(
    `An execution hands over to the continueArchive trigger once it has spent its budget (4.5 min of the ` +
      `6-minute limit, checked between chunks of ≤ 500 rows); "executions" counts the first one and every ` +
      `continuation. The first run of a new archive year includes making and installing that year's archive ` +
      `spreadsheet. Archive spreadsheets after the last run (files of their own, each with its own 10 M): ` +
      Object.entries(result.archiveFiles)
        .map(([year, cells]) => `${year} ${int(cells)} cells`)
        .join(', ') +
      `. Messages: ` +
      result.archives.map((run) => `${run.year}: ${run.message}`).join(' ') +
      '',
  );
  lines.push('');

  // Sidebar actions on the archived workbook and on a fresh one with the same live records.
  lines.push(
    `Sidebar actions on the archived workbook after the last run (${rowsText(result.live.archived)} live rows) ` +
      `and on a fresh workbook loaded with the same live records (${rowsText(result.live.fresh)}), at the same ` +
      `time, in the bench's order (bench/workloads.ts). "Same" means every execution made the same calls and ` +
      `read and searched the same cells: the archive's history (deleted rows, archive files, Log rows, the ` +
      `dropped My day index) costs a sidebar action nothing.`,
  );
  lines.push('');
  lines.push(
    '| action | calls: archived / fresh | cells read: archived / fresh | cells searched: archived / fresh | projected: archived / fresh | same |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const pair of result.sidebar) {
    const a = pair.archived.executions;
    const b = pair.fresh.executions;
    const same =
      a.length === b.length &&
      a.every((cost, at) => {
        const other = b[at] as ExecutionCost;
        return (
          cost.calls === other.calls && cost.cellsRead === other.cellsRead && cost.cellsSearched === other.cellsSearched
        );
      });
    const ms = (costs: readonly ExecutionCost[]) => costs.map((cost) => seconds(projectedMs(cost))).join(' + ');
    lines.push(
      `| ${pair.title} | ${perExecution(a, (c) => c.calls)} / ${perExecution(b, (c) => c.calls)} | ` +
        `${perExecution(a, (c) => c.cellsRead)} / ${perExecution(b, (c) => c.cellsRead)} | ` +
        `${perExecution(a, (c) => c.cellsSearched)} / ${perExecution(b, (c) => c.cellsSearched)} | ` +
        `${ms(a)} / ${ms(b)} | ${same ? 'same' : '**differs**'} |`,
    );
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function sumMoved(moved: Record<string, number>): number {
  return Object.values(moved).reduce((sum, value) => sum + value, 0);
}
