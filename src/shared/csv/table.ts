/**
 * A table as CSV rows for export (docs/product-rules.md §7): one header of column labels in the workbook's language, then
 * one row per record with enum labels in that language, dates as yyyy-mm-dd (hh:mm) in the spreadsheet's
 * zone, booleans as TRUE / FALSE. Technical hidden columns (request ids) are left out. Import reads all of
 * this back (labels in any language, the same date forms), so an export re-imports as it was.
 */
import type { Language } from '../i18n/language';
import type { FieldValue } from '../schema/cells';
import type { ColumnTemplate, TableTemplate } from '../schema/template-types';
import { enumLabel } from '../schema/templates';
import { formatLocal } from '../time/local';
import type { Zone } from '../time/zone';

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime());
}

export function exportCell(column: ColumnTemplate, value: FieldValue, language: Language, zone: Zone): string {
  if (value === null || value === '') return '';
  if (isDate(value)) return formatLocal(value.getTime(), zone, column.type === 'datetime' ? 'datetime' : 'date');
  switch (column.type) {
    case 'enum':
      return enumLabel(column, String(value), language) ?? String(value);
    case 'multienum':
      return String(value)
        .split(',')
        .filter((key) => key !== '')
        .map((key) => enumLabel(column, key, language) ?? key)
        .join(', ');
    case 'boolean':
      return value === true ? 'TRUE' : value === false ? 'FALSE' : String(value);
    default:
      return String(value);
  }
}

export function exportColumns(template: TableTemplate): ColumnTemplate[] {
  return template.columns.filter((column) => !column.hidden);
}

export function tableRows(
  template: TableTemplate,
  records: readonly { values: Record<string, FieldValue> }[],
  language: Language,
  zone: Zone,
): string[][] {
  const columns = exportColumns(template);
  const rows: string[][] = [columns.map((column) => column.label[language])];
  for (const record of records) {
    rows.push(columns.map((column) => exportCell(column, record.values[column.key] ?? null, language, zone)));
  }
  return rows;
}
