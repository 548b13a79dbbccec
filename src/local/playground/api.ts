import { zonedParts } from '../core/timezone';
import { isLanguage } from '../../shared/i18n/language';
import { buildGridView } from './sheet-view';
import { PLAYGROUND_USERS, PlaygroundError, type PlaygroundSession } from './session';

/**
 * The playground's JSON API: one function per route, each taking the parsed body (or query) and
 * returning JSON. Request mistakes throw PlaygroundError (4xx with a message); the server turns anything
 * else into a 500 and keeps running. Every route that changes the document saves the state file.
 */
export type Json = unknown;
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** The add-on's name as Sheets shows it under Extensions (appsscript.json has no display name locally). */
export const ADDON_NAME = 'Sheets CRM';
const DAY_MS = 86_400_000;

function field(body: unknown, name: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new PlaygroundError(400, 'The request body must be a JSON object');
  }
  return (body as Record<string, unknown>)[name];
}

function stringField(body: unknown, name: string): string {
  const value = field(body, name);
  if (typeof value !== 'string' || value === '') throw new PlaygroundError(400, `"${name}" must be a non-empty string`);
  return value;
}

const CELL = /^[A-Z]{1,3}[1-9]\d{0,6}$/i;
const CELL_OR_ROWS = /^([A-Z]{1,3}[1-9]\d{0,6}(:[A-Z]{1,3}[1-9]\d{0,6})?|[1-9]\d{0,6}:[1-9]\d{0,6})$/i;

function sheetField(session: PlaygroundSession, body: unknown): string {
  const sheet = stringField(body, 'sheet');
  if (!session.runtime.workbook.sheets().some((info) => info.name === sheet)) {
    throw new PlaygroundError(404, `No sheet named "${sheet}"`);
  }
  return sheet;
}

function clockView(session: PlaygroundSession) {
  const ms = session.runtime.clock.now();
  const timeZone = session.runtime.workbook.info().timeZone;
  const p = zonedParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  const weekday = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][p.isoWeekday];
  return {
    ms,
    timeZone,
    display: `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)} ${weekday}`,
  };
}

/**
 * The spreadsheets the acting user can open: the bound document first, then those the add-on made with
 * SpreadsheetApp.create (the yearly archives) that the user owns or edits.
 */
function openableSpreadsheets(session: PlaygroundSession): { id: string; name: string; bound: boolean }[] {
  const { spreadsheets, workbook } = session.runtime;
  const bound = workbook.spreadsheetId();
  return spreadsheets
    .ids()
    .filter((id) => {
      const access = spreadsheets.access(id);
      const user = session.user.email.toLowerCase();
      return !access || [access.owner, ...access.editors].some((email) => email.toLowerCase() === user);
    })
    .map((id) => ({ id, name: spreadsheets.inspect(id).info().name, bound: id === bound }));
}

