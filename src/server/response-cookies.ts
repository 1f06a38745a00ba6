/** @module `ResponseCookies`: Werkzeug's `set_cookie` / `delete_cookie` over a Fetch `Headers`. */
import { parseSetCookie, stringifySetCookie } from '../codec/set-cookie.js';
import type { CookieOptions, SetCookie, StringifySetCookieOptions } from '../codec/types.js';

/**
 * Options of {@link ResponseCookies.set}: every parameter of Flask's `set_cookie` (`maxAge` in
 * seconds, `expires`, `path`, `domain`, `secure`, `httpOnly`, `sameSite`) plus `partitioned`,
 * `priority`, the value `encoding` and the clock `now`. A key left `undefined` takes the default.
 *
 * @example
 * ```ts
 * const options: ResponseCookieOptions = { maxAge: 30, path: '/cookies', httpOnly: true };
 * ```
 */
export type ResponseCookieOptions = StringifySetCookieOptions;

/**
 * Options of {@link ResponseCookies.delete}: the attributes that name the cookie to remove (`path`,
 * `domain`) and the ones a browser needs to accept the removal (`secure`, `httpOnly`, `sameSite`,
 * `partitioned`), as Werkzeug's `delete_cookie` takes them, plus the clock `now`.
 *
 * @example
 * ```ts
 * const options: DeleteCookieOptions = { path: '/cookies', domain: 'example.com' };
 * ```
 */
export type DeleteCookieOptions = Pick<
  CookieOptions,
  'path' | 'domain' | 'secure' | 'httpOnly' | 'sameSite' | 'partitioned'
> &
  Pick<StringifySetCookieOptions, 'now'>;

/**
 * The defaults of a {@link ResponseCookies}, merged under the options of each call. Flask's are built
 * in: `path: '/'`, `syncExpires: true` (Werkzeug writes `Expires` next to `Max-Age`), `encoding: 'uri'`.
 * A key given here as `undefined` removes that built-in default (`{ path: undefined }`: no Path).
 *
 * @example
 * ```ts
 * const defaults: ResponseCookiesOptions = { secure: true, httpOnly: true, sameSite: 'lax' };
 * ```
 */
export type ResponseCookiesOptions = StringifySetCookieOptions;

/**
 * Which of the cookies a response sets {@link ResponseCookies.get} picks: the attributes given must
 * match (Domain compared as a browser stores it: lowercase, no leading dot).
 *
 * @example
 * ```ts
 * const which: CookieIdentity = { path: '/cookies' };
 * ```
 */
export interface CookieIdentity {
  domain?: string | undefined;
  path?: string | undefined;
}

/** Flask's `set_cookie` defaults. */
const FLASK_DEFAULTS: ResponseCookiesOptions = { path: '/', syncExpires: true, encoding: 'uri' };

/**
 * The cookies a response sets, as `Set-Cookie` headers on a Fetch `Headers`: Werkzeug's
 * `response.set_cookie` and `response.delete_cookie`.
 *
 * Each cookie is its own `Set-Cookie` header (appended, never comma-joined; read them back with
 * `headers.getSetCookie()`). A cookie's identity is its name, domain and path: setting the same
 * identity again replaces the earlier header in place, while the same name on two paths is two
 * headers (two cookies in the browser). Headers added to the same `Headers` by other code are kept
 * and take part in that replacement.
 *
 * Unlike Werkzeug (which appends a second header), setting an identity twice leaves one header: the
 * browser would apply both in order and keep the last, so the earlier one is only bytes.
 *
 * @example
 * ```ts
 * import { ResponseCookies } from 'shortbread';
 *
 * const headers = new Headers();
 * const cookies = new ResponseCookies(headers);
 * cookies.set('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' });
 * cookies.delete('old');
 * headers.getSetCookie();
 * // ['flavor=chocolate%20chip; Expires=…; Max-Age=30; Path=/cookies',
 * //  'old=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/']
 * ```
 */
export class ResponseCookies {
  readonly #headers: Headers;
  readonly #defaults: ResponseCookiesOptions;
  /** Identity key of each `Set-Cookie` line already seen (lines are immutable strings). */
  readonly #identities = new Map<string, string | null>();

  /**
   * @param target - the `Headers` to write to, or a `Response` (its headers must be mutable: a
   *   `Response` you built, not one from `fetch` or `Response.redirect`).
   * @param defaults - merged under each call's options; see {@link ResponseCookiesOptions}.
   *
   * @example
   * ```ts
   * const cookies = new ResponseCookies(response.headers, { secure: true, sameSite: 'lax' });
   * ```
   */
  constructor(target: Headers | Response, defaults?: ResponseCookiesOptions) {
    this.#headers = 'headers' in target ? target.headers : target;
    this.#defaults = { ...FLASK_DEFAULTS, ...defaults };
  }

