import type { RuntimeContext } from '../core/context';
import { gasError, signatureError } from '../core/errors';
import { defineGasClass, GasObject } from '../core/gas-object';
import type { StatePart } from '../core/state';

/**
 * PropertiesService (reference/properties/*, guides/properties; docs/apps-script/services.md §4): string key/value stores
 * per script, per document and per user, with Apps Script's size quota.
 *
 * Limits follow the quota table (CONFIRMED): 9 KB per value and 500 KB per store, counted here as UTF-8
 * bytes, the store total being keys + values. A 2023 measurement (tanaikech, docs/apps-script/services.md §4) found the real
 * per-value cap lower (8,066 bytes with a 1-byte key) and the total counting keys too; the runtime keeps the
 * documented 9 * 1024 so it never rejects what the docs allow. Both limits throw the quota message seen in
 * the field (FIELD), the one a single oversized value was also reported to give.
 */
export const PROPERTY_QUOTA_EXCEEDED =
  'You have exceeded the property storage quota. Please remove some properties and try again.';
export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

const utf8 = new TextEncoder();
function byteLength(text: string): number {
  // Fast path: ASCII strings are one byte per character.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.length : utf8.encode(text).length;
}

/** One store's data (plain model, shared by every Properties object that points at it). */
class PropertyStore {
  readonly values = new Map<string, string>();
  bytes = 0;

  totalAfter(changes: Map<string, string | null>, clearOthers: boolean): number {
    let total = clearOthers ? 0 : this.bytes;
    for (const [key, value] of changes) {
      const old = clearOthers ? undefined : this.values.get(key);
      if (old !== undefined) total -= byteLength(key) + byteLength(old);
      if (value !== null) total += byteLength(key) + byteLength(value);
    }
    return total;
  }

  apply(changes: Map<string, string | null>, clearOthers: boolean): void {
    if (clearOthers) this.values.clear();
    for (const [key, value] of changes) {
      if (value === null) this.values.delete(key);
      else this.values.set(key, value);
    }
    this.bytes = 0;
    for (const [key, value] of this.values) this.bytes += byteLength(key) + byteLength(value);
  }
}

export class Properties extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly store: PropertyStore,
  ) {
    super(ctx);
  }

  /** "null if no such key exists". */
  getProperty(...args: unknown[]): string | null {
    if (args.length < 1) throw signatureError(args, 'PropertiesService.Properties.getProperty');
    return this.store.values.get(String(args[0])) ?? null;
  }

  /** "a copy of all key-value pairs … not a live view". */
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store.values);
  }

  getKeys(): string[] {
    return [...this.store.values.keys()];
  }

  /** "Data types that are not already strings are automatically converted to strings". */
  setProperty(...args: unknown[]): this {
    const [key, value] = args;
    if (args.length < 2) throw signatureError(args, 'PropertiesService.Properties.setProperty');
    this._write(new Map([[String(key), String(value)]]), false);
    return this;
  }

  /** Each pair is a separate property; deleteAllOthers keeps only these. All-or-nothing on quota errors. */
  setProperties(...args: unknown[]): this {
    const [properties, deleteAllOthers] = args;
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
      throw signatureError(args, 'PropertiesService.Properties.setProperties');
    }
    const changes = new Map<string, string | null>();
    for (const [key, value] of Object.entries(properties)) changes.set(key, String(value));
    this._write(changes, deleteAllOthers === true);
    return this;
  }

  deleteProperty(...args: unknown[]): this {
    if (args.length < 1) throw signatureError(args, 'PropertiesService.Properties.deleteProperty');
    this.store.apply(new Map([[String(args[0]), null]]), false);
    return this;
  }

  deleteAllProperties(): this {
    this.store.apply(new Map(), true);
    return this;
  }

  _write(changes: Map<string, string | null>, clearOthers: boolean): void {
    for (const value of changes.values()) {
      if (value !== null && byteLength(value) > MAX_VALUE_BYTES) throw gasError(PROPERTY_QUOTA_EXCEEDED);
    }
    if (this.store.totalAfter(changes, clearOthers) > MAX_STORE_BYTES) throw gasError(PROPERTY_QUOTA_EXCEEDED);
    this.store.apply(changes, clearOthers);
  }
}
defineGasClass(Properties, 'PropertiesService', 'Properties');

class PropertyStores {
  readonly script = new PropertyStore();
  readonly documents = new Map<string, PropertyStore>();
  readonly users = new Map<string, PropertyStore>();

  static in(map: Map<string, PropertyStore>, key: string): PropertyStore {
    let store = map.get(key);
    if (!store) {
      store = new PropertyStore();
      map.set(key, store);
    }
    return store;
  }
}

class PropertiesServiceFacade extends GasObject {
  constructor(
    ctx: RuntimeContext,
    private readonly stores: PropertyStores,
    private readonly documentId: string | null,
  ) {
    super(ctx);
  }

  /** "When document properties are not available this method returns null" (no bound document). */
  getDocumentProperties(): Properties | null {
    this.ctx.requireAuth('properties', 'PropertiesService.getDocumentProperties');
    if (this.documentId === null) return null;
    return new Properties(this.ctx, PropertyStores.in(this.stores.documents, this.documentId));
  }

  getScriptProperties(): Properties {
    this.ctx.requireAuth('properties', 'PropertiesService.getScriptProperties');
    return new Properties(this.ctx, this.stores.script);
  }

  /** The store of the user the script runs as (the trigger owner in a trigger). */
  getUserProperties(): Properties {
    this.ctx.requireAuth('properties', 'PropertiesService.getUserProperties');
    const email = this.ctx.execution.effectiveUser.email;
    return new Properties(this.ctx, PropertyStores.in(this.stores.users, email));
  }
}
defineGasClass(PropertiesServiceFacade, 'PropertiesService', 'PropertiesService');

interface SavedProperties {
  script: Record<string, string>;
  documents: Record<string, Record<string, string>>;
  users: Record<string, Record<string, string>>;
}

export function createPropertiesService(
  ctx: RuntimeContext,
  options: { documentId?: string | null } = {},
): { PropertiesService: unknown; state: StatePart } {
  const stores = new PropertyStores();
  const documentId = options.documentId === undefined ? 'bound-document' : options.documentId;
  const dump = (map: Map<string, PropertyStore>): Record<string, Record<string, string>> =>
    Object.fromEntries([...map].map(([key, store]) => [key, Object.fromEntries(store.values)]));
  const load = (store: PropertyStore, values: Record<string, string> | undefined): void => {
    store.apply(new Map(Object.entries(values ?? {})), true);
  };
  const state: StatePart = {
    name: 'properties',
    serialize: (): SavedProperties => ({
      script: Object.fromEntries(stores.script.values),
      documents: dump(stores.documents),
      users: dump(stores.users),
    }),
    restore: (data: unknown) => {
      const saved = (data ?? {}) as Partial<SavedProperties>;
      load(stores.script, saved.script);
      stores.documents.clear();
      stores.users.clear();
      for (const [key, values] of Object.entries(saved.documents ?? {}))
        load(PropertyStores.in(stores.documents, key), values);
      for (const [key, values] of Object.entries(saved.users ?? {})) load(PropertyStores.in(stores.users, key), values);
    },
  };
  return { PropertiesService: new PropertiesServiceFacade(ctx, stores, documentId), state };
}
