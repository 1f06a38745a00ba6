import { describe, expect, it } from 'vitest';
import { type CliIo, execute } from './main.js';

const io = (over: Partial<CliIo> = {}): CliIo => ({
  env: {},
  stdoutIsTTY: false,
  stderrIsTTY: false,
  stdinIsTTY: true,
  readStdin: async () => '',
  version: '9.9.9',
  now: Date.UTC(2026, 0, 1),
  ...over,
});

describe('execute', () => {
  it('finds one- and two-word commands and prints nothing itself', async () => {
    const parsed = await execute(['parse', '--json', 'a=1'], io());
    expect(JSON.parse(parsed.stdout)).toEqual({
      header: 'a=1',
      cookies: [{ name: 'a', value: '1', kept: true }],
    });
    const signed = await execute(
      ['flask', 'sign', '--secret', 'k', '--now', '1700000000', '{}'],
      io(),
    );
    expect(signed).toEqual({ stdout: 'e30.ZVPxAA.6lbnt5hnd_0io3lLtLhrudzUJW0\n', exitCode: 0 });
  });

  it('takes its clock from SHORTBREAD_NOW (Unix seconds), and refuses one that is not', async () => {
    const { now: _clock, ...clockless } = io();
    const at = (env: Record<string, string>) =>
      execute(['flask', 'sign', '--secret', 'k', '{}'], { ...clockless, env });
    expect(await at({ SHORTBREAD_NOW: '1700000000' })).toEqual({
      stdout: 'e30.ZVPxAA.6lbnt5hnd_0io3lLtLhrudzUJW0\n',
      exitCode: 0,
    });
    const later = await execute(
      ['parse-set-cookie', 'a=1; Expires=Wed, 01 Jan 2025 00:00:00 GMT'],
      {
        ...clockless,
        env: { SHORTBREAD_NOW: String(Date.UTC(2024, 0, 1) / 1000) },
      },
    );
    expect(later.stdout).not.toContain('in the past');
    const bad = await at({ SHORTBREAD_NOW: 'tomorrow' });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('SHORTBREAD_NOW is invalid: "tomorrow"');
  });

  it('answers help and version, and exits 2 without a command', async () => {
    expect(await execute(['--version'], io())).toEqual({ stdout: '9.9.9\n', exitCode: 0 });
    expect((await execute(['help', 'lint'], io())).stdout).toContain('Usage: shortbread lint');
    expect((await execute(['jar'], io())).exitCode).toBe(2);
    expect((await execute(['jar', '--help'], io())).stdout).toContain('jar convert');
    expect((await execute([], io())).exitCode).toBe(2);
  });

  it('reads stdin only when nothing is given and stdin is not a terminal', async () => {
    const fromTerminal = await execute(['parse'], io());
    expect(fromTerminal.exitCode).toBe(2);
    expect(fromTerminal.stderr).toContain(
      'give a Cookie header as an argument, or pipe it to stdin',
    );
    const piped = await execute(
      ['parse', '--json'],
      io({ stdinIsTTY: false, readStdin: async () => 'b=2' }),
    );
    expect(JSON.parse(piped.stdout).cookies[0]).toEqual({ name: 'b', value: '2', kept: true });
  });

  it('draws progress only through the io it was given', async () => {
    const drawn: string[] = [];
    const result = await execute(['lint', 'a=1'], io({ drawProgress: (t) => drawn.push(t) }));
    expect(result.exitCode).toBe(0);
    expect(drawn).toEqual([]); // lint has nothing long to report
  });

  it('prints Python JSON values beyond JSON (NaN, big ints, 1.0) from unsign --serializer as typed JSON', async () => {
    const token = await execute(
      [
        'sign',
        '--serializer',
        '--secret',
        'k',
        '{"a": NaN, "b": 1.0, "c": 12345678901234567890123}',
      ],
      io(),
    );
    const opened = await execute(
      ['unsign', '--serializer', '--secret', 'k', '--json', token.stdout.trim()],
      io(),
    );
    expect(JSON.parse(opened.stdout).value).toEqual({
      a: { $float: 'NaN' },
      b: { $float: 1 },
      c: { $int: '12345678901234567890123' },
    });
    const text = await execute(
      ['unsign', '--serializer', '--secret', 'k', token.stdout.trim()],
      io(),
    );
    expect(text.stdout).toBe('{"a": NaN, "b": 1.0, "c": 12345678901234567890123}\n');
  });
});
