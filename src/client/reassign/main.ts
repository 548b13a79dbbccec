import '../common/base.css';
import '../common/form.css';
import './style.css';
import type { ReassignForm } from '../../shared/rpc/reassign';
import { validateReassign } from '../../shared/rules/reassign';
import { byId, el, setBusy, setText } from '../common/dom';
import { fieldMessages, pageText, showFormError, submitForm } from '../common/page';
import { newRequestId } from '../common/request-id';
import { callServer } from '../common/rpc';

/**
 * Reassign customers (managers): pick whose customers go to whom — all of them or the rows selected on the
 * Customers sheet when the form opened — and whether the leaver is marked inactive. The server moves the
 * customers with their open actions and open tickets and says what moved.
 */
const page = byId('page');
const form = byId<HTMLFormElement>('form');
let spec: ReassignForm | null = null;
const requestId = newRequestId();

const m = pageText(() => spec?.messages);

function option(value: string, text: string): HTMLOptionElement {
  return el('option', { text, attrs: { value } });
}

async function load(): Promise<void> {
  setBusy(page, true);
  try {
    const result = await callServer('getReassignForm');
    if (!result.ok) return showFormError(result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('intro'), m('reassign.intro'));
    setText(byId('from-label'), m('reassign.from'));
    setText(byId('to-label'), m('reassign.to'));
    setText(byId('scope-all-label'), m('reassign.scopeAll'));
    setText(byId('scope-selected-label'), m('reassign.scopeSelected', { count: spec.selectedRows.length }));
    setText(byId('deactivate-label'), m('reassign.deactivate'));
    setText(byId('submit'), m('reassign.submit'));
    setText(byId('busy'), m('reassign.saving'));
    const label = (member: ReassignForm['members'][number]) =>
      `${m('reassign.customersOf', { name: member.name, count: member.customers })}${member.active ? '' : ` ${m('reassign.inactive')}`}`;
    byId('from').replaceChildren(option('', ''), ...spec.members.map((member) => option(member.email, label(member))));
    byId('to').replaceChildren(
      option('', ''),
      ...spec.members.filter((member) => member.active).map((member) => option(member.email, label(member))),
    );
    byId<HTMLInputElement>('scope-selected').disabled = spec.selectedRows.length === 0;
    form.hidden = false;
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(page, false);
  }
}

function request() {
  const scope = byId<HTMLInputElement>('scope-selected').checked ? 'selected' : 'all';
  return {
    requestId,
    from: byId<HTMLSelectElement>('from').value,
    to: byId<HTMLSelectElement>('to').value,
    scope,
    rows: scope === 'selected' ? (spec?.selectedRows ?? []) : undefined,
    deactivate: byId<HTMLInputElement>('deactivate').checked,
  } as const;
}

async function submit(): Promise<void> {
  if (!spec) return;
  const body = request();
  await submitForm(form, {
    fieldErrors: fieldMessages(validateReassign(body, spec.members, Math.max(1, spec.selectedRows.length)).errors, m),
    invalidMessage: m('error.validation'),
    call: () => callServer('saveReassign', body),
    onSaved: (moved) => {
      const total = moved.customers + moved.coOwned + moved.followUps + moved.tickets;
      setText(
        byId('saved-message'),
        total === 0 && !moved.deactivated
          ? m('reassign.nothing', { from: body.from })
          : m('reassign.done', { to: body.to, ...moved, deactivated: moved.deactivated ? 1 : 0 }),
      );
    },
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
void load();
