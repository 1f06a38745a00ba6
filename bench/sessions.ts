/**
 * @module `npm run bench:sessions`: what sessions cost. Today it runs the in-process table of
 * `bench/session-codecs.bench.ts` (decode + encode round trips of distinct sessions, shortbread's
 * codecs against cookie-session's); with `--http`, the HTTP table of `bench/sessions-http.ts` too
 * (wrk on `GET /count` per framework and store; `--http-only` skips the codec table). Prints the table with the Node version, the machine and
 * the load average; writes `bench/results/session-codecs-latest.json` and the section between the
 * `session-codecs` markers of `bench/RESULTS.md`; after an HTTP run, the chart `bench/sessions.svg`
 * (`bench/sessions-chart.ts`).
 *
 * Environment: see `bench/session-codecs.bench.ts` (`CODECS_ROUNDS`, `CODECS_BATCH_MS`, `CODECS_BATCH`,
 * `CODECS_BEFORE`); `BENCH_NO_WRITE=1` prints without writing files.
 * HTTP flags: `--rounds 5 --duration 4 --warmup 2 --connections 50 --users 1000`,
 * `--only express,fastify` (apps whose name contains a part), `--cpu-prof <dir>`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type CodecResult, runSessionCodecs } from './session-codecs.bench.js';
import { writeSessionsChart } from './sessions-chart.js';
import { describe, runSessionsHttp, writeResults } from './sessions-http.js';

const { values: flags } = parseArgs({
  options: {
    http: { type: 'boolean', default: false },
    'http-only': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    users: { type: 'string', default: '1000' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});

const RESULTS = 'bench/RESULTS.md';
const JSON_FILE = 'bench/results/session-codecs-latest.json';
const START = '<!-- session-codecs:start -->';
const END = '<!-- session-codecs:end -->';

/** The targets of issue 21, by row name prefix: the highest ratio to cookie-session allowed. */
const TARGETS: readonly { prefix: string; max: number }[] = [
  { prefix: 'shortbread FlaskSessionCodec', max: 0.5 },
  { prefix: 'shortbread seal/unseal', max: 1.0 },
];

function targetOf(name: string): number | undefined {
  return TARGETS.find((t) => name.startsWith(t.prefix))?.max;
}

/** A Markdown table laid out as biome formats it (columns padded to their widest cell). */
function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) =>
    Math.max(3, cell.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 3)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function table(results: readonly CodecResult[]): string {
  const rows = results.map((r) => {
    const target = targetOf(r.name);
    const verdict =
      target === undefined
        ? ''
        : `<= ${target.toFixed(1)}: ${r.ratio <= target ? 'met' : 'NOT met'}`;
    return [
      r.name,
      Math.round(r.nsPerOp).toLocaleString('en-US'),
      r.ratio.toFixed(2),
      `${r.ratioMin.toFixed(2)}-${r.ratioMax.toFixed(2)}`,
      verdict,
    ];
  });
  return markdownTable(
    [
      'codec (decode + encode, distinct sessions)',
      'CPU ns per round trip',
      'ratio to cookie-session (median)',
      'min-max',
      'target',
    ],
    rows,
  );
}

async function codecTable(): Promise<void> {
  const rounds = Number(process.env.CODECS_ROUNDS ?? 21);
  const fixedBatch = process.env.CODECS_BATCH;
  const batchMs = Number(process.env.CODECS_BATCH_MS ?? 150);
  const before = process.env.CODECS_BEFORE;
  const loadBefore = loadavg();
  const started = new Date();
  const results = await runSessionCodecs({
    rounds,
    batchMs,
    ...(fixedBatch === undefined ? {} : { batch: Number(fixedBatch) }),
    ...(before === undefined ? {} : { before }),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const loadAfter = loadavg();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`;
  const about = `Node ${process.version}, ${machine}; load average ${loadBefore[0]?.toFixed(2)} before, ${loadAfter[0]?.toFixed(2)} after; ${Math.max(21, rounds)} paired rounds, each row timed over about ${batchMs} ms of its work per round (${results.map((r) => r.batch).join(' / ')} round trips), over 1000 distinct 4-key sessions; ${started.toISOString()}`;
  const text = `${table(results)}\n\n${about}`;
  console.log(`\nIn-process session codecs\n\n${text}`);
  const failed = results.filter((r) => {
    const target = targetOf(r.name);
    return target !== undefined && r.ratio > target;
  });
  if (process.env.BENCH_NO_WRITE !== '1') {
    writeFileSync(
      JSON_FILE,
      `${JSON.stringify({ started: started.toISOString(), node: process.version, machine, loadBefore, loadAfter, rounds, batchMs, results }, null, 2)}\n`,
    );
    const md = readFileSync(RESULTS, 'utf8');
    const section = `${START}\n\n${text}\n\n${END}`;
    const at = md.indexOf(START);
    const end = md.indexOf(END);
    writeFileSync(
      RESULTS,
      at >= 0 && end > at
        ? md.slice(0, at) + section + md.slice(end + END.length)
        : `${md.trimEnd()}\n\n## Session codecs in one process (issue 21)\n\n${section}\n`,
    );
  }
  if (failed.length > 0) {
    console.log(`\nTargets not met: ${failed.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
}

if (!flags['http-only']) await codecTable();
if (flags.http || flags['http-only']) {
  const result = await runSessionsHttp({
    rounds: Number(flags.rounds),
    duration: Number(flags.duration),
    warmup: Number(flags.warmup),
    connections: Number(flags.connections),
    users: Number(flags.users),
    only: flags.only?.split(','),
    cpuProf: flags['cpu-prof'],
    write: process.env.BENCH_NO_WRITE !== '1',
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(`\nSessions over HTTP\n\n${describe(result)}`);
  if (process.env.BENCH_NO_WRITE !== '1') {
    writeResults(result);
    writeSessionsChart();
  }
}

// The tables and JSON are written as the code builds them: format them as `npm run lint` wants, so
// that a bench run never leaves the repository failing its own check.
if (process.env.BENCH_NO_WRITE !== '1') {
  const biome = spawnSync(
    process.execPath,
    ['node_modules/@biomejs/biome/bin/biome', 'format', '--write', RESULTS, 'bench/results'],
    { stdio: 'inherit' },
  );
  if (biome.status !== 0) process.exitCode = 1;
}
