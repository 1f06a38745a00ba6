import { describe, expect, it } from 'vitest';
import { CookieJar } from '../cookie-jar.js';
import { fromNetscape, toNetscape } from './netscape.js';

const NOW = Date.UTC(2026, 10, 25);

describe('Netscape cookies.txt', () => {
  it('writes curl lines, #HttpOnly_ included, and reads them back', () => {
    const jar = new CookieJar();
    jar.setCookie('host=1; Path=/app; Max-Age=3600', 'https://www.example.com/', { now: NOW });
    jar.setCookie('dom=2; Domain=example.com; Secure; HttpOnly', 'https://www.example.com/', {
      now: NOW,
    });
    jar.setCookie('part=3; Secure; Partitioned', 'https://www.example.com/', { now: NOW });
    const text = toNetscape(jar.allCookies(), { now: NOW });
    const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('# '));
    expect(lines).toEqual([
      `www.example.com\tFALSE\t/app\tFALSE\t${NOW / 1000 + 3600}\thost\t1`,
      '#HttpOnly_.example.com\tTRUE\t/\tTRUE\t0\tdom\t2',
    ]);
    const back = fromNetscape(text, { now: NOW });
    expect(back.map(({ creation, lastAccess, ...rest }) => rest)).toEqual(
      jar
        .allCookies()
        .filter((c) => c.partitionKey === undefined)
        .map(({ creation, lastAccess, sameSite, priority, ...rest }) => ({
          ...rest,
          sameSite: 'unspecified',
          priority: 'medium',
        })),
    );
  });

  it('reads exporter variants and skips what is not a cookie', () => {
    const text = [
      '# Netscape HTTP Cookie File',
      '',
      'example.com\tTRUE\t/\tFALSE\t0\ta\t1', // domain cookie without the dot
      '.example.org\tTRUE\t/\tFALSE\t2000000000\tb\t2\r', // CRLF
      'example.net\tFALSE\t/\tFALSE\t0\tempty', // six fields: empty value
      'broken line',
      'x.com\tFALSE\tnopath\tFALSE\t0\tc\t3',
      'old.com\tFALSE\t/\tFALSE\t1\td\t4', // expired
      '#HttpOnly_h.com\tFALSE\t/\tFALSE\t0\te\t5',
      'far.com\tFALSE\t/\tFALSE\t99999999999999999\tf\t6', // beyond a Date
    ].join('\n');
    const cookies = fromNetscape(text, { now: NOW });
    expect(cookies.map((c) => [c.domain, c.hostOnly, c.name, c.value, c.httpOnly])).toEqual([
      ['example.com', false, 'a', '1', false],
      ['example.org', false, 'b', '2', false],
      ['example.net', true, 'empty', '', false],
      ['h.com', true, 'e', '5', true],
    ]);
    expect(fromNetscape(text, { now: NOW, keepExpired: true })).toHaveLength(5);
  });

  it('can leave session cookies out', () => {
    const jar = new CookieJar();
    jar.setCookie('s=1', 'https://e.com/', { now: NOW });
    expect(toNetscape(jar.allCookies(), { now: NOW, includeSession: false })).not.toContain(
      '\ts\t',
    );
  });
});
