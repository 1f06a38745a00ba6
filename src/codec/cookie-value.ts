/**
 * @module How cookie values are written into headers and read back: URI percent-encoding,
 * Werkzeug's quoted octal form, and raw values, with one decoder that reads all three.
 */

import {
  byteLength,
  fromByteString,
  hasLoneSurrogate,
  toByteString,
} from '../internal/byte-string.js';
import { CookieError } from './errors.js';
import { COOKIE_OCTET, CTL, charClass, WERKZEUG_LEGAL } from './grammar.js';
import type { CookieEncoding } from './types.js';

const hex = '0123456789ABCDEF';

/**
 * Percent-encodes exactly what is not a cookie-octet (RFC 6265bis §4.1.1), plus `%` itself so that
 * decoding gives the value back. Non-ASCII text becomes `%XX` runs of its UTF-8 bytes.
 *
 * @example
 * ```ts
 * encodeUriValue('chocolate chip'); // 'chocolate%20chip'
 * ```
 */
export function encodeUriValue(value: string): string {
  let i = 0;
  const length = value.length;
  // Fast path: most values are already cookie-octets.
  for (; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7e || c === 0x25 || ((charClass[c] as number) & COOKIE_OCTET) === 0) break;
  }
  if (i === length) return value;
  let out = value.slice(0, i);
  for (; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) {
      if (c !== 0x25 && ((charClass[c] as number) & COOKIE_OCTET) !== 0) out += value[i];
      else out += `%${hex[c >> 4]}${hex[c & 15]}`;
      continue;
    }
    // A surrogate pair is one code point: encode both halves together.
    const isHigh = c >= 0xd800 && c <= 0xdbff;
    const char = isHigh ? value.slice(i, i + 2) : (value[i] as string);
    try {
      out += encodeURIComponent(char);
    } catch (cause) {
      throw new CookieError(
        'ERR_COOKIE_VALUE_INVALID',
        `cookie value is invalid: ${JSON.stringify(value)} (a lone UTF-16 surrogate has no UTF-8 form; remove it)`,
        { cause },
      );
    }
    if (isHigh) i++;
  }
  return out;
}

/**
 * Werkzeug 2.2's `dump_cookie` quoting, byte for byte: values made only of its legal characters are
 * written as is; any other value is wrapped in `"` with `\"`, `\\`, `\054` for `,`, `\073` for `;`,
 * and a three-digit octal escape for every UTF-8 byte below 0x20 or above 0x7E.
 *
 * @example
 * ```ts
 * encodeWerkzeugValue('café'); // '"caf\\303\\251"'
 * ```
 */
export function encodeWerkzeugValue(value: string): string {
  let legal = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7e || ((charClass[c] as number) & WERKZEUG_LEGAL) === 0) {
      legal = false;
      break;
    }
  }
  if (legal) return value;
  if (hasLoneSurrogate(value)) throw loneSurrogateError(value);
  const bytes = toByteString(value);
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x2c) out += '\\054';
    else if (c === 0x3b) out += '\\073';
    else if (c < 0x20 || c > 0x7e) out += `\\${c.toString(8).padStart(3, '0')}`;
    else out += bytes[i];
  }
  return `${out}"`;
}

/**
 * Checks a value that will be sent as is (after a custom `encode` or with `encoding: 'raw'`): a browser
 * would drop the line on a control character, read `;` as the end of the value, and trim edge
 * whitespace. Non-ASCII text is returned as its UTF-8 bytes.
 */
function loneSurrogateError(value: string): CookieError {
  return new CookieError(
    'ERR_COOKIE_VALUE_INVALID',
    `cookie value is invalid: ${JSON.stringify(value)} (a lone UTF-16 surrogate has no UTF-8 form; remove it)`,
  );
}

