/**
 * @module `MemorySessionStore`: sessions in this process's memory, bounded in count and in time (a
 * least-recently-used list with a ttl per record), for tests and single-process development.
 */
import {
  checkTtl,
  type SessionChanges,
  type SessionData,
  type SessionStore,
  SessionStoreError,
  type StoreCallOptions,
  type StoreWriteOptions,
  shortId,
} from './store.js';
import { decodeValue, encodeValue } from './value-codec.js';

/**
 * Options of {@link MemorySessionStore}.
 *
 * @example
 * ```ts
 * const options: MemorySessionStoreOptions = { maxSessions: 1000 };
 * ```
 */
export interface MemorySessionStoreOptions {
  /**
   * The most sessions kept; beyond it the least recently used one is dropped (its user is logged
   * out). @default 10000
   */
  readonly maxSessions?: number | undefined;
  /** The clock, in epoch milliseconds, when a call gives no `now`. @default Date.now */
  readonly now?: (() => number) | undefined;
}

interface MemoryRecord {
  /** Each value as text, so a handler changing an object it got cannot change the store. */
  readonly values: Map<string, string>;
  /** Epoch milliseconds after which the record is gone. */
  expires: number;
}

/** How many least-recently-used records a write looks at to drop the expired ones. */
const SWEEP_PER_WRITE = 4;

