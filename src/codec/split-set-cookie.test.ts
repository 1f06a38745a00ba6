import fc from 'fast-check';
import { splitCookiesString } from 'set-cookie-parser';
import { describe, expect, it } from 'vitest';
import { formatCookieDate } from './cookie-date.js';
import { splitSetCookie } from './split-set-cookie.js';

describe('splitSetCookie: commas between cookies', () => {
  it.each([
    ['one cookie', 'a=1', ['a=1']],
    ['two cookies joined by ", "', 'a=1, b=2', ['a=1', 'b=2']],
    ['joined by "," alone', 'a=1,b=2', ['a=1', 'b=2']],
    ['joined by a tab', 'a=1,\tb=2', ['a=1', 'b=2']],
    [
      'attributes stay with their cookie',
      'a=1; Path=/; Secure, b=2; HttpOnly',
      ['a=1; Path=/; Secure', 'b=2; HttpOnly'],
    ],
    ['a flag right before the comma', 'a=1; Secure, b=2', ['a=1; Secure', 'b=2']],
    ['a number right before the comma', 'a=1; Max-Age=60,b=2', ['a=1; Max-Age=60', 'b=2']],
    ['whitespace before "=" in the next name', 'a=1, b =2', ['a=1', 'b =2']],
    ['spaces and tabs around parts are trimmed', ' \ta=1 \t,  b=2\t ', ['a=1', 'b=2']],
    ['a nameless cookie first in its string', 'foo, b=1', ['foo', 'b=1']],
    ['a __Host- name', 'a=1, __Host-id=2; Path=/', ['a=1', '__Host-id=2; Path=/']],
  ])('%s: %j', (_, joined, expected) => {
    expect(splitSetCookie(joined)).toEqual(expected);
  });
});

describe('splitSetCookie: commas inside Expires', () => {
  it.each([
    [
      'IMF-fixdate',
      'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/, b=2',
      ['a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/', 'b=2'],
    ],
    [
      'Expires last, then the next cookie',
      'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT, b=2',
      ['a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT', 'b=2'],
    ],
    [
      'RFC 850 date',
      'a=1; expires=Wednesday, 21-Oct-15 07:28:00 GMT, b=2',
      ['a=1; expires=Wednesday, 21-Oct-15 07:28:00 GMT', 'b=2'],
    ],
    [
      'Netscape date with no space after the comma',
      'a=1; expires=Wed,21-Oct-2015 07:28:00 GMT, b=2',
      ['a=1; expires=Wed,21-Oct-2015 07:28:00 GMT', 'b=2'],
    ],
    [
      'date with no time at the end',
      'a=1; expires=Thu,01-Jan-1970',
      ['a=1; expires=Thu,01-Jan-1970'],
    ],
    [
      'asctime date (no comma)',
      'a=1; expires=Wed Oct 21 07:28:00 2015, b=2',
      ['a=1; expires=Wed Oct 21 07:28:00 2015', 'b=2'],
    ],
    [
      'two dated cookies',
      'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT, b=2; Expires=Thu, 22 Oct 2015 07:28:00 GMT',
      ['a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT', 'b=2; Expires=Thu, 22 Oct 2015 07:28:00 GMT'],
    ],
  ])('%s', (_, joined, expected) => {
    expect(splitSetCookie(joined)).toEqual(expected);
  });
});

describe('splitSetCookie: commas inside values', () => {
  it.each([
    ['a comma then a non-name', 'a=1,2, b=3', ['a=1,2', 'b=3']],
    ['JSON', 'a={"x":1,"y":2}, b=1', ['a={"x":1,"y":2}', 'b=1']],
    ['a value ending in a comma', 'a=x,', ['a=x,']],
    ['a value ending in a comma, then a cookie', 'a=x,, b=1', ['a=x,', 'b=1']],
    ['an empty name is not a name', 'a=1, =b', ['a=1, =b']],
    ['a name with a space is not a name', 'a=1, b c=2', ['a=1, b c=2']],
    ['";" before "=" is not a name', 'a=1, b; c=2', ['a=1, b; c=2']],
    ['a nameless cookie after a comma stays in the value (ambiguous)', 'a=1, foo', ['a=1, foo']],
    ['name=value after a comma always splits (ambiguous)', 'a=1,2=3', ['a=1', '2=3']],
  ])('%s: %j', (_, joined, expected) => {
    expect(splitSetCookie(joined)).toEqual(expected);
  });
});

