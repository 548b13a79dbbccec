import { computeDashboard, type KpiInput } from '../../src/shared/rules/kpi';
import { dashboardSheet, DASH } from '../../src/shared/rules/kpi-layout';
import { touchStatus } from '../../src/shared/rules/kpi-strategy';
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

  it('yearly care budget: the target only (floor for high-value and growth, ceiling for dormant)', () => {
    expect(computeDashboard(strategyInput()).strategy.map((s) => [s.segment, s.budgetTarget])).toEqual([
      ['highValue', { bound: 'atLeast', amount: 500 }],
      ['growth', { bound: 'atLeast', amount: 200 }],
      ['dormant', { bound: 'atMost', amount: 50 }],
    ]);
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
    expect(row('Yearly care budget per customer (yuan; care costs are not recorded)')?.slice(1)).toEqual([
      DASH,
      '≥ 500',
      DASH,
      '≥ 200',
      DASH,
      '≤ 50',
    ]);
    // Colours: interval alert (red) / on target (green); load outside the range (amber) / within (green).
    const interval = index('Days between outbound touches per customer (last 90 days)');
    expect([sheet.fontColors[interval]?.[1], sheet.fontColors[interval]?.[3]]).toEqual(['#cc0000', '#38761d']);
    const load = index('Customers per owner (min–max, now)');
    expect([sheet.fontColors[load]?.[1], sheet.fontColors[load]?.[3]]).toEqual(['#b45f06', '#38761d']);
    expect(sheet.numberFormats[interval]?.slice(1, 3)).toEqual(['0.0', '0']);
    expect(sheet.numberFormats[index('Outbound touches through the target channels (this month)')]?.[1]).toBe('0.0%');
  });
});
