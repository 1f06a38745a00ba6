import { createServer, IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSessionId } from '../../session/session-id.js';
import { Sessions } from '../../session/sessions.js';
import type { SessionStore } from '../../session/store.js';
import { Signer } from '../../signing/signer.js';
import { shortbread } from './shortbread.js';

const SECRET = 'a test secret of some length, 32+';

const down: SessionStore = {
  kind: 'down',
  get: async () => {
    throw new Error('connection refused');
  },
  set: async () => {
    throw new Error('connection refused');
  },
  update: async () => undefined,
  destroy: async () => {},
  touch: async () => false,
};

let server: Server;
let url = '';

beforeAll(async () => {
  const app = express();
  const plain = express.Router();
  plain.use(shortbread());
  plain.get('/units', (_req, res) => {
    res.setCookie('ours', '1', { maxAge: 30 });
    res.cookie('theirs', '1', { maxAge: 30_000 }); // Express's own: milliseconds
    res.send('units');
  });
  plain.get('/unsigned', async (_req, res) => {
    await res.setSignedCookie('user', 'alice');
    res.send('never');
  });
  plain.get('/bad-name', (_req, res) => {
    res.setCookie('a;b', '1').send('never');
  });
  const failing = express.Router();
  failing.use(
    shortbread({
      sessions: new Sessions({ secret: SECRET, store: down }),
      onSessionError: (_error, _req, res) => {
        res.status(503).send('sessions are down');
      },
    }),
  );
  failing.get('/down/write', (req, res) => {
    req.session.set('user', 'alice');
    res.send('written?');
  });
  // A sub-app has its own request/response prototypes: what the parent's middleware gave must show.
  const sub = express();
  sub.get('/sub/read', (req, res) => {
    res.setCookie('seen', String(req.cookies.a));
    res.json({ a: req.cookies.a ?? null, all: req.cookieList.getAll('a') });
  });
  const outer = express.Router();
  outer.use('/outer', shortbread());
  // Other code may assign req.cookies (cookie-parser does), on requests of any route.
  plain.get('/assigned', (req, res) => {
    req.cookies = { replaced: '1' };
    res.json(req.cookies);
  });
  app.get('/untouched', (req, res) => {
    const before = req.cookies === undefined;
    req.cookies = { mine: '1' };
    let error = '';
    try {
      res.setCookie('a', '1');
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    res.json({ before, after: req.cookies, error });
  });
  app.use(outer);
  app.use('/outer', sub);
  app.use(plain);
  app.use(failing);
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    res.status(500).send(error instanceof Error ? error.constructor.name : 'unknown');
  };
  app.use(onError);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('shortbread() for Express', () => {
  it('takes maxAge in seconds where Express res.cookie takes milliseconds: both give Max-Age=30', async () => {
    const lines = (await fetch(`${url}/units`)).headers.getSetCookie();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ours=1; Expires=[^;]+; Max-Age=30; Path=\/$/);
    expect(lines[1]).toMatch(/^theirs=1; Max-Age=30; Path=\/; Expires=/);
  });

  it("gives a mounted sub-app's routes the cookies and res methods of the parent's middleware", async () => {
    const answer = await fetch(`${url}/outer/sub/read`, { headers: { cookie: 'a=1; a=2' } });
    expect(await answer.json()).toEqual({ a: '1', all: ['1', '2'] });
    expect(answer.headers.getSetCookie()).toEqual(['seen=1; Path=/']);
  });

  it('lets other code assign req.cookies, with or without the middleware', async () => {
    const assigned = await fetch(`${url}/assigned`, { headers: { cookie: 'a=1' } });
    expect(await assigned.json()).toEqual({ replaced: '1' });
    const untouched = await fetch(`${url}/untouched`, { headers: { cookie: 'a=1' } });
    expect(await untouched.json()).toEqual({
      before: true,
      after: { mine: '1' },
      // Nothing on Express's shared prototypes: a response the middleware never saw has no method.
      error: expect.stringMatching(/setCookie is not a function/),
    });
  });

  it("works on a plain node:http request too, without touching Node's own prototypes", async () => {
    const middleware = shortbread();
    const plainServer = createServer((req, res) => {
      middleware(req as never, res as never, () => {
        const cookies = (req as unknown as { cookies: Record<string, string> }).cookies;
        (res as unknown as { setCookie(name: string, value: string): void }).setCookie('b', '2');
        res.end(JSON.stringify({ a: cookies.a }));
      });
    });
    await new Promise<void>((resolve) => plainServer.listen(0, '127.0.0.1', resolve));
    const port = (plainServer.address() as AddressInfo).port;
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie: 'a=1' } });
      expect(await answer.json()).toEqual({ a: '1' });
      expect(answer.headers.getSetCookie()).toEqual(['b=2; Path=/']);
      expect(Object.getOwnPropertyDescriptor(IncomingMessage.prototype, 'cookies')).toBeUndefined();
    } finally {
      plainServer.closeAllConnections();
      await new Promise((resolve) => plainServer.close(resolve));
    }
  });

  it('refuses to sign without a key, through Express error handling', async () => {
    const answer = await fetch(`${url}/unsigned`);
    expect(answer.status).toBe(500);
    expect(await answer.text()).toBe('TypeError');
  });

  it('throws CookieError for a cookie no browser would keep', async () => {
    const answer = await fetch(`${url}/bad-name`);
    expect(answer.status).toBe(500);
    expect(await answer.text()).toBe('CookieError');
  });

  it('hands a store failure while loading to next(error)', async () => {
    // A well-signed session id, so the store is asked for it (as Flask-Session signs it).
    const signer = new Signer(SECRET, { salt: 'flask-session', keyDerivation: 'hmac' });
    const id = await signer.sign(newSessionId());
    const answer = await fetch(`${url}/down/write`, { headers: { cookie: `session=${id}` } });
    expect(answer.status).toBe(500);
  });

  it('lets onSessionError answer when the store fails while saving', async () => {
    const answer = await fetch(`${url}/down/write`);
    expect(answer.status).toBe(503);
    expect(await answer.text()).toBe('sessions are down');
    expect(answer.headers.getSetCookie()).toEqual([]);
  });
});

describe('Express objects in dictionary mode', () => {
  it("puts Express's request and response in V8's dictionary mode, and keeps req.res / res.req", async () => {
    // V8's own view, through --allow-natives-syntax in a child process: a check of the mechanism
    // the speed comes from (bench/RESULTS.md, "Sessions over HTTP"), which fails without it.
    const script = `
      const { default: express } = await import('express');
      const { shortbread } = await import(${JSON.stringify(new URL('./shortbread.ts', import.meta.url).pathname)});
      const fast = new Function('o', 'return %HasFastProperties(o)');
      const app = express();
      const seen = {};
      app.get('/before', (req, res) => { seen.before = [fast(req), fast(res)]; res.end(); });
      app.use(shortbread());
      app.get('/after', (req, res) => {
        seen.after = [fast(req), fast(res), req.res === res, res.req === req, Object.keys(res).includes('req')];
        res.end();
      });
      const server = app.listen(0, '127.0.0.1', async () => {
        const base = 'http://127.0.0.1:' + server.address().port;
        await (await fetch(base + '/before')).text();
        await (await fetch(base + '/after')).text();
        server.close();
        console.log(JSON.stringify(seen));
      });
    `;
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({
      before: [true, true],
      after: [false, false, true, true, true],
    });
  });
});
