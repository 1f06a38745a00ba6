/**
 * @module The `Set-Cookie` response header: parse one line exactly as a browser does (RFC 6265bis
 * §5.6, Chromium where the draft leaves room), and build one that every browser keeps as written.
 *
 * set-cookie-string = BWS cookie-pair *( BWS ";" OWS cookie-av )   (RFC 6265bis §4.1.1)
 *
 * Section numbers (§) are those of draft-ietf-httpbis-rfc6265bis-22 (the revision of November 2025);
 * "attribute step N" is step N of §5.6's second algorithm, the one that parses the
 * unparsed-attributes.
 */

import { byteLength, hasLoneSurrogate } from '../internal/byte-string.js';
import { trimWsp } from '../internal/trim-wsp.js';
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

/** The attributes §5.6.1-§5.6.7 process, and Chromium's Partitioned and Priority, as servers write them. */
const ATTRIBUTES = [
  'Expires',
  'Max-Age',
  'Domain',
  'Path',
  'Secure',
  'HttpOnly',
  'SameSite',
  'Partitioned',
  'Priority',
] as const;
type Attribute = (typeof ATTRIBUTES)[number];

/**
 * Each attribute under its name as written above and in lowercase: most lines are found at the
 * first lookup, with no lowercase copy. Any other case is looked up lowercased (no name holds a "k",
 * the one ASCII letter a non-ASCII char lowercases to, so only ASCII text can match).
 */
const BY_NAME: ReadonlyMap<string, Attribute> = /* @__PURE__ */ new Map(
  ATTRIBUTES.flatMap((name) => [
    [name, name],
    [name.toLowerCase(), name],
  ]),
);

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

/** `word` lowercased if it is one of `allowed` in any ASCII case, else undefined. */
function oneOf<T extends string>(word: string, allowed: readonly T[]): T | undefined {
  // No word here holds a "k", the one ASCII letter a non-ASCII char lowercases to.
  const lower = word.toLowerCase() as T;
  return allowed.includes(lower) ? lower : undefined;
}