describe('splitSetCookie: quoted values', () => {
  it.each([
    ['commas inside quotes', 'a="x, y=z"; Path=/, b=2', ['a="x, y=z"; Path=/', 'b=2']],
    ['quotes closing at the end', 'a="x, y=z"', ['a="x, y=z"']],
    ['quotes closing before a comma', 'a="x", b="y"', ['a="x"', 'b="y"']],
    ['space after "="', 'a= "x, y=z" , b=2', ['a= "x, y=z"', 'b=2']],
    ['a stray quote does not swallow the next cookie', 'a="x, b=2', ['a="x', 'b=2']],
    ['a quote that closes mid-token is stray', 'a="x, b="y"', ['a="x', 'b="y"']],
    ['text after the closing quote makes it stray', 'a="x, y"z, b=1', ['a="x, y"z', 'b=1']],
    ['";" inside quotes makes them stray', 'a="x; y=z", b=1', ['a="x; y=z"', 'b=1']],
    ['quotes in an attribute are not special', 'a=1; Path="/x, y=z"', ['a=1; Path="/x', 'y=z"']],
  ])('%s: %j', (_, joined, expected) => {
    expect(splitSetCookie(joined)).toEqual(expected);
  });
});

describe('splitSetCookie: empty parts and odd input', () => {
  it.each([
    ['empty string', '', []],
    ['whitespace', ' \t ', []],
    ['commas only', ',,, , ,', []],
    ['leading commas', ', , a=1', ['a=1']],
    ['an empty header in the middle', 'a=1, , b=2', ['a=1', 'b=2']],
    ['an empty header at the end', 'a=1, ', ['a=1']],
  ])('%s: %j', (_, joined, expected) => {
    expect(splitSetCookie(joined)).toEqual(expected);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an object', {}],
  ])('%s gives []', (_, value) => {
    expect(splitSetCookie(value as unknown as string)).toEqual([]);
  });
});

describe('splitSetCookie: arrays', () => {
  it('splits each element and flattens, in order', () => {
    expect(
      splitSetCookie(['a=1, b=2', 'c=3; Expires=Wed, 21 Oct 2015 07:28:00 GMT', '', 'd=4']),
    ).toEqual(['a=1', 'b=2', 'c=3; Expires=Wed, 21 Oct 2015 07:28:00 GMT', 'd=4']);
  });

  it('keeps each element a separate header even without a comma', () => {
    expect(splitSetCookie(['foo', 'bar'])).toEqual(['foo', 'bar']);
  });

  it('skips non-string elements', () => {
    expect(splitSetCookie([null, 'a=1', 7, undefined] as unknown as string[])).toEqual(['a=1']);
  });

  it('returns a new array', () => {
    const input = ['a=1'];
    expect(splitSetCookie(input)).not.toBe(input);
  });
});

describe('splitSetCookie undoes Headers.get("set-cookie")', () => {
  it('gives back what getSetCookie() gives', () => {
    const lines = [
      'session=abc; Path=/; HttpOnly; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
      'theme=dark; Max-Age=3600',
      'flavor="chocolate chip"; SameSite=Lax',
    ];
    const headers = new Headers(lines.map((line) => ['set-cookie', line] as [string, string]));
    expect(splitSetCookie(headers.get('set-cookie'))).toEqual(headers.getSetCookie());
    expect(splitSetCookie(headers.get('set-cookie'))).toEqual(lines);
  });
});

// RFC 6265 §4.1.1: what a server SHOULD send. Our split must give these back from any comma-join.
const TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const COOKIE_OCTETS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) =>
  String.fromCharCode(0x21 + i),
)
  .filter((c) => !'",;\\'.includes(c))
  .join('');
