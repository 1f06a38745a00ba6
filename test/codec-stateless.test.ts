/**
 * Issue 16: nothing a caller passes to the codec may change what another call returns. Each call of
 * a random sequence of unrelated calls (Cookie headers, Set-Cookie lines read and written, cookie
 * dates, the system clock moved forward and back between them) runs on one module instance that has
 * seen every call before it, and on a fresh instance of the codec (`vi.resetModules` and a new
 * import) that has seen nothing; the two answers must be equal.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

type Codec = typeof import('../src/codec.js');

async function freshCodec(): Promise<Codec> {
  vi.resetModules();
  return (await import('../src/codec.js')) as Codec;
}

/** A call's value, or the code of what it threw. */
function outcome(run: () => unknown): unknown {
  try {
    const value = run();
    return { value: value instanceof Date ? value.getTime() : value };
  } catch (error) {
    return { threw: (error as { code?: string }).code ?? String(error) };
  }
}

const DAY = 86_400_000;
/** The clock the sequences start from, and where they move it. */
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const clocks = [T0, T0 - 30 * DAY, T0 + 30 * DAY, T0 - 2 * DAY, T0 + 400 * DAY];

/** Dates around the 400-day cap of every clock above, as a server writes them. */
const expiresDates = fc
  .tuple(fc.constantFrom(...clocks), fc.integer({ min: 360, max: 440 }))
  .map(([clock, days]) => new Date(clock + days * DAY).toUTCString());

const names = fc.constantFrom('a', 'sid', 'session', '__proto__', 'x y', '', 'csrftoken', '_ga');
const values = fc.constantFrom('1', 'abc', '%20x', '"q"', 'a=b', '', 'v%C3%A9');
const header = fc
  .array(fc.tuple(names, values), { maxLength: 6 })
  .chain((pairs) =>
    fc
      .constantFrom('; ', ';', ' ; ')
      .map((sep) => pairs.map(([n, v]) => (n ? `${n}=${v}` : v)).join(sep)),
  );
const setCookieLine = fc
  .tuple(names, values, expiresDates, fc.constantFrom('', '; Max-Age=60', '; Path=/; Secure'))
  .map(([n, v, date, rest]) => `${n || 'n'}=${v}; Expires=${date}${rest}`);
/** Instants at the edges of what formatCookieDate accepts, a half millisecond either side too. */
const instants = fc.constantFrom(
  253402300799000,
  253402300799999,
  253402300799999.5,
  253402300800000,
  -11644473600000,
  -11644473600000.5,
  -11644473599999.5,
  0,
  T0,
  T0 + 0.5,
  Number.NaN,
);

type Step = { clock: number } | { call: string; run: (codec: Codec) => unknown };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom(...clocks).map((clock) => ({ clock })),
  header.map((h) => ({
    call: `parseCookie(${JSON.stringify(h)})`,
    run: (c: Codec) => c.parseCookie(h),
  })),
  fc.tuple(header, names).map(([h, n]) => ({
    call: `findCookie(${JSON.stringify(h)}, ${JSON.stringify(n)})`,
    run: (c: Codec) => [c.findCookie(h, n), c.findAllCookies(h, n), c.parseCookieList(h)],
  })),
  setCookieLine.map((line) => ({
    call: `parseSetCookie(${JSON.stringify(line)})`,
    run: (c: Codec) => ({ ...c.parseSetCookie(line) }),
  })),
  fc.tuple(instants).map(([ms]) => ({
    call: `formatCookieDate(${ms})`,
    run: (c: Codec) => c.formatCookieDate(ms),
  })),
  fc
    .tuple(names, values, fc.option(instants, { nil: undefined }), fc.boolean())
    .map(([n, v, expires, sync]) => ({
      call: `stringifySetCookie(${JSON.stringify(n)}, ${JSON.stringify(v)}, { expires: ${expires}, maxAge: 86400, syncExpires: ${sync} })`,
      run: (c: Codec) =>
        c.stringifySetCookie(n || 'n', v.replace('=', ''), {
          ...(expires === undefined ? {} : { expires }),
          maxAge: 86400,
          syncExpires: sync,
        }),
    })),
);

describe('the codec keeps no memory of earlier inputs', () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('answers every call of an interleaved sequence as a fresh module instance does', async () => {
    const shared = await freshCodec();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 8 }), async (steps) => {
        vi.setSystemTime(T0);
        for (const s of steps) {
          if ('clock' in s) {
            vi.setSystemTime(s.clock);
            continue;
          }
          const seen = outcome(() => s.run(shared));
          const instance = await freshCodec();
          const fresh = outcome(() => s.run(instance));
          expect(seen, s.call).toEqual(fresh);
        }
      }),
      { numRuns: 150 },
    );
  });
});
