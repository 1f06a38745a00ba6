/**
 * One behaviour suite run against every session store: the Flask-compatible signed cookie, the
 * sealed cookie, memory, a real SQLite file, a real redis-server, a real six-node Redis Cluster and
 * a real PostgreSQL (started here; the test fails, never skips, when redis-server or PostgreSQL is
 * missing). The server-side
 * stores also take 200 concurrent requests of one session over real HTTP, each adding its own key,
 * and must keep all 200.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../src/node.js';
import {
  CookieSessionStore,
  MemorySessionStore,
  type Session,
  type SessionStore,
  Sessions,
  type SessionsOptions,
} from '../src/session.js';
import { PostgresSessionStore } from '../src/session-postgres.js';
import { RedisSessionStore } from '../src/session-redis.js';
import { SqliteSessionStore } from '../src/session-sqlite.js';
import { PyTuple } from '../src/signing.js';
import { type PostgresServer, startPostgres } from './helpers/postgres.js';
import { type RedisServer, startRedis } from './helpers/redis.js';
import { type RedisClusterServer, startRedisCluster } from './helpers/redis-cluster.js';
import { SessionClient } from './helpers/session-client.js';

const SECRET = 'behaviour suite secret, long enough to be real';
const SEAL_KEY = 'C7O86JlKdlLeiWZyRxGMRS9gbFPp9YQDKS--8QZIKeg'; // openssl rand -base64 32, URL-safe

let redis: RedisServer | undefined;
let redisStarted: Promise<RedisServer> | undefined;
let cluster: RedisClusterServer | undefined;
let clusterStarted: Promise<RedisClusterServer> | undefined;
let postgres: PostgresServer | undefined;
let postgresStarted: Promise<PostgresServer> | undefined;
const tempDir = mkdtempSync(join(tmpdir(), 'shortbread-session-'));
let counter = 0;

function redisServer(): Promise<RedisServer> {
  redisStarted ??= startRedis().then((server) => {
    redis = server;
    return server;
  });
  return redisStarted;
}

function clusterServer(): Promise<RedisClusterServer> {
  clusterStarted ??= startRedisCluster().then((server) => {
    cluster = server;
    return server;
  });
  return clusterStarted;
}

function postgresServer(): Promise<PostgresServer> {
  postgresStarted ??= startPostgres().then((server) => {
    postgres = server;
    return server;
  });
  return postgresStarted;
}

interface StoreCase {
  readonly name: string;
  /** Server-side stores revoke a session on logout; a cookie stays valid until it expires. */
  readonly serverSide: boolean;
  /**
   * A sealed cookie is opened by its seal keys, not by `secret`: this gives the store for another
   * secret (and its fallbacks), so the secret-change tests apply to it too.
   */
  readonly rekey?: (secret: string, fallbacks: readonly string[]) => CookieSessionStore;
  make(): Promise<{ store: SessionStore | CookieSessionStore | undefined; close(): Promise<void> }>;
}

const cases: StoreCase[] = [
  {
    name: 'cookie (Flask-signed, the default)',
    serverSide: false,
    make: async () => ({ store: undefined, close: async () => undefined }),
  },
  {
    name: 'cookie (sealed)',
    serverSide: false,
    rekey: (secret, fallbacks) =>
      new CookieSessionStore({
        seal: [...fallbacks, secret].map((key) => ({
          id: key.replace(/[^A-Za-z0-9]/g, '').slice(0, 16) || 'k',
          // Seal secrets are random key material: a digest of the text stands in for one.
          secret: createHash('sha256').update(key).digest('hex'),
        })),
      }),
    make: async () => ({
      store: new CookieSessionStore({ seal: SEAL_KEY }),
      close: async () => undefined,
    }),
  },
  {
    name: 'memory',
    serverSide: true,
    make: async () => ({ store: new MemorySessionStore(), close: async () => undefined }),
  },
  {
    name: 'sqlite (real file, WAL)',
    serverSide: true,
    make: async () => {
      const store = new SqliteSessionStore({ filename: join(tempDir, `s${counter++}.db`) });
      return { store, close: () => store.close() };
    },
  },
  {
    name: 'redis (real redis-server)',
    serverSide: true,
    make: async () => {
      const server = await redisServer();
      const store = new RedisSessionStore({ url: server.url, prefix: `t${counter++}:` });
      return { store, close: () => store.close() };
    },
  },
  {
    name: 'redis cluster (ioredis Cluster client, six nodes: three masters, one replica each)',
    serverSide: true,
    make: async () => {
      const server = await clusterServer();
      const client = new Cluster(
        server.ports.map((port) => ({ host: '127.0.0.1', port })),
        { redisOptions: { maxRetriesPerRequest: 1 } },
      );
      const store = new RedisSessionStore({ client, prefix: `c${counter++}:` });
      return { store, close: async () => client.disconnect() };
    },
  },
  {
    name: 'postgres (real PostgreSQL 15)',
    serverSide: true,
    make: async () => {
      const server = await postgresServer();
      const store = new PostgresSessionStore({ url: server.url, table: `t${counter++}` });
      return { store, close: () => store.close() };
    },
  },
];

