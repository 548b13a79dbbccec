import { gasError, notSupported, signatureError } from '../core/errors';
import { GasEnumValue } from '../core/gas-object';
import { cellA1 } from './a1';
import type { Book } from './book';
import { FORMAT_KEYS } from './range-base';
import type { AttrKey, Rect, SheetModel } from './model';
import type { Range } from './range';
import { passesValidation, validationErrorText } from './validation';
import { FormulaCell, type CellValue } from './values';

/**
 * Range.copyTo, copyValuesToRange and copyFormatToRange (docs/apps-script-behaviour.md, "Range.copyTo"):
 * a server-side paste inside one spreadsheet. The source is pasted at the destination's top-left; a larger
 * destination repeats it as many whole times as fit, a smaller one still receives the whole source.
 */

type Stored = Exclude<CellValue, null>;

/** What a paste carries: the cells' contents ('all' keeps formulas, 'values' only plain values), formats, rules. */
export interface PastePlan {
  contents: 'all' | 'values' | null;
  formats: boolean;
  validation: boolean;
  notes: boolean;
  columnWidths: boolean;
  /** For messages: "PASTE_VALUES", "contentsOnly"… */
  label: string;
}

const NORMAL: PastePlan = {
  contents: 'all',
  formats: true,
  validation: true,
  notes: true,
  columnWidths: false,
  label: 'PASTE_NORMAL',
};
const NONE: Omit<PastePlan, 'label'> = {
  contents: null,
  formats: false,
  validation: false,
  notes: false,
  columnWidths: false,
};

/** CopyPasteType key → what is pasted (DOCS copy-paste-type; PASTE_FORMAT includes data validation as the Sheets API's PasteType does). */
export function planForType(key: string): PastePlan {
  switch (key) {
    case 'PASTE_NORMAL':
      return NORMAL;
    case 'PASTE_NO_BORDERS': // borders are not modelled, so this is PASTE_NORMAL
      return { ...NORMAL, label: key };
    case 'PASTE_VALUES':
      return { ...NONE, contents: 'values', label: key };
    case 'PASTE_FORMULA':
      return { ...NONE, contents: 'all', label: key };
    case 'PASTE_FORMAT':
      return { ...NONE, formats: true, validation: true, label: key };
    case 'PASTE_DATA_VALIDATION':
      return { ...NONE, validation: true, label: key };
    case 'PASTE_COLUMN_WIDTHS':
      return { ...NONE, columnWidths: true, label: key };
    default:
      throw notSupported(`Range.copyTo with CopyPasteType.${key} (conditional-format rules are not copied locally)`);
  }
}

function isCopyPasteType(value: unknown): value is GasEnumValue {
  return value instanceof GasEnumValue && value.enumName === 'CopyPasteType';
}

/**
 * The plan for copyTo's overloads: (destination), (destination, copyPasteType, transposed),
 * (destination, options). A CopyPasteType given as the second of two arguments is read as an options object
 * without contentsOnly/formatOnly, i.e. a normal paste: that is what live Apps Script does (gas-fakes skips its
 * check of `copyTo(range, PASTE_VALUES)` on Apps Script because the formats are pasted too,
 * issuetracker.google.com/issues/427192537).
 */
export function copyToPlan(
  args: unknown[],
  isRange: (v: unknown) => boolean,
): { plan: PastePlan; transposed: boolean } {
  const method = 'SpreadsheetApp.Range.copyTo';
  if (args.length < 1 || args.length > 3 || !isRange(args[0])) throw signatureError(args, method);
  if (args.length === 1) return { plan: NORMAL, transposed: false };
  if (args.length === 3) {
    if (!isCopyPasteType(args[1]) || typeof args[2] !== 'boolean') throw signatureError(args, method);
    return { plan: planForType(args[1].key), transposed: args[2] };
  }
  const options = args[1];
  if (isCopyPasteType(options)) return { plan: NORMAL, transposed: false };
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw notSupported(
      `Range.copyTo(destination, ${typeof options}) (neither options nor a CopyPasteType with transposed)`,
    );
  }
  const keys = Object.keys(options);
  const unknown = keys.filter((k) => k !== 'contentsOnly' && k !== 'formatOnly');
  if (unknown.length > 0) throw notSupported(`Range.copyTo options ${unknown.join(', ')}`);
  const { contentsOnly, formatOnly } = options as { contentsOnly?: unknown; formatOnly?: unknown };
  for (const v of [contentsOnly, formatOnly]) {
    if (v !== undefined && typeof v !== 'boolean') throw signatureError(args, method);
  }
  if (contentsOnly && formatOnly) throw notSupported('Range.copyTo with both contentsOnly and formatOnly');
  // contentsOnly: the cells' contents as PASTE_VALUES pastes them (formulas are refused below, UNCONFIRMED).
  if (contentsOnly) return { plan: { ...NONE, contents: 'values', label: 'contentsOnly' }, transposed: false };
  if (formatOnly) return { plan: { ...NONE, formats: true, validation: true, label: 'formatOnly' }, transposed: false };
  return { plan: NORMAL, transposed: false };
}

