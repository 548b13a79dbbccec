import { RuntimeContext } from '../../src/local/core/context';
import { createSpreadsheetService, type SpreadsheetServiceOptions } from '../../src/local/spreadsheet';

/** A fresh runtime context + spreadsheet service; the script-facing globals typed loosely on purpose. */
export function makeService(options: Partial<SpreadsheetServiceOptions> = {}) {
  const ctx = new RuntimeContext({
    startMs: Date.parse('2024-06-03T09:00:00+08:00'),
    user: { email: 'owner@example.com', locale: 'zh_CN' },
  });
  const ui = { kind: 'ui' };
  const service = createSpreadsheetService(ctx, { getUi: () => ui, ...options });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests drive the API like untyped Apps Script code
  const SpreadsheetApp = service.globals.SpreadsheetApp as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- same
  const Sheets = service.globals.Sheets as any;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheets()[0];
  return { ctx, service, SpreadsheetApp, Sheets, ss, sheet, ui, workbook: service.workbook };
}

/** The thrown error's message (and that it has Apps Script's shape). */
export { errorOf } from '../support/errors';
