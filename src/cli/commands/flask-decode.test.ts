import { describe, expect, it } from 'vitest';
import { io } from '../../../test/helpers/cli-io.js';
import { execute } from '../main.js';

// Real Flask 3.1 output for {} with SECRET_KEY "k" at 1700000000 (see main.test.ts).
const EMPTY = 'e30.ZVPxAA.6lbnt5hnd_0io3lLtLhrudzUJW0';

describe('flask decode', () => {
  it('decodes, verifies at a given time and reports the key used', async () => {
    const result = await execute(
      [
        'flask',
        'decode',
        EMPTY,
        '--secret',
        'old',
        '--secret',
        'k',
        '--now',
        '1700000100',
        '--json',
      ],
      io(),
    );
    expect(JSON.parse(result.stdout)).toMatchObject({
      session: {},
      verified: true,
      keyIndex: 1,
      rotated: false,
    });
    const text = await execute(['flask', 'decode', EMPTY, '--now', '1700000100'], io());
    expect(text.stdout).toContain('session     {}');
    expect(text.stdout).toContain('(100 s ago)');
  });

  it('refuses --fallback without --secret, and a header without the cookie', async () => {
    const fallback = await execute(['flask', 'decode', EMPTY, '--fallback', 'x'], io());
    expect(fallback.exitCode).toBe(2);
    const missing = await execute(['flask', 'decode', 'a=1; b=2'], io());
    expect(missing.stderr).toContain('no "session" cookie in');
    const named = await execute(['flask', 'decode', `s=${EMPTY}`, '--name', 's', '--json'], io());
    expect(JSON.parse(named.stdout).session).toEqual({});
  });

  it('explains payloads that do not decode', async () => {
    const result = await execute(['flask', 'decode', '!!!.ZVPxAA.sig'], io());
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('the payload does not decode');
    const list = await execute(['flask', 'decode', 'WzFd.ZVPxAA.sig'], io());
    expect(list.stderr).toContain('the payload is not a dict');
    // [["a", 1]] is a session to Flask, as dict() takes pairs.
    const pairs = await execute(['flask', 'decode', 'W1siYSIsMV1d.ZVPxAA.sig', '--json'], io());
    expect(JSON.parse(pairs.stdout).session).toEqual({ a: 1 });
  });
});
