/**
 * `regenerate({ grace })` on every server-side store (memory, SQLite, a real redis-server and a real
 * PostgreSQL): for `grace` seconds the old id forwards to the new session, so requests on both ids,
 * including those already in flight with the old id when the regenerate commits, keep every write
 * in the new session; the new id never reaches an old-id holder; after the grace (an injected
 * clock, no sleeps) the old id opens nothing, and without grace it opens nothing at once. The
 * cookie store refuses a grace with a clear error.
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../src/node.js';
import { forwardId } from '../src/session/forward.js';
import {
  MemorySessionStore,
  Session,
  type SessionStore,
  SessionStoreError,
  Sessions,
  type SessionsOptions,
} from '../src/session.js';
import { PostgresSessionStore } from '../src/session-postgres.js';
import { RedisSessionStore } from '../src/session-redis.js';
import { SqliteSessionStore } from '../src/session-sqlite.js';
import { type PostgresServer, startPostgres } from './helpers/postgres.js';
import { type RedisServer, startRedis } from './helpers/redis.js';
import { type RedisClusterServer, startRedisCluster } from './helpers/redis-cluster.js';

const SECRET = 'grace suite secret, long enough to be real';
const T0 = Date.parse('2026-04-01T00:00:00Z');
const S = 1000;

let redis: RedisServer;
let postgres: PostgresServer;
let cluster: RedisClusterServer;
let n = 0;
beforeAll(async () => {
  [redis, postgres, cluster] = await Promise.all([
    startRedis(),
    startPostgres(),
    startRedisCluster(),
  ]);
}, 120_000);
afterAll(async () => {
  await redis?.stop();
  await postgres?.stop();
  await cluster?.stop();
});

interface Case {
  readonly name: string;
  make(): SessionStore;
  /** Whether the store's expiry follows the `now` it is given (Redis keeps its own clock). */
  readonly injectedClock: boolean;
}

const cases: Case[] = [
  { name: 'memory', make: () => new MemorySessionStore(), injectedClock: true },
  {
    name: 'sqlite',
    make: () => new SqliteSessionStore({ filename: ':memory:' }),
    injectedClock: true,
  },
  {
    name: 'redis',
    make: () => new RedisSessionStore({ url: redis.url, prefix: `g${n++}:` }),
    injectedClock: false,
  },
  {
    // Six nodes, three masters: the old id, the new id and the forward sit in different slots.
    name: 'redis cluster',
    make: () =>
      new RedisSessionStore({
        client: new Cluster(
          cluster.ports.map((port) => ({ host: '127.0.0.1', port })),
          { redisOptions: { maxRetriesPerRequest: 1 } },
        ),
        prefix: `gc${n++}:`,
      }),
    injectedClock: false,
  },
  {
    name: 'postgres',
    make: () => new PostgresSessionStore({ url: postgres.url, table: `g${n++}` }),
    injectedClock: true,
  },
];

/** The session cookie's value in a response: undefined when none, '' when deleted. */
function cookieOf(response: Response): string | undefined {
  const line = response.headers.getSetCookie().find((l) => l.startsWith('session='));
  if (line === undefined) return undefined;
  const value = line.split(';')[0]?.slice('session='.length) ?? '';
  return /max-age=0|expires=thu, 01 jan 1970/i.test(line) ? '' : value;
}

const request = (cookie: string | undefined, path = '/') =>
  new Request(`http://app.test${path}`, {
    headers: cookie === undefined ? {} : { cookie: `session=${cookie}` },
  });

const data = (session: Session) => JSON.parse(JSON.stringify(session)) as Record<string, unknown>;

