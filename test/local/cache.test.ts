import { RuntimeContext, type LocalUser } from '../../src/local/core/context';
import { createCacheService } from '../../src/local/services/cache';
import { errorOf } from '../support/errors';

/* Facts: docs/apps-script/services.md §5 (CacheService). */

const OWNER: LocalUser = { email: 'owner@example.com', locale: 'zh_CN' };
const OTHER: LocalUser = { email: 'other@example.com', locale: 'en' };

/* eslint-disable @typescript-eslint/no-explicit-any -- scripts call the runtime untyped */
function setup(documentId?: string | null) {
  const ctx = new RuntimeContext({ startMs: 1_000_000, user: OWNER });
  const made = createCacheService(ctx, documentId === undefined ? {} : { documentId });
  return { ctx, CacheService: made.CacheService as any, state: made.state };
}

describe('CacheService', () => {
  test('getDocumentCache is null outside a document; user caches are per effective user', () => {
    expect(setup(null).CacheService.getDocumentCache()).toBeNull();
    const { ctx, CacheService } = setup();
    CacheService.getUserCache().put('k', 'mine');
    CacheService.getScriptCache().put('k', 'shared');
    ctx.runExecution({ user: OTHER, label: 'other' }, () => {
      expect(CacheService.getUserCache().get('k')).toBeNull();
      expect(CacheService.getScriptCache().get('k')).toBe('shared');
      expect(CacheService.getDocumentCache().get('k')).toBeNull();
    });
  });

  test('get returns null when absent; getAll returns only the keys found; values are strings', () => {
    const { CacheService } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('a', 1);
    cache.putAll({ b: 'B', c: 'C' });
    expect(cache.get('a')).toBe('1');
    expect(cache.get('zzz')).toBeNull();
    expect(cache.getAll(['a', 'c', 'missing'])).toEqual({ a: '1', c: 'C' });
    cache.remove('a');
    cache.removeAll(['b']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: 'C' });
  });

  test('default expiration is 600 s on the virtual clock', () => {
    const { ctx, CacheService } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('k', 'v');
    ctx.clock.advance(599_999);
    expect(cache.get('k')).toBe('v');
    ctx.clock.advance(1);
    expect(cache.get('k')).toBeNull();
  });

  test('expiration is clamped to 21600 s; below 1 s the default 600 s applies (measured: negative ignored)', () => {
    const { ctx, CacheService } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('long', 'v', 100_000);
    cache.put('neg', 'v', -5);
    cache.putAll({ short: 'v' }, 5);
    ctx.clock.advance(5000);
    expect(cache.get('short')).toBeNull();
    ctx.clock.advance(595_000);
    expect(cache.get('neg')).toBeNull();
    expect(cache.get('long')).toBe('v');
    ctx.clock.advance(21_600_000 - 600_000);
    expect(cache.get('long')).toBeNull();
  });

  test('key over 250 characters and value over 100 KB throw (wording UNCONFIRMED)', () => {
    const { CacheService } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('k'.repeat(250), 'ok');
    expect(errorOf(() => cache.put('k'.repeat(251), 'v'))).toEqual({
      name: 'Exception',
      message: 'Argument too large: key',
    });
    cache.put('v', 'x'.repeat(102_400));
    expect(errorOf(() => cache.put('v2', 'x'.repeat(102_401))).message).toBe('Argument too large: value');
    // Counted in UTF-8 bytes: 34,134 CJK characters are 102,402 bytes.
    expect(errorOf(() => cache.put('v3', '客'.repeat(34_134))).message).toBe('Argument too large: value');
    // putAll checks every pair before storing any.
    expect(errorOf(() => cache.putAll({ fine: 'x', ['k'.repeat(300)]: 'y' })).message).toBe('Argument too large: key');
    expect(cache.get('fine')).toBeNull();
  });

  test('1,000-item cap: a new key in a full cache evicts the oldest 10 % (FIFO)', () => {
    const { CacheService } = setup();
    const cache = CacheService.getScriptCache();
    for (let i = 0; i < 1000; i += 1) cache.put(`k${i}`, String(i));
    expect(cache.get('k0')).toBe('0');
    cache.put('k1000', 'new');
    expect(cache.get('k0')).toBeNull();
    expect(cache.get('k99')).toBeNull();
    expect(cache.get('k100')).toBe('100');
    expect(cache.get('k1000')).toBe('new');
  });

  test('signature errors for wrong argument types', () => {
    const { CacheService } = setup();
    expect(errorOf(() => CacheService.getScriptCache().getAll('a')).message).toBe(
      "The parameters (String) don't match the method signature for CacheService.Cache.getAll.",
    );
  });

  test('AuthMode.NONE may not use the cache', () => {
    const { ctx, CacheService } = setup();
    ctx.runExecution({ authMode: 'NONE', label: 'onOpen' }, () => {
      expect(errorOf(() => CacheService.getScriptCache()).message).toBe(
        'You do not have permission to call CacheService.getScriptCache. (AuthMode.NONE)',
      );
    });
  });

  test('save/load keeps live entries with their expiry', () => {
    const a = setup();
    a.CacheService.getDocumentCache().put('d', '1', 60);
    const b = setup();
    b.state.restore(JSON.parse(JSON.stringify(a.state.serialize())));
    expect(b.CacheService.getDocumentCache().get('d')).toBe('1');
    b.ctx.clock.advance(60_000);
    expect(b.CacheService.getDocumentCache().get('d')).toBeNull();
  });

  test('metered under CacheService', () => {
    const { ctx, CacheService } = setup();
    const { cost } = ctx.meter.measure(() => CacheService.getUserCache().get('x'));
    expect(cost.byMethod).toEqual({ 'CacheService.CacheService.getUserCache': 1, 'CacheService.Cache.get': 1 });
  });
});
