/**
 * @module `fromConnectStore`: any express-session store (connect-redis, connect-pg-simple,
 * connect-mongo, memorystore, ...) as a `SessionStore`, so `Sessions` reads and writes the records
 * an express-session app keeps, in the shape it keeps them (`{ cookie: {...}, ...data }`).
 */
import {
  applyChanges,
  type SessionChanges,
  type SessionData,
  type SessionStore,
  SessionStoreError,
  type SessionStoreOperation,
  type SessionValue,
  type StoreCallOptions,
  type StoreWriteOptions,
  shortId,
} from './store.js';

/** A record as express-session keeps it: its cookie's settings next to the session's keys. */
export type ConnectSessionRecord = { cookie?: ConnectCookieRecord; [key: string]: unknown };

/** express-session's `req.session.cookie` as stored (JSON: `expires` comes back as text). */
export interface ConnectCookieRecord {
  originalMaxAge?: number | null;
  expires?: string | Date | null;
  path?: string;
  domain?: string;
  httpOnly?: boolean;
  secure?: boolean | 'auto';
  sameSite?: boolean | 'lax' | 'strict' | 'none';
  [key: string]: unknown;
}

type Done = (error?: unknown) => void;

/**
 * What an express-session store implements (`express-session`'s `Store`): callback methods, `touch`
 * optional. `Session` is the store's own record type (express-session's `SessionData`); the
 * records written are {@link ConnectSessionRecord}s.
 *
 * @example
 * ```ts
 * const store: ConnectStore<SessionData> = new RedisStore({ client });
 * ```
 */
export interface ConnectStore<Session = ConnectSessionRecord> {
  /** The record (any shape: it is checked when read), or `null`/`undefined` when there is none. */
  get(sid: string, callback: (error: unknown, session?: unknown) => void): unknown;
  set(sid: string, session: Session, callback?: Done): unknown;
  destroy(sid: string, callback?: Done): unknown;
  touch?(sid: string, session: Session, callback?: Done): unknown;
}

/**
 * Options of {@link fromConnectStore}.
 *
 * @example
 * ```ts
 * const options: FromConnectStoreOptions = { cookie: { maxAge: 86_400_000 } };
 * ```
 */
export interface FromConnectStoreOptions {
  /**
   * The `cookie` record of sessions created here, as express-session's `cookie` option gives it
   * (milliseconds for `maxAge`). `null`/absent `maxAge` is a browser-session cookie, and the store
   * then expires the record by its own ttl. @default { path: '/', httpOnly: true }
   */
  cookie?:
    | {
        maxAge?: number | null | undefined;
        path?: string | undefined;
        domain?: string | undefined;
        httpOnly?: boolean | undefined;
        secure?: boolean | undefined;
        sameSite?: 'lax' | 'strict' | 'none' | undefined;
      }
    | undefined;
  /** A short name for messages. @default 'connect' */
  kind?: string | undefined;
}

/** express-session's `Cookie#toJSON` fields for a new session. */
function newCookie(options: FromConnectStoreOptions['cookie'], now: number): ConnectCookieRecord {
  const maxAge = options?.maxAge ?? null;
  const cookie: ConnectCookieRecord = {
    originalMaxAge: maxAge,
    expires: maxAge === null ? null : new Date(now + maxAge).toISOString(),
    httpOnly: options?.httpOnly ?? true,
    path: options?.path ?? '/',
  };
  if (options?.secure !== undefined) cookie.secure = options.secure;
  if (options?.domain !== undefined) cookie.domain = options.domain;
  if (options?.sameSite !== undefined) cookie.sameSite = options.sameSite;
  return cookie;
}

/** express-session's `session.touch()`: a cookie with a max age expires that long from now. */
function refreshed(cookie: ConnectCookieRecord | undefined, now: number): ConnectCookieRecord {
  const out: ConnectCookieRecord = {
    ...(cookie ?? { originalMaxAge: null, expires: null, path: '/', httpOnly: true }),
  };
  if (typeof out.originalMaxAge === 'number')
    out.expires = new Date(now + out.originalMaxAge).toISOString();
  return out;
}

function expired(cookie: ConnectCookieRecord | undefined, now: number): boolean {
  const expires = cookie?.expires;
  if (expires === undefined || expires === null) return false;
  const at = new Date(expires).getTime();
  return !Number.isNaN(at) && at <= now;
}

/** A value an express-session store keeps as it is: JSON's (what its serializers write). */
function checkJson(value: unknown, key: string, depth = 0): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number' && Number.isFinite(value)) return;
  if (depth < 64 && Array.isArray(value)) {
    for (const item of value) checkJson(item, key, depth + 1);
    return;
  }
  const proto =
    value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (depth < 64 && (proto === Object.prototype || proto === null)) {
    for (const item of Object.values(value as object)) checkJson(item, key, depth + 1);
    return;
  }
  throw new TypeError(
    `session value of ${JSON.stringify(key)} cannot go to an express-session store: ${String(value).slice(0, 60)} is not a JSON value (store strings, numbers, booleans, null, arrays and plain objects; a Date as toISOString())`,
  );
}

