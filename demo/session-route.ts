/**
 * @module `/session`: Flask's session counter. Server-side in SQLite by default (the cookie holds a
 * signed id); with `SESSION_STORE=cookie`, the whole session in a signed cookie a Flask app with the
 * same `SECRET_KEY` reads; `SESSION_STORE=memory` or `SESSION_STORE=redis` (with `REDIS_URL`) for
 * the load and fault scripts.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeResponse, RequestCookies } from '../src/index.js';
import { isSessionStoreError, MemorySessionStore, type Session, Sessions } from '../src/session.js';
import { SqliteSessionStore } from '../src/session-sqlite.js';
import { escapeHtml, page } from './layout.js';

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

const WHERE: Record<SessionStoreKind, string> = {
  cookie:
    'the whole session is in the signed <code>session</code> cookie, in Flask’s format (<code>SESSION_STORE=cookie</code>)',
  sqlite:
    'the data is in SQLite on the server; the <code>session</code> cookie holds only a signed id (set <code>SESSION_STORE=cookie</code> for Flask’s cookie session)',
  memory:
    'the data is in this process’s memory (<code>SESSION_STORE=memory</code>); the <code>session</code> cookie holds only a signed id',
  redis:
    'the data is in Redis (<code>SESSION_STORE=redis</code>, <code>REDIS_URL</code>); the <code>session</code> cookie holds only a signed id',
  postgres:
    'the data is in PostgreSQL (<code>SESSION_STORE=postgres</code>, <code>DATABASE_URL</code>); the <code>session</code> cookie holds only a signed id',
};

function render(session: Session, kind: SessionStoreKind, cookie: string | undefined): string {
  const count = Number(session.get('count') ?? 0);
  const where = WHERE[kind];
  const seen = cookie
    ? `<pre aria-label="session cookie">${escapeHtml(cookie)}</pre>`
    : '<p class="empty">None yet: this request carried no session cookie.</p>';
  return page(
    'Session counter',
    `<div class="grid">
<section class="card" aria-labelledby="count-h">
<h2 id="count-h">The count in this session</h2>
<p class="big" id="count" aria-live="polite">${count}</p>
<p>Each click on “Count again” is a request: the server adds one and saves the session. Reload, restart the server (SQLite keeps it), or open another browser to start over.</p>
<form method="post" action="/session" class="row">
<button type="submit" name="action" value="count" id="count-again">Count again</button>
<button type="submit" name="action" value="reset" class="secondary" id="reset">Reset (session.clear())</button>
</form>
</section>
<section class="card" aria-labelledby="cookie-h">
<h2 id="cookie-h">The session cookie <small>HttpOnly · SameSite=Lax</small></h2>
<p>Store: ${where}.</p>
<p>What the browser sent with this request:</p>
${seen}
<p><code>HttpOnly</code>: the <a href="/">cookie lab</a> shows it on the server’s side only.</p>
</section>
</div>`,
    {
      path: '/session',
      lead: 'Flask: <code>session["count"] = session.get("count", 0) + 1</code>. The same in shortbread: <code>session.set("count", Number(session.get("count") ?? 0) + 1)</code>.',
    },
  );
}

/**
 * The `/session` handler; the store is opened on the first request. `?format=json` answers
 * `{"count": n}` (a POST too, instead of redirecting): the load and fault scripts read it. When the
 * store fails (Redis down, SQLite locked), the answer is 503 `session store unavailable` with the
 * error's code, never a 500.
 *
 * @example
 * ```ts
 * const handler = sessionRoute({ sessionStore: 'cookie', secret: 'dev' });
 * ```
 */
export function sessionRoute(options: SessionDemoOptions): (request: Request) => Promise<Response> {
  const env = typeof process === 'undefined' ? {} : process.env;
  const fromEnv = KINDS.find((kind) => kind === env.SESSION_STORE);
  const kind: SessionStoreKind = options.sessionStore ?? fromEnv ?? 'sqlite';
  let sessions: Promise<Sessions> | undefined;
  const open = async (): Promise<Sessions> => {
    const secret = options.secret ?? env.SECRET_KEY ?? randomBytes(32).toString('hex');
    const cookie = { httpOnly: true, sameSite: 'lax' } as const;
    if (kind === 'cookie') return new Sessions({ secret, cookie });
    if (kind === 'memory') {
      return new Sessions({
        secret,
        cookie,
        store: new MemorySessionStore({ maxSessions: 100000 }),
      });
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
  };
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
      return makeResponse(page('Method Not Allowed', '<p>Use GET or POST.</p>'), {
        status: 405,
        headers: { allow: 'GET, HEAD, POST' },
      });
    }
    // A store that failed to open (a bad SESSION_DB path) is tried again on the next request.
    sessions ??= open().catch((error: unknown) => {
      sessions = undefined;
      throw error;
    });
    try {
      return await handle(request, await sessions, kind);
    } catch (error) {
      if (!isSessionStoreError(error)) throw error;
      // The store is down or busy: say so, and let the client retry; the session is untouched.
      return makeResponse(`session store unavailable (${error.code}); try again\n`, {
        status: 503,
        headers: { 'retry-after': '1', 'cache-control': 'no-store' },
      });
    }
  };
}

async function handle(
  request: Request,
  sessions: Sessions,
  kind: SessionStoreKind,
): Promise<Response> {
  const json = new URL(request.url).searchParams.get('format') === 'json';
  const session = await sessions.load(request);
  if (request.method === 'POST') {
    const form = await request.formData().catch(() => new FormData());
    if (form.get('action') === 'reset') session.clear();
    else session.set('count', Number(session.get('count') ?? 0) + 1);
    if (json) return sessions.commit(session, countJson(session));
    // Post/Redirect/Get: a reload does not count again.
    return sessions.commit(
      session,
      new Response(null, { status: 303, headers: { location: '/session' } }),
    );
  }
  if (json) return sessions.commit(session, countJson(session));
  const cookie = new RequestCookies(request).get(sessions.cookieName);
  const response = makeResponse(render(session, kind, cookie));
  response.headers.set('cache-control', 'no-store');
  return sessions.commit(session, response);
}

function countJson(session: Session): Response {
  const response = makeResponse({ count: Number(session.get('count') ?? 0) });
  response.headers.set('cache-control', 'no-store');
  return response;
}
