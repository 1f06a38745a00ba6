/**
 * @module How cookie values are read back from headers: one decoder for URI percent-encoding,
 * Werkzeug's quoted octal form and raw values (the writers are in encode-cookie.ts).
 */

import { fromByteString } from '../internal/byte-string.js';

/**
 * Werkzeug's unquoting of a value in double quotes: `\ooo` (first digit 0-3) becomes that octet,
 * `\x` becomes `x`. A value without both quotes is returned as is.
 */
function unquote(raw: string): string {
  const length = raw.length;
  if (length < 2 || raw.charCodeAt(0) !== 0x22 || raw.charCodeAt(length - 1) !== 0x22) return raw;
  const inner = raw.slice(1, -1);
  let out = '';
  let from = 0;
  for (let at = inner.indexOf('\\'); at !== -1 && at < inner.length - 1; ) {
    const octal = inner.slice(at + 1, at + 4);
    const isOctal = /^[0-3][0-7][0-7]$/.test(octal);
    out +=
      inner.slice(from, at) +
      (isOctal ? String.fromCharCode(Number.parseInt(octal, 8)) : inner.charAt(at + 1));
    from = at + (isOctal ? 4 : 2);
    at = inner.indexOf('\\', from);
  }
  return from === 0 ? inner : out + inner.slice(from);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** The 128 one-char strings of ASCII, so a `%XX` escape below 0x80 costs no allocation. */
const ASCII_CHARS: readonly string[] = /* @__PURE__ */ Array.from({ length: 128 }, (_, c) =>
  String.fromCharCode(c),
);

/**
 * Decodes a run of `%XX` escapes sequence by sequence: each UTF-8 sequence that is valid becomes its
 * character, each octet that starts no valid sequence stays as written.
 */
function decodeRun(run: string): string {
  let out = '';
  for (let i = 0; i < run.length; ) {
    const lead = Number.parseInt(run.slice(i + 1, i + 3), 16);
    const size = lead < 0xc0 ? 3 : lead < 0xe0 ? 6 : lead < 0xf0 ? 9 : 12;
    try {
      out += decodeURIComponent(run.slice(i, i + size));
      i += size;
    } catch {
      // Not a valid (or a cut) sequence: keep this octet as written and try from the next one.
      out += run.slice(i, i + 3);
      i += 3;
    }
  }
  return out;
}

/** Each run of valid `%XX` escapes decoded by {@link decodeRun}; anything else stays as written. */
function decodeRuns(text: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('%'); at !== -1; at = text.indexOf('%', from)) {
    let end = at;
    while (
      text.charCodeAt(end) === 0x25 &&
      hexValue(text.charCodeAt(end + 1)) >= 0 &&
      hexValue(text.charCodeAt(end + 2)) >= 0
    ) {
      end += 3;
    }
    out += text.slice(from, at) + (end === at ? '%' : decodeRun(text.slice(at, end)));
    from = end === at ? at + 1 : end;
  }
  return out + text.slice(from);
}

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
    if (high < 0 || high > 7 || low < 0) return decodeRuns(text);
    decoded += text.slice(from, at) + ASCII_CHARS[(high << 4) | low];
    from = at + 3;
    at = text.indexOf('%', from);
  }
  return from === 0 ? text : decoded + text.slice(from);
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
  return decodePrintableValue(fromByteString(unquote(raw)), true);
}

/**
 * {@link decodeCookieValue} for a value known to hold printable ASCII only (%x20-7E): no char can be a
 * UTF-8 octet, so only quotes, backslash escapes and `%XX` can need work. Same result, less scanning.
 *
 * @example
 * ```ts
 * decodePrintableValue('"a%20b"'); // 'a b'
 * ```
 */
export function decodePrintableValue(raw: string, unquoted?: boolean): string {
  let value = raw;
  if (!unquoted && value.charCodeAt(0) === 0x22) {
    // Octal escapes can make UTF-8 octets: the general decoder reads those.
    if (value.indexOf('\\') !== -1) return decodeCookieValue(raw);
    value = unquote(value);
  }
  return value.indexOf('%') === -1 ? value : decodePercent(value);
}
