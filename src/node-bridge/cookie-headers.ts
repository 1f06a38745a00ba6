/** @module The `Cookie` header of a Node request as Fetch `Headers`: all `Sessions.load` reads. */
import type { IncomingMessage } from 'node:http';

/**
 * Fetch `Headers` holding only the request's `Cookie` header (none when it has none), so a session
 * can be loaded without converting the whole request.
 *
 * @example
 * ```ts
 * const session = await sessions.load(cookieHeaders(req));
 * ```
 */
export function cookieHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const cookie = req.headers.cookie;
  if (cookie !== undefined) headers.set('cookie', cookie);
  return headers;
}
