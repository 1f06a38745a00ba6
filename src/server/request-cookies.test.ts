import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as codec from '../codec/cookie.js';
import { RequestCookies } from './request-cookies.js';

vi.mock(import('../codec/cookie.js'), async (importOriginal) => {
  const actual = await importOriginal();
  return {
    ...actual,
    findCookie: vi.fn(actual.findCookie),
    findAllCookies: vi.fn(actual.findAllCookies),
    parseCookie: vi.fn(actual.parseCookie),
    parseCookieList: vi.fn(actual.parseCookieList),
  };
});

afterEach(() => {
  vi.mocked(codec.findCookie).mockClear();
  vi.mocked(codec.findAllCookies).mockClear();
  vi.mocked(codec.parseCookie).mockClear();
  vi.mocked(codec.parseCookieList).mockClear();
});

describe('RequestCookies: reading (Flask request.cookies)', () => {
  it.each([
    // header, name, get, getAll
    ['a=1; b=2', 'b', '2', ['2']],
    ['flavor=chocolate%20chip', 'flavor', 'chocolate chip', ['chocolate chip']],
    ['chocolate type=dark; chewy=yes', 'chocolate type', 'dark', ['dark']],
    // First occurrence wins (the browser sends the most specific path first); getAll keeps every one.
    ['a=1; a=2; a=3', 'a', '1', ['1', '2', '3']],
    ['__proto__=x; constructor=y', '__proto__', 'x', ['x']],
    ['__proto__=x; constructor=y', 'constructor', 'y', ['y']],
    ['toString=1', 'hasOwnProperty', undefined, []],
    ['a="quoted"', 'a', 'quoted', ['quoted']],
    // Werkzeug's backslash-octal escapes.
    ['a="caf\\303\\251"', 'a', 'café', ['café']],
    // Invalid percent escapes stay as sent.
    ['a=%zz; b=100%', 'a', '%zz', ['%zz']],
    ['a=%zz; b=100%', 'b', '100%', ['100%']],
    ['  a = 1 ;b=2', 'a', '1', ['1']],
    ['', 'a', undefined, []],
    ['a=1', 'b', undefined, []],
  ] as const)('%j: get(%j)', (header, name, value, all) => {
    const cookies = new RequestCookies(header);
    expect(cookies.get(name)).toBe(value);
    expect(cookies.getAll(name)).toEqual(all);
    expect(cookies.has(name)).toBe(value !== undefined);
    // The same answers once the whole header has been parsed.
    expect(cookies.toObject()[name]).toBe(value);
    expect(cookies.get(name)).toBe(value);
    expect(cookies.getAll(name)).toEqual(all);
  });

  it.each([
    ['a string', 'a=1; b=2'],
    ['Headers', new Headers({ cookie: 'a=1; b=2' })],
    ['a Request', new Request('https://example.com/', { headers: { cookie: 'a=1; b=2' } })],
  ] as const)('reads from %s', (_, source) => {
    const cookies = new RequestCookies(source);
    expect(cookies.get('a')).toBe('1');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['nothing', () => new RequestCookies()],
    ['a Request without a Cookie header', new Request('https://example.com/')],
    ['empty Headers', new Headers()],
  ] as const)('reads %s as no cookies', (_, source) => {
    const cookies = typeof source === 'function' ? source() : new RequestCookies(source);
    expect(cookies.size).toBe(0);
    expect(cookies.get('a')).toBeUndefined();
    expect(cookies.getAll('a')).toEqual([]);
    expect([...cookies]).toEqual([]);
  });

  it('reads several Cookie header lines as one list, as the browser would have sent them', () => {
    // undici joins Cookie lines with "; " (Fetch special-cases Cookie), as Node's http module does.
    const headers = new Headers();
    headers.append('cookie', 'a=1; b=2');
    headers.append('cookie', 'c=3; a=4');
    const cookies = new RequestCookies(headers);
    expect(cookies.get('c')).toBe('3');
    expect(cookies.getAll('a')).toEqual(['1', '4']);
    expect(cookies.size).toBe(3);
  });

  it('iterates the first value of each name in header order, integer-like names included', () => {
    const cookies = new RequestCookies('b=1; 2=two; a=x; 1=one; b=2');
    expect([...cookies.keys()]).toEqual(['b', '2', 'a', '1']);
    expect([...cookies.values()]).toEqual(['1', 'two', 'x', 'one']);
    expect([...cookies.entries()]).toEqual([...cookies]);
    expect(cookies.size).toBe(4);
  });

  it('gives a fresh null-prototype record where __proto__ is a name like any', () => {
    const cookies = new RequestCookies('__proto__=polluted; constructor=c; a=1');
    const record = cookies.toObject();
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor', 'a']);
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    record.a = 'changed';
    expect(cookies.get('a')).toBe('1');
    expect(cookies.toObject().a).toBe('1');
    expect(JSON.parse(JSON.stringify(cookies))).toEqual(
      JSON.parse('{"__proto__":"polluted","constructor":"c","a":"1"}'),
    );
  });

  it('passes the decode option through', () => {
    const cookies = new RequestCookies('a=%20b; a=c', { decode: (raw) => `<${raw}>` });
    expect(cookies.get('a')).toBe('<%20b>');
    expect(cookies.getAll('a')).toEqual(['<%20b>', '<c>']);
    expect(cookies.toObject().a).toBe('<%20b>');
  });
});

