/** @module `deleteCookie`: Flask's `delete_cookie` on a Node `ServerResponse`. */
import type { ServerResponse } from 'node:http';
import {
  editCookies,
  type NodeDeleteCookieOptions,
  resolveSecure,
} from './node-response-cookies.js';

/**
 * Tells the browser to remove a cookie (Werkzeug's `delete_cookie`: empty value, `Expires` at the
 * epoch, `Max-Age=0`, the `path`/`domain` that name it, default Path `/`). Appends to the response's
 * `Set-Cookie` lines like {@link setCookie}, replacing a line set earlier for the same cookie.
 * Returns `res`.
 *
 * @example
 * ```ts
 * import { deleteCookie } from 'shortbread/node';
 *
 * deleteCookie(res, 'flavor', { path: '/cookies' });
 * // Set-Cookie: flavor=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/cookies
 * ```
 */
export function deleteCookie<R extends ServerResponse>(
  res: R,
  name: string,
  options?: NodeDeleteCookieOptions,
): R {
  const resolved = resolveSecure(res, options);
  editCookies(res, (cookies) => cookies.delete(name, resolved));
  return res;
}
