/**
 * Two processes, each with its own better-sqlite3 connection to one SQLite file, update one session
 * at the same time (different keys). `BEGIN IMMEDIATE` around read-merge-write must keep every
 * key: a plain read-then-write would lose some.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newSessionId } from '../src/session.js';
import { SqliteSessionStore } from '../src/session-sqlite.js';

const WRITER = new URL('./helpers/session-sqlite-writer.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'shortbread-sqlite-procs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writer(
  filename: string,
  id: string,
  prefix: string,
  count: number,
  startAt: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', WRITER, filename, id, prefix, String(count), String(startAt)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`writer exited ${code}: ${err}`)),
    );
  });
}

describe('SQLite store across processes', () => {
  it('two processes updating one session concurrently keep all 2 x 400 keys', async () => {
    const filename = join(dir, 'shared.db');
    const store = new SqliteSessionStore({ filename });
    const id = newSessionId();
    await store.set(id, { seed: true }, { ttl: 600 });
    const startAt = Date.now() + 4000;
    const [a, b] = (
      await Promise.all([
        writer(filename, id, 'a', 400, startAt),
        writer(filename, id, 'b', 400, startAt),
      ])
    ).map((line) => line.split(' ').map(Number)) as [number[], number[]];
    expect(a[0]).toBe(400);
    expect(b[0]).toBe(400);
    // The two runs overlapped in time (each began before the other ended).
    expect(a[1]).toBeLessThan(b[2] as number);
    expect(b[1]).toBeLessThan(a[2] as number);
    const data = (await store.get(id)) ?? {};
    expect(Object.keys(data)).toHaveLength(801);
    for (let i = 0; i < 400; i++) {
      expect(data[`a${i}`]).toBe(i);
      expect(data[`b${i}`]).toBe(i);
    }
    await store.close();
  });
});
