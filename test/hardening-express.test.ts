/**
 * Issue 20 rows 5 and 6 and issue 16 item 3 for Express: nothing on shared prototypes, no memory of
 * earlier requests, and a chunked session read back. Each test failed on main at 2c140b7.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { shortbread } from '../src/adapters/express/shortbread.js';
import { MemorySessionStore } from '../src/session/memory-store.js';
import { Sessions } from '../src/session/sessions.js';
import type { SessionStore } from '../src/session/store.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(app: express.Express): Promise<string> {
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('row 5: no accessors on shared prototypes', () => {
  it('a plain-object request (a test double) gets own fields; Object.prototype stays clean', () => {
    const req = { headers: { cookie: 'a=1; b=2' } } as never;
    const res = {} as never;
    let called = false;
    shortbread()(req, res, () => {
      called = true;
    });
    expect(called).toBe(true);
    expect(Object.hasOwn(req, 'cookies')).toBe(true);
    expect({ ...(req as object) }).toMatchObject({ cookies: { a: '1', b: '2' } });
    for (const name of ['cookies', 'signedCookies', 'cookieList', 'setCookie', 'deleteCookie']) {
      expect(name in Object.prototype).toBe(false);
      expect(name in {}).toBe(false);
    }
  });

  it('another app of the process, without the middleware, sees none of it', async () => {
    const withIt = express();
    withIt.use(shortbread());
    withIt.get('/', (req, res) => {
      res.setCookie('a', '1');
      res.json({ own: Object.hasOwn(req, 'cookies'), spread: { ...req }.cookies ?? null });
    });
    const without = express();
    without.get('/', (req, res) => {
      res.json({
        cookiesIn: 'cookies' in req,
        cookieListIn: 'cookieList' in req,
        setCookie: typeof (res as unknown as { setCookie?: unknown }).setCookie,
      });
    });
    const first = await listen(withIt);
    const second = await listen(without);
    const seen = await fetch(first, { headers: { cookie: 'x=1' } });
    expect(await seen.json()).toEqual({ own: true, spread: { x: '1' } });
    expect(seen.headers.getSetCookie()).toHaveLength(1);
    const other = await fetch(second, { headers: { cookie: 'x=1' } });
    expect(await other.json()).toEqual({
      cookiesIn: false,
      cookieListIn: false,
      setCookie: 'undefined',
    });
  });
});

describe('row 6: a chunked session is read back', () => {
  it('loads session.0, session.1, … and keeps the data across requests', async () => {
    const sessions = new Sessions({
      secret: 'express chunked secret, 32 bytes+',
      cookie: { chunked: true },
    });
    const app = express();
    app.use(shortbread({ sessions }));
    app.get('/', (req, res) => {
      const visits = Number(req.session.get('visits') ?? 0) + 1;
      req.session.set('visits', visits);
      if (req.session.get('blob') === undefined) {
        let blob = '';
        while (blob.length < 6000) blob += Math.random().toString(36).slice(2);
        req.session.set('blob', blob);
      }
      res.send(String(visits));
    });
    const url = await listen(app);
    const jar = new Map<string, string>();
    let last = '';
    for (let i = 0; i < 3; i++) {
      const cookie = [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
      const response = await fetch(url, cookie === '' ? {} : { headers: { cookie } });
      last = await response.text();
      for (const line of response.headers.getSetCookie()) {
        const pair = line.slice(0, line.indexOf(';'));
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
    }
    expect([...jar.keys()].sort()).toEqual(['session.0', 'session.1']);
    expect(last).toBe('3');
  });
});

describe('row 4: with sessions, res.write() keeps backpressure', () => {
  it('a handler streaming 8 MB and awaiting drain queues at most ~16 KiB while the session saves', async () => {
    const memory = new MemorySessionStore();
    let saved = false;
    const slow: SessionStore = {
      kind: 'slow',
      get: (id, o) => memory.get(id, o),
      set: async (id, d, o) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        await memory.set(id, d, o);
        saved = true;
      },
      update: (id, c, o) => memory.update(id, c, o),
      destroy: (id, o) => memory.destroy(id, o),
      touch: (id, o) => memory.touch(id, o),
    };
    const sessions = new Sessions({ secret: 'express backpressure secret, 32+', store: slow });
    const app = express();
    app.use(shortbread({ sessions }));
    let acceptedBeforeSave = 0;
    let sent = 0;
    app.get('/stream', async (req, res) => {
      req.session.set('streaming', true);
      const chunk = Buffer.alloc(64 * 1024, 120);
      for (let i = 0; i < 128; i++) {
        const more = res.write(chunk);
        sent += chunk.length;
        if (!saved && more) acceptedBeforeSave += chunk.length;
        if (!more) await once(res, 'drain');
      }
      res.end();
    });
    const url = await listen(app);
    const response = await fetch(`${url}/stream`);
    expect(response.headers.getSetCookie()).toHaveLength(1);
    const body = await response.arrayBuffer();
    expect(body.byteLength).toBe(8 * 1024 * 1024);
    expect(sent).toBe(8 * 1024 * 1024);
    // Only writes under the 16 KiB hold limit answer true before the session is saved: none of 64 KiB.
    expect(acceptedBeforeSave).toBe(0);
  });
});
