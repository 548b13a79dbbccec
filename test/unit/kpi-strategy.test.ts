import { computeDashboard, type KpiInput } from '../../src/shared/rules/kpi';
import { dashboardSheet, DASH } from '../../src/shared/rules/kpi-layout';
import { budgetStatus, touchStatus } from '../../src/shared/rules/kpi-strategy';
import { settingsWith } from '../../src/shared/rules/settings';
import type { FieldValue } from '../../src/shared/schema/cells';
import { fixedOffsetZone } from '../../src/shared/time/zone';

const zone = fixedOffsetZone('Asia/Shanghai', 480);
const at = (iso: string) => new Date(`${iso}+08:00`);
/** Monday 2024-06-03 09:00: the 90-day window starts 2024-03-05 09:00; this month is June 1st–3rd. */
const NOW = at('2024-06-03T09:00').getTime();
type Row = Record<string, FieldValue>;

const settings = settingsWith({ strategyLoadGrowthMin: 1, strategyLoadGrowthMax: 2 });
const old = at('2024-01-01T00:00');
const touch = (customerId: string, when: string, channel = 'phone', direction = 'outbound'): Row => ({
  customerId,
  at: at(when),
  channel,
  direction,
});

/**
 * High-value: H1, H2 (owner a), H3 (owner b) and H4 (owner b, lost: left out of the per-customer figures).
 * Growth: G1, G2 (owner a), G3 (no owner). Dormant: nobody. R is regular (not in the matrix).
 */
function strategyInput(): KpiInput {
  const customers: Row[] = [
    { id: 'H1', segment: 'highValue', owner: 'A@x.cn', createdAt: old },
    { id: 'H2', segment: 'highValue', owner: 'a@x.cn', createdAt: old },
    { id: 'H3', segment: 'highValue', owner: 'b@x.cn', createdAt: old },
    { id: 'H4', segment: 'highValue', owner: 'b@x.cn', createdAt: old, status: 'lost' },
    { id: 'G1', segment: 'growth', owner: 'a@x.cn', createdAt: old },
    { id: 'G2', segment: 'growth', owner: 'a@x.cn', createdAt: old },
    { id: 'G3', segment: 'growth', owner: '', createdAt: old },
    { id: 'R', segment: 'regular', owner: 'b@x.cn', createdAt: old },
  ];
  const followUps: Row[] = [
    // High-value, in the window: H1 × 3, H2 × 1 = 4 touches over 3 customers.
    touch('H1', '2024-04-01T10:00', 'visit'),
    touch('H1', '2024-05-01T10:00', 'visit'),
    touch('H1', '2024-06-01T10:00', 'phone'),
    touch('H2', '2024-05-20T10:00', 'sms'),
    // Not counted in the window: before it, inbound, to a lost customer; the lost one counts this month.
    touch('H3', '2024-03-01T10:00'),
    touch('H3', '2024-06-02T10:00', 'phone', 'inbound'),
    touch('H4', '2024-06-02T10:00', 'wechat'),
    // Growth: 9 touches over 3 customers, 3 of them in June (groupChat, sms, phone).
    ...['G1', 'G2', 'G3'].flatMap((id) => [touch(id, '2024-04-10T10:00', 'sms'), touch(id, '2024-05-10T10:00', 'sms')]),
    touch('G1', '2024-06-01T10:00', 'groupChat'),
    touch('G2', '2024-06-02T10:00', 'sms'),
    touch('G3', '2024-06-03T08:00', 'phone'),
    // After now: not counted anywhere. Regular customers are not in the matrix.
    touch('G1', '2024-06-03T10:00', 'sms'),
    touch('R', '2024-06-01T10:00', 'sms'),
  ];
  return {
    customers,
    followUps,
    tickets: [],
    satisfaction: [],
    transactions: [],
    team: [],
    settings,
    zone,
    nowMs: NOW,
  };
}

