/**
 * @module `SqliteSessionStore`: sessions in an SQLite file through better-sqlite3 (WAL, one row per
 * session, expired rows purged), the embedded default for server-side sessions.
 */
import Database from 'better-sqlite3';
import {
  applyChanges,
  checkTtl,
  type SessionChanges,
  type SessionData,
  type SessionStore,
  SessionStoreError,
  type SessionStoreErrorCode,
  type SessionStoreOperation,
  type StoreCallOptions,
  type StoreWriteOptions,
  shortId,
} from './store.js';
import { decodeData, encodeData } from './value-codec.js';

/**
 * Options of {@link SqliteSessionStore}: a file to open, or a better-sqlite3 handle you opened.
 *
 * @example
 * ```ts
 * const options: SqliteSessionStoreOptions = { filename: 'var/sessions.db', timeout: 500 };
 * ```
 */
export type SqliteSessionStoreOptions = SqliteStoreCommon &
  (
    | {
        /** The database file; created when missing. The store opens it in WAL mode and owns it. */
        readonly filename: string;
        readonly database?: undefined;
      }
    | {
        /**
         * An open better-sqlite3 handle. The store uses it as it is (enable WAL on it yourself:
         * `db.pragma('journal_mode = WAL')`) and does not close it.
         */
        readonly database: Database.Database;
        readonly filename?: undefined;
      }
  );

/**
 * The options both forms share.
 *
 * @example
 * ```ts
 * const common: SqliteStoreCommon = { table: 'sessions', purgeInterval: 60 };
 * ```
 */
export interface SqliteStoreCommon {
  /** The table name (`[A-Za-z_][A-Za-z0-9_]*`), created when missing. @default 'shortbread_sessions' */
  readonly table?: string | undefined;
  /**
   * Milliseconds a call waits for another connection's write lock before failing with
   * `ERR_SESSION_STORE_BUSY`. better-sqlite3 waits synchronously, blocking the event loop, so keep
   * it short. Only applied to a database the store opens. @default 1000
   */
  readonly timeout?: number | undefined;
  /**
   * Expired rows are deleted during a write at most once per this many seconds (`0`: on every
   * write). They are never read either way. @default 60
   */
  readonly purgeInterval?: number | undefined;
  /** The clock, in epoch milliseconds, when a call gives no `now`. @default Date.now */
  readonly now?: (() => number) | undefined;
}

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

interface Row {
  readonly data: string;
}

/**
 * Keeps sessions in SQLite: one row per session (`id`, `data` as tagged JSON, `expires` in epoch
 * milliseconds), survives restarts, shared by every process that opens the same file. The default
 * for server-side sessions on one machine; for several machines use Redis.
 *
 * Concurrent requests of one session do not lose writes: `update` reads the row, applies the
 * request's per-key changes and writes it back inside one `BEGIN IMMEDIATE` transaction, so the
 * write lock is held from the read to the write, across processes too. Expired rows are never
 * returned, and are deleted in bulk at most once a minute during writes (`purgeInterval`), or when
 * you call `purge()`.
 *
 * When the database is locked longer than `timeout`, or cannot be written, calls reject with
 * `SessionStoreError` and nothing changes.
 *
 * @example
 * ```ts
 * import { Sessions } from 'shortbread/session';
 * import { SqliteSessionStore } from 'shortbread/session/sqlite';
 *
 * const store = new SqliteSessionStore({ filename: 'sessions.db' });
 * const sessions = new Sessions({ secret: process.env.SECRET_KEY!, store });
 * ```
 */
