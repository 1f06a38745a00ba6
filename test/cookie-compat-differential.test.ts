/**
 * The `cookie` compat against `cookie` itself (issue 18, item 1): `cookie` 0.7.2 (devDependency
 * alias `cookie-v0`) against `shortbread/compat/cookie0`, and `cookie` 1.1.1 (`cookie-v1`) against
 * `shortbread/compat/cookie1` and the root's `parse`/`serialize`. Each call runs on both sides and
 * the outcomes must be equal: the same result (own keys in the same order, the same values, the same
 * kind of prototype), or a throw of the same class with the same message.
 *
 * The inputs: every input that `cookie`'s own test suites exercise at tags v0.7.2 (test/parse.js,
 * test/serialize.js) and v1.1.1 (src/*.spec.ts, with the top-site samples of scripts/*.json, kept in
 * test/fixtures/cookie-top-sites), written out here, each suite run against both lines; then
 * fast-check headers, names, values and every option with valid and invalid values.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as compat0 from '../src/compat-cookie0.js';
import * as compat1 from '../src/compat-cookie1.js';
import { parse as rootParse, serialize as rootSerialize } from '../src/index.js';
import topCookie from './fixtures/cookie-top-sites/top-cookie.json' with { type: 'json' };
import topSetCookie from './fixtures/cookie-top-sites/top-set-cookie.json' with { type: 'json' };

type Fn = (...args: never[]) => unknown;
const require = createRequire(import.meta.url);
/** `cookie` 0.7.2 ships no types: its two functions, typed loosely on purpose. */
const theirs0 = require('cookie-v0') as { parse: Fn; serialize: Fn };
const theirs1 = require('cookie-v1') as Record<
  | 'parse'
  | 'parseCookie'
  | 'serialize'
  | 'stringifySetCookie'
  | 'stringifyCookie'
  | 'parseSetCookie',
  Fn
>;

/** Ours under the names the tests look up, each entry's function by name. */
const ours0 = { parse: compat0.parse, serialize: compat0.serialize };
const ours1 = {
  parse: compat1.parse,
  parseCookie: compat1.parseCookie,
  serialize: compat1.serialize,
  stringifySetCookie: compat1.stringifySetCookie,
  stringifyCookie: compat1.stringifyCookie,
  parseSetCookie: compat1.parseSetCookie,
};
const root = { parse: rootParse, serialize: rootSerialize };

/** What a call gave, in a form `toStrictEqual` compares: a normalized value or the error thrown. */
type Outcome = { value: unknown } | { threw: string; message: string };

/** A result's shape: prototype kind, own keys in order, values (Dates kept as Dates). */
function normalize(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  const proto = Object.getPrototypeOf(value) as object | null;
  // `cookie` 1.x builds its record from a class whose prototype is an empty prototype-less object;
  // ours has no prototype at all. Neither has inherited keys, which is what a caller can observe.
  const kind =
    proto === Object.prototype
      ? 'Object'
      : proto === null ||
          (Object.getPrototypeOf(proto) === null && Reflect.ownKeys(proto).length === 0)
        ? 'no prototype'
        : 'other';
  return { kind, entries: Object.entries(value).map(([k, v]) => [k, normalize(v)]) };
}

function outcome(call: () => unknown): Outcome {
  try {
    return { value: normalize(call()) };
  } catch (error) {
    const e = error as Error;
    return { threw: e?.constructor?.name ?? typeof error, message: String(e?.message) };
  }
}

/** Asserts the same outcome from both functions on `args` and returns it (for the tallies). */
function same(ours: Fn, theirs: Fn, args: unknown[]): Outcome {
  const expected = outcome(() => theirs(...(args as never[])));
  const actual = outcome(() => ours(...(args as never[])));
  expect(actual, `args ${String(describeArgs(args))}`).toStrictEqual(expected);
  return expected;
}

function describeArgs(args: unknown[]): string {
  try {
    return JSON.stringify(args, (_k, v) =>
      typeof v === 'function' ? `[function ${v.name}]` : typeof v === 'symbol' ? String(v) : v,
    );
  } catch {
    return args.map((a) => typeof a).join(', ');
  }
}

