/** @module Sessions with the cookie store, through a Fetch handler, on every runtime. */
import { makeResponse, parseSetCookie } from 'shortbread';
import { CookieSessionStore, MemorySessionStore, Session, Sessions } from 'shortbread/session';
import { FlaskSessionCodec } from 'shortbread/signing';
import { assert, group, requestWithCookie, setCookiesOf, test } from '../harness.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const FLASK_COOKIE = 'eyJ1c2VyX2lkIjoxfQ.ZVPxAA.-iTHWki8YqEjY8B2FguGpvAGqyg';
const FLASK_SIGNED_AT = 1_700_000_000_000;

const request = (/** @type {string | undefined} */ cookie) =>
  requestWithCookie('https://example.test/', cookie);

/** A Cookie header in Headers: Sessions.load takes it, and browsers keep it (unlike in a Request). */
const cookieHeaders = (/** @type {string} */ cookie) => new Headers({ cookie });

/** The `name=value` pair of a Set-Cookie line, as a browser would send it back. */
const pairOf = (/** @type {string | undefined} */ line) => {
  assert.ok(line, 'a Set-Cookie line');
  return String(line).slice(0, String(line).indexOf(';'));
};

/**
 * Register the session tests. A function, not import side effects: the package says
 * "sideEffects": false, so a bundler may drop a bare `import './codec.js'`.
 *
 * @example
 * registerSessionTests(); await run();
 */
