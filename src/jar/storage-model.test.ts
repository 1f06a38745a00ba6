import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../codec/set-cookie.js';
import { type StorageRequest, storeCookie } from './storage-model.js';
import { MemoryJarStore } from './stores/memory-jar-store.js';

const NOW = Date.UTC(2026, 10, 25);
const request = (url: string, over: Partial<StorageRequest> = {}): StorageRequest => ({
  url: new URL(url),
  secureOrigin: url.startsWith('https:'),
  http: true,
  sameSiteContext: 'strict',
  partitionSite: 'https://top.example',
  now: NOW,
  ...over,
});
const parse = (line: string) => {
  const parsed = parseSetCookie(line, { now: NOW, decode: (v) => v });
  if (parsed === undefined) throw new Error(`test line does not parse: ${line}`);
  return parsed;
};

describe('storeCookie (RFC 6265bis §5.7), one rule per row', () => {
  it.each([
    ['a=1; Domain=other.example', 'https://www.example.com/', 'domain-mismatch'],
    ['a=1; Domain=com', 'https://www.example.com/', 'public-suffix'],
    ['a=1; Domain=.', 'https://www.example.com/', 'invalid-domain'],
    ['a=1; Domain=a b', 'https://www.example.com/', 'invalid-domain'],
    ['a=1; Secure', 'http://www.example.com/', 'secure-insecure-origin'],
    ['a=1; SameSite=None', 'https://www.example.com/', 'samesite-none-insecure'],
    ['__Host-a=1; Secure', 'https://www.example.com/', 'prefix'],
    ['__Secure-', 'https://www.example.com/', 'nameless-prefix'],
    ['a=1; Partitioned', 'http://www.example.com/', 'partitioned-insecure'],
    ['a=1; Max-Age=0', 'https://www.example.com/', 'expired'],
  ])('%s from %s: %s', (line, url, reason) => {
    expect(storeCookie(new MemoryJarStore(), parse(line), request(url)).reason).toBe(reason);
  });

  it('refuses HttpOnly from the non-HTTP API and a non-None cookie from a cross-site response', () => {
    const store = new MemoryJarStore();
    const url = 'https://www.example.com/';
    expect(storeCookie(store, parse('a=1; HttpOnly'), request(url, { http: false })).reason).toBe(
      'httponly-non-http',
    );
    expect(storeCookie(store, parse('a=1'), request(url, { sameSiteContext: 'none' })).reason).toBe(
      'samesite-cross-site',
    );
  });

  it('stores with the default path, host-only, and the partition key when Partitioned', () => {
    const store = new MemoryJarStore();
    const { cookie } = storeCookie(
      store,
      parse('a=1; Secure; Partitioned'),
      request('https://www.example.com/dir/page'),
    );
    expect(cookie).toMatchObject({
      path: '/dir',
      hostOnly: true,
      domain: 'www.example.com',
      partitionKey: 'https://top.example',
    });
    expect(store.findByKey('example.com')).toHaveLength(1);
  });
});
