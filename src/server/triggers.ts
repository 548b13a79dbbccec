import { buildAddonMenu } from './menu';

/** Runs on every open; may be AuthMode.NONE, so it only builds the menu (no workbook access). */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildAddonMenu();
}

/** Runs once when the add-on is installed from the store; the standard pattern delegates to onOpen. */
export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}
