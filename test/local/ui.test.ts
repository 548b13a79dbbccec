import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RuntimeContext, type AuthModeKey } from '../../src/local/core/context';
import { createHtmlService } from '../../src/local/services/html';
import { createUi } from '../../src/local/services/ui';

/** Ui, Menu, sidebars, dialogs, alert/prompt (docs/apps-script/services.md §2 and §9; reference/base/ui, menu). */
type Menu = {
  addItem(...a: unknown[]): Menu;
  addSeparator(): Menu;
  addSubMenu(...a: unknown[]): Menu;
  addToUi(): void;
};
type Ui = {
  Button: Record<string, unknown>;
  ButtonSet: Record<string, unknown>;
  createAddonMenu(): Menu;
  createMenu(...a: unknown[]): Menu;
  showSidebar(...a: unknown[]): void;
  showModalDialog(...a: unknown[]): void;
  showModelessDialog(...a: unknown[]): void;
  alert(...a: unknown[]): unknown;
  prompt(...a: unknown[]): { getResponseText(): string; getSelectedButton(): unknown };
};
type HtmlOutput = {
  setTitle(t: string): HtmlOutput;
  setWidth(w: number): HtmlOutput;
  setHeight(h: number): HtmlOutput;
};
type Html = { createHtmlOutput(html?: string): HtmlOutput };

function setup() {
  const ctx = new RuntimeContext({ startMs: 1000, user: { email: 'owner@example.com', locale: 'en' } });
  const { getUi, uiLog } = createUi(ctx);
  const html = createHtmlService(ctx, { htmlDir: mkdtempSync(path.join(tmpdir(), 'ui-')) }).HtmlService as Html;
  return { ctx, ui: getUi() as Ui, uiLog, html, getUi };
}

function inMode<T>(ctx: RuntimeContext, authMode: AuthModeKey, fn: () => T): T {
  return ctx.runExecution({ authMode, label: `test:${authMode}` }, fn);
}

describe('menus (createAddonMenu "isn\'t actually updated until Menu.addToUi()")', () => {
  test('the add-on menu is recorded as plain data with items, separators and submenus', () => {
    const { ui, uiLog } = setup();
    const sub = ui.createMenu('Tools').addItem('Find duplicates', 'findDuplicates');
    ui.createAddonMenu().addItem('Open CRM', 'openSidebar').addSeparator().addSubMenu(sub).addToUi();
    expect(uiLog.addonMenu).toEqual({
      kind: 'addon',
      caption: null,
      atMs: 1000,
      items: [
        { type: 'item', caption: 'Open CRM', functionName: 'openSidebar' },
        { type: 'separator' },
        {
          type: 'submenu',
          caption: 'Tools',
          items: [{ type: 'item', caption: 'Find duplicates', functionName: 'findDuplicates' }],
        },
      ],
    });
    expect(uiLog.findMenuFunction('Find duplicates')).toBe('findDuplicates');
    expect(uiLog.findMenuFunction('openSidebar')).toBe('openSidebar');
    expect(uiLog.findMenuFunction('Nope')).toBeUndefined();
    expect(uiLog.menuFunctions()).toEqual(['openSidebar', 'findDuplicates']);
  });

  test('nothing shows before addToUi; a later addToUi replaces the menu of the same kind', () => {
    const { ui, uiLog } = setup();
    const menu = ui.createAddonMenu().addItem('A', 'a');
    expect(uiLog.addonMenu).toBeNull();
    menu.addToUi();
    ui.createAddonMenu().addItem('B', 'b').addToUi();
    expect(uiLog.menuFunctions()).toEqual(['b']);
    ui.createMenu('CRM').addItem('X', 'x').addToUi();
    ui.createMenu('CRM').addItem('Y', 'y').addToUi();
    expect(uiLog.customMenus.map((m) => [m.caption, m.items.length])).toEqual([['CRM', 1]]);
    expect(uiLog.findMenuFunction('Y')).toBe('y');
  });

  test('menus may be built in AuthMode.NONE and LIMITED ("Add menu items"), not in CUSTOM_FUNCTION', () => {
    const { ui, uiLog, ctx } = setup();
    inMode(ctx, 'NONE', () => ui.createAddonMenu().addItem('Start', 'start').addToUi());
    expect(uiLog.findMenuFunction('Start')).toBe('start');
    inMode(ctx, 'LIMITED', () => ui.createAddonMenu().addItem('Again', 'again').addToUi());
    expect(uiLog.findMenuFunction('Again')).toBe('again');
    expect(() => inMode(ctx, 'CUSTOM_FUNCTION', () => ui.createAddonMenu())).toThrow(
      'You do not have permission to call Ui.createAddonMenu. (AuthMode.CUSTOM_FUNCTION)',
    );
  });

  test('wrong arguments are signature errors', () => {
    const { ui } = setup();
    expect(() => ui.createAddonMenu().addItem('Only caption')).toThrow(
      "The parameters (String) don't match the method signature for Menu.addItem.",
    );
    expect(() => ui.createAddonMenu().addSubMenu({})).toThrow(
      "The parameters (Object) don't match the method signature for Menu.addSubMenu.",
    );
  });
});

