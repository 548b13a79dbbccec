import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlayground, type RunningPlayground } from '../../src/local/playground/server';
import { translate } from '../../src/shared/i18n/translate';

/**
 * The playground server's JSON API over real HTTP (port 0): what the page and the google.script shim
 * rely on, and that bad requests get a 4xx with a message while the server keeps serving.
 */
const ROOT = path.resolve(__dirname, '../..');

/** The menu's items with those of its submenus (the add-on groups its menu: src/server/menu.ts). */
function menuItemsOf(menu: unknown): unknown[] {
  return (menu as { type: string; items?: unknown[] }[]).flatMap((entry) =>
    entry.type === 'submenu' ? menuItemsOf(entry.items) : [entry],
  );
}
let playground: RunningPlayground;
let tmp: string;
let stateFile: string;

async function call(method: string, route: string, body?: unknown, raw?: string) {
  const response = await fetch(`${playground.url}${route}`, {
    method,
    headers: body === undefined && raw === undefined ? undefined : { 'content-type': 'application/json' },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return {
    status: response.status,
    json: json as Record<string, unknown>,
    text,
    type: response.headers.get('content-type'),
  };
}

async function install(language = 'zh-CN') {
  const result = await call('POST', '/api/run', { name: 'runInstall', args: [{ language }] });
  expect(result.status).toBe(200);
  expect(result.json).toEqual({ ok: true, value: expect.objectContaining({ ok: true }) });
}

beforeEach(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crm-playground-'));
  stateFile = path.join(tmp, 'state.json');
  playground = await startPlayground({ port: 0, root: ROOT, stateFile });
});

afterEach(async () => {
  await playground.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('pages', () => {
  it('serves the page self-contained: inlined script and styles, no external URL', async () => {
    const page = await call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('id="grid"');
    // The one link is the playground's own Chinese web-font stylesheet (src/local/playground/fonts.ts).
    expect(page.text).not.toMatch(
      /<script[^>]+src=|<link(?![^>]+href="\/fonts\/noto-sans\.css")[^>]+href=|https?:\/\/(?!www\.w3\.org)/,
    );
  });

  it('serves the open dialog as the real dist page with the google.script shim before its own script', async () => {
    expect((await call('GET', '/surface/dialog')).status).toBe(404);
    expect((await call('POST', '/api/menu', { item: 'showInstall' })).json).toEqual({ ok: true });
    const state = (await call('GET', '/api/state')).json as unknown as { dialog: { title: string; width: number } };
    expect(state.dialog).toEqual(expect.objectContaining({ title: translate('zh-CN', 'install.title'), width: 420 }));
    const dialog = await call('GET', '/surface/dialog');
    expect(dialog.status).toBe(200);
    const dist = readFileSync(path.join(ROOT, 'dist/install.html'), 'utf8');
    const shimAt = dialog.text.indexOf('__PLAYGROUND_SURFACE__="dialog"');
    expect(shimAt).toBeGreaterThan(0);
    expect(shimAt).toBeLessThan(
      dialog.text.indexOf(dist.slice(dist.indexOf('<script>'), dist.indexOf('<script>') + 40)),
    );
  });
});

describe('state and actions', () => {
  it('opens with the add-on menu built by onOpen (zh_CN owner) and an empty Sheet1', async () => {
    const { json } = await call('GET', '/api/state');
    expect(menuItemsOf(json.menu)).toEqual(
      expect.arrayContaining([
        { type: 'item', caption: translate('zh-CN', 'menu.install'), functionName: 'showInstall' },
        { type: 'item', caption: translate('zh-CN', 'menu.about'), functionName: 'showAbout' },
      ]),
    );
    expect(json.sheets).toEqual([{ name: 'Sheet1', hidden: false }]);
    expect(json.clock).toEqual({
      ms: Date.parse('2024-06-03T09:00:00+08:00'),
      timeZone: 'Asia/Shanghai',
      display: '2024-06-03 09:00 Mon',
    });
  });

  it('google.script.run goes through AddonHost.run: results JSON-copied, script failures as values', async () => {
    const about = await call('POST', '/api/run', { name: 'getAboutInfo', args: [] });
    expect(about.status).toBe(200);
    expect(about.json).toEqual({ ok: true, value: expect.objectContaining({ ok: true }) });
    // A bad argument is the add-on's own validation failure, delivered as a value (HTTP 200).
    const bad = await call('POST', '/api/run', { name: 'runInstall', args: [{ language: 'fr' }] });
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual({ ok: true, value: expect.objectContaining({ ok: false }) });
  });

  it('shows the grid with display values, the frozen bold header, widths, hidden columns and dropdowns', async () => {
    await install('en');
    const { json } = await call('GET', '/api/state?sheet=Customers');
    const grid = json.grid as {
      frozenRows: number;
      columns: { letter: string; width: number; hidden: boolean }[];
      rows: { row: number; cells: { v: string; b?: boolean; list?: number }[] }[];
      lists: string[][];
    };
    expect(grid.frozenRows).toBe(1);
    expect(grid.rows[0]?.cells[0]).toEqual(expect.objectContaining({ v: 'ID', b: true }));
    expect(grid.columns[0]).toEqual(expect.objectContaining({ letter: 'A', width: 120, hidden: false }));
    expect(grid.columns.some((column) => column.hidden)).toBe(true);
    const typeCell = grid.rows[1]?.cells[2];
    expect(grid.lists[typeCell?.list as number]).toEqual(['Enterprise', 'Individual']);
  });

  it('commits a user edit through the runtime and shows it with the column number format', async () => {
    await install('en');
    const edit = await call('POST', '/api/edit', { sheet: 'Customers', a1: 'C2', text: 'Individual' });
    expect(edit).toEqual(expect.objectContaining({ status: 200, json: { ok: true } }));
    const state = await call('GET', '/api/state?sheet=Customers');
    const grid = state.json.grid as { rows: { cells: { v: string }[] }[] };
    expect(grid.rows[1]?.cells[2]?.v).toBe('Individual');
  });

  it('selects a row for the add-on (userSelect) and reports it in the state', async () => {
    await install('en');
    expect((await call('POST', '/api/select', { sheet: 'Customers', a1: '3:3' })).status).toBe(200);
    const { json } = await call('GET', '/api/state');
    expect(json.sheet).toBe('Customers');
    // Row 3, every column: Sheets reports a whole-row selection as a block (A3:<last column>3).
    expect(json.selection).toMatch(/^A3:[A-Z]+3$/);
  });

  it('records alerts (repair via the menu) until the page dismisses them', async () => {
    await install('en');
    expect((await call('POST', '/api/menu', { item: 'showInstall' })).json).toEqual({ ok: true });
    const alerts = (await call('GET', '/api/state')).json.alerts as { id: number; title: string; button: string }[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toEqual(expect.objectContaining({ title: translate('en', 'install.title'), button: 'OK' }));
    await call('POST', '/api/alert/dismiss', { id: alerts[0]?.id });
    expect((await call('GET', '/api/state')).json.alerts).toEqual([]);
  });

  it('advances the clock, switches user, loads demo data, saves state and restores it on restart', async () => {
    const advanced = await call('POST', '/api/clock', { days: 7 });
    expect(advanced.json).toEqual({ ok: true, triggerRuns: [] });
    expect((await call('POST', '/api/user', { email: 'emma.clarke@example.com' })).status).toBe(200);
    const afterUser = (await call('GET', '/api/state')).json;
    expect(afterUser.user).toBe('emma.clarke@example.com');
    // Emma's locale is English: the menu the add-on built for her is in English.
    expect(menuItemsOf(afterUser.menu)).toEqual(
      expect.arrayContaining([{ type: 'item', caption: translate('en', 'menu.install'), functionName: 'showInstall' }]),
    );
    const demo = await call('POST', '/api/demo', { customers: 8, language: 'en' });
    expect(demo.json).toEqual({ ok: true, report: expect.objectContaining({ installed: true, language: 'en' }) });
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual(
      expect.objectContaining({ userEmail: 'emma.clarke@example.com' }),
    );
    await playground.close();
    playground = await startPlayground({ port: 0, root: ROOT, stateFile });
    const restored = (await call('GET', '/api/state?sheet=Customers')).json;
    expect(restored.clock).toEqual(expect.objectContaining({ display: '2024-06-10 09:00 Mon' }));
    expect(restored.user).toBe('emma.clarke@example.com');
    expect((restored.grid as { lastRow: number }).lastRow).toBe(9);
    // Reset starts a fresh runtime.
    await call('POST', '/api/reset', {});
    expect((await call('GET', '/api/state')).json.sheets).toEqual([{ name: 'Sheet1', hidden: false }]);
  });

  it('colours rows by the conditional-format rules the installer wrote', async () => {
    await call('POST', '/api/demo', { customers: 30, language: 'en', seed: 9 });
    const { json } = await call('GET', '/api/state?sheet=Customers');
    const grid = json.grid as { rows: { cells: { bg?: string }[] }[] };
    const backgrounds = new Set(grid.rows.slice(1).flatMap((row) => row.cells.map((cell) => cell.bg ?? '')));
    // valueTier strategic / key cells and overdue / sleeping rows come from the rules' formulas.
    expect(
      [...backgrounds].filter((bg) => ['#d9d2e9', '#cfe2f3', '#fce5cd', '#fff2cc'].includes(bg)).length,
    ).toBeGreaterThan(1);
  });
});

describe('bad requests get a 4xx with a message and the server keeps serving', () => {
  const cases: [string, string, string, unknown, string | undefined, number, RegExp][] = [
    ['unknown route', 'GET', '/api/nope', undefined, undefined, 404, /Unknown route GET \/api\/nope/],
    ['unknown page', 'GET', '/nope', undefined, undefined, 404, /Unknown route GET \/nope/],
    ['wrong method', 'GET', '/api/run', undefined, undefined, 405, /Method GET not allowed/],
    ['malformed JSON', 'POST', '/api/run', undefined, '{"name": ', 400, /Malformed JSON body/],
    ['body not an object', 'POST', '/api/run', [1, 2], undefined, 400, /must be a JSON object/],
    [
      'unknown function',
      'POST',
      '/api/run',
      { name: 'noSuchFunction', args: [] },
      undefined,
      404,
      /Script function not found: noSuchFunction/,
    ],
    [
      'args not an array',
      'POST',
      '/api/run',
      { name: 'getAboutInfo', args: 'x' },
      undefined,
      400,
      /"args" must be an array/,
    ],
    [
      'unknown menu item',
      'POST',
      '/api/menu',
      { item: 'deleteEverything' },
      undefined,
      404,
      /no item "deleteEverything"/,
    ],
    [
      'bad cell address',
      'POST',
      '/api/edit',
      { sheet: 'Sheet1', a1: 'A0', text: 'x' },
      undefined,
      400,
      /Bad cell address "A0"/,
    ],
    [
      'range as a cell',
      'POST',
      '/api/edit',
      { sheet: 'Sheet1', a1: 'A1:B2', text: 'x' },
      undefined,
      400,
      /Bad cell address/,
    ],
    [
      'unknown sheet',
      'POST',
      '/api/edit',
      { sheet: 'Nope', a1: 'A1', text: 'x' },
      undefined,
      404,
      /No sheet named "Nope"/,
    ],
    [
      'text not a string',
      'POST',
      '/api/edit',
      { sheet: 'Sheet1', a1: 'A1', text: 5 },
      undefined,
      400,
      /"text" must be a string/,
    ],
    [
      'cell outside the sheet',
      'POST',
      '/api/edit',
      { sheet: 'Sheet1', a1: 'ZZ1', text: 'x' },
      undefined,
      400,
      /outside the dimensions of the sheet/,
    ],
    ['bad clock step', 'POST', '/api/clock', { days: -1 }, undefined, 400, /"days" must be a number/],
    [
      'unknown user',
      'POST',
      '/api/user',
      { email: 'mallory@example.com' },
      undefined,
      404,
      /Unknown user mallory@example.com/,
    ],
    ['bad demo size', 'POST', '/api/demo', { customers: 0 }, undefined, 400, /"customers" must be a whole number/],
    ['bad demo language', 'POST', '/api/demo', { language: 'fr' }, undefined, 400, /"language" must be one of/],
  ];

  it.each(cases)('%s', async (_name, method, route, body, raw, status, message) => {
    const response = await call(method, route, body, raw);
    expect(response.status).toBe(status);
    expect(String((response.json as { error?: string }).error)).toMatch(message);
    expect((await call('GET', '/api/state')).status).toBe(200);
  });

  it('a user edit the validation rejects: 422 with Sheets’ text, the cell unchanged', async () => {
    await install('en');
    const response = await call('POST', '/api/edit', { sheet: 'Customers', a1: 'C2', text: 'VIP' });
    expect(response.status).toBe(422);
    expect(response.json).toEqual({
      error: 'The data you entered in cell C2 violates the data validation rules set on this cell.',
    });
    const grid = (await call('GET', '/api/state?sheet=Customers')).json.grid as { rows: { cells: { v: string }[] }[] };
    expect(grid.rows[1]?.cells[2]?.v).toBe('');
  });

  it('"=cmd" typed into a plain-text column stays text (typed input as the runtime parses it)', async () => {
    await install('en');
    expect((await call('POST', '/api/edit', { sheet: 'Customers', a1: 'B2', text: '=cmd' })).status).toBe(200);
    const grid = (await call('GET', '/api/state?sheet=Customers')).json.grid as { rows: { cells: { v: string }[] }[] };
    expect(grid.rows[1]?.cells[1]?.v).toBe('=cmd');
  });
});
