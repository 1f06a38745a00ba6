import { describe, expect, it } from 'vitest';
import { FlaskSessionCodec } from '../signing/flask-session.js';
import { CookieSessionStore } from './cookie-store.js';
import { SessionStoreError } from './store.js';

const config = { secret: 'secret', fallbacks: [], maxAge: 60, cookieName: 'session' } as const;
const now = new Date('2026-01-01T00:00:00Z');

describe('CookieSessionStore (Flask-signed)', () => {
  const codec = new CookieSessionStore().codec(config);

  it('writes exactly what FlaskSessionCodec writes, and reads it back', async () => {
    const value = await codec.encode({ count: 1 }, now);
    expect(value).toBe(
      await new FlaskSessionCodec({ secretKey: 'secret', maxAge: 60 }).encode(
        { count: 1 },
        { now },
      ),
    );
    expect(await codec.decode(value, now)).toEqual({ data: { count: 1 }, rotated: false });
  });

  it('gives undefined (a new session) for forged, expired or future cookies', async () => {
    const value = await codec.encode({ a: 1 }, now);
    expect(await codec.decode(`${value}x`, now)).toBeUndefined();
    expect(await codec.decode('garbage', now)).toBeUndefined();
    expect(await codec.decode(value, new Date(now.getTime() + 61_000))).toBeUndefined();
    expect(await codec.decode(value, new Date(now.getTime() - 5_000))).toBeUndefined();
  });

  it('says when a fallback key verified the cookie', async () => {
    const old = await new CookieSessionStore()
      .codec({ ...config, secret: 'old' })
      .encode({ a: 1 }, now);
    const rotating = new CookieSessionStore().codec({
      ...config,
      secret: 'new',
      fallbacks: ['old'],
    });
    expect(await rotating.decode(old, now)).toEqual({ data: { a: 1 }, rotated: true });
  });

  it('refuses a session too big for a cookie with ERR_SESSION_TOO_LARGE', async () => {
    let random = '';
    for (let i = 0; i < 600; i++) random += Math.random().toString(36).slice(2, 10);
    // Thrown or rejected alike: Sessions awaits the codec's answer either way.
    const error = await (async () => codec.encode({ random }, now))().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionStoreError);
    expect((error as SessionStoreError).code).toBe('ERR_SESSION_TOO_LARGE');
    expect((error as Error).message).toMatch(
      /^session cookie is too large: \d+ bytes of name and value \(browsers drop cookies over 4096 bytes/,
    );
  });
});

describe('CookieSessionStore (sealed)', () => {
  const key = 'XSr5fpDNlEZKOxo0_BxVDOY9UTCv_308B9tnH_Rq3p8';
  const codec = new CookieSessionStore({ seal: key }).codec(config);

  it('encrypts: the data is not readable in the cookie, and reads back', async () => {
    const value = await codec.encode({ secret_note: 'hidden' }, now);
    expect(value.startsWith('v1.0.')).toBe(true);
    expect(value).not.toContain('aGlkZGVu');
    expect(await codec.decode(value, now)).toEqual({
      data: { secret_note: 'hidden' },
      rotated: false,
    });
  });

  it('binds the cookie name and expires after maxAge', async () => {
    const value = await codec.encode({ a: 1 }, now);
    const other = new CookieSessionStore({ seal: key }).codec({ ...config, cookieName: 'other' });
    expect(await other.decode(value, now)).toBeUndefined();
    expect(await codec.decode(value, new Date(now.getTime() + 61_000))).toBeUndefined();
  });

  it('keeps the Flask type mapping', async () => {
    const when = new Date('2024-01-02T03:04:05Z');
    const value = await codec.encode({ when, big: 2n ** 64n }, now);
    expect((await codec.decode(value, now))?.data).toEqual({ when, big: 2n ** 64n });
  });

  it('bad seal keys throw instead of silently starting new sessions', async () => {
    const weak = new CookieSessionStore({ seal: 'short' }).codec(config);
    const decode = async () => weak.decode('v1.0.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', now);
    await expect(decode()).rejects.toThrow(/^seal secret is invalid/);
  });
});
