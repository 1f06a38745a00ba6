import { deflateRawSync, inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { setPortableOnly } from './node-builtin.js';
import { zlibCompress, zlibDecompress } from './zlib.js';

const enc = new TextEncoder();

describe.each([
  ['node:zlib', false],
  ['CompressionStream', true],
] as const)('zlib over %s', (_, portable) => {
  afterEach(() => setPortableOnly(false));

  it('compresses with the zlib wrapper and decompresses back', async () => {
    setPortableOnly(portable);
    const data = enc.encode(JSON.stringify({ data: 'x'.repeat(500) }));
    const packed = await zlibCompress(data);
    expect(packed[0]).toBe(0x78); // zlib header (RFC 1950), not raw deflate
    expect(packed.length).toBeLessThan(data.length);
    expect(Buffer.from(inflateSync(packed)).toString()).toBe(Buffer.from(data).toString());
    expect(Buffer.from((await zlibDecompress(packed)) ?? []).toString()).toBe(
      Buffer.from(data).toString(),
    );
  });

  it('refuses raw deflate, garbage and truncated streams with undefined', async () => {
    setPortableOnly(portable);
    const data = enc.encode('hello hello hello');
    expect(await zlibDecompress(deflateRawSync(data))).toBeUndefined();
    expect(await zlibDecompress(enc.encode('not zlib'))).toBeUndefined();
    const packed = await zlibCompress(data);
    expect(await zlibDecompress(packed.slice(0, packed.length - 3))).toBeUndefined();
  });
});
