import signature from 'cookie-signature';
import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../../session/memory-store.js';
import { Session } from '../../session/session.js';
import { Sessions } from '../../session/sessions.js';
import {
  expressSessionCookie,
  expressSessionOptions,
  sessionOf,
} from './express-session-cookie.js';

describe('expressSessionCookie', () => {
  it("signs as express-session does (cookie-signature's sign, 's:' before it)", async () => {
    const ids = expressSessionCookie({ secret: 'keyboard cat' });
    for (const id of ['abc', ids.newId(), 'id.with.dots', 'é ü']) {
      expect(await ids.sign(id)).toBe(`s:${signature.sign(id, 'keyboard cat')}`);
    }
  });

  it('reads what express-session wrote, with any of its secrets', async () => {
    const ids = expressSessionCookie({ secret: ['new', 'old'] });
    const id = 'Q2hvY29sYXRlIGNoaXAgY29va2llcyE';
    expect(await ids.unsign(`s:${signature.sign(id, 'new')}`)).toEqual({ id, rotated: false });
    expect(await ids.unsign(`s:${signature.sign(id, 'old')}`)).toEqual({ id, rotated: true });
  });

  it('refuses unsigned, forged and malformed values', async () => {
    const ids = expressSessionCookie({ secret: 'keyboard cat' });
    const good = `s:${signature.sign('abc', 'keyboard cat')}`;
    for (const value of [
      'abc',
      signature.sign('abc', 'keyboard cat'),
      `s:${signature.sign('abc', 'other')}`,
      `${good}x`,
      good.replace('abc', 'abd'),
      's:',
      's:.sig',
      's:nodot',
      `s:${'a'.repeat(2000)}.x`,
    ]) {
      expect(await ids.unsign(value)).toBeUndefined();
    }
  });

  it("makes express-session's ids (24 random bytes, base64url)", () => {
    const ids = expressSessionCookie({ secret: 's' });
    const a = ids.newId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(ids.newId()).not.toBe(a);
  });

  it('refuses an empty secret', () => {
    expect(() => expressSessionCookie({ secret: '' })).toThrow(TypeError);
    expect(() => expressSessionCookie({ secret: [] })).toThrow(/a non-empty string/);
  });

  it("gives the Sessions options of an express-session app (connect.sid, a day's ttl)", () => {
    const options = expressSessionOptions({ secret: ['a', 'b'], store: new MemorySessionStore() });
    expect(options.cookie?.name).toBe('connect.sid');
    expect(options.lifetime).toBe(86_400);
    expect(options.secret).toBe('a');
    expect(options.idCookie).toBeDefined();
  });
});

describe('sessionOf', () => {
  it("gives the request's shortbread session, and says what is missing otherwise", () => {
    const session = new Session();
    expect(sessionOf({ session })).toBe(session);
    expect(() => sessionOf({ session: { cookie: {} } })).toThrow(/not a shortbread session/);
    expect(() => sessionOf({})).toThrow(TypeError);
  });
});

describe('Sessions with expressSessionOptions', () => {
  it("writes connect.sid as express-session signs it, and reads express-session's cookie", async () => {
    const store = new MemorySessionStore();
    const sessions = new Sessions(expressSessionOptions({ secret: 'keyboard cat', store }));
    const first = await sessions.load(new Request('http://x/'));
    first.set('user', 'alice');
    const response = await sessions.commit(first, new Response('ok'));
    const line = response.headers.getSetCookie()[0] ?? '';
    const value = /^connect\.sid=([^;]*)/.exec(line)?.[1] ?? '';
    const id = value.slice(2, value.lastIndexOf('.'));
    expect(value).toBe(`s:${signature.sign(id, 'keyboard cat')}`);
    // express-session's own spelling (URL-encoded) of the same cookie reads back.
    const encoded = encodeURIComponent(value);
    const again = await sessions.load(
      new Request('http://x/', { headers: { cookie: `connect.sid=${encoded}` } }),
    );
    expect(again.get('user')).toBe('alice');
    const forged = await sessions.load(
      new Request('http://x/', { headers: { cookie: `connect.sid=s:${id}.AAAA` } }),
    );
    expect(forged.get('user')).toBeUndefined();
  });
});
