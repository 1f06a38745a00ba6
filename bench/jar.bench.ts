/**
 * The jar against tough-cookie 6, side by side in one process. Run: `npm run bench:jar`
 * (`node --expose-gc --import tsx bench/jar.bench.ts`).
 *
 * Streams first (the headline): a browsing client's traffic from bench/jar-stream.ts, 2000 distinct
 * `Set-Cookie` lines over 40 sites (a new value on each, Expires at a varying offset or a Max-Age,
 * varied paths and attributes), then `Cookie` headers for 2000 distinct URLs over those sites. One
 * call is one pass over the whole stream: `setCookie` into a fresh jar, or every header from a jar
 * filled by the set stream. Before any timing, both jars (and the floor) must give the same headers.
 *
 * Then the repeated-input rows of the first benchmark (one URL read again and again, one line shape
 * set again and again), as a second table.
 *
 * Every row also times its floor (bench/jar-floor.ts): a hand-written jar that knows only what these
 * inputs hold and gives the same headers, to say how far each side is from the least work.
 *
 * Timing: `rounds` paired, interleaved rounds (the order of the sides alternates each round), each
 * batch about 25 ms of this process's CPU time (`process.cpuUsage`, so time the shared machine gives
 * other processes counts for neither side). The figure quoted is the median of the per-round ratios,
 * with the lowest and highest round.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { CookieJar as ToughJar } from 'tough-cookie';
import { CookieJar } from '../src/jar/cookie-jar.js';
import { FloorJar } from './jar-floor.js';
import { jarStream } from './jar-stream.js';

const ROUNDS = Number(process.env.JAR_ROUNDS ?? 21);

/** Reads the header as a writer would: a rope is flattened on the first character read. */
const use = (header: string): number =>
  header.length === 0 ? 0 : header.charCodeAt(header.length >> 1);

interface Row {
  title: string;
  /** Median CPU ns per call of each side. */
  ns: Record<string, number>;
  /** Median ratio of each side over tough-cookie, with the lowest and highest round. */
  ratios: Record<string, [median: number, low: number, high: number]>;
}

/**
 * `rounds` rounds of every side, the order alternating (a b c, c b a, ...), each batch about
 * `batchMs` of CPU time. Ratios are over the side named `reference`, per round.
 */
function interleaved(
  title: string,
  sides: Record<string, () => unknown>,
  reference: string,
  rounds = ROUNDS,
  batchMs = 25,
): Row {
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
    let calls = 1;
    while (perCall(f, calls) * calls < batchMs / 4) calls *= 2;
    return Math.max(1, Math.round(batchMs / perCall(f, calls)));
  };
  const names = Object.keys(sides);
  const calls = new Map(names.map((n) => [n, callsFor(sides[n] as () => unknown)]));
  const times = new Map<string, number[]>(names.map((n) => [n, []]));
  const ratios = new Map<string, number[]>(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    const round = new Map<string, number>();
    for (const n of order) round.set(n, perCall(sides[n] as () => unknown, calls.get(n) as number));
    const ref = round.get(reference) as number;
    for (const n of names) {
      times.get(n)?.push(round.get(n) as number);
      ratios.get(n)?.push((round.get(n) as number) / ref);
    }
  }
  if (sink === 0) throw new Error('unreachable');
  const sorted = (values: number[]) => values.slice().sort((x, y) => x - y);
  const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] as number;
  const row: Row = { title, ns: {}, ratios: {} };
  for (const n of names) {
    row.ns[n] = median(times.get(n) as number[]) * 1e6;
    const rs = sorted(ratios.get(n) as number[]);
    row.ratios[n] = [median(rs), rs[0] as number, rs[rs.length - 1] as number];
  }
  return row;
}

function print(row: Row): void {
  const parts = Object.entries(row.ratios).map(([n, [m, lo, hi]]) => {
    const us = ((row.ns[n] as number) / 1000).toFixed(n === 'tough-cookie' ? 1 : 2);
    return `${n} ${m.toFixed(3)} (${lo.toFixed(3)}-${hi.toFixed(3)}) ${us} us`;
  });
  console.log(`${row.title}: ${parts.join(' | ')}`);
}

/** The cookies of a header as a sorted list, for comparing jars that may order equals differently. */
const pairsOf = (header: string): string => header.split('; ').sort().join('; ');

// ---------------------------------------------------------------------------------------------
// Streams.
const start = Date.now();
const stream = jarStream(start);
const distinctLines = new Set(stream.sets.map((s) => s.line)).size;
const distinctUrls = new Set(stream.urls).size;
if (distinctLines < 2000 || distinctUrls < 2000) throw new Error('the stream repeats inputs');

const fillOurs = (): CookieJar => {
  const jar = new CookieJar();
  for (const { line, url } of stream.sets) jar.setCookie(line, url);
  return jar;
};
const fillTough = (): ToughJar => {
  const jar = new ToughJar();
  for (const { line, url } of stream.sets) jar.setCookieSync(line, url);
  return jar;
};
const fillFloor = (): FloorJar => {
  const jar = new FloorJar();
  for (const { line, url } of stream.sets) jar.setCookie(line, url);
  return jar;
};

