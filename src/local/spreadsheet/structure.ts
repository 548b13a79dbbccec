import { gasError } from '../core/errors';
import { mapIndex, mapSpan, remapKeys, type Axis, type AxisChange } from './axis-change';
import {
  INHERITED_ATTRS,
  MAX_WORKBOOK_CELLS,
  totalCells,
  type Rect,
  type SheetModel,
  type WorkbookModel,
} from './model';
import { remapFilterView } from './filter-views';

/**
 * Inserting, deleting and moving rows/columns, and sorting: every layer and every anchored object of the
 * sheet follows the change (docs/apps-script/spreadsheet.md §5 for developer metadata; the same back end moves formats,
 * validations, protections and conditional-format ranges with their cells).
 */

export function cellLimitError(): Error {
  return gasError(
    `This action would increase the number of cells in the workbook above the limit of ${MAX_WORKBOOK_CELLS} cells.`,
  );
}

/** §10: growth beyond 10 M cells (all sheets' grids) is refused. */
export function checkGrowth(wb: WorkbookModel, addedCells: number): void {
  if (addedCells > 0 && totalCells(wb) + addedCells > MAX_WORKBOOK_CELLS) throw cellLimitError();
}

function remapRect(rect: Rect, axis: Axis, change: AxisChange): Rect | null {
  if (axis === 'rows') {
    const span = mapSpan(change, rect.r0, rect.r1);
    return span ? { ...rect, r0: span[0], r1: span[1] } : null;
  }
  const span = mapSpan(change, rect.c0, rect.c1);
  return span ? { ...rect, c0: span[0], c1: span[1] } : null;
}

/** Applies one change to everything anchored on the sheet. */
export function applyAxisChange(wb: WorkbookModel, sheet: SheetModel, axis: Axis, change: AxisChange): void {
  for (const grid of sheet.allGrids()) grid.apply(axis, change);
  if (axis === 'rows') {
    sheet.hiddenRows = remapKeys(sheet.hiddenRows, change);
    sheet.rowHeights = remapKeys(sheet.rowHeights, change);
  } else {
    sheet.hiddenColumns = remapKeys(sheet.hiddenColumns, change);
    sheet.columnWidths = remapKeys(sheet.columnWidths, change);
  }
  const locationType = axis === 'rows' ? 'ROW' : 'COLUMN';
  wb.metadata = wb.metadata.filter((meta) => {
    const loc = meta.location;
    if (loc.type !== locationType || loc.sheetId !== sheet.id) return true;
    const next = mapIndex(change, loc.index);
    if (next === null) return false; // "If the associated object is deleted then its metadata is deleted too."
    loc.index = next;
    return true;
  });
  wb.protections = wb.protections.filter((p) => {
    if (p.sheetId !== sheet.id) return true;
    p.unprotected = p.unprotected.map((r) => remapRect(r, axis, change)).filter((r): r is Rect => r !== null);
    if (!p.rect) return true;
    const next = remapRect(p.rect, axis, change);
    if (!next) return false;
    p.rect = next;
    return true;
  });
  sheet.conditionalRules = sheet.conditionalRules.filter((rule) => {
    rule.ranges = rule.ranges.map((r) => remapRect(r, axis, change)).filter((r): r is Rect => r !== null);
    return rule.ranges.length > 0;
  });
  wb.namedRanges = wb.namedRanges.filter((named) => {
    if (named.sheetId !== sheet.id) return true;
    const next = remapRect(named.rect, axis, change);
    if (!next) return false;
    named.rect = next;
    return true;
  });
  sheet.filterViews = sheet.filterViews
    .map((view) => remapFilterView(view, axis, change))
    .filter((view): view is NonNullable<typeof view> => view !== null);
  if (wb.activeRange && wb.activeRange.sheetId === sheet.id) {
    const ar = wb.activeRange;
    const next = remapRect({ r0: ar.r0, c0: ar.c0, r1: ar.r1, c1: ar.c1 }, axis, change);
    wb.activeRange = next
      ? { sheetId: sheet.id, r0: next.r0, c0: next.c0, r1: next.r1 ?? ar.r1, c1: next.c1 ?? ar.c1 }
      : null;
  }
}

