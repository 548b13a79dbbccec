import type { Page } from 'playwright-core';
import {
  cellText,
  clickAddonMenu,
  columnOf,
  dataRows,
  describeInChromium,
  openPlayground,
  openSheet,
  sidebar,
  type Session,
} from './support';

/**
 * Archive old records in real Chromium (issue 20 item 1), on the demo data (zh-CN, the clock at 2024-06-03):
 * the manager opens Manager tools ▸ Archive old records…, sees what the proposed cut-off would move (nothing
 * before 2023) and what 2024 would move, runs it, and reads the result and the archive spreadsheet's name.
 * The Follow-ups sheet no longer has a 2023 row, the resolved 2023 ticket (still waiting for the customer)
 * stays, and the archive spreadsheet, opened from the playground's spreadsheet picker, holds the rows.
 * A rep opening the same item is refused and nothing is offered to run.
 */
jest.setTimeout(60_000);

const FOLLOW_UPS = '跟进记录';
const TICKETS = '服务工单';

describeInChromium('a manager archives old records in Chromium', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openPlayground('archive');
    page = session.page;
    await page.click('#demo');
    await page.waitForFunction(() => document.body.dataset.sheet === '客户');
  });

  afterAll(async () => {
    await session?.close();
  });

  /** The record ids the grid shows in the sheet open now (its first page of rows). */
  async function ids(): Promise<string[]> {
    const column = await columnOf(page, '编号');
    const rows = await dataRows(page);
    const texts = await Promise.all(rows.map(async (row) => (await cellText(page, `${column}${row}`)) ?? ''));
    return texts.filter((text) => text !== '');
  }

  /** The rows the pager counts in the sheet open now ("186 rows" or "rows 1–200 of 222"). */
  async function pagerRows(): Promise<number> {
    const text = (await page.locator('#pager span.muted').textContent()) ?? '';
    return Number(/(\d+)(?: rows)?$/.exec(text.trim())?.[1]);
  }

  it('offers the item under Manager tools, as the add-on’s menu does', async () => {
    await page.click('#menu-extensions');
    await page.hover('#addon-menu-row');
    const group = page.locator('#addon-menu .has-submenu', { hasText: '主管工具' });
    await expect(group.locator('[data-function="showArchive"]').textContent()).resolves.toBe('归档旧记录…');
    await page.click('#menu-extensions');
  });

  it('counts, archives the 2023 records and shows them in the archive spreadsheet', async () => {
    await openSheet(page, FOLLOW_UPS);
    const followUpsBefore = await ids();
    const rowsBefore = await pagerRows();
    const old = followUpsBefore.filter((id) => id.startsWith('G2023'));
    expect(old.length).toBeGreaterThan(10);
    await openSheet(page, TICKETS);
    const ticketsBefore = await ids();
    expect(ticketsBefore).toContain('F20230703001');

    await clickAddonMenu(page, 'showArchive');
    const form = sidebar(page);
    await form.locator('#form').waitFor({ state: 'visible' });
    // Settings archiveKeepYears = 1: before the start of last year, which the demo has nothing from.
    await expect(form.locator('#before').inputValue()).resolves.toBe('2023');
    await form.locator('#preview[data-state="counted"]').waitFor();
    await expect(form.locator('#preview').textContent()).resolves.toBe('2023 年之前没有可归档的记录。');

    await form.locator('#before').fill('2024');
    await form.locator('#before').blur();
    await form.locator('#preview', { hasText: '2024 年之前可归档' }).waitFor();
    await expect(form.locator('#preview').textContent()).resolves.toBe(
      `2024 年之前可归档：${old.length} 条跟进、0 个工单、5 份调查，将存入 2023 的归档。`,
    );
    await session.shot('archive-counted');

    await form.locator('#submit').click();
    await form.locator('#saved-message').waitFor({ state: 'visible' });
    await expect(form.locator('#saved-message').textContent()).resolves.toBe(
      `已归档 2024 年之前：${old.length} 条跟进、0 个工单、5 份调查，存入 2023 的归档。`,
    );
    await expect(form.locator('#files a').allTextContents()).resolves.toEqual(['Untitled spreadsheet · 归档 2023']);
    await session.shot('archive-done');

    // The source: every 2023 follow-up is gone, the others stay; the resolved ticket stays.
    await openSheet(page, FOLLOW_UPS);
    await page.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll('#grid td')).some(
          (td) => td.getAttribute('data-value') === 'G20230711001',
        ),
    );
    const followUpsAfter = await ids();
    expect(followUpsAfter.filter((id) => id.startsWith('G2023'))).toEqual([]);
    // The grid shows 200 rows a page: the rows after the first page came up; the sheet is shorter by the move.
    const kept = followUpsBefore.filter((id) => !id.startsWith('G2023'));
    expect(followUpsAfter.slice(0, kept.length)).toEqual(kept);
    expect(await pagerRows()).toBe(rowsBefore - old.length);
    await openSheet(page, TICKETS);
    expect(await ids()).toEqual(ticketsBefore);

    // The archive spreadsheet, shown read-only from the picker: the same sheets, the 2023 rows.
    await page.locator('#book-picker').waitFor({ state: 'visible' });
    await page.locator('#book').selectOption({ label: 'Untitled spreadsheet · 归档 2023' });
    await page.waitForFunction(() => document.getElementById('doc-name')?.textContent?.endsWith('· 归档 2023'));
    await openSheet(page, FOLLOW_UPS);
    expect((await ids()).sort()).toEqual(old.slice().sort());
    await session.shot('archive-file');
    await page.locator('#book').selectOption({ label: 'Untitled spreadsheet' });
    await page.waitForFunction(() => document.getElementById('doc-name')?.textContent === 'Untitled spreadsheet');
  });

  it('refuses a rep: the sidebar says managers only and offers nothing to run', async () => {
    await page.click('#sidebar-close');
    await page.locator('#sidebar').waitFor({ state: 'hidden' });
    await page.locator('#user').selectOption('li.na@example.com');
    await page.waitForFunction(
      () => (document.getElementById('user') as HTMLSelectElement).value === 'li.na@example.com',
    );
    // The rep does not see the archive spreadsheet (the manager made it; it is not shared).
    await page.locator('#book-picker').waitFor({ state: 'hidden' });
    await clickAddonMenu(page, 'showArchive');
    const form = sidebar(page);
    await form.locator('#form-error').waitFor({ state: 'visible' });
    await expect(form.locator('#form-error').textContent()).resolves.toBe('只有团队表中的经理可以归档记录。');
    await expect(form.locator('#form').isHidden()).resolves.toBe(true);
    await session.shot('archive-rep-refused');
    expect(session.foreign).toEqual([]);
  });
});
