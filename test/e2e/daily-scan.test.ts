import type { Page } from 'playwright-core';
import {
  advanceClock,
  answerAlert,
  cellBackground,
  cellText,
  clickAddonMenu,
  columnOf,
  createCustomer,
  describeInChromium,
  installWorkbook,
  openPlayground,
  openSheet,
  shownAlert,
  sidebar,
  waitForCell,
  type Session,
} from './support';

/**
 * The daily scan in real Chromium: a rep logs a contact with a next step weeks away, the owner switches
 * the scan on by answering the add-on's YES/NO question in the page (No first: nothing changes), and a
 * month later the scan has flagged the quiet customer as sleeping, the row has the sleeping highlight
 * (#fff2cc, not the overdue colour) and the owner's digest in the Mail outbox lists the customer.
 */
jest.setTimeout(30_000);

const QUESTION_ON =
  '每日扫描已关闭。要开启吗？它将每天 8:00（Asia/Shanghai）以您的账号（owner@example.com）运行，并从该账号发送摘要。';

describeInChromium('the daily scan in Chromium', () => {
  let session: Session;
  let page: Page;
  let customerId: string;

  beforeAll(async () => {
    session = await openPlayground('daily-scan');
    page = session.page;
    await installWorkbook(page, 'zh-CN');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a rep creates a customer and logs a contact whose next step is due in August', async () => {
    customerId = await createCustomer(page, {
      name: '杭州云杉贸易有限公司',
      contactName: '王芳',
      phone: '139 0571 2233',
    });
    expect(customerId).toBe('C20240603001');
    await page.click('#grid tr[data-row="2"] .row-header');
    await clickAddonMenu(page, 'showLogFollowUp');
    const form = sidebar(page);
    await form.locator('#customer-chosen').waitFor({ state: 'visible' });
    await expect(form.locator('#customer-chosen').textContent()).resolves.toContain(customerId);
    await form.locator('#field-channel').selectOption('phone');
    await form.locator('#field-content').fill('介绍产品，客户说八月中旬再联系');
    await form.locator('#field-nextAction').fill('八月回访');
    await form.locator('#field-nextActionDue').fill('2024-08-15T10:00');
    await form.locator('#submit').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
    await session.shot('contact-logged');
    await page.click('#sidebar-close');
  });

  it('asks before switching the scan on; No changes nothing', async () => {
    await clickAddonMenu(page, 'toggleDailyScan');
    await expect(shownAlert(page)).resolves.toEqual({ title: '每日扫描', text: QUESTION_ON, buttons: ['Yes', 'No'] });
    await session.shot('scan-question');
    await answerAlert(page, 'No');
    await expect(shownAlert(page)).resolves.toEqual({ title: '每日扫描', text: '未做任何更改。', buttons: ['OK'] });
    await answerAlert(page, 'OK');
    expect(session.playground.session.runtime.triggers.list()).toEqual([]);
  });

  it('Yes switches it on: one daily trigger at 8:00 owned by the owner', async () => {
    await clickAddonMenu(page, 'toggleDailyScan');
    await expect(shownAlert(page)).resolves.toEqual(expect.objectContaining({ text: QUESTION_ON }));
    await answerAlert(page, 'Yes');
    const done = await shownAlert(page);
    expect(done.text).toBe(
      '每日扫描已开启：每天 8:00（Asia/Shanghai）由您（owner@example.com）运行，摘要邮件从您的账号发送。',
    );
    await session.shot('scan-on');
    await answerAlert(page, 'OK');
    expect(session.playground.session.runtime.triggers.list()).toEqual([
      expect.objectContaining({
        handlerFunction: 'runDailyScanTrigger',
        ownerEmail: 'owner@example.com',
        schedule: { kind: 'days', every: 1, hour: 8, minute: 0 },
      }),
    ]);
  });

  it('31 days later the customer is flagged sleeping and the row has the sleeping highlight', async () => {
    await openSheet(page, '客户');
    const sleeping = await columnOf(page, '沉默客户');
    const overdue = await columnOf(page, '跟进逾期');
    await waitForCell(page, `${sleeping}2`, 'FALSE');
    await expect(cellBackground(page, 'B2')).resolves.toBe('rgba(0, 0, 0, 0)');
    await advanceClock(page, 30, '2024-07-03 09:00 Wed');
    await advanceClock(page, 1, '2024-07-04 09:00 Thu');
    // 31 scans ran (8:00 each day from 4 June to 4 July), none failed.
    const runs = session.playground.session.host.triggerRuns;
    expect(runs.map((run) => run.ok)).toEqual(Array.from({ length: 31 }, () => true));
    await waitForCell(page, `${sleeping}2`, 'TRUE');
    await expect(page.locator(`#grid td[data-a1="${sleeping}2"] input[type=checkbox]`).isChecked()).resolves.toBe(true);
    // Its next step is due 15 August: not overdue, so the row shows the sleeping rule's colour (#fff2cc).
    await expect(cellText(page, `${overdue}2`)).resolves.toBe('FALSE');
    await expect(cellBackground(page, 'B2')).resolves.toBe('rgb(255, 242, 204)');
    await page.locator(`#grid td[data-a1="${sleeping}2"]`).scrollIntoViewIfNeeded();
    await session.shot('sleeping-row');
  });

  it('the owner’s digest of 4 July is in the Mail outbox and lists the sleeping customer', async () => {
    const count = Number(await page.locator('#outbox-count').textContent());
    expect(count).toBeGreaterThan(0);
    await page.click('#outbox-button');
    const newest = page.locator('#outbox-list li').first();
    await expect(newest.locator('strong').textContent()).resolves.toMatch(/今日待办 \d+ 项/);
    await expect(newest.locator('.muted').textContent()).resolves.toContain('to owner@example.com · 2024-07-04');
    await newest.click();
    const body = page.frameLocator('#outbox-body').locator('body');
    await expect(body).toBeTruthy();
    await page.waitForFunction(() => (document.getElementById('outbox-body') as HTMLIFrameElement).srcdoc !== '');
    const text = await body.innerText();
    expect(text).toContain('沉默客户（30 天无联系） (1)');
    expect(text).toContain(`${customerId} · 杭州云杉贸易有限公司 · 王芳`);
    await session.shot('digest');
    expect(session.foreign).toEqual([]);
  });
});
