/**
 * The grid as the playground API sends it and the page draws it: shared by the server (sheet-view.ts)
 * and the page (page/client.ts), so the two can't drift. Types only: no imports, no DOM, no Node.
 */
export interface GridCell {
  /** Display value. */
  v: string;
  bg?: string;
  fc?: string;
  b?: boolean;
  i?: boolean;
  s?: boolean;
  al?: string;
  wrap?: boolean;
  /** Index into GridView.lists: the cell has a dropdown. */
  list?: number;
  /** The cell is a checkbox; its value. */
  cb?: boolean;
  note?: string;
}

export interface GridView {
  sheetName: string;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  lastRow: number;
  columns: { col: number; letter: string; width: number; hidden: boolean }[];
  rows: { row: number; cells: GridCell[] }[];
  lists: string[][];
  /** Data rows in view (after filtering) and the page shown. */
  totalRows: number;
  offset: number;
  limit: number;
  filterViewId: number | null;
}
