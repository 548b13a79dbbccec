import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMenuGroup, MENU, menuItems, type MenuEntry } from '../../src/server/menu';
import { catalogue } from '../../src/shared/i18n/translate';
import { DIST_DIR, startAddon } from '../support/addon';

/** The first slice through the whole stack: onInstall/onOpen build the menu; About opens a sidebar. */
type Language = 'en' | 'zh-CN' | 'zh-TW';
const expectedEntries = (entries: readonly MenuEntry[], language: Language): unknown[] =>
  entries.map((entry) =>
    entry === 'separator'
      ? { type: 'separator' }
      : isMenuGroup(entry)
        ? { type: 'submenu', caption: catalogue(language)[entry.label], items: expectedEntries(entry.items, language) }
        : { type: 'item', caption: catalogue(language)[entry.label], functionName: entry.functionName },
  );
const expectedItems = (language: Language) => expectedEntries(MENU, language);

describe('the add-on menu', () => {
  it.each([
    ['en', 'en'],
    ['zh_CN', 'zh-CN'],
    ['zh_TW', 'zh-TW'],
  ] as const)('is built by onInstall in FULL, labelled in the user locale %s', (locale, language) => {
    const { runtime, host } = startAddon({ user: { email: 'rep@example.com', locale } });
    host.install();
    expect(runtime.ui.addonMenu?.items).toEqual(expectedItems(language));
  });

  it('is built by onOpen in AuthMode.NONE without touching the workbook or its properties', () => {
    const { runtime, host } = startAddon({ user: { email: 'rep@example.com', locale: 'zh_CN' } });
    runtime.meter.reset();
    host.open({ authMode: 'NONE' });
    expect(runtime.ui.addonMenu?.items).toEqual(expectedItems('zh-CN'));
    const services = Object.keys(runtime.meter.snapshot().byMethod);
    expect(services.filter((key) => key.startsWith('SpreadsheetApp.') && !key.includes('getUi'))).toEqual([]);
    expect(services.filter((key) => key.startsWith('PropertiesService.'))).toEqual([]);
  });

  it('only offers items whose functions exist in the bundle', () => {
    const { runtime, host } = startAddon();
    host.open();
    const globals = new Set(host.globalFunctionNames());
    expect(runtime.ui.menuFunctions().length).toBeGreaterThan(0);
    for (const name of runtime.ui.menuFunctions()) expect(globals.has(name)).toBe(true);
  });
});

describe('the add-on menu, grouped', () => {
  it('offers every item exactly once, in submenus, with a short top level', () => {
    const { runtime, host } = startAddon({ user: { email: 'rep@example.com', locale: 'en' } });
    host.open();
    const names = menuItems().map((item) => item.functionName);
    expect(runtime.ui.menuFunctions()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    const top = runtime.ui.addonMenu?.items ?? [];
    expect(top.filter((entry) => entry.type !== 'separator').length).toBeLessThanOrEqual(8);
    expect(top.filter((entry) => entry.type === 'submenu').length).toBeGreaterThanOrEqual(4);
    // Only My day and About stay at the top; everything else sits in a group.
    expect(
      top.filter((entry) => entry.type === 'item').map((entry) => (entry as { functionName: string }).functionName),
    ).toEqual(['showMyDay', 'showAbout']);
  });

  it.each([
    ['en', 'Setup', 'Install / repair workbook', 'Install Sheets CRM'],
    ['zh_CN', '安装与维护', '安装 / 修复工作簿', '安装表格客户管理'],
  ] as const)('in %s, an item inside a submenu runs its function', (locale, group, caption, title) => {
    const { runtime, host } = startAddon({ user: { email: 'rep@example.com', locale } });
    host.open();
    const submenu = runtime.ui.addonMenu?.items.find((entry) => entry.type === 'submenu' && entry.caption === group);
    expect(submenu).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ caption })]) });
    host.clickMenu(caption);
    expect(runtime.ui.dialogs.at(-1)).toMatchObject({ title });
  });
});

describe('About', () => {
  it('opens the built about page as a 300 px sidebar with a localized title', () => {
    const { runtime, host } = startAddon({ user: { email: 'rep@example.com', locale: 'zh_TW' } });
    host.open();
    host.clickMenu('關於');
    expect(runtime.ui.sidebar).toEqual(
      expect.objectContaining({
        title: '關於表格客戶管理',
        width: 300,
        html: readFileSync(path.join(DIST_DIR, 'about.html'), 'utf8'),
      }),
    );
  });

  it('answers the sidebar through google.script.run with JSON-safe, localized facts', () => {
    const { host } = startAddon({ user: { email: 'rep@example.com', locale: 'en' } });
    const result = host.run('getAboutInfo');
    expect(result).toEqual({
      ok: true,
      value: {
        ok: true,
        value: {
          version: JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).version,
          language: 'en',
          timeZone: 'Asia/Shanghai',
          userEmail: 'rep@example.com',
          messages: expect.objectContaining({ 'app.name': 'Sheets CRM' }),
        },
      },
    });
  });

  it('follows the workbook language once installed, whatever the user locale', () => {
    const { host } = startAddon({ user: { email: 'rep@example.com', locale: 'en' } });
    host.run('runInstall', [{ language: 'zh-CN' }]);
    expect(host.run('getAboutInfo')).toMatchObject({
      ok: true,
      value: { value: { language: 'zh-CN', messages: { 'app.name': '表格客户管理' } } },
    });
  });
});
