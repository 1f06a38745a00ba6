/**
 * The main job of the Foundation issue: the Flask cookie tutorial (`demo/app.ts`) served on node:http
 * through the bridge, checked over real HTTP: three separate Set-Cookie headers arrive, they carry
 * Flask's attributes, and the cookies come back. Then `npm start`'s command is run as a process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '../demo/app.js';
import { parseSetCookie } from '../src/codec/set-cookie.js';
import { type Serving, serve } from '../src/node.js';
import { freePort } from './helpers/free-port.js';

const root = resolve(import.meta.dirname, '..');

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A GET through node:http, so the raw Set-Cookie array is visible as Node received it. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () =>
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** What a browser sends back from these Set-Cookie lines: each `name=value` part. */
function cookieHeaderFrom(lines: readonly string[]): string {
  return lines
    .map((line) => line.slice(0, line.indexOf(';') === -1 ? undefined : line.indexOf(';')))
    .join('; ');
}

describe('the tutorial app on node:http', () => {
  let serving: Serving;
  const errors: unknown[] = [];

  beforeAll(async () => {
    serving = await serve(app, { port: 0, onError: (error) => errors.push(error) });
  });

  afterAll(async () => {
    await serving.close();
    expect(errors).toEqual([]);
  });

  it('sends three separate Set-Cookie headers from GET /cookies', async () => {
    const before = Date.now();
    const { status, headers } = await get(`${serving.url}/cookies`);
    expect(status).toBe(200);
    const lines = headers['set-cookie'];
    expect(Array.isArray(lines)).toBe(true);
    expect(lines).toHaveLength(3);
    const [flavor, type, chewy] = (lines ?? []).map((line) => parseSetCookie(line));
    expect(flavor).toMatchObject({
      name: 'flavor',
      value: 'chocolate chip',
      maxAge: 30,
      path: '/cookies',
    });
    // Werkzeug writes Expires = now + max_age next to Max-Age.
    const expires = flavor?.expires?.getTime() ?? 0;
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 30_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 31_000);
    expect(lines?.[0]).toMatch(/; Max-Age=30(;|$)/);
    expect(lines?.[0]).toMatch(/; Path=\/cookies(;|$)/);
    expect(lines?.[0]).toMatch(/; Expires=\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT(;|$)/);
    expect(type).toMatchObject({ name: 'chocolate type', value: 'dark', path: '/' });
    expect(chewy).toMatchObject({ name: 'chewy', value: 'yes', path: '/' });
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('echoes the cookies sent back, as JSON when asked (Accept or ?format=json)', async () => {
    const first = await get(`${serving.url}/cookies`);
    const cookie = cookieHeaderFrom(first.headers['set-cookie'] ?? []);
    const expected = { flavor: 'chocolate chip', 'chocolate type': 'dark', chewy: 'yes' };

    const byAccept = await get(`${serving.url}/cookies`, { cookie, accept: 'application/json' });
    expect(byAccept.headers['content-type']).toBe('application/json');
    expect(JSON.parse(byAccept.body)).toEqual({ cookies: expected });
    expect(byAccept.headers['set-cookie']).toHaveLength(3);

    const byQuery = await get(`${serving.url}/cookies?format=json`, { cookie });
    expect(JSON.parse(byQuery.body)).toEqual({ cookies: expected });
  });

  it('echoes the cookies sent back in the HTML page', async () => {
    const first = await get(`${serving.url}/cookies`);
    const cookie = cookieHeaderFrom(first.headers['set-cookie'] ?? []);
    const { body, headers } = await get(`${serving.url}/cookies`, { cookie, accept: 'text/html' });
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(body).toContain('carried 3 cookies');
    expect(body).toContain('<td><code>chocolate type</code></td><td><code>dark</code></td>');
    expect(body).toContain('<td><code>flavor</code></td><td><code>chocolate chip</code></td>');
    expect(body).toContain('<td><code>chewy</code></td><td><code>yes</code></td>');
  });

  it('round-trips through a cookie jar, which keeps flavor to /cookies', async () => {
    const jar = new CookieJar();
    const url = `${serving.url}/cookies`;
    for (const line of (await get(url)).headers['set-cookie'] ?? []) await jar.setCookie(line, url);
    const cookie = await jar.getCookieString(url);
    const { body } = await get(url, { cookie, accept: 'application/json' });
    expect(JSON.parse(body)).toEqual({
      cookies: { flavor: 'chocolate chip', 'chocolate type': 'dark', chewy: 'yes' },
    });
    // Path=/cookies: the jar does not send flavor to /.
    expect(await jar.getCookieString(`${serving.url}/`)).toBe('chocolate type=dark; chewy=yes');
  });

  it.each([
    ['a script in a value', 'x=<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['quotes and ampersands', `q=a"b'c&d`, 'a&quot;b&#39;c&amp;d'],
    ['markup in a name', '<img src=x onerror=alert(1)>', '&lt;img src'],
    ['a percent-encoded script', 'p=%3Cscript%3E', '&lt;script&gt;'],
  ])('escapes %s in the HTML page', async (_, cookie, escaped) => {
    const { body } = await get(`${serving.url}/cookies`, { cookie });
    expect(body).toContain(escaped);
    expect(body).not.toMatch(/<script|<img|"b'c/);
  });

  it('treats __proto__ as a cookie name like any', async () => {
    const { body } = await get(`${serving.url}/cookies?format=json`, {
      cookie: '__proto__=x; constructor=y',
    });
    expect(Object.entries(JSON.parse(body).cookies)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });

  it('serves an index page linking to /cookies, HEAD without a body, 404 and 405', async () => {
    const index = await get(`${serving.url}/`);
    expect(index.status).toBe(200);
    expect(index.body).toContain('href="/cookies"');
    expect(index.headers['set-cookie']).toBeUndefined();

    const head = await get(`${serving.url}/cookies`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['set-cookie']).toHaveLength(3);

    expect((await get(`${serving.url}/nope`)).status).toBe(404);
    const post = await get(`${serving.url}/cookies`, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('answers fetch the same way (undici keeps the Set-Cookie lines apart)', async () => {
    const response = await fetch(`${serving.url}/cookies`, {
      headers: { accept: 'application/json' },
    });
    expect(response.headers.getSetCookie()).toHaveLength(3);
    expect(await response.json()).toEqual({ cookies: {} });
  });
});

describe('the tutorial app, called as a Fetch handler', () => {
  it.each([
    // Accept, query, JSON?
    ['application/json', '', true],
    ['', '?format=json', true],
    ['application/json', '?format=html', false],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', '', false],
    ['*/*', '', false],
    ['', '', false],
    ['text/html, application/json', '', false],
    ['application/json, text/html', '', true],
    ['text/html;q=0.5, application/json', '', true],
    ['application/json;q=0', '', false],
    ['Application/JSON; charset=utf-8', '', true],
  ])('Accept %j with %j answers JSON: %s', async (accept, query, json) => {
    const headers: Record<string, string> = accept === '' ? {} : { accept };
    const response = await app(new Request(`http://localhost/cookies${query}`, { headers }));
    expect(response.headers.get('content-type')).toBe(
      json ? 'application/json' : 'text/html; charset=utf-8',
    );
    expect(response.headers.get('vary')).toBe('Accept, Cookie');
    expect(response.headers.getSetCookie()).toHaveLength(3);
  });

  it('sets flavor on the path it was asked on', async () => {
    const response = await app(new Request('http://localhost/cookies'));
    expect(parseSetCookie(response.headers.getSetCookie()[0] ?? '')?.path).toBe('/cookies');
  });
});

describe('npm start', () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child?.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  });

  it('is `tsx demo/server.ts`', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe('tsx demo/server.ts');
  });

  it('serves the tutorial on $PORT, prints its URL, and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const started = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let stdout = '';
    let stderr = '';
    started.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    started.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolveExit) => started.once('exit', resolveExit));

    const url = `http://127.0.0.1:${port}`;
    await expect.poll(() => stdout, { timeout: 20_000, interval: 50 }).toContain(url);
    // The startup lines name every page, the sessions page included.
    await expect.poll(() => stdout, { timeout: 5_000, interval: 50 }).toContain(`${url}/account`);

    const response = await fetch(`${url}/cookies`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toHaveLength(3);
    expect(await response.json()).toEqual({ cookies: {} });

    expect(started.pid).toBeDefined();
    process.kill(started.pid ?? 0, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('closed');
    expect(stderr).toBe('');
  });
});
