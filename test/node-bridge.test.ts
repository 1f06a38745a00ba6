/**
 * Flask's API on Fetch (`server/`) through the Node bridge. Every case runs twice, as h3's test
 * matrix does: once calling the Fetch handler directly ("web"), once over a real node:http server
 * ("node"), so the bridge is held to what the handler does on its own.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSetCookie } from '../src/codec/set-cookie.js';
import { makeResponse, RequestCookies } from '../src/index.js';
import { type FetchHandler, type Serving, serve } from '../src/node.js';

/** What a test sees of a response, whichever way it travelled. */
interface Seen {
  status: number;
  setCookie: string[];
  contentType: string | null;
  contentEncoding: string | null;
  body: string;
}

interface Client {
  /** `headers` are raw lines, so a header can be repeated. */
  send(
    path: string,
    init?: { method?: string; headers?: Array<[string, string]>; body?: string },
  ): Promise<Seen>;
}

/** A day from now, whole seconds (Expires has no fraction), inside the 400-day cap. */
const EXPIRES = Math.floor(Date.now() / 1000) * 1000 + 86_400_000;

/** An upstream that answers gzip, for the handlers that proxy it with fetch(). */
let upstream: Server | undefined;
let upstreamUrl = '';

beforeAll(async () => {
  const gzip = gzipSync('proxied text');
  upstream = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/plain',
      'content-encoding': 'gzip',
      'content-length': String(gzip.length),
    });
    res.end(gzip);
  });
  await new Promise<void>((resolve) => upstream?.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

const handler: FetchHandler = async (request) => {
  const url = new URL(request.url);
  const cookies = new RequestCookies(request);
  switch (url.pathname) {
    case '/echo':
      return makeResponse({
        cookies: cookies.toObject(),
        all: cookies.getAll('a'),
        method: request.method,
        body: request.body === null ? null : await request.text(),
      });
    case '/paths':
      // The same name on two paths is two cookies, and the delete names the path it removes.
      return makeResponse('paths')
        .setCookie('a', '1', { path: '/x' })
        .setCookie('a', '2', { path: '/y' })
        .setCookie('a', '3', { path: '/x' })
        .deleteCookie('old', { path: '/y', domain: 'example.com' });
    case '/many': {
      const response = makeResponse('', 201);
      for (let i = 0; i < 50; i++) {
        response.setCookie(`c${i}`, `v ${i}`, { expires: EXPIRES, httpOnly: true });
      }
      return response;
    }
    case '/copy': {
      const inner = new Response('copied', { status: 202, headers: { 'x-inner': '1' } });
      inner.headers.append('set-cookie', 'inner=1; Path=/');
      return makeResponse(inner).setCookie('outer', '2');
    }
    case '/proxy':
      // Straight from fetch(): its body is already decompressed.
      return fetch(upstreamUrl);
    case '/proxy-copy':
      return makeResponse(await fetch(upstreamUrl)).setCookie('via', 'proxy');
    default:
      return makeResponse('missing', 404);
  }
};

async function seen(response: Response): Promise<Seen> {
  return {
    status: response.status,
    setCookie: response.headers.getSetCookie(),
    contentType: response.headers.get('content-type'),
    contentEncoding: response.headers.get('content-encoding'),
    body: await response.text(),
  };
}

const web: Client = {
  async send(path, init) {
    const headers = new Headers();
    for (const [name, value] of init?.headers ?? []) headers.append(name, value);
    const request = new Request(`http://localhost${path}`, {
      method: init?.method ?? 'GET',
      headers,
      ...(init?.body === undefined ? {} : { body: init.body }),
    });
    return seen(await handler(request));
  },
};

function nodeClient(serving: () => Serving): Client {
  return {
    send(path, init) {
      return new Promise((resolve, reject) => {
        // With raw header lines Node adds no Host of its own.
        const flat: string[] = ['host', new URL(serving().url).host];
        for (const [name, value] of init?.headers ?? []) flat.push(name, value);
        const req = httpRequest(
          `${serving().url}${path}`,
          { method: init?.method ?? 'GET', headers: flat },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              body += chunk;
            });
            res.on('end', () => {
              const raw = res.headers['set-cookie'];
              resolve({
                status: res.statusCode ?? 0,
                setCookie: raw ?? [],
                contentType: res.headers['content-type'] ?? null,
                contentEncoding: res.headers['content-encoding'] ?? null,
                body,
              });
            });
          },
        );
        req.on('error', reject);
        req.end(init?.body);
      });
    },
  };
}

