import type { MessageKey } from '../../shared/i18n/translate';
import type {
  EditCustomerForm,
  EditableCustomer,
  SaveCustomerEditRequest,
  SavedCustomerEdit,
} from '../../shared/rpc/edit-customer';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { nextFollowUpDue } from '../../shared/rules/cadence';
import {
  CONTACT_KEY_FIELDS,
  changedContactKeys,
  editFormValues,
  editedFields,
  planCustomerEdit,
  reschedulesFollowUp,
  type FieldChange,
} from '../../shared/rules/customer-edit';
import { INTAKE_FIELDS, INTAKE_REQUIRED, validateCustomerInput } from '../../shared/rules/customer-input';
import {
  customerMatchKeys,
  findDuplicates,
  matchKeysPattern,
  type DuplicateCandidate,
} from '../../shared/rules/duplicates';
import { rowHint } from '../../shared/rules/follow-up-input';
import { normalizeEmail } from '../../shared/rules/normalize';
import type { FieldValue } from '../../shared/schema/cells';
import { columnOf, enumLabel, headerLabel, TEMPLATES } from '../../shared/schema/templates';
import { formatLocal } from '../../shared/time/local';
import type { Zone } from '../../shared/time/zone';
import { describeFields } from '../forms/describe';
import { logRecord } from '../workbook/log';
import { matchKeysOf } from '../workbook/match-keys';
import { openTables } from '../workbook/open-tables';
import { readSettings } from '../workbook/settings';
import { appendRecords, openTable, writeFields, type Table, type TableRecord } from '../workbook/table';
import { findCandidateRows, findRows, readRows, readWithHint, recordWithId } from '../workbook/targeted-reads';
import { readCustomerHistory } from '../workbook/customer-history';
import { readTeam } from '../workbook/team';
import { WriteBatch } from '../workbook/write-batch';
import { showSidebar } from '../ui/sidebar';
import {
  actionContext,
  asActionFailure,
  ensureInstalled,
  ensureInstalledForReading,
  lockedAction,
  type ActionContext,
} from './context';
import { CUSTOMER_FORM_MESSAGES } from './intake';
import { parseRequestId } from './requests';
import { fieldErrorsFailure, pageMessages, requestObject } from './submission';
import { recentEdit, rememberEdit } from './edit-customer-requests';

/**
 * Edit customer (issue 19 item 7): the sidebar opens the customer of the selected row (or one found with the
 * customer picker), shows intake's fields with the row's values, and saves only what the rep changed, with
 * intake's validation and normalization, a duplicate warning when a contact key changed, a conflict answer
 * when someone changed the same field in the sheet since the form loaded, the next follow-up due re-derived
 * when the grade or do-not-contact changed, and one Log row saying who changed what.
 */

const FORM_MESSAGES: readonly MessageKey[] = [
  'menu.editCustomer',
  'editCustomer.intro',
  'editCustomer.submit',
  'editCustomer.saved',
  'editCustomer.savedDue',
  'editCustomer.savedNoDue',
  'editCustomer.noChanges',
  'editCustomer.alreadySaved',
  'editCustomer.another',
  'editCustomer.duplicates',
  'editCustomer.saveAnyway',
  'editCustomer.reloaded',
  'followUp.customer',
  'followUp.search',
  'followUp.noMatches',
  'intake.saving',
  ...CUSTOMER_FORM_MESSAGES,
];

/** What the form shows of a customer. */
const FORM_KEYS = ['id', ...INTAKE_FIELDS, 'nextFollowUpDue'] as const;

/** What a save reads of the customer's row: the form's fields and what the save derives from or rewrites. */
const SAVE_KEYS = [
  ...FORM_KEYS,
  'followUpOverdue',
  'lastContactAt',
  'createdAt',
  'valueTier',
  'segment',
  'corePool',
  'possibleDuplicateOf',
  'requestId',
  'matchKeys',
  'updatedAt',
] as const;

/** What the duplicate warning shows of the other customers found by their match keys. */
const DUPLICATE_KEYS = ['id', 'customerType', 'name', 'phone', 'email', 'contactName', 'owner'] as const;

/** What re-deriving the next follow-up due reads of the customer's follow-ups (as needs analysis does). */
const HISTORY_KEYS = ['customerId', 'at', 'direction', 'status', 'nextActionDue'] as const;

/** Longest customer id accepted (imported ids keep their own form, docs/product-rules.md §1). */
const MAX_ID = 100;

function parseCustomerId(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const id = raw.trim();
  return id !== '' && id.length <= MAX_ID ? id : null;
}

function instant(value: FieldValue | undefined): number | null {
  return Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : null;
}

function formatDue(value: FieldValue | undefined, zone: Zone): string {
  const at = instant(value);
  return at === null ? '' : formatLocal(at, zone, 'datetime');
}

