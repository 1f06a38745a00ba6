/** @module `ResponseCookies`: Werkzeug's `set_cookie` / `delete_cookie` over a Fetch `Headers`. */
import { parseSetCookie, stringifySetCookie } from '../codec/set-cookie.js';
import type { CookieOptions, SetCookie, StringifySetCookieOptions } from '../codec/types.js';
import { keepRaw } from '../internal/keep-raw.js';

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

/**
 * Where a {@link ResponseCookies} writes: a Fetch `Headers`, a `Response` (its headers), or a plain
 * array of `Set-Cookie` lines that it edits in place, for a server that is not Fetch-based (a Node
 * `ServerResponse` holds such an array by reference, so no `Headers` object is needed per response).
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * new ResponseCookies(lines).set('a', '1');
 * lines; // ['a=1; Path=/']
 * ```
 */
export type ResponseCookiesTarget = Headers | Response | string[];

/** No options: what {@link fixedShape} lays over (declared before the defaults built with it). */
const NO_OPTIONS: StringifySetCookieOptions = {};

/** Flask's `set_cookie` defaults; shared (never written to) when a `ResponseCookies` has no others. */
const FLASK_DEFAULTS: ResponseCookiesOptions = Object.freeze(
  fixedShape({ path: '/', syncExpires: true, encoding: 'uri' }),
);

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
  /** The `Headers` written to, or null when the target is an array of lines. */
  readonly #headers: Headers | null;
  /** The array of lines written to in place, or null when the target is a `Headers`. */
  readonly #lines: string[] | null;
  readonly #defaults: ResponseCookiesOptions;
  /** The lines whose identity keys are known, by position (see #identityAt), and those keys. */
  readonly #seenLines: string[] = [];
  readonly #seenKeys: (string | null | undefined)[] = [];

  /**
   * @param target - the `Headers` to write to, a `Response` (its headers must be mutable: a
   *   `Response` you built, not one from `fetch` or `Response.redirect`), or an array of
   *   `Set-Cookie` lines to edit in place (see {@link ResponseCookiesTarget}).
   * @param defaults - merged under each call's options; see {@link ResponseCookiesOptions}.
   *
   * @example
   * ```ts
   * const cookies = new ResponseCookies(response.headers, { secure: true, sameSite: 'lax' });
   * ```
   */
  constructor(target: ResponseCookiesTarget, defaults?: ResponseCookiesOptions) {
    if (Array.isArray(target)) {
      this.#headers = null;
      this.#lines = target;
    } else {
      this.#headers = 'headers' in target ? target.headers : target;
      this.#lines = null;
    }
    // Object.assign rather than a spread (see withDefaults), and no copy at all without defaults.
    this.#defaults =
      defaults === undefined
        ? FLASK_DEFAULTS
        : fixedShape(Object.assign({}, FLASK_DEFAULTS, defaults));
  }

  /** The current `Set-Cookie` lines (the live array, or a copy read from the `Headers`). */
  #current(): readonly string[] {
    return this.#lines ?? (this.#headers as Headers).getSetCookie();
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
    this.#put(
      stringifySetCookie(
        name,
        value,
        options === undefined ? this.#defaults : withDefaults(this.#defaults, options),
      ),
    );
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
    for (const line of this.#current()) {
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
    for (const line of this.#current()) {
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

  /**
   * `name NUL domain NUL path` of the line at `index` (`line`), as a browser stores it, or null for a
   * line a browser would ignore. Kept by position: lines are immutable strings, so a key is reused
   * while the same line is still at that index, with no hashing of lines as map keys.
   */
  #identityAt(index: number, line: string): string | null {
    if (this.#seenLines[index] === line) {
      const known = this.#seenKeys[index];
      if (known !== undefined) return known;
      // A line this object wrote, whose key was not needed yet.
      const key = identityOfValidLine(line);
      this.#seenKeys[index] = key;
      return key;
    }
    const cookie = parseSetCookie(line, { decode: keepRaw });
    const key =
      cookie === undefined ? null : `${cookie.name}\0${cookie.domain ?? ''}\0${cookie.path ?? ''}`;
    this.#seenLines[index] = line;
    this.#seenKeys[index] = key;
    return key;
  }

  /** Appends `line` (built by `stringifySetCookie`), or puts it in place of the earlier header(s) for the same cookie. */
  #put(line: string): void {
    const lines = this.#current();
    // Nothing to replace: no need to know the identity of the new line yet.
    if (lines.length === 0) {
      this.#append(line);
      // Known to be ours; its key is read only if a second line needs comparing.
      this.#seenLines[0] = line;
      this.#seenKeys[0] = undefined;
      return;
    }
    // A line we just built is valid, so its identity is read from its attributes alone, without the
    // full parse (dates, decoding) that lines from elsewhere get; and only once a line of the same
    // name turns up (most responses set distinct names).
    const name = nameOfValidLine(line);
    let key: string | undefined;
    // The positions of the lines that set the same cookie, in order.
    let same: number[] | undefined;
    for (let i = 0; i < lines.length; i++) {
      const existing = lines[i] as string;
      // A line's cookie name is a piece of it, taken as it is: without the name, no match.
      if (name !== '' && existing.indexOf(name) === -1) continue;
      key ??= identityOfValidLine(line);
      if (this.#identityAt(i, existing) !== key) continue;
      same ??= [];
      same.push(i);
    }
    let found: number;
    if (same === undefined) {
      found = lines.length;
      this.#append(line);
    } else {
      // The first line of the same cookie takes the new one, later ones go.
      found = same[0] as number;
      this.#replace(lines, found, same.slice(1), line);
      // The positions after a removed line moved: their kept keys no longer line up (re-read).
      if (same.length > 1) this.#seenLines.length = same[1] as number;
    }
    this.#seenLines[found] = line;
    this.#seenKeys[found] = key;
  }

  /** Puts `line` at `at` and drops the lines at `drop` (ascending), in the array or the `Headers`. */
  #replace(lines: readonly string[], at: number, drop: readonly number[], line: string): void {
    const array = this.#lines;
    if (array !== null) {
      array[at] = line;
      for (let j = drop.length - 1; j >= 0; j--) array.splice(drop[j] as number, 1);
      return;
    }
    // A `Headers` cannot edit one Set-Cookie line: write them all again.
    const headers = this.#headers as Headers;
    headers.delete('set-cookie');
    for (let i = 0; i < lines.length; i++) {
      if (i === at) headers.append('set-cookie', line);
      else if (!drop.includes(i)) headers.append('set-cookie', lines[i] as string);
    }
  }

  #append(line: string): void {
    if (this.#lines !== null) this.#lines.push(line);
    else (this.#headers as Headers).append('set-cookie', line);
  }
}

