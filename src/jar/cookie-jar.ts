/**
 * @module `CookieJar`: a synchronous cookie jar that stores like Chromium (RFC 6265bis §5.7 through
 * the storage model) and sends like Chromium (the retrieval algorithm of §5.8.3, step by step here).
 */
import { parseSetCookie } from '../codec/set-cookie.js';
import { keepRaw } from '../internal/keep-raw.js';
import { toMillis } from '../internal/to-millis.js';
import { domainMatch, isSecureOrigin } from './domain-match.js';
import { CHROMIUM_LIMITS, evictDomain, evictGlobal, type JarLimits } from './eviction.js';
import { pathMatch } from './path-match.js';
import { domainKey, siteOf } from './public-suffix.js';
import { storeCookie } from './storage-model.js';
import { bySendingOrder, cookieOf, type JarStore, viewOf } from './stores/jar-store.js';
import { MemoryJarStore } from './stores/memory-jar-store.js';
import type {
  CookieIdentity,
  JarCookie,
  JarCookieView,
  JarRequestOptions,
  SameSiteContext,
  SetCookieResult,
} from './types.js';

/**
 * Options of the {@link CookieJar} constructor.
 *
 * @example
 * ```ts
 * new CookieJar({ store: new MemoryJarStore(), limits: false });
 * ```
 */
export interface CookieJarOptions {
  /** Where cookies live. @default new MemoryJarStore() */
  store?: JarStore | undefined;
  /** Chromium's limits (the default), partial overrides, or `false` for none. */
  limits?: Partial<JarLimits> | false | undefined;
}

/** Chromium refreshes last-access at most once a minute (kLastAccessThreshold), sparing writes. */
const LAST_ACCESS_THRESHOLD_MS = 60_000;
/** Chromium's Lax+POST exception: "Default" cookies younger than this ride a top-level cross-site POST. */
const LAX_ALLOWING_UNSAFE_MS = 2 * 60_000;
/** Schemes whose URLs carry cookies (Chromium's cookieable schemes). */
const cookieSchemes = new Set(['http:', 'https:', 'ws:', 'wss:']);

function toUrl(url: string | URL): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function partitionSiteOf(url: URL, topLevelSite: string | URL | undefined): string {
  if (topLevelSite === undefined) return siteOf(url);
  const top = toUrl(topLevelSite);
  return top === undefined ? String(topLevelSite) : siteOf(top);
}

/**
 * Something that holds `Set-Cookie` lines: a Fetch `Headers` (read with `getSetCookie()`), or the
 * lines themselves.
 *
 * @example
 * ```ts
 * const source: SetCookieSource = response.headers;
 * ```
 */
export type SetCookieSource = { getSetCookie(): string[] } | Iterable<string>;

/**
 * A cookie jar that behaves like Chromium: what it stores, what it refuses and what it sends follow
 * RFC 6265bis and Chromium 156. Synchronous; the store is pluggable.
 *
 * @example
 * ```ts
 * import { CookieJar } from 'shortbread/jar';
 * const jar = new CookieJar();
 * jar.setCookie('flavor=chocolate; Max-Age=30; Path=/cookies', 'https://example.com/cookies/set');
 * jar.getCookieHeader('https://example.com/cookies/eat'); // 'flavor=chocolate'
 * jar.getCookieHeader('https://example.com/'); // ''
 * ```
 */
export class CookieJar {
  /** The store the cookies live in. */
  readonly store: JarStore;
  /** The limits enforced, or `undefined` for none. */
  readonly limits: Readonly<JarLimits> | undefined;

  constructor(options?: CookieJarOptions) {
    this.store = options?.store ?? new MemoryJarStore();
    const limits = options?.limits;
    this.limits = limits === false ? undefined : { ...CHROMIUM_LIMITS, ...limits };
  }

  /**
   * Stores one `Set-Cookie` line received from `url`; returns the stored cookie, or `undefined`
   * when it was refused, expired, or deleted a cookie. See {@link setCookieResult} for the reason.
   *
   * @example
   * ```ts
   * jar.setCookie('id=1; Secure; HttpOnly', 'https://example.com/'); // { name: 'id', ... }
   * jar.setCookie('id=1; Secure', 'http://example.com/'); // undefined: Secure from http
   * ```
   */
  setCookie(header: string, url: string | URL, options?: JarRequestOptions): JarCookie | undefined {
    return this.setCookieResult(header, url, options).cookie;
  }

