import { errorOf, makeService } from './spreadsheet-fixture';

describe('data validation (docs/apps-script/spreadsheet.md §6)', () => {
  it('builder read-back: criteria type/values, allowInvalid default true, help text, copy', () => {
    const { SpreadsheetApp, sheet } = makeService();
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(['A', 'B']).setHelpText('pick').build();
    expect(rule.getCriteriaType()).toBe(SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST);
    expect(rule.getCriteriaValues()).toEqual([['A', 'B'], true]);
    expect(rule.getAllowInvalid()).toBe(true);
    expect(rule.getHelpText()).toBe('pick');
    const strict = rule.copy().setAllowInvalid(false).build();
    expect([strict.getAllowInvalid(), rule.getAllowInvalid()]).toEqual([false, true]);
    expect(SpreadsheetApp.newDataValidation().requireValueInList(['x'], false).build().getCriteriaValues()).toEqual([
      ['x'],
      false,
    ]);
    expect(SpreadsheetApp.newDataValidation().requireNumberBetween(1, 5).build().getCriteriaValues()).toEqual([1, 5]);
    expect(String(SpreadsheetApp.newDataValidation().requireDate().build().getCriteriaType())).toBe(
      'DATE_IS_VALID_DATE',
    );
    expect(String(SpreadsheetApp.newDataValidation().requireCheckbox().build().getCriteriaType())).toBe('CHECKBOX');
    expect(String(SpreadsheetApp.newDataValidation().requireTextIsEmail().build().getCriteriaType())).toBe(
      'TEXT_IS_VALID_EMAIL',
    );
    const inRange = SpreadsheetApp.newDataValidation().requireValueInRange(sheet.getRange('Z1:Z3')).build();
    expect(inRange.getCriteriaValues()[0].getA1Notation()).toBe('Z1:Z3');
  });
  it('getDataValidation is null without a rule; setDataValidations/getDataValidations; clearDataValidations', () => {
    const { SpreadsheetApp, sheet } = makeService();
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
    const rule = SpreadsheetApp.newDataValidation().requireCheckbox().build();
    sheet.getRange('A1:B1').setDataValidations([[rule, null]]);
    const rules = sheet.getRange('A1:B1').getDataValidations();
    expect([String(rules[0][0].getCriteriaType()), rules[0][1]]).toEqual(['CHECKBOX', null]);
    sheet.getRange('A1:B1').clearDataValidations();
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
  });
  it('a script write breaking a reject rule throws with the cell A1 and changes nothing (§6)', () => {
    const { SpreadsheetApp, sheet } = makeService();
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(['open', 'won']).setAllowInvalid(false).build();
    sheet.getRange('U2:U3').setDataValidation(rule);
    sheet.getRange('U2').setValue('open');
    expect(
      errorOf(() =>
        sheet.getRange('T2:U3').setValues([
          ['a', 'won'],
          ['b', 'Open'],
        ]),
      ),
    ).toEqual({
      name: 'Exception',
      message: 'The data you entered in cell U3 violates the data validation rules set on this cell.',
    });
    expect(sheet.getRange('T2:U3').getValues()).toEqual([
      ['', 'open'],
      ['', ''],
    ]);
    expect(errorOf(() => sheet.appendRow(Array(20).fill('').concat(['lost']))).message).toBe(
      'The data you entered in cell U3 violates the data validation rules set on this cell.',
    );
    sheet.getRange('U2').setValue('');
    expect(sheet.getRange('U2').getValue()).toBe('');
  });
  it('allowInvalid=true lets the write through; number/checkbox/email/date rules check types', () => {
    const { SpreadsheetApp, sheet } = makeService();
    sheet.getRange('A1').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['x']).build());
    sheet.getRange('A1').setValue('y');
    expect(sheet.getRange('A1').getValue()).toBe('y');
    const strict = (b: { setAllowInvalid(v: boolean): { build(): unknown } }) => b.setAllowInvalid(false).build();
    sheet.getRange('B1').setDataValidation(strict(SpreadsheetApp.newDataValidation().requireNumberBetween(1, 5)));
    sheet.getRange('C1').setDataValidation(strict(SpreadsheetApp.newDataValidation().requireCheckbox()));
    sheet.getRange('D1').setDataValidation(strict(SpreadsheetApp.newDataValidation().requireTextIsEmail()));
    sheet.getRange('E1').setDataValidation(strict(SpreadsheetApp.newDataValidation().requireDate()));
    sheet.getRange('B1:E1').setValues([['3', 'TRUE', 'a@b.co', '2024-06-01']]);
    expect(sheet.getRange('B1:D1').getValues()).toEqual([[3, true, 'a@b.co']]);
    for (const [a1, bad] of [
      ['B1', 9],
      ['C1', 'yes'],
      ['D1', 'nope'],
      ['E1', 'soon'],
    ] as const) {
      expect(errorOf(() => sheet.getRange(a1).setValue(bad)).message).toBe(
        `The data you entered in cell ${a1} violates the data validation rules set on this cell.`,
      );
    }
  });
  it('insertCheckboxes sets a checkbox rule and FALSE values', () => {
    const { sheet } = makeService();
    sheet.getRange('A1:A2').insertCheckboxes();
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[false], [false]]);
    expect(String(sheet.getRange('A2').getDataValidation().getCriteriaType())).toBe('CHECKBOX');
  });
  it('a USER edit through the inspector is parsed as typed and rejected by a strict rule', () => {
    const { SpreadsheetApp, sheet, workbook } = makeService();
    sheet
      .getRange('B2')
      .setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['A']).setAllowInvalid(false).build());
    workbook.userEdit('Sheet1', 'A2', '00123');
    expect(sheet.getRange('A2').getValue()).toBe(123);
    expect(() => workbook.userEdit('Sheet1', 'B2', 'Z')).toThrow(
      'The data you entered in cell B2 violates the data validation rules set on this cell.',
    );
    expect(workbook.validations('Sheet1')).toEqual([
      { a1: 'B2', criteria: 'VALUE_IN_LIST', values: [['A'], true], allowInvalid: false, helpText: null },
    ]);
  });
});

