import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  byteLength,
  fromByteString,
  hasLoneSurrogate,
  isAsciiFast,
  toByteString,
} from './byte-string.js';

describe('isAsciiFast', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  const cases: Array<[string, boolean]> = [
    ['', true],
    ['a=1; b=2', true],
    ['\x00\x7f', true],
    ['é', false],
    ['\u00c3\u00a9', false],
    ['\ud800', false],
    ['😀', false],
    [`${'a'.repeat(8191)}é`, false],
    ['a'.repeat(8192), true],
  ];

  it('is true exactly for ASCII text, with Buffer (Node)', () => {
    for (const [text, ascii] of cases) expect(isAsciiFast(text)).toBe(ascii);
    expect(isAsciiFast('a'.repeat(9000))).toBe(true);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 9000 }), (text) => {
        expect(isAsciiFast(text)).toBe(!/[^\x00-\x7f]/.test(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('is true exactly for ASCII text up to 8192 chars without Buffer (TextEncoder)', async () => {
    vi.stubGlobal('Buffer', undefined);
    vi.resetModules();
    const { isAsciiFast: portable } = await import('./byte-string.js');
    for (const [text, ascii] of cases) expect(portable(text)).toBe(ascii);
    // Longer than a request header: false even when ASCII (the caller's general path reads it).
    expect(portable('a'.repeat(8193))).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 9000 }), (text) => {
        expect(portable(text)).toBe(text.length <= 8192 && !/[^\x00-\x7f]/.test(text));
      }),
      { numRuns: 2000 },
    );
  });
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
