/**
 * @module `npm run fault`: Redis killed (SIGKILL) and restarted under load. The demo keeps sessions
 * in a redis-server with an append-only file fsynced on every write; `FAULT_CLIENTS` (default 20)
 * clients each increment their own session counter in a loop. After `FAULT_STEADY_MS` the server is
 * killed, restarted `FAULT_DOWN_MS` (default 2000) later on the same port and directory, and the load
 * goes on. Checks: every answer is 200 or 503 "session store unavailable"; nothing succeeds while
 * Redis is down; everything succeeds once ioredis has reconnected; no counter ever goes backwards or
 * loses an acknowledged increment; every session reads back. Writes reports/fault.json; exits 1 on
 * any failed check.
 */
import { startRedis } from '../test/helpers/redis.js';
import { startDemo } from './harness/demo-process.js';
import { writeReport } from './harness/write-report.js';

const clients = Number(process.env.FAULT_CLIENTS ?? 20);
const steadyMs = Number(process.env.FAULT_STEADY_MS ?? 3000);
const downMs = Number(process.env.FAULT_DOWN_MS ?? 2000);
const afterMs = Number(process.env.FAULT_AFTER_MS ?? 4000);
/** ioredis retries every ≤ 1 s (the store's retryStrategy): requests this soon after may still fail. */
const reconnectMs = 1500;

