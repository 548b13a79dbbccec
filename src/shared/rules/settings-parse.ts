import type { Language } from '../i18n/language';
import { isLanguage } from '../i18n/language';
import { TEMPLATES, columnOf, enumKeyFromLabel } from '../schema/templates';
import { isDate } from '../schema/cells';
import { toHalfWidth } from './normalize';
import type { LocalDate } from '../time/calendar';
import { MS_PER_DAY, addDays, dateFromDayNumber, dayNumber, parseLocalDate } from '../time/calendar';
import { localDate, localParts } from '../time/local';
import type { Zone } from '../time/zone';

/**
 * Reading what people type in the Settings sheet's value column: numbers with units and thousands
 * separators ("30 天", "1,000,000", "80%"), booleans in English or Chinese, lists of dates or channels.
 * Each parser returns null (or lists the bad parts) instead of guessing; settings.ts decides the fallback.
 */

/** Date cells come back from getValues as Date objects, possibly from another realm (the local vm). */
export const isDateObject: (value: unknown) => value is Date = isDate;

/** Full-width forms (Chinese input methods) to ASCII, by code point: normalize() needs ICU. */
function halfWidth(text: string): string {
  return toHalfWidth(text)
    .replace(/\uFFE5/g, '¥')
    .trim();
}

/** True for a value that holds nothing: null, undefined, or text that is only white space. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && halfWidth(value) === '');
}

// A number, then an optional unit that holds no digits: "30", "30 天", "80%", "¥500", "4 h", "-10".
const NUMBER_WITH_UNIT = /^[¥$€]?\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([^\d]*)$/;

/**
 * A number as typed: a JS number, or text with optional currency sign, thousands separators (also
 * full-width) and a trailing unit. A percent is written as a whole number ("80" or "80%" both mean 80 %).
 * Null for anything else, including ranges like "20-30" and dates.
 */
export function parseSettingNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const text = halfWidth(raw).replace(/(\d)[,\s](?=\d{3}(?:\D|$))/g, '$1');
  const match = NUMBER_WITH_UNIT.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : null;
}

/**
 * An hour of the day, 0–23 in the spreadsheet's zone: 8, "8", "8点", "08:00", or a time-formatted cell
 * (a Date whose wall time in the zone is the hour). Minutes other than :00 are refused.
 */
export function parseSettingHour(raw: unknown, zone: Zone | undefined): number | null {
  if (isDateObject(raw)) {
    if (!zone) return null;
    const parts = localParts(raw.getTime(), zone);
    return parts.minute === 0 && parts.second === 0 ? parts.hour : null;
  }
  if (typeof raw === 'string') {
    const clock = /^(\d{1,2})[:：]00(?:[:：]00)?$/.exec(halfWidth(raw));
    if (clock) return Number(clock[1]);
  }
  return parseSettingNumber(raw);
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on', '是', '对', '對', '开', '開', '✓', '✔']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off', '否', '不', '错', '錯', '关', '關', '✗', '✘']);

/** A checkbox (true/false), 1/0, or TRUE/FALSE, yes/no, 是/否 typed as text. */
export function parseSettingBoolean(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw !== 'string') return null;
  const word = halfWidth(raw).toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

const LANGUAGE_WORDS: Readonly<Record<string, Language>> = {
  en: 'en',
  english: 'en',
  英文: 'en',
  英语: 'en',
  英語: 'en',
  zh: 'zh-CN',
  'zh-cn': 'zh-CN',
  'zh-hans': 'zh-CN',
  'zh-sg': 'zh-CN',
  中文: 'zh-CN',
  简体: 'zh-CN',
  简体中文: 'zh-CN',
  簡體中文: 'zh-CN',
  'zh-tw': 'zh-TW',
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
  繁體: 'zh-TW',
  繁体: 'zh-TW',
  繁體中文: 'zh-TW',
  繁体中文: 'zh-TW',
};

/** en / zh-CN / zh-TW, also written zh_CN, zh-cn, "简体中文", "繁體中文", "English". */
export function parseSettingLanguage(raw: unknown): Language | null {
  if (typeof raw !== 'string') return null;
  const text = halfWidth(raw);
  if (isLanguage(text)) return text;
  return LANGUAGE_WORDS[text.toLowerCase().replace(/_/g, '-').replace(/\s+/g, '')] ?? null;
}

/** What a list-valued setting parsed to, with the parts that were not understood. */
export interface ParsedList<T> {
  values: T[];
  bad: string[];
}

/**
 * The local date of a date cell. getValues gives the instant of local midnight in the spreadsheet's zone;
 * without the zone, the nearest UTC midnight is the same calendar date for any zone from UTC−11 to UTC+12.
 */
export function dateOfCell(value: Date, zone: Zone | undefined): LocalDate {
  if (zone) return localDate(value.getTime(), zone);
  return dateFromDayNumber(Math.round(value.getTime() / MS_PER_DAY));
}

/** Longest range "a ~ b" expanded (a year), so a typo like 2024 → 2042 can't build a huge set. */
const MAX_RANGE_DAYS = 366;
const RANGE_MARK = /\s*(?:~|～|〜|至|–|—|\.\.)\s*/g;
const LIST_SEPARATORS = /[\s,，、;；]+/;

