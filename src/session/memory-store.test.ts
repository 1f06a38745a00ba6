import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from './memory-store.js';
import type { SessionChanges } from './store.js';

const change = (set: Record<string, unknown> = {}, del: string[] = [], clear = false) =>
  ({ clear, set: new Map(Object.entries(set)), delete: new Set(del) }) as SessionChanges;

describe('MemorySessionStore', () => {
  it('stores, updates per key, and destroys', async () => {
    const store = new MemorySessionStore();
    await store.set('id', { a: 1, b: 2 }, { ttl: 60 });
    expect(await store.update('id', change({ c: 3 }, ['a']), { ttl: 60 })).toEqual({ b: 2, c: 3 });
    expect(await store.get('id')).toEqual({ b: 2, c: 3 });
    await store.destroy('id');
    expect(await store.get('id')).toBeUndefined();
  });

  it('update of a missing record writes nothing and says so', async () => {
    const store = new MemorySessionStore();
    expect(await store.update('nope', change({ a: 1 }), { ttl: 60 })).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('a record emptied by update is removed', async () => {
    const store = new MemorySessionStore();
    await store.set('id', { a: 1 }, { ttl: 60 });
    expect(await store.update('id', change({}, ['a']), { ttl: 60 })).toEqual({});
    expect(store.size).toBe(0);
  });

  it('expires by ttl on the injected clock, and touch extends only a live record', async () => {
    let now = 1_000_000;
    const store = new MemorySessionStore({ now: () => now });
    await store.set('id', { a: 1 }, { ttl: 10 });
    now += 9_000;
    expect(await store.touch('id', { ttl: 10 })).toBe(true);
    now += 9_000;
    expect(await store.get('id')).toEqual({ a: 1 });
    now += 1_001;
    expect(await store.get('id')).toBeUndefined();
    expect(await store.touch('id', { ttl: 10 })).toBe(false);
    // A call's own now wins over the clock.
    await store.set('b', { b: 1 }, { ttl: 10, now: 0 });
    expect(await store.get('b', { now: 5_000 })).toEqual({ b: 1 });
  });

  it('is bounded: past maxSessions the least recently used record goes (no leak)', async () => {
    const store = new MemorySessionStore({ maxSessions: 3 });
    for (const id of ['a', 'b', 'c']) await store.set(id, { id }, { ttl: 60 });
    await store.get('a'); // a is now the most recently used
    await store.set('d', { id: 'd' }, { ttl: 60 });
    expect(store.size).toBe(3);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toEqual({ id: 'a' });
    for (let i = 0; i < 10_000; i++) await store.set(`x${i}`, { i }, { ttl: 60 });
    expect(store.size).toBe(3);
  });

  it('sweeps expired records on writes, and purge() drops them all', async () => {
    let now = 0;
    const store = new MemorySessionStore({ now: () => now });
    for (let i = 0; i < 10; i++) await store.set(`old${i}`, { i }, { ttl: 1 });
    now = 5_000;
    await store.set('fresh', { f: 1 }, { ttl: 60 });
    const held = store.size;
    expect(held).toBeLessThan(11);
    expect(store.purge()).toBe(held - 1);
    expect(store.size).toBe(1);
  });

  it('keeps values as text: mutating what you read or wrote changes nothing stored', async () => {
    const store = new MemorySessionStore();
    const cart = [1];
    await store.set('id', { cart }, { ttl: 60 });
    cart.push(2);
    const read = (await store.get('id')) as { cart: number[] };
    read.cart.push(3);
    expect(await store.get('id')).toEqual({ cart: [1] });
  });

  it('an update with a value it cannot store fails before changing anything', async () => {
    const store = new MemorySessionStore();
    await store.set('id', { a: 1 }, { ttl: 60 });
    await expect(store.update('id', change({ a: 2, bad: () => 1 }), { ttl: 60 })).rejects.toThrow(
      TypeError,
    );
    expect(await store.get('id')).toEqual({ a: 1 });
  });

  it('refuses a bad maxSessions or ttl', async () => {
    expect(() => new MemorySessionStore({ maxSessions: 0 })).toThrow(/^maxSessions is invalid/);
    await expect(new MemorySessionStore().set('id', { a: 1 }, { ttl: 0 })).rejects.toThrow(
      /^session ttl is invalid/,
    );
  });
});
