import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { RuntimeContext } from '../core/context';
import { gasError, notSupported, signatureError } from '../core/errors';
import { defineGasClass, gasEnum, GasEnumValue, GasObject } from '../core/gas-object';
import { encodeString, toSignedBytes } from './charsets';
import { formatJavaDate } from './java-date-format';
import { parseJavaDate } from './java-date-format-parse';
import { newBlob, type Blob } from './utilities-blob';
import { parseCsv } from './utilities-csv';
import { javaFormatString } from './utilities-format-string';

/**
 * Utilities (reference/utilities/utilities; docs/apps-script/services.md §8). Dates are formatted and parsed with Java
 * SimpleDateFormat rules (java-date-format*.ts), bytes are Java byte[] (signed), digests and HMACs use Node's
 * crypto. Not modelled, and throwing "not supported": zip/unzip/gzip/ungzip, the RSA signatures, and the
 * deprecated jsonParse/jsonStringify.
 */
const Charset = gasEnum('Charset', ['US_ASCII', 'UTF_8'] as const);
const DigestAlgorithm = gasEnum('DigestAlgorithm', ['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const);
const MacAlgorithm = gasEnum('MacAlgorithm', [
  'HMAC_MD5',
  'HMAC_SHA_1',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
] as const);
const RsaAlgorithm = gasEnum('RsaAlgorithm', ['RSA_SHA_1', 'RSA_SHA_256'] as const);

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

/** "The maximum allowed value is 300000 (or 5 minutes)" (reference/utilities/utilities#sleep). */
export const MAX_SLEEP_MS = 300000;

export interface UtilitiesOptions {
  /** Makes getUuid() deterministic (a seeded generator) for tests; default: crypto.randomUUID. */
  uuidSeed?: number;
  /** Zone used when a Date is printed by formatString's %s (java.util.Date.toString). */
  scriptTimeZone?: string;
}

function isEnumOf(value: unknown, enumName: string): value is GasEnumValue {
  return value instanceof GasEnumValue && value.enumName === enumName;
}

function charsetName(value: GasEnumValue): string {
  return value.key === 'US_ASCII' ? 'US-ASCII' : 'UTF-8';
}

class UtilitiesFacade extends GasObject {
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly RsaAlgorithm = RsaAlgorithm;
  private readonly nextUuid: () => string;
  private readonly scriptTimeZone: string;

  constructor(ctx: RuntimeContext, options: UtilitiesOptions) {
    super(ctx);
    this.nextUuid = options.uuidSeed === undefined ? randomUUID : seededUuid(options.uuidSeed);
    this.scriptTimeZone = options.scriptTimeZone ?? 'UTC';
  }

  formatDate(...args: unknown[]): string {
    const [date, timeZone, format] = args;
    if (args.length !== 3 || !this.ctx.isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError(args, 'Utilities.formatDate');
    }
    const ms = date.getTime();
    // An Invalid Date cannot become a java.util.Date; the wording is UNCONFIRMED.
    if (Number.isNaN(ms)) throw gasError('Invalid argument: date');
    return formatJavaDate(ms, timeZone, format);
  }

  parseDate(...args: unknown[]): Date {
    const [text, timeZone, format] = args;
    if (args.length !== 3 || typeof text !== 'string' || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError(args, 'Utilities.parseDate');
    }
    const ms = parseJavaDate(text, timeZone, format, this.ctx.now());
    // Java's ParseException text; Apps Script throws an Exception here (gas-fakes 14-utilities-parity.md),
    // its exact message is UNCONFIRMED.
    if (ms === null || Number.isNaN(ms)) throw gasError(`Unparseable date: "${text}"`);
    return this.ctx.makeDate(ms);
  }

  formatString(template: unknown, ...values: unknown[]): string {
    if (typeof template !== 'string') throw signatureError([template, ...values], 'Utilities.formatString');
    return javaFormatString(template, values, this.scriptTimeZone);
  }

  parseCsv(...args: unknown[]): string[][] {
    const [csv, delimiter] = args;
    if (
      args.length < 1 ||
      args.length > 2 ||
      typeof csv !== 'string' ||
      (delimiter !== undefined && typeof delimiter !== 'string')
    ) {
      throw signatureError(args, 'Utilities.parseCsv');
    }
    return parseCsv(csv, delimiter ?? ',');
  }

  newBlob(...args: unknown[]): Blob {
    return newBlob(this.ctx, args);
  }

  base64Encode(...args: unknown[]): string {
    return Buffer.from(this._bytesOf(args, 'Utilities.base64Encode')).toString('base64');
  }

  /** Web-safe alphabet ("-" and "_") with the "=" padding kept (doc example: "R29vZ2xlIOOCsOODq-ODvOODlw=="). */
  base64EncodeWebSafe(...args: unknown[]): string {
    return Buffer.from(this._bytesOf(args, 'Utilities.base64EncodeWebSafe'))
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  }

  base64Decode(...args: unknown[]): number[] {
    return this._decode(args, 'Utilities.base64Decode', /^[A-Za-z0-9+/]*={0,2}$/);
  }

  base64DecodeWebSafe(...args: unknown[]): number[] {
    return this._decode(args, 'Utilities.base64DecodeWebSafe', /^[A-Za-z0-9\-_]*={0,2}$/);
  }

  /**
   * computeDigest(algorithm, value[, charset]): a String without a charset is encoded as US-ASCII (every
   * non-ASCII character becomes '?'), not UTF-8 — GF-TEST testutilities.js "utilities digest".
   */
  computeDigest(...args: unknown[]): number[] {
    const [algorithm, ...rest] = args;
    if (!isEnumOf(algorithm, 'DigestAlgorithm')) throw signatureError(args, 'Utilities.computeDigest');
    const bytes = this._bytesOf(rest, 'Utilities.computeDigest', args, 'US-ASCII');
    const nodeName = NODE_DIGEST[algorithm.key];
    if (!nodeName) throw notSupported(`Utilities.computeDigest(DigestAlgorithm.${algorithm.key})`);
    return toSignedBytes(new Uint8Array(createHash(nodeName).update(bytes).digest()));
  }

  /**
   * computeHmacSha256Signature(value, key[, charset]): Strings without a charset are US-ASCII, as for
   * computeDigest (GF-TEST testutilities.js "utilities hmac"); extra arguments are a signature error.
   */
  computeHmacSha256Signature(...args: unknown[]): number[] {
    if (args.length < 2 || args.length > 3) throw signatureError(args, 'Utilities.computeHmacSha256Signature');
    const [value, key, charset] = args;
    return this._hmac('sha256', value, key, charset, args, 'Utilities.computeHmacSha256Signature');
  }

  /** computeHmacSignature(algorithm, value, key[, charset]); the US-ASCII default is by analogy (UNCONFIRMED). */
  computeHmacSignature(...args: unknown[]): number[] {
    const [algorithm, value, key, charset] = args;
    if (!isEnumOf(algorithm, 'MacAlgorithm') || args.length < 3 || args.length > 4)
      throw signatureError(args, 'Utilities.computeHmacSignature');
    return this._hmac(
      NODE_DIGEST[algorithm.key] as string,
      value,
      key,
      charset,
      args,
      'Utilities.computeHmacSignature',
    );
  }

  computeRsaSha1Signature(): never {
    throw notSupported('Utilities.computeRsaSha1Signature');
  }

  computeRsaSha256Signature(): never {
    throw notSupported('Utilities.computeRsaSha256Signature');
  }

  computeRsaSignature(): never {
    throw notSupported('Utilities.computeRsaSignature');
  }

  /** "equivalent to using the java.util.UUID.randomUUID() method": a lowercase version-4 UUID. */
  getUuid(): string {
    return this.nextUuid();
  }

  /**
   * Advances the virtual clock instead of blocking. Over 300000 ms throws; the message follows Apps Script's
   * "Argument too large: <param>" family (e.g. CacheService) and is UNCONFIRMED for sleep. The argument is
   * converted to a Java int: a numeric string works (public code calls Utilities.sleep("30000")), anything
   * else that is not a number fails with "Cannot convert x to int." (gas-fakes; exact text UNCONFIRMED).
   */
  sleep(...args: unknown[]): void {
    const [arg] = args;
    if (args.length !== 1 || (typeof arg !== 'number' && typeof arg !== 'string')) {
      throw signatureError(args, 'Utilities.sleep');
    }
    const milliseconds = toJavaNumber(arg);
    if (milliseconds === null) throw gasError(cannotConvert(arg, 'int'));
    if (milliseconds > MAX_SLEEP_MS) throw gasError('Argument too large: milliseconds');
    if (milliseconds < 0) throw gasError('Invalid argument: milliseconds');
    this.ctx.clock.advance(Math.floor(milliseconds));
  }

  zip(): never {
    throw notSupported('Utilities.zip');
  }

  unzip(): never {
    throw notSupported('Utilities.unzip');
  }

  gzip(): never {
    throw notSupported('Utilities.gzip');
  }

  ungzip(): never {
    throw notSupported('Utilities.ungzip');
  }

  jsonParse(): never {
    throw notSupported('Utilities.jsonParse (deprecated; use JSON.parse)');
  }

  jsonStringify(): never {
    throw notSupported('Utilities.jsonStringify (deprecated; use JSON.stringify)');
  }

  /**
   * (String[, Charset]) or (Byte[]) → bytes; `all` is what the signature error reports. An array picks the
   * Byte[] overload whatever it holds; an element that is not a number then fails to convert.
   */
  _bytesOf(
    args: readonly unknown[],
    method: string,
    all: readonly unknown[] = args,
    defaultCharset = 'UTF-8',
  ): Uint8Array {
    const [data, charset] = args;
    if (typeof data === 'string' && args.length <= 2 && (charset === undefined || isEnumOf(charset, 'Charset'))) {
      return encodeString(data, charset === undefined ? defaultCharset : charsetName(charset));
    }
    if (Array.isArray(data) && args.length === 1) return javaBytes(data);
    throw signatureError(all, method);
  }

  _decode(args: readonly unknown[], method: string, alphabet: RegExp): number[] {
    const [encoded, charset] = args;
    if (typeof encoded !== 'string' || args.length > 2 || (charset !== undefined && !isEnumOf(charset, 'Charset'))) {
      throw signatureError(args, method);
    }
    const compact = encoded.replace(/\s+/g, '');
    // Wording UNCONFIRMED; Apps Script rejects characters outside the alphabet.
    if (!alphabet.test(compact)) throw gasError('Could not decode string.');
    const standard = compact.replace(/-/g, '+').replace(/_/g, '/');
    return toSignedBytes(new Uint8Array(Buffer.from(standard, 'base64')));
  }

  _hmac(
    digest: string,
    value: unknown,
    key: unknown,
    charset: unknown,
    args: readonly unknown[],
    method: string,
  ): number[] {
    let valueBytes: Uint8Array;
    let keyBytes: Uint8Array;
    if (
      typeof value === 'string' &&
      typeof key === 'string' &&
      (charset === undefined || isEnumOf(charset, 'Charset'))
    ) {
      const name = charset === undefined ? 'US-ASCII' : charsetName(charset);
      valueBytes = encodeString(value, name);
      keyBytes = encodeString(key, name);
    } else if (Array.isArray(value) && Array.isArray(key) && charset === undefined) {
      valueBytes = javaBytes(value);
      keyBytes = javaBytes(key);
    } else {
      throw signatureError(args, method);
    }
    // Java's SecretKeySpec refuses an empty key; Apps Script reports "Invalid argument: key" (FIELD,
    // gas-fakes issue #39 for computeHmacSignature; the same cause applies to computeHmacSha256Signature).
    if (keyBytes.length === 0) throw gasError('Invalid argument: key');
    return toSignedBytes(new Uint8Array(createHmac(digest, keyBytes).update(valueBytes).digest()));
  }
}
defineGasClass(UtilitiesFacade, 'Utilities', 'Utilities');

/** "Cannot convert <value> to <java type>." — the prefix is GF-TEST; the rest of the wording is UNCONFIRMED. */
function cannotConvert(value: unknown, javaType: string): string {
  return `Cannot convert ${String(value)} to ${javaType}.`;
}

/** A number, or a string that reads as one (JavaScript ToNumber; blank strings do not count); else null. */
function toJavaNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

/** A script's Byte[]: each element converted as Java does (signed or 0..255 integers, numeric strings). */
function javaBytes(values: readonly unknown[]): Uint8Array {
  const out = new Uint8Array(values.length);
  values.forEach((v, i) => {
    const n = toJavaNumber(v);
    if (n === null || !Number.isInteger(n) || n < -128 || n > 255) throw gasError(cannotConvert(v, 'byte'));
    out[i] = n & 0xff;
  });
  return out;
}

/** mulberry32 → 16 random bytes → RFC 4122 version 4 layout. */
function seededUuid(seed: number): () => string {
  let state = seed >>> 0;
  const nextByte = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  return () => {
    const bytes = Array.from({ length: 16 }, nextByte);
    bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

export function createUtilities(ctx: RuntimeContext, options: UtilitiesOptions = {}): { Utilities: unknown } {
  return { Utilities: new UtilitiesFacade(ctx, options) };
}
