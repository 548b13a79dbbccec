/**
 * google.script.run's transport rules (docs/apps-script/services.md §10), applied between the caller and
 * the script realm:
 *  - arguments: primitives, null, arrays and plain objects only; a Date, function or other object anywhere
 *    fails the request; undefined inside arrays becomes null and undefined object fields are dropped;
 *    the server receives a copy made in its own realm;
 *  - results: a Date anywhere turns the WHOLE result into null (observed Apps Script behaviour, FIELD),
 *    otherwise a JSON copy is delivered.
 */
export class ScriptRunArgumentError extends Error {
  constructor(detail: string) {
    super(`Failed due to illegal value in property: ${detail}`);
    this.name = 'Error';
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.prototype.toString.call(value) === '[object Object]';
}

/** Throws ScriptRunArgumentError for an argument google.script.run would refuse to send. */
export function assertTransportable(value: unknown, where: string, seen = new Set<object>()): void {
  if (value === null || value === undefined) return;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return;
  if (type === 'number') return;
  if (type === 'function' || type === 'symbol' || type === 'bigint') throw new ScriptRunArgumentError(where);
  const object = value as object;
  if (Object.prototype.toString.call(object) === '[object Date]') throw new ScriptRunArgumentError(where);
  if (seen.has(object)) throw new ScriptRunArgumentError(`${where} (circular)`);
  seen.add(object);
  if (Array.isArray(object)) {
    object.forEach((item, index) => assertTransportable(item, `${where}[${index}]`, seen));
  } else if (isPlainObject(object)) {
    for (const [key, item] of Object.entries(object)) assertTransportable(item, `${where}.${key}`, seen);
  } else {
    throw new ScriptRunArgumentError(where);
  }
  seen.delete(object);
}

export function containsDate(value: unknown, seen = new Set<object>()): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Object.prototype.toString.call(value) === '[object Date]') return true;
  if (seen.has(value)) return false;
  seen.add(value);
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.some((item) => containsDate(item, seen));
}

/** JSON round trip that keeps top-level undefined (a function that returns nothing). */
export function jsonCopy<T>(value: T, parse: (text: string) => unknown = JSON.parse): T {
  if (value === undefined) return value;
  return parse(JSON.stringify(value)) as T;
}
