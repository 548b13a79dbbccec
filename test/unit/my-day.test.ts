import { buildMyDay } from '../../src/shared/rules/my-day';
import { defaultSettings } from '../../src/shared/rules/settings';
import { fixedOffsetZone } from '../../src/shared/time/zone';

const zone = fixedOffsetZone('Asia/Shanghai', 480);
const at = (iso: string): Date => new Date(iso);
const NOW = Date.parse('2024-06-10T02:00:00Z'); // 10:00 on Monday 2024-06-10 in Shanghai

const customers = [
  {
    id: 'C1',
    name: '甲公司',
    owner: 'rep@x.cn',
    contactName: '甲',
    status: 'active',
    createdAt: at('2024-05-01T02:00:00Z'),
    lastContactAt: at('2024-06-01T02:00:00Z'),
    nextFollowUpDue: at('2024-06-08T02:00:00Z'),
  },
  {
    id: 'C2',
    name: '乙公司',
    owner: 'rep@x.cn',
    contactName: '乙',
    status: 'active',
    createdAt: at('2024-04-01T02:00:00Z'),
    lastContactAt: at('2024-05-10T02:00:00Z'),
    nextFollowUpDue: at('2024-06-10T08:00:00Z'),
  },
  {
    id: 'C3',
    name: '丙公司',
    owner: 'other@x.cn',
    coOwner: 'rep@x.cn',
    contactName: '丙',
    status: 'active',
    createdAt: at('2024-06-09T02:00:00Z'),
    lastContactAt: null,
    nextFollowUpDue: at('2024-06-20T02:00:00Z'),
  },
  {
    id: 'C4',
    name: '丁公司',
    owner: 'other@x.cn',
    contactName: '丁',
    status: 'active',
    createdAt: at('2024-01-01T02:00:00Z'),
    lastContactAt: null,
    nextFollowUpDue: at('2024-01-08T02:00:00Z'),
  },
  {
    id: 'C5',
    name: '戊公司',
    owner: 'rep@x.cn',
    contactName: '戊',
    status: 'lost',
    createdAt: at('2024-01-01T02:00:00Z'),
    lastContactAt: null,
    nextFollowUpDue: at('2024-01-08T02:00:00Z'),
  },
  {
    id: 'C6',
    name: '己公司',
    owner: 'rep@x.cn',
    contactName: '己',
    status: 'active',
    doNotContact: true,
    createdAt: at('2024-01-01T02:00:00Z'),
    lastContactAt: null,
    nextFollowUpDue: null,
  },
];
const followUps = [
  {
    id: 'G1',
    customerId: 'C1',
    owner: 'rep@x.cn',
    status: 'open',
    nextAction: '报价',
    nextActionDue: at('2024-06-09T09:00:00Z'),
  },
  {
    id: 'G2',
    customerId: 'C2',
    owner: 'rep@x.cn',
    status: 'open',
    nextAction: '演示',
    nextActionDue: at('2024-06-10T09:00:00Z'),
  },
  {
    id: 'G3',
    customerId: 'C2',
    owner: 'rep@x.cn',
    status: 'done',
    nextAction: '旧',
    nextActionDue: at('2024-06-01T09:00:00Z'),
  },
  {
    id: 'G4',
    customerId: 'C4',
    owner: 'other@x.cn',
    status: 'open',
    nextAction: '别人的',
    nextActionDue: at('2024-06-01T09:00:00Z'),
  },
  {
    id: 'G5',
    customerId: 'C1',
    owner: 'rep@x.cn',
    status: 'open',
    nextAction: '明天',
    nextActionDue: at('2024-06-11T01:00:00Z'),
  },
];
const tickets = [
  {
    id: 'F1',
    customerId: 'C1',
    assignee: 'rep@x.cn',
    status: 'inProgress',
    description: '设备无法开机',
    resolutionDue: at('2024-06-11T02:00:00Z'),
    archivedAt: null,
  },
  {
    id: 'F2',
    customerId: 'C1',
    assignee: 'rep@x.cn',
    status: 'closed',
    description: '旧工单',
    archivedAt: at('2024-06-01T02:00:00Z'),
  },
  {
    id: 'F3',
    customerId: 'C2',
    assignee: 'other@x.cn',
    status: 'pending',
    description: '别人的工单',
    archivedAt: null,
  },
];

describe('My day', () => {
  const day = buildMyDay({
    email: 'rep@x.cn',
    customers,
    followUps,
    tickets,
    nowMs: NOW,
    zone,
    settings: defaultSettings(),
  });
  const ids = (list: { id: string }[]) => list.map((entry) => entry.id);

  it('lists only my open actions whose due date passed as overdue', () => {
    expect(ids(day.overdue)).toEqual(['G1']);
    expect(day.overdue[0]).toMatchObject({ table: 'followUps', title: '甲公司', detail: '报价' });
  });

  it('lists my actions due later today, not tomorrow, and customers due today without an open action', () => {
    expect(ids(day.dueToday)).toEqual(['G2']);
    const withoutActions = buildMyDay({
      email: 'rep@x.cn',
      customers,
      followUps: [],
      tickets,
      nowMs: NOW,
      zone,
      settings: defaultSettings(),
    });
    expect(ids(withoutActions.dueToday)).toEqual(['C2']);
  });

  it('lists my customers (owned or co-owned) past their next follow-up date, skipping lost, do-not-contact and those with an open action listed', () => {
    // C1 has open actions (G1 overdue): the action stands for it.
    expect(ids(day.pastNextFollowUp)).toEqual([]);
    const withoutActions = buildMyDay({
      email: 'rep@x.cn',
      customers,
      followUps: [],
      tickets,
      nowMs: NOW,
      zone,
      settings: defaultSettings(),
    });
    expect(ids(withoutActions.pastNextFollowUp)).toEqual(['C1']);
  });

  it('lists my customers with no contact for 30 days as sleeping', () => {
    expect(ids(day.sleeping)).toEqual(['C2']);
  });

  it('lists my tickets that are pending or in progress and not archived', () => {
    expect(ids(day.openTickets)).toEqual(['F1']);
  });
});
