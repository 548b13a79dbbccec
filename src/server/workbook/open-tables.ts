import { columnLetter } from '../../shared/schema/a1';
import { TEMPLATES, type TableKey } from '../../shared/schema/templates';
import type { Zone } from '../../shared/time/zone';
import { layoutFromCache, quotedA1, readCachedLayout, type DocumentPropertiesSnapshot } from './layout';
import { checkColumns, openTable, readTable, tableFromValues, type Table } from './table';
import { batchGetValues, type BatchRange } from './values-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Everything an action needs to start, in one call (issue 18): the header rows of the tables it will
 * search (to check their cached layouts) and the whole of the small tables it reads in full (Settings,
 * Team), with one Sheets.Spreadsheets.Values.batchGet. A table whose layout isn't cached or whose header
 * changed, or a batch the Advanced service can't answer, is opened the usual way (openTable / readTable),
 * which resolves the layout again: the result is the same, only the calls differ.
 */
export interface OpenRequest {
  /** Tables opened for targeted reads (header only). */
  open?: readonly TableKey[];
  /** Small tables read whole. */
  whole?: readonly TableKey[];
}

export function openTables(
  request: OpenRequest,
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet,
  zone: Zone,
): Partial<Record<TableKey, Table>> {
  const wanted = [
    ...(request.open ?? []).map((key) => ({ key, whole: false })),
    ...(request.whole ?? []).map((key) => ({ key, whole: true })),
  ];
  const plans: { key: TableKey; whole: boolean; range: BatchRange }[] = [];
  const out: Partial<Record<TableKey, Table>> = {};
  const slow = (key: TableKey, whole: boolean): void => {
    out[key] = whole
      ? readTable(TEMPLATES[key], properties, spreadsheet)
      : openTable(TEMPLATES[key], properties, spreadsheet);
  };
  for (const { key, whole } of wanted) {
    const template = TEMPLATES[key];
    const cached = readCachedLayout(template, properties);
    if (!cached) continue;
    const width = Math.max(cached.headers.length, ...Object.values(cached.columns), 1);
    const dateColumns = new Set(
      template.columns
        .filter((column) => (column.type === 'date' || column.type === 'datetime') && column.key in cached.columns)
        .map((column) => (cached.columns[column.key] as number) - 1),
    );
    const a1 = whole ? `A1:${columnLetter(width)}` : `A1:${columnLetter(width)}1`;
    plans.push({ key, whole, range: { a1: quotedA1(cached.sheetName, a1), columns: width, dateColumns } });
  }
  const ids: { spreadsheetId?: string } = {};
  const spreadsheetId = (): string => (ids.spreadsheetId = ids.spreadsheetId ?? spreadsheet.getId());
  const ranges = plans.map((plan) => plan.range);
  const values = plans.length >= 2 ? batchGetValues(spreadsheetId, ranges, zone) : null;
  if (values) {
    plans.forEach((plan, index) => {
      const template = TEMPLATES[plan.key];
      const cached = readCachedLayout(template, properties);
      const cells = values[index] as unknown[][];
      const layout = cached ? layoutFromCache(template, cached, cells[0]) : null;
      if (!layout) return; // header changed: resolved below the usual way
      if (plan.whole) {
        out[plan.key] = tableFromValues(template, layout, cells.length > 0 ? cells : [[]], spreadsheet, null);
      } else {
        checkColumns(template, layout);
        out[plan.key] = {
          template,
          layout,
          records: [],
          grid: [cells[0] ?? []],
          lastRow: null,
          maxRows: null,
          spreadsheet,
        };
      }
    });
  }
  for (const { key, whole } of wanted) if (!out[key]) slow(key, whole);
  // The tables opened together share the id, so later batch reads don't ask for it again.
  for (const table of Object.values(out)) if (table) table.ids = ids;
  return out;
}
