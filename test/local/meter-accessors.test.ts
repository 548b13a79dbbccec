import { ACCESSOR_METHODS } from '../../src/local/core/gas-object';
import { diffSnapshots } from '../../src/local/core/meter';
import { makeService } from './spreadsheet-fixture';

describe('meter: Range coordinate getters are accessor calls, not service calls', () => {
  it('counts them apart, by method, and leaves calls/byMethod to the backend calls', () => {
    const { ctx, sheet } = makeService();
    const range = sheet.getRange('B2:C5');
    const { cost } = ctx.meter.measure(() => [
      range.getRow(),
      range.getColumn(),
      range.getNumRows(),
      range.getNumColumns(),
      range.getLastRow(),
      range.getLastColumn(),
      range.getA1Notation(),
      range.getRowIndex(),
      range.getColumnIndex(),
      range.getGridId(),
      range.getHeight(),
      range.getWidth(),
      range.getValues(),
    ]);
    expect(cost.calls).toBe(1);
    expect(cost.byMethod).toEqual({ 'SpreadsheetApp.Range.getValues': 1 });
    expect(cost.accessorCalls).toBe(12);
    expect(cost.accessorByMethod['SpreadsheetApp.Range.getRow']).toBe(1);
    expect(Object.keys(cost.accessorByMethod)).toHaveLength(ACCESSOR_METHODS.size);
  });
  it('is in snapshots, diffs and reset', () => {
    const { ctx, sheet } = makeService();
    const before = ctx.meter.snapshot();
    sheet.getRange('A1').getRow();
    sheet.getRange('A1').getRow();
    const after = ctx.meter.snapshot();
    expect(diffSnapshots(before, after)).toMatchObject({
      accessorCalls: 2,
      accessorByMethod: { 'SpreadsheetApp.Range.getRow': 2 },
      cellsSearched: 0,
    });
    ctx.meter.reset();
    expect(ctx.meter.snapshot()).toMatchObject({ accessorCalls: 0, accessorByMethod: {} });
  });
  it('beforeNextCall hooks still fire on an accessor', () => {
    const { ctx, sheet } = makeService();
    const seen: string[] = [];
    ctx.meter.beforeNextCall('SpreadsheetApp.Range.getA1Notation', () => seen.push('hook'));
    sheet.getRange('A1').getA1Notation();
    expect(seen).toEqual(['hook']);
  });
});
