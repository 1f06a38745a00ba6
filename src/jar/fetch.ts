/**
 * @module `fetchWithCookies`: wraps any Fetch API `fetch` with a {@link CookieJar}. It sends the
 * jar's cookies, stores every `Set-Cookie` (on every redirect hop), follows redirects itself with the
 * Fetch standard's rules, and passes each hop the SameSite context a browser would use.
 */
import type { CookieJar } from './cookie-jar.js';
import { siteOf } from './public-suffix.js';
import type { SameSiteContext } from './types.js';

/**
 * The `fetch` signature this module takes and returns.
 *
 * @example
 * ```ts
 * const f: FetchLike = globalThis.fetch;
 * ```
 */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Options of {@link fetchWithCookies}.
 *
 * @example
 * ```ts
 * fetchWithCookies(jar, fetch, { maxRedirects: 5, siteForCookies: 'https://app.example' });
 * ```
 */
export interface FetchWithCookiesOptions {
  /** Redirects followed before failing, as the Fetch standard's limit. @default 20 */
  maxRedirects?: number | undefined;
  /**
   * The site the requests are made from (the page that links or posts). Hops on another site are
   * cross-site. @default the site of each call's first URL (as when a user opens the URL directly)
   */
  siteForCookies?: string | URL | undefined;
  /**
   * True for top-level navigations (a cross-site GET still gets Lax cookies); false for subresource
   * requests (a cross-site request gets only SameSite=None cookies). @default true
   */
  topLevel?: boolean | undefined;
  /**
   * RFC 6265bis §5.2.1 makes a redirected request same-site only when every URL in its chain is;
   * Chromium 156 (and the default here) compares only the current URL with the initiating site, so a
   * bounce through another site and back still carries SameSite=Strict cookies. @default false
   */
  considerRedirectChain?: boolean | undefined;
  /** The clock for the jar. @default Date.now */
  now?: (() => number) | undefined;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
/** Fetch standard "request-body-header names": dropped when a redirect turns the request into GET. */
const bodyHeaders = [
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
  'content-length',
];

function siteString(site: string | URL): string {
  if (typeof site !== 'string') return siteOf(site);
  try {
    return siteOf(new URL(site));
  } catch {
    return site;
  }
}

/**
 * Returns a `fetch` that keeps cookies in `jar`. Redirects (unless `redirect: 'manual'` or `'error'`)
 * are followed here: 303, and 301/302 after POST, become GET without a body; 307/308 keep both. A
 * cross-origin hop drops `Authorization` and any `Cookie` the caller set; each hop gets only the jar's
 * cookies for its own URL. Each hop's SameSite context compares its URL with the initiating site,
 * as Chromium does (`considerRedirectChain` applies RFC 6265bis §5.2.1's whole-chain rule instead).
 *
 * @example
 * ```ts
 * import { CookieJar, fetchWithCookies } from 'shortbread/jar';
 * const jar = new CookieJar();
 * const fetchJar = fetchWithCookies(jar);
 * await fetchJar('https://example.com/login', { method: 'POST', body: form });
 * await fetchJar('https://example.com/account'); // sends the session cookie
 * ```
 */
export function fetchWithCookies(
  jar: CookieJar,
  fetchImpl: FetchLike = globalThis.fetch,
  options?: FetchWithCookiesOptions,
): FetchLike {
  const maxRedirects = options?.maxRedirects ?? 20;
  const topLevel = options?.topLevel !== false;
  const clock = options?.now ?? Date.now;
  const considerChain = options?.considerRedirectChain === true;

  return async (input, init) => {
    const first = new Request(input, init);
    const redirectMode = init?.redirect ?? (input instanceof Request ? input.redirect : 'follow');
    let url = new URL(first.url);
    let method = first.method;
    const headers = new Headers(first.headers);
    // The body is buffered once, so a 307/308 can send it again.
    let body: ArrayBuffer | undefined = first.body === null ? undefined : await first.arrayBuffer();
    const userCookie = headers.get('cookie');
    headers.delete('cookie');
    const initiator =
      options?.siteForCookies === undefined ? siteOf(url) : siteString(options.siteForCookies);
    let crossSite = false;
    let keepUserCookie = true;

    for (let hops = 0; ; hops++) {
      // RFC 6265bis §5.2: the same-site context of this hop. With `considerRedirectChain` a chain
      // that crossed sites stays cross-site (§5.2.1); Chromium looks at the current URL only.
      const hopCrossSite = siteOf(url) !== initiator;
      crossSite = considerChain ? crossSite || hopCrossSite : hopCrossSite;
      const context: SameSiteContext = !crossSite
        ? 'strict'
        : !topLevel
          ? 'none'
          : safeMethods.has(method)
            ? 'lax'
            : 'lax-allowing-unsafe';
      const jarOptions = { sameSiteContext: context, now: clock() };
      const fromJar = jar.getCookieHeader(url, jarOptions);
      const cookie = [keepUserCookie ? userCookie : null, fromJar]
        .filter((part): part is string => part !== null && part !== '')
        .join('; ');
      const hopHeaders = new Headers(headers);
      if (cookie !== '') hopHeaders.set('cookie', cookie);
      const requestInit: RequestInit = {
        method,
        headers: hopHeaders,
        redirect: 'manual',
        signal: first.signal,
      };
      if (body !== undefined) requestInit.body = body;
      const response = await fetchImpl(url, requestInit);
      jar.setFromResponse(url, response.headers, { sameSiteContext: context, now: clock() });

      const location = response.headers.get('location');
      if (!redirectStatuses.has(response.status) || location === null) return response;
      if (redirectMode === 'manual') return response;
      if (redirectMode === 'error') {
        throw new TypeError(`fetch failed: redirect to ${location} with redirect: "error"`);
      }
      if (hops >= maxRedirects) {
        throw new TypeError(`fetch failed: more than ${maxRedirects} redirects from ${first.url}`);
      }
      const next = new URL(location, url);
      // Fetch standard §4.4 step 12: 303 (except HEAD), and 301/302 after POST, become GET.
      if (
        (response.status === 303 && method !== 'GET' && method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && method === 'POST')
      ) {
        method = 'GET';
        body = undefined;
        for (const name of bodyHeaders) headers.delete(name);
      }
      // Fetch standard §4.4 step 13: credentials the caller set do not follow to another origin.
      if (next.origin !== url.origin) {
        headers.delete('authorization');
        headers.delete('proxy-authorization');
        keepUserCookie = false;
      }
      await response.body?.cancel();
      url = next;
    }
  };
}