export class SqliteSessionStore implements SessionStore {
  readonly kind = 'sqlite';
  /** The better-sqlite3 handle (opened by the store, or yours). */
  readonly database: Database.Database;
  readonly #owned: boolean;
  readonly #clock: () => number;
  readonly #purgeEvery: number;
  #lastPurge = Number.NEGATIVE_INFINITY;
  readonly #select: Database.Statement<[string, number], Row>;
  readonly #upsert: Database.Statement<[string, string, number]>;
  readonly #delete: Database.Statement<[string]>;
  readonly #touch: Database.Statement<[number, string, number]>;
  readonly #purge: Database.Statement<[number]>;
  readonly #update: (
    id: string,
    changes: SessionChanges,
    ttl: number,
    now: number,
    upsert: boolean,
  ) => SessionData | undefined;

  /**
   * Opens (or adopts) the database and creates the table. Throws `SessionStoreError`
   * (`ERR_SESSION_STORE_UNAVAILABLE`) when the file cannot be opened, and `TypeError` for bad options.
   *
   * @example
   * ```ts
   * const store = new SqliteSessionStore({ filename: ':memory:' });
   * ```
   */
  constructor(options: SqliteSessionStoreOptions) {
    const table = options.table ?? 'shortbread_sessions';
    if (!TABLE_NAME.test(table)) {
      throw new TypeError(
        `table name is invalid: ${JSON.stringify(table)} (letters, digits and _, not starting with a digit, at most 63)`,
      );
    }
    const purgeInterval = options.purgeInterval ?? 60;
    if (!Number.isFinite(purgeInterval) || purgeInterval < 0) {
      throw new TypeError(
        `purgeInterval is invalid: ${JSON.stringify(purgeInterval)} (seconds, 0 or more)`,
      );
    }
    this.#purgeEvery = purgeInterval * 1000;
    this.#clock = options.now ?? Date.now;
    if (options.database !== undefined) {
      this.database = options.database;
      this.#owned = false;
    } else {
      try {
        this.database = new Database(options.filename, { timeout: options.timeout ?? 1000 });
        // WAL: readers never wait for the writer, and a write is one fsync-less append.
        this.database.pragma('journal_mode = WAL');
        this.database.pragma('synchronous = NORMAL');
      } catch (cause) {
        throw this.#error('open', cause, `cannot open ${JSON.stringify(options.filename)}`);
      }
      this.#owned = true;
    }
    const db = this.database;
    try {
      db.exec(
        `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, data TEXT NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;
         CREATE INDEX IF NOT EXISTS ${table}_expires ON ${table} (expires);`,
      );
      this.#select = db.prepare(`SELECT data FROM ${table} WHERE id = ? AND expires > ?`);
      this.#upsert = db.prepare(
        `INSERT INTO ${table} (id, data, expires) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires = excluded.expires`,
      );
      this.#delete = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
      this.#touch = db.prepare(`UPDATE ${table} SET expires = ? WHERE id = ? AND expires > ?`);
      this.#purge = db.prepare(`DELETE FROM ${table} WHERE expires <= ?`);
    } catch (cause) {
      if (this.#owned) db.close();
      throw this.#error('open', cause, `cannot create table ${JSON.stringify(table)}`);
    }
    const transaction = db.transaction(
      (id: string, changes: SessionChanges, ttl: number, now: number, upsert: boolean) => {
        const row = this.#select.get(id, now);
        if (row === undefined && !upsert) return undefined;
        const stored = row === undefined ? undefined : this.#decode(id, row.data, 'update');
        const merged = applyChanges(stored, changes);
        if (Object.keys(merged).length === 0) this.#delete.run(id);
        else this.#upsert.run(id, encodeData(merged), now + ttl * 1000);
        return merged;
      },
    );
    // BEGIN IMMEDIATE takes the write lock before the read, so no other connection writes between.
    this.#update = (id, changes, ttl, now, upsert) =>
      transaction.immediate(id, changes, ttl, now, upsert);
  }

  #now(options: StoreCallOptions | undefined): number {
    return options?.now ?? this.#clock();
  }

  #error(operation: SessionStoreOperation, cause: unknown, what?: string): SessionStoreError {
    const code = (cause as { code?: unknown } | null)?.code;
    const reason = cause instanceof Error ? cause.message : String(cause);
    let errorCode: SessionStoreErrorCode = 'ERR_SESSION_STORE_FAILED';
    let fix = 'see cause; nothing was changed';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      errorCode = 'ERR_SESSION_STORE_BUSY';
      fix = 'another connection holds the write lock; retry, or raise the store timeout';
    } else if (
      code === 'SQLITE_CANTOPEN' ||
      code === 'SQLITE_READONLY' ||
      code === 'SQLITE_IOERR' ||
      code === 'SQLITE_FULL' ||
      code === 'SQLITE_NOTADB' ||
      (typeof reason === 'string' && reason.includes('not open'))
    ) {
      errorCode = 'ERR_SESSION_STORE_UNAVAILABLE';
      fix = 'check the file, its directory and the disk';
    }
    return new SessionStoreError(
      errorCode,
      this.kind,
      operation,
      `session store is ${errorCode === 'ERR_SESSION_STORE_BUSY' ? 'busy' : 'unavailable'}: sqlite ${operation}${what === undefined ? '' : ` (${what})`} failed with ${JSON.stringify(reason)} (${fix})`,
      { cause },
    );
  }

  #decode(id: string, text: string, operation: SessionStoreOperation): SessionData {
    try {
      return decodeData(text);
    } catch (cause) {
      throw new SessionStoreError(
        'ERR_SESSION_STORE_CORRUPT',
        this.kind,
        operation,
        `session record is unreadable: sqlite row ${shortId(id)} holds no session data (destroy the session; check what else writes to the table)`,
        { cause },
      );
    }
  }

  /** Runs one synchronous database step, turning SQLite failures into `SessionStoreError`. */
  #run<T>(operation: SessionStoreOperation, step: () => T): T {
    if (!this.database.open) {
      throw new SessionStoreError(
        'ERR_SESSION_STORE_UNAVAILABLE',
        this.kind,
        operation,
        `session store is unavailable: sqlite ${operation} on a closed database (the store was closed; make a new one)`,
      );
    }
    try {
      return step();
    } catch (error) {
      if (
        error instanceof SessionStoreError ||
        error instanceof TypeError ||
        error instanceof RangeError
      )
        throw error;
      throw this.#error(operation, error);
    }
  }

  #maybePurge(now: number): void {
    if (now - this.#lastPurge < this.#purgeEvery) return;
    this.#lastPurge = now;
    this.#purge.run(now);
  }

  /**
   * @example
   * ```ts
   * await store.get(id); // { user_id: 42 } or undefined
   * ```
   */
  async get(id: string, options?: StoreCallOptions): Promise<SessionData | undefined> {
    const now = this.#now(options);
    return this.#run('get', () => {
      const row = this.#select.get(id, now);
      return row === undefined ? undefined : this.#decode(id, row.data, 'get');
    });
  }

  /**
   * @example
   * ```ts
   * await store.set(id, { user_id: 42 }, { ttl: 3600 });
   * ```
   */
  async set(id: string, data: SessionData, options: StoreWriteOptions): Promise<void> {
    const now = this.#now(options);
    const ttl = checkTtl(options.ttl);
    const text = encodeData(data);
    this.#run('set', () => {
      if (Object.keys(data).length === 0) this.#delete.run(id);
      else this.#upsert.run(id, text, now + ttl * 1000);
      this.#maybePurge(now);
    });
  }

  /**
   * Applies the changes inside one `BEGIN IMMEDIATE` transaction.
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
    const ttl = checkTtl(options.ttl);
    return this.#run('update', () => {
      const merged = this.#update(id, changes, ttl, now, options.upsert === true);
      this.#maybePurge(now);
      return merged;
    });
  }

  /**
   * @example
   * ```ts
   * await store.destroy(id);
   * ```
   */
  async destroy(id: string, _options?: StoreCallOptions): Promise<void> {
    this.#run('destroy', () => this.#delete.run(id));
  }

  /**
   * @example
   * ```ts
   * await store.touch(id, { ttl: 3600 }); // true
   * ```
   */
  async touch(id: string, options: StoreWriteOptions): Promise<boolean> {
    const now = this.#now(options);
    const ttl = checkTtl(options.ttl);
    return this.#run('touch', () => this.#touch.run(now + ttl * 1000, id, now).changes > 0);
  }

  /**
   * Deletes every expired row now; returns how many.
   *
   * @example
   * ```ts
   * await store.purge(); // 12
   * ```
   */
  async purge(options?: StoreCallOptions): Promise<number> {
    const now = this.#now(options);
    return this.#run('purge', () => {
      this.#lastPurge = now;
      return this.#purge.run(now).changes;
    });
  }

  /**
   * Closes the database if the store opened it (a handle you passed stays open).
   *
   * @example
   * ```ts
   * await store.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.#owned && this.database.open) this.database.close();
  }
}
