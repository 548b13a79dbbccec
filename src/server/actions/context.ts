import type { Language } from '../../shared/i18n/language';
import { languageFromLocale } from '../../shared/i18n/language';
import { translatorFor, type Translator } from '../../shared/i18n/translate';
import { fail, type ActionResult } from '../../shared/rpc/result';
import type { Zone } from '../../shared/time/zone';
import { installWorkbook, isInstalled, outdatedTables } from '../install/install-workbook';
import { workbookLanguage } from '../platform/language';
import { checkedZone } from '../platform/zone';
import { TIME_ZONE_PROPERTY } from '../workbook/keys';
import { loadDocumentProperties, type DocumentPropertiesSnapshot } from '../workbook/layout';
import { BusyError, withDocumentLock } from '../workbook/lock';
import { MissingColumnsError, TableNotFoundError } from '../workbook/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What every user action needs, gathered once per execution. */
export interface ActionContext {
  spreadsheet: Spreadsheet;
  properties: DocumentPropertiesSnapshot;
  language: Language;
  t: Translator;
  zone: Zone;
  nowMs: number;
  /**
   * The rep using the sidebar, lower case; '' when Apps Script can't tell (docs/apps-script/services.md §7). Asked for on first
   * use (two calls), so an action that never needs it (a survey for a customer with an owner) spends none.
   */
  readonly userEmail: string;
}

export function actionContext(): ActionContext {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const properties = loadDocumentProperties();
  const language = workbookLanguage(properties.values);
  const nowMs = Date.now();
  let email: string | null = null;
  const timeZone = spreadsheetTimeZone(spreadsheet, properties);
  // Intl's zone data is checked against Utilities once per zone and remembered, not once per save.
  const zone = checkedZone(timeZone, nowMs, properties);
  return {
    spreadsheet,
    properties,
    language,
    t: translatorFor(language),
    zone,
    nowMs,
    get userEmail(): string {
      email = email ?? Session.getActiveUser().getEmail().toLowerCase();
      return email;
    },
  };
}

/**
 * The spreadsheet's time zone, remembered in document properties so a sidebar save doesn't spend a call on
 * it; install/repair and the daily scan refresh it (a change of the file's time zone is rare).
 */
export function spreadsheetTimeZone(spreadsheet: Spreadsheet, properties: DocumentPropertiesSnapshot): string {
  const remembered = properties.values[TIME_ZONE_PROPERTY];
  if (remembered) return remembered;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  properties.set(TIME_ZONE_PROPERTY, timeZone);
  return timeZone;
}

/**
 * Install / repair is the first step of every other action when the workbook is not installed, or was installed
 * from older templates than this build's (an add-on update that added columns). Call under the document lock.
 */
export function ensureInstalled(context: ActionContext): void {
  if (!needsInstall(context.properties)) return;
  // A first install takes the user's language; an upgrade (templates newer than the workbook's) is a repair in
  // the workbook's own language, so the user's next save adds the new columns instead of failing on them.
  const installed = isInstalled(context.properties);
  const outdated = installed ? outdatedTables(context.properties) : [];
  const report = installWorkbook(installed ? null : languageFromLocale(Session.getActiveUserLocale()));
  if (installed) console.info(`Repaired tables from older templates: ${outdated.join(', ')}`);
  context.language = report.language;
  context.t = translatorFor(report.language);
  Object.assign(context.properties.values, loadDocumentProperties().values);
  // The install wrote through SpreadsheetApp, which buffers; the action may go on with the Sheets API
  // (targeted reads, batched writes), which would not see buffered changes.
  // eslint-disable-next-line no-restricted-properties -- once, after a first install, not per row
  SpreadsheetApp.flush();
}

/**
 * For actions that only read (opening a form, My day): installs under the lock when the workbook is not
 * installed, and otherwise costs nothing (no lock taken, no call).
 */
export function ensureInstalledForReading(context: ActionContext): void {
  if (needsInstall(context.properties)) withDocumentLock(() => ensureInstalled(context));
}

/** Not installed yet, or installed from older templates than this build's. */
function needsInstall(properties: DocumentPropertiesSnapshot): boolean {
  return !isInstalled(properties) || outdatedTables(properties).length > 0;
}

/**
 * Runs a sidebar write (a save, an update) under the document lock with its context loaded *after* the lock is
 * acquired. Document properties hold the id serials and the layout cache; a snapshot taken before waiting for
 * the lock would miss what the execution holding it wrote (its serial: a second save would hand out the same
 * id). So the lock comes first and everything the body reads is fresh; input is validated inside the body.
 * When the lock can't be had, the busy answer is worded in the workbook's language.
 */
export function lockedAction<T>(body: (context: ActionContext) => ActionResult<T>): ActionResult<T> {
  let context: ActionContext | null = null;
  try {
    return withDocumentLock(() => {
      const fresh = actionContext();
      context = fresh;
      // Property writes (an id serial, the My day journal) are held and sent in one call with the save's
      // sheet writes (WriteBatch.commit), or here when the body wrote no cells.
      fresh.properties.hold();
      const result = body(fresh);
      fresh.properties.sendHeld();
      return result;
    });
  } catch (error) {
    return asActionFailure(error, (context ?? actionContext()).t);
  }
}

/**
 * Runs `body` under the document lock for an action whose context was loaded before the lock (menu actions,
 * jobs, which may wait long for it): the document properties are read again once the lock is held, so ids,
 * cursors and the layout cache are the ones the previous holder left. One extra call; sidebar saves use
 * lockedAction instead, which costs none.
 */
export function underLock<T>(context: ActionContext, body: () => T, timeoutMs?: number): T {
  return withDocumentLock(() => {
    context.properties.reload();
    return body();
  }, timeoutMs);
}

/** Turns the expected failures of the workbook layer into localized results; bugs still throw. */
export function asActionFailure<T>(error: unknown, t: Translator): ActionResult<T> {
  if (error instanceof BusyError) return fail('busy', t('error.busy'));
  if (error instanceof MissingColumnsError) {
    const columns = error.columns.map((column) => column.key).join(', ');
    return fail('notInstalled', t('error.missingColumns', { sheet: error.sheetName, columns }));
  }
  if (error instanceof TableNotFoundError) return fail('notInstalled', t('error.notInstalled'));
  throw error;
}
