import type { RuntimeContext } from './context';
import { notSupported } from './errors';

/**
 * Every object the local runtime hands to script code (Spreadsheet, Range, Lock, Trigger, builders…)
 * extends GasObject and is registered with `defineGasClass`. Registration:
 *  - wraps each public prototype method so the meter records `Service.Class.method` per call
 *    (methods whose names start with `_` are internal and not metered; facades must call internals,
 *    never their own public methods, so one script call is one metered call); the getters listed in
 *    ACCESSOR_METHODS are recorded as accessor calls instead (no backend round trip);
 *  - ends the prototype chain with a guard: a method name Apps Script has but this runtime does not
 *    model throws "not supported by the local runtime: Class.method" instead of `undefined is not a
 *    function`, so a test never passes on something the runtime only pretends to do.
 * `toString()` gives the class name, as Apps Script objects do (e.g. `String(range) === 'Range'`).
 */
export abstract class GasObject {
  /** Not enumerable, so JSON/inspection of a GasObject does not dump the whole runtime. */
  declare protected readonly ctx: RuntimeContext;

  constructor(ctx: RuntimeContext) {
    Object.defineProperty(this, 'ctx', { value: ctx, enumerable: false, writable: false });
  }

  toString(): string {
    return gasClassName(this);
  }
}

const CLASS_NAME = Symbol('gasClassName');
const SERVICE_NAME = Symbol('gasServiceName');

interface GasClassInfo {
  [CLASS_NAME]?: string;
  [SERVICE_NAME]?: string;
}

export function gasClassName(obj: object): string {
  const ctor = (obj as { constructor?: GasClassInfo }).constructor;
  return ctor?.[CLASS_NAME] ?? 'Object';
}

/**
 * Method names that look like Apps Script API calls. Anything else (then, toJSON, asymmetricMatch,
 * nodeType, Symbol keys…) resolves to undefined as on any plain object, so promises, JSON and test
 * matchers keep working on runtime objects.
 */
const API_METHOD_NAME =
  /^(get|set|is|has|add|remove|insert|delete|create|new|clear|copy|move|hide|show|auto|append|activate|protect|sort|find|with|build|as|require|when|trim|merge|break|check|uncheck|randomize|shift|expand|collapse|update|refresh|apply|use|at|every|in|near|after|on|for|send|put|try|wait|release|format|parse|compute|base64|zip|unzip|sleep|log|modify|duplicate|reset|flush|open|toast|alert|prompt|evaluate|can|do|un|deactivate|text|match|uncheck|fetch|replace|ignore|start)[A-Z0-9]?/;
const NOT_API = new Set(['then', 'toJSON', 'constructor', 'inspect', 'asymmetricMatch', 'nodeType', 'tagName']);

const unsupportedGuard: object = new Proxy(
  {},
  {
    get(_target, prop, receiver: object) {
      if (prop in Object.prototype) return Reflect.get(Object.prototype, prop, receiver);
      if (typeof prop !== 'string' || NOT_API.has(prop) || !API_METHOD_NAME.test(prop)) return undefined;
      return () => {
        throw notSupported(`${gasClassName(receiver)}.${prop}`);
      };
    },
  },
);
Object.setPrototypeOf(GasObject.prototype, unsupportedGuard);

type AnyMethod = (this: GasObject, ...args: unknown[]) => unknown;

/**
 * Methods metered as accessor calls (MeterSnapshot.accessorCalls) instead of service calls: a Range holds its
 * grid coordinates, so reading them back does not contact the spreadsheet backend.
 * ASSUMPTION of the cost model: Google publishes no per-method cost; we assume these getters are answered
 * locally by the Range object (unlike getValues, getSheet's content, formats…), and charge them nothing.
 * Keys are `Class.method` as registered with defineGasClass.
 */
export const ACCESSOR_METHODS: ReadonlySet<string> = new Set([
  'Range.getRow',
  'Range.getRowIndex',
  'Range.getColumn',
  'Range.getColumnIndex',
  'Range.getNumRows',
  'Range.getNumColumns',
  'Range.getHeight',
  'Range.getWidth',
  'Range.getLastRow',
  'Range.getLastColumn',
  'Range.getA1Notation',
  'Range.getGridId',
]);

export function defineGasClass(
  ctor: abstract new (...args: never[]) => GasObject,
  service: string,
  className: string,
): void {
  const info = ctor as unknown as GasClassInfo;
  info[CLASS_NAME] = className;
  info[SERVICE_NAME] = service;
  const proto = ctor.prototype as Record<string, unknown>;
  const meterKey = `${className}`;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name === 'toString' || name.startsWith('_')) continue;
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (!descriptor || typeof descriptor.value !== 'function') continue;
    const original = descriptor.value as AnyMethod;
    const key = `${meterKey}.${name}`;
    const metered = ACCESSOR_METHODS.has(key)
      ? function (this: GasObject, ...args: unknown[]): unknown {
          (this as unknown as { ctx: RuntimeContext }).ctx.meter.recordAccessor(service, key);
          return original.apply(this, args);
        }
      : function (this: GasObject, ...args: unknown[]): unknown {
          const meter = (this as unknown as { ctx: RuntimeContext }).ctx.meter;
          meter.recordCall(service, key);
          // Timed only in a benchmark: no closure per call otherwise.
          return meter.timeServices ? meter.runService(() => original.apply(this, args)) : original.apply(this, args);
        };
    Object.defineProperty(metered, 'name', { value: name });
    Object.defineProperty(proto, name, { ...descriptor, value: metered });
  }
}

/** A plain enum object as Apps Script exposes them: `SpreadsheetApp.ProtectionType.RANGE.toString()`. */
export function gasEnum<K extends string>(enumName: string, keys: readonly K[]): Record<K, GasEnumValue> {
  const out = {} as Record<K, GasEnumValue>;
  keys.forEach((key, ordinal) => {
    out[key] = new GasEnumValue(enumName, key, ordinal);
  });
  return Object.freeze(out);
}

export class GasEnumValue {
  constructor(
    readonly enumName: string,
    readonly key: string,
    readonly ordinal: number,
  ) {
    Object.freeze(this);
  }
  name(): string {
    return this.key;
  }
  toString(): string {
    return this.key;
  }
  toJSON(): string {
    return this.key;
  }
}
