import type { MessageKey } from '../shared/i18n/translate';
import { translatorFor } from '../shared/i18n/translate';
import { menuLanguage } from './platform/language';

/**
 * The add-on menu, as data: each item names the exported entry point it runs. A test checks that every
 * `functionName` is a global of the built Code.js, so the menu can only offer actions that exist.
 */
export type MenuEntry = { label: MessageKey; functionName: string } | 'separator';

export const MENU: readonly MenuEntry[] = [
  { label: 'menu.newCustomer', functionName: 'showNewCustomer' },
  { label: 'menu.needsAnalysis', functionName: 'showNeedsAnalysis' },
  { label: 'menu.logFollowUp', functionName: 'showLogFollowUp' },
  { label: 'menu.newTicket', functionName: 'showNewTicket' },
  { label: 'menu.updateTicket', functionName: 'showTicketWorkflow' },
  { label: 'menu.survey', functionName: 'showSurvey' },
  { label: 'menu.myDay', functionName: 'showMyDay' },
  { label: 'menu.gradeAll', functionName: 'gradeAllCustomers' },
  { label: 'menu.managerViews', functionName: 'createManagerViews' },
  { label: 'menu.refreshDashboard', functionName: 'refreshDashboard' },
  { label: 'menu.runScanNow', functionName: 'runDailyScanNow' },
  { label: 'menu.toggleScan', functionName: 'toggleDailyScan' },
  { label: 'menu.recordTransaction', functionName: 'showRecordTransaction' },
  { label: 'menu.importCsv', functionName: 'showImport' },
  { label: 'menu.exportCsv', functionName: 'showExport' },
  'separator',
  { label: 'menu.install', functionName: 'showInstall' },
  { label: 'menu.about', functionName: 'showAbout' },
];

/**
 * Builds the menu without touching the workbook, so it works in every auth mode, including NONE for an
 * add-on not yet used in this document (apps-script-facts services.md §2).
 */
export function buildAddonMenu(): void {
  const t = translatorFor(menuLanguage());
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const entry of MENU) {
    if (entry === 'separator') menu.addSeparator();
    else menu.addItem(t(entry.label), entry.functionName);
  }
  menu.addToUi();
}
