import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCookieError } from '../codec/errors.js';
import { parseSetCookie } from '../codec/set-cookie.js';
import {
  chunkedCookieCount,
  DEFAULT_MAX_CHUNKS,
  deleteChunkedCookie,
  readChunkedCookie,
  writeChunkedCookie,
} from './cookie-chunks.js';

/** What a browser would send back after storing these Set-Cookie lines on top of `before`. */
function browserAfter(before: string, headers: Headers): string {
  const jar = new Map<string, string>();
  for (const part of before.split('; ').filter(Boolean)) {
    const eq = part.indexOf('=');
    jar.set(part.slice(0, eq), part.slice(eq + 1));
  }
  for (const line of headers.getSetCookie()) {
    const c = parseSetCookie(line, { decode: (v) => v });
    if (c === undefined) throw new Error(`a browser would ignore ${line}`);
    if (c.maxAge !== undefined && c.maxAge <= 0) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
}

describe('writeChunkedCookie / readChunkedCookie', () => {
  it('writes a value that fits as one cookie', () => {
    const headers = new Headers();
    expect(writeChunkedCookie(headers, 'big', 'hello world')).toBe(1);
    expect(headers.getSetCookie()).toEqual([expect.stringMatching(/^big=hello%20world; Path=\//)]);
    expect(readChunkedCookie(browserAfter('', headers), 'big')).toBe('hello world');
  });

  it('splits a large value into chunks that each fit, and reads it back whole', () => {
    const value = `${'é'.repeat(3000)} ${'x'.repeat(5000)}`;
    const headers = new Headers();
    const count = writeChunkedCookie(headers, 'big', value, { httpOnly: true, maxChunks: 10 });
    expect(count).toBeGreaterThan(2);
    for (const line of headers.getSetCookie()) {
      const pair = line.slice(0, line.indexOf(';'));
      expect(pair.length).toBeLessThanOrEqual(4097);
      expect(line).toContain('HttpOnly');
    }
    expect(readChunkedCookie(browserAfter('', headers), 'big', { maxChunks: 10 })).toBe(value);
  });

  it('deletes stale chunks of a larger earlier value, and the single cookie when chunking', () => {
    const first = new Headers();
    writeChunkedCookie(first, 'big', 'y'.repeat(20_000), { maxChunks: 10 });
    const sent = browserAfter('', first);
    expect(sent.split('; ')).toHaveLength(5);
    const second = new Headers();
    writeChunkedCookie(second, 'big', 'small', { request: sent, maxChunks: 10 });
    const after = browserAfter(sent, second);
    expect(after).toBe('big=small');
    expect(readChunkedCookie(after, 'big')).toBe('small');
    const third = new Headers();
    writeChunkedCookie(third, 'big', 'z'.repeat(9000), { request: after });
    const last = browserAfter(after, third);
    expect(last.startsWith('big=')).toBe(false);
    expect(readChunkedCookie(last, 'big')).toBe('z'.repeat(9000));
  });

  it('refuses a value needing more than maxChunks', () => {
    try {
      writeChunkedCookie(new Headers(), 'big', 'x'.repeat(50_000), { maxChunks: 3 });
      expect.unreachable();
    } catch (error) {
      expect(isCookieError(error) && error.code).toBe('ERR_COOKIE_TOO_LARGE');
    }
  });

  it('deleteChunkedCookie removes the cookie and every chunk the request carried', () => {
    const headers = new Headers();
    deleteChunkedCookie(headers, 'big', { request: 'big.0=a; big.1=b; other=1' });
    const names = headers.getSetCookie().map((l) => l.slice(0, l.indexOf('=')));
    expect(names).toEqual(['big', 'big.0', 'big.1']);
  });

  it('reads nothing from a request without the cookie, and never throws', () => {
    expect(readChunkedCookie(undefined, 'big')).toBeUndefined();
    expect(readChunkedCookie('big.1=x', 'big')).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), (header) => {
        readChunkedCookie(header, 'big');
      }),
      { numRuns: 1000 },
    );
  });

  it('round trips any value through a browser (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12_000 }), (value) => {
        const headers = new Headers();
        writeChunkedCookie(headers, 'v', value, { maxChunks: 40 });
        expect(readChunkedCookie(browserAfter('', headers), 'v', { maxChunks: 40 })).toBe(value);
      }),
      { numRuns: 200 },
    );
  });

  // Issue 20 row 3: a forged header of a thousand chunks cost quadratic time and as many deletions.
  it('bounds what a request of 1,000+ forged chunks costs: at most maxChunks + 1 Set-Cookie lines', () => {
    const forged = Array.from({ length: 1093 }, (_, i) => `session.${i}=x`).join('; ');
    expect(forged.length).toBeGreaterThan(12_000);
    const headers = new Headers();
    writeChunkedCookie(headers, 'session', 'v'.repeat(6000), { request: forged });
    // Two chunks for the value, one deletion of the stale chunk 2 (the default maxChunks is 3).
    expect(headers.getSetCookie().map((l) => l.slice(0, l.indexOf('=')))).toEqual([
      'session.0',
      'session.1',
      'session.2',
    ]);
    const deleted = new Headers();
    deleteChunkedCookie(deleted, 'session', { request: forged });
    expect(deleted.getSetCookie()).toHaveLength(4);
    // The reader stops at maxChunks: the joined value is cut there, never 1,093 chunks long.
    expect(readChunkedCookie(forged, 'session')).toBe('xxx');
  });

  it("defaults maxChunks to what fits Node's 16 KiB header limit, and checks it", () => {
    expect(DEFAULT_MAX_CHUNKS).toBe(3);
    const headers = new Headers();
    expect(writeChunkedCookie(headers, 'session', 'v'.repeat(12_000))).toBe(3);
    const header = browserAfter('', headers);
    expect(header.length + 'Cookie: '.length).toBeLessThan(16_384);
    expect(() => writeChunkedCookie(new Headers(), 'session', 'v'.repeat(12_400))).toThrow(
      /more than maxChunks 3/,
    );
    expect(chunkedCookieCount('session', 'v'.repeat(12_400))).toBe(4);
    for (const bad of [0, 1.5, 1001, Number.NaN]) {
      expect(() => writeChunkedCookie(new Headers(), 's', 'v', { maxChunks: bad })).toThrow(
        /maxChunks is invalid/,
      );
    }
  });

  it('sends only the chunks that changed, unless an expiry must be refreshed', () => {
    const first = new Headers();
    const before = 'a'.repeat(5000) + 'b'.repeat(3000);
    writeChunkedCookie(first, 'big', before);
    const sent = browserAfter('', first);
    const second = new Headers();
    writeChunkedCookie(second, 'big', 'a'.repeat(5000) + 'c'.repeat(3000), { request: sent });
    expect(second.getSetCookie().map((l) => l.slice(0, l.indexOf('=')))).toEqual(['big.1']);
    const refreshed = new Headers();
    writeChunkedCookie(refreshed, 'big', before, { request: sent, maxAge: 60 });
    expect(refreshed.getSetCookie()).toHaveLength(2);
  });
});