export function checkRawValue(value: string, original: string = value): string {
  if (hasLoneSurrogate(value)) throw loneSurrogateError(original);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x3b || (c < 0x80 && ((charClass[c] as number) & CTL) !== 0)) {
      const what = c === 0x3b ? '";"' : `control character \\u${c.toString(16).padStart(4, '0')}`;
      throw new CookieError(
        'ERR_COOKIE_VALUE_INVALID',
        `cookie value is invalid: ${JSON.stringify(original)} (${what} would end or drop the cookie; use encoding 'uri' or 'werkzeug')`,
      );
    }
  }
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first === 0x20 || last === 0x20) {
    throw new CookieError(
      'ERR_COOKIE_VALUE_INVALID',
      `cookie value is invalid: ${JSON.stringify(original)} (browsers trim leading and trailing spaces; use encoding 'uri' or 'werkzeug')`,
    );
  }
  return toByteString(value);
}

/**
 * Encodes a value for a header by the chosen encoding, or with a custom `encode` function whose
 * output is then checked like a raw value.
 */
export function encodeCookieValue(
  value: string,
  encoding: CookieEncoding | undefined,
  encode: ((value: string) => string) | undefined,
): string {
  if (encode !== undefined) {
    const encoded: unknown = encode(value);
    if (typeof encoded !== 'string') {
      throw new CookieError(
        'ERR_COOKIE_ENCODE',
        `cookie value encoder is invalid: it returned ${typeof encoded} for ${JSON.stringify(value)} (return a string)`,
      );
    }
    return checkRawValue(encoded, value);
  }
  if (encoding === undefined || encoding === 'uri') return encodeUriValue(value);
  if (encoding === 'werkzeug') return encodeWerkzeugValue(value);
  if (encoding === 'raw') return checkRawValue(value);
  throw new CookieError(
    'ERR_COOKIE_ENCODE',
    `cookie encoding is invalid: ${JSON.stringify(encoding)} (use 'uri', 'werkzeug' or 'raw')`,
  );
}

/** The wire size of a name and value, in octets, as §5.6 step 4 counts it. */
export function pairByteLength(name: string, value: string): number {
  return byteLength(name) + byteLength(value);
}

