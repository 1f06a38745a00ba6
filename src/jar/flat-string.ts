/**
 * @module `flatString`: a copy of a string as one flat run of characters, for strings kept long and
 * compared often (a stored cookie's domain and path, a request host).
 */

/**
 * A copy of `text` as a flat string of its own. `URL#hostname`, `URL#pathname` and the codec's parsed
 * fields are slices of a larger string (V8 "sliced strings" from 13 characters on): keeping one keeps
 * the whole source alive, and V8 compares them with `===` several times slower than flat strings, which
 * a cookie read does once per stored cookie. Most ways of copying a string hand the same slice back
 * (`concat`, `join` of one element, `slice` of the whole); a JSON round trip always builds a new flat
 * string, in linear time, and gives back exactly the same code units (JSON.stringify escapes lone
 * surrogates since ES2019, JSON.parse restores them).
 *
 * @example
 * ```ts
 * const host = flatString(new URL('https://www.example.com/').hostname); // 'www.example.com'
 * ```
 */
export function flatString(text: string): string {
  return text.length < 2 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
