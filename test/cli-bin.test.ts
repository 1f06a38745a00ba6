/**
 * The built bin, as an installed package runs it: `tsup` builds the package (the project's own
 * config, without type declarations) into a temporary directory laid out like
 * node_modules/shortbread, and the tests execute `dist/cli.js` directly through its shebang.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PYTHON_STACKS, requirePythonStack, runPythonJson } from './helpers/python.js';

// Each test starts processes (node, Python); a loaded CI machine can take a while.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const root = fileURLToPath(new URL('..', import.meta.url));
const pkgDir = mkdtempSync(join(tmpdir(), 'shortbread-bin-'));
const bin = join(pkgDir, 'dist', 'cli.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

function run(
  args: readonly string[],
  input = '',
): { stdout: string; stderr: string; code: number | null } {
  // Executed directly: the kernel reads the shebang, as `npx shortbread` would.
  const result = spawnSync(bin, args, { input, encoding: 'utf8', cwd: tmpdir() });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

beforeAll(() => {
  const build = spawnSync(
    join(root, 'node_modules', '.bin', 'tsup'),
    ['--out-dir', join(pkgDir, 'dist'), '--no-dts'],
    { cwd: root, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`tsup failed:\n${build.stdout}\n${build.stderr}`);
  copyFileSync(join(root, 'package.json'), join(pkgDir, 'package.json'));
  // The optional peer better-sqlite3 resolves from the package's node_modules, as when installed.
  symlinkSync(join(root, 'node_modules'), join(pkgDir, 'node_modules'), 'dir');
});
afterAll(() => rmSync(pkgDir, { recursive: true, force: true }));

describe('the built bin (dist/cli.js)', () => {
  it('is what package.json names, executable, with a node shebang', () => {
    expect(pkg.bin).toEqual({ shortbread: './dist/cli.js' });
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
  });

  it('prints its version and help', () => {
    expect(run(['--version'])).toEqual({ stdout: `${pkg.version}\n`, stderr: '', code: 0 });
    expect(run(['--help']).stdout).toContain('Usage: shortbread <command> [options]');
  });

  it('parses, lints from stdin with exit codes, and prints JSON', () => {
    expect(JSON.parse(run(['parse-set-cookie', '--json', 'a=1; HttpOnly']).stdout)).toMatchObject({
      name: 'a',
      httpOnly: true,
    });
    const lint = run(['lint', '--json'], 'Set-Cookie: s=1; SameSite=None\n');
    expect(lint.code).toBe(1);
    expect(JSON.parse(lint.stdout).errors).toBe(1);
    expect(run(['lint'], 'ok=1; Secure\n').code).toBe(0);
    const mistake = run(['sign', 'x']);
    expect(mistake.code).toBe(2);
    expect(mistake.stderr).not.toMatch(/\n\s+at /);
  });

  it('decodes a cookie from the real Flask and signs one Flask accepts', () => {
    requirePythonStack('modern');
    const make =
      'import json; from flask import Flask\napp = Flask("b"); app.secret_key = "k"\n' +
      's = app.session_interface.get_signing_serializer(app)\n' +
      'with app.test_request_context():\n    print(json.dumps({"c": s.dumps({"n": (1, 2)})}))';
    const { c } = runPythonJson(PYTHON_STACKS.modern.command, ['-c', make]) as { c: string };
    const decoded = JSON.parse(run(['flask', 'decode', c, '--secret', 'k', '--json']).stdout);
    expect(decoded).toMatchObject({ verified: true, session: { n: { $tuple: [1, 2] } } });
    const signed = run([
      'flask',
      'sign',
      '--secret',
      'k',
      '{"n": {"$tuple": [1, 2]}}',
    ]).stdout.trim();
    const load =
      'import json, sys; from flask import Flask\napp = Flask("b"); app.secret_key = "k"\n' +
      's = app.session_interface.get_signing_serializer(app)\n' +
      'print(json.dumps({"r": repr(s.loads(sys.argv[1]))}))';
    expect(runPythonJson(PYTHON_STACKS.modern.command, ['-c', load, signed])).toEqual({
      r: "{'n': (1, 2)}",
    });
  });

  it('converts to the SQLite store (the optional peer loads on demand)', () => {
    const jar = join(pkgDir, 'c.txt');
    const expires = Math.floor(Date.now() / 1000) + 3600;
    writeFileSync(jar, `.example.com\tTRUE\t/\tTRUE\t${expires}\tid\t1\n`);
    const out = join(pkgDir, 'c.sqlite');
    expect(run(['jar', 'convert', jar, out]).code).toBe(0);
    const listed = run(['jar', 'list', out, '--url', 'https://www.example.com/', '--json']);
    expect(JSON.parse(listed.stdout).cookieHeader).toBe('id=1');
  });
});
