import { re2ToJs } from '../../src/local/spreadsheet/text-finder';
import { errorOf, makeService } from './spreadsheet-fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ranges come back untyped, as in Apps Script
const a1s = (ranges: any[]): string[] => ranges.map((r) => r.getA1Notation());

/** The live-checked data of gas-fakes test/testsheetstext.js (GF-TEST). */
function sampleBook() {
  const made = makeService();
  made.sheet.getRange('A1:B5').setValues([
    ['sample', 'sámplé'],
    ['SampleA', 'sámplé'],
    ['=SAMPLE()', '=SámpléB()'],
    ['=sample()', '=sámpléB()'],
    ['=sampleA()', '=sámpléB()'],
  ]);
  return made;
}

describe('TextFinder: what matches (GF-TEST testsheetstext.js)', () => {
  it('defaults: partial, case-insensitive, display values (formulas show their result)', () => {
    const { ss, sheet } = sampleBook();
    expect(a1s(ss.createTextFinder('sample').findAll())).toEqual(['A1', 'A2']);
    expect(a1s(sheet.createTextFinder('sample').findAll())).toEqual(['A1', 'A2']);
    expect(a1s(sheet.getRange('A3:B5').createTextFinder('sample').findAll())).toEqual([]);
  });
  it('ignoreDiacritics + matchCase + matchEntireCell', () => {
    const { sheet } = sampleBook();
    const found = sheet
      .createTextFinder('sample')
      .ignoreDiacritics(true)
      .matchCase(true)
      .matchEntireCell(true)
      .findAll();
    expect(a1s(found)).toEqual(['A1', 'B1', 'B2']);
  });
  it('matchFormulaText: formulas by their text, other cells still by their display', () => {
    const { sheet } = sampleBook();
    expect(a1s(sheet.createTextFinder('sample').matchFormulaText(true).findAll())).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'A5',
    ]);
    expect(a1s(sheet.getRange('A3:B5').createTextFinder('sample').matchFormulaText(true).findAll())).toEqual([
      'A3',
      'A4',
      'A5',
    ]);
    const strict = sheet.createTextFinder('sample').matchFormulaText(true).matchCase(true).matchEntireCell(true);
    expect(a1s(strict.findAll())).toEqual(['A1']);
  });
  it('matches what getDisplayValue shows: numbers, formatted numbers, dates, booleans', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:D1').setValues([[1234.5, 0.125, '2024-06-01', true]]);
    sheet.getRange('B1').setNumberFormat('0.00%');
    sheet.getRange('C1').setNumberFormat('yyyy-mm-dd');
    expect(a1s(sheet.createTextFinder('34.5').findAll())).toEqual(['A1']);
    expect(a1s(sheet.createTextFinder('12.50%').findAll())).toEqual(['B1']);
    expect(a1s(sheet.createTextFinder('0.125').findAll())).toEqual([]);
    expect(a1s(sheet.createTextFinder('2024-06').findAll())).toEqual(['C1']);
    expect(a1s(sheet.createTextFinder('true').matchEntireCell(true).findAll())).toEqual(['D1']);
  });
  it('empty cells never match, not even an "everything" regex', () => {
    const { sheet } = makeService();
    sheet.getRange('B2').setValue('x');
    expect(a1s(sheet.createTextFinder('.*').useRegularExpression(true).findAll())).toEqual(['B2']);
  });
  it('results are single cells in row-major order; a spreadsheet searches its sheets in tab order', () => {
    const { ss, sheet } = makeService();
    sheet.getRange('A1:B2').setValues([
      ['k', 'k'],
      ['k', ''],
    ]);
    const other = ss.insertSheet('Other');
    other.getRange('A1').setValue('k');
    const found = ss.createTextFinder('k').findAll();
    expect(
      found.map((r: { getSheet(): { getName(): string }; getA1Notation(): string }) => [
        r.getSheet().getName(),
        r.getA1Notation(),
      ]),
    ).toEqual([
      ['Sheet1', 'A1'],
      ['Sheet1', 'B1'],
      ['Sheet1', 'A2'],
      ['Other', 'A1'],
    ]);
    expect(
      found.every((r: { getNumRows(): number; getNumColumns(): number }) => r.getNumRows() * r.getNumColumns() === 1),
    ).toBe(true);
  });
  it('a range scope: whole columns "C2:D" search only those cells', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:D3').setValues([
      ['id', 'x', 'alice', 'x'],
      ['alice', 'x', 'bob', 'alice'],
      ['x', 'x', 'ALICE', 'x'],
    ]);
    expect(a1s(sheet.getRange('C2:D').createTextFinder('alice').findAll())).toEqual(['D2', 'C3']);
  });
});

