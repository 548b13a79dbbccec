import { Grid } from './grid';
import type { CellValue, DateCell } from './values';

/**
 * The workbook as plain data. Script-facing objects (Spreadsheet, Sheet, Range…) are thin views over it;
 * the inspector and save/load read it directly. Rows/columns are 0-based here, 1-based in the API.
 */

/** A range fixed to a sheet's grid; `null` ends are unbounded ("D:F" covers every row, now and later). */
export interface Rect {
  r0: number;
  c0: number;
  r1: number | null;
  c1: number | null;
}

/** A reference to a block of cells kept inside rules (requireValueInRange), 1-based like the API. */
export class RangeRef {
  constructor(
    readonly sheetId: number,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
  ) {
    Object.freeze(this);
  }
}

/** Values kept inside rules: lists, numbers, texts, dates, a range. */
export type SpecValue = string | number | boolean | null | DateCell | RangeRef | SpecValue[];

export interface ValidationSpec {
  /** DataValidationCriteria key, e.g. "VALUE_IN_LIST". */
  criteria: string;
  values: SpecValue[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface CellAttributes {
  numberFormat: string;
  fontWeight: string;
  fontStyle: string;
  fontColor: string;
  fontSize: number;
  fontFamily: string;
  background: string;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrap: boolean;
  note: string;
  validation: ValidationSpec;
}

export type AttrKey = keyof CellAttributes;

/** Attributes an inserted row/column takes from its neighbour (formats and validation; not notes). UNCONFIRMED. */
export const INHERITED_ATTRS: readonly AttrKey[] = [
  'numberFormat',
  'fontWeight',
  'fontStyle',
  'fontColor',
  'fontSize',
  'fontFamily',
  'background',
  'horizontalAlignment',
  'verticalAlignment',
  'wrap',
  'validation',
];

export interface ProtectionModel {
  id: number;
  type: 'RANGE' | 'SHEET';
  sheetId: number;
  /** The protected block for RANGE protections; null for SHEET. */
  rect: Rect | null;
  description: string;
  warningOnly: boolean;
  editors: string[];
  unprotected: Rect[];
}

export interface ConditionModel {
  /** BooleanCriteria key, e.g. "CUSTOM_FORMULA". */
  type: string;
  values: SpecValue[];
}

export interface CfFormat {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  underline?: boolean;
}

export interface CfRuleModel {
  ranges: Rect[];
  condition: ConditionModel | null;
  format: CfFormat;
}

export type MetadataLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheetId: number }
  | { type: 'ROW' | 'COLUMN'; sheetId: number; index: number };

export interface MetadataModel {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  location: MetadataLocation;
}

export interface NamedRangeModel {
  id: string;
  name: string;
  sheetId: number;
  rect: Rect;
}

/** A filter view as the Sheets API returns it (docs/apps-script/filter-views-and-charts.md §1), kept as JSON. */
export type FilterViewJson = Record<string, unknown> & { filterViewId: number };

/**
 * An embedded chart (docs/apps-script/filter-views-and-charts.md §5), as plain data: the ChartType key, its source ranges
 * (1-based, possibly on another sheet), options as set with setOption (JSON values) and its anchor.
 */
export interface ChartModel {
  chartId: number;
  type: string | null;
  ranges: { sheetId: number; row: number; col: number; numRows: number; numCols: number }[];
  options: Record<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
}

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number;
  atMs: number;
}

export class SheetModel {
  readonly values = new Grid<Exclude<CellValue, null>>();
  readonly attrs: { [K in AttrKey]?: Grid<CellAttributes[K]> } = {};
  /** 0-based row/column index → pixels; only explicit sizes are kept. */
  rowHeights = new Map<number, number>();
  columnWidths = new Map<number, number>();
  hiddenRows = new Map<number, true>();
  hiddenColumns = new Map<number, true>();
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  conditionalRules: CfRuleModel[] = [];
  filterViews: FilterViewJson[] = [];
  charts: ChartModel[] = [];
  tabColor: string | null = null;

  constructor(
    public id: number,
    public name: string,
    public maxRows: number,
    public maxColumns: number,
  ) {}

  attr<K extends AttrKey>(key: K): Grid<CellAttributes[K]> {
    let grid = this.attrs[key] as Grid<CellAttributes[K]> | undefined;
    if (!grid) {
      grid = new Grid<CellAttributes[K]>();
      (this.attrs as Record<AttrKey, unknown>)[key] = grid;
    }
    return grid;
  }

  attrAt<K extends AttrKey>(key: K, r: number, c: number): CellAttributes[K] | undefined {
    const grid = this.attrs[key] as Grid<CellAttributes[K]> | undefined;
    return grid ? grid.get(r, c) : undefined;
  }

  allGrids(): Grid<unknown>[] {
    return [this.values as Grid<unknown>, ...Object.values(this.attrs).map((g) => g as Grid<unknown>)];
  }

  cellCount(): number {
    return this.maxRows * this.maxColumns;
  }
}

export interface WorkbookModel {
  id: string;
  name: string;
  url: string;
  timeZone: string;
  locale: string;
  sheets: SheetModel[];
  activeSheetId: number;
  /** The user's selection: one block on the active sheet (0-based, exclusive ends). */
  activeRange: { sheetId: number; r0: number; c0: number; r1: number; c1: number } | null;
  namedRanges: NamedRangeModel[];
  metadata: MetadataModel[];
  protections: ProtectionModel[];
  toasts: ToastRecord[];
  /**
   * Who may open it (SpreadsheetApp.openById/openByUrl, Sheets.Spreadsheets.*): absent for the bound document,
   * which every user of the runtime may open; the owner and editors of a spreadsheet made with
   * SpreadsheetApp.create.
   */
  access?: { owner: string; editors: string[] };
  counters: {
    sheet: number;
    metadata: number;
    protection: number;
    filterView: number;
    namedRange: number;
    /** Last embedded chart id handed out (absent in states saved before charts existed). */
    chart?: number;
  };
}

/** §10: 10 million cells per spreadsheet, counting the grid of every sheet. */
export const MAX_WORKBOOK_CELLS = 10_000_000;
/** §4: a new sheet is 1000 × 26 (standard; exact size UNCONFIRMED). */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;
export const DEFAULT_ROW_HEIGHT = 21;

export function totalCells(wb: WorkbookModel): number {
  let total = 0;
  for (const sheet of wb.sheets) total += sheet.cellCount();
  return total;
}

/** Sheet ids after the first ("gid=0") look like Sheets' large random gids but are deterministic. */
export function nextSheetId(wb: WorkbookModel): number {
  // A sheet added through the Sheets API may carry an id of the caller's choosing: never hand that out again.
  let id: number;
  do {
    wb.counters.sheet += 1;
    id = (wb.counters.sheet * 1_103_515_245 + 12_345) % 2_000_000_000;
  } while (wb.sheets.some((s) => s.id === id));
  return id;
}

export function findSheet(wb: WorkbookModel, sheetId: number): SheetModel | undefined {
  return wb.sheets.find((s) => s.id === sheetId);
}
