/**
 * @module Every fast-check property over shortbread's parsers and builders, defined once and run
 * twice: by `properties.test.ts` with a few thousand inputs each (`FUZZ_RUNS`, default 2000) and by
 * `scripts/fuzz.ts` (`npm run fuzz`) with at least 100 000 each.
 *
 * The properties are the security contract of received input: parsers never throw, return
 * null-prototype records, leave `Object.prototype` as it was, and signed reads reject only with the
 * typed `BadData` family. Builders either refuse with `CookieError` or write something that parses
 * back to what they were given.
 */

import fc from 'fast-check';
import {
  findAllCookies,
  findCookie,
  parseCookie,
  parseCookieList,
  stringifyCookie,
} from '../../src/codec/cookie.js';
import { parse as compatParse } from '../../src/codec/cookie-compat.js';
import { formatCookieDate, parseCookieDate } from '../../src/codec/cookie-date.js';
import { decodeWerkzeugValue } from '../../src/codec/cookie-value.js';
import { isCookieError } from '../../src/codec/errors.js';
import { MAX_AGE_LIMIT_SECONDS } from '../../src/codec/limits.js';
import { parseSetCookie, stringifySetCookie } from '../../src/codec/set-cookie.js';
import { splitSetCookie } from '../../src/codec/split-set-cookie.js';
import type { StringifySetCookieOptions } from '../../src/codec/types.js';
import { CookieJar } from '../../src/jar/cookie-jar.js';
import { fromJarJson, toJarJson } from '../../src/jar/formats/json.js';
import { fromNetscape, toNetscape } from '../../src/jar/formats/netscape.js';
import { fromToughCookieJson, toToughCookieJson } from '../../src/jar/formats/tough-cookie-json.js';
import type { JarCookie } from '../../src/jar/types.js';
import { RequestCookies } from '../../src/server/request-cookies.js';
import { MemorySessionStore } from '../../src/session/memory-store.js';
import { Sessions } from '../../src/session/sessions.js';
import { BadData } from '../../src/signing/errors.js';
import { FlaskSessionCodec } from '../../src/signing/flask-session.js';
import { seal, unseal } from '../../src/signing/seal.js';
import { Signer } from '../../src/signing/signer.js';
import { TimestampSigner } from '../../src/signing/timestamp-signer.js';
import { URLSafeTimedSerializer } from '../../src/signing/url-safe-serializer.js';

/** One named property; `run` checks it on `numRuns` inputs and returns how many were tried. */
export interface FuzzProperty {
  readonly name: string;
  /** Async properties (WebCrypto/HMAC) cost more per input; the runner may scale their count. */
  readonly async: boolean;
  run(numRuns: number, seed?: number, options?: RunOptions): Promise<number>;
}

/** How a run treats the bugs already reported (see SECURITY.md, "Open findings"). */
export interface RunOptions {
  /**
   * Skip (with `fc.pre`) the inputs of the known, reported bugs, so that the rest of each property
   * still gets its full count of inputs. Off by default: `npm test` and `npm run fuzz` stay red until
   * the bugs are fixed. `npm run fuzz -- --skip-known` turns it on.
   */
  skipKnownBugs?: boolean;
}

let skipKnownBugs = false;

/** Under `skipKnownBugs`, discards an input that hits a reported bug; otherwise does nothing. */
function unlessKnownBug(hit: boolean): void {
  if (skipKnownBugs) fc.pre(!hit);
}

/**
 * The decoding that pairs with an encoding: the werkzeug encoding writes a literal `%XX` raw (as
 * Werkzeug does), so it is read back with Werkzeug's own reading (finding 3, resolved by design).
 */
function decoderFor(encoding: string | undefined): { decode: (raw: string) => string } | undefined {
  return encoding === 'werkzeug' ? { decode: decodeWerkzeugValue } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries: hostile text made of the characters cookie parsers have tripped on.

/** Names that collide with Object.prototype members or pollute it when used as plain-object keys. */
export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__lookupGetter__',
  'isPrototypeOf',
] as const;

const hostileUnits = [
  ';',
  '; ',
  '=',
  '"',
  '%',
  '\\',
  ',',
  ' ',
  '\t',
  '\x00',
  '\x01',
  '\x7f',
  '\n',
  '\r',
  'é',
  '\u{1F36A}',
  '\ud800',
  '\udc00',
  '%2',
  '%zz',
  '%20',
  '%C3%A9',
  '%ff',
  '\\0',
  '\\"',
  '\\377',
  '\\303\\251',
  'a',
  'b',
  'Z',
  '0',
  '9',
  '/',
  '.',
  '-',
  '_',
  'Expires=',
  'Max-Age=',
  'Domain=',
  'Path=/',
  'Secure',
  'HttpOnly',
  'SameSite=',
  'Partitioned',
  'Wed, 21 Oct 2015 07:28:00 GMT',
  '__Host-',
  '__Secure-',
  ...PROTOTYPE_NAMES,
];