describe('RequestCookies: laziness', () => {
  it('reads nothing on construction', () => {
    const headers = new Headers({ cookie: 'a=1' });
    const get = vi.spyOn(headers, 'get');
    const cookies = new RequestCookies(headers);
    expect(get).not.toHaveBeenCalled();
    cookies.get('a');
    cookies.get('b');
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('answers get, has and getAll of one name without parsing the whole header', () => {
    const cookies = new RequestCookies('a=1; b=2; a=3');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.has('b')).toBe(true);
    expect(cookies.getAll('a')).toEqual(['1', '3']);
    expect(codec.parseCookie).not.toHaveBeenCalled();
    expect(codec.parseCookieList).not.toHaveBeenCalled();
    expect(codec.findCookie).toHaveBeenCalledTimes(2);
    expect(codec.findAllCookies).toHaveBeenCalledTimes(1);
  });

  it('parses the whole header once, then answers from the record', () => {
    const cookies = new RequestCookies('a=1; b=2; a=3');
    expect(cookies.size).toBe(2);
    expect(cookies.toObject()).toEqual({ a: '1', b: '2' });
    expect([...cookies]).toHaveLength(2);
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('c')).toBeUndefined();
    expect(codec.parseCookie).toHaveBeenCalledTimes(1);
    expect(codec.findCookie).not.toHaveBeenCalled();
    // Without integer-like names, the record's key order is the header order.
    expect(codec.parseCookieList).not.toHaveBeenCalled();
  });

  it('recovers the header order only when an integer-like name would reorder the record', () => {
    const cookies = new RequestCookies('b=1; 10=x; a=2');
    expect([...cookies.keys()]).toEqual(['b', '10', 'a']);
    expect(codec.parseCookieList).toHaveBeenCalledTimes(1);
  });
});

describe('RequestCookies: properties', () => {
  const header = fc.oneof(
    fc.string({ unit: 'binary' }),
    // Headers made of cookie-ish pieces, so duplicates and odd names actually occur.
    fc
      .array(
        fc.tuple(
          fc.constantFrom('a', 'b', '__proto__', 'constructor', 'chocolate type', '', ' a', '1'),
          fc.constantFrom('', '=', ';', ' ', '1', '%20', '%zz', '"x"', '"\\303\\251"', '\t'),
          fc.string({ maxLength: 4 }),
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.map((p) => p.join('')).join(';')),
  );
  const name = fc.oneof(
    fc.constantFrom('a', 'b', '__proto__', 'constructor', 'chocolate type', '', '1', 'toString'),
    fc.string({ maxLength: 6 }),
  );

  it('never throws on any header', () => {
    fc.assert(
      fc.property(header, name, (text, n) => {
        const cookies = new RequestCookies(text);
        cookies.get(n);
        cookies.getAll(n);
        cookies.has(n);
        void cookies.size;
        [...cookies];
        cookies.toObject();
      }),
    );
  });

  it('get(name) is toObject()[name] and getAll(name)[0], before and after the full parse', () => {
    fc.assert(
      fc.property(header, name, (text, n) => {
        const lazy = new RequestCookies(text);
        const first = lazy.get(n);
        const all = lazy.getAll(n);
        const record = lazy.toObject();
        expect(first).toBe(Object.hasOwn(record, n) ? record[n] : undefined);
        expect(all[0]).toBe(first);
        expect(lazy.get(n)).toBe(first);
        expect(lazy.getAll(n)).toEqual(all);
        expect(lazy.size).toBe(Object.keys(record).length);
      }),
    );
  });
});
