import '../common/base.css';
import '../common/form.css';
import './style.css';
import type { CustomerSummary, FormField } from '../../shared/rpc/contract';
import type { NeedsAnalysisForm, NeedsAnalysisRecord, SaveNeedsAnalysisRequest } from '../../shared/rpc/needs-analysis';
import { suggestIntentGrade, type BudgetFit, type NeedClarity } from '../../shared/rules/grading';
import { ROLES, parsePainPoints, validateNeedsAnalysis } from '../../shared/rules/grading-input';
import { byId, el, setBusy, setText } from '../common/dom';
import { showFieldErrors } from '../common/form';
import { newRequestId } from '../common/request-id';
import { callServer } from '../common/rpc';
import { customerPicker } from '../common/customer-picker';
import { fieldMessages, onAnother, pageText, showFormError, submitForm } from '../common/page';

/**
 * Needs analysis & grading sidebar (docs/product-rules.md §2, seed 000 step 2): the customer of the selected row (or one
 * found by name, phone or id), the needs-analysis sheet, and the intent grade with the suggestion from
 * "the need is … / the budget …" (the same shared rule as the server); the rep may keep another grade.
 */
const form = byId<HTMLFormElement>('needs-analysis');
let spec: NeedsAnalysisForm | null = null;
let requestId = newRequestId();
/** True once the rep picked a grade by hand: the suggestion no longer overwrites it. */
let gradeTouched = false;

const m = pageText(() => spec?.messages);
const picker = customerPicker(
  () => m('followUp.noMatches'),
  showFormError,
  (summary) => void choose(summary),
);

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function input(name: string): Control {
  const control = form.querySelector<Control>(`[name="${name}"]`);
  if (!control) throw new Error(`page is missing field ${name}`);
  return control;
}

function fieldOf(key: string): FormField {
  const field = spec?.fields.find((candidate) => candidate.key === key);
  if (!field) throw new Error(`form has no field ${key}`);
  return field;
}

function wrapper(key: string, label: string, control: Control, required = false, help = ''): HTMLElement {
  const labelEl = el('label', { className: 'field-label', attrs: { for: control.id } }, [label]);
  if (required)
    labelEl.append(el('span', { className: 'required', text: ' *', attrs: { title: m('common.required') } }));
  const box = el('div', { className: 'field', attrs: { 'data-field': key } }, [labelEl, control]);
  if (help) box.append(el('div', { className: 'field-help', text: help }));
  box.append(el('div', { className: 'field-error', attrs: { id: `error-${key}`, role: 'alert' } }));
  return box;
}

function textarea(name: string, rows = 3): HTMLTextAreaElement {
  return el('textarea', { attrs: { id: `field-${name}`, name, rows: String(rows) } });
}

function textInput(name: string, placeholder = ''): HTMLInputElement {
  const control = el('input', { attrs: { id: `field-${name}`, name, type: 'text' } });
  if (placeholder) control.placeholder = placeholder;
  return control;
}

function select(name: string, options: readonly { key: string; label: string }[]): HTMLSelectElement {
  const control = el('select', { attrs: { id: `field-${name}`, name } });
  control.append(el('option', { text: m('common.none'), attrs: { value: '' } }));
  for (const option of options) control.append(el('option', { text: option.label, attrs: { value: option.key } }));
  return control;
}

function render(formSpec: NeedsAnalysisForm): void {
  const pain = fieldOf('painPoints');
  byId('needs').replaceChildren(
    wrapper('painPoints', pain.label, textarea('painPoints', 4), false, m('needsAnalysis.painPointsHelp')),
    ...(['explicitNeeds', 'potentialNeeds'] as const).map((key) => wrapper(key, fieldOf(key).label, textarea(key))),
  );
  byId('roles').replaceChildren(
    ...ROLES.map((role) => {
      const who = textInput(role, m('needsAnalysis.who'));
      const concern = textInput(`${role}Concern`, m('needsAnalysis.concern'));
      const box = wrapper(role, fieldOf(role).label, who);
      box.insertBefore(el('div', { className: 'role-inputs' }, [who, concern]), box.querySelector('.field-error'));
      return box;
    }),
  );
  byId('budget').replaceChildren(
    wrapper('budgetRange', fieldOf('budgetRange').label, textInput('budgetRange')),
    wrapper('annualValueEstimate', fieldOf('annualValueEstimate').label, textInput('annualValueEstimate')),
  );
  byId('questions').replaceChildren(
    wrapper('needClarity', m('needsAnalysis.needClarity'), select('needClarity', formSpec.needClarity)),
    wrapper('budgetFit', m('needsAnalysis.budgetFit'), select('budgetFit', formSpec.budgetFit)),
  );
  const grade = fieldOf('intentGrade');
  byId('grade').replaceChildren(wrapper('intentGrade', grade.label, select('intentGrade', grade.options ?? []), true));
  for (const name of ['needClarity', 'budgetFit']) input(name).addEventListener('change', () => updateSuggestion());
  input('intentGrade').addEventListener('change', () => {
    gradeTouched = true;
    updateSuggestion();
  });
}

function labelOf(options: readonly { key: string; label: string }[], key: string): string {
  return options.find((option) => option.key === key)?.label ?? key;
}

