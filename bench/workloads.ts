/// <reference types="google-apps-script" />
import type { TableKey } from '../src/shared/schema/templates';
import type { ExecutionCost } from './cost-model';
import { naiveWorkloads } from './naive';
import { expectOk, measure, type Workbench } from './workbench';

/**
 * The workloads of issue 12, each as the add-on runs it (the built dist/Code.js through the AddonHost:
 * google.script.run for sidebar actions, menu clicks for jobs) and as the naive baseline runs it (bench/naive.ts)
 * on a second workbook with the same data. A workload is one or more executions.
 */
export type WorkloadKey =
  | 'intake'
  | 'followUp'
  | 'myDay'
  | 'myDayIndex'
  | 'needsAnalysis'
  | 'ticketSave'
  | 'ticketUpdate'
  | 'survey'
  | 'transaction'
  | 'openRecord'
  | 'customerSearch'
  | 'editCustomer'
  | 'reassign'
  | 'merge'
  | 'gradeAll'
  | 'dailyScan'
  | 'dashboard'
  | 'csvImport';

export interface WorkloadDef {
  key: WorkloadKey;
  title: string;
  /** Sidebar actions must answer within the sidebar patience; jobs within the execution limit. */
  kind: 'sidebar' | 'job';
  /**
   * A sidebar action a rep clicks and waits for (issue 18's bounds apply to each of its executions): the
   * projected time it must stay under, and the tables it has to find rows in (its searched cells are bounded
   * by two columns' worth of the largest of them). Run at every size, 100k thin included.
   */
  click?: { boundMs: number; searches: readonly TableKey[] };
}

/** Issue 18's bounds for a sidebar action, per execution (My day has its own time bound). */
export const SIDEBAR_BOUNDS = { projectedMs: 2000, myDayProjectedMs: 3000, calls: 20, cellsRead: 150_000 } as const;

const click = (searches: readonly TableKey[], boundMs: number = SIDEBAR_BOUNDS.projectedMs) => ({ boundMs, searches });

export const WORKLOADS: readonly WorkloadDef[] = [
  { key: 'intake', title: 'Intake save (New customer)', kind: 'sidebar', click: click(['customers']) },
  { key: 'followUp', title: 'Follow-up save', kind: 'sidebar', click: click(['customers', 'followUps']) },
  {
    key: 'myDay',
    title: 'My day',
    kind: 'sidebar',
    click: click(['customers', 'followUps', 'tickets'], SIDEBAR_BOUNDS.myDayProjectedMs),
  },
  {
    key: 'needsAnalysis',
    title: 'Needs analysis save',
    kind: 'sidebar',
    click: click(['customers', 'followUps']),
  },
  { key: 'ticketSave', title: 'Ticket save (new ticket)', kind: 'sidebar', click: click(['customers', 'tickets']) },
  {
    key: 'ticketUpdate',
    title: 'Ticket update (take, then resolve)',
    kind: 'sidebar',
    click: click(['tickets', 'customers', 'followUps']),
  },
  {
    key: 'survey',
    title: 'Survey save (low score)',
    kind: 'sidebar',
    click: click(['customers', 'satisfaction', 'followUps']),
  },
  {
    key: 'transaction',
    title: 'Transaction save',
    kind: 'sidebar',
    click: click(['customers', 'transactions']),
  },
  { key: 'openRecord', title: 'Open a record (customer by id)', kind: 'sidebar', click: click(['customers']) },
  {
    key: 'customerSearch',
    title: 'Customer lookup (by name, then by phone)',
    kind: 'sidebar',
    click: click(['customers']),
  },
  // What the nightly scan adds (or the first My day of a day when the scan is off): the index My day reads.
  { key: 'myDayIndex', title: 'My day index build (nightly, or first My day of a day)', kind: 'job' },
  {
    key: 'editCustomer',
    title: 'Edit customer (open, then save a new grade)',
    kind: 'sidebar',
    click: click(['customers']),
  },
  {
    key: 'merge',
    title: 'Merge duplicates (open the pair, then merge)',
    kind: 'sidebar',
    // It finds the duplicate's rows in the four tables that point at customers.
    click: click(['customers', 'followUps', 'tickets', 'satisfaction', 'transactions']),
  },
  {
    key: 'reassign',
    title: 'Reassign 20 customers (manager)',
    kind: 'sidebar',
    click: click(['customers', 'followUps', 'tickets']),
  },
  { key: 'gradeAll', title: 'Grade all customers', kind: 'job' },
  { key: 'dailyScan', title: 'Daily scan', kind: 'job' },
  { key: 'dashboard', title: 'Dashboard refresh', kind: 'job' },
  { key: 'csvImport', title: 'CSV import, 5,000 rows', kind: 'sidebar' },
];

