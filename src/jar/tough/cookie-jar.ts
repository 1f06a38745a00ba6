/**
 * @module tough-cookie 6's `CookieJar` API (callback, promise and `*Sync` forms) over shortbread's
 * Chromium-like `CookieJar`, so fetch-cookie, axios-cookiejar-support, http-cookie-agent and code
 * written for tough-cookie store and send cookies as a browser does. Only the jar's public API is
 * used: any `JarStore` (memory, SQLite) works underneath.
 */
import { CookieJar, type CookieJarOptions } from '../cookie-jar.js';
import { domainMatch } from '../domain-match.js';
import {
  fromToughCookieJson,
  type ToughCookieJson,
  toToughCookieJson,
} from '../formats/tough-cookie-json.js';
import type { JarStore } from '../stores/jar-store.js';
import type { JarCookie, JarRequestOptions, SameSiteContext } from '../types.js';
import { settle, type ToughCallback } from './callback.js';
import { ToughCookie, toughCookieOf } from './cookie.js';
import { ToughJarError, toughMessage } from './errors.js';

/**
 * Options of the facade's constructor: tough-cookie's, where shortbread can honour them. The rules
 * tough-cookie lets you switch off (public suffixes, Secure from insecure origins) are always on,
 * as in browsers; so they only accept `true`.
 *
 * @example
 * ```ts
 * const options: ToughCookieJarOptions = { prefixSecurity: 'strict', limits: false };
 * ```
 */
export interface ToughCookieJarOptions {
  /** `'silent'` ignores a cookie that breaks its `__Secure-`/`__Host-` prefix; `'strict'` errors. @default 'silent' */
  prefixSecurity?: 'silent' | 'strict' | undefined;
  /** Accepted for compatibility: shortbread always parses as a browser (nameless cookies included). */
  looseMode?: boolean | undefined;
  rejectPublicSuffixes?: true | undefined;
  allowSpecialUseDomain?: true | undefined;
  allowSecureOnLocal?: true | undefined;
  enforceSecureOriginOnStorage?: true | undefined;
  /** shortbread: Chromium's per-domain and total limits (the default), overrides, or `false`. */
  limits?: CookieJarOptions['limits'];
}

/**
 * Options of `setCookie`, as tough-cookie takes them.
 *
 * @example
 * ```ts
 * const options: ToughSetCookieOptions = { ignoreError: true, http: true };
 * ```
 */
export interface ToughSetCookieOptions {
  /** Resolve with `undefined` instead of rejecting when the cookie is refused. */
  ignoreError?: boolean | undefined;
  /** `false` is a non-HTTP API (`document.cookie`): HttpOnly cookies are refused. @default true */
  http?: boolean | undefined;
  /** The request's same-site context. @default a same-site request */
  sameSiteContext?: 'strict' | 'lax' | 'none' | undefined;
  /** Accepted for compatibility: parsing is always a browser's. */
  loose?: boolean | undefined;
  now?: Date | undefined;
}

/**
 * Options of the reads (`getCookies`, `getCookieString`, `getSetCookieStrings`), as tough-cookie
 * takes them.
 *
 * @example
 * ```ts
 * const options: ToughGetCookiesOptions = { http: false, allPaths: true };
 * ```
 */
export interface ToughGetCookiesOptions {
  /** `false` leaves out HttpOnly cookies. @default true */
  http?: boolean | undefined;
  /** The request's same-site context. @default a same-site request (every SameSite mode sent) */
  sameSiteContext?: 'strict' | 'lax' | 'none' | undefined;
  /** Every path of the host, not only those the URL's path matches. @default false */
  allPaths?: boolean | undefined;
  /** Accepted for compatibility: expired cookies are never returned (a browser never sends them). */
  expire?: boolean | undefined;
  /** Accepted for compatibility: cookies always come in sending order (longest path, then oldest). */
  sort?: boolean | undefined;
}

/** Anything tough-cookie's `setCookie` takes as a cookie: a `Set-Cookie` line or a cookie object. */
export type ToughCookieInput = string | { readonly key: string; toString(): string };

