/**
 * @module Conversions between JavaScript strings and HTTP "ByteStrings" (one char per octet, as
 * Fetch `Headers` and Node hold header values), so UTF-8 cookie bytes survive the trip.
 */

import { getNodeBuiltin, isPortableOnly } from './node-builtin.js';

let encoder: TextEncoder | undefined;

/** Non-ASCII test; a single character class, so it cannot backtrack. */
const nonAsciiRegExp = /[^\x00-\x7f]/;

/**
 * A surrogate half without its partner; each branch looks one char around, so it is linear. Global
 * for `replace`; `search` ignores the flag and `lastIndex`.
 */
const loneSurrogateRegExp =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * True when `text` holds a lone UTF-16 surrogate, which has no UTF-8 form (TextEncoder would write U+FFFD).
 *
 * @example
 * ```ts
 * hasLoneSurrogate('\ud800'); // true
 * ```
 */
export function hasLoneSurrogate(text: string): boolean {
  return nonAsciiRegExp.test(text) && text.search(loneSurrogateRegExp) !== -1;
}

interface NodeBuffer {
  byteLength(text: string): number;
}

/** Node's Buffer, found at the first call (never at import time); null elsewhere. */
let nodeBuffer: NodeBuffer | null | undefined;

/** Scratch space for {@link isAsciiBulk}: 3 octets for each of BULK_MAX chars. */
let scratch: Uint8Array | undefined;
const BULK_MAX = 8192;

/**
 * True when every char of `text` is 7-bit ASCII: `TextEncoder` writes one octet per ASCII char and
 * more for any other, at close to memcpy speed, several times faster than a regex that tests char
 * by char. Up to BULK_MAX chars (a whole header) into scratch space, beyond that into a new array.
 *
 * @example
 * ```ts
 * isAsciiBulk('a=1'); // true
 * ```
 */
export function isAsciiBulk(text: string): boolean {
  // On Node, Buffer.byteLength counts the UTF-8 octets without writing them: half the cost.
  if (!isPortableOnly()) {
    nodeBuffer ??= getNodeBuiltin<{ Buffer: NodeBuffer }>('node:buffer')?.Buffer ?? null;
    if (nodeBuffer !== null) return nodeBuffer.byteLength(text) === text.length;
  }
  encoder ??= new TextEncoder();
  if (text.length > BULK_MAX) return encoder.encode(text).length === text.length;
  scratch ??= new Uint8Array(BULK_MAX * 3);
  return encoder.encodeInto(text, scratch).written === text.length;
}

/**
 * The UTF-8 octets of `text`, one char each (the form a header value must take). ASCII text is
 * returned as is; a lone surrogate becomes the octets of U+FFFD, as TextEncoder writes it.
 *
 * @example
 * ```ts
 * toByteString('é'); // '\u00c3\u00a9'
 * ```
 */
export function toByteString(text: string): string {
  return nonAsciiRegExp.test(text)
    ? unescape(encodeURIComponent(text.replace(loneSurrogateRegExp, '\ufffd')))
    : text;
}

/**
 * Reads a ByteString as UTF-8 when it is valid UTF-8, the way browsers send non-ASCII cookies;
 * anything else (ASCII, Unicode text, invalid sequences) is returned unchanged.
 *
 * @example
 * ```ts
 * fromByteString('\u00c3\u00a9'); // 'é'
 * ```
 */
export function fromByteString(text: string): string {
  // A char above 0xFF cannot be an octet: the string is already Unicode, not a ByteString.
  if (!nonAsciiRegExp.test(text) || /[^\x00-\xff]/.test(text)) return text;
  try {
    // escape() writes each octet as %XX; decodeURIComponent reads them as UTF-8 and throws on
    // anything invalid (overlong forms, surrogates, cut sequences), as a fatal TextDecoder does.
    return decodeURIComponent(escape(text));
  } catch {
    return text;
  }
}

/**
 * The number of octets `text` takes on the wire: a ByteString counts one per char, Unicode as UTF-8.
 *
 * @example
 * ```ts
 * byteLength('é'); // 2
 * ```
 */
export function byteLength(text: string): number {
  return /[^\x00-\xff]/.test(text) ? toByteString(text).length : text.length;
}
