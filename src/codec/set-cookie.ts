/**
 * @module The `Set-Cookie` response header: parse one line exactly as a browser does (RFC 6265bis
 * §5.6, Chromium where the draft leaves room), and build one that every browser keeps as written.
 *
 * set-cookie-string = BWS cookie-pair *( BWS ";" OWS cookie-av )   (RFC 6265bis §4.1.1)
 */

import { byteLength } from '../internal/byte-string.js';
import { attributeError, DATE_RULE, formatCookieDate, parseCookieDateMs } from './cookie-date.js';
import { decodeCookieValue, decodePrintableValue } from './cookie-value.js';
import { checkCookieName, encodeCookieValue } from './encode-cookie.js';
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

/** Anything but printable ASCII (%x20-7E). One class: linear. */
const notPrintableAscii = /[^\x20-\x7e]/;
/** %x00-08 / %x0A-1F / %x7F: the CTLs §5.6 step 1 rejects (HTAB is allowed). One class: linear. */
const rejectedControl = /[\x00-\x08\x0a-\x1f\x7f]/;

/** The attribute names §5.6.1-§5.6.7 (and Chromium) know, as servers write them. */
const WRITTEN =
  /* @__PURE__ */ 'Expires Max-Age Domain Path Secure HttpOnly SameSite Partitioned Priority'.split(
    ' ',
  );
/** The same, lowercase: the case-insensitive match when the written spelling was not used. */
const LOWERCASE = /* @__PURE__ */ WRITTEN.map((name) => name.toLowerCase());
const SAME_SITE: readonly SameSite[] = ['strict', 'lax', 'none'];
const PRIORITY: readonly Priority[] = ['low', 'medium', 'high'];

/** The latest clock reading: the clock is at least this now (see the Expires cap). */
let clockFloor = Number.NEGATIVE_INFINITY;

