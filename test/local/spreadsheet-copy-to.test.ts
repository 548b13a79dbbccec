import { errorOf, makeService } from './spreadsheet-fixture';

/**
 * Range.copyTo / copyValuesToRange / copyFormatToRange (docs/apps-script-behaviour.md, "Range.copyTo"). The
 * cases follow gas-fakes' testsheets.js "Range.copyTo" and "copy values and formats to range", which pass on
 * live Apps Script.
 */
const SOURCE = [
  ['V1', 'V2'],
  ['V3', 'V4'],
];

function setup() {
  const service = makeService();
  const { sheet } = service;
  sheet
    .getRange('A1:B2')
    .setValues(SOURCE)
    .setBackground('#ff0000')
    .setFontColor('#0000ff')
    .setFontSize(14)
    .setFontWeight('bold');
  return { ...service, source: sheet.getRange('A1:B2') };
}

type R = {
  getBackground(): string;
  getFontColor(): string;
  getFontSize(): number;
  getFontWeight(): string;
};
const formatsOf = (r: R) => [r.getBackground(), r.getFontColor(), r.getFontSize(), r.getFontWeight()];
const SOURCE_FORMATS = ['#ff0000', '#0000ff', 14, 'bold'];
const DEFAULT_FORMATS = ['#ffffff', '#000000', 10, 'normal'];

