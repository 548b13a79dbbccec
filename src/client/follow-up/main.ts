import '../common/base.css';
import '../common/form.css';
import type { FollowUpForm } from '../../shared/rpc/contract';
import { validateFollowUpInput } from '../../shared/rules/follow-up-input';
import { byId, el, setBusy, setText } from '../common/dom';
import { readFields, renderFields, setFieldValue, showFieldErrors } from '../common/form';
import { newRequestId } from '../common/request-id';
import { callServer } from '../common/rpc';
import { customerPicker } from '../common/customer-picker';
import { fieldMessages, onAnother, pageText, showFormError, submitForm } from '../common/page';

/**
 * Log follow-up sidebar: the customer of the selected row (or one found by name, phone or id), the
 * contact, and what comes next. Same rules as the server; one request id per follow-up.
 */
const form = byId<HTMLFormElement>('follow-up');
const fieldsBox = byId('fields');
const stageSelect = byId<HTMLSelectElement>('stage-after');
let spec: FollowUpForm | null = null;
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
    customerRow: picker.current()?.row ?? 0,
    fields: readFields(fieldsBox, spec?.fields ?? []) as Record<string, string>,
    stageAfter: stageSelect.value,
    markEarlierDone: byId<HTMLInputElement>('mark-done').checked,
  };
}

async function load(): Promise<void> {
  setBusy(form, true);
  try {
    const result = await callServer('getFollowUpForm');
    if (!result.ok) return showFormError(result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('customer-label'), `${m('followUp.customer')} *`);
    byId<HTMLInputElement>('search').placeholder = m('followUp.search');
    setText(byId('stage-label'), m('followUp.stageAfter'));
    setText(byId('mark-done-label'), m('followUp.markEarlierDone'));
    setText(byId('submit'), m('followUp.submit'));
    setText(byId('busy'), m('intake.saving'));
    setText(byId('another'), m('followUp.another'));
    renderFields(fieldsBox, spec.fields, {
      team: [],
      requiredMark: m('common.required'),
      emptyOption: m('common.none'),
    });
    stageSelect.replaceChildren(
      el('option', { text: m('followUp.keepStage'), attrs: { value: '' } }),
      ...spec.stages.map((stage) => el('option', { text: stage.label, attrs: { value: stage.key } })),
    );
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
  picker.choose(spec.selected);
  setFieldValue(fieldsBox, 'at', spec.now);
  setFieldValue(fieldsBox, 'direction', 'outbound');
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
  const body = request();
  await submitForm(form, {
    fieldErrors: fieldMessages(validateFollowUpInput(body).errors, m),
    invalidMessage: m('error.validation'),
    call: () => callServer('saveFollowUp', body),
    onSaved: (saved) => {
      setText(
        byId('saved-message'),
        saved.nextFollowUpDue
          ? m('followUp.saved', { id: saved.id, due: saved.nextFollowUpDue })
          : m('followUp.savedNoNext', { id: saved.id }),
      );
      const extra = [
        saved.closedActions > 0 ? m('followUp.closedActions', { count: saved.closedActions }) : '',
        saved.processAction
          ? m('followUp.processAction', { action: saved.processAction, due: saved.processActionDue })
          : '',
      ];
      setText(byId('saved-extra'), extra.filter((line) => line !== '').join(' '));
      const warning = byId('cap-warning');
      setText(warning, saved.capWarning ?? '');
      warning.hidden = !saved.capWarning;
    },
  });
}

void load();
