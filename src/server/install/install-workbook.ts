import { isLanguage, type Language } from '../../shared/i18n/language';
import type { TableTemplate } from '../../shared/schema/template-types';
import { TEMPLATES } from '../../shared/schema/templates';
import { LANGUAGE_PROPERTY } from '../platform/language';
import { TEMPLATE_VERSION_PROPERTY_PREFIX, TIME_ZONE_PROPERTY } from '../workbook/keys';
import { checkedZone } from '../platform/zone';
import { loadDocumentProperties, replaceValues, type DocumentPropertiesSnapshot } from '../workbook/layout';
import { withDocumentLock } from '../workbook/lock';
import { parseSettingLanguage } from '../../shared/rules/settings-parse';
import { findColumnByHeader } from '../../shared/schema/templates';
import type { Zone } from '../../shared/time/zone';
import { headerTexts } from '../workbook/layout';
import { batchGetValues } from '../workbook/values-api';
import { MATCH_KEY_COLUMNS, staleMatchKeys } from '../workbook/match-keys';
import { appendRecords, openTable, readTable, writeFields, type Table } from '../workbook/table';
import { readColumns } from '../workbook/targeted-reads';
import { WriteBatch } from '../workbook/write-batch';
import {
  EMPTY_LAYOUT,
  FallbackError,
  freeSheetId,
  freeTitle,
  listSheets,
  planRecordsTable,
  readLayouts,
  sheetsApi,
  sheetStampRequest,
  tableOf,
  type ApiSheet,
  type PlannedTable,
  type SheetLayout,
  type SheetsApi,
  type SheetTarget,
} from './install-api';
import { relabelWorkbook, settingsLanguage } from './relabel';
import { emptyTableReport, installRecordsTable, locateOrCreateSheet, type TableInstallReport } from './install-table';

const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const INSTALLED_PROPERTY = 'crm.installedAt';

export interface InstallReport {
  language: Language;
  firstInstall: boolean;
  tables: TableInstallReport[];
  settingsAdded: number;
  teamMemberAdded: string | null;
  /** Customers rows whose match keys were derived again (typed by hand since). */
  matchKeysRederived: number;
  /** True when nothing had to change (a second install). */
  unchanged: boolean;
}

/** Records tables in install order; Settings before Team so defaults exist when the team is seeded. */
const INSTALL_ORDER: readonly string[] = [
  'customers',
  'followUps',
  'tickets',
  'satisfaction',
  'transactions',
  'team',
  'settings',
  'dashboard',
  'log',
];

function templatesInOrder(): TableTemplate[] {
  const all = Object.values(TEMPLATES) as TableTemplate[];
  const rank = (template: TableTemplate): number => {
    const index = INSTALL_ORDER.indexOf(template.table);
    return index === -1 ? INSTALL_ORDER.length : index;
  };
  return all.slice().sort((a, b) => rank(a) - rank(b));
}

export function isInstalled(properties: DocumentPropertiesSnapshot = loadDocumentProperties()): boolean {
  return Boolean(properties.values[INSTALLED_PROPERTY]);
}

/**
 * Tables installed from an older template than this build's (a column added since, say Follow-ups v2's cost):
 * the workbook layer would refuse them ("missing columns") until a repair adds what is new. Read from the
 * document properties the action already holds, so asking costs no call.
 */
export function outdatedTables(properties: DocumentPropertiesSnapshot): string[] {
  return templatesInOrder()
    .filter((template) => template.kind !== 'dashboard')
    .filter(
      (template) => properties.values[TEMPLATE_VERSION_PROPERTY_PREFIX + template.table] !== String(template.version),
    )
    .map((template) => template.table);
}

/** Document properties read in one call and written in one call at the end (setProperties). */
interface BufferedProperties extends DocumentPropertiesSnapshot {
  /** A point to come back to when the API path gives up before writing anything. */
  mark(): () => void;
  writePending(): void;
}

