/**
 * @module The storage model of RFC 6265bis §5.7, step by step: turns one parsed `Set-Cookie` line
 * received for a request into a stored cookie, or says which rule refused it. Chromium decides where
 * the draft leaves room (each such step says so).
 */
import { cookiePrefix, prefixViolation } from '../codec/prefixes.js';
import type { SetCookie } from '../codec/types.js';
import { canonicalizeDomain, domainMatch } from './domain-match.js';
import { defaultPath, pathMatch } from './path-match.js';
import { domainKey, isPublicSuffix } from './public-suffix.js';
import { type JarStore, sameIdentity, viewOf } from './stores/jar-store.js';
import type {
  JarCookie,
  JarCookieView,
  RejectReason,
  SameSiteContext,
  SetCookieResult,
} from './types.js';

/**
 * The request a cookie arrives on, already resolved by the jar.
 *
 * @example
 * ```ts
 * const request: StorageRequest = { url, secureOrigin: true, http: true, sameSiteContext: 'strict', partitionSite: 'https://example.com', now: Date.now() };
 * ```
 */
export interface StorageRequest {
  url: URL;
  /** The request host, `url.hostname` (a getter that slices the href: read once by the jar). */
  host: string;
  /** The request-uri denotes a secure connection (https/wss, or a loopback host as Chromium counts it). */
  secureOrigin: boolean;
  /** False for the non-HTTP API (`document.cookie`). */
  http: boolean;
  sameSiteContext: SameSiteContext;
  /** The top-level site, the key a `Partitioned` cookie is stored under (read only for those). */
  partitionSite: string;
  /** Epoch milliseconds. */
  now: number;
}

function reject(reason: RejectReason, detail: string): SetCookieResult {
  return { cookie: undefined, reason, detail };
}

/**
 * RFC 6265bis §5.7: stores `parsed` (a line from `parseSetCookie` with values left undecoded) into
 * `store` for `request`, replacing the cookie it overwrites. Eviction is the caller's next step.
 *
 * @example
 * ```ts
 * const line = parseSetCookie('id=1; Path=/', { decode: (v) => v })!;
 * storeCookie(store, line, request); // { cookie: { name: 'id', ... } }
 * ```
 */
