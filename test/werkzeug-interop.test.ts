/**
 * Interop with real Werkzeug, both lines the project supports: 2.2 (Debian's python3-flask, "legacy")
 * and 3.1 (the python3 on PATH, "modern").
 *
 * 1. `stringifySetCookie(..., { encoding: 'werkzeug' })` equals Werkzeug 2.2's `dump_cookie` byte for
 *    byte on every vector of test/fixtures/werkzeug-vectors.json, except the differences listed in
 *    DUMP_DIFFERENCES, each asserted for what we do instead.
 * 2. `parseCookie` reads back the cookie pair of every header either Werkzeug wrote; and both
 *    Werkzeug lines, run live (one process per stack), read back what we write (werkzeug, uri and
 *    raw encodings); 300 random names/values (fast-check, fixed seed) are also compared live with
 *    2.2's dump_cookie byte for byte and read back by both lines.
 * 3. `parseCookie` agrees with both Werkzeug lines' `parse_cookie` on tricky Cookie headers, except
 *    the differences listed in PARSE_DIFFERENCES, each asserted.
 * 4. The committed fixture is what the generator produces now, with the real libraries.
 *
 * Every header string that crosses to Python is a latin-1 view (one char per byte on the wire), as
 * WSGI hands headers over and as our builders return them. Nothing here skips: a missing Python
 * stack fails the suite.
 */
import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCookie, parseCookieList } from '../src/codec/cookie.js';
import { type CookieErrorCode, isCookieError } from '../src/codec/errors.js';
import { stringifySetCookie } from '../src/codec/set-cookie.js';
import type { CookieEncoding, StringifySetCookieOptions } from '../src/codec/types.js';
import {
  PYTHON_STACKS,
  type PythonStack,
  requirePythonStack,
  runPythonJson,
} from './helpers/python.js';

const root = resolve(import.meta.dirname, '..');
const generator = join(root, 'scripts/gen-werkzeug-vectors.py');
const fixturePath = join(root, 'test/fixtures/werkzeug-vectors.json');
const STACKS: readonly PythonStack[] = ['legacy', 'modern'];

/** The clock the 400-day caps are measured from; the vectors' expiry times are built around it. */
const FIXED_NOW_MS = 1_700_000_000_000;

// ---------------------------------------------------------------------------------------------
// The fixture's shape.
// ---------------------------------------------------------------------------------------------

type Pairs = Array<[string, string]>;
interface PythonError {
  error: string;
}
/** dump_cookie's keyword arguments as the generator passed them (expires in epoch seconds). */
interface WerkzeugOptions {
  max_age?: number;
  expires?: number;
  /** Missing: Werkzeug's default '/'. null: no Path attribute. */
  path?: string | null;
  domain?: string;
  secure?: boolean;
  httponly?: boolean;
  samesite?: string;
  partitioned?: boolean;
}
interface DumpVector {
  id: string;
  name: string;
  value: string;
  options: WerkzeugOptions;
  expected: Record<PythonStack, string | PythonError>;
  warned?: PythonStack[];
}
interface ParseVector {
  id: string;
  header: string;
  /** werkzeug.http.parse_cookie(header), every pair in order. */
  expected: Record<PythonStack, Pairs | PythonError>;
  /** Request(environ).cookies: what a Flask view sees. */
  request_cookies: Record<PythonStack, Pairs | PythonError>;
}
interface WerkzeugVectors {
  meta: { stacks: Record<PythonStack, { werkzeug: string; flask: string }> };
  dump_cookie: DumpVector[];
  parse_cookie: ParseVector[];
}

const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as WerkzeugVectors;

function isError(value: unknown): value is PythonError {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** The bytes of `text` as UTF-8, one char per byte: how a non-ASCII name or raw value is on the wire. */
function byteView(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** The reverse of byteView, for text that is valid UTF-8 as bytes. */
function fromByteView(text: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'latin1'));
}

