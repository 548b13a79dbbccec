import { computeDashboard, monthPeriod, type KpiInput } from '../../src/shared/rules/kpi';
import { dashboardSheet, DASH, parseLastScan } from '../../src/shared/rules/kpi-layout';
import { defaultSettings } from '../../src/shared/rules/settings';
import type { FieldValue } from '../../src/shared/schema/cells';
import { fixedOffsetZone } from '../../src/shared/time/zone';

const zone = fixedOffsetZone('Asia/Shanghai', 480);
const at = (iso: string) => new Date(`${iso}+08:00`);
const NOW = at('2024-06-03T09:00').getTime();
type Row = Record<string, FieldValue>;

function input(parts: Partial<KpiInput>): KpiInput {
  return {
    customers: [],
    followUps: [],
    tickets: [],
    satisfaction: [],
    transactions: [],
    team: [],
    settings: defaultSettings(),
    zone,
    nowMs: NOW,
    ...parts,
  };
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);
const cid = (i: number) => `C${String(i).padStart(5, '0')}`;

/**
 * Seed 004's May 2024 report, rebuilt from rows: 150 customers, 25 new, 90 active, 35 % conversion, 2 h
 * average response, satisfaction mean 4.2, 8 churned (30 days without contact). As of May 31st:
 * - customers 0–24 created May 10th (new): 0–14 contacted May 20th (active), 15–24 never (21 days: not sleeping);
 * - customers 25–149 created in January: 25–99 contacted May 20th (active), 100–107 last contacted April 1st
 *   (60 days: sleeping = seed's 流失), 108–149 lost, of which 108–117 were contacted in May;
 * - followed up in May: 90 active + 10 lost = 100; 35 of them (0–14, 25–44) bought for the first time on May 25th.
 */
function seed004(): KpiInput {
  const customers: Row[] = range(150).map((i) => ({
    id: cid(i),
    owner: 'rep@x.cn',
    createdAt: i < 25 ? at('2024-05-10T10:00') : at('2024-01-15T10:00'),
    status: i >= 108 ? 'lost' : i < 15 || (i >= 25 && i < 45) ? 'won' : 'active',
  }));
  const contact = (i: number, when: string): Row => ({
    customerId: cid(i),
    at: at(when),
    direction: 'outbound',
    responded: 'yes',
    status: 'done',
  });
  const followUps: Row[] = [
    ...range(15).map((i) => contact(i, '2024-05-20T10:00')),
    ...range(75, 25).map((i) => contact(i, '2024-05-20T10:00')),
    ...range(8, 100).map((i) => contact(i, '2024-04-01T10:00')),
    ...range(10, 108).map((i) => contact(i, '2024-05-15T10:00')),
  ];
  const buyers = [...range(15), ...range(20, 25)];
  const transactions: Row[] = buyers.map((i) => ({ customerId: cid(i), date: at('2024-05-25T00:00'), refund: false }));
  const tickets: Row[] = [1, 3, 2, 2].map((hours, k) => ({
    customerId: cid(k),
    reportedAt: at('2024-05-06T09:00'),
    firstResponseAt: new Date(at('2024-05-06T09:00').getTime() + hours * 3_600_000),
  }));
  const satisfaction: Row[] = [
    [5, 100, 10],
    [4, 84, 9],
    [4, 84, 9],
    [4, 84, 7],
    [4, 84, 3],
  ].map(([overall, score, nps], k) => ({ customerId: cid(k), date: at('2024-05-28T00:00'), overall, score, nps }));
  return input({ customers, followUps, transactions, tickets, satisfaction, team: ['rep@x.cn'] });
}

