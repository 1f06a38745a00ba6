import { describe, expect, it } from 'vitest';
import type { JarCookie } from '../types.js';
import { MemoryJarStore } from './memory-jar-store.js';

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

describe('MemoryJarStore', () => {
  it('round-trips every field through its packed record', () => {
    const store = new MemoryJarStore();
    for (const c of [
      cookie(),
      cookie({
        name: 'b',
        expires: undefined,
        partitionKey: undefined,
        sameSite: 'unspecified',
        priority: 'low',
        secure: false,
        httpOnly: false,
        hostOnly: false,
      }),
    ]) {
      store.put('example.com', c);
      expect(store.findByKey('example.com').at(-1)).toEqual(c);
    }
    expect(store.size).toBe(2);
  });

  it('replaces by identity (name, domain, host-only, path, partition) and removes', () => {
    const store = new MemoryJarStore();
    store.put('k', cookie());
    store.put('k', cookie({ value: '2' }));
    store.put('k', cookie({ hostOnly: false }));
    store.put('k', cookie({ partitionKey: undefined }));
    expect(store.size).toBe(3);
    expect(store.findByKey('k')[0]?.value).toBe('2');
    expect(store.remove('k', cookie())).toBe(true);
    expect(store.remove('k', cookie())).toBe(false);
    expect(store.size).toBe(2);
    store.touch('k', [cookie({ hostOnly: false })], new Date(5));
    expect(store.findByKey('k')[0]?.lastAccess.getTime()).toBe(5);
    expect(store.keys()).toEqual(['k']);
    store.clear();
    expect(store.size).toBe(0);
    expect(store.all()).toEqual([]);
  });

  it('keeps the sending order (longest path, then earliest creation) until the key changes', () => {
    const store = new MemoryJarStore();
    const at = (t: number) => new Date(1_700_000_000_000 + t);
    store.put('k', cookie({ name: 'late', path: '/', creation: at(2) }));
    store.put('k', cookie({ name: 'deep', path: '/a', creation: at(3) }));
    store.put('k', cookie({ name: 'early', path: '/', creation: at(1) }));
    const names = () => store.scanInSendOrder('k').map((c) => c.name);
    expect(names()).toEqual(['deep', 'early', 'late']);
    expect(store.scanInSendOrder('k')).toBe(store.scanInSendOrder('k'));
    store.put('k', cookie({ name: 'deeper', path: '/a/b', creation: at(9) }));
    expect(names()).toEqual(['deeper', 'deep', 'early', 'late']);
    store.remove('k', cookie({ name: 'deep', path: '/a' }));
    expect(names()).toEqual(['deeper', 'early', 'late']);
    expect(store.scanInSendOrder('none')).toEqual([]);
    expect(store.scanInSendOrder('k')[0]?.cookiePair).toBe('deeper=1');
    store.put('k', cookie({ name: '', value: 'bare', path: '/a/b/c', creation: at(10) }));
    expect(store.scanInSendOrder('k')[0]?.cookiePair).toBe('bare');
  });

  it('touches its own record when handed a record of another store', () => {
    const mine = new MemoryJarStore();
    const theirs = new MemoryJarStore();
    mine.put('k', cookie());
    theirs.put('k', cookie());
    const foreign = theirs.scanInSendOrder('k');
    mine.scanInSendOrder('k');
    mine.touch('k', foreign, new Date(7));
    expect(mine.findByKey('k')[0]?.lastAccess.getTime()).toBe(7);
    expect(theirs.findByKey('k')[0]?.lastAccess.getTime()).toBe(1_700_000_000_500);
  });
});
