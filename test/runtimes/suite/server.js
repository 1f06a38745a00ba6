/** @module RequestCookies, ResponseCookies and makeResponse on every runtime's own Fetch classes. */
import {
  CookieResponse,
  makeResponse,
  parseSetCookie,
  RequestCookies,
  ResponseCookies,
} from 'shortbread';
import {
  assert,
  fetchCarriesCookies,
  group,
  requestWithCookie,
  setCookiesOf,
  test,
} from '../harness.js';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const EPOCH = 'Expires=Thu, 01 Jan 1970 00:00:00 GMT';

/**
 * Register the RequestCookies, ResponseCookies and makeResponse tests. A function, not import side effects: the package says
 * "sideEffects": false, so a bundler may drop a bare `import './codec.js'`.
 *
 * @example
 * registerServerTests(); await run();
 */
export function registerServerTests() {
  test('fetch > Request keeps Cookie and Response keeps Set-Cookie everywhere but in a page', () => {
    // Browsers drop both (Fetch forbidden header names); a server runtime that did would hide
    // every cookieHeaders test's real assertions, so it fails here.
    assert.equal(fetchCarriesCookies, typeof document === 'undefined');
  });

  group('RequestCookies', () => {
    const request = () =>
      requestWithCookie('https://example.com/', 'a=1; b=2; a=3; flavor=chocolate%20chip');

    test(
      'reads from a Request: get, getAll, has, size',
      () => {
        const cookies = new RequestCookies(request());
        assert.equal(cookies.get('a'), '1');
        assert.deepEqual(cookies.getAll('a'), ['1', '3']);
        assert.equal(cookies.get('flavor'), 'chocolate chip');
        assert.equal(cookies.has('b'), true);
        assert.equal(cookies.has('zzz'), false);
        assert.equal(cookies.get('zzz'), undefined);
        assert.equal(cookies.size, 3);
      },
      { cookieHeaders: true },
    );

    test('iterates in header order, one entry per name', () => {
      const cookies = new RequestCookies(
        new Headers({ cookie: 'a=1; b=2; a=3; flavor=chocolate%20chip' }),
      );
      assert.deepEqual([...cookies.keys()], ['a', 'b', 'flavor']);
      assert.deepEqual([...cookies.values()], ['1', '2', 'chocolate chip']);
      assert.deepEqual(
        [...cookies],
        [
          ['a', '1'],
          ['b', '2'],
          ['flavor', 'chocolate chip'],
        ],
      );
    });

    test('reads from Headers and from a string too', () => {
      assert.equal(new RequestCookies(new Headers({ cookie: 'x=9' })).get('x'), '9');
      assert.equal(new RequestCookies('b=2; a=1').get('b'), '2');
      assert.equal(new RequestCookies(new Request('https://e.com/')).size, 0);
    });

    test('toObject has a null prototype; JSON.stringify gives the object', () => {
      const cookies = new RequestCookies('__proto__=x; a=1');
      const object = cookies.toObject();
      assert.equal(Object.getPrototypeOf(object), null);
      assert.equal(Object.getOwnPropertyDescriptor(object, '__proto__')?.value, 'x');
      assert.equal(JSON.stringify(new RequestCookies('a=1; b=2')), '{"a":"1","b":"2"}');
    });

    test('a custom decode keeps raw values', () => {
      const cookies = new RequestCookies('q=a%20b', { decode: (raw) => raw });
      assert.equal(cookies.get('q'), 'a%20b');
    });
  });

  group('ResponseCookies', () => {
    const fresh = (/** @type {object} */ defaults = {}) => {
      const headers = new Headers();
      return { headers, cookies: new ResponseCookies(headers, { now: NOW, ...defaults }) };
    };

    test('Flask defaults: Path=/ and nothing else', () => {
      const { headers, cookies } = fresh();
      cookies.set('chewy', 'yes');
      assert.deepEqual(headers.getSetCookie(), ['chewy=yes; Path=/']);
    });

    test('Max-Age brings Expires from the given clock, as Werkzeug does', () => {
      const { headers, cookies } = fresh();
      cookies.set('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' });
      assert.deepEqual(headers.getSetCookie(), [
        'flavor=chocolate%20chip; Expires=Wed, 25 Nov 2026 12:00:30 GMT; Max-Age=30; Path=/cookies',
      ]);
    });

    test('several cookies stay separate header lines', () => {
      const { headers, cookies } = fresh();
      cookies.set('a', '1', { path: '/x' }).set('a', '2', { path: '/y' }).set('b', '3');
      assert.deepEqual(headers.getSetCookie(), ['a=1; Path=/x', 'a=2; Path=/y', 'b=3; Path=/']);
    });

    test('setting the same (name, domain, path) again replaces the line', () => {
      const { headers, cookies } = fresh();
      cookies.set('a', '1').set('b', '2').set('a', '3');
      assert.deepEqual(headers.getSetCookie(), ['a=3; Path=/', 'b=2; Path=/']);
      assert.equal(cookies.get('a')?.value, '3');
      assert.equal(parseSetCookie(headers.getSetCookie()[0] ?? '', { now: NOW })?.value, '3');
    });

    test('delete writes the Werkzeug expiring line', () => {
      const { headers, cookies } = fresh();
      cookies.delete('flavor', { path: '/cookies' });
      assert.deepEqual(headers.getSetCookie(), [`flavor=; ${EPOCH}; Max-Age=0; Path=/cookies`]);
    });

    test('defaults apply to every cookie', () => {
      const { headers, cookies } = fresh({ secure: true, httpOnly: true, sameSite: 'lax' });
      cookies.set('s', '1');
      assert.deepEqual(headers.getSetCookie(), ['s=1; Secure; HttpOnly; Path=/; SameSite=Lax']);
    });

    test('get, getAll and has read back what was set', () => {
      const { cookies } = fresh();
      cookies.set('flavor', 'chocolate chip', { maxAge: 30 });
      cookies.set('a', '1', { path: '/x' }).set('a', '2', { path: '/y' });
      assert.equal(cookies.get('flavor')?.maxAge, 30);
      assert.equal(cookies.get('flavor')?.value, 'chocolate chip');
      assert.deepEqual(
        cookies.getAll('a').map((c) => c.path),
        ['/x', '/y'],
      );
      assert.equal(cookies.has('a'), true);
      assert.equal(cookies.has('nope'), false);
    });

    test('refuses a cookie a browser would drop, and writes nothing', () => {
      const { headers, cookies } = fresh();
      const error = assert.throws(() => cookies.set('a;b', 'v'));
      assert.equal(error.code, 'ERR_COOKIE_NAME_INVALID');
      assert.deepEqual(headers.getSetCookie(), []);
    });
  });

  group('makeResponse', () => {
    test(
      'several Set-Cookie stay separate in headers.getSetCookie()',
      () => {
        const response = makeResponse('Cookies')
          .setCookie('x', '1')
          .setCookie('y', '2', { httpOnly: true })
          .deleteCookie('z');
        assert.deepEqual(setCookiesOf(response), [
          'x=1; Path=/',
          'y=2; HttpOnly; Path=/',
          `z=; ${EPOCH}; Max-Age=0; Path=/`,
        ]);
      },
      { cookieHeaders: true },
    );

    test('is a real Response with Flask content types', async () => {
      const text = makeResponse('Cookies');
      assert.instanceOf(text, Response);
      assert.instanceOf(text, CookieResponse);
      assert.equal(text.status, 200);
      assert.equal(text.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(await text.text(), 'Cookies');
      const json = makeResponse({ ok: true }, 201);
      assert.equal(json.status, 201);
      assert.equal(json.headers.get('content-type'), 'application/json');
      assert.equal(await json.text(), '{"ok":true}');
    });

    test('takes bytes and an init with headers', async () => {
      const response = makeResponse(new TextEncoder().encode('héllo'), {
        status: 202,
        headers: { 'x-flavor': 'dark' },
      });
      assert.equal(response.status, 202);
      assert.equal(response.headers.get('x-flavor'), 'dark');
      assert.equal(await response.text(), 'héllo');
    });

    test(
      'cookieDefaults apply to setCookie',
      () => {
        const response = makeResponse('x', {
          cookieDefaults: { secure: true, sameSite: 'strict' },
        });
        response.setCookie('a', '1');
        assert.deepEqual(setCookiesOf(response), ['a=1; Secure; Path=/; SameSite=Strict']);
      },
      { cookieHeaders: true },
    );

    test(
      'CookieResponse.json and redirect carry cookies',
      async () => {
        const json = CookieResponse.json({ n: 1 }, { status: 201 }).setCookie('seen', 'yes');
        assert.equal(json.status, 201);
        assert.equal(await json.text(), '{"n":1}');
        assert.deepEqual(setCookiesOf(json), ['seen=yes; Path=/']);
        const redirect = CookieResponse.redirect('https://example.com/account').setCookie(
          's',
          't',
          {
            httpOnly: true,
          },
        );
        assert.equal(redirect.status, 302);
        assert.equal(redirect.headers.get('location'), 'https://example.com/account');
        assert.deepEqual(setCookiesOf(redirect), ['s=t; HttpOnly; Path=/']);
      },
      { cookieHeaders: true },
    );

    test(
      'clone copies the cookies without sharing them',
      () => {
        const response = makeResponse('x').setCookie('a', '1');
        const copy = response.clone();
        copy.setCookie('b', '2');
        assert.deepEqual(setCookiesOf(response), ['a=1; Path=/']);
        assert.deepEqual(setCookiesOf(copy), ['a=1; Path=/', 'b=2; Path=/']);
      },
      { cookieHeaders: true },
    );

    test(
      'a Fetch handler answers with every cookie, and the request reads them back',
      async () => {
        const handler = async (/** @type {Request} */ request) => {
          const seen = new RequestCookies(request).get('visits');
          const visits = Number(seen ?? '0') + 1;
          return makeResponse(`visit ${visits}`)
            .setCookie('visits', String(visits), { maxAge: 60, now: NOW })
            .setCookie('theme', 'dark mode');
        };
        const first = await handler(new Request('https://example.com/'));
        assert.equal(await first.text(), 'visit 1');
        const lines = setCookiesOf(first);
        assert.equal(lines.length, 2);
        const cookie = lines.map((line) => line.split(';')[0]).join('; ');
        assert.equal(cookie, 'visits=1; theme=dark%20mode');
        const second = await handler(requestWithCookie('https://example.com/', cookie));
        assert.equal(await second.text(), 'visit 2');
      },
      { cookieHeaders: true },
    );
  });
}
