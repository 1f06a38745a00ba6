/**
 * @module The contract of a server-side session store (`SessionStore`), the data it holds, the
 * per-key changes it applies atomically, and the one error every store rejects with
 * (`SessionStoreError`).
 */
import type { FlaskSession, FlaskValue } from '../signing/tagged-json.js';

/**
 * A value a session can hold. It is the Flask session's type mapping (see `FlaskValue` in
 * `shortbread/signing`): `null`, booleans, strings, numbers, `bigint`, arrays, plain objects, and
 * `Date`, `Uint8Array`, `PyTuple`, `PyFloat`, `PyUUID`, `Markup`. Every store keeps that mapping, so
 * moving from the cookie store to Redis does not change what `get` returns.
 *
 * @example
 * ```ts
 * const value: SessionValue = { cart: [1, 2], since: new Date() };
 * ```
 */
export type SessionValue = FlaskValue;

/**
 * A session's data: a record from key to value. Records a store returns have a null prototype, so
 * `__proto__` is a key like any other.
 *
 * @example
 * ```ts
 * const data: SessionData = Object.assign(Object.create(null), { user_id: 42 });
 * ```
 */
export type SessionData = FlaskSession;

/**
 * What one request did to a session, key by key: the last operation on each key wins, so a key is
 * either in `set` or in `delete`, never in both. `clear` means the request started from an empty
 * session (`session.clear()`): every stored key goes, then `set` applies.
 *
 * A store applies these to the version it holds *at commit time*, not to the version the request
 * loaded, so two requests that change different keys of one session both keep their change.
 *
 * @example
 * ```ts
 * const changes: SessionChanges = { clear: false, set: new Map([['b', 2]]), delete: new Set(['a']) };
 * ```
 */
export interface SessionChanges {
  readonly clear: boolean;
  readonly set: ReadonlyMap<string, SessionValue>;
  readonly delete: ReadonlySet<string>;
}

/**
 * Options of the store calls that only read or remove.
 *
 * @example
 * ```ts
 * await store.get(id, { now: Date.now() });
 * ```
 */
export interface StoreCallOptions {
  /** The time, in epoch milliseconds, for stores that keep their own clock (memory, SQLite). */
  readonly now?: number | undefined;
}

/**
 * Options of the store calls that write: the time to live of the record, in seconds.
 *
 * @example
 * ```ts
 * await store.touch(id, { ttl: 3600 });
 * ```
 */
export interface StoreWriteOptions extends StoreCallOptions {
  /** Seconds from now until the record expires. */
  readonly ttl: number;
  /**
   * For `update` only: when no live record exists, apply the changes to an empty one (creating it)
   * instead of answering `undefined`. `Sessions` uses it for its per-user index records; the four
   * stores shipped support it, and a store that does not makes `Sessions.bind` fail clearly.
   */
  readonly upsert?: boolean | undefined;
}

/**
 * A server-side session store: records keyed by session id, each with a time to live. The four
 * stores shipped (memory, SQLite, Redis, and the cookie store's own codec) behave the same through
 * `Sessions`; this interface is what a new store implements.
 *
 * Every method rejects with {@link SessionStoreError} when the backend fails (down, locked, timed
 * out, unreadable record), and never leaves a record half written.
 *
 * @example
 * ```ts
 * import { MemorySessionStore, type SessionStore } from 'shortbread/session';
 * const store: SessionStore = new MemorySessionStore();
 * await store.set('id', { a: 1 }, { ttl: 60 });
 * await store.update('id', { clear: false, set: new Map([['b', 2]]), delete: new Set() }, { ttl: 60 });
 * await store.get('id'); // { a: 1, b: 2 }
 * ```
 */
export interface SessionStore {
  /** A short name for messages and benchmarks (`'memory'`, `'sqlite'`, `'redis'`). */
  readonly kind: string;
  /** The data of a live record, or `undefined` when there is none or it expired. */
  get(id: string, options?: StoreCallOptions): Promise<SessionData | undefined>;
  /** Replaces the record with `data` (creates it), expiring `ttl` seconds from now. */
  set(id: string, data: SessionData, options: StoreWriteOptions): Promise<void>;
  /**
   * Applies `changes` to the record as it is now, atomically (no other write lands between the
   * read and the write), refreshes its ttl and returns the result. A record left empty is removed
   * (and `{}` returned). When no live record exists it returns `undefined` and writes nothing, so
   * a request that raced a logout cannot bring the session back.
   */
  update(
    id: string,
    changes: SessionChanges,
    options: StoreWriteOptions,
  ): Promise<SessionData | undefined>;
  /** Removes the record (no error when there is none). */
  destroy(id: string, options?: StoreCallOptions): Promise<void>;
  /** Pushes a live record's expiry to `ttl` seconds from now; false when there is none. */
  touch(id: string, options: StoreWriteOptions): Promise<boolean>;
  /** Releases what the store opened itself (a connection it created); optional. */
  close?(): Promise<void>;
}

