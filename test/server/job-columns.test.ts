import {
  DASHBOARD_COLUMNS,
  DIGEST_COLUMNS,
  FLAGS_COLUMNS,
  GRADING_COLUMNS,
  MATCH_KEYS_COLUMNS,
  type JobColumns,
} from '../../src/server/jobs/job-columns';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { readSettings } from '../../src/server/workbook/settings';
import { readTable } from '../../src/server/workbook/table';
import { generateDemoData } from '../../src/local/demo/generate';
import { loadDemoData } from '../../src/local/demo/load';
import { memberDigest } from '../../src/shared/rules/digest';
import { changedValues, gradeCustomers } from '../../src/shared/rules/grading';
import { computeDashboard } from '../../src/shared/rules/kpi';
import { careActionsDue, followUpOverdueUpdates, ticketSlaUpdates } from '../../src/shared/rules/scan-flags';
import { staleMatchKeys } from '../../src/server/workbook/match-keys';
import type { FieldValue } from '../../src/shared/schema/cells';
import { TEMPLATES, type TableKey } from '../../src/shared/schema/templates';
import { fixedOffsetZone } from '../../src/shared/time/zone';
import { startAddon } from '../support/addon';
import { useRuntimeGlobals } from '../support/gas';

/**
 * The batch jobs read only the columns job-columns.ts declares (issue 18). Here each rule runs over the demo
 * workbook with records that note every field they are asked for; a field a rule reads but the list lacks
 * would be `undefined` in production, so it fails the test.
 */
type Values = Record<string, FieldValue>;
type Used = Partial<Record<TableKey, Set<string>>>;

const SPREAD = '(every field: the record was copied or its keys listed)';

function watched(used: Used, table: TableKey, values: Values): Values {
  const seen = (used[table] = used[table] ?? new Set<string>());
  return new Proxy(values, {
    get(target, key, receiver) {
      if (typeof key === 'string') seen.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      if (typeof key === 'string') seen.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      seen.add(SPREAD);
      return Reflect.ownKeys(target);
    },
  });
}

function expectWithin(used: Used, declared: JobColumns): void {
  for (const [table, keys] of Object.entries(used) as [TableKey, Set<string>][]) {
    const allowed = new Set(declared[table] ?? []);
    expect({ table, missing: [...keys].filter((key) => !allowed.has(key)).sort() }).toEqual({ table, missing: [] });
  }
}

describe('the columns each batch job reads', () => {
  const ZONE = fixedOffsetZone('Asia/Shanghai', 480);
  let records: Record<TableKey, { row: number; values: Values }[]>;
  let nowMs: number;
  let settings: ReturnType<typeof readSettings>['values'];

  beforeAll(() => {
    const { host, runtime } = startAddon({ user: { email: 'owner@example.com', locale: 'zh_CN' } });
    loadDemoData(runtime, host, generateDemoData({ customers: 400 }), { language: 'zh-CN' });
    useRuntimeGlobals(runtime);
    nowMs = Date.parse('2024-06-03T09:00:00+08:00');
    const properties = loadDocumentProperties();
    const read = (key: TableKey) =>
      readTable(TEMPLATES[key], properties).records.map((record) => ({
        row: record.row,
        values: record.values as Values,
      }));
    records = Object.fromEntries(
      (['customers', 'followUps', 'tickets', 'satisfaction', 'transactions', 'team'] as const).map((key) => [
        key,
        read(key),
      ]),
    ) as typeof records;
    settings = readSettings(properties, SpreadsheetApp.getActiveSpreadsheet(), ZONE).values;
  });

  const view = (used: Used, table: TableKey) => records[table].map((record) => watched(used, table, record.values));

  it('flags: overdue follow-ups, SLA breaches and care actions', () => {
    const used: Used = {};
    const rows = (table: TableKey) =>
      records[table].map(({ row, values }) => ({ row, values: watched(used, table, values) }));
    followUpOverdueUpdates(rows('followUps'), nowMs);
    ticketSlaUpdates(rows('tickets'), nowMs);
    // daily-scan.ts: the care actions that exist already, by relatedId.
    const related = new Set(view(used, 'followUps').map((values) => String(values.relatedId ?? '')));
    careActionsDue(view(used, 'customers'), related, nowMs, settings, ZONE);
    expectWithin(used, FLAGS_COLUMNS);
  });

  it('match keys', () => {
    const used: Used = {};
    staleMatchKeys(records.customers.map(({ row, values }) => ({ row, values: watched(used, 'customers', values) })));
    expectWithin(used, MATCH_KEYS_COLUMNS);
  });

  it('grading, with the closed-won promotion', () => {
    const used: Used = {};
    const customers = view(used, 'customers');
    const { graded } = gradeCustomers({
      customers,
      followUps: view(used, 'followUps'),
      transactions: view(used, 'transactions'),
      settings,
      nowMs,
      zone: ZONE,
    });
    customers.forEach((customer, index) => {
      changedValues(customer, graded[index] as (typeof graded)[number]);
      // grade-all.ts: closedWonUpdate(status, …) and the stage check.
      void customer.status;
      void customer.stage;
    });
    expectWithin(used, GRADING_COLUMNS);
  });

  it('digests, with the managers’ duplicate report', () => {
    const used: Used = {};
    const input = {
      customers: view(used, 'customers'),
      followUps: view(used, 'followUps'),
      tickets: view(used, 'tickets'),
      nowMs,
      zone: ZONE,
      settings,
    };
    const members = records.team.map(({ values }) => ({
      name: String(values.name),
      email: String(values.email).toLowerCase(),
      role: values.role === 'manager' ? ('manager' as const) : ('rep' as const),
    }));
    const total = members.reduce((sum, member) => sum + memberDigest(member, input).total, 0);
    expect(total).toBeGreaterThan(0);
    // daily-scan.ts: customers flagged as possible duplicates, created since yesterday.
    for (const customer of input.customers) void [customer.possibleDuplicateOf, customer.createdAt, customer.id];
    expectWithin(used, DIGEST_COLUMNS);
  });

  it('dashboard', () => {
    const used: Used = {};
    computeDashboard({
      customers: view(used, 'customers'),
      followUps: view(used, 'followUps'),
      tickets: view(used, 'tickets'),
      satisfaction: view(used, 'satisfaction'),
      transactions: view(used, 'transactions'),
      team: records.team.map(({ values }) => String(values.email)),
      settings,
      zone: ZONE,
      nowMs,
    });
    expectWithin(used, DASHBOARD_COLUMNS);
  });
});
