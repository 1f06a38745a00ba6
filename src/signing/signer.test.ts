import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { base64UrlDecode } from '../internal/base64url.js';
import { setPortableOnly } from '../internal/node-builtin.js';
import { BadSignature } from './errors.js';
import * as keyDerivation from './key-derivation.js';
import { Signer } from './signer.js';

// Wrap the comparison and the derivation in spies, keeping their real behaviour.
vi.mock('../internal/timing-safe-equal.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../internal/timing-safe-equal.js')>();
  return {
    timingSafeEqual: vi.fn(real.timingSafeEqual),
    timingSafeEqualText: vi.fn(real.timingSafeEqualText),
  };
});
vi.mock('./key-derivation.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./key-derivation.js')>();
  return { deriveKey: vi.fn(real.deriveKey) };
});

const { timingSafeEqual, timingSafeEqualText } = await import('../internal/timing-safe-equal.js');

/** The base64url character whose sextet differs from `c`'s in the lowest bit. */
function flipLowBit(c: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return alphabet[alphabet.indexOf(c) ^ 1] as string;
}

describe('Signer', () => {
  beforeEach(() => {
    vi.mocked(timingSafeEqual).mockClear();
    vi.mocked(timingSafeEqualText).mockClear();
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

  it('verifies a signature as written with a constant-time comparison, never string ===', async () => {
    const signer = new Signer(['old', 'new']);
    const token = await new Signer('old').sign('v');
    await expect(signer.unsign(token)).resolves.toBe('v');
    const calls = vi.mocked(timingSafeEqualText).mock.calls;
    // Newest key first (a mismatch), then the old key: both through timingSafeEqualText.
    expect(calls).toHaveLength(2);
    for (const [a, b] of calls) {
      expect(a).toBe(token.slice(2));
      expect(b).toHaveLength(27);
    }
    expect(calls[1]?.[1]).toBe(token.slice(2));
    expect(timingSafeEqual).not.toHaveBeenCalled();
  });

  it.each([
    ['padded', (sig: string) => `${sig}=`],
    ['standard alphabet', (sig: string) => sig.replaceAll('-', '+').replaceAll('_', '/')],
    ['non-zero unused bits', (sig: string) => sig.slice(0, -1) + flipLowBit(sig.slice(-1))],
  ])(
    'decodes another spelling (%s) and compares the MAC bytes in constant time',
    async (_, respell) => {
      const signer = new Signer(['old', 'new']);
      // A value whose signature holds a `-` or `_`, so that every respelling differs.
      let value = '';
      let sig = '';
      for (let i = 0; !/[-_]/.test(sig); i++) {
        value = `v-${i}`;
        sig = (await new Signer('old').sign(value)).slice(value.length + 1);
      }
      vi.mocked(timingSafeEqualText).mockClear();
      const other = respell(sig);
      expect(other).not.toBe(sig);
      await expect(signer.unsign(`${value}.${other}`)).resolves.toBe(value);
      const calls = vi.mocked(timingSafeEqual).mock.calls;
      expect(calls).toHaveLength(2);
      for (const [a, b] of calls) {
        expect(a).toBeInstanceOf(Uint8Array);
        expect(b).toBeInstanceOf(Uint8Array);
        expect(a.length).toBe(20);
      }
      expect(timingSafeEqualText).not.toHaveBeenCalled();
    },
  );

  it('compares against every key before rejecting', async () => {
    const signer = new Signer(['a', 'b', 'c']);
    await expect(signer.unsign('v.AAAAAAAAAAAAAAAAAAAAAAAAAAA')).rejects.toBeInstanceOf(
      BadSignature,
    );
    expect(vi.mocked(timingSafeEqualText).mock.calls).toHaveLength(3);
    await expect(signer.unsign('v.AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).rejects.toBeInstanceOf(
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

  it("unsign goes through a subclass's own unsignWithKey", async () => {
    class Upper extends Signer {
      override async unsignWithKey(signed: string) {
        const result = await super.unsignWithKey(signed);
        return { ...result, value: result.value.toUpperCase() };
      }
    }
    const signer = new Upper('s');
    await expect(signer.unsign(await signer.sign('abc'))).resolves.toBe('ABC');
    await expect(new Signer('s').unsign(await signer.sign('abc'))).resolves.toBe('abc');
  });

  it("unsignWithKey goes through a subclass's own matchingKey", async () => {
    class OnlyOld extends Signer {
      protected override async matchingKey(value: string, sig: string): Promise<number> {
        const index = await super.matchingKey(value, sig);
        return index === this.keyCount - 1 ? -1 : index;
      }
    }
    const signer = new OnlyOld(['old', 'new']);
    await expect(signer.unsign(await signer.sign('v'))).rejects.toBeInstanceOf(BadSignature);
    await expect(signer.unsign(await new Signer('old').sign('v'))).resolves.toBe('v');
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

describe.each([
  ['node:crypto', false],
  ['WebCrypto', true],
] as const)('Signer over %s', (_, portable) => {
  afterEach(() => setPortableOnly(false));

  it('signs and verifies as node:crypto HMAC does, with rotated keys', async () => {
    setPortableOnly(portable);
    const signer = new Signer(['old', 'new'], { digestMethod: 'sha256' });
    const key = await signer.deriveKey();
    for (const value of ['', 'v', 'é\u{1f36a}', '\ud800 lone', 'a.b.c']) {
      const token = await signer.sign(value);
      expect(token).toBe(`${value}.${createHmac('sha256', key).update(value).digest('base64url')}`);
      await expect(signer.unsignWithKey(token)).resolves.toEqual({
        value,
        keyIndex: 1,
        rotated: false,
      });
    }
    const legacy = await new Signer('old', { digestMethod: 'sha256' }).sign('v');
    await expect(signer.unsignWithKey(legacy)).resolves.toMatchObject({ keyIndex: 0 });
    await expect(signer.unsign(`${legacy}=`)).resolves.toBe('v');
    await expect(signer.unsign('v.AAAA')).rejects.toBeInstanceOf(BadSignature);
  });

  it('accepts a signature exactly when its lenient decoding is the MAC (text and byte paths agree)', async () => {
    setPortableOnly(portable);
    const signer = new Signer(['k1', 'k2']);
    const keys = [await signer.deriveKey(0), await signer.deriveKey(1)];
    // Respellings of a real signature: what the lenient decoder accepts, and near misses.
    const edit = fc.oneof(
      fc.constant((s: string) => s),
      fc.constant((s: string) => `${s}=`),
      fc.constant((s: string) => `${s}==`),
      fc.constant((s: string) => s.replaceAll('-', '+').replaceAll('_', '/')),
      fc.constant((s: string) => s.slice(0, -1) + flipLowBit(s.slice(-1))),
      fc.constant((s: string) => s.slice(1)),
      fc.constant((s: string) => `A${s}`),
      fc.constant((s: string) => `${s.slice(0, 5)}*${s.slice(5)}`),
      fc.constant((s: string) => `${s.slice(0, 5)}é${s.slice(5)}`),
      fc
        .nat(26)
        .map((i) => (s: string) => s.slice(0, i) + flipLowBit(s[i] as string) + s.slice(i + 1)),
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), fc.nat(1), edit, async (value, k, respell) => {
        const key = keys[k] as Uint8Array;
        const sig = respell(createHmac('sha1', key).update(value).digest('base64url'));
        const decoded = base64UrlDecode(sig);
        const expected = keys.some(
          (other) =>
            decoded !== undefined &&
            Buffer.from(decoded).equals(createHmac('sha1', other).update(value).digest()),
        );
        expect(await signer.verifySignature(value, sig)).toBe(expected);
      }),
      { numRuns: portable ? 100 : 500 },
    );
  });
});
