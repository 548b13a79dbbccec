import { RuntimeContext } from '../../src/local/core/context';
import { createLogger, LogStore } from '../../src/local/services/logger';

/** Logger and console (reference/base/logger, reference/base/console). */
type Logger = { log(...a: unknown[]): Logger; getLog(): string; clear(): void };
type Console = Record<'log' | 'info' | 'warn' | 'error' | 'debug' | 'time' | 'timeEnd', (...a: unknown[]) => void>;

function setup() {
  const ctx = new RuntimeContext({
    startMs: Date.parse('2024-06-03T01:00:00Z'),
    user: { email: 'o@example.com', locale: 'en' },
  });
  const created = createLogger(ctx, { timeZone: 'Asia/Shanghai', echo: false });
  return { ctx, Logger: created.Logger as Logger, console: created.console as Console, logs: created.logs };
}

describe('Logger.log', () => {
  test('strings, objects as Java maps ({key=value}), objects with a message (doc examples)', () => {
    const { Logger, logs } = setup();
    Logger.log('my log message');
    Logger.log({ key: 'value' });
    Logger.log({ message: 'my log message', data: { key: 'value' } });
    expect(logs.messages()).toEqual(['my log message', '{key=value}', 'my log message']);
    expect(logs.entries[0]).toMatchObject({
      level: 'INFO',
      source: 'Logger',
      atMs: Date.parse('2024-06-03T01:00:00Z'),
    });
  });

  test('values print as Java objects: Doubles, lists, null, dates in the script zone (UNCONFIRMED for V8)', () => {
    const { Logger, logs } = setup();
    Logger.log(5)
      .log(2.5)
      .log([1, 'a', [true]])
      .log(null)
      .log(1e21);
    Logger.log(new Date(Date.parse('2024-06-03T01:05:00Z')));
    expect(logs.messages()).toEqual([
      '5.0',
      '2.5',
      '[1.0, a, [true]]',
      'null',
      '1.0E21',
      'Mon Jun 03 09:05:00 CST 2024',
    ]);
  });

  test('format with %s placeholders ("replaced with the values … converted to strings")', () => {
    const { Logger, logs } = setup();
    Logger.log('You are a member of %s Google Groups.', 3);
    Logger.log('%s and %s', 'a', 'b');
    expect(logs.messages()).toEqual(['You are a member of 3.0 Google Groups.', 'a and b']);
  });

  test("getLog lists this execution's messages since clear(); a new execution starts a new log", () => {
    const { Logger, ctx, logs } = setup();
    ctx.runExecution({ label: 'run:first' }, () => {
      Logger.log('one').log('two');
      expect(Logger.getLog()).toBe('one\ntwo');
      Logger.clear();
      Logger.log('three');
      expect(Logger.getLog()).toBe('three');
    });
    ctx.runExecution({ label: 'run:second' }, () => {
      expect(Logger.getLog()).toBe('');
    });
    // The LogStore keeps everything, with the execution that logged it.
    expect(logs.entries.map((e) => [e.execution, e.message])).toEqual([
      ['run:first', 'one'],
      ['run:first', 'two'],
      ['run:first', 'three'],
    ]);
  });

  test('Logger calls are metered', () => {
    const { Logger, ctx } = setup();
    const { cost } = ctx.meter.measure(() => Logger.log('x'));
    expect(cost.byMethod).toEqual({ 'Logger.Logger.log': 1 });
  });
});

describe('console', () => {
  test('levels and JavaScript console formatting', () => {
    const { console, logs } = setup();
    console.log('count %d', 3);
    console.info({ a: 1 });
    console.warn('careful');
    console.error('boom', 42);
    console.debug('detail');
    expect(logs.entries.map((e) => [e.level, e.source, e.message])).toEqual([
      ['INFO', 'console', 'count 3'],
      ['INFO', 'console', '{ a: 1 }'],
      ['WARNING', 'console', 'careful'],
      ['ERROR', 'console', 'boom 42'],
      ['DEBUG', 'console', 'detail'],
    ]);
    expect(logs.messages('ERROR')).toEqual(['boom 42']);
  });

  test('console.time/timeEnd measure virtual time', () => {
    const { console, logs, ctx } = setup();
    console.time('scan');
    ctx.clock.advance(1234);
    console.timeEnd('scan');
    expect(logs.messages()).toEqual(['scan: 1234ms']);
  });
});

describe('LogStore', () => {
  test('listeners, clear, and echo to the Node console when enabled', () => {
    const store = new LogStore({ echo: true });
    const seen: string[] = [];
    const stop = store.onEntry((e) => seen.push(e.message));
    const spy = jest.spyOn(globalThis.console, 'warn').mockImplementation(() => undefined);
    store.add({ level: 'WARNING', source: 'console', message: 'hey', atMs: 0, execution: 'run:x' });
    expect(spy).toHaveBeenCalledWith('[WARNING] run:x: hey');
    spy.mockRestore();
    stop();
    store.add({ level: 'INFO', source: 'Logger', message: 'quiet', atMs: 0, execution: 'run:x' });
    expect(seen).toEqual(['hey']);
    store.clear();
    expect(store.entries).toEqual([]);
  });

  test('echo defaults to LOCAL_RUNTIME_ECHO_LOGS=1', () => {
    const saved = process.env.LOCAL_RUNTIME_ECHO_LOGS;
    process.env.LOCAL_RUNTIME_ECHO_LOGS = '1';
    expect(new LogStore().echo).toBe(true);
    delete process.env.LOCAL_RUNTIME_ECHO_LOGS;
    expect(new LogStore().echo).toBe(false);
    if (saved !== undefined) process.env.LOCAL_RUNTIME_ECHO_LOGS = saved;
  });
});
