import type { Language } from '../i18n/language';
import type { SettingKey } from '../schema/setting-keys';
import { SETTING_KEYS, isSettingKey } from '../schema/setting-keys';
import type { SettingTemplate } from '../schema/template-types';
import { settingOf } from '../schema/templates';
import type { LocalDate } from '../time/calendar';
import type { Zone } from '../time/zone';
import {
  isBlank,
  parseChannelList,
  parseDateList,
  parseSettingBoolean,
  parseSettingHour,
  parseSettingLanguage,
  parseSettingNumber,
  parseTouchCosts,
  formatTouchCosts,
  type TouchCosts,
} from './settings-parse';

/**
 * The Settings sheet as one typed object (docs/product-rules.md §2: every threshold lives in Settings). Users type values
 * by hand, so reading never fails: a missing or unreadable value falls back to the template default and
 * is reported, so the UI can say "Settings: sleepingDays is not a number, using 30".
 */

/** Text settings that stay text. A unit test checks this against the template, so a new one is typed. */
export const TEXT_SETTING_KEYS = ['industryAverages', 'accessNotice', 'archiveFiles'] as const;
/** Text settings holding a list of follow-up channels (the strategy matrix, seed 002). */
export const CHANNEL_SETTING_KEYS = [
  'strategyHighValueChannels',
  'strategyGrowthChannels',
  'strategyDormantChannels',
] as const;
export const BOOLEAN_SETTING_KEYS = ['duplicateNotifyManagers'] as const;
/** Text settings holding a yuan amount per follow-up channel ("phone: 2; visit: 50", issue 19 item 4). */
export const TOUCH_COST_SETTING_KEYS = ['costPerTouchByChannel'] as const;

export type TextSettingKey = (typeof TEXT_SETTING_KEYS)[number];
export type ChannelSettingKey = (typeof CHANNEL_SETTING_KEYS)[number];
export type BooleanSettingKey = (typeof BOOLEAN_SETTING_KEYS)[number];
export type TouchCostSettingKey = (typeof TOUCH_COST_SETTING_KEYS)[number];
/** Every number, percent (as a whole number: 80 = 80 %), money (yuan) and hour setting. */
export type NumberSettingKey = Exclude<
  SettingKey,
  TextSettingKey | ChannelSettingKey | BooleanSettingKey | TouchCostSettingKey | 'holidays' | 'language'
>;

export type SettingsValues = { readonly [K in NumberSettingKey]: number } & {
  readonly [K in TextSettingKey]: string;
} & { readonly [K in ChannelSettingKey]: readonly string[] } & {
  readonly [K in BooleanSettingKey]: boolean;
} & {
  /** Channel key → yuan, every follow-up channel present. */
  readonly [K in TouchCostSettingKey]: TouchCosts;
} & {
  /** Days off besides weekends, 'yyyy-MM-dd' in the spreadsheet's time zone. */
  readonly holidays: ReadonlySet<LocalDate>;
  readonly language: Language;
};

export type SettingValue = SettingsValues[SettingKey];

/** How a setting's value is read; derived from the template type (and the channel and touch-cost lists above). */
export type SettingKind = 'number' | 'text' | 'channels' | 'touchCosts' | 'dates' | 'language' | 'boolean';

export function settingKind(key: SettingKey): SettingKind {
  if ((CHANNEL_SETTING_KEYS as readonly string[]).includes(key)) return 'channels';
  if ((TOUCH_COST_SETTING_KEYS as readonly string[]).includes(key)) return 'touchCosts';
  const type = settingOf(key).type;
  switch (type) {
    case 'number':
    case 'percent':
    case 'money':
    case 'hour':
      return 'number';
    case 'text':
    case 'dates':
    case 'language':
    case 'boolean':
      return type;
  }
}

export type SettingProblemReason =
  /** No row with this key: the default is used (Install / repair writes the row back). */
  | 'missing'
  /** The value cell is empty where a value is needed. */
  | 'empty'
  | 'notANumber'
  /** Days, working days, touches, customers and hours are counted in whole numbers. */
  | 'notAWholeNumber'
  /** Below the template's min / above its max: the bound is used. */
  | 'belowMin'
  | 'aboveMax'
  /** Some entries of the holiday list are not dates (the others are kept). */
  | 'notADate'
  /** Some entries of a channel list name no follow-up channel (the others are kept). */
  | 'unknownChannel'
  /** Some "channel: yuan" entries name no channel or no amount of 0 or more (the others are kept). */
  | 'badTouchCost'
  | 'notABoolean'
  | 'notALanguage'
  /** A row whose key no setting has (left from an older version, or typed over). Ignored. */
  | 'unknownKey'
  /** A second row with the same key: the first one counts. */
  | 'duplicateKey';

export interface SettingProblem {
  /** The row's key (a SettingKey except for unknownKey). */
  key: string;
  reason: SettingProblemReason;
  /** What the cell held, or the list entries that were not understood. */
  value: unknown;
  /** The value used instead, as text for the message ("30", "2024-10-01, 2024-10-02", "TRUE"). */
  used: string;
}

export interface SettingsRow {
  key: string;
  value: unknown;
}

export interface SettingsOptions {
  /** The spreadsheet's time zone, to read date cells in the holiday list and a time-formatted hour. */
  zone?: Zone;
}

/** Units counted in whole numbers: days, working days, touches, purchases, customers per person, hours of day. */
function needsWholeNumber(template: SettingTemplate): boolean {
  if (template.type === 'hour') return true;
  return /\b(days?|touch(es)?|purchases?|customers)\b/.test(template.unit?.en ?? '');
}

