import { SETTING_KEYS } from '../../src/shared/schema/setting-keys';
import { TEMPLATES, columnOf, enumKeyFromLabel, settingDefault, settingOf } from '../../src/shared/schema/templates';

/** Settings rows (docs/product-rules.md §2): every threshold with the spec's default, typed keys in step with the template. */

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

describe('settings', () => {
  it('SETTING_KEYS lists the template settings, in order, without duplicates', () => {
    const keys = (TEMPLATES.settings.settings ?? []).map((setting) => setting.key);
    expect(keys).toEqual([...SETTING_KEYS]);
    expect(duplicates(keys)).toEqual([]);
  });

  it('defaults respect their type and bounds', () => {
    for (const setting of TEMPLATES.settings.settings ?? []) {
      const value = setting.default;
      if (['number', 'percent', 'money', 'hour'].includes(setting.type)) {
        expect({ key: setting.key, type: typeof value }).toEqual({ key: setting.key, type: 'number' });
        if (setting.min !== undefined) expect(value as number).toBeGreaterThanOrEqual(setting.min);
        if (setting.max !== undefined) expect(value as number).toBeLessThanOrEqual(setting.max);
      }
    }
  });

  it.each([
    // Follow-up cadence (seed 000 step 3)
    ['cadenceDaysHigh', 7],
    ['cadenceDaysMedium', 14],
    ['cadenceDaysLow', 30],
    ['cadenceDaysMaxKeyTier', 7],
    // Tiers and segments
    ['tierStrategicMin', 1_000_000],
    ['tierKeyMin', 500_000],
    ['segmentHighValuePercent', 150],
    ['segmentGrowthPercent', 80],
    ['segmentDormantPercent', 50],
    ['activityWindowDays', 90],
    ['purchaseActivityHighMin', 2],
    ['purchaseActivityDays', 90],
    // Sleeping and churn
    ['sleepingDays', 30],
    ['churnUnansweredTouches', 2],
    ['churnSpendDropPercent', 30],
    ['churnInactiveDays', 90],
    ['churnEscalationDays', 3],
    ['needsAnalysisHours', 24],
    // Tickets
    ['ticketFirstResponseHoursHigh', 4],
    ['ticketFirstResponseHoursMedium', 24],
    ['ticketFirstResponseHoursLow', 72],
    ['ticketResolutionDaysHigh', 1],
    ['ticketResolutionDaysMedium', 2],
    ['ticketResolutionDaysLow', 5],
    // Satisfaction
    ['surveyDueWorkingDays', 7],
    ['suggestionAnswerWorkingDays', 15],
    ['lowSatisfactionFollowUpHours', 24],
    ['lowRatingMax', 2],
    ['lowScoreBelow', 60],
    ['corePoolMinScore', 90],
    ['corePoolRevisitDays', 90],
    ['npsTarget', 40],
    // Deals and delivery
    ['proposalDueWorkingDays', 3],
    ['handoverDueWorkingDays', 1],
    ['acceptanceDueWorkingDays', 3],
    ['deliveryUpdateDays', 7],
    ['objectionResponseHours', 24],
    // Care and caps
    ['careReminderDaysBefore', 7],
    ['contactCapHighValuePerWeek', 2],
    ['contactCapDormantPerMonth', 1],
    // Segment strategy matrix (seed 002)
    ['strategyHighValueDeepRevisitDays', 90],
    ['strategyHighValueLightTouchDays', 30],
    ['strategyGrowthCareDays', 30],
    ['strategyGrowthOfferDays', 90],
    ['strategyDormantWakeUpDays', 90],
    ['strategyDormantOfferDays', 180],
    ['strategyBudgetHighValueMin', 500],
    ['strategyBudgetGrowthMin', 200],
    ['strategyBudgetDormantMax', 50],
    ['strategyCostPerTouchGrowthMax', 30],
    ['strategyCostPerTouchDormantMax', 10],
    ['strategyLoadHighValueMin', 20],
    ['strategyLoadHighValueMax', 30],
    ['strategyLoadGrowthMin', 50],
    ['strategyLoadGrowthMax', 80],
    ['strategyLoadDormantMin', 100],
    ['strategyLoadDormantMax', 150],
    ['responseRateTargetHighValue', 80],
    ['responseRateTargetGrowth', 60],
    ['responseRateTargetDormant', 30],
    ['responseRateAlertPercent', 20],
    ['repeatPurchaseTargetHighValue', 15],
    ['repeatPurchaseTargetGrowth', 10],
    ['repeatPurchaseTargetDormant', 5],
    ['churnRateAlertPercent', 15],
    // Workbook
    ['digestHour', 8],
  ] as const)('docs/product-rules.md §2 default: %s = %p', (key, expected) => {
    expect(settingDefault(key)).toBe(expected);
  });

  it('workbook settings: holidays empty, language set by the installer, strategy channels are channel keys', () => {
    expect(settingDefault('holidays')).toEqual([]);
    expect(settingOf('holidays').type).toBe('dates');
    expect(settingOf('language').type).toBe('language');
    expect(settingOf('digestHour')).toMatchObject({ type: 'hour', min: 0, max: 23 });
    const channel = columnOf(TEMPLATES.followUps, 'channel');
    for (const key of ['strategyHighValueChannels', 'strategyGrowthChannels', 'strategyDormantChannels'] as const) {
      const parts = String(settingDefault(key))
        .split(',')
        .map((part) => part.trim());
      expect(parts.map((part) => enumKeyFromLabel(channel, part))).toEqual(parts);
    }
  });

  it('an unknown setting is a programming error', () => {
    expect(() => settingDefault('nope' as never)).toThrow('Unknown setting "nope"');
  });
});
