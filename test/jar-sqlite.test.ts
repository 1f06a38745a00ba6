/**
 * SqliteJarStore (better-sqlite3, WAL): the jar behaves the same on it as on the memory store, it
 * survives a restart, and a process killed right after `setCookie` returned loses nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../src/jar/cookie-jar.js';
import { MemoryJarStore } from '../src/jar/stores/memory-jar-store.js';
import { SqliteJarStore } from '../src/jar/stores/sqlite-jar-store.js';

const dir = mkdtempSync(join(tmpdir(), 'jar-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = Date.UTC(2026, 10, 25);

describe('SqliteJarStore', () => {
  it('opens in WAL mode', () => {
    const store = new SqliteJarStore(join(dir, 'wal.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
  });

  it('gives the same answers as the memory store on the http-state suite', () => {
    const cases = JSON.parse(
      readFileSync(new URL('./fixtures/http-state/parser.json', import.meta.url), 'utf8'),
    ) as Array<{ test: string; received: string[]; 'sent-to'?: string }>;
    const store = new SqliteJarStore(join(dir, 'suite.db'));
    for (const c of cases) {
      const answers = [new MemoryJarStore(), store].map((s) => {
        s.clear();
        const jar = new CookieJar({ store: s });
        for (const line of c.received)
          jar.setCookie(line, `http://home.example.org:8888/cookie-parser?${c.test}`, { now: NOW });
        const to = new URL(
          c['sent-to'] ?? `/cookie-parser-result?${c.test}`,
          'http://home.example.org:8888',
        );
        return { header: jar.getCookieHeader(to, { now: NOW }), all: jar.allCookies() };
      });
      expect(answers[1], c.test).toEqual(answers[0]);
    }
    store.close();
  });

  it('applies eviction through the store', () => {
    const store = new SqliteJarStore(join(dir, 'evict.db'));
    const jar = new CookieJar({ store });
    for (let i = 0; i < 181; i++)
      jar.setCookie(`c${i}=1`, 'https://example.com/', { now: NOW + i * 1000 });
    expect(store.size).toBe(150);
    store.close();
  });

  it('survives a restart', () => {
    const file = join(dir, 'restart.db');
    const first = new SqliteJarStore(file);
    const jar = new CookieJar({ store: first });
    jar.setCookie('id=1; Max-Age=3600; HttpOnly', 'https://example.com/', { now: NOW });
    jar.setCookie('p=2; Secure; Partitioned', 'https://w.example/', {
      now: NOW,
      topLevelSite: 'https://top.example',
    });
    const before = jar.allCookies();
    first.close();
    const second = new SqliteJarStore(file);
    expect(new CookieJar({ store: second }).allCookies()).toEqual(before);
    second.close();
  });

  it('loses nothing committed when the process is killed right after writing', async () => {
    const file = join(dir, 'crash.db');
    const script = `
      import { CookieJar } from ${JSON.stringify(new URL('../src/jar/cookie-jar.ts', import.meta.url).pathname)};
      import { SqliteJarStore } from ${JSON.stringify(new URL('../src/jar/stores/sqlite-jar-store.ts', import.meta.url).pathname)};
      const jar = new CookieJar({ store: new SqliteJarStore(${JSON.stringify(file)}) });
      for (let i = 0; i < 100; i++) jar.setCookie('k' + i + '=v; Max-Age=3600', 'https://example.com/');
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ]);
    await expect(child).rejects.toMatchObject({ signal: 'SIGKILL' });
    const store = new SqliteJarStore(file);
    expect(store.size).toBe(100);
    store.close();
  });
});
