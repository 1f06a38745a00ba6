/**
 * @module The `Set-Cookie` response header: parse one line exactly as a browser does (RFC 6265bis
 * §5.6, Chromium where the draft leaves room), and build one that every browser keeps as written.
 *
 * set-cookie-string = BWS cookie-pair *( BWS ";" OWS cookie-av )   (RFC 6265bis §4.1.1)
 */

import { byteLength, hasLoneSurrogate } from '../internal/byte-string.js';
import { isWsp } from '../internal/trim-wsp.js';
import { DATE_RULE, formatCookieDate, parseCookieDateMs } from './cookie-date.js';
import { decodeCookieValue, decodePrintableValue } from './cookie-value.js';
import { checkCookieName, encodeCookieValue } from './encode-cookie.js';
import { type CookieErrorCode, cookieError, LONE_SURROGATE } from './errors.js';
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

const SAME_SITE: readonly SameSite[] = ['strict', 'lax', 'none'];
const PRIORITY: readonly Priority[] = ['low', 'medium', 'high'];

/**
 * The attribute names §5.6.1-§5.6.7 (and Chromium) know, as servers write them, each at the slot
 * (first letter, lowercased, + 7 x length) % 12 picks: a hash with no two names in one slot.
 */
const NAMES =
  /* @__PURE__ */ 'Priority Secure Max-Age SameSite HttpOnly  Expires  Path Partitioned Domain '.split(
    ' ',
  );

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

/** The latest clock reading: the clock is at least this now (see the Expires cap). */
let clockFloor = -Infinity;

