/**
 * The per-user index ("where you're signed in", "log out everywhere") on every server-side store:
 * memory, SQLite, a real redis-server and a real PostgreSQL. `bind` at login, `list` with non-secret
 * handles, `revoke` one, `revokeAll` except the current one; a revoked cookie opens nothing from the
 * next request on, and `revokeAll` during 200 concurrent requests of the user's sessions leaves
 * none of them alive. The cookie store refuses with a clear error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isSessionStoreError,
  MemorySessionStore,
  type SessionStore,
  SessionStoreError,
  Sessions,
} from '../src/session.js';
import { PostgresSessionStore } from '../src/session-postgres.js';
import { RedisSessionStore } from '../src/session-redis.js';
import { SqliteSessionStore } from '../src/session-sqlite.js';
import { type PostgresServer, startPostgres } from './helpers/postgres.js';
import { type RedisServer, startRedis } from './helpers/redis.js';

const SECRET = 'user index suite secret, long enough';

let redis: RedisServer;
let postgres: PostgresServer;
let n = 0;
beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
}, 60_000);
afterAll(async () => {
  await redis?.stop();
  await postgres?.stop();
});

const cases: { name: string; make: () => SessionStore }[] = [
  { name: 'memory', make: () => new MemorySessionStore() },
  { name: 'sqlite', make: () => new SqliteSessionStore({ filename: ':memory:' }) },
  { name: 'redis', make: () => new RedisSessionStore({ url: redis.url, prefix: `u${n++}:` }) },
  {
    name: 'postgres',
    make: () => new PostgresSessionStore({ url: postgres.url, table: `u${n++}` }),
  },
];

/** An app: /login?user=&agent= binds, /whoami reads, /touch?key= writes a key. */
function makeApp(sessions: Sessions) {
  return sessions.wrap(async (request, session) => {
    const url = new URL(request.url);
    if (url.pathname === '/login') {
      session.regenerate();
      session.set('user', url.searchParams.get('user') ?? '');
      sessions.bind(session, url.searchParams.get('user') ?? '', {
        agent: url.searchParams.get('agent'),
      });
      return new Response(sessions.handleOf(session) ?? '');
    }
    if (url.pathname === '/touch') {
      // Yield so that many requests are in flight at once.
      await new Promise((resolve) => setTimeout(resolve, 2));
      session.set(url.searchParams.get('key') ?? 'k', true);
    }
    return Response.json({ user: session.get('user') ?? null });
  });
}

/** A browser of one: keeps the session cookie it is given. */
function browser(app: (request: Request) => Promise<Response>) {
  let cookie: string | undefined;
  return {
    get cookie() {
      return cookie;
    },
    async get(path: string, jar: string | undefined = cookie) {
      const headers = new Headers(jar === undefined ? {} : { cookie: `session=${jar}` });
      const response = await app(new Request(`http://app.test${path}`, { headers }));
      const line = response.headers.getSetCookie()[0];
      if (line !== undefined) {
        const value = line.split(';')[0]?.slice('session='.length) ?? '';
        cookie = value === '' ? undefined : value;
      }
      return { response, text: await response.text(), setCookie: line };
    },
  };
}

