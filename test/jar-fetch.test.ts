/**
 * fetchWithCookies against real node:http servers on two origins (127.0.0.1 and localhost, two
 * different sites): cookies sent and stored on every hop, 301/302/303/307/308 method rules,
 * credentials dropped across origins, and SameSite on a cross-site redirect chain.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../src/jar/cookie-jar.js';
import { fetchWithCookies } from '../src/jar/fetch.js';

interface Seen {
  method: string;
  path: string;
  cookie: string | undefined;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

let a: Server;
let b: Server;
let A = '';
let B = '';
const seen: Seen[] = [];

async function read(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

function handler(self: () => string, other: () => string) {
  return async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const url = new URL(req.url ?? '/', self());
    seen.push({
      method: req.method ?? '',
      path: url.pathname,
      cookie: req.headers.cookie,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: await read(req),
    });
    const to = url.searchParams.get('to');
    const status = Number(url.searchParams.get('status') ?? 302);
    switch (url.pathname) {
      case '/login':
        res.setHeader('Set-Cookie', [
          'session=s1; Path=/; HttpOnly',
          'strict=1; SameSite=Strict',
          'lax=1; SameSite=Lax',
        ]);
        res.writeHead(302, { Location: '/home' }).end();
        return;
      case '/redirect':
        res.setHeader('Set-Cookie', `hop${status}=1; Path=/`);
        res
          .writeHead(status, { Location: to === 'other' ? `${other()}/echo` : (to ?? '/echo') })
          .end();
        return;
      case '/loop':
        res.writeHead(302, { Location: '/loop' }).end();
        return;
      default:
        res.end(req.headers.cookie ?? '');
    }
  };
}

async function listen(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  a = createServer(
    handler(
      () => A,
      () => B,
    ),
  );
  b = createServer(
    handler(
      () => B,
      () => A,
    ),
  );
  A = await listen(a, '127.0.0.1');
  B = await listen(b, 'localhost');
});

afterAll(async () => {
  await Promise.all([a, b].map((s) => new Promise<void>((r) => s.close(() => r()))));
});

function last(n = 1): Seen[] {
  return seen.slice(-n);
}

describe('fetchWithCookies', () => {
  it('stores cookies from a redirect hop and sends them on the next', async () => {
    const jar = new CookieJar();
    const f = fetchWithCookies(jar);
    const res = await f(`${A}/login`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('session=s1; strict=1; lax=1');
    expect(last(2).map((s) => s.path)).toEqual(['/login', '/home']);
    expect(last()[0]?.cookie).toBe('session=s1; strict=1; lax=1');
    expect(jar.getCookieHeader(`${A}/`)).toBe('session=s1; strict=1; lax=1');
  });

  it.each([
    [303, 'PUT', 'GET', ''],
    [302, 'POST', 'GET', ''],
    [301, 'POST', 'GET', ''],
    [302, 'PUT', 'PUT', 'data'],
    [307, 'POST', 'POST', 'data'],
    [308, 'POST', 'POST', 'data'],
  ])('%i after %s continues as %s', async (status, method, expected, body) => {
    const jar = new CookieJar();
    const f = fetchWithCookies(jar);
    await f(`${A}/redirect?status=${status}`, {
      method,
      body: 'data',
      headers: { 'content-type': 'text/plain' },
    });
    const [hop, target] = last(2);
    expect(hop?.body).toBe('data');
    expect(target?.method).toBe(expected);
    expect(target?.body).toBe(body);
    expect(target?.contentType).toBe(body === '' ? undefined : 'text/plain');
    expect(target?.cookie).toBe(`hop${status}=1`);
  });

  it('drops Authorization and a caller Cookie across origins, keeps them same-origin', async () => {
    const jar = new CookieJar();
    jar.setCookie('b=1', `${B}/`);
    const f = fetchWithCookies(jar);
    await f(`${A}/redirect?to=/echo`, { headers: { authorization: 'Bearer x', cookie: 'mine=1' } });
    expect(last()[0]).toMatchObject({ authorization: 'Bearer x', cookie: 'mine=1; hop302=1' });
    await f(`${A}/redirect?to=other`, { headers: { authorization: 'Bearer x', cookie: 'mine=1' } });
    const [hop, target] = last(2);
    expect(hop).toMatchObject({ authorization: 'Bearer x', cookie: 'mine=1; hop302=1' });
    expect(target?.authorization).toBeUndefined();
    expect(target?.cookie).toBe('b=1'); // only the target's own cookies
  });

  it('withholds SameSite=Strict cookies after a cross-site hop, sends Lax on a top-level GET', async () => {
    const jar = new CookieJar();
    jar.setCookie('strict=1; SameSite=Strict', `${B}/`);
    jar.setCookie('lax=1; SameSite=Lax', `${B}/`);
    jar.setCookie('none=1; SameSite=None; Secure', `${B}/`); // localhost is a secure origin
    const f = fetchWithCookies(jar);
    await f(`${A}/redirect?to=other`);
    expect(last()[0]?.cookie).toBe('lax=1; none=1');
    await f(`${B}/echo`);
    expect(last()[0]?.cookie).toBe('strict=1; lax=1; none=1');
    const sub = fetchWithCookies(jar, fetch, { topLevel: false, siteForCookies: A });
    await sub(`${B}/echo`);
    expect(last()[0]?.cookie).toBe('none=1');
  });

  it('judges each hop against the initiating site (Chromium), or the whole chain on request (§5.2.1)', async () => {
    const jar = new CookieJar();
    jar.setCookie('strict=1; SameSite=Strict', `${B}/`);
    const bounce = `${A}/redirect?to=other`; // B -> A -> B, initiated from B
    await fetchWithCookies(jar, fetch, { siteForCookies: B })(
      `${B}/redirect?to=${encodeURIComponent(bounce)}`,
    );
    expect(last()[0]).toMatchObject({ path: '/echo', cookie: 'strict=1; hop302=1' });
    await fetchWithCookies(jar, fetch, { siteForCookies: B, considerRedirectChain: true })(
      `${B}/redirect?to=${encodeURIComponent(bounce)}`,
    );
    expect(last()[0]).toMatchObject({ path: '/echo', cookie: 'hop302=1' });
  });

  it('returns the redirect itself with redirect: "manual" (cookies still stored)', async () => {
    const jar = new CookieJar();
    const res = await fetchWithCookies(jar)(`${A}/login`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/home');
    expect(jar.getCookieHeader(`${A}/`)).toContain('session=s1');
  });

  it('fails after too many redirects, and on redirect: "error"', async () => {
    const f = fetchWithCookies(new CookieJar(), fetch, { maxRedirects: 3 });
    await expect(f(`${A}/loop`)).rejects.toThrow(/more than 3 redirects/);
    await expect(f(`${A}/loop`, { redirect: 'error' })).rejects.toThrow(TypeError);
  });
});
