import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresServer, startPostgres } from '../../test/helpers/postgres.js';
import { PostgresSessionStore } from './postgres-store.js';
import { type SessionChanges, SessionStoreError } from './store.js';

const change = (set: Record<string, unknown> = {}, del: string[] = [], clear = false) =>
  ({ clear, set: new Map(Object.entries(set)), delete: new Set(del) }) as SessionChanges;

describe('PostgresSessionStore (real PostgreSQL 15)', () => {
  let server: PostgresServer;
  let pool: pg.Pool;
  let n = 0;
  const table = () => `unit_${n++}`;
  beforeAll(async () => {
    server = await startPostgres();
    pool = new pg.Pool({ connectionString: server.url, max: 20 });
    pool.on('error', () => undefined);
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  const rows = async (name: string) =>
    (await pool.query(`SELECT id, data, expires FROM ${name} ORDER BY id`)).rows as {
      id: string;
      data: string;
      expires: string;
    }[];

  it('creates its table on first use and keeps one row per session as tagged JSON', async () => {
    const name = table();
    const store = new PostgresSessionStore({ pool, table: name, now: () => 1_000_000 });
    const before = await pool.query('SELECT to_regclass($1) AS t', [name]);
    expect(before.rows[0].t).toBeNull();
    await store.set('id1', { a: 1, when: new Date(0) }, { ttl: 120 });
    expect(await rows(name)).toEqual([
      {
        id: 'id1',
        data: '{"a":1,"when":{" d":"Thu, 01 Jan 1970 00:00:00 GMT"}}',
        expires: '1120000',
      },
    ]);
    expect(await store.get('id1')).toEqual({ a: 1, when: new Date(0) });
    expect(Object.getPrototypeOf(await store.get('id1'))).toBeNull();
  });

  it('merges per-key changes, removes a row left empty, and never revives a vanished one', async () => {
    const store = new PostgresSessionStore({ pool, table: table() });
    await store.set('id2', { a: 1, b: 2 }, { ttl: 60 });
    expect(await store.update('id2', change({ c: 3 }, ['a']), { ttl: 90 })).toEqual({ b: 2, c: 3 });
    expect(await store.update('id2', change({ d: 4 }, [], true), { ttl: 60 })).toEqual({ d: 4 });
    expect(await store.update('id2', change({}, ['d']), { ttl: 60 })).toEqual({});
    expect(await store.get('id2')).toBeUndefined();
    expect(await store.update('id2', change({ x: 1 }), { ttl: 60 })).toBeUndefined();
    expect(await store.get('id2')).toBeUndefined();
  });

  it('200 concurrent updates of one row from two stores (two pools), each adding its own key, keep all 200', async () => {
    const name = table();
    const one = new PostgresSessionStore({ pool, table: name });
    // A second pool stands for a second server process: the two meet only at the row lock.
    const otherPool = new pg.Pool({ connectionString: server.url, max: 5 });
    const two = new PostgresSessionStore({ pool: otherPool, table: name });
    try {
      await one.set('hot', { seed: true }, { ttl: 60 });
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (i % 2 === 0 ? one : two).update('hot', change({ [`k${i}`]: i }), { ttl: 60 }),
        ),
      );
      const data = await one.get('hot');
      expect(Object.keys(data ?? {})).toHaveLength(201);
      for (let i = 0; i < 200; i++) expect(data?.[`k${i}`]).toBe(i);
    } finally {
      await otherPool.end();
    }
  });

  it('updates queued behind one transaction apply in order: one that empties the session ends it for the rest', async () => {
    const store = new PostgresSessionStore({ pool, table: table() });
    await store.set('q', { a: 1 }, { ttl: 60 });
    const results = await Promise.all([
      store.update('q', change({ b: 2 }), { ttl: 60 }),
      store.update('q', change({ c: 3 }), { ttl: 60 }),
      store.update('q', change({}, [], true), { ttl: 60 }),
      store.update('q', change({ d: 4 }), { ttl: 60 }),
    ]);
    expect(results).toEqual([{ a: 1, b: 2 }, { a: 1, b: 2, c: 3 }, {}, undefined]);
    expect(await store.get('q')).toBeUndefined();
  });

  it('never returns an expired row, touch extends only live rows, and a write purges in the background', async () => {
    let now = 5_000_000;
    const name = table();
    const store = new PostgresSessionStore({
      pool,
      table: name,
      now: () => now,
      purgeInterval: 60,
    });
    await store.set('old', { a: 1 }, { ttl: 10 });
    await store.set('live', { b: 1 }, { ttl: 100 });
    now += 11_000;
    expect(await store.get('old')).toBeUndefined();
    expect(await store.update('old', change({ c: 1 }), { ttl: 10 })).toBeUndefined();
    expect(await store.touch('old', { ttl: 10 })).toBe(false);
    expect(await store.touch('live', { ttl: 100 })).toBe(true);
    expect((await rows(name)).map((r) => r.id)).toEqual(['live', 'old']);
    // The first write purged at 5_000_000 (nothing expired then); the next purge waits a minute.
    await store.set('other', { c: 1 }, { ttl: 100 });
    expect((await rows(name)).map((r) => r.id)).toEqual(['live', 'old', 'other']);
    now += 60_000;
    await store.set('other', { c: 2 }, { ttl: 100 });
    await store.close(); // waits for the background purge
    // 'old' expired at 5_010_000 and is gone; 'live' (touched to 5_111_000) stays.
    expect((await rows(name)).map((r) => r.id)).toEqual(['live', 'other']);
    // An explicit purge counts what it deleted.
    now += 200_000;
    expect(await store.purge()).toBe(2);
    expect(await rows(name)).toEqual([]);
  });

  it('with createTable: false it uses a table made from schema(), and says so when there is none', async () => {
    const name = table();
    const store = new PostgresSessionStore({ pool, table: name, createTable: false });
    const missing = await store.get('x').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SessionStoreError);
    expect((missing as SessionStoreError).code).toBe('ERR_SESSION_STORE_FAILED');
    expect((missing as Error).message).toMatch(
      new RegExp(
        `^session store is failing: postgres get of "x…" failed with "relation \\\\"${name}\\\\" does not exist"`,
      ),
    );
    await pool.query(PostgresSessionStore.schema(name));
    await store.set('x', { a: 1 }, { ttl: 60 });
    expect(await store.get('x')).toEqual({ a: 1 });
  });

  it('two stores creating the same table at once both work', async () => {
    const name = table();
    const stores = Array.from({ length: 6 }, () => new PostgresSessionStore({ pool, table: name }));
    await Promise.all(stores.map((store, i) => store.set(`s${i}`, { i }, { ttl: 60 })));
    expect(await rows(name)).toHaveLength(6);
  });

  it('reports a row that is not session data as ERR_SESSION_STORE_CORRUPT', async () => {
    const name = table();
    const store = new PostgresSessionStore({ pool, table: name });
    await store.set('ok', { a: 1 }, { ttl: 60 });
    await pool.query(`INSERT INTO ${name} VALUES ('junk', 'not json', $1)`, [Date.now() + 60_000]);
    const corrupt = await store.get('junk').catch((e: unknown) => e);
    expect((corrupt as SessionStoreError).code).toBe('ERR_SESSION_STORE_CORRUPT');
    const update = await store
      .update('junk', change({ b: 1 }), { ttl: 60 })
      .catch((e: unknown) => e);
    expect((update as SessionStoreError).operation).toBe('update');
    expect((await rows(name)).find((r) => r.id === 'junk')?.data).toBe('not json');
  });

  it('a value a session cannot hold is a TypeError and writes nothing', async () => {
    const store = new PostgresSessionStore({ pool, table: table() });
    await store.set('id', { a: 1 }, { ttl: 60 });
    const fn = (() => 1) as unknown as string;
    await expect(store.update('id', change({ fn }), { ttl: 60 })).rejects.toThrow(TypeError);
    expect(await store.get('id')).toEqual({ a: 1 });
  });

  it('a store made from a url owns its pool and ends it; an unreachable server is UNAVAILABLE', async () => {
    const name = table();
    const store = new PostgresSessionStore({ url: server.url, table: name });
    await store.set('id', { a: 1 }, { ttl: 60 });
    expect((await rows(name)).map((r) => r.id)).toEqual(['id']);
    await store.close();
    expect(store.pool.ended).toBe(true);
    const closed = await store.get('id').catch((e: unknown) => e);
    expect((closed as SessionStoreError).code).toBe('ERR_SESSION_STORE_UNAVAILABLE');

    const nowhere = new PostgresSessionStore({ url: 'postgres://postgres@127.0.0.1:1/none' });
    const error = await nowhere.get('abcdefghijkl').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionStoreError);
    expect((error as SessionStoreError).code).toBe('ERR_SESSION_STORE_UNAVAILABLE');
    expect((error as Error).message).toMatch(
      /^session store is unavailable: postgres get of "abcdefgh…" failed with .*ECONNREFUSED/,
    );
    await nowhere.close();
  });

  it('refuses a url that is not postgres:// and a table name that is not an identifier', () => {
    expect(() => new PostgresSessionStore({ url: 'mysql://localhost' })).toThrow(
      /^postgres url is invalid: "mysql:\/\/localhost"/,
    );
    expect(() => new PostgresSessionStore({ pool, table: 'x; DROP TABLE y' })).toThrow(
      /^table name is invalid/,
    );
  });
});
