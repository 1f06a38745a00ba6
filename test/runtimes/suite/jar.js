/** @module The memory cookie jar (with tldts' public suffix list) on every runtime. */
import { makeResponse, RequestCookies, ResponseCookies } from 'shortbread';
import {
  CookieJar,
  fetchWithCookies,
  fromJarJson,
  fromNetscape,
  registrableDomain,
  toJarJson,
  toNetscape,
} from 'shortbread/jar';
import { assert, group, setCookiesOf, test } from '../harness.js';

const NOW = Date.UTC(2026, 10, 25, 12);
const at = (/** @type {number} */ ms) => ({ now: NOW + ms });

/**
 * Register the jar tests. A function, not import side effects: the package says
 * "sideEffects": false, so a bundler may drop a bare `import './codec.js'`.
 *
 * @example
 * registerJarTests(); await run();
 */
export function registerJarTests() {
  group('jar', () => {
    test('stores a host-only cookie with the default path and sends it back', () => {
      const jar = new CookieJar();
      const cookie = jar.setCookie('id=1', 'https://www.example.com/docs/page', { now: NOW });
      assert.deepEqual(cookie, {
        name: 'id',
        value: '1',
        domain: 'www.example.com',
        path: '/docs',
        hostOnly: true,
        secure: false,
        httpOnly: false,
        sameSite: 'unspecified',
        expires: undefined,
        creation: new Date(NOW),
        lastAccess: new Date(NOW),
        partitionKey: undefined,
        priority: 'medium',
      });
      assert.equal(jar.getCookieHeader('https://www.example.com/docs/x', { now: NOW }), 'id=1');
      assert.equal(jar.getCookieHeader('https://example.com/docs/x', { now: NOW }), '');
      assert.equal(jar.getCookieHeader('https://www.example.com/other', { now: NOW }), '');
    });

    test('domain cookies reach subdomains; a foreign Domain is refused', () => {
      const jar = new CookieJar();
      const cookie = jar.setCookie('a=1; Domain=.Example.com', 'https://www.example.com/', {
        now: NOW,
      });
      assert.equal(cookie?.domain, 'example.com');
      assert.equal(cookie?.hostOnly, false);
      assert.equal(jar.getCookieHeader('https://other.example.com/', { now: NOW }), 'a=1');
      assert.equal(
        jar.setCookieResult('b=1; Domain=evil.com', 'https://www.example.com/').reason,
        'domain-mismatch',
      );
    });

    test('refuses Domain set to a public suffix (tldts list)', () => {
      const jar = new CookieJar();
      assert.equal(
        jar.setCookieResult('a=1; Domain=co.uk', 'https://example.co.uk/').reason,
        'public-suffix',
      );
      assert.equal(
        jar.setCookieResult('a=1; Domain=github.io', 'https://x.github.io/').reason,
        'public-suffix',
      );
      assert.equal(registrableDomain('a.b.example.co.uk'), 'example.co.uk');
    });

    test('sends the longest path first, then the oldest', () => {
      const jar = new CookieJar();
      jar.setCookie('a=1; Path=/', 'https://e.com/', at(0));
      jar.setCookie('b=2; Path=/docs', 'https://e.com/', at(1));
      jar.setCookie('c=3; Path=/', 'https://e.com/', at(2));
      assert.equal(jar.getCookieHeader('https://e.com/docs/x', at(3)), 'b=2; a=1; c=3');
    });

    test('Secure cookies: not from http, not sent to http', () => {
      const jar = new CookieJar();
      assert.equal(jar.setCookie('s=1; Secure', 'http://e.com/', at(0)), undefined);
      jar.setCookie('s=1; Secure', 'https://e.com/', at(0));
      assert.equal(jar.getCookieHeader('http://e.com/', at(1)), '');
      assert.equal(jar.getCookieHeader('https://e.com/', at(1)), 's=1');
    });

    test('Max-Age expires on the given clock; Max-Age=0 deletes', () => {
      const jar = new CookieJar();
      jar.setCookie('t=1; Max-Age=60', 'https://e.com/', at(0));
      assert.equal(jar.getCookieHeader('https://e.com/', at(59_000)), 't=1');
      assert.equal(jar.getCookieHeader('https://e.com/', at(61_000)), '');
      jar.setCookie('u=1', 'https://e.com/', at(0));
      jar.setCookie('u=; Max-Age=0', 'https://e.com/', at(1));
      assert.equal(jar.getCookieHeader('https://e.com/', at(2)), '');
    });

    test('HttpOnly cookies are left out of the script view', () => {
      const jar = new CookieJar();
      jar.setCookie('h=1; HttpOnly', 'https://e.com/', at(0));
      jar.setCookie('j=2', 'https://e.com/', at(1));
      assert.equal(jar.getCookieHeader('https://e.com/', at(2)), 'h=1; j=2');
      assert.deepEqual(
        jar.getCookies('https://e.com/', { ...at(2), http: false }).map((c) => c.name),
        ['j'],
      );
    });

    test('setFromResponse stores every Set-Cookie of a response', () => {
      const jar = new CookieJar();
      // Headers, not a Response: a page's Response drops Set-Cookie, and this test is about the jar.
      const headers = new Headers();
      new ResponseCookies(headers).set('a', '1').set('b', 'two words');
      const stored = jar.setFromResponse('https://e.com/', headers, at(0));
      assert.deepEqual(
        stored.map((c) => [c.name, c.value]),
        [
          ['a', '1'],
          ['b', 'two%20words'],
        ],
      );
    });

    test(
      'fetchWithCookies carries cookies between a handler and the jar',
      async () => {
        const handler = async (/** @type {Request} */ request) => {
          const visits = Number(new RequestCookies(request).get('visits') ?? '0') + 1;
          return makeResponse(String(visits)).setCookie('visits', String(visits));
        };
        const jar = new CookieJar();
        const fetcher = fetchWithCookies(jar, async (input, init) => {
          const response = await handler(new Request(input, init));
          setCookiesOf(response); // a page's Response drops them: the browser form ends here
          return response;
        });
        assert.equal(await (await fetcher('https://app.example/')).text(), '1');
        assert.equal(await (await fetcher('https://app.example/')).text(), '2');
        assert.equal(jar.getCookieHeader('https://app.example/'), 'visits=2');
      },
      { cookieHeaders: true },
    );

    test('JSON and Netscape formats round-trip', () => {
      const jar = new CookieJar();
      jar.setCookie(
        'a=1; Domain=example.com; Path=/; Secure; Max-Age=3600',
        'https://www.example.com/',
        at(0),
      );
      jar.setCookie('b=2', 'https://www.example.com/p/q', at(1));
      const json = JSON.parse(JSON.stringify(toJarJson(jar.allCookies())));
      const fromJson = fromJarJson(json);
      assert.deepEqual(
        fromJson.map((c) => [c.name, c.value, c.domain, c.path, c.hostOnly, c.secure]),
        [
          ['a', '1', 'example.com', '/', false, true],
          ['b', '2', 'www.example.com', '/p', true, false],
        ],
      );
      const text = toNetscape(jar.allCookies(), { now: NOW });
      assert.match(text, /^# Netscape HTTP Cookie File/);
      assert.deepEqual(
        fromNetscape(text, { now: NOW }).map((c) => [c.name, c.value, c.domain, c.path]),
        [
          ['a', '1', 'example.com', '/'],
          ['b', '2', 'www.example.com', '/p'],
        ],
      );
    });
  });
}
