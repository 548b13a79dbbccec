// npm run bench: builds dist/, bundles bench/run.ts, runs every size of bench/run.ts's plan in its own Node
// process (the add-on and the naive baseline on two workbooks with the same generated data), then writes
// bench/RESULTS.md, with "three years of a five-rep team" (bench/three-years.ts) in a process of its own.
// Options: --sizes=1k,10k (labels' prefixes) to run fewer sizes (the three years only when "years" is one of
// them); --only=merge,dashboard (workload keys) to run fewer workloads; --out=<file> for the report.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules/.cache/crm-bench');
const bundle = path.join(cache, 'bench.cjs');
const dist = path.join(root, 'dist');
const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

const started = Date.now();
mkdirSync(cache, { recursive: true });
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await esbuild.build({
  entryPoints: [path.join(root, 'bench/run.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['gas-local'],
  outfile: bundle,
  logLevel: 'warning',
});
const node = (args, stdio = ['ignore', 'pipe', 'inherit']) =>
  spawnSync(process.execPath, ['--max-old-space-size=16384', bundle, ...args], {
    cwd: root,
    stdio,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });

const plan = JSON.parse(node(['plan']).stdout);
const wanted = option('sizes')?.split(',');
const onlyWanted = option('only')?.split(',');
const results = [];
for (const { size, only } of plan.sizes) {
  if (wanted && !wanted.some((prefix) => size.label.startsWith(prefix))) continue;
  const out = path.join(cache, `size-${size.customers}-${size.followUpsPerCustomer}.json`);
  const t0 = Date.now();
  console.error(`bench: ${size.label} (${size.customers} customers)…`);
  const keys = onlyWanted ? (only ?? onlyWanted).filter((key) => onlyWanted.includes(key)) : only;
  const run = node(['size', JSON.stringify(size), out, dist, ...(keys ? [keys.join(',')] : [])]);
  if (run.status !== 0) {
    console.error(`bench: size ${size.label} failed (exit ${run.status})`);
    process.exit(1);
  }
  console.error(`bench: ${size.label} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  results.push(JSON.parse(readFileSync(out, 'utf8')));
}
let years = null;
if (!wanted || wanted.includes('years')) {
  const out = path.join(cache, 'three-years.json');
  const t0 = Date.now();
  console.error('bench: three years of a five-rep team…');
  const run = node(['years', out, dist]);
  if (run.status !== 0) {
    console.error(`bench: three years failed (exit ${run.status})`);
    process.exit(1);
  }
  console.error(`bench: three years done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  years = out;
}
const resultsFile = path.join(cache, 'results.json');
writeFileSync(resultsFile, JSON.stringify(results));
const meta = {
  date: new Date().toISOString().slice(0, 10),
  node: process.version,
  cpus: String(os.cpus().length),
  totalSeconds: ((Date.now() - started) / 1000).toFixed(0),
  notFitting: plan.notFitting,
};
const report = option('out') ?? path.join(root, 'bench/RESULTS.md');
const render = node(['render', resultsFile, report, JSON.stringify(meta)], 'inherit');
if (render.status !== 0) process.exit(render.status ?? 1);
// Three years of a five-rep team (issue 20 item 7), then the pure KPI maths at 100k customers (issue 9).
if (years) {
  const section = node(['years-render', years]);
  if (section.status !== 0) process.exit(section.status ?? 1);
  writeFileSync(report, `${readFileSync(report, 'utf8').trimEnd()}\n\n${section.stdout}`);
}
const kpi = node(['kpi']);
if (kpi.status !== 0) process.exit(kpi.status ?? 1);
writeFileSync(report, `${readFileSync(report, 'utf8').trimEnd()}\n\n${kpi.stdout}`);
// The report is committed: keep it in the project's Prettier style so `npm run format:check` passes.
const prettier = await import('prettier');
const text = readFileSync(report, 'utf8');
const options = (await prettier.resolveConfig(report)) ?? {};
writeFileSync(report, await prettier.format(text, { ...options, filepath: report }));
console.error(`bench: wrote ${path.relative(root, report)} in ${meta.totalSeconds} s`);
