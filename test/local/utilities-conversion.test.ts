import { createHash } from 'node:crypto';
import { RuntimeContext } from '../../src/local/core/context';
import { createUtilities } from '../../src/local/services/utilities';

/**
 * Argument conversions where the local runtime used to disagree with live Apps Script (issue 18 item 5):
 * digests and HMACs of a String without a charset are US-ASCII, extra arguments are signature errors, and
 * values Java cannot convert fail with "Cannot convert …". See docs/apps-script-behaviour.md (Utilities).
 */
type Enum = Record<string, unknown>;
type U = {
  Charset: Enum;
  DigestAlgorithm: Enum;
  MacAlgorithm: Enum;
  computeDigest(...args: unknown[]): number[];
  computeHmacSha256Signature(...args: unknown[]): number[];
  computeHmacSignature(...args: unknown[]): number[];
  sleep(...args: unknown[]): void;
};

const START = Date.parse('2024-06-03T09:00:00+08:00');
function setup(): { ctx: RuntimeContext; u: U } {
  const ctx = new RuntimeContext({ startMs: START, user: { email: 'owner@example.com', locale: 'en' } });
  return { ctx, u: createUtilities(ctx, {}).Utilities as U };
}
const signed = (buf: Buffer): number[] => [...buf].map((b) => (b > 127 ? b - 256 : b));

describe('digests of text without a charset are US-ASCII', () => {
  const { u } = setup();
  test('non-ASCII characters digest as "?" unless a charset is given', () => {
    const ascii = signed(createHash('sha256').update('??', 'latin1').digest());
    const utf8 = signed(createHash('sha256').update('中文', 'utf8').digest());
    expect(u.computeDigest(u.DigestAlgorithm.SHA_256, '中文')).toEqual(ascii);
    expect(u.computeDigest(u.DigestAlgorithm.SHA_256, '中文', u.Charset.UTF_8)).toEqual(utf8);
  });
  test('HMAC-SHA256 likewise, and refuses a third non-charset or a fourth argument', () => {
    const ascii = u.computeHmacSha256Signature('??', 'key');
    expect(u.computeHmacSha256Signature('中文', 'key')).toEqual(ascii);
    expect(u.computeHmacSha256Signature('中文', 'key', u.Charset.UTF_8)).not.toEqual(ascii);
    expect(() => u.computeHmacSha256Signature('a', 'key', u.Charset.UTF_8, 1)).toThrow(
      "don't match the method signature for Utilities.computeHmacSha256Signature.",
    );
    expect(() => u.computeHmacSha256Signature('a')).toThrow('Utilities.computeHmacSha256Signature');
    expect(() => u.computeHmacSignature(u.MacAlgorithm.HMAC_SHA_256, 'a', 'k', u.Charset.UTF_8, 1)).toThrow(
      'Utilities.computeHmacSignature',
    );
  });
  test('an empty HMAC key is an invalid argument', () => {
    expect(() => u.computeHmacSha256Signature('a', '')).toThrow('Invalid argument: key');
  });
});

describe('"Cannot convert" for values Java cannot convert', () => {
  test('a byte array with a non-numeric or out-of-range element', () => {
    const { u } = setup();
    expect(() => u.computeDigest(u.DigestAlgorithm.MD5, [1, 'x'])).toThrow('Cannot convert x to byte.');
    expect(() => u.computeDigest(u.DigestAlgorithm.MD5, [300])).toThrow('Cannot convert 300 to byte.');
    expect(u.computeDigest(u.DigestAlgorithm.MD5, ['97'])).toEqual(u.computeDigest(u.DigestAlgorithm.MD5, [97]));
  });
  test('Utilities.sleep converts a numeric string and refuses other text', () => {
    const { ctx, u } = setup();
    u.sleep('250');
    expect(ctx.now()).toBe(START + 250);
    expect(() => u.sleep('x')).toThrow('Cannot convert x to int.');
    expect(() => u.sleep(true)).toThrow("don't match the method signature for Utilities.sleep.");
    expect(ctx.now()).toBe(START + 250);
  });
});
