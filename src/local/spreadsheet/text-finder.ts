import { gasError, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { Book } from './book';
import type { SheetModel } from './model';
import type { Range } from './range';
import { formatDisplay, FormulaCell } from './values';

/**
 * TextFinder (DOCS https://developers.google.com/apps-script/reference/spreadsheet/text-finder), made by
 * Range / Sheet / Spreadsheet.createTextFinder(findText). Sources and the reasoning behind each UNCONFIRMED
 * point: docs/apps-script-behaviour.md "TextFinder", docs/apps-script/spreadsheet.md §12.
 *
 *  - Cells are matched on their displayed text (what getDisplayValue gives). With matchFormulaText(true),
 *    formula cells are matched on their formula text and other cells still on their displayed text (GF-TEST
 *    testsheetstext.js: plain "sample" cells are found with matchFormulaText(true)). Empty cells never match.
 *    Locally a formula displays "#NAME?" (the runtime does not compute formulas).
 *  - Defaults (DOCS): partial match, case-insensitive, diacritics significant, plain text.
 *  - Regular expressions are RE2 in Sheets; re2ToJs translates the RE2-only syntax and rejects what JS would
 *    read differently (lookaround, backreferences).
 *  - Order: row by row, left to right, top to bottom; a spreadsheet's sheets in tab order (UNCONFIRMED).
 *  - findNext continues after the current match (or after startFrom's range) and wraps around at the end;
 *    findPrevious goes the other way (UNCONFIRMED, the stricter choice: `while (finder.findNext())` never
 *    ends, so callers must stop at the first repeated cell — which is also right if the service returned null).
 *  - Each find re-reads the cells as they are now.
 *
 * Metering: the calls are metered by defineGasClass; each findAll/findNext/findPrevious also reports the cells
 * it looked through (meter.recordSearch): findAll every cell of the scope, findNext/findPrevious the cells up to
 * and including the hit (all of them when none). Only cells inside the sheet's data extent (getLastRow ×
 * getLastColumn) count: beyond it the grid is empty and there is nothing to search.
 *
 * replaceAllWith / replaceWith are not modelled (the add-on never rewrites user data by search): they throw
 * "not supported by the local runtime" through the GasObject guard.
 */

/** One searched rectangle, 1-based inclusive (a Sheet's scope is its whole grid). */
export interface FinderScope {
  sheet: SheetModel;
  row: number;
  col: number;
  endRow: number;
  endCol: number;
}

/** createTextFinder's argument: a non-empty string (text of the empty-string error UNCONFIRMED). */
export function checkFindText(findText: unknown, method: string): string {
  if (typeof findText !== 'string') throw signatureError([findText], method);
  if (findText === '') throw gasError('The parameter (String) passed to createTextFinder cannot be empty.');
  return findText;
}

/** A 0-based cell position on a sheet. */
interface Pos {
  sheetId: number;
  r: number;
  c: number;
}

/** A scope clipped to the data extent: 0-based, exclusive ends; `offset` = cells in blocks before it. */
interface Block {
  sheet: SheetModel;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  offset: number;
}

interface Options {
  matchCase: boolean;
  matchEntireCell: boolean;
  matchFormulaText: boolean;
  useRegularExpression: boolean;
  ignoreDiacritics: boolean;
}

type Matcher = (text: string) => boolean;

const COMBINING_MARKS = /\p{M}/gu;

function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

/** POSIX classes RE2 accepts inside brackets ("[[:alpha:]]"); JS has none. */
const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** What may follow "\" in a JS regex with the `u` flag, besides letters and digits ("-" only inside [...]). */
const JS_ESCAPABLE = new Set('^$\\.*+?()[]{}|/'.split(''));

/**
 * An RE2 pattern (the syntax of Sheets' find and REGEXMATCH) as a JS RegExp source and flags.
 * Translated: a leading (?i)/(?s)/(?m), (?P<name>…), \A, \z, \Q…\E, \pL, \x{…}, [[:alpha:]]-style classes,
 * escaped punctuation ("\#", "\-"). Rejected (SyntaxError): lookaround and backreferences, which RE2 does not
 * have (JS would give them a meaning live Sheets refuses), inline flag groups other than a leading one.
 */
export function re2ToJs(pattern: string): { source: string; flags: string } {
  let flags = '';
  let src = pattern;
  const lead = /^\(\?([ims]+)\)/.exec(src);
  if (lead) {
    for (const f of 'ims') if ((lead[1] as string).includes(f)) flags += f;
    src = src.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '\\') {
      const n = src[i + 1];
      if (n === undefined) throw new SyntaxError('trailing backslash');
      if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const literal = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (!inClass && n === 'A') {
        out += '(?<![\\s\\S])';
        i++;
        continue;
      }
      if (!inClass && n === 'z') {
        out += '(?![\\s\\S])';
        i++;
        continue;
      }
      if (/[1-9]/.test(n)) throw new SyntaxError('backreferences are not supported by RE2');
      if ((n === 'p' || n === 'P') && src[i + 2] !== undefined && src[i + 2] !== '{') {
        out += `\\${n}{${src[i + 2] as string}}`;
        i += 2;
        continue;
      }
      if (n === 'x' && src[i + 2] === '{') {
        const end = src.indexOf('}', i + 3);
        if (end < 0) throw new SyntaxError('unterminated \\x{');
        out += `\\u{${src.slice(i + 3, end)}}`;
        i = end;
        continue;
      }
      if (/[A-Za-z0-9]/.test(n) || JS_ESCAPABLE.has(n) || (inClass && n === '-')) out += `\\${n}`;
      else out += `\\u{${(n.codePointAt(0) as number).toString(16)}}`;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === '[' && src[i + 1] === ':') {
        const end = src.indexOf(':]', i + 2);
        const body = end < 0 ? undefined : POSIX_CLASSES[src.slice(i + 2, end)];
        if (body === undefined) throw new SyntaxError('unsupported character class');
        out += body;
        i = end + 1;
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      if (src[i + 1] === '^') {
        out += '^';
        i++;
      }
      // RE2 (like POSIX) reads a "]" right after "[" or "[^" as a literal.
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2);
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
      if (/^(=|!|<=|<!)/.test(rest)) throw new SyntaxError('lookaround is not supported by RE2');
      if (rest.startsWith(':') || rest.startsWith('<')) {
        out += '(?';
        i++;
        continue;
      }
      throw new SyntaxError('inline flag groups are not modelled');
    }
    out += ch;
  }
  return { source: out, flags };
}

