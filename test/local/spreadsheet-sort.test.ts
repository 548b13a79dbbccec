import { errorOf, makeService } from './spreadsheet-fixture';

/**
 * Range.sort and Sheet.sort (docs/apps-script-behaviour.md, "Range.sort and Sheet.sort"). Cases follow
 * gas-fakes' "Sheet.sort()" and "sorting and randomizing" sections, which pass on live Apps Script.
 */
const INITIAL = [
  ['Header1', 'Header2', 'Header3'],
  ['C', 30, 'Z'],
  ['A', 10, 'Y'],
  ['B', 20, 'X'],
];

describe('Sheet.sort(columnPosition[, ascending])', () => {
  it('without frozen rows every row is sorted, the header included', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:C4').setValues(INITIAL);
    expect(sheet.sort(2)).toBe(sheet);
    expect(sheet.getDataRange().getValues()).toEqual([
      ['A', 10, 'Y'],
      ['B', 20, 'X'],
      ['C', 30, 'Z'],
      ['Header1', 'Header2', 'Header3'],
    ]);
    sheet.getRange('A1:C4').setValues(INITIAL);
    sheet.sort(1, false);
    expect(sheet.getDataRange().getValues()).toEqual([
      ['Header1', 'Header2', 'Header3'],
      ['C', 30, 'Z'],
      ['B', 20, 'X'],
      ['A', 10, 'Y'],
    ]);
  });

  it('rows below the frozen rows move whole, formats and notes with them', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:C4').setValues(INITIAL);
    sheet.setFrozenRows(1);
    sheet.getRange('A3').setBackground('#00ff00').setNote('first');
    sheet.getRange('Z3').setValue('far right');
    sheet.sort(2);
    expect(sheet.getRange('A1:C4').getValues()).toEqual([INITIAL[0], INITIAL[2], INITIAL[3], INITIAL[1]]);
    expect([sheet.getRange('A2').getBackground(), sheet.getRange('A2').getNote()]).toEqual(['#00ff00', 'first']);
    expect(sheet.getRange('Z2').getValue()).toBe('far right');
  });

  it('an empty sheet or a header alone does nothing', () => {
    const { sheet } = makeService();
    sheet.sort(1);
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
    sheet.getRange('A1:C1').setValues([['H1', 'H2', 'H3']]);
    sheet.setFrozenRows(1);
    sheet.sort(1);
    expect(sheet.getDataRange().getValues()).toEqual([['H1', 'H2', 'H3']]);
  });

  it('bad arguments', () => {
    const { sheet } = makeService();
    expect(errorOf(() => sheet.sort('A')).message).toBe(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.sort.",
    );
    expect(errorOf(() => sheet.sort(1, 'yes')).message).toBe(
      "The parameters (number,String) don't match the method signature for SpreadsheetApp.Sheet.sort.",
    );
    expect(errorOf(() => sheet.sort(27)).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });
});

describe("Sheets' order", () => {
  it('numbers and dates first, then text without regard to case, then FALSE, TRUE; blanks last both ways', () => {
    const { sheet } = makeService();
    const date = new Date('2024-01-02T00:00:00+08:00');
    const column = [['banana'], [true], [''], [45_000], ['Apple'], [false], [date], [-3], ['cherry'], ['apple']];
    sheet.getRange(1, 1, column.length, 1).setValues(column);
    sheet.getRange(1, 1, column.length, 1).sort(1);
    // 2024-01-02 is serial 45293, after 45000.
    expect(sheet.getRange(1, 1, column.length, 1).getValues()).toEqual([
      [-3],
      [45_000],
      [date],
      ['Apple'],
      ['apple'],
      ['banana'],
      ['cherry'],
      [false],
      [true],
      [''],
    ]);
    sheet.getRange(1, 1, column.length, 1).sort({ column: 1, ascending: false });
    expect(sheet.getRange(1, 1, column.length, 1).getValues()).toEqual([
      [true],
      [false],
      ['cherry'],
      ['banana'],
      ['Apple'],
      ['apple'],
      [date],
      [45_000],
      [-3],
      [''],
    ]);
  });
});

