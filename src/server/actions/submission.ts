import type { Language } from '../../shared/i18n/language';
import { catalogue, type MessageKey, type Translator } from '../../shared/i18n/translate';
import type { PageMessages } from '../../shared/rpc/contract';
import { fail, type ActionResult } from '../../shared/rpc/result';
import { isMergedCustomer } from '../../shared/rules/merge-customers';
import type { FieldValue } from '../../shared/schema/cells';

/**
 * What every sidebar entry point does with what google.script.run hands it (docs/product-rules.md §8: each validates its own
 * input): treat anything but an object as empty, turn field errors into one localized failure, and send the
 * page only the catalogue texts it needs.
 */
export function requestObject(request: unknown): Record<string, unknown> {
  return typeof request === 'object' && request !== null && !Array.isArray(request)
    ? (request as Record<string, unknown>)
    : {};
}

/** Field errors (message keys) → a localized validation failure, or null when there are none. */
export function fieldErrorsFailure<T>(
  errors: Readonly<Partial<Record<string, MessageKey | undefined>>>,
  t: Translator,
): ActionResult<T> | null {
  const fields: Record<string, string> = {};
  for (const [field, key] of Object.entries(errors)) if (key) fields[field] = t(key);
  return Object.keys(fields).length > 0 ? fail<T>('validation', t('error.validation'), fields) : null;
}

/** The given catalogue entries in the workbook's language, for a page that has no catalogue of its own. */
export function pageMessages(language: Language, keys: readonly MessageKey[]): PageMessages {
  const all = catalogue(language);
  const messages: PageMessages = {};
  for (const key of keys) messages[key] = all[key];
  return messages;
}

/**
 * A record saved for a customer merged into another (a sidebar opened before the merge, an id typed by hand) is
 * refused, naming the customer it was merged into: nothing is written, and the rep saves it again there. The
 * customer's record must have been read with `mergedInto`. Null when the customer is live.
 */
export function mergedCustomerFailure<T>(
  customer: { values: Readonly<Record<string, FieldValue | undefined>> },
  t: Translator,
): ActionResult<T> | null {
  if (!isMergedCustomer(customer.values)) return null;
  const message = t('merge.recordUnderKept', {
    id: String(customer.values.id ?? ''),
    into: String(customer.values.mergedInto ?? '').trim(),
  });
  return fail<T>('validation', message, { customerId: message });
}
