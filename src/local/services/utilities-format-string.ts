import { gasError } from '../core/errors';
import { formatJavaDate } from './java-date-format';

/**
 * Utilities.formatString(template, ...args): "Performs sprintf-like string formatting using '%'-style format
 * strings" (reference/utilities/utilities). Apps Script implements it with Java's String.format (so `%j`
 * does not exist: gas-fakes gf_agent/knowledge/14-utilities-parity.md), and script values reach Java as
 * Java objects: a JS number is a java.lang.Double, which is why %s of 5 prints "5.0" and %d of 1.5 fails.
 * The Double conversion and the exception texts below are Java's (IllegalFormatConversionException etc.);
 * that Apps Script surfaces exactly those messages is UNCONFIRMED.
 *
 * Supported: %[index$][flags][width][.precision]conv with conv in s S d f e E x X o c b B % n and flags
 * - + space 0 , ( #.
 */
const SPECIFIER = /%(\d+\$)?([-#+ 0,(<]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;

export function javaFormatString(template: string, args: readonly unknown[], timeZone = 'UTC'): string {
  let nextArg = 0;
  return template.replace(
    SPECIFIER,
    (
      spec: string,
      indexPart: string | undefined,
      flags: string,
      widthPart: string | undefined,
      precisionPart: string | undefined,
      conversion: string,
    ) => {
      if (conversion === '%') return applyWidth('%', flags, widthPart);
      if (conversion === 'n') return '\n';
      if (!'sSdfeExXocbB'.includes(conversion)) throw gasError(`Conversion = '${conversion}'`);
      const index = indexPart ? Number(indexPart.slice(0, -1)) - 1 : nextArg++;
      if (index >= args.length) throw gasError(`Format specifier '${spec}'`);
      const arg = args[index];
      const precision = precisionPart === undefined ? undefined : Number(precisionPart);
      const body = convert(conversion, arg, flags, precision, timeZone);
      return applyWidth(body, flags, widthPart);
    },
  );
}

function applyWidth(body: string, flags: string, widthPart: string | undefined): string {
  const width = widthPart === undefined ? 0 : Number(widthPart);
  if (body.length >= width) return body;
  if (flags.includes('-')) return body + ' '.repeat(width - body.length);
  if (flags.includes('0') && /^[+\- (]?[0-9]/.test(body)) {
    const signLength = /^[+\- (]/.test(body) ? 1 : 0;
    return body.slice(0, signLength) + '0'.repeat(width - body.length) + body.slice(signLength);
  }
  return ' '.repeat(width - body.length) + body;
}

function javaTypeName(value: unknown): string {
  if (typeof value === 'number') return 'java.lang.Double';
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (Object.prototype.toString.call(value) === '[object Date]') return 'java.util.Date';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  return 'java.util.LinkedHashMap';
}

function convert(
  conversion: string,
  arg: unknown,
  flags: string,
  precision: number | undefined,
  timeZone: string,
): string {
  switch (conversion) {
    case 's':
    case 'S': {
      let text = javaToString(arg, timeZone);
      if (precision !== undefined) text = text.slice(0, precision);
      return conversion === 'S' ? text.toUpperCase() : text;
    }
    case 'b':
    case 'B': {
      const text = String(arg === null || arg === undefined ? false : typeof arg === 'boolean' ? arg : true);
      return conversion === 'B' ? text.toUpperCase() : text;
    }
    case 'c': {
      if (typeof arg === 'string' && [...arg].length === 1) return arg;
      if (typeof arg === 'number' && Number.isInteger(arg)) return String.fromCodePoint(arg);
      throw gasError(`c != ${javaTypeName(arg)}`);
    }
    case 'd':
    case 'x':
    case 'X':
    case 'o': {
      if (typeof arg !== 'number' || !Number.isInteger(arg)) throw gasError(`${conversion} != ${javaTypeName(arg)}`);
      if (conversion === 'd') return signed(groupDigits(String(Math.abs(arg)), flags), arg < 0, flags);
      const unsigned = arg < 0 ? BigInt.asUintN(64, BigInt(arg)) : BigInt(arg);
      const digits = unsigned.toString(conversion === 'o' ? 8 : 16);
      const prefixed = flags.includes('#') ? (conversion === 'o' ? '0' : '0x') + digits : digits;
      return conversion === 'X' ? prefixed.toUpperCase() : prefixed;
    }
    case 'f':
    case 'e':
    case 'E': {
      if (typeof arg !== 'number') throw gasError(`${conversion} != ${javaTypeName(arg)}`);
      if (!Number.isFinite(arg)) return Number.isNaN(arg) ? 'NaN' : signed('Infinity', arg < 0, flags);
      const digits = precision ?? 6;
      const negative = arg < 0 || Object.is(arg, -0);
      if (conversion === 'f') {
        const fixed = roundHalfUp(Math.abs(arg), digits);
        const [whole, fraction] = fixed.split('.') as [string, string | undefined];
        const grouped = groupDigits(whole, flags) + (fraction !== undefined ? '.' + fraction : '');
        return signed(grouped, negative && /[1-9]/.test(fixed), flags);
      }
      const text = toJavaExponential(Math.abs(arg), digits);
      return signed(conversion === 'E' ? text.toUpperCase() : text, negative, flags);
    }
    default:
      throw gasError(`Conversion = '${conversion}'`);
  }
}

function signed(body: string, negative: boolean, flags: string): string {
  if (negative) return flags.includes('(') ? `(${body})` : '-' + body;
  if (flags.includes('+')) return '+' + body;
  if (flags.includes(' ')) return ' ' + body;
  return body;
}

function groupDigits(digits: string, flags: string): string {
  return flags.includes(',') ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : digits;
}

/**
 * Java rounds the shortest decimal representation of the double HALF_UP (String.format("%.2f", 1.005) is
 * "1.01"), where toFixed rounds the binary value ("1.00"). Done on the decimal string.
 */
export function roundHalfUp(value: number, digits: number): string {
  const [mantissa, exponentPart] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentPart);
  const allDigits = mantissa.replace('.', '');
  // Position of the decimal point within allDigits.
  let pointAt = exponent + 1;
  let padded = allDigits;
  if (pointAt <= 0) {
    padded = '0'.repeat(1 - pointAt) + padded;
    pointAt = 1;
  }
  if (padded.length < pointAt + digits + 1) padded += '0'.repeat(pointAt + digits + 1 - padded.length);
  const keep = padded.slice(0, pointAt + digits);
  const roundUp = padded.charCodeAt(pointAt + digits) - 48 >= 5;
  let rounded = keep;
  if (roundUp) rounded = (BigInt(keep) + 1n).toString().padStart(keep.length, '0');
  const wholeLength = rounded.length - digits;
  const whole = rounded.slice(0, wholeLength).replace(/^0+(?=\d)/, '') || '0';
  return digits > 0 ? `${whole}.${rounded.slice(wholeLength)}` : whole;
}

function toJavaExponential(value: number, digits: number): string {
  const [mantissa, exponent] = value.toExponential(digits).split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/**
 * String.valueOf of the Java object a script value becomes: Double → "5.0" / "1.5" / "1.0E7", List →
 * "[a, b]", Map → "{key=value}" (reference/base/logger: `Logger.log({ key: "value" })` logs "{key=value}"),
 * Date → java.util.Date.toString ("Mon Jun 03 09:00:00 CST 2024") in the script's time zone.
 */
export function javaToString(value: unknown, timeZone = 'UTC', depth = 0): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return javaDoubleToString(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return String(value);
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const ms = (value as Date).getTime();
    return Number.isNaN(ms) ? 'Invalid Date' : formatJavaDate(ms, timeZone, 'EEE MMM dd HH:mm:ss z yyyy');
  }
  if (depth > 20) return '...';
  if (Array.isArray(value)) return `[${value.map((item) => javaToString(item, timeZone, depth + 1)).join(', ')}]`;
  const own = value as Record<string, unknown>;
  // Runtime objects (Range, Sheet, Blob…) print their class name, as Apps Script objects do. "Plain" is
  // judged by the prototype chain, not by identity, because script objects come from another vm realm.
  const proto: unknown = Object.getPrototypeOf(value);
  const plain = proto === null || Object.getPrototypeOf(proto) === null;
  if (!plain) return String(value);
  const entries = Object.keys(own).map((key) => `${key}=${javaToString(own[key], timeZone, depth + 1)}`);
  return `{${entries.join(', ')}}`;
}

/** Double.toString: integers keep ".0"; magnitudes outside [1e-3, 1e7) use "d.dddE±n". */
export function javaDoubleToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(value);
    return Number.isInteger(value) ? `${text}.0` : text;
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const withPoint = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${withPoint}E${exponent.replace('+', '')}`;
}
