/// <reference types="google-apps-script" />
import type { ExecutionCost } from './cost-model';
import { naiveWorkloads } from './naive';
import { expectOk, measure, type Workbench } from './workbench';

/**
 * The workloads of issue 12, each as the add-on runs it (the built dist/Code.js through the AddonHost:
 * google.script.run for sidebar actions, menu clicks for jobs) and as the naive baseline runs it (bench/naive.ts)
 * on a second workbook with the same data. A workload is one or more executions.
 */
export type WorkloadKey = 'intake' | 'followUp' | 'myDay' | 'gradeAll' | 'dailyScan' | 'dashboard' | 'csvImport';

export interface WorkloadDef {
  key: WorkloadKey;
  title: string;
  /** Sidebar actions must answer within the sidebar patience; jobs within the execution limit. */
  kind: 'sidebar' | 'job';
}

export const WORKLOADS: readonly WorkloadDef[] = [
  { key: 'intake', title: 'Intake save (New customer)', kind: 'sidebar' },
  { key: 'followUp', title: 'Follow-up save', kind: 'sidebar' },
  { key: 'myDay', title: 'My day', kind: 'sidebar' },
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
export function followUpCustomer(bench: Workbench): string {
  const customers = bench.data.customers;
  for (let i = Math.floor(customers.length / 2); i < customers.length; i++) {
    const customer = customers[i];
    if (customer && customer.doNotContact !== true) return String(customer.id);
  }
  throw new Error('bench: no contactable customer');
}

export const FOLLOW_UP_FIELDS = {
  at: '2024-06-03T08:30',
  direction: 'outbound',
  channel: 'phone',
  content: '电话沟通报价细节',
  nextAction: '发送修改后的报价',
  nextActionDue: '2024-06-10T17:00',
};

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
  followUp: (bench) =>
    once(bench, () => {
      const saved = expectOk<{ id: string; closedActions: number }>(
        bench.host.run(
          'saveFollowUp',
          [
            {
              requestId: requestId('follow-up'),
              customerId: followUpCustomer(bench),
              fields: FOLLOW_UP_FIELDS,
              markEarlierDone: true,
            },
          ],
          { user: bench.rep },
        ),
        'saveFollowUp',
      );
      return `saved ${saved.id}, closed ${saved.closedActions}`;
    }),
  myDay: (bench) =>
    once(bench, () => {
      const view = expectOk<{ sections: { items: unknown[] }[] }>(
        bench.host.run('getMyDay', [], { user: bench.rep }),
        'getMyDay',
      );
      return `${view.sections.reduce((sum, section) => sum + section.items.length, 0)} items`;
    }),
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

function documentProperty(bench: Workbench, key: string): string {
  const service = bench.runtime.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService;
  return service.getDocumentProperties()?.getProperty(key) ?? '';
}

function lastToast(bench: Workbench): string {
  const toasts = bench.runtime.workbook.toasts();
  const last = toasts[toasts.length - 1] as { message?: string } | undefined;
  return last?.message ?? '';
}

export { naiveWorkloads };
