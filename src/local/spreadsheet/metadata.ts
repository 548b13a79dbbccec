import { gasError, signatureError } from '../core/errors';
import { defineGasClass, GasEnumValue, GasObject } from '../core/gas-object';
import type { Book } from './book';
import { DeveloperMetadataLocationType, DeveloperMetadataVisibility, enumKey } from './enums';
import { findSheet, type MetadataLocation, type MetadataModel, type SheetModel } from './model';
import type { Range } from './range';

/**
 * Developer metadata (docs/apps-script/spreadsheet.md §5): only the spreadsheet, a sheet, or one entire row or column can
 * hold it; it follows its row/column through inserts, deletes and moves (structure.ts) and dies with it.
 */
export type MetadataScope =
  { kind: 'spreadsheet' } | { kind: 'sheet'; sheet: SheetModel } | { kind: 'range'; range: Range };

const ARBITRARY_RANGE =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

function isVisibility(value: unknown): boolean {
  return value instanceof GasEnumValue && value.enumName === 'DeveloperMetadataVisibility';
}

/**
 * A single whole column ("G:G") or row ("3:3"). A block addressed by numbers that happens to span every row
 * is treated as a partial range (the stricter reading; UNCONFIRMED how Apps Script treats G1:G1000).
 */
function locationOfRange(range: Range): MetadataLocation {
  const { form } = range._coords;
  if (form === 'columns' && range._nc() === 1) return { type: 'COLUMN', sheetId: range._sheet.id, index: range._c0() };
  if (form === 'rows' && range._nr() === 1) return { type: 'ROW', sheetId: range._sheet.id, index: range._r0() };
  throw gasError(ARBITRARY_RANGE);
}

export function addMetadata(book: Book, scope: MetadataScope, args: unknown[]): MetadataModel {
  const [key, second, third] = args;
  if (typeof key !== 'string') throw signatureError(args, 'SpreadsheetApp.Range.addDeveloperMetadata');
  let value: string | null = null;
  let visibility: 'DOCUMENT' | 'PROJECT' = 'DOCUMENT'; // default is DOCUMENT (GF-TEST)
  if (args.length === 2) {
    if (isVisibility(second)) visibility = enumKey(second) as 'DOCUMENT' | 'PROJECT';
    else value = second === null || second === undefined ? null : String(second);
  } else if (args.length >= 3) {
    value = second === null || second === undefined ? null : String(second);
    visibility = enumKey(third) as 'DOCUMENT' | 'PROJECT';
  }
  const location: MetadataLocation =
    scope.kind === 'spreadsheet'
      ? { type: 'SPREADSHEET' }
      : scope.kind === 'sheet'
        ? { type: 'SHEET', sheetId: scope.sheet.id }
        : locationOfRange(scope.range);
  book.model.counters.metadata += 1;
  const meta: MetadataModel = { id: book.model.counters.metadata, key, value, visibility, location };
  book.model.metadata.push(meta);
  return meta;
}

/** Range.getDeveloperMetadata: what sits on exactly this whole row/column (a cell of column G sees none). */
export function metadataOnRange(book: Book, range: Range): DeveloperMetadata[] {
  const { form } = range._coords;
  return book.model.metadata
    .filter((m) => {
      const loc = m.location;
      if (loc.type === 'COLUMN')
        return form === 'columns' && loc.sheetId === range._sheet.id && range._nc() === 1 && loc.index === range._c0();
      if (loc.type === 'ROW')
        return form === 'rows' && loc.sheetId === range._sheet.id && range._nr() === 1 && loc.index === range._r0();
      return false;
    })
    .map((m) => new DeveloperMetadata(book, m));
}

function inScope(m: MetadataModel, scope: MetadataScope, intersecting: boolean): boolean {
  const loc = m.location;
  if (scope.kind === 'spreadsheet') return true;
  if (scope.kind === 'sheet') return loc.type !== 'SPREADSHEET' && loc.sheetId === scope.sheet.id;
  // Range scope: "only if it is wholly contained within that range… row '3:3' is not in the scope of a range
  // 'A1:D5' but is within… '1:5'." (DOCS range#createDeveloperMetadataFinder)
  const range = scope.range;
  if (loc.type !== 'ROW' && loc.type !== 'COLUMN') return false;
  if (loc.sheetId !== range._sheet.id) return false;
  const [r0, c0, nr, nc] = [range._r0(), range._c0(), range._nr(), range._nc()];
  if (loc.type === 'ROW') {
    const rowInside = loc.index >= r0 && loc.index < r0 + nr;
    return rowInside && (intersecting || (c0 === 0 && nc === range._sheet.maxColumns));
  }
  const colInside = loc.index >= c0 && loc.index < c0 + nc;
  return colInside && (intersecting || (r0 === 0 && nr === range._sheet.maxRows));
}

export class DeveloperMetadataFinder extends GasObject {
  private key: string | null = null;
  private value: string | null | undefined = undefined;
  private id: number | null = null;
  private locationType: string | null = null;
  private visibility: string | null = null;
  private intersecting = false;

