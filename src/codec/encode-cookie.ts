/**
 * @module What builders put on the wire for a cookie's name and value: the name checks, and the
 * value encoders (URI percent-encoding, Werkzeug's quoted octal form, raw values checked as sent).
 *
 * Section numbers (§) of RFC 6265bis are those of draft-ietf-httpbis-rfc6265bis-22.
 */

import { hasLoneSurrogate, toByteString } from '../internal/byte-string.js';
import { cookieError, LONE_SURROGATE } from './errors.js';
import type { CookieEncoding } from './types.js';

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
  // Most names are tokens: printable ASCII without space, ";" or "=". One class: linear.
  if (typeof name === 'string' && /^[\x21-\x3a\x3c\x3e-\x7e]+$/.test(name)) return name;
  const why =
    typeof name !== 'string'
      ? 'names are strings; pass a string'
      : // CTL = %x00-1F / %x7F (RFC 5234 B.1). One class: linear.
        /[\x00-\x1f\x7f;=]/.test(name)
        ? 'no ";" "=" or control characters; rename the cookie'
        : hasLoneSurrogate(name)
          ? LONE_SURROGATE
          : /^ | $/.test(name)
            ? 'browsers trim edge spaces; remove them'
            : undefined;
  if (why !== undefined) throw cookieError('ERR_COOKIE_NAME_INVALID', 'cookie name', name, why);
  return toByteString(name);
}

/** The CookieError of a value that cannot be sent, for `why`. */
function valueError(value: string, why: string) {
  return cookieError('ERR_COOKIE_VALUE_INVALID', 'cookie value', value, why);
}

/**
 * Percent-encodes exactly what is not a cookie-octet (RFC 6265bis §4.1.1: CTLs, whitespace, DQUOTE,
 * comma, semicolon, backslash, non-ASCII), plus `%` itself so that decoding gives the value back.
 * Non-ASCII text becomes `%XX` runs of its UTF-8 bytes.
 *
 * @example
 * ```ts
 * encodeUriValue('chocolate chip'); // 'chocolate%20chip'
 * ```
 */
export function encodeUriValue(value: string): string {
  // Most values are cookie-octets already: one test (cheaper than a replace that finds nothing).
  if (/^[\x21\x23\x24\x26-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/.test(value)) return value;
  if (hasLoneSurrogate(value)) throw valueError(value, LONE_SURROGATE);
  // encodeURIComponent leaves only cookie-octets unescaped, in uppercase hex. One class: linear.
  return value.replace(/[^\x21\x23\x24\x26-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+/g, encodeURIComponent);
}

/**
 * Werkzeug 2.2's `dump_cookie` quoting, byte for byte: values made only of its legal characters
 * (`werkzeug/_internal.py` `_legal_cookie_chars`) are written as is; any other value is wrapped in
 * `"` with `\"`, `\\`, `\054` for `,`, `\073` for `;`, and a three-digit octal escape for every
 * UTF-8 byte below 0x20 or above 0x7E.
 *
 * @example
 * ```ts
 * encodeWerkzeugValue('café'); // '"caf\\303\\251"'
 * ```
 */
export function encodeWerkzeugValue(value: string): string {
  if (/^[\w!#$%&'*+\-.^`|~:/=]*$/.test(value)) return value;
  if (hasLoneSurrogate(value)) throw valueError(value, LONE_SURROGATE);
  // Every octet but printable ASCII less `"` `,` `;` `\` is escaped. One class: linear.
  return `"${toByteString(value).replace(/[^\x20\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]/g, (c) =>
    c === '"' || c === '\\' ? `\\${c}` : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`,
  )}"`;
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
      ? `no ";" or control characters; ${USE_ENCODING}`
      : /^ | $/.test(value)
        ? `browsers trim edge spaces; ${USE_ENCODING}`
        : undefined;
  if (why !== undefined) throw valueError(original, why);
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
        'it must return a string; fix the encoder',
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
    "one of 'uri', 'werkzeug', 'raw'; use one of them",
  );
}
