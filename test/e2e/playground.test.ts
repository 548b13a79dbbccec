import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, clickAddonMenu, describeInChromium, dialog, openPlayground, type Session } from './support';

/**
 * The playground in real Chromium: install the workbook from the add-on menu, look at the grid, get a
 * validation rejection, open About, move the clock, load demo data.
 */
// A browser start and page loads: more than Jest's default 5 s per test or hook.
jest.setTimeout(30_000);

describeInChromium('playground in Chromium', () => {
  let session: Session;
  let page: Page;
  const shot = (name: string) => session.shot(name);

  /** Waits until the grid shows `value` in cell `a1` (the page refreshes after each action). */
  async function cellShows(a1: string, value: string): Promise<void> {
    await page.waitForFunction(
      ([cell, wanted]) => document.querySelector(`#grid td[data-a1="${cell}"]`)?.getAttribute('data-value') === wanted,
      [a1, value] as const,
    );
  }

  beforeAll(async () => {
    session = await openPlayground('playground');
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('installs the workbook in 简体中文 from Extensions ▸ Sheets CRM', async () => {
    await shot('fresh');
    await clickAddonMenu(page, 'showInstall');
    const frame = dialog(page);
    await frame.locator('#language option[value="zh-CN"]').waitFor({ state: 'attached' });
    await frame.locator('#language').selectOption('zh-CN');
    await shot('install-dialog');
    await frame.locator('#submit').click();
    await frame.locator('#summary li').first().waitFor();
    await shot('installed');
    await frame.locator('#close').click();
    await page.locator('#dialog-overlay').waitFor({ state: 'hidden' });
    const tabs = await page.locator('#tabs .tab').allTextContents();
    expect(tabs).toEqual(expect.arrayContaining(['客户', '跟进记录', '服务工单', '设置']));
    expect(tabs).not.toContain('Sheet1');
  });

  it('shows the customers sheet with a frozen bold header and a dropdown on an enum column', async () => {
    await page.click('#tabs .tab:text-is("客户")');
    await page.waitForFunction(() => document.body.dataset.sheet === '客户');
    const header = page.locator('#grid tr.frozen[data-row="1"]');
    await expect(header.locator('td').first().textContent()).resolves.toBe('编号');
    await expect(
      header
        .locator('td')
        .nth(1)
        .evaluate((td) => getComputedStyle(td).fontWeight),
    ).resolves.toBe('700');
    await expect(header.evaluate((tr) => getComputedStyle(tr.querySelector('td') as Element).position)).resolves.toBe(
      'sticky',
    );
    // Column C is "客户类型", an enum column: C2 has a dropdown with the zh-CN labels.
    await page.click('#grid td[data-a1="C2"] .dropdown-arrow');
    const options = await page.locator('.dropdown-menu [role="option"]').allTextContents();
    expect(options).toEqual(['企业客户', '个人客户']);
    await shot('dropdown');
    await page.click('.dropdown-menu [role="option"]:text-is("个人客户")');
    await cellShows('C2', '个人客户');
  });

  it('rejects an invalid value typed into the enum cell with Sheets’ message', async () => {
    await page.dblclick('#grid td[data-a1="C2"]');
    await page.locator('.cell-editor').fill('VIP');
    await page.keyboard.press('Enter');
    await page.locator('#alert-overlay').waitFor({ state: 'visible' });
    await expect(page.locator('#alert-text').textContent()).resolves.toBe(
      'The data you entered in cell C2 violates the data validation rules set on this cell.',
    );
    await shot('validation-rejected');
    await page.click('#alert-ok');
    await cellShows('C2', '个人客户');
    // A valid label typed by hand is accepted.
    await page.dblclick('#grid td[data-a1="C2"]');
    await page.locator('.cell-editor').fill('企业客户');
    await page.keyboard.press('Enter');
    await cellShows('C2', '企业客户');
  });

  it('opens About in the sidebar', async () => {
    await clickAddonMenu(page, 'showAbout');
    await page.locator('#sidebar').waitFor({ state: 'visible' });
    const sidebar = page.frameLocator('#sidebar-frame');
    await sidebar.locator('#facts').waitFor({ state: 'visible' });
    await expect(sidebar.locator('#user').textContent()).resolves.toBe('owner@example.com');
    await expect(sidebar.locator('#timezone').textContent()).resolves.toBe('Asia/Shanghai');
    await expect(page.locator('#sidebar').evaluate((aside) => aside.getBoundingClientRect().width)).resolves.toBe(300);
    await shot('about-sidebar');
  });

  it('offers no filter-view picker while the workbook has no filter views', async () => {
    await expect(page.locator('#filter-view-picker').isHidden()).resolves.toBe(true);
  });

  it('advances the virtual clock by one day', async () => {
    await expect(page.locator('#clock').textContent()).resolves.toBe('2024-06-03 09:00 Mon');
    await page.click('#advance-1');
    await page.waitForFunction(() => document.getElementById('clock')?.textContent === '2024-06-04 09:00 Tue');
    await shot('clock-advanced');
    expect(session.foreign).toEqual([]);
  });

  it('loads demo data: conditional-format colours, a row selection, 1280×800 screenshot', async () => {
    await page.click('#sidebar-close');
    await page.locator('#sidebar').waitFor({ state: 'hidden' });
    // Reset to a fresh workbook: the demo installs it (zh-CN, the owner's locale) and fills every table.
    await page.click('#reset');
    await page.waitForFunction(() => document.body.dataset.sheet === 'Sheet1');
    await page.click('#demo');
    await page.waitForFunction(() => document.body.dataset.sheet === '客户');
    await page.waitForFunction(() => document.querySelectorAll('#grid tbody tr').length > 40);
    await page.click('#grid tr[data-row="4"] .row-header');
    await page.waitForFunction(() =>
      document.querySelector('#grid tr[data-row="4"]')?.classList.contains('selected-row'),
    );
    const coloured = await page
      .locator('#grid tbody td')
      .evaluateAll((cells) => cells.filter((td) => (td as HTMLElement).style.backgroundColor !== '').length);
    expect(coloured).toBeGreaterThan(0);
    await shot('demo-data');
    // README screenshot, refreshed on demand: UPDATE_DOCS_SCREENSHOT=1 npm run test:e2e
    await page.evaluate(() => document.getElementById('toasts')?.replaceChildren());
    if (process.env.UPDATE_DOCS_SCREENSHOT) await page.screenshot({ path: path.join(ROOT, 'docs/playground.png') });
  });
});
