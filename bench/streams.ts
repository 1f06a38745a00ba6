/**
 * @module The stream corpus: what a server (or a client) meets on real traffic, where no two inputs
 * in a row are alike. Deterministic: every stream is drawn from one seeded generator, so two runs
 * (and two benches) time the same strings. No third-party data: every name, value and site below is
 * made up here, after the shapes popular frameworks and trackers write.
 *
 * - {@link cookieHeaders}: `Cookie` headers of visitors of five kinds of site (a marketing site with
 *   analytics and consent cookies, a Django app, an Express/Rails app, a Next.js app behind
 *   NextAuth, a shop running A/B tests). Each visitor carries other values, some carry names no other
 *   visitor has (per-user analytics ids), some lack optional cookies, and about one in four sends its
 *   cookies in another order (a browser sends them by path length, then by creation time).
 * - {@link setCookieLines}: `Set-Cookie` lines as those sites write them: a new value on every line,
 *   Expires at "now" plus an offset of seconds to 399 days, attributes in each framework's order
 *   and case.
 * - {@link cookieWrites}: the writes behind such lines, as `stringifySetCookie` arguments: a new
 *   value and a new `expires` Date on every call.
 *
 * Every string is flat and not internalized, as the HTTP parser hands them over (see inputs.ts).
 */

import { flat } from './inputs.js';

/** How many distinct inputs each stream holds. */
export const STREAM_LENGTH = 2048;

/** The "now" of the corpus: Expires offsets count from here (fixed, so the corpus never changes). */
export const STREAM_NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

/** mulberry32: a small seeded generator, good enough to pick shapes and draw characters. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const HEX = '0123456789abcdef';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function chars(random: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

function int(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

const uuid = (r: Random) =>
  `${chars(r, HEX, 8)}-${chars(r, HEX, 4)}-4${chars(r, HEX, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${chars(r, HEX, 3)}-${chars(r, HEX, 12)}`;
const epoch = (r: Random) => String(int(r, 1_700_000_000, 1_790_000_000));
const epochMs = (r: Random) => `${epoch(r)}${int(r, 100, 999)}`;
const jwt = (r: Random) =>
  `eyJhbGciOiJIUzI1NiJ9.${chars(r, B64URL, int(r, 40, 120))}.${chars(r, B64URL, 43)}`;
/** A percent-encoded ISO date, as consent tools write one. */
const isoEncoded = (r: Random) =>
  `2026-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 10, 28))}T${String(int(r, 10, 23))}%3A${String(int(r, 10, 59))}%3A${String(int(r, 10, 59))}.${int(r, 100, 999)}Z`;

/** One cookie a site may set: its name, how likely a visitor carries it, and a value drawn anew. */
interface CookieKind {
  name: (r: Random) => string;
  share: number;
  value: (r: Random) => string;
}

const fixed = (name: string) => () => name;

