import { memberDigest, renderDigest, teamSummary } from '../../src/shared/rules/digest';
import { careActionsDue, followUpOverdueUpdates, ticketSlaUpdates } from '../../src/shared/rules/scan-flags';
import { defaultSettings } from '../../src/shared/rules/settings';
import { fixedOffsetZone } from '../../src/shared/time/zone';

const zone = fixedOffsetZone('Asia/Shanghai', 480);
const at = (iso: string): Date => new Date(iso);
const NOW = Date.parse('2024-06-10T02:00:00Z'); // Monday 10:00 in Shanghai

describe('overdue follow-ups', () => {
  it('flags open actions past due, unflags done ones, and changes nothing already right', () => {
    const rows = [
      { row: 2, values: { status: 'open', nextActionDue: at('2024-06-10T01:59:00Z'), overdue: false } },
      { row: 3, values: { status: 'open', nextActionDue: at('2024-06-10T02:01:00Z'), overdue: false } },
      { row: 4, values: { status: 'done', nextActionDue: at('2024-06-01T02:00:00Z'), overdue: true } },
      { row: 5, values: { status: 'open', nextActionDue: at('2024-06-01T02:00:00Z'), overdue: true } },
      { row: 6, values: { status: 'open', nextActionDue: null, overdue: false } },
    ];
    expect(followUpOverdueUpdates(rows, NOW)).toEqual([
      { row: 2, values: { overdue: true } },
      { row: 4, values: { overdue: false } },
    ]);
  });
});

describe('ticket SLA breaches', () => {
  const base = { id: 'F1', firstResponseDue: at('2024-06-10T01:00:00Z'), resolutionDue: at('2024-06-11T01:00:00Z') };
  it.each([
    ['no first response after its due', { ...base }, true],
    ['first response in time, resolution not yet due', { ...base, firstResponseAt: at('2024-06-10T00:30:00Z') }, false],
    [
      'first response late',
      { ...base, firstResponseAt: at('2024-06-10T01:30:00Z'), resolvedAt: at('2024-06-10T01:40:00Z') },
      true,
    ],
    [
      'resolved late',
      { ...base, firstResponseAt: at('2024-06-10T00:30:00Z'), resolvedAt: at('2024-06-11T03:00:00Z') },
      true,
    ],
    [
      'all in time',
      { ...base, firstResponseAt: at('2024-06-10T00:30:00Z'), resolvedAt: at('2024-06-10T05:00:00Z') },
      false,
    ],
  ])('%s → %p', (_label, values, breached) => {
    const updates = ticketSlaUpdates([{ row: 2, values: { ...values, slaBreached: !breached } }], NOW);
    expect(updates).toEqual([{ row: 2, values: { slaBreached: breached } }]);
    expect(ticketSlaUpdates([{ row: 2, values: { ...values, slaBreached: breached } }], NOW)).toEqual([]);
  });
});

describe('care actions', () => {
  const customers = [
    { id: 'C1', name: '甲', owner: 'rep@x.cn', status: 'active', birthday: at('1985-06-15T16:00:00Z') }, // June 16 local
    { id: 'C2', name: '乙', owner: 'rep@x.cn', status: 'active', anniversary: '2020-06-30' },
    { id: 'C3', name: '丙', owner: 'rep@x.cn', status: 'active', birthday: '1990-06-12', doNotContact: true },
    { id: 'C4', name: '丁', owner: 'rep@x.cn', status: 'lost', birthday: '1990-06-12' },
  ];
  it('creates one action 7 days before (inside the window), none for do-not-contact or lost customers', () => {
    const actions = careActionsDue(customers, new Set(), NOW, defaultSettings(), zone);
    expect(actions).toEqual([
      expect.objectContaining({
        customerId: 'C1',
        kind: 'birthday',
        occurrence: '2024-06-16',
        relatedId: 'care:C1:birthday:2024-06-16',
      }),
    ]);
    expect(new Date(actions[0]?.dueMs ?? 0).toISOString()).toBe('2024-06-08T16:00:00.000Z');
  });
  it('does not create it twice', () => {
    expect(careActionsDue(customers, new Set(['care:C1:birthday:2024-06-16']), NOW, defaultSettings(), zone)).toEqual(
      [],
    );
  });
});

