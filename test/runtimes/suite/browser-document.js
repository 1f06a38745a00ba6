/**
 * @module Chromium only: `shortbread/browser` against the real `document.cookie` and Cookie Store
 * API of a page served from 127.0.0.1, whose server set `server_note` (readable) and `server_secret`
 * (HttpOnly) and answers `/echo` with the cookies it received, parsed by shortbread on Node.
 */
import {
  asyncCookies,
  CookieError,
  cookies,
  createAsyncCookies,
  parseDocumentCookie,
} from 'shortbread/browser';
import { createMemoryCookies } from 'shortbread/browser/memory';
import { assert, group, test } from '../harness.js';

/** What the page's server read from this page's Cookie header, through RequestCookies. */
async function serverSees() {
  const response = await fetch('/echo', { cache: 'no-store' });
  return /** @type {Record<string, string>} */ (await response.json());
}

/**
 * Register the tests that need a real browser page.
 *
 * @example
 * registerBrowserTests(); await run();
 */
export function registerBrowserTests() {
  group('browser', () => {
    test('reads the readable cookie the server set; the HttpOnly one stays hidden', () => {
      assert.equal(cookies.get('server_note'), 'dark mode');
      assert.equal(cookies.get('server_secret'), undefined);
      assert.ok(!document.cookie.includes('server_secret'));
    });

    test('set writes an encoded pair to document.cookie and get decodes it', () => {
      cookies.set('flavor', 'chocolate chip; extra');
      assert.ok(document.cookie.includes('flavor=chocolate%20chip%3B%20extra'), document.cookie);
      assert.equal(cookies.get('flavor'), 'chocolate chip; extra');
      assert.equal(parseDocumentCookie(document.cookie).flavor, 'chocolate chip; extra');
    });

    test('getAll has every readable cookie, with a null prototype', () => {
      cookies.set('a', '1');
      const all = cookies.getAll();
      assert.equal(Object.getPrototypeOf(all), null);
      assert.equal(all.a, '1');
      assert.equal(all.server_note, 'dark mode');
      assert.ok(!('server_secret' in all));
    });

    test('remove deletes the cookie with the path it was set with', () => {
      cookies.set('temp', 'x', { path: '/', maxAge: 60 });
      assert.equal(cookies.get('temp'), 'x');
      cookies.remove('temp', { path: '/' });
      assert.equal(cookies.get('temp'), undefined);
      assert.ok(!document.cookie.includes('temp='));
    });

    test('a cookie on another path is not visible on this page', () => {
      cookies.set('elsewhere', '1', { path: '/other' });
      assert.equal(cookies.get('elsewhere'), undefined);
    });

    test('maxAge 0 deletes at once', () => {
      cookies.set('gone', '1');
      cookies.set('gone', '1', { maxAge: 0 });
      assert.equal(cookies.get('gone'), undefined);
    });

    test('Unicode survives document.cookie and reaches the server as the same text', async () => {
      cookies.set('greeting', 'héllo wörld ✓');
      assert.equal(cookies.get('greeting'), 'héllo wörld ✓');
      const seen = await serverSees();
      assert.equal(seen.greeting, 'héllo wörld ✓');
      assert.equal(seen.server_note, 'dark mode');
      assert.equal(seen.server_secret, 's3cret');
    });

    test('refuses a name document.cookie would misread, with CookieError', () => {
      const error = assert.throws(() => cookies.set('a;b', '1'));
      assert.instanceOf(error, CookieError);
      assert.equal(error.code, 'ERR_COOKIE_NAME_INVALID');
    });

    test('the in-memory twin reads what the real document holds', () => {
      const twin = createMemoryCookies(location.href, { cookie: document.cookie });
      assert.deepEqual({ ...twin.getAll() }, { ...cookies.getAll() });
    });

    test('asyncCookies over the Cookie Store API', async () => {
      assert.ok('cookieStore' in globalThis, 'Chromium has cookieStore on 127.0.0.1');
      await asyncCookies.set('store', 'via cookieStore');
      assert.equal(await asyncCookies.get('store'), 'via cookieStore');
      assert.equal(cookies.get('store'), 'via cookieStore');
      await asyncCookies.remove('store');
      assert.equal(await asyncCookies.get('store'), undefined);
    });

    test('asyncCookies over document.cookie when there is no store', async () => {
      // null, not undefined: undefined would pick the default, globalThis.cookieStore.
      const fallback = createAsyncCookies(null, document);
      await fallback.set('fallback', 'yes please');
      assert.equal(cookies.get('fallback'), 'yes please');
      assert.equal((await serverSees()).fallback, 'yes please');
    });
  });
}
