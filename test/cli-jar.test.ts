/**
 * `shortbread jar convert` and `jar list` as processes: a 10 000-cookie round trip through every
 * format, tough-cookie reading our output, what is sent to a URL, and the progress bar on a terminal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CookieJar as ToughJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromNetscape, toNetscape } from '../src/jar/formats/netscape.js';
import type { ToughCookieJson } from '../src/jar/formats/tough-cookie-json.js';
import type { JarCookie } from '../src/jar/types.js';
import { runCli, runCliJson } from './helpers/cli.js';

// Each test starts processes (node, Python); a loaded CI machine can take a while.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const dir = mkdtempSync(join(tmpdir(), 'shortbread-cli-jar-'));
const path = (name: string): string => join(dir, name);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = Date.now();
const COUNT = 10_000;

/** 10 000 cookies over 500 sites, with every flag combination the Netscape format can hold. */
function makeCookies(): JarCookie[] {
  const cookies: JarCookie[] = [];
  for (let i = 0; i < COUNT; i++) {
    const site = `site${i % 500}.example`;
    const hostOnly = i % 3 === 0;
    cookies.push({
      name: `c${i}`,
      value: i % 7 === 0 ? `v${i}%20with=eq` : `value-${i}`,
      domain: i % 2 === 0 ? `www.${site}` : site,
      path: i % 5 === 0 ? `/p${i % 11}` : '/',
      hostOnly,
      secure: i % 2 === 1,
      httpOnly: i % 4 === 1,
      sameSite: 'unspecified',
      expires: i % 10 === 0 ? undefined : new Date(Math.floor(NOW / 1000 + 86_400 + i) * 1000),
      creation: new Date(NOW),
      lastAccess: new Date(NOW),
      partitionKey: undefined,
      priority: 'medium',
    });
  }
  return cookies;
}

/** The Netscape lines of a file, sorted: the fields every format keeps. */
function netscapeLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l !== '' && (!l.startsWith('#') || l.startsWith('#HttpOnly_')))
    .sort();
}

