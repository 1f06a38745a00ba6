/**
 * @module A one-cookie browser for session tests: sends the session cookie it holds, and applies
 * the Set-Cookie lines of each response the way a browser would (set, or delete on Max-Age=0).
 */
import { parseSetCookie } from '../../src/codec/set-cookie.js';

/** What one exchange returned, with the Set-Cookie lines for the session cookie picked out. */
export interface Exchange {
  readonly response: Response;
  readonly status: number;
  readonly text: string;
  /** The Set-Cookie lines for the session cookie (0 or 1). */
  readonly setCookie: readonly string[];
  readonly vary: string | null;
}

/**
 * A client with one cookie, for a Fetch handler called in-process or a base URL over HTTP.
 *
 * @example
 * ```ts
 * const client = new SessionClient((r) => app(r));
 * await client.get('/count');
 * client.cookie; // 'eyJ...'
 * ```
 */
export class SessionClient {
  /** The session cookie's value, or undefined when the browser has none. */
  cookie: string | undefined;
  readonly #send: (request: Request) => Promise<Response>;
  readonly #name: string;
  readonly #base: string;

  constructor(
    send: (request: Request) => Promise<Response>,
    options: { name?: string; base?: string } = {},
  ) {
    this.#send = send;
    this.#name = options.name ?? 'session';
    this.#base = options.base ?? 'http://shortbread.test';
  }

  /** GET `path` with the cookie (or with `cookieHeader` instead), applying what comes back. */
  async get(path: string, cookieHeader?: string): Promise<Exchange> {
    const headers = new Headers();
    const cookie =
      cookieHeader ?? (this.cookie === undefined ? undefined : `${this.#name}=${this.cookie}`);
    if (cookie !== undefined) headers.set('cookie', cookie);
    const response = await this.#send(new Request(`${this.#base}${path}`, { headers }));
    const setCookie = response.headers
      .getSetCookie()
      .filter((line) => line.startsWith(`${this.#name}=`));
    for (const line of setCookie) {
      const parsed = parseSetCookie(line);
      if (parsed === undefined) continue;
      const gone =
        (parsed.maxAge !== undefined && parsed.maxAge <= 0) ||
        (parsed.expires !== undefined && parsed.expires.getTime() <= Date.now());
      this.cookie = gone ? undefined : parsed.value;
    }
    return {
      response,
      status: response.status,
      text: await response.text(),
      setCookie,
      vary: response.headers.get('vary'),
    };
  }
}
