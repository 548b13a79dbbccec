import { categoryPreference, gradeCustomers } from '../../src/shared/rules/grading';
import { settingsWith } from '../../src/shared/rules/settings';
import {
  closedWonUpdate,
  isFirstPurchase,
  parseRefund,
  validateTransactionInput,
} from '../../src/shared/rules/transaction-input';
import type { FieldValue } from '../../src/shared/schema/cells';
import { fixedOffsetZone, type Zone } from '../../src/shared/time/zone';

/**
 * Issue 13: what transactions do to grading (trailing 12 months across a year end and in two zones,
 * purchase activity at 0 / 1 / 2 purchases and at the 3-month boundary, category ties, the −30 % churn
 * rule, closed-won), and the Record transaction form's shared rules.
 */
type Row = Record<string, FieldValue>;
const SHANGHAI = fixedOffsetZone('Asia/Shanghai', 480);
const LOS_ANGELES = fixedOffsetZone('America/Los_Angeles', -480);

/** Local midnight of `date` in `zone`, as a date cell of a sheet in that zone holds it. */
const dateCell = (date: string, zone: Zone): Date =>
  new Date(Date.parse(`${date}T00:00:00Z`) - zone.offsetAt(Date.parse(`${date}T00:00:00Z`)) * 60_000);

function grade(zone: Zone, nowIso: string, transactions: Row[], customer: Row = {}, overrides = {}) {
  return gradeCustomers({
    customers: [{ id: 'C1', industry: '制造业', createdAt: new Date('2020-01-01T00:00:00Z'), ...customer }],
    followUps: [],
    transactions,
    settings: settingsWith(overrides),
    nowMs: Date.parse(nowIso),
    zone,
  }).graded[0] as Record<string, FieldValue>;
}

const sale = (date: string, amount: number, zone: Zone, values: Row = {}): Row => ({
  customerId: 'C1',
  date: dateCell(date, zone),
  amount,
  refund: false,
  category: '',
  ...values,
});

describe('trailing 12 months', () => {
  it('spans a year end: on 2025-01-05 it is 2024-01-06 … 2025-01-05 (the same date a year back is out)', () => {
    const z = SHANGHAI;
    const graded = grade(z, '2025-01-05T02:00:00Z', [
      sale('2024-01-05', 1_000, z), // exactly a year back: the year before
      sale('2024-01-06', 20_000, z),
      sale('2024-12-31', 300_000, z),
      sale('2025-01-01', 4_000_000, z, { refund: true }), // refunds never count
      sale('2025-01-05', 500_000, z), // today
    ]);
    expect(graded.annualValue).toBe(820_000);
    expect(graded.valueTier).toBe('key');
    expect(graded.firstPurchaseAt).toEqual(dateCell('2024-01-05', z));
    expect(graded.lastPurchaseAt).toEqual(dateCell('2025-01-05', z));
  });

  it('counts local dates in the spreadsheet zone: the same instant is 2025-01-01 in Shanghai, 2024-12-31 in LA', () => {
    // 2025-01-01 02:00 UTC = Jan 1st 10:00 in Shanghai, Dec 31st 18:00 in Los Angeles.
    const now = '2025-01-01T02:00:00Z';
    const rows = (z: Zone) => [sale('2024-01-01', 100_000, z), sale('2024-06-30', 10_000, z), sale('2025-01-01', 1, z)];
    // Shanghai: 2024-01-02 … 2025-01-01 → 10,000 + 1 (Jan 1st 2024 is a year back).
    expect(grade(SHANGHAI, now, rows(SHANGHAI)).annualValue).toBe(10_001);
    // Los Angeles: 2024-01-01 … 2024-12-31 → 100,000 + 10,000 (Jan 1st 2025 has not come yet there).
    expect(grade(LOS_ANGELES, now, rows(LOS_ANGELES)).annualValue).toBe(110_000);
  });

  it('sums to two decimals and uses the typed estimate only without any purchase', () => {
    const z = SHANGHAI;
    expect(grade(z, '2024-06-03T02:00:00Z', [sale('2024-06-01', 0.1, z), sale('2024-06-02', 0.2, z)]).annualValue).toBe(
      0.3,
    );
    expect(grade(z, '2024-06-03T02:00:00Z', [], { annualValueEstimate: 650_000 })).toMatchObject({
      annualValue: 650_000,
      valueTier: 'key',
      purchaseActivity: 'low',
      categoryPreference: '',
    });
    // A purchase older than 12 months still makes the transactions the truth: annual value 0, not the estimate.
    expect(
      grade(z, '2024-06-03T02:00:00Z', [sale('2023-05-01', 9_000_000, z)], { annualValueEstimate: 650_000 }),
    ).toMatchObject({ annualValue: 0, valueTier: 'standard' });
  });
});