function parseDateEntry(entry: string, into: LocalDate[], bad: string[]): void {
  const ends = entry.split('~');
  if (ends.length === 1) {
    const date = parseLocalDate(entry);
    if (date) into.push(date);
    else bad.push(entry);
    return;
  }
  const first = ends.length === 2 ? parseLocalDate(ends[0] as string) : null;
  const last = ends.length === 2 ? parseLocalDate(ends[1] as string) : null;
  const span = first && last ? dayNumber(last) - dayNumber(first) : -1;
  if (!first || span < 0 || span > MAX_RANGE_DAYS) {
    bad.push(entry.replace('~', ' ~ '));
    return;
  }
  for (let day = 0; day <= span; day++) into.push(addDays(first, day));
}

/**
 * Holidays: dates separated by commas, 、, semicolons, spaces or new lines, as 'yyyy-MM-dd', 'yyyy/M/d'
 * or '2024年10月1日', ranges 'a ~ b' / 'a 至 b', date cells, or an array of any of these. Sorted, unique.
 */
export function parseDateList(raw: unknown, zone: Zone | undefined): ParsedList<LocalDate> {
  const dates: LocalDate[] = [];
  const bad: string[] = [];
  const visit = (value: unknown): void => {
    if (isBlank(value)) return;
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (isDateObject(value)) {
      dates.push(dateOfCell(value, zone));
    } else if (typeof value === 'string') {
      const text = halfWidth(value).replace(RANGE_MARK, '~');
      text
        .split(LIST_SEPARATORS)
        .filter((entry) => entry !== '')
        .forEach((entry) => parseDateEntry(entry, dates, bad));
    } else {
      bad.push(String(value));
    }
  };
  visit(raw);
  return { values: Array.from(new Set(dates)).sort(), bad };
}

/**
 * Channels of the strategy matrix: follow-up channel keys or their labels in any language ("phone, visit",
 * "电话、拜访"), mapped to the keys of followUps.channel. Unique, in the order given.
 */
export function parseChannelList(raw: unknown): ParsedList<string> {
  const column = columnOf(TEMPLATES.followUps, 'channel');
  const channels: string[] = [];
  const bad: string[] = [];
  const parts = Array.isArray(raw) ? raw.map(String) : isBlank(raw) ? [] : String(raw).split(/[,，、;；/+|\n]+/);
  for (const part of parts) {
    const text = halfWidth(part);
    if (text === '') continue;
    const key = enumKeyFromLabel(column, text);
    if (key === null) bad.push(text);
    else if (!channels.includes(key)) channels.push(key);
  }
  return { values: channels, bad };
}

/** Follow-up channel key → yuan. */
export type TouchCosts = Readonly<Record<string, number>>;

/** Larger costs for one touch are taken for typing mistakes. */
export const MAX_TOUCH_COST = 1_000_000;

// An entry's amount: digits with an optional decimal part, an optional currency sign before, 元 / yuan after.
const TOUCH_COST_AMOUNT = /^[¥$]?\s*(\d+(?:\.\d+)?|\.\d+)\s*(?:元|yuan|rmb|cny)?$/i;

/**
 * The default cost per touch by channel (Settings costPerTouchByChannel, issue 19 item 4): entries
 * "channel: yuan" separated by semicolons (; or ；), commas (, ， 、) or new lines; the separator inside an
 * entry may be ':', '：' or '='. Channels by key or label in any language, as parseChannelList reads them;
 * amounts 0 or more ("2", "0.5", "¥50", "50元"). A channel named twice: the last entry counts. Channels not
 * listed keep `fallback`'s amount. Unreadable entries (unknown channel, negative or missing amount) are listed
 * in `bad` and ignored.
 */
export function parseTouchCosts(raw: unknown, fallback: TouchCosts): { values: TouchCosts; bad: string[] } {
  const column = columnOf(TEMPLATES.followUps, 'channel');
  const values: Record<string, number> = {};
  for (const option of column.options ?? []) values[option.key] = fallback[option.key] ?? 0;
  const bad: string[] = [];
  const parts = isBlank(raw) ? [] : halfWidth(String(raw)).split(/[;；\n，、]+|,(?!\d{3}(?!\d))/);
  for (const part of parts) {
    const entry = part.trim();
    if (entry === '') continue;
    const match = /^(.+?)\s*[:：=]\s*(.*)$/.exec(entry);
    const key = match ? enumKeyFromLabel(column, (match[1] as string).trim()) : null;
    const amountText = match ? (match[2] as string).replace(/,/g, '').trim() : '';
    const amount = TOUCH_COST_AMOUNT.test(amountText) ? parseSettingNumber(amountText.replace(/[^\d.]/g, '')) : null;
    if (key === null || amount === null || amount > MAX_TOUCH_COST) {
      bad.push(entry);
      continue;
    }
    values[key] = Math.round(amount * 100) / 100;
  }
  return { values: Object.freeze(values), bad };
}

/** Touch costs as Settings shows them: "phone: 2; wechat: 1; …", in the order of the channel options. */
export function formatTouchCosts(costs: TouchCosts): string {
  const column = columnOf(TEMPLATES.followUps, 'channel');
  return (column.options ?? [])
    .filter((option) => costs[option.key] !== undefined)
    .map((option) => `${option.key}: ${costs[option.key]}`)
    .join('; ');
}
