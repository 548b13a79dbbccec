import { errorOf, makeService } from './spreadsheet-fixture';

describe('spreadsheet and sheets (docs/apps-script/spreadsheet.md §1, §9)', () => {
  it('has one 1000×26 "Sheet1" with id 0, and the configured id/name/url/zone/locale', () => {
    const { ss, sheet } = makeService({ id: 'abc', name: 'CRM' });
    expect([ss.getId(), ss.getName(), ss.getUrl()]).toEqual([
      'abc',
      'CRM',
      'https://docs.google.com/spreadsheets/d/abc/edit',
    ]);
    expect([ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale()]).toEqual(['Asia/Shanghai', 'zh_CN']);
    expect([sheet.getName(), sheet.getSheetId(), sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getIndex()]).toEqual([
      'Sheet1',
      0,
      1000,
      26,
      1,
    ]);
    ss.rename('CRM 2');
    ss.setSpreadsheetTimeZone('America/New_York');
    ss.setSpreadsheetLocale('en_US');
    expect([ss.getName(), ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale()]).toEqual([
      'CRM 2',
      'America/New_York',
      'en_US',
    ]);
  });
  it('insertSheet overloads: auto names, index, becomes active; duplicates refused', () => {
    const { ss } = makeService();
    const s2 = ss.insertSheet();
    expect(s2.getName()).toBe('Sheet2');
    expect(ss.getActiveSheet().getName()).toBe('Sheet2');
    const first = ss.insertSheet('Customers', 0);
    expect(first.getIndex()).toBe(1);
    expect(ss.getSheets().map((s: { getName(): string }) => s.getName())).toEqual(['Customers', 'Sheet1', 'Sheet2']);
    expect(ss.insertSheet(1).getName()).toBe('Sheet4');
    expect(ss.getNumSheets()).toBe(4);
    expect(errorOf(() => ss.insertSheet('Customers'))).toEqual({
      name: 'Exception',
      message: 'A sheet with the name "Customers" already exists. Please enter another name.',
    });
    expect(errorOf(() => ss.insertSheet('customers')).message).toContain('already exists');
    expect(ss.getSheetByName('Missing')).toBeNull();
    expect(ss.getSheetByName('Customers').getSheetId()).toBe(first.getSheetId());
    expect(ss.getSheetById(first.getSheetId()).getName()).toBe('Customers');
  });
  it('setName checks duplicates; deleteSheet refuses to remove the last sheet', () => {
    const { ss, sheet } = makeService();
    const other = ss.insertSheet('Other');
    expect(errorOf(() => other.setName('Sheet1')).message).toBe(
      'A sheet with the name "Sheet1" already exists. Please enter another name.',
    );
    other.setName('Renamed');
    expect(other.getName()).toBe('Renamed');
    ss.deleteSheet(other);
    expect(errorOf(() => ss.deleteSheet(sheet))).toEqual({
      name: 'Exception',
      message: "You can't remove all the sheets in a document.",
    });
  });
  it('the 10 M cell limit stops growth and insertSheet (§10)', () => {
    const { ss, sheet } = makeService();
    sheet.insertRowsAfter(1000, 383_000); // 384,000 × 26 = 9,984,000 cells
    const limit = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
    expect(errorOf(() => ss.insertSheet('More')).message).toBe(limit);
    expect(errorOf(() => sheet.insertColumnsAfter(26, 1)).message).toBe(limit);
    expect(sheet.getMaxRows()).toBe(384_000);
  });
  it('active sheet, selection and current cell', () => {
    const { ss, SpreadsheetApp, workbook } = makeService();
    const other = ss.insertSheet('Other');
    ss.setActiveSheet(ss.getSheetByName('Sheet1'));
    expect(SpreadsheetApp.getActiveSheet().getName()).toBe('Sheet1');
    expect(ss.getActiveRange()).toBeNull();
    other.getRange('B2:C4').activate();
    expect(ss.getActiveSheet().getName()).toBe('Other');
    const sel = SpreadsheetApp.getSelection();
    expect(sel.getActiveRange().getA1Notation()).toBe('B2:C4');
    expect(sel.getCurrentCell().getA1Notation()).toBe('B2');
    expect(sel.getActiveSheet().getName()).toBe('Other');
    expect(workbook.active()).toEqual({ sheetName: 'Other', range: 'B2:C4' });
  });
});