/** Text biased toward separators, quotes, escapes, controls, surrogates and prototype names. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...hostileUnits), maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 40,
    }),
  },
);

const nameArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES),
  hostileText,
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
);

/** A `Cookie` header: pairs of hostile names and values, or hostile text outright. */
export const cookieHeaderArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.tuple(nameArb, hostileText, fc.constantFrom('; ', ';', ';;', ' ; ', ', ')), {
      maxLength: 12,
    })
    .map((pairs) => pairs.map(([n, v, sep]) => `${n}=${v}${sep}`).join('')),
  hostileText,
);

/** A `Set-Cookie` line: a pair then attributes with hostile names and values. */
export const setCookieLineArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      nameArb,
      hostileText,
      fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(
              'Expires',
              'Max-Age',
              'Domain',
              'Path',
              'Secure',
              'HttpOnly',
              'SameSite',
              'Partitioned',
              'Priority',
              'expires',
              'DOMAIN',
            ),
            hostileText,
          ),
          fc.option(
            fc.oneof(
              hostileText,
              fc.constantFrom(
                'Lax',
                'strict',
                'None',
                '/',
                '/a/b',
                'example.com',
                '.Example.COM',
                '__proto__',
                '0',
                '-1',
                '99999999999999999999',
                'Wed, 21 Oct 2015 07:28:00 GMT',
                'Thu, 01 Jan 1970 00:00:00 GMT',
                'High',
              ),
            ),
          ),
        ),
        { maxLength: 8 },
      ),
    )
    .map(
      ([n, v, attrs]) =>
        `${n}=${v}${attrs.map(([a, val]) => (val === null ? `; ${a}` : `; ${a}=${val}`)).join('')}`,
    ),
  hostileText,
);

// ---------------------------------------------------------------------------------------------
// Invariants.

/** Own keys of the prototypes a parser could pollute, as one comparable string. */
export function prototypeSnapshot(): string {
  const keys = (o: object): string =>
    [...Object.getOwnPropertyNames(o), ...Object.getOwnPropertySymbols(o).map(String)]
      .sort()
      .join(',');
  return `${keys(Object.prototype)}|${keys(Array.prototype)}|${keys(Function.prototype)}`;
}

function fail(message: string): never {
  throw new Error(message);
}

function assertNullPrototype(value: object, what: string): void {
  if (Object.getPrototypeOf(value) !== null) fail(`${what} does not have a null prototype`);
}

function assertStringRecord(record: Record<string, unknown>, what: string): void {
  assertNullPrototype(record, what);
  for (const key of Object.keys(record)) {
    if (typeof record[key] !== 'string') fail(`${what}[${JSON.stringify(key)}] is not a string`);
  }
}

function assertPrototypesUnchanged(before: string): void {
  if (prototypeSnapshot() !== before) fail('a prototype changed while parsing');
}

function assertBadData(error: unknown, what: string): void {
  if (!(error instanceof BadData)) {
    fail(
      `${what} rejected with ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)}, not BadData`,
    );
  }
}

/** A copy of `text` with one edit: a character replaced, inserted or removed, or a cut. */
const mutationArb = fc.tuple(
  fc.constantFrom('replace', 'insert', 'delete', 'truncate'),
  fc.nat(),
  fc.constantFrom('A', 'a', '.', '-', '_', '0', '=', '%', ' ', '\u00e9'),
);
function mutate(text: string, [kind, at, char]: [string, number, string]): string {
  const i = text.length === 0 ? 0 : at % text.length;
  if (kind === 'replace') return text.slice(0, i) + char + text.slice(i + 1);
  if (kind === 'insert') return text.slice(0, i) + char + text.slice(i);
  if (kind === 'delete') return text.slice(0, i) + text.slice(i + 1);
  return text.slice(0, i);
}

