/**
 * @module Load test of the adapters, side by side, bounded in time: for node:http, Express 5,
 * Fastify 5 and Hono 4, requests per second of the bare server, of the server with shortbread
 * reading 20 cookies and setting 3, and of the same with the framework's usual cookie package
 * (`cookie` for node:http, cookie-parser + `res.cookie` for Express, @fastify/cookie, Hono's
 * `hono/cookie` helper). Each server runs in its own process (bench/adapters-server.ts) and `wrk`
 * drives it on 127.0.0.1. Every variant is checked once before it is measured (status 200, three
 * Set-Cookie lines unless bare), so a broken handler cannot post a fast number.
 *
 * Run: `npx tsx bench/adapters.ts [--duration 2] [--rounds 5] [--connections 32] [--only node]
 * [--pin] [--floor] [--before DIR]`. `--pin` runs wrk on CPU 0 and the server on CPU 1 (taskset), so
 * the two do not take turns on one core. `--floor` adds servers written by hand that do the same job
 * (read 20 cookies, set 3 Set-Cookie lines): for node:http step by step (bench/adapters-server.ts,
 * `floorHandlers`), for Express and Fastify `floor-full`, a hand-written middleware or hook in the
 * framework; the target is shortbread ≥ 0.9 × `floor-full`, as the median of per-round ratios. `--before DIR` adds the shortbread variant of another checkout (e.g. a `git archive` of
 * an older commit, with its node_modules), measured in the same rounds.
 * Needs `wrk` (apt-get install -y wrk). Prints Markdown tables; the median of the rounds is used.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { median } from './median.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
    pin: { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
    before: { type: 'string' },
  },
});
const pin = values.pin === true;
const duration = Number(values.duration);
if (!Number.isInteger(duration) || duration < 1) {
  console.error(
    `--duration is invalid: ${JSON.stringify(values.duration)} (whole seconds, as wrk takes them)`,
  );
  process.exit(1);
}
const rounds = Number(values.rounds);
const connections = Number(values.connections);

if (spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error) {
  console.error('wrk is missing: install it with apt-get install -y wrk');
  process.exit(1);
}

/** 20 cookies of a realistic size: ids, flags, a few longer tokens. */
const COOKIE = Array.from({ length: 20 }, (_, i) => {
  const value = i % 5 === 0 ? `${'t'.repeat(40)}${i}` : i % 2 === 0 ? `value-${i}` : `${i}`;
  return `cookie_${i}=${value}`;
}).join('; ');

const FRAMEWORKS = ['node', 'express', 'fastify', 'hono'] as const;
const FLOOR = ['floor-headers', 'floor-writehead', 'floor-read', 'floor-full'] as const;

/** The variants measured for one framework, in the order of the tables. */
function variantsOf(framework: string): string[] {
  return [
    'bare',
    ...(values.floor === true ? (framework === 'node' ? FLOOR : ['floor-full']) : []),
    'shortbread',
    ...(values.before === undefined ? [] : ['before']),
    'usual',
  ];
}
const USUAL: Record<(typeof FRAMEWORKS)[number], string> = {
  node: 'cookie@1 parse/serialize',
  express: 'cookie-parser + res.cookie',
  fastify: '@fastify/cookie',
  hono: 'hono/cookie',
};

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
}

function start(framework: string, variant: string): Promise<Server> {
  // `before` is the shortbread variant of the other checkout, run from there.
  const before = variant === 'before';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/adapters-server.ts', framework, before ? 'shortbread' : variant],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], cwd: before ? values.before : process.cwd() },
  );
  if (pin && child.pid !== undefined) spawnSync('taskset', ['-pc', '1', String(child.pid)]);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${framework} ${variant} exited with ${code}`)));
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

/** One request: the status and how many Set-Cookie lines came back. */
function check(port: number): Promise<{ status: number; setCookie: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/', headers: { cookie: COOKIE }, agent: false },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            setCookie: res.headers['set-cookie']?.length ?? 0,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** CPU microseconds the server process has used so far (user + system). */
function cpuOf(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.child.once('message', (message: { cpu: number }) => resolve(message.cpu));
    server.child.send('cpu');
  });
}

interface Run {
  readonly rps: number;
  readonly requests: number;
}

function wrk(port: number, seconds: number): Run {
  const result = spawnSync(
    pin ? 'taskset' : 'wrk',
    [
      ...(pin ? ['-c', '0', 'wrk'] : []),
      '-t1',
      `-c${connections}`,
      `-d${seconds}s`,
      '-H',
      `Cookie: ${COOKIE}`,
      `http://127.0.0.1:${port}/`,
    ],
    { encoding: 'utf8' },
  );
  const match = /Requests\/sec:\s+([\d.]+)/.exec(result.stdout);
  const total = /(\d+) requests in/.exec(result.stdout);
  if (!match || !total || /Non-2xx/.test(result.stdout))
    throw new Error(`wrk failed:\n${result.stdout}${result.stderr}`);
  return { rps: Number(match[1]), requests: Number(total[1]) };
}

const results = new Map<string, number[]>();
/** CPU microseconds per request, per variant and round. */
const costs = new Map<string, number[]>();
const frameworks =
  values.only === undefined ? FRAMEWORKS : FRAMEWORKS.filter((f) => f === values.only);

