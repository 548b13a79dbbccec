import type { Translator } from '../../shared/i18n/translate';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import {
  managerViewSpecs,
  planViewSync,
  VIEW_TABLES,
  type FilterViewJson,
  type SheetViews,
  type ViewLayout,
  type ViewRequest,
  type ViewTable,
} from '../../shared/rules/views';
import { TEMPLATES } from '../../shared/schema/templates';
import { layoutFromCache, quotedA1, readCachedLayout, type TableLayout } from '../workbook/layout';
import { withDocumentLock } from '../workbook/lock';
import { readTable } from '../workbook/table';
import { readTeam } from '../workbook/team';
import { actionContext, asActionFailure, ensureInstalled, type ActionContext } from './context';

/**
 * Menu: Create manager views (docs/product-rules.md §4, issue 6). Named filter views exist only in the Advanced Sheets
 * service (docs/apps-script/filter-views-and-charts.md §4): ONE spreadsheets.get lists the views per sheet, ONE batchUpdate
 * adds, updates and deletes ours by title (src/shared/rules/views.ts decides which).
 */

/** The view titles each step touched, in the workbook language. */
export interface ViewsReport {
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: string[];
}

/** Only what this action uses of the Advanced service, typed with our own JSON shapes. */
interface SheetsSpreadsheetsApi {
  get(spreadsheetId: string, optionalArgs: { fields: string }): { sheets?: SpreadsheetSheetJson[] };
  batchUpdate(resource: { requests: ViewRequest[] }, spreadsheetId: string): unknown;
}

interface SpreadsheetSheetJson {
  properties?: { sheetId?: number; title?: string };
  filterViews?: FilterViewJson[];
}

/** The API leaves `filterViews` out for a sheet without any, and a sheetId of 0 too (§2). */
const VIEW_FIELDS = 'sheets(properties(sheetId,title),filterViews)';

function sheetsApi(): SheetsSpreadsheetsApi | null {
  // The global is absent when the project has no Advanced Sheets service (typings declare it possibly undefined).
  if (typeof Sheets === 'undefined' || !Sheets) return null;
  return Sheets.Spreadsheets as unknown as SheetsSpreadsheetsApi;
}

/** A GoogleJsonResponseException from the Advanced service ("API call to sheets… failed with error: …"). */
function isApiError(error: unknown): error is Error {
  return error instanceof Error && /^API call to sheets\./.test(error.message);
}

/**
 * Where a table's columns are now. Views need the header row only, so the common path reads just that row
 * and checks it against the cached layout (the check readTable makes); anything else (no cache, header
 * changed, sheet renamed, a column missing) goes through readTable, which re-resolves or throws as usual.
 */
function currentLayout(table: ViewTable, context: ActionContext): TableLayout {
  const template = TEMPLATES[table];
  const { properties, spreadsheet } = context;
  const cached = readCachedLayout(template, properties);
  if (cached) {
    let header: unknown[] | undefined;
    try {
      header = spreadsheet.getRange(quotedA1(cached.sheetName, '1:1')).getValues()[0];
    } catch {
      header = undefined; // the sheet was renamed or deleted
    }
    const layout = header ? layoutFromCache(template, cached, header) : null;
    const hidden = new Set(template.columns.filter((column) => column.hidden).map((column) => column.key));
    if (layout && layout.missing.every((key) => hidden.has(key))) return layout;
  }
  return readTable(template, properties, spreadsheet).layout;
}

/** Brings the CRM's filter views to the wanted set; expected failures come back as values. */
export function syncManagerViews(context: ActionContext): ActionResult<ViewsReport> {
  const api = sheetsApi();
  if (!api) return fail('notInstalled', context.t('views.advancedOff'));
  try {
    return withDocumentLock(() => {
      ensureInstalled(context);
      const { properties, spreadsheet } = context;
      const layouts = {} as Record<ViewTable, ViewLayout>;
      for (const table of VIEW_TABLES) {
        const layout = currentLayout(table, context);
        layouts[table] = { sheetId: layout.sheetId, columns: layout.columns };
      }
      const team = readTeam(properties, spreadsheet);
      const specs = managerViewSpecs({ language: context.language, t: context.t, layouts, team });
      const spreadsheetId = spreadsheet.getId();
      const resource = api.get(spreadsheetId, { fields: VIEW_FIELDS });
      const sheets: SheetViews[] = (resource.sheets ?? []).map((sheet) => ({
        sheetId: sheet.properties?.sheetId ?? 0,
        filterViews: sheet.filterViews ?? [],
      }));
      const managed = VIEW_TABLES.map((table) => layouts[table].sheetId);
      const plan = planViewSync(specs, sheets, managed);
      if (plan.requests.length > 0) api.batchUpdate({ requests: plan.requests }, spreadsheetId);
      return ok({ created: plan.created, updated: plan.updated, deleted: plan.deleted, unchanged: plan.unchanged });
    });
  } catch (error) {
    // batchUpdate is atomic: a refused request changed nothing (§2).
    if (isApiError(error)) return fail('conflict', context.t('views.apiError', { message: error.message }));
    return asActionFailure(error, context.t);
  }
}

/** The alert text: what was created, updated and deleted, title by title. */
export function reportLines(report: ViewsReport, t: Translator): string[] {
  const changed = report.created.length + report.updated.length + report.deleted.length;
  if (changed === 0) return [t('views.nothingChanged', { count: report.unchanged.length })];
  const lines: string[] = [];
  const section = (key: 'views.created' | 'views.updated' | 'views.deleted', titles: readonly string[]) => {
    if (titles.length === 0) return;
    lines.push(t(key, { count: titles.length }), ...titles.map((title) => `  • ${title}`));
  };
  section('views.created', report.created);
  section('views.updated', report.updated);
  section('views.deleted', report.deleted);
  if (report.unchanged.length > 0) lines.push(t('views.unchanged', { count: report.unchanged.length }));
  if (report.created.length + report.updated.length > 0) lines.push('', t('views.howToOpen'));
  return lines;
}

/** Menu: Create manager views. Answers with an alert in the workbook language. */
export function createManagerViews(): void {
  const context = actionContext();
  const result = syncManagerViews(context);
  const ui = SpreadsheetApp.getUi();
  const message = result.ok ? reportLines(result.value, context.t).join('\n') : result.error.message;
  ui.alert(context.t('views.title'), message, ui.ButtonSet.OK);
}
