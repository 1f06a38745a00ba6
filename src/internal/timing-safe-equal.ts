/** @module Constant-time comparison of two byte strings or two texts, for MACs and other secrets. */

/**
 * True when `a` and `b` hold the same bytes. The time taken depends only on the lengths, never on
 * where the first difference is: every byte is read and the differences are OR-ed together, so an
 * attacker cannot learn a valid MAC byte by byte from response times. (String `===` stops at the
 * first differing character.) Lengths are not secret (a MAC's length is public), so a length
 * mismatch returns early.
 *
 * @example
 * ```ts
 * timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])); // true
 * ```
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) {
    difference |= (a[i] as number) ^ (b[i] as number);
  }
  return difference === 0;
}

/**
 * {@link timingSafeEqual} for text, such as a signature in its base64url form: every UTF-16 code
 * unit of both is read and the differences OR-ed together, so the time depends on the lengths
 * only. It saves decoding a signature that can only be spelled one way (see `isCanonicalBase64Url`).
 *
 * @example
 * ```ts
 * timingSafeEqualText('abc', 'abc'); // true
 * ```
 */
export function timingSafeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) {
    difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  }
  return difference === 0;
}
