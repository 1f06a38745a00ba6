/**
 * Store failures reach the handler as `SessionStoreError` with the backend's error as `cause`, leave
 * no half-written session, and heal: redis-server is killed mid-test (SIGKILL) and restarted on the
 * same port with its append-only file, and ioredis reconnects; PostgreSQL is stopped at once
 * (`pg_ctl stop -m immediate`) under load and started again, and nothing it acknowledged is lost;
 * an SQLite file is write-locked by another connection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isSessionStoreError, SessionStoreError, Sessions } from '../src/session.js';
import { PostgresSessionStore } from '../src/session-postgres.js';
import { RedisSessionStore } from '../src/session-redis.js';
import { SqliteSessionStore } from '../src/session-sqlite.js';
import { startPostgres } from './helpers/postgres.js';
import { startRedis } from './helpers/redis.js';
import { SessionClient } from './helpers/session-client.js';

const SECRET = 'faults secret';
const tempDir = mkdtempSync(join(tmpdir(), 'shortbread-faults-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** An app whose handler decides what to answer when the store fails: 503 with the error code. */
function makeApp(sessions: Sessions) {
  return sessions.wrap(
    (request, session) => {
      const key = new URL(request.url).searchParams.get('key');
      if (key !== null) session.set(key, true);
      return Response.json(session.toJSON());
    },
    { onError: (error) => new Response(error.code, { status: 503 }) },
  );
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('Redis goes down and comes back', () => {
  it('fails with SessionStoreError while down, reconnects on its own, and the data is intact', async () => {
    const redis = await startRedis({ appendOnly: true });
    const store = new RedisSessionStore({ url: redis.url, commandTimeout: 1000 });
    const sessions = new Sessions({ secret: SECRET, store });
    const app = makeApp(sessions);
    try {
      const client = new SessionClient(app);
      expect((await client.get('/?key=before')).status).toBe(200);
      const cookie = `session=${client.cookie}`;

      await redis.kill();

      // load fails: the handler's onError answers.
      const down = await client.get('/?key=during');
      expect(down.status).toBe(503);
      expect(down.text).toMatch(/^ERR_SESSION_STORE_(UNAVAILABLE|TIMEOUT)$/);
      // The same through load() directly: a typed error with the ioredis error as cause.
      const error = await caught(sessions.load(new Request('http://x/', { headers: { cookie } })));
      expect(error).toBeInstanceOf(SessionStoreError);
      expect(isSessionStoreError(error)).toBe(true);
      const storeError = error as SessionStoreError;
      expect(storeError.store).toBe('redis');
      expect(storeError.operation).toBe('get');
      expect(storeError.cause).toBeInstanceOf(Error);
      expect(storeError.message).toMatch(/^session store is unavailable: redis get of "/);
      // commit fails the same way, for a session loaded before the crash.
      await redis.restart();
      const loaded = await waitFor(() =>
        sessions.load(new Request('http://x/', { headers: { cookie } })),
      );
      await redis.kill();
      loaded.set('lost', true);
      const commitError = await caught(sessions.commit(loaded, new Response('x')));
      expect(isSessionStoreError(commitError)).toBe(true);
      expect((commitError as SessionStoreError).operation).toBe('update');

      await redis.restart();
      // ioredis reconnects by itself (retry every <= 1 s); requests succeed again.
      const back = await waitFor(async () => {
        const exchange = await client.get('/?key=after');
        if (exchange.status !== 200) throw new Error(`still ${exchange.status}`);
        return exchange;
      });
      // Written before the crash: intact. Written while down: not there, not half there.
      expect(JSON.parse(back.text)).toEqual({ before: true, after: true });
    } finally {
      await store.close();
      await redis.stop();
    }
  });
});

/** Retries `step` every 100 ms for up to 15 s (reconnection takes a moment). */
async function waitFor<T>(step: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let i = 0; i < 150; i++) {
    try {
      return await step();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw last;
}

describe('SQLite is locked by another connection', () => {
  it('fails with ERR_SESSION_STORE_BUSY, writes nothing, and works once the lock is released', async () => {
    const filename = join(tempDir, 'locked.db');
    const store = new SqliteSessionStore({ filename, timeout: 50 });
    const sessions = new Sessions({ secret: SECRET, store });
    const app = makeApp(sessions);
    const other = new Database(filename);
    try {
      const client = new SessionClient(app);
      expect((await client.get('/?key=before')).status).toBe(200);

      // Another process holds the write lock (as a long migration or a backup would).
      other.exec('BEGIN IMMEDIATE');
      const busy = await client.get('/?key=during');
      expect(busy.status).toBe(503);
      expect(busy.text).toBe('ERR_SESSION_STORE_BUSY');

      const cookie = `session=${client.cookie}`;
      const session = await sessions.load(new Request('http://x/', { headers: { cookie } }));
      session.set('during', true);
      const error = await caught(sessions.commit(session, new Response('x')));
      expect(error).toBeInstanceOf(SessionStoreError);
      expect((error as SessionStoreError).code).toBe('ERR_SESSION_STORE_BUSY');
      expect((error as SessionStoreError).message).toMatch(
        /^session store is busy: sqlite update failed with "database is locked"/,
      );
      expect((error as { cause?: { code?: string } }).cause?.code).toBe('SQLITE_BUSY');
      other.exec('ROLLBACK');

      const after = await client.get('/?key=after');
      expect(after.status).toBe(200);
      expect(JSON.parse(after.text)).toEqual({ before: true, after: true });
    } finally {
      other.close();
      await store.close();
    }
  });
});

describe('PostgreSQL stops under load and comes back', () => {
  it('answers 503 with a store code while down (never a hang), recovers, and keeps every acknowledged write', async () => {
    const server = await startPostgres();
    const store = new PostgresSessionStore({ url: server.url, commandTimeout: 2000 });
    const sessions = new Sessions({ secret: SECRET, store });
    const app = makeApp(sessions);
    const clients = Array.from({ length: 12 }, () => new SessionClient(app));
    // Per client: the keys whose request answered 200 (acknowledged), and every failure seen.
    const acknowledged = clients.map(() => [] as string[]);
    const failures: string[] = [];
    let slowest = 0;
    let phase: 'up' | 'down' | 'back' = 'up';
    const downStatuses = new Set<string>();
    let running = true;
    try {
      for (const client of clients) expect((await client.get('/?key=seed')).status).toBe(200);
      const loops = clients.map(async (client, index) => {
        for (let i = 0; running; i++) {
          const key = `k${i}`;
          const started = Date.now();
          const exchange = await client.get(`/?key=${key}`);
          slowest = Math.max(slowest, Date.now() - started);
          if (exchange.status === 200) acknowledged[index]?.push(key);
          else if (
            exchange.status !== 503 ||
            !/^ERR_SESSION_STORE_(UNAVAILABLE|TIMEOUT)$/.test(exchange.text)
          ) {
            failures.push(`client ${index} ${key}: ${exchange.status} ${exchange.text}`);
          } else if (phase === 'down') downStatuses.add(exchange.text);
          if (exchange.status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const beforeKill = acknowledged.map((keys) => keys.length);
      await server.kill();
      phase = 'down';
      await new Promise((resolve) => setTimeout(resolve, 800));
      await server.restart();
      phase = 'back';
      // The pool reconnects on its own: every client gets a 200 again.
      const recoveredAt = acknowledged.map((keys) => keys.length);
      for (
        let i = 0;
        i < 150 && acknowledged.some((keys, c) => keys.length <= (recoveredAt[c] ?? 0));
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      running = false;
      await Promise.all(loops);

      expect(failures).toEqual([]);
      expect(beforeKill.every((count) => count > 0)).toBe(true);
      expect(downStatuses.has('ERR_SESSION_STORE_UNAVAILABLE')).toBe(true);
      // commandTimeout bounds every call: no request waits on a dead server for long.
      expect(slowest).toBeLessThan(10_000);
      for (const [index, client] of clients.entries()) {
        expect((acknowledged[index]?.length ?? 0) > (recoveredAt[index] ?? 0)).toBe(true);
        const read = await sessions.load(
          new Request('http://x/', { headers: { cookie: `session=${client.cookie}` } }),
        );
        // Every key whose request PostgreSQL acknowledged is there after the crash.
        for (const key of ['seed', ...(acknowledged[index] ?? [])]) {
          expect(read.get(key), `client ${index} lost ${key}`).toBe(true);
        }
      }
    } finally {
      running = false;
      await store.close();
      await server.stop();
    }
  }, 90_000);

  it('a load while down is a SessionStoreError naming postgres, the operation and the cause', async () => {
    const server = await startPostgres();
    const store = new PostgresSessionStore({ url: server.url, commandTimeout: 1000 });
    const sessions = new Sessions({ secret: SECRET, store });
    try {
      const client = new SessionClient(makeApp(sessions));
      await client.get('/?key=before');
      const cookie = `session=${client.cookie}`;
      const loaded = await sessions.load(new Request('http://x/', { headers: { cookie } }));
      await server.kill();
      const error = await caught(sessions.load(new Request('http://x/', { headers: { cookie } })));
      expect(error).toBeInstanceOf(SessionStoreError);
      const storeError = error as SessionStoreError;
      expect(storeError.store).toBe('postgres');
      expect(storeError.operation).toBe('get');
      expect(storeError.code).toBe('ERR_SESSION_STORE_UNAVAILABLE');
      expect(storeError.cause).toBeInstanceOf(Error);
      expect(storeError.message).toMatch(/^session store is unavailable: postgres get of "/);
      loaded.set('lost', true);
      const commitError = await caught(sessions.commit(loaded, new Response('x')));
      expect((commitError as SessionStoreError).operation).toBe('update');
      await server.restart();
      const back = await waitFor(async () => {
        const exchange = await client.get('/?key=after');
        if (exchange.status !== 200) throw new Error(`still ${exchange.status}`);
        return exchange;
      });
      expect(JSON.parse(back.text)).toEqual({ before: true, after: true });
    } finally {
      await store.close();
      await server.stop();
    }
  }, 60_000);
});
