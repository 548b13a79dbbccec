import type { RuntimeContext } from '../core/context';
import type { StatePart } from '../core/state';
import { createAdvancedSheets } from './advanced-sheets';
import type { Book } from './book';
import { SpreadsheetDrive } from './drive';
import { ChartsService } from './charts';
import { createWorkbookInspector, type WorkbookInspector } from './inspector';
import { NEW_SHEET_COLUMNS, NEW_SHEET_ROWS, SheetModel, type WorkbookModel } from './model';
import { workbookStatePart } from './persistence';
import { Range } from './range';
import { Sheet } from './sheet';
import { Spreadsheet } from './spreadsheet';
import { SpreadsheetAppService } from './spreadsheet-app';

export type { WorkbookInspector } from './inspector';
export { rowsVisibleInFilterView } from './filter-eval';

export interface SpreadsheetServiceOptions {
  /** SpreadsheetApp.getUi() delegates here (the Ui object is built by another helper). */
  getUi: () => object;
  /** defaults: a stable fake id, "Untitled spreadsheet" */
  id?: string;
  name?: string;
  /** default "Asia/Shanghai" */
  timeZone?: string;
  /** default "zh_CN" */
  locale?: string;
  /** getUrl(); default https://docs.google.com/spreadsheets/d/<id>/edit */
  url?: string;
  /** false = a project without the Advanced Sheets service: `globals.Sheets` is undefined. Default true. */
  advancedSheetsEnabled?: boolean;
}

export const DEFAULT_SPREADSHEET_ID = '1LocalRuntimeSpreadsheetId0000000000000000000';

function newWorkbook(options: SpreadsheetServiceOptions): WorkbookModel {
  const id = options.id ?? DEFAULT_SPREADSHEET_ID;
  return {
    id,
    name: options.name ?? 'Untitled spreadsheet',
    url: options.url ?? `https://docs.google.com/spreadsheets/d/${id}/edit`,
    timeZone: options.timeZone ?? 'Asia/Shanghai',
    locale: options.locale ?? 'zh_CN',
    // A new spreadsheet has one 1000×26 sheet "Sheet1" with gid 0.
    sheets: [new SheetModel(0, 'Sheet1', NEW_SHEET_ROWS, NEW_SHEET_COLUMNS)],
    activeSheetId: 0,
    activeRange: null,
    namedRanges: [],
    metadata: [],
    protections: [],
    toasts: [],
    counters: { sheet: 0, metadata: 0, protection: 0, filterView: 0, namedRange: 0 },
  };
}

export function createSpreadsheetService(
  ctx: RuntimeContext,
  options: SpreadsheetServiceOptions,
): {
  globals: { SpreadsheetApp: unknown; Sheets: unknown; Charts: unknown };
  state: StatePart;
  workbook: WorkbookInspector;
  spreadsheets: SpreadsheetsInspector;
} {
  const drive = new SpreadsheetDrive(
    ctx,
    {
      sheet: (b, model) => new Sheet(b, model),
      range: (b, model, coords) => new Range(b, model, coords),
      spreadsheet: (b) => new Spreadsheet(b),
    },
    newWorkbook(options),
  );
  const book = drive.bound;
  return {
    globals: {
      SpreadsheetApp: new SpreadsheetAppService(book, options.getUi, drive),
      Sheets: options.advancedSheetsEnabled === false ? undefined : createAdvancedSheets(book),
      Charts: new ChartsService(ctx),
    },
    state: workbookStatePart(drive),
    workbook: createWorkbookInspector(book),
    spreadsheets: spreadsheetsInspector(drive),
  };
}

/** Every spreadsheet of the runtime, for tests and the playground (not metered, not reachable from scripts). */
export interface SpreadsheetsInspector {
  /** Ids in creation order, the bound document first. */
  ids(): string[];
  /** The same views as `workbook`, on any spreadsheet of the runtime. */
  inspect(spreadsheetId: string): WorkbookInspector;
  /** Who may open it: null for the bound document (every user). */
  access(spreadsheetId: string): { owner: string; editors: string[] } | null;
  /** Shares a spreadsheet made with SpreadsheetApp.create with a user, as its owner would in Drive. */
  share(spreadsheetId: string, email: string): void;
}

function spreadsheetsInspector(drive: SpreadsheetDrive): SpreadsheetsInspector {
  const bookOf = (id: string): Book => {
    const book = drive.byId(id);
    if (!book) throw new Error(`no spreadsheet with id ${id}`);
    return book;
  };
  return {
    ids: () => drive.all().map((b) => b.model.id),
    inspect: (id) => createWorkbookInspector(bookOf(id)),
    access: (id) => {
      const access = bookOf(id).model.access;
      return access ? { owner: access.owner, editors: [...access.editors] } : null;
    },
    share: (id, email) => {
      const access = bookOf(id).model.access;
      if (access && !access.editors.includes(email)) access.editors.push(email);
    },
  };
}