function bufferedDocumentProperties(): BufferedProperties {
  const store = PropertiesService.getDocumentProperties();
  const values: Record<string, string> = store ? store.getProperties() : {};
  let pending: Record<string, string> = {};
  return {
    values,
    set(key, value) {
      if (values[key] === value) return;
      values[key] = value;
      pending[key] = value;
    },
    reload() {
      replaceValues(values, { ...(store ? store.getProperties() : {}), ...pending });
    },
    // Install already holds every write until writePending.
    hold() {},
    sendHeld() {
      this.writePending();
    },
    mark() {
      const savedValues = { ...values };
      const savedPending = { ...pending };
      return () => {
        for (const key of Object.keys(values)) if (!(key in savedValues)) delete values[key];
        Object.assign(values, savedValues);
        pending = savedPending;
      };
    },
    writePending() {
      if (Object.keys(pending).length === 0) return;
      store?.setProperties(pending);
      pending = {};
    },
  };
}

/**
 * Install / repair the workbook: every table of sheets-templates/ created or brought back in line, the
 * Settings defaults of docs/product-rules.md §2 filled in (existing values never overwritten), the installing user added to
 * an empty team list, match keys of hand-edited customers derived again. Runs under the document lock;
 * idempotent. Through the Advanced Sheets service in a few calls (install-api.ts); with SpreadsheetApp when
 * the service is off or not authorized for this user.
 */
export function installWorkbook(requestedLanguage: Language | null): InstallReport {
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const properties = bufferedDocumentProperties();
    try {
      const api = sheetsApi();
      const viaApi = api ? installViaApi(api, spreadsheet, properties, requestedLanguage) : null;
      const report = viaApi ?? installViaSpreadsheetApp(spreadsheet, properties, requestedLanguage);
      showCustomersAfterFirstInstall(spreadsheet, report);
      return report;
    } finally {
      properties.writePending();
    }
  });
}

/**
 * Installs the same templates into another spreadsheet (a yearly archive, issue 20), in `language`. That
 * spreadsheet's document properties are out of this script's reach (PropertiesService only gives the bound
 * document's), so its layout cache and install marks live in memory for this execution: its sheets and
 * columns are found again by their developer metadata. The caller holds the document lock. Idempotent like
 * installWorkbook: a second call on the same spreadsheet changes nothing.
 */
export function installWorkbookInto(target: Spreadsheet, language: Language): InstallReport {
  return withDocumentLock(() => {
    const properties = memoryProperties();
    const api = sheetsApi();
    const viaApi = api ? installViaApi(api, target, properties, language) : null;
    return viaApi ?? installViaSpreadsheetApp(target, properties, language);
  });
}

/** Properties held in memory only (another spreadsheet's install), shaped like bufferedDocumentProperties. */
function memoryProperties(): BufferedProperties {
  const values: Record<string, string> = {};
  return {
    values,
    set(key, value) {
      values[key] = value;
    },
    reload() {},
    hold() {},
    sendHeld() {},
    mark() {
      const saved = { ...values };
      return () => replaceValues(values, saved);
    },
    writePending() {},
  };
}

/**
 * A first install leaves the user on Customers, where the work starts: SpreadsheetApp's insertSheet makes each
 * new sheet the active one, so without this the Log (created last) would be showing. A repair moves nobody.
 */
function showCustomersAfterFirstInstall(spreadsheet: Spreadsheet, report: InstallReport): void {
  if (!report.firstInstall) return;
  const customers = report.tables.find((table) => table.table === TEMPLATES.customers.table);
  const sheet = customers ? spreadsheet.getSheetByName(customers.sheetName) : null;
  if (sheet) spreadsheet.setActiveSheet(sheet);
}

function languages(
  properties: DocumentPropertiesSnapshot,
  requestedLanguage: Language | null,
  fromSettings: () => Language | null,
): { firstInstall: boolean; previous: Language | null; language: Language } {
  const firstInstall = !isInstalled(properties);
  const stored = properties.values[LANGUAGE_PROPERTY];
  const previous = isLanguage(stored) ? stored : null;
  // The language can be changed in Settings (its `language` row): repair then relabels the workbook.
  const settings = previous && !firstInstall ? fromSettings() : null;
  const language: Language = settings && settings !== previous ? settings : (requestedLanguage ?? previous ?? 'en');
  return { firstInstall, previous, language };
}

