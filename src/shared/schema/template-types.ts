import type { Language } from '../i18n/language';

/**
 * The shape of sheets-templates/<table>.json: each table of the workbook declared once, as data.
 * Installation, validation, reading and writing are all driven by these declarations; no column position
 * or header text is written anywhere else in the code (docs/product-rules.md §1). sheets-templates/template.schema.json is
 * the JSON Schema of the same shape, and a test validates every template against it.
 */
export type Localized = Record<Language, string>;

export type ColumnType =
  | 'id' // the row's own id (prefix + yyyyMMdd + serial), plain text
  | 'ref' // the id of a row in another table (refTable)
  | 'text'
  | 'longtext' // free text (content, descriptions), plain text, wrapped
  | 'email'
  | 'phone'
  | 'date'
  | 'datetime'
  | 'number'
  | 'money' // yuan
  | 'percent'
  | 'enum' // one of `options`, stored as the option's label in the workbook language
  | 'multienum' // several options, labels joined with ", "
  | 'score' // a bounded number (min/max)
  | 'boolean' // checkbox
  | 'user'; // a team member's e-mail

export interface EnumOption {
  /** Stable key used by the code; labels may change with the language. */
  key: string;
  label: Localized;
}

export interface ColumnTemplate {
  /** Stable key, stamped on the column as developer metadata; never shown to users. */
  key: string;
  label: Localized;
  type: ColumnType;
  /** Required on input (the sidebars and imports reject a row without it). */
  required?: boolean;
  /** Computed by the script; users don't type it (shown with a distinct header colour). */
  computed?: boolean;
  /** Technical column (request id, version stamps): installed hidden. */
  hidden?: boolean;
  /** Options of enum / multienum columns. */
  options?: EnumOption[];
  /** Table whose id a `ref` column holds. */
  refTable?: string;
  /** Bounds of score / number columns. */
  min?: number;
  max?: number;
  /** Sheets number format; defaults by type (see columnNumberFormat). */
  numberFormat?: string;
  /** Width in pixels. */
  width?: number;
  /** Help text shown with the column's validation and as the header note. */
  help?: Localized;
}

/** Kinds of sheet: a table of records, or a sheet the script lays out itself. */
export type TableKind = 'records' | 'settings' | 'dashboard' | 'log';

export interface ConditionalFormatTemplate {
  /** Stable key of the rule, e.g. "overdue". */
  key: string;
  /**
   * Which rows to highlight: the column key whose value triggers it and the condition.
   * Kept declarative so the installer builds the formula from where the column is now.
   */
  when:
    | { column: string; is: 'true' }
    | { column: string; equalsOption: string }
    | { column: string; lessThanOrEqual: number }
    | { column: string; before: 'today' };
  /** Whole row or just the cell. */
  scope: 'row' | 'cell';
  background: string;
  fontColor?: string;
}

/** One row of the Settings sheet: a threshold or option with its default (docs/product-rules.md §2 numbers). */
export interface SettingTemplate {
  key: string;
  label: Localized;
  type: 'number' | 'percent' | 'money' | 'hour' | 'text' | 'dates' | 'language' | 'boolean';
  /** Default written at install; `dates` defaults are lists of yyyy-mm-dd strings. */
  default: number | string | boolean | string[];
  /** Unit shown next to the value (days, hours, yuan, %…). */
  unit?: Localized;
  description: Localized;
  min?: number;
  max?: number;
}

export interface TableTemplate {
  /** Stable table key: customers, followUps, tickets, satisfaction, transactions, settings, dashboard, log. */
  table: string;
  /** Bumped when the template changes; repair migrates older workbooks (document property per table). */
  version: number;
  kind: TableKind;
  sheetName: Localized;
  /** Id prefix of records tables (C, G, F, S, T). */
  idPrefix?: string;
  columns: ColumnTemplate[];
  conditionalFormats?: ConditionalFormatTemplate[];
  /** Settings sheet only: the settings rows, in display order. */
  settings?: SettingTemplate[];
}
