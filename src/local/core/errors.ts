/**
 * Errors as Apps Script (V8) throws them: `name === 'Exception'` and a message without the
 * "Exception: " prefix (docs/apps-script/spreadsheet.md, "General: the error's shape").
 */
export class GasException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** Thrown by anything the local runtime does not model, so a test never passes on a silent no-op. */
export class NotSupportedError extends Error {
  constructor(what: string) {
    super(`not supported by the local runtime: ${what}`);
    this.name = 'NotSupportedError';
  }
}

export function gasError(message: string): GasException {
  return new GasException(message);
}

export function notSupported(what: string): NotSupportedError {
  return new NotSupportedError(what);
}

/**
 * Apps Script rejects calls whose arguments do not match any overload, e.g.
 * "The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.getRange."
 */
export function signatureError(args: readonly unknown[], qualifiedMethod: string): GasException {
  const types = args.map(describeArgType).join(',');
  return gasError(`The parameters (${types}) don't match the method signature for ${qualifiedMethod}.`);
}

function describeArgType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (Array.isArray(value)) return 'number[]';
  if (Object.prototype.toString.call(value) === '[object Date]') return 'Date';
  return 'Object';
}
