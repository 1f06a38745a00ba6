/**
 * @module The `Set-Cookie` response header: parse one line exactly as a browser does (RFC 6265bis
 * §5.6, Chromium where the draft leaves room), and build one that every browser keeps as written.
 *
 * set-cookie-string = BWS cookie-pair *( BWS ";" OWS cookie-av )   (RFC 6265bis §4.1.1)
 */

import { byteLength } from '../internal/byte-string.js';
import { checkCookieName } from './cookie.js';
import { formatCookieDate, parseCookieDateMs } from './cookie-date.js';
import { decodeCookieValue, decodePrintableValue, encodeCookieValue } from './cookie-value.js';
import { CookieError } from './errors.js';
import {
  ATTRIBUTE_VALUE_MAX_BYTES,
  MAX_AGE_LIMIT_SECONDS,
  NAME_VALUE_MAX_BYTES,
} from './limits.js';
import { prefixViolation } from './prefixes.js';
import type {
  ParseSetCookieOptions,
  Priority,
  SameSite,
  SetCookie,
  StringifySetCookieOptions,
} from './types.js';

/** %x00-08 / %x0A-1F / %x7F: the CTLs §5.6 step 1 rejects (HTAB is allowed). One class: linear. */
const rejectedControlRegExp = /[\x00-\x08\x0a-\x1f\x7f]/;
/** Anything but printable ASCII (%x20-7E). One class: linear. */
const notPrintableAsciiRegExp = /[^\x20-\x7e]/;

function toMillis(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return typeof now === 'number' ? now : now.getTime();
}

