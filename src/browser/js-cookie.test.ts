import { afterEach, describe, expect, it } from 'vitest';
import { Cookies } from './js-cookie.js';
import { MemoryDocument } from './memory-document.js';

/** `document` for the duration of one test: a MemoryDocument, which behaves as a browser's. */
function withDocument(): MemoryDocument {
  const doc = new MemoryDocument('https://example.com/page/');
  (globalThis as { document?: unknown }).document = doc;
  return doc;
}

afterEach(() => {
  delete (globalThis as { document?: unknown }).document;
});

describe('Cookies (js-cookie 3 API)', () => {
  it('does nothing without a document, as js-cookie on a server', () => {
    expect(Cookies.set('a', 'b')).toBeUndefined();
    expect(Cookies.get('a')).toBeUndefined();
    expect(Cookies.get()).toBeUndefined();
  });

  it("writes names and values with js-cookie's encoding and reads them back", () => {
    const doc = withDocument();
    expect(Cookies.set('a(b)^', 'x y;"z"', { expires: 1 })).toMatch(
      /^a%28b%29\^=x%20y%3B%22z%22; path=\/; expires=\w{3}, /,
    );
    expect(Cookies.get('a(b)^')).toBe('x y;"z"');
    doc.cookie = 'q="quoted%20value"';
    expect(Cookies.get('q')).toBe('quoted value');
    expect({ ...Cookies.get() }).toEqual({ 'a(b)^': 'x y;"z"', q: 'quoted value' });
    Cookies.remove('a(b)^');
    expect(Cookies.get('a(b)^')).toBeUndefined();
  });

  it('reads a cookie named like an Object.prototype key as any other (a deliberate difference)', () => {
    const doc = withDocument();
    doc.cookie = 'toString=1';
    expect(Cookies.get('toString')).toBe('1');
    expect(Cookies.get('valueOf')).toBeUndefined();
    expect(Object.getPrototypeOf(Cookies.get())).toBeNull();
  });

  it('derives instances with frozen attributes and converters', () => {
    withDocument();
    const api = Cookies.withAttributes({ path: '/page', sameSite: 'Lax' }).withConverter({
      write: (value) => String(value).toUpperCase(),
    });
    expect(api.set('c', 'v')).toBe('c=V; path=/page; sameSite=Lax');
    expect(Object.isFrozen(api.attributes)).toBe(true);
    expect(Object.isFrozen(api.converter)).toBe(true);
    expect(api.attributes).toEqual({ path: '/page', sameSite: 'Lax' });
    expect(Cookies.attributes).toEqual({ path: '/' });
  });
});
