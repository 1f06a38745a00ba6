import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.js';

const NOW = Date.UTC(2026, 10, 25, 12);
const at = (ms: number) => ({ now: NOW + ms });
const DAY = 86_400_000;

describe('CookieJar: storing (RFC 6265bis §5.7)', () => {
  it('stores a host-only cookie with the default path and reports its fields', () => {
    const jar = new CookieJar();
    const c = jar.setCookie('id=1', 'https://www.example.com/docs/page', { now: NOW });
    expect(c).toEqual({
      name: 'id',
      value: '1',
      domain: 'www.example.com',
      path: '/docs',
      hostOnly: true,
      secure: false,
      httpOnly: false,
      sameSite: 'unspecified',
      expires: undefined,
      creation: new Date(NOW),
      lastAccess: new Date(NOW),
      partitionKey: undefined,
      priority: 'medium',
    });
    expect(jar.getCookieHeader('https://www.example.com/docs/x', { now: NOW })).toBe('id=1');
    expect(jar.getCookieHeader('https://example.com/docs/x', { now: NOW })).toBe('');
  });

  it('keeps the value as received (no decoding)', () => {
    const jar = new CookieJar();
    jar.setCookie('a="x%20y"', 'https://example.com/', { now: NOW });
    expect(jar.getCookieHeader('https://example.com/', { now: NOW })).toBe('a="x%20y"');
  });

  it('stores domain cookies for subdomains and refuses foreign domains', () => {
    const jar = new CookieJar();
    expect(
      jar.setCookie('a=1; Domain=.Example.com', 'https://www.example.com/', { now: NOW }),
    ).toMatchObject({
      domain: 'example.com',
      hostOnly: false,
    });
    expect(jar.getCookieHeader('https://other.example.com/', { now: NOW })).toBe('a=1');
    expect(jar.setCookieResult('b=1; Domain=evil.com', 'https://www.example.com/').reason).toBe(
      'domain-mismatch',
    );
    expect(jar.setCookieResult('b=1; Domain=.', 'https://www.example.com/').reason).toBe(
      'invalid-domain',
    );
  });

  it('refuses public suffixes, but a Domain equal to a host without registrable domain is host-only (Chromium)', () => {
    const jar = new CookieJar();
    expect(jar.setCookieResult('a=1; Domain=co.uk', 'https://example.co.uk/').reason).toBe(
      'public-suffix',
    );
    expect(jar.setCookieResult('a=1; Domain=github.io', 'https://x.github.io/').reason).toBe(
      'public-suffix',
    );
    for (const url of [
      'http://localhost/',
      'http://127.0.0.1/',
      'http://intranet/',
      'https://co.uk/',
    ]) {
      const host = new URL(url).hostname;
      const c = jar.setCookie(`h=1; Domain=${host}`, url, { now: NOW });
      expect(c, url).toMatchObject({ hostOnly: true, domain: host });
    }
  });

  it('lets Max-Age win over Expires, and caps both at 400 days', () => {
    const jar = new CookieJar();
    const a = jar.setCookie(
      'a=1; Max-Age=60; Expires=Wed, 01 Jan 2020 00:00:00 GMT',
      'https://e.com/',
      { now: NOW },
    );
    expect(a?.expires?.getTime()).toBe(NOW + 60_000);
    const b = jar.setCookie('b=1; Max-Age=999999999', 'https://e.com/', { now: NOW });
    expect(b?.expires?.getTime()).toBe(NOW + 400 * DAY);
    const c = jar.setCookie('c=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT', 'https://e.com/', {
      now: NOW,
    });
    expect(c?.expires?.getTime()).toBe(NOW + 400 * DAY);
  });

  it('deletes with Max-Age=0 or a past Expires, and forgets a cookie after its Max-Age', () => {
    const jar = new CookieJar();
    jar.setCookie('flavor=chocolate; Max-Age=30', 'https://e.com/', { now: NOW });
    expect(jar.getCookieHeader('https://e.com/', at(29_000))).toBe('flavor=chocolate');
    expect(jar.getCookieHeader('https://e.com/', at(30_000))).toBe('');
    jar.setCookie('a=1', 'https://e.com/', { now: NOW });
    const r = jar.setCookieResult('a=1; Max-Age=0', 'https://e.com/', { now: NOW });
    expect(r).toMatchObject({ cookie: undefined, reason: 'expired', detail: 'cookie deleted' });
    jar.setCookie('b=1', 'https://e.com/', { now: NOW });
    jar.setCookie('b=1; Expires=Thu, 01 Jan 1970 00:00:01 GMT', 'https://e.com/', { now: NOW });
    expect(jar.getCookieHeader('https://e.com/', { now: NOW })).toBe('');
  });

  it('accepts Secure only from secure origins; localhost and 127.0.0.1 count', () => {
    const jar = new CookieJar();
    expect(jar.setCookieResult('s=1; Secure', 'http://example.com/').reason).toBe(
      'secure-insecure-origin',
    );
    expect(jar.setCookie('s=1; Secure', 'http://localhost:8080/', { now: NOW })).toBeDefined();
    expect(jar.setCookie('s=1; Secure', 'http://127.0.0.1:8080/', { now: NOW })).toBeDefined();
    expect(jar.getCookieHeader('http://127.0.0.1:9999/', { now: NOW })).toBe('s=1');
  });

  it('does not let an insecure origin overwrite or shadow a Secure cookie (§5.7 step 16)', () => {
    const jar = new CookieJar();
    jar.setCookie('id=secure; Secure; Path=/', 'https://example.com/', { now: NOW });
    expect(jar.setCookieResult('id=plain', 'http://example.com/').reason).toBe('overwrite-secure');
    expect(jar.setCookieResult('id=plain; Path=/sub', 'http://www.example.com/sub/x').reason).toBe(
      'overwrite-secure',
    );
    expect(jar.setCookieResult('id=gone; Max-Age=0', 'http://example.com/').reason).toBe(
      'overwrite-secure',
    );
    // A different name, or a path outside the secure cookie's, is fine.
    expect(jar.setCookie('other=1', 'http://example.com/', { now: NOW })).toBeDefined();
    expect(jar.setCookie('id=https', 'https://example.com/', { now: NOW })?.value).toBe('https');
  });

  it('hides HttpOnly cookies from the non-HTTP API and refuses them from it', () => {
    const jar = new CookieJar();
    jar.setCookie('session=1; HttpOnly', 'https://e.com/', { now: NOW });
    jar.setCookie('theme=dark', 'https://e.com/', { now: NOW });
    expect(jar.getCookieHeader('https://e.com/', { now: NOW, http: false })).toBe('theme=dark');
    expect(jar.getCookieHeader('https://e.com/', { now: NOW })).toBe('session=1; theme=dark');
    expect(jar.setCookieResult('x=1; HttpOnly', 'https://e.com/', { http: false }).reason).toBe(
      'httponly-non-http',
    );
    expect(jar.setCookieResult('session=2', 'https://e.com/', { http: false }).reason).toBe(
      'overwrite-httponly',
    );
  });

  it('applies the prefixes case-insensitively', () => {
    const jar = new CookieJar();
    const url = 'https://example.com/';
    expect(jar.setCookieResult('__Secure-a=1', url).reason).toBe('prefix');
    expect(jar.setCookieResult('__secure-a=1', url).reason).toBe('prefix');
    expect(jar.setCookie('__Secure-a=1; Secure', url)).toBeDefined();
    expect(jar.setCookieResult('__Host-a=1; Secure', url).reason).toBe('prefix'); // no Path=/
    expect(jar.setCookieResult('__HOST-a=1; Secure; Path=/; Domain=example.com', url).reason).toBe(
      'prefix',
    );
    expect(jar.setCookie('__Host-a=1; Secure; Path=/', url)).toBeDefined();
    expect(jar.setCookieResult('__Http-a=1; Secure', url).reason).toBe('prefix');
    expect(jar.setCookie('__Http-a=1; Secure; HttpOnly', url)).toBeDefined();
    expect(jar.setCookieResult('__Host-x', url).reason).toBe('nameless-prefix');
    expect(jar.setCookieResult('=__secure-x', url).reason).toBe('nameless-prefix');
  });

  it('stores nameless cookies and sends them as the value alone', () => {
    const jar = new CookieJar();
    jar.setCookie('token', 'https://e.com/', { now: NOW });
    jar.setCookie('a=1', 'https://e.com/', { now: NOW + 1 });
    expect(jar.getCookieHeader('https://e.com/', { now: NOW })).toBe('token; a=1');
  });

  it('enforces SameSite on storing: cross-site non-navigation responses need SameSite=None', () => {
    const jar = new CookieJar();
    const url = 'https://api.example.com/';
    expect(jar.setCookieResult('a=1', url, { sameSiteContext: 'none' }).reason).toBe(
      'samesite-cross-site',
    );
    expect(jar.setCookieResult('a=1; SameSite=Lax', url, { sameSiteContext: 'none' }).reason).toBe(
      'samesite-cross-site',
    );
    expect(jar.setCookie('a=1; SameSite=Strict', url, { sameSiteContext: 'lax' })).toBeDefined();
    expect(
      jar.setCookie('b=1; SameSite=None; Secure', url, { sameSiteContext: 'none' }),
    ).toBeDefined();
    expect(jar.setCookieResult('c=1; SameSite=None', url).reason).toBe('samesite-none-insecure');
  });

  it('keeps the creation time on overwrite only when the value is unchanged (Chromium)', () => {
    const jar = new CookieJar();
    jar.setCookie('a=1', 'https://e.com/', at(0));
    jar.setCookie('b=1', 'https://e.com/', at(1000));
    jar.setCookie('a=1', 'https://e.com/', at(2000)); // same value: keeps its place
    expect(jar.getCookieHeader('https://e.com/', at(3000))).toBe('a=1; b=1');
    jar.setCookie('a=2', 'https://e.com/', at(4000)); // new value: moves after b
    expect(jar.getCookieHeader('https://e.com/', at(5000))).toBe('b=1; a=2');
    expect(jar.allCookies()).toHaveLength(2);
  });

  it('treats host-only and domain cookies of the same name as distinct', () => {
    const jar = new CookieJar();
    jar.setCookie('a=host', 'https://example.com/', at(0));
    jar.setCookie('a=domain; Domain=example.com', 'https://example.com/', at(1));
    expect(jar.getCookieHeader('https://example.com/', at(2))).toBe('a=host; a=domain');
  });

  it('reads a Headers object with getSetCookie()', () => {
    const jar = new CookieJar();
    const headers = new Headers();
    headers.append('Set-Cookie', 'a=1; Path=/');
    headers.append('Set-Cookie', 'b=2, c=3; Path=/');
    headers.append('Set-Cookie', 'bad=1; Secure');
    const stored = jar.setFromResponse('http://e.com/', headers, { now: NOW });
    expect(stored.map((c) => c.name)).toEqual(['a', 'b']);
    expect(jar.getCookieHeader('http://e.com/', { now: NOW })).toBe('a=1; b=2, c=3');
  });

  it('says why a URL cannot hold cookies and never throws on bad input', () => {
    const jar = new CookieJar();
    expect(jar.setCookieResult('a=1', 'not a url').reason).toBe('invalid-url');
    expect(jar.setCookieResult('a=1', 'file:///tmp/x').reason).toBe('invalid-url');
    expect(jar.setCookieResult('', 'https://e.com/').reason).toBe('invalid-syntax');
    expect(jar.getCookies('nope')).toEqual([]);
  });

  it('keys nothing on a plain object: __proto__ is a name and a domain like any', () => {
    const jar = new CookieJar();
    jar.setCookie('__proto__=1', 'https://e.com/', { now: NOW });
    jar.setCookie('constructor=2', 'https://e.com/', { now: NOW });
    expect(jar.getCookieHeader('https://e.com/', { now: NOW })).toBe('__proto__=1; constructor=2');
    expect(jar.setCookieResult('a=1; Domain=__proto__', 'https://e.com/').reason).toBe(
      'public-suffix',
    );
    expect(({} as Record<string, unknown>).domain).toBeUndefined();
  });
});