describe('conditional format rules (docs/apps-script/spreadsheet.md §8, docs/apps-script/filter-views-and-charts.md §6)', () => {
  it('builder round-trip table of §6', () => {
    const { SpreadsheetApp, sheet } = makeService();
    const build = (fn: (b: Record<string, (...a: unknown[]) => unknown>) => unknown) => {
      const b = SpreadsheetApp.newConditionalFormatRule();
      fn(b);
      return b
        .setRanges([sheet.getRange('A1:A10')])
        .build()
        .getBooleanCondition();
    };
    const cases: [(b: Record<string, (...a: unknown[]) => unknown>) => unknown, string, unknown[]][] = [
      [(b) => b.whenNumberGreaterThan(50), 'NUMBER_GREATER_THAN', [50]],
      [(b) => b.whenNumberBetween(10, 20), 'NUMBER_BETWEEN', [10, 20]],
      [(b) => b.whenTextContains('hello'), 'TEXT_CONTAINS', ['hello']],
      [(b) => b.whenFormulaSatisfied('=A1>10'), 'CUSTOM_FORMULA', ['=A1>10']],
      [(b) => b.whenNumberLessThanOrEqualTo(3), 'NUMBER_LESS_THAN_OR_EQUAL_TO', [3]],
      [(b) => b.whenTextEqualTo('x'), 'TEXT_EQUAL_TO', ['x']],
      [(b) => b.whenCellEmpty(), 'CELL_EMPTY', []],
      [(b) => b.whenCellNotEmpty(), 'CELL_NOT_EMPTY', []],
    ];
    for (const [fn, type, values] of cases) {
      const cond = build(fn) as { getCriteriaType(): unknown; getCriteriaValues(): unknown[] };
      expect(cond.getCriteriaType()).toBe(SpreadsheetApp.BooleanCriteria[type]);
      expect(cond.getCriteriaValues()).toEqual(values);
    }
    const rel = build((b) => b.whenDateEqualTo(SpreadsheetApp.RelativeDate.TODAY)) as {
      getCriteriaType(): unknown;
      getCriteriaValues(): unknown[];
    };
    expect(String(rel.getCriteriaType())).toBe('DATE_EQUAL_TO_RELATIVE');
    expect(rel.getCriteriaValues().map(String)).toEqual(['TODAY']);
  });
  it('set/get/clear rules; colours read back lower-case via getBackgroundObject().asRgbColor().asHexString()', () => {
    const { SpreadsheetApp, sheet } = makeService();
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$K2=TRUE')
      .setBackground('#FF0000')
      .setFontColor('#00FF00')
      .setBold(true)
      .setRanges([sheet.getRange('A2:Z')])
      .build();
    const rules = sheet.getConditionalFormatRules();
    rules.push(rule);
    sheet.setConditionalFormatRules(rules);
    const [read] = sheet.getConditionalFormatRules();
    const cond = read.getBooleanCondition();
    expect(cond.getBackgroundObject().asRgbColor().asHexString()).toBe('#ff0000');
    expect(cond.getFontColorObject().asRgbColor().asHexString()).toBe('#00ff00');
    expect([cond.getBold(), cond.getItalic()]).toEqual([true, null]);
    expect(String(cond)).toBe('ConditionalFormatBooleanCondition');
    expect(read.getRanges().map((r: { getA1Notation(): string }) => r.getA1Notation())).toEqual(['A2:Z1000']);
    expect(read.getGradientCondition()).toBeNull();
    const copy = read.copy().setBackground(null).build();
    expect(copy.getBooleanCondition().getBackgroundObject()).toBeNull();
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });
});

