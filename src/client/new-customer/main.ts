import '../common/base.css';
import '../common/form.css';
import type { IntakeForm, SaveCustomerRequest } from '../../shared/rpc/contract';
import { validateCustomerInput } from '../../shared/rules/customer-input';
import { byId, setBusy, setText } from '../common/dom';
import { readFields, renderFields, setFieldValue, showFieldErrors } from '../common/form';
import { newRequestId } from '../common/request-id';
import { callServer } from '../common/rpc';
import { showDuplicates } from '../common/duplicates';
import { fieldMessages, onAnother, pageText, showFormError, submitForm } from '../common/page';

/**
 * New customer sidebar: the intake form of docs/product-rules.md §2. Validates as the rep types with the same rules the
 * server applies, shows possible duplicates with "open existing" / "create anyway", and keeps one request
 * id per customer so a retry or double click never creates a second row.
 */
const form = byId<HTMLFormElement>('intake');
const fieldsBox = byId('fields');
let spec: IntakeForm | null = null;
let requestId = newRequestId();
const touched = new Set<string>();

const m = pageText(() => spec?.messages);

function clientErrors(): Record<string, string> {
  if (!spec) return {};
  const { errors } = validateCustomerInput(
    readFields(fieldsBox, spec.fields),
    spec.team.map((member) => member.email),
  );
  return fieldMessages(errors, m);
}

function showErrors(all: boolean): Record<string, string> {
  const errors = clientErrors();
  const visible: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) if (all || touched.has(field)) visible[field] = message;
  showFieldErrors(fieldsBox, visible);
  return errors;
}

async function load(): Promise<void> {
  setBusy(form, true);
  try {
    const result = await callServer('getIntakeForm');
    if (!result.ok) return showFormError(result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('intro'), m('intake.intro'));
    setText(byId('submit'), m('intake.submit'));
    setText(byId('busy'), m('intake.saving'));
    setText(byId('another'), m('intake.another'));
    setText(byId('create-anyway'), m('intake.createAnyway'));
    setText(byId('duplicates-title'), m('intake.duplicates'));
    setText(byId('duplicates-note'), m('intake.createAnywayNote'));
    renderFields(fieldsBox, spec.fields, {
      team: spec.team,
      requiredMark: m('common.required'),
      emptyOption: m('common.none'),
    });
    resetForm();
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

function resetForm(): void {
  if (!spec) return;
  form.reset();
  touched.clear();
  requestId = newRequestId();
  if (spec.currentUser) setFieldValue(fieldsBox, 'owner', spec.currentUser);
  setFieldValue(fieldsBox, 'customerType', 'enterprise');
  showFieldErrors(fieldsBox, {});
  showFormError('');
  byId('duplicates-box').hidden = true;
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
byId('create-anyway').addEventListener('click', () => void submit(true));
onAnother(form, resetForm);

async function submit(allowDuplicate: boolean): Promise<void> {
  if (!spec) return;
  const request: SaveCustomerRequest = { requestId, fields: readFields(fieldsBox, spec.fields), allowDuplicate };
  await submitForm(form, {
    fieldErrors: clientErrors(),
    invalidMessage: m('error.validation'),
    call: () => callServer('saveCustomer', request),
    onSaved: (saved) =>
      setText(byId('saved-message'), m('intake.saved', { id: saved.id, due: saved.firstFollowUpDue })),
    onFailure: (error) => showDuplicates(error, m),
  });
}

/** Possible duplicates come back as a failure: list them with "open existing" (and "create anyway"). */

void load();