/** A setting's value for a message: lists joined with ", ", booleans as TRUE / FALSE, touch costs "phone: 2; …". */
export function formatSettingValue(value: SettingValue): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  // Lists (arrays, the holiday set) are iterable; the touch costs are a plain record.
  if (Symbol.iterator in value) return Array.from(value as Iterable<string>).join(', ');
  return formatTouchCosts(value as TouchCosts);
}

type Parsed = { value: SettingValue; problems: Array<Omit<SettingProblem, 'key'>> };

function parseValue(key: SettingKey, raw: unknown, fallback: SettingValue, options: SettingsOptions): Parsed {
  const template = settingOf(key);
  const kind = settingKind(key);
  const fail = (reason: SettingProblemReason, value: unknown = raw): Parsed => ({
    value: fallback,
    problems: [{ reason, value, used: formatSettingValue(fallback) }],
  });
  switch (kind) {
    case 'text':
      return { value: isBlank(raw) ? '' : String(raw).trim(), problems: [] };
    case 'dates': {
      const { values, bad } = parseDateList(raw, options.zone);
      const set: ReadonlySet<LocalDate> = new Set(values);
      const problems = bad.length ? [{ reason: 'notADate' as const, value: bad, used: values.join(', ') }] : [];
      return { value: set, problems };
    }
    case 'channels': {
      const { values, bad } = parseChannelList(raw);
      const problems = bad.length ? [{ reason: 'unknownChannel' as const, value: bad, used: values.join(', ') }] : [];
      return { value: values, problems };
    }
    case 'touchCosts': {
      // The defaults themselves are parsed with no fallback (''): every channel is listed in the template.
      const base: TouchCosts = typeof fallback === 'object' ? (fallback as TouchCosts) : {};
      const { values, bad } = parseTouchCosts(raw, base);
      const problems = bad.length
        ? [{ reason: 'badTouchCost' as const, value: bad, used: formatTouchCosts(values) }]
        : [];
      return { value: values, problems };
    }
    case 'boolean': {
      if (isBlank(raw)) return fail('empty');
      const value = parseSettingBoolean(raw);
      return value === null ? fail('notABoolean') : { value, problems: [] };
    }
    case 'language': {
      if (isBlank(raw)) return fail('empty');
      const value = parseSettingLanguage(raw);
      return value === null ? fail('notALanguage') : { value, problems: [] };
    }
    case 'number': {
      if (isBlank(raw)) return fail('empty');
      const value = template.type === 'hour' ? parseSettingHour(raw, options.zone) : parseSettingNumber(raw);
      if (value === null) return fail('notANumber');
      if (needsWholeNumber(template) && !Number.isInteger(value)) return fail('notAWholeNumber');
      if (template.min !== undefined && value < template.min) {
        return { value: template.min, problems: [{ reason: 'belowMin', value: raw, used: String(template.min) }] };
      }
      if (template.max !== undefined && value > template.max) {
        return { value: template.max, problems: [{ reason: 'aboveMax', value: raw, used: String(template.max) }] };
      }
      return { value, problems: [] };
    }
  }
}

function buildDefaults(): SettingsValues {
  const values: Partial<Record<SettingKey, SettingValue>> = {};
  for (const key of SETTING_KEYS) {
    const parsed = parseValue(key, settingOf(key).default, '', {});
    // The template's defaults are checked by a unit test; a bad one is a bug in sheets-templates.
    if (parsed.problems.length) throw new Error(`Settings template: bad default for "${key}"`);
    values[key] = parsed.value;
  }
  return Object.freeze(values) as SettingsValues;
}

let defaults: SettingsValues | null = null;

/** Every setting at its template default (docs/product-rules.md §2 numbers). Shared and frozen. */
export function defaultSettings(): SettingsValues {
  if (!defaults) defaults = buildDefaults();
  return defaults;
}

/** The defaults with some values replaced: for tests and previews. */
export function settingsWith(overrides: Partial<SettingsValues>): SettingsValues {
  return Object.freeze({ ...defaultSettings(), ...overrides }) as SettingsValues;
}

/**
 * The Settings sheet's rows (key and value columns, as getValues gives them) read into typed values.
 * Never throws on user input: each missing, empty or unreadable value falls back to its default, an out
 * of range number to its bound, and every fallback is listed in `problems`, in the order of the template.
 */
export function settingsFromRows(
  rows: readonly SettingsRow[],
  options: SettingsOptions = {},
): { values: SettingsValues; problems: SettingProblem[] } {
  const byKey = new Map<SettingKey, unknown>();
  const rowProblems: SettingProblem[] = [];
  for (const row of rows) {
    const key = String(row.key ?? '').trim();
    if (key === '') continue;
    if (!isSettingKey(key)) {
      rowProblems.push({ key, reason: 'unknownKey', value: row.value, used: '' });
    } else if (byKey.has(key)) {
      rowProblems.push({ key, reason: 'duplicateKey', value: row.value, used: '' });
    } else {
      byKey.set(key, row.value);
    }
  }

  const base = defaultSettings();
  const values: Partial<Record<SettingKey, SettingValue>> = {};
  const problems: SettingProblem[] = [];
  for (const key of SETTING_KEYS) {
    const fallback = base[key];
    if (!byKey.has(key)) {
      values[key] = fallback;
      problems.push({ key, reason: 'missing', value: undefined, used: formatSettingValue(fallback) });
      continue;
    }
    const parsed = parseValue(key, byKey.get(key), fallback, options);
    values[key] = parsed.value;
    for (const problem of parsed.problems) problems.push({ key, ...problem });
  }
  for (const problem of rowProblems) {
    if (problem.reason === 'duplicateKey') {
      problem.used = formatSettingValue(values[problem.key as SettingKey] as SettingValue);
    }
  }
  return { values: Object.freeze(values) as SettingsValues, problems: [...problems, ...rowProblems] };
}
