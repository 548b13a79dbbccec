/**
 * Decoding a CSV file's bytes (docs/product-rules.md §7: UTF-8 or GBK/GB18030, as Chinese Excel exports it; detected
 * automatically). The sidebar reads the file with FileReader and decodes it here; the decoder itself comes
 * from outside (TextDecoder in the browser and in Node) so this module stays free of runtime globals.
 *
 * Detection: a BOM decides (UTF-8 EF BB BF, UTF-16 FF FE / FE FF as Excel's "Unicode text" writes);
 * otherwise strict UTF-8 is tried first (fatal: a GBK file is almost never valid UTF-8), and GB18030 (a
 * superset of GBK and GB2312) is the fallback.
 */
export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  /** The file started with a byte-order mark (removed from `text`). */
  bom: boolean;
}

export interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}

/** `(label, fatal) => new TextDecoder(label, { fatal })`: throws on invalid bytes when fatal. */
export type DecoderFactory = (label: CsvEncoding, fatal: boolean) => TextDecoderLike;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

export function decodeCsvBytes(bytes: Uint8Array, makeDecoder: DecoderFactory): DecodedCsv {
  const strip = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: strip(makeDecoder('utf-8', false).decode(bytes.subarray(3))), encoding: 'utf-8', bom: true };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: strip(makeDecoder('utf-16le', false).decode(bytes.subarray(2))), encoding: 'utf-16le', bom: true };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: strip(makeDecoder('utf-16be', false).decode(bytes.subarray(2))), encoding: 'utf-16be', bom: true };
  }
  try {
    return { text: makeDecoder('utf-8', true).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: makeDecoder('gb18030', false).decode(bytes), encoding: 'gb18030', bom: false };
  }
}
