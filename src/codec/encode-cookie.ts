/**
 * @module What builders put on the wire for a cookie's name and value: the name checks, and the
 * value encoders (URI percent-encoding, Werkzeug's quoted octal form, raw values checked as sent).
 */

import { hasLoneSurrogate, toByteString } from '../internal/byte-string.js';
import { cookieError, LONE_SURROGATE } from './errors.js';
import type { CookieEncoding } from './types.js';

/** CTL = %x00-1F / %x7F (RFC 5234 B.1); HTAB is one too. */
function isCtl(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/**
 * Checks a cookie name we are asked to send: §5.6 would drop the line on a control character, and
 * `;` or `=` would change where the name ends. Returns the name as it goes on the wire (UTF-8 octets).
 *
 * @example
 * ```ts
 * checkCookieName('id'); // 'id'
 * checkCookieName('a;b'); // throws CookieError ERR_COOKIE_NAME_INVALID
 * ```
 */
export function checkCookieName(name: string): string {
  let why: string | undefined;
  let ascii = true;
  if (typeof name !== 'string') why = 'names are strings; pass a string';
  else {
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      if (c > 0x7f) ascii = false;
      else if (c === 0x3b || c === 0x3d || isCtl(c)) {
        why = 'no ";" "=" or control characters; rename the cookie';
      }
    }
    if (why === undefined && !ascii && hasLoneSurrogate(name)) why = LONE_SURROGATE;
    else if (why === undefined && (name.charCodeAt(0) === 0x20 || name.endsWith(' '))) {
      why = 'browsers trim leading and trailing spaces; remove them';
    }
  }
  if (why !== undefined) throw cookieError('ERR_COOKIE_NAME_INVALID', 'cookie name', name, why);
  return ascii ? name : toByteString(name);
}

/**
 * Runs of what is not a cookie-octet (RFC 6265bis §4.1.1: CTLs, whitespace, DQUOTE, comma, semicolon,
 * backslash, non-ASCII), plus `%` itself so that decoding gives the value back. One class: linear.
 */
const notCookieOctetsRegExp = /[^\x21\x23\x24\x26-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+/g;

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
  // Fast path: most values are already cookie-octets.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (
      c < 0x21 ||
      c > 0x7e ||
      c === 0x22 ||
      c === 0x25 ||
      c === 0x2c ||
      c === 0x3b ||
      c === 0x5c
    ) {
      if (hasLoneSurrogate(value)) throw loneSurrogateError(value);
      // encodeURIComponent leaves only cookie-octets unescaped, in uppercase hex as here.
      return value.replace(notCookieOctetsRegExp, encodeURIComponent);
    }
  }
  return value;
}

/** What Werkzeug 2.2's `dump_cookie` writes unquoted (`werkzeug/_internal.py` `_legal_cookie_chars`). */
const werkzeugLegalRegExp = /^[\w!#$%&'*+\-.^`|~:/=]*$/;

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
  if (werkzeugLegalRegExp.test(value)) return value;
  if (hasLoneSurrogate(value)) throw loneSurrogateError(value);
  let out = '"';
  for (const char of toByteString(value)) {
    const c = char.charCodeAt(0);
    out +=
      c === 0x22 || c === 0x5c
        ? `\\${char}`
        : c === 0x2c || c === 0x3b || c < 0x20 || c > 0x7e
          ? `\\${c.toString(8).padStart(3, '0')}`
          : char;
  }
  return `${out}"`;
}

function loneSurrogateError(value: string) {
  return cookieError('ERR_COOKIE_VALUE_INVALID', 'cookie value', value, LONE_SURROGATE);
}

/**
 * Checks a value that will be sent as is (after a custom `encode` or with `encoding: 'raw'`): a
 * browser would drop the line on a control character, read `;` as the end of the value, and trim
 * edge spaces. Non-ASCII text is returned as its UTF-8 bytes.
 *
 * @example
 * ```ts
 * checkRawValue('a b'); // 'a b'
 * checkRawValue('a;b'); // throws CookieError ERR_COOKIE_VALUE_INVALID
 * ```
 */
export function checkRawValue(value: string, original: string = value): string {
  const why = hasLoneSurrogate(value)
    ? LONE_SURROGATE
    : /[\x00-\x1f\x7f;]/.test(value)
      ? `";" or a control character would end or drop the cookie; ${USE_ENCODING}`
      : /^ | $/.test(value)
        ? `browsers trim leading and trailing spaces; ${USE_ENCODING}`
        : undefined;
  if (why !== undefined)
    throw cookieError('ERR_COOKIE_VALUE_INVALID', 'cookie value', original, why);
  return toByteString(value);
}

const USE_ENCODING = "use encoding 'uri' or 'werkzeug'";

/**
 * Encodes a value for a header by the chosen encoding, or with a custom `encode` function whose
 * output is then checked like a raw value.
 *
 * @example
 * ```ts
 * encodeCookieValue('a b', undefined, undefined); // 'a%20b'
 * encodeCookieValue('a b', 'werkzeug', undefined); // '"a b"'
 * ```
 */
export function encodeCookieValue(
  value: string,
  encoding: CookieEncoding | undefined,
  encode: ((value: string) => string) | undefined,
): string {
  if (encode !== undefined) {
    const encoded: unknown = encode(value);
    if (typeof encoded !== 'string') {
      throw cookieError(
        'ERR_COOKIE_ENCODE',
        'cookie value encoder',
        value,
        'it must return a string',
      );
    }
    return checkRawValue(encoded, value);
  }
  if (encoding === undefined || encoding === 'uri') return encodeUriValue(value);
  if (encoding === 'werkzeug') return encodeWerkzeugValue(value);
  if (encoding === 'raw') return checkRawValue(value);
  throw cookieError(
    'ERR_COOKIE_ENCODE',
    'cookie encoding',
    encoding,
    "use 'uri', 'werkzeug' or 'raw'",
  );
}
