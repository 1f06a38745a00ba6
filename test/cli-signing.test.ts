/**
 * `shortbread sign`/`unsign` against the real itsdangerous (tokens byte-equal both ways), and
 * `seal`/`unseal` round trips, as processes. Fails (never skips) when Python is missing.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, runCliJson } from './helpers/cli.js';
import { PYTHON_STACKS, requirePythonStack, runPythonJson } from './helpers/python.js';

// Each test starts processes (node, Python); a loaded CI machine can take a while.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

/** itsdangerous tokens for fixed inputs, at a fixed time. */
const PY_TOKENS = `
import json, itsdangerous
import itsdangerous.timed as t
t.TimestampSigner.get_timestamp = lambda self: 1700000000
print(json.dumps({
  "plain": itsdangerous.Signer("s3cret").sign("user-42").decode(),
  "salted": itsdangerous.Signer("s3cret", salt="email").sign("user-42").decode(),
  "timed": itsdangerous.TimestampSigner("s3cret").sign("user-42").decode(),
  "serializer": itsdangerous.URLSafeTimedSerializer("s3cret", salt="activate").dumps({"user": 5, "r": [1.5, "é"]}),
}))
`;

describe('sign / unsign match itsdangerous', () => {
  let py: Record<string, string> = {};
  beforeAll(() => {
    requirePythonStack('modern');
    py = runPythonJson(PYTHON_STACKS.modern.command, ['-c', PY_TOKENS]) as Record<string, string>;
  });

  it('signs the same tokens as Python', async () => {
    const now = ['--now', '1700000000'];
    expect((await runCli(['sign', 'user-42', '--secret', 's3cret'])).stdout).toBe(`${py.plain}\n`);
    expect(
      (await runCli(['sign', 'user-42', '--secret', 's3cret', '--salt', 'email'])).stdout,
    ).toBe(`${py.salted}\n`);
    expect(
      (await runCli(['sign', 'user-42', '--secret', 's3cret', '--timed', ...now])).stdout,
    ).toBe(`${py.timed}\n`);
    const serialized = await runCli([
      'sign',
      '--serializer',
      '--timed',
      '--secret',
      's3cret',
      '--salt',
      'activate',
      ...now,
      '{"user": 5, "r": [1.5, "é"]}',
    ]);
    expect(serialized.stdout).toBe(`${py.serializer}\n`);
  });

  it("unsigns Python's tokens, with key rotation and the signing time", async () => {
    expect((await runCli(['unsign', py.plain ?? '', '--secret', 's3cret'])).stdout).toBe(
      'user-42\n',
    );
    const rotated = (await runCliJson([
      'unsign',
      py.timed ?? '',
      '--secret',
      's3cret',
      '--secret',
      'newer',
      '--timed',
      '--json',
    ])) as Record<string, unknown>;
    expect(rotated).toEqual({
      value: 'user-42',
      keyIndex: 0,
      rotated: true,
      timestamp: 1700000000,
      signedAt: '2023-11-14T22:13:20.000Z',
    });
    const loaded = (await runCliJson([
      'unsign',
      '--serializer',
      '--timed',
      '--secret',
      's3cret',
      '--salt',
      'activate',
      '--json',
      py.serializer ?? '',
    ])) as Record<string, unknown>;
    expect(loaded.value).toEqual({ user: 5, r: [1.5, 'é'] });
  });

  it('exits 1 for a wrong key, a wrong salt, or an expired token', async () => {
    const wrong = await runCli(['unsign', py.plain ?? '', '--secret', 'nope']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^shortbread unsign: signature .* does not match/);
    expect((await runCli(['unsign', py.salted ?? '', '--secret', 's3cret'])).code).toBe(1);
    const expired = await runCli([
      'unsign',
      py.timed ?? '',
      '--secret',
      's3cret',
      '--max-age',
      '60',
      '--now',
      '1700000061',
    ]);
    expect(expired.code).toBe(1);
    expect(expired.stderr).toContain('larger --max-age');
    const fresh = await runCli([
      'unsign',
      py.timed ?? '',
      '--secret',
      's3cret',
      '--max-age',
      '60',
      '--now',
      '1700000060',
    ]);
    expect(fresh).toMatchObject({ code: 0, stdout: 'user-42\n' });
  });

  it('takes the secret from SHORTBREAD_SECRET and the value from stdin', async () => {
    const run = await runCli(['sign'], {
      input: 'user-42\n',
      env: { SHORTBREAD_SECRET: 's3cret' },
    });
    expect(run.stdout).toBe(`${py.plain}\n`);
  });
});

describe('seal / unseal', () => {
  const secret = 'a3f1c9e07b5d42869e1f0c3b7a5d2e4f6081b9c7d3e5f1a2b4c6d8e0f1a3b5c7';

  it('round-trips JSON and text, bound to a context', async () => {
    const sealed = await runCli([
      'seal',
      '{"userId": 42}',
      '--secret',
      secret,
      '--context',
      'session',
    ]);
    expect(sealed.code).toBe(0);
    const token = sealed.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    const opened = await runCli(['unseal', token, '--secret', secret, '--context', 'session']);
    expect(opened).toMatchObject({ code: 0, stdout: '{"userId":42}\n' });
    const otherContext = await runCli(['unseal', token, '--secret', secret, '--context', 'csrf']);
    expect(otherContext.code).toBe(1);
    const text = (await runCli(['seal', '--text', 'hello', '--secret', secret])).stdout.trim();
    expect((await runCli(['unseal', '--text', text, '--secret', secret])).stdout).toBe('hello\n');
  });

  it('rotates keys by id and reports expiry', async () => {
    const old = (
      await runCli([
        'seal',
        '[1,2]',
        '--secret',
        secret,
        '--key-id',
        'k1',
        '--ttl',
        '60',
        '--now',
        '1700000000',
      ])
    ).stdout.trim();
    const info = (await runCliJson([
      'unseal',
      old,
      '--secret',
      secret,
      '--key-id',
      'k1',
      '--secret',
      '5e2b8f41c07a93d6e1b4f2a8c9d05e7f3a6b1c8d2e9f04a7b5c3d1e8f6a2b09c',
      '--key-id',
      'k2',
      '--now',
      '1700000030',
      '--json',
    ])) as Record<string, unknown>;
    expect(info).toEqual({
      value: [1, 2],
      keyId: 'k1',
      rotated: true,
      issuedAt: '2023-11-14T22:13:20.000Z',
      expiresAt: '2023-11-14T22:14:20.000Z',
    });
    const late = await runCli([
      'unseal',
      old,
      '--secret',
      secret,
      '--key-id',
      'k1',
      '--now',
      '1700000061',
    ]);
    expect(late.code).toBe(1);
  });

  it('explains bad keys and bad input', async () => {
    const short = await runCli(['seal', '1', '--secret', 'short']);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/^shortbread seal: .*32/);
    const notJson = await runCli(['seal', 'hello', '--secret', secret]);
    expect(notJson.stderr).toContain('pass --text');
    const ids = await runCli(['seal', '1', '--secret', secret, '--secret', secret]);
    expect(ids.code).toBe(2);
    expect(ids.stderr).toContain('several --secret need a --key-id each');
  });
});
