import { LANGUAGES, isLanguage, languageFromLocale, type Language } from '../../shared/i18n/language';
import { catalogue, translatorFor, type MessageKey } from '../../shared/i18n/translate';
import type { InstallOptions, InstallRequest, InstallSummary, PageMessages } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { LANGUAGE_PROPERTY } from '../platform/language';
import { installWorkbook, type InstallReport } from '../install/install-workbook';
import { loadDocumentProperties } from '../workbook/layout';
import { BusyError } from '../workbook/lock';
import { showDialog } from '../ui/sidebar';

const INSTALL_MESSAGES: readonly MessageKey[] = [
  'install.title',
  'install.intro',
  'install.languageLabel',
  'install.languageHelp',
  'install.submit',
  'common.loading',
  'common.close',
];

/**
 * Menu: Install / repair workbook. The first time it asks the language in a small dialog (default from
 * the user's locale); afterwards it repairs straight away in the stored language and says what it did.
 */
export function showInstall(): void {
  const properties = loadDocumentProperties();
  const stored = properties.values[LANGUAGE_PROPERTY];
  if (isLanguage(stored)) {
    const report = installWorkbook(stored);
    const t = translatorFor(report.language);
    SpreadsheetApp.getUi().alert(
      t('install.title'),
      summaryLines(report).join('\n'),
      SpreadsheetApp.getUi().ButtonSet.OK,
    );
    return;
  }
  const language = languageFromLocale(Session.getActiveUserLocale());
  showDialog('install', translatorFor(language)('install.title'), 420, 320);
}

export function getInstallOptions(): ActionResult<InstallOptions> {
  const properties = loadDocumentProperties();
  const stored = properties.values[LANGUAGE_PROPERTY];
  const language: Language = isLanguage(stored) ? stored : languageFromLocale(Session.getActiveUserLocale());
  const all = catalogue(language);
  const messages: PageMessages = {};
  for (const key of INSTALL_MESSAGES) messages[key] = all[key];
  return ok({ languages: [...LANGUAGES], defaultLanguage: language, messages });
}

/** google.script.run: installs or repairs in the chosen language. Validates its input itself. */
export function runInstall(request: unknown): ActionResult<InstallSummary> {
  const language = (request as Partial<InstallRequest> | null)?.language;
  if (!isLanguage(language)) {
    const fallback = languageFromLocale(Session.getActiveUserLocale());
    return fail('validation', translatorFor(fallback)('error.language'), {
      language: translatorFor(fallback)('error.language'),
    });
  }
  try {
    const report = installWorkbook(language);
    return ok({ language: report.language, unchanged: report.unchanged, lines: summaryLines(report) });
  } catch (error) {
    if (error instanceof BusyError) return fail('busy', translatorFor(language)('error.busy'));
    throw error;
  }
}

/** A report as sentences in the workbook's language. */
export function summaryLines(report: InstallReport): string[] {
  const t = translatorFor(report.language);
  if (report.unchanged) return [t('install.nothingToDo')];
  const lines = [report.firstInstall ? t('install.done') : t('install.repaired')];
  const created = report.tables.filter((table) => table.createdSheet).map((table) => table.sheetName);
  if (created.length > 0) lines.push(t('install.summary.created', { sheets: created.join(', ') }));
  for (const table of report.tables) {
    if (table.foreignSheet)
      lines.push(t('install.summary.foreign', { sheet: table.foreignSheet, target: table.sheetName }));
    if (!table.createdSheet && table.addedColumns.length > 0) {
      lines.push(t('install.summary.columns', { sheet: table.sheetName, columns: table.addedColumns.join(', ') }));
    }
  }
  if (report.settingsAdded > 0 && !report.firstInstall)
    lines.push(t('install.summary.settings', { count: report.settingsAdded }));
  if (report.teamMemberAdded) lines.push(t('install.summary.team', { email: report.teamMemberAdded }));
  return lines;
}