/**
 * Why a store call failed.
 *
 * | code | meaning | what to do |
 * | --- | --- | --- |
 * | `ERR_SESSION_STORE_UNAVAILABLE` | the backend cannot be reached (Redis down, connection lost, file unopenable) | retry later; answer 503 |
 * | `ERR_SESSION_STORE_BUSY` | the backend is locked or overloaded (SQLite `SQLITE_BUSY`) | retry; raise the store's timeout |
 * | `ERR_SESSION_STORE_TIMEOUT` | no answer in time | retry; check the backend |
 * | `ERR_SESSION_STORE_CORRUPT` | a stored record cannot be read back | destroy the session; check what else writes to the store |
 * | `ERR_SESSION_TOO_LARGE` | the cookie store's cookie would exceed 4096 bytes | keep less in it, or use a server-side store |
 * | `ERR_SESSION_STORE_UNSUPPORTED` | the store cannot do what was asked (a per-user index, or `regenerate({ grace })`, on the cookie store) | use a server-side store |
 * | `ERR_SESSION_STORE_FAILED` | any other backend error (see `cause`) | read `cause` |
 *
 * @example
 * ```ts
 * const code: SessionStoreErrorCode = 'ERR_SESSION_STORE_UNAVAILABLE';
 * ```
 */
export type SessionStoreErrorCode =
  | 'ERR_SESSION_STORE_UNAVAILABLE'
  | 'ERR_SESSION_STORE_BUSY'
  | 'ERR_SESSION_STORE_TIMEOUT'
  | 'ERR_SESSION_STORE_CORRUPT'
  | 'ERR_SESSION_TOO_LARGE'
  | 'ERR_SESSION_STORE_UNSUPPORTED'
  | 'ERR_SESSION_STORE_FAILED';

/** The store operation that failed. */
export type SessionStoreOperation =
  | 'open'
  | 'get'
  | 'set'
  | 'update'
  | 'destroy'
  | 'touch'
  | 'purge'
  | 'encode'
  | 'bind'
  | 'list'
  | 'revoke'
  | 'regenerate';

/**
 * A session store failed: the backend is down, locked, timed out, or holds a record that cannot
 * be read. Nothing was half written. The backend's own error is `cause`; `code` says what kind of
 * failure it is, so a handler can answer 503 and let the client retry.
 *
 * @example
 * ```ts
 * import { SessionStoreError } from 'shortbread/session';
 * try {
 *   session = await sessions.load(request);
 * } catch (error) {
 *   if (error instanceof SessionStoreError) return new Response('Try again shortly', { status: 503 });
 *   throw error;
 * }
 * ```
 */
export class SessionStoreError extends Error {
  override readonly name = 'SessionStoreError' as const;
  /** What kind of failure; stable across versions, safe to switch on. */
  readonly code: SessionStoreErrorCode;
  /** Which store (`'redis'`, `'sqlite'`, ...). */
  readonly store: string;
  /** Which operation failed. */
  readonly operation: SessionStoreOperation;

  constructor(
    code: SessionStoreErrorCode,
    store: string,
    operation: SessionStoreOperation,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.store = store;
    this.operation = operation;
  }
}

/**
 * True when `value` is a {@link SessionStoreError}, also across realms or copies of shortbread.
 *
 * @example
 * ```ts
 * if (isSessionStoreError(error) && error.code === 'ERR_SESSION_STORE_UNAVAILABLE') retryLater();
 * ```
 */
export function isSessionStoreError(value: unknown): value is SessionStoreError {
  return (
    value instanceof SessionStoreError ||
    (value instanceof Error &&
      value.name === 'SessionStoreError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

/**
 * A session id shortened for error messages: enough to find it in logs, not enough to use it.
 *
 * @example
 * ```ts
 * shortId('Qm9vAbCdEfGh...'); // '"Qm9vAbCd…"'
 * ```
 */
export function shortId(id: string): string {
  return JSON.stringify(`${id.slice(0, 8)}…`);
}

/**
 * `data` with `changes` applied, as a new null-prototype record (`data` is not changed).
 *
 * @example
 * ```ts
 * applyChanges({ a: 1 }, { clear: false, set: new Map([['b', 2]]), delete: new Set(['a']) }); // { b: 2 }
 * ```
 */
export function applyChanges(data: SessionData | undefined, changes: SessionChanges): SessionData {
  const out: SessionData = Object.create(null);
  if (data !== undefined && !changes.clear) {
    for (const key of Object.keys(data)) out[key] = data[key] as SessionValue;
  }
  for (const key of changes.delete) delete out[key];
  for (const [key, value] of changes.set) out[key] = value;
  return out;
}

/**
 * Whether a session changes nothing.
 *
 * @example
 * ```ts
 * isEmptyChanges({ clear: false, set: new Map(), delete: new Set() }); // true
 * ```
 */
export function isEmptyChanges(changes: SessionChanges): boolean {
  return !changes.clear && changes.set.size === 0 && changes.delete.size === 0;
}

/**
 * Checks a ttl given to a store: a finite number of seconds above zero.
 *
 * @example
 * ```ts
 * checkTtl(3600); // 3600
 * ```
 */
export function checkTtl(ttl: number): number {
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) {
    throw new TypeError(
      `session ttl is invalid: ${JSON.stringify(ttl)} (a number of seconds above 0; e.g. 2678400 for 31 days)`,
    );
  }
  return ttl;
}