for (const storeCase of cases) {
  describe(`per-user index on the ${storeCase.name} store`, () => {
    let store: SessionStore;
    let sessions: Sessions;
    let app: (request: Request) => Promise<Response>;
    beforeAll(() => {
      store = storeCase.make();
      sessions = new Sessions({ secret: SECRET, store });
      app = makeApp(sessions);
    });
    afterAll(async () => store?.close?.());

    it('lists the sessions a user logged in with: handle, times, metadata; never the session id', async () => {
      const laptop = browser(app);
      const phone = browser(app);
      const handle1 = (await laptop.get('/login?user=ada&agent=Firefox')).text;
      const handle2 = (await phone.get('/login?user=ada&agent=Safari')).text;
      await browser(app).get('/login?user=grace&agent=Edge');
      const listed = await sessions.list('ada');
      expect(listed.map((s) => s.id).sort()).toEqual([handle1, handle2].sort());
      // Metadata comes back as stored (null-prototype records, like all session data).
      expect(listed.map((s) => JSON.stringify(s.metadata)).sort()).toEqual([
        '{"agent":"Firefox"}',
        '{"agent":"Safari"}',
      ]);
      for (const entry of listed) {
        expect(entry.createdAt).toBeInstanceOf(Date);
        expect(entry.lastSeenAt.getTime()).toBeGreaterThanOrEqual(entry.createdAt.getTime());
        // The handle is not the session id, nor a part of the cookie.
        expect(laptop.cookie).not.toContain(entry.id);
        expect(phone.cookie).not.toContain(entry.id);
      }
      expect(await sessions.list('nobody')).toEqual([]);
    });

    it('bind() in a request that keeps the id (no regenerate, not permanent) lists the session', async () => {
      const device = browser(app);
      await device.get('/whoami');
      await device.get('/touch?key=x');
      const session = await sessions.load(
        new Request('http://app.test/', { headers: { cookie: `session=${device.cookie}` } }),
      );
      session.set('user', 'eve');
      sessions.bind(session, 'eve', { agent: 'no regenerate' });
      const response = await sessions.commit(session, new Response('ok'));
      expect(response.headers.getSetCookie()).toEqual([]);
      expect((await sessions.list('eve')).map((s) => s.metadata)).toEqual([
        { agent: 'no regenerate' },
      ]);
      expect(JSON.parse((await device.get('/whoami')).text)).toEqual({ user: 'eve' });
    });

    it('revoke(handle) ends that session from its next request on; the others stay', async () => {
      const laptop = browser(app);
      const phone = browser(app);
      await laptop.get('/login?user=bob&agent=Firefox');
      const phoneHandle = (await phone.get('/login?user=bob&agent=Safari')).text;
      expect(await sessions.revoke('bob', phoneHandle)).toBe(true);
      expect(JSON.parse((await phone.get('/whoami')).text)).toEqual({ user: null });
      expect(JSON.parse((await laptop.get('/whoami')).text)).toEqual({ user: 'bob' });
      expect((await sessions.list('bob')).map((s) => JSON.stringify(s.metadata))).toEqual([
        '{"agent":"Firefox"}',
      ]);
      expect(await sessions.revoke('bob', phoneHandle)).toBe(false);
    });

    it('revokeAll({ except }) keeps the current session and ends the rest; logout drops out of the list', async () => {
      const here = browser(app);
      const others = [browser(app), browser(app), browser(app)];
      const mine = (await here.get('/login?user=cy&agent=here')).text;
      for (const other of others) await other.get('/login?user=cy&agent=other');
      expect(await sessions.list('cy')).toHaveLength(4);
      expect(await sessions.revokeAll('cy', { except: mine })).toBe(3);
      for (const other of others) {
        expect(JSON.parse((await other.get('/whoami')).text)).toEqual({ user: null });
      }
      expect(JSON.parse((await here.get('/whoami')).text)).toEqual({ user: 'cy' });
      expect((await sessions.list('cy')).map((s) => s.id)).toEqual([mine]);
      // The session ended by other means (its record destroyed) leaves the list too.
      const current = await sessions.load(
        new Request('http://app.test/', { headers: { cookie: `session=${here.cookie}` } }),
      );
      await store.destroy(current.id as string);
      expect(await sessions.list('cy')).toEqual([]);
    });

    it('revokeAll during 200 concurrent requests of the user’s sessions leaves none of them alive', async () => {
      const devices = Array.from({ length: 4 }, () => browser(app));
      for (const device of devices) await device.get('/login?user=dee&agent=race');
      const cookies = devices.map((device) => device.cookie as string);
      let revoked: Promise<number> | undefined;
      const requests = Array.from({ length: 200 }, async (_, i) => {
        if (i === 100) revoked = sessions.revokeAll('dee');
        const exchange = await browser(app).get(`/touch?key=k${i}`, cookies[i % 4]);
        return exchange.setCookie?.split(';')[0]?.slice('session='.length);
      });
      const issued = await Promise.all(requests);
      expect(await revoked).toBe(4);
      // Every cookie seen, old or issued during the race, opens no session of the user.
      for (const cookie of new Set([...cookies, ...issued])) {
        if (cookie === undefined || cookie === '') continue;
        const { text } = await browser(app).get('/whoami', cookie);
        expect(JSON.parse(text)).toEqual({ user: null });
      }
      expect(await sessions.list('dee')).toEqual([]);
    });
  });
}

describe('per-user index on the cookie store', () => {
  it('bind, list, revoke and revokeAll fail with ERR_SESSION_STORE_UNSUPPORTED', async () => {
    const sessions = new Sessions({ secret: SECRET });
    const session = await sessions.load(new Request('http://x/'));
    let error: unknown;
    try {
      sessions.bind(session, 'ada');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SessionStoreError);
    expect((error as SessionStoreError).code).toBe('ERR_SESSION_STORE_UNSUPPORTED');
    expect((error as Error).message).toMatch(/^session store cannot bind: the cookie store/);
    for (const call of [
      () => sessions.list('ada'),
      () => sessions.revoke('ada', 'h'),
      () => sessions.revokeAll('ada'),
    ]) {
      const failure = await call().catch((caught: unknown) => caught);
      expect(isSessionStoreError(failure)).toBe(true);
      expect((failure as SessionStoreError).code).toBe('ERR_SESSION_STORE_UNSUPPORTED');
    }
  });

  it('refuses an empty user id', () => {
    const sessions = new Sessions({ secret: SECRET, store: new MemorySessionStore() });
    expect(() => sessions.bind(undefined as never, '')).toThrow(/^session user id is invalid: ""/);
  });
});
