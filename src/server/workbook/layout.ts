import type { TableTemplate } from '../../shared/schema/template-types';
import { findColumnByHeader } from '../../shared/schema/templates';
import { COLUMN_METADATA_KEY, LAYOUT_PROPERTY_PREFIX, TABLE_METADATA_KEY } from './keys';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Where a table lives now: its sheet and the 1-based column of each template column that was found.
 * Columns are found by developer metadata stamped at install, falling back to header labels in any of
 * the three languages (SPEC §8).
 */
export interface TableLayout {
  table: string;
  sheet: Sheet;
  sheetId: number;
  /** 1-based column by column key. */
  columns: Record<string, number>;
  /** Template columns not found on the sheet. */
  missing: string[];
}

/** What is cached between executions: resolving metadata costs calls per column; a header check is free. */
interface CachedLayout {
  sheetId: number;
  headers: string[];
  columns: Record<string, number>;
}

export interface DocumentPropertiesSnapshot {
  values: Record<string, string>;
  set(key: string, value: string): void;
}

/** Reads all document properties in one call; writes go through one call each. */
export function loadDocumentProperties(): DocumentPropertiesSnapshot {
  const store = PropertiesService.getDocumentProperties();
  const values = store ? store.getProperties() : {};
  return {
    values,
    set(key, value) {
      if (values[key] === value) return;
      values[key] = value;
      store?.setProperty(key, value);
    },
  };
}

function headerTexts(row: readonly unknown[] | undefined): string[] {
  return (row ?? []).map((cell) => String(cell ?? '').trim());
}

function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, index) => text === b[index]);
}

/**
 * Fast path: the cached layout is still right if the sheet exists and its header row reads exactly as
 * when the layout was resolved (moving, inserting or deleting columns changes the header row).
 */
export function cachedLayout(
  spreadsheet: Spreadsheet,
  template: TableTemplate,
  properties: DocumentPropertiesSnapshot,
): { sheet: Sheet; cached: CachedLayout } | null {
  const raw = properties.values[LAYOUT_PROPERTY_PREFIX + template.table];
  if (!raw) return null;
  let cached: CachedLayout;
  try {
    cached = JSON.parse(raw) as CachedLayout;
  } catch {
    return null;
  }
  const sheet = spreadsheet.getSheetById(cached.sheetId);
  return sheet ? { sheet, cached } : null;
}

export function layoutFromCache(
  template: TableTemplate,
  sheet: Sheet,
  cached: CachedLayout,
  headerRow: readonly unknown[] | undefined,
): TableLayout | null {
  if (!sameHeaders(cached.headers, headerTexts(headerRow))) return null;
  return {
    table: template.table,
    sheet,
    sheetId: cached.sheetId,
    columns: cached.columns,
    missing: template.columns.filter((column) => !(column.key in cached.columns)).map((column) => column.key),
  };
}

/** The sheet holding a table: by its developer metadata, else by its name in any language. */
export function findTableSheet(spreadsheet: Spreadsheet, template: TableTemplate): Sheet | null {
  const stamped = spreadsheet
    .createDeveloperMetadataFinder()
    .withKey(TABLE_METADATA_KEY)
    .withValue(template.table)
    .withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET)
    .find();
  for (const metadata of stamped) {
    const sheet = metadata.getLocation().getSheet();
    if (sheet) return sheet;
  }
  for (const name of Object.values(template.sheetName)) {
    const sheet = spreadsheet.getSheetByName(name);
    if (sheet) return sheet;
  }
  return null;
}

/**
 * Slow path: columns by their metadata, then by header label (any language) for columns whose metadata
 * was lost (a column deleted and re-typed by hand, or a sheet copied from elsewhere).
 */
export function resolveLayout(
  template: TableTemplate,
  sheet: Sheet,
  headerRow: readonly unknown[] | undefined,
  properties: DocumentPropertiesSnapshot,
): TableLayout {
  const columns: Record<string, number> = {};
  const known = new Set(template.columns.map((column) => column.key));
  for (const metadata of sheet.createDeveloperMetadataFinder().withKey(COLUMN_METADATA_KEY).find()) {
    const key = metadata.getValue();
    const location = metadata.getLocation().getColumn();
    if (key && known.has(key) && location && !(key in columns)) columns[key] = location.getColumn();
  }
  const taken = new Set(Object.values(columns));
  const headers = headerTexts(headerRow);
  headers.forEach((text, index) => {
    if (text === '' || taken.has(index + 1)) return;
    const column = findColumnByHeader(template, text);
    if (column && !(column.key in columns)) {
      columns[column.key] = index + 1;
      taken.add(index + 1);
    }
  });
  const sheetId = sheet.getSheetId();
  const cached: CachedLayout = { sheetId, headers, columns };
  properties.set(LAYOUT_PROPERTY_PREFIX + template.table, JSON.stringify(cached));
  return {
    table: template.table,
    sheet,
    sheetId,
    columns,
    missing: template.columns.filter((column) => !(column.key in columns)).map((column) => column.key),
  };
}