function isWsp(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Makes the parse result: a plain object (its prototype is Object.prototype) made by a constructor
 * rather than a literal, so V8 reserves room in it for the attributes added afterwards and a full
 * line costs one allocation instead of an object plus a growing property store.
 */
const ParsedSetCookie = /* @__PURE__ */ (() => {
  function ParsedSetCookie(this: SetCookie, name: string, value: string): void {
    this.name = name;
    this.value = value;
    this.secure = false;
    this.httpOnly = false;
    this.partitioned = false;
  }
  ParsedSetCookie.prototype = Object.prototype;
  return ParsedSetCookie as unknown as new (
    name: string,
    value: string,
  ) => SetCookie;
})();

/**
 * Parses one `Set-Cookie` header value by the algorithm of RFC 6265bis §5.6, step by step. Returns
 * `undefined` exactly where a browser ignores the whole line; attributes a browser ignores are left
 * out. When an attribute repeats, the last one decides, even when it is empty or invalid (Chromium).
 * Never throws.
 *
 * @example
 * ```ts
 * import { parseSetCookie } from 'shortbread';
 * parseSetCookie('flavor=chocolate%20chip; Max-Age=30; Path=/cookies; HttpOnly');
 * // { name: 'flavor', value: 'chocolate chip', maxAge: 30, path: '/cookies',
 * //   secure: false, httpOnly: true, partitioned: false }
 * parseSetCookie('a=b\u0000c'); // undefined: a control character drops the line
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.6
 */
export function parseSetCookie(
  header: string,
  options?: ParseSetCookieOptions,
): SetCookie | undefined {
  if (typeof header !== 'string') return undefined;
  const length = header.length;

  // §5.6 step 2: the name-value-pair runs to the first ";", the attributes follow it.
  let pairEnd = header.indexOf(';');
  if (pairEnd === -1) pairEnd = length;

  // §5.6 step 3: without "=", the name is empty and the whole pair is the value.
  // A short pair is searched char by char: a native search would run on past the ";" to the end.
  let eq = -1;
  if (pairEnd <= 64) {
    for (let i = 0; i < pairEnd; i++) {
      if (header.charCodeAt(i) === 0x3d) {
        eq = i;
        break;
      }
    }
  } else {
    eq = header.indexOf('=');
    if (eq > pairEnd) eq = -1;
  }
  let nameStart = 0;
  let nameEnd = 0;
  let valueStart = 0;
  if (eq !== -1) {
    nameEnd = eq;
    valueStart = eq + 1;
  }
  let valueEnd = pairEnd;

  // §5.6 step 4: remove leading and trailing WSP from name and value.
  while (nameStart < nameEnd && isWsp(header.charCodeAt(nameStart))) nameStart++;
  while (nameEnd > nameStart && isWsp(header.charCodeAt(nameEnd - 1))) nameEnd--;
  while (valueStart < valueEnd && isWsp(header.charCodeAt(valueStart))) valueStart++;
  while (valueEnd > valueStart && isWsp(header.charCodeAt(valueEnd - 1))) valueEnd--;
  const name = header.slice(nameStart, nameEnd);
  const rawValue = header.slice(valueStart, valueEnd);

  // §5.6 step 5: name and value over 4096 octets together ignore the line.
  // A UTF-16 unit is at most 3 octets, so only long lines need the exact count.
  if (
    (name.length + rawValue.length) * 3 > NAME_VALUE_MAX_BYTES &&
    byteLength(name) + byteLength(rawValue) > NAME_VALUE_MAX_BYTES
  ) {
    return undefined;
  }
  // §5.6 step 6: an empty name with an empty value ignores the line.
  if (name.length === 0 && rawValue.length === 0) return undefined;
  // §5.6 step 1: a control character other than HTAB anywhere ignores the whole line. Checked after
  // the steps above (which can only ignore the line too, and cost less on a hostile one) and before
  // anything is decoded. The first test (one range) is much the cheaper; only a line it flags (a
  // control character, HTAB or non-ASCII) needs the exact one, and only such a line can hold a tab.
  const printable = !notPrintableAsciiRegExp.test(header);
  if (!printable) {
    if (rejectedControlRegExp.test(header)) return undefined;
    // Not in RFC 6265bis (Chromium): a tab inside the name or value ignores the line.
    if (name.indexOf('\t') !== -1 || rawValue.indexOf('\t') !== -1) return undefined;
  }
  // Not in RFC 6265bis (Chromium): a nameless cookie whose value holds "=" would be read back as a
  // named one, so it is ignored.
  if (eq !== -1 && name.length === 0 && rawValue.indexOf('=') !== -1) return undefined;

  const custom = options?.decode ?? undefined;
  const cookie = new ParsedSetCookie(
    name,
    custom !== undefined
      ? custom(rawValue)
      : printable
        ? decodePrintableValue(rawValue)
        : decodeCookieValue(rawValue),
  );
  let expires: Date | undefined;
  let maxAge: number | undefined;
  let domain: string | undefined;
  let path: string | undefined;
  let sameSite: SameSite | undefined;
  let priority: Priority | undefined;
  let extensions: string[] | undefined;

  // The next "=" and HTAB at or after where they are needed; past the end when there is none left,
  // so each search covers new ground and the attribute scan stays linear.
  let nextEq = -1;
  let nextTab = printable ? length + 1 : -1;
  // §5.6 step 8: process each cookie-av in turn.
  let index = pairEnd;
  while (index < length) {
    // §5.6 step 8.1-8.2: consume the ";" and take the cookie-av up to the next one.
    let avEnd = header.indexOf(';', index + 1);
    if (avEnd === -1) avEnd = length;
    let attrStart = index + 1;
    index = avEnd;
    // §5.6 step 8.3-8.4: split at the first "=", then trim WSP from both parts.
    if (nextEq < attrStart) {
      nextEq = header.indexOf('=', attrStart);
      if (nextEq === -1) nextEq = length + 1;
    }
    const attrEq = Math.min(nextEq, avEnd);
    let attrNameEnd = attrEq;
    let attrValueStart = attrEq < avEnd ? attrEq + 1 : avEnd;
    let attrValueEnd = avEnd;
    while (attrStart < attrNameEnd && isWsp(header.charCodeAt(attrStart))) attrStart++;
    while (attrNameEnd > attrStart && isWsp(header.charCodeAt(attrNameEnd - 1))) attrNameEnd--;
    while (attrValueStart < attrValueEnd && isWsp(header.charCodeAt(attrValueStart)))
      attrValueStart++;
    while (attrValueEnd > attrValueStart && isWsp(header.charCodeAt(attrValueEnd - 1)))
      attrValueEnd--;
    if (attrStart === attrNameEnd && attrValueStart === attrValueEnd) continue;
    // §5.6 step 8.5: an attribute value over 1024 octets is ignored (the cookie is kept).
    if (
      (attrValueEnd - attrValueStart) * 3 > ATTRIBUTE_VALUE_MAX_BYTES &&
      byteLength(header.slice(attrValueStart, attrValueEnd)) > ATTRIBUTE_VALUE_MAX_BYTES
    )
      continue;
    // Not in RFC 6265bis (Chromium): a tab inside an attribute name or value ignores the line
    // (tabs around them were trimmed above). `nextTab` only moves forward: the scan stays linear.
    if (nextTab < attrStart) {
      nextTab = header.indexOf('\t', attrStart);
      if (nextTab === -1) nextTab = length + 1;
    }
    if (nextTab < attrNameEnd) return undefined;
    if (nextTab < attrValueStart) {
      nextTab = header.indexOf('\t', attrValueStart);
      if (nextTab === -1) nextTab = length + 1;
    }
    if (nextTab < attrValueEnd) return undefined;

    // §5.6 step 8.6: process the attribute by its case-insensitive name (§5.6.1-§5.6.7), compared
    // in place (see `folded` for why ASCII case folding is exact here).
    switch (attributeOf(header, attrStart, attrNameEnd)) {
      case EXPIRES: {
        // §5.6.1: parse the cookie-date; on failure the attribute has no effect. Capped at 400 days.
        let ms = parseCookieDateMs(header, attrValueStart, attrValueEnd);
        if (Number.isNaN(ms)) {
          expires = undefined;
          break;
        }
        const limit = options?.maxAgeLimit ?? MAX_AGE_LIMIT_SECONDS;
        if (limit !== Number.POSITIVE_INFINITY) {
          const latest = toMillis(options?.now) + limit * 1000;
          if (ms > latest) ms = latest - (latest % 1000);
        }
        expires = new Date(ms);
        break;
      }
      case MAX_AGE:
        maxAge = parseMaxAge(
          header,
          attrValueStart,
          attrValueEnd,
          options?.maxAgeLimit ?? MAX_AGE_LIMIT_SECONDS,
        );
        break;
      case DOMAIN:
        // §5.6.3: drop one leading "." and lowercase. Not in RFC 6265bis (Chromium): an empty value
        // makes the cookie host-only instead of being skipped.
        if (attrValueStart === attrValueEnd) domain = undefined;
        else
          domain = header
            .slice(
              header.charCodeAt(attrValueStart) === 0x2e ? attrValueStart + 1 : attrValueStart,
              attrValueEnd,
            )
            .toLowerCase();
        break;
      case PATH:
        // §5.6.4: a value that is empty or does not start with "/" means the default-path.
        path =
          attrValueStart < attrValueEnd && header.charCodeAt(attrValueStart) === 0x2f
            ? header.slice(attrValueStart, attrValueEnd)
            : undefined;
        break;
      case SECURE:
        // §5.6.5
        cookie.secure = true;
        break;
      case HTTP_ONLY:
        // §5.6.6
        cookie.httpOnly = true;
        break;
      case SAME_SITE:
        // §5.6.7: "none", "strict" or "lax", case-insensitively; anything else is "Default".
        sameSite = sameSiteOf(header, attrValueStart, attrValueEnd);
        break;
      case PARTITIONED:
        // CHIPS (draft-cutler-httpbis-partitioned-cookies): a flag.
        cookie.partitioned = true;
        break;
      case PRIORITY:
        // Not in RFC 6265bis (Chromium): Low, Medium or High; anything else is the default.
        priority = priorityOf(header, attrValueStart, attrValueEnd);
        break;
      default:
        // §5.6 step 8.6: unrecognised attributes are ignored by the user agent; we keep them.
        extensions ??= [];
        extensions.push(header.slice(attrStart, attrValueEnd));
    }
  }

  if (expires !== undefined) cookie.expires = expires;
  if (maxAge !== undefined) cookie.maxAge = maxAge;
  if (domain !== undefined) cookie.domain = domain;
  if (path !== undefined) cookie.path = path;
  if (sameSite !== undefined) cookie.sameSite = sameSite;
  if (priority !== undefined) cookie.priority = priority;
  if (extensions !== undefined) cookie.extensions = extensions;
  return cookie;
}

const OTHER = 0;
const EXPIRES = 1;
const MAX_AGE = 2;
const DOMAIN = 3;
const PATH = 4;
const SECURE = 5;
const HTTP_ONLY = 6;
const SAME_SITE = 7;
const PARTITIONED = 8;
const PRIORITY = 9;

/**
 * The char at `at`, lowercased if it is an ASCII letter, by `| 0x20`. It only ever runs after §5.6
 * step 1 let the line through, and then it is exact for the words below: `| 0x20` could turn only a
 * control character (CR, 0x0D) into one of their chars ("-", 0x2D), and a char above 0x7F stays
 * above it. No attribute word holds a "k", the one ASCII letter a non-ASCII char lowercases to
 * (U+212A KELVIN SIGN), so this matches exactly what `toLowerCase()` and a compare would.
 */
function folded(text: string, at: number): number {
  return text.charCodeAt(at) | 0x20;
}

/** Which attribute text[start, end) names, case-insensitively: chars compared in place, no copy. */
function attributeOf(text: string, start: number, end: number): number {
  switch (end - start) {
    case 4:
      return folded(text, start) === 0x70 &&
        folded(text, start + 1) === 0x61 &&
        folded(text, start + 2) === 0x74 &&
        folded(text, start + 3) === 0x68
        ? PATH
        : OTHER;
    case 6:
      if (
        folded(text, start) === 0x64 &&
        folded(text, start + 1) === 0x6f &&
        folded(text, start + 2) === 0x6d &&
        folded(text, start + 3) === 0x61 &&
        folded(text, start + 4) === 0x69 &&
        folded(text, start + 5) === 0x6e
      )
        return DOMAIN;
      return folded(text, start) === 0x73 &&
        folded(text, start + 1) === 0x65 &&
        folded(text, start + 2) === 0x63 &&
        folded(text, start + 3) === 0x75 &&
        folded(text, start + 4) === 0x72 &&
        folded(text, start + 5) === 0x65
        ? SECURE
        : OTHER;
    case 7:
      if (
        folded(text, start) === 0x65 &&
        folded(text, start + 1) === 0x78 &&
        folded(text, start + 2) === 0x70 &&
        folded(text, start + 3) === 0x69 &&
        folded(text, start + 4) === 0x72 &&
        folded(text, start + 5) === 0x65 &&
        folded(text, start + 6) === 0x73
      )
        return EXPIRES;
      return folded(text, start) === 0x6d &&
        folded(text, start + 1) === 0x61 &&
        folded(text, start + 2) === 0x78 &&
        folded(text, start + 3) === 0x2d &&
        folded(text, start + 4) === 0x61 &&
        folded(text, start + 5) === 0x67 &&
        folded(text, start + 6) === 0x65
        ? MAX_AGE
        : OTHER;
    case 8:
      if (
        folded(text, start) === 0x68 &&
        folded(text, start + 1) === 0x74 &&
        folded(text, start + 2) === 0x74 &&
        folded(text, start + 3) === 0x70 &&
        folded(text, start + 4) === 0x6f &&
        folded(text, start + 5) === 0x6e &&
        folded(text, start + 6) === 0x6c &&
        folded(text, start + 7) === 0x79
      )
        return HTTP_ONLY;
      if (
        folded(text, start) === 0x73 &&
        folded(text, start + 1) === 0x61 &&
        folded(text, start + 2) === 0x6d &&
        folded(text, start + 3) === 0x65 &&
        folded(text, start + 4) === 0x73 &&
        folded(text, start + 5) === 0x69 &&
        folded(text, start + 6) === 0x74 &&
        folded(text, start + 7) === 0x65
      )
        return SAME_SITE;
      return folded(text, start) === 0x70 &&
        folded(text, start + 1) === 0x72 &&
        folded(text, start + 2) === 0x69 &&
        folded(text, start + 3) === 0x6f &&
        folded(text, start + 4) === 0x72 &&
        folded(text, start + 5) === 0x69 &&
        folded(text, start + 6) === 0x74 &&
        folded(text, start + 7) === 0x79
        ? PRIORITY
        : OTHER;
    case 11:
      return folded(text, start) === 0x70 &&
        folded(text, start + 1) === 0x61 &&
        folded(text, start + 2) === 0x72 &&
        folded(text, start + 3) === 0x74 &&
        folded(text, start + 4) === 0x69 &&
        folded(text, start + 5) === 0x74 &&
        folded(text, start + 6) === 0x69 &&
        folded(text, start + 7) === 0x6f &&
        folded(text, start + 8) === 0x6e &&
        folded(text, start + 9) === 0x65 &&
        folded(text, start + 10) === 0x64
        ? PARTITIONED
        : OTHER;
    default:
      return OTHER;
  }
}

function sameSiteOf(text: string, start: number, end: number): SameSite | undefined {
  switch (end - start) {
    case 4:
      return folded(text, start) === 0x6e &&
        folded(text, start + 1) === 0x6f &&
        folded(text, start + 2) === 0x6e &&
        folded(text, start + 3) === 0x65
        ? 'none'
        : undefined;
    case 6:
      return folded(text, start) === 0x73 &&
        folded(text, start + 1) === 0x74 &&
        folded(text, start + 2) === 0x72 &&
        folded(text, start + 3) === 0x69 &&
        folded(text, start + 4) === 0x63 &&
        folded(text, start + 5) === 0x74
        ? 'strict'
        : undefined;
    case 3:
      return folded(text, start) === 0x6c &&
        folded(text, start + 1) === 0x61 &&
        folded(text, start + 2) === 0x78
        ? 'lax'
        : undefined;
    default:
      return undefined;
  }
}

function priorityOf(text: string, start: number, end: number): Priority | undefined {
  switch (end - start) {
    case 3:
      return folded(text, start) === 0x6c &&
        folded(text, start + 1) === 0x6f &&
        folded(text, start + 2) === 0x77
        ? 'low'
        : undefined;
    case 6:
      return folded(text, start) === 0x6d &&
        folded(text, start + 1) === 0x65 &&
        folded(text, start + 2) === 0x64 &&
        folded(text, start + 3) === 0x69 &&
        folded(text, start + 4) === 0x75 &&
        folded(text, start + 5) === 0x6d
        ? 'medium'
        : undefined;
    case 4:
      return folded(text, start) === 0x68 &&
        folded(text, start + 1) === 0x69 &&
        folded(text, start + 2) === 0x67 &&
        folded(text, start + 3) === 0x68
        ? 'high'
        : undefined;
    default:
      return undefined;
  }
}

/**
 * §5.6.2: Max-Age is an optional "-" then digits, else the attribute has no effect; the value is
 * capped at the cookie-age-limit. Not in RFC 6265bis (Chromium): a leading "+" is accepted too.
 */
function parseMaxAge(text: string, start: number, end: number, limit: number): number | undefined {
  const first = text.charCodeAt(start);
  const digits = first === 0x2d || first === 0x2b ? start + 1 : start;
  if (digits === end) return undefined;
  let value = 0;
  for (let i = digits; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    value = value * 10 + (c - 0x30);
  }
  // Up to 15 digits the sum above is exact; longer numbers are left to Number's rounding.
  const seconds =
    end - digits <= 15
      ? first === 0x2d
        ? -value
        : value
      : Number(text.slice(first === 0x2b ? start + 1 : start, end));
  if (seconds <= 0) return seconds === 0 ? 0 : Math.max(seconds, Number.MIN_SAFE_INTEGER);
  return Math.min(seconds, limit);
}

/**
 * A cookie to send, as one object: the name, the value and every option of
 * {@link stringifySetCookie}.
 *
 * @example
 * ```ts
 * const cookie: SetCookieInit = { name: 'flavor', value: 'chocolate chip', maxAge: 30 };
 * ```
 */
export interface SetCookieInit extends StringifySetCookieOptions {
  name: string;
  value: string;
}

function attributeError(what: string, value: unknown, rule: string): CookieError {
  return new CookieError(
    'ERR_COOKIE_ATTRIBUTE_INVALID',
    `cookie ${what} is invalid: ${describeValue(value)} (${rule})`,
  );
}

/** A value for an error message that never throws: strings quoted, numbers as written (NaN too). */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : JSON.stringify(value.toISOString());
  if (value === null || value === undefined) return String(value);
  return Object.prototype.toString.call(value);
}

