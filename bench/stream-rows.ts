/**
 * @module The stream table of `npm run bench`: the codec on streams of distinct inputs (bench/streams.ts),
 * shortbread and every peer that does the same job, in one process.
 *
 * A row times one pass over its whole stream (2048 distinct inputs) per library. Each round runs
 * every library once, in an order that rotates by one each round (A B C, B C A, ...); a round gives one ratio per peer (shortbread's pass over the peer's,
 * measured back to back), and the table quotes the median of those ratios over all rounds. No
 * collection is forced between passes: a full collection throws away V8's compiled regular
 * expressions, which a server keeps warm, and would charge every regex-using library for it. The
 * floor is the least work that gives the same answers on the stream (a hand-written split, slice
 * and decode with no checks), checked equal to shortbread's answers before any timing.
 *
 * Environment: `BENCH_STREAM_ROUNDS` (default 31, at least 21), `BENCH_FILTER` as in run.ts.
 */

import { isDeepStrictEqual } from 'node:util';
import * as cookie2 from 'cookie';
import * as cookieEs from 'cookie-es';
import * as cookie1 from 'cookie-v1';
import { parse as honoParse, serialize as honoSerialize } from 'hono/utils/cookie';
import { parseString as scpParseString } from 'set-cookie-parser';
import { parseCookie, parseSetCookie, RequestCookies, stringifySetCookie } from '../src/index.js';
import { median } from './median.js';
import { cookieHeaders, cookieWrites, setCookieLines } from './streams.js';

export const STREAM_LIBS = [
  'shortbread',
  'cookie@2',
  'cookie@1',
  'cookie-es',
  'hono',
  'set-cookie-parser',
  'floor',
] as const;
export type StreamLib = (typeof STREAM_LIBS)[number];

export interface StreamRow {
  title: string;
  /** One pass over the stream per library; what the last call returned. */
  passes: Partial<Record<StreamLib, () => unknown>>;
  /** The target: shortbread over the fastest of `peers` at most `ratio`. */
  target: { peers: readonly StreamLib[]; ratio: number; text: string };
  note: string;
}

export interface StreamResult {
  title: string;
  kind: 'stream';
  inputs: number;
  /** Median pass time over the stream's length: ns per input. */
  ns: Partial<Record<StreamLib, number>>;
  /** Median over rounds of shortbread's pass time over this library's, measured back to back. */
  ratios: Partial<Record<StreamLib, number>>;
  target: { peers: readonly StreamLib[]; ratio: number; text: string };
}

// Every pass stores its results here, so no call is dead code.
let sink: unknown;

/** `"..."` unquoted, then `%XX` decoded: the values of this corpus need no more. */
function floorValue(raw: string): string {
  const value = raw.charCodeAt(0) === 0x22 ? raw.slice(1, -1) : raw;
  return value.includes('%') ? decodeURIComponent(value) : value;
}

/** parseCookie's floor: split at "; " and the first "=", first occurrence wins, no checks. */
function floorParseCookie(header: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (let i = 0; i < header.length; ) {
    let semi = header.indexOf(';', i);
    if (semi < 0) semi = header.length;
    const eq = header.indexOf('=', i);
    const name = header.slice(i, eq);
    if (out[name] === undefined) out[name] = floorValue(header.slice(eq + 1, semi));
    i = semi + 2;
  }
  return out;
}

/** findCookie's floor: `name=` at the start or after "; ", then the value up to ";". */
function floorFind(header: string, needle: string): string | undefined {
  for (let at = header.indexOf(needle); at >= 0; at = header.indexOf(needle, at + 1)) {
    if (at === 0 || header.charCodeAt(at - 1) === 0x20) {
      const start = at + needle.length;
      const semi = header.indexOf(';', start);
      return floorValue(header.slice(start, semi < 0 ? header.length : semi));
    }
  }
  return undefined;
}

