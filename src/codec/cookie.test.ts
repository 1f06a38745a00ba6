import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findAllCookies,
  findCookie,
  parseCookie,
  parseCookieList,
  stringifyCookie,
} from './cookie.js';
import { isCookieError } from './errors.js';

describe('parseCookie', () => {
  describe('RFC 6265bis §5.8.3 / §4.2.1 cookie-string', () => {
    it.each([
      ['a=1', { a: '1' }],
      ['a=1; b=2', { a: '1', b: '2' }],
      ['a=1;b=2', { a: '1', b: '2' }],
      ['  a  =  1  ;  b = 2 ', { a: '1', b: '2' }],
      ['a=1;;; b=2;', { a: '1', b: '2' }],
      ['a=', { a: '' }],
      ['a=1=2', { a: '1=2' }],
      ['a=1, b=2', { a: '1, b=2' }],
      ['', {}],
      [';;;', {}],
      ['=', {}],
    ])('%j -> %j', (header, expected) => {
      expect({ ...parseCookie(header) }).toEqual(expected);
    });

    it('reads the seed tutorial header, with a space in a name', () => {
      const cookies = parseCookie('flavor="chocolate chip"; chocolate type=dark; chewy=yes');
      expect({ ...cookies }).toEqual({
        flavor: 'chocolate chip',
        'chocolate type': 'dark',
        chewy: 'yes',
      });
    });

    it('keeps a pair without "=" as a nameless cookie (the whole pair is the value)', () => {
      expect({ ...parseCookie('foo; a=1') }).toEqual({ '': 'foo', a: '1' });
      expect({ ...parseCookie('=bar') }).toEqual({ '': 'bar' });
    });

    it('lets the first occurrence of a name win', () => {
      expect(parseCookie('id=first; id=second').id).toBe('first');
    });

    it('skips names holding a control character', () => {
      expect({ ...parseCookie('a\u0001b=1; c=2') }).toEqual({ c: '2' });
    });

    it.each([
      [`${';'.repeat(20)} a=1`, { a: '1' }],
      [`a=1${'; \t'.repeat(10)}b=2`, { a: '1', b: '2' }],
      [`a=1${';'.repeat(9)}b=2`, { a: '1', b: '2' }],
      [`a=1${';'.repeat(10)}b=2`, { a: '1', b: '2' }],
      [`a=1${';'.repeat(50)}`, { a: '1' }],
      [`${' '.repeat(30)}x`, { '': 'x' }],
      [`a=1;${' '.repeat(12)}\u0001=2; c=3`, { a: '1', c: '3' }],
    ])('skips long runs of empty pairs and WSP in %j', (header, expected) => {
      expect({ ...parseCookie(header) }).toEqual(expected);
      expect(Object.fromEntries(parseCookieList(header))).toEqual(expected);
    });
  });

  describe('the memory of names free of control characters', () => {
    it('still skips a control character after the printable names were remembered', () => {
      for (let round = 0; round < 3; round++) {
        expect({ ...parseCookie('a=1; b=2') }).toEqual({ a: '1', b: '2' });
        expect({ ...parseCookie('b\u0001=3; a\u0001=1; a=2') }).toEqual({ a: '2' });
        expect({ ...parseCookie('b=2; a=1; \u007fb=4') }).toEqual({ b: '2', a: '1' });
      }
    });

    it('keeps reading names once full and cleared (more than 1024 names)', () => {
      for (let i = 0; i < 1100; i++)
        expect(parseCookie(`n${i}=${i}; x\u0001=1`)[`n${i}`]).toBe(`${i}`);
      expect({ ...parseCookie('n5=5; n1099\u0001=1; n1099=2') }).toEqual({ n5: '5', n1099: '2' });
      const long = `${'l'.repeat(65)}=1; ${'l'.repeat(65)}\u0001=2`;
      expect({ ...parseCookie(long) }).toEqual({ ['l'.repeat(65)]: '1' });
      expect({ ...parseCookie(long) }).toEqual({ ['l'.repeat(65)]: '1' });
    });

    it('tests every name of a header longer than 8192 chars', () => {
      const header = `${Array.from({ length: 1000 }, (_, i) => `k${i}=value`).join('; ')}; a=1; a\u0001=2`;
      expect(header.length).toBeGreaterThan(8192);
      const cookies = parseCookie(header);
      expect(cookies.a).toBe('1');
      expect(cookies['a\u0001']).toBeUndefined();
      expect(Object.keys(cookies)).toHaveLength(1001);
    });
  });

  describe('values', () => {
    it.each([
      ['"chocolate chip"', 'chocolate chip'],
      ['"caf\\303\\251"', 'café'],
      ['"a\\054b\\073c"', 'a,b;c'],
      ['"a\\"b\\\\c"', 'a"b\\c'],
      ['chocolate%20chip', 'chocolate chip'],
      ['caf%C3%A9', 'café'],
      ['100%', '100%'],
      ['%zz%20', '%zz '],
      ['%E0%A4%A', '%E0%A4%A'],
      ['%FF%41', '%FFA'],
      ['"', '"'],
      ['"unterminated', '"unterminated'],
      ['caf\u00c3\u00a9', 'café'],
      ['\u00e9', '\u00e9'],
    ])('%j -> %j', (raw, expected) => {
      expect(parseCookie(`v=${raw}`).v).toBe(expected);
    });

    it('uses a custom decode instead of the default', () => {
      expect(parseCookie('a=%20"x"', { decode: (v) => `<${v}>` }).a).toBe('<%20"x">');
    });
  });

  describe('hostile names', () => {
    it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])(
      'stores %s as a plain key',
      (name) => {
        const cookies = parseCookie(`${name}=x; ok=1`);
        expect(Object.getPrototypeOf(cookies)).toBeNull();
        expect(cookies[name]).toBe('x');
        expect(({} as Record<string, unknown>).x).toBeUndefined();
        expect(Object.hasOwn(Object.prototype, 'x')).toBe(false);
      },
    );
  });

  describe('adversarial sizes', () => {
    it.each([
      ['semicolons', ';'.repeat(1 << 20)],
      ['equals signs', '='.repeat(1 << 20)],
      ['quotes', '"'.repeat(1 << 20)],
      ['percent signs', '%'.repeat(1 << 20)],
      ['backslashes', `a="${'\\'.repeat(1 << 20)}"`],
      ['pairs without =', 'x;'.repeat(1 << 19)],
    ])('parses 1 MB of %s', (_, header) => {
      expect(() => parseCookie(header)).not.toThrow();
    });
  });

  it('never throws on any string (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (header) => {
        const cookies = parseCookie(header);
        expect(Object.getPrototypeOf(cookies)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  describe('the cache of names read in the previous header', () => {
    /** What parseCookie must give: the first occurrence of each name, by the general scanner. */
    function firstWins(header: string): Record<string, string> {
      const expected: Record<string, string> = Object.create(null);
      for (const [name, value] of parseCookieList(header)) expected[name] ??= value;
      return expected;
    }

    it.each([
      ['a=1; b=2; c=3', 'a=4; b=5; c=6'],
      ['a=1; b=2; c=3', 'b=1; a=2; c=3'],
      ['a=1; b=2; c=3', 'a=1; a=2; b=3'],
      ['ab=1; b=2', 'a=1; ab=2; b=3'],
      ['a=1; b=2', 'a=1; b=\t2\t; c=3'],
      ['a=1; b=2', 'a=1; b\u0001=2; c=3'],
      ['a=1; b=2', 'a=1; b =2; c=3'],
      ['a=1; b=2', 'a=1;\tb=2'],
      ['x; a=1', '=y; a=2; x'],
      ['a=1; b=2', 'a=1; b'],
    ])('reads %j, then %j', (first, second) => {
      expect({ ...parseCookie(first) }).toEqual({ ...firstWins(first) });
      expect(Object.entries(parseCookie(second))).toEqual(Object.entries(firstWins(second)));
    });

    it('agrees with the general scanner on any run of headers (fast-check)', () => {
      const pair = fc.tuple(
        fc.constantFrom('a', 'b', 'ab', 'session', '', ' a', 'a ', 'b\t', '\x01', '1', '__proto__'),
        fc.constantFrom('', '1', '"x"', '%41', ' v ', '\tv', 'v\t', 'é', '=', ';'),
        fc.constantFrom('=', ''),
        fc.constantFrom('; ', ';', ';;', '; \t', ' ; ', ';'.repeat(12), '; \t'.repeat(5)),
      );
      const header = fc
        .array(pair, { maxLength: 8 })
        .map((pairs) => pairs.map(([n, v, eq, sep]) => `${n}${eq}${v}${sep}`).join(''));
      fc.assert(
        fc.property(fc.array(header, { minLength: 1, maxLength: 6 }), (headers) => {
          for (const h of headers) {
            expect(Object.entries(parseCookie(h))).toEqual(Object.entries(firstWins(h)));
          }
        }),
        { numRuns: 3000 },
      );
    });
  });

  it('reads back what stringifyCookie writes (fast-check)', () => {
    const name = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((n) => !/[;=\x00-\x1f\x7f]|^ | $|^\s|\s$/.test(n));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, fc.string()), { selector: ([n]) => n, maxLength: 8 }),
        (pairs) => {
          const header = stringifyCookie(pairs);
          expect({ ...parseCookie(header) }).toEqual(Object.fromEntries(pairs));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseCookieList', () => {
  it('keeps every pair in order, duplicates included', () => {
    expect(parseCookieList('a=1; b=2; a=3; nameless')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
      ['', 'nameless'],
    ]);
  });
});