/** Runs a property and fails with fast-check's report (seed and counterexample) when it fails. */
async function check(
  property: fc.IRawProperty<unknown>,
  numRuns: number,
  seed?: number,
): Promise<number> {
  const params: fc.Parameters<unknown> = seed === undefined ? { numRuns } : { numRuns, seed };
  const details = await fc.check(property as fc.IAsyncProperty<unknown>, params);
  if (details.failed) {
    const cause =
      details.errorInstance instanceof Error
        ? details.errorInstance.message
        : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\nError: ${cause}`);
  }
  return details.numRuns;
}

function sync<T extends [unknown, ...unknown[]]>(
  name: string,
  arbitraries: { [K in keyof T]: fc.Arbitrary<T[K]> },
  predicate: (...args: T) => void,
): FuzzProperty {
  return {
    name,
    async: false,
    run: async (numRuns, seed, options) => {
      skipKnownBugs = options?.skipKnownBugs === true;
      try {
        return await check(fc.property(...arbitraries, predicate), numRuns, seed);
      } finally {
        skipKnownBugs = false;
      }
    },
  };
}

function async<T extends [unknown, ...unknown[]]>(
  name: string,
  arbitraries: { [K in keyof T]: fc.Arbitrary<T[K]> },
  predicate: (...args: T) => Promise<void>,
): FuzzProperty {
  return {
    name,
    async: true,
    run: async (numRuns, seed, options) => {
      skipKnownBugs = options?.skipKnownBugs === true;
      try {
        return await check(fc.asyncProperty(...arbitraries, predicate), numRuns, seed);
      } finally {
        skipKnownBugs = false;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Fixtures for the signing properties (fixed clock: no test depends on the wall clock).

const NOW = 1_764_000_000; // 2025-11-24, Unix seconds
const NOW_MS = NOW * 1000;
const KEY = 'fuzz-secret-key-that-is-long-enough';
const signer = new Signer([KEY, 'older-key'], { salt: 'fuzz' });
const timestampSigner = new TimestampSigner(KEY, { salt: 'fuzz' });
const flask = new FlaskSessionCodec({ secretKey: KEY, fallbacks: ['old-secret'] });
// The same derivation as FlaskSessionCodec, used to sign arbitrary payloads so that the payload
// decoder (base64, zlib, tagged JSON) is reached: an attacker without the key never gets this far,
// but a leaked old key or a bug in the signer would hand it to them.
const flaskSigner = new URLSafeTimedSerializer<unknown>(KEY, {
  salt: 'cookie-session',
  keyDerivation: 'hmac',
  digestMethod: 'sha1',
}).signer as TimestampSigner;
const SEAL_KEYS = [
  { id: 'old', secret: 'TNFqhNle5x-W3IIw82KTexOyLEZOivCSODWOXQTCzmU' },
  { id: 'new', secret: 'XSr5fpDNlEZKOxo0_BxVDOY9UTCv_308B9tnH_Rq3p8' },
];

/** JSON-like values a session holds (integers stay in the 32-bit range: Python ints round trip). */
const sessionValueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 8 })),
        tie('value'),
      ),
      {
        maxLength: 4,
      },
    )
    .map((entries) => {
      const o: Record<string, unknown> = Object.create(null);
      for (const [k, v] of entries) o[k] = v;
      return o;
    }),
})).object;

/** Deep equality that treats null-prototype and plain objects alike, and sees `__proto__` keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  }
  if (
    typeof a === 'object' &&
    a !== null &&
    typeof b === 'object' &&
    b !== null &&
    !Array.isArray(b)
  ) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return (
      ka.length === kb.length &&
      ka.every(
        (k, i) =>
          k === kb[i] &&
          sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Round-trip arbitraries for the builders.

const tokenChars = [
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&'*+-.^_`|~",
];
const wireNameArb = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.string({ unit: fc.constantFrom(...tokenChars), minLength: 1, maxLength: 16 }),
);
const wireValueArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({
    unit: fc.constantFrom(...hostileUnits.filter((u) => !/[\ud800-\udfff]/.test(u))),
    maxLength: 20,
  }),
);
const pathArb = fc
  .string({ unit: fc.constantFrom(...'abcz09/._-~'), maxLength: 20 })
  .map((p) => `/${p}`);
const domainArb = fc.constantFrom(
  'example.com',
  '.Example.COM',
  'a.b.example.org',
  'localhost',
  'xn--caf-dma.fr',
);

const setCookieOptionsArb: fc.Arbitrary<StringifySetCookieOptions> = fc.record(
  {
    encoding: fc.constantFrom('uri' as const, 'werkzeug' as const),
    path: pathArb,
    domain: domainArb,
    maxAge: fc.integer({ min: -10, max: 500 * 86400 }),
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    sameSite: fc.constantFrom('strict' as const, 'Lax' as const, 'none' as const),
    partitioned: fc.boolean(),
    priority: fc.constantFrom('low' as const, 'High' as const),
  },
  { requiredKeys: ['encoding'] },
);

/** Arbitrary option bags, including wrong types, for "builders throw only CookieError". */
const anyOptionsArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    encoding: fc.oneof(fc.constantFrom('uri', 'werkzeug', 'raw'), hostileText),
    path: fc.oneof(hostileText, fc.constant(undefined)),
    domain: fc.oneof(hostileText, fc.constant(undefined)),
    maxAge: fc.oneof(fc.double(), fc.integer(), fc.constant(Number.NaN)),
    expires: fc.oneof(fc.date({ noInvalidDate: false }), fc.double()),
    secure: fc.boolean(),
    httpOnly: fc.boolean(),
    sameSite: fc.oneof(fc.constantFrom('strict', 'Lax', 'none', 'None'), hostileText),
    partitioned: fc.boolean(),
    priority: fc.oneof(fc.constantFrom('low', 'High'), hostileText),
    syncExpires: fc.boolean(),
    now: fc.oneof(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.constant(NOW_MS)),
  },
  { requiredKeys: [] },
);

