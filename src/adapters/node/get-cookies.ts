/** @module `getCookies`: Flask's `request.cookies` for a Node `IncomingMessage`. */
import type { IncomingMessage } from 'node:http';
import { RequestCookies, type RequestCookiesOptions } from '../../server/request-cookies.js';

/**
 * The cookies a Node request carried, as a {@link RequestCookies} (`get`, `getAll`, `has`, `size`,
 * iteration, `toObject`). Node joins several `Cookie` header lines with `"; "`, so they read as one
 * list. Nothing is parsed until a value is asked for.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { getCookies } from 'shortbread/node';
 *
 * createServer((req, res) => {
 *   const cookies = getCookies(req);
 *   res.end(`flavor: ${cookies.get('flavor') ?? 'none'}, all a: ${cookies.getAll('a').join(',')}`);
 * });
 * ```
 */
export function getCookies(req: IncomingMessage, options?: RequestCookiesOptions): RequestCookies {
  return new RequestCookies(req.headers.cookie, options);
}
