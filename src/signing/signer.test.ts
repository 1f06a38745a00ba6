import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BadSignature } from './errors.js';
import * as keyDerivation from './key-derivation.js';
import { Signer } from './signer.js';

// Wrap the comparison and the derivation in spies, keeping their real behaviour.
vi.mock('../internal/timing-safe-equal.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../internal/timing-safe-equal.js')>();
  return { timingSafeEqual: vi.fn(real.timingSafeEqual) };
});
vi.mock('./key-derivation.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./key-derivation.js')>();
  return { deriveKey: vi.fn(real.deriveKey) };
});

const { timingSafeEqual } = await import('../internal/timing-safe-equal.js');

describe('Signer', () => {
  beforeEach(() => {
    vi.mocked(timingSafeEqual).mockClear();
  });
  afterEach(() => {
    vi.mocked(keyDerivation.deriveKey).mockClear();
  });

  it('signs as itsdangerous: value.sep.base64url(HMAC-SHA1(SHA1(salt+"signer"+secret), value))', async () => {
    const token = await new Signer('secret').sign('value');
    const key = await new Signer('secret').deriveKey();
    const sig = createHmac('sha1', key).update('value').digest('base64url');
    expect(token).toBe(`value.${sig}`);
    expect(sig).toHaveLength(27);
  });

  it('verifies with a constant-time comparison of the MAC bytes, never string ===', async () => {
    const signer = new Signer(['old', 'new']);
    const token = await new Signer('old').sign('v');
    await expect(signer.unsign(token)).resolves.toBe('v');
    const calls = vi.mocked(timingSafeEqual).mock.calls;
    // Newest key first (a mismatch), then the old key: both through timingSafeEqual, on bytes.
    expect(calls).toHaveLength(2);
    for (const [a, b] of calls) {
      expect(a).toBeInstanceOf(Uint8Array);
      expect(b).toBeInstanceOf(Uint8Array);
      expect(a.length).toBe(20);
    }
  });

  it('compares against every key before rejecting', async () => {
    const signer = new Signer(['a', 'b', 'c']);
    await expect(signer.unsign('v.AAAAAAAAAAAAAAAAAAAAAAAAAAA')).rejects.toBeInstanceOf(
      BadSignature,
    );
    expect(vi.mocked(timingSafeEqual).mock.calls).toHaveLength(3);
  });

  it('derives each key once per signer, not once per call', async () => {
    const signer = new Signer(['old', 'new']);
    for (let i = 0; i < 20; i++) await signer.unsign(await signer.sign(`v${i}`));
    await signer.unsign(await new Signer('old').sign('x'));
    // 'new' once for this signer, 'old' once for this signer and once for the throwaway signer.
    expect(vi.mocked(keyDerivation.deriveKey).mock.calls.length).toBe(3);
  });

  it('reports which key matched and whether it was an older one', async () => {
    const signer = new Signer(['k1', 'k2', 'k3']);
    await expect(signer.unsignWithKey(await new Signer('k1').sign('v'))).resolves.toEqual({
      value: 'v',
      keyIndex: 0,
      rotated: true,
    });
    await expect(signer.unsignWithKey(await signer.sign('v'))).resolves.toEqual({
      value: 'v',
      keyIndex: 2,
      rotated: false,
    });
  });

  it('rejects with BadSignature carrying the unverified payload', async () => {
    const error = await new Signer('s').unsign('hello.bad').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadSignature);
    expect((error as BadSignature).payload).toBe('hello');
    expect((error as Error).message).toContain('does not match');
    const noSep = await new Signer('s').unsign('nosep').catch((e: unknown) => e);
    expect((noSep as Error).message).toContain('no separator');
  });

  it('rejects (never throws) on a non-string token', async () => {
    await expect(new Signer('s').unsign(undefined as unknown as string)).rejects.toBeInstanceOf(
      BadSignature,
    );
  });

  it('validate is a predicate', async () => {
    const signer = new Signer('s');
    expect(await signer.validate(await signer.sign('x'))).toBe(true);
    expect(await signer.validate('x.y')).toBe(false);
    expect(await signer.verifySignature('x', await signer.getSignature('x'))).toBe(true);
  });

  it('splits on the last separator, so values may contain it', async () => {
    const signer = new Signer('s', { sep: ':' });
    await expect(signer.unsign(await signer.sign('a:b:c'))).resolves.toBe('a:b:c');
  });

  it.each([[''], ['a'], ['-'], ['='], ['.a']])('refuses separator %j', (sep) => {
    expect(() => new Signer('s', { sep })).toThrow(/separator is invalid/);
  });

  it('refuses an empty key list, unknown derivations and digests', () => {
    expect(() => new Signer([])).toThrow(/at least one key/);
    expect(() => new Signer('s', { keyDerivation: 'x' as 'hmac' })).toThrow(/key derivation/);
    expect(() => new Signer('s', { digestMethod: 'md5' as 'sha1' })).toThrow(/digest method/);
  });
});