/** Copies the keys of `from` whose value is not `undefined`: an unset option takes the default. */
function assignDefined(to: object, from: object): void {
  const target = to as Record<string, unknown>;
  const source = from as Record<string, unknown>;
  for (const key in source) {
    const value = source[key];
    if (value !== undefined) target[key] = value;
  }
}

/**
 * Every key of {@link StringifySetCookieOptions}, each present (`undefined` when unset): typing
 * {@link withDefaults}'s result so makes the compiler name an option the merge leaves out.
 */
type EveryOption = { [K in keyof StringifySetCookieOptions]-?: StringifySetCookieOptions[K] };

/**
 * The defaults with each defined option laid over them, as an object of one fixed shape: every
 * option key, in one order, `undefined` where unset (which `stringifySetCookie` reads as unset).
 * One shape for every call keeps the option reads in `stringifySetCookie` monomorphic; objects of
 * whatever keys each call happened to pass made them megamorphic, which cost more than the merge.
 */
function withDefaults(d: StringifySetCookieOptions, o: StringifySetCookieOptions): EveryOption {
  return {
    maxAge: o.maxAge !== undefined ? o.maxAge : d.maxAge,
    expires: o.expires !== undefined ? o.expires : d.expires,
    path: o.path !== undefined ? o.path : d.path,
    domain: o.domain !== undefined ? o.domain : d.domain,
    secure: o.secure !== undefined ? o.secure : d.secure,
    httpOnly: o.httpOnly !== undefined ? o.httpOnly : d.httpOnly,
    sameSite: o.sameSite !== undefined ? o.sameSite : d.sameSite,
    partitioned: o.partitioned !== undefined ? o.partitioned : d.partitioned,
    priority: o.priority !== undefined ? o.priority : d.priority,
    encoding: o.encoding !== undefined ? o.encoding : d.encoding,
    encode: o.encode !== undefined ? o.encode : d.encode,
    syncExpires: o.syncExpires !== undefined ? o.syncExpires : d.syncExpires,
    now: o.now !== undefined ? o.now : d.now,
  };
}

/** `options` as an object of the fixed shape {@link withDefaults} makes. */
function fixedShape(options: StringifySetCookieOptions): StringifySetCookieOptions {
  return withDefaults(options, NO_OPTIONS);
}

/**
 * `name NUL domain NUL path` of a line `stringifySetCookie` wrote, by the same rules as
 * `parseSetCookie` (§5.6.3: one leading dot dropped, lowercase; §5.6.4: only a Path starting with
 * "/"), reading nothing else. Such a line is canonical: each attribute at most once, written as
 * `; Domain=` and `; Path=`, and no attribute value holds a ";", so a search finds them.
 */
function identityOfValidLine(line: string): string {
  let end = line.indexOf(';');
  if (end === -1) end = line.length;
  return `${nameOfValidLine(line)}\0${attributeOf(line, '; Domain=', end, true)}\0${attributeOf(line, '; Path=', end, false)}`;
}

/** The cookie name of a line `stringifySetCookie` wrote: before the first "=", or "" for a nameless one. */
function nameOfValidLine(line: string): string {
  const eq = line.indexOf('=');
  if (eq === -1) return '';
  const semicolon = line.indexOf(';');
  return semicolon !== -1 && semicolon < eq ? '' : line.slice(0, eq);
}

/** The value of a canonical attribute (`; Name=`) after `from`, or "" when it is not there. */
function attributeOf(line: string, prefix: string, from: number, isDomain: boolean): string {
  const at = line.indexOf(prefix, from);
  if (at === -1) return '';
  const start = at + prefix.length;
  let stop = line.indexOf(';', start);
  if (stop === -1) stop = line.length;
  const value = line.slice(start, stop);
  if (isDomain) return value === '' ? '' : normalizeDomain(value);
  return value.startsWith('/') ? value : '';
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
