import type { Page } from 'playwright-core';
import { clickAddonMenu, describeInChromium, installWorkbook, openPlayground, sidebar, type Session } from './support';

/**
 * A rep's day in real Chromium, through the real sidebars: create a customer (a bad phone is caught as
 * they type, a repeated phone is shown as a possible duplicate), log a follow-up for the selected row, and
 * see the customer turn up as sleeping in My day a month later.
 */
jest.setTimeout(30_000);

describeInChromium('a rep in Chromium', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openPlayground('rep-workflow');
    page = session.page;
    await installWorkbook(page, 'zh-CN');
  });

  afterAll(async () => {
    await session?.close();
  });

  async function fillCustomer(phone: string): Promise<void> {
    const form = sidebar(page);
    await form.locator('#field-name').fill('深圳市星河科技有限公司');
    await form.locator('#field-industry').fill('制造业');
    await form.locator('#field-contactName').fill('李雷');
    await form.locator('#field-phone').fill(phone);
    await form.locator('#field-source').selectOption('tradeShow');
    await form.locator('#field-needs').fill('采购办公设备，预算5万');
  }

  it('creates a customer, catching a bad phone as the rep types', async () => {
    await clickAddonMenu(page, 'showNewCustomer');
    const form = sidebar(page);
    await form.locator('#field-name').waitFor();
    await fillCustomer('12-34');
    await form.locator('#field-needs').focus(); // leave the phone field
    await expect(form.locator('#error-phone').textContent()).resolves.toBe(
      '请输入 6–20 位数字，可带开头的 + 号、空格或短横线。',
    );
    await session.shot('bad-phone');
    await form.locator('#field-phone').fill('+86 138 0013 8000');
    await form.locator('#submit').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
    await expect(form.locator('#saved-message').textContent()).resolves.toContain('C20240603001');
    await session.shot('customer-saved');
    await page.waitForFunction(
      () => document.querySelector('#grid td[data-a1="A2"]')?.getAttribute('data-value') === 'C20240603001',
    );
  });

  it('warns about a repeated phone and offers the existing customer', async () => {
    const form = sidebar(page);
    await form.locator('#another').click();
    await fillCustomer('13800138000');
    await form.locator('#field-name').fill('别的公司');
    await form.locator('#submit').click();
    await form.locator('#duplicates-box').waitFor({ state: 'visible' });
    const match = await form.locator('#duplicates li').first().textContent();
    expect(match).toContain('C20240603001');
    expect(match).toContain('电话相同');
    await session.shot('duplicate-warning');
  });

  it('logs a follow-up for the selected customer row', async () => {
    await page.click('#grid tr[data-row="2"] .row-header');
    await clickAddonMenu(page, 'showLogFollowUp');
    const form = sidebar(page);
    await form.locator('#customer-chosen').waitFor({ state: 'visible' });
    await expect(form.locator('#customer-chosen').textContent()).resolves.toContain('C20240603001');
    await form.locator('#field-channel').selectOption('wechat');
    await form.locator('#field-content').fill('确认预算，发送产品清单');
    await form.locator('#submit').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
    await expect(form.locator('#saved-message').textContent()).resolves.toContain('G20240603001');
    await session.shot('follow-up-saved');
  });

  it('shows the customer as sleeping in My day after 30 quiet days', async () => {
    await page.click('#advance-30');
    await page.waitForFunction(() => document.getElementById('clock')?.textContent?.startsWith('2024-07-03'));
    await clickAddonMenu(page, 'showMyDay');
    const myDay = sidebar(page);
    await myDay.locator('[data-section="sleeping"] button').first().waitFor();
    await expect(myDay.locator('[data-section="sleeping"] button').first().textContent()).resolves.toContain(
      'C20240603001',
    );
    await session.shot('my-day');
    expect(session.foreign).toEqual([]);
  });
});
