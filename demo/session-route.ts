/**
 * @module `/session`: Flask's session counter. Server-side in SQLite by default (the cookie holds a
 * signed id); with `SESSION_STORE=cookie`, the whole session in a signed cookie a Flask app with the
 * same `SECRET_KEY` reads; `SESSION_STORE=memory` or `SESSION_STORE=redis` (with `REDIS_URL`) for
 * the load and fault scripts.
 */
import { makeResponse, RequestCookies } from '../src/index.js';
import { isSessionStoreError, type Session, type Sessions } from '../src/session.js';
import { escapeHtml, methodNotAllowed, page } from './layout.js';
import { type DemoSessions, type SessionStoreKind, storeUnavailable } from './session-store.js';

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
 * const handler = sessionRoute(demoSessions({ sessionStore: 'cookie', secret: 'dev' }));
 * ```
 */
export function sessionRoute(store: DemoSessions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
      return methodNotAllowed(['GET', 'POST']);
    }
    try {
      return await handle(request, await store.open(), store.kind);
    } catch (error) {
      if (!isSessionStoreError(error)) throw error;
      return storeUnavailable(error);
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