/** dump_cookie's arguments as our options; Werkzeug's default Path `/` is passed explicitly. */
function toOptions(
  options: WerkzeugOptions,
  encoding: CookieEncoding = 'werkzeug',
): StringifySetCookieOptions {
  const out: StringifySetCookieOptions = { encoding, now: FIXED_NOW_MS };
  if (options.max_age !== undefined) out.maxAge = options.max_age;
  if (options.expires !== undefined) out.expires = options.expires * 1000;
  const path = options.path === undefined ? '/' : options.path;
  if (path !== null) out.path = path;
  if (options.domain !== undefined) out.domain = options.domain;
  if (options.secure !== undefined) out.secure = options.secure;
  if (options.httponly !== undefined) out.httpOnly = options.httponly;
  // Passed through unchecked on purpose: one vector gives an invalid SameSite to see it refused.
  if (options.samesite !== undefined)
    out.sameSite = options.samesite as StringifySetCookieOptions['sameSite'];
  if (options.partitioned !== undefined) out.partitioned = options.partitioned;
  return out;
}

/** The CookieError code `run` throws, or a string saying what happened instead. */
function codeOf(run: () => unknown): CookieErrorCode | string {
  try {
    return `no error: ${JSON.stringify(run())}`;
  } catch (error) {
    return isCookieError(error) ? error.code : `not a CookieError: ${String(error)}`;
  }
}

/** The cookie-pair of a Set-Cookie value: everything before the first attribute. */
function cookiePair(header: string): string {
  const end = header.indexOf('; ');
  return end === -1 ? header : header.slice(0, end);
}

/** Werkzeug's MultiDict.get semantics: the first value of each name. */
function firstWins(pairs: Pairs): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of pairs) if (!(name in out)) out[name] = value;
  return out;
}

function plain(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record));
}

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;

// ---------------------------------------------------------------------------------------------
// 1. dump_cookie: where we intentionally differ from Werkzeug 2.2, and what we do instead.
// ---------------------------------------------------------------------------------------------

type DumpExpectation =
  | { throws: CookieErrorCode; why: string }
  | { header: string; why: string }
  | { sameAs: 'modern'; why: string };

const DUMP_DIFFERENCES = new Map<string, DumpExpectation>();