describe('last row/column, data range, append (docs/apps-script/spreadsheet.md §4)', () => {
  it('getLastRow/getLastColumn are 0 on an empty sheet and follow content', () => {
    const { sheet } = makeService();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B7').setValue(0);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([7, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
    expect(sheet.getRange('B2:D9').getLastRow()).toBe(9);
  });
  it('appendRow writes after the last row, parses strings and grows a full sheet', () => {
    const { sheet } = makeService();
    sheet.appendRow(['a', '00123']);
    sheet.appendRow(['b', 2]);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['a', 123],
      ['b', 2],
    ]);
    sheet.deleteRows(3, 997);
    expect(sheet.getMaxRows()).toBe(3);
    sheet.appendRow(['c']);
    sheet.appendRow(['d']);
    expect(sheet.getMaxRows()).toBe(4);
    expect(sheet.getRange('A4').getValue()).toBe('d');
  });
});

describe('insert/delete/move rows and columns carry everything along', () => {
  function setup() {
    const fx = makeService();
    const { sheet, SpreadsheetApp } = fx;
    sheet.getRange('A1:D1').setValues([['id', 'name', 'phone', 'status']]);
    sheet.getRange('A2:D3').setValues([
      [1, 'Ann', "'138", 'open'],
      [2, 'Bob', "'139", 'won'],
    ]);
    sheet.getRange('C2:C3').setNumberFormat('@');
    sheet
      .getRange('D2:D3')
      .setDataValidation(
        SpreadsheetApp.newDataValidation().requireValueInList(['open', 'won']).setAllowInvalid(false).build(),
      );
    sheet.getRange('B2').setNote('vip').setFontWeight('bold');
    sheet.getRange('C:C').addDeveloperMetadata('col', 'phone');
    sheet.getRange('D:D').addDeveloperMetadata('col', 'status');
    sheet.getRange('D2:D3').protect().setDescription('status');
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenTextEqualTo('won')
      .setBackground('#00FF00')
      .setRanges([sheet.getRange('D2:D3')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    fx.ss.setNamedRange('Statuses', sheet.getRange('D2:D3'));
    return fx;
  }
  it('insertColumnsBefore shifts values, formats, validations, notes, metadata, protections, rules, named ranges', () => {
    const { sheet, ss, workbook, SpreadsheetApp } = setup();
    sheet.insertColumnsBefore(2, 2);
    expect(sheet.getMaxColumns()).toBe(28);
    expect(sheet.getRange('A1:F1').getValues()).toEqual([['id', '', '', 'name', 'phone', 'status']]);
    expect(sheet.getRange('E2').getNumberFormat()).toBe('@');
    expect(sheet.getRange('F2').getDataValidation().getCriteriaValues()[0]).toEqual(['open', 'won']);
    expect(sheet.getRange('D2').getNote()).toBe('vip');
    expect(sheet.getRange('D2').getFontWeight()).toBe('bold');
    expect(workbook.developerMetadata().map((m) => m.location.a1)).toEqual(['E:E', 'F:F']);
    expect(ss.getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].getRange().getA1Notation()).toBe('F2:F3');
    expect(sheet.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('F2:F3');
    expect(ss.getRangeByName('Statuses').getA1Notation()).toBe('F2:F3');
    // new columns take the formats (not notes) of the column that was at beforePosition (old B; UNCONFIRMED)
    expect(sheet.getRange('B2').getFontWeight()).toBe('bold');
    expect(sheet.getRange('B2').getNote()).toBe('');
    expect(sheet.getRange('B2').getValue()).toBe('');
  });
  it('deleteColumn removes the column and its metadata; later columns shift left', () => {
    const { sheet, workbook, ss } = setup();
    sheet.deleteColumn(3);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['id', 'name', 'status']]);
    expect(workbook.developerMetadata()).toEqual([
      {
        id: 2,
        key: 'col',
        value: 'status',
        visibility: 'DOCUMENT',
        location: { type: 'COLUMN', sheetName: 'Sheet1', a1: 'C:C' },
      },
    ]);
    expect(sheet.getRange('C2').getDataValidation()).not.toBeNull();
    sheet.deleteColumns(3, 1);
    expect(workbook.developerMetadata()).toEqual([]);
    expect(ss.getProtections('RANGE')).toEqual([]);
    expect(sheet.getConditionalFormatRules()).toEqual([]);
    expect(ss.getRangeByName('Statuses')).toBeNull();
  });
  it('moveColumns(columnSpec, destinationIndex) carries values, formats and metadata', () => {
    const { sheet, workbook, SpreadsheetApp } = setup();
    sheet.moveColumns(sheet.getRange('D1'), 1); // status to the front
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['status', 'id', 'name', 'phone']]);
    expect(sheet.getRange('D2').getNumberFormat()).toBe('@');
    expect(sheet.getRange('A2').getDataValidation().getCriteriaType()).toBe(
      SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST,
    );
    expect(workbook.developerMetadata().map((m) => [m.value, m.location.a1])).toEqual([
      ['phone', 'D:D'],
      ['status', 'A:A'],
    ]);
    sheet.moveColumns(sheet.getRange('A:B'), 5); // status,id after phone
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['name', 'phone', 'status', 'id']]);
    expect(sheet.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('C2:C3');
  });
  it('insertRowsAfter / insertRowBefore / deleteRow / moveRows', () => {
    const { sheet } = setup();
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([['id'], [''], [''], [1], [2]]);
    expect(sheet.getRange('D4').getDataValidation()).not.toBeNull();
    sheet.deleteRows(2, 2);
    sheet.insertRowBefore(2);
    sheet.deleteRow(2);
    expect(sheet.getRange('A2:B3').getValues()).toEqual([
      [1, 'Ann'],
      [2, 'Bob'],
    ]);
    sheet.moveRows(sheet.getRange('3:3'), 2);
    expect(sheet.getRange('A2:B3').getValues()).toEqual([
      [2, 'Bob'],
      [1, 'Ann'],
    ]);
    expect(sheet.getRange('B3').getNote()).toBe('vip');
    sheet.insertRows(2);
    expect(sheet.getRange('A3').getValue()).toBe(2);
  });
  it('insertRowsAfter inherits formats and validation from the row above (UNCONFIRMED behaviour)', () => {
    const { sheet } = setup();
    sheet.insertRowsAfter(3, 1);
    expect(sheet.getRange('C4').getNumberFormat()).toBe('@');
    expect(sheet.getRange('D4').getDataValidation()).not.toBeNull();
    expect(sheet.getRange('B4').getNote()).toBe('');
  });
  it('delete bounds and "delete everything" errors', () => {
    const { sheet } = makeService();
    expect(errorOf(() => sheet.deleteRows(999, 5)).message).toBe('Those rows are out of bounds.');
    expect(errorOf(() => sheet.deleteColumns(1, 26)).message).toBe(
      'Sorry, it is not possible to delete all non-frozen columns.',
    );
  });
  it('sort(column, ascending) moves whole rows below the frozen header', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.appendRow([3, 'Cid', "'140", 'open']);
    sheet.sort(2, false);
    expect(sheet.getRange('A1:B4').getValues()).toEqual([
      ['id', 'name'],
      [3, 'Cid'],
      [2, 'Bob'],
      [1, 'Ann'],
    ]);
    expect(sheet.getRange('B4').getNote()).toBe('vip');
    sheet.sort(1);
    expect(sheet.getRange('A2:A4').getValues()).toEqual([[1], [2], [3]]);
  });
});

