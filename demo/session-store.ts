/**
 * @module Where the demo keeps sessions, shared by `/session` and `/account`: SQLite by default (the
 * cookie holds a signed id), or Flask's signed cookie (`SESSION_STORE=cookie`), this process's memory,
 * Redis (`REDIS_URL`) or PostgreSQL (`DATABASE_URL`). Opened on the first request that needs it.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeResponse } from '../src/index.js';
import { MemorySessionStore, type SessionStoreError, Sessions } from '../src/session.js';
import { SqliteSessionStore } from '../src/session-sqlite.js';

/**
 * How the demo keeps sessions.
 *
 * @example
 * ```ts
 * const options: SessionDemoOptions = { sessionStore: 'cookie', secret: 'dev' };
 * ```
 */
export interface SessionDemoOptions {
  /** `'sqlite'` (default), `'cookie'`, `'memory'`, `'redis'` or `'postgres'`; defaults to `$SESSION_STORE`. */
  sessionStore?: SessionStoreKind | undefined;
  /** Flask's `SECRET_KEY`; defaults to `$SECRET_KEY`, else a random key for this process. */
  secret?: string | undefined;
  /** The SQLite file; defaults to `$SESSION_DB`, else `shortbread-demo-sessions.db` in the temp dir. */
  filename?: string | undefined;
  /** For `'redis'`: the server; defaults to `$REDIS_URL`, else `redis://127.0.0.1:6379/0`. */
  redisUrl?: string | undefined;
  /** For `'postgres'`: the database; defaults to `$DATABASE_URL`, else `postgres://127.0.0.1:5432/postgres`. */
  databaseUrl?: string | undefined;
}

/**
 * Where the demo keeps sessions.
 *
 * @example
 * ```ts
 * const kind: SessionStoreKind = 'redis';
 * ```
 */
export type SessionStoreKind = 'sqlite' | 'cookie' | 'memory' | 'redis' | 'postgres';

const KINDS: readonly SessionStoreKind[] = ['sqlite', 'cookie', 'memory', 'redis', 'postgres'];

/**
 * The demo's one `Sessions`, opened lazily: both session pages share it, so a login on `/account`
 * and the counter on `/session` are the same session.
 *
 * @example
 * ```ts
 * const store = demoSessions({ sessionStore: 'memory' });
 * const sessions = await store.open();
 * ```
 */
export interface DemoSessions {
  readonly kind: SessionStoreKind;
  /** The `Sessions`; a store that failed to open (a bad `SESSION_DB` path) is tried again next time. */
  open(): Promise<Sessions>;
}

/**
 * The demo's session store from `options`, else from the environment.
 *
 * @example
 * ```ts
 * demoSessions({ sessionStore: 'cookie', secret: 'dev' }).kind; // 'cookie'
 * ```
 */
export function demoSessions(options: SessionDemoOptions = {}): DemoSessions {
  const env = typeof process === 'undefined' ? {} : process.env;
  const fromEnv = KINDS.find((kind) => kind === env.SESSION_STORE);
  const kind: SessionStoreKind = options.sessionStore ?? fromEnv ?? 'sqlite';
  let opening: Promise<Sessions> | undefined;
  return {
    kind,
    open() {
      opening ??= make(kind, options, env).catch((error: unknown) => {
        opening = undefined;
        throw error;
      });
      return opening;
    },
  };
}

async function make(
  kind: SessionStoreKind,
  options: SessionDemoOptions,
  env: Record<string, string | undefined>,
): Promise<Sessions> {
  const secret = options.secret ?? env.SECRET_KEY ?? randomBytes(32).toString('hex');
  const cookie = { httpOnly: true, sameSite: 'lax' } as const;
  if (kind === 'cookie') return new Sessions({ secret, cookie });
  if (kind === 'memory') {
    return new Sessions({ secret, cookie, store: new MemorySessionStore({ maxSessions: 100000 }) });
  }
  if (kind === 'redis') {
    // Loaded only when asked for: ioredis is an optional peer dependency.
    const { RedisSessionStore } = await import('../src/session-redis.js');
    const url = options.redisUrl ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
    return new Sessions({ secret, cookie, store: new RedisSessionStore({ url }) });
  }
  if (kind === 'postgres') {
    // Loaded only when asked for: pg is an optional peer dependency.
    const { PostgresSessionStore } = await import('../src/session-postgres.js');
    const url = options.databaseUrl ?? env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres';
    return new Sessions({ secret, cookie, store: new PostgresSessionStore({ url }) });
  }
  const filename =
    options.filename ?? env.SESSION_DB ?? join(tmpdir(), 'shortbread-demo-sessions.db');
  return new Sessions({ secret, cookie, store: new SqliteSessionStore({ filename }) });
}

/**
 * The answer when the store is down or busy (Redis unreachable, SQLite locked): 503 with the error's
 * code and `Retry-After`, never a 500; the session is untouched.
 *
 * @example
 * ```ts
 * if (isSessionStoreError(error)) return storeUnavailable(error);
 * ```
 */
export function storeUnavailable(error: SessionStoreError): Response {
  return makeResponse(`session store unavailable (${error.code}); try again\n`, {
    status: 503,
    headers: { 'retry-after': '1', 'cache-control': 'no-store' },
  });
}
