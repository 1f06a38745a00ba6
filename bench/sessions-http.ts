/**
 * @module The HTTP table of `npm run bench:sessions -- --http` (issue 21): `GET /count` on every
 * app of `bench/sessions-http-server.ts`, 1000 users with a valid session each (made before timing
 * by 1 to 23 visits per user, so counters and signing times differ), `wrk -t1 -c50` rotating the
 * users' cookies (`sessions-http.lua`; each user keeps the cookie of its last visit). Each server runs in its own process pinned to CPU 0
 * (`taskset -c 0`), wrk to CPU 1; the apps are interleaved over rounds (forward, then backward).
 * Medians of requests/s with min–max, ratios to the peer and to the framework's bare route.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis } from '../test/helpers/redis.js';
import { bundleScript } from './bundle.js';
import { median } from './median.js';

export interface HttpOptions {
  readonly rounds: number;
  readonly duration: number;
  readonly warmup: number;
  readonly connections: number;
  readonly users: number;
  /** Only the apps whose name contains one of these. */
  readonly only?: readonly string[] | undefined;
  /** Start the shortbread servers with `node --cpu-prof` into this directory. */
  readonly cpuProf?: string | undefined;
  readonly write: boolean;
  readonly log: (line: string) => void;
}

/** The table's rows: shortbread's app, the peer's (or none), the framework's bare route. */
export const ROWS: readonly { row: string; ours: string; peer?: string; bare: string }[] = [
  {
    row: 'Express 5, signed cookie',
    ours: 'express shortbread cookie',
    peer: 'express cookie-session',
    bare: 'express bare',
  },
  {
    row: 'Express 5, memory',
    ours: 'express shortbread memory',
    peer: 'express express-session memory',
    bare: 'express bare',
  },
  {
    row: 'Express 5, Redis',
    ours: 'express shortbread redis',
    peer: 'express express-session redis',
    bare: 'express bare',
  },
  {
    row: 'Express 5, encrypted cookie',
    ours: 'express shortbread sealed',
    peer: 'express iron-session',
    bare: 'express bare',
  },
  {
    row: 'Fastify 5, signed cookie',
    ours: 'fastify shortbread cookie',
    peer: 'fastify secure-session',
    bare: 'fastify bare',
  },
  {
    row: 'Fastify 5, encrypted cookie',
    ours: 'fastify shortbread sealed',
    peer: 'fastify secure-session',
    bare: 'fastify bare',
  },
  {
    row: 'Fastify 5, memory',
    ours: 'fastify shortbread memory',
    peer: 'fastify @fastify/session memory',
    bare: 'fastify bare',
  },
  { row: 'Hono, signed cookie', ours: 'hono shortbread cookie', bare: 'hono bare' },
  { row: 'node:http, signed cookie', ours: 'node:http shortbread cookie', bare: 'node:http bare' },
];

export const PEER_NAMES: Readonly<Record<string, string>> = {
  'express cookie-session': 'cookie-session 2.1 (keygrip)',
  'express express-session memory': 'express-session 1.19 MemoryStore',
  'express express-session redis': 'express-session 1.19 + connect-redis 9 (node-redis 5)',
  'express iron-session': 'iron-session 8',
  'fastify secure-session': '@fastify/secure-session 8 (encrypted)',
  'fastify @fastify/session memory': '@fastify/session 11 + memory',
};

interface Server {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
  readonly cookieFile: string;
}

