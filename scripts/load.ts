/**
 * @module `npm run load`: the demo under wrk with each session store (cookie, memory, SQLite, Redis,
 * PostgreSQL) on 127.0.0.1, `LOAD_SECONDS` (default 8, as two rounds of half) and `LOAD_CONNECTIONS` (default 50) each. Every connection is
 * one client incrementing its own session counter; afterwards each counter is read back and compared
 * with the increments the server acknowledged. Prints requests/s, error responses, lost writes and the
 * server's RSS before and after; writes reports/load.json; exits 1 on any error response or lost write.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../test/helpers/postgres.js';
import { startRedis } from '../test/helpers/redis.js';
import { rssKiB, startDemo } from './harness/demo-process.js';
import { writeReport } from './harness/write-report.js';

const WRK = process.env.WRK ?? 'wrk';
/** Each store gets two wrk rounds of half of this. */
const seconds = Number(process.env.LOAD_SECONDS ?? 8);
/** The second round may grow the server's RSS by this much before the run calls it a leak. */
const RSS_SECOND_ROUND_LIMIT_KIB = 64 * 1024;
const connections = Number(process.env.LOAD_CONNECTIONS ?? 50);
const stores = (process.env.LOAD_STORES ?? 'cookie,memory,sqlite,redis,postgres').split(',');

interface Client {
  id: number;
  acked: number;
  bad: number;
  skew: number;
  lastStatus: number;
  cookie: string | undefined;
}

interface StoreResult {
  store: string;
  requests: number;
  requestsPerSecond: number;
  p99Ms: number;
  errorResponses: number;
  socketErrors: number;
  lostWrites: number;
  /** Increments applied whose answer wrk never read because the run stopped (at most 1 a client). */
  unacknowledged: number;
  countMismatches: number;
  rssBeforeKiB: number;
  /** After the first of the two rounds. */
  rssMidKiB: number;
  rssAfterKiB: number;
  serverErrors: string;
  failures: string[];
}

const probe = spawnSync(WRK, ['--version'], { encoding: 'utf8' });
if (probe.error) {
  console.error(
    `wrk is missing: cannot run ${JSON.stringify(WRK)} (apt-get install -y wrk, or set WRK)`,
  );
  writeReport('load', { passed: 0, failed: 1, figures: { error: 'wrk missing' } });
  process.exit(1);
}

