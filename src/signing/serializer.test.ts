import { describe, expect, it } from 'vitest';
import { BadPayload, BadSignature, SignatureExpired } from './errors.js';
import { Serializer, TimedSerializer } from './serializer.js';

describe('Serializer', () => {
  it('uses json.dumps defaults and the "itsdangerous" salt', async () => {
    const s = new Serializer('secret');
    const token = await s.dumps({ id: 5, name: 'é' });
    expect(token.startsWith('{"id": 5, "name": "\\u00e9"}.')).toBe(true);
    await expect(s.loads(token)).resolves.toEqual({ id: 5, name: 'é' });
    await expect(new Serializer('secret', { salt: 'x' }).loads(token)).rejects.toBeInstanceOf(
      BadSignature,
    );
  });

  it('takes a custom payload serializer, wrapping its failures in BadPayload', async () => {
    const s = new Serializer<string>('secret', {
      serializer: {
        dumps: (v) => v.split('').reverse().join(''),
        loads: (t) => {
          if (t === 'bad') throw new Error('nope');
          return t.split('').reverse().join('');
        },
      },
    });
    await expect(s.loads(await s.dumps('abc'))).resolves.toBe('abc');
    const error = await s.loads(await s.signer.sign('bad')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadPayload);
    expect((error as Error).message).toContain('nope');
  });

  it('loadsWithKey reports the key', async () => {
    const s = new Serializer(['a', 'b']);
    const old = await new Serializer('a').dumps(1);
    await expect(s.loadsWithKey(old)).resolves.toEqual({ value: 1, keyIndex: 0, rotated: true });
  });
});

describe('TimedSerializer', () => {
  it('checks the age', async () => {
    const s = new TimedSerializer('secret');
    const token = await s.dumps([1], { now: new Date(100_000) });
    await expect(s.loadsWithKey(token, { maxAge: 5, now: new Date(105_000) })).resolves.toEqual({
      value: [1],
      keyIndex: 0,
      rotated: false,
      timestamp: 100,
    });
    await expect(s.loads(token, { maxAge: 5, now: new Date(106_000) })).rejects.toBeInstanceOf(
      SignatureExpired,
    );
  });
});
