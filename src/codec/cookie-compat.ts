/**
 * @module The `cookie` package's 1.x API (1.1.1), behaving as it does: same results, same inputs
 * accepted, the same `TypeError` messages for the ones refused. The root's `parse`/`serialize` and
 * `shortbread/compat/cookie1` give it, so a project swaps `cookie` for shortbread by its import line.
 * shortbread's own `parseCookie`/`stringifySetCookie` (RFC 6265bis, stricter) are different functions
 * (docs/coming-from-cookie.md lists where and why).
 */

import { nullObject } from '../internal/null-object.js';
import { COMPAT_DOMAIN, COMPAT_PATH, isCompatDate, sliceTrimmed } from './cookie-compat-shared.js';

/**
 * `cookie` 1.x widened names to every visible ASCII character but "=" and ";" (its issue 191), and
 * values to every visible ASCII character but ";": no check of quotes, commas or backslashes.
 */
const NAME_1 = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;
const VALUE_1 = /^[\x21-\x3a\x3c-\x7e]*$/;
/** Max-Age as `cookie`'s parseSetCookie keeps it: an optional minus and digits. */
const MAX_AGE_1 = /^-?\d+$/;

/** A regular expression's test with `cookie`'s coercion of whatever it is given to a string. */
function matches(pattern: RegExp, value: unknown): boolean {
  return pattern.test(value as string);
}

/**
 * The options of `parse` (and `parseSetCookie`).
 *
 * @example
 * ```ts
 * import type { ParseOptions } from 'shortbread';
 * const options: ParseOptions = { decode: (value) => value };
 * ```
 */
export interface ParseOptions {
  /** Decodes each value. @default decodeURIComponent where there is a "%", the raw value where it fails */
  decode?: ((str: string) => string | undefined) | undefined;
}

/** The options of `stringifyCookie` and the object form of `serialize`. */
export interface StringifyOptions {
  /** Encodes each value. @default encodeURIComponent */
  encode?: ((str: string) => string) | undefined;
}

/** A cookie record: name to value, `undefined` for none. */
export type CompatCookies = Record<string, string | undefined>;

/** A Set-Cookie line as `cookie` 1.x describes one (`serialize`'s object form, `parseSetCookie`'s result). */
export interface CompatSetCookie {
  name: string;
  value: string | undefined;
  /** Max-Age in seconds: an integer. */
  maxAge?: number | undefined;
  expires?: Date | undefined;
  domain?: string | undefined;
  path?: string | undefined;
  httpOnly?: boolean | undefined;
  secure?: boolean | undefined;
  partitioned?: boolean | undefined;
  /** Any letter case is accepted. */
  priority?: 'low' | 'medium' | 'high' | 'Low' | 'Medium' | 'High' | undefined;
  /** `true` means Strict; any letter case is accepted. */
  sameSite?: boolean | 'lax' | 'strict' | 'none' | 'Lax' | 'Strict' | 'None' | undefined;
}

/**
 * The options of `serialize(name, value, options)`.
 *
 * @example
 * ```ts
 * import type { SerializeOptions } from 'shortbread';
 * const options: SerializeOptions = { httpOnly: true, maxAge: 60 * 60 * 24 * 7 };
 * ```
 */
export type SerializeOptions = StringifyOptions & Omit<CompatSetCookie, 'name' | 'value'>;