// The same answers before any timing: every header of the read stream, from jars filled by the set
// stream. Ours and the floor agree exactly; tough-cookie sends the same cookies, but keeps a replaced
// cookie's creation time (RFC 6265) where Chromium (and our jar) gives a changed value a new one, so
// equal-length paths may come in another order: its headers are compared as sets of pairs.
const ours = fillOurs();
const tough = fillTough();
const floor = fillFloor();
let sentCookies = 0;
let sameOrder = 0;
for (const url of stream.urls) {
  const a = ours.getCookieHeader(url);
  const b = tough.getCookieStringSync(url);
  const c = floor.getCookieHeader(url);
  if (a !== c) throw new Error(`floor differs at ${url}:\n${a}\n${c}`);
  if (pairsOf(a) !== pairsOf(b)) throw new Error(`tough-cookie differs at ${url}:\n${a}\n${b}`);
  if (a === b) sameOrder++;
  if (a !== '') sentCookies += a.split('; ').length;
}
console.log(
  `stream: ${stream.sets.length} Set-Cookie lines (${distinctLines} distinct) over 40 sites -> ${ours.store.size} cookies stored (tough-cookie ${
    tough.serializeSync()?.cookies.length
  }); ${stream.urls.length} URLs (${distinctUrls} distinct), ${sentCookies} cookies sent in all, ${sameOrder} headers in the same order as tough-cookie's`,
);

const streamSet = interleaved(
  'jar setCookie, stream of 2000 lines over 40 sites (one pass)',
  { shortbread: fillOurs, 'tough-cookie': fillTough, floor: fillFloor },
  'tough-cookie',
);
print(streamSet);
const streamHeader = interleaved(
  'jar Cookie header, stream of 2000 URLs over 40 sites (one pass)',
  {
    shortbread: () => {
      let n = 0;
      for (const url of stream.urls) n += use(ours.getCookieHeader(url));
      return n;
    },
    'tough-cookie': () => {
      let n = 0;
      for (const url of stream.urls) n += use(tough.getCookieStringSync(url));
      return n;
    },
    floor: () => {
      let n = 0;
      for (const url of stream.urls) n += use(floor.getCookieHeader(url));
      return n;
    },
  },
  'tough-cookie',
);
print(streamHeader);

// ---------------------------------------------------------------------------------------------
// Repeated inputs: one URL with 50 cookies read again and again; one line shape set again and again.
const URL_ = 'https://www.example.com/app/page';
const linesFor = (maxAge: number): string[] =>
  Array.from(
    { length: 50 },
    (_, i) =>
      `cookie${i}=value${i}abcdefgh; Path=${i % 3 === 0 ? '/app' : '/'}; ${i % 2 ? 'Domain=example.com; ' : ''}Max-Age=${maxAge}${i % 5 === 0 ? '; Secure; HttpOnly' : ''}`,
  );
const lines = linesFor(86400);
const ours50 = new CookieJar();
const tough50 = new ToughJar();
const floor50 = new FloorJar();
for (const line of lines) {
  ours50.setCookie(line, URL_);
  tough50.setCookieSync(line, URL_);
  floor50.setCookie(line, URL_);
}
// The same work: all three send all 50 cookies, in the same order, as the same string.
if (ours50.getCookieHeader(URL_).split('; ').length !== 50) throw new Error('setup: ours');
if (ours50.getCookieHeader(URL_) !== tough50.getCookieStringSync(URL_))
  throw new Error('setup: differ');
if (ours50.getCookieHeader(URL_) !== floor50.getCookieHeader(URL_))
  throw new Error('setup: floor differs');

const header50 = interleaved(
  'jar Cookie header, one URL with 50 cookies, repeated',
  {
    shortbread: () => use(ours50.getCookieHeader(URL_)),
    'tough-cookie': () => use(tough50.getCookieStringSync(URL_)),
    floor: () => use(floor50.getCookieHeader(URL_)),
  },
  'tough-cookie',
);
print(header50);

/**
 * Our jar a minute later on every call, so every sent cookie's last access is rewritten each time, as
 * tough-cookie does on every call. The cookies live 400 days (about 566k calls); the jar is filled
 * again after 200 days of calls.
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
const header50Touching = interleaved(
  'jar Cookie header, one URL with 50 cookies, repeated, ours a minute later each call',
  { shortbread: oursTouching, 'tough-cookie': () => use(tough50.getCookieStringSync(URL_)) },
  'tough-cookie',
);
print(header50Touching);
const sent = touched.getCookies(URL_, { now: clock });
if (sent.length !== 50 || sent.some((c) => c.lastAccess.getTime() !== clock)) {
  throw new Error('the touching case did not refresh every cookie');
}

// One counter a side, so each jar meets the names in the same order.
let nA = 0;
let nB = 0;
let nC = 0;
const repeatA = new CookieJar();
const repeatB = new ToughJar();
const repeatC = new FloorJar();
const setRepeated = interleaved(
  'jar setCookie, one line shape over 100 names, repeated',
  {
    shortbread: () =>
      repeatA.setCookie(`n${nA++ % 100}=v; Path=/; Max-Age=3600; SameSite=Lax`, URL_),
    'tough-cookie': () =>
      repeatB.setCookieSync(`n${nB++ % 100}=v; Path=/; Max-Age=3600; SameSite=Lax`, URL_),
    floor: () => {
      repeatC.setCookie(`n${nC++ % 100}=v; Path=/; Max-Age=3600; SameSite=Lax`, URL_);
      return 1;
    },
  },
  'tough-cookie',
);
print(setRepeated);
if (repeatA.getCookieHeader(URL_) !== repeatC.getCookieHeader(URL_))
  throw new Error('repeated setCookie: floor differs');

// ---------------------------------------------------------------------------------------------
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

// BENCH_JSON=<file> (set by `npm run bench:jar`): every row, streams first, for `npm run bench:chart`
// (whose jar header bar takes the first row titled "jar Cookie header": the stream).
const jsonPath = process.env.BENCH_JSON;
if (jsonPath) {
  const record = {
    bench: 'jar',
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: loadavg().slice(0, 2),
    rounds: ROUNDS,
    results: [
      ...[streamHeader, streamSet, header50, header50Touching, setRepeated].map((row) => ({
        title: row.title,
        ns: row.ns,
        ratios: row.ratios,
      })),
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
