import { describe, expect, it } from 'vitest';
import { parseCookie } from '../codec/cookie.js';
import { isCookieError } from '../codec/errors.js';
import { parseSetCookie } from '../codec/set-cookie.js';
import {
  type CookieDocument,
  createCookies,
  parseDocumentCookie,
  serializeBrowserCookie,
} from './cookies.js';
import { MemoryDocument } from './memory-document.js';

/** A document that records what was written and shows what it is told to. */
function recorder(shown = ''): CookieDocument & { written: string[] } {
  const written: string[] = [];
  return {
    written,
    get cookie() {
      return shown;
    },
    set cookie(line: string) {
      written.push(line);
    },
  };
}

describe('parseDocumentCookie', () => {
  it('reads names and decoded values, the first of a name winning, as the server does', () => {
    const text = 'a=1; flavor=chocolate%20chip; a=2; nameless; q="caf\\303\\251"; __proto__=x';
    const all = parseDocumentCookie(text);
    expect(Object.getPrototypeOf(all)).toBeNull();
    expect({ ...all }).toEqual({ ...parseCookie(text) });
    expect(all.a).toBe('1');
    expect(all['']).toBe('nameless');
    expect(all.q).toBe('café');
    expect(Object.getOwnPropertyDescriptor(all, '__proto__')?.value).toBe('x');
  });

  it('reads the others when one cookie is malformed', () => {
    const all = parseDocumentCookie('bad=%E0%A4%A; ; =; ok=%22yes%22; broken="\\; last=1');
    expect(all.ok).toBe('"yes"');
    expect(all.bad).toBe('%E0%A4%A');
    expect(all.broken).toBe('"\\');
    expect(all.last).toBe('1');
  });

  it('reads an empty string as no cookies', () => {
    expect(Object.keys(parseDocumentCookie(''))).toEqual([]);
  });
});

describe('serializeBrowserCookie', () => {
  it('writes the value as the server does and every attribute', () => {
    const line = serializeBrowserCookie('flavor', 'chocolate chip; "dark"', {
      maxAge: 30,
      expires: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
      path: '/cookies',
      domain: 'example.com',
      secure: true,
      sameSite: 'None',
      partitioned: true,
    });
    expect(line).toBe(
      'flavor=chocolate%20chip%3B%20%22dark%22; Path=/cookies; Domain=example.com; Max-Age=30; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Secure; SameSite=None; Partitioned',
    );
    // The server's parser reads every attribute back.
    expect(parseSetCookie(line)).toMatchObject({
      name: 'flavor',
      value: 'chocolate chip; "dark"',
      maxAge: 30,
      path: '/cookies',
      domain: 'example.com',
      secure: true,
      sameSite: 'none',
      partitioned: true,
    });
  });

  it('defaults the path to "/" and reads expires as days from now, as js-cookie does', () => {
    expect(serializeBrowserCookie('a', 'b', { expires: 1, now: Date.UTC(2030, 0, 1) })).toBe(
      'a=b; Path=/; Expires=Wed, 02 Jan 2030 00:00:00 GMT',
    );
  });

  it.each([
    ['a;b', 'v', {}, 'ERR_COOKIE_NAME_INVALID', 'cookie name is invalid: "a;b"'],
    ['a=b', 'v', {}, 'ERR_COOKIE_NAME_INVALID', 'cookie name is invalid: "a=b"'],
    ['', 'v', {}, 'ERR_COOKIE_NAME_INVALID', 'cookie name is invalid: ""'],
    ['a\nb', 'v', {}, 'ERR_COOKIE_NAME_INVALID', 'cookie name is invalid: "a\\nb"'],
    ['a', '\ud800', {}, 'ERR_COOKIE_VALUE_INVALID', 'cookie value is invalid: "\\ud800"'],
    ['a', 'v', { path: 'x' }, 'ERR_COOKIE_ATTRIBUTE_INVALID', 'cookie path is invalid: "x"'],
    ['a', 'v', { path: '/;x=1' }, 'ERR_COOKIE_ATTRIBUTE_INVALID', 'cookie path is invalid'],
    ['a', 'v', { domain: 'a.com; Secure' }, 'ERR_COOKIE_ATTRIBUTE_INVALID', 'cookie domain'],
    ['a', 'v', { maxAge: 1.5 }, 'ERR_COOKIE_ATTRIBUTE_INVALID', 'cookie maxAge is invalid: 1.5'],
    ['a', 'v', { expires: new Date(Number.NaN) }, 'ERR_COOKIE_ATTRIBUTE_INVALID', 'expires'],
    ['a', 'v', { sameSite: 'sometimes' }, 'ERR_COOKIE_ATTRIBUTE_INVALID', 'cookie sameSite'],
  ] as const)('refuses name %j value %j with %j: %s', (name, value, options, code, message) => {
    let thrown: unknown;
    try {
      serializeBrowserCookie(name, value, options as never);
    } catch (error) {
      thrown = error;
    }
    expect(isCookieError(thrown)).toBe(true);
    expect((thrown as { code: string }).code).toBe(code);
    expect((thrown as Error).message).toContain(message);
    expect((thrown as Error).message).toMatch(/\(.+\)$/);
  });
});

describe('createCookies', () => {
  it('reads and writes through the document it is given', () => {
    const doc = recorder('a=1; b=%20two%20');
    const jar = createCookies(doc);
    expect(jar.get('b')).toBe(' two ');
    expect(jar.get('missing')).toBeUndefined();
    expect({ ...jar.getAll() }).toEqual({ a: '1', b: ' two ' });
    jar.set('c', 'x y', { maxAge: 5 });
    jar.remove('c', { path: '/p', domain: 'example.com' });
    expect(doc.written).toEqual([
      'c=x%20y; Path=/; Max-Age=5',
      'c=; Path=/p; Domain=example.com; Max-Age=0',
    ]);
  });

  it.each([' ', ' a', 'a ', '  a  '])(
    'refuses the edge-space name %j as the codec does, so no nameless cookie is left that remove cannot reach',
    (name) => {
      // Issue 18: set(' ', 'v') wrote " =v", which a browser keeps as a nameless cookie "v";
      // remove(' ') then writes another nameless line that expires a different cookie.
      const doc = new MemoryDocument('https://example.com/');
      const jar = createCookies(doc);
      let thrown: unknown;
      try {
        jar.set(name, 'v');
      } catch (error) {
        thrown = error;
      }
      expect(isCookieError(thrown)).toBe(true);
      expect((thrown as { code: string }).code).toBe('ERR_COOKIE_NAME_INVALID');
      expect((thrown as Error).message).toContain(
        `cookie name is invalid: ${JSON.stringify(name)}`,
      );
      expect(doc.cookie).toBe('');
      // An inner space is a name browsers keep as written: still accepted, and removable.
      jar.set('a b', 'v');
      expect(jar.get('a b')).toBe('v');
      jar.remove('a b');
      expect(doc.cookie).toBe('');
    },
  );

  it('looks up `document` only when called, so importing on a server is harmless', () => {
    const jar = createCookies();
    expect(() => jar.get('a')).toThrow(ReferenceError);
  });
});
