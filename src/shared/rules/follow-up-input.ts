import type { MessageKey } from '../i18n/translate';
import type { ColumnTemplate } from '../schema/template-types';
import { columnOf, TEMPLATES } from '../schema/templates';
import { cleanText, toHalfWidth } from './normalize';
import type { SettingsValues } from './settings';
import { MAX_TOUCH_COST } from './settings-parse';
import { parseTransactionAmount } from './transaction-input';

/**
 * The log-follow-up form's rules (docs/product-rules.md §2 follow-up), shared by the sidebar and the server. Times come from
 * a datetime-local input as 'yyyy-mm-ddThh:mm' in the spreadsheet's time zone (the server converts them).
 */
export const FOLLOW_UP_FIELDS = [
  'at',
  'direction',
  'channel',
  'participants',
  'topic',
  'content',
  'responded',
  'feedback',
  'mood',
  'milestone',
  'cost',
  'nextAction',
  'nextActionDue',
] as const;
export type FollowUpField = (typeof FOLLOW_UP_FIELDS)[number];

export const FOLLOW_UP_REQUIRED: readonly FollowUpField[] = ['at', 'direction', 'channel', 'content'];

export type FollowUpFieldErrors = Partial<Record<FollowUpField | 'customerId' | 'stageAfter', MessageKey>>;

export interface LocalDateTime {
  date: string;
  minutes: number;
}

export interface FollowUpValues {
  customerId: string;
  /** The row the sidebar last saw the customer on (0 when unknown): a hint, verified by id. */
  customerRow: number;
  at: LocalDateTime | null;
  nextActionDue: LocalDateTime | null;
  /**
   * Text and enum fields, normalized; null when empty. `cost` is yuan (0 or more, cents), null when left blank:
   * the save then stores the channel's default, defaultTouchCost(fields.channel, settings).
   */
  fields: Record<Exclude<FollowUpField, 'at' | 'nextActionDue' | 'cost'>, string | null> & { cost: number | null };
  /** Stage of the customer after this contact (optional). */
  stageAfter: string | null;
  /** Mark the customer's earlier open actions done. */
  markEarlierDone: boolean;
}

const template = TEMPLATES.followUps;
const column = (key: string): ColumnTemplate => columnOf(template, key);
const MAX_TEXT = 1000;
const MAX_LONG_TEXT = 10000;

/** 'yyyy-mm-ddThh:mm' (or with a space) → local date + minutes of day; null when malformed. */
export function parseLocalDateTime(raw: unknown): LocalDateTime | null {
  if (typeof raw !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/.exec(toHalfWidth(raw).trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return { date: `${match[1]}-${match[2]}-${match[3]}`, minutes: hour * 60 + minute };
}

export function validateFollowUpInput(raw: unknown): { values: FollowUpValues; errors: FollowUpFieldErrors } {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const input = (typeof body.fields === 'object' && body.fields !== null ? body.fields : {}) as Record<string, unknown>;
  const errors: FollowUpFieldErrors = {};
  const fields = {} as FollowUpValues['fields'];
  const cost = parseCost(input.cost);
  fields.cost = cost.value;
  if (cost.error) errors.cost = cost.error;
  for (const key of FOLLOW_UP_FIELDS) {
    if (key === 'at' || key === 'nextActionDue' || key === 'cost') continue;
    const col = column(key);
    const value = input[key];
    const text =
      typeof value === 'string'
        ? col.type === 'longtext'
          ? toHalfWidth(value).replace(/\r\n?/g, '\n').trim()
          : cleanText(value)
        : '';
    if (text.length > (col.type === 'longtext' ? MAX_LONG_TEXT : MAX_TEXT)) errors[key] = 'validation.tooLong';
    fields[key] = text === '' ? null : text;
    if (col.type === 'enum' && text !== '' && !(col.options ?? []).some((option) => option.key === text)) {
      errors[key] = 'validation.option';
    }
  }
  for (const key of FOLLOW_UP_REQUIRED) {
    if (key !== 'at' && fields[key as keyof typeof fields] === null) errors[key] = 'validation.required';
  }
  const at = parseLocalDateTime(input.at);
  if (!at) errors.at = input.at ? 'validation.dateTime' : 'validation.required';
  const nextActionDue = input.nextActionDue ? parseLocalDateTime(input.nextActionDue) : null;
  if (input.nextActionDue && !nextActionDue) errors.nextActionDue = 'validation.dateTime';
  if (nextActionDue && at && compare(nextActionDue, at) < 0) errors.nextActionDue = 'validation.dueBeforeContact';
  if (fields.nextAction !== null && !nextActionDue && !errors.nextActionDue)
    errors.nextActionDue = 'validation.dueRequired';

  const customerId = typeof body.customerId === 'string' ? body.customerId.trim() : '';
  if (!/^C\d{11,}$/.test(customerId)) errors.customerId = 'validation.customer';
  const stage = typeof body.stageAfter === 'string' ? body.stageAfter.trim() : '';
  const stageColumn = columnOf(TEMPLATES.customers, 'stage');
  if (stage !== '' && !(stageColumn.options ?? []).some((option) => option.key === stage))
    errors.stageAfter = 'validation.option';
  return {
    values: {
      customerId,
      customerRow: rowHint(body.customerRow),
      at,
      nextActionDue,
      fields,
      stageAfter: stage === '' ? null : stage,
      markEarlierDone: body.markEarlierDone === true,
    },
    errors,
  };
}

/**
 * The cost of a touch as typed in the form (or sent as a number): yuan, 0 or more, as Record transaction reads
 * amounts ("12", "12.50", "¥80", "1,200", full-width digits); blank is null (the channel's default applies).
 */
export function parseCost(raw: unknown): { value: number | null; error?: MessageKey } {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw === 'string' && toHalfWidth(raw).trim() === '') return { value: null };
  const value = typeof raw === 'string' || typeof raw === 'number' ? parseTransactionAmount(raw) : null;
  if (value === null || value > MAX_TOUCH_COST) return { value: null, error: 'validation.cost' };
  return { value };
}

/**
 * What a follow-up logged without a cost is recorded as costing: the Settings default for its channel
 * (costPerTouchByChannel, issue 19 item 4); a channel outside the list (or none) costs what "other" does.
 */
export function defaultTouchCost(channel: string | null | undefined, settings: SettingsValues): number {
  const costs = settings.costPerTouchByChannel;
  return (channel ? costs[channel] : undefined) ?? costs.other ?? 0;
}

/** A row hint from a sidebar: a sheet row below the header, or 0. Never trusted beyond a read. */
export function rowHint(raw: unknown): number {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 2 && raw <= 10_000_000 ? raw : 0;
}

function compare(a: LocalDateTime, b: LocalDateTime): number {
  return a.date === b.date ? a.minutes - b.minutes : a.date < b.date ? -1 : 1;
}