export function stateOf(session: PlaygroundSession, query: URLSearchParams): Json {
  const { runtime } = session;
  const spreadsheets = openableSpreadsheets(session);
  // Another spreadsheet (an archive) is shown read-only: edits, selections and the add-on stay on the bound one.
  const requestedBook = spreadsheets.find((book) => book.id === query.get('book') && !book.bound);
  const workbook = requestedBook ? runtime.spreadsheets.inspect(requestedBook.id) : runtime.workbook;
  const sheets = workbook.sheets();
  const active = workbook.active();
  const requested = query.get('sheet');
  const sheetName =
    requested && sheets.some((sheet) => sheet.name === requested)
      ? requested
      : (sheets.find((sheet) => sheet.name === active.sheetName && !sheet.hidden) ?? sheets[0])?.name;
  const viewParam = query.get('view');
  const filterViews = sheetName ? workbook.filterViews(sheetName) : [];
  const viewId =
    viewParam && filterViews.some((view) => String(view.filterViewId) === viewParam) ? Number(viewParam) : null;
  const offset = Number(query.get('offset') ?? 0);
  const grid = sheetName
    ? buildGridView(workbook, sheetName, {
        filterViewId: viewId,
        offset: Number.isFinite(offset) ? offset : 0,
        nowMs: runtime.clock.now(),
      })
    : null;
  const sidebar = runtime.ui.sidebar;
  const dialog = session.dialog;
  const toasts = workbook.toasts();
  return {
    spreadsheet: { name: workbook.info().name, timeZone: workbook.info().timeZone },
    spreadsheets,
    book: requestedBook?.id ?? null,
    addonName: ADDON_NAME,
    clock: clockView(session),
    user: session.user.email,
    users: PLAYGROUND_USERS.map((user) => user.email),
    menu: runtime.ui.addonMenu?.items ?? [],
    sheets: sheets.map((sheet) => ({ name: sheet.name, hidden: sheet.hidden })),
    sheet: sheetName ?? null,
    selection: active.sheetName === sheetName ? active.range : null,
    // What the add-on last activated (range.activate() moves the user there in Sheets).
    active: active.sheetName ? `${active.sheetName}!${active.range ?? ''}` : null,
    activeSheet: active.sheetName ?? null,
    filterViews: filterViews.map((view) => ({
      id: view.filterViewId,
      title: typeof view.title === 'string' ? view.title : `Filter view ${view.filterViewId}`,
    })),
    grid,
    sidebar: sidebar ? { seq: session.sidebarSeq, title: sidebar.title } : null,
    dialog: dialog
      ? { seq: dialog.seq, title: dialog.record.title, width: dialog.record.width, height: dialog.record.height }
      : null,
    alerts: session.alerts.map((alert) => ({
      id: alert.id,
      kind: alert.kind,
      title: alert.title,
      prompt: alert.prompt,
      buttonSet: alert.buttonSet,
      button: alert.button,
    })),
    question: session.question
      ? {
          id: session.question.id,
          title: session.question.title,
          prompt: session.question.prompt,
          buttons: session.question.buttons,
        }
      : null,
    toasts: { total: toasts.length, recent: toasts.slice(-3) },
    outboxCount: runtime.outbox.list().length,
    triggerRuns: session.host.triggerRuns.slice(-5),
  };
}

function clickMenu(session: PlaygroundSession, body: unknown): Json {
  const item = stringField(body, 'item');
  const functionName = session.runtime.ui.findMenuFunction(item);
  if (!functionName) throw new PlaygroundError(404, `The add-on menu has no item "${item}"`);
  return session.clickMenu(functionName);
}

function answerQuestion(session: PlaygroundSession, body: unknown): Json {
  const id = field(body, 'id');
  if (typeof id !== 'number') throw new PlaygroundError(400, '"id" must be a number');
  return session.answerQuestion(id, stringField(body, 'button'));
}

function runFunction(session: PlaygroundSession, body: unknown): Json {
  const name = stringField(body, 'name');
  const args = field(body, 'args') ?? [];
  if (!Array.isArray(args)) throw new PlaygroundError(400, '"args" must be an array');
  if (!session.host.globalFunctionNames().includes(name)) {
    throw new PlaygroundError(404, `Script function not found: ${name}`);
  }
  return session.host.run(name, args, { user: session.user });
}

function editCell(session: PlaygroundSession, body: unknown): Json {
  const sheet = sheetField(session, body);
  const a1 = stringField(body, 'a1');
  const text = field(body, 'text');
  if (!CELL.test(a1)) throw new PlaygroundError(400, `Bad cell address "${a1}"`);
  if (typeof text !== 'string') throw new PlaygroundError(400, '"text" must be a string');
  try {
    // Typed as a person would: the add-on's onEdit simple trigger runs after the value lands.
    // (Its run is in session.host.editRuns; the answer stays { ok: true }: a simple trigger shows nothing.)
    session.host.userType(sheet, a1.toUpperCase(), text, { user: session.user });
  } catch (error) {
    const message = (error as Error).message;
    // Sheets refuses an entry that breaks a strict validation rule and shows this text (docs/apps-script/spreadsheet.md §3).
    if (message.includes('violates the data validation rules')) throw new PlaygroundError(422, message);
    throw new PlaygroundError(400, message);
  }
  return { ok: true };
}

function selectRange(session: PlaygroundSession, body: unknown): Json {
  const sheet = sheetField(session, body);
  const a1 = stringField(body, 'a1');
  if (!CELL_OR_ROWS.test(a1)) throw new PlaygroundError(400, `Bad range address "${a1}"`);
  try {
    session.runtime.workbook.userSelect(sheet, a1.toUpperCase());
  } catch (error) {
    throw new PlaygroundError(400, (error as Error).message);
  }
  return { ok: true };
}

