import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setPortableOnly } from './node-builtin.js';
import { type OneShotDigest, oneShotHmacBase64Url } from './one-shot-hmac.js';

const digests: OneShotDigest[] = ['sha1', 'sha256', 'sha384', 'sha512'];
const enc = new TextEncoder();

describe('oneShotHmacBase64Url', () => {
  afterEach(() => setPortableOnly(false));

  it.each(digests)(
    '%s equals createHmac for keys shorter, as long as and longer than a block',
    (digest) => {
      for (const keyLength of [0, 1, 20, 63, 64, 65, 127, 128, 129, 300]) {
        const key = Uint8Array.from({ length: keyLength }, (_, i) => (i * 37 + keyLength) & 0xff);
        const mac = oneShotHmacBase64Url(digest, key);
        for (const text of ['', 'v', 'x'.repeat(63), 'y'.repeat(200), 'é\u{1f36a}\ud800']) {
          expect(mac?.(text)).toBe(createHmac(digest, key).update(text).digest('base64url'));
        }
      }
    },
  );

  it('equals createHmac on arbitrary text, lone surrogates included, as the scratch grows', () => {
    const key = enc.encode('a derived key');
    const mac = oneShotHmacBase64Url('sha1', key);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expect(mac?.(text)).toBe(createHmac('sha1', key).update(text).digest('base64url'));
      }),
      { numRuns: 500 },
    );
    // Lone surrogates become U+FFFD's three bytes, as TextEncoder writes them.
    expect(mac?.('\udc00')).toBe(
      createHmac('sha1', key).update(enc.encode('\ufffd')).digest('base64url'),
    );
  });

  it('keeps its own copy of the key and leaves long text to createHmac', () => {
    const key = enc.encode('secret');
    const mac = oneShotHmacBase64Url('sha256', key);
    key.fill(0);
    expect(mac?.('m')).toBe(createHmac('sha256', 'secret').update('m').digest('base64url'));
    expect(mac?.('\u20ac'.repeat(8192))).toBe(
      createHmac('sha256', 'secret').update('\u20ac'.repeat(8192)).digest('base64url'),
    );
    expect(mac?.('z'.repeat(8193))).toBeUndefined();
  });

  it('is undefined on the portable paths', () => {
    setPortableOnly(true);
    expect(oneShotHmacBase64Url('sha1', enc.encode('k'))).toBeUndefined();
  });
});
