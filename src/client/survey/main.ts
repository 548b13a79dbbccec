import '../common/base.css';
import '../common/form.css';
import '../ticket/style.css';
import type { CustomerSummary } from '../../shared/rpc/contract';
import type { SurveyForm } from '../../shared/rpc/ticket-survey';
import { SURVEY_DIMENSIONS, surveyScore, validateSurveyInput, type SurveyRatings } from '../../shared/rules/survey';
import { byId, el, setBusy, setText } from '../common/dom';
import { readFields, renderFields, setFieldValue, showFieldErrors } from '../common/form';
import { newRequestId } from '../common/request-id';
import { callServer } from '../common/rpc';
import { customerPicker } from '../common/customer-picker';
import { fieldMessages, onAnother, pageText, showFormError, submitForm } from '../common/page';

/**
 * Satisfaction survey sidebar (issue 8): the customer of the selected row (or searched), optionally one of
 * their tickets, five 1–5 ratings, NPS 0–10, comments and suggestions. The score is previewed with the same
 * formula the server uses; the customer's recent surveys are listed below.
 */
const form = byId<HTMLFormElement>('survey-form');
const fieldsBox = byId('fields');
const ticketSelect = byId<HTMLSelectElement>('ticket-id');
let spec: SurveyForm | null = null;
let requestId = newRequestId();
let preferredTicket = '';

const m = pageText(() => spec?.messages);

const picker = customerPicker(
  () => m('followUp.noMatches'),
  showFormError,
  (summary) => void showHistory(summary),
);

/** Rating fields as 1–5 dropdowns and NPS as 0–10: the template calls them "score" columns. */
function asChoices(spec: SurveyForm): SurveyForm['fields'] {
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ key: String(from + i), label: String(from + i) }));
  return spec.fields.map((field) =>
    (SURVEY_DIMENSIONS as readonly string[]).includes(field.key)
      ? { ...field, type: 'enum', options: range(1, 5) }
      : field.key === 'nps'
        ? { ...field, type: 'enum', options: range(0, 10) }
        : field,
  );
}

async function load(): Promise<void> {
  setBusy(form, true);
  try {
    const result = await callServer('getSurveyForm');
    if (!result.ok) return showFormError(result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('customer-label'), `${m('followUp.customer')} *`);
    byId<HTMLInputElement>('search').placeholder = m('followUp.search');
    setText(byId('ticket-label'), m('survey.ticket'));
    setText(byId('submit'), m('survey.submit'));
    setText(byId('busy'), m('intake.saving'));
    setText(byId('another'), m('survey.another'));
    setText(byId('recent-title'), m('survey.recent'));
    renderFields(fieldsBox, asChoices(spec), {
      team: [],
      requiredMark: m('common.required'),
      emptyOption: m('common.none'),
    });
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
  preferredTicket = spec.selectedTicketId;
  picker.choose(spec.selected);
  setFieldValue(fieldsBox, 'date', spec.today);
  showFieldErrors(form, {});
  showFormError('');
  updatePreview();
}

function request() {
  return {
    requestId,
    customerId: picker.current()?.id ?? '',
    // Where the picker saw the customer: saves the server a search when the row still holds it.
    customerRow: picker.current()?.row ?? 0,
    ticketId: ticketSelect.value,
    fields: readFields(fieldsBox, spec?.fields ?? []) as Record<string, string>,
  };
}

function updatePreview(): void {
  const { values, errors } = validateSurveyInput(request());
  const complete = SURVEY_DIMENSIONS.every((key) => !errors[key]);
  const preview = byId('score-preview');
  preview.hidden = !complete;
  if (complete)
    setText(preview, m('survey.scorePreview', { score: surveyScore(values.ratings as SurveyRatings).toFixed(1) }));
}

async function showHistory(summary: CustomerSummary | null): Promise<void> {
  const list = byId('recent');
  byId('recent-title').hidden = summary === null;
  ticketSelect.replaceChildren(el('option', { text: m('survey.noTicket'), attrs: { value: '' } }));
  if (!summary) return list.replaceChildren();
  const result = await callServer('getCustomerHistory', summary.id);
  if (!result.ok) return list.replaceChildren();
  for (const ticket of result.value.tickets) {
    ticketSelect.append(
      el('option', {
        text: `${ticket.id} · ${ticket.statusLabel} · ${ticket.description.slice(0, 30)}`,
        attrs: { value: ticket.id },
      }),
    );
  }
  if (preferredTicket) ticketSelect.value = preferredTicket;
  if (result.value.surveys.length === 0) {
    return list.replaceChildren(el('li', { className: 'muted', text: m('survey.noRecent') }));
  }
  list.replaceChildren(
    ...result.value.surveys.map((survey) =>
      el('li', {}, [
        el('div', {
          text: `${survey.id} · ${survey.score === null ? '' : survey.score.toFixed(1)}${survey.nps === null ? '' : ` · NPS ${survey.nps}`}`,
        }),
        el('div', { className: 'when', text: [survey.date, survey.ticketId].filter(Boolean).join(' · ') }),
      ]),
    ),
  );
}

form.addEventListener('change', updatePreview);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
onAnother(form, reset);

async function submit(): Promise<void> {
  if (!spec) return;
  const body = request();
  await submitForm(form, {
    fieldErrors: fieldMessages(validateSurveyInput(body).errors, m),
    invalidMessage: m('error.validation'),
    call: () => callServer('saveSurvey', body),
    onSaved: (saved) => {
      setText(byId('saved-message'), m('survey.saved', { id: saved.id, score: saved.score.toFixed(1) }));
      const low = byId('saved-low');
      low.hidden = saved.followUpId === '';
      setText(
        low,
        saved.followUpId ? m('survey.savedLow', { followUpId: saved.followUpId, due: saved.followUpDue }) : '',
      );
      const core = byId('saved-core');
      core.hidden = !saved.corePool;
      setText(core, m('survey.savedCore'));
      const suggestion = byId('saved-suggestion');
      suggestion.hidden = !saved.suggestionFollowUpId;
      setText(
        suggestion,
        saved.suggestionFollowUpId
          ? m('survey.savedSuggestion', { followUpId: saved.suggestionFollowUpId, due: saved.suggestionDue ?? '' })
          : '',
      );
      preferredTicket = '';
      void showHistory(picker.current());
    },
  });
}

void load();