interface Outcome {
  start: number;
  end: number;
  status: number;
  count?: number;
  text: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const since = (t0: number) => performance.now() - t0;

const redis = await startRedis({ appendOnly: true });
const demo = await startDemo({ SESSION_STORE: 'redis', REDIS_URL: redis.url });
const t0 = performance.now();
let stopping = false;
let killedAt = Number.POSITIVE_INFINITY;
let upAt = Number.POSITIVE_INFINITY;

async function post(cookie: string | undefined): Promise<{ outcome: Outcome; cookie?: string }> {
  const start = since(t0);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (cookie !== undefined) headers.cookie = cookie;
  try {
    const response = await fetch(`${demo.url}/session?format=json`, {
      method: 'POST',
      headers,
      body: 'action=count',
      signal: AbortSignal.timeout(5000),
    });
    const text = await response.text();
    const outcome: Outcome = { start, end: since(t0), status: response.status, text };
    if (response.status === 200) {
      const count = (JSON.parse(text) as { count?: unknown }).count;
      if (typeof count === 'number') outcome.count = count;
    }
    const set = response.headers.get('set-cookie')?.split(';')[0];
    return set === undefined ? { outcome } : { outcome, cookie: set };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { outcome: { start, end: since(t0), status: 0, text } };
  }
}

async function client(): Promise<{ outcomes: Outcome[]; cookie: string | undefined }> {
  const outcomes: Outcome[] = [];
  let cookie: string | undefined;
  while (!stopping) {
    const result = await post(cookie);
    outcomes.push(result.outcome);
    if (result.cookie !== undefined) cookie = result.cookie;
    await sleep(10);
  }
  return { outcomes, cookie };
}

const failures: string[] = [];
let figures: Record<string, unknown> = {};
try {
  const running = Array.from({ length: clients }, () => client());
  await sleep(steadyMs);
  killedAt = since(t0);
  await redis.kill();
  await sleep(downMs);
  await redis.restart();
  upAt = since(t0);
  await sleep(afterMs);
  stopping = true;
  const results = await Promise.all(running);

  let before = 0;
  let during = 0;
  let duringUnavailable = 0;
  let reconnecting = 0;
  let reconnectingOk = 0;
  let after = 0;
  let afterOk = 0;
  let jumps = 0;
  let firstOkAfterRestart = Number.POSITIVE_INFINITY;
  const bad: string[] = [];
  for (const [index, { outcomes, cookie }] of results.entries()) {
    let last = 0;
    let failedSinceAck = 0;
    for (const o of outcomes) {
      const unavailable = o.status === 503 && o.text.startsWith('session store unavailable');
      if (o.status !== 200 && !unavailable) {
        bad.push(
          `client ${index}: status ${o.status} at ${o.start.toFixed(0)} ms: ${o.text.slice(0, 120)}`,
        );
      }
      if (o.end < killedAt) {
        before++;
        if (o.status !== 200) bad.push(`client ${index}: ${o.status} before the kill`);
      } else if (o.start >= killedAt && o.end <= upAt) {
        during++;
        if (unavailable) duringUnavailable++;
        if (o.status === 200) bad.push(`client ${index}: 200 while Redis was down`);
      } else if (o.start >= upAt + reconnectMs) {
        after++;
        if (o.status === 200) afterOk++;
      } else {
        reconnecting++;
        if (o.status === 200) reconnectingOk++;
      }
      if (o.status === 200 && o.start >= upAt)
        firstOkAfterRestart = Math.min(firstOkAfterRestart, o.end - upAt);
      if (o.status !== 200) {
        failedSinceAck++;
        continue;
      }
      const count = o.count ?? Number.NaN;
      // A failed request may still have been applied (its answer was lost): one more per failure.
      if (!(count > last && count <= last + 1 + failedSinceAck)) {
        bad.push(
          `client ${index}: count went from ${last} to ${count} (${failedSinceAck} failures between)`,
        );
      }
      if (count !== last + 1) jumps++;
      last = count;
      failedSinceAck = 0;
    }
    const headers: Record<string, string> = cookie === undefined ? {} : { cookie };
    const read = await fetch(`${demo.url}/session?format=json`, { headers });
    const text = await read.text();
    const stored =
      read.status === 200 ? (JSON.parse(text) as { count?: unknown }).count : undefined;
    if (stored !== last) {
      bad.push(
        `client ${index}: reads back ${read.status} ${text.slice(0, 120)}, last acknowledged ${last}`,
      );
    }
  }
  if (duringUnavailable === 0) bad.push('no request saw the outage: the fault was not observed');
  if (after === 0 || afterOk !== after) {
    bad.push(`${after - afterOk} of ${after} requests failed ${reconnectMs} ms after the restart`);
  }
  failures.push(...bad);
  const total = results.reduce((n, r) => n + r.outcomes.length, 0);
  figures = {
    clients,
    faultsInjected: 1,
    downMs: Math.round(upAt - killedAt),
    requests: total,
    beforeKill: before,
    duringOutage: during,
    duringOutage503: duringUnavailable,
    whileReconnecting: reconnecting,
    whileReconnectingOk: reconnectingOk,
    afterReconnect: after,
    afterReconnectOk: afterOk,
    firstOkAfterRestartMs: Math.round(firstOkAfterRestart),
    countJumps: jumps,
    sessionsReadBack: clients,
    failedChecks: bad.length,
  };
  console.log(
    `fault: 1 Redis SIGKILL, down ${figures.downMs} ms, ${clients} clients, ${total} requests: ${before} before (all 200), ${during} during the outage (${duringUnavailable} answered 503 "session store unavailable"), ${reconnecting} straddling the kill or the reconnection (${reconnectingOk} ok, ${reconnecting - reconnectingOk} 503), ${after} after (${afterOk} ok); first success ${figures.firstOkAfterRestartMs} ms after the restart; ${clients} sessions read back, ${bad.length === 0 ? 'counters never went backwards' : `${bad.length} failed checks`}, ${jumps} jumps over an unanswered increment`,
  );
} catch (error) {
  failures.push(String(error instanceof Error ? error.stack : error));
} finally {
  stopping = true;
  await demo.stop();
  await redis.stop();
}
for (const failure of failures.slice(0, 20)) console.log(`FAIL  ${failure}`);
if (failures.length > 20) console.log(`FAIL  ... and ${failures.length - 20} more`);
console.log(`fault: ${failures.length === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
writeReport('fault', {
  passed: failures.length === 0 ? 1 : 0,
  failed: failures.length === 0 ? 0 : 1,
  figures: { ...figures, failures: failures.slice(0, 20) },
});
process.exitCode = failures.length === 0 ? 0 : 1;
