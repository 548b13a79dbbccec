import { settingsFromRows, type SettingsValues } from '../../shared/rules/settings';
import { TEMPLATES } from '../../shared/schema/templates';
import type { Zone } from '../../shared/time/zone';
import type { DocumentPropertiesSnapshot } from './layout';
import { readTable } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The Settings sheet as typed values; unreadable values fall back to their defaults (and are reported). */
export function readSettings(
  properties: DocumentPropertiesSnapshot,
  spreadsheet: Spreadsheet,
  zone: Zone,
): { values: SettingsValues; problems: { key: string; reason: string }[] } {
  const table = readTable(TEMPLATES.settings, properties, spreadsheet);
  const rows = table.records.map((record) => ({ key: String(record.values.key ?? ''), value: record.values.value }));
  return settingsFromRows(rows, { zone });
}