/** A1-like references in a formula, outside string literals ("A1", "$B$2", "C:C", "3:3"; not function names). */
const FORMULA_REF = /(\$?[A-Za-z]{1,3}\$?\d+|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)(?![\w(])/;

function hasReference(formula: string): boolean {
  return FORMULA_REF.test(formula.replace(/"[^"]*"/g, '""'));
}

function rectsIntersect(a: Rect, sheet: SheetModel, r0: number, c0: number, r1: number, c1: number): boolean {
  const ar1 = a.r1 ?? sheet.maxRows;
  const ac1 = a.c1 ?? sheet.maxColumns;
  return a.r0 < r1 && r0 < ar1 && a.c0 < c1 && c0 < ac1;
}

/**
 * Pastes `source` with its top-left at (destRow0, destCol0) of `dest` (0-based), over a destination block of
 * destRows × destCols: the source (transposed if asked) repeats as many whole times as fit, at least once.
 */
export function pasteRange(
  book: Book,
  source: Range,
  dest: SheetModel,
  destRow0: number,
  destCol0: number,
  destRows: number,
  destCols: number,
  plan: PastePlan,
  transposed: boolean,
): void {
  const src = source._sheet;
  const [sr0, sc0, sr, sc] = [source._r0(), source._c0(), source._nr(), source._nc()];
  const [tr, tc] = transposed ? [sc, sr] : [sr, sc];
  const rows = Math.max(1, Math.floor(destRows / tr)) * tr;
  const cols = Math.max(1, Math.floor(destCols / tc)) * tc;
  // Same text as getRange past the sheet's edge (UNCONFIRMED for copyTo).
  if (destRow0 + rows > dest.maxRows || destCol0 + cols > dest.maxColumns) {
    throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
  }
  /** The source cell (0-based, absolute) pasted at area cell (i, j). */
  const from = (i: number, j: number): [number, number] => {
    const [a, b] = [i % tr, j % tc];
    return transposed ? [sr0 + b, sc0 + a] : [sr0 + a, sc0 + b];
  };

  if (
    plan.formats &&
    src.conditionalRules.some((rule) => rule.ranges.some((r) => rectsIntersect(r, src, sr0, sc0, sr0 + sr, sc0 + sc)))
  ) {
    throw notSupported('Range.copyTo of cells under a conditional-format rule (rules are not copied locally)');
  }

  // Read everything first: source and destination may overlap.
  let contents: (Stored | undefined)[][] | null = null;
  if (plan.contents) {
    contents = [];
    for (let i = 0; i < rows; i++) {
      const line: (Stored | undefined)[] = new Array(cols);
      for (let j = 0; j < cols; j++) {
        const [r, c] = from(i, j);
        const v = src.values.get(r, c);
        if (v instanceof FormulaCell) {
          if (plan.contents === 'values') {
            throw notSupported(`Range.copyTo (${plan.label}) of a formula cell: formulas are not computed locally`);
          }
          if ((transposed || r !== destRow0 + i || c !== destCol0 + j || src !== dest) && hasReference(v.formula)) {
            throw notSupported(
              'Range.copyTo of a formula with cell references to another position (references are not adjusted locally)',
            );
          }
        }
        line[j] = v;
      }
      contents.push(line);
    }
  }
  const attrKeys: AttrKey[] = [
    ...(plan.formats ? FORMAT_KEYS : []),
    ...(plan.validation ? (['validation'] as AttrKey[]) : []),
    ...(plan.notes ? (['note'] as AttrKey[]) : []),
  ];
  const attrs = attrKeys.map((key) => {
    const grid = src.attrs[key];
    const block: unknown[][] = [];
    for (let i = 0; i < rows; i++) {
      const line: unknown[] = new Array(cols);
      for (let j = 0; j < cols; j++) line[j] = grid ? grid.get(...from(i, j)) : undefined;
      block.push(line);
    }
    return { key, block };
  });

  // A values paste into cells whose reject-input rule stays in place is checked like setValues.
  if (contents && !plan.validation) {
    const rules = dest.attrs.validation;
    for (let i = 0; rules && i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const spec = rules.get(destRow0 + i, destCol0 + j);
        if (spec && !spec.allowInvalid && !passesValidation(book, spec, (contents[i] as (Stored | undefined)[])[j])) {
          throw gasError(validationErrorText(cellA1(destRow0 + i + 1, destCol0 + j + 1)));
        }
      }
    }
  }

  if (contents) {
    for (let i = 0; i < rows; i++) {
      const line = contents[i] as (Stored | undefined)[];
      for (let j = 0; j < cols; j++) dest.values.set(destRow0 + i, destCol0 + j, line[j]);
    }
  }
  for (const { key, block } of attrs) {
    const grid = dest.attr(key) as { set(r: number, c: number, v: unknown): void };
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) grid.set(destRow0 + i, destCol0 + j, (block[i] as unknown[])[j]);
    }
  }
  if (plan.columnWidths) {
    if (transposed) throw notSupported('Range.copyTo of column widths, transposed');
    const widths = Array.from({ length: cols }, (_, j) => src.columnWidths.get(sc0 + (j % tc)));
    widths.forEach((w, j) => {
      if (w === undefined) dest.columnWidths.delete(destCol0 + j);
      else dest.columnWidths.set(destCol0 + j, w);
    });
  }
  if (contents || attrs.length > 0) book.ctx.meter.recordCells(0, rows * cols);
}

