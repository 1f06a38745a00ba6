/**
 * The CLI as a process: parse, parse-set-cookie and lint from arguments, stdin and a local URL;
 * exit codes, --json output, help, version, colours and error messages.
 */

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { runCli, runCliJson } from './helpers/cli.js';

// Each test starts processes (node, Python); a loaded CI machine can take a while.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('shortbread parse', () => {
  it('shows each pair, decoded, and marks the duplicate parseCookie drops', async () => {
    const run = await runCli(['parse', 'a=1; a=2; b="x y"; c=%20z']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^name\s+value\s+note$/);
    expect(lines[1]).toMatch(/^a\s+1$/);
    expect(lines[2]).toMatch(/^a\s+2\s+duplicate name: parseCookie keeps the first$/);
    expect(lines[3]).toMatch(/^b\s+x y$/);
    expect(lines[4]).toMatch(/^c\s+ z$/);
  });

  it('prints JSON with --json and reads headers from stdin', async () => {
    expect(await runCliJson(['parse', '--json', 'a=1; a=2'])).toEqual({
      header: 'a=1; a=2',
      cookies: [
        { name: 'a', value: '1', kept: true },
        { name: 'a', value: '2', kept: false },
      ],
    });
    const fromStdin = await runCliJson(['parse', '--json'], { input: 'Cookie: x=1\ny=2\n' });
    expect(fromStdin).toEqual([
      { header: 'x=1', cookies: [{ name: 'x', value: '1', kept: true }] },
      { header: 'y=2', cookies: [{ name: 'y', value: '2', kept: true }] },
    ]);
  });
});

describe('shortbread parse-set-cookie', () => {
  it('shows what a browser stores, with the 400-day cap', async () => {
    const run = await runCli([
      'parse-set-cookie',
      'flavor=chocolate%20chip; Max-Age=99999999; Path=/cookies; HttpOnly',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^value\s+chocolate chip$/m);
    expect(run.stdout).toMatch(
      /^max-age\s+34560000 \(capped at 400 days; the line says 99999999\)$/m,
    );
    expect(run.stdout).toMatch(/^httponly\s+true$/m);
    expect(run.stdout).toMatch(/^path\s+\/cookies$/m);
  });

  it('prints the SetCookie object as JSON', async () => {
    const cookie = await runCliJson([
      'parse-set-cookie',
      '--json',
      'id=1; Domain=.Example.com; Secure; SameSite=Lax; Expires=Wed, 21 Oct 2026 07:28:00 GMT',
    ]);
    expect(cookie).toMatchObject({
      name: 'id',
      value: '1',
      domain: 'example.com',
      secure: true,
      sameSite: 'lax',
      httpOnly: false,
    });
  });

  it('exits 1 when a browser ignores the line, from stdin too', async () => {
    const run = await runCli(['parse-set-cookie'], { input: 'Set-Cookie: a=1\nbad\u0001=1\n' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('ignored');
    const json = await runCli(['parse-set-cookie', '--json'], { input: 'a=1\n=\n' });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ name: 'a' }), null]);
  });
});

interface LintJson {
  lines: { line: string; problems: { severity: string; rule: string; message: string }[] }[];
  errors: number;
  warnings: number;
  ok: boolean;
}

