/**
 * @module `/attributes`: each parameter of Flask's `set_cookie`, what it does, and a button that sets
 * an example cookie with it so the result shows in this browser.
 */
import { page } from './layout.js';

/** Flask's `set_cookie` parameters, the shortbread option, what it means, and an example. */
const ATTRIBUTES: ReadonlyArray<{
  flask: string;
  option: string;
  text: string;
  example: Record<string, unknown>;
}> = [
  {
    flask: 'key',
    option: 'name',
    text: 'The cookie’s name. A cookie is identified by name, domain and path together: the same name on two paths is two cookies.',
    example: { name: 'flavor', value: 'chocolate chip' },
  },
  {
    flask: 'value',
    option: 'value',
    text: 'Text. shortbread percent-encodes what a cookie cannot hold (spaces, <code>;</code>, quotes, non-ASCII) and decodes it on the way back, on the server and in <code>shortbread/browser</code> alike.',
    example: { name: 'note', value: 'a; b = "c" é' },
  },
  {
    flask: 'max_age',
    option: 'maxAge',
    text: 'Seconds until the browser forgets the cookie. Wins over <code>expires</code>. 0 deletes it now.',
    example: { name: 'brief', value: 'five seconds', maxAge: 5 },
  },
  {
    flask: 'expires',
    option: 'expires',
    text: 'A date (or, in the browser API, a number of days). Without <code>max_age</code> or <code>expires</code> the cookie ends with the browser session.',
    example: { name: 'dated', value: 'one day', expires: 1 },
  },
  {
    flask: 'path',
    option: 'path',
    text: 'The cookie is sent only to URLs under this path. The example goes to <code>/cookies</code>, so this page neither sees nor sends it.',
    example: { name: 'scoped', value: 'only on /cookies', path: '/cookies' },
  },
  {
    flask: 'domain',
    option: 'domain',
    text: 'Without it the cookie is host-only; with it, subdomains get it too. It must match the host that sets it.',
    example: { name: 'wide', value: 'this host and below', domainFromPage: true },
  },
  {
    flask: 'secure',
    option: 'secure',
    text: 'Only sent over HTTPS (browsers treat localhost as secure, so it works here).',
    example: { name: 'locked', value: 'https only', secure: true },
  },
  {
    flask: 'httponly',
    option: 'httpOnly',
    text: 'Hidden from <code>document.cookie</code>: scripts cannot read it, the server still receives it. Use it for sessions.',
    example: { name: 'hidden', value: 'server eyes only', httpOnly: true },
  },
  {
    flask: 'samesite',
    option: 'sameSite',
    text: '<code>Strict</code>: never on cross-site requests; <code>Lax</code> (browsers’ default): on top-level navigations; <code>None</code>: always, and requires <code>secure</code>.',
    example: { name: 'strict', value: 'same site only', sameSite: 'strict' },
  },
  {
    flask: 'partitioned',
    option: 'partitioned',
    text: 'CHIPS: in a third-party context the cookie is kept per top-level site. Requires <code>secure</code>.',
    example: { name: 'chip', value: 'per top site', partitioned: true, secure: true },
  },
];

/**
 * The attributes page.
 *
 * @example
 * ```ts
 * attributesPage(); // '<!doctype html>…'
 * ```
 */
export function attributesPage(): string {
  const rows = ATTRIBUTES.map(
    ({ flask, option, text, example }) =>
      `<dt id="attr-${flask}"><code>${flask}</code><br><small>shortbread: <code>${option}</code></small></dt>
<dd><p>${text}</p><button type="button" class="small" data-example='${JSON.stringify(example).replaceAll("'", '&#39;')}' aria-describedby="attr-${flask}">Try ${flask}</button></dd>`,
  ).join('\n');
  return page(
    'Cookie attributes',
    `<div class="grid" style="grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr)">
<section class="card" aria-labelledby="table-h"><h2 id="table-h" class="sr-only">Flask’s set_cookie parameters</h2><dl class="attrs">${rows}</dl></section>
<section class="card" aria-labelledby="result-h">
<h2 id="result-h">Live result</h2>
<div id="example-result" aria-live="polite"><p class="empty">Press a “Try” button: the server sets the example cookie, then this panel shows the Set-Cookie line, whether <code>document.cookie</code> shows it, and whether the next request carries it.</p></div>
</section>
</div>`,
    {
      path: '/attributes',
      script: '/lab.js',
      lead: 'Flask: <code>resp.set_cookie(key, value="", max_age=None, expires=None, path="/", domain=None, secure=False, httponly=False, samesite=None, partitioned=False)</code>. shortbread: <code>response.setCookie(name, value, { maxAge, expires, path, domain, secure, httpOnly, sameSite, partitioned })</code>.',
    },
  );
}
