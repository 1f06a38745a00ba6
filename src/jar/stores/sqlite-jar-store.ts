/**
 * @module A {@link JarStore} in SQLite through better-sqlite3 (an optional peer dependency), in WAL
 * mode with full synchronous commits: every write is one committed transaction, so a crash loses
 * nothing that `setCookie` already returned, and cookies survive a restart.
 */
import Database from 'better-sqlite3';
import type { Priority } from '../../codec/types.js';
import type { CookieIdentity, JarCookie, JarSameSite } from '../types.js';
import type { JarStore } from './jar-store.js';

interface Row {
  name: string;
  value: string;
  domain: string;
  path: string;
  host_only: number;
  secure: number;
  http_only: number;
  same_site: string;
  expires: number | null;
  creation: number;
  last_access: number;
  partition_key: string;
  priority: string;
}

function toCookie(row: Row): JarCookie {
  return {
    name: row.name,
    value: row.value,
    domain: row.domain,
    path: row.path,
    hostOnly: row.host_only === 1,
    secure: row.secure === 1,
    httpOnly: row.http_only === 1,
    sameSite: row.same_site as JarSameSite,
    expires: row.expires === null ? undefined : new Date(row.expires),
    creation: new Date(row.creation),
    lastAccess: new Date(row.last_access),
    partitionKey: row.partition_key === '' ? undefined : row.partition_key,
    priority: row.priority as Priority,
  };
}

function identityParams(id: CookieIdentity): unknown[] {
  return [id.name, id.domain, id.hostOnly ? 1 : 0, id.path, id.partitionKey ?? ''];
}

/**
 * Options of {@link SqliteJarStore}.
 *
 * @example
 * ```ts
 * new SqliteJarStore('cookies.db', { table: 'jar' });
 * ```
 */
export interface SqliteJarStoreOptions {
  /** Table name (letters, digits, `_`). @default 'cookies' */
  table?: string | undefined;
}

/**
 * Cookies in a SQLite file (or an open better-sqlite3 database), one row per cookie.
 *
 * @example
 * ```ts
 * import { CookieJar } from 'shortbread/jar';
 * import { SqliteJarStore } from 'shortbread/jar/sqlite';
 * const store = new SqliteJarStore('cookies.db');
 * const jar = new CookieJar({ store });
 * // ... later
 * store.close();
 * ```
 */
export class SqliteJarStore implements JarStore {
  /** The underlying database. */
  readonly db: Database.Database;
  readonly #owned: boolean;
  readonly #find: Database.Statement;
  readonly #findNamed: Database.Statement;
  readonly #countKey: Database.Statement;
  readonly #put: Database.Statement;
  readonly #remove: Database.Statement;
  readonly #touch: Database.Statement;
  readonly #keys: Database.Statement;
  readonly #all: Database.Statement;
  readonly #count: Database.Statement;
  readonly #clear: Database.Statement;
  readonly #touchMany: (ids: readonly CookieIdentity[], at: number) => void;

  constructor(database: string | Database.Database, options?: SqliteJarStoreOptions) {
    const table = options?.table ?? 'cookies';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(table)) {
      throw new TypeError(
        `SqliteJarStore table is invalid: ${JSON.stringify(table)} (letters, digits and "_"; rename it)`,
      );
    }
    this.#owned = typeof database === 'string';
    this.db = typeof database === 'string' ? new Database(database) : database;
    // WAL lets readers run beside the writer; FULL makes every commit durable before it returns.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
      key TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, domain TEXT NOT NULL,
      path TEXT NOT NULL, host_only INTEGER NOT NULL, secure INTEGER NOT NULL,
      http_only INTEGER NOT NULL, same_site TEXT NOT NULL, expires INTEGER,
      creation INTEGER NOT NULL, last_access INTEGER NOT NULL, partition_key TEXT NOT NULL,
      priority TEXT NOT NULL,
      PRIMARY KEY (name, domain, host_only, path, partition_key)
    );
    CREATE INDEX IF NOT EXISTS ${table}_key ON ${table} (key);`);
    const where = 'name = ? AND domain = ? AND host_only = ? AND path = ? AND partition_key = ?';
    this.#find = this.db.prepare(`SELECT * FROM ${table} WHERE key = ? ORDER BY rowid`);
    this.#findNamed = this.db.prepare(
      `SELECT * FROM ${table} WHERE key = ? AND name = ? ORDER BY rowid`,
    );
    this.#countKey = this.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE key = ?`).pluck();
    this.#put = this.db.prepare(
      `INSERT OR REPLACE INTO ${table} (key, name, value, domain, path, host_only, secure, http_only,
       same_site, expires, creation, last_access, partition_key, priority)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#remove = this.db.prepare(`DELETE FROM ${table} WHERE ${where}`);
    this.#touch = this.db.prepare(`UPDATE ${table} SET last_access = ? WHERE ${where}`);
    this.#keys = this.db.prepare(`SELECT DISTINCT key FROM ${table}`).pluck();
    this.#all = this.db.prepare(`SELECT * FROM ${table} ORDER BY key, rowid`);
    this.#count = this.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck();
    this.#clear = this.db.prepare(`DELETE FROM ${table}`);
    this.#touchMany = this.db.transaction((ids: readonly CookieIdentity[], at: number) => {
      for (const id of ids) this.#touch.run(at, ...identityParams(id));
    });
  }

  findByKey(key: string, name?: string): JarCookie[] {
    const rows = name === undefined ? this.#find.all(key) : this.#findNamed.all(key, name);
    return (rows as Row[]).map(toCookie);
  }

  countByKey(key: string): number {
    return this.#countKey.get(key) as number;
  }

  put(key: string, c: JarCookie): void {
    this.#put.run(
      key,
      c.name,
      c.value,
      c.domain,
      c.path,
      c.hostOnly ? 1 : 0,
      c.secure ? 1 : 0,
      c.httpOnly ? 1 : 0,
      c.sameSite,
      c.expires === undefined ? null : c.expires.getTime(),
      c.creation.getTime(),
      c.lastAccess.getTime(),
      c.partitionKey ?? '',
      c.priority,
    );
  }

  remove(_key: string, identity: CookieIdentity): boolean {
    return this.#remove.run(...identityParams(identity)).changes > 0;
  }

  touch(_key: string, cookies: readonly CookieIdentity[], lastAccess: Date): void {
    this.#touchMany(cookies, lastAccess.getTime());
  }

  keys(): string[] {
    return this.#keys.all() as string[];
  }

  all(): JarCookie[] {
    return (this.#all.all() as Row[]).map(toCookie);
  }

  get size(): number {
    return this.#count.get() as number;
  }

  clear(): void {
    this.#clear.run();
  }

  /**
   * Closes the database when this store opened it (from a file name).
   *
   * @example
   * ```ts
   * store.close();
   * ```
   */
  close(): void {
    if (this.#owned) this.db.close();
  }
}
