import type { MessageKey } from '../../shared/i18n/translate';
import type { PageMessages } from '../../shared/rpc/contract';
import type { ActionError, ActionResult } from '../../shared/rpc/result';
import { byId, setBusy, setText } from './dom';
import { showFieldErrors } from './form';

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

/**
 * The submit flow every form sidebar shares: show the client-side field errors (the same rules the server
 * applies) and stop, else call the server with the busy state on; a failure shows its message and field
 * errors (`onFailure` may add more, e.g. duplicates); success hides the form and shows #saved after
 * `onSaved` filled it. A transport failure keeps the form and its request id, so pressing save again is a
 * retry the server recognises.
 */
export async function submitForm<T>(
  form: HTMLFormElement,
  options: {
    fieldErrors: Record<string, string>;
    invalidMessage: string;
    call: () => Promise<ActionResult<T>>;
    onSaved: (value: T) => void;
    onFailure?: (error: ActionError) => void;
  },
): Promise<void> {
  showFormError('');
  showFieldErrors(form, options.fieldErrors);
  if (Object.keys(options.fieldErrors).length > 0) return showFormError(options.invalidMessage);
  setBusy(form, true);
  try {
    const result = await options.call();
    if (!result.ok) {
      showFormError(result.error.message);
      if (result.error.fields) showFieldErrors(form, result.error.fields);
      options.onFailure?.(result.error);
      return;
    }
    form.hidden = true;
    options.onSaved(result.value);
    byId('saved').hidden = false;
  } catch (error) {
    showFormError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(form, false);
  }
}

/** "Add another": back from #saved to a fresh form. */
export function onAnother(form: HTMLFormElement, reset: () => void): void {
  byId('another').addEventListener('click', () => {
    byId('saved').hidden = true;
    form.hidden = false;
    reset();
  });
}
