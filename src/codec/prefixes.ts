/**
 * @module The cookie name prefixes of RFC 6265bis §4.1.3 (`__Secure-`, `__Host-`) and Chromium's
 * `__Http-` / `__Host-Http-`, shared by the builder here and the jar's storage model.
 */

/**
 * The prefix a cookie name carries, matched case-insensitively as later drafts of RFC 6265bis require
 * (some servers treat names case-insensitively: httpwg/http-extensions#3115).
 *
 * @example
 * ```ts
 * import { cookiePrefix } from 'shortbread';
 * cookiePrefix('__Host-id'); // 'host'
 * cookiePrefix('__secure-x'); // 'secure'
 * cookiePrefix('id'); // undefined
 * ```
 */
export function cookiePrefix(name: string): 'secure' | 'host' | 'http' | 'host-http' | undefined {
  if (name.length < 7 || name.charCodeAt(0) !== 0x5f || name.charCodeAt(1) !== 0x5f)
    return undefined;
  const head = name.slice(0, 14).toLowerCase();
  if (head.startsWith('__host-http-')) return 'host-http';
  if (head.startsWith('__secure-')) return 'secure';
  if (head.startsWith('__host-')) return 'host';
  if (head.startsWith('__http-')) return 'http';
  return undefined;
}

/** The attributes the prefix rules look at. */
export interface PrefixCheckInput {
  secure: boolean;
  httpOnly: boolean;
  domain?: string | undefined;
  path?: string | undefined;
}

/**
 * Which prefix rule a cookie breaks, as a sentence for an error message, or `undefined` when it keeps
 * them all.
 *
 * - §4.1.3.1 `__Secure-`: requires Secure.
 * - §4.1.3.2 `__Host-`: requires Secure, no Domain, and Path `/`.
 * - Chromium `__Http-`: requires Secure and HttpOnly; `__Host-Http-`: both sets of rules.
 *
 * @example
 * ```ts
 * import { prefixViolation } from 'shortbread';
 * prefixViolation('__Host-id', { secure: true, httpOnly: false, path: '/' }); // undefined
 * prefixViolation('__Host-id', { secure: true, httpOnly: false, domain: 'a.com', path: '/' });
 * // 'a "__Host-" cookie must not have a Domain attribute; remove domain'
 * ```
 */
export function prefixViolation(name: string, cookie: PrefixCheckInput): string | undefined {
  const prefix = cookiePrefix(name);
  if (prefix === undefined) return undefined;
  const label =
    prefix === 'secure'
      ? '__Secure-'
      : prefix === 'host'
        ? '__Host-'
        : prefix === 'http'
          ? '__Http-'
          : '__Host-Http-';
  if (!cookie.secure) return `a "${label}" cookie must be Secure; set secure: true`;
  if (prefix === 'host' || prefix === 'host-http') {
    if (cookie.domain !== undefined)
      return `a "${label}" cookie must not have a Domain attribute; remove domain`;
    if (cookie.path !== '/') return `a "${label}" cookie must have Path=/; set path: '/'`;
  }
  if ((prefix === 'http' || prefix === 'host-http') && !cookie.httpOnly) {
    return `a "${label}" cookie must be HttpOnly; set httpOnly: true`;
  }
  return undefined;
}