describe('shortbread lint', () => {
  it('reports each rule with a severity, and exits 1 on an error', async () => {
    const run = await runCli([
      'lint',
      '--json',
      'session=abc; SameSite=None',
      'theme=dark; Path=/',
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as LintJson;
    expect(report.ok).toBe(false);
    expect(report.lines[0]?.problems.map((p) => [p.severity, p.rule])).toEqual([
      ['error', 'samesite-none-insecure'],
      ['warning', 'session-missing-secure'],
      ['warning', 'session-missing-httponly'],
    ]);
    expect(report.lines[1]?.problems).toEqual([]);
  });

  it('exits 0 for warnings alone, and 1 with --strict', async () => {
    const line = 'id=1; Max-Age=99999999';
    expect((await runCli(['lint', line])).code).toBe(0);
    const strict = await runCli(['lint', '--strict', line]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/warning\s+max-age-too-long/);
    expect(strict.stdout).toContain('1 line: 0 errors, 1 warning, 0 info');
    const ignored = await runCli(['lint', '--strict', '--ignore', 'max-age-too-long', line]);
    expect(ignored.code).toBe(0);
    expect(ignored.stdout).toContain('1 line: 0 errors, 0 warnings, 0 info');
  });

  it('reads curl -si output from stdin and keeps only the Set-Cookie lines', async () => {
    const input =
      'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: __Host-id=1; Path=/\r\nset-cookie: ok=1; Secure; HttpOnly; SameSite=Lax\r\n\r\n<html>';
    const report = JSON.parse((await runCli(['lint', '--json'], { input })).stdout) as LintJson;
    expect(report.lines.map((l) => l.line)).toEqual([
      '__Host-id=1; Path=/',
      'ok=1; Secure; HttpOnly; SameSite=Lax',
    ]);
    expect(report.lines[0]?.problems.map((p) => p.rule)).toEqual(['prefix-violation']);
    expect(report.errors).toBe(1);
  });

  it('lints the Set-Cookie headers of a local URL', async () => {
    const server: Server = createServer((_req, res) => {
      res.setHeader('Set-Cookie', [
        'sid=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:01 GMT',
        'ok=1; Secure; SameSite=Strict',
      ]);
      res.end('hi');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const run = await runCli(['lint', '--json', '--url', `http://127.0.0.1:${port}/login`]);
      const report = JSON.parse(run.stdout) as LintJson;
      expect(report.lines.map((l) => l.line)).toEqual([
        'sid=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:01 GMT',
        'ok=1; Secure; SameSite=Strict',
      ]);
      expect(report.lines[0]?.problems.map((p) => p.rule)).toContain('expires-in-past');
      expect(run.code).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses URLs that are not local, and says why a fetch failed', async () => {
    const remote = await runCli(['lint', '--url', 'https://example.com/']);
    expect(remote.code).toBe(1);
    expect(remote.stderr).toContain('--url must be http(s) on localhost, 127.0.0.1 or [::1]');
    const closed = await runCli(['lint', '--url', 'http://127.0.0.1:1/']);
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(
      /cannot fetch http:\/\/127\.0\.0\.1:1\/: .*is the server running/,
    );
    expect(closed.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('help, version, errors and colours', () => {
  it('prints the version of package.json', async () => {
    const run = await runCli(['--version']);
    expect(run).toEqual({ stdout: `${pkg.version}\n`, stderr: '', code: 0 });
  });

  it.each([
    'parse',
    'parse-set-cookie',
    'lint',
    'flask decode',
    'flask sign',
    'sign',
    'unsign',
    'seal',
    'unseal',
    'jar convert',
    'jar list',
  ])('%s --help shows usage, options and examples', async (name) => {
    const words = name.split(' ');
    const run = await runCli([...words, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: shortbread ${words.join(' ')}`);
    expect(run.stdout).toContain('Options:');
    expect(run.stdout).toMatch(/Examples:\n {2}\$ shortbread /);
  });

  it('lists every command in the main help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const name of ['parse-set-cookie', 'lint', 'flask decode', 'jar convert', 'unseal']) {
      expect(run.stdout).toContain(name);
    }
    expect((await runCli([])).code).toBe(2);
  });

  it('reports user mistakes in one line, without a stack trace, with exit code 2', async () => {
    const unknown = await runCli(['bake']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'shortbread bake: unknown command "bake" (run shortbread --help for the list)\n',
    );
    const option = await runCli(['parse', '--jsn', 'a=1']);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe(
      `shortbread parse: unknown option "--jsn"\nRun 'shortbread parse --help' for usage.\n`,
    );
    const missing = await runCli(['unsign', 'tok']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('a secret is needed: --secret KEY, or set SHORTBREAD_SECRET');
  });

  it('colours only when asked (FORCE_COLOR), and NO_COLOR wins', async () => {
    const args = ['lint', 'a=1; SameSite=None'];
    expect((await runCli(args)).stdout).not.toContain('\u001b[');
    expect((await runCli(args, { env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[31m');
    const both = await runCli(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(both.stdout).not.toContain('\u001b[');
  });
});