describe('jar convert', () => {
  let original = '';
  beforeAll(() => {
    original = toNetscape(makeCookies(), { now: NOW });
    writeFileSync(path('big.txt'), original);
  });

  it('round-trips 10 000 cookies: cookies.txt -> SQLite -> tough-cookie -> JSON -> cookies.txt', async () => {
    const steps: [string, string, string][] = [
      ['big.txt', 'big.sqlite', 'sqlite'],
      ['big.sqlite', 'big.tough.json', 'tough'],
      ['big.tough.json', 'big.json', 'json'],
      ['big.json', 'back.txt', 'netscape'],
    ];
    for (const [from, to, format] of steps) {
      const result = (await runCliJson([
        'jar',
        'convert',
        path(from),
        path(to),
        '--json',
      ])) as Record<string, unknown>;
      expect(result).toMatchObject({ to: format, read: COUNT, written: COUNT, skipped: 0 });
    }
    const back = readFileSync(path('back.txt'), 'utf8');
    expect(netscapeLines(back)).toEqual(netscapeLines(original));
    expect(netscapeLines(back)).toHaveLength(COUNT);
  });

  it('writes tough-cookie JSON that tough-cookie itself loads', async () => {
    const run = await runCli(['jar', 'convert', path('big.txt'), path('t.json'), '--to', 'tough']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`converted ${COUNT} cookies: netscape`);
    const json = JSON.parse(readFileSync(path('t.json'), 'utf8')) as ToughCookieJson;
    expect(json.cookies).toHaveLength(COUNT);
    // tough-cookie 6.1.0's deserializeSync overflowed the stack on 10 000 and 2 000 cookies here,
    // so it loads the first 1 000 (sites 0-499 all appear in them).
    const tough = ToughJar.deserializeSync({
      ...json,
      cookies: json.cookies.slice(0, 1000),
    } as never);
    const sent = tough.getCookiesSync('https://site1.example/');
    const ours = fromNetscape(original, { now: NOW }).filter(
      (c) => Number(c.name.slice(1)) < 1000 && c.path === '/' && c.domain === 'site1.example',
    );
    expect(ours.length).toBeGreaterThan(1);
    expect(sent.map((c) => c.key).sort()).toEqual(ours.map((c) => c.name).sort());
  });

  it('refuses to replace a file without --force, and errors clearly on a missing input', async () => {
    const exists = await runCli(['jar', 'convert', path('big.txt'), path('back.txt')]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain('exists (pass --force to replace it)');
    const missing = await runCli(['jar', 'convert', path('nope.txt'), path('x.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^shortbread jar convert: no such file: /);
    const unknown = await runCli(['jar', 'convert', path('big.txt'), path('out.xyz')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('cannot tell the format');
  });

  it('does not open SQLite files that are not shortbread jars (nor change them)', async () => {
    const other = path('firefox.sqlite');
    const init = spawnSync(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(other)}); db.exec('CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, name TEXT)'); db.close();`,
      ],
      { encoding: 'utf8' },
    );
    expect(init.status).toBe(0);
    const before = readFileSync(other);
    const run = await runCli(['jar', 'list', other]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is an SQLite file but not a shortbread jar');
    expect(readFileSync(other).equals(before)).toBe(true);
  });

  it('draws a progress bar on a terminal only', async () => {
    const quiet = await runCli(['jar', 'convert', path('big.txt'), path('q.json')]);
    expect(quiet.stderr).toBe('');
    // script(1) gives the command a pseudo-terminal, as a user's shell would.
    const root = new URL('..', import.meta.url).pathname;
    const command = `${JSON.stringify(process.execPath)} --import tsx ${root}src/cli/bin.ts jar convert ${path('big.txt')} ${path('tty.sqlite')}`;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toContain(`\rconverting [${'#'.repeat(30)}] 100% ${COUNT}/${COUNT}`);
    expect(tty.stdout).toContain('\rconverting [###');
  });
});

describe('jar list', () => {
  beforeAll(() => {
    const at = new Date(NOW);
    const base = {
      hostOnly: false,
      secure: false,
      httpOnly: false,
      sameSite: 'unspecified' as const,
      expires: new Date(NOW + 86_400_000),
      creation: at,
      lastAccess: at,
      partitionKey: undefined,
      priority: 'medium' as const,
    };
    const cookies: JarCookie[] = [
      {
        ...base,
        name: 'sid',
        value: '1',
        domain: 'example.com',
        path: '/',
        httpOnly: true,
        secure: true,
      },
      { ...base, name: 'theme', value: 'dark', domain: 'example.com', path: '/' },
      {
        ...base,
        name: 'acct',
        value: 'x',
        domain: 'app.example.com',
        path: '/account',
        hostOnly: true,
      },
      { ...base, name: 'lax', value: 'y', domain: 'example.com', path: '/', sameSite: 'lax' },
      { ...base, name: 'other', value: 'z', domain: 'other.com', path: '/' },
    ];
    writeFileSync(
      path('small.json'),
      JSON.stringify({ format: 'shortbread-jar', version: 1, cookies: [] }),
    );
    writeFileSync(path('small.txt'), toNetscape(cookies, { now: NOW }));
  });

  it('shows the Cookie header a browser sends to a URL, longest path first', async () => {
    const run = await runCli([
      'jar',
      'list',
      path('small.txt'),
      '--url',
      'https://app.example.com/account/x',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Cookie: acct=x; sid=1; theme=dark; lax=y');
    const http = (await runCliJson([
      'jar',
      'list',
      path('small.txt'),
      '--url',
      'http://app.example.com/',
      '--script',
      '--json',
    ])) as { cookieHeader: string };
    // Plain http drops the Secure cookie; --script (document.cookie) drops HttpOnly ones.
    expect(http.cookieHeader).toBe('theme=dark; lax=y');
  });

  it('lists every cookie without --url, and says when a jar is empty', async () => {
    const all = (await runCliJson(['jar', 'list', path('small.txt'), '--json'])) as {
      format: string;
      cookies: unknown[];
    };
    expect(all.format).toBe('netscape');
    expect(all.cookies).toHaveLength(5);
    const table = await runCli(['jar', 'list', path('small.txt')]);
    expect(table.stdout).toMatch(/^domain\s+path\s+name\s+value\s+expires\s+flags$/m);
    expect(table.stdout).toContain('5 of 5 cookies (netscape)');
    const empty = await runCli(['jar', 'list', path('small.json')]);
    expect(empty.stdout).toBe('the jar is empty\n');
  });
});
