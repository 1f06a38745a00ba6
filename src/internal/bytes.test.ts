import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  concatBytes,
  hexToBytes,
  toBytes,
  utf8DecodeStrict,
  utf8Encode,
} from './bytes.js';

describe('bytes', () => {
  it('encodes and strictly decodes UTF-8, keeping a BOM as Python does', () => {
    expect([...utf8Encode('é')]).toEqual([0xc3, 0xa9]);
    expect(utf8DecodeStrict(new Uint8Array([0xff]))).toBeUndefined();
    expect(utf8DecodeStrict(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('\ufeffa');
  });

  it('encodes exactly as TextEncoder, on the short ASCII path and off it', () => {
    const encoder = new TextEncoder();
    // Short strings of ASCII with the odd non-ASCII character or lone surrogate, and longer ones.
    const char = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
      { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xffff }) },
    );
    const text = fc.array(char, { maxLength: 80 }).map((codes) => String.fromCharCode(...codes));
    fc.assert(
      fc.property(text, (t) => {
        expect([...utf8Encode(t)]).toEqual([...encoder.encode(t)]);
      }),
      { numRuns: 2000 },
    );
    expect([...utf8Encode('a\ud800')]).toEqual([0x61, 0xef, 0xbf, 0xbd]);
  });

  it('decodes exactly as a fatal TextDecoder that keeps the BOM, on the short ASCII path and off it', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const expected = (bytes: Uint8Array): string | undefined => {
      try {
        return decoder.decode(bytes);
      } catch {
        return undefined;
      }
    };
    const byte = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
      { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 80 }), (values) => {
        const bytes = Uint8Array.from(values);
        expect(utf8DecodeStrict(bytes)).toBe(expected(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('joins, converts and round-trips hex', () => {
    expect([...concatBytes(toBytes('a'), new Uint8Array([1]))]).toEqual([0x61, 1]);
    expect(bytesToHex(new Uint8Array([0, 255]))).toBe('00ff');
    expect([...(hexToBytes('00fF') ?? [])]).toEqual([0, 255]);
    expect(hexToBytes('0')).toBeUndefined();
    expect(hexToBytes('zz')).toBeUndefined();
  });
});