/**
 * copyValuesToRange / copyFormatToRange (sheet | gridId, column, columnEnd, row, rowEnd): 1-based, inclusive
 * ends, on a sheet of the same spreadsheet.
 */
export function copyToCoordinates(
  book: Book,
  source: Range,
  args: unknown[],
  method: 'copyValuesToRange' | 'copyFormatToRange',
  isSheet: (v: unknown) => SheetModel | null,
  ownerOf: (v: unknown) => Book | null,
): void {
  const qualified = `SpreadsheetApp.Range.${method}`;
  if (args.length !== 5 || args.slice(1).some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw signatureError(args, qualified);
  }
  let sheet: SheetModel | null;
  if (typeof args[0] === 'number') {
    sheet = book.sheetById(args[0]) ?? null;
    if (!sheet) throw gasError('Range not found'); // UNCONFIRMED text for an unknown gridId
  } else {
    sheet = isSheet(args[0]);
    if (!sheet) throw signatureError(args, qualified);
    if (ownerOf(args[0]) !== book) throw gasError('Target range and source range must be on the same spreadsheet.');
  }
  const [column, columnEnd, row, rowEnd] = (args.slice(1) as number[]).map(Math.floor) as [
    number,
    number,
    number,
    number,
  ];
  const [c0, c1] = [Math.min(column, columnEnd), Math.max(column, columnEnd)];
  const [r0, r1] = [Math.min(row, rowEnd), Math.max(row, rowEnd)];
  if (r0 < 1) throw gasError('The starting row of the range is too small.');
  if (c0 < 1) throw gasError('The starting column of the range is too small.');
  const plan =
    method === 'copyValuesToRange'
      ? { ...NONE, contents: 'values' as const, label: method }
      : { ...NONE, formats: true, validation: true, label: method };
  pasteRange(book, source, sheet, r0 - 1, c0 - 1, r1 - r0 + 1, c1 - c0 + 1, plan, false);
}