function run(client: () => Client, kind: 'web' | 'node'): void {
  it('reads repeated Cookie header lines as one list', async () => {
    const { body } = await client().send('/echo', {
      headers: [
        ['cookie', 'a=1; b=2'],
        ['cookie', 'a=3; chocolate type=dark'],
      ],
    });
    expect(JSON.parse(body)).toMatchObject({
      cookies: { a: '1', b: '2', 'chocolate type': 'dark' },
      all: ['1', '3'],
    });
  });

  it('passes a request body through', async () => {
    const { body } = await client().send('/echo', {
      method: 'POST',
      headers: [['content-type', 'text/plain']],
      body: 'flavor=chocolate chip',
    });
    expect(JSON.parse(body)).toMatchObject({ method: 'POST', body: 'flavor=chocolate chip' });
  });

  it('sends one header per (name, domain, path), the last set winning in place', async () => {
    const { setCookie, body } = await client().send('/paths');
    expect(body).toBe('paths');
    expect(setCookie.map((line) => parseSetCookie(line))).toMatchObject([
      { name: 'a', value: '3', path: '/x' },
      { name: 'a', value: '2', path: '/y' },
      { name: 'old', value: '', path: '/y', domain: 'example.com', maxAge: 0 },
    ]);
    expect(setCookie[2]).toContain('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  });

  it('keeps 50 Set-Cookie headers apart, Expires commas and all', async () => {
    const { status, setCookie } = await client().send('/many');
    expect(status).toBe(201);
    expect(setCookie).toHaveLength(50);
    setCookie.forEach((line, i) => {
      expect(parseSetCookie(line)).toMatchObject({
        name: `c${i}`,
        value: `v ${i}`,
        httpOnly: true,
        expires: new Date(EXPIRES),
      });
    });
  });

  it('copies a Response with its cookies and adds more', async () => {
    const { status, setCookie, body } = await client().send('/copy');
    expect(status).toBe(202);
    expect(body).toBe('copied');
    expect(setCookie).toEqual(['inner=1; Path=/', 'outer=2; Path=/']);
  });

  it.each([
    ['/proxy', []],
    ['/proxy-copy', ['via=proxy; Path=/']],
  ])(
    'sends on a fetch() response (%s) without the Content-Encoding it no longer has',
    async (path, cookies) => {
      const seen = await client().send(path);
      expect(seen.body).toBe('proxied text');
      expect(seen.setCookie).toEqual(cookies);
      expect(seen.contentType).toBe('text/plain');
      // Called directly, the handler's own fetch() Response still says gzip; what leaves the server
      // (node), and any copy made by makeResponse, does not.
      if (kind === 'node' || path === '/proxy-copy') expect(seen.contentEncoding).toBeNull();
    },
  );

  it('answers 404 as HTML', async () => {
    const { status, contentType } = await client().send('/nowhere');
    expect(status).toBe(404);
    expect(contentType).toBe('text/html; charset=utf-8');
  });
}

describe('server/ through the bridge', () => {
  describe('web (the handler called directly)', () => {
    run(() => web, 'web');
  });

  describe('node (a real node:http server)', () => {
    let serving: Serving | undefined;
    const errors: unknown[] = [];
    beforeAll(async () => {
      serving = await serve(handler, { port: 0, onError: (error) => errors.push(error) });
    });
    afterAll(async () => {
      await serving?.close();
      expect(errors).toEqual([]);
    });
    const client = nodeClient(() => {
      if (serving === undefined) throw new Error('server not started');
      return serving;
    });
    run(() => client, 'node');
  });
});
