import { afterEach, describe, expect, it } from 'vitest';
import { setPortableOnly } from '../internal/node-builtin.js';
import { BadPayload, BadSignature, SignatureExpired, SigningError } from './errors.js';
import { seal, unseal, unsealWithKey } from './seal.js';
import { prepareSealKeys } from './seal-keys.js';

/** 32 random bytes as base64url text (`openssl rand -base64 32` spelled URL-safe). */
const SECRET = '8KG8xUGR_tHsRgCplvrqseQwpKSQoXLREiIGXi7strg';
/** 32 different byte values, not text. */
const BYTES = Uint8Array.from({ length: 32 }, (_, i) => (i * 73 + 11) & 255);
const keys = [
  { id: 'k2024', secret: 'Yssd4zXrzJdpzsbyqKsGhXaEkqcgI_Umgq0Y7UN7aNA' },
  { id: 'k2025', secret: BYTES },
];
const NOW = 1_700_000_000;

describe('seal / unseal', () => {
  afterEach(() => setPortableOnly(false));

  it('round-trips JSON values in the documented format', async () => {
    const token = await seal({ userId: 42, roles: ['admin'] }, { keys, now: NOW * 1000 });
    expect(token).toMatch(/^v1\.k2025\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    await expect(unseal(token, { keys, now: NOW * 1000 })).resolves.toEqual({
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
    const old = await seal(1, { keys: [keys[0] as (typeof keys)[0]], now: NOW * 1000 });
    const result = await unsealWithKey(old, { keys, now: NOW * 1000 });
    expect(result).toMatchObject({ value: 1, keyId: 'k2024', rotated: true, issuedAt: NOW });
    expect(result.expiresAt).toBeUndefined();
  });

  it('expires after ttl, not at it', async () => {
    const token = await seal('v', { keys, ttl: 60, now: NOW * 1000 });
    await expect(unsealWithKey(token, { keys, now: (NOW + 60) * 1000 })).resolves.toMatchObject({
      expiresAt: NOW + 60,
    });
    const error = await unseal(token, { keys, now: (NOW + 61) * 1000 }).catch((e: unknown) => e);
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
    await expect(seal('v', { keys: [{ id: 'a', secret: SECRET }, {} as never] })).rejects.toThrow(
      /key id is invalid/,
    );
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
    ).rejects.toThrow(/each id once/);
    await expect(seal('v', { keys: [] })).rejects.toThrow(/seal keys are invalid/);
    await expect(seal(undefined, { keys: SECRET })).rejects.toThrow(/JSON-serializable/);
    await expect(seal(1n, { keys: SECRET })).rejects.toThrow(TypeError);
    await expect(seal('v', { keys: SECRET, ttl: -1 })).rejects.toThrow(/ttl is invalid/);
  });

  it('exports BadPayload for payloads that decrypt but are not ours', () => {
    expect(new BadPayload('x')).toBeInstanceOf(Error);
  });
});

/** The SigningError `call` throws or rejects with, or the value it gave. */
async function refusal(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    return error;
  }
}

describe('seal keys: random key material only, derived once (issue 20 row 8)', () => {
  afterEach(() => setPortableOnly(false));

  it.each([
    ['a 32-character password', 'correct-Horse-battery-staple-32!'],
    ['a long passphrase', 'correct horse battery staple and then some more words'],
    ['32 equal characters', 'a'.repeat(32)],
    ['a kebab-case phrase of base64 characters', 'my-company-session-secret-for-production-use'],
    ['16 bytes of hex', '0123456789abcdef0123456789abcdef'],
    ['24 bytes of base64', 'TNFqhNle5x-W3IIw82KTexOyLEZOivCS'],
    ['32 equal bytes', new Uint8Array(32).fill(7)],
    ['a password as bytes', new TextEncoder().encode('correct horse battery staple 123')],
  ])('refuses %s with ERR_SEAL_KEY_WEAK, saying how to make a key', async (_, secret) => {
    const error = await refusal(() => seal('v', { keys: [{ id: 'k', secret }] }));
    expect(error).toBeInstanceOf(SigningError);
    expect(error).toMatchObject({ code: 'ERR_SEAL_KEY_WEAK' });
    expect((error as Error).message).toMatch(/^seal secret is invalid: key "k": .*getRandomValues/);
    // unseal refuses the same keys: a weak key opens nothing either.
    await expect(
      unseal('v1.k.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', { keys: [{ id: 'k', secret }] }),
    ).rejects.toMatchObject({ code: 'ERR_SEAL_KEY_WEAK' });
  });

  it.each([
    ['base64url text', SECRET],
    ['padded standard base64 text', 'C7O86JlKdlLeiWZyRxGMRS9gbFPp9YQDKS++8QZIKeg='],
    ['64 hex digits', 'd1f0b5c7a9e3426f8b01c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d'],
    ['random bytes', BYTES],
    ['base64 text as bytes', new TextEncoder().encode(SECRET)],
  ])('accepts %s', async (_, secret) => {
    const sealed = await seal('v', { keys: [{ id: 'k', secret }] });
    await expect(unseal(sealed, { keys: [{ id: 'k', secret }] })).resolves.toBe('v');
  });

  it('refuses empty and whitespace-only secrets through the one normalizeKeys (row 1)', async () => {
    for (const secret of ['', ' '.repeat(40), new Uint8Array(0), new Uint8Array(40).fill(32)]) {
      await expect(seal('v', { keys: [{ id: 'k', secret }] })).rejects.toMatchObject({
        code: 'ERR_SIGNING_KEY_EMPTY',
      });
    }
  });

  it('prepares a keys value once: the same object or text gives the same derived keys', () => {
    const list = [{ id: 'a', secret: SECRET }];
    const first = prepareSealKeys(list);
    expect(prepareSealKeys(list)).toBe(first);
    expect(prepareSealKeys(SECRET)).toBe(prepareSealKeys(SECRET));
    // A list changed in place is prepared again, not answered from memory.
    list.push({ id: 'b', secret: 'Y-h6VVb9jB5Eo-s3Qbs_wIUaz5GQhLMlhKlKkoP3RtM' });
    expect(prepareSealKeys(list)).not.toBe(first);
    expect(prepareSealKeys(list).list.map((key) => key.id)).toEqual(['a', 'b']);
  });

  it('derives the same AES key on node:crypto and WebCrypto (tokens open across the two)', async () => {
    const onNode = await seal({ n: 1 }, { keys, context: 'c' });
    setPortableOnly(true);
    await expect(unseal(onNode, { keys, context: 'c' })).resolves.toEqual({ n: 1 });
    const onWeb = await seal({ w: 2 }, { keys, context: 'c' });
    setPortableOnly(false);
    await expect(unseal(onWeb, { keys, context: 'c' })).resolves.toEqual({ w: 2 });
  });
});

describe('seal now: a Date or epoch milliseconds (issue 20 row 9)', () => {
  it('reads a number now as milliseconds: ttl 60 at Date.now() expires a minute later', async () => {
    const now = Date.now();
    const token = await seal('v', { keys: SECRET, ttl: 60, now });
    const { issuedAt, expiresAt } = await unsealWithKey(token, { keys: SECRET, now });
    expect(issuedAt).toBe(Math.floor(now / 1000));
    expect(expiresAt).toBe(Math.floor(now / 1000) + 60);
    await expect(unseal(token, { keys: SECRET, now: now + 61_000 })).rejects.toBeInstanceOf(
      SignatureExpired,
    );
  });

  it('refuses a number that looks like seconds, on seal and on unseal', async () => {
    const seconds = Math.floor(Date.now() / 1000);
    await expect(seal('v', { keys: SECRET, ttl: 60, now: seconds })).rejects.toMatchObject({
      code: 'ERR_NOW_SECONDS',
    });
    const token = await seal('v', { keys: SECRET, ttl: 60 });
    await expect(unseal(token, { keys: SECRET, now: seconds })).rejects.toThrow(
      /looks like Unix seconds.*\* 1000/,
    );
  });
});
