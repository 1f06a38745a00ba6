import { describe, expect, it } from 'vitest';
import { io } from '../../../test/helpers/cli-io.js';
import { execute } from '../main.js';

describe('sign / unsign', () => {
  it('round-trips plain, timed and serializer tokens, and notes a rotated key', async () => {
    for (const extra of [[], ['--timed'], ['--serializer'], ['--serializer', '--timed']]) {
      const value = extra.includes('--serializer') ? '{"a": [1, 2.5]}' : 'v';
      const token = (
        await execute(['sign', value, '--secret', 'old', ...extra], io())
      ).stdout.trim();
      const back = await execute(
        ['unsign', token, '--secret', 'old', '--secret', 'new', ...extra],
        io(),
      );
      expect(back.stdout).toBe(`${value}\n`);
      expect(back.stderr).toBe('note: signed with an older key; sign it again with the newest\n');
    }
  });

  it('rejects a bad --max-age and bad JSON', async () => {
    const age = await execute(['unsign', 't', '--secret', 'k', '--max-age', '-5'], io());
    expect(age.exitCode).toBe(2);
    expect(age.stderr).toContain('--max-age is invalid: "-5"');
    const json = await execute(['sign', '--serializer', '--secret', 'k', '{'], io());
    expect(json.stderr).toContain('--serializer needs JSON');
    const two = await execute(['sign', 'a', 'b', '--secret', 'k'], io());
    expect(two.stderr).toContain('expected one argument');
  });
});
