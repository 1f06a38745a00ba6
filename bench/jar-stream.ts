/**
 * A browsing client's cookie traffic, as streams of distinct inputs for the jar benchmarks: the
 * `Set-Cookie` lines 40 sites send (a new value on every line, Expires at a varying offset from now
 * or a Max-Age, paths, Domain, Secure, HttpOnly and SameSite varying) and the URLs the client then
 * requests over those sites. Deterministic: a seeded generator, no third-party data. The same seed
 * and `now` give the same streams.
 */

/** One `Set-Cookie` line and the URL of the response that carried it. */
export interface SetCookieInput {
  line: string;
  url: string;
}

/** The client's traffic: lines to store, in arrival order, and URLs to build `Cookie` headers for. */
export interface JarStream {
  sets: SetCookieInput[];
  urls: string[];
}

/** mulberry32: a small seeded generator, so every run builds the same stream. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = ['shop', 'news', 'mail', 'bank', 'maps', 'docs', 'video', 'forum', 'travel', 'cloud'];
const suffixes = ['com', 'co.uk', 'org', 'io', 'de'];
const subdomains = ['www', 'api', 'static', 'account', ''];
const sections = ['app', 'account', 'blog', 'cart', 'search', 'help'];
/** Cookie names as sites set them: analytics, framework sessions, CSRF, consent, A/B tests. */
const kinds = [
  { name: '_ga', domain: true, path: '/', flags: '', days: 395 },
  { name: '_gid', domain: true, path: '/', flags: '', days: 1 },
  {
    name: 'sessionid',
    domain: false,
    path: '/',
    flags: '; Secure; HttpOnly; SameSite=Lax',
    days: 14,
  },
  { name: 'csrftoken', domain: false, path: '/', flags: '; Secure; SameSite=Strict', days: 365 },
  { name: 'consent', domain: true, path: '/', flags: '; Secure; SameSite=Lax', days: 180 },
  { name: 'ab_checkout', domain: true, path: '/cart', flags: '; SameSite=Lax', days: 30 },
  { name: 'pref_lang', domain: false, path: '/account', flags: '; SameSite=Lax', days: 90 },
  { name: 'cart', domain: false, path: '/cart', flags: '; Secure; HttpOnly', days: 7 },
  {
    name: '__Secure-auth',
    domain: true,
    path: '/',
    flags: '; Secure; HttpOnly; SameSite=None',
    days: 30,
  },
  { name: 'recent', domain: false, path: '/search', flags: '', days: 2 },
] as const;

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A fresh token of `length` URL-safe characters: every line carries a new value. */
function token(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * 64)];
  return out;
}

/**
 * The stream: `lines` `Set-Cookie` lines (distinct: each has a new value) over 40 sites, and `reads`
 * distinct URLs over the same sites and paths. `now` anchors the Expires dates (all in the future,
 * under the 400-day cap, so both jars keep the same cookies).
 */
export function jarStream(now: number, lines = 2000, reads = 2000, seed = 0x5eed): JarStream {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sites: string[] = [];
  for (let i = 0; i < 40; i++) {
    sites.push(
      `${words[i % words.length]}${Math.floor(i / words.length) + 1}.${suffixes[i % suffixes.length]}`,
    );
  }
  const hostOf = (site: string): string => {
    const sub = pick(subdomains);
    return sub === '' ? site : `${sub}.${site}`;
  };
  const pathOf = (): string => {
    const depth = Math.floor(random() * 3);
    let path = '';
    for (let d = 0; d < depth; d++) path += `/${d === 0 ? pick(sections) : token(random, 4)}`;
    return path === '' ? '/' : path;
  };
  const sets: SetCookieInput[] = [];
  for (let i = 0; i < lines; i++) {
    const site = pick(sites);
    const kind = pick(kinds);
    const url = `https://${hostOf(site)}${pathOf()}`;
    let line = `${kind.name}=${token(random, 16 + Math.floor(random() * 24))}`;
    // Expires at a varying offset (a minute to the kind's lifetime), or a Max-Age, or neither.
    const lifetime = random();
    if (lifetime < 0.6) {
      const offset = 60_000 + Math.floor(random() * kind.days * 86_400_000);
      line += `; Expires=${new Date(now + offset).toUTCString()}`;
    } else if (lifetime < 0.85) {
      line += `; Max-Age=${60 + Math.floor(random() * kind.days * 86_400)}`;
    }
    if (random() < 0.8 || kind.path !== '/') line += `; Path=${kind.path}`;
    // A kind is a domain cookie always or never: tough-cookie (RFC 6265) counts a host-only cookie
    // and a domain cookie of the same name on the registrable domain as one, Chromium as two.
    if (kind.domain) line += `; Domain=${random() < 0.3 ? '.' : ''}${site}`;
    line += kind.flags;
    sets.push({ line, url });
  }
  const urls: string[] = [];
  for (let i = 0; i < reads; i++) {
    const site = pick(sites);
    // A query makes each URL distinct, as pages and API calls are.
    urls.push(`https://${hostOf(site)}${pathOf()}?v=${i}`);
  }
  return { sets, urls };
}
