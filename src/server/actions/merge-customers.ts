import type { MessageKey } from '../../shared/i18n/translate';
import type { MergeCustomer, MergeForm, SaveMergeRequest, SavedMerge } from '../../shared/rpc/merge-customers';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { editFormValues } from '../../shared/rules/customer-edit';
import { INTAKE_FIELDS, validateCustomerInput, type IntakeField } from '../../shared/rules/customer-input';
import { rowHint } from '../../shared/rules/follow-up-input';
import { REF_TABLES, type RefTable } from '../../shared/rules/customer-refs';
import { differingFields, mergedInput, parsePicks, staleFields } from '../../shared/rules/merge-customers';
import { escapeRegex } from '../../shared/rules/normalize';
import type { FieldValue } from '../../shared/schema/cells';
import { columnOf, enumLabel, headerLabel, TEMPLATES } from '../../shared/schema/templates';
import { formatLocal } from '../../shared/time/local';
import type { Zone } from '../../shared/time/zone';
import type { Language } from '../../shared/i18n/language';
import { customerRefs, refsConfirmed } from '../workbook/customer-refs';
import type { DocumentPropertiesSnapshot } from '../workbook/layout';
import { logRecord } from '../workbook/log';
import { matchKeysOf } from '../workbook/match-keys';
import { markRefsChanged } from '../workbook/my-day-index';
import { openTables } from '../workbook/open-tables';
import { appendRecords, writeFields, type FieldValues, type Table, type TableRecord } from '../workbook/table';
import { findCandidateRows, findRows, readRows, readRowsOf } from '../workbook/targeted-reads';
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
 * Merge duplicates (issue 19 item 9): from a customer flagged "possible duplicate of", the sidebar shows both
 * customers side by side, the user picks field by field which value the kept customer keeps, and the save,
 * under the document lock and in one batched write, writes the picked values to the kept customer's row
 * (only the cells that change, with its match keys derived again), re-points every follow-up, ticket, survey
 * and transaction of the other customer to the kept id (found from the My day index's customer-rows block,
 * or by searching each table's customerId column when it can't answer),
 * marks the other row merged with a pointer to the kept id (never deleted: `mergedInto`, which My day, the
 * digests, duplicate checks, the dashboard and grading read to leave it out), and adds one Log row.
 */

const FORM_MESSAGES: readonly MessageKey[] = [
  'merge.title',
  'merge.intro',
  'merge.keptId',
  'merge.otherId',
  'merge.load',
  'merge.swap',
  'merge.kept',
  'merge.other',
  'merge.field',
  'merge.submit',
  'merge.saving',
  'merge.noPair',
  'merge.isMerged',
  'merge.done',
  'merge.alreadySaved',
  'merge.same',
  'common.loading',
  'common.none',
  'error.validation',
  'editCustomer.yes',
  'editCustomer.no',
];

/** Computed fields shown beside the picks (grading derives them again from the merged history). */
const INFO_KEYS = [
  'stage',
  'status',
  'valueTier',
  'annualValue',
  'segment',
  'lastContactAt',
  'nextFollowUpDue',
  'satisfactionScore',
  'createdAt',
] as const;

/** What the form reads of each customer. */
const FORM_KEYS = ['id', ...INTAKE_FIELDS, ...INFO_KEYS, 'possibleDuplicateOf', 'mergedInto'] as const;

/** What a save reads of both customers: the form's fields and what the save derives or rewrites. */
const SAVE_KEYS = [
  ...FORM_KEYS,
  'followUpOverdue',
  'needsAnalysisDue',
  'needsAnalysisOverdue',
  'sleeping',
  'churnRisk',
  'churnRiskReasons',
  'churnRiskSince',
  'churnEscalated',
  'corePool',
  'requestId',
  'matchKeys',
  'updatedAt',
] as const;

const OWNED_KEYS = ['id', 'customerId', 'customerName', 'updatedAt'] as const;

/** A merged customer's computed flags, cleared so its row no longer colours or counts as a live customer's. */
const CLEARED_FLAGS: FieldValues = {
  nextFollowUpDue: null,
  followUpOverdue: false,
  needsAnalysisDue: null,
  needsAnalysisOverdue: false,
  sleeping: false,
  churnRisk: false,
  churnRiskReasons: null,
  churnRiskSince: null,
  churnEscalated: false,
  corePool: false,
};

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