// --- Decoders and encoders the suites use (base64 both ways, identity, upper case) -------------
const fromBase64 = (v: string) => Buffer.from(v, 'base64').toString();
const toBase64 = (v: string) => Buffer.from(v, 'utf8').toString('base64');
const identity = (v: string) => v;
const upper = (v: string) => v.toUpperCase();
const dashesToSpaces = (v: string) => v.replace(/-/g, ' ');

// --- The inputs of cookie 0.7.2's test/parse.js --------------------------------------------------
const PARSE_0: unknown[][] = [
  [],
  [42],
  ...[
    'foo=bar',
    'foo=123',
    'FOO    = bar;   baz  =   raz',
    'foo=; bar=',
    'f=',
    'f=;b=',
    'foo="bar=123456789&name=Magic+Mouse"',
    'email=%20%22%2c%3b%2f',
    'foo="bar"',
    'foo=" a b c "',
    '  foo  =  "bar"  ',
    '  foo  =  bar  ;  fizz  =  buzz  ',
    ' foo = " a b c " ',
    ' = bar ',
    ' foo = ',
    '   =   ',
    '\tfoo\t=\tbar\t',
    'foo=%1;bar=bar',
    'foo=bar;fizz  ;  buzz',
    '  fizz; foo=  bar',
    'foo=%1;bar=bar;foo=boo',
    'foo=false;bar=bar;foo=true',
    'foo=;bar=bar;foo=boo',
    'toString=foo;valueOf=bar',
  ].map((header) => [header]),
  ['foo="YmFy"', { decode: fromBase64 }],
];

// --- The inputs of cookie 1.1.1's src/parse-cookie.spec.ts (with its top-site headers) ----------
const PARSE_1: unknown[][] = [
  ...Object.values(topCookie).map((header) => [header]),
  ...[
    'foo=bar',
    'foo=123',
    'FOO    = bar;   baz  =   raz',
    '',
    'foo=; bar=',
    'f=',
    'f=;b=',
    'foo="bar=123456789&name=Magic+Mouse"',
    'email=%20%22%2c%3b%2f',
    '  foo  =  "bar"  ',
    '  foo  =  bar  ;  fizz  =  buzz  ',
    ' foo = " a b c " ',
    ' = bar ',
    ' foo = ',
    '   =   ',
    '\tfoo\t=\tbar\t',
    'foo=%1;bar=bar',
    'foo=bar;fizz  ;  buzz',
    '  fizz; foo=  bar',
    'foo=%1;bar=bar;foo=boo',
    'foo=false;bar=bar;foo=true',
    'foo=;bar=bar;foo=boo',
    'toString=foo;valueOf=bar',
  ].map((header) => [header]),
  ['foo="YmFy"', { decode: fromBase64 }],
];

// --- The inputs of cookie 0.7.2's test/serialize.js ---------------------------------------------
const NAMES_0_VALID = ['foo', ..."!#$'*+-.^_`|~7".split('').map((c) => `foo${c}bar`)];
const NAMES_0_INVALID = [
  'foo\n',
  'foo\u280a',
  'foo/foo',
  'foo,foo',
  'foo;foo',
  'foo@foo',
  'foo[foo]',
  'foo?foo',
  'foo:foo',
  'foo{foo}',
  'foo foo',
  'foo\tfoo',
  'foo"foo',
  'foo<script>foo',
];
const DOMAINS_VALID = [
  'example.com',
  'sub.example.com',
  '.example.com',
  'localhost',
  '.localhost',
  'my-site.org',
];
const DOMAINS_INVALID = [
  'example.com\n',
  'sub.example.com\u0000',
  'my site.org',
  'domain..com',
  'example.com; Path=/',
  'example.com /* inject a comment */',
];
const PATHS_VALID = [
  '/',
  '/login',
  '/foo.bar/baz',
  '/foo-bar',
  '/foo=bar?baz',
  '/foo"bar"',
  '/../foo/bar',
  '../foo/',
  './',
];
const PATHS_INVALID = [
  '/\n',
  '/foo\u0000',
  '/path/with\rnewline',
  '/; Path=/sensitive-data',
  '/login"><script>alert(1)</script>',
];
const EXPIRES = new Date(Date.UTC(2000, 11, 24, 10, 30, 59, 900));
const withOptions = (options: object[]) => options.map((o) => ['foo', 'bar', o]);

