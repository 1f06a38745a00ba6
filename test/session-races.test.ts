/**
 * The session race suite (issue 20): requests of one session that interleave with a logout or a
 * regenerate, over real HTTP, on every server-side store (memory, SQLite, Redis). Each request that
 * takes part loads the session, then waits at a gate the test opens, so the orders below are exact.
 * Whatever the order, nothing revoked comes back: no cookie any response sent loads the logged-out
 * user, and the old id loads nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Serving, serve } from '../src/node-bridge/serve.js';
import { MemorySessionStore } from '../src/session/memory-store.js';
import { RedisSessionStore } from '../src/session/redis-store.js';
import { Sessions } from '../src/session/sessions.js';
import { SqliteSessionStore } from '../src/session/sqlite-store.js';
import type { SessionStore } from '../src/session/store.js';
import { type RedisServer, startRedis } from './helpers/redis.js';

const SECRET = 'session races secret, 32 bytes or more';

/** One request waiting at its gate after loading the session. */
interface Held {
  open(): void;
}

/** The app: /login, /logout, /regenerate, and /hold?op=… which waits at a gate before acting. */
class RaceApp {
  readonly sessions: Sessions;
  readonly #loaded: Held[] = [];
  readonly #waiters: Array<() => void> = [];
  serving: Serving | undefined;

  constructor(store: SessionStore) {
    this.sessions = new Sessions({ secret: SECRET, store });
  }

  async start(): Promise<string> {
    this.serving = await serve(
      this.sessions.wrap(async (request, session) => {
        const url = new URL(request.url);
        switch (url.pathname) {
          case '/login':
            session.regenerate();
            session.set('user_id', 42);
            session.set('role', 'admin');
            session.permanent = true;
            return new Response('in');
          case '/logout':
            session.destroy();
            return new Response('out');
          case '/regenerate':
            session.regenerate();
            session.set('elevated', true);
            return new Response('regenerated');
          case '/hold': {
            await this.#gate();
            const op = url.searchParams.get('op');
            if (op === 'markModified') session.markModified();
            else if (op === 'markKey') session.markModified('user_id');
            else if (op === 'set') session.set('theme', url.searchParams.get('value') ?? 'dark');
            else if (op === 'read') session.get('user_id');
            return new Response(op);
          }
          default:
            return new Response('not found', { status: 404 });
        }
      }),
      { port: 0 },
    );
    return this.serving.url;
  }

  /** Parks the request until the test opens its gate. */
  #gate(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#loaded.push({ open: resolve });
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** Resolves once `count` requests wait at their gates; returns them in arrival order. */
  async parked(count: number): Promise<Held[]> {
    while (this.#loaded.length < count) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    return this.#loaded.splice(0, count);
  }
}

function sessionCookie(response: Response): string | undefined {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.slice(0, line.indexOf(';'));
    if (pair.startsWith('session=') && pair !== 'session=') return pair;
  }
  return undefined;
}

/** Every key the session of `cookie` holds now (empty when it loads as a new session). */
async function keysOf(sessions: Sessions, cookie: string | undefined): Promise<string[]> {
  if (cookie === undefined) return [];
  const session = await sessions.load(new Request('http://x/', { headers: { cookie } }));
  return [...session.keys()].sort();
}

interface Target {
  readonly name: string;
  make(): Promise<{ store: SessionStore; close(): Promise<void> }>;
}

let redis: RedisServer;
const dirs: string[] = [];