for (const framework of frameworks) {
  // Every variant of a framework runs at once (idle but for its turn), each warmed up once, then
  // measured in short turns taken in a rotating order: load from elsewhere on a shared machine comes
  // and goes within seconds, and many short interleaved turns spread it over all the variants.
  const variants = variantsOf(framework);
  const servers = new Map<string, Server>();
  try {
    for (const variant of variants) {
      const server = await start(framework, variant);
      servers.set(variant, server);
      const seen = await check(server.port);
      const expected = variant === 'bare' ? 0 : 3;
      if (seen.status !== 200 || seen.setCookie !== expected) {
        throw new Error(
          `${framework} ${variant}: status ${seen.status}, ${seen.setCookie} Set-Cookie (expected 200, ${expected})`,
        );
      }
      wrk(server.port, 1); // warm-up: JIT and connection setup
    }
    for (let round = 0; round < rounds; round++) {
      const shift = round % variants.length;
      const rotated = [...variants.slice(shift), ...variants.slice(0, shift)];
      const order = round % 2 === 0 ? rotated : rotated.reverse();
      for (const variant of order) {
        const server = servers.get(variant) as Server;
        const before = await cpuOf(server);
        const { rps, requests } = wrk(server.port, duration);
        const cost = ((await cpuOf(server)) - before) / requests;
        const key = `${framework} ${variant}`;
        results.set(key, [...(results.get(key) ?? []), rps]);
        costs.set(key, [...(costs.get(key) ?? []), cost]);
        console.error(
          `round ${round + 1}: ${key.padEnd(24)} ${rps.toFixed(0)} req/s, ${cost.toFixed(1)} µs CPU/request`,
        );
      }
    }
  } finally {
    for (const server of servers.values()) await stop(server);
  }
}

console.log(
  `\n${duration}s per run, ${rounds} rounds (median), wrk -t1 -c${connections}${pin ? ' on CPU 0, server on CPU 1 (taskset)' : ''}, Node ${process.version}, 20 cookies read + 3 set\n`,
);
console.log('Requests per second (noisy on a shared machine):\n');
console.log('| framework | bare | shortbread (% of bare) | usual package | usual (% of bare) |');
console.log('| --- | ---: | ---: | --- | ---: |');
for (const framework of frameworks) {
  const bare = median(results.get(`${framework} bare`) ?? [0]);
  const ours = median(results.get(`${framework} shortbread`) ?? [0]);
  const usual = median(results.get(`${framework} usual`) ?? [0]);
  const pct = (n: number): string => `${((n / bare) * 100).toFixed(1)}%`;
  console.log(
    `| ${framework} | ${bare.toFixed(0)} | ${ours.toFixed(0)} (${pct(ours)}) | ${USUAL[framework]} | ${usual.toFixed(0)} (${pct(usual)}) |`,
  );
}
console.log(
  '\nServer CPU per request (steadier): µs, the cost added over bare, and the throughput a saturated single-threaded server keeps (bare CPU / CPU):\n',
);
console.log(
  '| framework | bare µs | shortbread µs (+added, keeps) | usual package | usual µs (+added, keeps) |',
);
console.log('| --- | ---: | ---: | --- | ---: |');
for (const framework of frameworks) {
  const bare = median(costs.get(`${framework} bare`) ?? [0]);
  const ours = median(costs.get(`${framework} shortbread`) ?? [0]);
  const usual = median(costs.get(`${framework} usual`) ?? [0]);
  const cell = (n: number): string =>
    `${n.toFixed(1)} (+${(n - bare).toFixed(1)}, ${((bare / n) * 100).toFixed(1)}%)`;
  console.log(
    `| ${framework} | ${bare.toFixed(1)} | ${cell(ours)} | ${USUAL[framework]} | ${cell(usual)} |`,
  );
}
console.log('\nEvery variant (medians; requests/s and CPU per request relative to bare):\n');
console.log('| framework | variant | requests/s | % of bare | CPU µs/request | added µs | keeps |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const framework of frameworks) {
  const bareRps = median(results.get(`${framework} bare`) ?? [0]);
  const bareCpu = median(costs.get(`${framework} bare`) ?? [0]);
  for (const variant of variantsOf(framework)) {
    const rps = median(results.get(`${framework} ${variant}`) ?? [0]);
    const cpu = median(costs.get(`${framework} ${variant}`) ?? [0]);
    const name = variant === 'usual' ? `usual: ${USUAL[framework]}` : variant;
    console.log(
      `| ${framework} | ${name} | ${rps.toFixed(0)} | ${((rps / bareRps) * 100).toFixed(1)}% | ${cpu.toFixed(1)} | ${(cpu - bareCpu).toFixed(1)} | ${((bareCpu / cpu) * 100).toFixed(1)}% |`,
    );
  }
}

/** The median over rounds of `a / b`, each ratio taken within one round (paired). */
function pairedRatio(map: Map<string, number[]>, a: string, b: string): number {
  const left = map.get(a) ?? [];
  const right = map.get(b) ?? [];
  const ratios = left.map((value, i) => value / (right[i] ?? Number.NaN));
  return ratios.length === 0 ? Number.NaN : median(ratios);
}

console.log(
  '\nPaired ratios (median over rounds of the ratio within each round; req/s, and CPU per request inverted so that higher is better for shortbread):\n',
);
console.log('| framework | compared to | req/s ratio | CPU ratio |');
console.log('| --- | --- | ---: | ---: |');
for (const framework of frameworks) {
  const ours = `${framework} shortbread`;
  for (const other of variantsOf(framework)) {
    if (
      other === 'shortbread' ||
      other === 'bare' ||
      (other.startsWith('floor-') && other !== 'floor-full')
    )
      continue;
    const name = other === 'usual' ? `usual: ${USUAL[framework]}` : other;
    const rps = pairedRatio(results, ours, `${framework} ${other}`);
    const cpu = pairedRatio(costs, `${framework} ${other}`, ours);
    console.log(`| ${framework} | ${name} | ${rps.toFixed(3)} | ${cpu.toFixed(3)} |`);
  }
}
