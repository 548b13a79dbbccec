/// <reference types="google-apps-script" />
import type { Language } from '../src/shared/i18n/language';
import { careActionsDue, followUpOverdueUpdates, ticketSlaUpdates } from '../src/shared/rules/scan-flags';
import { nextFollowUpDue } from '../src/shared/rules/cadence';
import { lowSatisfactionDue, ticketDues } from '../src/shared/rules/deadlines';
import { validateNeedsAnalysis } from '../src/shared/rules/grading-input';
import { isLowSatisfaction, joinsCorePool, surveyScore, validateSurveyInput } from '../src/shared/rules/survey';
import { planTicketAction, type TicketAction } from '../src/shared/rules/ticket-workflow';
import { isFirstPurchase, parseTransactionAmount } from '../src/shared/rules/transaction-input';
import { phoneMatchKey } from '../src/shared/rules/normalize';
import { findDuplicates } from '../src/shared/rules/duplicates';
import { changedValues, gradeCustomers } from '../src/shared/rules/grading';
import { buildMyDay } from '../src/shared/rules/my-day';
import { computeDashboard } from '../src/shared/rules/kpi';
import { dashboardSheet } from '../src/shared/rules/kpi-layout';
import { memberDigest, renderDigest } from '../src/shared/rules/digest';
import { defaultSettings } from '../src/shared/rules/settings';
import { readCell, writeCell, type FieldValue } from '../src/shared/schema/cells';
import { TEMPLATES, type TableKey } from '../src/shared/schema/templates';
import { fixedOffsetZone } from '../src/shared/time/zone';
import type { ExecutionCost } from './cost-model';
import type { WorkloadKey, WorkloadRun } from './workloads';
import {
  analysisCustomer,
  FOLLOW_UP_FIELDS,
  editedGrade,
  followUpCustomer,
  mergePair,
  HEIR,
  reassignedRows,
  IMPORT_ROWS,
  importRows,
  intakeFields,
  lookupQueries,
  needsAnalysisRequest,
  pendingTicket,
  purchaseCustomer,
  SURVEY_FIELDS,
  TICKET_RESOLUTION,
  ticketFields,
  TRANSACTION_FIELDS,
} from './workloads';
import { measure, type Workbench } from './workbench';

/**
 * The naive baseline: the same workloads written the way typical Apps Script tutorials do it, against the
 * runtime's SpreadsheetApp globals (not part of the add-on): sheets by name, a getRange(...).getValues()
 * per row in a loop, a setValue per changed cell, appendRow per new row. The business rules are the same
 * pure functions the add-on uses (src/shared), so both sides do the same work and only the I/O differs.
 */
type Values = Record<string, FieldValue>;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const LANGUAGE: Language = 'zh-CN';
const ZONE = fixedOffsetZone('Asia/Shanghai', 480);

interface Naive {
  bench: Workbench;
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  nowMs: number;
}

function sheetOf(naive: Naive, table: TableKey): Sheet {
  const sheet = naive.app.getActiveSpreadsheet().getSheetByName(naive.bench.tables[table].sheetName);
  if (!sheet) throw new Error(`naive: no sheet for ${table}`);
  return sheet;
}

/** for (row = 2; row <= lastRow; row++) values = sheet.getRange(row, 1, 1, width).getValues()[0] */
function readRows(
  naive: Naive,
  table: TableKey,
  stopWhen?: (values: Values) => boolean,
): { row: number; values: Values }[] {
  const layout = naive.bench.tables[table];
  const sheet = sheetOf(naive, table);
  const last = sheet.getLastRow();
  const out: { row: number; values: Values }[] = [];
  for (let row = 2; row <= last; row++) {
    const cells = sheet.getRange(row, 1, 1, layout.width).getValues()[0] ?? [];
    const values: Values = {};
    for (const column of TEMPLATES[table].columns) {
      const index = layout.columns[column.key];
      values[column.key] = index === undefined ? null : readCell(column, cells[index - 1]);
    }
    out.push({ row, values });
    if (stopWhen?.(values)) break;
  }
  return out;
}

