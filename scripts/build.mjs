// Builds what clasp pushes into dist/:
//   Code.js          the server bundle (one IIFE, global `CRM`) + one top-level wrapper function per export of
//                    src/server/index.ts, because Apps Script only calls top-level function declarations
//                    (menus, triggers, google.script.run). The export names come from an ESM pre-pass's
//                    metafile (an IIFE build's metafile lists no exports), so no list is kept by hand.
//   <page>.html      one self-contained sidebar/dialog per folder src/client/<page>/ (index.html + main.ts
//                    [+ CSS imported from main.ts]), script and styles inlined: no CDN, works offline.
//   appsscript.json  copied from the project root.
import * as esbuild from 'esbuild';
import { mkdir, readFile, readdir, rm, stat, writeFile, copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const serverEntry = path.join(root, 'src/server/index.ts');
const clientDir = path.join(root, 'src/client');
export const GLOBAL_NAME = 'CRM';
// Apps Script's V8 runtime; ES2019 keeps us clear of syntax its parser has lagged on.
const TARGET = 'es2019';

async function serverExportNames() {
  const result = await esbuild.build({
    entryPoints: [serverEntry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: dist,
    target: TARGET,
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs);
  const entry = outputs.find((output) => output.entryPoint);
  if (!entry) throw new Error('build: no entry output in the ESM pre-pass metafile');
  return [...entry.exports].sort();
}

async function appVersion() {
  return JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')).version;
}

async function buildServer() {
  const names = await serverExportNames();
  const result = await esbuild.build({
    entryPoints: [serverEntry],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    write: false,
    define: { __APP_VERSION__: JSON.stringify(await appVersion()) },
    target: TARGET,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const bundle = result.outputFiles[0].text;
  // Every export must be a function: Apps Script can only call functions, and a non-function export is a
  // mistake in index.ts (it is the add-on's public surface and nothing else).
  const sandbox = {};
  vm.runInNewContext(`${bundle}\nthis.__exports = ${GLOBAL_NAME};`, sandbox);
  const notFunctions = names.filter((name) => typeof sandbox.__exports[name] !== 'function');
  if (notFunctions.length > 0) {
    throw new Error(`build: src/server/index.ts exports non-functions: ${notFunctions.join(', ')}`);
  }
  const wrappers = names
    .map((name) => `function ${name}() {\n  return ${GLOBAL_NAME}.${name}.apply(this, arguments);\n}`)
    .join('\n');
  const header = '// Built by scripts/build.mjs from src/server. Do not edit: changes are overwritten.\n';
  await writeFile(path.join(dist, 'Code.js'), `${header}${bundle}\n${wrappers}\n`);
  return names;
}

async function clientPages() {
  if (!existsSync(clientDir)) return [];
  const entries = await readdir(clientDir);
  const pages = [];
  for (const name of entries) {
    const dir = path.join(clientDir, name);
    if (!(await stat(dir)).isDirectory()) continue;
    if (existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'main.ts'))) pages.push(name);
  }
  return pages.sort();
}

/** Inline text into HTML without letting it close its own element early. */
function escapeForInlineScript(code) {
  return code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

async function buildPage(page) {
  const dir = path.join(clientDir, page);
  const result = await esbuild.build({
    entryPoints: [path.join(dir, 'main.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    outdir: path.join(dist, '.client', page),
    target: 'es2019',
    charset: 'utf8',
    legalComments: 'none',
    loader: { '.css': 'css' },
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'))?.text ?? '';
  const template = await readFile(path.join(dir, 'index.html'), 'utf8');
  if (!template.includes('<!-- inline:css -->') || !template.includes('<!-- inline:js -->')) {
    throw new Error(`build: src/client/${page}/index.html needs <!-- inline:css --> and <!-- inline:js --> markers`);
  }
  const html = template
    .replace('<!-- inline:css -->', () => `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`)
    .replace('<!-- inline:js -->', () => `<script>${escapeForInlineScript(js)}</script>`);
  await writeFile(path.join(dist, `${page}.html`), html);
}

export async function build() {
  const started = Date.now();
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  const names = await buildServer();
  const pages = await clientPages();
  await Promise.all(pages.map(buildPage));
  await copyFile(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
  return { entryPoints: names, pages, ms: Date.now() - started };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build()
    .then(({ entryPoints, pages, ms }) => {
      console.log(
        `built dist/ in ${ms} ms: ${entryPoints.length} entry points, pages: ${pages.join(', ') || '(none)'}`,
      );
    })
    .catch((error) => {
      console.error(error.message ?? error);
      process.exit(1);
    });
}
