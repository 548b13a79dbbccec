import { errorOf, makeService } from './spreadsheet-fixture';

/** Sheets.Spreadsheets.batchUpdate kinds beyond filter views, and get with field masks and ranges. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function batch(Sheets: Json, id: string, requests: Json[]): Json {
  return Sheets.Spreadsheets.batchUpdate({ requests }, id);
}

describe('Sheets.Spreadsheets.batchUpdate: sheets, cells, rules, protection, metadata', () => {
  it('builds a sheet in one call, readable through SpreadsheetApp', () => {
    const { Sheets, ss, SpreadsheetApp } = makeService();
    const reply = batch(Sheets, ss.getId(), [
      {
        addSheet: {
          properties: {
            sheetId: 777,
            title: 'Leads',
            gridProperties: { rowCount: 50, columnCount: 30, frozenRowCount: 1 },
          },
        },
      },
      {
        createDeveloperMetadata: {
          developerMetadata: {
            metadataKey: 'crm.table',
            metadataValue: 'leads',
            location: { sheetId: 777 },
            visibility: 'PROJECT',
          },
        },
      },
      {
        createDeveloperMetadata: {
          developerMetadata: {
            metadataKey: 'crm.column',
            metadataValue: 'name',
            location: { dimensionRange: { sheetId: 777, dimension: 'COLUMNS', startIndex: 1, endIndex: 2 } },
            visibility: 'PROJECT',
          },
        },
      },
      {
        updateCells: {
          start: { sheetId: 777, rowIndex: 0, columnIndex: 0 },
          rows: [
            {
              values: [
                { userEnteredValue: { stringValue: 'Id' } },
                {
                  userEnteredValue: { stringValue: 'Name' },
                  userEnteredFormat: {
                    textFormat: { bold: true },
                    backgroundColor: { red: 232 / 255, green: 240 / 255, blue: 254 / 255 },
                  },
                },
              ],
            },
          ],
          fields: 'userEnteredValue,userEnteredFormat(textFormat.bold,backgroundColor)',
        },
      },
      {
        repeatCell: {
          range: { sheetId: 777, startRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 },
          cell: { userEnteredFormat: { numberFormat: { type: 'TEXT' } } },
          fields: 'userEnteredFormat.numberFormat',
        },
      },
      {
        setDataValidation: {
          range: { sheetId: 777, startRowIndex: 1, endRowIndex: 50, startColumnIndex: 2, endColumnIndex: 3 },
          rule: {
            condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'open' }, { userEnteredValue: 'won' }] },
            strict: true,
            showCustomUi: true,
            inputMessage: 'Pick one',
          },
        },
      },
      {
        updateDimensionProperties: {
          range: { sheetId: 777, dimension: 'COLUMNS', startIndex: 1, endIndex: 3 },
          properties: { pixelSize: 180, hiddenByUser: true },
          fields: 'pixelSize,hiddenByUser',
        },
      },
      {
        addProtectedRange: {
          protectedRange: {
            range: { sheetId: 777, startRowIndex: 0, endRowIndex: 1 },
            description: 'header',
            warningOnly: true,
          },
        },
      },
      {
        addConditionalFormatRule: {
          index: 0,
          rule: {
            ranges: [{ sheetId: 777, startRowIndex: 1, endRowIndex: 50, startColumnIndex: 0, endColumnIndex: 3 }],
            booleanRule: {
              condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: '=$C2="won"' }] },
              format: { backgroundColor: { red: 1 }, textFormat: { foregroundColor: { blue: 1 } } },
            },
          },
        },
      },
      {
        insertDimension: {
          range: { sheetId: 777, dimension: 'COLUMNS', startIndex: 30, endIndex: 32 },
          inheritFromBefore: true,
        },
      },
    ]);
    expect(reply.replies[0]).toEqual({
      addSheet: {
        properties: {
          sheetId: 777,
          title: 'Leads',
          index: 1,
          sheetType: 'GRID',
          gridProperties: { rowCount: 50, columnCount: 30, frozenRowCount: 1 },
        },
      },
    });
    expect(reply.replies[1].createDeveloperMetadata.developerMetadata).toEqual({
      metadataId: expect.any(Number),
      metadataKey: 'crm.table',
      metadataValue: 'leads',
      location: { locationType: 'SHEET', sheetId: 777 },
      visibility: 'PROJECT',
    });
    expect(reply.replies[3]).toEqual({});
    expect(reply.replies[7].addProtectedRange.protectedRange).toEqual({
      protectedRangeId: expect.any(Number),
      range: { sheetId: 777, endRowIndex: 1 },
      description: 'header',
      warningOnly: true,
      requestingUserCanEdit: true,
    });
    const sheet = ss.getSheetByName('Leads');
    expect(sheet.getMaxColumns()).toBe(32);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['Id', 'Name']]);
    expect(sheet.getRange('A1:B1').getFontWeights()).toEqual([['normal', 'bold']]);
    expect(sheet.getRange('B1').getBackground()).toBe('#e8f0fe');
    expect(sheet.getRange('A2').getNumberFormat()).toBe('@');
    expect(sheet.getRange('A50').getNumberFormat()).toBe('@');
    const rule = sheet.getRange('C2').getDataValidation();
    expect([
      String(rule.getCriteriaType()),
      rule.getCriteriaValues(),
      rule.getAllowInvalid(),
      rule.getHelpText(),
    ]).toEqual(['VALUE_IN_LIST', [['open', 'won'], true], false, 'Pick one']);
    expect([sheet.getColumnWidth(2), sheet.isColumnHiddenByUser(3), sheet.isColumnHiddenByUser(4)]).toEqual([
      180,
      true,
      false,
    ]);
    const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)[0];
    expect([protection.getRange().getA1Notation(), protection.getDescription(), protection.isWarningOnly()]).toEqual([
      '1:1',
      'header',
      true,
    ]);
    const cf = sheet.getConditionalFormatRules()[0];
    expect(cf.getRanges()[0].getA1Notation()).toBe('A2:C50');
    expect(cf.getBooleanCondition().getCriteriaValues()).toEqual(['=$C2="won"']);
    expect(cf.getBooleanCondition().getBackgroundObject().asRgbColor().asHexString()).toBe('#ff0000');
    const column = sheet.createDeveloperMetadataFinder().withKey('crm.column').find()[0];
    expect(column.getLocation().getColumn().getA1Notation()).toBe('B:B');
  });

  it('is atomic: a bad request later in the batch applies nothing, with the API text and index', () => {
    const { Sheets, ss } = makeService();
    const err = errorOf(() =>
      batch(Sheets, ss.getId(), [
        { addSheet: { properties: { title: 'A' } } },
        {
          updateSheetProperties: {
            properties: { sheetId: 4242, gridProperties: { frozenRowCount: 1 } },
            fields: 'gridProperties.frozenRowCount',
          },
        },
      ]),
    );
    expect(err).toEqual({
      name: 'GoogleJsonResponseException',
      message:
        'API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[1].updateSheetProperties: No sheet with id: 4242',
    });
    expect(ss.getSheets().map((s: Json) => s.getName())).toEqual(['Sheet1']);
  });

  it('refuses what the API refuses', () => {
    const { Sheets, ss, SpreadsheetApp } = makeService();
    const ruleBuilder = () => SpreadsheetApp.newDataValidation();
    const message = (requests: Json[]) =>
      errorOf(() => batch(Sheets, ss.getId(), requests)).message.replace(
        /^API call to sheets.spreadsheets.batchUpdate failed with error: /,
        '',
      );
    expect(message([{ addSheet: { properties: { title: 'sheet1' } } }])).toBe(
      'Invalid requests[0].addSheet: A sheet with the name "sheet1" already exists. Please enter another name.',
    );
    expect(message([{ deleteSheet: { sheetId: 0 } }])).toBe(
      "Invalid requests[0].deleteSheet: You can't remove all the sheets in a document.",
    );
    expect(message([{ repeatCell: { range: { sheetId: 9 }, cell: {}, fields: 'note' } }])).toBe(
      'Invalid requests[0].repeatCell: No grid with id: 9',
    );
    expect(message([{ repeatCell: { range: { sheetId: 0 }, cell: {} } }])).toBe(
      'Invalid requests[0].repeatCell: At least one field must be specified.',
    );
    expect(
      message([
        {
          createDeveloperMetadata: {
            developerMetadata: {
              metadataKey: 'k',
              location: { dimensionRange: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 } },
              visibility: 'PROJECT',
            },
          },
        },
      ]),
    ).toBe(
      'Invalid requests[0].createDeveloperMetadata: The dimensionRange must represent a single row or column; it cannot be unbounded or span multiple rows or columns.',
    );
    expect(
      message([
        {
          setDataValidation: {
            range: { sheetId: 0 },
            rule: { condition: { type: 'TEXT_STARTS_WITH', values: [{ userEnteredValue: 'a' }] } },
          },
        },
      ]),
    ).toBe('Invalid requests[0].setDataValidation: Invalid ConditionType TEXT_STARTS_WITH for data validation.');
    // A value a reject-input rule refuses: refused before anything of the batch is applied.
    const sheet = ss.getSheets()[0];
    sheet.getRange('B2').setDataValidation(ruleBuilder().requireValueInList(['x']).setAllowInvalid(false).build());
    expect(
      message([
        {
          updateCells: {
            start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'kept?' } }] }],
            fields: 'userEnteredValue',
          },
        },
        {
          updateCells: {
            start: { sheetId: 0, rowIndex: 1, columnIndex: 1 },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'y' } }] }],
            fields: 'userEnteredValue',
          },
        },
      ]),
    ).toBe(
      'Invalid requests[1].updateCells: The data you entered in cell B2 violates the data validation rules set on this cell.',
    );
    expect(sheet.getRange('A1').getValue()).toBe('');
  });

  it('throws notSupported for fields and kinds it does not model, never ignoring them', () => {
    const { Sheets, ss } = makeService();
    expect(() =>
      batch(Sheets, ss.getId(), [
        { repeatCell: { range: { sheetId: 0 }, cell: {}, fields: 'userEnteredFormat.borders' } },
      ]),
    ).toThrow('not supported by the local runtime');
    expect(() => batch(Sheets, ss.getId(), [{ addSheet: { properties: { tabColor: { red: 1 } } } }])).toThrow(
      'not supported by the local runtime',
    );
    expect(() => batch(Sheets, ss.getId(), [{ autoResizeDimensions: {} }])).toThrow(
      'not supported by the local runtime: Sheets.Spreadsheets.batchUpdate request "autoResizeDimensions"',
    );
    expect(() => Sheets.Spreadsheets.get(ss.getId(), { fields: 'sheets.charts' })).toThrow(
      'not supported by the local runtime',
    );
  });

  it('deleteConditionalFormatRule replies with the rule; deleteSheet removes the sheet and its stamps', () => {
    const { Sheets, ss, SpreadsheetApp } = makeService();
    const leads = ss.insertSheet('Leads');
    leads.addDeveloperMetadata('k', 'v');
    leads.setConditionalFormatRules([
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied('=A1')
        .setBackground('#00ff00')
        .setRanges([leads.getRange('A1:B2')])
        .build(),
    ]);
    const reply = batch(Sheets, ss.getId(), [
      { deleteConditionalFormatRule: { sheetId: leads.getSheetId(), index: 0 } },
      { deleteSheet: { sheetId: leads.getSheetId() } },
    ]);
    expect(reply.replies[0].deleteConditionalFormatRule.rule).toEqual({
      ranges: [{ sheetId: leads.getSheetId(), endRowIndex: 2, endColumnIndex: 2 }],
      booleanRule: {
        condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: '=A1' }] },
        format: { backgroundColor: { green: 1 }, backgroundColorStyle: { rgbColor: { green: 1 } } },
      },
    });
    expect(ss.getSheets()).toHaveLength(1);
    expect(ss.createDeveloperMetadataFinder().withKey('k').find()).toHaveLength(0);
  });
});

describe('Sheets.Spreadsheets.get: field masks and ranges', () => {
  function setup() {
    const fx = makeService();
    const { sheet, SpreadsheetApp } = fx;
    sheet
      .getRange('A1:C1')
      .setValues([['id', 'name', 'stage']])
      .setFontWeight('bold');
    sheet.getRange('A2:C3').setValues([
      ['C1', 'Ann', 'open'],
      ['C2', 'Bob', 'won'],
    ]);
    sheet.getRange('A2:A1000').setNumberFormat('@');
    sheet
      .getRange('C2:C1000')
      .setDataValidation(
        SpreadsheetApp.newDataValidation().requireValueInList(['open', 'won'], true).setAllowInvalid(false).build(),
      );
    sheet
      .getRange('B:B')
      .addDeveloperMetadata('crm.column', 'name', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    sheet.setColumnWidth(2, 150);
    return fx;
  }

  it('ranges limit the sheets and grid data; rowData stops at the last row with content', () => {
    const { Sheets, ss, ctx } = setup();
    ss.insertSheet('Other');
    ctx.meter.reset();
    const res = Sheets.Spreadsheets.get(ss.getId(), {
      ranges: ["'Sheet1'!1:2"],
      fields:
        'sheets(properties.title,data(startRow,rowData.values(userEnteredValue,userEnteredFormat(numberFormat,textFormat.bold),dataValidation),columnMetadata(pixelSize,developerMetadata(metadataKey,metadataValue))))',
    });
    expect(res.sheets).toHaveLength(1);
    const data = res.sheets[0].data[0];
    expect(data.startRow).toBeUndefined();
    expect(data.rowData[0].values).toEqual([
      { userEnteredValue: { stringValue: 'id' }, userEnteredFormat: { textFormat: { bold: true } } },
      { userEnteredValue: { stringValue: 'name' }, userEnteredFormat: { textFormat: { bold: true } } },
      { userEnteredValue: { stringValue: 'stage' }, userEnteredFormat: { textFormat: { bold: true } } },
    ]);
    expect(data.rowData[1].values[0]).toEqual({
      userEnteredValue: { stringValue: 'C1' },
      userEnteredFormat: { numberFormat: { type: 'TEXT', pattern: '@' } },
    });
    expect(data.rowData[1].values[2].dataValidation).toEqual({
      condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'open' }, { userEnteredValue: 'won' }] },
      strict: true,
      showCustomUi: true,
    });
    expect(data.columnMetadata).toHaveLength(26);
    expect(data.columnMetadata[0]).toEqual({ pixelSize: 100 });
    expect(data.columnMetadata[1]).toEqual({
      pixelSize: 150,
      developerMetadata: [{ metadataKey: 'crm.column', metadataValue: 'name' }],
    });
    expect(ctx.meter.snapshot().cellsRead).toBe(2 * 26);
  });

  it('a mask naming no grid data returns none; a name the resource lacks is refused', () => {
    const { Sheets, ss } = setup();
    const res = Sheets.Spreadsheets.get(ss.getId(), { fields: 'properties.timeZone,sheets.properties(sheetId,title)' });
    expect(res).toEqual({ properties: { timeZone: 'Asia/Shanghai' }, sheets: [{ properties: { title: 'Sheet1' } }] });
    expect(errorOf(() => Sheets.Spreadsheets.get(ss.getId(), { fields: 'sheets.nonsense' })).message).toBe(
      'API call to sheets.spreadsheets.get failed with error: Invalid field selection sheets.nonsense',
    );
    expect(errorOf(() => Sheets.Spreadsheets.get(ss.getId(), { ranges: ['Nowhere!A1'] })).message).toBe(
      'API call to sheets.spreadsheets.get failed with error: Unable to parse range: Nowhere!A1',
    );
  });

  it('round-trips what batchUpdate wrote: rules, protections and sheet metadata as the API lists them', () => {
    const { Sheets, ss, SpreadsheetApp, sheet } = setup();
    sheet.getRange('1:1').protect().setDescription('crm.header').setWarningOnly(true);
    sheet.addDeveloperMetadata('crm.table', 'customers', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    const res = Sheets.Spreadsheets.get(ss.getId(), {
      fields:
        'sheets(protectedRanges(description,range,warningOnly),developerMetadata(metadataKey,metadataValue,location))',
    });
    expect(res.sheets[0]).toEqual({
      protectedRanges: [{ description: 'crm.header', range: { endRowIndex: 1 }, warningOnly: true }],
      developerMetadata: [
        { metadataKey: 'crm.table', metadataValue: 'customers', location: { locationType: 'SHEET', sheetId: 0 } },
      ],
    });
  });
});