function text(value: FieldValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** A field's value as the form shows it, in the workbook's language ('' empty). */
function shownValue(key: string, value: FieldValue | undefined, context: ActionContext): string {
  if (value === null || value === undefined || value === '') return '';
  const column = columnOf(TEMPLATES.customers, key);
  if (typeof value === 'boolean') return context.t(value ? 'editCustomer.yes' : 'editCustomer.no');
  const at = instant(value);
  if (at !== null) return formatLocal(at, context.zone, column.type === 'date' ? 'date' : 'datetime');
  if (column.type === 'enum') return enumLabel(column, String(value), context.language) ?? String(value);
  if (typeof value === 'number' && (column.type === 'money' || column.type === 'score')) {
    return column.type === 'score' ? value.toFixed(1) : value.toLocaleString('en-US');
  }
  return String(value);
}

function mergeCustomer(record: TableRecord, context: ActionContext): MergeCustomer {
  const shown: Record<string, string> = {};
  for (const key of [...INTAKE_FIELDS, ...INFO_KEYS]) shown[key] = shownValue(key, record.values[key], context);
  return {
    id: text(record.values.id),
    row: record.row,
    values: editFormValues(record.values, context.zone),
    shown,
    mergedInto: text(record.values.mergedInto),
    possibleDuplicateOf: text(record.values.possibleDuplicateOf),
  };
}

/** The customers with these ids: one search of the id column (whole cells), the rows read with `keys`. */
function customersById(
  customers: Table,
  ids: readonly string[],
  keys: readonly string[],
  zone: Zone,
): Map<string, TableRecord> {
  const found = new Map<string, TableRecord>();
  const wanted = [...new Set(ids.filter((id) => id !== ''))];
  if (wanted.length === 0) return found;
  const rows = findRows(customers, 'id', `^(?:${wanted.map(escapeRegex).join('|')})$`, { regex: true });
  for (const record of readRows(customers, rows, keys, zone)) {
    const id = text(record.values.id);
    if (wanted.includes(id) && !found.has(id)) found.set(id, record);
  }
  return found;
}

/** Menu: Merge duplicates. */
export function showMergeCustomers(): void {
  showSidebar('merge-customers', actionContext().t('merge.title'));
}

/**
 * google.script.run: the form. With two ids, those customers (kept first); without, the customer of the
 * selected Customers row as the duplicate and the one it is flagged a possible duplicate of as the kept one
 * (followed once to the customer that one was merged into, if it was). Reads the selected row, then one
 * search of the id column for the customers named by id.
 */
export function getMergeForm(request?: unknown): ActionResult<MergeForm> {
  const context = actionContext();
  const body = requestObject(request);
  try {
    const hasIds = body.keptId !== undefined || body.otherId !== undefined;
    const keptId = hasIds ? parseCustomerId(body.keptId) : null;
    const otherId = hasIds ? parseCustomerId(body.otherId) : null;
    if (hasIds && (!keptId || !otherId)) return fail('validation', context.t('validation.customer'));
    if (hasIds && keptId === otherId) return fail('validation', context.t('merge.same'));
    ensureInstalledForReading(context);
    const { spreadsheet, properties, zone, language } = context;
    const customers = openTables({ open: ['customers'] }, properties, spreadsheet, zone).customers as Table;
    let kept: TableRecord | null = null;
    let other: TableRecord | null = null;
    if (keptId && otherId) {
      const found = customersById(customers, [keptId, otherId], FORM_KEYS, zone);
      kept = found.get(keptId) ?? null;
      other = found.get(otherId) ?? null;
      if (!kept || !other) return fail('notFound', context.t('error.notFound'));
    } else if (spreadsheet.getActiveSheet().getSheetId() === customers.layout.sheetId) {
      const row = spreadsheet.getActiveRange()?.getRow() ?? 0;
      other = row >= 2 ? (readRows(customers, [row], FORM_KEYS, zone)[0] ?? null) : null;
      if (other && text(other.values.id) === '') other = null;
      const flagged = other ? text(other.values.possibleDuplicateOf) : '';
      if (other && flagged !== '' && flagged !== text(other.values.id)) {
        kept = customersById(customers, [flagged], FORM_KEYS, zone).get(flagged) ?? null;
        const into = kept ? text(kept.values.mergedInto) : '';
        if (kept && into !== '' && into !== text(other.values.id)) {
          kept = customersById(customers, [into], FORM_KEYS, zone).get(into) ?? kept;
        }
      }
    }
    return ok({
      language,
      fields: INTAKE_FIELDS.map((key) => ({ key, label: headerLabel(columnOf(TEMPLATES.customers, key), language) })),
      info: INFO_KEYS.map((key) => ({ key, label: headerLabel(columnOf(TEMPLATES.customers, key), language) })),
      kept: kept ? mergeCustomer(kept, context) : null,
      other: other ? mergeCustomer(other, context) : null,
      messages: pageMessages(language, FORM_MESSAGES),
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}

/**
 * The last merges' request ids, kept in one document property, so a retried save (the sidebar lost the
 * answer) is told what the first one did and writes nothing again. It counts only when the other row shows
 * the merge was written (mergedInto = the kept id), so a save whose cells never landed is merged now.
 */
export const RECENT_MERGES_PROPERTY = 'crm.mergeCustomers.recent';
const RECENT_MERGES = 20;
/** Below the 9 KB a property value may hold (Apps Script quotas). */
const MAX_PROPERTY_LENGTH = 8000;

interface RecentMerge {
  requestId: string;
  keptId: string;
  mergedId: string;
  fromOther: IntakeField[];
  moved: SavedMerge['moved'];
}

function recentMerges(properties: DocumentPropertiesSnapshot): RecentMerge[] {
  const raw = properties.values[RECENT_MERGES_PROPERTY];
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed)
      ? parsed.filter(
          (entry): entry is RecentMerge =>
            typeof entry === 'object' &&
            entry !== null &&
            typeof (entry as RecentMerge).requestId === 'string' &&
            typeof (entry as RecentMerge).keptId === 'string' &&
            typeof (entry as RecentMerge).mergedId === 'string' &&
            Array.isArray((entry as RecentMerge).fromOther) &&
            typeof (entry as RecentMerge).moved === 'object',
        )
      : [];
  } catch {
    return []; // a damaged value forgets the recent merges, never blocks one
  }
}

function rememberMerge(properties: DocumentPropertiesSnapshot, merge: RecentMerge): void {
  let entries = [...recentMerges(properties).filter((entry) => entry.requestId !== merge.requestId), merge].slice(
    -RECENT_MERGES,
  );
  while (entries.length > 1 && JSON.stringify(entries).length > MAX_PROPERTY_LENGTH) entries = entries.slice(1);
  properties.set(RECENT_MERGES_PROPERTY, JSON.stringify(entries));
}

/**
 * google.script.run: merges the other customer into the kept one. Under the document lock, context loaded
 * after it: checks the request (nothing is read for a bad one); reads both customers by their row hints with
 * the table headers in one batch (else by one search of the id column); refuses a customer merged already,
 * merging into a merged customer, and a stale form (either customer's fields changed since it loaded); finds
 * the other's rows by one search of the customerId column of each of the four tables and reads them in one
 * batch; then writes everything in one batched write: the re-pointed rows first, the kept row, the merged
 * row's mark, the Log row. A retried request is answered with what the first one did.
 */
export function saveMerge(request: unknown): ActionResult<SavedMerge> {
  const body = requestObject(request) as Partial<Record<keyof SaveMergeRequest, unknown>>;
  return lockedAction((context) => {
    const { t } = context;
    const requestId = parseRequestId(body.requestId);
    if (!requestId) return fail('validation', t('error.requestId'));
    const keptId = parseCustomerId(body.keptId);
    const otherId = parseCustomerId(body.otherId);
    if (!keptId || !otherId) {
      const fields: Record<string, string> = {};
      if (!keptId) fields.keptId = t('validation.customer');
      if (!otherId) fields.otherId = t('validation.customer');
      return fail('validation', t('validation.customer'), fields);
    }
    if (keptId === otherId) return fail('validation', t('merge.same'), { otherId: t('merge.same') });
    const picks = parsePicks(body.picks ?? {});
    if (!picks) return fail('validation', t('error.invalidRequest', { detail: 'picks' }));
    const original = requestObject(body.original);
    const loadedKept = requestObject(original.kept);
    const loadedOther = requestObject(original.other);
    if (Object.keys(loadedKept).length === 0 || Object.keys(loadedOther).length === 0) {
      return fail('validation', t('error.invalidRequest', { detail: 'original' }));
    }
    ensureInstalled(context);
    const { spreadsheet, properties, zone, nowMs, language } = context;

    const hints = [rowHint(body.keptRow), rowHint(body.otherRow)].filter((row) => row > 0);
    const opened = openTables(
      {
        open: ['customers', ...REF_TABLES, 'log'],
        appendTo: ['log'],
        rows: hints.length > 0 ? [{ table: 'customers', rows: hints, keys: SAVE_KEYS }] : [],
      },
      properties,
      spreadsheet,
      zone,
    );
    const customers = opened.customers as Table;
    const byId = new Map<string, TableRecord>();
    for (const record of customers.records) {
      const id = text(record.values.id);
      if ((id === keptId || id === otherId) && hints.includes(record.row) && !byId.has(id)) byId.set(id, record);
    }
    const missing = [keptId, otherId].filter((id) => !byId.has(id));
    if (missing.length > 0) {
      for (const [id, record] of customersById(customers, missing, SAVE_KEYS, zone)) byId.set(id, record);
    }
    const kept = byId.get(keptId);
    const other = byId.get(otherId);
    if (!kept || !other) {
      const fields: Record<string, string> = {};
      if (!kept) fields.keptId = t('error.notFound');
      if (!other) fields.otherId = t('error.notFound');
      return fail('notFound', t('error.notFound'), fields);
    }
    const keptInto = text(kept.values.mergedInto);
    if (keptInto !== '') {
      return fail('validation', t('merge.intoMerged', { id: keptId, into: keptInto }), {
        keptId: t('merge.intoMerged', { id: keptId, into: keptInto }),
      });
    }
    const otherInto = text(other.values.mergedInto);
    const retried = recentMerges(properties).find(
      (entry) => entry.requestId === requestId && entry.keptId === keptId && entry.mergedId === otherId,
    );

    // The other customer's rows in the four tables. From the My day index's customer-rows block when it can
    // answer (workbook/customer-refs.ts: its bucket and the rows appended since the build, one batch read; every
    // listed row is checked below to still hold the customer's record). Otherwise by searching: Follow-ups, the
    // largest table by far, by one search of its customer-id column; the other three tables' customer-id columns
    // in one batch read (a search would cost 3 calls each). Then those rows' columns in one more read.
    const tables = REF_TABLES.map((key) => opened[key] as Table);
    const refTables = Object.fromEntries(REF_TABLES.map((key, at) => [key, tables[at]])) as Record<RefTable, Table>;
    const searchedRows = (): number[][] => {
      const [followUps, ...smaller] = tables as [Table, ...Table[]];
      const idColumns = readRowsOf(
        smaller.map((table) => ({ table, rows: [], keys: ['customerId'], from: 2 })),
        zone,
      );
      return [
        findCandidateRows(followUps, 'customerId', otherId),
        ...idColumns.map((records) =>
          records.filter((record) => record.values.customerId === otherId).map((record) => record.row),
        ),
      ];
    };
    const ownedRows = (candidates: readonly number[][]): TableRecord[][] =>
      readRowsOf(
        tables.map((table, index) => ({ table, rows: candidates[index] ?? [], keys: OWNED_KEYS })),
        zone,
      ).map((records) => records.filter((record) => record.values.customerId === otherId));
    const refs = customerRefs(refTables, otherId, properties, zone, nowMs);
    let owned = ownedRows(refs ? REF_TABLES.map((table) => refs.rows[table]) : searchedRows());
    // A listed row holds another record now: rows moved since the build, so search after all.
    if (refs && !refsConfirmed(refs, owned)) owned = ownedRows(searchedRows());

    if (otherInto === keptId && retried) {
      // A retry of a merge that was written: nothing to do but the rows a partial write may have left.
      const writes = new WriteBatch(zone, properties);
      repoint(tables, owned, keptId, text(kept.values.name), nowMs, language, writes);
      writes.commit();
      return ok({
        keptId,
        mergedId: otherId,
        fromOther: retried.fromOther,
        moved: retried.moved,
        alreadySaved: true,
      });
    }
    if (otherInto !== '') {
      return fail('validation', t('merge.alreadyMerged', { id: otherId, into: otherInto }), {
        otherId: t('merge.alreadyMerged', { id: otherId, into: otherInto }),
      });
    }

    // A stale form: either customer's fields changed since it loaded (someone edited the sheet or saved).
    const keptNow = editFormValues(kept.values, zone);
    const otherNow = editFormValues(other.values, zone);
    for (const [id, loaded, now] of [
      [keptId, loadedKept, keptNow],
      [otherId, loadedOther, otherNow],
    ] as const) {
      const stale = staleFields(loaded, now);
      if (stale.length > 0) {
        const labels = stale.map((key) => headerLabel(columnOf(TEMPLATES.customers, key), language));
        return fail('conflict', t('merge.stale', { id, fields: labels.join(t('editCustomer.listSeparator')) }));
      }
    }

    const merged = mergedInput(keptNow, otherNow, picks);
    const { values, errors } = validateCustomerInput(merged, null);
    const invalid = fieldErrorsFailure<SavedMerge>(errors, t);
    if (invalid && !invalid.ok) return fail('validation', t('merge.invalid'), invalid.error.fields);

    // The kept row: the fields taken from the other that change it, its match keys and the derived dates.
    const changedKeys = differingFields(keptNow, merged);
    const fromOther = changedKeys.filter((key) => picks[key] === 'other');
    const now = new Date(nowMs);
    const update: FieldValues = { updatedAt: now };
    for (const key of fromOther) update[key] = values[key];
    const keys = matchKeysOf({ ...kept.values, ...update });
    update.matchKeys = keys === '' ? null : keys;
    if (text(kept.values.possibleDuplicateOf) === otherId) update.possibleDuplicateOf = null;
    const lastContact = [instant(kept.values.lastContactAt), instant(other.values.lastContactAt)].filter(
      (at): at is number => at !== null,
    );
    if (lastContact.length > 0) update.lastContactAt = new Date(Math.max(...lastContact));
    // The sooner of the two next follow-ups (the other's open actions now belong to the kept customer).
    const dues = [instant(kept.values.nextFollowUpDue), instant(other.values.nextFollowUpDue)].filter(
      (at): at is number => at !== null,
    );
    const due = values.doNotContact === true || dues.length === 0 ? null : Math.min(...dues);
    update.nextFollowUpDue = due === null ? null : new Date(due);
    update.followUpOverdue = due !== null && nowMs > due;

    // The merged row: the pointer, its match keys (no contact keys: duplicate checks pass it by; the request
    // key stays so a retried intake still finds it) and its live flags cleared.
    const mark: FieldValues = { ...CLEARED_FLAGS, mergedInto: keptId, updatedAt: now };
    const otherKeys = matchKeysOf({ ...other.values, mergedInto: keptId });
    mark.matchKeys = otherKeys === '' ? null : otherKeys;
    if (text(other.values.possibleDuplicateOf) === keptId) mark.possibleDuplicateOf = null;

    const keptName = text(values.name ?? kept.values.name);
    const writes = new WriteBatch(zone, properties);
    const moved = repoint(tables, owned, keptId, keptName, nowMs, language, writes);
    writeFields(
      customers,
      [
        { row: kept.row, values: update },
        { row: other.row, values: mark },
      ],
      language,
      writes,
    );
    const movedTotal = moved.followUps + moved.tickets + moved.satisfaction + moved.transactions;
    const fieldLabels = fromOther.map((key) => headerLabel(columnOf(TEMPLATES.customers, key), language));
    appendRecords(
      opened.log as Table,
      [
        logRecord({
          startedMs: nowMs,
          action: 'mergeCustomers',
          user: context.userEmail,
          rowsExamined: 2 + owned.reduce((sum, records) => sum + records.length, 0),
          rowsChanged: 2 + movedTotal,
          durationMs: Date.now() - nowMs,
          result: 'ok',
          details: t('merge.logDetails', {
            merged: otherId,
            mergedName: text(other.values.name),
            kept: keptId,
            keptName,
            fields: fieldLabels.length > 0 ? fieldLabels.join(t('editCustomer.listSeparator')) : t('common.none'),
            followUps: moved.followUps,
            tickets: moved.tickets,
            surveys: moved.satisfaction,
            transactions: moved.transactions,
          }),
        }),
      ],
      language,
      writes,
    );
    // Sent with the batch's property writes, before the cells; a retry also checks the merged row's mark.
    rememberMerge(properties, { requestId, keptId, mergedId: otherId, fromOther, moved });
    // The kept customer's rows now include the other's: its entry in the customer-rows block is incomplete.
    if (movedTotal > 0) markRefsChanged(properties, [keptId]);
    writes.commit();
    return ok({ keptId, mergedId: otherId, fromOther, moved, alreadySaved: false });
  });
}

/** Points the other customer's rows at the kept customer (its id and name); returns how many per table. */
function repoint(
  tables: readonly Table[],
  owned: readonly TableRecord[][],
  keptId: string,
  keptName: string,
  nowMs: number,
  language: Language,
  writes: WriteBatch,
): SavedMerge['moved'] {
  const counts = { followUps: 0, tickets: 0, satisfaction: 0, transactions: 0 } satisfies Record<RefTable, number>;
  const now = new Date(nowMs);
  tables.forEach((table, index) => {
    const records = owned[index] ?? [];
    counts[table.template.table as RefTable] = records.length;
    if (records.length === 0) return;
    writeFields(
      table,
      records.map((record) => ({
        row: record.row,
        values: { customerId: keptId, customerName: keptName || null, updatedAt: now },
      })),
      language,
      writes,
    );
  });
  return counts;
}