/** The cookies of each kind of site, in the order a browser usually sends them. */
const SITES: ReadonlyArray<{ site: string; session: string; cookies: readonly CookieKind[] }> = [
  {
    site: 'marketing',
    session: '_ga',
    cookies: [
      { name: fixed('_ga'), share: 1, value: (r) => `GA1.1.${int(r, 1e8, 2e9)}.${epoch(r)}` },
      { name: fixed('_gid'), share: 0.8, value: (r) => `GA1.2.${int(r, 1e8, 2e9)}.${epoch(r)}` },
      {
        name: (r) => `_ga_${chars(r, ALNUM, 10).toUpperCase()}`,
        share: 0.9,
        value: (r) => `GS1.1.${epoch(r)}.${int(r, 1, 40)}.1.${epoch(r)}.0.0.0`,
      },
      { name: fixed('_fbp'), share: 0.7, value: (r) => `fb.1.${epochMs(r)}.${int(r, 1e8, 2e9)}` },
      { name: fixed('_gcl_au'), share: 0.6, value: (r) => `1.1.${int(r, 1e8, 2e9)}.${epoch(r)}` },
      { name: fixed('hubspotutk'), share: 0.5, value: (r) => chars(r, HEX, 32) },
      {
        name: fixed('__hstc'),
        share: 0.5,
        value: (r) => `${int(r, 1e6, 9e6)}.${chars(r, HEX, 32)}.${epochMs(r)}.${epochMs(r)}.3`,
      },
      {
        name: fixed('OptanonConsent'),
        share: 0.85,
        value: (r) =>
          `isGpcEnabled=0&datestamp=${pick(r, ['Mon', 'Tue', 'Wed'])}+Nov+${int(r, 10, 28)}+2026+${int(r, 10, 23)}%3A${int(r, 10, 59)}%3A${int(r, 10, 59)}+GMT%2B0000&version=202310.2.0&isIABGlobal=false&hosts=&consentId=${uuid(r)}&interactionCount=${int(r, 1, 9)}&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A${int(r, 0, 1)}%2CC0003%3A${int(r, 0, 1)}%2CC0004%3A${int(r, 0, 1)}`,
      },
      { name: fixed('OptanonAlertBoxClosed'), share: 0.8, value: isoEncoded },
      {
        name: (r) => `_hjSessionUser_${int(r, 100000, 3999999)}`,
        share: 0.4,
        value: (r) => `eyJpZCI6I${chars(r, B64URL, 60)}`,
      },
    ],
  },
  {
    site: 'django',
    session: 'sessionid',
    cookies: [
      { name: fixed('csrftoken'), share: 1, value: (r) => chars(r, ALNUM, 32) },
      {
        name: fixed('sessionid'),
        share: 0.9,
        value: (r) => chars(r, 'abcdefghijklmnopqrstuvwxyz0123456789', 32),
      },
      {
        name: fixed('django_language'),
        share: 0.4,
        value: (r) => pick(r, ['en', 'de', 'fr', 'pt-br']),
      },
      {
        name: fixed('messages'),
        share: 0.1,
        value: (r) => `"${chars(r, B64URL, 40)}:${chars(r, B64URL, 6)}:${chars(r, B64URL, 27)}"`,
      },
      { name: fixed('_ga'), share: 0.7, value: (r) => `GA1.1.${int(r, 1e8, 2e9)}.${epoch(r)}` },
      {
        name: fixed('tz'),
        share: 0.3,
        value: (r) => pick(r, ['Europe%2FBerlin', 'America%2FNew_York', 'UTC']),
      },
    ],
  },
  {
    site: 'express',
    session: 'connect.sid',
    cookies: [
      {
        name: fixed('connect.sid'),
        share: 1,
        value: (r) => `s%3A${chars(r, B64URL, 32)}.${chars(r, B64URL, 43)}`,
      },
      {
        name: fixed('XSRF-TOKEN'),
        share: 0.8,
        value: (r) => `${chars(r, B64URL, 8)}-${chars(r, B64URL, 27)}`,
      },
      {
        name: fixed('_myapp_session'),
        share: 0.5,
        value: (r) => `${chars(r, ALNUM, 120)}%3D%3D--${chars(r, HEX, 40)}`,
      },
      {
        name: fixed('remember_user_token'),
        share: 0.3,
        value: (r) => `W1s${chars(r, B64URL, 60)}--${chars(r, HEX, 40)}`,
      },
      { name: fixed('theme'), share: 0.5, value: (r) => pick(r, ['dark', 'light', 'system']) },
      {
        name: fixed('locale'),
        share: 0.4,
        value: (r) => pick(r, ['en-US', 'en-GB', 'de-DE', 'ja-JP']),
      },
      {
        name: (r) => `intercom-id-${chars(r, 'abcdefghijklmnopqrstuvwxyz0123456789', 8)}`,
        share: 0.3,
        value: uuid,
      },
    ],
  },
  {
    site: 'nextjs',
    session: '__Secure-next-auth.session-token',
    cookies: [
      {
        name: fixed('__Host-next-auth.csrf-token'),
        share: 1,
        value: (r) => `${chars(r, HEX, 64)}%7C${chars(r, HEX, 64)}`,
      },
      {
        name: fixed('__Secure-next-auth.callback-url'),
        share: 0.9,
        value: (r) =>
          `https%3A%2F%2Fapp.example.com%2F${pick(r, ['dashboard', 'settings', `projects%2F${int(r, 1, 9999)}`])}`,
      },
      { name: fixed('__Secure-next-auth.session-token'), share: 0.85, value: jwt },
      { name: fixed('NEXT_LOCALE'), share: 0.3, value: (r) => pick(r, ['en', 'de', 'es']) },
      {
        name: fixed('ph_phc_project_posthog'),
        share: 0.5,
        value: (r) => `%7B%22distinct_id%22%3A%22${uuid(r)}%22%7D`,
      },
      { name: fixed('__stripe_mid'), share: 0.3, value: (r) => `${uuid(r)}${chars(r, HEX, 6)}` },
    ],
  },
  {
    site: 'shop',
    session: '_shopify_s',
    cookies: [
      { name: fixed('_shopify_y'), share: 1, value: uuid },
      { name: fixed('_shopify_s'), share: 0.9, value: uuid },
      {
        name: fixed('cart'),
        share: 0.6,
        value: (r) => `${chars(r, HEX, 32)}%3Fkey%3D${chars(r, HEX, 32)}`,
      },
      { name: fixed('cart_currency'), share: 0.6, value: (r) => pick(r, ['USD', 'EUR', 'GBP']) },
      { name: fixed('ab_variant'), share: 0.8, value: (r) => pick(r, ['control', 'a', 'b', 'c']) },
      {
        name: fixed('optimizelyEndUserId'),
        share: 0.5,
        value: (r) => `oeu${epochMs(r)}r0.${int(r, 1e15, 9e15)}`,
      },
      {
        name: fixed('euconsent-v2'),
        share: 0.6,
        value: (r) =>
          `CP${chars(r, B64URL, 20)}AAAAAAAAAAAAENAwEgAAAAAAAAAAAAAAAAAAAA.YAAAAAAAAAAA`,
      },
      {
        name: fixed('wishlist'),
        share: 0.2,
        value: (r) => `"${int(r, 1000, 9999)},${int(r, 1000, 9999)}"`,
      },
      {
        name: fixed('recently_viewed'),
        share: 0.4,
        value: (r) => `${int(r, 1e5, 9e5)}%2C${int(r, 1e5, 9e5)}`,
      },
    ],
  },
];

