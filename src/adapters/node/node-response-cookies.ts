/**
 * @module `responseCookiesOf`: a {@link ResponseCookies} kept in step with a Node response's
 * `Set-Cookie` header, so shortbread's cookies and anyone else's end up side by side.
 */
import type { ServerResponse } from 'node:http';
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

interface Mirror {
  readonly headers: Headers;
  readonly cookies: ResponseCookies;
  /** The array last handed to `res.setHeader`, to see whether someone changed it since. */
  lines: readonly string[];
}

const mirrors = new WeakMap<ServerResponse, Mirror>();

/**
 * Runs `change` on a {@link ResponseCookies} that holds the response's current `Set-Cookie` lines,
 * then writes them all back as an array (one header line each). Lines set by other code are kept,
 * and a cookie of the same name, domain and path replaces the earlier one, as on a Fetch response.
 *
 * @example
 * ```ts
 * editCookies(res, (cookies) => cookies.set('a', '1'));
 * ```
 */
export function editCookies(res: ServerResponse, change: (cookies: ResponseCookies) => void): void {
  const current = linesOf(res.getHeader('set-cookie'));
  let mirror = mirrors.get(res);
  if (mirror === undefined || !sameLines(mirror.lines, current)) {
    const headers = new Headers();
    for (const line of current) headers.append('set-cookie', line);
    mirror = { headers, cookies: new ResponseCookies(headers), lines: current };
    mirrors.set(res, mirror);
  }
  change(mirror.cookies);
  const lines = mirror.headers.getSetCookie();
  res.setHeader('set-cookie', lines);
  // A copy: appendHeader pushes onto the array it was given, which must not go unseen.
  mirror.lines = lines.slice();
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
): Omit<T, 'secure' | 'trustProxy'> & { secure?: boolean | undefined } {
  if (options === undefined) return {} as Omit<T, 'secure' | 'trustProxy'>;
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

function linesOf(value: number | string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value as readonly string[];
  return [String(value)];
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