export const IMPORT_ROWS = 5000;
export const IMPORT_CHUNK = 500;

let counter = 0;
function requestId(prefix: string): string {
  counter += 1;
  return `bench-${prefix}-${String(counter).padStart(6, '0')}`;
}

/** A new customer nobody else has (unique name, phone and e-mail), owned by the rep. */
export function intakeFields(tag: number, owner: string): Record<string, string> {
  const digits = String(10_000_000 + tag).slice(-8);
  return {
    customerType: 'enterprise',
    name: `基准测试${digits}科技有限公司`,
    industry: '制造业',
    size: 'medium',
    contactName: '赵测试',
    contactTitle: '采购经理',
    phone: `+86 199 ${digits.slice(0, 4)} ${digits.slice(4)}`,
    email: `bench.${digits}@bench.example.cn`,
    address: '深圳市南山区科技园',
    source: 'tradeShow',
    needs: '采购办公设备，预算5万',
    intentGrade: 'high',
    owner,
  };
}

/** The customer the follow-up is logged for: the one in the middle of the sheet that may be contacted. */
/**
 * The pair the merge workload merges: the last two customers (kept, then the duplicate), which no other workload
 * uses, so merging their records changes nothing another workload measures.
 */
export function mergePair(bench: Workbench): { keptId: string; otherId: string } {
  const customers = bench.data.customers;
  const kept = customers[customers.length - 2];
  const other = customers[customers.length - 1];
  if (!kept || !other) throw new Error('bench: fewer than two customers');
  return { keptId: String(kept.id), otherId: String(other.id) };
}

export function followUpCustomer(bench: Workbench): string {
  const cached = followUpCustomers.get(bench.data);
  if (cached) return cached;
  // The everyday save: a contactable customer with an open action the call closes (so every size measures
  // the same work), from the middle of the table on; any contactable one when none has an open action.
  const customers = bench.data.customers;
  const withOpenAction = new Set(
    bench.data.followUps.filter((record) => record.status === 'open').map((record) => String(record.customerId)),
  );
  const middle = customers.slice(Math.floor(customers.length / 2));
  const chosen =
    middle.find((customer) => customer.doNotContact !== true && withOpenAction.has(String(customer.id))) ??
    middle.find((customer) => customer.doNotContact !== true);
  if (!chosen) throw new Error('bench: no contactable customer');
  followUpCustomers.set(bench.data, String(chosen.id));
  return String(chosen.id);
}
const followUpCustomers = new WeakMap<object, string>();

/**
 * The sheet row of a customer, as the sidebars' customer picker sends it back with a save (the row hint of
 * CustomerSummary): the demo loader writes the customers in order below the header.
 */
export function customerRow(bench: Workbench, id: string): number {
  return bench.data.customers.findIndex((customer) => String(customer.id) === id) + 2;
}

/** The sheet row of a ticket, as the ticket sidebar sends it back with a workflow step (TicketView.row). */
export function ticketRow(bench: Workbench, id: string): number {
  return bench.data.tickets.findIndex((ticket) => String(ticket.id) === id) + 2;
}

/** The intent grade the analysis below suggests (and the rep keeps). */
export const ANALYSIS_GRADE = 'medium';

/** The customer nearest the middle of the sheet (from the middle on) that `fits`. */
function middleCustomer(bench: Workbench, what: string, fits: (customer: Record<string, unknown>) => boolean): string {
  const customers = bench.data.customers;
  for (let i = Math.floor(customers.length / 2); i < customers.length; i++) {
    const customer = customers[i];
    if (customer && fits(customer)) return String(customer.id);
  }
  throw new Error(`bench: no ${what}`);
}

/**
 * The customer whose needs analysis is saved: after the first contact (stage initial contact), graded other
 * than the analysis will grade it, so the same cells change at every size (the save writes only changed cells).
 */
export function analysisCustomer(bench: Workbench): string {
  return middleCustomer(
    bench,
    'customer for a needs analysis',
    (customer) =>
      customer.stage === 'initialContact' &&
      customer.intentGrade !== ANALYSIS_GRADE &&
      customer.doNotContact !== true &&
      customer.followUpOverdue !== true,
  );
}