const name = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 12 });
const value = fc
  .tuple(fc.string({ unit: fc.constantFrom(...COOKIE_OCTETS), maxLength: 16 }), fc.boolean())
  .map(([v, quoted]) => (quoted ? `"${v}"` : v));
const date = fc.date({
  min: new Date(Date.UTC(1970, 0, 1)),
  max: new Date(Date.UTC(9999, 0, 1)),
  noInvalidDate: true,
});
const attribute = fc.oneof(
  date.map((d) => `Expires=${formatCookieDate(d)}`),
  date.map((d) => {
    // The RFC 850 form older servers send: "Wednesday, 21-Oct-15 07:28:00 GMT".
    const [weekday, day, month, year, time] = d.toUTCString().replace(',', '').split(' ');
    const long = [
      'Sunday',
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
    ].find((w) => w.startsWith(weekday ?? ''));
    return `expires=${long}, ${day}-${month}-${year?.slice(2)} ${time} GMT`;
  }),
  fc.nat().map((n) => `Max-Age=${n}`),
  fc.stringMatching(/^\/[a-z0-9._-]{0,8}$/).map((p) => `Path=${p}`),
  fc.constantFrom('Domain=example.org', 'Secure', 'HttpOnly', 'SameSite=Lax', 'Partitioned'),
);
const setCookie = fc
  .tuple(name, value, fc.array(attribute, { maxLength: 5 }))
  .map(([n, v, attrs]) => [`${n}=${v}`, ...attrs].join('; '));

describe('splitSetCookie properties', () => {
  it('splitting the ", "-join of valid Set-Cookie lines gives them back', () => {
    fc.assert(
      fc.property(fc.array(setCookie, { maxLength: 6 }), (lines) => {
        expect(splitSetCookie(lines.join(', '))).toEqual(lines);
        expect(splitSetCookie(lines.join(','))).toEqual(lines);
        expect(splitSetCookie(lines)).toEqual(lines);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with set-cookie-parser on valid Set-Cookie lines', () => {
    fc.assert(
      fc.property(fc.array(setCookie, { maxLength: 6 }), (lines) => {
        const joined = lines.join(', ');
        expect(splitSetCookie(joined)).toEqual(splitCookiesString(joined));
      }),
      { numRuns: 1000 },
    );
  });

  const tricky = fc.string({
    unit: fc.constantFrom(',', ';', '=', '"', ' ', '\t', 'a', 'b', '1', 'E', ':'),
    maxLength: 40,
  });

  it('never throws, and returns trimmed non-empty substrings in order', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 80 })), (text) => {
        const parts = splitSetCookie(text);
        let cursor = 0;
        for (const part of parts) {
          expect(part).not.toBe('');
          expect(part).toBe(part.replace(/^[ \t]+|[ \t]+$/g, ''));
          const at = text.indexOf(part, cursor);
          expect(at).toBeGreaterThanOrEqual(cursor);
          cursor = at + part.length;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on arrays of anything', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(tricky, fc.anything())), (items) => {
        expect(Array.isArray(splitSetCookie(items as string[]))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('splitSetCookie on hostile input', () => {
  const mb = 1_000_000;
  it.each([
    ['commas and spaces', ', '.repeat(mb / 2), 0],
    ['commas alone', ','.repeat(mb), 0],
    ['quotes', `a=${'"'.repeat(mb)}`, 1],
    ['opening quotes and commas', `a="${', x'.repeat(mb / 3)}`, 1],
    ['"=" and commas', '=,'.repeat(mb / 2), 1],
    ['a long name-like run after each comma', `a=1,${'b'.repeat(mb)}`, 1],
    ['spaces after a comma', `a=1,${' '.repeat(mb)}x`, 1],
    ['many tiny cookies', 'a=1,'.repeat(mb / 4), mb / 4],
    ['many quoted cookies', 'a="1",'.repeat(mb / 5), mb / 5],
  ])('a 1 MB string of %s finishes', (_, text, count) => {
    expect(text.length).toBeGreaterThanOrEqual(mb - 6);
    expect(splitSetCookie(text)).toHaveLength(count);
  });
});
