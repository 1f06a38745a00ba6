/**
 * The jar against tough-cookie, side by side: `getCookieHeader` on a 50-cookie jar, `setCookie`, and
 * the heap taken by 100k cookies. Run: `node --expose-gc --import tsx bench/jar.bench.ts`.
 *
 * The header is measured twice. mitata times one library after the other (its usual report; on a
 * shared machine a burst of load can land on one side only). Then `interleaved` runs 21 rounds of
 * alternating batches (ours then tough-cookie, tough-cookie then ours, ...), each batch about 25 ms of
 * this process's CPU time, and prints the median of the per-round ratios with the lowest and highest
 * round: that line is the figure to quote. Both sides get the same URL and the same 50 cookies and
 * return the same string (checked below). Every header is read to its middle character, which
 * flattens a rope into the flat string a socket write needs (tough-cookie's `join` is flat already).
 * Every call checks each cookie's expiry at the clock. A second case runs our jar a minute later on
 * each call, so that, like tough-cookie on every call, it rewrites the last-access time of every
 * cookie it sends (Chromium, and our jar, refresh it at most once a minute, which the first case
 * never reaches).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { bench, group, run, summary } from 'mitata';
import { CookieJar as ToughJar } from 'tough-cookie';
import { CookieJar } from '../src/jar/cookie-jar.js';

const URL_ = 'https://www.example.com/app/page';
const linesFor = (maxAge: number): string[] =>
  Array.from(
    { length: 50 },
    (_, i) =>
      `cookie${i}=value${i}abcdefgh; Path=${i % 3 === 0 ? '/app' : '/'}; ${i % 2 ? 'Domain=example.com; ' : ''}Max-Age=${maxAge}${i % 5 === 0 ? '; Secure; HttpOnly' : ''}`,
  );
const lines = linesFor(86400);

const ours = new CookieJar();
const tough = new ToughJar();
for (const line of lines) {
  ours.setCookie(line, URL_);
  tough.setCookieSync(line, URL_);
}
// The same work: both send all 50 cookies, in the same order, as the same string.
if (ours.getCookieHeader(URL_).split('; ').length !== 50) throw new Error('setup: ours');
if (ours.getCookieHeader(URL_) !== tough.getCookieStringSync(URL_))
  throw new Error('setup: differ');

/** Reads the header as a writer would: a rope is flattened on the first character read. */
const use = (header: string): number => header.charCodeAt(header.length >> 1);
const oursHeader = () => use(ours.getCookieHeader(URL_));
const toughHeader = () => use(tough.getCookieStringSync(URL_));

/**
 * Our jar a minute later on every call, so every sent cookie's last access is rewritten each time. The
 * cookies live 400 days (about 566k calls); the jar is filled again after 200 days of calls.
 */
let touched = new CookieJar();
let clock = Date.now();
let refillAt = 0;
const oursTouching = () => {
  clock += 61_000;
  if (clock >= refillAt) {
    touched = new CookieJar();
    for (const line of linesFor(400 * 86400)) touched.setCookie(line, URL_, { now: clock });
    refillAt = clock + 200 * 86_400_000;
  }
  return use(touched.getCookieHeader(URL_, { now: clock }));
};

summary(() => {
  group('getCookieHeader, 50 cookies', () => {
    bench('shortbread CookieJar.getCookieHeader', oursHeader);
    bench('tough-cookie getCookieStringSync', toughHeader);
  });
});

let n = 0;
summary(() => {
  group('setCookie (new cookie each time, 100 distinct names)', () => {
    const a = new CookieJar();
    const b = new ToughJar();
    bench('shortbread CookieJar.setCookie', () => {
      a.setCookie(`n${n++ % 100}=v; Path=/; Max-Age=3600; SameSite=Lax`, URL_);
    });
    bench('tough-cookie setCookieSync', () => {
      b.setCookieSync(`n${n++ % 100}=v; Path=/; Max-Age=3600; SameSite=Lax`, URL_);
    });
  });
});

await run();

/**
 * `rounds` rounds of each side, the order alternating (a b, b a, ...), each batch about `batchMs` of
 * calls. Times are the process's CPU time (`process.cpuUsage`, all its threads, GC included), so time
 * slices the shared machine gives other processes count for neither side. Returns the median ratio of
 * `a` over `b` per call, with the lowest and highest round, and the median CPU ns per call of each side.
 */
