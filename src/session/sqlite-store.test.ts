import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteSessionStore } from './sqlite-store.js';
import { type SessionChanges, SessionStoreError } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'shortbread-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = () => join(dir, `t${n++}.db`);
const change = (set: Record<string, unknown> = {}, del: string[] = [], clear = false) =>
  ({ clear, set: new Map(Object.entries(set)), delete: new Set(del) }) as SessionChanges;

describe('SqliteSessionStore', () => {
  it('opens its file in WAL mode and creates the table', async () => {
    const store = new SqliteSessionStore({ filename: file() });
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    await store.set('id', { a: 1 }, { ttl: 60 });
    const row = store.database.prepare('SELECT id, data FROM shortbread_sessions').get() as {
      id: string;
      data: string;
    };
    expect(row).toEqual({ id: 'id', data: '{"a":1}' });
    await store.close();
    expect(store.database.open).toBe(false);
  });

  it('merges per-key changes and removes a row left empty', async () => {
    const store = new SqliteSessionStore({ filename: ':memory:' });
    await store.set('id', { a: 1, b: 2 }, { ttl: 60 });
    expect(await store.update('id', change({ c: 3 }, ['a']), { ttl: 60 })).toEqual({ b: 2, c: 3 });
    expect(await store.update('id', change({ d: 4 }, [], true), { ttl: 60 })).toEqual({ d: 4 });
    expect(await store.update('id', change({}, ['d']), { ttl: 60 })).toEqual({});
    expect(await store.get('id')).toBeUndefined();
    expect(await store.update('id', change({ x: 1 }), { ttl: 60 })).toBeUndefined();
  });

  it('never returns an expired row, touch extends only live rows, and expired rows are purged', async () => {
    let now = 1_000_000;
    const store = new SqliteSessionStore({
      filename: ':memory:',
      now: () => now,
      purgeInterval: 0,
    });
    await store.set('old', { a: 1 }, { ttl: 10 });
    await store.set('live', { b: 1 }, { ttl: 100 });
    now += 11_000;
    expect(await store.get('old')).toBeUndefined();
    expect(await store.touch('old', { ttl: 10 })).toBe(false);
    expect(await store.touch('live', { ttl: 100 })).toBe(true);
    const count = () =>
      (
        store.database.prepare('SELECT count(*) AS n FROM shortbread_sessions').get() as {
          n: number;
        }
      ).n;
    expect(count()).toBe(2);
    // A write purges (purgeInterval 0: every write).
    await store.set('new', { c: 1 }, { ttl: 100 });
    expect(count()).toBe(2);
    now += 200_000;
    expect(await store.purge()).toBe(2);
    expect(count()).toBe(0);
  });

  it('purges at most once per purgeInterval', async () => {
    let now = 0;
    const store = new SqliteSessionStore({
      filename: ':memory:',
      now: () => now,
      purgeInterval: 60,
    });
    await store.set('a', { a: 1 }, { ttl: 1 });
    now = 5_000;
    await store.set('b', { b: 1 }, { ttl: 100 });
    const ids = () =>
      (
        store.database.prepare('SELECT id FROM shortbread_sessions ORDER BY id').all() as {
          id: string;
        }[]
      ).map((r) => r.id);
    expect(ids()).toEqual(['a', 'b']);
    now = 61_000;
    await store.set('c', { c: 1 }, { ttl: 100 });
    expect(ids()).toEqual(['b', 'c']);
  });

  it('uses a handle you pass as it is, and leaves it open', async () => {
    const db = new Database(':memory:');
    const store = new SqliteSessionStore({ database: db, table: 'my_sessions' });
    await store.set('id', { a: 1 }, { ttl: 60 });
    expect(db.prepare('SELECT count(*) AS n FROM my_sessions').get()).toEqual({ n: 1 });
    await store.close();
    expect(db.open).toBe(true);
    db.close();
  });

  it('reports an unreadable row as ERR_SESSION_STORE_CORRUPT, and a closed database as unavailable', async () => {
    const store = new SqliteSessionStore({ filename: ':memory:' });
    store.database
      .prepare('INSERT INTO shortbread_sessions (id, data, expires) VALUES (?, ?, ?)')
      .run('bad', 'not json', Date.now() + 60_000);
    const error = await store.get('bad').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionStoreError);
    expect((error as SessionStoreError).code).toBe('ERR_SESSION_STORE_CORRUPT');
    const updating = await store
      .update('bad', change({ a: 1 }), { ttl: 60 })
      .catch((e: unknown) => e);
    expect((updating as SessionStoreError).code).toBe('ERR_SESSION_STORE_CORRUPT');
    await store.close();
    const closed = await store.get('x').catch((e: unknown) => e);
    expect(closed).toBeInstanceOf(SessionStoreError);
    expect((closed as SessionStoreError).code).toBe('ERR_SESSION_STORE_UNAVAILABLE');
  });

  it('an update with a value it cannot store rolls back', async () => {
    const store = new SqliteSessionStore({ filename: ':memory:' });
    await store.set('id', { a: 1 }, { ttl: 60 });
    await expect(store.update('id', change({ a: 2, f: () => 1 }), { ttl: 60 })).rejects.toThrow(
      TypeError,
    );
    expect(await store.get('id')).toEqual({ a: 1 });
  });

  it('fails to open an impossible path with ERR_SESSION_STORE_UNAVAILABLE', () => {
    let error: unknown;
    try {
      new SqliteSessionStore({ filename: join(dir, 'missing-dir', 'x.db') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SessionStoreError);
    expect((error as SessionStoreError).code).toBe('ERR_SESSION_STORE_UNAVAILABLE');
    expect((error as SessionStoreError).operation).toBe('open');
  });

  it('refuses a table name that would need quoting, and a bad purgeInterval', () => {
    expect(
      () => new SqliteSessionStore({ filename: ':memory:', table: 'x; DROP TABLE y' }),
    ).toThrow(/^table name is invalid/);
    expect(() => new SqliteSessionStore({ filename: ':memory:', purgeInterval: -1 })).toThrow(
      /^purgeInterval is invalid/,
    );
  });
});
