import {
  averageFor,
  categoryPreference,
  changedValues,
  churnReasons,
  gradeCustomers,
  industryAverages,
  monthsBefore,
  parseIndustryAverages,
  purchaseActivity,
  segmentOf,
  suggestIntentGrade,
  valueTier,
  type ChurnInput,
  type GradingInput,
} from '../../src/shared/rules/grading';
import { defaultSettings, settingsWith } from '../../src/shared/rules/settings';
import type { FieldValue } from '../../src/shared/schema/cells';
import { addDays } from '../../src/shared/time/calendar';
import { fixedOffsetZone } from '../../src/shared/time/zone';

/** Grading (docs/product-rules.md §2): intent suggestion, tiers, industry averages, segments, churn, purchases. */

const zone = fixedOffsetZone('Asia/Shanghai', 480);
/** A Shanghai wall time ('2024-06-03T10:00') as an instant. */
const sh = (local: string): number => Date.parse(`${local}Z`) - 8 * 3_600_000;
const NOW = sh('2024-06-03T10:00');
const TODAY = '2024-06-03';
const settings = defaultSettings();
/** Local midnight `days` days before today, as a date cell holds it. */
const daysAgo = (days: number): Date => new Date(sh(`${addDays(TODAY, -days)}T00:00`));
/** A wall time `days` days before now (10:00). */
const touchAgo = (days: number): Date => new Date(sh(`${addDays(TODAY, -days)}T10:00`));

type Row = Record<string, FieldValue>;
function grade(customers: Row[], followUps: Row[] = [], transactions: Row[] = [], overrides = {}) {
  const input: GradingInput = {
    customers,
    followUps,
    transactions,
    settings: settingsWith(overrides),
    nowMs: NOW,
    zone,
  };
  return gradeCustomers(input);
}
const customer = (id: string, values: Row = {}): Row => ({
  id,
  industry: '制造业',
  createdAt: new Date(sh('2023-01-01T09:00')),
  ...values,
});
const contact = (customerId: string, at: Date, values: Row = {}): Row => ({
  customerId,
  at,
  direction: 'outbound',
  channel: 'phone',
  responded: 'yes',
  reason: 'manual',
  ...values,
});
const purchase = (customerId: string, date: Date, amount: number, values: Row = {}): Row => ({
  customerId,
  date,
  amount,
  refund: false,
  category: '',
  ...values,
});

describe('intent grade suggestion (docs/product-rules.md §2 table)', () => {
  it.each([
    ['explicit', 'matches', 'high', ['explicit', 'matches']],
    ['explicit', 'unconfirmed', 'medium', ['unconfirmed']],
    ['explicit', 'mismatch', 'low', ['mismatch']],
    ['partial', 'matches', 'medium', ['partial']],
    ['partial', 'unconfirmed', 'medium', ['partial', 'unconfirmed']],
    ['partial', 'mismatch', 'low', ['mismatch']],
    ['vague', 'matches', 'low', ['vague']],
    ['vague', 'unconfirmed', 'low', ['vague']],
    ['vague', 'mismatch', 'low', ['vague', 'mismatch']],
  ] as const)('need %s, budget %s → %s', (need, budget, grade, because) => {
    expect(suggestIntentGrade(need, budget)).toEqual({ grade, because });
  });

  it('suggests nothing until both questions are answered', () => {
    expect(suggestIntentGrade('explicit', null)).toBeNull();
    expect(suggestIntentGrade(null, 'matches')).toBeNull();
  });
});

describe('value tier', () => {
  it.each([
    [1_000_000, 'strategic'],
    [999_999, 'key'],
    [500_000, 'key'],
    [499_999.99, 'standard'],
    [0, 'standard'],
    [null, 'standard'],
  ])('%s yuan → %s', (value, tier) => {
    expect(valueTier(value, settings)).toBe(tier);
  });

  it('follows the Settings thresholds', () => {
    expect(valueTier(200_000, settingsWith({ tierStrategicMin: 200_000, tierKeyMin: 100_000 }))).toBe('strategic');
  });
});

