/**
 * @module How server-side stores write session values: Flask's tagged JSON (the cookie store's
 * format), so every store gives back the same types (`Date`, `Uint8Array`, `bigint`, `PyTuple`...).
 */
import { dumpsTaggedJson, loadsTaggedJson } from '../signing/tagged-json.js';
import type { SessionData, SessionValue } from './store.js';

/**
 * One value as text. Throws `TypeError` for a value a session cannot hold (a function, a class
 * instance, a circular structure).
 *
 * @example
 * ```ts
 * encodeValue(new Date(0)); // '{" d":"Thu, 01 Jan 1970 00:00:00 GMT"}'
 * ```
 */
export function encodeValue(value: SessionValue): string {
  return dumpsTaggedJson(value);
}

/**
 * One value back from its text. Throws `SyntaxError` (or `TypeError` for a malformed tag) when the
 * text was not written by {@link encodeValue}.
 *
 * @example
 * ```ts
 * decodeValue('[1,2]'); // [1, 2]
 * ```
 */
export function decodeValue(text: string): SessionValue {
  return loadsTaggedJson(text);
}

/**
 * A whole session as text (a tagged-JSON object).
 *
 * @example
 * ```ts
 * encodeData({ a: 1 }); // '{"a":1}'
 * ```
 */
export function encodeData(data: SessionData): string {
  return dumpsTaggedJson(data);
}

/**
 * A whole session back from {@link encodeData}'s text, as a null-prototype record. Throws when the
 * text is not a tagged-JSON object.
 *
 * @example
 * ```ts
 * decodeData('{"a":1}'); // { a: 1 } (null prototype)
 * ```
 */
export function decodeData(text: string): SessionData {
  const value = loadsTaggedJson(text);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== null) {
    throw new TypeError(`session record is not an object: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return value as SessionData;
}