function isWsp(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Index of the first non-WSP char of text[start, end), or `end`. */
function skipWsp(text: string, start: number, end: number): number {
  while (start < end && isWsp(text.charCodeAt(start))) start++;
  return start;
}

/** One past the last non-WSP char of text[start, end), or `start`. */
function trimWsp(text: string, start: number, end: number): number {
  while (end > start && isWsp(text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * Which of WRITTEN `name` is, in any case, or -1. Its length and first letter leave one candidate,
 * so one compare decides. Names hold only ASCII letters and "-", none a "k" (the one ASCII letter a
 * non-ASCII char lowercases to), so `toLowerCase` matches exactly as an ASCII case fold would.
 */
function attributeOf(name: string): number {
  const first = name.charCodeAt(0) | 0x20;
  let candidate: number;
  switch (name.length) {
    case 4:
      candidate = 3;
      break;
    case 6:
      candidate = first === 0x64 ? 2 : 4; // d: Domain, else Secure
      break;
    case 7:
      candidate = first === 0x65 ? 0 : 1; // e: Expires, else Max-Age
      break;
    case 8:
      candidate = first === 0x68 ? 5 : first === 0x73 ? 6 : 8; // h: HttpOnly, s: SameSite, Priority
      break;
    case 11:
      candidate = 7;
      break;
    default:
      return -1;
  }
  const lower = LOWERCASE[candidate] as string;
  // A first letter that does not fit spares the lowercase copy (an unknown attribute, usually).
  return name === WRITTEN[candidate] ||
    (first === lower.charCodeAt(0) && name.toLowerCase() === lower)
    ? candidate
    : -1;
}

/** `word` lowercased if it is one of `allowed` in any ASCII case, else undefined. */
function oneOf<T extends string>(word: string, allowed: readonly T[]): T | undefined {
  // No word here holds a "k", the one ASCII letter a non-ASCII char lowercases to.
  const lower = word.toLowerCase() as T;
  return allowed.includes(lower) ? lower : undefined;
}

/**
 * Makes the parse result: a plain object (its prototype is Object.prototype) made by a constructor
 * rather than a literal, so V8 reserves room in it for the attributes added afterwards and a full
 * line costs one allocation instead of an object plus a growing property store.
 */
const ParsedSetCookie = /* @__PURE__ */ (() => {
  function ParsedSetCookie(
    this: SetCookie,
    name: string,
    value: string,
    secure: boolean,
    httpOnly: boolean,
    partitioned: boolean,
  ): void {
    this.name = name;
    this.value = value;
    this.secure = secure;
    this.httpOnly = httpOnly;
    this.partitioned = partitioned;
  }
  ParsedSetCookie.prototype = Object.prototype;
  return ParsedSetCookie as unknown as new (
    name: string,
    value: string,
    secure: boolean,
    httpOnly: boolean,
    partitioned: boolean,
  ) => SetCookie;
})();

/**
 * Parses one `Set-Cookie` header value by the algorithm of RFC 6265bis §5.6, step by step. Returns
 * `undefined` exactly where a browser ignores the whole line; attributes a browser ignores are left
 * out. When an attribute repeats, the last one decides, even when it is empty or invalid (Chromium).
 * Never throws.
 *
 * Expires is capped at now + 400 days. Without `options.now`, the clock is read only for a date
 * that could lie past the cap: a date within 400 days of an earlier reading needs no new one (if
 * the system clock is set back, such a date may escape the cap by as much as it was set back).
 *
 * @example
 * ```ts
 * import { parseSetCookie } from 'shortbread';
 * parseSetCookie('flavor=chocolate%20chip; Max-Age=30; Path=/cookies; HttpOnly');
 * // { name: 'flavor', value: 'chocolate chip', secure: false, httpOnly: true,
 * //   partitioned: false, maxAge: 30, path: '/cookies' }
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
  if (pairEnd < 0) pairEnd = length;
  // §5.6 step 3: without "=", the name is empty and the whole pair is the value. (A search of the
  // pair alone: on the line it could run on past the ";" to the end.)
  const eq = header.slice(0, pairEnd).indexOf('=');
  // §5.6 step 4: remove leading and trailing WSP from name and value.
  const nameStart = skipWsp(header, 0, eq);
  const name = header.slice(nameStart, trimWsp(header, nameStart, Math.max(eq, 0)));
  const valueStart = skipWsp(header, eq + 1, pairEnd);
  const rawValue = header.slice(valueStart, trimWsp(header, valueStart, pairEnd));

  // §5.6 step 5: name and value over 4096 octets together ignore the line.
  // A UTF-16 unit is at most 3 octets, so only long lines need the exact count.
  // §5.6 step 6: an empty name with an empty value ignores the line.
  if (
    ((name.length + rawValue.length) * 3 > NAME_VALUE_MAX_BYTES &&
      byteLength(name) + byteLength(rawValue) > NAME_VALUE_MAX_BYTES) ||
    name.length + rawValue.length === 0
  )
    return undefined;
  // §5.6 step 1: a control character other than HTAB anywhere ignores the whole line. Checked after
  // the steps above (which cost less on a hostile line) and before anything is decoded. The first
  // test is much the cheaper; only a line it flags (a control, HTAB or non-ASCII) needs the second,
  // and only such a line can hold a tab.
  const printable = !notPrintableAscii.test(header);
  if (
    (!printable &&
      // Not in RFC 6265bis (Chromium): a tab inside the name or value ignores the line.
      (rejectedControl.test(header) || `${name}=${rawValue}`.includes('\t'))) ||
    // Not in RFC 6265bis (Chromium): a nameless cookie whose value holds "=" would be read back as
    // a named one, so it is ignored.
    (name.length === 0 && rawValue.includes('='))
  )
    return undefined;

  const custom = options?.decode ?? undefined;
  const value =
    custom !== undefined
      ? custom(rawValue)
      : printable
        ? decodePrintableValue(rawValue)
        : decodeCookieValue(rawValue);
  const limit = options?.maxAgeLimit ?? MAX_AGE_LIMIT_SECONDS;
  let expires: Date | undefined;
  let maxAge: number | undefined;
  let domain: string | undefined;
  let path: string | undefined;
  let secure = false;
  let httpOnly = false;
  let sameSite: SameSite | undefined;
  let partitioned = false;
  let priority: Priority | undefined;
  let extensions: string[] | undefined;

  // The next "=" at or after where it is needed, `length` when there is none left: each search
  // covers new ground, so the attribute scan stays linear.
  let nextEq = -1;
  // §5.6 step 8: process each cookie-av in turn.
  for (let index = pairEnd; index < length; ) {
    // §5.6 step 8.1-8.2: consume the ";" and take the cookie-av up to the next one.
    let start = index + 1;
    let end = header.indexOf(';', start);
    if (end < 0) end = length;
    index = end;
    // §5.6 step 8.3-8.4: split at the first "=", then trim WSP from both parts.
    if (nextEq < start) {
      nextEq = header.indexOf('=', start);
      if (nextEq < 0) nextEq = length;
    }
    start = skipWsp(header, start, Math.min(nextEq, end));
    const nameEnd = trimWsp(header, start, Math.min(nextEq, end));
    const from = skipWsp(header, nextEq < end ? nextEq + 1 : end, end);
    const to = trimWsp(header, from, end);
    if (start === nameEnd && from === to) continue;
    // §5.6 step 8.5: an attribute value over 1024 octets is ignored (the cookie is kept).
    if (
      (to - from) * 3 > ATTRIBUTE_VALUE_MAX_BYTES &&
      byteLength(header.slice(from, to)) > ATTRIBUTE_VALUE_MAX_BYTES
    )
      continue;
    const attribute = header.slice(start, nameEnd);
    // Not in RFC 6265bis (Chromium): a tab inside an attribute name or value ignores the line (tabs
    // around them were trimmed). Each part is searched once: linear.
    if (!printable && `${attribute}=${header.slice(from, to)}`.includes('\t')) return undefined;

    // §5.6 step 8.6: process the attribute by its case-insensitive name (§5.6.1-§5.6.7).
    switch (attributeOf(attribute)) {
      case 0: {
        // §5.6.1: parse the cookie-date; on failure the attribute has no effect. Capped at now +
        // the limit; without `now`, the clock is read only when the date could lie past the cap.
        let ms = parseCookieDateMs(header, from, to);
        if (!Number.isNaN(ms) && limit !== Number.POSITIVE_INFINITY) {
          let latest = ms;
          if (options?.now !== undefined) latest = Number(options.now) + limit * 1000;
          else if (ms > clockFloor + limit * 1000) {
            clockFloor = Date.now();
            latest = clockFloor + limit * 1000;
          }
          if (ms > latest) ms = latest - (latest % 1000);
        }
        expires = Number.isNaN(ms) ? undefined : new Date(ms);
        break;
      }
      case 1:
        maxAge = parseMaxAge(header, from, to, limit);
        break;
      case 2:
        // §5.6.3: drop one leading "." and lowercase. Not in RFC 6265bis (Chromium): an empty value
        // makes the cookie host-only instead of being skipped.
        domain =
          from < to
            ? header.slice(header.charCodeAt(from) === 0x2e ? from + 1 : from, to).toLowerCase()
            : undefined;
        break;
      case 3:
        // §5.6.4: a value that is empty or does not start with "/" means the default-path.
        path = from < to && header.charCodeAt(from) === 0x2f ? header.slice(from, to) : undefined;
        break;
      case 4:
        secure = true; // §5.6.5
        break;
      case 5:
        httpOnly = true; // §5.6.6
        break;
      case 6:
        // §5.6.7: "none", "strict" or "lax", case-insensitively; anything else is "Default".
        sameSite = oneOf(header.slice(from, to), SAME_SITE);
        break;
      case 7:
        partitioned = true; // CHIPS (draft-cutler-httpbis-partitioned-cookies): a flag.
        break;
      case 8:
        // Not in RFC 6265bis (Chromium): Low, Medium or High; anything else is the default.
        priority = oneOf(header.slice(from, to), PRIORITY);
        break;
      default:
        // §5.6 step 8.6: unrecognised attributes are ignored by the user agent; we keep them.
        // §5.6 step 8.3-8.4: the name and the value are each trimmed of WSP, so keep them that way.
        extensions ??= [];
        extensions.push(nextEq < end ? `${attribute}=${header.slice(from, to)}` : attribute);
    }
  }

  const cookie = new ParsedSetCookie(name, value, secure, httpOnly, partitioned);
  if (expires !== undefined) cookie.expires = expires;
  if (maxAge !== undefined) cookie.maxAge = maxAge;
  if (domain !== undefined) cookie.domain = domain;
  if (path !== undefined) cookie.path = path;
  if (sameSite !== undefined) cookie.sameSite = sameSite;
  if (priority !== undefined) cookie.priority = priority;
  if (extensions !== undefined) cookie.extensions = extensions;
  return cookie;
}

/**
 * §5.6.2: Max-Age is an optional "-" then digits, else the attribute has no effect; the value is
 * capped at the cookie-age-limit. Not in RFC 6265bis (Chromium): a leading "+" is accepted too.
 */
function parseMaxAge(text: string, start: number, end: number, limit: number): number | undefined {
  const sign = text.charCodeAt(start);
  const digits = sign === 0x2d || sign === 0x2b ? start + 1 : start;
  if (digits === end) return undefined;
  let value = 0;
  for (let i = digits; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (!(digit >= 0 && digit <= 9)) return undefined;
    value = value * 10 + digit;
  }
  // Up to 15 digits the sum above is exact; longer numbers are left to Number's rounding.
  if (end - digits > 15) value = Number(text.slice(digits, end));
  if (sign === 0x2d) value = -value;
  return value > 0 ? Math.min(value, limit) : Math.max(value, Number.MIN_SAFE_INTEGER) || 0;
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

/** Refuses an attribute value over 1024 octets (it is ASCII here: a char is an octet). */
function checkSize(what: string, value: string): string {
  if (value.length > ATTRIBUTE_VALUE_MAX_BYTES) {
    throw attributeError(
      what,
      value,
      `${value.length} bytes, over 1024 (RFC 6265bis §5.6); shorten it`,
      'ERR_COOKIE_ATTRIBUTE_TOO_LARGE',
    );
  }
  return value;
}

/** The chars a Domain may hold as written: ASCII letters, digits, "_", ".", "-", and ":[]" of IPv6. */
const notDomainChar = /[^\w.:[\]-]/;

function isDomainChar(code: number): boolean {
  return (
    ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) ||
    (code >= 0x2d && code <= 0x3a && code !== 0x2f) ||
    code === 0x5f ||
    code === 0x5b ||
    code === 0x5d
  );
}

/** A path char written as it is: printable ASCII but space and ";". */
function isPathChar(code: number): boolean {
  return code > 0x20 && code < 0x7f && code !== 0x3b;
}

/** Domain: an ASCII host name (a Unicode one is converted to its IDNA form), optional leading dot. */
function formatDomain(domain: string): string {
  // Werkzeug cuts a ":port" off the domain (Flask apps often pass request.host); browsers would
  // otherwise reject the cookie, since no host name holds a port.
  const colon = domain.lastIndexOf(':');
  if (colon >= 0 && colon > domain.lastIndexOf(']') && /^\d+$/.test(domain.slice(colon + 1))) {
    domain = domain.slice(0, colon);
  }
  let ascii = domain;
  let bad = 0;
  while (bad < domain.length && isDomainChar(domain.charCodeAt(bad))) bad++;
  if (bad === domain.length) bad = -1;
  if (bad >= 0) {
    const dot = domain.startsWith('.') ? '.' : '';
    try {
      // A non-ASCII host name is written in its IDNA form, which must hold no ";" either.
      ascii =
        domain.charCodeAt(bad) > 0x7f
          ? dot + new URL(`http://${domain.slice(dot.length)}/`).hostname
          : '';
    } catch {
      ascii = '';
    }
    if (notDomainChar.test(ascii)) ascii = '';
  }
  if (ascii.length === 0 || ascii === '.') {
    throw attributeError(
      'domain',
      domain,
      'a host name such as "example.com"; remove spaces, ";" and controls',
    );
  }
  return checkSize('domain', ascii);
}

/** Path: must start with "/"; spaces and non-ASCII are percent-encoded as Werkzeug does, `;` refused. */
function formatPath(path: string): string {
  if (path.charCodeAt(0) !== 0x2f) {
    throw attributeError('path', path, 'it must start with "/"; write "/" + path');
  }
  // Most paths need no encoding: a scan (cheaper than a regex on so short a string) finds whether
  // any char does.
  let i = 0;
  while (i < path.length && isPathChar(path.charCodeAt(i))) i++;
  if (i < path.length) {
    if (/[;\x00-\x1f\x7f]/.test(path)) {
      throw attributeError('path', path, 'no ";" or controls; percent-encode them');
    }
    try {
      // Spaces and non-ASCII, as UTF-8 octets; encodeURI throws on a lone surrogate.
      path = path.replace(/[^\x21-\x7e]+/g, encodeURI);
    } catch {
      throw attributeError('path', path, 'a lone UTF-16 surrogate has no UTF-8 form; remove it');
    }
  }
  return checkSize('path', path);
}

/** A SameSite or Priority option, in any case, lowercased; anything else throws. */
function normalize<T extends string>(what: string, value: unknown, allowed: readonly T[]): T {
  // The lowercase spelling (the type's own) needs no copy.
  if (value === allowed[0] || value === allowed[1] || value === allowed[2]) return value as T;
  const word = typeof value === 'string' ? oneOf(value, allowed) : undefined;
  if (word === undefined)
    throw attributeError(what, value, `one of '${allowed.join("', '")}'; use one of them`);
  return word;
}

/** How a SameSite or Priority value is written: first letter capitalized. */
const WRITTEN_VALUE: Record<string, string> = {
  strict: 'Strict',
  lax: 'Lax',
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

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
    throw attributeError(
      'value',
      value,
      'values are strings; convert it, e.g. String(value)',
      'ERR_COOKIE_VALUE_INVALID',
    );
  }

  const wireName = checkCookieName(name);
  const wireValue = encodeCookieValue(value, opts.encoding, opts.encode);
  // §5.6 step 6 and Chromium: a nameless cookie needs a value, and one holding "=" is dropped.
  if (wireName.length === 0 && (wireValue.length === 0 || wireValue.includes('='))) {
    throw attributeError(
      'name',
      name,
      'a nameless cookie needs a value without "="; name it',
      'ERR_COOKIE_NAME_INVALID',
    );
  }
  // §5.6 step 5: over 4096 octets the browser drops the line.
  const size = wireName.length + wireValue.length;
  if (size > NAME_VALUE_MAX_BYTES) {
    throw attributeError(
      'value',
      value,
      `${size} bytes of name and value, over 4096 (RFC 6265bis §5.6); store less`,
      'ERR_COOKIE_TOO_LARGE',
    );
  }

  const secure = opts.secure === true;
  const httpOnly = opts.httpOnly === true;
  const partitioned = opts.partitioned === true;
  const sameSite =
    opts.sameSite === undefined ? undefined : normalize('sameSite', opts.sameSite, SAME_SITE);
  if (sameSite === 'none' && !secure) {
    throw attributeError(
      'sameSite',
      sameSite,
      'SameSite=None needs Secure; set secure: true',
      'ERR_COOKIE_SAMESITE_NONE_INSECURE',
    );
  }
  if (partitioned && !secure) {
    throw attributeError(
      'partitioned',
      partitioned,
      'Partitioned needs Secure; set secure: true',
      'ERR_COOKIE_PARTITIONED_INSECURE',
    );
  }
  const domain = opts.domain === undefined ? undefined : formatDomain(opts.domain);
  const path = opts.path === undefined ? undefined : formatPath(opts.path);
  // Every prefix starts with "__" (cookiePrefix): other names skip the check.
  const violation =
    name.charCodeAt(0) === 0x5f
      ? prefixViolation(name, { secure, httpOnly, domain, path })
      : undefined;
  if (violation !== undefined) throw attributeError('name', name, violation, 'ERR_COOKIE_PREFIX');

  let maxAge = opts.maxAge;
  if (maxAge !== undefined) {
    if (!Number.isInteger(maxAge)) {
      throw attributeError('maxAge', maxAge, 'whole seconds; round it');
    }
    // RFC 6265bis §5.6.2: browsers cap Max-Age at 400 days; we write what they will keep.
    maxAge = Math.min(maxAge, MAX_AGE_LIMIT_SECONDS);
  }
  let expiresMs: number | undefined;
  const expires = opts.expires;
  if (expires !== undefined) {
    expiresMs =
      typeof expires === 'number'
        ? expires
        : expires instanceof Date
          ? expires.getTime()
          : Number.NaN;
    // ±8.64e15 ms is the range of a Date (ECMA-262 §21.4.1.1); NaN fails the test too.
    if (!(Math.abs(expiresMs) <= 8.64e15)) {
      throw attributeError('expires', expires, DATE_RULE);
    }
  }
  if (expiresMs !== undefined || (maxAge !== undefined && opts.syncExpires === true)) {
    const now = Number(opts.now ?? Date.now());
    // RFC 6265bis §5.6.1: browsers cap Expires at now + 400 days. Werkzeug's sync_expires: Expires =
    // now + max_age, for user agents that ignore Max-Age; for a Max-Age of 0 or less it only has to
    // lie in the past: the epoch will do.
    expiresMs = Math.min(
      expiresMs ?? Math.max(now + (maxAge as number) * 1000, 0),
      now + MAX_AGE_LIMIT_SECONDS * 1000,
    );
  }

  let header = wireName.length === 0 ? wireValue : `${wireName}=${wireValue}`;
  if (domain !== undefined) header += `; Domain=${domain}`;
  if (expiresMs !== undefined) header += `; Expires=${formatCookieDate(expiresMs)}`;
  if (maxAge !== undefined) header += `; Max-Age=${maxAge}`;
  if (secure) header += '; Secure';
  if (httpOnly) header += '; HttpOnly';
  if (path !== undefined) header += `; Path=${path}`;
  if (sameSite !== undefined) header += `; SameSite=${WRITTEN_VALUE[sameSite]}`;
  if (partitioned) header += '; Partitioned';
  if (opts.priority !== undefined)
    header += `; Priority=${WRITTEN_VALUE[normalize('priority', opts.priority, PRIORITY)]}`;
  return header;
}
