import { errorOf, makeService } from './spreadsheet-fixture';

/**
 * The Advanced Sheets service works on the spreadsheet its id names, not only the bound one
 * (docs/apps-script-behaviour.md, "The Advanced Sheets service on other spreadsheets"): an archive made with
 * SpreadsheetApp.create is read and written by id; one the user may not open answers 403.
 */
const denied = (method: string) => ({
  name: 'GoogleJsonResponseException',
  message: `API call to sheets.spreadsheets.${method} failed with error: The caller does not have permission`,
});

describe('Sheets.Spreadsheets on another spreadsheet', () => {
  it('Values.batchGet / get / update / batchUpdate and get / batchUpdate reach a created spreadsheet by id', () => {
    const { SpreadsheetApp, Sheets, ss, ctx } = makeService({ id: 'doc1' });
    ss.getSheets()[0].getRange('A1').setValue('bound');
    const other = SpreadsheetApp.create('Archive 2023');
    const id = other.getId();
    other
      .getSheets()[0]
      .getRange('A1:B2')
      .setValues([
        ['id', 'amount'],
        ['G1', 5],
      ]);
    ctx.meter.reset();
    expect(
      Sheets.Spreadsheets.Values.batchGet(id, {
        ranges: ['Sheet1!A1:B', 'A2'],
        valueRenderOption: 'UNFORMATTED_VALUE',
      }),
    ).toEqual({
      spreadsheetId: id,
      valueRanges: [
        {
          range: 'Sheet1!A1:B1000',
          majorDimension: 'ROWS',
          values: [
            ['id', 'amount'],
            ['G1', 5],
          ],
        },
        { range: 'Sheet1!A2', majorDimension: 'ROWS', values: [['G1']] },
      ],
    });
    // One call, the other spreadsheet's cells read; the bound one untouched.
    const cost = ctx.meter.snapshot();
    expect(cost.byMethod).toEqual({ 'Sheets.Values.batchGet': 1 });
    expect(cost.cellsRead).toBe(5);
    expect(Sheets.Spreadsheets.Values.get(id, 'B2')).toMatchObject({ values: [['5']] });
    Sheets.Spreadsheets.Values.update({ values: [['G2']] }, id, 'A3', { valueInputOption: 'RAW' });
    Sheets.Spreadsheets.Values.batchUpdate({ valueInputOption: 'RAW', data: [{ range: 'B3', values: [[7]] }] }, id);
    expect(other.getSheets()[0].getRange('A3:B3').getValues()).toEqual([['G2', 7]]);
    expect(ss.getSheets()[0].getRange('A3:B3').getValues()).toEqual([['', '']]);
    expect(Sheets.Spreadsheets.get(id, { fields: 'properties(title)' })).toEqual({
      properties: { title: 'Archive 2023' },
    });
    Sheets.Spreadsheets.batchUpdate(
      { requests: [{ updateSheetProperties: { properties: { sheetId: 0, title: 'Old' }, fields: 'title' } }] },
      id,
    );
    expect(other.getSheets()[0].getName()).toBe('Old');
    expect(ss.getSheets()[0].getName()).toBe('Sheet1');
  });

  it('a spreadsheet the user may not open answers 403; an unknown id 404', () => {
    const { SpreadsheetApp, Sheets, ctx } = makeService({ id: 'doc1' });
    const created = SpreadsheetApp.create('Private');
    const id = created.getId();
    const rep = { email: 'rep@example.com', locale: 'zh_CN' };
    ctx.authorizedUsers.add(rep.email);
    ctx.runExecution({ user: rep, label: 'rep' }, () => {
      expect(errorOf(() => Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['A1'] }))).toEqual(
        denied('values.batchGet'),
      );
      expect(errorOf(() => Sheets.Spreadsheets.get(id))).toEqual(denied('get'));
      expect(errorOf(() => Sheets.Spreadsheets.batchUpdate({ requests: [] }, id))).toEqual(denied('batchUpdate'));
    });
    created.addEditor(rep.email);
    ctx.runExecution({ user: rep, label: 'rep' }, () => {
      expect(Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['A1'] })).toMatchObject({ spreadsheetId: id });
    });
    expect(errorOf(() => Sheets.Spreadsheets.Values.batchGet('nope', { ranges: ['A1'] })).message).toBe(
      'API call to sheets.spreadsheets.values.batchGet failed with error: Requested entity was not found.',
    );
  });
});
