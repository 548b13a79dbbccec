import { isLanguage, type Language } from '../../shared/i18n/language';
import type { TableTemplate } from '../../shared/schema/template-types';
import { TEMPLATES } from '../../shared/schema/templates';
import { LANGUAGE_PROPERTY } from '../platform/language';
import { TIME_ZONE_PROPERTY } from '../workbook/keys';
import { checkedZone } from '../platform/zone';
import { loadDocumentProperties, type DocumentPropertiesSnapshot } from '../workbook/layout';
import { withDocumentLock } from '../workbook/lock';
import { appendRecords, readTable } from '../workbook/table';
import { relabelWorkbook, settingsLanguage } from './relabel';
import { emptyTableReport, installRecordsTable, locateOrCreateSheet, type TableInstallReport } from './install-table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const INSTALLED_PROPERTY = 'crm.installedAt';

export interface InstallReport {
  language: Language;
  firstInstall: boolean;
  tables: TableInstallReport[];
  settingsAdded: number;
  teamMemberAdded: string | null;
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
 * Install / repair the workbook: every table of sheets-templates/ created or brought back in line, the
 * Settings defaults of SPEC §2 filled in (existing values never overwritten), the installing user added to
 * an empty team list. Runs under the document lock; idempotent.
 */
export function installWorkbook(requestedLanguage: Language | null): InstallReport {
  return withDocumentLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const properties = loadDocumentProperties();
    const firstInstall = !isInstalled(properties);
    const stored = properties.values[LANGUAGE_PROPERTY];
    const previous = isLanguage(stored) ? stored : null;
    // The language can be changed in Settings (its `language` row): repair then relabels the workbook.
    const fromSettings = previous && !firstInstall ? settingsLanguage(properties, spreadsheet) : null;
    const language: Language =
      fromSettings && fromSettings !== previous ? fromSettings : (requestedLanguage ?? previous ?? 'en');
    const timeZone = spreadsheet.getSpreadsheetTimeZone();
    properties.set(TIME_ZONE_PROPERTY, timeZone);
    // Checks Intl against Utilities for this zone now, so that no sidebar save has to (platform/zone.ts).
    checkedZone(timeZone, Date.now(), properties);

    const tables: TableInstallReport[] = [];
    for (const template of templatesInOrder()) {
      if (template.kind === 'dashboard') {
        const located = locateOrCreateSheet(spreadsheet, template, language);
        if (located.created || located.foreign)
          tables.push(emptyTableReport(template, located.sheet.getName(), located));
        continue;
      }
      tables.push(installRecordsTable(spreadsheet, template, language, properties));
    }
    // After the repair, so every table has its columns; dropdowns are relabelled before the cells.
    if (previous && language !== previous) relabelWorkbook(previous, language, properties, spreadsheet);
    properties.set(LANGUAGE_PROPERTY, language);
    const settingsAdded = seedSettings(properties, language);
    const teamMemberAdded = seedTeam(properties, language);
    if (firstInstall) properties.set(INSTALLED_PROPERTY, new Date().toISOString());
    removeDefaultSheetIfUnused(spreadsheet, firstInstall);

    const unchanged =
      !firstInstall && settingsAdded === 0 && teamMemberAdded === null && tables.every((table) => !tableChanged(table));
    return { language, firstInstall, tables, settingsAdded, teamMemberAdded, unchanged };
  });
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
function seedSettings(properties: DocumentPropertiesSnapshot, language: Language): number {
  const template = TEMPLATES.settings;
  const table = readTable(template, properties);
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
  appendRecords(table, rows, language);
  return rows.length;
}

/** The installing user becomes the first team member (a manager) when the team list is empty. */
function seedTeam(properties: DocumentPropertiesSnapshot, language: Language): string | null {
  const table = readTable(TEMPLATES.team, properties);
  if (table.records.length > 0) return null;
  const email = Session.getEffectiveUser().getEmail();
  if (!email) return null;
  appendRecords(table, [{ name: email.split('@')[0] ?? email, email, role: 'manager', active: true }], language);
  return email;
}

/** A brand-new spreadsheet's empty "Sheet1" is clutter once our sheets exist; anything else stays. */
function removeDefaultSheetIfUnused(spreadsheet: Spreadsheet, firstInstall: boolean): void {
  if (!firstInstall) return;
  for (const name of ['Sheet1', '工作表1', '工作表 1', '表格1']) {
    const sheet = spreadsheet.getSheetByName(name);
    if (sheet && sheet.getLastRow() === 0 && sheet.getLastColumn() === 0 && spreadsheet.getNumSheets() > 1) {
      spreadsheet.deleteSheet(sheet);
    }
  }
}
