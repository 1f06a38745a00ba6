/**
 * @module Random bytes for nonces, drawn from the CSPRNG a page at a time: one
 * `getRandomValues` call per 4 KiB instead of one per 12-byte IV (a call costs as much as sealing
 * a small value). Every byte handed out is fresh CSPRNG output, handed out once; the page is
 * never reused.
 */

const PAGE = 4096;
let page = new Uint8Array(0);
let used = PAGE;

/**
 * `length` cryptographically strong random bytes, a new array the caller owns.
 *
 * @example
 * ```ts
 * randomBytes(12).length; // 12
 * ```
 */
export function randomBytes(length: number): Uint8Array {
  if (length > PAGE / 4) {
    const out = new Uint8Array(length);
    globalThis.crypto.getRandomValues(out);
    return out;
  }
  if (used + length > page.length) {
    page = new Uint8Array(PAGE);
    globalThis.crypto.getRandomValues(page);
    used = 0;
  }
  const out = page.slice(used, used + length);
  // Wipe what was handed out, so the page never holds a nonce someone else already has.
  page.fill(0, used, used + length);
  used += length;
  return out;
}