  /**
   * Sets a cookie (Flask's `set_cookie`). Replaces an earlier header of the same name, domain and
   * path. Throws `CookieError` for what no browser would keep or what would inject attributes.
   *
   * @example
   * ```ts
   * cookies.set('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' });
   * cookies.set('chocolate type', 'dark');
   * ```
   */
  set(name: string, value: string, options?: ResponseCookieOptions): this {
    const merged: StringifySetCookieOptions = { ...this.#defaults };
    if (options !== undefined) assignDefined(merged, options);
    this.#put(stringifySetCookie(name, value, merged));
    return this;
  }

  /**
   * Tells the browser to remove a cookie, as Werkzeug's `delete_cookie` does: an empty value,
   * `Expires=Thu, 01 Jan 1970 00:00:00 GMT` and `Max-Age=0`, with the path and domain that name the
   * cookie (default Path `/`) and the flags the browser needs to accept it. Replaces a header set
   * earlier in this response for the same cookie.
   *
   * @example
   * ```ts
   * cookies.delete('flavor', { path: '/cookies' });
   * // 'flavor=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/cookies'
   * ```
   */
  delete(name: string, options?: DeleteCookieOptions): this {
    // The attributes come from the defaults; the lifetime and the encoding never do.
    const { path, domain, secure, httpOnly, sameSite, partitioned, now } = this.#defaults;
    const merged: StringifySetCookieOptions = {};
    assignDefined(merged, { path, domain, secure, httpOnly, sameSite, partitioned, now });
    if (options !== undefined) assignDefined(merged, options);
    // Werkzeug's delete_cookie: set_cookie(key, expires=0, max_age=0, ...). The Expires is written
    // as given (the epoch), not synced from Max-Age.
    merged.expires = 0;
    merged.maxAge = 0;
    merged.syncExpires = false;
    this.#put(stringifySetCookie(name, '', merged));
    return this;
  }

  /**
   * What this response sets for `name`, parsed as a browser would read it (value decoded), or
   * `undefined`. With `which`, only a cookie of that domain and/or path; without, the first one.
   *
   * @example
   * ```ts
   * cookies.set('flavor', 'chocolate chip', { maxAge: 30 });
   * cookies.get('flavor')?.maxAge; // 30
   * cookies.get('flavor', { path: '/other' }); // undefined
   * ```
   */
  get(name: string, which?: CookieIdentity): SetCookie | undefined {
    for (const line of this.#headers.getSetCookie()) {
      const cookie = this.#parse(line);
      if (cookie !== undefined && cookie.name === name && matches(cookie, which)) return cookie;
    }
    return undefined;
  }

  /**
   * Every cookie this response sets, or every one called `name`, parsed, in header order.
   *
   * @example
   * ```ts
   * cookies.set('a', '1', { path: '/x' }).set('a', '2', { path: '/y' });
   * cookies.getAll('a').map((c) => c.path); // ['/x', '/y']
   * ```
   */
  getAll(name?: string): SetCookie[] {
    const all: SetCookie[] = [];
    for (const line of this.#headers.getSetCookie()) {
      const cookie = this.#parse(line);
      if (cookie !== undefined && (name === undefined || cookie.name === name)) all.push(cookie);
    }
    return all;
  }

  /**
   * Whether this response sets (or deletes) a cookie called `name`, optionally of a domain/path.
   *
   * @example
   * ```ts
   * cookies.set('a', '1');
   * cookies.has('a'); // true
   * ```
   */
  has(name: string, which?: CookieIdentity): boolean {
    return this.get(name, which) !== undefined;
  }

  #parse(line: string): SetCookie | undefined {
    const now = this.#defaults.now;
    return parseSetCookie(line, now === undefined ? undefined : { now });
  }

  /** `name NUL domain NUL path` as a browser stores it, or null for a line a browser would ignore. */
  #identity(line: string): string | null {
    let key = this.#identities.get(line);
    if (key === undefined) {
      const cookie = parseSetCookie(line, { decode: keep });
      key =
        cookie === undefined
          ? null
          : `${cookie.name}\0${cookie.domain ?? ''}\0${cookie.path ?? ''}`;
      this.#identities.set(line, key);
    }
    return key;
  }

  /** Appends `line`, or puts it in place of the earlier header(s) for the same cookie. */
  #put(line: string): void {
    const key = this.#identity(line);
    const lines = this.#headers.getSetCookie();
    let found = false;
    const kept: string[] = [];
    for (const existing of lines) {
      if (key !== null && this.#identity(existing) === key) {
        if (!found) kept.push(line);
        found = true;
      } else {
        kept.push(existing);
      }
    }
    if (!found) {
      this.#headers.append('set-cookie', line);
      return;
    }
    this.#headers.delete('set-cookie');
    for (const each of kept) this.#headers.append('set-cookie', each);
  }
}

/** Copies the keys of `from` whose value is not `undefined`: an unset option takes the default. */
function assignDefined(to: object, from: object): void {
  const target = to as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) if (value !== undefined) target[key] = value;
}

function matches(cookie: SetCookie, which: CookieIdentity | undefined): boolean {
  if (which === undefined) return true;
  if (which.path !== undefined && cookie.path !== which.path) return false;
  if (which.domain !== undefined && cookie.domain !== normalizeDomain(which.domain)) return false;
  return true;
}

/** RFC 6265bis §5.6.3: a leading dot is dropped and the domain is compared lowercase. */
function normalizeDomain(domain: string): string {
  return (domain.startsWith('.') ? domain.slice(1) : domain).toLowerCase();
}

function keep(value: string): string {
  return value;
}