function canStringify(value: unknown): boolean {
  try {
    String(value);
    return true;
  } catch {
    return false;
  }
}

function onlyCookieError(what: string, build: () => unknown): void {
  try {
    build();
  } catch (error) {
    if (!isCookieError(error)) {
      fail(
        `${what} threw ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error)}, not CookieError`,
      );
    }
  }
}

// Jar: request URLs, some of them on names a plain-object index would choke on.
const jarUrlArb = fc.constantFrom(
  'https://example.com/',
  'http://example.com/a/b',
  'https://sub.example.com/a',
  'http://localhost:3000/',
  'https://__proto__.example/',
  'http://constructor/',
  'https://127.0.0.1/x',
  'not a url',
);

// Sessions: one on the cookie store, one on a server store, and a valid cookie of each to edit.
const cookieSessions = new Sessions({ secret: KEY, fallbacks: ['old-secret'] });
const serverSessions = new Sessions({ secret: KEY, store: new MemorySessionStore() });

/** Text a `Headers` object accepts: ByteString code units, no CR, LF or NUL. */
function toHeaderValue(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) & 0xff;
    out += c === 0 || c === 0x0a || c === 0x0d ? ' ' : String.fromCharCode(c);
  }
  return out.trim();
}

/** The session cookie's value from a response's Set-Cookie header. */
function sessionCookieOf(response: Response): string {
  const line = response.headers.getSetCookie()[0] ?? '';
  return line.slice(
    line.indexOf('=') + 1,
    line.indexOf(';') === -1 ? undefined : line.indexOf(';'),
  );
}

// ---------------------------------------------------------------------------------------------
// The properties.

