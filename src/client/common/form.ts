import type { FormField, TeamChoice } from '../../shared/rpc/contract';
import { el } from './dom';

/**
 * Renders form fields described by the server (labels, options and help come from the table templates in
 * the workbook's language) and reads them back. Every text goes in through textContent/value, never HTML.
 */
export type FormValues = Record<string, string | boolean>;

export interface RenderOptions {
  team: readonly TeamChoice[];
  requiredMark: string;
  emptyOption: string;
}

function control(field: FormField, options: RenderOptions): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const id = `field-${field.key}`;
  if (field.type === 'enum' || field.type === 'user') {
    const select = el('select', { attrs: { id, name: field.key } });
    select.append(el('option', { text: options.emptyOption, attrs: { value: '' } }));
    const choices =
      field.type === 'user'
        ? options.team.map((member) => ({ key: member.email, label: `${member.name} <${member.email}>` }))
        : (field.options ?? []);
    for (const choice of choices) select.append(el('option', { text: choice.label, attrs: { value: choice.key } }));
    return select;
  }
  if (field.type === 'longtext') return el('textarea', { attrs: { id, name: field.key, rows: '3' } });
  const input = el('input', { attrs: { id, name: field.key } });
  input.type =
    field.type === 'boolean'
      ? 'checkbox'
      : field.type === 'date'
        ? 'date'
        : field.type === 'datetime'
          ? 'datetime-local'
          : field.type === 'email'
            ? 'email'
            : field.type === 'phone'
              ? 'tel'
              : 'text';
  return input;
}

export function renderFields(container: HTMLElement, fields: readonly FormField[], options: RenderOptions): void {
  container.replaceChildren();
  for (const field of fields) {
    const input = control(field, options);
    const label = el('label', { className: 'field-label', attrs: { for: input.id } }, [field.label]);
    if (field.required)
      label.append(el('span', { className: 'required', text: ' *', attrs: { title: options.requiredMark } }));
    const error = el('div', { className: 'field-error', attrs: { id: `error-${field.key}`, role: 'alert' } });
    const wrapper = el('div', { className: `field field-${field.type}`, attrs: { 'data-field': field.key } });
    if (field.type === 'boolean') {
      wrapper.append(el('label', { className: 'checkbox' }, [input, ` ${field.label}`]));
    } else {
      wrapper.append(label, input);
    }
    if (field.help) wrapper.append(el('div', { className: 'field-help', text: field.help }));
    wrapper.append(error);
    container.append(wrapper);
  }
}

export function readFields(container: HTMLElement, fields: readonly FormField[]): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const input = container.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      `[name="${field.key}"]`,
    );
    if (!input) continue;
    values[field.key] = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value;
  }
  return values;
}

export function setFieldValue(container: HTMLElement, key: string, value: string | boolean): void {
  const input = container.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${key}"]`);
  if (!input) return;
  if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = value === true;
  else input.value = String(value);
}

/** Shows one message per field (or clears it); fields not named are cleared. */
export function showFieldErrors(container: HTMLElement, errors: Readonly<Record<string, string>>): void {
  for (const wrapper of Array.from(container.querySelectorAll<HTMLElement>('[data-field]'))) {
    const key = wrapper.dataset.field ?? '';
    const message = errors[key] ?? '';
    wrapper.classList.toggle('has-error', message !== '');
    const box = wrapper.querySelector('.field-error');
    if (box) box.textContent = message;
  }
}
