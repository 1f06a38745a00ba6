/**
 * @module `npm run bench`: shortbread and its peers side by side, in one process, on the same inputs.
 *
 * First the stream table (bench/stream-rows.ts): one pass over 2048 distinct inputs per library,
 * paired interleaved rounds, median ratios, and the floor of each row. Then the repeated-input
 * table below, where every call of a case gets the same input.
 *
 * Each repeated-input case runs every library for several short rounds (the order rotates each round, so no
 * library always runs first or last); a round's figure is mitata's median ns/op, and the case's
 * figure is the best (lowest) round median: on a machine shared with other work, interference only
 * ever adds time, so the best round is the closest to the code's own cost, and every library gets
 * the same number of chances. Every result is handed to `do_not_optimize`, so nothing is dead code.
 *
 * Environment: `BENCH_FILTER=<substring>` runs only the matching cases (of both tables),
 * `BENCH_STREAM_ROUNDS` (default 31) the stream rounds, `BENCH_ROUNDS` (default 7)
 * and `BENCH_TIME_MS` (default 60, CPU time per library per round) trade time for stability,
 * `BENCH_JSON=<file>` also writes the figures as JSON.
 */

import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as cookie2 from 'cookie';
import * as cookieEs from 'cookie-es';
import * as cookie1 from 'cookie-v1';
import { parse as honoParse, serialize as honoSerialize } from 'hono/utils/cookie';
import { do_not_optimize, measure } from 'mitata';
import { parseString as scpParseString } from 'set-cookie-parser';
import { parseCookie, parseSetCookie, RequestCookies, stringifySetCookie } from '../src/index.js';
import {
  bigHeader,
  bigSetCookie,
  flagFlood,
  flat,
  lookupName,
  missingName,
  rotatedHeaders,
  semicolons,
  setCookieExpires,
  setCookieLine,
  setCookieLinesNewDates,
  setCookieName,
  setCookieValue,
  typicalHeader,
} from './inputs.js';
import { runStreamRow, type StreamResult, streamRows, streamTable } from './stream-rows.js';

// A real collector between samples instead of mitata's fallback (allocating 1 GiB to force one).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const LIBS = [
  'shortbread',
  'cookie@2',
  'cookie@1',
  'cookie-es',
  'hono',
  'set-cookie-parser',
] as const;
type Lib = (typeof LIBS)[number];
type Peer = Exclude<Lib, 'shortbread'>;

interface Case {
  /** Shown in the output and matched by BENCH_FILTER. */
  title: string;
  /** Hostile cases run at 1x and 2x size for the linearity check. */
  kind: 'typical' | 'hostile';
  fns: Partial<Record<Lib, () => unknown>>;
  /** What the peers do differently on this input (printed under the case). */
  note?: string;
}

interface Result {
  title: string;
  kind: Case['kind'];
  ns: Partial<Record<Lib, number>>;
}

const streamRounds = Math.max(21, Number(process.env.BENCH_STREAM_ROUNDS ?? 31));

const filter = process.env.BENCH_FILTER ?? process.argv[2] ?? '';
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const timeMs = Number(process.env.BENCH_TIME_MS ?? 60);

// --- the cases -------------------------------------------------------------------------------

// Options objects are built once, outside the timed call, for every library alike.
const esFilter = { filter: (key: string) => key === lookupName };
const esFilterMissing = { filter: (key: string) => key === missingName };
const setCookieOptions = {
  domain: 'example.com',
  path: '/app',
  expires: setCookieExpires,
  maxAge: 86400,
  secure: true,
  httpOnly: true,
  sameSite: 'lax',
  partitioned: true,
  priority: 'high',
} as const;
const cookie2SetCookie = { name: setCookieName, value: setCookieValue, ...setCookieOptions };

let rotation = 0;
/** The next of the rotated headers, for every library in turn. */
function rotated(): string {
  rotation = rotation === rotatedHeaders.length - 1 ? 0 : rotation + 1;
  return rotatedHeaders[rotation] as string;
}

let dateTurn = 0;
/** The next of the Set-Cookie lines with 20 different Expires dates, for every library in turn. */
function nextDatedLine(): string {
  dateTurn = dateTurn === setCookieLinesNewDates.length - 1 ? 0 : dateTurn + 1;
  return setCookieLinesNewDates[dateTurn] as string;
}

