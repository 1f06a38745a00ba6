import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../codec/set-cookie.js';
import { type StorageRequest, storeCookie } from './storage-model.js';
import { MemoryJarStore } from './stores/memory-jar-store.js';

const NOW = Date.UTC(2026, 10, 25);
const request = (url: string, over: Partial<StorageRequest> = {}): StorageRequest => ({
  url: new URL(url),
  host: new URL(url).hostname,
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

  // §5.7 step 9 compares an IP-address Domain with the host as written (lowercase, one leading dot
  // dropped), not canonicalized as the URL parser canonicalizes hosts: Chromium 156 refuses
  // `Domain=127.000.0.1` from 127.0.0.1 and `Domain=[::ffff:127.0.0.1]` from [::ffff:7f00:1]
  // (test/jar-chromium-ip-domain.test.ts checks this against Chromium itself).
  it.each([
    ['a=1; Domain=127.000.0.1', 'http://127.0.0.1/', undefined],
    ['a=1; Domain=127.0.0.1', 'http://127.000.0.1/', '127.0.0.1'],
    ['a=1; Domain=[::ffff:127.0.0.1]', 'http://[::ffff:127.0.0.1]/', undefined],
    ['a=1; Domain=::ffff:7f00:1', 'http://[::ffff:7f00:1]/', undefined],
    ['a=1; Domain=[::FFFF:7F00:1]', 'http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['a=1; Domain=.[::ffff:7f00:1]', 'http://[::ffff:7f00:1]/', '[::ffff:7f00:1]'],
  ])('an IP-address Domain, as Chromium: %s from %s stores host-only at %s', (line, url, host) => {
    const result = storeCookie(new MemoryJarStore(), parse(line), request(url));
    expect(result.cookie?.domain).toBe(host);
    if (result.cookie !== undefined) expect(result.cookie.hostOnly).toBe(true);
    else expect(result.reason).toBe('public-suffix');
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