const SERIALIZE_0: unknown[][] = [
  ['foo', 'bar'],
  ['foo', 'bar +baz'],
  ['foo', ''],
  ...NAMES_0_VALID.map((name) => [name, 'baz']),
  ...NAMES_0_INVALID.map((name) => [name, 'bar']),
  ...withOptions(DOMAINS_VALID.map((domain) => ({ domain }))),
  ...withOptions(DOMAINS_INVALID.map((domain) => ({ domain }))),
  ...withOptions([{ encode: 42 }, { encode: toBase64 }]),
  ['foo', '+ \n', { encode: identity }],
  ['foo', 'foo bar', { encode: identity }],
  ...withOptions([
    { expires: 42 },
    { expires: new Date(Number.NaN) },
    { expires: EXPIRES },
    { httpOnly: true },
    { httpOnly: false },
    { maxAge: 'buzz' },
    { maxAge: Number.POSITIVE_INFINITY },
    { maxAge: 1000 },
    { maxAge: '1000' },
    { maxAge: 0 },
    { maxAge: '0' },
    { maxAge: 3.14 },
    { maxAge: 3.99 },
    { maxAge: null },
    { partitioned: true },
    { partitioned: false },
    {},
  ]),
  ...withOptions(PATHS_VALID.map((path) => ({ path }))),
  ...withOptions(PATHS_INVALID.map((path) => ({ path }))),
  ...withOptions(
    ['foo', 42, 'Low', 'loW', 'Medium', 'medium', 'High', 'HIGH'].map((priority) => ({ priority })),
  ),
  ...withOptions(
    ['foo', 'Strict', 'strict', 'Lax', 'lax', 'None', 'none', true, false].map((sameSite) => ({
      sameSite,
    })),
  ),
  ...withOptions([{ secure: true }, { secure: false }]),
];

// --- The inputs of cookie 1.1.1's src/stringify-set-cookie.spec.ts -------------------------------
const NAMES_1_VALID = [
  'foo',
  ...',!#$\'*+-.^_`|~7/@[]:{}"<>?\\'.split('').map((c) => `foo${c}bar`),
];
const NAMES_1_INVALID = ['foo\n', 'foo\u280a', 'foo=bar', 'foo;bar', 'foo bar', 'foo\tbar'];

const SERIALIZE_1: unknown[][] = [
  ['foo', 'bar'],
  ['foo', 'bar +baz'],
  ['foo', ''],
  [{ name: 'foo', value: 'bar +baz' }],
  [{ name: 'foo', value: 'bar+baz' }, { encode: identity }],
  ['foo', 'test', { value: 'ignored' }],
  ...NAMES_1_VALID.map((name) => [name, 'baz']),
  ...NAMES_1_INVALID.map((name) => [name, 'bar']),
  ...withOptions(DOMAINS_VALID.map((domain) => ({ domain }))),
  ...withOptions(DOMAINS_INVALID.map((domain) => ({ domain }))),
  ...withOptions([{ encode: toBase64 }]),
  ...['foo=bar', 'foo"bar', 'foo,bar', 'foo\\bar', 'foo$bar'].map((v) => [
    'foo',
    v,
    { encode: identity },
  ]),
  ...['+\n', 'foo bar', 'foo\tbar', 'foo;bar', 'foo\u280a'].map((v) => [
    'foo',
    v,
    { encode: identity },
  ]),
  ...withOptions([
    { expires: new Date(Number.NaN) },
    { expires: EXPIRES },
    { httpOnly: true },
    { httpOnly: false },
    { maxAge: 'buzz' },
    { maxAge: Number.POSITIVE_INFINITY },
    { maxAge: 3.14 },
    { maxAge: 1000 },
    { maxAge: 0 },
    { maxAge: undefined },
    { partitioned: true },
    { partitioned: false },
    {},
  ]),
  ...withOptions(PATHS_VALID.map((path) => ({ path }))),
  ...withOptions(PATHS_INVALID.map((path) => ({ path }))),
  ...withOptions(['foo', 42, 'low', 'medium', 'high', 'High'].map((priority) => ({ priority }))),
  ...withOptions(
    ['foo', 'strict', 'lax', 'none', true, false, 'Lax'].map((sameSite) => ({ sameSite })),
  ),
  ...withOptions([{ secure: true }, { secure: false }]),
];

