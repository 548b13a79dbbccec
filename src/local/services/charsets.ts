import iconv from 'iconv-lite';
import { gasError } from '../core/errors';

/**
 * Bytes and character sets as Apps Script sees them.
 *
 * Apps Script hands bytes to scripts as Java `byte[]`, i.e. an array of SIGNED numbers −128..127
 * (reference/utilities/utilities, base64Decode example: "[71, 111, 111, 103, 108, 101, 32, -29, -126, …]").
 * Internally the runtime keeps Uint8Array and converts at the boundary.
 *
 * Charset names are JVM names (docs/apps-script/services.md §8: "Shift_JIS", "Big5", "GBK" are used with getDataAsString in
 * public code; GB18030 is UNCONFIRMED but a JVM name, so accepted). Lookup is case-insensitive like
 * java.nio.charset.Charset.forName, with the common JVM aliases.
 */

type CharsetCodec = 'utf-8' | 'us-ascii' | 'iso-8859-1' | 'utf-16be' | 'utf-16le' | 'utf-16' | 'iconv';

interface CharsetInfo {
  /** Canonical JVM name. */
  name: string;
  codec: CharsetCodec;
  /** iconv-lite / WHATWG label for the multi-byte Asian and Windows charsets. */
  label?: string;
}

const CHARSETS: CharsetInfo[] = [
  { name: 'UTF-8', codec: 'utf-8' },
  { name: 'US-ASCII', codec: 'us-ascii' },
  { name: 'ISO-8859-1', codec: 'iso-8859-1' },
  { name: 'UTF-16', codec: 'utf-16' },
  { name: 'UTF-16BE', codec: 'utf-16be' },
  { name: 'UTF-16LE', codec: 'utf-16le' },
  { name: 'GBK', codec: 'iconv', label: 'gbk' },
  { name: 'GB18030', codec: 'iconv', label: 'gb18030' },
  { name: 'GB2312', codec: 'iconv', label: 'gb2312' },
  { name: 'Big5', codec: 'iconv', label: 'big5' },
  { name: 'Big5-HKSCS', codec: 'iconv', label: 'big5hkscs' },
  { name: 'Shift_JIS', codec: 'iconv', label: 'shift_jis' },
  { name: 'windows-31j', codec: 'iconv', label: 'cp932' },
  { name: 'EUC-JP', codec: 'iconv', label: 'euc-jp' },
  { name: 'EUC-KR', codec: 'iconv', label: 'euc-kr' },
  { name: 'windows-1252', codec: 'iconv', label: 'windows-1252' },
];

const ALIASES: Record<string, string> = {
  utf8: 'UTF-8',
  ascii: 'US-ASCII',
  'iso646-us': 'US-ASCII',
  latin1: 'ISO-8859-1',
  iso8859_1: 'ISO-8859-1',
  'iso-latin-1': 'ISO-8859-1',
  utf_16: 'UTF-16',
  unicode: 'UTF-16',
  cp936: 'GBK',
  ms936: 'GBK',
  'euc-cn': 'GB2312',
  big5_hkscs: 'Big5-HKSCS',
  sjis: 'Shift_JIS',
  shift_jis: 'Shift_JIS',
  ms932: 'windows-31j',
  cp932: 'windows-31j',
  eucjp: 'EUC-JP',
  euckr: 'EUC-KR',
  cp1252: 'windows-1252',
};

const BY_NAME = new Map<string, CharsetInfo>();
for (const info of CHARSETS) BY_NAME.set(info.name.toLowerCase(), info);
for (const [alias, name] of Object.entries(ALIASES)) {
  const info = BY_NAME.get(name.toLowerCase());
  if (info) BY_NAME.set(alias, info);
}

/**
 * Resolves a charset name. An unknown name throws; Java's UnsupportedCharsetException message is the bare
 * name, the Apps Script wording is UNCONFIRMED, so the runtime says which name it could not use.
 */
export function resolveCharset(name: unknown): CharsetInfo {
  const info = typeof name === 'string' ? BY_NAME.get(name.toLowerCase()) : undefined;
  if (!info) throw gasError(`Unsupported charset: ${String(name)}`);
  return info;
}

export function encodeString(text: string, charsetName: string = 'UTF-8'): Uint8Array {
  const charset = resolveCharset(charsetName);
  switch (charset.codec) {
    case 'utf-8':
      return new Uint8Array(Buffer.from(text, 'utf8'));
    case 'us-ascii':
      return encodeSingleByte(text, 0x7f);
    case 'iso-8859-1':
      return encodeSingleByte(text, 0xff);
    case 'utf-16be':
      return swapPairs(Buffer.from(text, 'utf16le'));
    case 'utf-16le':
      return new Uint8Array(Buffer.from(text, 'utf16le'));
    case 'utf-16': {
      // Java's "UTF-16" encoder writes a big-endian byte-order mark first.
      const body = swapPairs(Buffer.from(text, 'utf16le'));
      const out = new Uint8Array(body.length + 2);
      out[0] = 0xfe;
      out[1] = 0xff;
      out.set(body, 2);
      return out;
    }
    case 'iconv':
      return new Uint8Array(iconv.encode(text, charset.label as string));
  }
}

export function decodeBytes(bytes: Uint8Array, charsetName: string = 'UTF-8'): string {
  const charset = resolveCharset(charsetName);
  switch (charset.codec) {
    case 'utf-8':
      return new TextDecoder('utf-8').decode(bytes);
    case 'us-ascii': {
      // Java maps every byte above 0x7F to U+FFFD (WHATWG's "us-ascii" would decode as windows-1252).
      let out = '';
      for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : '\ufffd';
      return out;
    }
    case 'iso-8859-1': {
      // True Latin-1: byte = code point (WHATWG's "iso-8859-1" label is windows-1252).
      let out = '';
      for (const b of bytes) out += String.fromCharCode(b);
      return out;
    }
    case 'utf-16be':
      return new TextDecoder('utf-16be').decode(bytes);
    case 'utf-16le':
      return new TextDecoder('utf-16le').decode(bytes);
    case 'utf-16': {
      const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
      const hasBom = littleEndian || (bytes[0] === 0xfe && bytes[1] === 0xff);
      return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(hasBom ? bytes.subarray(2) : bytes);
    }
    case 'iconv':
      // Node's TextDecoder (full ICU) knows gbk, gb18030, big5, shift_jis, euc-*; iconv-lite covers the rest.
      try {
        return new TextDecoder(charset.label as string).decode(bytes);
      } catch {
        return iconv.decode(Buffer.from(bytes), charset.label as string);
      }
  }
}

/** Unmappable characters become '?' as Java's String.getBytes(charset) does; a surrogate pair is one '?'. */
function encodeSingleByte(text: string, max: number): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    out.push(code <= max ? code : 0x3f);
  }
  return Uint8Array.from(out);
}

function swapPairs(buffer: Buffer): Uint8Array {
  const out = new Uint8Array(buffer.length);
  for (let i = 0; i + 1 < buffer.length; i += 2) {
    out[i] = buffer[i + 1] as number;
    out[i + 1] = buffer[i] as number;
  }
  return out;
}

/** Java byte[] as a script sees it: signed −128..127 numbers. */
export function toSignedBytes(bytes: Uint8Array): number[] {
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    out[i] = b > 127 ? b - 256 : b;
  }
  return out;
}

/** True for an array of integers a script could pass as Byte[] (signed or, leniently, 0..255). */
export function isByteArray(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) {
    if (typeof item !== 'number' || !Number.isInteger(item) || item < -128 || item > 255) return false;
  }
  return true;
}

export function fromByteArray(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] as number) & 0xff;
  return out;
}
