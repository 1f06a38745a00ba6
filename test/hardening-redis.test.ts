/**
 * Issue 20 rows 11 and 12, against real redis-servers started here on free ports. Each test failed
 * on main at 2c140b7 (row 11 hung until the test timed out).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisSessionStore } from '../src/session/redis-store.js';
import { type SessionChanges, SessionStoreError } from '../src/session/store.js';
import { type RedisServer, startRedis } from './helpers/redis.js';

const change = (set: Record<string, unknown>, clear = false) =>
  ({ clear, set: new Map(Object.entries(set)), delete: new Set() }) as SessionChanges;

/** INFO clients, asked by a client of its own (which is the one connected client). */
async function probe(port: number): Promise<string> {
  const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  try {
    return await client.info('clients');
  } finally {
    client.disconnect();
  }
}

describe('row 11: close() settles while ioredis is reconnecting', () => {
  it('resolves within commandTimeout after Redis went away', async () => {
    const redis = await startRedis();
    const store = new RedisSessionStore({ url: redis.url, commandTimeout: 500 });
    try {
      await store.set('alive', { a: 1 }, { ttl: 60 });
      await redis.kill();
      // Wait until ioredis has noticed and is trying again.
      for (let i = 0; i < 100 && store.client.status !== 'reconnecting'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(store.client.status).toBe('reconnecting');
      const started = Date.now();
      const outcome = await Promise.race([
        store.close().then(
          () => 'resolved',
          () => 'rejected',
        ),
        new Promise((resolve) => setTimeout(() => resolve('hung'), 3000)),
      ]);
      expect(outcome).not.toBe('hung');
      expect(Date.now() - started).toBeLessThan(1500);
      // It stopped trying: Redis back, the client stays closed.
      await redis.restart();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(['end', 'reconnecting']).toContain(store.client.status);
      expect(Number(/connected_clients:(\d+)/.exec(await probe(redis.port))?.[1])).toBe(1);
    } finally {
      store.client.disconnect();
      await redis.stop();
    }
  });
});

describe('row 12: a full Redis (maxmemory + noeviction) refuses a write, nothing half written', () => {
  let redis: RedisServer;
  let client: Redis;
  let store: RedisSessionStore;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    store = new RedisSessionStore({ client, prefix: 'full:' });
    await store.set('old', { user_id: 42, role: 'admin' }, { ttl: 600 });
    await store.set('keep', { a: 1 }, { ttl: 600 });
    // Fill Redis, then set the limit just under what it uses.
    const filler = 'f'.repeat(64 * 1024);
    for (let i = 0; i < 64; i++) await client.set(`filler:${i}`, filler);
    const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
    await client.config('SET', 'maxmemory-policy', 'noeviction');
    await client.config('SET', 'maxmemory', String(used - 1024 * 1024));
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('a new session (set) is refused with ERR_SESSION_STORE_FAILED and not written', async () => {
    const error = await store.set('new', { user_id: 7 }, { ttl: 600 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionStoreError);
    expect((error as SessionStoreError).code).toBe('ERR_SESSION_STORE_FAILED');
    expect((error as Error).message).toMatch(/OOM/);
    expect(await client.exists('full:new')).toBe(0);
  });

  it('clear-then-set (update with clear) is refused and the record is left as it was', async () => {
    const error = await store
      .update('old', change({ fresh: 'x'.repeat(1000) }, true), { ttl: 600 })
      .catch((e: unknown) => e);
    expect((error as SessionStoreError).code).toBe('ERR_SESSION_STORE_FAILED');
    expect(await store.get('old')).toEqual({ user_id: 42, role: 'admin' });
  });

  it('an update that adds a key is refused, one that only deletes goes through', async () => {
    const error = await store
      .update('keep', change({ b: 2 }), { ttl: 600 })
      .catch((e: unknown) => e);
    expect((error as SessionStoreError).code).toBe('ERR_SESSION_STORE_FAILED');
    expect(await store.get('keep')).toEqual({ a: 1 });
    const removed = await store.update(
      'keep',
      { clear: false, set: new Map(), delete: new Set(['a']) },
      { ttl: 600 },
    );
    expect(removed).toEqual({});
    expect(await client.exists('full:keep')).toBe(0);
  });
});
