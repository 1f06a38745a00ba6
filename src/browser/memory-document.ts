/**
 * @module `MemoryDocument`: a `document.cookie` that lives in memory and behaves like a browser's, for
 * server-side rendering and tests.
 */
import { type BrowserCookies, type CookieDocument, createCookies } from './cookies.js';
import { splitPair } from './split-pair.js';

/**
 * Options of {@link MemoryDocument}.
 *
 * @example
 * ```ts
 * const options: MemoryDocumentOptions = { cookie: 'theme=dark', now: () => Date.now() };
 * ```
 */
export interface MemoryDocumentOptions {
  /** A `Cookie` request header to start from (server-side rendering): each pair becomes a cookie on `/`. */
  cookie?: string | undefined;
  /** The clock, in epoch milliseconds, for expiry. @default Date.now */
  now?: (() => number) | undefined;
}

interface StoredCookie {
  name: string;
  value: string;
  /** The host for a host-only cookie; the Domain attribute with a leading dot for a domain cookie. */
  domain: string;
  path: string;
  /** Epoch milliseconds; Infinity for a session cookie. */
  expires: number;
  secure: boolean;
}

/**
 * A document's cookie view at `url`, in memory. Reading `cookie` gives what `document.cookie` would
 * give there: unexpired cookies whose domain and path match, Secure ones only on a secure origin
 * (https, or localhost as Chromium allows), longest path first, then oldest. Writing it stores one
 * `Set-Cookie`-like line as a browser's JavaScript write does: HttpOnly lines are ignored, Max-Age
 * wins over Expires, 0 or a past date deletes, Secure needs a secure origin, SameSite=None needs
 * Secure, and the `__Secure-` and `__Host-` prefixes hold. Assign `url` to navigate.
 *
 * Left out to stay small (the jar, `shortbread/jar`, has them all): the public-suffix list, the
 * RFC 6265bis §5.1.1 date algorithm (Expires is read with `Date.parse`, which reads every date
 * `toUTCString` and HTTP write), the 4096-byte and 400-day limits, and an insecure origin's
 * shadowing of Secure cookies (§5.7 step 16).
 *
 * @example
 * ```ts
 * import { MemoryDocument } from 'shortbread/browser/memory';
 * const doc = new MemoryDocument('https://example.com/cookies');
 * doc.cookie = 'flavor=chocolate%20chip; Max-Age=30'; // Path defaults to /, the URL's directory
 * doc.cookie = 'hidden=1; HttpOnly'; // ignored, as a browser does
 * doc.cookie; // 'flavor=chocolate%20chip'
 * ```
 */
export class MemoryDocument implements CookieDocument {
  /** The page's address; assign another one to navigate. */
  url: URL;
  /** By identity (name, domain, path), in creation order. */
  readonly #jar = new Map<string, StoredCookie>();
  readonly #now: () => number;

  constructor(url: string | URL = 'http://localhost/', options: MemoryDocumentOptions = {}) {
    this.url = new URL(url);
    this.#now = options.now ?? Date.now;
    for (const pair of (options.cookie ?? '').split(';')) {
      if (pair.trim()) this.cookie = `${pair}; Path=/`;
    }
  }