describe('segment strategy matrix: actual against target (issue 13)', () => {
  it('touch interval = 90 × customers ÷ outbound touches in the last 90 days, against the light-touch/care/wake-up days', () => {
    const [highValue, growth, dormant] = computeDashboard(strategyInput()).strategy;
    // High-value: 90 × 3 ÷ 4 = 67.5 days vs 30; 1/67.5 is more than 20 % under 1/30 (< 1/37.5): an alert.
    expect(highValue).toMatchObject({
      segment: 'highValue',
      customers: 3,
      touchesInWindow: 4,
      touchIntervalDays: 67.5,
      touchTargetDays: 30,
      touchStatus: 'alert',
    });
    // Growth: 90 × 3 ÷ 9 = 30 days vs 30: on target.
    expect(growth).toMatchObject({ customers: 3, touchesInWindow: 9, touchIntervalDays: 30, touchStatus: 'ok' });
    // Dormant: nobody, no touch: "–"; the target is the wake-up interval (90).
    expect(dormant).toMatchObject({
      customers: 0,
      touchIntervalDays: null,
      touchTargetDays: 90,
      touchStatus: 'noData',
    });
  });

  it('an interval up to 1 ÷ (1 − 20 %) of the target is below target, beyond that an alert', () => {
    expect(touchStatus(30, 30, 20)).toBe('ok');
    expect(touchStatus(35, 30, 20)).toBe('below'); // 1/35 ≥ 0.8/30
    expect(touchStatus(38, 30, 20)).toBe('alert'); // 1/38 < 0.8/30
    expect(touchStatus(null, 30, 20)).toBe('noData');
  });

  it("channel share: this month's outbound touches through the segment's target channels", () => {
    const [highValue, growth, dormant] = computeDashboard(strategyInput()).strategy;
    // High-value (phone, visit): H1 phone, H4 wechat (lost customers still count for the month) → 1 of 2.
    expect(highValue).toMatchObject({ monthTouches: 2, targetChannelTouches: 1, channelShare: 0.5 });
    expect(highValue?.targetChannels).toEqual(['phone', 'visit']);
    // Growth (groupChat, sms): groupChat, sms, phone → 2 of 3; the touch after now is left out.
    expect(growth).toMatchObject({ monthTouches: 3, targetChannelTouches: 2 });
    expect(growth?.channelShare).toBeCloseTo(2 / 3, 10);
    expect(dormant?.channelShare).toBeNull();
    // No target channels: no share.
    const noTarget = computeDashboard({
      ...strategyInput(),
      settings: settingsWith({ strategyHighValueChannels: [] }),
    });
    expect(noTarget.strategy[0]?.channelShare).toBeNull();
  });

  it('staff load: min–max customers per owner (lost and unowned left out), within the Settings range or not', () => {
    const [highValue, growth, dormant] = computeDashboard(strategyInput()).strategy;
    // a: H1, H2 (owner case ignored); b: H3 (H4 is lost) → 1–2 against 20–30.
    expect(highValue).toMatchObject({ owners: 2, loadMin: 1, loadMax: 2, loadTargetMin: 20, loadTargetMax: 30 });
    expect(highValue?.loadStatus).toBe('below');
    // a: G1, G2 (G3 has no owner) → 2–2 within 1–2.
    expect(growth).toMatchObject({ owners: 1, loadMin: 2, loadMax: 2, loadStatus: 'ok' });
    expect(dormant).toMatchObject({ owners: 0, loadMin: null, loadMax: null, loadStatus: 'noData' });
  });

  it('yearly care budget: a floor for high-value and growth, a ceiling for dormant', () => {
    expect(computeDashboard(strategyInput()).strategy.map((s) => [s.segment, s.budgetTarget])).toEqual([
      ['highValue', { bound: 'atLeast', amount: 500 }],
      ['growth', { bound: 'atLeast', amount: 200 }],
      ['dormant', { bound: 'atMost', amount: 50 }],
    ]);
  });

  it('care spend per customer: the costs of the last 12 months ÷ customers, against the budgets (issue 19 item 4)', () => {
    const [highValue, growth, dormant] = computeDashboard(careInput()).strategy;
    // High-value: H1 400 + 100, H2 0, H3 — (H4 lost, its 900 not counted; H1's 700 is 13 months old) → 500 ÷ 3.
    expect(highValue).toMatchObject({
      customers: 3,
      careSpend: 500,
      costedTouches: 3,
      careSpendPerCustomer: 166.67,
      budgetStatus: 'alert',
      overBudget: null,
      overBudgetStatus: 'noData',
      costPerTouch: 166.67,
      costPerTouchTarget: null,
      costPerTouchStatus: 'noData',
    });
    // Growth: 300 + 200 + 100 (inbound counts too; the touch after now does not) → 200 each: on target.
    expect(growth).toMatchObject({
      customers: 3,
      careSpend: 600,
      careSpendPerCustomer: 200,
      budgetStatus: 'ok',
      costPerTouch: 200,
      costPerTouchTarget: 30,
      costPerTouchStatus: 'alert',
    });
    // Dormant: D1 80 (> 60: 20 % over 50), D2 55, D3 10.5, D4 nothing → 145.5 ÷ 4 = 36.38: on target, but two over.
    expect(dormant).toMatchObject({
      customers: 4,
      careSpend: 145.5,
      costedTouches: 5,
      careSpendPerCustomer: 36.38,
      budgetStatus: 'ok',
      overBudget: {
        count: 2,
        first: [
          { id: 'D1', spend: 80 },
          { id: 'D2', spend: 55 },
        ],
      },
      overBudgetStatus: 'alert',
      costPerTouch: 29.1,
      costPerTouchTarget: 10,
      costPerTouchStatus: 'alert',
    });
  });

  it('a floor is missed under it (an alert 20 % under), a ceiling over it (an alert 20 % over)', () => {
    const floor = { bound: 'atLeast', amount: 500 } as const;
    const ceiling = { bound: 'atMost', amount: 50 } as const;
    expect([500, 400, 399.99, null].map((v) => budgetStatus(v, floor, 20))).toEqual(['ok', 'below', 'alert', 'noData']);
    expect([50, 60, 60.01, 0].map((v) => budgetStatus(v, ceiling, 20))).toEqual(['ok', 'below', 'alert', 'ok']);
  });

  it('names the first five over-budget customers, the most spent first; just over the ceiling is below target', () => {
    const customers: Row[] = Array.from({ length: 7 }, (_, i) => ({
      id: `D${i + 1}`,
      segment: 'dormant',
      createdAt: old,
    }));
    const followUps: Row[] = customers.map((customer, i) => ({
      ...touch(String(customer.id), '2024-05-01T10:00', 'sms'),
      cost: 51 + i,
    }));
    const dormant = computeDashboard({ ...careInput(), customers, followUps }).strategy[2];
    expect(dormant?.overBudget).toEqual({
      count: 7,
      first: [57, 56, 55, 54, 53].map((spend) => ({ id: `D${spend - 50}`, spend })),
    });
    expect(dormant?.overBudgetStatus).toBe('below');
  });

  it('lays the matrix out as rows, segments side by side (actual, target); "–" where nothing is counted', () => {
    const sheet = dashboardSheet(computeDashboard(strategyInput()), {
      language: 'en',
      settings,
      zone,
      timeZone: 'Asia/Shanghai',
      nowMs: NOW,
      lastScan: null,
      ownerNames: new Map(),
    });
    const index = (title: string) => sheet.values.findIndex((row) => row[0] === title);
    const row = (title: string) => sheet.values[index(title)]?.slice(0, 7);
    const section = index('Segment strategy: actual vs target (2024-06)');
    expect(section).toBeGreaterThan(0);
    expect(sheet.values[section + 1]?.slice(0, 7)).toEqual([
      'Strategy figure',
      'High-value active',
      'Target',
      'Potential growth',
      'Target',
      'Dormant',
      'Target',
    ]);
    expect(row('Days between outbound touches per customer (last 90 days)')).toEqual([
      'Days between outbound touches per customer (last 90 days)',
      67.5,
      30,
      30,
      30,
      DASH,
      90,
    ]);
    expect(row('Outbound touches through the target channels (this month)')?.slice(1)).toEqual([
      0.5,
      'Phone + Visit',
      2 / 3,
      'Company group chat + SMS',
      DASH,
      'SMS + E-mail',
    ]);
    expect(row('Customers per owner (min–max, now)')?.slice(1)).toEqual([
      '1–2',
      '20–30',
      '2–2',
      '1–2',
      DASH,
      '100–150',
    ]);
    // No costs recorded in this input: 0 yuan per customer (an alert against the floors); nobody dormant.
    expect(row('Care spend per customer (yuan, last 12 months)')?.slice(1)).toEqual([
      0,
      '≥ 500',
      0,
      '≥ 200',
      DASH,
      '≤ 50',
    ]);
    expect(row('Cost per touch (yuan, last 12 months)')?.slice(1)).toEqual([DASH, DASH, DASH, '≤ 30', DASH, '≤ 10']);
    // Colours: interval alert (red) / on target (green); load outside the range (amber) / within (green).
    const interval = index('Days between outbound touches per customer (last 90 days)');
    expect([sheet.fontColors[interval]?.[1], sheet.fontColors[interval]?.[3]]).toEqual(['#cc0000', '#38761d']);
    const load = index('Customers per owner (min–max, now)');
    expect([sheet.fontColors[load]?.[1], sheet.fontColors[load]?.[3]]).toEqual(['#b45f06', '#38761d']);
    expect(sheet.numberFormats[interval]?.slice(1, 3)).toEqual(['0.0', '0']);
    expect(sheet.numberFormats[index('Outbound touches through the target channels (this month)')]?.[1]).toBe('0.0%');
  });
});

