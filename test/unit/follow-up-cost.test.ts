import {
  FOLLOW_UP_FIELDS,
  defaultTouchCost,
  parseCost,
  validateFollowUpInput,
} from '../../src/shared/rules/follow-up-input';
import { defaultSettings, settingsFromRows, settingsWith } from '../../src/shared/rules/settings';

/** The follow-up's cost (issue 19 item 4): validated in the form and on the server, defaulted by channel. */

const body = (fields: Record<string, unknown>) => ({
  customerId: 'C20240603001',
  fields: { at: '2024-06-03T10:00', direction: 'outbound', channel: 'visit', content: '拜访', ...fields },
});

describe('the cost of a follow-up', () => {
  it('is a field of the form, after the milestone', () => {
    expect(FOLLOW_UP_FIELDS.indexOf('cost')).toBe(FOLLOW_UP_FIELDS.indexOf('milestone') + 1);
  });

  it.each([
    ['12', 12],
    ['12.50', 12.5],
    ['¥80', 80],
    ['￥1,200', 1200],
    ['１５', 15],
    ['0', 0],
    ['3元', 3],
    [7.255, 7.26],
  ])('reads %p as %p yuan', (raw, value) => {
    expect(parseCost(raw)).toEqual({ value });
    const { values, errors } = validateFollowUpInput(body({ cost: raw }));
    expect(errors).toEqual({});
    expect(values.fields.cost).toBe(value);
  });

  it.each(['-5', 'abc', '5 yuan each', '1.234', -1, Number.NaN, '2000000', true])('refuses %p', (raw) => {
    expect(parseCost(raw)).toEqual({ value: null, error: 'validation.cost' });
    const { values, errors } = validateFollowUpInput(body({ cost: raw }));
    expect(errors).toEqual({ cost: 'validation.cost' });
    expect(values.fields.cost).toBeNull();
  });

  it('left blank is null: the save stores the default of the channel', () => {
    for (const raw of ['', '   ', undefined, null]) {
      const { values, errors } = validateFollowUpInput(body({ cost: raw }));
      expect(errors).toEqual({});
      expect(values.fields.cost).toBeNull();
    }
  });

  it('defaults to the Settings cost per touch of the channel; an unknown channel costs what "other" does', () => {
    const settings = defaultSettings();
    expect(defaultTouchCost('phone', settings)).toBe(2);
    expect(defaultTouchCost('visit', settings)).toBe(50);
    expect(defaultTouchCost('sms', settings)).toBe(0.5);
    expect(defaultTouchCost('pigeon', settings)).toBe(5);
    expect(defaultTouchCost(null, settings)).toBe(5);
    const typed = settingsFromRows([{ key: 'costPerTouchByChannel', value: '拜访: 80; other: 0' }]).values;
    expect(defaultTouchCost('visit', typed)).toBe(80);
    expect(defaultTouchCost('phone', typed)).toBe(2);
    expect(defaultTouchCost('pigeon', typed)).toBe(0);
    const changed = settingsWith({ costPerTouchByChannel: { ...settings.costPerTouchByChannel, wechat: 3 } });
    expect(defaultTouchCost('wechat', changed)).toBe(3);
  });
});