  /** Whether Secure cookies may be set and read here ("potentially trustworthy", as Chromium has it). */
  get #secure(): boolean {
    return /^https:|^http:\/\/(localhost|127\.[\d.]+|\[::1\])[:/]/.test(this.url.href);
  }

  /** The cookies this page's JavaScript sees, as `name=value` pairs joined by `"; "`. */
  get cookie(): string {
    const { hostname, pathname } = this.url;
    const now = this.#now();
    return (
      [...this.#jar.values()]
        // RFC 6265bis §5.8.3 step 1: unexpired, domain-match (§5.1.3), path-match (§5.1.4), Secure.
        .filter(
          ({ domain, path, expires, secure }) =>
            expires > now &&
            (domain[0] === '.' ? `.${hostname}`.endsWith(domain) : hostname === domain) &&
            pathname.startsWith(path) &&
            (path.endsWith('/') || /^(\/|$)/.test(pathname.slice(path.length))) &&
            (!secure || this.#secure),
        )
        // §5.8.3 step 2: longer paths first; the sort is stable, so earlier creation next.
        .sort((a, b) => b.path.length - a.path.length)
        .map(({ name, value }) => (name ? `${name}=${value}` : value))
        .join('; ')
    );
  }

  /** Stores one cookie from a `Set-Cookie`-like line, or ignores it as a browser would. */
  set cookie(line: string) {
    const [pair = '', ...attributes] = String(line).split(';');
    const [name, value] = splitPair(pair);
    // RFC 6265bis §5.6 step 6: no name and no value ignores the line.
    if (!name && !value) return;
    const now = this.#now();
    let expires = Number.POSITIVE_INFINITY;
    let maxAge: number | undefined;
    let domain = '';
    let path = '';
    let secure = false;
    let none = false;
    for (const attribute of attributes) {
      // §5.6 step 8: the attribute name is what comes before "=", or all of it.
      let [key, text] = splitPair(attribute);
      if (!key) [key, text] = [text, ''];
      key = key.toLowerCase();
      // §5.6.1-§5.6.2: Expires is a date, Max-Age digits with an optional "-". Not in RFC 6265bis
      // (which ignores an invalid attribute and so keeps an earlier one): as Chromium, the last of
      // each name counts, and when it is invalid the cookie has no such attribute. Expires is read
      // with Date.parse, not the §5.1.1 algorithm.
      if (key === 'expires') {
        const time = Date.parse(text);
        expires = Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
      }
      if (key === 'max-age') maxAge = /^-?\d+$/.test(text) ? Number(text) : undefined;
      // §5.6.3: a leading dot is dropped; the host is compared in lowercase.
      if (key === 'domain') domain = text.replace(/^\.?/, '.').toLowerCase();
      // §5.6.4: a path that does not start with "/" means the default path.
      if (key === 'path') path = text[0] === '/' ? text : '';
      if (key === 'secure') secure = true;
      if (key === 'samesite') none = text.toLowerCase() === 'none';
      // §5.7 steps 14-15: the non-HTTP API cannot set an HttpOnly cookie.
      if (key === 'httponly') return;
    }
    // §5.7 step 6: Max-Age wins over Expires; 0 or less is the earliest time.
    if (maxAge !== undefined) expires = maxAge > 0 ? now + maxAge * 1000 : 0;
    const { hostname, pathname } = this.url;
    // §5.7 step 10: a Domain the host does not domain-match ignores the cookie; without one the
    // cookie is host-only. §5.7 step 11: without Path, the default path is the URL's directory.
    if (
      (domain.length > 1 && !`.${hostname}`.endsWith(domain)) ||
      // §5.7 steps 12-13: a Secure cookie only from a secure origin.
      (secure && !this.#secure) ||
      // §5.7 step 19: SameSite=None requires Secure.
      (none && !secure) ||
      // §5.7 step 20 (§4.1.3): `__Secure-` and `__Host-` need Secure.
      (/^__(secure|host)-/i.test(name) && !secure)
    ) {
      return;
    }
    const hostOnly = domain.length < 2;
    domain = hostOnly ? hostname : domain;
    path ||= pathname.slice(0, pathname.lastIndexOf('/')) || '/';
    // §5.7 step 21: `__Host-` also needs no Domain and the path "/".
    if (/^__host-/i.test(name) && (!hostOnly || path !== '/')) return;
    // §5.7 step 23: the cookie with the same name, domain and path is replaced. Not in RFC 6265bis
    // (which keeps the old creation time): Chromium keeps it only for an unchanged value, so a new
    // value moves the cookie to the end of the order.
    const key = `${name};${domain};${path}`;
    if (this.#jar.get(key)?.value !== value) this.#jar.delete(key);
    // §5.7 step 25: an expired cookie is not stored; arriving expired, it only deleted the old one.
    if (expires <= now) this.#jar.delete(key);
    else this.#jar.set(key, { name, value, domain, path, expires, secure });
  }
}

/**
 * `cookies`' API over a fresh {@link MemoryDocument} at `url`, which is also returned as `document`.
 *
 * @example
 * ```ts
 * import { createMemoryCookies } from 'shortbread/browser/memory';
 * const jar = createMemoryCookies('https://example.com/', { cookie: request.headers.get('cookie') ?? '' });
 * jar.get('theme');
 * ```
 */
export function createMemoryCookies(
  url?: string | URL,
  options?: MemoryDocumentOptions,
): BrowserCookies & { document: MemoryDocument } {
  const doc = new MemoryDocument(url, options);
  return { ...createCookies(doc), document: doc };
}