/** `cookie`'s default decoder: percent-decoding where there is a "%", the raw text where it fails. */
function decodeDefault(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `cookie` 1.x `parse(str, options)` (also its `parseCookie`): a `Cookie` header to a record with no
 * prototype. Names and values are trimmed of spaces and tabs, quotes are kept, the first pair of a
 * name wins, a pair without "=" is skipped, and a custom `decode` that throws throws.
 *
 * @example
 * ```ts
 * import { parse } from 'shortbread';
 * parse('foo=bar; equation=E%3Dmc%5E2'); // { foo: 'bar', equation: 'E=mc^2' }
 * parse('foo="bar"'); // { foo: '"bar"' }
 * ```
 */
export function parse(str: string, options?: ParseOptions): CompatCookies {
  const cookies = nullObject<string | undefined>();
  const length = str.length;
  // The shortest pair is one name character and "=".
  if (length < 2) return cookies;
  // `dec` and `enc` are `cookie`'s names: a decoder or encoder that is not a function fails with
  // the engine's "dec is not a function", the same words as from `cookie`.
  const dec = options?.decode || decodeDefault;
  let index = 0;
  do {
    const eq = str.indexOf('=', index);
    if (eq === -1) break;
    const semicolon = str.indexOf(';', index);
    const end = semicolon === -1 ? length : semicolon;
    if (eq > end) {
      // This segment has no "=": resume after the last ";" before the "=" found.
      index = str.lastIndexOf(';', eq - 1) + 1;
      continue;
    }
    const name = sliceTrimmed(str, index, eq);
    if (cookies[name] === undefined) cookies[name] = dec(sliceTrimmed(str, eq + 1, end));
    index = end + 1;
  } while (index < length);
  return cookies;
}

/**
 * `cookie` 1.x `stringifyCookie(cookies, options)`: a record to a `Cookie` header, skipping
 * `undefined` values. It throws `TypeError` for a name or an encoded value `cookie` refuses.
 *
 * @example
 * ```ts
 * import { stringifyCookie } from 'shortbread/compat/cookie1';
 * stringifyCookie({ a: '1', b: 'x y' }); // 'a=1; b=x%20y'
 * ```
 */
export function stringifyCookies(cookies: CompatCookies, options?: StringifyOptions): string {
  const enc = options?.encode || encodeURIComponent;
  const pairs: string[] = [];
  for (const name of Object.keys(cookies)) {
    const raw = cookies[name];
    if (raw === undefined) continue;
    if (!matches(NAME_1, name)) throw new TypeError(`cookie name is invalid: ${name}`);
    const value = enc(raw);
    if (!matches(VALUE_1, value)) throw new TypeError(`cookie val is invalid: ${raw}`);
    pairs.push(`${name}=${value}`);
  }
  return pairs.join('; ');
}

/** The attributes of `serialize`, appended in `cookie`'s order, each refused as `cookie` refuses it. */
function appendAttributes(line: string, cookie: CompatSetCookie): string {
  const { maxAge, domain, path, expires, priority, sameSite } = cookie;
  if (maxAge !== undefined) {
    if (!Number.isInteger(maxAge)) throw new TypeError(`option maxAge is invalid: ${maxAge}`);
    line += `; Max-Age=${maxAge}`;
  }
  if (domain) {
    if (!matches(COMPAT_DOMAIN, domain)) throw new TypeError(`option domain is invalid: ${domain}`);
    // biome-ignore lint/style/useTemplate: `cookie` joins with +, which asks an object for valueOf first
    line += '; Domain=' + domain;
  }
  if (path) {
    if (!matches(COMPAT_PATH, path)) throw new TypeError(`option path is invalid: ${path}`);
    // biome-ignore lint/style/useTemplate: `cookie` joins with +, which asks an object for valueOf first
    line += '; Path=' + path;
  }
  if (expires) {
    if (!isCompatDate(expires) || !Number.isFinite(expires.valueOf())) {
      throw new TypeError(`option expires is invalid: ${expires}`);
    }
    line += `; Expires=${expires.toUTCString()}`;
  }
  if (cookie.httpOnly) line += '; HttpOnly';
  if (cookie.secure) line += '; Secure';
  if (cookie.partitioned) line += '; Partitioned';
  if (priority) {
    const level = typeof priority === 'string' ? priority.toLowerCase() : undefined;
    if (level === 'low') line += '; Priority=Low';
    else if (level === 'medium') line += '; Priority=Medium';
    else if (level === 'high') line += '; Priority=High';
    else throw new TypeError(`option priority is invalid: ${priority}`);
  }
  if (sameSite) {
    const mode = typeof sameSite === 'string' ? sameSite.toLowerCase() : sameSite;
    if (mode === true || mode === 'strict') line += '; SameSite=Strict';
    else if (mode === 'lax') line += '; SameSite=Lax';
    else if (mode === 'none') line += '; SameSite=None';
    else throw new TypeError(`option sameSite is invalid: ${sameSite}`);
  }
  return line;
}

/**
 * `cookie` 1.x `serialize` (also its `stringifySetCookie`): one `Set-Cookie` value from a name, a
 * value and options, or from a `{ name, value, ...attributes }` object and `{ encode }`. It throws
 * `TypeError` with `cookie`'s messages where `cookie` does, and nothing more: for the RFC 6265bis
 * checks (`SameSite=None` without Secure, prefixes, sizes) use `stringifySetCookie` from shortbread.
 *
 * @example
 * ```ts
 * import { serialize } from 'shortbread';
 * serialize('foo', 'bar', { httpOnly: true, maxAge: 3600 }); // 'foo=bar; Max-Age=3600; HttpOnly'
 * serialize({ name: 'foo', value: 'a b' }); // 'foo=a%20b'
 * ```
 */
export function serialize(cookie: CompatSetCookie, options?: StringifyOptions): string;
export function serialize(name: string, value: string, options?: SerializeOptions): string;
export function serialize(
  first: string | CompatSetCookie,
  second?: string | StringifyOptions,
  third?: SerializeOptions,
): string {
  // `cookie` tells the forms apart by typeof, so null and a value given as an object follow it too.
  const cookie: CompatSetCookie =
    typeof first === 'object' ? first : { ...third, name: first, value: String(second) };
  const options = typeof second === 'object' ? second : third;
  const enc = options?.encode || encodeURIComponent;
  if (!matches(NAME_1, cookie.name))
    throw new TypeError(`argument name is invalid: ${cookie.name}`);
  const value = cookie.value ? enc(cookie.value) : '';
  if (!matches(VALUE_1, value)) throw new TypeError(`argument val is invalid: ${cookie.value}`);
  // biome-ignore lint/style/useTemplate: `cookie` joins with +, which asks an object for valueOf first
  return appendAttributes(cookie.name + '=' + value, cookie);
}

/** One attribute of a Set-Cookie line into `cookie` 1.x's object, values it does not know ignored. */
function readAttribute(cookie: CompatSetCookie, key: string, value: string | undefined): void {
  switch (key.toLowerCase()) {
    case 'httponly':
      cookie.httpOnly = true;
      break;
    case 'secure':
      cookie.secure = true;
      break;
    case 'partitioned':
      cookie.partitioned = true;
      break;
    case 'domain':
      cookie.domain = value;
      break;
    case 'path':
      cookie.path = value;
      break;
    case 'max-age':
      if (value && MAX_AGE_1.test(value)) cookie.maxAge = Number(value);
      break;
    case 'expires': {
      // `cookie` reads the date with the engine's Date parser, not RFC 6265's cookie-date.
      const date = value ? new Date(value) : undefined;
      if (date && Number.isFinite(date.valueOf())) cookie.expires = date;
      break;
    }
    case 'priority': {
      const level = value?.toLowerCase();
      if (level === 'low' || level === 'medium' || level === 'high') cookie.priority = level;
      break;
    }
    case 'samesite': {
      const mode = value?.toLowerCase();
      if (mode === 'lax' || mode === 'strict' || mode === 'none') cookie.sameSite = mode;
      break;
    }
  }
}

/**
 * `cookie` 1.x `parseSetCookie(str, options)`: one `Set-Cookie` line to `{ name, value, ... }`. A
 * pair without "=" is a value with an empty name; attributes it does not know are skipped.
 *
 * @example
 * ```ts
 * import { parseSetCookie } from 'shortbread/compat/cookie1';
 * parseSetCookie('id=a%20b; Max-Age=60; HttpOnly'); // { name: 'id', value: 'a b', maxAge: 60, httpOnly: true }
 * ```
 */
export function parseSetCookieLine(str: string, options?: ParseOptions): CompatSetCookie {
  const dec = options?.decode || decodeDefault;
  const length = str.length;
  const semicolon = str.indexOf(';');
  const pairEnd = semicolon === -1 ? length : semicolon;
  const eq = str.indexOf('=');
  const cookie: CompatSetCookie =
    eq === -1 || eq >= pairEnd
      ? { name: '', value: dec(sliceTrimmed(str, 0, pairEnd)) }
      : { name: sliceTrimmed(str, 0, eq), value: dec(sliceTrimmed(str, eq + 1, pairEnd)) };
  let index = pairEnd + 1;
  while (index < length) {
    const next = str.indexOf(';', index);
    const end = next === -1 ? length : next;
    const equals = str.indexOf('=', index);
    const hasValue = equals !== -1 && equals < end;
    readAttribute(
      cookie,
      sliceTrimmed(str, index, hasValue ? equals : end),
      hasValue ? sliceTrimmed(str, equals + 1, end) : undefined,
    );
    index = end + 1;
  }
  return cookie;
}
