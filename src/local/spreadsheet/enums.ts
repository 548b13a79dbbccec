import { gasEnum, type GasEnumValue } from '../core/gas-object';

/** Enums exposed on SpreadsheetApp / Charts, with the keys of the Apps Script reference pages. */
export const DataValidationCriteria = gasEnum('DataValidationCriteria', [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
  // Last on the reference page (DOCS data-validation-criteria); no builder method sets them (see validation.ts).
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
]);

/** docs/apps-script/filter-views-and-charts.md §6 (boolean-criteria reference). */
export const BooleanCriteria = gasEnum('BooleanCriteria', [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_NOT_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_NOT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
]);

export const RelativeDate = gasEnum('RelativeDate', [
  'TODAY',
  'TOMORROW',
  'YESTERDAY',
  'PAST_WEEK',
  'PAST_MONTH',
  'PAST_YEAR',
]);
export const ProtectionType = gasEnum('ProtectionType', ['RANGE', 'SHEET']);
export const DeveloperMetadataVisibility = gasEnum('DeveloperMetadataVisibility', ['DOCUMENT', 'PROJECT']);
export const DeveloperMetadataLocationType = gasEnum('DeveloperMetadataLocationType', [
  'SPREADSHEET',
  'SHEET',
  'ROW',
  'COLUMN',
]);
export const Dimension = gasEnum('Dimension', ['COLUMNS', 'ROWS']);
export const ColorType = gasEnum('ColorType', ['UNSUPPORTED', 'RGB', 'THEME']);
export const WrapStrategy = gasEnum('WrapStrategy', ['WRAP', 'OVERFLOW', 'CLIP']);
export const SheetType = gasEnum('SheetType', ['GRID', 'OBJECT', 'DATASOURCE']);
export const CopyPasteType = gasEnum('CopyPasteType', [
  'PASTE_NORMAL',
  'PASTE_NO_BORDERS',
  'PASTE_FORMAT',
  'PASTE_FORMULA',
  'PASTE_DATA_VALIDATION',
  'PASTE_VALUES',
  'PASTE_CONDITIONAL_FORMATTING',
  'PASTE_COLUMN_WIDTHS',
]);
export const AutoFillSeries = gasEnum('AutoFillSeries', ['DEFAULT_SERIES', 'ALTERNATE_SERIES']);
export const Direction = gasEnum('Direction', ['UP', 'DOWN', 'PREVIOUS', 'NEXT']);

/** docs/apps-script/filter-views-and-charts.md §5 (charts/chart-type). */
export const ChartType = gasEnum('ChartType', [
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
]);

/** Enum arguments arrive as enum values, or as their key strings from code that stored them. */
export function enumKey(value: unknown): string {
  if (value && typeof value === 'object' && typeof (value as GasEnumValue).key === 'string') {
    return (value as GasEnumValue).key;
  }
  return String(value);
}