const SAME_SITE_ERROR =
  'Invalid sameSiteContext option for getCookies(); expected one of "strict", "lax", or "none"';

function sameSiteOf(value: unknown): SameSiteContext {
  if (value === undefined || value === null || value === '') return 'strict';
  const context = typeof value === 'string' ? value.toLowerCase() : '';
  if (context === 'strict' || context === 'lax' || context === 'none') return context;
  throw new Error(SAME_SITE_ERROR);
}

function hostOf(url: string | URL): string {
  try {
    return (url instanceof URL ? url : new URL(url)).hostname;
  } catch {
    return 'null';
  }
}

function checkUrl(url: unknown): string | URL {
  if (url instanceof URL || (typeof url === 'string' && url !== '')) return url;
  throw new TypeError('`url` argument is not a string or URL.');
}

/**
 * The store a tough-cookie user reaches through `jar.store`: synchronous (http-cookie-agent checks),
 * with tough-cookie's `getAllCookies` and `removeAllCookies`.
 *
 * @example
 * ```ts
 * const all = await new CookieJar().store.getAllCookies(); // []
 * ```
 */
export class ToughStoreView {
  /** The jar answers synchronously, so the `*Sync` methods and http-cookie-agent work. */
  readonly synchronous = true as const;
  readonly #jar: CookieJar;

  constructor(jar: CookieJar) {
    this.#jar = jar;
  }

