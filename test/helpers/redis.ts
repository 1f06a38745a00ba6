/**
 * @module Starts a real `redis-server` for a test on a free 127.0.0.1 port (no persistence unless
 * asked), and can kill and restart it on the same port for fault tests. Fails loudly, never skips,
 * when redis-server is missing.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** The binary; REDIS_SERVER overrides it. */
const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

/**
 * Options of {@link startRedis}.
 *
 * @example
 * ```ts
 * const options: StartRedisOptions = { appendOnly: true };
 * ```
 */
export interface StartRedisOptions {
  /** Keep data across `restart()` with an append-only file in a temporary directory. @default false */
  readonly appendOnly?: boolean;
  /**
   * Run as a one-node Redis Cluster owning all 16384 slots (`--cluster-enabled yes`), for tests of
   * a `Cluster` client. Resolves once `cluster_state:ok`. `'empty'`: cluster-enabled but owning no
   * slot, to be joined into a larger cluster (see `startRedisCluster`). @default false
   */
  readonly cluster?: boolean | 'empty';
}

/**
 * A running redis-server.
 *
 * @example
 * ```ts
 * const redis = await startRedis();
 * new Redis(redis.port, '127.0.0.1');
 * await redis.stop();
 * ```
 */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Kills the server with SIGKILL (a crash: no goodbye to clients) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory; resolves when it accepts connections. */
  restart(): Promise<void>;
  /** Stops it for good and removes its directory. */
  stop(): Promise<void>;
}

/** Fails with what to install when redis-server cannot run at all. */
function requireRedisServer(): void {
  const probe = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `redis-server is missing: cannot run ${JSON.stringify(REDIS_SERVER)} (${probe.error?.message ?? probe.stderr}); install it with apt-get install -y redis-server, or set REDIS_SERVER`,
    );
  }
}

function launch(
  port: number,
  dir: string,
  appendOnly: boolean,
  cluster: boolean,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        appendOnly ? 'yes' : 'no',
        '--appendfsync',
        'always',
        '--dir',
        dir,
        '--protected-mode',
        'no',
        ...(cluster
          ? [
              '--cluster-enabled',
              'yes',
              '--cluster-config-file',
              `nodes-${port}.conf`,
              '--cluster-announce-ip',
              '127.0.0.1',
            ]
          : []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port} within 10 s:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining its output so a full pipe never blocks the server.
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run redis-server: ${error.message}`, { cause: error }));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Gives the one node every slot and waits until the cluster reports ok. */
async function claimAllSlots(port: number): Promise<void> {
  const cli = (...args: string[]) =>
    spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
  const added = cli('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
  if (added.error || added.stdout.trim() !== 'OK') {
    throw new Error(
      `cannot make a one-node cluster on ${port}: ${added.error?.message ?? added.stdout}${added.stderr}`,
    );
  }
  for (let i = 0; i < 100; i++) {
    if (cli('CLUSTER', 'INFO').stdout.includes('cluster_state:ok')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the one-node cluster on ${port} never reported cluster_state:ok`);
}

/**
 * Starts redis-server on a free port with `--save ''` (and `--appendonly no` unless asked), in a
 * fresh temporary directory. Throws when redis-server is missing or does not start.
 *
 * @example
 * ```ts
 * const redis = await startRedis();
 * try { ... } finally { await redis.stop(); }
 * ```
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  requireRedisServer();
  const appendOnly = options.appendOnly ?? false;
  const cluster = options.cluster !== undefined && options.cluster !== false;
  const dir = mkdtempSync(join(tmpdir(), 'shortbread-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  // A port found free can be taken before redis binds it: try a few.
  for (let attempt = 0; child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await launch(port, dir, appendOnly, cluster);
    } catch (error) {
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  if (options.cluster === true) await claimAllSlots(port);
  let current: ChildProcess = child;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      await exited(current, 'SIGKILL');
    },
    async restart() {
      await exited(current, 'SIGKILL');
      current = await launch(port, dir, appendOnly, cluster);
    },
    async stop() {
      await exited(current, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
