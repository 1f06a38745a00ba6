import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.js';
import { type FetchLike, fetchWithCookies } from './fetch.js';

/** A server stand-in: records each request, answers from a route table. */
function stub(
  routes: Record<string, { status?: number; location?: string; setCookie?: string[] }>,
) {
  const seen: Array<{ url: string; method: string; cookie: string | null }> = [];
  const fetchImpl: FetchLike = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    seen.push({
      url,
      method: init?.method ?? 'GET',
      cookie: new Headers(init?.headers).get('cookie'),
    });
    const route = routes[new URL(url).pathname] ?? {};
    const headers = new Headers();
    for (const line of route.setCookie ?? []) headers.append('set-cookie', line);
    if (route.location !== undefined) headers.set('location', route.location);
    return new Response(null, { status: route.status ?? 200, headers });
  };
  return { seen, fetchImpl };
}

describe('fetchWithCookies', () => {
  it('stores cookies from each hop and sends them on the next', async () => {
    const { seen, fetchImpl } = stub({
      '/login': { status: 303, location: '/home', setCookie: ['id=1; Path=/'] },
    });
    const jar = new CookieJar();
    const res = await fetchWithCookies(jar, fetchImpl)('https://e.example/login', {
      method: 'POST',
      body: 'x',
    });
    expect(res.status).toBe(200);
    expect(seen.map((s) => [new URL(s.url).pathname, s.method, s.cookie])).toEqual([
      ['/login', 'POST', null],
      ['/home', 'GET', 'id=1'],
    ]);
  });

  it('gives cross-site hops the Lax context', async () => {
    const { seen, fetchImpl } = stub({});
    const jar = new CookieJar();
    jar.setCookie('s=1; SameSite=Strict', 'https://e.example/');
    jar.setCookie('l=1; SameSite=Lax', 'https://e.example/');
    await fetchWithCookies(jar, fetchImpl, { siteForCookies: 'https://other.example' })(
      'https://e.example/',
    );
    expect(seen[0]?.cookie).toBe('l=1');
  });
});
