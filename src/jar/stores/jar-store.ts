/** @module The synchronous store contract a {@link CookieJar} keeps its cookies in. */
import type { CookieIdentity, JarCookie, JarCookieView } from '../types.js';

/**
 * Where a jar keeps cookies. Cookies are grouped by `key`: the registrable domain of the cookie's
 * domain (or the domain itself when it has none), so every cookie that can match a host is found
 * under the host's key, and per-domain limits count one group. The jar does every RFC check; a store
 * only keeps what it is given. Methods are synchronous, as the jar's API is.
 *
 * @example
 * ```ts
 * const jar = new CookieJar({ store: new MemoryJarStore() });
 * ```
 */
export interface JarStore {
  /** Every cookie under `key` (only those named `name` when given), all partitions, in insertion order. */
  findByKey(key: string, name?: string): JarCookie[];
  /** How many cookies are under `key`. */
  countByKey(key: string): number;
  /**
   * Optional fast path for reads: the cookies under `key` as read-only views, in insertion order,
   * without copying. The jar falls back to `findByKey` when a store lacks it.
   */
  scan?(key: string): Iterable<JarCookieView>;
  /**
   * Optional fast path for the `Cookie` header: the cookies under `key` as read-only views in the
   * order RFC 6265bis §5.8.3 step 2 sends them (longer paths first, then earlier creation, equal ones
   * in insertion order). The store may keep this order and update the same array on later writes:
   * read it before writing again. Without it, the jar sorts what `scan` or `findByKey` gives on
   * every read.
   */
  scanInSendOrder?(key: string): readonly JarCookieView[];
  /** Inserts `cookie` under `key`, replacing a cookie with the same identity. */
  put(key: string, cookie: JarCookie): void;
  /** Removes the cookie with this identity; true when one was there. */
  remove(key: string, identity: CookieIdentity): boolean;
  /** Sets `lastAccess` on these stored cookies (after a read). */
  touch(key: string, cookies: readonly CookieIdentity[], lastAccess: Date): void;
  /** Every key that holds cookies. */
  keys(): string[];
  /** Every cookie, in insertion order per key. */
  all(): JarCookie[];
  /** How many cookies are stored. */
  readonly size: number;
  /** Removes every cookie. */
  clear(): void;
}

/**
 * RFC 6265bis §5.8.3 step 2 as a comparator: longer paths first, then earlier creation. With a stable
 * sort, cookies equal in both keep store order.
 *
 * @example
 * ```ts
 * views.slice().sort(bySendingOrder);
 * ```
 */
export function bySendingOrder(a: JarCookieView, b: JarCookieView): number {
  return b.path.length - a.path.length || a.creationAt - b.creationAt;
}

/**
 * True when `a` and `b` name the same cookie (RFC 6265bis §5.7: name, domain, host-only flag, path;
 * CHIPS adds the partition key).
 *
 * @example
 * ```ts
 * sameIdentity(a, b);
 * ```
 */
export function sameIdentity(a: CookieIdentity, b: CookieIdentity): boolean {
  return (
    a.name === b.name &&
    a.path === b.path &&
    a.domain === b.domain &&
    a.hostOnly === b.hostOnly &&
    a.partitionKey === b.partitionKey
  );
}

/**
 * A view of a plain stored cookie, for stores without a `scan` of their own.
 *
 * @example
 * ```ts
 * const view = viewOf(cookie);
 * ```
 */
export function viewOf(c: JarCookie): JarCookieView {
  return {
    name: c.name,
    value: c.value,
    domain: c.domain,
    path: c.path,
    hostOnly: c.hostOnly,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
    partitionKey: c.partitionKey,
    priority: c.priority,
    expiresAt: c.expires === undefined ? Number.NaN : c.expires.getTime(),
    creationAt: c.creation.getTime(),
    lastAccessAt: c.lastAccess.getTime(),
  };
}

/**
 * A stored cookie as a fresh plain object, from a view.
 *
 * @example
 * ```ts
 * const cookie = cookieOf(view);
 * ```
 */
export function cookieOf(v: JarCookieView): JarCookie {
  return {
    name: v.name,
    value: v.value,
    domain: v.domain,
    path: v.path,
    hostOnly: v.hostOnly,
    secure: v.secure,
    httpOnly: v.httpOnly,
    sameSite: v.sameSite,
    expires: Number.isNaN(v.expiresAt) ? undefined : new Date(v.expiresAt),
    creation: new Date(v.creationAt),
    lastAccess: new Date(v.lastAccessAt),
    partitionKey: v.partitionKey,
    priority: v.priority,
  };
}
