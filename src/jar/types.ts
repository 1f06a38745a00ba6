/** @module The shapes the cookie jar stores and takes: a stored cookie, request contexts, outcomes. */
import type { Priority } from '../codec/types.js';

/**
 * A cookie's SameSite mode as stored: the attribute's value, or `'unspecified'` when it was missing or
 * invalid (treated as Lax when sending, Chromium's "Lax by default").
 *
 * @example
 * ```ts
 * const mode: JarSameSite = 'unspecified';
 * ```
 */
export type JarSameSite = 'strict' | 'lax' | 'none' | 'unspecified';

/**
 * One stored cookie (RFC 6265bis §5.7), a plain object. Identity is (name, domain, hostOnly, path,
 * partitionKey).
 *
 * @example
 * ```ts
 * const c: JarCookie = jar.setCookie('id=1; Path=/', 'https://example.com/')!;
 * c.hostOnly; // true
 * ```
 */
export interface JarCookie {
  name: string;
  value: string;
  /** Canonical host or Domain attribute, lowercase, no leading dot. */
  domain: string;
  path: string;
  /** True when set without a Domain attribute: sent only to `domain` itself. */
  hostOnly: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: JarSameSite;
  /** When it expires; `undefined` for a session cookie. */
  expires: Date | undefined;
  creation: Date;
  lastAccess: Date;
  /** CHIPS: the top-level site (`https://example.com`) it is partitioned under, else `undefined`. */
  partitionKey: string | undefined;
  priority: Priority;
}

/**
 * A read-only view of a stored cookie with times as epoch milliseconds (`expiresAt` is NaN for a
 * session cookie): what a store's optional fast `scan` yields, so reads need not copy every cookie.
 *
 * @example
 * ```ts
 * for (const view of store.scan?.('example.com') ?? []) console.log(view.name, view.expiresAt);
 * ```
 */
export interface JarCookieView {
  readonly name: string;
  readonly value: string;
  readonly domain: string;
  readonly path: string;
  readonly hostOnly: boolean;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: JarSameSite;
  readonly partitionKey: string | undefined;
  readonly priority: Priority;
  readonly expiresAt: number;
  readonly creationAt: number;
  readonly lastAccessAt: number;
  /**
   * The cookie as a `Cookie` header carries it, `name=value` (the value alone for a nameless
   * cookie), when the store keeps it ready; the jar builds it from `name` and `value` otherwise.
   */
  readonly cookiePair?: string;
}

/**
 * The fields that name a cookie in the store.
 *
 * @example
 * ```ts
 * const id: CookieIdentity = { name: 'id', domain: 'example.com', hostOnly: true, path: '/', partitionKey: undefined };
 * ```
 */
export type CookieIdentity = Pick<
  JarCookie,
  'name' | 'domain' | 'hostOnly' | 'path' | 'partitionKey'
>;

/**
 * The same-site context of a request (RFC 6265bis §5.2): `'strict'` same-site, `'lax'` a cross-site
 * top-level navigation with a safe method, `'lax-allowing-unsafe'` the same with an unsafe method
 * (Chromium's 2-minute Lax+POST exception for cookies without SameSite), `'none'` cross-site.
 *
 * @example
 * ```ts
 * jar.getCookieHeader('https://example.com/', { sameSiteContext: 'lax' });
 * ```
 */
export type SameSiteContext = 'strict' | 'lax' | 'lax-allowing-unsafe' | 'none';

/**
 * Options of the jar's reads and writes.
 *
 * @example
 * ```ts
 * const options: JarRequestOptions = { http: false, sameSiteContext: 'strict', now: Date.now() };
 * ```
 */
export interface JarRequestOptions {
  /** `false` is the `document.cookie` view: no HttpOnly cookies read or written. @default true */
  http?: boolean | undefined;
  /** @default 'strict' (a same-site request) */
  sameSiteContext?: SameSiteContext | undefined;
  /** The top-level site or URL the request is made under, for CHIPS partitions. @default the request URL's site */
  topLevelSite?: string | URL | undefined;
  /** The clock: a Date or epoch milliseconds. @default Date.now() */
  now?: Date | number | undefined;
}

/**
 * Why a `Set-Cookie` line was not stored, one code per rule of RFC 6265bis §5.6-§5.7 (and Chromium).
 *
 * @example
 * ```ts
 * jar.setCookieResult('a=1; Secure', 'http://example.com/').reason; // 'secure-insecure-origin'
 * ```
 */
export type RejectReason =
  | 'invalid-url'
  | 'invalid-syntax'
  | 'nameless-prefix'
  | 'invalid-domain'
  | 'public-suffix'
  | 'domain-mismatch'
  | 'secure-insecure-origin'
  | 'httponly-non-http'
  | 'overwrite-secure'
  | 'overwrite-httponly'
  | 'samesite-cross-site'
  | 'samesite-none-insecure'
  | 'prefix'
  | 'partitioned-insecure'
  | 'expired';

/**
 * The outcome of {@link CookieJar.setCookieResult}: the stored cookie, or why nothing was stored
 * (`'expired'` when the line deleted a cookie or arrived already expired).
 *
 * @example
 * ```ts
 * const r = jar.setCookieResult('id=1', 'https://example.com/');
 * if (r.cookie === undefined) console.log(r.reason, r.detail);
 * ```
 */
export type SetCookieResult =
  | { cookie: JarCookie; reason?: undefined; detail?: undefined }
  | { cookie: undefined; reason: RejectReason; detail: string };