function compileMatcher(findText: string, options: Options): Matcher {
  const fold = (s: string): string => {
    const base = options.ignoreDiacritics ? stripDiacritics(s) : s.normalize('NFC');
    return options.matchCase ? base : base.toLowerCase();
  };
  if (!options.useRegularExpression) {
    const needle = fold(findText);
    return options.matchEntireCell ? (text) => fold(text) === needle : (text) => fold(text).includes(needle);
  }
  let regex: RegExp;
  try {
    const { source, flags } = re2ToJs(options.ignoreDiacritics ? stripDiacritics(findText) : findText);
    const body = options.matchEntireCell ? `^(?:${source})$` : source;
    const caseless = !options.matchCase || flags.includes('i');
    regex = new RegExp(body, `u${caseless ? 'i' : ''}${flags.replace('i', '')}`);
  } catch {
    // UNCONFIRMED wording: the text live Apps Script gives for a bad pattern was not found.
    throw gasError(`Invalid regular expression: ${findText}`);
  }
  const prepare = (text: string): string => (options.ignoreDiacritics ? stripDiacritics(text) : text.normalize('NFC'));
  return (text) => regex.test(prepare(text));
}

export class TextFinder extends GasObject {
  private readonly _options: Options = {
    matchCase: false,
    matchEntireCell: false,
    matchFormulaText: false,
    useRegularExpression: false,
    ignoreDiacritics: false,
  };
  /** findNext continues after `last`, findPrevious before `first`; null = from the scope's start (or end). */
  private _cursor: { first: Pos; last: Pos } | null = null;
  private _current: Range | null = null;

  constructor(
    private readonly book: Book,
    private readonly scopes: readonly FinderScope[],
    private readonly findText: string,
  ) {
    super(book.ctx);
  }

  // ---- options: each returns this TextFinder ----

