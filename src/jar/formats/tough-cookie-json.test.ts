import { CookieJar as ToughJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../cookie-jar.js';
import { fromToughCookieJson, toToughCookieJson } from './tough-cookie-json.js';

describe('tough-cookie serialized JSON', () => {
  it('imports a real tough-cookie jar with nothing lost', () => {
    const tough = new ToughJar();
    const url = 'https://www.example.com/x/y';
    tough.setCookieSync('a=1; Max-Age=100; HttpOnly; SameSite=Lax', url);
    tough.setCookieSync('b=2; Domain=example.com; Path=/; Secure; Max-Age=500; SameSite=None', url);
    tough.setCookieSync('c=3; SameSite=Strict', url);
    const jar = new CookieJar();
    jar.importCookies(fromToughCookieJson(tough.serializeSync() as never));
    for (const target of [
      url,
      'https://www.example.com/x/',
      'https://example.com/',
      'http://www.example.com/x/z',
    ]) {
      expect(jar.getCookieHeader(target), target).toBe(tough.getCookieStringSync(target));
    }
    const a = jar.allCookies().find((c) => c.name === 'a');
    expect(a).toMatchObject({ httpOnly: true, sameSite: 'lax', hostOnly: true, path: '/x' });
    expect(Math.round(((a?.expires?.getTime() ?? 0) - (a?.creation.getTime() ?? 0)) / 1000)).toBe(
      100,
    );
  });

  it('exports a jar that tough-cookie deserializes and sends the same', () => {
    const jar = new CookieJar();
    const url = 'https://www.example.com/docs/page';
    jar.setCookie('a=1; Path=/; Max-Age=60', url);
    jar.setCookie('b=2; Domain=example.com; Path=/docs; Secure; HttpOnly; SameSite=Strict', url);
    jar.setCookie('c=3', url);
    jar.setCookie('p=4; Secure; Partitioned', url);
    const tough = ToughJar.deserializeSync(toToughCookieJson(jar.allCookies()) as never);
    for (const target of [url, 'https://example.com/docs/', 'http://www.example.com/']) {
      expect(tough.getCookieStringSync(target), target).toBe(
        jar.getCookieHeader(target, { topLevelSite: 'https://unrelated.example' }),
      );
    }
    expect(fromToughCookieJson(JSON.stringify(toToughCookieJson(jar.allCookies())))).toHaveLength(
      3,
    );
  });

  it('skips malformed entries', () => {
    expect(
      fromToughCookieJson({
        cookies: [null as never, { key: 'x' }, { key: 'y', domain: 'e.com', maxAge: 0 }],
      }),
    ).toEqual([]);
    expect(fromToughCookieJson({} as never)).toEqual([]);
    expect(fromToughCookieJson('{not json')).toEqual([]);
  });
});
