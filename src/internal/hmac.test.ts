import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64UrlEncode } from './base64url.js';
import { type DigestName, hashBytes, hmacOnce, importHmacKey, randomBytes } from './hmac.js';
import { setPortableOnly } from './node-builtin.js';

// The real one-shot HMAC, or (while `broken`) one that disagrees with createHmac, as a runtime
// with a different hash() could make it.
const oneShot = vi.hoisted(() => ({ broken: false, calls: 0 }));
vi.mock('./one-shot-hmac.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./one-shot-hmac.js')>();
  return {
    oneShotHmacBase64Url: (...args: Parameters<typeof real.oneShotHmacBase64Url>) => {
      if (!oneShot.broken) return real.oneShotHmacBase64Url(...args);
      return () => {
        oneShot.calls++;
        return 'not-the-mac';
      };
    },
  };
});

const enc = new TextEncoder();
const digests: DigestName[] = ['sha1', 'sha256', 'sha384', 'sha512'];

describe.each([
  ['node:crypto', false],
  ['WebCrypto', true],
] as const)('HMAC over %s', (_, portable) => {
  afterEach(() => setPortableOnly(false));

  it.each(digests)('%s matches node:crypto, for an empty key too', async (digest) => {
    setPortableOnly(portable);
    for (const key of ['', 'k', 'x'.repeat(200)]) {
      const key1 = await importHmacKey(digest, enc.encode(key));
      expect(key1.backend).toBe(portable ? 'webcrypto' : 'node');
      const mac = await key1.sign(enc.encode('message'));
      expect(Buffer.from(mac).toString('hex')).toBe(
        createHmac(digest, key).update('message').digest('hex'),
      );
      expect(
        Buffer.from(await hmacOnce(digest, enc.encode(key), enc.encode('m'))).toString('hex'),
      ).toBe(createHmac(digest, key).update('m').digest('hex'));
    }
    expect(Buffer.from(await hashBytes(digest, enc.encode('abc'))).toString('hex')).toBe(
      createHash(digest).update('abc').digest('hex'),
    );
  });

  it('MACs text as its UTF-8 bytes (a lone surrogate as U+FFFD), and base64url as written', async () => {
    setPortableOnly(portable);
    const key = await importHmacKey('sha1', enc.encode('k'));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (text) => {
        const mac = await key.sign(enc.encode(text));
        expect(await key.sign(text)).toEqual(mac);
        expect(await key.signBase64Url(text)).toBe(base64UrlEncode(mac));
        expect(await key.signBase64Url(enc.encode(text))).toBe(base64UrlEncode(mac));
      }),
      { numRuns: portable ? 50 : 300 },
    );
    expect(await key.signBase64Url('\ud800')).toBe(await key.signBase64Url('\ufffd'));
  });

  it('keeps its own copy of the key', async () => {
    setPortableOnly(portable);
    const raw = enc.encode('secret');
    const key = await importHmacKey('sha256', raw);
    raw.fill(0);
    expect(Buffer.from(await key.sign(enc.encode('m'))).toString('hex')).toBe(
      createHmac('sha256', 'secret').update('m').digest('hex'),
    );
  });
});

describe('importHmacKey with a one-shot HMAC that disagrees with createHmac', () => {
  afterEach(() => {
    oneShot.broken = false;
  });

  it('keeps to createHmac, so signatures stay right', async () => {
    oneShot.broken = true;
    const key = await importHmacKey('sha1', enc.encode('k'));
    expect(await key.signBase64Url('value')).toBe(
      createHmac('sha1', 'k').update('value').digest('base64url'),
    );
    // Called once, for the sample at import, never for a signature.
    expect(oneShot.calls).toBe(1);
  });
});

describe('randomBytes', () => {
  it('gives the asked length, not all zero', () => {
    const bytes = randomBytes(32);
    expect(bytes.length).toBe(32);
    expect(bytes.some((b) => b !== 0)).toBe(true);
  });
});
