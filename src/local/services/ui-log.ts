/**
 * What the add-on showed the user, as plain data for tests and the playground: the menus (Extensions > add-on
 * menu and any custom menus), the sidebar currently open, dialogs, and every alert/prompt with the answer
 * it got. Apps Script's alert/prompt wait for a person; here answers are scripted in advance with
 * queueAlertResponse / queuePromptResponse (FIFO). Without a queued answer an alert returns OK when its
 * button set has OK, else CLOSE, and a prompt returns CLOSE with '' (as if the user closed the dialog).
 * The playground subscribes with onChange to push updates to the browser.
 */
export type UiButtonName = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
export type UiButtonSetName = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

export const BUTTONS_OF_SET: Record<UiButtonSetName, UiButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export type MenuEntry =
  | { type: 'item'; caption: string; functionName: string }
  | { type: 'separator' }
  | { type: 'submenu'; caption: string; items: MenuEntry[] };

export interface MenuRecord {
  kind: 'addon' | 'custom';
  /** null for the add-on menu (Sheets shows it under Extensions with the add-on's name). */
  caption: string | null;
  items: MenuEntry[];
  atMs: number;
}

export interface SidebarRecord {
  title: string;
  html: string;
  /** Always 300: "Add-on sidebars have a fixed width of 300 pixels" (docs/apps-script/services.md §9). */
  width: 300;
  atMs: number;
}

export interface DialogRecord {
  kind: 'modal' | 'modeless';
  title: string;
  html: string;
  width: number;
  height: number;
  atMs: number;
}

export interface AlertRecord {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttonSet: UiButtonSetName;
  button: UiButtonName;
  /** The text typed into a prompt ('' when closed); undefined for alerts. */
  responseText?: string;
  /** false when nobody had queued an answer and the default was used. */
  scripted: boolean;
  atMs: number;
}

export type UiChange =
  | { type: 'menu'; menu: MenuRecord }
  | { type: 'sidebar'; sidebar: SidebarRecord | null }
  | { type: 'dialog'; dialog: DialogRecord }
  | { type: 'alert'; alert: AlertRecord };

export class UiLog {
  addonMenu: MenuRecord | null = null;
  readonly customMenus: MenuRecord[] = [];
  /** The sidebar now open: "the add-on can display only one at a time" (docs/apps-script/services.md §9). */
  sidebar: SidebarRecord | null = null;
  /** Every sidebar ever shown, oldest first. */
  readonly sidebarHistory: SidebarRecord[] = [];
  readonly dialogs: DialogRecord[] = [];
  /** Alerts and prompts, oldest first. */
  readonly alerts: AlertRecord[] = [];
  private readonly alertAnswers: UiButtonName[] = [];
  private readonly promptAnswers: { text: string; button: UiButtonName }[] = [];
  private readonly listeners = new Set<(change: UiChange) => void>();

  queueAlertResponse(button: UiButtonName): void {
    assertButtonName(button);
    this.alertAnswers.push(button);
  }

  queuePromptResponse(text: string, button: UiButtonName = 'OK'): void {
    assertButtonName(button);
    this.promptAnswers.push({ text, button });
  }

  /** Answers queued but not yet used (a test can assert the script asked what it expected). */
  pendingResponses(): { alerts: number; prompts: number } {
    return { alerts: this.alertAnswers.length, prompts: this.promptAnswers.length };
  }

