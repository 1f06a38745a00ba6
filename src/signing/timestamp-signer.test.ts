import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64UrlDecode } from '../internal/base64url.js';
import { BadSignature, BadTimeSignature, SignatureExpired } from './errors.js';
import { Signer } from './signer.js';
import {
  decodeTimestamp,
  encodeTimestamp,
  TimestampSigner,
  toUnixSeconds,
} from './timestamp-signer.js';

const NOW = 1_700_000_000;

/** Python's int_to_bytes, written the slow and obvious way, to check the fast one against. */
function referenceBytes(seconds: number): number[] {
  const bytes: number[] = [];
  for (let rest = BigInt(seconds); rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 0xffn));
  return bytes;
}

describe('timestamp bytes', () => {
  it('reads any short text as the lenient base64 decoder does (the in-place path and the other)', () => {
    // The reference: Python's decoder (base64UrlDecode), then big-endian bytes, at most 8.
    const reference = (text: string): number | undefined => {
      const bytes = base64UrlDecode(text);
      if (bytes === undefined || bytes.length > 8) return undefined;
      let value = 0n;
      for (const byte of bytes) value = (value << 8n) | BigInt(byte);
      return Number(value);
    };
    const char = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.!é',
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect(decodeTimestamp(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('encodes every safe integer as big-endian bytes without leading zeros, and reads it back', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.maxSafeNat(), fc.nat(), fc.constantFrom(0, 255, 256, 2 ** 48 - 1, 2 ** 48)),
        (n) => {
          const text = encodeTimestamp(n);
          expect([...Buffer.from(text, 'base64url')]).toEqual(referenceBytes(n));
          expect(decodeTimestamp(text)).toBe(n);
        },
      ),
    );
  });

  it('reads 7 and 8 byte stamps as Number(BigInt) does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 7, maxLength: 8 }), (bytes) => {
        const expected = Number(bytes.reduce((v, b) => (v << 8n) | BigInt(b), 0n));
        expect(decodeTimestamp(Buffer.from(bytes).toString('base64url'))).toBe(expected);
      }),
    );
  });
});

describe('timestamps', () => {
  it.each([
    [0, ''],
    [1, 'AQ'],
    [NOW, 'ZVPxAA'],
    [2 ** 32, 'AQAAAAA'],
  ])('%d <-> %j', (seconds, text) => {
    expect(encodeTimestamp(seconds)).toBe(text);
    expect(decodeTimestamp(text)).toBe(seconds);
  });

  it('refuses more than 8 bytes and negative stamps', () => {
    expect(decodeTimestamp('AQEBAQEBAQEB')).toBeUndefined();
    expect(() => encodeTimestamp(-1)).toThrow(RangeError);
  });

  it('reads now as epoch milliseconds or a Date, floored to seconds', () => {
    expect(toUnixSeconds(1_700_000_001_900)).toBe(1_700_000_001);
    expect(toUnixSeconds(new Date(2500))).toBe(2);
    expect(() => toUnixSeconds(Number.NaN)).toThrow(TypeError);
    expect(() => toUnixSeconds(new Date(Number.NaN))).toThrow(/now is invalid/);
    expect(Math.abs(toUnixSeconds(undefined) - Date.now() / 1000)).toBeLessThan(2);
  });
});

describe('TimestampSigner', () => {
  const signer = new TimestampSigner('secret');

  it('accepts an age equal to maxAge and rejects one more second', async () => {
    const token = await signer.sign('v', { now: NOW * 1000 });
    await expect(signer.unsign(token, { maxAge: 60, now: (NOW + 60) * 1000 })).resolves.toBe('v');
    const error = await signer
      .unsign(token, { maxAge: 60, now: (NOW + 61) * 1000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignatureExpired);
    expect((error as SignatureExpired).dateSigned?.getTime()).toBe(NOW * 1000);
    expect((error as Error).message).toContain('61 > 60');
  });

  it('rejects a future timestamp when maxAge is set, accepts it otherwise', async () => {
    const token = await signer.sign('v', { now: NOW * 1000 });
    await expect(signer.unsign(token, { maxAge: 60, now: (NOW - 1) * 1000 })).rejects.toThrow(
      /future/,
    );
    await expect(signer.unsign(token, { now: (NOW - 1) * 1000 })).resolves.toBe('v');
  });

  it('gives the timestamp and the matching key', async () => {
    const rotating = new TimestampSigner(['old', 'new']);
    const token = await new TimestampSigner('old').sign('v', { now: NOW * 1000 });
    await expect(rotating.unsignWithKey(token)).resolves.toEqual({
      value: 'v',
      keyIndex: 0,
      rotated: true,
      timestamp: NOW,
      dateSigned: new Date(NOW * 1000),
    });
  });

  it('tells a bad signature (with its claimed date) from a missing timestamp', async () => {
    const bad = await signer.unsign('v.ZVPxAA.forged').catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadTimeSignature);
    expect((bad as BadTimeSignature).dateSigned?.getTime()).toBe(NOW * 1000);
    const untimed = await new Signer('secret').sign('v');
    await expect(signer.unsign(untimed)).rejects.toThrow(/timestamp missing/);
    const none = await signer.unsign('nosep').catch((e: unknown) => e);
    expect(none).toBeInstanceOf(BadSignature);
    expect(none).not.toBeInstanceOf(BadTimeSignature);
  });

  it('validate honours maxAge', async () => {
    const token = await signer.sign('v', { now: NOW * 1000 });
    expect(await signer.validate(token, { maxAge: 5, now: (NOW + 5) * 1000 })).toBe(true);
    expect(await signer.validate(token, { maxAge: 5, now: (NOW + 6) * 1000 })).toBe(false);
  });
});