describe('digests', () => {
  const customers = [
    {
      id: 'C1',
      name: '甲公司',
      owner: 'rep@x.cn',
      status: 'active',
      createdAt: at('2024-01-01T00:00:00Z'),
      lastContactAt: at('2024-05-01T00:00:00Z'),
      nextFollowUpDue: at('2024-06-20T00:00:00Z'),
      churnRisk: true,
      churnEscalated: true,
      churnRiskSince: at('2024-06-01T00:00:00Z'),
    },
    {
      id: 'C2',
      name: '<b>乙</b>',
      owner: 'rep@x.cn',
      status: 'active',
      doNotContact: true,
      createdAt: at('2024-01-01T00:00:00Z'),
      lastContactAt: null,
    },
    {
      id: 'C3',
      name: '丙',
      owner: 'other@x.cn',
      status: 'active',
      createdAt: at('2024-06-09T00:00:00Z'),
      lastContactAt: null,
      nextFollowUpDue: at('2024-06-20T00:00:00Z'),
    },
  ];
  const followUps = [
    {
      id: 'G1',
      customerId: 'C1',
      owner: 'rep@x.cn',
      status: 'open',
      nextAction: '报价 <script>',
      nextActionDue: at('2024-06-09T00:00:00Z'),
    },
    {
      id: 'G2',
      customerId: 'C2',
      owner: 'rep@x.cn',
      status: 'open',
      nextAction: '勿扰客户的行动',
      nextActionDue: at('2024-06-09T00:00:00Z'),
    },
  ];
  const tickets = [
    {
      id: 'F1',
      customerName: '甲公司',
      assignee: 'rep@x.cn',
      status: 'inProgress',
      slaBreached: true,
      description: '无法开机',
      archivedAt: null,
    },
  ];
  const input = { customers, followUps, tickets, nowMs: NOW, zone, settings: defaultSettings() };
  const rep = { name: '小王', email: 'rep@x.cn', role: 'rep' as const };
  const other = { name: '小李', email: 'other@x.cn', role: 'rep' as const };

  it('carries only the member’s own items and leaves do-not-contact customers out', () => {
    const digest = memberDigest(rep, input);
    const ids = Object.fromEntries(
      digest.sections.map((section) => [section.key, section.items.map((item) => item.id)]),
    );
    expect(ids).toEqual({
      overdue: ['G1'],
      dueToday: [],
      sleeping: ['C1'],
      churnRisk: ['C1'],
      breachedTickets: ['F1'],
    });
    expect(digest.total).toBe(4);
    expect(memberDigest(other, input).total).toBe(0);
  });

  it('renders localized text and escaped HTML with a link to the spreadsheet; managers get counts only', () => {
    const digest = memberDigest(rep, input);
    const mail = renderDigest(digest, {
      language: 'zh-CN',
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
      nowMs: NOW,
      zone,
      sleepingDays: 30,
      summary: teamSummary([digest, memberDigest(other, input)]),
      duplicateIds: ['C20240603002'],
    });
    expect(mail.to).toBe('rep@x.cn');
    expect(mail.subject).toBe('表格客户管理 — 今日待办 4 项');
    expect(mail.body).toContain('逾期跟进 (1)');
    expect(mail.body).toContain('已升级：3 天内无新的跟进');
    expect(mail.body).toContain('https://docs.google.com/spreadsheets/d/abc/edit');
    expect(mail.htmlBody).toContain('报价 &lt;script&gt;');
    expect(mail.htmlBody).not.toContain('<script>');
    expect(mail.htmlBody).toContain('<td>小李</td><td>0</td><td>0</td><td>0</td>');
    expect(mail.body).toContain('C20240603002');
  });
});

describe('digest size', () => {
  it('lists at most 50 items per section, counts the rest, and stays far below MailApp’s 200 KB', () => {
    const customers = Array.from({ length: 5000 }, (_, i) => ({
      id: `C${i}`,
      name: `客户${'很长的名字'.repeat(100)}${i}`,
      owner: 'rep@x.cn',
      status: 'active',
      createdAt: at('2024-01-01T00:00:00Z'),
      lastContactAt: at('2024-03-01T00:00:00Z'),
      nextFollowUpDue: at('2024-04-01T00:00:00Z'),
      churnRisk: true,
    }));
    const digest = memberDigest(
      { name: '小王', email: 'rep@x.cn', role: 'manager' },
      { customers, followUps: [], tickets: [], nowMs: NOW, zone, settings: defaultSettings() },
    );
    expect(digest.total).toBe(15000);
    const mail = renderDigest(digest, {
      language: 'zh-CN',
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
      nowMs: NOW,
      zone,
      sleepingDays: 30,
      summary: teamSummary([digest]),
      duplicateIds: [],
    });
    expect(mail.body).toContain('……另有 4950 项，请在表格中查看');
    expect(Buffer.byteLength(mail.body) + Buffer.byteLength(mail.htmlBody)).toBeLessThan(200 * 1024);
    expect(mail.body.split('\n').filter((line) => line.startsWith('- C')).length).toBe(150);
  });
});
