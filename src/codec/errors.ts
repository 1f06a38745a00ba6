/**
 * @module The one error class of the codec and server layers, with a code for each rule.
 *
 * Section numbers (§) of RFC 6265bis are those of draft-ietf-httpbis-rfc6265bis-22.
 */

/**
 * Every rule a cookie we are asked to *send* can break. Received input never throws; only builders do.
 *
 * | code | rule |
 * | --- | --- |
 * | `ERR_COOKIE_NAME_INVALID` | name holds `;`, `=`, a control character, or is empty with a value holding `=` |
 * | `ERR_COOKIE_VALUE_INVALID` | value holds `;` or a control character (after encoding) |
 * | `ERR_COOKIE_TOO_LARGE` | name + value over 4096 bytes (RFC 6265bis §5.6 step 5) |
 * | `ERR_COOKIE_ATTRIBUTE_TOO_LARGE` | an attribute value over 1024 bytes (§5.6 attribute step 6) |
 * | `ERR_COOKIE_ATTRIBUTE_INVALID` | Domain, Path, Expires, Max-Age, SameSite or Priority is malformed |
 * | `ERR_COOKIE_SAMESITE_NONE_INSECURE` | `SameSite=None` without `Secure` |
 * | `ERR_COOKIE_PARTITIONED_INSECURE` | `Partitioned` without `Secure` |
 * | `ERR_COOKIE_PREFIX` | a `__Secure-` / `__Host-` name whose attributes break the prefix rules (§4.1.3) |
 * | `ERR_COOKIE_ENCODE` | a custom `encode` function did not return a string |
 */
export type CookieErrorCode =
  | 'ERR_COOKIE_NAME_INVALID'
  | 'ERR_COOKIE_VALUE_INVALID'
  | 'ERR_COOKIE_TOO_LARGE'
  | 'ERR_COOKIE_ATTRIBUTE_TOO_LARGE'
  | 'ERR_COOKIE_ATTRIBUTE_INVALID'
  | 'ERR_COOKIE_SAMESITE_NONE_INSECURE'
  | 'ERR_COOKIE_PARTITIONED_INSECURE'
  | 'ERR_COOKIE_PREFIX'
  | 'ERR_COOKIE_ENCODE';

/**
 * Thrown when shortbread is asked to send a cookie that no browser would keep, or that would inject
 * attributes. The message quotes the value, names the rule and says the fix.
 *
 * @example
 * ```ts
 * import { stringifySetCookie, isCookieError } from 'shortbread';
 * try {
 *   stringifySetCookie('a;b', '1');
 * } catch (error) {
 *   if (isCookieError(error)) console.log(error.code); // 'ERR_COOKIE_NAME_INVALID'
 * }
 * ```
 */
export class CookieError extends Error {
  override readonly name = 'CookieError' as const;
  /** Which rule was broken; stable across versions, safe to switch on. (Assigned, not a field: smaller.) */
  declare readonly code: CookieErrorCode;

  constructor(code: CookieErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * A value as an error message shows it, never throwing: quoted, a string (its first 40 chars), a
 * Date as its ISO instant (also from another realm) or "Invalid Date", any other object by its tag
 * (its own toString could throw); anything else, such as `1.5`, as `String` writes it.
 */
function show(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  // A primitive other than a string (bigint, boolean, number, symbol, undefined) and null print as
  // String writes them; only objects and functions need the care below.
  if (value === null || (typeof value !== 'object' && typeof value !== 'function'))
    return String(value);
  let shown: string;
  try {
    // Throws a TypeError for what is not a Date, a RangeError for an invalid one.
    shown = new Date(Date.prototype.getTime.call(value)).toISOString();
  } catch (error) {
    shown = error instanceof RangeError ? 'Invalid Date' : Object.prototype.toString.call(value);
  }
  return show(shown);
}

/**
 * Builds the CookieError of a broken rule with the message every builder uses:
 * `<what> is invalid: <value> (<rule>; <fix>)`, the value shown quoted (see above). One template for
 * every message keeps them alike and the codec small.
 *
 * @example
 * ```ts
 * cookieError('ERR_COOKIE_NAME_INVALID', 'cookie name', 'a;b', 'no ";" "=" or control characters; rename the cookie');
 * // CookieError: cookie name is invalid: "a;b" (no ";" "=" or control characters; rename the cookie)
 * ```
 */
export function cookieError(
  code: CookieErrorCode,
  what: string,
  value: unknown,
  why: string,
): CookieError {
  return new CookieError(code, `${what} is invalid: ${show(value)} (${why})`);
}

/** Why a value with a lone surrogate is refused, and the fix: shared by every encoder. */
export const LONE_SURROGATE = 'a lone UTF-16 surrogate has no UTF-8 form; remove it';

/**
 * True when `value` is a {@link CookieError}, also across realms (a second copy of shortbread, an
 * iframe, a worker), where `instanceof` fails.
 *
 * @example
 * ```ts
 * import { isCookieError } from 'shortbread';
 * isCookieError(new Error('x')); // false
 * ```
 */
export function isCookieError(value: unknown): value is CookieError {
  return (
    value instanceof CookieError ||
    (value instanceof Error &&
      value.name === 'CookieError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