/** Any char but printable ASCII (one class: linear). */
const notPrintable = /[^\x20-\x7e]/;
/** §5.6 step 1: a CTL other than HTAB (one class: linear). */
const rejectedControl = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * Parses one `Set-Cookie` header value by the algorithm of RFC 6265bis §5.6, step by step. Returns
 * `undefined` exactly where a browser ignores the whole line; attributes a browser ignores are left
 * out. When an attribute repeats, the last one decides, even when it is empty or invalid (Chromium).
 * Never throws.
 *
 * Expires is capped at now + 400 days (`options.now`, else the clock, read for each Expires).
 *
 * @example
 * ```ts
 * import { parseSetCookie } from 'shortbread';
 * parseSetCookie('flavor=chocolate%20chip; Max-Age=30; Path=/cookies; HttpOnly');
 * // { name: 'flavor', value: 'chocolate chip', secure: false, httpOnly: true,
 * //   partitioned: false, maxAge: 30, path: '/cookies' }
 * parseSetCookie('a=b\u0000c'); // undefined: a control character drops the line
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis-22#section-5.6
 */
export function parseSetCookie(
  header: string,
  options?: ParseSetCookieOptions,
): SetCookie | undefined {
  if (typeof header !== 'string') return undefined;
  // §5.6 step 2: the name-value-pair runs to the first ";", the unparsed-attributes follow.
  let end = header.indexOf(';');
  if (end < 0) end = header.length;
  // Steps 3-6 come first: they read the pair alone, and a line they ignore is ignored either way.
  const cookie = readPair(header, end);
  if (cookie === undefined) return undefined;
  // §5.6 step 1: a control character other than HTAB anywhere ignores the whole line. The first
  // test is the cheaper; only a line it flags needs the second, and only such a line holds a tab.
  const printable = !notPrintable.test(header);
  if (
    !printable &&
    (rejectedControl.test(header) ||
      // Not in RFC 6265bis (Chromium): a tab inside the name or value ignores the line.
      cookie.name.includes('\t') ||
      cookie.value.includes('\t'))
  )
    return undefined;
  const raw = cookie.value;
  const custom = options?.decode;
  cookie.value =
    custom != null ? custom(raw) : printable ? decodePrintableValue(raw) : decodeCookieValue(raw);
  if (end === header.length) return cookie;
  const found = readAttributes(cookie, header, end, printable, options);
  return found === undefined ? undefined : addAttributes(cookie, found);
}

/**
 * §5.6 steps 3-6 on the name-value-pair, header[0, end): the cookie with its raw (undecoded) value,
 * or undefined where the line is ignored.
 */
function readPair(header: string, end: number): SetCookie | undefined {
  // Step 3: split at the first "=" (looked for in the pair alone: a search back from its end says
  // whether it holds one); without one, the name is empty and the whole pair is the value.
  const eq = header.lastIndexOf('=', end - 1) < 0 ? end : header.indexOf('=');
  // Step 4: trim WSP from both parts.
  const name = eq < end ? trimWsp(header, 0, eq) : '';
  const raw = trimWsp(header, eq < end ? eq + 1 : 0, end);
  // Step 5: name and value over 4096 octets together ignore the line. A UTF-16 unit is at most 3
  // octets, so only long ones need the exact count.
  if (
    (name.length + raw.length) * 3 > NAME_VALUE_MAX_BYTES &&
    byteLength(name) + byteLength(raw) > NAME_VALUE_MAX_BYTES
  )
    return undefined;
  // §5.7 step 2: an empty name with an empty value ignores the cookie. Not in RFC 6265bis
  // (Chromium): a nameless cookie whose value holds "=" would be read back as a named one, so it is
  // ignored too.
  if (!name && (!raw || raw.includes('='))) return undefined;
  return new ParsedSetCookie(name, raw);
}

/**
 * What the attributes of a line set beyond the flags, until they are copied to the cookie in one
 * order (every parse result has its keys in the same order). A key holds `undefined` where no
 * attribute of its name was found, or the last one was invalid.
 */
type Attributes = {
  -readonly [K in
    | 'expires'
    | 'maxAge'
    | 'domain'
    | 'path'
    | 'sameSite'
    | 'priority'
    | 'extensions']?: SetCookie[K] | undefined;
};

/**
 * §5.6, the unparsed-attributes algorithm, on header[from, end of line): each cookie-av in turn,
 * processed by its name (flags into `cookie`). Undefined where a tab drops the whole line.
 */
function readAttributes(
  cookie: SetCookie,
  header: string,
  from: number,
  printable: boolean,
  options: ParseSetCookieOptions | undefined,
): Attributes | undefined {
  const length = header.length;
  // Every key from the start: one shape for every line, so each store in processAttribute is a
  // monomorphic one.
  const found: Attributes = {
    expires: undefined,
    maxAge: undefined,
    domain: undefined,
    path: undefined,
    sameSite: undefined,
    priority: undefined,
    extensions: undefined,
  };
  // The next "=" at or after where it is needed, `length` when there is none left: each search
  // covers new ground, so the scan stays linear.
  let nextEq = -1;
  for (let start = from + 1, end = from; end < length; start = end + 1) {
    // Attribute steps 2-3: consume the ";" and the cookie-av up to the next one.
    end = header.indexOf(';', start);
    if (end < 0) end = length;
    if (nextEq < start) {
      nextEq = header.indexOf('=', start);
      if (nextEq < 0) nextEq = length;
    }
    // Attribute steps 4-5: split at the first "=", trim WSP from the name and the value.
    const split = Math.min(nextEq, end);
    const name = trimWsp(header, start, split);
    const text = split < end ? trimWsp(header, split + 1, end) : '';
    // Attribute step 6: an attribute value over 1024 octets is ignored (the cookie is kept).
    if ((!name && !text) || tooLong(text)) continue;
    // Not in RFC 6265bis (Chromium): a tab inside an attribute name or value ignores the line (tabs
    // around them were trimmed). Each part is searched once: linear.
    if (!printable && (name.includes('\t') || text.includes('\t'))) return undefined;
    processAttribute(cookie, found, name, split < end ? text : undefined, options);
  }
  return found;
}

/**
 * Attribute step 7: one attribute, by its case-insensitive name (§5.6.1-§5.6.7); `value` is
 * undefined for a cookie-av without "=". The flags go to the cookie, the rest to `found`, where a
 * later attribute replaces an earlier one of its name, even when it is invalid (Chromium).
 */
function processAttribute(
  cookie: SetCookie,
  found: Attributes,
  name: string,
  value: string | undefined,
  options: ParseSetCookieOptions | undefined,
): void {
  const text = value ?? '';
  switch (BY_NAME.get(name) ?? BY_NAME.get(name.toLowerCase())) {
    case 'Expires':
      found.expires = readExpires(text, options);
      break;
    case 'Max-Age':
      found.maxAge = readMaxAge(text, options?.maxAgeLimit ?? MAX_AGE_LIMIT_SECONDS);
      break;
    case 'Domain':
      found.domain = readDomain(text);
      break;
    case 'Path':
      // §5.6.4: a value that is empty or does not start with "/" means the default-path.
      found.path = text[0] === '/' ? text : undefined;
      break;
    case 'Secure':
      cookie.secure = true; // §5.6.5
      break;
    case 'HttpOnly':
      cookie.httpOnly = true; // §5.6.6
      break;
    case 'SameSite':
      // §5.6.7: "none", "strict" or "lax", case-insensitively; anything else is "Default".
      found.sameSite = oneOf(text, SAME_SITE);
      break;
    case 'Partitioned':
      cookie.partitioned = true; // CHIPS (draft-cutler-httpbis-partitioned-cookies): a flag.
      break;
    case 'Priority':
      // Not in RFC 6265bis (Chromium): Low, Medium or High; anything else is the default.
      found.priority = oneOf(text, PRIORITY);
      break;
    default:
      // Unrecognised attributes are ignored by the user agent; we keep them, trimmed as attribute
      // step 5 trims the name and the value.
      found.extensions ??= [];
      found.extensions.push(value === undefined ? name : `${name}=${value}`);
  }
}

/** Copies what the attributes set to the cookie, in one order; absent ones stay absent. */
function addAttributes(cookie: SetCookie, found: Attributes): SetCookie {
  if (found.expires !== undefined) cookie.expires = found.expires;
  if (found.maxAge !== undefined) cookie.maxAge = found.maxAge;
  if (found.domain !== undefined) cookie.domain = found.domain;
  if (found.path !== undefined) cookie.path = found.path;
  if (found.sameSite !== undefined) cookie.sameSite = found.sameSite;
  if (found.priority !== undefined) cookie.priority = found.priority;
  if (found.extensions !== undefined) cookie.extensions = found.extensions;
  return cookie;
}

/** Whether `text` is over 1024 octets (a UTF-16 unit is at most 3: short ones are not). */
function tooLong(text: string): boolean {
  return (
    text.length * 3 > ATTRIBUTE_VALUE_MAX_BYTES && byteLength(text) > ATTRIBUTE_VALUE_MAX_BYTES
  );
}

/**
 * §5.6.1: the cookie-date; on failure the attribute has no effect. Capped at now + the
 * cookie-age-limit (§5.5), `options.now` or the clock read here.
 */
function readExpires(text: string, options: ParseSetCookieOptions | undefined): Date | undefined {
  const ms = parseCookieDateMs(text, 0, text.length);
  if (Number.isNaN(ms)) return undefined;
  const limit = options?.maxAgeLimit ?? MAX_AGE_LIMIT_SECONDS;
  const now = options?.now;
  const latest = (now === undefined ? Date.now() : Number(now)) + limit * 1000;
  return new Date(ms > latest ? latest - (latest % 1000) : ms);
}

/**
 * §5.6.2: an optional "-" then digits, else the attribute has no effect; capped at the
 * cookie-age-limit. Not in RFC 6265bis (Chromium): a "+" is accepted too. Up to 15 digits the sum
 * is exact; longer numbers are left to Number's rounding.
 */
function readMaxAge(text: string, limit: number): number | undefined {
  const sign = text.charCodeAt(0);
  const digits = sign === 0x2d || sign === 0x2b ? 1 : 0;
  let seconds = digits < text.length ? 0 : NaN;
  for (let i = digits; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    seconds = digit >= 0 && digit <= 9 ? seconds * 10 + digit : NaN;
  }
  if (Number.isNaN(seconds)) return undefined;
  if (text.length - digits > 15) seconds = Number(text.slice(digits));
  if (sign === 0x2d) seconds = -seconds;
  return seconds > 0 ? Math.min(seconds, limit) : Math.max(seconds, Number.MIN_SAFE_INTEGER) || 0;
}

/**
 * §5.6.3: drop one leading "." and lowercase. Not in RFC 6265bis (Chromium): an empty value makes
 * the cookie host-only instead of being skipped.
 */
function readDomain(text: string): string | undefined {
  return text ? text.slice(text[0] === '.' ? 1 : 0).toLowerCase() : undefined;
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
      `${value.length} bytes, over 1024 (RFC 6265bis §5.6 attribute step 6); shorten it`,
      'ERR_COOKIE_ATTRIBUTE_TOO_LARGE',
    );
  }
  return value;
}

/** What a Domain may hold as written: ASCII letters, digits, "_", ".", "-", and ":[]" of IPv6. */
const notDomainChar = /[^\w.:[\]-]/;

/** Domain: an ASCII host name (a Unicode one is converted to its IDNA form), optional leading dot. */
function formatDomain(given: unknown): string {
  // Anything but a string is refused before it is read: an object's text could change between the
  // check and the write (a toString that answers "example.com", then "x; Domain=evil.com").
  if (typeof given !== 'string')
    throw optionError('domain', given, 'a host name string such as "example.com"; pass a string');
  let domain = given;
  // Most domains are plain host names: one test.
  if (/^\.?[\w-][\w.-]*$/.test(domain)) return checkSize('domain', domain);
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
function formatPath(path: unknown): string {
  // Refused before it is read, as a Domain is (see formatDomain).
  if (typeof path !== 'string')
    throw optionError('path', path, 'a string that starts with "/"; pass a string');
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
  // Each option is read once: what is checked is what is written, whatever a getter returns.
  const { domain, path, maxAge, expires, sameSite, priority, syncExpires, now } = opts;
  const secure = opts.secure === true;
  const httpOnly = opts.httpOnly === true;
  const partitioned = opts.partitioned === true;
  let header = formatPair(name, value, opts.encoding, opts.encode);
  const sameSiteWritten =
    sameSite === undefined
      ? undefined
      : writtenAs('sameSite', sameSite, SAME_SITE, ['Strict', 'Lax', 'None']);
  checkNeedsSecure(secure, sameSiteWritten === 'None' ? sameSite : undefined, partitioned);
  const domainWritten = domain === undefined ? undefined : formatDomain(domain);
  const pathWritten = path === undefined ? undefined : formatPath(path);
  // Every prefix starts with "__" (cookiePrefix): other names skip the check.
  const violation =
    name[0] === '_'
      ? prefixViolation(name, { secure, httpOnly, domain: domainWritten, path: pathWritten })
      : undefined;
  if (violation !== undefined) throw optionError('name', name, violation, 'ERR_COOKIE_PREFIX');
  const maxAgeWritten = formatMaxAge(maxAge);
  const expiresMs = expiryOf(expires, maxAgeWritten, syncExpires === true, now);

  if (domainWritten !== undefined) header += `; Domain=${domainWritten}`;
  if (expiresMs !== undefined) header += `; Expires=${formatCookieDate(expiresMs)}`;
  if (maxAgeWritten !== undefined) header += `; Max-Age=${maxAgeWritten}`;
  if (secure) header += '; Secure';
  if (httpOnly) header += '; HttpOnly';
  if (pathWritten !== undefined) header += `; Path=${pathWritten}`;
  if (sameSiteWritten !== undefined) header += `; SameSite=${sameSiteWritten}`;
  if (partitioned) header += '; Partitioned';
  if (priority !== undefined)
    header += `; Priority=${writtenAs('priority', priority, PRIORITY, ['Low', 'Medium', 'High'])}`;
  return header;
}

/** SameSite=None (`sameSiteNone`, as given) and Partitioned need Secure: refuses them without it. */
function checkNeedsSecure(secure: boolean, sameSiteNone: unknown, partitioned: boolean): void {
  if (!secure && sameSiteNone !== undefined) {
    throw optionError(
      'sameSite',
      sameSiteNone,
      'SameSite=None needs Secure; set secure: true',
      'ERR_COOKIE_SAMESITE_NONE_INSECURE',
    );
  }
  if (!secure && partitioned) {
    throw optionError(
      'partitioned',
      partitioned,
      'Partitioned needs Secure; set secure: true',
      'ERR_COOKIE_PARTITIONED_INSECURE',
    );
  }
}

/** The cookie-pair as written: the name checked, the value encoded, their limits enforced. */
function formatPair(
  name: string,
  value: unknown,
  encoding: StringifySetCookieOptions['encoding'],
  encode: StringifySetCookieOptions['encode'],
): string {
  if (typeof value !== 'string') {
    throw optionError(
      'value',
      value,
      'values are strings; pass a string',
      'ERR_COOKIE_VALUE_INVALID',
    );
  }
  const wireName = checkCookieName(name);
  const wireValue = encodeCookieValue(value, encoding, encode);
  // §5.7 step 2 and Chromium: a nameless cookie needs a value, and one holding "=" is dropped.
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
      `${size} bytes, over 4096 (RFC 6265bis §5.6 step 5); store less`,
      'ERR_COOKIE_TOO_LARGE',
    );
  }
  return wireName ? `${wireName}=${wireValue}` : wireValue;
}

/** Max-Age in whole seconds, capped at 400 days as browsers cap it (§5.6.2): what they will keep. */
function formatMaxAge(maxAge: unknown): number | undefined {
  if (maxAge === undefined) return undefined;
  if (!Number.isInteger(maxAge)) throw optionError('maxAge', maxAge, 'whole seconds; round it');
  return Math.min(maxAge as number, MAX_AGE_LIMIT_SECONDS);
}

/**
 * The Expires to write, in epoch ms: `expires`, or now + `maxAge` with `syncExpires` (Werkzeug's
 * sync_expires, for user agents that ignore Max-Age), capped at now + 400 days as browsers cap it
 * (§5.6.1). The clock (`now`, else Date.now()) is read on each call that writes an Expires.
 */
function expiryOf(
  expires: unknown,
  maxAge: number | undefined,
  sync: boolean,
  now: Date | number | undefined,
): number | undefined {
  let ms: number | undefined =
    expires === undefined
      ? undefined
      : typeof expires === 'number'
        ? expires
        : expires instanceof Date
          ? expires.getTime()
          : NaN;
  // ±8.64e15 ms is the range of a Date (ECMA-262 §21.4.1.1); NaN fails the test too.
  if (!(Math.abs(ms ?? 0) <= 8.64e15)) throw optionError('expires', expires, DATE_RULE);
  if (ms === undefined && (maxAge === undefined || !sync)) return undefined;
  const clock = Number(now ?? Date.now());
  // For a Max-Age of 0 or less the Expires only has to lie in the past: the epoch will do.
  ms ??= Math.max(clock + (maxAge as number) * 1000, 0);
  return Math.min(ms, clock + MAX_AGE_LIMIT_SECONDS * 1000);
}
