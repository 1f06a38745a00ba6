/**
 * The portable suite's own harness (test/runtimes/harness.js) must be able to fail: a deepEqual
 * that said yes too often would make every runtime's count meaningless.
 */
import { describe, expect, it } from 'vitest';

interface Harness {
  deepEqual(a: unknown, b: unknown): boolean;
  test(name: string, fn: () => unknown, options?: { cookieHeaders?: boolean }): void;
  group(name: string, body: () => void): void;
  assert: {
    equal(a: unknown, b: unknown): void;
    throws(fn: () => unknown): unknown;
    rejects(p: Promise<unknown>): Promise<unknown>;
  };
  run(): Promise<{
    passed: number;
    failed: number;
    total: number;
    names: string[];
    failures: { name: string; error: string }[];
    adapted: string[];
    fetchCarriesCookies: boolean;
  }>;
  fetchCarriesCookies: boolean;
  MissingCookieHeaders: new (message: string) => Error;
  setCookiesOf(response: Response): string[];
  requestWithCookie(url: string, cookie: string | undefined): Request;
}

// A plain JS module (it runs in workerd and Chromium too); typed here by the interface above.
const HARNESS = './harness.js';
const harness = (await import(HARNESS)) as Harness;

describe('deepEqual', () => {
  const nullProto = Object.assign(Object.create(null) as Record<string, number>, { a: 1 });
  it.each([
    [{ a: 1 }, { a: 1 }],
    [nullProto, { a: 1 }],
    [{ a: 1, b: undefined }, { a: 1 }],
    [
      [1, [2, { c: 'x' }]],
      [1, [2, { c: 'x' }]],
    ],
    [new Date(5), new Date(5)],
    [new Uint8Array([1, 2]), new Uint8Array([1, 2])],
    [new Map([['k', { v: 1 }]]), new Map([['k', { v: 1 }]])],
    [Number.NaN, Number.NaN],
  ])('equal: %o and %o', (a, b) => {
    expect(harness.deepEqual(a, b)).toBe(true);
  });

  it.each([
    [{ a: 1 }, { a: 2 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: 1, b: 2 }, { a: 1 }],
    [
      [1, 2],
      [2, 1],
    ],
    [[1], [1, 1]],
    [[1], { 0: 1 }],
    [new Date(5), new Date(6)],
    [new Date(5), 5],
    [new Uint8Array([1, 2]), new Uint8Array([1, 3])],
    [new Map([['k', 1]]), new Map([['k', 2]])],
    [new Map([['k', 1]]), { k: 1 }],
    ['1', 1],
    [null, {}],
    [0, -0],
    [new (class A {})(), {}],
  ])('different: %o and %o', (a, b) => {
    expect(harness.deepEqual(a, b)).toBe(false);
  });
});

describe('run', () => {
  it('counts passes and failures, with the message, in order, and refuses duplicate names', async () => {
    const { test, group, assert, run, fetchCarriesCookies } = harness;
    group('g', () => {
      test('passes', () => assert.equal(1, 1));
      test('fails', () => assert.equal(1, 2));
      test('fails async', async () => {
        await assert.rejects(Promise.resolve(1));
      });
      test('throws a TypeError', () => {
        throw new TypeError('boom');
      });
      test('no throw where one was expected', () => assert.throws(() => 1));
      test('header test that fails', () => assert.equal('a', 'b'), { cookieHeaders: true });
      test(
        'header test missing its headers',
        () => {
          throw new harness.MissingCookieHeaders('dropped');
        },
        { cookieHeaders: true },
      );
    });
    expect(() => test('g > passes', () => {})).toThrow(/duplicate/);
    const result = await run();
    // Node's Fetch keeps the cookie headers, so a cookieHeaders test fails like any other here.
    expect(fetchCarriesCookies).toBe(true);
    expect(result.fetchCarriesCookies).toBe(true);
    expect(result.names).toEqual([
      'g > passes',
      'g > fails',
      'g > fails async',
      'g > throws a TypeError',
      'g > no throw where one was expected',
      'g > header test that fails',
      'g > header test missing its headers',
    ]);
    // On Node even MissingCookieHeaders fails: only a page may run a test in its browser form.
    expect(result).toMatchObject({ passed: 1, failed: 6, total: 7, adapted: [] });
    expect(result.failures[0]).toEqual({
      name: 'g > fails',
      error: 'AssertionError: expected 2, got 1',
    });
    expect(result.failures[2]?.error).toBe('TypeError: boom');
  });
});

describe('cookie header helpers on a server runtime', () => {
  it('give the Set-Cookie lines and a Request that keeps its Cookie header', () => {
    const response = new Response(null, { headers: [['set-cookie', 'a=1']] });
    expect(harness.setCookiesOf(response)).toEqual(['a=1']);
    expect(harness.setCookiesOf(new Response(null))).toEqual([]);
    const request = harness.requestWithCookie('https://e.test/', 'a=1; b=2');
    expect(request.headers.get('cookie')).toBe('a=1; b=2');
    expect(harness.requestWithCookie('https://e.test/', undefined).headers.has('cookie')).toBe(
      false,
    );
  });
});
