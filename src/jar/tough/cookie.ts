/**
 * @module tough-cookie's `Cookie` shape over a shortbread jar cookie: the field names (`key`,
 * `lastAccessed`, `expires: 'Infinity'`, ...) and the methods that code written for tough-cookie
 * calls (`cookieString`, `toString`, `TTL`, `expiryTime`, ...).
 */
import { parseSetCookie } from '../../codec/set-cookie.js';
import type { JarCookie } from '../types.js';

/**
 * The fields of a tough-cookie `Cookie`, as `new Cookie(...)` takes them.
 *
 * @example
 * ```ts
 * const init: ToughCookieInit = { key: 'id', value: '1', domain: 'example.com', path: '/' };
 * ```
 */
export interface ToughCookieInit {
  key?: string | undefined;
  value?: string | undefined;
  expires?: Date | 'Infinity' | null | undefined;
  maxAge?: number | 'Infinity' | '-Infinity' | null | undefined;
  domain?: string | null | undefined;
  path?: string | null | undefined;
  secure?: boolean | undefined;
  httpOnly?: boolean | undefined;
  extensions?: string[] | null | undefined;
  creation?: Date | 'Infinity' | null | undefined;
  hostOnly?: boolean | null | undefined;
  pathIsDefault?: boolean | null | undefined;
  lastAccessed?: Date | 'Infinity' | null | undefined;
  sameSite?: string | undefined;
}

/** tough-cookie writes SameSite with these spellings in `toString()`. */
const SAME_SITE_SPELLING: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  strict: 'Strict',
  lax: 'Lax',
  none: 'None',
});

let nextCreationIndex = 0;

/**
 * A cookie with tough-cookie 6's field names and methods. The jar's reads return these; they are
 * copies, so changing one does not change the jar (write with `setCookie`).
 *
 * @example
 * ```ts
 * import { CookieJar } from 'shortbread/jar/tough';
 * const jar = new CookieJar();
 * const cookie = jar.setCookieSync('id=1; Path=/; HttpOnly', 'https://example.com/');
 * cookie?.key; // 'id'
 * cookie?.cookieString(); // 'id=1'
 * cookie?.toString(); // 'id=1; Path=/; HttpOnly'
 * ```
 */
export class ToughCookie {
  key: string;
  value: string;
  expires: Date | 'Infinity' | null;
  maxAge: number | 'Infinity' | '-Infinity' | null;
  domain: string | null;
  path: string | null;
  secure: boolean;
  httpOnly: boolean;
  extensions: string[] | null;
  creation: Date | 'Infinity' | null;
  creationIndex: number;
  hostOnly: boolean | null;
  pathIsDefault: boolean | null;
  lastAccessed: Date | 'Infinity' | null;
  sameSite: string | undefined;

  constructor(init: ToughCookieInit = {}) {
    this.key = init.key ?? '';
    this.value = init.value ?? '';
    this.expires = init.expires ?? 'Infinity';
    this.maxAge = init.maxAge ?? null;
    this.domain = init.domain ?? null;
    this.path = init.path ?? null;
    this.secure = init.secure ?? false;
    this.httpOnly = init.httpOnly ?? false;
    this.extensions = init.extensions ?? null;
    this.creation = init.creation ?? new Date();
    this.creationIndex = ++nextCreationIndex;
    this.hostOnly = init.hostOnly ?? null;
    this.pathIsDefault = init.pathIsDefault ?? null;
    this.lastAccessed = init.lastAccessed ?? null;
    this.sameSite = init.sameSite;
  }

  /**
   * Reads one `Set-Cookie` line (RFC 6265bis §5.6, as the jar does); `undefined` when a browser
   * ignores it. Domain and path are as written (the jar fills them in when it stores the cookie).
   *
   * @example
   * ```ts
   * ToughCookie.parse('a=1; Max-Age=60')?.maxAge; // 60
   * ```
   */
  static parse(line: string): ToughCookie | undefined {
    const parsed = parseSetCookie(line, {
      decode: (raw) => raw,
      maxAgeLimit: Number.POSITIVE_INFINITY,
    });
    if (parsed === undefined) return undefined;
    return new ToughCookie({
      key: parsed.name,
      value: parsed.value,
      expires: parsed.expires,
      maxAge: parsed.maxAge,
      domain: parsed.domain,
      path: parsed.path,
      secure: parsed.secure,
      httpOnly: parsed.httpOnly,
      extensions: parsed.extensions,
      sameSite: parsed.sameSite,
    });
  }

  /**
   * A tough-cookie cookie from its JSON form (`toJSON()`, or its text); `undefined` for anything else.
   *
   * @example
   * ```ts
   * ToughCookie.fromJSON({ key: 'a', value: '1' })?.cookieString(); // 'a=1'
   * ```
   */
  static fromJSON(json: unknown): ToughCookie | undefined {
    let data = json;
    if (typeof json === 'string') {
      try {
        data = JSON.parse(json);
      } catch {
        return undefined;
      }
    }
    if (data === null || typeof data !== 'object') return undefined;
    const o = data as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const time = (v: unknown): Date | 'Infinity' | undefined =>
      v === 'Infinity' ? 'Infinity' : typeof v === 'string' ? new Date(v) : undefined;
    const maxAge = o.maxAge;
    return new ToughCookie({
      key: str(o.key),
      value: str(o.value),
      expires: time(o.expires),
      maxAge:
        typeof maxAge === 'number' || maxAge === 'Infinity' || maxAge === '-Infinity'
          ? maxAge
          : null,
      domain: str(o.domain),
      path: str(o.path),
      secure: o.secure === true,
      httpOnly: o.httpOnly === true,
      hostOnly: typeof o.hostOnly === 'boolean' ? o.hostOnly : null,
      pathIsDefault: typeof o.pathIsDefault === 'boolean' ? o.pathIsDefault : null,
      creation: time(o.creation),
      lastAccessed: time(o.lastAccessed),
      sameSite: str(o.sameSite),
      extensions: Array.isArray(o.extensions)
        ? o.extensions.filter((e): e is string => typeof e === 'string')
        : null,
    });
  }

