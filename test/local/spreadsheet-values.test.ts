import vm from 'node:vm';
import { errorOf, makeService } from './spreadsheet-fixture';

describe('A1 notation (docs/apps-script/spreadsheet.md §11)', () => {
  const { sheet, ss } = makeService();
  it.each([
    ['$C$3', 'C3', 3, 3, 1, 1],
    ['5:7', '5:7', 5, 1, 3, 26],
    ['D:F', 'D:F', 1, 4, 1000, 3],
    ['C5:B2', 'B2:C5', 2, 2, 4, 2],
    ['5:2', '2:5', 2, 1, 4, 26],
    ['D:B', 'B:D', 1, 2, 1000, 3],
    ['A1', 'A1', 1, 1, 1, 1],
    ['b2:c3', 'B2:C3', 2, 2, 2, 2],
  ])('getRange(%s) → %s', (a1, expected, row, col, numRows, numCols) => {
    const r = sheet.getRange(a1);
    expect([r.getA1Notation(), r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([
      expected,
      row,
      col,
      numRows,
      numCols,
    ]);
  });
  it('open-ended "B1:B" runs to the last row and "A2:2" to the last column (§11)', () => {
    expect(sheet.getRange('B1:B').getNumRows()).toBe(1000);
    expect(sheet.getRange('B1:B').getA1Notation()).toBe('B1:B1000');
    expect(sheet.getRange('A2:2').getNumColumns()).toBe(26);
  });
  it('column ranges are row-unbounded (GF-TEST)', () => {
    const r = sheet.getRange('D:F');
    expect([r.isStartRowBounded(), r.isEndRowBounded(), r.isStartColumnBounded(), r.isEndColumnBounded()]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
  it('a bare column letter is "Range not found" (§1)', () => {
    expect(errorOf(() => sheet.getRange('B'))).toEqual({ name: 'Exception', message: 'Range not found' });
    expect(errorOf(() => sheet.getRange('5')).message).toBe('Range not found');
    expect(errorOf(() => sheet.getRange('A1:B2:C3')).message).toBe('Range not found');
  });
  it('Spreadsheet.getRange("Sheet!E10:F12") drops the sheet name (§11)', () => {
    ss.insertSheet('Data Sheet');
    const r = ss.getRange("'Data Sheet'!E10:F12");
    expect(r.getA1Notation()).toBe('E10:F12');
    expect(r.getSheet().getName()).toBe('Data Sheet');
    expect(ss.getRange('Sheet1!A1').getSheet().getName()).toBe('Sheet1');
    expect(errorOf(() => ss.getRange('Nope!A1')).message).toBe('Range not found');
  });
});

describe('getRange errors (docs/apps-script/spreadsheet.md §1)', () => {
  const { sheet } = makeService();
  it.each([
    [[0, 1], 'The starting row of the range is too small.'],
    [[-3, 1], 'The starting row of the range is too small.'],
    [[1, 0], 'The starting column of the range is too small.'],
    [[1, 1, 0], 'The number of rows in the range must be at least 1.'],
    [[1, 1, 1, 0], 'The number of columns in the range must be at least 1.'],
    [[1000, 1, 2], 'The coordinates of the range are outside the dimensions of the sheet.'],
    [[1, 26, 1, 2], 'The coordinates of the range are outside the dimensions of the sheet.'],
    [[0, 0, 0, 0], 'The starting row of the range is too small.'],
  ])('getRange(%j)', (args, message) => {
    expect(errorOf(() => sheet.getRange(...(args as number[])))).toEqual({ name: 'Exception', message });
  });
  it('getRange past max rows by A1 also throws; the sheet does not grow (§1)', () => {
    expect(errorOf(() => sheet.getRange('A1001')).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(sheet.getMaxRows()).toBe(1000);
  });
  it('non-numeric arguments give a signature error', () => {
    expect(errorOf(() => sheet.getRange('1' as unknown as number, 2)).message).toBe(
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });
  it('offset keeps the same bound errors and overloads', () => {
    const r = sheet.getRange('B2:C3');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(r.offset(0, 0, 1).getA1Notation()).toBe('B2:C2');
    expect(r.offset(2, 0, 3, 4).getA1Notation()).toBe('B4:E6');
    expect(errorOf(() => r.offset(-2, 0)).message).toBe('The starting row of the range is too small.');
    expect(errorOf(() => r.offset(0, 0, 1, 0)).message).toBe('The number of columns in the range must be at least 1.');
  });
  it('getCell is relative to the range', () => {
    expect(sheet.getRange('B2:D4').getCell(2, 3).getA1Notation()).toBe('D3');
  });
});

describe('values as Sheets stores them (docs/apps-script/spreadsheet.md §2–3)', () => {
  it('empty cells read as "" and getValue reads the top-left cell', () => {
    const { sheet } = makeService();
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    sheet.getRange('A1').setValue(5);
    expect(sheet.getRange('A1:B2').getValue()).toBe(5);
  });
  it.each([
    ['00123', 123],
    ['+8613800000000', 8613800000000],
    ['1,234', 1234],
    ['12%', 0.12],
    ['22 34', 2234],
    ['-5.5', -5.5],
    ['TRUE', true],
    ['false', false],
    ['hello', 'hello'],
    ['', ''],
  ])('setValue(%j) is read back as %j', (input, expected) => {
    const { sheet } = makeService();
    sheet.getRange('A1').setValue(input);
    expect(sheet.getRange('A1').getValue()).toEqual(expected);
  });
  it('date-like strings become Dates at local time in the spreadsheet time zone', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:C1').setValues([['2024-06-01', '2024/6/1', '2024-06-01 10:00']]);
    const [a, b, c] = sheet.getRange('A1:C1').getValues()[0] as Date[];
    expect(a).toBeInstanceOf(Date);
    expect((a as Date).toISOString()).toBe('2024-05-31T16:00:00.000Z');
    expect((b as Date).getTime()).toBe((a as Date).getTime());
    expect((c as Date).toISOString()).toBe('2024-06-01T02:00:00.000Z');
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['2024-06-01', '2024-06-01', '2024-06-01 10:00:00']]);
  });
  it('Dates are created in the script realm via ctx.makeDate', () => {
    const { sheet, ctx } = makeService();
    class ScriptDate extends Date {}
    ctx.setDateConstructor(ScriptDate as unknown as DateConstructor);
    sheet.getRange('A1').setValue(new Date('2024-01-02T00:00:00Z'));
    expect(sheet.getRange('A1').getValue()).toBeInstanceOf(ScriptDate);
  });
  it('"=" starts a formula: getFormula returns it, getValue an error value (no formula engine locally)', () => {
    const { sheet } = makeService();
    sheet.getRange('A1').setValue('=1+1');
    expect(sheet.getRange('A1').getFormula()).toBe('=1+1');
    expect(sheet.getRange('A1').getValue()).toBe('#NAME?');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('#NAME?');
    sheet.getRange('B1:B2').setFormulas([['=A1'], ['=A1*2']]);
    expect(sheet.getRange('A1:B2').getFormulas()).toEqual([
      ['=1+1', '=A1'],
      ['', '=A1*2'],
    ]);
  });
  it('plain-text "@" keeps strings as they are, formulas included (§3)', () => {
    const { sheet } = makeService();
    const r = sheet.getRange('A1:C1');
    r.setNumberFormat('@');
    r.setValues([['00123', '=1+1', '+8613800000000']]);
    expect(r.getValues()).toEqual([['00123', '=1+1', '+8613800000000']]);
    expect(r.getFormulas()).toEqual([['', '', '']]);
  });
  it('a leading apostrophe stores the rest as text, without the apostrophe (§3)', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:B1').setValues([["'=1+1", "'0001"]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['=1+1', '0001']]);
    expect(sheet.getRange('A1').getFormula()).toBe('');
  });
  it('numbers, booleans and null are stored as such; null/undefined empty the cell', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:D1').setValues([[1.5, true, 'x', 'y']]);
    sheet.getRange('C1:D1').setValues([[null, undefined]]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[1.5, true, '', '']]);
    expect(sheet.getLastColumn()).toBe(2);
  });
  it('setValue on a block sets every cell', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:B2').setValue('x');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });
  it('strings over 50,000 characters are refused (§10)', () => {
    const { sheet } = makeService();
    expect(errorOf(() => sheet.getRange('A1').setValue('x'.repeat(50001)))).toEqual({
      name: 'Exception',
      message: 'Your input contains more than the maximum of 50000 characters in a single cell.',
    });
    sheet.getRange('A1').setValue('x'.repeat(50000));
    expect((sheet.getRange('A1').getValue() as string).length).toBe(50000);
  });
  it('setValues dimension mismatch messages (§1)', () => {
    const { sheet } = makeService();
    const r = sheet.getRange('A1:D3');
    expect(errorOf(() => r.setValues([[1, 2, 3, 4]])).message).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
    expect(
      errorOf(() =>
        r.setValues([
          [1, 2, 3, 4],
          [1, 2, 3, 4, 5],
          [1, 2, 3, 4],
        ]),
      ).message,
    ).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4.',
    );
    expect(r.isBlank()).toBe(true);
  });
});

describe('display values (DOCS range#getDisplayValues)', () => {
  it.each([
    [1234.5, '¥#,##0.00', '¥1,234.50'],
    [-1234.5, '¥#,##0.00', '-¥1,234.50'],
    [3.7, '0', '4'],
    [3.14159, '0.0', '3.1'],
    [0.256, '0%', '26%'],
    [0.256, '0.00%', '25.60%'],
    [1234567, '#,##0', '1,234,567'],
    [42, '@', '42'],
    [0.1 + 0.2, null, '0.3'],
    [true, null, 'TRUE'],
  ])('%j under %j shows %j', (value, format, expected) => {
    const { sheet } = makeService();
    const r = sheet.getRange('A1');
    if (format) r.setNumberFormat(format);
    r.setValue(value);
    expect(r.getDisplayValue()).toBe(expected);
  });
  it('dates follow date formats in the spreadsheet time zone', () => {
    const { sheet } = makeService();
    const r = sheet.getRange('A1:B1');
    r.setValues([[new Date('2024-06-01T02:05:00Z'), new Date('2024-06-01T02:05:00Z')]]);
    sheet.getRange('A1').setNumberFormat('yyyy-mm-dd');
    sheet.getRange('B1').setNumberFormat('yyyy-mm-dd hh:mm');
    expect(r.getDisplayValues()).toEqual([['2024-06-01', '2024-06-01 10:05']]);
    expect(sheet.getRange('A1').getNumberFormat()).toBe('yyyy-mm-dd');
    expect(sheet.getRange('C1').getNumberFormat()).toBe('0.###############');
  });
  it('getNumberFormats / setNumberFormats round-trip with dimension checks', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:B1').setNumberFormats([['0', '@']]);
    expect(sheet.getRange('A1:B1').getNumberFormats()).toEqual([['0', '@']]);
    expect(errorOf(() => sheet.getRange('A1:B1').setNumberFormats([['0']])).message).toContain(
      'The data has 1 but the range has 2.',
    );
  });
});

