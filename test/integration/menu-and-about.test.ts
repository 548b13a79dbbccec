import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MENU } from '../../src/server/menu';
import { catalogue } from '../../src/shared/i18n/translate';
import { DIST_DIR, startAddon } from '../support/addon';

/** The first slice through the whole stack: onInstall/onOpen build the menu; About opens a sidebar. */
const expectedItems = (language: 'en' | 'zh-CN' | 'zh-TW') =>
  MENU.map((entry) =>
    entry === 'separator'
      ? { type: 'separator' }
      : { type: 'item', caption: catalogue(language)[entry.label], functionName: entry.functionName },
  );

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
