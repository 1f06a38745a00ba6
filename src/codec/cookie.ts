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

import {
  fromByteString,
  hasLoneSurrogate,
  isAscii,
  isAsciiBulk,
  toByteString,
} from '../internal/byte-string.js';
import { newNullRecord, nullObject, sealNullRecord } from '../internal/null-object.js';
import { decodeCookieValue, decodePrintableValue, encodeCookieValue } from './cookie-value.js';
import { CookieError } from './errors.js';
import { CTL, charClass } from './grammar.js';
import type { CookieEncoding, Cookies, ParseCookieOptions } from './types.js';

/** Decoding used when the header is pure ASCII: only quotes and `%XX` can need work. */
function decodeAscii(raw: string): string {
  if (raw.length === 0) return raw;
  const first = raw.charCodeAt(0);
  if (first !== 0x22 && raw.indexOf('%') === -1) return raw;
  return decodeCookieValue(raw);
}

function hasControl(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && ((charClass[c] as number) & CTL) !== 0) return true;
  }
  return false;
}

function isWsp(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Calls `visit` with the bounds of every cookie-pair in `header`, in order, skipping empty segments
 * and names with control characters. `visit` returns true to stop. Linear: each `=` is searched once.
 */
function scanPairs(
  header: string,
  visit: (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => boolean,
): void {
  const length = header.length;
  let index = 0;
  let eq = -1;
  while (index < length) {
    let semi = header.indexOf(';', index);
    if (semi === -1) semi = length;
    // Past the end when no "=" is left, so the search runs once, not once per pair (linear).
    if (eq < index) {
      eq = header.indexOf('=', index);
      if (eq === -1) eq = length + 1;
    }
    let nameStart = index;
    let nameEnd = index;
    let valueStart: number;
    // RFC 6265bis §5.6 step 3 (mirrored by §5.8.3): a pair without "=" is a nameless cookie whose
    // value is the whole pair.
    if (eq > semi) {
      valueStart = index;
    } else {
      nameEnd = eq;
      valueStart = eq + 1;
    }
    let valueEnd = semi;
    while (nameStart < nameEnd && isWsp(header.charCodeAt(nameStart))) nameStart++;
    while (nameEnd > nameStart && isWsp(header.charCodeAt(nameEnd - 1))) nameEnd--;
    while (valueStart < valueEnd && isWsp(header.charCodeAt(valueStart))) valueStart++;
    while (valueEnd > valueStart && isWsp(header.charCodeAt(valueEnd - 1))) valueEnd--;
    index = semi + 1;
    if (nameStart === nameEnd && valueStart === valueEnd) continue;
    // Not in RFC 6265bis: browsers never send a control character in a name (they refuse to store
    // one, §5.6 step 1), so such a pair is noise or an attack and is skipped.
    if (hasControl(header, nameStart, nameEnd)) continue;
    if (visit(nameStart, nameEnd, valueStart, valueEnd)) return;
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
  const long = header.length > NAME_CACHE_HEADER_MAX;
  // A long header may hold thousands of names: a hash-table object from the start is cheaper then.
  let cookies: Cookies = long ? nullObject() : newNullRecord();
  if (custom !== undefined || long) {
    // Checked whole: no name needs its own check, and the fast path never gives up, so a caller's
    // decode function sees each value once (and a flood of names cannot churn the name cache).
    if (!notPrintableAsciiRegExp.test(header)) {
      parsePrintableCookie(header, cookies, custom, false);
      return long ? cookies : sealNullRecord(cookies);
    }
    if (long) {
      parseAnyCookie(header, cookies, custom);
      return cookies;
    }
  } else if (
    isAsciiBulk(header) &&
    header.indexOf('\t') === -1 &&
    parsePrintableCookie(header, cookies, undefined, true)
  ) {
    return sealNullRecord(cookies);
  } else {
    cookies = newNullRecord();
  }
  parseAnyCookie(header, cookies, custom);
  return sealNullRecord(cookies);
}

/** The first char that is neither ";" nor a space (the end of a run of empty pairs). */
const emptyRunRegExp = /[^; ]/g;

/** Headers up to this long take the fast path with per-name checks; longer ones are checked whole. */
const NAME_CACHE_HEADER_MAX = 8192;

/**
 * Names already seen free of control characters. A server reads the same few names on every request,
 * so each is checked char by char once, not per request. Cleared when full, so it stays small (the
 * keys are the engine's own copies of the names, which hold no header alive).
 */
let printableNames: Record<string, true> = nullObject();
let printableNameCount = 0;
const PRINTABLE_NAMES_MAX = 1024;
const PRINTABLE_NAME_LENGTH_MAX = 64;

/** False when `name` holds a control character (this runs on ASCII without HTAB only). */
function isPrintableName(name: string): boolean {
  if (printableNames[name] === true) return true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  // Only names of a usual size are remembered, so the cache stays under 64 KiB.
  if (name.length > PRINTABLE_NAME_LENGTH_MAX) return true;
  if (printableNameCount === PRINTABLE_NAMES_MAX) {
    printableNames = nullObject();
    printableNameCount = 0;
  }
  printableNames[name] = true;
  printableNameCount++;
  return true;
}

/**
 * parseCookie for an ASCII header without HTAB (the hot path of every request): the same scan as
 * {@link scanPairs}, inlined, where WSP can only be a space. Returns false, leaving `cookies` half
 * built, at the first name with a control character (the caller starts over on the general path).
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
    let semi = header.indexOf(';', index);
    if (semi === -1) semi = length;
    if (eq < index) {
      eq = header.indexOf('=', index);
      if (eq === -1) eq = length + 1;
    }
    let nameStart = index;
    let nameEnd = index;
    let valueStart: number;
    // RFC 6265bis §5.6 step 3 (mirrored by §5.8.3): a pair without "=" is a nameless cookie whose
    // value is the whole pair.
    if (eq > semi) {
      // No "=" left and the nameless cookie already read: every pair left is a later duplicate.
      if (eq > length && cookies[''] !== undefined) break;
      valueStart = index;
    } else {
      nameEnd = eq;
      valueStart = eq + 1;
    }
    let valueEnd = semi;
    index = semi + 1;
    while (nameStart < nameEnd && header.charCodeAt(nameStart) === 0x20) nameStart++;
    while (nameEnd > nameStart && header.charCodeAt(nameEnd - 1) === 0x20) nameEnd--;
    while (valueStart < valueEnd && header.charCodeAt(valueStart) === 0x20) valueStart++;
    while (valueEnd > valueStart && header.charCodeAt(valueEnd - 1) === 0x20) valueEnd--;
    if (nameStart === nameEnd && valueStart === valueEnd) continue;
    const name = header.slice(nameStart, nameEnd);
    if (cookies[name] !== undefined) continue;
    // Not in RFC 6265bis: browsers never send a control character in a name (§5.6 step 1 refuses to
    // store one), so such a pair is noise or an attack: the general path skips it.
    if (checkNames && !isPrintableName(name)) return false;
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
  return true;
}

/** parseCookie for any other header: control characters in names, UTF-8 octets, Unicode text. */
function parseAnyCookie(
  header: string,
  cookies: Cookies,
  custom: ((value: string) => string) | undefined,
): void {
  const ascii = isAscii(header);
  scanPairs(header, (nameStart, nameEnd, valueStart, valueEnd) => {
    let name = header.slice(nameStart, nameEnd);
    if (!ascii) name = fromByteString(name);
    if (cookies[name] !== undefined) return false;
    const raw = header.slice(valueStart, valueEnd);
    cookies[name] = custom ? custom(raw) : ascii ? decodeAscii(raw) : decodeCookieValue(raw);
    return false;
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
  if (typeof header !== 'string' || header.length === 0) return pairs;
  const decode = options?.decode ?? decodeCookieValue;
  scanPairs(header, (nameStart, nameEnd, valueStart, valueEnd) => {
    pairs.push([
      fromByteString(header.slice(nameStart, nameEnd)),
      decode(header.slice(valueStart, valueEnd)),
    ]);
    return false;
  });
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
  const kind = classifyName(name);
  // A non-ASCII name may arrive as UTF-8 octets or as text: let the full parse normalise both.
  if (kind === NON_ASCII) return parseCookie(header, options)[name];
  // A trimmed cookie name never starts or ends with WSP and never holds ";", "=" or a control
  // character (such pairs are skipped): a name like that matches nothing.
  if (kind === UNFINDABLE) return undefined;
  const size = name.length;
  if (size === 0) {
    const decode = options?.decode ?? decodeCookieValue;
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
      const decode = options?.decode ?? decodeCookieValue;
      return decode(header.slice(valueStart, valueEnd));
    }
    const semi = header.indexOf(';', at + 1);
    if (semi === -1) return undefined;
    at = header.indexOf(name, semi + 1);
  }
  return undefined;
}

const FINDABLE = 0;
const UNFINDABLE = 1;
const NON_ASCII = 2;

/**
 * NON_ASCII for a name with a char above 0x7F; UNFINDABLE for one no trimmed, control-free
 * cookie-pair name can equal (edge WSP, ";", "=", a control character); FINDABLE otherwise.
 */
function classifyName(name: string): number {
  // Code reads the same name on every request: remember the last answer.
  if (name === lastClassifiedName) return lastClassification;
  const kind = classifyNameChars(name);
  lastClassifiedName = name;
  lastClassification = kind;
  return kind;
}

let lastClassifiedName = '';
let lastClassification = FINDABLE;

function classifyNameChars(name: string): number {
  const last = name.length - 1;
  let kind = FINDABLE;
  if (last >= 0 && (isWsp(name.charCodeAt(0)) || isWsp(name.charCodeAt(last)))) kind = UNFINDABLE;
  for (let i = 0; i <= last; i++) {
    const c = name.charCodeAt(i);
    if (c > 0x7f) return NON_ASCII;
    if (c === 0x3b || c === 0x3d || ((charClass[c] as number) & CTL) !== 0) kind = UNFINDABLE;
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
  if (!isAscii(name)) {
    return parseCookieList(header, options)
      .filter(([n]) => n === name)
      .map(([, v]) => v);
  }
  const values: string[] = [];
  if (typeof header !== 'string' || header.length === 0) return values;
  const decode = options?.decode ?? decodeCookieValue;
  const size = name.length;
  scanPairs(header, (nameStart, nameEnd, valueStart, valueEnd) => {
    if (nameEnd - nameStart === size && header.startsWith(name, nameStart)) {
      values.push(decode(header.slice(valueStart, valueEnd)));
    }
    return false;
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
 * Checks a cookie name we are asked to send: §5.6 would drop the line on a control character, and
 * `;` or `=` would change where the name ends.
 */
export function checkCookieName(name: string): string {
  if (typeof name !== 'string') {
    throw new CookieError(
      'ERR_COOKIE_NAME_INVALID',
      `cookie name is invalid: ${String(name)} (names are strings)`,
    );
  }
  let ascii = true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x80) ascii = false;
    else if (c === 0x3b || c === 0x3d || ((charClass[c] as number) & CTL) !== 0) {
      throw new CookieError(
        'ERR_COOKIE_NAME_INVALID',
        `cookie name is invalid: ${JSON.stringify(name)} (no ";" "=" or control characters; rename the cookie)`,
      );
    }
  }
  if (!ascii && hasLoneSurrogate(name)) {
    throw new CookieError(
      'ERR_COOKIE_NAME_INVALID',
      `cookie name is invalid: ${JSON.stringify(name)} (a lone UTF-16 surrogate has no UTF-8 form; remove it)`,
    );
  }
  if (
    name.length > 0 &&
    (name.charCodeAt(0) === 0x20 || name.charCodeAt(name.length - 1) === 0x20)
  ) {
    throw new CookieError(
      'ERR_COOKIE_NAME_INVALID',
      `cookie name is invalid: ${JSON.stringify(name)} (browsers trim leading and trailing spaces; remove them)`,
    );
  }
  return ascii ? name : toByteString(name);
}

/** A value to send: a string, or a number/boolean/bigint written as text; anything else is refused. */
function toValueString(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  throw new CookieError(
    'ERR_COOKIE_VALUE_INVALID',
    `cookie value is invalid: ${value === null ? 'null' : typeof value} for ${JSON.stringify(name)} (values are strings; convert it, e.g. JSON.stringify(value))`,
  );
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
    const wireValue = encodeCookieValue(
      toValueString(name, value),
      options?.encoding,
      options?.encode,
    );
    if (header.length > 0) header += '; ';
    // RFC 6265bis §5.8.3: a nameless cookie is written as its value alone.
    header += wireName.length === 0 ? wireValue : `${wireName}=${wireValue}`;
  }
  return header;
}
