/**
 * The pure entry points, as built (`scripts/check-dist.ts`, which `npm run build` also runs): bundled
 * runtime-neutral they pull in no Node built-in, and they load and work in a sandbox without
 * `process`, `Buffer`, `require` or `global`. The package is built here with the project's tsup
 * config (without declarations) into a temporary folder, so the test checks the current sources.
 * Then fixtures prove the check fails on each way a module can touch Node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkEntry,
  type EntryReport,
  NODE_GLOBALS,
  PURE_ENTRIES,
  webSandbox,
} from '../scripts/check-dist.js';
import config from '../tsup.config.js';

const fixtures = resolve(import.meta.dirname, 'fixtures/purity');
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'shortbread-dist-'));
  await build({ ...config, dts: false, sourcemap: false, outDir: dist, silent: true });
}, 120_000);

afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('the built pure entry points', () => {
  it.each(Object.keys(PURE_ENTRIES))(
    '%s imports no Node built-in and works without Node globals',
    async (name) => {
      const report = await checkEntry(join(dist, name), PURE_ENTRIES[name]);
      expect(report.problems).toEqual([]);
      expect(report.smoke).toBeTruthy();
    },
  );

  it('leaves out the entries that need Node, and the CLI', () => {
    for (const name of ['node.js', 'express.js', 'fastify.js', 'cli.js', 'jar-sqlite.js']) {
      expect(Object.keys(PURE_ENTRIES)).not.toContain(name);
    }
    expect(Object.keys(PURE_ENTRIES)).toEqual(
      expect.arrayContaining(['index.js', 'codec.js', 'signing.js', 'browser.js', 'jar.js']),
    );
  });

  it('would catch the Node-only entries (node.js imports http)', async () => {
    // tsup writes `node:http` as `http`: the bare name is what the built file holds.
    const report = await checkEntry(join(dist, 'node.js'));
    expect(report.problems.join('\n')).toMatch(/imports the Node built-in (node:)?http /);
  });
});

describe('the sandbox', () => {
  it('has the web globals and none of Node', () => {
    const context = webSandbox();
    const types = vm.runInContext(
      `[${NODE_GLOBALS.map((n) => `typeof ${n}`).join(', ')}, typeof crypto.subtle, typeof Request]`,
      context,
    ) as string[];
    expect(types).toEqual([...NODE_GLOBALS.map(() => 'undefined'), 'object', 'function']);
  });

  it('refuses eval, as Workers do', () => {
    expect(() => vm.runInContext("eval('1')", webSandbox())).toThrow(/not allowed|disallowed/i);
  });
});

describe('the check fails on a module that touches Node', () => {
  async function check(file: string, smoke?: string): Promise<EntryReport> {
    return checkEntry(join(fixtures, file), smoke);
  }

  it.each([
    ['node-import.js', /imports the Node built-in node:crypto \(imported by .*node-import\.js\)/],
    ['bare-builtin.js', /imports the Node built-in fs /],
    ['transitive.js', /imports the Node built-in node:zlib \(imported by .*zlib-helper\.js\)/],
    ['undeclared-package.js', /imports the undeclared package better-sqlite3/],
    ['process-at-import.js', /fails to load without Node globals: ReferenceError: process/],
    ['buffer-at-import.js', /fails to load without Node globals: ReferenceError: Buffer/],
    ['global-at-import.js', /fails to load without Node globals: ReferenceError: global/],
  ])('%s', async (file, problem) => {
    const { problems } = await check(file);
    expect(problems.join('\n')).toMatch(problem);
  });

  it('a built-in import also fails to load, even when only called later', async () => {
    const { problems } = await check('node-import.js');
    expect(problems.join('\n')).toMatch(/fails to load without Node globals/);
  });

  it('passes a module that looks Node up only when called', async () => {
    const report = await check(
      'call-time-only.js',
      `async (m) => { const v = m.nodeVersion(); if (v !== 'not node') throw new Error(v); return v; }`,
    );
    expect(report).toMatchObject({ problems: [], smoke: 'not node' });
  });

  it('fails when the smoke call does', async () => {
    const report = await check('call-time-only.js', `async () => { throw new Error('wrong'); }`);
    expect(report.problems).toEqual(['smoke call failed without Node globals: Error: wrong']);
  });
});