/** parseSetCookie's floor: split at ";", trim, switch on the lowercased name, Date.parse. */
function floorParseSetCookie(line: string): Record<string, unknown> {
  const parts = line.split(';');
  const pair = parts[0] as string;
  const eq = pair.indexOf('=');
  const cookie: Record<string, unknown> = {
    name: pair.slice(0, eq),
    value: floorValue(pair.slice(eq + 1)),
    secure: false,
    httpOnly: false,
    partitioned: false,
  };
  for (let i = 1; i < parts.length; i++) {
    const part = (parts[i] as string).trim();
    const at = part.indexOf('=');
    const key = (at < 0 ? part : part.slice(0, at)).toLowerCase();
    const value = at < 0 ? '' : part.slice(at + 1);
    if (key === 'expires') cookie.expires = new Date(Date.parse(value));
    else if (key === 'max-age') cookie.maxAge = Number(value);
    else if (key === 'domain')
      cookie.domain = (value[0] === '.' ? value.slice(1) : value).toLowerCase();
    else if (key === 'path') cookie.path = value;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'samesite') cookie.sameSite = value.toLowerCase();
    else if (key === 'partitioned') cookie.partitioned = true;
    else if (key === 'priority') cookie.priority = value.toLowerCase();
  }
  return cookie;
}

const SAME_SITE_WRITTEN = { lax: 'Lax', strict: 'Strict', none: 'None' } as const;

/** stringifySetCookie's floor: one template, Werkzeug's order, no checks. */
function floorStringify(write: ReturnType<typeof cookieWrites>[number]): string {
  const o = write.options;
  let line = `${write.name}=${write.value}`;
  if (o.domain !== undefined) line += `; Domain=${o.domain}`;
  line += `; Expires=${o.expires.toUTCString()}`;
  if (o.maxAge !== undefined) line += `; Max-Age=${o.maxAge}`;
  if (o.secure) line += '; Secure';
  if (o.httpOnly) line += '; HttpOnly';
  line += `; Path=${o.path}`;
  if (o.sameSite !== undefined) line += `; SameSite=${SAME_SITE_WRITTEN[o.sameSite]}`;
  return line;
}

