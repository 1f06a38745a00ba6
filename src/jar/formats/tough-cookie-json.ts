/**
 * @module tough-cookie's serialized jar (`CookieJar.serializeSync()` / `toJSON()`, version 4-6), read
 * and written so a tough-cookie user can move a saved jar to shortbread and back.
 */
import { toMillis } from '../../internal/to-millis.js';
import type { JarCookie, JarSameSite } from '../types.js';

/**
 * One cookie as tough-cookie serializes it (only the fields shortbread reads or writes).
 *
 * @example
 * ```ts
 * const c: ToughCookieJsonCookie = { key: 'a', value: '1', domain: 'example.com', path: '/', hostOnly: true };
 * ```
 */
export interface ToughCookieJsonCookie {
  key?: string;
  value?: string;
  expires?: string | null;
  maxAge?: number | string | null;
  domain?: string | null;
  path?: string | null;
  secure?: boolean;
  httpOnly?: boolean;
  hostOnly?: boolean | null;
  pathIsDefault?: boolean | null;
  creation?: string | null;
  lastAccessed?: string | null;
  sameSite?: string;
  extensions?: string[] | null;
}

/**
 * tough-cookie's serialized jar.
 *
 * @example
 * ```ts
 * const json: ToughCookieJson = JSON.parse(readFileSync('jar.json', 'utf8'));
 * ```
 */
export interface ToughCookieJson {
  version?: string;
  storeType?: string | null;
  rejectPublicSuffixes?: boolean;
  cookies: ToughCookieJsonCookie[];
  [option: string]: unknown;
}

function date(text: string | null | undefined): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function sameSiteOf(value: string | undefined): JarSameSite {
  const mode = typeof value === 'string' ? value.toLowerCase() : '';
  return mode === 'strict' || mode === 'lax' || mode === 'none' ? mode : 'unspecified';
}

/**
 * Reads tough-cookie's serialized jar (an object or its JSON text). `maxAge` is counted from
 * `creation`, as tough-cookie does; cookies without a domain or already expired are dropped unless
 * `keepExpired`. Never throws: bad entries are skipped, and text that is not JSON gives no cookies.
 *
 * @example
 * ```ts
 * import { CookieJar, fromToughCookieJson } from 'shortbread/jar';
 * const jar = new CookieJar();
 * jar.importCookies(fromToughCookieJson(toughJar.serializeSync()));
 * ```
 */
export function fromToughCookieJson(
  json: ToughCookieJson | string,
  options?: { now?: Date | number | undefined; keepExpired?: boolean | undefined },
): JarCookie[] {
  const data = (typeof json === 'string' ? parseJson(json) : json) as ToughCookieJson | null;
  const now = toMillis(options?.now);
  const out: JarCookie[] = [];
  if (data === null || typeof data !== 'object' || !Array.isArray(data.cookies)) return out;
  for (const c of data.cookies) {
    if (c === null || typeof c !== 'object') continue;
    if (typeof c.domain !== 'string' || c.domain.length === 0) continue;
    const creation = date(c.creation) ?? new Date(now);
    let expires: Date | undefined;
    const maxAge = c.maxAge;
    if (typeof maxAge === 'number') {
      expires = new Date(maxAge <= 0 ? 0 : creation.getTime() + maxAge * 1000);
    } else if (maxAge === '-Infinity') {
      expires = new Date(0);
    } else if (maxAge !== 'Infinity') {
      expires = date(c.expires);
    }
    if (expires !== undefined && expires.getTime() <= now && options?.keepExpired !== true)
      continue;
    let domain = c.domain.toLowerCase();
    if (domain.charCodeAt(0) === 0x2e) domain = domain.slice(1);
    const path = typeof c.path === 'string' && c.path.charCodeAt(0) === 0x2f ? c.path : '/';
    out.push({
      name: typeof c.key === 'string' ? c.key : '',
      value: typeof c.value === 'string' ? c.value : '',
      domain,
      path,
      hostOnly: c.hostOnly === true,
      secure: c.secure === true,
      httpOnly: c.httpOnly === true,
      sameSite: sameSiteOf(c.sameSite),
      expires,
      creation,
      lastAccess: date(c.lastAccessed) ?? creation,
      partitionKey: undefined,
      priority: 'medium',
    });
  }
  return out;
}

/**
 * Writes cookies as tough-cookie's serialized jar, which `CookieJar.deserializeSync()` reads.
 * Partitioned cookies are left out (tough-cookie has no partitions); Priority is not kept.
 *
 * @example
 * ```ts
 * import { CookieJar as ToughJar } from 'tough-cookie';
 * const tough = ToughJar.deserializeSync(toToughCookieJson(jar.allCookies()));
 * ```
 */
export function toToughCookieJson(cookies: Iterable<JarCookie>): ToughCookieJson {
  const out: ToughCookieJsonCookie[] = [];
  for (const c of cookies) {
    if (c.partitionKey !== undefined) continue;
    const entry: ToughCookieJsonCookie = { key: c.name, value: c.value };
    if (c.expires !== undefined) entry.expires = c.expires.toISOString();
    entry.domain = c.domain;
    entry.path = c.path;
    if (c.secure) entry.secure = true;
    if (c.httpOnly) entry.httpOnly = true;
    entry.hostOnly = c.hostOnly;
    entry.creation = c.creation.toISOString();
    entry.lastAccessed = c.lastAccess.toISOString();
    if (c.sameSite !== 'unspecified') entry.sameSite = c.sameSite;
    out.push(entry);
  }
  return {
    version: 'tough-cookie@6.1.0',
    storeType: 'MemoryCookieStore',
    rejectPublicSuffixes: true,
    enableLooseMode: false,
    allowSpecialUseDomain: true,
    prefixSecurity: 'silent',
    cookies: out,
  };
}

/** Received text that is not JSON gives nothing rather than an exception. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
