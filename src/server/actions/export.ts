import type { ExportFile, ExportOptions } from '../../shared/csv/contract';
import { tableRows } from '../../shared/csv/table';
import { toCsv } from '../../shared/csv/write';
import type { MessageKey } from '../../shared/i18n/translate';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { formatLocal } from '../../shared/time/local';
import { isTableKey, TEMPLATES, type TableKey } from '../../shared/schema/templates';
import { readTable } from '../workbook/table';
import { isActiveManager, readTeam } from '../workbook/team';
import { showSidebar } from '../ui/sidebar';
import { actionContext, asActionFailure, ensureInstalled, type ActionContext, underLock } from './context';
import { pageMessages } from './submission';

/**
 * Export CSV (docs/product-rules.md §7, §2 Access): any table as CSV text, which the sidebar turns into a UTF-8 file with
 * BOM (opens correctly in Excel) and downloads. Offered to managers only (team role manager): a
 * convenience, not security, since everyone the spreadsheet is shared with can read every row anyway.
 */
const EXPORT_MESSAGES: readonly MessageKey[] = [
  'export.title',
  'export.intro',
  'export.table',
  'export.submit',
  'export.working',
  'export.done',
  'export.accessNote',
  'common.loading',
];

/** Tables that can be exported: every table with columns (the dashboard is a report, not a table). */
const EXPORTABLE: readonly TableKey[] = (Object.keys(TEMPLATES) as TableKey[]).filter(
  (key) => TEMPLATES[key].kind !== 'dashboard' && TEMPLATES[key].columns.length > 0,
);

/** Menu: Export CSV. */
export function showExport(): void {
  showSidebar('export', actionContext().t('export.title'));
}

function isManager(context: ActionContext): boolean {
  return isActiveManager(readTeam(context.properties, context.spreadsheet), context.userEmail);
}

/** google.script.run: the tables offered (managers only). */
export function getExportOptions(): ActionResult<ExportOptions> {
  const context = actionContext();
  try {
    return underLock(context, () => {
      ensureInstalled(context);
      if (!isManager(context)) return fail<ExportOptions>('forbidden', context.t('export.managersOnly'));
      return ok({
        language: context.language,
        tables: EXPORTABLE.map((key) => ({ key, label: TEMPLATES[key].sheetName[context.language] })),
        messages: pageMessages(context.language, EXPORT_MESSAGES),
      });
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/** google.script.run: one table as CSV text (one read of the table), for managers. */
export function exportTable(request: unknown): ActionResult<ExportFile> {
  const context = actionContext();
  const table = typeof request === 'object' && request !== null ? (request as Record<string, unknown>).table : null;
  if (!isTableKey(table) || !EXPORTABLE.includes(table)) return fail('validation', context.t('export.badTable'));
  try {
    return underLock(context, () => {
      ensureInstalled(context);
      if (!isManager(context)) return fail<ExportFile>('forbidden', context.t('export.managersOnly'));
      const template = TEMPLATES[table];
      const read = readTable(template, context.properties, context.spreadsheet);
      const rows = tableRows(template, read.records, context.language, context.zone);
      const day = formatLocal(context.nowMs, context.zone, 'date');
      return ok({
        fileName: `${read.layout.sheetName}-${day}.csv`.replace(/[\\/:*?"<>|]/g, '_'),
        csv: toCsv(rows),
        rows: read.records.length,
      });
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}