describe('dashboard figures (docs/product-rules.md §6)', () => {
  it("reproduces seed 004's May report from rows", () => {
    const may = computeDashboard(seed004()).overall.previous;
    expect(may).toMatchObject({
      totalCustomers: 150,
      newCustomers: 25,
      activeCustomers: 90,
      sleepingCustomers: 8,
      lostCustomers: 42,
      followedUpCustomers: 100,
      convertedCustomers: 35,
      conversionRate: 0.35,
      ticketsReported: 4,
      avgFirstResponseHours: 2,
      surveys: 5,
      satisfactionDistribution: [0, 0, 0, 4, 1],
      // Promoters 10, 9, 9; detractor 3; passive 7: 60 % − 20 % = 40.
      nps: 40,
    });
    expect(may.satisfactionMean).toBeCloseTo(4.2, 10);
    expect(may.meanScore).toBeCloseTo(87.2, 10);
    expect(may.followUpsDone).toBe(100);
  });

  it('the month under way: June 1st–3rd has no contact or survey yet, so its rates are null ("–")', () => {
    const june = computeDashboard(seed004()).overall.current;
    expect(june).toMatchObject({
      totalCustomers: 150,
      newCustomers: 0,
      // As of June 3rd the May 20th contacts are 14 days old: still active. April 1st ones still sleeping.
      activeCustomers: 90,
      sleepingCustomers: 8,
      followedUpCustomers: 0,
      conversionRate: null,
      avgFirstResponseHours: null,
      slaBreachRate: null,
      satisfactionMean: null,
      meanScore: null,
      nps: null,
      satisfactionDistribution: [0, 0, 0, 0, 0],
    });
  });

  it('an empty workbook: every count 0, every rate null; the sheet shows "–", never NaN', () => {
    const figures = computeDashboard(input({ team: ['a@x.cn'] }));
    expect(figures.overall.current.totalCustomers).toBe(0);
    expect(figures.overall.current.conversionRate).toBeNull();
    expect(figures.segments.current.map((s) => [s.segment, s.responseRate, s.responseStatus])).toEqual([
      ['highValue', null, 'noData'],
      ['growth', null, 'noData'],
      ['dormant', null, 'noData'],
      ['regular', null, 'noData'],
    ]);
    const sheet = dashboardSheet(figures, {
      language: 'en',
      settings: defaultSettings(),
      zone,
      timeZone: 'Asia/Shanghai',
      nowMs: NOW,
      lastScan: null,
      ownerNames: new Map(),
    });
    const cells = sheet.values.flat();
    expect(cells.some((cell) => typeof cell === 'number' && Number.isNaN(cell))).toBe(false);
    expect(cells.some((cell) => String(cell).includes('NaN'))).toBe(false);
    const conversion = sheet.values.find((row) => row[0] === 'Conversion rate (won ÷ followed up)');
    expect(conversion?.slice(0, 3)).toEqual(['Conversion rate (won ÷ followed up)', DASH, DASH]);
    const index = sheet.values.indexOf(conversion as (string | number)[]);
    expect(sheet.numberFormats[index]?.slice(1, 3)).toEqual(['@', '@']);
    // The team member has a row even without customers.
    expect(sheet.values.some((row) => row[0] === 'a@x.cn' && row[1] === 0)).toBe(true);
  });

  it('response rate per segment against the targets: 70 % of 80 % is below, 20 % of 30 % is an alert (< 24 %)', () => {
    const customers: Row[] = [
      { id: 'H', segment: 'highValue', createdAt: at('2024-01-01T00:00') },
      { id: 'D', segment: 'dormant', createdAt: at('2024-01-01T00:00') },
      { id: 'R', segment: 'regular', createdAt: at('2024-01-01T00:00') },
    ];
    const touch = (id: string, yes: boolean, direction = 'outbound'): Row => ({
      customerId: id,
      at: at('2024-06-01T10:00'),
      direction,
      responded: yes ? 'yes' : 'no',
    });
    const followUps = [
      ...range(10).map((i) => touch('H', i < 7)),
      ...range(10).map((i) => touch('D', i < 2)),
      touch('R', true),
      // Inbound contacts are not touches.
      touch('H', false, 'inbound'),
    ];
    const segments = computeDashboard(input({ customers, followUps })).segments.current;
    expect(
      segments.map((s) => [s.segment, s.outboundTouches, s.responseRate, s.responseTarget, s.responseStatus]),
    ).toEqual([
      ['highValue', 10, 0.7, 0.8, 'below'],
      ['growth', 0, null, 0.6, 'noData'],
      ['dormant', 10, 0.2, 0.3, 'alert'],
      ['regular', 1, 1, null, 'noTarget'],
    ]);
    // No transactions in the workbook: repeat-purchase rates are not shown.
    expect(segments.every((s) => s.repeatRate === null)).toBe(true);
  });

  it('repeat purchase: touched customers who bought in the month after an earlier purchase', () => {
    const customers: Row[] = ['A', 'B', 'C'].map((id) => ({
      id,
      segment: 'growth',
      createdAt: at('2024-01-01T00:00'),
    }));
    const followUps = ['A', 'B', 'C'].map((id) => ({
      customerId: id,
      at: at('2024-06-01T10:00'),
      direction: 'outbound',
    }));
    const transactions: Row[] = [
      { customerId: 'A', date: at('2024-03-01T00:00') },
      { customerId: 'A', date: at('2024-06-02T00:00') }, // A buys again: repeat
      { customerId: 'B', date: at('2024-06-02T00:00') }, // B's first purchase: not a repeat
      { customerId: 'C', date: at('2024-03-01T00:00') },
      { customerId: 'C', date: at('2024-06-02T00:00'), refund: true }, // a refund is no purchase
    ];
    const growth = computeDashboard(input({ customers, followUps, transactions })).segments.current[1];
    expect(growth).toMatchObject({ touchedCustomers: 3, repeatBuyers: 1, repeatTarget: 0.1, repeatStatus: 'ok' });
    expect(growth?.repeatRate).toBeCloseTo(1 / 3, 10);
  });

  it('overdue as of each month end; SLA breaches; owners by customer, rep and assignee', () => {
    const customers: Row[] = [{ id: 'A', owner: 'Lin@X.cn', createdAt: at('2024-01-01T00:00') }];
    const followUps: Row[] = [
      // Due May 20th, done June 1st: overdue at the end of May, not now.
      {
        customerId: 'A',
        owner: 'wu@x.cn',
        status: 'done',
        nextActionDue: at('2024-05-20T10:00'),
        doneAt: at('2024-06-01T10:00'),
        createdAt: at('2024-05-10T10:00'),
      },
      // Due June 2nd, still open: overdue now.
      {
        customerId: 'A',
        owner: '',
        status: 'open',
        nextActionDue: at('2024-06-02T10:00'),
        createdAt: at('2024-05-30T10:00'),
      },
    ];
    const tickets: Row[] = [
      // Answered after its first-response due: a breach.
      {
        customerId: 'A',
        reportedAt: at('2024-06-01T08:00'),
        firstResponseDue: at('2024-06-01T12:00'),
        firstResponseAt: at('2024-06-01T13:00'),
        assignee: 'wu@x.cn',
      },
      // Resolution due June 10th, unresolved but not late yet.
      { customerId: 'A', reportedAt: at('2024-06-01T08:00'), resolutionDue: at('2024-06-10T12:00') },
    ];
    const figures = computeDashboard(input({ customers, followUps, tickets, team: ['wu@x.cn'] }));
    expect([figures.overall.previous.overdueFollowUps, figures.overall.current.overdueFollowUps]).toEqual([1, 1]);
    expect(figures.overall.current).toMatchObject({ ticketsReported: 2, ticketsBreached: 1, slaBreachRate: 0.5 });
    const owners = Object.fromEntries(figures.owners.map((o) => [o.owner, o]));
    expect(figures.owners.map((o) => o.owner)).toEqual(['wu@x.cn', 'lin@x.cn']);
    expect(owners['lin@x.cn']?.current).toMatchObject({ totalCustomers: 1, overdueFollowUps: 1, ticketsReported: 1 });
    expect(owners['wu@x.cn']?.current).toMatchObject({ totalCustomers: 0, ticketsReported: 1, ticketsBreached: 1 });
    expect(owners['wu@x.cn']?.previous.overdueFollowUps).toBe(1);
  });

  it('snapshot figures: core pool, churn risks open / escalated, pipeline without lost customers', () => {
    const customers: Row[] = [
      { id: 'A', stage: 'dealClosed', corePool: true, status: 'won' },
      { id: 'B', stage: 'needsAnalysis', churnRisk: true, churnEscalated: true },
      { id: 'C', stage: null, churnRisk: true },
      { id: 'D', stage: 'proposalConfirmed', status: 'churned' },
    ];
    expect(computeDashboard(input({ customers })).overall.snapshot).toEqual({
      corePool: 1,
      churnRisksOpen: 2,
      churnRisksEscalated: 1,
      pipeline: { initialContact: 1, needsAnalysis: 1, proposalConfirmed: 0, dealClosed: 1 },
    });
  });

  it('months are calendar months in the zone, across a year end; the trend lists 6, oldest first', () => {
    const jan = at('2024-01-01T00:30').getTime(); // still Dec 31st in UTC
    expect(monthPeriod(jan, zone, 0)).toMatchObject({
      key: '2024-01',
      start: at('2024-01-01T00:00').getTime(),
      cutoff: jan + 1,
    });
    expect(monthPeriod(jan, zone, 1)).toMatchObject({
      key: '2023-12',
      start: at('2023-12-01T00:00').getTime(),
      end: at('2024-01-01T00:00').getTime(),
    });
    const trend = computeDashboard(
      input({ customers: [{ id: 'A', createdAt: at('2024-02-29T23:30') }], nowMs: NOW }),
    ).trend;
    expect(trend.map((m) => [m.key, m.newCustomers])).toEqual([
      ['2024-01', 0],
      ['2024-02', 1],
      ['2024-03', 0],
      ['2024-04', 0],
      ['2024-05', 0],
      ['2024-06', 0],
    ]);
  });

  it('reads crm.lastScan: a list of unsent e-mails or a count; junk is "never run"', () => {
    expect(parseLastScan(JSON.stringify({ atMs: 5, ok: true, message: 'm', mailShortfall: ['a', 'b'] }))).toEqual({
      atMs: 5,
      ok: true,
      message: 'm',
      mailShortfall: 2,
    });
    expect(parseLastScan(JSON.stringify({ atMs: 5, ok: false, mailShortfall: 3 }))?.mailShortfall).toBe(3);
    expect([parseLastScan(undefined), parseLastScan('{'), parseLastScan('{"ok":true}')]).toEqual([null, null, null]);
  });
});