  /** Every stored cookie, oldest first. */
  getAllCookies(): Promise<ToughCookie[]>;
  getAllCookies(callback: ToughCallback<ToughCookie[]>): void;
  getAllCookies(callback?: ToughCallback<ToughCookie[]>): Promise<ToughCookie[]> | undefined {
    const promise = settle(() => allOf(this.#jar), callback);
    return callback === undefined ? promise : undefined;
  }

  /** Removes every cookie. */
  removeAllCookies(): Promise<void>;
  removeAllCookies(callback: ToughCallback<void>): void;
  removeAllCookies(callback?: ToughCallback<void>): Promise<void> | undefined {
    const promise = settle(() => this.#jar.clear(), callback);
    return callback === undefined ? promise : undefined;
  }
}

function allOf(jar: CookieJar): ToughCookie[] {
  return jar
    .allCookies()
    .sort((a, b) => a.creation.getTime() - b.creation.getTime())
    .map(toughCookieOf);
}

/**
 * tough-cookie 6's `CookieJar`, backed by shortbread's Chromium-like jar: switch with one import
 * line. Every method has tough-cookie's callback, promise and `*Sync` forms; cookies come back with
 * tough-cookie's field names. What differs (on purpose, as browsers do) is listed in
 * docs/coming-from-tough-cookie.md.
 *
 * @example
 * ```ts
 * import { CookieJar } from 'shortbread/jar/tough';
 * const jar = new CookieJar();
 * await jar.setCookie('id=1; Path=/; HttpOnly', 'https://example.com/login');
 * await jar.getCookieString('https://example.com/account'); // 'id=1'
 * jar.getCookiesSync('https://example.com/')[0]?.key; // 'id'
 * ```
 */
export class ToughCookieJar {
  /** The shortbread jar underneath (for its own API: `setCookieResult`, partitions, formats). */
  readonly jar: CookieJar;
  /** tough-cookie's `jar.store`: synchronous. */
  readonly store: ToughStoreView;
  /** `'silent'` or `'strict'`. */
  readonly prefixSecurity: 'silent' | 'strict';

  /**
   * @param store - a shortbread `JarStore` (e.g. `SqliteJarStore`) or `CookieJar`; default: in memory.
   * @param options - see {@link ToughCookieJarOptions}; a boolean is `rejectPublicSuffixes`, as in tough-cookie.
   */
  constructor(store?: JarStore | CookieJar | null, options?: ToughCookieJarOptions | boolean) {
    const o: ToughCookieJarOptions = typeof options === 'boolean' ? {} : (options ?? {});
    const off = (
      [
        'rejectPublicSuffixes',
        'allowSpecialUseDomain',
        'allowSecureOnLocal',
        'enforceSecureOriginOnStorage',
      ] as const
    ).find((name) => (o as Record<string, unknown>)[name] === false);
    if (options === false || off !== undefined) {
      throw new TypeError(
        `tough-cookie option ${off ?? 'rejectPublicSuffixes'}: false is not supported: shortbread's jar keeps the browser's rule (leave the option out)`,
      );
    }
    this.prefixSecurity = o.prefixSecurity === 'strict' ? 'strict' : 'silent';
    if (store instanceof CookieJar) this.jar = store;
    else this.jar = new CookieJar({ store: store ?? undefined, limits: o.limits });
    this.store = new ToughStoreView(this.jar);
  }

  /** Stores a `Set-Cookie` line (or cookie object) received from `url`; resolves with the stored cookie. */
  setCookie(
    cookie: ToughCookieInput,
    url: string | URL,
    options?: ToughSetCookieOptions,
  ): Promise<ToughCookie | undefined>;
  setCookie(
    cookie: ToughCookieInput,
    url: string | URL,
    callback: ToughCallback<ToughCookie | undefined>,
  ): void;
  setCookie(
    cookie: ToughCookieInput,
    url: string | URL,
    options: ToughSetCookieOptions | undefined,
    callback: ToughCallback<ToughCookie | undefined>,
  ): void;
  setCookie(
    cookie: ToughCookieInput,
    url: string | URL,
    options?: ToughSetCookieOptions | ToughCallback<ToughCookie | undefined>,
    callback?: ToughCallback<ToughCookie | undefined>,
  ): Promise<ToughCookie | undefined> | undefined {
    const [o, cb] = typeof options === 'function' ? [undefined, options] : [options, callback];
    const promise = settle(() => this.setCookieSync(cookie, url, o), cb);
    return cb === undefined ? promise : undefined;
  }

  /** {@link setCookie}, synchronously: returns the stored cookie, throws when refused (unless `ignoreError`). */
  setCookieSync(
    cookie: ToughCookieInput,
    url: string | URL,
    options?: ToughSetCookieOptions,
  ): ToughCookie | undefined {
    const target = checkUrl(url);
    const ignore = options?.ignoreError === true;
    let line: string;
    if (typeof cookie === 'string') line = cookie;
    else if (cookie !== null && typeof cookie === 'object' && typeof cookie.key === 'string')
      line = cookie.toString();
    else {
      if (ignore) return undefined;
      throw new Error('First argument to setCookie must be a Cookie object or string');
    }
    const request: JarRequestOptions = {
      http: options?.http !== false,
      sameSiteContext: sameSiteOf(options?.sameSiteContext),
      now: options?.now,
    };
    const result = this.jar.setCookieResult(line, target, request);
    if (result.cookie !== undefined) return toughCookieOf(result.cookie);
    const { reason, detail } = result;
    // A deleting line (Max-Age<=0, past Expires) is not an error; a broken prefix is silent by default.
    if (reason === 'expired' || ignore) return undefined;
    if ((reason === 'prefix' || reason === 'nameless-prefix') && this.prefixSecurity === 'silent')
      return undefined;
    const host = hostOf(target);
    throw new ToughJarError(
      reason,
      toughMessage(reason, detail, ToughCookie.parse(line)?.cdomain(), host),
    );
  }

  /** The cookies to send to `url`, in sending order. */
  getCookies(url: string | URL, options?: ToughGetCookiesOptions): Promise<ToughCookie[]>;
  getCookies(url: string | URL, callback: ToughCallback<ToughCookie[]>): void;
  getCookies(
    url: string | URL,
    options: ToughGetCookiesOptions | undefined,
    callback: ToughCallback<ToughCookie[]>,
  ): void;
  getCookies(
    url: string | URL,
    options?: ToughGetCookiesOptions | ToughCallback<ToughCookie[]>,
    callback?: ToughCallback<ToughCookie[]>,
  ): Promise<ToughCookie[]> | undefined {
    const [o, cb] = typeof options === 'function' ? [undefined, options] : [options, callback];
    const promise = settle(() => this.getCookiesSync(url, o), cb);
    return cb === undefined ? promise : undefined;
  }

  /** {@link getCookies}, synchronously. */
  getCookiesSync(url: string | URL, options?: ToughGetCookiesOptions): ToughCookie[] {
    return this.#select(url, options).map(toughCookieOf);
  }

  /** The `Cookie` header for `url`. */
  getCookieString(url: string | URL, options?: ToughGetCookiesOptions): Promise<string>;
  getCookieString(url: string | URL, callback: ToughCallback<string>): void;
  getCookieString(
    url: string | URL,
    options: ToughGetCookiesOptions | undefined,
    callback: ToughCallback<string>,
  ): void;
  getCookieString(
    url: string | URL,
    options?: ToughGetCookiesOptions | ToughCallback<string>,
    callback?: ToughCallback<string>,
  ): Promise<string> | undefined {
    const [o, cb] = typeof options === 'function' ? [undefined, options] : [options, callback];
    const promise = settle(() => this.getCookieStringSync(url, o), cb);
    return cb === undefined ? promise : undefined;
  }

  /** {@link getCookieString}, synchronously. */
  getCookieStringSync(url: string | URL, options?: ToughGetCookiesOptions): string {
    return this.#select(url, options)
      .map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`))
      .join('; ');
  }

  /** The cookies for `url` as `Set-Cookie` lines. */
  getSetCookieStrings(url: string | URL, options?: ToughGetCookiesOptions): Promise<string[]>;
  getSetCookieStrings(url: string | URL, callback: ToughCallback<string[]>): void;
  getSetCookieStrings(
    url: string | URL,
    options: ToughGetCookiesOptions | undefined,
    callback: ToughCallback<string[]>,
  ): void;
  getSetCookieStrings(
    url: string | URL,
    options?: ToughGetCookiesOptions | ToughCallback<string[]>,
    callback?: ToughCallback<string[]>,
  ): Promise<string[]> | undefined {
    const [o, cb] = typeof options === 'function' ? [undefined, options] : [options, callback];
    const promise = settle(() => this.getSetCookieStringsSync(url, o), cb);
    return cb === undefined ? promise : undefined;
  }

  /** {@link getSetCookieStrings}, synchronously. */
  getSetCookieStringsSync(url: string | URL, options?: ToughGetCookiesOptions): string[] {
    return this.getCookiesSync(url, options).map((c) => c.toString());
  }

  /** Removes every cookie. */
  removeAllCookies(): Promise<void>;
  removeAllCookies(callback: ToughCallback<void>): void;
  removeAllCookies(callback?: ToughCallback<void>): Promise<void> | undefined {
    const promise = settle(() => this.jar.clear(), callback);
    return callback === undefined ? promise : undefined;
  }

  /** {@link removeAllCookies}, synchronously. */
  removeAllCookiesSync(): void {
    this.jar.clear();
  }

  /** tough-cookie's serialized jar (partitioned cookies left out: tough-cookie has no partitions). */
  serialize(): Promise<ToughCookieJson>;
  serialize(callback: ToughCallback<ToughCookieJson>): void;
  serialize(callback?: ToughCallback<ToughCookieJson>): Promise<ToughCookieJson> | undefined {
    const promise = settle(() => this.serializeSync(), callback);
    return callback === undefined ? promise : undefined;
  }

  /** {@link serialize}, synchronously. */
  serializeSync(): ToughCookieJson {
    const cookies = this.jar
      .allCookies()
      .sort((a, b) => a.creation.getTime() - b.creation.getTime());
    return { ...toToughCookieJson(cookies), prefixSecurity: this.prefixSecurity };
  }

  /** `JSON.stringify(jar)` gives the serialized jar. */
  toJSON(): ToughCookieJson {
    return this.serializeSync();
  }

  /** A copy of the jar, in memory or in `store`. */
  clone(store?: JarStore): Promise<ToughCookieJar>;
  clone(callback: ToughCallback<ToughCookieJar>): void;
  clone(store: JarStore, callback: ToughCallback<ToughCookieJar>): void;
  clone(
    store?: JarStore | ToughCallback<ToughCookieJar>,
    callback?: ToughCallback<ToughCookieJar>,
  ): Promise<ToughCookieJar> | undefined {
    const [s, cb] = typeof store === 'function' ? [undefined, store] : [store, callback];
    const promise = settle(() => this.cloneSync(s), cb);
    return cb === undefined ? promise : undefined;
  }

  /** {@link clone}, synchronously. */
  cloneSync(store?: JarStore): ToughCookieJar {
    const copy = new ToughCookieJar(store, {
      prefixSecurity: this.prefixSecurity,
      limits: this.jar.limits ?? false,
    });
    copy.jar.importCookies(this.jar.allCookies());
    return copy;
  }

  /** A jar from tough-cookie's serialized form (an object or its JSON text). */
  static deserialize(json: string | object, store?: JarStore): Promise<ToughCookieJar>;
  static deserialize(json: string | object, callback: ToughCallback<ToughCookieJar>): void;
  static deserialize(
    json: string | object,
    store: JarStore,
    callback: ToughCallback<ToughCookieJar>,
  ): void;
  static deserialize(
    json: string | object,
    store?: JarStore | ToughCallback<ToughCookieJar>,
    callback?: ToughCallback<ToughCookieJar>,
  ): Promise<ToughCookieJar> | undefined {
    const [s, cb] = typeof store === 'function' ? [undefined, store] : [store, callback];
    const promise = settle(() => ToughCookieJar.deserializeSync(json, s), cb);
    return cb === undefined ? promise : undefined;
  }

  /** {@link deserialize}, synchronously. Throws when `json` holds no `cookies` array. */
  static deserializeSync(json: string | object, store?: JarStore): ToughCookieJar {
    const data: unknown = typeof json === 'string' ? JSON.parse(json) : json;
    if (
      data === null ||
      typeof data !== 'object' ||
      !Array.isArray((data as { cookies?: unknown }).cookies)
    ) {
      throw new Error('serialized jar has no cookies array');
    }
    const prefix =
      (data as { prefixSecurity?: unknown }).prefixSecurity === 'strict' ? 'strict' : 'silent';
    const jar = new ToughCookieJar(store, { prefixSecurity: prefix });
    jar.jar.importCookies(fromToughCookieJson(data as ToughCookieJson));
    return jar;
  }

  /** Alias of {@link deserializeSync}, as in tough-cookie. */
  static fromJSON(json: string | object, store?: JarStore): ToughCookieJar {
    return ToughCookieJar.deserializeSync(json, store);
  }

  /** The jar's cookies for `url` under tough-cookie's read options, in sending order. */
  #select(url: string | URL, options: ToughGetCookiesOptions | undefined): JarCookie[] {
    const target = checkUrl(url);
    const request: JarRequestOptions = {
      http: options?.http !== false,
      sameSiteContext: sameSiteOf(options?.sameSiteContext),
    };
    if (options?.allPaths !== true) return this.jar.getCookies(target, request);
    return this.#allPaths(target, request);
  }

  /**
   * `allPaths`: the cookies the host would get on any of its paths. Each distinct path of the cookies
   * whose domain matches is asked as a request of its own, so every other rule of the jar still applies.
   */
  #allPaths(url: string | URL, request: JarRequestOptions): JarCookie[] {
    let base: URL;
    try {
      base = new URL(url);
    } catch {
      return [];
    }
    const host = base.hostname;
    const paths = new Set<string>();
    for (const c of this.jar.allCookies()) {
      if (c.hostOnly ? c.domain === host : domainMatch(host, c.domain)) paths.add(c.path);
    }
    const seen = new Map<string, JarCookie>();
    for (const path of paths) {
      const at = new URL(base);
      at.pathname = path;
      at.search = '';
      for (const c of this.jar.getCookies(at, request)) {
        seen.set(
          `${c.name}\u0000${c.domain}\u0000${c.path}\u0000${c.hostOnly}\u0000${c.partitionKey ?? ''}`,
          c,
        );
      }
    }
    return [...seen.values()].sort(
      (a, b) => b.path.length - a.path.length || a.creation.getTime() - b.creation.getTime(),
    );
  }
}
