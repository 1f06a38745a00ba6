/**
 * Moving a live Express app from express-session + connect-redis to shortbread without logging
 * anyone out. A real redis-server (started here on a free port; the test fails, never skips, when
 * it is missing) holds the sessions; connect-redis over node-redis is the express-session store,
 * and the same connect-redis store, through `fromConnectStore`, is shortbread's. Users are
 * browsers (shortbread's jar over fetch) holding `connect.sid` as the servers set it:
 * - sessions created under express-session are read (and written) by shortbread after the switch;
 * - sessions created by shortbread are read by express-session, and the other way round, with both
 *   apps live on the same store (a rolling deploy);
 * - a logout on either side ends the session on both; a forged cookie is nobody.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedisStore } from 'connect-redis';
import express from 'express';
import expressSession from 'express-session';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expressSessionOptions,
  sessionOf,
} from '../src/adapters/express/express-session-cookie.js';
import { shortbread } from '../src/adapters/express/shortbread.js';
import { CookieJar } from '../src/jar/cookie-jar.js';
import { fetchWithCookies } from '../src/jar/fetch.js';
import { fromConnectStore } from '../src/session/connect-store.js';
import { Sessions } from '../src/session/sessions.js';
import { type RedisServer, startRedis } from './helpers/redis.js';

const SECRET = ['migration secret 2026', 'migration secret 2025'];

let redis: RedisServer;
let client: ReturnType<typeof createClient>;
let store: RedisStore;
const servers: Server[] = [];

/** The app as it ran before: express-session with connect-redis. */
function expressSessionApp(): express.Express {
  const app = express();
  app.use(expressSession({ secret: SECRET, store, resave: false, saveUninitialized: false }));
  type Bag = { user?: string; visits?: number };
  app.get('/login', (req, res) => {
    const bag = req.session as unknown as Bag;
    bag.user = String(req.query.user);
    bag.visits = 0;
    res.send('ok');
  });
  app.get('/me', (req, res) => {
    const bag = req.session as unknown as Bag;
    if (bag.user !== undefined) bag.visits = (bag.visits ?? 0) + 1;
    res.send(`${bag.user ?? 'anonymous'} ${bag.visits ?? 0}`);
  });
  app.get('/logout', (req, res, next) => {
    // shortbread's Express types name its own Session; this app runs express-session's.
    const session = req.session as unknown as expressSession.Session;
    session.destroy((error: unknown) => (error ? next(error) : res.send('bye')));
  });
  return app;
}

/** The same app on shortbread: the one-line switch is the `sessions` option. */
function shortbreadApp(): express.Express {
  const sessions = new Sessions(
    expressSessionOptions({ secret: SECRET, store: fromConnectStore(store) }),
  );
  const app = express();
  app.use(shortbread({ sessions }));
  // sessionOf: connect-redis's types bring @types/express-session's `req.session` along.
  app.get('/login', (req, res) => {
    sessionOf(req).set('user', String(req.query.user));
    sessionOf(req).set('visits', 0);
    res.send('ok');
  });
  app.get('/me', (req, res) => {
    const session = sessionOf(req);
    const user = session.get('user');
    let visits = Number(session.get('visits') ?? 0);
    if (user !== undefined) session.set('visits', ++visits);
    res.send(`${user ?? 'anonymous'} ${visits}`);
  });
  app.get('/logout', (req, res) => {
    sessionOf(req).destroy();
    res.send('bye');
  });
  return app;
}

async function listen(app: express.Express): Promise<{ base: string; server: Server }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A user agent: a jar that keeps `connect.sid` exactly as the servers set it. */
function browser() {
  const jar = new CookieJar();
  const fetchJar = fetchWithCookies(jar);
  return {
    jar,
    async get(base: string, path: string): Promise<string> {
      const response = await fetchJar(`${base}${path}`);
      expect(response.status).toBe(200);
      return response.text();
    },
    sid(): string | undefined {
      return jar.allCookies().find((c) => c.name === 'connect.sid')?.value;
    },
  };
}