function typicalCases(): Case[] {
  const h = typicalHeader;
  return [
    {
      title: 'parseCookie, typical 20 cookies',
      kind: 'typical',
      fns: {
        shortbread: () => parseCookie(h),
        'cookie@2': () => cookie2.parseCookie(h),
        'cookie@1': () => cookie1.parse(h),
        'cookie-es': () => cookieEs.parse(h),
        hono: () => honoParse(h),
      },
      note: 'shortbread removes the quotes of cart="item1,item2" and would decode Werkzeug octal escapes; cookie@2, cookie@1 and cookie-es keep the quotes; hono removes them but drops values with a backslash.',
    },
    {
      title: 'parseCookie, 20 cookies, names in a new order each call',
      kind: 'typical',
      fns: {
        shortbread: () => parseCookie(rotated()),
        'cookie@2': () => cookie2.parseCookie(rotated()),
        'cookie@1': () => cookie1.parse(rotated()),
        'cookie-es': () => cookieEs.parse(rotated()),
        hono: () => honoParse(rotated()),
      },
      note: 'the typical pairs rotated by one more place on each call, so no header starts with the names of the one before (shortbread keeps the names of the last header and matches them in place while they repeat).',
    },
    {
      title: `get one name (${lookupName}, 15th of 20)`,
      kind: 'typical',
      fns: {
        shortbread: () => new RequestCookies(h).get(lookupName),
        'cookie@2': () => cookie2.parseCookie(h)[lookupName],
        'cookie@1': () => cookie1.parse(h)[lookupName],
        'cookie-es': () => cookieEs.parse(h, esFilter)[lookupName],
        hono: () => honoParse(h, lookupName)[lookupName],
      },
      note: 'shortbread: `new RequestCookies(header).get(name)` (a scan for the one name); cookie@2/cookie@1: full parse + lookup; cookie-es: parse with `filter`; hono: parse with the name argument.',
    },
    {
      title: `get a missing name (${missingName})`,
      kind: 'typical',
      fns: {
        shortbread: () => new RequestCookies(h).get(missingName),
        'cookie@2': () => cookie2.parseCookie(h)[missingName],
        'cookie@1': () => cookie1.parse(h)[missingName],
        'cookie-es': () => cookieEs.parse(h, esFilterMissing)[missingName],
        hono: () => honoParse(h, missingName)[missingName],
      },
    },
    {
      title: 'stringifySetCookie, every attribute',
      kind: 'typical',
      fns: {
        shortbread: () => stringifySetCookie(setCookieName, setCookieValue, setCookieOptions),
        'cookie@2': () => cookie2.stringifySetCookie(cookie2SetCookie),
        'cookie@1': () => cookie1.serialize(setCookieName, setCookieValue, setCookieOptions),
        'cookie-es': () => cookieEs.serialize(setCookieName, setCookieValue, setCookieOptions),
        hono: () => honoSerialize(setCookieName, setCookieValue, setCookieOptions),
      },
      note: 'shortbread also checks the __Secure-/__Host- prefixes, the 4096/1024-byte limits, SameSite=None/Partitioned without Secure, and caps Expires at now + 400 days (it reads the clock each call).',
    },
    {
      title: 'parseSetCookie, every attribute',
      kind: 'typical',
      fns: {
        shortbread: () => parseSetCookie(setCookieLine),
        'cookie@2': () => cookie2.parseSetCookie(setCookieLine),
        'cookie@1': () => cookie1.parseSetCookie(setCookieLine),
        'cookie-es': () => cookieEs.parseSetCookie(setCookieLine),
        'set-cookie-parser': () => scpParseString(setCookieLine),
      },
      note: 'shortbread runs RFC 6265bis §5.6 in full (CTL rejection, size limits, §5.1.1 cookie-date, Max-Age/Expires caps, Domain lowercased); peers parse Expires with `new Date()` and keep Domain as written. set-cookie-parser: `parseString` (one line).',
    },
    {
      title: 'parseSetCookie, every attribute, a new Expires each call',
      kind: 'typical',
      fns: {
        shortbread: () => parseSetCookie(nextDatedLine()),
        'cookie@2': () => cookie2.parseSetCookie(nextDatedLine()),
        'cookie@1': () => cookie1.parseSetCookie(nextDatedLine()),
        'cookie-es': () => cookieEs.parseSetCookie(nextDatedLine()),
        'set-cookie-parser': () => scpParseString(nextDatedLine()),
      },
      note: 'the line above with one of 20 Expires dates in turn, so no call sees the date of the one before (what a client reading many responses meets).',
    },
  ];
}

