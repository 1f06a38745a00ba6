/** @module `splitPair`: a cookie pair or attribute split at its first `=`, as a browser splits it. */

/**
 * Splits `name=value` at the first `=` and trims both; without `=`, the name is empty and the whole
 * text is the value (RFC 6265bis §5.6 steps 2-4).
 *
 * @example
 * ```ts
 * splitPair(' flavor = chocolate chip '); // ['flavor', 'chocolate chip']
 * splitPair('nameless'); // ['', 'nameless']
 * ```
 */
export function splitPair(text: string): [name: string, value: string] {
  const eq = text.indexOf('=');
  return [eq < 0 ? '' : text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
}
