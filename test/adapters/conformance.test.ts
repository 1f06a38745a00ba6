/**
 * One conformance suite, run unchanged against every target (h3's describeMatrix): the plain Fetch
 * API through shortbread/node's serve(), node:http, Express 5, Fastify 5 and Hono 4, each over real
 * HTTP on a free port. Each target is started twice: trusting X-Forwarded-Proto with sessions in the
 * signed cookie, and not trusting it with sessions in SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSetCookie } from '../../src/codec/set-cookie.js';
import { Sessions } from '../../src/session.js';
import { SqliteSessionStore } from '../../src/session-sqlite.js';
import { Signer } from '../../src/signing.js';
import { type Echo, type Running, targets } from './targets.js';

const SECRET = 'conformance secret, 32 bytes or more!';

interface Answer {
  status: number;
  body: string;
  setCookie: string[];
  vary: string | undefined;
}

/** GET over node:http, so the Cookie header goes exactly as written and Set-Cookie comes back as lines. */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        const vary = res.headers.vary;
        resolve({
          status: res.statusCode ?? 0,
          body,
          setCookie: res.headers['set-cookie'] ?? [],
          vary: Array.isArray(vary) ? vary.join(', ') : vary,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A Set-Cookie line without its Expires (which follows the clock). */
function withoutExpires(line: string): string {
  return line.replace(/; Expires=[^;]*/, '');
}

const dir = mkdtempSync(join(tmpdir(), 'shortbread-adapters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(targets.map((target) => [target.name, target] as const))('%s', (name, target) => {
  let trusted: Running;
  let untrusted: Running;
  let sqlite: SqliteSessionStore;

  beforeAll(async () => {
    sqlite = new SqliteSessionStore({ filename: join(dir, `${name}.db`) });
    trusted = await target.start({
      secret: SECRET,
      sessions: new Sessions({ secret: SECRET }),
      trustProxy: true,
    });
    untrusted = await target.start({
      secret: SECRET,
      sessions: new Sessions({ secret: SECRET, store: sqlite }),
      trustProxy: false,
    });
  });

  afterAll(async () => {
    await trusted?.close();
    await untrusted?.close();
    await sqlite?.close();
  });

  describe('request cookies', () => {
    it('reads duplicates first-wins, with every value through getAll', async () => {
      const answer = await get(trusted.url, '/echo?name=a', { cookie: 'a=1; b=2; a=3' });
      const echo = JSON.parse(answer.body) as Echo;
      expect(echo.cookies).toEqual({ a: '1', b: '2' });
      expect(echo.names).toEqual(['a', 'b']);
      expect(echo.all).toEqual(['1', '3']);
    });

    it('keeps odd names as plain names (__proto__, constructor, integer-like) in header order', async () => {
      const answer = await get(trusted.url, '/echo?name=__proto__', {
        cookie: '__proto__=x; constructor=y; 2=two; 1=one; weird!#$=%41%20b',
      });
      const echo = JSON.parse(answer.body) as Echo;
      expect(Object.entries(echo.cookies).sort()).toEqual(
        [
          ['1', 'one'],
          ['2', 'two'],
          ['__proto__', 'x'],
          ['constructor', 'y'],
          ['weird!#$', 'A b'],
        ].sort(),
      );
      expect(echo.all).toEqual(['x']);
    });

    it('reads no Cookie header as no cookies', async () => {
      const echo = JSON.parse((await get(trusted.url, '/echo')).body) as Echo;
      expect(echo.cookies).toEqual({});
      expect(echo.all).toEqual([]);
    });
  });

  describe('response cookies', () => {
    it('sends several Set-Cookie as separate lines', async () => {
      const answer = await get(trusted.url, '/set-many');
      expect(answer.setCookie.map(withoutExpires)).toEqual([
        'a=1; HttpOnly; Path=/',
        'b=chocolate%20chip; Max-Age=30; Path=/',
        'c=3; Path=/x; SameSite=Lax',
      ]);
      const b = parseSetCookie(answer.setCookie[1] ?? '');
      // Werkzeug writes Expires next to Max-Age; it is the same moment, give or take the request.
      expect(Math.abs((b?.expires?.getTime() ?? 0) - (Date.now() + 30_000))).toBeLessThan(5_000);
    });

    it('keeps the same name on two paths apart, and replaces the same name and path', async () => {
      const answer = await get(trusted.url, '/paths');
      expect(answer.setCookie).toEqual([
        'a=3; Path=/x',
        'a=2; Path=/y',
        'old=; Domain=example.com; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/y',
      ]);
    });

    it('deletes as Werkzeug does', async () => {
      const answer = await get(trusted.url, '/delete');
      expect(answer.setCookie).toEqual([
        'flavor=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/cookies',
      ]);
    });

    it("appends to Set-Cookie lines set by the framework's own means", async () => {
      const answer = await get(trusted.url, '/preset');
      expect(answer.setCookie).toEqual(['theirs=1; Path=/', 'ours=2; Path=/']);
    });
  });

  describe('signed cookies', () => {
    it('signs with an itsdangerous Signer', async () => {
      const answer = await get(trusted.url, '/signed/set');
      expect(answer.setCookie).toHaveLength(1);
      const cookie = parseSetCookie(answer.setCookie[0] ?? '');
      expect(cookie?.name).toBe('user');
      expect(await new Signer(SECRET).unsign(cookie?.value ?? '')).toBe('alice');
    });

    it('reads only the cookies whose signature checks out', async () => {
      const good = await new Signer(SECRET).sign('alice');
      const forged = await new Signer('another key').sign('mallory');
      const answer = await get(trusted.url, '/signed/get', {
        cookie: `user=${good}; other=${forged}; plain=1; dotted=a.b`,
      });
      expect(JSON.parse(answer.body)).toEqual({ user: 'alice' });
    });
  });

  describe("secure: 'auto'", () => {
    it('is off over plain HTTP', async () => {
      const answer = await get(trusted.url, '/secure');
      expect(answer.setCookie).toEqual(['s=1; Path=/']);
    });

    it('believes X-Forwarded-Proto when the proxy is trusted', async () => {
      const answer = await get(trusted.url, '/secure', { 'x-forwarded-proto': 'https' });
      expect(answer.setCookie).toEqual(['s=1; Secure; Path=/']);
    });

    it('ignores X-Forwarded-Proto otherwise', async () => {
      const answer = await get(untrusted.url, '/secure', { 'x-forwarded-proto': 'https' });
      expect(answer.setCookie).toEqual(['s=1; Path=/']);
    });
  });

  describe.each([
    ['cookie', () => trusted],
    ['sqlite', () => untrusted],
  ] as const)('session round trip (%s store)', (store, server) => {
    it('counts across requests, sends Vary: Cookie, and clears', async () => {
      let cookie: string | undefined;
      const visit = async (path: string): Promise<Answer> => {
        const answer = await get(
          server().url,
          path,
          cookie === undefined ? {} : { cookie: `theme=dark; session=${cookie}` },
        );
        for (const line of answer.setCookie) {
          const parsed = parseSetCookie(line);
          if (parsed?.name !== 'session') continue;
          cookie = parsed.maxAge === 0 ? undefined : parsed.value;
        }
        return answer;
      };
      expect((await visit('/session/incr')).body).toBe('1');
      expect(cookie).toBeDefined();
      const second = await visit('/session/incr');
      expect(second.body).toBe('2');
      expect(second.vary).toMatch(/\bCookie\b/i);
      // The cookie store sends the changed cookie; a server-side store sent its id cookie once and
      // the browser holds it, so the same line again is left out (as express-session does).
      expect(second.setCookie.filter((line) => line.startsWith('session='))).toHaveLength(
        store === 'cookie' ? 1 : 0,
      );
      expect((await visit('/session/incr')).body).toBe('3');
      const cleared = await visit('/session/clear');
      expect(cleared.body).toBe('cleared');
      expect(cleared.setCookie.some((line) => /^session=;.*Max-Age=0/.test(line))).toBe(true);
      expect(cookie).toBeUndefined();
      expect((await visit('/session/incr')).body).toBe('1');
    });

    it('starts a new session from a forged cookie', async () => {
      const answer = await get(server().url, '/session/incr', { cookie: 'session=forged.value' });
      expect(answer.body).toBe('1');
    });
  });
});
