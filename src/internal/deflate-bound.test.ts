import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zlibCannotSaveTwoBytes } from './deflate-bound.js';

const text = (s: string) => new TextEncoder().encode(s);

/** Small inputs of every kind: session-like JSON, a few repeated letters, any bytes. */
const smallInputs = fc.oneof(
  fc.uint8Array({ maxLength: 70 }),
  fc.string({ maxLength: 70, unit: fc.constantFrom(...'ab{}":,0123456789') }).map(text),
  fc
    .dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string({ maxLength: 12 })), {
      maxKeys: 3,
    })
    .map((o) => text(JSON.stringify(o))),
);

describe('zlibCannotSaveTwoBytes', () => {
  it('is true only where no zlib level shortens the input by 2 bytes (checked against node:zlib)', () => {
    fc.assert(
      fc.property(smallInputs, (data) => {
        if (!zlibCannotSaveTwoBytes(data)) return;
        for (const level of [1, 6, 9]) {
          for (const strategy of [0, 1, 2, 3]) {
            const packed = deflateSync(data, { level, strategy });
            expect(packed.length).toBeGreaterThanOrEqual(data.length - 1);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('skips the attempt for a small session and keeps it for what compresses', () => {
    expect(zlibCannotSaveTwoBytes(text('{"count":1}'))).toBe(true);
    expect(zlibCannotSaveTwoBytes(text('{"count":1234567}'))).toBe(true);
    expect(zlibCannotSaveTwoBytes(text('{"user_id":42}'))).toBe(true);
    // A repeated run: deflate shortens it, so it must be tried.
    const run = text('{"a":"xxxxxxxxxxxxxxxxxxxx"}');
    expect(zlibCannotSaveTwoBytes(run)).toBe(false);
    expect(deflateSync(run).length).toBeLessThan(run.length - 1);
    // Over the size checked: always tried.
    expect(zlibCannotSaveTwoBytes(text(`{"k":"${'abcdefghij'.repeat(7)}"}`))).toBe(false);
  });

  it('claims nothing for an input with 3 bytes repeated: the entropy bound assumes no LZ77 match', () => {
    // Few symbols, high entropy: the entropy bound alone would pass it, but "abc" occurs twice.
    const repeated = text('abcdefabcxyz');
    expect(zlibCannotSaveTwoBytes(repeated)).toBe(false);
    expect(zlibCannotSaveTwoBytes(text('abcdefghixyz'))).toBe(true);
  });

  it('is true below 9 bytes, where even an empty stream is 7', () => {
    expect(zlibCannotSaveTwoBytes(text('aaaaaaaa'))).toBe(true);
    expect(deflateSync(text('aaaaaaaa')).length).toBeGreaterThanOrEqual(7);
  });
});
