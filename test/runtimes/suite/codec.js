/** @module The codec on every runtime: Cookie and Set-Cookie parsing and building, splitting, dates. */
import {
  CookieError,
  formatCookieDate,
  isCookieError,
  parse,
  parseCookie,
  parseCookieDate,
  parseSetCookie,
  serialize,
  splitSetCookie,
  stringifyCookie,
  stringifySetCookie,
} from 'shortbread';
import * as codec from 'shortbread/codec';
import bsdExamples from '../../fixtures/dates/bsd-examples.json' with { type: 'json' };
import examples from '../../fixtures/dates/examples.json' with { type: 'json' };
import { assert, group, test } from '../harness.js';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

/**
 * Register the codec tests. A function, not import side effects: the package says
 * "sideEffects": false, so a bundler may drop a bare `import './codec.js'`.
 *
 * @example
 * registerCodecTests(); await run();
 */
export function registerCodecTests() {
  group('codec', () => {
    test('parseCookie reads pairs, decodes %XX, first of a name wins, null prototype', () => {
      const cookies = parseCookie('a=1; b=x%20y; a=2; c="q"');
      assert.equal(Object.getPrototypeOf(cookies), null);
      assert.deepEqual({ ...cookies }, { a: '1', b: 'x y', c: 'q' });
    });

    test('parseCookie keeps __proto__ as an ordinary name', () => {
      const cookies = parseCookie('__proto__=p; constructor=c');
      assert.equal(Object.getOwnPropertyDescriptor(cookies, '__proto__')?.value, 'p');
      assert.equal(cookies.constructor, 'c');
      assert.equal(Object.getPrototypeOf(cookies), null);
    });

    test('parseCookie never throws on malformed input and keeps the good pairs', () => {
      const cookies = parseCookie('bad=%E0%A4%A; ; =; ok=yes; ;;  last = 1 ');
      assert.equal(cookies.ok, 'yes');
      assert.equal(cookies.bad, '%E0%A4%A');
      assert.equal(cookies.last, '1');
      assert.deepEqual({ ...parseCookie('') }, {});
    });

    test('parseCookie decodes UTF-8 percent escapes', () => {
      assert.equal(parseCookie('q=caf%C3%A9').q, 'café');
    });

    test('stringifyCookie percent-encodes what a Cookie header cannot carry', () => {
      assert.equal(stringifyCookie({ a: '1', b: 'x y', c: 'é;' }), 'a=1; b=x%20y; c=%C3%A9%3B');
    });

    test('stringifyCookie -> parseCookie round-trips', () => {
      const values = {
        plain: 'v',
        space: 'a b',
        semi: 'a;b',
        quote: '"q"',
        uni: 'ü→😀',
        empty: '',
      };
      assert.deepEqual({ ...parseCookie(stringifyCookie(values)) }, values);
    });

    test('stringifyCookie refuses a name no browser would keep, with CookieError', () => {
      const error = assert.throws(() => stringifyCookie({ 'a;b': '1' }));
      assert.instanceOf(error, CookieError);
      assert.equal(error.code, 'ERR_COOKIE_NAME_INVALID');
    });

    test('parseSetCookie reads every attribute', () => {
      const cookie = parseSetCookie(
        'id=a3fWa; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Max-Age=60; Domain=.Example.com; Path=/docs; Secure; HttpOnly; SameSite=Lax',
        { now: NOW },
      );
      assert.deepEqual(cookie, {
        name: 'id',
        value: 'a3fWa',
        expires: new Date(Date.UTC(2026, 9, 21, 7, 28, 0)),
        maxAge: 60,
        domain: 'example.com',
        path: '/docs',
        secure: true,
        httpOnly: true,
        partitioned: false,
        sameSite: 'lax',
      });
    });

    test('parseSetCookie decodes the value and takes the last of a repeated attribute', () => {
      const cookie = parseSetCookie('flavor=chocolate%20chip; Path=/a; Path=/b; SameSite=Strict', {
        now: NOW,
      });
      assert.equal(cookie?.value, 'chocolate chip');
      assert.equal(cookie?.path, '/b');
      assert.equal(cookie?.sameSite, 'strict');
    });

    test('parseSetCookie caps Expires at now + 400 days', () => {
      const cookie = parseSetCookie('a=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT', { now: NOW });
      assert.deepEqual(cookie?.expires, new Date(NOW + 400 * 86_400_000));
    });

    test('parseSetCookie skips what a browser skips: no "=", empty header', () => {
      assert.equal(parseSetCookie('', { now: NOW }), undefined);
      assert.equal(parseSetCookie('=; ;', { now: NOW }), undefined);
    });

    test('stringifySetCookie writes attributes in Werkzeug order', () => {
      const line = stringifySetCookie('flavor', 'chocolate chip', {
        maxAge: 30,
        path: '/cookies',
        httpOnly: true,
        secure: true,
        sameSite: 'lax',
        domain: 'example.com',
      });
      assert.equal(
        line,
        'flavor=chocolate%20chip; Domain=example.com; Max-Age=30; Secure; HttpOnly; Path=/cookies; SameSite=Lax',
      );
    });

    test('stringifySetCookie takes a cookie object, and werkzeug quoting on request', () => {
      assert.equal(
        stringifySetCookie({ name: 'id', value: '1', secure: true, sameSite: 'none' }),
        'id=1; Secure; SameSite=None',
      );
      assert.equal(
        stringifySetCookie('flavor', 'chocolate chip', { encoding: 'werkzeug', path: '/' }),
        'flavor="chocolate chip"; Path=/',
      );
    });

    test('stringifySetCookie writes Expires from the given clock and caps it at 400 days', () => {
      assert.equal(
        stringifySetCookie('a', 'b', { expires: new Date(Date.UTC(2100, 0, 1)), now: NOW }),
        `a=b; Expires=${formatCookieDate(NOW + 400 * 86_400_000)}`,
      );
      assert.equal(
        stringifySetCookie('a', 'b', { expires: Date.UTC(2027, 0, 1, 8, 30), now: NOW }),
        'a=b; Expires=Fri, 01 Jan 2027 08:30:00 GMT',
      );
    });

    test('stringifySetCookie -> parseSetCookie round-trips', () => {
      const line = stringifySetCookie('__Host-id', 'a b;c', {
        secure: true,
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        partitioned: true,
        maxAge: 3600,
      });
      const cookie = parseSetCookie(line, { now: NOW });
      assert.equal(cookie?.name, '__Host-id');
      assert.equal(cookie?.value, 'a b;c');
      assert.equal(cookie?.maxAge, 3600);
      assert.equal(cookie?.partitioned, true);
      assert.equal(cookie?.sameSite, 'strict');
    });

    test('stringifySetCookie refuses an injecting name with a message that says the fix', () => {
      const error = assert.throws(() => stringifySetCookie('a;b', 'v'));
      assert.ok(isCookieError(error));
      assert.equal(error.code, 'ERR_COOKIE_NAME_INVALID');
      assert.equal(
        error.message,
        'cookie name is invalid: "a;b" (no ";" "=" or control characters; rename the cookie)',
      );
    });

    test('stringifySetCookie refuses __Host- without Secure, and SameSite=None without Secure', () => {
      assert.ok(isCookieError(assert.throws(() => stringifySetCookie('__Host-a', '1'))));
      assert.ok(
        isCookieError(assert.throws(() => stringifySetCookie('a', '1', { sameSite: 'none' }))),
      );
    });

    test('stringifySetCookie refuses a non-string value', () => {
      const error = assert.throws(() => stringifySetCookie('a', /** @type {any} */ (1)));
      assert.equal(error.code, 'ERR_COOKIE_VALUE_INVALID');
    });

    test('splitSetCookie splits a joined header, keeping commas inside Expires', () => {
      assert.deepEqual(
        splitSetCookie('a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT, b=2; Path=/, c=3'),
        ['a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT', 'b=2; Path=/', 'c=3'],
      );
    });

    test('splitSetCookie accepts arrays, null and the empty string', () => {
      assert.deepEqual(splitSetCookie(['a=1, b=2', 'c=3']), ['a=1', 'b=2', 'c=3']);
      assert.deepEqual(splitSetCookie(null), []);
      assert.deepEqual(splitSetCookie(undefined), []);
      assert.deepEqual(splitSetCookie(''), []);
    });

    test('parseCookieDate and formatCookieDate', () => {
      assert.deepEqual(
        parseCookieDate('Wed, 21 Oct 2015 07:28:00 GMT'),
        new Date(Date.UTC(2015, 9, 21, 7, 28)),
      );
      assert.equal(parseCookieDate('nonsense'), undefined);
      assert.equal(formatCookieDate(Date.UTC(2015, 9, 21, 7, 28)), 'Wed, 21 Oct 2015 07:28:00 GMT');
      assert.equal(formatCookieDate(new Date(0)), 'Thu, 01 Jan 1970 00:00:00 GMT');
    });

    for (const [file, cases] of /** @type {const} */ ([
      ['examples.json', examples],
      ['bsd-examples.json', bsdExamples],
    ])) {
      test(`parseCookieDate agrees with every case of test/fixtures/dates/${file}`, () => {
        assert.ok(cases.length > 10, 'fixture loaded');
        const wrong = cases
          .map((c) => ({ ...c, got: parseCookieDate(c.test)?.toUTCString() ?? null }))
          .filter((c) => c.got !== c.expected);
        assert.deepEqual(wrong, []);
      });
    }

    test('parse / serialize keep the cookie package signatures', () => {
      assert.deepEqual({ ...parse('a=1; b=2') }, { a: '1', b: '2' });
      assert.equal(
        serialize('a', 'x y', { maxAge: 10, httpOnly: true }),
        'a=x%20y; Max-Age=10; HttpOnly',
      );
    });

    test('shortbread/codec exports the same functions as the root', () => {
      assert.equal(codec.parseCookie, parseCookie);
      assert.equal(codec.stringifySetCookie, stringifySetCookie);
      assert.equal(codec.CookieError, CookieError);
    });
  });
}