describe('frozen panes, sizes, hidden rows/columns, hidden sheets', () => {
  it('round-trips and follows column moves', () => {
    const { sheet, ss, workbook } = makeService();
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
    expect(sheet.getColumnWidth(3)).toBe(100);
    sheet.setColumnWidth(3, 240);
    sheet.setColumnWidths(5, 2, 50);
    expect([sheet.getColumnWidth(3), sheet.getColumnWidth(6)]).toEqual([240, 50]);
    sheet.hideColumns(4);
    sheet.hideColumns(8, 2);
    expect([sheet.isColumnHiddenByUser(4), sheet.isColumnHiddenByUser(9), sheet.isColumnHiddenByUser(10)]).toEqual([
      true,
      true,
      false,
    ]);
    sheet.showColumns(8);
    sheet.insertColumnBefore(1);
    expect([sheet.isColumnHiddenByUser(5), sheet.getColumnWidth(4)]).toEqual([true, 240]);
    sheet.hideRows(3, 2);
    expect([sheet.isRowHiddenByUser(4), sheet.isRowHiddenByUser(5)]).toEqual([true, false]);
    sheet.showRows(3, 2);
    expect(sheet.isRowHiddenByUser(4)).toBe(false);
    expect(workbook.sheets()[0]).toMatchObject({
      frozenRows: 1,
      hiddenColumns: [5, 10],
      columnWidths: { 4: 240, 6: 50, 7: 50 },
    });
    const s2 = ss.insertSheet('Two');
    s2.hideSheet();
    expect(s2.isSheetHidden()).toBe(true);
    expect(errorOf(() => sheet.hideSheet()).message).toBe("You can't hide all the sheets in a document.");
  });
});