function checkAttributeSize(what: string, value: string): void {
  // A UTF-16 unit is at most 3 octets: only long values need the exact count.
  if (
    value.length * 3 > ATTRIBUTE_VALUE_MAX_BYTES &&
    byteLength(value) > ATTRIBUTE_VALUE_MAX_BYTES
  ) {
    throw new CookieError(
      'ERR_COOKIE_ATTRIBUTE_TOO_LARGE',
      `cookie ${what} is invalid: ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} (${byteLength(value)} bytes; browsers ignore attribute values over ${ATTRIBUTE_VALUE_MAX_BYTES} bytes, RFC 6265bis §5.6; shorten it)`,
    );
  }
}

/** Domain: an ASCII host name (a Unicode one is converted to its IDNA form), optional leading dot. */
function formatDomain(domain: string): string {
  // Werkzeug cuts a ":port" off the domain (Flask apps often pass request.host); browsers would
  // otherwise reject the cookie, since no host name holds a port.
  const colon = domain.lastIndexOf(':');
  if (colon !== -1 && colon > domain.lastIndexOf(']') && isDigits(domain, colon + 1)) {
    domain = domain.slice(0, colon);
  }
  let ascii = domain;
  for (let i = 0; i < domain.length; i++) {
    const c = domain.charCodeAt(i);
    const ok =
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2d ||
      c === 0x2e ||
      c === 0x5f;
    if (ok) continue;
    if (c > 0x7f) {
      try {
        const dot = domain.startsWith('.') ? '.' : '';
        ascii = dot + new URL(`http://${domain.slice(dot.length)}/`).hostname;
        break;
      } catch {
        // Falls through to the error below.
      }
    }
    // IPv6 literals are the one other host form a Domain attribute can name.
    if (c === 0x3a || c === 0x5b || c === 0x5d) continue;
    throw attributeError(
      'domain',
      domain,
      'a host name such as "example.com"; no spaces, ";" or control characters',
    );
  }
  if (ascii.length === 0 || ascii === '.')
    throw attributeError('domain', domain, 'a host name such as "example.com"');
  checkAttributeSize('domain', ascii);
  return ascii;
}

