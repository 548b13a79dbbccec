import { applyToArray, type Axis, type AxisChange } from './axis-change';

/**
 * One layer of per-cell data (values, number formats, validations, notes, fonts…): an array of rows, each
 * a plain array, with `undefined` for empty. Rows nobody wrote stay `undefined`, so a 100,000-row sheet with
 * data in 30 columns costs 100,000 small arrays and nothing per empty cell. Indexes are 0-based.
 */
export class Grid<T> {
  rows: (T[] | undefined)[] = [];
  /** Bumped on every change; lets readers cache scans such as "last column with content". */
  version = 0;

  get(r: number, c: number): T | undefined {
    const row = this.rows[r];
    return row === undefined ? undefined : row[c];
  }

  set(r: number, c: number, value: T | undefined): void {
    this.version++;
    let row = this.rows[r];
    if (value === undefined) {
      if (row !== undefined && c < row.length) delete row[c];
      return;
    }
    if (row === undefined) {
      row = [];
      this.rows[r] = row;
    }
    row[c] = value;
  }

  /** The row array for writing (created when missing). */
  rowForWrite(r: number): T[] {
    this.version++;
    let row = this.rows[r];
    if (row === undefined) {
      row = [];
      this.rows[r] = row;
    }
    return row;
  }

  clear(r0: number, c0: number, r1: number, c1: number): void {
    this.version++;
    const last = Math.min(r1, this.rows.length);
    for (let r = r0; r < last; r++) {
      const row = this.rows[r];
      if (row === undefined) continue;
      if (c0 === 0 && c1 >= row.length) {
        this.rows[r] = undefined;
        continue;
      }
      const end = Math.min(c1, row.length);
      for (let c = c0; c < end; c++) delete row[c];
    }
  }

  apply(axis: Axis, change: AxisChange): void {
    this.version++;
    if (axis === 'rows') {
      applyToArray(this.rows, change);
      return;
    }
    for (const row of this.rows) if (row !== undefined) applyToArray(row, change);
  }

  /** Copies one row's (or column's) entries onto a span of others: inserted rows inherit their neighbour's formats. */
  copyLine(axis: Axis, source: number, targetStart: number, count: number): void {
    this.version++;
    if (axis === 'rows') {
      const src = this.rows[source];
      if (src === undefined) return;
      for (let k = 0; k < count; k++) this.rows[targetStart + k] = src.slice();
      return;
    }
    for (const row of this.rows) {
      if (row === undefined || !(source in row)) continue;
      for (let k = 0; k < count; k++) row[targetStart + k] = row[source] as T;
    }
  }

  /** 1-based index of the last row holding anything (0 when none). */
  lastRow(isPresent: (value: T) => boolean = () => true): number {
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const row = this.rows[r];
      if (row === undefined) continue;
      for (let c = row.length - 1; c >= 0; c--) {
        const v = row[c];
        if (v !== undefined && isPresent(v)) return r + 1;
      }
    }
    return 0;
  }

  private lastColCache: { version: number; value: number } | null = null;

  /** 1-based index of the last column holding anything (0 when none), cached until the next change. */
  lastColumn(): number {
    if (this.lastColCache && this.lastColCache.version === this.version) return this.lastColCache.value;
    let last = 0;
    for (const row of this.rows) {
      if (row === undefined || row.length <= last) continue;
      for (let c = row.length - 1; c >= last; c--) {
        if (row[c] !== undefined) {
          last = c + 1;
          break;
        }
      }
    }
    this.lastColCache = { version: this.version, value: last };
    return last;
  }

  /** Drops everything at or beyond the given size (after the sheet shrinks). */
  truncate(maxRows: number, maxCols: number): void {
    if (this.rows.length > maxRows) this.rows.length = maxRows;
    for (const row of this.rows) if (row !== undefined && row.length > maxCols) row.length = maxCols;
  }

  /** Plain data for save/load: [rowIndex, [[colIndex, value]…]]… */
  entries<U>(encode: (value: T) => U): [number, [number, U][]][] {
    const out: [number, [number, U][]][] = [];
    this.rows.forEach((row, r) => {
      if (row === undefined) return;
      const cells: [number, U][] = [];
      row.forEach((value, c) => {
        if (value !== undefined) cells.push([c, encode(value)]);
      });
      if (cells.length > 0) out.push([r, cells]);
    });
    return out;
  }

  load<U>(entries: [number, [number, U][]][], decode: (value: U) => T): void {
    this.rows = [];
    this.version++;
    for (const [r, cells] of entries) {
      const row: T[] = [];
      for (const [c, value] of cells) row[c] = decode(value);
      this.rows[r] = row;
    }
  }
}