describe('industry averages', () => {
  it('parses the Settings text: ";" or new lines between entries, ":" "：" or "=", 万, thousands separators', () => {
    const parsed = parseIndustryAverages(
      '制造业: 300000; Software = 500,000；零售业：8万\n 批发 : ¥120000 ;; 乱写; 餐饮: 很多',
    );
    expect(Object.fromEntries(parsed.values)).toEqual({
      制造业: 300000,
      software: 500000,
      零售业: 80000,
      批发: 120000,
    });
    expect(parsed.bad).toEqual(['乱写', '餐饮: 很多']);
  });

  it('averages customers WITH purchases per industry; no industry counts only in the overall average', () => {
    const averages = industryAverages(
      [
        { industry: '制造业', annualValue: 300_000, hasPurchases: true },
        { industry: ' 制造业 ', annualValue: 100_000, hasPurchases: true },
        { industry: 'Software', annualValue: 600_000, hasPurchases: true },
        { industry: '', annualValue: 0, hasPurchases: true },
        { industry: null, annualValue: 2_000_000, hasPurchases: false },
        { industry: '制造业', annualValue: 5_000_000, hasPurchases: false },
      ],
      '',
    );
    expect(averageFor('制造业', averages)).toBe(200_000);
    expect(averageFor('ＳＯＦＴＷＡＲＥ', averages)).toBe(600_000);
    // (300,000 + 100,000 + 600,000 + 0) / 4: the baseline without an industry, or of an unknown one.
    expect(averageFor('', averages)).toBe(250_000);
    expect(averageFor('Retail', averages)).toBe(250_000);
  });

  it('lets Settings replace an industry average or add one', () => {
    const averages = industryAverages(
      [{ industry: '制造业', annualValue: 300_000, hasPurchases: true }],
      '制造业: 100000; Retail: 80000',
    );
    expect(averageFor('制造业', averages)).toBe(100_000);
    expect(averageFor('retail', averages)).toBe(80_000);
    expect(averageFor('Software', averages)).toBe(300_000);
  });

  it('has no baseline when nobody has purchases and Settings lists nothing: everyone is regular', () => {
    const averages = industryAverages([{ industry: '制造业', annualValue: 9_000_000, hasPurchases: false }], '');
    expect(averageFor('制造业', averages)).toBeNull();
    expect(segmentOf(9_000_000, null, true, settings)).toBe('regular');
  });
});

describe('segments at 49 / 50 / 80 / 150 % of the industry average', () => {
  it.each([
    [49_999, false, 'dormant'],
    [50_000, false, 'regular'],
    [49_999, true, 'regular'],
    [79_999, true, 'regular'],
    [80_000, true, 'growth'],
    [149_999, true, 'growth'],
    [150_000, true, 'highValue'],
    [150_000, false, 'regular'],
    [null, false, 'dormant'],
  ] as const)('%s yuan against 100,000, active %s → %s', (value, active, segment) => {
    expect(segmentOf(value, 100_000, active, settings)).toBe(segment);
  });

  it.each([
    [89, 150_000, 'highValue'],
    [90, 150_000, 'regular'],
    [91, 150_000, 'regular'],
    [89, 40_000, 'regular'],
    [90, 40_000, 'dormant'],
    [91, 40_000, 'dormant'],
  ])('last contact %s days ago, %s yuan → %s (active = within 90 days)', (days, estimate, segment) => {
    const { graded } = grade([customer('C1', { annualValueEstimate: estimate })], [contact('C1', touchAgo(days))], [], {
      industryAverages: '制造业: 100000',
    });
    expect(graded[0]).toMatchObject({ segment });
  });

  it('counts a purchase as activity, and a customer created within the window as active', () => {
    const { graded } = grade(
      [
        customer('C1'),
        customer('C2', { annualValueEstimate: 0, createdAt: touchAgo(10) }),
        customer('C3', { annualValueEstimate: 0 }),
      ],
      [],
      [purchase('C1', daysAgo(89), 150_000)],
      { industryAverages: '制造业: 100000' },
    );
    expect(graded.map((row) => row.segment)).toEqual(['highValue', 'regular', 'dormant']);
  });
});

