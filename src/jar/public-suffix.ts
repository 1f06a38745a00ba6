/**
 * @module The public suffix check of RFC 6265bis §5.7 and the "site" of CHIPS partitions, through
 * `tldts` (the Public Suffix List, private registries included, as Chromium reads it for cookies).
 */
import { getDomain } from 'tldts';

/** Chromium reads the private section of the list too (e.g. `github.io`) for cookie domains. */
const tldtsOptions = { allowPrivateDomains: true } as const;

/**
 * The jar's one memory of earlier inputs: registrable domains of hosts seen before. tldts costs about
 * a microsecond a call and a cookie write asks up to three times (§5.7 step 9, the store key, the
 * eviction key), while a client's traffic keeps coming back to the same hosts. Measured on the stream
 * bench (bench/jar-stream.ts: 2000 distinct lines and 2000 distinct URLs over 40 sites, 200 hosts;
 * 21 interleaved rounds, Node 20): without it, a setCookie pass takes 1.27 x and a Cookie header pass
 * 1.30 x as long. Bounded (cleared when full); `clearRegistrableDomainMemo` empties it. It never
 * changes an answer: each entry is tldts's answer for that host.
 */
const cache = new Map<string, string | null>();
const CACHE_LIMIT = 2048;

/**
 * Empties the memo of {@link registrableDomain} (for tests: answers do not depend on it).
 *
 * @example
 * ```ts
 * clearRegistrableDomainMemo();
 * ```
 */
export function clearRegistrableDomainMemo(): void {
  cache.clear();
}

/**
 * The registrable domain (eTLD+1) of a canonical host, or `undefined` when it has none: a public
 * suffix itself (`co.uk`, `github.io`), a single-label name (`localhost`, `intranet`) or an IP
 * address. Unknown top-level labels count as one-label suffixes (`web-platform.test` is registrable),
 * as Chromium's `GetDomainAndRegistry` treats unknown registries.
 *
 * @example
 * ```ts
 * registrableDomain('a.b.example.co.uk'); // 'example.co.uk'
 * registrableDomain('co.uk'); // undefined
 * registrableDomain('localhost'); // undefined
 * ```
 */
export function registrableDomain(host: string): string | undefined {
  let result = cache.get(host);
  if (result === undefined) {
    // tldts wants a bare IPv6 address; a bracketed one is an IP all the same.
    result = host.charCodeAt(0) === 0x5b ? null : getDomain(host, tldtsOptions);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(host, result);
  }
  return result ?? undefined;
}

/**
 * True when `domain` is a public suffix or has no registrable domain at all, so a Domain attribute
 * naming it may only give a host-only cookie (RFC 6265bis §5.7 step 9).
 *
 * @example
 * ```ts
 * isPublicSuffix('co.uk'); // true
 * isPublicSuffix('localhost'); // true (no registrable domain)
 * isPublicSuffix('example.co.uk'); // false
 * ```
 */
export function isPublicSuffix(domain: string): boolean {
  return registrableDomain(domain) === undefined;
}

/**
 * The key cookies are counted and stored under: the registrable domain of `domain`, or `domain`
 * itself when it has none (`localhost`, an IP). Every cookie that can domain-match a host shares the
 * host's key, which is what Chromium's per-domain limit counts.
 *
 * @example
 * ```ts
 * domainKey('www.example.com'); // 'example.com'
 * domainKey('127.0.0.1'); // '127.0.0.1'
 * ```
 */
export function domainKey(domain: string): string {
  return registrableDomain(domain) ?? domain;
}

/**
 * The schemeful site of a URL (`https://example.com`), the key of a CHIPS partition: scheme plus
 * registrable domain (or the host when it has none).
 *
 * @example
 * ```ts
 * siteOf(new URL('https://a.example.co.uk/x')); // 'https://example.co.uk'
 * ```
 */
export function siteOf(url: URL): string {
  const scheme = url.protocol.slice(0, -1);
  return `${scheme}://${domainKey(url.hostname)}`;
}
