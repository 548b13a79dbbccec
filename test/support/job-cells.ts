import type { LocalRuntime } from '../../src/local/runtime';
import type { JobColumns } from '../../src/server/jobs/job-columns';
import type { TableKey } from '../../src/shared/schema/templates';
import { sheetForTable, spreadsheetOf } from './gas';

/**
 * What a batch job may read (issue 18): each column it uses (job-columns.ts) once, over the rows of its
 * table, plus `constant` for the header rows, Settings, Team and the Log row. A column read twice, or a table
 * read whole, goes over it.
 */
export function columnsOnceBound(runtime: LocalRuntime, lists: readonly JobColumns[], constant: number): number {
  const columns = new Map<TableKey, Set<string>>();
  for (const list of lists) {
    for (const [table, keys] of Object.entries(list) as [TableKey, readonly string[]][]) {
      const set = columns.get(table) ?? new Set<string>();
      for (const key of keys) set.add(key);
      columns.set(table, set);
    }
  }
  let bound = constant;
  for (const [table, keys] of columns) {
    bound += keys.size * sheetForTable(spreadsheetOf(runtime), table).getLastRow();
  }
  return bound;
}

/** The cells of whole tables (what reading them with readTable costs at least). */
export function wholeTablesCells(runtime: LocalRuntime, tables: readonly TableKey[]): number {
  return tables.reduce((sum, table) => {
    const sheet = sheetForTable(spreadsheetOf(runtime), table);
    return sum + sheet.getLastRow() * sheet.getLastColumn();
  }, 0);
}
