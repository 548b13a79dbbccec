import { RuntimeContext } from '../../src/local/core/context';
import { createUtilities, MAX_SLEEP_MS } from '../../src/local/services/utilities';

/** Utilities other than dates (docs/apps-script/services.md §8; reference/utilities/utilities). */
type Enum = Record<string, unknown>;
type BlobLike = {
  getBytes(): number[];
  getDataAsString(charset?: string): string;
  setDataFromString(text: string, charset?: string): BlobLike;
  getContentType(): string | null;
  setContentType(type: string): BlobLike;
  getName(): string | null;
  setName(name: string): BlobLike;
  copyBlob(): BlobLike;
  isGoogleType(): boolean;
  getAs(type: string): BlobLike;
};
type U = {
  Charset: Enum;
  DigestAlgorithm: Enum;
  MacAlgorithm: Enum;
  formatString(template: unknown, ...args: unknown[]): string;
  parseCsv(csv: unknown, delimiter?: unknown): string[][];
  newBlob(...args: unknown[]): BlobLike;
  base64Encode(...args: unknown[]): string;
  base64EncodeWebSafe(...args: unknown[]): string;
  base64Decode(...args: unknown[]): number[];
  base64DecodeWebSafe(...args: unknown[]): number[];
  computeDigest(...args: unknown[]): number[];
  computeHmacSha256Signature(...args: unknown[]): number[];
  computeHmacSignature(...args: unknown[]): number[];
  getUuid(): string;
  sleep(ms: unknown): void;
  zip(...args: unknown[]): unknown;
  unzip(...args: unknown[]): unknown;
  computeRsaSha256Signature(...args: unknown[]): unknown;
};

const START = Date.parse('2024-06-03T09:00:00+08:00');
function setup(options: { uuidSeed?: number } = {}): { ctx: RuntimeContext; u: U } {
  const ctx = new RuntimeContext({ startMs: START, user: { email: 'owner@example.com', locale: 'en' } });
  return { ctx, u: createUtilities(ctx, options).Utilities as U };
}

/** Hex digest → Java signed byte[]. */
function signedFromHex(hex: string): number[] {
  return (hex.match(/../g) as string[]).map((pair) => {
    const b = parseInt(pair, 16);
    return b > 127 ? b - 256 : b;
  });
}

// The doc example bytes for "Google グループ" (reference/utilities/utilities#base64Decode).
const GOOGLE_GROUPS_BYTES = [
  71, 111, 111, 103, 108, 101, 32, -29, -126, -80, -29, -125, -85, -29, -125, -68, -29, -125, -105,
];

describe('Utilities.formatString (Java String.format; Double/exception texts UNCONFIRMED)', () => {
  const { u } = setup();
  test.each<[string, unknown[], string]>([
    ['%s has %d rows', ['Sheet1', 5], 'Sheet1 has 5 rows'],
    ['%5.2f|%-6s|%05d', [3.14159, 'ab', 42], ' 3.14|ab    |00042'],
    ['%.2f', [1.005], '1.01'],
    ['%.0f %.1f', [2.5, -0.05], '3 -0.1'],
    ['%,d %,.2f', [1234567, 9876.543], '1,234,567 9,876.54'],
    ['%+d % d %(d', [5, 5, -5], '+5  5 (5)'],
    ['%x %X %o %#x', [255, 255, 8, 255], 'ff FF 10 0xff'],
    ['%e', [12345.678], '1.234568e+04'],
    ['%2$s %1$s', ['a', 'b'], 'b a'],
    ['100%% %n', [], '100% \n'],
    ['%.3s|%S|%c|%b', ['abcdef', 'up', 'x', 0], 'abc|UP|x|true'],
    ['%s', [5], '5.0'],
    ['%s', [0.5], '0.5'],
    ['%s', [[1, 'a']], '[1.0, a]'],
    ['%s', [{ k: 'v', n: 2 }], '{k=v, n=2.0}'],
    ['%s %s', [null, true], 'null true'],
  ])('%s with %p → %p', (template, args, expected) => {
    expect(u.formatString(template, ...args)).toBe(expected);
  });

  test('Java format exceptions', () => {
    expect(() => u.formatString('%d', 1.5)).toThrow('d != java.lang.Double');
    expect(() => u.formatString('%d', 'x')).toThrow('d != java.lang.String');
    expect(() => u.formatString('%s %s', 'a')).toThrow("Format specifier '%s'");
    expect(() => u.formatString('%q', 1)).toThrow("Conversion = 'q'");
    expect(() => u.formatString(5)).toThrow(
      "The parameters (number) don't match the method signature for Utilities.formatString.",
    );
  });
});

