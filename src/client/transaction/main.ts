import '../common/base.css';
import '../common/form.css';
import './style.css';
import type { MessageKey } from '../../shared/i18n/translate';
import type { CustomerSummary } from '../../shared/rpc/contract';
import type { TransactionForm } from '../../shared/rpc/transaction';
import { validateTransactionInput } from '../../shared/rules/transaction-input';
import { byId, el, setBusy, setText } from '../common/dom';
import { readFields, renderFields, setFieldValue, showFieldErrors } from '../common/form';
import { newRequestId } from '../common/request-id';
import { callServer } from '../common/rpc';

/**
 * Record transaction sidebar: the customer of the selected row (or one found by name, phone or id), then
 * the deal. Same rules as the server; one request id per transaction, so a retry never records it twice.
 */
const form = byId<HTMLFormElement>('transaction');
const fieldsBox = byId('fields');
let spec: TransactionForm | null = null;
let customer: CustomerSummary | null = null;
let requestId = newRequestId();
let searchTimer: number | undefined;

const m = (key: MessageKey, params: Record<string, string | number> = {}): string =>
  (spec?.messages[key] ?? key).replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );

function showFormError(message: string): void {
  const box = byId('form-error');
  setText(box, message);
  box.hidden = message === '';
}

function request() {
  return {
    requestId,
    customerId: customer?.id ?? '',
    fields: readFields(fieldsBox, spec?.fields ?? []),
  };
}

function describe(summary: CustomerSummary): string {
  return `${summary.id} · ${summary.name} · ${summary.contactName} ${summary.phone}`;
}

function choose(summary: CustomerSummary | null): void {
  customer = summary;
  const chosen = byId('customer-chosen');
  chosen.hidden = summary === null;
  setText(chosen, summary ? describe(summary) : '');
  byId('matches').replaceChildren();
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
  choose(customer ?? spec.selected);
  setFieldValue(fieldsBox, 'date', spec.today);
  showFieldErrors(form, {});
  showFormError('');
}

byId<HTMLInputElement>('search').addEventListener('input', (event) => {
  const query = (event.target as HTMLInputElement).value;
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void search(query), 250);
});

async function search(query: string): Promise<void> {
  const list = byId('matches');
  if (query.trim() === '') return list.replaceChildren();
  const result = await callServer('searchCustomers', query);
  if (!result.ok) return showFormError(result.error.message);
  if (result.value.length === 0)
    return list.replaceChildren(el('li', { className: 'muted', text: m('followUp.noMatches') }));
  list.replaceChildren(
    ...result.value.map((summary) => {
      const button = el('button', { text: describe(summary), attrs: { type: 'button' } });
      button.addEventListener('click', () => choose(summary));
      return el('li', {}, [button]);
    }),
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
byId('another').addEventListener('click', () => {
  byId('saved').hidden = true;
  form.hidden = false;
  reset();
});

async function submit(): Promise<void> {
  if (!spec) return;
  showFormError('');
  const body = request();
  const { errors } = validateTransactionInput(body, spec.today);
  const messages: Record<string, string> = {};
  for (const [field, key] of Object.entries(errors)) if (key) messages[field] = m(key);
  showFieldErrors(form, messages);
  if (Object.keys(messages).length > 0) return showFormError(m('error.validation'));
  setBusy(form, true);
  try {
    const result = await callServer('saveTransaction', body);
    if (!result.ok) {
      showFormError(result.error.message);
      if (result.error.fields) showFieldErrors(form, result.error.fields);
      return;
    }
    const saved = result.value;
    form.hidden = true;
    setText(
      byId('saved-message'),
      m(saved.firstPurchase ? 'transaction.savedFirst' : 'transaction.saved', { id: saved.id }),
    );
    byId('saved').hidden = false;
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

void load();
