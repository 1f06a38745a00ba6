import { describe, expect, it } from 'vitest';
import { CookieJar } from '../cookie-jar.js';
import { fromJarJson, toJarJson } from './json.js';

describe("shortbread's jar JSON", () => {
  it('round-trips every field, partitions and priority included', () => {
    const jar = new CookieJar();
    const url = 'https://www.example.com/a/b';
    jar.setCookie('a=1; Max-Age=60; Priority=High; SameSite=Lax', url);
    jar.setCookie('b=2; Domain=example.com; Secure; HttpOnly; Partitioned', url, {
      topLevelSite: 'https://top.example',
    });
    jar.setCookie('nameless', url);
    const text = JSON.stringify(toJarJson(jar.allCookies()));
    expect(fromJarJson(text)).toEqual(jar.allCookies());
  });

  it('skips entries with missing or mistyped fields', () => {
    const doc = toJarJson(new CookieJar().allCookies());
    expect(fromJarJson({ ...doc, cookies: [{ name: 'x' } as never] })).toEqual([]);
    expect(fromJarJson('null')).toEqual([]);
    expect(fromJarJson('{not json')).toEqual([]);
  });
});
