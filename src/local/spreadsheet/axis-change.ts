/**
 * A structural change along one axis of a sheet (rows or columns): insert, delete or move a block.
 * Everything anchored to grid positions (cell layers, developer metadata, protections, conditional-format
 * ranges, named ranges, filter views) is remapped with the same two functions, so all of it stays aligned
 * with the data when a user or a script reshapes the sheet (docs/apps-script/spreadsheet.md §5: "remain associated at those
 * locations as they move around… If the associated object is deleted then its metadata is deleted too").
 * Indexes are 0-based; spans are half-open [start, end) with `null` = unbounded end.
 */
export type AxisChange =
  | { kind: 'insert'; at: number; count: number }
  | { kind: 'delete'; at: number; count: number }
  /** Apps Script moveRows/moveColumns: the block [from, from+count) goes before original index `to`. */
  | { kind: 'move'; from: number; count: number; to: number };

export type Axis = 'rows' | 'columns';

export function mapIndex(change: AxisChange, i: number): number | null {
  switch (change.kind) {
    case 'insert':
      return i >= change.at ? i + change.count : i;
    case 'delete':
      if (i < change.at) return i;
      return i < change.at + change.count ? null : i - change.count;
    case 'move': {
      const { from, count, to } = change;
      const dest = to > from ? to - count : to;
      if (i >= from && i < from + count) return dest + (i - from);
      const without = i < from ? i : i - count;
      return without >= dest ? without + count : without;
    }
  }
}

export function mapSpan(change: AxisChange, start: number, end: number | null): [number, number | null] | null {
  switch (change.kind) {
    case 'insert': {
      const s = start >= change.at ? start + change.count : start;
      const e = end === null ? null : end > change.at ? end + change.count : end;
      return [s, e];
    }
    case 'delete': {
      const stop = change.at + change.count;
      const s = start < change.at ? start : start < stop ? change.at : start - change.count;
      const e = end === null ? null : end <= change.at ? end : end < stop ? change.at : end - change.count;
      if (e !== null && e <= s) return null;
      return [s, e];
    }
    case 'move': {
      if (end === null) return [Math.min(...candidateStarts(change, start)), null];
      // f is increasing on each of the three pieces, so the image's bounds come from the pieces' ends.
      const { from, count } = change;
      const pieces: [number, number][] = [
        [start, Math.min(end, from)],
        [Math.max(start, from), Math.min(end, from + count)],
        [Math.max(start, from + count), end],
      ];
      let lo = Infinity;
      let hi = -Infinity;
      for (const [a, b] of pieces) {
        if (a >= b) continue;
        lo = Math.min(lo, mapIndex(change, a) as number);
        hi = Math.max(hi, (mapIndex(change, b - 1) as number) + 1);
      }
      return [lo, hi];
    }
  }
}

function candidateStarts(change: Extract<AxisChange, { kind: 'move' }>, start: number): number[] {
  const out = [mapIndex(change, start) as number];
  if (start <= change.from) out.push(mapIndex(change, change.from) as number);
  return out;
}

/**
 * Reorders an array the way `change` reorders indexes (used for cell layers and per-row arrays). Written
 * without spread arguments so that inserting 100,000 rows does not overflow the call stack.
 */
export function applyToArray<T>(array: T[], change: AxisChange): void {
  switch (change.kind) {
    case 'insert': {
      if (change.at >= array.length) return;
      const oldLength = array.length;
      array.length = oldLength + change.count;
      for (let i = oldLength - 1; i >= change.at; i--) array[i + change.count] = array[i] as T;
      for (let i = change.at; i < change.at + change.count; i++) delete array[i];
      return;
    }
    case 'delete':
      if (change.at < array.length) array.splice(change.at, change.count);
      return;
    case 'move': {
      const { from, count, to } = change;
      if (array.length <= from && array.length <= to) return;
      const length = Math.max(array.length, from + count, to);
      const moved = new Array<T>(length);
      for (let i = 0; i < array.length; i++) {
        if (!(i in array)) continue;
        moved[mapIndex(change, i) as number] = array[i] as T;
      }
      array.length = 0;
      for (let i = 0; i < length; i++) if (i in moved) array[i] = moved[i] as T;
      array.length = length;
      return;
    }
  }
}

/** Remaps the keys of a sparse map of per-row/column settings (hidden, sizes). */
export function remapKeys<T>(map: Map<number, T>, change: AxisChange): Map<number, T> {
  const out = new Map<number, T>();
  for (const [key, value] of map) {
    const next = mapIndex(change, key);
    if (next !== null) out.set(next, value);
  }
  return out;
}
