import type { RuntimeContext } from '../core/context';
import { gasError, signatureError } from '../core/errors';
import { parseRangeNotation, type A1Ref } from './a1';
import { findSheet, type SheetModel, type WorkbookModel } from './model';
import { DateCell, FormulaCell, parseTypedInput, UNCOMPUTED_FORMULA_VALUE, type CellValue } from './values';
import type { Range, RangeForm } from './range';
import type { Sheet } from './sheet';
import type { Spreadsheet } from './spreadsheet';

/**
 * What every script-facing object of this service shares: the runtime context, the workbook model, and
 * factories for the wrapper objects (so that modules can create Ranges and Sheets without importing each
 * other's constructors in a cycle at load time).
 */
export interface BookFactories {
  sheet(book: Book, model: SheetModel): Sheet;
  range(book: Book, model: SheetModel, ref: RangeCoords): Range;
  spreadsheet(book: Book): Spreadsheet;
}

/** The spreadsheets of one runtime (drive.ts): how a Book finds the others by id. */
export interface BookRegistry {
  byId(spreadsheetId: string): Book | undefined;
  all(): readonly Book[];
}

/** 1-based coordinates; an end of null = to the sheet's edge (A1 forms "D:F", "5:7", "B1:B"). */
export interface RangeCoords {
  row: number;
  col: number;
  endRow: number | null;
  endCol: number | null;
  form: RangeForm;
}

export class Book {
  private readonly sheetObjects = new WeakMap<SheetModel, Sheet>();
  private spreadsheetObject: Spreadsheet | null = null;

  constructor(
    readonly ctx: RuntimeContext,
    public model: WorkbookModel,
    private readonly factories: BookFactories,
    private readonly registry: BookRegistry | null = null,
  ) {}

  /**
   * Any spreadsheet of this runtime by id, this one included (the Sheets advanced service takes a
   * spreadsheetId; SpreadsheetApp.openById). undefined when no spreadsheet has that id. Access is not checked
   * here: see canAccess.
   */
  bookById(spreadsheetId: unknown): Book | undefined {
    if (typeof spreadsheetId !== 'string') return undefined;
    if (spreadsheetId === this.model.id) return this;
    return this.registry?.byId(spreadsheetId);
  }

  /** Whether `email` may open this spreadsheet: its owner or an editor; the bound document (no access list) is open to every user. */
  canAccess(email: string): boolean {
    const access = this.model.access;
    if (!access) return true;
    const lower = email.toLowerCase();
    return access.owner.toLowerCase() === lower || access.editors.some((e) => e.toLowerCase() === lower);
  }

  sheet(model: SheetModel): Sheet {
    let obj = this.sheetObjects.get(model);
    if (!obj) {
      obj = this.factories.sheet(this, model);
      this.sheetObjects.set(model, obj);
    }
    return obj;
  }

  spreadsheet(): Spreadsheet {
    if (!this.spreadsheetObject) this.spreadsheetObject = this.factories.spreadsheet(this);
    return this.spreadsheetObject;
  }

  range(model: SheetModel, coords: RangeCoords): Range {
    return this.factories.range(this, model, coords);
  }

  sheetById(id: number): SheetModel | undefined {
    return findSheet(this.model, id);
  }

  /** getSheetByName is exact-case here (UNCONFIRMED; the stricter reading). */
  sheetByName(name: string): SheetModel | undefined {
    return this.model.sheets.find((s) => s.name === name);
  }

  activeSheetModel(): SheetModel {
    return this.sheetById(this.model.activeSheetId) ?? (this.model.sheets[0] as SheetModel);
  }

  /**
   * Sheet.getRange(row, column, numRows, numColumns) checks, in the order of docs/apps-script/spreadsheet.md §1
   * (order UNCONFIRMED): row, column, numRows, numColumns, then the sheet's dimensions.
   */
  checkedCells(
    sheet: SheetModel,
    args: unknown[],
    method: string,
    row: unknown,
    col: unknown,
    numRows: unknown = 1,
    numCols: unknown = 1,
  ): Range {
    for (const v of [row, col, numRows, numCols]) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw signatureError(args, method);
    }
    const [r, c, nr, nc] = [row, col, numRows, numCols].map((v) => Math.floor(v as number)) as [
      number,
      number,
      number,
      number,
    ];
    if (r < 1) throw gasError('The starting row of the range is too small.');
    if (c < 1) throw gasError('The starting column of the range is too small.');
    if (nr < 1) throw gasError('The number of rows in the range must be at least 1.');
    if (nc < 1) throw gasError('The number of columns in the range must be at least 1.');
    if (r + nr - 1 > sheet.maxRows || c + nc - 1 > sheet.maxColumns) {
      throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return this.range(sheet, { row: r, col: c, endRow: r + nr - 1, endCol: c + nc - 1, form: 'cells' });
  }

  /** A1 or R1C1 on a given sheet (the "Sheet!" prefix, if any, must name a sheet: on Spreadsheet.getRange it picks it). */
  rangeFromA1(defaultSheet: SheetModel | null, a1: string): Range {
    const ref: A1Ref = parseRangeNotation(a1);
    let sheet = defaultSheet;
    if (ref.sheetName !== null) {
      const named = this.sheetByName(ref.sheetName);
      if (!named) throw gasError('Range not found');
      sheet = named;
    }
    if (!sheet) throw gasError('Range not found');
    const form: RangeForm = ref.form;
    const lastRow = ref.endRow ?? sheet.maxRows;
    const lastCol = ref.endCol ?? sheet.maxColumns;
    if (
      lastRow > sheet.maxRows ||
      lastCol > sheet.maxColumns ||
      ref.row > sheet.maxRows ||
      ref.col > sheet.maxColumns
    ) {
      throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
    }
    // Whole-row/column forms stay open-ended; "B1:B" is fixed to the sheet's current edge (UNCONFIRMED).
    return this.range(sheet, {
      row: ref.row,
      col: ref.col,
      endRow: form === 'columns' ? null : lastRow,
      endCol: form === 'rows' ? null : lastCol,
      form,
    });
  }

  /** A stored value as scripts receive it: '' for empty, a script-realm Date for dates. */
  toScript(value: Exclude<CellValue, null> | undefined): unknown {
    if (value === undefined) return '';
    if (typeof value !== 'object') return value;
    if (value instanceof DateCell) return this.ctx.makeDate(value.ms);
    return UNCOMPUTED_FORMULA_VALUE;
  }

  /** A value written by a script, stored as Sheets would (docs/apps-script/spreadsheet.md §3). */
  fromScript(value: unknown, numberFormat: string | undefined): Exclude<CellValue, null> | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      const parsed = parseTypedInput(value, numberFormat ?? null, this.model.timeZone);
      return parsed === null ? undefined : parsed;
    }
    if (this.ctx.isDate(value)) return new DateCell(value.getTime());
    return this.fromScript(String(value), numberFormat);
  }

  /** A formula written with setFormula(s): kept as a formula when it starts with "=", else typed input. */
  formulaFromScript(formula: unknown, numberFormat: string | undefined): Exclude<CellValue, null> | undefined {
    if (typeof formula === 'string' && formula.startsWith('=') && formula.length > 1) return new FormulaCell(formula);
    return this.fromScript(formula, numberFormat);
  }
}
