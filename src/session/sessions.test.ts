import { describe, expect, it } from 'vitest';
import { FlaskSessionCodec } from '../signing/flask-session.js';
import { Signer } from '../signing/signer.js';
import { CookieSessionStore } from './cookie-store.js';
import { MemorySessionStore } from './memory-store.js';
import type { Session } from './session.js';
import { isSessionId } from './session-id.js';
import {
  commitSessionLinesNow,
  loadSessionNow,
  type SessionCommitLines,
  Sessions,
} from './sessions.js';
import { type SessionStore, SessionStoreError } from './store.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const request = (cookie?: string) =>
  new Request('https://example.test/', cookie === undefined ? {} : { headers: { cookie } });

async function roundTrip(
  sessions: Sessions,
  change: (session: Session) => void,
  cookie?: string,
  response = new Response('ok'),
) {
  const session = await sessions.load(request(cookie), { now: NOW });
  change(session);
  return sessions.commit(session, response, { now: NOW });
}

describe('Sessions options', () => {
  it.each([
    [{ secret: '' }, /^session secret is invalid: ""/],
    [{ secret: 1 as unknown as string }, /^session secret is invalid: "number"/],
    [{ secret: 's', lifetime: 0 }, /^session lifetime is invalid: 0/],
    [{ secret: 's', lifetime: Number.NaN }, /^session lifetime is invalid/],
  ])('refuses %j', (options, message) => {
    expect(() => new Sessions(options)).toThrow(message);
  });

  it('refuses a cookie name or attributes no browser would keep, at construction', () => {
    expect(() => new Sessions({ secret: 's', cookie: { name: 'a;b' } })).toThrow(/cookie name/);
    expect(() => new Sessions({ secret: 's', cookie: { sameSite: 'none' } })).toThrow(/Secure/);
  });

  it('has Flask defaults', () => {
    const sessions = new Sessions({ secret: 's' });
    expect(sessions.cookieName).toBe('session');
    expect(sessions.lifetime).toBe(2_678_400);
    expect(sessions.rolling).toBe(true);
    expect(sessions.store.kind).toBe('cookie');
  });
});

describe('Sessions with the cookie store', () => {
  const sessions = new Sessions({ secret: 'secret' });

  it('writes the very cookie Flask would (same codec, same time)', async () => {
    const response = await roundTrip(sessions, (s) => s.set('user_id', 1));
    const expected = await new FlaskSessionCodec({ secretKey: 'secret' }).encode(
      { user_id: 1 },
      { now: NOW },
    );
    expect(response.headers.getSetCookie()).toEqual([`session=${expected}; HttpOnly; Path=/`]);
  });

  it('permanent: Expires = now + lifetime exactly, no Max-Age', async () => {
    const response = await roundTrip(new Sessions({ secret: 's', lifetime: 3600 }), (s) => {
      s.permanent = true;
    });
    expect(response.headers.getSetCookie()[0]).toMatch(
      /^session=[^;]+; Expires=Sun, 01 Mar 2026 13:00:00 GMT; HttpOnly; Path=\/$/,
    );
  });

  it('applies every cookie attribute in Werkzeug order; partitioned implies Secure', async () => {
    const custom = new Sessions({
      secret: 's',
      cookie: {
        name: 'sid',
        path: '/app',
        domain: 'example.test',
        sameSite: 'lax',
        partitioned: true,
        httpOnly: false,
      },
    });
    const response = await roundTrip(custom, (s) => s.set('a', 1));
    expect(response.headers.getSetCookie()[0]).toMatch(
      /^sid=[^;]+; Domain=example.test; Secure; Path=\/app; SameSite=Lax; Partitioned$/,
    );
    const deleted = await roundTrip(custom, (s) => s.clear());
    expect(deleted.headers.getSetCookie()[0]).toBe(
      'sid=; Domain=example.test; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; Path=/app; SameSite=Lax; Partitioned',
    );
  });

  it('a new session changed and emptied again deletes the cookie (Flask: modified and empty)', async () => {
    const response = await roundTrip(sessions, (s) => {
      s.set('a', 1);
      s.delete('a');
    });
    expect(response.headers.getSetCookie()[0]).toMatch(/^session=; Expires=Thu, 01 Jan 1970/);
  });

  it('Vary: added once, kept with other fields, untouched when it is *', async () => {
    const read = (s: Session) => s.get('a');
    const plain = await roundTrip(sessions, read);
    expect(plain.headers.get('vary')).toBe('Cookie');
    const existing = await roundTrip(
      sessions,
      read,
      undefined,
      new Response('x', { headers: { vary: 'accept, cookie' } }),
    );
    expect(existing.headers.get('vary')).toBe('accept, cookie');
    const star = await roundTrip(
      sessions,
      read,
      undefined,
      new Response('x', { headers: { vary: '*' } }),
    );
    expect(star.headers.get('vary')).toBe('*');
  });

  it('copies a response whose headers are immutable, keeping status, headers and body', async () => {
    const redirect = Response.redirect('https://example.test/next', 302);
    const response = await roundTrip(sessions, (s) => s.set('a', 1), undefined, redirect);
    expect(response).not.toBe(redirect);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://example.test/next');
    expect(response.headers.getSetCookie()).toHaveLength(1);
    const streamed = await roundTrip(
      sessions,
      (s) => s.set('a', 1),
      undefined,
      new Response('body text', { status: 201 }),
    );
    expect(streamed.status).toBe(201);
    expect(await streamed.text()).toBe('body text');
  });

  it('load accepts Headers too', async () => {
    const value = await new FlaskSessionCodec({ secretKey: 'secret' }).encode({ a: 1 });
    const session = await sessions.load(new Headers({ cookie: `session=${value}` }));
    expect(session.get('a')).toBe(1);
  });
});