describe('purchases', () => {
  const list = (...days: number[]) => days.map((ago) => ({ date: addDays(TODAY, -ago), amount: 100, category: '' }));

  it.each([
    [[0, 89], 'high'],
    [[0, 90], 'medium'],
    [[89], 'medium'],
    [[90], 'low'],
    [[], 'low'],
  ])('purchases %j days ago → activity %s (3 months = 90 days)', (days, activity) => {
    expect(purchaseActivity(list(...days), TODAY, settings)).toBe(activity);
  });

  it('prefers the category bought most; a tie gives both; none gives ""', () => {
    const of = (...categories: string[]) =>
      categories.map((category, index) => ({ date: addDays(TODAY, -index), amount: 1, category }));
    expect(categoryPreference(of('耗材', '设备', '耗材'))).toBe('耗材');
    expect(categoryPreference(of('设备', '耗材', '耗材', '设备', '服务'))).toBe('设备, 耗材');
    expect(categoryPreference(of('', ''))).toBe('');
    expect(categoryPreference([])).toBe('');
  });

  it('takes calendar months back, clamped to the month end', () => {
    expect(monthsBefore('2024-06-03', 12)).toBe('2023-06-03');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2024-01-15', 6)).toBe('2023-07-15');
  });

  it('computes every purchase column; refunds are left out; annual value = trailing 12 months', () => {
    const { graded } = grade(
      [customer('C1', { annualValueEstimate: 999_999 })],
      [],
      [
        purchase('C1', daysAgo(400), 1_000_000, { category: '设备' }), // before the trailing year
        purchase('C1', daysAgo(200), 300_000, { category: '设备' }),
        purchase('C1', daysAgo(30), 200_000, { category: '耗材' }),
        purchase('C1', daysAgo(10), 100_000, { category: '耗材' }),
        purchase('C1', daysAgo(5), 50_000, { category: '设备', refund: true }),
        purchase('C2', daysAgo(5), 7, { category: '别人' }),
      ],
    );
    expect(graded[0]).toMatchObject({
      annualValue: 600_000,
      valueTier: 'key',
      firstPurchaseAt: daysAgo(400),
      lastPurchaseAt: daysAgo(10),
      averageOrderValue: 400_000, // 1,600,000 / 4
      spendLast6Months: 300_000,
      purchaseActivity: 'high',
      categoryPreference: '耗材, 设备', // 2 each; 耗材 bought more recently
    });
  });

  it('uses the typed estimate only for a customer without purchases', () => {
    const { graded } = grade(
      [customer('C1', { annualValueEstimate: 1_200_000 }), customer('C2', { annualValueEstimate: 1_200_000 })],
      [],
      [purchase('C2', daysAgo(500), 50_000)],
    );
    expect(graded.map((row) => [row.annualValue, row.valueTier])).toEqual([
      [1_200_000, 'strategic'],
      [0, 'standard'],
    ]);
  });
});

