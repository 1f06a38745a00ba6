/**
 * @module `editCookies`: a {@link ResponseCookies} kept in step with a Node response's
 * `Set-Cookie` header, so shortbread's cookies and anyone else's end up side by side.
 */
import type { ServerResponse } from 'node:http';
import { editSetCookie } from '../../node-bridge/edit-set-cookie.js';
import {
  type DeleteCookieOptions,
  type ResponseCookieOptions,
  ResponseCookies,
} from '../../server/response-cookies.js';
import { isSecureRequest } from './is-secure-request.js';

/**
 * `secure` as the adapters take it: `true`, `false`, or `'auto'` for "when the request came over
 * HTTPS" (see {@link isSecureRequest}).
 *
 * @example
 * ```ts
 * const secure: SecureOption = 'auto';
 * ```
 */
export type SecureOption = boolean | 'auto';

/**
 * Options of `setCookie` on Node: every option of {@link ResponseCookies.set} (`maxAge` in seconds,
 * as Flask), with `secure: 'auto'` allowed, and `trustProxy` for how `'auto'` decides.
 *
 * @example
 * ```ts
 * const options: NodeCookieOptions = { maxAge: 3600, httpOnly: true, secure: 'auto', trustProxy: true };
 * ```
 */
export interface NodeCookieOptions extends Omit<ResponseCookieOptions, 'secure'> {
  secure?: SecureOption | undefined;
  /** `'auto'` believes `X-Forwarded-Proto`. @default false */
  trustProxy?: boolean | undefined;
}

/**
 * Options of `deleteCookie` on Node: {@link DeleteCookieOptions} with `secure: 'auto'` allowed.
 *
 * @example
 * ```ts
 * const options: NodeDeleteCookieOptions = { path: '/cookies', secure: 'auto' };
 * ```
 */
export interface NodeDeleteCookieOptions extends Omit<DeleteCookieOptions, 'secure'> {
  secure?: SecureOption | undefined;
  /** `'auto'` believes `X-Forwarded-Proto`. @default false */
  trustProxy?: boolean | undefined;
}

/** The key of this adapter's editor on a response (see `editSetCookie`). */
const EDITOR = Symbol('shortbread.node.responseCookies');

function createCookies(lines: string[]): ResponseCookies {
  return new ResponseCookies(lines);
}

/**
 * Runs `change` on a {@link ResponseCookies} over the response's `Set-Cookie` lines, kept per
 * response on the array Node holds (see `editSetCookie`). Lines set by other code are kept, and a
 * cookie of the same name, domain and path replaces the earlier one, as on a Fetch response.
 *
 * @example
 * ```ts
 * editCookies(res, (cookies) => cookies.set('a', '1'));
 * ```
 */
export function editCookies(res: ServerResponse, change: (cookies: ResponseCookies) => void): void {
  editSetCookie(res, res, EDITOR, createCookies, change);
}

/**
 * The options of one call with `secure: 'auto'` resolved against the response's request, and
 * `trustProxy` taken out (it is not a cookie attribute).
 *
 * @example
 * ```ts
 * resolveSecure(res, { secure: 'auto' }); // { secure: true } over HTTPS
 * ```
 */
export function resolveSecure<
  T extends { secure?: SecureOption | undefined; trustProxy?: boolean | undefined },
>(
  res: ServerResponse,
  options: T | undefined,
): (Omit<T, 'secure' | 'trustProxy'> & { secure?: boolean | undefined }) | undefined {
  // No options: none to pass on, so the cookie takes the defaults as they are (no merge).
  if (options === undefined) return undefined;
  // The common case passes through untouched: no copy on the hot path.
  if (options.secure !== 'auto' && options.trustProxy === undefined) {
    return options as Omit<T, 'secure' | 'trustProxy'> & { secure?: boolean | undefined };
  }
  const { secure, trustProxy, ...rest } = options;
  if (secure === 'auto') {
    const req = res.req;
    return { ...rest, secure: req !== undefined && isSecureRequest(req, { trustProxy }) };
  }
  return secure === undefined ? rest : { ...rest, secure };
}
