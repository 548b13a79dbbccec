import type { RuntimeContext } from '../core/context';
import { gasError, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { StatePart } from '../core/state';

/**
 * CacheService (reference/cache/cache, reference/cache/cache-service; docs/apps-script/services.md §5): expiring string
 * caches per script, document and user, timed on the VIRTUAL clock.
 *
 * Limits: key ≤ 250 characters and value ≤ 100 KB (102,400 bytes, counted as UTF-8) are strict, both
 * measured (Poehnelt, docs/apps-script/services.md §5); the thrown texts `Argument too large: key` / `Argument too large:
 * value` are UNCONFIRMED (only seen in emulators). At most 1,000 items: putting a new key into a full cache
 * evicts the oldest ~10 % first-in-first-out (measured: "FIFO … Removes ~100 items (10%)").
 * Expiration: default 600 s; above the documented maximum of 21,600 s the runtime clamps to 21,600
 * (UNCONFIRMED; the doc calls the time "only a suggestion"); below the minimum of 1 s — zero, negative or
 * not finite — it is ignored and the default applies ("Negative expiration is ignored/stored", measured).
 */
export const DEFAULT_EXPIRATION_SECONDS = 600;
export const MAX_EXPIRATION_SECONDS = 21_600;
export const MAX_KEY_LENGTH = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const MAX_ITEMS = 1000;
const EVICT_COUNT = 100;

const utf8 = new TextEncoder();

interface CacheEntry {
  value: string;
  expiresAtMs: number;
}

/** One cache's entries, in insertion order (a Map iterates in insertion order: that is the FIFO). */
class CacheStore {
  readonly entries = new Map<string, CacheEntry>();

  get(key: string, nowMs: number): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAtMs <= nowMs) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  put(key: string, value: string, expiresAtMs: number, nowMs: number): void {
    // A re-put is a new insertion: it moves to the back of the FIFO.
    this.entries.delete(key);
    if (this.entries.size >= MAX_ITEMS) this.purgeExpired(nowMs);
    if (this.entries.size >= MAX_ITEMS) {
      let evicted = 0;
      for (const oldest of this.entries.keys()) {
        if (evicted >= EVICT_COUNT) break;
        this.entries.delete(oldest);
        evicted += 1;
      }
    }
    this.entries.set(key, { value, expiresAtMs });
  }

  purgeExpired(nowMs: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAtMs <= nowMs) this.entries.delete(key);
  }
}

export class Cache extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly store: CacheStore,
  ) {
    super(ctx);
  }

  /** String or null — "You must be prepared to get back null from all reads". */
  get(...args: unknown[]): string | null {
    const [key] = args;
    if (typeof key !== 'string') throw signatureError(args, 'CacheService.Cache.get');
    return this.store.get(key, this.ctx.now());
  }

  /** An object with only the keys that were found. */
  getAll(...args: unknown[]): Record<string, string> {
    const [keys] = args;
    if (!Array.isArray(keys)) throw signatureError(args, 'CacheService.Cache.getAll');
    const now = this.ctx.now();
    const out: Record<string, string> = {};
    for (const key of keys) {
      const value = this.store.get(String(key), now);
      if (value !== null) out[String(key)] = value;
    }
    return out;
  }

  put(...args: unknown[]): void {
    const [key, value, expirationInSeconds] = args;
    if (typeof key !== 'string' || args.length < 2) throw signatureError(args, 'CacheService.Cache.put');
    const text = String(value);
    this._check(key, text);
    this.store.put(key, text, this._expiresAt(expirationInSeconds), this.ctx.now());
  }

  /** Same per-key limits as put, checked for every pair before anything is stored. */
  putAll(...args: unknown[]): void {
    const [values, expirationInSeconds] = args;
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw signatureError(args, 'CacheService.Cache.putAll');
    }
    const pairs = Object.entries(values).map(([key, value]) => [key, String(value)] as const);
    for (const [key, text] of pairs) this._check(key, text);
    const expiresAt = this._expiresAt(expirationInSeconds);
    const now = this.ctx.now();
    for (const [key, text] of pairs) this.store.put(key, text, expiresAt, now);
  }

  remove(...args: unknown[]): void {
    const [key] = args;
    if (typeof key !== 'string') throw signatureError(args, 'CacheService.Cache.remove');
    this.store.entries.delete(key);
  }

  removeAll(...args: unknown[]): void {
    const [keys] = args;
    if (!Array.isArray(keys)) throw signatureError(args, 'CacheService.Cache.removeAll');
    for (const key of keys) this.store.entries.delete(String(key));
  }

  _check(key: string, value: string): void {
    if (key.length > MAX_KEY_LENGTH) throw gasError('Argument too large: key');
    if (value.length > MAX_VALUE_BYTES / 4 && utf8.encode(value).length > MAX_VALUE_BYTES) {
      throw gasError('Argument too large: value');
    }
  }

  _expiresAt(expirationInSeconds: unknown): number {
    let seconds = DEFAULT_EXPIRATION_SECONDS;
    if (expirationInSeconds !== undefined) {
      if (typeof expirationInSeconds !== 'number') {
        throw signatureError([expirationInSeconds], 'CacheService.Cache.put');
      }
      if (Number.isFinite(expirationInSeconds) && expirationInSeconds >= 1) {
        seconds = Math.min(Math.trunc(expirationInSeconds), MAX_EXPIRATION_SECONDS);
      }
    }
    return this.ctx.now() + seconds * 1000;
  }
}
defineGasClass(Cache, 'CacheService', 'Cache');

