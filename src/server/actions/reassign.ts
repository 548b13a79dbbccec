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
  findRows,
  findRowsContaining,
  findRowsMatchingAll,
  optionsPattern,
  readColumns,
  readRows,
  readRowsOf,
} from '../workbook/targeted-reads';
import { confirmRows, readCustomerHistory } from '../workbook/customer-history';
import { isActiveManager, readTeam } from '../workbook/team';
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
import { parseRequestId } from './requests';
import { fieldErrorsFailure, pageMessages, requestObject } from './submission';

/**
 * Reassign customers (issue 19 item 10, managers): one owner's customers — all of them, or the rows selected
 * on the Customers sheet — go to another team member, with the open follow-up actions and open tickets that
 * were theirs, in one save under the lock; co-ownerships move too when all are moved; the Team sheet can mark
 * the leaver inactive; one Log row says what moved. Digests follow the new owner from the next scan, since
 * they are built from the owner columns. Moving all of an owner's customers searches the owner columns; a
 * selection of up to SELECTION_VIA_HISTORY rows reads them in the opening batch and finds their open actions in
 * the My day index's history block (nothing else is read but the columns the move needs); a second send of the
 * same request finds nothing left to move.
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

/** Selections up to this many rows find their open actions in the My day index's history block, not by searching. */
const SELECTION_VIA_HISTORY = 100;

/** The tables a reassignment moves rows of. */
interface MoveTables {
  customers: Table;
  followUps: Table;
  tickets: Table;
}

interface Moves {
  owned: TableRecord[];
  coOwned: TableRecord[];
  actions: TableRecord[];
  openTickets: TableRecord[];
  /** Rows read to decide (the Log row's rows examined). */
  examined: number;
}

function isOpenTicketOf(record: TableRecord, from: string): boolean {
  return (
    lower(record.values.assignee) === from &&
    (record.values.status === 'pending' || record.values.status === 'inProgress') &&
    record.values.archivedAt === null
  );
}

/**
 * The rows that may be `from`'s, searched server-side (owner or co-owner, the open actions they own, the open
 * tickets assigned to them); the values read back decide. Costs a column's worth of cells per column searched.
 */
function searchedForLeaver(
  scope: 'all' | 'selected',
  selectedRows: readonly number[],
  from: string,
  { customers, followUps, tickets }: MoveTables,
  context: ActionContext,
): Moves {
  const { zone } = context;
  const mine = escapeRegex(from);
  const customerRows = scope === 'all' ? findRowsContaining(customers, ['owner', 'coOwner'], from) : selectedRows;
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
  const owned = customerRecords.filter((record) => lower(record.values.owner) === from);
  const coOwned = scope === 'all' ? customerRecords.filter((record) => lower(record.values.coOwner) === from) : [];
  const movedIds = new Set(owned.map((record) => String(record.values.id ?? '')));
  const follows = (record: TableRecord) => scope === 'all' || movedIds.has(String(record.values.customerId ?? ''));
  return {
    owned,
    coOwned,
    examined: customerRecords.length + followUpRecords.length + ticketRecords.length,
    actions: followUpRecords.filter(
      (record) => lower(record.values.owner) === from && record.values.status === 'open' && follows(record),
    ),
    openTickets: ticketRecords.filter((record) => isOpenTicketOf(record, from) && follows(record)),
  };
}

/**
 * A small selection: the selected rows (read in the opening batch), their open actions from the My day index's
 * history block (workbook/customer-history.ts: no search of Follow-ups; rows known only from the index read
 * again before they are written) and their tickets by one search of Tickets' customer-id column. Null when the
 * index can't say (rows moved since its build): then searched.
 */
function selectedWithHistory(
  selectedRows: readonly number[],
  from: string,
  { customers, followUps, tickets }: MoveTables,
  context: ActionContext,
): Moves | null {
  const { zone, properties, nowMs } = context;
  const wanted = new Set(selectedRows);
  const known = customers.records.filter((record) => wanted.has(record.row));
  const missing = selectedRows.filter((row) => !known.some((record) => record.row === row));
  const customerRecords = [...known, ...(missing.length > 0 ? readRows(customers, missing, CUSTOMER_KEYS, zone) : [])];
  const owned = customerRecords.filter((record) => lower(record.values.owner) === from);
  const ids = [...new Set(owned.map((record) => String(record.values.id ?? '')).filter((id) => id !== ''))];
  if (ids.length === 0) return { owned, coOwned: [], actions: [], openTickets: [], examined: customerRecords.length };
  const ticketRows = findRows(tickets, 'customerId', `^\\s*(?:${ids.map(escapeRegex).join('|')})\\s*$`, {
    regex: true,
  });
  const history = readCustomerHistory(
    followUps,
    ids,
    FOLLOW_UP_KEYS,
    { table: customers, rows: [], keys: CUSTOMER_KEYS },
    properties,
    zone,
    nowMs,
    [{ table: tickets, rows: ticketRows, keys: TICKET_KEYS }],
  );
  const isAction = (record: TableRecord) => lower(record.values.owner) === from && record.values.status === 'open';
  // The history block keeps no owner: every open one is read again with its owner (they are few).
  const open = history.records.filter((record) => record.values.status === 'open');
  const confirmed = confirmRows(followUps, history, open, ['owner', 'status'], zone);
  if (!confirmed) return null;
  const idSet = new Set(ids);
  return {
    owned,
    coOwned: [],
    examined: customerRecords.length + history.records.length + (history.also[0] ?? []).length,
    actions: confirmed.filter(isAction),
    openTickets: (history.also[0] ?? []).filter(
      (record) => isOpenTicketOf(record, from) && idSet.has(String(record.values.customerId ?? '')),
    ),
  };
}

/** google.script.run: moves the customers, their open actions and open tickets; logs it. */
export function saveReassign(request: unknown): ActionResult<ReassignResult> {
  const body = requestObject(request);
  return lockedAction((context) => {
    const { t, spreadsheet, properties, zone, nowMs, language } = context;
    if (!parseRequestId(body.requestId)) return fail('validation', t('error.requestId'));
    ensureInstalled(context);
    // A small selection's rows are read in the opening batch (checked against the validated request below).
    const hinted = Array.isArray(body.rows) && body.rows.length <= SELECTION_VIA_HISTORY ? (body.rows as number[]) : [];
    const opened = openTables(
      {
        open: ['customers', 'followUps', 'tickets', 'log'],
        whole: ['team'],
        appendTo: ['log'],
        rows: [{ table: 'customers', rows: hinted, keys: CUSTOMER_KEYS }],
      },
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

    const found =
      scope === 'selected' && (values.rows ?? []).length <= SELECTION_VIA_HISTORY
        ? selectedWithHistory(values.rows ?? [], from, { customers, followUps, tickets }, context)
        : null;
    const { owned, coOwned, actions, openTickets, examined } =
      found ?? searchedForLeaver(scope, values.rows ?? [], from, { customers, followUps, tickets }, context);
    const now = new Date(nowMs);
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
            rowsExamined: examined,
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