describe('sidebars and dialogs', () => {
  test('showSidebar: fixed width 300 whatever setWidth said; one at a time', () => {
    const { ui, uiLog, html } = setup();
    ui.showSidebar(html.createHtmlOutput('<p>1</p>').setTitle('CRM').setWidth(500));
    expect(uiLog.sidebar).toEqual({ title: 'CRM', html: '<p>1</p>', width: 300, atMs: 1000 });
    ui.showSidebar(html.createHtmlOutput('<p>2</p>').setTitle('Second'));
    expect(uiLog.sidebar?.title).toBe('Second');
    expect(uiLog.sidebarHistory.map((s) => s.title)).toEqual(['CRM', 'Second']);
    uiLog.closeSidebar();
    expect(uiLog.sidebar).toBeNull();
  });

  test('showModalDialog: the title argument overrides setTitle; size from setWidth/setHeight', () => {
    const { ui, uiLog, html } = setup();
    ui.showModalDialog(html.createHtmlOutput('<p>d</p>').setTitle('ignored').setWidth(400).setHeight(200), 'Import');
    ui.showModelessDialog(html.createHtmlOutput('<p>m</p>'), 'Help');
    expect(uiLog.dialogs).toEqual([
      { kind: 'modal', title: 'Import', html: '<p>d</p>', width: 400, height: 200, atMs: 1000 },
      { kind: 'modeless', title: 'Help', html: '<p>m</p>', width: 600, height: 450, atMs: 1000 },
    ]);
  });

  test('only HtmlOutput can be shown', () => {
    const { ui } = setup();
    expect(() => ui.showSidebar('<p>x</p>')).toThrow(
      "The parameters (String) don't match the method signature for Ui.showSidebar.",
    );
    expect(() => ui.showModalDialog('<p>x</p>', 'T')).toThrow(
      "The parameters (String,String) don't match the method signature for Ui.showModalDialog.",
    );
  });

  test('"Add-ons can\'t open sidebars or dialogs while executing in AuthMode.LIMITED" (wording UNCONFIRMED)', () => {
    const { ui, uiLog, ctx, html } = setup();
    expect(() => inMode(ctx, 'LIMITED', () => ui.showSidebar(html.createHtmlOutput('x')))).toThrow(
      "Add-ons can't open sidebars or dialogs while executing in AuthMode.LIMITED (Ui.showSidebar).",
    );
    expect(() => inMode(ctx, 'NONE', () => ui.alert('hi'))).toThrow(
      "Add-ons can't open sidebars or dialogs while executing in AuthMode.NONE (Ui.alert).",
    );
    expect(uiLog.sidebar).toBeNull();
    expect(uiLog.alerts).toEqual([]);
  });
});