describe('TextFinder: regular expressions (RE2 syntax)', () => {
  it('partial by default, anchored with matchEntireCell, case-insensitive unless matchCase', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:A3').setValues([['Order-12'], ['order-7'], ['x order-99 y']]);
    const re = (p: string) => sheet.createTextFinder(p).useRegularExpression(true);
    expect(a1s(re('order-\\d+').findAll())).toEqual(['A1', 'A2', 'A3']);
    expect(a1s(re('order-\\d+').matchEntireCell(true).findAll())).toEqual(['A1', 'A2']);
    expect(a1s(re('order-\\d+').matchCase(true).findAll())).toEqual(['A2', 'A3']);
    expect(a1s(re('a|^x').matchEntireCell(true).findAll())).toEqual([]);
  });
  it('RE2-only syntax is translated', () => {
    expect(new RegExp(re2ToJs('\\Qa.b\\E').source, 'u').test('a.b')).toBe(true);
    expect(new RegExp(re2ToJs('\\Qa.b\\E').source, 'u').test('axb')).toBe(false);
    expect(new RegExp(re2ToJs('^[[:digit:]]+$').source, 'u').test('123')).toBe(true);
    expect(new RegExp(re2ToJs('\\pL+').source, 'u').test('é')).toBe(true);
    expect(new RegExp(re2ToJs('\\#\\-').source, 'u').test('#-')).toBe(true);
    expect(new RegExp(re2ToJs('(?P<n>a)').source, 'u').test('a')).toBe(true);
    expect(re2ToJs('(?i)abc')).toEqual({ source: 'abc', flags: 'i' });
    expect(new RegExp(re2ToJs('\\Aab\\z').source, 'u').test('ab')).toBe(true);
    expect(new RegExp(re2ToJs('\\Aab\\z').source, 'u').test('xab')).toBe(false);
  });
  it('what RE2 lacks (lookaround, backreferences) is an error, not a JS meaning', () => {
    const { sheet } = makeService();
    sheet.getRange('A1').setValue('aa');
    for (const pattern of ['a(?=a)', '(a)\\1', '(?<!b)a', '[']) {
      expect(errorOf(() => sheet.createTextFinder(pattern).useRegularExpression(true).findAll())).toEqual({
        name: 'Exception',
        message: `Invalid regular expression: ${pattern}`,
      });
    }
  });
  it('"(?i)" at the start makes a matchCase search caseless', () => {
    const { sheet } = makeService();
    sheet.getRange('A1').setValue('ABC');
    expect(a1s(sheet.createTextFinder('(?i)abc').useRegularExpression(true).matchCase(true).findAll())).toEqual(['A1']);
  });
});

describe('TextFinder: findNext / findPrevious / getCurrentMatch / startFrom', () => {
  function grid() {
    const made = makeService();
    made.sheet.getRange('A1:C3').setValues([
      ['hit', '', 'hit'],
      ['', 'hit', ''],
      ['hit', '', ''],
    ]);
    return made;
  }
  it('findNext walks the matches in order and wraps around; getCurrentMatch follows', () => {
    const { sheet } = grid();
    const f = sheet.createTextFinder('hit');
    expect(f.getCurrentMatch()).toBeNull();
    const seen = [1, 2, 3, 4, 5].map(() => f.findNext().getA1Notation());
    expect(seen).toEqual(['A1', 'C1', 'B2', 'A3', 'A1']);
    expect(f.getCurrentMatch().getA1Notation()).toBe('A1');
  });
  it('findPrevious goes backwards, from the end before any match', () => {
    const { sheet } = grid();
    const f = sheet.createTextFinder('hit');
    expect([1, 2, 3, 4, 5].map(() => f.findPrevious().getA1Notation())).toEqual(['A3', 'B2', 'C1', 'A1', 'A3']);
    f.findNext();
    expect(f.getCurrentMatch().getA1Notation()).toBe('A1');
    expect(f.findPrevious().getA1Notation()).toBe('A3');
  });
  it('findNext/findPrevious return null when nothing matches', () => {
    const { sheet } = grid();
    const f = sheet.createTextFinder('miss');
    expect(f.findNext()).toBeNull();
    expect(f.findPrevious()).toBeNull();
    expect(f.getCurrentMatch()).toBeNull();
    expect(makeService().sheet.createTextFinder('x').findNext()).toBeNull();
  });
  it('startFrom: the search starts right after the given cell (and before it for findPrevious)', () => {
    const { sheet } = grid();
    expect(sheet.createTextFinder('hit').startFrom(sheet.getRange('C1')).findNext().getA1Notation()).toBe('B2');
    expect(sheet.createTextFinder('hit').startFrom(sheet.getRange('A1')).findNext().getA1Notation()).toBe('C1');
    expect(sheet.createTextFinder('hit').startFrom(sheet.getRange('A3')).findNext().getA1Notation()).toBe('A1');
    expect(sheet.createTextFinder('hit').startFrom(sheet.getRange('B2')).findPrevious().getA1Notation()).toBe('C1');
    // A cell past the data extent: the next match wraps to the start.
    expect(sheet.createTextFinder('hit').startFrom(sheet.getRange('Z100')).findNext().getA1Notation()).toBe('A1');
    const f = sheet.createTextFinder('hit').startFrom(sheet.getRange('B2'));
    expect(f.getCurrentMatch()).toBeNull();
  });
  it('each find sees the cells as they are now', () => {
    const { sheet } = grid();
    const f = sheet.createTextFinder('hit');
    expect(f.findNext().getA1Notation()).toBe('A1');
    sheet.getRange('C1').clearContent();
    sheet.getRange('D5').setValue('a hit');
    expect([f.findNext(), f.findNext(), f.findNext()].map((r) => r.getA1Notation())).toEqual(['B2', 'A3', 'D5']);
  });
  it('findAll does not move the cursor', () => {
    const { sheet } = grid();
    const f = sheet.createTextFinder('hit');
    f.findNext();
    expect(f.findAll()).toHaveLength(4);
    expect(f.findNext().getA1Notation()).toBe('C1');
  });
  it('a range scope wraps inside the range', () => {
    const { sheet } = grid();
    const f = sheet.getRange('B1:C3').createTextFinder('hit');
    expect([f.findNext(), f.findNext(), f.findNext()].map((r) => r.getA1Notation())).toEqual(['C1', 'B2', 'C1']);
  });
  it('a spreadsheet scope wraps across sheets', () => {
    const { ss, sheet } = makeService();
    sheet.getRange('B2').setValue('k');
    ss.insertSheet('Two').getRange('A1').setValue('k');
    ss.insertSheet('Empty');
    const f = ss.createTextFinder('k');
    const name = (r: { getSheet(): { getName(): string }; getA1Notation(): string }) =>
      `${r.getSheet().getName()}!${r.getA1Notation()}`;
    expect([f.findNext(), f.findNext(), f.findNext()].map(name)).toEqual(['Sheet1!B2', 'Two!A1', 'Sheet1!B2']);
    expect([f.findPrevious(), f.findPrevious()].map(name)).toEqual(['Two!A1', 'Sheet1!B2']);
  });
});