  /**
   * Like {@link setCookie}, but says why a line was not stored (`reason` and a sentence `detail`).
   *
   * @example
   * ```ts
   * jar.setCookieResult('a=1; Domain=co.uk', 'https://example.co.uk/');
   * // { cookie: undefined, reason: 'public-suffix', detail: '...' }
   * ```
   */
  setCookieResult(header: string, url: string | URL, options?: JarRequestOptions): SetCookieResult {
    const target = toUrl(url);
    const host = target === undefined ? '' : target.hostname;
    if (target === undefined || !cookieSchemes.has(target.protocol) || host === '') {
      return {
        cookie: undefined,
        reason: 'invalid-url',
        detail: `cannot store cookies for ${url}`,
      };
    }
    const now = toMillis(options?.now);
    // RFC 6265bis §5.6: parse the line; the value is stored as received, undecoded, as browsers do.
    const parsed = parseSetCookie(header, { now, decode: keepRaw });
    if (parsed === undefined) {
      return {
        cookie: undefined,
        reason: 'invalid-syntax',
        detail: 'the line is ignored by RFC 6265bis §5.6',
      };
    }
    const result = storeCookie(this.store, parsed, {
      url: target,
      host,
      secureOrigin: isSecureOrigin(target),
      http: options?.http !== false,
      sameSiteContext: options?.sameSiteContext ?? 'strict',
      // The partition key costs a public-suffix lookup; only a Partitioned cookie needs it.
      partitionSite: parsed.partitioned ? partitionSiteOf(target, options?.topLevelSite) : '',
      now,
    });
    if (result.cookie !== undefined && this.limits !== undefined) {
      const partitioned = result.cookie.partitionKey !== undefined;
      evictDomain(this.store, domainKey(result.cookie.domain), now, this.limits, partitioned);
      evictGlobal(this.store, now, this.limits);
    }
    return result;
  }

  /**
   * Stores every `Set-Cookie` line of a response received from `url`, in order; returns the stored
   * cookies.
   *
   * @example
   * ```ts
   * const response = await fetch(url);
   * jar.setFromResponse(url, response.headers);
   * ```
   */
  setFromResponse(
    url: string | URL,
    headers: SetCookieSource,
    options?: JarRequestOptions,
  ): JarCookie[] {
    const lines =
      'getSetCookie' in headers && typeof headers.getSetCookie === 'function'
        ? headers.getSetCookie()
        : (headers as Iterable<string>);
    const stored: JarCookie[] = [];
    for (const line of lines) {
      const cookie = this.setCookie(line, url, options);
      if (cookie !== undefined) stored.push(cookie);
    }
    return stored;
  }