/** The hostile cases at `scale` (1 or 2): 100k semicolons and a 1 MB header, times `scale`. */
function hostileCases(scale: number): Case[] {
  const semi = semicolons(100_000 * scale);
  const big = bigHeader(1_000_000 * scale);
  const semiGet = flat(`${semi} ${lookupName}=found`);
  const bigGet = flat(`${big}; ${lookupName}=found`);
  const bigLine = bigSetCookie(1_000_000 * scale);
  const flags = flagFlood(100_000 * scale);
  const esGet = esFilter;
  const tag = scale === 1 ? '' : ` (x${scale})`;
  return [
    {
      title: `parseCookie, ${100 * scale}k semicolons${tag}`,
      kind: 'hostile',
      fns: {
        shortbread: () => parseCookie(semi),
        'cookie@2': () => cookie2.parseCookie(semi),
        'cookie@1': () => cookie1.parse(semi),
        'cookie-es': () => cookieEs.parse(semi),
        hono: () => honoParse(semi),
      },
    },
    {
      title: `parseCookie, ${scale} MB of pairs${tag}`,
      kind: 'hostile',
      fns: {
        shortbread: () => parseCookie(big),
        'cookie@2': () => cookie2.parseCookie(big),
        'cookie@1': () => cookie1.parse(big),
        'cookie-es': () => cookieEs.parse(big),
        hono: () => honoParse(big),
      },
    },
    {
      title: `get the last name after ${100 * scale}k semicolons${tag}`,
      kind: 'hostile',
      fns: {
        shortbread: () => new RequestCookies(semiGet).get(lookupName),
        'cookie@2': () => cookie2.parseCookie(semiGet)[lookupName],
        'cookie@1': () => cookie1.parse(semiGet)[lookupName],
        'cookie-es': () => cookieEs.parse(semiGet, esGet)[lookupName],
        hono: () => honoParse(semiGet, lookupName)[lookupName],
      },
    },
    {
      title: `get the last name of ${scale} MB${tag}`,
      kind: 'hostile',
      fns: {
        shortbread: () => new RequestCookies(bigGet).get(lookupName),
        'cookie@2': () => cookie2.parseCookie(bigGet)[lookupName],
        'cookie@1': () => cookie1.parse(bigGet)[lookupName],
        'cookie-es': () => cookieEs.parse(bigGet, esGet)[lookupName],
        hono: () => honoParse(bigGet, lookupName)[lookupName],
      },
    },
    {
      title: `parseSetCookie, ${100 * scale}k semicolons${tag}`,
      kind: 'hostile',
      fns: {
        shortbread: () => parseSetCookie(semi),
        'cookie@2': () => cookie2.parseSetCookie(semi),
        'cookie@1': () => cookie1.parseSetCookie(semi),
        'cookie-es': () => cookieEs.parseSetCookie(semi),
        'set-cookie-parser': () => scpParseString(semi),
      },
    },
    {
      title: `parseSetCookie, ${100 * scale}k valueless attributes${tag}`,
      kind: 'hostile',
      fns: {
        shortbread: () => parseSetCookie(flags),
        'cookie@2': () => cookie2.parseSetCookie(flags),
        'cookie@1': () => cookie1.parseSetCookie(flags),
        'cookie-es': () => cookieEs.parseSetCookie(flags),
        'set-cookie-parser': () => scpParseString(flags),
      },
    },
    {
      title: `parseSetCookie, ${scale} MB line${tag}`,
      kind: 'hostile',
      fns: {
        shortbread: () => parseSetCookie(bigLine),
        'cookie@2': () => cookie2.parseSetCookie(bigLine),
        'cookie@1': () => cookie1.parseSetCookie(bigLine),
        'cookie-es': () => cookieEs.parseSetCookie(bigLine),
        'set-cookie-parser': () => scpParseString(bigLine),
      },
    },
  ];
}

