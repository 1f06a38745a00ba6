/**
 * @module Differential check for speed work: the codec in the working tree must answer exactly as the
 * codec at a reference commit does, on hundreds of thousands of generated inputs.
 *
 *   npx tsx bench/check-equivalence.ts [git-ref] [--codes-only]
 *
 * The default ref is 3caea2f (main after the second session's speed and size work). With
 * `--codes-only` a thrown CookieError must match in class and code but its message may differ, for
 * work that rewords messages on purpose (every message is still checked by the unit tests).
 *
 * The reference `src/` is extracted with `git archive` into a temporary folder and imported beside
 * the current one. Inputs are drawn from an alphabet biased to the characters parsers branch on
 * (`;` `=` WSP quotes backslashes `%` hex digits CTLs UTF-8 octets), plus arbitrary strings.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import * as current from '../src/index.js';

const args = process.argv.slice(2);
const codesOnly = args.includes('--codes-only');
const ref = args.find((arg) => !arg.startsWith('--')) ?? '3caea2f';
const runs = Number(process.env.CHECK_RUNS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'shortbread-ref-'));
execFileSync('sh', ['-c', `git archive ${ref} src | tar -x -C ${dir}`]);
const reference = (await import(pathToFileURL(join(dir, 'src/index.ts')).href)) as typeof current;

const pieces = [
  ';',
  '; ',
  '=',
  ' ',
  '\t',
  '"',
  '\\',
  '%',
  '%2',
  '%20',
  '%C3%A9',
  '%E2%82',
  '%zz',
  'a',
  'b',
  'A',
  '0',
  '3',
  '7',
  '\\303\\251',
  ',',
  'é',
  '\u00c3\u00a9',
  '\u00ff',
  '\u20ac',
  '\ud83c',
  '\x00',
  '\x01',
  '\x7f',
  '\r',
  '\n',
  'session',
  '__proto__',
  'constructor',
  'expires',
  'Expires',
  'max-age',
  'Max-Age',
  'domain',
  'DOMAIN',
  'path',
  'secure',
  'SeCuRe',
  'httponly',
  'samesite',
  'SameSite',
  'partitioned',
  'priority',
  'lax',
  'Strict',
  'none',
  'HIGH',
  'low',
  'medium',
  '/',
  '.Example.COM',
  '+1',
  '-1',
  '86400',
  '99999999999',
  '1234567890123456789',
  '-000000000000000000001',
  'Max-Age=',
  'Wed, 21 Oct 2026 07:28:00 GMT',
  'wed, 21 oct 2026 07:28:00 gmt',
  'Oct, 21 Wed 2026 07:28:00 GMT',
  'Sun, 06 Nov 1994 08:49:37 GMT',
  'Thu, 31 Feb 2026 07:28:00 GMT',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Fri, 31 Dec 9999 23:59:59 GMT',
  'Mon, 01 Jan 1600 00:00:00 GMT',
  'Wed, 21 Oct 2026 24:28:00 GMT',
  'Wed, 21 Oct 2026 07:28:00 UTC',
  'Wed, 21 Oct 2026 07:28:00 GMT+1',
  'Wednesday, 21-Oct-26 07:28:00 GMT',
  '21 Oct 2026 07:28:00',
];
const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...pieces) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const text = fc.array(fragment, { maxLength: 24 }).map((parts) => parts.join(''));
const name = fc.oneof(
  fc.constantFrom(
    'session',
    'a',
    'b',
    '',
    'A',
    '__proto__',
    'a b',
    'é',
    'a=b',
    ' a',
    'a\t',
    'x\x01',
  ),
  fc
    .array(fc.constantFrom('a', 'b', ' ', '=', ';', 'é', '\x01'), { maxLength: 4 })
    .map((p) => p.join('')),
);

/** Outcome of a call: its value, or the error it threw (class, code and message). */
function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    return { threw: codesOnly ? [e.name, e.code] : [e.name, e.code, e.message] };
  }
}

function same(label: string, a: () => unknown, b: () => unknown, input: unknown): void {
  const x = outcome(a);
  const y = outcome(b);
  if (!isDeepStrictEqual(x, y)) {
    throw new Error(
      `${label} differs on ${JSON.stringify(input)}:\n  now ${JSON.stringify(x)}\n  ref ${JSON.stringify(y)}`,
    );
  }
}

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
let checked = 0;
function check(
  label: string,
  property: fc.IProperty<never> | fc.IAsyncProperty<never>,
  numRuns = runs,
): void {
  fc.assert(property as fc.IProperty<never>, { numRuns });
  checked++;
  console.log(`ok ${label}`);
}