function advanceClock(session: PlaygroundSession, body: unknown): Json {
  const days = field(body, 'days');
  if (typeof days !== 'number' || !Number.isFinite(days) || days <= 0 || days > 366) {
    throw new PlaygroundError(400, '"days" must be a number between 0 and 366');
  }
  const runs = session.host.advance(days * DAY_MS);
  return { ok: true, triggerRuns: runs };
}

function loadDemo(session: PlaygroundSession, body: unknown): Json {
  const customers = field(body, 'customers') ?? 40;
  const seed = field(body, 'seed') ?? 1;
  const language = field(body, 'language') ?? undefined;
  if (typeof customers !== 'number' || !Number.isInteger(customers) || customers < 1 || customers > 20_000) {
    throw new PlaygroundError(400, '"customers" must be a whole number between 1 and 20000');
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed))
    throw new PlaygroundError(400, '"seed" must be a whole number');
  if (language !== undefined && !isLanguage(language)) {
    throw new PlaygroundError(400, '"language" must be one of en, zh-CN, zh-TW');
  }
  return { ok: true, report: session.loadDemo({ customers, seed, language }) };
}

type Handler = (session: PlaygroundSession, request: ApiRequest) => Json;

/**
 * Routes: [method, path] → handler; `mutates` routes save the state file afterwards; `modal` routes are
 * refused while the add-on's question waits for an answer (Sheets blocks the document behind the dialog,
 * and the answer replays the menu function against the state it asked in).
 */
const ROUTES: Record<string, { handler: Handler; mutates: boolean; modal?: boolean }> = {
  'GET /api/state': { handler: (s, r) => stateOf(s, r.query), mutates: false },
  'GET /api/outbox': { handler: (s) => s.runtime.outbox.list(), mutates: false },
  'POST /api/menu': { handler: (s, r) => clickMenu(s, r.body), mutates: true, modal: true },
  'POST /api/run': { handler: (s, r) => runFunction(s, r.body), mutates: true, modal: true },
  'POST /api/edit': { handler: (s, r) => editCell(s, r.body), mutates: true, modal: true },
  'POST /api/select': { handler: (s, r) => selectRange(s, r.body), mutates: true, modal: true },
  'POST /api/clock': { handler: (s, r) => advanceClock(s, r.body), mutates: true, modal: true },
  'POST /api/demo': { handler: (s, r) => loadDemo(s, r.body), mutates: true, modal: true },
  'POST /api/alert/answer': { handler: (s, r) => answerQuestion(s, r.body), mutates: true },
  'POST /api/user': {
    handler: (s, r) => {
      s.setUser(stringField(r.body, 'email'));
      return { ok: true };
    },
    mutates: true,
  },
  'POST /api/reset': {
    handler: (s) => {
      s.reset();
      return { ok: true };
    },
    mutates: true,
  },
  'POST /api/sidebar/close': {
    handler: (s) => {
      s.runtime.ui.closeSidebar();
      return { ok: true };
    },
    mutates: false,
  },
  'POST /api/dialog/close': {
    handler: (s) => {
      s.closeDialog();
      return { ok: true };
    },
    mutates: false,
  },
  'POST /api/alert/dismiss': {
    handler: (s, r) => {
      const id = field(r.body, 'id');
      if (typeof id !== 'number') throw new PlaygroundError(400, '"id" must be a number');
      s.dismissAlert(id);
      return { ok: true };
    },
    mutates: false,
  },
};

export function isApiPath(path: string): boolean {
  return Object.keys(ROUTES).some((key) => key.split(' ')[1] === path);
}

export function handleApi(session: PlaygroundSession, request: ApiRequest): Json {
  const route = ROUTES[`${request.method} ${request.path}`];
  if (!route) {
    if (isApiPath(request.path))
      throw new PlaygroundError(405, `Method ${request.method} not allowed on ${request.path}`);
    throw new PlaygroundError(404, `Unknown route ${request.method} ${request.path}`);
  }
  if (route.modal && session.question) {
    throw new PlaygroundError(409, `Answer the add-on's question first: "${session.question.title}"`);
  }
  if (!route.mutates) return route.handler(session, request);
  try {
    return route.handler(session, request);
  } finally {
    // Also after a refused request: whatever the handler changed before refusing is saved, never lost.
    session.save();
  }
}
