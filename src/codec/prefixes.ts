/**
 * @module The cookie name prefixes of RFC 6265bis §4.1.3 (`__Secure-`, `__Host-`) and Chromium's
 * `__Http-` / `__Host-Http-`, shared by the builder here and the jar's storage model.
 *
 * Section numbers (§) of RFC 6265bis are those of draft-ietf-httpbis-rfc6265bis-22.
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
  // Anchored, one alternative at a time, no quantifier: linear.
  return /^__(secure|host-http|host|http)-/i.exec(name)?.[1]?.toLowerCase() as
    | 'secure'
    | 'host'
    | 'http'
    | 'host-http'
    | undefined;
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
  const why =
    prefix === undefined
      ? undefined
      : !cookie.secure
        ? 'be Secure; set secure: true'
        : prefix.startsWith('host') && cookie.domain !== undefined
          ? 'not have a Domain attribute; remove domain'
          : prefix.startsWith('host') && cookie.path !== '/'
            ? "have Path=/; set path: '/'"
            : prefix.endsWith('http') && !cookie.httpOnly
              ? 'be HttpOnly; set httpOnly: true'
              : undefined;
  // 'host-http' -> '__Host-Http-'
  return why && `a "__${prefix?.replace(/\b[a-z]/g, (c) => c.toUpperCase())}-" cookie must ${why}`;
}
