import { format as nodeFormat } from 'node:util';
import type { RuntimeContext } from '../core/context';
import { defineGasClass, GasObject } from '../core/gas-object';
import { javaFormatString, javaToString } from './utilities-format-string';

/**
 * Logger and console (reference/base/logger, reference/base/console).
 *
 * Logger.log(data): "The data can be a string, a JavaScript object, or an object with a message property";
 * `Logger.log({ key: "value" })` logs "{key=value}" and an object with `message` logs that message
 * (reference/base/logger). Values become Java objects on the way, so numbers print as Doubles ("5.0"),
 * arrays as "[a, b]" (utilities-format-string.ts javaToString; the Double form for V8 is UNCONFIRMED).
 * Logger.log(format, ...values): "The string can include multiple %s placeholders" — formatted like
 * Utilities.formatString.
 * Logger.getLog(): "a complete list of messages in the current log", i.e. this execution's Logger messages
 * since the last clear(), one per line (the exact layout, e.g. timestamps, is UNCONFIRMED; plain lines).
 *
 * console.log/info/warn/error/debug go to the execution log with a severity; their formatting follows the
 * JavaScript console (%s %d %o…, objects inspected), which is what V8 Apps Script shows.
 *
 * Every entry lands in the LogStore (all executions, for tests and the playground) and is echoed to Node's
 * console when LOCAL_RUNTIME_ECHO_LOGS=1.
 */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

export interface LogEntry {
  level: LogLevel;
  source: 'Logger' | 'console';
  message: string;
  atMs: number;
  /** ctx.execution.label of the execution that logged it ("menu:openSidebar", "trigger:dailyScan"…). */
  execution: string;
}

/** Captured at load, before any vm context could shadow it. */
const nodeConsole = globalThis.console;

export class LogStore {
  readonly entries: LogEntry[] = [];
  echo: boolean;
  private readonly listeners = new Set<(entry: LogEntry) => void>();

  constructor(options: { echo?: boolean } = {}) {
    this.echo = options.echo ?? process.env.LOCAL_RUNTIME_ECHO_LOGS === '1';
  }

  add(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.echo) {
      const line = `[${entry.level}] ${entry.execution}: ${entry.message}`;
      if (entry.level === 'ERROR') nodeConsole.error(line);
      else if (entry.level === 'WARNING') nodeConsole.warn(line);
      else nodeConsole.log(line);
    }
    for (const listener of this.listeners) listener(entry);
  }

  /** Messages, optionally of one level. */
  messages(level?: LogLevel): string[] {
    return this.entries.filter((entry) => !level || entry.level === level).map((entry) => entry.message);
  }

  clear(): void {
    this.entries.length = 0;
  }

  onEntry(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

class LoggerFacade extends GasObject {
  /** Logger messages of the current execution since the last clear(). */
  private current: string[] = [];
  private currentExecutionId = -1;

  constructor(
    ctx: RuntimeContext,
    private readonly logs: LogStore,
    private readonly timeZone: string,
  ) {
    super(ctx);
  }

  log(...args: unknown[]): LoggerFacade {
    const [first, ...values] = args;
    let message: string;
    if (typeof first === 'string' && values.length > 0) message = javaFormatString(first, values, this.timeZone);
    else if (isMessageObject(first)) message = javaToString(first.message, this.timeZone);
    else message = javaToString(first, this.timeZone);
    this._buffer().push(message);
    this.logs.add({
      level: 'INFO',
      source: 'Logger',
      message,
      atMs: this.ctx.now(),
      execution: this.ctx.execution.label,
    });
    return this;
  }

  getLog(): string {
    return this._buffer().join('\n');
  }

  clear(): void {
    this._buffer().length = 0;
  }

  _buffer(): string[] {
    const id = this.ctx.execution.id;
    if (id !== this.currentExecutionId) {
      this.currentExecutionId = id;
      this.current = [];
    }
    return this.current;
  }
}
defineGasClass(LoggerFacade, 'Logger', 'Logger');

function isMessageObject(value: unknown): value is { message: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.prototype.hasOwnProperty.call(value, 'message');
}

/** The console global of the script: a plain object (not metered; it is not an Apps Script service call). */
function makeConsole(ctx: RuntimeContext, logs: LogStore): Record<string, (...args: unknown[]) => void> {
  const write =
    (level: LogLevel) =>
    (...args: unknown[]): void => {
      logs.add({
        level,
        source: 'console',
        message: nodeFormat(...args),
        atMs: ctx.now(),
        execution: ctx.execution.label,
      });
    };
  const timers = new Map<string, number>();
  return {
    log: write('INFO'),
    info: write('INFO'),
    warn: write('WARNING'),
    error: write('ERROR'),
    debug: write('DEBUG'),
    /** console.time/timeEnd measure virtual time (Utilities.sleep advances it). */
    time(label: unknown = 'default') {
      timers.set(String(label), ctx.now());
    },
    timeEnd(label: unknown = 'default') {
      const key = String(label);
      const started = timers.get(key);
      if (started === undefined) return;
      timers.delete(key);
      write('INFO')(`${key}: ${ctx.now() - started}ms`);
    },
  };
}

export function createLogger(
  ctx: RuntimeContext,
  options: { timeZone?: string; echo?: boolean } = {},
): { Logger: unknown; console: unknown; logs: LogStore } {
  const logs = new LogStore({ echo: options.echo });
  return {
    Logger: new LoggerFacade(ctx, logs, options.timeZone ?? 'UTC'),
    console: makeConsole(ctx, logs),
    logs,
  };
}
