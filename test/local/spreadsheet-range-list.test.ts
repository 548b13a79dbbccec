import { errorOf, makeService } from './spreadsheet-fixture';

describe('Sheet.getRangeList / RangeList (DOCS range-list)', () => {
  it('getRanges gives the ranges in order, as getRange reads each notation', () => {
    const { sheet } = makeService();
    const list = sheet.getRangeList(['B2', 'D:D', 'A5:C6']);
    expect(String(list)).toBe('RangeList');
    const ranges = list.getRanges();
    expect(ranges.map((r: { getA1Notation(): string }) => r.getA1Notation())).toEqual(['B2', 'D:D', 'A5:C6']);
    expect(list.getRanges()).not.toBe(ranges);
  });
  it('bad notations fail like getRange; another sheet or a non-array is refused', () => {
    const { sheet, ss } = makeService();
    ss.insertSheet('Other');
    expect(errorOf(() => sheet.getRangeList(['A1', 'B']))).toEqual({ name: 'Exception', message: 'Range not found' });
    expect(errorOf(() => sheet.getRangeList(['Other!A1']))).toEqual({
      name: 'Exception',
      message: 'Range not found',
    });
    expect(errorOf(() => sheet.getRangeList('A1'))).toEqual({
      name: 'Exception',
      message: "The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.getRangeList.",
    });
  });
  it('setValue / clearContent apply to every range, one metered call each', () => {
    const { ctx, sheet } = makeService();
    const list = sheet.getRangeList(['A1:B1', 'C3']);
    const { cost } = ctx.meter.measure(() => list.setValue('00123'));
    expect(cost.byMethod).toEqual({ 'SpreadsheetApp.RangeList.setValue': 1 });
    expect(cost.cellsWritten).toBe(3);
    expect(sheet.getRange('A1:C3').getValues()).toEqual([
      [123, 123, ''],
      ['', '', ''],
      ['', '', 123],
    ]);
    expect(list.clearContent()).toBe(list);
    expect(sheet.getRange('A1:C3').isBlank()).toBe(true);
  });
  it('formats and notes, and clear() of contents and formats', () => {
    const { sheet } = makeService();
    const list = sheet.getRangeList(['A1', 'B2']);
    list.setValue(1).setBackground('#FF0000').setFontWeight('bold').setNote('n').setNumberFormat('0.00');
    expect(sheet.getRange('B2').getBackground()).toBe('#ff0000');
    expect(sheet.getRange('B2').getDisplayValue()).toBe('1.00');
    expect(sheet.getRange('A1').getNote()).toBe('n');
    list.clear();
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
    expect(sheet.getRange('A1').getNote()).toBe('n');
    list.clearNote();
    expect(sheet.getRange('A1').getNote()).toBe('');
  });
  it('check / uncheck change only checkbox cells holding a checkbox value', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:A2').insertCheckboxes();
    sheet.getRange('B1').setValue('text');
    const list = sheet.getRangeList(['A1:B2']);
    list.check();
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      [true, 'text'],
      [true, ''],
    ]);
    list.uncheck();
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[false], [false]]);
  });
  it('activate selects the last range; unmodelled methods say so', () => {
    const { ss, sheet } = makeService();
    const list = sheet.getRangeList(['A1', 'C3:D4']);
    expect(list.activate()).toBe(list);
    expect(ss.getActiveRange().getA1Notation()).toBe('C3:D4');
    expect(() => list.setBorder(true, true, true, true, true, true)).toThrow(
      'not supported by the local runtime: RangeList.setBorder',
    );
    expect(() => list.trimWhitespace()).toThrow('not supported by the local runtime: RangeList.trimWhitespace');
  });
});