describe('Utilities.parseCsv (RFC 4180; trailing newline choice documented in utilities-csv.ts)', () => {
  const { u } = setup();
  test('rows and fields', () => {
    expect(u.parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });
  test('quoted fields hold delimiters, line breaks and "" escapes', () => {
    expect(u.parseCsv('"x, y","line1\nline2","say ""hi"""\n')).toEqual([['x, y', 'line1\nline2', 'say "hi"']]);
  });
  test('CRLF and lone CR end rows; one trailing line break adds no row; blank middle line is [""]', () => {
    expect(u.parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(u.parseCsv('a\r\rb')).toEqual([['a'], [''], ['b']]);
    expect(u.parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });
  test('ragged rows, empty fields and spaces are kept as they are', () => {
    expect(u.parseCsv('a,,c\n d ,e\n,')).toEqual([
      ['a', '', 'c'],
      [' d ', 'e'],
      ['', ''],
    ]);
  });
  test('custom delimiter; empty input; a lone quoted empty field', () => {
    expect(u.parseCsv('a;b;"c;d"', ';')).toEqual([['a', 'b', 'c;d']]);
    expect(u.parseCsv('a\tb', '\t')).toEqual([['a', 'b']]);
    expect(u.parseCsv('')).toEqual([]);
    expect(u.parseCsv('""')).toEqual([['']]);
  });
  test('non-string input is a signature error', () => {
    expect(() => u.parseCsv(42)).toThrow(
      "The parameters (number) don't match the method signature for Utilities.parseCsv.",
    );
  });
});

describe('Blob and charsets (docs/apps-script/services.md §8: getDataAsString(charset), signed Java bytes)', () => {
  const { u } = setup();
  test('string blob: UTF-8 signed bytes, text/plain, no name (defaults UNCONFIRMED, as gas-fakes)', () => {
    const blob = u.newBlob('héllo');
    expect(blob.getBytes()).toEqual([104, -61, -87, 108, 108, 111]);
    expect(blob.getDataAsString()).toBe('héllo');
    expect(blob.getContentType()).toBe('text/plain');
    expect(blob.getName()).toBeNull();
    expect(String(blob)).toBe('Blob');
    expect(blob.isGoogleType()).toBe(false);
  });

  test('byte blob with content type and name; bytes may be signed or 0..255', () => {
    const blob = u.newBlob([-28, -67, -96, 0xe5, 0xa5, 0xbd], 'text/csv', 'hello.csv');
    expect(blob.getDataAsString()).toBe('你好');
    expect(blob.getBytes()).toEqual([-28, -67, -96, -27, -91, -67]);
    expect(blob.getContentType()).toBe('text/csv');
    expect(blob.getName()).toBe('hello.csv');
    expect(u.newBlob([1, 2]).getContentType()).toBeNull();
  });

  test.each<[string, number[], string]>([
    ['GBK', [-60, -29, -70, -61], '你好'],
    ['GB18030', [-60, -29, -70, -61], '你好'],
    ['Big5', [-89, 65, -90, 110], '你好'],
    ['Shift_JIS', [-126, -96, -126, -94], 'あい'],
    ['ISO-8859-1', [-23, 65], 'éA'],
    ['US-ASCII', [-23, 65], '\ufffdA'],
    ['utf-8', [-61, -87], 'é'],
  ])('getDataAsString(%s)', (charset, bytes, text) => {
    expect(u.newBlob(bytes).getDataAsString(charset)).toBe(text);
  });

  test('setDataFromString with a charset encodes in it; unknown charsets throw', () => {
    const blob = u.newBlob('');
    expect(blob.setDataFromString('你好', 'GBK').getBytes()).toEqual([-60, -29, -70, -61]);
    expect(blob.setDataFromString('é€', 'ISO-8859-1').getBytes()).toEqual([-23, 63]); // unmappable → '?'
    expect(blob.setDataFromString('é').getBytes()).toEqual([-61, -87]);
    expect(() => blob.getDataAsString('KLINGON')).toThrow('Unsupported charset: KLINGON');
  });

  test('copyBlob is independent; setters chain; getAs is not modelled', () => {
    const blob = u.newBlob('a', 'text/plain', 'a.txt');
    const copy = blob.copyBlob().setName('b.txt').setContentType('text/csv').setDataFromString('b');
    expect([blob.getName(), blob.getContentType(), blob.getDataAsString()]).toEqual(['a.txt', 'text/plain', 'a']);
    expect([copy.getName(), copy.getContentType(), copy.getDataAsString()]).toEqual(['b.txt', 'text/csv', 'b']);
    expect(() => blob.getAs('application/pdf')).toThrow(
      'not supported by the local runtime: Blob.getAs(application/pdf)',
    );
  });

  test('newBlob with neither string nor bytes is a signature error', () => {
    expect(() => u.newBlob({ a: 1 })).toThrow(
      "The parameters (Object) don't match the method signature for Utilities.newBlob.",
    );
  });
});

describe('base64 (doc examples of reference/utilities/utilities)', () => {
  const { u } = setup();
  test('encode strings and bytes, standard and web-safe (padding kept)', () => {
    expect(u.base64Encode('A string here')).toBe('QSBzdHJpbmcgaGVyZQ==');
    expect(u.base64Encode(u.newBlob('A string here').getBytes())).toBe('QSBzdHJpbmcgaGVyZQ==');
    expect(u.base64Encode('Google グループ', u.Charset.UTF_8)).toBe('R29vZ2xlIOOCsOODq+ODvOODlw==');
    expect(u.base64EncodeWebSafe('Google グループ', u.Charset.UTF_8)).toBe('R29vZ2xlIOOCsOODq-ODvOODlw==');
    expect(u.base64Encode('é', u.Charset.US_ASCII)).toBe('Pw=='); // '?'
  });
  test('decode to signed bytes', () => {
    expect(u.base64Decode('R29vZ2xlIOOCsOODq+ODvOODlw==')).toEqual(GOOGLE_GROUPS_BYTES);
    expect(u.base64DecodeWebSafe('R29vZ2xlIOOCsOODq-ODvOODlw==')).toEqual(GOOGLE_GROUPS_BYTES);
    expect(u.newBlob(u.base64Decode('R29vZ2xlIOOCsOODq+ODvOODlw==')).getDataAsString()).toBe('Google グループ');
  });
  test('characters outside the alphabet throw (wording UNCONFIRMED)', () => {
    expect(() => u.base64Decode('abc$')).toThrow('Could not decode string.');
    expect(() => u.base64Decode('R29v-ODlw==')).toThrow('Could not decode string.');
  });
});

describe('digests and HMAC (signed bytes)', () => {
  const { u } = setup();
  test('computeDigest with known vectors', () => {
    expect(u.computeDigest(u.DigestAlgorithm.MD5, '')).toEqual(signedFromHex('d41d8cd98f00b204e9800998ecf8427e'));
    expect(u.computeDigest(u.DigestAlgorithm.SHA_1, 'abc')).toEqual(
      signedFromHex('a9993e364706816aba3e25717850c26c9cd0d89d'),
    );
    expect(u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc', u.Charset.US_ASCII)).toEqual(
      signedFromHex('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'),
    );
    expect(u.computeDigest(u.DigestAlgorithm.SHA_256, [97, 98, 99])).toEqual(
      signedFromHex('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'),
    );
    expect(u.computeDigest(u.DigestAlgorithm.SHA_512, 'abc')).toHaveLength(64);
    expect(() => u.computeDigest(u.DigestAlgorithm.MD2, 'abc')).toThrow(
      'not supported by the local runtime: Utilities.computeDigest(DigestAlgorithm.MD2)',
    );
    expect(() => u.computeDigest('MD5', 'abc')).toThrow(
      "The parameters (String,String) don't match the method signature for Utilities.computeDigest.",
    );
  });
  test('HMAC-SHA256, RFC 4231 test case 2', () => {
    const expected = signedFromHex('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(u.computeHmacSha256Signature('what do ya want for nothing?', 'Jefe')).toEqual(expected);
    const bytes = (text: string): number[] => u.newBlob(text).getBytes();
    expect(u.computeHmacSha256Signature(bytes('what do ya want for nothing?'), bytes('Jefe'))).toEqual(expected);
    expect(u.computeHmacSignature(u.MacAlgorithm.HMAC_SHA_256, 'what do ya want for nothing?', 'Jefe')).toEqual(
      expected,
    );
  });
});

describe('getUuid, sleep, unsupported methods, metering', () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  test('getUuid returns distinct v4 UUIDs; a seed makes the sequence repeatable', () => {
    const { u } = setup();
    const a = u.getUuid();
    expect(a).toMatch(V4);
    expect(u.getUuid()).not.toBe(a);
    const seeded1 = setup({ uuidSeed: 42 }).u;
    const seeded2 = setup({ uuidSeed: 42 }).u;
    const first = [seeded1.getUuid(), seeded1.getUuid()];
    expect(first[0]).toMatch(V4);
    expect(first[0]).not.toBe(first[1]);
    expect([seeded2.getUuid(), seeded2.getUuid()]).toEqual(first);
  });

  test('sleep advances the virtual clock; over 300000 ms throws (text UNCONFIRMED)', () => {
    const { u, ctx } = setup();
    u.sleep(1500);
    expect(ctx.now()).toBe(START + 1500);
    u.sleep(MAX_SLEEP_MS);
    expect(ctx.now()).toBe(START + 1500 + 300000);
    expect(() => u.sleep(300001)).toThrow('Argument too large: milliseconds');
    expect(ctx.now()).toBe(START + 301500);
    // A numeric string is converted like a number; other text fails to convert (utilities-conversion.test.ts).
    u.sleep('1000');
    expect(ctx.now()).toBe(START + 302500);
  });

  test('zip/unzip and RSA signatures throw "not supported"', () => {
    const { u } = setup();
    expect(() => u.zip([])).toThrow('not supported by the local runtime: Utilities.zip');
    expect(() => u.unzip(null)).toThrow('not supported by the local runtime: Utilities.unzip');
    expect(() => u.computeRsaSha256Signature('a', 'b')).toThrow(
      'not supported by the local runtime: Utilities.computeRsaSha256Signature',
    );
  });

  test('each script call is one metered call', () => {
    const { u, ctx } = setup();
    const { cost } = ctx.meter.measure(() => {
      u.newBlob('x').getBytes();
      u.formatString('%s', 'a');
    });
    expect(cost.byMethod).toEqual({
      'Utilities.Utilities.newBlob': 1,
      'Base.Blob.getBytes': 1,
      'Utilities.Utilities.formatString': 1,
    });
  });
});
