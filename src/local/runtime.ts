import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RuntimeContext, type LocalUser } from './core/context';
import type { StatePart } from './core/state';
import { createSpreadsheetService } from './spreadsheet';
import { createScriptApp } from './services/script-app';
import { createLockService } from './services/lock';
import { createPropertiesService } from './services/properties';
import { createCacheService } from './services/cache';
import { createSession } from './services/session';
import { createMailApp } from './services/mail';
import { createUtilities } from './services/utilities';
import { createHtmlService } from './services/html';
import { createUi } from './services/ui';
import { createLogger } from './services/logger';

/**
 * The local Apps Script runtime: one bound spreadsheet (and any made with SpreadsheetApp.create) and every service the add-on uses, in memory,
 * sharing one clock, one meter and one notion of "who is running". `globals` is what a script sees;
 * the other members let tests, benchmarks and the playground look inside without metered calls.
 */
export interface LocalRuntimeOptions {
  /** Virtual start time (ISO string or epoch ms). Default 2024-06-03 09:00 in Asia/Shanghai (a Monday). */
  startTime?: string | number;
  /** The user who owns the document and runs executions by default. */
  user?: LocalUser;
  spreadsheet?: { id?: string; name?: string; timeZone?: string; locale?: string };
  /** Where HtmlService finds `<page>.html` (the build output). Default: <project>/dist. */
  htmlDir?: string;
  /** MailApp recipients per user per day (consumer accounts: 100). */
  mailDailyQuota?: number;
  /** false = a project without the Advanced Sheets service (the `Sheets` global is absent). */
  advancedSheetsEnabled?: boolean;
  scriptTimeZone?: string;
}

export const DEFAULT_USER: LocalUser = { email: 'owner@example.com', locale: 'zh_CN' };
const DEFAULT_START = '2024-06-03T09:00:00+08:00';

export type LocalRuntime = ReturnType<typeof createLocalRuntime>;

export function createLocalRuntime(options: LocalRuntimeOptions = {}) {
  const startMs =
    typeof options.startTime === 'number' ? options.startTime : Date.parse(options.startTime ?? DEFAULT_START);
  if (!Number.isFinite(startMs)) throw new Error(`invalid startTime ${String(options.startTime)}`);
  const ctx = new RuntimeContext({ startMs, user: options.user ?? DEFAULT_USER });
  const timeZone = options.spreadsheet?.timeZone ?? 'Asia/Shanghai';
  const scriptTimeZone = options.scriptTimeZone ?? timeZone;

  const ui = createUi(ctx);
  const spreadsheet = createSpreadsheetService(ctx, {
    getUi: ui.getUi,
    id: options.spreadsheet?.id,
    name: options.spreadsheet?.name,
    timeZone,
    locale: options.spreadsheet?.locale,
    advancedSheetsEnabled: options.advancedSheetsEnabled,
  });
  const documentId = spreadsheet.workbook.spreadsheetId();
  const scriptApp = createScriptApp(ctx, { documentId, scriptTimeZone });
  const lock = createLockService(ctx, { documentId });
  const properties = createPropertiesService(ctx, { documentId });
  const cache = createCacheService(ctx, { documentId });
  const session = createSession(ctx, { scriptTimeZone });
  const mail = createMailApp(ctx, { dailyQuota: options.mailDailyQuota });
  const utilities = createUtilities(ctx, { scriptTimeZone });
  const html = createHtmlService(ctx, { htmlDir: options.htmlDir ?? path.resolve(__dirname, '../../dist') });
  const logger = createLogger(ctx, { timeZone: scriptTimeZone });

  const globals: Record<string, unknown> = {
    SpreadsheetApp: spreadsheet.globals.SpreadsheetApp,
    Charts: spreadsheet.globals.Charts,
    ScriptApp: scriptApp.ScriptApp,
    LockService: lock.LockService,
    PropertiesService: properties.PropertiesService,
    CacheService: cache.CacheService,
    Session: session.Session,
    MailApp: mail.MailApp,
    Utilities: utilities.Utilities,
    HtmlService: html.HtmlService,
    Logger: logger.Logger,
    console: logger.console,
  };
  if (options.advancedSheetsEnabled !== false) globals.Sheets = spreadsheet.globals.Sheets;

  const parts: StatePart[] = [spreadsheet.state, scriptApp.state, properties.state, cache.state, mail.state];

  /** Everything but the meter, as JSON: the playground saves it after every change. */
  function serialize(): RuntimeSnapshot {
    const snapshot: RuntimeSnapshot = { version: 1, clockMs: ctx.clock.now(), parts: {} };
    for (const part of parts) snapshot.parts[part.name] = part.serialize();
    return snapshot;
  }

  function restore(snapshot: RuntimeSnapshot): void {
    if (snapshot.version !== 1) throw new Error(`unsupported runtime snapshot version ${String(snapshot.version)}`);
    ctx.clock.setTime(snapshot.clockMs);
    for (const part of parts) {
      if (part.name in snapshot.parts) part.restore(snapshot.parts[part.name]);
    }
  }

  return {
    ctx,
    clock: ctx.clock,
    meter: ctx.meter,
    globals,
    workbook: spreadsheet.workbook,
    /** Every spreadsheet of the runtime (the bound one and those made with SpreadsheetApp.create). */
    spreadsheets: spreadsheet.spreadsheets,
    ui: ui.uiLog,
    outbox: mail.outbox,
    triggers: scriptApp.triggers,
    logs: logger.logs,
    locks: lock,
    serialize,
    restore,
    saveToFile(file: string): void {
      writeFileSync(file, JSON.stringify(serialize()));
    },
    loadFromFile(file: string): void {
      restore(JSON.parse(readFileSync(file, 'utf8')) as RuntimeSnapshot);
    },
  };
}

export interface RuntimeSnapshot {
  version: 1;
  clockMs: number;
  parts: Record<string, unknown>;
}
