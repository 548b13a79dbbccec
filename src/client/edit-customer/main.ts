import '../common/base.css';
import '../common/form.css';
import type { CustomerInput } from '../../shared/rules/customer-input';
import { validateCustomerInput } from '../../shared/rules/customer-input';
import type { EditCustomerForm, EditableCustomer, SaveCustomerEditRequest } from '../../shared/rpc/edit-customer';
import type { ActionError } from '../../shared/rpc/result';
import { customerPicker } from '../common/customer-picker';
import { byId, el, setBusy, setText } from '../common/dom';
import { readFields, renderFields, setFieldValue, showFieldErrors, type FormValues } from '../common/form';
import { newRequestId } from '../common/request-id';
import { fieldMessages, onAnother, pageText, showFormError, submitForm } from '../common/page';
import { callServer } from '../common/rpc';
import { showDuplicates } from '../common/duplicates';

/**
 * Edit customer sidebar (issue 19 item 7): the customer of the selected row (or one found by name, phone or
 * id), intake's fields with the row's values, the same rules as intake as the rep types. Only the fields
 * the rep changes are sent as changed; a field the page cannot show as it is in the sheet (a date typed by
 * hand) goes back as it was. A conflict (someone changed a field meanwhile) reloads the current values and
 * keeps the rep's changes; one request id per loaded customer, so a retry is recognised.
 */
const form = byId<HTMLFormElement>('edit-customer');
const fieldsBox = byId('fields');
let spec: EditCustomerForm | null = null;
let customer: EditableCustomer | null = null;
/** The form's values right after a customer was filled in: what "changed by the rep" is measured against. */
let baseline: FormValues = {};
let requestId = newRequestId();
const touched = new Set<string>();

const m = pageText(() => spec?.messages);
const picker = customerPicker(
  () => m('followUp.noMatches'),
  showFormError,
  (summary) => {
    if (summary) void open(summary.id, summary.row ?? 0);
  },
);

function teamEmails(): string[] {
  const emails = (spec?.team ?? []).map((member) => member.email);
  // The customer's owner and co-owner may stay as they are even when they left the team list.
  for (const key of ['owner', 'coOwner'] as const) {
    const value = customer?.values[key];
    if (typeof value === 'string' && value !== '') emails.push(value.toLowerCase());
  }
  return emails;
}

/** What the form sends: the rep's changes, and every other field exactly as it was loaded. */
function submission(): CustomerInput {
  const shown = readFields(fieldsBox, spec?.fields ?? []);
  const out: CustomerInput = {};
  for (const field of spec?.fields ?? []) {
    const key = field.key as keyof CustomerInput;
    const loaded = customer?.values[key] ?? '';
    out[key] = shown[field.key] === baseline[field.key] ? loaded : (shown[field.key] ?? '');
  }
  return out;
}

function clientErrors(): Record<string, string> {
  if (!spec || !customer) return {};
  return fieldMessages(validateCustomerInput(submission(), teamEmails()).errors, m);
}

function showErrors(all: boolean): Record<string, string> {
  const errors = clientErrors();
  const visible: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) if (all || touched.has(field)) visible[field] = message;
  showFieldErrors(fieldsBox, visible);
  return errors;
}

/** A dropdown whose current value is not among its choices (a member who left, a label typed by hand). */
function keepChoice(key: string, value: string | boolean): void {
  const select = fieldsBox.querySelector<HTMLSelectElement>(`select[name="${key}"]`);
  if (!select || typeof value !== 'string' || value === '') return;
  if (Array.from(select.options).some((option) => option.value === value)) return;
  select.append(el('option', { text: value, attrs: { value } }));
}

/** Fills the form with `loaded`; with `keep`, the fields the rep had changed keep the rep's values. */
function fill(loaded: EditableCustomer, keep: FormValues = {}): void {
  if (!spec) return;
  customer = loaded;
  for (const field of spec.fields) {
    const value = loaded.values[field.key as keyof EditableCustomer['values']];
    keepChoice(field.key, value);
    setFieldValue(fieldsBox, field.key, value);
  }
  baseline = readFields(fieldsBox, spec.fields);
  for (const [key, value] of Object.entries(keep)) setFieldValue(fieldsBox, key, value);
  picker.choose(
    {
      id: loaded.id,
      name: String(loaded.values.name),
      contactName: String(loaded.values.contactName),
      phone: String(loaded.values.phone),
      owner: String(loaded.values.owner),
      stage: '',
      doNotContact: loaded.values.doNotContact === true,
      row: loaded.row,
    },
    false,
  );
  fieldsBox.hidden = false;
  byId('actions').hidden = false;
}

