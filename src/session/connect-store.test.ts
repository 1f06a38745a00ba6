import session from 'express-session';
import { describe, expect, it } from 'vitest';
import { type ConnectSessionRecord, type ConnectStore, fromConnectStore } from './connect-store.js';
import { SessionStoreError } from './store.js';

const data = (o: Record<string, unknown>) => Object.assign(Object.create(null), o);
const changes = (set: Record<string, unknown>, del: string[] = []) => ({
  clear: false,
  set: new Map(Object.entries(set)) as never,
  delete: new Set(del),
});

/** express-session's own MemoryStore: the reference connect store. */
function memory() {
  const store = new session.MemoryStore();
  const raw = (sid: string) =>
    new Promise<ConnectSessionRecord | null | undefined>((resolve) =>
      store.get(sid, (_e, s) => resolve(s as ConnectSessionRecord | null | undefined)),
    );
  return { store: store as unknown as ConnectStore, raw };
}

describe('fromConnectStore over express-session MemoryStore', () => {
  it("writes express-session's record shape and reads it back without the cookie", async () => {
    const { store, raw } = memory();
    const s = fromConnectStore(store);
    await s.set('sid1', data({ user: 'alice', n: 1 }), { ttl: 60, now: 1_000 });
    expect(await raw('sid1')).toEqual({
      cookie: { originalMaxAge: null, expires: null, httpOnly: true, path: '/' },
      user: 'alice',
      n: 1,
    });
    expect({ ...(await s.get('sid1')) }).toEqual({ user: 'alice', n: 1 });
    expect(await s.get('nope')).toBeUndefined();
  });

  it('updates whole sessions, keeps the stored cookie, refreshes a max age', async () => {
    const { store, raw } = memory();
    const s = fromConnectStore(store, { cookie: { maxAge: 60_000, secure: true } });
    const now = Date.now();
    await s.set('sid', data({ a: 1, b: 2 }), { ttl: 60, now });
    const merged = await s.update('sid', changes({ c: 3 }, ['a']), { ttl: 60, now: now + 5_000 });
    expect({ ...merged }).toEqual({ b: 2, c: 3 });
    const record = await raw('sid');
    expect(record?.cookie?.secure).toBe(true);
    expect(new Date(record?.cookie?.expires as string).getTime()).toBe(now + 65_000);
    expect(await s.update('gone', changes({ x: 1 }), { ttl: 60 })).toBeUndefined();
    expect(await s.touch('sid', { ttl: 60 })).toBe(true);
    expect(await s.touch('gone', { ttl: 60 })).toBe(false);
    // Emptied: the record goes.
    expect({ ...(await s.update('sid', changes({}, ['b', 'c']), { ttl: 60 })) }).toEqual({});
    expect(await raw('sid')).toBeUndefined();
  });

  it('treats a record whose cookie expired as gone', async () => {
    const records = new Map<string, ConnectSessionRecord>();
    const store: ConnectStore = {
      get: (sid, cb) => cb(null, records.get(sid) ?? null),
      set: (sid, record, cb) => {
        records.set(sid, record);
        cb?.();
      },
      destroy: (sid, cb) => {
        records.delete(sid);
        cb?.();
      },
    };
    records.set('old', { cookie: { expires: '2000-01-01T00:00:00.000Z' }, user: 'x' });
    expect(await fromConnectStore(store).get('old')).toBeUndefined();
  });

  it('refuses values a JSON store would change, and the key "cookie"', async () => {
    const s = fromConnectStore(memory().store);
    await expect(s.set('a', data({ when: new Date(0) }), { ttl: 60 })).rejects.toThrow(
      /not a JSON value/,
    );
    await expect(s.set('a', data({ big: 1n }), { ttl: 60 })).rejects.toThrow(TypeError);
    await expect(s.set('a', data({ cookie: 1 }), { ttl: 60 })).rejects.toThrow(/"cookie"/);
  });

  it('keeps __proto__ as a key like any other', async () => {
    const { store, raw } = memory();
    const s = fromConnectStore(store);
    const d = data({});
    const proto = '__proto__';
    d[proto] = 'x';
    await s.set('p', d, { ttl: 60 });
    expect(Object.keys((await raw('p')) ?? {})).toContain('__proto__');
    expect((await s.get('p'))?.[proto]).toBe('x');
  });

  it('turns a store error into SessionStoreError', async () => {
    const failing: ConnectStore = {
      get: (_sid, cb) => cb(new Error('ECONNREFUSED')),
      set: (_sid, _r, cb) => cb?.(new Error('down')),
      destroy: () => {
        throw new Error('sync throw');
      },
    };
    const s = fromConnectStore(failing, { kind: 'redis' });
    await expect(s.get('a')).rejects.toBeInstanceOf(SessionStoreError);
    await expect(s.set('a', data({ a: 1 }), { ttl: 1 })).rejects.toThrow(/redis set/);
    await expect(s.destroy('a')).rejects.toMatchObject({
      code: 'ERR_SESSION_STORE_FAILED',
      operation: 'destroy',
    });
  });
});
