import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  byteLength,
  fromByteString,
  hasLoneSurrogate,
  isAsciiBulk,
  toByteString,
} from './byte-string.js';
import { setPortableOnly } from './node-builtin.js';

describe('isAsciiBulk', () => {
  afterEach(() => setPortableOnly(false));

  const cases: Array<[string, boolean]> = [
    ['', true],
    ['a=1; b=2', true],
    ['\x00\x7f', true],
    ['é', false],
    ['\u00c3\u00a9', false],
    ['\ud800', false],
    ['😀', false],
    [`${'a'.repeat(9000)}é`, false],
    ['a'.repeat(9000), true],
  ];

  it.each([false, true])(
    'answers alike with portableOnly %s (Buffer on Node, TextEncoder elsewhere)',
    (portable) => {
      setPortableOnly(portable);
      for (const [text, ascii] of cases) expect(isAsciiBulk(text)).toBe(ascii);
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (text) => {
          expect(isAsciiBulk(text)).toBe(!/[^\x00-\x7f]/.test(text));
        }),
        { numRuns: 2000 },
      );
    },
  );
});

describe('ByteString conversions', () => {
  it.each([
    ['é', '\u00c3\u00a9'],
    ['😀', '\u00f0\u009f\u0098\u0080'],
    ['a', 'a'],
    ['\ud800', '\u00ef\u00bf\u00bd'],
  ])('toByteString(%j) is its UTF-8 octets', (text, octets) => {
    expect(toByteString(text)).toBe(octets);
  });

  it('fromByteString reads valid UTF-8 octets and leaves anything else as is', () => {
    expect(fromByteString('\u00c3\u00a9')).toBe('é');
    expect(fromByteString('\u00c3')).toBe('\u00c3');
    expect(fromByteString('\u00ed\u00a0\u0080')).toBe('\u00ed\u00a0\u0080');
    expect(fromByteString('\u00c0\u0080')).toBe('\u00c0\u0080');
    expect(fromByteString('\u00ef\u00bb\u00bf')).toBe('\ufeff');
    expect(fromByteString('é€')).toBe('é€');
  });

  it('round-trips any well-formed text, and counts its octets', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(fromByteString(toByteString(text))).toBe(text);
        // Text with no char above 0xFF may already be octets: it counts one per char.
        const unicode = /[^\x00-\xff]/.test(text);
        expect(byteLength(text)).toBe(
          unicode ? new TextEncoder().encode(text).length : text.length,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('finds lone surrogates only', () => {
    expect(hasLoneSurrogate('\ud800')).toBe(true);
    expect(hasLoneSurrogate('a\udc00')).toBe(true);
    expect(hasLoneSurrogate('😀')).toBe(false);
    expect(hasLoneSurrogate('abc')).toBe(false);
  });
});
