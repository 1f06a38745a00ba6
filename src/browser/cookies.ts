/**
 * @module `cookies`: read and write cookies from JavaScript over `document.cookie` (or any object with
 * a `cookie` property, such as a `MemoryDocument`), with the server's value encoding.
 */
import { CookieError, type CookieErrorCode } from '../codec/errors.js';
import { decodeBrowserValue, encodeBrowserValue } from './browser-value.js';

/**
 * The attributes JavaScript can give a cookie (HttpOnly is the one it cannot: a browser ignores a
 * `document.cookie` write that asks for it).
 *
 * @example
 * ```ts
 * const options: BrowserCookieOptions = { maxAge: 30, path: '/cookies', sameSite: 'lax' };
 * ```
 */
export interface BrowserCookieOptions {
  /** Lifetime in whole seconds; 0 or less deletes. */
  maxAge?: number | undefined;
  /** Expiry as a Date, or as a number of days from now (js-cookie's convention). */
  expires?: Date | number | undefined;
  /** The Path attribute. @default '/' */
  path?: string | undefined;
  /** The Domain attribute; without it the cookie is host-only. */
  domain?: string | undefined;
  /** Only sent over HTTPS (and to localhost). */
  secure?: boolean | undefined;
  /** Cross-site sending policy; the browser's default (Lax in Chromium) without it. */
  sameSite?: 'strict' | 'lax' | 'none' | 'Strict' | 'Lax' | 'None' | undefined;
  /** CHIPS: keyed by the top-level site. Needs `secure`. */
  partitioned?: boolean | undefined;
  /** The clock for `expires` in days, in epoch milliseconds. @default Date.now() */
  now?: number | undefined;
}

/**
 * Which cookie to remove: a cookie's identity is its name, domain and path, so give the `path` and
 * `domain` it was set with.
 *
 * @example
 * ```ts
 * const options: RemoveCookieOptions = { path: '/cookies' };
 * ```
 */
export type RemoveCookieOptions = Omit<BrowserCookieOptions, 'maxAge' | 'expires' | 'now'>;

/**
 * The cookies JavaScript sees, by name. `get` and `getAll` never throw, whatever the cookie string
 * holds; `set` and `remove` throw `CookieError` for a cookie no browser would keep.
 *
 * @example
 * ```ts
 * import { cookies } from 'shortbread/browser';
 * cookies.set('flavor', 'chocolate chip', { maxAge: 30 });
 * cookies.get('flavor'); // 'chocolate chip'
 * ```
 */
export interface BrowserCookies {
  /** The first value of `name` (the browser lists the most specific path first), or `undefined`. */
  get(name: string): string | undefined;
  /** Every cookie by name (first value wins), in a record without prototype. */
  getAll(): Record<string, string>;
  /** Sets a cookie; `path` defaults to `/`. */
  set(name: string, value: string, options?: BrowserCookieOptions): void;
  /** Expires the cookie with this name, path (default `/`) and domain. */
  remove(name: string, options?: RemoveCookieOptions): void;
}

/**
 * Anything with a `document.cookie`-like property: `document`, a `MemoryDocument`, a test double.
 *
 * @example
 * ```ts
 * const doc: CookieDocument = { cookie: '' };
 * ```
 */
export interface CookieDocument {
  cookie: string;
}

/** Builders throw; the message quotes the value, names the rule and says the fix. */
function check(what: string, value: unknown, valid: boolean, rule: string): void {
  if (valid) return;
  throw new CookieError(
    `ERR_COOKIE_${what === 'name' || what === 'value' ? what.toUpperCase() : 'ATTRIBUTE'}_INVALID` as CookieErrorCode,
    `cookie ${what} is invalid: ${JSON.stringify(value)} (${rule})`,
  );
}

/**
 * When `expires` ends, in epoch milliseconds: a Date as it is, a number as days from `now`
 * (js-cookie's convention). NaN for an invalid Date.
 *
 * @example
 * ```ts
 * expiryTime(2, 0); // 172800000
 * expiryTime(new Date(5000)); // 5000
 * ```
 */
export function expiryTime(expires: Date | number, now = Date.now()): number {
  return typeof expires === 'number' ? now + expires * 864e5 : +expires;
}

/**
 * Parses a `document.cookie` string into a record without prototype, first value of each name
 * winning; a pair without `=` is a nameless cookie, stored under `''` (RFC 6265bis §5.8.3 writes it
 * so). Never throws: each value is decoded on its own, so one malformed cookie leaves the rest.
 *
 * @example
 * ```ts
 * parseDocumentCookie('a=1; flavor=chocolate%20chip; a=2').flavor; // 'chocolate chip'
 * ```
 */