function interleaved(
  a: () => unknown,
  b: () => unknown,
  rounds = 21,
  batchMs = 25,
): { text: string; ns: Record<string, number> } {
  let sink = 0;
  const cpuMs = (): number => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const perCall = (f: () => unknown, calls: number): number => {
    const start = cpuMs();
    for (let i = 0; i < calls; i++) sink += f() === undefined ? 0 : 1;
    return (cpuMs() - start) / calls;
  };
  // Warm up while finding how many calls make a batch of about batchMs.
  const callsFor = (f: () => unknown): number => {
    let calls = 64;
    while (perCall(f, calls) * calls < batchMs / 4) calls *= 2;
    return Math.max(1, Math.round(batchMs / perCall(f, calls)));
  };
  const callsA = callsFor(a);
  const callsB = callsFor(b);
  const ratios: number[] = [];
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let ta: number;
    let tb: number;
    if (r % 2 === 0) {
      ta = perCall(a, callsA);
      tb = perCall(b, callsB);
    } else {
      tb = perCall(b, callsB);
      ta = perCall(a, callsA);
    }
    ratios.push(ta / tb);
    timesA.push(ta);
    timesB.push(tb);
  }
  if (sink === 0) throw new Error('unreachable');
  const median = (values: number[]) =>
    values.sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
  ratios.sort((x, y) => x - y);
  const at = (q: number) => (ratios[Math.round(q * (ratios.length - 1))] as number).toFixed(3);
  return {
    text: `${at(0.5)} x tough-cookie (${rounds} rounds, ${at(0)} to ${at(1)})`,
    // Median CPU ns per call of each side, for the JSON the ratio chart reads.
    ns: { shortbread: median(timesA) * 1e6, 'tough-cookie': median(timesB) * 1e6 },
  };
}

const headerRun = interleaved(oursHeader, toughHeader);
console.log(`getCookieHeader, 50 cookies, interleaved CPU time: ${headerRun.text}`);
console.log(
  `getCookieHeader, 50 cookies, ours a minute later each call (every cookie touched): ${interleaved(oursTouching, toughHeader).text}`,
);
const sent = touched.getCookies(URL_, { now: clock });
if (sent.length !== 50 || sent.some((c) => c.lastAccess.getTime() !== clock)) {
  throw new Error('the touching case did not refresh every cookie');
}

/** Heap bytes per cookie for 100k cookies over 1000 sites (limits off: Chromium's would cap at 3300). */
function heapPerCookie(fill: () => unknown): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  const keep = fill();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (keep === undefined) throw new Error('unreachable');
  return (after - before) / 100_000;
}

const now = Date.now();
const oursBytes = heapPerCookie(() => {
  const jar = new CookieJar({ limits: false });
  for (let i = 0; i < 100_000; i++) {
    jar.setCookie(
      `c${i}=v${i}; Path=/; Max-Age=86400`,
      `https://s${i % 1000}.example${i % 7}.com/`,
      { now },
    );
  }
  if (jar.store.size !== 100_000) throw new Error(`ours holds ${jar.store.size}`);
  return jar;
});
const toughBytes = heapPerCookie(() => {
  const jar = new ToughJar();
  for (let i = 0; i < 100_000; i++) {
    jar.setCookieSync(
      `c${i}=v${i}; Path=/; Max-Age=86400`,
      `https://s${i % 1000}.example${i % 7}.com/`,
    );
  }
  return jar;
});
console.log(
  `heap per cookie, 100k cookies: shortbread ${oursBytes.toFixed(0)} B, tough-cookie ${toughBytes.toFixed(0)} B`,
);

// BENCH_JSON=<file> (set by `npm run bench:jar`): the two issue 9 rows, for `npm run bench:chart`.
const jsonPath = process.env.BENCH_JSON;
if (jsonPath) {
  const record = {
    bench: 'jar',
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: loadavg().slice(0, 2),
    results: [
      { title: 'jar Cookie header, 50 cookies (interleaved CPU time)', ns: headerRun.ns },
      {
        title: 'jar memory at 100k cookies (bytes a cookie)',
        ns: { shortbread: oursBytes, 'tough-cookie': toughBytes },
      },
    ],
  };
  writeFileSync(jsonPath, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`wrote ${jsonPath}`);
  await (await import('./chart.js')).writeRatioChart();
}
