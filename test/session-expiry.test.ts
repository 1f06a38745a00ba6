/**
 * Idle timeout (sliding), absolute lifetime (a cap from creation that `regenerate()` keeps) and
 * `touchAfter` (no rewrite of an unchanged session until that much time has passed since its last
 * write), on every store: the signed cookie, memory, SQLite, a real redis-server and a real
 * PostgreSQL. The clock is injected (`now`); nothing sleeps. Without these options nothing changes
 * in what is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { type PostgresServer, startPostgres } from './helpers/postgres.js';
import { type RedisServer, startRedis } from './helpers/redis.js';

const SECRET = 'expiry suite secret, long enough to be real';
const T0 = Date.parse('2026-03-01T00:00:00Z');
const S = 1000;

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

/** Counts the writes a store receives (set, update, touch). */
function counting(store: SessionStore): { store: SessionStore; writes: () => number } {
  let writes = 0;
  const counted = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (key === 'set' || key === 'update' || key === 'touch') writes++;
        return value.apply(target, args);
      };
    },
  });
  return { store: counted, writes: () => writes };
}

interface Case {
  readonly name: string;
  make(): SessionStore | undefined;
}

const cases: Case[] = [
  { name: 'cookie', make: () => undefined },
  { name: 'memory', make: () => new MemorySessionStore() },
  { name: 'sqlite', make: () => new SqliteSessionStore({ filename: ':memory:' }) },
  { name: 'redis', make: () => new RedisSessionStore({ url: redis.url, prefix: `e${n++}:` }) },
  {
    name: 'postgres',
    make: () => new PostgresSessionStore({ url: postgres.url, table: `e${n++}` }),
  },
];

