import '../common/base.css';
import '../common/form.css';
import './style.css';
import type { CustomerSummary } from '../../shared/rpc/contract';
import type { TicketForm, TicketView, UpdateTicketRequest } from '../../shared/rpc/ticket-survey';
import { TICKET_ID, validateTicketInput } from '../../shared/rules/ticket-input';
import { isRating, type TicketAction } from '../../shared/rules/ticket-workflow';
import { byId, el, setBusy, setText } from '../common/dom';
import { readFields, renderFields, setFieldValue, showFieldErrors } from '../common/form';
import { newRequestId } from '../common/request-id';
import { callServer } from '../common/rpc';
import { customerPicker } from '../common/customer-picker';
import { fieldMessages, pageText } from '../common/page';

/**
 * Ticket sidebar (issue 8), two modes: "New ticket" (customer of the selected row or searched, type,
 * category, priority, description, assignee, optional due overrides) and "Update a ticket" (the ticket of
 * the selected tickets row, or typed id: take, resolve, customer confirmation). The customer's recent
 * tickets are listed below; a click opens one. Same rules as the server; one request id per submission.
 */
const form = byId<HTMLFormElement>('ticket-form');
const workflowForm = byId<HTMLFormElement>('workflow-form');
const fieldsBox = byId('fields');
let spec: TicketForm | null = null;
let ticket: TicketView | null = null;
let requestId = newRequestId();
let workflowRequestId = newRequestId();

const m = pageText(() => spec?.messages);

function showError(id: string, message: string): void {
  const box = byId(id);
  setText(box, message);
  box.hidden = message === '';
}

const picker = customerPicker(
  () => m('followUp.noMatches'),
  (message) => showError('form-error', message),
  (summary) => void showHistory(summary),
);

function setMode(mode: 'new' | 'workflow'): void {
  byId('new').hidden = mode !== 'new';
  byId('workflow').hidden = mode !== 'workflow';
  byId('mode-new').setAttribute('aria-pressed', String(mode === 'new'));
  byId('mode-workflow').setAttribute('aria-pressed', String(mode === 'workflow'));
}

