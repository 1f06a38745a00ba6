import { CookieJar as ToughJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../cookie-jar.js';
import { MemoryJarStore } from '../stores/memory-jar-store.js';
import { ToughCookie } from './cookie.js';
import { ToughCookieJar } from './cookie-jar.js';
import { ToughJarError } from './errors.js';

const URL_A = 'https://www.example.com/docs/page';

describe('ToughCookieJar call forms', () => {
  it('has the promise, callback and Sync forms of setCookie and the reads', async () => {
    const jar = new ToughCookieJar();
    const stored = await jar.setCookie('a=1; Path=/', URL_A);
    expect(stored?.key).toBe('a');
    const viaCallback = await new Promise<ToughCookie | undefined>((resolve, reject) => {
      jar.setCookie('b=2', URL_A, (error, cookie) => (error ? reject(error) : resolve(cookie)));
    });
    expect(viaCallback?.path).toBe('/docs');
    expect(jar.setCookieSync('c=3; Path=/docs/page', URL_A)?.value).toBe('3');
    expect(await jar.getCookieString(URL_A)).toBe('c=3; b=2; a=1');
    expect(jar.getCookieStringSync('https://www.example.com/')).toBe('a=1');
    const keys = await new Promise<string[]>((resolve) => {
      jar.getCookies(URL_A, {}, (_error, cookies) => resolve((cookies ?? []).map((c) => c.key)));
    });
    expect(keys).toEqual(['c', 'b', 'a']);
    expect(await jar.getSetCookieStrings('https://www.example.com/')).toEqual(['a=1; Path=/']);
    const header = await new Promise<string | undefined>((resolve) => {
      jar.getCookieString(URL_A, (_error, value) => resolve(value));
    });
    expect(header).toBe('c=3; b=2; a=1');
    await jar.removeAllCookies();
    expect(jar.getCookiesSync(URL_A)).toEqual([]);
  });

  it("rejects what a browser refuses, with tough-cookie's message, unless ignoreError", async () => {
    const jar = new ToughCookieJar();
    await expect(jar.setCookie('a=1; Domain=other.example', URL_A)).rejects.toThrow(
      "Cookie not in this host's domain. Cookie:other.example Request:www.example.com",
    );
    expect(() => jar.setCookieSync('a=1; Secure', 'http://www.example.com/')).toThrow(
      'Cookie is Secure but this is not a secure connection',
    );
    const error = await new Promise<Error | null>((resolve) => {
      jar.setCookie('a=1; HttpOnly', URL_A, { http: false }, (e) => resolve(e));
    });
    expect(error).toBeInstanceOf(ToughJarError);
    expect((error as ToughJarError).reason).toBe('httponly-non-http');
    expect(await jar.setCookie('a=1; Domain=com', URL_A, { ignoreError: true })).toBeUndefined();
    // A deleting line is not an error; a broken prefix is silent unless prefixSecurity is 'strict'.
    expect(await jar.setCookie('a=1; Max-Age=0', URL_A)).toBeUndefined();
    expect(jar.setCookieSync('__Host-a=1; Path=/docs; Secure', URL_A)).toBeUndefined();
    const strict = new ToughCookieJar(null, { prefixSecurity: 'strict' });
    expect(() => strict.setCookieSync('__Host-a=1; Path=/docs; Secure', URL_A)).toThrow(
      ToughJarError,
    );
    expect(() => jar.getCookiesSync(URL_A, { sameSiteContext: 'bogus' as 'none' })).toThrow(
      'Invalid sameSiteContext option',
    );
    expect(() => jar.setCookieSync(42 as unknown as string, URL_A)).toThrow(
      'First argument to setCookie must be a Cookie object or string',
    );
    expect(() => new ToughCookieJar(null, false)).toThrow(
      /rejectPublicSuffixes: false is not supported/,
    );
  });

  it('takes tough-cookie Cookie objects, and its own', () => {
    const jar = new ToughCookieJar();
    const theirs = new ToughJar().setCookieSync('t=1; Path=/; HttpOnly', URL_A);
    expect(theirs).toBeDefined();
    jar.setCookieSync(theirs as unknown as ToughCookie, URL_A);
    jar.setCookieSync(ToughCookie.parse('o=2; Path=/') as ToughCookie, URL_A);
    expect(jar.getSetCookieStringsSync(URL_A)).toEqual(['t=1; Path=/; HttpOnly', 'o=2; Path=/']);
  });

  it("reads with tough-cookie's options: http, sameSiteContext, allPaths", () => {
    const jar = new ToughCookieJar();
    jar.setCookieSync('h=1; HttpOnly; Path=/', URL_A);
    jar.setCookieSync('s=1; SameSite=Strict; Path=/', URL_A);
    jar.setCookieSync('n=1; SameSite=None; Secure; Path=/', URL_A);
    jar.setCookieSync('deep=1; Path=/docs/page/more', URL_A);
    expect(jar.getCookieStringSync(URL_A, { http: false })).toBe('s=1; n=1');
    expect(jar.getCookieStringSync(URL_A, { sameSiteContext: 'none' })).toBe('n=1');
    expect(jar.getCookieStringSync(URL_A, { sameSiteContext: 'lax' })).toBe('h=1; n=1');
    expect(
      jar.getCookiesSync('https://www.example.com/', { allPaths: true }).map((c) => c.key),
    ).toEqual(['deep', 'h', 's', 'n']);
  });

  it('is synchronous for http-cookie-agent, and runs over any JarStore or CookieJar', async () => {
    const store = new MemoryJarStore();
    const jar = new ToughCookieJar(store);
    expect(jar.store.synchronous).toBe(true);
    jar.setCookieSync('a=1', URL_A);
    expect(store.all().length).toBe(1);
    expect((await jar.store.getAllCookies()).map((c) => c.key)).toEqual(['a']);
    const shared = new CookieJar();
    new ToughCookieJar(shared).setCookieSync('b=2', URL_A);
    expect(shared.getCookieHeader(URL_A)).toBe('b=2');
    await jar.store.removeAllCookies();
    expect(store.all().length).toBe(0);
  });

  it("serializes to tough-cookie's format both ways, and clones", async () => {
    const ours = new ToughCookieJar();
    ours.setCookieSync('a=1; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax', URL_A);
    ours.setCookieSync('b=2; Domain=example.com', URL_A);
    const theirs = ToughJar.deserializeSync(JSON.parse(JSON.stringify(ours)));
    expect(theirs.getCookieStringSync(URL_A)).toBe(ours.getCookieStringSync(URL_A));
    const back = await ToughCookieJar.deserialize(theirs.serializeSync() as object);
    expect(back.getCookieStringSync(URL_A)).toBe('b=2; a=1');
    expect(ToughCookieJar.fromJSON(JSON.stringify(ours)).getCookieStringSync(URL_A)).toBe(
      'b=2; a=1',
    );
    const copy = ours.cloneSync();
    ours.removeAllCookiesSync();
    expect(copy.getCookieStringSync(URL_A)).toBe('b=2; a=1');
    const fromCallback = await new Promise<ToughCookieJar | undefined>((resolve) => {
      copy.clone((_error, jar) => resolve(jar));
    });
    expect(fromCallback?.getCookieStringSync(URL_A)).toBe('b=2; a=1');
    expect(() => ToughCookieJar.deserializeSync({})).toThrow('serialized jar has no cookies array');
  });
});
