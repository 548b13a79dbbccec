import { gasError, signatureError } from '../core/errors';
import { checkFindText, TextFinder } from './text-finder';
import { rangeListOf, type RangeList } from './range-list';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { Book } from './book';
import {
  chartsOf,
  insertChartOn,
  newChartBuilder,
  removeChartFrom,
  updateChartOn,
  type EmbeddedChart,
  type EmbeddedChartBuilder,
} from './charts';
import { ruleFromModel, rulesToModels, type ConditionalFormatRule } from './conditional-format';
import { enumKey } from './enums';
import { addMetadata, DeveloperMetadata, DeveloperMetadataFinder } from './metadata';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, type SheetModel } from './model';
import { listProtections, sheetProtection, type Protection } from './protection';
import { Range } from './range';
import {
  appendRowTo,
  checkSheetName,
  dataRange,
  lastColumnWithContent,
  lastRowWithContent,
  sortSheet,
} from './sheet-ops';
import { deleteLines, insertLines, moveLines } from './structure';

/** A sheet (DOCS sheet). Structural changes go through structure.ts so everything anchored follows them. */
export class Sheet extends GasObject {
  constructor(
    private readonly book: Book,
    readonly _model: SheetModel,
  ) {
    super(book.ctx);
  }

  private _int(value: unknown, args: unknown[], method: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw signatureError(args, `SpreadsheetApp.Sheet.${method}`);
    return Math.floor(value);
  }

  getName(): string {
    return this._model.name;
  }
  getSheetName(): string {
    return this._model.name;
  }
  setName(name: string): Sheet {
    checkSheetName(this.book, String(name), this._model);
    this._model.name = String(name);
    return this;
  }
  getSheetId(): number {
    return this._model.id;
  }
  getIndex(): number {
    return this.book.model.sheets.indexOf(this._model) + 1;
  }
  getParent(): unknown {
    return this.book.spreadsheet();
  }
  getType(): string {
    return 'GRID';
  }
  activate(): Sheet {
    this.book.model.activeSheetId = this._model.id;
    this.book.model.activeRange = null;
    return this;
  }

  createTextFinder(findText: unknown): TextFinder {
    const text = checkFindText(findText, 'SpreadsheetApp.Sheet.createTextFinder');
    const m = this._model;
    return new TextFinder(this.book, [{ sheet: m, row: 1, col: 1, endRow: m.maxRows, endCol: m.maxColumns }], text);
  }

  // ---- ranges ----

  /** Overloads: (a1Notation), (row, column), (row, column, numRows), (row, column, numRows, numColumns). */
  getRange(...args: unknown[]): Range {
    if (args.length === 1 && typeof args[0] === 'string') return this.book.rangeFromA1(this._model, args[0]);
    if (args.length < 2 || args.length > 4) throw signatureError(args, 'SpreadsheetApp.Sheet.getRange');
    return this.book.checkedCells(
      this._model,
      args,
      'SpreadsheetApp.Sheet.getRange',
      args[0],
      args[1],
      args[2] ?? 1,
      args[3] ?? 1,
    );
  }
  getDataRange(): Range {
    return dataRange(this.book, this._model);
  }
  /** getRangeList(a1Notations): a RangeList of ranges on this sheet (range-list.ts). */
  getRangeList(a1Notations: string[]): RangeList {
    return rangeListOf(this.book, this._model, a1Notations);
  }
  getLastRow(): number {
    return lastRowWithContent(this._model);
  }
  getLastColumn(): number {
    return lastColumnWithContent(this._model);
  }
  getMaxRows(): number {
    return this._model.maxRows;
  }
  getMaxColumns(): number {
    return this._model.maxColumns;
  }

  // ---- rows and columns ----