describe('care spend on the dashboard (issue 19 item 4)', () => {
  it.each([
    [
      'en' as const,
      'Care spend per customer (yuan, last 12 months)',
      'Cost per touch (yuan, last 12 months)',
      'Customers over the yearly budget (last 12 months)',
      'Over budget, most spent first (id: yuan)',
    ],
    [
      'zh-CN' as const,
      '单户互动费用（元，近 12 个月）',
      '单次触达成本（元，近 12 个月）',
      '超出单户年预算的客户数（近 12 个月）',
      '超预算客户（费用从高到低，编号: 元）',
    ],
  ])(
    'shows actual against the budgets, coloured, and who is over budget (%s)',
    (language, spend, perTouch, over, who) => {
      const sheet = dashboardSheet(computeDashboard(careInput()), {
        language,
        settings,
        zone,
        timeZone: 'Asia/Shanghai',
        nowMs: NOW,
        lastScan: null,
        ownerNames: new Map(),
      });
      const index = (title: string) => sheet.values.findIndex((row) => row[0] === title);
      const row = (title: string) => sheet.values[index(title)]?.slice(1, 7);
      const colours = (title: string) => [1, 3, 5].map((column) => sheet.fontColors[index(title)]?.[column]);
      expect(row(spend)).toEqual([166.67, '≥ 500', 200, '≥ 200', 36.38, '≤ 50']);
      // Red: more than 20 % under the floor; green: on target.
      expect(colours(spend)).toEqual(['#cc0000', '#38761d', '#38761d']);
      expect(sheet.numberFormats[index(spend)]?.slice(1, 2)).toEqual(['#,##0.00']);
      expect(row(perTouch)).toEqual([166.67, DASH, 200, '≤ 30', 29.1, '≤ 10']);
      expect(colours(perTouch)).toEqual(['#000000', '#cc0000', '#cc0000']);
      expect(row(over)).toEqual([DASH, DASH, DASH, DASH, 2, 0]);
      expect(colours(over)?.[2]).toBe('#cc0000');
      expect(row(who)).toEqual([DASH, '', DASH, '', 'D1: 80, D2: 55', '']);
    },
  );
});