afterAll(async () => {
  await redis?.stop();
  await cluster?.stop();
  await postgres?.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

/** The test app: one route per session operation. */
function makeApp(sessions: Sessions) {
  return sessions.wrap(async (request, session) => {
    const url = new URL(request.url);
    const key = url.searchParams.get('key') ?? 'k';
    const value = url.searchParams.get('value') ?? 'v';
    switch (url.pathname) {
      case '/count': {
        const count = Number(session.get('count') ?? 0) + 1;
        session.set('count', count);
        return new Response(String(count));
      }
      case '/read':
        return Response.json({ data: session.toJSON(), isNew: session.isNew });
      case '/set':
        session.set(key, value);
        return new Response('set');
      case '/delete':
        session.delete(key);
        return new Response('deleted');
      case '/clear':
        session.clear();
        return new Response('cleared');
      case '/login':
        session.regenerate();
        session.set('user', value);
        session.permanent = true;
        return new Response('in');
      case '/logout':
        session.destroy();
        return Response.redirect(new URL('/', request.url), 303);
      case '/types':
        session.set('when', new Date('2024-01-02T03:04:05Z'));
        session.set('bytes', new Uint8Array([0, 255, 7]));
        session.set('big', 2n ** 70n);
        session.set('tuple', PyTuple.of<number | string>(1, 'two'));
        session.set('nested', { list: [1, 2.5, null, true], text: 'Jos\u00e9 \u{1F600}' });
        session.set('__proto__', 'just a key');
        session.set(' t', 'looks like a tag');
        return new Response('typed');
      default:
        return new Response('untouched');
    }
  });
}

for (const storeCase of cases) {
  describe(`session behaviour: ${storeCase.name}`, () => {
    let made: Awaited<ReturnType<StoreCase['make']>>;
    let sessions: Sessions;
    let app: (request: Request) => Promise<Response>;
    const build = (options: Partial<SessionsOptions> = {}) => {
      const secret = options.secret ?? SECRET;
      const store =
        storeCase.rekey !== undefined && options.secret !== undefined
          ? storeCase.rekey(secret as string, (options.fallbacks ?? []) as string[])
          : made.store;
      return new Sessions({ ...(store === undefined ? {} : { store }), ...options, secret });
    };

    beforeAll(async () => {
      made = await storeCase.make();
      sessions = build();
      app = makeApp(sessions);
    }, 60_000);
    afterAll(async () => made?.close());

    it('a request that never touches the session gets no cookie and no Vary', async () => {
      const client = new SessionClient(app);
      const exchange = await client.get('/untouched');
      expect(exchange.setCookie).toEqual([]);
      expect(exchange.vary).toBeNull();
    });

    it('reading an empty session varies on Cookie but writes nothing', async () => {
      const client = new SessionClient(app);
      const exchange = await client.get('/read');
      expect(JSON.parse(exchange.text)).toEqual({ data: {}, isNew: true });
      expect(exchange.setCookie).toEqual([]);
      expect(exchange.vary).toBe('Cookie');
    });

    it('a change sets the cookie (HttpOnly, Path=/, no Expires, no Max-Age) and later requests see it', async () => {
      const client = new SessionClient(app);
      const first = await client.get('/count');
      expect(first.text).toBe('1');
      expect(first.setCookie).toHaveLength(1);
      expect(first.setCookie[0]).toMatch(/^session=[A-Za-z0-9_.-]+; HttpOnly; Path=\/$/);
      expect(first.vary).toBe('Cookie');
      expect((await client.get('/count')).text).toBe('2');
      const read = await client.get('/read');
      expect(JSON.parse(read.text)).toEqual({ data: { count: 2 }, isNew: false });
      // Unchanged and not permanent: Flask writes nothing.
      expect(read.setCookie).toEqual([]);
      expect(read.vary).toBe('Cookie');
    });

    it('a permanent session is re-sent on every request with Expires = now + lifetime, never Max-Age', async () => {
      const client = new SessionClient(app);
      await client.get('/login?value=ada');
      const before = Date.now();
      const read = await client.get('/read');
      expect(read.setCookie).toHaveLength(1);
      const line = read.setCookie[0] as string;
      expect(line).not.toMatch(/Max-Age/i);
      const expires = /Expires=([^;]+)/.exec(line)?.[1];
      expect(expires).toBeDefined();
      const lifetimeMs = sessions.lifetime * 1000;
      const at = Date.parse(expires as string);
      expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + lifetimeMs - 1000);
      expect(at).toBeLessThanOrEqual(Date.now() + lifetimeMs + 1000);
      expect(JSON.parse(read.text).data).toEqual({ _permanent: true, user: 'ada' });
    });

    it('with rolling: false an unchanged permanent session is not re-sent', async () => {
      const quiet = makeApp(build({ rolling: false }));
      const client = new SessionClient(quiet);
      await client.get('/login?value=ada');
      expect((await client.get('/read')).setCookie).toEqual([]);
    });

    it('deleting the last key deletes the cookie the way Werkzeug does', async () => {
      const client = new SessionClient(app);
      await client.get('/set?key=a&value=1');
      const gone = await client.get('/delete?key=a');
      expect(gone.setCookie).toEqual([
        'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/',
      ]);
      expect(client.cookie).toBeUndefined();
    });

    it('clear() empties the session and deletes the cookie', async () => {
      const client = new SessionClient(app);
      await client.get('/set?key=a&value=1');
      const saved = client.cookie as string;
      const cleared = await client.get('/clear');
      expect(cleared.setCookie[0]).toMatch(/^session=; Expires=Thu, 01 Jan 1970/);
      expect(JSON.parse((await client.get('/read')).text)).toEqual({ data: {}, isNew: true });
      if (storeCase.serverSide) {
        // The record is gone: the old cookie opens nothing.
        const replay = await client.get('/read', `session=${saved}`);
        expect(JSON.parse(replay.text).data).toEqual({});
      }
    });

    it('login (regenerate) keeps the data under a new cookie; the old one is worthless on server stores', async () => {
      const client = new SessionClient(app);
      await client.get('/set?key=cart&value=3 cookies');
      const before = client.cookie as string;
      const login = await client.get('/login?value=ada');
      expect(login.setCookie).toHaveLength(1);
      expect(client.cookie).not.toBe(before);
      expect(JSON.parse((await client.get('/read')).text).data).toEqual({
        _permanent: true,
        cart: '3 cookies',
        user: 'ada',
      });
      const replay = JSON.parse((await client.get('/read', `session=${before}`)).text);
      if (storeCase.serverSide) expect(replay).toEqual({ data: {}, isNew: true });
      else expect(replay.data).toEqual({ cart: '3 cookies' });
    });

    it('logout (destroy) deletes the cookie, even on an immutable redirect; server stores revoke the session', async () => {
      const client = new SessionClient(app);
      await client.get('/login?value=ada');
      const stolen = client.cookie as string;
      const logout = await client.get('/logout');
      expect(logout.status).toBe(303);
      expect(logout.response.headers.get('location')).toBe('http://shortbread.test/');
      expect(logout.setCookie[0]).toMatch(/^session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT;/);
      expect(client.cookie).toBeUndefined();
      const replay = JSON.parse((await client.get('/read', `session=${stolen}`)).text);
      if (storeCase.serverSide) expect(replay).toEqual({ data: {}, isNew: true });
      // A stateless cookie cannot be revoked: a copy taken before logout still opens until it
      // expires (docs/sessions.md says so, and says to use a server-side store when that matters).
      else expect(replay.data.user).toBe('ada');
    });

    it('keeps the Flask type mapping: Date, bytes, bigint, tuple, nested values, odd keys', async () => {
      const client = new SessionClient(app);
      await client.get('/types');
      const loaded = await sessions.load(
        new Request('http://x/', { headers: { cookie: `session=${client.cookie}` } }),
      );
      expect(loaded.get('when')).toEqual(new Date('2024-01-02T03:04:05Z'));
      expect(loaded.get('bytes')).toEqual(new Uint8Array([0, 255, 7]));
      expect(loaded.get('big')).toBe(2n ** 70n);
      expect(loaded.get('tuple')).toEqual(PyTuple.of<number | string>(1, 'two'));
      expect(loaded.get('nested')).toEqual({
        list: [1, 2.5, null, true],
        text: 'Jos\u00e9 \u{1F600}',
      });
      expect(loaded.get('__proto__')).toBe('just a key');
      expect(loaded.get(' t')).toBe('looks like a tag');
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    });

    it('a forged, truncated or foreign cookie is a new empty session, never an error', async () => {
      const client = new SessionClient(app);
      await client.get('/set?key=a&value=1');
      const good = client.cookie as string;
      const forged = `${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`;
      for (const value of [forged, good.slice(0, 20), 'garbage', '""', '%%%', `${good}.x`]) {
        const read = await client.get('/read', `session=${value}`);
        expect(read.status).toBe(200);
        expect(JSON.parse(read.text)).toEqual({ data: {}, isNew: true });
      }
      const other = makeApp(build({ secret: 'another secret' }));
      const foreign = await new SessionClient(other).get('/read', `session=${good}`);
      expect(JSON.parse(foreign.text)).toEqual({ data: {}, isNew: true });
    });

    it('when the cookie is sent twice, the first one counts (as in Flask)', async () => {
      const client = new SessionClient(app);
      await client.get('/set?key=a&value=1');
      const good = client.cookie as string;
      const goodFirst = await client.get('/read', `session=${good}; session=stale`);
      expect(JSON.parse(goodFirst.text).data).toEqual({ a: '1' });
      const staleFirst = await client.get('/read', `session=stale; session=${good}`);
      expect(JSON.parse(staleFirst.text).data).toEqual({});
    });

    it('a cookie signed with a fallback secret still opens and is re-signed with the current one', async () => {
      const oldSessions = build({ secret: 'the old secret' });
      const oldClient = new SessionClient(makeApp(oldSessions));
      await oldClient.get('/set?key=a&value=1');
      const rotated = makeApp(build({ secret: 'the new secret', fallbacks: ['the old secret'] }));
      const client = new SessionClient(rotated);
      client.cookie = oldClient.cookie;
      const read = await client.get('/read');
      expect(JSON.parse(read.text).data).toEqual({ a: '1' });
      expect(read.setCookie).toHaveLength(1);
      expect(client.cookie).not.toBe(oldClient.cookie);
      // The new cookie opens without the fallback.
      const current = new SessionClient(makeApp(build({ secret: 'the new secret' })));
      current.cookie = client.cookie;
      expect(JSON.parse((await current.get('/read')).text).data).toEqual({ a: '1' });
    });

    it('adds Cookie to an existing Vary header', async () => {
      const withVary = sessions.wrap(
        (_request, session) =>
          new Response(String(session.get('x')), { headers: { vary: 'Accept-Encoding' } }),
      );
      const response = await withVary(new Request('http://x/'));
      expect(response.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    });

    it('a session past its lifetime is a new session', async () => {
      const short = build({ lifetime: 60 });
      const start = Date.parse('2026-01-01T00:00:00Z');
      const session = await short.load(new Request('http://x/'), { now: start });
      session.set('a', 1);
      const response = await short.commit(session, new Response('ok'), { now: start });
      const cookie = (response.headers.getSetCookie()[0] as string).split(';')[0] as string;
      const request = () => new Request('http://x/', { headers: { cookie } });
      if (made.store instanceof RedisSessionStore) {
        // Redis keeps the ttl by its own clock: check it is the lifetime.
        const ttl = await made.store.client.ttl(`${made.store.prefix}${session.id}`);
        expect(ttl).toBeGreaterThan(55);
        expect(ttl).toBeLessThanOrEqual(60);
        return;
      }
      expect((await short.load(request(), { now: start + 59_000 })).get('a')).toBe(1);
      expect((await short.load(request(), { now: start + 61_000 })).isNew).toBe(true);
    });

    it('a value a session cannot hold fails the commit with a TypeError and saves nothing', async () => {
      const session = await sessions.load(new Request('http://x/'));
      session.set('fn', (() => 1) as unknown as string);
      await expect(sessions.commit(session, new Response('x'))).rejects.toThrow(TypeError);
    });

    if (storeCase.serverSide) {
      it('200 concurrent requests of one session, each adding its own key, keep all 200 (real HTTP)', async () => {
        const serving = await serve(
          sessions.wrap(async (request, session: Session) => {
            const key = new URL(request.url).searchParams.get('key') as string;
            // Yield once so that every request has loaded before the first one commits.
            await new Promise((resolve) => setTimeout(resolve, 5));
            session.set(key, key.length);
            return new Response('ok');
          }),
          { port: 0 },
        );
        try {
          const client = new SessionClient((request) => fetch(request), { base: serving.url });
          await client.get('/?key=seed');
          const cookie = `session=${client.cookie}`;
          const responses = await Promise.all(
            Array.from({ length: 200 }, (_, i) =>
              fetch(`${serving.url}/?key=k${i}`, { headers: { cookie } }),
            ),
          );
          expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200));
          await Promise.all(responses.map((r) => r.text()));
          const final = await sessions.load(new Request('http://x/', { headers: { cookie } }));
          const keys = [...final.keys()].sort();
          expect(keys).toHaveLength(201);
          for (let i = 0; i < 200; i++) expect(final.get(`k${i}`)).toBe(`k${i}`.length);
          // No request forked the session: none set another cookie (the browser holds this id's
          // cookie, so a request that only changed the record sends none at all).
          const cookies = new Set(responses.map((r) => r.headers.getSetCookie()[0]?.split(';')[0]));
          expect([...cookies].filter((c) => c !== undefined && c !== cookie)).toEqual([]);
        } finally {
          await serving.close({ force: true });
        }
      });

      it('a request that raced a logout does not bring the old session back', async () => {
        const client = new SessionClient(app);
        await client.get('/login?value=ada');
        const cookie = `session=${client.cookie}`;
        const late = await sessions.load(new Request('http://x/', { headers: { cookie } }));
        await client.get('/logout');
        late.set('seen', 'after logout');
        const response = await sessions.commit(late, new Response('x'));
        const again = await sessions.load(new Request('http://x/', { headers: { cookie } }));
        expect(again.isNew).toBe(true);
        // Its own change went to a new session, without the logged-out user.
        const line = response.headers.getSetCookie()[0] as string;
        expect(line.split(';')[0]).not.toBe(cookie);
        const fresh = await sessions.load(
          new Request('http://x/', { headers: { cookie: line.split(';')[0] as string } }),
        );
        expect(fresh.toJSON()).toEqual({ seen: 'after logout' });
      });

      it('an unchanged permanent session whose record vanished is not revived by the refresh', async () => {
        const client = new SessionClient(app);
        await client.get('/login?value=ada');
        const cookie = `session=${client.cookie}`;
        const late = await sessions.load(new Request('http://x/', { headers: { cookie } }));
        await (made.store as SessionStore).destroy(late.id as string);
        late.get('user');
        const response = await sessions.commit(late, new Response('x'));
        expect(response.headers.getSetCookie()[0]).toMatch(/^session=; Expires=Thu, 01 Jan 1970/);
        expect(
          await (made.store as SessionStore).get(late.id ?? '', { now: Date.now() }),
        ).toBeUndefined();
      });
    }
  });
}

describe('the Redis store with a client of your own', () => {
  it('works with an ioredis client passed in, and leaves it open on close()', async () => {
    const server = await redisServer();
    const client = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      const store = new RedisSessionStore({ client, prefix: '{app}:s:' });
      const sessions = new Sessions({ secret: SECRET, store });
      const session = await sessions.load(new Request('http://x/'));
      session.set('a', 1);
      await sessions.commit(session, new Response('x'));
      expect(await client.hgetall(`{app}:s:${session.id}`)).toEqual({ a: '1' });
      await store.close();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
    }
  });
});
