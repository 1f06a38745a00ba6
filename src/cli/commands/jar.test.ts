import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, execute } from '../main.js';

const NOW = Date.UTC(2026, 0, 1);
const io = (over: Partial<CliIo> = {}): CliIo => ({
  env: {},
  stdoutIsTTY: false,
  stderrIsTTY: false,
  stdinIsTTY: true,
  readStdin: async () => '',
  version: '0.0.0',
  now: NOW,
  ...over,
});
const dir = mkdtempSync(join(tmpdir(), 'shortbread-jar-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const past = Math.floor(NOW / 1000) - 60;
const future = Math.floor(NOW / 1000) + 3600;
const netscape = `.example.com\tTRUE\t/\tFALSE\t${past}\told\t1\n.example.com\tTRUE\t/\tFALSE\t${future}\tnew\t2\n`;

describe('jar convert', () => {
  it('drops expired cookies unless --keep-expired, and counts them', async () => {
    const input = join(dir, 'in.txt');
    writeFileSync(input, netscape);
    const dropped = await execute(['jar', 'convert', input, join(dir, 'a.json'), '--json'], io());
    // Every cookie of the file is in one count: read = expired + written + skipped.
    expect(JSON.parse(dropped.stdout)).toEqual({
      from: 'netscape',
      to: 'json',
      read: 2,
      expired: 1,
      written: 1,
      skipped: 0,
    });
    const text = await execute(['jar', 'convert', input, join(dir, 'a2.json')], io());
    expect(text.stdout).toBe(
      `converted 1 cookie: netscape ${input} -> json ${join(dir, 'a2.json')} (1 expired, dropped; --keep-expired keeps it)\n`,
    );
    const kept = await execute(
      ['jar', 'convert', input, join(dir, 'b.txt'), '--keep-expired'],
      io(),
    );
    expect(kept.stdout).toContain('converted 2 cookies');
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toContain('\told\t1');
  });

  it('reports progress for large jars through the io only', async () => {
    const input = join(dir, 'big.txt');
    let text = '';
    for (let i = 0; i < 6000; i++) text += `.e${i}.example\tTRUE\t/\tFALSE\t${future}\tc\t${i}\n`;
    writeFileSync(input, text);
    const drawn: string[] = [];
    const result = await execute(
      ['jar', 'convert', input, join(dir, 'big.json')],
      io({ drawProgress: (t) => drawn.push(t) }),
    );
    expect(result.exitCode).toBe(0);
    expect(drawn[0]).toContain('converting [');
    expect(drawn.at(-2)).toContain('100% 6000/6000');
    expect(drawn.at(-1)).toBe('\n');
  });

  it('explains usage mistakes', async () => {
    expect((await execute(['jar', 'convert', 'only-one'], io())).exitCode).toBe(2);
    const from = await execute(['jar', 'convert', 'a', 'b.txt', '--from', 'xml'], io());
    expect(from.stderr).toContain(
      '--from is invalid: "xml" (one of netscape, tough, json, sqlite)',
    );
    const json = join(dir, 'broken.json');
    writeFileSync(json, '{"format": "shortbread-jar", ');
    const broken = await execute(['jar', 'convert', json, join(dir, 'x.txt')], io());
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toContain('as json');
  });
});

describe('jar list', () => {
  it('checks --url and --same-site', async () => {
    const input = join(dir, 'list.txt');
    writeFileSync(input, netscape);
    expect((await execute(['jar', 'list', input, '--url', 'nope'], io())).stderr).toContain(
      '--url is invalid',
    );
    const ctx = await execute(
      ['jar', 'list', input, '--url', 'https://example.com/', '--same-site', 'maybe'],
      io(),
    );
    expect(ctx.stderr).toContain('--same-site is invalid: "maybe"');
    const none = await execute(['jar', 'list', input, '--url', 'https://other.org/'], io());
    expect(none.stdout).toBe(
      'Cookie: (nothing is sent)\n\nno cookie of 1 is sent to https://other.org/\n',
    );
  });
});
