import type { RuntimeContext } from '../core/context';
import { Book, type BookFactories, type BookRegistry } from './book';
import { NEW_SHEET_COLUMNS, NEW_SHEET_ROWS, SheetModel, type WorkbookModel } from './model';

/**
 * Every spreadsheet of one local runtime: the bound document first, then those made with
 * SpreadsheetApp.create (docs/apps-script-behaviour.md, "Several spreadsheets"). Each is its own Book over
 * its own WorkbookModel, so limits (10 M cells), sheet ids, named ranges and metadata are per spreadsheet.
 * Nothing here is metered: SpreadsheetApp.create/openById/openByUrl are the script-facing calls.
 */
export class SpreadsheetDrive implements BookRegistry {
  private readonly books: Book[] = [];

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly factories: BookFactories,
    bound: WorkbookModel,
  ) {
    this.books.push(new Book(ctx, bound, factories, this));
  }

  /** The spreadsheet the script is bound to (SpreadsheetApp.getActiveSpreadsheet()). */
  get bound(): Book {
    return this.books[0] as Book;
  }

  all(): readonly Book[] {
    return this.books;
  }

  /** The spreadsheets made during the runtime's life, in creation order (what persistence saves besides the bound one). */
  others(): readonly Book[] {
    return this.books.slice(1);
  }

  byId(spreadsheetId: string): Book | undefined {
    return this.books.find((b) => b.model.id === spreadsheetId);
  }

  /**
   * A new spreadsheet owned by `owner`: one sheet "Sheet1" (gid 0) of rows × columns, the bound document's
   * time zone and locale (UNCONFIRMED: Apps Script takes them from the creator's settings).
   */
  create(name: string, rows: number, columns: number, owner: string): Book {
    const bound = this.bound.model;
    const id = this.nextId();
    const model: WorkbookModel = {
      id,
      name,
      url: `https://docs.google.com/spreadsheets/d/${id}/edit`,
      timeZone: bound.timeZone,
      locale: bound.locale,
      sheets: [new SheetModel(0, 'Sheet1', rows, columns)],
      activeSheetId: 0,
      activeRange: null,
      namedRanges: [],
      metadata: [],
      protections: [],
      toasts: [],
      counters: { sheet: 0, metadata: 0, protection: 0, filterView: 0, namedRange: 0 },
      access: { owner, editors: [] },
    };
    return this.add(model);
  }

  /** Adds a restored or test-made workbook (its id must be new). */
  add(model: WorkbookModel): Book {
    if (this.byId(model.id)) throw new Error(`a spreadsheet with id ${model.id} already exists`);
    const book = new Book(this.ctx, model, this.factories, this);
    this.books.push(book);
    return book;
  }

  /** Replaces every spreadsheet but the bound one (restore of a saved runtime). */
  replaceOthers(models: WorkbookModel[]): void {
    this.books.length = 1;
    for (const model of models) this.add(model);
  }

  /** Ids look like Drive's: 44 characters of [A-Za-z0-9_-] (deterministic here, so tests can name them). */
  private nextId(): string {
    let n = this.books.length;
    let id: string;
    do {
      id = `1LocalRuntimeCreated${String(n).padStart(6, '0')}`.padEnd(44, 'x');
      n += 1;
    } while (this.byId(id));
    return id;
  }
}

export const NEW_SPREADSHEET_ROWS = NEW_SHEET_ROWS;
export const NEW_SPREADSHEET_COLUMNS = NEW_SHEET_COLUMNS;
