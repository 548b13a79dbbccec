import { gasError } from '../core/errors';
import { cellA1, columnToLetters, parseA1 } from './a1';
import type { Book } from './book';
import { chartInfos, type ChartInfo } from './charts-model';
import { rowsVisibleInFilterView } from './filter-eval';
import type { CfRuleModel, FilterViewJson, Rect, SheetModel, SpecValue, ValidationSpec } from './model';
import { DEFAULT_COLUMN_WIDTH, RangeRef } from './model';
import { deleteLines, insertLines, moveLines } from './structure';
import { DateCell, DEFAULT_NUMBER_FORMAT, formatDisplay, FormulaCell, parseTypedInput } from './values';
import { createUserEdits } from './user-edits';
import { passesValidation, validationErrorText } from './validation';

/**
 * Read-only views of the workbook and USER actions, for tests and the playground. Nothing here is metered
 * or reachable from scripts; everything returned is plain data (Dates are Node Dates).
 */
export interface SheetInfo {
  name: string;
  sheetId: number;
  index: number;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  /** 1-based column numbers hidden by the user or a script. */
  hiddenColumns: number[];
  hiddenRows: number[];
  /** Explicit widths by 1-based column; others are 100 px. */
  columnWidths: Record<number, number>;
}

export interface BlockRef {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

function plainSpec(book: Book, v: SpecValue): unknown {
  if (v instanceof DateCell) return new Date(v.ms);
  if (v instanceof RangeRef) {
    const sheet = book.sheetById(v.sheetId);
    const a1 =
      v.numRows === 1 && v.numCols === 1
        ? cellA1(v.row, v.col)
        : `${cellA1(v.row, v.col)}:${cellA1(v.row + v.numRows - 1, v.col + v.numCols - 1)}`;
    return { sheetName: sheet?.name ?? null, a1 };
  }
  if (Array.isArray(v)) return v.map((x) => plainSpec(book, x));
  return v;
}

export function rectA1(sheet: SheetModel, rect: Rect): string {
  if (rect.r1 === null && rect.r0 === 0)
    return `${columnToLetters(rect.c0 + 1)}:${columnToLetters(rect.c1 ?? sheet.maxColumns)}`;
  if (rect.c1 === null && rect.c0 === 0) return `${rect.r0 + 1}:${rect.r1 ?? sheet.maxRows}`;
  const r1 = rect.r1 ?? sheet.maxRows;
  const c1 = rect.c1 ?? sheet.maxColumns;
  if (r1 === rect.r0 + 1 && c1 === rect.c0 + 1) return cellA1(rect.r0 + 1, rect.c0 + 1);
  return `${cellA1(rect.r0 + 1, rect.c0 + 1)}:${cellA1(r1, c1)}`;
}

export function createWorkbookInspector(book: Book) {
  const sheetNamed = (name: string): SheetModel => {
    const sheet = book.sheetByName(name);
    if (!sheet) throw new Error(`no sheet named "${name}"`);
    return sheet;
  };
  /** A block given as A1 ("A1:C10", "D:D") or defaulting to the whole data range. */
  const block = (sheet: SheetModel, a1?: string): BlockRef => {
    if (!a1) {
      return {
        row: 1,
        col: 1,
        numRows: Math.max(1, sheet.values.lastRow()),
        numCols: Math.max(1, sheet.values.lastColumn()),
      };
    }
    const ref = parseA1(a1);
    const endRow = ref.endRow ?? sheet.maxRows;
    const endCol = ref.endCol ?? sheet.maxColumns;
    return { row: ref.row, col: ref.col, numRows: endRow - ref.row + 1, numCols: endCol - ref.col + 1 };
  };
  const mapBlock = <T>(
    sheetName: string,
    a1: string | undefined,
    fn: (sheet: SheetModel, r: number, c: number) => T,
  ): T[][] => {
    const sheet = sheetNamed(sheetName);
    const b = block(sheet, a1);
    const out: T[][] = [];
    for (let i = 0; i < b.numRows; i++) {
      const line: T[] = [];
      for (let j = 0; j < b.numCols; j++) line.push(fn(sheet, b.row - 1 + i, b.col - 1 + j));
      out.push(line);
    }
    return out;
  };
  const clock = () => ({ timeZone: book.model.timeZone, locale: book.model.locale, nowMs: book.ctx.now() });

  return {
    spreadsheetId: (): string => book.model.id,
    info: () => ({
      id: book.model.id,
      name: book.model.name,
      url: book.model.url,
      timeZone: book.model.timeZone,
      locale: book.model.locale,
    }),
    sheets: (): SheetInfo[] =>
      book.model.sheets.map((s, index) => ({
        name: s.name,
        sheetId: s.id,
        index,
        maxRows: s.maxRows,
        maxColumns: s.maxColumns,
        lastRow: s.values.lastRow(),
        lastColumn: s.values.lastColumn(),
        frozenRows: s.frozenRows,
        frozenColumns: s.frozenColumns,
        hidden: s.hidden,
        hiddenColumns: [...s.hiddenColumns.keys()].map((c) => c + 1).sort((a, b) => a - b),
        hiddenRows: [...s.hiddenRows.keys()].map((r) => r + 1).sort((a, b) => a - b),
        columnWidths: Object.fromEntries([...s.columnWidths].map(([c, w]) => [c + 1, w])),
      })),
    columnWidth: (sheetName: string, column: number): number =>
      sheetNamed(sheetName).columnWidths.get(column - 1) ?? DEFAULT_COLUMN_WIDTH,
    /** Raw values as getValues gives them ('' when empty), Node Dates; formulas as their "#NAME?" value. */
    values: (sheetName: string, a1?: string): unknown[][] =>
      mapBlock(sheetName, a1, (s, r, c) => {
        const v = s.values.get(r, c);
        if (v === undefined) return '';
        if (v instanceof DateCell) return new Date(v.ms);
        if (v instanceof FormulaCell) return formatDisplay(v, null, book.model.timeZone, book.model.locale);
        return v;
      }),
    displayValues: (sheetName: string, a1?: string): string[][] =>
      mapBlock(sheetName, a1, (s, r, c) =>
        formatDisplay(
          s.values.get(r, c) ?? null,
          s.attrAt('numberFormat', r, c) ?? null,
          book.model.timeZone,
          book.model.locale,
        ),
      ),
    formulas: (sheetName: string, a1?: string): string[][] =>
      mapBlock(sheetName, a1, (s, r, c) => {
        const v = s.values.get(r, c);
        return v instanceof FormulaCell ? v.formula : '';
      }),
    numberFormats: (sheetName: string, a1?: string): string[][] =>
      mapBlock(sheetName, a1, (s, r, c) => s.attrAt('numberFormat', r, c) ?? DEFAULT_NUMBER_FORMAT),
    /** Formats, fonts and notes of each cell that has any (empty object otherwise). */
    cellFormats: (sheetName: string, a1?: string): Record<string, unknown>[][] =>
      mapBlock(sheetName, a1, (s, r, c) => {
        const out: Record<string, unknown> = {};
        for (const [key, grid] of Object.entries(s.attrs)) {
          if (key === 'validation' || !grid) continue;
          const v = grid.get(r, c);
          if (v !== undefined) out[key] = v;
        }
        return out;
      }),
    /** Validations as runs down each column: one entry per block of cells sharing one rule. */
    validations: (sheetName: string) => {
      const sheet = sheetNamed(sheetName);
      const grid = sheet.attrs.validation;
      const out: { a1: string; criteria: string; values: unknown[]; allowInvalid: boolean; helpText: string | null }[] =
        [];
      if (!grid) return out;
      const maxCol = grid.lastColumn();
      for (let c = 0; c < maxCol; c++) {
        let start = -1;
        let current: ValidationSpec | undefined;
        const flush = (end: number) => {
          if (current && start >= 0) {
            out.push({
              a1: end - start === 1 ? cellA1(start + 1, c + 1) : `${cellA1(start + 1, c + 1)}:${cellA1(end, c + 1)}`,
              criteria: current.criteria,
              values: current.values.map((v) => plainSpec(book, v)),
              allowInvalid: current.allowInvalid,
              helpText: current.helpText,
            });
          }
        };
        for (let r = 0; r <= grid.rows.length; r++) {
          const spec = r < grid.rows.length ? grid.get(r, c) : undefined;
          if (spec !== current) {
            flush(r);
            current = spec;
            start = r;
          }
        }
      }
      return out;
    },
    protections: () =>
      book.model.protections.map((p) => {
        const sheet = book.sheetById(p.sheetId);
        return {
          id: p.id,
          type: p.type,
          sheetName: sheet?.name ?? null,
          a1: p.rect && sheet ? rectA1(sheet, p.rect) : null,
          description: p.description,
          warningOnly: p.warningOnly,
        };
      }),
    conditionalFormatRules: (sheetName: string) => {
      const sheet = sheetNamed(sheetName);
      return sheet.conditionalRules.map((rule: CfRuleModel) => ({
        ranges: rule.ranges.map((r) => rectA1(sheet, r)),
        condition: rule.condition
          ? { type: rule.condition.type, values: rule.condition.values.map((v) => plainSpec(book, v)) }
          : null,
        format: { ...rule.format },
      }));
    },
    developerMetadata: () =>
      book.model.metadata.map((m) => {
        const loc = m.location;
        const sheet = loc.type === 'SPREADSHEET' ? undefined : book.sheetById(loc.sheetId);
        const location: Record<string, unknown> = { type: loc.type };
        if (sheet) location.sheetName = sheet.name;
        if (loc.type === 'COLUMN') location.a1 = `${columnToLetters(loc.index + 1)}:${columnToLetters(loc.index + 1)}`;
        if (loc.type === 'ROW') location.a1 = `${loc.index + 1}:${loc.index + 1}`;
        return { id: m.id, key: m.key, value: m.value, visibility: m.visibility, location };
      }),
    filterViews: (sheetName?: string): (FilterViewJson & { sheetName: string })[] =>
      book.model.sheets
        .filter((s) => sheetName === undefined || s.name === sheetName)
        .flatMap((s) =>
          s.filterViews.map((v) => ({ ...(JSON.parse(JSON.stringify(v)) as FilterViewJson), sheetName: s.name })),
        ),
    /** Embedded charts of a sheet: type, source ranges (A1) and options as set (charts-model.ts). */
    charts: (sheetName: string): ChartInfo[] => chartInfos(book, sheetNamed(sheetName)),
    /** 1-based data rows a filter view shows (header excluded); see filter-eval.ts. */
    rowsVisibleInFilterView: (filterViewId: number): number[] => {
      for (const sheet of book.model.sheets) {
        const view = sheet.filterViews.find((v) => v.filterViewId === filterViewId);
        if (view) return rowsVisibleInFilterView(sheet, view, clock());
      }
      throw new Error(`no filter view ${filterViewId}`);
    },
    namedRanges: () =>
      book.model.namedRanges.map((n) => {
        const sheet = book.sheetById(n.sheetId);
        return { name: n.name, sheetName: sheet?.name ?? null, a1: sheet ? rectA1(sheet, n.rect) : null };
      }),
    toasts: () => book.model.toasts.map((t) => ({ ...t })),
    active: () => {
      const sheet = book.activeSheetModel();
      const ar = book.model.activeRange;
      return {
        sheetName: sheet.name,
        range: ar && ar.sheetId === sheet.id ? rectA1(sheet, { r0: ar.r0, c0: ar.c0, r1: ar.r1, c1: ar.c1 }) : null,
      };
    },

    // ---- user actions (as a person in the Sheets UI) ----

    /**
     * Edits by hand that the harness turns into onEdit events (user-edits.ts): typing, Delete, pastes. Its
     * eventObjects() hands out the script-API Range and Spreadsheet an edit event carries.
     */
    edits: createUserEdits(book),

    /**
     * A user typing `text` into one cell: parsed like typed input (docs/apps-script/spreadsheet.md §3); a rule with
     * allowInvalid=false rejects the entry with Sheets' text (the UI shows it; we throw it).
     */
    userEdit: (sheetName: string, a1: string, text: string): void => {
      const sheet = sheetNamed(sheetName);
      const ref = parseA1(a1);
      const [r, c] = [ref.row - 1, ref.col - 1];
      if (r >= sheet.maxRows || c >= sheet.maxColumns)
        throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
      const value = parseTypedInput(text, sheet.attrAt('numberFormat', r, c) ?? null, book.model.timeZone);
      const spec = sheet.attrAt('validation', r, c);
      if (spec && !spec.allowInvalid && !passesValidation(book, spec, value))
        throw gasError(validationErrorText(cellA1(r + 1, c + 1)));
      sheet.values.set(r, c, value === null ? undefined : value);
    },
    userSelect: (sheetName: string, a1: string): void => {
      const sheet = sheetNamed(sheetName);
      const b = block(sheet, a1);
      book.model.activeSheetId = sheet.id;
      book.model.activeRange = {
        sheetId: sheet.id,
        r0: b.row - 1,
        c0: b.col - 1,
        r1: b.row - 1 + b.numRows,
        c1: b.col - 1 + b.numCols,
      };
    },
    userInsertColumns: (sheetName: string, beforeColumn: number, count = 1): void => {
      const sheet = sheetNamed(sheetName);
      insertLines(
        book.model,
        sheet,
        'columns',
        beforeColumn - 1,
        count,
        beforeColumn - 1 < sheet.maxColumns ? beforeColumn - 1 : null,
      );
    },
    userDeleteColumns: (sheetName: string, column: number, count = 1): void => {
      deleteLines(book.model, sheetNamed(sheetName), 'columns', column - 1, count);
    },
    /** Drags `count` columns starting at `fromColumn` so they sit before `beforeColumn` (1-based, original positions). */
    userMoveColumns: (sheetName: string, fromColumn: number, count: number, beforeColumn: number): void => {
      moveLines(book.model, sheetNamed(sheetName), 'columns', fromColumn - 1, count, beforeColumn - 1);
    },
    userInsertRows: (sheetName: string, beforeRow: number, count = 1): void => {
      const sheet = sheetNamed(sheetName);
      insertLines(
        book.model,
        sheet,
        'rows',
        beforeRow - 1,
        count,
        beforeRow - 1 < sheet.maxRows ? beforeRow - 1 : null,
      );
    },
    userDeleteRows: (sheetName: string, row: number, count = 1): void => {
      deleteLines(book.model, sheetNamed(sheetName), 'rows', row - 1, count);
    },
    userMoveRows: (sheetName: string, fromRow: number, count: number, beforeRow: number): void => {
      moveLines(book.model, sheetNamed(sheetName), 'rows', fromRow - 1, count, beforeRow - 1);
    },
    userRenameSheet: (oldName: string, newName: string): void => {
      const sheet = sheetNamed(oldName);
      if (book.model.sheets.some((s) => s !== sheet && s.name.toLowerCase() === newName.toLowerCase())) {
        throw gasError(`A sheet with the name "${newName}" already exists. Please enter another name.`);
      }
      sheet.name = newName;
    },
    userHideColumns: (sheetName: string, column: number, count = 1): void => {
      const sheet = sheetNamed(sheetName);
      for (let k = 0; k < count; k++) sheet.hiddenColumns.set(column - 1 + k, true);
    },
    userShowColumns: (sheetName: string, column: number, count = 1): void => {
      const sheet = sheetNamed(sheetName);
      for (let k = 0; k < count; k++) sheet.hiddenColumns.delete(column - 1 + k);
    },
  };
}

export type WorkbookInspector = ReturnType<typeof createWorkbookInspector>;