function finish(
  language: Language,
  firstInstall: boolean,
  tables: TableInstallReport[],
  settingsAdded: number,
  teamMemberAdded: string | null,
  matchKeysRederived: number,
): InstallReport {
  const unchanged =
    !firstInstall &&
    settingsAdded === 0 &&
    teamMemberAdded === null &&
    matchKeysRederived === 0 &&
    tables.every((table) => !tableChanged(table));
  return { language, firstInstall, tables, settingsAdded, teamMemberAdded, matchKeysRederived, unchanged };
}

/** The SpreadsheetApp path: a call or several per sheet, column and rule (~1,800 calls for a first install). */
function installViaSpreadsheetApp(
  spreadsheet: Spreadsheet,
  properties: DocumentPropertiesSnapshot,
  requestedLanguage: Language | null,
): InstallReport {
  const { firstInstall, previous, language } = languages(properties, requestedLanguage, () =>
    settingsLanguage(properties, spreadsheet),
  );
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  properties.set(TIME_ZONE_PROPERTY, timeZone);
  // Checks Intl against Utilities for this zone now, so that no sidebar save has to (platform/zone.ts).
  const zone = checkedZone(timeZone, Date.now(), properties);

  const tables: TableInstallReport[] = [];
  for (const template of templatesInOrder()) {
    if (template.kind === 'dashboard') {
      const located = locateOrCreateSheet(spreadsheet, template, language);
      if (located.created || located.foreign) tables.push(emptyTableReport(template, located.sheet.getName(), located));
      continue;
    }
    tables.push(installRecordsTable(spreadsheet, template, language, properties));
  }
  // After the repair, so every table has its columns; dropdowns are relabelled before the cells.
  if (previous && language !== previous) relabelWorkbook(previous, language, properties, spreadsheet);
  properties.set(LANGUAGE_PROPERTY, language);
  const settingsAdded = seedSettings(readTable(TEMPLATES.settings, properties, spreadsheet), language);
  const teamMemberAdded = seedTeam(readTable(TEMPLATES.team, properties, spreadsheet), language);
  const matchKeysRederived = rederiveMatchKeys(openTable(TEMPLATES.customers, properties, spreadsheet), language, zone);
  if (firstInstall) properties.set(INSTALLED_PROPERTY, new Date().toISOString());
  removeDefaultSheetIfUnused(spreadsheet, firstInstall);
  return finish(language, firstInstall, tables, settingsAdded, teamMemberAdded, matchKeysRederived);
}

/** Errors after which the SpreadsheetApp path is taken: the API refused, or something it cannot express. */
function isFallback(error: unknown): boolean {
  if (error instanceof FallbackError) return true;
  // Errors thrown by services are not always instances of this realm's Error: read the message as such.
  const message = String((error as { message?: unknown } | null)?.message ?? error);
  return (
    /^API call to sheets\./.test(message) ||
    /You do not have permission/.test(message) ||
    /not supported by the local runtime/.test(message)
  );
}

/**
 * The Advanced-service path: two gets, one batchUpdate, then the Settings/Team seeds and re-derived match keys
 * in one Values.batchUpdate. Returns null (nothing written, properties as they were) when it cannot be used.
 */
