import type { MessageKey } from '../i18n/translate';
import { columnOf, TEMPLATES } from '../schema/templates';
import { parseLocalDateTime, type LocalDateTime } from './follow-up-input';
import { cleanText, normalizeEmail, toHalfWidth } from './normalize';

/**
 * The new-ticket form's rules (docs/product-rules.md §1 Tickets, §2 Tickets), shared by the sidebar and the server. Field
 * keys are the tickets template's column keys. Times come from datetime-local inputs as 'yyyy-mm-ddThh:mm'
 * in the spreadsheet's time zone. The two dues are computed from the priority unless the rep overrides them.
 */
export const TICKET_FIELDS = [
  'ticketType',
  'category',
  'priority',
  'description',
  'assignee',
  'reportedAt',
  'firstResponseDue',
  'resolutionDue',
] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

export const TICKET_REQUIRED: readonly TicketField[] = [
  'ticketType',
  'category',
  'priority',
  'description',
  'assignee',
  'reportedAt',
];

export type TicketFieldErrors = Partial<Record<TicketField | 'customerId', MessageKey>>;

export interface TicketValues {
  customerId: string;
  ticketType: string | null;
  category: string | null;
  priority: string | null;
  description: string | null;
  /** Lower-case e-mail of a team member. */
  assignee: string | null;
  reportedAt: LocalDateTime | null;
  /** Overrides of the computed dues; null = computed from the priority. */
  firstResponseDue: LocalDateTime | null;
  resolutionDue: LocalDateTime | null;
}

const MAX_LONG_TEXT = 10000;
type EnumField = 'ticketType' | 'category' | 'priority';

export const CUSTOMER_ID = /^C\d{11,}$/;
export const TICKET_ID = /^F\d{11,}$/;

/** Multi-line free text: trimmed and half-width, line breaks kept. */
export function cleanLongText(raw: unknown): string {
  return typeof raw === 'string'
    ? toHalfWidth(raw)
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .join('\n')
        .trim()
    : '';
}

export function compareLocal(a: LocalDateTime, b: LocalDateTime): number {
  return a.date === b.date ? a.minutes - b.minutes : a.date < b.date ? -1 : 1;
}

/**
 * Checks a new-ticket submission. `team` is the active team's e-mails: the assignee must be one of them
 * (the sidebar offers exactly that list; the server checks it again).
 */
export function validateTicketInput(
  raw: unknown,
  team: readonly string[],
): { values: TicketValues; errors: TicketFieldErrors } {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const input = (typeof body.fields === 'object' && body.fields !== null ? body.fields : {}) as Record<string, unknown>;
  const errors: TicketFieldErrors = {};
  const customerId = typeof body.customerId === 'string' ? body.customerId.trim() : '';
  if (!CUSTOMER_ID.test(customerId)) errors.customerId = 'validation.customer';

  const enumValue = (key: EnumField): string | null => {
    const value = typeof input[key] === 'string' ? cleanText(input[key] as string) : '';
    if (value === '') return null;
    if (!(columnOf(TEMPLATES.tickets, key).options ?? []).some((option) => option.key === value)) {
      errors[key] = 'validation.option';
    }
    return value;
  };
  const ticketType = enumValue('ticketType');
  const category = enumValue('category');
  const priority = enumValue('priority');

  const description = cleanLongText(input.description);
  if (description.length > MAX_LONG_TEXT) errors.description = 'validation.tooLong';

  const assigneeText = typeof input.assignee === 'string' ? normalizeEmail(input.assignee) : '';
  if (assigneeText !== '' && !team.includes(assigneeText)) errors.assignee = 'validation.owner';

  const reportedAt = parseLocalDateTime(input.reportedAt);
  if (input.reportedAt && !reportedAt) errors.reportedAt = 'validation.dateTime';
  const due = (key: 'firstResponseDue' | 'resolutionDue'): LocalDateTime | null => {
    if (!input[key]) return null;
    const parsed = parseLocalDateTime(input[key]);
    if (!parsed) errors[key] = 'validation.dateTime';
    else if (reportedAt && compareLocal(parsed, reportedAt) < 0) errors[key] = 'validation.dueBeforeReported';
    return parsed;
  };
  const firstResponseDue = due('firstResponseDue');
  const resolutionDue = due('resolutionDue');

  const values: TicketValues = {
    customerId,
    ticketType,
    category,
    priority,
    description: description === '' ? null : description,
    assignee: assigneeText === '' ? null : assigneeText,
    reportedAt,
    firstResponseDue,
    resolutionDue,
  };
  for (const key of TICKET_REQUIRED) {
    if (values[key] === null && !errors[key]) errors[key] = 'validation.required';
  }
  return { values, errors };
}
