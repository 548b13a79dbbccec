// `npm start`: builds dist/ (the add-on, as `npm run build` does), bundles the playground server
// (src/local/playground, TypeScript) with esbuild into .playground/server.cjs and runs it on 127.0.0.1.
// Port: `--port N`, else $PORT, else 8080. State: .playground/state.json (restored on start).
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, '.playground/server.cjs');

const built = await build();
console.log(`built dist/ in ${built.ms} ms: pages ${built.pages.join(', ') || '(none)'}`);
await esbuild.build({
  entryPoints: [path.join(root, 'src/local/playground/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Dependencies stay in node_modules (esbuild itself builds the page at start; gas-local loads dist/).
  packages: 'external',
  outfile,
  sourcemap: 'inline',
  logLevel: 'warning',
});

const child = spawn(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
