/**
 * @module The `cookie` package's 0.7 API (0.7.2), behaving as it does: same results, same inputs
 * accepted, the same `TypeError` messages for the ones refused. `shortbread/compat/cookie0` gives it,
 * for projects still on `cookie` 0.x (Express 4, for one) that swap by their import line.
 */

import {
  COMPAT_DOMAIN,
  COMPAT_PATH,
  isCompatDate,
  skipBlanksBackward,
  skipBlanksForward,
} from './cookie-compat-shared.js';

/** RFC 6265 §4.1.1 cookie-name as `cookie` 0.7 checks it: an RFC 7230 token. */
const NAME_0 = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 6265 §4.1.1 cookie-value: cookie-octets, optionally inside one pair of double quotes. */
const VALUE_0 = /^("?)[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*\1$/;

/** A regular expression's test with `cookie`'s coercion of whatever it is given to a string. */
function matches(pattern: RegExp, value: unknown): boolean {
  return pattern.test(value as string);
}

/**
 * The options of `cookie` 0.7's `parse`.
 *
 * @example
 * ```ts
 * import type { ParseOptions } from 'shortbread/compat/cookie0';
 * const options: ParseOptions = { decode: (value) => value.toUpperCase() };
 * ```
 */
export interface ParseOptions {
  /** Decodes each value (quotes removed); when it throws, the raw value is kept. @default decodeURIComponent */
  decode?: ((str: string) => string) | undefined;
}

/**
 * The options of `cookie` 0.7's `serialize`.
 *
 * @example
 * ```ts
 * import type { SerializeOptions } from 'shortbread/compat/cookie0';
 * const options: SerializeOptions = { httpOnly: true, maxAge: 3600, sameSite: 'lax' };
 * ```
 */
export interface SerializeOptions {
  /** Encodes the value. @default encodeURIComponent */
  encode?: ((str: string) => string) | undefined;
  /** Max-Age in seconds, rounded down; a numeric string counts; null or undefined leaves it out. */
  maxAge?: number | string | null | undefined;
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

/** `cookie` 0.7's default decoder: percent-decoding where there is a "%" (it may throw). */
function decodeDefault(text: string): string {
  return text.includes('%') ? decodeURIComponent(text) : text;
}

/** The value of the pair in [from, to): trimmed, one pair of surrounding quotes removed, decoded. */
function pairValue(str: string, from: number, to: number, decode: (str: string) => string): string {
  let start = skipBlanksForward(str, from, to);
  let end = skipBlanksBackward(str, start, to);
  // `cookie` 0.7 looks at both ends separately: a lone `"` is both, and leaves an empty value.
  if (str.charCodeAt(start) === 0x22 && str.charCodeAt(end - 1) === 0x22) {
    start++;
    end--;
  }
  const raw = str.slice(start, end);
  try {
    return decode(raw);
  } catch {
    return raw;
  }
}

/**
 * `cookie` 0.7 `parse(str, options)`: a `Cookie` header to a plain object, as 0.7 returns. Names
 * and values are trimmed of spaces and tabs, one pair of quotes around a value is removed, the first
 * pair of a name wins, a value that fails to decode stays raw. A `__proto__` pair is left out, as
 * 0.7's assignment drops it (so no header can reach the object's prototype).
 *
 * @example
 * ```ts
 * import { parse } from 'shortbread/compat/cookie0';
 * parse('foo="bar"; n=%E2%82%AC'); // { foo: 'bar', n: '€' }
 * ```
 */
export function parse(str: string, options?: ParseOptions): Record<string, string> {
  if (typeof str !== 'string') throw new TypeError('argument str must be a string');
  const cookies: Record<string, string> = {};
  const length = str.length;
  // The shortest pair is one name character and "=".
  if (length < 2) return cookies;
  const decode = options?.decode || decodeDefault;
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
    const start = skipBlanksForward(str, index, eq);
    const name = str.slice(start, skipBlanksBackward(str, start, eq));
    if (name !== '__proto__' && !Object.hasOwn(cookies, name)) {
      cookies[name] = pairValue(str, eq + 1, end, decode);
    }
    index = end + 1;
  } while (index < length);
  return cookies;
}

/** Max-Age, Domain, Path and Expires of `serialize`, each refused as `cookie` 0.7 refuses it. */
function appendValued(line: string, options: SerializeOptions): string {
  if (options.maxAge != null) {
    const maxAge = Math.floor(options.maxAge as number);
    if (!Number.isFinite(maxAge)) throw new TypeError('option maxAge is invalid');
    line += `; Max-Age=${maxAge}`;
  }
  if (options.domain) {
    if (!matches(COMPAT_DOMAIN, options.domain)) throw new TypeError('option domain is invalid');
    // biome-ignore lint/style/useTemplate: `cookie` joins with +, which asks an object for valueOf first
    line += '; Domain=' + options.domain;
  }
  if (options.path) {
    if (!matches(COMPAT_PATH, options.path)) throw new TypeError('option path is invalid');
    // biome-ignore lint/style/useTemplate: `cookie` joins with +, which asks an object for valueOf first
    line += '; Path=' + options.path;
  }
  if (options.expires) {
    const expires = options.expires;
    // 0.7 tests with the global isNaN, which converts what valueOf gives to a number first.
    if (!isCompatDate(expires) || Number.isNaN(Number(expires.valueOf()))) {
      throw new TypeError('option expires is invalid');
    }
    line += `; Expires=${expires.toUTCString()}`;
  }
  return line;
}

/** The flags, Priority and SameSite of `serialize`, each refused as `cookie` 0.7 refuses it. */
function appendFlags(line: string, options: SerializeOptions): string {
  if (options.httpOnly) line += '; HttpOnly';
  if (options.secure) line += '; Secure';
  if (options.partitioned) line += '; Partitioned';
  const { priority, sameSite } = options;
  if (priority) {
    const level = typeof priority === 'string' ? priority.toLowerCase() : priority;
    if (level === 'low') line += '; Priority=Low';
    else if (level === 'medium') line += '; Priority=Medium';
    else if (level === 'high') line += '; Priority=High';
    else throw new TypeError('option priority is invalid');
  }
  if (sameSite) {
    const mode = typeof sameSite === 'string' ? sameSite.toLowerCase() : sameSite;
    if (mode === true || mode === 'strict') line += '; SameSite=Strict';
    else if (mode === 'lax') line += '; SameSite=Lax';
    else if (mode === 'none') line += '; SameSite=None';
    else throw new TypeError('option sameSite is invalid');
  }
  return line;
}

/**
 * `cookie` 0.7 `serialize(name, value, options)`: one `Set-Cookie` value. It throws `TypeError` with
 * 0.7's messages where 0.7 does, and nothing more: for the RFC 6265bis checks (`SameSite=None`
 * without Secure, prefixes, sizes) use `stringifySetCookie` from shortbread.
 *
 * @example
 * ```ts
 * import { serialize } from 'shortbread/compat/cookie0';
 * serialize('foo', 'bar', { maxAge: '1000', sameSite: true }); // 'foo=bar; Max-Age=1000; SameSite=Strict'
 * ```
 */
export function serialize(name: string, value: string, options?: SerializeOptions): string {
  const encode = options?.encode || encodeURIComponent;
  if (typeof encode !== 'function') throw new TypeError('option encode is invalid');
  if (!matches(NAME_0, name)) throw new TypeError('argument name is invalid');
  const encoded = encode(value);
  if (!matches(VALUE_0, encoded)) throw new TypeError('argument val is invalid');
  // biome-ignore lint/style/useTemplate: `cookie` joins with +, which asks an object for valueOf first
  const line = name + '=' + encoded;
  return options ? appendFlags(appendValued(line, options), options) : line;
}
