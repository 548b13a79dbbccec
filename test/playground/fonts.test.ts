import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FONT_STYLESHEET } from '../../src/local/playground/fonts';
import { startPlayground, type RunningPlayground } from '../../src/local/playground/server';

/**
 * The self-hosted Chinese web fonts (src/local/playground/fonts.ts): the playground links them into the
 * page and every surface it serves, serves only the woff2 files its stylesheet names, and dist/ (what
 * clasp pushes) carries none of it. That they render is test/e2e/chinese-text.test.ts.
 */
const ROOT = path.resolve(__dirname, '../..');
const LINK = `<link rel="stylesheet" href="${FONT_STYLESHEET}" />`;
let playground: RunningPlayground;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crm-fonts-'));
  playground = await startPlayground({ port: 0, root: ROOT, stateFile: path.join(tmp, 'state.json') });
});

afterAll(async () => {
  await playground.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function get(route: string) {
  const response = await fetch(`${playground.url}${route}`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.arrayBuffer() };
}

function text(body: ArrayBuffer): string {
  return Buffer.from(body).toString('utf8');
}

it('links the font stylesheet into the page and the open dialog', async () => {
  expect(text((await get('/')).body)).toContain(LINK);
  const run = await fetch(`${playground.url}/api/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'showInstall', args: [] }),
  });
  expect(run.status).toBe(200);
  const dialog = text((await get('/surface/dialog')).body);
  expect(dialog).toMatch(
    /^<!doctype html>\s*<html>\s*<head><link rel="stylesheet" href="\/fonts\/noto-sans\.css" \/>/i,
  );
});

it('declares Noto Sans SC and TC at 400, 500 and 700 (and their symbols) from woff2 files on this server, and serves them', async () => {
  const css = await get(FONT_STYLESHEET);
  expect(css.status).toBe(200);
  expect(css.type).toContain('text/css');
  const sheet = text(css.body);
  const faces = [...sheet.matchAll(/@font-face\s*{([^}]*)}/g)].map((match) => match[1]);
  const kinds = new Set(
    faces.map((face) => `${/font-family: '([^']+)'/.exec(face)?.[1]} ${/font-weight: ([\d ]+);/.exec(face)?.[1]}`),
  );
  expect([...kinds].sort()).toEqual([
    'Noto Sans SC 400',
    'Noto Sans SC 500',
    'Noto Sans SC 700',
    'Noto Sans TC 400',
    'Noto Sans TC 500',
    'Noto Sans TC 700',
  ]);
  // The symbols slice of Noto Sans Symbols 2 (▾ ▸ ✕, missing from the CJK slices) joins each family and weight.
  expect(faces.filter((face) => face.includes('/fonts/noto-sans-symbols-2/'))).toHaveLength(6);
  const urls = faces.map((face) => /src: url\(([^)]+)\) format\('woff2'\);/.exec(face)?.[1]);
  expect(urls.every((url) => url?.startsWith('/fonts/noto-sans-'))).toBe(true);
  expect(sheet).not.toMatch(/\.woff\)|https?:/);

  const font = await get(urls[0] ?? '');
  expect(font.status).toBe(200);
  expect(font.type).toBe('font/woff2');
  expect(Buffer.from(font.body).subarray(0, 4).toString('latin1')).toBe('wOF2');
});

it('serves no other file under /fonts/', async () => {
  for (const route of [
    '/fonts/noto-sans-sc/noto-sans-sc-0-400-normal.woff',
    '/fonts/noto-sans-sc/..%2F400.css',
    '/fonts/noto-sans-sc/',
  ]) {
    expect((await get(route)).status).toBe(404);
  }
});

it('leaves the dist/ pages clasp pushes without web fonts', () => {
  const pages = readdirSync(path.join(ROOT, 'dist')).filter((name) => name.endsWith('.html'));
  expect(pages.length).toBeGreaterThan(5);
  for (const page of pages) {
    const html = readFileSync(path.join(ROOT, 'dist', page), 'utf8');
    expect(html).not.toMatch(/@font-face|\/fonts\/|<link/);
  }
});
