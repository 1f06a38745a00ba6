/** @module `keepRaw`: the `decode` option that leaves cookie values exactly as they were received. */

/**
 * Returns `value` unchanged: given as `decode` to the codec's parsers, values stay as sent (a jar
 * stores what a browser stores; identity checks and name scans need no decoding).
 *
 * @example
 * ```ts
 * parseSetCookie('a=%20b', { decode: keepRaw })?.value; // '%20b'
 * ```
 */
export function keepRaw(value: string): string {
  return value;
}