describe('churn risk', () => {
  const base: ChurnInput = {
    segment: 'regular',
    tier: 'key',
    touches: [],
    spendLast12: 0,
    spendPrevious12: 0,
    lastActivity: NOW - 86_400_000,
  };
  const touch = (days: number, responded: string, direction = 'outbound') => ({
    at: touchAgo(days).getTime(),
    direction,
    responded,
    channel: 'phone',
  });

  it('needs a high-value segment or a strategic / key tier', () => {
    const risky = { ...base, touches: [touch(3, 'no'), touch(1, 'no')] };
    expect(churnReasons({ ...risky, tier: 'standard' }, NOW, settings, zone)).toEqual([]);
    expect(churnReasons({ ...risky, tier: 'standard', segment: 'highValue' }, NOW, settings, zone)).toEqual([
      'unansweredTouches',
    ]);
    expect(churnReasons({ ...risky, tier: 'strategic' }, NOW, settings, zone)).toEqual(['unansweredTouches']);
  });

  it('flags the last two outbound touches answered "no", in a row (inbound contacts in between do not count)', () => {
    const reasons = (touches: ReturnType<typeof touch>[]) => churnReasons({ ...base, touches }, NOW, settings, zone);
    expect(reasons([touch(1, 'no'), touch(2, 'yes', 'inbound'), touch(3, 'no')])).toEqual(['unansweredTouches']);
    expect(reasons([touch(1, 'no'), touch(2, 'yes'), touch(3, 'no')])).toEqual([]);
    expect(reasons([touch(1, 'no'), touch(2, 'pending')])).toEqual([]);
    expect(reasons([touch(1, 'no')])).toEqual([]);
  });

  it('flags spend down ≥ 30 % against the 12 months before', () => {
    const reasons = (spendLast12: number, spendPrevious12: number) =>
      churnReasons({ ...base, spendLast12, spendPrevious12 }, NOW, settings, zone);
    expect(reasons(700_000, 1_000_000)).toEqual(['spendDrop']);
    expect(reasons(700_001, 1_000_000)).toEqual([]);
    expect(reasons(0, 0)).toEqual([]);
  });

  it('flags no activity for 90 days', () => {
    const reasons = (days: number) =>
      churnReasons({ ...base, lastActivity: touchAgo(days).getTime() }, NOW, settings, zone);
    expect(reasons(89)).toEqual([]);
    expect(reasons(90)).toEqual(['inactive']);
  });

  it('stamps since when it starts, keeps it, escalates after 3 days without a new touch, clears when it ends', () => {
    const rows = (values: Row) => [customer('C1', { annualValueEstimate: 600_000, ...values })];
    const unanswered = [
      contact('C1', touchAgo(6), { responded: 'no' }),
      contact('C1', touchAgo(5), { responded: 'no' }),
    ];
    expect(grade(rows({}), unanswered).graded[0]).toMatchObject({
      churnRisk: true,
      churnRiskReasons: 'unansweredTouches',
      churnRiskSince: new Date(NOW),
      churnEscalated: false,
    });
    const fourDaysAgo = touchAgo(4);
    expect(grade(rows({ churnRiskSince: fourDaysAgo }), unanswered).graded[0]).toMatchObject({
      churnRiskSince: fourDaysAgo,
      churnEscalated: true,
    });
    expect(grade(rows({ churnRiskSince: touchAgo(3) }), unanswered).graded[0]).toMatchObject({
      churnEscalated: false,
    });
    // A new touch after the risk started (answered "no" again): still a risk, but not escalated.
    const touchedAgain = [...unanswered, contact('C1', touchAgo(1), { responded: 'no' })];
    expect(grade(rows({ churnRiskSince: fourDaysAgo }), touchedAgain).graded[0]).toMatchObject({
      churnRisk: true,
      churnEscalated: false,
    });
    const answered = [...unanswered, contact('C1', touchAgo(1), { responded: 'yes' })];
    expect(grade(rows({ churnRiskSince: fourDaysAgo }), answered).graded[0]).toMatchObject({
      churnRisk: false,
      churnRiskReasons: '',
      churnRiskSince: null,
      churnEscalated: false,
    });
  });

  it('lists every reason that holds, in order', () => {
    const { graded } = grade(
      [customer('C1')],
      [contact('C1', touchAgo(120), { responded: 'no' }), contact('C1', touchAgo(100), { responded: 'no' })],
      [purchase('C1', daysAgo(500), 1_000_000), purchase('C1', daysAgo(200), 600_000)],
    );
    expect(graded[0]).toMatchObject({ valueTier: 'key', churnRisk: true });
    expect(graded[0]?.churnRiskReasons).toBe('unansweredTouches,spendDrop,inactive');
  });
});