/** A Cookie header with the cookie looked up in it: the site's session cookie, when present. */
export interface CookieHeaderInput {
  header: string;
  /** The site's session-like cookie name (it may be missing from this header). */
  name: string;
}

/** The `Cookie` headers of {@link STREAM_LENGTH} visitors, drawn over the five kinds of site. */
export function cookieHeaders(seed = 1, length = STREAM_LENGTH): CookieHeaderInput[] {
  const random = seeded(seed);
  const inputs: CookieHeaderInput[] = [];
  for (let k = 0; k < length; k++) {
    const site = pick(random, SITES);
    const pairs: string[] = [];
    const names = new Set<string>();
    for (const cookie of site.cookies) {
      if (random() >= cookie.share) continue;
      const name = cookie.name(random);
      if (names.has(name)) continue;
      names.add(name);
      pairs.push(`${name}=${cookie.value(random)}`);
    }
    // About one visitor in four sends them in another order: swap a few neighbours.
    if (random() < 0.25 && pairs.length > 1) {
      for (let swaps = int(random, 1, 3); swaps > 0; swaps--) {
        const i = int(random, 0, pairs.length - 2);
        [pairs[i], pairs[i + 1]] = [pairs[i + 1] as string, pairs[i] as string];
      }
    }
    inputs.push({ header: flat(pairs.join('; ')), name: site.session });
  }
  return inputs;
}

/** An IMF-fixdate, as servers write Expires (Django writes the weekday in the same form). */
function imfDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Offsets from "now" that Expires takes: seconds, hours, days, up to 399 days. */
function expiresOffset(random: Random): number {
  const scale = pick(random, [1, 60, 3600, 86400]);
  return Math.min(int(random, 1, 400) * scale * 1000, 399 * 86_400_000);
}

