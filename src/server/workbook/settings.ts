import { settingsFromRows, type SettingsValues } from '../../shared/rules/settings';
import { TEMPLATES } from '../../shared/schema/templates';
import type { Zone } from '../../shared/time/zone';
import type { DocumentPropertiesSnapshot } from './layout';
import { readTable, type Table } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The Settings sheet as typed values; unreadable values fall back to their defaults (and are reported). */
export function readSettings(
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet,
  zone: Zone,
  /** The Settings table when the caller has already read it (openTables). */
  table: Table = readTable(TEMPLATES.settings, properties, spreadsheet),
): { values: SettingsValues; problems: { key: string; reason: string }[] } {
  const rows = table.records.map((record) => ({ key: String(record.values.key ?? ''), value: record.values.value }));
  return settingsFromRows(rows, { zone });
}