/** Werkzeug's unquoting: `\ooo` (first digit 0-3) becomes that octet, `\x` becomes `x`. */
function unescapeBackslashes(text: string): string {
  let out = '';
  let from = 0;
  let i = text.indexOf('\\');
  while (i !== -1 && i < text.length - 1) {
    out += text.slice(from, i);
    const a = text.charCodeAt(i + 1);
    const b = text.charCodeAt(i + 2);
    const c = text.charCodeAt(i + 3);
    if (a >= 0x30 && a <= 0x33 && b >= 0x30 && b <= 0x37 && c >= 0x30 && c <= 0x37) {
      out += String.fromCharCode(((a - 0x30) << 6) | ((b - 0x30) << 3) | (c - 0x30));
      from = i + 4;
    } else {
      out += text[i + 1];
      from = i + 2;
    }
    i = text.indexOf('\\', from);
  }
  return out + text.slice(from);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Decodes a run of `%XX` escapes sequence by sequence: each UTF-8 sequence that is valid becomes its
 * character, each octet that starts no valid sequence stays as written.
 */
function decodeRun(text: string, start: number, end: number): string {
  let out = '';
  let i = start;
  while (i < end) {
    const lead = (hexValue(text.charCodeAt(i + 1)) << 4) | hexValue(text.charCodeAt(i + 2));
    const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (i + size * 3 <= end) {
      try {
        out += decodeURIComponent(text.slice(i, i + size * 3));
        i += size * 3;
        continue;
      } catch {
        // Not a valid sequence: keep this octet as written and try from the next one.
      }
    }
    out += text.slice(i, i + 3);
    i += 3;
  }
  return out;
}

/** The 128 one-char strings of ASCII, so a `%XX` escape below 0x80 costs no allocation. */
const ASCII_CHARS: readonly string[] = /* @__PURE__ */ Array.from({ length: 128 }, (_, c) =>
  String.fromCharCode(c),
);

/** Decodes every run of valid `%XX` escapes that forms UTF-8; anything else stays as written. */
function decodePercent(text: string): string {
  // Most encoded cookie values escape ASCII only (`%22`, `%3A`, `%2C`): decode those here, which
  // costs a fraction of the fixed price of a decodeURIComponent call. The first escape that is not
  // a valid one below 0x80 hands the whole value to the general path below.
  let at = text.indexOf('%');
  let from = 0;
  let decoded = '';
  while (at !== -1) {
    const high = hexValue(text.charCodeAt(at + 1));
    const low = hexValue(text.charCodeAt(at + 2));
    if (high < 0 || high > 7 || low < 0) break;
    if (at > from) decoded += text.slice(from, at);
    decoded += ASCII_CHARS[(high << 4) | low] as string;
    from = at + 3;
    at = text.indexOf('%', from);
  }
  if (at === -1) return from === 0 ? text : decoded + text.slice(from);
  try {
    return decodeURIComponent(text);
  } catch {
    // Some escape is not valid UTF-8 (or a lone `%`): decode run by run, keep broken runs raw.
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('%', i);
    if (start === -1) break;
    out += text.slice(i, start);
    let end = start;
    while (
      text.charCodeAt(end) === 0x25 &&
      hexValue(text.charCodeAt(end + 1)) >= 0 &&
      hexValue(text.charCodeAt(end + 2)) >= 0
    ) {
      end += 3;
    }
    if (end === start) {
      out += '%';
      i = start + 1;
      continue;
    }
    out += decodeRun(text, start, end);
    i = end;
  }
  return out + text.slice(i);
}

/**
 * The decoding that pairs with `encoding: 'werkzeug'`, as Werkzeug's own `parse_cookie` reads a value:
 * surrounding double quotes removed, backslash-octal escapes decoded, UTF-8 octets read as text, and
 * `%` left alone. Use it as `decode` when the cookies come from a Flask app and may hold a literal
 * `%XX` (the default decoder would read it as an escape). Never throws.
 *
 * @example
 * ```ts
 * import { decodeWerkzeugValue, parseCookie } from 'shortbread';
 * parseCookie('a=100%25; b="caf\\303\\251"', { decode: decodeWerkzeugValue }); // { a: '100%25', b: 'café' }
 * ```
 */
export function decodeWerkzeugValue(raw: string): string {
  let value = raw;
  const length = value.length;
  if (length >= 2 && value.charCodeAt(0) === 0x22 && value.charCodeAt(length - 1) === 0x22) {
    value = value.slice(1, -1);
    if (value.indexOf('\\') !== -1) value = unescapeBackslashes(value);
  }
  return fromByteString(value);
}

/**
 * The default value decoding of every parser: surrounding double quotes removed, Werkzeug's
 * backslash-octal escapes decoded, UTF-8 octets read as text, and valid `%XX` escapes decoded
 * (invalid ones kept as written). Never throws.
 *
 * @example
 * ```ts
 * import { decodeCookieValue } from 'shortbread';
 * decodeCookieValue('"caf\\303\\251"'); // 'café'
 * decodeCookieValue('chocolate%20chip'); // 'chocolate chip'
 * decodeCookieValue('100%'); // '100%'
 * ```
 */
export function decodeCookieValue(raw: string): string {
  let value = raw;
  const length = value.length;
  if (length >= 2 && value.charCodeAt(0) === 0x22 && value.charCodeAt(length - 1) === 0x22) {
    value = value.slice(1, -1);
    if (value.indexOf('\\') !== -1) value = unescapeBackslashes(value);
  }
  value = fromByteString(value);
  return value.indexOf('%') === -1 ? value : decodePercent(value);
}

/**
 * {@link decodeCookieValue} for a value known to hold printable ASCII only (%x20-7E): no char can be a
 * UTF-8 octet, so only quotes, backslash escapes and `%XX` can need work. Same result, less scanning.
 */
export function decodePrintableValue(raw: string): string {
  let value = raw;
  const length = value.length;
  if (length >= 2 && value.charCodeAt(0) === 0x22 && value.charCodeAt(length - 1) === 0x22) {
    // Octal escapes can make UTF-8 octets: the general decoder reads those.
    if (value.indexOf('\\') !== -1) return decodeCookieValue(raw);
    value = value.slice(1, -1);
  }
  return value.indexOf('%') === -1 ? value : decodePercent(value);
}
