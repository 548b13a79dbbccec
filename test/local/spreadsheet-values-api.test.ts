import { apiSheetName } from '../../src/local/spreadsheet/advanced-sheets-values';
import { errorOf, makeService } from './spreadsheet-fixture';

function book() {
  const made = makeService({ id: 'doc1', timeZone: 'Asia/Shanghai', locale: 'en_US' });
  const { sheet } = made;
  sheet.getRange('A1:D3').setValues([
    ['name', 'amount', 'when', 'ok'],
    ['甲', 1234.5, '2024-06-01 12:00', true],
    ['乙', 0.25, '', false],
  ]);
  sheet.getRange('B2:B3').setNumberFormat('#,##0.00');
  sheet.getRange('C2').setNumberFormat('yyyy-mm-dd hh:mm');
  sheet.getRange('E2').setFormula('=SUM(B2:B3)');
  return made;
}

const apiError = (method: string, message: string) => ({
  name: 'GoogleJsonResponseException',
  message: `API call to sheets.spreadsheets.values.${method} failed with error: ${message}`,
});

describe('Values.batchGet (DISC spreadsheets.values.batchGet)', () => {
  it('FORMATTED_VALUE by default: display strings, trailing blanks left out, ranges normalised', () => {
    const { Sheets } = book();
    const res = Sheets.Spreadsheets.Values.batchGet('doc1', { ranges: ['A1:F5', 'Sheet1!B:B', 'A10:B12'] });
    expect(res).toEqual({
      spreadsheetId: 'doc1',
      valueRanges: [
        {
          range: 'Sheet1!A1:F5',
          majorDimension: 'ROWS',
          values: [
            ['name', 'amount', 'when', 'ok'],
            ['甲', '1,234.50', '2024-06-01 12:00', 'TRUE', '#NAME?'],
            ['乙', '0.25', '', 'FALSE'],
          ],
        },
        { range: 'Sheet1!B1:B1000', majorDimension: 'ROWS', values: [['amount'], ['1,234.50'], ['0.25']] },
        { range: 'Sheet1!A10:B12', majorDimension: 'ROWS' },
      ],
    });
  });
  it('UNFORMATTED_VALUE: typed values; dates as serial numbers in the sheet zone, or their display text', () => {
    const { Sheets } = book();
    const serial = Sheets.Spreadsheets.Values.batchGet('doc1', {
      ranges: ['B2:E2'],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    // 2024-06-01 is day 45444 after 1899-12-30; 12:00 is half a day (Asia/Shanghai wall time).
    expect(serial.valueRanges[0].values).toEqual([[1234.5, 45444.5, true, '#NAME?']]);
    const text = Sheets.Spreadsheets.Values.batchGet('doc1', {
      ranges: ['C2'],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
    expect(text.valueRanges[0]).toEqual({ range: 'Sheet1!C2', majorDimension: 'ROWS', values: [['2024-06-01 12:00']] });
  });
  it('FORMULA: formulas as text, other cells unformatted', () => {
    const { Sheets } = book();
    const res = Sheets.Spreadsheets.Values.get('doc1', 'B2:E2', { valueRenderOption: 'FORMULA' });
    expect(res).toEqual({
      range: 'Sheet1!B2:E2',
      majorDimension: 'ROWS',
      values: [[1234.5, 45444.5, true, '=SUM(B2:B3)']],
    });
  });
  it('majorDimension COLUMNS transposes, trimming each column', () => {
    const { Sheets } = book();
    const res = Sheets.Spreadsheets.Values.get('doc1', 'A1:B3', { majorDimension: 'COLUMNS' });
    expect(res.values).toEqual([
      ['name', '甲', '乙'],
      ['amount', '1,234.50', '0.25'],
    ]);
  });
  it('no sheet name = the first visible sheet; a sheet name alone = the whole sheet; names are quoted when needed', () => {
    const { Sheets, ss } = book();
    const other = ss.insertSheet('My data', 0);
    other.getRange('A1').setValue('x');
    ss.insertSheet('客户').getRange('B2').setValue('y');
    expect(Sheets.Spreadsheets.Values.get('doc1', 'A1').range).toBe("'My data'!A1");
    other.hideSheet();
    expect(Sheets.Spreadsheets.Values.get('doc1', 'A1').values).toEqual([['name']]);
    expect(Sheets.Spreadsheets.Values.get('doc1', '客户')).toEqual({
      range: "'客户'!A1:Z1000",
      majorDimension: 'ROWS',
      values: [[], ['', 'y']],
    });
    expect(apiSheetName('Sheet1')).toBe('Sheet1');
    expect(apiSheetName('A1')).toBe("'A1'");
    expect(apiSheetName("It's")).toBe("'It''s'");
  });
  it('API errors: unknown sheet, bad A1, past the grid, bad options, wrong id; one bad range fails all', () => {
    const { Sheets } = book();
    const get =
      (ranges: string[], extra = {}) =>
      () =>
        Sheets.Spreadsheets.Values.batchGet('doc1', { ranges, ...extra });
    expect(errorOf(get(['A1', 'Nope!A1']))).toEqual(apiError('batchGet', 'Unable to parse range: Nope!A1'));
    expect(errorOf(get(['A1:B2:C3']))).toEqual(apiError('batchGet', 'Unable to parse range: A1:B2:C3'));
    expect(errorOf(get(['Sheet1!A1:A1001']))).toEqual(
      apiError('batchGet', 'Range (Sheet1!A1:A1001) exceeds grid limits. Max rows: 1000, max columns: 26'),
    );
    expect(errorOf(get(['A1'], { valueRenderOption: 'RAW' })).message).toMatch(/valueRenderOption/);
    expect(errorOf(() => Sheets.Spreadsheets.Values.batchGet('other', { ranges: ['A1'] }))).toEqual(
      apiError('batchGet', 'Requested entity was not found.'),
    );
    expect(Sheets.Spreadsheets.Values.batchGet('doc1', {})).toEqual({ spreadsheetId: 'doc1' });
  });
  it('meters one call and the cells of the requested ranges', () => {
    const { Sheets, ctx } = book();
    const { cost } = ctx.meter.measure(() =>
      Sheets.Spreadsheets.Values.batchGet('doc1', { ranges: ['A1:B2', 'C1:C3'] }),
    );
    expect(cost.byMethod).toEqual({ 'Sheets.Values.batchGet': 1 });
    expect(cost.cellsRead).toBe(7);
  });
});

describe('Values.batchUpdate / update (DISC spreadsheets.values.batchUpdate, ValueInputOption)', () => {
  it('USER_ENTERED parses like typed input; RAW stores strings as they are', () => {
    const { Sheets, sheet } = makeService({ id: 'doc1' });
    const res = Sheets.Spreadsheets.Values.batchUpdate(
      {
        valueInputOption: 'USER_ENTERED',
        data: [{ range: 'A1:C1', values: [['00123', '=1+1', 'TRUE']] }],
      },
      'doc1',
    );
    expect(sheet.getRange('A1:C1').getValues()).toEqual([[123, '#NAME?', true]]);
    expect(sheet.getRange('B1').getFormula()).toBe('=1+1');
    expect(res).toEqual({
      spreadsheetId: 'doc1',
      totalUpdatedRows: 1,
      totalUpdatedColumns: 3,
      totalUpdatedCells: 3,
      totalUpdatedSheets: 1,
      responses: [
        { spreadsheetId: 'doc1', updatedRange: 'Sheet1!A1:C1', updatedRows: 1, updatedColumns: 3, updatedCells: 3 },
      ],
    });
    Sheets.Spreadsheets.Values.batchUpdate(
      { valueInputOption: 'RAW', data: [{ range: 'A2', values: [['00123', '=1+1', "'x", 7, false]] }] },
      'doc1',
    );
    expect(sheet.getRange('A2:E2').getValues()).toEqual([['00123', '=1+1', "'x", 7, false]]);
    expect(sheet.getRange('B2').getFormula()).toBe('');
  });
  it('null skips a cell, "" clears it; a single start cell grows with the values', () => {
    const { Sheets, sheet } = makeService({ id: 'doc1' });
    sheet.getRange('A1:B2').setValues([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const res = Sheets.Spreadsheets.Values.update({ values: [[null, ''], ['x']] }, 'doc1', 'A1', {
      valueInputOption: 'RAW',
      includeValuesInResponse: true,
    });
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['a', ''],
      ['x', 'd'],
    ]);
    expect(res).toEqual({
      spreadsheetId: 'doc1',
      updatedRange: 'Sheet1!A1:B2',
      updatedRows: 2,
      updatedColumns: 2,
      updatedCells: 2,
      updatedData: {
        range: 'Sheet1!A1:B2',
        majorDimension: 'ROWS',
        values: [['a'], ['x', 'd']],
      },
    });
  });
  it('a Date in the request is sent as JSON (an ISO string), as the advanced service does', () => {
    const { Sheets, sheet } = makeService({ id: 'doc1' });
    Sheets.Spreadsheets.Values.update({ values: [[new Date(Date.UTC(2024, 5, 1))]] }, 'doc1', 'A1', {
      valueInputOption: 'RAW',
    });
    expect(sheet.getRange('A1').getValue()).toBe('2024-06-01T00:00:00.000Z');
  });
  it('COLUMNS data is written column by column', () => {
    const { Sheets, sheet } = makeService({ id: 'doc1' });
    Sheets.Spreadsheets.Values.batchUpdate(
      {
        valueInputOption: 'RAW',
        data: [
          {
            range: 'B2:C3',
            majorDimension: 'COLUMNS',
            values: [
              [1, 2],
              [3, 4],
            ],
          },
        ],
      },
      'doc1',
    );
    expect(sheet.getRange('B2:C3').getValues()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });
  it('errors: no valueInputOption, writing past the range or the grid; nothing is written when one entry fails', () => {
    const { Sheets, sheet } = makeService({ id: 'doc1' });
    const batch = (body: object) => () => Sheets.Spreadsheets.Values.batchUpdate(body, 'doc1');
    expect(errorOf(batch({ data: [{ range: 'A1', values: [[1]] }] }))).toEqual(
      apiError('batchUpdate', "'valueInputOption' is required but not specified"),
    );
    expect(
      errorOf(() =>
        Sheets.Spreadsheets.Values.update({ values: [[1], [2], [3]] }, 'doc1', 'A1:B2', { valueInputOption: 'RAW' }),
      ),
    ).toEqual(apiError('update', 'Requested writing within range [Sheet1!A1:B2], but tried writing to row [3]'));
    expect(
      errorOf(() =>
        Sheets.Spreadsheets.Values.update({ values: [[1, 2, 3]] }, 'doc1', 'A1:B2', { valueInputOption: 'RAW' }),
      ),
    ).toEqual(apiError('update', 'Requested writing within range [Sheet1!A1:B2], but tried writing to column [C]'));
    expect(
      errorOf(() =>
        Sheets.Spreadsheets.Values.update({ values: [[1], [2]] }, 'doc1', 'A1000', { valueInputOption: 'RAW' }),
      ),
    ).toEqual(apiError('update', 'Range (A1000) exceeds grid limits. Max rows: 1000, max columns: 26'));
    const failing = batch({
      valueInputOption: 'RAW',
      data: [
        { range: 'A1', values: [['first']] },
        { range: 'Nope!A1', values: [['second']] },
      ],
    });
    expect(errorOf(failing)).toEqual(apiError('batchUpdate', 'Invalid data[1]: Unable to parse range: Nope!A1'));
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(errorOf(batch({ valueInputOption: 'RAW', data: [{ range: 'A1', values: [['x'.repeat(50001)]] }] }))).toEqual(
      apiError(
        'batchUpdate',
        'Invalid data[0]: Your input contains more than the maximum of 50000 characters in a single cell.',
      ),
    );
  });
  it('a reject-input validation rule refuses the write (UNCONFIRMED, stricter)', () => {
    const { Sheets, SpreadsheetApp, sheet } = makeService({ id: 'doc1' });
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(['a', 'b']).setAllowInvalid(false).build();
    sheet.getRange('A1').setDataValidation(rule);
    expect(
      errorOf(() => Sheets.Spreadsheets.Values.update({ values: [['z']] }, 'doc1', 'A1', { valueInputOption: 'RAW' }))
        .message,
    ).toMatch(/A1 violates the data validation rules/);
    expect(sheet.getRange('A1').getValue()).toBe('');
  });
  it('meters one call and the cells written', () => {
    const { Sheets, ctx } = makeService({ id: 'doc1' });
    const { cost } = ctx.meter.measure(() =>
      Sheets.Spreadsheets.Values.batchUpdate(
        {
          valueInputOption: 'USER_ENTERED',
          data: [
            { range: 'A1', values: [[1, 2]] },
            { range: 'C5', values: [[null], [3]] },
          ],
        },
        'doc1',
      ),
    );
    expect(cost.byMethod).toEqual({ 'Sheets.Values.batchUpdate': 1 });
    expect(cost.cellsWritten).toBe(3);
  });
});
