import type { Page } from 'playwright-core';
import {
  cellText,
  clickAddonMenu,
  columnOf,
  dataRows,
  describeInChromium,
  openPlayground,
  sidebar,
  type Session,
} from './support';

/**
 * A manager hands a leaver's customers to a colleague in real Chromium, on the demo data: Reassign customers
 * lists the team with their customer counts, moves all of 李娜's customers to 张伟, marks her inactive, and the
 * Customers sheet shows no customer of hers any more.
 */
jest.setTimeout(30_000);

describeInChromium('a manager reassigns a leaver’s customers in Chromium', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openPlayground('reassign');
    page = session.page;
    await page.click('#demo');
    await page.waitForFunction(() => document.body.dataset.sheet === '客户');
  });

  afterAll(async () => {
    await session?.close();
  });

  async function owners(): Promise<string[]> {
    const column = await columnOf(page, '负责人');
    const rows = await dataRows(page);
    return Promise.all(rows.map(async (row) => (await cellText(page, `${column}${row}`)) ?? ''));
  }

  it('moves every customer of 李娜 to 张伟 and marks her inactive', async () => {
    expect(await owners()).toContain('li.na@example.com');
    await clickAddonMenu(page, 'showReassign');
    const form = sidebar(page);
    await form.locator('#form').waitFor({ state: 'visible' });
    await expect(form.locator('#from option[value="li.na@example.com"]').textContent()).resolves.toMatch(
      /李娜 — \d+ 个客户/,
    );
    await form.locator('#from').selectOption('li.na@example.com');
    await form.locator('#to').selectOption('zhang.wei@example.com');
    await form.locator('#deactivate').check();
    await session.shot('reassign-form');
    await form.locator('#submit').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
    await expect(form.locator('#saved-message').textContent()).resolves.toMatch(
      /^已转交给 zhang\.wei@example\.com：\d+ 个客户/,
    );
    await session.shot('reassign-done');
    await page.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll('#grid td')).some(
          (cell) => cell.getAttribute('data-value') === 'li.na@example.com',
        ),
    );
    expect(await owners()).not.toContain('li.na@example.com');
  });
});
