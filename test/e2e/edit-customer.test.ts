import type { Page } from 'playwright-core';
import {
  cellText,
  clickAddonMenu,
  columnOf,
  createCustomer,
  describeInChromium,
  installWorkbook,
  openPlayground,
  openSheet,
  sidebar,
  waitForCell,
  type Session,
} from './support';

/**
 * Edit customer in real Chromium (issue 19 item 7): the rep selects a customer row, opens Edit customer,
 * sees the row's values, is stopped by a cleared required field as they type, changes the phone and the
 * grade and saves; the grid shows the new phone and the re-derived next follow-up due, and the Log says who
 * changed what. Then a cell typed into the sheet while the form is open is reported as a conflict, the form
 * shows the current value, and saving again goes through. A second customer is found with the lookup box.
 */
jest.setTimeout(60_000);

describeInChromium('editing a customer in Chromium', () => {
  let session: Session;
  let page: Page;
  let customerId: string;

  beforeAll(async () => {
    session = await openPlayground('edit-customer');
    page = session.page;
    await installWorkbook(page, 'zh-CN');
    customerId = await createCustomer(page, {
      name: '深圳市星河科技有限公司',
      contactName: '李雷',
      phone: '138 0013 8000',
    });
    await createCustomerAgain();
  });

  afterAll(async () => {
    await session?.close();
  });

  /** A second customer, to be found with the lookup box. */
  async function createCustomerAgain(): Promise<void> {
    const form = sidebar(page);
    await form.locator('#another').click();
    await form.locator('#field-name').fill('苏州明德精密机械有限公司');
    await form.locator('#field-industry').fill('机械');
    await form.locator('#field-contactName').fill('陈静');
    await form.locator('#field-phone').fill('0512 6688 1234');
    await form.locator('#field-source').selectOption('referral');
    await form.locator('#field-needs').fill('精密零件外协');
    await form.locator('#submit').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
  }

  async function fieldValue(name: string): Promise<string> {
    return sidebar(page).locator(`[name="${name}"]`).inputValue();
  }

  it('opens the selected row’s customer with its values', async () => {
    await openSheet(page, '客户');
    await page.click('#grid tr[data-row="2"] .row-header');
    await clickAddonMenu(page, 'showEditCustomer');
    const form = sidebar(page);
    await form.locator('#customer-chosen').waitFor({ state: 'visible' });
    await expect(form.locator('#customer-chosen').textContent()).resolves.toContain(customerId);
    await expect(fieldValue('name')).resolves.toBe('深圳市星河科技有限公司');
    await expect(fieldValue('phone')).resolves.toBe('13800138000');
    await expect(fieldValue('intentGrade')).resolves.toBe('');
    await session.shot('opened');
  });

  it('catches a cleared required field as the rep types, then saves only the changes', async () => {
    const form = sidebar(page);
    await form.locator('#field-contactName').fill('');
    await form.locator('#field-phone').focus(); // leave the field
    await expect(form.locator('#error-contactName').textContent()).resolves.toBe('必填。');
    await form.locator('#field-contactName').fill('李雷');
    await form.locator('#field-phone').fill('139 1234 5678');
    await form.locator('#field-intentGrade').selectOption('low');
    await session.shot('changed');
    await form.locator('#submit').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
    // Low intent: 30 days from creation (2024-06-03 09:00), no contact yet.
    await expect(form.locator('#saved-message').textContent()).resolves.toBe(
      `已保存 ${customerId} 的 2 项修改。下次跟进截止：2024-07-03 09:00。`,
    );
    await session.shot('saved');
    await waitForCell(page, `${await columnOf(page, '联系电话')}2`, '13912345678');
    await expect(cellText(page, `${await columnOf(page, '意向等级')}2`)).resolves.toBe('低意向');
    await expect(cellText(page, `${await columnOf(page, '下次跟进时间')}2`)).resolves.toBe('2024-07-03 09:00');
  });

  it('reports a field changed in the sheet while the form was open, then saves when asked again', async () => {
    const form = sidebar(page);
    await form.locator('#another').click();
    await form.locator('#search').fill('星河');
    await form.locator('#matches button').first().click();
    await form.locator('#field-phone').waitFor({ state: 'visible' });
    await expect(fieldValue('phone')).resolves.toBe('13912345678');
    // Someone types a new phone into the row meanwhile.
    const phoneCell = `${await columnOf(page, '联系电话')}2`;
    await page.dblclick(`#grid td[data-a1="${phoneCell}"]`);
    await page.locator('.cell-editor').fill('13700000000');
    await page.keyboard.press('Enter');
    await waitForCell(page, phoneCell, '13700000000');
    await form.locator('#field-phone').fill('13612345678');
    await form.locator('#submit').click();
    await form.locator('#error-phone').filter({ hasText: '现为：13700000000' }).waitFor();
    await expect(form.locator('#form-error').textContent()).resolves.toContain(
      '在您打开表单之后，有人修改了该客户的联系电话。本次未保存任何内容。',
    );
    await expect(fieldValue('phone')).resolves.toBe('13612345678');
    await expect(cellText(page, phoneCell)).resolves.toBe('13700000000');
    await session.shot('conflict');
    await form.locator('#submit').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
    await expect(form.locator('#saved-message').textContent()).resolves.toBe(`已保存 ${customerId} 的 1 项修改。`);
    await waitForCell(page, phoneCell, '13612345678');
  });

  it('finds another customer with the lookup box and warns about a phone that is the first one’s', async () => {
    const form = sidebar(page);
    await form.locator('#another').click();
    await form.locator('#search').fill('明德');
    await form.locator('#matches button').first().click();
    await form.locator('#field-phone').waitFor({ state: 'visible' });
    await expect(fieldValue('name')).resolves.toBe('苏州明德精密机械有限公司');
    await form.locator('#field-phone').fill('136 1234 5678');
    await form.locator('#submit').click();
    await form.locator('#duplicates-box').waitFor({ state: 'visible' });
    await expect(form.locator('#duplicates li').first().textContent()).resolves.toContain(customerId);
    await session.shot('duplicate');
    await form.locator('#save-anyway').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
  });

  it('records who changed what in the Log', async () => {
    await openSheet(page, '运行日志');
    const details = await columnOf(page, '详情');
    const texts: string[] = [];
    for (let row = 2; row <= 6; row++) texts.push((await cellText(page, `${details}${row}`)) ?? '');
    const edits = texts.filter((text) => text.startsWith('客户 '));
    expect(edits[0]).toBe(
      `客户 ${customerId}（深圳市星河科技有限公司）已编辑：\n联系电话：13800138000 → 13912345678\n意向等级：（无） → 低意向\n下次跟进时间：2024-06-17 09:00 → 2024-07-03 09:00`,
    );
    expect(edits).toHaveLength(3);
    await session.shot('log');
    expect(session.foreign).toEqual([]);
  });
});