/** Names Werkzeug writes raw but a browser would drop or misread: we refuse them. */
const refusedNameIds = [
  'key:spaces-around', // browsers trim the name: ' a ' would be stored as 'a'
  'key:semicolon', // 'a;b=v' is read as the nameless cookie 'a'
  'key:equals', // 'a=b=v' is read as name 'a', value 'b=v'
  'key:tab', // a tab in the name: Chromium drops the line
  'key:newline', // a CTL: RFC 6265bis §5.6 step 1 drops the line (and it splits the header)
];
for (let code = 0; code < 0x80; code++) {
  const c = String.fromCharCode(code);
  if (code < 0x20 || code === 0x7f || c === ';' || c === '=') {
    refusedNameIds.push(`octet-key:${hex(code)}`);
  }
}
for (const id of refusedNameIds) {
  DUMP_DIFFERENCES.set(id, {
    throws: 'ERR_COOKIE_NAME_INVALID',
    why: 'Werkzeug writes any key raw; a browser drops or misreads this one, so we refuse it',
  });
}
const clampedExpires = 'Wed, 18 Dec 2024 22:13:20 GMT'; // FIXED_NOW + 400 days
for (const [id, expectation] of Object.entries<DumpExpectation>({
  'key:empty': {
    header: 'v; Path=/',
    why: 'RFC 6265bis §5.8.3 writes a nameless cookie as its value alone; browsers store "=v" and "v" as the same nameless cookie',
  },
  'key:secure-prefix-without-secure': {
    throws: 'ERR_COOKIE_PREFIX',
    why: 'RFC 6265bis §4.1.3.1: a __Secure- cookie without Secure is dropped by browsers',
  },
  'key:host-prefix-without-secure': {
    throws: 'ERR_COOKIE_PREFIX',
    why: 'RFC 6265bis §4.1.3.2: a __Host- cookie without Secure is dropped by browsers',
  },
  'key:host-prefix-with-domain': {
    throws: 'ERR_COOKIE_PREFIX',
    why: 'RFC 6265bis §4.1.3.2: a __Host- cookie with Domain is dropped by browsers',
  },
  'value:lone-surrogate': {
    throws: 'ERR_COOKIE_VALUE_INVALID',
    why: 'a lone UTF-16 surrogate has no UTF-8 form: Werkzeug raises UnicodeEncodeError (both lines) and our uri encoding refuses it',
  },
  'key:lone-surrogate': {
    throws: 'ERR_COOKIE_NAME_INVALID',
    why: 'a lone UTF-16 surrogate has no UTF-8 form: Werkzeug raises UnicodeEncodeError (both lines)',
  },
  'attr:max-age-fraction': {
    throws: 'ERR_COOKIE_ATTRIBUTE_INVALID',
    why: 'Werkzeug writes "Max-Age=1.5", which browsers ignore (RFC 6265bis §5.6.2: digits only), leaving a session cookie',
  },
  'value:too-long-5000': {
    throws: 'ERR_COOKIE_TOO_LARGE',
    why: 'RFC 6265bis §5.6 step 5: browsers drop name+value over 4096 bytes; Werkzeug only warns',
  },
  'attr:samesite-none-insecure': {
    throws: 'ERR_COOKIE_SAMESITE_NONE_INSECURE',
    why: 'browsers reject SameSite=None without Secure; Werkzeug writes it',
  },
  'attr:samesite-invalid': {
    throws: 'ERR_COOKIE_ATTRIBUTE_INVALID',
    why: 'Werkzeug raises ValueError too (both lines)',
  },
  'attr:path-semicolon': {
    throws: 'ERR_COOKIE_ATTRIBUTE_INVALID',
    why: 'Werkzeug 2.2 writes "Path=/a;b", which a browser reads as Path=/a plus an attribute "b" (3.1 writes %3B)',
  },
  'attr:domain-localhost': {
    sameAs: 'modern',
    why: 'Werkzeug 2.2 raises ValueError for a dotless domain; 2.3+ writes it, as we do',
  },
  'attr:partitioned': {
    throws: 'ERR_COOKIE_PARTITIONED_INSECURE',
    why: 'Werkzeug 3.1 silently adds Secure (2.2 has no partitioned); we ask for secure: true',
  },
  'attr:partitioned-secure': {
    sameAs: 'modern',
    why: 'Werkzeug 2.2 has no partitioned argument (TypeError); 3.1 appends Partitioned last, as we do',
  },
  'attr:max-age-over-400-days': {
    header: 'flavor="chocolate chip"; Max-Age=34560000; Path=/',
    why: 'RFC 6265bis §5.6.2: browsers cap Max-Age at 400 days; we write what they keep',
  },
  'attr:expires-over-400-days': {
    header: `flavor="chocolate chip"; Expires=${clampedExpires}; Path=/`,
    why: 'RFC 6265bis §5.6.1: browsers cap Expires at now + 400 days; we write what they keep',
  },
  'attr:expires-2038': {
    header: `flavor="chocolate chip"; Expires=${clampedExpires}; Path=/`,
    why: 'RFC 6265bis §5.6.1: browsers cap Expires at now + 400 days; we write what they keep',
  },
})) {
  DUMP_DIFFERENCES.set(id, expectation);
}

/** Vectors whose name we refuse: nothing can read their pair back under the name Werkzeug was given. */
const unreadableNameIds = new Set(refusedNameIds);
/** Vectors we refuse to write at all, whatever the encoding. */
const refusedIds = new Set(
  [...DUMP_DIFFERENCES].filter(([, expectation]) => 'throws' in expectation).map(([id]) => id),
);