  matchCase(matchCase: boolean): TextFinder {
    this._options.matchCase = this._flag(matchCase, arguments.length, 'matchCase');
    return this;
  }
  matchEntireCell(matchEntireCell: boolean): TextFinder {
    this._options.matchEntireCell = this._flag(matchEntireCell, arguments.length, 'matchEntireCell');
    return this;
  }
  matchFormulaText(matchFormulaText: boolean): TextFinder {
    this._options.matchFormulaText = this._flag(matchFormulaText, arguments.length, 'matchFormulaText');
    return this;
  }
  useRegularExpression(useRegEx: boolean): TextFinder {
    this._options.useRegularExpression = this._flag(useRegEx, arguments.length, 'useRegularExpression');
    return this;
  }
  ignoreDiacritics(ignoreDiacritics: boolean): TextFinder {
    this._options.ignoreDiacritics = this._flag(ignoreDiacritics, arguments.length, 'ignoreDiacritics');
    return this;
  }

  /**
   * "Configures the search to start searching immediately after the specified cell range." (DOCS) findNext
   * continues after the range's bottom-right cell, findPrevious before its top-left cell (UNCONFIRMED for a
   * multi-cell range). The current match is not changed.
   */
  startFrom(startRange: Range): TextFinder {
    const range = startRange as unknown as Partial<Range> | null;
    if (arguments.length !== 1 || !range || typeof range !== 'object' || !('_coords' in range)) {
      throw signatureError(arguments.length === 0 ? [] : [startRange], 'SpreadsheetApp.TextFinder.startFrom');
    }
    const r0 = startRange._r0();
    const c0 = startRange._c0();
    const sheetId = startRange._sheet.id;
    this._cursor = {
      first: { sheetId, r: r0, c: c0 },
      last: { sheetId, r: r0 + startRange._nr() - 1, c: c0 + startRange._nc() - 1 },
    };
    return this;
  }

  // ---- searching ----

  /** Every matching cell in search order, as single-cell Ranges. Leaves the cursor alone (UNCONFIRMED). */
  findAll(): Range[] {
    const matcher = this._matcher();
    const out: Range[] = [];
    let scanned = 0;
    for (const b of this._blocks()) {
      scanned += (b.r1 - b.r0) * (b.c1 - b.c0);
      const rows = b.sheet.values.rows;
      for (let r = b.r0; r < b.r1; r++) {
        const row = rows[r];
        if (row === undefined) continue;
        for (let c = b.c0; c < b.c1; c++) {
          if (row[c] !== undefined && this._test(matcher, b.sheet, r, c)) out.push(this._cell(b.sheet, r, c));
        }
      }
    }
    this.ctx.meter.recordSearch(scanned);
    return out;
  }

  /** "the next matching cell" (DOCS) after the current match or startFrom, wrapping around; null when none. */
  findNext(): Range | null {
    return this._step(1);
  }

  /** The previous matching cell, wrapping around from the start to the end; null when none. */
  findPrevious(): Range | null {
    return this._step(-1);
  }

  /** The cell the last findNext/findPrevious returned; null before any. */
  getCurrentMatch(): Range | null {
    return this._current;
  }

  // ---- internals ----

  _flag(value: unknown, count: number, method: string): boolean {
    if (count !== 1 || typeof value !== 'boolean')
      throw signatureError(count === 0 ? [] : [value], `SpreadsheetApp.TextFinder.${method}`);
    return value;
  }

  _matcher(): Matcher {
    return compileMatcher(this.findText, this._options);
  }

  _test(matcher: Matcher, sheet: SheetModel, r: number, c: number): boolean {
    const v = sheet.values.get(r, c);
    if (v === undefined) return false;
    let text: string;
    if (this._options.matchFormulaText && v instanceof FormulaCell) {
      text = v.formula;
    } else {
      const { timeZone, locale } = this.book.model;
      text = formatDisplay(v, sheet.attrAt('numberFormat', r, c) ?? null, timeZone, locale);
    }
    return text !== '' && matcher(text);
  }

  _cell(sheet: SheetModel, r: number, c: number): Range {
    return this.book.range(sheet, { row: r + 1, col: c + 1, endRow: r + 1, endCol: c + 1, form: 'cells' });
  }

