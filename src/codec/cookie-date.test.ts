import fc from 'fast-check';
import { parseDate as toughParseDate } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import bsdExamples from '../../test/fixtures/dates/bsd-examples.json' with { type: 'json' };
import examples from '../../test/fixtures/dates/examples.json' with { type: 'json' };
import { formatCookieDate, parseCookieDate, parseCookieDateMs } from './cookie-date.js';
import { CookieError } from './errors.js';

/** The parse result in the fixtures' form: `Date.prototype.toUTCString()`, or null on failure. */
function parsed(text: string): string | null {
  return parseCookieDate(text)?.toUTCString() ?? null;
}

const MIN_DATE = new Date(Date.UTC(1601, 0, 1));
const MAX_DATE = new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));

describe('conformance vectors (http-state / tough-cookie)', () => {
  it('loads every case', () => {
    expect(examples).toHaveLength(15);
    expect(bsdExamples).toHaveLength(55);
  });

  it.each(examples.map((c) => [c.test, c.expected] as const))(
    'examples.json: %j -> %j',
    (test, expected) => {
      expect(parsed(test)).toBe(expected);
    },
  );

  it.each(bsdExamples.map((c) => [c.test, c.expected] as const))(
    'bsd-examples.json: %j -> %j',
    (test, expected) => {
      expect(parsed(test)).toBe(expected);
    },
  );
});

