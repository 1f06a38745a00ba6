/**
 * @module Base64 as itsdangerous and Python's `binascii` write and read it: URL-safe without
 * padding on the way out, Python's lenient (non-validating) decoder on the way in.
 */

import { getNodeBuiltin } from './node-builtin.js';

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

interface NodeBufferModule {
  Buffer: {
    from(
      data: ArrayBufferLike,
      offset: number,
      length: number,
    ): { toString(enc: 'base64url'): string };
    from(text: string, encoding: 'base64url'): Uint8Array;
  };
}

/** Below this many bytes the JavaScript loop beats making a Buffer view. */
const NATIVE_MIN = 24;

/** A Buffer's bytes as a plain Uint8Array (a view, no copy), as the portable path returns. */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** node:buffer where it exists (its base64 runs in C++), else undefined. */
function nodeBuffer(): NodeBufferModule['Buffer'] | undefined {
  return getNodeBuiltin<NodeBufferModule>('node:buffer')?.Buffer;
}
const STD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** 0-63 for the standard alphabet, 255 for every other byte (Python's `table_a2b_base64`). */
const STD_TABLE = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) STD_TABLE[STD_ALPHABET.charCodeAt(i)] = i;
/** itsdangerous maps `-`→`+` and `_`→`/` before decoding, so both spellings are valid. */
const URL_TABLE = STD_TABLE.slice();
URL_TABLE[0x2d] = 62;
URL_TABLE[0x5f] = 63;

/**
 * CPython's non-strict `binascii.a2b_base64` over `text` followed by `extraPads` `=` characters,
 * with `table` mapping bytes to sextets. Characters above U+00FF count as invalid (skipped).
 */
function a2bBase64(text: string, table: Uint8Array, extraPads: number): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor(((text.length + extraPads) * 3) / 4) + 3);
  let length = 0;
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  const total = text.length + extraPads;
  for (let i = 0; i < total; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x3d;
    if (code === 0x3d /* = */) {
      // CPython binascii: "A pad sequence means we should not parse more input."
      if (quadPos >= 2 && quadPos + ++pads >= 4) return out.slice(0, length);
      continue;
    }
    const value = code < 256 ? (table[code] as number) : 255;
    if (value === 255) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        leftChar = value;
        break;
      case 1:
        quadPos = 2;
        out[length++] = (leftChar << 2) | (value >> 4);
        leftChar = value & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out[length++] = ((leftChar << 4) | (value >> 2)) & 0xff;
        leftChar = value & 0x03;
        break;
      default:
        quadPos = 0;
        out[length++] = ((leftChar << 6) | value) & 0xff;
        leftChar = 0;
    }
  }
  return quadPos === 0 ? out.slice(0, length) : undefined;
}

function encodeWith(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      alphabet[n >> 18] +
      (alphabet[(n >> 12) & 63] as string) +
      (alphabet[(n >> 6) & 63] as string) +
      (alphabet[n & 63] as string);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${alphabet[n >> 18]}${alphabet[(n >> 12) & 63]}${pad ? '==' : ''}`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${alphabet[n >> 18]}${alphabet[(n >> 12) & 63]}${alphabet[(n >> 6) & 63]}${pad ? '=' : ''}`;
  }
  return out;
}

/**
 * URL-safe base64 (`-` and `_`) with the trailing `=` removed: itsdangerous's `base64_encode`.
 *
 * @example
 * ```ts
 * base64UrlEncode(new Uint8Array([0xfb, 0xff])); // '-_8'
 * ```
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  const buffer = bytes.length >= NATIVE_MIN ? nodeBuffer() : undefined;
  // Node's encoder writes the same unpadded URL-safe text as the loop below.
  if (buffer)
    return buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
  return encodeWith(bytes, URL_ALPHABET, false);
}

/**
 * The bytes of `text` when it is exactly what {@link base64UrlEncode} writes (URL-safe alphabet,
 * no padding, unused low bits zero), else `undefined`: the strict reading a format of our own
 * (sealed tokens) wants, where every other spelling is a forgery.
 *
 * @example
 * ```ts
 * strictBase64UrlDecode('-_8'); // Uint8Array [0xfb, 0xff]
 * strictBase64UrlDecode('-_9'); // undefined: the same bytes, spelled another way
 * ```
 */
export function strictBase64UrlDecode(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const length = Math.floor((text.length * 3) / 4);
  if (!isCanonicalBase64Url(text, length)) return undefined;
  const buffer = nodeBuffer();
  if (buffer) return plain(buffer.from(text, 'base64url'));
  return a2bBase64(text, URL_TABLE, (4 - (text.length % 4)) % 4);
}

