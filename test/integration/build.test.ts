import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { menuItems } from '../../src/server/menu';
import { DIST_DIR, startAddon } from '../support/addon';

const ROOT = path.resolve(__dirname, '../..');

/** The exports of src/server/index.ts, found independently of the build script. */
async function serverExports(): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/server/index.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: path.join(os.tmpdir(), 'crm-exports'),
    logLevel: 'silent',
  });
  const entry = Object.values(result.metafile.outputs).find((output) => output.entryPoint);
  return [...(entry?.exports ?? [])].sort();
}

describe('the build output (dist/)', () => {
  it('holds exactly Code.js, appsscript.json and one HTML file per sidebar folder', () => {
    const pages = readdirSync(path.join(ROOT, 'src/client'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(ROOT, 'src/client', entry.name, 'main.ts')))
      .map((entry) => `${entry.name}.html`);
    expect(readdirSync(DIST_DIR).sort()).toEqual(['Code.js', 'appsscript.json', ...pages].sort());
  });

  it('makes every export of src/server/index.ts a top-level function of Code.js under gas-local', async () => {
    const exports = await serverExports();
    expect(exports).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'showAbout', 'getAboutInfo']));
    const { host } = startAddon();
    expect(host.globalFunctionNames()).toEqual(expect.arrayContaining(exports));
    for (const name of exports) expect(typeof host.context[name]).toBe('function');
  });

  it('offers in the menu only functions that exist in the bundle', () => {
    const { host } = startAddon();
    const globals = new Set(host.globalFunctionNames());
    const items = menuItems();
    expect(items.length).toBeGreaterThan(15);
    for (const item of items)
      expect({ item: item.functionName, exists: globals.has(item.functionName) }).toEqual({
        item: item.functionName,
        exists: true,
      });
  });

  it('inlines each sidebar: no external script, stylesheet or font', () => {
    const html = readFileSync(path.join(DIST_DIR, 'about.html'), 'utf8');
    expect(html).toContain('<script>');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('ships the manifest: V8, Advanced Sheets v4, and the scopes the README justifies', () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST_DIR, 'appsscript.json'), 'utf8')) as {
      runtimeVersion: string;
      timeZone: string;
      oauthScopes: string[];
      dependencies: { enabledAdvancedServices: { userSymbol: string; serviceId: string; version: string }[] };
    };
    expect(manifest).toEqual(JSON.parse(readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Asia/Shanghai');
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' },
    ]);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(manifest.oauthScopes.length).toBeGreaterThan(0);
    for (const scope of manifest.oauthScopes) {
      // Each scope has its own README table row with a reason.
      expect(readme).toMatch(new RegExp(`\\| \`${scope.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\` +\\| .{10,}`));
    }
    // currentonly cannot reach the Advanced Sheets service (docs/apps-script/services.md §12).
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
  });
});

describe('clasp', () => {
  it('pushes only Code.js, *.html and appsscript.json (clasp status --json, offline)', () => {
    // Work on a copy so the junk files added here never reach the real dist/.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-clasp-'));
    cpSync(path.join(ROOT, '.clasp.json'), path.join(dir, '.clasp.json'));
    cpSync(path.join(ROOT, '.claspignore'), path.join(dir, '.claspignore'));
    cpSync(DIST_DIR, path.join(dir, 'dist'), { recursive: true });
    writeFileSync(path.join(dir, 'dist', 'Code.js.map'), '{}');
    writeFileSync(path.join(dir, 'dist', 'notes.md'), '# not for Apps Script');
    writeFileSync(path.join(dir, 'README.md'), '# outside rootDir');
    const clasp = path.join(ROOT, 'node_modules', '.bin', 'clasp');
    const output = execFileSync(clasp, ['status', '--json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const status = JSON.parse(output.slice(output.indexOf('{'))) as { filesToPush: string[] };
    const pushed = status.filesToPush.map((file) => path.basename(file)).sort();
    const expected = readdirSync(DIST_DIR).filter(
      (file) => file === 'Code.js' || file === 'appsscript.json' || file.endsWith('.html'),
    );
    expect(pushed).toEqual(expected.sort());
    expect(pushed).toContain('Code.js');
    expect(pushed).toContain('appsscript.json');
    expect(pushed).toContain('about.html');
  }, 60000);
});
