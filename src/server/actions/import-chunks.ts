import type { ImportCheck, ImportRowProblem } from '../../shared/csv/contract';
import { fail, ok, type ActionResult } from '../../shared/rpc/result';
import { actionContext, asActionFailure, ensureInstalled, type ActionContext, underLock } from './context';
import { parseRequestId } from './requests';

/**
 * What the customer and transaction imports share about a chunk request from the sidebar: an import id
 * (the retry key: each row is stored with requestId `<importId>:<line>`), a chunk index, and at most
 * IMPORT_CHUNK_ROWS rows of `{line, fields}` with known field names and string values. Entry points check
 * their own input (docs/product-rules.md §8): anything else makes the whole chunk null.
 */
export const IMPORT_CHUNK_ROWS = 500;
/** Longest accepted cell text (Sheets' limit is 50,000 characters). */
export const MAX_IMPORT_CELL = 10000;

export interface ChunkEnvelope<F extends string> {
  importId: string;
  chunkIndex: number;
  rows: { line: number; fields: Partial<Record<F, string>> }[];
  body: Record<string, unknown>;
}

export function parseChunkEnvelope<F extends string>(
  raw: unknown,
  isField: (key: string) => key is F,
): ChunkEnvelope<F> | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const body = raw as Record<string, unknown>;
  const importId = parseRequestId(body.importId);
  const chunkIndex = body.chunkIndex;
  if (!importId || typeof chunkIndex !== 'number' || !Number.isInteger(chunkIndex) || chunkIndex < 0) return null;
  if (!Array.isArray(body.rows) || body.rows.length === 0 || body.rows.length > IMPORT_CHUNK_ROWS) return null;
  const rows: ChunkEnvelope<F>['rows'] = [];
  const lines = new Set<number>();
  for (const item of body.rows as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const { line, fields } = item as Record<string, unknown>;
    if (typeof line !== 'number' || !Number.isInteger(line) || line < 2 || lines.has(line)) return null;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return null;
    const clean: Partial<Record<F, string>> = {};
    for (const [key, value] of Object.entries(fields as Record<string, unknown>)) {
      if (!isField(key)) continue;
      if (typeof value !== 'string' || value.length > MAX_IMPORT_CELL) return null;
      clean[key] = value;
    }
    lines.add(line);
    rows.push({ line, fields: clean });
  }
  return { importId, chunkIndex, rows, body };
}

/** The row's retry key. */
export function rowRequestId(importId: string, line: number): string {
  return `${importId}:${line}`;
}

/**
 * The dry run both imports share: the chunk checked under the lock exactly as the write would check it
 * (problems by line, rows of this import already in the sheet), nothing written.
 */
export function dryRunChunk<C extends { rows: readonly unknown[] }>(
  request: unknown,
  parse: (raw: unknown) => C | null,
  check: (context: ActionContext, chunk: C) => { already: ReadonlyMap<number, string>; problems: ImportRowProblem[] },
): ActionResult<ImportCheck> {
  const context = actionContext();
  const chunk = parse(request);
  if (!chunk) return fail('validation', context.t('import.badRequest'));
  try {
    return underLock(context, () => {
      ensureInstalled(context);
      const { already, problems } = check(context, chunk);
      return ok({ checked: chunk.rows.length, problems, alreadyImported: already.size });
    });
  } catch (error) {
    return asActionFailure(error, context.t);
  }
}
