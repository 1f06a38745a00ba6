/**
 * @module `parse` and `serialize` with the signatures of the `cookie` package (0.7 and 1.x), so a
 * project can swap `cookie` for shortbread without changing a call, and gain its checks.
 */

import { hasLoneSurrogate } from '../internal/byte-string.js';
import { parseCookie } from './cookie.js';
import { cookieError, LONE_SURROGATE } from './errors.js';
import { stringifySetCookie } from './set-cookie.js';
import type { Priority } from './types.js';

/** `cookie`'s default encoder, refusing a lone surrogate (its URIError) with a CookieError. */
function encodeComponent(value: string): string {
  if (hasLoneSurrogate(value)) {
    throw cookieError('ERR_COOKIE_VALUE_INVALID', 'cookie value', value, LONE_SURROGATE);
  }
  return encodeURIComponent(value);
}

/**
 * The options of `cookie.parse`.
 *
 * @example
 * ```ts
 * const options: ParseOptions = { decode: (value) => value };
 * ```
 */
export interface ParseOptions {
  /** Decodes each value (after surrounding quotes are removed). @default decodeURIComponent when valid */
  decode?: ((str: string) => string | undefined) | undefined;
}

/**
 * The options of `cookie.serialize`.
 *
 * @example
 * ```ts
 * const options: SerializeOptions = { httpOnly: true, maxAge: 60 * 60 * 24 * 7 };
 * ```
 */
export interface SerializeOptions {
  /** Encodes the value. @default encodeURIComponent */
  encode?: ((str: string) => string) | undefined;
  /** Max-Age in seconds (an integer). */
  maxAge?: number | undefined;
  /** Expires as a Date. */
  expires?: Date | undefined;
  domain?: string | undefined;
  path?: string | undefined;
  httpOnly?: boolean | undefined;
  secure?: boolean | undefined;
  partitioned?: boolean | undefined;
  priority?: Priority | 'Low' | 'Medium' | 'High' | undefined;
  /** `true` means Strict, as in `cookie`; `false` leaves the attribute out. */
  sameSite?: boolean | 'lax' | 'strict' | 'none' | 'Lax' | 'Strict' | 'None' | undefined;
}

/**
 * `cookie.parse(str, options)`: a `Cookie` header to a null-prototype record, first occurrence wins.
 *
 * @example
 * ```ts
 * import { parse } from 'shortbread';
 * parse('foo=bar; equation=E%3Dmc%5E2'); // { foo: 'bar', equation: 'E=mc^2' }
 * ```
 */
export function parse(str: string, options?: ParseOptions): Record<string, string | undefined> {
  const decode = options?.decode;
  return parseCookie(
    str,
    // `cookie` strips the quotes of a quoted value before its decode sees it, and nothing else.
    decode && { decode: (raw) => decode(/^".*"$/s.test(raw) ? raw.slice(1, -1) : raw) as string },
  );
}

/**
 * `cookie.serialize(name, value, options)`: one `Set-Cookie` value. Unlike `cookie`, it also refuses
 * what browsers drop (`SameSite=None` without Secure, prefix rules, oversize) with a `CookieError`.
 *
 * @example
 * ```ts
 * import { serialize } from 'shortbread';
 * serialize('foo', 'bar', { httpOnly: true, maxAge: 3600 }); // 'foo=bar; Max-Age=3600; HttpOnly'
 * ```
 */
export function serialize(name: string, value: string, options?: SerializeOptions): string {
  const sameSite =
    options?.sameSite === true
      ? 'strict'
      : options?.sameSite === false
        ? undefined
        : options?.sameSite;
  return stringifySetCookie(name, value, {
    encode: options?.encode ?? encodeComponent,
    maxAge: options?.maxAge,
    expires: options?.expires,
    domain: options?.domain,
    path: options?.path,
    httpOnly: options?.httpOnly,
    secure: options?.secure,
    partitioned: options?.partitioned,
    priority: options?.priority,
    sameSite,
  });
}
