/**
 * @module Adversarial sizes: 1 MB headers of separators, quotes, escapes and percent signs through every
 * parser, and thousands of Set-Cookie lines into a jar. Nothing throws, results stay sane, and cost
 * grows linearly.
 *
 * Linearity is asserted on operation counts, never on time: each parser runs on inputs of n and 16n
 * characters while `countOperations` (test/fuzz/operation-count.ts) counts the characters that
 * `indexOf`, `charCodeAt`, `slice`, regular expressions and the other string built-ins touch. A
 * linear scan gives a ratio of about 16, a quadratic one about 256; the bound is 32. The count is
 * deterministic, so the test cannot flake on a loaded machine.
 */
import { describe, expect, it } from 'vitest';
import { findAllCookies, findCookie, parseCookie, parseCookieList } from '../src/codec/cookie.js';
import { parse as compatParse } from '../src/codec/cookie-compat.js';
import { parseCookieDate } from '../src/codec/cookie-date.js';
import { decodeCookieValue } from '../src/codec/cookie-value.js';
import { parseSetCookie } from '../src/codec/set-cookie.js';
import { splitSetCookie } from '../src/codec/split-set-cookie.js';
import { CookieJar } from '../src/jar/cookie-jar.js';
import { RequestCookies } from '../src/server/request-cookies.js';
import { countOperations } from './fuzz/operation-count.js';
import { prototypeSnapshot } from './fuzz/properties.js';

const MB = 1024 * 1024;
const NOW = Date.UTC(2025, 10, 24);

/** Repeats `unit` to exactly `size` characters. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** The patterns that have cost cookie parsers dearly: each one a unit repeated to the size. */
const PATTERNS: Record<string, string> = {
  semicolons: ';',
  'equals signs': '=',
  quotes: '"',
  'percent signs': '%',
  backslashes: '\\',
  'escaped quotes': '\\"',
  'octal escapes': '"\\377',
  'half percent escapes': '%2',
  'empty pairs': '=;',
  'many pairs': 'a=b; ',
  'names without values': 'a; ',
  'spaces and tabs': ' \t',
  commas: ', ',
  'unterminated quote pairs': 'a="b; ',
  '__proto__ pairs': '__proto__=x; constructor=y; ',
  'date tokens': '1 Jan 1970 ',
};

/** Every parser of received text, under a name for the test table. */
const PARSERS: Record<string, (text: string) => unknown> = {
  parseCookie: (t) => parseCookie(t),
  parseCookieList: (t) => parseCookieList(t),
  findCookie: (t) => findCookie(t, 'missing'),
  findAllCookies: (t) => findAllCookies(t, 'a'),
  'parse (cookie compat)': (t) => compatParse(t),
  'RequestCookies get+iterate': (t) => {
    const c = new RequestCookies(t);
    c.get('a');
    return [...c].length;
  },
  parseSetCookie: (t) => parseSetCookie(`a=b; ${t}`, { now: NOW }),
  'parseSetCookie (pair)': (t) => parseSetCookie(t, { now: NOW }),
  splitSetCookie: (t) => splitSetCookie(t),
  parseCookieDate: (t) => parseCookieDate(t),
  decodeCookieValue: (t) => decodeCookieValue(t),
};

/** Characters touched on the 16n input over those on the n input (exactly 16 for a linear scan). */
function growthRatio(run: (text: string) => unknown, small: string, large: string): number {
  return (
    countOperations(() => run(large)) /
    Math.max(
      1,
      countOperations(() => run(small)),
    )
  );
}

