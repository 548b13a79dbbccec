import type { CDPSession, Page } from 'playwright-core';
import { BROWSER, clickAddonMenu, describeInChromium, installWorkbook, openPlayground, type Session } from './support';

/**
 * Chinese text renders in the playground without CJK system fonts: the packaged browser sees only its own
 * Open Sans (browser.ts), so every Chinese glyph on these screenshots comes from the Noto Sans SC/TC web
 * fonts the playground serves (src/local/playground/fonts.ts). Checked three ways: the fonts Chromium
 * reports it drew the text with (DevTools' CSS.getPlatformFontsForNode), the glyphs themselves (each
 * character drawn in the element's font is a distinct, non-blank bitmap: not nothing, not the same box),
 * and the screenshots in test-artifacts/e2e/chinese-text and chinese-text-zh-TW.
 */
jest.setTimeout(60_000);

/** The woff2 slices name themselves "Noto Sans SC Thin" etc. inside: match the family by its start. */
const SC = /^Noto Sans SC\b/;
const TC = /^Noto Sans TC\b/;

interface DrawnFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** The fonts Chromium used for the text inside the element `selector` (in the iframe `frameId`, if given). */
async function fontsDrawing(cdp: CDPSession, selector: string, frameId?: string): Promise<DrawnFont[]> {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  let scope = root;
  if (frameId) {
    const stack = [root];
    let frameDocument: typeof root | undefined;
    while (stack.length > 0 && !frameDocument) {
      const node = stack.pop() as typeof root;
      const attributes = node.attributes ?? [];
      const id = attributes[attributes.indexOf('id') + 1];
      if (node.nodeName === 'IFRAME' && attributes.includes('id') && id === frameId)
        frameDocument = node.contentDocument;
      stack.push(...(node.children ?? []));
    }
    if (!frameDocument) throw new Error(`No document in iframe #${frameId}`);
    scope = frameDocument;
  }
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: scope.nodeId, selector });
  if (!nodeId) throw new Error(`Nothing matches ${selector}`);
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  return fonts;
}

/**
 * Draws each distinct Chinese character of the element's text on a canvas in the element's own font and
 * compares the pixels: readable text gives one distinct, non-blank bitmap per character, whereas missing
 * glyphs all come out blank or as the same box (tofu).
 */
async function chineseGlyphs(
  page: Page,
  selector: string,
  frameSelector?: string,
): Promise<{ characters: number; distinct: number; blank: number }> {
  const target = frameSelector ? page.frameLocator(frameSelector).locator(selector) : page.locator(selector);
  return target.first().evaluate((element) => {
    const characters = [...new Set([...(element.textContent ?? '')].filter((ch) => /\p{Script=Han}/u.test(ch)))];
    const canvas = document.createElement('canvas');
    canvas.width = 48;
    canvas.height = 48;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('No 2d canvas');
    const style = getComputedStyle(element);
    context.font = `${style.fontWeight} 32px ${style.fontFamily}`;
    context.textBaseline = 'top';
    const bitmaps = characters.map((ch) => {
      context.clearRect(0, 0, 48, 48);
      context.fillText(ch, 4, 4);
      const alpha = context.getImageData(0, 0, 48, 48).data.filter((_, index) => index % 4 === 3);
      return alpha.some((value) => value > 0) ? alpha.join(',') : '';
    });
    return {
      characters: characters.length,
      distinct: new Set(bitmaps.filter((bitmap) => bitmap !== '')).size,
      blank: bitmaps.filter((bitmap) => bitmap === '').length,
    };
  });
}

/** Waits until the document (and the frame's, if given) has loaded every web font its text asked for. */
async function fontsLoaded(page: Page, frameSelector?: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (frameSelector) {
    await page
      .frameLocator(frameSelector)
      .locator('body')
      .evaluate(() => document.fonts.ready.then(() => undefined));
  }
}

describeInChromium(`Chinese text without system fonts (${BROWSER.label})`, () => {
  let session: Session | undefined;

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('zh-CN: the sheet tabs and the About sidebar are drawn in Noto Sans SC, each character its own glyph', async () => {
    session = await openPlayground('chinese-text');
    const { page } = session;
    await installWorkbook(page, 'zh-CN');
    await clickAddonMenu(page, 'showAbout');
    const about = page.frameLocator('#sidebar-frame');
    await about.locator('#app-name').filter({ hasText: '表格客户管理' }).waitFor();
    await fontsLoaded(page, '#sidebar-frame');
    await session.shot('zh-CN-about');

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const tabFonts = await fontsDrawing(cdp, '#tabs');
    const sidebarFonts = await fontsDrawing(cdp, '#about', 'sidebar-frame');
    for (const fonts of [tabFonts, sidebarFonts]) {
      expect(fonts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ familyName: expect.stringMatching(SC), isCustomFont: true }),
        ]),
      );
    }
    // Every glyph of the tabs (客户, 跟进记录, …: Chinese only) came from the web font.
    expect(tabFonts.filter((font) => !SC.test(font.familyName) || !font.isCustomFont)).toEqual([]);
    // The grid's dropdown arrows (▾, which the Noto Sans SC slices lack) come from Noto Sans Symbols 2.
    expect(await fontsDrawing(cdp, '#grid .dropdown-arrow')).toEqual([
      expect.objectContaining({ familyName: 'Noto Sans Symbols 2', isCustomFont: true }),
    ]);

    const tabText = (await page.locator('#tabs .tab').allTextContents()).join('');
    expect(tabText).toMatch(/^[\p{Script=Han}]+$/u);
    for (const glyphs of [await chineseGlyphs(page, '#tabs'), await chineseGlyphs(page, '#about', '#sidebar-frame')]) {
      expect(glyphs.characters).toBeGreaterThan(10);
      expect(glyphs).toEqual({ characters: glyphs.characters, distinct: glyphs.characters, blank: 0 });
    }
    // The page asked only its own server for the fonts.
    expect(session.foreign).toEqual([]);
  });

  it('zh-TW: a Traditional Chinese sidebar (<html lang="zh-TW">) is drawn in Noto Sans TC', async () => {
    session = await openPlayground('chinese-text-zh-TW');
    const { page } = session;
    await installWorkbook(page, 'zh-TW');
    await clickAddonMenu(page, 'showNewCustomer');
    const intro = page.frameLocator('#sidebar-frame').locator('html[lang="zh-TW"] #intro');
    await intro.filter({ hasText: '必填' }).waitFor();
    await fontsLoaded(page, '#sidebar-frame');
    await session.shot('zh-TW-new-customer');

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const fonts = await fontsDrawing(cdp, '#intro', 'sidebar-frame');
    const han = [...((await intro.textContent()) ?? '')].filter((ch) => /\p{Script=Han}/u.test(ch)).length;
    expect(han).toBeGreaterThan(10);
    const tc = fonts.filter((font) => TC.test(font.familyName) && font.isCustomFont);
    expect(tc.reduce((sum, font) => sum + font.glyphCount, 0)).toBeGreaterThanOrEqual(han);
    expect(fonts.filter((font) => SC.test(font.familyName))).toEqual([]);
    const glyphs = await chineseGlyphs(page, '#intro', '#sidebar-frame');
    expect(glyphs).toEqual({ characters: glyphs.characters, distinct: glyphs.characters, blank: 0 });
    expect(session.foreign).toEqual([]);
  });
});