function runWrk(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = ['-t', String(connections), '-c', String(connections), '-d', `${seconds / 2}s`];
    const child = spawn(WRK, [...args, '--timeout', '5s', '-s', 'scripts/load.lua', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}:\n${out}`)),
    );
  });
}

async function readCount(url: string, cookie: string | undefined): Promise<number | string> {
  const headers: Record<string, string> = {};
  if (cookie !== undefined) headers.cookie = cookie;
  const response = await fetch(`${url}/session?format=json`, { headers });
  const text = await response.text();
  if (response.status !== 200) return `status ${response.status}: ${text.slice(0, 200)}`;
  const count = (JSON.parse(text) as { count?: unknown }).count;
  return typeof count === 'number' ? count : `no count in ${text.slice(0, 200)}`;
}

type RoundResult = Omit<
  StoreResult,
  'store' | 'rssBeforeKiB' | 'rssAfterKiB' | 'rssMidKiB' | 'serverErrors'
>;

/** One wrk run against a fresh set of sessions, then every counter read back. */
async function round(url: string): Promise<RoundResult> {
  const out = await runWrk(`${url}/session`);
  const clients: Client[] = [];
  let summary: number[] = [];
  for (const line of out.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts[0] === 'CLIENT') {
      const [, id, acked, bad, skew, lastStatus, cookie] = parts;
      clients.push({
        id: Number(id),
        acked: Number(acked),
        bad: Number(bad),
        skew: Number(skew),
        lastStatus: Number(lastStatus),
        cookie: cookie === '-' || cookie === undefined ? undefined : cookie,
      });
    }
    if (parts[0] === 'SUMMARY') summary = parts.slice(1).map(Number);
  }
  const [requests = 0, durationUs = 1, connect = 0, read = 0, write = 0, , timeout = 0] = summary;
  const failures: string[] = [];
  if (clients.length !== connections) {
    failures.push(`wrk reported ${clients.length} clients, not ${connections}:\n${out}`);
  }
  let lostWrites = 0;
  let unacknowledged = 0;
  for (const client of clients) {
    const stored = await readCount(url, client.cookie);
    if (typeof stored === 'string') {
      failures.push(`client ${client.id}: its session cannot be read back (${stored})`);
      continue;
    }
    // Acknowledged increments must all be there; one more is a request in flight when wrk stopped.
    if (stored < client.acked) lostWrites += client.acked - stored;
    else if (stored - client.acked <= 1) unacknowledged += stored - client.acked;
    else {
      failures.push(
        `client ${client.id}: count ${stored} but only ${client.acked} increments acknowledged`,
      );
    }
  }
  const errorResponses = clients.reduce((n, c) => n + c.bad, 0);
  const countMismatches = clients.reduce((n, c) => n + c.skew, 0);
  const socketErrors = connect + read + write + timeout;
  if (requests === 0) failures.push('no request completed');
  if (errorResponses > 0) {
    const statuses = [...new Set(clients.filter((c) => c.bad > 0).map((c) => c.lastStatus))];
    failures.push(`${errorResponses} error responses (status ${statuses.join(', ')})`);
  }
  if (socketErrors > 0) {
    failures.push(
      `socket errors: connect ${connect}, read ${read}, write ${write}, timeout ${timeout}`,
    );
  }
  if (lostWrites > 0) failures.push(`${lostWrites} lost writes`);
  if (countMismatches > 0) {
    failures.push(`${countMismatches} answers counted other than the acknowledged increments`);
  }
  return {
    requests,
    requestsPerSecond: Math.round(requests / (durationUs / 1e6)),
    p99Ms: Math.round((summary[7] ?? 0) / 100) / 10,
    errorResponses,
    socketErrors,
    lostWrites,
    unacknowledged,
    countMismatches,
    failures,
  };
}

async function runStore(store: string, env: Record<string, string>): Promise<StoreResult> {
  const demo = await startDemo({ SESSION_STORE: store, ...env });
  try {
    // Warm up (opens the store, compiles the hot paths) so "before" is the server at work, not cold.
    for (let i = 0; i < 200; i++) await readCount(demo.url, undefined);
    const rssBeforeKiB = rssKiB(demo.pid);
    // Two rounds: the first grows the heap to its working size, the second shows whether it keeps
    // growing (a leak) or stays (stable).
    const first = await round(demo.url);
    const rssMidKiB = rssKiB(demo.pid);
    const second = await round(demo.url);
    const rssAfterKiB = rssKiB(demo.pid);
    const failures = [...first.failures, ...second.failures];
    const growthKiB = rssAfterKiB - rssMidKiB;
    if (growthKiB > RSS_SECOND_ROUND_LIMIT_KIB) {
      failures.push(
        `RSS grew ${(growthKiB / 1024).toFixed(1)} MB in the second round (limit ${RSS_SECOND_ROUND_LIMIT_KIB / 1024} MB): a leak?`,
      );
    }
    const requests = first.requests + second.requests;
    return {
      store,
      requests,
      requestsPerSecond: Math.round((first.requestsPerSecond + second.requestsPerSecond) / 2),
      p99Ms: Math.max(first.p99Ms, second.p99Ms),
      errorResponses: first.errorResponses + second.errorResponses,
      socketErrors: first.socketErrors + second.socketErrors,
      lostWrites: first.lostWrites + second.lostWrites,
      unacknowledged: first.unacknowledged + second.unacknowledged,
      countMismatches: first.countMismatches + second.countMismatches,
      rssBeforeKiB,
      rssMidKiB,
      rssAfterKiB,
      serverErrors: demo.stderr().slice(0, 2000),
      failures,
    };
  } finally {
    await demo.stop();
  }
}

const started = performance.now();
console.log(
  `load: ${stores.join(', ')}; wrk -t${connections} -c${connections} -d${seconds / 2}s twice (RSS before, between, after), one session per connection, POST /session?format=json`,
);
const results: StoreResult[] = [];
for (const store of stores) {
  let result: StoreResult;
  try {
    if (store === 'redis') {
      const redis = await startRedis();
      try {
        result = await runStore(store, { REDIS_URL: redis.url });
      } finally {
        await redis.stop();
      }
    } else if (store === 'postgres') {
      const postgres = await startPostgres();
      try {
        result = await runStore(store, { DATABASE_URL: postgres.url });
      } finally {
        await postgres.stop();
      }
    } else if (store === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'shortbread-load-'));
      try {
        result = await runStore(store, { SESSION_DB: join(dir, 'sessions.db') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      result = await runStore(store, {});
    }
  } catch (error) {
    result = {
      store,
      requests: 0,
      requestsPerSecond: 0,
      p99Ms: 0,
      errorResponses: 0,
      socketErrors: 0,
      lostWrites: 0,
      unacknowledged: 0,
      countMismatches: 0,
      rssBeforeKiB: 0,
      rssMidKiB: 0,
      rssAfterKiB: 0,
      serverErrors: '',
      failures: [String(error instanceof Error ? error.message : error)],
    };
  }
  results.push(result);
  const mb = (kib: number) => (kib / 1024).toFixed(1);
  const verdict = result.failures.length === 0 ? 'ok  ' : 'FAIL';
  console.log(
    `${verdict}  ${store.padEnd(6)} ${String(result.requests).padStart(7)} requests  ${String(result.requestsPerSecond).padStart(6)} req/s  p99 ${result.p99Ms} ms  errors ${result.errorResponses + result.socketErrors}  lost writes ${result.lostWrites}  (in flight at stop ${result.unacknowledged})  RSS ${mb(result.rssBeforeKiB)} -> ${mb(result.rssMidKiB)} -> ${mb(result.rssAfterKiB)} MB`,
  );
  for (const failure of result.failures) console.log(`      ${failure.replace(/\n/g, '\n      ')}`);
  if (result.failures.length > 0 && result.serverErrors !== '') {
    console.log(`      server stderr:\n${result.serverErrors.replace(/^/gm, '        ')}`);
  }
}
const failed = results.filter((r) => r.failures.length > 0).length;
const total = results.reduce((n, r) => n + r.requests, 0);
const lost = results.reduce((n, r) => n + r.lostWrites, 0);
const errors = results.reduce((n, r) => n + r.errorResponses + r.socketErrors, 0);
console.log(
  `load: ${results.length - failed} passed, ${failed} failed; ${total} requests served, ${errors} errors, ${lost} writes lost, in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
writeReport('load', { passed: results.length - failed, failed, figures: results });
process.exitCode = failed === 0 ? 0 : 1;
