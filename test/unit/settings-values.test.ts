import { runInNewContext } from 'node:vm';
import type { SettingKey } from '../../src/shared/schema/setting-keys';
import { SETTING_KEYS } from '../../src/shared/schema/setting-keys';
import { settingOf } from '../../src/shared/schema/templates';
import type { SettingProblem, SettingsRow, SettingsValues } from '../../src/shared/rules/settings';
import {
  BOOLEAN_SETTING_KEYS,
  CHANNEL_SETTING_KEYS,
  TEXT_SETTING_KEYS,
  TOUCH_COST_SETTING_KEYS,
  defaultSettings,
  formatSettingValue,
  settingKind,
  settingsFromRows,
  settingsWith,
} from '../../src/shared/rules/settings';
import { parseSettingNumber } from '../../src/shared/rules/settings-parse';
import { fixedOffsetZone } from '../../src/shared/time/zone';

/** The Settings sheet read into typed values (docs/product-rules.md §2: every threshold lives in Settings). */

const utc = (text: string): number => Date.parse(`${text}Z`);
const shanghai = fixedOffsetZone('Asia/Shanghai', 480);

/** Every setting's row as the installer writes it: the default, lists as text. */
function defaultRows(): SettingsRow[] {
  return SETTING_KEYS.map((key) => {
    const value = settingOf(key).default;
    return { key, value: Array.isArray(value) ? value.join(', ') : value };
  });
}

/** Default rows with some values replaced (as a user would type them). */
function rowsWith(values: Partial<Record<SettingKey, unknown>>): SettingsRow[] {
  return defaultRows().map((row) => (row.key in values ? { key: row.key, value: values[row.key as SettingKey] } : row));
}

/** Read one setting from otherwise default rows. */
function read(key: SettingKey, value: unknown, zone = shanghai): { value: unknown; problems: SettingProblem[] } {
  const { values, problems } = settingsFromRows(rowsWith({ [key]: value }), { zone });
  return { value: values[key], problems };
}

describe('default settings', () => {
  it('hold every setting at its template default, typed', () => {
    const defaults = defaultSettings();
    expect(Object.keys(defaults).sort()).toEqual([...SETTING_KEYS].sort());
    expect(defaults.cadenceDaysHigh).toBe(7);
    expect(defaults.cadenceDaysMedium).toBe(14);
    expect(defaults.cadenceDaysLow).toBe(30);
    expect(defaults.tierStrategicMin).toBe(1_000_000);
    expect(defaults.segmentHighValuePercent).toBe(150);
    expect(defaults.digestHour).toBe(8);
    expect(defaults.holidays).toEqual(new Set());
    expect(defaults.language).toBe('en');
    expect(defaults.duplicateNotifyManagers).toBe(true);
    expect(defaults.strategyHighValueChannels).toEqual(['phone', 'visit']);
    expect(defaults.strategyGrowthChannels).toEqual(['groupChat', 'sms']);
    expect(defaults.strategyDormantChannels).toEqual(['sms', 'email']);
    expect(defaults.industryAverages).toBe('');
    expect(Object.isFrozen(defaults)).toBe(true);
    expect(defaultSettings()).toBe(defaults);
  });

  it('type every template setting by its template type (a new text setting must be listed)', () => {
    for (const key of SETTING_KEYS) {
      const template = settingOf(key);
      const kind = settingKind(key);
      const value: unknown = defaultSettings()[key];
      const expected = (CHANNEL_SETTING_KEYS as readonly string[]).includes(key)
        ? 'channels'
        : (TOUCH_COST_SETTING_KEYS as readonly string[]).includes(key)
          ? 'touchCosts'
          : (({ number: 'number', percent: 'number', money: 'number', hour: 'number' } as Record<string, string>)[
              template.type
            ] ?? template.type);
      expect({ key, kind }).toEqual({ key, kind: expected });
      if (kind === 'number') expect({ key, type: typeof value }).toEqual({ key, type: 'number' });
      if (kind === 'channels') expect(Array.isArray(value)).toBe(true);
      if (kind === 'dates') expect(value).toBeInstanceOf(Set);
    }
    const ofType = (type: string): string[] =>
      SETTING_KEYS.filter((key) => settingOf(key).type === type && settingKind(key) === type);
    expect(ofType('text')).toEqual([...TEXT_SETTING_KEYS]);
    expect(ofType('boolean')).toEqual([...BOOLEAN_SETTING_KEYS]);
    for (const key of CHANNEL_SETTING_KEYS) expect(settingOf(key).type).toBe('text');
    for (const key of TOUCH_COST_SETTING_KEYS) expect(settingOf(key).type).toBe('text');
  });

  it('can be overridden for tests and previews', () => {
    const settings = settingsWith({ cadenceDaysHigh: 3, holidays: new Set(['2024-10-01']) });
    expect(settings.cadenceDaysHigh).toBe(3);
    expect(settings.cadenceDaysLow).toBe(30);
    expect(settings.holidays.has('2024-10-01')).toBe(true);
  });
});

