/**
 * @module `PostgresSessionStore`: sessions in PostgreSQL through node-postgres (`pg`): one row per
 * session, changes merged key by key under a row lock, expired rows never read and purged in the
 * background, the table created on first use.
 */
import pg from 'pg';
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
import { decodeData, encodeData, encodeValue } from './value-codec.js';

/**
 * Options of {@link PostgresSessionStore}: a `pg.Pool` you made, or a connection URL.
 *
 * @example
 * ```ts
 * const options: PostgresSessionStoreOptions = { url: 'postgres://app@127.0.0.1/app', table: 'sessions' };
 * ```
 */
export type PostgresSessionStoreOptions = PostgresStoreCommon &
  (
    | {
        /**
         * A node-postgres `Pool`. The store uses it as it is and does not end it. Give it an
         * `'error'` listener (`pool.on('error', ...)`): when PostgreSQL restarts, idle clients fail
         * and a pool without a listener throws that error out of the process.
         */
        readonly pool: pg.Pool;
        readonly url?: undefined;
      }
    | {
        /**
         * `postgres://user:password@host:port/database`. The store makes the pool (a connection
         * and each query fail after `commandTimeout`), listens for its idle-client errors, and ends
         * it in `close()`.
         */
        readonly url: string;
        readonly pool?: undefined;
        /** More node-postgres pool options for the pool the store makes (`max`, `ssl`...). */
        readonly poolOptions?: Omit<pg.PoolConfig, 'connectionString'> | undefined;
      }
  );

/**
 * The options both forms share.
 *
 * @example
 * ```ts
 * const common: PostgresStoreCommon = { table: 'sessions', createTable: false };
 * ```
 */
export interface PostgresStoreCommon {
  /** The table name (`[A-Za-z_][A-Za-z0-9_]*`, at most 55). @default 'shortbread_sessions' */
  readonly table?: string | undefined;
  /**
   * Create the table and its index on first use (`CREATE TABLE IF NOT EXISTS`). Set `false` when
   * the application role may not create tables, and run {@link PostgresSessionStore.schema}'s SQL
   * in a migration instead. @default true
   */
  readonly createTable?: boolean | undefined;
  /**
   * Expired rows are deleted in the background, after a write, at most once per this many seconds
   * (`0`: after every write). They are never read either way. @default 60
   */
  readonly purgeInterval?: number | undefined;
  /** For a store made from `url`: milliseconds before a connection attempt or a query fails. @default 2000 */
  readonly commandTimeout?: number | undefined;
  /** The clock, in epoch milliseconds, when a call gives no `now`. @default Date.now */
  readonly now?: (() => number) | undefined;
}

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,54}$/;

/** SQLSTATE classes and node error codes that mean the server cannot be reached right now. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03']);
const BUSY_STATES = new Set(['40001', '40P01', '55P03', '53300', '53400']);
const UNAVAILABLE_MESSAGE =
  /connect|terminat|not queryable|calling end|ended|closed|ECONNRESET|EPIPE|shutting down|starting up/i;

interface DataRow {
  readonly data: string;
}

interface LockedRow extends DataRow {
  /** bigint: node-postgres gives it as text. */
  readonly expires: string;
}

/** One `update` waiting for its session's transaction. */
interface Pending {
  readonly changes: SessionChanges;
  readonly ttl: number;
  readonly now: number;
  readonly upsert: boolean;
  resolve(data: SessionData | undefined): void;
  reject(error: unknown): void;
}

/** Copies a record (each caller gets its own). */
const NO_CHANGES: SessionChanges = { clear: false, set: new Map(), delete: new Set() };

/** SQLSTATEs of a CREATE TABLE IF NOT EXISTS that raced another one (see #createSchema). */
const RACED_CREATE: ReadonlySet<unknown> = new Set(['23505', '42P07', '42710']);

/**
 * Keeps sessions in PostgreSQL: one row per session (`id`, `data` as tagged JSON text, `expires` in
 * epoch milliseconds by the store's clock), shared by every server that reaches the database,
 * durable once PostgreSQL has acknowledged the write.
 *
 * Concurrent requests of one session do not lose writes: `update` runs one transaction that locks
 * the row (`SELECT ... FOR UPDATE`), applies the request's per-key changes to the data as it is
 * then, and writes it back; a second request waits for the lock and merges into the result. Expired
 * rows are never returned, and are deleted in the background at most once a minute
 * (`purgeInterval`), or when you call `purge()`.
 *
 * The table is created on first use unless `createTable: false` (then create it from
 * `PostgresSessionStore.schema(table)`). Every failure rejects with `SessionStoreError` (the `pg`
 * error as `cause`) and leaves the row as it was; the pool reconnects by itself when PostgreSQL is
 * back.
 *
 * @example
 * ```ts
 * import { Sessions } from 'shortbread/session';
 * import { PostgresSessionStore } from 'shortbread/session/postgres';
 *
 * const store = new PostgresSessionStore({ url: process.env.DATABASE_URL ?? 'postgres://127.0.0.1/app' });
 * const sessions = new Sessions({ secret: process.env.SECRET_KEY!, store });
 * ```
 */