/** Shows the suggested grade and why; fills the grade unless the rep chose one by hand. */
function updateSuggestion(): void {
  if (!spec) return;
  const need = input('needClarity').value as NeedClarity | '';
  const budget = input('budgetFit').value as BudgetFit | '';
  const suggestion = suggestIntentGrade(need || null, budget || null);
  const grades = fieldOf('intentGrade').options ?? [];
  setText(
    byId('suggestion'),
    suggestion
      ? m('needsAnalysis.suggested', {
          grade: labelOf(grades, suggestion.grade),
          need: labelOf(spec.needClarity, need),
          budget: labelOf(spec.budgetFit, budget),
        })
      : m('needsAnalysis.answerBoth'),
  );
  const gradeInput = input('intentGrade');
  if (suggestion && !gradeTouched) gradeInput.value = suggestion.grade;
  const override = byId('override');
  const differs = suggestion !== null && gradeInput.value !== '' && gradeInput.value !== suggestion.grade;
  override.hidden = !differs;
  setText(
    override,
    differs && suggestion
      ? m('needsAnalysis.overridden', {
          grade: labelOf(grades, gradeInput.value),
          suggested: labelOf(grades, suggestion.grade),
        })
      : '',
  );
}

function fill(record: NeedsAnalysisRecord | null): void {
  form.reset();
  gradeTouched = false;
  picker.choose(record?.customer ?? null, false);
  const status = byId('customer-status');
  status.hidden = record === null;
  const none = m('common.none');
  setText(
    status,
    record
      ? [
          m('needsAnalysis.status', { analyzed: record.needsAnalyzedAt || none, due: record.needsAnalysisDue || none }),
          record.valueTier
            ? m('needsAnalysis.value', {
                value: record.annualValue || none,
                tier: record.valueTier,
                segment: record.segment || none,
              })
            : '',
        ]
          .filter((line) => line !== '')
          .join(' · ')
      : '',
  );
  if (record) {
    input('painPoints').value = record.painPoints.join('\n');
    input('explicitNeeds').value = record.explicitNeeds;
    input('potentialNeeds').value = record.potentialNeeds;
    for (const role of ROLES) {
      input(role).value = record[role].who;
      input(`${role}Concern`).value = record[role].concern;
    }
    input('budgetRange').value = record.budgetRange;
    input('annualValueEstimate').value = record.annualValueEstimate;
    input('intentGrade').value = record.intentGrade;
    gradeTouched = record.intentGrade !== '';
  }
  showFieldErrors(form, {});
  showFormError('');
  updateSuggestion();
}

async function choose(summary: CustomerSummary | null): Promise<void> {
  if (!summary) return;
  setBusy(form, true);
  try {
    const result = await callServer('getNeedsAnalysis', summary.id);
    if (!result.ok) return showFormError(result.error.message);
    fill(result.value);
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

function request(): SaveNeedsAnalysisRequest {
  const role = (name: string) => ({ who: input(name).value, concern: input(`${name}Concern`).value });
  return {
    requestId,
    customerId: picker.current()?.id ?? '',
    customerRow: picker.current()?.row ?? 0,
    painPoints: parsePainPoints(input('painPoints').value),
    explicitNeeds: input('explicitNeeds').value,
    potentialNeeds: input('potentialNeeds').value,
    decisionMaker: role('decisionMaker'),
    influencer: role('influencer'),
    endUser: role('endUser'),
    budgetRange: input('budgetRange').value,
    annualValueEstimate: input('annualValueEstimate').value,
    needClarity: input('needClarity').value,
    budgetFit: input('budgetFit').value,
    intentGrade: input('intentGrade').value,
  };
}

async function load(): Promise<void> {
  setBusy(form, true);
  try {
    const result = await callServer('getNeedsAnalysisForm');
    if (!result.ok) return showFormError(result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('intro'), m('needsAnalysis.intro'));
    setText(byId('customer-label'), `${m('followUp.customer')} *`);
    byId<HTMLInputElement>('search').placeholder = m('followUp.search');
    setText(byId('chain-legend'), m('needsAnalysis.decisionChain'));
    setText(byId('grading-legend'), m('needsAnalysis.grading'));
    setText(byId('submit'), m('needsAnalysis.submit'));
    setText(byId('busy'), m('intake.saving'));
    setText(byId('another'), m('needsAnalysis.another'));
    render(spec);
    fill(spec.selected);
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});

onAnother(form, () => {
  requestId = newRequestId();
  byId<HTMLInputElement>('search').value = '';
  fill(null);
});

async function submit(): Promise<void> {
  if (!spec) return;
  const body = request();
  await submitForm(form, {
    fieldErrors: fieldMessages(validateNeedsAnalysis(body).errors, m),
    invalidMessage: m('error.validation'),
    call: () => callServer('saveNeedsAnalysis', body),
    onSaved: (saved) => {
      const grade = labelOf(fieldOf('intentGrade').options ?? [], saved.intentGrade);
      const message = saved.alreadySaved
        ? m('needsAnalysis.alreadySaved')
        : saved.nextFollowUpDue
          ? m('needsAnalysis.saved', { id: saved.id, grade, due: saved.nextFollowUpDue })
          : m('needsAnalysis.savedNoNext', { id: saved.id, grade });
      const proposal = saved.proposalDue ? m('needsAnalysis.proposalAction', { due: saved.proposalDue }) : '';
      setText(byId('saved-message'), proposal ? `${message} ${proposal}` : message);
    },
  });
}

void load();