function installViaApi(
  api: SheetsApi,
  spreadsheet: Spreadsheet,
  properties: BufferedProperties,
  requestedLanguage: Language | null,
): InstallReport | null {
  const restore = properties.mark();
  let plan: ApiPlan;
  let spreadsheetId: string;
  try {
    spreadsheetId = spreadsheet.getId();
    plan = planWorkbook(api, spreadsheetId, spreadsheet, properties, requestedLanguage);
    if (plan.requests.length > 0) api.batchUpdate({ requests: plan.requests }, spreadsheetId);
  } catch (error) {
    if (!isFallback(error)) throw error;
    restore();
    return null;
  }
  const { firstInstall, previous, language, zone, planned } = plan;
  let relabelled = false;
  if (previous && language !== previous) {
    relabelWorkbook(previous, language, properties, spreadsheet);
    relabelled = true;
  }
  properties.set(LANGUAGE_PROPERTY, language);
  const batch = new WriteBatch(zone);
  // After a relabel the sheets may have new names: read Settings and Team again the usual way.
  const tableFor = (key: 'settings' | 'team' | 'customers'): Table => {
    const found = planned.get(key) as PlannedTable;
    return relabelled
      ? readTable(TEMPLATES[key], properties, spreadsheet)
      : tableOf(found, TEMPLATES[key], spreadsheet, spreadsheetId, zone);
  };
  const settingsAdded = seedSettings(tableFor('settings'), language, batch);
  const teamMemberAdded = seedTeam(tableFor('team'), language, batch);
  let matchKeysRederived = 0;
  const customers = planned.get('customers') as PlannedTable;
  if (!customers.report.createdSheet) {
    const table = tableOf(
      { ...customers, values: customers.values.slice(0, 1) },
      TEMPLATES.customers,
      spreadsheet,
      spreadsheetId,
      zone,
    );
    // Read down to the sheet's last row: the API leaves the empty rows out, so no getLastRow call is needed.
    table.lastRow = customers.maxRows;
    if (relabelled) table.layout = readTable(TEMPLATES.customers, properties, spreadsheet).layout;
    matchKeysRederived = rederiveMatchKeys(table, language, zone, batch);
  }
  batch.commit();
  if (firstInstall) properties.set(INSTALLED_PROPERTY, new Date().toISOString());
  return finish(language, firstInstall, plan.tables, settingsAdded, teamMemberAdded, matchKeysRederived);
}

interface ApiPlan {
  firstInstall: boolean;
  previous: Language | null;
  language: Language;
  zone: Zone;
  tables: TableInstallReport[];
  planned: Map<string, PlannedTable>;
  requests: Record<string, unknown>[];
}

