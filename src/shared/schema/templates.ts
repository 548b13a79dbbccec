import type { Language } from '../i18n/language';
import type { ColumnTemplate, SettingTemplate, TableTemplate } from './template-types';
import type { SettingKey } from './setting-keys';
import customersJson from '../../../sheets-templates/customers.json';
import followUpsJson from '../../../sheets-templates/followUps.json';
import ticketsJson from '../../../sheets-templates/tickets.json';
import satisfactionJson from '../../../sheets-templates/satisfaction.json';
import transactionsJson from '../../../sheets-templates/transactions.json';
import teamJson from '../../../sheets-templates/team.json';
import settingsJson from '../../../sheets-templates/settings.json';
import dashboardJson from '../../../sheets-templates/dashboard.json';
import logJson from '../../../sheets-templates/log.json';

/**
 * The workbook's tables, loaded from sheets-templates/*.json (bundled by esbuild, so this runs unchanged in
 * Apps Script and in the sidebars), and the look-ups the rest of the code uses instead of hard-coded
 * headers or positions (docs/product-rules.md §1, §8). The JSON files are checked against template.schema.json by a unit
 * test; here they are taken as TableTemplate. Everything is frozen: a template is shared by every caller.
 */

export type TableKey =
  'customers' | 'followUps' | 'tickets' | 'satisfaction' | 'transactions' | 'team' | 'settings' | 'dashboard' | 'log';

/** Tables whose rows carry an id (C, G, F, S, T), created/updated stamps and a sidebar request id. */
export const RECORD_TABLES = ['customers', 'followUps', 'tickets', 'satisfaction', 'transactions'] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

// The JSON's inferred types widen literals (`"type": "enum"` is a string); the schema test is what
// guarantees the shape, so the cast goes through unknown.
const load = (json: unknown): TableTemplate => deepFreeze(json as TableTemplate);

export const TEMPLATES: Readonly<Record<TableKey, TableTemplate>> = Object.freeze({
  customers: load(customersJson),
  followUps: load(followUpsJson),
  tickets: load(ticketsJson),
  satisfaction: load(satisfactionJson),
  transactions: load(transactionsJson),
  team: load(teamJson),
  settings: load(settingsJson),
  dashboard: load(dashboardJson),
  log: load(logJson),
});

export function isTableKey(value: unknown): value is TableKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TEMPLATES, value);
}

/** The template of a table; an unknown table name is a programming error. */
export function templateFor(table: string): TableTemplate {
  if (!isTableKey(table)) throw new Error(`Unknown table "${table}"`);
  return TEMPLATES[table];
}

/** The column with this key, or null. */
export function findColumn(template: TableTemplate, key: string): ColumnTemplate | null {
  return template.columns.find((column) => column.key === key) ?? null;
}

/** The column with this key; a key the template lacks is a programming error. */
export function columnOf(template: TableTemplate, key: string): ColumnTemplate {
  const column = findColumn(template, key);
  if (!column) throw new Error(`Table "${template.table}" has no column "${key}"`);
  return column;
}

/** What Sheets reports for a cell nobody formatted ("automatic"); booleans (checkboxes) keep it. */
export const AUTOMATIC_NUMBER_FORMAT = '0.###############';

/**
 * The number format a column gets when its template names none. Text-like columns are plain text ("@")
 * because setValues parses strings like typed input: "+86…" and "00123" would become numbers and ids or
 * dates-looking text would change (docs/apps-script/spreadsheet.md §3).
 */
export function defaultNumberFormat(column: ColumnTemplate): string {
  switch (column.type) {
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
    case 'money':
      return '¥#,##0.00';
    case 'percent':
      return '0%';
    case 'score':
      // 1–5 ratings and 0–10 NPS are whole numbers; the 20–100 satisfaction score has one decimal.
      return column.max !== undefined && column.max > 10 ? '0.0' : '0';
    case 'number':
      return '0';
    case 'boolean':
      return AUTOMATIC_NUMBER_FORMAT;
    case 'id':
    case 'ref':
    case 'text':
    case 'longtext':
    case 'email':
    case 'phone':
    case 'user':
    case 'enum':
    case 'multienum':
      return '@';
  }
}

/**
 * How labels are compared: compatibility-normalized (full-width letters, digits and brackets fold to
 * their ASCII forms, as Chinese input methods type them), case-insensitive, white space ignored.
 */
export function normalizeLabel(text: string): string {
  return String(text).normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const optionIndexes = new WeakMap<ColumnTemplate, Map<string, string>>();

/** Normalized option key and every language's label → option key, built once per column. */
function optionIndex(column: ColumnTemplate): Map<string, string> {
  let index = optionIndexes.get(column);
  if (!index) {
    index = new Map();
    for (const option of column.options ?? []) {
      for (const text of [option.key, ...Object.values(option.label)]) {
        const normalized = normalizeLabel(text);
        if (!index.has(normalized)) index.set(normalized, option.key);
      }
    }
    optionIndexes.set(column, index);
  }
  return index;
}

/** The label of an enum option in a language; null when the column has no such option. */
export function enumLabel(column: ColumnTemplate, optionKey: string, language: Language): string | null {
  const option = (column.options ?? []).find((candidate) => candidate.key === optionKey);
  return option ? option.label[language] : null;
}

/**
 * The option key for what a cell or a form holds: a label in any of the three languages, or the key
 * itself (so a workbook keeps working after its language changes, docs/product-rules.md §1). Null when nothing matches.
 */
export function enumKeyFromLabel(column: ColumnTemplate, text: string): string | null {
  const normalized = normalizeLabel(text);
  if (normalized === '') return null;
  return optionIndex(column).get(normalized) ?? null;
}

export function headerLabel(column: ColumnTemplate, language: Language): string {
  return column.label[language];
}

const headerIndexes = new WeakMap<TableTemplate, Map<string, ColumnTemplate>>();

/**
 * The column a header cell names, in any language (or by its key): the fallback when a column lost its
 * developer metadata (docs/product-rules.md §8). Labels never collide across columns (a unit test checks it).
 */
export function findColumnByHeader(template: TableTemplate, headerText: string): ColumnTemplate | null {
  let index = headerIndexes.get(template);
  if (!index) {
    index = new Map();
    for (const column of template.columns) {
      for (const text of [...Object.values(column.label), column.key]) {
        const normalized = normalizeLabel(text);
        if (!index.has(normalized)) index.set(normalized, column);
      }
    }
    headerIndexes.set(template, index);
  }
  const normalized = normalizeLabel(headerText);
  return normalized === '' ? null : (index.get(normalized) ?? null);
}

/** The Settings rows of docs/product-rules.md §2, in display order. */
export function settingTemplates(): readonly SettingTemplate[] {
  return TEMPLATES.settings.settings ?? [];
}

/** The declaration of one setting; an unknown key is a programming error. */
export function settingOf(key: SettingKey): SettingTemplate {
  const setting = settingTemplates().find((candidate) => candidate.key === key);
  if (!setting) throw new Error(`Unknown setting "${key}"`);
  return setting;
}

/** The default of a setting, as written at install (docs/product-rules.md §2 numbers). */
export function settingDefault(key: SettingKey): SettingTemplate['default'] {
  return settingOf(key).default;
}
