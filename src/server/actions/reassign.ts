import type { MessageKey } from '../../shared/i18n/translate';
import type { ReassignForm, ReassignResult } from '../../shared/rpc/reassign';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { validateReassign } from '../../shared/rules/reassign';
import { escapeRegex } from '../../shared/rules/normalize';
import { TEMPLATES } from '../../shared/schema/templates';
import { logRecord } from '../workbook/log';
import { openTables } from '../workbook/open-tables';
import type { Language } from '../../shared/i18n/language';
import {
  appendRecords,
  openTable,
  writeFields,
  type FieldValues,
  type Table,
  type TableRecord,
} from '../workbook/table';
import {
  findRowsContaining,
  findRowsMatchingAll,
  optionsPattern,
  readColumns,
  readRowsOf,
} from '../workbook/targeted-reads';
import { isActiveManager, readTeam } from '../workbook/team';
import { WriteBatch } from '../workbook/write-batch';
import { showSidebar } from '../ui/sidebar';
import { actionContext, asActionFailure, ensureInstalled, ensureInstalledForReading, lockedAction } from './context';
import { parseRequestId } from './requests';
import { fieldErrorsFailure, pageMessages, requestObject } from './submission';

/**
 * Reassign customers (issue 19 item 10, managers): one owner's customers — all of them, or the rows selected
 * on the Customers sheet — go to another team member, with the open follow-up actions and open tickets that
 * were theirs, in one save under the lock; co-ownerships move too when all are moved; the Team sheet can mark
 * the leaver inactive; one Log row says what moved. Digests follow the new owner from the next scan, since
 * they are built from the owner columns. Rows are found by searching the owner columns (nothing else is read
 * but the columns the move needs); a second send of the same request finds nothing left to move.
 */
const FORM_MESSAGES: readonly MessageKey[] = [
  'reassign.title',
  'reassign.intro',
  'reassign.from',
  'reassign.to',
  'reassign.scopeAll',
  'reassign.scopeSelected',
  'reassign.noSelection',
  'reassign.deactivate',
  'reassign.submit',
  'reassign.saving',
  'reassign.done',
  'reassign.nothing',
  'reassign.inactive',
  'reassign.customersOf',
  'common.loading',
  'common.required',
  'error.validation',
];

/** Most rows a selection may carry (a sidebar request stays small). */
const MAX_SELECTED_ROWS = 5000;

/** Menu: Reassign customers. */
export function showReassign(): void {
  showSidebar('reassign', actionContext().t('reassign.title'));
}