/** The customer whose transaction is recorded: active and without transactions, so it is a first purchase. */
export function purchaseCustomer(bench: Workbench): string {
  const buyers = new Set(bench.data.transactions.map((transaction) => String(transaction.customerId)));
  return middleCustomer(
    bench,
    'customer without transactions',
    (customer) => customer.status === 'active' && !buyers.has(String(customer.id)),
  );
}

export const FOLLOW_UP_FIELDS = {
  at: '2024-06-03T08:30',
  direction: 'outbound',
  channel: 'phone',
  content: '电话沟通报价细节',
  nextAction: '发送修改后的报价',
  nextActionDue: '2024-06-10T17:00',
};

/** The needs analysis the rep saves for the follow-up customer (as the sidebar sends it). */
export function needsAnalysisRequest(customerId: string): Record<string, unknown> {
  return {
    customerId,
    painPoints: ['交期太长', '售后响应慢'],
    explicitNeeds: '采购 50 台办公电脑',
    potentialNeeds: '后续可能需要运维服务',
    decisionMaker: { who: '王总', concern: '价格和交期' },
    influencer: { who: '李雷', concern: '配置' },
    endUser: { who: '', concern: '' },
    budgetRange: '30万–50万',
    annualValueEstimate: '60万',
    // Need explicit, budget unconfirmed: medium (ANALYSIS_GRADE), the suggestion the rep keeps.
    needClarity: 'explicit',
    budgetFit: 'unconfirmed',
    intentGrade: '',
  };
}

/** A new ticket for the follow-up customer, assigned to the rep (as the ticket sidebar sends it). */
export function ticketFields(assignee: string): Record<string, string> {
  return {
    ticketType: 'technicalSupport',
    category: 'product',
    priority: 'medium',
    description: '打印机卡纸，需要上门检查',
    assignee,
    reportedAt: '2024-06-03T08:30',
  };
}

export const TICKET_RESOLUTION = '更换搓纸轮';

const usedTickets = new WeakMap<Workbench, Set<string>>();

/**
 * The ticket the rep takes and resolves: the pending ticket nearest the middle of the table not taken by an
 * earlier run on this workbench (pending tickets are the newest, so it is near the end of the sheet).
 */
export function pendingTicket(bench: Workbench): string {
  const used = usedTickets.get(bench) ?? new Set<string>();
  usedTickets.set(bench, used);
  const tickets = bench.data.tickets;
  const middle = tickets.length / 2;
  let chosen: { id: string; distance: number } | null = null;
  for (let index = 0; index < tickets.length; index++) {
    const ticket = tickets[index];
    const id = String(ticket?.id ?? '');
    if (ticket?.status !== 'pending' || used.has(id)) continue;
    const distance = Math.abs(index - middle);
    if (!chosen || distance < chosen.distance) chosen = { id, distance };
  }
  if (!chosen) throw new Error('bench: no pending ticket left');
  used.add(chosen.id);
  return chosen.id;
}

/** A survey answer with one dimension at 2: low, so the customer's owner gets a 24 h follow-up. */
export const SURVEY_FIELDS = {
  date: '2024-06-03',
  productQuality: '4',
  responseSpeed: '2',
  communication: '3',
  problemSolving: '4',
  overall: '3',
  nps: '6',
  comments: '响应慢，希望改进',
};

export const TRANSACTION_FIELDS = {
  date: '2024-06-01',
  product: '办公椅',
  category: '家具',
  quantity: '10',
  amount: '12,800',
};

/** What the rep types in the customer picker: the follow-up customer's name, then its phone's last 8 digits. */
/** The rep who receives the reassigned customers (another demo rep). */
export const HEIR = 'zhang.wei@example.com';

/** Sheet rows of `count` customers of the bench rep around the middle of Customers, and their ids. */
export function reassignedRows(bench: Workbench, count = 20): number[] {
  const customers = bench.data.customers;
  const rows: number[] = [];
  for (let i = Math.floor(customers.length / 2); i < customers.length && rows.length < count; i++) {
    if (String(customers[i]?.owner ?? '').toLowerCase() === bench.rep.email) rows.push(i + 2);
  }
  return rows;
}

/** The grade the edit workload saves: another one than the customer has. */
export function editedGrade(current: unknown): string {
  return current === 'high' ? 'medium' : 'high';
}