describe('CookieJar: sending (RFC 6265bis §5.8.3)', () => {
  it('orders by longest path, then earliest creation', () => {
    const jar = new CookieJar();
    jar.setCookie('a=1; Path=/', 'https://e.com/', at(0));
    jar.setCookie('b=1; Path=/docs/api', 'https://e.com/', at(1));
    jar.setCookie('c=1; Path=/docs', 'https://e.com/', at(2));
    jar.setCookie('d=1; Path=/', 'https://e.com/', at(3));
    expect(jar.getCookieHeader('https://e.com/docs/api/x', at(4))).toBe('b=1; c=1; a=1; d=1');
  });

  it('sends Secure cookies only to secure origins', () => {
    const jar = new CookieJar();
    jar.setCookie('s=1; Secure', 'https://e.com/', at(0));
    expect(jar.getCookieHeader('http://e.com/', at(1))).toBe('');
    expect(jar.getCookieHeader('wss://e.com/', at(1))).toBe('s=1');
  });

  it('enforces SameSite against the context, with Lax by default and the 2-minute Lax+POST', () => {
    const jar = new CookieJar();
    const u = 'https://e.com/';
    jar.setCookie('strict=1; SameSite=Strict', u, at(0));
    jar.setCookie('lax=1; SameSite=Lax', u, at(1));
    jar.setCookie('none=1; SameSite=None; Secure', u, at(2));
    jar.setCookie('default=1', u, at(3));
    expect(jar.getCookieHeader(u, { ...at(10), sameSiteContext: 'strict' })).toBe(
      'strict=1; lax=1; none=1; default=1',
    );
    expect(jar.getCookieHeader(u, { ...at(10), sameSiteContext: 'lax' })).toBe(
      'lax=1; none=1; default=1',
    );
    expect(jar.getCookieHeader(u, { ...at(10), sameSiteContext: 'lax-allowing-unsafe' })).toBe(
      'none=1; default=1',
    );
    expect(
      jar.getCookieHeader(u, { ...at(3 * 60_000), sameSiteContext: 'lax-allowing-unsafe' }),
    ).toBe('none=1');
    expect(jar.getCookieHeader(u, { ...at(10), sameSiteContext: 'none' })).toBe('none=1');
  });

  it('keys Partitioned cookies by the top-level site (CHIPS)', () => {
    const jar = new CookieJar();
    const embed = 'https://widget.example/frame';
    const r = jar.setCookieResult('p=1; Secure; Partitioned; SameSite=None', embed, {
      ...at(0),
      topLevelSite: 'https://news.site.example/article',
    });
    expect(r.cookie?.partitionKey).toBe('https://site.example');
    expect(
      jar.getCookieHeader(embed, { ...at(1), topLevelSite: 'https://www.site.example/' }),
    ).toBe('p=1');
    expect(jar.getCookieHeader(embed, { ...at(1), topLevelSite: 'https://other.example/' })).toBe(
      '',
    );
    expect(jar.getCookieHeader(embed, at(1))).toBe('');
    expect(jar.setCookieResult('q=1; Partitioned', 'http://e.com/').reason).toBe(
      'partitioned-insecure',
    );
  });

  it('updates last access at most once a minute, and removes expired cookies', () => {
    const jar = new CookieJar();
    jar.setCookie('a=1; Max-Age=3600', 'https://e.com/', at(0));
    jar.setCookie('b=1', 'https://e.com/', at(0));
    expect(jar.getCookies('https://e.com/', at(30_000))[0]?.lastAccess.getTime()).toBe(NOW);
    expect(jar.getCookies('https://e.com/', at(90_000))[0]?.lastAccess.getTime()).toBe(
      NOW + 90_000,
    );
    expect(
      jar
        .allCookies()
        .find((c) => c.name === 'a')
        ?.lastAccess.getTime(),
    ).toBe(NOW + 90_000);
    expect(jar.removeExpired(NOW + 3_600_000)).toBe(1);
    expect(jar.allCookies().map((c) => c.name)).toEqual(['b']);
    jar.clear();
    expect(jar.allCookies()).toEqual([]);
  });
});