/** google.script.run: the team with each member's customer count, and the rows selected on Customers. */
export function getReassignForm(): ActionResult<ReassignForm> {
  const context = actionContext();
  try {
    ensureInstalledForReading(context);
    const { spreadsheet, properties, zone } = context;
    const opened = openTables({ open: ['customers'], whole: ['team'] }, properties, spreadsheet, zone);
    const team = readTeam(properties, spreadsheet, opened.team);
    if (!isActiveManager(team, context.userEmail)) return fail('forbidden', context.t('reassign.managersOnly'));
    const customers = opened.customers as Table;
    const owned = new Map<string, number>();
    for (const record of readColumns(customers, ['owner'], zone)) {
      const owner = String(record.values.owner ?? '').toLowerCase();
      if (owner) owned.set(owner, (owned.get(owner) ?? 0) + 1);
    }
    const selectedRows: number[] = [];
    if (spreadsheet.getActiveSheet().getSheetId() === customers.layout.sheetId) {
      const range = spreadsheet.getActiveRange();
      if (range) {
        const first = Math.max(2, range.getRow());
        const last = Math.min(range.getLastRow(), first + MAX_SELECTED_ROWS - 1);
        for (let row = first; row <= last; row++) selectedRows.push(row);
      }
    }
    return ok({
      language: context.language,
      members: team.map((member) => ({
        email: member.email,
        name: member.name,
        active: member.active,
        customers: owned.get(member.email) ?? 0,
      })),
      selectedRows,
      messages: pageMessages(context.language, FORM_MESSAGES),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

const CUSTOMER_KEYS = ['id', 'owner', 'coOwner'] as const;
const FOLLOW_UP_KEYS = ['id', 'customerId', 'owner', 'status'] as const;
const TICKET_KEYS = ['id', 'customerId', 'assignee', 'status', 'archivedAt'] as const;

const lower = (value: unknown): string => String(value ?? '').toLowerCase();

/** google.script.run: moves the customers, their open actions and open tickets; logs it. */
export function saveReassign(request: unknown): ActionResult<ReassignResult> {
  const body = requestObject(request);
  return lockedAction((context) => {
    const { t, spreadsheet, properties, zone, nowMs, language } = context;
    if (!parseRequestId(body.requestId)) return fail('validation', t('error.requestId'));
    ensureInstalled(context);
    const opened = openTables(
      { open: ['customers', 'followUps', 'tickets', 'log'], whole: ['team'], appendTo: ['log'] },
      properties,
      spreadsheet,
      zone,
    );
    const teamTable = opened.team as Table;
    const team = readTeam(properties, spreadsheet, teamTable);
    if (!isActiveManager(team, context.userEmail)) return fail('forbidden', t('reassign.managersOnly'));
    const { values, errors } = validateReassign(body, team, MAX_SELECTED_ROWS);
    const invalid = fieldErrorsFailure<ReassignResult>(errors, t);
    if (invalid || !values) return invalid ?? fail('validation', t('error.validation'));
    const { from, to, scope } = values;
    const customers = opened.customers as Table;
    const followUps = opened.followUps as Table;
    const tickets = opened.tickets as Table;

    // The rows that may be `from`'s: owner or co-owner, the open actions they own, the open tickets assigned
    // to them (searched server-side; the values read back decide).
    const mine = escapeRegex(from);
    const customerRows =
      scope === 'all' ? findRowsContaining(customers, ['owner', 'coOwner'], from) : (values.rows ?? []);
    const [customerRecords = [], followUpRecords = [], ticketRecords = []] = readRowsOf(
      [
        { table: customers, rows: customerRows, keys: CUSTOMER_KEYS },
        {
          table: followUps,
          rows: findRowsMatchingAll(followUps, {
            owner: mine,
            status: optionsPattern('followUps', 'status', ['open']),
          }),
          keys: FOLLOW_UP_KEYS,
        },
        {
          table: tickets,
          rows: findRowsMatchingAll(tickets, {
            assignee: mine,
            status: optionsPattern('tickets', 'status', ['pending', 'inProgress']),
          }),
          keys: TICKET_KEYS,
        },
      ],
      zone,
    );
    const now = new Date(nowMs);
    const owned = customerRecords.filter((record) => lower(record.values.owner) === from);
    const coOwned = scope === 'all' ? customerRecords.filter((record) => lower(record.values.coOwner) === from) : [];
    const movedIds = new Set(owned.map((record) => String(record.values.id ?? '')));
    const follows = (record: TableRecord) => scope === 'all' || movedIds.has(String(record.values.customerId ?? ''));
    const actions = followUpRecords.filter(
      (record) => lower(record.values.owner) === from && record.values.status === 'open' && follows(record),
    );
    const openTickets = ticketRecords.filter(
      (record) =>
        lower(record.values.assignee) === from &&
        (record.values.status === 'pending' || record.values.status === 'inProgress') &&
        record.values.archivedAt === null &&
        follows(record),
    );

    const writes = new WriteBatch(zone, properties);
    const customerUpdates = new Map<number, FieldValues>();
    for (const record of owned) {
      const update: FieldValues = { owner: to, updatedAt: now };
      // The new owner can't also be the co-owner.
      if (lower(record.values.coOwner) === to) update.coOwner = null;
      customerUpdates.set(record.row, update);
    }
    for (const record of coOwned) {
      const update = customerUpdates.get(record.row) ?? { updatedAt: now };
      const owner = lower(update.owner ?? record.values.owner);
      update.coOwner = owner === to ? null : to;
      customerUpdates.set(record.row, update);
    }
    writeAll(customers, customerUpdates, language, writes);
    writeAll(
      followUps,
      new Map(actions.map((record) => [record.row, { owner: to, updatedAt: now }])),
      language,
      writes,
    );
    writeAll(
      tickets,
      new Map(openTickets.map((record) => [record.row, { assignee: to, updatedAt: now }])),
      language,
      writes,
    );
    const leaver = teamTable.records.find((record) => lower(record.values.email) === from);
    const deactivated = values.deactivate && leaver !== undefined && leaver.values.active !== false;
    if (deactivated && leaver) writeAll(teamTable, new Map([[leaver.row, { active: false }]]), language, writes);

    const result: ReassignResult = {
      customers: owned.length,
      coOwned: coOwned.length,
      followUps: actions.length,
      tickets: openTickets.length,
      deactivated,
    };
    const moved = result.customers + result.coOwned + result.followUps + result.tickets;
    if (moved > 0 || deactivated) {
      const log = opened.log ?? openTable(TEMPLATES.log, properties, spreadsheet);
      appendRecords(
        log,
        [
          logRecord({
            startedMs: nowMs,
            action: 'reassign',
            user: context.userEmail,
            rowsExamined: customerRecords.length + followUpRecords.length + ticketRecords.length,
            rowsChanged: moved,
            durationMs: Date.now() - nowMs,
            result: 'ok',
            details: t('reassign.logDetails', { from, to, ...result, deactivated: deactivated ? 1 : 0 }),
          }),
        ],
        language,
        writes,
      );
    }
    writes.commit();
    return ok(result);
  });
}

function writeAll(table: Table, updates: ReadonlyMap<number, FieldValues>, language: Language, writes: WriteBatch) {
  if (updates.size > 0)
    writeFields(
      table,
      [...updates].map(([row, values]) => ({ row, values })),
      language,
      writes,
    );
}
