/**
 * @module Starts a real PostgreSQL for a test: a fresh cluster (`initdb`) in a temporary directory,
 * run by `pg_ctl` as the unprivileged `postgres` user (initdb refuses root) on a free 127.0.0.1
 * port, its socket in the same directory. It can be stopped hard and started again on the same port
 * and data for fault tests. Fails loudly, never skips, when the binaries are missing.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** Where Debian's postgresql package puts the server binaries; PG_BIN overrides it. */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A running PostgreSQL cluster.
 *
 * @example
 * ```ts
 * const pg = await startPostgres();
 * new Pool({ connectionString: pg.url });
 * await pg.stop();
 * ```
 */
export interface PostgresServer {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  readonly url: string;
  /** Stops it at once (`pg_ctl stop -m immediate`: no goodbye to clients, crash recovery on start). */
  kill(): Promise<void>;
  /** Starts it again on the same port and data; resolves when it accepts connections. */
  restart(): Promise<void>;
  /** Stops it for good and removes its directory. */
  stop(): Promise<void>;
}

interface Account {
  readonly uid: number;
  readonly gid: number;
}

/** The `postgres` account when we are root (the binaries must not run as root), else nobody. */
function account(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const fields = line?.split(':');
  if (fields === undefined || fields.length < 4) {
    throw new Error(
      'postgres user is missing: initdb refuses to run as root and there is no "postgres" account (apt-get install -y postgresql creates it)',
    );
  }
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** Runs one PostgreSQL binary (as `postgres` when we are root); rejects with its output on failure. */
function run(owner: Account | undefined, binary: string, args: readonly string[]): Promise<string> {
  const path = join(PG_BIN, binary);
  const command = owner === undefined ? path : 'runuser';
  const argv = owner === undefined ? [...args] : ['-u', 'postgres', '--', path, ...args];
  // Asynchronous, so that requests under load keep running while the server stops or starts.
  return new Promise((resolve, reject) => {
    execFile(command, argv, { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else
        reject(
          new Error(`${binary} ${args.join(' ')} failed (${error.message}):\n${stdout}${stderr}`),
        );
    });
  });
}

/**
 * Creates and starts a cluster with fsync on (a write PostgreSQL acknowledged survives `kill()`),
 * trust authentication for 127.0.0.1, and a socket in its own directory. Throws when the binaries
 * are missing or it does not start.
 *
 * @example
 * ```ts
 * const pg = await startPostgres();
 * try { ... } finally { await pg.stop(); }
 * ```
 */
export async function startPostgres(): Promise<PostgresServer> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL is missing: no initdb in ${PG_BIN} (apt-get install -y postgresql, or set PG_BIN)`,
    );
  }
  const owner = account();
  const dir = mkdtempSync(join(tmpdir(), 'shortbread-pg-'));
  chmodSync(dir, 0o700);
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  try {
    await run(owner, 'initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let port = 0;
  const start = () =>
    run(owner, 'pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -k ${dir} -h 127.0.0.1 -c max_connections=300 -c shared_buffers=16MB`,
      'start',
    ]);
  // A port found free can be taken before PostgreSQL binds it: try a few.
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (error) {
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const stop = async (mode: 'immediate' | 'fast') => {
    try {
      await run(owner, 'pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    } catch (error) {
      // Already stopped is fine: a stopped server has no postmaster.pid.
      if (existsSync(join(data, 'postmaster.pid'))) throw error;
    }
  };
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async kill() {
      await stop('immediate');
    },
    async restart() {
      await stop('immediate');
      await start();
    },
    async stop() {
      await stop('fast');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
