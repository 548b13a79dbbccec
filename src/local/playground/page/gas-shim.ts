/**
 * `google.script` for the add-on's pages in the playground (injected before their own scripts):
 *  - google.script.run.withSuccessHandler(f).withFailureHandler(g).withUserObject(o).anyName(...args)
 *    POSTs to /api/run, where the server calls the function through AddonHost.run with Apps Script's
 *    transport rules; handlers run asynchronously with (value, userObject) / (error, userObject).
 *    Each runner is immutable, as in Apps Script: with*() returns a new runner.
 *  - google.script.host.close() / setHeight() / setWidth() / editor.focus(), and host.origin.
 * Reference: https://developers.google.com/apps-script/guides/html/reference/run and /host
 */
type Handler = (value: unknown, userObject?: unknown) => void;

interface RunnerState {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
}

const surface = (window as unknown as { __PLAYGROUND_SURFACE__?: string }).__PLAYGROUND_SURFACE__ ?? 'sidebar';

function tellParent(message: Record<string, unknown>): void {
  window.parent.postMessage({ source: 'gas-playground', surface, ...message }, window.location.origin);
}

/** A Date, function or class instance can't cross google.script.run: the call fails (docs/apps-script/services.md §10). */
function illegalPath(value: unknown, where: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return where;
  if (typeof value !== 'object') return null;
  if (value instanceof Date) return where;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illegalPath(value[i], `${where}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) return where;
  for (const [key, item] of Object.entries(value)) {
    const found = illegalPath(item, `${where}.${key}`);
    if (found) return found;
  }
  return null;
}

function call(name: string, args: unknown[], runner: RunnerState): void {
  const fail = (message: string) => {
    const error = new Error(message);
    if (runner.failure) runner.failure(error, runner.userObject);
    else console.error(`google.script.run.${name} failed: ${message}`);
  };
  for (let i = 0; i < args.length; i++) {
    const bad = illegalPath(args[i], `args[${i}]`);
    if (bad) {
      setTimeout(() => fail(`Failed due to illegal value in property: ${bad}`), 0);
      return;
    }
  }
  fetch('/api/run', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, args: args.map((arg) => (arg === undefined ? null : arg)) }),
  })
    .then(async (response) => {
      const body = (await response.json()) as
        { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } } | { error: string };
      if ('ok' in body && body.ok) runner.success?.(body.value, runner.userObject);
      else if ('ok' in body) fail(body.error.message);
      else fail(body.error);
    })
    .catch((error: Error) => fail(error.message))
    .finally(() => tellParent({ type: 'ran', name }));
}

function makeRunner(state: RunnerState): unknown {
  const base = {
    withSuccessHandler: (handler: Handler) => makeRunner({ ...state, success: handler }),
    withFailureHandler: (handler: Handler) => makeRunner({ ...state, failure: handler }),
    withUserObject: (userObject: unknown) => makeRunner({ ...state, userObject }),
  };
  return new Proxy(base, {
    get(target, property) {
      if (typeof property !== 'string') return undefined;
      if (property in target) return target[property as keyof typeof target];
      if (property === 'then') return undefined; // not a thenable
      return (...args: unknown[]) => call(property, args, state);
    },
  });
}

const google = {
  script: {
    run: makeRunner({}),
    host: {
      origin: window.location.origin,
      close: () => tellParent({ type: 'close' }),
      setHeight: (height: number) => tellParent({ type: 'setHeight', height }),
      setWidth: (width: number) => tellParent({ type: 'setWidth', width }),
      editor: { focus: () => tellParent({ type: 'focus' }) },
    },
  },
};

(window as unknown as { google: typeof google }).google = google;
