/** @module `makeResponse`: Flask's `make_response`, giving a real Fetch `Response` with cookie methods. */
import {
  type DeleteCookieOptions,
  type ResponseCookieOptions,
  ResponseCookies,
  type ResponseCookiesOptions,
} from './response-cookies.js';

/**
 * What {@link makeResponse} turns into a response body: text, bytes, a stream, anything `Response`
 * takes (`Blob`, `FormData`, `URLSearchParams`), an existing `Response`, or a plain object or array
 * (sent as JSON).
 *
 * @example
 * ```ts
 * const body: MakeResponseBody = { flavor: 'chocolate chip' };
 * ```
 */
export type MakeResponseBody =
  | string
  | ArrayBuffer
  | ArrayBufferView
  | ReadableStream<Uint8Array>
  | Blob
  | FormData
  | URLSearchParams
  | Response
  | JsonObject
  | readonly unknown[]
  | null
  | undefined;

/**
 * A plain object sent as JSON by {@link makeResponse}.
 *
 * @example
 * ```ts
 * const payload: JsonObject = { cookies: { a: '1' } };
 * ```
 */
export interface JsonObject {
  readonly [key: string]: unknown;
}

/**
 * The second argument of {@link makeResponse}: a status code, or a `ResponseInit` plus the cookie
 * defaults of the response's {@link ResponseCookies}.
 *
 * @example
 * ```ts
 * const init: MakeResponseInit = { status: 201, headers: { 'x-flavor': 'dark' }, cookieDefaults: { secure: true } };
 * ```
 */
export type MakeResponseInit = number | CookieResponseInit;

/**
 * `ResponseInit` plus the defaults every cookie set on this response starts from.
 *
 * @example
 * ```ts
 * const init: CookieResponseInit = { status: 200, cookieDefaults: { httpOnly: true } };
 * ```
 */
export interface CookieResponseInit extends ResponseInit {
  /** Merged under each `setCookie` call; see {@link ResponseCookiesOptions}. */
  cookieDefaults?: ResponseCookiesOptions | undefined;
}

/** Statuses that carry no body (Fetch's null body status); Werkzeug sends none for them either. */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/** Runs of characters a header value cannot carry as text; one class, no backtracking. */
const NON_ASCII = /[^\x00-\x7f]+/g;

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json';

/**
 * A standard `Response` (`instanceof Response` holds, any Fetch-based server sends it as is) with
 * Flask's cookie methods. Made by {@link makeResponse}.
 *
 * @example
 * ```ts
 * const response = new CookieResponse('Cookies', { headers: { 'content-type': 'text/plain' } });
 * response.setCookie('chewy', 'yes');
 * response.headers.getSetCookie(); // ['chewy=yes; Path=/']
 * ```
 */
export class CookieResponse extends Response {
  readonly #defaults: ResponseCookiesOptions | undefined;
  #cookies: ResponseCookies | undefined;

  /**
   * @example
   * ```ts
   * new CookieResponse(null, { status: 204, cookieDefaults: { secure: true } });
   * ```
   */
  constructor(body?: BodyInit | null, init?: CookieResponseInit) {
    super(body, init === undefined ? undefined : withoutCookieDefaults(init));
    this.#defaults = init?.cookieDefaults;
  }

  /**
   * The cookies this response sets, over its headers (created on first use).
   *
   * @example
   * ```ts
   * response.cookies.get('flavor')?.maxAge; // 30
   * ```
   */
  get cookies(): ResponseCookies {
    this.#cookies ??= new ResponseCookies(this.headers, this.#defaults);
    return this.#cookies;
  }

  /**
   * Flask's `response.set_cookie(key, value='', ...)`: adds a `Set-Cookie` header with Path `/` and
   * `Expires` next to `Max-Age`, unless told otherwise. Returns the response, for chaining.
   *
   * @example
   * ```ts
   * makeResponse('Cookies').setCookie('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' });
   * ```
   */
  setCookie(name: string, value = '', options?: ResponseCookieOptions): this {
    this.cookies.set(name, value, options);
    return this;
  }

  /**
   * Flask's `response.delete_cookie(key, path='/', domain=None, ...)`: an expired, empty cookie with
   * the same path and domain. Returns the response, for chaining.
   *
   * @example
   * ```ts
   * makeResponse('Bye').deleteCookie('flavor', { path: '/cookies' });
   * ```
   */
  deleteCookie(name: string, options?: DeleteCookieOptions): this {
    this.cookies.delete(name, options);
    return this;
  }

  /**
   * `Response.json` that gives a `CookieResponse` (the inherited one gives a plain `Response`).
   *
   * @example
   * ```ts
   * CookieResponse.json({ ok: true }, { status: 201 }).setCookie('seen', 'yes');
   * ```
   */
  static override json(data: unknown, init?: CookieResponseInit): CookieResponse {
    const plain = Response.json(data, init === undefined ? undefined : withoutCookieDefaults(init));
    return new CookieResponse(plain.body, {
      status: plain.status,
      statusText: plain.statusText,
      headers: plain.headers,
      cookieDefaults: init?.cookieDefaults,
    });
  }