describe('Range.copyTo(destination)', () => {
  it('same size: values and formats', () => {
    const { sheet, source } = setup();
    source.copyTo(sheet.getRange('D1:E2'));
    expect(sheet.getRange('D1:E2').getValues()).toEqual(SOURCE);
    expect(formatsOf(sheet.getRange('E2'))).toEqual(SOURCE_FORMATS);
  });

  it('a smaller destination still receives the whole source', () => {
    const { sheet, source } = setup();
    source.copyTo(sheet.getRange('G1'));
    expect(sheet.getRange('G1:H2').getValues()).toEqual(SOURCE);
    expect(formatsOf(sheet.getRange('H2'))).toEqual(SOURCE_FORMATS);
  });

  it('a larger destination repeats the source as many whole times as fit', () => {
    const { sheet, source } = setup();
    source.copyTo(sheet.getRange('J1:L4'));
    expect(sheet.getRange('J1:L4').getValues()).toEqual([
      ['V1', 'V2', ''],
      ['V3', 'V4', ''],
      ['V1', 'V2', ''],
      ['V3', 'V4', ''],
    ]);
    expect(formatsOf(sheet.getRange('K4'))).toEqual(SOURCE_FORMATS);
    expect(formatsOf(sheet.getRange('L1'))).toEqual(DEFAULT_FORMATS);
  });

  it('an empty source clears the destination, values and formats', () => {
    const { sheet } = setup();
    const target = sheet.getRange('D100:E101');
    target.setValues([
      ['X', 'Y'],
      ['Z', 'W'],
    ]);
    target.setBackground('#00ff00');
    sheet.getRange('A100:B101').copyTo(target);
    expect(target.getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(target.getBackground()).toBe('#ffffff');
  });

  it('copies notes, number formats and data validation; overlapping ranges read the source first', () => {
    const { sheet, SpreadsheetApp } = setup();
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(['a', 'b']).build();
    sheet.getRange('A5').setValue(0.5).setNumberFormat('0%').setNote('half').setDataValidation(rule);
    sheet.getRange('A6').setValue(2);
    sheet.getRange('A5:A6').copyTo(sheet.getRange('A6'));
    expect(sheet.getRange('A5:A7').getValues()).toEqual([[0.5], [0.5], [2]]);
    const copied = sheet.getRange('A6');
    expect([copied.getDisplayValue(), copied.getNote()]).toEqual(['50%', 'half']);
    expect(copied.getDataValidation().getCriteriaValues()[0]).toEqual(['a', 'b']);
  });

  it('transposed: rows become columns, formats follow', () => {
    const { sheet, source, SpreadsheetApp } = setup();
    source.copyTo(sheet.getRange('D17:E18'), SpreadsheetApp.CopyPasteType.PASTE_NORMAL, true);
    expect(sheet.getRange('D17:E18').getValues()).toEqual([
      ['V1', 'V3'],
      ['V2', 'V4'],
    ]);
    expect(formatsOf(sheet.getRange('E18'))).toEqual(SOURCE_FORMATS);
    sheet.getRange('A30:C30').setValues([[1, 2, 3]]);
    sheet.getRange('A30:C30').copyTo(sheet.getRange('E30'), SpreadsheetApp.CopyPasteType.PASTE_VALUES, true);
    expect(sheet.getRange('E30:E32').getValues()).toEqual([[1], [2], [3]]);
  });
});

describe('Range.copyTo with options or a CopyPasteType', () => {
  it('{contentsOnly: true} pastes values and leaves the destination formats', () => {
    const { sheet, source } = setup();
    sheet.getRange('J5:L8').setBackground('#cccccc');
    source.copyTo(sheet.getRange('J5:L8'), { contentsOnly: true });
    expect(sheet.getRange('J5:K8').getValues()).toEqual([...SOURCE, ...SOURCE]);
    expect(sheet.getRange('J5').getBackground()).toBe('#cccccc');
    expect(sheet.getRange('L5').getBackground()).toBe('#cccccc');
  });

  it('{formatOnly: true} pastes formats and leaves the destination values', () => {
    const { sheet, source } = setup();
    const values = [
      ['X1', 'X2'],
      ['X3', 'X4'],
    ];
    sheet.getRange('D9:E10').setValues(values);
    source.copyTo(sheet.getRange('D9'), { formatOnly: true });
    expect(sheet.getRange('D9:E10').getValues()).toEqual(values);
    expect(formatsOf(sheet.getRange('E10'))).toEqual(SOURCE_FORMATS);
  });

  it('PASTE_VALUES with transposed=false pastes values only; as a lone second argument it pastes normally', () => {
    const { sheet, source, SpreadsheetApp } = setup();
    sheet.getRange('D13:E14').setBackground('#cccccc');
    source.copyTo(sheet.getRange('D13:E14'), SpreadsheetApp.CopyPasteType.PASTE_VALUES, false);
    expect(sheet.getRange('D13:E14').getValues()).toEqual(SOURCE);
    expect(sheet.getRange('D13').getBackground()).toBe('#cccccc');
    // copyTo(destination, PASTE_VALUES) is the options overload on Apps Script: the formats come too.
    sheet.getRange('G13:H14').setBackground('#cccccc');
    source.copyTo(sheet.getRange('G13:H14'), SpreadsheetApp.CopyPasteType.PASTE_VALUES);
    expect(sheet.getRange('G13:H14').getValues()).toEqual(SOURCE);
    expect(sheet.getRange('G13').getBackground()).toBe('#ff0000');
  });

  it('PASTE_FORMAT, PASTE_DATA_VALIDATION, PASTE_FORMULA and PASTE_COLUMN_WIDTHS', () => {
    const { sheet, source, SpreadsheetApp } = setup();
    const { PASTE_FORMAT, PASTE_DATA_VALIDATION, PASTE_FORMULA, PASTE_COLUMN_WIDTHS } = SpreadsheetApp.CopyPasteType;
    sheet.getRange('D1:E2').setValues([
      ['k', 'k'],
      ['k', 'k'],
    ]);
    source.copyTo(sheet.getRange('D1'), PASTE_FORMAT, false);
    expect(sheet.getRange('D1').getValue()).toBe('k');
    expect(formatsOf(sheet.getRange('E2'))).toEqual(SOURCE_FORMATS);

    const rule = SpreadsheetApp.newDataValidation().requireValueInList(['x']).build();
    sheet.getRange('A3').setDataValidation(rule).setBackground('#00ff00');
    sheet.getRange('A3').copyTo(sheet.getRange('G3'), PASTE_DATA_VALIDATION, false);
    expect(sheet.getRange('G3').getDataValidation()).not.toBeNull();
    expect(sheet.getRange('G3').getBackground()).toBe('#ffffff');

    sheet.getRange('A4').setFormula('=TODAY()');
    sheet.getRange('A4').copyTo(sheet.getRange('G4'), PASTE_FORMULA, false);
    expect(sheet.getRange('G4').getFormula()).toBe('=TODAY()');

    sheet.setColumnWidth(1, 250);
    source.copyTo(sheet.getRange('M1'), PASTE_COLUMN_WIDTHS, false);
    expect([sheet.getColumnWidth(13), sheet.getColumnWidth(14)]).toEqual([250, 100]);
    expect(sheet.getRange('M1').getValue()).toBe('');
  });

  it('wrong arguments are signature errors (as on Apps Script)', () => {
    const { source, sheet, SpreadsheetApp } = setup();
    const signature = (types: string) =>
      `The parameters (${types}) don't match the method signature for SpreadsheetApp.Range.copyTo.`;
    expect(errorOf(() => source.copyTo())).toEqual({ name: 'Exception', message: signature('') });
    expect(errorOf(() => source.copyTo('not a range')).message).toBe(signature('String'));
    expect(
      errorOf(() => source.copyTo(sheet.getRange('D1'), SpreadsheetApp.CopyPasteType.PASTE_NORMAL, 'not a boolean'))
        .message,
    ).toBe(signature('Object,Object,String'));
  });

  it('what is not modelled throws notSupported', () => {
    const { source, sheet, SpreadsheetApp } = setup();
    const target = sheet.getRange('D1');
    const NOT = 'not supported by the local runtime';
    expect(() => source.copyTo(target, { contentsOnly: true, formatOnly: true })).toThrow(NOT);
    expect(() => source.copyTo(target, { someOtherOption: true })).toThrow(NOT);
    expect(() => source.copyTo(target, 'INVALID_TYPE')).toThrow(NOT);
    expect(() => source.copyTo(target, SpreadsheetApp.CopyPasteType.PASTE_CONDITIONAL_FORMATTING, false)).toThrow(NOT);
    sheet.getRange('A20').setFormula('=A1*2');
    expect(() => sheet.getRange('A20').copyTo(sheet.getRange('B20'))).toThrow(NOT);
    expect(() => sheet.getRange('A20').copyTo(sheet.getRange('B20'), { contentsOnly: true })).toThrow(NOT);
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=A1="V1"')
      .setBackground('#00ff00')
      .setRanges([sheet.getRange('A1:A2')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    expect(() => source.copyTo(target)).toThrow(NOT);
    source.copyTo(target, { contentsOnly: true }); // values only: the rule does not matter
    expect(target.getValue()).toBe('V1');
  });

  it("another spreadsheet is refused with Apps Script's text; past the sheet's edge as getRange", () => {
    const { source, SpreadsheetApp, sheet } = setup();
    const other = SpreadsheetApp.create('Other').getSheets()[0];
    expect(errorOf(() => source.copyTo(other.getRange('A1')))).toEqual({
      name: 'Exception',
      message: 'Target range and source range must be on the same spreadsheet.',
    });
    expect(errorOf(() => source.copyTo(sheet.getRange('Z1000'))).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });

  it('a values paste into cells with a reject-input rule is checked like setValues', () => {
    const { source, sheet, SpreadsheetApp } = setup();
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(['ok']).setAllowInvalid(false).build();
    sheet.getRange('D1:E2').setDataValidation(rule);
    expect(errorOf(() => source.copyTo(sheet.getRange('D1'), { contentsOnly: true })).message).toBe(
      'The data you entered in cell D1 violates the data validation rules set on this cell.',
    );
    source.copyTo(sheet.getRange('D1')); // a normal paste replaces the rule with the source's (none)
    expect(sheet.getRange('D1').getDataValidation()).toBeNull();
  });

  it('is one metered call that writes the pasted cells and reads none', () => {
    const { source, sheet, ctx } = setup();
    const target = sheet.getRange('J1:L4');
    const { cost } = ctx.meter.measure(() => source.copyTo(target));
    expect(cost.calls).toBe(1);
    expect(cost.byMethod).toEqual({ 'SpreadsheetApp.Range.copyTo': 1 });
    expect([cost.cellsRead, cost.cellsWritten]).toEqual([0, 8]);
  });
});

describe('copyValuesToRange / copyFormatToRange', () => {
  it('(sheet, column, columnEnd, row, rowEnd): repeated or whole, as copyTo', () => {
    const { source, sheet } = setup();
    source.copyValuesToRange(sheet, 1, 5, 110, 114); // 5 × 5 → the source 2 × 2 times
    expect(sheet.getRange(110, 1, 5, 5).getValues()).toEqual([
      ['V1', 'V2', 'V1', 'V2', ''],
      ['V3', 'V4', 'V3', 'V4', ''],
      ['V1', 'V2', 'V1', 'V2', ''],
      ['V3', 'V4', 'V3', 'V4', ''],
      ['', '', '', '', ''],
    ]);
    expect(sheet.getRange(110, 1).getBackground()).toBe('#ffffff');
    source.copyFormatToRange(sheet.getSheetId(), 11, 11, 101, 101); // 1 × 1 → the whole source
    expect(formatsOf(sheet.getRange('L102'))).toEqual(SOURCE_FORMATS);
    expect(sheet.getRange('L102').getValue()).toBe('');
  });

  it("another spreadsheet's sheet is refused; bad arguments are signature errors", () => {
    const { source, SpreadsheetApp } = setup();
    const other = SpreadsheetApp.create('Other').getSheets()[0];
    expect(errorOf(() => source.copyValuesToRange(other, 1, 1, 1, 1)).message).toBe(
      'Target range and source range must be on the same spreadsheet.',
    );
    expect(errorOf(() => source.copyValuesToRange('x', 1, 1, 1)).message).toBe(
      "The parameters (String,number,number,number) don't match the method signature for SpreadsheetApp.Range.copyValuesToRange.",
    );
  });
});
