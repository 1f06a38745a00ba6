/**
 * @module The Flask cookie tutorial as a Fetch handler: `/cookies` sets three cookies and shows the
 * ones the request carried; `/` is a cookie lab (what the server received, what JavaScript sees, the
 * last `Set-Cookie` lines), `/session` a session counter, `/account` a user's sessions on every
 * device, `/attributes` Flask's `set_cookie` parameters with live examples. Runs on any Fetch server; `demo/server.ts` serves it on Node.
 */
import { makeResponse, RequestCookies } from '../src/index.js';
import { accountRoute } from './account-route.js';
import { api } from './api.js';
import { script } from './assets.js';
import { attributesPage } from './attributes-page.js';
import { labPage } from './lab-page.js';
import { escapeHtml, methodNotAllowed, page } from './layout.js';
import { sessionRoute } from './session-route.js';
import { demoSessions, type SessionDemoOptions } from './session-store.js';

/** The cookies `/cookies` sets, in the order the tutorial sets them. */
const SET = ['flavor', 'chocolate type', 'chewy'] as const;

/**
 * The tutorial app. In Flask:
 *
 * ```python
 * @app.route("/cookies")
 * def cookies():
 *     resp = make_response(...)
 *     resp.set_cookie("flavor", "chocolate chip", max_age=30, path=request.path)
 *     resp.set_cookie("chocolate type", "dark")
 *     resp.set_cookie("chewy", "yes")
 *     return resp
 * ```
 *
 * `GET /cookies` answers with the cookies the request carried: as JSON when the client asks for it
 * (`Accept: application/json` or `?format=json`), as a small HTML page otherwise. `GET /` is an index
 * page; anything else is 404 (405 for a method other than GET and HEAD).
 *
 * @example
 * ```ts
 * import { app } from './demo/app.js';
 * const response = await app(new Request('http://localhost/cookies?format=json'));
 * response.headers.getSetCookie().length; // 3
 * ```
 */
export const app: (request: Request) => Promise<Response> = createApp();

/**
 * The demo app with its session store chosen: server-side in SQLite by default, or the whole session
 * in a Flask-compatible signed cookie (`{ sessionStore: 'cookie' }`, or `SESSION_STORE=cookie`).
 * Nothing is opened until `/session` or `/account` is first asked for.
 *
 * @example
 * ```ts
 * const handler = createApp({ sessionStore: 'cookie', secret: 'dev' });
 * ```
 */
export function createApp(
  options: SessionDemoOptions = {},
): (request: Request) => Promise<Response> {
  // One store for both session pages: logging in on /account and counting on /session share it.
  const store = demoSessions(options);
  const session = sessionRoute(store);
  const account = accountRoute(store);
  return async (request) => {
    const url = new URL(request.url);
    const asset = await script(url.pathname);
    if (asset !== undefined) return asset;
    if (url.pathname.startsWith('/api/')) return api(request, url);
    if (url.pathname === '/session') return session(request);
    if (url.pathname === '/account') return account(request);
    const known = ['/', '/cookies', '/attributes'];
    if (!known.includes(url.pathname)) {
      return makeResponse(page('Not Found', `<p>Nothing at ${escapeHtml(url.pathname)}.</p>`), 404);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return methodNotAllowed(['GET']);
    }
    if (url.pathname === '/') return noStore(makeResponse(labPage(new RequestCookies(request))));
    if (url.pathname === '/attributes') return noStore(makeResponse(attributesPage()));
    return tutorial(request, url);
  };
}

/** Pages that show cookies must never come from a cache. */
function noStore(response: Response): Response {
  response.headers.set('cache-control', 'no-store');
  return response;
}

/** `GET /cookies`: Flask's tutorial route. */
function tutorial(request: Request, url: URL): Response {
  // Flask: request.cookies
  const cookies = new RequestCookies(request);
  const json = wantsJson(request, url);
  const response = json
    ? makeResponse({ cookies: cookies.toObject() })
    : makeResponse(cookiesPage(cookies));
  // Flask: resp.set_cookie("flavor", "chocolate chip", max_age=30, path=request.path)
  response.setCookie('flavor', 'chocolate chip', { maxAge: 30, path: url.pathname });
  response.setCookie('chocolate type', 'dark');
  response.setCookie('chewy', 'yes');
  // The body depends on Accept and on the cookies; a response that sets cookies is not for caches.
  response.headers.set('vary', 'Accept, Cookie');
  response.headers.set('cache-control', 'no-store');
  return response;
}

function cookiesPage(cookies: RequestCookies): string {
  const lines: string[] = [];
  if (cookies.size === 0) {
    lines.push('<p>This request carried no cookies. Reload the page to see the ones just set.</p>');
  } else {
    const plural = cookies.size === 1 ? '' : 's';
    lines.push(
      `<div class="card"><p>This request carried ${cookies.size} cookie${plural}:</p>`,
      '<table>',
    );
    lines.push('<tr><th>name</th><th>value</th></tr>');
    for (const [name, value] of cookies) {
      const cells = [name, value].map((text) => `<td><code>${escapeHtml(text)}</code></td>`);
      lines.push(`<tr>${cells.join('')}</tr>`);
    }
    lines.push('</table></div>');
  }
  // Flask: request.cookies.get("flavor")
  const flavor = cookies.get('flavor');
  if (flavor !== undefined) {
    lines.push(`<p>Your flavor: <strong>${escapeHtml(flavor)}</strong>.</p>`);
  }
  const set = SET.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ');
  lines.push(
    `<p>This response sets ${set} (<code>flavor</code> for 30 seconds, on this path only).</p>`,
    '<p><a href="/cookies?format=json">as JSON</a> · <a href="/">the cookie lab</a> (watch <code>flavor</code> count down)</p>',
  );
  return page('Cookies', lines.join('\n'), {
    path: '/cookies',
    lead: 'Flask’s tutorial route: <code>resp.set_cookie("flavor", "chocolate chip", max_age=30, path=request.path)</code> and two more.',
  });
}

/**
 * `?format=json` or `?format=html` decides; otherwise JSON when `Accept` ranks `application/json`
 * above `text/html` (by q, then by order), as a browser never does and `curl -H 'Accept:
 * application/json'` or `fetch` with that header does.
 */
function wantsJson(request: Request, url: URL): boolean {
  const format = url.searchParams.get('format');
  if (format === 'json') return true;
  if (format === 'html') return false;
  let json: { q: number; at: number } | undefined;
  let html: { q: number; at: number } | undefined;
  const ranges = (request.headers.get('accept') ?? '').split(',');
  ranges.forEach((range, at) => {
    const [type = '', ...params] = range.split(';');
    const media = type.trim().toLowerCase();
    if (media !== 'application/json' && media !== 'text/html') return;
    let q = 1;
    for (const param of params) {
      const [key = '', value = ''] = param.split('=');
      if (key.trim().toLowerCase() === 'q') q = Number.parseFloat(value) || 0;
    }
    if (media === 'application/json') json ??= { q, at };
    else html ??= { q, at };
  });
  if (json === undefined || json.q <= 0) return false;
  if (html === undefined) return true;
  return json.q > html.q || (json.q === html.q && json.at < html.at);
}
