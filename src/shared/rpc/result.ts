import type { DuplicateMatch } from '../rules/duplicates';

/**
 * Expected failures travel as values, each with a kind the sidebar can react to (show field errors,
 * offer "create anyway", "try again"…); only bugs throw. The message is already localized by the server.
 */
export type ErrorKind = 'validation' | 'duplicate' | 'busy' | 'notInstalled' | 'notFound' | 'forbidden' | 'conflict';

export interface ActionError {
  kind: ErrorKind;
  message: string;
  /** Per-field messages for form validation errors, keyed by field name. */
  fields?: Record<string, string>;
  /** For kind "duplicate": the existing records the submission matches. */
  duplicates?: DuplicateMatch[];
}

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: ActionError };

export function ok<T>(value: T): ActionResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(kind: ErrorKind, message: string, fields?: Record<string, string>): ActionResult<T> {
  return fields ? { ok: false, error: { kind, message, fields } } : { ok: false, error: { kind, message } };
}