describe('reading the Settings rows', () => {
  it('the rows the installer writes read back as the defaults, without problems', () => {
    const { values, problems } = settingsFromRows(defaultRows());
    expect(problems).toEqual([]);
    expect(values).toEqual(defaultSettings());
  });

  it('a missing row falls back to the default and is reported', () => {
    const rows = defaultRows().filter((row) => row.key !== 'sleepingDays' && row.key !== 'holidays');
    const { values, problems } = settingsFromRows(rows);
    expect(values.sleepingDays).toBe(30);
    expect(values.holidays).toEqual(new Set());
    expect(problems).toEqual([
      { key: 'sleepingDays', reason: 'missing', value: undefined, used: '30' },
      { key: 'holidays', reason: 'missing', value: undefined, used: '' },
    ]);
  });

  it('an empty sheet gives every default, each reported missing', () => {
    const { values, problems } = settingsFromRows([]);
    expect(values).toEqual(defaultSettings());
    expect(problems.map((problem) => problem.key)).toEqual([...SETTING_KEYS]);
  });

  it('gives the UI what it needs to say "Settings: sleepingDays is not a number, using 30"', () => {
    const { values, problems } = settingsFromRows(rowsWith({ sleepingDays: 'thirty' }));
    expect(values.sleepingDays).toBe(30);
    expect(problems).toEqual([{ key: 'sleepingDays', reason: 'notANumber', value: 'thirty', used: '30' }]);
    const [problem] = problems as [SettingProblem];
    expect(`Settings: ${problem.key} is not a number, using ${problem.used}`).toBe(
      'Settings: sleepingDays is not a number, using 30',
    );
  });

  it('reports rows with unknown keys and keeps the first of duplicated keys; blank keys are ignored', () => {
    const rows = [
      ...defaultRows(),
      { key: 'oldThreshold', value: 5 },
      { key: 'sleepingDays', value: 45 },
      { key: '  ', value: 'a note' },
    ];
    const { values, problems } = settingsFromRows(rows);
    expect(values.sleepingDays).toBe(30);
    expect(problems).toEqual([
      { key: 'oldThreshold', reason: 'unknownKey', value: 5, used: '' },
      { key: 'sleepingDays', reason: 'duplicateKey', value: 45, used: '30' },
    ]);
  });

  it('trims keys', () => {
    const rows = defaultRows().map((row) => (row.key === 'sleepingDays' ? { key: ' sleepingDays ', value: 40 } : row));
    expect(settingsFromRows(rows).values.sleepingDays).toBe(40);
  });

  it('returns frozen values', () => {
    expect(Object.isFrozen(settingsFromRows(defaultRows()).values)).toBe(true);
  });
});