export function storeCookie(
  store: JarStore,
  parsed: SetCookie,
  request: StorageRequest,
): SetCookieResult {
  const { url, host, now } = request;
  // §5.7 steps 2-4 (empty pair, control characters, size) were applied by the parser (§5.6).

  // §5.7 step 22, checked early because it needs nothing else: a nameless cookie whose value starts
  // with a prefix would be read back by servers as a prefixed name, so it is ignored. Not in RFC
  // 6265bis (Chromium): the `__Http-` and `__Host-Http-` prefixes count too.
  if (parsed.name === '' && cookiePrefix(parsed.value) !== undefined) {
    return reject(
      'nameless-prefix',
      `a nameless cookie's value may not start with a cookie prefix: ${JSON.stringify(parsed.value.slice(0, 20))}`,
    );
  }

  // §5.7 step 5: a new cookie, created and last accessed now.
  // §5.7 step 6: Max-Age wins over Expires; without either it is a session cookie. A Max-Age of zero
  // or less means "the earliest representable time": the cookie is expired on arrival.
  let expires: number | undefined;
  if (parsed.maxAge !== undefined) {
    expires = parsed.maxAge <= 0 ? Number.NEGATIVE_INFINITY : now + parsed.maxAge * 1000;
  } else if (parsed.expires !== undefined) {
    expires = parsed.expires.getTime();
  }

  // §5.7 step 7: the last Domain attribute, else "". The parser dropped one leading "." and
  // lowercased it; `Domain=.` arrives as "", which Chromium refuses outright.
  let domainAttribute = '';
  if (parsed.domain !== undefined) {
    if (parsed.domain === '') return reject('invalid-domain', 'Domain=. names no host');
    // §5.7 step 8: Not in RFC 6265bis (which aborts on non-ASCII): Chromium canonicalizes an
    // internationalized Domain to its A-label form, as §5.1.2 does for hosts.
    const canonical = canonicalizeDomain(parsed.domain);
    if (canonical === undefined) {
      return reject('invalid-domain', `Domain=${JSON.stringify(parsed.domain)} is not a host name`);
    }
    domainAttribute = canonical;
  }

  // §5.7 step 9: a Domain that is a public suffix is refused, unless it is the request host itself,
  // which makes the cookie host-only. Chromium counts any name without a registrable domain here
  // (`localhost`, `intranet`, an IP address), and compares the attribute as written (lowercased, one
  // leading dot dropped) with the canonical host, not canonicalized as a host itself: Chromium 156
  // refuses `Domain=127.000.0.1` from 127.0.0.1 and `Domain=[::ffff:127.0.0.1]` from
  // [::ffff:7f00:1] (test/jar-chromium-ip-domain.test.ts).
  if (domainAttribute !== '' && isPublicSuffix(domainAttribute)) {
    if (domainAttribute === host) domainAttribute = '';
    else {
      return reject(
        'public-suffix',
        `Domain=${domainAttribute} is a public suffix and not the request host ${host}`,
      );
    }
  }

  // §5.7 step 10: a Domain must domain-match the request host; without one the cookie is host-only.
  let domain: string;
  let hostOnly: boolean;
  if (domainAttribute !== '') {
    if (!domainMatch(host, domainAttribute)) {
      return reject('domain-mismatch', `Domain=${domainAttribute} does not domain-match ${host}`);
    }
    hostOnly = false;
    domain = domainAttribute;
  } else {
    hostOnly = true;
    domain = host;
  }

  // §5.7 step 11: the last Path attribute (the parser kept only values starting with "/"), else the
  // default-path of the request-uri (§5.1.4).
  const path = parsed.path ?? defaultPath(url.pathname);

  // §5.7 steps 12-13: a Secure cookie only from a secure origin.
  const secure = parsed.secure;
  if (secure && !request.secureOrigin) {
    return reject('secure-insecure-origin', `Secure cookie from the insecure origin ${url.origin}`);
  }

  // §5.7 steps 14-15: the non-HTTP API cannot set an HttpOnly cookie.
  const httpOnly = parsed.httpOnly;
  if (httpOnly && !request.http) {
    return reject('httponly-non-http', 'HttpOnly cookie from a non-HTTP API');
  }

  const key = domainKey(domain);
  // Only cookies of the same name take part in steps 16 and 23; read through the store's views
  // when it has them, so nothing is copied.
  const existing: Iterable<JarCookieView> =
    store.scan?.(key) ?? store.findByKey(key, parsed.name).map(viewOf);

  // §5.7 step 16: an insecure origin may not set (or delete) a cookie that would shadow a Secure one:
  // same name, domains matching either way, and the new path path-matching the old one.
  if (!secure && !request.secureOrigin) {
    for (const old of existing) {
      if (
        old.name === parsed.name &&
        old.secure &&
        old.partitionKey === (parsed.partitioned ? request.partitionSite : undefined) &&
        (domainMatch(domain, old.domain) || domainMatch(old.domain, domain)) &&
        pathMatch(path, old.path)
      ) {
        return reject(
          'overwrite-secure',
          `an insecure origin may not overwrite the Secure cookie ${JSON.stringify(old.name)} (${old.domain}${old.path})`,
        );
      }
    }
  }

  // §5.7 step 17: the SameSite attribute, else "Default" (kept as 'unspecified').
  const sameSite = parsed.sameSite ?? 'unspecified';

  // §5.7 step 18: unless SameSite=None, a cookie arriving on a cross-site request that is not a
  // top-level navigation is refused. Chromium applies this to "Default" too (Lax by default).
  if (sameSite !== 'none' && request.sameSiteContext === 'none') {
    return reject(
      'samesite-cross-site',
      `SameSite=${sameSite} cookie set from a cross-site context that is not a top-level navigation`,
    );
  }

  // §5.7 step 19: SameSite=None requires Secure.
  if (sameSite === 'none' && !secure) {
    return reject('samesite-none-insecure', 'SameSite=None requires the Secure attribute');
  }

  // §5.7 steps 20-21: the `__Secure-` and `__Host-` prefixes, matched case-insensitively; Chromium
  // adds `__Http-` and `__Host-Http-` (they require HttpOnly). `__Host-` needs no Domain attribute
  // (even one equal to the host) and an explicit `Path=/`.
  // Only a name starting with "__" can carry a prefix: the others skip the check.
  if (parsed.name.startsWith('__')) {
    const violation = prefixViolation(parsed.name, {
      secure,
      httpOnly,
      domain: parsed.domain,
      path: parsed.path,
    });
    if (violation !== undefined) return reject('prefix', violation);
  }

  // CHIPS (draft-cutler-httpbis-partitioned-cookies §2.1): Partitioned requires Secure, and the
  // cookie is keyed by the top-level site.
  if (parsed.partitioned && !secure) {
    return reject('partitioned-insecure', 'Partitioned requires the Secure attribute');
  }
  const partitionKey = parsed.partitioned ? request.partitionSite : undefined;

  const cookie: JarCookie = {
    name: parsed.name,
    value: parsed.value,
    domain,
    path,
    hostOnly,
    secure,
    httpOnly,
    sameSite,
    expires: expires === undefined ? undefined : new Date(Math.max(expires, -8.64e15)),
    creation: new Date(now),
    lastAccess: new Date(now),
    partitionKey,
    priority: parsed.priority ?? 'medium',
  };

  // §5.7 step 23: the cookie with the same name, domain, host-only flag and path (and partition) is
  // replaced. The non-HTTP API cannot replace an HttpOnly one. Not in RFC 6265bis (which always keeps
  // the old creation time): Chromium keeps it only when the value is unchanged, so a changed value
  // moves the cookie to the end of the sent order.
  let old: JarCookieView | undefined;
  for (const candidate of existing) {
    if (sameIdentity(candidate, cookie)) {
      old = candidate;
      break;
    }
  }
  if (old !== undefined) {
    if (old.httpOnly && !request.http) {
      return reject('overwrite-httponly', 'a non-HTTP API may not overwrite an HttpOnly cookie');
    }
    if (old.value === cookie.value) cookie.creation = new Date(old.creationAt);
    // A cookie that keeps its creation time keeps its place too (the store replaces it in place, §5.7
    // step 24 below), so stores stay in creation order; a new creation time goes to the end.
    else store.remove(key, old);
  }

  // §5.7 step 25: an expired cookie is not stored (arriving expired, it only deleted the old one).
  if (expires !== undefined && expires <= now) {
    if (old !== undefined) store.remove(key, old);
    return reject('expired', old === undefined ? 'the cookie arrived expired' : 'cookie deleted');
  }

  // §5.7 step 24: insert the cookie.
  store.put(key, cookie);
  return { cookie };
}
