import '../common/base.css';
import '../common/form.css';
import './style.css';
import type { IntakeField } from '../../shared/rules/customer-input';
import { defaultPicks } from '../../shared/rules/merge-customers';
import type {
  MergeCustomer,
  MergeForm,
  MergeSide,
  SaveMergeRequest,
  SavedMerge,
} from '../../shared/rpc/merge-customers';
import type { ActionError } from '../../shared/rpc/result';
import { byId, el, setBusy, setText } from '../common/dom';
import { showFieldErrors } from '../common/form';
import { pageText, showFormError, submitForm } from '../common/page';
import { newRequestId } from '../common/request-id';
import { callServer } from '../common/rpc';

/**
 * Merge duplicates (issue 19 item 9): the customer of the selected row and the one it is flagged a possible
 * duplicate of (or two customers entered by id), side by side; for each intake field the user picks which
 * value the kept customer keeps (by default its own, or the duplicate's when its own is blank). Saving moves
 * the duplicate's history to the kept customer and marks the duplicate merged. User data is put in the page
 * as text only.
 */
const form = byId<HTMLFormElement>('merge');
const picksBox = byId('picks');
let spec: MergeForm | null = null;
let kept: MergeCustomer | null = null;
let other: MergeCustomer | null = null;
let picks: Partial<Record<IntakeField, MergeSide>> = {};
let requestId = newRequestId();

const m = pageText(() => spec?.messages);

function shown(customer: MergeCustomer, key: string): string {
  return customer.shown[key] || m('common.none');
}

function choice(key: IntakeField, side: MergeSide, customer: MergeCustomer): HTMLLabelElement {
  const input = el('input', { attrs: { type: 'radio', name: `pick-${key}`, id: `pick-${key}-${side}`, value: side } });
  input.checked = (picks[key] ?? 'kept') === side;
  input.addEventListener('change', () => {
    if (input.checked) picks[key] = side;
  });
  return el('label', { className: 'choice' }, [
    input,
    el('span', { className: `tag ${side}`, text: m(side === 'kept' ? 'merge.kept' : 'merge.other') }),
    el('span', { className: 'value', text: shown(customer, key) }),
  ]);
}

/** One block per intake field: both values to pick from, or the one value when they agree. */
function render(): void {
  if (!spec || !kept || !other) return;
  const keptCustomer = kept;
  const otherCustomer = other;
  setText(byId('kept-tag'), m('merge.kept'));
  setText(byId('other-tag'), m('merge.other'));
  setText(byId('kept-title'), `${keptCustomer.id} · ${keptCustomer.shown.name ?? ''}`);
  setText(byId('other-title'), `${otherCustomer.id} · ${otherCustomer.shown.name ?? ''}`);
  const note = [keptCustomer, otherCustomer]
    .filter((customer) => customer.mergedInto !== '')
    .map((customer) => `${customer.id}: ${m('merge.isMerged', { into: customer.mergedInto })}`)
    .join(' ');
  setText(byId('merged-note'), note);
  byId('merged-note').hidden = note === '';
  picksBox.replaceChildren(
    ...spec.fields.map(({ key, label }) => {
      const same = keptCustomer.shown[key] === otherCustomer.shown[key];
      const block = el('div', { className: same ? 'pick same' : 'pick', attrs: { 'data-field': key } }, [
        el('span', { className: 'field-label', text: label }),
      ]);
      if (same) block.append(el('div', { className: 'value', text: shown(keptCustomer, key) }));
      else block.append(choice(key, 'kept', keptCustomer), choice(key, 'other', otherCustomer));
      block.append(el('div', { className: 'field-error', attrs: { role: 'alert' } }));
      return block;
    }),
  );
  byId('info').replaceChildren(
    ...spec.info.map(({ key, label }) =>
      el('div', {
        text: `${label}: ${shown(keptCustomer, key)} | ${shown(otherCustomer, key)}`,
        attrs: { 'data-info': key },
      }),
    ),
  );
  byId('pair').hidden = false;
}