describe('numbers as typed', () => {
  it.each([
    [30, 30],
    ['30', 30],
    [' 30 ', 30],
    ['30 天', 30],
    ['30天', 30],
    ['30 days', 30],
    ['４５', 45], // full-width digits
    ['1,000,000', 1_000_000],
    ['１，０００，０００元', 1_000_000],
    ['1 000 000', 1_000_000],
    ['¥500', 500],
    ['￥500.50', 500.5],
    ['80%', 80],
    ['-10', -10],
    ['.5', 0.5],
    ['4 小时', 4],
  ])('%j → %d', (raw, value) => {
    expect(parseSettingNumber(raw)).toBe(value);
  });

  it.each(['thirty', '20-30', '20–30', '2024-10-01', '1,00', '', true, null, Number.NaN, Number.POSITIVE_INFINITY, {}])(
    '%j is not a number',
    (raw) => {
      expect(parseSettingNumber(raw)).toBeNull();
    },
  );

  it('reads numbers, money and percents with their units', () => {
    expect(read('sleepingDays', '45 天')).toEqual({ value: 45, problems: [] });
    expect(read('tierStrategicMin', '2,000,000 元')).toEqual({ value: 2_000_000, problems: [] });
    expect(read('segmentHighValuePercent', '120%')).toEqual({ value: 120, problems: [] });
    expect(read('segmentHighValuePercent', 120)).toEqual({ value: 120, problems: [] });
    expect(read('lowScoreBelow', '59.5')).toEqual({ value: 59.5, problems: [] }); // scores may be fractional
    expect(read('needsAnalysisHours', '1.5')).toEqual({ value: 1.5, problems: [] }); // hours too
  });

  it('an empty cell falls back to the default', () => {
    expect(read('cadenceDaysHigh', '')).toEqual({
      value: 7,
      problems: [{ key: 'cadenceDaysHigh', reason: 'empty', value: '', used: '7' }],
    });
    expect(read('cadenceDaysHigh', null).value).toBe(7);
  });

  it('days, working days, touches and customers are whole numbers', () => {
    expect(read('cadenceDaysHigh', '7.5')).toEqual({
      value: 7,
      problems: [{ key: 'cadenceDaysHigh', reason: 'notAWholeNumber', value: '7.5', used: '7' }],
    });
    expect(read('surveyDueWorkingDays', 2.5).value).toBe(7);
    expect(read('contactCapHighValuePerWeek', 1.5).value).toBe(2);
    expect(read('strategyLoadGrowthMax', '60.5').value).toBe(80);
    expect(read('purchaseActivityHighMin', '2.2').value).toBe(2);
  });

  it('enforces the template min and max, using the bound', () => {
    expect(read('cadenceDaysHigh', 0)).toEqual({
      value: 1,
      problems: [{ key: 'cadenceDaysHigh', reason: 'belowMin', value: 0, used: '1' }],
    });
    expect(read('churnSpendDropPercent', '120%')).toEqual({
      value: 100,
      problems: [{ key: 'churnSpendDropPercent', reason: 'aboveMax', value: '120%', used: '100' }],
    });
    expect(read('npsTarget', -150).value).toBe(-100);
    expect(read('lowRatingMax', 6).value).toBe(5);
    expect(read('contactCapDormantPerMonth', 0)).toEqual({ value: 0, problems: [] }); // 0 = no cap
  });

  it('reads the digest hour as 8, "8点", "08:00" or a time cell, 0–23', () => {
    expect(read('digestHour', '8点')).toEqual({ value: 8, problems: [] });
    expect(read('digestHour', '08:00')).toEqual({ value: 8, problems: [] });
    expect(read('digestHour', '18：00')).toEqual({ value: 18, problems: [] });
    expect(read('digestHour', 0)).toEqual({ value: 0, problems: [] });
    // A time-formatted cell: 1899-12-30 09:00 in the spreadsheet's zone.
    expect(read('digestHour', new Date(utc('1899-12-30T01:00')))).toEqual({ value: 9, problems: [] });
    expect(read('digestHour', '8:30').problems).toEqual([
      { key: 'digestHour', reason: 'notANumber', value: '8:30', used: '8' },
    ]);
    expect(read('digestHour', 24).problems).toEqual([{ key: 'digestHour', reason: 'aboveMax', value: 24, used: '23' }]);
    expect(read('digestHour', 7.5).problems[0]?.reason).toBe('notAWholeNumber');
  });

  it('a time cell for the hour needs the zone', () => {
    const { values, problems } = settingsFromRows(rowsWith({ digestHour: new Date(utc('1899-12-30T01:00')) }));
    expect(values.digestHour).toBe(8);
    expect(problems[0]?.reason).toBe('notANumber');
  });
});

