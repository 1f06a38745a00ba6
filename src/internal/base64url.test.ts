import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Encode,
  base64UrlDecode,
  base64UrlEncode,
  isCanonicalBase64Url,
  pythonB64Decode,
  strictBase64UrlDecode,
} from './base64url.js';
import { setPortableOnly } from './node-builtin.js';

const hex = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : Buffer.from(bytes).toString('hex');

describe('base64UrlEncode / base64Encode', () => {
  it('matches Node for every length (url-safe without padding, standard with it)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base64UrlEncode(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64Encode(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(hex(base64UrlDecode(base64UrlEncode(bytes)))).toBe(hex(bytes));
      }),
    );
  });
});

describe('base64UrlDecode (as lenient as itsdangerous decodes: padding, +/ and stray characters)', () => {
  it.each([
    ['ZVPxAA', '6553f100'],
    ['', ''],
    ['YQ', '61'],
    ['YQ==', '61'], // explicit padding accepted
    ['YQ=', '61'],
    ['-_8', 'fbff'],
    ['+/8', 'fbff'], // standard alphabet accepted too
    ['Y\u00e9Q', '61'], // non-ASCII dropped first
    ['YR', '61'], // unused low bits ignored
    ['YWJj*', '616263'], // junk skipped when the length still works out (checked in Python)
  ])('%j -> %s', (input, expected) => {
    expect(hex(base64UrlDecode(input))).toBe(expected);
  });

  it.each([['Y'], ['YQ*']])('%j is refused, as Python raises', (input) => {
    expect(base64UrlDecode(input)).toBeUndefined();
  });
});

describe('pythonB64Decode', () => {
  it('stops at a pad sequence and refuses incorrect padding', () => {
    expect(hex(pythonB64Decode('YQ==YQ=='))).toBe('61');
    expect(pythonB64Decode('abc')).toBeUndefined();
    expect(hex(pythonB64Decode('AP8='))).toBe('00ff');
  });
});

describe('isCanonicalBase64Url', () => {
  it('accepts what base64UrlEncode writes, for every length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(isCanonicalBase64Url(base64UrlEncode(bytes), bytes.length)).toBe(true);
      }),
    );
  });

  it('is true exactly when decoding and encoding again gives the same text', () => {
    // Text near a signature's spelling: the right length give or take one, with the characters
    // itsdangerous's lenient decoder also accepts or skips (+ / = * and non-ASCII).
    const chars = fc.constantFrom(...'AQgw-_9+/=*\u00e9'.split(''), 'A', 'B', 'z', '0');
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 20, 32, 48, 64), fc.nat(2), (byteLength, delta) => {
        const length = Math.ceil((byteLength * 4) / 3) + delta - 1;
        fc.assert(
          fc.property(fc.array(chars, { minLength: length, maxLength: length }), (list) => {
            const text = list.join('');
            const bytes = base64UrlDecode(text);
            const roundTrips =
              bytes !== undefined && bytes.length === byteLength && base64UrlEncode(bytes) === text;
            expect(isCanonicalBase64Url(text, byteLength)).toBe(roundTrips);
          }),
          { numRuns: 200 },
        );
      }),
      { numRuns: 20 },
    );
  });

  it.each([
    ['-_8', 2, true],
    ['-_9', 2, false], // same bytes, unused low bits set
    ['+/8', 2, false], // same bytes, standard alphabet
    ['-_8=', 2, false], // padded
    ['-_', 2, false],
    ['', 0, true],
  ])('%j for %i bytes -> %s', (text, byteLength, expected) => {
    expect(isCanonicalBase64Url(text, byteLength)).toBe(expected);
  });
});

describe('native and portable base64 agree', () => {
  it('base64UrlEncode, base64UrlDecode and strictBase64UrlDecode give the same on both paths', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.é';
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: i % 97 }, (_, j) => (i * 31 + j * 7) & 255);
      let text = '';
      for (let j = 0; j < (i * 7) % 90; j++) text += alphabet[(i * 13 + j * 5) % alphabet.length];
      const run = () => [
        base64UrlEncode(bytes),
        base64UrlDecode(text)?.join(),
        base64UrlDecode(base64UrlEncode(bytes))?.join(),
        strictBase64UrlDecode(base64UrlEncode(bytes))?.join(),
        strictBase64UrlDecode(text)?.join(),
      ];
      setPortableOnly(true);
      const portable = run();
      setPortableOnly(false);
      expect(run()).toEqual(portable);
    }
  });

  it('strictBase64UrlDecode takes only what base64UrlEncode writes', () => {
    expect(strictBase64UrlDecode('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(strictBase64UrlDecode('-_9')).toBeUndefined();
    expect(strictBase64UrlDecode('-_8=')).toBeUndefined();
    expect(strictBase64UrlDecode('+/8')).toBeUndefined();
    expect(strictBase64UrlDecode('A')).toBeUndefined();
  });
});
