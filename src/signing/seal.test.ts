import { afterEach, describe, expect, it } from 'vitest';
import { setPortableOnly } from '../internal/node-builtin.js';
import { BadPayload, BadSignature, SignatureExpired } from './errors.js';
import { seal, unseal, unsealWithKey } from './seal.js';

const SECRET = 'a'.repeat(32);
const keys = [
  { id: 'k2024', secret: 'old secret that is at least 32 bytes long' },
  { id: 'k2025', secret: new Uint8Array(32).fill(7) },
];
const NOW = 1_700_000_000;

describe('seal / unseal', () => {
  afterEach(() => setPortableOnly(false));

  it('round-trips JSON values in the documented format', async () => {
    const token = await seal({ userId: 42, roles: ['admin'] }, { keys, now: NOW });
    expect(token).toMatch(/^v1\.k2025\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    await expect(unseal(token, { keys, now: NOW })).resolves.toEqual({
      userId: 42,
      roles: ['admin'],
    });
  });

  it('works with the portable path forced too (it is WebCrypto either way)', async () => {
    setPortableOnly(true);
    const token = await seal('x', { keys: SECRET });
    expect(token.startsWith('v1.0.')).toBe(true);
    await expect(unseal(token, { keys: SECRET })).resolves.toBe('x');
  });

  it('hides the value: the plaintext does not appear, and two seals differ', async () => {
    const a = await seal('secret-value', { keys: SECRET });
    const b = await seal('secret-value', { keys: SECRET });
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split('.')[3] as string, 'base64url').toString('latin1')).not.toContain(
      'secret',
    );
  });

  it('rotates: the newest key seals, older ids still open and say rotated', async () => {
    const old = await seal(1, { keys: [keys[0] as (typeof keys)[0]], now: NOW });
    const result = await unsealWithKey(old, { keys, now: NOW });
    expect(result).toMatchObject({ value: 1, keyId: 'k2024', rotated: true, issuedAt: NOW });
    expect(result.expiresAt).toBeUndefined();
  });

  it('expires after ttl, not at it', async () => {
    const token = await seal('v', { keys, ttl: 60, now: NOW });
    await expect(unsealWithKey(token, { keys, now: NOW + 60 })).resolves.toMatchObject({
      expiresAt: NOW + 60,
    });
    const error = await unseal(token, { keys, now: NOW + 61 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignatureExpired);
    expect((error as SignatureExpired).dateSigned?.getTime()).toBe(NOW * 1000);
  });

  it('binds the context', async () => {
    const token = await seal('v', { keys, context: 'session' });
    await expect(unseal(token, { keys, context: 'session' })).resolves.toBe('v');
    await expect(unseal(token, { keys, context: 'other' })).rejects.toThrow(
      /failed authentication/,
    );
    await expect(unseal(token, { keys })).rejects.toBeInstanceOf(BadSignature);
  });

  it('rejects tampering, unknown ids, wrong secrets and malformed tokens with BadSignature', async () => {
    const token = await seal('v', { keys });
    const [v, kid, iv, ct] = token.split('.') as [string, string, string, string];
    const flipped = `${ct.slice(0, -2)}${ct.at(-2) === 'A' ? 'B' : 'A'}${ct.at(-1)}`;
    const cases = [
      [`${v}.${kid}.${iv}.${flipped}`, /failed authentication/],
      [`${v}.nope.${iv}.${ct}`, /unknown key id "nope"/],
      [`${v}.k2024.${iv}.${ct}`, /failed authentication/],
      ['v2.k2025.a.b', /malformed/],
      ['garbage', /malformed/],
      [`${v}.${kid}.${iv}=.${ct}`, /malformed/],
      [`${v}.${kid}.AAAA.${ct}`, /malformed/],
      ['', /malformed/],
    ] as const;
    for (const [bad, message] of cases) {
      const error = await unseal(bad, { keys }).catch((e: unknown) => e);
      expect(error, bad).toBeInstanceOf(BadSignature);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses weak keys, bad ids and unserializable values when sealing', async () => {
    await expect(seal('v', { keys: 'short' })).rejects.toThrow(/at least 32/);
    await expect(seal('v', { keys: [{ id: 'a.b', secret: SECRET }] })).rejects.toThrow(
      /key id is invalid/,
    );
    await expect(
      seal('v', {
        keys: [
          { id: 'a', secret: SECRET },
          { id: 'a', secret: SECRET },
        ],
      }),
    ).rejects.toThrow(/unique/);
    await expect(seal('v', { keys: [] })).rejects.toThrow(/seal keys are invalid/);
    await expect(seal(undefined, { keys: SECRET })).rejects.toThrow(/JSON-serializable/);
    await expect(seal(1n, { keys: SECRET })).rejects.toThrow(TypeError);
    await expect(seal('v', { keys: SECRET, ttl: -1 })).rejects.toThrow(/ttl is invalid/);
  });

  it('exports BadPayload for payloads that decrypt but are not ours', () => {
    expect(new BadPayload('x')).toBeInstanceOf(Error);
  });
});
