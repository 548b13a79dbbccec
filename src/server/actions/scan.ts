import { languageFromLocale } from '../../shared/i18n/language';
import { translatorFor } from '../../shared/i18n/translate';
import { runScan, saveLastScan, type ScanResult } from '../jobs/daily-scan';
import { appendLog } from '../workbook/log';
import { installScanTrigger, myScanTrigger, removeScanTrigger, scanOwner } from '../jobs/scan-trigger';
import { readSettings } from '../workbook/settings';
import { actionContext, asActionFailure, ensureInstalled, underLock } from './context';

/**
 * Menu: Daily scan on/off. Shows the current state and asks before switching: on installs the one daily
 * trigger (at the Settings digest hour, in the spreadsheet's zone), off removes it. Clicked twice or by two
 * users it never makes a second trigger: a user who doesn't own the scan is told who does.
 */
export function toggleDailyScan(): void {
  const context = actionContext();
  const ui = SpreadsheetApp.getUi();
  const { t } = context;
  let message: string;
  try {
    message = underLock(context, () => {
      ensureInstalled(context);
      const { properties, spreadsheet, userEmail, zone } = context;
      if (!userEmail) return t('scan.unknownUser');
      const owner = scanOwner(properties);
      if (owner && owner !== userEmail) return t('scan.ownedByOther', { email: owner });
      if (owner === userEmail && myScanTrigger(spreadsheet)) {
        const answer = ui.alert(t('scan.title'), t('scan.confirmOff', { email: userEmail }), ui.ButtonSet.YES_NO);
        if (answer !== ui.Button.YES) return t('scan.unchanged');
        removeScanTrigger(spreadsheet, properties);
        return t('scan.turnedOff');
      }
      const settings = readSettings(properties, spreadsheet, zone).values;
      const hour = settings.digestHour;
      const answer = ui.alert(
        t('scan.title'),
        t('scan.confirmOn', { hour, timeZone: zone.name, email: userEmail }),
        ui.ButtonSet.YES_NO,
      );
      if (answer !== ui.Button.YES) return t('scan.unchanged');
      try {
        installScanTrigger(spreadsheet, properties, 'daily', hour, zone.name, userEmail);
      } catch (error) {
        return t('scan.tooManyTriggers', { message: error instanceof Error ? error.message : String(error) });
      }
      return t('scan.turnedOn', { hour, timeZone: zone.name, email: userEmail });
    });
  } catch (error) {
    const failure = asActionFailure(error, t);
    message = failure.ok ? '' : failure.error.message;
  }
  ui.alert(t('scan.title'), message, ui.ButtonSet.OK);
}

/** Menu: Run daily scan now (as the clicking user; their mail quota sends the digests). */
export function runDailyScanNow(): void {
  const context = actionContext();
  const result = scanUnderLock(context);
  const ui = SpreadsheetApp.getUi();
  ui.alert(context.t('scan.title'), result.message, ui.ButtonSet.OK);
}

/**
 * The time-driven trigger's handler. Checks authorization first: an add-on trigger still fires when the
 * add-on needs re-authorization but fails at the first service it may no longer use
 * (docs/apps-script/services.md §1), so it stops cleanly and says why.
 */
export function runDailyScanTrigger(_event?: GoogleAppsScript.Events.TimeDriven): void {
  const status = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus();
  if (status === ScriptApp.AuthorizationStatus.REQUIRED) {
    const t = translatorFor(languageFromLocale(Session.getActiveUserLocale()));
    console.warn(t('scan.authorizationRequired'));
    recordAuthorizationRequired();
    return;
  }
  scanUnderLock(actionContext());
}

/**
 * Leaves a Log row and the last-scan status when it can: usually only a scope added by an update is
 * missing and the spreadsheet can still be written; if not, the console line above is all there is.
 */
function recordAuthorizationRequired(): void {
  try {
    const context = actionContext();
    const message = context.t('scan.authorizationRequired');
    const totals = { changedCells: 0, createdActions: 0, mailsSent: 0, rowsExamined: 0, mailShortfall: [] };
    underLock(context, () => {
      saveLastScan(context, false, message, totals);
      appendLog(
        {
          startedMs: context.nowMs,
          action: 'dailyScan',
          user: context.userEmail,
          rowsExamined: 0,
          rowsChanged: 0,
          durationMs: 0,
          result: 'failed',
          details: message,
        },
        context.properties,
        context.spreadsheet,
        context.language,
      );
    });
  } catch (error) {
    console.warn(`no Log row: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function scanUnderLock(context: ReturnType<typeof actionContext>): ScanResult {
  try {
    // The scan is long: wait up to 30 s for a sidebar save to finish rather than skipping a day.
    return underLock(
      context,
      () => {
        ensureInstalled(context);
        return runScan(context);
      },
      30000,
    );
  } catch (error) {
    const failure = asActionFailure(error, context.t);
    return {
      ok: false,
      continued: false,
      totals: { changedCells: 0, createdActions: 0, mailsSent: 0, rowsExamined: 0, mailShortfall: [] },
      message: failure.ok ? '' : failure.error.message,
    };
  }
}