function startServer(
  name: string,
  env: NodeJS.ProcessEnv,
  script: string,
  cpuProf?: string,
): Promise<Server> {
  const node = [
    ...(cpuProf !== undefined && name.includes('shortbread')
      ? ['--cpu-prof', `--cpu-prof-dir=${join(cpuProf, name.replace(/\W+/g, '-'))}`]
      : []),
    script,
  ];
  const child = spawn('taskset', ['-c', '0', process.execPath, ...node], {
    env: { ...env, BENCH_APP: name },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /LISTENING (\d+)/.exec(out)?.[1];
      if (port !== undefined) {
        resolve({ name, child, url: `http://127.0.0.1:${port}/count`, cookieFile: '' });
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited ${code} before listening`)));
  });
}

/**
 * Each user's session, made through the app: user `u` visits `1 + (u * 7) % 23` times, sending back
 * the cookies it was given, so the users' counters (1 to 23) and the times their cookies were
 * signed differ and the timed requests carry distinct sessions, as other visitors' would. Keeps
 * `name=value` of every Set-Cookie line. A bare route sets none: its users send a session-sized
 * cookie all the same.
 */
async function makeCookies(url: string, users: number, bare: boolean): Promise<string[]> {
  if (bare) return Array.from({ length: users }, (_, u) => `session=${'x'.repeat(40)}${u}`);
  const cookies: string[] = [];
  for (let u = 0; u < users; u++) {
    const visits = 1 + ((u * 7) % 23);
    const jar = new Map<string, string>();
    let body = '';
    for (let visit = 0; visit < visits; visit++) {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(url, cookie === '' ? {} : { headers: { cookie } });
      body = await response.text();
      if (response.status !== 200) throw new Error(`${url}: status ${response.status}`);
      for (const line of response.headers.getSetCookie()) {
        const pair = line.split(';')[0] as string;
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
    }
    if (jar.size === 0) throw new Error(`${url}: no session cookie`);
    // The counter went on from visit to visit: the session carried over.
    if (body !== String(visits)) {
      throw new Error(`${url}: the session did not carry over (visit ${visits} answered ${body})`);
    }
    cookies.push([...jar].map(([name, value]) => `${name}=${value}`).join('; '));
  }
  return cookies;
}

interface WrkRun {
  readonly rps: number;
  readonly errors: number;
}

function wrk(url: string, cookieFile: string, seconds: number, connections: number): WrkRun {
  const script = join(import.meta.dirname, 'sessions-http.lua');
  const result = spawnSync(
    'taskset',
    [
      '-c',
      '1',
      'wrk',
      '-t1',
      `-c${connections}`,
      `-d${seconds}s`,
      '-s',
      script,
      url,
      '--',
      cookieFile,
    ],
    { encoding: 'utf8' },
  );
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`wrk failed:\n${output}`);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const errors = non2xx + (socket ? socket.slice(1).reduce((sum, v) => sum + Number(v), 0) : 0);
  return { rps, errors };
}

export interface HttpResult {
  readonly started: string;
  readonly node: string;
  readonly machine: string;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly options: Omit<HttpOptions, 'log' | 'write'>;
  readonly apps: Record<string, { rps: number[]; errors: number }>;
  readonly table: string;
}

function stats(values: readonly number[]): string {
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
  return `${fmt(median(values))} (${fmt(Math.min(...values))}–${fmt(Math.max(...values))})`;
}

/** Median of the per-round ratios a/b, with min–max. */
function ratio(a: readonly number[], b: readonly number[]): string {
  const each = a.map((v, i) => v / (b[i] as number));
  return `**${median(each).toFixed(2)}** (${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)})`;
}

function table(apps: HttpResult['apps']): string {
  const errors = Object.entries(apps)
    .filter(([, a]) => a.errors > 0)
    .map(([name, a]) => `${name} ${a.errors}`);
  const lines = [
    '| framework, store | shortbread req/s | peer | peer req/s | shortbread / peer | bare route req/s | shortbread / bare | peer / bare |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { row, ours, peer, bare } of ROWS) {
    const a = apps[ours];
    const b = apps[bare];
    if (a === undefined || b === undefined) continue;
    const p = peer === undefined ? undefined : apps[peer];
    const peerName = peer === undefined ? '—' : (PEER_NAMES[peer] ?? peer);
    lines.push(
      `| ${row} | ${stats(a.rps)} | ${peerName} | ${p ? stats(p.rps) : '—'} | ${p ? ratio(a.rps, p.rps) : '—'} | ${stats(b.rps)} | ${ratio(a.rps, b.rps)} | ${p ? ratio(p.rps, b.rps) : '—'} |`,
    );
  }
  // wrk's socket errors (timeouts under load) and non-2xx answers, over all timed runs.
  lines.push(
    '',
    `Errors (wrk socket errors and non-2xx, all rounds): ${errors.length === 0 ? 'none' : errors.join(', ')}.`,
  );
  return lines.join('\n');
}

export async function runSessionsHttp(options: HttpOptions): Promise<HttpResult> {
  const names = [
    ...new Set(ROWS.flatMap((r) => [r.bare, r.ours, ...(r.peer ? [r.peer] : [])])),
  ].filter(
    (name) => options.only === undefined || options.only.some((part) => name.includes(part)),
  );
  const dir = mkdtempSync(join(tmpdir(), 'shortbread-sessions-http-'));
  const redis = await startRedis();
  const servers: Server[] = [];
  const loadBefore = loadavg();
  const started = new Date().toISOString();
  // The servers run what users run: the bundle, not the sources under tsx.
  const script = await bundleScript(join(import.meta.dirname, 'sessions-http-server.ts'));
  try {
    for (const name of names) {
      const server = await startServer(
        name,
        { ...process.env, REDIS_URL: redis.url },
        script,
        options.cpuProf,
      );
      const cookieFile = join(dir, `${servers.length}.cookies`);
      servers.push({ ...server, cookieFile });
      const cookies = await makeCookies(server.url, options.users, name.endsWith(' bare'));
      writeFileSync(cookieFile, `${cookies.join('\n')}\n`);
      options.log(`${name}: ${options.users} sessions made; warming up ${options.warmup}s`);
      wrk(server.url, cookieFile, options.warmup, options.connections);
    }
    const apps: HttpResult['apps'] = {};
    for (const s of servers) apps[s.name] = { rps: [], errors: 0 };
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const s of order) {
        const run = wrk(s.url, s.cookieFile, options.duration, options.connections);
        const app = apps[s.name] as { rps: number[]; errors: number };
        app.rps.push(run.rps);
        app.errors += run.errors;
      }
      options.log(`round ${round + 1}/${options.rounds} done (load ${loadavg()[0]?.toFixed(2)})`);
    }
    const { log: _log, write: _write, ...rest } = options;
    return {
      started,
      node: process.version,
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      loadBefore,
      loadAfter: loadavg(),
      options: rest,
      apps,
      table: table(apps),
    };
  } finally {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.child.exitCode !== null) return resolve();
            s.child.once('exit', () => resolve());
            s.child.kill('SIGTERM');
          }),
      ),
    );
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(script, { force: true });
  }
}

const START = '<!-- sessions-http:start -->';
const END = '<!-- sessions-http:end -->';

/** The text of the section: the table, then how it was measured. */
export function describe(result: HttpResult): string {
  const o = result.options;
  const load = (l: readonly number[]) => l.map((v) => v.toFixed(2)).join(' ');
  return `${result.table}\n\nNode ${result.node}, ${result.machine}; \`GET /count\`, ${o.users} users with a session each, \`wrk -t1 -c${o.connections}\` for ${o.duration} s per app per round after a ${o.warmup} s warm-up, ${o.rounds} interleaved rounds, server on CPU 0 and wrk on CPU 1; medians (min–max); ratios are medians of the per-round ratios. Load average (1, 5, 15 min) ${load(result.loadBefore)} before, ${load(result.loadAfter)} after (the machine is shared). ${result.started}`;
}

/** Writes `bench/results/sessions-http-latest.json` and the section of `bench/RESULTS.md`. */
export function writeResults(result: HttpResult): void {
  writeFileSync('bench/results/sessions-http-latest.json', `${JSON.stringify(result, null, 2)}\n`);
  const md = readFileSync('bench/RESULTS.md', 'utf8');
  const section = `${START}\n\n${describe(result)}\n\n${END}`;
  const at = md.indexOf(START);
  const end = md.indexOf(END);
  writeFileSync(
    'bench/RESULTS.md',
    at >= 0 && end > at
      ? md.slice(0, at) + section + md.slice(end + END.length)
      : `${md.trimEnd()}\n\n## Sessions over HTTP (issue 21)\n\n${section}\n`,
  );
}
