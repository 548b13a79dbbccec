import { ok, fail, type ActionResult } from '../../shared/rpc/result';
import { columnLetter } from '../../shared/schema/a1';
import { isTableKey, TEMPLATES } from '../../shared/schema/templates';
import { quotedA1 } from '../workbook/layout';
import { openTable, selectRows } from '../workbook/table';
import { actionContext, asActionFailure } from './context';
import { requestObject } from './submission';

/**
 * google.script.run: jumps to a record's row ("open existing" on a duplicate, a My day entry). The row is
 * looked up by id at click time, since users sort and filter the sheets: one server-side search of the
 * table's id column (whole cell, case too, so the cell found is the id and nothing needs reading back), then
 * the row is selected. Its cost does not grow with the table beyond the id column searched (issue 18).
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
    const opened = openTable(TEMPLATES[table], context.properties, context.spreadsheet);
    const at = opened.layout.columns.id as number;
    const idColumn = quotedA1(opened.layout.sheetName, `${columnLetter(at)}2:${columnLetter(at)}`);
    // Ids are text cells, so what a cell displays (what TextFinder matches) is its value.
    const found = context.spreadsheet
      .getRange(idColumn)
      .createTextFinder(id)
      .matchEntireCell(true)
      .matchCase(true)
      .findNext();
    if (!found) return fail('notFound', context.t('error.notFound'));
    const row = found.getRow();
    selectRows(opened, row);
    return ok({ row });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}