/** Reads the layout (two gets) and decides every change, as the SpreadsheetApp path would. */
function planWorkbook(
  api: SheetsApi,
  spreadsheetId: string,
  spreadsheet: Spreadsheet,
  properties: DocumentPropertiesSnapshot,
  requestedLanguage: Language | null,
): ApiPlan {
  const listed = listSheets(api, spreadsheetId);
  const templates = templatesInOrder();
  const stampedSheet = (template: TableTemplate): ApiSheet | undefined =>
    listed.sheets.find((sheet) => sheet.table === template.table);
  const candidates = (template: TableTemplate): ApiSheet[] =>
    [...new Set(Object.values(template.sheetName))]
      .map((name) => listed.sheets.find((sheet) => sheet.title === name))
      .filter((sheet): sheet is ApiSheet => sheet !== undefined);
  // Rows 1–2 of every sheet a table is or may be on, with their formats, rules and stamps.
  const toRead = new Map<number, ApiSheet>();
  for (const template of templates) {
    const stamped = stampedSheet(template);
    for (const sheet of stamped ? [stamped] : candidates(template)) toRead.set(sheet.sheetId, sheet);
  }
  const layouts = readLayouts(api, spreadsheetId, [...toRead.values()]);
  const layoutOf = (sheet: ApiSheet): SheetLayout => layouts.get(sheet.sheetId) ?? EMPTY_LAYOUT;

  const looksLikeOurs = (sheet: ApiSheet, template: TableTemplate): boolean => {
    const header = headerTexts(layoutOf(sheet).rows[0]);
    if (header.length === 0) {
      // An empty header row: ours only when the sheet is empty (its content may start lower down).
      const found = spreadsheet.getSheetById(sheet.sheetId);
      return !found || found.getLastColumn() === 0;
    }
    return header.some((cell) => findColumnByHeader(template, cell) !== null);
  };
  const located = new Map<string, { sheet: ApiSheet | null; foreign?: string }>();
  for (const template of templates) {
    const stamped = stampedSheet(template);
    if (stamped) {
      located.set(template.table, { sheet: stamped });
      continue;
    }
    let foreign: string | undefined;
    let adopted: ApiSheet | null = null;
    for (const sheet of candidates(template)) {
      if (looksLikeOurs(sheet, template)) {
        adopted = sheet;
        break;
      }
      foreign = foreign ?? sheet.title;
    }
    located.set(template.table, { sheet: adopted, foreign });
  }

  properties.set(TIME_ZONE_PROPERTY, listed.timeZone);
  // Checks Intl against Utilities for this zone now, so that no sidebar save has to (platform/zone.ts).
  const zone = checkedZone(listed.timeZone, Date.now(), properties);
  // The rows of Settings and Team (seeded when missing; Settings says the language) in one Values.batchGet.
  const seeded = (['settings', 'team'] as const)
    .map((table) => located.get(table)?.sheet ?? null)
    .filter((sheet): sheet is ApiSheet => sheet !== null);
  if (seeded.length > 0) {
    const values = batchGetValues(
      () => spreadsheetId,
      seeded.map((sheet) => ({ a1: `'${sheet.title.replace(/'/g, "''")}'` })),
      zone,
    );
    if (!values) throw new FallbackError('Settings and Team could not be read');
    seeded.forEach((sheet, index) => {
      layouts.set(sheet.sheetId, { ...layoutOf(sheet), rows: values[index] as unknown[][] });
    });
  }
  const settingsSheet = located.get('settings')?.sheet ?? null;
  const { firstInstall, previous, language } = languages(properties, requestedLanguage, () =>
    settingsSheet ? settingsLanguageOf(layoutOf(settingsSheet)) : null,
  );

  const titles = new Set(listed.sheets.map((sheet) => sheet.title.toLowerCase()));
  const ids = new Set(listed.sheets.map((sheet) => sheet.sheetId));
  const requests: Record<string, unknown>[] = [];
  const tables: TableInstallReport[] = [];
  const planned = new Map<string, PlannedTable>();
  let sheetCount = listed.sheets.length;
  for (const template of templates) {
    const found = located.get(template.table) as { sheet: ApiSheet | null; foreign?: string };
    let target: SheetTarget;
    if (found.sheet) {
      const sheet = found.sheet;
      target = { ...sheet, created: false, requests: [] };
      if (sheet.table !== template.table) target.requests.push(sheetStampRequest(sheet.sheetId, template.table));
    } else {
      const title = freeTitle(template.sheetName[language], titles);
      const sheetId = freeSheetId(spreadsheetId, template.table, ids);
      const records = template.kind !== 'dashboard';
      const columns = Math.max(NEW_SHEET_COLUMNS, records ? template.columns.length : 0);
      target = {
        sheetId,
        title,
        rows: NEW_SHEET_ROWS,
        columns,
        frozenRows: records ? 1 : 0,
        created: true,
        requests: [],
      };
      if (found.foreign) target.foreign = found.foreign;
      const gridProperties: Record<string, number> = { rowCount: NEW_SHEET_ROWS, columnCount: columns };
      if (records) gridProperties.frozenRowCount = 1;
      target.requests.push({ addSheet: { properties: { sheetId, title, gridProperties } } });
      target.requests.push(sheetStampRequest(sheetId, template.table));
      sheetCount++;
    }
    if (template.kind === 'dashboard') {
      requests.push(...target.requests);
      if (target.created || target.foreign) tables.push(emptyTableReport(template, target.title, target));
      continue;
    }
    const layout = found.sheet ? layoutOf(found.sheet) : EMPTY_LAYOUT;
    const table = planRecordsTable(template, language, target, layout, properties, () => {
      const sheet = spreadsheet.getSheetById(target.sheetId);
      return sheet ? sheet.getLastColumn() : 0;
    });
    // A sheet created with its frozen header row needs no separate freeze request.
    if (target.created) table.report.fixedHeader = true;
    requests.push(...table.requests);
    tables.push(table.report);
    planned.set(template.table, table);
  }

  // A brand-new spreadsheet's empty "Sheet1" is clutter once our sheets exist; anything else stays.
  if (firstInstall) {
    const ours = new Set([...located.values()].map((entry) => entry.sheet?.sheetId));
    for (const name of DEFAULT_SHEET_NAMES) {
      const sheet = listed.sheets.find((candidate) => candidate.title === name && !ours.has(candidate.sheetId));
      if (!sheet || sheetCount <= 1) continue;
      const found = spreadsheet.getSheetByName(name);
      if (found && found.getLastRow() === 0 && found.getLastColumn() === 0) {
        requests.push({ deleteSheet: { sheetId: sheet.sheetId } });
        sheetCount--;
      }
    }
  }
  return { firstInstall, previous, language, zone, tables, planned, requests };
}