  /** The scopes clipped to the grid and to each sheet's data extent, in search order. */
  _blocks(): Block[] {
    const blocks: Block[] = [];
    let offset = 0;
    for (const scope of this.scopes) {
      const sheet = scope.sheet;
      // A sheet deleted since the finder was made has nothing left to search.
      if (!this.book.model.sheets.includes(sheet)) continue;
      const r0 = scope.row - 1;
      const c0 = scope.col - 1;
      let r1 = Math.min(scope.endRow, sheet.maxRows, sheet.values.lastRow());
      let c1 = Math.min(scope.endCol, sheet.maxColumns, sheet.values.lastColumn());
      if (r1 <= r0 || c1 <= c0) {
        r1 = r0;
        c1 = c0;
      }
      blocks.push({ sheet, r0, c0, r1, c1, offset });
      offset += (r1 - r0) * (c1 - c0);
    }
    return blocks;
  }

  /** How many scope cells come at or before `pos` in search order; null when `pos` is on no searched sheet. */
  _countThrough(blocks: Block[], pos: Pos): number | null {
    const b = blocks.find((x) => x.sheet.id === pos.sheetId);
    if (!b) return null;
    const nc = b.c1 - b.c0;
    if (pos.r < b.r0) return b.offset;
    if (pos.r >= b.r1) return b.offset + (b.r1 - b.r0) * nc;
    return b.offset + (pos.r - b.r0) * nc + Math.max(0, Math.min(nc, pos.c - b.c0 + 1));
  }

  _inside(blocks: Block[], pos: Pos): boolean {
    return blocks.some(
      (b) => b.sheet.id === pos.sheetId && pos.r >= b.r0 && pos.r < b.r1 && pos.c >= b.c0 && pos.c < b.c1,
    );
  }

  /** The first cell to look at, as a search-order index. */
  _startIndex(blocks: Block[], total: number, dir: 1 | -1): number {
    const cursor = this._cursor;
    if (!cursor) return dir === 1 ? 0 : total - 1;
    if (dir === 1) return (this._countThrough(blocks, cursor.last) ?? 0) % total;
    const through = this._countThrough(blocks, cursor.first);
    if (through === null) return total - 1;
    const before = this._inside(blocks, cursor.first) ? through - 1 : through;
    return (before - 1 + total) % total;
  }

  _step(dir: 1 | -1): Range | null {
    const matcher = this._matcher();
    const blocks = this._blocks();
    const total = blocks.reduce((n, b) => n + (b.r1 - b.r0) * (b.c1 - b.c0), 0);
    if (total === 0) {
      this.ctx.meter.recordSearch(0);
      return null;
    }
    const start = this._startIndex(blocks, total, dir);
    let bi = blocks.findIndex((b) => start < b.offset + (b.r1 - b.r0) * (b.c1 - b.c0));
    let block = blocks[bi] as Block;
    const nc0 = block.c1 - block.c0;
    let r = block.r0 + Math.floor((start - block.offset) / nc0);
    let c = block.c0 + ((start - block.offset) % nc0);
    for (let scanned = 1; scanned <= total; scanned++) {
      if (this._test(matcher, block.sheet, r, c)) {
        this.ctx.meter.recordSearch(scanned);
        const pos = { sheetId: block.sheet.id, r, c };
        this._cursor = { first: pos, last: pos };
        this._current = this._cell(block.sheet, r, c);
        return this._current;
      }
      // One cell on in search order, wrapping at the scope's ends and skipping empty blocks.
      c += dir;
      if (c < block.c0 || c >= block.c1) {
        r += dir;
        c = dir === 1 ? block.c0 : block.c1 - 1;
        if (r < block.r0 || r >= block.r1) {
          do bi = (bi + dir + blocks.length) % blocks.length;
          while ((blocks[bi] as Block).r1 === (blocks[bi] as Block).r0);
          block = blocks[bi] as Block;
          r = dir === 1 ? block.r0 : block.r1 - 1;
          c = dir === 1 ? block.c0 : block.c1 - 1;
        }
      }
    }
    this.ctx.meter.recordSearch(total);
    return null;
  }
}
defineGasClass(TextFinder, 'SpreadsheetApp', 'TextFinder');
