import { describe, expect, it } from 'vitest';
import type { JarCookie } from '../types.js';
import { cookieOf, sameIdentity, viewOf } from './jar-store.js';

const cookie: JarCookie = {
  name: 'a',
  value: '1',
  domain: 'example.com',
  path: '/',
  hostOnly: true,
  secure: false,
  httpOnly: false,
  sameSite: 'lax',
  expires: undefined,
  creation: new Date(1),
  lastAccess: new Date(2),
  partitionKey: undefined,
  priority: 'medium',
};

describe('jar-store helpers', () => {
  it('names a cookie by name, domain, host-only flag, path and partition', () => {
    const other: JarCookie = { ...cookie, value: '2' };
    expect(sameIdentity(cookie, other)).toBe(true);
    for (const change of [
      { name: 'b' },
      { domain: 'www.example.com' },
      { hostOnly: false },
      { path: '/x' },
      { partitionKey: 'https://top.example' },
    ]) {
      expect(sameIdentity(cookie, { ...cookie, ...change }), JSON.stringify(change)).toBe(false);
    }
  });

  it('turns a cookie into a view and back unchanged', () => {
    expect(viewOf(cookie).expiresAt).toBeNaN();
    expect(cookieOf(viewOf(cookie))).toEqual(cookie);
    const dated = { ...cookie, expires: new Date(3) };
    expect(cookieOf(viewOf(dated))).toEqual(dated);
  });
});
