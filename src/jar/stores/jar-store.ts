/** @module The synchronous store contract a {@link CookieJar} keeps its cookies in. */
import type { CookieIdentity, JarCookie } from '../types.js';

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
  /** Every cookie under `key`, all partitions, in insertion order. */
  findByKey(key: string): JarCookie[];
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