for (const storeCase of cases) {
  describe(`expiry on the ${storeCase.name} store`, () => {
    const opened: SessionStore[] = [];
    afterAll(async () => {
      for (const store of opened) await store.close?.();
    });

    function setup(options: Partial<SessionsOptions> = {}) {
      const raw = storeCase.make();
      if (raw !== undefined) opened.push(raw);
      const counted = raw === undefined ? undefined : counting(raw);
      const sessions = new Sessions({
        secret: SECRET,
        ...(counted === undefined ? { store: new CookieSessionStore() } : { store: counted.store }),
        ...options,
      });
      let cookie: string | undefined;
      /** One request at `at`: `act` may change the session; returns what the response did. */
      const request = async (at: number, act: (session: Session) => void = () => undefined) => {
        const headers = new Headers(cookie === undefined ? {} : { cookie: `session=${cookie}` });
        const session = await sessions.load(new Request('http://x/', { headers }), { now: at });
        act(session);
        const response = await sessions.commit(session, new Response('ok'), { now: at });
        const line = response.headers.getSetCookie()[0];
        if (line !== undefined) {
          const value = line.split(';')[0]?.slice('session='.length) ?? '';
          cookie = value === '' ? undefined : value;
        }
        return { session, setCookie: line, keys: [...session.keys()] };
      };
      return { sessions, request, raw, writes: () => counted?.writes() ?? 0 };
    }

    it('without the options, nothing new is stored and every request behaves as in Flask', async () => {
      const { request, raw } = setup();
      const first = await request(T0, (s) => s.set('a', 1));
      expect(first.setCookie).toBeDefined();
      const read = await request(T0 + 10 * S);
      expect(read.keys).toEqual(['a']);
      expect(read.setCookie).toBeUndefined();
      if (raw !== undefined) {
        const stored = await raw.get(read.session.id as string, { now: T0 + 10 * S });
        expect(Object.keys(stored ?? {})).toEqual(['a']);
      }
    });

    it('idleTimeout: each request slides the expiry; a gap longer than the timeout ends the session', async () => {
      const { request, raw, writes } = setup({ idleTimeout: 600 });
      await request(T0, (s) => s.set('user', 'ada'));
      let at = T0;
      for (let i = 0; i < 4; i++) {
        at += 599 * S;
        const before = writes();
        const step = await request(at);
        expect(step.session.get('user')).toBe('ada');
        // Sliding: the unchanged session is rewritten so that its idle clock restarts: a new
        // cookie for the cookie store; the record for a server-side one, whose id cookie (with no
        // Expires) the browser already holds and is not sent again.
        if (raw === undefined) expect(step.setCookie).toBeDefined();
        else {
          expect(writes()).toBe(before + 1);
          expect(step.setCookie).toBeUndefined();
        }
        // The bookkeeping is stored, and the handler never sees it.
        expect(step.keys).toEqual(['user']);
      }
      if (raw !== undefined) {
        const id = (await request(at)).session.id as string;
        expect(Object.keys((await raw.get(id, { now: at })) ?? {}).sort()).toEqual([
          '_shortbread',
          'user',
        ]);
      }
      const late = await request(at + 601 * S);
      expect(late.session.isNew).toBe(true);
      expect(late.session.get('user')).toBeUndefined();
    });

    it('absoluteLifetime: the session ends that long after creation however active, and regenerate() keeps the creation time', async () => {
      const { request } = setup({ idleTimeout: 600, absoluteLifetime: 1000 });
      await request(T0, (s) => s.set('cart', 1));
      const login = await request(T0 + 300 * S, (s) => {
        s.regenerate();
        s.set('user', 'ada');
      });
      expect(login.setCookie).toBeDefined();
      expect((await request(T0 + 600 * S)).session.get('user')).toBe('ada');
      expect((await request(T0 + 900 * S)).session.get('user')).toBe('ada');
      const capped = await request(T0 + 1001 * S);
      expect(capped.session.isNew).toBe(true);
    });

    it('a permanent session cookie expires no later than the idle and absolute limits', async () => {
      const { request } = setup({ idleTimeout: 600, absoluteLifetime: 1000 });
      const first = await request(T0, (s) => {
        s.permanent = true;
        s.set('user', 'ada');
      });
      expect(first.setCookie).toContain(`Expires=${new Date(T0 + 600 * S).toUTCString()}`);
      const later = await request(T0 + 500 * S);
      expect(later.setCookie).toContain(`Expires=${new Date(T0 + 1000 * S).toUTCString()}`);
    });

    it('touchAfter: read-only requests rewrite neither the record nor the cookie until it has passed', async () => {
      const { request, writes } = setup({ idleTimeout: 3600, touchAfter: 60 });
      await request(T0, (s) => {
        s.permanent = true;
        s.set('user', 'ada');
      });
      const afterLogin = writes();
      for (const seconds of [1, 20, 59]) {
        const quiet = await request(T0 + seconds * S);
        expect(quiet.session.get('user')).toBe('ada');
        // Not even Flask's refresh of a permanent session.
        expect(quiet.setCookie).toBeUndefined();
      }
      expect(writes()).toBe(afterLogin);
      const due = await request(T0 + 61 * S);
      expect(due.setCookie).toBeDefined();
      if (storeCase.name !== 'cookie') expect(writes()).toBe(afterLogin + 1);
      // The clock restarted at the rewrite.
      expect((await request(T0 + 100 * S)).setCookie).toBeUndefined();
      // A change is always written at once.
      const change = await request(T0 + 101 * S, (s) => s.set('theme', 'dark'));
      expect(change.setCookie).toBeDefined();
      // And the idle timeout counts from the last write, which touchAfter may delay by at most 60 s.
      expect((await request(T0 + 101 * S + 3599 * S)).session.get('theme')).toBe('dark');
    });

    it('touchAfter alone throttles Flask refreshes of permanent sessions and never ends one', async () => {
      const { request } = setup({ touchAfter: 300 });
      await request(T0, (s) => {
        s.permanent = true;
        s.set('user', 'ada');
      });
      expect((await request(T0 + 299 * S)).setCookie).toBeUndefined();
      expect((await request(T0 + 301 * S)).setCookie).toBeDefined();
      expect((await request(T0 + 30 * 24 * 3600 * S)).session.get('user')).toBe('ada');
    });
  });
}

describe('expiry options', () => {
  it('refuses a timeout that is not a number of seconds above 0', () => {
    expect(() => new Sessions({ secret: SECRET, idleTimeout: 0 })).toThrow(
      /^session idleTimeout is invalid: 0/,
    );
    expect(() => new Sessions({ secret: SECRET, absoluteLifetime: Number.NaN })).toThrow(
      /^session absoluteLifetime is invalid/,
    );
    expect(() => new Sessions({ secret: SECRET, touchAfter: -1 })).toThrow(
      /^session touchAfter is invalid: -1/,
    );
  });
});