/**
 * Standard base64 (`+` and `/`) with `=` padding: Python's `b64encode`, used by Flask's bytes tag.
 *
 * @example
 * ```ts
 * base64Encode(new Uint8Array([0xfb, 0xff])); // '+/8='
 * ```
 */
export function base64Encode(bytes: Uint8Array): string {
  return encodeWith(bytes, STD_ALPHABET, true);
}

/**
 * Python's non-validating `binascii.a2b_base64` over the standard alphabet: bytes outside the
 * alphabet are skipped, a pad sequence after at least two data characters ends the input, and the
 * unused low bits of the last character are ignored. Returns `undefined` where Python raises
 * ("Incorrect padding", or one data character too many).
 *
 * @example
 * ```ts
 * pythonB64Decode('YQ=='); // Uint8Array [0x61]
 * ```
 */
export function pythonB64Decode(text: string): Uint8Array | undefined {
  return a2bBase64(text, STD_TABLE, 0);
}

/**
 * itsdangerous's `base64_decode`: drop non-ASCII characters, pad with `=` to a multiple of 4,
 * map `-`→`+` and `_`→`/`, then decode with Python's lenient decoder. So `+`, `/`, explicit padding
 * and a non-canonical last character are all accepted, as they are by Flask. Returns `undefined`
 * where itsdangerous raises `BadData`. One pass, no intermediate string.
 *
 * @example
 * ```ts
 * base64UrlDecode('-_8'); // Uint8Array [0xfb, 0xff]
 * ```
 */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  // want_bytes(string, "ascii", errors="ignore") drops non-ASCII *characters* before padding is
  // computed; a surrogate pair is one character to Python but two code units here.
  // The common case, what a signer writes: the URL-safe alphabet only, no padding. Python's
  // decoder and Node's give the same bytes for it (both ignore the last character's unused bits).
  const buffer = text.length >= NATIVE_MIN && text.length % 4 !== 1 ? nodeBuffer() : undefined;
  if (buffer && isBase64UrlText(text)) return plain(buffer.from(text, 'base64url'));
  let asciiLength = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) <= 0x7f) asciiLength++;
  // The decoder then skips the non-ASCII code units (table value 255), as if they were dropped.
  return a2bBase64(text, URL_TABLE, (4 - (asciiLength % 4)) % 4);
}

/** True when every char of `text` is in the base64url alphabet (`A-Z a-z 0-9 - _`). */
export function isBase64UrlText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok =
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      c === 0x2d ||
      c === 0x5f;
    if (!ok) return false;
  }
  return true;
}

/**
 * True when `text` is the one spelling {@link base64UrlEncode} gives for some `byteLength` bytes:
 * the exact unpadded length, only `A-Z a-z 0-9 - _`, and the unused low bits of the last character
 * zero. For such text, equal bytes means equal text, so a signature can be compared as written;
 * any other spelling that itsdangerous's lenient decoder accepts has to be decoded first.
 *
 * @example
 * ```ts
 * isCanonicalBase64Url('-_8', 2); // true
 * isCanonicalBase64Url('-_9', 2); // false: decodes to the same bytes, but is not what is written
 * ```
 */
export function isCanonicalBase64Url(text: string, byteLength: number): boolean {
  const length = Math.ceil((byteLength * 4) / 3);
  if (text.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f || c === 0x2b /* + */ || c === 0x2f /* / */ || (URL_TABLE[c] as number) === 255)
      return false;
  }
  if (length === 0) return true;
  const unusedBits = length * 6 - byteLength * 8;
  return ((URL_TABLE[text.charCodeAt(length - 1)] as number) & ((1 << unusedBits) - 1)) === 0;
}

/**
 * The big-endian number that unpadded URL-safe base64 of at most 8 characters (6 bytes) encodes,
 * read in place with no bytes made, or `undefined` for any other text (padding, the standard
 * alphabet's `+` and `/`, a length no encoder writes). The last character's unused bits are
 * ignored, as Python's decoder and Node's do. For itsdangerous timestamps, read on every request.
 *
 * @example
 * ```ts
 * decodeBase64UrlUint('ZVPxAA'); // 1700000000
 * decodeBase64UrlUint('ZVPx+A'); // undefined
 * ```
 */
export function decodeBase64UrlUint(text: string): number | undefined {
  if (text.length > 8 || text.length % 4 === 1) return undefined;
  let value = 0;
  let bits = 0;
  let pending = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code > 0x7f || code === 0x2b || code === 0x2f ? 255 : (URL_TABLE[code] as number);
    if (digit === 255) return undefined;
    pending = (pending << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      value = value * 256 + ((pending >> bits) & 0xff);
      pending &= (1 << bits) - 1;
    }
  }
  return value;
}
