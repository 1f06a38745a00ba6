/**
 * `MemoryDocument` (in `shortbread/browser/memory`, small) against the jar's `document.cookie` view
 * (`CookieJar` with `http: false`, the full RFC 6265bis storage model that test/jar-* holds to
 * Chromium): after any sequence of JavaScript writes and navigations, both give the same string.
 * The generator stays inside what MemoryDocument covers (its TSDoc lists what it leaves out: public
 * suffixes, size limits, writes from an insecure origin that would shadow a Secure cookie, §5.7 step 16).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryDocument } from '../src/browser/memory-document.js';
import { CookieJar } from '../src/jar/cookie-jar.js';

const NOW = Date.UTC(2030, 0, 1);
const URLS = [
  'https://www.example.com/',
  'https://www.example.com/a/b',
  'https://www.example.com/a',
  'https://api.example.com/a/',
  'https://example.com/',
  'http://localhost:3000/x/y',
];

const name = fc.constantFrom('a', 'b', 'flavor', 'chocolate type', '__Secure-s', '__Host-h', '');
const value = fc.constantFrom('1', '2', 'chocolate%20chip', '"quoted"', 'x=y', '');
const attribute = fc.constantFrom(
  'Path=/',
  'Path=/a',
  'Path=/a/',
  'Path=/a/b',
  'Path=a',
  'Domain=example.com',
  'Domain=.example.com',
  'Domain=www.example.com',
  'Domain=other.com',
  'Secure',
  'HttpOnly',
  'Max-Age=0',
  'Max-Age=60',
  'Max-Age=-5',
  'Max-Age=abc',
  `Expires=${new Date(NOW + 3600_000).toUTCString()}`,
  `Expires=${new Date(NOW - 3600_000).toUTCString()}`,
  'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  'SameSite=None',
  'SameSite=Lax',
  'SameSite=Strict',
);
const write = fc
  .tuple(name, value, fc.array(attribute, { maxLength: 4 }))
  .map(([n, v, attrs]) => [n === '' ? v : `${n}=${v}`, ...attrs].join('; '));
const step = fc.oneof(
  { weight: 4, arbitrary: write.map((line) => ({ write: line })) },
  { weight: 1, arbitrary: fc.constantFrom(...URLS).map((url) => ({ go: url })) },
);

describe('MemoryDocument and the jar agree on document.cookie', () => {
  it('after any writes and navigations', () => {
    fc.assert(
      fc.property(fc.constantFrom(...URLS), fc.array(step, { maxLength: 25 }), (start, steps) => {
        const doc = new MemoryDocument(start, { now: () => NOW });
        const jar = new CookieJar();
        let url = start;
        for (const s of steps) {
          if ('go' in s) {
            url = s.go;
            doc.url = new URL(url);
          } else {
            // A nameless cookie whose value starts like a prefix is a case MemoryDocument leaves out.
            fc.pre(!/^__(secure|host)-/i.test(s.write.split(';')[0] ?? ''));
            doc.cookie = s.write;
            jar.setCookie(s.write, url, { http: false, now: NOW });
          }
          expect(doc.cookie, JSON.stringify({ url, steps })).toBe(
            jar.getCookieHeader(url, { http: false, now: NOW }),
          );
        }
      }),
      { numRuns: 1500 },
    );
  });
});
