import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { startPlayground, type RunningPlayground } from '../../src/local/playground/server';
import { chooseBrowser } from './browser';

/**
 * Shared set-up of the browser tests: the playground on a free port with a throw-away state file, and
 * Chromium from the npm package @sparticuz/chromium (or $CHROMIUM_PATH; see browser.ts), never a
 * downloaded browser, with a fresh profile and the flags this closed network needs. Screenshots of each
 * step go to test-artifacts/e2e/<suite>/.
 */
export const BROWSER = chooseBrowser();
export const ROOT = path.resolve(__dirname, '../..');

/** `describe` when a browser can run; under CI a missing browser is a failure, locally a skip. */
export function describeInChromium(name: string, body: () => void): void {
  const missing = BROWSER.missing;
  if (missing && process.env.CI) {
    test('Chromium is available', () => {
      throw new Error(missing);
    });
    return;
  }
  if (missing) console.warn(`e2e skipped: ${missing}`);
  (missing ? describe.skip : describe)(name, body);
}

export interface Session {
  playground: RunningPlayground;
  browser: BrowserContext;
  page: Page;
  /** Requests to anything but the playground: the page must work offline. */
  foreign: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openPlayground(suite: string): Promise<Session> {
  const artifacts = path.join(ROOT, 'test-artifacts/e2e', suite);
  // Only this run's screenshots: a shorter run must not leave an older run's later steps behind.
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-'));
  const playground = await startPlayground({ port: 0, root: ROOT, stateFile: path.join(tmp, 'state.json') });
  const { executablePath, env } = BROWSER.prepare();
  const browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath,
    env,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  // Fail a step in seconds with playwright's own message rather than at Jest's test timeout.
  page.setDefaultTimeout(5_000);
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(playground.url) && !request.url().startsWith('about:')) foreign.push(request.url());
  });
  await page.goto(playground.url);
  await page.locator('#addon-menu .menu-item').first().waitFor({ state: 'attached' });
  let step = 0;
  return {
    playground,
    browser,
    page,
    foreign,
    async shot(name) {
      step += 1;
      await page.screenshot({ path: path.join(artifacts, `${String(step).padStart(2, '0')}-${name}.png`) });
    },
    async close() {
      await browser.close();
      await playground.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Extensions ▸ Sheets CRM ▸ (its submenu ▸) the item running `functionName`, hovering each level as a person does. */
export async function clickAddonMenu(page: Page, functionName: string): Promise<void> {
  await page.click('#menu-extensions');
  await page.hover('#addon-menu-row');
  const item = `[data-function="${functionName}"]`;
  // The submenu rows holding the item, outermost first (the menu is grouped in submenus: src/server/menu.ts).
  const rows = page.locator('#addon-menu .has-submenu', { has: page.locator(item) });
  for (let level = 0, count = await rows.count(); level < count; level++) await rows.nth(level).hover();
  await page.click(`#addon-menu ${item}`);
}

export function sidebar(page: Page): FrameLocator {
  return page.frameLocator('#sidebar-frame');
}

export function dialog(page: Page): FrameLocator {
  return page.frameLocator('#dialog-frame');
}

/** Installs the workbook in a language through the menu's dialog. */
export async function installWorkbook(page: Page, language: 'en' | 'zh-CN' | 'zh-TW'): Promise<void> {
  await clickAddonMenu(page, 'showInstall');
  const frame = dialog(page);
  await frame.locator(`#language option[value="${language}"]`).waitFor({ state: 'attached' });
  await frame.locator('#language').selectOption(language);
  await frame.locator('#submit').click();
  await frame.locator('#summary li').first().waitFor();
  await frame.locator('#close').click();
  await page.locator('#dialog-overlay').waitFor({ state: 'hidden' });
}

/** Shows a sheet by its tab and waits until the grid is drawn for it. */
export async function openSheet(page: Page, name: string): Promise<void> {
  await page.click(`#tabs .tab:text-is("${name}")`);
  await page.waitForFunction((sheet) => document.body.dataset.sheet === sheet, name);
}

/** The column letter under header `label` (row 1 of the sheet shown). */
export async function columnOf(page: Page, label: string): Promise<string> {
  const a1 = await page
    .locator('#grid tr[data-row="1"] td')
    .evaluateAll(
      (cells, wanted) => cells.find((td) => (td as HTMLElement).dataset.value === wanted)?.getAttribute('data-a1'),
      label,
    );
  if (!a1)
    throw new Error(`No column headed "${label}" on sheet ${await page.evaluate(() => document.body.dataset.sheet)}`);
  return a1.replace(/\d+$/, '');
}

/** What the grid shows in cell `a1` (its display value), or null when that cell isn't drawn. */
export async function cellText(page: Page, a1: string): Promise<string | null> {
  return page.evaluate(
    (cell) => document.querySelector(`#grid td[data-a1="${cell}"]`)?.getAttribute('data-value') ?? null,
    a1,
  );
}

/** Waits until the grid shows `value` in cell `a1` (the page redraws after each action). */
export async function waitForCell(page: Page, a1: string, value: string): Promise<void> {
  await page.waitForFunction(
    ([cell, wanted]) => document.querySelector(`#grid td[data-a1="${cell}"]`)?.getAttribute('data-value') === wanted,
    [a1, value] as const,
  );
}

/** The rows the grid draws below the header, as row numbers. */
export async function dataRows(page: Page): Promise<number[]> {
  return page
    .locator('#grid tbody tr')
    .evaluateAll((rows) => rows.map((tr) => Number(tr.getAttribute('data-row'))).filter((row) => row > 1));
}

/** The background colour the page gives cell `a1` (conditional formats), as CSS computes it. */
export async function cellBackground(page: Page, a1: string): Promise<string> {
  return page.locator(`#grid td[data-a1="${a1}"]`).evaluate((td) => getComputedStyle(td).backgroundColor);
}

/** Clicks a clock button (+1 / +7 / +30 days) and waits for the clock to show `display`. */
export async function advanceClock(page: Page, days: 1 | 7 | 30, display: string): Promise<void> {
  await page.click(`#advance-${days}`);
  await page.waitForFunction((wanted) => document.getElementById('clock')?.textContent === wanted, display);
}

/** The modal alert (Sheets' ui.alert): its title, text and the buttons it offers, once it is shown. */
export async function shownAlert(page: Page): Promise<{ title: string; text: string; buttons: string[] }> {
  await page.locator('#alert-overlay').waitFor({ state: 'visible' });
  return {
    title: (await page.locator('#alert-title').textContent()) ?? '',
    text: (await page.locator('#alert-text').textContent()) ?? '',
    buttons: await page.locator('#alert-buttons button').allTextContents(),
  };
}

/** Clicks the alert's button with this caption and waits for the modal to close. */
export async function answerAlert(page: Page, caption: string): Promise<void> {
  const overlay = page.locator('#alert-overlay');
  const shown = await overlay.getAttribute('data-alert');
  await page.click(`#alert-buttons button:text-is("${caption}")`);
  // Closed, or already replaced by the next message (the page shows it as soon as the answer returns).
  await overlay.evaluate(
    (node, before) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if ((node as HTMLElement).hidden || (node as HTMLElement).dataset.alert !== before) resolve();
          else requestAnimationFrame(check);
        };
        check();
      }),
    shown,
  );
}

/** New customer sidebar: a valid enterprise customer, saved; returns the id it got. */
export async function createCustomer(
  page: Page,
  customer: { name: string; contactName: string; phone: string },
): Promise<string> {
  await clickAddonMenu(page, 'showNewCustomer');
  const form = sidebar(page);
  await form.locator('#field-name').waitFor();
  await form.locator('#field-name').fill(customer.name);
  await form.locator('#field-industry').fill('制造业');
  await form.locator('#field-contactName').fill(customer.contactName);
  await form.locator('#field-phone').fill(customer.phone);
  await form.locator('#field-source').selectOption('referral');
  await form.locator('#field-needs').fill('采购办公设备，预算5万');
  await form.locator('#submit').click();
  await form.locator('#saved-message').waitFor({ state: 'visible' });
  const id = /C\d{11}/.exec((await form.locator('#saved-message').textContent()) ?? '')?.[0];
  if (!id) throw new Error('The New customer sidebar reported no customer id');
  return id;
}