  insertRowBefore(beforePosition: number): Sheet {
    const at = this._int(beforePosition, [beforePosition], 'insertRowBefore');
    this._insert('rows', at - 1, 1, at - 1);
    return this;
  }
  insertRowAfter(afterPosition: number): Sheet {
    const at = this._int(afterPosition, [afterPosition], 'insertRowAfter');
    this._insert('rows', at, 1, at - 1);
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    const at = this._int(beforePosition, [beforePosition, howMany], 'insertRowsBefore');
    this._insert('rows', at - 1, this._int(howMany, [beforePosition, howMany], 'insertRowsBefore'), at - 1);
    return this;
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    const at = this._int(afterPosition, [afterPosition, howMany], 'insertRowsAfter');
    this._insert('rows', at, this._int(howMany, [afterPosition, howMany], 'insertRowsAfter'), at - 1);
    return this;
  }
  /** insertRows(rowIndex[, numRows]): blank rows before rowIndex. Returns nothing (DOCS). */
  insertRows(rowIndex: number, numRows?: number): void {
    const at = this._int(rowIndex, [rowIndex, numRows], 'insertRows');
    this._insert(
      'rows',
      at - 1,
      numRows === undefined ? 1 : this._int(numRows, [rowIndex, numRows], 'insertRows'),
      at - 1,
    );
  }
  insertColumnBefore(beforePosition: number): Sheet {
    const at = this._int(beforePosition, [beforePosition], 'insertColumnBefore');
    this._insert('columns', at - 1, 1, at - 1);
    return this;
  }
  insertColumnAfter(afterPosition: number): Sheet {
    const at = this._int(afterPosition, [afterPosition], 'insertColumnAfter');
    this._insert('columns', at, 1, at - 1);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    const at = this._int(beforePosition, [beforePosition, howMany], 'insertColumnsBefore');
    this._insert('columns', at - 1, this._int(howMany, [beforePosition, howMany], 'insertColumnsBefore'), at - 1);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    const at = this._int(afterPosition, [afterPosition, howMany], 'insertColumnsAfter');
    this._insert('columns', at, this._int(howMany, [afterPosition, howMany], 'insertColumnsAfter'), at - 1);
    return this;
  }
  insertColumns(columnIndex: number, numColumns?: number): void {
    const at = this._int(columnIndex, [columnIndex, numColumns], 'insertColumns');
    this._insert(
      'columns',
      at - 1,
      numColumns === undefined ? 1 : this._int(numColumns, [columnIndex, numColumns], 'insertColumns'),
      at - 1,
    );
  }

  _insert(axis: 'rows' | 'columns', at: number, count: number, inheritFrom: number): void {
    const max = axis === 'rows' ? this._model.maxRows : this._model.maxColumns;
    if (at < 0 || at > max || count < 1) {
      throw gasError(axis === 'rows' ? 'Those rows are out of bounds.' : 'Those columns are out of bounds.');
    }
    const source = inheritFrom >= 0 && inheritFrom < max ? inheritFrom : null;
    insertLines(this.book.model, this._model, axis, at, count, source);
  }

