import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Encode, base64UrlDecode, base64UrlEncode, pythonB64Decode } from './base64url.js';

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

describe('base64UrlDecode (itsdangerous leniency, see flask-interop.md §1.1)', () => {
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
