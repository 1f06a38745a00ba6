/**
 * @module The shapes the codec reads and writes: cookie attributes, parsed Set-Cookie lines, options.
 *
 * Section numbers (§) of RFC 6265bis are those of draft-ietf-httpbis-rfc6265bis-22.
 */

/**
 * The SameSite attribute (RFC 6265bis §4.1.2.7), lowercase. Builders also accept the capitalised
 * spellings Flask uses (`'Strict'`, `'Lax'`, `'None'`).
 *
 * @example
 * ```ts
 * const mode: SameSite = 'lax';
 * ```
 */
export type SameSite = 'strict' | 'lax' | 'none';

/**
 * Chromium's Priority attribute, lowercase. Builders also accept `'Low'`, `'Medium'`, `'High'`.
 *
 * @example
 * ```ts
 * const p: Priority = 'high';
 * ```
 */
export type Priority = 'low' | 'medium' | 'high';

/**
 * How a cookie value is written into a `Set-Cookie` header.
 *
 * - `'uri'` (default): percent-encode only what is not a cookie-octet, as `encodeURIComponent` would
 *   (so every browser and every peer library reads it back unchanged).
 * - `'werkzeug'`: byte-identical to Werkzeug's `dump_cookie` quoting (`"caf\303\251"`), so a Flask app
 *   on the same domain reads it.
 * - `'raw'`: sent as given, after validation.
 *
 * @example
 * ```ts
 * stringifySetCookie('flavor', 'chocolate chip', { encoding: 'werkzeug' }); // 'flavor="chocolate chip"'
 * ```
 */
export type CookieEncoding = 'uri' | 'werkzeug' | 'raw';

/**
 * The attributes of a cookie being sent: every parameter of Flask's `set_cookie`, plus `partitioned`
 * and `priority`.
 *
 * @example
 * ```ts
 * const options: CookieOptions = { maxAge: 30, path: '/cookies', httpOnly: true, sameSite: 'lax' };
 * ```
 */
export interface CookieOptions {
  /** Lifetime in seconds (Flask's `max_age`); 0 or less deletes. Capped at 400 days. */
  maxAge?: number | undefined;
  /** Absolute expiry, as a Date or epoch milliseconds. Capped at `now` + 400 days. */
  expires?: Date | number | undefined;
  /** The Path attribute. The codec adds none by default; `ResponseCookies` defaults to `/` as Flask does. */
  path?: string | undefined;
  /** The Domain attribute (a leading dot is allowed and ignored by browsers). */
  domain?: string | undefined;
  /** Only sent over HTTPS (and to localhost). Required by `SameSite=None`, `Partitioned`, and the prefixes. */
  secure?: boolean | undefined;
  /** Hidden from `document.cookie`. */
  httpOnly?: boolean | undefined;
  /** Cross-site sending policy. */
  sameSite?: SameSite | 'Strict' | 'Lax' | 'None' | undefined;
  /** CHIPS: keyed by the top-level site. Requires `secure`. */
  partitioned?: boolean | undefined;
  /** Chromium's eviction priority. */
  priority?: Priority | 'Low' | 'Medium' | 'High' | undefined;
}

/**
 * Options of {@link stringifySetCookie}: the attributes, how the value is encoded, and the clock.
 *
 * @example
 * ```ts
 * const options: StringifySetCookieOptions = { maxAge: 30, encoding: 'werkzeug', syncExpires: true };
 * ```
 */
export interface StringifySetCookieOptions extends CookieOptions {
  /** How the value is written. @default 'uri' */
  encoding?: CookieEncoding | undefined;
  /** A custom value encoder; replaces `encoding`. Its output is validated like a raw value. */
  encode?: ((value: string) => string) | undefined;
  /**
   * Also write `Expires` = now + `maxAge` when only `maxAge` is given, as Werkzeug's `dump_cookie` does
   * (for user agents that ignore Max-Age). @default false
   */
  syncExpires?: boolean | undefined;
  /** The clock, for the 400-day cap and `syncExpires`: a Date or epoch milliseconds. @default Date.now() */
  now?: Date | number | undefined;
}

/**
 * One `Set-Cookie` line as a browser understands it (RFC 6265bis §5.6). Attributes that were absent
 * or ignored are left out; flags are always present.
 *
 * @example
 * ```ts
 * const c: SetCookie = parseSetCookie('id=1; Path=/; HttpOnly')!;
 * c.httpOnly; // true
 * ```
 */
export interface SetCookie {
  /** The cookie name; `''` for a nameless cookie (a line without `=`). */
  name: string;
  /** The value, decoded (see {@link ParseSetCookieOptions.decode}). */
  value: string;
  /** From Expires (§5.6.1), capped at now + 400 days. */
  expires?: Date;
  /** From Max-Age (§5.6.2) in seconds, capped at 400 days; 0 or less means "expire now". */
  maxAge?: number;
  /** From Domain (§5.6.3): lowercase, leading dot removed. */
  domain?: string;
  /** From Path (§5.6.4): only kept when it starts with `/`. */
  path?: string;
  secure: boolean;
  httpOnly: boolean;
  /** From SameSite (§5.6.7); absent when missing or not one of the three values. */
  sameSite?: SameSite;
  partitioned: boolean;
  /** Chromium's Priority; absent when missing or invalid. */
  priority?: Priority;
  /** Unknown attributes, in order, as `name` or `name=value` (trimmed). */
  extensions?: string[];
}

/**
 * Options of {@link parseSetCookie}.
 *
 * @example
 * ```ts
 * parseSetCookie('a=%20b', { decode: (v) => v })?.value; // '%20b'
 * ```
 */
export interface ParseSetCookieOptions {
  /** Replaces the default value decoding (quotes, Werkzeug octal escapes, valid `%XX`). */
  decode?: ((value: string) => string) | undefined;
  /** The 400-day cap on Expires and Max-Age, in seconds; `Infinity` reports the raw values. */
  maxAgeLimit?: number | undefined;
  /** The clock for the Expires cap: a Date or epoch milliseconds. @default Date.now() */
  now?: Date | number | undefined;
}

/**
 * Options of {@link parseCookie}.
 *
 * @example
 * ```ts
 * parseCookie('a=%20b', { decode: (v) => v }).a; // '%20b'
 * ```
 */
export interface ParseCookieOptions {
  /** Replaces the default value decoding (quotes, Werkzeug octal escapes, valid `%XX`). */
  decode?: ((value: string) => string) | undefined;
}

/**
 * A parsed `Cookie` header: a null-prototype record, so `__proto__` is a name like any.
 *
 * @example
 * ```ts
 * const cookies: Cookies = parseCookie('a=1');
 * ```
 */
export type Cookies = Record<string, string>;
