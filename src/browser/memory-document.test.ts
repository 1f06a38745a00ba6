import { describe, expect, it } from 'vitest';
import { createMemoryCookies, MemoryDocument } from './memory-document.js';

const T0 = Date.UTC(2030, 0, 1);

/** A clock the test moves by hand. */
function clock(start = T0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('MemoryDocument', () => {
  it('shows what was written, as name=value pairs', () => {
    const doc = new MemoryDocument('https://example.com/');
    doc.cookie = 'a=1';
    doc.cookie = 'b=2; Path=/';
    doc.cookie = 'nameless';
    expect(doc.cookie).toBe('a=1; b=2; nameless');
  });

  it('ignores HttpOnly lines, as a browser does for JavaScript', () => {
    const doc = new MemoryDocument('https://example.com/');
    doc.cookie = 'secret=1; HttpOnly; Path=/';
    doc.cookie = 'visible=1';
    expect(doc.cookie).toBe('visible=1');
  });

  it('expires by Max-Age (which wins over Expires) and by Expires, on its clock', () => {
    const time = clock();
    const doc = new MemoryDocument('https://example.com/', { now: time.now });
    doc.cookie = 'short=1; Max-Age=2; Expires=Fri, 01 Jan 2100 00:00:00 GMT';
    doc.cookie = `dated=1; Expires=${new Date(T0 + 5000).toUTCString()}`;
    doc.cookie = 'session=1';
    expect(doc.cookie).toBe('short=1; dated=1; session=1');
    time.advance(2000);
    expect(doc.cookie).toBe('dated=1; session=1');
    time.advance(3000);
    expect(doc.cookie).toBe('session=1');
  });

  it('deletes with Max-Age=0 or a past Expires, including the epoch', () => {
    const doc = new MemoryDocument('https://example.com/');
    doc.cookie = 'a=1';
    doc.cookie = 'b=1';
    doc.cookie = 'a=; Max-Age=0';
    doc.cookie = 'b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
    expect(doc.cookie).toBe('');
  });

  it('scopes by path: the default path is the directory, longer paths come first', () => {
    const doc = new MemoryDocument('https://example.com/cookies/page');
    doc.cookie = 'dir=1'; // default path /cookies
    doc.cookie = 'flavor=chip; Path=/cookies';
    doc.cookie = 'root=1; Path=/';
    doc.cookie = 'other=1; Path=/cookiesx';
    expect(doc.cookie).toBe('dir=1; flavor=chip; root=1');
    doc.url = new URL('https://example.com/');
    expect(doc.cookie).toBe('root=1');
    doc.url = new URL('https://example.com/cookiesx/y');
    expect(doc.cookie).toBe('other=1; root=1');
    doc.url = new URL('https://example.com/cookies');
    expect(doc.cookie).toBe('dir=1; flavor=chip; root=1');
  });

  it('moves a cookie whose value changed to the end, as Chromium does; same value keeps its place', () => {
    const doc = new MemoryDocument('https://www.example.com/');
    doc.cookie = 'a=1';
    doc.cookie = 'b=1';
    doc.cookie = 'a=1; Max-Age=60';
    expect(doc.cookie).toBe('a=1; b=1');
    doc.cookie = 'a=2';
    expect(doc.cookie).toBe('b=1; a=2');
  });

  it('tells cookies apart by name, domain and path', () => {
    const doc = new MemoryDocument('https://www.example.com/');
    doc.cookie = 'a=1';
    doc.cookie = 'a=2; Domain=example.com';
    doc.cookie = 'a=3; Path=/x';
    doc.url = new URL('https://www.example.com/x');
    expect(doc.cookie).toBe('a=3; a=1; a=2');
  });

  it('matches domains: host-only stays on its host, Domain covers subdomains, others are refused', () => {
    const doc = new MemoryDocument('https://www.example.com/');
    doc.cookie = 'host=1';
    doc.cookie = 'wide=1; Domain=.Example.com';
    doc.cookie = 'foreign=1; Domain=other.com';
    doc.cookie = 'suffix=1; Domain=ample.com';
    expect(doc.cookie).toBe('host=1; wide=1');
    doc.url = new URL('https://api.example.com/');
    expect(doc.cookie).toBe('wide=1');
  });

  it('takes Secure only from a secure origin and shows it only there (localhost counts)', () => {
    const plain = new MemoryDocument('http://example.com/');
    plain.cookie = 's=1; Secure';
    expect(plain.cookie).toBe('');
    for (const url of ['https://example.com/', 'http://localhost:3000/', 'http://127.0.0.1/']) {
      const doc = new MemoryDocument(url);
      doc.cookie = 's=1; Secure';
      expect(doc.cookie, url).toBe('s=1');
    }
    const doc = new MemoryDocument('https://example.com/');
    doc.cookie = 's=1; Secure';
    doc.url = new URL('http://example.com/');
    expect(doc.cookie).toBe('');
  });

  it('starts from a Cookie request header for server-side rendering', () => {
    const jar = createMemoryCookies('https://example.com/deep/page', {
      cookie: 'theme=dark; flavor=chocolate%20chip',
    });
    expect(jar.get('flavor')).toBe('chocolate chip');
    expect(jar.document.cookie).toBe('theme=dark; flavor=chocolate%20chip');
  });

  it('has the cookies API: set, get, remove round-trip through the document', () => {
    const time = clock();
    const jar = createMemoryCookies('https://example.com/', { now: time.now });
    jar.set('flavor', 'chocolate chip; "dark" é', { maxAge: 1 });
    jar.set('scoped', 'x', { path: '/cookies' });
    expect(jar.get('flavor')).toBe('chocolate chip; "dark" é');
    expect(jar.get('scoped')).toBeUndefined();
    jar.remove('flavor');
    expect(jar.get('flavor')).toBeUndefined();
    jar.set('brief', '1', { maxAge: 1 });
    time.advance(1000);
    expect(jar.get('brief')).toBeUndefined();
  });

  it('ignores a line with a name and no value, or neither', () => {
    const doc = new MemoryDocument();
    doc.cookie = '';
    doc.cookie = '=';
    doc.cookie = '; Path=/';
    expect(doc.cookie).toBe('');
  });
});

describe('MemoryDocument rules', () => {
  it('refuses SameSite=None without Secure and enforces the name prefixes', () => {
    const doc = new MemoryDocument('https://example.com/a/b');
    doc.cookie = 'none=1; SameSite=None';
    doc.cookie = 'noneSecure=1; SameSite=None; Secure';
    doc.cookie = '__Secure-a=1';
    doc.cookie = '__secure-b=1; Secure';
    doc.cookie = '__Host-c=1; Secure';
    doc.cookie = '__Host-d=1; Secure; Path=/';
    doc.cookie = '__Host-e=1; Secure; Path=/; Domain=example.com';
    expect(doc.cookie).toBe('noneSecure=1; __secure-b=1; __Host-d=1');
  });
});
