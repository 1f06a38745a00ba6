/**
 * @module `flatString`: a copy of a string as one flat run of characters, for strings kept long and
 * compared often (a stored cookie's domain and path, a request host).
 */

/**
 * A copy of `text` as a flat string of its own. `URL#hostname`, `URL#pathname` and the codec's parsed
 * fields are slices of a larger string (V8 "sliced strings" from 13 characters on): keeping one keeps
 * the whole source alive, and V8 compares them with `===` several times slower than flat strings, which
 * a cookie read does once per stored cookie. Array `join` always builds a new flat string.
 *
 * @example
 * ```ts
 * const host = flatString(new URL('https://www.example.com/').hostname); // 'www.example.com'
 * ```
 */
export function flatString(text: string): string {
  return text.length < 2 ? text : text.split('').join('');
}
