import { catalogue, type MessageKey } from '../../shared/i18n/translate';
import type { MyDaySection, MyDayView, PageMessages } from '../../shared/rpc/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { buildMyDay, customersWithOpenAction, type MyDay } from '../../shared/rules/my-day';
import { formatLocal } from '../../shared/time/local';
import { readSettings } from '../workbook/settings';
import { escapeRegex } from '../../shared/rules/normalize';
import type { SettingsValues } from '../../shared/rules/settings';
import { openTables } from '../workbook/open-tables';
import type { Table, TableRecord } from '../workbook/table';
import { findRowsContaining, findRowsMatchingAll, optionsPattern, readRowsOf } from '../workbook/targeted-reads';
import { showSidebar } from '../ui/sidebar';
import { BusyError } from '../workbook/lock';
import {
  buildMyDayIndex,
  indexUsable,
  readIndexFor,
  readIndexMeta,
  type IndexedRecords,
} from '../workbook/my-day-index';
import { mergeIndexed, pickLeanCustomers } from '../../shared/rules/my-day-index';
import { sleepingBefore } from '../../shared/rules/cadence';
import { actionContext, asActionFailure, ensureInstalledForReading, underLock, type ActionContext } from './context';

const SECTIONS: readonly (keyof MyDay)[] = ['overdue', 'dueToday', 'pastNextFollowUp', 'sleeping', 'openTickets'];

/** Items shown per section, most urgent first; the section says how many more there are. */
export const MY_DAY_SECTION_LIMIT = 50;

/** The columns that decide what is on the list; display columns are read for the shown items only. */
const SELECT_KEYS = {
  customers: [
    'id',
    'owner',
    'coOwner',
    'doNotContact',
    'status',
    'nextFollowUpDue',
    'lastContactAt',
    'createdAt',
    'mergedInto',
  ],
  followUps: ['id', 'customerId', 'owner', 'status', 'nextActionDue'],
  tickets: ['id', 'customerId', 'assignee', 'status', 'archivedAt', 'resolutionDue'],
} as const;
const DISPLAY_KEYS = {
  customers: ['name', 'contactName'],
  followUps: ['customerName', 'nextAction', 'topic', 'content'],
  tickets: ['customerName', 'description'],
} as const;

type ListTable = keyof typeof SELECT_KEYS;
const LIST_TABLES: readonly ListTable[] = ['customers', 'followUps', 'tickets'];

/**
 * The rep's lists from targeted reads (issue 18): their customers and tickets found by searching the
 * owner / co-owner and assignee columns, their open follow-ups as the rows found both by owner and by
 * "open" status, then only the columns that decide the lists; names and details are read afterwards for
 * the items shown (at most MY_DAY_SECTION_LIMIT per section).
 */
function myDayFor(
  email: string,
  context: ActionContext,
  settings: SettingsValues,
  opened: Partial<Record<ListTable, Table>>,
): MyDay & { totals: Record<keyof MyDay, number> } {
  const { zone, nowMs } = context;
  const tables = opened as Record<ListTable, Table>;
  const mine = escapeRegex(email);
  // The rep's open follow-ups and open tickets: owner/assignee and status are side by side in the
  // templates, so one search over both columns finds the rows where both match (two when a user moved
  // them apart). Customers: owner or co-owner contains the e-mail (buildMyDay checks it exactly).
  const rows: Record<ListTable, number[]> = {
    customers: findRowsContaining(tables.customers, ['owner', 'coOwner'], email),
    followUps: findRowsMatchingAll(tables.followUps, {
      owner: mine,
      status: optionsPattern('followUps', 'status', ['open']),
    }),
    tickets: findRowsMatchingAll(tables.tickets, {
      assignee: mine,
      status: optionsPattern('tickets', 'status', ['pending', 'inProgress']),
    }),
  };
  const [customers, followUps, tickets] = readRowsOf(
    LIST_TABLES.map((table) => ({ table: tables[table], rows: rows[table], keys: SELECT_KEYS[table] })),
    zone,
  ) as [TableRecord[], TableRecord[], TableRecord[]];
  const records: Record<ListTable, TableRecord[]> = { customers, followUps, tickets };
  const build = (): MyDay =>
    buildMyDay({
      email,
      customers: records.customers.map((record) => record.values),
      followUps: records.followUps.map((record) => record.values),
      tickets: records.tickets.map((record) => record.values),
      nowMs,
      zone,
      settings,
    });
  const first = build();
  // Display columns of the shown items only, merged into the records read above (same objects' rows).
  const shownIds: Record<ListTable, Set<string>> = { customers: new Set(), followUps: new Set(), tickets: new Set() };
  for (const key of SECTIONS)
    for (const entry of first[key].slice(0, MY_DAY_SECTION_LIMIT)) shownIds[entry.table].add(entry.id);
  // Follow-up and ticket titles are their customer's name when the customer is on the rep's list. One batch
  // read for the three tables.
  const shownRows = (table: ListTable) =>
    records[table].filter((record) => shownIds[table].has(String(record.values.id ?? ''))).map((r) => r.row);
  const displays = readRowsOf(
    LIST_TABLES.map((table) => ({ table: tables[table], rows: shownRows(table), keys: DISPLAY_KEYS[table] })),
    zone,
  );
  LIST_TABLES.forEach((table, index) => {
    const display = new Map((displays[index] ?? []).map((record) => [record.row, record.values]));
    records[table] = records[table].map((record) => ({
      row: record.row,
      values: { ...record.values, ...(display.get(record.row) ?? {}) },
    }));
  });
  return withTotals(build());
}