describe('Range.sort(sortSpecObj)', () => {
  const DATA = [
    [1, 2, 3, 4, 5],
    [6, 7, 8, 9, 10],
    [11, 12, 13, 14, 15],
  ];

  it("columns are the sheet's; several keys; only the range moves", () => {
    const { sheet } = makeService();
    const range = sheet.getRange(21, 2, 3, 5); // B21:F23
    range.setValues(DATA);
    sheet.getRange('A21:A23').setValues([['a'], ['b'], ['c']]);
    expect(range.sort(4 + range.getColumn())).toBe(range);
    expect(range.getValues()).toEqual(DATA);
    range.sort([
      { column: 4 + range.getColumn(), ascending: false },
      { column: 3 + range.getColumn() },
      range.getColumn(),
    ]);
    expect(range.getValues()).toEqual([...DATA].reverse());
    expect(sheet.getRange('A21:A23').getValues()).toEqual([['a'], ['b'], ['c']]);

    range.setValues([
      [1, 2, 3, 4, false],
      [6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15],
    ]);
    range.sort([{ column: 4 + range.getColumn(), ascending: false }, { column: 3 + range.getColumn() }]);
    expect(range.getValues()).toEqual([
      [1, 2, 3, 4, false],
      [11, 12, 13, 14, 15],
      [6, 7, 8, 9, 10],
    ]);
  });

  it('ties keep their order; later keys break them', () => {
    const { sheet } = makeService();
    const range = sheet.getRange('A1:B5');
    range.setValues([
      ['x', 2],
      ['y', 1],
      ['x', 1],
      ['y', 2],
      ['x', 3],
    ]);
    range.sort(1);
    expect(range.getValues().map((r: unknown[]) => r.join(''))).toEqual(['x2', 'x1', 'x3', 'y1', 'y2']);
    range.sort([1, { column: 2, ascending: false }]);
    expect(range.getValues().map((r: unknown[]) => r.join(''))).toEqual(['x3', 'x2', 'x1', 'y2', 'y1']);
  });

  it('formats move with the cells; a frozen row inside the range is sorted too', () => {
    const { sheet } = makeService();
    sheet.setFrozenRows(1);
    const range = sheet.getRange('A1:A3');
    range.setValues([['c'], ['a'], ['b']]);
    sheet.getRange('A2').setFontWeight('bold');
    range.sort(1);
    expect(range.getValues()).toEqual([['a'], ['b'], ['c']]);
    expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
  });

  it('spec errors: a column outside the range, wrong shapes', () => {
    const { sheet } = makeService();
    const range = sheet.getRange('B1:C3');
    expect(errorOf(() => range.sort(1))).toEqual({
      name: 'Exception',
      message: "The column to sort by (1) is outside the range's columns (2-3).",
    });
    const signature = (types: string) =>
      `The parameters (${types}) don't match the method signature for SpreadsheetApp.Range.sort.`;
    expect(errorOf(() => range.sort()).message).toBe(signature(''));
    expect(errorOf(() => range.sort('B')).message).toBe(signature('String'));
    expect(errorOf(() => range.sort({ column: 2, ascending: 'no' })).message).toBe(signature('Object'));
    expect(errorOf(() => range.sort([])).message).toBe(signature('number[]'));
  });

  it('formulas it cannot order or move are notSupported', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:B3').setValues([
      [3, 'x'],
      [1, 'y'],
      [2, 'z'],
    ]);
    sheet.getRange('B2').setFormula('=A2*2');
    expect(() => sheet.getRange('A1:B3').sort(1)).toThrow('not supported by the local runtime');
    expect(() => sheet.getRange('A1:B3').sort(2)).toThrow('not supported by the local runtime');
    sheet.getRange('B2').setFormula('=TODAY()');
    sheet.getRange('A1:B3').sort(1);
    expect(sheet.getRange('B1').getFormula()).toBe('=TODAY()');
  });

  it('each sort is one metered call and reads no cells', () => {
    const { sheet, ctx } = makeService();
    sheet.getRange('A1:C4').setValues(INITIAL);
    const range = sheet.getRange('A2:C4');
    const { cost } = ctx.meter.measure(() => {
      range.sort({ column: 2, ascending: false });
      sheet.sort(1);
    });
    expect(cost.byMethod).toEqual({ 'SpreadsheetApp.Range.sort': 1, 'SpreadsheetApp.Sheet.sort': 1 });
    expect([cost.cellsRead, cost.cellsWritten]).toEqual([0, 9 + 12]);
  });
});
