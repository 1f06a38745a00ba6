/**
 * Issue 20, rows 2, 10 and 15: what a security review found in `Sessions.commit`. Each test failed
 * on main at 2c140b7.
 */
import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../src/session/memory-store.js';
import type { Session } from '../src/session/session.js';
import { Sessions } from '../src/session/sessions.js';
import { isSessionStoreError, type SessionStore } from '../src/session/store.js';

const SECRET = 'hardening sessions secret, 32 bytes+';

function cookieOf(response: Response): string | undefined {
  const line = response.headers.getSetCookie()[0];
  return line?.split(';')[0];
}

function requestWith(cookie: string | undefined): Request {
  return new Request('http://app.test/', cookie === undefined ? {} : { headers: { cookie } });
}

/** A logged-in session: returns its cookie. */
async function login(sessions: Sessions): Promise<string> {
  const session = await sessions.load(requestWith(undefined));
  session.set('user_id', 42);
  session.set('role', 'admin');
  return cookieOf(await sessions.commit(session, new Response('in'))) as string;
}

/** The keys a store holds over all its records. */
async function storedKeys(store: MemorySessionStore, cookies: (string | undefined)[]) {
  const sessions = new Sessions({ secret: SECRET, store });
  const keys: string[] = [];
  for (const cookie of cookies) {
    if (cookie === undefined) continue;
    const session = await sessions.load(requestWith(cookie));
    keys.push(...session.keys());
  }
  return keys;
}

describe('row 2: a logout cannot be undone by a request that loaded the session before it', () => {
  it('markModified() after a concurrent destroy() writes nothing back', async () => {
    const store = new MemorySessionStore();
    const sessions = new Sessions({ secret: SECRET, store });
    const cookie = await login(sessions);
    const a = await sessions.load(requestWith(cookie));
    const b = await sessions.load(requestWith(cookie));
    a.destroy();
    const loggedOut = await sessions.commit(a, new Response('bye'));
    expect(loggedOut.headers.getSetCookie()[0]).toMatch(/^session=;/);
    b.markModified();
    const late = await sessions.commit(b, new Response('late'));
    // No new session, no cookie that would carry the old keys.
    expect(late.headers.getSetCookie()).toEqual([expect.stringMatching(/^session=;/)]);
    expect(store.size).toBe(0);
  });

  it('markModified(key) does not bring that key back either; a key set one by one does', async () => {
    const store = new MemorySessionStore();
    const sessions = new Sessions({ secret: SECRET, store });
    const cookie = await login(sessions);
    const a = await sessions.load(requestWith(cookie));
    const b = await sessions.load(requestWith(cookie));
    a.destroy();
    await sessions.commit(a, new Response('bye'));
    b.markModified('user_id');
    b.set('theme', 'dark');
    const late = await sessions.commit(b, new Response('late'));
    const fresh = cookieOf(late);
    expect(fresh).not.toBe(cookie);
    expect(await storedKeys(store, [fresh])).toEqual(['theme']);
  });

  it('regenerate() after a concurrent destroy() moves only the keys it set', async () => {
    const store = new MemorySessionStore();
    const sessions = new Sessions({ secret: SECRET, store });
    const cookie = await login(sessions);
    const a = await sessions.load(requestWith(cookie));
    const b = await sessions.load(requestWith(cookie));
    a.destroy();
    await sessions.commit(a, new Response('bye'));
    b.regenerate();
    b.set('step', 2);
    const late = await sessions.commit(b, new Response('late'));
    expect(await storedKeys(store, [cookieOf(late)])).toEqual(['step']);
  });

  it('regenerate() of a live session keeps its data under a new id, with concurrent changes', async () => {
    const store = new MemorySessionStore();
    const sessions = new Sessions({ secret: SECRET, store });
    const cookie = await login(sessions);
    const a = await sessions.load(requestWith(cookie));
    const b = await sessions.load(requestWith(cookie));
    b.set('cart', [1]);
    await sessions.commit(b, new Response('cart'));
    a.regenerate();
    const renewed = cookieOf(await sessions.commit(a, new Response('renewed')));
    expect(renewed).not.toBe(cookie);
    expect((await storedKeys(store, [renewed])).sort()).toEqual(['cart', 'role', 'user_id']);
    expect(await storedKeys(store, [cookie])).toEqual([]);
  });
});

describe('row 10: commit copies only a response whose headers are immutable', () => {
  it('refuses a handler result that is not a Response, before the store is written', async () => {
    const writes: string[] = [];
    const store = new MemorySessionStore();
    const spy: SessionStore = {
      kind: 'spy',
      get: (id, o) => store.get(id, o),
      set: (id, d, o) => {
        writes.push('set');
        return store.set(id, d, o);
      },
      update: (id, c, o) => {
        writes.push('update');
        return store.update(id, c, o);
      },
      destroy: (id, o) => store.destroy(id, o),
      touch: (id, o) => store.touch(id, o),
    };
    const sessions = new Sessions({ secret: SECRET, store: spy });
    const handler = sessions.wrap(((_request: Request, session: Session) => {
      session.set('a', 1);
      return { status: 200, body: 'not a Response' };
    }) as unknown as Parameters<Sessions['wrap']>[0]);
    await expect(handler(requestWith(undefined))).rejects.toThrow(
      /session commit needs a Response: got an object \(status, body\)/,
    );
    expect(writes).toEqual([]);
  });

  it('refuses a Response whose body was read, before the store is written', async () => {
    const store = new MemorySessionStore();
    const sessions = new Sessions({ secret: SECRET, store });
    const session = await sessions.load(requestWith(undefined));
    session.set('a', 1);
    const response = Response.redirect('http://app.test/next', 303);
    const used = new Response('body', { headers: { 'x-a': '1' } });
    await used.text();
    await expect(sessions.commit(session, used)).rejects.toThrow(/bodyUsed true/);
    expect(store.size).toBe(0);
    // The session is still pending: a good response commits it.
    const ok = await sessions.commit(session, response);
    expect(ok).not.toBe(response);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('http://app.test/next');
    expect(store.size).toBe(1);
  });

  it('an error while writing the cookie is not retried on a copy', async () => {
    const sessions = new Sessions({ secret: SECRET });
    const session = await sessions.load(requestWith(undefined));
    session.set('a', 1);
    const response = new Response('ok');
    let calls = 0;
    Object.defineProperty(response.headers, 'append', {
      value: () => {
        calls++;
        throw new TypeError('a bug in a header wrapper');
      },
    });
    await expect(sessions.commit(session, response)).rejects.toThrow('a bug in a header wrapper');
    expect(calls).toBe(1);
  });
});

describe('row 15: a chunked cookie session too large reaches onError as ERR_SESSION_TOO_LARGE', () => {
  it('is a SessionStoreError, as without chunking', async () => {
    const sessions = new Sessions({ secret: SECRET, cookie: { chunked: true } });
    const seen: unknown[] = [];
    const handler = sessions.wrap(
      (_request, session) => {
        let noise = '';
        while (noise.length < 60_000) noise += Math.random().toString(36).slice(2);
        session.set('blob', noise);
        return new Response('ok');
      },
      {
        onError: (error) => {
          seen.push(error);
          return new Response('too large', { status: 500 });
        },
      },
    );
    const response = await handler(requestWith(undefined));
    expect(response.status).toBe(500);
    expect(isSessionStoreError(seen[0]) && seen[0].code).toBe('ERR_SESSION_TOO_LARGE');
  });
});