function isDigits(text: string, from: number): boolean {
  if (from >= text.length) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Path: must start with "/"; spaces and non-ASCII are percent-encoded as Werkzeug does, `;` refused. */
function formatPath(path: string): string {
  if (path.charCodeAt(0) !== 0x2f) {
    throw attributeError(
      'path',
      path,
      'it must start with "/", or browsers ignore it; write "/" + path',
    );
  }
  // Most paths need no encoding: find the first char that does before building anything.
  let i = 0;
  for (; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7e || c === 0x3b) break;
  }
  let out = path.slice(0, i);
  for (; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 0x3b || c < 0x20 || c === 0x7f) {
      throw attributeError('path', path, 'no ";" or control characters; percent-encode them');
    }
    if (c === 0x20 || c > 0x7e) {
      const isHigh = c >= 0xd800 && c <= 0xdbff;
      const char = isHigh ? path.slice(i, i + 2) : (path[i] as string);
      try {
        out += encodeURIComponent(char);
      } catch {
        throw attributeError('path', path, 'a lone UTF-16 surrogate has no UTF-8 form; remove it');
      }
      if (isHigh) i++;
    } else {
      out += path[i];
    }
  }
  checkAttributeSize('path', out);
  return out;
}

function normalizeSameSite(value: unknown): SameSite {
  if (value === 'lax' || value === 'strict' || value === 'none') return value;
  const mode = typeof value === 'string' ? value.toLowerCase() : value;
  if (mode === 'strict' || mode === 'lax' || mode === 'none') return mode;
  throw attributeError('sameSite', value, "use 'strict', 'lax' or 'none'");
}

