/**
 * The page's view of the playground API (src/local/playground/api.ts): types of the state it returns
 * and a fetch wrapper that turns a 4xx/5xx `{ error }` into an ApiError.
 */
export type MenuEntry =
  | { type: 'item'; caption: string; functionName: string }
  | { type: 'separator' }
  | { type: 'submenu'; caption: string; items: MenuEntry[] };

export type { GridCell, GridView } from '../view-types';
import type { GridView } from '../view-types';

export interface PlaygroundState {
  spreadsheet: { name: string; timeZone: string };
  /** The spreadsheets the user can open (the bound one first, then the archives the add-on made). */
  spreadsheets: { id: string; name: string; bound: boolean }[];
  /** The other spreadsheet shown (read-only), or null for the bound one. */
  book: string | null;
  addonName: string;
  clock: { ms: number; timeZone: string; display: string };
  user: string;
  users: string[];
  menu: MenuEntry[];
  sheets: { name: string; hidden: boolean }[];
  sheet: string | null;
  selection: string | null;
  /** The runtime's active sheet and range, e.g. "客户!A2:BF2". */
  active: string | null;
  activeSheet: string | null;
  filterViews: { id: number; title: string }[];
  grid: GridView | null;
  sidebar: { seq: number; title: string } | null;
  dialog: { seq: number; title: string; width: number; height: number } | null;
  alerts: { id: number; kind: string; title: string; prompt: string; buttonSet: string; button: string }[];
  /** The add-on's question waiting for the user's answer (session.ts: "ask, then replay"). */
  question: { id: number; title: string; prompt: string; buttons: string[] } | null;
  toasts: { total: number; recent: { message: string; title: string; timeoutSeconds: number; atMs: number }[] };
  outboxCount: number;
}

export interface SentMail {
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  sentAtMs: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T = unknown>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const value = (await response.json()) as unknown;
  if (!response.ok) {
    const message = (value as { error?: string } | null)?.error ?? `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return value as T;
}
