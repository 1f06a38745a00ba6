/**
 * @module `asyncCookies`: the same API as `cookies`, returning promises, over the Cookie Store API
 * where the browser has it and over `document.cookie` where it does not.
 */

import { encodeBrowserValue } from './browser-value.js';
import type {
  BrowserCookieOptions,
  BrowserCookies,
  CookieDocument,
  RemoveCookieOptions,
} from './cookies.js';
import {
  createCookies,
  expiryTime,
  parseDocumentCookie,
  serializeBrowserCookie,
} from './cookies.js';

/**
 * {@link BrowserCookies} with promises: what a Cookie Store API backend can offer.
 *
 * @example
 * ```ts
 * import { asyncCookies } from 'shortbread/browser';
 * await asyncCookies.set('flavor', 'chocolate chip', { maxAge: 30 });
 * await asyncCookies.get('flavor'); // 'chocolate chip'
 * ```
 */
export interface AsyncBrowserCookies {
  get(name: string): Promise<string | undefined>;
  getAll(): Promise<Record<string, string>>;
  set(name: string, value: string, options?: BrowserCookieOptions): Promise<void>;
  remove(name: string, options?: RemoveCookieOptions): Promise<void>;
}

/**
 * The parts of the Cookie Store API used here (`window.cookieStore`).
 *
 * @example
 * ```ts
 * const store: CookieStoreLike | undefined = globalThis.cookieStore;
 * ```
 */
export type CookieStoreLike = Pick<CookieStore, 'getAll' | 'set' | 'delete'>;

/**
 * Cookies behind promises: over the Cookie Store API when `store` is given or the browser has
 * `cookieStore`, else over `doc` (default `document`). Values are encoded and checked as `cookies`
 * does, so each reads what the other wrote. Two rules of the Cookie Store API remain: every cookie it
 * writes is `Secure` (it exists only on secure origins and localhost), and without `sameSite` we ask
 * for `lax`, the default `document.cookie` gets, instead of the API's own `strict`.
 *
 * @example
 * ```ts
 * import { createAsyncCookies } from 'shortbread/browser';
 * const jar = createAsyncCookies();
 * await jar.set('theme', 'dark', { expires: 365 });
 * ```
 */
export function createAsyncCookies(
  store: CookieStoreLike | undefined = (globalThis as { cookieStore?: CookieStoreLike })
    .cookieStore,
  doc?: CookieDocument,
): AsyncBrowserCookies {
  // No Cookie Store API: the same calls over `document.cookie`, their results in promises.
  const sync = createCookies(doc);
  // The store lists cookies in `document.cookie` order and, like it, holds no ";" in a name or value:
  // read its list as that string, so the first of a name wins and each value decodes the same way.
  const getAll = async (): Promise<Record<string, string>> =>
    store
      ? parseDocumentCookie((await store.getAll()).map((c) => `${c.name}=${c.value}`).join(';'))
      : sync.getAll();
  const set = async (name: string, value: string, options: BrowserCookieOptions = {}) => {
    if (!store) return sync.set(name, value, options);
    // The checks and encoding of a `document.cookie` write; the store takes the parts.
    serializeBrowserCookie(name, value, options);
    const { path = '/', domain = null, partitioned = false, maxAge, expires } = options;
    const now = options.now ?? Date.now();
    const at =
      maxAge !== undefined
        ? now + maxAge * 1000
        : expires !== undefined
          ? expiryTime(expires, now)
          : null;
    const where = { name, path, domain, partitioned };
    // A past expiry deletes, as `Max-Age=0` does.
    if (at !== null && at <= now) return store.delete(where);
    return store.set({
      ...where,
      value: encodeBrowserValue(String(value)),
      expires: at,
      // The Cookie Store API defaults to Strict; `document.cookie` leaves it to the browser (Lax).
      sameSite: (options.sameSite?.toLowerCase() ?? 'lax') as CookieSameSite,
    });
  };
  return {
    get: async (name) => (await getAll())[name],
    getAll,
    set,
    remove: (name, options) => set(name, '', { ...options, maxAge: 0 }),
  };
}

/**
 * The page's cookies behind promises, over `cookieStore` where it exists.
 *
 * @example
 * ```ts
 * import { asyncCookies } from 'shortbread/browser';
 * const all = await asyncCookies.getAll();
 * ```
 */
export const asyncCookies: AsyncBrowserCookies = /* @__PURE__ */ createAsyncCookies();
