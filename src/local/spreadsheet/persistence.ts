import type { StatePart } from '../core/state';
import { isEncodedDate } from '../core/state';
import type { SpreadsheetDrive } from './drive';
import type { Grid } from './grid';
import { RangeRef, SheetModel, type AttrKey, type SpecValue, type ValidationSpec, type WorkbookModel } from './model';
import { DateCell, FormulaCell, type CellValue } from './values';

/**
 * Save/load of the whole workbook as JSON (cells, formats, validations, metadata, protections, rules,
 * filter views, named ranges, toasts). Dates are {$date: ms} (core/state.ts), formulas {$formula},
 * ranges inside rules {$range}. Validation rules are interned: one table entry per distinct rule, so a
 * rule applied to 100,000 cells is written once.
 */
type Stored = Exclude<CellValue, null>;

function encodeCell(v: Stored): unknown {
  if (v instanceof DateCell) return { $date: v.ms };
  if (v instanceof FormulaCell) return { $formula: v.formula };
  return v;
}

function decodeCell(v: unknown): Stored {
  if (isEncodedDate(v)) return new DateCell(v.$date);
  if (v && typeof v === 'object' && typeof (v as { $formula?: unknown }).$formula === 'string') {
    return new FormulaCell((v as { $formula: string }).$formula);
  }
  return v as Stored;
}

function encodeSpec(v: SpecValue): unknown {
  if (v instanceof DateCell) return { $date: v.ms };
  if (v instanceof RangeRef) return { $range: [v.sheetId, v.row, v.col, v.numRows, v.numCols] };
  if (Array.isArray(v)) return v.map(encodeSpec);
  return v;
}

function decodeSpec(v: unknown): SpecValue {
  if (isEncodedDate(v)) return new DateCell(v.$date);
  if (v && typeof v === 'object' && Array.isArray((v as { $range?: unknown }).$range)) {
    const [a, b, c, d, e] = (v as { $range: number[] }).$range as [number, number, number, number, number];
    return new RangeRef(a, b, c, d, e);
  }
  if (Array.isArray(v)) return v.map(decodeSpec);
  return v as SpecValue;
}

interface SavedSheet {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  values: [number, [number, unknown][]][];
  attrs: Record<string, [number, [number, unknown][]][]>;
  rowHeights: [number, number][];
  columnWidths: [number, number][];
  hiddenRows: number[];
  hiddenColumns: number[];
  conditionalRules: unknown;
  filterViews: unknown;
  /** Absent in states saved before charts were modelled. */
  charts?: unknown;
}

export function serializeWorkbook(wb: WorkbookModel): unknown {
  const specs: ValidationSpec[] = [];
  const specIndex = new Map<ValidationSpec, number>();
  const sheets: SavedSheet[] = wb.sheets.map((s) => {
    const attrs: SavedSheet['attrs'] = {};
    for (const [key, grid] of Object.entries(s.attrs) as [AttrKey, Grid<unknown>][]) {
      attrs[key] =
        key === 'validation'
          ? grid.entries((spec) => {
              const known = specIndex.get(spec as ValidationSpec);
              if (known !== undefined) return known;
              specIndex.set(spec as ValidationSpec, specs.length);
              specs.push(spec as ValidationSpec);
              return specs.length - 1;
            })
          : grid.entries((v) => v);
    }
    return {
      id: s.id,
      name: s.name,
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      hidden: s.hidden,
      tabColor: s.tabColor,
      values: s.values.entries(encodeCell),
      attrs,
      rowHeights: [...s.rowHeights],
      columnWidths: [...s.columnWidths],
      hiddenRows: [...s.hiddenRows.keys()],
      hiddenColumns: [...s.hiddenColumns.keys()],
      conditionalRules: s.conditionalRules.map((r) => ({
        ...r,
        condition: r.condition ? { type: r.condition.type, values: r.condition.values.map(encodeSpec) } : null,
      })),
      filterViews: JSON.parse(JSON.stringify(s.filterViews)),
      charts: JSON.parse(JSON.stringify(s.charts)),
    };
  });
  return {
    id: wb.id,
    name: wb.name,
    url: wb.url,
    timeZone: wb.timeZone,
    locale: wb.locale,
    activeSheetId: wb.activeSheetId,
    activeRange: wb.activeRange,
    namedRanges: wb.namedRanges,
    metadata: wb.metadata,
    protections: wb.protections,
    toasts: wb.toasts,
    counters: wb.counters,
    ...(wb.access ? { access: { owner: wb.access.owner, editors: [...wb.access.editors] } } : {}),
    validations: specs.map((spec) => ({ ...spec, values: spec.values.map(encodeSpec) })),
    sheets,
  };
}

