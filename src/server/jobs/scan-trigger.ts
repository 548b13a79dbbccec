import type { DocumentPropertiesSnapshot } from '../workbook/layout';

/**
 * The one time-driven trigger of the daily scan (docs/product-rules.md §5). An add-on may own one time-driven trigger per
 * user per document (docs/apps-script/services.md §1), and one scan per workbook is wanted, so who owns it
 * is recorded in document properties: everyone sees who runs the scan, and a second user is told instead
 * of creating another. While a very large workbook needs more than one execution, the same trigger is
 * switched to hourly and back to daily when the work is done (no extra one-off trigger).
 */
export const SCAN_HANDLER = 'runDailyScanTrigger';
export const SCAN_OWNER_PROPERTY = 'crm.scan.owner';
export const SCAN_MODE_PROPERTY = 'crm.scan.mode';

export type ScanMode = 'daily' | 'hourly';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** This user's scan trigger in this document, if any (other users' triggers are invisible to a script). */
export function myScanTrigger(spreadsheet: Spreadsheet): GoogleAppsScript.Script.Trigger | null {
  return (
    ScriptApp.getUserTriggers(spreadsheet).find((trigger) => trigger.getHandlerFunction() === SCAN_HANDLER) ?? null
  );
}

export function scanOwner(properties: DocumentPropertiesSnapshot): string | null {
  return properties.values[SCAN_OWNER_PROPERTY] || null;
}

/** Creates the trigger for `mode`, replacing this user's existing one (a trigger can't be modified). */
export function installScanTrigger(
  spreadsheet: Spreadsheet,
  properties: DocumentPropertiesSnapshot,
  mode: ScanMode,
  hour: number,
  timeZone: string,
  ownerEmail: string,
): void {
  const existing = myScanTrigger(spreadsheet);
  if (existing) ScriptApp.deleteTrigger(existing);
  const builder = ScriptApp.newTrigger(SCAN_HANDLER).timeBased();
  if (mode === 'daily') builder.everyDays(1).atHour(hour).inTimezone(timeZone).create();
  else builder.everyHours(1).create();
  properties.set(SCAN_OWNER_PROPERTY, ownerEmail);
  properties.set(SCAN_MODE_PROPERTY, mode);
}

export function removeScanTrigger(spreadsheet: Spreadsheet, properties: DocumentPropertiesSnapshot): boolean {
  const existing = myScanTrigger(spreadsheet);
  if (existing) ScriptApp.deleteTrigger(existing);
  properties.set(SCAN_OWNER_PROPERTY, '');
  properties.set(SCAN_MODE_PROPERTY, '');
  return existing !== null;
}
