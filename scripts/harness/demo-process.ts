/**
 * @module Starts the demo (`demo/server.ts`) as a child process on a free 127.0.0.1 port with a
 * chosen session store, for the load and fault scripts, and reads its resident memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../../test/helpers/free-port.js';

/**
 * A running demo server.
 *
 * @example
 * ```ts
 * const demo = await startDemo({ SESSION_STORE: 'memory' });
 * await fetch(`${demo.url}/session?format=json`);
 * await demo.stop();
 * ```
 */
export interface DemoProcess {
  readonly pid: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** What the server printed on stderr so far (errors it logged). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
}

export { freePort };

/**
 * The resident set size of a process in KiB (`VmRSS` in `/proc/<pid>/status`), Linux only.
 *
 * @example
 * ```ts
 * const kib = rssKiB(process.pid);
 * ```
 */
export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const line = status.split('\n').find((l) => l.startsWith('VmRSS:'));
  const kib = Number(line?.replace(/[^0-9]/g, ''));
  if (!Number.isFinite(kib) || kib <= 0) throw new Error(`no VmRSS for pid ${pid}`);
  return kib;
}

/**
 * Starts `node --import tsx demo/server.ts` with `env` added (`SESSION_STORE`, `REDIS_URL`, ...);
 * resolves once it prints that it listens.
 *
 * @example
 * ```ts
 * const demo = await startDemo({ SESSION_STORE: 'cookie' });
 * ```
 */
export async function startDemo(env: Record<string, string>): Promise<DemoProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    env: { ...process.env, ...env, PORT: String(port), SECRET_KEY: 'load test secret' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo did not start within 20 s:\n${out}${err}`));
    }, 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code ?? signal}) before listening:\n${out}${err}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the demo has no pid');
  return {
    pid,
    port,
    url: `http://127.0.0.1:${port}`,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
