import { ok, fail, type ActionResult } from '../../shared/rpc/result';
import { columnLetter } from '../../shared/schema/a1';
import { isTableKey, TEMPLATES } from '../../shared/schema/templates';
import { quotedA1 } from '../workbook/layout';
import { readTable } from '../workbook/table';
import { actionContext, asActionFailure } from './context';
import { requestObject } from './submission';

/**
 * google.script.run: jumps to a record's row ("open existing" on a duplicate, a My day entry). The row is
 * looked up by id at click time, since users sort and filter the sheets.
 */
export function openRecord(request: unknown): ActionResult<{ row: number }> {
  const context = actionContext();
  const body = requestObject(request);
  const table = body.table;
  const id = body.id;
  if (!isTableKey(table) || typeof id !== 'string' || id === '' || TEMPLATES[table].kind !== 'records') {
    return fail('validation', context.t('error.invalidRequest', { detail: 'table/id' }));
  }
  try {
    const data = readTable(TEMPLATES[table], context.properties, context.spreadsheet);
    const record = data.records.find((candidate) => candidate.values.id === id);
    if (!record) return fail('notFound', context.t('error.notFound'));
    const a1 = `A${record.row}:${columnLetter(Math.max(data.layout.width, 1))}${record.row}`;
    context.spreadsheet.getRange(quotedA1(data.layout.sheetName, a1)).activate();
    return ok({ row: record.row });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}
