import type { Language } from '../../shared/i18n/language';
import type { FormField } from '../../shared/rpc/contract';
import type { TableTemplate } from '../../shared/schema/template-types';
import { columnOf, enumLabel, headerLabel } from '../../shared/schema/templates';

/**
 * Form fields described from the table templates, in the workbook's language, so sidebars render labels,
 * dropdown options and help without a catalogue of their own and never drift from the sheet.
 */
export function describeFields(
  template: TableTemplate,
  keys: readonly string[],
  required: readonly string[],
  language: Language,
): FormField[] {
  return keys.map((key) => {
    const column = columnOf(template, key);
    const field: FormField = {
      key,
      label: headerLabel(column, language),
      type: column.type,
      required: required.includes(key),
    };
    if (column.options) {
      field.options = column.options.map((option) => ({
        key: option.key,
        label: enumLabel(column, option.key, language) ?? option.key,
      }));
    }
    if (column.help) field.help = column.help[language];
    return field;
  });
}
