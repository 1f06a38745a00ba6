/** @module `setCookie`: Flask's `set_cookie` on a Node `ServerResponse`, appending to `Set-Cookie`. */
import type { ServerResponse } from 'node:http';
import { editCookies, type NodeCookieOptions, resolveSecure } from './node-response-cookies.js';

/**
 * Sets a cookie on a Node response (Flask's `set_cookie`: `maxAge` in seconds, Path `/` and
 * `Expires` next to `Max-Age` unless told otherwise). Adds a `Set-Cookie` line next to those already
 * set, by shortbread or by other code, instead of replacing the header; the same name, domain and
 * path set again replaces its earlier line. `secure: 'auto'` means "if this request came over HTTPS".
 * Throws `CookieError` for a cookie no browser would keep. Returns `res`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { setCookie } from 'shortbread/node';
 *
 * createServer((req, res) => {
 *   res.setHeader('set-cookie', 'theirs=1');
 *   setCookie(res, 'flavor', 'chocolate chip', { maxAge: 30, httpOnly: true, secure: 'auto' });
 *   res.end('two Set-Cookie lines');
 * });
 * ```
 */
export function setCookie<R extends ServerResponse>(
  res: R,
  name: string,
  value: string,
  options?: NodeCookieOptions,
): R {
  const resolved = resolveSecure(res, options);
  editCookies(res, (cookies) => cookies.set(name, value, resolved));
  return res;
}