async function open(customerId: string, customerRow: number): Promise<void> {
  setBusy(form, true);
  try {
    const result = await callServer('getCustomerForEdit', { customerId, customerRow });
    if (!result.ok) return showFormError(result.error.message);
    requestId = newRequestId();
    touched.clear();
    showFieldErrors(fieldsBox, {});
    showFormError('');
    byId('duplicates-box').hidden = true;
    fill(result.value);
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

async function load(): Promise<void> {
  setBusy(form, true);
  try {
    const result = await callServer('getEditCustomerForm');
    if (!result.ok) return showFormError(result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('intro'), m('editCustomer.intro'));
    setText(byId('customer-label'), `${m('followUp.customer')} *`);
    byId<HTMLInputElement>('search').placeholder = m('followUp.search');
    setText(byId('submit'), m('editCustomer.submit'));
    setText(byId('busy'), m('intake.saving'));
    setText(byId('another'), m('editCustomer.another'));
    setText(byId('save-anyway'), m('editCustomer.saveAnyway'));
    setText(byId('duplicates-title'), m('editCustomer.duplicates'));
    renderFields(fieldsBox, spec.fields, {
      team: spec.team,
      requiredMark: m('common.required'),
      emptyOption: m('common.none'),
    });
    if (spec.selected) fill(spec.selected);
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

fieldsBox.addEventListener('focusout', (event) => {
  const name = (event.target as HTMLInputElement).name;
  if (name) touched.add(name);
  showErrors(false);
});
fieldsBox.addEventListener('input', () => showErrors(false));

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit(false);
});
byId('save-anyway').addEventListener('click', () => void submit(true));
onAnother(form, () => {
  customer = null;
  baseline = {};
  requestId = newRequestId();
  picker.choose(null, false);
  byId<HTMLInputElement>('search').value = '';
  fieldsBox.hidden = true;
  byId('actions').hidden = true;
  byId('duplicates-box').hidden = true;
  showFormError('');
});

function savedMessage(saved: {
  id: string;
  changed: string[];
  nextFollowUpDue: string;
  rescheduled: boolean;
  alreadySaved: boolean;
}): string {
  if (saved.alreadySaved) return m('editCustomer.alreadySaved', { id: saved.id });
  if (saved.changed.length === 0) return m('editCustomer.noChanges', { id: saved.id });
  const params = { id: saved.id, count: saved.changed.length, due: saved.nextFollowUpDue };
  if (!saved.rescheduled) return m('editCustomer.saved', params);
  return m(saved.nextFollowUpDue ? 'editCustomer.savedDue' : 'editCustomer.savedNoDue', params);
}

async function submit(allowDuplicate: boolean): Promise<void> {
  if (!spec || !customer) return;
  byId('duplicates-box').hidden = true;
  const request: SaveCustomerEditRequest = {
    requestId,
    customerId: customer.id,
    customerRow: customer.row,
    original: customer.values,
    fields: submission(),
    allowDuplicate,
  };
  await submitForm(form, {
    fieldErrors: showErrors(true),
    invalidMessage: m('error.validation'),
    call: () => callServer('saveCustomerEdit', request),
    onSaved: (saved) => setText(byId('saved-message'), savedMessage(saved)),
    onFailure: (error) => void onFailure(error),
  });
}

async function onFailure(error: ActionError): Promise<void> {
  if (error.kind === 'duplicate') return showDuplicates(error, m);
  if (error.kind !== 'conflict' || !spec || !customer) return;
  // Someone changed a field the rep changed: show the current values, keep the rep's changes, and let the
  // rep decide (saving again writes them over the current ones knowingly).
  const edited: FormValues = {};
  const shown = readFields(fieldsBox, spec.fields);
  for (const [key, value] of Object.entries(shown)) if (value !== baseline[key]) edited[key] = value;
  const current = await callServer('getCustomerForEdit', { customerId: customer.id, customerRow: customer.row });
  if (!current.ok) return showFormError(current.error.message);
  fill(current.value, edited);
  showFormError(`${error.message} ${m('editCustomer.reloaded')}`);
  if (error.fields) showFieldErrors(fieldsBox, error.fields);
}

void load();