describe('purchase activity (3 months = the 90-day Settings period)', () => {
  const z = SHANGHAI;
  const now = '2024-06-03T02:00:00Z'; // 2024-06-03 10:00 Shanghai; 90 days back is 2024-03-05
  it.each([
    [[], 'low'],
    [['2024-06-01'], 'medium'],
    [['2024-06-01', '2024-03-06'], 'high'], // 89 days ago is inside
    [['2024-06-01', '2024-03-05'], 'medium'], // 90 days ago is outside
    [['2024-03-05'], 'low'],
    [['2024-03-06', '2024-03-06'], 'high'],
  ])('purchases on %j → %s', (dates, activity) => {
    expect(
      grade(
        z,
        now,
        (dates as string[]).map((date) => sale(date, 10, z)),
      ).purchaseActivity,
    ).toBe(activity);
  });

  it('does not count refunds, and follows the Settings period and threshold', () => {
    const rows = [sale('2024-06-01', 10, z), sale('2024-06-02', 10, z, { refund: true })];
    expect(grade(z, now, rows).purchaseActivity).toBe('medium');
    const three = [sale('2024-06-01', 10, z), sale('2024-05-01', 10, z), sale('2024-04-01', 10, z)];
    expect(grade(z, now, three, {}, { purchaseActivityHighMin: 3 }).purchaseActivity).toBe('high');
    expect(grade(z, now, three, {}, { purchaseActivityDays: 40 }).purchaseActivity).toBe('high');
    expect(grade(z, now, three, {}, { purchaseActivityDays: 30 }).purchaseActivity).toBe('medium');
  });
});

describe('category preference', () => {
  const p = (category: string, date: string) => ({ date, amount: 1, category });
  it('takes the top category; two when tied; three tied: the two bought most recently', () => {
    expect(categoryPreference([p('耗材', '2024-01-01'), p('耗材', '2024-01-02'), p('设备', '2024-05-01')])).toBe(
      '耗材',
    );
    expect(categoryPreference([p('设备', '2024-01-01'), p('耗材', '2024-02-01')])).toBe('耗材, 设备');
    expect(
      categoryPreference([
        p('服务', '2024-03-01'),
        p('耗材', '2024-01-01'),
        p('设备', '2024-02-01'),
        p('设备', '2024-01-01'),
        p('耗材', '2024-01-05'),
        p('服务', '2024-01-01'),
      ]),
    ).toBe('服务, 设备');
  });

  it('breaks a full tie (same count, same last date) by name; blanks and spaces are not categories', () => {
    expect(categoryPreference([p('b', '2024-01-01'), p('a', '2024-01-01'), p('c', '2024-01-01')])).toBe('a, b');
    expect(categoryPreference([p('  ', '2024-01-01'), p(' 设备 ', '2024-01-01')])).toBe('设备');
  });
});