async function load(): Promise<void> {
  setBusy(document.body, true);
  try {
    const result = await callServer('getTicketForm');
    if (!result.ok) return showError('page-error', result.error.message);
    spec = result.value;
    document.documentElement.lang = spec.language;
    setText(byId('mode-new'), m('ticket.modeNew'));
    setText(byId('mode-workflow'), m('ticket.modeWorkflow'));
    setText(byId('customer-label'), `${m('followUp.customer')} *`);
    byId<HTMLInputElement>('search').placeholder = m('followUp.search');
    setText(byId('due-hint'), m('ticket.dueHint'));
    setText(byId('submit'), m('ticket.submit'));
    setText(byId('busy'), m('intake.saving'));
    setText(byId('workflow-busy'), m('intake.saving'));
    setText(byId('another'), m('ticket.another'));
    setText(byId('saved-open'), m('ticket.modeWorkflow'));
    byId<HTMLInputElement>('ticket-id').placeholder = m('ticket.findTicket');
    setText(byId('find'), m('ticket.find'));
    setText(byId('take'), m('ticket.take'));
    setText(byId('resolve'), m('ticket.resolve'));
    setText(byId('confirm'), m('ticket.confirm'));
    setText(byId('closed-note'), m('ticket.closedNote'));
    setText(byId('recent-title'), m('ticket.recent'));
    const renderOptions = { team: spec.team, requiredMark: m('common.required'), emptyOption: m('common.none') };
    renderFields(fieldsBox, spec.fields, renderOptions);
    const workflowField = (key: string) => spec?.workflowFields.filter((field) => field.key === key) ?? [];
    renderFields(byId('resolve-fields'), workflowField('resolution'), renderOptions);
    renderFields(
      byId('confirm-fields'),
      [...workflowField('confirmation'), ...workflowField('score')].map((field) =>
        field.key === 'score'
          ? { ...field, type: 'enum', options: ['1', '2', '3', '4', '5'].map((n) => ({ key: n, label: n })) }
          : field,
      ),
      renderOptions,
    );
    reset();
    if (spec.selectedTicket) {
      showTicket(spec.selectedTicket);
      setMode('workflow');
    }
  } catch (error) {
    showError('page-error', error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(document.body, false);
  }
}

function reset(): void {
  if (!spec) return;
  form.reset();
  requestId = newRequestId();
  picker.choose(spec.selected);
  setFieldValue(fieldsBox, 'reportedAt', spec.now);
  setFieldValue(fieldsBox, 'priority', 'medium');
  if (spec.currentUser) setFieldValue(fieldsBox, 'assignee', spec.currentUser);
  showFieldErrors(form, {});
  showError('form-error', '');
}

async function showHistory(summary: CustomerSummary | null): Promise<void> {
  const list = byId('recent');
  byId('recent-title').hidden = summary === null;
  if (!summary) return list.replaceChildren();
  const result = await callServer('getCustomerHistory', summary.id);
  if (!result.ok) return list.replaceChildren();
  if (result.value.tickets.length === 0) {
    return list.replaceChildren(el('li', { className: 'muted', text: m('ticket.noRecent') }));
  }
  list.replaceChildren(
    ...result.value.tickets.map((view) => {
      const button = el('button', { attrs: { type: 'button' } }, [
        el('div', { text: `${view.id} · ${view.statusLabel} · ${view.priorityLabel}` }),
        el('div', { className: 'muted', text: view.description }),
        el('div', { className: 'when', text: view.reportedAt }),
      ]);
      button.addEventListener('click', () => {
        showTicket(view);
        setMode('workflow');
      });
      return el('li', {}, [button]);
    }),
  );
}

function showTicket(view: TicketView): void {
  ticket = view;
  workflowRequestId = newRequestId();
  byId('ticket-box').hidden = false;
  byId<HTMLInputElement>('ticket-id').value = view.id;
  setText(
    byId('ticket-summary'),
    m('ticket.details', {
      id: view.id,
      status: view.statusLabel,
      priority: view.priorityLabel,
      assignee: view.assignee,
    }),
  );
  const sla = byId('ticket-sla');
  setText(sla, m('ticket.sla'));
  sla.hidden = !view.slaBreached;
  const labels = spec?.labels ?? {};
  const facts: [string, string][] = [
    ['customerName', `${view.customerName} (${view.customerId})`],
    ['ticketType', `${view.ticketType} · ${view.category}`],
    ['description', view.description],
    ['reportedAt', view.reportedAt],
    ['firstResponseDue', view.firstResponseDue],
    ['firstResponseAt', view.firstResponseAt],
    ['resolutionDue', view.resolutionDue],
    ['resolution', view.resolution],
    ['resolvedAt', view.resolvedAt],
    ['confirmation', view.confirmationLabel],
    ['score', view.score === null ? '' : String(view.score)],
    ['archivedAt', view.archivedAt],
  ];
  byId('ticket-facts').replaceChildren(
    ...facts
      .filter(([, value]) => value !== '')
      .flatMap(([key, value]) => [el('dt', { text: labels[key] ?? key }), el('dd', { text: value })]),
  );
  const can = (action: TicketAction): boolean => view.actions.includes(action);
  byId('step-take').hidden = !can('take');
  byId('step-resolve').hidden = !can('resolve');
  byId('step-confirm').hidden = !can('confirm');
  byId('closed-note').hidden = view.actions.length > 0;
  workflowForm.reset();
  showFieldErrors(workflowForm, {});
  showError('workflow-error', '');
}

async function findTicket(): Promise<void> {
  const id = byId<HTMLInputElement>('ticket-id').value.trim().toUpperCase();
  showError('workflow-error', '');
  if (!TICKET_ID.test(id)) return showError('workflow-error', m('validation.option'));
  const result = await callServer('getTicket', id);
  if (!result.ok) return showError('workflow-error', result.error.message);
  showTicket(result.value);
}

async function step(action: TicketAction): Promise<void> {
  if (!ticket) return;
  const request: UpdateTicketRequest = {
    requestId: workflowRequestId,
    ticketId: ticket.id,
    ticketRow: ticket.row ?? 0,
    fromStatus: ticket.status,
    action,
  };
  const errors: Record<string, string> = {};
  if (action === 'resolve') {
    request.resolution = String(readFields(byId('resolve-fields'), spec?.workflowFields ?? []).resolution ?? '');
    if (request.resolution.trim() === '') errors.resolution = m('validation.required');
  }
  if (action === 'confirm') {
    const values = readFields(byId('confirm-fields'), spec?.workflowFields ?? []);
    request.confirmation = String(values.confirmation ?? '');
    request.score = String(values.score ?? '');
    if (request.confirmation === '') errors.confirmation = m('validation.required');
    if (request.score !== '' && !isRating(Number(request.score))) errors.score = m('ticket.scoreRange');
  }
  showFieldErrors(workflowForm, errors);
  if (Object.keys(errors).length > 0) return showError('workflow-error', m('error.validation'));
  showError('workflow-message', '');
  setBusy(workflowForm, true);
  try {
    const result = await callServer('updateTicket', request);
    if (!result.ok) {
      showError('workflow-error', result.error.message);
      if (result.error.fields) showFieldErrors(workflowForm, result.error.fields);
      return;
    }
    const updated = result.value;
    showTicket(updated.ticket);
    const created = updated.followUps.length
      ? ` ${m('ticket.followUpsCreated', { ids: updated.followUps.join(', ') })}`
      : '';
    showError(
      'workflow-message',
      m('ticket.updated', { id: updated.ticket.id, status: updated.ticket.statusLabel }) + created,
    );
    void showHistory(picker.current());
  } catch (error) {
    showError('workflow-error', error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(workflowForm, false);
  }
}

async function submit(): Promise<void> {
  if (!spec) return;
  showError('form-error', '');
  const body = {
    requestId,
    customerId: picker.current()?.id ?? '',
    customerRow: picker.current()?.row ?? 0,
    fields: readFields(fieldsBox, spec.fields) as Record<string, string>,
  };
  const { errors } = validateTicketInput(
    body,
    spec.team.map((member) => member.email),
  );
  const messages = fieldMessages(errors, m);
  showFieldErrors(form, messages);
  if (Object.keys(messages).length > 0) return showError('form-error', m('error.validation'));
  setBusy(form, true);
  try {
    const result = await callServer('saveTicket', body);
    if (!result.ok) {
      showError('form-error', result.error.message);
      if (result.error.fields) showFieldErrors(form, result.error.fields);
      return;
    }
    const saved = result.value;
    form.hidden = true;
    setText(
      byId('saved-message'),
      m('ticket.saved', { id: saved.id, firstResponseDue: saved.firstResponseDue, resolutionDue: saved.resolutionDue }),
    );
    byId('saved').hidden = false;
    byId<HTMLInputElement>('ticket-id').value = saved.id;
    void showHistory(picker.current());
  } catch (error) {
    showError('form-error', error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
workflowForm.addEventListener('submit', (event) => event.preventDefault());
byId('another').addEventListener('click', () => {
  byId('saved').hidden = true;
  form.hidden = false;
  reset();
});
byId('saved-open').addEventListener('click', () => {
  setMode('workflow');
  void findTicket();
});
byId('mode-new').addEventListener('click', () => setMode('new'));
byId('mode-workflow').addEventListener('click', () => setMode('workflow'));
byId('find').addEventListener('click', () => void findTicket());
byId('take').addEventListener('click', () => void step('take'));
byId('resolve').addEventListener('click', () => void step('resolve'));
byId('confirm').addEventListener('click', () => void step('confirm'));

void load();
