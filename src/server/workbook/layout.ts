import { columnLetter } from '../../shared/schema/a1';
import type { TableTemplate } from '../../shared/schema/template-types';
import { findColumnByHeader } from '../../shared/schema/templates';
import { COLUMN_METADATA_KEY, LAYOUT_PROPERTY_PREFIX, TABLE_METADATA_KEY } from './keys';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Where a table lives now: its sheet and the 1-based column of each template column that was found.
 * Columns are found by developer metadata stamped at install, falling back to header labels in any of
 * the three languages (docs/product-rules.md §8). The result is cached in document properties with the header row it was
 * resolved from, so the common path costs no metadata calls: a read checks the header it gets anyway.
 */
export interface TableLayout {
  table: string;
  sheetId: number;
  sheetName: string;
  /** 1-based column by column key. */
  columns: Record<string, number>;
  /** Template columns not found on the sheet. */
  missing: string[];
  /** Number of header cells (the table's width as last seen). */
  width: number;
}

export interface CachedLayout {
  sheetId: number;
  sheetName: string;
  headers: string[];
  columns: Record<string, number>;
}

export interface DocumentPropertiesSnapshot {
  values: Record<string, string>;
  set(key: string, value: string): void;
  /**
   * Reads the properties again into `values` (one call): for an execution that waited for the document lock,
   * whose snapshot may predate what the lock's previous holder wrote (id serials, cursors, the layout cache).
   */
  reload(): void;
  /**
   * From now on `set` only records the change; `sendHeld` writes what was recorded in one setProperties call.
   * A sidebar save holds its writes (an id serial, the My day journal, a layout cache) and sends them
   * just before its sheet writes: one call instead of one per property.
   */
  hold(): void;
  sendHeld(): void;
}

/**
 * Properties kept in memory only, never written: for opening a table of another spreadsheet (an archive),
 * whose document properties the script can't reach, with openTable's layout cache landing here.
 */
export function scratchProperties(values: Record<string, string> = {}): DocumentPropertiesSnapshot {
  return {
    values,
    set(name, value) {
      this.values[name] = value;
    },
    reload() {},
    hold() {},
    sendHeld() {},
  };
}

/** Reads all document properties in one call; each changed value is written with one call (or held). */
export function loadDocumentProperties(): DocumentPropertiesSnapshot {
  const store = PropertiesService.getDocumentProperties();
  const values = store ? store.getProperties() : {};
  let held: Record<string, string> | null = null;
  return {
    values,
    set(key, value) {
      if (values[key] === value) return;
      values[key] = value;
      if (held) held[key] = value;
      else store?.setProperty(key, value);
    },
    reload() {
      replaceValues(values, { ...(store ? store.getProperties() : {}), ...(held ?? {}) });
    },
    hold() {
      held = held ?? {};
    },
    sendHeld() {
      if (!held || Object.keys(held).length === 0) return;
      store?.setProperties(held);
      held = {};
    },
  };
}

/** Makes `target` hold exactly `source`, in place (callers keep references to the object). */
export function replaceValues(target: Record<string, string>, source: Record<string, string>): void {
  for (const key of Object.keys(target)) if (!(key in source)) delete target[key];
  Object.assign(target, source);
}

export function headerTexts(row: readonly unknown[] | undefined): string[] {
  const texts = (row ?? []).map((cell) => String(cell ?? '').trim());
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return texts;
}

/** 'Sheet name'!A:K with the sheet name quoted as A1 notation requires. */
export function quotedA1(sheetName: string, range: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${range}`;
}

export function wholeColumnsA1(sheetName: string, width: number): string {
  return quotedA1(sheetName, `A:${columnLetter(Math.max(1, width))}`);
}

export function readCachedLayout(template: TableTemplate, properties: DocumentPropertiesSnapshot): CachedLayout | null {
  const raw = properties.values[LAYOUT_PROPERTY_PREFIX + template.table];
  if (!raw) return null;
  try {
    const cached = JSON.parse(raw) as CachedLayout;
    return typeof cached.sheetName === 'string' && Array.isArray(cached.headers) ? cached : null;
  } catch {
    return null;
  }
}

/** The cached layout still holds when the header row reads exactly as when it was resolved. */
export function layoutFromCache(
  template: TableTemplate,
  cached: CachedLayout,
  headerRow: readonly unknown[] | undefined,
): TableLayout | null {
  const headers = headerTexts(headerRow);
  if (headers.length !== cached.headers.length || headers.some((text, index) => text !== cached.headers[index])) {
    return null;
  }
  return toLayout(template, cached);
}

function toLayout(template: TableTemplate, cached: CachedLayout): TableLayout {
  return {
    table: template.table,
    sheetId: cached.sheetId,
    sheetName: cached.sheetName,
    columns: cached.columns,
    missing: template.columns.filter((column) => !(column.key in cached.columns)).map((column) => column.key),
    width: Math.max(cached.headers.length, ...Object.values(cached.columns)),
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
 * Slow path, after the sheet was renamed or its columns changed: columns by their metadata, then by
 * header label (any language) for columns whose metadata was lost. Caches the result.
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
  const cached: CachedLayout = { sheetId: sheet.getSheetId(), sheetName: sheet.getName(), headers, columns };
  properties.set(LAYOUT_PROPERTY_PREFIX + template.table, JSON.stringify(cached));
  return toLayout(template, cached);
}
