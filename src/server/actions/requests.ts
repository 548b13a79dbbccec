/**
 * Client request ids: every sidebar submission carries one (docs/product-rules.md §8), stored in the record's hidden
 * requestId column, so a retry or a double click is recognised and never adds a second row.
 */
const REQUEST_ID = /^[A-Za-z0-9_-]{8,80}$/;

export function parseRequestId(raw: unknown): string | null {
  return typeof raw === 'string' && REQUEST_ID.test(raw) ? raw : null;
}
