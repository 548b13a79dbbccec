import { columnToLetters, parseA1 } from '../spreadsheet/a1';
import type { WorkbookInspector } from '../spreadsheet/inspector';
import { compileRules, paintOf, type CfRuleView } from './conditional-colors';
import { PlaygroundError } from './session';
import type { GridCell, GridView } from './view-types';

/**
 * The grid of one sheet as the page draws it: display values (number formats applied by the runtime),
 * fonts and backgrounds, conditional-format paint, list validations (dropdowns) and checkboxes, frozen
 * rows, widths and hidden columns. Rows are paged (a 100k-row sheet is never sent whole) and, with a
 * filter view chosen, limited to the rows that view shows.
 */
export type { GridCell, GridView } from './view-types';

const DEFAULT_WIDTH = 100;
const MIN_COLUMNS = 12;
const MIN_ROWS = 30;
const BLANK_ROWS_AFTER_DATA = 5;

export const PAGE_SIZE = 200;

interface ValidationRun {
  col: number;
  row: number;
  endRow: number;
  list: number | null;
  checkbox: boolean;
}

function validationRuns(workbook: WorkbookInspector, sheetName: string, lists: string[][]): ValidationRun[] {
  const runs: ValidationRun[] = [];
  const listIndex = new Map<string, number>();
  for (const rule of workbook.validations(sheetName)) {
    const ref = parseA1(rule.a1);
    let options: string[] | null = null;
    if (rule.criteria === 'VALUE_IN_LIST' && Array.isArray(rule.values[0])) {
      options = (rule.values[0] as unknown[]).map(String);
    } else if (rule.criteria === 'VALUE_IN_RANGE') {
      const source = rule.values[0] as { sheetName: string | null; a1: string } | undefined;
      if (source?.sheetName) {
        options = workbook
          .displayValues(source.sheetName, source.a1)
          .flat()
          .filter((v) => v !== '');
      }
    }
    let list: number | null = null;
    if (options) {
      const key = JSON.stringify(options);
      if (!listIndex.has(key)) {
        listIndex.set(key, lists.length);
        lists.push(options);
      }
      list = listIndex.get(key) as number;
    }
    if (list === null && rule.criteria !== 'CHECKBOX') continue;
    runs.push({
      col: ref.col,
      row: ref.row,
      endRow: ref.endRow ?? Number.MAX_SAFE_INTEGER,
      list,
      checkbox: rule.criteria === 'CHECKBOX',
    });
  }
  return runs;
}

export function buildGridView(
  workbook: WorkbookInspector,
  sheetName: string,
  options: { filterViewId?: number | null; offset?: number; limit?: number; nowMs: number },
): GridView {
  const info = workbook.sheets().find((sheet) => sheet.name === sheetName);
  if (!info) throw new PlaygroundError(404, `No sheet named "${sheetName}"`);
  const timeZone = workbook.info().timeZone;
  const width = Math.min(info.maxColumns, Math.max(MIN_COLUMNS, info.lastColumn));
  const headerRows = Math.max(1, info.frozenRows);
  const hiddenRows = new Set(info.hiddenRows);

  let dataRows: number[];
  const filterViewId = options.filterViewId ?? null;
  if (filterViewId !== null) {
    const view = workbook.filterViews(sheetName).find((candidate) => candidate.filterViewId === filterViewId);
    if (!view) throw new PlaygroundError(404, `No filter view ${filterViewId} on sheet "${sheetName}"`);
    dataRows = workbook.rowsVisibleInFilterView(filterViewId);
  } else {
    const shownRows = Math.min(info.maxRows, Math.max(MIN_ROWS, info.lastRow + BLANK_ROWS_AFTER_DATA));
    dataRows = [];
    for (let row = headerRows + 1; row <= shownRows; row++) if (!hiddenRows.has(row)) dataRows.push(row);
  }
  const offset = Math.max(0, Math.min(options.offset ?? 0, Math.max(0, dataRows.length - 1)));
  const limit = Math.max(1, Math.min(options.limit ?? PAGE_SIZE, 1000));
  const rowsShown = [...Array.from({ length: Math.min(headerRows, info.maxRows) }, (_, i) => i + 1)];
  rowsShown.push(...dataRows.slice(offset, offset + limit));

  const lists: string[][] = [];
  const runs = validationRuns(workbook, sheetName, lists);
  const rules = compileRules(workbook.conditionalFormatRules(sheetName) as CfRuleView[], timeZone, options.nowMs);

  // Read each run of consecutive rows as one block (a filter view may show rows far apart).
  const display = new Map<number, string[]>();
  const raw = new Map<number, unknown[]>();
  const formats = new Map<number, Record<string, unknown>[]>();
  for (const [start, end] of consecutiveRuns(rowsShown)) {
    const a1 = `A${start}:${columnToLetters(width)}${end}`;
    const d = workbook.displayValues(sheetName, a1);
    const r = workbook.values(sheetName, a1);
    const f = workbook.cellFormats(sheetName, a1);
    for (let row = start; row <= end; row++) {
      display.set(row, d[row - start] ?? []);
      raw.set(row, r[row - start] ?? []);
      formats.set(row, f[row - start] ?? []);
    }
  }
  const valueAt = (row: number, col: number): unknown => raw.get(row)?.[col - 1];

  const rows = rowsShown.map((row) => {
    const cells: GridCell[] = [];
    for (let col = 1; col <= width; col++) {
      const format = formats.get(row)?.[col - 1] ?? {};
      const cell: GridCell = { v: display.get(row)?.[col - 1] ?? '' };
      if (typeof format.background === 'string' && format.background !== '#ffffff') cell.bg = format.background;
      if (typeof format.fontColor === 'string' && format.fontColor !== '#000000') cell.fc = format.fontColor;
      if (format.fontWeight === 'bold') cell.b = true;
      if (format.fontStyle === 'italic') cell.i = true;
      if (typeof format.horizontalAlignment === 'string') cell.al = format.horizontalAlignment;
      if (format.wrap === true) cell.wrap = true;
      if (typeof format.note === 'string' && format.note !== '') cell.note = format.note;
      if (row > headerRows) {
        const paint = paintOf(rules, row, col, valueAt);
        if (paint?.background) cell.bg = paint.background;
        if (paint?.fontColor) cell.fc = paint.fontColor;
        if (paint?.bold) cell.b = true;
        if (paint?.italic) cell.i = true;
        if (paint?.strikethrough) cell.s = true;
      }
      const run = runs.find((candidate) => candidate.col === col && row >= candidate.row && row <= candidate.endRow);
      if (run?.list !== null && run?.list !== undefined) cell.list = run.list;
      if (run?.checkbox) cell.cb = valueAt(row, col) === true;
      cells.push(cell);
    }
    return { row, cells };
  });

  const hiddenColumns = new Set(info.hiddenColumns);
  return {
    sheetName,
    frozenRows: info.frozenRows,
    frozenColumns: info.frozenColumns,
    maxRows: info.maxRows,
    lastRow: info.lastRow,
    columns: Array.from({ length: width }, (_, i) => ({
      col: i + 1,
      letter: columnToLetters(i + 1),
      width: info.columnWidths[i + 1] ?? DEFAULT_WIDTH,
      hidden: hiddenColumns.has(i + 1),
    })),
    rows,
    lists,
    totalRows: dataRows.length,
    offset,
    limit,
    filterViewId,
  };
}

/** [start, end] pairs of consecutive numbers in an ascending list. */
function consecutiveRuns(rows: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && row === last[1] + 1) last[1] = row;
    else runs.push([row, row]);
  }
  return runs;
}
