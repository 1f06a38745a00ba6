import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from '../../test/helpers/redis.js';
import { RedisSessionStore } from './redis-store.js';
import { type SessionChanges, SessionStoreError } from './store.js';

const change = (set: Record<string, unknown> = {}, del: string[] = [], clear = false) =>
  ({ clear, set: new Map(Object.entries(set)), delete: new Set(del) }) as SessionChanges;

describe('RedisSessionStore (real redis-server)', () => {
  let redis: RedisServer;
  let client: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('keeps one hash per session under the prefix, one field per key, with the ttl in Redis', async () => {
    const store = new RedisSessionStore({ client, prefix: 'unit:' });
    await store.set('id1', { a: 1, when: new Date(0) }, { ttl: 120 });
    expect(await client.hgetall('unit:id1')).toEqual({
      a: '1',
      when: '{" d":"Thu, 01 Jan 1970 00:00:00 GMT"}',
    });
    const ttl = await client.ttl('unit:id1');
    expect(ttl).toBeGreaterThan(115);
    expect(ttl).toBeLessThanOrEqual(120);
    expect(await store.get('id1')).toEqual({ a: 1, when: new Date(0) });
  });

  it('merges per-key changes atomically and deletes a hash left empty', async () => {
    const store = new RedisSessionStore({ client, prefix: 'unit:' });
    await store.set('id2', { a: 1, b: 2 }, { ttl: 60 });
    expect(await store.update('id2', change({ c: 3 }, ['a']), { ttl: 90 })).toEqual({ b: 2, c: 3 });
    expect(await client.ttl('unit:id2')).toBeGreaterThan(60);
    expect(await store.update('id2', change({ d: 4 }, [], true), { ttl: 60 })).toEqual({ d: 4 });
    expect(await store.update('id2', change({}, ['d']), { ttl: 60 })).toEqual({});
    expect(await client.exists('unit:id2')).toBe(0);
    // A vanished record is not brought back.
    expect(await store.update('id2', change({ x: 1 }), { ttl: 60 })).toBeUndefined();
    expect(await client.exists('unit:id2')).toBe(0);
  });

  it('handles many keys in one update (chunked HDEL/HSET)', async () => {
    const store = new RedisSessionStore({ client, prefix: 'unit:' });
    const many: Record<string, number> = {};
    for (let i = 0; i < 1500; i++) many[`k${i}`] = i;
    await store.set('big', many, { ttl: 60 });
    const dropped = Object.keys(many).slice(0, 700);
    const merged = await store.update('big', change({ extra: true }, dropped), { ttl: 60 });
    expect(Object.keys(merged ?? {})).toHaveLength(801);
  });

  it('touch extends only a live record (a logged-out session stays gone)', async () => {
    const store = new RedisSessionStore({ client, prefix: 'unit:' });
    await store.set('id3', { a: 1 }, { ttl: 10 });
    expect(await store.touch('id3', { ttl: 500 })).toBe(true);
    expect(await client.ttl('unit:id3')).toBeGreaterThan(400);
    await store.destroy('id3');
    expect(await store.touch('id3', { ttl: 500 })).toBe(false);
    expect(await client.exists('unit:id3')).toBe(0);
  });

  it('loads its scripts again after SCRIPT FLUSH (NOSCRIPT fallback)', async () => {
    const store = new RedisSessionStore({ client, prefix: 'unit:' });
    await store.set('id4', { a: 1 }, { ttl: 60 });
    await client.script('FLUSH');
    expect(await store.get('id4')).toEqual({ a: 1 });
    expect(await store.update('id4', change({ b: 2 }), { ttl: 60 })).toEqual({ a: 1, b: 2 });
  });

  it('a __proto__ field stays a field (no prototype games in the reply)', async () => {
    const store = new RedisSessionStore({ client, prefix: 'unit:' });
    await store.set('id5', Object.assign(Object.create(null), { ['__proto__']: 'x' }), { ttl: 60 });
    const data = await store.get('id5');
    expect(Object.keys(data ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(data)).toBeNull();
  });

  it('reports foreign data under the prefix as ERR_SESSION_STORE_CORRUPT, a wrong type as FAILED', async () => {
    const store = new RedisSessionStore({ client, prefix: 'unit:' });
    await client.hset('unit:junk', 'a', 'not json');
    const corrupt = await store.get('junk').catch((e: unknown) => e);
    expect((corrupt as SessionStoreError).code).toBe('ERR_SESSION_STORE_CORRUPT');
    await client.set('unit:string', 'x');
    const wrongType = await store.get('string').catch((e: unknown) => e);
    expect(wrongType).toBeInstanceOf(SessionStoreError);
    expect((wrongType as SessionStoreError).code).toBe('ERR_SESSION_STORE_FAILED');
    expect((wrongType as Error).message).toMatch(/WRONGTYPE/);
  });

  it('a store made from a url owns its client and closes it', async () => {
    const store = new RedisSessionStore({ url: redis.url });
    await store.set('id6', { a: 1 }, { ttl: 60 });
    expect(await client.hgetall('session:id6')).toEqual({ a: '1' });
    await store.close();
    expect(store.client.status).toBe('end');
  });

  it('refuses a url that is not redis://', () => {
    expect(() => new RedisSessionStore({ url: 'http://localhost' })).toThrow(
      /^redis url is invalid: "http:\/\/localhost"/,
    );
  });
});
