/** @module Session ids: 256 random bits from the platform's CSPRNG, written as base64url. */
import { base64UrlEncode, isBase64UrlText } from '../internal/base64url.js';
import { randomBytes } from '../internal/hmac.js';

/** 32 bytes = 256 bits: guessing one live id out of a billion still takes ~2^226 tries. */
const ID_BYTES = 32;
/** base64url of 32 bytes, unpadded. */
const ID_LENGTH = 43;

/**
 * A new session id: 256 random bits (`crypto.getRandomValues`), base64url without padding (43
 * characters of `A-Z a-z 0-9 - _`, safe in a cookie and in a Redis key).
 *
 * @example
 * ```ts
 * newSessionId(); // 'q0Zb6l8y0rXw2Jt9xZ1hVg1b3sN4yE0aQ5d8fK2mP7c'
 * ```
 */
export function newSessionId(): string {
  return base64UrlEncode(randomBytes(ID_BYTES));
}

/**
 * Whether `text` has the shape of an id {@link newSessionId} makes (43 base64url characters whose
 * last one carries no stray bits). A linear scan; anything else is never looked up in a store.
 *
 * @example
 * ```ts
 * isSessionId(newSessionId()); // true
 * isSessionId('../../etc/passwd'); // false
 * ```
 */
export function isSessionId(text: string): boolean {
  if (text.length !== ID_LENGTH) return false;
  if (!isBase64UrlText(text)) return false;
  // 43 characters hold 258 bits; the last character's low 2 bits are padding and must be zero, so
  // each 32-byte id has exactly one spelling.
  const last = 'AEIMQUYcgkosw048'.indexOf(text.charAt(ID_LENGTH - 1));
  return last >= 0;
}