try {
  check(
    'parseCookie',
    fc.property(text, fc.boolean(), (h, custom) => {
      // A caller's decode function must see the same values, in the same order, once each.
      const seen: string[][] = [[], []];
      const options = (k: number) =>
        custom
          ? {
              decode: (v: string) => {
                seen[k]?.push(v);
                return `<${v}>`;
              },
            }
          : undefined;
      same(
        'parseCookie',
        () => [{ ...current.parseCookie(h, options(0)) }, seen[0]],
        () => [{ ...reference.parseCookie(h, options(1)) }, seen[1]],
        h,
      );
    }) as never,
  );
  check(
    'parseCookie (headers over 8 KiB)',
    fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (parts) => {
      const h = Array.from({ length: 2000 }, (_, i) => parts[i % parts.length]).join('; ');
      same(
        'parseCookie',
        () => ({ ...current.parseCookie(h) }),
        () => ({ ...reference.parseCookie(h) }),
        h.slice(0, 200),
      );
    }) as never,
    Math.max(1, Math.floor(runs / 100)),
  );
  const emptyRun = fc
    .array(fc.constantFrom(';', ' ', '\t'), { maxLength: 40 })
    .map((chars) => chars.join(''));
  check(
    'parseCookie (long runs of empty pairs)',
    fc.property(fc.array(fc.oneof(text, emptyRun), { maxLength: 8 }), (parts) => {
      const h = parts.join('');
      same(
        'parseCookie',
        () => ({ ...current.parseCookie(h) }),
        () => ({ ...reference.parseCookie(h) }),
        h,
      );
      same(
        'findCookie',
        () => current.findCookie(h, 'a'),
        () => reference.findCookie(h, 'a'),
        h,
      );
    }) as never,
  );
  check(
    'findCookie / findAllCookies',
    fc.property(text, name, (h, n) => {
      same(
        'findCookie',
        () => current.findCookie(h, n),
        () => reference.findCookie(h, n),
        [h, n],
      );
      same(
        'findAllCookies',
        () => current.findAllCookies(h, n),
        () => reference.findAllCookies(h, n),
        [h, n],
      );
    }) as never,
  );
  check(
    'parseCookieList',
    fc.property(text, (h) =>
      same(
        'parseCookieList',
        () => current.parseCookieList(h),
        () => reference.parseCookieList(h),
        h,
      ),
    ) as never,
  );
  check(
    'decodeCookieValue',
    fc.property(text, (v) =>
      same(
        'decodeCookieValue',
        () => current.decodeCookieValue(v),
        () => reference.decodeCookieValue(v),
        v,
      ),
    ) as never,
  );
  check(
    'parseSetCookie',
    fc.property(text, fc.boolean(), (line, withNow) => {
      const options = withNow ? { now: NOW } : { now: NOW, maxAgeLimit: Number.POSITIVE_INFINITY };
      same(
        'parseSetCookie',
        () => current.parseSetCookie(line, options),
        () => reference.parseSetCookie(line, options),
        line,
      );
    }) as never,
  );
  check(
    'parseCookieDate',
    fc.property(text, (d) =>
      same(
        'parseCookieDate',
        () => current.parseCookieDate(d)?.getTime(),
        () => reference.parseCookieDate(d)?.getTime(),
        d,
      ),
    ) as never,
  );
  // IMF-fixdate look-alikes: each position of `Wed, 21 Oct 2026 07:28:00 GMT` varied on its own.
  const imf = 'Wed, 21 Oct 2026 07:28:00 GMT';
  const imfLike = fc
    .array(
      fc.tuple(
        fc.nat({ max: 30 }),
        fc.constantFrom(
          '0',
          '9',
          '3',
          'a',
          'J',
          'N',
          ' ',
          ',',
          ':',
          '-',
          '\x00',
          'é',
          'O',
          'c',
          't',
          'u',
        ),
      ),
      {
        maxLength: 3,
      },
    )
    .map((edits) => {
      const chars = [...imf];
      for (const [at, ch] of edits) chars[at] = ch;
      return chars.join('');
    });
  check(
    'parseCookieDate (IMF-fixdate look-alikes)',
    fc.property(imfLike, (d) =>
      same(
        'parseCookieDate',
        () => current.parseCookieDate(d)?.getTime(),
        () => reference.parseCookieDate(d)?.getTime(),
        d,
      ),
    ) as never,
  );
  check(
    'formatCookieDate',
    fc.property(
      fc.oneof(
        fc.integer({ min: -12_000_000_000_000, max: 254_000_000_000_000 }),
        fc.double(),
        fc.date({ noInvalidDate: false }),
      ),
      (d) =>
        same(
          'formatCookieDate',
          () => current.formatCookieDate(d),
          () => reference.formatCookieDate(d),
          d,
        ),
    ) as never,
  );
  const options = fc.record(
    {
      maxAge: fc.oneof(fc.integer({ min: -10, max: 10 ** 9 }), fc.double()),
      expires: fc.oneof(fc.integer({ min: -1e14, max: 1e14 }), fc.date({ noInvalidDate: false })),
      domain: fc.oneof(
        fc.domain(),
        text,
        fc.constantFrom('Example.COM:8080', '.a.b', '[::1]', 'bücher.de'),
      ),
      path: fc.oneof(fc.constantFrom('/', '/app', '/a b', '/é', 'x', '/;', '/\x01'), text),
      secure: fc.boolean(),
      httpOnly: fc.boolean(),
      sameSite: fc.constantFrom('strict', 'lax', 'none', 'Strict', 'Lax', 'None', 'bogus'),
      partitioned: fc.boolean(),
      priority: fc.constantFrom('low', 'medium', 'high', 'High', 'bogus'),
      encoding: fc.constantFrom('uri', 'werkzeug', 'raw', 'bogus'),
      syncExpires: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  check(
    'stringifySetCookie',
    fc.property(
      fc.oneof(
        name,
        fc.constantFrom('__Host-id', '__Secure-id', '__Http-id', '__Host-Http-id', '__host-x'),
      ),
      text,
      options,
      (n, v, o) => {
        const opts = { ...o, now: NOW } as never;
        same(
          'stringifySetCookie',
          () => current.stringifySetCookie(n, v, opts),
          () => reference.stringifySetCookie(n, v, opts),
          [n, v, o],
        );
      },
    ) as never,
  );
  check(
    'stringifyCookie',
    fc.property(fc.array(fc.tuple(name, text), { maxLength: 5 }), (pairs) =>
      same(
        'stringifyCookie',
        () => current.stringifyCookie(pairs),
        () => reference.stringifyCookie(pairs),
        pairs,
      ),
    ) as never,
  );
  console.log(
    `${checked} properties x ${runs} runs: the working tree answers as ${ref} does${codesOnly ? ' (error messages not compared)' : ''}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