export function lookupQueries(bench: Workbench): string[] {
  const id = followUpCustomer(bench);
  const customer = bench.data.customers.find((candidate) => String(candidate.id) === id);
  const digits = String(customer?.phone ?? '').replace(/\D/g, '');
  return [String(customer?.name ?? ''), digits.slice(-8)];
}

/** 5,000 CSV rows (as the import sidebar sends them after parsing and mapping), none a duplicate. */
export function importRows(count: number, owner: string): { line: number; fields: Record<string, string> }[] {
  return Array.from({ length: count }, (_, index) => {
    const fields = intakeFields(5_000_000 + index, owner);
    return { line: index + 2, fields: { ...fields, name: `导入${fields.name}` } };
  });
}

export interface WorkloadRun {
  /** One entry per execution (a chunked import or a continued scan has several). */
  executions: ExecutionCost[];
  /** What the workload did, to check both sides did the same work. */
  note: string;
}

type Runner = (bench: Workbench) => WorkloadRun;

function once(bench: Workbench, fn: () => string): WorkloadRun {
  const { result, cost } = measure(bench, fn);
  return { executions: [cost], note: result };
}

/** Several executions (one sidebar click each), their notes joined. */
function steps(bench: Workbench, fns: readonly (() => string)[]): WorkloadRun {
  const runs = fns.map((fn) => measure(bench, fn));
  return { executions: runs.map((run) => run.cost), note: runs.map((run) => run.result).join('; ') };
}

/** google.script.run as the rep: the action's value, or the benchmark stops (it must not time errors). */
function asRep<T>(bench: Workbench, name: string, request: unknown): T {
  return expectOk<T>(bench.host.run(name, [request], { user: bench.rep }), name);
}

/** The My day document property that holds the index's description (src/server/workbook/my-day-index.ts). */
const MY_DAY_INDEX_PROPERTY = 'crm.myDayIndex';

/**
 * As a rep finds the workbook in the morning: the nightly scan has built the My day index (its build is
 * measured on its own, myDayIndex), which My day, the follow-up and needs-analysis saves, an edit that
 * reschedules, a reassignment of selected rows and a merge read.
 */
function morning(bench: Workbench): void {
  if (!documentProperty(bench, MY_DAY_INDEX_PROPERTY)) bench.host.run('getMyDay', [], { user: bench.rep });
}

function myDayClick(bench: Workbench): WorkloadRun {
  return once(bench, () => {
    const view = expectOk<{ sections: { items: unknown[] }[] }>(
      bench.host.run('getMyDay', [], { user: bench.rep }),
      'getMyDay',
    );
    return `${view.sections.reduce((sum, section) => sum + section.items.length, 0)} items`;
  });
}