// --- The inputs of cookie 1.1.1's src/stringify-cookie.spec.ts -----------------------------------
const STRINGIFY_COOKIE_1: unknown[][] = [
  [{ key: 'value' }],
  [{ a: '1', b: '2' }],
  [{ a: '1', b: undefined }],
  [{ 'test=': '' }],
  [{ test: ';' }, { encode: identity }],
];

// --- The inputs of cookie 1.1.1's src/parse-set-cookie.spec.ts (with its top-site lines) --------
const PARSE_SET_COOKIE_1: unknown[][] = [
  ...Object.values(topSetCookie)
    .flat()
    .map((line) => [line]),
  ...[
    'key=value',
    'key=',
    'value',
    '  key  =  value  ',
    '\tkey\t=\tvalue\t',
    '',
    '   ',
    'key=value%20with%20spaces',
    'key=value=with=equals',
    'key=value; UnknownAttr=somevalue; AnotherOne',
    'key=value; HttpOnly; Secure',
    'key=value; HttpOnly=true; Secure=false',
    'key=value;    HttpOnly   ;   Secure   ',
    'key=value;;; HttpOnly;;; Secure;;',
    'key=value; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
    'key=value; Expires=InvalidDate',
    'key=value; Max-Age=3600',
    'key=value; Max-Age=Invalid',
    'key=value; Max-Age=123abc',
    'key=value; Max-Age=1.5',
    'key=value; Max-Age=-1',
    'key=value; Domain=example.com',
    'key=value; Path=/some/path',
    'key=value; HttpOnly',
    'key=value; Secure',
    'key=value; Partitioned',
    ...['Strict', 'strict', 'Lax', 'lax', 'None', 'none', 'Invalid'].map(
      (s) => `key=value; SameSite=${s}`,
    ),
    ...['Low', 'low', 'Medium', 'medium', 'High', 'high', 'Invalid'].map(
      (p) => `key=value; Priority=${p}`,
    ),
  ].map((line) => [line]),
  ['key=value-with-dashes', { decode: dashesToSpaces }],
];

describe('cookie 0.7.2 against shortbread/compat/cookie0 on the inputs of both suites', () => {
  it.each([
    ['parse', 'v0.7.2 test/parse.js', PARSE_0],
    ['parse', 'v1.1.1 parse-cookie.spec.ts', PARSE_1],
    ['serialize', 'v0.7.2 test/serialize.js', SERIALIZE_0],
    ['serialize', 'v1.1.1 stringify-set-cookie.spec.ts', SERIALIZE_1],
  ] as const)('%s on the inputs of %s', (name, _suite, cases) => {
    const outcomes = cases.map((args) => same(ours0[name] as Fn, theirs0[name], args));
    expect(outcomes.length).toBe(cases.length);
  });

  it('the suite facts that made the issue hold here: quotes stripped, maxAge "1000" accepted', () => {
    expect(ours0.parse('foo="bar"')).toStrictEqual({ foo: 'bar' });
    expect(ours0.serialize('foo', 'bar', { maxAge: '1000' })).toBe('foo=bar; Max-Age=1000');
  });
});