  /** The cookie as a `Cookie` header carries it: `key=value`, or the value alone when nameless. */
  cookieString(): string {
    return this.key === '' ? this.value : `${this.key}=${this.value}`;
  }

  /** The cookie as a `Set-Cookie` line, attributes in tough-cookie's order and spelling. */
  toString(): string {
    let line = this.cookieString();
    if (this.expires instanceof Date) line += `; Expires=${this.expires.toUTCString()}`;
    if (this.maxAge !== null && this.maxAge !== 'Infinity') line += `; Max-Age=${this.maxAge}`;
    if (this.domain !== null && this.domain !== '' && this.hostOnly !== true) {
      line += `; Domain=${this.domain}`;
    }
    if (this.path !== null && this.path !== '') line += `; Path=${this.path}`;
    if (this.secure) line += '; Secure';
    if (this.httpOnly) line += '; HttpOnly';
    if (this.sameSite !== undefined && this.sameSite !== '') {
      line += `; SameSite=${SAME_SITE_SPELLING[this.sameSite.toLowerCase()] ?? this.sameSite}`;
    }
    for (const extension of this.extensions ?? []) line += `; ${extension}`;
    return line;
  }

  /** tough-cookie's JSON form: the fields that differ from a new cookie's, dates as ISO text. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const time = (v: Date | 'Infinity' | null) => (v instanceof Date ? v.toISOString() : v);
    out.key = this.key;
    out.value = this.value;
    if (this.expires !== 'Infinity') out.expires = time(this.expires);
    if (this.maxAge !== null) out.maxAge = this.maxAge;
    if (this.domain !== null) out.domain = this.domain;
    if (this.path !== null) out.path = this.path;
    if (this.secure) out.secure = true;
    if (this.httpOnly) out.httpOnly = true;
    if (this.extensions !== null) out.extensions = [...this.extensions];
    if (this.hostOnly !== null) out.hostOnly = this.hostOnly;
    if (this.pathIsDefault !== null) out.pathIsDefault = this.pathIsDefault;
    if (this.creation !== null) out.creation = time(this.creation);
    if (this.lastAccessed !== null) out.lastAccessed = time(this.lastAccessed);
    if (this.sameSite !== undefined) out.sameSite = this.sameSite;
    return out;
  }

  /** A copy. */
  clone(): ToughCookie {
    return ToughCookie.fromJSON(this.toJSON()) as ToughCookie;
  }

  /** Milliseconds left to live from `now` (`Infinity` for a session cookie; 0 once Max-Age<=0). */
  TTL(now: number = Date.now()): number {
    if (typeof this.maxAge === 'number') return this.maxAge <= 0 ? 0 : this.maxAge * 1000;
    if (this.expires === 'Infinity' || this.expires === null) return Number.POSITIVE_INFINITY;
    return this.expires.getTime() - now;
  }

  /** When it expires, epoch milliseconds (Max-Age counted from `now` or the last access). */
  expiryTime(now?: Date): number | undefined {
    if (this.maxAge !== null) {
      if (this.maxAge === 'Infinity') return Number.POSITIVE_INFINITY;
      const from = now ?? this.lastAccessed ?? new Date();
      if (from === 'Infinity') return Number.POSITIVE_INFINITY;
      const age = typeof this.maxAge === 'number' && this.maxAge > 0 ? this.maxAge * 1000 : -1e15;
      return from.getTime() + age;
    }
    if (this.expires === 'Infinity' || this.expires === null) return Number.POSITIVE_INFINITY;
    return this.expires.getTime();
  }

  /** {@link expiryTime} as a Date (tough-cookie's far-future date for `Infinity`). */
  expiryDate(now?: Date): Date | undefined {
    const time = this.expiryTime(now);
    if (time === undefined) return undefined;
    return new Date(time === Number.POSITIVE_INFINITY ? 2147483647000 : Math.max(time, 0));
  }

  /** Whether it outlives the browser session (it has Expires or Max-Age). */
  isPersistent(): boolean {
    return this.maxAge !== null || this.expires !== 'Infinity';
  }

  /** The domain, lowercase, without a leading dot. */
  canonicalizedDomain(): string | undefined {
    if (this.domain === null) return undefined;
    const domain = this.domain.trim().toLowerCase();
    return domain.charCodeAt(0) === 0x2e ? domain.slice(1) : domain;
  }

  /** Alias of {@link canonicalizedDomain}, as in tough-cookie. */
  cdomain(): string | undefined {
    return this.canonicalizedDomain();
  }
}

/**
 * A stored jar cookie in tough-cookie's shape. Times are the jar's: `expires` is the absolute
 * expiry (shortbread keeps no separate Max-Age, so `maxAge` is `null`).
 *
 * @example
 * ```ts
 * toughCookieOf(jar.allCookies()[0]!).key;
 * ```
 */
export function toughCookieOf(cookie: JarCookie): ToughCookie {
  return new ToughCookie({
    key: cookie.name,
    value: cookie.value,
    expires: cookie.expires ?? 'Infinity',
    domain: cookie.domain,
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    hostOnly: cookie.hostOnly,
    creation: cookie.creation,
    lastAccessed: cookie.lastAccess,
    sameSite: cookie.sameSite === 'unspecified' ? undefined : cookie.sameSite,
  });
}