describe('alert and prompt with scripted answers', () => {
  test('alert overloads; without an answer: OK when the set has OK, else CLOSE', () => {
    const { ui, uiLog } = setup();
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    expect(ui.alert('Delete?', ui.ButtonSet.YES_NO)).toBe(ui.Button.CLOSE);
    expect(ui.alert('Install', 'Done:\n3 sheets', ui.ButtonSet.OK)).toBe(ui.Button.OK);
    expect(uiLog.alerts.map((a) => [a.title, a.prompt, a.buttonSet, a.button, a.scripted])).toEqual([
      ['', 'Saved', 'OK', 'OK', false],
      ['', 'Delete?', 'YES_NO', 'CLOSE', false],
      ['Install', 'Done:\n3 sheets', 'OK', 'OK', false],
    ]);
  });

  test('queued alert answers are used in order and must belong to the button set', () => {
    const { ui, uiLog } = setup();
    uiLog.queueAlertResponse('NO');
    uiLog.queueAlertResponse('YES');
    expect(ui.alert('Delete?', ui.ButtonSet.YES_NO_CANCEL)).toBe(ui.Button.NO);
    expect(ui.alert('Really?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(uiLog.alerts.every((a) => a.scripted)).toBe(true);
    uiLog.queueAlertResponse('YES');
    expect(() => ui.alert('Only OK', ui.ButtonSet.OK)).toThrow(
      'UiLog: the queued alert answer YES is not a button of ButtonSet.OK',
    );
  });

  test('prompt returns a PromptResponse; without an answer CLOSE and ""', () => {
    const { ui, uiLog } = setup();
    const closed = ui.prompt('Name?');
    expect([closed.getResponseText(), closed.getSelectedButton()]).toEqual(['', ui.Button.CLOSE]);
    uiLog.queuePromptResponse('Acme Ltd');
    uiLog.queuePromptResponse('x', 'CANCEL');
    const answered = ui.prompt('Customer', 'Name?', ui.ButtonSet.OK_CANCEL);
    expect([answered.getResponseText(), answered.getSelectedButton()]).toEqual(['Acme Ltd', ui.Button.OK]);
    expect(ui.prompt('Again?', ui.ButtonSet.OK_CANCEL).getSelectedButton()).toBe(ui.Button.CANCEL);
    expect(uiLog.alerts.map((a) => [a.kind, a.title, a.responseText, a.button])).toEqual([
      ['prompt', '', '', 'CLOSE'],
      ['prompt', 'Customer', 'Acme Ltd', 'OK'],
      ['prompt', '', 'x', 'CANCEL'],
    ]);
    expect(uiLog.pendingResponses()).toEqual({ alerts: 0, prompts: 0 });
  });

  test('alert with arguments matching no overload', () => {
    const { ui } = setup();
    expect(() => ui.alert('a', 'b')).toThrow(
      "The parameters (String,String) don't match the method signature for Ui.alert.",
    );
  });
});

describe('UiLog for the playground', () => {
  test('onChange reports every menu, sidebar, dialog and alert; unsubscribe stops it', () => {
    const { ui, uiLog, html } = setup();
    const seen: string[] = [];
    const stop = uiLog.onChange((change) => seen.push(change.type));
    ui.createAddonMenu().addItem('A', 'a').addToUi();
    ui.showSidebar(html.createHtmlOutput('x'));
    ui.showModalDialog(html.createHtmlOutput('x'), 'T');
    ui.alert('hi');
    uiLog.closeSidebar();
    stop();
    ui.alert('unseen');
    expect(seen).toEqual(['menu', 'sidebar', 'dialog', 'alert', 'sidebar']);
    expect(JSON.parse(JSON.stringify(uiLog))).toMatchObject({ sidebar: null, dialogs: [{ title: 'T' }] });
  });

  test('getUi returns the same Ui; Ui calls are metered as Base.Ui.*', () => {
    const { getUi, ctx, ui } = setup();
    expect(getUi()).toBe(ui);
    const { cost } = ctx.meter.measure(() => ui.createAddonMenu().addItem('A', 'a').addToUi());
    expect(cost.byMethod).toEqual({ 'Base.Ui.createAddonMenu': 1, 'Base.Menu.addItem': 1, 'Base.Menu.addToUi': 1 });
  });
});
