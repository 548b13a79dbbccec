import { gasError, notSupported, signatureError } from '../core/errors';

/**
 * Turns the four MailApp.sendEmail overloads (reference/mail/mail-app; docs/apps-script/services.md §6) into one checked
 * message. Pure: no quota, no auth (mail.ts does those).
 */
export interface MailMessage {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
}

/** Quota table: 50 recipients per message; body 200 KB for consumer accounts (CONFIRMED limits). */
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
export const MAX_BODY_BYTES = 200 * 1024;

/** FIELD: the text scripts report when every recipient field is empty. */
export const NO_RECIPIENT = 'Failed to send email: no recipient';
/** UNCONFIRMED wordings, following the quotas page's "Limit exceeded: Email Attachments Per Message." */
export const TOO_MANY_RECIPIENTS = 'Limit exceeded: Email Recipients Per Message.';
export const BODY_TOO_LARGE = 'Limit exceeded: Email Body Size.';

const METHOD = 'MailApp.sendEmail';
/** A pragmatic address check (local@domain.tld); "Name <address>" is accepted too. */
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function messageFromArguments(args: unknown[]): MailMessage {
  const [a, b, c, d] = args;
  if (args.length === 1 && isPlainObject(a)) return fromFields(a, a);
  const allStrings = (values: unknown[]): boolean => values.every((value) => typeof value === 'string');
  if (args.length === 3 && allStrings([a, b, c])) {
    return fromFields({ to: a, subject: b, body: c }, {});
  }
  if (args.length === 4 && allStrings([a, b, c]) && isPlainObject(d)) {
    return fromFields({ to: a, subject: b, body: c }, d);
  }
  // sendEmail(to, replyTo, subject, body)
  if (args.length === 4 && allStrings([a, b, c, d])) {
    return fromFields({ to: a, subject: c, body: d }, { replyTo: b });
  }
  throw signatureError(args, METHOD);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isDateLike(value);
}

function isDateLike(value: object): boolean {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function fromFields(main: Record<string, unknown>, options: Record<string, unknown>): MailMessage {
  // Unknown option names are ignored (as Apps Script does); attachments and inline images are not modelled.
  for (const key of ['attachments', 'inlineImages'] as const) {
    const value = options[key];
    const empty =
      value === undefined ||
      value === null ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
    if (!empty) throw notSupported(`MailApp.sendEmail ${key}`);
  }
  const text = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));
  const message: MailMessage = {
    to: addresses(main.to),
    cc: addresses(options.cc),
    bcc: addresses(options.bcc),
    subject: text(main.subject) ?? '',
    body: text(main.body) ?? '',
    htmlBody: text(options.htmlBody),
    name: text(options.name),
    replyTo: text(options.replyTo),
    noReply: options.noReply === true,
  };
  validate(message);
  return message;
}

/** A comma-separated list ("a@x.com, b@y.com"), blanks dropped. */
function addresses(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return String(value)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The bare address of "Name <a@b.c>" or "a@b.c". */
export function bareAddress(recipient: string): string {
  const match = /<([^<>]*)>\s*$/.exec(recipient);
  return (match ? (match[1] ?? '') : recipient).trim();
}

function validate(message: MailMessage): void {
  const recipients = [...message.to, ...message.cc, ...message.bcc];
  if (recipients.length === 0) throw gasError(NO_RECIPIENT);
  // FIELD: "Exception: Invalid email: <address>" is what Apps Script reports for a malformed address.
  for (const recipient of recipients) {
    if (!ADDRESS.test(bareAddress(recipient))) throw gasError(`Invalid email: ${recipient}`);
  }
  if (message.replyTo !== null && !ADDRESS.test(bareAddress(message.replyTo))) {
    throw gasError(`Invalid email: ${message.replyTo}`);
  }
  if (recipients.length > MAX_RECIPIENTS_PER_MESSAGE) throw gasError(TOO_MANY_RECIPIENTS);
  const bytes = (text: string | null): number => (text === null ? 0 : Buffer.byteLength(text, 'utf8'));
  if (bytes(message.body) > MAX_BODY_BYTES || bytes(message.htmlBody) > MAX_BODY_BYTES) {
    throw gasError(BODY_TOO_LARGE);
  }
}

export function recipientCount(message: MailMessage): number {
  return message.to.length + message.cc.length + message.bcc.length;
}
