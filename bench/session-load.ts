/**
 * @module Load test of `Sessions` on each store, side by side: a node:http server (shortbread's
 * `serve`) answers `GET /count` (read the session, increment, write it) and `GET /read` (read only)
 * for 1000 users with a session each, and `wrk` drives it for a fixed time per run.
 *
 * Run: `npx tsx bench/session-load.ts [--duration 5] [--connections 50] [--users 1000]`
 * Needs `wrk` (apt-get install -y wrk), `redis-server` (apt-get install -y redis-server) and
 * PostgreSQL 15 (apt-get install -y postgresql; a throwaway cluster is started in a temp dir). The
 * Redis Cluster row is six redis-servers (three masters, one replica each) through ioredis's
 * `Cluster` client.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Cluster } from 'ioredis';
import { serve } from '../src/node.js';
import {
  CookieSessionStore,
  MemorySessionStore,
  type SessionStore,
  Sessions,
} from '../src/session.js';
import { PostgresSessionStore } from '../src/session-postgres.js';
import { RedisSessionStore } from '../src/session-redis.js';
import { SqliteSessionStore } from '../src/session-sqlite.js';
import { startPostgres } from '../test/helpers/postgres.js';
import { startRedis } from '../test/helpers/redis.js';
import { startRedisCluster } from '../test/helpers/redis-cluster.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    users: { type: 'string', default: '1000' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const users = Number(values.users);

const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
if (probe.error) {
  console.error('wrk is missing: install it with apt-get install -y wrk');
  process.exit(1);
}

/** Picks one of the users' cookies per request, round robin per wrk thread; keeps what is re-set. */
const WRK_SCRIPT = `
local cookies = {}
local n = 0
local i = 0
init = function(args)
  for line in io.lines(args[1]) do
    n = n + 1
    cookies[n] = line
  end
  i = math.random(n)
end
request = function()
  i = (i % n) + 1
  return wrk.format(nil, nil, { Cookie = cookies[i] })
end
response = function(status, headers, body)
  local line = headers["set-cookie"] or headers["Set-Cookie"]
  if line then cookies[i] = string.match(line, "^([^;]+)") end
end
`;

interface Run {
  readonly store: string;
  readonly route: string;
  readonly rps: number;
  readonly latency: string;
  readonly errors: number;
}

function wrk(
  url: string,
  scriptFile: string,
  cookieFile: string,
  seconds = duration,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'wrk',
      [
        '-t2',
        `-c${connections}`,
        `-d${seconds}s`,
        '--timeout',
        '5s',
        '-s',
        scriptFile,
        url,
        '--',
        cookieFile,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
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

function parse(store: string, route: string, output: string): Run {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const latency = /Latency\s+(\S+)/.exec(output)?.[1] ?? '?';
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const errors =
    non2xx + (socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0);
  return { store, route, rps, latency, errors };
}

const dir = mkdtempSync(join(tmpdir(), 'shortbread-bench-'));
const redis = await startRedis();
const postgres = await startPostgres();
const cluster = await startRedisCluster();
const scriptFile = join(dir, 'sessions.lua');
writeFileSync(scriptFile, WRK_SCRIPT);
const secret = 'bench secret of a decent length, 32+ bytes';

const stores: { name: string; make: () => SessionStore | CookieSessionStore }[] = [
  { name: 'cookie', make: () => new CookieSessionStore() },
  { name: 'memory', make: () => new MemorySessionStore({ maxSessions: users * 2 }) },
  { name: 'sqlite', make: () => new SqliteSessionStore({ filename: join(dir, 'sessions.db') }) },
  { name: 'redis', make: () => new RedisSessionStore({ url: redis.url }) },
  {
    name: 'redis cluster (3 masters + 3 replicas)',
    make: () =>
      new RedisSessionStore({
        client: new Cluster(
          cluster.ports.map((port) => ({ host: '127.0.0.1', port })),
          { redisOptions: { maxRetriesPerRequest: 1, commandTimeout: 2000 } },
        ),
      }),
  },
  {
    name: 'postgres',
    make: () => new PostgresSessionStore({ url: postgres.url, poolOptions: { max: 20 } }),
  },
];

const runs: Run[] = [];
try {
  for (const { name, make } of stores) {
    const store = make();
    const sessions = new Sessions({ secret, store });
    const app = sessions.wrap((request, session) => {
      if (new URL(request.url).pathname === '/count') {
        const count = Number(session.get('count') ?? 0) + 1;
        session.set('count', count);
        return new Response(String(count));
      }
      return new Response(String(session.get('count') ?? 0));
    });
    const serving = await serve(app, { port: 0 });
    // One session per user, made through the app itself.
    const cookies: string[] = [];
    for (let u = 0; u < users; u++) {
      const response = await app(new Request(`${serving.url}/count`));
      cookies.push((response.headers.getSetCookie()[0] as string).split(';')[0] as string);
    }
    const cookieFile = join(dir, `${name}.cookies`);
    writeFileSync(cookieFile, `${cookies.join('\n')}\n`);
    // Warm up (JIT, caches, SQLite pages) without measuring.
    await wrk(`${serving.url}/count`, scriptFile, cookieFile, 1);
    for (const route of ['/read', '/count']) {
      const output = await wrk(`${serving.url}${route}`, scriptFile, cookieFile);
      runs.push(parse(name, route, output));
      console.error(`${name} ${route}: ${runs.at(-1)?.rps.toFixed(0)} req/s`);
    }
    await serving.close({ force: true });
    if ('close' in store && typeof store.close === 'function') await store.close();
    // A client passed in stays open on close(): the bench made it, so it ends it.
    if (store instanceof RedisSessionStore && store.client instanceof Cluster)
      store.client.disconnect();
  }
} finally {
  await redis.stop();
  await postgres.stop();
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\nSessions load test: wrk -t2 -c${connections} -d${duration}s, ${users} users with a session each, node ${process.version}\n`,
);
console.log(
  '| store | GET /read (load only) req/s | GET /count (load + write) req/s | latency avg (read / count) | errors |',
);
console.log('| --- | ---: | ---: | --- | ---: |');
for (const { name } of stores) {
  const read = runs.find((r) => r.store === name && r.route === '/read');
  const count = runs.find((r) => r.store === name && r.route === '/count');
  console.log(
    `| ${name} | ${read?.rps.toFixed(0)} | ${count?.rps.toFixed(0)} | ${read?.latency} / ${count?.latency} | ${(read?.errors ?? 0) + (count?.errors ?? 0)} |`,
  );
}