export class PostgresSessionStore implements SessionStore {
  readonly kind = 'postgres';
  /** The node-postgres pool (made by the store from `url`, or yours). */
  readonly pool: pg.Pool;
  /** The table name. */
  readonly table: string;
  readonly #owned: boolean;
  readonly #createTable: boolean;
  readonly #clock: () => number;
  readonly #purgeEvery: number;
  #lastPurge = Number.NEGATIVE_INFINITY;
  #purging: Promise<void> | undefined;
  #ready: Promise<void> | undefined;
  /** Per session id: the updates waiting for the transaction in flight. */
  readonly #queues = new Map<string, Pending[]>();
  readonly #sql: {
    readonly select: string;
    readonly lock: string;
    readonly lockAny: string;
    readonly reserve: string;
    readonly upsert: string;
    readonly write: string;
    readonly delete: string;
    readonly touch: string;
    readonly purge: string;
  };

  /**
   * The SQL that creates the store's table and index (what `createTable` runs), for a migration.
   *
   * @example
   * ```ts
   * PostgresSessionStore.schema('sessions');
   * // 'CREATE TABLE IF NOT EXISTS sessions (id text PRIMARY KEY, data text NOT NULL, expires bigint NOT NULL);\n...'
   * ```
   */
  static schema(table = 'shortbread_sessions'): string {
    checkTable(table);
    return `CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, data text NOT NULL, expires bigint NOT NULL);
CREATE INDEX IF NOT EXISTS ${table}_expires ON ${table} (expires);`;
  }

  /**
   * Makes (or adopts) the pool; connects on first use. Throws `TypeError` for bad options.
   *
   * @example
   * ```ts
   * const store = new PostgresSessionStore({ url: 'postgres://app@127.0.0.1:5432/app' });
   * ```
   */
  constructor(options: PostgresSessionStoreOptions) {
    const table = options.table ?? 'shortbread_sessions';
    checkTable(table);
    this.table = table;
    const purgeInterval = options.purgeInterval ?? 60;
    if (!Number.isFinite(purgeInterval) || purgeInterval < 0) {
      throw new TypeError(
        `purgeInterval is invalid: ${JSON.stringify(purgeInterval)} (seconds, 0 or more)`,
      );
    }
    this.#purgeEvery = purgeInterval * 1000;
    this.#clock = options.now ?? Date.now;
    this.#createTable = options.createTable ?? true;
    this.#sql = {
      select: `SELECT data FROM ${table} WHERE id = $1 AND expires > $2`,
      lock: `SELECT data, expires FROM ${table} WHERE id = $1 AND expires > $2 FOR UPDATE`,
      lockAny: `SELECT data, expires FROM ${table} WHERE id = $1 FOR UPDATE`,
      // An upsert first makes sure there is a row to lock (expired, so never read): two upserts of
      // a new id then queue on its lock instead of racing to insert it.
      reserve: `INSERT INTO ${table} (id, data, expires) VALUES ($1, '{}', 0) ON CONFLICT (id) DO NOTHING`,
      upsert: `INSERT INTO ${table} (id, data, expires) VALUES ($1, $2, $3)
        ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires = excluded.expires`,
      write: `UPDATE ${table} SET data = $2, expires = $3 WHERE id = $1`,
      delete: `DELETE FROM ${table} WHERE id = $1`,
      touch: `UPDATE ${table} SET expires = $1 WHERE id = $2 AND expires > $3`,
      purge: `DELETE FROM ${table} WHERE expires <= $1`,
    };
    if (options.pool !== undefined) {
      this.pool = options.pool;
      this.#owned = false;
      return;
    }
    if (typeof options.url !== 'string' || !/^postgres(ql)?:\/\//.test(options.url)) {
      throw new TypeError(
        `postgres url is invalid: ${JSON.stringify(options.url)} (postgres://user:password@host:port/database)`,
      );
    }
    const timeout = options.commandTimeout ?? 2000;
    const pool = new pg.Pool({
      // Fail fast while PostgreSQL is down instead of waiting without end: the handler decides.
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
      ...options.poolOptions,
      connectionString: options.url,
    });
    // An idle client whose server went away emits 'error' on the pool; the next call reports it.
    pool.on('error', () => undefined);
    this.pool = pool;
    this.#owned = true;
  }

  #now(options: StoreCallOptions | undefined): number {
    return options?.now ?? this.#clock();
  }

  #error(operation: SessionStoreOperation, id: string, cause: unknown): SessionStoreError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const state = String((cause as { code?: unknown } | null)?.code ?? '');
    let code: SessionStoreErrorCode = 'ERR_SESSION_STORE_FAILED';
    let fix = 'PostgreSQL refused the statement; see cause';
    if (/timeout|timed out/i.test(reason) || state === '57014' || state === 'ETIMEDOUT') {
      code = 'ERR_SESSION_STORE_TIMEOUT';
      fix = 'PostgreSQL did not answer in time; retry, check its load and the network';
    } else if (BUSY_STATES.has(state)) {
      code = 'ERR_SESSION_STORE_BUSY';
      fix = 'PostgreSQL is contended (lock, serialization or resources); retry';
    } else if (
      state.startsWith('08') ||
      state.startsWith('E') ||
      UNAVAILABLE_STATES.has(state) ||
      UNAVAILABLE_MESSAGE.test(reason)
    ) {
      code = 'ERR_SESSION_STORE_UNAVAILABLE';
      fix = 'check that PostgreSQL is running and reachable; the pool reconnects by itself';
    }
    const where = id === '' ? '' : ` of ${shortId(id)}`;
    return new SessionStoreError(
      code,
      this.kind,
      operation,
      `session store is ${code === 'ERR_SESSION_STORE_FAILED' ? 'failing' : code === 'ERR_SESSION_STORE_BUSY' ? 'busy' : 'unavailable'}: postgres ${operation}${where} failed with ${JSON.stringify(reason)} (${fix}; nothing was changed)`,
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
        `session record is unreadable: postgres row ${shortId(id)} of ${this.table} holds no session data (destroy the session; check what else writes to the table)`,
        { cause },
      );
    }
  }

  /** Creates the table once (unless told not to); a failure is retried by the next call. */
  #prepare(): Promise<void> {
    if (!this.#createTable) return Promise.resolve();
    this.#ready ??= this.#createSchema().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #createSchema(): Promise<void> {
    const schema = PostgresSessionStore.schema(this.table);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.pool.query(schema);
        return;
      } catch (error) {
        // Processes creating the table at once: one loses on the catalog's unique index (23505),
        // finds the relation just made (42P07) or its row type (42710, duplicate_object: seen in
        // CI). The winner has committed: run it again.
        const state = (error as { code?: unknown }).code;
        if (attempt >= 4 || !RACED_CREATE.has(state)) throw error;
      }
    }
  }

  /** Runs `step` once the table exists, turning every backend failure into `SessionStoreError`. */
  async #run<T>(operation: SessionStoreOperation, id: string, step: () => Promise<T>): Promise<T> {
    try {
      await this.#prepare();
      return await step();
    } catch (error) {
      if (
        error instanceof SessionStoreError ||
        error instanceof TypeError ||
        error instanceof RangeError
      )
        throw error;
      throw this.#error(operation, id, error);
    }
  }

  /** Deletes expired rows in the background, at most once per `purgeInterval`. */
  #maybePurge(now: number): void {
    if (now - this.#lastPurge < this.#purgeEvery || this.#purging !== undefined) return;
    this.#lastPurge = now;
    this.#purging = this.pool.query(this.#sql.purge, [now]).then(
      () => {
        this.#purging = undefined;
      },
      () => {
        // Try again on the next write: expired rows are not read meanwhile.
        this.#purging = undefined;
        this.#lastPurge = Number.NEGATIVE_INFINITY;
      },
    );
  }

  /**
   * @example
   * ```ts
   * await store.get(id); // { user_id: 42 } or undefined
   * ```
   */
  async get(id: string, options?: StoreCallOptions): Promise<SessionData | undefined> {
    const now = this.#now(options);
    return this.#run('get', id, async () => {
      const { rows } = await this.pool.query<DataRow>(this.#sql.select, [id, now]);
      const row = rows[0];
      return row === undefined ? undefined : this.#decode(id, row.data, 'get');
    });
  }

  /**
   * Replaces the row in one `INSERT ... ON CONFLICT` statement.
   *
   * @example
   * ```ts
   * await store.set(id, { user_id: 42 }, { ttl: 3600 });
   * ```
   */
  async set(id: string, data: SessionData, options: StoreWriteOptions): Promise<void> {
    const now = this.#now(options);
    const ttl = checkTtl(options.ttl);
    const text = encodeData(data);
    await this.#run('set', id, async () => {
      if (Object.keys(data).length === 0) await this.pool.query(this.#sql.delete, [id]);
      else await this.pool.query(this.#sql.upsert, [id, text, now + ttl * 1000]);
    });
    this.#maybePurge(now);
  }

  /**
   * Applies the changes in one transaction holding the row's lock from the read to the write.
   * Updates of one session that arrive while its transaction runs wait in this process and are
   * applied together, in order, by the next one: 200 concurrent requests of a session take a few
   * transactions, not 200 turns at the row lock.
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
    // A value that cannot be stored fails the call before anything is sent.
    for (const value of changes.set.values()) encodeValue(value);
    const merged = await new Promise<SessionData | undefined>((resolve, reject) => {
      const item: Pending = { changes, ttl, now, upsert: options.upsert === true, resolve, reject };
      const queue = this.#queues.get(id);
      if (queue !== undefined) {
        queue.push(item);
        return;
      }
      const fresh = [item];
      this.#queues.set(id, fresh);
      void this.#drain(id, fresh);
    });
    this.#maybePurge(now);
    return merged;
  }

  /** Runs the waiting updates of one session, a batch per transaction, until none is left. */
  async #drain(id: string, queue: Pending[]): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0);
      try {
        const results = await this.#run('update', id, () => this.#transaction(id, batch));
        for (const [i, item] of batch.entries()) item.resolve(results[i]);
      } catch (error) {
        // The transaction rolled back: none of the batch was written, and each caller is told.
        for (const item of batch) item.reject(error);
      }
    }
    this.#queues.delete(id);
  }

  async #transaction(id: string, batch: readonly Pending[]): Promise<(SessionData | undefined)[]> {
    const last = batch[batch.length - 1] as Pending;
    const client = await this.pool.connect();
    // A connection lost while checked out is emitted on the client (the pool listens only to idle
    // ones); the pending query rejects with it, so the listener only keeps it from the process.
    const onError = () => undefined;
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const now = batch[0]?.now ?? last.now;
      const upsert = batch.some((item) => item.upsert);
      if (upsert) await client.query(this.#sql.reserve, [id]);
      const { rows } = upsert
        ? await client.query<LockedRow>(this.#sql.lockAny, [id])
        : await client.query<LockedRow>(this.#sql.lock, [id, now]);
      const row = rows[0];
      let data =
        row === undefined || Number(row.expires) <= now
          ? undefined
          : this.#decode(id, row.data, 'update');
      // Each update applies to the result of the one before, as if they had run one by one; one
      // that empties the session removes it, and the ones after it find no record.
      const results = batch.map((item) => {
        if (data === undefined && !item.upsert) return undefined;
        const merged = applyChanges(data, item.changes);
        data = Object.keys(merged).length === 0 ? undefined : merged;
        return data === undefined ? merged : applyChanges(merged, NO_CHANGES);
      });
      if (row !== undefined) {
        if (data === undefined) await client.query(this.#sql.delete, [id]);
        else
          await client.query(this.#sql.write, [id, encodeData(data), last.now + last.ttl * 1000]);
      }
      await client.query('COMMIT');
      client.off('error', onError);
      client.release();
      return results;
    } catch (error) {
      // Destroy the connection rather than reuse it mid-transaction: the server rolls back.
      client.off('error', onError);
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  /**
   * @example
   * ```ts
   * await store.destroy(id);
   * ```
   */
  async destroy(id: string, _options?: StoreCallOptions): Promise<void> {
    await this.#run('destroy', id, () => this.pool.query(this.#sql.delete, [id]));
  }

  /**
   * Pushes the expiry of a live row only (a logged-out session stays gone).
   *
   * @example
   * ```ts
   * await store.touch(id, { ttl: 3600 }); // true
   * ```
   */
  async touch(id: string, options: StoreWriteOptions): Promise<boolean> {
    const now = this.#now(options);
    const ttl = checkTtl(options.ttl);
    return this.#run('touch', id, async () => {
      const result = await this.pool.query(this.#sql.touch, [now + ttl * 1000, id, now]);
      return (result.rowCount ?? 0) > 0;
    });
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
    return this.#run('purge', '', async () => {
      this.#lastPurge = now;
      const result = await this.pool.query(this.#sql.purge, [now]);
      return result.rowCount ?? 0;
    });
  }

  /**
   * Waits for a background purge, then ends the pool if the store made it (a pool you passed stays
   * open).
   *
   * @example
   * ```ts
   * await store.close();
   * ```
   */
  async close(): Promise<void> {
    await this.#purging;
    if (this.#owned && !this.pool.ended) await this.pool.end();
  }
}

function checkTable(table: string): void {
  if (typeof table !== 'string' || !TABLE_NAME.test(table)) {
    throw new TypeError(
      `table name is invalid: ${JSON.stringify(table)} (letters, digits and _, not starting with a digit, at most 55)`,
    );
  }
}
