/** @module `isSecureRequest`: whether a Node request came over HTTPS, for `secure: 'auto'`. */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Options of {@link isSecureRequest}.
 *
 * @example
 * ```ts
 * const options: SecureRequestOptions = { trustProxy: true };
 * ```
 */
export interface SecureRequestOptions {
  /**
   * Believe the first `X-Forwarded-Proto` value, for an app behind a TLS-terminating proxy. Only
   * turn this on when a proxy you run sets the header: a client can send it too. @default false
   */
  trustProxy?: boolean | undefined;
}

/**
 * Whether the request came over HTTPS: the socket is TLS, or (only with `trustProxy`) the first
 * `X-Forwarded-Proto` says `https`. This is what `secure: 'auto'` resolves to.
 *
 * @example
 * ```ts
 * import { isSecureRequest } from 'shortbread/node';
 *
 * createServer((req, res) => {
 *   res.end(isSecureRequest(req, { trustProxy: true }) ? 'https' : 'http');
 * });
 * ```
 */
export function isSecureRequest(req: IncomingMessage, options?: SecureRequestOptions): boolean {
  if (options?.trustProxy === true) {
    const header = req.headers['x-forwarded-proto'];
    const text = Array.isArray(header) ? header[0] : header;
    if (text !== undefined) {
      // The proxy closest to the client is the first of a comma-separated list.
      const comma = text.indexOf(',');
      const proto = (comma === -1 ? text : text.slice(0, comma)).trim().toLowerCase();
      if (proto === 'https') return true;
      if (proto === 'http') return false;
    }
  }
  return (req.socket as Partial<TLSSocket> | null)?.encrypted === true;
}
