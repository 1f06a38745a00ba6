/**
 * @module The `Cookie` request header: parse it as servers receive it from browsers, and build it
 * as a client sends it.
 *
 * cookie-string = cookie-pair *( ";" SP cookie-pair )   (RFC 6265bis §4.2.1)
 *
 * Received headers are parsed leniently, as browsers send them (§5.8.3 writes a nameless cookie as
 * just its value, and browsers send any octet but CTL, `;` and `=` in names); nothing here throws
 * on a received header.
 */

import { fromByteString, isAsciiFast } from '../internal/byte-string.js';
import { nullObject, nullRecord } from '../internal/null-object.js';
import { isWsp, trimWsp } from '../internal/trim-wsp.js';
import { decodeCookieValue, decodePrintableValue } from './cookie-value.js';
import { checkCookieName, encodeCookieValue } from './encode-cookie.js';
import { cookieError } from './errors.js';
import type { CookieEncoding, Cookies, ParseCookieOptions } from './types.js';

/** CTL = %x00-1F / %x7F (RFC 5234 B.1), HTAB included. One class: linear. */
const controlRegExp = /[\x00-\x1f\x7f]/;
/**
 * The end of a run of empty pairs and WSP: the first char that is none of `;`, SP, HTAB. One class,
 * global for `lastIndex`: a long run (100k `;`, an attack) is crossed by one native search.
 */
const emptyRun = /[^;\t ]/g;

/**
 * The names the last parse of an ASCII header stored, in order, when they differed from the ones
 * before (at most 64). A server reads the same names in the same order on request after request:
 * while a header repeats them, each name is matched in place instead of sliced, checked and looked
 * up, and the record gets the engine's own copy of it as key (finding that copy is the costly part of
 * adding a fresh key). A remembered name is one a parse stored: trimmed, not empty, free of control
 * characters, `;` and `=`; and the names are distinct, so one matched in order is not yet stored.
 */
let known: string[] = [];

/**
 * Names (of at most 64 chars) already found free of control characters, at most 1024, then
 * cleared. A header whose names come in a new order misses {@link known}, but its names are mostly
 * ones seen before: a lookup here (the name is the engine's own copy by then, after the record's
 * lookup) costs less than testing it again, measured on the new-order bench row.
 */
let printable: Record<string, true> = nullObject();
let printableCount = 0;

/** False when `name` holds a control character; remembers short names that hold none. */
function isPrintableName(name: string): boolean {
  if (printable[name]) return true;
  if (controlRegExp.test(name)) return false;
  if (name.length < 65) {
    if (printableCount++ === 1024) {
      printable = nullObject();
      printableCount = 1;
    }
    printable[name] = true;
  }
  return true;
}

/**
 * The one scan of a `Cookie` header. With `each`, calls it with the name and the raw (trimmed,
 * undecoded) value of every cookie-pair in order, until it returns true, and returns an empty
 * record. Without, returns the record {@link parseCookie} describes. Empty pairs and names with a
 * control character are skipped. Linear: each `=` and `%` is searched once.
 *
 * On an ASCII header the names {@link known} are tried in order: while every pair so far was one of
 * them, the next is matched in place. The first that fails ends the guessing (the header left the
 * names of the last one), so the search that failed, which may read to the end, runs once a header.
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
  const ascii = !each && isAsciiFast(header);
  const length = header.length;
  let guessed = ascii;
  let stored = 0;
  // The names stored, once one was not guessed.
  let fresh: string[] | undefined;
  // The first "=" and "%" at or after where they are needed; `length` when there is none left, so
  // each search covers new ground.
  let eq = -1;
  let percent = -1;
  for (let index = 0, semi = 0; index < length; index = semi + 1) {
    // Runs of empty pairs, and the WSP before a name: a char at a time for the usual single space,
    // by one native search past 8 chars.
    let c = header.charCodeAt(index);
    for (let run = 0; c === 0x3b || isWsp(c); run++) {
      if (run > 8) {
        emptyRun.lastIndex = index;
        index = emptyRun.test(header) ? emptyRun.lastIndex - 2 : length;
      }
      c = header.charCodeAt(++index);
    }
    semi = header.indexOf(';', index);
    if (semi < 0) semi = length;
    let name = guessed ? known[stored] : undefined;
    let valueStart: number;
    if (
      name &&
      header.charCodeAt(index + name.length) === 0x3d &&
      header.indexOf(name, index) === index
    ) {
      // The name stored next last time, then "=": this pair's name, valid and not yet stored.
      valueStart = index + name.length + 1;
    } else {
      if (index >= length) break;
      guessed = false;
      if (eq < index) {
        eq = header.indexOf('=', index);
        if (eq < 0) eq = length;
      }
      // RFC 6265bis §5.6 step 3 (mirrored by §5.8.3): a pair without "=" is a nameless cookie
      // whose value is the whole pair.
      name = eq < semi ? trimWsp(header, index, eq) : '';
      valueStart = eq < semi ? eq + 1 : index;
      if (!ascii) name = fromByteString(name);
      // The first occurrence wins: a later one is skipped before any other work. (With `each`, the
      // record stays empty.)
      if (cookies[name] !== undefined) continue;
      // Not in RFC 6265bis: browsers never send a control character in a name (§5.6 step 1 refuses
      // to store one), so such a pair is noise or an attack, and is skipped. A header longer than
      // any browser sends (a flood of fresh names) is tested without the memory, which would only
      // churn.
      if (length > 8192 ? controlRegExp.test(name) : !isPrintableName(name)) continue;
    }
    const raw = trimWsp(header, valueStart, semi);
    if (!name && !raw) continue;
    if (each) {
      if (each(name, raw) === true) break;
    } else {
      if (!guessed && stored < 64) {
        fresh ??= known.slice(0, stored);
        fresh.push(name);
      }
      stored++;
      let value = raw;
      if (custom) value = custom(raw);
      else if (!ascii) value = decodeCookieValue(raw);
      else {
        if (percent < valueStart) {
          percent = header.indexOf('%', valueStart);
          if (percent < 0) percent = length;
        }
        if (percent < semi || raw[0] === '"') value = decodePrintableValue(raw);
      }
      cookies[name] = value;
    }
  }
  if (ascii && fresh) known = fresh;
  return cookies;
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
let lastName: string | undefined;
let lastPlain = false;

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
  // Code reads the same name on every request: the last name's class is remembered.
  if (name !== lastName) {
    lastPlain = plainNameRegExp.test(name);
    lastName = name;
  }
  if (!lastPlain) {
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
