import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../codec/set-cookie.js';
import { Sessions } from './sessions.js';

/** A one-host browser: applies Set-Cookie lines and returns the Cookie header it would send. */
function apply(jar: Map<string, string>, response: Response): string {
  for (const line of response.headers.getSetCookie()) {
    const c = parseSetCookie(line, { decode: (v) => v });
    if (c === undefined) throw new Error(`a browser would ignore ${line.slice(0, 80)}`);
    if (
      (c.maxAge !== undefined && c.maxAge <= 0) ||
      (c.expires !== undefined && c.expires.getTime() < Date.now())
    ) {
      jar.delete(c.name);
    } else {
      jar.set(c.name, c.value);
    }
  }
  return [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
}

function random(size: number): string {
  let out = '';
  while (out.length < size) out += Math.random().toString(36).slice(2);
  return out.slice(0, size);
}

describe('Sessions with cookie.chunked', () => {
  it('keeps a session larger than one cookie over chunks, and drops stale chunks as it shrinks', async () => {
    const sessions = new Sessions({ secret: 'chunk secret', cookie: { chunked: true } });
    const jar = new Map<string, string>();
    const big = random(12_000);

    let session = await sessions.load(new Request('http://x/'));
    session.set('blob', big);
    let header = apply(jar, await sessions.commit(session, new Response('ok')));
    expect([...jar.keys()].every((n) => n.startsWith('session.'))).toBe(true);
    expect(jar.size).toBeGreaterThan(1);

    session = await sessions.load(new Request('http://x/', { headers: { cookie: header } }));
    expect(session.get('blob')).toBe(big);
    session.set('blob', 'small');
    header = apply(jar, await sessions.commit(session, new Response('ok')));
    expect([...jar.keys()]).toEqual(['session']);

    session = await sessions.load(new Request('http://x/', { headers: { cookie: header } }));
    expect(session.get('blob')).toBe('small');
    session.clear();
    apply(jar, await sessions.commit(session, new Response('ok')));
    expect(jar.size).toBe(0);
  });

  it('without chunked, refuses a session too large for one cookie (Flask-compatible default)', async () => {
    const sessions = new Sessions({ secret: 'chunk secret' });
    const session = await sessions.load(new Request('http://x/'));
    session.set('blob', random(12_000));
    await expect(sessions.commit(session, new Response('ok'))).rejects.toMatchObject({
      code: 'ERR_SESSION_TOO_LARGE',
    });
  });
});
