/**
 * @module How cookie values are read back from headers: one decoder for URI percent-encoding,
 * Werkzeug's quoted octal form and raw values (the writers are in encode-cookie.ts).
 */

import { fromByteString } from '../internal/byte-string.js';

/**
 * Werkzeug's unquoting of a value in double quotes: `\ooo` (first digit 0-3) becomes that octet,
 * `\x` becomes `x`, a backslash at the very end stays. A value without both quotes is returned as
 * is. A loop of `indexOf`, not a global `replace`: each escape costs its own chars only.
 */
function unquote(raw: string): string {
  if (raw.length < 2 || raw.charCodeAt(0) !== 0x22 || raw.charCodeAt(raw.length - 1) !== 0x22) {
    return raw;
  }
  const inner = raw.slice(1, -1);
  let out = '';
  let from = 0;
  for (let at = inner.indexOf('\\'); at >= 0 && at < inner.length - 1; ) {
    const octal = inner.slice(at + 1, at + 4);
    const isOctal = /^[0-3][0-7]{2}$/.test(octal);
    out +=
      inner.slice(from, at) + (isOctal ? String.fromCharCode(parseInt(octal, 8)) : inner[at + 1]);
    from = at + (isOctal ? 4 : 2);
    at = inner.indexOf('\\', from);
  }
  return out + inner.slice(from);
}

/**
 * One `%XX` escape of an ASCII char, or the escapes of one well-formed-looking UTF-8 sequence (a lead
 * octet and its continuation octets). Each alternative starts on its own lead digit: no backtracking.
 */
const escapeRegExp =
  /%[0-7][\da-f]|%[cd][\da-f]%[89ab][\da-f]|%e[\da-f](%[89ab][\da-f]){2}|%f[0-7](%[89ab][\da-f]){3}/gi;

/** The value of a hex digit's char code, or 128 for any other char (NaN past the end). */
function hexDigit(code: number): number {
  if (code > 0x2f && code < 0x3a) return code - 0x30;
  const lower = code | 0x20;
  return lower > 0x60 && lower < 0x67 ? lower - 0x57 : 128;
}

/**
 * Decodes `%XX` escapes: each that forms UTF-8 becomes its char, each octet that starts no valid
 * sequence (and each malformed `%`) stays as written.
 */
function decodePercent(text: string): string {
  // Most encoded values escape ASCII only (`%22`, `%3A`, `%2C`): decoded here at a fraction of the
  // fixed price of a decodeURIComponent call. The first escape that is not a valid one below 0x80
  // hands the whole value to the sequence-by-sequence decoding below.
  let out = '';
  let from = 0;
  for (let at = text.indexOf('%'); at >= 0; at = text.indexOf('%', from)) {
    const code = hexDigit(text.charCodeAt(at + 1)) * 16 + hexDigit(text.charCodeAt(at + 2));
    if (!(code < 0x80)) {
      return text.replace(escapeRegExp, (sequence) => {
        try {
          return decodeURIComponent(sequence);
        } catch {
          // An overlong form, a surrogate or a code point past U+10FFFF: kept as written.
          return sequence;
        }
      });
    }
    out += text.slice(from, at) + String.fromCharCode(code);
    from = at + 3;
  }
  return from ? out + text.slice(from) : text;
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
  return fromByteString(unquote(raw));
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
  return decodePercent(decodeWerkzeugValue(raw));
}

/**
 * {@link decodeCookieValue} for a value known to hold ASCII only: without a backslash no octal
 * escape can make a UTF-8 octet, so only quotes and `%XX` can need work. Same result, less scanning.
 *
 * @example
 * ```ts
 * decodePrintableValue('"a%20b"'); // 'a b'
 * ```
 */
export function decodePrintableValue(raw: string): string {
  return decodePercent(raw.indexOf('\\') < 0 ? unquote(raw) : decodeWerkzeugValue(raw));
}