describe('CookieJar: order after import and overwrite', () => {
  it('sorts cookies imported out of creation order', () => {
    const jar = new CookieJar();
    const base = {
      value: '1',
      domain: 'e.com',
      hostOnly: true,
      secure: false,
      httpOnly: false,
      sameSite: 'unspecified' as const,
      expires: undefined,
      partitionKey: undefined,
      priority: 'medium' as const,
    };
    jar.importCookies([
      { ...base, name: 'late', path: '/', creation: new Date(NOW + 2), lastAccess: new Date(NOW) },
      { ...base, name: 'deep', path: '/a', creation: new Date(NOW + 3), lastAccess: new Date(NOW) },
      { ...base, name: 'early', path: '/', creation: new Date(NOW + 1), lastAccess: new Date(NOW) },
    ]);
    expect(jar.getCookieHeader('https://e.com/a/b', { now: NOW })).toBe('deep=1; early=1; late=1');
  });
});

describe('CookieJar: properties', () => {
  it('never throws on received lines, and what it sends back obeys §5.8.3', () => {
    const hosts = [
      'https://a.example.com/x/y',
      'http://example.com/',
      'http://localhost/p',
      'https://co.uk/',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.string(),
              fc.stringMatching(
                /^[a-z]{1,3}=[a-z]{0,3}(; ?(Path=\/[a-z]?|Domain=\.?[a-z.]{0,12}|Secure|HttpOnly|Max-Age=-?\d|SameSite=(Lax|None|Strict)|Partitioned)){0,4}$/,
              ),
            ),
            fc.constantFrom(...hosts),
          ),
          { maxLength: 12 },
        ),
        fc.constantFrom(...hosts),
        (sets, readUrl) => {
          const jar = new CookieJar();
          for (const [line, url] of sets) jar.setCookie(line, url, { now: NOW });
          const sent = jar.getCookies(readUrl, { now: NOW });
          const url = new URL(readUrl);
          for (let i = 0; i < sent.length; i++) {
            const c = sent[i] as (typeof sent)[number];
            expect(c.hostOnly ? c.domain === url.hostname : url.hostname.endsWith(c.domain)).toBe(
              true,
            );
            expect(url.pathname.startsWith(c.path)).toBe(true);
            if (c.secure)
              expect(url.protocol === 'https:' || url.hostname === 'localhost').toBe(true);
            const prev = sent[i - 1];
            if (prev !== undefined) expect(prev.path.length).toBeGreaterThanOrEqual(c.path.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