/** sheet.getRange(row, column).setValue(value) for every changed cell. */
function writeCells(naive: Naive, table: TableKey, updates: readonly { row: number; values: Values }[]): number {
  const layout = naive.bench.tables[table];
  const sheet = sheetOf(naive, table);
  let cells = 0;
  for (const update of updates) {
    for (const [key, value] of Object.entries(update.values)) {
      const index = layout.columns[key];
      const column = TEMPLATES[table].columns.find((candidate) => candidate.key === key);
      if (index === undefined || !column) continue;
      sheet.getRange(update.row, index).setValue(writeCell(column, value ?? null, LANGUAGE));
      cells += 1;
    }
  }
  return cells;
}

/** sheet.appendRow(line) for every new record. */
function appendRows(naive: Naive, table: TableKey, records: readonly Values[]): void {
  const layout = naive.bench.tables[table];
  const sheet = sheetOf(naive, table);
  for (const record of records) {
    const line: unknown[] = new Array(layout.width).fill('');
    for (const column of TEMPLATES[table].columns) {
      const index = layout.columns[column.key];
      if (index !== undefined && column.key in record)
        line[index - 1] = writeCell(column, record[column.key] ?? null, LANGUAGE);
    }
    sheet.appendRow(line);
  }
}

function nextId(prefix: string, records: readonly { values: Values }[], serial: number): string {
  return `${prefix}20240603${String(records.length + serial).padStart(3, '0')}`;
}

/** An id from the sheet's last row, as a tutorial numbers new rows (one getLastRow call). */
function idFromLastRow(naive: Naive, table: TableKey, prefix: string, serial = 0): string {
  return `${prefix}20240603${String(sheetOf(naive, table).getLastRow() + serial).padStart(3, '0')}`;
}

/** for (row = 2; …) until the row whose id is `id`: the record, or the benchmark stops. */
function findById(naive: Naive, table: TableKey, id: string): { row: number; values: Values } {
  const found = readRows(naive, table, (values) => values.id === id);
  const record = found[found.length - 1];
  if (!record || record.values.id !== id) throw new Error(`naive: ${table} ${id} not found`);
  return record;
}

const instantOf = (value: FieldValue | undefined): number | null =>
  Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : null;

/** A '2024-06-03T08:30' form value in the workbook's zone. */
const localInstant = (text: string): number => Date.parse(`${text.length === 10 ? `${text}T00:00` : text}:00+08:00`);

/** One step of the ticket workflow: find the ticket, plan the step, write each changed cell, its follow-ups. */
function ticketStepNaive(naive: Naive, ticketId: string, action: TicketAction, resolution: string | null): string {
  const ticket = findById(naive, 'tickets', ticketId);
  const needsActions = action !== 'take';
  const customer = needsActions ? findById(naive, 'customers', String(ticket.values.customerId ?? '')) : null;
  const plan = planTicketAction(
    {
      status: ticket.values.status,
      priority: (ticket.values.priority as string | null) ?? null,
      assignee: String(ticket.values.assignee ?? ''),
      customerOwner: String(customer?.values.owner ?? ''),
      firstResponseDue: instantOf(ticket.values.firstResponseDue),
      firstResponseAt: instantOf(ticket.values.firstResponseAt),
      resolutionDue: instantOf(ticket.values.resolutionDue),
      resolvedAt: instantOf(ticket.values.resolvedAt),
    },
    { action, resolution, confirmation: null, score: null },
    naive.nowMs,
    defaultSettings(),
    ZONE,
  );
  if (!plan.ok) throw new Error(`naive: ticket ${action}: ${plan.message}`);
  const now = new Date(naive.nowMs);
  const values: Values = { status: plan.change.status, updatedAt: now };
  for (const [key, value] of Object.entries(plan.change.fields)) {
    values[key] = typeof value === 'number' && key !== 'score' ? new Date(value) : (value as FieldValue);
  }
  writeCells(naive, 'tickets', [{ row: ticket.row, values }]);
  if (!needsActions) return `${action} ${ticketId} → ${plan.change.status}`;
  // The ticket's open follow-ups: every row of Follow-ups, one call each.
  const related = readRows(naive, 'followUps').filter(
    (record) => record.values.relatedId === ticketId && record.values.status === 'open',
  );
  writeCells(
    naive,
    'followUps',
    related
      .filter((record) => record.values.reason === 'ticketFollowUp')
      .map((record) => ({ row: record.row, values: { status: 'done', doneAt: now, overdue: false, updatedAt: now } })),
  );
  appendRows(
    naive,
    'followUps',
    plan.change.followUps.map((planned, index) => ({
      id: idFromLastRow(naive, 'followUps', 'G', index + 1),
      customerId: ticket.values.customerId ?? null,
      customerName: customer?.values.name ?? null,
      at: now,
      reason: planned.reason,
      relatedId: ticketId,
      nextAction: planned.reason,
      nextActionDue: new Date(planned.due),
      owner: planned.owner,
      status: 'open',
    })),
  );
  return `${action} ${ticketId} → ${plan.change.status} + ${plan.change.followUps.length} follow-up(s)`;
}

