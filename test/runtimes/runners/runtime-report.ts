/**
 * @module What every runtime runner produces, and the shared steps: spawn a runtime on the suite's
 * command-line entry, bundle the suite with esbuild for workerd and Chromium, write and print the
 * report. Dev-only (runs on Node); the suite itself is test/runtimes/suite.js.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (the runners live in test/runtimes/runners/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The command-line entry of the suite, for Node, Bun and Deno. */
export const MAIN = join(ROOT, 'test/runtimes/main.js');
/** Where each runner writes `<id>.json`. */
export const REPORT_DIR = join(ROOT, 'reports/runtimes');
/** A runner that has not answered in this long has failed. */
export const RUNNER_TIMEOUT_MS = 180_000;

/** One failed test of a runtime. */
export interface RuntimeFailure {
  name: string;
  error: string;
}

/**
 * One runtime's result, as test/runtimes/suite.js reports it plus what the runner adds.
 *
 * @example
 * const report: RuntimeReport = { id: 'bun', runtime: 'bun', version: '1.4.4', passed: 94, failed: 0, total: 94, names: [], failures: [], adapted: [], crypto: undefined, suiteMs: 90, wallMs: 800 };
 */
export interface RuntimeReport {
  /** The matrix row: node, node-webcrypto, bun, deno, workerd, chromium. */
  id: string;
  /** What the suite found itself running on. */
  runtime: string;
  version: string;
  passed: number;
  failed: number;
  total: number;
  /** Every test's name, to check that each runtime ran the whole suite. */
  names: string[];
  failures: RuntimeFailure[];
  /**
   * Tests that ran in their browser form: they send `Cookie` in a `Request` or read `Set-Cookie`
   * from a `Response`, which a page's Fetch classes drop (see test/runtimes/harness.js).
   */
  adapted: string[];
  /** The HMAC backend the suite expected and saw (see test/runtimes/crypto-probe.js). */
  crypto: { expected: string; observed: string } | undefined;
  /** Time inside the suite, and the runner's whole time (start-up, bundling, browser launch). */
  suiteMs: number;
  wallMs: number;
  /** Set when the runtime could not run at all (missing binary, crash, timeout). */
  error?: string;
  /** Set when the runtime is not installed and this is not CI: reported, not counted. */
  missing?: boolean;
}

/** The JSON the suite's `runPortableSuite()` resolves to. */
interface SuiteResult {
  passed: number;
  failed: number;
  total: number;
  names: string[];
  failures: RuntimeFailure[];
  adapted: string[];
  ms: number;
  runtime: { name: string; version: string };
  crypto: { expected: string; observed: string };
}

/** Turn the suite's JSON into a report row. */
export function toReport(
  id: string,
  result: SuiteResult,
  wallMs: number,
  version?: string,
): RuntimeReport {
  return {
    id,
    runtime: result.runtime.name,
    version: version ?? result.runtime.version,
    passed: result.passed,
    failed: result.failed,
    total: result.total,
    names: result.names,
    failures: result.failures,
    adapted: result.adapted,
    crypto: { expected: result.crypto.expected, observed: result.crypto.observed },
    suiteMs: result.ms,
    wallMs,
  };
}

/**
 * A runtime that did not produce results: one failure, so it can never pass silently. `missing`
 * marks a runtime that is not installed, which only CI counts as a failure.
 */
export function brokenReport(
  id: string,
  error: string,
  wallMs: number,
  missing = false,
): RuntimeReport {
  return {
    id,
    runtime: id,
    version: '-',
    passed: 0,
    failed: 1,
    total: 0,
    names: [],
    failures: [{ name: `${id} runner`, error }],
    adapted: [],
    crypto: undefined,
    suiteMs: 0,
    wallMs,
    error,
    ...(missing ? { missing: true } : {}),
  };
}

/**
 * Run `command args` (the suite's main.js), and read the `RUNTIME_RESULT <json>` line it prints.
 * A missing binary, a crash or a timeout gives a {@link brokenReport}.
 */
export async function runSuiteProcess(
  id: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<RuntimeReport> {
  const started = performance.now();
  if (command.includes('/') && !existsSync(command)) {
    return brokenReport(id, `${command} is not installed`, 0, true);
  }
  const { code, stdout, stderr } = await new Promise<{
    code: number | null;
    stdout: string;
    stderr: string;
  }>((resolveRun) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUNNER_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolveRun({ code: null, stdout: out, stderr: `${err}${error.message}` });
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolveRun({ code: exitCode, stdout: out, stderr: err });
    });
  });
  const wallMs = performance.now() - started;
  const line = stdout.split('\n').find((l) => l.startsWith('RUNTIME_RESULT '));
  if (line === undefined) {
    const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n');
    return brokenReport(id, `no result (exit ${code}):\n${tail}`, wallMs);
  }
  const report = toReport(id, JSON.parse(line.slice('RUNTIME_RESULT '.length)), wallMs);
  if (code !== 0 && report.failed === 0) {
    return { ...report, failed: 1, failures: [{ name: `${id} exit`, error: `exit ${code}` }] };
  }
  return report;
}

/**
 * Bundle `entry` (a suite entry) and the built package into one ES module with esbuild, for a
 * worker or a page. `shortbread` resolves through the package's own exports map to dist/.
 */
export async function bundleSuite(entry: string): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    // tsup's dist has bare `import './chunk-X.js'` lines that "sideEffects": false lets esbuild
    // drop, with a warning per line; they are expected, so only errors are shown.
    logLevel: 'error',
  });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

/** Write `reports/runtimes/<id>.json`. */
export function writeRuntimeReport(report: RuntimeReport): string {
  mkdirSync(REPORT_DIR, { recursive: true });
  const path = join(REPORT_DIR, `${report.id}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

/** One line of summary, then one line per failure. */
export function printReport(report: RuntimeReport): void {
  const crypto = report.crypto ? `, crypto ${report.crypto.observed}` : '';
  const time = `${(report.wallMs / 1000).toFixed(1)} s`;
  const adapted =
    report.adapted.length > 0 ? `, ${report.adapted.length} in their browser form` : '';
  console.log(
    `${report.id} (${report.runtime} ${report.version}): ${report.passed} passed, ${report.failed} failed of ${report.total}${crypto}${adapted}, ${time}`,
  );
  for (const failure of report.failures) {
    console.log(`  FAIL ${failure.name}\n       ${failure.error.replaceAll('\n', '\n       ')}`);
  }
}

/**
 * When a runner file is run directly (`tsx test/runtimes/runners/bun.ts`): run it, print and write
 * its report, and exit 1 if anything failed.
 */
export async function runDirectly(moduleUrl: string, runner: () => Promise<RuntimeReport>) {
  const entry = process.argv[1];
  if (entry === undefined || pathToFileURL(resolve(entry)).href !== moduleUrl) return;
  const report = await runner();
  printReport(report);
  console.log(`wrote ${writeRuntimeReport(report)}`);
  if (report.failed > 0 || report.passed === 0) process.exitCode = 1;
}
