import { errorOf, makeService } from './spreadsheet-fixture';

/**
 * Sheets.Spreadsheets.batchUpdate deleteDimension: several runs of rows in one call, applied in order (so sent
 * bottom-up), the same result as Sheet.deleteRows per run; refused whole when a request is out of the grid or
 * would leave no non-frozen row (docs/apps-script-behaviour.md "Deleting rows in one batchUpdate").
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function rowsRequest(sheetId: number, startIndex: number, endIndex?: number): Json {
  return { deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex, endIndex } } };
}

function filled(rows: number) {
  const fixture = makeService();
  const { sheet } = fixture;
  sheet.getRange(1, 1, rows, 2).setValues(Array.from({ length: rows }, (_, i) => [`r${i + 1}`, i + 1]));
  sheet.setFrozenRows(1);
  sheet.getRange('A4').setNote('keep me');
  return fixture;
}

describe('Sheets.Spreadsheets.batchUpdate deleteDimension', () => {
  it('deletes several runs of rows in one call, as deleteRows per run does', () => {
    const one = filled(12);
    const reply = one.Sheets.Spreadsheets.batchUpdate(
      { requests: [rowsRequest(0, 8, 10), rowsRequest(0, 4, 6), rowsRequest(0, 1, 2)] },
      one.ss.getId(),
    );
    expect(reply).toEqual({ spreadsheetId: one.ss.getId(), replies: [{}, {}, {}] });
    const other = filled(12);
    for (const [from, count] of [
      [9, 2],
      [5, 2],
      [2, 1],
    ] as const)
      other.sheet.deleteRows(from, count);
    const a = one.sheet.getRange(1, 1, one.sheet.getLastRow(), 2).getValues();
    expect(a).toEqual(other.sheet.getRange(1, 1, other.sheet.getLastRow(), 2).getValues());
    expect(a.map((row: unknown[]) => row[0])).toEqual(['r1', 'r3', 'r4', 'r7', 'r8', 'r11', 'r12']);
    expect(one.sheet.getMaxRows()).toBe(1000 - 5);
    expect(one.sheet.getFrozenRows()).toBe(1);
    expect(one.sheet.getRange('A3').getNote()).toBe('keep me');
  });

  it('counts as one service call', () => {
    const { Sheets, ss, ctx } = filled(12);
    const id = ss.getId();
    const { cost } = ctx.meter.measure(() =>
      Sheets.Spreadsheets.batchUpdate({ requests: [rowsRequest(0, 8, 10), rowsRequest(0, 2, 3)] }, id),
    );
    expect(cost.calls).toBe(1);
  });

  it('sees the grid as the earlier requests left it, and applies nothing when one is refused', () => {
    const { Sheets, ss, sheet } = filled(12);
    sheet.deleteRows(13, 1000 - 12);
    expect(sheet.getMaxRows()).toBe(12);
    // After the first request the grid has 10 rows: [10, 12) is outside it.
    expect(
      errorOf(() =>
        Sheets.Spreadsheets.batchUpdate({ requests: [rowsRequest(0, 1, 3), rowsRequest(0, 10, 12)] }, ss.getId()),
      ),
    ).toMatchObject({ message: expect.stringContaining('Invalid requests[1].deleteDimension') });
    expect(sheet.getMaxRows()).toBe(12);
    expect(sheet.getRange('A2').getValue()).toBe('r2');
    expect(errorOf(() => Sheets.Spreadsheets.batchUpdate({ requests: [rowsRequest(0, 1, 12)] }, ss.getId()))).toEqual({
      name: 'GoogleJsonResponseException',
      message:
        'API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].deleteDimension: Sorry, it is not possible to delete all non-frozen rows.',
    });
    // Without an end index: to the end of the grid.
    Sheets.Spreadsheets.batchUpdate({ requests: [rowsRequest(0, 6)] }, ss.getId());
    expect(sheet.getMaxRows()).toBe(6);
  });
});