/**
 * Care spend (issue 19 item 4), now 2024-06-03 09:00, the 365-day window from 2023-06-04 09:00.
 * High-value H1–H3 and lost H4; growth G1–G3; dormant D1–D4.
 */
function careInput(): KpiInput {
  const customers: Row[] = [
    ...['H1', 'H2', 'H3'].map((id) => ({ id, segment: 'highValue', owner: 'a@x.cn', createdAt: old })),
    { id: 'H4', segment: 'highValue', owner: 'a@x.cn', createdAt: old, status: 'lost' },
    ...['G1', 'G2', 'G3'].map((id) => ({ id, segment: 'growth', owner: 'a@x.cn', createdAt: old })),
    ...['D1', 'D2', 'D3', 'D4'].map((id) => ({ id, segment: 'dormant', owner: 'b@x.cn', createdAt: old })),
  ];
  const cost = (row: Row, yuan: FieldValue): Row => ({ ...row, cost: yuan });
  const followUps: Row[] = [
    cost(touch('H1', '2024-05-01T10:00', 'visit'), 400),
    cost(touch('H1', '2023-06-05T10:00', 'phone'), 100),
    cost(touch('H1', '2023-05-01T10:00', 'visit'), 700), // 13 months ago: outside the window
    cost(touch('H2', '2024-05-02T10:00', 'phone'), 0),
    touch('H2', '2024-05-03T10:00', 'phone'), // no cost recorded: counts nothing
    cost(touch('H4', '2024-05-01T10:00', 'visit'), 900), // lost customer
    cost(touch('G1', '2024-04-01T10:00', 'groupChat'), 300),
    cost(touch('G2', '2024-04-01T10:00', 'sms', 'inbound'), 200),
    cost(touch('G3', '2024-04-01T10:00', 'sms'), 100),
    cost(touch('G3', '2024-06-03T10:00', 'sms'), 1000), // after now
    cost(touch('D1', '2024-01-10T10:00', 'sms'), 50),
    cost(touch('D1', '2024-03-10T10:00', 'email'), 30),
    cost(touch('D2', '2024-02-10T10:00', 'sms'), 55),
    cost(touch('D3', '2024-02-10T10:00', 'sms'), 10.5),
    cost(touch('D3', '2024-02-11T10:00', 'sms'), 0),
    cost(touch('D4', '2024-02-12T10:00', 'sms'), -20), // a negative amount typed by hand: ignored
    cost(touch('D4', '2024-02-13T10:00', 'sms'), '20元'), // text in the money column: not an amount
  ];
  return { ...strategyInput(), customers, followUps };
}
