import { startAddon } from '../support/addon';
import { customerFields, requestId, saveCustomer } from '../support/intake';

const REP = { email: 'boss@example.com', locale: 'zh_CN' };

describe('My day through the sidebar API', () => {
  it("shows the rep's own items as time moves on, in the workbook language", () => {
    const { host, runtime } = startAddon({ user: REP });
    host.run('runInstall', [{ language: 'zh-CN' }]);
    saveCustomer(host, customerFields({ intentGrade: 'high' }));
    host.run('saveFollowUp', [
      {
        requestId: requestId(),
        customerId: 'C20240603001',
        fields: {
          at: '2024-06-03T10:00',
          direction: 'outbound',
          channel: 'phone',
          content: '初次沟通',
          nextAction: '发送报价',
          nextActionDue: '2024-06-04T17:00',
        },
      },
    ]);
    const sections = () => {
      const result = host.run<{
        ok: true;
        value: { sections: { key: string; items: { id: string; when: string }[] }[] };
      }>('getMyDay');
      if (!result.ok || !result.value.ok) throw new Error(JSON.stringify(result));
      return Object.fromEntries(
        result.value.value.sections.map((section) => [
          section.key,
          section.items.map((item) => `${item.id}@${item.when}`),
        ]),
      );
    };
    expect(sections()).toEqual({ overdue: [], dueToday: [], pastNextFollowUp: [], sleeping: [], openTickets: [] });
    runtime.clock.setTime(Date.parse('2024-06-04T01:00:00Z')); // 09:00 on the 4th
    expect(sections().dueToday).toEqual(['G20240603001@2024-06-04 17:00']);
    runtime.clock.setTime(Date.parse('2024-06-05T01:00:00Z'));
    expect(sections().overdue).toEqual(['G20240603001@2024-06-04 17:00']);
    runtime.clock.setTime(Date.parse('2024-07-04T01:00:00Z')); // a month later
    const later = sections();
    expect(later.sleeping).toEqual(['C20240603001@2024-06-03 10:00']);
    // The open action stands for the customer's next step: the customer is not listed twice.
    expect(later.overdue).toEqual(['G20240603001@2024-06-04 17:00']);
    expect(later.pastNextFollowUp).toEqual([]);
    // Once the action is done, the customer's own next follow-up date shows.
    host.run('saveFollowUp', [
      {
        requestId: requestId(),
        customerId: 'C20240603001',
        fields: { at: '2024-06-04T16:00', direction: 'inbound', channel: 'wechat', content: '客户回复' },
        markEarlierDone: true,
      },
    ]);
    expect(sections().pastNextFollowUp).toEqual(['C20240603001@2024-06-11 16:00']);
  });

  it('refuses when Apps Script cannot tell who the user is', () => {
    const { host } = startAddon({ user: { email: '', locale: 'en' } });
    expect(host.run('getMyDay')).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'forbidden' } } });
  });

  it("doesn't show another rep's items", () => {
    const { host } = startAddon({ user: REP });
    host.run('runInstall', [{ language: 'zh-CN' }]);
    saveCustomer(host, customerFields());
    const other = host.run<{ ok: true; value: { sections: { items: unknown[] }[] } }>('getMyDay', [], {
      user: { email: 'rep2@example.com', locale: 'zh_CN' },
    });
    expect(
      other.ok && other.value.ok && other.value.value.sections.every((section) => section.items.length === 0),
    ).toBe(true);
  });
});