describe('cookie 1.1.1 against shortbread/compat/cookie1 and the root on the inputs of both suites', () => {
  const pairs = [
    ['parse', 'parse'],
    ['parseCookie', 'parse'],
    ['serialize', 'serialize'],
    ['stringifySetCookie', 'serialize'],
  ] as const;
  it.each([
    ['parse', 'v0.7.2 test/parse.js', PARSE_0],
    ['parse', 'v1.1.1 parse-cookie.spec.ts', PARSE_1],
    ['serialize', 'v0.7.2 test/serialize.js', SERIALIZE_0],
    ['serialize', 'v1.1.1 stringify-set-cookie.spec.ts', SERIALIZE_1],
  ] as const)('%s (every name of it) on the inputs of %s', (name, _suite, cases) => {
    for (const [theirName, rootName] of pairs) {
      if (rootName !== name) continue;
      for (const args of cases) {
        same(ours1[theirName] as Fn, theirs1[theirName], args);
        same(root[rootName] as Fn, theirs1[theirName], args);
      }
    }
  });

  it.each([
    ['stringifyCookie', 'v1.1.1 stringify-cookie.spec.ts', STRINGIFY_COOKIE_1],
    ['parseSetCookie', 'v1.1.1 parse-set-cookie.spec.ts', PARSE_SET_COOKIE_1],
  ] as const)('%s on the inputs of %s', (name, _suite, cases) => {
    for (const args of cases) same(ours1[name] as Fn, theirs1[name], args);
  });

  it('the suite facts that made the issue hold here: quotes kept, "+" encoded in the object form', () => {
    expect(root.parse('foo="bar"')).toStrictEqual(
      Object.assign(Object.create(null), { foo: '"bar"' }),
    );
    expect(root.serialize({ name: 'foo', value: 'a+b' })).toBe('foo=a%2Bb');
  });
});

// --- Generated inputs ------------------------------------------------------------------------------

/** Header text: the characters and runs that steer cookie parsers, mixed with any text. */
const headerArb = fc.oneof(
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          ';',
          '=',
          ' ',
          '\t',
          '"',
          '%',
          '%2',
          '%20',
          '%E2%82%AC',
          '%A1',
          '%u5317',
          ',',
        ),
        fc.constantFrom('a', 'b', 'foo', '__proto__', 'toString', 'constructor', 'hasOwnProperty'),
        fc.string({ maxLength: 6 }),
      ),
      { maxLength: 24 },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Decoders: none, identity, one that throws, one that returns undefined, one that rewrites. */
const decodeArb = fc.constantFrom<unknown>(
  undefined,
  null,
  false,
  identity,
  upper,
  (v: string) => {
    if (v.includes('%')) throw new URIError('bad');
    return v;
  },
  (v: string) => (v.length > 2 ? undefined : v),
);

const textArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', ' ', 'a b', '"q"', '"', 'x;y', 'a=b', '\ud800', 'a\udfff', '€', '%', '%zz'),
);

/** Names: tokens of either line's alphabet, edge cases, and any text. */
const nameArb = fc.oneof(
  fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,8}$/),
  fc.stringMatching(/^[\x21-\x7e]{1,8}$/),
  textArb,
);

/** Values: text, and the non-strings `cookie` coerces (numbers, null, objects, symbols). */
const valueArb = fc.oneof(
  { weight: 4, arbitrary: textArb },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      0,
      1234,
      -1.5,
      null,
      undefined,
      true,
      { toString: () => 'obj' },
      ['a', 'b'],
      Symbol('s'),
    ),
  },
);

const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(arb, fc.constantFrom<unknown>(undefined, null, '', 0, false));

/** Every option of `serialize`, each with valid and invalid values. */
const optionsArb = fc.record(
  {
    encode: fc.constantFrom<unknown>(
      undefined,
      null,
      42,
      'x',
      identity,
      upper,
      toBase64,
      (v: string) => v.length,
      () => {
        throw new RangeError('encoder failed');
      },
    ),
    maxAge: maybe(
      fc.oneof(
        fc.integer({ min: -1e6, max: 1e9 }),
        fc.double(),
        fc.constantFrom<unknown>('1000', '0', ' 12 ', '1e3', 'buzz', '-1', true, [], {}, 2 ** 53),
      ),
    ),
    domain: maybe(
      fc.oneof(
        fc.constantFrom(...DOMAINS_VALID, ...DOMAINS_INVALID, 'a-.com', `${'x'.repeat(64)}.com`),
        fc.stringMatching(/^\.?[a-zA-Z0-9-]{1,8}(\.[a-zA-Z0-9-]{1,8}){0,2}$/),
        textArb,
      ),
    ),
    path: maybe(fc.oneof(fc.constantFrom(...PATHS_VALID, ...PATHS_INVALID), textArb)),
    expires: maybe(
      fc.oneof(
        fc.date({ noInvalidDate: false }),
        fc.constantFrom<unknown>(new Date(Number.NaN), 42, 'Wed, 21 Oct 2015 07:28:00 GMT', {}),
      ),
    ),
    httpOnly: fc.constantFrom<unknown>(true, false, 1, 0, 'yes', '', null, undefined),
    secure: fc.constantFrom<unknown>(true, false, 1, 0, 'yes', '', null, undefined),
    partitioned: fc.constantFrom<unknown>(true, false, 1, 0, 'yes', '', null, undefined),
    priority: fc.constantFrom<unknown>(
      'low',
      'Medium',
      'HIGH',
      'foo',
      '',
      42,
      true,
      null,
      undefined,
    ),
    sameSite: fc.constantFrom<unknown>(
      true,
      false,
      'lax',
      'Strict',
      'NONE',
      'foo',
      '',
      1,
      null,
      undefined,
    ),
  },
  { requiredKeys: [] },
);