describe('holidays', () => {
  const holidays = (raw: unknown, zone: typeof shanghai | undefined = shanghai) => {
    const { values, problems } = settingsFromRows(rowsWith({ holidays: raw }), zone ? { zone } : {});
    return { dates: Array.from(values.holidays), problems };
  };

  it('read a list separated by commas, 、, semicolons, spaces or new lines, in any date format', () => {
    expect(holidays('2024-10-03, 2024/10/1、2024年10月2日\n2024-10-04；2024-10-05 2024-10-05')).toEqual({
      dates: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-05'],
      problems: [],
    });
    expect(holidays('2024-10-01，2024-10-02').dates).toEqual(['2024-10-01', '2024-10-02']); // full-width comma
  });

  it('read ranges: the National Day week as "2024-10-01 ~ 2024-10-07" or "2024年10月1日至2024年10月7日"', () => {
    const week = ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-05', '2024-10-06', '2024-10-07'];
    expect(holidays('2024-10-01 ~ 2024-10-07')).toEqual({ dates: week, problems: [] });
    expect(holidays('2024-10-01～2024-10-07').dates).toEqual(week);
    expect(holidays('2024年10月1日至2024年10月7日').dates).toEqual(week);
    expect(holidays('2024-10-01 – 2024-10-07, 2025-01-01').dates).toEqual([...week, '2025-01-01']);
  });

  it('keep the good dates and report the bad entries', () => {
    expect(
      holidays('2024-10-01, 2024-13-01, Spring Festival, 2024-10-07 ~ 2024-10-01, 2024-01-01 ~ 2042-01-01'),
    ).toEqual({
      dates: ['2024-10-01'],
      problems: [
        {
          key: 'holidays',
          reason: 'notADate',
          value: ['2024-13-01', 'Spring', 'Festival', '2024-10-07 ~ 2024-10-01', '2024-01-01 ~ 2042-01-01'],
          used: '2024-10-01',
        },
      ],
    });
  });

  it('read date cells as the local date in the spreadsheet zone', () => {
    // Sheets gives a date cell as local midnight: 2024-10-01 00:00 in Shanghai is 2024-09-30 16:00 UTC.
    const cell = new Date(utc('2024-09-30T16:00'));
    expect(holidays(cell).dates).toEqual(['2024-10-01']);
    expect(holidays([cell, '2024-10-02', new Date(utc('2024-10-02T16:00'))]).dates).toEqual([
      '2024-10-01',
      '2024-10-02',
      '2024-10-03',
    ]);
    // Without the zone, the nearest UTC midnight gives the same date for zones from UTC−11 to UTC+12.
    expect(holidays(cell, undefined).dates).toEqual(['2024-10-01']);
    expect(holidays(new Date(utc('2024-10-01T05:00')), undefined).dates).toEqual(['2024-10-01']); // New York
  });

  it('read Date objects from another realm (the script runs in a vm)', () => {
    const foreign: unknown = runInNewContext(`new Date(${utc('2024-09-30T16:00')})`);
    expect(foreign instanceof Date).toBe(false);
    expect(holidays(foreign).dates).toEqual(['2024-10-01']);
  });

  it('an empty cell means no holidays, without a problem', () => {
    expect(holidays('')).toEqual({ dates: [], problems: [] });
    expect(holidays(null)).toEqual({ dates: [], problems: [] });
  });
});