/** The session id a `connect.sid` value carries (express-session URL-encodes it, shortbread not). */
function idOf(value: string | undefined): string {
  const decoded = decodeURIComponent(value ?? '');
  return decoded.slice(2, decoded.lastIndexOf('.'));
}

async function record(id: string): Promise<Record<string, unknown> | null> {
  const text = await client.get(`sess:${id}`);
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}

beforeAll(async () => {
  redis = await startRedis();
  client = createClient({ url: redis.url });
  await client.connect();
  store = new RedisStore({ client, prefix: 'sess:' });
}, 30_000);

afterAll(async () => {
  for (const server of servers) if (server.listening) await close(server);
  await client?.quit();
  await redis?.stop();
});

describe('from express-session + connect-redis to shortbread, on real Redis', () => {
  it('keeps everyone logged in across the switch, and both apps share the sessions', async () => {
    const alice = browser();
    const bob = browser();
    const carol = browser();
    const mallory = browser();

    // Before: express-session alone.
    const before = await listen(expressSessionApp());
    expect(await alice.get(before.base, '/login?user=alice')).toBe('ok');
    expect(await alice.get(before.base, '/me')).toBe('alice 1');
    const aliceCookie = alice.sid();
    expect(aliceCookie).toMatch(/^s%3A[\w-]{32}\./);
    const aliceId = idOf(aliceCookie);
    await close(before.server);

    // The switch: shortbread reads the session express-session created, and writes it back.
    const after = await listen(shortbreadApp());
    expect(await alice.get(after.base, '/me')).toBe('alice 2');
    // The same session and signature (shortbread writes the cookie on a change, as Flask does,
    // without express-session's URL-encoding of "s:" and "/", "+": both read both spellings).
    expect(decodeURIComponent(alice.sid() ?? '')).toBe(decodeURIComponent(aliceCookie ?? ''));
    expect(await record(aliceId)).toMatchObject({
      cookie: { originalMaxAge: null, path: '/', httpOnly: true },
      user: 'alice',
      visits: 2,
    });

    // A session created by shortbread, in express-session's cookie and record.
    expect(await bob.get(after.base, '/login?user=bob')).toBe('ok');
    const bobCookie = bob.sid();
    expect(bobCookie).toMatch(/^s:[\w-]{32}\.[\w+/]{43}$/);
    expect(await record(idOf(bobCookie))).toMatchObject({ user: 'bob', visits: 0, cookie: {} });
    expect(await bob.get(after.base, '/me')).toBe('bob 1');

    // A rolling deploy: both apps live on the same store, each reads the other's sessions.
    const old = await listen(expressSessionApp());
    expect(await bob.get(old.base, '/me')).toBe('bob 2');
    expect(await alice.get(old.base, '/me')).toBe('alice 3');
    expect(await carol.get(old.base, '/login?user=carol')).toBe('ok');
    expect(await carol.get(after.base, '/me')).toBe('carol 1');
    expect(await carol.get(old.base, '/me')).toBe('carol 2');
    expect(await bob.get(after.base, '/me')).toBe('bob 3');

    // Logging out on one side ends the session on the other.
    expect(await alice.get(after.base, '/logout')).toBe('bye');
    expect(await record(aliceId)).toBeNull();
    expect(await alice.get(old.base, '/me')).toBe('anonymous 0');
    expect(await bob.get(old.base, '/logout')).toBe('bye');
    expect(await bob.get(after.base, '/me')).toBe('anonymous 0');

    // Someone else's id without the secret is nobody, on either side.
    mallory.jar.setCookie(`connect.sid=s:${idOf(carol.sid())}.forged`, `${after.base}/`);
    expect(await mallory.get(after.base, '/me')).toBe('anonymous 0');
    expect(await mallory.get(old.base, '/me')).toBe('anonymous 0');
    expect(await carol.get(after.base, '/me')).toBe('carol 3');
  }, 30_000);
});