describe('findCookie', () => {
  it.each([
    ['a=1; session=abc; b=2', 'session', 'abc'],
    ['session=first; session=second', 'session', 'first'],
    ['sessionx=1; xsession=2', 'session', undefined],
    [' session = "a b" ', 'session', 'a b'],
    ['a=1; foo', '', 'foo'],
    ['', 'a', undefined],
    ['caf\u00c3\u00a9=1', 'café', '1'],
  ])('findCookie(%j, %j) -> %j', (header, name, expected) => {
    expect(findCookie(header, name)).toBe(expected);
  });

  it('agrees with parseCookie for any header and name (fast-check)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 4 }), (header, name) => {
        expect(findCookie(header, name)).toBe(parseCookie(header)[name]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('findAllCookies', () => {
  it('returns every value of a duplicated name', () => {
    expect(findAllCookies('id=old; x=1; id=new', 'id')).toEqual(['old', 'new']);
    expect(findAllCookies('x=1', 'id')).toEqual([]);
  });
});

describe('stringifyCookie', () => {
  it('writes pairs joined by "; " with URI encoding', () => {
    expect(stringifyCookie({ flavor: 'chocolate chip', chewy: 'yes' })).toBe(
      'flavor=chocolate%20chip; chewy=yes',
    );
    expect(stringifyCookie(new Map([['a', '1']]))).toBe('a=1');
    expect(stringifyCookie([['', 'nameless']])).toBe('nameless');
  });

  it.each(['a;b', 'a=b', 'a\nb', ' a'])('refuses the name %j', (name) => {
    try {
      stringifyCookie({ [name]: 'v' });
      expect.unreachable();
    } catch (error) {
      expect(isCookieError(error) && error.code).toBe('ERR_COOKIE_NAME_INVALID');
    }
  });
});
