/**
 * The jar has two read paths: the fast one over a store that keeps its sending order and hands out its
 * own records (MemoryJarStore: `scanInSendOrder`, touch by reference, kept cookie pairs), and the
 * generic one over a store with only the required methods (copies, a sort per read, touch by
 * identity). Random sequences of writes and reads must get identical answers from both.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../src/jar/cookie-jar.js';
import { type JarStore, sameIdentity } from '../src/jar/stores/jar-store.js';
import type { CookieIdentity, JarCookie, JarRequestOptions } from '../src/jar/types.js';

/** The required methods only, over plain copies. */
class PlainStore implements JarStore {
  #groups = new Map<string, JarCookie[]>();
  findByKey(key: string, name?: string): JarCookie[] {
    const group = this.#groups.get(key) ?? [];
    return group.filter((c) => name === undefined || c.name === name).map((c) => ({ ...c }));
  }
  countByKey(key: string): number {
    return this.#groups.get(key)?.length ?? 0;
  }
  put(key: string, cookie: JarCookie): void {
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = [];
      this.#groups.set(key, group);
    }
    const at = group.findIndex((c) => sameIdentity(c, cookie));
    if (at === -1) group.push({ ...cookie });
    else group[at] = { ...cookie };
  }
  remove(key: string, identity: CookieIdentity): boolean {
    const group = this.#groups.get(key);
    const at = group?.findIndex((c) => sameIdentity(c, identity)) ?? -1;
    if (group === undefined || at === -1) return false;
    group.splice(at, 1);
    if (group.length === 0) this.#groups.delete(key);
    return true;
  }
  touch(key: string, cookies: readonly CookieIdentity[], lastAccess: Date): void {
    const group = this.#groups.get(key) ?? [];
    for (const id of cookies) {
      const c = group.find((g) => sameIdentity(g, id));
      if (c !== undefined) c.lastAccess = new Date(lastAccess.getTime());
    }
  }
  keys(): string[] {
    return [...this.#groups.keys()];
  }
  all(): JarCookie[] {
    return [...this.#groups.values()].flat().map((c) => ({ ...c }));
  }
  get size(): number {
    let n = 0;
    for (const group of this.#groups.values()) n += group.length;
    return n;
  }
  clear(): void {
    this.#groups.clear();
  }
}

const NOW = Date.UTC(2026, 10, 25, 12);
const urls = [
  'https://www.example.com/app/page',
  'https://www.example.com/',
  'http://www.example.com/app',
  'https://a.b.example.com/app/x/y',
  'https://example.com/other',
  'http://localhost:8080/app/',
  'https://127.0.0.1/',
  'https://widget.example/frame',
];
/** Mostly well-formed lines over a few names, so cookies pile up, overwrite and shadow each other. */
const wellFormed = fc
  .tuple(
    fc.constantFrom('a', 'b', 'c', 'd', ''),
    fc.constantFrom('1', '1', '2'),
    fc.uniqueArray(
      fc.constantFrom(
        'Path=/',
        'Path=/app',
        'Path=/app/x',
        'Path=/other',
        'Domain=example.com',
        'Domain=.www.example.com',
        'Domain=b.example.com',
        'Domain=localhost',
        'Secure',
        'HttpOnly',
        'Max-Age=0',
        'Max-Age=30',
        'Max-Age=90',
        'Max-Age=3600',
        'SameSite=Lax',
        'SameSite=Strict',
        'SameSite=None',
        'Partitioned',
      ),
      { maxLength: 5 },
    ),
  )
  .map(([name, value, attributes]) =>
    [name === '' ? value : `${name}=${value}`, ...attributes].join('; '),
  );
const line = fc.oneof(
  { arbitrary: wellFormed, weight: 9 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);
/** Clock steps: the same millisecond (ties in creation time), under and over a minute, back in time. */
const step = fc.constantFrom(0, 0, 1, 30_000, 61_000, 125_000, 3_600_000, -5_000);
const readOptions = fc.record({
  http: fc.boolean(),
  sameSiteContext: fc.constantFrom('strict', 'lax', 'lax-allowing-unsafe', 'none'),
  topLevelSite: fc.constantFrom(undefined, 'https://news.example/', 'https://www.example.com/'),
});
const cookieAt = (creation: number) => ({
  value: 'i',
  domain: 'example.com',
  hostOnly: false,
  secure: false,
  httpOnly: false,
  sameSite: 'unspecified' as const,
  expires: undefined,
  creation: new Date(creation),
  lastAccess: new Date(creation),
  partitionKey: undefined,
  priority: 'medium' as const,
});
const op = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      line,
      // Mostly one host, so writes land on cookies that reads have already put in order.
      url: fc.oneof(
        { arbitrary: fc.constant('https://www.example.com/app/x/page'), weight: 3 },
        { arbitrary: fc.constantFrom(...urls), weight: 2 },
      ),
      step,
    }),
    weight: 4,
  },
  // Imported cookies arrive out of creation order, so the kept order must really sort.
  fc.record({
    kind: fc.constant('import' as const),
    name: fc.constantFrom('a', 'i', 'j'),
    path: fc.constantFrom('/', '/app'),
    creationOffset: fc.integer({ min: -200_000, max: 200_000 }),
  }),
  fc.record({
    kind: fc.constantFrom('header' as const, 'cookies' as const),
    url: fc.constantFrom(...urls),
    step,
    options: readOptions,
  }),
  fc.record({ kind: fc.constant('remove-expired' as const), step }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
);

