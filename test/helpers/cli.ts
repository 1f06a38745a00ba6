/**
 * @module Runs the `shortbread` command line as a child process. By default from the sources
 * (`node --import tsx src/cli/bin.ts`); set SHORTBREAD_CLI_BIN to a built `dist/cli.js` to run the
 * same tests against the built bin.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** What a run printed and how it ended. */
export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Piped to stdin; without it stdin is closed empty (not a terminal). */
  readonly input?: string;
  /** Extra environment variables (NO_COLOR and FORCE_COLOR are cleared unless given). */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** The bin to run with node instead of the sources. */
  readonly bin?: string;
}

/**
 * Runs `shortbread ...args` and resolves with its output and exit code (never rejects on a
 * non-zero exit).
 *
 * @example
 * ```ts
 * const { stdout, code } = await runCli(['parse', '--json', 'a=1']);
 * ```
 */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  const bin = options.bin ?? process.env.SHORTBREAD_CLI_BIN;
  const command = bin === undefined ? ['--import', 'tsx', `${root}src/cli/bin.ts`] : [bin];
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (options.env?.NO_COLOR === undefined) delete env.NO_COLOR;
  if (options.env?.FORCE_COLOR === undefined) delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, ...args], {
      cwd: options.cwd ?? root,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Runs `shortbread ...args` expecting exit code 0 and JSON on stdout; returns the parsed JSON.
 *
 * @example
 * ```ts
 * const cookie = await runCliJson(['parse-set-cookie', '--json', 'a=1']);
 * ```
 */
export async function runCliJson(
  args: readonly string[],
  options: RunCliOptions = {},
): Promise<unknown> {
  const run = await runCli(args, options);
  if (run.code !== 0) {
    throw new Error(`shortbread ${args.join(' ')} exited with ${run.code}:\n${run.stderr}`);
  }
  return JSON.parse(run.stdout) as unknown;
}
