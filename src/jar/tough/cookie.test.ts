import { Cookie as TheirCookie } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { ToughCookie, toughCookieOf } from './cookie.js';

describe('ToughCookie', () => {
  it('writes the same strings as tough-cookie for the same fields', () => {
    const lines = [
      'a=1',
      'a=1; Max-Age=60; Path=/x; Secure; HttpOnly; SameSite=Strict',
      'b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Domain=example.com; SameSite=Lax',
      'c=3; SameSite=None; Secure; Ext=1',
    ];
    for (const line of lines) {
      const theirs = TheirCookie.parse(line);
      const ours = ToughCookie.parse(line);
      expect(ours?.toString()).toBe(theirs?.toString());
      expect(ours?.cookieString()).toBe(theirs?.cookieString());
      expect(ours?.isPersistent()).toBe(theirs?.isPersistent());
      expect(ours?.TTL(1_000)).toBe(theirs?.TTL(1_000));
    }
  });

  it("reads and writes tough-cookie's JSON form", () => {
    const theirs = TheirCookie.parse('a=1; Max-Age=60; Domain=Example.com; Path=/; HttpOnly');
    const ours = ToughCookie.fromJSON(JSON.stringify(theirs));
    expect(ours?.toJSON()).toEqual(theirs?.toJSON());
    expect(ours?.cdomain()).toBe('example.com');
    expect(ours?.clone().toString()).toBe(theirs?.toString());
    expect(ToughCookie.fromJSON('not json')).toBeUndefined();
    expect(ToughCookie.fromJSON(7)).toBeUndefined();
  });

  it('gives the expiry as tough-cookie does', () => {
    const at = new Date('2030-01-01T00:00:00Z');
    const maxAge = ToughCookie.parse('a=1; Max-Age=60') as ToughCookie;
    expect(maxAge.expiryTime(at)).toBe(at.getTime() + 60_000);
    expect(new ToughCookie().expiryDate()?.getTime()).toBe(2147483647000);
    expect(ToughCookie.parse('a=1; Max-Age=0')?.expiryDate(at)?.getTime()).toBe(0);
  });

  it("maps a jar cookie to tough-cookie's field names", () => {
    const creation = new Date(0);
    const c = toughCookieOf({
      name: 'id',
      value: 'v',
      domain: 'example.com',
      path: '/',
      hostOnly: true,
      secure: true,
      httpOnly: false,
      sameSite: 'unspecified',
      expires: undefined,
      creation,
      lastAccess: creation,
      partitionKey: undefined,
      priority: 'medium',
    });
    expect([c.key, c.expires, c.sameSite, c.hostOnly, c.lastAccessed]).toEqual([
      'id',
      'Infinity',
      undefined,
      true,
      creation,
    ]);
    expect(c.toString()).toBe('id=v; Path=/; Secure');
  });
});
