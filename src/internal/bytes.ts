/** @module Byte helpers shared by the pure layers: UTF-8 both ways, concatenation, hex. */

const encoder = new TextEncoder();
// fatal: Python's `bytes.decode("utf-8")` raises on invalid bytes; ignoreBOM: it keeps a leading U+FEFF.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Encode text as UTF-8 (a lone surrogate becomes U+FFFD, as `TextEncoder` does).
 *
 * @example
 * ```ts
 * utf8Encode('é'); // Uint8Array [0xc3, 0xa9]
 * ```
 */
export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  // Short ASCII text (a small session's JSON, a cookie value) is its own UTF-8: a loop beats the
  // call into TextEncoder, which costs more than the copy below for a few dozen characters.
  if (text.length <= SHORT_ASCII) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) return encoder.encode(text);
      out[i] = code;
    }
    return out;
  }
  return encoder.encode(text);
}

/**
 * Up to this many characters, {@link utf8Encode} tries ASCII first: on Node 20, 55 ns against
 * TextEncoder's 370 for `{"count":41}` (decoding such bytes costs TextDecoder no more than a loop).
 */
const SHORT_ASCII = 64;

/**
 * Decode UTF-8 strictly, like Python's `bytes.decode("utf-8")`: invalid bytes give `undefined`
 * instead of U+FFFD, and a byte-order mark is kept as a character.
 *
 * @example
 * ```ts
 * utf8DecodeStrict(new Uint8Array([0xff])); // undefined
 * ```
 */
export function utf8DecodeStrict(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Text or bytes as bytes: text is UTF-8 encoded, bytes are returned as they are (not copied).
 *
 * @example
 * ```ts
 * toBytes('a'); // Uint8Array [0x61]
 * ```
 */
export function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? encoder.encode(value) : value;
}

/**
 * Join byte arrays into one new array.
 *
 * @example
 * ```ts
 * concatBytes(new Uint8Array([1]), new Uint8Array([2])); // Uint8Array [1, 2]
 * ```
 */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Lowercase hex of some bytes.
 *
 * @example
 * ```ts
 * bytesToHex(new Uint8Array([0, 255])); // '00ff'
 * ```
 */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * Bytes of a hex string (even length, 0-9 a-f A-F), or `undefined` when it is not hex.
 *
 * @example
 * ```ts
 * hexToBytes('00ff'); // Uint8Array [0, 255]
 * ```
 */
export function hexToBytes(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = hexValue(hex.charCodeAt(2 * i));
    const low = hexValue(hex.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  return -1;
}