  /**
   * The cookies a browser would send to `url`, in the order it sends them (RFC 6265bis §5.8.3):
   * longest path first, then earliest creation.
   *
   * @example
   * ```ts
   * jar.getCookies('https://example.com/docs/', { http: false }); // no HttpOnly cookies
   * ```
   */
  getCookies(url: string | URL, options?: JarRequestOptions): JarCookie[] {
    const now = toMillis(options?.now);
    return this.#select(url, options, now).map((view) => {
      const cookie = cookieOf(view);
      // §5.8.3 step 3 touched it: a store's views may be copies the touch did not reach.
      if (isStale(view, now)) cookie.lastAccess = new Date(now);
      return cookie;
    });
  }

  /**
   * RFC 6265bis §5.8.3 steps 1-3 over store views, in sending order, at `now`; the callers copy or
   * serialize the result.
   */
  #select(url: string | URL, options: JarRequestOptions | undefined, now: number): JarCookieView[] {
    const target = toUrl(url);
    if (target === undefined || !cookieSchemes.has(target.protocol)) return [];
    // The host as `URL#hostname` gives it (a slice of the href): a flat copy per read (flatString)
    // cost more than the faster comparisons saved, 10-16% of a pass over the header stream.
    const host = target.hostname;
    const key = domainKey(host);
    const requestPath = target.pathname;
    const secure = isSecureOrigin(target);
    const http = options?.http !== false;
    const context: SameSiteContext = options?.sameSiteContext ?? 'strict';
    let partitionSite: string | undefined;

    const store = this.store;
    // Already in §5.8.3 step 2 order when the store keeps it (MemoryJarStore does, across writes):
    // filtering keeps that order, so no sort per read.
    const ordered = store.scanInSendOrder?.(key);
    const views = ordered ?? store.scan?.(key) ?? store.findByKey(key).map(viewOf);
    const list: JarCookieView[] = [];
    let expired: CookieIdentity[] | undefined;
    let stale: JarCookieView[] | undefined;
    // The cookies under one key share a handful of domains and paths (stores intern them): the last
    // verdict of each is reused while the next cookie has the same one.
    let lastDomain: string | undefined;
    let domainMatches = false;
    let lastPath: string | undefined;
    let pathMatches = false;
    // §5.8.3 step 1: the cookies that meet every requirement below.
    for (const cookie of views) {
      // §5.7 step 25 (at read time): expired cookies are removed, never sent.
      if (cookie.expiresAt <= now) {
        expired ??= [];
        expired.push(cookie);
        continue;
      }
      // §5.8.3 step 1.1: a host-only cookie needs the identical host, a domain cookie a domain-match.
      const domain = cookie.domain;
      if (host !== domain) {
        if (cookie.hostOnly) continue;
        if (domain !== lastDomain) {
          lastDomain = domain;
          domainMatches = domainMatch(host, domain);
        }
        if (!domainMatches) continue;
      }
      // §5.8.3 step 1.2: the request path path-matches the cookie path.
      const path = cookie.path;
      if (path !== lastPath) {
        lastPath = path;
        pathMatches = pathMatch(requestPath, path);
      }
      if (!pathMatches) continue;
      // §5.8.3 step 1.3: Secure cookies only over a secure connection (loopback counts, as Chromium).
      if (cookie.secure && !secure) continue;
      // §5.8.3 step 1.4: HttpOnly cookies only to HTTP APIs.
      if (cookie.httpOnly && !http) continue;
      // CHIPS: a partitioned cookie only under the top-level site it was set under.
      if (cookie.partitionKey !== undefined) {
        partitionSite ??= partitionSiteOf(target, options?.topLevelSite);
        if (cookie.partitionKey !== partitionSite) continue;
      }
      // §5.8.3 step 1.5: SameSite. "Default" is enforced as Lax (Chromium), with the Lax+POST
      // exception for cookies created less than two minutes ago.
      if (context !== 'strict' && !sameSiteAllows(cookie, context, now)) continue;
      list.push(cookie);
      if (isStale(cookie, now)) {
        stale ??= [];
        stale.push(cookie);
      }
    }
    if (expired !== undefined) for (const id of expired) store.remove(key, id);

    // §5.8.3 step 2: longer paths first, then earlier creation times.
    if (ordered === undefined) list.sort(bySendingOrder);

    // §5.8.3 step 3: update the last-access time of every cookie sent.
    if (stale !== undefined) store.touch(key, stale, new Date(now));
    return list;
  }

  /**
   * The `Cookie` header a browser would send to `url` (RFC 6265bis §5.8.3 step 4): `name=value`
   * pairs joined by `"; "`, a nameless cookie as its value alone; `''` when none.
   *
   * @example
   * ```ts
   * jar.getCookieHeader('https://example.com/'); // 'a=1; b=2'
   * ```
   */
  getCookieHeader(url: string | URL, options?: JarRequestOptions): string {
    const cookies = this.#select(url, options, toMillis(options?.now));
    // §5.8.3 step 4: join builds one flat string; `+=` would build a rope of 4 pieces a cookie,
    // which whoever writes the header then has to flatten (twice the work of the join).
    const pairs: string[] = [];
    for (const c of cookies) {
      pairs.push(c.cookiePair ?? (c.name === '' ? c.value : `${c.name}=${c.value}`));
    }
    return pairs.join('; ');
  }

  /**
   * Every stored cookie, expired ones included, in store order.
   *
   * @example
   * ```ts
   * jar.allCookies().length;
   * ```
   */
  allCookies(): JarCookie[] {
    return this.store.all();
  }

  /**
   * Puts cookies in as they are (from a file or another jar), without the checks of `setCookie`;
   * limits still apply. Returns how many were stored.
   *
   * @example
   * ```ts
   * jar.importCookies(fromNetscape(text));
   * ```
   */
  importCookies(cookies: Iterable<JarCookie>, options?: { now?: Date | number }): number {
    const now = toMillis(options?.now);
    let count = 0;
    const keys = new Set<string>();
    for (const cookie of cookies) {
      const key = domainKey(cookie.domain);
      this.store.put(key, cookie);
      keys.add(key);
      count++;
    }
    if (this.limits !== undefined) {
      for (const key of keys) evictDomain(this.store, key, now, this.limits);
      evictGlobal(this.store, now, this.limits);
    }
    return count;
  }

  /**
   * Removes one cookie by identity; true when it was there.
   *
   * @example
   * ```ts
   * jar.removeCookie({ name: 'id', domain: 'example.com', hostOnly: true, path: '/', partitionKey: undefined });
   * ```
   */
  removeCookie(identity: CookieIdentity): boolean {
    return this.store.remove(domainKey(identity.domain), identity);
  }

  /**
   * Removes every expired cookie; returns how many.
   *
   * @example
   * ```ts
   * jar.removeExpired(); // 3
   * ```
   */
  removeExpired(now?: Date | number): number {
    const at = toMillis(now);
    let removed = 0;
    for (const key of this.store.keys()) {
      for (const cookie of this.store.findByKey(key)) {
        if (cookie.expires !== undefined && cookie.expires.getTime() <= at) {
          this.store.remove(key, cookie);
          removed++;
        }
      }
    }
    return removed;
  }

  /**
   * Removes every cookie.
   *
   * @example
   * ```ts
   * jar.clear();
   * ```
   */
  clear(): void {
    this.store.clear();
  }
}

/**
 * §5.8.3 step 3: whether sending `cookie` at `now` refreshes its last-access time; Chromium does so
 * at most once a minute.
 */
function isStale(cookie: JarCookieView, now: number): boolean {
  return now - cookie.lastAccessAt >= LAST_ACCESS_THRESHOLD_MS;
}

/** RFC 6265bis §5.8.3 step 1.5 with Chromium's defaults. */
function sameSiteAllows(cookie: JarCookieView, context: SameSiteContext, now: number): boolean {
  if (cookie.sameSite === 'none' || context === 'strict') return true;
  if (cookie.sameSite === 'strict') return false;
  // Lax, or "Default" enforced as Lax.
  if (context === 'lax') return true;
  if (context === 'lax-allowing-unsafe') {
    return cookie.sameSite === 'unspecified' && now - cookie.creationAt <= LAX_ALLOWING_UNSAFE_MS;
  }
  return false;
}
