/**
 * @module Why the tough-cookie facade refused a cookie, in tough-cookie's words where tough-cookie
 * has the same rule (code that matches on its messages keeps working), in shortbread's otherwise.
 */
import type { RejectReason } from '../types.js';

/**
 * The error a `setCookie` without `ignoreError` rejects with: tough-cookie's message, and the
 * shortbread `reason` code.
 *
 * @example
 * ```ts
 * import { CookieJar, ToughJarError } from 'shortbread/jar/tough';
 * try {
 *   new CookieJar().setCookieSync('a=1; Domain=other.example', 'https://example.com/');
 * } catch (error) {
 *   if (error instanceof ToughJarError) console.log(error.reason); // 'domain-mismatch'
 * }
 * ```
 */
export class ToughJarError extends Error {
  override readonly name = 'ToughJarError' as const;
  /** shortbread's reason code (`RejectReason` of `shortbread/jar`). */
  readonly reason: RejectReason;

  constructor(reason: RejectReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** tough-cookie 6's messages for the rules it shares with RFC 6265bis. */
export function toughMessage(
  reason: RejectReason,
  detail: string,
  domain: string | undefined,
  host: string,
): string {
  switch (reason) {
    case 'invalid-syntax':
      return 'Cookie failed to parse';
    case 'public-suffix':
      return 'Cookie has domain set to a public suffix';
    case 'domain-mismatch':
    case 'invalid-domain':
      return `Cookie not in this host's domain. Cookie:${domain ?? 'null'} Request:${host}`;
    case 'secure-insecure-origin':
      return 'Cookie is Secure but this is not a secure connection';
    case 'httponly-non-http':
      return "Cookie is HttpOnly and this isn't an HTTP API";
    case 'overwrite-httponly':
      return "old Cookie is HttpOnly and this isn't an HTTP API";
    case 'samesite-cross-site':
      return 'Cookie is SameSite but this is a cross-origin request';
    case 'prefix':
    case 'nameless-prefix':
      return `Cookie has a __Secure- or __Host- prefix it does not meet (${detail})`;
    default:
      return `Cookie refused (${reason}): ${detail}`;
  }
}