function normalizePriority(value: unknown): Priority {
  if (value === 'low' || value === 'medium' || value === 'high') return value;
  const level = typeof value === 'string' ? value.toLowerCase() : value;
  if (level === 'low' || level === 'medium' || level === 'high') return level;
  throw attributeError('priority', value, "use 'low', 'medium' or 'high'");
}

const sameSiteText: Record<SameSite, string> = { strict: 'Strict', lax: 'Lax', none: 'None' };
const priorityText: Record<Priority, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/**
 * Builds one `Set-Cookie` header value: every parameter of Flask's `set_cookie` plus `partitioned` and
 * `priority`, attributes in Werkzeug's order (Domain, Expires, Max-Age, Secure, HttpOnly, Path,
 * SameSite, then Partitioned, Priority). Refuses with {@link CookieError} what a browser would drop or
 * what would inject attributes. Max-Age and Expires beyond 400 days are clamped to 400 days, as every
 * current browser does (RFC 6265bis §5.6.1-§5.6.2). The result is a ByteString: non-ASCII text is
 * written as UTF-8 octets.
 *
 * @example
 * ```ts
 * import { stringifySetCookie } from 'shortbread';
 * stringifySetCookie('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' });
 * // 'flavor=chocolate%20chip; Max-Age=30; Path=/cookies'
 * stringifySetCookie('flavor', 'chocolate chip', { encoding: 'werkzeug', path: '/' });
 * // 'flavor="chocolate chip"; Path=/'
 * stringifySetCookie({ name: 'id', value: '1', secure: true, sameSite: 'none' });
 * // 'id=1; Secure; SameSite=None'
 * ```
 */