export function restoreWorkbook(data: unknown): WorkbookModel {
  const saved = JSON.parse(JSON.stringify(data)) as Record<string, unknown> & {
    sheets: SavedSheet[];
    validations: ValidationSpec[];
  };
  const specs: ValidationSpec[] = saved.validations.map((spec) => ({ ...spec, values: spec.values.map(decodeSpec) }));
  const sheets = saved.sheets.map((s) => {
    const sheet = new SheetModel(s.id, s.name, s.maxRows, s.maxColumns);
    sheet.frozenRows = s.frozenRows;
    sheet.frozenColumns = s.frozenColumns;
    sheet.hidden = s.hidden;
    sheet.tabColor = s.tabColor;
    sheet.values.load(s.values, decodeCell);
    for (const [key, entries] of Object.entries(s.attrs) as [AttrKey, [number, [number, unknown][]][]][]) {
      const grid = sheet.attr(key) as Grid<unknown>;
      grid.load(entries, key === 'validation' ? (i) => specs[i as number] : (v) => v);
    }
    sheet.rowHeights = new Map(s.rowHeights);
    sheet.columnWidths = new Map(s.columnWidths);
    sheet.hiddenRows = new Map(s.hiddenRows.map((r) => [r, true]));
    sheet.hiddenColumns = new Map(s.hiddenColumns.map((c) => [c, true]));
    sheet.conditionalRules = (s.conditionalRules as SheetModel['conditionalRules']).map((r) => ({
      ...r,
      condition: r.condition ? { type: r.condition.type, values: r.condition.values.map(decodeSpec) } : null,
    }));
    sheet.filterViews = s.filterViews as SheetModel['filterViews'];
    sheet.charts = (s.charts ?? []) as SheetModel['charts'];
    return sheet;
  });
  return {
    id: saved.id as string,
    name: saved.name as string,
    url: saved.url as string,
    timeZone: saved.timeZone as string,
    locale: saved.locale as string,
    sheets,
    activeSheetId: saved.activeSheetId as number,
    activeRange: saved.activeRange as WorkbookModel['activeRange'],
    namedRanges: saved.namedRanges as WorkbookModel['namedRanges'],
    metadata: saved.metadata as WorkbookModel['metadata'],
    protections: saved.protections as WorkbookModel['protections'],
    toasts: saved.toasts as WorkbookModel['toasts'],
    counters: saved.counters as WorkbookModel['counters'],
    ...(saved.access ? { access: saved.access as NonNullable<WorkbookModel['access']> } : {}),
  };
}

/**
 * The "spreadsheet" part of a runtime snapshot: the bound workbook as before, plus `otherSpreadsheets` (those
 * made with SpreadsheetApp.create). States saved before there were several spreadsheets have no such field
 * and restore with the bound one only.
 */
export function workbookStatePart(drive: SpreadsheetDrive): StatePart {
  return {
    name: 'spreadsheet',
    serialize: () => ({
      ...(serializeWorkbook(drive.bound.model) as Record<string, unknown>),
      otherSpreadsheets: drive.others().map((b) => serializeWorkbook(b.model)),
    }),
    restore: (data) => {
      const { otherSpreadsheets, ...bound } = data as { otherSpreadsheets?: unknown[] };
      drive.bound.model = restoreWorkbook(bound);
      drive.replaceOthers((otherSpreadsheets ?? []).map(restoreWorkbook));
    },
  };
}
