/// <reference types="google-apps-script" />
import { formatSequence, parseSequence, type IdSequence } from '../../shared/rules/ids';
import { ID_SEQUENCE_PROPERTY_PREFIX } from '../../server/workbook/keys';
/// <reference types="google-apps-script" />
import { matchKeysOf } from '../../server/workbook/match-keys';
import { isLanguage, type Language } from '../../shared/i18n/language';
import { settingsFromRows, type SettingsValues } from '../../shared/rules/settings';
import type { ColumnTemplate } from '../../shared/schema/template-types';
import { TEMPLATES, enumLabel } from '../../shared/schema/templates';
import { zoneOffsetMinutes } from '../core/timezone';
import type { AddonHost } from '../harness/addon-host';
import type { LocalRuntime } from '../runtime';
import {
  generateDemoData,
  type DemoData,
  type DemoOptions,
  type DemoRecord,
  type DemoTable,
  type DemoValue,
} from './generate';

/**
 * Writes generated demo data into a workbook the way the add-on would: the workbook is installed first
 * (through the add-on's own runInstall, when it is not installed yet), then each table's records go in
 * ONE block write after its last row, each value in the column stamped with its key (developer metadata
 * 'crm.column' on the columns of the sheet stamped 'crm.table'), so it works whatever order the user
 * moved the columns into. Enum keys become labels of the workbook language; epoch ms become Dates.
 * Customers get their hidden matchKeys cell as intake writes it (workbook/match-keys.ts), so duplicate
 * checks find demo customers. loadDemo generates the data with the workbook's own Settings, clock and zone.
 */
type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const LANGUAGE_PROPERTY = 'crm.language';
const TABLE_ORDER: readonly DemoTable[] = ['team', 'customers', 'followUps', 'tickets', 'satisfaction', 'transactions'];

export interface DemoLoadReport {
  language: Language;
  installed: boolean;
  rows: Record<DemoTable, number>;
}

function storedLanguage(runtime: LocalRuntime): Language | null {
  const service = runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService;
  const value = service.getDocumentProperties()?.getProperty(LANGUAGE_PROPERTY);
  return isLanguage(value) ? value : null;
}

function sheetOfTable(app: SpreadsheetApp, table: string): Sheet {
  const found = app.getActiveSpreadsheet().createDeveloperMetadataFinder().withKey('crm.table').withValue(table).find();
  const sheet = found[0]?.getLocation().getSheet();
  if (!sheet) throw new Error(`demo: no sheet is stamped for table "${table}"`);
  return sheet;
}

function stampedColumns(sheet: Sheet): Map<string, number> {
  const out = new Map<string, number>();
  for (const metadata of sheet.createDeveloperMetadataFinder().withKey('crm.column').find()) {
    const column = metadata.getLocation().getColumn();
    if (column && metadata.getValue()) out.set(metadata.getValue() as string, column.getColumn());
  }
  return out;
}

function cellValue(runtime: LocalRuntime, column: ColumnTemplate, value: DemoValue, language: Language): unknown {
  if (value === null) return '';
  switch (column.type) {
    case 'enum':
      return enumLabel(column, String(value), language) ?? String(value);
    case 'multienum':
      return String(value)
        .split(',')
        .map((key) => enumLabel(column, key.trim(), language) ?? key.trim())
        .join(', ');
    case 'date':
    case 'datetime':
      return typeof value === 'number' ? runtime.ctx.makeDate(value) : value;
    default:
      return value;
  }
}

/** Installs the workbook through the add-on's runInstall when it is not installed yet. */
function ensureInstalled(
  runtime: LocalRuntime,
  host: AddonHost,
  requested: Language | undefined,
): { language: Language; installed: boolean } {
  const language = storedLanguage(runtime);
  if (language) return { language, installed: false };
  const result = host.run<{ ok: boolean; error?: { message: string } }>('runInstall', [
    { language: requested ?? 'zh-CN' },
  ]);
  if (!result.ok || !result.value.ok) {
    const message = result.ok ? result.value.error?.message : result.error.message;
    throw new Error(`demo: install failed: ${message ?? 'unknown error'}`);
  }
  return { language: storedLanguage(runtime) as Language, installed: true };
}

/** The Settings in force, read from the Settings sheet as the add-on reads them (defaults for bad values). */
function settingsInForce(runtime: LocalRuntime): SettingsValues {
  const app = runtime.globals.SpreadsheetApp as SpreadsheetApp;
  return runtime.ctx.runExecution({ authMode: 'FULL', label: 'playground:demo-settings' }, () => {
    const sheet = sheetOfTable(app, 'settings');
    const columns = stampedColumns(sheet);
    const keyColumn = columns.get('key');
    const valueColumn = columns.get('value');
    const lastRow = sheet.getLastRow();
    if (!keyColumn || !valueColumn || lastRow < 2) return settingsFromRows([]).values;
    const width = Math.max(keyColumn, valueColumn);
    const rows = sheet.getRange(2, 1, lastRow - 1, width).getValues();
    const timeZone = app.getActiveSpreadsheet().getSpreadsheetTimeZone();
    const zone = { name: timeZone, offsetAt: (ms: number) => zoneOffsetMinutes(ms, timeZone) };
    return settingsFromRows(
      rows.map((row) => ({ key: String(row[keyColumn - 1] ?? ''), value: row[valueColumn - 1] })),
      { zone },
    ).values;
  });
}

