/// <reference types="google-apps-script" />
import type { LocalRuntime } from '../../src/local/runtime';

/**
 * Typed access to a runtime's services through the real Apps Script API (the @types/google-apps-script
 * declarations), for test set-up and assertions. These calls are metered like a script's: reset the meter
 * after using them.
 */
export type SpreadsheetAppT = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
export type SpreadsheetT = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type SheetT = GoogleAppsScript.Spreadsheet.Sheet;

export function spreadsheetOf(runtime: LocalRuntime): SpreadsheetT {
  return (runtime.globals.SpreadsheetApp as SpreadsheetAppT).getActiveSpreadsheet();
}

export function documentProperties(runtime: LocalRuntime): GoogleAppsScript.Properties.Properties {
  const service = runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService;
  const store = service.getDocumentProperties();
  if (!store) throw new Error('no document properties');
  return store;
}

/** Installs the runtime's services as globals of this test file, so server modules can run in-process. */
export function useRuntimeGlobals(runtime: LocalRuntime): void {
  Object.assign(globalThis, runtime.globals);
}

/** Column key → 1-based column, read from the developer metadata stamped on the sheet's columns. */
export function stampedColumnsOf(sheet: SheetT): Record<string, number> {
  const out: Record<string, number> = {};
  for (const metadata of sheet.createDeveloperMetadataFinder().withKey('crm.column').find()) {
    const column = metadata.getLocation().getColumn();
    if (column) out[metadata.getValue() ?? ''] = column.getColumn();
  }
  return out;
}

export function sheetForTable(spreadsheet: SpreadsheetT, table: string): SheetT {
  const found = spreadsheet.createDeveloperMetadataFinder().withKey('crm.table').withValue(table).find();
  const sheet = found[0]?.getLocation().getSheet();
  if (!sheet) throw new Error(`no sheet stamped for table ${table}`);
  return sheet;
}
