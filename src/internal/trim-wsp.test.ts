import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWsp, trimWsp } from './trim-wsp.js';

describe('isWsp', () => {
  it('is true for SP and HTAB only, false past the ends of a string', () => {
    expect(isWsp(0x20)).toBe(true);
    expect(isWsp(0x09)).toBe(true);
    for (const char of ['\n', '\r', '\v', '\f', '\u00a0', 'a', ';']) {
      expect(isWsp(char.charCodeAt(0))).toBe(false);
    }
    expect(isWsp(''.charCodeAt(0))).toBe(false);
  });
});

describe('trimWsp', () => {
  it('trims spaces and tabs at both ends of the range, nothing else', () => {
    expect(trimWsp(' a=1 ;', 0, 5)).toBe('a=1');
    expect(trimWsp('x\t a b \ty', 1, 8)).toBe('a b');
    expect(trimWsp('\n a \r', 0, 5)).toBe('\n a \r');
    expect(trimWsp('\u00a0a\u00a0', 0, 3)).toBe('\u00a0a\u00a0');
    expect(trimWsp(' \t ', 0, 3)).toBe('');
    expect(trimWsp('abc', 2, 2)).toBe('');
  });

  it('equals a slice with the WSP regex trim, on any text and range', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = Math.min(a, b) % (text.length + 1);
        const end = Math.max(start, Math.max(a, b) % (text.length + 1));
        expect(trimWsp(text, start, end)).toBe(
          text
            .slice(start, end)
            .replace(/^[ \t]+/, '')
            .replace(/[ \t]+$/, ''),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