function recordOf(data: SessionData, cookie: ConnectCookieRecord): ConnectSessionRecord {
  const record: ConnectSessionRecord = { cookie };
  for (const key of Object.keys(data)) {
    if (key === 'cookie') {
      throw new TypeError(
        'session key "cookie" cannot go to an express-session store: express-session keeps its cookie settings there (rename the key)',
      );
    }
    const value = data[key] as SessionValue;
    checkJson(value, key);
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return record;
}

function dataOf(record: ConnectSessionRecord): SessionData {
  const data: SessionData = Object.create(null);
  for (const key of Object.keys(record)) {
    if (key !== 'cookie') data[key] = record[key] as SessionValue;
  }
  return data;
}

/**
 * Any express-session store as the backend of `Sessions`: reads the records an express-session app
 * wrote and writes records it can read (`{ cookie, ...keys }`). Writes are whole-session: a change
 * reads the record, applies the request's changes and writes it all back, so two concurrent
 * requests of one session that change different keys can lose one change (express-session's own
 * behaviour; shortbread's own stores merge per key). Values must be JSON values.
 *
 * @example
 * ```ts
 * import { fromConnectStore, MemorySessionStore, type ConnectStore } from 'shortbread/session';
 * const records = new Map<string, object>();
 * const connectStore: ConnectStore = {
 *   get: (sid, cb) => cb(null, (records.get(sid) as never) ?? null),
 *   set: (sid, session, cb) => { records.set(sid, session); cb?.(); },
 *   destroy: (sid, cb) => { records.delete(sid); cb?.(); },
 * };
 * const store = fromConnectStore(connectStore);
 * await store.set('abc', Object.assign(Object.create(null), { user: 'alice' }), { ttl: 60 });
 * records.get('abc'); // { cookie: { originalMaxAge: null, expires: null, httpOnly: true, path: '/' }, user: 'alice' }
 * ```
 */
export function fromConnectStore(
  // `never`: any store's own record type fits (connect-redis declares express-session's SessionData).
  store: ConnectStore<never>,
  options: FromConnectStoreOptions = {},
): SessionStore {
  // The records written are express-session's shape, whatever the store declares.
  const connect = store as unknown as ConnectStore<ConnectSessionRecord>;
  const kind = options.kind ?? 'connect';
  const call = <T>(
    operation: SessionStoreOperation,
    id: string,
    run: (done: (error: unknown, result?: T) => void) => unknown,
  ) =>
    new Promise<T | undefined>((resolve, reject) => {
      const done = (error: unknown, result?: T) => {
        if (error === null || error === undefined) resolve(result);
        else {
          const reason = error instanceof Error ? error.message : String(error);
          reject(
            new SessionStoreError(
              'ERR_SESSION_STORE_FAILED',
              kind,
              operation,
              `session store failed: ${kind} ${operation} of ${shortId(id)} gave ${JSON.stringify(reason.slice(0, 200))} (see cause)`,
              { cause: error },
            ),
          );
        }
      };
      try {
        run(done);
      } catch (error) {
        done(error ?? new Error('threw'));
      }
    });
  const read = async (id: string, now: number, operation: SessionStoreOperation) => {
    const record = (await call<unknown>(operation, id, (done) => connect.get(id, done))) as
      | ConnectSessionRecord
      | null
      | undefined;
    if (record === null || record === undefined || typeof record !== 'object') return undefined;
    return expired(record.cookie, now) ? undefined : record;
  };
  const write = (id: string, record: ConnectSessionRecord, operation: SessionStoreOperation) =>
    call<void>(operation, id, (done) => connect.set(id, record, done));

  return {
    kind,
    async get(id: string, o?: StoreCallOptions) {
      const record = await read(id, o?.now ?? Date.now(), 'get');
      return record === undefined ? undefined : dataOf(record);
    },
    async set(id: string, data: SessionData, o: StoreWriteOptions) {
      await write(id, recordOf(data, newCookie(options.cookie, o.now ?? Date.now())), 'set');
    },
    async update(id: string, changes: SessionChanges, o: StoreWriteOptions) {
      const now = o.now ?? Date.now();
      // Whole-session: read, apply, write back (not atomic: a connect store has no such call).
      const record = await read(id, now, 'update');
      if (record === undefined) return undefined;
      const merged = applyChanges(dataOf(record), changes);
      if (Object.keys(merged).length === 0) {
        await call<void>('destroy', id, (done) => connect.destroy(id, done));
        return merged;
      }
      await write(id, recordOf(merged, refreshed(record.cookie, now)), 'update');
      return merged;
    },
    async destroy(id: string) {
      await call<void>('destroy', id, (done) => connect.destroy(id, done));
    },
    async touch(id: string, o: StoreWriteOptions) {
      const now = o.now ?? Date.now();
      const record = await read(id, now, 'touch');
      if (record === undefined) return false;
      const next = { ...record, cookie: refreshed(record.cookie, now) };
      const touch = connect.touch;
      if (typeof touch === 'function')
        await call<void>('touch', id, (done) => touch.call(connect, id, next, done));
      else await write(id, next, 'touch');
      return true;
    },
  };
}