// --- measuring -------------------------------------------------------------------------------

async function runCase(c: Case): Promise<Result> {
  const libs = LIBS.filter((lib) => c.fns[lib] !== undefined);
  const perLib = new Map<Lib, number[]>(libs.map((lib) => [lib, []]));
  // Hostile inputs take milliseconds a call (a quadratic peer, seconds): fewer rounds and samples.
  const hostile = c.kind === 'hostile';
  const n = hostile ? Math.max(1, Math.min(rounds, 2)) : rounds;
  for (let round = 0; round < n; round++) {
    for (let k = 0; k < libs.length; k++) {
      const lib = libs[(k + round) % libs.length] as Lib;
      const fn = c.fns[lib] as () => unknown;
      const stats = await measure(() => do_not_optimize(fn()), {
        gc,
        min_cpu_time: timeMs * 1e6,
        min_samples: hostile ? 2 : 12,
      });
      perLib.get(lib)?.push(stats.p50);
    }
  }
  const ns: Partial<Record<Lib, number>> = {};
  for (const [lib, values] of perLib) ns[lib] = Math.min(...values);
  return { title: c.title, kind: c.kind, ns };
}

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

function fastestPeer(r: Result): [Peer, number] | undefined {
  let best: [Peer, number] | undefined;
  for (const lib of LIBS) {
    if (lib === 'shortbread') continue;
    const ns = r.ns[lib];
    if (ns !== undefined && (best === undefined || ns < best[1])) best = [lib, ns];
  }
  return best;
}

function printCase(c: Case, r: Result): void {
  console.log(`\n${r.title}`);
  const own = r.ns.shortbread as number;
  for (const lib of LIBS) {
    const ns = r.ns[lib];
    if (ns === undefined) continue;
    const ratio = lib === 'shortbread' ? '' : `   shortbread/${lib} = ${(own / ns).toFixed(2)}`;
    console.log(`  ${lib.padEnd(18)} ${formatNs(ns).padStart(10)}/op${ratio}`);
  }
  if (c.note !== undefined) console.log(`  note: ${c.note}`);
}

// --- semantic check: what each library returns on the shared inputs --------------------------

function semantics(): void {
  const h = typicalHeader;
  const parsed: Record<string, Record<string, string | undefined>> = {
    shortbread: parseCookie(h),
    'cookie@2': cookie2.parseCookie(h),
    'cookie@1': cookie1.parse(h),
    'cookie-es': cookieEs.parse(h),
    hono: honoParse(h),
  };
  console.log('Same input, what each library reads (typical header):');
  for (const [lib, record] of Object.entries(parsed)) {
    console.log(
      `  ${lib.padEnd(18)} ${Object.keys(record).length} cookies, cart=${JSON.stringify(record.cart)}, ajs_anonymous_id=${JSON.stringify(record.ajs_anonymous_id)}`,
    );
  }
  const found = [
    new RequestCookies(h).get(lookupName),
    cookieEs.parse(h, esFilter)[lookupName],
    honoParse(h, lookupName)[lookupName],
    cookie2.parseCookie(h)[lookupName],
  ];
  if (new Set(found).size !== 1) throw new Error(`lookups disagree: ${JSON.stringify(found)}`);
  const sb = stringifySetCookie(setCookieName, setCookieValue, setCookieOptions);
  const c2 = cookie2.stringifySetCookie(cookie2SetCookie);
  console.log(`  stringifySetCookie  shortbread: ${sb}\n                     cookie@2:   ${c2}`);
  if (sb.length < c2.length - 8) throw new Error('stringifySetCookie output is missing attributes');
  const line = parseSetCookie(setCookieLine);
  if (line?.priority !== 'high' || line.partitioned !== true || line.expires === undefined)
    throw new Error('parseSetCookie lost an attribute');
}