function gradeAllNaive(naive: Naive): number {
  const customers = readRows(naive, 'customers');
  const followUps = readRows(naive, 'followUps');
  const transactions = readRows(naive, 'transactions');
  const { graded } = gradeCustomers({
    customers: customers.map((record) => record.values),
    followUps: followUps.map((record) => record.values),
    transactions: transactions.map((record) => record.values),
    settings: defaultSettings(),
    nowMs: naive.nowMs,
    zone: ZONE,
  });
  const updates = customers
    .map((record, index) => ({
      row: record.row,
      values: changedValues(record.values, graded[index] as never) as Values,
    }))
    .filter((update) => Object.keys(update.values).length > 0);
  return writeCells(naive, 'customers', updates);
}

function dashboardNaive(naive: Naive): number {
  const values = (table: TableKey) => readRows(naive, table).map((record) => record.values);
  const team = values('team');
  const figures = computeDashboard({
    customers: values('customers'),
    followUps: values('followUps'),
    tickets: values('tickets'),
    satisfaction: values('satisfaction'),
    transactions: values('transactions'),
    team: team.map((member) => String(member.email ?? '')),
    settings: defaultSettings(),
    zone: ZONE,
    nowMs: naive.nowMs,
  });
  const layout = dashboardSheet(figures, {
    language: LANGUAGE,
    settings: defaultSettings(),
    zone: ZONE,
    timeZone: 'Asia/Shanghai',
    nowMs: naive.nowMs,
    lastScan: null,
    ownerNames: new Map(team.map((member) => [String(member.email ?? ''), String(member.name ?? '')])),
  });
  const dashboard = sheetOf(naive, 'dashboard');
  dashboard.clear();
  let cells = 0;
  layout.values.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (cell === '') return;
      dashboard.getRange(r + 1, c + 1).setValue(cell);
      cells += 1;
    }),
  );
  return cells;
}

function execution(bench: Workbench, fn: (naive: Naive) => string): { result: string; cost: ExecutionCost } {
  return measure(bench, () =>
    bench.runtime.ctx.runExecution({ user: bench.owner, authMode: 'FULL', label: 'bench:naive' }, () =>
      fn({
        bench,
        app: bench.runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp,
        nowMs: bench.runtime.clock.now(),
      }),
    ),
  );
}

function run(bench: Workbench, fn: (naive: Naive) => string): WorkloadRun {
  const { result, cost } = execution(bench, fn);
  return { executions: [cost], note: result };
}

/** Several executions (one click each, as the add-on's workload has), their notes joined. */
function runSteps(bench: Workbench, fns: readonly ((naive: Naive) => string)[]): WorkloadRun {
  const runs = fns.map((fn) => execution(bench, fn));
  return { executions: runs.map((one) => one.cost), note: runs.map((one) => one.result).join('; ') };
}

let tag = 900_000;