describe('Sessions with a server-side store', () => {
  it('the cookie is the id signed the Flask-Session way (salt "flask-session", HMAC derivation)', async () => {
    const store = new MemorySessionStore();
    const sessions = new Sessions({ secret: 'secret', store });
    const session = await sessions.load(request());
    session.set('a', 1);
    const response = await sessions.commit(session, new Response('x'));
    const value = (response.headers.getSetCookie()[0] as string).split(';')[0]?.slice(8) as string;
    const id = await new Signer('secret', { salt: 'flask-session', keyDerivation: 'hmac' }).unsign(
      value,
    );
    expect(isSessionId(id)).toBe(true);
    expect(id).toBe(session.id);
    expect(await store.get(id)).toEqual({ a: 1 });
  });

  it('never looks up an id it could not have made', async () => {
    const calls: string[] = [];
    const store = new MemorySessionStore();
    const spy: SessionStore = {
      kind: 'spy',
      get: async (id) => {
        calls.push(id);
        return store.get(id);
      },
      set: (...args) => store.set(...args),
      update: (...args) => store.update(...args),
      destroy: (...args) => store.destroy(...args),
      touch: (...args) => store.touch(...args),
    };
    const sessions = new Sessions({ secret: 'secret', store: spy });
    const signer = new Signer('secret', { salt: 'flask-session', keyDerivation: 'hmac' });
    await sessions.load(request(`session=${await signer.sign('../../etc/passwd')}`));
    await sessions.load(request('session=unsigned'));
    expect(calls).toEqual([]);
  });

  it("turns a custom store's own error into SessionStoreError; TypeError passes through", async () => {
    const broken: SessionStore = {
      kind: 'broken',
      get: async () => {
        throw new Error('disk on fire');
      },
      set: async () => {
        throw new TypeError('bad value');
      },
      update: async () => undefined,
      destroy: async () => undefined,
      touch: async () => false,
    };
    const sessions = new Sessions({ secret: 'secret', store: broken });
    const signer = new Signer('secret', { salt: 'flask-session', keyDerivation: 'hmac' });
    const cookie = `session=${await signer.sign('A'.repeat(43))}`;
    const error = await sessions.load(request(cookie)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionStoreError);
    expect((error as SessionStoreError).code).toBe('ERR_SESSION_STORE_FAILED');
    expect((error as Error).message).toBe(
      'session store failed: broken get threw "disk on fire" (see cause; the session was not changed)',
    );
    const session = await sessions.load(request());
    session.set('a', 1);
    await expect(sessions.commit(session, new Response('x'))).rejects.toThrow(TypeError);
  });

  it('wrap: onError answers store failures at load and at commit; without it they are thrown', async () => {
    let failOn: 'get' | 'set' | undefined;
    const store = new MemorySessionStore();
    const flaky: SessionStore = {
      kind: 'flaky',
      get: async (id) => {
        if (failOn === 'get')
          throw new SessionStoreError('ERR_SESSION_STORE_UNAVAILABLE', 'flaky', 'get', 'down');
        return store.get(id);
      },
      set: async (...args) => {
        if (failOn === 'set')
          throw new SessionStoreError('ERR_SESSION_STORE_BUSY', 'flaky', 'set', 'busy');
        return store.set(...args);
      },
      update: (...args) => store.update(...args),
      destroy: (...args) => store.destroy(...args),
      touch: (...args) => store.touch(...args),
    };
    const sessions = new Sessions({ secret: 'secret', store: flaky });
    const handler = (_: Request, session: Session) => {
      session.set('n', 1);
      return new Response('ok');
    };
    const guarded = sessions.wrap(handler, {
      onError: (error) => new Response(error.code, { status: 503 }),
    });
    const first = await guarded(request());
    const cookie = (first.headers.getSetCookie()[0] as string).split(';')[0] as string;
    failOn = 'get';
    expect(await (await guarded(request(cookie))).text()).toBe('ERR_SESSION_STORE_UNAVAILABLE');
    failOn = 'set';
    expect(await (await guarded(request())).text()).toBe('ERR_SESSION_STORE_BUSY');
    await expect(sessions.wrap(handler)(request())).rejects.toBeInstanceOf(SessionStoreError);
  });

  it('a read-only request of a non-permanent session writes nothing to the store or the cookie', async () => {
    const store = new MemorySessionStore();
    const sessions = new Sessions({ secret: 'secret', store });
    const created = await roundTrip(sessions, (s) => s.set('a', 1));
    const cookie = (created.headers.getSetCookie()[0] as string).split(';')[0] as string;
    const read = await roundTrip(sessions, (s) => s.get('a'), cookie);
    expect(read.headers.getSetCookie()).toEqual([]);
    expect(read.headers.get('vary')).toBe('Cookie');
  });

  it('an id signed with a fallback secret is re-signed with the current one', async () => {
    const store = new MemorySessionStore();
    const old = new Sessions({ secret: 'old', store });
    const created = await roundTrip(old, (s) => s.set('a', 1));
    const cookie = (created.headers.getSetCookie()[0] as string).split(';')[0] as string;
    const rotated = new Sessions({ secret: 'new', fallbacks: ['old'], store });
    const read = await roundTrip(rotated, (s) => s.get('a'), cookie);
    const line = read.headers.getSetCookie()[0] as string;
    expect(line.split(';')[0]).not.toBe(cookie);
    const again = await new Sessions({ secret: 'new', store }).load(request(line.split(';')[0]), {
      now: NOW,
    });
    expect(again.get('a')).toBe(1);
  });
});