// --- main ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `shortbread bench: node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}; best of ${rounds} rounds x ${timeMs} ms (hostile: ${Math.max(1, Math.min(rounds, 2))})`,
  );
  const matches = (c: { title: string }): boolean => filter === '' || c.title.includes(filter);

  const streams: StreamResult[] = [];
  const rows = streamRows().filter(matches);
  if (rows.length > 0) {
    console.log(
      `\n## Streams (2048 distinct inputs a pass; ns per input, median pass in CPU time; in brackets the median over ${streamRounds} paired interleaved rounds of shortbread/library)\n`,
    );
    for (const row of rows) {
      streams.push(runStreamRow(row, streamRounds));
      console.log(`  ${row.title}: done`);
    }
    console.log(`\n${streamTable(streams)}\n`);
    for (const row of rows) console.log(`- ${row.title.replace(/^stream: /, '')}: ${row.note}`);
  }

  console.log('\n## Repeated input (every call of a case gets the same input)\n');
  if (!process.env.BENCH_NO_SEMANTICS) semantics();

  const results: Result[] = [];
  for (const c of typicalCases().filter(matches)) {
    const r = await runCase(c);
    printCase(c, r);
    results.push(r);
  }

  const linearity: Array<{ title: string; lib: Lib; x1: number; x2: number }> = [];
  const hostile1 = hostileCases(1).filter(matches);
  if (hostile1.length > 0) {
    const hostile2 = hostileCases(2);
    for (const c of hostile1) {
      const r1 = await runCase(c);
      printCase(c, r1);
      results.push(r1);
      const c2 = hostile2[hostileCases(1).findIndex((h) => h.title === c.title)] as Case;
      const r2 = await runCase(c2);
      printCase(c2, r2);
      for (const lib of LIBS) {
        const x1 = r1.ns[lib];
        const x2 = r2.ns[lib];
        if (x1 !== undefined && x2 !== undefined) linearity.push({ title: c.title, lib, x1, x2 });
      }
    }
  }

  console.log(
    '\n## Summary (ns/op, best round median; in brackets shortbread/peer: below 1, shortbread is faster)\n',
  );
  const peers = LIBS.filter((lib) => results.some((r) => r.ns[lib] !== undefined));
  console.log(`| case | ${peers.join(' | ')} | vs fastest peer |`);
  console.log(`|---|${peers.map(() => '---:').join('|')}|---:|`);
  for (const r of results) {
    const own = r.ns.shortbread as number;
    const cells = peers.map((lib) => {
      const ns = r.ns[lib];
      if (ns === undefined) return '–';
      return lib === 'shortbread'
        ? `**${formatNs(ns)}**`
        : `${formatNs(ns)} (${(own / ns).toFixed(2)})`;
    });
    const best = fastestPeer(r);
    const verdict = best === undefined ? '–' : `${(own / best[1]).toFixed(2)} × ${best[0]}`;
    console.log(`| ${r.title} | ${cells.join(' | ')} | ${verdict} |`);
  }

  if (linearity.length > 0) {
    console.log('\n## Linearity (time at 2x size / time at 1x; 2.0 is linear)\n');
    const titles = [...new Set(linearity.map((l) => l.title))];
    const libs = LIBS.filter((lib) => linearity.some((l) => l.lib === lib));
    console.log(`| input | ${libs.join(' | ')} |`);
    console.log(`|---|${libs.map(() => '---:').join('|')}|`);
    for (const title of titles) {
      const cells = libs.map((lib) => {
        const l = linearity.find((x) => x.title === title && x.lib === lib);
        return l === undefined ? '–' : (l.x2 / l.x1).toFixed(2);
      });
      console.log(`| ${title} | ${cells.join(' | ')} |`);
    }
  }

  if (process.env.BENCH_JSON) {
    writeFileSync(
      process.env.BENCH_JSON,
      `${JSON.stringify({ node: process.version, machine: `${cpus().length} cores, ${cpus()[0]?.model ?? '?'}`, date: new Date().toISOString(), results: [...streams, ...results], linearity }, null, 2)}\n`,
    );
  }
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

await main();

// bench/ratios.svg from bench/results/*.json (this run's figures too when BENCH_JSON points there).
await (await import('./chart.js')).writeRatioChart();