describe('booleans, language, channels and text', () => {
  it.each([
    [true, true],
    [false, false],
    ['TRUE', true],
    ['false', false],
    ['是', true],
    ['否', false],
    ['Yes', true],
    ['no', false],
    [1, true],
    [0, false],
  ])('duplicateNotifyManagers %j → %s', (raw, value) => {
    expect(read('duplicateNotifyManagers', raw)).toEqual({ value, problems: [] });
  });

  it('a boolean it cannot read falls back to the default', () => {
    expect(read('duplicateNotifyManagers', 'maybe')).toEqual({
      value: true,
      problems: [{ key: 'duplicateNotifyManagers', reason: 'notABoolean', value: 'maybe', used: 'TRUE' }],
    });
  });

  it.each([
    ['en', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh_TW', 'zh-TW'],
    ['zh-cn', 'zh-CN'],
    ['简体中文', 'zh-CN'],
    ['繁體中文', 'zh-TW'],
    ['English', 'en'],
  ])('language %j → %s', (raw, value) => {
    expect(read('language', raw)).toEqual({ value, problems: [] });
  });

  it('an unknown language falls back to English', () => {
    expect(read('language', 'fr')).toEqual({
      value: 'en',
      problems: [{ key: 'language', reason: 'notALanguage', value: 'fr', used: 'en' }],
    });
  });

  it('channel lists take channel keys or labels in any language', () => {
    expect(read('strategyHighValueChannels', '电话、拜访')).toEqual({ value: ['phone', 'visit'], problems: [] });
    expect(read('strategyGrowthChannels', 'Company group chat; SMS')).toEqual({
      value: ['groupChat', 'sms'],
      problems: [],
    });
    expect(read('strategyDormantChannels', '簡訊 + 郵件, sms')).toEqual({ value: ['sms', 'email'], problems: [] });
    expect(read('strategyDormantChannels', 'sms, fax, pigeon')).toEqual({
      value: ['sms'],
      problems: [{ key: 'strategyDormantChannels', reason: 'unknownChannel', value: ['fax', 'pigeon'], used: 'sms' }],
    });
    expect(read('strategyDormantChannels', '')).toEqual({ value: [], problems: [] });
  });

  it('default cost per touch by channel: every channel, modest amounts under the seed ceilings but for visits', () => {
    expect(defaultSettings().costPerTouchByChannel).toEqual({
      phone: 2,
      wechat: 1,
      sms: 0.5,
      groupChat: 0.5,
      visit: 50,
      email: 0.5,
      video: 2,
      other: 5,
    });
  });

  it('cost per touch takes "channel: yuan" entries by key or label in any language; the rest keep the default', () => {
    const base = defaultSettings().costPerTouchByChannel;
    expect(read('costPerTouchByChannel', '电话: 3; 拜訪：80元, Company group chat = ¥1.5\nemail: 0')).toEqual({
      value: { ...base, phone: 3, visit: 80, groupChat: 1.5, email: 0 },
      problems: [],
    });
    // Thousands separators are amounts, not entry separators; the last entry for a channel counts.
    expect(read('costPerTouchByChannel', 'visit: 1,200; visit: 1,500, sms: 0.1')).toEqual({
      value: { ...base, visit: 1500, sms: 0.1 },
      problems: [],
    });
    expect(read('costPerTouchByChannel', '')).toEqual({ value: base, problems: [] });
  });

  it('reports unreadable cost-per-touch entries like the other settings, and keeps the readable ones', () => {
    const { value, problems } = read('costPerTouchByChannel', 'phone: 3; fax: 2; visit: -5; sms; video: lots');
    expect(value).toEqual({ ...defaultSettings().costPerTouchByChannel, phone: 3 });
    expect(problems).toEqual([
      {
        key: 'costPerTouchByChannel',
        reason: 'badTouchCost',
        value: ['fax: 2', 'visit: -5', 'sms', 'video: lots'],
        used: 'phone: 3; wechat: 1; sms: 0.5; groupChat: 0.5; visit: 50; email: 0.5; video: 2; other: 5',
      },
    ]);
    expect(formatSettingValue(defaultSettings().costPerTouchByChannel)).toBe(
      'phone: 2; wechat: 1; sms: 0.5; groupChat: 0.5; visit: 50; email: 0.5; video: 2; other: 5',
    );
  });

  it('text stays text, trimmed', () => {
    expect(read('industryAverages', ' Manufacturing: 300000; Retail: 80000 ')).toEqual({
      value: 'Manufacturing: 300000; Retail: 80000',
      problems: [],
    });
    expect(read('accessNotice', null)).toEqual({ value: '', problems: [] });
  });

  it('formats values for messages', () => {
    const values: SettingsValues = settingsWith({ holidays: new Set(['2024-10-01', '2024-10-02']) });
    expect(formatSettingValue(values.holidays)).toBe('2024-10-01, 2024-10-02');
    expect(formatSettingValue(values.strategyHighValueChannels)).toBe('phone, visit');
    expect(formatSettingValue(values.duplicateNotifyManagers)).toBe('TRUE');
    expect(formatSettingValue(values.cadenceDaysLow)).toBe('30');
    expect(formatSettingValue(values.language)).toBe('en');
  });
});