  onChange(listener: (change: UiChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A menu item by caption or function name → the function a click runs (addon menu first). */
  findMenuFunction(itemOrFunction: string): string | undefined {
    for (const menu of this.allMenus()) {
      const found = findIn(menu.items, itemOrFunction);
      if (found) return found;
    }
    return undefined;
  }

  /** Every function reachable from a menu, in menu order. */
  menuFunctions(): string[] {
    const out: string[] = [];
    const walk = (items: MenuEntry[]): void => {
      for (const item of items) {
        if (item.type === 'item') out.push(item.functionName);
        else if (item.type === 'submenu') walk(item.items);
      }
    };
    for (const menu of this.allMenus()) walk(menu.items);
    return out;
  }

  /** The user closes the sidebar (playground, tests). */
  closeSidebar(): void {
    if (!this.sidebar) return;
    this.sidebar = null;
    this.emit({ type: 'sidebar', sidebar: null });
  }

  /** A new document session: menus, sidebar and dialogs are gone; queued answers too. */
  reset(): void {
    this.addonMenu = null;
    this.customMenus.length = 0;
    this.sidebar = null;
    this.sidebarHistory.length = 0;
    this.dialogs.length = 0;
    this.alerts.length = 0;
    this.alertAnswers.length = 0;
    this.promptAnswers.length = 0;
  }

  toJSON(): object {
    return {
      addonMenu: this.addonMenu,
      customMenus: this.customMenus,
      sidebar: this.sidebar,
      dialogs: this.dialogs,
      alerts: this.alerts,
    };
  }

  _recordMenu(menu: MenuRecord): void {
    if (menu.kind === 'addon') {
      this.addonMenu = menu;
    } else {
      const index = this.customMenus.findIndex((existing) => existing.caption === menu.caption);
      if (index >= 0) this.customMenus[index] = menu;
      else this.customMenus.push(menu);
    }
    this.emit({ type: 'menu', menu });
  }

  _recordSidebar(sidebar: SidebarRecord): void {
    this.sidebar = sidebar;
    this.sidebarHistory.push(sidebar);
    this.emit({ type: 'sidebar', sidebar });
  }

  _recordDialog(dialog: DialogRecord): void {
    this.dialogs.push(dialog);
    this.emit({ type: 'dialog', dialog });
  }

  _answerAlert(request: { title: string; prompt: string; buttonSet: UiButtonSetName; atMs: number }): AlertRecord {
    const queued = this.alertAnswers.shift();
    const allowed = BUTTONS_OF_SET[request.buttonSet];
    if (queued !== undefined && queued !== 'CLOSE' && !allowed.includes(queued)) {
      throw new Error(`UiLog: the queued alert answer ${queued} is not a button of ButtonSet.${request.buttonSet}`);
    }
    const button = queued ?? (allowed.includes('OK') ? 'OK' : 'CLOSE');
    const record: AlertRecord = { kind: 'alert', ...request, button, scripted: queued !== undefined };
    this.alerts.push(record);
    this.emit({ type: 'alert', alert: record });
    return record;
  }

  _answerPrompt(request: { title: string; prompt: string; buttonSet: UiButtonSetName; atMs: number }): AlertRecord {
    const queued = this.promptAnswers.shift();
    const allowed = BUTTONS_OF_SET[request.buttonSet];
    if (queued !== undefined && queued.button !== 'CLOSE' && !allowed.includes(queued.button)) {
      throw new Error(
        `UiLog: the queued prompt answer ${queued.button} is not a button of ButtonSet.${request.buttonSet}`,
      );
    }
    const record: AlertRecord = {
      kind: 'prompt',
      ...request,
      button: queued?.button ?? 'CLOSE',
      responseText: queued?.text ?? '',
      scripted: queued !== undefined,
    };
    this.alerts.push(record);
    this.emit({ type: 'alert', alert: record });
    return record;
  }

  private allMenus(): MenuRecord[] {
    return this.addonMenu ? [this.addonMenu, ...this.customMenus] : [...this.customMenus];
  }

  private emit(change: UiChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

function findIn(items: MenuEntry[], itemOrFunction: string): string | undefined {
  for (const item of items) {
    if (item.type === 'item' && (item.caption === itemOrFunction || item.functionName === itemOrFunction)) {
      return item.functionName;
    }
    if (item.type === 'submenu') {
      const found = findIn(item.items, itemOrFunction);
      if (found) return found;
    }
  }
  return undefined;
}

function assertButtonName(button: string): void {
  if (!['OK', 'CANCEL', 'YES', 'NO', 'CLOSE'].includes(button)) throw new Error(`UiLog: unknown button ${button}`);
}