function setPair(nextKept: MergeCustomer | null, nextOther: MergeCustomer | null, keep?: typeof picks): void {
  kept = nextKept;
  other = nextOther;
  byId<HTMLInputElement>('kept-id').value = kept?.id ?? '';
  byId<HTMLInputElement>('other-id').value = other?.id ?? '';
  if (!kept || !other) {
    byId('pair').hidden = true;
    return;
  }
  picks = keep ?? defaultPicks(kept.values, other.values);
  requestId = newRequestId();
  render();
}

/** Loads the pair named in the two id boxes (or, with none, the selected row's). */
async function load(ids?: { keptId: string; otherId: string }, keep?: typeof picks): Promise<boolean> {
  setBusy(form, true);
  try {
    const result = await callServer('getMergeForm', ids);
    if (!result.ok) {
      showFormError(result.error.message);
      return false;
    }
    spec = result.value;
    setPair(spec.kept, spec.other, keep);
    return true;
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
    return false;
  } finally {
    setBusy(form, false);
  }
}

async function start(): Promise<void> {
  if (!(await load())) return;
  if (!spec) return;
  document.documentElement.lang = spec.language;
  setText(byId('intro'), m('merge.intro'));
  setText(byId('kept-id-label'), m('merge.keptId'));
  setText(byId('other-id-label'), m('merge.otherId'));
  setText(byId('load'), m('merge.load'));
  setText(byId('swap'), m('merge.swap'));
  setText(byId('submit'), m('merge.submit'));
  setText(byId('busy'), m('merge.saving'));
  if (!spec.kept || !spec.other) showFormError(m('merge.noPair'));
}

function typedIds(): { keptId: string; otherId: string } {
  return {
    keptId: byId<HTMLInputElement>('kept-id').value.trim(),
    otherId: byId<HTMLInputElement>('other-id').value.trim(),
  };
}

byId('load').addEventListener('click', () => {
  showFormError('');
  const ids = typedIds();
  const errors: Record<string, string> = {};
  if (!ids.keptId) errors.keptId = m('merge.noPair');
  if (!ids.otherId) errors.otherId = m('merge.noPair');
  if (ids.keptId && ids.keptId === ids.otherId) errors.otherId = m('merge.same');
  showFieldErrors(form, errors);
  if (Object.keys(errors).length === 0) void load(ids);
});

byId('swap').addEventListener('click', () => {
  showFormError('');
  if (kept && other) setPair(other, kept);
  else {
    const ids = typedIds();
    byId<HTMLInputElement>('kept-id').value = ids.otherId;
    byId<HTMLInputElement>('other-id').value = ids.keptId;
  }
});

function savedMessage(saved: SavedMerge): string {
  const params = { kept: saved.keptId, merged: saved.mergedId };
  if (saved.alreadySaved) return m('merge.alreadySaved', params);
  return m('merge.done', {
    ...params,
    fields: saved.fromOther.length,
    followUps: saved.moved.followUps,
    tickets: saved.moved.tickets,
    surveys: saved.moved.satisfaction,
    transactions: saved.moved.transactions,
  });
}

async function onFailure(error: ActionError): Promise<void> {
  if (error.kind !== 'conflict' || !kept || !other) return;
  // Someone changed one of the two meanwhile: show the current values, keeping the user's picks.
  const message = error.message;
  if (await load({ keptId: kept.id, otherId: other.id }, { ...picks })) showFormError(message);
}

async function submit(): Promise<void> {
  if (!spec || !kept || !other) return;
  const request: SaveMergeRequest = {
    requestId,
    keptId: kept.id,
    keptRow: kept.row,
    otherId: other.id,
    otherRow: other.row,
    original: { kept: kept.values, other: other.values },
    picks: { ...picks },
  };
  await submitForm(form, {
    fieldErrors: {},
    invalidMessage: m('error.validation'),
    call: () => callServer('saveMerge', request),
    onSaved: (saved) => setText(byId('saved-message'), savedMessage(saved)),
    onFailure: (error) => void onFailure(error),
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
void start();