export function registerSessionTests() {
  group('session (cookie store)', () => {
    test(
      'a wrapped Fetch handler counts visits across requests',
      async () => {
        const sessions = new Sessions({
          secret: 'a long random secret for tests',
          store: new CookieSessionStore(),
        });
        const app = sessions.wrap(async (_request, session) => {
          const count = Number(session.get('count') ?? 0) + 1;
          session.set('count', count);
          return makeResponse(`count ${count}`);
        });
        const first = await app(request());
        assert.equal(await first.text(), 'count 1');
        const [line] = setCookiesOf(first);
        assert.match(line ?? '', /^session=[A-Za-z0-9_.-]+; HttpOnly; Path=\/$/);
        const second = await app(request(pairOf(line)));
        assert.equal(await second.text(), 'count 2');
        const third = await app(request(pairOf(setCookiesOf(second)[0])));
        assert.equal(await third.text(), 'count 3');
      },
      { cookieHeaders: true },
    );

    test(
      'writes the very cookie FlaskSessionCodec (Flask) writes at the same time',
      async () => {
        const sessions = new Sessions({ secret: 'secret' });
        const session = await sessions.load(request(), { now: NOW });
        session.set('user_id', 1);
        const response = await sessions.commit(session, new Response('ok'), { now: NOW });
        const expected = await new FlaskSessionCodec({ secretKey: 'secret' }).encode(
          { user_id: 1 },
          { now: NOW },
        );
        assert.deepEqual(setCookiesOf(response), [`session=${expected}; HttpOnly; Path=/`]);
        assert.equal(response.headers.get('vary'), 'Cookie');
      },
      { cookieHeaders: true },
    );

    test('reads a session cookie written by Flask', async () => {
      const sessions = new Sessions({ secret: 'dev' });
      const session = await sessions.load(cookieHeaders(`session=${FLASK_COOKIE}`), {
        now: FLASK_SIGNED_AT + 1000,
      });
      assert.equal(session.get('user_id'), 1);
      assert.equal(session.size, 1);
    });

    test('a forged or expired cookie gives a new, empty session', async () => {
      const sessions = new Sessions({ secret: 'dev' });
      const forged = await sessions.load(cookieHeaders(`session=${FLASK_COOKIE}x`), {
        now: FLASK_SIGNED_AT,
      });
      assert.equal(forged.size, 0);
      const expired = await sessions.load(cookieHeaders(`session=${FLASK_COOKIE}`), {
        now: FLASK_SIGNED_AT + (2_678_400 + 1) * 1000,
      });
      assert.equal(expired.size, 0);
    });

    test(
      'permanent: Expires = now + lifetime, no Max-Age',
      async () => {
        const sessions = new Sessions({ secret: 's', lifetime: 3600 });
        const session = await sessions.load(request(), { now: NOW });
        session.permanent = true;
        const response = await sessions.commit(session, new Response('ok'), { now: NOW });
        assert.match(
          setCookiesOf(response)[0],
          /^session=[^;]+; Expires=Sun, 01 Mar 2026 13:00:00 GMT; HttpOnly; Path=\/$/,
        );
      },
      { cookieHeaders: true },
    );

    test(
      'clear() deletes the cookie with every configured attribute',
      async () => {
        const sessions = new Sessions({
          secret: 's',
          cookie: {
            name: 'sid',
            path: '/app',
            domain: 'example.test',
            sameSite: 'lax',
            secure: true,
          },
        });
        const first = await sessions.load(request(), { now: NOW });
        first.set('a', 1);
        const written = await sessions.commit(first, new Response('ok'), { now: NOW });
        const loaded = await sessions.load(request(pairOf(setCookiesOf(written)[0])), {
          now: NOW,
        });
        assert.equal(loaded.get('a'), 1);
        loaded.clear();
        const deleted = await sessions.commit(loaded, new Response('ok'), { now: NOW });
        assert.deepEqual(setCookiesOf(deleted), [
          'sid=; Domain=example.test; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly; Path=/app; SameSite=Lax',
        ]);
      },
      { cookieHeaders: true },
    );

    test(
      'a cookie signed with a fallback secret is re-signed with the current one',
      async () => {
        const old = new Sessions({ secret: 'old' });
        const s1 = await old.load(request(), { now: NOW });
        s1.set('user', 'ann');
        const cookie = pairOf(
          setCookiesOf(await old.commit(s1, new Response(''), { now: NOW }))[0],
        );
        const rotating = new Sessions({ secret: 'new', fallbacks: ['old'] });
        const s2 = await rotating.load(request(cookie), { now: NOW });
        assert.equal(s2.get('user'), 'ann');
        const response = await rotating.commit(s2, new Response(''), { now: NOW });
        const value = parseSetCookie(setCookiesOf(response)[0] ?? '', { now: NOW })?.value ?? '';
        assert.deepEqual(
          { ...(await new FlaskSessionCodec({ secretKey: 'new' }).decode(value, { now: NOW })) },
          { user: 'ann' },
        );
      },
      { cookieHeaders: true },
    );

    test(
      'commit copies a response whose headers are immutable',
      async () => {
        const sessions = new Sessions({ secret: 's' });
        const session = await sessions.load(request(), { now: NOW });
        session.set('a', 1);
        const redirect = Response.redirect('https://example.test/next', 303);
        const response = await sessions.commit(session, redirect, { now: NOW });
        assert.equal(response.status, 303);
        assert.equal(response.headers.get('location'), 'https://example.test/next');
        assert.equal(setCookiesOf(response).length, 1);
      },
      { cookieHeaders: true },
    );

    test(
      'the sealed cookie store encrypts the session and reads it back',
      async () => {
        const sessions = new Sessions({
          secret: 's',
          store: new CookieSessionStore({ seal: 'Yssd4zXrzJdpzsbyqKsGhXaEkqcgI_Umgq0Y7UN7aNA' }),
        });
        const first = await sessions.load(request(), { now: NOW });
        first.set('secret_note', 'hidden');
        const response = await sessions.commit(first, new Response(''), { now: NOW });
        const pair = pairOf(setCookiesOf(response)[0]);
        assert.match(pair, /^session=v1\./);
        assert.ok(!pair.includes('hidden') && !pair.includes('aGlkZGVu'));
        const again = await sessions.load(request(pair), { now: NOW });
        assert.equal(again.get('secret_note'), 'hidden');
      },
      { cookieHeaders: true },
    );

    test('Session tracks accessed and modified like Flask', () => {
      const session = new Session();
      assert.equal(session.modified, false);
      assert.equal(session.get('x'), undefined);
      assert.equal(session.accessed, true);
      session.set('x', [1, 2]);
      assert.equal(session.modified, true);
      assert.deepEqual(session.toJSON(), { x: [1, 2] });
    });

    test(
      'the memory store keeps data server-side behind a signed id',
      async () => {
        const sessions = new Sessions({ secret: 's', store: new MemorySessionStore() });
        const app = sessions.wrap(async (_request, session) => {
          const n = Number(session.get('n') ?? 0) + 1;
          session.set('n', n);
          return new Response(String(n));
        });
        const first = await app(request());
        const pair = pairOf(setCookiesOf(first)[0]);
        assert.ok(!pair.includes('"n"'));
        const second = await app(request(pair));
        assert.equal(await second.text(), '2');
      },
      { cookieHeaders: true },
    );
  });
}