export function stringifySetCookie(
  name: string,
  value: string,
  options?: StringifySetCookieOptions,
): string;
export function stringifySetCookie(cookie: SetCookieInit): string;
export function stringifySetCookie(
  nameOrCookie: string | SetCookieInit,
  value?: string,
  options?: StringifySetCookieOptions,
): string {
  let name: string;
  let opts: StringifySetCookieOptions;
  if (typeof nameOrCookie === 'object' && nameOrCookie !== null) {
    name = nameOrCookie.name;
    value = nameOrCookie.value;
    opts = nameOrCookie;
  } else {
    name = nameOrCookie;
    opts = options ?? {};
  }
  if (typeof value !== 'string') {
    throw new CookieError(
      'ERR_COOKIE_VALUE_INVALID',
      `cookie value is invalid: ${describeValue(value)} for ${JSON.stringify(name)} (values are strings; convert it, e.g. String(value) or JSON.stringify(value))`,
    );
  }

  const wireName = checkCookieName(name);
  const wireValue = encodeCookieValue(value, opts.encoding, opts.encode);
  if (wireName.length === 0) {
    // §5.6 step 6 and Chromium: a nameless cookie needs a value, and one holding "=" is dropped.
    if (wireValue.length === 0 || wireValue.indexOf('=') !== -1) {
      throw new CookieError(
        'ERR_COOKIE_NAME_INVALID',
        `cookie name is invalid: "" with value ${JSON.stringify(value)} (a nameless cookie needs a value without "="; give the cookie a name)`,
      );
    }
  }
  // §5.6 step 5: over 4096 octets the browser drops the line.
  const size = wireName.length + wireValue.length;
  if (size > NAME_VALUE_MAX_BYTES) {
    throw new CookieError(
      'ERR_COOKIE_TOO_LARGE',
      `cookie ${JSON.stringify(name)} is too large: ${size} bytes of name and value (browsers drop cookies over ${NAME_VALUE_MAX_BYTES} bytes, RFC 6265bis §5.6; store less, or keep the data server-side)`,
    );
  }

  const secure = opts.secure === true;
  const httpOnly = opts.httpOnly === true;
  const partitioned = opts.partitioned === true;
  const sameSite = opts.sameSite === undefined ? undefined : normalizeSameSite(opts.sameSite);
  if (sameSite === 'none' && !secure) {
    throw new CookieError(
      'ERR_COOKIE_SAMESITE_NONE_INSECURE',
      `cookie ${JSON.stringify(name)} is invalid: SameSite=None without Secure (browsers reject it; set secure: true)`,
    );
  }
  if (partitioned && !secure) {
    throw new CookieError(
      'ERR_COOKIE_PARTITIONED_INSECURE',
      `cookie ${JSON.stringify(name)} is invalid: Partitioned without Secure (browsers reject it; set secure: true)`,
    );
  }
  const domain = opts.domain === undefined ? undefined : formatDomain(opts.domain);
  const path = opts.path === undefined ? undefined : formatPath(opts.path);
  // Every prefix starts with "__" (cookiePrefix): other names skip the check.
  const violation =
    name.charCodeAt(0) === 0x5f
      ? prefixViolation(name, { secure, httpOnly, domain, path })
      : undefined;
  if (violation !== undefined) {
    throw new CookieError(
      'ERR_COOKIE_PREFIX',
      `cookie name ${JSON.stringify(name)} breaks its prefix: ${violation}`,
    );
  }

  let maxAge: number | undefined;
  if (opts.maxAge !== undefined) {
    if (typeof opts.maxAge !== 'number' || !Number.isInteger(opts.maxAge)) {
      throw attributeError(
        'maxAge',
        opts.maxAge,
        'a whole number of seconds, as Flask takes it; round it',
      );
    }
    // RFC 6265bis §5.6.2: browsers cap Max-Age at 400 days; we write what they will keep.
    maxAge = Math.min(opts.maxAge, MAX_AGE_LIMIT_SECONDS);
  }
  let expiresMs: number | undefined;
  if (opts.expires !== undefined) {
    expiresMs =
      typeof opts.expires === 'number'
        ? opts.expires
        : opts.expires instanceof Date
          ? opts.expires.getTime()
          : Number.NaN;
    // ±8.64e15 ms is the range of a Date (ECMA-262 §21.4.1.1).
    if (!Number.isFinite(expiresMs) || Math.abs(expiresMs) > 8.64e15) {
      throw attributeError('expires', opts.expires, 'a valid Date or epoch milliseconds');
    }
  }
  if (expiresMs !== undefined || (maxAge !== undefined && opts.syncExpires === true)) {
    const now = toMillis(opts.now);
    // Werkzeug's sync_expires: Expires = now + max_age, for user agents that ignore Max-Age.
    // A synced Expires for a Max-Age of 0 or less only has to lie in the past: the epoch will do.
    if (expiresMs === undefined) expiresMs = Math.max(now + (maxAge as number) * 1000, 0);
    // RFC 6265bis §5.6.1: browsers cap Expires at now + 400 days.
    expiresMs = Math.min(expiresMs, now + MAX_AGE_LIMIT_SECONDS * 1000);
  }

  let header = wireName.length === 0 ? wireValue : `${wireName}=${wireValue}`;
  if (domain !== undefined) header += `; Domain=${domain}`;
  if (expiresMs !== undefined) header += `; Expires=${formatCookieDate(expiresMs)}`;
  if (maxAge !== undefined) header += `; Max-Age=${maxAge}`;
  if (secure) header += '; Secure';
  if (httpOnly) header += '; HttpOnly';
  if (path !== undefined) header += `; Path=${path}`;
  if (sameSite !== undefined) header += `; SameSite=${sameSiteText[sameSite]}`;
  if (partitioned) header += '; Partitioned';
  if (opts.priority !== undefined)
    header += `; Priority=${priorityText[normalizePriority(opts.priority)]}`;
  return header;
}