describe('protection (docs/apps-script/spreadsheet.md §7)', () => {
  it('Range.protect makes a new one each time; Sheet.protect returns the existing one', () => {
    const { SpreadsheetApp, sheet, ss, workbook } = makeService();
    const p1 = sheet.getRange('A1:B2').protect().setDescription('hdr').setWarningOnly(true);
    sheet.getRange('A1:B2').protect();
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(2);
    expect([
      p1.isWarningOnly(),
      p1.getDescription(),
      p1.getRange().getA1Notation(),
      String(p1.getProtectionType()),
    ]).toEqual([true, 'hdr', 'A1:B2', 'RANGE']);
    const s1 = sheet.protect();
    expect(s1.isWarningOnly()).toBe(false);
    s1.setDescription('sheet lock');
    expect(sheet.protect().getDescription()).toBe('sheet lock');
    expect(ss.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(workbook.protections().map((p) => [p.type, p.a1])).toEqual([
      ['RANGE', 'A1:B2'],
      ['RANGE', 'A1:B2'],
      ['SHEET', null],
    ]);
    p1.remove();
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(1);
    expect(errorOf(() => s1.addEditor('x@example.com')).message).toBe(
      'not supported by the local runtime: Protection.addEditor',
    );
  });
});

describe('developer metadata (docs/apps-script/spreadsheet.md §5)', () => {
  it('whole rows/columns, sheets and the spreadsheet only; partial ranges throw the exact text', () => {
    const { SpreadsheetApp, sheet, ss } = makeService();
    expect(
      sheet
        .getRange('G:G')
        .addDeveloperMetadata('colKey', 'colValue', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT)
        .getA1Notation(),
    ).toBe('G:G');
    const message =
      'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';
    expect(errorOf(() => sheet.getRange('G3').addDeveloperMetadata('k'))).toEqual({ name: 'Exception', message });
    expect(errorOf(() => sheet.getRange('G:H').addDeveloperMetadata('k')).message).toBe(message);
    expect(errorOf(() => sheet.getRange(1, 7, 1000, 1).addDeveloperMetadata('k')).message).toBe(message);
    sheet.getRange('3:3').addDeveloperMetadata('rowKey');
    sheet.addDeveloperMetadata('sheetKey', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    ss.addDeveloperMetadata('ssKey', 'v');
    const [col] = sheet.getRange('G:G').getDeveloperMetadata();
    expect([
      col.getKey(),
      col.getValue(),
      String(col.getVisibility()),
      String(col.getLocation().getLocationType()),
    ]).toEqual(['colKey', 'colValue', 'PROJECT', 'COLUMN']);
    expect(sheet.getRange('G3').getDeveloperMetadata()).toEqual([]);
    const [row] = sheet.getRange('3:3').getDeveloperMetadata();
    expect([
      row.getValue(),
      String(row.getVisibility()),
      row.getLocation().getRow().getA1Notation(),
      row.getLocation().getColumn(),
    ]).toEqual([null, 'DOCUMENT', '3:3', null]);
    expect(sheet.getDeveloperMetadata()[0].getLocation().getSheet().getName()).toBe('Sheet1');
    expect(ss.getDeveloperMetadata().map((m: { getKey(): string }) => m.getKey())).toEqual(['ssKey']);
  });
  it('finders: spreadsheet, sheet and range scopes (DOCS createDeveloperMetadataFinder)', () => {
    const { SpreadsheetApp, sheet, ss } = makeService();
    const other = ss.insertSheet('Other');
    sheet.getRange('3:3').addDeveloperMetadata('k', 'row3');
    sheet.getRange('B:B').addDeveloperMetadata('k', 'colB');
    other.getRange('C:C').addDeveloperMetadata('k', 'otherC');
    ss.addDeveloperMetadata('k', 'top');
    const values = (list: { getValue(): string }[]) => list.map((m) => m.getValue()).sort();
    expect(values(ss.createDeveloperMetadataFinder().withKey('k').find())).toEqual(['colB', 'otherC', 'row3', 'top']);
    expect(values(sheet.createDeveloperMetadataFinder().withKey('k').find())).toEqual(['colB', 'row3']);
    expect(values(sheet.getRange('A1:D5').createDeveloperMetadataFinder().find())).toEqual([]);
    expect(values(sheet.getRange('1:5').createDeveloperMetadataFinder().find())).toEqual(['row3']);
    expect(values(sheet.getRange('A:C').createDeveloperMetadataFinder().find())).toEqual(['colB']);
    expect(values(sheet.getRange('A1:D5').createDeveloperMetadataFinder().onIntersectingLocations().find())).toEqual([
      'colB',
      'row3',
    ]);
    expect(
      values(
        ss
          .createDeveloperMetadataFinder()
          .withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.COLUMN)
          .withValue('colB')
          .find(),
      ),
    ).toEqual(['colB']);
  });
  it('setValue, moveToColumn, remove; ids are stable', () => {
    const { sheet, ss } = makeService();
    sheet.getRange('C:C').addDeveloperMetadata('field', 'phone');
    const [m] = ss.createDeveloperMetadataFinder().withKey('field').find();
    m.setValue('mobile').moveToColumn(sheet.getRange('J:J'));
    const [again] = ss.createDeveloperMetadataFinder().withId(m.getId()).find();
    expect([again.getValue(), again.getLocation().getColumn().getA1Notation()]).toEqual(['mobile', 'J:J']);
    sheet.insertColumnsBefore(1, 1);
    expect(again.getLocation().getColumn().getA1Notation()).toBe('K:K');
    again.remove();
    expect(ss.createDeveloperMetadataFinder().withKey('field').find()).toEqual([]);
  });
});

describe('named ranges, toast, flush, auth', () => {
  it('setNamedRange / getRangeByName / getNamedRanges / removeNamedRange', () => {
    const { sheet, ss, workbook } = makeService();
    ss.setNamedRange('Owners', sheet.getRange('B2:B10'));
    expect(ss.getRangeByName('Owners').getA1Notation()).toBe('B2:B10');
    expect(ss.getRangeByName('Nope')).toBeNull();
    expect(ss.getNamedRanges().map((n: { getName(): string }) => n.getName())).toEqual(['Owners']);
    expect(workbook.namedRanges()).toEqual([{ name: 'Owners', sheetName: 'Sheet1', a1: 'B2:B10' }]);
    expect(errorOf(() => ss.setNamedRange('A1', sheet.getRange('A1'))).name).toBe('Exception');
    ss.removeNamedRange('Owners');
    expect(ss.getNamedRanges()).toEqual([]);
  });
  it('toast is recorded with defaults; flush is a no-op', () => {
    const { ss, SpreadsheetApp, workbook } = makeService();
    ss.toast('Saved');
    ss.toast('Done', 'CRM', 10);
    SpreadsheetApp.flush();
    expect(workbook.toasts().map(({ message, title, timeoutSeconds }) => [message, title, timeoutSeconds])).toEqual([
      ['Saved', '', 5],
      ['Done', 'CRM', 10],
    ]);
  });
  it('AuthMode.NONE may build menus (getUi) but not read the document', () => {
    const { ctx, SpreadsheetApp, ui } = makeService();
    ctx.runExecution({ authMode: 'NONE', label: 'menu:onOpen' }, () => {
      expect(SpreadsheetApp.getUi()).toBe(ui);
      expect(errorOf(() => SpreadsheetApp.getActiveSpreadsheet())).toEqual({
        name: 'Exception',
        message: 'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. (AuthMode.NONE)',
      });
      expect(SpreadsheetApp.newDataValidation()).toBeDefined();
    });
    ctx.runExecution({ authMode: 'LIMITED', label: 'trigger' }, () => {
      expect(SpreadsheetApp.getActive().getName()).toBe('Untitled spreadsheet');
    });
  });
  it("openById of an unknown id fails with Apps Script's text (spreadsheet-open-by-id.test.ts has the rest)", () => {
    const { SpreadsheetApp, ss } = makeService();
    expect(SpreadsheetApp.openById(ss.getId()).getId()).toBe(ss.getId());
    expect(errorOf(() => SpreadsheetApp.openById('other')).message).toBe(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
  });
  it('Charts.ChartType enum exists; chart building is not supported', () => {
    const { service } = makeService();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- driven like script code
    const Charts = service.globals.Charts as any;
    expect(String(Charts.ChartType.LINE)).toBe('LINE');
    expect(() => Charts.newDataTable()).toThrow('not supported by the local runtime: Charts.newDataTable');
  });
});
