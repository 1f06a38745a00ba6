/**
 * @module Conversions between JavaScript strings and HTTP "ByteStrings" (one char per octet, as
 * Fetch `Headers` and Node hold header values), so UTF-8 cookie bytes survive the trip.
 */

let encoder: TextEncoder | undefined;
let decoder: TextDecoder | undefined;

/** Non-ASCII test; a single character class, so it cannot backtrack. */
const nonAsciiRegExp = /[^\x00-\x7f]/;
/** A char above 0xFF cannot be an octet: the string is already Unicode, not a ByteString. */
const aboveLatin1RegExp = /[^\x00-\xff]/;

/** A surrogate half without its partner; each branch looks one char around, so it is linear. */
const loneSurrogateRegExp =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `text` holds a lone UTF-16 surrogate, which has no UTF-8 form (TextEncoder would write U+FFFD). */
export function hasLoneSurrogate(text: string): boolean {
  return !nonAsciiRegExp.test(text) ? false : loneSurrogateRegExp.test(text);
}

/** True when every char of `text` is 7-bit ASCII. */
export function isAscii(text: string): boolean {
  return !nonAsciiRegExp.test(text);
}

/** Longest text {@link isAsciiBulk} hands to `encodeInto` (its scratch buffer holds 3 octets a char). */
const BULK_MAX = 8192;
let scratch: Uint8Array | undefined;

/**
 * {@link isAscii} for long text (a whole header): `TextEncoder.encodeInto` writes one octet per ASCII
 * char and more for any other, at close to memcpy speed, several times faster than a regex that tests
 * char by char. Falls back to the regex above BULK_MAX chars.
 */
export function isAsciiBulk(text: string): boolean {
  if (text.length > BULK_MAX) return !nonAsciiRegExp.test(text);
  encoder ??= new TextEncoder();
  scratch ??= new Uint8Array(BULK_MAX * 3);
  return encoder.encodeInto(text, scratch).written === text.length;
}

/**
 * The UTF-8 octets of `text`, one char each (the form a header value must take).
 * ASCII text is returned as is.
 */
export function toByteString(text: string): string {
  if (!nonAsciiRegExp.test(text)) return text;
  encoder ??= new TextEncoder();
  const bytes = encoder.encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i] as number);
  return out;
}

/**
 * Reads a ByteString as UTF-8 when it is valid UTF-8, the way browsers send non-ASCII cookies;
 * anything else (ASCII, Unicode text, invalid sequences) is returned unchanged.
 */
export function fromByteString(text: string): string {
  if (!nonAsciiRegExp.test(text) || aboveLatin1RegExp.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return decoder.decode(bytes);
  } catch {
    return text;
  }
}

/** The number of octets `text` takes on the wire: a ByteString counts one per char, Unicode as UTF-8. */
export function byteLength(text: string): number {
  if (!aboveLatin1RegExp.test(text)) return text.length;
  encoder ??= new TextEncoder();
  return encoder.encode(text).length;
}