describe('contact flags, core pool and the rest', () => {
  it('derives last contact, channel, overdue, sleeping and needs-analysis overdue', () => {
    const { graded } = grade(
      [
        customer('C1', {
          nextFollowUpDue: new Date(sh('2024-06-01T10:00')),
          needsAnalysisDue: new Date(sh('2024-06-02T10:00')),
        }),
        customer('C2', {
          nextFollowUpDue: new Date(sh('2024-05-01T10:00')),
          needsAnalysisDue: new Date(sh('2024-06-04T10:00')),
          lastContactAt: new Date(sh('2024-04-01T10:00')),
        }),
      ],
      [
        contact('C1', touchAgo(40), { channel: 'wechat' }),
        contact('C1', touchAgo(35), { channel: 'phone' }),
        contact('C1', touchAgo(31), { channel: 'wechat' }),
        // Planned by the scan, and a future one: not contacts.
        contact('C1', touchAgo(1), { reason: 'cadence', channel: 'visit' }),
        contact('C1', new Date(NOW + 3_600_000), { channel: 'visit' }),
      ],
    );
    expect(graded[0]).toMatchObject({
      lastContactAt: touchAgo(31),
      preferredChannel: 'wechat',
      followUpOverdue: true,
      sleeping: true,
      needsAnalysisOverdue: true,
    });
    // No follow-ups: the stored last contact stays; a contact after the due date means not overdue.
    expect(graded[1]).toMatchObject({
      lastContactAt: new Date(sh('2024-04-01T10:00')),
      preferredChannel: null,
      followUpOverdue: true,
      sleeping: true,
      needsAnalysisOverdue: false,
    });
    const contacted = grade(
      [customer('C1', { nextFollowUpDue: new Date(sh('2024-06-01T10:00')) })],
      [contact('C1', touchAgo(1))],
    ).graded[0];
    expect(contacted).toMatchObject({ followUpOverdue: false, sleeping: false });
  });

  it('does not flag an analysis saved after the interview as overdue', () => {
    const { graded } = grade([
      customer('C1', {
        needsAnalysisDue: new Date(sh('2024-06-02T10:00')),
        needsAnalyzedAt: new Date(sh('2024-06-01T15:00')),
      }),
      customer('C2', {
        needsAnalysisDue: new Date(sh('2024-06-02T10:00')),
        needsAnalyzedAt: new Date(sh('2024-05-01T15:00')),
      }),
    ]);
    expect(graded.map((row) => row.needsAnalysisOverdue)).toEqual([false, true]);
  });

  it('keeps the core pool once set, and adds a customer whose score reaches corePoolMinScore', () => {
    const { graded } = grade([
      customer('C1', { corePool: true, satisfactionScore: 40 }),
      customer('C2', { satisfactionScore: 90 }),
      customer('C3', { satisfactionScore: 89.9 }),
      customer('C4'),
    ]);
    expect(graded.map((row) => row.corePool)).toEqual([true, true, false, false]);
  });

  it('reports only what changed, so a second pass changes nothing', () => {
    const rows = [customer('C1', { annualValueEstimate: 600_000 })];
    const first = grade(rows, [contact('C1', touchAgo(3))]).graded[0] as NonNullable<
      ReturnType<typeof grade>['graded'][number]
    >;
    const changed = changedValues(rows[0] as Row, first);
    expect(Object.keys(changed).sort()).toEqual(
      [
        'annualValue',
        'valueTier',
        'segment',
        'purchaseActivity',
        'preferredChannel',
        'lastContactAt',
        // Empty boolean cells become FALSE once graded.
        'followUpOverdue',
        'needsAnalysisOverdue',
        'sleeping',
        'churnRisk',
        'churnEscalated',
        'corePool',
      ].sort(),
    );
    const stored = { ...rows[0], ...first };
    expect(changedValues(stored, grade([stored], [contact('C1', touchAgo(3))]).graded[0] as typeof first)).toEqual({});
  });
});
