/**
 * Round trip with the real curl: a jar exported as cookies.txt is sent by `curl -b` to a local
 * server that echoes the Cookie header, and a cookies.txt written by `curl -c` from Set-Cookie lines
 * is imported with nothing lost. Needs the `curl` binary: the test fails (not skips) without it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../src/jar/cookie-jar.js';
import { fromNetscape, toNetscape } from '../src/jar/formats/netscape.js';

const run = promisify(execFile);
let server: Server;
let port = 0;
let dir = '';
/** What the server answers with Set-Cookie, per request path. */
const setCookies = new Map<string, string[]>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jar-curl-'));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const lines = setCookies.get(path);
    if (lines !== undefined) res.setHeader('Set-Cookie', lines);
    res.end(req.headers.cookie ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** curl with every test host name resolved to the local server. */
async function curl(args: string[]): Promise<string> {
  const resolve = ['www.example.test', 'example.test', 'api.example.test'].flatMap((h) => [
    '--resolve',
    `${h}:${port}:127.0.0.1`,
  ]);
  const { stdout } = await run('curl', ['-s', '--fail', ...resolve, ...args]);
  return stdout;
}

function sorted(header: string): string[] {
  return header === '' ? [] : header.split('; ').sort();
}

describe('cookies.txt round trip with curl', () => {
  it('has curl', async () => {
    const { stdout } = await run('curl', ['--version']);
    expect(stdout).toMatch(/^curl \d/);
  });

  it('curl -b sends what the jar would send, for every URL', async () => {
    const jar = new CookieJar();
    const origin = (host: string) => `http://${host}:${port}`;
    jar.setCookie('host=1', `${origin('www.example.test')}/`);
    jar.setCookie('dom=2; Domain=example.test; Path=/', `${origin('www.example.test')}/`);
    jar.setCookie('deep=3; Path=/app/deep', `${origin('www.example.test')}/`);
    jar.setCookie('app=4; Path=/app; Max-Age=3600; HttpOnly', `${origin('www.example.test')}/`);
    jar.setCookie('api=5', `${origin('api.example.test')}/`);
    jar.setCookie('local=6; Path=/', `${origin('127.0.0.1')}/`);
    const file = join(dir, 'export.txt');
    writeFileSync(file, toNetscape(jar.allCookies()));
    for (const url of [
      `${origin('www.example.test')}/`,
      `${origin('www.example.test')}/app/deep/x`,
      `${origin('example.test')}/app`,
      `${origin('api.example.test')}/`,
      `${origin('127.0.0.1')}/`,
    ]) {
      const sent = await curl(['-b', file, url]);
      // curl orders by path length like a browser but breaks ties its own way; compare as sets.
      expect(sorted(sent), url).toEqual(sorted(jar.getCookieHeader(url)));
      expect(sent.length, url).toBeGreaterThan(0);
    }
  });

  it('a file written by curl -c imports with nothing lost', async () => {
    setCookies.set('/login', [
      'session=abc123; Path=/; HttpOnly',
      'pref=dark; Domain=example.test; Path=/; Max-Age=86400',
      'scoped=1; Path=/login/area',
      'plain=yes',
      'dated=1; Expires=Fri, 01 Jan 2027 00:00:00 GMT; Path=/',
    ]);
    const file = join(dir, 'curl-c.txt');
    const url = `http://www.example.test:${port}/login`;
    await curl(['-c', file, url]);
    const imported = fromNetscape(readFileSync(file, 'utf8'));
    const jar = new CookieJar();
    const direct = jar.setFromResponse(url, setCookies.get('/login') ?? []);
    const shape = (c: (typeof direct)[number]) => ({
      name: c.name,
      value: c.value,
      domain: c.domain,
      hostOnly: c.hostOnly,
      path: c.path,
      secure: c.secure,
      httpOnly: c.httpOnly,
      session: c.expires === undefined,
    });
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(imported.map(shape).sort(byName)).toEqual(direct.map(shape).sort(byName));
    expect(imported).toHaveLength(5);
    // Expiry to the second; Max-Age is counted from each side's own clock, so allow 2 s of drift.
    for (const c of imported) {
      const twin = direct.find((d) => d.name === c.name);
      const diff = Math.abs((c.expires?.getTime() ?? 0) - (twin?.expires?.getTime() ?? 0));
      expect(diff, c.name).toBeLessThanOrEqual(2000);
    }
  });
});
