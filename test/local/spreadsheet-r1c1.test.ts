import { errorOf, makeService } from './spreadsheet-fixture';

/* Facts: docs/apps-script-behaviour.md "SpreadsheetApp: R1C1 in getRange" (GF-TEST testsheets.js). */

describe('getRange(string) reads absolute R1C1 as well as A1', () => {
  it('single cells and ranges, normalised and case-insensitive', () => {
    const { sheet } = makeService();
    const cell = sheet.getRange('R5C3');
    expect([cell.getA1Notation(), cell.getRow(), cell.getColumn()]).toEqual(['C5', 5, 3]);
    const block = sheet.getRange('R2C2:R4C5');
    expect([block.getA1Notation(), block.getNumRows(), block.getNumColumns()]).toEqual(['B2:E4', 3, 4]);
    expect(sheet.getRange('R10C5:R1C2').getA1Notation()).toBe('B1:E10');
    expect(sheet.getRange('r1c1:r2c2').getA1Notation()).toBe('A1:B2');
  });

  it('text that is valid A1 stays A1 ("RC1" is column RC, row 1)', () => {
    const { sheet, ss } = makeService();
    ss.getSheets()[0].insertColumnsAfter(26, 500);
    const rc1 = sheet.getRange('RC1');
    expect([rc1.getA1Notation(), rc1.getColumn(), rc1.getRow()]).toEqual(['RC1', 471, 1]);
    expect(sheet.getRange('R1:R3').getA1Notation()).toBe('R1:R3');
  });

  it('works with a sheet prefix, in getRangeList and setActiveSelection', () => {
    const { ss, sheet } = makeService();
    const other = ss.insertSheet('Other');
    const r = ss.getRange('Other!R2C3');
    expect([r.getSheet().getName(), r.getA1Notation()]).toEqual(['Other', 'C2']);
    expect(ss.getRange("'Sheet1'!R1C1:R2C2").getA1Notation()).toBe('A1:B2');
    expect(
      sheet
        .getRangeList(['R1C1', 'A2:B3'])
        .getRanges()
        .map((x: { getA1Notation(): string }) => x.getA1Notation()),
    ).toEqual(['A1', 'A2:B3']);
    expect(ss.setActiveSelection('R3C4').getA1Notation()).toBe('D3');
    expect(other.getName()).toBe('Other');
  });

  it('relative or malformed R1C1 is "Range not found"; past the grid is the usual dimensions error', () => {
    const { sheet } = makeService();
    for (const bad of ['R[1]C[1]', 'R0C1', 'R1C0', 'R1C1:R2', 'R1C1:B2:C3', 'R1C1C1']) {
      expect(errorOf(() => sheet.getRange(bad))).toEqual({ name: 'Exception', message: 'Range not found' });
    }
    expect(errorOf(() => sheet.getRange('R1001C1')).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(errorOf(() => sheet.getRange('R1C27')).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });
});
