import '../common/base.css';
import '../common/form.css';
import type { TransactionForm } from '../../shared/rpc/transaction';
import { validateTransactionInput } from '../../shared/rules/transaction-input';
import { customerPicker } from '../common/customer-picker';
import { byId, setBusy, setText } from '../common/dom';
import { readFields, renderFields, setFieldValue, showFieldErrors } from '../common/form';
import { newRequestId } from '../common/request-id';
import { fieldMessages, onAnother, pageText, showFormError, submitForm } from '../common/page';
import { callServer } from '../common/rpc';

/**
 * Record transaction sidebar: the customer of the selected row (or one found by name, phone or id), then
 * the deal. Same rules as the server; one request id per transaction, so a retry never records it twice.
 */
const form = byId<HTMLFormElement>('transaction');
const fieldsBox = byId('fields');
let spec: TransactionForm | null = null;
let requestId = newRequestId();

const m = pageText(() => spec?.messages);
const picker = customerPicker(
  () => m('followUp.noMatches'),
  showFormError,
  () => undefined,
);

function request() {
  return {
    requestId,
    customerId: picker.current()?.id ?? '',
    // Where the picker saw the customer: saves the server a search when the row still holds it.
    customerRow: picker.current()?.row ?? 0,
    fields: readFields(fieldsBox, spec?.fields ?? []),
  };
}

async function load(): Promise<void> {
  setBusy(form, true);
  try {
    const result = await callServer('getTransactionForm');
    if (!result.ok) return showFormError(result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('customer-label'), `${m('followUp.customer')} *`);
    byId<HTMLInputElement>('search').placeholder = m('followUp.search');
    setText(byId('submit'), m('transaction.submit'));
    setText(byId('busy'), m('intake.saving'));
    setText(byId('another'), m('transaction.another'));
    renderFields(fieldsBox, spec.fields, {
      team: [],
      requiredMark: m('common.required'),
      emptyOption: m('common.none'),
    });
    const date = fieldsBox.querySelector<HTMLInputElement>('[name="date"]');
    if (date) date.max = spec.today;
    for (const key of ['amount', 'quantity']) {
      const input = fieldsBox.querySelector<HTMLInputElement>(`[name="${key}"]`);
      if (input) input.inputMode = 'decimal';
    }
    reset();
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

function reset(): void {
  if (!spec) return;
  form.reset();
  requestId = newRequestId();
  picker.choose(picker.current() ?? spec.selected, false);
  setFieldValue(fieldsBox, 'date', spec.today);
  showFieldErrors(form, {});
  showFormError('');
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
onAnother(form, reset);

async function submit(): Promise<void> {
  if (!spec) return;
  const today = spec.today;
  const body = request();
  await submitForm(form, {
    fieldErrors: fieldMessages(validateTransactionInput(body, today).errors, m),
    invalidMessage: m('error.validation'),
    call: () => callServer('saveTransaction', body),
    onSaved: (saved) =>
      setText(
        byId('saved-message'),
        m(saved.firstPurchase ? 'transaction.savedFirst' : 'transaction.saved', { id: saved.id }),
      ),
  });
}

void load();