class CacheStores {
  readonly script = new CacheStore();
  readonly documents = new Map<string, CacheStore>();
  readonly users = new Map<string, CacheStore>();

  static in(map: Map<string, CacheStore>, key: string): CacheStore {
    let store = map.get(key);
    if (!store) {
      store = new CacheStore();
      map.set(key, store);
    }
    return store;
  }
}

/** Cache holds no user data, so LIMITED and CUSTOM_FUNCTION may use it; NONE may not (docs/apps-script/services.md §2). */
class CacheServiceFacade extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly stores: CacheStores,
    private readonly documentId: string | null,
  ) {
    super(ctx);
  }

  /** null "outside of the context of a containing document". */
  getDocumentCache(): Cache | null {
    this.ctx.requireAuth('properties', 'CacheService.getDocumentCache');
    if (this.documentId === null) return null;
    return new Cache(this.ctx, CacheStores.in(this.stores.documents, this.documentId));
  }

  getScriptCache(): Cache {
    this.ctx.requireAuth('properties', 'CacheService.getScriptCache');
    return new Cache(this.ctx, this.stores.script);
  }

  getUserCache(): Cache {
    this.ctx.requireAuth('properties', 'CacheService.getUserCache');
    return new Cache(this.ctx, CacheStores.in(this.stores.users, this.ctx.execution.effectiveUser.email));
  }
}
defineGasClass(CacheServiceFacade, 'CacheService', 'CacheService');

type SavedStore = [string, string, number][];

export function createCacheService(
  ctx: RuntimeContext,
  options: { documentId?: string | null } = {},
): { CacheService: unknown; state: StatePart } {
  const stores = new CacheStores();
  const documentId = options.documentId === undefined ? 'bound-document' : options.documentId;
  const dump = (store: CacheStore): SavedStore => {
    store.purgeExpired(ctx.now());
    return [...store.entries].map(([key, entry]) => [key, entry.value, entry.expiresAtMs]);
  };
  const load = (store: CacheStore, saved: SavedStore | undefined): void => {
    store.entries.clear();
    for (const [key, value, expiresAtMs] of saved ?? []) store.entries.set(key, { value, expiresAtMs });
  };
  const state: StatePart = {
    name: 'cache',
    serialize: () => ({
      script: dump(stores.script),
      documents: Object.fromEntries([...stores.documents].map(([key, store]) => [key, dump(store)])),
      users: Object.fromEntries([...stores.users].map(([key, store]) => [key, dump(store)])),
    }),
    restore: (data: unknown) => {
      const saved = (data ?? {}) as {
        script?: SavedStore;
        documents?: Record<string, SavedStore>;
        users?: Record<string, SavedStore>;
      };
      load(stores.script, saved.script);
      stores.documents.clear();
      stores.users.clear();
      for (const [key, entries] of Object.entries(saved.documents ?? {}))
        load(CacheStores.in(stores.documents, key), entries);
      for (const [key, entries] of Object.entries(saved.users ?? {})) load(CacheStores.in(stores.users, key), entries);
    },
  };
  return { CacheService: new CacheServiceFacade(ctx, stores, documentId), state };
}