/** How each kind of site writes its Set-Cookie lines. */
const WRITERS: ReadonlyArray<(r: Random) => string> = [
  // Django: lowercase expires, HttpOnly and Max-Age, Path, SameSite.
  (r) => {
    const age = int(r, 60, 1_209_600);
    return `sessionid=${chars(r, 'abcdefghijklmnopqrstuvwxyz0123456789', 32)}; expires=${imfDate(STREAM_NOW + age * 1000)}; HttpOnly; Max-Age=${age}; Path=/; SameSite=Lax`;
  },
  (r) =>
    `csrftoken=${chars(r, ALNUM, 32)}; expires=${imfDate(STREAM_NOW + expiresOffset(r))}; Max-Age=31449600; Path=/; SameSite=Lax`,
  // Express (cookie@1 serialize order): Max-Age, Domain, Path, Expires, HttpOnly, Secure, SameSite.
  (r) =>
    `connect.sid=s%3A${chars(r, B64URL, 32)}.${chars(r, B64URL, 43)}; Path=/; Expires=${imfDate(STREAM_NOW + expiresOffset(r))}; HttpOnly${r() < 0.5 ? '; Secure; SameSite=Strict' : ''}`,
  (r) =>
    `XSRF-TOKEN=${chars(r, B64URL, 8)}-${chars(r, B64URL, 27)}; Max-Age=${int(r, 60, 86400)}; Domain=${pick(r, ['app.example.com', '.Example.com', 'example.org'])}; Path=/; Expires=${imfDate(STREAM_NOW + expiresOffset(r))}; Secure; SameSite=Lax`,
  // Analytics set from the server side: a leading-dot Domain, long Expires.
  (r) =>
    `_ga=GA1.1.${int(r, 1e8, 2e9)}.${epoch(r)}; Domain=.${pick(r, ['example.com', 'shop.example', 'news.example.net'])}; Path=/; Expires=${imfDate(STREAM_NOW + expiresOffset(r))}; Max-Age=${int(r, 1, 34_560_000)}`,
  // NextAuth: __Secure- and __Host- names, no Expires on the CSRF token.
  (r) =>
    `__Secure-next-auth.session-token=${jwt(r)}; Path=/; Expires=${imfDate(STREAM_NOW + expiresOffset(r))}; HttpOnly; Secure; SameSite=Lax`,
  (r) =>
    `__Host-next-auth.csrf-token=${chars(r, HEX, 64)}%7C${chars(r, HEX, 64)}; Path=/; HttpOnly; Secure; SameSite=Lax`,
  // Werkzeug/Flask order: Domain, Expires, Max-Age, Secure, HttpOnly, Path, SameSite.
  (r) => {
    const age = int(r, 60, 2_678_400);
    return `session=${chars(r, B64URL, 60)}.${chars(r, B64URL, 6)}.${chars(r, B64URL, 27)}; Expires=${imfDate(STREAM_NOW + age * 1000)}; Max-Age=${age}; Secure; HttpOnly; Path=/; SameSite=${pick(r, ['Lax', 'Strict', 'None'])}`;
  },
  // A shop: quoted value, Partitioned and Priority on embedded widgets, lowercase attributes.
  (r) =>
    `cart="${chars(r, HEX, 32)}"; path=/; expires=${imfDate(STREAM_NOW + expiresOffset(r))}; samesite=lax`,
  (r) =>
    `_shopify_y=${uuid(r)}; Domain=shop.example; Path=/; Expires=${imfDate(STREAM_NOW + expiresOffset(r))}; SameSite=None; Secure${r() < 0.3 ? '; Partitioned' : ''}${r() < 0.3 ? '; Priority=High' : ''}`,
  // Deleting a cookie: an Expires in the past.
  (r) => `ab_variant=; Path=/; Expires=${imfDate(STREAM_NOW - int(r, 1, 86400) * 1000)}; Max-Age=0`,
];

/** {@link STREAM_LENGTH} `Set-Cookie` lines as the sites above write them. */
export function setCookieLines(seed = 2, length = STREAM_LENGTH): string[] {
  const random = seeded(seed);
  return Array.from({ length }, () => flat(pick(random, WRITERS)(random)));
}

/** One `stringifySetCookie` call: name, value and options (every option a peer also takes). */
export interface CookieWrite {
  name: string;
  value: string;
  options: {
    expires: Date;
    maxAge?: number;
    domain?: string;
    path: string;
    secure?: boolean;
    httpOnly?: boolean;
    sameSite?: 'lax' | 'strict' | 'none';
  };
}

/** {@link STREAM_LENGTH} writes: a new value and a new `expires` Date on every one. */
export function cookieWrites(seed = 3, length = STREAM_LENGTH): CookieWrite[] {
  const random = seeded(seed);
  const writes: CookieWrite[] = [];
  for (let k = 0; k < length; k++) {
    const kind = int(random, 0, 3);
    const expires = new Date(STREAM_NOW + expiresOffset(random) + int(random, 0, 999));
    let write: CookieWrite;
    if (kind === 0) {
      write = {
        name: 'session',
        value: flat(
          `${chars(random, B64URL, 60)}.${chars(random, B64URL, 6)}.${chars(random, B64URL, 27)}`,
        ),
        options: { expires, path: '/', secure: true, httpOnly: true, sameSite: 'lax' },
      };
    } else if (kind === 1) {
      write = {
        name: 'csrftoken',
        value: flat(chars(random, ALNUM, 32)),
        options: { expires, maxAge: int(random, 60, 31_449_600), path: '/', sameSite: 'lax' },
      };
    } else if (kind === 2) {
      write = {
        name: '_ga',
        value: flat(`GA1.1.${int(random, 1e8, 2e9)}.${epoch(random)}`),
        options: { expires, domain: pick(random, ['example.com', '.shop.example']), path: '/' },
      };
    } else {
      write = {
        name: 'prefs',
        value: flat(`${pick(random, ['dark', 'light'])}.${pick(random, ['en', 'de', 'fr'])}`),
        options: {
          expires,
          path: pick(random, ['/', '/app', '/account/settings']),
          secure: random() < 0.5,
          sameSite: 'strict',
        },
      };
    }
    writes.push(write);
  }
  return writes;
}