describe('CookieJar read paths', () => {
  it('answers the same over MemoryJarStore (kept order, references) and over a plain store', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 4, maxLength: 40, size: 'max' }), (ops) => {
        const fast = new CookieJar();
        const plain = new CookieJar({ store: new PlainStore() });
        let now = NOW;
        for (const o of ops) {
          if ('step' in o) now += o.step;
          if (o.kind === 'set') {
            const options = { now, topLevelSite: 'https://news.example/' };
            expect(fast.setCookie(o.line, o.url, options)).toEqual(
              plain.setCookie(o.line, o.url, options),
            );
          } else if (o.kind === 'header' || o.kind === 'cookies') {
            const options: JarRequestOptions = { ...o.options, now };
            if (o.kind === 'header') {
              expect(fast.getCookieHeader(o.url, options)).toBe(
                plain.getCookieHeader(o.url, options),
              );
            } else {
              expect(fast.getCookies(o.url, options)).toEqual(plain.getCookies(o.url, options));
            }
          } else if (o.kind === 'import') {
            const cookie = { ...cookieAt(now + o.creationOffset), name: o.name, path: o.path };
            expect(fast.importCookies([cookie], { now })).toBe(
              plain.importCookies([cookie], { now }),
            );
          } else if (o.kind === 'remove-expired') {
            expect(fast.removeExpired(now)).toBe(plain.removeExpired(now));
          } else if ('pick' in o) {
            const all = plain.allCookies();
            const victim = all[o.pick % Math.max(all.length, 1)];
            if (victim !== undefined)
              expect(fast.removeCookie(victim)).toBe(plain.removeCookie(victim));
          }
          expect(fast.allCookies()).toEqual(plain.allCookies());
        }
      }),
      { numRuns: 400 },
    );
  });

  it('sends in the same order when creation times tie, after overwrites and removals', () => {
    const jar = new CookieJar();
    const u = 'https://e.com/a/b';
    for (const name of ['x', 'y', 'z', 'w']) jar.setCookie(`${name}=1; Path=/`, u, { now: NOW });
    jar.setCookie('deep=1; Path=/a', u, { now: NOW });
    expect(jar.getCookieHeader(u, { now: NOW })).toBe('deep=1; x=1; y=1; z=1; w=1');
    // Same value: creation kept, place kept. New value: a new creation time, so it goes last.
    jar.setCookie('y=1; Path=/', u, { now: NOW + 5 });
    jar.setCookie('x=2; Path=/', u, { now: NOW + 5 });
    expect(jar.getCookieHeader(u, { now: NOW + 6 })).toBe('deep=1; y=1; z=1; w=1; x=2');
    jar.setCookie('z=1; Path=/; Max-Age=0', u, { now: NOW + 7 });
    jar.setCookie('deeper=1; Path=/a/b', u, { now: NOW + 8 });
    expect(jar.getCookieHeader(u, { now: NOW + 9 })).toBe('deeper=1; deep=1; y=1; w=1; x=2');
  });

  it('sends the new record of a cookie sent again with the same value and new attributes', () => {
    const jar = new CookieJar();
    jar.setCookie('a=1; Max-Age=3600', 'https://e.com/', { now: NOW });
    jar.setCookie('b=1', 'https://e.com/', { now: NOW });
    expect(jar.getCookieHeader('http://e.com/', { now: NOW })).toBe('a=1; b=1');
    jar.setCookie('a=1; Secure', 'https://e.com/', { now: NOW + 10 });
    expect(jar.getCookieHeader('http://e.com/', { now: NOW + 20 })).toBe('b=1');
    const [a] = jar.getCookies('https://e.com/', { now: NOW + 20 });
    expect([a?.name, a?.secure, a?.expires, a?.creation.getTime()]).toEqual([
      'a',
      true,
      undefined,
      NOW,
    ]);
  });

  it('puts a cookie set after a read behind those level with it (same path length and creation)', () => {
    const jar = new CookieJar();
    const u = 'https://e.com/';
    jar.setCookie('a=1', u, { now: NOW });
    jar.setCookie('b=1', u, { now: NOW });
    expect(jar.getCookieHeader(u, { now: NOW })).toBe('a=1; b=1');
    jar.setCookie('c=1', u, { now: NOW });
    jar.setCookie('d=1; Path=/x', u, { now: NOW - 1 });
    expect(jar.getCookieHeader('https://e.com/x', { now: NOW })).toBe('d=1; a=1; b=1; c=1');
    jar.setCookie('b=2', u, { now: NOW });
    expect(jar.getCookieHeader('https://e.com/x', { now: NOW })).toBe('d=1; a=1; c=1; b=2');
  });
});
