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

import { fromByteString, isAsciiBulk } from '../internal/byte-string.js';
import { nullObject, nullRecord } from '../internal/null-object.js';
import { decodeCookieValue, decodePrintableValue } from './cookie-value.js';
import { checkCookieName, encodeCookieValue } from './encode-cookie.js';
import { cookieError } from './errors.js';
import type { CookieEncoding, Cookies, ParseCookieOptions } from './types.js';

function isWsp(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** CTL = %x00-1F / %x7F (RFC 5234 B.1); HTAB is one too. */
function isCtl(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/**
 * Calls `visit` with the bounds of every cookie-pair in `header`, in order, skipping empty segments
 * and names with control characters. `visit` returns true to stop. Linear: each `=` is searched once.
 */
function scanPairs(
  header: string,
  visit: (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => unknown,
): void {
  const length = header.length;
  let index = 0;
  let eq = -1;
  pairs: while (index < length) {
    let semi = header.indexOf(';', index);
    if (semi === -1) semi = length;
    // Past the end when no "=" is left, so the search runs once, not once per pair (linear).
    if (eq < index) {
      eq = header.indexOf('=', index);
      if (eq === -1) eq = length + 1;
    }
    let nameStart = index;
    // RFC 6265bis §5.6 step 3 (mirrored by §5.8.3): a pair without "=" is a nameless cookie whose
    // value is the whole pair.
    let nameEnd = eq > semi ? index : eq;
    let valueStart = eq > semi ? index : eq + 1;
    let valueEnd = semi;
    while (nameStart < nameEnd && isWsp(header.charCodeAt(nameStart))) nameStart++;
    while (nameEnd > nameStart && isWsp(header.charCodeAt(nameEnd - 1))) nameEnd--;
    while (valueStart < valueEnd && isWsp(header.charCodeAt(valueStart))) valueStart++;
    while (valueEnd > valueStart && isWsp(header.charCodeAt(valueEnd - 1))) valueEnd--;
    index = semi + 1;
    if (nameStart === nameEnd && valueStart === valueEnd) continue;
    // Not in RFC 6265bis: browsers never send a control character in a name (they refuse to store
    // one, §5.6 step 1), so such a pair is noise or an attack and is skipped.
    for (let i = nameStart; i < nameEnd; i++) if (isCtl(header.charCodeAt(i))) continue pairs;
    if (visit(nameStart, nameEnd, valueStart, valueEnd) === true) return;
  }
}

/**
 * Any char outside %x20-7E: a CTL (HTAB included), DEL, or a non-ASCII char. A header without one
 * needs no per-name control check and no UTF-8 decoding. One class: linear.
 */
const notPrintableAsciiRegExp = /[^\x20-\x7e]/;

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
  if (typeof header !== 'string' || header.length === 0) return nullObject();
  // A falsy decode option means the default decoding, as it always has.
  const custom = options?.decode || undefined;
  // A long header may hold thousands of names: a hash-table object from the start is cheaper then.
  const long = header.length > 8192;
  let cookies: Cookies = long ? nullObject() : nullRecord();
  if (custom !== undefined) {
    // Checked whole, so the fast path never gives up and a caller's decode function sees each
    // value once.
    if (!notPrintableAsciiRegExp.test(header)) parsePrintableCookie(header, cookies, custom, false);
    else parseAnyCookie(header, cookies, custom);
  } else if (!isAsciiBulk(header) || !parsePrintableCookie(header, cookies, undefined, true)) {
    cookies = long ? nullObject() : nullRecord();
    parseAnyCookie(header, cookies, undefined);
  }
  return cookies;
}

/** The first char that is neither ";" nor a space (the end of a run of empty pairs). */
const emptyRunRegExp = /[^; ]/g;

/**
 * The names the last default parse stored, in order, when they differed from the ones before. A
 * server reads the same names in the same order on request after request: while a header repeats
 * them, each name is matched in place instead of sliced, checked and looked up, and the record gets
 * the engine's own copy of it as key (finding that copy is the costly part of adding a fresh key).
 * A cached name is one a parse stored, so it is trimmed and holds no control character, `;` or
 * `=`; and the names are distinct, so a name matched in order cannot be a repeat. At most 64 names
 * of at most 64 chars.
 */
let known: string[] = [];

/**
 * Names already seen free of control characters. A header whose names come in a new order misses
 * the memory of the last header's names, but its names are mostly ones seen before: each is checked
 * char by char once (a char costs a few ns), not on every request. Cleared when full; names longer
 * than 64 chars are checked every time and not kept.
 */
let printableNames: Record<string, true> = nullObject();
let printableNameCount = 0;

/** False when `name` holds a control character (HTAB included: the caller takes the general path). */
function isPrintableName(name: string): boolean {
  if (printableNames[name] === true) return true;
  for (let i = 0; i < name.length; i++) if (isCtl(name.charCodeAt(i))) return false;
  if (name.length > 64) return true;
  if (printableNameCount === 1024) {
    printableNames = nullObject();
    printableNameCount = 0;
  }
  printableNames[name] = true;
  printableNameCount++;
  return true;
}

/**
 * parseCookie for an ASCII header (the hot path of every request): the same scan as
 * {@link scanPairs}, inlined, where WSP is a space. Returns false, leaving `cookies` half built, at
 * the first name with a control character or value with an edge HTAB (the caller starts over on
 * the general path, which trims HTAB too).
 */
function parsePrintableCookie(
  header: string,
  cookies: Cookies,
  custom: ((value: string) => string) | undefined,
  checkNames: boolean,
): boolean {
  const length = header.length;
  let index = 0;
  // The next "=" and "%" at or after where they are needed; past the end when there is none left,
  // so each search covers new ground and the scan stays linear.
  let eq = -1;
  let percent = -1;
  // Names stored so far; while `fresh` is undefined they are known[0], ..., known[stored - 1].
  let stored = 0;
  let fresh: string[] | undefined;
  while (index < length) {
    // Empty pairs and the spaces before a name are skipped here: a char at a time for the usual
    // single space, by one native search (a single class: linear) for a long run of them.
    let c = header.charCodeAt(index);
    for (let run = 0; (c === 0x3b || c === 0x20) && run < 8; run++) c = header.charCodeAt(++index);
    if (c === 0x3b || c === 0x20) {
      emptyRunRegExp.lastIndex = index;
      index = emptyRunRegExp.test(header) ? emptyRunRegExp.lastIndex - 1 : length;
    }
    if (index >= length) break;
    let name = fresh === undefined && checkNames ? known[stored] : undefined;
    let valueStart: number;
    let semi: number;
    // The name stored next last time, then "=": that is this pair's name and its first "=". A
    // failed match leaves the cache for the rest of the header, so the search that failed (it may
    // read to the end) runs once per header.
    if (
      name &&
      header.charCodeAt(index + name.length) === 0x3d &&
      header.indexOf(name, index) === index
    ) {
      eq = index + name.length;
      valueStart = eq + 1;
      semi = header.indexOf(';', valueStart);
      if (semi === -1) semi = length;
    } else {
      // No guess is tried after the first that fails: the header left the names of the last one.
      if (name !== undefined) fresh = known.slice(0, stored);
      if (eq < index) {
        eq = header.indexOf('=', index);
        if (eq === -1) eq = length + 1;
      }
      semi = header.indexOf(';', index);
      if (semi === -1) semi = length;
      let nameEnd = index;
      // RFC 6265bis §5.6 step 3 (mirrored by §5.8.3): a pair without "=" is a nameless cookie
      // whose value is the whole pair.
      if (eq > semi) {
        // No "=" left and the nameless cookie already read: every pair left is a later duplicate.
        if (eq > length && cookies[''] !== undefined) break;
        valueStart = index;
      } else {
        nameEnd = eq;
        valueStart = eq + 1;
        while (nameEnd > index && header.charCodeAt(nameEnd - 1) === 0x20) nameEnd--;
      }
      if (nameEnd === index) {
        // An empty name and an empty value: an empty pair.
        let end = semi;
        while (valueStart < end && header.charCodeAt(valueStart) === 0x20) valueStart++;
        while (end > valueStart && header.charCodeAt(end - 1) === 0x20) end--;
        if (valueStart === end) {
          index = semi + 1;
          continue;
        }
      }
      name = header.slice(index, nameEnd);
      if (cookies[name] !== undefined) {
        index = semi + 1;
        continue;
      }
      if (checkNames) {
        // Not in RFC 6265bis: browsers never send a control character in a name (§5.6 step 1
        // refuses to store one), so such a pair is noise or an attack: the general path skips it.
        if (!isPrintableName(name)) return false;
        fresh ??= known.slice(0, stored);
        if (fresh.length < 64 && nameEnd - index <= 64) fresh.push(name);
      }
    }
    let valueEnd = semi;
    index = semi + 1;
    while (valueStart < valueEnd && header.charCodeAt(valueStart) === 0x20) valueStart++;
    while (valueEnd > valueStart && header.charCodeAt(valueEnd - 1) === 0x20) valueEnd--;
    // HTAB is WSP too (§5.6 step 4): a value that would start or end with one once spaces are
    // trimmed goes to the general path. (Names with one fail the control check.)
    if (header.charCodeAt(valueStart) === 0x09 || header.charCodeAt(valueEnd - 1) === 0x09) {
      return false;
    }
    stored++;
    const raw = header.slice(valueStart, valueEnd);
    if (custom !== undefined) {
      cookies[name] = custom(raw);
      continue;
    }
    if (percent < valueStart) {
      percent = header.indexOf('%', valueStart);
      if (percent === -1) percent = length + 1;
    }
    cookies[name] =
      percent < valueEnd || header.charCodeAt(valueStart) === 0x22
        ? decodePrintableValue(raw)
        : raw;
  }
  if (fresh !== undefined) known = fresh;
  return true;
}

/** parseCookie for any other header: control characters in names, UTF-8 octets, Unicode text. */
function parseAnyCookie(
  header: string,
  cookies: Cookies,
  custom: ((value: string) => string) | undefined,
): void {
  scanPairs(header, (nameStart, nameEnd, valueStart, valueEnd) => {
    const name = fromByteString(header.slice(nameStart, nameEnd));
    if (cookies[name] === undefined) {
      cookies[name] = (custom ?? decodeCookieValue)(header.slice(valueStart, valueEnd));
    }
  });
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
  if (typeof header === 'string') {
    const decode = options?.decode ?? decodeCookieValue;
    scanPairs(header, (nameStart, nameEnd, valueStart, valueEnd) =>
      pairs.push([
        fromByteString(header.slice(nameStart, nameEnd)),
        decode(header.slice(valueStart, valueEnd)),
      ]),
    );
  }
  return pairs;
}

/**
 * Finds the first value of one cookie in a `Cookie` header without building a record: a single
 * linear scan that slices nothing but the match.
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
  if (typeof header !== 'string' || header.length === 0) return undefined;
  // Code reads the same name on every request: the last name's class is remembered.
  if (name !== lastName) {
    lastKind = classifyName(name);
    lastName = name;
  }
  // A non-ASCII name may arrive as UTF-8 octets or as text: let the full parse normalise both.
  if (lastKind === NON_ASCII) return parseCookie(header, options)[name];
  // A trimmed cookie name never starts or ends with WSP and never holds ";", "=" or a control
  // character (such pairs are skipped): a name like that matches nothing.
  if (lastKind === UNFINDABLE) return undefined;
  const decode = options?.decode ?? decodeCookieValue;
  const size = name.length;
  if (size === 0) {
    // The nameless cookie: found by the pair scan, which knows where every name ends.
    let found: string | undefined;
    scanPairs(header, (nameStart, nameEnd, valueStart, valueEnd) => {
      if (nameEnd !== nameStart) return false;
      found = decode(header.slice(valueStart, valueEnd));
      return true;
    });
    return found;
  }
  // Jump from one occurrence of the name to the next (a native search) and accept the first that is
  // a whole cookie name: only WSP between it and the previous ";" (or the start), only WSP between
  // it and an "=". A rejected occurrence skips to the next ";": no pair can start before it.
  const length = header.length;
  let at = header.indexOf(name);
  while (at !== -1) {
    let before = at - 1;
    while (before >= 0 && isWsp(header.charCodeAt(before))) before--;
    let after = at + size;
    while (after < length && isWsp(header.charCodeAt(after))) after++;
    if (
      (before === -1 || header.charCodeAt(before) === 0x3b) &&
      header.charCodeAt(after) === 0x3d
    ) {
      let valueStart = after + 1;
      let valueEnd = header.indexOf(';', valueStart);
      if (valueEnd === -1) valueEnd = length;
      while (valueStart < valueEnd && isWsp(header.charCodeAt(valueStart))) valueStart++;
      while (valueEnd > valueStart && isWsp(header.charCodeAt(valueEnd - 1))) valueEnd--;
      return decode(header.slice(valueStart, valueEnd));
    }
    const semi = header.indexOf(';', at + 1);
    if (semi === -1) return undefined;
    at = header.indexOf(name, semi + 1);
  }
  return undefined;
}

const UNFINDABLE = 1;
const NON_ASCII = 2;
let lastName = '';
let lastKind = 0;

/**
 * NON_ASCII for a name with a char above 0x7F; UNFINDABLE for one no trimmed, control-free
 * cookie-pair name can equal (edge WSP, ";", "=", a control character); 0 otherwise.
 */
function classifyName(name: string): number {
  let kind = isWsp(name.charCodeAt(0)) || isWsp(name.charCodeAt(name.length - 1)) ? UNFINDABLE : 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c > 0x7f) return NON_ASCII;
    if (c === 0x3b || c === 0x3d || isCtl(c)) kind = UNFINDABLE;
  }
  return kind;
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
  if (typeof header === 'string') {
    const decode = options?.decode ?? decodeCookieValue;
    scanPairs(
      header,
      (nameStart, nameEnd, valueStart, valueEnd) =>
        fromByteString(header.slice(nameStart, nameEnd)) === name &&
        values.push(decode(header.slice(valueStart, valueEnd))),
    );
  }
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
    const type = typeof value;
    // A number, boolean or bigint is written as its text; anything else is refused.
    if (type !== 'string' && type !== 'number' && type !== 'boolean' && type !== 'bigint') {
      throw cookieError(
        'ERR_COOKIE_VALUE_INVALID',
        `cookie value of ${JSON.stringify(name)}`,
        value,
        'values are strings; convert it, e.g. JSON.stringify(value)',
      );
    }
    const wireValue = encodeCookieValue(String(value), options?.encoding, options?.encode);
    if (header) header += '; ';
    // RFC 6265bis §5.8.3: a nameless cookie is written as its value alone.
    header += wireName ? `${wireName}=${wireValue}` : wireValue;
  }
  return header;
}
