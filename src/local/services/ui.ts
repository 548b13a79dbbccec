import type { RuntimeContext } from '../core/context';
import { gasError, notSupported, signatureError } from '../core/errors';
import { defineGasClass, gasEnum, GasEnumValue, GasObject } from '../core/gas-object';
import { HtmlOutput } from './html';
import { UiLog, type MenuEntry, type UiButtonName, type UiButtonSetName } from './ui-log';

/**
 * Ui, Menu and PromptResponse (reference/base/ui, reference/base/menu; docs/apps-script/services.md §2 and §9), recording
 * into a UiLog.
 *
 * Auth modes (docs/apps-script/services.md §2): NONE and LIMITED may "Add menu items" only; "Add-ons can't open sidebars
 * or dialogs while executing in AuthMode.LIMITED" (the same holds a fortiori in NONE); CUSTOM_FUNCTION
 * has no UI at all. The error texts are the runtime's own (UNCONFIRMED wording).
 */
const Button = gasEnum('Button', ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const);
const ButtonSet = gasEnum('ButtonSet', ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const);

/** Fixed width of add-on sidebars: setWidth has no effect on them (docs/apps-script/services.md §9). */
export const SIDEBAR_WIDTH = 300;

function requireDialogs(ctx: RuntimeContext, method: string): void {
  const mode = ctx.execution.authMode;
  if (mode !== 'FULL') {
    throw gasError(`Add-ons can't open sidebars or dialogs while executing in AuthMode.${mode} (${method}).`);
  }
}

function requireMenus(ctx: RuntimeContext, method: string): void {
  const mode = ctx.execution.authMode;
  if (mode === 'CUSTOM_FUNCTION') throw gasError(`You do not have permission to call ${method}. (AuthMode.${mode})`);
}

interface MenuModel {
  kind: 'addon' | 'custom';
  caption: string | null;
  entries: (
    { type: 'item'; caption: string; functionName: string } | { type: 'separator' } | { type: 'submenu'; menu: Menu }
  )[];
}

export class Menu extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly uiLog: UiLog,
    private readonly model: MenuModel,
  ) {
    super(ctx);
  }

  /** functionName: "the name of the function to invoke when the user selects the item". */
  addItem(...args: unknown[]): Menu {
    const [caption, functionName] = args;
    if (args.length !== 2 || typeof caption !== 'string' || typeof functionName !== 'string') {
      throw signatureError(args, 'Menu.addItem');
    }
    this.model.entries.push({ type: 'item', caption, functionName });
    return this;
  }

  addSeparator(): Menu {
    this.model.entries.push({ type: 'separator' });
    return this;
  }

  addSubMenu(...args: unknown[]): Menu {
    const [menu] = args;
    if (args.length !== 1 || !(menu instanceof Menu)) throw signatureError(args, 'Menu.addSubMenu');
    this.model.entries.push({ type: 'submenu', menu });
    return this;
  }

  /** "The menu isn't actually updated until Menu.addToUi() is called"; a later addToUi replaces it. */
  addToUi(): void {
    requireMenus(this.ctx, 'Menu.addToUi');
    this.uiLog._recordMenu({
      kind: this.model.kind,
      caption: this.model.caption,
      items: this._entries(),
      atMs: this.ctx.now(),
    });
  }

  /** A snapshot of the entries as plain data (submenus as they are now). */
  _entries(): MenuEntry[] {
    return this.model.entries.map((entry): MenuEntry => {
      if (entry.type !== 'submenu') return { ...entry };
      return { type: 'submenu', caption: entry.menu.model.caption ?? '', items: entry.menu._entries() };
    });
  }
}
defineGasClass(Menu, 'Base', 'Menu');

export class PromptResponse extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly text: string,
    private readonly button: GasEnumValue,
  ) {
    super(ctx);
  }
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): GasEnumValue {
    return this.button;
  }
}
defineGasClass(PromptResponse, 'Base', 'PromptResponse');

type DialogArgs = { title: string; prompt: string; buttonSet: UiButtonSetName };

