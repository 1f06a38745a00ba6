/**
 * shortbread/jar/tough where users plug a tough-cookie jar in: fetch-cookie (over Node's fetch),
 * axios-cookiejar-support (axios + http-cookie-agent's http agents, redirects by follow-redirects)
 * and http-cookie-agent's undici `CookieAgent` (undici's fetch). Each logs in through a redirect
 * that sets the session cookie, keeps it across requests, and logs out (Max-Age=0 deletes it),
 * against a real node:http server on a free port. tough-cookie's own jar runs the same script as
 * the control: the script must pass with it, so a failure with ours is ours.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { wrapper } from 'axios-cookiejar-support';
import fetchCookie from 'fetch-cookie';
import { CookieAgent } from 'http-cookie-agent/undici';
import { CookieJar as ToughJar } from 'tough-cookie';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToughCookieJar } from '../src/jar/tough/cookie-jar.js';

/** http-cookie-agent's types name tough-cookie's class (its CommonJS declaration). */
type AgentJar = NonNullable<
  NonNullable<ConstructorParameters<typeof CookieAgent>[0]>['cookies']
>['jar'];

let server: Server;
let base = '';
const seenCookies: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const cookie = req.headers.cookie ?? '';
    seenCookies.push(`${url.pathname} ${cookie}`);
    const sid = /(?:^|; )sid=([^;]*)/.exec(cookie)?.[1];
    if (url.pathname === '/login') {
      // The session cookie is set on the redirect itself: the client must store it before the next hop.
      res.writeHead(302, {
        location: '/account',
        'set-cookie': [
          'sid=alice-7f3a; Path=/; HttpOnly; SameSite=Lax',
          'theme=dark; Path=/account; Max-Age=3600',
        ],
      });
      res.end();
    } else if (url.pathname === '/account') {
      if (sid !== 'alice-7f3a') {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('who are you?');
        return;
      }
      const theme = /(?:^|; )theme=([^;]*)/.exec(cookie)?.[1] ?? 'none';
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`welcome alice (theme ${theme})`);
    } else if (url.pathname === '/logout') {
      res.writeHead(303, { location: '/account', 'set-cookie': 'sid=; Path=/; Max-Age=0' });
      res.end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** What a client does: GET a path (following redirects), answering with status and body. */
type Get = (path: string) => Promise<{ status: number; body: string }>;

interface Jar {
  getCookieStringSync(url: string): string;
}

/** The script every client runs: login via redirect, stay logged in, log out. */
async function loginScript(get: Get, jar: Jar): Promise<void> {
  expect(await get('/account')).toEqual({ status: 401, body: 'who are you?' });
  expect(await get('/login')).toEqual({ status: 200, body: 'welcome alice (theme dark)' });
  expect(jar.getCookieStringSync(`${base}/account`)).toBe('theme=dark; sid=alice-7f3a');
  // Kept across requests, and sent only where its path matches.
  expect(await get('/account')).toEqual({ status: 200, body: 'welcome alice (theme dark)' });
  expect(jar.getCookieStringSync(`${base}/`)).toBe('sid=alice-7f3a');
  // Logging out deletes it (through a 303), and the next request is anonymous again.
  expect(await get('/logout')).toEqual({ status: 401, body: 'who are you?' });
  expect(jar.getCookieStringSync(`${base}/`)).toBe('');
}

const jars = [
  { name: 'shortbread/jar/tough', make: () => new ToughCookieJar() },
  { name: 'tough-cookie (control)', make: () => new ToughJar() },
];

describe.each(jars)('fetch-cookie with $name', ({ make }) => {
  it('keeps a login across requests and a redirect', async () => {
    const jar = make();
    const fetchWithJar = fetchCookie(fetch, jar);
    await loginScript(async (path) => {
      const response = await fetchWithJar(`${base}${path}`);
      return { status: response.status, body: await response.text() };
    }, jar);
  });
});

describe.each(jars)('axios + axios-cookiejar-support with $name', ({ make }) => {
  it('keeps a login across requests and a redirect', async () => {
    const jar = make();
    // axios-cookiejar-support's types name tough-cookie's class; the jar is duck-typed at run time.
    const client = wrapper(
      axios.create({ jar: jar as unknown as ToughJar, validateStatus: () => true }),
    );
    await loginScript(async (path) => {
      const response = await client.get<string>(`${base}${path}`, { responseType: 'text' });
      return { status: response.status, body: response.data };
    }, jar);
  });
});

describe.each(jars)('http-cookie-agent (undici CookieAgent) with $name', ({ make }) => {
  it('keeps a login across requests and a redirect', async () => {
    const jar = make();
    const agent = new CookieAgent({ cookies: { jar: jar as unknown as AgentJar } });
    try {
      await loginScript(async (path) => {
        const response = await undiciFetch(`${base}${path}`, { dispatcher: agent });
        return { status: response.status, body: await response.text() };
      }, jar);
    } finally {
      await agent.close();
    }
  });
});

describe('the server saw the cookies on the wire', () => {
  it('got the session cookie on the redirect hop from every client', () => {
    const hops = seenCookies.filter(
      (line) => line.startsWith('/account sid=') || line.startsWith('/account theme='),
    );
    // 3 clients x 2 jars, each sends the cookie on the redirected hop and on the next request.
    expect(hops.length).toBeGreaterThanOrEqual(12);
  });
});