/** `word` lowercased if it is one of `allowed` in any ASCII case, else undefined. */
function oneOf<T extends string>(word: string, allowed: readonly T[]): T | undefined {
  // No word here holds a "k", the one ASCII letter a non-ASCII char lowercases to.
  const lower = word.toLowerCase() as T;
  return allowed.includes(lower) ? lower : undefined;
}

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
  // Whether the line is printable ASCII: §5.6 step 1 sets it, once the name-value pair is kept.
  let printable = true;
  const length = header.length;
  const limit = options?.maxAgeLimit ?? MAX_AGE_LIMIT_SECONDS;
  let name = '';
  let value = '';
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
  // covers new ground, so the scan stays linear.
  let nextEq = -1;
  // §5.6 step 2: the name-value-pair runs to the first ";" (the first part, at 0), the attributes
  // follow it. Step 8: process each cookie-av in turn.
  for (let index = -1; index < length; ) {
    // §5.6 step 8.1-8.2: consume the ";" and take the part up to the next one.
    const start = index + 1;
    let end = header.indexOf(';', start);
    if (end < 0) end = length;
    index = end;
    if (nextEq < start) {
      // The pair's "=" is looked for in the pair alone (a search back from its end says whether
      // it holds one): a line that its pair has ignored is read no further.
      nextEq = start || header.lastIndexOf('=', end) >= 0 ? header.indexOf('=', start) : end;
      if (nextEq < 0) nextEq = length;
    }
    // §5.6 steps 3-4 and 8.3-8.4: split at the first "=", then trim WSP from both parts:
    // [a, b) is the name, [c, d) the value.
    const split = Math.min(nextEq, end);
    let a = start;
    let b = split;
    let c = split < end ? split + 1 : end;
    let d = end;
    while (a < b && isWsp(header.charCodeAt(a))) a++;
    while (b > a && isWsp(header.charCodeAt(b - 1))) b--;
    while (c < d && isWsp(header.charCodeAt(c))) c++;
    while (d > c && isWsp(header.charCodeAt(d - 1))) d--;

    if (start === 0) {
      // §5.6 step 3: without "=", the name is empty and the whole pair is the value.
      if (split === end) {
        c = a;
        d = b;
        b = a;
      }
      name = header.slice(a, b);
      const raw = header.slice(c, d);
      if (
        // §5.6 step 5: name and value over 4096 octets together ignore the line. A UTF-16 unit
        // is at most 3 octets, so only long ones need the exact count.
        ((b - a + d - c) * 3 > NAME_VALUE_MAX_BYTES &&
          byteLength(name) + byteLength(raw) > NAME_VALUE_MAX_BYTES) ||
        // §5.6 step 6: an empty name with an empty value ignores the line. Not in RFC 6265bis
        // (Chromium): a nameless cookie whose value holds "=" would be read back as a named
        // one, so it is ignored.
        (a === b && (c === d || raw.includes('=')))
      )
        return undefined;
      // §5.6 step 1: a control character other than HTAB anywhere ignores the whole line. Run
      // after the steps above: a line they ignore is ignored either way, and they read the pair
      // alone, not the whole line. The first test (one class: linear) is the cheaper; only a line
      // it flags needs the second, and only such a line can hold a tab.
      printable = !/[^\x20-\x7e]/.test(header);
      if (
        !printable &&
        (/[\x00-\x08\x0a-\x1f\x7f]/.test(header) ||
          // Not in RFC 6265bis (Chromium): a tab inside the name or value ignores the line.
          `${name}=${raw}`.includes('\t'))
      )
        return undefined;
      const custom = options?.decode;
      value =
        custom != null
          ? custom(raw)
          : printable
            ? decodePrintableValue(raw)
            : decodeCookieValue(raw);
      continue;
    }

    if (
      (a === b && c === d) ||
      // §5.6 step 8.5: an attribute value over 1024 octets is ignored (the cookie is kept).
      ((d - c) * 3 > ATTRIBUTE_VALUE_MAX_BYTES &&
        byteLength(header.slice(c, d)) > ATTRIBUTE_VALUE_MAX_BYTES)
    )
      continue;
    const attribute = header.slice(a, b);
    const text = header.slice(c, d);
    // Not in RFC 6265bis (Chromium): a tab inside an attribute name or value ignores the line (tabs
    // around them were trimmed). Each part is searched once: linear.
    if (!printable && `${attribute}=${text}`.includes('\t')) return undefined;

    // §5.6 step 8.6: process the attribute by its case-insensitive name (§5.6.1-§5.6.7). Its first
    // letter and length pick the one name it can be; it is that name when it is written so or,
    // lowercased, matches (no name holds a "k", the one ASCII letter a non-ASCII char lowercases to).
    const known = NAMES[((header.charCodeAt(a) | 0x20) + (b - a) * 7) % 12] as string;
    switch (
      attribute === known ||
      // Only a name of the same length can match: most unknown ones are spared the lowercase copy.
      (b - a === known.length && attribute.toLowerCase() === known.toLowerCase())
        ? known
        : ''
    ) {
      case 'Expires': {
        // §5.6.1: parse the cookie-date; on failure the attribute has no effect. Capped at now +
        // the limit; without `now`, the clock is read only when the date could lie past the cap.
        let ms = parseCookieDateMs(header, c, d);
        if (!Number.isNaN(ms) && limit !== Infinity) {
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
      case 'Max-Age': {
        // §5.6.2: an optional "-" then digits, else the attribute has no effect; the value is
        // capped at the cookie-age-limit. Not in RFC 6265bis (Chromium): a "+" is accepted too.
        // Up to 15 digits the sum is exact; longer numbers are left to Number's rounding.
        const sign = header.charCodeAt(c);
        const digits = sign === 0x2d || sign === 0x2b ? c + 1 : c;
        let seconds = digits < d ? 0 : NaN;
        for (let i = digits; i < d; i++) {
          const digit = header.charCodeAt(i) - 0x30;
          seconds = digit >= 0 && digit <= 9 ? seconds * 10 + digit : NaN;
        }
        if (d - digits > 15 && !Number.isNaN(seconds)) seconds = Number(header.slice(digits, d));
        if (sign === 0x2d) seconds = -seconds;
        maxAge = Number.isNaN(seconds)
          ? undefined
          : seconds > 0
            ? Math.min(seconds, limit)
            : Math.max(seconds, Number.MIN_SAFE_INTEGER) || 0;
        break;
      }
      case 'Domain':
        // §5.6.3: drop one leading "." and lowercase. Not in RFC 6265bis (Chromium): an empty value
        // makes the cookie host-only instead of being skipped.
        domain = text ? text.slice(text[0] === '.' ? 1 : 0).toLowerCase() : undefined;
        break;
      case 'Path':
        // §5.6.4: a value that is empty or does not start with "/" means the default-path.
        path = text[0] === '/' ? text : undefined;
        break;
      case 'Secure':
        secure = true; // §5.6.5
        break;
      case 'HttpOnly':
        httpOnly = true; // §5.6.6
        break;
      case 'SameSite':
        // §5.6.7: "none", "strict" or "lax", case-insensitively; anything else is "Default".
        sameSite = oneOf(text, SAME_SITE);
        break;
      case 'Partitioned':
        partitioned = true; // CHIPS (draft-cutler-httpbis-partitioned-cookies): a flag.
        break;
      case 'Priority':
        // Not in RFC 6265bis (Chromium): Low, Medium or High; anything else is the default.
        priority = oneOf(text, PRIORITY);
        break;
      default:
        // §5.6 step 8.6: unrecognised attributes are ignored by the user agent; we keep them,
        // trimmed as §5.6 step 8.3-8.4 trims the name and the value.
        extensions ??= [];
        extensions.push(split < end ? `${attribute}=${text}` : attribute);
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

/** The CookieError of an option, `cookie <what> is invalid: …`, by default an invalid attribute. */
function optionError(
  what: string,
  value: unknown,
  why: string,
  code: CookieErrorCode = 'ERR_COOKIE_ATTRIBUTE_INVALID',
) {
  return cookieError(code, `cookie ${what}`, value, why);
}

/** Refuses an attribute value over 1024 octets (it is ASCII here: a char is an octet). */
function checkSize(what: string, value: string): string {
  if (value.length > ATTRIBUTE_VALUE_MAX_BYTES) {
    throw optionError(
      what,
      value,
      `${value.length} bytes, over 1024 (RFC 6265bis §5.6); shorten it`,
      'ERR_COOKIE_ATTRIBUTE_TOO_LARGE',
    );
  }
  return value;
}

/** What a Domain may hold as written: ASCII letters, digits, "_", ".", "-", and ":[]" of IPv6. */
const notDomainChar = /[^\w.:[\]-]/;

/** Domain: an ASCII host name (a Unicode one is converted to its IDNA form), optional leading dot. */
function formatDomain(domain: string): string {
  // Most domains are plain host names: one test.
  if (typeof domain === 'string' && /^\.?[\w-][\w.-]*$/.test(domain))
    return checkSize('domain', domain);
  // Werkzeug cuts a ":port" off the domain (Flask apps often pass request.host); browsers would
  // otherwise reject the cookie, since no host name holds a port. (Linear: a colon's digits are
  // read from that colon only.)
  domain = domain.replace(/:\d+$/, '');
  let ascii = domain;
  const bad = notDomainChar.exec(domain)?.[0];
  if (bad !== undefined) {
    ascii = '';
    // A non-ASCII host name is written in its IDNA form, which must hold no ";" either.
    if (bad > '\x7f') {
      const dot = domain[0] === '.' ? '.' : '';
      try {
        ascii = dot + new URL(`http://${domain.slice(dot.length)}/`).hostname;
      } catch {}
      if (notDomainChar.test(ascii)) ascii = '';
    }
  }
  if (ascii === '' || ascii === '.') {
    throw optionError(
      'domain',
      domain,
      'a host name such as "example.com"; remove spaces, ";" and controls',
    );
  }
  return checkSize('domain', ascii);
}

/** Path: must start with "/"; spaces and non-ASCII are percent-encoded as Werkzeug does, `;` refused. */
function formatPath(path: string): string {
  // Most paths need no encoding: one test (cheaper than a replace that finds nothing).
  if (/^\/[\x21-\x3a\x3c-\x7e]*$/.test(path)) return checkSize('path', path);
  const why =
    path[0] !== '/'
      ? 'it must start with "/"; write "/" + path'
      : /[;\x00-\x1f\x7f]/.test(path)
        ? 'no ";" or control characters; percent-encode them'
        : hasLoneSurrogate(path)
          ? LONE_SURROGATE
          : undefined;
  if (why !== undefined) throw optionError('path', path, why);
  // Spaces and non-ASCII, as UTF-8 octets. One class: linear.
  return checkSize('path', path.replace(/[^\x21-\x7e]+/g, encodeURI));
}

/** A SameSite or Priority option, in any case, as written (`written[i]` for `allowed[i]`); else throws. */
function writtenAs(
  what: string,
  value: unknown,
  allowed: readonly string[],
  written: readonly string[],
): string {
  // The lowercase spelling (the type's own) needs no lowercase copy.
  let index = allowed.indexOf(value as string);
  if (index < 0 && typeof value === 'string') index = allowed.indexOf(value.toLowerCase());
  if (index < 0)
    throw optionError(what, value, `one of '${allowed.join("', '")}'; use one of them`);
  return written[index] as string;
}

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
  let name = nameOrCookie as string;
  let opts = options ?? {};
  if (typeof nameOrCookie === 'object' && nameOrCookie !== null) {
    name = nameOrCookie.name;
    value = nameOrCookie.value;
    opts = nameOrCookie;
  }
  if (typeof value !== 'string') {
    throw optionError(
      'value',
      value,
      'values are strings; pass a string',
      'ERR_COOKIE_VALUE_INVALID',
    );
  }

  const wireName = checkCookieName(name);
  const wireValue = encodeCookieValue(value, opts.encoding, opts.encode);
  // §5.6 step 6 and Chromium: a nameless cookie needs a value, and one holding "=" is dropped.
  if (!wireName && (!wireValue || wireValue.includes('='))) {
    throw optionError(
      'name',
      name,
      'a nameless cookie needs a value without "="; name it',
      'ERR_COOKIE_NAME_INVALID',
    );
  }
  // §5.6 step 5: over 4096 octets the browser drops the line.
  const size = wireName.length + wireValue.length;
  if (size > NAME_VALUE_MAX_BYTES) {
    throw optionError(
      'value',
      value,
      `${size} bytes, over 4096 (RFC 6265bis §5.6); store less`,
      'ERR_COOKIE_TOO_LARGE',
    );
  }

  const secure = opts.secure === true;
  const httpOnly = opts.httpOnly === true;
  const partitioned = opts.partitioned === true;
  const sameSite =
    opts.sameSite === undefined
      ? undefined
      : writtenAs('sameSite', opts.sameSite, SAME_SITE, ['Strict', 'Lax', 'None']);
  if (sameSite === 'None' && !secure) {
    throw optionError(
      'sameSite',
      opts.sameSite,
      'SameSite=None needs Secure; set secure: true',
      'ERR_COOKIE_SAMESITE_NONE_INSECURE',
    );
  }
  if (partitioned && !secure) {
    throw optionError(
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
    name[0] === '_' ? prefixViolation(name, { secure, httpOnly, domain, path }) : undefined;
  if (violation !== undefined) throw optionError('name', name, violation, 'ERR_COOKIE_PREFIX');

  let maxAge = opts.maxAge;
  if (maxAge !== undefined) {
    if (!Number.isInteger(maxAge)) throw optionError('maxAge', maxAge, 'whole seconds; round it');
    // RFC 6265bis §5.6.2: browsers cap Max-Age at 400 days; we write what they will keep.
    maxAge = Math.min(maxAge, MAX_AGE_LIMIT_SECONDS);
  }
  const expires = opts.expires;
  let expiresMs: number | undefined =
    expires === undefined
      ? undefined
      : typeof expires === 'number'
        ? expires
        : expires instanceof Date
          ? expires.getTime()
          : NaN;
  // ±8.64e15 ms is the range of a Date (ECMA-262 §21.4.1.1); NaN fails the test too.
  if (!(Math.abs(expiresMs ?? 0) <= 8.64e15)) {
    throw optionError('expires', expires, DATE_RULE);
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

  let header = wireName ? `${wireName}=${wireValue}` : wireValue;
  if (domain !== undefined) header += `; Domain=${domain}`;
  if (expiresMs !== undefined) header += `; Expires=${formatCookieDate(expiresMs)}`;
  if (maxAge !== undefined) header += `; Max-Age=${maxAge}`;
  if (secure) header += '; Secure';
  if (httpOnly) header += '; HttpOnly';
  if (path !== undefined) header += `; Path=${path}`;
  if (sameSite !== undefined) header += `; SameSite=${sameSite}`;
  if (partitioned) header += '; Partitioned';
  if (opts.priority !== undefined)
    header += `; Priority=${writtenAs('priority', opts.priority, PRIORITY, ['Low', 'Medium', 'High'])}`;
  return header;
}