export function parseDocumentCookie(text: string): Record<string, string> {
  const all: Record<string, string> = Object.create(null);
  for (const pair of text.split(';')) {
    // RFC 6265bis §5.6 steps 2-4: split at the first "=" and trim both; without "=", the name is
    // empty and the whole text is the value. (Written out, not `splitPair` as MemoryDocument does:
    // a page ships this one alone, and a call costs bytes in its budget.)
    const eq = pair.indexOf('=');
    const name = eq < 0 ? '' : pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    if ((name || raw) && !(name in all)) all[name] = decodeBrowserValue(raw);
  }
  return all;
}

/**
 * Builds the string a `document.cookie` write takes: `name=value` with the server's `'uri'` encoding,
 * then the attributes. Throws `CookieError` for what a browser would drop or what would inject an
 * attribute.
 *
 * @example
 * ```ts
 * serializeBrowserCookie('flavor', 'chocolate chip', { maxAge: 30 });
 * // 'flavor=chocolate%20chip; Path=/; Max-Age=30'
 * ```
 */
export function serializeBrowserCookie(
  name: string,
  value: string,
  options: BrowserCookieOptions = {},
): string {
  const { path = '/', domain, maxAge, expires, sameSite } = options;
  // RFC 6265bis §5.6 steps 1-6: a control character drops the line, "=" or ";" would end the
  // name, and without a name the cookie would be read back as a nameless one. In an attribute, ";"
  // would start another attribute.
  // §5.6 step 4 trims the name, so edge spaces are refused as the codec refuses them: " a" would be
  // stored as "a", and " " as a nameless cookie that remove(" ") never reaches.
  check(
    'name',
    name,
    /^(?! |.* $)[^=;\x00-\x1f\x7f]+$/.test(name),
    'no edge spaces, "=", ";" or control characters',
  );
  let line = `${name}=`;
  try {
    line += encodeBrowserValue(String(value));
  } catch {
    check('value', value, false, 'no lone surrogate');
  }
  check(
    'path',
    path,
    /^\/[^;\x00-\x1f\x7f]*$/.test(path),
    'starts with "/"; no ";" or control characters',
  );
  line += `; Path=${path}`;
  if (domain !== undefined) {
    check('domain', domain, /^[^;\x00-\x1f\x7f]+$/.test(domain), 'no ";" or control characters');
    line += `; Domain=${domain}`;
  }
  if (maxAge !== undefined) {
    check('maxAge', maxAge, Number.isInteger(maxAge), 'whole seconds');
    line += `; Max-Age=${maxAge}`;
  }
  if (expires !== undefined) {
    const date = new Date(expiryTime(expires, options.now));
    check('expires', expires, +date >= 0, 'a valid Date, or days');
    line += `; Expires=${date.toUTCString()}`;
  }
  if (options.secure) line += '; Secure';
  if (sameSite !== undefined) {
    check('sameSite', sameSite, /^(strict|lax|none)$/i.test(sameSite), 'strict, lax or none');
    line += `; SameSite=${sameSite}`;
  }
  if (options.partitioned) line += '; Partitioned';
  return line;
}

/**
 * Cookies over a document: `document` itself by default (looked up on each call, so importing this
 * module on a server is harmless), or any {@link CookieDocument} such as a `MemoryDocument`.
 *
 * @example
 * ```ts
 * import { createCookies } from 'shortbread/browser';
 * import { MemoryDocument } from 'shortbread/browser/memory';
 * const jar = createCookies(new MemoryDocument('https://example.com/'));
 * jar.set('theme', 'dark');
 * jar.get('theme'); // 'dark'
 * ```
 */
export function createCookies(doc?: CookieDocument): BrowserCookies {
  const target = (): CookieDocument => doc ?? document;
  const getAll = () => parseDocumentCookie(target().cookie);
  const set = (name: string, value: string, options?: BrowserCookieOptions) => {
    target().cookie = serializeBrowserCookie(name, value, options);
  };
  return {
    get: (name) => getAll()[name],
    getAll,
    set,
    remove: (name, options) => set(name, '', { ...options, maxAge: 0 }),
  };
}

/**
 * The page's cookies, over `document.cookie`.
 *
 * @example
 * ```ts
 * import { cookies } from 'shortbread/browser';
 * cookies.set('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' });
 * cookies.remove('flavor', { path: '/cookies' });
 * ```
 */
export const cookies: BrowserCookies = /* @__PURE__ */ createCookies();