/**
 * Installs when needed, then generates demo data that follows the workbook's Settings, clock and time zone
 * (options.settings, nowMs and timeZone are taken from the workbook) and writes it.
 */
export function loadDemo(
  runtime: LocalRuntime,
  host: AddonHost,
  options: Omit<DemoOptions, 'settings' | 'nowMs' | 'timeZone'> & { language?: Language } = {},
): { report: DemoLoadReport; data: DemoData } {
  const { language, ...generation } = options;
  const { installed } = ensureInstalled(runtime, host, language);
  const data = generateDemoData({
    ...generation,
    settings: settingsInForce(runtime),
    nowMs: runtime.clock.now(),
    timeZone: runtime.workbook.info().timeZone,
  });
  return { report: { ...loadDemoData(runtime, host, data, { language }), installed }, data };
}

/** The cells the add-on would hold for a record: customers with their match keys. */
function withDerived(table: DemoTable, record: DemoRecord): DemoRecord {
  return table === 'customers' ? { ...record, matchKeys: matchKeysOf(record) || null } : record;
}

export function loadDemoData(
  runtime: LocalRuntime,
  host: AddonHost,
  data: DemoData,
  options: { language?: Language } = {},
): DemoLoadReport {
  const { language, installed } = ensureInstalled(runtime, host, options.language);
  const app = runtime.globals.SpreadsheetApp as SpreadsheetApp;
  const rows = {} as Record<DemoTable, number>;
  runtime.ctx.runExecution({ authMode: 'FULL', label: 'playground:demo' }, () => {
    for (const table of TABLE_ORDER) {
      const template = TEMPLATES[table];
      const sheet = sheetOfTable(app, table);
      const columns = stampedColumns(sheet);
      const width = Math.max(sheet.getLastColumn(), ...columns.values());
      let records = data[table];
      if (table === 'team') {
        // The installer already added the installing user; add only the others.
        const emailColumn = columns.get('email');
        const lastRow = sheet.getLastRow();
        const existing =
          emailColumn && lastRow > 1
            ? new Set(
                sheet
                  .getRange(2, emailColumn, lastRow - 1, 1)
                  .getValues()
                  .map((row) => String(row[0]).toLowerCase()),
              )
            : new Set<string>();
        records = records.filter((record) => !existing.has(String(record.email).toLowerCase()));
      }
      rows[table] = records.length;
      if (records.length === 0) continue;
      const block = records.map((demo) => {
        const record = withDerived(table, demo);
        const line: unknown[] = new Array(width).fill('');
        for (const column of template.columns) {
          const index = columns.get(column.key);
          if (index === undefined || !(column.key in record)) continue;
          line[index - 1] = cellValue(runtime, column, record[column.key] as DemoValue, language);
        }
        return line;
      });
      const start = sheet.getLastRow() + 1;
      const missing = start + block.length - 1 - sheet.getMaxRows();
      if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
      sheet.getRange(start, 1, block.length, width).setValues(block);
    }
    advanceIdCounters(runtime, data);
  });
  return { language, installed, rows };
}

/**
 * The add-on hands out ids from per-prefix counters in document properties (src/server/workbook/ids.ts), not by
 * reading the id column; rows written here bypass it, so each counter is moved past the demo's ids of the
 * latest day they use (the demo dates records up to "today"), or the next save would reuse one.
 */
function advanceIdCounters(runtime: LocalRuntime, data: DemoData): void {
  const store = (
    runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService
  ).getDocumentProperties();
  if (!store) return;
  const latest = new Map<string, IdSequence>();
  for (const table of TABLE_ORDER) {
    for (const record of data[table]) {
      const match = /^([A-Z])(\d{8})(\d{3,})$/.exec(String(record.id ?? ''));
      if (!match) continue;
      const [, prefix, day, serial] = match as unknown as [string, string, string, string];
      const seen = latest.get(prefix);
      if (!seen || day > seen.day || (day === seen.day && Number(serial) > seen.serial)) {
        latest.set(prefix, { day, serial: Number(serial) });
      }
    }
  }
  for (const [prefix, sequence] of latest) {
    const key = ID_SEQUENCE_PROPERTY_PREFIX + prefix;
    const current = parseSequence(store.getProperty(key));
    if (current && (current.day > sequence.day || (current.day === sequence.day && current.serial >= sequence.serial)))
      continue;
    store.setProperty(key, formatSequence(sequence));
  }
}