function editable(record: TableRecord, zone: Zone): EditableCustomer {
  return {
    id: String(record.values.id ?? ''),
    row: record.row,
    values: editFormValues(record.values, zone),
    nextFollowUpDue: formatDue(record.values.nextFollowUpDue, zone),
  };
}

/** Menu: Edit customer. */
export function showEditCustomer(): void {
  showSidebar('edit-customer', actionContext().t('menu.editCustomer'));
}

/** The form: intake's fields, the team for the owner dropdowns, and the customer of the selected row. */
export function getEditCustomerForm(): ActionResult<EditCustomerForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const { spreadsheet, properties, zone, language } = context;
    const opened = openTables({ open: ['customers'], whole: ['team'] }, properties, spreadsheet, zone);
    const customers = opened.customers as Table;
    const team = readTeam(properties, spreadsheet, opened.team).filter((member) => member.active);
    let selected: EditableCustomer | null = null;
    if (spreadsheet.getActiveSheet().getSheetId() === customers.layout.sheetId) {
      const row = spreadsheet.getActiveRange()?.getRow() ?? 0;
      const record = row >= 2 ? readRows(customers, [row], FORM_KEYS, zone)[0] : undefined;
      if (record && record.values.id !== null && record.values.id !== undefined) selected = editable(record, zone);
    }
    return ok({
      language,
      fields: describeFields(TEMPLATES.customers, INTAKE_FIELDS, INTAKE_REQUIRED, language),
      team: team.map((member) => ({ email: member.email, name: member.name })),
      selected,
      messages: pageMessages(language, FORM_MESSAGES),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/** google.script.run: a customer picked in the lookup box, read by its row hint (else found by id). */
export function getCustomerForEdit(request: unknown): ActionResult<EditableCustomer> {
  const context = actionContext();
  const body = requestObject(request);
  const customerId = parseCustomerId(body.customerId);
  if (!customerId) return fail('validation', context.t('validation.customer'));
  try {
    ensureInstalledForReading(context);
    const customers = openTable(TEMPLATES.customers, context.properties, context.spreadsheet);
    const hint = rowHint(body.customerRow);
    const read = readWithHint([], { table: customers, rows: hint ? [hint] : [], keys: FORM_KEYS }, context.zone);
    const record = recordWithId(read.hinted, customers, customerId, FORM_KEYS, context.zone);
    if (!record) return fail('notFound', context.t('error.notFound'));
    return ok(editable(record, context.zone));
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/**
 * google.script.run: saves an edit. Under the document lock, with the context loaded after the lock:
 * validates like intake (nothing is read for a bad submission), reads the customer's row by the hint (else
 * by id), the customers sharing a changed contact key (one search of the match-keys column) and, when the
 * grade or do-not-contact changed, the customer's follow-ups, in one batch; refuses a field someone else
 * changed meanwhile (conflict) and a possible duplicate unless confirmed; writes only the changed cells, the
 * derived ones (match keys, next follow-up due, updated at) and one Log row in one batched write. A retried
 * request (same request id) is recognised and writes nothing.
 */
export function saveCustomerEdit(request: unknown): ActionResult<SavedCustomerEdit> {
  const body = requestObject(request) as Partial<Record<keyof SaveCustomerEditRequest, unknown>>;
  return lockedAction((context) => {
    const { t } = context;
    const requestId = parseRequestId(body.requestId);
    if (!requestId) return fail('validation', t('error.requestId'));
    const customerId = parseCustomerId(body.customerId);
    if (!customerId) return fail('validation', t('validation.customer'), { customerId: t('validation.customer') });
    const original = requestObject(body.original);
    const fields = requestObject(body.fields);
    if (Object.keys(fields).length === 0) return fail('validation', t('error.invalidRequest', { detail: 'fields' }));
    const early = fieldErrorsFailure<SavedCustomerEdit>(validateCustomerInput(fields, null).errors, t);
    if (early) return early;
    ensureInstalled(context);
    const { spreadsheet, properties, zone, nowMs, language } = context;

    const retried = recentEdit(properties, requestId, customerId);
    const edited = editedFields(original, fields);
    const submitted = validateCustomerInput(fields, null).values;
    const contactKeys = changedContactKeys(submitted, edited);
    // The follow-ups give the cadence an open action's due date and the touches the cap counts; a customer
    // who is now do-not-contact gets nothing scheduled, so they are not needed then.
    const reschedule =
      edited.includes('intentGrade') || (edited.includes('doNotContact') && submitted.doNotContact !== true);
    const opened = openTables(
      { open: ['customers', 'followUps', 'log'], whole: ['team', 'settings'], appendTo: ['log'] },
      properties,
      spreadsheet,
      zone,
    );
    const customers = opened.customers as Table;
    const followUps = opened.followUps as Table;
    const hint = rowHint(body.customerRow);
    const hinted = { table: customers, rows: hint ? [hint] : [], keys: SAVE_KEYS };
    const sharingRows = {
      table: customers,
      rows: contactKeys ? rowsSharingKeys(customers, contactKeys) : [],
      keys: DUPLICATE_KEYS,
    };
    // The customer's follow-ups (from the My day index's history block, or one search) only when rescheduling.
    const read = reschedule
      ? readCustomerHistory(followUps, customerId, HISTORY_KEYS, hinted, properties, zone, nowMs, [sharingRows])
      : null;
    const plain = read ? null : readWithHint([sharingRows], hinted, zone);
    const sharing = (read ? read.also[0] : plain?.needed[0]) ?? [];
    const history = read?.records ?? [];
    const customer = recordWithId(read?.hinted ?? plain?.hinted ?? [], customers, customerId, SAVE_KEYS, zone);
    if (!customer) return fail('notFound', t('error.notFound'), { customerId: t('error.notFound') });
    // An owner or co-owner who is no longer on the active team list may stay as they are; a new one must be on it.
    const team = readTeam(properties, spreadsheet, opened.team)
      .filter((member) => member.active)
      .map((member) => member.email);
    const kept = [customer.values.owner, customer.values.coOwner].map((value) => normalizeEmail(String(value ?? '')));
    const current = editFormValues(customer.values, zone);
    const plan = planCustomerEdit(original, fields, current, [...team, ...kept.filter((email) => email !== '')]);
    const invalid = fieldErrorsFailure<SavedCustomerEdit>(plan.errors, t);
    if (invalid) return invalid;
    const currentDue = formatDue(customer.values.nextFollowUpDue, zone);
    // A retry of a save that reached the cells finds them holding its values (nothing to write), or changed
    // by someone since (a conflict): either way it was saved, and nothing is written or logged again. A save
    // whose cells were never written finds them as the form loaded them, and is written now.
    if (retried && (plan.changes.length === 0 || plan.conflicts.length > 0)) {
      return ok({
        id: customerId,
        row: customer.row,
        changed: retried.changed,
        nextFollowUpDue: currentDue,
        rescheduled: false,
        alreadySaved: true,
      });
    }
    if (plan.conflicts.length > 0) return conflictFailure(plan.conflicts, current, context);
    if (plan.changes.length === 0) {
      return ok({
        id: customerId,
        row: customer.row,
        changed: [],
        nextFollowUpDue: currentDue,
        rescheduled: false,
        alreadySaved: false,
      });
    }

    const changedKeys = new Set(plan.changes.map((change) => change.key));
    const update: Record<string, FieldValue> = {};
    for (const change of plan.changes) update[change.key] = change.after;
    const contactChanged = CONTACT_KEY_FIELDS.some((key) => changedKeys.has(key));
    if (contactKeys && contactChanged) {
      const matches = findDuplicates(
        contactKeys,
        sharing
          .filter((record) => record.values.id !== customerId && record.row !== customer.row)
          .map((record) => ({
            id: String(record.values.id ?? ''),
            row: record.row,
            customerType: record.values.customerType as string | null,
            name: record.values.name as string | null,
            phone: record.values.phone as string | null,
            email: record.values.email as string | null,
            contactName: record.values.contactName as string | null,
            owner: record.values.owner as string | null,
          })),
      );
      if (matches.length > 0 && body.allowDuplicate !== true) {
        return { ok: false, error: { kind: 'duplicate', message: t('error.duplicate'), duplicates: matches } };
      }
      if (matches.length > 0 && !customer.values.possibleDuplicateOf) {
        update.possibleDuplicateOf = matches[0]?.id ?? null;
      }
    }
    if (contactChanged) {
      // The match keys the add-on keeps for duplicate checks, from the new values (the request id stays).
      const keys = matchKeysOf({ ...customer.values, ...update });
      update.matchKeys = keys === '' ? null : keys;
    }

    let due = instant(customer.values.nextFollowUpDue);
    const rescheduled = reschedulesFollowUp(plan.changes);
    if (rescheduled) {
      due = derivedDue(
        customer,
        update,
        history,
        customerId,
        context,
        readSettings(properties, spreadsheet, zone, opened.settings).values,
      );
      update.nextFollowUpDue = due === null ? null : new Date(due);
      update.followUpOverdue = due !== null && nowMs > due;
    }
    update.updatedAt = new Date(nowMs);

    const writes = new WriteBatch(zone, properties);
    writeFields(customers, [{ row: customer.row, values: update }], language, writes);
    const log = opened.log as Table;
    const lines = [
      t('editCustomer.logDetails', { id: customerId, name: String(update.name ?? customer.values.name ?? '') }),
    ];
    for (const change of plan.changes) lines.push(changeLine(change.key, change.before, change.after, context));
    const dueBefore = currentDue;
    const dueAfter = due === null ? '' : formatLocal(due, zone, 'datetime');
    if (rescheduled && dueBefore !== dueAfter) lines.push(changeLine('nextFollowUpDue', dueBefore, dueAfter, context));
    appendRecords(
      log,
      [
        logRecord({
          startedMs: nowMs,
          action: 'editCustomer',
          user: context.userEmail,
          rowsExamined: 1,
          rowsChanged: 1,
          durationMs: Date.now() - nowMs,
          result: 'ok',
          details: lines.join('\n'),
        }),
      ],
      language,
      writes,
    );
    const changed = plan.changes.map((change) => change.key);
    // Sent with the batch's property writes, before the cells; a retry checks the cells (above), so a save
    // whose cells were never written is not taken for saved.
    rememberEdit(properties, { requestId, customerId, row: customer.row, changed });
    writes.commit();
    return ok({
      id: customerId,
      row: customer.row,
      changed,
      nextFollowUpDue: dueAfter,
      rescheduled,
      alreadySaved: false,
    });
  });
}

/**
 * The rows of customers sharing one of the changed contact keys: one search of the match-keys column, for
 * the key itself when only one changed (a plain search), else a regular expression.
 */
function rowsSharingKeys(customers: Table, candidate: DuplicateCandidate): number[] {
  const keys = customerMatchKeys(candidate);
  if (keys === '') return [];
  if (keys.split('|').filter((part) => part !== '').length === 1)
    return findCandidateRows(customers, 'matchKeys', keys);
  const pattern = matchKeysPattern(candidate);
  return pattern ? findRows(customers, 'matchKeys', pattern, { regex: true }) : [];
}

/** The next follow-up due with the new grade / do-not-contact, as needs analysis derives it. */
function derivedDue(
  customer: TableRecord,
  update: Readonly<Record<string, FieldValue>>,
  history: readonly TableRecord[],
  customerId: string,
  context: ActionContext,
  settings: ReturnType<typeof readSettings>['values'],
): number | null {
  const value = (key: string): FieldValue | undefined => (key in update ? update[key] : customer.values[key]);
  let explicitDue: number | null = null;
  const touches: number[] = [];
  for (const record of history) {
    if (record.values.customerId !== customerId) continue;
    const at = instant(record.values.at);
    if (record.values.direction === 'outbound' && at !== null) touches.push(at);
    const actionDue = instant(record.values.nextActionDue);
    if (record.values.status === 'open' && actionDue !== null && (explicitDue === null || actionDue < explicitDue)) {
      explicitDue = actionDue;
    }
  }
  const text = (key: string): string | null => {
    const found = value(key);
    return found === null || found === undefined || found === '' ? null : String(found);
  };
  return nextFollowUpDue(
    {
      lastContactAt: instant(customer.values.lastContactAt),
      createdAt: instant(customer.values.createdAt) ?? context.nowMs,
      intentGrade: text('intentGrade'),
      valueTier: text('valueTier'),
      segment: text('segment'),
      corePool: customer.values.corePool === true,
      doNotContact: value('doNotContact') === true,
      explicitDue,
      outboundTouches: touches,
    },
    settings,
    context.zone,
  ).due;
}

/** A field's value as the Log and the conflict note show it, in the workbook's language. */
function shown(key: string, value: string | boolean | null, context: ActionContext): string {
  if (value === null || value === '') return context.t('common.none');
  if (typeof value === 'boolean') return context.t(value ? 'editCustomer.yes' : 'editCustomer.no');
  const column = columnOf(TEMPLATES.customers, key);
  return column.type === 'enum' ? (enumLabel(column, value, context.language) ?? value) : value;
}

function changeLine(
  key: string,
  before: string | boolean | null,
  after: string | boolean | null,
  context: ActionContext,
) {
  return context.t('editCustomer.logChange', {
    field: headerLabel(columnOf(TEMPLATES.customers, key), context.language),
    old: shown(key, before, context),
    new: shown(key, after, context),
  });
}

function conflictFailure(
  conflicts: readonly FieldChange['key'][],
  current: ReturnType<typeof editFormValues>,
  context: ActionContext,
): ActionResult<SavedCustomerEdit> {
  const fields: Record<string, string> = {};
  for (const key of conflicts)
    fields[key] = context.t('editCustomer.staleField', { value: shown(key, current[key], context) });
  const labels = conflicts.map((key) => headerLabel(columnOf(TEMPLATES.customers, key), context.language));
  return fail(
    'conflict',
    context.t('editCustomer.stale', { fields: labels.join(context.t('editCustomer.listSeparator')) }),
    fields,
  );
}
