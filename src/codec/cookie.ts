/**
 * @module The `Cookie` request header: parse it as servers receive it from browsers, and build it
 * as a client sends it.
 *
 * cookie-string = cookie-pair *( ";" SP cookie-pair )   (RFC 6265bis §4.2.1)
 *
 * Received headers are parsed leniently, as browsers send them (§5.8.3 writes a nameless cookie as
 * just its value, and browsers send any octet but CTL, `;` and `=` in names); nothing here throws
 * on a received header.
 *
 * Section numbers (§) are those of draft-ietf-httpbis-rfc6265bis-22 (the revision of November 2025);
 * "attribute step N" is step N of §5.6's second algorithm, the one that parses the
 * unparsed-attributes.
 */

import { fromByteString, isAsciiFast } from '../internal/byte-string.js';
import { nullRecord } from '../internal/null-object.js';
import { isWsp, trimWsp } from '../internal/trim-wsp.js';
import { decodeCookieValue, decodePrintableValue } from './cookie-value.js';
import { checkCookieName, encodeCookieValue } from './encode-cookie.js';
import { cookieError } from './errors.js';
import type { CookieEncoding, Cookies, ParseCookieOptions } from './types.js';

/** Whether `name` holds a CTL (%x00-1F / %x7F, RFC 5234 B.1; HTAB included). Names are short. */
function hasControl(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
/**
 * The end of a run of empty pairs and WSP: the first char that is none of `;`, SP, HTAB. One class,
 * global for `lastIndex`: a long run (100k `;`, an attack) is crossed by one native search.
 */
const emptyRun = /[^;\t ]/g;

/**
 * The one scan of a `Cookie` header. With `each`, calls it with the name and the raw (trimmed,
 * undecoded) value of every cookie-pair in order, until it returns true, and returns an empty
 * record. Without, returns the record {@link parseCookie} describes. Empty pairs and names with a
 * control character are skipped. Linear: each `=` and `%` is searched once.
 */
function scanPairs(
  header: string,
  options?: ParseCookieOptions,
  each?: (name: string, raw: string) => unknown,
): Cookies {
  const cookies: Cookies = nullRecord();
  if (typeof header !== 'string') return cookies;
  // A falsy decode option means the default decoding, as it always has.
  const custom = options?.decode;
  // An ASCII header holds no UTF-8 octets: names are taken as they are, values need no octet check.
  // (A native count of octets: several times faster than a regex over the header.)
  const ascii = !each && isAsciiFast(header);
  const length = header.length;
  // The first "=" and "%" at or after where they are needed; `length` when there is none left, so
  // each search covers new ground.
  let eq = -1;
  let percent = -1;
  for (let index = 0, semi = 0; index < length; index = semi + 1) {
    index = pairStart(header, index);
    if (index >= length) break;
    semi = header.indexOf(';', index);
    if (semi < 0) semi = length;
    if (eq < index) {
      eq = header.indexOf('=', index);
      if (eq < 0) eq = length;
    }
    // RFC 6265bis §5.6 step 3 (mirrored by §5.8.3): a pair without "=" is a nameless cookie
    // whose value is the whole pair.
    let name = eq < semi ? trimWsp(header, index, eq) : '';
    const valueStart = eq < semi ? eq + 1 : index;
    if (!ascii) name = fromByteString(name);
    // The first occurrence wins: a later one is skipped before any other work. (With `each`, the
    // record stays empty.)
    if (cookies[name] !== undefined) continue;
    // Not in RFC 6265bis: browsers never send a control character in a name (§5.6 step 1 refuses
    // to store one), so such a pair is noise or an attack, and is skipped.
    if (hasControl(name)) continue;
    const raw = trimWsp(header, valueStart, semi);
    if (!name && !raw) continue;
    if (each) {
      if (each(name, raw) === true) break;
      continue;
    }
    let value = raw;
    if (custom) value = custom(raw);
    else if (!ascii) value = decodeCookieValue(raw);
    else {
      if (percent < valueStart) {
        percent = header.indexOf('%', valueStart);
        if (percent < 0) percent = length;
      }
      if (percent < semi || raw.charCodeAt(0) === 0x22) value = decodePrintableValue(raw);
    }
    cookies[name] = value;
  }
  return cookies;
}

/**
 * Where the pair at or after `index` starts: past runs of empty pairs and the WSP before a name, a
 * char at a time for the usual single space, by one native search past 8 chars.
 */
function pairStart(header: string, index: number): number {
  let c = header.charCodeAt(index);
  for (let run = 0; c === 0x3b || isWsp(c); run++) {
    if (run > 8) {
      emptyRun.lastIndex = index;
      if (!emptyRun.test(header)) return header.length;
      index = emptyRun.lastIndex - 2;
    }
    c = header.charCodeAt(++index);
  }
  return index;
}

/**
 * Parses a `Cookie` request header into a null-prototype record (`__proto__` is a name like any).
 * The first occurrence of a name wins, as in Werkzeug and every browser-facing server; a pair without
 * `=` is a nameless cookie, stored under `''`. Values are decoded by {@link decodeCookieValue}
 * unless `options.decode` replaces it. Never throws on any string.
 *
 * @example
 * ```ts
 * import { parseCookie } from 'shortbread';
 * const cookies = parseCookie('flavor="chocolate chip"; chocolate type=dark; chewy=yes');
 * cookies.flavor; // 'chocolate chip'
 * cookies['chocolate type']; // 'dark'
 * ```
 */
export function parseCookie(header: string, options?: ParseCookieOptions): Cookies {
  return scanPairs(header, options);
}

/**
 * Every cookie-pair of a `Cookie` header, in order, duplicates kept (Werkzeug's MultiDict view).
 *
 * @example
 * ```ts
 * import { parseCookieList } from 'shortbread';
 * parseCookieList('a=1; a=2; b=3'); // [['a', '1'], ['a', '2'], ['b', '3']]
 * ```
 */
export function parseCookieList(
  header: string,
  options?: ParseCookieOptions,
): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const decode = options?.decode ?? decodeCookieValue;
  scanPairs(header, options, (name, raw) => {
    pairs.push([name, decode(raw)]);
  });
  return pairs;
}