export const naiveWorkloads: Record<WorkloadKey, (bench: Workbench) => WorkloadRun> = {
  intake: (bench) =>
    run(bench, (naive) => {
      const fields = intakeFields((tag += 1), bench.rep.email);
      const customers = readRows(naive, 'customers');
      const matches = findDuplicates(
        {
          customerType: fields.customerType ?? null,
          name: fields.name ?? null,
          phone: fields.phone ?? null,
          email: fields.email ?? null,
        },
        customers.map((record) => ({
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
      if (matches.length > 0) throw new Error('naive: duplicate');
      const id = nextId('C', customers, 1);
      appendRows(naive, 'customers', [
        { ...fields, id, stage: 'initialContact', status: 'active', createdAt: new Date(naive.nowMs) },
      ]);
      return `saved ${id}`;
    }),
  followUp: (bench) =>
    run(bench, (naive) => {
      const customerId = followUpCustomer(bench);
      const found = readRows(naive, 'customers', (values) => values.id === customerId);
      const customer = found[found.length - 1];
      if (!customer || customer.values.id !== customerId) throw new Error('naive: customer not found');
      const at = new Date(Date.parse(`${FOLLOW_UP_FIELDS.at}:00+08:00`));
      appendRows(naive, 'followUps', [
        {
          id: `G20240603${String((tag += 1) % 1000).padStart(3, '0')}`,
          customerId,
          customerName: customer.values.name ?? null,
          at,
          direction: FOLLOW_UP_FIELDS.direction,
          channel: FOLLOW_UP_FIELDS.channel,
          content: FOLLOW_UP_FIELDS.content,
          nextAction: FOLLOW_UP_FIELDS.nextAction,
          nextActionDue: new Date(Date.parse(`${FOLLOW_UP_FIELDS.nextActionDue}:00+08:00`)),
          owner: bench.rep.email,
          status: 'open',
        },
      ]);
      const cells = writeCells(naive, 'customers', [
        {
          row: customer.row,
          values: {
            lastContactAt: at,
            nextFollowUpDue: new Date(naive.nowMs + 7 * 86_400_000),
            followUpOverdue: false,
            sleeping: false,
            updatedAt: new Date(naive.nowMs),
          },
        },
      ]);
      return `saved after reading ${found.length} rows, ${cells} cells updated`;
    }),
  myDayIndex: (bench) => naiveWorkloads.myDay(bench),
  myDay: (bench) =>
    run(bench, (naive) => {
      const values = (table: TableKey) => readRows(naive, table).map((record) => record.values);
      const day = buildMyDay({
        email: bench.rep.email,
        customers: values('customers'),
        followUps: values('followUps'),
        tickets: values('tickets'),
        nowMs: naive.nowMs,
        zone: ZONE,
        settings: defaultSettings(),
      });
      return `${Object.values(day).reduce((sum, items) => sum + (items as unknown[]).length, 0)} items`;
    }),
  needsAnalysis: (bench) =>
    run(bench, (naive) => {
      const customerId = analysisCustomer(bench);
      const { values: answers, errors } = validateNeedsAnalysis(needsAnalysisRequest(customerId));
      if (Object.keys(errors).length > 0) throw new Error(`naive: needs analysis: ${JSON.stringify(errors)}`);
      const customer = findById(naive, 'customers', customerId);
      // The customer's touches and open actions: every row of Follow-ups, one call each.
      let explicitDue: number | null = null;
      const touches: number[] = [];
      for (const record of readRows(naive, 'followUps')) {
        if (record.values.customerId !== customerId) continue;
        const at = instantOf(record.values.at);
        if (record.values.direction === 'outbound' && at !== null) touches.push(at);
        const due = instantOf(record.values.nextActionDue);
        if (record.values.status === 'open' && due !== null && (explicitDue === null || due < explicitDue)) {
          explicitDue = due;
        }
      }
      const grade = answers.cells.intentGrade;
      const due = nextFollowUpDue(
        {
          lastContactAt: instantOf(customer.values.lastContactAt),
          createdAt: instantOf(customer.values.createdAt) ?? naive.nowMs,
          intentGrade: grade,
          valueTier: (customer.values.valueTier as string | null) ?? null,
          segment: (customer.values.segment as string | null) ?? null,
          corePool: customer.values.corePool === true,
          doNotContact: customer.values.doNotContact === true,
          explicitDue,
          outboundTouches: touches,
        },
        defaultSettings(),
        ZONE,
      ).due;
      const now = new Date(naive.nowMs);
      const cells = writeCells(naive, 'customers', [
        {
          row: customer.row,
          values: {
            ...answers.cells,
            stage: customer.values.stage === 'initialContact' ? 'needsAnalysis' : (customer.values.stage ?? null),
            needsAnalyzedAt: now,
            needsAnalysisDue: null,
            needsAnalysisOverdue: false,
            nextFollowUpDue: due === null ? null : new Date(due),
            followUpOverdue: due !== null && naive.nowMs > due,
            updatedAt: now,
          },
        },
      ]);
      return `saved ${customerId} as ${grade}, ${cells} cells updated`;
    }),
  ticketSave: (bench) =>
    run(bench, (naive) => {
      const customerId = followUpCustomer(bench);
      const fields = ticketFields(bench.rep.email);
      const customer = findById(naive, 'customers', customerId);
      const reportedAt = localInstant(fields.reportedAt ?? '');
      const dues = ticketDues(fields.priority ?? null, reportedAt, defaultSettings(), ZONE);
      const id = idFromLastRow(naive, 'tickets', 'F');
      const now = new Date(naive.nowMs);
      appendRows(naive, 'tickets', [
        {
          ...fields,
          id,
          customerId,
          customerName: customer.values.name ?? null,
          reportedAt: new Date(reportedAt),
          status: 'pending',
          firstResponseDue: new Date(dues.firstResponseDue),
          resolutionDue: new Date(dues.resolutionDue),
          slaBreached: false,
          createdAt: now,
          updatedAt: now,
        },
      ]);
      return `saved ${id}`;
    }),
  ticketUpdate: (bench) => {
    const ticketId = pendingTicket(bench);
    return runSteps(bench, [
      (naive) => ticketStepNaive(naive, ticketId, 'take', null),
      (naive) => ticketStepNaive(naive, ticketId, 'resolve', TICKET_RESOLUTION),
    ]);
  },
  survey: (bench) =>
    run(bench, (naive) => {
      const customerId = followUpCustomer(bench);
      const { values } = validateSurveyInput({ customerId, ticketId: '', fields: SURVEY_FIELDS });
      const settings = defaultSettings();
      const score = surveyScore(values.ratings);
      const customer = findById(naive, 'customers', customerId);
      const id = idFromLastRow(naive, 'satisfaction', 'S');
      const now = new Date(naive.nowMs);
      let followUpId: string | null = null;
      if (isLowSatisfaction(values.ratings, score, settings)) {
        followUpId = idFromLastRow(naive, 'followUps', 'G');
        appendRows(naive, 'followUps', [
          {
            id: followUpId,
            customerId,
            customerName: customer.values.name ?? null,
            at: now,
            reason: 'lowSatisfaction',
            relatedId: id,
            nextAction: 'lowSatisfaction',
            nextActionDue: new Date(lowSatisfactionDue(naive.nowMs, settings, ZONE)),
            owner: customer.values.owner ?? bench.rep.email,
            status: 'open',
          },
        ]);
      }
      appendRows(naive, 'satisfaction', [
        {
          id,
          customerId,
          customerName: customer.values.name ?? null,
          date: new Date(localInstant(SURVEY_FIELDS.date)),
          ...values.ratings,
          score,
          nps: values.nps,
          comments: values.comments,
          followUpId,
          createdAt: now,
          updatedAt: now,
        },
      ]);
      writeCells(naive, 'customers', [
        {
          row: customer.row,
          values: {
            satisfactionScore: score,
            corePool: customer.values.corePool === true || joinsCorePool(score, settings),
            updatedAt: now,
          },
        },
      ]);
      return `saved ${id} (${score}), follow-up ${followUpId ?? 'none'}`;
    }),
  transaction: (bench) =>
    run(bench, (naive) => {
      const customerId = purchaseCustomer(bench);
      const customer = findById(naive, 'customers', customerId);
      // The customer's earlier transactions (is this the first purchase?): every row, one call each.
      const others = readRows(naive, 'transactions')
        .filter((record) => record.values.customerId === customerId)
        .map((record) => record.values);
      const firstPurchase = isFirstPurchase(false, others);
      const id = idFromLastRow(naive, 'transactions', 'T');
      const now = new Date(naive.nowMs);
      appendRows(naive, 'transactions', [
        {
          id,
          customerId,
          customerName: customer.values.name ?? null,
          date: new Date(localInstant(TRANSACTION_FIELDS.date)),
          product: TRANSACTION_FIELDS.product,
          category: TRANSACTION_FIELDS.category,
          quantity: Number(TRANSACTION_FIELDS.quantity),
          amount: parseTransactionAmount(TRANSACTION_FIELDS.amount),
          refund: false,
          owner: bench.rep.email,
          createdAt: now,
          updatedAt: now,
        },
      ]);
      if (firstPurchase) {
        writeCells(naive, 'customers', [
          { row: customer.row, values: { status: 'won', stage: 'dealClosed', updatedAt: now } },
        ]);
      }
      return `saved ${id}${firstPurchase ? ', first purchase' : ''} after reading ${others.length} of its transactions`;
    }),
  openRecord: (bench) =>
    run(bench, (naive) => {
      const customer = findById(naive, 'customers', followUpCustomer(bench));
      sheetOf(naive, 'customers').getRange(customer.row, 1, 1, bench.tables.customers.width).activate();
      return `selected row ${customer.row}`;
    }),
  customerSearch: (bench) =>
    runSteps(
      bench,
      lookupQueries(bench).map((query) => (naive: Naive) => {
        const needle = query.trim().toLowerCase();
        const digits = /\d{4,}/.test(needle) ? phoneMatchKey(needle) : '';
        const found = readRows(naive, 'customers').filter((record) => {
          const text = ['id', 'name', 'contactName', 'email']
            .map((key) => String(record.values[key] ?? ''))
            .join(' ')
            .toLowerCase();
          return (
            text.includes(needle) ||
            (digits !== '' && phoneMatchKey(String(record.values.phone ?? '')).includes(digits))
          );
        });
        return `"${query}": ${Math.min(found.length, 20)} found`;
      }),
    ),
  editCustomer: (bench) =>
    runSteps(bench, [
      (naive) => `opened ${findById(naive, 'customers', followUpCustomer(bench)).values.id}`,
      (naive) => {
        const customer = findById(naive, 'customers', followUpCustomer(bench));
        const now = new Date(naive.nowMs);
        const cells = writeCells(naive, 'customers', [
          { row: customer.row, values: { intentGrade: editedGrade(customer.values.intentGrade), updatedAt: now } },
        ]);
        appendRows(naive, 'log', [
          { time: now, action: 'editCustomer', user: bench.rep.email, details: 'intentGrade' },
        ]);
        return `changed ${cells} cells`;
      },
    ]),
  merge: (bench) => {
    const { keptId, otherId } = mergePair(bench);
    return runSteps(bench, [
      (naive) => {
        findById(naive, 'customers', keptId);
        findById(naive, 'customers', otherId);
        return `opened ${otherId} → ${keptId}`;
      },
      (naive) => {
        const other = findById(naive, 'customers', otherId);
        const now = new Date(naive.nowMs);
        let moved = 0;
        // A hand-written script: every record table read whole, the other's rows re-pointed one by one.
        for (const table of ['followUps', 'tickets', 'satisfaction', 'transactions'] as const) {
          const rows = readRows(naive, table).filter((record) => record.values.customerId === otherId);
          writeCells(
            naive,
            table,
            rows.map((record) => ({ row: record.row, values: { customerId: keptId } })),
          );
          moved += rows.length;
        }
        writeCells(naive, 'customers', [{ row: other.row, values: { mergedInto: keptId, updatedAt: now } }]);
        appendRows(naive, 'log', [{ time: now, action: 'merge', user: bench.rep.email, details: otherId }]);
        return `merged, ${moved} records re-pointed`;
      },
    ]);
  },
  reassign: (bench) =>
    run(bench, (naive) => {
      const rows = new Set(reassignedRows(bench));
      const customers = readRows(naive, 'customers').filter(
        (record) => rows.has(record.row) && String(record.values.owner ?? '').toLowerCase() === bench.rep.email,
      );
      const ids = new Set(customers.map((record) => String(record.values.id)));
      const now = new Date(naive.nowMs);
      writeCells(
        naive,
        'customers',
        customers.map((record) => ({ row: record.row, values: { owner: HEIR, updatedAt: now } })),
      );
      const actions = readRows(naive, 'followUps').filter(
        (record) =>
          ids.has(String(record.values.customerId)) &&
          record.values.status === 'open' &&
          String(record.values.owner ?? '').toLowerCase() === bench.rep.email,
      );
      writeCells(
        naive,
        'followUps',
        actions.map((record) => ({ row: record.row, values: { owner: HEIR, updatedAt: now } })),
      );
      const tickets = readRows(naive, 'tickets').filter(
        (record) =>
          ids.has(String(record.values.customerId)) &&
          (record.values.status === 'pending' || record.values.status === 'inProgress') &&
          String(record.values.assignee ?? '').toLowerCase() === bench.rep.email,
      );
      writeCells(
        naive,
        'tickets',
        tickets.map((record) => ({ row: record.row, values: { assignee: HEIR, updatedAt: now } })),
      );
      appendRows(naive, 'log', [
        { time: now, action: 'reassign', user: bench.owner.email, details: `${customers.length}` },
      ]);
      return `moved ${customers.length} customers, ${actions.length} actions, ${tickets.length} tickets`;
    }),
  gradeAll: (bench) => run(bench, (naive) => `${gradeAllNaive(naive)} cells changed`),
  dailyScan: (bench) => {
    bench.projecting.on = true;
    try {
      return run(bench, (naive) => {
        const followUps = readRows(naive, 'followUps');
        const tickets = readRows(naive, 'tickets');
        let changed = writeCells(naive, 'followUps', followUpOverdueUpdates(followUps, naive.nowMs) as never);
        changed += writeCells(naive, 'tickets', ticketSlaUpdates(tickets, naive.nowMs) as never);
        const customers = readRows(naive, 'customers');
        const related = new Set(followUps.map((record) => String(record.values.relatedId ?? '')));
        const care = careActionsDue(
          customers.map((record) => record.values),
          related,
          naive.nowMs,
          defaultSettings(),
          ZONE,
        );
        appendRows(
          naive,
          'followUps',
          care.map((action) => ({
            customerId: action.customerId,
            customerName: action.customerName,
            at: new Date(naive.nowMs),
            reason: 'care',
            relatedId: action.relatedId,
            owner: action.owner,
            status: 'open',
            nextActionDue: new Date(action.dueMs),
          })),
        );
        changed += gradeAllNaive(naive);
        changed += dashboardNaive(naive);
        const input = {
          customers: readRows(naive, 'customers').map((record) => record.values),
          followUps: readRows(naive, 'followUps').map((record) => record.values),
          tickets: readRows(naive, 'tickets').map((record) => record.values),
          nowMs: naive.nowMs,
          zone: ZONE,
          settings: defaultSettings(),
        };
        let mails = 0;
        const failed: string[] = [];
        for (const member of readRows(naive, 'team')) {
          const digest = memberDigest(
            {
              name: String(member.values.name ?? ''),
              email: String(member.values.email ?? ''),
              role: member.values.role === 'manager' ? 'manager' : 'rep',
            },
            input,
          );
          if (digest.total === 0) continue;
          const mail = renderDigest(digest, {
            language: LANGUAGE,
            spreadsheetUrl: naive.app.getActiveSpreadsheet().getUrl(),
            nowMs: naive.nowMs,
            zone: ZONE,
            sleepingDays: defaultSettings().sleepingDays,
            summary: null,
            duplicateIds: [],
          });
          try {
            (bench.runtime.globals.MailApp as GoogleAppsScript.Mail.MailApp).sendEmail({
              to: mail.to,
              subject: mail.subject,
              body: mail.body,
              htmlBody: mail.htmlBody,
            });
            mails += 1;
          } catch (error) {
            // Like the add-on's, a digest over the mail body limit fails; the rest still go out.
            failed.push(error instanceof Error ? error.message : String(error));
          }
        }
        return `${changed} cells changed, ${care.length} care actions, ${mails} mails${failed.length > 0 ? `, ${failed.length} not sent (${failed[0] ?? ''})` : ''}`;
      });
    } finally {
      bench.projecting.on = false;
    }
  },
  dashboard: (bench) => run(bench, (naive) => `${dashboardNaive(naive)} cells written`),
  csvImport: (bench) =>
    run(bench, (naive) => {
      const customers = readRows(naive, 'customers');
      const rows = importRows(IMPORT_ROWS, bench.rep.email);
      appendRows(
        naive,
        'customers',
        rows.map((row, index) => ({
          ...row.fields,
          id: nextId('C', customers, index + 1),
          stage: 'initialContact',
          status: 'active',
        })),
      );
      return `${rows.length} imported`;
    }),
};

export type { ExecutionCost };