describe('§5.1.1 step 1: date-tokens split on delimiters', () => {
  const delimiters = new Set<number>([0x09]);
  for (const [from, to] of [
    [0x20, 0x2f],
    [0x3b, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ] as const) {
    for (let c = from; c <= to; c++) delimiters.add(c);
  }
  // Every ASCII code unit plus a few beyond: between "21" and "Oct" a delimiter keeps the tokens apart
  // (the date parses); a non-delimiter glues them into "21?Oct", which leaves no month.
  const codes = [...Array.from({ length: 128 }, (_, c) => c), 0x80, 0xa0, 0xe9, 0x2028, 0xfeff];

  it.each(codes.map((c) => [c, delimiters.has(c)] as const))(
    'code %i is a delimiter: %s',
    (code, isDelimiter) => {
      const text = `21${String.fromCharCode(code)}Oct 2015 07:28:00`;
      expect(parseCookieDate(text) !== undefined).toBe(isDelimiter);
    },
  );

  it.each([
    [
      'leading and trailing delimiters',
      '  ,;Wed, 21 Oct 2015 07:28:00 GMT;;  ',
      'Wed, 21 Oct 2015 07:28:00 GMT',
    ],
    ['runs of mixed delimiters', '21//Oct\\\\2015[[07:28:00]]', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['no spaces at all', '21-Oct-2015+07:28:00', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['":" is not a delimiter', '21:Oct 2015 07:28:00', null],
    ['a control character is not a delimiter', '21\u0000Oct 2015 07:28:00', null],
    ['DEL is not a delimiter', 'Oct 21\u007f 2015 07:28:00', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['empty string', '', null],
    ['only delimiters', ' ,-/;', null],
  ])('%s', (_, text, expected) => {
    expect(parsed(text)).toBe(expected);
  });
});

describe('§5.1.1 step 2.1: found-time (hms-time, then a non-digit or the end)', () => {
  it.each([
    ['two-digit fields', '21 Oct 2015 07:28:09', 'Wed, 21 Oct 2015 07:28:09 GMT'],
    ['one-digit fields', '21 Oct 2015 7:2:9', 'Wed, 21 Oct 2015 07:02:09 GMT'],
    ['followed by letters', '21 Oct 2015 07:28:09GMT', 'Wed, 21 Oct 2015 07:28:09 GMT'],
    ['followed by a fourth field', '21 Oct 2015 07:28:09:99', 'Wed, 21 Oct 2015 07:28:09 GMT'],
    ['three-digit hour is no time', '21 Oct 2015 007:28:09', null],
    ['three-digit minute is no time', '21 Oct 2015 07:028:09', null],
    ['three-digit second is no time', '21 Oct 2015 07:28:009', null],
    ['two fields are no time', '21 Oct 2015 07:28', null],
    ['empty field is no time', '21 Oct 2015 07::09', null],
    ['a space splits the token', '21 Oct 2015 07: 28:09', null],
    ['the first time wins', '21 Oct 2015 07:28:09 08:00:00', 'Wed, 21 Oct 2015 07:28:09 GMT'],
    [
      'a later bad time is ignored',
      '07:28:09 21 Oct 2015 99:99:99',
      'Wed, 21 Oct 2015 07:28:09 GMT',
    ],
    ['the first time wins even when out of range', '21 Oct 2015 91:22:33 07:28:09', null],
    ['anywhere among the tokens', '07:28:09 2015 Oct 21', 'Wed, 21 Oct 2015 07:28:09 GMT'],
  ])('%s: %j', (_, text, expected) => {
    expect(parsed(text)).toBe(expected);
  });
});

describe('§5.1.1 step 2.2: found-day-of-month (1*2DIGIT, then a non-digit or the end)', () => {
  it.each([
    ['one digit', '1 Oct 2015 07:28:09', 'Thu, 01 Oct 2015 07:28:09 GMT'],
    ['two digits', '01 Oct 2015 07:28:09', 'Thu, 01 Oct 2015 07:28:09 GMT'],
    ['followed by letters', '1st Oct 2015 07:28:09', 'Thu, 01 Oct 2015 07:28:09 GMT'],
    ['three digits are no day (they make a year)', '001 Oct 2015 07:28:09', null],
    [
      'the first one- or two-digit token wins',
      '12 10 Oct 07:28:09',
      'Tue, 12 Oct 2010 07:28:09 GMT',
    ],
    [
      'a time token is taken as time first',
      '07:28:09 Oct 2015 21',
      'Wed, 21 Oct 2015 07:28:09 GMT',
    ],
    ['missing', 'Oct 2015 07:28:09', null],
  ])('%s: %j', (_, text, expected) => {
    expect(parsed(text)).toBe(expected);
  });
});

describe('§5.1.1 step 2.3: found-month (first three letters, any case)', () => {
  const months = [
    'jan',
    'feb',
    'mar',
    'apr',
    'may',
    'jun',
    'jul',
    'aug',
    'sep',
    'oct',
    'nov',
    'dec',
  ];
  it.each(months.map((m, index) => [m, index] as const))('%s is month %i', (month, index) => {
    for (const spelling of [
      month,
      month.toUpperCase(),
      `${month[0]?.toUpperCase()}${month.slice(1)}uary`,
    ]) {
      expect(parseCookieDate(`1 ${spelling} 2015 00:00:00`)?.getUTCMonth()).toBe(index);
    }
  });

  it.each([
    ['full name', '21 October 2015 07:28:09', 'Wed, 21 Oct 2015 07:28:09 GMT'],
    ['another language', '21 Oktober 2015 07:28:09', null],
    ['two letters are no month', '21 Oc 2015 07:28:09', null],
    ['the month must start the token', '21 xOct 2015 07:28:09', null],
    ['the first month wins', '21 Oct Nov 2015 07:28:09', 'Wed, 21 Oct 2015 07:28:09 GMT'],
    ['a digit-led token is a day first', '21 1Oct 2015 07:28:09', null],
    // U+066F packed into a 3-char key beside "h" and "v" would read as "nov" if keys overlapped.
    ['a non-ASCII look-alike is no month', '21 h\u066fv 2015 07:28:09', null],
    ['a Kelvin sign is no ASCII letter', '21 \u212aov 2015 07:28:09', null],
    ['missing', '21 2015 07:28:09', null],
  ])('%s: %j', (_, text, expected) => {
    expect(parsed(text)).toBe(expected);
  });
});

describe('§5.1.1 step 2.4: found-year (2*4DIGIT, then a non-digit or the end)', () => {
  it.each([
    ['four digits', '21 Oct 2015 07:28:09', 'Wed, 21 Oct 2015 07:28:09 GMT'],
    ['followed by letters', '21 Oct 2015AD 07:28:09', 'Wed, 21 Oct 2015 07:28:09 GMT'],
    ['five digits are no year', '21 Oct 20150 07:28:09', null],
    ['one digit is no year', '21 Oct 5 07:28:09', null],
    ['the first year wins', '21 Oct 2015 2016 07:28:09', 'Wed, 21 Oct 2015 07:28:09 GMT'],
    ['before the day, when four digits', '2015 21 Oct 07:28:09', 'Wed, 21 Oct 2015 07:28:09 GMT'],
    ['missing', '21 Oct 07:28:09', null],
  ])('%s: %j', (_, text, expected) => {
    expect(parsed(text)).toBe(expected);
  });
});

describe('§5.1.1 steps 3 and 4: two-digit years', () => {
  it.each([
    ['70', 1970],
    ['99', 1999],
    ['00', 2000],
    ['69', 2069],
    ['15', 2015],
    ['012', 2012], // three digits: 12 is still 0-69
    ['070', 1970],
  ])('year %s is %i', (year, full) => {
    expect(parseCookieDate(`1 Jan ${year} 00:00:00`)?.getUTCFullYear()).toBe(full);
  });

  it('a three-digit year of 100 or more stays as it is, and fails step 5', () => {
    expect(parsed('1 Jan 100 00:00:00')).toBeNull();
    expect(parsed('1 Jan 999 00:00:00')).toBeNull();
  });
});

describe('§5.1.1 step 5: abort on a missing part or a field out of range', () => {
  it.each([
    ['day 0', '0 Jan 2015 00:00:00', null],
    ['day 1', '1 Jan 2015 00:00:00', 'Thu, 01 Jan 2015 00:00:00 GMT'],
    ['day 31', '31 Jan 2015 00:00:00', 'Sat, 31 Jan 2015 00:00:00 GMT'],
    ['day 32', '32 Jan 2015 00:00:00', null],
    ['year 1600', '1 Jan 1600 00:00:00', null],
    ['year 1601', '1 Jan 1601 00:00:00', 'Mon, 01 Jan 1601 00:00:00 GMT'],
    ['year 9999', '31 Dec 9999 23:59:59', 'Fri, 31 Dec 9999 23:59:59 GMT'],
    ['hour 23', '1 Jan 2015 23:00:00', 'Thu, 01 Jan 2015 23:00:00 GMT'],
    ['hour 24', '1 Jan 2015 24:00:00', null],
    ['minute 59', '1 Jan 2015 00:59:00', 'Thu, 01 Jan 2015 00:59:00 GMT'],
    ['minute 60', '1 Jan 2015 00:60:00', null],
    ['second 59', '1 Jan 2015 00:00:59', 'Thu, 01 Jan 2015 00:00:59 GMT'],
    ['second 60 (a leap second cannot be written)', '31 Dec 2016 23:59:60', null],
    ['no time', '1 Jan 2015', null],
    ['nothing', 'IAintNoDateFool', null],
  ])('%s: %j', (_, text, expected) => {
    expect(parsed(text)).toBe(expected);
  });
});

describe('§5.1.1 step 6: the date must exist', () => {
  it.each([
    ['30 February', '30 Feb 2020 00:00:00', null],
    ['29 February of a leap year', '29 Feb 2020 00:00:00', 'Sat, 29 Feb 2020 00:00:00 GMT'],
    ['29 February of a common year', '29 Feb 2021 00:00:00', null],
    ['29 February 1900 (not a leap year)', '29 Feb 1900 00:00:00', null],
    ['29 February 2000 (a leap year)', '29 Feb 2000 00:00:00', 'Tue, 29 Feb 2000 00:00:00 GMT'],
    ['31 April', '31 Apr 2015 00:00:00', null],
    ['31 June', '31 Jun 2015 00:00:00', null],
    ['31 September', '31 Sep 2015 00:00:00', null],
    ['31 November', '31 Nov 2015 00:00:00', null],
    ['30 April', '30 Apr 2015 00:00:00', 'Thu, 30 Apr 2015 00:00:00 GMT'],
  ])('%s: %j', (_, text, expected) => {
    expect(parsed(text)).toBe(expected);
  });
});

describe('§5.1.1 step 7: the result', () => {
  it('is the UTC instant, whatever zone the text names', () => {
    expect(parseCookieDate('Wed, 21 Oct 2015 07:28:00 GMT')?.getTime()).toBe(
      Date.UTC(2015, 9, 21, 7, 28),
    );
    expect(parseCookieDate('Wed, 21 Oct 2015 07:28:00 PST -0800')?.getTime()).toBe(
      Date.UTC(2015, 9, 21, 7, 28),
    );
  });

  it('returns a fresh Date each time', () => {
    const a = parseCookieDate('21 Oct 2015 07:28:00');
    const b = parseCookieDate('21 Oct 2015 07:28:00');
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
  });

  it('remembers only the last date: each text, read in place or alone, in any order, gives its own instant', () => {
    const texts = [
      '21 Oct 2015 07:28:00',
      'Wed, 21 Oct 2015 07:28:01 GMT',
      '30 Feb 2020 00:00:00',
      '',
    ];
    const line = `x; Expires=${texts[1]}; y`;
    const at = line.indexOf('Wed');
    for (const order of [texts, [...texts].reverse(), [texts[0], texts[0], texts[2], texts[2]]]) {
      for (const text of order as string[]) {
        const expected = toughParseDate(text)?.getTime() ?? Number.NaN;
        expect(parseCookieDateMs(`?${text}?`, 1, text.length + 1)).toBe(expected);
        expect(parseCookieDate(text)?.getTime() ?? Number.NaN).toBe(expected);
        expect(parseCookieDateMs(line, at, at + 29)).toBe(Date.UTC(2015, 9, 21, 7, 28, 1));
      }
    }
  });
});

describe('parseCookieDateMs memory', () => {
  it('answers from memory only for the same text and range', () => {
    const line = 'Wed, 21 Oct 2015 07:28:00 GMT; Thu, 22 Oct 2015 07:28:00 GMT';
    const first = Date.UTC(2015, 9, 21, 7, 28);
    expect(parseCookieDateMs(line, 0, 29)).toBe(first);
    expect(parseCookieDateMs(line, 0, 29)).toBe(first);
    // Same text, other range: a new parse each time.
    expect(parseCookieDateMs(line, 31, 60)).toBe(Date.UTC(2015, 9, 22, 7, 28));
    expect(parseCookieDateMs(line, 0, 10)).toBeNaN();
    expect(parseCookieDateMs(line, 0, 29)).toBe(first);
    // Another string of the same content and range: the same answer.
    expect(parseCookieDateMs(JSON.parse(JSON.stringify(line)) as string, 0, 29)).toBe(first);
  });
});

describe('parseCookieDate on hostile input', () => {
  it('returns undefined for a non-string instead of throwing', () => {
    for (const value of [undefined, null, 42, {}, ['1 Jan 2015 00:00:00']]) {
      expect(parseCookieDate(value as unknown as string)).toBeUndefined();
    }
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const result = parseCookieDate(text);
        return result === undefined || Number.isFinite(result.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['delimiters', ' ,;-/'.repeat(200_000), null],
    ['one huge digit token', '9'.repeat(1_000_000), null],
    ['one huge time-like token', '1:'.repeat(500_000), null],
    ['a million tiny tokens', '1 '.repeat(500_000), null],
    ['digits and colons between delimiters', '12:34 5:6: 78-'.repeat(72_000), null],
    [
      'a date after a megabyte of delimiters',
      `${'-'.repeat(1_000_000)}21 Oct 2015 07:28:00`,
      'Wed, 21 Oct 2015 07:28:00 GMT',
    ],
    [
      'a date before a megabyte of look-alikes',
      `21 Oct 2015 07:28:00 ${'99 Dec 1999 00:00:00 '.repeat(50_000)}`,
      'Wed, 21 Oct 2015 07:28:00 GMT',
    ],
  ])('a 1 MB string of %s finishes', (_, text, expected) => {
    expect(text.length).toBeGreaterThanOrEqual(1_000_000);
    expect(parsed(text)).toBe(expected);
  });
});

/** Date-like text: the four parts (sometimes broken, sometimes doubled) in any order, among noise. */
const dateLikeText = fc
  .array(
    fc.oneof(
      fc.constantFrom('Jan', 'feb', 'MARCH', 'Sept', 'Wed', 'GMT', 'x', 'janx', 'Thursday'),
      fc.stringMatching(/^\d{1,5}$/),
      fc.stringMatching(/^\d{1,3}:\d{1,3}:\d{1,3}[a-z0-9:]?$/),
      fc.stringMatching(/^\d{1,4}[a-z:]$/),
    ),
    { maxLength: 7 },
  )
  .chain((tokens) =>
    fc
      .array(fc.constantFrom(' ', ', ', '-', '/', '\t', ';', '(', '', ':', 'é'), {
        minLength: tokens.length,
        maxLength: tokens.length,
      })
      .map((seps) => tokens.map((t, i) => t + (seps[i] ?? '')).join('')),
  );

describe('parseCookieDate against tough-cookie (another RFC 6265 §5.1.1 implementation)', () => {
  it('agrees on date-like text', () => {
    fc.assert(
      fc.property(dateLikeText, (text) => {
        expect(parseCookieDate(text)?.getTime()).toBe(toughParseDate(text)?.getTime());
      }),
      { numRuns: 3000 },
    );
  });
});

describe('formatCookieDate', () => {
  it.each([
    [0, 'Thu, 01 Jan 1970 00:00:00 GMT'],
    [-1, 'Wed, 31 Dec 1969 23:59:59 GMT'],
    [1_445_412_480_750, 'Wed, 21 Oct 2015 07:28:00 GMT'],
    [Date.UTC(2000, 1, 29, 12, 5, 9), 'Tue, 29 Feb 2000 12:05:09 GMT'],
    [MIN_DATE.getTime(), 'Mon, 01 Jan 1601 00:00:00 GMT'],
    [MAX_DATE.getTime(), 'Fri, 31 Dec 9999 23:59:59 GMT'],
  ])('epoch ms %d -> %s', (ms, expected) => {
    expect(formatCookieDate(ms)).toBe(expected);
    expect(formatCookieDate(new Date(ms))).toBe(expected);
  });

  it('drops milliseconds (rounds down, also before 1970)', () => {
    expect(formatCookieDate(999)).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(formatCookieDate(-999)).toBe('Wed, 31 Dec 1969 23:59:59 GMT');
  });

  it('never serves a stale cached string', () => {
    expect(formatCookieDate(1000)).toBe('Thu, 01 Jan 1970 00:00:01 GMT');
    expect(formatCookieDate(1999)).toBe('Thu, 01 Jan 1970 00:00:01 GMT');
    expect(formatCookieDate(2000)).toBe('Thu, 01 Jan 1970 00:00:02 GMT');
    expect(formatCookieDate(1000)).toBe('Thu, 01 Jan 1970 00:00:01 GMT');
  });

  it('range-checks every call, whatever the call before formatted (issue 20 row 7)', () => {
    // The last valid millisecond, then half a millisecond past it: the same second, out of range.
    expect(formatCookieDate(253402300799999)).toBe('Fri, 31 Dec 9999 23:59:59 GMT');
    expect(() => formatCookieDate(253402300799999.5)).toThrow(CookieError);
    expect(formatCookieDate(-11644473600000)).toBe('Mon, 01 Jan 1601 00:00:00 GMT');
    expect(() => formatCookieDate(-11644473600000.5)).toThrow(CookieError);
  });

  it.each([
    ['an invalid Date', new Date(Number.NaN), '"Invalid Date"'],
    ['NaN', Number.NaN, '"NaN"'],
    ['Infinity', Number.POSITIVE_INFINITY, '"Infinity"'],
    ['a non-Date object', Object.create(Date.prototype) as Date, '"[object Object]"'],
    ['a year before 1601', Date.UTC(1600, 11, 31, 23, 59, 59, 999), '"1600-12-31T23:59:59.999Z"'],
    ['a year after 9999', Date.UTC(10000, 0, 1), '"+010000-01-01T00:00:00.000Z"'],
  ])('throws CookieError for %s', (_, value, quoted) => {
    let error: unknown;
    try {
      formatCookieDate(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CookieError);
    expect((error as CookieError).code).toBe('ERR_COOKIE_ATTRIBUTE_INVALID');
    expect((error as CookieError).message).toMatch(/^cookie expires is invalid: /);
    expect((error as CookieError).message).toContain(quoted);
  });

  it('matches Date.prototype.toUTCString for every instant of years 1601-9999', () => {
    fc.assert(
      fc.property(fc.date({ min: MIN_DATE, max: MAX_DATE, noInvalidDate: true }), (date) => {
        expect(formatCookieDate(date)).toBe(date.toUTCString());
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips through parseCookieDate to the second', () => {
    fc.assert(
      fc.property(fc.date({ min: MIN_DATE, max: MAX_DATE, noInvalidDate: true }), (date) => {
        const back = parseCookieDate(formatCookieDate(date));
        expect(back?.getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
      }),
      { numRuns: 5000 },
    );
  });
});