export const addonWorkloads: Record<WorkloadKey, Runner> = {
  intake: (bench) =>
    once(bench, () => {
      const saved = expectOk<{ id: string }>(
        bench.host.run(
          'saveCustomer',
          [{ requestId: requestId('intake'), fields: intakeFields(counter, bench.rep.email), allowDuplicate: false }],
          { user: bench.rep },
        ),
        'saveCustomer',
      );
      return `saved ${saved.id}`;
    }),
  followUp: (bench) => {
    morning(bench);
    return once(bench, () => {
      const saved = expectOk<{ id: string; closedActions: number }>(
        bench.host.run(
          'saveFollowUp',
          [
            {
              requestId: requestId('follow-up'),
              customerId: followUpCustomer(bench),
              customerRow: customerRow(bench, followUpCustomer(bench)),
              fields: FOLLOW_UP_FIELDS,
              markEarlierDone: true,
            },
          ],
          { user: bench.rep },
        ),
        'saveFollowUp',
      );
      return `saved ${saved.id}, closed ${saved.closedActions}`;
    });
  },
  myDay: (bench) => {
    morning(bench);
    return myDayClick(bench);
  },
  myDayIndex: (bench) => {
    documentProperties(bench).deleteProperty(MY_DAY_INDEX_PROPERTY);
    return myDayClick(bench);
  },
  needsAnalysis: (bench) => {
    morning(bench);
    return once(bench, () => {
      const saved = asRep<{ id: string; intentGrade: string; nextFollowUpDue: string; alreadySaved: boolean }>(
        bench,
        'saveNeedsAnalysis',
        {
          requestId: requestId('needs'),
          ...needsAnalysisRequest(analysisCustomer(bench)),
          customerRow: customerRow(bench, analysisCustomer(bench)),
        },
      );
      return `saved ${saved.id} as ${saved.intentGrade}, next ${saved.nextFollowUpDue}${saved.alreadySaved ? ' (already saved)' : ''}`;
    });
  },
  ticketSave: (bench) =>
    once(bench, () => {
      const saved = asRep<{ id: string; resolutionDue: string }>(bench, 'saveTicket', {
        requestId: requestId('ticket'),
        customerId: followUpCustomer(bench),
        customerRow: customerRow(bench, followUpCustomer(bench)),
        fields: ticketFields(bench.rep.email),
      });
      return `saved ${saved.id}, due ${saved.resolutionDue}`;
    }),
  ticketUpdate: (bench) => {
    const ticketId = pendingTicket(bench);
    const step = (fromStatus: string, action: string, extra: Record<string, string>) => () => {
      const done = asRep<{ ticket: { status: string }; followUps: string[] }>(bench, 'updateTicket', {
        requestId: requestId('ticket-step'),
        ticketId,
        ticketRow: ticketRow(bench, ticketId),
        fromStatus,
        action,
        ...extra,
      });
      return `${action} ${ticketId} → ${done.ticket.status}${done.followUps.length > 0 ? ` + ${done.followUps.join(', ')}` : ''}`;
    };
    return steps(bench, [
      step('pending', 'take', {}),
      step('inProgress', 'resolve', { resolution: TICKET_RESOLUTION }),
    ]);
  },
  survey: (bench) =>
    once(bench, () => {
      const saved = asRep<{ id: string; score: number; followUpId: string }>(bench, 'saveSurvey', {
        requestId: requestId('survey'),
        customerId: followUpCustomer(bench),
        customerRow: customerRow(bench, followUpCustomer(bench)),
        ticketId: '',
        fields: SURVEY_FIELDS,
      });
      return `saved ${saved.id} (${saved.score}), follow-up ${saved.followUpId || 'none'}`;
    }),
  transaction: (bench) =>
    once(bench, () => {
      const saved = asRep<{ id: string; firstPurchase: boolean }>(bench, 'saveTransaction', {
        requestId: requestId('transaction'),
        customerId: purchaseCustomer(bench),
        customerRow: customerRow(bench, purchaseCustomer(bench)),
        fields: TRANSACTION_FIELDS,
      });
      return `saved ${saved.id}${saved.firstPurchase ? ', first purchase' : ''}`;
    }),
  openRecord: (bench) =>
    once(bench, () => {
      const id = followUpCustomer(bench);
      const opened = asRep<{ row: number }>(bench, 'openRecord', { table: 'customers', id });
      return `selected row ${opened.row}`;
    }),
  customerSearch: (bench) =>
    steps(
      bench,
      lookupQueries(bench).map((query) => () => {
        const found = asRep<{ id: string }[]>(bench, 'searchCustomers', query);
        return `"${query}": ${found.length} found`;
      }),
    ),
  editCustomer: (bench) => {
    morning(bench);
    const customerId = followUpCustomer(bench);
    const hint = { customerId, customerRow: customerRow(bench, customerId) };
    let loaded: { values: Record<string, unknown> } | null = null;
    return steps(bench, [
      () => {
        loaded = asRep<{ values: Record<string, unknown> }>(bench, 'getCustomerForEdit', hint);
        return `opened ${customerId}`;
      },
      () => {
        const original = (loaded as { values: Record<string, unknown> } | null)?.values ?? {};
        const saved = asRep<{ changed: string[] }>(bench, 'saveCustomerEdit', {
          requestId: requestId('edit'),
          ...hint,
          original,
          fields: { ...original, intentGrade: editedGrade(original.intentGrade) },
        });
        return `changed ${saved.changed.join(', ')}`;
      },
    ]);
  },
  merge: (bench) => {
    // The customer-rows block of the morning's index tells where the duplicate's records are.
    morning(bench);
    const pair = mergePair(bench);
    let form: {
      kept: { id: string; row: number; values: Record<string, unknown> };
      other: { id: string; row: number; values: Record<string, unknown> };
    } | null = null;
    return steps(bench, [
      () => {
        form = asRep<NonNullable<typeof form>>(bench, 'getMergeForm', pair);
        return `opened ${pair.otherId} → ${pair.keptId}`;
      },
      () => {
        const opened = form as NonNullable<typeof form>;
        const saved = asRep<{ moved: Record<string, number> }>(bench, 'saveMerge', {
          requestId: requestId('merge'),
          keptId: opened.kept.id,
          keptRow: opened.kept.row,
          otherId: opened.other.id,
          otherRow: opened.other.row,
          original: { kept: opened.kept.values, other: opened.other.values },
          picks: {},
        });
        const moved = Object.values(saved.moved ?? {}).reduce((sum, count) => sum + count, 0);
        return `merged, ${moved} records re-pointed`;
      },
    ]);
  },
  reassign: (bench) => {
    morning(bench);
    return once(bench, () => {
      const moved = expectOk<{ customers: number; followUps: number; tickets: number }>(
        bench.host.run(
          'saveReassign',
          [
            {
              requestId: requestId('reassign'),
              from: bench.rep.email,
              to: HEIR,
              scope: 'selected',
              rows: reassignedRows(bench),
              deactivate: false,
            },
          ],
          { user: bench.owner },
        ),
        'saveReassign',
      );
      return `moved ${moved.customers} customers, ${moved.followUps} actions, ${moved.tickets} tickets`;
    });
  },
  gradeAll: (bench) =>
    once(bench, () => {
      bench.host.clickMenu('gradeAllCustomers', { user: bench.owner });
      return lastToast(bench);
    }),
  dailyScan: (bench) => {
    // The clock moves by the projected time of every call, so the scan's own 4-minute budget decides when
    // to stop and save its cursor; each further run stands for the hourly trigger that continues it.
    const executions: ExecutionCost[] = [];
    bench.projecting.on = true;
    try {
      for (let run = 0; run < 10; run++) {
        const { cost } = measure(bench, () => bench.host.clickMenu('runDailyScanNow', { user: bench.owner }));
        executions.push(cost);
        const status = JSON.parse(documentProperty(bench, 'crm.lastScan') || '{}') as { ok?: boolean };
        // Done, or failed (a failing step would fail again in every continuation).
        if (!documentProperty(bench, 'crm.scan.cursor') || status.ok === false) break;
      }
    } finally {
      bench.projecting.on = false;
    }
    const last = JSON.parse(documentProperty(bench, 'crm.lastScan') || '{}') as { ok?: boolean; message?: string };
    // A failed scan is a finding, not a benchmark error: RESULTS.md shows its message.
    const outcome = last.ok ? '' : 'FAILED: ';
    return { executions, note: `${executions.length} execution(s): ${outcome}${last.message ?? ''}` };
  },
  dashboard: (bench) =>
    once(bench, () => {
      bench.host.clickMenu('refreshDashboard', { user: bench.owner });
      return lastToast(bench);
    }),
  csvImport: (bench) => {
    const importId = requestId('import');
    const rows = importRows(IMPORT_ROWS, bench.rep.email);
    const chunks = Array.from({ length: Math.ceil(rows.length / IMPORT_CHUNK) }, (_, index) => ({
      importId,
      chunkIndex: index,
      rows: rows.slice(index * IMPORT_CHUNK, (index + 1) * IMPORT_CHUNK),
      defaults: {},
    }));
    const executions: ExecutionCost[] = [];
    let imported = 0;
    for (const chunk of chunks) {
      const { cost } = measure(bench, () => {
        const check = expectOk<{ problems: unknown[] }>(
          bench.host.run('validateImportChunk', [chunk], { user: bench.rep }),
          'validateImportChunk',
        );
        if (check.problems.length > 0) throw new Error(`bench: import check: ${JSON.stringify(check.problems[0])}`);
      });
      executions.push(cost);
    }
    for (const chunk of chunks) {
      const { cost } = measure(bench, () => {
        const done = expectOk<{ imported: number }>(
          bench.host.run('importChunk', [chunk], { user: bench.rep }),
          'importChunk',
        );
        imported += done.imported;
      });
      executions.push(cost);
    }
    return { executions, note: `${imported} imported in ${chunks.length} chunks (checked, then written)` };
  },
};

function documentProperties(bench: Workbench): GoogleAppsScript.Properties.Properties {
  const service = bench.runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService;
  return service.getDocumentProperties() as GoogleAppsScript.Properties.Properties;
}

function documentProperty(bench: Workbench, key: string): string {
  return documentProperties(bench).getProperty(key) ?? '';
}

function lastToast(bench: Workbench): string {
  const toasts = bench.runtime.workbook.toasts();
  const last = toasts[toasts.length - 1] as { message?: string } | undefined;
  return last?.message ?? '';
}

export { naiveWorkloads };
