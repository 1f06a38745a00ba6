import { describe, expect, it } from 'vitest';
import { io } from '../../../test/helpers/cli-io.js';
import { execute } from '../main.js';

describe('flask sign', () => {
  it('signs at --now, reads stdin and the secret from SHORTBREAD_SECRET', async () => {
    const result = await execute(
      ['flask', 'sign', '--now', '1700000000', '--json'],
      io({ env: { SHORTBREAD_SECRET: 'k' }, stdinIsTTY: false, readStdin: async () => '{}\n' }),
    );
    expect(JSON.parse(result.stdout)).toEqual({
      value: 'e30.ZVPxAA.6lbnt5hnd_0io3lLtLhrudzUJW0',
      setCookie: 'session=e30.ZVPxAA.6lbnt5hnd_0io3lLtLhrudzUJW0; HttpOnly; Path=/',
    });
  });

  it('refuses malformed markers with the rule and the fix', async () => {
    const result = await execute(
      ['flask', 'sign', '--secret', 'k', '{"a": {"$uuid": "nope"}}'],
      io(),
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('$uuid is invalid: "nope" (a UUID like');
  });
});
