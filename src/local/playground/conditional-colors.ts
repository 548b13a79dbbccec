import { zonedParts } from '../core/timezone';

/**
 * Conditional-format colours for the playground grid. The runtime stores rules but (like any Sheets
 * client other than Sheets itself) does not evaluate formulas, so the playground evaluates the few
 * CUSTOM_FORMULA shapes the add-on's installer writes (src/server/install/conditional-formats.ts):
 *   =$K2=TRUE   =$K2="label"   =AND(ISNUMBER($K2),$K2<=n)   =AND(ISNUMBER($K2),$K2<TODAY())
 * Any other formula or condition type simply does not colour. As in Sheets, the formula is relative to
 * the top-left cell of the rule's range and the FIRST matching rule formats a cell.
 */
export interface CfRuleView {
  ranges: string[];
  condition: { type: string; values: unknown[] } | null;
  format: { background?: string; fontColor?: string; bold?: boolean; italic?: boolean; strikethrough?: boolean };
}

export interface CellPaint {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
}

type Test = (value: unknown) => boolean;

interface CompiledRule {
  /** 1-based, inclusive bounds of each range (end null = open). */
  areas: { row: number; col: number; endRow: number | null; endCol: number | null }[];
  /** 1-based column the formula reads, and its row offset from the range's top row. */
  refCol: number;
  refRowOffset: number;
  test: Test;
  paint: CellPaint;
}

const MS_PER_DAY = 86_400_000;
/** Sheets' date serial: days since 1899-12-30 in the spreadsheet's zone. */
function serialOf(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  const wallClock = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallClock / MS_PER_DAY + 25569;
}

function numeric(value: unknown, timeZone: string): number | null {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return serialOf(value.getTime(), timeZone);
  return null;
}

function letters(text: string): number {
  let n = 0;
  for (const ch of text.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const REF = String.raw`\$([A-Z]{1,3})(\d+)`;
const SHAPES: { pattern: RegExp; test: (match: RegExpExecArray, timeZone: string, nowMs: number) => Test }[] = [
  { pattern: new RegExp(`^=${REF}=TRUE$`, 'i'), test: () => (value) => value === true },
  {
    pattern: new RegExp(`^=${REF}="((?:[^"]|"")*)"$`, 'i'),
    test: (match) => {
      // Sheets compares text case-insensitively.
      const wanted = (match[3] as string).replace(/""/g, '"').toLowerCase();
      return (value) => typeof value === 'string' && value.toLowerCase() === wanted;
    },
  },
  {
    pattern: new RegExp(String.raw`^=AND\(ISNUMBER\(${REF}\),\$\1\2<=(-?\d+(?:\.\d+)?)\)$`, 'i'),
    test: (match, timeZone) => {
      const limit = Number(match[3]);
      return (value) => {
        const n = numeric(value, timeZone);
        return n !== null && n <= limit;
      };
    },
  },
  {
    pattern: new RegExp(String.raw`^=AND\(ISNUMBER\(${REF}\),\$\1\2<TODAY\(\)\)$`, 'i'),
    test: (_match, timeZone, nowMs) => {
      const today = Math.floor(serialOf(nowMs, timeZone));
      return (value) => {
        const n = numeric(value, timeZone);
        return n !== null && n < today;
      };
    },
  },
];

function parseArea(a1: string): CompiledRule['areas'][number] | null {
  const match = /^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$/i.exec(a1);
  if (!match) return null;
  const col = match[1] ? letters(match[1]) : 1;
  const row = match[2] ? Number(match[2]) : 1;
  if (match[3] === undefined && match[4] === undefined) return { row, col, endRow: row, endCol: col };
  return {
    row,
    col,
    endRow: match[4] ? Number(match[4]) : null,
    endCol: match[3] ? letters(match[3]) : null,
  };
}

export function compileRules(rules: readonly CfRuleView[], timeZone: string, nowMs: number): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const rule of rules) {
    if (!rule.condition || rule.condition.type !== 'CUSTOM_FORMULA') continue;
    const formula = String(rule.condition.values[0] ?? '').replace(/\s+/g, '');
    const areas = rule.ranges.map(parseArea).filter((area): area is NonNullable<typeof area> => area !== null);
    if (areas.length === 0) continue;
    for (const shape of SHAPES) {
      const match = shape.pattern.exec(formula);
      if (!match) continue;
      const top = areas[0] as CompiledRule['areas'][number];
      out.push({
        areas,
        refCol: letters(match[1] as string),
        refRowOffset: Number(match[2]) - top.row,
        test: shape.test(match, timeZone, nowMs),
        paint: { ...rule.format },
      });
      break;
    }
  }
  return out;
}

/**
 * The paint of cell (row, col), 1-based; `valueAt` gives the raw value of another cell of the same sheet
 * (only the referenced column of a row is read).
 */
export function paintOf(
  rules: readonly CompiledRule[],
  row: number,
  col: number,
  valueAt: (row: number, col: number) => unknown,
): CellPaint | null {
  for (const rule of rules) {
    const inside = rule.areas.some(
      (area) =>
        row >= area.row &&
        col >= area.col &&
        (area.endRow === null || row <= area.endRow) &&
        (area.endCol === null || col <= area.endCol),
    );
    if (inside && rule.test(valueAt(row + rule.refRowOffset, rule.refCol))) return rule.paint;
  }
  return null;
}