for (const storeCase of cases) {
  describe(`regenerate({ grace }) on the ${storeCase.name} store`, () => {
    let store: SessionStore;
    beforeAll(() => {
      store = storeCase.make();
    });
    afterAll(async () => {
      await store?.close?.();
      const client = (store as Partial<RedisSessionStore>).client;
      if (client instanceof Cluster) client.disconnect();
    });

    const make = (options: Partial<SessionsOptions> = {}) =>
      new Sessions({ secret: SECRET, store, ...options });

    /** One request at `now`: load, `act`, commit; the response's session cookie. */
    async function exchange(
      sessions: Sessions,
      cookie: string | undefined,
      act: (session: Session) => unknown,
      now: number,
    ): Promise<{ session: Session; cookie: string | undefined; response: Response }> {
      const session = await sessions.load(request(cookie), { now });
      await act(session);
      const response = await sessions.commit(session, new Response('ok'), { now });
      return { session, cookie: cookieOf(response), response };
    }

    /** A session holding `entries`, created at `now`: its cookie. */
    async function start(sessions: Sessions, entries: Record<string, unknown>, now = T0) {
      const { cookie } = await exchange(
        sessions,
        undefined,
        (s) => {
          for (const [key, value] of Object.entries(entries)) s.set(key, value as never);
        },
        now,
      );
      expect(cookie).toBeTruthy();
      return cookie as string;
    }

    it('over HTTP: in-flight, old-id and new-id requests all keep their writes; old-id responses set no cookie', async () => {
      const sessions = make();
      let arrived = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const app = sessions.wrap(async (req, session) => {
        const url = new URL(req.url);
        const key = url.searchParams.get('key');
        if (url.pathname === '/login') {
          session.regenerate({ grace: Number(url.searchParams.get('grace')) });
          session.set('user', 'ada');
        } else if (url.pathname === '/permanent') {
          session.permanent = true;
        } else if (key !== null) {
          if (url.searchParams.has('wait')) {
            arrived++;
            await gate;
          } else {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          }
          session.set(key, true);
        }
        return Response.json(session.toJSON());
      });
      const server = await serve(app, { port: 0, hostname: '127.0.0.1' });
      try {
        const get = (path: string, cookie: string) =>
          fetch(`${server.url}${path}`, { headers: { cookie: `session=${cookie}` } });
        const first = await fetch(`${server.url}/?key=start`);
        const a = cookieOf(first) as string;
        await get('/permanent', a);
        // A permanent session: every response carries its cookie again (Flask's refresh).
        expect(cookieOf(await get('/', a))).toBe(a);

        // 30 requests with the old id are in the handler (loaded) when the regenerate commits.
        const inFlight = Array.from({ length: 30 }, (_, i) => get(`/?key=f${i}&wait=1`, a));
        while (arrived < 30) await new Promise((resolve) => setTimeout(resolve, 2));
        const login = await get('/login?grace=60', a);
        const b = cookieOf(login) as string;
        expect(b).toBeTruthy();
        expect(b).not.toBe(a);

        // Then they commit, while 30 more arrive with the old id and 30 with the new one.
        release();
        const oldOnes = Array.from({ length: 30 }, (_, i) => get(`/?key=o${i}`, a));
        const newOnes = Array.from({ length: 30 }, (_, i) => get(`/?key=n${i}`, b));
        const flown = await Promise.all(inFlight);
        const oldResponses = await Promise.all(oldOnes);
        const newResponses = await Promise.all(newOnes);
        for (const response of [...flown, ...oldResponses]) {
          expect(response.status).toBe(200);
          // No Set-Cookie of the session at all: not the new id, not the old one again.
          expect(response.headers.getSetCookie()).toEqual([]);
        }
        // Those that arrived after the regenerate read the new session.
        for (const response of oldResponses) {
          expect(((await response.json()) as Record<string, unknown>).user).toBe('ada');
        }
        for (const response of newResponses) {
          expect(response.status).toBe(200);
          expect(cookieOf(response)).toBe(b);
        }

        const final = (await (await get('/', b)).json()) as Record<string, unknown>;
        const expected = ['start', '_permanent', 'user'];
        for (let i = 0; i < 30; i++) expected.push(`f${i}`, `o${i}`, `n${i}`);
        expect(Object.keys(final).sort()).toEqual(expected.sort());
        // Within the grace, the old id opens the same session.
        expect(Object.keys((await (await get('/', a)).json()) as object).sort()).toEqual(
          expected.sort(),
        );
      } finally {
        await server.close();
      }
    });

    it.each([
      ['as the store answers', 0],
      ['with the new record written late (slow set)', 25],
    ])(
      'requests with the old id that commit while the regenerate itself commits lose nothing, %s',
      async (_, delay) => {
        // A store whose set() lags: requests with the old id then write while the new record does
        // not exist yet, the narrowest moment of the move.
        const slow = new Proxy(store, {
          get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver);
            if (typeof value !== 'function') return value;
            if (key !== 'set' || delay === 0) return value.bind(target);
            return async (...args: unknown[]) => {
              await new Promise((resolve) => setTimeout(resolve, delay));
              return value.apply(target, args);
            };
          },
        });
        const sessions = new Sessions({ secret: SECRET, store: slow });
        const a = await start(sessions, { n: 0 });
        const t = T0 + S;
        // Loaded before the regenerate, committed concurrently with it.
        const loaded = await Promise.all(
          Array.from({ length: 40 }, () => sessions.load(request(a), { now: t })),
        );
        const login = await sessions.load(request(a), { now: t });
        login.regenerate({ grace: 30 });
        login.set('user', 'ada');
        // The regenerate's commit starts first, the others right behind it.
        const committing = sessions.commit(login, new Response('ok'), { now: t });
        const commits = loaded.map((session, i) => {
          session.set(`k${i}`, i);
          return sessions.commit(session, new Response('ok'), { now: t });
        });
        const [loginResponse, ...others] = await Promise.all([committing, ...commits]);
        const b = cookieOf(loginResponse as Response) as string;
        expect(b).toBeTruthy();
        for (const response of others) expect(cookieOf(response)).not.toBe(b);
        const opened = await sessions.load(request(b), { now: t });
        const keys = Object.keys(data(opened));
        expect(keys).toContain('user');
        for (let i = 0; i < 40; i++) expect(keys).toContain(`k${i}`);
        expect(keys).toHaveLength(42);
      },
    );

    it('the old id opens the new session until the grace ends, then nothing (injected clock)', async () => {
      const sessions = make();
      const a = await start(sessions, { cart: [1] });
      const regen = await exchange(sessions, a, (s) => s.regenerate({ grace: 10 }), T0 + S);
      const b = regen.cookie as string;
      // The handler of an old-id request sees the old id, never the new one.
      const within = await exchange(sessions, a, (s) => s.set('late', 1), T0 + 10 * S);
      expect(within.session.isNew).toBe(false);
      expect(within.session.id).not.toBe((await sessions.load(request(b), { now: T0 })).id);
      expect(within.cookie).toBeUndefined();
      expect(data((await sessions.load(request(b), { now: T0 + 10 * S })) as Session)).toEqual({
        cart: [1],
        late: 1,
      });
      // The grace ends 10 s after the regenerate's commit.
      const after = await sessions.load(request(a), { now: T0 + 11 * S });
      expect(after.isNew).toBe(true);
      expect(data(after)).toEqual({});
      // A write with the old id after the grace starts a session of its own, never the new one.
      const stray = await exchange(sessions, a, (s) => s.set('stray', 1), T0 + 11 * S);
      expect(stray.cookie).toBeTruthy();
      expect(stray.cookie).not.toBe(b);
      expect(data(await sessions.load(request(b), { now: T0 + 12 * S }))).toEqual({
        cart: [1],
        late: 1,
      });
    });

    it('the store drops the forward record when the grace ends', async () => {
      const sessions = make();
      const a = await start(sessions, { x: 1 });
      const opened = await sessions.load(request(a), { now: T0 });
      const oldId = opened.id as string;
      await exchange(sessions, a, (s) => s.regenerate({ grace: 20 }), T0);
      // The old record is gone at once; only the forward stays, for the grace.
      expect(await store.get(oldId, { now: T0 })).toBeUndefined();
      if (storeCase.injectedClock) {
        expect(await store.get(forwardId(oldId), { now: T0 + 19 * S })).toBeDefined();
        expect(await store.get(forwardId(oldId), { now: T0 + 20 * S + 1 })).toBeUndefined();
      } else {
        // Redis expires keys by its own clock: the forward's ttl is the grace, not the lifetime.
        const redisStore = store as RedisSessionStore;
        const ttl = await redisStore.client.pttl(`${redisStore.prefix}${forwardId(oldId)}`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(20 * S);
      }
    });

    it('without grace the old id opens nothing at once, and no forward is stored', async () => {
      const sessions = make();
      const a = await start(sessions, { x: 1 });
      const oldId = (await sessions.load(request(a), { now: T0 })).id as string;
      const regen = await exchange(sessions, a, (s) => s.regenerate(), T0);
      expect(regen.cookie).toBeTruthy();
      expect((await sessions.load(request(a), { now: T0 })).isNew).toBe(true);
      expect(await store.get(forwardId(oldId), { now: T0 })).toBeUndefined();
      const zero = await exchange(sessions, regen.cookie, (s) => s.regenerate({ grace: 0 }), T0);
      expect((await sessions.load(request(regen.cookie), { now: T0 })).isNew).toBe(true);
      expect(data(await sessions.load(request(zero.cookie), { now: T0 }))).toEqual({ x: 1 });
    });

    it('a permanent session: an old-id request loaded before the regenerate gets no cookie back', async () => {
      const sessions = make();
      const a = await start(sessions, { x: 1, _permanent: true });
      const early = await sessions.load(request(a), { now: T0 });
      early.get('x');
      const regen = await exchange(sessions, a, (s) => s.regenerate({ grace: 30 }), T0);
      expect(regen.cookie).toBeTruthy();
      // Unchanged, permanent, rolling: it would refresh its (old) cookie; the old id is retired.
      const late = await sessions.commit(early, new Response('ok'), { now: T0 + S });
      expect(late.headers.getSetCookie()).toEqual([]);
      // Loaded through the forward: no cookie either, though changed.
      const forwarded = await exchange(sessions, a, (s) => s.set('y', 2), T0 + S);
      expect(forwarded.response.headers.getSetCookie()).toEqual([]);
      // The new id's own requests refresh the new cookie as usual.
      const own = await exchange(sessions, regen.cookie, (s) => s.get('x'), T0 + S);
      expect(own.cookie).toBe(regen.cookie);
      expect(data(own.session)).toEqual({ x: 1, _permanent: true, y: 2 });
    });

    it('destroy() with the old id ends the new session too; regenerate() with it changes no id', async () => {
      const sessions = make();
      const a = await start(sessions, { x: 1 });
      const b = (await exchange(sessions, a, (s) => s.regenerate({ grace: 30 }), T0)).cookie;
      // regenerate() from an old-id request: its write lands, no id changes, no cookie.
      const again = await exchange(
        sessions,
        a,
        (s) => {
          s.regenerate({ grace: 30 });
          s.set('y', 2);
        },
        T0 + S,
      );
      expect(again.response.headers.getSetCookie()).toEqual([]);
      expect(data(await sessions.load(request(b), { now: T0 + S }))).toEqual({ x: 1, y: 2 });
      // destroy() from an old-id request: both ids open nothing; the cookie is deleted.
      const out = await exchange(sessions, a, (s) => s.destroy(), T0 + 2 * S);
      expect(out.cookie).toBe('');
      expect((await sessions.load(request(b), { now: T0 + 2 * S })).isNew).toBe(true);
      expect((await sessions.load(request(a), { now: T0 + 2 * S })).isNew).toBe(true);
    });

    it('a logout loaded before the regenerate, committed after, ends the new session too', async () => {
      const sessions = make();
      const a = await start(sessions, { x: 1 });
      const logout = await sessions.load(request(a), { now: T0 });
      const b = (await exchange(sessions, a, (s) => s.regenerate({ grace: 30 }), T0)).cookie;
      logout.destroy();
      await sessions.commit(logout, new Response('bye'), { now: T0 });
      expect((await sessions.load(request(b), { now: T0 })).isNew).toBe(true);
      expect((await sessions.load(request(a), { now: T0 })).isNew).toBe(true);
    });

    it('one hop only: after a second grace regenerate the first id opens nothing', async () => {
      const sessions = make();
      const a = await start(sessions, { x: 1 });
      const b = (await exchange(sessions, a, (s) => s.regenerate({ grace: 30 }), T0)).cookie;
      const c = (await exchange(sessions, b, (s) => s.regenerate({ grace: 30 }), T0 + S)).cookie;
      expect(new Set([a, b, c]).size).toBe(3);
      expect((await sessions.load(request(a), { now: T0 + S })).isNew).toBe(true);
      expect(data(await sessions.load(request(b), { now: T0 + S }))).toEqual({ x: 1 });
      expect(data(await sessions.load(request(c), { now: T0 + S }))).toEqual({ x: 1 });
    });

    it('absoluteLifetime counts from the first creation, through a forward too', async () => {
      const sessions = make({ absoluteLifetime: 3600 });
      const a = await start(sessions, { x: 1 });
      const b = (await exchange(sessions, a, (s) => s.regenerate({ grace: 300 }), T0 + 3500 * S))
        .cookie;
      expect(data(await sessions.load(request(a), { now: T0 + 3550 * S }))).toEqual({ x: 1 });
      // The grace would last to 3800 s; the session ends at 3600 s on both ids.
      expect((await sessions.load(request(a), { now: T0 + 3601 * S })).isNew).toBe(true);
      expect((await sessions.load(request(b), { now: T0 + 3601 * S })).isNew).toBe(true);
    });

    it('the user index lists the new session, not the forward; revokeAll ends both ids', async () => {
      const sessions = make();
      const login = await exchange(
        sessions,
        undefined,
        (s) => {
          s.set('user', 'ada');
          sessions.bind(s, 'ada', { agent: 'test' });
        },
        T0,
      );
      const a = login.cookie as string;
      const b = (await exchange(sessions, a, (s) => s.regenerate({ grace: 60 }), T0 + S)).cookie;
      const listed = await sessions.list('ada', { now: T0 + 2 * S });
      expect(listed).toHaveLength(1);
      // The listed handle is the new session's: revoking it by handle works.
      const opened = await sessions.load(request(b), { now: T0 + 2 * S });
      expect(sessions.handleOf(opened)).toBe(listed[0]?.id);
      // An old-id request that binds again keeps the session listed (under the new id).
      await exchange(sessions, a, (s) => sessions.bind(s, 'ada', { agent: 'again' }), T0 + 3 * S);
      const relisted = await sessions.list('ada', { now: T0 + 3 * S });
      expect(relisted.map((s) => s.metadata)).toEqual([{ agent: 'again' }]);
      expect(data(await sessions.load(request(b), { now: T0 + 3 * S }))).toEqual({ user: 'ada' });
      expect(await sessions.revokeAll('ada', { now: T0 + 4 * S })).toBe(1);
      expect((await sessions.load(request(a), { now: T0 + 4 * S })).isNew).toBe(true);
      expect((await sessions.load(request(b), { now: T0 + 4 * S })).isNew).toBe(true);
    });
  });
}

describe('regenerate({ grace }) on the cookie store', () => {
  it('throws ERR_SESSION_STORE_UNSUPPORTED at the call; a plain regenerate still works', async () => {
    const sessions = new Sessions({ secret: SECRET });
    const session = await sessions.load(request(undefined));
    session.set('a', 1);
    expect(() => session.regenerate({ grace: 5 })).toThrow(SessionStoreError);
    try {
      session.regenerate({ grace: 5 });
    } catch (error) {
      expect(error).toMatchObject({
        code: 'ERR_SESSION_STORE_UNSUPPORTED',
        store: 'cookie',
        operation: 'regenerate',
      });
    }
    session.regenerate();
    const response = await sessions.commit(session, new Response('ok'));
    expect(cookieOf(response)).toBeTruthy();
  });

  it('a session made by hand with a grace is refused at commit, before anything is written', async () => {
    const sessions = new Sessions({ secret: SECRET });
    const session = new Session({ data: { a: 1 }, isNew: false });
    session.regenerate({ grace: 5 });
    await expect(sessions.commit(session, new Response('ok'))).rejects.toMatchObject({
      name: 'SessionStoreError',
      code: 'ERR_SESSION_STORE_UNSUPPORTED',
    });
  });
});
