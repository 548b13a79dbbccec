import { errorOf, makeService } from './spreadsheet-fixture';

/* Facts: docs/apps-script-behaviour.md "SpreadsheetApp: data validation" (GF-TEST testsheetsdatavalidations.js). */

describe('checkbox rules keep their custom values', () => {
  it('requireCheckbox(), (checked), (checked, unchecked) give [], [checked], [checked, unchecked]', () => {
    const { SpreadsheetApp } = makeService();
    const builder = SpreadsheetApp.newDataValidation();
    expect(builder.requireCheckbox().getCriteriaValues()).toEqual([]);
    expect(String(builder.getCriteriaType())).toBe('CHECKBOX');
    expect(builder.requireCheckbox('A').getCriteriaValues()).toEqual(['A']);
    expect(builder.requireCheckbox('A', 'B').getCriteriaValues()).toEqual(['A', 'B']);
    const built = builder.build();
    expect(String(built.getCriteriaType())).toBe('CHECKBOX');
    expect(built.getCriteriaValues()).toEqual(['A', 'B']);
    expect(built.copy().getCriteriaValues()).toEqual(['A', 'B']);
    expect(errorOf(() => builder.requireCheckbox('A', 'B', 'C'))).toEqual({
      name: 'Exception',
      message:
        "The parameters (String,String,String) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireCheckbox.",
    });
  });

  it('insertCheckboxes() sets false; (checked) sets ""; (checked, unchecked) sets the unchecked value', () => {
    const { sheet, SpreadsheetApp } = makeService();
    const plain = sheet.getRange('A1:A2').insertCheckboxes();
    expect(plain.getDataValidation().getCriteriaValues()).toEqual([]);
    expect(plain.getValues()).toEqual([[false], [false]]);

    sheet.getRange('B1:B2').setValues([['x'], [1]]);
    const one = sheet.getRange('B1:B2').insertCheckboxes('DONE');
    expect(String(one.getDataValidation().getCriteriaType())).toBe('CHECKBOX');
    expect(one.getDataValidation().getCriteriaValues()).toEqual(['DONE']);
    expect(one.getValues()).toEqual([[''], ['']]);

    const two = sheet.getRange('C1:C2').insertCheckboxes('YES', 'NO');
    expect(
      two.getDataValidations().map((row: { getCriteriaValues(): unknown[] }[]) => row[0]?.getCriteriaValues()),
    ).toEqual([
      ['YES', 'NO'],
      ['YES', 'NO'],
    ]);
    expect(two.getValues()).toEqual([['NO'], ['NO']]);

    // An existing rule is replaced.
    const d1 = sheet
      .getRange('D1')
      .setDataValidation(SpreadsheetApp.newDataValidation().requireNumberEqualTo(5).build());
    expect(String(d1.insertCheckboxes().getDataValidation().getCriteriaType())).toBe('CHECKBOX');

    // The custom values are what the rule accepts (the rule rejects other input).
    sheet.getRange('C1').setValue('YES');
    expect(errorOf(() => sheet.getRange('C2').setValue('maybe'))).toEqual({
      name: 'Exception',
      message: 'The data you entered in cell C2 violates the data validation rules set on this cell.',
    });
    sheet.getRange('B1').setValue('DONE');
    expect(sheet.getRange('B1:B2').getValues()).toEqual([['DONE'], ['']]);
    expect(errorOf(() => sheet.getRange('B2').setValue(true)).message).toBe(
      'The data you entered in cell B2 violates the data validation rules set on this cell.',
    );
    expect(errorOf(() => sheet.getRange('E1').insertCheckboxes(1, 2, 3)).message).toBe(
      "The parameters (number,number,number) don't match the method signature for SpreadsheetApp.Range.insertCheckboxes.",
    );
  });

  it('check()/uncheck() through a RangeList use the custom values', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:A2').insertCheckboxes('YES', 'NO');
    sheet.getRangeList(['A1:A2']).check();
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['YES'], ['YES']]);
    sheet.getRangeList(['A1']).uncheck();
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['NO'], ['YES']]);
  });
});

describe('DataValidationCriteria and RelativeDate', () => {
  it('has the *_RELATIVE date criteria, after CHECKBOX as on the reference page', () => {
    const { SpreadsheetApp } = makeService();
    const keys = Object.keys(SpreadsheetApp.DataValidationCriteria);
    expect(keys.slice(-4)).toEqual([
      'CHECKBOX',
      'DATE_AFTER_RELATIVE',
      'DATE_BEFORE_RELATIVE',
      'DATE_EQUAL_TO_RELATIVE',
    ]);
    expect(keys).toHaveLength(28);
    expect(SpreadsheetApp.DataValidationCriteria.DATE_AFTER_RELATIVE.toString()).toBe('DATE_AFTER_RELATIVE');
    expect(Object.keys(SpreadsheetApp.RelativeDate)).toEqual([
      'TODAY',
      'TOMORROW',
      'YESTERDAY',
      'PAST_WEEK',
      'PAST_MONTH',
      'PAST_YEAR',
    ]);
  });

  it('has no relative-date builder methods; withCriteria with a relative criterion is not supported', () => {
    const { SpreadsheetApp } = makeService();
    const builder = SpreadsheetApp.newDataValidation();
    expect(() => builder.requireDateAfterRelative(SpreadsheetApp.RelativeDate.TODAY)).toThrow(
      'not supported by the local runtime: DataValidationBuilder.requireDateAfterRelative',
    );
    expect(() =>
      builder.withCriteria(SpreadsheetApp.DataValidationCriteria.DATE_BEFORE_RELATIVE, [
        SpreadsheetApp.RelativeDate.PAST_YEAR,
      ]),
    ).toThrow(
      'not supported by the local runtime: DataValidationBuilder.withCriteria(DataValidationCriteria.DATE_BEFORE_RELATIVE)',
    );
    const rule = builder.withCriteria(SpreadsheetApp.DataValidationCriteria.NUMBER_BETWEEN, [1, 5]).build();
    expect(String(rule.getCriteriaType())).toBe('NUMBER_BETWEEN');
    expect(rule.getCriteriaValues()).toEqual([1, 5]);
    expect(errorOf(() => builder.withCriteria('NOT_A_CRITERION', [])).message).toBe(
      "The parameters (String,number[]) don't match the method signature for SpreadsheetApp.DataValidationBuilder.withCriteria.",
    );
  });
});
