import { computeDashboard } from '../src/shared/rules/kpi';
import { defaultSettings } from '../src/shared/rules/settings';
import { fixedOffsetZone } from '../src/shared/time/zone';

/**
 * Issue 9: "KPI maths over 100,000 records in Node well under a second" — the pure dashboard maths alone
 * (no spreadsheet calls), over 100k customers and their follow-ups, tickets, surveys and transactions,
 * built in memory with a seeded generator. Reports the median of five runs.
 */
const DAY = 86_400_000;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function measure(customerCount: number): string {
  const random = seeded(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const nowMs = Date.parse('2024-06-20T02:00:00Z');
  const owners = ['a@x.cn', 'b@x.cn', 'c@x.cn', 'd@x.cn', 'e@x.cn'];
  const ago = (days: number): Date => new Date(nowMs - Math.floor(random() * days) * DAY);
  const customers = Array.from({ length: customerCount }, (_, i) => ({
    id: `C${i}`,
    owner: pick(owners),
    status: pick(['active', 'active', 'active', 'won', 'lost', 'churned']),
    stage: pick(['initialContact', 'needsAnalysis', 'proposalConfirmed', 'dealClosed']),
    segment: pick(['highValue', 'growth', 'dormant', 'regular']),
    createdAt: ago(365),
    lastContactAt: ago(120),
    corePool: random() < 0.05,
    churnRisk: random() < 0.05,
  }));
  const followUps = Array.from({ length: customerCount * 2 }, (_, i) => ({
    id: `G${i}`,
    customerId: `C${Math.floor(random() * customerCount)}`,
    owner: pick(owners),
    at: ago(120),
    direction: pick(['outbound', 'outbound', 'inbound']),
    channel: pick(['phone', 'wechat', 'visit', 'email']),
    responded: pick(['yes', 'no', 'pending']),
    status: pick(['open', 'done', 'done']),
    nextActionDue: ago(30),
  }));
  const tickets = Array.from({ length: customerCount / 4 }, (_, i) => ({
    id: `F${i}`,
    customerId: `C${Math.floor(random() * customerCount)}`,
    assignee: pick(owners),
    reportedAt: ago(60),
    firstResponseAt: ago(59),
    slaBreached: random() < 0.1,
    status: pick(['pending', 'inProgress', 'resolved', 'closed']),
  }));
  const satisfaction = Array.from({ length: customerCount / 4 }, (_, i) => ({
    id: `S${i}`,
    customerId: `C${Math.floor(random() * customerCount)}`,
    date: ago(60),
    overall: 1 + Math.floor(random() * 5),
    score: 20 + Math.floor(random() * 81),
    nps: Math.floor(random() * 11),
  }));
  const transactions = Array.from({ length: customerCount / 2 }, (_, i) => ({
    id: `T${i}`,
    customerId: `C${Math.floor(random() * customerCount)}`,
    date: ago(365),
    amount: 100 + Math.floor(random() * 100_000),
    category: pick(['hardware', 'software', 'service']),
    refund: false,
  }));
  const records = customers.length + followUps.length + tickets.length + satisfaction.length + transactions.length;
  const input = {
    customers,
    followUps,
    tickets,
    satisfaction,
    transactions,
    team: owners,
    settings: defaultSettings(),
    zone: fixedOffsetZone('Asia/Shanghai', 480),
    nowMs,
  };
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    computeDashboard(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[2] as number;
  return (
    `| ${customerCount.toLocaleString('en')} | ${(records - customerCount).toLocaleString('en')} | ` +
    `${records.toLocaleString('en')} | ${median.toFixed(0)} ms | ${(times[0] as number).toFixed(0)}–${(times[4] as number).toFixed(0)} ms |`
  );
}

export function kpiMathsSection(customerCounts: readonly number[]): string {
  return [
    '## KPI maths alone (issue 9)',
    '',
    "The dashboard's pure maths (`computeDashboard`, no spreadsheet calls) in Node, median of five runs:",
    '',
    '| customers | other records | records | median | range |',
    '| --: | --: | --: | --: | --: |',
    ...customerCounts.map(measure),
    '',
  ].join('\n');
}