/** The Settings `language` row from the sheet as read (columns by stamp, else by header). */
function settingsLanguageOf(layout: SheetLayout): Language | null {
  const template = TEMPLATES.settings;
  const header = headerTexts(layout.rows[0]);
  const at = (key: string): number | undefined => {
    if (layout.stamps[key] !== undefined) return layout.stamps[key];
    const index = header.findIndex((text) => findColumnByHeader(template, text)?.key === key);
    return index >= 0 ? index + 1 : undefined;
  };
  const keyAt = at('key');
  const valueAt = at('value');
  if (keyAt === undefined || valueAt === undefined) return null;
  const row = layout.rows.slice(1).find((cells) => cells[keyAt - 1] === 'language');
  return row ? parseSettingLanguage(row[valueAt - 1]) : null;
}

export function tableChanged(report: TableInstallReport): boolean {
  return (
    report.createdSheet ||
    report.addedColumns.length > 0 ||
    report.restampedColumns.length > 0 ||
    report.fixedFormats.length > 0 ||
    report.fixedValidations.length > 0 ||
    report.fixedHeader ||
    report.fixedRules
  );
}

/** Settings rows for every template setting that has none yet; a user's values are never touched. */
function seedSettings(table: Table, language: Language, batch?: WriteBatch): number {
  const template = TEMPLATES.settings;
  const present = new Set(table.records.map((record) => String(record.values.key ?? '')));
  const rows = (template.settings ?? [])
    .filter((setting) => !present.has(setting.key))
    .map((setting) => ({
      key: setting.key,
      setting: setting.label[language],
      value:
        setting.type === 'language'
          ? language
          : Array.isArray(setting.default)
            ? setting.default.join(', ')
            : setting.default,
      unit: setting.unit?.[language] ?? '',
      description: setting.description[language],
    }));
  appendRecords(table, rows, language, batch);
  return rows.length;
}

/** The installing user becomes the first team member (a manager) when the team list is empty. */
function seedTeam(table: Table, language: Language, batch?: WriteBatch): string | null {
  if (table.records.length > 0) return null;
  const email = Session.getEffectiveUser().getEmail();
  if (!email) return null;
  appendRecords(table, [{ name: email.split('@')[0] ?? email, email, role: 'manager', active: true }], language, batch);
  return email;
}

/**
 * Customers whose phone, e-mail or company was typed or changed by hand carry stale match keys (intake finds
 * duplicates by them): derive them again (workbook/match-keys.ts) and write only the stale cells.
 */
function rederiveMatchKeys(table: Table, language: Language, zone: Zone, batch?: WriteBatch): number {
  const keys = MATCH_KEY_COLUMNS.filter((key) => key in table.layout.columns);
  if (!keys.includes('matchKeys')) return 0;
  const records = readColumns(table, keys, zone);
  const updates = staleMatchKeys(records);
  if (updates.length > 0) writeFields(table, updates, language, batch);
  return updates.length;
}

const DEFAULT_SHEET_NAMES = ['Sheet1', '工作表1', '工作表 1', '表格1'];

/** A brand-new spreadsheet's empty "Sheet1" is clutter once our sheets exist; anything else stays. */
function removeDefaultSheetIfUnused(spreadsheet: Spreadsheet, firstInstall: boolean): void {
  if (!firstInstall) return;
  for (const name of DEFAULT_SHEET_NAMES) {
    const sheet = spreadsheet.getSheetByName(name);
    if (sheet && sheet.getLastRow() === 0 && sheet.getLastColumn() === 0 && spreadsheet.getNumSheets() > 1) {
      spreadsheet.deleteSheet(sheet);
    }
  }
}