const RUNS = 3000;

/** Returned and thrown outcomes of the generated calls, so a test can see both kinds were reached. */
function counting(): {
  count: (o: Outcome) => void;
  both: () => { returned: number; threw: number };
} {
  let returned = 0;
  let threw = 0;
  return {
    count: (o) => {
      if ('threw' in o) threw++;
      else returned++;
    },
    both: () => ({ returned, threw }),
  };
}

/** Each kind of outcome is at least a tenth of the calls: the generators reach both sides. */
function expectBothKinds({ returned, threw }: { returned: number; threw: number }): void {
  const total = returned + threw;
  expect(returned).toBeGreaterThan(total / 10);
  expect(threw).toBeGreaterThan(total / 10);
}

describe('generated inputs: cookie 0.7.2 against shortbread/compat/cookie0', () => {
  it(`parse on ${RUNS} generated headers and decoders`, () => {
    fc.assert(
      fc.property(headerArb, decodeArb, (header, decode) => {
        same(ours0.parse as Fn, theirs0.parse, [header]);
        same(ours0.parse as Fn, theirs0.parse, [header, { decode }]);
      }),
      { numRuns: RUNS },
    );
  });

  it(`serialize on ${RUNS} generated names, values and options`, () => {
    const tally = counting();
    fc.assert(
      fc.property(nameArb, valueArb, optionsArb, (name, value, options) => {
        tally.count(same(ours0.serialize as Fn, theirs0.serialize, [name, value, options]));
        tally.count(same(ours0.serialize as Fn, theirs0.serialize, [name, value]));
      }),
      { numRuns: RUNS },
    );
    expectBothKinds(tally.both());
  });
});

describe('generated inputs: cookie 1.1.1 against shortbread/compat/cookie1 and the root', () => {
  it(`parse and parseSetCookie on ${RUNS} generated headers and decoders`, () => {
    fc.assert(
      fc.property(headerArb, decodeArb, (header, decode) => {
        same(ours1.parse as Fn, theirs1.parse, [header]);
        same(root.parse as Fn, theirs1.parse, [header, { decode }]);
        same(ours1.parseSetCookie as Fn, theirs1.parseSetCookie, [header]);
        same(ours1.parseSetCookie as Fn, theirs1.parseSetCookie, [header, { decode }]);
      }),
      { numRuns: RUNS },
    );
  });

  it(`serialize (both forms) and stringifyCookie on ${RUNS} generated names, values and options`, () => {
    const tally = counting();
    fc.assert(
      fc.property(nameArb, valueArb, optionsArb, (name, value, options) => {
        tally.count(same(root.serialize as Fn, theirs1.serialize, [name, value, options]));
        tally.count(
          same(ours1.stringifySetCookie as Fn, theirs1.stringifySetCookie, [name, value]),
        );
        const { encode, ...attributes } = options;
        same(ours1.serialize as Fn, theirs1.serialize, [
          { ...attributes, name, value },
          { encode },
        ]);
        same(ours1.stringifyCookie as Fn, theirs1.stringifyCookie, [
          { [String(name)]: value, b: 'x y' },
          { encode },
        ]);
      }),
      { numRuns: RUNS },
    );
    expectBothKinds(tally.both());
  });
});