/** The rows, each with its stream built (and its floor checked against shortbread) up front. */
export function streamRows(): StreamRow[] {
  const visitors = cookieHeaders();
  const headers = visitors.map((v) => v.header);
  const names = visitors.map((v) => v.name);
  const needles = names.map((name) => `${name}=`);
  const esFilters = names.map((name) => ({ filter: (key: string) => key === name }));
  const lines = setCookieLines();
  const writes = cookieWrites();
  const cookie2Writes = writes.map((w) => ({ name: w.name, value: w.value, ...w.options }));
  const n = headers.length;

  for (let i = 0; i < n; i++) {
    const h = headers[i] as string;
    if (!isDeepStrictEqual({ ...parseCookie(h) }, { ...floorParseCookie(h) }))
      throw new Error(`parseCookie floor differs on ${h}`);
    if (new RequestCookies(h).get(names[i] as string) !== floorFind(h, needles[i] as string))
      throw new Error(`findCookie floor differs on ${h}`);
    if (
      esFilters[i] &&
      cookieEs.parse(h, esFilters[i])[names[i] as string] !== floorFind(h, needles[i] as string)
    )
      throw new Error(`cookie-es filter differs on ${h}`);
  }
  for (const line of lines) {
    if (!isDeepStrictEqual({ ...parseSetCookie(line) }, floorParseSetCookie(line)))
      throw new Error(`parseSetCookie floor differs on ${line}`);
  }
  for (const write of writes) {
    if (stringifySetCookie(write.name, write.value, write.options) !== floorStringify(write))
      throw new Error(`stringifySetCookie floor differs on ${JSON.stringify(write)}`);
  }

  return [
    {
      title: `stream: parseCookie, ${n} visitors of 5 kinds of site`,
      target: {
        peers: ['cookie@2', 'cookie@1', 'cookie-es', 'hono'],
        ratio: 0.8,
        text: '≤ 0.8 × fastest peer',
      },
      note: 'every header from another visitor: other values, some names only one visitor has, one in four in another order. shortbread also removes quotes (as hono does); cookie@2, cookie@1 and cookie-es keep them.',
      passes: {
        shortbread: () => {
          for (let i = 0; i < n; i++) sink = parseCookie(headers[i] as string);
        },
        'cookie@2': () => {
          for (let i = 0; i < n; i++) sink = cookie2.parseCookie(headers[i] as string);
        },
        'cookie@1': () => {
          for (let i = 0; i < n; i++) sink = cookie1.parse(headers[i] as string);
        },
        'cookie-es': () => {
          for (let i = 0; i < n; i++) sink = cookieEs.parse(headers[i] as string);
        },
        hono: () => {
          for (let i = 0; i < n; i++) sink = honoParse(headers[i] as string);
        },
        floor: () => {
          for (let i = 0; i < n; i++) sink = floorParseCookie(headers[i] as string);
        },
      },
    },
    {
      title: `stream: one name from each of ${n} headers`,
      target: { peers: ['cookie-es'], ratio: 0.25, text: '≤ 0.25 × cookie-es filter' },
      note: "the site's session cookie (missing from some headers). shortbread: new RequestCookies(header).get(name); cookie-es: parse with filter; hono: parse with the name; cookie@2/cookie@1: parse, then index.",
      passes: {
        shortbread: () => {
          for (let i = 0; i < n; i++)
            sink = new RequestCookies(headers[i] as string).get(names[i] as string);
        },
        'cookie@2': () => {
          for (let i = 0; i < n; i++)
            sink = cookie2.parseCookie(headers[i] as string)[names[i] as string];
        },
        'cookie@1': () => {
          for (let i = 0; i < n; i++)
            sink = cookie1.parse(headers[i] as string)[names[i] as string];
        },
        'cookie-es': () => {
          for (let i = 0; i < n; i++)
            sink = cookieEs.parse(headers[i] as string, esFilters[i])[names[i] as string];
        },
        hono: () => {
          for (let i = 0; i < n; i++)
            sink = honoParse(headers[i] as string, names[i] as string)[names[i] as string];
        },
        floor: () => {
          for (let i = 0; i < n; i++) sink = floorFind(headers[i] as string, needles[i] as string);
        },
      },
    },
    {
      title: `stream: parseSetCookie, ${lines.length} response lines`,
      target: {
        peers: ['cookie@1', 'set-cookie-parser'],
        ratio: 0.8,
        text: '≤ 0.8 × faster of cookie@1, set-cookie-parser',
      },
      note: 'a new value and Expires on every line, attributes in each framework’s order and case. shortbread runs §5.6 in full (CTL check, size limits, §5.1.1 dates, caps); set-cookie-parser: parseString.',
      passes: {
        shortbread: () => {
          for (let i = 0; i < n; i++) sink = parseSetCookie(lines[i] as string);
        },
        'cookie@2': () => {
          for (let i = 0; i < n; i++) sink = cookie2.parseSetCookie(lines[i] as string);
        },
        'cookie@1': () => {
          for (let i = 0; i < n; i++) sink = cookie1.parseSetCookie(lines[i] as string);
        },
        'cookie-es': () => {
          for (let i = 0; i < n; i++) sink = cookieEs.parseSetCookie(lines[i] as string);
        },
        'set-cookie-parser': () => {
          for (let i = 0; i < n; i++) sink = scpParseString(lines[i] as string);
        },
        floor: () => {
          for (let i = 0; i < n; i++) sink = floorParseSetCookie(lines[i] as string);
        },
      },
    },
    {
      title: `stream: stringifySetCookie, ${writes.length} writes with a new Date each`,
      target: { peers: ['cookie@2'], ratio: 0.8, text: '≤ 0.8 × cookie@2' },
      note: 'a new value and expires Date on every call. shortbread also checks names, values, Domain, Path, prefixes and limits, and caps Expires at now + 400 days (reading the clock each call).',
      passes: {
        shortbread: () => {
          for (let i = 0; i < n; i++) {
            const w = writes[i] as (typeof writes)[number];
            sink = stringifySetCookie(w.name, w.value, w.options);
          }
        },
        'cookie@2': () => {
          for (let i = 0; i < n; i++)
            sink = cookie2.stringifySetCookie(cookie2Writes[i] as (typeof cookie2Writes)[number]);
        },
        'cookie@1': () => {
          for (let i = 0; i < n; i++) {
            const w = writes[i] as (typeof writes)[number];
            sink = cookie1.serialize(w.name, w.value, w.options);
          }
        },
        'cookie-es': () => {
          for (let i = 0; i < n; i++) {
            const w = writes[i] as (typeof writes)[number];
            sink = cookieEs.serialize(w.name, w.value, w.options);
          }
        },
        hono: () => {
          for (let i = 0; i < n; i++) {
            const w = writes[i] as (typeof writes)[number];
            sink = honoSerialize(w.name, w.value, w.options);
          }
        },
        floor: () => {
          for (let i = 0; i < n; i++) sink = floorStringify(writes[i] as (typeof writes)[number]);
        },
      },
    },
  ];
}

