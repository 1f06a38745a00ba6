/**
 * @module Conversions between JavaScript strings and HTTP "ByteStrings" (one char per octet, as
 * Fetch `Headers` and Node hold header values), so UTF-8 cookie bytes survive the trip.
 */

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

/** Node's or Bun's Buffer, false where there is none; undefined until the first call. */
let nodeBuffer: NodeBuffer | false | undefined;
let encoder: TextEncoder | undefined;
/** Room for the UTF-8 form of SHORT_MAX chars (3 octets at most each), allocated at the first call. */
let scratch: Uint8Array | undefined;
const SHORT_MAX = 8192;

/**
 * True when `text` is all 7-bit ASCII, as fast as the runtime allows (a parser's gate to its fast
 * path): Node's and Bun's `Buffer.byteLength` counts UTF-8 octets without writing them; elsewhere
 * `TextEncoder` writes one octet per ASCII char and more for any other, into scratch space, so a
 * text over 8192 chars (longer than a request header) answers false there. Both run at close to
 * memcpy speed, several times faster than a regex that tests char by char. `Buffer` is looked up on
 * the global at call time, never imported.
 *
 * @example
 * ```ts
 * isAsciiFast('a=1'); // true
 * isAsciiFast('é'); // false
 * ```
 */
export function isAsciiFast(text: string): boolean {
  // Node's global Buffer is a getter: read once, at the first call.
  nodeBuffer ??= (globalThis as { Buffer?: NodeBuffer }).Buffer || false;
  if (nodeBuffer) return nodeBuffer.byteLength(text) === text.length;
  if (text.length > SHORT_MAX) return false;
  encoder ??= new TextEncoder();
  scratch ??= new Uint8Array(3 * SHORT_MAX);
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
  // Some octet above 0x7F, and no char above 0xFF (which cannot be an octet: such a string is
  // already Unicode). ASCII text, the common case, fails the first test in one pass.
  if (/[\x80-\xff]/.test(text) && !/[^\x00-\xff]/.test(text)) {
    try {
      // escape() writes each octet as %XX; decodeURIComponent reads them as UTF-8 and throws on
      // anything invalid (overlong forms, surrogates, cut sequences), as a fatal TextDecoder does.
      return decodeURIComponent(escape(text));
    } catch {}
  }
  return text;
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