  /**
   * Flask's `redirect(location, code=302)`, with headers you can still set cookies on (the headers of
   * `Response.redirect` are immutable, so a login that sets a cookie and redirects cannot use it). A
   * relative location is kept relative; characters outside ASCII are percent-encoded as UTF-8.
   * Throws `RangeError` for a status that is not a redirect.
   *
   * @example
   * ```ts
   * return CookieResponse.redirect('/account').setCookie('session', token, { httpOnly: true });
   * ```
   */
  static override redirect(url: string | URL, status = 302): CookieResponse {
    if (!REDIRECT_STATUS.has(status)) {
      throw new RangeError(
        `redirect status is invalid: ${JSON.stringify(status)} (a redirect is 301, 302, 303, 307 or 308; use one of those)`,
      );
    }
    const location =
      typeof url === 'string' ? url.replace(NON_ASCII, encodeURIComponent) : url.href;
    return new CookieResponse(null, { status, headers: { location } });
  }

  /**
   * A copy that is still a `CookieResponse` (the inherited `clone` would give a plain `Response`).
   *
   * @example
   * ```ts
   * const copy = response.clone();
   * copy.setCookie('a', '1'); // does not touch `response`
   * ```
   */
  override clone(): CookieResponse {
    const copy = super.clone();
    return new CookieResponse(copy.body, {
      status: copy.status,
      statusText: copy.statusText,
      headers: copy.headers,
      cookieDefaults: this.#defaults,
    });
  }
}

/**
 * Flask's `make_response`: a real `Response` with `setCookie`, `deleteCookie` and `cookies`.
 *
 * - a string is sent as `text/html; charset=utf-8`, as Flask does; so are bytes and streams;
 * - a plain object or array is sent as JSON (`application/json`);
 * - `Blob`, `FormData` and `URLSearchParams` keep the content type `Response` gives them;
 * - an existing `Response` is copied: status, status text, headers (every `Set-Cookie` kept) and body
 *   (the body stream moves to the new response, so read the result, not the original); one from
 *   `fetch()` loses `Content-Encoding` and `Content-Length`, as fetch already decompressed its body;
 * - `init` is a status code or a `ResponseInit`; its headers replace those of a copied `Response`
 *   (`Set-Cookie` lines are added), and a `Content-Type` given there wins;
 * - for 101, 103, 204, 205 and 304 the body is dropped, as Werkzeug drops it.
 *
 * Throws `TypeError` for a body it cannot send (a number, a class instance), as Flask does.
 *
 * @example
 * ```ts
 * import { makeResponse } from 'shortbread';
 *
 * const response = makeResponse('Cookies');
 * response.setCookie('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' });
 * return response; // a Response: return it from any Fetch handler
 *
 * makeResponse({ ok: true }, 201).headers.get('content-type'); // 'application/json'
 * ```
 */
export function makeResponse(body?: MakeResponseBody, init?: MakeResponseInit): CookieResponse {
  const options: CookieResponseInit = typeof init === 'number' ? { status: init } : { ...init };
  const headers = new Headers();
  let payload: BodyInit | null;
  let contentType: string | undefined;

  if (body instanceof Response) {
    // A Response from fetch() carries a body fetch already decompressed, under the Content-Encoding
    // and Content-Length of the compressed bytes; the copy drops both so it describes its own body.
    const decoded = body.type === 'basic' || body.type === 'cors';
    for (const [name, value] of body.headers) {
      if (name === 'set-cookie') continue;
      if (decoded && (name === 'content-encoding' || name === 'content-length')) continue;
      headers.set(name, value);
    }
    for (const line of body.headers.getSetCookie()) headers.append('set-cookie', line);
    options.status ??= body.status;
    if (options.statusText === undefined && options.status === body.status) {
      options.statusText = body.statusText;
    }
    payload = body.body;
  } else if (body === undefined || body === null) {
    payload = null;
    contentType = HTML;
  } else if (typeof body === 'string') {
    payload = body;
    contentType = HTML;
  } else if (
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof ReadableStream
  ) {
    payload = body as BodyInit;
    contentType = HTML;
  } else if (body instanceof Blob || body instanceof FormData || body instanceof URLSearchParams) {
    payload = body;
  } else if (Array.isArray(body) || isPlainObject(body)) {
    payload = JSON.stringify(body);
    contentType = JSON_TYPE;
  } else {
    throw new TypeError(
      `response body is invalid: ${describe(body)} (makeResponse takes a string, bytes, a stream, a Response, or a plain object or array; convert it to one of these)`,
    );
  }

  if (options.headers !== undefined) {
    for (const [name, value] of new Headers(options.headers)) {
      if (name === 'set-cookie') continue;
      headers.set(name, value);
    }
    for (const line of new Headers(options.headers).getSetCookie()) {
      headers.append('set-cookie', line);
    }
  }
  if (contentType !== undefined && !headers.has('content-type')) {
    headers.set('content-type', contentType);
  }
  options.headers = headers;

  if (NULL_BODY_STATUS.has(options.status ?? 200)) {
    // Fetch refuses a body with these statuses; Werkzeug sends none either.
    if (payload instanceof ReadableStream) void payload.cancel().catch(ignore);
    payload = null;
  }
  return new CookieResponse(payload, options);
}

function withoutCookieDefaults(init: CookieResponseInit): ResponseInit {
  if (!('cookieDefaults' in init)) return init;
  const { cookieDefaults: _, ...rest } = init;
  return rest;
}

function isPlainObject(value: object): value is JsonObject {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  }
  return `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
}

function ignore(): void {}