/**
 * Each pass is timed in CPU time of the process (`BENCH_WALL=1`: wall time): on a machine shared
 * with other work, the time a pass spends waiting for a core is left out.
 */
const cpuTime = process.env.BENCH_WALL !== '1';
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** Times one row: paired, interleaved rounds; medians of times and of ratios. */
export function runStreamRow(row: StreamRow, rounds: number): StreamResult {
  const libs = STREAM_LIBS.filter((lib) => row.passes[lib] !== undefined);
  // Warm-up: every library's loop optimised before the first timed pass.
  for (let w = 0; w < 5; w++) for (const lib of libs) (row.passes[lib] as () => unknown)();
  const times = new Map<StreamLib, number[]>(libs.map((lib) => [lib, []]));
  const ratios = new Map<StreamLib, number[]>(libs.map((lib) => [lib, []]));
  for (let round = 0; round < rounds; round++) {
    const took = new Map<StreamLib, number>();
    for (let k = 0; k < libs.length; k++) {
      const lib = libs[(k + round) % libs.length] as StreamLib;
      const pass = row.passes[lib] as () => unknown;
      const start = cpuTime ? process.cpuUsage() : undefined;
      const wall = performance.now();
      pass();
      took.set(
        lib,
        start === undefined ? performance.now() - wall : cpuMs(process.cpuUsage(start)),
      );
    }
    const own = took.get('shortbread') as number;
    for (const lib of libs) {
      times.get(lib)?.push(took.get(lib) as number);
      ratios.get(lib)?.push(own / (took.get(lib) as number));
    }
  }
  const inputs = 2048;
  const ns: StreamResult['ns'] = {};
  const ratio: StreamResult['ratios'] = {};
  for (const lib of libs) {
    ns[lib] = (median(times.get(lib) as number[]) * 1e6) / inputs;
    ratio[lib] = median(ratios.get(lib) as number[]);
  }
  if (sink === undefined) console.log('');
  return { title: row.title, kind: 'stream', inputs, ns, ratios: ratio, target: row.target };
}

function formatNs(ns: number): string {
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

/**
 * Against the row's target peers: the fastest of them (the one shortbread's time is the largest
 * share of) and that ratio.
 */
export function versusTarget(r: StreamResult): [StreamLib, number] {
  let best: [StreamLib, number] = [r.target.peers[0] as StreamLib, -Infinity];
  for (const peer of r.target.peers) {
    const ratio = r.ratios[peer];
    if (ratio !== undefined && ratio > best[1]) best = [peer, ratio];
  }
  return best;
}

/** The stream table in Markdown: ns per input (median pass / inputs), median paired ratios. */
export function streamTable(results: readonly StreamResult[]): string {
  const libs = STREAM_LIBS.filter((lib) => results.some((r) => r.ns[lib] !== undefined));
  const lines = [
    `| stream row | ${libs.join(' | ')} | vs target peer | target | met? |`,
    `|---|${libs.map(() => '---:').join('|')}|---:|---|---|`,
  ];
  for (const r of results) {
    const cells = libs.map((lib) => {
      const ns = r.ns[lib];
      if (ns === undefined) return '–';
      return lib === 'shortbread'
        ? `**${formatNs(ns)}**`
        : `${formatNs(ns)} (${(r.ratios[lib] as number).toFixed(2)})`;
    });
    const [peer, ratio] = versusTarget(r);
    lines.push(
      `| ${r.title.replace(/^stream: /, '')} | ${cells.join(' | ')} | ${ratio.toFixed(2)} × ${peer} | ${r.target.text} | ${ratio <= r.target.ratio ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n');
}