  constructor(
    private readonly book: Book,
    private readonly scope: MetadataScope,
  ) {
    super(book.ctx);
  }
  withKey(key: string): DeveloperMetadataFinder {
    this.key = key;
    return this;
  }
  withValue(value: string): DeveloperMetadataFinder {
    this.value = value;
    return this;
  }
  withId(id: number): DeveloperMetadataFinder {
    this.id = id;
    return this;
  }
  withLocationType(type: unknown): DeveloperMetadataFinder {
    this.locationType = enumKey(type);
    return this;
  }
  withVisibility(visibility: unknown): DeveloperMetadataFinder {
    this.visibility = enumKey(visibility);
    return this;
  }
  onIntersectingLocations(): DeveloperMetadataFinder {
    this.intersecting = true;
    return this;
  }
  find(): DeveloperMetadata[] {
    return this.book.model.metadata
      .filter(
        (m) =>
          inScope(m, this.scope, this.intersecting) &&
          (this.key === null || m.key === this.key) &&
          (this.value === undefined || m.value === this.value) &&
          (this.id === null || m.id === this.id) &&
          (this.locationType === null || m.location.type === this.locationType) &&
          (this.visibility === null || m.visibility === this.visibility),
      )
      .map((m) => new DeveloperMetadata(this.book, m));
  }
}
defineGasClass(DeveloperMetadataFinder, 'SpreadsheetApp', 'DeveloperMetadataFinder');

export class DeveloperMetadata extends GasObject {
  constructor(
    private readonly book: Book,
    readonly _model: MetadataModel,
  ) {
    super(book.ctx);
  }
  getId(): number {
    return this._model.id;
  }
  getKey(): string {
    return this._model.key;
  }
  /** "null if the metadata has no value" (DOCS developer-metadata#getValue). */
  getValue(): string | null {
    return this._model.value;
  }
  getVisibility(): unknown {
    return DeveloperMetadataVisibility[this._model.visibility];
  }
  getLocation(): DeveloperMetadataLocation {
    return new DeveloperMetadataLocation(this.book, this._model);
  }
  setKey(key: string): DeveloperMetadata {
    this._model.key = String(key);
    return this;
  }
  setValue(value: string | null): DeveloperMetadata {
    this._model.value = value === null || value === undefined ? null : String(value);
    return this;
  }
  setVisibility(visibility: unknown): DeveloperMetadata {
    this._model.visibility = enumKey(visibility) as 'DOCUMENT' | 'PROJECT';
    return this;
  }
  remove(): void {
    this.book.model.metadata = this.book.model.metadata.filter((m) => m !== this._model);
  }
  moveToColumn(column: Range): DeveloperMetadata {
    this._model.location = locationOfColumnOrRow(column, 'COLUMN');
    return this;
  }
  moveToRow(row: Range): DeveloperMetadata {
    this._model.location = locationOfColumnOrRow(row, 'ROW');
    return this;
  }
  moveToSheet(sheet: { _model: SheetModel }): DeveloperMetadata {
    this._model.location = { type: 'SHEET', sheetId: sheet._model.id };
    return this;
  }
  moveToSpreadsheet(): DeveloperMetadata {
    this._model.location = { type: 'SPREADSHEET' };
    return this;
  }
}
defineGasClass(DeveloperMetadata, 'SpreadsheetApp', 'DeveloperMetadata');

function locationOfColumnOrRow(range: Range, type: 'ROW' | 'COLUMN'): MetadataLocation {
  const loc = locationOfRange(range);
  if (loc.type !== type) throw gasError(ARBITRARY_RANGE);
  return loc;
}

export class DeveloperMetadataLocation extends GasObject {
  constructor(
    private readonly book: Book,
    private readonly model: MetadataModel,
  ) {
    super(book.ctx);
  }
  getLocationType(): unknown {
    return DeveloperMetadataLocationType[this.model.location.type];
  }
  /** The column's Range in "J:J" form, or null unless the location is a COLUMN (GF-TEST, DOCS). */
  getColumn(): Range | null {
    const loc = this.model.location;
    if (loc.type !== 'COLUMN') return null;
    const sheet = findSheet(this.book.model, loc.sheetId);
    if (!sheet) return null;
    return this.book.range(sheet, { row: 1, col: loc.index + 1, endRow: null, endCol: loc.index + 1, form: 'columns' });
  }
  getRow(): Range | null {
    const loc = this.model.location;
    if (loc.type !== 'ROW') return null;
    const sheet = findSheet(this.book.model, loc.sheetId);
    if (!sheet) return null;
    return this.book.range(sheet, { row: loc.index + 1, col: 1, endRow: loc.index + 1, endCol: null, form: 'rows' });
  }
  getSheet(): unknown {
    const loc = this.model.location;
    if (loc.type !== 'SHEET') return null;
    const sheet = findSheet(this.book.model, loc.sheetId);
    return sheet ? this.book.sheet(sheet) : null;
  }
  getSpreadsheet(): unknown {
    return this.model.location.type === 'SPREADSHEET' ? this.book.spreadsheet() : null;
  }
}
defineGasClass(DeveloperMetadataLocation, 'SpreadsheetApp', 'DeveloperMetadataLocation');
