import type { Page } from 'playwright-core';
import {
  advanceClock,
  cellText,
  clickAddonMenu,
  columnOf,
  createCustomer,
  dataRows,
  describeInChromium,
  installWorkbook,
  openPlayground,
  openSheet,
  sidebar,
  waitForCell,
  type Session,
} from './support';

/**
 * After-sales in real Chromium: a rep opens a complaint ticket for the selected customer (New ticket
 * sidebar), records the customer's satisfaction survey for that ticket with low ratings (2,3,3,2,3 →
 * score 13 / 5 × 20 = 52.0, below 60), and the add-on creates the owner's "low satisfaction" follow-up:
 * a Follow-ups row with that reason, linked to the survey, which My day lists the next day.
 */
jest.setTimeout(30_000);

describeInChromium('tickets and surveys in Chromium', () => {
  let session: Session;
  let page: Page;
  let customerId: string;
  let ticketId: string;
  let surveyId: string;
  let followUpId: string;

  beforeAll(async () => {
    session = await openPlayground('service-workflow');
    page = session.page;
    await installWorkbook(page, 'zh-CN');
    customerId = await createCustomer(page, {
      name: '苏州明德精密机械有限公司',
      contactName: '陈静',
      phone: '0512 6688 1234',
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens a complaint ticket for the selected customer', async () => {
    await page.click('#grid tr[data-row="2"] .row-header');
    await clickAddonMenu(page, 'showNewTicket');
    const form = sidebar(page);
    await form.locator('#customer-chosen').waitFor({ state: 'visible' });
    await expect(form.locator('#customer-chosen').textContent()).resolves.toContain(customerId);
    await form.locator('#field-ticketType').selectOption('complaint');
    await form.locator('#field-category').selectOption('product');
    await form.locator('#field-priority').selectOption('high');
    await form.locator('#field-description').fill('第二批零件尺寸超差，客户要求返工');
    await form.locator('#submit').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
    const saved = (await form.locator('#saved-message').textContent()) ?? '';
    ticketId = /F\d{11}/.exec(saved)?.[0] ?? '';
    expect(ticketId).toBe('F20240603001');
    // High priority, reported Monday 09:00: first response within 4 hours, resolution within 24 hours.
    expect(saved).toBe('已创建工单 F20240603001。首次响应时限 2024-06-03 13:00，解决时限 2024-06-04 09:00。');
    await session.shot('ticket-saved');
    await page.click('#sidebar-close');
    await openSheet(page, '服务工单');
    await waitForCell(page, 'A2', ticketId);
    await expect(cellText(page, `${await columnOf(page, '客户编号')}2`)).resolves.toBe(customerId);
    await expect(cellText(page, `${await columnOf(page, '处理进度')}2`)).resolves.toBe('待处理');
  });

  it('records a low-score survey for that ticket: 52.0, and a follow-up is created for the owner', async () => {
    await openSheet(page, '客户');
    await page.click('#grid tr[data-row="2"] .row-header');
    await clickAddonMenu(page, 'showSurvey');
    const form = sidebar(page);
    await form.locator('#customer-chosen').waitFor({ state: 'visible' });
    await form.locator(`#ticket-id option[value="${ticketId}"]`).waitFor({ state: 'attached' });
    await form.locator('#ticket-id').selectOption(ticketId);
    const ratings = { productQuality: '2', responseSpeed: '3', communication: '3', problemSolving: '2', overall: '3' };
    for (const [field, rating] of Object.entries(ratings)) await form.locator(`#field-${field}`).selectOption(rating);
    await form.locator('#field-nps').selectOption('4');
    await form.locator('#field-comments').fill('质量问题影响了我们的交期');
    await expect(form.locator('#score-preview').textContent()).resolves.toContain('52.0');
    await session.shot('survey-filled');
    await form.locator('#submit').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
    const saved = (await form.locator('#saved-message').textContent()) ?? '';
    surveyId = /S\d{11}/.exec(saved)?.[0] ?? '';
    expect(saved).toBe(`已保存调查 ${surveyId}：得分 52.0。`);
    const low = (await form.locator('#saved-low').textContent()) ?? '';
    followUpId = /G\d{11}/.exec(low)?.[0] ?? '';
    expect(low).toMatch(new RegExp(`^满意度偏低：已为负责人生成跟进 ${followUpId}，截止 2024-06-04 09:00。$`));
    await session.shot('survey-saved-low');
    await page.click('#sidebar-close');
  });

  it('the Follow-ups sheet has the low-satisfaction action, open, linked to the survey', async () => {
    await openSheet(page, '跟进记录');
    const ids = await Promise.all((await dataRows(page)).map(async (row) => [row, await cellText(page, `A${row}`)]));
    const row = ids.find(([, id]) => id === followUpId)?.[0] as number;
    expect(row).toBeGreaterThan(1);
    const at = async (label: string) => cellText(page, `${await columnOf(page, label)}${row}`);
    await expect(at('客户编号')).resolves.toBe(customerId);
    await expect(at('跟进事由')).resolves.toBe('低满意度跟进');
    await expect(at('关联记录')).resolves.toBe(surveyId);
    await expect(at('状态')).resolves.toBe('待办');
    await expect(at('下一步截止时间')).resolves.toBe('2024-06-04 09:00');
    await expect(at('负责人')).resolves.toBe('owner@example.com');
    await page.click(`#grid tr[data-row="${row}"] .row-header`);
    await session.shot('follow-up-row');
  });

  it('the next morning My day lists it as due today, next to the open ticket', async () => {
    await advanceClock(page, 1, '2024-06-04 09:00 Tue');
    await clickAddonMenu(page, 'showMyDay');
    const myDay = sidebar(page);
    const dueToday = myDay.locator('[data-section="dueToday"] button');
    await dueToday.first().waitFor();
    await expect(dueToday.allTextContents()).resolves.toEqual([
      `苏州明德精密机械有限公司 · ${followUpId}满意度调查 ${surveyId} 得分偏低（52.0）：请跟进客户。2024-06-04 09:00`,
    ]);
    await expect(myDay.locator('[data-section="openTickets"] button').first().textContent()).resolves.toContain(
      ticketId,
    );
    await session.shot('my-day');
    expect(session.foreign).toEqual([]);
  });
});