describe('formats, notes, clearing', () => {
  it('fonts, colours (lower-case hex), alignment, wrap and notes read back', () => {
    const { sheet } = makeService();
    const r = sheet.getRange('A1:B2');
    expect([r.getFontWeight(), r.getBackground(), r.getFontColor(), r.getNote(), r.getWrap()]).toEqual([
      'normal',
      '#ffffff',
      '#000000',
      '',
      false,
    ]);
    r.setFontWeight('bold')
      .setBackground('#FF0000')
      .setFontColor('blue')
      .setHorizontalAlignment('center')
      .setWrap(true)
      .setNote('hi');
    expect([
      r.getFontWeight(),
      r.getBackground(),
      r.getFontColor(),
      r.getHorizontalAlignment(),
      r.getWrap(),
      r.getNote(),
    ]).toEqual(['bold', '#ff0000', '#0000ff', 'center', true, 'hi']);
    r.setFontWeights([
      ['normal', 'bold'],
      ['bold', null],
    ]);
    expect(r.getFontWeights()).toEqual([
      ['normal', 'bold'],
      ['bold', 'normal'],
    ]);
    r.setBackgrounds([
      ['#ABC', null],
      [null, 'red'],
    ]);
    expect(r.getBackgrounds()).toEqual([
      ['#aabbcc', '#ffffff'],
      ['#ffffff', '#ff0000'],
    ]);
  });
  it('clearContent keeps formats; clearFormat keeps values; clear() removes both', () => {
    const { sheet } = makeService();
    const r = sheet.getRange('A1');
    r.setValue(5).setNumberFormat('0.00').setBackground('#00ff00');
    r.clearContent();
    expect([r.getValue(), r.getNumberFormat(), r.getBackground()]).toEqual(['', '0.00', '#00ff00']);
    r.setValue(5);
    r.clearFormat();
    expect([r.getValue(), r.getNumberFormat(), r.getBackground()]).toEqual([5, '0.###############', '#ffffff']);
    r.setBackground('#00ff00');
    r.clear();
    expect([r.getValue(), r.getBackground()]).toEqual(['', '#ffffff']);
  });
});