/**
 * A name that a cookie-pair name can equal and that cannot be mistaken for part of another pair:
 * printable ASCII without `;` or `=`, no space at either end, not empty. One class: linear.
 */
const plainNameRegExp = /^(?! )[ -:<>-~]+(?<! )$/;

/**
 * Finds the first value of one cookie in a `Cookie` header without building a record. A plain
 * ASCII name is found by a single linear scan that slices nothing but the match; any other name by
 * reading the pairs in order.
 *
 * @example
 * ```ts
 * import { findCookie } from 'shortbread';
 * findCookie('a=1; session=abc; b=2', 'session'); // 'abc'
 * findCookie('a=1', 'missing'); // undefined
 * ```
 */
export function findCookie(
  header: string,
  name: string,
  options?: ParseCookieOptions,
): string | undefined {
  if (typeof header !== 'string') return undefined;
  const decode = options?.decode ?? decodeCookieValue;
  if (typeof name !== 'string' || !plainNameRegExp.test(name)) {
    // The nameless cookie, a non-ASCII name (sent as UTF-8 octets or as text), or a name that no
    // trimmed, control-free pair name can equal (edge WSP, ";", "=", a control character).
    let found: string | undefined;
    scanPairs(header, options, (pairName, raw) => {
      if (pairName !== name) return false;
      found = decode(raw);
      return true;
    });
    return found;
  }
  // Jump from one occurrence of the name to the next (a native search) and accept the first that is
  // a whole cookie name: only WSP between it and the previous ";" (or the start), only WSP between
  // it and an "=". Each WSP run is read by the occurrences on either side of it only: linear.
  for (let at = header.indexOf(name); at >= 0; at = header.indexOf(name, at + 1)) {
    let before = at;
    while (isWsp(header.charCodeAt(before - 1))) before--;
    let after = at + name.length;
    while (isWsp(header.charCodeAt(after))) after++;
    if ((!before || header.charCodeAt(before - 1) === 0x3b) && header.charCodeAt(after) === 0x3d) {
      const semi = header.indexOf(';', after);
      return decode(trimWsp(header, after + 1, semi < 0 ? header.length : semi));
    }
  }
  return undefined;
}

/**
 * Every value a duplicated cookie name carries, in header order.
 *
 * @example
 * ```ts
 * import { findAllCookies } from 'shortbread';
 * findAllCookies('id=old; x=1; id=new', 'id'); // ['old', 'new']
 * ```
 */
export function findAllCookies(
  header: string,
  name: string,
  options?: ParseCookieOptions,
): string[] {
  const values: string[] = [];
  const decode = options?.decode ?? decodeCookieValue;
  scanPairs(header, options, (pairName, raw) => {
    if (pairName === name) values.push(decode(raw));
  });
  return values;
}

/**
 * Options of {@link stringifyCookie}.
 *
 * @example
 * ```ts
 * stringifyCookie({ a: 'x y' }, { encoding: 'werkzeug' }); // 'a="x y"'
 * ```
 */
export interface StringifyCookieOptions {
  /** How values are written. @default 'uri' */
  encoding?: CookieEncoding | undefined;
  /** A custom value encoder; replaces `encoding`. */
  encode?: ((value: string) => string) | undefined;
}

/**
 * Builds a `Cookie` request header (the client side) from a record, a `Map` or name/value pairs.
 * Names are checked like a Set-Cookie name; values are encoded like `stringifySetCookie` values.
 *
 * @example
 * ```ts
 * import { stringifyCookie } from 'shortbread';
 * stringifyCookie({ flavor: 'chocolate chip', chewy: 'yes' }); // 'flavor=chocolate%20chip; chewy=yes'
 * ```
 */
export function stringifyCookie(
  cookies: Readonly<Record<string, string>> | Iterable<readonly [string, string]>,
  options?: StringifyCookieOptions,
): string {
  const entries: Iterable<readonly [string, string]> =
    Symbol.iterator in cookies
      ? (cookies as Iterable<readonly [string, string]>)
      : Object.entries(cookies as Record<string, string>);
  let header = '';
  for (const [name, value] of entries) {
    const wireName = checkCookieName(name);
    // A string, number, boolean or bigint is written as its text; anything else is refused.
    const type = typeof value;
    if (type !== 'string' && type !== 'number' && type !== 'boolean' && type !== 'bigint') {
      throw cookieError(
        'ERR_COOKIE_VALUE_INVALID',
        `cookie value of ${JSON.stringify(name)}`,
        value,
        'values are strings; convert it, e.g. String(value)',
      );
    }
    const wireValue = encodeCookieValue(String(value), options?.encoding, options?.encode);
    if (header) header += '; ';
    // RFC 6265bis §5.8.3: a nameless cookie is written as its value alone.
    header += wireName ? `${wireName}=${wireValue}` : wireValue;
  }
  return header;
}
