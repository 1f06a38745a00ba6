import { describe, expect, it } from 'vitest';
import { io } from '../../../test/helpers/cli-io.js';
import { execute } from '../main.js';

const SECRET = 'a3f1c9e07b5d42869e1f0c3b7a5d2e4f6081b9c7d3e5f1a2b4c6d8e0f1a3b5c7';

describe('seal / unseal', () => {
  it('round-trips a JSON value through stdin', async () => {
    const token = (
      await execute(
        ['seal', '--secret', SECRET],
        io({ stdinIsTTY: false, readStdin: async () => '{"a": [1, "x"]}' }),
      )
    ).stdout.trim();
    expect((await execute(['unseal', token, '--secret', SECRET], io())).stdout).toBe(
      '{"a":[1,"x"]}\n',
    );
  });

  it('needs one --key-id per --secret', async () => {
    const result = await execute(
      ['unseal', 't', '--secret', SECRET, '--key-id', 'a', '--key-id', 'b'],
      io(),
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('got 2 --key-id for 1 --secret');
  });

  it('fails on a token that is not a sealed token', async () => {
    const result = await execute(['unseal', 'hello', '--secret', SECRET], io());
    expect(result.exitCode).toBe(1);
    expect(result.stderr).not.toContain('internal error');
  });
});
