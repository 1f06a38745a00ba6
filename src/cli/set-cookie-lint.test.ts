import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../codec/set-cookie.js';
import { isSessionLike, lintSetCookie } from './set-cookie-lint.js';

const NOW = Date.UTC(2026, 0, 1);
const rules = (line: string): string[] =>
  lintSetCookie(line, { now: NOW }).map((p) => `${p.severity}:${p.rule}`);

describe('lintSetCookie', () => {
  it.each([
    ['a=1', []],
    ['sid=1; Secure; HttpOnly; SameSite=Lax', []],
    ['a=1\u0001', ['error:control-character']],
    ['a=1\tb', ['error:tab-character']],
    ['a=1; Path=/\tx', ['error:tab-character']],
    ['a=1 ;\tPath=/', []],
    ['=', ['error:empty-cookie']],
    [`a=${'x'.repeat(4096)}`, ['error:name-value-too-large']],
    ['novalue', ['warning:nameless-cookie']],
    ['a b=1', ['info:name-not-token']],
    ['a=x y', ['info:value-not-cookie-octets']],
    ['a="x"', []],
    [`a=1; Path=/${'p'.repeat(1024)}`, ['warning:attribute-too-large']],
    ['a=1; Path=/a; path=/b', ['warning:duplicate-attribute']],
    ['a=1; Secure; secure', ['info:duplicate-attribute']],
    ['a=1; Expires=soon', ['warning:invalid-expires']],
    ['a=1; Expires=Thursday, 01-Jan-2026 10:00:00 GMT', ['info:expires-not-imf-fixdate']],
    ['a=1; Expires=Thu, 01 Jan 2026 10:00:00 GMT', []],
    ['a=1; Expires=Wed, 31 Dec 2025 23:00:00 GMT', ['warning:expires-in-past']],
    ['a=; Expires=Wed, 31 Dec 2025 23:00:00 GMT', []],
    ['a=1; Expires=Wed, 31 Dec 2025 23:00:00 GMT; Max-Age=60', []],
    ['a=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT', ['warning:expires-too-far']],
    ['a=1; Max-Age=34560000', []],
    ['a=1; Max-Age=34560001', ['warning:max-age-too-long']],
    ['a=1; Max-Age=1h', ['warning:invalid-max-age']],
    ['a=1; Max-Age=+5', ['warning:invalid-max-age']],
    ['a=1; Max-Age=0', ['info:max-age-deletes']],
    ['a=1; Path=docs', ['warning:invalid-path']],
    ['a=1; SameSite=Relaxed', ['warning:invalid-samesite']],
    ['a=1; SameSite=None', ['error:samesite-none-insecure']],
    ['a=1; SameSite=None; Secure', []],
    ['a=1; Partitioned', ['error:partitioned-insecure']],
    ['a=1; Domain=co.uk', ['error:domain-public-suffix']],
    ['a=1; Domain=.github.io', ['error:domain-public-suffix']],
    ['a=1; Domain=example.co.uk', []],
    ['a=1; Domain=localhost', []],
    ['a=1; Domain=127.0.0.1', []],
    ['__Secure-a=1', ['error:prefix-violation']],
    ['__Host-a=1; Secure; Path=/; Domain=example.com', ['error:prefix-violation']],
    ['__host-a=1; Secure', ['error:prefix-violation']],
    ['__Host-a=1; Secure; Path=/', []],
    [
      'session=1',
      [
        'warning:session-missing-secure',
        'warning:session-missing-httponly',
        'warning:session-missing-samesite',
      ],
    ],
    ['csrftoken=1; Secure; SameSite=Strict', []],
    ['session=; Max-Age=0', []],
  ])('%s', (line, expected) => {
    expect(rules(line)).toEqual(expected);
  });

  it('puts errors first and names the rule and the fix in each message', () => {
    const problems = lintSetCookie('sid=1; SameSite=None; Path=x', { now: NOW });
    expect(problems[0]?.severity).toBe('error');
    expect(problems.map((p) => p.severity)).toEqual([...problems.map((p) => p.severity)].sort());
    for (const p of problems) expect(p.message).toMatch(/\(.+\)$/);
  });

  it('checks only the last of repeated Expires, Max-Age and Path, as browsers use it', () => {
    expect(rules('a=1; Path=x; Path=/ok')).toEqual(['warning:duplicate-attribute']);
    expect(rules('a=1; Max-Age=x; Max-Age=5')).toEqual(['warning:duplicate-attribute']);
  });

  it('is linear on long hostile input', () => {
    const line = `a=1${'; Expires=;'.repeat(20_000)}`;
    expect(rules(line)).toContain('warning:duplicate-attribute');
  });
});

describe('lintSetCookie on any input (fast-check)', () => {
  it('never throws, and reports an error exactly when a browser would ignore the line', () => {
    const piece = fc.constantFrom(
      'a',
      '=',
      ';',
      ' ',
      '\t',
      '\u0001',
      'Expires=',
      'Max-Age=',
      '-1',
      '99999999999',
      'Path=/',
      'Domain=',
      'co.uk',
      'Secure',
      'SameSite=None',
      'Partitioned',
      '__Host-',
      '__Secure-',
      'é',
      '"',
    );
    const line = fc
      .array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 12 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(line, (text) => {
        const problems = lintSetCookie(text, { now: NOW });
        for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
        if (parseSetCookie(text, { now: NOW }) === undefined) {
          expect(problems.some((p) => p.severity === 'error')).toBe(true);
        }
      }),
      { seed: 20261125, numRuns: 2000 },
    );
  });
});

describe('isSessionLike', () => {
  it.each([
    ['session', true],
    ['connect.sid', true],
    ['PHPSESSID', true],
    ['auth_token', true],
    ['remember_me', true],
    ['theme', false],
    ['lang', false],
  ])('%s: %s', (name, expected) => {
    expect(isSessionLike(name)).toBe(expected);
  });
});