/**
 * Keeps sessions in a `Map` in this process: fast, lost on restart, not shared between processes.
 * Use it in tests and in development; behind a load balancer use the Redis store.
 *
 * It cannot leak (express-session's MemoryStore can): records expire after their ttl (checked on
 * read, and a few expired ones are swept on every write), and past `maxSessions` the least recently
 * used record is dropped. Values are stored as text, so they come back as the same types as from
 * every other store, and a handler mutating an object it read changes nothing until it `set`s it.
 *
 * @example
 * ```ts
 * import { MemorySessionStore, Sessions } from 'shortbread/session';
 * const sessions = new Sessions({ secret: 'dev secret', store: new MemorySessionStore({ maxSessions: 1000 }) });
 * ```
 */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory';
  /** The most sessions kept. */
  readonly maxSessions: number;
  readonly #records = new Map<string, MemoryRecord>();
  readonly #clock: () => number;

  /**
   * @example
   * ```ts
   * const store = new MemorySessionStore({ maxSessions: 100, now: () => fakeNow });
   * ```
   */
  constructor(options: MemorySessionStoreOptions = {}) {
    const max = options.maxSessions ?? 10_000;
    if (!Number.isInteger(max) || max < 1) {
      throw new TypeError(
        `maxSessions is invalid: ${JSON.stringify(max)} (a whole number of sessions, 1 or more)`,
      );
    }
    this.maxSessions = max;
    this.#clock = options.now ?? Date.now;
  }

  /**
   * How many records are held (expired ones not yet swept included).
   *
   * @example
   * ```ts
   * store.size; // 3
   * ```
   */
  get size(): number {
    return this.#records.size;
  }

  #now(options: StoreCallOptions | undefined): number {
    return options?.now ?? this.#clock();
  }

  /** The live record of `id`, moved to the most-recently-used end; drops it when expired. */
  #live(id: string, now: number): MemoryRecord | undefined {
    const record = this.#records.get(id);
    if (record === undefined) return undefined;
    this.#records.delete(id);
    if (record.expires <= now) return undefined;
    this.#records.set(id, record);
    return record;
  }

  #decode(id: string, record: MemoryRecord, operation: 'get' | 'update'): SessionData {
    const data: SessionData = Object.create(null);
    try {
      for (const [key, text] of record.values) data[key] = decodeValue(text);
    } catch (cause) {
      throw new SessionStoreError(
        'ERR_SESSION_STORE_CORRUPT',
        this.kind,
        operation,
        `session record is unreadable: memory record ${shortId(id)} (destroy the session)`,
        { cause },
      );
    }
    return data;
  }

  #encode(data: SessionData): Map<string, string> {
    const values = new Map<string, string>();
    for (const key of Object.keys(data)) values.set(key, encodeValue(data[key] ?? null));
    return values;
  }

  #put(id: string, values: Map<string, string>, ttl: number, now: number): void {
    this.#records.delete(id);
    this.#records.set(id, { values, expires: now + checkTtl(ttl) * 1000 });
    this.#sweep(now);
  }

  /** Drops expired records at the least-recently-used end, then whatever exceeds the bound. */
  #sweep(now: number): void {
    let looked = 0;
    for (const [id, record] of this.#records) {
      if (looked++ >= SWEEP_PER_WRITE) break;
      if (record.expires <= now) this.#records.delete(id);
    }
    while (this.#records.size > this.maxSessions) {
      const oldest = this.#records.keys().next().value;
      if (oldest === undefined) break;
      this.#records.delete(oldest);
    }
  }

  /**
   * @example
   * ```ts
   * await store.get(id); // { user_id: 42 } or undefined
   * ```
   */
  async get(id: string, options?: StoreCallOptions): Promise<SessionData | undefined> {
    const record = this.#live(id, this.#now(options));
    return record === undefined ? undefined : this.#decode(id, record, 'get');
  }

  /**
   * @example
   * ```ts
   * await store.set(id, { user_id: 42 }, { ttl: 3600 });
   * ```
   */
  async set(id: string, data: SessionData, options: StoreWriteOptions): Promise<void> {
    const values = this.#encode(data);
    if (values.size === 0) {
      this.#records.delete(id);
      return;
    }
    this.#put(id, values, options.ttl, this.#now(options));
  }

  /**
   * Applies the changes to the record in one synchronous step: nothing else runs in between.
   *
   * @example
   * ```ts
   * await store.update(id, { clear: false, set: new Map([['b', 2]]), delete: new Set() }, { ttl: 3600 });
   * ```
   */
  async update(
    id: string,
    changes: SessionChanges,
    options: StoreWriteOptions,
  ): Promise<SessionData | undefined> {
    const now = this.#now(options);
    const record = this.#live(id, now);
    if (record === undefined && options.upsert !== true) return undefined;
    // Encode first: a value that cannot be stored fails the call before anything changes.
    const encoded = new Map<string, string>();
    for (const [key, value] of changes.set) encoded.set(key, encodeValue(value));
    const values =
      changes.clear || record === undefined ? new Map<string, string>() : new Map(record.values);
    for (const key of changes.delete) values.delete(key);
    for (const [key, text] of encoded) values.set(key, text);
    if (values.size === 0) {
      this.#records.delete(id);
      return Object.create(null) as SessionData;
    }
    this.#put(id, values, options.ttl, now);
    return this.#decode(id, { values, expires: 0 }, 'update');
  }

  /**
   * @example
   * ```ts
   * await store.destroy(id);
   * ```
   */
  async destroy(id: string, _options?: StoreCallOptions): Promise<void> {
    this.#records.delete(id);
  }

  /**
   * @example
   * ```ts
   * await store.touch(id, { ttl: 3600 }); // true
   * ```
   */
  async touch(id: string, options: StoreWriteOptions): Promise<boolean> {
    const now = this.#now(options);
    const record = this.#live(id, now);
    if (record === undefined) return false;
    record.expires = now + checkTtl(options.ttl) * 1000;
    return true;
  }

  /**
   * Drops every expired record now; returns how many. Writes already sweep a few at a time, so this
   * is only for callers that want the memory back at once.
   *
   * @example
   * ```ts
   * store.purge(); // 12
   * ```
   */
  purge(options?: StoreCallOptions): number {
    const now = this.#now(options);
    let removed = 0;
    for (const [id, record] of this.#records) {
      if (record.expires <= now) {
        this.#records.delete(id);
        removed++;
      }
    }
    return removed;
  }
}
