import { describe, expect, it } from 'vitest';
import type { JarCookie } from '../types.js';
import { SqliteJarStore } from './sqlite-jar-store.js';

const cookie = (over: Partial<JarCookie> = {}): JarCookie => ({
  name: 'a',
  value: '1',
  domain: 'example.com',
  path: '/',
  hostOnly: true,
  secure: true,
  httpOnly: true,
  sameSite: 'strict',
  expires: new Date(2_000_000_000_000),
  creation: new Date(1_700_000_000_000),
  lastAccess: new Date(1_700_000_000_500),
  partitionKey: 'https://top.example',
  priority: 'high',
  ...over,
});

describe('SqliteJarStore (in memory)', () => {
  it('round-trips every field and replaces by identity', () => {
    const store = new SqliteJarStore(':memory:');
    const session = cookie({
      name: 'b',
      expires: undefined,
      partitionKey: undefined,
      sameSite: 'unspecified',
    });
    store.put('example.com', cookie());
    store.put('example.com', session);
    store.put('example.com', cookie({ value: '2' }));
    expect(store.size).toBe(2);
    expect(store.countByKey('example.com')).toBe(2);
    expect(store.findByKey('example.com', 'b')).toEqual([session]);
    expect(store.findByKey('example.com', 'a')[0]?.value).toBe('2');
    store.touch('example.com', [session], new Date(5));
    expect(store.findByKey('example.com', 'b')[0]?.lastAccess.getTime()).toBe(5);
    expect(store.remove('example.com', session)).toBe(true);
    expect(store.keys()).toEqual(['example.com']);
    store.clear();
    expect(store.all()).toEqual([]);
    store.close();
  });

  it('refuses a table name that is not an identifier', () => {
    expect(() => new SqliteJarStore(':memory:', { table: 'x; DROP TABLE y' })).toThrow(
      /table is invalid/,
    );
  });
});