describe('1 MB hostile headers through every parser', () => {
  const cases = Object.entries(PARSERS).flatMap(([parser, run]) =>
    Object.entries(PATTERNS).map(([pattern, unit]) => [parser, pattern, run, unit] as const),
  );

  it.each(cases)(
    '%s on 1 MB of %s: no throw, prototypes unchanged',
    (_parser, _pattern, run, unit) => {
      const before = prototypeSnapshot();
      const text = fill(unit, MB);
      expect(() => run(text)).not.toThrow();
      expect(prototypeSnapshot()).toBe(before);
    },
  );

  it('parseCookie on 1 MB of "a=b; " keeps the first value once and a null prototype', () => {
    // Whole pairs only: a cut "a" at the end would be a nameless cookie, rightly.
    const cookies = parseCookie('a=b; '.repeat(Math.floor(MB / 5)));
    expect(Object.getPrototypeOf(cookies)).toBeNull();
    expect(Object.keys(cookies)).toEqual(['a']);
  });

  it('parseSetCookie refuses a 1 MB name-value pair (RFC 6265bis §5.6 step 5: over 4096 octets)', () => {
    expect(parseSetCookie(`a=${fill('x', MB)}`)).toBeUndefined();
  });

  it('parseSetCookie ignores a 1 MB attribute value (over 1024 octets) but keeps the cookie', () => {
    const c = parseSetCookie(`a=b; Path=/${fill('p', MB)}; Domain=${fill('d', MB)}`);
    expect(c?.name).toBe('a');
    expect(c?.path).toBeUndefined();
    expect(c?.domain).toBeUndefined();
  });
});

describe('parsers grow linearly: operations(16n) / operations(n) < 32 (linear: 16, quadratic: 256)', () => {
  const n = 4 * 1024;
  const cases = Object.entries(PARSERS).flatMap(([parser, run]) =>
    Object.entries(PATTERNS).map(([pattern, unit]) => [parser, pattern, run, unit] as const),
  );
  it.each(cases)('%s on %s', (_parser, _pattern, run, unit) => {
    const ratio = growthRatio(run, fill(unit, n), fill(unit, 16 * n));
    expect(ratio).toBeLessThan(32);
  });
});

describe('thousands of Set-Cookie lines into a jar', () => {
  function flood(jar: CookieJar, count: number, hosts: number): void {
    for (let i = 0; i < count; i++) {
      const host = `h${i % hosts}.example.com`;
      jar.setCookie(`c${i}=${i}; Path=/p${i % 7}; Max-Age=3600`, `https://${host}/p${i % 7}/x`, {
        now: NOW + i,
      });
    }
  }

  it('5000 lines on one site: no throw, capped at Chromium per-domain limit of 180', () => {
    const jar = new CookieJar();
    flood(jar, 5000, 1);
    expect(jar.allCookies().length).toBeLessThanOrEqual(180);
    expect(
      jar.getCookies('https://h0.example.com/p1/x', { now: NOW + 5000 }).length,
    ).toBeGreaterThan(0);
  });

  it('10000 lines over 500 sites: no throw, capped at the 3300 total', () => {
    const jar = new CookieJar();
    flood(jar, 10_000, 500);
    expect(jar.allCookies().length).toBeLessThanOrEqual(3300);
  });

  it('5000 hostile lines (1 KB each of separators and quotes) into one jar never throw', () => {
    const jar = new CookieJar();
    const units = Object.values(PATTERNS);
    const before = prototypeSnapshot();
    for (let i = 0; i < 5000; i++) {
      const unit = units[i % units.length] as string;
      jar.setCookie(`n${i}=${fill(unit, 1024)}; ${fill(unit, 1024)}`, 'https://example.com/', {
        now: NOW,
      });
    }
    expect(() => jar.getCookieHeader('https://example.com/', { now: NOW })).not.toThrow();
    expect(prototypeSnapshot()).toBe(before);
  });

  it('setCookie cost grows linearly: operations(16n lines) / operations(n lines) < 32, one site and many', () => {
    for (const hosts of [1, 200]) {
      const ratio = growthRatio(
        (count) => flood(new CookieJar(), Number(count), hosts),
        '250',
        '4000',
      );
      expect(ratio, `hosts=${hosts}`).toBeLessThan(32);
    }
  });
});