describe('churn risk: spend down ≥ 30 % (trailing 12 months against the 12 before)', () => {
  const z = SHANGHAI;
  const now = '2024-06-03T02:00:00Z';
  const history = (last: number) => [
    sale('2022-06-03', 5_000_000, z), // exactly two years back: in neither year
    sale('2023-01-10', 600_000, z),
    sale('2023-06-03', 400_000, z), // a year back: belongs to the year before → previous = 1,000,000
    sale('2024-05-20', last, z),
  ];
  it.each([
    [700_000, true], // exactly −30 %
    [699_999, true],
    [700_001, false],
  ])('last 12 months %d against 1,000,000 → spendDrop %s', (last, flagged) => {
    const graded = grade(z, now, history(last));
    expect(graded.valueTier).toBe('key');
    expect(String(graded.churnRiskReasons).split(',').includes('spendDrop')).toBe(flagged);
    expect(graded.churnRisk).toBe(flagged);
  });

  it('needs spend in the year before, and a key / strategic tier or the high-value segment', () => {
    expect(grade(z, now, [sale('2024-05-20', 700_000, z)]).churnRisk).toBe(false);
    // 300,000 of 1,000,000: down 70 % but standard tier and (only customer = the average) not high-value.
    expect(grade(z, now, history(300_000)).churnRiskReasons).toBe('');
    expect(grade(z, now, history(300_000), {}, { churnSpendDropPercent: 50, tierKeyMin: 200_000 })).toMatchObject({
      churnRisk: true,
      churnRiskReasons: 'spendDrop',
    });
  });
});

describe('closed-won', () => {
  it('a first purchase is a non-refund when no other transaction of the customer is a purchase', () => {
    const d = new Date('2024-06-01T00:00:00Z');
    expect(isFirstPurchase(false, [])).toBe(true);
    expect(isFirstPurchase(true, [])).toBe(false);
    expect(isFirstPurchase(false, [{ refund: true, amount: 10, date: d }])).toBe(true);
    expect(isFirstPurchase(false, [{ refund: false, amount: 10, date: d }])).toBe(false);
    expect(isFirstPurchase(false, [{ refund: false, amount: 'n/a', date: d }])).toBe(true);
  });

  it('grading sets won + deal closed for purchases on an empty or active status, and keeps won / lost / churned', () => {
    expect(closedWonUpdate(null, true)).toEqual({ status: 'won', stage: 'dealClosed' });
    expect(closedWonUpdate('active', true)).toEqual({ status: 'won', stage: 'dealClosed' });
    expect(closedWonUpdate('active', false)).toBeNull();
    for (const status of ['won', 'lost', 'churned']) expect(closedWonUpdate(status, true)).toBeNull();
  });
});

describe('the Record transaction form rules', () => {
  const body = (fields: Record<string, unknown>, customerId = 'C20240603001') => ({
    customerId,
    fields: { date: '2024-06-01', product: '办公椅', amount: '1.28万', ...fields },
  });

  it('normalizes amounts, quantities, dates and text', () => {
    const { values, errors } = validateTransactionInput(
      body({ amount: '¥１２,８００', quantity: '２', date: '2024/6/1', category: ' 家具 ', notes: ' 含安装\r\n ' }),
      '2024-06-03',
    );
    expect(errors).toEqual({});
    expect(values).toEqual({
      customerId: 'C20240603001',
      date: '2024-06-01',
      product: '办公椅',
      category: '家具',
      quantity: 2,
      amount: 12_800,
      refund: false,
      notes: '含安装',
    });
    expect(validateTransactionInput(body({}), null).values.amount).toBe(12_800);
  });

  it('refuses what it cannot store', () => {
    const { errors } = validateTransactionInput(
      body({ product: '  ', amount: '-5', quantity: 'two', date: '2024-06-04', refund: 'maybe' }, 'X1'),
      '2024-06-03',
    );
    expect(errors).toEqual({
      customerId: 'validation.customer',
      product: 'validation.required',
      amount: 'validation.amount',
      quantity: 'validation.quantity',
      date: 'validation.futureDate',
      refund: 'validation.option',
    });
    expect(validateTransactionInput(body({ date: '2023-02-29', amount: '' }), null).errors).toEqual({
      date: 'validation.date',
      amount: 'validation.required',
    });
    expect(validateTransactionInput(body({ amount: '2000000000000' }), null).errors).toEqual({
      amount: 'validation.amount',
    });
  });

  it('reads refund as a checkbox or a yes / no word', () => {
    expect([true, 'yes', '是', '退款', 'Y'].map(parseRefund)).toEqual([true, true, true, true, true]);
    expect([false, '', 'no', '否', undefined].map(parseRefund)).toEqual([false, false, false, false, false]);
    expect(parseRefund('perhaps')).toBeNull();
  });
});
