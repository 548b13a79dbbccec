import type { Language } from '../i18n/language';
import type { ColumnTemplate } from './template-types';
import { enumKeyFromLabel, enumLabel } from './templates';

/**
 * Conversion between what a cell holds (getValues / setValues) and the typed value the code works with.
 * Enum cells hold labels in the workbook's language (so filters and pivots read naturally) and are read
 * back in any language (docs/product-rules.md §1), so a workbook keeps working after its language changes.
 */
export type CellValue = string | number | boolean | Date;
export type FieldValue = string | number | boolean | Date | null;

/** Characters that make Sheets treat typed text as a formula or a signed number (docs/product-rules.md §8). */
const FORMULA_LIKE = /^[=+\-@\t]/;

/**
 * Text that Sheets must store literally. A leading apostrophe is Sheets' own "this is text" marker: it is
 * not part of the stored value (docs/apps-script/spreadsheet.md §3), so "=cmd|..." is stored as that text
 * and never runs, and "+8613800000000" keeps its plus sign.
 */
export function asLiteralText(text: string): string {
  return FORMULA_LIKE.test(text) || text.startsWith("'") ? `'${text}` : text;
}

/** A valid Date, of any realm (typeof first: most cells are text or numbers, and this runs for every cell). */
export function isDate(value: unknown): value is Date {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object Date]' &&
    !Number.isNaN((value as Date).getTime())
  );
}

/** A cell as read by getValues → the typed value ('' → null; enum labels → keys; ids stay text). */
export function readCell(column: ColumnTemplate, cell: unknown): FieldValue {
  if (cell === '' || cell === null || cell === undefined) return null;
  switch (column.type) {
    case 'enum': {
      const key = enumKeyFromLabel(column, String(cell));
      // An unknown label is kept as typed: never lose what a user wrote.
      return key ?? String(cell);
    }
    case 'multienum':
      return String(cell)
        .split(/[,，;；、]\s*/)
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .map((part) => enumKeyFromLabel(column, part) ?? part)
        .join(',');
    case 'boolean':
      if (typeof cell === 'boolean') return cell;
      return /^(true|yes|y|1|是|✓)$/i.test(String(cell).trim());
    case 'number':
    case 'money':
    case 'percent':
    case 'score': {
      if (typeof cell === 'number') return cell;
      const parsed = Number(String(cell).replace(/[,¥￥\s]/g, ''));
      return Number.isFinite(parsed) ? parsed : String(cell);
    }
    case 'date':
    case 'datetime':
      return isDate(cell) ? cell : String(cell);
    default: {
      // Text-like columns: a number that slipped in (a user typed into a column before it was formatted)
      // is returned as text, the column's declared type.
      if (isDate(cell)) return cell;
      const text = String(cell);
      // Whether Sheets keeps the marker apostrophe in a plain-text (@) cell is UNCONFIRMED
      // (docs/apps-script/spreadsheet.md §3); strip it when it guards formula-like text, so both ways read
      // back what the user typed.
      return text.startsWith("'") && FORMULA_LIKE.test(text.slice(1)) ? text.slice(1) : text;
    }
  }
}

/** A typed value → what to write with setValues, in the workbook's language. */
export function writeCell(column: ColumnTemplate, value: FieldValue, language: Language): CellValue {
  if (value === null || value === '') return '';
  switch (column.type) {
    case 'enum':
      return enumLabel(column, String(value), language) ?? asLiteralText(String(value));
    case 'multienum':
      return String(value)
        .split(',')
        .filter((key) => key !== '')
        .map((key) => enumLabel(column, key, language) ?? key)
        .join(', ');
    case 'boolean':
      return value === true;
    case 'number':
    case 'money':
    case 'percent':
    case 'score':
      return typeof value === 'number' ? value : asLiteralText(String(value));
    case 'date':
    case 'datetime':
      return isDate(value) ? value : asLiteralText(String(value));
    default:
      return typeof value === 'string' ? asLiteralText(value) : value;
  }
}
