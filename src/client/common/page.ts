import type { MessageKey } from '../../shared/i18n/translate';
import type { PageMessages } from '../../shared/rpc/contract';
import { byId, setText } from './dom';

/**
 * The pieces every form sidebar shares: its texts (sent by the server in the workbook's language, with
 * `{name}` placeholders) and the one form-level error line.
 */
export type PageText = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A missing text shows its key, so a gap is visible instead of blank. */
export function pageText(
  messages: () => PageMessages | Readonly<Record<string, string | undefined>> | undefined,
): PageText {
  return (key, params = {}) =>
    ((messages() as Record<string, string | undefined> | undefined)?.[key] ?? key).replace(
      /\{(\w+)\}/g,
      (match, name: string) => (name in params ? String(params[name]) : match),
    );
}

/** Shows (or, with '', hides) the form's error line, #form-error. */
export function showFormError(message: string): void {
  const box = byId('form-error');
  setText(box, message);
  box.hidden = message === '';
}

/** Field errors as message keys → texts, for showFieldErrors. */
export function fieldMessages(
  errors: Readonly<Partial<Record<string, MessageKey | undefined>>>,
  text: PageText,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(errors)) if (key) out[field] = text(key);
  return out;
}
