import type { DocumentPropertiesSnapshot } from '../workbook/layout';

/**
 * The request ids of the last edit-customer saves, kept in one document property, so a retried save (the
 * sidebar lost the answer, the rep pressed save again) is answered "already saved" and writes nothing, not a
 * second Log row. An edit adds no row that could carry its request id (the customer's requestId column is
 * the id of the submission that created it, which intake and import retries look for), hence the property.
 * A retry is taken for saved only when the row shows the save's cells were written (saveCustomerEdit).
 * Retries come within minutes; the last RECENT_EDITS saves are remembered, fewer when they would not fit in
 * one value (9 KB per property value: Apps Script's quotas page).
 */
export const RECENT_EDITS_PROPERTY = 'crm.editCustomer.recent';
export const RECENT_EDITS = 40;
/** Longest value written, below the 9 KB a property value may hold. */
const MAX_LENGTH = 8000;

export interface RecentEdit {
  requestId: string;
  customerId: string;
  row: number;
  changed: string[];
}

function isRecentEdit(value: unknown): value is RecentEdit {
  const entry = value as Partial<RecentEdit> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.requestId === 'string' &&
    typeof entry.customerId === 'string' &&
    typeof entry.row === 'number' &&
    Array.isArray(entry.changed) &&
    entry.changed.every((key) => typeof key === 'string')
  );
}

function recentEdits(properties: DocumentPropertiesSnapshot): RecentEdit[] {
  const raw = properties.values[RECENT_EDITS_PROPERTY];
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isRecentEdit) : [];
  } catch {
    return []; // a damaged value forgets the recent saves, never blocks a save
  }
}

/** The earlier save of this request for this customer, or null. */
export function recentEdit(
  properties: DocumentPropertiesSnapshot,
  requestId: string,
  customerId: string,
): RecentEdit | null {
  return (
    recentEdits(properties).find((entry) => entry.requestId === requestId && entry.customerId === customerId) ?? null
  );
}

/** Notes a save (under the lock, with the save's writes). */
export function rememberEdit(properties: DocumentPropertiesSnapshot, edit: RecentEdit): void {
  const kept = [...recentEdits(properties).filter((entry) => entry.requestId !== edit.requestId), edit];
  let entries = kept.slice(-RECENT_EDITS);
  while (entries.length > 1 && JSON.stringify(entries).length > MAX_LENGTH) entries = entries.slice(1);
  properties.set(RECENT_EDITS_PROPERTY, JSON.stringify(entries));
}