export const properties: readonly FuzzProperty[] = [
  sync(
    'parseCookie: never throws, null prototype, string values, prototypes unchanged',
    [cookieHeaderArb],
    (header) => {
      const before = prototypeSnapshot();
      const cookies = parseCookie(header);
      assertStringRecord(cookies, 'parseCookie()');
      assertPrototypesUnchanged(before);
    },
  ),

  sync(
    'parse (cookie-package signature): never throws, null prototype, prototypes unchanged',
    [cookieHeaderArb],
    (header) => {
      const before = prototypeSnapshot();
      const cookies = compatParse(header);
      assertNullPrototype(cookies, 'parse()');
      assertPrototypesUnchanged(before);
    },
  ),

  sync(
    'parseCookieList: never throws; every first occurrence agrees with parseCookie',
    [cookieHeaderArb],
    (header) => {
      const list = parseCookieList(header);
      const record = parseCookie(header);
      const seen = new Set<string>();
      for (const [name, value] of list) {
        if (typeof name !== 'string' || typeof value !== 'string')
          fail('parseCookieList gave a non-string');
        if (seen.has(name)) continue;
        seen.add(name);
        if (record[name] !== value)
          fail(`parseCookieList and parseCookie disagree on ${JSON.stringify(name)}`);
      }
      if (seen.size !== Object.keys(record).length)
        fail('parseCookieList and parseCookie see different names');
    },
  ),

  sync(
    'findCookie/findAllCookies: never throw; agree with parseCookie and parseCookieList',
    [cookieHeaderArb, fc.oneof(nameArb, fc.constantFrom('a', 'b', ''))],
    (header, name) => {
      const found = findCookie(header, name);
      const record = parseCookie(header);
      if (found !== record[name])
        fail(`findCookie(${JSON.stringify(name)}) disagrees with parseCookie`);
      const all = findAllCookies(header, name);
      if (all[0] !== found) fail('findAllCookies()[0] disagrees with findCookie');
      const fromList = parseCookieList(header).filter(([n]) => n === name).length;
      if (all.length !== fromList) fail('findAllCookies disagrees with parseCookieList');
    },
  ),

  sync(
    'RequestCookies: never throws; get() agrees with parseCookie, before and after a full parse',
    [cookieHeaderArb, nameArb],
    (header, name) => {
      const before = prototypeSnapshot();
      const lazy = new RequestCookies(header);
      const early = lazy.get(name);
      const record = parseCookie(header);
      if (early !== record[name]) fail('RequestCookies.get (lazy) disagrees with parseCookie');
      const names = [...lazy].map(([n]) => n);
      if (names.length !== Object.keys(record).length)
        fail('RequestCookies iterates a different set of names');
      if (lazy.get(name) !== record[name])
        fail('RequestCookies.get (parsed) disagrees with parseCookie');
      lazy.getAll(name);
      assertPrototypesUnchanged(before);
    },
  ),

  sync(
    'parseSetCookie: never throws; a result has string name/value, boolean flags, prototypes unchanged',
    [setCookieLineArb],
    (line) => {
      const before = prototypeSnapshot();
      const c = parseSetCookie(line, { now: NOW_MS });
      assertPrototypesUnchanged(before);
      if (c === undefined) return;
      if (typeof c.name !== 'string' || typeof c.value !== 'string') fail('name/value not strings');
      if (
        typeof c.secure !== 'boolean' ||
        typeof c.httpOnly !== 'boolean' ||
        typeof c.partitioned !== 'boolean'
      ) {
        fail('a flag is not a boolean');
      }
      if (c.expires !== undefined && Number.isNaN(c.expires.getTime()))
        fail('Expires is an invalid Date');
      if (c.expires !== undefined && c.expires.getTime() > NOW_MS + MAX_AGE_LIMIT_SECONDS * 1000) {
        fail('Expires beyond the 400-day cap');
      }
      if (c.maxAge !== undefined && !(c.maxAge <= MAX_AGE_LIMIT_SECONDS))
        fail('Max-Age beyond the 400-day cap');
      if (c.path !== undefined && !c.path.startsWith('/')) fail('Path kept without a leading "/"');
    },
  ),

  sync(
    'splitSetCookie: never throws; every piece is a string; arrays of odd types are survived',
    [
      fc.oneof(
        setCookieLineArb,
        fc.array(fc.oneof(setCookieLineArb, fc.anything()), { maxLength: 5 }),
      ),
    ],
    (input) => {
      const pieces = splitSetCookie(input as string | string[]);
      if (!Array.isArray(pieces) || pieces.some((p) => typeof p !== 'string'))
        fail('not an array of strings');
    },
  ),

  sync(
    'splitSetCookie: lines built by stringifySetCookie and joined with ", " (as fetch joins them) split back',
    [
      fc.array(fc.tuple(wireNameArb, wireValueArb, setCookieOptionsArb, fc.boolean()), {
        minLength: 1,
        maxLength: 5,
      }),
    ],
    (cookies) => {
      const lines: string[] = [];
      for (const [name, value, options, withExpires] of cookies) {
        const opts: StringifySetCookieOptions = { ...options, now: NOW_MS };
        if (withExpires) opts.expires = NOW_MS + 3600_000;
        if (opts.partitioned || opts.sameSite === 'none') opts.secure = true;
        try {
          lines.push(stringifySetCookie(name, value, opts));
        } catch (error) {
          if (!isCookieError(error)) throw error;
        }
      }
      const split = splitSetCookie(lines.join(', '));
      if (JSON.stringify(split) !== JSON.stringify(lines)) {
        fail(`split ${JSON.stringify(split)} != built ${JSON.stringify(lines)}`);
      }
    },
  ),

  sync(
    'parseCookieDate: never throws; gives undefined or a valid Date',
    [fc.oneof(hostileText, fc.string())],
    (text) => {
      const d = parseCookieDate(text);
      if (d !== undefined && (!(d instanceof Date) || Number.isNaN(d.getTime())))
        fail('invalid Date returned');
    },
  ),

  sync(
    'formatCookieDate -> parseCookieDate: round trip to the second (years 1601-9999)',
    [
      fc.date({
        min: new Date('1601-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      }),
    ],
    (date) => {
      const back = parseCookieDate(formatCookieDate(date));
      const expected = Math.floor(date.getTime() / 1000) * 1000;
      if (back === undefined || back.getTime() !== expected) {
        fail(
          `${formatCookieDate(date)} parsed to ${String(back?.toISOString())}, expected ${new Date(expected).toISOString()}`,
        );
      }
    },
  ),

  sync(
    'stringifySetCookie -> parseSetCookie: round trip of name, value and every attribute',
    [wireNameArb, wireValueArb, setCookieOptionsArb],
    (name, value, options) => {
      const opts: StringifySetCookieOptions = { ...options, now: NOW_MS };
      let line: string;
      try {
        line = stringifySetCookie(name, value, opts);
      } catch (error) {
        if (isCookieError(error)) return; // refused: prefix rules, SameSite=None without Secure...
        throw error;
      }
      const c = parseSetCookie(line, { now: NOW_MS, ...decoderFor(options.encoding) });
      if (c === undefined) fail(`built line ${JSON.stringify(line)} is ignored by parseSetCookie`);
      if (c.name !== name) fail(`name ${JSON.stringify(c.name)} != ${JSON.stringify(name)}`);
      if (c.value !== value)
        fail(
          `value ${JSON.stringify(c.value)} != ${JSON.stringify(value)} (line ${JSON.stringify(line)})`,
        );
      if (c.path !== opts.path) fail(`path ${String(c.path)} != ${String(opts.path)}`);
      if (opts.domain !== undefined && c.domain !== opts.domain.replace(/^\./, '').toLowerCase()) {
        fail(`domain ${String(c.domain)} != ${opts.domain}`);
      }
      if (opts.maxAge !== undefined && c.maxAge !== Math.min(opts.maxAge, MAX_AGE_LIMIT_SECONDS)) {
        fail(`maxAge ${String(c.maxAge)} != ${opts.maxAge}`);
      }
      if (c.secure !== (opts.secure ?? false) || c.httpOnly !== (opts.httpOnly ?? false))
        fail('flags differ');
      if (c.partitioned !== (opts.partitioned ?? false)) fail('partitioned differs');
      if (opts.sameSite !== undefined && c.sameSite !== opts.sameSite.toLowerCase())
        fail('sameSite differs');
      if (opts.priority !== undefined && c.priority !== opts.priority.toLowerCase())
        fail('priority differs');
    },
  ),

  sync(
    'stringifyCookie -> parseCookie: round trip of every pair (uri and werkzeug encodings)',
    [
      fc.uniqueArray(fc.tuple(wireNameArb, wireValueArb), { selector: ([n]) => n, maxLength: 8 }),
      fc.constantFrom('uri' as const, 'werkzeug' as const),
    ],
    (pairs, encoding) => {
      const header = stringifyCookie(pairs, { encoding });
      const back = parseCookie(header, decoderFor(encoding));
      for (const [name, value] of pairs) {
        if (back[name] !== value) {
          fail(
            `${JSON.stringify(name)}: ${JSON.stringify(back[name])} != ${JSON.stringify(value)} in ${JSON.stringify(header)}`,
          );
        }
      }
      if (Object.keys(back).length !== pairs.length)
        fail(`extra or missing names in ${JSON.stringify(header)}`);
    },
  ),

  sync(
    'builders (stringifySetCookie, stringifyCookie) throw nothing but CookieError on any input',
    [nameArb, fc.oneof(hostileText, fc.anything()), anyOptionsArb],
    (name, value, options) => {
      // Known bug 4: an instant outside the Date range (Expires, or now + Max-Age with syncExpires).
      const now = typeof options.now === 'number' ? options.now : NOW_MS;
      const maxAge = typeof options.maxAge === 'number' ? options.maxAge : 0;
      unlessKnownBug(
        (typeof options.expires === 'number' && Math.abs(options.expires) > 8.64e15) ||
          (options.syncExpires === true && Math.abs(now + maxAge * 1000) > 8.64e15),
      );
      // Known bug 6: a value whose String() throws (an object without toString) breaks the message.
      unlessKnownBug(typeof value === 'object' && value !== null && !canStringify(value));
      onlyCookieError('stringifySetCookie', () =>
        stringifySetCookie(name, value as string, options as StringifySetCookieOptions),
      );
      onlyCookieError('stringifyCookie', () =>
        stringifyCookie([[name, value as string]], options as never),
      );
      // `serialize` is `cookie` 1.x's, TypeError and all: test/cookie-compat-differential.test.ts.
    },
  ),

  async(
    'Signer.unsign: arbitrary text rejects only with BadSignature/BadData',
    [hostileText],
    async (text) => {
      try {
        await signer.unsign(text);
        fail(`unsigned forged input ${JSON.stringify(text)}`);
      } catch (error) {
        assertBadData(error, 'Signer.unsign');
      }
    },
  ),

  async(
    'Signer: a signed value with one edit is refused or reads back the same value',
    [fc.string({ maxLength: 30 }), mutationArb],
    async (value, edit) => {
      const token = await signer.sign(value);
      const edited = mutate(token, edit);
      try {
        const back = await signer.unsign(edited);
        if (back !== value)
          fail(`edited token ${JSON.stringify(edited)} verified as ${JSON.stringify(back)}`);
      } catch (error) {
        assertBadData(error, 'Signer.unsign');
      }
    },
  ),

  async(
    'TimestampSigner.unsign: arbitrary and edited tokens reject only with BadData',
    [hostileText, mutationArb, fc.option(fc.integer({ min: -5, max: 100 }))],
    async (text, edit, maxAge) => {
      const options = maxAge === null ? { now: NOW_MS } : { now: NOW_MS, maxAge };
      for (const candidate of [
        text,
        mutate(await timestampSigner.sign(text, { now: (NOW - 10) * 1000 }), edit),
      ]) {
        try {
          await timestampSigner.unsign(candidate, options);
        } catch (error) {
          assertBadData(error, 'TimestampSigner.unsign');
        }
      }
    },
  ),

  async(
    'FlaskSessionCodec.decode: arbitrary text, edited cookies and signed garbage payloads reject only with BadData',
    [
      hostileText,
      mutationArb,
      fc.oneof(hostileText, fc.constantFrom('.', '.eJw', '.eJyrVkpUslIqLU4tUqoFAB2mBAk')),
    ],
    async (text, edit, payload) => {
      const before = prototypeSnapshot();
      const cookie = await flask.encode({ a: 1 }, { now: NOW_MS });
      const forged = await flaskSigner.sign(payload, { now: NOW_MS });
      for (const candidate of [text, mutate(cookie, edit), forged]) {
        try {
          const session = await flask.decode(candidate, { now: NOW_MS });
          assertNullPrototype(session, 'FlaskSessionCodec.decode()');
        } catch (error) {
          assertBadData(error, 'FlaskSessionCodec.decode');
        }
      }
      assertPrototypesUnchanged(before);
    },
  ),

  async(
    'FlaskSessionCodec encode -> decode: round trip, __proto__ keys stay keys, prototypes unchanged',
    [sessionValueArb],
    async (session) => {
      const before = prototypeSnapshot();
      const cookie = await flask.encode(session as object, { now: NOW_MS });
      const back = await flask.decode(cookie, { now: (NOW + 1) * 1000 });
      assertNullPrototype(back, 'FlaskSessionCodec.decode()');
      if (!sameJson(back, session))
        fail(`decoded ${JSON.stringify(back)} != ${JSON.stringify(session)}`);
      assertPrototypesUnchanged(before);
    },
  ),

  async(
    'unseal: arbitrary text and edited tokens reject only with BadData',
    [hostileText, mutationArb],
    async (text, edit) => {
      const token = await seal({ u: 1 }, { keys: SEAL_KEYS, now: NOW_MS, context: 'fuzz' });
      for (const candidate of [
        text,
        mutate(token, edit),
        `v1.new.${text}`,
        `v1.old.${text}.${text}`,
      ]) {
        try {
          const value = await unseal(candidate, { keys: SEAL_KEYS, now: NOW_MS, context: 'fuzz' });
          if (candidate !== token && !sameJson(value, { u: 1 }))
            fail(`edited token opened to ${JSON.stringify(value)}`);
        } catch (error) {
          assertBadData(error, 'unseal');
        }
      }
    },
  ),

  async(
    'seal -> unseal: round trip of JSON values',
    [sessionValueArb, fc.constantFrom('', 'session', '__proto__')],
    async (value, context) => {
      const token = await seal(value, { keys: SEAL_KEYS, now: NOW_MS, ttl: 60, context });
      const back = await unseal(token, { keys: SEAL_KEYS, now: (NOW + 59) * 1000, context });
      if (!sameJson(JSON.parse(JSON.stringify(back)), JSON.parse(JSON.stringify(value)))) {
        fail(`unsealed ${JSON.stringify(back)} != ${JSON.stringify(value)}`);
      }
    },
  ),

  async(
    'Sessions.load: any Cookie header, or a valid session cookie with one edit, gives a session, never an error',
    [cookieHeaderArb, mutationArb, fc.boolean()],
    async (header, edit, server) => {
      const sessions = server ? serverSessions : cookieSessions;
      const fresh = await sessions.load(new Request('http://example.com/'), { now: NOW_MS });
      fresh.set('user', 42);
      const saved = sessionCookieOf(
        await sessions.commit(fresh, new Response('ok'), { now: NOW_MS }),
      );
      if (saved.length < 20) fail(`no session cookie was written: ${JSON.stringify(saved)}`);
      for (const cookie of [header, `session=${header}`, `session=${mutate(saved, edit)}`]) {
        const request = new Request('http://example.com/', {
          headers: { cookie: toHeaderValue(cookie) },
        });
        const session = await sessions.load(request, { now: NOW_MS });
        const user = session.get('user');
        if (user !== undefined && user !== 42) fail(`an edited cookie loaded user ${String(user)}`);
      }
    },
  ),

  sync(
    'CookieJar.setCookie: any line from any URL never throws; prototypes unchanged',
    [fc.array(fc.tuple(setCookieLineArb, jarUrlArb), { maxLength: 6 }), jarUrlArb],
    (writes, readUrl) => {
      const before = prototypeSnapshot();
      const jar = new CookieJar();
      for (const [line, url] of writes) {
        jar.setCookie(line, url, { now: NOW_MS });
        jar.setCookieResult(line, url, { now: NOW_MS, http: false });
      }
      jar.getCookies(readUrl, { now: NOW_MS });
      jar.getCookieHeader(readUrl, { now: NOW_MS });
      jar.allCookies();
      assertPrototypesUnchanged(before);
    },
  ),

  sync(
    'jar formats (Netscape, JSON, tough-cookie JSON): any text or JSON value is read without throwing; prototypes unchanged',
    [
      fc.oneof(
        hostileText,
        fc.json(),
        fc
          .array(
            fc.tuple(hostileText, hostileText, fc.constantFrom('TRUE', 'FALSE', '#HttpOnly_')),
            {
              maxLength: 5,
            },
          )
          .map((rows) => rows.map(([a, b, f]) => `${a}\t${f}\t/\t${f}\t0\t${b}\t${a}`).join('\n')),
        fc
          .array(
            fc.record({
              key: fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), hostileText),
              name: fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), hostileText),
              value: hostileText,
              domain: fc.oneof(fc.constantFrom('example.com', '__proto__'), hostileText),
              path: fc.oneof(fc.constant('/'), hostileText),
              expires: fc.oneof(fc.constant('Infinity'), hostileText, fc.integer()),
            }),
            { maxLength: 4 },
          )
          .map((cookies) => JSON.stringify({ cookies, version: 1 })),
      ),
    ],
    (text) => {
      const before = prototypeSnapshot();
      for (const cookies of [fromNetscape(text), fromJarJson(text), fromToughCookieJson(text)]) {
        if (!Array.isArray(cookies)) fail('a format reader did not give an array');
      }
      assertPrototypesUnchanged(before);
    },
  ),

  sync(
    'jar formats: the jar written as Netscape, JSON and tough-cookie JSON reads back the same cookies',
    [
      fc.array(
        fc.tuple(
          fc.constantFrom('a', 'b', '__proto__', 'constructor'),
          fc.string({ unit: fc.constantFrom(...tokenChars), maxLength: 12 }),
          fc.constantFrom('/', '/a', '/a/b'),
          fc.constantFrom(
            '',
            '; Secure',
            '; HttpOnly',
            '; SameSite=Lax',
            '; Domain=example.com',
            '; Max-Age=600',
          ),
        ),
        { maxLength: 8 },
      ),
    ],
    (writes) => {
      const jar = new CookieJar();
      for (const [name, value, path, attrs] of writes) {
        jar.setCookie(`${name}=${value}; Path=${path}${attrs}`, 'https://www.example.com/a/b', {
          now: NOW_MS,
        });
      }
      const all = jar.allCookies();
      const key = (c: JarCookie): string =>
        [
          c.name,
          c.value,
          c.domain,
          c.path,
          c.hostOnly,
          c.secure,
          c.httpOnly,
          c.expires?.getTime() ?? 'session',
        ].join('|');
      const want = all.map(key).sort();
      const readers: Array<[string, JarCookie[]]> = [
        ['Netscape', fromNetscape(toNetscape(all, { now: NOW_MS }), { now: NOW_MS })],
        ['JSON', fromJarJson(JSON.stringify(toJarJson(all)))],
        [
          'tough-cookie JSON',
          fromToughCookieJson(JSON.stringify(toToughCookieJson(all)), { now: NOW_MS }),
        ],
      ];
      for (const [format, back] of readers) {
        const got = back.map(key).sort();
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          fail(`${format}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
        }
      }
    },
  ),

  sync(
    'CookieJar.getCookies: longer paths first, then earlier creation (RFC 6265bis §5.8.3 step 2)',
    [
      fc.array(
        fc.tuple(
          fc.constantFrom('a', 'b', '__proto__', 'constructor'),
          fc.constantFrom('/', '/a', '/a/b', '/a/b/c', '/ab'),
          fc.nat({ max: 1000 }),
        ),
        { maxLength: 12 },
      ),
    ],
    (writes) => {
      const jar = new CookieJar();
      for (const [name, path, dt] of writes) {
        jar.setCookie(`${name}=${dt}; Path=${path}`, 'https://example.com/a/b/c/d', {
          now: NOW_MS + dt,
        });
      }
      const got = jar.getCookies('https://example.com/a/b/c/d', { now: NOW_MS + 2000 });
      for (let i = 1; i < got.length; i++) {
        const prev = got[i - 1] as (typeof got)[number];
        const cur = got[i] as (typeof got)[number];
        const longer = prev.path.length - cur.path.length;
        if (longer < 0 || (longer === 0 && prev.creation.getTime() > cur.creation.getTime())) {
          fail(
            `order broken at ${i}: ${JSON.stringify(got.map((c) => [c.name, c.path, c.creation.getTime()]))}`,
          );
        }
      }
      const identities = new Set(got.map((c) => `${c.name}\n${c.path}`));
      if (identities.size !== got.length) fail('two cookies share (name, domain, path)');
    },
  ),
];