  deleteRow(rowPosition: number): Sheet {
    deleteLines(this.book.model, this._model, 'rows', this._int(rowPosition, [rowPosition], 'deleteRow') - 1, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    const args = [rowPosition, howMany];
    deleteLines(
      this.book.model,
      this._model,
      'rows',
      this._int(rowPosition, args, 'deleteRows') - 1,
      this._int(howMany, args, 'deleteRows'),
    );
  }
  deleteColumn(columnPosition: number): Sheet {
    deleteLines(
      this.book.model,
      this._model,
      'columns',
      this._int(columnPosition, [columnPosition], 'deleteColumn') - 1,
      1,
    );
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const args = [columnPosition, howMany];
    deleteLines(
      this.book.model,
      this._model,
      'columns',
      this._int(columnPosition, args, 'deleteColumns') - 1,
      this._int(howMany, args, 'deleteColumns'),
    );
  }

  /** moveRows(rowSpec, destinationIndex): the rows spanned by rowSpec go before row destinationIndex (DOCS). */
  moveRows(rowSpec: Range, destinationIndex: number): void {
    if (!(rowSpec instanceof Range)) throw signatureError([rowSpec, destinationIndex], 'SpreadsheetApp.Sheet.moveRows');
    const to = this._int(destinationIndex, [rowSpec, destinationIndex], 'moveRows') - 1;
    moveLines(this.book.model, this._model, 'rows', rowSpec._r0(), rowSpec._nr(), to);
  }
  moveColumns(columnSpec: Range, destinationIndex: number): void {
    if (!(columnSpec instanceof Range))
      throw signatureError([columnSpec, destinationIndex], 'SpreadsheetApp.Sheet.moveColumns');
    const to = this._int(destinationIndex, [columnSpec, destinationIndex], 'moveColumns') - 1;
    moveLines(this.book.model, this._model, 'columns', columnSpec._c0(), columnSpec._nc(), to);
  }

  /** Writes at getLastRow()+1 from column 1, adding a row when the sheet is full (docs/apps-script/spreadsheet.md §4). */
  appendRow(rowContents: unknown[]): Sheet {
    appendRowTo(this.book, this._model, rowContents);
    return this;
  }

  // ---- frozen, sizes, hidden ----

  setFrozenRows(rows: number): void {
    this._model.frozenRows = this._int(rows, [rows], 'setFrozenRows');
  }
  getFrozenRows(): number {
    return this._model.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this._model.frozenColumns = this._int(columns, [columns], 'setFrozenColumns');
  }
  getFrozenColumns(): number {
    return this._model.frozenColumns;
  }
  setColumnWidth(columnPosition: number, width: number): Sheet {
    this._model.columnWidths.set(this._int(columnPosition, [columnPosition, width], 'setColumnWidth') - 1, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    const start = this._int(startColumn, [startColumn, numColumns, width], 'setColumnWidths') - 1;
    for (let k = 0; k < numColumns; k++) this._model.columnWidths.set(start + k, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    return (
      this._model.columnWidths.get(this._int(columnPosition, [columnPosition], 'getColumnWidth') - 1) ??
      DEFAULT_COLUMN_WIDTH
    );
  }
  setRowHeight(rowPosition: number, height: number): Sheet {
    this._model.rowHeights.set(this._int(rowPosition, [rowPosition, height], 'setRowHeight') - 1, height);
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number): Sheet {
    const start = this._int(startRow, [startRow, numRows, height], 'setRowHeights') - 1;
    for (let k = 0; k < numRows; k++) this._model.rowHeights.set(start + k, height);
    return this;
  }
  getRowHeight(rowPosition: number): number {
    return this._model.rowHeights.get(this._int(rowPosition, [rowPosition], 'getRowHeight') - 1) ?? DEFAULT_ROW_HEIGHT;
  }

  _setHidden(axis: 'rows' | 'columns', first: number, count: number, hidden: boolean): void {
    const map = axis === 'rows' ? this._model.hiddenRows : this._model.hiddenColumns;
    for (let k = 0; k < count; k++) {
      if (hidden) map.set(first + k, true);
      else map.delete(first + k);
    }
  }
  /** hideColumns(columnIndex[, numColumns]), 1-based (DOCS). */
  hideColumns(columnIndex: number, numColumns?: number): void {
    this._setHidden(
      'columns',
      this._int(columnIndex, [columnIndex, numColumns], 'hideColumns') - 1,
      numColumns ?? 1,
      true,
    );
  }
  showColumns(columnIndex: number, numColumns?: number): void {
    this._setHidden(
      'columns',
      this._int(columnIndex, [columnIndex, numColumns], 'showColumns') - 1,
      numColumns ?? 1,
      false,
    );
  }
  hideColumn(column: Range): void {
    this._setHidden('columns', column._c0(), column._nc(), true);
  }
  unhideColumn(column: Range): void {
    this._setHidden('columns', column._c0(), column._nc(), false);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this._model.hiddenColumns.has(this._int(columnPosition, [columnPosition], 'isColumnHiddenByUser') - 1);
  }
  hideRows(rowIndex: number, numRows?: number): void {
    this._setHidden('rows', this._int(rowIndex, [rowIndex, numRows], 'hideRows') - 1, numRows ?? 1, true);
  }
  showRows(rowIndex: number, numRows?: number): void {
    this._setHidden('rows', this._int(rowIndex, [rowIndex, numRows], 'showRows') - 1, numRows ?? 1, false);
  }
  hideRow(row: Range): void {
    this._setHidden('rows', row._r0(), row._nr(), true);
  }
  unhideRow(row: Range): void {
    this._setHidden('rows', row._r0(), row._nr(), false);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this._model.hiddenRows.has(this._int(rowPosition, [rowPosition], 'isRowHiddenByUser') - 1);
  }
  hideSheet(): Sheet {
    const visible = this.book.model.sheets.filter((s) => !s.hidden && s !== this._model);
    // Sheets refuses to hide the last visible sheet (UNCONFIRMED wording).
    if (visible.length === 0) throw gasError("You can't hide all the sheets in a document.");
    this._model.hidden = true;
    return this;
  }
  showSheet(): Sheet {
    this._model.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._model.hidden;
  }
  setTabColor(color: string | null): Sheet {
    this._model.tabColor = color === null ? null : String(color).toLowerCase();
    return this;
  }
  getTabColor(): string | null {
    return this._model.tabColor;
  }

  // ---- clearing and sorting ----

  clear(): Sheet {
    this._model.values.rows = [];
    this._model.values.version++;
    for (const key of Object.keys(this._model.attrs) as (keyof SheetModel['attrs'])[]) {
      if (key === 'validation' || key === 'note') continue;
      delete this._model.attrs[key];
    }
    return this;
  }
  clearContents(): Sheet {
    this._model.values.rows = [];
    this._model.values.version++;
    return this;
  }
  clearFormats(): Sheet {
    for (const key of Object.keys(this._model.attrs) as (keyof SheetModel['attrs'])[]) {
      if (key === 'validation' || key === 'note') continue;
      delete this._model.attrs[key];
    }
    return this;
  }
  clearNotes(): Sheet {
    delete this._model.attrs.note;
    return this;
  }
  /**
   * sort(columnPosition[, ascending]): the rows below the frozen rows move whole (every row when none is
   * frozen, the header included), formats with them.
   */
  sort(columnPosition: number, ascending?: boolean): Sheet {
    const args = [columnPosition, ascending].slice(0, arguments.length);
    const col = this._int(columnPosition, args, 'sort');
    if (ascending !== undefined && typeof ascending !== 'boolean')
      throw signatureError(args, 'SpreadsheetApp.Sheet.sort');
    // Same text as getRange outside the sheet (UNCONFIRMED for sort).
    if (col < 1 || col > this._model.maxColumns)
      throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
    sortSheet(this.book, this._model, col - 1, ascending !== false);
    return this;
  }

  // ---- protection, conditional formats, metadata, charts ----

  protect(): Protection {
    return sheetProtection(this.book, this._model);
  }
  getProtections(type: unknown): Protection[] {
    return listProtections(this.book, this._model, enumKey(type));
  }
  getConditionalFormatRules(): ConditionalFormatRule[] {
    return this._model.conditionalRules.map((model) => ruleFromModel(this.book, this._model, model));
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this._model.conditionalRules = rulesToModels(rules, this._model);
  }
  clearConditionalFormatRules(): void {
    this._model.conditionalRules = [];
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this.book.model.metadata
      .filter((m) => m.location.type === 'SHEET' && m.location.sheetId === this._model.id)
      .map((m) => new DeveloperMetadata(this.book, m));
  }
  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): Sheet {
    addMetadata(
      this.book,
      { kind: 'sheet', sheet: this._model },
      [key, valueOrVisibility, visibility].slice(0, arguments.length),
    );
    return this;
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return new DeveloperMetadataFinder(this.book, { kind: 'sheet', sheet: this._model });
  }
  /** Embedded charts (docs/apps-script/filter-views-and-charts.md §5); the bodies live in charts.ts. */
  newChart(): EmbeddedChartBuilder {
    return newChartBuilder(this.book);
  }
  insertChart(chart: EmbeddedChart): void {
    insertChartOn(this.book, this._model, chart);
  }
  updateChart(chart: EmbeddedChart): void {
    updateChartOn(this._model, chart);
  }
  removeChart(chart: EmbeddedChart): void {
    removeChartFrom(this._model, chart);
  }
  getCharts(): EmbeddedChart[] {
    return chartsOf(this.book, this._model);
  }
  /** No basic filter can be created locally (createFilter is not supported). */
  getFilter(): null {
    return null;
  }
}
defineGasClass(Sheet, 'SpreadsheetApp', 'Sheet');
