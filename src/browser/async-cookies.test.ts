import { describe, expect, it } from 'vitest';
import { type CookieStoreLike, createAsyncCookies } from './async-cookies.js';
import { MemoryDocument } from './memory-document.js';

/** A Cookie Store double that records calls and lists what it holds. */
function fakeStore(): CookieStoreLike & { calls: unknown[]; items: Map<string, string> } {
  const calls: unknown[] = [];
  const items = new Map<string, string>();
  return {
    calls,
    items,
    getAll: (async () =>
      [...items].map(([name, value]) => ({ name, value }))) as CookieStoreLike['getAll'],
    set: (async (init: CookieInit) => {
      calls.push(['set', init]);
      items.set(init.name, init.value);
    }) as CookieStoreLike['set'],
    delete: (async (init: CookieStoreDeleteOptions) => {
      calls.push(['delete', init]);
      items.delete(init.name);
    }) as CookieStoreLike['delete'],
  };
}

describe('createAsyncCookies over a Cookie Store', () => {
  it('writes the encoded value and the parts, and reads it back decoded', async () => {
    const store = fakeStore();
    const jar = createAsyncCookies(store);
    await jar.set('flavor', 'chocolate chip; é', {
      maxAge: 30,
      path: '/cookies',
      sameSite: 'Strict',
      now: 1000,
    });
    expect(store.calls[0]).toEqual([
      'set',
      {
        name: 'flavor',
        value: 'chocolate%20chip%3B%20%C3%A9',
        expires: 31000,
        path: '/cookies',
        domain: null,
        partitioned: false,
        sameSite: 'strict',
      },
    ]);
    expect(await jar.get('flavor')).toBe('chocolate chip; é');
    expect({ ...(await jar.getAll()) }).toEqual({ flavor: 'chocolate chip; é' });
  });

  it('asks for Lax without sameSite, and reads expires as days or a Date', async () => {
    const store = fakeStore();
    const jar = createAsyncCookies(store);
    await jar.set('a', '1', { expires: 2, now: 0 });
    await jar.set('b', '1', { expires: new Date(5000), now: 0 });
    expect(store.calls).toMatchObject([
      ['set', { name: 'a', expires: 2 * 864e5, sameSite: 'lax' }],
      ['set', { name: 'b', expires: 5000 }],
    ]);
  });

  it('deletes on remove and on a past expiry', async () => {
    const store = fakeStore();
    const jar = createAsyncCookies(store);
    await jar.set('a', '1');
    await jar.remove('a', { path: '/p' });
    await jar.set('b', '1', { maxAge: 0 });
    expect(store.calls.slice(1)).toEqual([
      ['delete', { name: 'a', path: '/p', domain: null, partitioned: false }],
      ['delete', { name: 'b', path: '/', domain: null, partitioned: false }],
    ]);
    expect(await jar.get('a')).toBeUndefined();
  });

  it('refuses what document.cookie refuses', async () => {
    const jar = createAsyncCookies(fakeStore());
    await expect(jar.set('a;b', '1')).rejects.toMatchObject({ code: 'ERR_COOKIE_NAME_INVALID' });
  });
});

describe('createAsyncCookies without a Cookie Store', () => {
  it('falls back to the document, in promises', async () => {
    const doc = new MemoryDocument('https://example.com/');
    const jar = createAsyncCookies(undefined, doc);
    await jar.set('a', 'x y');
    expect(doc.cookie).toBe('a=x%20y');
    expect(await jar.get('a')).toBe('x y');
    expect({ ...(await jar.getAll()) }).toEqual({ a: 'x y' });
    await jar.remove('a');
    expect(doc.cookie).toBe('');
  });
});
