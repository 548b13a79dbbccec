import { mapIndex, mapSpan, type Axis, type AxisChange } from './axis-change';
import type { FilterViewJson } from './model';

/**
 * Filter views are kept as the Sheets API JSON (docs/apps-script/filter-views-and-charts.md §1). GridRange indexes are
 * 0-based and half-open; a missing end means unbounded. When rows/columns move, the view's range and its
 * per-column specs follow (the API's column indexes count from column A; UNCONFIRMED, best estimate in §1).
 */
export interface GridRangeJson {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

function remapRange(range: GridRangeJson, axis: Axis, change: AxisChange): GridRangeJson | null {
  const startKey = axis === 'rows' ? 'startRowIndex' : 'startColumnIndex';
  const endKey = axis === 'rows' ? 'endRowIndex' : 'endColumnIndex';
  const span = mapSpan(change, range[startKey] ?? 0, range[endKey] ?? null);
  if (!span) return null;
  const out: GridRangeJson = { ...range };
  if (span[0] === 0) delete out[startKey];
  else out[startKey] = span[0];
  if (span[1] === null) delete out[endKey];
  else out[endKey] = span[1];
  return out;
}

export function remapFilterView(view: FilterViewJson, axis: Axis, change: AxisChange): FilterViewJson | null {
  const out: FilterViewJson = { ...view };
  if (view.range) {
    const range = remapRange(view.range as GridRangeJson, axis, change);
    if (!range) return null;
    out.range = range;
  }
  if (axis === 'columns') {
    if (Array.isArray(view.filterSpecs)) {
      out.filterSpecs = (view.filterSpecs as { columnIndex?: number }[])
        .map((spec) => ({ ...spec, columnIndex: mapIndex(change, spec.columnIndex ?? 0) }))
        .filter((spec) => spec.columnIndex !== null);
    }
    if (view.criteria && typeof view.criteria === 'object') {
      const criteria: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(view.criteria as Record<string, unknown>)) {
        const next = mapIndex(change, Number(key));
        if (next !== null) criteria[String(next)] = value;
      }
      out.criteria = criteria;
    }
    if (Array.isArray(view.sortSpecs)) {
      out.sortSpecs = (view.sortSpecs as { dimensionIndex?: number }[])
        .map((spec) => ({ ...spec, dimensionIndex: mapIndex(change, spec.dimensionIndex ?? 0) }))
        .filter((spec) => spec.dimensionIndex !== null);
    }
  }
  return out;
}