describe('TextFinder: arguments, unsupported methods, meter', () => {
  it('setters return the finder; bad arguments give signature errors', () => {
    const { sheet } = makeService();
    const f = sheet.createTextFinder('x');
    expect(f.matchCase(true)).toBe(f);
    expect(String(f)).toBe('TextFinder');
    expect(errorOf(() => f.matchCase('yes'))).toEqual({
      name: 'Exception',
      message: "The parameters (String) don't match the method signature for SpreadsheetApp.TextFinder.matchCase.",
    });
    expect(errorOf(() => f.startFrom('A1'))).toEqual({
      name: 'Exception',
      message: "The parameters (String) don't match the method signature for SpreadsheetApp.TextFinder.startFrom.",
    });
    expect(errorOf(() => sheet.createTextFinder(5))).toEqual({
      name: 'Exception',
      message: "The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.createTextFinder.",
    });
    expect(errorOf(() => sheet.createTextFinder('')).name).toBe('Exception');
  });
  it('replaceAllWith / replaceWith are not modelled and say so', () => {
    const { sheet } = makeService();
    const f = sheet.createTextFinder('x');
    expect(() => f.replaceAllWith('y')).toThrow('not supported by the local runtime: TextFinder.replaceAllWith');
    expect(() => f.replaceWith('y')).toThrow('not supported by the local runtime: TextFinder.replaceWith');
  });
  it('meters one call per find plus the cells searched (data extent only)', () => {
    const { ctx, sheet } = makeService();
    sheet.getRange('A1:C4').setValues([
      ['a', 'b', 'c'],
      ['d', 'hit', 'f'],
      ['g', 'h', 'i'],
      ['j', 'k', 'hit'],
    ]);
    const f = sheet.createTextFinder('hit');
    const all = ctx.meter.measure(() => f.findAll()).cost;
    expect(all.cellsSearched).toBe(12);
    expect(all.byMethod).toEqual({ 'SpreadsheetApp.TextFinder.findAll': 1 });
    expect(all.cellsRead).toBe(0);
    expect(ctx.meter.measure(() => f.findNext()).cost.cellsSearched).toBe(5);
    expect(ctx.meter.measure(() => f.findNext()).cost.cellsSearched).toBe(7);
    expect(ctx.meter.measure(() => f.findNext()).cost.cellsSearched).toBe(5);
    const miss = sheet.createTextFinder('nothing');
    expect(ctx.meter.measure(() => miss.findNext()).cost.cellsSearched).toBe(12);
    expect(ctx.meter.measure(() => sheet.getRange('B:B').createTextFinder('x').findAll()).cost.cellsSearched).toBe(4);
  });
});