class Ui extends GasObject {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    ctx: RuntimeContext,
    private readonly uiLog: UiLog,
  ) {
    super(ctx);
  }

  /** "a builder that can be used to insert a sub-menu into the editor's Extensions menu". */
  createAddonMenu(): Menu {
    requireMenus(this.ctx, 'Ui.createAddonMenu');
    return new Menu(this.ctx, this.uiLog, { kind: 'addon', caption: null, entries: [] });
  }

  createMenu(...args: unknown[]): Menu {
    const [caption] = args;
    if (args.length !== 1 || typeof caption !== 'string') throw signatureError(args, 'Ui.createMenu');
    requireMenus(this.ctx, 'Ui.createMenu');
    return new Menu(this.ctx, this.uiLog, { kind: 'custom', caption, entries: [] });
  }

  /** Replaces any open sidebar; the width is always 300 whatever setWidth said. Does not suspend the script. */
  showSidebar(...args: unknown[]): void {
    const [output] = args;
    if (args.length !== 1 || !(output instanceof HtmlOutput)) throw signatureError(args, 'Ui.showSidebar');
    requireDialogs(this.ctx, 'Ui.showSidebar');
    const { title, html } = output._snapshot();
    this.uiLog._recordSidebar({ title, html, width: SIDEBAR_WIDTH, atMs: this.ctx.now() });
  }

  /** The title argument "overrides any title set by calling setTitle()" (docs/apps-script/services.md §9). */
  showModalDialog(...args: unknown[]): void {
    this._showDialog('modal', args, 'Ui.showModalDialog');
  }

  showModelessDialog(...args: unknown[]): void {
    this._showDialog('modeless', args, 'Ui.showModelessDialog');
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) → the Button clicked. */
  alert(...args: unknown[]): GasEnumValue {
    const request = this._dialogArgs(args, 'Ui.alert');
    requireDialogs(this.ctx, 'Ui.alert');
    const record = this.uiLog._answerAlert({ ...request, atMs: this.ctx.now() });
    return Button[record.button];
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons) → PromptResponse. */
  prompt(...args: unknown[]): PromptResponse {
    const request = this._dialogArgs(args, 'Ui.prompt');
    requireDialogs(this.ctx, 'Ui.prompt');
    const record = this.uiLog._answerPrompt({ ...request, atMs: this.ctx.now() });
    return new PromptResponse(this.ctx, record.responseText ?? '', Button[record.button]);
  }

  showDialog(): never {
    throw notSupported('Ui.showDialog (deprecated; use showModalDialog)');
  }

  _showDialog(kind: 'modal' | 'modeless', args: readonly unknown[], method: string): void {
    const [output, title] = args;
    if (args.length !== 2 || !(output instanceof HtmlOutput) || typeof title !== 'string') {
      throw signatureError(args, method);
    }
    requireDialogs(this.ctx, method);
    const snapshot = output._snapshot();
    this.uiLog._recordDialog({
      kind,
      title,
      html: snapshot.html,
      width: snapshot.width,
      height: snapshot.height,
      atMs: this.ctx.now(),
    });
  }

  _dialogArgs(args: readonly unknown[], method: string): DialogArgs {
    const isButtonSet = (value: unknown): value is GasEnumValue =>
      value instanceof GasEnumValue && value.enumName === 'ButtonSet';
    const [a, b, c] = args;
    if (args.length === 1 && typeof a === 'string') return { title: '', prompt: a, buttonSet: 'OK' };
    if (args.length === 2 && typeof a === 'string' && isButtonSet(b)) {
      return { title: '', prompt: a, buttonSet: b.key as UiButtonSetName };
    }
    if (args.length === 3 && typeof a === 'string' && typeof b === 'string' && isButtonSet(c)) {
      return { title: a, prompt: b, buttonSet: c.key as UiButtonSetName };
    }
    throw signatureError(args, method);
  }
}
defineGasClass(Ui, 'Base', 'Ui');

export type { UiButtonName };

/** SpreadsheetApp.getUi() returns the same Ui object each time (one per runtime). */
export function createUi(ctx: RuntimeContext): { getUi: () => object; uiLog: UiLog } {
  const uiLog = new UiLog();
  const ui = new Ui(ctx, uiLog);
  return { getUi: () => ui, uiLog };
}