describe('meter', () => {
  it('records calls by Class.method and cells read/written', () => {
    const { sheet, ctx } = makeService();
    const { cost } = ctx.meter.measure(() => {
      const r = sheet.getRange('A1:C10');
      r.setValues(Array.from({ length: 10 }, () => [1, 2, 3]));
      r.getValues();
    });
    expect(cost.byMethod).toEqual({
      'SpreadsheetApp.Sheet.getRange': 1,
      'SpreadsheetApp.Range.setValues': 1,
      'SpreadsheetApp.Range.getValues': 1,
    });
    expect([cost.cellsRead, cost.cellsWritten]).toEqual([30, 30]);
  });
  it('methods the runtime does not model throw "not supported"', () => {
    const { sheet } = makeService();
    expect(errorOf(() => sheet.getRange('A1').getMergedRanges()).message).toBe(
      'not supported by the local runtime: Range.getMergedRanges',
    );
    expect(errorOf(() => sheet.getSlicers()).message).toBe('not supported by the local runtime: Sheet.getSlicers');
  });
});

describe('script realm (gas-local runs Code.js in a vm context)', () => {
  it('Dates written by the script are read back as Dates of the script realm', () => {
    const { ctx, SpreadsheetApp } = makeService();
    const context = vm.createContext({ SpreadsheetApp });
    ctx.setDateConstructor(vm.runInContext('Date', context) as DateConstructor);
    const result = vm.runInContext(
      `var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
       s.getRange('A1:B1').setValues([[new Date(Date.UTC(2024, 5, 1)), '2024-06-02']]);
       var v = s.getRange('A1:B1').getValues()[0];
       [v[0] instanceof Date, v[1] instanceof Date, v[0].toISOString(), s.getRange('A1').getDisplayValue()]`,
      context,
    ) as unknown[];
    expect(Array.from(result)).toEqual([true, true, '2024-06-01T00:00:00.000Z', '2024-06-01 8:00:00']);
  });
});
