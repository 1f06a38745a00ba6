/**
 * @module Faults: a process writing to a SQLite session store, or to a jar on SQLite, is killed with
 * SIGKILL mid-write, again and again. The file must open clean (`PRAGMA integrity_check` = ok) and
 * hold every write the child reported as committed; a counter updated in read-modify-write
 * transactions must never go backwards.
 *
 * The child prints one line per committed write (after the store's promise resolved or the jar's call
 * returned). The parent kills it at a random point after some acknowledgements, so some kills land
 * inside a transaction. Redis killed and restarted under load is tested on the session side
 * (test/session-faults.test.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../src/jar/cookie-jar.js';
import { SqliteJarStore } from '../src/jar/stores/sqlite-jar-store.js';
import { SqliteSessionStore } from '../src/session/sqlite-store.js';

const ROUNDS = 6;
const srcUrl = (file: string): string =>
  pathToFileURL(fileURLToPath(new URL(`../src/${file}`, import.meta.url))).href;

const dir = mkdtempSync(join(tmpdir(), 'shortbread-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The child for the session store: sets sessions and bumps one counter session, forever. */
const sessionChild = `
import { SqliteSessionStore } from ${JSON.stringify(srcUrl('session/sqlite-store.ts'))};
const [file, round] = process.argv.slice(2);
const store = new SqliteSessionStore({ filename: file, purgeInterval: 0 });
const pad = 'x'.repeat(2000);
for (let i = 0; ; i++) {
  const id = 'r' + round + '-' + String(i).padStart(6, '0') + 'a'.repeat(30);
  await store.set(id, { i, round: Number(round), pad, __proto__key: { nested: [i, 'v'] } }, { ttl: 3600 });
  const counter = await store.update('counter-session-id-aaaaaaaaaaaaaaaaaaaaaaaaaa',
    { clear: false, set: new Map([['n', i], ['round', Number(round)]]), delete: new Set() }, { ttl: 3600 });
  process.stdout.write('S ' + id + ' ' + i + '\\n');
  process.stdout.write('C ' + (counter === undefined ? -1 : counter.n) + '\\n');
}
`;

/** The child for the jar: stores cookies on many hosts (no limits), forever. */
const jarChild = `
import { CookieJar } from ${JSON.stringify(srcUrl('jar/cookie-jar.ts'))};
import { SqliteJarStore } from ${JSON.stringify(srcUrl('jar/stores/sqlite-jar-store.ts'))};
const [file, round] = process.argv.slice(2);
const jar = new CookieJar({ store: new SqliteJarStore(file), limits: false });
for (let i = 0; ; i++) {
  const name = 'c' + round + '_' + i;
  const c = jar.setCookie(name + '=' + 'v'.repeat(500) + i + '; Max-Age=86400; Path=/', 'https://h' + (i % 97) + '.example.com/');
  if (c !== undefined) process.stdout.write('J ' + name + ' h' + (i % 97) + '.example.com\\n');
}
`;

/**
 * Runs the child until it has acknowledged at least `minAcks` lines, plus a random few milliseconds,
 * then kills it with SIGKILL. Resolves with every line it acknowledged.
 */
function runAndKill(script: string, args: string[], minAcks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    let killing = false;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      if (!killing && lines.length >= minAcks) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 20));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited without being killed: ${stderr}`));
      // A partial last line was not acknowledged: it is dropped.
      else resolve(lines);
    });
  });
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

describe('SQLite session store: SIGKILL mid-write', () => {
  it(`opens clean with every committed session, ${ROUNDS} kills`, async () => {
    const file = join(dir, 'sessions.db');
    const script = join(dir, 'session-child.mts');
    writeFileSync(script, sessionChild);
    const committed = new Map<string, number>();
    let lastCounter = -1;
    let killed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const lines = await runAndKill(script, [file, String(round)], 100 + round * 37);
      killed++;
      for (const line of lines) {
        const [kind, a, b] = line.split(' ');
        if (kind === 'S') committed.set(a as string, Number(b));
        if (kind === 'C') lastCounter = Number(a);
      }
      expect(integrity(file)).toBe('ok');
      const store = new SqliteSessionStore({ filename: file });
      try {
        for (const [id, i] of committed) {
          const data = await store.get(id);
          expect(data?.i, id).toBe(i);
          expect(data?.pad).toHaveLength(2000);
        }
        const counter = await store.get('counter-session-id-aaaaaaaaaaaaaaaaaaaaaaaaaa');
        // The counter holds the last acknowledged value or a later one (a commit whose ack was lost).
        if (lastCounter >= 0) {
          expect(counter?.round).toBe(round);
          expect(Number(counter?.n)).toBeGreaterThanOrEqual(lastCounter);
        }
      } finally {
        await store.close();
      }
    }
    expect(killed).toBe(ROUNDS);
    expect(committed.size).toBeGreaterThan(ROUNDS * 100);
    console.log(
      `sqlite session kill: ${killed} SIGKILLs, ${committed.size} committed sessions checked, 0 lost`,
    );
  });
});

describe('SqliteJarStore: SIGKILL mid-write', () => {
  it(`opens clean with every committed cookie, ${ROUNDS} kills`, async () => {
    const file = join(dir, 'jar.db');
    const script = join(dir, 'jar-child.mts');
    writeFileSync(script, jarChild);
    const committed = new Map<string, string>();
    for (let round = 0; round < ROUNDS; round++) {
      const lines = await runAndKill(script, [file, String(round)], 200 + round * 41);
      for (const line of lines) {
        const [, name, host] = line.split(' ');
        committed.set(name as string, host as string);
      }
      expect(integrity(file)).toBe('ok');
      const store = new SqliteJarStore(file);
      try {
        const jar = new CookieJar({ store, limits: false });
        const present = new Set(jar.allCookies().map((c) => `${c.name} ${c.domain}`));
        const missing = [...committed].filter(([name, host]) => !present.has(`${name} ${host}`));
        expect(missing).toEqual([]);
      } finally {
        store.close();
      }
    }
    expect(committed.size).toBeGreaterThan(ROUNDS * 200);
    console.log(
      `sqlite jar kill: ${ROUNDS} SIGKILLs, ${committed.size} committed cookies checked, 0 lost`,
    );
  });
});
