import type { Language } from '../../shared/i18n/language';
import { translate } from '../../shared/i18n/translate';
import type { ColumnTemplate } from '../../shared/schema/template-types';
import { defaultNumberFormat, enumLabel } from '../../shared/schema/templates';

type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** The number format a column must carry (template value, else the default for its type). */
export function numberFormatOf(column: ColumnTemplate): string {
  return column.numberFormat ?? defaultNumberFormat(column);
}

/** A comparable description of a validation rule, so repair can tell "already right" from "restore". */
export interface ValidationSpec {
  criteria: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

/**
 * Validation per column type. Enum columns get a strict dropdown of localized labels (invalid values
 * rejected, docs/product-rules.md §4); scores a strict number range; booleans a checkbox; dates a lenient date check.
 * Free text gets none: reps type anything there.
 */
export function validationSpecOf(column: ColumnTemplate, language: Language): ValidationSpec | null {
  const help = column.help?.[language] ?? '';
  switch (column.type) {
    case 'enum': {
      const labels = (column.options ?? []).map((option) => enumLabel(column, option.key, language) ?? option.key);
      const helpText = help || translate(language, 'install.validation.pickFromList');
      return { criteria: 'VALUE_IN_LIST', values: [labels, true], allowInvalid: false, helpText };
    }
    case 'score':
      if (column.min === undefined || column.max === undefined) return null;
      return {
        criteria: 'NUMBER_BETWEEN',
        values: [column.min, column.max],
        allowInvalid: false,
        helpText: help || translate(language, 'install.validation.numberBetween', { min: column.min, max: column.max }),
      };
    case 'boolean':
      return { criteria: 'CHECKBOX', values: [], allowInvalid: false, helpText: help };
    case 'date':
    case 'datetime':
      return {
        criteria: 'DATE_IS_VALID_DATE',
        values: [],
        allowInvalid: true,
        helpText: help || translate(language, 'install.validation.date'),
      };
    default:
      return null;
  }
}

export function buildValidation(spec: ValidationSpec): DataValidation {
  let builder = SpreadsheetApp.newDataValidation();
  switch (spec.criteria) {
    case 'VALUE_IN_LIST':
      builder = builder.requireValueInList(spec.values[0] as string[], spec.values[1] as boolean);
      break;
    case 'NUMBER_BETWEEN':
      builder = builder.requireNumberBetween(spec.values[0] as number, spec.values[1] as number);
      break;
    case 'CHECKBOX':
      builder = builder.requireCheckbox();
      break;
    default:
      builder = builder.requireDate();
  }
  builder = builder.setAllowInvalid(spec.allowInvalid);
  if (spec.helpText) builder = builder.setHelpText(spec.helpText);
  return builder.build();
}

export function sameValidation(existing: DataValidation | null, spec: ValidationSpec | null): boolean {
  if (!existing || !spec) return existing === null && spec === null;
  return (
    String(existing.getCriteriaType()) === spec.criteria &&
    JSON.stringify(existing.getCriteriaValues()) === JSON.stringify(spec.values) &&
    existing.getAllowInvalid() === spec.allowInvalid &&
    (existing.getHelpText() ?? '') === spec.helpText
  );
}
