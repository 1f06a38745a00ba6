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

  it('joins, converts and round-trips hex', () => {
    expect([...concatBytes(toBytes('a'), new Uint8Array([1]))]).toEqual([0x61, 1]);
    expect(bytesToHex(new Uint8Array([0, 255]))).toBe('00ff');
    expect([...(hexToBytes('00fF') ?? [])]).toEqual([0, 255]);
    expect(hexToBytes('0')).toBeUndefined();
    expect(hexToBytes('zz')).toBeUndefined();
  });
});
