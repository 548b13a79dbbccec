import type { MessageKey } from '../shared/i18n/translate';
import { translatorFor } from '../shared/i18n/translate';
import { menuLanguage } from './platform/language';

/**
 * The add-on menu, as data: each item names the exported entry point it runs, grouped into submenus by who
 * uses it (a rep's daily forms, service, a manager's batch actions, data in and out, setup). A test checks
 * that every `functionName`, submenus included, is a global of the built Code.js, so the menu can only
 * offer actions that exist.
 */
export interface MenuItem {
  label: MessageKey;
  functionName: string;
}

export interface MenuGroup {
  label: MessageKey;
  items: readonly MenuEntry[];
}

export type MenuEntry = MenuItem | MenuGroup | 'separator';

export const MENU: readonly MenuEntry[] = [
  { label: 'menu.myDay', functionName: 'showMyDay' },
  'separator',
  {
    label: 'menu.group.sales',
    items: [
      { label: 'menu.newCustomer', functionName: 'showNewCustomer' },
      { label: 'menu.editCustomer', functionName: 'showEditCustomer' },
      { label: 'menu.mergeCustomers', functionName: 'showMergeCustomers' },
      { label: 'menu.needsAnalysis', functionName: 'showNeedsAnalysis' },
      { label: 'menu.logFollowUp', functionName: 'showLogFollowUp' },
      { label: 'menu.recordTransaction', functionName: 'showRecordTransaction' },
    ],
  },
  {
    label: 'menu.group.service',
    items: [
      { label: 'menu.newTicket', functionName: 'showNewTicket' },
      { label: 'menu.updateTicket', functionName: 'showTicketWorkflow' },
      { label: 'menu.survey', functionName: 'showSurvey' },
    ],
  },
  {
    label: 'menu.group.manager',
    items: [
      { label: 'menu.refreshDashboard', functionName: 'refreshDashboard' },
      { label: 'menu.managerViews', functionName: 'createManagerViews' },
      { label: 'menu.gradeAll', functionName: 'gradeAllCustomers' },
      { label: 'menu.runScanNow', functionName: 'runDailyScanNow' },
      { label: 'menu.reassign', functionName: 'showReassign' },
      { label: 'menu.archive', functionName: 'showArchive' },
    ],
  },
  {
    label: 'menu.group.data',
    items: [
      { label: 'menu.importCsv', functionName: 'showImport' },
      { label: 'menu.exportCsv', functionName: 'showExport' },
    ],
  },
  'separator',
  {
    label: 'menu.group.setup',
    items: [
      { label: 'menu.install', functionName: 'showInstall' },
      { label: 'menu.toggleScan', functionName: 'toggleDailyScan' },
    ],
  },
  { label: 'menu.about', functionName: 'showAbout' },
];

export function isMenuGroup(entry: MenuEntry): entry is MenuGroup {
  return entry !== 'separator' && 'items' in entry;
}

/** Every item of the menu, submenus included, in menu order. */
export function menuItems(entries: readonly MenuEntry[] = MENU): MenuItem[] {
  const out: MenuItem[] = [];
  for (const entry of entries) {
    if (entry === 'separator') continue;
    if (isMenuGroup(entry)) out.push(...menuItems(entry.items));
    else out.push(entry);
  }
  return out;
}

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;

function addEntries(ui: Ui, menu: Menu, entries: readonly MenuEntry[], t: (key: MessageKey) => string): Menu {
  for (const entry of entries) {
    if (entry === 'separator') menu.addSeparator();
    else if (isMenuGroup(entry)) menu.addSubMenu(addEntries(ui, ui.createMenu(t(entry.label)), entry.items, t));
    else menu.addItem(t(entry.label), entry.functionName);
  }
  return menu;
}

/**
 * Builds the menu without touching the workbook, so it works in every auth mode, including NONE for an
 * add-on not yet used in this document (docs/apps-script/services.md §2). Submenus are Ui.createMenu
 * builders passed to Menu.addSubMenu; only the add-on menu itself is added with addToUi.
 */
export function buildAddonMenu(): void {
  const t = translatorFor(menuLanguage());
  const ui = SpreadsheetApp.getUi();
  addEntries(ui, ui.createAddonMenu(), MENU, t).addToUi();
}
