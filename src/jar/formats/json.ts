/**
 * @module shortbread's own jar JSON: every field of every cookie (partitions and priority included),
 * dates as ISO strings, under a format tag and version, so a jar saves and loads losslessly.
 */
import type { JarCookie, JarSameSite } from '../types.js';

/**
 * One cookie in shortbread's JSON.
 *
 * @example
 * ```ts
 * const c: JarJsonCookie = { name: 'a', value: '1', domain: 'example.com', path: '/', hostOnly: true, secure: false, httpOnly: false, sameSite: 'lax', expires: null, creation: '2026-01-01T00:00:00.000Z', lastAccess: '2026-01-01T00:00:00.000Z', partitionKey: null, priority: 'medium' };
 * ```
 */
export interface JarJsonCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  hostOnly: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: JarSameSite;
  expires: string | null;
  creation: string;
  lastAccess: string;
  partitionKey: string | null;
  priority: 'low' | 'medium' | 'high';
}

/**
 * shortbread's jar JSON document.
 *
 * @example
 * ```ts
 * const doc: JarJson = toJarJson(jar.allCookies());
 * ```
 */
export interface JarJson {
  format: 'shortbread-jar';
  version: 1;
  cookies: JarJsonCookie[];
}

/**
 * Writes every cookie, losslessly.
 *
 * @example
 * ```ts
 * import { toJarJson } from 'shortbread/jar';
 * writeFileSync('jar.json', JSON.stringify(toJarJson(jar.allCookies())));
 * ```
 */
export function toJarJson(cookies: Iterable<JarCookie>): JarJson {
  const out: JarJsonCookie[] = [];
  for (const c of cookies) {
    out.push({
      name: c.name,
      value: c.value,
      domain: c.domain,
      path: c.path,
      hostOnly: c.hostOnly,
      secure: c.secure,
      httpOnly: c.httpOnly,
      sameSite: c.sameSite,
      expires: c.expires === undefined ? null : c.expires.toISOString(),
      creation: c.creation.toISOString(),
      lastAccess: c.lastAccess.toISOString(),
      partitionKey: c.partitionKey ?? null,
      priority: c.priority,
    });
  }
  return { format: 'shortbread-jar', version: 1, cookies: out };
}

const sameSites = new Set(['strict', 'lax', 'none', 'unspecified']);
const priorities = new Set(['low', 'medium', 'high']);

function date(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Reads shortbread's jar JSON (an object or its text). Entries with a missing or mistyped field are
 * skipped, and text that is not JSON gives no cookies; never throws.
 *
 * @example
 * ```ts
 * import { CookieJar, fromJarJson } from 'shortbread/jar';
 * const jar = new CookieJar();
 * jar.importCookies(fromJarJson(readFileSync('jar.json', 'utf8')));
 * ```
 */
export function fromJarJson(json: JarJson | string): JarCookie[] {
  const data = (typeof json === 'string' ? parseJson(json) : json) as Partial<JarJson> | null;
  const out: JarCookie[] = [];
  if (data === null || typeof data !== 'object' || !Array.isArray(data.cookies)) return out;
  for (const c of data.cookies as unknown[]) {
    if (c === null || typeof c !== 'object') continue;
    const e = c as Record<string, unknown>;
    const creation = date(e.creation);
    const lastAccess = date(e.lastAccess);
    const expires = e.expires === null ? undefined : date(e.expires);
    if (
      typeof e.name !== 'string' ||
      typeof e.value !== 'string' ||
      typeof e.domain !== 'string' ||
      typeof e.path !== 'string' ||
      creation === undefined ||
      lastAccess === undefined ||
      (e.expires !== null && expires === undefined) ||
      !sameSites.has(e.sameSite as string) ||
      !priorities.has(e.priority as string)
    )
      continue;
    out.push({
      name: e.name,
      value: e.value,
      domain: e.domain,
      path: e.path,
      hostOnly: e.hostOnly === true,
      secure: e.secure === true,
      httpOnly: e.httpOnly === true,
      sameSite: e.sameSite as JarSameSite,
      expires,
      creation,
      lastAccess,
      partitionKey: typeof e.partitionKey === 'string' ? e.partitionKey : undefined,
      priority: e.priority as JarCookie['priority'],
    });
  }
  return out;
}

/** Received text that is not JSON gives nothing rather than an exception. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