/**
 * Inserts `count` rows/columns before 0-based index `at`. `inheritFrom` (0-based, before the change) is the
 * neighbour whose formats and validation the new lines copy: insertRowsAfter copies the row above,
 * insertRowsBefore the row below (like the Sheets API's inheritFromBefore; UNCONFIRMED for Apps Script).
 */
export function insertLines(
  wb: WorkbookModel,
  sheet: SheetModel,
  axis: Axis,
  at: number,
  count: number,
  inheritFrom: number | null,
): void {
  const perLine = axis === 'rows' ? sheet.maxColumns : sheet.maxRows;
  checkGrowth(wb, perLine * count);
  applyAxisChange(wb, sheet, axis, { kind: 'insert', at, count });
  if (axis === 'rows') sheet.maxRows += count;
  else sheet.maxColumns += count;
  if (inheritFrom !== null) {
    const source = inheritFrom >= at ? inheritFrom + count : inheritFrom;
    for (const key of INHERITED_ATTRS) sheet.attrs[key]?.copyLine(axis, source, at, count);
  }
  // Inserting inside the frozen block makes it larger, as in Sheets.
  if (axis === 'rows' && at < sheet.frozenRows) sheet.frozenRows += count;
  if (axis === 'columns' && at < sheet.frozenColumns) sheet.frozenColumns += count;
}

export function deleteLines(wb: WorkbookModel, sheet: SheetModel, axis: Axis, at: number, count: number): void {
  const max = axis === 'rows' ? sheet.maxRows : sheet.maxColumns;
  const frozen = axis === 'rows' ? sheet.frozenRows : sheet.frozenColumns;
  if (at < 0 || at + count > max) {
    // Apps Script's text as remembered from real scripts (UNCONFIRMED; not in the facts files).
    throw gasError(axis === 'rows' ? 'Those rows are out of bounds.' : 'Those columns are out of bounds.');
  }
  // Sheets refuses to delete every non-frozen row/column (UNCONFIRMED wording, from memory of the message).
  const nonFrozenLeft = max - Math.max(frozen, 0) - (count - Math.max(0, Math.min(frozen, at + count) - at));
  if (count >= max || nonFrozenLeft <= 0) {
    throw gasError(
      axis === 'rows'
        ? 'Sorry, it is not possible to delete all non-frozen rows.'
        : 'Sorry, it is not possible to delete all non-frozen columns.',
    );
  }
  applyAxisChange(wb, sheet, axis, { kind: 'delete', at, count });
  if (axis === 'rows') {
    sheet.maxRows -= count;
    sheet.frozenRows -= Math.max(0, Math.min(sheet.frozenRows, at + count) - at);
  } else {
    sheet.maxColumns -= count;
    sheet.frozenColumns -= Math.max(0, Math.min(sheet.frozenColumns, at + count) - at);
  }
}

export function moveLines(
  wb: WorkbookModel,
  sheet: SheetModel,
  axis: Axis,
  from: number,
  count: number,
  to: number,
): void {
  if (to >= from && to <= from + count) return; // destination inside the block: nothing moves
  applyAxisChange(wb, sheet, axis, { kind: 'move', from, count, to });
}

/**
 * Reorders whole rows [r0, r1) by a permutation (`order[i]` = the old row that lands at r0+i): the values,
 * formats, notes and validations of each row travel together, as Sheet.sort does.
 */
export function permuteRows(sheet: SheetModel, r0: number, order: number[]): void {
  for (const grid of sheet.allGrids()) {
    const old = grid.rows.slice(r0, r0 + order.length);
    order.forEach((source, i) => {
      grid.rows[r0 + i] = old[source - r0];
    });
    grid.version++;
  }
}