describe('stringifySetCookie(encoding: werkzeug) equals Werkzeug 2.2 dump_cookie', () => {
  it('the fixture was made by Werkzeug 2.2 and 3.1', () => {
    expect(fixture.meta.stacks.legacy.werkzeug).toMatch(PYTHON_STACKS.legacy.werkzeug);
    expect(fixture.meta.stacks.modern.werkzeug).toMatch(PYTHON_STACKS.modern.werkzeug);
    expect(fixture.dump_cookie.length).toBeGreaterThan(400);
  });

  it('every vector Werkzeug 2.2 refuses has an explicit expectation', () => {
    const refused = fixture.dump_cookie.filter((v) => isError(v.expected.legacy)).map((v) => v.id);
    expect(refused.filter((id) => !DUMP_DIFFERENCES.has(id))).toEqual([]);
  });

  it('every listed difference names a vector of the fixture', () => {
    const ids = new Set(fixture.dump_cookie.map((v) => v.id));
    expect([...DUMP_DIFFERENCES.keys()].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('covers every ASCII octet alone, inside a value and inside a name', () => {
    for (const kind of ['octet-alone', 'octet-inside', 'octet-key']) {
      const count = fixture.dump_cookie.filter((v) => v.id.startsWith(`${kind}:`)).length;
      expect(count, kind).toBe(128);
    }
  });

  it.each(fixture.dump_cookie.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const run = () => stringifySetCookie(vector.name, vector.value, toOptions(vector.options));
    const difference = DUMP_DIFFERENCES.get(vector.id);
    if (difference === undefined) {
      expect(run()).toBe(vector.expected.legacy);
    } else if ('throws' in difference) {
      expect(codeOf(run), difference.why).toBe(difference.throws);
    } else if ('sameAs' in difference) {
      expect(run(), difference.why).toBe(vector.expected.modern);
    } else {
      expect(run(), difference.why).toBe(difference.header);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2a. parseCookie reads the pair of every header either Werkzeug wrote.
// ---------------------------------------------------------------------------------------------

/** Values our parseCookie reads differently from what was written: we decode valid %XX. */
const PERCENT_DECODED = new Map<string, string>([
  ['value:percent-space', ' '], // '%20'
  ['value:percent-comma', 'a,b'], // 'a%2Cb'
]);

describe('parseCookie reads what each Werkzeug writes', () => {
  const rows = fixture.dump_cookie.flatMap((vector) =>
    STACKS.flatMap((stack) => {
      const header = vector.expected[stack];
      if (isError(header) || unreadableNameIds.has(vector.id)) return [];
      return [[`${stack} ${vector.id}`, vector, header] as const];
    }),
  );

  it('reads both lines, on all but the refused names', () => {
    expect(rows.length).toBe(
      2 * fixture.dump_cookie.length -
        2 * unreadableNameIds.size -
        fixture.dump_cookie.filter((v) => isError(v.expected.legacy)).length -
        fixture.dump_cookie.filter((v) => isError(v.expected.modern)).length,
    );
  });

  it.each(rows)('%s', (_label, vector, header) => {
    const pair = cookiePair(header);
    const expected = PERCENT_DECODED.get(vector.id) ?? vector.value;
    const cookies = parseCookie(pair);
    expect(Object.keys(cookies)).toEqual([vector.name]);
    expect(cookies[vector.name]).toBe(expected);
    expect(parseCookieList(pair)).toEqual([[vector.name, expected]]);
  });

  it('decodes %XX that Werkzeug writes raw (the one intentional difference)', () => {
    for (const [id, decoded] of PERCENT_DECODED) {
      const vector = fixture.dump_cookie.find((v) => v.id === id);
      if (vector === undefined) throw new Error(`no vector ${id}`);
      expect(vector.value).not.toBe(decoded);
      const legacy = vector.expected.legacy as string;
      // Werkzeug writes the text unquoted; a decode option that keeps it gives it back as written.
      expect(parseCookie(cookiePair(legacy), { decode: (v) => v })[vector.name]).toBe(vector.value);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2b. Both Werkzeug lines, live, read what we write.
// ---------------------------------------------------------------------------------------------

interface LiveResult {
  parse_cookie: Pairs | PythonError;
  request_cookies: Pairs | PythonError;
}
interface LiveBatch {
  versions: { werkzeug: string; flask: string };
  results: LiveResult[];
}

const ENCODINGS: readonly CookieEncoding[] = ['werkzeug', 'uri', 'raw'];

/** What `encoding: 'raw'` must refuse: CTLs, `;`, and edge spaces a browser would trim. */
function rawRefuses(value: string): boolean {
  return /[\x00-\x1f\x7f;]/.test(value) || value.startsWith(' ') || value.endsWith(' ');
}

interface Written {
  label: string;
  vector: DumpVector;
  encoding: CookieEncoding;
  /** Our Set-Cookie pair, sent back as a Cookie header. */
  header: string;
}

describe('Werkzeug 2.2 and 3.1 read what stringifySetCookie writes (live)', () => {
  const written: Written[] = [];
  const refused: string[] = [];
  // Run lazily from inside the tests (not beforeAll): a missing Python stack then fails each test
  // that needs it, instead of vitest reporting them as skipped.
  let live: Map<PythonStack, Map<string, LiveResult>> | undefined;
  function liveRead(stack: PythonStack, header: string): LiveResult | undefined {
    live ??= readLive();
    return live.get(stack)?.get(header);
  }

  // Every vector whose name we accept, with its own attributes, in each encoding.
  for (const vector of fixture.dump_cookie) {
    if (refusedIds.has(vector.id)) continue;
    for (const encoding of ENCODINGS) {
      const label = `${encoding} ${vector.id}`;
      let header: string;
      try {
        header = stringifySetCookie(vector.name, vector.value, toOptions(vector.options, encoding));
      } catch (error) {
        refused.push(`${label}: ${isCookieError(error) ? error.code : String(error)}`);
        continue;
      }
      written.push({ label, vector, encoding, header: cookiePair(header) });
    }
  }

  /** One process per stack: every distinct header we wrote, as a JSON batch on stdin. */
  function readLive(): Map<PythonStack, Map<string, LiveResult>> {
    const headers = [...new Set(written.map((w) => w.header))];
    const out = new Map<PythonStack, Map<string, LiveResult>>();
    for (const stack of STACKS) {
      const versions = requirePythonStack(stack);
      const batch = runPythonJson(
        PYTHON_STACKS[stack].command,
        [generator, '--parse'],
        headers,
      ) as LiveBatch;
      if (
        batch.results.length !== headers.length ||
        batch.versions.werkzeug !== versions.werkzeug
      ) {
        throw new Error(`the ${stack} batch answered ${batch.results.length} of ${headers.length}`);
      }
      out.set(stack, new Map(headers.map((h, i) => [h, batch.results[i] as LiveResult])));
    }
    return out;
  }

  it('refuses only raw values a browser would drop or trim', () => {
    const expected = fixture.dump_cookie
      .filter((v) => !refusedIds.has(v.id) && rawRefuses(v.value))
      .map((v) => `raw ${v.id}: ERR_COOKIE_VALUE_INVALID`);
    expect(refused).toEqual(expected);
  });

  /**
   * What each Werkzeug path reads from our header, as [name, value] pairs.
   *
   * - Non-ASCII names go out as UTF-8 bytes. werkzeug.http.parse_cookie decodes them on both lines;
   *   Werkzeug 3.1's Request.cookies (what a Flask view sees) does not decode the WSGI latin-1 string,
   *   so it sees the bytes as latin-1 text (mojibake: 'café' arrives as 'cafÃ©').
   * - encoding 'werkzeug': quoted octal escapes, which both lines decode: the value comes back.
   * - encoding 'uri': Werkzeug does not percent-decode; it reads the wire text, which
   *   decodeURIComponent turns back into the value (asserted separately).
   * - encoding 'raw': the value as sent; a value wrapped in double quotes is unquoted by Werkzeug
   *   exactly as parseCookie unquotes it; raw UTF-8 arrives as mojibake in 3.1's Request.cookies.
   * - A nameless cookie (name '') goes out as the bare value (RFC 6265bis §5.8.3), which Werkzeug
   *   reads as a name with an empty value.
   */
  function expectedPairs(w: Written, stack: PythonStack, path: keyof LiveResult): Pairs {
    const mojibake = stack === 'modern' && path === 'request_cookies';
    const name = mojibake ? byteView(w.vector.name) : w.vector.name;
    const eq = w.header.indexOf('=');
    if (w.vector.name === '') return [[mojibake ? w.header : fromByteView(w.header), '']];
    const wire = w.header.slice(eq + 1);
    let value: string;
    if (w.encoding === 'werkzeug') value = w.vector.value;
    else if (w.encoding === 'uri') value = wire;
    else if (wire.length >= 2 && wire.startsWith('"') && wire.endsWith('"'))
      value = parseCookie(w.header)[w.vector.name] as string;
    else value = mojibake ? wire : fromByteView(wire);
    return [[name, value]];
  }

  for (const stack of STACKS) {
    for (const path of ['parse_cookie', 'request_cookies'] as const) {
      it(`${stack} ${path} reads every header we write`, () => {
        const mismatches: string[] = [];
        for (const w of written) {
          const got = liveRead(stack, w.header);
          const want = expectedPairs(w, stack, path);
          if (JSON.stringify(got?.[path]) !== JSON.stringify(want)) {
            mismatches.push(
              `${w.label}: header ${JSON.stringify(w.header)} read as ${JSON.stringify(got?.[path])}, expected ${JSON.stringify(want)}`,
            );
          }
        }
        expect(mismatches).toEqual([]);
      });
    }
  }

  it('werkzeug encoding: every value comes back unchanged on both lines', () => {
    let checked = 0;
    for (const w of written) {
      if (w.encoding !== 'werkzeug' || w.vector.name === '') continue;
      for (const stack of STACKS) {
        for (const path of ['parse_cookie', 'request_cookies'] as const) {
          const pairs = liveRead(stack, w.header)?.[path];
          expect(isError(pairs) ? pairs : pairs?.[0]?.[1], `${stack} ${path} ${w.label}`).toBe(
            w.vector.value,
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('uri encoding: Werkzeug reads the percent-encoded text, which decodes to the value', () => {
    let unchanged = 0;
    for (const w of written) {
      if (w.encoding !== 'uri' || w.vector.name === '') continue;
      const pairs = liveRead('legacy', w.header)?.parse_cookie;
      const read = isError(pairs) ? undefined : pairs?.[0]?.[1];
      expect(decodeURIComponent(read ?? '\u0000missing'), w.label).toBe(w.vector.value);
      if (read === w.vector.value) unchanged++;
    }
    // Plain values (cookie-octets, no "%") need no encoding and arrive unchanged.
    expect(unchanged).toBeGreaterThan(100);
  });

  it('raw UTF-8: Werkzeug 2.2 decodes it, 3.1 Request.cookies sees mojibake', () => {
    const w = written.find((x) => x.encoding === 'raw' && x.vector.id === 'value:cafe');
    if (w === undefined) throw new Error('raw value:cafe was not written');
    expect(w.header).toBe('v=caf\u00c3\u00a9');
    expect(liveRead('legacy', w.header)?.request_cookies).toEqual([['v', 'café']]);
    expect(liveRead('modern', w.header)?.parse_cookie).toEqual([['v', 'café']]);
    expect(liveRead('modern', w.header)?.request_cookies).toEqual([['v', 'caf\u00c3\u00a9']]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2c. Random names and values (fast-check, fixed seed) against live Werkzeug, beyond the table.
// ---------------------------------------------------------------------------------------------

describe('random cookies against live Werkzeug (fast-check sample, fixed seed)', () => {
  const tricky = fc.constantFrom(
    ...['"', '\\', ',', ';', ' ', '=', '%', '\u0000', '\t', '\u001a', '\u007f', '\u0080'],
    ...['é', 'ÿ', '日', '🍪', '\ufffd', '0', '1', '3', '7', 'a', 'Z', '(', '@', '{', ':', '/'],
  );
  const value = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 24 }),
    fc.string({ unit: 'binary-ascii', maxLength: 24 }),
    fc.string({ unit: tricky, maxLength: 24 }),
  );
  // Names we accept: no CTL, ";" or "=", no edge spaces, non-empty.
  const name = fc
    .string({
      unit: fc.constantFrom('a', 'Z', '0', '-', '_', '$', '!', '"', ',', ' ', 'é', '日', '🍪'),
      minLength: 1,
      maxLength: 8,
    })
    .filter((n) => !n.startsWith(' ') && !n.endsWith(' '));
  const cases = fc.sample(fc.record({ name, value }), { numRuns: 300, seed: 20261125 });

  it('encoding werkzeug equals Werkzeug 2.2 dump_cookie byte for byte', () => {
    requirePythonStack('legacy');
    const theirs = runPythonJson(
      PYTHON_STACKS.legacy.command,
      [generator, '--dump'],
      cases.map((c) => ({ ...c, options: {} })),
    ) as { results: Array<{ header?: string; error?: string }> };
    const mismatches = cases.flatMap((c, i) => {
      const ours = stringifySetCookie(c.name, c.value, { encoding: 'werkzeug', path: '/' });
      const want = theirs.results[i]?.header;
      return ours === want
        ? []
        : [`${JSON.stringify(c)}: ours ${JSON.stringify(ours)}, 2.2 ${JSON.stringify(want)}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('both lines read back every value we write with encoding werkzeug', () => {
    const headers = cases.map((c) =>
      cookiePair(stringifySetCookie(c.name, c.value, { encoding: 'werkzeug' })),
    );
    const mismatches: string[] = [];
    for (const stack of STACKS) {
      requirePythonStack(stack);
      const batch = runPythonJson(
        PYTHON_STACKS[stack].command,
        [generator, '--parse'],
        headers,
      ) as LiveBatch;
      cases.forEach((c, i) => {
        const result = batch.results[i];
        // Werkzeug 3.1's Request.cookies does not decode a raw UTF-8 name (see above).
        const want: Record<keyof LiveResult, Pairs> = {
          parse_cookie: [[c.name, c.value]],
          request_cookies: [[stack === 'modern' ? byteView(c.name) : c.name, c.value]],
        };
        for (const path of ['parse_cookie', 'request_cookies'] as const) {
          if (JSON.stringify(result?.[path]) !== JSON.stringify(want[path])) {
            mismatches.push(
              `${stack} ${path} ${JSON.stringify(headers[i])}: ${JSON.stringify(result?.[path])}`,
            );
          }
        }
      });
    }
    expect(mismatches).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. parse_cookie vectors: the same values as Werkzeug, except where we follow the browser.
// ---------------------------------------------------------------------------------------------

interface ParseDifference {
  /** What parseCookie gives for the whole header. */
  ours: Record<string, string>;
  /** The non-empty names whose value differs from Werkzeug's (or that one side lacks); all others agree. */
  differs: string[];
  why: string;
}

const nameless =
  'RFC 6265bis §5.6 step 3 / §5.8.3: a pair without "=" is a nameless cookie, kept as name ""; Werkzeug skips an empty name and reads "x" as name "x" with value ""';
const PARSE_DIFFERENCES = new Map<string, ParseDifference>(
  Object.entries({
    'header:nameless': { ours: { '': 'x' }, differs: [], why: nameless },
    'header:nameless-then-named': { ours: { '': 'x', a: '1' }, differs: [], why: nameless },
    'header:no-equals': { ours: { '': 'x' }, differs: ['x'], why: nameless },
    'header:no-equals-then-named': { ours: { '': 'x', a: '1' }, differs: ['x'], why: nameless },
    'header:named-then-no-equals': { ours: { a: '1', '': 'x' }, differs: ['x'], why: nameless },
    'header:quoted-semicolon': {
      ours: { a: '"x', '': 'y"', b: '1' },
      differs: ['a'],
      why: 'browsers end a cookie at the first ";" even inside quotes (no browser sends one: Werkzeug escapes ";" as \\073); Werkzeug reads the quoted string whole',
    },
    'header:percent-space': {
      ours: { a: ' b' },
      differs: ['a'],
      why: 'we decode valid %XX; Werkzeug does not',
    },
    'header:percent-utf8': {
      ours: { a: 'café' },
      differs: ['a'],
      why: 'we decode valid %XX; Werkzeug does not',
    },
    'header:raw-invalid-utf8': {
      ours: { a: '\u00ff', b: '2' },
      differs: ['a'],
      why: 'bytes that are not UTF-8 stay latin-1 text; Werkzeug 2.2 replaces them with U+FFFD and 3.1 parse_cookie raises UnicodeDecodeError (3.1 Request.cookies keeps latin-1, as we do)',
    },
    'header:raw-latin1-cafe': {
      ours: { a: 'café' },
      differs: ['a'],
      why: 'bytes that are not UTF-8 stay latin-1 text; Werkzeug 2.2 gives "caf\\ufffd", 3.1 parse_cookie raises (3.1 Request.cookies keeps latin-1, as we do)',
    },
    'header:octal-invalid-utf8': {
      ours: { a: '\u00ff' },
      differs: ['a'],
      why: 'an octal escape that is not UTF-8 stays the latin-1 char; both Werkzeug lines give U+FFFD',
    },
  }),
);

/** Non-empty names on which `ours` and Werkzeug's first-wins reading disagree (or one side lacks). */
function disagreeingNames(ours: Record<string, string>, theirs: Record<string, string>): string[] {
  const names = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
  names.delete('');
  return [...names].filter((name) => ours[name] !== theirs[name]).sort();
}

describe('parseCookie agrees with Werkzeug parse_cookie', () => {
  it('every listed difference names a vector of the fixture', () => {
    const ids = new Set(fixture.parse_cookie.map((v) => v.id));
    expect([...PARSE_DIFFERENCES.keys()].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('the two Werkzeug lines agree wherever no difference is listed', () => {
    for (const vector of fixture.parse_cookie) {
      if (PARSE_DIFFERENCES.has(vector.id)) continue;
      expect(vector.expected.modern, vector.id).toEqual(vector.expected.legacy);
    }
  });

  it.each(fixture.parse_cookie.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const ours = parseCookie(vector.header);
    expect(Object.getPrototypeOf(ours)).toBe(null);
    const difference = PARSE_DIFFERENCES.get(vector.id);
    if (difference !== undefined) {
      expect(plain(ours), difference.why).toEqual(difference.ours);
      // Every other non-empty name still agrees with each Werkzeug line that answered.
      for (const stack of STACKS) {
        const theirs = vector.expected[stack];
        if (isError(theirs)) continue;
        expect(disagreeingNames(ours, firstWins(theirs)), `${stack}: ${difference.why}`).toEqual(
          [...difference.differs].sort(),
        );
      }
      return;
    }
    for (const stack of STACKS) {
      const theirs = vector.expected[stack];
      if (isError(theirs)) throw new Error(`${stack} raised ${theirs.error}; list the difference`);
      expect(plain(ours), stack).toEqual(plain(firstWins(theirs)));
      expect(parseCookieList(vector.header), stack).toEqual(theirs);
    }
  });

  it('Werkzeug 3.1 parse_cookie raises on bytes that are not UTF-8; we never throw', () => {
    const raised = fixture.parse_cookie.filter((v) => isError(v.expected.modern)).map((v) => v.id);
    expect(raised).toEqual(['header:raw-invalid-utf8', 'header:raw-latin1-cafe']);
    for (const id of raised) {
      const vector = fixture.parse_cookie.find((v) => v.id === id);
      expect(vector?.expected.modern).toEqual({ error: 'UnicodeDecodeError' });
      expect(() => parseCookieList(vector?.header ?? '')).not.toThrow();
    }
  });

  it('what a Flask view sees (Request.cookies) is parse_cookie, except raw non-ASCII on 3.1', () => {
    const differ: string[] = [];
    for (const vector of fixture.parse_cookie) {
      expect(vector.request_cookies.legacy, vector.id).toEqual(vector.expected.legacy);
      if (
        JSON.stringify(vector.request_cookies.modern) !== JSON.stringify(vector.expected.modern)
      ) {
        differ.push(vector.id);
      }
    }
    // Exactly the headers with raw (unescaped) bytes above 0x7F.
    expect(differ).toEqual(
      fixture.parse_cookie.filter((v) => /[^\x00-\x7f]/.test(v.header)).map((v) => v.id),
    );
  });

  it('Werkzeug 3.1 Request.cookies leaves raw UTF-8 as mojibake; we decode it as 2.2 does', () => {
    const ids = [
      'header:raw-utf8-value',
      'header:raw-utf8-key',
      'header:raw-utf8-quoted',
      'header:raw-utf8-emoji',
    ];
    for (const id of ids) {
      const vector = fixture.parse_cookie.find((v) => v.id === id);
      if (vector === undefined) throw new Error(`no vector ${id}`);
      const modern = vector.request_cookies.modern as Pairs;
      const legacy = vector.request_cookies.legacy as Pairs;
      expect(legacy, id).toEqual(vector.expected.legacy);
      const ours = parseCookie(vector.header);
      for (const [name, value] of modern) {
        // Their text is the UTF-8 bytes as latin-1; decoding it gives exactly what we read.
        expect(ours[fromByteView(name)], id).toBe(fromByteView(value));
      }
      expect(modern, id).not.toEqual(legacy);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 4. The committed fixture is current: regenerate it live with both Werkzeug lines.
// ---------------------------------------------------------------------------------------------

describe('test/fixtures/werkzeug-vectors.json', () => {
  it('is what scripts/gen-werkzeug-vectors.py produces now with both stacks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'werkzeug-vectors-'));
    try {
      const paths: Record<PythonStack, string> = {
        legacy: join(dir, 'legacy.json'),
        modern: join(dir, 'modern.json'),
      };
      for (const stack of STACKS) {
        const versions = requirePythonStack(stack);
        expect(fixture.meta.stacks[stack]).toEqual(versions);
        const results = runPythonJson(PYTHON_STACKS[stack].command, [generator]);
        writeFileSync(paths[stack], JSON.stringify(results));
      }
      const merged = runPythonJson(PYTHON_STACKS.modern.command, [
        generator,
        '--merge',
        paths.legacy,
        paths.modern,
      ]);
      expect(merged).toEqual(fixture);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
