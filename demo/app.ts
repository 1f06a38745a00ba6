/**
 * @module The Flask cookie tutorial as a Fetch handler: `/cookies` sets three cookies and shows the
 * ones the request carried. Runs on any Fetch server; `demo/server.ts` serves it on Node.
 */
import { makeResponse, RequestCookies } from '../src/index.js';

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
export async function app(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname !== '/' && url.pathname !== '/cookies') {
    return makeResponse(page('Not Found', `<p>Nothing at ${escapeHtml(url.pathname)}.</p>`), 404);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return makeResponse(page('Method Not Allowed', '<p>Use GET.</p>'), {
      status: 405,
      headers: { allow: 'GET, HEAD' },
    });
  }
  if (url.pathname === '/') return index();

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

function index(): Response {
  return makeResponse(
    page(
      'shortbread',
      [
        '<p>The Flask cookie tutorial on a standard <code>Request</code> and <code>Response</code>.</p>',
        '<ul>',
        '<li><a href="/cookies">/cookies</a>: sets three cookies, shows the ones you sent</li>',
        '<li><a href="/cookies?format=json">/cookies?format=json</a>: the same as JSON</li>',
        '</ul>',
      ].join('\n'),
    ),
  );
}

function cookiesPage(cookies: RequestCookies): string {
  const lines: string[] = [];
  if (cookies.size === 0) {
    lines.push('<p>This request carried no cookies. Reload the page to see the ones just set.</p>');
  } else {
    const plural = cookies.size === 1 ? '' : 's';
    lines.push(`<p>This request carried ${cookies.size} cookie${plural}:</p>`, '<table>');
    lines.push('<tr><th>name</th><th>value</th></tr>');
    for (const [name, value] of cookies) {
      const cells = [name, value].map((text) => `<td><code>${escapeHtml(text)}</code></td>`);
      lines.push(`<tr>${cells.join('')}</tr>`);
    }
    lines.push('</table>');
  }
  // Flask: request.cookies.get("flavor")
  const flavor = cookies.get('flavor');
  if (flavor !== undefined) {
    lines.push(`<p>Your flavor: <strong>${escapeHtml(flavor)}</strong>.</p>`);
  }
  const set = SET.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ');
  lines.push(
    `<p>This response sets ${set} (<code>flavor</code> for 30 seconds, on this path only).</p>`,
    '<p><a href="/cookies?format=json">as JSON</a> · <a href="/">home</a></p>',
  );
  return page('Cookies', lines.join('\n'));
}

function page(title: string, body: string): string {
  const heading = escapeHtml(title);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<meta charset="utf-8">',
    `<title>${heading}</title>`,
    `<h1>${heading}</h1>`,
    body,
    '</html>',
    '',
  ].join('\n');
}

/** Text to HTML: the five characters that can end an element or an attribute. */
function escapeHtml(text: string): string {
  let out = '';
  for (const char of text) {
    switch (char) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case "'":
        out += '&#39;';
        break;
      default:
        out += char;
    }
  }
  return out;
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