const targets: Target[] = [
  {
    name: 'memory',
    make: async () => ({ store: new MemorySessionStore(), close: async () => {} }),
  },
  {
    name: 'SQLite',
    make: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'shortbread-races-'));
      dirs.push(dir);
      const store = new SqliteSessionStore({ filename: join(dir, 'sessions.db') });
      return { store, close: () => store.close() };
    },
  },
  {
    name: 'Redis',
    make: async () => {
      const store = new RedisSessionStore({ url: redis.url, prefix: `races:${Math.random()}:` });
      return { store, close: () => store.close() };
    },
  },
];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.each(targets)('session races on the $name store', (target) => {
  let app: RaceApp;
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const made = await target.make();
    close = made.close;
    app = new RaceApp(made.store);
    url = await app.start();
  });
  afterAll(async () => {
    await app?.serving?.close({ force: true });
    await close?.();
  });

  const get = (path: string, cookie?: string): Promise<Response> =>
    fetch(`${url}${path}`, cookie === undefined ? {} : { headers: { cookie } });

  async function login(): Promise<string> {
    const response = await get('/login');
    const cookie = sessionCookie(response);
    expect(await keysOf(app.sessions, cookie)).toEqual(['_permanent', 'role', 'user_id']);
    return cookie as string;
  }

  /** Starts `path` with `cookie`, waits until it is parked, logs out, then lets it finish. */
  async function afterLogout(path: string, cookie: string): Promise<Response> {
    const late = get(path, cookie);
    const [held] = await app.parked(1);
    const out = await get('/logout', cookie);
    expect(out.headers.getSetCookie()[0]).toMatch(/^session=;/);
    held?.open();
    return late;
  }

  it('destroy vs markModified: the late commit writes nothing back', async () => {
    const cookie = await login();
    const late = await afterLogout('/hold?op=markModified', cookie);
    expect(await late.text()).toBe('markModified');
    expect(await keysOf(app.sessions, sessionCookie(late))).toEqual([]);
    expect(await keysOf(app.sessions, cookie)).toEqual([]);
  });

  it('destroy vs markModified(key): the key is not written back', async () => {
    const cookie = await login();
    const late = await afterLogout('/hold?op=markKey', cookie);
    expect(await keysOf(app.sessions, sessionCookie(late))).toEqual([]);
    expect(await keysOf(app.sessions, cookie)).toEqual([]);
  });

  it('destroy vs set: only the key set starts a new session, without the user', async () => {
    const cookie = await login();
    const late = await afterLogout('/hold?op=set&value=blue', cookie);
    const fresh = sessionCookie(late);
    expect(fresh).not.toBe(cookie);
    expect(await keysOf(app.sessions, fresh)).toEqual(['theme']);
    expect(await keysOf(app.sessions, cookie)).toEqual([]);
  });

  it('regenerate vs set: the old id stays dead; the late set does not revive it', async () => {
    const cookie = await login();
    const late = get('/hold?op=set&value=green', cookie);
    const [held] = await app.parked(1);
    const renewed = sessionCookie(await get('/regenerate', cookie));
    expect(renewed).not.toBe(cookie);
    held?.open();
    const fresh = sessionCookie(await late);
    expect(await keysOf(app.sessions, cookie)).toEqual([]);
    expect(await keysOf(app.sessions, renewed)).toEqual([
      '_permanent',
      'elevated',
      'role',
      'user_id',
    ]);
    expect(await keysOf(app.sessions, fresh)).toEqual(['theme']);
  });

  it('logout vs 200 concurrent requests: no cookie any of them sent carries the user', async () => {
    const cookie = await login();
    const ops = ['markModified', 'markKey', 'set', 'read'];
    const responses = Array.from({ length: 200 }, (_, i) =>
      get(`/hold?op=${ops[i % ops.length]}&value=v${i}`, cookie),
    );
    const held = await app.parked(200);
    // Half finish before the logout, half after, in an order that mixes the operations.
    const before = held.filter((_, i) => i % 2 === 0);
    const after = held.filter((_, i) => i % 2 === 1);
    for (const request of before) request.open();
    const early = await Promise.all(responses.filter((_, i) => i % 2 === 0));
    const out = await get('/logout', cookie);
    expect(out.headers.getSetCookie()[0]).toMatch(/^session=;/);
    for (const request of after) request.open();
    const late = await Promise.all(responses.filter((_, i) => i % 2 === 1));
    expect([...early, ...late].every((response) => response.status === 200)).toBe(true);
    const issued = new Set<string>();
    for (const response of [...early, ...late]) {
      const each = sessionCookie(response);
      if (each !== undefined) issued.add(each);
    }
    issued.add(cookie);
    for (const each of issued) {
      const keys = await keysOf(app.sessions, each);
      expect(keys).not.toContain('user_id');
      expect(keys).not.toContain('role');
    }
    // The late `set`s each started a session of their own key only.
    const lateSets = late.filter((_, i) => (2 * i + 1) % ops.length === 2);
    for (const response of lateSets) {
      expect(await keysOf(app.sessions, sessionCookie(response))).toEqual(['theme']);
    }
  }, 60_000);
});