describe('Sessions.commitHeaders', () => {
  const secret = 'commit headers secret of a decent length';

  it('writes on the headers what commit writes on a response, cookie and server stores alike', async () => {
    for (const store of [undefined, new MemorySessionStore()]) {
      const sessions = new Sessions({ secret, ...(store === undefined ? {} : { store }) });
      const a = await sessions.load(request(), { now: NOW });
      a.set('count', 1);
      const headers = new Headers();
      await sessions.commitHeaders(a, headers, { now: NOW });
      const line = headers.getSetCookie()[0] ?? '';
      expect(line).toMatch(/^session=/);
      expect(headers.get('vary')).toBe('Cookie');
      const b = await sessions.load(request(line.split(';')[0]), { now: NOW });
      expect(b.get('count')).toBe(1);
      // Read only, nothing changed: Vary alone, as commit does.
      const read = new Headers();
      await sessions.commitHeaders(b, read, { now: NOW });
      const c = await sessions.load(request(line.split(';')[0]), { now: NOW });
      expect(c.get('count')).toBe(1);
      const response = await sessions.commit(c, new Response('ok'), { now: NOW });
      expect(read.getSetCookie()).toEqual(response.headers.getSetCookie());
      expect(read.get('vary')).toBe(response.headers.get('vary'));
    }
  });

  it('writes nothing for a session nobody read', async () => {
    const sessions = new Sessions({ secret });
    const headers = new Headers();
    await sessions.commitHeaders(await sessions.load(request(), { now: NOW }), headers);
    expect([...headers]).toEqual([]);
  });
});

describe('the adapters’ promise-free paths (loadSessionNow, commitSessionLinesNow)', () => {
  const secret = 'a secret for the promise-free paths';

  it('answer without a promise on the cookie store, signed or sealed, once the keys are ready', async () => {
    for (const sessions of [
      new Sessions({ secret }),
      new Sessions({
        secret,
        store: new CookieSessionStore({ seal: crypto.getRandomValues(new Uint8Array(32)) }),
      }),
    ]) {
      // The first use imports the keys (WebCrypto's API is a promise); after that, none.
      const first = await sessions.load(undefined);
      first.set('n', 1);
      const { setCookie } = await sessions.commitLines(first);
      const header = (setCookie[0] as string).split(';')[0] as string;
      const loaded = loadSessionNow(sessions, header);
      expect(loaded).not.toBeInstanceOf(Promise);
      const session = loaded as Session;
      expect(session.get('n')).toBe(1);
      session.set('n', 2);
      const lines = commitSessionLinesNow(sessions, session);
      expect(lines).not.toBeInstanceOf(Promise);
      const again = (lines as SessionCommitLines).setCookie[0] as string;
      expect((await sessions.load(again.split(';')[0])).get('n')).toBe(2);
    }
  });

  it('throw, rather than reject, what the promise forms reject', async () => {
    const sessions = new Sessions({ secret });
    const warm = await sessions.load(undefined);
    warm.set('n', 1);
    await sessions.commitLines(warm);
    const session = loadSessionNow(sessions, undefined) as Session;
    let big = '';
    for (let i = 0; i < 700; i++) big += Math.random().toString(36).slice(2, 10);
    session.set('big', big);
    expect(() => commitSessionLinesNow(sessions, session)).toThrow(SessionStoreError);
  });

  it('answer with a promise on a server-side store', async () => {
    const sessions = new Sessions({ secret, store: new MemorySessionStore() });
    const loaded = loadSessionNow(sessions, 'session=unknown');
    expect(loaded).toBeInstanceOf(Promise);
    const session = await loaded;
    session.set('n', 1);
    const lines = commitSessionLinesNow(sessions, session);
    expect(lines).toBeInstanceOf(Promise);
    expect((await lines).setCookie).toHaveLength(1);
  });
});
