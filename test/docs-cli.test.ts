/**
 * Every `console` block of README.md and docs/*.md: each `$ command` runs in bash, in one folder per
 * Markdown file (so a file written by one example is read by the next), with the BUILT bin as
 * `shortbread`, `NO_COLOR=1` and the clock pinned by `SHORTBREAD_NOW` (docs/cli.md states the time),
 * and its output and exit status must be what the block shows. `$ cat FILE` of a file that does not
 * exist yet writes the shown content to it: that is how the docs hand an example its input.
 * Needs `npm run build` first (npm test and npm run test:docs do it).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCommands, docFiles, extractBlocks, ROOT } from './helpers/doc-blocks.js';

/** The time every example runs at: 2026-11-25T18:20:53Z (docs/cli.md says so). */
const DOCS_NOW = '1795630853';

const work = mkdtempSync(join(tmpdir(), 'shortbread-doc-cli-'));
const bin = join(work, 'bin');

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) {
    throw new Error(
      'dist/ is missing: run `npm run build` first (npm test and npm run test:docs do)',
    );
  }
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'shortbread'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist/cli.js')}" "$@"\n`,
  );
  chmodSync(join(bin, 'shortbread'), 0o755);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Trailing spaces and trailing blank lines are not part of what a reader sees. */
function visible(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

const byFile = docFiles()
  .map((file) => ({
    file,
    commands: extractBlocks(file)
      .filter((b) => b.lang === 'console')
      .flatMap(consoleCommands),
  }))
  .filter((entry) => entry.commands.length > 0);

describe.each(byFile)('$file', ({ file, commands }) => {
  const cwd = join(work, file.replace(/[/.]/g, '_'));

  beforeAll(() => mkdirSync(cwd, { recursive: true }));

  for (const shown of commands) {
    it(`line ${shown.line}: $ ${shown.command}`, () => {
      const cat = /^cat (\S+)$/.exec(shown.command);
      if (cat?.[1] !== undefined && !existsSync(join(cwd, cat[1]))) {
        writeFileSync(join(cwd, cat[1]), `${shown.output}\n`);
        return;
      }
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        NO_COLOR: '1',
        SHORTBREAD_NOW: DOCS_NOW,
      };
      delete env.SHORTBREAD_SECRET;
      delete env.FORCE_COLOR;
      const run = spawnSync('bash', ['-c', `exec 2>&1\n${shown.command}`], {
        cwd,
        encoding: 'utf8',
        timeout: 30_000,
        env,
      });
      expect(visible(run.stdout), `${file}:${shown.line}: the output shown`).toBe(
        visible(shown.output),
      );
      expect(run.status, `${file}:${shown.line}: the exit status shown`).toBe(shown.exitCode);
    });
  }
});
