import { type MessageKey } from '../../shared/i18n/translate';
import type { IntakeForm, SavedCustomer } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { firstInterviewDue } from '../../shared/rules/cadence';
import { INTAKE_FIELDS, validateCustomerInput } from '../../shared/rules/customer-input';
import {
  customerMatchKeys,
  findDuplicates,
  matchKeysPattern,
  type DuplicateCandidate,
} from '../../shared/rules/duplicates';
import { TEMPLATES } from '../../shared/schema/templates';
import { formatLocal } from '../../shared/time/local';
import { describeFields } from '../forms/describe';
import { allocateIds } from '../workbook/ids';
import { readSettings } from '../workbook/settings';
import { openTables } from '../workbook/open-tables';
import { appendRecords, lastRowOf, selectRows, type Table } from '../workbook/table';
import { WriteBatch } from '../workbook/write-batch';
import { findRows, readRows } from '../workbook/targeted-reads';
import { readTeam } from '../workbook/team';
import { showSidebar } from '../ui/sidebar';
import { actionContext, asActionFailure, ensureInstalled, ensureInstalledForReading, lockedAction } from './context';
import { parseRequestId } from './requests';
import { fieldErrorsFailure, pageMessages, requestObject } from './submission';

const REQUIRED: readonly string[] = ['customerType', 'name', 'contactName', 'source', 'needs', 'owner'];

/**
 * What a form with the customer fields shows besides its own texts (intake and edit customer): the duplicate
 * list and the field checks of validateCustomerInput.
 */
export const CUSTOMER_FORM_MESSAGES: readonly MessageKey[] = [
  'intake.duplicateReason.phone',
  'intake.duplicateReason.email',
  'intake.duplicateReason.company',
  'intake.openExisting',
  'intake.ownedBy',
  'common.required',
  'common.none',
  'error.validation',
  'validation.required',
  'validation.tooLong',
  'validation.industryRequired',
  'validation.option',
  'validation.phone',
  'validation.email',
  'validation.contactRequired',
  'validation.owner',
  'validation.coOwnerSame',
  'validation.date',
];

const INTAKE_MESSAGES: readonly MessageKey[] = [
  'intake.title',
  'intake.intro',
  'intake.submit',
  'intake.saving',
  'intake.saved',
  'intake.another',
  'intake.duplicates',
  'intake.createAnyway',
  'intake.createAnywayNote',
  ...CUSTOMER_FORM_MESSAGES,
];

/** Menu: New customer. */
export function showNewCustomer(): void {
  const context = actionContext();
  showSidebar('new-customer', context.t('intake.title'));
}

/** The form: fields from the customers template, the team for the owner dropdowns, the rep as default owner. */
export function getIntakeForm(): ActionResult<IntakeForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const team = readTeam(context.properties, context.spreadsheet).filter((member) => member.active);
    const currentUser = team.some((member) => member.email === context.userEmail) ? context.userEmail : '';
    return ok({
      language: context.language,
      fields: describeFields(TEMPLATES.customers, INTAKE_FIELDS, REQUIRED, context.language),
      team: team.map((member) => ({ email: member.email, name: member.name })),
      currentUser,
      messages: pageMessages(context.language, INTAKE_MESSAGES),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/** What a duplicate check and a retried submission need of the rows the search found. */
const DUPLICATE_CHECK_KEYS = [
  'id',
  'customerType',
  'name',
  'phone',
  'email',
  'contactName',
  'owner',
  'nextFollowUpDue',
  'requestId',
] as const;

/**
 * google.script.run: saves a new customer. Validates and normalizes again on the server, refuses a
 * possible duplicate unless the rep chose "create anyway", recognises a retried request (same request id:
 * no second row), gives the customer its id and first follow-up due date, and selects the new row.
 */
export function saveCustomer(request: unknown): ActionResult<SavedCustomer> {
  const body = requestObject(request);
  return lockedAction((context) => {
    const { t } = context;
    const requestId = parseRequestId(body.requestId);
    if (!requestId) return fail('validation', t('error.requestId'));
    ensureInstalled(context);
    const { spreadsheet, properties, zone, nowMs, language } = context;
    const opened = openTables(
      { open: ['customers'], whole: ['team', 'settings'], appendTo: ['customers'] },
      properties,
      spreadsheet,
      zone,
    );
    const team = readTeam(properties, spreadsheet, opened.team);
    const { values, errors } = validateCustomerInput(
      body.fields,
      team.filter((member) => member.active).map((member) => member.email),
    );
    const invalid = fieldErrorsFailure<SavedCustomer>(errors, t);
    if (invalid) return invalid;
    const customers = opened.customers as Table;
    const settings = readSettings(properties, spreadsheet, zone, opened.settings).values;
    const sheetName = customers.layout.sheetName;

    // One search of the match-keys column finds both a retried submission and possible duplicates.
    const candidate = values as DuplicateCandidate;
    const pattern = matchKeysPattern(candidate, requestId);
    const found = pattern ? findRows(customers, 'matchKeys', pattern, { regex: true }) : [];
    const hits = readRows(customers, found, DUPLICATE_CHECK_KEYS, zone);
    const retried = hits.find((record) => record.values.requestId === requestId);
    if (retried) {
      const due = retried.values.nextFollowUpDue;
      return ok({
        id: String(retried.values.id),
        row: retried.row,
        sheetName,
        firstFollowUpDue: due instanceof Date ? formatLocal(due.getTime(), zone, 'datetime') : '',
        alreadySaved: true,
      });
    }

    const matches = findDuplicates(
      candidate,
      hits.map((record) => ({
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

    // The serial comes from the counter in document properties (under the lock): no read of the id column.
    const id = allocateIds('C', 1, properties, zone, nowMs, [])[0] as string;
    const due = values.doNotContact
      ? null
      : // No grade yet: the first interview is scheduled at the medium cadence (14 days by default).
        firstInterviewDue(nowMs, (values.intentGrade as string | null) ?? 'medium', 'standard', settings, zone);
    const now = new Date(nowMs);
    const writes = new WriteBatch(zone, properties);
    const row = lastRowOf(customers) + 1;
    appendRecords(
      customers,
      [
        {
          ...values,
          id,
          stage: 'initialContact',
          status: 'active',
          valueTier: 'standard',
          nextFollowUpDue: due === null ? null : new Date(due),
          possibleDuplicateOf: matches[0]?.id ?? null,
          createdAt: now,
          updatedAt: now,
          requestId,
          matchKeys: customerMatchKeys(candidate, requestId),
        },
      ],
      language,
      writes,
    );
    writes.commit();
    selectRows(customers, row);
    return ok({
      id,
      row,
      sheetName,
      firstFollowUpDue: due === null ? '' : formatLocal(due, zone, 'datetime'),
      alreadySaved: false,
    });
  });
}
