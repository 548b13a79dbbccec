import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { startPlayground, type RunningPlayground } from '../../src/local/playground/server';

/**
 * Shared set-up of the browser tests: the playground on a free port with a throw-away state file, and
 * Debian's Chromium (never a downloaded browser) with a fresh profile and the flags this closed network
 * needs. Screenshots of each step go to test-artifacts/e2e/<suite>/.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = path.resolve(__dirname, '../..');
const MISSING = `Chromium not found at ${CHROMIUM}: apt-get install -y chromium`;
const haveChromium = existsSync(CHROMIUM);

/** `describe` when Chromium is there; under CI a missing Chromium is a failure, locally a skip. */
export function describeInChromium(name: string, body: () => void): void {
  if (!haveChromium && process.env.CI) {
    test('Chromium is installed', () => {
      throw new Error(MISSING);
    });
    return;
  }
  if (!haveChromium) console.warn(`e2e skipped: ${MISSING}`);
  (haveChromium ? describe : describe.skip)(name, body);
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
  mkdirSync(artifacts, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-'));
  const playground = await startPlayground({ port: 0, root: ROOT, stateFile: path.join(tmp, 'state.json') });
  const browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath: CHROMIUM,
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

/** Extensions ▸ Sheets CRM ▸ the item running `functionName`. */
export async function clickAddonMenu(page: Page, functionName: string): Promise<void> {
  await page.click('#menu-extensions');
  await page.hover('#addon-menu-row');
  await page.click(`#addon-menu [data-function="${functionName}"]`);
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