/** Each section cut to MY_DAY_SECTION_LIMIT, with how many it had (and `uncounted` more, known only by count). */
function withTotals(
  day: MyDay,
  uncounted: Partial<Record<keyof MyDay, number>> = {},
): MyDay & { totals: Record<keyof MyDay, number> } {
  const totals = {} as Record<keyof MyDay, number>;
  for (const key of SECTIONS) {
    totals[key] = day[key].length + (uncounted[key] ?? 0);
    day[key] = day[key].slice(0, MY_DAY_SECTION_LIMIT);
  }
  return { ...day, totals };
}

/**
 * The rep's lists from the My day index (workbook/my-day-index.ts): the rep's block plus the rows written
 * since it was built, in one read. A missing or old index is built first, under the lock. Null when that
 * can't be done now (another save holds the lock, the workbook is full): the caller searches instead.
 */
function indexedMyDay(
  email: string,
  context: ActionContext,
  settings: SettingsValues,
  tables: Record<ListTable, Table>,
): (MyDay & { totals: Record<keyof MyDay, number> }) | null {
  const { properties, zone, nowMs } = context;
  // The rep's lean customers (past due, sleeping): only those the lists can show are decoded, the rest counted.
  const build = ({ indexed, lean, fresh }: IndexedRecords) => {
    const records = mergeIndexed(email, indexed, fresh);
    const freshIds = new Set(fresh.filter((record) => record.table === 'customers').map((r) => String(r.values.id)));
    const picked = pickLeanCustomers(
      lean,
      freshIds,
      customersWithOpenAction(email, records.followUps),
      nowMs,
      sleepingBefore(nowMs, settings, zone),
      MY_DAY_SECTION_LIMIT,
    );
    const customers = [...records.customers, ...picked.decoded];
    return withTotals(buildMyDay({ email, ...records, customers, nowMs, zone, settings }), picked.uncounted);
  };
  const meta = readIndexMeta(properties);
  if (indexUsable(meta, nowMs, settings)) {
    try {
      return build(readIndexFor(email, meta, properties, tables, zone));
    } catch (error) {
      // The index sheet was deleted, or rows under it: build it again.
      console.warn(`My day index unreadable, building it again: ${String(error)}`);
    }
  }
  try {
    const entries = underLock(context, () => {
      const again = readIndexMeta(properties);
      // Built by another execution while this one waited for the lock.
      if (indexUsable(again, nowMs, settings) && again.builtMs !== meta?.builtMs) {
        return readIndexFor(email, again, properties, tables, zone);
      }
      const built = buildMyDayIndex(tables, properties, context.spreadsheet, settings, zone, nowMs, context.language);
      return { indexed: built, lean: [], fresh: [] };
    });
    return build(entries);
  } catch (error) {
    if (!(error instanceof BusyError)) console.warn(`My day index not built: ${String(error)}`);
    return null;
  }
}
const PAGE_MESSAGES: readonly MessageKey[] = [
  'myDay.title',
  'myDay.empty',
  'myDay.more',
  'myDay.refresh',
  'common.loading',
];

/** Menu: My day. */
export function showMyDay(): void {
  showSidebar('my-day', actionContext().t('myDay.title'));
}

/** google.script.run: the current rep's lists (most urgent first, at most MY_DAY_SECTION_LIMIT each). */
export function getMyDay(): ActionResult<MyDayView> {
  const context = actionContext();
  const { t, zone, nowMs, spreadsheet, properties } = context;
  if (!context.userEmail) return fail('forbidden', t('myDay.unknownUser'));
  try {
    ensureInstalledForReading(context);
    const opened = openTables(
      { open: ['customers', 'followUps', 'tickets'], whole: ['settings'] },
      properties,
      spreadsheet,
      zone,
    );
    const settings = readSettings(properties, spreadsheet, zone, opened.settings).values;
    const tables = opened as Record<ListTable, Table>;
    const day =
      indexedMyDay(context.userEmail, context, settings, tables) ??
      myDayFor(context.userEmail, context, settings, opened);
    const sections: MyDaySection[] = SECTIONS.map((key) => ({
      key,
      title:
        key === 'sleeping' ? t('myDay.sleeping', { days: settings.sleepingDays }) : t(`myDay.${key}` as MessageKey),
      total: day.totals[key],
      items: day[key].map((entry) => ({
        table: entry.table,
        id: entry.id,
        title: entry.title,
        detail: entry.detail,
        when: entry.at === null ? '' : formatLocal(entry.at, zone, 'datetime'),
      })),
    }));
    const all = catalogue(context.language);
    const messages: PageMessages = {};
    for (const key of PAGE_MESSAGES) messages[key] = all[key];
    return ok({
      language: context.language,
      email: context.userEmail,
      asOf: t('myDay.asOf', { time: formatLocal(nowMs, zone, 'datetime') }),
      sections,
      messages,
    });
  } catch (error) {
    return asActionFailure(error, t);
  }
}
