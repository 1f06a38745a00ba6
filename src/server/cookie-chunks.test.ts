import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCookieError } from '../codec/errors.js';
import { parseSetCookie } from '../codec/set-cookie.js';
import { deleteChunkedCookie, readChunkedCookie, writeChunkedCookie } from './cookie-chunks.js';

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
    const count = writeChunkedCookie(headers, 'big', value, { httpOnly: true });
    expect(count).toBeGreaterThan(2);
    for (const line of headers.getSetCookie()) {
      const pair = line.slice(0, line.indexOf(';'));
      expect(pair.length).toBeLessThanOrEqual(4097);
      expect(line).toContain('HttpOnly');
    }
    expect(readChunkedCookie(browserAfter('', headers), 'big')).toBe(value);
  });

  it('deletes stale chunks of a larger earlier value, and the single cookie when chunking', () => {
    const first = new Headers();
    writeChunkedCookie(first, 'big', 'y'.repeat(20_000));
    const sent = browserAfter('', first);
    expect(sent.split('; ')).toHaveLength(5);
    const second = new Headers();
    writeChunkedCookie(second, 'big', 'small', { request: sent });
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
        writeChunkedCookie(headers, 'v', value);
        expect(readChunkedCookie(browserAfter('', headers), 'v')).toBe(value);
      }),
      { numRuns: 200 },
    );
  });
});
