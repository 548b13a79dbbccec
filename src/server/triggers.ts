import { buildAddonMenu } from './menu';
import { handleEdit } from './edits/on-edit';

/** Runs on every open; may be AuthMode.NONE, so it only builds the menu (no workbook access). */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildAddonMenu();
}

/** Runs once when the add-on is installed from the store; the standard pattern delegates to onOpen. */
export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/**
 * The onEdit simple trigger: a user typed, pasted or deleted in the sheet (script writes never fire it). It
 * runs in AuthMode.LIMITED with no UI, so it never throws: whatever fails is logged to the console, and the
 * edit stays as the user made it. What it does is in src/server/edits/on-edit.ts and README "Edits by hand".
 */
export function onEdit(event?: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    handleEdit(event);
  } catch (error) {
    console.error(`onEdit failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
